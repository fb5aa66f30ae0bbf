//! Re-anchoring annotations after their document changes on disk.

use std::time::Instant;

use plenary::annotations::{
    Anchoring, Annotation, Colour, DocumentRef, Store, reanchor, reanchor_all,
};
use proptest::prelude::*;

const DOC: &str = "Opening statement. The Treasury forecast that inflation would fall \
to two per cent by the spring, a claim the opposition disputed. Later, the minister \
repeated that inflation would fall, but declined to give a date. Questions followed.";

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Code-point span of the `nth` occurrence of `needle` in `text`.
fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (b, _) = text.match_indices(needle).nth(nth).expect("needle present");
    let start = chars(&text[..b]);
    (start, start + chars(needle))
}

fn annotate(text: &str, needle: &str, nth: usize) -> Annotation {
    let (s, e) = span(text, needle, nth);
    Annotation::new(
        DocumentRef::new("doc.txt", "Doc", text),
        text,
        s,
        e,
        Colour::Yellow,
        "",
    )
    .unwrap()
}

fn quote_at(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn unchanged_text_stays_put() {
    let a = annotate(DOC, "inflation would fall", 0);
    assert_eq!(reanchor(&a, DOC), Anchoring::Unchanged);
}

#[test]
fn text_inserted_before_the_span_moves_it() {
    let a = annotate(DOC, "a claim the opposition disputed", 0);
    let edited = format!("Préambule — ünïcödé 🎉 inserted.\n{DOC}");
    let Anchoring::Moved { start, end } = reanchor(&a, &edited) else {
        panic!("expected Moved, got {:?}", reanchor(&a, &edited));
    };
    assert_eq!(
        quote_at(&edited, start, end),
        "a claim the opposition disputed"
    );
    assert_eq!(
        start,
        a.target.position.start + chars("Préambule — ünïcödé 🎉 inserted.\n")
    );
}

#[test]
fn repeated_phrase_is_disambiguated_by_context() {
    // "inflation would fall" occurs twice; annotate the second one.
    let a = annotate(DOC, "inflation would fall", 1);
    // Delete text between them so both occurrences shift and the old
    // position is now nearer the *first* occurrence.
    let edited = DOC.replace(
        " to two per cent by the spring, a claim the opposition disputed.",
        ".",
    );
    let Anchoring::Moved { start, end } = reanchor(&a, &edited) else {
        panic!("not moved")
    };
    assert_eq!(
        (start, end),
        span(&edited, "inflation would fall", 1),
        "picked by context, not distance"
    );
    // And the first one stays the first.
    let first = annotate(DOC, "inflation would fall", 0);
    assert_eq!(reanchor(&first, &edited), Anchoring::Unchanged);
}

#[test]
fn span_moved_elsewhere_is_found() {
    let a = annotate(DOC, "Questions followed.", 0);
    let edited = format!(
        "Questions followed. {}",
        DOC.replace(" Questions followed.", "")
    );
    let Anchoring::Moved { start, end } = reanchor(&a, &edited) else {
        panic!("not moved")
    };
    assert_eq!((start, end), (0, chars("Questions followed.")));
}

#[test]
fn edits_inside_the_span_give_a_fuzzy_match() {
    let a = annotate(
        DOC,
        "The Treasury forecast that inflation would fall to two per cent",
        0,
    );
    let edited = DOC.replace(
        "The Treasury forecast that inflation would fall to two per cent",
        "The Treasury forecasted that inflation will fall to 2 per cent",
    );
    match reanchor(&a, &edited) {
        Anchoring::Fuzzy { start, end, edits } => {
            assert_eq!(
                quote_at(&edited, start, end),
                "The Treasury forecasted that inflation will fall to 2 per cent"
            );
            assert!(edits > 0 && edits <= 16, "edits {edits}");
        }
        other => panic!("expected Fuzzy, got {other:?}"),
    }
}

#[test]
fn deleted_span_becomes_an_orphan_and_is_kept() {
    let a = annotate(DOC, "a claim the opposition disputed", 0);
    let edited = DOC.replace("a claim the opposition disputed", "which nobody questioned");
    assert_eq!(reanchor(&a, &edited), Anchoring::Orphan);
    // Rewriting more than a quarter of the quote also orphans.
    let edited = DOC.replace(
        "a claim the opposition disputed",
        "a view the government rejected",
    );
    assert_eq!(reanchor(&a, &edited), Anchoring::Orphan);

    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path());
    let id = store.add(a).unwrap();
    let outcome = store.reanchor_document("doc.txt", &edited).unwrap();
    assert_eq!(outcome, vec![(id.clone(), Anchoring::Orphan)]);
    let (reopened, _) = Store::open(dir.path());
    assert!(
        !reopened.get(&id).unwrap().is_deleted(),
        "orphans are never deleted"
    );
}

#[test]
fn store_persists_new_selectors_and_writes_nothing_when_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path());
    let moved = store
        .add(annotate(DOC, "declined to give a date", 0))
        .unwrap();
    let fuzzy = store
        .add(annotate(DOC, "The Treasury forecast that inflation", 0))
        .unwrap();
    let file = dir.path().join("annotations.json");
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    assert!(
        store
            .reanchor_document("doc.txt", DOC)
            .unwrap()
            .iter()
            .all(|(_, o)| *o == Anchoring::Unchanged)
    );
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        before,
        "no write for unchanged doc"
    );

    let edited = format!(
        "NEW FIRST LINE\n{}",
        DOC.replace("Treasury forecast", "Treasury forecasts")
    );
    let out = store.reanchor_document("doc.txt", &edited).unwrap();
    assert!(
        out.iter()
            .any(|(id, o)| id == &moved && matches!(o, Anchoring::Moved { .. }))
    );
    assert!(
        out.iter()
            .any(|(id, o)| id == &fuzzy && matches!(o, Anchoring::Fuzzy { .. }))
    );

    let (reopened, _) = Store::open(dir.path());
    for id in [&moved, &fuzzy] {
        let a = reopened.get(id).unwrap();
        assert_eq!(
            reanchor(a, &edited),
            Anchoring::Unchanged,
            "selectors saved"
        );
        assert_eq!(a.document.hash, plenary::annotations::content_hash(&edited));
    }
    assert_eq!(
        reopened.get(&fuzzy).unwrap().target.quote.exact,
        "The Treasury forecasts that inflation"
    );
    assert_eq!(
        reanchor_all(reopened.all_records(), "doc.txt", &edited).len(),
        2
    );
}

#[test]
fn fuzzy_search_is_fast_on_a_megabyte() {
    let mut text = String::new();
    let mut i = 0u64;
    while text.len() < 1_000_000 {
        i = i
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(
            [
                "the ",
                "budget ",
                "minister ",
                "said ",
                "that ",
                "inflation ",
                "would ",
                "fall. ",
            ][(i >> 33) as usize % 8],
        );
    }
    let quote = "An unusual sentence about zebra crossings and parliamentary procedure in the spring of 2026, quoted at length so the pattern spans several machine words of the bit-parallel search.";
    let mid = text.len() / 2;
    let mut doc = format!("{}{quote}{}", &text[..mid], &text[mid..]);
    let a = annotate(&doc, quote, 0);
    doc = doc
        .replace("zebra crossings", "zebra-crossing rules")
        .replace("at length", "in full");
    let t = Instant::now();
    let got = reanchor(&a, &doc);
    let elapsed = t.elapsed();
    let Anchoring::Fuzzy { start, end, .. } = got else {
        panic!("{got:?}")
    };
    assert!(
        quote_at(&doc, start, end).starts_with("An unusual sentence about zebra-crossing rules")
    );
    assert!(
        elapsed.as_secs_f64() < 5.0,
        "took {elapsed:?} (debug build)"
    );
    eprintln!(
        "fuzzy re-anchor of a {}-char quote in {} bytes: {elapsed:?}",
        quote.len(),
        doc.len()
    );
}

fn inserted_text() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-zA-Zé ,.\n🎉]{1,40}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Inserting random text outside the span never orphans it and always
    /// finds the same quote.
    #[test]
    fn insertions_outside_the_span_always_find_the_quote(
        which in 0usize..4,
        inserts in prop::collection::vec((any::<prop::sample::Index>(), inserted_text(), any::<bool>()), 1..6),
    ) {
        let needles = ["Opening statement", "to two per cent by the spring", "the minister", "Questions followed"];
        let a = annotate(DOC, needles[which], 0);
        let (s, e) = (a.target.position.start, a.target.position.end);
        let mut text: Vec<char> = DOC.chars().collect();
        let (mut start, mut end) = (s, e);
        for (idx, ins, before) in inserts {
            let ins: Vec<char> = ins.chars().collect();
            let at = if before { idx.index(start + 1) } else { end + idx.index(text.len() - end + 1) };
            text.splice(at..at, ins.iter().copied());
            if before { start += ins.len(); end += ins.len(); }
        }
        let edited: String = text.into_iter().collect();
        let outcome = reanchor(&a, &edited);
        let (ns, ne) = match outcome {
            Anchoring::Unchanged => (s, e),
            Anchoring::Moved { start, end } => (start, end),
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert_eq!(quote_at(&edited, ns, ne), needles[which]);
        // Where the quote is unique it is exactly the original occurrence.
        if edited.matches(needles[which]).count() == 1 {
            prop_assert_eq!((ns, ne), (start, end));
        }
    }

    /// A few random character edits inside a long span still re-anchor to
    /// an overlapping span (Fuzzy or better), never an orphan.
    #[test]
    fn small_edits_inside_the_span_are_tolerated(
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[a-z]{0,2}", 0usize..3), 1..5),
    ) {
        let needle = "The Treasury forecast that inflation would fall to two per cent by the spring";
        let a = annotate(DOC, needle, 0);
        let (s, e) = (a.target.position.start, a.target.position.end);
        let mut text: Vec<char> = DOC.chars().collect();
        let mut end = e;
        for (idx, repl, del) in edits {
            let at = s + 5 + idx.index(end - s - 10);
            let del = del.min(end - at);
            let repl: Vec<char> = repl.chars().collect();
            end = end - del + repl.len();
            text.splice(at..at + del, repl);
        }
        let edited: String = text.into_iter().collect();
        let outcome = reanchor(&a, &edited);
        let (ns, ne) = match outcome {
            Anchoring::Unchanged => (s, e),
            Anchoring::Moved { start, end } | Anchoring::Fuzzy { start, end, .. } => (start, end),
            Anchoring::Orphan => return Err(TestCaseError::fail("orphaned")),
        };
        prop_assert!(ns < end && ne > s, "new span {}..{} does not overlap {}..{}", ns, ne, s, end);
        prop_assert!(ns.abs_diff(s) <= 3 && ne.abs_diff(end) <= 3);
    }
}

#[test]
fn a_short_highlight_does_not_jump_to_an_unrelated_occurrence() {
    // "spring" occurs once; highlight it, then rewrite its sentence while
    // another "spring" appears in quite different surroundings.
    let a = annotate(DOC, "spring", 0);
    let shifted = format!("Preface.\n{DOC}");
    assert!(
        matches!(reanchor(&a, &shifted), Anchoring::Moved { .. }),
        "same context: moves"
    );
    let rewritten = DOC.replace("by the spring,", "by summer,") + " Flowers bloom in spring.";
    assert_eq!(reanchor(&a, &rewritten), Anchoring::Orphan);
    // A long quote is trusted without context.
    let b = annotate(DOC, "declined to give a date", 0);
    let elsewhere = format!(
        "He declined to give a date! {}",
        DOC.replace("declined to give a date", "said no more")
    );
    assert!(matches!(
        reanchor(&b, &elsewhere),
        Anchoring::Moved { start: 3, .. }
    ));
}

#[test]
fn a_copy_of_a_document_does_not_take_its_notes_but_a_moved_one_does() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let original = files.path().join("talk.txt");
    let copy = files.path().join("copy").join("talk.txt");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::write(&original, DOC).unwrap();
    std::fs::write(&copy, DOC).unwrap();
    let (orig_path, copy_path) = (original.display().to_string(), copy.display().to_string());
    let (mut store, _) = Store::open(data.path());
    let (s, e) = span(DOC, "declined to give a date", 0);
    let a = Annotation::new(
        DocumentRef::new(orig_path.clone(), "Talk", DOC),
        DOC,
        s,
        e,
        Colour::Yellow,
        "check",
    )
    .unwrap();
    let id = store.add(a).unwrap();
    // The copy is opened: the note stays with the original.
    store.reanchor_document(&copy_path, DOC).unwrap();
    let (reopened, _) = Store::open(data.path());
    assert_eq!(reopened.get(&id).unwrap().document.path, orig_path);
    assert_eq!(reopened.for_document(&orig_path).len(), 1);
    assert!(reopened.for_document(&copy_path).is_empty());
    // The original is moved away (renamed): its notes follow the text.
    std::fs::remove_file(&original).unwrap();
    let (mut store, _) = Store::open(data.path());
    store.reanchor_document(&copy_path, DOC).unwrap();
    assert_eq!(store.get(&id).unwrap().document.path, copy_path);
}
