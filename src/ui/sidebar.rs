use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::doc_list::group_digits;
use super::layout::{list_offset, sidebar_offset};
use super::theme::Theme;
use super::{inner, pane_block, pane_title};
use crate::app::{
    Action, AppState, EntityRow, FilterOf, Hit, LIST_ITEM_ROWS, Mode, Pane, SidebarTab, Viewports,
    entity_groups, entity_offset, entity_rows, kind_title, mentions_of, other_documents,
};
use crate::corpus::structure::LineKind;
use crate::reflow::truncate;

/// The sidebar: a tab bar, then the selected tab's entries.
pub fn render(
    frame: &mut Frame,
    rect: Rect,
    state: &AppState,
    vp: &mut Viewports,
    theme: &Theme,
    focused: bool,
) {
    let title = pane_title('3', state.tab.title().to_string(), focused, theme);
    frame.render_widget(pane_block(title, focused, theme), rect);
    let area = inner(rect);
    if area.height == 0 {
        return;
    }
    let labels = tab_labels(state.tab, area.width as usize);
    let mut x = area.x;
    for (t, label) in SidebarTab::ALL.into_iter().zip(&labels) {
        let w = (crate::sanitize::width(label) as u16).min(area.right().saturating_sub(x));
        if w > 0 {
            let r = Rect {
                x,
                width: w,
                height: 1,
                ..area
            };
            vp.hits.tabs.push((r, t));
        }
        x = x.saturating_add(w + 1).min(area.right());
    }
    let tabs: Vec<Span> = SidebarTab::ALL
        .iter()
        .zip(labels)
        .flat_map(|(t, label)| {
            let style = if *t == state.tab {
                theme.key().add_modifier(Modifier::UNDERLINED)
            } else {
                theme.dim()
            };
            [Span::styled(label, style), Span::raw(" ")]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(tabs)), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    vp.sidebar_rows = body.height as usize;
    if let Some(wait) = not_ready(state) {
        let p = Paragraph::new(Line::from(Span::styled(wait, theme.dim())))
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(p, body);
        return;
    }
    let hits = &mut vp.hits.rows;
    match state.tab {
        SidebarTab::Outline => outline(frame, body, state, theme, focused, hits),
        SidebarTab::Speakers => speakers(frame, body, state, theme, focused, hits),
        SidebarTab::Entities => entities(frame, body, state, theme, focused, hits),
        SidebarTab::Notes => notes(frame, body, state, theme, focused, hits),
    }
}

/// The tab strip's labels for `width` columns: the longest set that fits,
/// the active tab's title kept whole for as long as possible, so the strip
/// is never cut and the active tab is always there.
fn tab_labels(active: SidebarTab, width: usize) -> Vec<&'static str> {
    type Label = fn(SidebarTab) -> &'static str;
    let choices: [(Label, Label); 5] = [
        (SidebarTab::title, SidebarTab::title),
        (SidebarTab::title, SidebarTab::short_title),
        (SidebarTab::short_title, SidebarTab::short_title),
        (SidebarTab::short_title, SidebarTab::letter),
        (SidebarTab::letter, SidebarTab::letter),
    ];
    let make = |(mine, others): (Label, Label)| -> Vec<&'static str> {
        SidebarTab::ALL
            .iter()
            .map(|t| if *t == active { mine(*t) } else { others(*t) })
            .collect()
    };
    let fits = |labels: &Vec<&str>| {
        labels.iter().map(|l| l.chars().count()).sum::<usize>() + labels.len() - 1 <= width
    };
    choices
        .into_iter()
        .map(make)
        .find(fits)
        .unwrap_or_else(|| make(choices[4]))
}

/// The key of `action` in normal mode with `pane` focused, as the user's
/// key map has it ("—" when unbound).
fn key(state: &AppState, pane: Pane, action: &Action) -> String {
    state
        .keymap
        .hint(&Mode::Normal, pane, action)
        .unwrap_or_else(|| "—".into())
}

/// Records that row `row` of `area` shows entry `i` of `tab`.
fn hit(hits: &mut Vec<(Rect, Hit)>, area: Rect, row: usize, tab: SidebarTab, i: usize) {
    if row < usize::from(area.height) {
        let r = Rect {
            y: area.y + row as u16,
            height: 1,
            ..area
        };
        hits.push((r, Hit::Entry(tab, i)));
    }
}

/// What the tab waits for, while its data is still being computed.
fn not_ready(state: &AppState) -> Option<String> {
    let doc = state.doc()?;
    let progress = state
        .loading
        .as_ref()
        .filter(|l| !l.finished)
        .map(|l| format!(" ({})", l.describe()))
        .unwrap_or_default();
    match state.tab {
        SidebarTab::Outline if !doc.is_analysed() => {
            Some(format!("Analysing this document…{progress}"))
        }
        SidebarTab::Speakers | SidebarTab::Entities if state.linking_pending() => Some(format!(
            "Waiting for the whole corpus: names are matched across documents once all are analysed{progress}."
        )),
        _ => None,
    }
}

fn outline(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    focused: bool,
    hits: &mut Vec<(Rect, Hit)>,
) {
    let Some(doc) = state.doc() else { return };
    let width = area.width as usize;
    let entries = &doc.structure.outline;
    let rows = area.height as usize;
    // The summary takes the last rows; entries scroll above it.
    let summary = summary_lines(state, theme, width);
    let list_rows = rows.saturating_sub(summary.len() + 1);
    let offset = sidebar_offset(state.sidebar_selected, list_rows);
    let mut lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_rows)
        .map(|(i, e)| {
            hit(hits, area, i - offset, SidebarTab::Outline, i);
            let tag = crate::corpus::structure::outline_label(e.kind, &e.text);
            let style = match e.kind {
                LineKind::Title => theme.title(),
                LineKind::Masthead => theme.dim(),
                LineKind::Byline | LineKind::Dateline => Style::new(),
                _ => Style::new().add_modifier(Modifier::BOLD),
            };
            let label = format!("{tag:<6} {}", e.text);
            let style = if focused && i == state.sidebar_selected {
                theme.selected()
            } else {
                style
            };
            Line::from(Span::styled(truncate(&label, width), style))
        })
        .collect();
    if entries.is_empty() {
        lines.push(Line::from(Span::styled("No headings found.", theme.dim())));
    }
    while lines.len() < list_rows + 1 {
        lines.push(Line::default());
    }
    lines.extend(summary);
    frame.render_widget(Paragraph::new(lines), area);
}

fn summary_lines<'a>(state: &AppState, theme: &Theme, area_width: usize) -> Vec<Line<'a>> {
    let Some(doc) = state.doc() else {
        return Vec::new();
    };
    let m = &doc.meta;
    let mut out = vec![Line::from(vec![
        Span::styled("Kind  ", theme.dim()),
        Span::raw(m.kind.label()),
    ])];
    if let Some(d) = &m.date {
        out.push(Line::from(vec![
            Span::styled("Date  ", theme.dim()),
            Span::raw(truncate(d, area_width)),
        ]));
    }
    out.push(Line::from(vec![
        Span::styled("Words ", theme.dim()),
        Span::raw(group_digits(m.words)),
    ]));
    out.push(Line::from(vec![
        Span::styled("Lines ", theme.dim()),
        Span::raw(group_digits(doc.line_count())),
    ]));
    for n in &doc.notices {
        out.push(Line::from(Span::styled(
            truncate(n, area_width),
            theme.error(),
        )));
    }
    out
}

/// Who spoke how much: each speaker in their colour, turns, words and a
/// bar of their share of the words.
fn speakers(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    focused: bool,
    hits: &mut Vec<(Rect, Hit)>,
) {
    let Some(doc) = state.doc() else { return };
    let width = area.width as usize;
    let stats = &doc.speaker_stats;
    let mut lines: Vec<Line> = Vec::new();
    if stats.is_empty() {
        lines.push(Line::from(Span::styled(
            "No speaker turns in this document.",
            theme.dim(),
        )));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let total: usize = stats.iter().map(|s| s.words).sum::<usize>().max(1);
    let filter = state.view().speaker_filter;
    let rows = (area.height as usize).saturating_sub(2);
    let offset = list_offset(state.sidebar_selected, rows);
    let shares = whole_shares(&stats.iter().map(|s| s.words).collect::<Vec<_>>());
    // The longest figures that leave every bar room to be seen, the same
    // for every speaker.
    let level = stats
        .iter()
        .zip(&shares)
        .map(|(s, &pct)| {
            (0..SHARE_LEVELS)
                .find(|&l| share_text(s, pct, l).chars().count() + MIN_BAR <= width)
                .unwrap_or(SHARE_LEVELS - 1)
        })
        .max()
        .unwrap_or(0);
    for (i, s) in stats.iter().enumerate().skip(offset) {
        if lines.len() + LIST_ITEM_ROWS > rows {
            break;
        }
        for k in 0..LIST_ITEM_ROWS {
            hit(hits, area, lines.len() + k, SidebarTab::Speakers, i);
        }
        let colour = theme.speaker(state.palette.slot(&s.speaker));
        let chosen = filter.as_deref() == Some(&*s.speaker);
        let name = format!("{} {}", if chosen { "●" } else { "▌" }, s.speaker);
        let style = if focused && i == state.sidebar_selected {
            theme.selected()
        } else {
            colour.add_modifier(Modifier::BOLD)
        };
        lines.push(Line::from(Span::styled(truncate(&name, width), style)));
        let pct = shares[i];
        let text = share_text(s, pct, level);
        let bar_room = width.saturating_sub(text.chars().count());
        let bar = (s.words * bar_room).div_ceil(total).min(bar_room);
        lines.push(Line::from(vec![
            Span::styled(truncate(&text, width), theme.dim()),
            Span::styled("█".repeat(bar), colour),
        ]));
    }
    lines.push(Line::default());
    let hint = match filter {
        Some(who) => format!(
            "Showing only {who} — {} shows all",
            key(state, Pane::Sidebar, &Action::Cancel)
        ),
        None => format!(
            "{}: show only this speaker",
            key(state, Pane::Sidebar, &Action::Activate)
        ),
    };
    lines.push(Line::from(Span::styled(
        truncate(&hint, width),
        theme.dim(),
    )));
    frame.render_widget(Paragraph::new(lines), area);
}

/// Whole percentages of `parts` that add up to 100 (largest-remainder
/// rounding: each part gets its floor, the points left over go to the parts
/// with the largest fractions, the earlier part first on a tie).
fn whole_shares(parts: &[usize]) -> Vec<usize> {
    let total: usize = parts.iter().sum();
    if total == 0 {
        return vec![0; parts.len()];
    }
    let mut shares: Vec<usize> = parts.iter().map(|&p| p * 100 / total).collect();
    let left = 100 - shares.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(parts[i] * 100 % total));
    for &i in order.iter().take(left) {
        shares[i] += 1;
    }
    shares
}

/// Columns a speaker's share bar keeps however narrow the sidebar.
const MIN_BAR: usize = 3;

/// How many ways `share_text` has of saying a speaker's figures.
const SHARE_LEVELS: usize = 4;

/// A speaker's turns, words and share, shorter at each `level`.
fn share_text(s: &crate::analysis::speakers::SpeakerStat, pct: usize, level: usize) -> String {
    let turns = if s.turns == 1 { "turn" } else { "turns" };
    let words = group_digits(s.words);
    match level {
        0 => format!("  {} {turns} · {words} words · {pct:>2}% ", s.turns),
        1 => format!("  {} {turns} · {words} w · {pct:>2}% ", s.turns),
        2 => format!("  {} {turns} · {pct:>2}% ", s.turns),
        _ => format!("  {pct:>2}% "),
    }
}

/// The Entities tab: the document's entities by type with mention counts,
/// a filter line, and for the chosen entity a density strip and the other
/// documents that mention it.
fn entities(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    focused: bool,
    hits: &mut Vec<(Rect, Hit)>,
) {
    let Some(doc) = state.doc() else { return };
    let width = area.width as usize;
    let groups = entity_groups(doc, &state.entity_filter);
    let details = entity_details(state, width, theme);
    let rows = (area.height as usize).saturating_sub(details.len() + 1);
    let mut lines: Vec<Line> = Vec::new();
    let filter_line = match (&state.mode, state.entity_filter.is_empty()) {
        (Mode::Filter(FilterOf::Entities), _) => Line::from(Span::styled(
            format!("filter: {}▏", state.entity_filter),
            theme.key(),
        )),
        (_, false) => Line::from(Span::styled(
            format!(
                "filter: {} ({} to change)",
                state.entity_filter,
                key(state, Pane::Sidebar, &Action::StartEntityFilter)
            ),
            theme.dim(),
        )),
        _ => Line::from(Span::styled(
            format!(
                "{}: filter · {}: highlight",
                key(state, Pane::Sidebar, &Action::StartEntityFilter),
                key(state, Pane::Sidebar, &Action::Activate)
            ),
            theme.dim(),
        )),
    };
    lines.push(filter_line);
    let offset = entity_offset(state.sidebar_selected, rows);
    for row in entity_rows(&groups, offset, rows.saturating_sub(1)) {
        let line = match row {
            EntityRow::Heading(kind) => {
                let n = groups.iter().filter(|g| g.kind == kind).count();
                Line::from(Span::styled(
                    format!("{} ({n})", kind_title(kind)),
                    theme.entity_kind(kind),
                ))
            }
            EntityRow::Entity(i) => {
                hit(hits, area, lines.len(), SidebarTab::Entities, i);
                let g = &groups[i];
                let chosen = state
                    .entity
                    .as_ref()
                    .is_some_and(|e| e.kind == g.kind && e.canonical == g.canonical);
                let count = format!(" {}", g.count);
                let name = truncate(&g.canonical, width.saturating_sub(count.len() + 3));
                let pad = width.saturating_sub(crate::sanitize::width(&name) + count.len() + 2);
                let text = format!(
                    "{} {name}{}{count}",
                    if chosen { "●" } else { " " },
                    " ".repeat(pad)
                );
                let style = if focused && i == state.sidebar_selected {
                    theme.selected()
                } else if g.kind == crate::analysis::entities::EntityKind::Person
                    && doc.speaker_stats.iter().any(|s| s.speaker == g.canonical)
                {
                    // Speakers keep their colour here too.
                    theme.speaker(state.palette.slot(&g.canonical))
                } else {
                    Style::new()
                };
                Line::from(Span::styled(text, style))
            }
        };
        lines.push(line);
    }
    if groups.is_empty() {
        lines.push(Line::from(Span::styled("No entities found.", theme.dim())));
    }
    while lines.len() < rows + 1 {
        lines.push(Line::default());
    }
    lines.extend(details);
    frame.render_widget(Paragraph::new(lines), area);
}

fn entity_details<'a>(state: &AppState, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let (Some(doc), Some(e)) = (state.doc(), state.entity.as_ref()) else {
        return Vec::new();
    };
    let mut out = vec![Line::from(Span::styled(
        truncate(&e.canonical, width),
        theme.title(),
    ))];
    // Where in the document it is mentioned.
    let len = doc.text.len().max(1);
    let mut cells = vec![0usize; width.max(1)];
    for r in mentions_of(doc, e.kind, &e.canonical) {
        cells[(r.start * width / len).min(width.saturating_sub(1))] += 1;
    }
    let strip: String = cells
        .iter()
        .map(|&n| match n {
            0 => '·',
            1 => '▄',
            _ => '█',
        })
        .collect();
    out.push(Line::from(Span::styled(strip, theme.entity_mention())));
    let others = other_documents(&state.corpus, state.open, e.kind, &e.canonical);
    out.push(Line::from(Span::styled(
        format!(
            "also in {} document{} — {} opens",
            others.len(),
            if others.len() == 1 { "" } else { "s" },
            key(state, Pane::Sidebar, &Action::NextEntityDocument)
        ),
        theme.dim(),
    )));
    for &d in others.iter().take(3) {
        out.push(Line::from(truncate(
            &format!("· {}", state.corpus.docs[d].meta.title),
            width,
        )));
    }
    if others.len() > 3 {
        out.push(Line::from(Span::styled(
            truncate(&format!("  +{} more", others.len() - 3), width),
            theme.dim(),
        )));
    }
    out.push(Line::from(Span::styled(
        format!(
            "{} / {}: next / previous mention",
            key(state, Pane::Sidebar, &Action::NextMention),
            key(state, Pane::Sidebar, &Action::PrevMention)
        ),
        theme.dim(),
    )));
    out
}

/// The Notes tab: this document's annotations (or all documents') in
/// reading order, then the orphaned ones, each with its quote, note and tags.
fn notes(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    focused: bool,
    hits: &mut Vec<(Rect, Hit)>,
) {
    let width = area.width as usize;
    let entries = state
        .notebook
        .entries(state.open, state.notes_all, &state.notes_filter);
    let scope = if state.notes_all {
        "all documents"
    } else {
        "this document"
    };
    let head = match (&state.mode, state.notes_filter.is_empty()) {
        (Mode::Filter(FilterOf::Notes), _) => Line::from(Span::styled(
            format!("filter: {}▏", state.notes_filter),
            theme.key(),
        )),
        (_, false) => Line::from(Span::styled(
            format!("filter: {} · {scope}", state.notes_filter),
            theme.dim(),
        )),
        _ => Line::from(Span::styled(
            format!(
                "{scope} · {} all · {} filter · {} {} {}",
                key(state, Pane::Sidebar, &Action::ToggleAllNotes),
                key(state, Pane::Sidebar, &Action::StartEntityFilter),
                key(state, Pane::Sidebar, &Action::EditNote),
                key(state, Pane::Sidebar, &Action::DeleteNote),
                key(state, Pane::Sidebar, &Action::UndoDelete)
            ),
            theme.dim(),
        )),
    };
    let mut lines = vec![head];
    if state.notebook.records.is_none() {
        lines.push(Line::from(Span::styled(
            "Notes are off: no data directory.",
            theme.error(),
        )));
    } else if state.notebook.records.as_ref().is_some_and(|r| !r.opened) {
        lines.push(Line::from(Span::styled("Opening the notes…", theme.dim())));
    } else if entries.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "No notes. In the reader: {} selects, {} annotates a paragraph.",
                key(state, Pane::Reader, &Action::StartVisual),
                key(state, Pane::Reader, &Action::AnnotateParagraph)
            ),
            theme.dim(),
        )));
    }
    let rows = (area.height as usize).saturating_sub(1);
    let offset = list_offset(state.sidebar_selected, rows);
    let mut orphan_heading = false;
    for (i, e) in entries.iter().enumerate().skip(offset) {
        if lines.len() + LIST_ITEM_ROWS > rows + 1 {
            break;
        }
        let Some(a) = state.notebook.get(&e.id) else {
            continue;
        };
        if e.orphan && !orphan_heading {
            orphan_heading = true;
            lines.push(Line::from(Span::styled(
                "Orphaned (text not found)",
                theme.error(),
            )));
        }
        for k in 0..LIST_ITEM_ROWS {
            hit(hits, area, lines.len() + k, SidebarTab::Notes, i);
        }
        let quote = format!(
            "“{}”",
            a.target
                .quote
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        let style = if focused && i == state.sidebar_selected {
            theme.selected()
        } else {
            theme.highlight(a.colour)
        };
        let prefix = if state.notes_all {
            format!("{} · ", state.corpus.docs[e.doc].meta.title)
        } else {
            String::new()
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("{prefix}{quote}"), width),
            style,
        )));
        lines.push(Line::from(Span::styled(
            truncate(&format!("  {}", a.summary()), width),
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tab_strip_fits_and_keeps_the_active_tab() {
        for width in 7..60 {
            for active in SidebarTab::ALL {
                let labels = tab_labels(active, width);
                let used = labels.iter().map(|l| l.chars().count()).sum::<usize>() + 3;
                assert!(used <= width, "{labels:?} in {width}");
                let i = SidebarTab::ALL.iter().position(|t| *t == active).unwrap();
                assert!(
                    [active.title(), active.short_title(), active.letter()].contains(&labels[i]),
                    "{labels:?}"
                );
            }
        }
        assert_eq!(
            tab_labels(SidebarTab::Notes, 40),
            ["Outline", "Speakers", "Entities", "Notes"]
        );
        assert_eq!(
            tab_labels(SidebarTab::Entities, 28),
            ["Outl", "Spkrs", "Entities", "Notes"]
        );
    }

    #[test]
    fn shares_add_up_to_a_hundred_and_follow_the_remainders() {
        assert_eq!(
            whole_shares(&[600, 239, 118, 35, 8]),
            vec![60, 24, 12, 3, 1]
        );
        assert_eq!(whole_shares(&[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(whole_shares(&[5]), vec![100]);
        assert_eq!(whole_shares(&[0, 0]), vec![0, 0]);
        for parts in [[3usize, 7, 11, 13, 17], [1, 1, 1, 1, 96], [9, 9, 9, 9, 9]] {
            assert_eq!(whole_shares(&parts).iter().sum::<usize>(), 100);
        }
    }
}
