//! The corpus search (`F`) as the reader keeps it: the query, the hits
//! streaming in grouped by document in corpus order, the row selected in
//! the results pane, and the hit `n` / `N` went to last.

use crate::search::Hit;

/// Hits kept for the results pane at most; more are only counted.
pub const KEPT: usize = 100_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusSearch {
    /// The query as typed.
    pub query: String,
    /// The background job finding the hits.
    pub job: u64,
    /// Every document is searched.
    pub done: bool,
    /// Hits by document, documents in corpus order, hits in text order.
    pub groups: Vec<(usize, Vec<Hit>)>,
    /// Hits found beyond those kept.
    pub counted: usize,
    /// The hit selected in the results pane (index over every kept hit).
    pub selected: usize,
    /// The hit opened last (`Enter`, `n`, `N`).
    pub current: Option<usize>,
    /// The selection was moved by the user: it then stays on its hit as
    /// hits stream in; until then it is the first hit.
    pub moved: bool,
    /// Some of the corpus was not analysed when the search started: a
    /// scope may have missed some hits.
    pub partial: bool,
}

impl CorpusSearch {
    pub fn new(query: &str, job: u64) -> Self {
        CorpusSearch {
            query: query.to_string(),
            job,
            ..Default::default()
        }
    }

    /// Takes in a batch of a document's hits (batches of one document come
    /// in order; documents in any order).
    pub fn add(&mut self, doc: usize, hits: Vec<Hit>, counted: usize) {
        self.counted += counted;
        if hits.is_empty() {
            return;
        }
        let at = self.groups.partition_point(|(d, _)| *d < doc);
        let before: usize = self.groups[..at].iter().map(|g| g.1.len()).sum();
        let extend = self.groups.get(at).is_some_and(|(d, _)| *d == doc);
        // Where the hits go in the list of every kept hit: the hits at and
        // after it (the selection, the hit opened) move down with them.
        let pos = before + if extend { self.groups[at].1.len() } else { 0 };
        if pos < self.kept() {
            if self.moved && self.selected >= pos {
                self.selected += hits.len();
            }
            if let Some(c) = self.current.as_mut().filter(|c| **c >= pos) {
                *c += hits.len();
            }
        }
        if extend {
            self.groups[at].1.extend(hits);
        } else {
            self.groups.insert(at, (doc, hits));
        }
    }

    /// Hits kept.
    pub fn kept(&self) -> usize {
        self.groups.iter().map(|g| g.1.len()).sum()
    }

    /// Hits found.
    pub fn total(&self) -> usize {
        self.kept() + self.counted
    }

    /// Hit `i` (over every kept hit).
    pub fn hit(&self, mut i: usize) -> Option<&Hit> {
        for (_, hits) in &self.groups {
            if i < hits.len() {
                return hits.get(i);
            }
            i -= hits.len();
        }
        None
    }

    /// The index of the first hit of the document after (or before) the
    /// one of hit `i`, wrapping.
    pub fn other_document(&self, i: usize, forward: bool) -> Option<usize> {
        let n = self.groups.len();
        if n == 0 {
            return None;
        }
        let mut start = 0;
        let mut starts = Vec::with_capacity(n);
        let mut g = 0;
        for (k, (_, hits)) in self.groups.iter().enumerate() {
            starts.push(start);
            if i >= start && i < start + hits.len() {
                g = k;
            }
            start += hits.len();
        }
        let to = if forward {
            (g + 1) % n
        } else {
            (g + n - 1) % n
        };
        Some(starts[to])
    }

    /// "41 matches in 6 documents", with "…" and "⟳" while it runs.
    pub fn summary(&self) -> String {
        let total = self.total();
        let docs = self.groups.len();
        let m = if total == 1 { "match" } else { "matches" };
        let d = if docs == 1 { "document" } else { "documents" };
        if self.done {
            format!("{total} {m} in {docs} {d}")
        } else {
            format!("{total} {m} in {docs} {d}… ⟳")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(doc: usize, at: usize) -> Hit {
        Hit {
            doc,
            range: at..at + 1,
            line: 1,
            line_range: 0..10,
            speaker: None,
        }
    }

    #[test]
    fn hits_are_grouped_by_document_in_corpus_order_whatever_order_they_come_in() {
        let mut s = CorpusSearch::new("x", 1);
        s.add(5, vec![hit(5, 1), hit(5, 3)], 0);
        s.selected = 1;
        s.moved = true;
        s.add(2, vec![hit(2, 0)], 0);
        s.add(5, vec![hit(5, 9)], 2);
        assert_eq!(s.groups.iter().map(|g| g.0).collect::<Vec<_>>(), [2, 5]);
        assert_eq!(s.kept(), 4);
        assert_eq!(s.total(), 6);
        // The selection stays on the hit it was on.
        assert_eq!(s.hit(s.selected), Some(&hit(5, 3)));
        assert_eq!(s.other_document(0, true), Some(1));
        assert_eq!(s.other_document(2, true), Some(0));
        assert_eq!(s.other_document(0, false), Some(1));
        assert_eq!(s.summary(), "6 matches in 2 documents… ⟳");
        // Not moved from the first hit: the list's first hit stays selected.
        let mut s = CorpusSearch::new("x", 1);
        s.add(5, vec![hit(5, 1)], 0);
        s.add(2, vec![hit(2, 0)], 0);
        assert_eq!(s.hit(s.selected), Some(&hit(2, 0)));
    }

    #[test]
    fn more_hits_of_an_earlier_document_keep_the_selection_and_the_opened_hit() {
        // QA: a second batch of the first document's hits, after a later
        // document's, left the selection and the hit opened on the index,
        // now another hit.
        let mut s = CorpusSearch::new("x", 1);
        s.add(4, vec![hit(4, 7)], 0);
        s.moved = true;
        s.current = Some(0);
        s.add(1, vec![hit(1, 1), hit(1, 2)], 0);
        s.add(1, vec![hit(1, 3)], 0);
        assert_eq!(s.hit(s.selected), Some(&hit(4, 7)));
        assert_eq!(s.current.and_then(|c| s.hit(c)), Some(&hit(4, 7)));
    }

    #[test]
    fn an_untouched_selection_is_the_first_hit_whatever_document_comes_first() {
        let mut s = CorpusSearch::new("x", 1);
        s.add(4, vec![hit(4, 7)], 0);
        s.add(1, vec![hit(1, 1), hit(1, 2)], 0);
        s.add(1, vec![hit(1, 3)], 0);
        assert_eq!(s.selected, 0);
        assert_eq!(s.hit(s.selected), Some(&hit(1, 1)));
    }
}
