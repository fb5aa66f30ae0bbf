//! Scores `report_json` on the shared development set with the shared
//! scorer (`shared/eval/entities/score.py`) and checks it stays above a
//! floor. Set `PLENARY_ENTITIES_PRED_DIR` to keep the predictions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use plenary::analysis::entities::report_json;

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/entities")
}

#[test]
fn development_set_scores_above_floor() {
    let dir = eval_dir();
    let docs_dir = dir.join("docs");
    let Ok(entries) = fs::read_dir(&docs_dir) else {
        eprintln!("skipped: {} not found", docs_dir.display());
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "five sample documents");
    let texts: Vec<String> = names
        .iter()
        .map(|n| fs::read_to_string(docs_dir.join(format!("{n}.txt"))).expect("read doc"))
        .collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .zip(&texts)
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let report = report_json(&pairs);

    let tmp = tempfile::tempdir().expect("tempdir");
    let pred_dir = std::env::var_os("PLENARY_ENTITIES_PRED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    fs::create_dir_all(&pred_dir).expect("pred dir");
    for doc in report.as_array().expect("array") {
        let name = doc["path"].as_str().expect("path");
        let lines: Vec<String> = doc["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .map(|m| m.to_string())
            .collect();
        fs::write(
            pred_dir.join(format!("{name}.jsonl")),
            lines.join("\n") + "\n",
        )
        .expect("write");
    }
    let out_json = tmp.path().join("score.json");
    let out = Command::new("python3")
        .arg(dir.join("score.py"))
        .arg(&pred_dir)
        .args(["--grouping-scope", "corpus", "--json"])
        .arg(&out_json)
        .output()
        .expect("run python3 score.py");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "scorer failed");
    let res: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out_json).expect("score json")).expect("json");
    let f1 = res["exact"]["micro"]["f1"].as_f64().expect("f1");
    let person_f1 = res["exact"]["PERSON"]["f1"].as_f64().expect("person f1");
    let b3 = res["grouping"]["b3_f1"].as_f64().expect("b3");
    assert!(f1 >= FLOOR_F1, "overall exact F1 {f1:.3} < {FLOOR_F1}");
    assert!(
        person_f1 >= FLOOR_PERSON_F1,
        "PERSON exact F1 {person_f1:.3}"
    );
    assert!(b3 >= FLOOR_B3, "PERSON grouping B3 F1 {b3:.3} < {FLOOR_B3}");
}

const FLOOR_F1: f64 = 0.97;
const FLOOR_PERSON_F1: f64 = 0.97;
const FLOOR_B3: f64 = 0.97;
