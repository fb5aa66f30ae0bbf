//! The development set's own scorers, run on the real binary's output.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval")
}

/// Runs a scorer and returns its standard output.
fn score(args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .output()
        .expect("python3 runs the scorer");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "scorer failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

#[test]
fn speakers_every_turn_label_and_speaker_right() {
    let dir = shared().join("speakers");
    let out = score(&[
        dir.join("score.py").to_str().unwrap(),
        env!("CARGO_BIN_EXE_plenary"),
        dir.to_str().unwrap(),
        "--min-f1",
        "1.0",
    ]);
    assert!(out.contains("turn F1 1.000 (P 1.000 R 1.000)"), "{out}");
    assert!(out.contains("labels exact 22/22"), "{out}");
    assert!(out.contains("speaker consistency 231/231"), "{out}");
    assert!(out.contains("speaker named 22/22"), "{out}");
}

/// `plenary entities --json` on the five sample documents, scored by the
/// development set's scorer with corpus-wide grouping.
#[test]
fn entities_beat_the_statistical_baseline() {
    let docs_dir = shared().join("entities/docs");
    let mut txts: Vec<PathBuf> = std::fs::read_dir(&docs_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    txts.sort();
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .arg("entities")
        .arg("--json")
        .args(&txts)
        .output()
        .unwrap();
    assert!(out.status.success());
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pred = tempfile::tempdir().unwrap();
    for doc in docs.as_array().unwrap() {
        let path = PathBuf::from(doc["path"].as_str().unwrap());
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let lines: Vec<String> = doc["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.to_string())
            .collect();
        std::fs::write(pred.path().join(format!("{name}.jsonl")), lines.join("\n")).unwrap();
    }
    let report = pred.path().join("scores.json");
    score(&[
        shared().join("entities/score.py").to_str().unwrap(),
        pred.path().to_str().unwrap(),
        "--grouping-scope",
        "corpus",
        "--json",
        report.to_str().unwrap(),
    ]);
    let res: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let f1 = |t: &str| res["exact"][t]["f1"].as_f64().unwrap();
    // spaCy's small English model: 0.763 overall on these documents.
    assert!(f1("micro") >= 0.97, "overall exact F1 {}", f1("micro"));
    for (t, floor) in [
        ("PERSON", 0.97),
        ("ORG", 0.93),
        ("PLACE", 0.97),
        ("MONEY", 0.97),
        ("PERCENT", 0.97),
        ("DATE", 0.97),
    ] {
        assert!(f1(t) >= floor, "{t} exact F1 {}", f1(t));
    }
    let b3 = res["grouping"]["b3_f1"].as_f64().unwrap();
    assert!(b3 >= 0.97, "PERSON grouping B-cubed F1 {b3}");
}

fn plenary_json(args: &[&str], paths: &[PathBuf]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `plenary quotes --json` on the sample corpus, scored by the development
/// set's scorer: detection, attribution and provenance.
#[test]
fn quotes_are_found_attributed_and_traced() {
    use serde_json::{Value, json};
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let name = |p: &str| {
        PathBuf::from(p)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    let speakers = plenary_json(&["speakers", "--json"], &paths);
    let quotes = plenary_json(&["quotes", "--json"], &paths);
    let turn_line = |path: &str, turn: u64| -> Value {
        let doc = speakers
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == path)
            .unwrap();
        doc["turns"][turn as usize]["line"].clone()
    };
    let mut preds = Vec::new();
    for d in quotes.as_array().unwrap() {
        for q in d["quotes"].as_array().unwrap() {
            let source = match &q["source"] {
                Value::Null => Value::Null,
                s => json!({
                    "doc": name(s["path"].as_str().unwrap()),
                    "start": s["start"], "end": s["end"], "verbatim": s["verbatim"],
                    "turn_line": turn_line(s["path"].as_str().unwrap(), s["turn"].as_u64().unwrap()),
                }),
            };
            preds.push(json!({
                "doc": name(d["path"].as_str().unwrap()),
                "start": q["start"], "end": q["end"], "text": q["text"],
                "speaker": q["speaker"], "attribution_cue": q["cue"], "kind": q["kind"],
                "source": source,
            }));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.json");
    let report = dir.path().join("scores.json");
    std::fs::write(&pred, serde_json::to_string(&preds).unwrap()).unwrap();
    let out = score(&[
        shared().join("quotes/score.py").to_str().unwrap(),
        "--docs",
        corpus.to_str().unwrap(),
        pred.to_str().unwrap(),
        "--json",
        report.to_str().unwrap(),
    ]);
    let s: Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let f1 = s["detection"]["f1"].as_f64().unwrap();
    let attr = s["attribution"]["accuracy"].as_f64().unwrap();
    let prov = s["provenance"]["accuracy"].as_f64().unwrap();
    println!("{out}\ndetection F1 {f1:.3} attribution {attr:.3} provenance {prov:.3}");
    assert!(f1 >= 0.98, "detection F1 {f1}\n{out}");
    assert!(attr >= 0.95, "attribution {attr}\n{out}");
    assert!(prov >= 0.95, "provenance {prov}\n{out}");
}
