//! Action sequences on small documents, asserting the state.

use super::*;

mod basics {
    use super::*;
    use crate::corpus::{Corpus, Document};

    fn state(texts: &[&str]) -> AppState {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(format!("doc{i}.txt"), t.to_string()))
            .collect();
        AppState::new(Corpus {
            docs,
            ..Corpus::default()
        })
    }

    fn vp(rows: usize, cols: usize) -> Viewports {
        Viewports {
            reader_rows: rows,
            reader_cols: cols,
            list_rows: 10,
            sidebar_rows: 10,
            ..Viewports::default()
        }
    }

    /// Runs the searches queued off the UI thread to their end and takes
    /// in their news, as the event loop does.
    fn run_searches(s: &mut AppState, v: &Viewports) {
        for job in std::mem::take(&mut s.search_jobs) {
            if !s.search_live.contains(&job.id) {
                continue;
            }
            let running = crate::search::worker::start(job);
            for e in running.events.iter() {
                let done = matches!(e, crate::search::SearchEvent::Done { .. });
                apply_search(s, v, e);
                if done {
                    break;
                }
            }
        }
    }

    fn long_text(lines: usize) -> String {
        (0..lines).map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn reading_position_is_kept_per_document() {
        let (a, b) = (long_text(100), long_text(50));
        let mut s = state(&[&a, &b]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::PageDown);
        let top_a = s.view().top;
        assert!(top_a > 0);
        update(&mut s, &v, Action::Focus(Pane::List));
        update(&mut s, &v, Action::Down(1));
        assert_eq!((s.open, s.view().top), (1, 0));
        update(&mut s, &v, Action::Up(1));
        assert_eq!((s.open, s.view().top), (0, top_a));
    }

    /// A large file shows its head first: `G` pressed then goes on to the
    /// end of the whole text when it arrives, unless the reader moved.
    #[test]
    fn end_pressed_on_a_head_reaches_the_end_of_the_whole_text() {
        use crate::corpus::{LoadEvent, Stage, structure::Structure};
        let whole = long_text(400);
        let head_len = whole.find("line 40\n").unwrap();
        for moved in [false, true] {
            let mut s = AppState::new(Corpus::default());
            let mut head = Document::read("big.txt", &whole[..head_len]);
            head.stage = Stage::Partial;
            s.apply_load(LoadEvent::Found(Box::new(head)));
            let v = vp(10, 40);
            update(&mut s, &v, Action::Bottom);
            assert!(s.view().top > 0 && s.view().top < head_len);
            if moved {
                update(&mut s, &v, Action::Up(3));
            }
            let before = s.view().top;
            s.apply_load(LoadEvent::Whole {
                id: 0,
                lines: Box::new(Structure::plain(&whole)),
                text: whole.as_str().into(),
            });
            let w = s.wrapped(40);
            let max_top = w.rows.len() - 10;
            let row = w.row_of(s.view().top).min(max_top);
            if moved {
                assert_eq!(s.view().top, before, "a reader who moved stays");
            } else {
                assert_eq!(row, max_top, "the last page of the whole text");
            }
        }
    }

    #[test]
    fn a_count_and_g_in_the_help_leave_the_document_where_it_is() {
        let mut s = state(&[&long_text(300)]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::ToggleHelp);
        for a in [
            Action::GoToLine(25),
            Action::Repeat {
                count: 1,
                action: Box::new(Action::GoToLine(40)),
                focus: Some(Pane::Reader),
            },
            Action::GoToPercent(50),
        ] {
            update(&mut s, &v, a);
            assert!(matches!(s.mode, Mode::Help(_)), "the help stays open");
            assert_eq!(
                (s.view().top, s.view().cursor),
                (0, 0),
                "the document stays"
            );
        }
    }

    #[test]
    fn scrolling_stops_at_the_last_page() {
        let mut s = state(&[&long_text(30)]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::Bottom);
        let w = s.wrapped(40);
        assert_eq!(w.row_of(s.view().top), 20);
        update(&mut s, &v, Action::Down(5));
        assert_eq!(w.row_of(s.view().top), 20);
        update(&mut s, &v, Action::Top);
        assert_eq!(s.view().top, 0);
    }

    #[test]
    fn a_large_document_is_laid_out_a_window_at_a_time_and_scrolls_end_to_end() {
        // Read, not analysed: the layout needs only the lines.
        let mut s = AppState::new(Corpus {
            docs: vec![Document::read("big.txt", long_text(200_000))],
            ..Corpus::default()
        });
        let v = vp(10, 40);
        let w = s.wrapped(40);
        assert!(!w.whole, "a 2 MB document is not laid out whole");
        assert!(w.rows.len() < 50_000, "{} rows laid out", w.rows.len());
        // G reaches the last page, whatever the window.
        update(&mut s, &v, Action::Bottom);
        let doc = s.doc().unwrap();
        let last = doc.line_count() - 1;
        assert_eq!(doc.line_of(s.view().top), last - 9);
        // Paging back up crosses window boundaries row by row.
        for _ in 0..2_000 {
            update(&mut s, &v, Action::PageUp);
        }
        let line = s.doc().unwrap().line_of(s.view().top);
        assert_eq!(
            line,
            last - 9 - 2_000 * 9,
            "a page is the screen less one row"
        );
        update(&mut s, &v, Action::Top);
        assert_eq!(s.view().top, 0);
        // A jump far down (search) lands on its match.
        update(&mut s, &v, Action::StartSearch { backward: false });
        for c in "line 150000\n".chars().take(11) {
            update(&mut s, &v, Action::SearchInput(c));
        }
        // A 2 MB document is searched in the background: the counter says
        // so until the search is over, and the match is then shown.
        assert!(s.search.as_ref().unwrap().counter().ends_with("⟳"));
        assert_eq!(s.search_jobs.len(), 1, "each key stops the search before");
        run_searches(&mut s, &v);
        assert_eq!(s.search.as_ref().unwrap().counter(), "1/1");
        update(&mut s, &v, Action::Activate);
        let at = s.doc().unwrap().line_of(s.view().top);
        assert!((149_990..=150_000).contains(&at), "top line {at}");
    }

    #[test]
    fn incremental_search_moves_and_escape_returns() {
        let mut s = state(&[&(long_text(60) + "needle here\n")]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::StartSearch { backward: false });
        for c in "need".chars() {
            update(&mut s, &v, Action::SearchInput(c));
        }
        assert!(s.view().top > 0, "the match is scrolled into view");
        assert_eq!(s.search.as_ref().unwrap().counter(), "1/1");
        update(&mut s, &v, Action::Cancel);
        assert_eq!(s.view().top, 0);
        assert!(s.search.is_none());
    }

    #[test]
    fn search_not_found_is_said() {
        let mut s = state(&["alpha beta"]);
        let v = vp(10, 40);
        update(&mut s, &v, Action::StartSearch { backward: false });
        update(&mut s, &v, Action::SearchInput('z'));
        update(&mut s, &v, Action::SearchSubmit);
        assert_eq!(s.status.as_ref().unwrap().text, "not found: z");
    }

    #[test]
    fn focus_cycles_through_three_panes() {
        let mut s = state(&["x"]);
        let v = vp(10, 40);
        assert_eq!(s.focus, Pane::Reader);
        update(&mut s, &v, Action::FocusNext);
        assert_eq!(s.focus, Pane::Sidebar);
        update(&mut s, &v, Action::FocusNext);
        assert_eq!(s.focus, Pane::List);
        update(&mut s, &v, Action::FocusPrev);
        assert_eq!(s.focus, Pane::Sidebar);
    }
}

mod turn_tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    const T: &str = "Minister Roe, Press Room\nMODERATOR: Welcome, everyone, to the briefing this morning.\nMINISTER ROE: Thank you. We have a plan for the roads.\nQUESTION: When will it start, and who pays for it?\nMINISTER ROE: Next spring, in every region of the country.\nMODERATOR: Thank you all for coming.\n";

    fn state() -> AppState {
        AppState::new(Corpus::new(
            vec![Document::new("t.txt", T.to_string())],
            vec![],
        ))
    }

    fn top_line(s: &AppState) -> usize {
        s.doc().unwrap().line_of(s.view().top)
    }

    #[test]
    fn next_and_previous_turn_and_same_speaker() {
        let mut s = state();
        let vp = Viewports {
            reader_rows: 2,
            reader_cols: 80,
            ..Viewports::default()
        };
        update(&mut s, &vp, Action::NextTurn);
        assert_eq!(top_line(&s), 1);
        update(&mut s, &vp, Action::NextTurn);
        assert_eq!(top_line(&s), 2);
        update(&mut s, &vp, Action::NextSameSpeaker);
        assert_eq!(
            top_line(&s),
            4,
            "skips the question to the minister's next turn"
        );
        update(&mut s, &vp, Action::PrevTurn);
        assert_eq!(top_line(&s), 3);
    }

    #[test]
    fn speaker_filter_folds_other_turns_and_escape_clears_it() {
        let mut s = state();
        let vp = Viewports {
            reader_rows: 20,
            reader_cols: 80,
            ..Viewports::default()
        };
        update(&mut s, &vp, Action::Focus(Pane::Sidebar));
        update(&mut s, &vp, Action::NextTab);
        assert_eq!(s.tab, SidebarTab::Speakers);
        let minister = s.doc().unwrap().speaker_stats[0].speaker.clone();
        assert!(minister.contains("Roe"), "{minister}");
        update(&mut s, &vp, Action::Activate);
        assert_eq!(s.view().speaker_filter.as_deref(), Some(minister.as_str()));
        let folded = s
            .wrapped(80)
            .rows
            .iter()
            .filter(|r| matches!(r.kind, crate::reflow::RowKind::Fold(_)))
            .count();
        assert_eq!(folded, 3, "moderator twice and the question fold");
        update(&mut s, &vp, Action::Cancel);
        assert_eq!(s.view().speaker_filter, None);
    }
}

mod bundled_turns {
    use super::*;

    #[test]
    fn next_turn_moves_in_the_bundled_transcript() {
        let mut s = AppState::new(crate::corpus::bundled());
        let vp = Viewports {
            reader_rows: 30,
            reader_cols: 66,
            ..Viewports::default()
        };
        let ev = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('J'),
            crossterm::event::KeyModifiers::SHIFT,
        );
        let a = s
            .keymap
            .resolve(&mut Default::default(), &s.mode, s.focus, &ev);
        assert_eq!(a, Some(Action::NextTurn));
        update(&mut s, &vp, Action::NextTurn);
        assert_eq!(s.doc().unwrap().line_of(s.view().top), 3, "{:?}", s.status);
    }
}
