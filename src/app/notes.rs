//! The reader's view of the annotation store: where each annotation of a
//! document lands in its current text, and the orphans that no longer do.

use std::ops::Range;

use crate::annotations::{Anchoring, Annotation, Store, reanchor};
use crate::corpus::{Corpus, Document};
use crate::text::CharIndex;

/// An annotation placed in a document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub id: String,
    /// Bytes of the text.
    pub range: Range<usize>,
}

/// The store and the placements of its annotations per document.
pub struct Notebook {
    pub store: Option<Store>,
    /// Per document: placed annotations in reading order, and orphans.
    pub placed: Vec<Vec<Placed>>,
    pub orphans: Vec<Vec<String>>,
}

impl Notebook {
    /// Opens the store in `dir` (or none) and places every annotation.
    /// Returns the store's warnings for the user.
    pub fn open(dir: Option<std::path::PathBuf>, corpus: &Corpus) -> (Notebook, Vec<String>) {
        let mut warnings = Vec::new();
        let store = dir.map(|d| {
            let (store, w) = Store::open(d);
            warnings.extend(w);
            store
        });
        let mut book = Notebook {
            store,
            placed: vec![Vec::new(); corpus.docs.len()],
            orphans: vec![Vec::new(); corpus.docs.len()],
        };
        for (i, doc) in corpus.docs.iter().enumerate() {
            if let Some(store) = book.store.as_mut()
                && store.read_only_reason().is_none()
                && let Err(e) = store.reanchor_document(&doc.path, &doc.text)
            {
                warnings.push(e.to_string());
            }
            book.place(i, doc);
        }
        (book, warnings)
    }

    /// A document joined the corpus as document `i`: its annotations are
    /// re-anchored in its text and placed. Returns a problem for the user.
    pub fn add_document(&mut self, i: usize, doc: &Document) -> Option<String> {
        if self.placed.len() <= i {
            self.placed.resize(i + 1, Vec::new());
            self.orphans.resize(i + 1, Vec::new());
        }
        let mut warning = None;
        if let Some(store) = self.store.as_mut()
            && store.read_only_reason().is_none()
            && let Err(e) = store.reanchor_document(&doc.path, &doc.text)
        {
            warning = Some(e.to_string());
        }
        self.place(i, doc);
        warning
    }

    /// Recomputes where the annotations of document `i` land.
    pub fn place(&mut self, i: usize, doc: &Document) {
        let (Some(store), Some(placed), Some(orphans)) = (
            self.store.as_ref(),
            self.placed.get_mut(i),
            self.orphans.get_mut(i),
        ) else {
            return;
        };
        placed.clear();
        orphans.clear();
        let idx = CharIndex::new(&doc.text);
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
                Some((s, e)) => placed.push(Placed {
                    id: a.id.clone(),
                    range: idx.bytes(s)..idx.bytes(e),
                }),
                None => orphans.push(a.id.clone()),
            }
        }
        placed.sort_by_key(|p| (p.range.start, p.range.end));
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.store.as_ref()?.get(id)
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
