//! The only place the state changes. No I/O: every action is a pure
//! transformation of `AppState`, given the sizes drawn last.

use super::action::{Action, Pane};
use super::editor::{EditTarget, NoteEditor};
use super::entities::{
    EntityRow, entity_groups, entity_offset, entity_rows, mentions_of, other_documents,
};
use super::search::Search;
use super::state::{AppState, Mode, SelectedEntity, SidebarTab, Status, Viewports};

/// Screen rows one wheel notch scrolls.
const WHEEL_ROWS: usize = 3;

/// Rows the list gives each document (title and details).
pub const LIST_ITEM_ROWS: usize = 2;

/// First document shown in a list of `rows` rows with `selected` selected.
pub fn list_offset(selected: usize, rows: usize) -> usize {
    let visible = (rows / LIST_ITEM_ROWS).max(1);
    selected.saturating_sub(visible - 1)
}

/// First entry shown in a sidebar list of `rows` rows.
pub fn sidebar_offset(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.max(1) - 1)
}

/// Applies one action.
pub fn update(state: &mut AppState, vp: &Viewports, action: Action) {
    if !matches!(action, Action::Resize | Action::SearchInput(_)) {
        state.status = None;
    }
    match action {
        Action::Quit => state.quit = true,
        Action::FocusNext => state.focus = cycle(state.focus, 1),
        Action::FocusPrev => state.focus = cycle(state.focus, 2),
        Action::Focus(p) => state.focus = p,
        Action::Down(n) => move_by(state, vp, state.focus, n as isize),
        Action::Up(n) => move_by(state, vp, state.focus, -(n as isize)),
        Action::PageDown => move_by(state, vp, state.focus, page(vp, state.focus)),
        Action::PageUp => move_by(state, vp, state.focus, -page(vp, state.focus)),
        Action::HalfPageDown => move_by(state, vp, state.focus, page(vp, state.focus) / 2),
        Action::HalfPageUp => move_by(state, vp, state.focus, -page(vp, state.focus) / 2),
        Action::Top => move_by(state, vp, state.focus, isize::MIN / 2),
        Action::Bottom => move_by(state, vp, state.focus, isize::MAX / 2),
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
            state.entity_filter.clear();
        }
        Action::ToggleHelp => {
            state.mode = match state.mode {
                Mode::Help => Mode::Normal,
                _ => Mode::Help,
            }
        }
        Action::ToggleFolds => toggle_folds(state, vp),
        Action::NextTurn => jump_turn(state, vp, true, false),
        Action::PrevTurn => jump_turn(state, vp, false, false),
        Action::NextSameSpeaker => jump_turn(state, vp, true, true),
        Action::PrevSameSpeaker => jump_turn(state, vp, false, true),
        Action::StartSearch { backward } => {
            let origin = state.view().top;
            state.mode = Mode::SearchInput { origin };
            state.search = Some(Search::new(state.open, "", "", backward));
        }
        Action::SearchInput(c) if state.mode == Mode::EntityFilter => {
            state.entity_filter.push(c);
            state.sidebar_selected = 0;
        }
        Action::SearchBackspace if state.mode == Mode::EntityFilter => {
            state.entity_filter.pop();
            state.sidebar_selected = 0;
        }
        Action::SearchSubmit if state.mode == Mode::EntityFilter => state.mode = Mode::Normal,
        Action::StartEntityFilter => {
            if state.tab != SidebarTab::Notes {
                state.tab = SidebarTab::Entities;
            }
            state.focus = Pane::Sidebar;
            state.mode = Mode::EntityFilter;
        }
        Action::StartVisual => {
            let at = cursor(state, vp);
            state.mode = Mode::Visual { anchor: at };
            set_cursor(state, at);
            state.status = Some(Status {
                text: "select: w b ) ( j k } { t extend · Enter annotate · Esc cancel".into(),
                error: false,
            });
        }
        Action::Extend(m) => {
            let Some(doc) = state.doc() else { return };
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
            if let Some(ed) = state.editor.as_mut() {
                ed.textarea.input(ev);
            }
        }
        Action::EditorColour => {
            if let Some(ed) = state.editor.as_mut() {
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
                Some(s) if s.current.is_none() => {
                    let msg = format!("not found: {}", s.query);
                    set_error(state, msg);
                }
                _ => {}
            }
        }
        Action::SearchNext | Action::SearchPrev => {
            let along = action == Action::SearchNext;
            match state.search.as_mut() {
                Some(s) if s.doc == state.open && s.current.is_some() => {
                    s.step(along);
                    if let Some(r) = s.current_range() {
                        reveal(state, vp, r.start);
                    }
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
            let n = state.corpus.docs.len();
            let sel = clamp_step(state.selected, delta, n);
            if sel != state.selected {
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
}

/// Scrolls so that byte offset `pos` shows a third of the way down, and
/// puts the cursor there.
fn reveal(state: &mut AppState, vp: &Viewports, pos: usize) {
    set_cursor(state, pos);
    let wrapped = state.wrapped(reader_cols(vp));
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
            .entries(state.open, state.notes_all, &state.entity_filter)
            .len(),
    })
}

/// Makes the `i`th entity of the Entities tab the chosen one and shows its
/// first mention after the reading position.
fn choose_entity(state: &mut AppState, vp: &Viewports, i: usize) {
    let Some(doc) = state.doc() else { return };
    let Some(g) = entity_groups(doc, &state.entity_filter).into_iter().nth(i) else {
        return;
    };
    state.entity = Some(SelectedEntity {
        kind: g.kind,
        canonical: g.canonical.clone(),
        at: state.view().top.saturating_sub(1),
    });
    jump_mention(state, vp, true);
}

/// Shows the next (or previous) mention of the chosen entity, wrapping.
fn jump_mention(state: &mut AppState, vp: &Viewports, forward: bool) {
    let (Some(doc), Some(e)) = (state.doc(), state.entity.as_ref()) else {
        set_error(
            state,
            "no entity chosen: pick one in the Entities tab".to_string(),
        );
        return;
    };
    let all: Vec<_> = mentions_of(doc, e.kind, &e.canonical)
        .map(|r| r.start)
        .collect();
    if all.is_empty() {
        let msg = format!("{} is not mentioned in this document", e.canonical);
        set_error(state, msg);
        return;
    }
    let next = if forward {
        all.iter().find(|&&p| p > e.at).or(all.first())
    } else {
        all.iter().rev().find(|&&p| p < e.at).or(all.last())
    };
    let Some(&pos) = next else { return };
    let n = all.iter().position(|&p| p == pos).unwrap_or(0) + 1;
    let msg = format!("{}: mention {n} of {}", e.canonical, all.len());
    if let Some(e) = state.entity.as_mut() {
        e.at = pos;
    }
    reveal(state, vp, pos);
    state.status = Some(Status {
        text: msg,
        error: false,
    });
}

/// Opens the next document that mentions the chosen entity, at its first
/// mention.
fn next_entity_document(state: &mut AppState, vp: &Viewports) {
    let Some(e) = state.entity.clone() else {
        set_error(
            state,
            "no entity chosen: pick one in the Entities tab".to_string(),
        );
        return;
    };
    let others = other_documents(&state.corpus, state.open, e.kind, &e.canonical);
    let Some(&next) = others.iter().find(|&&d| d > state.open).or(others.first()) else {
        set_error(state, format!("{} is in no other document", e.canonical));
        return;
    };
    state.selected = next;
    open(state, next);
    if let Some(e) = state.entity.as_mut() {
        e.at = 0;
    }
    let first = state
        .doc()
        .and_then(|d| mentions_of(d, e.kind, &e.canonical).next());
    if let Some(r) = first {
        if let Some(sel) = state.entity.as_mut() {
            sel.at = r.start;
        }
        reveal(state, vp, r.start);
    }
    let title = state
        .doc()
        .map(|d| d.meta.title.clone())
        .unwrap_or_default();
    state.status = Some(Status {
        text: format!("{} in “{title}”", e.canonical),
        error: false,
    });
}

/// Where each speaker's part starts: turns in a transcript, quotations in
/// an article.
fn segments(doc: &crate::corpus::Document) -> Vec<(usize, &str)> {
    if doc.speakers.turns.is_empty() {
        doc.quotes
            .iter()
            .map(|q| {
                let who = q.quote.speaker.as_deref().unwrap_or(crate::corpus::UNKNOWN);
                (q.quote.range.start, who)
            })
            .collect()
    } else {
        doc.speakers
            .turns
            .iter()
            .map(|t| (t.range.start, t.speaker.as_str()))
            .collect()
    }
}

/// Moves the top of the reader to the next or previous turn (quotation in
/// an article); with `same`, of the speaker at the top; with a speaker
/// filter, of that speaker.
fn jump_turn(state: &mut AppState, vp: &Viewports, forward: bool, same: bool) {
    let Some(doc) = state.doc() else { return };
    let segs = segments(doc);
    if segs.is_empty() {
        set_error(
            state,
            "no speaker turns or quotations in this document".to_string(),
        );
        return;
    }
    let top = state.view().top;
    let current = segs
        .iter()
        .rposition(|&(start, _)| start <= top)
        .or_else(|| segs.iter().position(|&(start, _)| start >= top));
    let who: Option<String> = match (&state.view().speaker_filter, same) {
        (Some(f), _) => Some(f.clone()),
        (None, true) => current.map(|i| segs[i].1.to_string()),
        (None, false) => None,
    };
    let fits = |w: &str| who.as_deref().is_none_or(|x| x == w);
    let target = if forward {
        segs.iter().find(|&&(start, w)| start > top && fits(w))
    } else {
        segs.iter()
            .rev()
            .find(|&&(start, w)| start < top && fits(w))
    };
    match target.map(|&(start, _)| start) {
        Some(pos) => {
            // Quotations start mid-line: show them a little below the top.
            if doc.speakers.turns.is_empty() {
                set_top(state, vp, pos);
                reveal(state, vp, pos);
            } else {
                set_top(state, vp, pos);
            }
        }
        None => {
            let whose = who.map(|w| format!(" by {w}")).unwrap_or_default();
            let dir = if forward { "after" } else { "before" };
            set_error(state, format!("nothing{whose} {dir} this point"));
        }
    }
}

fn set_top(state: &mut AppState, vp: &Viewports, pos: usize) {
    if let Some(v) = state.view_mut() {
        v.top = pos;
        v.cursor = pos;
    }
    scroll_reader(state, vp, 0);
}

/// The quotation at the reading position: the one the top row is in, or
/// the first one on the screen.
pub fn current_quote(state: &AppState, rows: usize) -> Option<usize> {
    let doc = state.doc()?;
    let top = state.view().top;
    if let Some(i) = doc.quote_at(top) {
        return Some(i);
    }
    let wrapped = state.wrapped(state_cols(state));
    let row = wrapped.row_of(top);
    let end = wrapped
        .rows
        .get(row + rows)
        .map_or(doc.text.len(), |r| r.range.start);
    doc.quotes
        .iter()
        .position(|q| q.quote.range.start >= top && q.quote.range.start < end)
}

fn state_cols(state: &AppState) -> usize {
    state.last_cols.get().max(1)
}

fn jump_to(state: &mut AppState, vp: &Viewports, doc: usize, range: std::ops::Range<usize>) {
    state.jumps.push((state.open, state.view().top));
    state.selected = doc;
    open(state, doc);
    state.flash = Some((doc, range.clone()));
    if let Some(v) = state.view_mut() {
        v.speaker_filter = None;
    }
    reveal(state, vp, range.start);
}

fn go_to_source(state: &mut AppState, vp: &Viewports) {
    let Some(i) = current_quote(state, reader_rows(vp)) else {
        set_error(state, "no quotation here".to_string());
        return;
    };
    let Some(doc) = state.doc() else { return };
    let q = &doc.quotes[i];
    let Some(src) = q.source.clone() else {
        set_error(
            state,
            "no source for this quotation in the corpus".to_string(),
        );
        return;
    };
    let summary = diff_summary(&src);
    jump_to(state, vp, src.doc, src.range.clone());
    state.status = Some(Status {
        text: summary,
        error: false,
    });
}

/// "verbatim", or the words that differ: −transcript +article.
pub fn diff_summary(src: &crate::analysis::quotes::Source) -> String {
    use crate::analysis::quotes::DiffOp;
    if src.verbatim {
        return "quoted verbatim — b goes back".to_string();
    }
    let changes: Vec<String> = src
        .diff
        .iter()
        .filter_map(|op| match op {
            DiffOp::Equal(_) => None,
            DiffOp::Insert(w) => Some(format!("+{w}")),
            DiffOp::Delete(w) => Some(format!("−{w}")),
        })
        .collect();
    if changes.is_empty() {
        "altered in punctuation or case only — b goes back".to_string()
    } else {
        format!(
            "altered: {} (− transcript, + article) — b goes back",
            changes.join(" ")
        )
    }
}

fn next_quoting_article(state: &mut AppState, vp: &Viewports) {
    let Some(doc) = state.doc() else { return };
    let Some(turn) = doc.turn_at(state.view().top) else {
        set_error(state, "not in a transcript turn".to_string());
        return;
    };
    let Some(quotes) = state.quoted_by.get(&(state.open, turn)).cloned() else {
        set_error(
            state,
            "no article in the corpus quotes this turn".to_string(),
        );
        return;
    };
    // Cycle through the quotations on repeated presses.
    let last = state.flash.clone();
    let next = quotes
        .iter()
        .position(|&(a, q)| {
            last.as_ref()
                .is_some_and(|(d, r)| *d == a && state.corpus.docs[a].quotes[q].quote.range == *r)
        })
        .map_or(0, |i| (i + 1) % quotes.len());
    let (a, q) = quotes[next];
    let range = state.corpus.docs[a].quotes[q].quote.range.clone();
    let n = quotes.len();
    jump_to(state, vp, a, range);
    state.status = Some(Status {
        text: format!(
            "quotation {} of {n} taken from that turn — b goes back",
            next + 1
        ),
        error: false,
    });
}

fn go_back(state: &mut AppState, vp: &Viewports) {
    let Some((doc, top)) = state.jumps.pop() else {
        set_error(state, "nowhere to go back to".to_string());
        return;
    };
    state.selected = doc;
    open(state, doc);
    state.flash = None;
    set_top(state, vp, top);
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
                    let first = doc.speakers.turns.iter().find(|t| t.speaker == who);
                    let pos = first.map_or(0, |t| t.range.start);
                    if let Some(v) = state.view_mut() {
                        v.speaker_filter = Some(who);
                        v.top = pos;
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
    match state.mode {
        Mode::SearchInput { origin } => {
            state.mode = Mode::Normal;
            state.search = None;
            if let Some(v) = state.view_mut() {
                v.top = origin;
            }
            scroll_reader(state, vp, 0);
        }
        Mode::Help => state.mode = Mode::Normal,
        Mode::EntityFilter => {
            state.mode = Mode::Normal;
            state.entity_filter.clear();
        }
        Mode::Visual { .. } => state.mode = Mode::Normal,
        Mode::Editor => {
            state.mode = Mode::Normal;
            state.editor = None;
            state.status = Some(Status {
                text: "note not saved".into(),
                error: false,
            });
        }
        Mode::Normal if state.search.is_some() => state.search = None,
        Mode::Normal if state.flash.is_some() => state.flash = None,
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
    let Mode::SearchInput { origin } = state.mode else {
        return;
    };
    let Some(search) = state.search.as_ref() else {
        return;
    };
    let mut query = search.query.clone();
    edit(&mut query);
    let backward = search.backward;
    let Some(doc) = state.doc() else { return };
    let mut s = Search::new(state.open, &doc.text, &query, backward);
    s.select_from(origin);
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
    let Some((pane, rect)) = vp.pane_at(x, y) else {
        return;
    };
    state.focus = pane;
    // Rows inside the border.
    let Some(row) = (y as usize).checked_sub(rect.y as usize + 1) else {
        return;
    };
    match pane {
        Pane::List => {
            let i = list_offset(state.selected, vp.list_rows) + row / LIST_ITEM_ROWS;
            if i < state.corpus.docs.len() {
                state.selected = i;
                open(state, i);
            }
        }
        Pane::Sidebar => {
            // The first row is the tab bar.
            let Some(row) = row.checked_sub(1) else {
                return;
            };
            let i = match state.tab {
                SidebarTab::Outline => {
                    sidebar_offset(state.sidebar_selected, vp.sidebar_rows) + row
                }
                SidebarTab::Speakers => {
                    list_offset(state.sidebar_selected, vp.sidebar_rows.saturating_sub(2))
                        + row / LIST_ITEM_ROWS
                }
                SidebarTab::Notes => {
                    // The filter line takes the first row; two rows a note.
                    let Some(row) = row.checked_sub(1) else {
                        return;
                    };
                    list_offset(state.sidebar_selected, vp.sidebar_rows.saturating_sub(1))
                        + row / LIST_ITEM_ROWS
                }
                SidebarTab::Entities => {
                    let Some(doc) = state.doc() else { return };
                    let groups = entity_groups(doc, &state.entity_filter);
                    let offset = entity_offset(state.sidebar_selected, vp.sidebar_rows);
                    // The filter line takes the first row.
                    let Some(row) = row.checked_sub(1) else {
                        return;
                    };
                    match entity_rows(&groups, offset, vp.sidebar_rows).get(row) {
                        Some(EntityRow::Entity(i)) => *i,
                        _ => return,
                    }
                }
            };
            if i < sidebar_len(state) {
                state.sidebar_selected = i;
                activate(state, vp);
            }
        }
        Pane::Reader => {
            state.press = offset_at(state, vp, x, y);
            if let Some(p) = state.press {
                set_cursor(state, p);
            }
            let wrapped = state.wrapped(reader_cols(vp));
            let top = wrapped.row_of(state.view().top);
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    fn state(texts: &[&str]) -> AppState {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(format!("doc{i}.txt"), t.to_string()))
            .collect();
        AppState::new(Corpus {
            docs,
            notices: vec![],
        })
    }

    fn vp(rows: usize, cols: usize) -> Viewports {
        Viewports {
            reader_rows: rows,
            reader_cols: cols,
            list_rows: 10,
            sidebar_rows: 10,
            ..Viewports::default()
        }
    }

    fn long_text(lines: usize) -> String {
        (0..lines).map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn reading_position_is_kept_per_document() {
        let (a, b) = (long_text(100), long_text(50));
        let mut s = state(&[&a, &b]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::PageDown);
        let top_a = s.view().top;
        assert!(top_a > 0);
        update(&mut s, &v, Action::Focus(Pane::List));
        update(&mut s, &v, Action::Down(1));
        assert_eq!((s.open, s.view().top), (1, 0));
        update(&mut s, &v, Action::Up(1));
        assert_eq!((s.open, s.view().top), (0, top_a));
    }

    #[test]
    fn scrolling_stops_at_the_last_page() {
        let mut s = state(&[&long_text(30)]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::Bottom);
        let w = s.wrapped(40);
        assert_eq!(w.row_of(s.view().top), 20);
        update(&mut s, &v, Action::Down(5));
        assert_eq!(w.row_of(s.view().top), 20);
        update(&mut s, &v, Action::Top);
        assert_eq!(s.view().top, 0);
    }

    #[test]
    fn incremental_search_moves_and_escape_returns() {
        let mut s = state(&[&(long_text(60) + "needle here\n")]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::StartSearch { backward: false });
        for c in "need".chars() {
            update(&mut s, &v, Action::SearchInput(c));
        }
        assert!(s.view().top > 0, "the match is scrolled into view");
        assert_eq!(s.search.as_ref().unwrap().counter(), "1/1");
        update(&mut s, &v, Action::Cancel);
        assert_eq!(s.view().top, 0);
        assert!(s.search.is_none());
    }

    #[test]
    fn search_not_found_is_said() {
        let mut s = state(&["alpha beta"]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::StartSearch { backward: false });
        update(&mut s, &v, Action::SearchInput('z'));
        update(&mut s, &v, Action::SearchSubmit);
        assert_eq!(s.status.as_ref().unwrap().text, "not found: z");
    }

    #[test]
    fn focus_cycles_through_three_panes() {
        let mut s = state(&["x"]);
        let v = vp(10, 40);
        assert_eq!(s.focus, Pane::Reader);
        update(&mut s, &v, Action::FocusNext);
        assert_eq!(s.focus, Pane::Sidebar);
        update(&mut s, &v, Action::FocusNext);
        assert_eq!(s.focus, Pane::List);
        update(&mut s, &v, Action::FocusPrev);
        assert_eq!(s.focus, Pane::Sidebar);
    }
}

#[cfg(test)]
mod turn_tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    const T: &str = "Minister Roe, Press Room\nMODERATOR: Welcome, everyone, to the briefing this morning.\nMINISTER ROE: Thank you. We have a plan for the roads.\nQUESTION: When will it start, and who pays for it?\nMINISTER ROE: Next spring, in every region of the country.\nMODERATOR: Thank you all for coming.\n";

    fn state() -> AppState {
        AppState::new(Corpus::new(
            vec![Document::new("t.txt", T.to_string())],
            vec![],
        ))
    }

    fn top_line(s: &AppState) -> usize {
        s.doc().unwrap().line_of(s.view().top)
    }

    #[test]
    fn next_and_previous_turn_and_same_speaker() {
        let mut s = state();
        let vp = Viewports {
            reader_rows: 2,
            reader_cols: 80,
            ..Viewports::default()
        };
        update(&mut s, &vp, Action::NextTurn);
        assert_eq!(top_line(&s), 1);
        update(&mut s, &vp, Action::NextTurn);
        assert_eq!(top_line(&s), 2);
        update(&mut s, &vp, Action::NextSameSpeaker);
        assert_eq!(
            top_line(&s),
            4,
            "skips the question to the minister's next turn"
        );
        update(&mut s, &vp, Action::PrevTurn);
        assert_eq!(top_line(&s), 3);
    }

    #[test]
    fn speaker_filter_folds_other_turns_and_escape_clears_it() {
        let mut s = state();
        let vp = Viewports {
            reader_rows: 20,
            reader_cols: 80,
            ..Viewports::default()
        };
        update(&mut s, &vp, Action::Focus(Pane::Sidebar));
        update(&mut s, &vp, Action::NextTab);
        assert_eq!(s.tab, SidebarTab::Speakers);
        let minister = s.doc().unwrap().speaker_stats[0].speaker.clone();
        assert!(minister.contains("Roe"), "{minister}");
        update(&mut s, &vp, Action::Activate);
        assert_eq!(s.view().speaker_filter.as_deref(), Some(minister.as_str()));
        let folded = s
            .wrapped(80)
            .rows
            .iter()
            .filter(|r| matches!(r.kind, crate::reflow::RowKind::Fold(_)))
            .count();
        assert_eq!(folded, 3, "moderator twice and the question fold");
        update(&mut s, &vp, Action::Cancel);
        assert_eq!(s.view().speaker_filter, None);
    }
}

#[cfg(test)]
mod bundled_turns {
    use super::*;

    #[test]
    fn next_turn_moves_in_the_bundled_transcript() {
        let mut s = AppState::new(crate::corpus::bundled());
        let vp = Viewports {
            reader_rows: 30,
            reader_cols: 66,
            ..Viewports::default()
        };
        let ev = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('J'),
            crossterm::event::KeyModifiers::SHIFT,
        );
        let a = crate::app::keymap::resolve(&s.mode, s.focus, &ev);
        assert_eq!(a, Some(Action::NextTurn));
        update(&mut s, &vp, Action::NextTurn);
        assert_eq!(s.doc().unwrap().line_of(s.view().top), 3, "{:?}", s.status);
    }
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
    if let Some(v) = state.view_mut() {
        v.cursor = pos;
    }
}

fn reveal_cursor(state: &mut AppState, vp: &Viewports) {
    let c = state.view().cursor;
    reveal(state, vp, c);
    set_cursor(state, c);
}

/// Opens the note editor for a new annotation on `range` (trimmed).
fn open_editor_on(state: &mut AppState, range: std::ops::Range<usize>) {
    let Some(doc) = state.doc() else { return };
    let piece = &doc.text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    if start >= end {
        set_error(state, "nothing selected: extend the selection first".into());
        return;
    }
    let excerpt = crate::reflow::truncate(&doc.text[start..end], 60);
    state.editor = Some(NoteEditor::new(
        EditTarget::New {
            doc: state.open,
            range: start..end,
        },
        "",
        crate::annotations::Colour::default(),
        excerpt,
    ));
    state.mode = Mode::Editor;
}

fn save_editor(state: &mut AppState) {
    let Some(ed) = state.editor.as_ref() else {
        return;
    };
    let note = ed.note();
    let colour = ed.colour;
    let target = ed.target.clone();
    let Some(store) = state.notebook.store.as_mut() else {
        set_error(
            state,
            "notes cannot be saved: no data directory (use --data-dir)".into(),
        );
        return;
    };
    let result = match &target {
        EditTarget::New { doc, range } => {
            let d = &state.corpus.docs[*doc];
            let idx = crate::text::CharIndex::new(&d.text);
            crate::annotations::Annotation::new(
                crate::annotations::DocumentRef::new(d.path.clone(), d.meta.title.clone(), &d.text),
                &d.text,
                idx.chars(range.start),
                idx.chars(range.end),
                colour,
                &note,
            )
            .map_err(|e| e.to_string())
            .and_then(|a| store.add(a).map(|_| *doc).map_err(|e| e.to_string()))
        }
        EditTarget::Existing { id } => {
            let doc = state
                .corpus
                .docs
                .iter()
                .position(|d| store.get(id).is_some_and(|a| a.document.path == d.path))
                .unwrap_or(state.open);
            store
                .update(id, |a| {
                    a.note = note.clone();
                    a.colour = colour;
                    a.refresh_tags();
                })
                .map(|()| doc)
                .map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(doc) => {
            state.notebook.place(doc, &state.corpus.docs[doc]);
            state.editor = None;
            state.mode = Mode::Normal;
            state.status = Some(Status {
                text: "note saved".into(),
                error: false,
            });
        }
        // The editor stays open: nothing typed is lost.
        Err(e) => set_error(state, format!("not saved: {e}")),
    }
}

fn selected_note(state: &AppState) -> Option<super::notes::NoteEntry> {
    if state.tab != SidebarTab::Notes {
        return None;
    }
    state
        .notebook
        .entries(state.open, state.notes_all, &state.entity_filter)
        .into_iter()
        .nth(state.sidebar_selected)
}

fn edit_note(state: &mut AppState) {
    let Some(entry) = selected_note(state) else {
        set_error(state, "select a note in the Notes tab first".into());
        return;
    };
    let Some(a) = state.notebook.get(&entry.id) else {
        return;
    };
    let excerpt = crate::reflow::truncate(&a.target.quote.exact, 60);
    state.editor = Some(NoteEditor::new(
        EditTarget::Existing { id: entry.id },
        &a.note,
        a.colour,
        excerpt,
    ));
    state.mode = Mode::Editor;
}

fn delete_note(state: &mut AppState) {
    let Some(entry) = selected_note(state) else {
        set_error(state, "select a note in the Notes tab first".into());
        return;
    };
    let Some(store) = state.notebook.store.as_mut() else {
        return;
    };
    match store.delete(&entry.id) {
        Ok(()) => {
            state
                .notebook
                .place(entry.doc, &state.corpus.docs[entry.doc]);
            state.last_deleted = Some(entry.id);
            state.status = Some(Status {
                text: "note deleted — u undoes".into(),
                error: false,
            });
        }
        Err(e) => set_error(state, format!("not deleted: {e}")),
    }
}

fn undo_delete(state: &mut AppState) {
    let Some(id) = state.last_deleted.take() else {
        set_error(state, "nothing to undo".into());
        return;
    };
    let Some(store) = state.notebook.store.as_mut() else {
        return;
    };
    match store.undo_delete(&id) {
        Ok(()) => {
            let doc = state
                .corpus
                .docs
                .iter()
                .position(|d| store.get(&id).is_some_and(|a| a.document.path == d.path));
            if let Some(d) = doc {
                state.notebook.place(d, &state.corpus.docs[d]);
            }
            state.status = Some(Status {
                text: "note restored".into(),
                error: false,
            });
        }
        Err(e) => set_error(state, format!("cannot undo: {e}")),
    }
}

fn go_to_note(state: &mut AppState, vp: &Viewports) {
    let Some(entry) = selected_note(state) else {
        return;
    };
    if entry.orphan {
        set_error(
            state,
            "orphaned: its text is no longer in the document; the note is kept".into(),
        );
        return;
    }
    let range = state.notebook.placed[entry.doc]
        .iter()
        .find(|p| p.id == entry.id)
        .map(|p| p.range.clone());
    if let Some(r) = range {
        state.selected = entry.doc;
        open(state, entry.doc);
        reveal(state, vp, r.start);
        set_cursor(state, r.start);
    }
}

/// The byte offset shown at screen cell (x, y) of the reader.
fn offset_at(state: &AppState, vp: &Viewports, x: u16, y: u16) -> Option<usize> {
    let (_, rect) = vp.panes.iter().find(|(p, _)| *p == Pane::Reader)?;
    let doc = state.doc()?;
    let timeline = u16::from(!doc.speakers.turns.is_empty());
    let text_y = rect.y + 1 + timeline;
    let text_x = rect.x + 1 + crate::ui::layout::GUTTER;
    let wrapped = state.wrapped(reader_cols(vp));
    let top = wrapped.row_of(state.view().top);
    let row = wrapped.rows.get(top + (y.checked_sub(text_y)? as usize))?;
    let want = x.saturating_sub(text_x) as usize;
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
