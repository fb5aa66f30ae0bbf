use std::collections::HashSet;

use super::*;
use crate::app::help::{HelpLine, lines};
use crate::app::state::{FilterOf, HelpView, SearchPrompt};
use crossterm::event::KeyModifiers;
use proptest::prelude::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn ch(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    press(KeyCode::Char(c), mods)
}

fn resolve(map: &Keymap, mode: &Mode, focus: Pane, ev: &KeyEvent) -> Option<Action> {
    map.resolve(&mut Pending::default(), mode, focus, ev)
}

/// One example of every mode.
fn modes() -> Vec<Mode> {
    vec![
        Mode::Normal,
        Mode::Search(SearchPrompt {
            origin: 0,
            corpus: false,
        }),
        Mode::Help(HelpView::default()),
        Mode::Help(HelpView {
            typing: true,
            ..HelpView::default()
        }),
        Mode::Filter(FilterOf::Entities),
        Mode::Visual { anchor: 0 },
    ]
}

#[test]
fn key_names_parse() {
    assert_eq!(Chord::parse("j"), Ok(Chord::key('j')));
    assert_eq!(Chord::parse("G"), Ok(Chord::key('G')));
    assert_eq!(Chord::parse("shift-g"), Ok(Chord::key('G')));
    assert_eq!(Chord::parse("-"), Ok(Chord::key('-')));
    let cd = Chord::parse("Ctrl-D").unwrap();
    assert_eq!(
        (cd.code, cd.ctrl, cd.alt),
        (KeyCode::Char('d'), true, false)
    );
    assert_eq!(Chord::parse("shift-tab").unwrap().code, KeyCode::BackTab);
    assert_eq!(Chord::parse("PageDown").unwrap().code, KeyCode::PageDown);
    assert_eq!(Chord::parse("f12").unwrap().code, KeyCode::F(12));
    assert!(Chord::parse("alt-x").unwrap().alt);
    assert!(Chord::parse("f99").is_err());
    assert!(Chord::parse("hyper-x").is_err());
    assert!(Chord::parse("").is_err());
    assert_eq!(Chord::parse("ctrl-c").unwrap().to_string(), "Ctrl-c");
    assert_eq!(Chord::parse("space").unwrap().to_string(), "Space");
    assert_eq!(Chord::parse("f1").unwrap().to_string(), "F1");
}

#[test]
fn shifted_letters_and_ctrl_resolve() {
    let map = Keymap::default();
    let m = Mode::Normal;
    assert_eq!(
        resolve(&map, &m, Pane::Reader, &ch('G')),
        Some(Action::Bottom)
    );
    let cd = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(
        resolve(&map, &m, Pane::Reader, &cd),
        Some(Action::HalfPageDown)
    );
    let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for mode in modes() {
        assert_eq!(
            resolve(&map, &mode, Pane::List, &cc),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
}

#[test]
fn prompts_take_typed_characters_and_the_editor_takes_the_rest() {
    let map = Keymap::default();
    let m = Mode::Search(SearchPrompt {
        origin: 0,
        corpus: false,
    });
    assert_eq!(
        resolve(&map, &m, Pane::Reader, &ch('q')),
        Some(Action::SearchInput('q'))
    );
    let f = Mode::Filter(FilterOf::Notes);
    assert_eq!(
        resolve(&map, &f, Pane::Sidebar, &ch('#')),
        Some(Action::SearchInput('#'))
    );
    let help_typing = Mode::Help(HelpView {
        typing: true,
        ..HelpView::default()
    });
    assert_eq!(
        resolve(&map, &help_typing, Pane::Reader, &ch('j')),
        Some(Action::SearchInput('j'))
    );
    let help = Mode::Help(HelpView::default());
    assert_eq!(
        resolve(&map, &help, Pane::Reader, &ch('j')),
        Some(Action::Down(1))
    );
}

#[test]
fn pane_bindings_apply_only_in_their_pane() {
    let map = Keymap::default();
    let z = ch('z');
    assert_eq!(
        resolve(&map, &Mode::Normal, Pane::Reader, &z),
        Some(Action::ToggleFolds)
    );
    assert_eq!(
        resolve(&map, &Mode::Normal, Pane::List, &z),
        Some(Action::Unbound("z".into()))
    );
}

#[test]
fn sequences_wait_for_their_second_key_and_counts_multiply_moves() {
    let mut map = Keymap::default();
    let doc = toml_edit::Document::parse(
        "[keys.global]\n\"g\" = \"none\"\n\"g g\" = \"top\"\n\"] ]\" = \"next_turn\"\n\"]\" = \"none\"\n\"1\" = \"none\"\n",
    )
    .unwrap();
    let text = doc.to_string();
    assert!(map.merge(doc.as_table(), &text, "t").is_empty());
    let mut p = Pending::default();
    let m = Mode::Normal;
    assert_eq!(map.resolve(&mut p, &m, Pane::Reader, &ch('g')), None);
    assert_eq!(p.keys.len(), 1);
    assert_eq!(
        map.resolve(&mut p, &m, Pane::Reader, &ch('g')),
        Some(Action::Top)
    );
    assert_eq!(map.resolve(&mut p, &m, Pane::Reader, &ch(']')), None);
    assert_eq!(
        map.resolve(&mut p, &m, Pane::Reader, &ch(']')),
        Some(Action::NextTurn)
    );
    // A sequence broken off: the last key counts alone.
    assert_eq!(map.resolve(&mut p, &m, Pane::Reader, &ch('g')), None);
    assert_eq!(
        map.resolve(&mut p, &m, Pane::Reader, &ch('j')),
        Some(Action::Down(1))
    );
    // "1" is free now: "1 2 j" moves twelve rows; "2" still focuses the reader.
    assert_eq!(map.resolve(&mut p, &m, Pane::Reader, &ch('1')), None);
    assert_eq!(map.resolve(&mut p, &m, Pane::Reader, &ch('2')), None);
    assert_eq!(
        map.resolve(&mut p, &m, Pane::Reader, &ch('j')),
        Some(Action::Down(12))
    );
    assert_eq!(
        map.resolve(&mut p, &m, Pane::List, &ch('2')),
        Some(Action::Focus(Pane::Reader))
    );
}

#[test]
fn every_default_scope_has_its_keys_and_no_sequence_is_hidden() {
    let map = Keymap::default();
    assert!(map.conflicts().is_empty(), "{:?}", map.conflicts());
    for scope in Scope::ALL {
        if scope != Scope::Documents {
            assert!(!map.bindings(scope).is_empty(), "{scope:?} has no keys");
        }
        // Leaving and quitting work everywhere.
        let leave = map.keys_for(scope, &Action::Cancel).len()
            + map.keys_for(scope, &Action::ToggleHelp).len();
        if scope != Scope::Documents && scope != Scope::Reader && scope != Scope::Sidebar {
            assert!(leave > 0, "no way out of {scope:?}");
        }
    }
}

proptest! {
    /// Any key in any mode and pane resolves to at most one action, the
    /// same one each time, and one the key map (or typing) can produce.
    #[test]
    fn every_key_resolves_to_one_bound_action(
        c in proptest::char::range(' ', '~'),
        ctrl in any::<bool>(),
        mode in 0usize..6,
        pane in 0usize..3,
    ) {
        let map = Keymap::default();
        let mode = &modes()[mode];
        let focus = Pane::ALL[pane];
        let mods = if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
        let ev = press(KeyCode::Char(c), mods);
        let a = resolve(&map, mode, focus, &ev);
        prop_assert_eq!(&a, &resolve(&map, mode, focus, &ev));
        if let Some(a) = a {
            let bound = Scope::chain(mode, focus)
                .iter()
                .any(|s| map.bindings(*s).iter().any(|(_, b)| *b == a));
            if let Action::Unbound(label) = &a {
                // Said only of a key bound to nothing here, by its name.
                prop_assert!(!bound);
                prop_assert_eq!(map.lookup(mode, focus, &[Chord::of(&ev)]), Lookup::None);
                let normal_or_visual = matches!(mode, Mode::Normal | Mode::Visual { .. });
                prop_assert!(normal_or_visual);
                prop_assert!(!label.is_empty());
            } else {
                prop_assert!(bound || matches!(a, Action::SearchInput(_)), "{:?}", a);
            }
        }
    }
}

#[test]
fn every_binding_appears_in_the_help_under_its_scope() {
    let map = Keymap::default();
    let help = lines(&map);
    for scope in Scope::ALL {
        let start = help
            .iter()
            .position(|l| *l == HelpLine::Heading(scope.title()));
        let bindings = map.bindings(scope);
        if bindings.is_empty() {
            continue;
        }
        let start = start.unwrap_or_else(|| panic!("no heading for {scope:?}"));
        let section: Vec<&HelpLine> = help[start + 1..]
            .iter()
            .take_while(|l| !matches!(l, HelpLine::Heading(_) | HelpLine::Blank))
            .collect();
        for (keys, action) in bindings {
            let shown = section.iter().any(|l| match l {
                HelpLine::Keys {
                    keys: k,
                    action: a,
                    what,
                } => {
                    a == action
                        && !what.is_empty()
                        && k.split(' ')
                            .collect::<Vec<_>>()
                            .windows(keys.len())
                            .any(|w| w.join(" ") == label(keys))
                }
                _ => false,
            });
            assert!(
                shown,
                "{} ({action:?}) missing under {scope:?}",
                label(keys)
            );
        }
    }
    // Every action with a name has words to show.
    let named: HashSet<&str> = crate::app::action::NAMED.iter().map(|(n, ..)| *n).collect();
    for (n, a, h) in crate::app::action::NAMED {
        assert!(!h.is_empty(), "{n}");
        assert_eq!(Action::by_name(n).as_ref(), Some(a));
        assert_eq!(a.name(), Some(*n));
    }
    assert_eq!(
        named.len(),
        crate::app::action::NAMED.len(),
        "a name used twice"
    );
}

/// The key event a terminal sends for a chord.
fn event_of(c: &Chord) -> KeyEvent {
    let mut mods = KeyModifiers::NONE;
    if c.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if c.alt {
        mods |= KeyModifiers::ALT;
    }
    match c.code {
        KeyCode::Char(ch) if ch.is_uppercase() => mods |= KeyModifiers::SHIFT,
        KeyCode::BackTab => mods |= KeyModifiers::SHIFT,
        _ => {}
    }
    KeyEvent::new(c.code, mods)
}

#[test]
fn every_default_binding_does_its_action_wherever_its_table_is_read() {
    let map = Keymap::default();
    let mut modes = modes();
    modes.push(Mode::Filter(FilterOf::Notes));
    modes.push(Mode::Editor(Box::new(crate::app::editor::NoteEditor::new(
        crate::app::editor::EditTarget::New {
            doc: 0,
            range: 0..1,
        },
        "",
        crate::annotations::Colour::default(),
        "x".into(),
    ))));
    let mut checked = 0;
    for mode in &modes {
        for focus in Pane::ALL {
            let chain = Scope::chain(mode, focus);
            for (i, scope) in chain.iter().enumerate() {
                for (keys, action) in map.bindings(*scope) {
                    // A pane's own binding of the same keys wins over global.
                    let shadowed = chain[..i]
                        .iter()
                        .any(|s| map.bindings(*s).iter().any(|(k, _)| k == keys));
                    assert!(
                        !shadowed,
                        "{} of [keys.{}] is hidden",
                        label(keys),
                        scope.name()
                    );
                    let mut p = Pending::default();
                    let mut got = None;
                    for c in keys {
                        got = map.resolve(&mut p, mode, focus, &event_of(c));
                    }
                    // A mark key takes a letter after it.
                    let action = &match action {
                        Action::SetMark('\0') => {
                            got = map.resolve(&mut p, mode, focus, &ch('a'));
                            Action::SetMark('a')
                        }
                        Action::GoToMark('\0') => {
                            got = map.resolve(&mut p, mode, focus, &ch('a'));
                            Action::GoToMark('a')
                        }
                        a => a.clone(),
                    };
                    assert_eq!(
                        got.as_ref(),
                        Some(action),
                        "{} in {mode:?} with {focus:?} focused",
                        label(keys)
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn actions_deserialise_by_their_snake_case_name() {
    let a: Action = serde_json::from_str("\"search_forward\"").unwrap();
    assert_eq!(a, Action::StartSearch { backward: false });
    let a: Vec<Action> = serde_json::from_str("[\"next_turn\", \"focus_sidebar\"]").unwrap();
    assert_eq!(a, [Action::NextTurn, Action::Focus(Pane::Sidebar)]);
    let e = serde_json::from_str::<Action>("\"NextTurn\"").unwrap_err();
    assert!(e.to_string().contains("unknown action \"NextTurn\""), "{e}");
}

#[test]
fn the_note_editor_undoes_with_the_keys_people_expect_and_names_them() {
    let map = Keymap::default();
    let ed = Mode::Editor(Box::new(crate::app::editor::NoteEditor::new(
        crate::app::editor::EditTarget::New {
            doc: 0,
            range: 0..1,
        },
        "",
        crate::annotations::Colour::default(),
        "x".into(),
    )));
    let ctrl = |c| press(KeyCode::Char(c), KeyModifiers::CONTROL);
    for c in ['z', 'u', '_', '7'] {
        assert_eq!(
            resolve(&map, &ed, Pane::Reader, &ctrl(c)),
            Some(Action::EditorUndo),
            "Ctrl-{c}"
        );
    }
    for c in ['y', 'r'] {
        assert_eq!(
            resolve(&map, &ed, Pane::Reader, &ctrl(c)),
            Some(Action::EditorRedo),
            "Ctrl-{c}"
        );
    }
    assert_eq!(
        map.hint(&ed, Pane::Reader, &Action::EditorUndo).as_deref(),
        Some("Ctrl-z")
    );
    assert_eq!(
        map.hint(&ed, Pane::Reader, &Action::EditorRedo).as_deref(),
        Some("Ctrl-y")
    );
}

#[test]
fn counts_work_with_the_pane_digits_and_go_to_lines_and_shares() {
    let map = Keymap::default();
    let m = Mode::Normal;
    let mut p = Pending::default();
    let keys = |p: &mut Pending, focus: Pane, s: &str| -> Vec<Option<Action>> {
        s.chars()
            .map(|c| map.resolve(p, &m, focus, &ch(c)))
            .collect()
    };
    // "1" focuses the list at once; a second digit makes it a count and
    // gives the reader back.
    assert_eq!(
        keys(&mut p, Pane::Reader, "10"),
        [
            Some(Action::Focus(Pane::List)),
            Some(Action::Focus(Pane::Reader))
        ]
    );
    assert_eq!(keys(&mut p, Pane::Reader, "j"), [Some(Action::Down(10))]);
    // "1 j" is still: the list, next document.
    assert_eq!(
        keys(&mut p, Pane::Reader, "1"),
        [Some(Action::Focus(Pane::List))]
    );
    assert_eq!(keys(&mut p, Pane::List, "j"), [Some(Action::Down(1))]);
    // "3 J": three turns on, in the reader.
    assert_eq!(
        keys(&mut p, Pane::Reader, "3"),
        [Some(Action::Focus(Pane::Sidebar))]
    );
    assert_eq!(
        keys(&mut p, Pane::Sidebar, "J"),
        [Some(Action::Repeat {
            count: 3,
            action: Box::new(Action::NextTurn),
            focus: Some(Pane::Reader),
        })]
    );
    // Unbound digits count quietly; G, g g and % take the number.
    assert_eq!(
        keys(&mut p, Pane::Reader, "45G"),
        [None, None, Some(Action::GoToLine(45))]
    );
    assert_eq!(
        keys(&mut p, Pane::Reader, "5gg"),
        [None, None, Some(Action::GoToLine(5))]
    );
    assert_eq!(
        keys(&mut p, Pane::Reader, "50%"),
        [None, None, Some(Action::GoToPercent(50))]
    );
    assert_eq!(keys(&mut p, Pane::Reader, "gg"), [None, Some(Action::Top)]);
    assert_eq!(
        keys(&mut p, Pane::Reader, "4n"),
        [
            None,
            Some(Action::Repeat {
                count: 4,
                action: Box::new(Action::SearchNext),
                focus: None,
            })
        ]
    );
    assert_eq!(keys(&mut p, Pane::Reader, ":"), [Some(Action::StartGoTo)]);
    // Not in the help, where there is no document to go into.
    let help = Mode::Help(HelpView::default());
    for c in [':', '%'] {
        assert_eq!(map.resolve(&mut p, &help, Pane::Reader, &ch(c)), None);
    }
}

#[test]
fn mark_keys_take_the_next_letter() {
    let map = Keymap::default();
    let m = Mode::Normal;
    let mut p = Pending::default();
    let keys = |p: &mut Pending, s: &str| -> Vec<Option<Action>> {
        s.chars()
            .map(|c| map.resolve(p, &m, Pane::Reader, &ch(c)))
            .collect()
    };
    assert_eq!(keys(&mut p, "ma"), [None, Some(Action::SetMark('a'))]);
    assert_eq!(keys(&mut p, "'a"), [None, Some(Action::GoToMark('a'))]);
    assert_eq!(keys(&mut p, "''"), [None, Some(Action::GoToMark('\''))]);
    assert_eq!(keys(&mut p, "`b"), [None, Some(Action::GoToMark('b'))]);
    // The letter is a letter, whatever it is bound to elsewhere.
    assert_eq!(keys(&mut p, "mq"), [None, Some(Action::SetMark('q'))]);
    assert_eq!(keys(&mut p, "*"), [Some(Action::NextMention)]);
    // Esc after m: nothing, and the next key is itself again.
    assert_eq!(keys(&mut p, "m"), [None]);
    let esc = press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(map.resolve(&mut p, &m, Pane::Reader, &esc), None);
    assert_eq!(keys(&mut p, "j"), [Some(Action::Down(1))]);
    let ctrl_o = press(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(
        map.resolve(&mut p, &m, Pane::Reader, &ctrl_o),
        Some(Action::JumpBack)
    );
}

#[test]
fn help_says_what_n_and_enter_do_in_the_results_pane() {
    // QA: the results pane's n / N go to the next / previous document, as
    // its hints say, but the help screen said "next match".
    let help = crate::app::help::lines(&Keymap::default());
    let start = help
        .iter()
        .position(|l| *l == HelpLine::Heading(Scope::Results.title()))
        .expect("a results section");
    let said = |action: Action| {
        help[start..]
            .iter()
            .find_map(|l| match l {
                HelpLine::Keys {
                    action: a, what, ..
                } if *a == action => Some(*what),
                _ => None,
            })
            .unwrap_or_default()
    };
    assert!(said(Action::SearchNext).contains("next document"));
    assert!(said(Action::SearchPrev).contains("previous document"));
    assert!(said(Action::Activate).contains("match"));
}

#[test]
fn the_help_and_results_sections_describe_their_own_keys_plainly() {
    // QA: "This help" listed g g / G as "with a number first, to that
    // line", which means nothing on the help screen.
    let help = crate::app::help::lines(&Keymap::default());
    let section = |scope: Scope| {
        let start = help
            .iter()
            .position(|l| *l == HelpLine::Heading(scope.title()))
            .expect("the section");
        let end = help[start..]
            .iter()
            .position(|l| *l == HelpLine::Blank)
            .map_or(help.len(), |e| start + e);
        help[start + 1..end]
            .iter()
            .filter_map(|l| match l {
                HelpLine::Keys { action, what, .. } => Some((action.clone(), *what)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    for scope in [Scope::Help, Scope::Results] {
        let lines = section(scope);
        assert!(lines.len() >= 5, "{lines:?}");
        for (action, what) in &lines {
            assert!(
                !what.contains("number first") && !what.contains("document,"),
                "{}: {action:?} is described as {what:?}",
                scope.title()
            );
        }
    }
    let help_section = section(Scope::Help);
    let said = |a: Action| help_section.iter().find(|(x, _)| *x == a).map(|(_, w)| *w);
    assert!(said(Action::Top).is_some_and(|w| w.contains("top of the help")));
    assert!(said(Action::Bottom).is_some_and(|w| w.contains("end of the help")));
    // The reader's section still says what a count does there.
    let normal = section(Scope::Global);
    assert!(
        normal
            .iter()
            .any(|(a, w)| *a == Action::Bottom && w.contains("number first"))
    );
}
