//! The help screen: every binding of the live key map, by mode and pane,
//! wrapped to the screen's width and scrolled (`app::help` writes the text,
//! `update` scrolls and searches it).

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use super::overlay;
use super::theme::Theme;
use crate::app::help::{HelpLine, screen_lines};
use crate::app::{AppState, HelpView, Viewports};

/// Widest key column; longer key lists go on a row of their own.
const KEY_COLUMN: usize = 22;

/// Draws the help over the panes (the status bar stays visible).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    view: &HelpView,
    vp: &mut Viewports,
    theme: &Theme,
) {
    let help = screen_lines(state, view.notices);
    let screen = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let width = usize::from(screen.width.min(100).saturating_sub(3)).max(10);
    let keys_width = help
        .iter()
        .filter_map(|l| match l {
            HelpLine::Keys { keys, .. } => Some(keys.width()),
            _ => None,
        })
        .filter(|w| *w <= KEY_COLUMN)
        .max()
        .unwrap_or(8)
        + 2;
    let query = view.query.to_lowercase();
    // Display rows, each with the help line it belongs to.
    let mut rows: Vec<(Line, usize)> = Vec::new();
    for (i, l) in help.iter().enumerate() {
        let hit = !query.is_empty() && l.text().to_lowercase().contains(&query);
        let text_style = if hit {
            theme.search_match()
        } else {
            ratatui::style::Style::new()
        };
        match l {
            HelpLine::Blank => rows.push((Line::default(), i)),
            HelpLine::Heading(h) => {
                rows.push((Line::from(Span::styled(h.to_string(), theme.title())), i))
            }
            HelpLine::Text(t) => {
                let safe = crate::sanitize::display(t, 0);
                for piece in wrap(&safe, width) {
                    rows.push((Line::from(Span::styled(piece, text_style)), i));
                }
            }
            HelpLine::Note(n) => {
                for piece in wrap(n, width) {
                    rows.push((
                        Line::from(Span::styled(piece, theme.dim().patch(text_style))),
                        i,
                    ));
                }
            }
            HelpLine::Keys { keys, what, .. } => {
                let own_row = keys.width() + 1 > keys_width;
                if own_row {
                    rows.push((
                        Line::from(Span::styled(format!("  {keys}"), theme.key())),
                        i,
                    ));
                }
                let pieces = wrap(what, width.saturating_sub(keys_width + 2).max(10));
                for (n, piece) in pieces.into_iter().enumerate() {
                    let lead = if n == 0 && !own_row {
                        let pad = keys_width - keys.width();
                        Span::styled(format!("  {keys}{}", " ".repeat(pad)), theme.key())
                    } else {
                        Span::raw(" ".repeat(keys_width + 2))
                    };
                    rows.push((Line::from(vec![lead, Span::styled(piece, text_style)]), i));
                }
            }
        }
    }
    let total = rows.len();
    let title = if view.notices { "Notices" } else { "Keys" };
    let body = overlay(frame, screen, width as u16 + 3, screen.height, title, theme);
    let shown = usize::from(body.height);
    vp.help_rows = shown;
    vp.help_map = rows.iter().map(|(_, i)| *i).collect();
    let top = view.scroll.min(total.saturating_sub(shown));
    let end = (top + shown).min(total);
    let visible: Vec<Line> = rows.drain(top..end).map(|(l, _)| l).collect();
    frame.render_widget(Paragraph::new(visible), body);
    if total > shown {
        let outer = Rect {
            x: body.x.saturating_sub(1),
            y: body.y.saturating_sub(1),
            width: body.width + 2,
            height: body.height + 2,
        };
        let label = format!(" {}–{} of {total} ", top + 1, end);
        let lw = label.width() as u16;
        if outer.width > lw + 4 {
            let at = Rect {
                x: outer.x + outer.width - lw - 2,
                y: outer.y + outer.height - 1,
                width: lw,
                height: 1,
            };
            frame.render_widget(Paragraph::new(Span::styled(label, theme.dim())), at);
        }
        let mut sb = ScrollbarState::new(total.saturating_sub(shown)).position(top);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, outer.inner(Margin::new(0, 1)), &mut sb);
    }
}

/// Splits `text` into rows of at most `width` columns at spaces (a word
/// longer than a row is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let needed = if row.is_empty() {
            word.width()
        } else {
            row.width() + 1 + word.width()
        };
        if needed > width && !row.is_empty() {
            out.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
        while row.width() > width {
            let cut = crate::reflow::truncate(&row, width);
            let cut = cut.trim_end_matches('…').to_string();
            if cut.is_empty() {
                break;
            }
            row = row[cut.len()..].to_string();
            out.push(cut);
        }
    }
    if !row.is_empty() || out.is_empty() {
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrapping_keeps_words_whole_and_rows_within_the_width() {
        let rows = super::wrap("open the document / jump to the entry / show only", 20);
        assert_eq!(
            rows,
            ["open the document /", "jump to the entry /", "show only"]
        );
        for r in super::wrap("averyveryverylongwordindeed and more", 8) {
            assert!(
                unicode_width::UnicodeWidthStr::width(r.as_str()) <= 8,
                "{r}"
            );
        }
    }
}
