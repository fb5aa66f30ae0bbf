use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::doc_list::group_digits;
use super::theme::Theme;
use super::{inner, pane_block, pane_title};
use crate::app::{AppState, SidebarTab, Viewports, sidebar_offset};
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
    let tabs: Vec<Span> = SidebarTab::ALL
        .iter()
        .flat_map(|t| {
            let style = if *t == state.tab {
                theme.key().add_modifier(Modifier::UNDERLINED)
            } else {
                theme.dim()
            };
            [Span::styled(t.title(), style), Span::raw(" ")]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(tabs)), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    vp.sidebar_rows = body.height as usize;
    match state.tab {
        SidebarTab::Outline => outline(frame, body, state, theme, focused),
    }
}

fn outline(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, focused: bool) {
    let Some(doc) = state.doc() else { return };
    let width = area.width as usize;
    let entries = doc.structure.outline(&doc.text);
    let rows = area.height as usize;
    // The summary takes the last rows; entries scroll above it.
    let summary = summary_lines(state, theme);
    let list_rows = rows.saturating_sub(summary.len() + 1);
    let offset = sidebar_offset(state.sidebar_selected, list_rows);
    let mut lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_rows)
        .map(|(i, e)| {
            let (tag, style) = match e.kind {
                LineKind::Title => ("Title", theme.title()),
                LineKind::Masthead => ("Site", theme.dim()),
                LineKind::Byline => ("Byline", Style::new()),
                LineKind::Dateline => ("Place", Style::new()),
                _ => ("§", Style::new().add_modifier(Modifier::BOLD)),
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

fn summary_lines<'a>(state: &AppState, theme: &Theme) -> Vec<Line<'a>> {
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
            Span::raw(d.clone()),
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
        out.push(Line::from(Span::styled(n.clone(), theme.error())));
    }
    out
}
