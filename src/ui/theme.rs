//! Styles, from the theme's named colours (`config::theme`). No fixed
//! background colour is set; under `NO_COLOR` only bold, italic,
//! underline, dim and reverse are used.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::entities::EntityKind;
use crate::config::theme::Colours;
use crate::corpus::structure::LineKind;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
    c: Colours,
}

impl Theme {
    pub fn new(colours: &Colours, color: bool) -> Self {
        Theme { color, c: *colours }
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
            self.fg(self.c.border_focused).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.c.border)
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(self.c.dim).add_modifier(Modifier::DIM)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(self.c.selected_bg).fg(self.c.selected_fg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn line(&self, kind: LineKind) -> Style {
        match kind {
            LineKind::Title => self.fg(self.c.title_line).add_modifier(Modifier::BOLD),
            LineKind::Heading => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            LineKind::Byline | LineKind::Dateline => {
                self.fg(self.c.byline).add_modifier(Modifier::ITALIC)
            }
            k if k.is_dim() => self.dim().add_modifier(Modifier::ITALIC),
            _ => Style::new(),
        }
    }

    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new()
                .bg(self.c.search_match_bg)
                .fg(self.c.search_match_fg)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .bg(self.c.current_match_bg)
                .fg(self.c.current_match_fg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(self.c.error).add_modifier(Modifier::BOLD)
    }

    /// A speaker's colour (slot from the palette); without colour, bold
    /// with underline on every other slot.
    pub fn speaker(&self, slot: usize) -> Style {
        if self.color {
            Style::new().fg(self.c.speakers[slot % self.c.speakers.len()])
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
                .bg(self.c.flash_bg)
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
            C::Yellow => self.c.highlight_yellow,
            C::Green => self.c.highlight_green,
            C::Blue => self.c.highlight_blue,
            C::Pink => self.c.highlight_pink,
            C::Purple => self.c.highlight_purple,
        };
        Style::new().bg(bg).fg(self.c.highlight_fg)
    }

    /// The cursor's row in the reader: a subtle background (nothing
    /// without colour: the gutter's marker shows it).
    pub fn cursor_row(&self) -> Style {
        if self.color {
            Style::new().bg(self.c.cursor_bg)
        } else {
            Style::new()
        }
    }

    /// The cursor's marker in the reader's gutter.
    pub fn cursor_mark(&self) -> Style {
        self.key()
    }

    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Mentions of the entity chosen in the Entities tab.
    pub fn entity_mention(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        if self.color {
            s.bg(self.c.mention_bg).fg(self.c.mention_fg)
        } else {
            s
        }
    }

    pub fn stage_direction(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn key(&self) -> Style {
        self.fg(self.c.key).add_modifier(Modifier::BOLD)
    }

    /// The heading of an entity type in the Entities tab.
    pub fn entity_kind(&self, kind: EntityKind) -> Style {
        let c = match kind {
            EntityKind::Person => self.c.person,
            EntityKind::Org => self.c.org,
            EntityKind::Place => self.c.place,
            EntityKind::Money => self.c.money,
            EntityKind::Percent => self.c.percent,
            EntityKind::Date => self.c.date,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
}
