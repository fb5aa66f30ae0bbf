//! The only place the state changes. No I/O: every action is a pure
//! transformation of `AppState`, given the sizes drawn last; changes to
//! the annotation store are queued as effects (`AppState::effects`) for the
//! event loop to carry out off the UI thread.

use super::action::{Action, Pane};
use super::editor::{EditTarget, NoteEditor};
use super::entities::{entity_groups, mentions_of, other_documents};
use super::search::Search;
use super::state::{
    AppState, FilterOf, HelpView, Mode, SearchPrompt, SelectedEntity, SidebarTab, Status,
};
use super::store_worker::Effect;
use super::viewports::{Hit, Viewports};
use super::visual::Motion;

/// Screen rows one wheel notch scrolls.
const WHEEL_ROWS: usize = 3;

/// Rows the list gives each document (title and details).
pub const LIST_ITEM_ROWS: usize = 2;

mod annotate;
mod copy;
mod cursor;
mod help;
mod jumps;
mod marks;
mod search;
#[cfg(test)]
mod tests;

use annotate::*;
use cursor::*;
use jumps::*;
pub use jumps::{current_quote, diff_summary};
pub use search::{apply as apply_search, rerun_after_loading};

/// Applies one action. A jump that moves the cursor records where it
/// started in the jump list.
pub fn update(state: &mut AppState, vp: &Viewports, action: Action) {
    let from = match (&action, &state.mode) {
        // A search typed: the jump is from where it began.
        (Action::SearchSubmit, Mode::Search(p)) => {
            state.doc().map(|d| crate::app::spot::Spot::at(d, p.origin))
        }
        _ => marks::is_jump(&action)
            .then(|| marks::here(state))
            .flatten(),
    };
    apply(state, vp, action);
    if let Some(from) = from
        && marks::here(state)
            .is_some_and(|now| (now.path.as_str(), now.offset) != (from.path.as_str(), from.offset))
    {
        marks::record_jump(state, from);
    }
}

fn apply(state: &mut AppState, vp: &Viewports, action: Action) {
    if !matches!(action, Action::Resize | Action::SearchInput(_)) {
        state.status = None;
    }
    if !matches!(action, Action::Resize) {
        // The user has moved on: the last session's document is no longer
        // opened when it arrives.
        state.restore.open = None;
    }
    if matches!(state.mode, Mode::Help(_)) && help::update(state, vp, &action) {
        return;
    }
    if search::typing_corpus(state) && search::corpus_prompt(state, &action) {
        return;
    }
    if matches!(state.mode, Mode::Results) && search::results(state, vp, &action) {
        return;
    }
    match action {
        Action::Quit => state.quit = true,
        Action::FocusNext => state.focus = cycle(state.focus, 1),
        Action::FocusPrev => state.focus = cycle(state.focus, 2),
        Action::Focus(p) => state.focus = p,
        Action::Down(n) if state.focus == Pane::Reader => move_cursor(state, vp, n as isize),
        Action::Up(n) if state.focus == Pane::Reader => move_cursor(state, vp, -(n as isize)),
        Action::Down(n) => move_by(state, vp, state.focus, n as isize),
        Action::Up(n) => move_by(state, vp, state.focus, -(n as isize)),
        Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
            let p = page(vp, state.focus);
            let delta = match action {
                Action::PageDown => p,
                Action::PageUp => -p,
                Action::HalfPageDown => p / 2,
                _ => -p / 2,
            };
            if state.focus == Pane::Reader {
                page_reader(state, vp, delta);
            } else {
                move_by(state, vp, state.focus, delta);
            }
        }
        Action::Top | Action::Bottom if state.focus == Pane::Reader => {
            reader_end(state, vp, action == Action::Bottom)
        }
        Action::Top => move_by(state, vp, state.focus, isize::MIN / 2),
        Action::Bottom => move_by(state, vp, state.focus, isize::MAX / 2),
        Action::GoToLine(n) => go_to_line(state, vp, n),
        Action::GoToPercent(n) => go_to_percent(state, vp, n),
        Action::StartGoTo => state.mode = Mode::GoTo(String::new()),
        Action::SearchInput(_) | Action::SearchBackspace | Action::SearchSubmit
            if matches!(state.mode, Mode::GoTo(_)) =>
        {
            go_to_input(state, vp, &action)
        }
        Action::Repeat {
            count,
            action,
            focus,
        } => {
            if let Some(p) = focus {
                state.focus = p;
            }
            for _ in 0..count {
                apply(state, vp, (*action).clone());
                if state.status.as_ref().is_some_and(|s| s.error) {
                    break;
                }
            }
        }
        Action::Copy => copy::copy(state),
        Action::SetMark(c) => marks::set_mark(state, c),
        Action::GoToMark(c) => marks::go_to_mark(state, vp, c),
        Action::JumpBack => marks::jump_back(state, vp),
        Action::JumpForward => marks::jump_forward(state, vp),
        Action::Activate => activate(state, vp),
        Action::Cancel => cancel(state, vp),
        Action::NextTab | Action::PrevTab => {
            let all = SidebarTab::ALL;
            let i = all.iter().position(|t| *t == state.tab).unwrap_or(0);
            let step = if action == Action::NextTab {
                1
            } else {
                all.len() - 1
            };
            state.tab = all[(i + step) % all.len()];
            state.sidebar_selected = 0;
        }
        Action::ToggleHelp => state.mode = Mode::Help(HelpView::default()),
        Action::ShowNotices => {
            state.mode = Mode::Help(HelpView {
                notices: true,
                ..HelpView::default()
            })
        }
        Action::ToggleFolds => toggle_folds(state, vp),
        Action::NextTurn => jump_turn(state, vp, true, false),
        Action::PrevTurn => jump_turn(state, vp, false, false),
        Action::NextSameSpeaker => jump_turn(state, vp, true, true),
        Action::PrevSameSpeaker => jump_turn(state, vp, false, true),
        Action::StartSearch { backward } => {
            let origin = state.view().top;
            state.mode = Mode::Search(SearchPrompt {
                origin,
                corpus: false,
            });
            state.search = Some(Search::new(state.open, "", "", backward));
            search::stop_doc_search(state);
        }
        Action::StartCorpusSearch => search::start_corpus_prompt(state),
        Action::SearchInput(c) if matches!(state.mode, Mode::Filter(_)) => {
            if let Some(f) = filter_mut(state) {
                f.push(c);
            }
            state.sidebar_selected = 0;
            fit_list_selection(state);
        }
        Action::SearchBackspace if matches!(state.mode, Mode::Filter(_)) => {
            if let Some(f) = filter_mut(state) {
                f.pop();
            }
            state.sidebar_selected = 0;
            fit_list_selection(state);
        }
        Action::SearchSubmit if matches!(state.mode, Mode::Filter(FilterOf::Documents)) => {
            state.mode = Mode::Normal;
            if state.list_rows().contains(&state.selected) {
                open(state, state.selected);
            }
        }
        Action::SearchSubmit if matches!(state.mode, Mode::Filter(_)) => state.mode = Mode::Normal,
        Action::SortDocuments => {
            state.list_sort = state.list_sort.next();
            state.status = Some(Status {
                text: format!("documents {}", state.list_sort.label()),
                error: false,
            });
        }
        Action::StartEntityFilter if state.focus == Pane::List => {
            state.mode = Mode::Filter(FilterOf::Documents);
        }
        Action::StartEntityFilter => {
            let of = if state.tab == SidebarTab::Notes {
                FilterOf::Notes
            } else {
                state.tab = SidebarTab::Entities;
                FilterOf::Entities
            };
            state.focus = Pane::Sidebar;
            state.mode = Mode::Filter(of);
        }
        Action::StartVisual => {
            let at = cursor(state, vp);
            state.mode = Mode::Visual { anchor: at };
            set_cursor(state, at);
            state.status = Some(Status {
                text: visual_hint(state),
                error: false,
            });
        }
        Action::Extend(m) => {
            let Some(doc) = state.doc() else { return };
            // Where paragraphs are written one to a line, a paragraph is a
            // line, as for `A`.
            let m = match m {
                Motion::ParagraphForward if doc.structure.paragraph_gap => Motion::LineForward,
                Motion::ParagraphBack if doc.structure.paragraph_gap => Motion::LineBack,
                m => m,
            };
            let to = super::visual::apply(&doc.text, state.view().cursor, m);
            set_cursor(state, to);
            reveal_cursor(state, vp);
        }
        Action::ExtendToTurn => {
            let Some(doc) = state.doc() else { return };
            let at = state.view().cursor;
            let end = doc
                .turn_at(at)
                .map(|i| doc.speakers.turns[i].range.end)
                .or_else(|| doc.quote_at(at).map(|i| doc.quotes[i].quote.range.end));
            match end {
                Some(e) => {
                    set_cursor(state, e);
                    reveal_cursor(state, vp);
                }
                None => set_error(state, "not in a speaker turn or quotation".into()),
            }
        }
        Action::Annotate => {
            if let Mode::Visual { anchor } = state.mode {
                let c = state.view().cursor;
                open_editor_on(state, anchor.min(c)..anchor.max(c));
            }
        }
        Action::AnnotateParagraph => {
            let Some(doc) = state.doc() else { return };
            let line = doc.line_of(cursor(state, vp));
            let range = doc.structure.lines[line].range.clone();
            open_editor_on(state, range);
        }
        Action::AnnotateTurn => {
            let Some(doc) = state.doc() else { return };
            let at = cursor(state, vp);
            let range = doc
                .turn_at(at)
                .map(|i| doc.speakers.turns[i].range.clone())
                .or_else(|| doc.quote_at(at).map(|i| doc.quotes[i].quote.range.clone()));
            match range {
                Some(r) => open_editor_on(state, r),
                None => set_error(state, "not in a speaker turn or quotation".into()),
            }
        }
        Action::EditorKey(ev) => {
            if let Mode::Editor(ed) = &mut state.mode {
                ed.input(ev);
            }
        }
        Action::EditorUndo => {
            if let Mode::Editor(ed) = &mut state.mode
                && !ed.undo()
            {
                set_error(state, "nothing to undo".into());
            }
        }
        Action::EditorRedo => {
            if let Mode::Editor(ed) = &mut state.mode
                && !ed.redo()
            {
                set_error(state, "nothing to redo".into());
            }
        }
        Action::EditorColour => {
            if let Mode::Editor(ed) = &mut state.mode {
                ed.cycle_colour();
            }
        }
        Action::EditorSave => save_editor(state),
        Action::EditNote => edit_note(state),
        Action::DeleteNote => delete_note(state),
        Action::UndoDelete => undo_delete(state),
        Action::ToggleAllNotes => {
            state.notes_all = !state.notes_all;
            state.sidebar_selected = 0;
        }
        Action::Drag { x, y } => {
            if let (Some(anchor), Some(to)) = (state.press, offset_at(state, vp, x, y)) {
                if !matches!(state.mode, Mode::Visual { .. }) {
                    state.mode = Mode::Visual { anchor };
                }
                set_cursor(state, to);
            }
        }
        Action::GoToSource => go_to_source(state, vp),
        Action::NextQuotingArticle => next_quoting_article(state, vp),
        Action::GoBack => go_back(state, vp),
        Action::NextMention => jump_mention(state, vp, true),
        Action::PrevMention => jump_mention(state, vp, false),
        Action::NextEntityDocument => next_entity_document(state, vp),
        Action::SearchInput(c) => edit_query(state, vp, |q| q.push(c)),
        Action::SearchBackspace => edit_query(state, vp, |q| {
            q.pop();
        }),
        Action::SearchSubmit => {
            state.mode = Mode::Normal;
            match &state.search {
                Some(s) if s.query.is_empty() => state.search = None,
                Some(s) if s.running() => {}
                Some(s) if s.current.is_none() => {
                    let msg = format!("not found: {}", s.query);
                    set_error(state, msg);
                }
                _ => {}
            }
        }
        Action::SearchNext | Action::SearchPrev
            if state.search.is_none()
                && search::corpus_step(state, vp, action == Action::SearchNext) => {}
        Action::SearchNext | Action::SearchPrev => {
            let along = action == Action::SearchNext;
            match state.search.as_mut() {
                Some(s) if s.doc == state.open && s.current.is_some() => {
                    s.step(along);
                    if let Some(r) = s.current_range() {
                        reveal(state, vp, r.start);
                    }
                }
                Some(s) if s.doc == state.open && s.running() => {
                    state.status = Some(Status {
                        text: format!("still searching for {}…", s.query),
                        error: false,
                    });
                }
                Some(s) if s.doc == state.open && !s.query.is_empty() => {
                    let msg = format!("not found: {}", s.query);
                    set_error(state, msg);
                }
                _ => set_error(state, "no search: press / to search".to_string()),
            }
        }
        Action::Scroll { x, y, down } => {
            if let Some((pane, _)) = vp.pane_at(x, y) {
                let n = if pane == Pane::Reader { WHEEL_ROWS } else { 1 } as isize;
                move_by(state, vp, pane, if down { n } else { -n });
            }
        }
        Action::Click { x, y } => click(state, vp, x, y),
        Action::Resize => {}
        Action::Unbound(key) => {
            let help = state
                .keymap
                .hint(&state.mode, state.focus, &Action::ToggleHelp)
                .unwrap_or_else(|| "?".into());
            let key = crate::sanitize::display(&key, 0);
            let text = format!("{key} does nothing here — {help} lists the keys");
            set_error(state, text);
        }
    }
}

/// What the keys of visual mode do, from the key map: "select: w b ) (
/// j k } { t extend · Enter annotate · Esc cancel".
fn visual_hint(state: &AppState) -> String {
    use super::keymap::{Scope, label};
    let bindings = state.keymap.bindings(Scope::Visual);
    let keys = |f: &dyn Fn(&Action) -> bool, short: bool| {
        let ks: Vec<String> = bindings
            .iter()
            .filter(|(k, a)| f(a) && (!short || k.iter().all(|c| c.is_printable())))
            .map(|(k, _)| label(k))
            .collect();
        ks.join(" ")
    };
    let extend = keys(
        &|a| matches!(a, Action::Extend(_) | Action::ExtendToTurn),
        true,
    );
    let annotate = keys(&|a| *a == Action::Annotate, false);
    let cancel = keys(&|a| *a == Action::Cancel, false);
    format!("select: {extend} extend · {annotate} annotate · {cancel} cancel")
}

/// The filter being typed.
fn filter_mut(state: &mut AppState) -> Option<&mut String> {
    match state.mode {
        Mode::Filter(FilterOf::Entities) => Some(&mut state.entity_filter),
        Mode::Filter(FilterOf::Notes) => Some(&mut state.notes_filter),
        Mode::Filter(FilterOf::Documents) => Some(&mut state.list_filter),
        _ => None,
    }
}

/// While the list's filter is typed: the selection moves to the first
/// document shown if the one selected is filtered out.
fn fit_list_selection(state: &mut AppState) {
    if !matches!(state.mode, Mode::Filter(FilterOf::Documents)) {
        return;
    }
    let rows = state.list_rows();
    if !rows.contains(&state.selected)
        && let Some(&first) = rows.first()
    {
        state.selected = first;
    }
}

/// The confirmed filter of the sidebar tab in focus, if it has one.
fn shown_filter(state: &mut AppState) -> Option<&mut String> {
    match (state.focus, state.tab) {
        (Pane::List, _) => Some(&mut state.list_filter),
        (Pane::Sidebar, SidebarTab::Entities) => Some(&mut state.entity_filter),
        (Pane::Sidebar, SidebarTab::Notes) => Some(&mut state.notes_filter),
        _ => None,
    }
}

fn set_error(state: &mut AppState, text: String) {
    state.status = Some(Status { text, error: true });
}

fn cycle(p: Pane, step: usize) -> Pane {
    let i = Pane::ALL.iter().position(|x| *x == p).unwrap_or(0);
    Pane::ALL[(i + step) % Pane::ALL.len()]
}

fn page(vp: &Viewports, pane: Pane) -> isize {
    let rows = match pane {
        Pane::Reader => reader_rows(vp),
        Pane::List => (vp.list_rows / LIST_ITEM_ROWS).max(1),
        Pane::Sidebar => vp.sidebar_rows.max(1),
    };
    rows.saturating_sub(1).max(1) as isize
}

fn reader_rows(vp: &Viewports) -> usize {
    if vp.reader_rows == 0 {
        24
    } else {
        vp.reader_rows
    }
}

fn reader_cols(vp: &Viewports) -> usize {
    if vp.reader_cols == 0 {
        80
    } else {
        vp.reader_cols
    }
}

fn clamp_step(cur: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (cur as isize).saturating_add(delta).clamp(0, max.max(0)) as usize
}

fn move_by(state: &mut AppState, vp: &Viewports, pane: Pane, delta: isize) {
    match pane {
        Pane::List => {
            // Along the list as shown: filtered and sorted.
            let rows = state.list_rows();
            let at = rows.iter().position(|&d| d == state.selected);
            let Some(&sel) = at
                .map(|i| clamp_step(i, delta, rows.len()))
                .or((!rows.is_empty()).then_some(0))
                .and_then(|i| rows.get(i))
            else {
                return;
            };
            if sel != state.selected || sel != state.open {
                state.selected = sel;
                open(state, sel);
            }
        }
        Pane::Sidebar => {
            let n = sidebar_len(state);
            state.sidebar_selected = clamp_step(state.sidebar_selected, delta, n);
        }
        Pane::Reader => scroll_reader(state, vp, delta),
    }
}

fn scroll_reader(state: &mut AppState, vp: &Viewports, delta: isize) {
    // To the top or the end of a document laid out a window at a time:
    // first to the window there.
    let far = delta.unsigned_abs() >= isize::MAX as usize / 4;
    if far
        && !state.wrapped(reader_cols(vp)).whole
        && let Some(len) = state.doc().map(|d| d.text.len())
        && let Some(v) = state.view_mut()
    {
        v.top = if delta > 0 { len } else { 0 };
    }
    let wrapped = state.wrapped(reader_cols(vp));
    if wrapped.rows.is_empty() {
        return;
    }
    let max_top = wrapped.rows.len().saturating_sub(reader_rows(vp));
    let cur = wrapped.row_of(state.view().top).min(max_top);
    let row = clamp_step(cur, delta, max_top + 1);
    if let Some(v) = state.view_mut() {
        v.top = wrapped.rows[row].range.start;
    }
    keep_cursor_on_screen(state, vp, &wrapped, row);
}

/// Scrolls so that byte offset `pos` shows a third of the way down, and
/// puts the cursor there.
fn reveal(state: &mut AppState, vp: &Viewports, pos: usize) {
    set_cursor(state, pos);
    let wrapped = state.wrapped_around(reader_cols(vp), pos);
    if wrapped.rows.is_empty() {
        return;
    }
    let rows = reader_rows(vp);
    let max_top = wrapped.rows.len().saturating_sub(rows);
    let target = wrapped.row_of(pos);
    let cur = wrapped.row_of(state.view().top);
    if target >= cur && target < cur + rows.saturating_sub(1) && cur <= max_top {
        return; // Already on screen.
    }
    let row = target.saturating_sub(rows / 3).min(max_top);
    if let Some(v) = state.view_mut() {
        v.top = wrapped.rows[row].range.start;
    }
}

/// Shows document `i` in the reader, where the user left it.
fn open(state: &mut AppState, i: usize) {
    if i != state.open {
        // A selection belongs to its document.
        if matches!(state.mode, Mode::Visual { .. }) {
            state.mode = Mode::Normal;
        }
        state.press = None;
    }
    state.open = i;
    state.sidebar_selected = 0;
}

fn sidebar_len(state: &AppState) -> usize {
    state.doc().map_or(0, |d| match state.tab {
        SidebarTab::Outline => d.structure.outline.len(),
        SidebarTab::Speakers => d.speaker_stats.len(),
        SidebarTab::Entities => entity_groups(d, &state.entity_filter).len(),
        SidebarTab::Notes => state
            .notebook
            .entries(state.open, state.notes_all, &state.notes_filter)
            .len(),
    })
}

fn activate(state: &mut AppState, vp: &Viewports) {
    match state.focus {
        Pane::List => {
            open(state, state.selected);
            state.focus = Pane::Reader;
        }
        Pane::Sidebar => {
            let Some(doc) = state.doc() else { return };
            match state.tab {
                SidebarTab::Outline => {
                    let outline = doc.structure.outline.clone();
                    if let Some(e) = outline.get(state.sidebar_selected) {
                        let pos = doc.structure.lines[e.line].range.start;
                        reveal(state, vp, pos);
                    }
                }
                SidebarTab::Entities => choose_entity(state, vp, state.sidebar_selected),
                SidebarTab::Notes => go_to_note(state, vp),
                SidebarTab::Speakers => {
                    let Some(who) = doc.speaker_stats.get(state.sidebar_selected) else {
                        return;
                    };
                    let who = who.speaker.clone();
                    let first = doc.speakers.turns.iter().find(|t| *t.speaker == *who);
                    let pos = first.map_or(0, |t| t.range.start);
                    if let Some(v) = state.view_mut() {
                        v.speaker_filter = Some(who);
                        v.top = pos;
                        v.cursor = pos;
                    }
                    scroll_reader(state, vp, 0);
                    state.focus = Pane::Reader;
                }
            }
        }
        Pane::Reader => {}
    }
}

fn cancel(state: &mut AppState, vp: &Viewports) {
    let filtered = shown_filter(state).is_some_and(|f| !f.is_empty());
    match &state.mode {
        Mode::Results => state.mode = Mode::Normal,
        &Mode::Search(SearchPrompt { origin, .. }) => {
            state.mode = Mode::Normal;
            state.search = None;
            search::stop_doc_search(state);
            if let Some(v) = state.view_mut() {
                v.top = origin;
            }
            scroll_reader(state, vp, 0);
        }
        Mode::Help(_) | Mode::GoTo(_) => state.mode = Mode::Normal,
        Mode::Filter(_) => {
            if let Some(f) = filter_mut(state) {
                f.clear();
            }
            state.mode = Mode::Normal;
            state.sidebar_selected = 0;
        }
        Mode::Visual { .. } => state.mode = Mode::Normal,
        Mode::Editor(ed) if ed.saving.is_some() => {
            // Closing now would lose the note if the save then failed.
            state.status = Some(Status {
                text: "saving… — the note closes when it is saved".into(),
                error: false,
            });
        }
        Mode::Editor(_) => {
            state.mode = Mode::Normal;
            state.status = Some(Status {
                text: "note not saved".into(),
                error: false,
            });
        }
        Mode::Normal if state.search.is_some() => {
            state.search = None;
            search::stop_doc_search(state);
        }
        Mode::Normal if state.flash.is_some() => state.flash = None,
        Mode::Normal if filtered => {
            if let Some(f) = shown_filter(state) {
                f.clear();
            }
            state.sidebar_selected = 0;
        }
        Mode::Normal if state.entity.is_some() => state.entity = None,
        Mode::Normal => {
            let top = state.view().top;
            if let Some(v) = state.view_mut() {
                v.speaker_filter = None;
                v.top = top;
            }
            scroll_reader(state, vp, 0);
        }
    }
}

fn toggle_folds(state: &mut AppState, vp: &Viewports) {
    let Some(doc) = state.doc() else { return };
    if doc.structure.folds.is_empty() {
        set_error(state, "nothing to fold in this document".to_string());
        return;
    }
    let top = state.view().top;
    if let Some(v) = state.view_mut() {
        v.unfolded = !v.unfolded;
        v.top = top;
    }
    scroll_reader(state, vp, 0);
}

fn edit_query(state: &mut AppState, vp: &Viewports, edit: impl FnOnce(&mut String)) {
    let Mode::Search(SearchPrompt { origin, .. }) = state.mode else {
        return;
    };
    let Some(search) = state.search.as_ref() else {
        return;
    };
    let mut query = search.query.clone();
    edit(&mut query);
    let backward = search.backward;
    let Some(mut s) = search::doc_search(state, &query, backward) else {
        return;
    };
    if !s.running() {
        s.select_from(origin);
    }
    let target = s.current_range();
    state.search = Some(s);
    // Incremental: show the match nearest the starting point, or go back.
    if let Some(v) = state.view_mut() {
        v.top = origin;
    }
    match target {
        Some(r) => reveal(state, vp, r.start),
        None => scroll_reader(state, vp, 0),
    }
}

fn click(state: &mut AppState, vp: &Viewports, x: u16, y: u16) {
    let Some((pane, _)) = vp.pane_at(x, y) else {
        return;
    };
    state.focus = pane;
    if let Some(tab) = vp.hits.tab_at(x, y) {
        if tab != state.tab {
            state.tab = tab;
            state.sidebar_selected = 0;
        }
        return;
    }
    match vp.hits.row_at(x, y) {
        Some(Hit::Document(i)) if i < state.corpus.docs.len() => {
            state.selected = i;
            open(state, i);
            return;
        }
        Some(Hit::Entry(tab, i)) if tab == state.tab && i < sidebar_len(state) => {
            state.sidebar_selected = i;
            activate(state, vp);
            return;
        }
        _ => {}
    }
    if let Some(r) = vp.hits.timeline.filter(|r| r.contains((x, y).into())) {
        // The timeline is the whole document: go to where the click points.
        let Some(doc) = state.doc() else { return };
        let mut pos = doc.text.len() * usize::from(x - r.x) / usize::from(r.width.max(1));
        while !doc.text.is_char_boundary(pos) {
            pos -= 1;
        }
        set_top_at(state, vp, pos);
        return;
    }
    if pane != Pane::Reader {
        return;
    }
    let Some(text) = vp.hits.reader_text.filter(|r| y >= r.y && y < r.bottom()) else {
        return;
    };
    let row = usize::from(y - text.y);
    state.press = offset_at(state, vp, x, y);
    if let Some(p) = state.press {
        set_cursor(state, p);
    }
    let wrapped = state.wrapped(reader_cols(vp));
    let max_top = wrapped.rows.len().saturating_sub(reader_rows(vp));
    let top = wrapped.row_of(state.view().top).min(max_top);
    if let Some(r) = wrapped.rows.get(top + row)
        && let crate::reflow::RowKind::Fold(lines) = &r.kind
    {
        let is_turn = state
            .doc()
            .is_some_and(|d| d.speakers.turns.iter().any(|t| t.line == lines.start));
        if is_turn {
            // A folded turn: show every speaker again, there.
            let pos = r.range.start;
            if let Some(v) = state.view_mut() {
                v.speaker_filter = None;
                v.top = pos;
            }
            scroll_reader(state, vp, 0);
        } else {
            toggle_folds(state, vp);
        }
    }
}

/// Puts byte offset `pos` on the reader's top row (as far as the end allows).
fn set_top_at(state: &mut AppState, vp: &Viewports, pos: usize) {
    if let Some(v) = state.view_mut() {
        v.top = pos;
    }
    let wrapped = state.wrapped(reader_cols(vp));
    let row = wrapped.row_of(pos);
    if let Some(r) = wrapped.rows.get(row)
        && let Some(v) = state.view_mut()
    {
        v.top = r.range.start;
        v.cursor = r.range.start;
    }
    scroll_reader(state, vp, 0);
}

/// Where a selection starts: the cursor if it is on screen, else the top.
fn cursor(state: &AppState, vp: &Viewports) -> usize {
    let v = state.view();
    let wrapped = state.wrapped(reader_cols(vp));
    let top = wrapped.row_of(v.top);
    let row = wrapped.row_of(v.cursor);
    if v.cursor >= v.top && row < top + reader_rows(vp) {
        v.cursor
    } else {
        wrapped.rows.get(top).map_or(0, |r| r.range.start)
    }
}

fn set_cursor(state: &mut AppState, pos: usize) {
    let Some(pos) = state.doc().map(|d| crate::text::floor_char(&d.text, pos)) else {
        return;
    };
    if let Some(v) = state.view_mut() {
        v.cursor = pos;
    }
}

fn reveal_cursor(state: &mut AppState, vp: &Viewports) {
    let c = state.view().cursor;
    reveal(state, vp, c);
    set_cursor(state, c);
}

/// The byte offset shown at screen cell (x, y) of the reader.
fn offset_at(state: &AppState, vp: &Viewports, x: u16, y: u16) -> Option<usize> {
    let text_area = vp.hits.reader_text?;
    let doc = state.doc()?;
    let wrapped = state.wrapped(reader_cols(vp));
    let max_top = wrapped.rows.len().saturating_sub(reader_rows(vp));
    let top = wrapped.row_of(state.view().top).min(max_top);
    let below = y.checked_sub(text_area.y)?;
    let row = wrapped
        .rows
        .get(top + usize::from(below.min(text_area.height.saturating_sub(1))))?;
    let want = x.saturating_sub(text_area.x) as usize;
    let mut col = 0;
    let text = &doc.text[row.range.clone()];
    for (i, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true) {
        let w = crate::reflow::grapheme_width(g, col);
        if col + w > want {
            return Some(row.range.start + i);
        }
        col += w;
    }
    Some(row.range.end)
}
