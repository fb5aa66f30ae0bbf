//! Keys are data: the key map is a TOML table per mode and pane
//! (`assets/config.toml`, embedded), which a user's config file overrides
//! binding by binding. Resolution: the current mode's table; in normal mode
//! the focused pane's table, then the global one. Bindings may be sequences
//! of keys (`g g`), and a number typed first counts a move (`5 j`).

mod chord;

use crossterm::event::{KeyCode, KeyEvent};

pub use chord::{Chord, Keys, label};

use super::action::{Action, Pane};
use super::state::Mode;
use crate::config::ConfigError;

/// The defaults, as `plenary config --default` prints them.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Documents,
    Reader,
    Sidebar,
    Visual,
    Search,
    Filter,
    Editor,
    Help,
    Results,
}

impl Scope {
    pub const ALL: [Scope; 10] = [
        Scope::Global,
        Scope::Documents,
        Scope::Reader,
        Scope::Sidebar,
        Scope::Visual,
        Scope::Search,
        Scope::Filter,
        Scope::Editor,
        Scope::Help,
        Scope::Results,
    ];

    /// The table name in the config file (`[keys.reader]`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Documents => "documents",
            Scope::Reader => "reader",
            Scope::Sidebar => "sidebar",
            Scope::Visual => "visual",
            Scope::Search => "search",
            Scope::Filter => "filter",
            Scope::Editor => "editor",
            Scope::Help => "help",
            Scope::Results => "results",
        }
    }

    /// The heading the help screen gives the scope's keys.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere (normal mode)",
            Scope::Documents => "Document list",
            Scope::Reader => "Reader",
            Scope::Sidebar => "Sidebar (Entities and Notes tabs)",
            Scope::Visual => "Selecting text (after v)",
            Scope::Search => "Typing a search (other keys type)",
            Scope::Filter => "Typing a filter (other keys type)",
            Scope::Editor => "Note editor (other keys edit the note)",
            Scope::Help => "This help",
            Scope::Results => "Corpus search results (after F and Enter)",
        }
    }

    /// The tables read, in order, in a mode with a pane focused.
    pub fn chain(mode: &Mode, focus: Pane) -> &'static [Scope] {
        match mode {
            Mode::Normal => match focus {
                Pane::List => &[Scope::Documents, Scope::Global],
                Pane::Reader => &[Scope::Reader, Scope::Global],
                Pane::Sidebar => &[Scope::Sidebar, Scope::Global],
            },
            Mode::Help(h) if h.typing => &[Scope::Search],
            Mode::Help(_) => &[Scope::Help],
            Mode::Search(_) | Mode::GoTo(_) => &[Scope::Search],
            Mode::Filter(_) => &[Scope::Filter],
            Mode::Visual { .. } => &[Scope::Visual],
            Mode::Editor(_) => &[Scope::Editor],
            Mode::Results => &[Scope::Results],
        }
    }
}

/// The key map: for each scope, its bindings in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    scopes: Vec<(Scope, Vec<(Keys, Action)>)>,
}

impl Default for Keymap {
    /// The embedded defaults.
    fn default() -> Self {
        let doc = toml_edit::Document::parse(DEFAULT_CONFIG).expect("the default config parses");
        let mut map = Keymap {
            scopes: Scope::ALL.iter().map(|s| (*s, Vec::new())).collect(),
        };
        let errors = map.merge(doc.as_table(), DEFAULT_CONFIG, "(defaults)");
        assert!(errors.is_empty(), "default key map: {errors:?}");
        map
    }
}

impl Keymap {
    pub fn bindings(&self, scope: Scope) -> &[(Keys, Action)] {
        self.scopes
            .iter()
            .find(|(s, _)| *s == scope)
            .map_or(&[], |(_, b)| b.as_slice())
    }

    fn bindings_mut(&mut self, scope: Scope) -> &mut Vec<(Keys, Action)> {
        let i = self
            .scopes
            .iter()
            .position(|(s, _)| *s == scope)
            .unwrap_or(0);
        &mut self.scopes[i].1
    }

    /// Every key bound to `action` in `scope`, in the order written.
    pub fn keys_for(&self, scope: Scope, action: &Action) -> Vec<&Keys> {
        self.bindings(scope)
            .iter()
            .filter(|(_, a)| a == action)
            .map(|(k, _)| k)
            .collect()
    }

    /// Merges the `[keys.*]` tables of a config document over this map:
    /// a key written there replaces the binding of that key in that table,
    /// `"none"` removes it. Returns every problem, naming file, line and key;
    /// the map is only changed when there is none.
    pub fn merge(&mut self, root: &toml_edit::Table, text: &str, file: &str) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        let mut next = self.clone();
        let at = |span: Option<std::ops::Range<usize>>| {
            span.map_or(0, |r| {
                text[..r.start.min(text.len())].matches('\n').count() + 1
            })
        };
        let Some(item) = root.get("keys") else {
            return errors;
        };
        let Some(keys) = item.as_table_like() else {
            errors.push(ConfigError::new(
                file,
                at(item.span()),
                "keys",
                "must be a table",
            ));
            return errors;
        };
        for (name, item) in keys.iter() {
            let line = at(keys.key(name).and_then(|k| k.span()));
            let Some(scope) = Scope::ALL.iter().copied().find(|s| s.name() == name) else {
                let known: Vec<_> = Scope::ALL.iter().map(|s| s.name()).collect();
                errors.push(ConfigError::new(
                    file,
                    line,
                    &format!("keys.{name}"),
                    &format!("no such mode or pane (known: {})", known.join(", ")),
                ));
                continue;
            };
            let Some(table) = item.as_table_like() else {
                errors.push(ConfigError::new(
                    file,
                    line,
                    &format!("keys.{name}"),
                    "must be a table",
                ));
                continue;
            };
            let mut seen: Vec<Keys> = Vec::new();
            for (key, value) in table.iter() {
                let line = at(table.key(key).and_then(|k| k.span()));
                let what = format!("[keys.{name}] {key:?}");
                let chords: Result<Keys, String> =
                    key.split_whitespace().map(Chord::parse).collect();
                let chords = match chords {
                    Ok(c) if !c.is_empty() => c,
                    Ok(_) => {
                        errors.push(ConfigError::new(file, line, &what, "no key given"));
                        continue;
                    }
                    Err(e) => {
                        errors.push(ConfigError::new(file, line, &what, &e));
                        continue;
                    }
                };
                if seen.contains(&chords) {
                    errors.push(ConfigError::new(
                        file,
                        line,
                        &what,
                        &format!("\"{}\" is bound twice in [keys.{name}]", label(&chords)),
                    ));
                    continue;
                }
                seen.push(chords.clone());
                let Some(action_name) = value.as_str() else {
                    errors.push(ConfigError::new(
                        file,
                        line,
                        &what,
                        "the action must be a string",
                    ));
                    continue;
                };
                let list = next.bindings_mut(scope);
                // A binding written as it already is keeps its place.
                if Action::by_name(action_name)
                    .is_some_and(|a| list.iter().any(|(k, x)| *k == chords && *x == a))
                {
                    continue;
                }
                list.retain(|(k, _)| *k != chords);
                if action_name == "none" {
                    continue;
                }
                match Action::by_name(action_name) {
                    // A key this table binds to an action that already had
                    // keys (the defaults') goes before them: the first key
                    // is the action's primary one, named by the hints.
                    Some(a) => match list.iter().position(|(k, x)| *x == a && !seen.contains(k)) {
                        Some(i) => list.insert(i, (chords, a)),
                        None => list.push((chords, a)),
                    },
                    None => errors.push(ConfigError::new(
                        file,
                        line,
                        &what,
                        &format!("unknown action {action_name:?}"),
                    )),
                }
            }
        }
        for problem in next.conflicts() {
            errors.push(ConfigError::new(file, 0, "keys", &problem));
        }
        if errors.is_empty() {
            *self = next;
        }
        errors
    }

    /// Bindings that cannot all work: in a chain of tables read together,
    /// a sequence that starts with another binding's keys.
    pub fn conflicts(&self) -> Vec<String> {
        let mut out = Vec::new();
        let chains: [&[Scope]; 8] = [
            &[Scope::Documents, Scope::Global],
            &[Scope::Reader, Scope::Global],
            &[Scope::Sidebar, Scope::Global],
            &[Scope::Visual],
            &[Scope::Search],
            &[Scope::Filter],
            &[Scope::Editor],
            &[Scope::Help],
        ];
        for chain in chains {
            let all: Vec<(Scope, &Keys)> = chain
                .iter()
                .flat_map(|s| self.bindings(*s).iter().map(move |(k, _)| (*s, k)))
                .collect();
            for (sa, a) in &all {
                for (sb, b) in &all {
                    if a.len() < b.len() && b.starts_with(a) {
                        out.push(format!(
                            "\"{}\" in [keys.{}] hides \"{}\" in [keys.{}]",
                            label(a),
                            sa.name(),
                            label(b),
                            sb.name()
                        ));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The action of a complete key sequence in a mode and focus.
    pub fn lookup(&self, mode: &Mode, focus: Pane, keys: &[Chord]) -> Lookup {
        let mut prefix = false;
        for scope in Scope::chain(mode, focus) {
            for (k, a) in self.bindings(*scope) {
                if k.as_slice() == keys {
                    return Lookup::Action(a.clone());
                }
                prefix |= k.len() > keys.len() && k.starts_with(keys);
            }
        }
        if prefix { Lookup::Prefix } else { Lookup::None }
    }

    /// The action a key press asks for, given the keys typed before it
    /// (`pending`, kept between presses for sequences and counts).
    pub fn resolve(
        &self,
        pending: &mut Pending,
        mode: &Mode,
        focus: Pane,
        ev: &KeyEvent,
    ) -> Option<Action> {
        let mut chord = Chord::of(ev);
        // The letter after `m` or `'`.
        if let Some(wants) = pending.letter.take() {
            *pending = Pending::default();
            return match (&wants, chord.code) {
                (_, KeyCode::Char(c)) if !chord.ctrl && !chord.alt => Some(match wants {
                    Action::SetMark(_) => Action::SetMark(c),
                    _ => Action::GoToMark(c),
                }),
                _ => None,
            };
        }
        // Alt-x where only x is bound (a fast Esc then x reads as Alt-x).
        if chord.alt
            && pending.keys.is_empty()
            && self.lookup(mode, focus, &[chord]) == Lookup::None
        {
            chord.alt = false;
        }
        if let Some(d) = chord.digit()
            && pending.keys.is_empty()
            && matches!(mode, Mode::Normal | Mode::Visual { .. } | Mode::Help(_))
            && !matches!(mode, Mode::Help(h) if h.typing)
            && (d > 0 || pending.count.is_some())
        {
            let bound = self.lookup(mode, focus, &[chord]);
            let n = pending
                .count
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(d);
            if pending.count.is_some() {
                // A second digit: a count after all. A pane the first digit
                // focused is given back.
                pending.count = Some(n.min(9999));
                return pending.refocus.take().map(Action::Focus);
            }
            match bound {
                Lookup::None => {
                    pending.count = Some(n);
                    return None;
                }
                // A digit with a key of its own (`1` focuses the list) does
                // it at once, and may still begin a count (`10j`, `3J`).
                Lookup::Action(a) if matches!(mode, Mode::Normal) => {
                    pending.count = Some(n);
                    pending.refocus = Some(focus);
                    return Some(a);
                }
                _ => {}
            }
        }
        pending.keys.push(chord);
        let found = match self.lookup(mode, focus, &pending.keys) {
            Lookup::None if pending.keys.len() > 1 => {
                // Not a sequence after all: the last key alone.
                pending.keys = vec![chord];
                self.lookup(mode, focus, &pending.keys)
            }
            other => other,
        };
        match found {
            Lookup::Prefix => return None,
            Lookup::Action(a @ (Action::SetMark('\0') | Action::GoToMark('\0'))) => {
                *pending = Pending {
                    letter: Some(a),
                    ..Pending::default()
                };
                pending.keys = Vec::new();
                return None;
            }
            Lookup::Action(a) => {
                let count = pending.count.take();
                let refocus = pending.refocus.take();
                pending.keys.clear();
                return Some(counted(a, count, refocus));
            }
            Lookup::None => {}
        }
        *pending = Pending::default();
        // Unbound keys type text in the prompts and the editor.
        let typing = matches!(mode, Mode::Search(_) | Mode::Filter(_) | Mode::GoTo(_))
            || matches!(mode, Mode::Help(h) if h.typing);
        match ev.code {
            KeyCode::Char(c) if typing && !chord.ctrl && !chord.alt => Some(Action::SearchInput(c)),
            _ if matches!(mode, Mode::Editor(_)) => Some(Action::EditorKey(*ev)),
            KeyCode::Modifier(_) => None,
            _ if matches!(mode, Mode::Normal | Mode::Visual { .. }) => {
                Some(Action::Unbound(label(&[chord])))
            }
            _ => None,
        }
    }

    /// The primary key of `action` in the first scope of the chain that
    /// binds it, written for a hint: `?`, `Enter`, `Ctrl-s`. The primary
    /// key is the first one its table binds to it, as README and help name
    /// it (`Enter` before its alias `l`, `Esc` before `q`); a key the
    /// user's config binds to it comes before the defaults' keys.
    pub fn hint(&self, mode: &Mode, focus: Pane, action: &Action) -> Option<String> {
        Scope::chain(mode, focus)
            .iter()
            .find_map(|s| self.keys_for(*s, action).first().map(|k| label(k)))
    }
}

/// `action` with the count typed before it. After a lone digit that has a
/// key of its own (`3` focuses the sidebar), moves within the pane and
/// pane keys keep their plain meaning (`1 j`: the list, next document);
/// a jump takes the count and the pane is given back (`3 J`).
fn counted(action: Action, count: Option<usize>, refocus: Option<Pane>) -> Action {
    let Some(c) = count else { return action };
    let jump = matches!(
        action,
        Action::NextTurn
            | Action::PrevTurn
            | Action::NextSameSpeaker
            | Action::PrevSameSpeaker
            | Action::SearchNext
            | Action::SearchPrev
            | Action::NextMention
            | Action::PrevMention
            | Action::GoBack
            | Action::Top
            | Action::Bottom
            | Action::GoToPercent(_)
    );
    if refocus.is_some() && !jump {
        return action;
    }
    let action = match action {
        Action::Down(n) => return Action::Down(n * c),
        Action::Up(n) => return Action::Up(n * c),
        Action::Top | Action::Bottom => Action::GoToLine(c),
        Action::GoToPercent(_) => Action::GoToPercent(c),
        a if jump => a,
        Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::NextTab
        | Action::PrevTab
        | Action::Extend(_)
        | Action::ExtendToTurn => action,
        // Nothing to repeat.
        a => return a,
    };
    let single = matches!(action, Action::GoToLine(_) | Action::GoToPercent(_));
    match (single, refocus) {
        (true, None) => action,
        _ => Action::Repeat {
            count: if single { 1 } else { c },
            action: Box::new(action),
            focus: refocus,
        },
    }
}

/// Keys typed so far towards a sequence, and a count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    pub keys: Keys,
    pub count: Option<usize>,
    /// The pane focused before a digit key that has an action of its own
    /// began this count: given back if the count goes on.
    pub refocus: Option<Pane>,
    /// `m` or `'` typed: the next key is a mark's letter.
    pub letter: Option<Action>,
}

impl Pending {
    /// Keys or a count are being typed (a lone digit that did its own
    /// action is not shown as one).
    pub fn shown(&self) -> bool {
        !self.keys.is_empty()
            || self.letter.is_some()
            || (self.count.is_some() && self.refocus.is_none())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys begin a longer binding.
    Prefix,
    None,
}

#[cfg(test)]
mod tests;
