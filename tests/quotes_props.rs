//! Property tests: detection and provenance never panic and always return
//! ranges on character boundaries, whatever the input.

use plenary::analysis::quotes::{ProvenanceIndex, TranscriptTurn, detect};
use proptest::prelude::*;

fn texty() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        "„",
        "«",
        "»",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        "...",
        "…",
        "—",
        "–",
        "--",
        "[",
        "]",
        ":",
        "said",
        "he",
        "she",
        "told",
        "Mr.",
        "Blinken",
        "Anna Kowalska",
        "the minister",
        "We",
        "will",
        "act",
        "é",
        "日本",
        "🎉",
        "U.S.",
        "according to",
        "added",
        "Minister",
        "President",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn detect_returns_valid_ranges(text in texty()) {
        for q in detect(&text, &["Antony Blinken".to_string()]) {
            prop_assert!(q.range.start <= q.range.end && q.range.end <= text.len());
            prop_assert!(text.is_char_boundary(q.range.start) && text.is_char_boundary(q.range.end));
            if let Some(c) = q.cue {
                prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            }
        }
    }

    #[test]
    fn find_returns_valid_ranges(transcript in texty(), quote in texty()) {
        let turns = vec![TranscriptTurn { range: 0..transcript.len(), speaker: "Anna Kowalska".into() }];
        let index = ProvenanceIndex::build(&[(transcript.as_str(), turns)]);
        if let Some(s) = index.find(&quote) {
            prop_assert!(s.range.start <= s.range.end && s.range.end <= transcript.len());
            prop_assert!(transcript.is_char_boundary(s.range.start) && transcript.is_char_boundary(s.range.end));
        }
        let own = index.find(&transcript);
        if transcript.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() >= 6 {
            prop_assert!(own.is_some() || transcript.contains('['), "a transcript quoting itself is found");
        }
    }
}
