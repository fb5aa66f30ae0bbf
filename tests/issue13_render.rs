//! Issue 13 defects seen on screen, drawn into ratatui's TestBackend.

mod screen;
use plenary::app::{Action, AppState, Pane, SidebarTab, Viewports, update};
use plenary::corpus;
use screen::{draw, rows};

fn bundled() -> (AppState, Viewports) {
    (AppState::new(corpus::bundled()), Viewports::default())
}

/// The screen as lines of text.
fn open_tab(state: &mut AppState, vp: &Viewports, tab: SidebarTab) {
    update(state, vp, Action::Focus(Pane::Sidebar));
    for _ in 0..8 {
        if state.tab == tab {
            return;
        }
        update(state, vp, Action::NextTab);
    }
    panic!("no tab {tab:?}");
}

#[test]
fn talk_shares_add_up_to_a_hundred() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 200, 60);
    open_tab(&mut state, &vp, SidebarTab::Speakers);
    let screen = rows(&draw(&state, &mut vp, 200, 60));
    let re = regex::Regex::new(r"words · +(\d+)%").unwrap();
    let shares: Vec<usize> = screen
        .iter()
        .filter_map(|r| re.captures(r).map(|c| c[1].parse().unwrap()))
        .collect();
    assert!(shares.len() >= 3, "{screen:#?}");
    assert_eq!(shares.iter().sum::<usize>(), 100, "{shares:?}");
}

/// "also in N documents" names them all, or says how many more there are.
#[test]
fn also_in_says_how_many_more_it_does_not_list() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 200, 60);
    open_tab(&mut state, &vp, SidebarTab::Entities);
    let re = regex::Regex::new(r"also in (\d+) documents?").unwrap();
    let more = regex::Regex::new(r"\+(\d+) more").unwrap();
    let mut beyond_three = 0;
    for doc in 0..state.corpus.docs.len() {
        state.open = doc;
        for g in state.corpus.docs[doc].entity_groups.clone() {
            state.entity = Some(plenary::app::SelectedEntity {
                kind: g.kind,
                canonical: g.canonical.clone(),
                at: 0,
            });
            let screen = rows(&draw(&state, &mut vp, 200, 60));
            let Some(i) = screen.iter().position(|r| re.is_match(r)) else {
                panic!("no 'also in' for {}: {screen:#?}", g.canonical);
            };
            let n: usize = re.captures(&screen[i]).unwrap()[1].parse().unwrap();
            let listed = screen[i + 1..]
                .iter()
                .take_while(|r| r.contains("┃· "))
                .count()
                .min(n);
            let rest: usize = screen[i + 1..]
                .iter()
                .take(listed + 1)
                .find_map(|r| more.captures(r).map(|c| c[1].parse().unwrap()))
                .unwrap_or(0);
            assert_eq!(
                listed + rest,
                n,
                "{}: {:#?}",
                g.canonical,
                &screen[i..i + 6]
            );
            if n > 3 {
                beyond_three += 1;
            }
        }
    }
    assert!(
        beyond_three > 0,
        "no entity in more than three other documents"
    );
}

const SPEECH: &str = "Opening remarks on the budget, which we present today.\n\nA second paragraph on the harvest and the weather this year.\n";

fn reader_with_store(dir: &std::path::Path) -> (AppState, Viewports, plenary::app::StoreWorker) {
    let doc = corpus::Document::new("speech.txt", SPEECH.to_string());
    let mut state = AppState::new(corpus::Corpus::new(vec![doc], vec![]));
    let mut worker = state
        .open_notebook(Some(dir.to_path_buf()))
        .expect("a store thread");
    worker.settle(&mut state);
    (state, Viewports::default(), worker)
}

fn type_keys(state: &mut AppState, vp: &Viewports, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        update(state, vp, Action::EditorKey(key));
    }
}

#[test]
fn a_tag_written_in_the_note_is_shown_once_and_messages_stand_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut state, mut vp, mut worker) = reader_with_store(dir.path());
    draw(&state, &mut vp, 120, 30);
    update(&mut state, &vp, Action::AnnotateParagraph);
    type_keys(
        &mut state,
        &vp,
        "#opening the minister sets out the whole of the budget at length here",
    );
    update(&mut state, &vp, Action::EditorSave);
    worker.settle(&mut state);
    assert!(state.status.is_some(), "a message after saving");
    let screen = rows(&draw(&state, &mut vp, 120, 30));
    let status = screen.last().unwrap();
    assert_eq!(status.matches("#opening").count(), 1, "{status}");
    let message = &state.status.as_ref().unwrap().text;
    let at = status.find(message.as_str()).expect("the message is shown");
    assert!(
        status[..at].ends_with("  "),
        "the message runs into the note: {status}"
    );
    open_tab(&mut state, &vp, SidebarTab::Notes);
    let screen = rows(&draw(&state, &mut vp, 200, 30)).join("\n");
    assert_eq!(screen.matches("#opening").count(), 2, "{screen}");
}

fn type_filter(state: &mut AppState, vp: &Viewports, text: &str) {
    update(state, vp, Action::StartEntityFilter);
    for c in text.chars() {
        update(state, vp, Action::SearchInput(c));
    }
    update(state, vp, Action::SearchSubmit);
}

#[test]
fn esc_clears_a_confirmed_entities_or_notes_filter() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 120, 30);
    open_tab(&mut state, &vp, SidebarTab::Entities);
    type_filter(&mut state, &vp, "astana");
    let screen = rows(&draw(&state, &mut vp, 120, 30)).join("\n");
    assert!(screen.contains("filter: astana"), "{screen}");
    update(&mut state, &vp, Action::Cancel);
    let screen = rows(&draw(&state, &mut vp, 120, 30)).join("\n");
    assert!(!screen.contains("filter: astana"), "{screen}");
    assert_eq!(state.entity_filter, "");
    open_tab(&mut state, &vp, SidebarTab::Notes);
    type_filter(&mut state, &vp, "#qa");
    assert_eq!(state.notes_filter, "#qa");
    update(&mut state, &vp, Action::Cancel);
    assert_eq!(state.notes_filter, "");
}

/// The Entities filter finds an entity by any spelling the document uses,
/// not only by its grouped name.
#[test]
fn the_entities_filter_finds_every_spelling_of_a_name() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 120, 30);
    open_tab(&mut state, &vp, SidebarTab::Entities);
    let mut variants = 0;
    for d in 0..state.corpus.docs.len() {
        let doc = &state.corpus.docs[d];
        for m in &doc.entities {
            let spelt = doc.text[m.range.clone()].to_lowercase();
            if m.canonical.to_lowercase().contains(&spelt) {
                continue;
            }
            variants += 1;
            let found = plenary::app::entity_groups(doc, &spelt);
            assert!(
                found
                    .iter()
                    .any(|g| g.kind == m.kind && *g.canonical == *m.canonical),
                "{spelt:?} does not find {:?}",
                m.canonical
            );
        }
    }
    assert!(variants > 0, "no name spelt otherwise than its group");
    // On screen: the transcript's foreign minister by the articles' spelling.
    let Some(d) = state.corpus.docs.iter().position(|d| {
        d.entity_groups
            .iter()
            .any(|g| g.canonical.contains("Tileuberdi"))
    }) else {
        return;
    };
    state.open = d;
    type_filter(&mut state, &vp, "tleu");
    let screen = rows(&draw(&state, &mut vp, 120, 30)).join("\n");
    assert!(screen.contains("Tileuberdi"), "{screen}");
}

/// Whatever the status bar was showing (a long question's asker, a note),
/// the search being typed is seen in it, at any size.
#[test]
fn the_search_prompt_always_wins_the_status_bar() {
    for (w, h) in [(80, 24), (40, 12), (120, 40)] {
        let (mut state, mut vp) = bundled();
        draw(&state, &mut vp, w, h);
        update(&mut state, &vp, Action::Focus(Pane::Reader));
        let turns = state.doc().unwrap().speakers.turns.len();
        assert!(turns > 5);
        for _ in 0..turns {
            update(&mut state, &vp, Action::StartSearch { backward: false });
            for c in "sanc".chars() {
                update(&mut state, &vp, Action::SearchInput(c));
            }
            let screen = rows(&draw(&state, &mut vp, w, h));
            let status = screen.last().unwrap();
            assert!(status.contains("/sanc▏"), "{w}×{h}: {status}");
            update(&mut state, &vp, Action::Cancel);
            update(&mut state, &vp, Action::NextTurn);
            draw(&state, &mut vp, w, h);
        }
    }
}

/// Under NO_COLOR the timeline still says who speaks where: each stretch
/// starts with the speaker's initial, and two speakers are drawn apart.
#[test]
fn without_colour_the_timeline_names_the_speakers() {
    let (mut state, mut vp) = bundled();
    state.color = false;
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    let screen = rows(&draw(&state, &mut vp, 120, 30));
    let line = screen.iter().find(|r| r.contains('▼')).expect("a timeline");
    let line = line
        .split(['│', '║', '┃'])
        .find(|part| part.contains('▼'))
        .unwrap();
    let doc = state.doc().unwrap();
    let initials: std::collections::HashSet<char> = doc
        .speakers
        .turns
        .iter()
        .filter_map(|t| t.speaker.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect();
    let shown: std::collections::HashSet<char> =
        line.chars().filter(|c| initials.contains(c)).collect();
    assert!(shown.len() >= 2, "{line}");
    let marks: std::collections::HashSet<char> = line
        .chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace() && *c != '▼')
        .collect();
    assert!(marks.len() >= 2, "one pattern for all: {line}");
}

/// In every article `J` goes through the quotations one by one, and `s`
/// then goes to the source of the quotation `J` reached.
#[test]
fn next_quotation_goes_through_every_quotation_of_an_article() {
    let (mut state, mut vp) = bundled();
    let mut articles = 0;
    for d in 0..state.corpus.docs.len() {
        if !state.corpus.docs[d].speakers.turns.is_empty() || state.corpus.docs[d].quotes.len() < 2
        {
            continue;
        }
        articles += 1;
        state.open = d;
        state.selected = d;
        update(&mut state, &vp, Action::Focus(Pane::Reader));
        update(&mut state, &vp, Action::Top);
        draw(&state, &mut vp, 80, 24);
        let starts: Vec<usize> = state.corpus.docs[d]
            .quotes
            .iter()
            .map(|q| q.quote.range.start)
            .collect();
        let mut seen = Vec::new();
        for _ in 0..starts.len() {
            update(&mut state, &vp, Action::NextTurn);
            draw(&state, &mut vp, 80, 24);
            let q = plenary::app::current_quote(&state, vp.reader_rows, vp.reader_cols)
                .expect("a quotation after J");
            seen.push(q);
        }
        let mut want: Vec<usize> = (0..starts.len()).collect();
        // Quotations starting at the top of the document are already there.
        if starts[0] == 0 {
            want.remove(0);
            seen.pop();
        }
        assert_eq!(seen, want, "document {d}");
        // `s` goes to the source of the quotation reached, if it has one.
        let last = *seen.last().unwrap();
        if let Some(src) = state.corpus.docs[d].quotes[last].source.clone() {
            update(&mut state, &vp, Action::GoToSource);
            assert_eq!(state.open, src.doc);
            assert_eq!(state.flash.as_ref().map(|f| f.1.clone()), Some(src.range));
        }
    }
    assert!(articles >= 2, "{articles}");
}

/// `a` on a turn quoted by several articles, then `b` back, reaches each
/// of the quotations in turn.
#[test]
fn quoting_articles_are_reached_one_after_another() {
    let (mut state, mut vp) = bundled();
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    draw(&state, &mut vp, 120, 30);
    let t = state.open;
    let (&(_, turn), quotes) = state
        .quoted_by
        .iter()
        .filter(|((d, _), q)| *d == t && q.len() >= 2)
        .min_by_key(|((_, turn), _)| *turn)
        .expect("a turn quoted more than once");
    let quotes = quotes.clone();
    let start = state.doc().unwrap().speakers.turns[turn].range.start;
    if let Some(v) = state.view_mut() {
        v.top = start;
        v.cursor = start;
    }
    let mut reached = Vec::new();
    for k in 0..quotes.len() + 1 {
        update(&mut state, &vp, Action::NextQuotingArticle);
        let status = state.status.as_ref().unwrap().text.clone();
        assert!(
            status.starts_with(&format!(
                "quotation {} of {}",
                k % quotes.len() + 1,
                quotes.len()
            )),
            "{status}"
        );
        let (d, range) = state.flash.clone().unwrap();
        reached.push((d, range));
        update(&mut state, &vp, Action::GoBack);
        assert_eq!(state.open, t);
    }
    for (k, &(a, q)) in quotes.iter().enumerate() {
        assert_eq!(
            reached[k],
            (a, state.corpus.docs[a].quotes[q].quote.range.clone())
        );
    }
    assert_eq!(reached[quotes.len()], reached[0], "and round again");
}

/// Where paragraphs are written one to a line (the bundled transcript),
/// `}` / `{` in a selection stop at the line, the paragraph `A` annotates.
#[test]
fn paragraph_motions_agree_with_annotate_paragraph() {
    use plenary::app::visual::Motion;
    let (mut state, mut vp) = bundled();
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    draw(&state, &mut vp, 120, 30);
    assert!(state.doc().unwrap().structure.paragraph_gap);
    for _ in 0..3 {
        update(&mut state, &vp, Action::NextTurn);
    }
    draw(&state, &mut vp, 120, 30);
    let at = state.view().cursor;
    let doc = state.doc().unwrap();
    let line = doc.structure.lines[doc.line_of(at)].range.clone();
    let next = doc.structure.lines[doc.line_of(at) + 1].range.clone();
    update(&mut state, &vp, Action::StartVisual);
    update(&mut state, &vp, Action::Extend(Motion::ParagraphForward));
    assert_eq!(
        state.selection(),
        Some(at..line.end),
        "to the end of the paragraph"
    );
    update(&mut state, &vp, Action::Extend(Motion::ParagraphForward));
    assert_eq!(state.selection(), Some(at..next.end), "and the next");
    update(&mut state, &vp, Action::Extend(Motion::ParagraphBack));
    update(&mut state, &vp, Action::Extend(Motion::ParagraphBack));
    assert_eq!(
        state.view().cursor,
        line.start,
        "back to the paragraph's start"
    );
    assert!(state.selection().unwrap().len() < 2_000);
}

fn press(state: &mut AppState, vp: &Viewports, c: char) {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    if let Some(a) = plenary::tui::to_action(ev, state) {
        update(state, vp, a);
    }
}

/// `e` and `x` in the reader edit and delete the note at the cursor, `u`
/// brings it back; a key bound to nothing there says so.
#[test]
fn the_note_at_the_cursor_is_edited_and_deleted_from_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let (mut state, mut vp, mut worker) = reader_with_store(dir.path());
    update(&mut state, &vp, Action::Focus(Pane::Reader));
    draw(&state, &mut vp, 120, 30);
    update(&mut state, &vp, Action::AnnotateParagraph);
    type_keys(&mut state, &vp, "budget day");
    update(&mut state, &vp, Action::EditorSave);
    worker.settle(&mut state);
    assert!(matches!(state.mode, plenary::app::Mode::Normal));
    let notes = |s: &AppState| {
        s.notebook
            .records
            .iter()
            .flat_map(|r| r.annotations())
            .map(|a| a.note.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(notes(&state), vec!["budget day"]);
    press(&mut state, &vp, 'e');
    assert!(
        matches!(&state.mode, plenary::app::Mode::Editor(ed) if ed.note() == "budget day"),
        "{:?}",
        state.status
    );
    type_keys(&mut state, &vp, ", revised");
    update(&mut state, &vp, Action::EditorSave);
    worker.settle(&mut state);
    assert_eq!(notes(&state), vec!["budget day, revised"]);
    press(&mut state, &vp, 'x');
    worker.settle(&mut state);
    assert!(notes(&state).is_empty(), "{:?}", state.status);
    press(&mut state, &vp, 'u');
    worker.settle(&mut state);
    assert_eq!(notes(&state), vec!["budget day, revised"]);
    // Away from the note, `e` says there is none.
    update(&mut state, &vp, Action::Bottom);
    update(&mut state, &vp, Action::NextTurn);
    if state.notebook.at(state.open, state.view().cursor).is_none() {
        press(&mut state, &vp, 'e');
        assert!(matches!(state.mode, plenary::app::Mode::Normal));
        assert!(state.status.as_ref().unwrap().text.contains("no note"));
    }
    // A key bound to nothing in the reader says so.
    state.status = None;
    press(&mut state, &vp, 'f');
    let screen = rows(&draw(&state, &mut vp, 120, 30));
    assert!(
        screen.last().unwrap().contains("f does nothing here"),
        "{}",
        screen.last().unwrap()
    );
}
