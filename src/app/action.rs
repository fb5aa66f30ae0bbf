/// The three panes of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    Sidebar,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Sidebar];

    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "documents",
            Pane::Reader => "reader",
            Pane::Sidebar => "sidebar",
        }
    }
}

/// Everything the user can ask for, and the few things the terminal tells
/// us. The keymap turns keys into actions; `update` is the only place that
/// acts on them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Focus the next / previous pane, or a given one.
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// Move in the focused pane: the list selection, the reader's scroll
    /// position, the sidebar selection. Counts are rows.
    Down(usize),
    Up(usize),
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    /// Go to line N (from 1) of the reader, or entry N of a list (`N G`,
    /// `N g g`, `:N`).
    GoToLine(usize),
    /// Go to N per cent of the document (`N %`); 0 when no number was typed.
    GoToPercent(usize),
    /// Start typing a line number (`:`).
    StartGoTo,
    /// An action with a count typed before it, done that many times;
    /// `focus` gives back the pane a digit key focused when it began a count.
    Repeat {
        count: usize,
        action: Box<Action>,
        focus: Option<Pane>,
    },
    /// Set mark `c` at the cursor (`m a`); `'\0'` in the key map: the
    /// next key typed is the mark.
    SetMark(char),
    /// Go to mark `c` (`' a`), across documents; `'\''` goes back to where
    /// the last jump started (`' '`).
    GoToMark(char),
    /// Back and forward along the jump list, across documents.
    JumpBack,
    JumpForward,
    /// Copy the selection, or the turn or quotation at the cursor, with
    /// its citation, to the clipboard.
    Copy,
    /// Enter: open the selected document, or jump to the selected entry.
    Activate,
    /// Esc: close the overlay, leave the mode, clear the filter.
    Cancel,
    NextTab,
    PrevTab,
    ToggleHelp,
    ShowNotices,
    /// Jump to the next / previous speaker turn.
    NextTurn,
    PrevTurn,
    /// Jump to the next / previous turn of the speaker at the top.
    NextSameSpeaker,
    PrevSameSpeaker,
    /// Start selecting text at the cursor (visual mode).
    StartVisual,
    /// Extend the selection.
    Extend(crate::app::visual::Motion),
    /// Extend the selection to the end of the speaker turn.
    ExtendToTurn,
    /// Annotate the selection: open the note editor.
    Annotate,
    /// Annotate the paragraph, or the speaker turn, at the cursor.
    AnnotateParagraph,
    AnnotateTurn,
    /// A key for the note editor's text.
    EditorKey(crossterm::event::KeyEvent),
    EditorSave,
    EditorColour,
    EditorUndo,
    EditorRedo,
    /// Edit, delete, undo the deletion of the annotation selected in the
    /// Notes tab.
    EditNote,
    DeleteNote,
    UndoDelete,
    /// Notes tab: this document only, or all documents.
    ToggleAllNotes,
    /// Mouse drag in the reader: select from where the button went down.
    Drag {
        x: u16,
        y: u16,
    },
    /// Jump from the quotation at the reading position to the transcript
    /// passage it came from.
    GoToSource,
    /// Jump from a transcript turn to the next article quoting it.
    NextQuotingArticle,
    /// Go back to where the last jump started.
    GoBack,
    /// A key bound to nothing in this mode and pane (its label): said in
    /// the status bar.
    Unbound(String),
    /// Jump to the next / previous mention of the chosen entity.
    NextMention,
    PrevMention,
    /// Open the next document that mentions the chosen entity.
    NextEntityDocument,
    /// Document list: the next order (found, name, date, kind, size).
    SortDocuments,
    /// Start typing a filter for the Entities or Notes tab.
    StartEntityFilter,
    /// Fold or unfold the page furniture of the open document.
    ToggleFolds,
    /// Start a search forward (`/`) or backward (`?`).
    StartSearch {
        backward: bool,
    },
    /// Start typing a search of the whole corpus (`F`).
    StartCorpusSearch,
    SearchInput(char),
    SearchBackspace,
    SearchSubmit,
    /// Next / previous match, in the search's direction (`n`) or against it (`N`).
    SearchNext,
    SearchPrev,
    /// Mouse: wheel over a pane, click at a screen position.
    Scroll {
        x: u16,
        y: u16,
        down: bool,
    },
    Click {
        x: u16,
        y: u16,
    },
    Resize,
}

use crate::app::visual::Motion;

/// Every action a key can be bound to: its name in the key map (snake_case)
/// and the words the help screen shows for it.
pub static NAMED: &[(&str, Action, &str)] = &[
    (
        "down",
        Action::Down(1),
        "down: next document, scroll, next entry",
    ),
    (
        "up",
        Action::Up(1),
        "up: previous document, scroll, previous entry",
    ),
    ("page_down", Action::PageDown, "page down"),
    ("page_up", Action::PageUp, "page up"),
    ("half_page_down", Action::HalfPageDown, "half a page down"),
    ("half_page_up", Action::HalfPageUp, "half a page up"),
    (
        "top",
        Action::Top,
        "go to the top; with a number first, to that line",
    ),
    (
        "bottom",
        Action::Bottom,
        "go to the end; with a number first (25G), to that line",
    ),
    (
        "go_to_line",
        Action::StartGoTo,
        "go to a line: type its number (or N%) and Enter",
    ),
    (
        "go_to_percent",
        Action::GoToPercent(0),
        "go to N per cent of the document (a number first: 50%)",
    ),
    (
        "activate",
        Action::Activate,
        "open the document / jump to the entry / show only this speaker / highlight this entity",
    ),
    ("focus_next", Action::FocusNext, "focus the next pane"),
    ("focus_prev", Action::FocusPrev, "focus the previous pane"),
    (
        "focus_documents",
        Action::Focus(Pane::List),
        "focus the document list",
    ),
    (
        "focus_reader",
        Action::Focus(Pane::Reader),
        "focus the reader",
    ),
    (
        "focus_sidebar",
        Action::Focus(Pane::Sidebar),
        "focus the sidebar",
    ),
    ("next_tab", Action::NextTab, "next sidebar tab"),
    ("prev_tab", Action::PrevTab, "previous sidebar tab"),
    (
        "search_forward",
        Action::StartSearch { backward: false },
        "search forward",
    ),
    (
        "search_backward",
        Action::StartSearch { backward: true },
        "search backward",
    ),
    (
        "search_corpus",
        Action::StartCorpusSearch,
        "search the whole corpus: words, re:REGEX, speaker:NAME, entity:NAME, kind:transcript|article",
    ),
    ("search_next", Action::SearchNext, "next match"),
    ("search_prev", Action::SearchPrev, "previous match"),
    (
        "search_submit",
        Action::SearchSubmit,
        "done typing: keep the search or filter",
    ),
    (
        "search_backspace",
        Action::SearchBackspace,
        "delete the last character typed",
    ),
    (
        "next_turn",
        Action::NextTurn,
        "next speaker turn (in an article: next quotation)",
    ),
    (
        "prev_turn",
        Action::PrevTurn,
        "previous speaker turn (in an article: previous quotation)",
    ),
    (
        "next_same_speaker",
        Action::NextSameSpeaker,
        "next turn by the same speaker",
    ),
    (
        "prev_same_speaker",
        Action::PrevSameSpeaker,
        "previous turn by the same speaker",
    ),
    (
        "go_to_source",
        Action::GoToSource,
        "go to the transcript passage a quotation came from",
    ),
    (
        "next_quoting_article",
        Action::NextQuotingArticle,
        "go to the next article quoting this turn",
    ),
    (
        "go_back",
        Action::GoBack,
        "go back to where the jump started",
    ),
    (
        "next_mention",
        Action::NextMention,
        "next mention of the chosen entity",
    ),
    (
        "prev_mention",
        Action::PrevMention,
        "previous mention of the chosen entity",
    ),
    (
        "next_entity_document",
        Action::NextEntityDocument,
        "next document that mentions the chosen entity",
    ),
    (
        "select",
        Action::StartVisual,
        "select text from the cursor, to annotate it",
    ),
    (
        "set_mark",
        Action::SetMark('\0'),
        "set a mark at the cursor: then its letter (m a)",
    ),
    (
        "go_to_mark",
        Action::GoToMark('\0'),
        "go to a mark: then its letter (' a), or ' for where the last jump started",
    ),
    (
        "jump_back",
        Action::JumpBack,
        "back along the jump list (every jump, across documents)",
    ),
    (
        "jump_forward",
        Action::JumpForward,
        "forward along the jump list",
    ),
    (
        "copy",
        Action::Copy,
        "copy the selection, or the turn or quotation at the cursor, with its citation",
    ),
    (
        "annotate_paragraph",
        Action::AnnotateParagraph,
        "annotate the paragraph at the cursor",
    ),
    (
        "annotate_turn",
        Action::AnnotateTurn,
        "annotate the speaker turn at the cursor",
    ),
    (
        "toggle_folds",
        Action::ToggleFolds,
        "fold / unfold page furniture and comments",
    ),
    (
        "filter",
        Action::StartEntityFilter,
        "filter the document list (title, file, kind, source, speaker), or the Entities or Notes tab",
    ),
    (
        "sort_documents",
        Action::SortDocuments,
        "sort the document list: as found, by name, date, kind, size",
    ),
    (
        "edit_note",
        Action::EditNote,
        "edit the selected note (Notes tab)",
    ),
    (
        "delete_note",
        Action::DeleteNote,
        "delete the selected note (Notes tab)",
    ),
    (
        "undo_delete",
        Action::UndoDelete,
        "undo the last deletion (Notes tab)",
    ),
    (
        "toggle_all_notes",
        Action::ToggleAllNotes,
        "notes of this document / of all documents",
    ),
    (
        "extend_word_forward",
        Action::Extend(Motion::WordForward),
        "extend the selection by a word",
    ),
    (
        "extend_word_back",
        Action::Extend(Motion::WordBack),
        "shrink or extend the selection back by a word",
    ),
    (
        "extend_sentence_forward",
        Action::Extend(Motion::SentenceForward),
        "extend to the end of the sentence",
    ),
    (
        "extend_sentence_back",
        Action::Extend(Motion::SentenceBack),
        "extend back to the start of the sentence",
    ),
    (
        "extend_line_down",
        Action::Extend(Motion::LineForward),
        "extend by a line",
    ),
    (
        "extend_line_up",
        Action::Extend(Motion::LineBack),
        "extend back by a line",
    ),
    (
        "extend_paragraph_forward",
        Action::Extend(Motion::ParagraphForward),
        "extend to the end of the paragraph",
    ),
    (
        "extend_paragraph_back",
        Action::Extend(Motion::ParagraphBack),
        "extend back to the start of the paragraph",
    ),
    (
        "extend_to_turn",
        Action::ExtendToTurn,
        "extend to the end of the speaker turn",
    ),
    (
        "annotate",
        Action::Annotate,
        "annotate the selection: open the note editor",
    ),
    ("editor_save", Action::EditorSave, "save the note"),
    (
        "editor_undo",
        Action::EditorUndo,
        "undo the last word or edit in the note",
    ),
    ("editor_redo", Action::EditorRedo, "redo what was undone"),
    (
        "editor_colour",
        Action::EditorColour,
        "change the highlight colour",
    ),
    (
        "notices",
        Action::ShowNotices,
        "notices: every file skipped or read with a problem, and why",
    ),
    (
        "help",
        Action::ToggleHelp,
        "help: every key (opens and closes this screen)",
    ),
    (
        "cancel",
        Action::Cancel,
        "leave: close, cancel, clear the search, highlight or filter",
    ),
    ("quit", Action::Quit, "quit"),
];

impl Action {
    /// The action a key map names, if any.
    pub fn by_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|(_, a, _)| a.clone())
    }

    /// The key map's name of a bindable action.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a, _)| a == self).map(|(n, ..)| *n)
    }

    /// What the help screen says this action does.
    pub fn describe(&self) -> &'static str {
        NAMED
            .iter()
            .find(|(_, a, _)| a == self)
            .map_or("", |(.., h)| *h)
    }
}

impl<'de> serde::Deserialize<'de> for Action {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Action::by_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown action {name:?}")))
    }
}
