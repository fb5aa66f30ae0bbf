//! Hand-written articles (not from the development set) quoting the seed
//! press-conference transcript in different house styles: checks that
//! attribution and provenance generalise beyond the gold articles.

use std::path::Path;

use plenary::analysis::quotes::{SourcedQuote, TranscriptTurn, analyse_corpus, report_json};

fn transcript() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let entry = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("000_"))?;
    std::fs::read_to_string(entry.path()).ok()
}

fn turns(text: &str) -> Vec<TranscriptTurn> {
    let label = regex::Regex::new(r"(?m)^([A-Z][A-Z .’'-]+):[ \t]*").unwrap();
    let starts: Vec<_> = label.captures_iter(text).collect();
    (0..starts.len())
        .map(|i| {
            let whole = starts[i].get(0).unwrap();
            let end = starts
                .get(i + 1)
                .map_or(text.len(), |n| n.get(0).unwrap().start());
            let speaker = match starts[i][1].split_whitespace().last().unwrap() {
                "BLINKEN" => "Antony Blinken".to_string(),
                "TILEUBERDI" => "Mukhtar Tileuberdi".to_string(),
                other => other.to_string(),
            };
            TranscriptTurn {
                range: whole.end()..whole.end() + text[whole.end()..end].trim_end().len(),
                speaker: speaker.into(),
            }
        })
        .collect()
}

const ARTICLE: &str = "Blinken pledges more aid in Astana\n\n\
Secretary of State Antony Blinken said on Tuesday that Washington \"has been firmly committed to the sovereignty, territorial integrity, and independence of Kazakhstan\" since 1991.\n\n\
\"Today, I'm announcing an additional $25 million for that initiative, a total of $50 million to build up the regional economy,\" the secretary told reporters.\n\n\
The top U.S. diplomat also praised his hosts. \"We applaud Kazakhstan for continuing to host more than 200,000 Russian citizens who fled their country after President Putin launched his war,\" he said.\n\n\
Analyst Marat Bekov was less impressed. \"These are old promises,\" Bekov said.\n\n\
Foreign Minister Mukhtar Tileuberdi said Kazakhstan does not \"allow to use its territory for evasion sanctions\".\n";

#[test]
fn articles_in_other_styles_link_to_the_transcript() {
    let Some(t) = transcript() else { return };
    let docs = [("000.txt", t.as_str(), true), ("a.txt", ARTICLE, false)];
    let report = report_json(&docs, &analyse(&docs, &[turns(&t), Vec::new()]));
    let quotes = report[0]["quotes"].as_array().unwrap();
    let got: Vec<(String, String, bool, Option<bool>)> = quotes
        .iter()
        .map(|q| {
            (
                q["text"].as_str().unwrap().chars().take(20).collect(),
                q["speaker"].as_str().unwrap_or("-").to_string(),
                !q["source"].is_null(),
                q["source"]["verbatim"].as_bool(),
            )
        })
        .collect();
    let want = [
        ("has been firmly comm", "Antony Blinken", true, Some(true)),
        ("Today, I'm announcin", "Antony Blinken", true, Some(true)),
        ("We applaud Kazakhsta", "Antony Blinken", true, Some(false)),
        ("These are old promis", "Marat Bekov", false, None),
        (
            "allow to use its ter",
            "Mukhtar Tileuberdi",
            true,
            Some(true),
        ),
    ];
    let want: Vec<(String, String, bool, Option<bool>)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), *c, *d))
        .collect();
    assert_eq!(got, want);
}

/// Quotations and sources for `(path, text, is_transcript)` documents.
fn analyse(docs: &[(&str, &str, bool)], turns: &[Vec<TranscriptTurn>]) -> Vec<Vec<SourcedQuote>> {
    let texts: Vec<(&str, bool)> = docs.iter().map(|(_, t, tr)| (*t, *tr)).collect();
    analyse_corpus(&texts, turns, &[])
}
