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
