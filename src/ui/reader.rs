use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::theme::Theme;
use super::{inner, pane_block, pane_title};
use crate::app::{AppState, Viewports, mentions_within};
use crate::reflow::{self, RowKind};

use super::layout::GUTTER;

/// The cursor's marker in the gutter.
pub const CURSOR_MARK: &str = "❯";

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
        |d| reflow::truncate(&d.reader_title(), rect.width.saturating_sub(8) as usize),
    );
    frame.render_widget(
        pane_block(pane_title('2', name, focused, theme), focused, theme),
        rect,
    );
    let mut area = inner(rect);
    let timeline_area = state
        .doc()
        .filter(|d| !d.speakers.turns.is_empty() && area.height > 4)
        .map(|_| {
            let r = Rect { height: 1, ..area };
            area.y += 1;
            area.height -= 1;
            r
        });
    // Timed turns (subtitles, stamped transcripts) show their time at
    // their first row, where the pane is wide enough.
    let clock = state.doc().and_then(|d| gutter_clock(d, area.width));
    let gutter_width = GUTTER + clock.map_or(0, |c| c.width);
    let (gutter_area, text_area) = columns(area, state.max_width, gutter_width);
    vp.reader_rows = text_area.height as usize;
    vp.reader_cols = text_area.width as usize;
    vp.hits.reader_text = Some(text_area);
    vp.hits.timeline = timeline_area;
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

    let fold_key = state
        .keymap
        .hint(
            &crate::app::Mode::Normal,
            crate::app::Pane::Reader,
            &crate::app::Action::ToggleFolds,
        )
        .map_or_else(|| "click".to_string(), |k| format!("{k} or click"));
    let cursor_row = wrapped.row_of(state.view().cursor);
    let mut lines = Vec::with_capacity(vp.reader_rows);
    let mut gutter = Vec::with_capacity(vp.reader_rows);
    for (r, row) in rows.iter().enumerate().skip(top).take(vp.reader_rows) {
        // A turn whose label follows a timestamp (`[00:12:34] Jane Doe:`)
        // starts inside its first row; that row is the turn's too.
        let turn_index = doc.turn_at(row.range.start).or_else(|| {
            doc.turn_at(row.range.end.saturating_sub(1))
                .filter(|&i| doc.speakers.turns[i].line == row.line)
        });
        let turn = turn_index.map(|i| &doc.speakers.turns[i]);
        let speaker_style = turn.map(|t| theme.speaker(state.palette.slot(&t.speaker)));
        // Quotations on this row (articles).
        let first_quote = doc
            .quotes
            .partition_point(|q| q.quote.range.end <= row.range.start);
        let row_quotes: Vec<_> = doc.quotes[first_quote..]
            .iter()
            .take_while(|q| q.quote.range.start < row.range.end)
            .collect();
        let quoted = turn_index.is_some_and(|i| state.quoted_by.contains_key(&(state.open, i)));
        gutter.push(match (turn, speaker_style) {
            (Some(t), Some(st)) if row.kind != RowKind::Gap => {
                let label_row = row.range.start == doc.structure.lines[t.line].range.start;
                let mark = if quoted && label_row {
                    "❝".to_string()
                } else if !theme.color && row.line == t.line {
                    t.speaker.chars().next().unwrap_or('▌').to_string()
                } else if t.interpreted && row.line == t.line {
                    "⇄".to_string()
                } else {
                    "▌".to_string()
                };
                let mark = Span::styled(mark, st.add_modifier(Modifier::BOLD));
                match clock {
                    Some(c) => {
                        let time = t
                            .time
                            .as_deref()
                            .filter(|_| label_row)
                            .map_or_else(String::new, |time| c.show(time));
                        Line::from(vec![
                            Span::styled(
                                format!("{time:>w$} ", w = c.width as usize - 1),
                                theme.dim(),
                            ),
                            mark,
                        ])
                    }
                    None => Line::from(mark),
                }
            }
            _ => pad_clock(
                clock,
                match row_quotes.first() {
                    Some(q) if row.kind != RowKind::Gap => {
                        let who = q.quote.speaker.as_deref().unwrap_or(crate::corpus::UNKNOWN);
                        Line::from(Span::styled("▌", theme.speaker(state.palette.slot(who))))
                    }
                    _ => Line::default(),
                },
            ),
        });
        let note_here = state.notebook.placed.get(state.open).is_some_and(|ps| {
            ps.iter().any(|p| {
                row.range.contains(&p.range.start)
                    && state
                        .notebook
                        .get(&p.id)
                        .is_some_and(|a| !a.note.is_empty())
            })
        });
        if note_here && let Some(g) = gutter.last_mut() {
            // The time column (if any) and the mark stay; the note follows.
            let keep = 1 + usize::from(clock.is_some());
            g.spans.truncate(keep);
            while g.spans.len() < keep {
                g.spans.push(Span::raw(" "));
            }
            g.spans.push(Span::styled("✎", theme.key()));
        }
        let line = match &row.kind {
            RowKind::Gap => Line::default(),
            RowKind::Fold(r) => match turn.filter(|t| t.line == r.start) {
                Some(t) => {
                    let preview = reflow::truncate(
                        doc.text[t.body_start..t.range.end].trim(),
                        vp.reader_cols.saturating_sub(t.speaker.len() + 6),
                    );
                    Line::from(vec![
                        Span::styled(
                            format!("▸ {}: ", t.speaker),
                            speaker_style.unwrap_or_default(),
                        ),
                        Span::styled(preview, theme.dim()),
                    ])
                }
                None => Line::from(Span::styled(
                    format!(
                        "▸ {} of page furniture folded — {} to show",
                        if r.len() == 1 {
                            "1 line".to_string()
                        } else {
                            format!("{} lines", r.len())
                        },
                        fold_key
                    ),
                    theme.dim().add_modifier(Modifier::ITALIC),
                )),
            },
            RowKind::Text => {
                let base = theme.line(doc.structure.lines[row.line].kind);
                let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
                markdown_marks(&doc.markup, row.range.clone(), theme, &mut marks);
                if let (Some(t), Some(st)) = (turn, speaker_style) {
                    marks.push((t.label_range.clone(), st.add_modifier(Modifier::BOLD)));
                    for d in &t.stage_directions {
                        marks.push((d.clone(), theme.stage_direction()));
                    }
                }
                for q in &row_quotes {
                    let who = q.quote.speaker.as_deref().unwrap_or(crate::corpus::UNKNOWN);
                    let style = if q.quote.speaker.is_some() {
                        theme.speaker(state.palette.slot(who))
                    } else {
                        theme.dim().add_modifier(Modifier::ITALIC)
                    };
                    marks.push((q.quote.range.clone(), style));
                }
                let placed = state
                    .notebook
                    .placed
                    .get(state.open)
                    .map_or(&[][..], Vec::as_slice);
                for p in placed
                    .iter()
                    .filter(|p| p.range.start < row.range.end && p.range.end > row.range.start)
                {
                    if let Some(a) = state.notebook.get(&p.id) {
                        marks.push((p.range.clone(), theme.highlight(a.colour)));
                    }
                }
                if let Some(sel) = state.selection() {
                    marks.push((sel, theme.selection()));
                }
                if let Some((d, r)) = &state.flash
                    && *d == state.open
                {
                    marks.push((r.clone(), theme.flash()));
                }
                if let Some(e) = &state.entity {
                    for r in mentions_within(doc, e.kind, &e.canonical, row.range.clone()) {
                        marks.push((r, theme.entity_mention()));
                    }
                }
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
        if r == cursor_row {
            // The cursor's row: a marker in the gutter (in place of the
            // speaker's bar) and a subtle background.
            if let Some(g) = gutter.last_mut() {
                let rest: Vec<Span> = g.spans.iter().skip(1).cloned().collect();
                g.spans = std::iter::once(Span::styled(CURSOR_MARK, theme.cursor_mark()))
                    .chain(rest)
                    .collect();
            }
            lines.push(line.patch_style(theme.cursor_row()));
        } else {
            lines.push(line);
        }
    }
    frame.render_widget(Paragraph::new(lines), text_area);
    frame.render_widget(Paragraph::new(gutter), gutter_area);
    if let Some(r) = timeline_area {
        frame.render_widget(
            Paragraph::new(timeline(state, doc, r.width as usize, theme)),
            r,
        );
    }

    if rows.len() > vp.reader_rows || !wrapped.whole {
        let (len, at) = if wrapped.whole {
            (max_top, top)
        } else {
            // Laid out a window at a time: the thumb stands for bytes.
            (doc.text.len(), state.view().top)
        };
        let mut sb = ScrollbarState::new(len).position(at);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, rect.inner(Margin::new(0, 1)), &mut sb);
    }
}

/// Width of the time column the gutter gains for a document of timed
/// turns, and how times are written in it.
#[derive(Clone, Copy)]
struct Clock {
    /// Columns, the space after the time included.
    width: u16,
    /// Some turn starts an hour or more in: `h:mm:ss`, else `mm:ss`.
    hours: bool,
}

/// Narrowest reader (inside its border) that has room for turn times.
const CLOCK_MIN_WIDTH: u16 = 60;

impl Clock {
    /// A turn time (`hh:mm:ss.mmm`) as the gutter shows it: `1:02:03` or
    /// `02:03`.
    fn show(self, time: &str) -> String {
        let clock = time.split('.').next().unwrap_or(time);
        match clock.split_once(':') {
            Some((h, rest)) if self.hours => {
                let h = h.trim_start_matches('0');
                format!("{}:{rest}", if h.is_empty() { "0" } else { h })
            }
            Some((_, rest)) => rest.to_string(),
            None => clock.to_string(),
        }
    }
}

/// A Markdown document's styles on a row: headings and strong text bold,
/// emphasis in italics, markup dimmed (last, so it stays dim in a heading).
fn markdown_marks(
    markup: &crate::corpus::markdown::Markup,
    row: Range<usize>,
    theme: &Theme,
    marks: &mut Vec<(Range<usize>, Style)>,
) {
    let styled = [
        (&markup.bold, Style::new().add_modifier(Modifier::BOLD)),
        (&markup.italic, Style::new().add_modifier(Modifier::ITALIC)),
        (&markup.dim, theme.dim()),
    ];
    for (ranges, style) in styled {
        let first = ranges.partition_point(|r| r.end <= row.start);
        for r in ranges[first..].iter().take_while(|r| r.start < row.end) {
            marks.push((r.clone(), style));
        }
    }
}

/// A gutter row without a time, its marks moved right of the time column.
fn pad_clock(clock: Option<Clock>, mut line: Line<'static>) -> Line<'static> {
    if let Some(c) = clock {
        line.spans
            .insert(0, Span::raw(" ".repeat(c.width as usize)));
    }
    line
}

/// The time column for `doc` in a reader `width` columns wide: none when
/// no turn has a time or the pane is narrow.
fn gutter_clock(doc: &crate::corpus::Document, width: u16) -> Option<Clock> {
    if width < CLOCK_MIN_WIDTH {
        return None;
    }
    let mut times = doc.speakers.turns.iter().filter_map(|t| t.time.as_deref());
    times.clone().next()?;
    let hours = times.any(|t| !t.starts_with("00:"));
    Some(Clock {
        width: if hours { 9 } else { 6 },
        hours,
    })
}

/// The gutter and the text of the reader in `area`: the text at most
/// `max_width` columns wide (0: no limit), after a gutter `gutter_width`
/// wide, gutter and text centred together
/// when the pane is wider. The last column is the scroll bar's.
pub fn columns(area: Rect, max_width: u16, gutter_width: u16) -> (Rect, Rect) {
    let gutter = gutter_width.min(area.width);
    let room = area.width.saturating_sub(gutter_width + 1);
    let width = match max_width {
        0 => room,
        m => room.min(m),
    };
    let left = area.x + (room - width) / 2;
    let gutter_area = Rect {
        x: left,
        width: gutter,
        ..area
    };
    let text_area = Rect {
        x: left + gutter,
        width,
        ..area
    };
    (gutter_area, text_area)
}

/// One row of text as spans: the base style with `marks` (byte ranges
/// with styles, possibly overlapping; later marks win) patched over it.
/// Control characters are made visible and tabs expanded.
pub fn styled_row<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> Line<'a> {
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (m, _) in marks {
        // A mark never splits a character, whatever its ends say.
        cuts.extend(
            [m.start, m.end]
                .into_iter()
                .filter(|c| range.contains(c))
                .map(|c| crate::text::floor_char(text, c)),
        );
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    let mut col = 0;
    for w in cuts.windows(2) {
        let (from, to) = (w[0], w[1]);
        let style = marks
            .iter()
            .filter(|(m, _)| m.start <= from && to <= m.end)
            .fold(base, |st, (_, s)| st.patch(*s));
        let shown = reflow::display(&text[from..to], col);
        col += crate::sanitize::width(&shown);
        spans.push(Span::styled(shown, style));
    }
    Line::from(spans)
}

/// Without colour, the rest of a speaker's stretch of the timeline is drawn
/// in a pattern of their own (by palette slot), after their initial.
const PATTERNS: [&str; 6] = ["━", "═", "┅", "░", "▒", "≈"];

/// The shape of the conversation: each cell of the row is a stretch of the
/// document in the colour of whoever speaks there; ▼ marks the position.
/// Without colour each stretch starts with the speaker's initial and goes
/// on in the speaker's pattern.
fn timeline<'a>(
    state: &AppState,
    doc: &crate::corpus::Document,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let len = doc.text.len().max(1);
    let here = state.view().top * width / len;
    let mut previous: Option<&str> = None;
    let spans: Vec<Span> = (0..width)
        .map(|c| {
            let mid = (2 * c + 1) * len / (2 * width);
            let speaker = doc.turn_at(mid).map(|i| &*doc.speakers.turns[i].speaker);
            let style = speaker
                .map(|s| theme.speaker(state.palette.slot(s)))
                .unwrap_or_else(|| theme.dim());
            let starts = speaker.is_some() && speaker != previous;
            previous = speaker;
            if c == here.min(width.saturating_sub(1)) {
                Span::styled("▼", style.add_modifier(Modifier::BOLD))
            } else if theme.color {
                Span::styled("▀", style)
            } else {
                match speaker {
                    Some(s) if starts => Span::styled(
                        s.chars()
                            .find(|c| c.is_alphanumeric())
                            .map_or('▌', |c| c.to_uppercase().next().unwrap_or(c))
                            .to_string(),
                        style,
                    ),
                    Some(s) => {
                        Span::styled(PATTERNS[state.palette.slot(s) % PATTERNS.len()], style)
                    }
                    None => Span::styled("·", style),
                }
            }
        })
        .collect();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_pane_centres_text_of_the_readable_width() {
        let area = Rect::new(40, 1, 160, 50);
        let (gutter, text) = columns(area, 100, GUTTER);
        assert_eq!(text.width, 100);
        assert_eq!(gutter.width, GUTTER);
        assert_eq!(gutter.right(), text.x);
        // 157 columns of room: 28 spare on the left, 29 on the right.
        assert_eq!(gutter.x - area.x, 28);
        assert_eq!(area.right() - 1 - text.right(), 29);
        assert_eq!((text.y, text.height), (area.y, area.height));
    }

    #[test]
    fn a_narrow_pane_or_no_limit_uses_the_whole_pane() {
        let area = Rect::new(3, 0, 60, 20);
        for max in [0, 100, 57] {
            let (gutter, text) = columns(area, max, GUTTER);
            assert_eq!((gutter.x, text.x, text.width), (3, 5, 57), "{max}");
        }
        let (_, text) = columns(Rect::new(0, 0, 200, 5), 0, GUTTER);
        assert_eq!(text.width, 197);
        let (g, text) = columns(Rect::new(0, 0, 1, 1), 100, GUTTER);
        assert_eq!((g.width, text.width), (1, 0));
    }
}
