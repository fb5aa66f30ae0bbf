//! The user's configuration: keys and colours, read from one TOML file
//! (`config.toml` in the platform's config directory, or `--config FILE` /
//! `PLENARY_CONFIG`) over the embedded defaults. A file with any problem is
//! reported (file, line, key) and not used: plenary starts with the
//! defaults, never crashes and never half-applies a file.

pub mod theme;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::app::keymap::{DEFAULT_CONFIG, Keymap};
use theme::{Colours, THEME_NAMES};

/// One problem in a config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    /// 1-based; 0 when the problem has no single line.
    pub line: usize,
    /// The setting concerned: `theme`, `[keys.reader] "x"`.
    pub key: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(file: &str, line: usize, key: &str, message: &str) -> Self {
        ConfigError {
            file: file.to_string(),
            line,
            key: key.to_string(),
            message: message.to_string(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}: {}", self.file, self.key, self.message),
            n => write!(f, "{}:{n}: {}: {}", self.file, self.key, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The 1-based line a byte span starts on.
pub(crate) fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> usize {
    span.map_or(0, |r| {
        text.as_bytes()[..r.start.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    })
}

/// Keys and colours in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: String,
    /// The theme's colours with the file's overrides (before fitting them
    /// to the terminal).
    pub colours: Colours,
    /// The reader's text is at most this many columns wide, centred in a
    /// wider pane (`[reader] max_width`; 0: the whole pane).
    pub max_width: u16,
}

/// The reader's default text width: lines a reader's eye can follow.
pub const DEFAULT_MAX_WIDTH: u16 = 100;

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::default(),
            theme: "dark".into(),
            colours: Colours::builtin("dark").expect("the dark theme exists"),
            max_width: DEFAULT_MAX_WIDTH,
        }
    }
}

impl Config {
    /// The defaults with the config text `text` (from `file`) over them,
    /// or every problem in it.
    pub fn parse(text: &str, file: &str) -> Result<Config, Vec<ConfigError>> {
        let doc = toml_edit::Document::parse(text).map_err(|e| {
            let line = line_of(text, e.span());
            vec![ConfigError::new(
                file,
                line,
                "syntax",
                e.message().trim_end(),
            )]
        })?;
        let root = doc.as_table();
        let mut errors = Vec::new();
        let mut config = Config::default();
        for (key, item) in root.iter() {
            let line = line_of(text, root.key(key).and_then(|k| k.span()));
            match key {
                "theme" => match item.as_str() {
                    Some(name) if THEME_NAMES.contains(&name) => {
                        config.theme = name.to_string();
                        config.colours = Colours::builtin(name).unwrap_or(config.colours);
                    }
                    _ => errors.push(ConfigError::new(
                        file,
                        line,
                        "theme",
                        &format!("must be one of {}", THEME_NAMES.join(", ")),
                    )),
                },
                "colors" | "keys" => {}
                "reader" => errors.extend(reader_settings(item, text, file, &mut config)),
                other => errors.push(ConfigError::new(
                    file,
                    line,
                    other,
                    "unknown setting (known: theme, [colors], [reader], [keys.*])",
                )),
            }
        }
        if let Some(item) = root.get("colors") {
            match item.as_table_like() {
                Some(t) => errors.extend(config.colours.apply(t, text, file, "colors")),
                None => errors.push(ConfigError::new(
                    file,
                    line_of(text, root.key("colors").and_then(|k| k.span())),
                    "colors",
                    "must be a table",
                )),
            }
        }
        errors.extend(config.keymap.merge(root, text, file));
        errors.sort_by_key(|e| e.line);
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// Reads the config file: `path` when given (`--config`,
    /// `PLENARY_CONFIG`), else `config.toml` in the platform's config
    /// directory if there is one. On any problem: the defaults, and the
    /// problems to tell the user.
    pub fn load(path: Option<&Path>) -> (Config, Vec<String>) {
        let (path, explicit) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => match default_path() {
                Some(p) => (p, false),
                None => return (Config::default(), Vec::new()),
            },
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return (Config::default(), Vec::new());
            }
            Err(e) => {
                let msg = format!(
                    "config {}: cannot be read ({e}); using the defaults",
                    path.display()
                );
                return (Config::default(), vec![msg]);
            }
        };
        match Config::parse(&text, &path.display().to_string()) {
            Ok(c) => (c, Vec::new()),
            Err(errors) => {
                let mut out: Vec<String> = errors.iter().map(ToString::to_string).collect();
                out.push(format!(
                    "config {} not used: plenary started with the defaults",
                    path.display()
                ));
                (Config::default(), out)
            }
        }
    }
}

/// The `[reader]` table: `max_width`.
fn reader_settings(
    item: &toml_edit::Item,
    text: &str,
    file: &str,
    config: &mut Config,
) -> Vec<ConfigError> {
    let Some(table) = item.as_table_like() else {
        let line = line_of(text, item.span());
        return vec![ConfigError::new(file, line, "reader", "must be a table")];
    };
    let mut errors = Vec::new();
    for (key, value) in table.iter() {
        let line = line_of(text, table.key(key).and_then(|k| k.span()));
        match key {
            "max_width" => match value.as_integer().map(u16::try_from) {
                Some(Ok(n)) => config.max_width = n,
                _ => errors.push(ConfigError::new(
                    file,
                    line,
                    "[reader] max_width",
                    "must be a number of columns (0: the whole pane)",
                )),
            },
            other => errors.push(ConfigError::new(
                file,
                line,
                &format!("[reader] {other}"),
                "unknown setting (known: max_width)",
            )),
        }
    }
    errors
}

/// `config.toml` in the platform's config directory
/// (`~/.config/plenary/config.toml` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plenary").map(|d| d.config_dir().join("config.toml"))
}

/// The defaults, as a config file.
pub fn default_text() -> &'static str {
    DEFAULT_CONFIG
}

#[cfg(test)]
mod tests;
