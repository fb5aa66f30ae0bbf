//! The reader's view of the annotation store: a read model of its records
//! (kept up to date from the store thread's reports), where each annotation
//! of a document lands in its current text, and the orphans that no longer
//! do. Nothing here touches the disk.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::annotations::{Anchoring, Annotation, reanchor};
use crate::corpus::Document;
use crate::text::CharIndex;

/// An annotation placed in a document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub id: String,
    /// Bytes of the text.
    pub range: Range<usize>,
}

/// The annotations as the store thread last reported them.
#[derive(Clone, Debug, Default)]
pub struct Records {
    /// Every record by id, deletion tombstones included.
    records: BTreeMap<String, Annotation>,
    /// Why the store cannot be written, if it cannot.
    pub read_only: Option<String>,
    /// The store has been opened and read (until then there is nothing).
    pub opened: bool,
}

impl Records {
    /// The record with this id, live or deleted.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.records.get(id)
    }

    /// Live annotations, oldest first.
    pub fn annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.records.values().filter(|a| !a.is_deleted())
    }

    /// Live annotations of the document at `path`, in text order.
    pub fn for_document(&self, path: &str) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self
            .annotations()
            .filter(|a| a.document.path == path)
            .collect();
        v.sort_by_key(|a| (a.target.position.start, a.target.position.end));
        v
    }

    /// Takes in what the store holds now. Returns the paths of the
    /// documents whose annotations changed (before or after), so that only
    /// those are placed again.
    pub fn replace(
        &mut self,
        records: Vec<Annotation>,
        read_only: Option<String>,
    ) -> HashSet<String> {
        let new: BTreeMap<String, Annotation> =
            records.into_iter().map(|a| (a.id.clone(), a)).collect();
        let mut changed = HashSet::new();
        for (id, a) in &new {
            match self.records.get(id) {
                Some(old) if old == a => {}
                Some(old) => {
                    changed.insert(old.document.path.clone());
                    changed.insert(a.document.path.clone());
                }
                None => {
                    changed.insert(a.document.path.clone());
                }
            }
        }
        for (id, old) in &self.records {
            if !new.contains_key(id) {
                changed.insert(old.document.path.clone());
            }
        }
        self.records = new;
        self.read_only = read_only;
        self.opened = true;
        changed
    }
}

/// The annotations and their placements per document.
#[derive(Default)]
pub struct Notebook {
    /// The read model of the store (None: no data directory, notes off).
    pub records: Option<Records>,
    /// Per document: placed annotations in reading order, and orphans.
    pub placed: Vec<Vec<Placed>>,
    pub orphans: Vec<Vec<String>>,
    /// Changes sent to the store and not yet confirmed ("saving…").
    pub pending: usize,
    /// Numbers the editor's saves, to match the store's answer.
    pub next_token: u64,
}

impl Notebook {
    /// A notebook whose store is being opened (off the UI thread) in a
    /// data directory: empty until the store reports.
    pub fn opening() -> Notebook {
        Notebook {
            records: Some(Records::default()),
            ..Notebook::default()
        }
    }

    /// Whether documents should have their annotations re-anchored (and
    /// saved) by the store: it is open, writable and holds annotations.
    pub fn wants_reanchor(&self) -> bool {
        self.records
            .as_ref()
            .is_some_and(|r| r.opened && r.read_only.is_none() && r.annotations().next().is_some())
    }

    /// A document joined the corpus as document `i`: its annotations are
    /// placed (the store re-anchors and saves them on its own thread).
    pub fn add_document(&mut self, i: usize, doc: &Document) {
        if self.placed.len() <= i {
            self.placed.resize(i + 1, Vec::new());
            self.orphans.resize(i + 1, Vec::new());
        }
        if self
            .records
            .as_ref()
            .is_none_or(|s| s.annotations().next().is_none())
        {
            // No annotations at all: nothing to place (and no pass over
            // the text on the UI thread).
            return;
        }
        self.place(i, doc);
    }

    /// Recomputes where the annotations of document `i` land.
    pub fn place(&mut self, i: usize, doc: &Document) {
        if self.placed.len() <= i {
            self.placed.resize(i + 1, Vec::new());
            self.orphans.resize(i + 1, Vec::new());
        }
        let (Some(store), Some(placed), Some(orphans)) = (
            self.records.as_ref(),
            self.placed.get_mut(i),
            self.orphans.get_mut(i),
        ) else {
            return;
        };
        placed.clear();
        orphans.clear();
        let mut idx: Option<CharIndex> = None;
        for a in store.for_document(&doc.path) {
            if a.is_deleted() {
                continue;
            }
            let span = match reanchor(a, &doc.text) {
                Anchoring::Unchanged => Some((a.target.position.start, a.target.position.end)),
                Anchoring::Orphan => None,
                other => other.span(),
            };
            match span {
                Some((s, e)) => {
                    let idx = idx.get_or_insert_with(|| CharIndex::new(&doc.text));
                    placed.push(Placed {
                        id: a.id.clone(),
                        range: idx.bytes(s)..idx.bytes(e),
                    })
                }
                None => orphans.push(a.id.clone()),
            }
        }
        placed.sort_by_key(|p| (p.range.start, p.range.end));
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.records.as_ref()?.get(id)
    }

    /// The annotation covering byte `pos` of document `doc`, innermost last.
    pub fn at(&self, doc: usize, pos: usize) -> Option<&Placed> {
        self.placed
            .get(doc)?
            .iter()
            .rfind(|p| p.range.start <= pos && pos < p.range.end)
    }
}

/// One row of the Notes tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteEntry {
    pub doc: usize,
    pub id: String,
    pub orphan: bool,
}

impl Notebook {
    /// The Notes tab's entries: placed annotations in reading order, then
    /// the orphans; of document `open` or of every document; those whose
    /// quote, note or tags contain `filter` (a leading `#` matches tags).
    pub fn entries(&self, open: usize, all: bool, filter: &str) -> Vec<NoteEntry> {
        let docs: Vec<usize> = if all {
            (0..self.placed.len()).collect()
        } else {
            vec![open]
        };
        let filter = filter.to_lowercase();
        let keep = |id: &str| {
            let Some(a) = self.get(id) else { return false };
            if filter.is_empty() {
                return true;
            }
            match filter.strip_prefix('#') {
                Some(tag) => a.tags.iter().any(|t| t.starts_with(tag)),
                None => {
                    a.note.to_lowercase().contains(&filter)
                        || a.target.quote.exact.to_lowercase().contains(&filter)
                        || a.tags.iter().any(|t| t.contains(&filter))
                }
            }
        };
        let mut out = Vec::new();
        for &d in &docs {
            for p in self.placed.get(d).into_iter().flatten() {
                if keep(&p.id) {
                    out.push(NoteEntry {
                        doc: d,
                        id: p.id.clone(),
                        orphan: false,
                    });
                }
            }
        }
        for &d in &docs {
            for id in self.orphans.get(d).into_iter().flatten() {
                if keep(id) {
                    out.push(NoteEntry {
                        doc: d,
                        id: id.clone(),
                        orphan: true,
                    });
                }
            }
        }
        out
    }
}
