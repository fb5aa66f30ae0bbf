//! Colours are data: the built-in themes (`assets/themes.toml`), a config
//! file's `[colors]` over them, and every colour brought down to what the
//! terminal can show (true colour, 256 or 16 colours).

use std::str::FromStr;

use ratatui::style::Color;

use super::ConfigError;

/// The built-in themes.
pub const THEMES: &str = include_str!("../../assets/themes.toml");

/// Names of the built-in themes.
pub const THEME_NAMES: [&str; 3] = ["dark", "light", "high-contrast"];

/// Number of speaker colours (the speaker palette's slots).
pub const SPEAKERS: usize = crate::app::palette::SLOTS;

/// Every named colour of a theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colours {
    pub border: Color,
    pub border_focused: Color,
    pub key: Color,
    pub dim: Color,
    pub selected_fg: Color,
    pub selected_bg: Color,
    pub error: Color,
    pub title_line: Color,
    pub byline: Color,
    pub search_match_fg: Color,
    pub search_match_bg: Color,
    pub current_match_fg: Color,
    pub current_match_bg: Color,
    pub flash_bg: Color,
    pub cursor_bg: Color,
    pub mention_fg: Color,
    pub mention_bg: Color,
    pub highlight_fg: Color,
    pub highlight_yellow: Color,
    pub highlight_green: Color,
    pub highlight_blue: Color,
    pub highlight_pink: Color,
    pub highlight_purple: Color,
    pub speakers: [Color; SPEAKERS],
    pub person: Color,
    pub org: Color,
    pub place: Color,
    pub money: Color,
    pub percent: Color,
    pub date: Color,
}

impl Colours {
    /// The colour called `name` in a theme table (not `speakers`).
    fn named(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "key" => &mut self.key,
            "dim" => &mut self.dim,
            "selected_fg" => &mut self.selected_fg,
            "selected_bg" => &mut self.selected_bg,
            "error" => &mut self.error,
            "title_line" => &mut self.title_line,
            "byline" => &mut self.byline,
            "search_match_fg" => &mut self.search_match_fg,
            "search_match_bg" => &mut self.search_match_bg,
            "current_match_fg" => &mut self.current_match_fg,
            "current_match_bg" => &mut self.current_match_bg,
            "flash_bg" => &mut self.flash_bg,
            "cursor_bg" => &mut self.cursor_bg,
            "mention_fg" => &mut self.mention_fg,
            "mention_bg" => &mut self.mention_bg,
            "highlight_fg" => &mut self.highlight_fg,
            "highlight_yellow" => &mut self.highlight_yellow,
            "highlight_green" => &mut self.highlight_green,
            "highlight_blue" => &mut self.highlight_blue,
            "highlight_pink" => &mut self.highlight_pink,
            "highlight_purple" => &mut self.highlight_purple,
            "person" => &mut self.person,
            "org" => &mut self.org,
            "place" => &mut self.place,
            "money" => &mut self.money,
            "percent" => &mut self.percent,
            "date" => &mut self.date,
            _ => return None,
        })
    }

    /// Every colour, for bringing them all down to the terminal's depth.
    fn all_mut(&mut self) -> Vec<&mut Color> {
        let Colours {
            border,
            border_focused,
            key,
            dim,
            selected_fg,
            selected_bg,
            error,
            title_line,
            byline,
            search_match_fg,
            search_match_bg,
            current_match_fg,
            current_match_bg,
            flash_bg,
            cursor_bg,
            mention_fg,
            mention_bg,
            highlight_fg,
            highlight_yellow,
            highlight_green,
            highlight_blue,
            highlight_pink,
            highlight_purple,
            speakers,
            person,
            org,
            place,
            money,
            percent,
            date,
        } = self;
        let mut all = vec![
            border,
            border_focused,
            key,
            dim,
            selected_fg,
            selected_bg,
            error,
            title_line,
            byline,
            search_match_fg,
            search_match_bg,
            current_match_fg,
            current_match_bg,
            flash_bg,
            cursor_bg,
            mention_fg,
            mention_bg,
            highlight_fg,
            highlight_yellow,
            highlight_green,
            highlight_blue,
            highlight_pink,
            highlight_purple,
            person,
            org,
            place,
            money,
            percent,
            date,
        ];
        all.extend(speakers.iter_mut());
        all
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Colours> {
        let doc = toml_edit::Document::parse(THEMES).expect("the built-in themes parse");
        let table = doc.get(name)?.as_table_like()?;
        let mut c = Colours::blank();
        let errors = c.apply(table, THEMES, "(built-in themes)", name);
        assert!(errors.is_empty(), "built-in theme {name}: {errors:?}");
        Some(c)
    }

    fn blank() -> Colours {
        Colours {
            border: Color::Reset,
            border_focused: Color::Reset,
            key: Color::Reset,
            dim: Color::Reset,
            selected_fg: Color::Reset,
            selected_bg: Color::Reset,
            error: Color::Reset,
            title_line: Color::Reset,
            byline: Color::Reset,
            search_match_fg: Color::Reset,
            search_match_bg: Color::Reset,
            current_match_fg: Color::Reset,
            current_match_bg: Color::Reset,
            flash_bg: Color::Reset,
            cursor_bg: Color::Reset,
            mention_fg: Color::Reset,
            mention_bg: Color::Reset,
            highlight_fg: Color::Reset,
            highlight_yellow: Color::Reset,
            highlight_green: Color::Reset,
            highlight_blue: Color::Reset,
            highlight_pink: Color::Reset,
            highlight_purple: Color::Reset,
            speakers: [Color::Reset; SPEAKERS],
            person: Color::Reset,
            org: Color::Reset,
            place: Color::Reset,
            money: Color::Reset,
            percent: Color::Reset,
            date: Color::Reset,
        }
    }

    /// Sets the colours a table names; returns every problem (the colours
    /// named correctly are set regardless).
    pub fn apply(
        &mut self,
        table: &dyn toml_edit::TableLike,
        text: &str,
        file: &str,
        section: &str,
    ) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        for (name, item) in table.iter() {
            let line = super::line_of(text, table.key(name).and_then(|k| k.span()));
            let what = format!("[{section}] {name}");
            if name == "speakers" {
                let Some(list) = item.as_array() else {
                    errors.push(ConfigError::new(
                        file,
                        line,
                        &what,
                        "must be a list of colours",
                    ));
                    continue;
                };
                if list.is_empty() {
                    errors.push(ConfigError::new(
                        file,
                        line,
                        &what,
                        "needs at least one colour",
                    ));
                    continue;
                }
                let parsed: Result<Vec<Color>, String> = list.iter().map(parse_colour).collect();
                match parsed {
                    // Fewer colours than slots: they repeat.
                    Ok(cs) => {
                        for (i, s) in self.speakers.iter_mut().enumerate() {
                            *s = cs[i % cs.len()];
                        }
                    }
                    Err(e) => errors.push(ConfigError::new(file, line, &what, &e)),
                }
                continue;
            }
            let Some(slot) = self.named(name) else {
                errors.push(ConfigError::new(
                    file,
                    line,
                    &what,
                    "no such colour in a theme",
                ));
                continue;
            };
            match item.as_value().map(parse_colour) {
                Some(Ok(c)) => *slot = c,
                Some(Err(e)) => errors.push(ConfigError::new(file, line, &what, &e)),
                None => errors.push(ConfigError::new(file, line, &what, "must be a colour")),
            }
        }
        errors
    }

    /// Every colour brought down to what the terminal shows.
    pub fn fit(mut self, depth: Depth) -> Colours {
        for c in self.all_mut() {
            *c = fit(*c, depth);
        }
        self
    }
}

/// A colour as a config file writes it: a name, `"#rrggbb"`, or a
/// 256-colour index (number or string).
fn parse_colour(v: &toml_edit::Value) -> Result<Color, String> {
    match v {
        toml_edit::Value::Integer(i) => u8::try_from(*i.value())
            .map(Color::Indexed)
            .map_err(|_| format!("colour index {} is not within 0-255", i.value())),
        toml_edit::Value::String(s) => Color::from_str(s.value()).map_err(|_| {
            format!(
                "unknown colour {:?} (a name, \"#rrggbb\" or 0-255)",
                s.value()
            )
        }),
        _ => Err("a colour is a name, \"#rrggbb\" or 0-255".into()),
    }
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    Ansi16,
    Ansi256,
    TrueColor,
}

impl Depth {
    /// From the environment: `COLORTERM=truecolor` (or `24bit`), a `TERM`
    /// naming 256 colours, else the 16 every colour terminal has.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> Depth {
        let ct = colorterm.unwrap_or("").to_ascii_lowercase();
        let term = term.unwrap_or("").to_ascii_lowercase();
        if ct == "truecolor" || ct == "24bit" || term.contains("direct") {
            Depth::TrueColor
        } else if term.contains("256") || ct.contains("256") {
            Depth::Ansi256
        } else {
            Depth::Ansi16
        }
    }
}

/// The 16 standard colours with the RGB values xterm gives them.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// One colour brought down to `depth`: true colour to the nearest of the
/// 256, and anything beyond the 16 to the nearest of those.
pub fn fit(c: Color, depth: Depth) -> Color {
    match (c, depth) {
        (_, Depth::TrueColor) => c,
        (Color::Rgb(r, g, b), Depth::Ansi256) => {
            Color::Indexed(ansi_colours::ansi256_from_rgb((r, g, b)))
        }
        (Color::Rgb(r, g, b), Depth::Ansi16) => nearest16((r, g, b)),
        (Color::Indexed(i), Depth::Ansi16) if i < 16 => ANSI16[i as usize].0,
        (Color::Indexed(i), Depth::Ansi16) => nearest16(ansi_colours::rgb_from_ansi256(i)),
        _ => c,
    }
}

fn nearest16((r, g, b): (u8, u8, u8)) -> Color {
    let d = |(r2, g2, b2): (u8, u8, u8)| {
        let dr = i32::from(r) - i32::from(r2);
        let dg = i32::from(g) - i32::from(g2);
        let db = i32::from(b) - i32::from(b2);
        dr * dr * 3 + dg * dg * 4 + db * db * 2
    };
    ANSI16
        .iter()
        .min_by_key(|(_, rgb)| d(*rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_sets_every_colour() {
        for name in THEME_NAMES {
            let c = Colours::builtin(name).unwrap();
            let mut c2 = c;
            for slot in c2.all_mut() {
                assert_ne!(*slot, Color::Reset, "{name} leaves a colour unset");
            }
        }
        assert!(Colours::builtin("sepia").is_none());
    }

    #[test]
    fn the_terminal_depth_comes_from_the_environment() {
        assert_eq!(
            Depth::detect(Some("truecolor"), Some("xterm")),
            Depth::TrueColor
        );
        assert_eq!(Depth::detect(Some("24bit"), None), Depth::TrueColor);
        assert_eq!(Depth::detect(None, Some("xterm-256color")), Depth::Ansi256);
        assert_eq!(Depth::detect(None, Some("xterm")), Depth::Ansi16);
        assert_eq!(Depth::detect(None, Some("linux")), Depth::Ansi16);
        assert_eq!(Depth::detect(None, None), Depth::Ansi16);
    }

    #[test]
    fn colours_are_brought_down_to_the_depth() {
        let orange = Color::Rgb(255, 135, 0);
        assert_eq!(fit(orange, Depth::TrueColor), orange);
        assert_eq!(fit(orange, Depth::Ansi256), Color::Indexed(208));
        // Orange has no ANSI name: the nearest of the 16 is a red or yellow.
        assert!(matches!(
            fit(orange, Depth::Ansi16),
            Color::Red | Color::LightRed | Color::Yellow | Color::LightYellow
        ));
        assert_eq!(fit(Color::Indexed(21), Depth::Ansi16), Color::Blue);
        assert_eq!(fit(Color::Indexed(9), Depth::Ansi16), Color::LightRed);
        assert_eq!(fit(Color::Cyan, Depth::Ansi16), Color::Cyan);
        let dark = Colours::builtin("dark").unwrap().fit(Depth::Ansi16);
        let mut d = dark;
        for c in d.all_mut() {
            assert!(!matches!(c, Color::Indexed(_) | Color::Rgb(..)), "{c:?}");
        }
    }
}
