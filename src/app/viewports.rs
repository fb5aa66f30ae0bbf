//! What render drew, and where: written by rendering, read by `update`.

use ratatui::layout::Rect;

use super::action::Pane;
use super::state::SidebarTab;

/// What was drawn last, and where: the one piece of state written by
/// rendering, read by `update` for page-sized moves and by mouse clicks.
/// Nothing here is computed twice: a click reads what render recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewports {
    /// Screen area of each visible pane (borders included).
    pub panes: Vec<(Pane, Rect)>,
    /// Rows and text columns of the reader's text area.
    pub reader_rows: usize,
    pub reader_cols: usize,
    pub list_rows: usize,
    pub sidebar_rows: usize,
    /// Rows of the help screen's text, when it is open.
    pub help_rows: usize,
    /// The help as drawn: for each screen row of it (wrapped), the index of
    /// its line in `app::help::lines`.
    pub help_map: Vec<usize>,
    /// The hit map: what each clickable place shows.
    pub hits: HitMap,
}

/// Where render drew what a click can select.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitMap {
    /// One screen row of a list each: the document or sidebar entry drawn
    /// there.
    pub rows: Vec<(Rect, Hit)>,
    /// The sidebar's tab strip: each tab's label.
    pub tabs: Vec<(Rect, SidebarTab)>,
    /// The reader's text (after the gutter): its first row is the first row
    /// of text shown.
    pub reader_text: Option<Rect>,
    /// The reader's timeline row, when drawn.
    pub timeline: Option<Rect>,
}

/// Something a list row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A document of the list.
    Document(usize),
    /// An entry of the sidebar's tab (the index `sidebar_selected` takes).
    Entry(SidebarTab, usize),
}

impl HitMap {
    pub fn row_at(&self, x: u16, y: u16) -> Option<Hit> {
        let p = ratatui::layout::Position { x, y };
        self.rows
            .iter()
            .find(|(r, _)| r.contains(p))
            .map(|(_, h)| *h)
    }

    pub fn tab_at(&self, x: u16, y: u16) -> Option<SidebarTab> {
        let p = ratatui::layout::Position { x, y };
        self.tabs
            .iter()
            .find(|(r, _)| r.contains(p))
            .map(|(_, t)| *t)
    }
}

impl Viewports {
    pub fn pane_at(&self, x: u16, y: u16) -> Option<(Pane, Rect)> {
        self.panes
            .iter()
            .copied()
            .find(|(_, r)| r.contains(ratatui::layout::Position { x, y }))
    }
}
