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
    /// Enter: open the selected document, or jump to the selected entry.
    Activate,
    /// Esc: close the overlay, leave the mode, clear the filter.
    Cancel,
    NextTab,
    PrevTab,
    ToggleHelp,
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
    /// Jump to the next / previous mention of the chosen entity.
    NextMention,
    PrevMention,
    /// Open the next document that mentions the chosen entity.
    NextEntityDocument,
    /// Start typing a filter for the Entities or Notes tab.
    StartEntityFilter,
    /// Fold or unfold the page furniture of the open document.
    ToggleFolds,
    /// Start a search forward (`/`) or backward (`?`).
    StartSearch {
        backward: bool,
    },
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
