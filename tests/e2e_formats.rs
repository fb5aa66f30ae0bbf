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
