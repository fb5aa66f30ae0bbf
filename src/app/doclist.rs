//! The document list as a navigator: which documents it shows (a filter
//! over title, file name, kind, source and speakers) and in what order.

use crate::corpus::{Corpus, Document};

/// The order of the document list; `s` in the list cycles through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListSort {
    /// As found (the order of the paths given, folders walked by name).
    #[default]
    Found,
    Name,
    /// Newest first; documents without a date last.
    Date,
    Kind,
    /// Largest first.
    Size,
}

impl ListSort {
    pub const ALL: [ListSort; 5] = [
        ListSort::Found,
        ListSort::Name,
        ListSort::Date,
        ListSort::Kind,
        ListSort::Size,
    ];

    pub fn next(self) -> ListSort {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The word the list's title shows ("by date").
    pub fn label(self) -> &'static str {
        match self {
            ListSort::Found => "as found",
            ListSort::Name => "by name",
            ListSort::Date => "by date",
            ListSort::Kind => "by kind",
            ListSort::Size => "by size",
        }
    }
}

/// Whether `doc` matches the filter `query` (already lower-cased): every
/// word of it is in the title, the file name, the kind, the source or a
/// speaker's name.
pub fn matches(doc: &Document, query: &str) -> bool {
    let m = &doc.meta;
    let fields: Vec<&str> = [
        Some(m.title.as_str()),
        Some(doc.path.as_str()),
        Some(m.kind.label()),
        m.source.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(doc.speaker_stats.iter().map(|s| &*s.speaker))
    .collect();
    let hay = fields.join("\n").to_lowercase();
    query.split_whitespace().all(|w| hay.contains(w))
}

/// The documents the list shows, in its order: indices into the corpus.
pub fn rows(corpus: &Corpus, filter: &str, sort: ListSort) -> Vec<usize> {
    let query = filter.trim().to_lowercase();
    let mut rows: Vec<usize> = (0..corpus.docs.len())
        .filter(|&i| query.is_empty() || matches(&corpus.docs[i], &query))
        .collect();
    let docs = &corpus.docs;
    match sort {
        ListSort::Found => {}
        ListSort::Name => rows.sort_by_cached_key(|&i| docs[i].list_title().to_lowercase()),
        ListSort::Date => rows.sort_by(|&a, &b| {
            let (da, db) = (&docs[a].meta.date, &docs[b].meta.date);
            // Newest first, undated last.
            db.is_some().cmp(&da.is_some()).then(db.cmp(da))
        }),
        ListSort::Kind => rows.sort_by_key(|&i| docs[i].meta.kind.label()),
        ListSort::Size => rows.sort_by_key(|&i| std::cmp::Reverse(docs[i].text.len())),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    fn corpus() -> Corpus {
        let docs = vec![
            Document::new(
                "b/briefing.txt",
                "Minister Roe Briefing\nMay 2, 2024\nMODERATOR: Welcome.\nMINISTER ROE: Thank you all for coming today.\nQUESTION: When?\nMINISTER ROE: Soon.\n",
            ),
            Document::new(
                "a/roads.txt",
                "Roads plan unveiled\nBy Kim Lee\nJanuary 5, 2023\n\n“We have a plan,” Roe said on Monday, and it was a long plan with many words in it. The plan runs to many pages, and the minister took questions on it for an hour.\n",
            ),
            Document::new("c/notes.txt", "scribbles\n"),
        ];
        Corpus::new(docs, vec![])
    }

    #[test]
    fn the_filter_looks_at_title_file_kind_and_speakers() {
        let c = corpus();
        assert_eq!(rows(&c, "roads", ListSort::Found), [1]);
        assert_eq!(rows(&c, "NOTES.txt", ListSort::Found), [2]);
        assert_eq!(rows(&c, "transcript", ListSort::Found), [0]);
        let roe = &c.docs[0].speaker_stats[0].speaker;
        assert!(roe.contains("Roe"), "{roe}");
        assert!(rows(&c, "moderator", ListSort::Found).contains(&0));
        assert_eq!(rows(&c, "roe briefing", ListSort::Found), [0], "every word");
        assert!(rows(&c, "zzz", ListSort::Found).is_empty());
        assert_eq!(rows(&c, "", ListSort::Found), [0, 1, 2]);
    }

    #[test]
    fn sorts_by_name_date_kind_and_size() {
        let c = corpus();
        let by = |s| rows(&c, "", s);
        assert_eq!(by(ListSort::Date), [0, 1, 2], "newest first, undated last");
        assert_eq!(by(ListSort::Size), [1, 0, 2]);
        let names: Vec<String> = by(ListSort::Name)
            .into_iter()
            .map(|i| c.docs[i].list_title().to_lowercase())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let kinds: Vec<&str> = by(ListSort::Kind)
            .into_iter()
            .map(|i| c.docs[i].meta.kind.label())
            .collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
        assert_eq!(ListSort::Size.next(), ListSort::Found);
    }
}
