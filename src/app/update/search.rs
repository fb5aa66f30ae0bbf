//! Searches off the UI thread: the open document's search when the
//! document is large, and the corpus search (`F`) with its results pane.
//! `update` asks for a search by queuing a job (`AppState::search_jobs`);
//! the event loop runs it and brings its news back through [`apply`].

use super::{open, reveal, set_error};
use crate::app::action::{Action, Pane};
use crate::app::corpus_search::{CorpusSearch, KEPT};
use crate::app::search::Search;
use crate::app::state::{AppState, Mode, SearchPrompt, Status};
use crate::app::viewports::Viewports;
use crate::search::{Job, SearchEvent, Target};

/// Slots of `AppState::search_live`.
const DOC: usize = 0;
const CORPUS: usize = 1;

/// Matches of the open document's search kept at most.
const DOC_KEPT: usize = 4_000_000;

/// Queues `job`-to-be for slot `slot`, stopping the one it replaces.
fn queue(
    state: &mut AppState,
    slot: usize,
    re: regex::Regex,
    targets: Vec<Target>,
    limit: usize,
) -> u64 {
    state.search_ids += 1;
    let id = state.search_ids;
    state.search_live[slot] = id;
    let live = state.search_live;
    state.search_jobs.retain(|j| live.contains(&j.id));
    state.search_jobs.push(Job {
        id,
        re,
        targets,
        limit,
    });
    id
}

/// Stops the open document's background search, if one runs.
pub(super) fn stop_doc_search(state: &mut AppState) {
    state.search_live[DOC] = 0;
}

/// The search of the open document for `query`: at once for a small
/// document, else started in the background (its matches come later).
pub(super) fn doc_search(state: &mut AppState, query: &str, backward: bool) -> Option<Search> {
    let doc = state.doc()?;
    if doc.text.len() <= crate::app::search::BACKGROUND_BYTES || query.is_empty() {
        let s = Search::new(state.open, &doc.text, query, backward);
        stop_doc_search(state);
        return Some(s);
    }
    let q = crate::search::Query {
        pattern: query.to_string(),
        ..Default::default()
    };
    let re = q.matcher().ok()?;
    let target = Target {
        doc: state.open,
        text: doc.text.clone(),
        voices: Vec::new(),
        within: None,
    };
    let open = state.open;
    let id = queue(state, DOC, re, vec![target], DOC_KEPT);
    Some(Search::pending(open, query, backward, id))
}

/// `F`: type a query for the whole corpus (the last one is offered again).
pub(super) fn start_corpus_prompt(state: &mut AppState) {
    let origin = state.view().top;
    state.mode = Mode::Search(SearchPrompt {
        origin,
        corpus: true,
    });
}

/// Whether the corpus search prompt is being typed.
pub(super) fn typing_corpus(state: &AppState) -> bool {
    matches!(state.mode, Mode::Search(SearchPrompt { corpus: true, .. }))
}

/// Keys while the corpus search prompt is typed. Returns whether the
/// action was taken.
pub(super) fn corpus_prompt(state: &mut AppState, action: &Action) -> bool {
    match action {
        Action::SearchInput(c) => state.corpus_query.push(*c),
        Action::SearchBackspace => {
            state.corpus_query.pop();
        }
        Action::Cancel => state.mode = Mode::Normal,
        Action::SearchSubmit => submit(state),
        _ => return false,
    }
    true
}

/// Runs the corpus search typed (or shows the results of the same one).
fn submit(state: &mut AppState) {
    let typed = state.corpus_query.trim().to_string();
    // The same query again shows its results, unless they were found
    // while the corpus was still loading and it is loaded now.
    let loaded = state.loading_finished() && state.corpus.linked;
    if state
        .corpus_search
        .as_ref()
        .is_some_and(|s| s.query == typed && !(s.partial && loaded))
    {
        state.mode = Mode::Results;
        return;
    }
    match run_corpus(state, &typed) {
        Ok(()) => state.mode = Mode::Results,
        Err(e) => {
            state.mode = Mode::Normal;
            set_error(state, format!("search: {e}"));
        }
    }
}

/// Starts the corpus search for `typed`, in place of the one before.
fn run_corpus(state: &mut AppState, typed: &str) -> Result<(), crate::search::QueryError> {
    let query = crate::search::parse(typed)?;
    let re = query.matcher()?;
    let targets = crate::search::targets(&state.corpus, &query, None);
    // Documents still to come, or scopes still to be found, are missed.
    let partial = !state.loading_finished() || (query.needs_analysis() && !state.corpus.linked);
    let id = queue(state, CORPUS, re, targets, KEPT);
    let mut search = CorpusSearch::new(typed, id);
    search.partial = partial;
    state.corpus_search = Some(search);
    Ok(())
}

/// Once the corpus is loaded and linked, a corpus search made before runs
/// again on all of it (the results pane fills in by itself).
pub fn rerun_after_loading(state: &mut AppState) {
    let loaded = state.loading_finished() && state.corpus.linked;
    let Some(s) = state.corpus_search.as_ref().filter(|s| s.partial && loaded) else {
        return;
    };
    if s.current.is_some() {
        // The user is going through its hits: they stay as they are.
        return;
    }
    let typed = s.query.clone();
    let _ = run_corpus(state, &typed);
}

/// Keys in the results pane. Returns whether the action was taken.
pub(super) fn results(state: &mut AppState, vp: &Viewports, action: &Action) -> bool {
    let rows = vp.help_rows.max(4);
    let Some(s) = state.corpus_search.as_mut() else {
        state.mode = Mode::Normal;
        return false;
    };
    let last = s.kept().saturating_sub(1);
    let step = |by: isize| (s.selected as isize + by).clamp(0, last as isize) as usize;
    let was = s.selected;
    s.selected = match action {
        Action::Down(n) => step(*n as isize),
        Action::Up(n) => step(-(*n as isize)),
        Action::PageDown => step(rows as isize),
        Action::PageUp => step(-(rows as isize)),
        Action::HalfPageDown => step(rows as isize / 2),
        Action::HalfPageUp => step(-(rows as isize) / 2),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Scroll { down, .. } => step(if *down { 3 } else { -3 }),
        // The panes under the results are not for clicking.
        Action::Click { .. } | Action::Drag { .. } => s.selected,
        Action::SearchNext | Action::SearchPrev => s
            .other_document(s.selected, *action == Action::SearchNext)
            .unwrap_or(0),
        Action::Activate => {
            let i = s.selected;
            go_to_hit(state, vp, i);
            return true;
        }
        Action::Cancel => {
            state.mode = Mode::Normal;
            return true;
        }
        Action::StartCorpusSearch => {
            start_corpus_prompt(state);
            return true;
        }
        Action::Quit => {
            state.quit = true;
            return true;
        }
        _ => return false,
    };
    s.moved |= s.selected != was;
    true
}

/// Opens the document of hit `i` of the corpus search at the match,
/// highlighted; `n` / `N` then go on from it.
fn go_to_hit(state: &mut AppState, vp: &Viewports, i: usize) {
    let Some(s) = state.corpus_search.as_mut() else {
        return;
    };
    let Some(hit) = s.hit(i).cloned() else {
        set_error(state, "no match to open".into());
        return;
    };
    s.current = Some(i);
    s.selected = i;
    s.moved = true;
    let total = s.kept();
    state.mode = Mode::Normal;
    let fits = state.corpus.docs.get(hit.doc).is_some_and(|d| {
        d.text.get(hit.range.clone()).is_some() && d.text.get(hit.line_range.clone()).is_some()
    });
    if !fits {
        // The document was read again since: its text is not the one searched.
        set_error(
            state,
            "the document changed since the search: F Enter searches again".into(),
        );
        if let Some(s) = state.corpus_search.as_mut() {
            s.partial = true;
        }
        return;
    }
    state.selected = hit.doc;
    open(state, hit.doc);
    state.focus = Pane::Reader;
    // The corpus search's hits, not an old search of this document, are
    // what n and N now go through.
    state.search = None;
    stop_doc_search(state);
    reveal(state, vp, hit.range.start);
    state.flash = Some((hit.doc, hit.range.clone()));
    state.status = Some(Status {
        text: format!("match {}/{total} of the corpus search (n / N)", i + 1),
        error: false,
    });
}

/// `n` / `N` after a hit of the corpus search was opened: the next or
/// previous hit, across documents. Returns false when there is none.
pub(super) fn corpus_step(state: &mut AppState, vp: &Viewports, forward: bool) -> bool {
    let Some(s) = state.corpus_search.as_ref() else {
        return false;
    };
    let (Some(cur), n) = (s.current, s.kept()) else {
        return false;
    };
    if n == 0 {
        return false;
    }
    let next = if forward {
        (cur + 1) % n
    } else {
        (cur + n - 1) % n
    };
    go_to_hit(state, vp, next);
    true
}

/// Takes in news of a background search.
pub fn apply(state: &mut AppState, vp: &Viewports, event: SearchEvent) {
    let job = match &event {
        SearchEvent::Hits { job, .. } | SearchEvent::Scanned { job, .. } => *job,
        SearchEvent::Done { job } => *job,
    };
    if job == 0 {
        return;
    }
    if state.search_live[CORPUS] == job {
        let Some(s) = state.corpus_search.as_mut().filter(|s| s.job == job) else {
            return;
        };
        match event {
            SearchEvent::Hits {
                doc, hits, counted, ..
            } => s.add(doc, hits, counted),
            SearchEvent::Done { .. } => {
                s.done = true;
                state.search_live[CORPUS] = 0;
            }
            SearchEvent::Scanned { .. } => {}
        }
        return;
    }
    if state.search_live[DOC] != job {
        return;
    }
    let origin = match state.mode {
        Mode::Search(SearchPrompt { origin, .. }) => origin,
        _ => state.view().top,
    };
    let Some(s) = state.search.as_mut().filter(|s| s.job == job) else {
        return;
    };
    match event {
        SearchEvent::Hits { hits, .. } => s.matches.extend(hits.into_iter().map(|h| h.range)),
        SearchEvent::Scanned { to, .. } => s.scanned = s.scanned.max(to),
        SearchEvent::Done { .. } => {
            s.job = 0;
            state.search_live[DOC] = 0;
        }
    }
    // The first match is shown as soon as it is found.
    if s.settle(origin)
        && let Some(r) = s.current_range()
        && s.doc == state.open
    {
        reveal(state, vp, r.start);
    }
}
