//! The corpus search's results pane: the hits grouped by document, with
//! counts; each hit's line, speaker and the match in its context. Only the
//! rows on screen are built, whatever the number of hits.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::{inner, pane_block};
use crate::app::corpus_search::CorpusSearch;
use crate::app::{AppState, Viewports};
use crate::reflow::truncate;

/// Draws the results over the panes (the status bar stays visible).
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, vp: &mut Viewports, theme: &Theme) {
    let Some(search) = state.corpus_search.as_ref() else {
        return;
    };
    let screen = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, screen);
    let title = format!(
        " Search the corpus: {} — {} ",
        truncate(&crate::sanitize::display(&search.query, 0), 40),
        search.summary()
    );
    let title = Line::from(Span::styled(title, theme.title()));
    frame.render_widget(pane_block(title, true, theme), screen);
    let body = inner(screen);
    let height = usize::from(body.height);
    vp.help_rows = height;
    let width = usize::from(body.width);
    let lines = rows(state, search, height, width, theme);
    frame.render_widget(Paragraph::new(lines), body);
}

/// The rows on screen: the selected hit a third of the way down.
fn rows<'a>(
    state: &AppState,
    s: &CorpusSearch,
    height: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    if s.groups.is_empty() {
        let text = match (s.done, s.partial) {
            (false, _) => "searching…".to_string(),
            (true, true) => {
                "no match yet (the corpus is still loading: the search runs again when it is loaded)"
                    .into()
            }
            (true, false) => "no match".into(),
        };
        return vec![Line::from(Span::styled(text, theme.dim()))];
    }
    // The selected hit's row: one header row per document before it.
    let mut before = 0;
    let mut sel_row = 0;
    for (g, (_, hits)) in s.groups.iter().enumerate() {
        if s.selected < before + hits.len() {
            sel_row = before + g + 1 + (s.selected - before);
            break;
        }
        before += hits.len();
    }
    let first = sel_row.saturating_sub(height / 3);
    let mut out = Vec::with_capacity(height);
    let mut row = 0;
    let mut index = 0;
    for (doc, hits) in &s.groups {
        let span = hits.len() + 1;
        if row + span <= first {
            row += span;
            index += hits.len();
            continue;
        }
        if row >= first {
            out.push(header(state, *doc, hits.len(), width, theme));
        }
        row += 1;
        for h in hits {
            if out.len() >= height {
                return out;
            }
            if row >= first {
                out.push(hit_row(state, h, index == s.selected, width, theme));
            }
            row += 1;
            index += 1;
        }
        if out.len() >= height {
            break;
        }
    }
    if s.partial && out.len() < height {
        out.push(Line::from(Span::styled(
            "(the corpus is still loading: the search runs again on all of it when it is loaded)",
            theme.dim(),
        )));
    }
    out
}

/// A document's row: its title, its path, its number of hits.
fn header<'a>(state: &AppState, doc: usize, n: usize, width: usize, theme: &Theme) -> Line<'a> {
    let Some(d) = state.corpus.docs.get(doc) else {
        return Line::default();
    };
    let count = format!("  ({n})");
    let title = crate::sanitize::display(d.list_title(), 0);
    let path = crate::sanitize::display(&d.path, 0);
    let text = if title == path {
        title.into_owned()
    } else {
        format!("{title} — {path}")
    };
    let room = width.saturating_sub(count.chars().count() + 2);
    Line::from(vec![
        Span::styled(format!("▸ {}", truncate(&text, room)), theme.title()),
        Span::styled(count, theme.dim()),
    ])
}

/// A hit's row: line number, speaker, the match in its context.
fn hit_row<'a>(
    state: &AppState,
    h: &crate::search::Hit,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let Some(d) = state.corpus.docs.get(h.doc) else {
        return Line::default();
    };
    let line = format!("  {:>6}  ", h.line);
    let who = h.speaker.as_deref().unwrap_or("");
    let who_style = if who.is_empty() {
        theme.dim()
    } else {
        theme.speaker(state.palette.slot(who))
    };
    let who = format!("{:<18} ", truncate(&crate::sanitize::display(who, 0), 18));
    let room = width.saturating_sub(line.chars().count() + who.chars().count());
    let (a, b, c) = crate::search::context_parts(&d.text, h, room);
    let mut spans = vec![
        Span::styled(line, theme.dim()),
        Span::styled(who, who_style),
        Span::raw(a),
        Span::styled(b, theme.current_match()),
        Span::raw(c),
    ];
    if selected {
        for s in &mut spans {
            s.style = s.style.patch(theme.selected());
        }
        spans[0].content = format!("▶{}", &spans[0].content[1..]).into();
    }
    Line::from(spans)
}
