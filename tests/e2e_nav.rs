//! The reader's instrument in a real terminal: the cursor, go-to and
//! counts, marks and the jump list, copy, the document list as a
//! navigator.

mod common;

use common::Tui;

/// The screen row holding the cursor's marker, and its text.
fn cursor_row(screen: &str) -> Option<(usize, String)> {
    screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains('❯'))
        .map(|(i, l)| (i, l.to_string()))
}

/// The status bar's "line N/M".
fn status_line(screen: &str) -> usize {
    let last = screen.lines().last().unwrap_or_default();
    let at = last.find("line ").expect("a line number in the status bar") + 5;
    last[at..]
        .split('/')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("line N/M")
}

#[test]
fn the_cursor_is_drawn_moves_with_j_k_and_jumps_land_on_it() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    let s = t.wait_for("❯");
    let (row0, text) = cursor_row(&s).unwrap();
    assert!(
        text.contains("Antony J. Blinken, Secretary of State"),
        "{s}"
    );
    // j moves the cursor, not the text.
    t.send("jj");
    let s = t.wait_until(
        |s| cursor_row(s).is_some_and(|(r, _)| r > row0 + 2),
        "the cursor two rows down, over a gap",
    );
    assert!(s.contains("Antony J. Blinken, Secretary of State"), "{s}");
    assert!(status_line(&s) > 1);
    // J lands the cursor on the next turn; T acts on that turn.
    t.send("J");
    let s = t.wait_until(
        |s| cursor_row(s).is_some_and(|(_, l)| l.contains("MODERATOR:")),
        "the cursor on the moderator's turn",
    );
    assert!(s.contains("▌Moderator"), "{s}");
    t.send("T");
    t.wait_for("“MODERATOR: (Via interpreter");
    t.send("\x1b");
    t.wait_for("note not saved");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
