//! The annotation store is slow (another process holds its lock) while the
//! user reads: the screen answers, and the note is saved once the lock frees.

mod common;

use common::Tui;
use plenary::annotations::lock::DirLock;

/// The status bar's "line N/M P%" (the reading position).
fn line_shown(screen: &str) -> String {
    let at = screen.rfind("line ").expect("a reading position");
    screen[at..].split_whitespace().take(3).collect()
}

#[test]
fn a_locked_store_never_freezes_the_screen_and_the_note_is_saved_when_it_frees() {
    let data = tempfile::tempdir().unwrap();
    // Another plenary is in the middle of a save, and stays there.
    let lock = DirLock::acquire(data.path()).unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let mut t = Tui::spawn(&["--data-dir", dir.as_str()], 160, 36);
    // The reader starts and reads while the store waits for the lock.
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("J");
    t.wait_for("▌Moderator");
    let before = line_shown(&t.screen());
    t.send("JJ");
    t.wait_until(|s| line_shown(s) != before, "the reader moved on");
    // A note: Ctrl-s sends it to the store, which is still waiting.
    t.send("A");
    t.wait_for("Ctrl-s save");
    t.send("written while locked #patience");
    t.wait_for("#patience");
    t.send("\x13");
    t.wait_for("saving…");
    // Keys still answer: the wheel scrolls the reader behind the editor, a
    // second Ctrl-s and Esc say the note is on its way.
    let before = line_shown(&t.screen());
    for _ in 0..4 {
        t.send("\x1b[<65;60;10M");
    }
    t.wait_until(|s| line_shown(s) != before, "the reader scrolled");
    t.send("\x13");
    t.wait_for("already on its way");
    t.send("\x1b");
    t.wait_for("the note closes when it is saved");
    let store = data.path().join("annotations.json");
    assert!(
        std::fs::read_to_string(&store).is_err(),
        "nothing is written while another holds the lock"
    );
    // The other process finishes: the note is saved, once, and the editor
    // closes.
    drop(lock);
    t.wait_for("note saved");
    t.wait_gone("Ctrl-s save");
    let json = std::fs::read_to_string(&store).unwrap();
    assert_eq!(
        json.matches("written while locked #patience").count(),
        1,
        "{json}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
