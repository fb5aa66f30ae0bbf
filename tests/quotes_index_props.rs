//! Property test: the provenance index (3-gram candidates, bounded
//! alignment windows) finds the same source as aligning every quotation
//! against every turn of every transcript, on random small corpora.

use plenary::analysis::quotes::{FindHints, ProvenanceIndex, TranscriptTurn};
use proptest::prelude::*;

/// A small vocabulary, so that 3-grams repeat across turns and transcripts
/// and the index has to choose among several candidates.
const VOCAB: &[&str] = &[
    "we",
    "will",
    "not",
    "the",
    "sanctions",
    "trade",
    "partner",
    "border",
    "customs",
    "reliable",
    "and",
    "that",
    "is",
    "why",
    "our",
    "region",
    "markets",
    "investment",
    "today",
    "support",
    "Kazakhstan",
    "strong",
    "it’s",
    "don't",
    "so",
];
const SPEAKERS: &[&str] = &["Anna Kowalska", "Jonas Berg", "Moderator"];

#[derive(Debug, Clone)]
struct Corpus {
    /// Each transcript: turns of (speaker, words).
    transcripts: Vec<Vec<(usize, Vec<usize>)>>,
}

fn corpus() -> impl Strategy<Value = Corpus> {
    let turn = (
        0..SPEAKERS.len(),
        prop::collection::vec(0..VOCAB.len(), 1..40),
    );
    prop::collection::vec(prop::collection::vec(turn, 1..6), 1..4)
        .prop_map(|transcripts| Corpus { transcripts })
}

/// Renders a transcript with `LABEL: words` lines, returning its text and turns.
fn render(t: &[(usize, Vec<usize>)]) -> (String, Vec<TranscriptTurn>) {
    let mut text = String::new();
    let mut turns = Vec::new();
    for (i, (speaker, ws)) in t.iter().enumerate() {
        text.push_str(&SPEAKERS[*speaker].to_uppercase());
        text.push_str(": ");
        let start = text.len();
        for (k, &w) in ws.iter().enumerate() {
            if k > 0 {
                text.push_str(if (i + k) % 7 == 0 { ". " } else { " " });
            }
            text.push_str(VOCAB[w]);
        }
        text.push('.');
        turns.push(TranscriptTurn {
            range: start..text.len(),
            speaker: SPEAKERS[*speaker].into(),
        });
        text.push('\n');
    }
    (text, turns)
}

/// How a quotation is made from a transcript passage.
#[derive(Debug, Clone)]
enum Edit {
    None,
    Drop(usize),
    Bracket(usize),
    Replace(usize, usize),
    Ellipsis(usize, usize),
}

#[derive(Debug, Clone)]
struct QuoteSpec {
    transcript: usize,
    turn: usize,
    from: usize,
    len: usize,
    edit: Edit,
    random: Option<Vec<usize>>,
    speaker: Option<usize>,
    context: Vec<usize>,
}

fn quote_spec() -> impl Strategy<Value = QuoteSpec> {
    let edit = prop_oneof![
        Just(Edit::None),
        any::<usize>().prop_map(Edit::Drop),
        any::<usize>().prop_map(Edit::Bracket),
        (any::<usize>(), 0..VOCAB.len()).prop_map(|(a, b)| Edit::Replace(a, b)),
        (any::<usize>(), 1usize..6).prop_map(|(a, b)| Edit::Ellipsis(a, b)),
    ];
    (
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        1usize..16,
        edit,
        prop::option::weighted(0.2, prop::collection::vec(0..VOCAB.len(), 1..12)),
        prop::option::of(0..SPEAKERS.len()),
        prop::collection::vec(0..VOCAB.len(), 0..10),
    )
        .prop_map(
            |(transcript, turn, from, len, edit, random, speaker, context)| QuoteSpec {
                transcript,
                turn,
                from,
                len,
                edit,
                random,
                speaker,
                context,
            },
        )
}

fn quote_text(c: &Corpus, q: &QuoteSpec) -> String {
    if let Some(r) = &q.random {
        return r.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ");
    }
    let t = &c.transcripts[q.transcript % c.transcripts.len()];
    let ws = &t[q.turn % t.len()].1;
    let from = q.from % ws.len();
    let len = q.len.min(ws.len() - from);
    let mut out: Vec<String> = ws[from..from + len]
        .iter()
        .map(|&w| VOCAB[w].to_string())
        .collect();
    match q.edit {
        Edit::None => {}
        Edit::Drop(i) if out.len() > 1 => {
            out.remove(i % out.len());
        }
        Edit::Bracket(i) => {
            let i = i % out.len();
            out[i] = format!("[{}]", out[i]);
        }
        Edit::Replace(i, w) => {
            let i = i % out.len();
            out[i] = VOCAB[w].to_string();
        }
        Edit::Ellipsis(i, skip) => {
            // Skip `skip` transcript words after word i, marked by "...".
            let i = i % out.len();
            let rest: Vec<String> = ws[(from + i + 1 + skip).min(ws.len())..]
                .iter()
                .take(4)
                .map(|&w| VOCAB[w].to_string())
                .collect();
            out.truncate(i + 1);
            if !rest.is_empty() {
                out.push("...".to_string());
                out.extend(rest);
            }
        }
        _ => {}
    }
    out.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn index_finds_what_an_exhaustive_search_finds(
        c in corpus(),
        quotes in prop::collection::vec(quote_spec(), 1..6),
    ) {
        let rendered: Vec<(String, Vec<TranscriptTurn>)> =
            c.transcripts.iter().map(|t| render(t)).collect();
        let input: Vec<(&str, Vec<TranscriptTurn>)> =
            rendered.iter().map(|(t, ts)| (t.as_str(), ts.clone())).collect();
        let index = ProvenanceIndex::build(&input);
        for spec in &quotes {
            let text = quote_text(&c, spec);
            let context = spec.context.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ");
            let hints = FindHints {
                speaker: spec.speaker.map(|s| SPEAKERS[s]),
                context: &context,
                evidence: None,
            };
            let fast = index.find_with(&text, &hints);
            let slow = index.find_exhaustive(&text, &hints);
            prop_assert_eq!(
                fast.as_ref().map(|s| (s.doc, s.turn, s.range.clone())),
                slow.as_ref().map(|s| (s.doc, s.turn, s.range.clone())),
                "quotation {:?}", text
            );
            prop_assert_eq!(fast, slow);
        }
    }
}
