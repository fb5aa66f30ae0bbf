//! The real binary in a real pseudo-terminal: what a user sees.

mod common;

use std::process::Command;

use common::Tui;

const TITLES: [&str; 5] = [
    "Antony J. Blinken, Secretar",
    "Blinken Voices Support for",
    "Kazakh Foreign Minister say",
    "Blinken in Astana reiterate",
    "Blinken's visit to Central",
];

#[test]
fn bundled_corpus_lists_five_titles_and_opens_the_second() {
    let mut t = Tui::spawn(&[], 130, 35);
    // A frame may arrive in pieces: wait for all five titles.
    t.wait_until(
        |s| s.contains("Documents (5)") && TITLES.iter().all(|title| s.contains(title)),
        "the five bundled titles",
    );
    // Focus the list, go down, open.
    t.send("1j\r");
    t.wait_for("pledged support");
    t.wait_for("Strategic move");
    t.wait_for("2 Blinken Voices Support");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn scrolling_reaches_the_end_and_back() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("MODERATOR: (Via interpreter) We are about to start");
    t.send("G");
    t.wait_for("Thank you for your attention.");
    t.wait_for("100%");
    t.send("gg");
    t.wait_for("We are about to start");
    t.send(" ");
    t.wait_gone("We are about to start");
    t.send("q");
    t.wait_exit();
}

#[test]
fn help_overlay_lists_keys_and_closes() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("?");
    t.wait_for("focus the document list");
    t.wait_for("search backward");
    t.wait_for("HELP");
    t.send("\x1b");
    t.wait_gone("focus the document list");
    t.send("q");
    t.wait_exit();
}

#[test]
fn search_highlights_counts_and_says_not_found() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("/tokayev");
    t.wait_for("/tokayev▏ 1/");
    t.send("\r");
    t.send("n");
    t.wait_for("2/");
    t.send("/zzzqqq");
    t.wait_for("not found");
    t.send("\x1b");
    // Esc then q at once would read as Alt-q: wait for the mode to change.
    t.wait_for("NORMAL");
    t.send("q");
    t.wait_exit();
}

#[test]
fn resizing_collapses_to_one_pane_then_asks_for_room() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("3 Outline");
    t.resize(60, 20);
    t.wait_until(
        |s| s.contains("2 Antony J. Blinken") && !s.contains("Documents (5)"),
        "one pane: the reader alone",
    );
    t.resize(20, 4);
    t.wait_for("Enlarge");
    t.resize(130, 35);
    t.wait_for("3 Outline");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn quitting_restores_the_terminal() {
    let mut t = Tui::spawn(&[], 100, 30);
    t.wait_for("Documents (5)");
    t.wait_ready();
    assert!(t.alternate_screen());
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.alternate_screen(), "still on the alternate screen");
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    let tail = &raw[raw.rfind("\x1b[?1049l").expect("left the alternate screen")..];
    assert!(tail.contains("\x1b[?25h"), "cursor shown again");
    assert!(raw.contains("\x1b[?1000l"), "mouse capture turned off");
}

/// Sends `signal` to a running plenary: it must exit and give the
/// terminal back.
fn signal_restores_the_terminal(signal: &str) {
    let mut t = Tui::spawn(&[], 100, 30);
    t.wait_for("Documents (5)");
    t.wait_ready();
    let pid = t.pid().expect("pid");
    let ok = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
    t.wait_exit();
    assert!(!t.alternate_screen(), "still on the alternate screen");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("-TERM");
}

#[test]
fn sighup_ends_the_program_and_restores_the_terminal() {
    signal_restores_the_terminal("-HUP");
}

#[test]
fn escape_sequences_in_a_document_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.txt");
    std::fs::write(
        &path,
        "Evil title\n\nBefore \x1b]0;pwned\x07 middle \x1b[2J after\u{9b}31m end.\n",
    )
    .unwrap();
    let mut t = Tui::spawn(&[path.to_str().unwrap()], 110, 30);
    t.wait_for("Before ␛]0;pwned␇ middle ␛[2J after");
    t.wait_for("Documents (1)");
    t.wait_ready();
    let raw = t.raw();
    let find = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        !find(b"\x1b]0;pwned"),
        "title sequence reached the terminal"
    );
    assert!(!find(b"\x1b[2J after"), "clear-screen reached the terminal");
    t.send("q");
    t.wait_exit();
}

#[test]
fn mouse_click_selects_a_document_and_wheel_scrolls() {
    let mut t = Tui::spawn(&[], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // SGR mouse: left press and release on the third document's title row
    // (rows 1-based: border, then two rows per document).
    t.send("\x1b[<0;5;6M\x1b[<0;5;6m");
    t.wait_for("2 Kazakh Foreign Minister");
    // Wheel down over the reader scrolls it.
    t.wait_for("line 1/");
    for _ in 0..4 {
        t.send("\x1b[<65;60;10M");
    }
    t.wait_until(|s| !s.contains("line 1/"), "the reader scrolled");
    t.send("q");
    t.wait_exit();
}

#[test]
fn missing_path_exits_2_with_a_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .arg("/no/such/place.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/place.txt: no such file"), "{err}");
}

#[test]
fn without_a_terminal_the_reader_points_to_list() {
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("plenary list"), "{err}");
}

#[test]
fn speakers_jump_filter_and_show_who_is_asking() {
    let mut t = Tui::spawn(&[], 140, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // Next turn: the moderator opens.
    t.send("J");
    t.wait_for("▌Moderator (interpreted)");
    // Same speaker's next turn.
    t.send(">");
    t.wait_for("line 12/59");
    // Further on, a question names its asker.
    t.send("JJJ");
    t.wait_for("Question — Zhanna Alpysbayeva, Atameken Business Channel");
    // The Speakers tab lists who spoke how much; Enter filters the reader.
    t.send("3]");
    t.wait_for("Antony Blinken");
    t.wait_for("5 turns · 2,542 words");
    t.send("\r");
    t.wait_for("Showing only Antony Blinken");
    // The other speakers' turns above are folded to one row each.
    t.send("kkk");
    t.wait_for("▸ Moderator:");
    t.wait_for("▸ Mukhtar Tileuberdi:");
    t.send("\x1b");
    t.wait_gone("Showing only Antony Blinken");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn entities_tab_highlights_jumps_and_follows_an_entity_across_documents() {
    let mut t = Tui::spawn(&[], 140, 40);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // The Entities tab groups by type with counts.
    t.send("3]]");
    t.wait_for("People (");
    t.wait_for("Places (");
    // Filter by name, then choose the entity.
    t.send("f");
    t.wait_for("FILTER");
    t.send("tileub\r");
    t.wait_for("filter: tileub");
    t.wait_gone("Antony Blinken ");
    t.send("\r");
    t.wait_for("Mukhtar Tileuberdi: mention 1 of");
    t.wait_for("also in 4 documents");
    t.send("*");
    t.wait_for("Mukhtar Tileuberdi: mention 2 of");
    // Another document that mentions him, spelled differently there.
    t.send("D");
    t.wait_for("Mukhtar Tileuberdi in “Blinken Voices Support");
    t.send("D");
    t.wait_for("Mukhtar Tileuberdi in “Kazakh Foreign Minister says");
    t.wait_for("Tleuberdi");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_quotation_leads_to_its_source_and_back() {
    let mut t = Tui::spawn(&[], 140, 36);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // The VOA article: J goes to its first quotation.
    t.send("1j\r");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.send("J");
    t.wait_for("❝Antony Blinken  altered from the transcript (s)");
    // s: the transcript passage, with the words that differ.
    t.send("s");
    t.wait_for("altered: −effect +effects");
    t.wait_for("2 Antony J. Blinken, Secretary of State");
    t.wait_for("❝ quoted 3× (a)");
    // a: the articles quoting this turn, in turn.
    t.send("a");
    t.wait_for("quotation 1 of 3 taken from that turn");
    // b: back along the jumps.
    t.send("b");
    t.wait_for("2 Antony J. Blinken, Secretary of State");
    t.send("b");
    t.wait_for("2 Blinken Voices Support");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// Runs `plenary ARGS` with the given data directory and returns stdout.
fn run_with_data(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .args(args)
        .env("PLENARY_DATA_DIR", dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_note_with_tags_survives_a_restart_and_can_be_edited_deleted_and_exported() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let args = ["--data-dir", dir.as_str()];
    let mut t = Tui::spawn(&args, 160, 36);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // Select the moderator's first words and annotate them.
    t.send("J");
    t.wait_for("▌Moderator");
    t.send("v");
    t.wait_for("VISUAL");
    t.send("www");
    t.wait_for("27 characters selected");
    t.send("\r");
    t.wait_for("Ctrl-s save");
    t.send("Opening #protocol #astana");
    t.wait_for("#astana");
    t.send("\x13"); // Ctrl-s
    t.wait_for("note saved");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // Start again: the note is there, with its tags.
    let mut t = Tui::spawn(&args, 160, 36);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("3]]]");
    t.wait_for("“MODERATOR: (Via interpreter”");
    t.wait_for("Opening #protocol #astana");
    // Edit it.
    t.send("e");
    t.wait_for("Ctrl-s save");
    t.send(" revised");
    t.send("\x13");
    t.wait_for("note saved");
    t.wait_for("#astana revised");
    // Delete, then undo.
    t.send("x");
    t.wait_for("note deleted — u undoes");
    t.wait_for("No notes.");
    t.send("u");
    t.wait_for("note restored");
    t.wait_for("“MODERATOR: (Via interpreter”");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // Export shows them.
    let md = run_with_data(data.path(), &["annotations", "export"]);
    assert!(md.contains("> MODERATOR: (Via interpreter"), "{md}");
    assert!(md.contains("#protocol"), "{md}");
    assert!(md.contains("revised"), "{md}");
    let w3c = run_with_data(data.path(), &["annotations", "export", "--format", "w3c"]);
    let v: serde_json::Value = serde_json::from_str(&w3c).unwrap();
    let text = v.to_string();
    assert!(
        text.contains("TextQuoteSelector") && text.contains("TextPositionSelector"),
        "{text}"
    );
    let list = run_with_data(data.path(), &["annotations", "list", "--json"]);
    assert!(list.contains("\"astana\""), "{list}");
}

#[test]
fn a_corrupt_store_is_moved_aside_and_said_and_work_goes_on() {
    let data = tempfile::tempdir().unwrap();
    let store = data.path().join("annotations.json");
    std::fs::write(
        &store,
        "{\"format\": \"plenary-annotations\", \"version\": 1, \"annot",
    )
    .unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let mut t = Tui::spawn(&["--data-dir", dir.as_str()], 160, 36);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.wait_for("annotations.json was damaged: it is truncated");
    // The damaged file is kept, byte for byte, under its new name.
    let aside: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("annotations.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = std::fs::read_to_string(data.path().join(&aside[0])).unwrap();
    assert!(kept.ends_with("\"annot"));
    // And a new note can still be written.
    t.send("JA");
    t.wait_for("Ctrl-s save");
    t.send("still works\x13");
    t.wait_for("note saved");
    t.send("q");
    t.wait_exit();
}

#[test]
fn dragging_the_mouse_selects_text_to_annotate() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let mut t = Tui::spawn(&["--data-dir", dir.as_str()], 140, 36);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("J");
    t.wait_for("▌Moderator");
    // Reader text starts at column 38 (1-based), row 3: press there, drag
    // along the row, release.
    t.send("\x1b[<0;38;3M\x1b[<32;45;3M\x1b[<32;52;3M\x1b[<0;52;3m");
    t.wait_for("VISUAL");
    // From the press to the last cell dragged over, that cell excluded.
    t.wait_for("13 characters selected");
    t.send("\r");
    t.wait_for("“MODERATOR: (V”");
    t.send("\x1b");
    t.wait_for("note not saved");
    t.send("q");
    t.wait_exit();
}

#[test]
fn reading_position_pane_and_tab_are_kept_across_restarts() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().display().to_string();
    let mut t = Tui::spawn(&["--data-dir", &dir], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    // The second document, ten lines down, the Notes tab, the list focused.
    t.send("1j\r");
    t.wait_for("2 Blinken Voices Support");
    t.send("2");
    t.wait_for("┏ 2 Blinken Voices Support");
    t.send("jjjjjjjjjj");
    let screen = t.wait_until(|s| s.contains("line 10/"), "moved ten lines");
    let status = screen.lines().last().unwrap_or_default().to_string();
    let at = status
        .split_whitespace()
        .find(|w| w.contains('/'))
        .unwrap()
        .to_string();
    t.send("]]]");
    t.wait_for("3 Notes");
    t.send("1");
    t.wait_for("┏ 1 Documents");
    t.send("q");
    t.wait_exit();

    let mut t = Tui::spawn(&["--data-dir", &dir], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.wait_for("2 Blinken Voices Support");
    t.wait_for("3 Notes");
    t.wait_for("┏ 1 Documents");
    t.wait_for(&format!("line {at}"));
    t.send("q");
    t.wait_exit();
}
