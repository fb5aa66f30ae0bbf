//! Searching the corpus: the query language (`query`), what each document
//! offers to a query (`scope`), finding matches in a text (`scan`), and
//! running a search on a thread of its own (`worker`). Knows nothing of
//! the terminal: the reader and `plenary search` both build on it.

pub mod query;
pub mod scan;
pub mod scope;
pub mod worker;

pub use query::{Case, Query, QueryError, parse};
pub use scan::{Found, Hit, Target, Voice, all_hits, char_offsets, scan};
pub use scope::targets;
pub use worker::{Job, Running, SearchEvent};

use rayon::prelude::*;

/// Every hit of `re` in every target, by target (in order), the targets
/// searched in parallel.
pub fn search_all(re: &regex::Regex, targets: &[Target]) -> Vec<Vec<Hit>> {
    targets.par_iter().map(|t| all_hits(re, t)).collect()
}

/// A hit in its line: up to `room` characters of the line around the
/// match (cut with `…`), as (before, match, after), safe for a terminal.
pub fn context_parts(text: &str, hit: &Hit, room: usize) -> (String, String, String) {
    let line = hit.line_range.start.min(hit.range.start)..hit.line_range.end.max(hit.range.end);
    let line = line.start..line.end.min(text.len());
    let (Some(before), Some(matched), Some(after)) = (
        text.get(line.start..hit.range.start),
        text.get(hit.range.clone()),
        text.get(hit.range.end..line.end),
    ) else {
        return Default::default();
    };
    let matched: String = shorten_end(matched.trim_end_matches(['\r', '\n']), room.max(8) / 2);
    let left = room.saturating_sub(matched.chars().count()) / 3;
    let before = shorten_start(before.trim_start(), left);
    let right = room.saturating_sub(matched.chars().count() + before.chars().count());
    let after = shorten_end(after.trim_end(), right);
    let clean = |s: &str| crate::sanitize::display(&s.replace(['\n', '\r'], " "), 0).into_owned();
    (clean(&before), clean(&matched), clean(&after))
}

/// A hit in its line, as one string (see [`context_parts`]).
pub fn context(text: &str, hit: &Hit, room: usize) -> String {
    let (a, b, c) = context_parts(text, hit, room);
    format!("{a}{b}{c}")
}

/// The last `n` characters of `s`, with `…` in front when cut.
fn shorten_start(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    if n == 0 {
        return String::new();
    }
    let skip = count - (n - 1);
    std::iter::once('…').chain(s.chars().skip(skip)).collect()
}

/// The first `n` characters of `s`, with `…` at the end when cut.
fn shorten_end(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    if n == 0 {
        return String::new();
    }
    s.chars().take(n - 1).chain(std::iter::once('…')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_around_the_match_and_made_safe() {
        let text = format!(
            "{} the needle\x1b[2J {}\nnext",
            "a".repeat(200),
            "b".repeat(200)
        );
        let t = Target {
            doc: 0,
            text: text.as_str().into(),
            voices: Vec::new(),
            within: None,
        };
        let hits = all_hits(&regex::Regex::new("needle").unwrap(), &t);
        let (before, matched, after) = context_parts(&text, &hits[0], 60);
        assert_eq!(matched, "needle");
        assert!(before.starts_with('…') && before.ends_with("the "));
        assert!(after.ends_with('…') && !after.contains('\x1b'));
        assert!(before.chars().count() + after.chars().count() + 6 <= 60);
    }
}
