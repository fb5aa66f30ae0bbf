//! The status bar's key hints: the keys of the current mode, read from the
//! live key map (a key the user moved shows where it went).

use crate::app::{Action, AppState, Mode};

/// The hints for the state's mode and focus: ` ? help  / search  q quit `.
pub fn line(state: &AppState) -> String {
    // Keys typed towards a sequence or a count: show them until it ends.
    let p = &state.pending;
    match p.letter {
        Some(Action::SetMark(_)) => return " set mark: a–z… ".into(),
        Some(_) => return " go to mark: a–z, or ' for the last jump… ".into(),
        None => {}
    }
    if p.shown() {
        let count = p.count.map(|c| c.to_string()).unwrap_or_default();
        return format!(" {count}{}… ", crate::app::keymap::label(&p.keys));
    }
    let wanted: &[(Action, &str)] = match &state.mode {
        Mode::Normal => &[
            (Action::ToggleHelp, "help"),
            (Action::StartSearch { backward: false }, "search"),
            (Action::FocusNext, "pane"),
            (Action::Quit, "quit"),
        ],
        Mode::Visual { .. } => &[(Action::Annotate, "annotate"), (Action::Cancel, "cancel")],
        Mode::Search(_) | Mode::Filter(_) | Mode::GoTo(_) => {
            &[(Action::SearchSubmit, "done"), (Action::Cancel, "cancel")]
        }
        Mode::Editor(_) => &[
            (Action::EditorSave, "save"),
            (Action::EditorColour, "colour"),
            (Action::Cancel, "cancel"),
        ],
        Mode::Results => &[
            (Action::Activate, "open"),
            (Action::SearchNext, "next document"),
            (Action::Cancel, "close"),
        ],
        Mode::Help(h) if h.typing => &[(Action::SearchSubmit, "done"), (Action::Cancel, "cancel")],
        Mode::Help(_) => &[
            (Action::Down(1), "scroll"),
            (Action::PageDown, "page"),
            (Action::StartSearch { backward: false }, "search"),
            (Action::Cancel, "close"),
        ],
    };
    let parts: Vec<String> = wanted
        .iter()
        .filter_map(|(a, word)| {
            let keys = state.keymap.hint(&state.mode, state.focus, a)?;
            Some(format!("{keys} {word}"))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join("  "))
    }
}
