//! Subtitle files on screen, drawn into ratatui's TestBackend: cue numbers,
//! timings and notes fold away so the captions read as a transcript, and
//! each timed turn shows its time in the gutter where the pane is wide
//! enough.

mod screen;
use plenary::app::{Action, AppState, Pane, Viewports, update};
use plenary::corpus::{Corpus, Document};
use screen::{draw, rows};

/// The screen as lines of text.
/// A state showing one document in the reader, focused.
fn reader(path: &str, text: &str) -> (AppState, Viewports) {
    let doc = Document::new(path, text.to_string());
    let mut state = AppState::new(Corpus::new(vec![doc], vec![]));
    let vp = Viewports::default();
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    (state, vp)
}

const SRT: &str = "1\n00:00:01,200 --> 00:00:03,400\n[Marguerite] Did you lock the door\nbefore we left the house?\n\n2\n00:00:03,500 --> 00:00:05,000\nI am sure I did.\n\n3\n00:00:05,500 --> 00:00:07,000\n[Teodor] I thought you did.\n\n4\n00:01:15,000 --> 00:01:17,000\nNOTE to self: buy a lock.\n";

fn screen_of(state: &AppState, vp: &mut Viewports, w: u16) -> String {
    rows(&draw(state, vp, w, 30)).join("\n")
}

#[test]
fn cue_numbers_and_timings_fold_away_and_z_shows_them() {
    let (mut state, mut vp) = reader("a.srt", SRT);
    let screen = screen_of(&state, &mut vp, 80);
    // The first cue's scaffolding is one fold row naming the key; the
    // others take no row at all.
    assert_eq!(
        screen.matches("of page furniture folded").count(),
        1,
        "{screen}"
    );
    for scaffolding in ["00:00:03,500 -->", "00:00:05,500 -->"] {
        assert!(!screen.contains(scaffolding), "{scaffolding}: {screen}");
    }
    let bare = |l: &str| {
        l.trim_matches(|c: char| c.is_whitespace() || "│┃▌".contains(c))
            .to_string()
    };
    for number in ["2", "3", "4"] {
        assert!(
            !screen.lines().any(|l| bare(l) == number),
            "cue {number}: {screen}"
        );
    }
    // The cues of one turn run together; a new turn keeps its blank line.
    let lines: Vec<&str> = screen.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("{s}: {screen}"))
    };
    assert_eq!(at("before we left") + 1, at("I am sure I did."), "{screen}");
    assert_eq!(at("I am sure I did.") + 2, at("[Teodor]"), "{screen}");
    update(&mut state, &vp, Action::ToggleFolds);
    let shown = screen_of(&state, &mut vp, 80);
    assert!(shown.contains("00:00:03,500 --> 00:00:05,000"), "{shown}");
    assert!(shown.lines().any(|l| bare(l) == "3"), "{shown}");
    assert!(!shown.contains("of page furniture folded"), "{shown}");
}

#[test]
fn webvtt_notes_fold_away_too() {
    let vtt = "WEBVTT\n\nNOTE Confidence: 0.93\n\n00:00.000 --> 00:03.200\nso today we look at the budget\n\nNOTE Confidence: 0.88\n\n00:03.200 --> 00:06.900\nfor the parks department\n";
    let (state, mut vp) = reader("m.vtt", vtt);
    let screen = screen_of(&state, &mut vp, 80);
    assert!(!screen.contains("Confidence: 0.88"), "{screen}");
    assert!(!screen.contains("00:03.200 -->"), "{screen}");
    assert!(
        screen.contains("so today we look at the budget"),
        "{screen}"
    );
    assert!(screen.contains("for the parks department"), "{screen}");
}

#[test]
fn caption_entities_show_decoded_and_name_the_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let srt = "1\n00:00:01,000 --> 00:00:03,000\n&gt;&gt; Sam: Welcome to the Ochoa &amp; Sons orchard.\n\n2\n00:00:03,500 --> 00:00:05,000\n&gt;&gt; Lupe: Thanks for coming out, Sam.\n";
    let path = dir.path().join("farm.srt");
    std::fs::write(&path, srt).unwrap();
    let corpus = plenary::corpus::load_paths(std::slice::from_ref(&path));
    let doc = &corpus.docs[0];
    assert!(
        doc.text
            .contains(">> Sam: Welcome to the Ochoa & Sons orchard.")
    );
    let speakers: Vec<&str> = doc.speakers.turns.iter().map(|t| &*t.speaker).collect();
    assert_eq!(speakers, ["Sam", "Lupe"]);
    // Read again (a restart): the same text, so annotation anchors hold.
    let again = plenary::corpus::load_paths(std::slice::from_ref(&path));
    assert_eq!(again.docs[0].text, doc.text);
    let mut state = AppState::new(corpus);
    let mut vp = Viewports::default();
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    let screen = screen_of(&state, &mut vp, 80);
    assert!(
        screen.contains(">> Sam: Welcome to the Ochoa & Sons"),
        "{screen}"
    );
    assert!(
        !screen.contains("&gt;") && !screen.contains("&amp;"),
        "{screen}"
    );
}

/// The first row below the pane's title holding `needle`.
fn row_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .skip(1)
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle}: {screen}"))
}

#[test]
fn each_turn_shows_its_time_at_its_first_row() {
    let (state, mut vp) = reader("a.srt", SRT);
    let screen = screen_of(&state, &mut vp, 80);
    assert!(
        row_with(&screen, "[Marguerite] Did you").contains("00:01 ▌ [Marguerite]"),
        "{screen}"
    );
    assert!(
        row_with(&screen, "[Teodor] I thought").contains("00:05 ▌ [Teodor]"),
        "{screen}"
    );
    // Rows that do not open a turn keep the column empty.
    let cont = row_with(&screen, "before we left");
    assert!(cont.contains("┃      ▌ before we left"), "{screen}");
    // A narrow pane drops the times, keeping the bar.
    let narrow = rows(&draw(&state, &mut vp, 50, 30)).join("\n");
    let row = row_with(&narrow, "[Marguerite]");
    assert!(!row.contains("00:01"), "{narrow}");
    assert!(row.contains("┃▌ [Marguerite]"), "{narrow}");
}

#[test]
fn times_past_the_hour_show_the_hour() {
    let text = "Council budget hearing, afternoon session\n\n[00:59:58] Ana Ruiz: We will take a short break.\n\n[01:12:04] Bo Lind: We are back, and the next item is the parks budget.\n\n[01:15:40] Ana Ruiz: Thank you. Questions from members, please.\n";
    let (state, mut vp) = reader("hearing.txt", text);
    assert!(state.corpus.docs[0].speakers.is_transcript);
    let screen = screen_of(&state, &mut vp, 80);
    assert!(
        row_with(&screen, "Bo Lind: We are back").contains("┃ 1:12:04 ▌ [01:12:04] Bo Lind"),
        "{screen}"
    );
    assert!(
        row_with(&screen, "We will take a short").contains("┃ 0:59:58 ▌ [00:59:58] Ana Ruiz"),
        "{screen}"
    );
    // A transcript without times has no time column.
    let plain =
        "JANE DOE: Hello there, everyone.\n\nJOHN ROE: Hello, Jane.\n\nJANE DOE: Let us begin.\n";
    let (state, mut vp) = reader("plain.txt", plain);
    let screen = screen_of(&state, &mut vp, 80);
    assert!(
        row_with(&screen, "JOHN ROE:").contains("┃▌ JOHN ROE:"),
        "{screen}"
    );
}

#[test]
fn webvtt_cue_tags_are_dimmed_as_markup_and_the_text_is_unchanged() {
    use ratatui::style::Modifier;
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ines Varga>Welcome, <i>everyone</i>.</v>\n\n00:00:04.500 --> 00:00:08.000\n<v.loud Bo Lind>The <00:00:05.000><c.yellow>timetable</c> changes.\n";
    let (state, mut vp) = reader("briefing.vtt", vtt);
    let doc = &state.corpus.docs[0];
    assert_eq!(&*doc.text, vtt, "the text is the file's");
    assert!(doc.speakers.is_transcript);
    assert_eq!(doc.speakers.turns.len(), 2);
    let t = draw(&state, &mut vp, 100, 30);
    let screen = rows(&t);
    let buf = t.backend().buffer();
    // The style of each character of `needle` where the screen shows it.
    let dim_of = |needle: &str| -> Vec<bool> {
        let (y, row) = screen
            .iter()
            .enumerate()
            .find(|(_, r)| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not shown:\n{}", screen.join("\n")));
        let x = row[..row.find(needle).unwrap()].chars().count();
        (x..x + needle.chars().count())
            .map(|x| {
                buf[(x as u16, y as u16)]
                    .style()
                    .add_modifier
                    .contains(Modifier::DIM)
            })
            .collect()
    };
    for tag in [
        "<v Ines Varga>",
        "<i>",
        "</i>",
        "</v>",
        "<v.loud Bo Lind>",
        "<00:00:05.000>",
        "<c.yellow>",
        "</c>",
    ] {
        assert!(
            dim_of(tag).iter().all(|&d| d),
            "{tag} not dimmed:\n{}",
            screen.join("\n")
        );
    }
    for words in ["Welcome,", "everyone", "timetable", "changes."] {
        assert!(
            dim_of(words).iter().all(|&d| !d),
            "{words} dimmed:\n{}",
            screen.join("\n")
        );
    }
}
