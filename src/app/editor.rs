//! The note editor overlay: a multi-line ratatui-textarea with undo, the
//! highlight colour, and what is being annotated.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::annotations::Colour;

/// What the editor will save to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditTarget {
    /// A new annotation on bytes `range` of document `doc`.
    New { doc: usize, range: Range<usize> },
    /// An existing annotation.
    Existing { id: String },
}

#[derive(Clone, Debug)]
pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    pub colour: Colour,
    pub target: EditTarget,
    /// The passage being annotated, for the overlay's title.
    pub excerpt: String,
    /// The save sent to the store and not yet confirmed (its number).
    pub saving: Option<u64>,
    /// The id a new annotation is saved under, fixed at the first attempt
    /// so that trying again never makes a second one.
    pub new_id: Option<String>,
    /// Undo steps, oldest first: how many of the text area's own
    /// (character-sized) edits each one takes back, so that undo takes
    /// back a word, a run of deletions, or one other edit at a time.
    undo_groups: Vec<usize>,
    /// Steps undone that redo can bring back, the last undone last.
    redo_groups: Vec<usize>,
    /// The kind of the last edit, which decides whether the next one joins
    /// its step.
    last_edit: EditKind,
}

/// What an edit was, for grouping undo steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKind {
    /// A character typed (a space starts a new word's step).
    Typing,
    /// Backspace or Delete.
    Deleting,
    /// Anything else (newline, paste, cut, a word deleted at once).
    Other,
}

/// How many edits the text area keeps for undo (its default is 50 single
/// characters, less than a sentence).
const MAX_HISTORY: usize = 10_000;

impl NoteEditor {
    pub fn new(target: EditTarget, note: &str, colour: Colour, excerpt: String) -> Self {
        let lines: Vec<String> = if note.is_empty() {
            vec![String::new()]
        } else {
            note.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_placeholder_text("A note (optional); #words become tags");
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_max_histories(MAX_HISTORY);
        NoteEditor {
            textarea,
            colour,
            target,
            excerpt,
            saving: None,
            new_id: None,
            undo_groups: Vec::new(),
            redo_groups: Vec::new(),
            last_edit: EditKind::Other,
        }
    }

    /// A key typed into the note. Edits are grouped into undo steps.
    pub fn input(&mut self, ev: KeyEvent) {
        let plain = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let kind = match ev.code {
            KeyCode::Char(_) if plain => EditKind::Typing,
            KeyCode::Backspace | KeyCode::Delete if plain => EditKind::Deleting,
            _ => EditKind::Other,
        };
        let starts_word = matches!(ev.code, KeyCode::Char(c) if c.is_whitespace());
        if !self.textarea.input(ev) {
            return;
        }
        let joins = kind != EditKind::Other && kind == self.last_edit && !starts_word;
        match self.undo_groups.last_mut() {
            Some(n) if joins => *n += 1,
            _ => self.undo_groups.push(1),
        }
        if self.undo_groups.len() > MAX_HISTORY {
            self.undo_groups.remove(0);
        }
        self.redo_groups.clear();
        self.last_edit = kind;
    }

    /// Takes back the last step (a word, a run of deletions, an edit).
    /// Whether anything changed.
    pub fn undo(&mut self) -> bool {
        self.last_edit = EditKind::Other;
        let Some(n) = self.undo_groups.pop() else {
            return false;
        };
        let done = (0..n).take_while(|_| self.textarea.undo()).count();
        if done > 0 {
            self.redo_groups.push(done);
        }
        done > 0
    }

    /// Brings back the last step undone. Whether anything changed.
    pub fn redo(&mut self) -> bool {
        self.last_edit = EditKind::Other;
        let Some(n) = self.redo_groups.pop() else {
            return false;
        };
        let done = (0..n).take_while(|_| self.textarea.redo()).count();
        if done > 0 {
            self.undo_groups.push(done);
        }
        done > 0
    }

    /// The note as typed.
    pub fn note(&self) -> String {
        self.textarea.lines().join("\n").trim_end().to_string()
    }

    /// The next highlight colour.
    pub fn cycle_colour(&mut self) {
        let all = Colour::ALL;
        let i = all.iter().position(|c| *c == self.colour).unwrap_or(0);
        self.colour = all[(i + 1) % all.len()];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor() -> NoteEditor {
        NoteEditor::new(
            EditTarget::New {
                doc: 0,
                range: 0..1,
            },
            "",
            Colour::default(),
            "x".into(),
        )
    }

    fn type_str(ed: &mut NoteEditor, s: &str) {
        for c in s.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            ed.input(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time_and_redo_brings_it_back() {
        let mut ed = editor();
        type_str(&mut ed, "Checked against the record");
        assert!(ed.undo());
        assert_eq!(ed.note(), "Checked against the");
        assert!(ed.undo());
        assert_eq!(ed.note(), "Checked against");
        assert!(ed.redo());
        assert_eq!(ed.note(), "Checked against the");
        // Typing after an undo forgets what could be redone.
        type_str(&mut ed, "ir");
        assert!(!ed.redo());
        assert_eq!(ed.note(), "Checked against their");
        assert!(ed.undo());
        assert_eq!(ed.note(), "Checked against the");
        assert!(ed.undo());
        assert!(ed.undo());
        assert_eq!(ed.note(), "Checked");
        assert!(ed.undo());
        assert_eq!(ed.note(), "");
        assert!(!ed.undo());
    }

    #[test]
    fn a_run_of_deletions_and_a_new_line_are_one_step_each() {
        let mut ed = editor();
        type_str(&mut ed, "first\nsecond");
        for _ in 0..3 {
            ed.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        assert_eq!(ed.note(), "first\nsec");
        assert!(ed.undo());
        assert_eq!(ed.note(), "first\nsecond");
        assert!(ed.undo());
        assert_eq!(ed.textarea.lines(), ["first", ""]);
        assert!(ed.undo());
        assert_eq!(ed.textarea.lines(), ["first"]);
    }

    #[test]
    fn a_long_note_can_be_undone_to_the_start() {
        let mut ed = editor();
        let words = "word ".repeat(100);
        type_str(&mut ed, &words);
        while ed.undo() {}
        assert_eq!(ed.note(), "");
    }
}
