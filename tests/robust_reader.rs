//! The reader never panics on what a document or a click can do: wide
//! characters under a selection, a document switched mid-selection.

mod screen;
use plenary::app::{Action, AppState, Mode, Pane, Viewports, update};
use plenary::corpus::{Corpus, Document};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use screen::draw;

fn corpus(texts: &[(&str, String)]) -> AppState {
    let docs = texts
        .iter()
        .map(|(p, t)| Document::new(*p, t.clone()))
        .collect();
    AppState::new(Corpus::new(docs, vec![]))
}

fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_selection_starting_on_a_wide_character_covers_that_character() {
    let mut state = corpus(&[("cjk.txt", "中文 text\n".to_string())]);
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 120, 20);
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    update(&mut state, &vp, Action::StartVisual);
    let t = draw(&state, &mut vp, 120, 20);
    let buf = t.backend().buffer();
    let (_, r) = *vp.panes.iter().find(|(p, _)| *p == Pane::Reader).unwrap();
    let (x, y) = (r.y + 1..r.bottom())
        .flat_map(|y| (r.x..r.right()).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "中")
        .expect("the text is shown");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "{}\n{:?}",
        screen(&t),
        (x, y)
    );
    assert!(!buf[(x + 2, y)].modifier.contains(Modifier::REVERSED));
    assert!(screen(&t).contains("0 characters selected"));
}

#[test]
fn a_selection_on_a_curly_apostrophe_found_by_search() {
    let mut state = corpus(&[("a.txt", "The minister’s answer was short.\n".to_string())]);
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 120, 20);
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    update(&mut state, &vp, Action::StartSearch { backward: false });
    update(&mut state, &vp, Action::SearchInput('’'));
    update(&mut state, &vp, Action::SearchSubmit);
    update(&mut state, &vp, Action::StartVisual);
    let t = draw(&state, &mut vp, 120, 20);
    assert!(screen(&t).contains("VISUAL"));
    update(&mut state, &vp, Action::Annotate);
    assert!(
        matches!(state.mode, Mode::Visual { anchor: 12 }),
        "one character is no note"
    );
}

#[test]
fn switching_documents_ends_the_selection() {
    let long: String = (0..400)
        .map(|i| format!("Paragraph {i} of the long transcript text.\n\n"))
        .collect();
    let mut state = corpus(&[
        ("a-long.txt", long),
        ("b-short.txt", "A short second document.\n".to_string()),
    ]);
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 120, 30);
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    update(&mut state, &vp, Action::Bottom);
    draw(&state, &mut vp, 120, 30);
    update(&mut state, &vp, Action::StartVisual);
    draw(&state, &mut vp, 120, 30);
    // Click the second document in the list.
    let (_, list) = *vp.panes.iter().find(|(p, _)| *p == Pane::List).unwrap();
    update(
        &mut state,
        &vp,
        Action::Click {
            x: list.x + 3,
            y: list.y + 3,
        },
    );
    assert_eq!(state.open, 1);
    assert!(matches!(state.mode, Mode::Normal));
    let t = draw(&state, &mut vp, 120, 30);
    assert!(screen(&t).contains("A short second document."));
    assert!(!screen(&t).contains("selected"));
}

#[test]
fn bidi_controls_and_joiners_never_reach_the_screen_buffer() {
    let text = "Title \u{202e}txet\u{202c}\n\nShe said \u{2066}this\u{2069} and Some\u{200d} text here \u{2764}\u{fe0f}.\n";
    let mut state = corpus(&[("bidi.txt", text.to_string())]);
    let mut vp = Viewports::default();
    for pane in [Pane::Reader, Pane::Sidebar, Pane::List] {
        update(&mut state, &vp, Action::Focus(pane));
        let t = draw(&state, &mut vp, 120, 20);
        let shown = screen(&t);
        for c in [
            '\u{202e}', '\u{202c}', '\u{2066}', '\u{2069}', '\u{200d}', '\u{fe0f}',
        ] {
            assert!(!shown.contains(c), "{c:?} reached the screen:\n{shown}");
        }
        assert!(shown.contains("She said \u{fffd}this\u{fffd} and Some text here"));
    }
}

#[test]
fn the_document_list_says_an_encoding_other_than_utf8() {
    let mut docs = vec![
        Document::new(
            "le.txt",
            "Remarks in Astana\n\nMODERATOR: Welcome.\n".to_string(),
        ),
        Document::new("plain.txt", "Plain notes\n\nNothing special.\n".to_string()),
    ];
    docs[0].encoding = Some("UTF-16LE");
    let state = AppState::new(Corpus::new(docs, vec![]));
    let mut vp = Viewports::default();
    let shown = screen(&draw(&state, &mut vp, 120, 20));
    let list: Vec<&str> = shown.lines().collect();
    assert!(list[2].contains("UTF-16LE"), "{shown}");
    assert!(
        !list[4].contains("UTF"),
        "UTF-8 is not remarked on:\n{shown}"
    );
}
