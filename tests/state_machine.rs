//! State-machine fuzzing: random sequences of actions — keys, mouse clicks,
//! drags, wheel scrolls and resizes down to 2×2 — drive `AppState` over a
//! corpus of awkward documents, and every step is drawn with `TestBackend`.
//! Documents are also written again, added and deleted on disk (as the
//! follower reports them) between steps.
//! Nothing may panic, and after every step the cursor, selection and
//! scroll position lie inside the open document, on character boundaries.
//!
//! `cargo test --test state_machine` runs a few thousand steps; a long run
//! is `PROPTEST_CASES=5000 cargo test --release --test state_machine`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use plenary::app::visual::Motion;
use plenary::app::{Action, AppState, Mode, Pane, Viewports, update};
use plenary::corpus::{Corpus, Document, FollowEvent, Links, link};
use plenary::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Documents with everything that has broken a reader before.
fn corpus() -> Corpus {
    let transcript = "Press Availability With the Foreign Minister\r\n\r\n\
        MODERATOR: Good afternoon. We have time for two questions.\r\n\r\n\
        FOREIGN MINISTER TANAKA (via interpreter): Thank you. 私たちは協力します。\r\n\r\n\
        QUESTION: Thank you — Anna Kowalska, Gazeta. “Will you meet again?”\r\n\r\n\
        SECRETARY BLINKEN: Yes.\t(Laughter.) We will meet in March, I think.\r\n\r\n\
        MODERATOR: Last question.\r\n\r\n\
        QUESTION: Ahmed, Al-Ahram. \u{202e}?ecnalab tegdub\u{202c} And the budget?\r\n\r\n\
        SECRETARY BLINKEN: The budget will balance by 2027, as we said.\r\n";
    let article = "\u{feff}Minister pledges support in Astana\n\n\
        ASTANA, March 3 (Wire) — Secretary Blinken said on Tuesday that \
        “we will meet in March, I think,” adding that the budget \
        “will balance by 2027.”\n\n\
        Family 👨\u{200d}👩\u{200d}👧 and ❤\u{fe0f} and 👍🏽 and 🇫🇷 flags.\n\n\
        Combining: e\u{301}te\u{301}, Zalgo z\u{336}\u{337}\u{338}a\u{35c}\u{35d}.\n\n\
        Some\u{200d} text here. co\u{ad}operate \u{1b}[2J \u{7} \u{9b}\n";
    let cjk = "中文标题\n\n这是一个很长的中文段落，没有空格可以换行，所以必须在字符之间断开。\
               中文字中文字中文字中文字中文字中文字中文字中文字。\n\n\t\t缩进 ’x’ “y”\n";
    let one_long_line = "word ".repeat(400);
    let docs = vec![
        Document::new("transcript.txt", transcript.to_string()),
        Document::new("article.txt", article.to_string()),
        Document::new("cjk.txt", cjk.to_string()),
        Document::new("empty.txt", String::new()),
        Document::new("blank.txt", "\n\n   \n".to_string()),
        Document::new("long-line.txt", one_long_line),
        Document::new("x.txt", "é".to_string()),
        Document::new(
            "notes.md",
            "# Notes\n\n**Jane Doe:** we _met_ at [the port](https://example.org).\n\n- `one`\n- two\n".to_string(),
        ),
    ];
    Corpus::new(docs, vec!["a notice with \u{202e}bidi\u{202c}".to_string()])
}

/// One thing the user does, or that happens on disk.
#[derive(Clone, Debug)]
enum Step {
    Act(Action),
    Resize(u16, u16),
    /// Document `doc` (modulo their number) written again on disk.
    Disk {
        doc: usize,
        edit: Edit,
    },
    /// A new file in the folder.
    NewFile(usize),
    /// Document `doc` deleted on disk.
    Removed(usize),
    /// The corpus step after changes comes back.
    Relink,
}

/// How a file is written again.
#[derive(Clone, Debug)]
enum Edit {
    /// Cut to this share (in hundredths) of its length.
    Cut(usize),
    /// Text put in at this share of its length.
    Insert(usize, String),
    /// Another document's text.
    Swap(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..=100).prop_map(Edit::Cut),
        (0usize..=100, "[a-zé\n “”👍\t#*_`\\[\\]()]{0,40}").prop_map(|(at, t)| Edit::Insert(at, t)),
        (0usize..10).prop_map(Edit::Swap),
    ]
}

/// The text of `docs[doc]` after `edit`.
fn edited(docs: &[Document], doc: usize, edit: &Edit) -> String {
    let text = &*docs[doc].text;
    let at = |share: usize| {
        let mut i = text.len() * share / 100;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match edit {
        Edit::Cut(share) => text[..at(*share)].to_string(),
        Edit::Insert(share, t) => format!("{}{t}{}", &text[..at(*share)], &text[at(*share)..]),
        Edit::Swap(other) => docs[other % docs.len()].text.to_string(),
    }
}

fn motion() -> impl Strategy<Value = Motion> {
    prop::sample::select(vec![
        Motion::WordForward,
        Motion::WordBack,
        Motion::SentenceForward,
        Motion::SentenceBack,
        Motion::LineForward,
        Motion::LineBack,
        Motion::ParagraphForward,
        Motion::ParagraphBack,
    ])
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec!['a', ' ', '#', '中', '\u{200d}', '\u{202e}'])
            .prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Backspace),
        Just(KeyCode::Left),
        Just(KeyCode::Up),
        Just(KeyCode::Tab),
    ];
    (code, any::<bool>()).prop_map(|(c, ctrl)| {
        let m = if ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(c, m)
    })
}

fn action() -> impl Strategy<Value = Action> {
    let simple = prop::sample::select(vec![
        Action::FocusNext,
        Action::FocusPrev,
        Action::Focus(Pane::List),
        Action::Focus(Pane::Reader),
        Action::Focus(Pane::Sidebar),
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Activate,
        Action::Cancel,
        Action::NextTab,
        Action::PrevTab,
        Action::ToggleHelp,
        Action::NextTurn,
        Action::PrevTurn,
        Action::NextSameSpeaker,
        Action::PrevSameSpeaker,
        Action::StartVisual,
        Action::ExtendToTurn,
        Action::Annotate,
        Action::AnnotateParagraph,
        Action::AnnotateTurn,
        Action::EditorSave,
        Action::EditorColour,
        Action::EditNote,
        Action::DeleteNote,
        Action::UndoDelete,
        Action::ToggleAllNotes,
        Action::GoToSource,
        Action::NextQuotingArticle,
        Action::GoBack,
        Action::NextMention,
        Action::PrevMention,
        Action::NextEntityDocument,
        Action::StartEntityFilter,
        Action::ToggleFolds,
        Action::StartSearch { backward: false },
        Action::StartSearch { backward: true },
        Action::StartCorpusSearch,
        Action::SearchBackspace,
        Action::SearchSubmit,
        Action::SearchNext,
        Action::SearchPrev,
        Action::Copy,
        Action::SetMark('a'),
        Action::SetMark('1'),
        Action::GoToMark('a'),
        Action::GoToMark('\''),
        Action::JumpBack,
        Action::JumpForward,
        Action::StartGoTo,
        Action::SortDocuments,
        Action::GoToPercent(0),
        Action::GoToPercent(100),
        Action::Repeat {
            count: 3,
            action: Box::new(Action::NextTurn),
            focus: Some(Pane::Reader),
        },
    ]);
    let x = 0u16..150;
    let y = 0u16..60;
    prop_oneof![
        6 => simple,
        2 => (0usize..40).prop_map(Action::Down),
        2 => (0usize..40).prop_map(Action::Up),
        1 => (0usize..200).prop_map(Action::GoToLine),
        1 => (0usize..150).prop_map(Action::GoToPercent),
        2 => motion().prop_map(Action::Extend),
        2 => key().prop_map(Action::EditorKey),
        2 => prop::sample::select(vec!['e', 'b', 'u', '’', '中', '👍', '\u{301}', '#'])
            .prop_map(Action::SearchInput),
        2 => (x.clone(), y.clone()).prop_map(|(x, y)| Action::Click { x, y }),
        2 => (x.clone(), y.clone()).prop_map(|(x, y)| Action::Drag { x, y }),
        2 => (x, y, any::<bool>()).prop_map(|(x, y, down)| Action::Scroll { x, y, down }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => action().prop_map(Step::Act),
        1 => (2u16..140, 2u16..50).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => prop::sample::select(vec![(2, 2), (29, 5), (30, 6), (99, 20), (100, 30), (140, 45)])
            .prop_map(|(w, h)| Step::Resize(w, h)),
        2 => (0usize..20, edit()).prop_map(|(doc, edit)| Step::Disk { doc, edit }),
        1 => (0usize..3).prop_map(Step::NewFile),
        1 => (0usize..20).prop_map(Step::Removed),
        1 => Just(Step::Relink),
    ]
}

/// What must hold after every step.
fn check(state: &AppState) -> Result<(), TestCaseError> {
    let docs = &state.corpus.docs;
    prop_assert!(state.open < docs.len(), "open {}", state.open);
    prop_assert!(state.selected < docs.len(), "selected {}", state.selected);
    prop_assert_eq!(state.views.len(), docs.len());
    for (i, (v, d)) in state.views.iter().zip(docs).enumerate() {
        let t = &d.text;
        prop_assert!(
            v.cursor <= t.len() && t.is_char_boundary(v.cursor),
            "doc {} cursor {} of {}",
            i,
            v.cursor,
            t.len()
        );
        prop_assert!(
            v.top <= t.len() && t.is_char_boundary(v.top),
            "doc {} top {} of {}",
            i,
            v.top,
            t.len()
        );
    }
    let text = &docs[state.open].text;
    if let Mode::Visual { anchor } = state.mode {
        // A selection lies in the open document: both ends inside it.
        prop_assert!(
            anchor <= text.len() && text.is_char_boundary(anchor),
            "anchor {} of {}",
            anchor,
            text.len()
        );
        let sel = state.selection().expect("a selection in visual mode");
        prop_assert!(sel.end <= text.len() && text.is_char_boundary(sel.end));
    } else {
        prop_assert!(state.selection().is_none());
    }
    if let Some(p) = state.press {
        prop_assert!(p <= text.len() && text.is_char_boundary(p), "press {}", p);
    }
    Ok(())
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let data = tempfile::tempdir().unwrap();
    let mut state = AppState::new(corpus());
    state.open_notebook(Some(data.path().to_path_buf()));
    let mut vp = Viewports::default();
    let (mut w, mut h) = (100u16, 30u16);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::render(f, &state, &mut vp)).unwrap();
    for s in steps {
        match s {
            Step::Act(a) => {
                update(&mut state, &vp, a.clone());
                // Searches asked for run to their end, as the event loop
                // would run them, and their hits come in.
                for job in std::mem::take(&mut state.search_jobs) {
                    let running = plenary::search::worker::start(job);
                    for e in running.events.iter() {
                        let done = matches!(e, plenary::search::SearchEvent::Done { .. });
                        plenary::app::apply_search(&mut state, &vp, e);
                        if done {
                            break;
                        }
                    }
                }
            }
            Step::Resize(nw, nh) => {
                (w, h) = (*nw, *nh);
                term = Terminal::new(TestBackend::new(w, h)).unwrap();
                update(&mut state, &vp, Action::Resize);
            }
            Step::Disk { doc, edit } => {
                let docs = &state.corpus.docs;
                let i = doc % docs.len();
                let text = edited(docs, i, edit);
                let path = docs[i].path.clone();
                state.apply_follow(FollowEvent::Changed(Box::new(Document::new(path, text))));
            }
            Step::NewFile(n) => {
                let doc = Document::new(format!("new-{n}.md"), format!("# New {n}\n\nText.\n"));
                state.apply_follow(FollowEvent::Changed(Box::new(doc)));
            }
            Step::Removed(doc) => {
                let path = state.corpus.docs[doc % state.corpus.docs.len()]
                    .path
                    .clone();
                state.apply_follow(FollowEvent::Removed(path));
            }
            Step::Relink => {
                let links = link(state.corpus.link_inputs(None), Links::All);
                let generation = state.follow.generation;
                state.apply_follow(FollowEvent::Linked { generation, links });
            }
        }
        term.draw(|f| ui::render(f, &state, &mut vp)).unwrap();
        check(&state)?;
        let buf = term.backend().buffer();
        for cell in buf.content() {
            let sym = cell.symbol();
            prop_assert!(
                !sym.chars()
                    .any(|c| c.is_control() || plenary::sanitize::is_bidi_control(c)),
                "{:?} reached the screen",
                sym
            );
        }
        state.quit = false;
    }
    Ok(())
}

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    // 40 cases × up to 120 steps: a few thousand steps in `cargo test`.
    // PROPTEST_CASES overrides.
    #![proptest_config(ProptestConfig {
        cases: cases(40),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_sequence_of_actions_keeps_the_state_sound(steps in prop::collection::vec(step(), 1..120)) {
        run(&steps)?;
    }
}

/// The two crashes of issue 10, as fixed sequences.
#[test]
fn known_crash_sequences() {
    use Step::Act;
    let sequences = vec![
        // `v` on a CJK document.
        vec![
            Act(Action::Focus(Pane::List)),
            Act(Action::Down(2)),
            Act(Action::Focus(Pane::Reader)),
            Act(Action::StartVisual),
        ],
        // `/’`, Enter, `v`.
        vec![
            Act(Action::Focus(Pane::Reader)),
            Act(Action::StartSearch { backward: false }),
            Act(Action::SearchInput('’')),
            Act(Action::SearchSubmit),
            Act(Action::StartVisual),
        ],
        // `G`, `v`, then another document.
        vec![
            Act(Action::Focus(Pane::Reader)),
            Act(Action::Bottom),
            Act(Action::StartVisual),
            Act(Action::Focus(Pane::List)),
            Act(Action::Down(5)),
        ],
    ];
    for s in sequences {
        run(&s).unwrap();
    }
}
