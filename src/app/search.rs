use std::ops::Range;

use regex::RegexBuilder;

/// A search in one document, as in `less`: smart case (a capital letter in
/// the query makes it case-sensitive), every match kept for highlighting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    pub doc: usize,
    pub query: String,
    pub backward: bool,
    /// Byte ranges of every match, in order.
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// The background search still finding matches (its job id), for a
    /// large document; 0 when every match is known.
    pub job: u64,
    /// Where the background search has got to (bytes searched).
    pub scanned: usize,
}

/// Documents larger than this are searched off the UI thread.
pub const BACKGROUND_BYTES: usize = 1 << 20;

impl Search {
    /// Finds every match of `query` in `text`.
    pub fn new(doc: usize, text: &str, query: &str, backward: bool) -> Self {
        let matches = if query.is_empty() {
            Vec::new()
        } else {
            let case_sensitive = query.chars().any(char::is_uppercase);
            RegexBuilder::new(&regex::escape(query))
                .case_insensitive(!case_sensitive)
                .build()
                .map(|re| re.find_iter(text).map(|m| m.range()).collect())
                .unwrap_or_default()
        };
        Search {
            doc,
            query: query.to_string(),
            backward,
            matches,
            current: None,
            job: 0,
            scanned: text.len(),
        }
    }

    /// A search whose matches a background job (`job`) will find.
    pub fn pending(doc: usize, query: &str, backward: bool, job: u64) -> Self {
        Search {
            doc,
            query: query.to_string(),
            backward,
            matches: Vec::new(),
            current: None,
            job,
            scanned: 0,
        }
    }

    /// Whether matches may still come.
    pub fn running(&self) -> bool {
        self.job != 0
    }

    /// Picks the current match once the matches found so far settle it:
    /// forward, the first at or after `pos`; backward, the last before it
    /// once the search has gone past `pos`; else, when the search is over,
    /// wrapping around. Returns whether a match became current.
    pub fn settle(&mut self, pos: usize) -> bool {
        if self.current.is_some() || self.matches.is_empty() {
            return false;
        }
        let ready = if !self.running() {
            true
        } else if self.backward {
            self.scanned > pos && self.matches[0].start <= pos
        } else {
            self.matches.last().is_some_and(|m| m.start >= pos)
        };
        if ready {
            self.select_from(pos);
        }
        ready
    }

    /// Makes the first match at or after `pos` current (at or before it
    /// when searching backward), wrapping around the document.
    pub fn select_from(&mut self, pos: usize) {
        if self.matches.is_empty() {
            self.current = None;
            return;
        }
        let after = self.matches.partition_point(|m| m.start < pos);
        self.current = Some(if self.backward {
            let before = self.matches.partition_point(|m| m.start <= pos);
            before.checked_sub(1).unwrap_or(self.matches.len() - 1)
        } else if after == self.matches.len() {
            0
        } else {
            after
        });
    }

    /// Moves to the next match in the search's direction (`forward`), or
    /// against it, wrapping.
    pub fn step(&mut self, along: bool) {
        let n = self.matches.len();
        let Some(cur) = self.current else {
            return;
        };
        let ahead = along != self.backward;
        self.current = Some(if ahead {
            (cur + 1) % n
        } else {
            (cur + n - 1) % n
        });
    }

    /// The current match's byte range.
    pub fn current_range(&self) -> Option<Range<usize>> {
        self.current.map(|i| self.matches[i].clone())
    }

    /// "3/17", or "not found"; "12 matches… ⟳" while a background search
    /// goes on.
    pub fn counter(&self) -> String {
        let n = self.matches.len();
        if self.running() {
            return match self.current {
                Some(i) => format!("{}/{n}… ⟳", i + 1),
                None if n == 1 => "1 match… ⟳".to_string(),
                None => format!("{n} matches… ⟳"),
            };
        }
        match self.current {
            Some(i) => format!("{}/{}", i + 1, self.matches.len()),
            None if self.query.is_empty() => String::new(),
            None => "not found".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Kazan and kazan; KAZAN. Then Oslo.";

    #[test]
    fn smart_case() {
        assert_eq!(Search::new(0, TEXT, "kazan", false).matches.len(), 3);
        assert_eq!(Search::new(0, TEXT, "Kazan", false).matches, vec![0..5]);
    }

    #[test]
    fn counter_and_wrapping_steps() {
        let mut s = Search::new(0, TEXT, "kazan", false);
        s.select_from(3);
        assert_eq!(s.counter(), "2/3");
        s.step(true);
        s.step(true);
        assert_eq!(s.counter(), "1/3");
        s.step(false);
        assert_eq!(s.counter(), "3/3");
    }

    #[test]
    fn backward_search_picks_the_match_before() {
        let mut s = Search::new(0, TEXT, "kazan", true);
        s.select_from(12);
        assert_eq!(s.current_range(), Some(10..15));
        s.step(true);
        assert_eq!(s.current_range(), Some(0..5));
    }

    #[test]
    fn a_background_search_counts_as_it_goes_and_settles_on_the_first_match_after_the_start() {
        let mut s = Search::pending(0, "kazan", false, 3);
        assert_eq!(s.counter(), "0 matches… ⟳");
        s.matches.push(0..5);
        s.scanned = 8;
        // Only a match before the start so far: wait for one after it.
        assert!(!s.settle(6));
        assert_eq!(s.counter(), "1 match… ⟳");
        s.matches.push(10..15);
        assert!(s.settle(6));
        assert_eq!(s.counter(), "2/2… ⟳");
        s.job = 0;
        assert_eq!(s.counter(), "2/2");
        // Nothing after the start: once the search is over it wraps.
        let mut s = Search::pending(0, "kazan", false, 4);
        s.matches.push(0..5);
        assert!(!s.settle(20));
        s.job = 0;
        assert!(s.settle(20));
        assert_eq!(s.current_range(), Some(0..5));
    }

    #[test]
    fn not_found_and_regex_characters_are_literal() {
        let mut s = Search::new(0, TEXT, "paris", false);
        s.select_from(0);
        assert_eq!(s.counter(), "not found");
        assert_eq!(Search::new(0, "a.b a+b", "a+b", false).matches, vec![4..7]);
    }
}
