use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use super::{inner, pane_block};
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
    let w = area.width.min(86);
    let h = area.height.min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, rect);
    let title = Line::from(Span::styled(" Keys ", theme.title()));
    frame.render_widget(pane_block(title, true, theme), rect);
    frame.render_widget(Paragraph::new(lines), inner(rect));
}
