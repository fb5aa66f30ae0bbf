//! Transcript provenance: finding the passage a quotation came from.

use plenary::analysis::quotes::{
    DiffOp, FindHints, ProvenanceIndex, SourcedQuote, TranscriptTurn, analyse_corpus, report_json,
};

const TRANSCRIPT: &str = "\
MODERATOR: Welcome. The floor goes to the minister.
MINISTER HORVAT: Thank you. Our economies are interconnected for a long time, and that’s why this situation is heavy for us. We don’t have any customs borders – none at all – with our neighbours.
We are trying to avoid any possibilities for evasion of sanctions. Thank you.
QUESTION: Do you share information with China?
SECRETARY LANE: We share information with our partners. We will not hesitate to act. And a big part of the reason is to defend those principles, so that gives new export markets, and then attracting private investment.
";

fn turns(text: &str) -> Vec<TranscriptTurn> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut starts = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(colon) = line
            .find(": ")
            .filter(|&c| line[..c].chars().all(|ch| ch.is_uppercase() || ch == ' '))
        {
            let label = &line[..colon];
            let name = match label.split_whitespace().last().unwrap() {
                "HORVAT" => "Ivan Horvat",
                "LANE" => "Julia Lane",
                other => other,
            };
            starts.push((pos + colon + 2, name.to_string(), pos));
        }
        pos += line.len();
    }
    for (i, (start, name, _)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |n| n.2);
        out.push(TranscriptTurn {
            range: *start..start + text[*start..end].trim_end().len(),
            speaker: name.as_str().into(),
        });
    }
    out
}

fn index() -> ProvenanceIndex {
    ProvenanceIndex::build(&[(TRANSCRIPT, turns(TRANSCRIPT))])
}

#[test]
fn verbatim_despite_quote_and_dash_styles() {
    let s = index()
        .find("We don't have any customs borders -- none at all -- with our neighbours")
        .unwrap();
    assert_eq!((s.doc, s.turn), (0, 1));
    assert!(s.verbatim && s.same_words);
    assert_eq!(
        &TRANSCRIPT[s.range],
        "We don’t have any customs borders – none at all – with our neighbours"
    );
}

#[test]
fn closing_comma_for_period_is_altered_but_same_words() {
    let s = index()
        .find("We are trying to avoid any possibilities for evasion of sanctions,")
        .unwrap();
    assert!(!s.verbatim && s.same_words);
    assert!(TRANSCRIPT[s.range].ends_with("sanctions."));
}

#[test]
fn small_edits_give_a_word_diff() {
    let s = index().find("Our economies are interconnected for long time, and that is why this situation is heavy").unwrap();
    assert_eq!(s.turn, 1);
    assert!(!s.verbatim);
    assert!(s.diff.contains(&DiffOp::Delete("a".into())), "{:?}", s.diff);
    assert!(
        s.diff.contains(&DiffOp::Insert("is".into())),
        "{:?}",
        s.diff
    );
}

#[test]
fn ellipsis_and_brackets_are_tolerated() {
    let s = index()
        .find("a big part of the reason is to defend those principles... and then [attract] private investment")
        .unwrap();
    assert_eq!(s.turn, 3);
    assert!(!s.verbatim);
    assert!(TRANSCRIPT[s.range].ends_with("attracting private investment"));
}

#[test]
fn quotation_stitched_from_two_sentences() {
    let s = index()
        .find("This situation is heavy for us, we are trying to avoid any possibilities for evasion of sanctions.")
        .unwrap();
    assert_eq!(s.turn, 1);
    assert!(!s.verbatim);
}

#[test]
fn unrelated_or_other_speakers_words_have_no_source() {
    let idx = index();
    assert!(
        idx.find("The sky is the limit in Central Asia right now")
            .is_none()
    );
    let hints = FindHints {
        speaker: Some("Donald Lu"),
        context: "",
        evidence: None,
    };
    assert!(idx.find_with("We will not hesitate", &hints).is_none());
    let hints = FindHints {
        speaker: Some("Julia Lane"),
        context: "",
        evidence: None,
    };
    assert_eq!(
        idx.find_with("We will not hesitate", &hints).unwrap().turn,
        3
    );
}

#[test]
fn one_word_quote_needs_its_speaker_and_uses_context() {
    let idx = index();
    assert!(idx.find("information").is_none());
    let hints = FindHints {
        speaker: Some("Julia Lane"),
        context: "Lane said the US shares “information” with partners.",
        evidence: None,
    };
    let s = idx.find_with("information", &hints).unwrap();
    assert_eq!(s.turn, 3);
    assert!(s.verbatim);
}

#[test]
fn report_uses_code_points() {
    let article =
        "Ministerin – „Trade“ aside – Julia Lane said, “We share information with our partners.”";
    let docs = [("t.txt", TRANSCRIPT, true), ("a.txt", article, false)];
    let report = report_json(&docs, &analyse(&docs, &[turns(TRANSCRIPT), Vec::new()]));
    let quotes = report[0]["quotes"].as_array().unwrap();
    let q = quotes
        .iter()
        .find(|q| q["speaker"] == "Julia Lane" && q["text"].as_str().unwrap().starts_with("We"))
        .unwrap();
    let chars: Vec<char> = article.chars().collect();
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "We share information with our partners."
    );
    let src = &q["source"];
    assert_eq!(src["path"], "t.txt");
    assert_eq!(src["verbatim"], true);
    let tchars: Vec<char> = TRANSCRIPT.chars().collect();
    let (s, e) = (
        src["start"].as_u64().unwrap() as usize,
        src["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        tchars[s..e].iter().collect::<String>(),
        "We share information with our partners."
    );
}

/// Quotations and sources for `(path, text, is_transcript)` documents.
fn analyse(docs: &[(&str, &str, bool)], turns: &[Vec<TranscriptTurn>]) -> Vec<Vec<SourcedQuote>> {
    let texts: Vec<(&str, bool)> = docs.iter().map(|(_, t, tr)| (*t, *tr)).collect();
    analyse_corpus(&texts, turns, &[])
}

/// Two interviews in which the same speaker says the same words, and
/// three articles quoting them: the look-up of the words is shared, the
/// choice is each article's own (the interview it names), and the same
/// words given to someone else find no source.
#[test]
fn articles_quoting_the_same_words_each_choose_their_own_source() {
    let ntv = "Interview with NTV\nAstana\n\n\
        SECRETARY LANE: We will keep the border open to trade. That is our position.\n";
    let azattyq = "Interview with Radio Azattyq\nAlmaty\n\n\
        SECRETARY LANE: We will keep the border open to trade. That is our position.\n";
    let a = "Border stays open\n\nSpeaking to NTV in Astana, Julia Lane was firm. \
        “We will keep the border open to trade,” Lane said.\n";
    let b = "Lane on trade\n\nSpeaking to Radio Azattyq in Almaty, Julia Lane was firm. \
        “We will keep the border open to trade,” Lane said.\n";
    let c = "Minister's pledge\n\nIvan Horvat, the minister, spoke on Monday. \
        “We will keep the border open to trade,” Horvat said.\n";
    let docs = [
        ("ntv.txt", ntv, true),
        ("azattyq.txt", azattyq, true),
        ("a.txt", a, false),
        ("b.txt", b, false),
        ("c.txt", c, false),
    ];
    let turns: Vec<Vec<TranscriptTurn>> = docs
        .iter()
        .map(|(_, t, tr)| if *tr { turns(t) } else { Vec::new() })
        .collect();
    // The transcripts' speaker is "LANE" by label: name her in full.
    let turns: Vec<Vec<TranscriptTurn>> = turns
        .into_iter()
        .map(|ts| {
            ts.into_iter()
                .map(|t| TranscriptTurn {
                    speaker: "Julia Lane".into(),
                    ..t
                })
                .collect()
        })
        .collect();
    let texts: Vec<(&str, bool)> = docs.iter().map(|(_, t, tr)| (*t, *tr)).collect();
    let quotes = analyse_corpus(&texts, &turns, &["Ivan Horvat".to_string()]);
    let only = |i: usize| {
        assert_eq!(quotes[i].len(), 1, "{}: {:?}", docs[i].0, quotes[i]);
        &quotes[i][0]
    };
    let (qa, qb, qc) = (only(2), only(3), only(4));
    assert_eq!(qa.quote.speaker.as_deref(), Some("Julia Lane"));
    assert_eq!(qb.quote.speaker.as_deref(), Some("Julia Lane"));
    assert_eq!(qc.quote.speaker.as_deref(), Some("Ivan Horvat"));
    let source = |q: &SourcedQuote| q.source.as_ref().map(|s| (s.doc, s.same_words));
    assert_eq!(source(qa), Some((0, true)), "the NTV article quotes NTV");
    assert_eq!(
        source(qb),
        Some((1, true)),
        "the Azattyq article quotes Azattyq"
    );
    assert_eq!(source(qc), None, "Lane's words are not Horvat's");
    let reason = &qa.source.as_ref().unwrap().reason;
    assert!(reason.contains("NTV"), "{reason}");
}
