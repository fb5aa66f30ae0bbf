//! End to end in a pseudo-terminal: the corpus search (`F`) with its
//! results pane, Enter opening a match, `n` going on to the next
//! document; and a search of a large document running in the background.

mod common;
use common::Tui;

#[test]
fn corpus_search_lists_results_opens_a_match_and_n_crosses_documents() {
    let mut t = Tui::spawn(&["--no-cache"], 160, 40);
    // Every document listed first: the first frame may come before the
    // loading mark, and a search then would miss the corpus.
    t.wait_for("Documents (5)");
    t.wait_ready();
    t.send("F");
    t.wait_for("corpus:");
    t.send("speaker:blinken sanctions\r");
    // Grouped by document with counts: five of Blinken's turns in the
    // transcript, one quotation of his in the VOA article.
    let s = t.wait_for("6 matches in 2 documents");
    assert!(s.contains("(5)") && s.contains("(1)"), "{s}");
    assert!(s.contains("Antony Blinken"), "{s}");
    assert!(s.contains("The sanctions that dozens of countries"), "{s}");
    // Enter opens the transcript at the first match.
    t.send("\r");
    let s = t.wait_for("match 1/6 of the corpus search");
    assert!(!s.contains("Search the corpus"), "{s}");
    assert!(s.contains("The sanctions that dozens"), "{s}");
    assert!(s.contains("Secretary of State"), "{s}");
    // n goes on through the transcript, then to the article.
    t.send("nnnn");
    t.wait_for("match 5/6");
    t.send("n");
    let s = t.wait_for("match 6/6");
    assert!(s.contains("Blinken Voices Support"), "{s}");
    assert!(s.contains("compliance with sanctions"), "{s}");
    // N comes back to the transcript; F Enter shows the same results.
    t.send("N");
    t.wait_for("match 5/6");
    t.send("F\r");
    t.wait_for("6 matches in 2 documents");
    t.send("\x1b");
    t.wait_gone("Search the corpus");
    t.send("q");
}

#[test]
fn a_bad_corpus_query_says_why() {
    let mut t = Tui::spawn(&["--no-cache"], 120, 30);
    t.wait_for("Documents");
    t.send("Fkind:podcast x\r");
    t.wait_for("kind:podcast is not a kind");
    t.send("q");
}

#[test]
fn a_large_document_is_searched_in_the_background_and_the_match_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let line = "Filler words about nothing in particular, said again and again.\n";
    let mut text = line.repeat(3 << 20 >> 6);
    text.push_str("Here at last is the zanzibar line.\n");
    text.push_str(&line.repeat(1000));
    text.push_str("And a second zanzibar near the end.\n");
    std::fs::write(&path, text).unwrap();
    let mut t = Tui::spawn(&["--no-cache", path.to_str().unwrap()], 120, 30);
    t.wait_for("Filler words");
    t.send("/zanzibar");
    let s = t.wait_for("1/2");
    assert!(s.contains("Here at last is the zanzibar line."), "{s}");
    t.send("\rn");
    let s = t.wait_for("2/2");
    assert!(s.contains("And a second zanzibar near the end."), "{s}");
    t.send("q");
}
