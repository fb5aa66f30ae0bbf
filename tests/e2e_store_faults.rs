//! Store faults in the real binary: what the user sees at start.

mod common;

use common::Tui;

#[test]
fn a_fifo_as_the_store_is_refused_and_the_reader_draws() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("annotations.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let d = dir.path().to_str().unwrap();
    let mut t = Tui::spawn(&["--data-dir", d], 200, 30);
    // Before the fix plenary blocked reading the FIFO and never drew.
    // stderr says it first, on the normal screen; then the status bar.
    t.wait_until(
        |s| s.contains("Documents (5)") && s.contains("FIFO"),
        "the reader drawn, with the FIFO message",
    );
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        raw.contains("plenary: ") && raw.contains("FIFO"),
        "said on stderr"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_data_directory_that_is_a_file_is_said_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes");
    std::fs::write(&file, b"not a directory").unwrap();
    let mut t = Tui::spawn(&["--data-dir", file.to_str().unwrap()], 200, 30);
    // stderr says it first, on the normal screen; then the status bar.
    t.wait_until(
        |s| s.contains("Documents (5)") && s.contains("not a directory"),
        "the reader drawn, with the not a directory message",
    );
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        raw.contains("plenary: annotations cannot be saved"),
        "said on stderr"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(std::fs::read(&file).unwrap(), b"not a directory");
}
