//! The crashes of issue 10, replayed key by key (and click) in the real
//! binary: the program keeps drawing and quits cleanly.

mod common;

use common::Tui;

#[test]
fn v_on_a_cjk_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cjk.txt");
    std::fs::write(&file, b"\xe4\xb8\xad\xe6\x96\x87 text\n").unwrap();
    let mut t = Tui::spawn(&[file.to_str().unwrap()], 120, 30);
    t.wait_for("text");
    t.send("v");
    t.wait_for("0 characters selected");
    t.send("\x1b");
    t.wait_for("NORMAL");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn v_after_searching_a_curly_apostrophe_in_the_bundled_corpus() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.send("2/’\r");
    t.wait_for("/’");
    t.send("v");
    t.wait_for("VISUAL");
    t.send("\x1b");
    t.wait_for("NORMAL");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn clicking_another_document_during_a_selection() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = (0..600)
        .map(|i| format!("Paragraph {i} of a long transcript, with enough words to wrap.\n\n"))
        .collect();
    std::fs::write(dir.path().join("a-long.txt"), long).unwrap();
    std::fs::write(dir.path().join("b-short.txt"), "Short second document.\n").unwrap();
    let mut t = Tui::spawn(&[dir.path().to_str().unwrap()], 120, 30);
    t.wait_for("Paragraph 0");
    t.send("2Gv");
    t.wait_for("VISUAL");
    // Left button down and up on the second document's title (SGR mouse;
    // the list's second entry is on rows 4–5, 1-based).
    t.send("\x1b[<0;6;4M\x1b[<0;6;4m");
    t.wait_for("Short second document.");
    t.wait_for("NORMAL");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
