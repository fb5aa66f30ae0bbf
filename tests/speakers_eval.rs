//! Scores `detect` + `report_json` against the shared gold turn files.

use std::path::PathBuf;

use plenary::analysis::speakers::report_json;
use serde_json::Value;

fn gold_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/speakers")
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Every gold turn is found with its label, speaker, asker and
/// interpretation flag, and nothing else is reported as a turn.
fn check(name: &str) {
    let dir = gold_dir();
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("transcript");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.gold.json"))).expect("gold"),
    )
    .expect("gold json");
    let out = report_json(&[(name, text.as_str())]);
    let doc = &out[0];
    assert_eq!(doc["is_transcript"], Value::Bool(true));
    let pred = doc["turns"].as_array().expect("turns");
    let gold_turns = gold["turns"].as_array().expect("gold turns");
    let pred_lines: Vec<u64> = pred.iter().map(|t| t["line"].as_u64().unwrap()).collect();
    let gold_lines: Vec<u64> = gold_turns
        .iter()
        .map(|t| t["line"].as_u64().unwrap())
        .collect();
    assert_eq!(pred_lines, gold_lines, "turn lines");
    for (g, p) in gold_turns.iter().zip(pred) {
        let line = &g["line"];
        assert_eq!(
            str_of(p, "label"),
            str_of(g, "label"),
            "label at line {line}"
        );
        assert_eq!(
            str_of(p, "speaker"),
            str_of(g, "speaker"),
            "speaker at line {line}"
        );
        assert_eq!(
            str_of(p, "asker"),
            str_of(g, "asker"),
            "asker at line {line}"
        );
        let interpreted = g
            .get("interpreted")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        assert_eq!(
            p["interpreted"].as_bool(),
            Some(interpreted),
            "interpreted at line {line}"
        );
    }
}

#[test]
fn dev_transcript_matches_gold() {
    check("000_ede49f6ebe378c76");
}
