use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlay;
use super::theme::Theme;
use crate::app::keymap::BINDINGS;

/// The help overlay, written from the live key table.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            let scope = b
                .pane
                .map(|p| format!(" ({})", p.name()))
                .unwrap_or_default();
            Line::from(vec![
                Span::styled(format!("{:<22}", keys.join(" ")), theme.key()),
                Span::raw(format!("{}{scope}", b.help)),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Mouse: wheel scrolls the pane under the pointer; click focuses and selects.",
        theme.dim(),
    )));
    lines.push(Line::from(Span::styled(
        "Esc, ? or q closes this help.",
        theme.dim(),
    )));
    let body = overlay(frame, area, 86, lines.len() as u16 + 2, "Keys", theme);
    frame.render_widget(Paragraph::new(lines), body);
}
