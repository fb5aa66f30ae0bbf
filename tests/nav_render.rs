//! The reader's instrument drawn into ratatui's TestBackend: the cursor
//! row and the document list as a navigator, at three sizes.

mod screen;
use plenary::app::{Action, AppState, Pane, Viewports, update};
use plenary::corpus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use screen::{draw, rows};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn type_text(state: &mut AppState, vp: &Viewports, text: &str) {
    for c in text.chars() {
        update(state, vp, Action::SearchInput(c));
    }
}

#[test]
fn the_list_filters_by_typing_counts_and_sorts_at_every_size() {
    for (w, h) in SIZES {
        let mut state = AppState::new(corpus::bundled());
        let mut vp = Viewports::default();
        draw(&state, &mut vp, w, h);
        update(&mut state, &vp, Action::Focus(Pane::List));
        update(&mut state, &vp, Action::StartEntityFilter);
        type_text(&mut state, &vp, "caravanserai");
        let screen = rows(&draw(&state, &mut vp, w, h)).join("\n");
        assert!(screen.contains("Documents 2/5"), "{w}×{h}:\n{screen}");
        assert!(screen.contains("/caravanserai▏"), "{w}×{h}:\n{screen}");
        assert!(
            !screen.contains("Kazakh Foreign Minister"),
            "{w}×{h}:\n{screen}"
        );
        assert!(screen.contains("Blinken in Astana"), "{w}×{h}:\n{screen}");
        // Enter opens the first match; the filter stays, said.
        update(&mut state, &vp, Action::SearchSubmit);
        assert_eq!(state.open, 3);
        update(&mut state, &vp, Action::Down(1));
        assert_eq!(state.open, 4, "j goes along the filtered list");
        update(&mut state, &vp, Action::Down(1));
        assert_eq!(state.open, 4, "and stops at its end");
        let screen = rows(&draw(&state, &mut vp, w, h)).join("\n");
        assert!(
            screen.contains("filter: caravanserai"),
            "{w}×{h}:\n{screen}"
        );
        // Esc clears the filter; s sorts, and the title says how.
        update(&mut state, &vp, Action::Cancel);
        assert!(state.list_filter.is_empty());
        update(&mut state, &vp, Action::SortDocuments);
        update(&mut state, &vp, Action::SortDocuments);
        let screen = rows(&draw(&state, &mut vp, w, h)).join("\n");
        assert!(
            screen.contains("Documents (5) by date"),
            "{w}×{h}:\n{screen}"
        );
        // By date: the one dated article comes first.
        let row_of = |t: &str| screen.lines().position(|l| l.contains(t));
        assert!(
            row_of("Blinken Voices") < row_of("Antony J. Blinken"),
            "{w}×{h}:\n{screen}"
        );
    }
}

#[test]
fn the_cursor_row_is_marked_and_moves_with_j_at_every_size() {
    for (w, h) in SIZES {
        let mut state = AppState::new(corpus::bundled());
        let mut vp = Viewports::default();
        draw(&state, &mut vp, w, h);
        let mark_row = |t: &Terminal<TestBackend>| {
            rows(t)
                .iter()
                .position(|r| r.contains('❯'))
                .expect("a cursor row")
        };
        let before = mark_row(&draw(&state, &mut vp, w, h));
        update(&mut state, &vp, Action::NextTurn);
        let t = draw(&state, &mut vp, w, h);
        let at = mark_row(&t);
        assert!(
            rows(&t)[at].contains("MODERATOR"),
            "{w}×{h}: {:#?}",
            rows(&t)
        );
        assert_eq!(at, before, "a turn jump puts the turn at the top");
        update(&mut state, &vp, Action::Down(2));
        let t = draw(&state, &mut vp, w, h);
        let at = mark_row(&t);
        assert!(at >= before + 2, "{w}×{h}: j moves the mark");
        // The row's background is the cursor's, past the text too.
        let buf = t.backend().buffer();
        let x = rows(&t)[at]
            .find('❯')
            .map(|i| rows(&t)[at][..i].chars().count())
            .unwrap() as u16;
        let bg = buf[(x + 3, at as u16)].bg;
        assert_ne!(bg, ratatui::style::Color::Reset, "{w}×{h}");
        assert_eq!(buf[(x + 3, at as u16 + 3)].bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn the_go_to_prompt_has_the_status_bar_at_every_size() {
    for (w, h) in [(40, 12), (80, 24), (120, 40), (200, 60)] {
        let mut state = AppState::new(corpus::bundled());
        let mut vp = Viewports::default();
        draw(&state, &mut vp, w, h);
        // On a question turn, where the status bar has much to say.
        update(&mut state, &vp, Action::GoToLine(24));
        update(&mut state, &vp, Action::StartGoTo);
        type_text(&mut state, &vp, "12");
        let screen = rows(&draw(&state, &mut vp, w, h));
        let status = screen.last().unwrap();
        assert!(status.contains(":12▏"), "{w}×{h}: {status}");
        update(&mut state, &vp, Action::SearchSubmit);
        let screen = rows(&draw(&state, &mut vp, w, h));
        let status = screen.last().unwrap();
        if w >= 80 {
            assert!(status.contains("line 12/59"), "{w}×{h}: {status}");
        }
    }
}

#[test]
fn go_to_percent_and_the_status_percentage_agree() {
    // QA: `50%` on the 59-line sample showed "49%" in the status bar.
    for (w, h) in SIZES {
        let mut state = AppState::new(corpus::bundled());
        let mut vp = Viewports::default();
        draw(&state, &mut vp, w, h);
        assert_eq!(state.doc().unwrap().line_count(), 59);
        update(&mut state, &vp, Action::Focus(Pane::Reader));
        for n in [10, 25, 50, 75, 100] {
            update(&mut state, &vp, Action::GoToPercent(n));
            let status = rows(&draw(&state, &mut vp, w, h)).pop().unwrap();
            assert!(
                status.contains(&format!(" {n}%")),
                "{n}% at {w}×{h}: {status}"
            );
        }
        // The top of the text is 0%, its last line 100%, wherever the view is.
        update(&mut state, &vp, Action::Top);
        let status = rows(&draw(&state, &mut vp, w, h)).pop().unwrap();
        assert!(status.contains("line 1/59 0%"), "{status}");
        update(&mut state, &vp, Action::Bottom);
        let status = rows(&draw(&state, &mut vp, w, h)).pop().unwrap();
        assert!(status.contains("line 59/59 100%"), "{status}");
    }
}
