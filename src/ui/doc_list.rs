use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::list_offset;
use super::theme::Theme;
use super::{inner, pane_block, pane_title};
use crate::app::doclist::ListSort;
use crate::app::{AppState, FilterOf, Hit, LIST_ITEM_ROWS, Mode, Viewports};
use crate::reflow::truncate;

/// The document list: title on one row, kind · date · source · words below.
pub fn render(
    frame: &mut Frame,
    rect: Rect,
    state: &AppState,
    vp: &mut Viewports,
    theme: &Theme,
    focused: bool,
) {
    let n = state.corpus.docs.len();
    let more = match &state.loading {
        Some(l) if !l.walk_done => "+",
        _ => "",
    };
    let shown = state.list_rows();
    let typing = matches!(state.mode, Mode::Filter(FilterOf::Documents));
    let filtered = typing || !state.list_filter.is_empty();
    let count = if filtered {
        format!("Documents {}/{n}{more}", shown.len())
    } else {
        format!("Documents ({n}{more})")
    };
    let name = match state.list_sort {
        ListSort::Found => count,
        sort => format!("{count} {}", sort.label()),
    };
    let title = pane_title('1', name, focused, theme);
    frame.render_widget(pane_block(title, focused, theme), rect);
    let mut area = inner(rect);
    if filtered && area.height > 2 {
        // The filter: being typed, or kept (Esc clears it).
        let line = if typing {
            Line::from(Span::styled(
                format!("/{}▏", crate::sanitize::display(&state.list_filter, 0)),
                theme.key(),
            ))
        } else {
            Line::from(Span::styled(
                truncate(
                    &format!(
                        "filter: {} (Esc clears)",
                        crate::sanitize::display(&state.list_filter, 0)
                    ),
                    area.width as usize,
                ),
                theme.dim(),
            ))
        };
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
        area.y += 1;
        area.height -= 1;
    }
    vp.list_rows = area.height as usize;
    let width = area.width as usize;
    let at = shown.iter().position(|&d| d == state.selected).unwrap_or(0);
    let offset = list_offset(at, vp.list_rows);
    let mut lines = Vec::new();
    for (i, doc) in shown
        .iter()
        .skip(offset)
        .map(|&i| (i, &state.corpus.docs[i]))
    {
        if lines.len() + LIST_ITEM_ROWS > area.height as usize {
            break;
        }
        let selected = i == state.selected;
        let open = i == state.open;
        let marker = if open { "▸ " } else { "  " };
        let title_style = if selected {
            theme.selected()
        } else if open {
            theme.title()
        } else {
            Style::new()
        };
        let m = &doc.meta;
        let kind = if doc.is_analysed() {
            m.kind.label().to_string()
        } else {
            "analysing…".to_string()
        };
        let size = if doc.is_analysed() {
            format!("{} words", group_digits(m.words))
        } else {
            human_size(doc.text.len())
        };
        let details = details_line(
            &kind,
            m.date.as_deref(),
            m.source.as_deref(),
            &size,
            doc.encoding,
            width.saturating_sub(2),
        );
        for k in 0..LIST_ITEM_ROWS {
            let row = Rect {
                y: area.y + (lines.len() + k) as u16,
                height: 1,
                ..area
            };
            vp.hits.rows.push((row, Hit::Document(i)));
        }
        let title_text = if doc.title_is_guess() {
            crate::sanitize::truncate_start(doc.list_title(), width.saturating_sub(2))
        } else {
            truncate(doc.list_title(), width.saturating_sub(2))
        };
        let pad = width.saturating_sub(2 + crate::sanitize::width(&title_text));
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{title_text}{}", " ".repeat(pad)), title_style),
        ]));
        lines.push(Line::from(Span::styled(
            format!("  {}", truncate(&details, width.saturating_sub(2))),
            theme.dim(),
        )));
    }
    if n == 0 {
        lines.push(Line::from(Span::styled("No documents.", theme.dim())));
    } else if shown.is_empty() {
        lines.push(Line::from(Span::styled(
            "No document matches.",
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "kind · date · source · size · encoding" in `width` columns: the source
/// is shortened, then dropped, then the date, before the kind, the size
/// and the encoding are cut.
fn details_line(
    kind: &str,
    date: Option<&str>,
    source: Option<&str>,
    size: &str,
    encoding: Option<&str>,
    width: usize,
) -> String {
    let join = |date: Option<&str>, source: Option<&str>| {
        let parts: Vec<&str> = [Some(kind), date, source, Some(size), encoding]
            .into_iter()
            .flatten()
            .collect();
        parts.join(" · ")
    };
    let full = join(date, source);
    if crate::sanitize::width(&full) <= width {
        return full;
    }
    let without = join(date, None);
    if let Some(src) = source {
        let room = width.saturating_sub(crate::sanitize::width(&without) + 3);
        if room >= 6 {
            return join(date, Some(&truncate(src, room)));
        }
    }
    if crate::sanitize::width(&without) <= width {
        return without;
    }
    join(None, None)
}

/// 1536 → "1.5 KB": a file's size before its words are counted.
pub fn human_size(bytes: usize) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut v = bytes as f64 / 1000.0;
    let mut unit = 0;
    while v >= 1000.0 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// 12345 → "12,345".
pub fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_keep_the_word_count_by_shortening_source_then_date() {
        let d = |w| {
            details_line(
                "article",
                Some("2024-03-01"),
                Some("The Financial Chronicle"),
                "1,234 words",
                None,
                w,
            )
        };
        assert_eq!(
            d(80),
            "article · 2024-03-01 · The Financial Chronicle · 1,234 words"
        );
        let mid = d(50);
        assert!(mid.ends_with(" · 1,234 words"), "{mid}");
        assert!(mid.contains("The Fin"), "{mid}");
        assert!(crate::sanitize::width(&mid) <= 50, "{mid}");
        assert_eq!(d(36), "article · 2024-03-01 · 1,234 words");
        assert_eq!(d(26), "article · 1,234 words");
    }
}
