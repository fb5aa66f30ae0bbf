//! Jumps: between speaker turns and quotations, to a quotation's source
//! and to the articles quoting a turn, between an entity's mentions and
//! documents, and back.

use super::*;

/// Makes the `i`th entity of the Entities tab the chosen one and shows its
/// first mention after the reading position.
pub(super) fn choose_entity(state: &mut AppState, vp: &Viewports, i: usize) {
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
pub(super) fn jump_mention(state: &mut AppState, vp: &Viewports, forward: bool) {
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
pub(super) fn next_entity_document(state: &mut AppState, vp: &Viewports) {
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
pub(super) fn segments(doc: &crate::corpus::Document) -> Vec<(usize, &str)> {
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
            .map(|t| (t.range.start, &*t.speaker))
            .collect()
    }
}

/// Moves the top of the reader to the next or previous turn (quotation in
/// an article); with `same`, of the speaker at the top; with a speaker
/// filter, of that speaker.
pub(super) fn jump_turn(state: &mut AppState, vp: &Viewports, forward: bool, same: bool) {
    let Some(doc) = state.doc() else { return };
    let segs = segments(doc);
    if segs.is_empty() {
        set_error(
            state,
            "no speaker turns or quotations in this document".to_string(),
        );
        return;
    }
    // From the cursor (a jump leaves it on the turn or quotation).
    let top = state.view().cursor;
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

pub(super) fn set_top(state: &mut AppState, vp: &Viewports, pos: usize) {
    if let Some(v) = state.view_mut() {
        v.top = pos;
        v.cursor = pos;
    }
    scroll_reader(state, vp, 0);
}

/// The quotation at the reading position: the one the top row is in, or
/// the first one on a screen of `rows` rows and `cols` columns.
pub fn current_quote(state: &AppState, rows: usize, cols: usize) -> Option<usize> {
    let doc = state.doc()?;
    let top = state.view().top;
    let wrapped = state.wrapped(cols);
    let row = wrapped.row_of(top);
    let end = wrapped
        .rows
        .get(row + rows)
        .map_or(doc.text.len(), |r| r.range.start);
    // The quotation a jump left the cursor on, while it is on screen.
    let cursor = state.view().cursor;
    if (top..end).contains(&cursor)
        && let Some(i) = doc.quote_at(cursor)
    {
        return Some(i);
    }
    if let Some(i) = doc.quote_at(top) {
        return Some(i);
    }
    // Quotations are in text order: the first one starting on screen.
    let i = doc.quotes.partition_point(|q| q.quote.range.start < top);
    doc.quotes
        .get(i)
        .is_some_and(|q| q.quote.range.start < end)
        .then_some(i)
}

pub(super) fn jump_to(
    state: &mut AppState,
    vp: &Viewports,
    doc: usize,
    range: std::ops::Range<usize>,
) {
    state.jumps.push((state.open, state.view().top));
    state.selected = doc;
    open(state, doc);
    state.flash = Some((doc, range.clone()));
    if let Some(v) = state.view_mut() {
        v.speaker_filter = None;
    }
    reveal(state, vp, range.start);
}

pub(super) fn go_to_source(state: &mut AppState, vp: &Viewports) {
    let Some(i) = current_quote(state, reader_rows(vp), reader_cols(vp)) else {
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

pub(super) fn next_quoting_article(state: &mut AppState, vp: &Viewports) {
    let Some(doc) = state.doc() else { return };
    let Some(turn) = doc.turn_at(state.view().cursor) else {
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
    // Cycle through the quotations on repeated presses on the same turn,
    // also after going back (`b`) from the one shown.
    let key = (state.open, turn);
    let next = match state.quoting {
        Some((k, i)) if k == key => (i + 1) % quotes.len(),
        _ => 0,
    };
    state.quoting = Some((key, next));
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

pub(super) fn go_back(state: &mut AppState, vp: &Viewports) {
    let Some((doc, top)) = state.jumps.pop() else {
        set_error(state, "nowhere to go back to".to_string());
        return;
    };
    state.selected = doc;
    open(state, doc);
    state.flash = None;
    set_top(state, vp, top);
}
