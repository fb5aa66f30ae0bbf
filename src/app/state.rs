use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::action::Pane;
use super::editor::NoteEditor;
use super::keymap::{Keymap, Pending};
use super::notes::Notebook;
use super::palette::Palette;
use super::search::Search;
use crate::analysis::entities::EntityKind;
use crate::config::theme::Colours;
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

    /// The short label of the tab strip when the titles do not fit.
    pub fn short_title(self) -> &'static str {
        match self {
            SidebarTab::Outline => "Outl",
            SidebarTab::Speakers => "Spkrs",
            SidebarTab::Entities => "Ents",
            SidebarTab::Notes => "Notes",
        }
    }

    /// The one-letter label of the tab strip when nothing longer fits.
    pub fn letter(self) -> &'static str {
        &self.title()[..1]
    }
}

/// What keys currently mean, with what that mode needs and nothing else.
#[derive(Clone, Debug)]
pub enum Mode {
    Normal,
    /// Typing a search query.
    Search(SearchPrompt),
    /// The help screen.
    Help(HelpView),
    /// Typing a filter for the Entities or the Notes tab.
    Filter(FilterOf),
    /// Selecting text: from `anchor` to the view's cursor (bytes).
    Visual {
        anchor: usize,
    },
    /// Writing a note in the editor overlay.
    Editor(Box<NoteEditor>),
    /// The corpus search's results pane.
    Results,
    /// Typing a line number (or `N%`) to go to, after `:`.
    GoTo(String),
}

impl Mode {
    /// The word the status bar shows.
    pub fn label(&self) -> &'static str {
        match self {
            Mode::Normal => "NORMAL",
            Mode::Search(_) => "SEARCH",
            Mode::Help(_) => "HELP",
            Mode::Filter(_) => "FILTER",
            Mode::Visual { .. } => "VISUAL",
            Mode::Editor(_) => "NOTE",
            Mode::Results => "RESULTS",
            Mode::GoTo(_) => "GO TO",
        }
    }
}

/// A search being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchPrompt {
    /// The reading position to return to on Esc.
    pub origin: usize,
    /// A search of the whole corpus (`F`), not of the open document.
    pub corpus: bool,
}

/// Which list a filter being typed applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterOf {
    Entities,
    Notes,
    /// The document list.
    Documents,
}

/// The help screen: where it is scrolled to and what is searched in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpView {
    /// First line shown.
    pub scroll: usize,
    /// Text searched for in the help (`/`), empty for none.
    pub query: String,
    /// The query is being typed.
    pub typing: bool,
    /// The screen lists the notices (files skipped and why), not the keys.
    pub notices: bool,
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
    /// The corpus search (`F`): its query, results and the hit shown.
    pub corpus_search: Option<super::corpus_search::CorpusSearch>,
    /// The corpus search query being typed (kept for the next `F`).
    pub corpus_query: String,
    /// Searches for the event loop to start off the UI thread.
    pub search_jobs: Vec<crate::search::Job>,
    /// The searches whose news is still wanted: of the open document's
    /// search and of the corpus search (job ids; 0 for none). A search
    /// not wanted any more is stopped.
    pub search_live: [u64; 2],
    /// The last job id given out.
    pub search_ids: u64,
    /// The entity whose mentions are highlighted, and the last mention
    /// jumped to.
    pub entity: Option<SelectedEntity>,
    /// Text the Entities tab is filtered by.
    pub entity_filter: String,
    /// Text (or `#tag`) the Notes tab is filtered by.
    pub notes_filter: String,
    /// Words the document list is filtered by (title, file, kind, source,
    /// speakers), and its order.
    pub list_filter: String,
    pub list_sort: super::doclist::ListSort,
    /// Where `b` goes back to: (document, reading position) before a jump
    /// to a quotation's source or to a quoting article.
    pub jumps: Vec<(usize, usize)>,
    /// Named marks (`m a`), across documents.
    pub marks: std::collections::BTreeMap<char, super::spot::Spot>,
    /// Every jump's starting place, oldest first, and where `Ctrl-o` /
    /// forward have got to in it (its length: at the newest).
    pub jump_list: Vec<super::spot::Spot>,
    pub jump_at: usize,
    /// A passage shown highlighted after a jump: (document, byte range).
    pub flash: Option<(usize, std::ops::Range<usize>)>,
    /// The transcript turn (document, turn) `a` last went from, and which of
    /// its quotations it showed: the next `a` on that turn shows the next.
    pub quoting: Option<((usize, usize), usize)>,
    /// For each transcript turn (document, turn), the quotations taken from
    /// it: (article, quotation).
    pub quoted_by: HashMap<(usize, usize), Vec<(usize, usize)>>,
    /// Personal annotations and where they land.
    pub notebook: Notebook,
    /// Changes for the annotation store, asked for by `update` and carried
    /// out by the event loop off the UI thread.
    pub effects: Vec<super::store_worker::Effect>,
    /// Text for the system clipboard, asked for by `update` and written
    /// by the event loop (OSC 52).
    pub clipboard: Option<String>,
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
    /// Keys in effect (the defaults, or the user's config over them).
    pub keymap: Keymap,
    /// Keys typed so far towards a sequence or a count.
    pub pending: Pending,
    /// The theme's colours, fitted to the terminal.
    pub colours: Colours,
    /// The reader's text width at most (0: the whole pane).
    pub max_width: u16,
    /// Changes on disk followed so far.
    pub follow: super::follow::FollowState,
    /// Speaker colours, the same in every document.
    pub palette: Palette,
    /// Background loading, while it runs (None for a corpus given whole).
    pub loading: Option<super::Loading>,
    /// Where the last session left off, still to be restored as documents
    /// arrive.
    pub restore: super::session::Restore,
    /// `G` on a document whose whole text is still being read (a large
    /// file's head is shown first): the document and the cursor `G`
    /// put at the end. When the whole text arrives the reader goes on to its end,
    /// unless it was moved since.
    pub end_pending: Option<(usize, usize)>,
    wraps: WrapCache,
}

/// Wrapped rows per (document, width, folding), computed on first use.
#[derive(Default)]
struct WrapCache(RefCell<HashMap<LayoutKey, Rc<Wrapped>>>);

/// A layout's document, width, folding and filter, and first line.
type LayoutKey = (usize, usize, DocView, usize);

/// A large document is laid out a window at a time: the text is cut into
/// blocks of this many bytes, and a window is the lines that start in one
/// block before the reading position's and two after it.
const LAYOUT_BLOCK: usize = 32 * 1024;

/// The lines to lay out for reading position `pos` of `doc`: all of them
/// for a document of up to four blocks; else the lines starting in the
/// block before `pos`'s through the second block after it. Windows start
/// on block boundaries, so scrolling within a block reuses the layout,
/// and every window holds at least two blocks of text after `pos`.
pub fn layout_window(doc: &Document, pos: usize) -> std::ops::Range<usize> {
    let lines = &doc.structure.lines;
    if doc.text.len() <= 4 * LAYOUT_BLOCK {
        return 0..lines.len();
    }
    let block = pos.min(doc.text.len()) / LAYOUT_BLOCK;
    let from = block.saturating_sub(1) * LAYOUT_BLOCK;
    let to = (block + 3) * LAYOUT_BLOCK;
    // The line holding `from` starts the window, so no line is cut.
    let start = lines
        .partition_point(|l| l.range.start <= from)
        .saturating_sub(1);
    let end = lines.partition_point(|l| l.range.start < to).max(start + 1);
    start..end.min(lines.len())
}

/// The status bar's word on several notices: the first, how many more,
/// and the key of the list of them all.
pub(super) fn more_notices(first: &str, more: usize) -> String {
    let key = Keymap::default()
        .hint(&Mode::Normal, Pane::Reader, &super::Action::ShowNotices)
        .unwrap_or_else(|| "!".into());
    format!("{first} (and {more} more: {key} lists them)")
}

impl AppState {
    pub fn new(corpus: Corpus) -> Self {
        let status = match corpus.notices.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [first, rest @ ..] => Some(more_notices(first, rest.len())),
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
            corpus_search: None,
            corpus_query: String::new(),
            search_jobs: Vec::new(),
            search_live: [0; 2],
            search_ids: 0,
            entity: None,
            entity_filter: String::new(),
            notes_filter: String::new(),
            list_filter: String::new(),
            list_sort: Default::default(),
            jumps: Vec::new(),
            marks: Default::default(),
            jump_list: Vec::new(),
            jump_at: 0,
            notebook: Notebook::default(),
            effects: Vec::new(),
            notes_all: false,
            clipboard: None,
            last_deleted: None,
            press: None,
            flash: None,
            quoting: None,
            quoted_by,
            status,
            quit: false,
            color: true,
            keymap: Keymap::default(),
            pending: Pending::default(),
            colours: Colours::builtin("dark").expect("the dark theme exists"),
            max_width: crate::config::DEFAULT_MAX_WIDTH,
            follow: Default::default(),
            loading: None,
            restore: Default::default(),
            end_pending: None,
            wraps: WrapCache::default(),
        }
    }

    /// Takes the keys and colours of a config (colours fitted to the
    /// terminal's depth, from `COLORTERM` and `TERM`); config problems go
    /// to the status bar.
    pub fn apply_config(&mut self, config: crate::config::Config, problems: Vec<String>) {
        let depth = crate::config::theme::Depth::detect(
            std::env::var("COLORTERM").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        );
        self.keymap = config.keymap;
        self.colours = config.colours.fit(depth);
        self.max_width = config.max_width;
        // The last problem says the defaults are in use.
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                0..=2 => String::new(),
                n => format!(" (and {} more)", n - 2),
            };
            self.status = Some(Status {
                text: format!("{first}{more} — plenary uses the default keys and colours"),
                error: true,
            });
        }
    }

    /// The documents the list shows, in its order.
    pub fn list_rows(&self) -> Vec<usize> {
        super::doclist::rows(&self.corpus, &self.list_filter, self.list_sort)
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

    /// Drops the cached layouts of document `doc` (of every document with
    /// None): its text or structure changed.
    pub fn forget_layout(&self, doc: Option<usize>) {
        let mut cache = self.wraps.0.borrow_mut();
        match doc {
            Some(d) => cache.retain(|k, _| k.0 != d),
            None => cache.clear(),
        }
    }

    /// Rows of the open document at `width` columns around the reading
    /// position, cached.
    pub fn wrapped(&self, width: usize) -> Rc<Wrapped> {
        self.wrapped_around(width, self.view().top)
    }

    /// Rows of the open document at `width` columns, laid out around byte
    /// `pos` (the whole document unless it is large), cached.
    pub fn wrapped_around(&self, width: usize, pos: usize) -> Rc<Wrapped> {
        let width = width.max(1);
        let Some(doc) = self.doc() else {
            return Rc::default();
        };
        let window = layout_window(doc, pos);
        // The layout depends on the folds and filter, not on the position.
        let view = DocView {
            top: 0,
            cursor: 0,
            ..self.view()
        };
        let key = (self.open, width, view.clone(), window.start);
        if let Some(w) = self.wraps.0.borrow().get(&key) {
            return Rc::clone(w);
        }
        let w = Rc::new(wrap_document(doc, width, &view, window));
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
pub(super) fn quoted_by(corpus: &Corpus) -> HashMap<(usize, usize), Vec<(usize, usize)>> {
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
pub fn wrap_document(
    doc: &Document,
    width: usize,
    view: &DocView,
    window: std::ops::Range<usize>,
) -> Wrapped {
    let s = &doc.structure;
    let first = window.start;
    let ranges: Vec<_> = s.lines[window.clone()]
        .iter()
        .map(|l| l.range.clone())
        .collect();
    // Line ranges of the turns folded away by the filter.
    let hidden_turns: Vec<std::ops::Range<usize>> = match &view.speaker_filter {
        Some(who) => (0..doc.speakers.turns.len())
            .filter(|&t| *doc.speakers.turns[t].speaker != **who)
            .map(|t| doc.speakers.turns[t].line..doc.turn_end_line(t))
            .collect(),
        None => Vec::new(),
    };
    let mut wrapped = reflow::wrap(&doc.text, &ranges, width, s.paragraph_gap, |i| {
        let i = i + first;
        if s.lines[i].kind == LineKind::DuplicateCaption {
            return LineLayout::Hide;
        }
        let turn = hidden_turns.partition_point(|r| r.end <= i);
        if let Some(r) = hidden_turns.get(turn).filter(|r| r.contains(&i)) {
            return if r.start == i || i == first {
                LineLayout::FoldStart(r.end - first)
            } else {
                LineLayout::Hide
            };
        }
        let k = s.folds.partition_point(|f| f.end <= i);
        if !view.unfolded
            && let Some(f) = s.folds.get(k).filter(|f| f.contains(&i))
        {
            if doc.quiet_fold(k) {
                return if doc.quiet_fold_keeps(f, i) {
                    LineLayout::Show
                } else {
                    LineLayout::Hide
                };
            }
            return if f.start == i || i == first {
                LineLayout::FoldStart(f.end - first)
            } else {
                LineLayout::Hide
            };
        }
        LineLayout::Show
    });
    if first > 0 || window.end < s.lines.len() {
        for row in &mut wrapped.rows {
            row.line += first;
            if let reflow::RowKind::Fold(r) = &mut row.kind {
                *r = r.start + first..r.end + first;
            }
        }
        wrapped.lines = window;
        wrapped.whole = false;
    }
    wrapped
}
