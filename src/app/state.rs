use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::layout::Rect;

use super::action::Pane;
use super::editor::NoteEditor;
use super::notes::Notebook;
use super::palette::Palette;
use super::search::Search;
use crate::analysis::entities::EntityKind;
use crate::corpus::structure::LineKind;
use crate::corpus::{Corpus, Document};
use crate::reflow::{self, LineLayout, Wrapped};

/// Sidebar tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SidebarTab {
    Outline,
    Speakers,
    Entities,
    Notes,
}

impl SidebarTab {
    pub const ALL: [SidebarTab; 4] = [
        SidebarTab::Outline,
        SidebarTab::Speakers,
        SidebarTab::Entities,
        SidebarTab::Notes,
    ];

    pub fn title(self) -> &'static str {
        match self {
            SidebarTab::Outline => "Outline",
            SidebarTab::Speakers => "Speakers",
            SidebarTab::Entities => "Entities",
            SidebarTab::Notes => "Notes",
        }
    }
}

/// What keys currently mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search query; `origin` is the reading position to return
    /// to on Esc.
    SearchInput {
        origin: usize,
    },
    Help,
    /// Typing a filter for the Entities or Notes tab.
    EntityFilter,
    /// Selecting text: from `anchor` to the view's cursor (bytes).
    Visual {
        anchor: usize,
    },
    /// Writing a note in the editor overlay.
    Editor,
}

/// Per-document reading state, kept while switching documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DocView {
    /// Byte offset shown on the top row (survives resizes and reflows).
    pub top: usize,
    /// Page furniture unfolded by the user.
    pub unfolded: bool,
    /// Only this speaker's turns are shown; the others fold to one row each.
    pub speaker_filter: Option<String>,
    /// Where a selection starts (bytes): the last place jumped to, kept on
    /// screen while scrolling.
    pub cursor: usize,
}

/// An entity chosen in the Entities tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectedEntity {
    pub kind: EntityKind,
    pub canonical: String,
    /// Byte offset of the mention jumped to last.
    pub at: usize,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Sizes of what was drawn last: the one piece of state written by
/// rendering, read by `update` for page-sized moves and mouse hit tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewports {
    /// Screen area of each visible pane (borders included).
    pub panes: Vec<(Pane, Rect)>,
    /// Rows and text columns of the reader's text area.
    pub reader_rows: usize,
    pub reader_cols: usize,
    pub list_rows: usize,
    pub sidebar_rows: usize,
}

impl Viewports {
    pub fn pane_at(&self, x: u16, y: u16) -> Option<(Pane, Rect)> {
        self.panes
            .iter()
            .copied()
            .find(|(_, r)| r.contains(ratatui::layout::Position { x, y }))
    }
}

/// The whole state of the reader: the corpus and everything the user did.
pub struct AppState {
    pub corpus: Corpus,
    /// Selected row of the document list.
    pub selected: usize,
    /// Document shown in the reader.
    pub open: usize,
    pub focus: Pane,
    pub tab: SidebarTab,
    pub sidebar_selected: usize,
    pub views: Vec<DocView>,
    pub mode: Mode,
    pub search: Option<Search>,
    /// The entity whose mentions are highlighted, and the last mention
    /// jumped to.
    pub entity: Option<SelectedEntity>,
    /// Text the Entities tab is filtered by.
    pub entity_filter: String,
    /// Where `b` goes back to: (document, reading position) before a jump
    /// to a quotation's source or to a quoting article.
    pub jumps: Vec<(usize, usize)>,
    /// A passage shown highlighted after a jump: (document, byte range).
    pub flash: Option<(usize, std::ops::Range<usize>)>,
    /// For each transcript turn (document, turn), the quotations taken from
    /// it: (article, quotation).
    pub quoted_by: HashMap<(usize, usize), Vec<(usize, usize)>>,
    /// Personal annotations and where they land.
    pub notebook: Notebook,
    /// The note editor, while `Mode::Editor`.
    pub editor: Option<NoteEditor>,
    /// The Notes tab lists every document's annotations, not only this one's.
    pub notes_all: bool,
    /// The annotation deleted last, for undo.
    pub last_deleted: Option<String>,
    /// Where the mouse button went down in the reader (bytes), for drags.
    pub press: Option<usize>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Colours allowed (false under `NO_COLOR`).
    pub color: bool,
    /// Speaker colours, the same in every document.
    pub palette: Palette,
    wraps: WrapCache,
}

/// Wrapped rows per (document, width, folding), computed on first use.
#[derive(Default)]
struct WrapCache(RefCell<HashMap<(usize, usize, DocView), Rc<Wrapped>>>);

impl AppState {
    pub fn new(corpus: Corpus) -> Self {
        let status = match corpus.notices.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [first, rest @ ..] => Some(format!("{first} (and {} more notices)", rest.len())),
        }
        .map(|text| Status { text, error: true });
        let quoted_by = quoted_by(&corpus);
        AppState {
            views: vec![DocView::default(); corpus.docs.len()],
            palette: Palette::new(&corpus),
            corpus,
            selected: 0,
            open: 0,
            focus: Pane::Reader,
            tab: SidebarTab::Outline,
            sidebar_selected: 0,
            mode: Mode::Normal,
            search: None,
            entity: None,
            entity_filter: String::new(),
            jumps: Vec::new(),
            notebook: Notebook {
                store: None,
                placed: Vec::new(),
                orphans: Vec::new(),
            },
            editor: None,
            notes_all: false,
            last_deleted: None,
            press: None,
            flash: None,
            quoted_by,
            status,
            quit: false,
            color: true,
            wraps: WrapCache::default(),
        }
    }

    /// Opens the annotation store in `dir` and places its annotations;
    /// problems go to the status bar and are returned for stderr.
    pub fn open_notebook(&mut self, dir: Option<std::path::PathBuf>) -> Vec<String> {
        let (book, warnings) = Notebook::open(dir, &self.corpus);
        self.notebook = book;
        if let Some(w) = warnings.first() {
            let more = match warnings.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.status = Some(Status {
                text: format!("{w}{more}"),
                error: true,
            });
        }
        warnings
    }

    /// The document in the reader, if the corpus has any.
    pub fn doc(&self) -> Option<&Document> {
        self.corpus.docs.get(self.open)
    }

    pub fn view(&self) -> DocView {
        self.views.get(self.open).cloned().unwrap_or_default()
    }

    pub fn view_mut(&mut self) -> Option<&mut DocView> {
        self.views.get_mut(self.open)
    }

    /// The text selected in visual mode (bytes of the open document, char
    /// boundaries, inside the text): anchor to cursor, at least one
    /// character when the document is not empty.
    pub fn selection(&self) -> Option<std::ops::Range<usize>> {
        let Mode::Visual { anchor } = self.mode else {
            return None;
        };
        let text = &self.doc()?.text;
        let c = self.view().cursor;
        let start = crate::text::floor_char(text, anchor.min(c));
        let end = crate::text::floor_char(text, anchor.max(c));
        Some(start..end.max(crate::text::next_char(text, start)))
    }

    /// Rows of the open document at `width` columns, cached.
    pub fn wrapped(&self, width: usize) -> Rc<Wrapped> {
        let width = width.max(1);
        let Some(doc) = self.doc() else {
            return Rc::default();
        };
        // The layout depends on the folds and filter, not on the position.
        let view = DocView {
            top: 0,
            cursor: 0,
            ..self.view()
        };
        let key = (self.open, width, view.clone());
        if let Some(w) = self.wraps.0.borrow().get(&key) {
            return Rc::clone(w);
        }
        let w = Rc::new(wrap_document(doc, width, &view));
        let mut cache = self.wraps.0.borrow_mut();
        if cache.len() >= 32 {
            // Resizing through many widths: start afresh.
            cache.clear();
        }
        cache.insert(key, Rc::clone(&w));
        w
    }
}

/// Which article quotations come from each transcript turn.
fn quoted_by(corpus: &Corpus) -> HashMap<(usize, usize), Vec<(usize, usize)>> {
    let mut map: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    for (a, doc) in corpus.docs.iter().enumerate() {
        for (q, sq) in doc.quotes.iter().enumerate() {
            if let Some(src) = &sq.source {
                map.entry((src.doc, src.turn)).or_default().push((a, q));
            }
        }
    }
    map
}

/// Lays out a document: captions printed twice are shown once, runs of
/// page furniture fold to one row unless unfolded, and with a speaker
/// filter every other speaker's turn folds to one row.
pub fn wrap_document(doc: &Document, width: usize, view: &DocView) -> Wrapped {
    let s = &doc.structure;
    let ranges: Vec<_> = s.lines.iter().map(|l| l.range.clone()).collect();
    // Line ranges of the turns folded away by the filter.
    let hidden_turns: Vec<std::ops::Range<usize>> = match &view.speaker_filter {
        Some(who) => (0..doc.speakers.turns.len())
            .filter(|&t| doc.speakers.turns[t].speaker != *who)
            .map(|t| doc.speakers.turns[t].line..doc.turn_end_line(t))
            .collect(),
        None => Vec::new(),
    };
    reflow::wrap(&doc.text, &ranges, width, s.paragraph_gap, |i| {
        if s.lines[i].kind == LineKind::DuplicateCaption {
            return LineLayout::Hide;
        }
        let turn = hidden_turns.partition_point(|r| r.end <= i);
        if let Some(r) = hidden_turns.get(turn).filter(|r| r.contains(&i)) {
            return if r.start == i {
                LineLayout::FoldStart(r.end)
            } else {
                LineLayout::Hide
            };
        }
        if !view.unfolded
            && let Some(f) = s.folds.iter().find(|f| f.contains(&i))
        {
            return if f.start == i {
                LineLayout::FoldStart(f.end)
            } else {
                LineLayout::Hide
            };
        }
        LineLayout::Show
    })
}
