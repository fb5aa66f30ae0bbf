//! The corpus search's results pane drawn into ratatui's TestBackend at
//! 80×24, 120×40 and 200×60: documents with their counts, hits with line,
//! speaker and the match highlighted, the selection kept on screen.

mod screen;
use plenary::app::{Action, AppState, Mode, Viewports, apply_search, update};
use plenary::corpus;
use plenary::search::SearchEvent;
use screen::{draw, rows};

/// Types `F query Enter` and runs the search to its end.
fn corpus_search(state: &mut AppState, vp: &Viewports, query: &str) {
    update(state, vp, Action::StartCorpusSearch);
    for c in query.chars() {
        update(state, vp, Action::SearchInput(c));
    }
    update(state, vp, Action::SearchSubmit);
    for job in std::mem::take(&mut state.search_jobs) {
        let running = plenary::search::worker::start(job);
        for e in running.events.iter() {
            let done = matches!(e, SearchEvent::Done { .. });
            apply_search(state, vp, e);
            if done {
                break;
            }
        }
    }
}

#[test]
fn results_are_grouped_by_document_with_counts_at_every_size() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut state = AppState::new(corpus::bundled());
        let mut vp = Viewports::default();
        draw(&state, &mut vp, w, h);
        corpus_search(&mut state, &vp, "speaker:blinken sanctions");
        assert!(matches!(state.mode, Mode::Results));
        let t = draw(&state, &mut vp, w, h);
        let r = rows(&t);
        let screen = r.join("\n");
        assert!(screen.contains("6 matches in 2 documents"), "{screen}");
        assert!(r.iter().any(|l| l.contains("(5)")), "{screen}");
        assert!(r.iter().any(|l| l.contains("(1)")), "{screen}");
        // The first hit is selected; every hit row names the speaker and
        // shows the match, highlighted.
        let selected: Vec<&String> = r.iter().filter(|l| l.contains('▶')).collect();
        assert_eq!(selected.len(), 1, "{screen}");
        assert!(selected[0].contains("27") && selected[0].contains("Antony Blinken"));
        let hit_rows = r.iter().filter(|l| l.contains("Antony Bli")).count();
        assert_eq!(hit_rows, 6, "{screen}");
        let buf = t.backend().buffer();
        let y = r.iter().position(|l| l.contains('▶')).unwrap() as u16;
        let line = &r[y as usize];
        let x = line.chars().collect::<Vec<_>>();
        let col =
            (0..x.len()).find(|&i| x[i..].iter().collect::<String>().starts_with("sanctions"));
        let col = col.expect("the match is on the selected row") as u16;
        let plain = buf[(1, y + 1)].style();
        assert_ne!(buf[(col, y)].style(), plain, "the match stands out");
    }
}

#[test]
fn the_selection_stays_on_screen_and_enter_opens_the_match() {
    let mut state = AppState::new(corpus::bundled());
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 80, 24);
    corpus_search(&mut state, &vp, "the");
    draw(&state, &mut vp, 80, 24);
    update(&mut state, &vp, Action::Bottom);
    let r = rows(&draw(&state, &mut vp, 80, 24));
    let search = state.corpus_search.as_ref().unwrap();
    assert!(search.kept() > 100);
    assert_eq!(search.selected, search.kept() - 1);
    assert!(r.iter().any(|l| l.contains('▶')), "{}", r.join("\n"));
    let hit = search.hit(search.selected).unwrap().clone();
    update(&mut state, &vp, Action::Activate);
    assert!(matches!(state.mode, Mode::Normal));
    assert_eq!(state.open, hit.doc);
    assert_eq!(state.flash, Some((hit.doc, hit.range.clone())));
    // n wraps round to the first hit, in the first document.
    update(&mut state, &vp, Action::SearchNext);
    let first = state
        .corpus_search
        .as_ref()
        .unwrap()
        .hit(0)
        .unwrap()
        .clone();
    assert_eq!(state.open, first.doc);
    assert_eq!(state.flash, Some((first.doc, first.range)));
}

#[test]
fn a_search_made_while_the_corpus_loads_runs_again_once_it_is_loaded() {
    let mut state = AppState::new(corpus::bundled());
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 120, 40);
    // Still loading: what is there is searched, and the pane says more
    // will come.
    state.loading = Some(plenary::app::Loading::default());
    corpus_search(&mut state, &vp, "speaker:blinken sanctions");
    let first = state.corpus_search.as_ref().unwrap().job;
    assert!(state.corpus_search.as_ref().unwrap().partial);
    let screen = rows(&draw(&state, &mut vp, 120, 40)).join("\n");
    assert!(screen.contains("runs again"), "{screen}");
    // Loaded: the same query runs again by itself, on everything.
    state.loading.as_mut().unwrap().finished = true;
    plenary::app::rerun_after_loading(&mut state);
    assert_eq!(state.search_jobs.len(), 1);
    for job in std::mem::take(&mut state.search_jobs) {
        let running = plenary::search::worker::start(job);
        for e in running.events.iter() {
            let done = matches!(e, SearchEvent::Done { .. });
            apply_search(&mut state, &vp, e);
            if done {
                break;
            }
        }
    }
    let s = state.corpus_search.as_ref().unwrap();
    assert_ne!(s.job, first);
    assert!(!s.partial && s.done);
    assert_eq!(s.total(), 6);
    let screen = rows(&draw(&state, &mut vp, 120, 40)).join("\n");
    assert!(!screen.contains("runs again"), "{screen}");
}

#[test]
fn the_corpus_match_counter_stays_in_the_status_bar_at_80_columns() {
    // QA: on a quotation at 80×24 the speaker and source notes took the
    // room, and the bar was cut inside the query, before "1/6".
    for (w, h) in [(80, 24), (120, 40)] {
        let mut state = AppState::new(corpus::bundled());
        let mut vp = Viewports::default();
        draw(&state, &mut vp, w, h);
        corpus_search(&mut state, &vp, "speaker:blinken sanctions");
        update(&mut state, &vp, Action::Activate);
        for want in ["1/6", "2/6", "3/6"] {
            let r = rows(&draw(&state, &mut vp, w, h));
            let status = r.last().unwrap();
            assert!(status.contains(want), "{w}×{h}: {status}");
            update(&mut state, &vp, Action::SearchNext);
        }
    }
}

#[test]
fn the_results_hints_name_the_primary_keys_enter_and_esc() {
    // README and help say Enter opens a match and Esc closes the pane; the
    // status bar said "l open … q close" (the one-character aliases).
    let mut state = AppState::new(corpus::bundled());
    let mut vp = Viewports::default();
    draw(&state, &mut vp, 120, 40);
    corpus_search(&mut state, &vp, "sanctions");
    assert!(matches!(state.mode, Mode::Results));
    let status = rows(&draw(&state, &mut vp, 120, 40)).pop().unwrap();
    assert!(status.contains("Enter open"), "{status}");
    assert!(status.contains("Esc close"), "{status}");
    assert!(
        !status.contains("l open") && !status.contains("q close"),
        "{status}"
    );
    // A key the user's config binds comes first: the hint names it.
    let config = plenary::config::Config::parse(
        "[keys.results]\n\"enter\" = \"none\"\n\"o\" = \"activate\"\n",
        "t.toml",
    )
    .unwrap();
    state.apply_config(config, vec![]);
    let status = rows(&draw(&state, &mut vp, 120, 40)).pop().unwrap();
    assert!(status.contains("o open"), "{status}");
}
