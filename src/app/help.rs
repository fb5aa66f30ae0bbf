//! The help screen's text, written from the live key map: every binding,
//! grouped by mode and pane, one line per action with all its keys.

use super::action::Action;
use super::keymap::{Keymap, Scope, label};

/// One line of the help screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A mode or pane.
    Heading(&'static str),
    /// The keys of one action and what it does.
    Keys {
        keys: String,
        action: Action,
        what: &'static str,
    },
    /// A sentence.
    Note(&'static str),
    /// A line of text from elsewhere (a notice about a file).
    Text(String),
    Blank,
}

impl HelpLine {
    /// The line as plain text, for searching.
    pub fn text(&self) -> String {
        match self {
            HelpLine::Heading(h) | HelpLine::Note(h) => h.to_string(),
            HelpLine::Text(t) => t.clone(),
            HelpLine::Keys { keys, what, .. } => format!("{keys} {what}"),
            HelpLine::Blank => String::new(),
        }
    }
}

/// The lines of the help screen, or of the notices when `notices`.
pub fn screen_lines(state: &crate::app::AppState, notices: bool) -> Vec<HelpLine> {
    if notices {
        notice_lines(&state.corpus.notices)
    } else {
        lines(&state.keymap)
    }
}

/// Every notice, one a line, under a line saying how many there are.
pub fn notice_lines(notices: &[String]) -> Vec<HelpLine> {
    let mut out = vec![HelpLine::Text(match notices.len() {
        0 => "No notices: every file was opened.".to_string(),
        1 => "1 notice. Esc closes.".to_string(),
        n => format!("{n} notices. j k Space g G scroll, / searches, Esc closes."),
    })];
    out.push(HelpLine::Blank);
    out.extend(notices.iter().map(|n| HelpLine::Text(n.clone())));
    out
}

/// Every line of the help for `keymap`.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out = vec![HelpLine::Note(
        "Every key, by mode and pane. j k Space g G scroll, / searches, Esc closes.",
    )];
    for scope in Scope::ALL {
        let bindings = keymap.bindings(scope);
        if bindings.is_empty() {
            continue;
        }
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(scope.title()));
        // One line per action, its keys in the order written.
        let mut actions: Vec<&Action> = Vec::new();
        for (_, a) in bindings {
            if !actions.contains(&a) {
                actions.push(a);
            }
        }
        for a in actions {
            let keys: Vec<String> = keymap.keys_for(scope, a).iter().map(|k| label(k)).collect();
            out.push(HelpLine::Keys {
                keys: keys.join(" "),
                action: a.clone(),
                what: what(scope, a),
            });
        }
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Note(
        "Mouse: the wheel scrolls the pane under the pointer; a click focuses a pane and selects what is under it; a drag in the reader selects text.",
    ));
    out.push(HelpLine::Note(
        "A number before a move or a jump repeats it (10j, 3J); before G it is a line (25G), before % a share. Keys and colours: plenary config --default.",
    ));
    out
}

/// What `a` does in `scope`: the action's own words, except where a mode
/// or pane gives it another meaning. The help screen and the results pane
/// say what their keys do there, in their own words: a count before `G`
/// means a document's line, which neither of them shows.
fn what(scope: Scope, a: &Action) -> &'static str {
    match (scope, a) {
        (Scope::Results, Action::SearchNext) => "next document with matches",
        (Scope::Results, Action::SearchPrev) => "previous document with matches",
        (Scope::Results, Action::Activate) => "open the document at the selected match",
        (Scope::Results, Action::Down(_)) => "next match",
        (Scope::Results, Action::Up(_)) => "previous match",
        (Scope::Results, Action::Top) => "first match",
        (Scope::Results, Action::Bottom) => "last match",
        (Scope::Results, Action::Cancel) => "close the results",
        (Scope::Help, Action::Down(_)) => "scroll the help down a line",
        (Scope::Help, Action::Up(_)) => "scroll the help up a line",
        (Scope::Help, Action::Top) => "go to the top of the help",
        (Scope::Help, Action::Bottom) => "go to the end of the help",
        (Scope::Help, Action::StartSearch { .. }) => "search the help",
        (Scope::Help, Action::SearchNext) => "next line with what was searched",
        (Scope::Help, Action::SearchPrev) => "previous line with what was searched",
        (Scope::Help, Action::Cancel) => "close the help (or the search being typed)",
        (Scope::Help, Action::ToggleHelp) => "close the help",
        _ => a.describe(),
    }
}

/// The index of the next (or previous) line after `from` containing
/// `query` (case-insensitive), wrapping around.
pub fn find(lines: &[HelpLine], query: &str, from: usize, forward: bool) -> Option<usize> {
    if query.is_empty() || lines.is_empty() {
        return None;
    }
    let q = query.to_lowercase();
    let n = lines.len();
    (1..=n)
        .map(|i| {
            if forward {
                (from + i) % n
            } else {
                (from + n * 2 - i) % n
            }
        })
        .find(|&i| lines[i].text().to_lowercase().contains(&q))
}
