//! Re-anchoring annotations when their document changes on disk.
//!
//! Order of attempts: the stored position still holds the quote
//! (`Unchanged`); the exact quote occurs elsewhere (`Moved`, the occurrence
//! whose context best matches the stored prefix/suffix, then the nearest);
//! an approximate match of the quote within `MAX_ERROR_RATIO` edits
//! (`Fuzzy`, found with Myers' bit-parallel search in blocks of 64, so one
//! pass over the text per quote); otherwise `Orphan`.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::model::{Annotation, Target, TextQuoteSelector, content_hash};
use crate::text::CharIndex;

/// Largest share of the quote's length that may be edited for a fuzzy match.
pub const MAX_ERROR_RATIO: f64 = 0.25;

/// Quotes shorter than this (in code points) are too common to trust alone:
/// they only move to an occurrence whose context agrees for at least
/// `SHORT_QUOTE_CONTEXT` characters, and are never matched fuzzily.
pub const SHORT_QUOTE: usize = 8;

/// See `SHORT_QUOTE`.
pub const SHORT_QUOTE_CONTEXT: usize = 6;

/// How many fuzzy candidates get a full alignment and context check.
const MAX_FUZZY_CANDIDATES: usize = 8;

/// Where an annotation lands in the current text of its document.
/// Offsets are code points, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchoring {
    /// The stored position still holds the exact quote.
    Unchanged,
    /// The exact quote was found at a new position.
    Moved {
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// An approximate match of the quote was found.
    Fuzzy {
        /// New start.
        start: usize,
        /// New end.
        end: usize,
        /// Edit distance between the old quote and the new span.
        edits: usize,
    },
    /// The quote could not be found; the annotation is kept but unplaced.
    Orphan,
}

impl Anchoring {
    /// The new span, if it moved or changed.
    pub fn span(&self) -> Option<(usize, usize)> {
        match *self {
            Anchoring::Moved { start, end } | Anchoring::Fuzzy { start, end, .. } => {
                Some((start, end))
            }
            Anchoring::Unchanged | Anchoring::Orphan => None,
        }
    }
}

/// A document text prepared for anchoring many annotations against it.
pub struct PreparedText<'a> {
    text: &'a str,
    idx: CharIndex,
    total: usize,
    chars: OnceCell<Vec<char>>,
    hash: OnceCell<String>,
}

impl<'a> PreparedText<'a> {
    /// Indexes `text` (code-point offsets; the char vector is built lazily).
    pub fn new(text: &'a str) -> Self {
        let idx = CharIndex::new(text);
        let total = idx.chars(text.len());
        PreparedText {
            text,
            idx,
            total,
            chars: OnceCell::new(),
            hash: OnceCell::new(),
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Its `content_hash`, computed once.
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| content_hash(self.text))
    }

    /// Selectors for code points `start..end` (clamped to the text).
    pub fn target(&self, start: usize, end: usize) -> Target {
        Target::from_span_indexed(
            self.text,
            &self.idx,
            start.min(self.total),
            end.min(self.total),
        )
    }

    fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.text.chars().collect())
    }
}

/// Finds where `a` belongs in `text`.
pub fn reanchor(a: &Annotation, text: &str) -> Anchoring {
    reanchor_prepared(&a.target, &PreparedText::new(text))
}

/// Re-anchors every live annotation of one document (matched by `path` or
/// by the hash of `text`) and returns `(id, outcome)` pairs.
pub fn reanchor_all<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    path: &str,
    text: &str,
) -> Vec<(String, Anchoring)> {
    let prepared = PreparedText::new(text);
    annotations
        .into_iter()
        .filter(|a| !a.is_deleted() && belongs_to(a, path, &prepared))
        .map(|a| (a.id.clone(), reanchor_prepared(&a.target, &prepared)))
        .collect()
}

/// Whether `a` is about the document at `path` whose text is `doc`: made
/// on that path, or on the same text at a path where the file is no more
/// (moved or renamed). A copy never takes notes from a file still there.
pub fn belongs_to(a: &Annotation, path: &str, doc: &PreparedText<'_>) -> bool {
    a.document.path == path || (a.document.hash == doc.hash() && !still_there(&a.document.path))
}

/// Whether the document an annotation was made on can still be opened
/// where it was: the bundled sample always can.
fn still_there(path: &str) -> bool {
    crate::corpus::is_bundled(path) || std::path::Path::new(path).is_file()
}

/// `reanchor` against a prepared text.
pub fn reanchor_prepared(target: &Target, doc: &PreparedText<'_>) -> Anchoring {
    let q = &target.quote;
    if q.exact.is_empty() {
        return Anchoring::Orphan;
    }
    let (start, end) = (target.position.start, target.position.end);
    if start < end && end <= doc.total {
        let (bs, be) = (doc.idx.bytes(start), doc.idx.bytes(end));
        if doc.text.get(bs..be) == Some(q.exact.as_str()) {
            return Anchoring::Unchanged;
        }
    }
    let len = q.exact.chars().count();
    if len < SHORT_QUOTE {
        let needed = SHORT_QUOTE_CONTEXT.min(q.prefix.chars().count() + q.suffix.chars().count());
        return match find_exact(q, start, doc) {
            Some((start, end, context)) if context >= needed => Anchoring::Moved { start, end },
            _ => Anchoring::Orphan,
        };
    }
    if let Some((start, end, _)) = find_exact(q, start, doc) {
        return Anchoring::Moved { start, end };
    }
    find_fuzzy(q, start, doc).unwrap_or(Anchoring::Orphan)
}

/// The exact occurrence with the best context match, then nearest `old`:
/// `(start, end, characters of context that agree)`.
fn find_exact(
    q: &TextQuoteSelector,
    old: usize,
    doc: &PreparedText<'_>,
) -> Option<(usize, usize, usize)> {
    let text = doc.text;
    let len_chars = q.exact.chars().count();
    let first_len = q.exact.chars().next().map_or(1, char::len_utf8);
    let mut best: Option<(usize, usize, usize)> = None; // (context, distance, start)
    let mut from = 0;
    while let Some(off) = text[from..].find(q.exact.as_str()) {
        let bs = from + off;
        let be = bs + q.exact.len();
        let context = common_suffix(&text[..bs], &q.prefix) + common_prefix(&text[be..], &q.suffix);
        let start = doc.idx.chars(bs);
        let distance = start.abs_diff(old);
        let better = match best {
            None => true,
            Some((c, d, _)) => context > c || (context == c && distance < d),
        };
        if better {
            best = Some((context, distance, start));
        }
        from = bs + first_len;
    }
    best.map(|(c, _, s)| (s, s + len_chars, c))
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn find_fuzzy(q: &TextQuoteSelector, old: usize, doc: &PreparedText<'_>) -> Option<Anchoring> {
    let pattern: Vec<char> = q.exact.chars().collect();
    let m = pattern.len();
    let k = (m as f64 * MAX_ERROR_RATIO).floor() as usize;
    if k == 0 {
        return None;
    }
    let text = doc.chars();
    let hits = myers_search(&pattern, text, k);
    // Keep the best end in each run of consecutive hits.
    let mut minima: Vec<(usize, usize)> = Vec::new();
    let mut run_end = usize::MAX - 1;
    for (end, score) in hits {
        match minima.last_mut() {
            Some(last) if end == run_end + 1 => {
                if score < last.1 {
                    *last = (end, score);
                }
            }
            _ => minima.push((end, score)),
        }
        run_end = end;
    }
    minima.sort_by_key(|&(end, score)| (score, end.abs_diff(old + m)));
    minima.truncate(MAX_FUZZY_CANDIDATES);
    let prefix: Vec<char> = q.prefix.chars().collect();
    let suffix: Vec<char> = q.suffix.chars().collect();
    minima
        .into_iter()
        .filter_map(|(end, _)| {
            let (start, edits) = best_start(&pattern, text, end, k);
            if start >= end || edits > k {
                return None;
            }
            let before = &text[start.saturating_sub(prefix.len())..start];
            let after = &text[end..(end + suffix.len()).min(text.len())];
            let context = levenshtein(&prefix, before) + levenshtein(&suffix, after);
            let cost = 2 * edits + context;
            Some((cost, start.abs_diff(old), start, end, edits))
        })
        .min()
        .map(|(_, _, start, end, edits)| Anchoring::Fuzzy { start, end, edits })
}

/// Approximate substring search (Myers 1999, in Hyyrö's blocked form):
/// every end position `j` (exclusive) in `text` where some substring ending
/// at `j` is within `k` edits of `pattern`, with its edit distance.
pub fn myers_search(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    if m == 0 {
        return Vec::new();
    }
    let nb = m.div_ceil(64);
    // Row 0 of `peq` is the all-zero row for characters not in the pattern.
    let mut rows: HashMap<char, usize> = HashMap::new();
    let mut peq: Vec<u64> = vec![0; nb];
    for (i, &c) in pattern.iter().enumerate() {
        let next = peq.len() / nb;
        let row = *rows.entry(c).or_insert(next);
        if row == next {
            peq.resize(peq.len() + nb, 0);
        }
        peq[row * nb + i / 64] |= 1u64 << (i % 64);
    }
    let mut ascii = [0usize; 128];
    for (&c, &row) in &rows {
        if c.is_ascii() {
            ascii[c as usize] = row;
        }
    }
    let mut pv = vec![!0u64; nb];
    let mut mv = vec![0u64; nb];
    let last_high = 1u64 << ((m - 1) % 64);
    let mut score = m as i64;
    let mut out = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let row = if c.is_ascii() {
            ascii[c as usize]
        } else {
            rows.get(&c).copied().unwrap_or(0)
        };
        let eqs = &peq[row * nb..(row + 1) * nb];
        let mut hin: i64 = 0;
        for b in 0..nb {
            let high = if b + 1 == nb { last_high } else { 1u64 << 63 };
            let (p, mm) = (pv[b], mv[b]);
            let neg = u64::from(hin < 0);
            let xv = eqs[b] | mm;
            let eq = eqs[b] | neg;
            let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
            let mut ph = mm | !(xh | p);
            let mut mh = p & xh;
            let hout = i64::from(ph & high != 0) - i64::from(mh & high != 0);
            ph <<= 1;
            mh <<= 1;
            mh |= neg;
            ph |= u64::from(hin > 0);
            pv[b] = mh | !(xv | ph);
            mv[b] = ph & xv;
            hin = hout;
        }
        score += hin;
        if score <= k as i64 {
            out.push((j + 1, score as usize));
        }
    }
    out
}

/// Given a match of `pattern` ending at `end`, the start that minimises the
/// edit distance (ties: the length closest to the pattern's), and that distance.
fn best_start(pattern: &[char], text: &[char], end: usize, k: usize) -> (usize, usize) {
    let m = pattern.len();
    let window = &text[end.saturating_sub(m + k)..end];
    let n = window.len();
    // Align the reversed pattern against the reversed window, anchored at
    // `end`, with a free start.
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=m {
        let pc = pattern[m - i];
        cur[0] = i;
        for j in 1..=n {
            let sub = prev[j - 1] + usize::from(pc != window[n - j]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (len, dist) = (0..=n)
        .map(|j| (j, prev[j]))
        .min_by_key(|&(j, d)| (d, j.abs_diff(m)))
        .unwrap_or((0, m));
    (end - len, dist)
}

/// Plain edit distance (used on short context strings, at most
/// `CONTEXT_CHARS` long).
fn levenshtein(a: &[char], b: &[char]) -> usize {
    strsim::generic_levenshtein(&a.to_vec(), &b.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn context_distance_is_the_edit_distance() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein(&c("Blinken’s"), &c("Blinken's")), 1);
        assert_eq!(levenshtein(&c(""), &c("中文")), 2);
    }

    /// Reference: semi-global edit distance of `p` against substrings of `t`
    /// ending at each position.
    fn naive(p: &[char], t: &[char]) -> Vec<usize> {
        let mut prev: Vec<usize> = (0..=p.len()).collect();
        let mut out = Vec::new();
        for &c in t {
            let mut cur = vec![0usize; p.len() + 1];
            for i in 1..=p.len() {
                cur[i] = (prev[i - 1] + usize::from(p[i - 1] != c))
                    .min(prev[i] + 1)
                    .min(cur[i - 1] + 1);
            }
            out.push(cur[p.len()]);
            prev = cur;
        }
        out
    }

    proptest! {
        #[test]
        fn myers_agrees_with_dynamic_programming(
            p in "[abc]{1,150}",
            t in "[abcé]{0,300}",
            k in 0usize..40,
        ) {
            let p: Vec<char> = p.chars().collect();
            let t: Vec<char> = t.chars().collect();
            let expected: Vec<(usize, usize)> = naive(&p, &t)
                .into_iter()
                .enumerate()
                .filter(|&(_, d)| d <= k)
                .map(|(j, d)| (j + 1, d))
                .collect();
            prop_assert_eq!(myers_search(&p, &t, k), expected);
        }
    }

    #[test]
    fn best_start_recovers_the_span() {
        let t: Vec<char> = "xxxx the quick brwn fox yyyy".chars().collect();
        let p: Vec<char> = "the quick brown fox".chars().collect();
        let hits = myers_search(&p, &t, 4);
        let &(end, d) = hits.iter().min_by_key(|h| h.1).unwrap();
        assert_eq!(d, 1);
        let (start, dist) = best_start(&p, &t, end, 4);
        assert_eq!((start, end, dist), (5, 23, 1));
    }
}
