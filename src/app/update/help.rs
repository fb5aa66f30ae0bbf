//! Keys on the help screen: scrolling and searching it.

use super::*;
use crate::app::help::{self as text, HelpLine};

/// Handles `action` on the help screen; false when it is not the help's
/// (quitting, say), so that `update` carries it out as usual.
pub(super) fn update(state: &mut AppState, vp: &Viewports, action: &Action) -> bool {
    let notices = matches!(&state.mode, Mode::Help(h) if h.notices);
    let lines = text::screen_lines(state, notices);
    let rows = vp.help_rows.max(1);
    // Rows as drawn (lines wrap); before the first frame, one per line.
    let map: Vec<usize> = if vp.help_map.is_empty() {
        (0..lines.len()).collect()
    } else {
        vp.help_map.clone()
    };
    let max = map.len().saturating_sub(rows);
    let line_at = |row: usize| map.get(row).copied().unwrap_or(0);
    let row_of = |line: usize| map.iter().position(|&l| l == line).unwrap_or(0);
    let Mode::Help(h) = &mut state.mode else {
        return false;
    };
    let page = rows.saturating_sub(1).max(1);
    match action {
        Action::Down(n) => h.scroll = (h.scroll + n).min(max),
        Action::Up(n) => h.scroll = h.scroll.saturating_sub(*n),
        Action::PageDown => h.scroll = (h.scroll + page).min(max),
        Action::PageUp => h.scroll = h.scroll.saturating_sub(page),
        Action::HalfPageDown => h.scroll = (h.scroll + page / 2).min(max),
        Action::HalfPageUp => h.scroll = h.scroll.saturating_sub(page / 2),
        Action::Top => h.scroll = 0,
        Action::Bottom => h.scroll = max,
        Action::StartSearch { .. } => {
            h.query.clear();
            h.typing = true;
        }
        Action::SearchInput(c) if h.typing => {
            h.query.push(*c);
            // Incremental: from the line at the top.
            let from = line_at(h.scroll)
                .checked_sub(1)
                .unwrap_or(lines.len().saturating_sub(1));
            seek(h, &lines, from, true, max, row_of);
        }
        Action::SearchBackspace if h.typing => {
            h.query.pop();
        }
        Action::SearchSubmit => h.typing = false,
        Action::SearchNext | Action::SearchPrev => {
            let from = line_at(h.scroll);
            seek(h, &lines, from, *action == Action::SearchNext, max, row_of);
        }
        Action::Cancel if h.typing => {
            h.typing = false;
            h.query.clear();
        }
        Action::Cancel | Action::ToggleHelp | Action::ShowNotices => state.mode = Mode::Normal,
        Action::Scroll { down: true, .. } => h.scroll = (h.scroll + 3).min(max),
        Action::Scroll { down: false, .. } => h.scroll = h.scroll.saturating_sub(3),
        Action::Quit | Action::Resize => return false,
        _ => {}
    }
    if let Mode::Help(h) = &state.mode
        && !h.query.is_empty()
        && text::find(&lines, &h.query, 0, true).is_none()
    {
        let what = if notices { "notices" } else { "help" };
        let msg = format!("not in the {what}: {}", h.query);
        set_error(state, msg);
    }
    true
}

/// Scrolls to the next line matching the query, at most to the last page
/// (the line is then further down the screen).
fn seek(
    h: &mut HelpView,
    lines: &[HelpLine],
    from: usize,
    forward: bool,
    max: usize,
    row_of: impl Fn(usize) -> usize,
) {
    if let Some(i) = text::find(lines, &h.query, from, forward) {
        h.scroll = row_of(i).min(max);
    }
}
