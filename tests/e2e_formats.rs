//! Formats people have, end to end in a pseudo-terminal: gzip-compressed
//! files, Markdown, a readable text width, and documents that change on
//! disk while plenary runs.

mod common;

use std::io::Write;

use common::Tui;

fn gz(text: &str) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap()
}

#[test]
fn a_folder_with_a_gzip_file_opens_it_as_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a-briefing.txt"),
        "Port authority briefing\n\nMODERATOR: Welcome to the briefing.\n",
    )
    .unwrap();
    let mut body = String::from("Notes from the harbour visit\n\n");
    for i in 0..40 {
        body.push_str(&format!(
            "Paragraph {i} of the notes on the quay cranes.\n\n"
        ));
    }
    body.push_str("The last line says the dredging starts in May.\n");
    std::fs::write(dir.path().join("notes.txt.gz"), gz(&body)).unwrap();
    let mut damaged = gz(&body);
    damaged.truncate(damaged.len() / 2);
    std::fs::write(dir.path().join("zz-damaged.txt.gz"), damaged).unwrap();
    let mut t = Tui::spawn(&[dir.path().to_str().unwrap()], 120, 30);
    let screen = t.wait_for("notes.txt.gz");
    assert!(!screen.contains('\u{1f}'), "{screen}");
    // The damaged file is a notice, not a crash.
    t.wait_for("damaged gzip file");
    // Open the compressed file and read it to the end.
    t.send("1j\r");
    t.wait_for("Paragraph 0 of the notes on the quay cranes.");
    t.send("G");
    t.wait_for("The last line says the dredging starts in May.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// The first and last non-blank columns of the reader's prose rows, and
/// the reader pane's borders.
fn reader_text_span(screen: &str) -> (usize, usize, usize, usize) {
    let (mut first, mut last, mut left, mut right) = (usize::MAX, 0, 0, 0);
    for row in screen.lines() {
        let cells: Vec<char> = row.chars().collect();
        let borders: Vec<usize> = (0..cells.len()).filter(|&i| cells[i] == '┃').collect();
        let [l, r] = borders[..] else { continue };
        let inside = &cells[l + 1..r];
        let (Some(a), Some(b)) = (
            inside.iter().position(|c| c.is_alphabetic()),
            inside.iter().rposition(|c| c.is_alphabetic() || *c == '.'),
        ) else {
            continue;
        };
        (left, right) = (l, r);
        first = first.min(a + l + 1);
        last = last.max(b + l + 1);
    }
    (left, right, first, last)
}

#[test]
fn at_200_by_60_the_text_is_at_most_100_columns_and_centred_unless_configured() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Ferry timetable consultation\n\n");
    for i in 0..8 {
        text.push_str(&format!(
            "Paragraph {i}: residents of the island told the council that the winter timetable leaves them without a morning crossing on three days of the week, and asked for the early sailing to be restored.\n\n"
        ));
    }
    let doc = dir.path().join("ferry.txt");
    std::fs::write(&doc, text).unwrap();
    let mut t = Tui::spawn(&[doc.to_str().unwrap()], 200, 60);
    let screen = t.wait_for("Paragraph 7");
    let (left, right, first, last) = reader_text_span(&screen);
    assert!(right - left > 110, "{left}..{right}\n{screen}");
    assert!(last - first < 100, "{first}..{last}\n{screen}");
    assert!(last - first > 90, "{first}..{last}\n{screen}");
    assert!((first - left).abs_diff(right - last) <= 4, "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    let config = dir.path().join("wide.toml");
    std::fs::write(&config, "[reader]\nmax_width = 0\n").unwrap();
    let mut t = Tui::spawn(
        &["--config", config.to_str().unwrap(), doc.to_str().unwrap()],
        200,
        60,
    );
    let screen = t.wait_for("Paragraph 7");
    let (left, _, first, last) = reader_text_span(&screen);
    assert!(last - first > 100, "{first}..{last}\n{screen}");
    assert!(first - left <= 3, "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_file_changed_while_plenary_runs_is_reloaded_and_a_new_one_joins_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    let mut text = String::from("Harbour committee notes\n\n");
    for i in 0..60 {
        text.push_str(&format!("Item {i}: the committee discussed berth {i}.\n\n"));
    }
    std::fs::write(&notes, &text).unwrap();
    let mut t = Tui::spawn(&[dir.path().to_str().unwrap()], 120, 30);
    t.wait_for("Item 0: the committee discussed berth 0.");
    t.wait_ready();
    // Read on to item 30, so that it is on the top row.
    t.send("2/Item 30:\r");
    t.wait_for("Item 31:");
    t.send("\x1b");
    // Write the file again, with paragraphs added above the place read
    // (more than a screen: the old offset would now show them) and one
    // changed below it.
    let added: String = (0..30)
        .map(|i| format!("An added paragraph number {i:02} about the quay.\n\n"))
        .collect();
    let changed = text
        .replace(
            "Item 1: the committee",
            &format!("{added}Item 1: the committee"),
        )
        .replace("berth 32.", "berth 32, now dredged.");
    std::fs::write(&notes, changed).unwrap();
    t.wait_for("reloaded notes.txt");
    let screen = t.wait_until(|s| s.contains("berth 32, now dredged."), "new text");
    // The place read is kept: item 30 still in view, the top of the file not.
    assert!(screen.contains("Item 30:"), "{screen}");
    assert!(!screen.contains("Item 0:"), "{screen}");
    assert!(!screen.contains("An added paragraph"), "{screen}");
    // A new file in the folder joins the list.
    std::fs::write(
        dir.path().join("agenda.txt"),
        "Agenda for the next meeting\n\nDredging, ferries, cranes.\n",
    )
    .unwrap();
    t.wait_for("added agenda.txt");
    t.wait_for("Documents (2)");
    t.wait_for("agenda.txt");
    // A deleted one says so.
    std::fs::remove_file(&notes).unwrap();
    t.wait_for("notes.txt was deleted on disk");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_note_on_a_reloaded_document_stays_on_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("minutes.txt");
    let mut text = String::from("Harbour committee minutes\n\n");
    for i in 0..60 {
        text.push_str(&format!("Item {i}: the committee discussed berth {i}.\n\n"));
    }
    std::fs::write(&notes, &text).unwrap();
    let mut t = Tui::spawn(&[dir.path().to_str().unwrap()], 120, 30);
    t.wait_for("Item 0: the committee discussed berth 0.");
    t.wait_ready();
    t.send("2/Item 30:\r");
    t.wait_for("Item 31:");
    t.send("\x1bA");
    t.wait_for("Ctrl-s save");
    t.send("dredging first #berth");
    t.send("\x13");
    t.wait_for("note saved");
    let marked = |s: &str, what: &str| s.lines().any(|l| l.contains(what) && l.contains('✎'));
    t.wait_until(|s| marked(s, "Item 30:"), "the note's mark on item 30");
    let added: String = (0..30)
        .map(|i| format!("An added paragraph number {i:02} about the quay.\n\n"))
        .collect();
    std::fs::write(
        &notes,
        text.replace(
            "Item 1: the committee",
            &format!("{added}Item 1: the committee"),
        ),
    )
    .unwrap();
    t.wait_for("reloaded minutes.txt");
    let screen = t.wait_until(
        |s| marked(s, "Item 30:") && !s.contains("An added"),
        "the note's mark still on item 30 after the reload",
    );
    assert!(
        !marked(&screen, "Item 29:") && !marked(&screen, "Item 31:"),
        "{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
