//! Where the reader was left: each document's reading position, the
//! document open, the focused pane, the sidebar tab, the marks and the
//! jump list. Positions are kept with a little of the text at the cursor,
//! so that an edited file lands near the same words. Kept in a small
//! state file beside the annotations (not in the annotation store), read
//! at start and written on quit. A missing or damaged file is an empty
//! session: it never stops the reader.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::spot::{Spot, context_at};
use super::{AppState, Pane, SidebarTab};

/// The state file's name in the data directory.
pub const FILE: &str = "session.json";

/// Documents whose positions are kept, the most recently open first.
const MAX_DOCUMENTS: usize = 1000;

/// One document's reading position (bytes of its text), with the text at
/// the cursor to find it again if the file changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub top: usize,
    pub cursor: usize,
    #[serde(default)]
    pub context: String,
}

/// What is restored on the next start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The focused pane (`list`, `reader`, `sidebar`).
    #[serde(default)]
    pub focus: Option<String>,
    /// The sidebar tab (`outline`, `speakers`, `entities`, `notes`).
    #[serde(default)]
    pub tab: Option<String>,
    /// The path of the document open in the reader.
    #[serde(default)]
    pub open: Option<String>,
    /// Reading positions by document path, most recent first.
    #[serde(default)]
    pub positions: Vec<(String, Position)>,
    /// Named marks, by letter.
    #[serde(default)]
    pub marks: BTreeMap<String, Spot>,
    /// The jump list, oldest first.
    #[serde(default)]
    pub jumps: Vec<Spot>,
}

impl Session {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE)
    }

    /// The session saved in `dir`; empty when there is none or it cannot
    /// be read.
    pub fn load(dir: &Path) -> Session {
        std::fs::read(Self::path(dir))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the session to `dir` (atomically: a crash leaves the old one).
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        crate::annotations::write_file_atomic(&Self::path(dir), &json, true)
    }

    /// This session updated with where `state` is: its documents'
    /// positions first (the open one first of all), then the positions of
    /// documents not open this time, up to `MAX_DOCUMENTS`.
    pub fn capture(&self, state: &AppState) -> Session {
        let mut order: Vec<usize> = (0..state.corpus.docs.len()).collect();
        order.sort_by_key(|&i| i != state.open);
        let mut positions: Vec<(String, Position)> = order
            .into_iter()
            .filter_map(|i| {
                let doc = state.corpus.docs.get(i)?;
                let v = state.views.get(i)?;
                Some((
                    doc.path.clone(),
                    Position {
                        top: v.top,
                        cursor: v.cursor,
                        context: context_at(&doc.text, v.cursor),
                    },
                ))
            })
            .collect();
        let here: std::collections::HashSet<&str> =
            positions.iter().map(|(p, _)| p.as_str()).collect();
        let older: Vec<(String, Position)> = self
            .positions
            .iter()
            .filter(|(p, _)| !here.contains(p.as_str()))
            .cloned()
            .collect();
        positions.extend(older);
        positions.truncate(MAX_DOCUMENTS);
        Session {
            focus: Some(state.focus.name().to_string()),
            tab: Some(state.tab.title().to_ascii_lowercase()),
            open: state.doc().map(|d| d.path.clone()),
            positions,
            marks: state
                .marks
                .iter()
                .map(|(c, s)| (c.to_string(), s.clone()))
                .collect(),
            jumps: state.jump_list.clone(),
        }
    }

    /// The focused pane saved, if it names one.
    pub fn pane(&self) -> Option<Pane> {
        let name = self.focus.as_deref()?;
        Pane::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The sidebar tab saved, if it names one.
    pub fn sidebar_tab(&self) -> Option<SidebarTab> {
        let name = self.tab.as_deref()?;
        SidebarTab::ALL
            .into_iter()
            .find(|t| t.title().eq_ignore_ascii_case(name))
    }

    /// The saved positions by path.
    pub fn position_map(&self) -> BTreeMap<String, Position> {
        let mut map = BTreeMap::new();
        for (p, pos) in &self.positions {
            map.entry(p.clone()).or_insert_with(|| pos.clone());
        }
        map
    }
}

/// What is still to be restored while documents arrive.
#[derive(Clone, Debug, Default)]
pub struct Restore {
    /// Reading positions by path, taken as each document arrives.
    pub positions: BTreeMap<String, Position>,
    /// The document to open when it arrives, unless the user has moved on.
    pub open: Option<String>,
}

impl AppState {
    /// Takes in a saved session: pane and tab now, positions and the open
    /// document as their documents arrive.
    pub fn restore_session(&mut self, session: &Session) {
        if let Some(p) = session.pane() {
            self.focus = p;
        }
        if let Some(t) = session.sidebar_tab() {
            self.tab = t;
        }
        self.restore = Restore {
            positions: session.position_map(),
            open: session.open.clone(),
        };
        self.marks = session
            .marks
            .iter()
            .filter_map(|(k, s)| {
                let mut chars = k.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, s.clone())),
                    _ => None,
                }
            })
            .collect();
        self.jump_list = session.jumps.clone();
        self.jump_at = self.jump_list.len();
        for i in 0..self.corpus.docs.len() {
            self.restore_view(i);
        }
    }

    /// Document `i`'s text is complete: its saved position is restored,
    /// and it is opened if it was open last time and the user has not
    /// moved on.
    pub(super) fn restore_view(&mut self, i: usize) {
        let Some(doc) = self.corpus.docs.get(i) else {
            return;
        };
        if let Some(pos) = self.restore.positions.remove(&doc.path)
            && let Some(v) = self.views.get_mut(i)
        {
            let text = &doc.text;
            // The cursor where its words are now; the top moved alike.
            let cursor = Spot {
                path: String::new(),
                offset: pos.cursor,
                context: pos.context.clone(),
            }
            .resolve(text);
            let top = (pos.top as isize + cursor as isize - pos.cursor as isize).max(0) as usize;
            v.top = crate::text::floor_char(text, top.min(text.len()));
            v.cursor = cursor;
        }
        if self.restore.open.as_deref() == Some(doc.path.as_str()) {
            self.restore.open = None;
            self.open = i;
            self.selected = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    fn state() -> AppState {
        let docs = vec![
            Document::new("a.txt", "First line.\nSecond line.\nThird line.\n"),
            Document::new("b.txt", "Other text.\nMore of it.\n"),
        ];
        AppState::new(Corpus::new(docs, vec![]))
    }

    #[test]
    fn a_session_round_trips_and_restores_positions_pane_tab_and_document() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state();
        s.open = 1;
        s.focus = Pane::Sidebar;
        s.tab = SidebarTab::Notes;
        s.views[0].top = 12;
        s.views[1].top = 12;
        s.views[1].cursor = 14;
        Session::default().capture(&s).save(dir.path()).unwrap();

        let saved = Session::load(dir.path());
        let mut fresh = state();
        fresh.restore_session(&saved);
        assert_eq!(fresh.open, 1);
        assert_eq!(fresh.selected, 1);
        assert_eq!(fresh.focus, Pane::Sidebar);
        assert_eq!(fresh.tab, SidebarTab::Notes);
        assert_eq!(fresh.views[0].top, 12);
        assert_eq!((fresh.views[1].top, fresh.views[1].cursor), (12, 14));
    }

    #[test]
    fn positions_of_documents_not_open_this_time_are_kept_and_bad_ones_clamped() {
        let old = Session {
            positions: vec![
                (
                    "gone.txt".into(),
                    Position {
                        top: 5,
                        cursor: 5,
                        ..Position::default()
                    },
                ),
                (
                    "b.txt".into(),
                    Position {
                        top: 9999,
                        cursor: 3,
                        ..Position::default()
                    },
                ),
            ],
            ..Session::default()
        };
        let mut s = state();
        s.restore_session(&old);
        assert_eq!(s.views[1].top, s.corpus.docs[1].text.len(), "clamped");
        let next = old.capture(&s);
        assert!(next.positions.iter().any(|(p, _)| p == "gone.txt"));
        assert_eq!(next.positions[0].0, "a.txt", "the open document first");
    }

    #[test]
    fn a_damaged_or_missing_file_is_an_empty_session() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Session::load(dir.path()), Session::default());
        std::fs::write(Session::path(dir.path()), b"{not json").unwrap();
        assert_eq!(Session::load(dir.path()), Session::default());
        let odd = Session {
            focus: Some("nowhere".into()),
            tab: Some("xyz".into()),
            ..Session::default()
        };
        assert_eq!(odd.pane(), None);
        assert_eq!(odd.sidebar_tab(), None);
    }

    #[test]
    fn marks_the_jump_list_and_positions_come_back_and_follow_edited_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state();
        let third = s.corpus.docs[0].text.find("Third").unwrap();
        s.views[0].cursor = third;
        s.views[0].top = third;
        s.marks.insert('a', Spot::at(&s.corpus.docs[0], third));
        s.jump_list.push(Spot::at(&s.corpus.docs[1], 5));
        Session::default().capture(&s).save(dir.path()).unwrap();

        // The file was edited meanwhile: a line added above.
        let docs = vec![
            Document::new(
                "a.txt",
                "Inserted.\nFirst line.\nSecond line.\nThird line.\n",
            ),
            Document::new("b.txt", "Other text.\nMore of it.\n"),
        ];
        let mut fresh = AppState::new(Corpus::new(docs, vec![]));
        fresh.restore_session(&Session::load(dir.path()));
        let moved = fresh.corpus.docs[0].text.find("Third").unwrap();
        assert_eq!(fresh.views[0].cursor, moved, "the cursor found its words");
        assert_eq!(fresh.views[0].top, moved);
        let mark = &fresh.marks[&'a'];
        assert_eq!(mark.resolve(&fresh.corpus.docs[0].text), moved);
        assert_eq!(fresh.jump_list.len(), 1);
        assert_eq!(fresh.jump_at, 1);
        assert_eq!(fresh.jump_list[0].path, "b.txt");
    }
}
