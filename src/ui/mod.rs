//! Drawing. Each pane reads the state and draws; the only thing written
//! back is `Viewports`: the sizes drawn, which `update` needs for paging,
//! and the hit map of what was drawn where, which clicks read.

mod doc_list;
mod editor;
mod help;
mod hints;
pub mod layout;
mod reader;
mod results;
mod sidebar;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::app::{AppState, Mode, Pane, Viewports};
use layout::{AppLayout, ONE_PANE};
use theme::Theme;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, state: &AppState, vp: &mut Viewports) {
    let area = frame.area();
    let theme = Theme::new(&state.colours, state.color);
    vp.hits = Default::default();
    vp.help_rows = 0;
    let layout = AppLayout::new(area, state.focus);
    vp.panes = layout.panes.clone();
    if layout.too_small {
        let msg = format!(
            "Enlarge the terminal: plenary needs at least {}×{} (now {}×{}).",
            ONE_PANE.0, ONE_PANE.1, area.width, area.height
        );
        let p = Paragraph::new(msg)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center);
        frame.render_widget(p, area);
        return;
    }
    for &(pane, rect) in &layout.panes {
        let focused = pane == state.focus;
        match pane {
            Pane::List => doc_list::render(frame, rect, state, vp, &theme, focused),
            Pane::Reader => reader::render(frame, rect, state, vp, &theme, focused),
            Pane::Sidebar => sidebar::render(frame, rect, state, vp, &theme, focused),
        }
    }
    status::render(frame, layout.status, state, vp, &theme);
    match &state.mode {
        Mode::Help(h) => help::render(frame, area, state, h, vp, &theme),
        Mode::Editor(ed) => editor::render(frame, area, state, ed, &theme),
        Mode::Results => results::render(frame, area, state, vp, &theme),
        _ => {}
    }
}

/// A pane's frame: rounded border, bright when focused, with its title.
fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(theme.border(focused))
        .title(title)
}

/// A pane title with its number key: " 2 Reader ".
fn pane_title(key: char, name: String, focused: bool, theme: &Theme) -> Line<'static> {
    let style = if focused { theme.key() } else { Style::new() };
    Line::from(vec![
        Span::styled(format!(" {key} "), style),
        Span::styled(format!("{name} "), theme.title()),
    ])
}

/// Clears a `w`×`h` box centred in `area` (cut to fit), frames it with
/// `title`, and returns the area inside the frame.
fn overlay(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let (w, h) = (area.width.min(w), area.height.min(h));
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(ratatui::widgets::Clear, rect);
    let title = Line::from(Span::styled(format!(" {title} "), theme.title()));
    frame.render_widget(pane_block(title, true, theme), rect);
    inner(rect)
}

/// The area inside a bordered block.
fn inner(rect: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(rect)
}
