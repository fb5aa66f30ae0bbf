//! A click selects what is drawn where the pointer is: every row of the
//! document list, of each sidebar tab and of the reader, at several
//! terminal sizes and scroll positions (render tests on TestBackend; the
//! clicks go through `update` as the terminal's would).

use plenary::app::{
    Action, AppState, Pane, SidebarTab, StoreWorker, Viewports, entity_groups, update,
};
use plenary::corpus::{self, Corpus, Document};
use plenary::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 4] = [(120, 30), (100, 24), (80, 24), (160, 50)];

fn draw(state: &AppState, vp: &mut Viewports, (w, h): (u16, u16)) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(f, state, vp)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

fn pane(vp: &Viewports, p: Pane) -> Rect {
    vp.panes.iter().find(|(q, _)| *q == p).unwrap().1
}

/// The text of row `y` between the pane's borders.
fn cells(screen: &[String], rect: Rect, y: u16) -> String {
    screen[usize::from(y)]
        .chars()
        .skip(usize::from(rect.x) + 1)
        .take(usize::from(rect.width.saturating_sub(2)))
        .collect()
}

/// The first characters of an entry's text, as a row shows it.
fn head(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(8)
        .collect()
}

/// What entry `i` of the sidebar tab says.
fn entry_text(state: &AppState, i: usize) -> String {
    let doc = state.doc().unwrap();
    match state.tab {
        SidebarTab::Outline => doc.structure.outline[i].text.clone(),
        SidebarTab::Speakers => doc.speaker_stats[i].speaker.clone(),
        SidebarTab::Entities => entity_groups(doc, &state.entity_filter)[i]
            .canonical
            .clone(),
        SidebarTab::Notes => {
            let e = &state
                .notebook
                .entries(state.open, state.notes_all, &state.notes_filter)[i];
            state
                .notebook
                .get(&e.id)
                .unwrap()
                .target
                .quote
                .exact
                .clone()
        }
    }
}

fn entries(state: &AppState) -> usize {
    let doc = state.doc().unwrap();
    match state.tab {
        SidebarTab::Outline => doc.structure.outline.len(),
        SidebarTab::Speakers => doc.speaker_stats.len(),
        SidebarTab::Entities => entity_groups(doc, &state.entity_filter).len(),
        SidebarTab::Notes => state
            .notebook
            .entries(state.open, state.notes_all, &state.notes_filter)
            .len(),
    }
}

/// Clicks every row of the sidebar's `tab`, from the top of the list and
/// scrolled to its end, and checks that the entry selected is drawn on the
/// row clicked (or, for two-row entries, on the row above).
fn click_every_sidebar_row(state: &mut AppState, tab: SidebarTab, size: (u16, u16)) {
    let two_rows = matches!(tab, SidebarTab::Speakers | SidebarTab::Notes);
    let n = entries(state);
    assert!(n >= 3, "{tab:?} needs entries to click: {n}");
    let mut vp = Viewports::default();
    let mut selected = std::collections::HashSet::new();
    for start in [0, n - 1] {
        let reset = |state: &mut AppState| {
            state.tab = tab;
            state.focus = Pane::Sidebar;
            state.sidebar_selected = start;
            state.entity = None;
            state.views[state.open] = Default::default();
        };
        reset(state);
        let screen = draw(state, &mut vp, size);
        let rect = pane(&vp, Pane::Sidebar);
        for y in rect.y + 1..rect.bottom() - 1 {
            reset(state);
            draw(state, &mut vp, size);
            update(state, &vp, Action::Click { x: rect.x + 2, y });
            let i = state.sidebar_selected;
            if state.tab != tab {
                // The tab strip: another tab (see clicking_a_tab_shows_it).
                assert_eq!(y, rect.y + 1, "{size:?} {tab:?}");
                continue;
            }
            if i == start {
                continue;
            }
            selected.insert(i);
            let want = head(&entry_text(state, i));
            let here = cells(&screen, rect, y);
            let above = cells(&screen, rect, y - 1);
            let ok = here.contains(&want) || (two_rows && above.contains(&want));
            assert!(
                ok,
                "{size:?} {tab:?} from {start}: row {y} {here:?} selected entry {i} {want:?}"
            );
        }
    }
    assert!(
        selected.len() >= 2,
        "{size:?} {tab:?}: clicks selected {selected:?}"
    );
}

/// Annotates paragraphs of a document, so the Notes tab has entries.
fn with_notes(state: &mut AppState, store: &mut StoreWorker, paragraphs: &[usize]) {
    let vp = Viewports::default();
    for &p in paragraphs {
        let doc = state.doc().unwrap();
        let at = doc.text.match_indices("Paragraph").nth(p).unwrap().0;
        state.views[state.open].cursor = at;
        state.views[state.open].top = at;
        update(state, &vp, Action::AnnotateParagraph);
        update(state, &vp, Action::EditorSave);
        store.settle(state);
        assert!(
            state.status.as_ref().is_some_and(|s| !s.error),
            "{:?}",
            state.status
        );
    }
}

fn paragraphs(n: usize, skip: Option<usize>) -> String {
    const SAID: [&str; 14] = [
        "the minister arrived late on Tuesday evening",
        "trade figures for the quarter were released",
        "a delegation from the northern provinces asked about water",
        "questions turned to the pipeline and its financing",
        "nobody mentioned the harvest, oddly enough",
        "the ambassador declined to comment on sanctions",
        "reporters pressed for a date for the next round",
        "both sides praised the tone of the talks",
        "an interpreter corrected a figure mid-sentence",
        "the press office promised a full transcript by noon",
        "security in the hall was unusually relaxed",
        "a question about visas went unanswered",
        "the closing remarks thanked the host city",
        "cameras stayed for the handshake and little else",
    ];
    let mut text = String::from("Notes on the briefing\n\n");
    for (i, said) in SAID.iter().enumerate().take(n) {
        if Some(i) != skip {
            text.push_str(&format!("Paragraph {i}: {said}.\n\n"));
        }
    }
    text
}

#[test]
fn clicks_select_the_outline_speakers_and_entities_drawn() {
    let mut state = AppState::new(corpus::bundled());
    for size in SIZES {
        for tab in [SidebarTab::Speakers, SidebarTab::Entities] {
            click_every_sidebar_row(&mut state, tab, size);
        }
    }
    // An article has an outline long enough to click.
    let article = (0..state.corpus.docs.len())
        .max_by_key(|&d| state.corpus.docs[d].structure.outline.len())
        .unwrap();
    state.open = article;
    state.selected = article;
    for size in SIZES {
        click_every_sidebar_row(&mut state, SidebarTab::Outline, size);
    }
}

#[test]
fn clicks_select_the_notes_drawn_orphans_included() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Document::new("briefing.txt", paragraphs(14, None));
    let mut state = AppState::new(Corpus::new(vec![doc], vec![]));
    let mut store = state.open_notebook(Some(dir.path().to_path_buf())).unwrap();
    store.settle(&mut state);
    with_notes(&mut state, &mut store, &[1, 3, 4, 6, 8, 9, 11, 12]);
    store.finish(true);
    // The document changes: the note on paragraph 4 loses its text.
    let doc = Document::new("briefing.txt", paragraphs(14, Some(4)));
    let mut state = AppState::new(Corpus::new(vec![doc], vec![]));
    let mut store = state.open_notebook(Some(dir.path().to_path_buf())).unwrap();
    store.settle(&mut state);
    assert_eq!(state.notebook.entries(0, false, "").len(), 8);
    state.tab = SidebarTab::Notes;
    let mut vp = Viewports::default();
    let screen = draw(&state, &mut vp, (160, 50)).join("\n");
    assert!(screen.contains("Orphaned"), "{screen}");
    for size in SIZES {
        click_every_sidebar_row(&mut state, SidebarTab::Notes, size);
    }
}

#[test]
fn clicks_select_the_document_drawn() {
    let docs = (0..30)
        .map(|i| {
            Document::new(
                format!("d{i}.txt"),
                format!("Document number {i:02}\n\nSome text.\n"),
            )
        })
        .collect();
    let mut state = AppState::new(Corpus::new(docs, vec![]));
    for size in SIZES {
        let mut vp = Viewports::default();
        let mut chosen = std::collections::HashSet::new();
        for start in [0, 29] {
            let reset = |state: &mut AppState| {
                state.focus = Pane::List;
                state.selected = start;
                state.open = start;
            };
            reset(&mut state);
            let screen = draw(&state, &mut vp, size);
            let rect = pane(&vp, Pane::List);
            for y in rect.y + 1..rect.bottom() - 1 {
                reset(&mut state);
                draw(&state, &mut vp, size);
                update(&mut state, &vp, Action::Click { x: rect.x + 3, y });
                let i = state.selected;
                if i == start {
                    continue;
                }
                chosen.insert(i);
                assert_eq!(state.open, i);
                // Plain text is listed by its file name.
                let want = format!("d{i}.txt");
                let ok = cells(&screen, rect, y).contains(&want)
                    || cells(&screen, rect, y - 1).contains(&want);
                assert!(ok, "{size:?} from {start}: row {y} opened {want:?}");
            }
        }
        assert!(chosen.len() > 5, "{size:?}: {chosen:?}");
    }
}

/// Clicks the first text column of every row of the reader and checks that
/// the cursor lands on the text drawn there.
fn click_every_reader_row(state: &mut AppState, size: (u16, u16)) -> usize {
    let mut vp = Viewports::default();
    state.focus = Pane::Reader;
    let screen = draw(state, &mut vp, size);
    let rect = pane(&vp, Pane::Reader);
    let top = state.view().top;
    let mut checked = 0;
    for y in rect.y + 1..rect.bottom() - 1 {
        // Text starts after the gutter: find the first column that is text.
        let row: String = cells(&screen, rect, y);
        let text: String = row.chars().skip(2).collect();
        let shown = text.trim_end_matches(['║', '█', ' ']).to_string();
        let shown = shown.trim_end();
        // Blank rows, folds and the timeline are not text.
        if shown.is_empty() || shown.starts_with('▸') || shown.contains(['▼', '▀']) {
            continue;
        }
        if let Some(v) = state.view_mut() {
            v.top = top;
            v.cursor = usize::MAX;
        }
        update(state, &vp, Action::Click { x: rect.x + 3, y });
        let cursor = state.view().cursor;
        let doc = state.doc().unwrap();
        assert!(cursor <= doc.text.len(), "{size:?} row {y}: no cursor");
        let from: String = doc.text[cursor..]
            .chars()
            .take(shown.chars().count())
            .collect();
        let want = head(shown);
        assert!(
            head(&from).starts_with(&want),
            "{size:?} row {y} shows {shown:?}; the click put the cursor at {from:?}"
        );
        checked += 1;
    }
    if let Some(v) = state.view_mut() {
        v.top = top;
    }
    checked
}

#[test]
fn clicks_in_the_reader_put_the_cursor_on_the_text_drawn() {
    let mut state = AppState::new(corpus::bundled());
    // The transcript (with its timeline row) and an article, at the top,
    // in the middle and at the end (where the last page stops scrolling).
    for doc in [0, 1] {
        state.open = doc;
        for size in SIZES.into_iter().chain([(80, 7), (80, 9)]) {
            let mut vp = Viewports::default();
            draw(&state, &mut vp, size);
            for at in [Action::Top, Action::PageDown, Action::Bottom] {
                state.focus = Pane::Reader;
                update(&mut state, &vp, at);
                let n = click_every_reader_row(&mut state, size);
                assert!(n > 0, "{size:?}: nothing clicked");
            }
        }
    }
}

#[test]
fn clicking_a_tab_shows_it() {
    let mut state = AppState::new(corpus::bundled());
    let mut vp = Viewports::default();
    for size in SIZES {
        state.focus = Pane::Sidebar;
        let screen = draw(&state, &mut vp, size);
        let rect = pane(&vp, Pane::Sidebar);
        let y = rect.y + 1;
        for tab in SidebarTab::ALL {
            // Every tab is drawn, by its title or its short label.
            let x = screen[usize::from(y)]
                .chars()
                .collect::<Vec<_>>()
                .windows(3)
                .position(|w| {
                    let w: String = w.iter().collect();
                    w == tab.title()[..3] || w == tab.short_title()[..3]
                })
                .unwrap_or_else(|| panic!("{size:?}: no {tab:?} in {}", screen[usize::from(y)]));
            update(&mut state, &vp, Action::Click { x: x as u16 + 1, y });
            assert_eq!(state.tab, tab, "{size:?}");
            draw(&state, &mut vp, size);
        }
    }
}
