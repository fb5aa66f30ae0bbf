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
}

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
        }
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

    /// "3/17", or "not found".
    pub fn counter(&self) -> String {
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
    fn not_found_and_regex_characters_are_literal() {
        let mut s = Search::new(0, TEXT, "paris", false);
        s.select_from(0);
        assert_eq!(s.counter(), "not found");
        assert_eq!(Search::new(0, "a.b a+b", "a+b", false).matches, vec![4..7]);
    }
}
