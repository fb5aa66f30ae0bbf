//! Word tokens, normalisation and the word-level alignment of a quotation
//! against a transcript region.

use std::ops::Range;

use super::vocab::{Tok, Vocab};

/// One step of a word-level diff between an article quotation and its
/// transcript passage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DiffOp {
    /// The word is in both (after normalisation); the article's form.
    Equal(String),
    /// The word is in the article only.
    Insert(String),
    /// The word is in the transcript only.
    Delete(String),
}

/// A normalised word of a text.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Bytes of the word in its text.
    pub range: Range<usize>,
    /// Lower case, apostrophes unified.
    pub norm: String,
    /// Inside editorial brackets (`[the]`): may differ from the transcript.
    pub bracket: bool,
    /// An ellipsis precedes this word: the transcript may skip words here.
    pub after_ellipsis: bool,
}

fn is_inner(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '-' | '‐')
}

/// Appends `c` in lower case (ASCII without the general case tables).
fn push_lower(s: &mut String, c: char) {
    if c.is_ascii() {
        s.push(c.to_ascii_lowercase());
    } else {
        s.extend(c.to_lowercase());
    }
}

/// Splits text into normalised words: runs of alphanumerics with inner
/// apostrophes and hyphens. Marks bracketed words and ellipsis positions.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(text, |range, norm, bracket, after_ellipsis| {
        out.push(Word {
            range,
            norm: norm.to_string(),
            bracket,
            after_ellipsis,
        })
    });
    out
}

/// The words of [`words`], one at a time, as (bytes, normalised form,
/// bracketed, after an ellipsis), without a `String` per word.
pub(crate) fn each_word(text: &str, mut f: impl FnMut(Range<usize>, &str, bool, bool)) {
    let mut norm = String::new();
    let mut depth = 0usize;
    let mut ellipsis = false;
    let mut dots = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            norm.clear();
            push_lower(&mut norm, c);
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    push_lower(&mut norm, d);
                    end = j + d.len_utf8();
                    chars.next();
                } else if is_inner(d) {
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(|n| n.is_alphanumeric()) {
                        norm.push(if d == '-' || d == '‐' { '-' } else { '\'' });
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            f(i..end, &norm, depth > 0, ellipsis);
            ellipsis = false;
            dots = 0;
            continue;
        }
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '…' => ellipsis = true,
            '.' => {
                dots += 1;
                if dots >= 3 {
                    ellipsis = true;
                }
                continue;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            dots = 0;
        }
    }
}

/// Normalises quotation marks, apostrophes, dashes and whitespace only: the
/// comparison behind the verbatim flag.
pub(crate) fn surface_norm(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '‘' | '’' | '‛' | '′' => s.push('\''),
            '“' | '”' | '„' | '″' | '«' | '»' => s.push('"'),
            '–' | '—' | '‒' | '―' | '‐' => s.push('-'),
            c if c.is_whitespace() => s.push(' '),
            c => s.push(c),
        }
    }
    let s = s.replace("--", "-");
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars.get(i + 1).copied();
            if prev.is_none_or(|p| p == ' ' || p == '-')
                || next.is_none_or(|n| n == ' ' || n == '-')
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Small spelling differences (`realise`/`realize`, `effects`/`effect`),
/// between words `a` and `b` seen as [`Tok`]s (their first letter and
/// lengths decide most pairs without looking at the words).
#[cfg(test)]
pub(crate) fn fuzzy_eq(a: &Tok, a_norm: &str, b: &Tok, b_norm: &str) -> bool {
    fuzzy_limit(a, b).is_some_and(|k| within_edits(a_norm, b_norm, k))
}

/// The edits `fuzzy_eq` allows between `a` and `b`, or `None` when what
/// it knows of them without the words already rules them out.
fn fuzzy_limit(a: &Tok, b: &Tok) -> Option<usize> {
    // Spelling variants share their first letter; checking it first skips
    // the rest for almost every mismatched pair.
    if a.bytes < 4 || b.bytes < 4 || a.first != b.first {
        return None;
    }
    let (la, lb) = (a.chars, b.chars);
    if la.min(lb) < 4 {
        return None;
    }
    let limit = if la.min(lb) >= 8 { 2 } else { 1 };
    (la.abs_diff(lb) <= limit && (a.letters ^ b.letters).count_ones() <= 2 * limit)
        .then_some(limit as usize)
}

/// Whether `a` and `b` are at most `k` edits apart (Levenshtein over
/// chars): `edit_distance(a, b) <= k`, without allocating for words of up
/// to [`SHORT`] chars and stopping as soon as every path costs more.
pub(crate) fn within_edits(a: &str, b: &str, k: usize) -> bool {
    const SHORT: usize = 64;
    let mut ca = ['\0'; SHORT];
    let mut cb = ['\0'; SHORT];
    let fill = |s: &str, buf: &mut [char; SHORT]| -> Option<usize> {
        let mut n = 0;
        for c in s.chars() {
            *buf.get_mut(n)? = c;
            n += 1;
        }
        Some(n)
    };
    let (Some(na), Some(nb)) = (fill(a, &mut ca), fill(b, &mut cb)) else {
        return edit_distance(a, b) <= k;
    };
    let (a, b) = (&ca[..na], &cb[..nb]);
    if na.abs_diff(nb) > k {
        return false;
    }
    // Two rows of the table (costs of at most SHORT fit a byte); a row's
    // least cost never falls further down.
    let (mut row_a, mut row_b) = ([0u8; SHORT + 1], [0u8; SHORT + 1]);
    let (mut prev, mut cur) = (&mut row_a, &mut row_b);
    for (j, p) in prev.iter_mut().enumerate().take(nb + 1) {
        *p = j as u8;
    }
    for (i, &x) in a.iter().enumerate() {
        cur[0] = (i + 1) as u8;
        let mut least = cur[0];
        for (j, &y) in b.iter().enumerate() {
            let v = (prev[j] + u8::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            cur[j + 1] = v;
            least = least.min(v);
        }
        if usize::from(least) > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[nb]) <= k
}

/// Levenshtein distance over chars: the one edit distance of the
/// quotation analysis (spelling variants in the aligner, surnames).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

const MATCH: i32 = 4;
const FUZZY: i32 = 2;
const SUB: i32 = -2;
const GAP: i32 = -2;

/// One aligned pair: quote word `q` (if any) against transcript word `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Match(usize, usize),
    Fuzzy(usize, usize),
    Sub(usize, usize),
    /// Quote word with no transcript counterpart.
    QOnly(usize),
    /// Transcript word with no quote counterpart.
    TOnly(usize),
}

/// Result of aligning a quotation to a transcript region.
#[derive(Debug, Clone)]
pub(crate) struct Alignment {
    pub score: i32,
    pub steps: Vec<Step>,
    /// Quote words outside brackets matched exactly or fuzzily.
    pub matched: usize,
    /// Quote words aligned with a transcript word (matched or not).
    pub aligned: usize,
    /// Longest stretch of consecutive exact word matches.
    pub run: usize,
    /// First and last transcript word index rendered by the quotation.
    pub first: usize,
    pub last: usize,
}

#[cfg(test)]
fn pair_score(q: &Word, qt: &Tok, t: &Tok, vocab: &Vocab) -> (i32, u8) {
    if qt.id != Tok::NONE && qt.id == t.id {
        (MATCH, 0)
    } else if fuzzy_eq(qt, &q.norm, t, vocab.norm(t.id)) {
        (FUZZY, 1)
    } else if q.bracket {
        (0, 2)
    } else {
        (SUB, 2)
    }
}

/// What aligning one quotation with its passages reuses from one passage
/// to the next: made for that quotation ([`AlignBuf::for_quote`]).
#[derive(Debug)]
pub(crate) struct AlignBuf {
    d: Vec<i32>,
    /// The quotation's known words (id, word) and its words of four
    /// letters or more (first letter, word), sorted: [`fill_eq`].
    by_id: Vec<(u32, u32)>,
    by_first: Vec<(char, u32)>,
    /// Whether quotation word `i` and passage word `id` are spelling
    /// variants, by (`i`, `id`), for pairs whose edits were counted.
    fuzzy: foldhash::HashMap<(u32, u32), bool>,
    /// The bit vectors of `match_bound`.
    v: Vec<u64>,
    eq: Vec<u64>,
}

impl AlignBuf {
    /// The buffers for aligning the quotation whose words the aligner sees
    /// as `qt`, its words sorted for [`fill_eq`] once for all its passages.
    pub(crate) fn for_quote(qt: &[Tok]) -> AlignBuf {
        let mut by_id: Vec<(u32, u32)> = qt
            .iter()
            .enumerate()
            .filter(|(_, x)| x.id != Tok::NONE)
            .map(|(i, x)| (x.id, i as u32))
            .collect();
        by_id.sort_unstable();
        let mut by_first: Vec<(char, u32)> = qt
            .iter()
            .enumerate()
            .filter(|(_, x)| x.bytes >= 4 && x.chars >= 4)
            .map(|(i, x)| (x.first, i as u32))
            .collect();
        by_first.sort_unstable();
        AlignBuf {
            d: Vec::new(),
            by_id,
            by_first,
            fuzzy: Default::default(),
            v: Vec::new(),
            eq: Vec::new(),
        }
    }
}

/// Semi-global alignment: the whole quotation `q` (its words seen as
/// `qt`, from [`Vocab::tok`]) against any stretch of `t` (transcript word
/// ids of `vocab`). Ellipses let the transcript skip words for free;
/// bracketed words cost nothing when they differ. Words are compared by
/// their ids; only pairs that could be spelling variants are compared as
/// text.
#[cfg(test)]
pub(crate) fn align(
    q: &[Word],
    qt: &[Tok],
    t: &[u32],
    vocab: &Vocab,
    buf: &mut AlignBuf,
) -> Option<Alignment> {
    let (n, m) = (q.len(), t.len());
    if n == 0 || m == 0 {
        return None;
    }
    align_if(q, qt, t, vocab, buf, |_| true)
}

/// The semi-global alignment of `q` with `t` (the first place the
/// quotation stands word for word, else `align_table`), or `None`
/// without filling the table when `enough`, asked
/// with the most quotation words any alignment with `t` could match
/// (`match_bound`), says that is too few: for a caller that turns down
/// alignments matching fewer words than it needs.
pub(crate) fn align_if(
    q: &[Word],
    qt: &[Tok],
    t: &[u32],
    vocab: &Vocab,
    buf: &mut AlignBuf,
    enough: impl Fn(usize) -> bool,
) -> Option<Alignment> {
    let (n, m) = (q.len(), t.len());
    if n == 0 || m == 0 {
        return None;
    }
    if let Some(al) = verbatim(q, qt, t) {
        return Some(al);
    }
    fill_eq(q, qt, t, vocab, buf);
    if !enough(common_subsequence(q, m, buf)) {
        return None;
    }
    table(q, qt, t, buf)
}

/// An upper bound of [`Alignment::matched`] for any alignment of `q`
/// with `t`: the longest common subsequence of the quotation's words
/// outside brackets and `t`, two words in common when the aligner could
/// match them (the same word or a spelling variant). The steps of an
/// alignment that match words are such a subsequence. Bit-parallel
/// (Hyyrö's LCS), 64 transcript words a machine word per quotation word.
#[cfg(test)]
pub(crate) fn match_bound(
    q: &[Word],
    qt: &[Tok],
    t: &[u32],
    vocab: &Vocab,
    buf: &mut AlignBuf,
) -> usize {
    fill_eq(q, qt, t, vocab, buf);
    common_subsequence(q, t.len(), buf)
}

/// Which words of `t` the aligner may match with each quotation word (the
/// same word or a spelling variant): `buf.eq` holds one bit per word of
/// `t` for each quotation word, `t.len().div_ceil(64)` blocks a row.
///
/// Each passage word looks up the quotation words equal to it, and those
/// of four letters or more with its first letter (the only ones
/// `fuzzy_eq` can take), instead of meeting every quotation word.
///
/// `buf` is the quotation's ([`AlignBuf::for_quote`] of `qt`).
fn fill_eq(q: &[Word], qt: &[Tok], t: &[u32], vocab: &Vocab, buf: &mut AlignBuf) {
    let blocks = t.len().div_ceil(64);
    let AlignBuf {
        eq,
        by_id,
        by_first,
        fuzzy,
        ..
    } = buf;
    eq.clear();
    eq.resize(q.len() * blocks, 0);
    for (j, &id) in t.iter().enumerate() {
        let bit = 1u64 << (j % 64);
        let at = by_id.partition_point(|x| x.0 < id);
        for &(_, i) in by_id[at..].iter().take_while(|x| x.0 == id) {
            eq[i as usize * blocks + j / 64] |= bit;
        }
        if by_first.is_empty() {
            continue;
        }
        let x = vocab.tok_of(id);
        if x.bytes < 4 || x.chars < 4 {
            continue;
        }
        let at = by_first.partition_point(|f| f.0 < x.first);
        for &(_, i) in by_first[at..].iter().take_while(|f| f.0 == x.first) {
            let Some(k) = fuzzy_limit(&qt[i as usize], &x) else {
                continue;
            };
            // The same pair comes back in the quotation's other passages.
            let variant = *fuzzy
                .entry((i, id))
                .or_insert_with(|| within_edits(&q[i as usize].norm, vocab.norm(id), k));
            if variant {
                eq[i as usize * blocks + j / 64] |= bit;
            }
        }
    }
}

/// `match_bound` from the rows [`fill_eq`] left in `buf`, for a passage
/// of `m` words.
fn common_subsequence(q: &[Word], m: usize, buf: &mut AlignBuf) -> usize {
    let blocks = m.div_ceil(64);
    let AlignBuf { v, eq, .. } = buf;
    v.clear();
    v.resize(blocks, !0);
    for (_, eq) in q
        .iter()
        .zip(eq.chunks_exact(blocks.max(1)))
        .filter(|(w, _)| !w.bracket)
    {
        // V' = (V + (V & Eq)) | (V & !Eq), the sum carried across blocks.
        let mut carry = false;
        for (vb, &e) in v.iter_mut().zip(eq.iter()) {
            let u = *vb & e;
            let (s1, c1) = vb.overflowing_add(u);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *vb = s2 | (*vb & !e);
        }
    }
    // The common subsequence is as long as V has zeros among its m bits.
    let ones: usize = v
        .iter()
        .enumerate()
        .map(|(b, &x)| {
            let bits = (m - b * 64).min(64);
            let mask = if bits == 64 { !0 } else { (1u64 << bits) - 1 };
            (x & mask).count_ones() as usize
        })
        .sum();
    m - ones
}

/// The semi-global alignment by filling the whole table.
#[cfg(test)]
fn align_table(
    q: &[Word],
    qt: &[Tok],
    t: &[u32],
    vocab: &Vocab,
    buf: &mut AlignBuf,
) -> Option<Alignment> {
    if q.is_empty() || t.is_empty() {
        return None;
    }
    fill_eq(q, qt, t, vocab, buf);
    table(q, qt, t, buf)
}

/// The score of a quotation word against passage word `j` (of `t`), and
/// whether it is an exact match (0), a spelling variant (1) or neither
/// (2): `row` is the word's bits from [`fill_eq`], `id` its id, `bracket`
/// whether it is an editor's word (which costs nothing when it differs).
#[inline]
fn pair_at(row: &[u64], id: u32, bracket: bool, t: &[u32], j: usize) -> (i32, u8) {
    if row[j / 64] >> (j % 64) & 1 == 1 {
        if id == t[j] { (MATCH, 0) } else { (FUZZY, 1) }
    } else if bracket {
        (0, 2)
    } else {
        (SUB, 2)
    }
}

/// The table of `align_table`, the words' pairs read from the rows
/// [`fill_eq`] left in `buf` for passage `t`.
fn table(q: &[Word], qt: &[Tok], t: &[u32], buf: &mut AlignBuf) -> Option<Alignment> {
    let (n, m) = (q.len(), t.len());
    let w = m + 1;
    let blocks = m.div_ceil(64);
    let AlignBuf { d, eq, .. } = buf;
    let pair = |i: usize, j: usize| {
        let row = &eq[i * blocks..(i + 1) * blocks];
        pair_at(row, qt[i].id, q[i].bracket, t, j)
    };
    d.clear();
    d.resize((n + 1) * w, 0);
    for i in 1..=n {
        let qgap = if q[i - 1].bracket { 0 } else { GAP };
        // `pair(i - 1, j).0`, with what does not change along the row
        // read once.
        let (row, id, bracket) = (
            &eq[(i - 1) * blocks..i * blocks],
            qt[i - 1].id,
            q[i - 1].bracket,
        );
        let score = |j: usize| pair_at(row, id, bracket, t, j).0;
        // Row i from row i - 1, cell by cell, left to right.
        let (above, below) = d.split_at_mut(i * w);
        let prev = &above[(i - 1) * w..];
        let cur = &mut below[..w];
        cur[0] = prev[0] + qgap;
        let mut left = cur[0];
        let cells = prev.windows(2).zip(&mut cur[1..]).enumerate();
        if q[i - 1].after_ellipsis {
            // After an ellipsis the transcript may skip words for free:
            // the diagonal comes from the best cell above-left so far.
            let mut best_prev = prev[0];
            for (j, (above, cell)) in cells {
                best_prev = best_prev.max(above[0]);
                let v = (best_prev + score(j)).max(above[1] + qgap).max(left + GAP);
                *cell = v;
                left = v;
            }
        } else {
            // `above`: the cells above-left and above.
            for (j, (above, cell)) in cells {
                let v = (above[0] + score(j)).max(above[1] + qgap).max(left + GAP);
                *cell = v;
                left = v;
            }
        }
    }
    let (mut j, score) = (0..=m)
        .map(|j| (j, d[n * w + j]))
        .max_by_key(|&(j, v)| (v, std::cmp::Reverse(j)))?;
    let mut i = n;
    let mut steps = Vec::new();
    while i > 0 {
        let qgap = if q[i - 1].bracket { 0 } else { GAP };
        let cur = d[i * w + j];
        if j > 0 {
            let (s, kind) = pair(i - 1, j - 1);
            let mut from = None;
            if d[(i - 1) * w + j - 1] + s == cur {
                from = Some(j - 1);
            } else if q[i - 1].after_ellipsis {
                from = (0..j).rev().find(|&k| d[(i - 1) * w + k] + s == cur);
            }
            if let Some(k) = from {
                steps.push(match kind {
                    0 => Step::Match(i - 1, j - 1),
                    1 => Step::Fuzzy(i - 1, j - 1),
                    _ => Step::Sub(i - 1, j - 1),
                });
                for skipped in (k..j - 1).rev() {
                    steps.push(Step::TOnly(skipped));
                }
                i -= 1;
                j = k;
                continue;
            }
            if d[i * w + j - 1] + GAP == cur {
                steps.push(Step::TOnly(j - 1));
                j -= 1;
                continue;
            }
        }
        debug_assert_eq!(d[(i - 1) * w + j] + qgap, cur);
        steps.push(Step::QOnly(i - 1));
        i -= 1;
    }
    steps.reverse();
    let mut matched = 0;
    let (mut run, mut cur) = (0, 0);
    let (mut first, mut last) = (usize::MAX, 0);
    let mut aligned = 0;
    for s in &steps {
        cur = if matches!(s, Step::Match(..)) {
            cur + 1
        } else {
            0
        };
        run = run.max(cur);
        match *s {
            Step::Match(qi, tj) | Step::Fuzzy(qi, tj) | Step::Sub(qi, tj) => {
                // Editorial words ([the]) are no evidence of a match.
                if !matches!(s, Step::Sub(..)) && !q[qi].bracket {
                    matched += 1;
                }
                aligned += 1;
                first = first.min(tj);
                last = last.max(tj);
            }
            _ => {}
        }
    }
    (first != usize::MAX).then_some(Alignment {
        score,
        steps,
        matched,
        aligned,
        run,
        first,
        last,
    })
}

/// The alignment `align` finds when the quotation, without brackets or
/// ellipses, stands word for word in `t`: its first such place (every
/// word an exact match, the best score there is; the earliest end wins
/// ties), found without filling the table.
fn verbatim(q: &[Word], qt: &[Tok], t: &[u32]) -> Option<Alignment> {
    let n = q.len();
    if n > t.len()
        || q.iter().any(|w| w.bracket || w.after_ellipsis)
        || qt.iter().any(|x| x.id == Tok::NONE)
    {
        return None;
    }
    let start = t
        .windows(n)
        .position(|win| win.iter().zip(qt).all(|(&a, b)| a == b.id))?;
    Some(Alignment {
        score: MATCH * n as i32,
        steps: (0..n).map(|i| Step::Match(i, start + i)).collect(),
        matched: n,
        aligned: n,
        run: n,
        first: start,
        last: start + n - 1,
    })
}

/// Word-level diff of an alignment, trimmed to the rendered passage.
pub(crate) fn diff_ops(
    al: &Alignment,
    q: &[Word],
    qtext: &str,
    t: &[(u32, u32)],
    ttext: &str,
) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    for s in &al.steps {
        match *s {
            Step::Match(qi, _) => ops.push(DiffOp::Equal(qtext[q[qi].range.clone()].to_string())),
            Step::Fuzzy(qi, tj) | Step::Sub(qi, tj) => {
                ops.push(DiffOp::Delete(
                    ttext[t[tj].0 as usize..t[tj].1 as usize].to_string(),
                ));
                ops.push(DiffOp::Insert(qtext[q[qi].range.clone()].to_string()));
            }
            Step::QOnly(qi) => ops.push(DiffOp::Insert(qtext[q[qi].range.clone()].to_string())),
            Step::TOnly(tj) if tj > al.first && tj < al.last => {
                ops.push(DiffOp::Delete(
                    ttext[t[tj].0 as usize..t[tj].1 as usize].to_string(),
                ));
            }
            Step::TOnly(_) => {}
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn words_are_normalised_and_marked() {
        assert_eq!(
            norms("We’re here -- Kazakh-American"),
            ["we're", "here", "kazakh-american"]
        );
        let w = words("member of [the] Union ... so that");
        assert!(w[2].bracket && !w[3].bracket);
        assert!(w[4].after_ellipsis && !w[5].after_ellipsis);
        assert!(words("[expand] routes… so")[2].after_ellipsis);
    }

    /// The bounded test agrees with the full distance, short words and
    /// long, ASCII or not.
    #[test]
    fn within_edits_is_the_edit_distance_bounded() {
        let words = [
            "",
            "a",
            "realise",
            "realize",
            "tsikhanouskaya",
            "tsikhanovskaya",
            "öztürk",
            "ozturk",
            "effects",
            "effect",
            "kazakh-american",
            "kazakhstan",
            "abcdefgh",
            "hgfedcba",
        ];
        let long = "x".repeat(70);
        let long2 = format!("{}y", "x".repeat(69));
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for a in words {
            for b in words {
                pairs.push((a, b));
            }
        }
        pairs.extend([(long.as_str(), long2.as_str()), (long.as_str(), "xx")]);
        for (a, b) in pairs {
            let d = edit_distance(a, b);
            for k in 0..4 {
                assert_eq!(within_edits(a, b, k), d <= k, "{a} {b} {k}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn within_edits_agrees_with_the_distance_on_random_words(
            a in "[abcé-]{0,12}",
            b in "[abcé-]{0,12}",
            k in 0usize..4,
        ) {
            proptest::prop_assert_eq!(within_edits(&a, &b, k), edit_distance(&a, &b) <= k);
        }

        /// The letter sets only ever turn down pairs that are too far
        /// apart: the spelling variant test answers as the edit distance.
        #[test]
        fn fuzzy_eq_answers_as_the_edit_distance(
            a in "[a-hé-ж0-2'-]{0,11}",
            b in "[a-hé-ж0-2'-]{0,11}",
        ) {
            let (ta, tb) = (Tok::new(0, &a), Tok::new(1, &b));
            let (la, lb) = (ta.chars as usize, tb.chars as usize);
            let limit = if la.min(lb) >= 8 { 2 } else { 1 };
            let expected = ta.bytes >= 4
                && tb.bytes >= 4
                && ta.first == tb.first
                && la.min(lb) >= 4
                && edit_distance(&a, &b) <= limit;
            proptest::prop_assert_eq!(fuzzy_eq(&ta, &a, &tb, &b), expected);
        }
    }

    /// Variants one or two edits apart pass the letter-set test; words
    /// with several letters of their own do not reach the edit count.
    #[test]
    fn letter_sets_keep_variants_and_part_unrelated_words() {
        use super::super::vocab::letter_bits;
        let apart = |a: &str, b: &str| (letter_bits(a) ^ letter_bits(b)).count_ones();
        assert!(apart("realise", "realize") <= 2);
        assert!(apart("tsikhanouskaya", "tsikhanovskaya") <= 2);
        assert!(apart("öztürk", "oztürk") <= 2);
        assert!(apart("effects", "effect") <= 1);
        assert!(apart("minister", "monument") > 4);
        let (a, b) = ("minister", "monument");
        let (ta, tb) = (Tok::new(0, a), Tok::new(1, b));
        assert!(!fuzzy_eq(&ta, a, &tb, b));
        let (a, b) = ("realise", "realize");
        assert!(fuzzy_eq(&Tok::new(0, a), a, &Tok::new(1, b), b));
    }

    #[test]
    fn surface_norm_ignores_quote_and_dash_styles() {
        assert_eq!(
            surface_norm("we’re “here” – now"),
            surface_norm("we're \"here\" -- now")
        );
        assert_ne!(surface_norm("Here"), surface_norm("here"));
    }

    /// Quotations found word for word skip the table: the same alignment
    /// as filling it, at the first place the words stand.
    #[test]
    fn a_verbatim_quotation_aligns_as_the_table_does() {
        let mut vocab = Vocab::new();
        let t: Vec<u32> = words(
            "we will not choose between them, we will not choose and we will not choose between",
        )
        .into_iter()
        .map(|w| vocab.intern(w.norm))
        .collect();
        for quote in [
            "we will not choose between",
            "not choose",
            "choose and we",
            "we will not choose between them, we will not choose and we will not choose between",
            "Them, we will",
        ] {
            let q = words(quote);
            let qt: Vec<Tok> = q.iter().map(|w| vocab.tok(&w.norm)).collect();
            let fast = verbatim(&q, &qt, &t).expect("word for word");
            let table = align_table(&q, &qt, &t, &vocab, &mut AlignBuf::for_quote(&qt)).unwrap();
            assert_eq!(
                (
                    fast.score,
                    &fast.steps,
                    fast.matched,
                    fast.aligned,
                    fast.run
                ),
                (
                    table.score,
                    &table.steps,
                    table.matched,
                    table.aligned,
                    table.run
                ),
                "{quote}"
            );
            assert_eq!(
                (fast.first, fast.last),
                (table.first, table.last),
                "{quote}"
            );
        }
        // Not word for word: left to the table.
        for quote in [
            "we will [not] choose",
            "we will ... choose between",
            "we shall not",
        ] {
            let q = words(quote);
            let qt: Vec<Tok> = q.iter().map(|w| vocab.tok(&w.norm)).collect();
            assert!(verbatim(&q, &qt, &t).is_none(), "{quote}");
        }
    }

    proptest::proptest! {
        /// The bound is the longest common subsequence of the words the
        /// aligner may match, and no alignment matches more words.
        #[test]
        fn match_bound_is_the_common_subsequence_and_bounds_every_alignment(
            quote in proptest::collection::vec((0usize..8, 0u8..6), 1..14),
            passage in proptest::collection::vec(0usize..8, 1..150),
        ) {
            const WORDS: [&str; 8] =
                ["realise", "realize", "the", "trade", "routes", "markets", "we", "will"];
            let text = quote
                .iter()
                .map(|&(w, mark)| match mark {
                    0 => format!("[{}]", WORDS[w]),
                    1 => format!("... {}", WORDS[w]),
                    _ => WORDS[w].to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ");
            let mut vocab = Vocab::new();
            let t: Vec<u32> = passage
                .iter()
                .map(|&w| vocab.intern(WORDS[w].to_string()))
                .collect();
            let q = words(&text);
            let qt: Vec<Tok> = q.iter().map(|w| vocab.tok(&w.norm)).collect();
            let mut buf = AlignBuf::for_quote(&qt);
            let bound = match_bound(&q, &qt, &t, &vocab, &mut buf);
            // The textbook table of the common subsequence.
            let rows: Vec<usize> = (0..q.len()).filter(|&i| !q[i].bracket).collect();
            let mut lcs = vec![vec![0usize; t.len() + 1]; rows.len() + 1];
            for (a, &i) in rows.iter().enumerate() {
                for j in 0..t.len() {
                    let x = vocab.tok_of(t[j]);
                    let same = qt[i].id == x.id
                        || fuzzy_eq(&qt[i], &q[i].norm, &x, vocab.norm(x.id));
                    lcs[a + 1][j + 1] = if same {
                        lcs[a][j] + 1
                    } else {
                        lcs[a][j + 1].max(lcs[a + 1][j])
                    };
                }
            }
            proptest::prop_assert_eq!(bound, lcs[rows.len()][t.len()]);
            // (None when the table aligns no word at all.)
            if let Some(al) = align_table(&q, &qt, &t, &vocab, &mut buf) {
                proptest::prop_assert!(al.matched <= bound);
                // The best score, as the recurrence gives it word pair by
                // word pair.
                let mut d = vec![vec![0i32; t.len() + 1]; q.len() + 1];
                for i in 1..=q.len() {
                    let qgap = if q[i - 1].bracket { 0 } else { GAP };
                    d[i][0] = d[i - 1][0] + qgap;
                    for j in 1..=t.len() {
                        let (s, _) = pair_score(&q[i - 1], &qt[i - 1], &vocab.tok_of(t[j - 1]), &vocab);
                        let diag = if q[i - 1].after_ellipsis {
                            d[i - 1][..j].iter().copied().max().unwrap_or(0)
                        } else {
                            d[i - 1][j - 1]
                        };
                        d[i][j] = (diag + s).max(d[i - 1][j] + qgap).max(d[i][j - 1] + GAP);
                    }
                }
                proptest::prop_assert_eq!(al.score, d[q.len()].iter().copied().max().unwrap_or(0));
                for step in &al.steps {
                    if let Step::Match(i, j) = *step {
                        proptest::prop_assert_eq!(qt[i].id, t[j]);
                    }
                }
            }
        }
    }

    #[test]
    fn alignment_skips_ellipsis_gaps_and_brackets() {
        let q = words("[expand] trade routes... so that they");
        let mut vocab = Vocab::new();
        let t: Vec<u32> =
            words("expanding trade routes, so that gives new markets, so that they rely")
                .into_iter()
                .map(|w| vocab.intern(w.norm))
                .collect();
        let qt: Vec<Tok> = q.iter().map(|w| vocab.tok(&w.norm)).collect();
        let al = align(&q, &qt, &t, &vocab, &mut AlignBuf::for_quote(&qt)).unwrap();
        assert_eq!(al.matched, 5, "the bracketed word is not counted");
        assert_eq!((al.first, al.last), (0, 10));
    }
}
