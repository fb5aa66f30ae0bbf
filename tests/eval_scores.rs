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
