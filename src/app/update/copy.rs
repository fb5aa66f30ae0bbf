//! `y`: the selection, else the turn or quotation at the cursor (else its
//! paragraph), with a citation, for the clipboard. The text goes out as an
//! effect (`AppState::clipboard`) that the event loop writes.

use super::*;
use crate::corpus::Document;

/// What `y` copies: the text and who said it, if anyone.
fn passage(state: &AppState) -> Option<(String, Option<String>)> {
    let doc = state.doc()?;
    let text = &doc.text;
    let speaker_at = |at: usize| {
        doc.turn_at(at)
            .map(|i| doc.speakers.turns[i].json_speaker().to_string())
            .or_else(|| {
                doc.quote_at(at)
                    .and_then(|i| doc.quotes[i].quote.speaker.clone())
            })
    };
    if let Mode::Visual { anchor } = state.mode {
        let c = state.view().cursor;
        let (a, b) = (anchor.min(c), anchor.max(c));
        let range = crate::text::floor_char(text, a)..crate::text::floor_char(text, b);
        return Some((text[range].to_string(), speaker_at(a)));
    }
    let at = state.view().cursor;
    if let Some(i) = doc.turn_at(at) {
        let t = &doc.speakers.turns[i];
        let body = &text[t.body_start.min(t.range.end)..t.range.end];
        return Some((body.to_string(), Some(t.json_speaker().to_string())));
    }
    if let Some(i) = doc.quote_at(at) {
        let q = &doc.quotes[i].quote;
        return Some((text[q.range.clone()].to_string(), q.speaker.clone()));
    }
    let line = doc.structure.lines.get(doc.line_of(at))?;
    Some((text[line.range.clone()].to_string(), None))
}

/// "— Antony Blinken, “Title”, 2023-02-28": who, in which document, when.
pub(super) fn citation(doc: &Document, speaker: Option<&str>) -> String {
    let title = if doc.title_is_guess() {
        doc.path.clone()
    } else {
        format!("“{}”", doc.meta.title)
    };
    let parts: Vec<&str> = [speaker, Some(title.as_str()), doc.meta.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    format!("— {}", parts.join(", "))
}

/// Puts the passage and its citation in the clipboard outbox and says how
/// much was copied.
pub(super) fn copy(state: &mut AppState) {
    let Some((text, speaker)) = passage(state) else {
        return set_error(state, "nothing to copy".into());
    };
    let text = text.trim();
    if text.is_empty() {
        return set_error(state, "nothing to copy here".into());
    }
    let Some(doc) = state.doc() else { return };
    let out = format!("{text}\n{}", citation(doc, speaker.as_deref()));
    let n = out.chars().count();
    if out.len() > crate::clipboard::MAX_BYTES {
        return set_error(
            state,
            format!(
                "too long to copy: {n} characters (terminals take about {} kB)",
                crate::clipboard::MAX_BYTES / 1000
            ),
        );
    }
    if matches!(state.mode, Mode::Visual { .. }) {
        state.mode = Mode::Normal;
    }
    state.clipboard = Some(out);
    state.status = Some(Status {
        text: format!("copied {n} characters"),
        error: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    const T: &str = "Minister Roe, Press Room\nMarch 3, 2024\nMODERATOR: Welcome, everyone.\nMINISTER ROE: We have a plan for the roads. It starts in spring.\nQUESTION: Who pays?\n";

    fn state() -> (AppState, Viewports) {
        let s = AppState::new(Corpus::new(vec![Document::new("t.txt", T)], vec![]));
        let vp = Viewports {
            reader_rows: 20,
            reader_cols: 80,
            ..Viewports::default()
        };
        (s, vp)
    }

    #[test]
    fn y_copies_the_turn_at_the_cursor_with_its_citation() {
        let (mut s, vp) = state();
        update(&mut s, &vp, Action::NextTurn);
        update(&mut s, &vp, Action::NextTurn);
        update(&mut s, &vp, Action::Copy);
        let out = s.clipboard.clone().expect("something copied");
        let doc = s.doc().unwrap();
        let who = &doc.speakers.turns[1].speaker;
        assert!(
            out.starts_with("We have a plan for the roads. It starts in spring.\n— "),
            "{out}"
        );
        assert!(out.contains(&**who), "{out}");
        assert!(out.contains(&format!("“{}”", doc.meta.title)), "{out}");
        let status = &s.status.as_ref().unwrap().text;
        assert_eq!(
            status,
            &format!("copied {} characters", out.chars().count())
        );
    }

    #[test]
    fn y_in_visual_mode_copies_the_selection_and_leaves_it() {
        let (mut s, vp) = state();
        update(&mut s, &vp, Action::NextTurn);
        update(&mut s, &vp, Action::NextTurn);
        update(&mut s, &vp, Action::StartVisual);
        for _ in 0..3 {
            update(
                &mut s,
                &vp,
                Action::Extend(crate::app::visual::Motion::WordForward),
            );
        }
        update(&mut s, &vp, Action::Copy);
        let out = s.clipboard.clone().unwrap();
        assert!(out.starts_with("MINISTER ROE: We\n— "), "{out}");
        assert!(matches!(s.mode, Mode::Normal));
    }

    #[test]
    fn a_citation_names_the_file_when_the_title_is_a_guess() {
        let doc = Document::new("notes/plain.txt", "just some words\n");
        let c = citation(&doc, None);
        assert!(c.starts_with("— notes/plain.txt"), "{c}");
    }

    #[test]
    fn y_on_a_quotation_in_an_article_copies_it_with_the_person_quoted() {
        let text = "Roads plan unveiled\nBy Kim Lee\nMarch 4, 2024\n\nThe minister spoke on Monday.\n\n“We will rebuild every bridge in the country,” Health Minister Jane Roe said at the briefing.\n\nShe took no questions.\n";
        let doc = Document::new("roads.txt", text);
        let mut s = AppState::new(Corpus::new(vec![doc], vec![]));
        assert!(
            !s.corpus.docs[0].quotes.is_empty(),
            "the fixture has a quotation"
        );
        let vp = Viewports {
            reader_rows: 20,
            reader_cols: 80,
            ..Viewports::default()
        };
        update(&mut s, &vp, Action::NextTurn);
        update(&mut s, &vp, Action::Copy);
        let out = s.clipboard.clone().unwrap();
        let q = &s.doc().unwrap().quotes[0].quote;
        let who = q.speaker.clone().expect("the quotation is attributed");
        assert!(out.starts_with(&text[q.range.clone()]), "{out}");
        assert!(
            out.ends_with(&format!("— {who}, “Roads plan unveiled”, 2024-03-04")),
            "{out}"
        );
    }
}
