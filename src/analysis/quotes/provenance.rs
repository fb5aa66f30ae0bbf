//! Transcript index and the search for a quotation's source passage.

use std::collections::HashMap;

use super::diff::{Alignment, align, diff_ops, edit_distance, surface_norm, words};
use super::{Source, TranscriptTurn};

/// Extra information that helps choose among candidate passages.
#[derive(Debug, Clone, Copy, Default)]
pub struct FindHints<'a> {
    /// The quotation's attributed speaker: a passage spoken by someone else
    /// is accepted only when the match is long and close.
    pub speaker: Option<&'a str>,
    /// The article text around the quotation; breaks ties between equally
    /// good passages (e.g. a one-word quote said twice).
    pub context: &'a str,
}

/// (transcript, turn) of a candidate passage.
type Region = (u32, u32);
/// (distinct 3-gram hits, first and last hit word position).
type Votes = (usize, u32, u32);

struct Doc {
    text: String,
    /// Byte range of every indexed word.
    spans: Vec<(u32, u32)>,
    ids: Vec<u32>,
    /// Turn of every word.
    turn_of: Vec<u32>,
    turns: Vec<(usize, usize, String)>,
}

/// Word n-gram index over transcripts, built once; [`ProvenanceIndex::find`]
/// then aligns a quotation only against the turns its 3-grams hit.
pub struct ProvenanceIndex {
    docs: Vec<Doc>,
    vocab: HashMap<String, u32>,
    /// The normalised form of every word id.
    norms: Vec<String>,
    /// (3-gram key, doc, word position), sorted by key.
    grams: Vec<(u64, u32, u32)>,
    /// Postings of single words: `word_start[id]..word_start[id + 1]` in `word_pos`.
    word_start: Vec<u32>,
    word_pos: Vec<(u32, u32)>,
}

fn gram_key(a: u32, b: u32, c: u32) -> u64 {
    let mix = |x: u32| u64::from(x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mix(a) ^ mix(b).rotate_left(21) ^ mix(c).rotate_left(42)
}

const STOP: &[&str] = &[
    "the", "and", "that", "with", "this", "from", "have", "they", "their", "which", "there",
    "were", "will", "about", "would", "what", "when", "been", "into", "also", "some", "them",
    "these",
];

fn content_words(text: &str) -> Vec<String> {
    let mut v: Vec<String> = words(text)
        .into_iter()
        .map(|w| w.norm)
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// True when two canonical names plausibly denote the same person.
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    if a == b {
        return true;
    }
    let (sa, sb) = (a.split_whitespace().last(), b.split_whitespace().last());
    match (sa, sb) {
        (Some(x), Some(y)) => x == y || (x.len() >= 6 && edit_distance(x, y) <= 1),
        _ => false,
    }
}

impl ProvenanceIndex {
    /// Indexes every word inside a turn of every transcript.
    pub fn build(transcripts: &[(&str, Vec<TranscriptTurn>)]) -> Self {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut norms: Vec<String> = Vec::new();
        let mut docs = Vec::with_capacity(transcripts.len());
        let mut grams = Vec::new();
        for (di, (text, turns)) in transcripts.iter().enumerate() {
            let mut doc = Doc {
                text: (*text).to_string(),
                spans: Vec::new(),
                ids: Vec::new(),
                turn_of: Vec::new(),
                turns: Vec::new(),
            };
            for (ti, turn) in turns.iter().enumerate() {
                let r = turn.range.start.min(text.len())..turn.range.end.min(text.len());
                let first = doc.ids.len();
                for w in words(&text[r.clone()]) {
                    let id = match vocab.get(&w.norm) {
                        Some(&id) => id,
                        None => {
                            let id = norms.len() as u32;
                            vocab.insert(w.norm.clone(), id);
                            norms.push(w.norm);
                            id
                        }
                    };
                    doc.ids.push(id);
                    doc.turn_of.push(ti as u32);
                    doc.spans.push((
                        (w.range.start + r.start) as u32,
                        (w.range.end + r.start) as u32,
                    ));
                }
                let last = doc.ids.len();
                for p in first..last.saturating_sub(2) {
                    let key = gram_key(doc.ids[p], doc.ids[p + 1], doc.ids[p + 2]);
                    grams.push((key, di as u32, p as u32));
                }
                doc.turns.push((first, last, turn.speaker.clone()));
            }
            docs.push(doc);
        }
        grams.sort_unstable();
        let mut counts = vec![0u32; vocab.len() + 1];
        for d in &docs {
            for &id in &d.ids {
                counts[id as usize + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut word_pos = vec![(0u32, 0u32); *counts.last().unwrap_or(&0) as usize];
        for (di, d) in docs.iter().enumerate() {
            for (p, &id) in d.ids.iter().enumerate() {
                word_pos[fill[id as usize] as usize] = (di as u32, p as u32);
                fill[id as usize] += 1;
            }
        }
        ProvenanceIndex {
            docs,
            vocab,
            norms,
            grams,
            word_start: counts,
            word_pos,
        }
    }

    /// Number of indexed transcripts.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no transcript is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The transcript passage a quotation was taken from, if any.
    pub fn find(&self, quote_text: &str) -> Option<Source> {
        self.find_with(quote_text, &FindHints::default())
    }

    /// [`find`](Self::find) with the quotation's speaker and context.
    pub fn find_with(&self, quote_text: &str, hints: &FindHints) -> Option<Source> {
        let q = words(quote_text);
        let plain: Vec<usize> = (0..q.len()).filter(|&i| !q[i].bracket).collect();
        let n = plain.len();
        if n == 0 {
            return None;
        }
        let ids: Vec<Option<u32>> = q.iter().map(|w| self.vocab.get(&w.norm).copied()).collect();
        let compatible = |speaker: &str| hints.speaker.is_none_or(|s| same_person(s, speaker));
        // Candidate (doc, turn) regions with their vote counts.
        let mut votes: HashMap<Region, Votes> = HashMap::new();
        if n >= 3 {
            for k in 0..n - 2 {
                let (a, b, c) = (ids[plain[k]], ids[plain[k + 1]], ids[plain[k + 2]]);
                let (Some(a), Some(b), Some(c)) = (a, b, c) else {
                    continue;
                };
                let key = gram_key(a, b, c);
                let lo = self.grams.partition_point(|g| g.0 < key);
                for &(_, d, p) in self.grams[lo..].iter().take_while(|g| g.0 == key) {
                    let turn = self.docs[d as usize].turn_of[p as usize];
                    let e = votes.entry((d, turn)).or_insert((0, p, p));
                    e.0 += 1;
                    e.1 = e.1.min(p);
                    e.2 = e.2.max(p);
                }
            }
        } else {
            // Short quotation: the postings of its rarest word, checked exactly.
            let rare = plain
                .iter()
                .filter_map(|&i| ids[i].map(|id| (i, id)))
                .min_by_key(|&(_, id)| {
                    self.word_start[id as usize + 1] - self.word_start[id as usize]
                })?;
            if plain.iter().any(|&i| ids[i].is_none()) {
                return None;
            }
            let (offset, id) = (plain.iter().position(|&i| i == rare.0)?, rare.1);
            let range =
                self.word_start[id as usize] as usize..self.word_start[id as usize + 1] as usize;
            for &(d, p) in &self.word_pos[range] {
                let doc = &self.docs[d as usize];
                let Some(start) = (p as usize).checked_sub(offset) else {
                    continue;
                };
                let ok = plain
                    .iter()
                    .enumerate()
                    .all(|(k, &i)| doc.ids.get(start + k).copied() == ids[i]);
                if ok {
                    let turn = doc.turn_of[p as usize];
                    votes
                        .entry((d, turn))
                        .or_insert((1, start as u32, start as u32));
                }
            }
        }
        let mut cands: Vec<(Region, Votes)> = votes.into_iter().collect();
        cands.sort_by_key(|&(k, v)| (std::cmp::Reverse(v.0), k));
        let top = cands.first().map_or(0, |c| c.1.0);
        cands.retain(|c| c.1.0 * 3 >= top);
        cands.truncate(6);
        let ctx = if cands.len() > 1 {
            let quote_words = content_words(quote_text);
            content_words(hints.context)
                .into_iter()
                .filter(|w| !quote_words.contains(w))
                .collect()
        } else {
            Vec::new()
        };
        let mut best: Option<(i32, usize, usize, u32, Alignment)> = None;
        for ((d, turn), (_, lo, hi)) in cands {
            let doc = &self.docs[d as usize];
            let (tfirst, tlast, ref speaker) = doc.turns[turn as usize];
            let pad = q.len() * 2 + 20;
            let from = (lo as usize).saturating_sub(pad).max(tfirst);
            let to = (hi as usize + pad).min(tlast);
            let t = self.norms_of(&doc.ids[from..to]);
            let Some(mut al) = align(&q, &t) else {
                continue;
            };
            if !self.accept(&al, n, compatible(speaker), hints.speaker.is_some()) {
                continue;
            }
            al.first += from;
            al.last += from;
            for s in &mut al.steps {
                use super::diff::Step::*;
                match s {
                    Match(_, j) | Fuzzy(_, j) | Sub(_, j) | TOnly(j) => *j += from,
                    QOnly(_) => {}
                }
            }
            let window = al.first.saturating_sub(60).max(tfirst)..(al.last + 60).min(tlast);
            let near = self.norms_of(&doc.ids[window]);
            let bonus = ctx.iter().filter(|c| near.contains(&c.as_str())).count();
            let key = (al.score, bonus);
            if best.as_ref().is_none_or(|b| key > (b.0, b.1)) {
                best = Some((al.score, bonus, d as usize, turn, al));
            }
        }
        let (_, _, d, turn, al) = best?;
        let doc = &self.docs[d];
        let start = doc.spans[al.first].0 as usize;
        let word_end = doc.spans[al.last].1 as usize;
        let mut end = word_end;
        let turn_end = doc.turns[turn as usize].1;
        let limit = doc
            .spans
            .get(al.last + 1)
            .filter(|_| al.last + 1 < turn_end)
            .map_or(doc.text.len(), |w| w.0 as usize);
        if quote_text
            .trim_end()
            .ends_with(|c: char| ".,;:!?".contains(c))
        {
            for (i, c) in doc.text[word_end..limit].char_indices() {
                if !".,;:!?".contains(c) {
                    break;
                }
                end = word_end + i + c.len_utf8();
            }
        }
        let passage = &doc.text[start..end];
        let verbatim = surface_norm(quote_text.trim()) == surface_norm(passage);
        let tw = self.norms_of(&doc.ids[al.first..=al.last]);
        let qw: Vec<&str> = q.iter().map(|w| w.norm.as_str()).collect();
        let same_words = tw == qw && !q.iter().any(|w| w.bracket || w.after_ellipsis);
        let diff = diff_ops(&al, &q, quote_text, &doc.spans, &doc.text);
        Some(Source {
            doc: d,
            range: start..end,
            turn: turn as usize,
            verbatim,
            same_words,
            diff,
        })
    }

    fn norms_of(&self, ids: &[u32]) -> Vec<&str> {
        ids.iter()
            .map(|&id| self.norms[id as usize].as_str())
            .collect()
    }

    /// Whether an alignment is good enough to call the passage the source.
    fn accept(&self, al: &Alignment, n: usize, compatible: bool, has_speaker: bool) -> bool {
        let cover = al.matched as f64 / n as f64;
        let exact = al.matched == n && al.last + 1 - al.first == n;
        match n {
            0 => false,
            // A word or two: only the attributed speaker's own words.
            1 | 2 => exact && compatible && has_speaker,
            3..=5 => exact && compatible,
            // Scattered common words are no evidence: ask for a stretch of
            // four words in a row, and more coverage when nobody is named.
            _ => {
                let min_cover = if has_speaker { 0.5 } else { 0.6 };
                al.run >= 4
                    && ((compatible && cover >= min_cover && al.matched >= 4)
                        || (cover >= 0.85 && n >= 10))
            }
        }
    }
}
