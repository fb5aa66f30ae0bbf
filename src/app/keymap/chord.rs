//! Keys as the key map writes them (`j`, `G`, `ctrl-d`, `shift-tab`,
//! `f1`) and as the help shows them (`Ctrl-d`, `Shift-Tab`, `F1`).

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key press: a key with or without Ctrl and Alt (Shift is part of
/// the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// A binding's keys: one chord or a sequence.
pub type Keys = Vec<Chord>;

/// Named keys, as written in the key map.
const NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

impl Chord {
    pub const fn key(c: char) -> Chord {
        Chord {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: false,
        }
    }

    /// Reads one key as the key map writes it: `j`, `G`, `ctrl-d`,
    /// `alt-x`, `shift-tab`, `pagedown`, `f1`.
    pub fn parse(s: &str) -> Result<Chord, String> {
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let cut = ["ctrl-", "c-", "alt-", "a-", "m-", "shift-", "s-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            let Some(p) = cut else { break };
            match p.chars().next() {
                Some('c') => ctrl = true,
                Some('a' | 'm') => alt = true,
                _ => shift = true,
            }
            rest = &rest[p.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                if shift {
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                let named = NAMES.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k);
                let f = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=24).contains(n))
                    .map(KeyCode::F);
                match named.or(f) {
                    Some(KeyCode::Tab) if shift => KeyCode::BackTab,
                    Some(k) => k,
                    None => return Err(format!("unknown key name {s:?}")),
                }
            }
        };
        let ctrl_char = ctrl && matches!(code, KeyCode::Char(_));
        Ok(Chord {
            code: match code {
                KeyCode::Char(c) if ctrl_char => KeyCode::Char(c.to_ascii_lowercase()),
                other => other,
            },
            ctrl,
            alt,
        })
    }

    /// The chord a terminal key event is.
    pub fn of(ev: &KeyEvent) -> Chord {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Chord { code, ctrl, alt }
    }

    /// A character typed without Ctrl or Alt.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(c) if c != ' ') && !self.ctrl && !self.alt
    }

    pub(super) fn digit(&self) -> Option<usize> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => c.to_digit(10).map(|d| d as usize),
            _ => None,
        }
    }
}

/// How the help screen writes a key.
impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Writes a sequence of keys: `g g`.
pub fn label(keys: &[Chord]) -> String {
    keys.iter()
        .map(Chord::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
