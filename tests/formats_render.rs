//! Formats and the reading width, drawn into ratatui's TestBackend.

mod screen;
use plenary::app::{Action, AppState, Viewports, update};
use plenary::corpus::{Corpus, Document};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use screen::{draw, rows};

fn state_of(path: &str, text: &str) -> AppState {
    AppState::new(Corpus::new(vec![Document::new(path, text)], Vec::new()))
}

/// Long paragraphs of ordinary prose, each a line of its own.
fn prose() -> String {
    let sentence = "The committee met on Thursday to hear the harbour master explain why the dredging had been delayed again. ";
    let mut text = String::from("Harbour dredging delayed again\n\n");
    for _ in 0..6 {
        text.push_str(&sentence.repeat(4));
        text.push_str("\n\n");
    }
    text
}

/// The columns (in cells) of the reader pane's text on screen: first and
/// last non-blank cell over the rows holding prose, and the pane's
/// borders.
fn text_columns(screen: &[String]) -> (usize, usize, usize, usize) {
    let (mut first, mut last) = (usize::MAX, 0);
    let (mut left, mut right) = (0, 0);
    for row in screen.iter() {
        let cells: Vec<char> = row.chars().collect();
        let borders: Vec<usize> = (0..cells.len()).filter(|&i| cells[i] == '┃').collect();
        let [l, r] = borders[..] else {
            continue;
        };
        if !cells[l + 1..r].iter().any(|c| c.is_alphabetic()) {
            continue;
        }
        (left, right) = (l, r);
        let inside = &cells[l + 1..r];
        let a = inside.iter().position(|c| !c.is_whitespace()).unwrap() + l + 1;
        let b = inside.iter().rposition(|c| !c.is_whitespace()).unwrap() + l + 1;
        first = first.min(a);
        last = last.max(b);
    }
    (left, right, first, last)
}

#[test]
fn at_200_columns_the_text_is_at_most_100_wide_and_centred() {
    let state = state_of("harbour.txt", &prose());
    let mut vp = Viewports::default();
    let screen = rows(&draw(&state, &mut vp, 200, 60));
    let (left, right, first, last) = text_columns(&screen);
    let width = last - first + 1;
    assert!(right - left > 110, "a wide reader pane: {left}..{right}");
    assert!(
        (90..=100).contains(&width),
        "text {width} wide:\n{}",
        screen.join("\n")
    );
    // Centred: as much room on either side, give or take the gutter and
    // the scroll bar.
    let (before, after) = (first - left, right - last);
    assert!(before.abs_diff(after) <= 4, "{before} left, {after} right");
    assert_eq!(vp.reader_cols, 100, "wrap uses the text width");
}

#[test]
fn max_width_zero_uses_the_whole_pane() {
    let mut state = state_of("harbour.txt", &prose());
    state.max_width = 0;
    let mut vp = Viewports::default();
    let screen = rows(&draw(&state, &mut vp, 200, 60));
    let (left, right, first, last) = text_columns(&screen);
    assert!(last - first + 1 > 100, "{first}..{last}");
    assert!(first - left <= 3, "text starts after the gutter");
    assert!(right - last <= 12, "and runs on to the right");
}

#[test]
fn a_click_on_centred_text_lands_on_the_word_under_the_pointer() {
    let mut state = state_of("harbour.txt", &prose());
    let mut vp = Viewports::default();
    let screen = rows(&draw(&state, &mut vp, 200, 60));
    update(&mut state, &vp, Action::Focus(plenary::app::Pane::Reader));
    let y = screen.iter().position(|r| r.contains("committee")).unwrap();
    let col = screen[y]
        .chars()
        .collect::<Vec<_>>()
        .windows(9)
        .position(|w| w.iter().collect::<String>() == "committee")
        .unwrap();
    update(
        &mut state,
        &vp,
        Action::Click {
            x: col as u16 + 2,
            y: y as u16,
        },
    );
    let doc = &state.corpus.docs[0];
    let at = state.view().cursor;
    assert!(
        doc.text[..at].ends_with("The co") || doc.text[at..].starts_with("mmittee"),
        "cursor at {:?}",
        &doc.text[at.saturating_sub(10)..at + 10]
    );
}

/// The cells of the reader from the first place `needle` is shown in it.
fn cells_at<'a>(
    t: &'a Terminal<TestBackend>,
    needle: &str,
) -> impl Iterator<Item = &'a ratatui::buffer::Cell> {
    let buf = t.backend().buffer();
    let screen = rows(t);
    let n = needle.chars().count();
    let found = screen.iter().enumerate().find_map(|(y, row)| {
        let cells: Vec<char> = row.chars().collect();
        let borders: Vec<usize> = (0..cells.len()).filter(|&i| cells[i] == '┃').collect();
        let [l, r] = borders[..] else { return None };
        (l + 1..r.saturating_sub(n))
            .find(|&x| cells[x..x + n].iter().collect::<String>() == needle)
            .map(|x| (x, y))
    });
    let (x, y) =
        found.unwrap_or_else(|| panic!("{needle:?} not in the reader:\n{}", screen.join("\n")));
    (x..buf.area.width as usize).map(move |x| &buf[(x as u16, y as u16)])
}

const BRIEFING_MD: &str = "# Harbour briefing notes\n\nThe minister spoke **twice** about the `dredging` plan, see [the minutes](https://example.org/minutes/12).\n\n## Questions from the floor\n\nA resident asked about the ferry.\n";

#[test]
fn a_markdown_heading_is_bold_and_its_marks_dimmed_with_the_text_unchanged() {
    use ratatui::style::Modifier;
    let state = state_of("notes/briefing.md", BRIEFING_MD);
    assert_eq!(
        &*state.corpus.docs[0].text, BRIEFING_MD,
        "the text is the file's"
    );
    assert_eq!(state.corpus.docs[0].meta.title, "Harbour briefing notes");
    let mut vp = Viewports::default();
    let t = draw(&state, &mut vp, 120, 40);
    let row: Vec<_> = cells_at(&t, "## Questions").take(28).collect();
    let is = |c: &ratatui::buffer::Cell, m: Modifier| c.style().add_modifier.contains(m);
    assert!(
        is(row[0], Modifier::DIM) && is(row[1], Modifier::DIM),
        "## dimmed"
    );
    for c in &row[3..27] {
        assert!(is(c, Modifier::BOLD), "heading bold: {:?}", c.symbol());
        assert!(
            !is(c, Modifier::DIM),
            "heading text not dimmed: {:?}",
            c.symbol()
        );
    }
    // Strong text is bold with its ** dimmed; backticks and the link's URL
    // are dimmed, the words are not.
    let line: Vec<_> = cells_at(&t, "**twice**").take(9).collect();
    assert!(is(line[0], Modifier::DIM) && is(line[8], Modifier::DIM));
    assert!(
        line[2..7]
            .iter()
            .all(|c| is(c, Modifier::BOLD) && !is(c, Modifier::DIM))
    );
    let tick = cells_at(&t, "`dredging`").next().unwrap();
    assert!(is(tick, Modifier::DIM));
    let url = cells_at(&t, "(https://").nth(3).unwrap();
    assert!(is(url, Modifier::DIM));
    let words = cells_at(&t, "minutes]").next().unwrap();
    assert!(!is(words, Modifier::DIM));
}

#[test]
fn the_same_text_in_a_plain_file_is_not_styled_as_markdown() {
    use ratatui::style::Modifier;
    let state = state_of("notes/briefing.txt", BRIEFING_MD);
    let mut vp = Viewports::default();
    let t = draw(&state, &mut vp, 120, 40);
    let star = cells_at(&t, "**twice**").next().unwrap();
    assert!(!star.style().add_modifier.contains(Modifier::DIM));
}

#[test]
fn bold_speaker_labels_in_markdown_are_still_speaker_turns() {
    let text = "# Podcast episode 12: the harbour\n\n**Jane Doe:** Welcome back to the show, today we talk about the harbour.\n\n**Sam Roe:** Thanks for having me, it has been a long year for the port.\n\n**Jane Doe:** Let us start with the dredging.\n\n**Sam Roe:** The dredging is late, and the ferries are waiting.\n";
    let state = state_of("episode.md", text);
    let doc = &state.corpus.docs[0];
    assert!(doc.speakers.is_transcript);
    let who: Vec<_> = doc.speakers.turns.iter().map(|t| &*t.speaker).collect();
    assert_eq!(who, ["Jane Doe", "Sam Roe", "Jane Doe", "Sam Roe"]);
    assert!(!doc.markup.dim.is_empty());
}
