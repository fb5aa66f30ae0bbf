use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::theme::Theme;
use super::{inner, pane_block, pane_title};
use crate::app::{AppState, Viewports};
use crate::reflow::{self, RowKind};

/// Columns left of the text for marks (speaker bars, notes).
pub const GUTTER: u16 = 2;

/// The reader: only the visible rows are built, so a frame costs the same
/// for a short and a huge document.
pub fn render(
    frame: &mut Frame,
    rect: Rect,
    state: &AppState,
    vp: &mut Viewports,
    theme: &Theme,
    focused: bool,
) {
    let name = state.doc().map_or_else(
        || "Reader".to_string(),
        |d| reflow::truncate(&d.meta.title, rect.width.saturating_sub(8) as usize),
    );
    frame.render_widget(
        pane_block(pane_title('2', name, focused, theme), focused, theme),
        rect,
    );
    let area = inner(rect);
    let text_area = Rect {
        x: area.x + GUTTER.min(area.width),
        width: area.width.saturating_sub(GUTTER + 1),
        ..area
    };
    vp.reader_rows = text_area.height as usize;
    vp.reader_cols = text_area.width as usize;
    let Some(doc) = state.doc() else {
        let p = Paragraph::new(Span::styled("No document is open.", theme.dim()));
        frame.render_widget(p, text_area);
        return;
    };
    let wrapped = state.wrapped(vp.reader_cols);
    let rows = &wrapped.rows;
    let max_top = rows.len().saturating_sub(vp.reader_rows);
    let top = wrapped.row_of(state.view().top).min(max_top);
    let matches = state
        .search
        .as_ref()
        .filter(|s| s.doc == state.open)
        .map(|s| (s.matches.as_slice(), s.current_range()));

    let mut lines = Vec::with_capacity(vp.reader_rows);
    for row in rows.iter().skip(top).take(vp.reader_rows) {
        let line = match &row.kind {
            RowKind::Gap => Line::default(),
            RowKind::Fold(r) => Line::from(Span::styled(
                format!(
                    "▸ {} lines of page furniture folded — z or click to show",
                    r.len()
                ),
                theme.dim().add_modifier(Modifier::ITALIC),
            )),
            RowKind::Text => {
                let base = theme.line(doc.structure.lines[row.line].kind);
                let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
                if let Some((all, current)) = &matches {
                    let first = all.partition_point(|m| m.end <= row.range.start);
                    for m in all[first..].iter().take_while(|m| m.start < row.range.end) {
                        let style = if current.as_ref() == Some(m) {
                            theme.current_match()
                        } else {
                            theme.search_match()
                        };
                        marks.push((m.clone(), style));
                    }
                }
                styled_row(&doc.text, row.range.clone(), base, &marks)
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), text_area);

    if rows.len() > vp.reader_rows {
        let mut sb = ScrollbarState::new(max_top).position(top);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, rect.inner(Margin::new(0, 1)), &mut sb);
    }
}

/// One row of text as spans: the base style, with `marks` (byte ranges,
/// sorted, not overlapping) patched over it. Control characters are made
/// visible and tabs expanded.
pub fn styled_row<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut pos = range.start;
    let mut col = 0;
    let mut push = |from: usize, to: usize, style: Style, col: &mut usize| {
        if from >= to {
            return;
        }
        let piece = &text[from..to];
        let shown = reflow::display(piece, *col);
        *col += unicode_width::UnicodeWidthStr::width(shown.as_ref());
        spans.push(Span::styled(shown, style));
    };
    for (m, style) in marks {
        let (s, e) = (m.start.max(range.start), m.end.min(range.end));
        if s >= e || s < pos {
            continue;
        }
        push(pos, s, base, &mut col);
        push(s, e, base.patch(*style), &mut col);
        pos = e;
    }
    push(pos, range.end, base, &mut col);
    Line::from(spans)
}
