use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlay;
use super::theme::Theme;
use crate::app::editor::NoteEditor;
use crate::app::{Action, AppState};

/// The note editor overlay: the passage, the note being written, the
/// colour, and the keys that save and cancel.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, ed: &NoteEditor, theme: &Theme) {
    let body = overlay(frame, area, 72, 14, "Note", theme);
    if body.height < 5 {
        return;
    }
    let excerpt = Line::from(Span::styled(
        format!("“{}”", ed.excerpt),
        theme.highlight(ed.colour),
    ));
    frame.render_widget(Paragraph::new(excerpt), Rect { height: 1, ..body });
    let text = Rect {
        y: body.y + 2,
        height: body.height - 4,
        ..body
    };
    frame.render_widget(&ed.textarea, text);
    // The keys as the user's key map has them.
    let key = |a: Action| {
        state
            .keymap
            .hint(&state.mode, state.focus, &a)
            .unwrap_or_else(|| "—".into())
    };
    let keys = Line::from(vec![
        Span::styled(key(Action::EditorSave), theme.key()),
        Span::raw(" save  "),
        Span::styled(key(Action::Cancel), theme.key()),
        Span::raw(" cancel  "),
        Span::styled(key(Action::EditorColour), theme.key()),
        Span::raw(format!(" colour: {}", ed.colour)),
    ]);
    let more = Line::from(vec![
        Span::styled(key(Action::EditorUndo), theme.key()),
        Span::raw(" undo  "),
        Span::styled(key(Action::EditorRedo), theme.key()),
        Span::raw(" redo  "),
        Span::styled("#tag", theme.key()),
        Span::raw(" tags"),
    ]);
    frame.render_widget(
        Paragraph::new(vec![keys, more]),
        Rect {
            y: body.y + body.height - 2,
            height: 2,
            ..body
        },
    );
}
