use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use super::{inner, pane_block};
use crate::app::editor::NoteEditor;

/// The note editor overlay: the passage, the note being written, the
/// colour, and the keys that save and cancel.
pub fn render(frame: &mut Frame, area: Rect, ed: &NoteEditor, theme: &Theme) {
    let w = area.width.min(72);
    let h = area.height.min(14);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, rect);
    let title = Line::from(Span::styled(" Note ", theme.title()));
    frame.render_widget(pane_block(title, true, theme), rect);
    let body = inner(rect);
    if body.height < 4 {
        return;
    }
    let excerpt = Line::from(Span::styled(
        format!("“{}”", ed.excerpt),
        theme.highlight(ed.colour),
    ));
    frame.render_widget(Paragraph::new(excerpt), Rect { height: 1, ..body });
    let text = Rect {
        y: body.y + 2,
        height: body.height - 3,
        ..body
    };
    frame.render_widget(&ed.textarea, text);
    let keys = Line::from(vec![
        Span::styled("Ctrl-s", theme.key()),
        Span::raw(" save  "),
        Span::styled("Esc", theme.key()),
        Span::raw(" cancel  "),
        Span::styled("Ctrl-o", theme.key()),
        Span::raw(format!(" colour: {}  ", ed.colour)),
        Span::styled("#tag", theme.key()),
        Span::raw(" tags"),
    ]);
    frame.render_widget(
        Paragraph::new(keys),
        Rect {
            y: body.y + body.height - 1,
            height: 1,
            ..body
        },
    );
}
