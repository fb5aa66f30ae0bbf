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

#[test]
fn go_to_a_line_a_share_and_counted_moves() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // ":" prompts for a line; the prompt has the status bar.
    t.send(":3");
    t.wait_for("GO TO  :3▏");
    t.send("0\r");
    let s = t.wait_for("line 30/59");
    let (_, row) = cursor_row(&s).unwrap();
    assert!(row.contains('❯'), "{s}");
    // "NG" and "gg".
    t.send("20G");
    t.wait_for("line 20/59");
    t.send("gg");
    t.wait_for("line 1/59");
    // "10j": "1" alone would focus the list; a count it is.
    t.send("10j");
    let s = t.wait_until(|s| status_line(s) > 1, "ten rows down");
    assert!(
        s.contains("┏ 2 Antony J. Blinken"),
        "the reader keeps the focus: {s}"
    );
    // "3J": three turns on, from the top (the moderator's second turn).
    t.send("gg3J");
    t.wait_until(
        |s| s.contains("line 12/59") && s.contains("▌Moderator (interpreted)"),
        "the moderator's second turn",
    );
    // "50%": halfway through the text.
    t.send("50%");
    let s = t.wait_until(|s| (25..=35).contains(&status_line(s)), "halfway");
    assert!(cursor_row(&s).is_some());
    t.send(":x\r");
    t.wait_for("not a line number: x");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// The text of the last OSC 52 sequence the program wrote.
fn last_copied(raw: &[u8]) -> Option<String> {
    use base64::Engine;
    let raw = String::from_utf8_lossy(raw);
    let at = raw.rfind("\x1b]52;c;")? + 7;
    let end = at + raw[at..].find('\x07')?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&raw[at..end])
        .ok()?;
    String::from_utf8(bytes).ok()
}

#[test]
fn y_copies_the_turn_at_the_cursor_with_its_citation_through_osc52() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("J");
    t.wait_for("▌Moderator");
    t.send("y");
    let s = t.wait_for("copied ");
    let status = s.lines().last().unwrap().to_string();
    let copied = last_copied(&t.raw()).expect("an OSC 52 sequence was written");
    assert!(
        copied.starts_with("We are about to start the press conference."),
        "{copied}"
    );
    assert!(
        copied.ends_with("\n— Moderator, “Antony J. Blinken, Secretary of State”"),
        "{copied}"
    );
    assert!(
        status.contains(&format!("copied {} characters", copied.chars().count())),
        "{status}"
    );
    // A selection copies just what is selected.
    t.send("vww");
    t.wait_for("VISUAL");
    t.send("y");
    t.wait_for("NORMAL");
    let copied = last_copied(&t.raw()).unwrap();
    assert!(
        copied.starts_with("MODERATOR: (Via\n— Moderator"),
        "{copied}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_document_list_filters_as_you_type_and_sorts() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("1");
    t.wait_for("┏ 1 Documents (5)");
    t.send("fcaravan");
    let s = t.wait_for("/caravan▏");
    assert!(s.contains("Documents 2/5"), "{s}");
    assert!(!s.contains("Kazakh Foreign Minister"), "{s}");
    // By speaker too: only the transcript has a Zhanna Alpysbayeva.
    t.send("\x7f\x7f\x7f\x7f\x7f\x7f\x7falpysbayeva");
    t.wait_for("Documents 1/5");
    // Enter opens the match.
    t.send("\r");
    t.wait_for("filter: alpysbayeva");
    t.send("\x1b");
    t.wait_for("Documents (5)");
    // o cycles the order, said in the title.
    t.send("o");
    t.wait_for("Documents (5) by name");
    t.send("o");
    t.wait_for("Documents (5) by date");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn marks_and_the_jump_list_work_across_documents_and_restarts() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().display().to_string();
    let mut t = Tui::spawn(&["--data-dir", &dir], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // Mark a on line 20 of the transcript.
    t.send("20G");
    t.wait_for("line 20/59");
    t.send("ma");
    t.wait_for("mark a set");
    // Another document, then back to the mark.
    t.send("1j\r");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.send("'a");
    t.wait_for("┏ 2 Antony J. Blinken");
    t.wait_for("line 20/59");
    // '' goes back to where that jump started, and again returns.
    t.send("''");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.send("''");
    t.wait_for("┏ 2 Antony J. Blinken");
    // Ctrl-o goes back along every jump: first to before the last one.
    t.send("\x0f");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.wait_for("jump ");
    t.send("\x10"); // Ctrl-p: forward again.
    t.wait_for("┏ 2 Antony J. Blinken");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // After a restart the mark and the jump list are still there.
    let mut t = Tui::spawn(&["--data-dir", &dir], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("1j\r");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.send("2'a");
    t.wait_for("┏ 2 Antony J. Blinken");
    t.wait_for("line 20/59");
    t.send("\x0f");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
