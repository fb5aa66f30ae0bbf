//! Marks (`m a`, `' a`) and the jump list (`Ctrl-o` back, forward, `' '`),
//! across documents. Every jump (a turn, a search match, a source, a
//! mention, a line, a mark, an outline entry, a note, another document)
//! records where it started.

use super::*;
use crate::app::spot::Spot;

/// Places kept in the jump list.
const MAX_JUMPS: usize = 100;

/// Whether `action` is a jump: its starting place goes into the jump list
/// when it moves the cursor.
pub(super) fn is_jump(action: &Action) -> bool {
    matches!(
        action,
        Action::NextTurn
            | Action::PrevTurn
            | Action::NextSameSpeaker
            | Action::PrevSameSpeaker
            | Action::GoToSource
            | Action::NextQuotingArticle
            | Action::GoBack
            | Action::NextMention
            | Action::PrevMention
            | Action::NextEntityDocument
            | Action::SearchNext
            | Action::SearchPrev
            | Action::SearchSubmit
            | Action::GoToLine(_)
            | Action::GoToPercent(_)
            | Action::Top
            | Action::Bottom
            | Action::Activate
            | Action::GoToMark(_)
            | Action::Repeat { .. }
            | Action::Click { .. }
    )
}

/// Where the cursor is, as a spot.
pub(super) fn here(state: &AppState) -> Option<Spot> {
    state.doc().map(|d| Spot::at(d, state.view().cursor))
}

/// A jump went from `from`: it joins the jump list (forward entries are
/// dropped, as are older entries for the same line).
pub(super) fn record_jump(state: &mut AppState, from: Spot) {
    state.jump_list.truncate(state.jump_at);
    let line_of = |s: &Spot, state: &AppState| {
        state
            .corpus
            .docs
            .iter()
            .find(|d| d.path == s.path)
            .map(|d| d.line_of(s.offset))
    };
    let line = line_of(&from, state);
    let same: Vec<bool> = state
        .jump_list
        .iter()
        .map(|s| s.path == from.path && line_of(s, state) == line)
        .collect();
    let mut keep = same.iter().map(|s| !s);
    state.jump_list.retain(|_| keep.next().unwrap_or(true));
    state.jump_list.push(from);
    if state.jump_list.len() > MAX_JUMPS {
        state.jump_list.remove(0);
    }
    state.jump_at = state.jump_list.len();
}

/// Opens the spot's document at its place (found again if the text
/// changed) and puts the cursor there.
pub(super) fn go_to_spot(state: &mut AppState, vp: &Viewports, spot: &Spot) -> bool {
    let Some(i) = state.corpus.docs.iter().position(|d| d.path == spot.path) else {
        let path = crate::sanitize::display(&spot.path, 0);
        set_error(state, format!("{path} is not open here"));
        return false;
    };
    let pos = spot.resolve(&state.corpus.docs[i].text);
    state.selected = i;
    open(state, i);
    reveal(state, vp, pos);
    true
}

pub(super) fn set_mark(state: &mut AppState, c: char) {
    if !c.is_ascii_alphabetic() {
        let shown = crate::sanitize::display(&c.to_string(), 0).into_owned();
        return set_error(
            state,
            format!("{shown} is not a mark: marks are a–z and A–Z"),
        );
    }
    let Some(spot) = here(state) else { return };
    state.marks.insert(c, spot);
    state.status = Some(Status {
        text: format!("mark {c} set — ' {c} comes back here"),
        error: false,
    });
}

pub(super) fn go_to_mark(state: &mut AppState, vp: &Viewports, c: char) {
    if c == '\'' || c == '`' {
        // Back to where the last jump started; the jump back is itself a
        // jump, so the same keys come back again.
        let Some(spot) = state.jump_list.last().cloned() else {
            return set_error(state, "no jump yet".into());
        };
        state.jump_at = state.jump_list.len();
        go_to_spot(state, vp, &spot);
        return;
    }
    let Some(spot) = state.marks.get(&c).cloned() else {
        let shown = crate::sanitize::display(&c.to_string(), 0).into_owned();
        let set = state
            .keymap
            .hint(&Mode::Normal, Pane::Reader, &Action::SetMark('\0'))
            .unwrap_or_else(|| "m".into());
        return set_error(
            state,
            format!("mark {shown} is not set ({set} {shown} sets it)"),
        );
    };
    if go_to_spot(state, vp, &spot) {
        state.status = Some(Status {
            text: format!("mark {c}"),
            error: false,
        });
    }
}

/// `Ctrl-o`: back along the jump list. Leaving the newest place, it is
/// kept so that forward comes back to it.
pub(super) fn jump_back(state: &mut AppState, vp: &Viewports) {
    if state.jump_at == 0 {
        return set_error(state, "at the oldest jump".into());
    }
    if state.jump_at == state.jump_list.len()
        && let Some(now) = here(state)
    {
        state.jump_list.push(now);
    }
    state.jump_at -= 1;
    let spot = state.jump_list[state.jump_at].clone();
    go_to_spot(state, vp, &spot);
    say_where(state);
}

pub(super) fn jump_forward(state: &mut AppState, vp: &Viewports) {
    if state.jump_at + 1 >= state.jump_list.len() {
        return set_error(state, "at the newest jump".into());
    }
    state.jump_at += 1;
    let spot = state.jump_list[state.jump_at].clone();
    go_to_spot(state, vp, &spot);
    say_where(state);
}

fn say_where(state: &mut AppState) {
    if state.status.is_none() {
        state.status = Some(Status {
            text: format!("jump {} of {}", state.jump_at + 1, state.jump_list.len()),
            error: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    fn lines(n: usize, tag: &str) -> String {
        (0..n).map(|i| format!("{tag} line {i}\n")).collect()
    }

    fn state() -> (AppState, Viewports) {
        let docs = vec![
            Document::new("a.txt", lines(100, "alpha")),
            Document::new("b.txt", lines(100, "beta")),
        ];
        let vp = Viewports {
            reader_rows: 10,
            reader_cols: 40,
            ..Viewports::default()
        };
        (AppState::new(Corpus::new(docs, vec![])), vp)
    }

    fn at(s: &AppState) -> (usize, usize) {
        (s.open, s.doc().unwrap().line_of(s.view().cursor))
    }

    #[test]
    fn a_mark_is_set_and_found_again_from_another_document() {
        let (mut s, vp) = state();
        update(&mut s, &vp, Action::GoToLine(40));
        update(&mut s, &vp, Action::SetMark('a'));
        assert!(s.status.as_ref().unwrap().text.starts_with("mark a set"));
        update(&mut s, &vp, Action::Focus(Pane::List));
        update(&mut s, &vp, Action::Down(1));
        update(&mut s, &vp, Action::Focus(Pane::Reader));
        assert_eq!(at(&s), (1, 0));
        update(&mut s, &vp, Action::GoToMark('a'));
        assert_eq!(at(&s), (0, 39));
        update(&mut s, &vp, Action::GoToMark('q'));
        assert!(
            s.status
                .as_ref()
                .unwrap()
                .text
                .starts_with("mark q is not set")
        );
        update(&mut s, &vp, Action::SetMark('1'));
        assert!(s.status.as_ref().unwrap().error);
    }

    #[test]
    fn the_jump_list_goes_back_and_forward_across_documents() {
        let (mut s, vp) = state();
        update(&mut s, &vp, Action::GoToLine(30)); // from (0, 0)
        update(&mut s, &vp, Action::SetMark('b'));
        update(&mut s, &vp, Action::GoToLine(60)); // from (0, 29)
        s.marks.insert('z', Spot::at(&s.corpus.docs[1], 0));
        update(&mut s, &vp, Action::GoToMark('z')); // from (0, 59)
        assert_eq!(at(&s), (1, 0));
        // Moving by rows is no jump.
        update(&mut s, &vp, Action::Down(3));
        assert_eq!(s.jump_list.len(), 3);
        update(&mut s, &vp, Action::JumpBack);
        assert_eq!(at(&s), (0, 59));
        update(&mut s, &vp, Action::JumpBack);
        assert_eq!(at(&s), (0, 29));
        update(&mut s, &vp, Action::JumpBack);
        assert_eq!(at(&s), (0, 0));
        update(&mut s, &vp, Action::JumpBack);
        assert_eq!(s.status.as_ref().unwrap().text, "at the oldest jump");
        update(&mut s, &vp, Action::JumpForward);
        update(&mut s, &vp, Action::JumpForward);
        update(&mut s, &vp, Action::JumpForward);
        assert_eq!(at(&s), (1, 3), "back where Ctrl-o started");
        update(&mut s, &vp, Action::JumpForward);
        assert_eq!(s.status.as_ref().unwrap().text, "at the newest jump");
    }

    #[test]
    fn quote_quote_goes_back_and_forth_between_the_last_two_places() {
        let (mut s, vp) = state();
        update(&mut s, &vp, Action::GoToLine(50));
        assert_eq!(at(&s), (0, 49));
        update(&mut s, &vp, Action::GoToMark('\''));
        assert_eq!(at(&s), (0, 0));
        update(&mut s, &vp, Action::GoToMark('\''));
        assert_eq!(at(&s), (0, 49));
        update(&mut s, &vp, Action::GoToMark('\''));
        assert_eq!(at(&s), (0, 0));
    }

    #[test]
    fn a_search_is_a_jump_from_where_it_began() {
        let (mut s, vp) = state();
        update(&mut s, &vp, Action::StartSearch { backward: false });
        for c in "alpha line 70".chars() {
            update(&mut s, &vp, Action::SearchInput(c));
        }
        update(&mut s, &vp, Action::SearchSubmit);
        assert_eq!(at(&s), (0, 70));
        update(&mut s, &vp, Action::JumpBack);
        assert_eq!(at(&s), (0, 0));
    }
}
