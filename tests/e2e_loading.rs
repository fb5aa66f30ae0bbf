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

/// `plenary list` twice on one folder: the second run takes every
/// document's analysis from the cache, and says the same.
#[test]
fn a_second_run_reads_the_cache_and_agrees_with_the_first() {
    let docs = folder(20);
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .arg(docs.path())
            .env("PLENARY_CACHE_DIR", cache.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let first = run(&["speakers", "--json"]);
    let entries = || {
        walk(cache.path())
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .count()
    };
    assert_eq!(entries(), 21, "one entry per document, one for the corpus");
    assert_eq!(run(&["speakers", "--json"]), first);
    let quotes = run(&["quotes", "--json"]);
    assert_eq!(run(&["quotes", "--json"]), quotes);
    // A corrupt entry is ignored and rebuilt.
    for p in walk(cache.path()) {
        std::fs::write(p, b"garbage").unwrap();
    }
    assert_eq!(run(&["speakers", "--json"]), first);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["cache", "clear"])
        .env("PLENARY_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(entries(), 0);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn skipped_files_are_counted_and_listed_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("harbour.txt"),
        "Tide tables for the harbour, computed for every day of the year.\n",
    )
    .unwrap();
    for i in 0..6 {
        std::fs::write(
            dir.path().join(format!("scan-{i}.bin")),
            [0u8, 159, 146, 150, 0, 1],
        )
        .unwrap();
    }
    let path = dir.path().display().to_string();
    let mut t = Tui::spawn(&[&path], 140, 30);
    t.wait_for("Documents (1)");
    t.wait_for("(and 5 more: ! lists them)");
    t.send("!");
    t.wait_for("6 notices");
    let screen = t.wait_for("scan-5.bin: binary file, skipped");
    for i in 0..6 {
        assert!(screen.contains(&format!("scan-{i}.bin")), "{screen}");
    }
    t.send("\x1b");
    t.wait_gone("6 notices");
    t.send("q");
    t.wait_exit();
}
