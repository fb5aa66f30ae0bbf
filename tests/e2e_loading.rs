//! The reader opens at once on a large folder: titles and keys work while
//! the background analysis is still running, and its progress is shown.

mod common;

use common::Tui;

/// A folder of `n` generated transcripts of about 10 KB each.
fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let speakers = ["MODERATOR", "MINISTER OKAFOR", "QUESTION", "SENATOR VALE"];
    for i in 0..n {
        let mut text = format!("Briefing number {i} on regional water policy\n\n");
        for t in 0..120 {
            let who = speakers[t % speakers.len()];
            text.push_str(&format!(
                "{who}: Turn {t} of briefing {i}. The ministry in Lagos will spend $4 million on canals, \
                 said Minister Okafor, and 12 percent more next year.\n\n"
            ));
        }
        std::fs::write(dir.path().join(format!("{i:05}.txt")), text).unwrap();
    }
    dir
}

#[test]
fn a_folder_of_2000_files_shows_titles_and_answers_keys_before_its_analysis_ends() {
    let dir = folder(2000);
    let mut t = Tui::spawn(&[dir.path().to_str().unwrap()], 140, 30);
    // The first document is on screen with its text while analysis runs.
    let screen = t.wait_for("Briefing number 0 on regional water policy");
    assert!(screen.contains("00000.txt"), "{screen}");
    t.wait_for("⟳ analysing");
    // A key is answered at once: the reader goes to the end of the
    // document, while the progress is still on the status bar.
    t.send("G");
    let screen = t.wait_for("100%");
    assert!(
        screen.contains("⟳ analysing"),
        "the key was answered before the analysis ended:\n{screen}"
    );
    // The list grows to every file.
    t.wait_for("Documents (2000)");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
