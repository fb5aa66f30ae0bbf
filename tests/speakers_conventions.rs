//! Scores speaker-turn detection over the development set in
//! `tests/fixtures/speakers/`: one short document per transcript convention
//! (written for this project) with its gold turns beside it
//! (`NAME.gold.json`), and documents that are not transcripts (licences,
//! copyright files, changelogs, READMEs, release notes, e-mail, metadata,
//! code, logs, machine captions) whose gold is "no turns".
//!
//! Turns match by line, as in `../shared/eval/speakers/score.py`; the test
//! asserts floors on turn F1, speaker naming, speaker consistency, turn
//! times, the recognised convention and false turns on non-transcripts.

use std::path::{Path, PathBuf};

use plenary::analysis::speakers::report_json;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speakers")
}

/// The fixture beside a gold file: same stem, any other extension.
fn fixture_for(gold: &Path) -> PathBuf {
    let stem = gold
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".gold.json"))
        .expect("gold name");
    std::fs::read_dir(fixtures())
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.ends_with(".gold.json") && p.file_stem().and_then(|s| s.to_str()) == Some(stem)
        })
        .unwrap_or_else(|| panic!("no fixture for {stem}"))
}

/// Lowercased alphanumeric words, as the shared scorer compares names.
fn norm(s: Option<&str>) -> Vec<String> {
    s.unwrap_or("")
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    labels: (usize, usize),
    named: (usize, usize),
    pairs: (usize, usize),
    times: (usize, usize),
    conventions: (usize, usize),
    non_transcripts: usize,
    false_docs: Vec<String>,
    false_turns: usize,
    problems: Vec<String>,
}

fn ratio((ok, n): (usize, usize)) -> f64 {
    if n == 0 { 1.0 } else { ok as f64 / n as f64 }
}

fn score_one(gold_path: &Path, s: &mut Score) {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).expect("gold")).expect("json");
    let path = fixture_for(gold_path);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(&path).expect("fixture");
    let out = report_json(&[(name.as_str(), text.as_str())]);
    let doc = &out[0];
    let pred = doc["turns"].as_array().expect("turns");
    if gold["is_transcript"] == Value::Bool(false) {
        s.non_transcripts += 1;
        if doc["is_transcript"] == Value::Bool(true) {
            s.false_docs.push(name.clone());
        }
        s.false_turns += pred.len();
        for p in pred {
            s.problems
                .push(format!("{name}:{} false turn {}", p["line"], p["label"]));
        }
        return;
    }
    s.conventions.1 += 1;
    if doc["convention"] == gold["convention"] {
        s.conventions.0 += 1;
    } else {
        s.problems.push(format!(
            "{name}: convention {} (gold {})",
            doc["convention"], gold["convention"]
        ));
    }
    let line = |t: &Value| t["line"].as_u64().unwrap_or(0);
    let gold_turns = gold["turns"].as_array().expect("gold turns");
    let mut matched = Vec::new();
    for g in gold_turns {
        match pred.iter().find(|p| line(p) == line(g)) {
            Some(p) => matched.push((g, p)),
            None => {
                s.fn_ += 1;
                s.problems
                    .push(format!("{name}:{} missed {}", line(g), g["label"]));
            }
        }
    }
    for p in pred {
        if !gold_turns.iter().any(|g| line(g) == line(p)) {
            s.fp += 1;
            s.problems
                .push(format!("{name}:{} false turn {}", line(p), p["label"]));
        }
    }
    s.tp += matched.len();
    for &(g, p) in &matched {
        let l = line(g);
        s.labels.1 += 1;
        if norm(g["label"].as_str()) == norm(p["label"].as_str()) {
            s.labels.0 += 1;
        } else {
            s.problems.push(format!(
                "{name}:{l} label {} (gold {})",
                p["label"], g["label"]
            ));
        }
        if let Some(gs) = g["speaker"].as_str() {
            s.named.1 += 1;
            let last = norm(Some(gs)).pop().unwrap_or_default();
            if norm(p["speaker"].as_str()).contains(&last) {
                s.named.0 += 1;
            } else {
                s.problems
                    .push(format!("{name}:{l} speaker {} (gold {gs})", p["speaker"]));
            }
        }
        if let Some(gt) = g.get("time").and_then(Value::as_str) {
            s.times.1 += 1;
            if p["time"].as_str() == Some(gt) {
                s.times.0 += 1;
            } else {
                s.problems
                    .push(format!("{name}:{l} time {} (gold {gt})", p["time"]));
            }
        }
    }
    let named: Vec<_> = matched
        .iter()
        .filter(|(g, _)| g["speaker"].is_string())
        .collect();
    for (i, (ga, pa)) in named.iter().enumerate() {
        for (gb, pb) in &named[i + 1..] {
            s.pairs.1 += 1;
            let same_gold = ga["speaker"] == gb["speaker"];
            let same_pred = norm(pa["speaker"].as_str()) == norm(pb["speaker"].as_str());
            if same_gold == same_pred {
                s.pairs.0 += 1;
            }
        }
    }
}

fn score_all() -> Score {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    assert!(golds.len() >= 30, "development set too small");
    let mut s = Score::default();
    for g in &golds {
        score_one(g, &mut s);
    }
    s
}

#[test]
fn development_set_scores_meet_the_floors() {
    let s = score_all();
    let p = s.tp as f64 / (s.tp + s.fp).max(1) as f64;
    let r = s.tp as f64 / (s.tp + s.fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let report = format!(
        "turn F1 {f1:.3} (P {p:.3} R {r:.3}); labels {:.3}; named {:.3}; consistency {:.3}; \
         times {:.3}; conventions {:.3}; non-transcripts {} classed as transcripts {:?}, \
         {} false turns\n{}",
        ratio(s.labels),
        ratio(s.named),
        ratio(s.pairs),
        ratio(s.times),
        ratio(s.conventions),
        s.non_transcripts,
        s.false_docs,
        s.false_turns,
        s.problems.join("\n")
    );
    println!("{report}");
    assert!(f1 >= 0.98, "{report}");
    assert!(ratio(s.named) >= 0.95, "{report}");
    assert!(ratio(s.pairs) >= 0.95, "{report}");
    assert!(ratio(s.labels) >= 0.95, "{report}");
    assert!(ratio(s.times) >= 0.95, "{report}");
    assert!(ratio(s.conventions) >= 0.9, "{report}");
    assert!(s.false_docs.is_empty(), "{report}");
    assert_eq!(s.false_turns, 0, "{report}");
}

/// Not run by default: `PLENARY_SPEAKERS_SCAN=list.txt cargo test --test
/// speakers_conventions -- --ignored --nocapture` prints, for every file
/// named in the list, whether it was classed as a transcript, its
/// convention and its labels, to check precision on files at hand.
#[test]
#[ignore = "reads files named by PLENARY_SPEAKERS_SCAN"]
fn scan_files_named_in_the_environment() {
    let Ok(list) = std::env::var("PLENARY_SPEAKERS_SCAN") else {
        return;
    };
    let names = std::fs::read_to_string(list).expect("list");
    let (mut docs, mut transcripts, mut turns) = (0, 0, 0);
    for path in names.lines().filter(|l| !l.is_empty()) {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let a = plenary::analysis::speakers::detect(&text);
        docs += 1;
        if a.is_transcript {
            transcripts += 1;
            turns += a.turns.len();
            let mut labels: Vec<&str> = a.turns.iter().map(|t| &*t.label).collect();
            labels.sort_unstable();
            labels.dedup();
            labels.truncate(6);
            println!("{path}\t{:?}\t{}\t{labels:?}", a.convention, a.turns.len());
        }
    }
    println!("{docs} files, {transcripts} classed as transcripts, {turns} turns");
}

/// Not run by default: `PLENARY_SPEAKERS_TIME=FILE cargo test --release
/// --test speakers_conventions -- --ignored --nocapture time` runs
/// detection on FILE five times and prints the wall time of each run, for
/// figures under `time` (CPU) on a loaded machine.
#[test]
#[ignore = "reads the file named by PLENARY_SPEAKERS_TIME"]
fn time_detection_on_a_file() {
    let Ok(path) = std::env::var("PLENARY_SPEAKERS_TIME") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("file");
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let a = plenary::analysis::speakers::detect(&text);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{} MB in {secs:.3} s wall: {:.0} MB/s, {} turns",
            text.len() / 1_000_000,
            text.len() as f64 / 1e6 / secs,
            a.turns.len()
        );
    }
}
