//! The note editor overlay: a multi-line ratatui-textarea with undo, the
//! highlight colour, and what is being annotated.

use std::ops::Range;

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
}

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
        NoteEditor {
            textarea,
            colour,
            target,
            excerpt,
            saving: None,
            new_id: None,
        }
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
