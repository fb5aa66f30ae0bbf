//! Styles. Colours read on dark and light backgrounds alike (no fixed
//! background colour is set); under `NO_COLOR` only bold, italic,
//! underline, dim and reverse are used.

use ratatui::style::{Color, Modifier, Style};

use crate::corpus::structure::LineKind;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn line(&self, kind: LineKind) -> Style {
        match kind {
            LineKind::Title => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            LineKind::Heading => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            LineKind::Byline | LineKind::Dateline => {
                self.fg(Color::Magenta).add_modifier(Modifier::ITALIC)
            }
            k if k.is_dim() => self.dim().add_modifier(Modifier::ITALIC),
            _ => Style::new(),
        }
    }

    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A speaker's colour (slot from the palette). Mid-tone 256-colour
    /// indices that read on dark and light backgrounds; without colour,
    /// bold with underline on every other slot.
    pub fn speaker(&self, slot: usize) -> Style {
        const COLOURS: [u8; crate::app::palette::SLOTS] =
            [33, 166, 35, 170, 37, 136, 99, 160, 70, 67];
        if self.color {
            Style::new().fg(Color::Indexed(COLOURS[slot % COLOURS.len()]))
        } else if slot % 2 == 1 {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The passage a jump landed on (a quotation's source, a quoting
    /// article's quotation).
    pub fn flash(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Indexed(58))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A highlight of the user's, in its colour.
    pub fn highlight(&self, colour: crate::annotations::Colour) -> Style {
        use crate::annotations::Colour as C;
        if !self.color {
            return Style::new().add_modifier(Modifier::UNDERLINED);
        }
        let bg = match colour {
            C::Yellow => 58,
            C::Green => 22,
            C::Blue => 18,
            C::Pink => 89,
            C::Purple => 54,
        };
        Style::new().bg(Color::Indexed(bg)).fg(Color::White)
    }

    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Mentions of the entity chosen in the Entities tab.
    pub fn entity_mention(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        if self.color {
            s.bg(Color::Indexed(23)).fg(Color::White)
        } else {
            s
        }
    }

    pub fn stage_direction(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
