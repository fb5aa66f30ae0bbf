//! Scores the quotation library on the development set in
//! `shared/eval/quotes` with its own `score.py`, and holds the scores above
//! floors just under what the library reaches.

use std::path::{Path, PathBuf};
use std::process::Command;

use plenary::analysis::quotes::{SourcedQuote, TranscriptTurn, analyse_corpus, report_json};
use serde_json::{Value, json};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Minimal turn splitter for test purposes: lines opening with an ALL-CAPS
/// `LABEL:`; a turn runs to the next label. The speaker is the label's last
/// word, expanded to a full name found in the transcript ("BLINKEN" →
/// "Antony Blinken").
fn split_turns(text: &str) -> Vec<(TranscriptTurn, usize)> {
    let label = regex::Regex::new(r"(?m)^([A-Z][A-Z .’'-]+):[ \t]*").unwrap();
    let starts: Vec<_> = label.captures_iter(text).collect();
    let mut turns = Vec::new();
    for (i, c) in starts.iter().enumerate() {
        let whole = c.get(0).unwrap();
        let end = starts
            .get(i + 1)
            .map_or(text.len(), |n| n.get(0).unwrap().start());
        let body_end = whole.end() + text[whole.end()..end].trim_end().len();
        let last = c[1].split_whitespace().last().unwrap_or("");
        let surname = format!("{}{}", &last[..1], last[1..].to_lowercase());
        let full = regex::Regex::new(&format!(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?{surname}\b"))
            .unwrap()
            .captures_iter(text)
            .map(|m| m[1].to_string())
            .find(|g| !["Mr", "Minister", "Secretary", "President", "Dear"].contains(&g.as_str()));
        let speaker = full.map_or(surname.clone(), |g| format!("{g} {surname}"));
        let line = text[..whole.start()].matches('\n').count() + 1;
        turns.push((
            TranscriptTurn {
                range: whole.end()..body_end,
                speaker: speaker.into(),
            },
            line,
        ));
    }
    turns
}

#[test]
fn development_set_scores_hold() {
    let corpus = shared().join("corpus");
    let eval = shared().join("eval/quotes");
    if !eval.join("score.py").exists() {
        eprintln!("no development set at {}; skipping", eval.display());
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let texts: Vec<String> = names
        .iter()
        .map(|n| std::fs::read_to_string(corpus.join(n)).unwrap())
        .collect();
    let mut turns = Vec::new();
    let mut lines = Vec::new();
    let mut docs = Vec::new();
    for (n, t) in names.iter().zip(&texts) {
        let split = split_turns(t);
        // A transcript is a document with several speaker labels.
        let is_transcript = split.len() >= 3;
        docs.push((n.as_str(), t.as_str(), is_transcript));
        lines.push(split.iter().map(|(_, l)| *l).collect::<Vec<_>>());
        turns.push(if is_transcript {
            split.into_iter().map(|(t, _)| t).collect()
        } else {
            Vec::new()
        });
    }
    let report = report_json(&docs, &analyse(&docs, &turns));
    let mut preds = Vec::new();
    for d in report.as_array().unwrap() {
        for q in d["quotes"].as_array().unwrap() {
            let source = match &q["source"] {
                Value::Null => Value::Null,
                s => {
                    let ti = names
                        .iter()
                        .position(|n| n == s["path"].as_str().unwrap())
                        .unwrap();
                    json!({"doc": s["path"], "start": s["start"], "end": s["end"],
                           "verbatim": s["verbatim"],
                           "turn_line": lines[ti][s["turn"].as_u64().unwrap() as usize]})
                }
            };
            preds.push(json!({"doc": d["path"], "start": q["start"], "end": q["end"], "text": q["text"],
                              "speaker": q["speaker"], "attribution_cue": q["cue"], "kind": q["kind"],
                              "source": source}));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.json");
    let out = dir.path().join("scores.json");
    std::fs::write(&pred, serde_json::to_string_pretty(&preds).unwrap()).unwrap();
    let run = Command::new("python3")
        .arg(eval.join("score.py"))
        .arg(&pred)
        .arg("--docs")
        .arg(&corpus)
        .arg("--verbose")
        .arg("--json")
        .arg(&out)
        .output();
    let Ok(run) = run else {
        eprintln!("python3 is not available; cannot score");
        return;
    };
    println!("{}", String::from_utf8_lossy(&run.stdout));
    eprintln!("{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success());
    let scores: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let f1 = scores["detection"]["f1"].as_f64().unwrap();
    let attr = scores["attribution"]["accuracy"].as_f64().unwrap();
    let prov = scores["provenance"]["accuracy"].as_f64().unwrap();
    let linked = scores["provenance"]["link_accuracy_sourced"]
        .as_f64()
        .unwrap();
    assert!(linked >= 0.93, "sourced links {linked}");
    // Not scored by score.py: full/fragment agreement on exactly matched spans.
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(eval.join("gold.json")).unwrap()).unwrap();
    let (mut same, mut total) = (0, 0);
    for g in gold.as_array().unwrap() {
        if let Some(p) = preds
            .iter()
            .find(|p| p["doc"] == g["doc"] && p["start"] == g["start"])
        {
            total += 1;
            same += usize::from(p["kind"] == g["kind"]);
        }
    }
    println!("kind agreement {same}/{total}");
    println!(
        "detection F1 {f1:.3}  attribution {attr:.3}  provenance {prov:.3}  sourced links {linked:.3}"
    );
    assert!(f1 >= 0.98, "detection F1 {f1}");
    assert!(attr >= 0.96, "attribution {attr}");
    assert!(prov >= 0.96, "provenance {prov}");
}

/// Quotations and sources for `(path, text, is_transcript)` documents.
fn analyse(docs: &[(&str, &str, bool)], turns: &[Vec<TranscriptTurn>]) -> Vec<Vec<SourcedQuote>> {
    let texts: Vec<(&str, bool)> = docs.iter().map(|(_, t, tr)| (*t, *tr)).collect();
    analyse_corpus(&texts, turns, &[])
}
