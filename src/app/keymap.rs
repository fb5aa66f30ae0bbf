//! Keys are data: one table says which key does what, in which pane, with
//! the words the help overlay shows. Resolution: the current mode first,
//! then the focused pane's bindings, then the global ones.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::state::Mode;

/// A key with or without Ctrl (Shift is part of the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Chord {
    Chord { code, ctrl: false }
}

impl Chord {
    /// How the help overlay writes the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        code == self.code && ctrl == self.ctrl
    }
}

/// One line of the key table.
pub struct Binding {
    pub keys: &'static [Chord],
    /// `None`: everywhere; otherwise only when that pane has the focus.
    pub pane: Option<Pane>,
    pub action: Action,
    pub help: &'static str,
}

const fn bind(keys: &'static [Chord], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        pane: None,
        action,
        help,
    }
}

const fn in_pane(
    pane: Pane,
    keys: &'static [Chord],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        pane: Some(pane),
        action,
        help,
    }
}

/// Every binding of normal mode, in the order the help overlay lists them.
pub static BINDINGS: &[Binding] = &[
    bind(
        &[key('j'), code(KeyCode::Down)],
        Action::Down(1),
        "down: next document, scroll, next entry",
    ),
    bind(
        &[key('k'), code(KeyCode::Up)],
        Action::Up(1),
        "up: previous document, scroll, previous entry",
    ),
    bind(
        &[code(KeyCode::PageDown), key(' '), ctrl('f')],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
    ),
    bind(&[ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind(&[ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind(
        &[key('g'), code(KeyCode::Home)],
        Action::Top,
        "go to the top",
    ),
    bind(
        &[key('G'), code(KeyCode::End)],
        Action::Bottom,
        "go to the end",
    ),
    bind(
        &[code(KeyCode::Enter), key('l'), code(KeyCode::Right)],
        Action::Activate,
        "open the document / jump to the entry",
    ),
    bind(
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        "focus the next pane",
    ),
    bind(
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        "focus the previous pane",
    ),
    bind(
        &[key('1')],
        Action::Focus(Pane::List),
        "focus the document list",
    ),
    bind(&[key('2')], Action::Focus(Pane::Reader), "focus the reader"),
    bind(
        &[key('3')],
        Action::Focus(Pane::Sidebar),
        "focus the sidebar",
    ),
    bind(&[key(']')], Action::NextTab, "next sidebar tab"),
    bind(&[key('[')], Action::PrevTab, "previous sidebar tab"),
    bind(
        &[key('/')],
        Action::StartSearch { backward: false },
        "search forward in the document",
    ),
    bind(
        &[key('\\')],
        Action::StartSearch { backward: true },
        "search backward in the document",
    ),
    bind(&[key('n')], Action::SearchNext, "next match"),
    bind(&[key('N')], Action::SearchPrev, "previous match"),
    bind(
        &[key('J'), key('}')],
        Action::NextTurn,
        "next speaker turn (in an article: next quotation)",
    ),
    bind(
        &[key('K'), key('{')],
        Action::PrevTurn,
        "previous speaker turn (in an article: previous quotation)",
    ),
    bind(
        &[key('>')],
        Action::NextSameSpeaker,
        "next turn by the same speaker",
    ),
    bind(
        &[key('<')],
        Action::PrevSameSpeaker,
        "previous turn by the same speaker",
    ),
    in_pane(
        Pane::Reader,
        &[key('v')],
        Action::StartVisual,
        "select text (then w b ) ( j k } { t to extend, Enter to annotate)",
    ),
    in_pane(
        Pane::Reader,
        &[key('A')],
        Action::AnnotateParagraph,
        "annotate the paragraph at the cursor",
    ),
    in_pane(
        Pane::Reader,
        &[key('T')],
        Action::AnnotateTurn,
        "annotate the speaker turn at the cursor",
    ),
    in_pane(
        Pane::Sidebar,
        &[key('e')],
        Action::EditNote,
        "edit the selected note (Notes tab)",
    ),
    in_pane(
        Pane::Sidebar,
        &[key('x')],
        Action::DeleteNote,
        "delete the selected note (Notes tab)",
    ),
    in_pane(
        Pane::Sidebar,
        &[key('u')],
        Action::UndoDelete,
        "undo the last deletion (Notes tab)",
    ),
    in_pane(
        Pane::Sidebar,
        &[key('o')],
        Action::ToggleAllNotes,
        "notes of this document / of all documents",
    ),
    bind(
        &[key('s')],
        Action::GoToSource,
        "go to the transcript passage a quotation came from",
    ),
    bind(
        &[key('a')],
        Action::NextQuotingArticle,
        "go to the next article quoting this turn",
    ),
    bind(
        &[key('b'), code(KeyCode::Backspace)],
        Action::GoBack,
        "go back to where the jump started",
    ),
    bind(
        &[key('m')],
        Action::NextMention,
        "next mention of the chosen entity",
    ),
    bind(
        &[key('M')],
        Action::PrevMention,
        "previous mention of the chosen entity",
    ),
    bind(
        &[key('D')],
        Action::NextEntityDocument,
        "next document that mentions the chosen entity",
    ),
    in_pane(
        Pane::Sidebar,
        &[key('f')],
        Action::StartEntityFilter,
        "filter the Entities or Notes tab",
    ),
    in_pane(
        Pane::Reader,
        &[key('z')],
        Action::ToggleFolds,
        "fold / unfold page furniture and comments",
    ),
    bind(
        &[key('?'), code(KeyCode::F(1))],
        Action::ToggleHelp,
        "this help",
    ),
    bind(
        &[code(KeyCode::Esc)],
        Action::Cancel,
        "clear the search, then the speaker filter; close",
    ),
    bind(&[key('q'), ctrl('c')], Action::Quit, "quit"),
];

/// The action a key press asks for in the current mode and focus.
pub fn resolve(mode: &Mode, focus: Pane, ev: &KeyEvent) -> Option<Action> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(ev.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => match ev.code {
            KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::F(1) => Some(Action::ToggleHelp),
            _ => None,
        },
        Mode::Visual { .. } => {
            use super::visual::Motion::*;
            match ev.code {
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Enter | KeyCode::Char('a') => Some(Action::Annotate),
                KeyCode::Char('w' | 'e') | KeyCode::Right => Some(Action::Extend(WordForward)),
                KeyCode::Char('b') | KeyCode::Left => Some(Action::Extend(WordBack)),
                KeyCode::Char(')') => Some(Action::Extend(SentenceForward)),
                KeyCode::Char('(') => Some(Action::Extend(SentenceBack)),
                KeyCode::Char('j') | KeyCode::Down => Some(Action::Extend(LineForward)),
                KeyCode::Char('k') | KeyCode::Up => Some(Action::Extend(LineBack)),
                KeyCode::Char('}') => Some(Action::Extend(ParagraphForward)),
                KeyCode::Char('{') => Some(Action::Extend(ParagraphBack)),
                KeyCode::Char('t') => Some(Action::ExtendToTurn),
                _ => None,
            }
        }
        Mode::Editor => match ev.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Char('s') if ctrl => Some(Action::EditorSave),
            KeyCode::Char('o') if ctrl => Some(Action::EditorColour),
            _ => Some(Action::EditorKey(*ev)),
        },
        Mode::SearchInput { .. } | Mode::EntityFilter => match ev.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        },
        Mode::Normal => {
            let find = |pane: Option<Pane>| {
                BINDINGS
                    .iter()
                    .filter(|b| b.pane == pane)
                    .find(|b| b.keys.iter().any(|k| k.matches(ev)))
                    .map(|b| b.action.clone())
            };
            find(Some(focus)).or_else(|| find(None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_two_bindings_share_a_key_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.pane == b.pane {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound twice", k.label());
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl_resolve() {
        let m = Mode::Normal;
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(resolve(&m, Pane::Reader, &g), Some(Action::Bottom));
        let cd = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(resolve(&m, Pane::Reader, &cd), Some(Action::HalfPageDown));
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(&Mode::Help, Pane::List, &cc), Some(Action::Quit));
    }

    #[test]
    fn search_mode_takes_typed_characters() {
        let m = Mode::SearchInput { origin: 0 };
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            resolve(&m, Pane::Reader, &q),
            Some(Action::SearchInput('q'))
        );
    }

    #[test]
    fn pane_bindings_apply_only_in_their_pane() {
        let z = press(KeyCode::Char('z'), KeyModifiers::NONE);
        assert_eq!(
            resolve(&Mode::Normal, Pane::Reader, &z),
            Some(Action::ToggleFolds)
        );
        assert_eq!(resolve(&Mode::Normal, Pane::List, &z), None);
    }
}
