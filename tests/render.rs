//! Each pane drawn into ratatui's TestBackend at two sizes, compared with
//! reviewed snapshots; styles checked cell by cell where they carry meaning.

mod screen;
use plenary::app::{Action, AppState, Pane, Viewports, update};
use plenary::corpus::{self, Corpus, Document};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use screen::{draw, rows};

fn bundled() -> (AppState, Viewports) {
    (AppState::new(corpus::bundled()), Viewports::default())
}

#[test]
fn three_panes_wide() {
    let (state, mut vp) = bundled();
    insta::assert_snapshot!(draw(&state, &mut vp, 120, 30).backend());
}

#[test]
fn one_pane_per_focus_when_narrow() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 80, 24);
    for pane in Pane::ALL {
        update(&mut state, &vp, Action::Focus(pane));
        let t = draw(&state, &mut vp, 80, 24);
        insta::assert_snapshot!(format!("narrow_{}", pane.name()), t.backend());
    }
}

#[test]
fn article_with_folded_chrome_and_outline() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 120, 30);
    update(&mut state, &vp, Action::Focus(Pane::List));
    update(&mut state, &vp, Action::Down(3));
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    update(&mut state, &vp, Action::Bottom);
    insta::assert_snapshot!(draw(&state, &mut vp, 120, 30).backend());
}

/// The screen as lines of text.
/// Text with borders and runs of spaces taken out, for "is this said".
fn words(s: &str) -> String {
    s.replace(['┃', '║', '│', '█'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn help_at_80x24_reaches_every_binding_by_scrolling() {
    let (mut state, mut vp) = bundled();
    update(&mut state, &vp, Action::ToggleHelp);
    let mut pages = Vec::new();
    loop {
        let t = draw(&state, &mut vp, 80, 24);
        let page = rows(&t);
        if pages.last() == Some(&page) {
            break;
        }
        if pages.is_empty() {
            insta::assert_snapshot!("help_80x24_first_page", t.backend());
        }
        pages.push(page);
        assert!(pages.len() < 20, "the help never ends");
        update(&mut state, &vp, Action::PageDown);
    }
    let t = draw(&state, &mut vp, 80, 24);
    insta::assert_snapshot!("help_80x24_last_page", t.backend());
    assert!(
        pages.len() > 2,
        "the help fits on one page: {}",
        pages.len()
    );
    let all = words(&pages.concat().join("\n"));
    for line in plenary::app::help::lines(&state.keymap) {
        if let plenary::app::help::HelpLine::Keys { keys, what, .. } = line {
            let said = format!("{keys} {what}");
            assert!(all.contains(&said), "{said:?} cannot be reached");
        }
    }
    // Every mode is there, and the last key of all.
    for heading in [
        "Reader",
        "Selecting text",
        "Note editor",
        "Typing a search",
        "This help",
    ] {
        assert!(all.contains(heading), "{heading}");
    }
    assert!(all.contains("q Ctrl-c quit"));
    // Back to the top, and closed.
    update(&mut state, &vp, Action::Top);
    assert_eq!(rows(&draw(&state, &mut vp, 80, 24)), pages[0]);
    update(&mut state, &vp, Action::Cancel);
    let closed = words(&rows(&draw(&state, &mut vp, 80, 24)).join("\n"));
    assert!(!closed.contains("Everywhere (normal mode)"));
}

#[test]
fn help_search_scrolls_to_the_line_and_n_goes_on() {
    let (mut state, mut vp) = bundled();
    update(&mut state, &vp, Action::ToggleHelp);
    let first = words(&rows(&draw(&state, &mut vp, 80, 24)).join("\n"));
    assert!(!first.contains("save the note"));
    update(&mut state, &vp, Action::StartSearch { backward: false });
    for c in "save the".chars() {
        update(&mut state, &vp, Action::SearchInput(c));
    }
    update(&mut state, &vp, Action::SearchSubmit);
    let found = words(&rows(&draw(&state, &mut vp, 80, 24)).join("\n"));
    assert!(found.contains("Ctrl-s save the note"), "{found}");
    // A key typed after the search is a help key again: j scrolls.
    update(&mut state, &vp, Action::StartSearch { backward: false });
    for c in "nothing like this".chars() {
        update(&mut state, &vp, Action::SearchInput(c));
    }
    let status = rows(&draw(&state, &mut vp, 80, 24)).pop().unwrap();
    assert!(status.contains("not in the help"), "{status}");
}

#[test]
fn too_small_asks_for_a_larger_terminal() {
    let (state, mut vp) = bundled();
    let t = draw(&state, &mut vp, 24, 5);
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("Enlarge"), "{text}");
}

#[test]
fn search_matches_are_highlighted_and_the_current_one_stands_out() {
    let text = "Title line\n\nThe body says alpha beta alpha gamma alpha, and ends here.\n";
    let doc = Document::new("t.txt", text.to_string());
    let mut state = AppState::new(Corpus {
        docs: vec![doc],
        ..Corpus::default()
    });
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 100, 20);
    update(&mut state, &vp, Action::StartSearch { backward: false });
    for c in "alpha".chars() {
        update(&mut state, &vp, Action::SearchInput(c));
    }
    update(&mut state, &vp, Action::SearchSubmit);
    update(&mut state, &vp, Action::SearchNext);
    let t = draw(&state, &mut vp, 100, 20);
    let buf = t.backend().buffer();
    // Find the body row in the reader and read the background of each "alpha".
    let (_, reader) = vp.panes.iter().find(|(p, _)| *p == Pane::Reader).unwrap();
    let cols = reader.x..reader.x + reader.width;
    let row_text = |y: u16| -> String {
        cols.clone()
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    };
    let y = (0..20)
        .find(|&y| row_text(y).contains("alpha beta"))
        .expect("body row drawn");
    let row = row_text(y);
    let xs: Vec<u16> = row
        .match_indices("alpha")
        .map(|(i, _)| reader.x + row[..i].chars().count() as u16)
        .collect();
    assert_eq!(xs.len(), 3);
    let bg = |x: u16| buf[(x, y)].bg;
    assert_eq!(bg(xs[0]), Color::Yellow);
    assert_eq!(bg(xs[1]), Color::LightRed, "n moved to the second match");
    assert_eq!(bg(xs[2]), Color::Yellow);
    assert!(
        ![Color::Yellow, Color::LightRed].contains(&bg(xs[0] + 6)),
        "text between matches is not marked as a match"
    );
    let status: String = (0..100)
        .map(|x| buf[(x, 19)].symbol().to_string())
        .collect();
    assert!(status.contains("/alpha 2/3"), "{status}");
}

#[test]
fn wide_and_combining_text_stays_inside_the_reader() {
    let text = "标题\n\n日本語の文章です。これは長い行で、端で折り返されるべきです。 e\u{301}cole 🎉 fin\n";
    let doc = Document::new("cjk.txt", text.to_string());
    let state = AppState::new(Corpus {
        docs: vec![doc],
        ..Corpus::default()
    });
    let mut vp = Viewports::default();
    let t = draw(&state, &mut vp, 100, 20);
    insta::assert_snapshot!(t.backend());
}

const TRANSCRIPT: &str = "Jane Roe, Minister of Health\nMODERATOR: Good morning and welcome to the briefing on the national plan.\nMINISTER ROE: Thank you. Today we publish the plan for hospitals. (Applause.)\nQUESTION: Minister, when will the plan reach the regions?\nMINISTER ROE: This week, in every region.\n";

fn transcript_state(color: bool) -> AppState {
    let doc = Document::new("briefing.txt", TRANSCRIPT.to_string());
    let mut state = AppState::new(Corpus::new(vec![doc], vec![]));
    state.color = color;
    state
}

/// The cell where `needle` starts in the reader, as (x, y).
fn find_cell(t: &Terminal<TestBackend>, needle: &str) -> (u16, u16) {
    let buf = t.backend().buffer();
    let area = buf.area;
    for y in 0..area.height {
        let row: Vec<String> = (0..area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let joined: String = row.concat();
        if let Some(i) = joined.find(needle) {
            return (joined[..i].chars().count() as u16, y);
        }
    }
    panic!("{needle} not on screen");
}

#[test]
fn speaker_labels_and_gutters_take_the_speakers_colour() {
    let state = transcript_state(true);
    let mut vp = Viewports::default();
    let t = draw(&state, &mut vp, 120, 20);
    let buf = t.backend().buffer();
    let (x, y) = find_cell(&t, "MINISTER ROE:");
    let (mx, my) = find_cell(&t, "MODERATOR:");
    let minister = buf[(x, y)].fg;
    let moderator = buf[(mx, my)].fg;
    assert!(matches!(minister, Color::Indexed(_)), "{minister:?}");
    assert_ne!(minister, moderator, "two speakers, two colours");
    assert_eq!(buf[(x - 2, y)].symbol(), "▌", "gutter bar on the turn");
    assert_eq!(buf[(x - 2, y)].fg, minister);
    // The second turn by the same speaker has the same colour.
    let (x2, y2) = find_cell(&t, "MINISTER ROE: This week");
    assert_eq!(buf[(x2, y2)].fg, minister);
    // Stage directions are dimmed.
    let (ax, ay) = find_cell(&t, "(Applause.)");
    assert!(
        buf[(ax, ay)]
            .modifier
            .contains(ratatui::style::Modifier::DIM)
    );
}

#[test]
fn without_colour_labels_are_bold_and_the_gutter_names_the_speaker() {
    let state = transcript_state(false);
    let mut vp = Viewports::default();
    let t = draw(&state, &mut vp, 120, 20);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset),
            "a colour under NO_COLOR: {cell:?}"
        );
    }
    let (x, y) = find_cell(&t, "MINISTER ROE:");
    assert!(
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
    assert_eq!(
        buf[(x - 2, y)].symbol(),
        "J",
        "initial of Jane Roe in the gutter"
    );
}

#[test]
fn speakers_tab_and_filtered_reader() {
    let mut state = transcript_state(true);
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 120, 20);
    update(&mut state, &vp, Action::Focus(Pane::Sidebar));
    update(&mut state, &vp, Action::NextTab);
    update(&mut state, &vp, Action::Activate);
    insta::assert_snapshot!(draw(&state, &mut vp, 120, 20).backend());
}

#[test]
fn chosen_entity_mentions_are_highlighted_in_the_reader() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 140, 40);
    update(&mut state, &vp, Action::Focus(Pane::Sidebar));
    update(&mut state, &vp, Action::NextTab);
    update(&mut state, &vp, Action::NextTab);
    update(&mut state, &vp, Action::StartEntityFilter);
    for c in "tokayev".chars() {
        update(&mut state, &vp, Action::SearchInput(c));
    }
    update(&mut state, &vp, Action::SearchSubmit);
    update(&mut state, &vp, Action::Activate);
    let t = draw(&state, &mut vp, 140, 40);
    let buf = t.backend().buffer();
    let (x, y) = find_cell(&t, "Kassym-Jomart Tokayev, in the course");
    assert!(
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    assert_eq!(buf[(x, y)].bg, Color::Indexed(23));
    let after = x + "Kassym-Jomart Tokayev".len() as u16 + 2;
    assert!(
        !buf[(after, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
}

#[test]
fn an_article_quotes_in_the_speakers_colour_the_same_as_in_the_transcript() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 140, 40);
    update(&mut state, &vp, Action::NextSameSpeaker);
    update(&mut state, &vp, Action::NextTurn);
    update(&mut state, &vp, Action::NextTurn);
    update(&mut state, &vp, Action::NextTurn);
    let t = draw(&state, &mut vp, 140, 40);
    let (x, y) = find_cell(&t, "SECRETARY BLINKEN:");
    let in_transcript = t.backend().buffer()[(x, y)].fg;
    update(&mut state, &vp, Action::Focus(Pane::List));
    update(&mut state, &vp, Action::Down(1));
    let t = draw(&state, &mut vp, 140, 40);
    let (x, y) = find_cell(&t, "We are watching compliance");
    let in_article = t.backend().buffer()[(x, y)].fg;
    assert!(matches!(in_article, Color::Indexed(_)), "{in_article:?}");
    assert_eq!(in_article, in_transcript, "one person, one colour");
    // The words outside the quotation are not coloured.
    let (x, y) = find_cell(&t, "pledged support");
    assert_eq!(t.backend().buffer()[(x, y)].fg, Color::Reset);
}

#[test]
fn a_click_on_the_timeline_goes_to_that_point_of_the_conversation() {
    let (mut state, mut vp) = bundled();
    let screen = rows(&draw(&state, &mut vp, 120, 30));
    // The timeline is the reader's first row; click its middle.
    let (y, line) = screen
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains('▼'))
        .unwrap();
    let start = line.chars().position(|c| c == '▼').unwrap();
    let end = line
        .chars()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|c| *c == '▀')
        .unwrap();
    let x = (start + end) / 2;
    update(
        &mut state,
        &vp,
        Action::Click {
            x: x as u16,
            y: y as u16,
        },
    );
    let doc = state.doc().unwrap();
    let at = state.view().top as f64 / doc.text.len() as f64;
    assert!((0.4..0.6).contains(&at), "went to {at}");
    let status = rows(&draw(&state, &mut vp, 120, 30)).pop().unwrap();
    assert!(!status.contains("line 1/"), "{status}");
}

#[test]
fn a_count_typed_shows_in_the_status_bar_and_moves_that_many() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 120, 30);
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let AppState {
        keymap,
        pending,
        mode,
        ..
    } = &mut state;
    assert_eq!(keymap.resolve(pending, mode, Pane::Reader, &key('5')), None);
    let status = rows(&draw(&state, &mut vp, 120, 30)).pop().unwrap();
    assert!(status.trim_end().ends_with("5…"), "{status}");
    let AppState {
        keymap,
        pending,
        mode,
        ..
    } = &mut state;
    let a = keymap.resolve(pending, mode, Pane::Reader, &key('j'));
    assert_eq!(a, Some(Action::Down(5)));
    let status = rows(&draw(&state, &mut vp, 120, 30)).pop().unwrap();
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn hints_follow_the_users_keys() {
    let (mut state, mut vp) = bundled();
    let config = plenary::config::Config::parse(
        "[keys.visual]\n\"w\" = \"none\"\n\"e\" = \"none\"\n\"W\" = \"extend_word_forward\"\n\"ctrl-a\" = \"annotate\"\n\"a\" = \"none\"\n\"enter\" = \"none\"\n[keys.sidebar]\n\"f\" = \"none\"\n\"F\" = \"filter\"\n",
        "t.toml",
    )
    .unwrap();
    state.apply_config(config, vec![]);
    draw(&state, &mut vp, 120, 30);
    update(&mut state, &vp, Action::StartVisual);
    let hint = state.status.clone().unwrap().text;
    assert!(hint.contains(" W "), "{hint}");
    assert!(!hint.contains(" w "), "{hint}");
    let status = rows(&draw(&state, &mut vp, 120, 30)).pop().unwrap();
    assert!(status.contains("Ctrl-a annotate"), "{status}");
    update(&mut state, &vp, Action::Cancel);
    update(&mut state, &vp, Action::Focus(Pane::Sidebar));
    update(&mut state, &vp, Action::NextTab);
    update(&mut state, &vp, Action::NextTab);
    let screen = rows(&draw(&state, &mut vp, 120, 30)).join("\n");
    assert!(screen.contains("F: filter"), "{screen}");
}

#[test]
fn the_entities_and_notes_filters_are_kept_apart() {
    let (mut state, vp) = bundled();
    update(&mut state, &vp, Action::Focus(Pane::Sidebar));
    update(&mut state, &vp, Action::StartEntityFilter);
    for c in "astana".chars() {
        update(&mut state, &vp, Action::SearchInput(c));
    }
    update(&mut state, &vp, Action::SearchSubmit);
    assert_eq!(state.entity_filter, "astana");
    update(&mut state, &vp, Action::NextTab);
    assert_eq!(state.tab, plenary::app::SidebarTab::Notes);
    update(&mut state, &vp, Action::StartEntityFilter);
    update(&mut state, &vp, Action::SearchInput('#'));
    assert_eq!(state.notes_filter, "#");
    update(&mut state, &vp, Action::Cancel);
    assert_eq!(state.notes_filter, "");
    assert_eq!(state.entity_filter, "astana", "the other filter stays");
}

#[test]
fn the_help_draws_at_any_size_and_scrolls_to_its_end() {
    let (mut state, mut vp) = bundled();
    update(&mut state, &vp, Action::ToggleHelp);
    for (w, h) in [(30, 6), (40, 10), (61, 13), (200, 60), (80, 24)] {
        update(&mut state, &vp, Action::Top);
        draw(&state, &mut vp, w, h);
        update(&mut state, &vp, Action::Bottom);
        let screen = words(&rows(&draw(&state, &mut vp, w, h)).join("\n"));
        if h > 8 {
            assert!(screen.contains("A number before"), "{w}×{h}: {screen}");
        }
    }
}

#[test]
fn at_120_columns_tabs_word_counts_and_share_bars_all_show() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 120, 40);
    update(&mut state, &vp, Action::Focus(Pane::Sidebar));
    let side = |t: &Terminal<TestBackend>| -> Vec<String> {
        rows(t)
            .iter()
            .map(|r| r.chars().skip(90).collect::<String>())
            .collect()
    };
    // Every tab in turn: the strip is never cut and the active tab shows.
    for (tab, label) in [
        ("Outline", "Outline"),
        ("Speakers", "Speakers"),
        ("Entities", "Entities"),
        ("Notes", "Notes"),
    ] {
        let t = draw(&state, &mut vp, 120, 40);
        let strip = &side(&t)[1];
        assert!(strip.contains(label), "{tab}: {strip:?}");
        assert!(
            strip
                .trim_end_matches(['│', '║', '┃', ' '])
                .ends_with("Notes"),
            "the last tab is whole: {strip:?}"
        );
        update(&mut state, &vp, Action::NextTab);
    }
    // The document list keeps each document's word count.
    let t = draw(&state, &mut vp, 120, 40);
    let list: Vec<String> = rows(&t)
        .iter()
        .map(|r| r.chars().take(30).collect())
        .collect();
    let counts = list.iter().filter(|r| r.contains(" words")).count();
    assert_eq!(counts, state.corpus.docs.len(), "{list:#?}");
    // The Speakers tab of the transcript draws a share bar for each speaker.
    update(&mut state, &vp, Action::NextTab);
    let t = draw(&state, &mut vp, 120, 40);
    let bars = side(&t).iter().filter(|r| r.contains('█')).count();
    assert!(bars >= 3, "{:#?}", side(&t));
}

#[test]
fn one_folded_line_of_furniture_is_one_line() {
    let text = "Council votes to close the coal plant early\n\nThe council voted on Tuesday to close the plant two years early, after a long and heated debate.\n\nThe vote was close, and the mayor said the city would now look for new jobs for the workers of the plant.\n\nAdvertisement\n\nThe plant employs four hundred people and has burned coal since the early years of the last century.\n";
    let doc = Document::new("council.txt", text.to_string());
    let state = AppState::new(Corpus::new(vec![doc], vec![]));
    let mut vp = Viewports::default();
    let screen = rows(&draw(&state, &mut vp, 120, 30)).join("\n");
    assert!(
        screen.contains("▸ 1 line of page furniture folded"),
        "{screen}"
    );
}

#[test]
fn files_without_a_headline_are_named_by_their_path() {
    let docs = vec![
        Document::new(
            "project/src/ring_buffer.c",
            "/*\n * Ring buffer for the audio path.\n */\n#include <stdint.h>\n".to_string(),
        ),
        Document::new(
            "project/src/mixer.c",
            "/*\n * Mixer.\n */\nint gain;\n".to_string(),
        ),
    ];
    let state = AppState::new(Corpus::new(docs, vec![]));
    let mut vp = Viewports::default();
    let screen = rows(&draw(&state, &mut vp, 120, 30));
    let list: Vec<String> = screen
        .iter()
        .map(|r| r.chars().take(30).collect())
        .collect();
    assert!(
        list.iter().any(|r| r.contains("ring_buffer.c")),
        "{list:#?}"
    );
    assert!(list.iter().any(|r| r.contains("mixer.c")), "{list:#?}");
    assert!(!list.iter().any(|r| r.contains("/*")), "{list:#?}");
    assert!(
        screen[0].contains("2 project/src/ring_buffer.c"),
        "the reader names the file: {}",
        screen[0]
    );
}

#[test]
fn every_skipped_file_can_be_read_in_the_notices_view() {
    let notices: Vec<String> = (1..=130)
        .map(|i| format!("scans/page-{i:03}.pdf: not text (binary), skipped"))
        .collect();
    let doc = Document::new("a.txt", "A short note about the harbour.\n".to_string());
    let mut state = AppState::new(Corpus::new(vec![doc], notices));
    let mut vp = Viewports::default();
    let screen = rows(&draw(&state, &mut vp, 140, 30)).join("\n");
    assert!(screen.contains("(and 129 more: ! lists them)"), "{screen}");
    update(&mut state, &vp, Action::ShowNotices);
    let screen = rows(&draw(&state, &mut vp, 100, 30)).join("\n");
    assert!(screen.contains("Notices"), "{screen}");
    assert!(screen.contains("130 notices"), "{screen}");
    assert!(
        screen.contains("scans/page-001.pdf: not text (binary), skipped"),
        "{screen}"
    );
    update(&mut state, &vp, Action::Bottom);
    let screen = rows(&draw(&state, &mut vp, 100, 30)).join("\n");
    assert!(screen.contains("scans/page-130.pdf"), "{screen}");
    update(&mut state, &vp, Action::Cancel);
    let screen = rows(&draw(&state, &mut vp, 100, 30)).join("\n");
    assert!(!screen.contains("scans/page-130.pdf"), "{screen}");
}
