//! Transcript index and the search for a quotation's source passage.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::diff::{
    AlignBuf, Alignment, Word, align_if, diff_ops, each_word, surface_norm, within_edits, words,
};
use super::vocab::{Tok, Vocab};
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
    /// What the whole article names: chooses among transcripts that hold
    /// the same words (several interviews of one person).
    pub evidence: Option<&'a Evidence<'a>>,
}

/// The names, titles and dates an article mentions (capitalised words and
/// numbers, lower-cased): matched against the heading of each transcript
/// (its title, outlet, programme, place and date) to choose among
/// transcripts that hold the same words.
///
/// Read from the article the first time a choice needs it: most
/// quotations have one possible source, or none.
#[derive(Debug, Default, Clone)]
pub struct Evidence<'a> {
    text: &'a str,
    tokens: std::cell::OnceCell<HashSet<String>>,
}

impl<'a> Evidence<'a> {
    /// The evidence of one article, read in one pass over its text when
    /// first asked for.
    pub fn of_article(text: &'a str) -> Evidence<'a> {
        Evidence {
            text,
            tokens: std::cell::OnceCell::new(),
        }
    }

    fn tokens(&self) -> &HashSet<String> {
        self.tokens.get_or_init(|| {
            let mut tokens = HashSet::new();
            each_heading_token(self.text, |lower, _| {
                if !tokens.contains(lower) {
                    tokens.insert(lower.to_string());
                }
            });
            tokens
        })
    }
}

/// Words of a heading that identify a transcript: capitalised words and
/// numbers outside a short stop list, lower-cased, with their surface form.
fn heading_tokens(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    each_heading_token(text, |lower, surface| {
        out.push((lower.to_string(), surface.to_string()));
    });
    out
}

/// Calls `f(lower-cased, surface form)` for each of [`heading_tokens`].
fn each_heading_token(text: &str, mut f: impl FnMut(&str, &str)) {
    const COMMON: &[&str] = &[
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "on",
        "at",
        "for",
        "to",
        "with",
        "by",
        "from",
        "he",
        "she",
        "we",
        "i",
        "it",
        "they",
        "this",
        "that",
        "but",
        "as",
        "mr",
        "mrs",
        "ms",
        "dr",
        "transcript",
        "interview",
        "remarks",
        "press",
        "conference",
        "full",
        "text",
        "question",
        "moderator",
        "q",
        "a.",
        "secretary",
        "minister",
        "president",
        "said",
        "says",
    ];
    let mut lower = String::new();
    for w in text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'')) {
        let w = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        let w = w.trim_matches(['’', '\'']);
        let w = if w.is_empty() { continue } else { w };
        let first = w.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            continue;
        }
        let lower = crate::text::lowercase_into(&mut lower, w);
        if lower.chars().nth(1).is_none() || COMMON.contains(&lower) {
            continue;
        }
        f(lower, w);
    }
}

/// Bytes at the top of a transcript read as its heading.
const HEADING_BYTES: usize = 600;

/// (transcript, turn) of a candidate passage.
type Region = (u32, u32);
/// A 3-gram occurrence: (key, transcript, word position).
type Gram = (u64, u32, u32);
/// (distinct 3-gram hits, first and last hit word position).
type Votes = (usize, u32, u32);

struct Doc {
    text: String,
    /// Identifying words of the heading (before the first turn), with
    /// their surface form, sorted and deduplicated by the former.
    heading: Vec<(String, String)>,
    /// Byte range of every indexed word.
    spans: Vec<(u32, u32)>,
    ids: Vec<u32>,
    /// Turn of every word.
    turn_of: Vec<u32>,
    /// First and last word of every turn, and its speaker's number in
    /// [`ProvenanceIndex::speakers`].
    turns: Vec<(usize, usize, u32)>,
}

/// Word n-gram index over transcripts, built once; [`ProvenanceIndex::find`]
/// then aligns a quotation only against the turns its 3-grams hit.
pub struct ProvenanceIndex {
    docs: Vec<Doc>,
    /// Every turn speaker's name, once.
    speakers: Vec<String>,
    /// Every word of a turn, numbered.
    vocab: Vocab,
    /// Where the occurrences of each 3-gram key are in `postings`.
    grams: foldhash::HashMap<u64, (u32, u32)>,
    /// (doc, word position) of every 3-gram, grouped by key, in order.
    postings: Vec<(u32, u32)>,
    /// Postings of single words: `word_start[id]..word_start[id + 1]` in `word_pos`.
    word_start: Vec<u32>,
    word_pos: Vec<(u32, u32)>,
}

/// How many buckets [`ProvenanceIndex::build`] sorts the 3-grams in.
const GRAM_BUCKETS: usize = 1 << GRAM_BUCKET_BITS;
const GRAM_BUCKET_BITS: u32 = 8;

/// The bucket of a 3-gram key: its top bits, so that buckets in order
/// hold keys in order.
fn gram_bucket(key: u64) -> usize {
    (key >> (64 - GRAM_BUCKET_BITS)) as usize
}

fn gram_key(a: u32, b: u32, c: u32) -> u64 {
    let mix = |x: u32| u64::from(x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mix(a) ^ mix(b).rotate_left(21) ^ mix(c).rotate_left(42)
}

/// One transcript's words numbered on their own: what the parallel part
/// of [`ProvenanceIndex::build`] finds before the corpus numbers them.
struct Local<'t> {
    heading: Vec<(String, String)>,
    /// Distinct words in order of first use; a word's local id is its
    /// place here.
    norms: Vec<String>,
    ids: Vec<u32>,
    spans: Vec<(u32, u32)>,
    turn_of: Vec<u32>,
    turns: Vec<(usize, usize, &'t str)>,
}

impl<'t> Local<'t> {
    fn read(text: &str, turns: &'t [TranscriptTurn]) -> Local<'t> {
        let mut head_end = turns
            .first()
            .map_or(text.len(), |t| t.range.start)
            .min(HEADING_BYTES)
            .min(text.len());
        while !text.is_char_boundary(head_end) {
            head_end -= 1;
        }
        let mut heading = heading_tokens(&text[..head_end]);
        heading.sort();
        heading.dedup_by(|a, b| a.0 == b.0);
        let mut local = Local {
            heading,
            norms: Vec::new(),
            ids: Vec::new(),
            spans: Vec::new(),
            turn_of: Vec::new(),
            turns: Vec::with_capacity(turns.len()),
        };
        let mut seen: foldhash::HashMap<String, u32> = Default::default();
        for (ti, turn) in turns.iter().enumerate() {
            let r = turn.range.start.min(text.len())..turn.range.end.min(text.len());
            let first = local.ids.len();
            each_word(&text[r.clone()], |range, norm, _, _| {
                let id = match seen.get(norm) {
                    Some(&id) => id,
                    None => {
                        let id = seen.len() as u32;
                        seen.insert(norm.to_string(), id);
                        id
                    }
                };
                local.ids.push(id);
                local.turn_of.push(ti as u32);
                local
                    .spans
                    .push(((range.start + r.start) as u32, (range.end + r.start) as u32));
            });
            local
                .turns
                .push((first, local.ids.len(), turn.speaker.as_str()));
        }
        // The distinct words in order of first use, each moved out of
        // the map (one allocation per distinct word).
        let mut norms = vec![String::new(); seen.len()];
        for (w, id) in seen {
            norms[id as usize] = w;
        }
        local.norms = norms;
        local
    }

    /// The transcript's index entry, its words numbered as the corpus
    /// numbers them (`global[local id]`), and its 3-grams as
    /// (key, `di`, word position).
    /// `speaker[i]` is the number of the speaker of turn `i`.
    fn finish(self, global: &[u32], speaker: &[u32], text: &str, di: u32) -> (Doc, Vec<Gram>) {
        let ids: Vec<u32> = self.ids.iter().map(|&l| global[l as usize]).collect();
        let mut grams = Vec::with_capacity(ids.len());
        for &(first, last, _) in &self.turns {
            for p in first..last.saturating_sub(2) {
                grams.push((gram_key(ids[p], ids[p + 1], ids[p + 2]), di, p as u32));
            }
        }
        let doc = Doc {
            text: text.to_string(),
            heading: self.heading,
            spans: self.spans,
            ids,
            turn_of: self.turn_of,
            turns: self
                .turns
                .iter()
                .zip(speaker)
                .map(|(&(first, last, _), &s)| (first, last, s))
                .collect(),
        };
        (doc, grams)
    }
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
        (Some(x), Some(y)) => x == y || (x.len() >= 6 && within_edits(x, y, 1)),
        _ => false,
    }
}

impl ProvenanceIndex {
    /// Indexes every word inside a turn of every transcript.
    pub fn build<T: AsRef<[TranscriptTurn]> + Sync>(transcripts: &[(&str, T)]) -> Self {
        use rayon::prelude::*;
        let mut vocab = Vocab::new();
        let mut speakers: Vec<String> = Vec::new();
        let mut speaker_ids: foldhash::HashMap<&str, u32> = Default::default();
        let mut docs = Vec::with_capacity(transcripts.len());
        // The 3-grams, by the top bits of their key: each bucket is sorted
        // on its own (on every core, in cache), and the buckets in order
        // are all the 3-grams sorted.
        let mut grams: Vec<Vec<Gram>> = vec![Vec::new(); GRAM_BUCKETS];
        // A few transcripts at a time: each one's words are found and
        // numbered on its own on every core (`Local`), then its distinct
        // words are numbered in the corpus in order (the same numbers as
        // one word at a time, in order), then its ids and 3-grams are
        // filled in on every core.
        for (c, chunk) in transcripts.chunks(64).enumerate() {
            let mut locals: Vec<Local> = chunk
                .par_iter()
                .map(|(text, turns)| Local::read(text, turns.as_ref()))
                .collect();
            let globals: Vec<Vec<u32>> = locals
                .iter_mut()
                .map(|l| {
                    std::mem::take(&mut l.norms)
                        .into_iter()
                        .map(|w| vocab.intern(w))
                        .collect()
                })
                .collect();
            let turn_speakers: Vec<Vec<u32>> = locals
                .iter()
                .map(|l| {
                    l.turns
                        .iter()
                        .map(|&(_, _, name)| {
                            *speaker_ids.entry(name).or_insert_with(|| {
                                speakers.push(name.to_string());
                                (speakers.len() - 1) as u32
                            })
                        })
                        .collect()
                })
                .collect();
            let base = c * 64;
            let built: Vec<(Doc, Vec<Gram>)> = locals
                .into_par_iter()
                .zip(globals)
                .zip(turn_speakers)
                .zip(chunk.par_iter())
                .enumerate()
                .map(|(i, (((local, global), speaker), (text, _)))| {
                    local.finish(&global, &speaker, text, (base + i) as u32)
                })
                .collect();
            for (doc, g) in built {
                docs.push(doc);
                for gram in g {
                    grams[gram_bucket(gram.0)].push(gram);
                }
            }
        }
        // Stable, by key: each bucket was filled in (transcript, position)
        // order, which is kept among equal keys.
        grams.par_iter_mut().for_each(|b| b.sort_by_key(|g| g.0));
        let mut postings: Vec<(u32, u32)> = Vec::with_capacity(grams.iter().map(Vec::len).sum());
        // Room for every distinct key at once: the map is never grown (and
        // rehashed) key by key.
        let keys: usize = grams
            .par_iter()
            .map(|b| b.chunk_by(|x, y| x.0 == y.0).count())
            .sum();
        let mut index: foldhash::HashMap<u64, (u32, u32)> = HashMap::with_capacity(keys);
        for bucket in grams {
            for run in bucket.chunk_by(|a, b| a.0 == b.0) {
                let at = postings.len();
                index.insert(run[0].0, (at as u32, (at + run.len()) as u32));
                postings.extend(run.iter().map(|&(_, d, p)| (d, p)));
            }
        }
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
        drop(speaker_ids);
        ProvenanceIndex {
            docs,
            speakers,
            vocab,
            grams: index,
            postings,
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

    /// [`find`](Self::find) with the quotation's speaker and context:
    /// [`passages`](Self::passages), then [`source_of`](Self::source_of).
    pub fn find_with(&self, quote_text: &str, hints: &FindHints) -> Option<Source> {
        let passages = self.passages(quote_text, hints.speaker);
        self.source_of(quote_text, &passages, hints)
    }

    /// The source among `passages` (found for `quote_text` and the
    /// speaker of `hints`), chosen with what the article around the
    /// quotation says (`hints.context`, `hints.evidence`).
    pub fn source_of(
        &self,
        quote_text: &str,
        passages: &Passages,
        hints: &FindHints,
    ) -> Option<Source> {
        let chooser = Chooser { index: self, hints };
        let (best, reason) = chooser.choose(quote_text, &passages.cands)?;
        Some(self.source(quote_text, &passages.q, best, reason))
    }

    /// Every passage of the transcripts good enough to be the source of
    /// `quote_text`, said by `speaker` (as the article attributes it).
    /// Depends on nothing else of the article, so an article quoting the
    /// same words of the same speaker as another can share the look-up.
    ///
    /// Bounded work per quotation, whatever the size of the index: the
    /// occurrences of its rarest word 3-grams, at most [`POSTINGS_BUDGET`]
    /// in all (common 3-grams are no evidence of where a quotation came
    /// from), and at most [`MAX_CANDIDATES`] passages, each a window a few
    /// times the quotation's length, are aligned.
    pub fn passages(&self, quote_text: &str, speaker: Option<&str>) -> Passages {
        let q = words(quote_text);
        let plain: Vec<usize> = (0..q.len()).filter(|&i| !q[i].bracket).collect();
        let n = plain.len();
        if n == 0 {
            return Passages::none(q);
        }
        let ids: Vec<Option<u32>> = q.iter().map(|w| self.vocab.get(&w.norm)).collect();
        if n <= EXACT_WORDS {
            let cands = self.find_short(&q, &plain, &ids, speaker);
            return Passages { q, cands };
        }
        // 3-grams of the words outside brackets (an inserted "[the]" does
        // not break them) and of all words (a run of four exact matches,
        // which acceptance asks for, holds two of these even when it
        // crosses a bracketed word).
        let all: Vec<usize> = (0..q.len()).collect();
        let mut grams: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        let mut keys = HashSet::new();
        for seq in [&plain, &all] {
            for k in 0..seq.len().saturating_sub(2) {
                let (a, b, c) = (ids[seq[k]], ids[seq[k + 1]], ids[seq[k + 2]]);
                let (Some(a), Some(b), Some(c)) = (a, b, c) else {
                    continue;
                };
                let key = gram_key(a, b, c);
                if !keys.insert(key) {
                    continue;
                }
                let (lo, hi) = self.grams.get(&key).copied().unwrap_or((0, 0));
                grams.push((seq[k], lo as usize..hi as usize));
            }
        }
        // The rarest 3-grams first, as many as the budget allows (at least
        // one, cut to its first postings when even that is common).
        grams.sort_by_key(|g| (g.1.len(), g.0));
        let mut spent = 0;
        let keep = grams
            .iter()
            .take_while(|g| {
                spent += g.1.len();
                spent <= POSTINGS_BUDGET
            })
            .count()
            .max(1);
        grams.truncate(keep);
        // Hits of each candidate (doc, turn), grouped by it: (word
        // position, 3-gram index).
        let mut hits: Vec<(Region, (u32, u32))> = Vec::new();
        for (k, range) in grams {
            for &(d, p) in self.postings[range].iter().take(MAX_POSTINGS) {
                let turn = self.docs[d as usize].turn_of[p as usize];
                hits.push(((d, turn), (p, k as u32)));
            }
        }
        hits.sort_unstable_by_key(|h| h.0);
        let span = (q.len() * 4 + 60) as u32;
        let mut window = vec![0u32; q.len()];
        let mut h: Vec<(u32, u32)> = Vec::new();
        let mut cands: Vec<(Region, Votes)> = hits
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                h.clear();
                h.extend(run.iter().map(|x| x.1));
                (run[0].0, densest(&mut h, span, &mut window))
            })
            .collect();
        cands.sort_by_key(|&(k, v)| (std::cmp::Reverse(v.0), k));
        let top = cands.first().map_or(0, |c| c.1.0);
        cands.retain(|c| c.1.0 * 3 >= top);
        cands.truncate(MAX_CANDIDATES);
        if cands.is_empty() {
            return Passages {
                q,
                cands: Vec::new(),
            };
        }
        let scorer = Scorer::new(self, &q, n, speaker);
        let cands = cands
            .into_iter()
            .filter_map(|((d, turn), (_, lo, hi))| {
                let (tfirst, tlast, _) = self.docs[d as usize].turns[turn as usize];
                let pad = q.len() * 2 + 20;
                let from = (lo as usize).saturating_sub(pad).max(tfirst);
                let to = (hi as usize + pad).min(tlast);
                scorer.candidate(d, turn, from..to)
            })
            .collect::<Vec<_>>();
        drop(scorer);
        Passages { q, cands }
    }

    /// A quotation of at most [`EXACT_WORDS`] words, which must be found
    /// word for word: every occurrence of its rarest word (up to
    /// [`MAX_POSTINGS`]) is checked by aligning the few words around it.
    fn find_short(
        &self,
        q: &[Word],
        plain: &[usize],
        ids: &[Option<u32>],
        speaker: Option<&str>,
    ) -> Vec<Candidate> {
        // Every word must be in a transcript; a word or two only from
        // the attributed speaker (`accept`), so not when nobody is named.
        if plain.iter().any(|&i| ids[i].is_none()) || (plain.len() <= 2 && speaker.is_none()) {
            return Vec::new();
        }
        let Some(id) = plain
            .iter()
            .filter_map(|&i| ids[i])
            .min_by_key(|&id| self.word_start[id as usize + 1] - self.word_start[id as usize])
        else {
            return Vec::new();
        };
        let range =
            self.word_start[id as usize] as usize..self.word_start[id as usize + 1] as usize;
        let scorer = Scorer::new(self, q, plain.len(), speaker);
        self.word_pos[range]
            .iter()
            .take(MAX_POSTINGS)
            .filter_map(|&(d, p)| {
                let doc = &self.docs[d as usize];
                let turn = doc.turn_of[p as usize];
                let (tfirst, tlast, _) = doc.turns[turn as usize];
                let from = (p as usize).saturating_sub(q.len()).max(tfirst);
                let to = (p as usize + q.len() + 1).min(tlast);
                scorer.candidate(d, turn, from..to)
            })
            .collect()
    }

    /// The same answer as [`find_with`](Self::find_with), found without the
    /// index and without its bounds by aligning the quotation against every
    /// turn of every transcript (a short one around every occurrence of its
    /// rarest word): the reference the index is tested against. Quadratic;
    /// for tests only.
    #[doc(hidden)]
    pub fn find_exhaustive(&self, quote_text: &str, hints: &FindHints) -> Option<Source> {
        let q = words(quote_text);
        let n = q.iter().filter(|w| !w.bracket).count();
        if n == 0 {
            return None;
        }
        let scorer = &Scorer::new(self, &q, n, hints.speaker);
        // A short quotation is found word for word: around each occurrence
        // of its rarest word, counted here by a scan of every transcript.
        let mut count: HashMap<u32, usize> = HashMap::new();
        for doc in &self.docs {
            for &id in &doc.ids {
                *count.entry(id).or_default() += 1;
            }
        }
        let plain: Vec<Option<u32>> = q
            .iter()
            .filter(|w| !w.bracket)
            .map(|w| self.vocab.get(&w.norm))
            .collect();
        if n <= EXACT_WORDS && plain.iter().any(Option::is_none) {
            return None;
        }
        let rarest = plain.iter().flatten().copied().min_by_key(|id| count[id]);
        let best = self
            .docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| {
                doc.turns
                    .iter()
                    .enumerate()
                    .map(move |(t, &(first, last, _))| (d as u32, t as u32, first..last))
            })
            .flat_map(|(d, t, range)| {
                let ids = &self.docs[d as usize].ids;
                let windows: Vec<std::ops::Range<usize>> = if n <= EXACT_WORDS {
                    range
                        .clone()
                        .filter(|&p| Some(ids[p]) == rarest)
                        .map(|p| {
                            p.saturating_sub(q.len()).max(range.start)
                                ..(p + q.len() + 1).min(range.end)
                        })
                        .collect()
                } else {
                    vec![range]
                };
                windows
                    .into_iter()
                    .filter_map(move |w| scorer.candidate(d, t, w))
            })
            .collect::<Vec<_>>();
        let chooser = Chooser { index: self, hints };
        let (best, reason) = chooser.choose(quote_text, &best)?;
        Some(self.source(quote_text, &q, best, reason))
    }

    /// The source passage of the best candidate: its byte range, the
    /// verbatim flags and the word diff.
    fn source(&self, quote_text: &str, q: &[Word], best: &Candidate, reason: String) -> Source {
        let Candidate { doc: d, turn, al } = best;
        let (d, turn) = (*d as usize, *turn);
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
        let tw = &doc.ids[al.first..=al.last];
        let same_words = tw.len() == q.len()
            && tw
                .iter()
                .zip(q)
                .all(|(&t, w)| self.vocab.get(&w.norm) == Some(t))
            && !q.iter().any(|w| w.bracket || w.after_ellipsis);
        let diff = diff_ops(al, q, quote_text, &doc.spans, &doc.text);
        Source {
            doc: d,
            range: start..end,
            turn: turn as usize,
            verbatim,
            same_words,
            diff,
            reason,
        }
    }

    /// Whether an alignment is good enough to call the passage the source.
    fn accept(&self, al: &Alignment, n: usize, compatible: bool, has_speaker: bool) -> bool {
        let cover = al.matched as f64 / n as f64;
        // Every word matched, in a row (bracketed words may differ).
        let exact = al.matched == n && al.last + 1 - al.first == al.aligned;
        match n {
            0 => false,
            // A word or two: only the attributed speaker's own words.
            1 | 2 => exact && compatible && has_speaker,
            3..=EXACT_WORDS => exact && compatible,
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

/// The least share of a long quotation's `n` words (outside brackets) a
/// passage must match for [`ProvenanceIndex::accept`] to take it, or
/// `None` when it can take none.
fn least_cover(n: usize, compatible: bool, has_speaker: bool) -> Option<f64> {
    match (compatible, has_speaker) {
        (true, true) => Some(0.5),
        (true, false) => Some(0.6),
        (false, _) => (n >= 10).then_some(0.85),
    }
}

/// How many occurrences of one word 3-gram (or, for a quotation of one or
/// two words, of its rarest word) a look-up reads at most.
pub const MAX_POSTINGS: usize = 512;
/// How many 3-gram occurrences one look-up reads in all: the rarest of
/// the quotation's 3-grams are read until this is spent, so that a long
/// quotation of common words costs no more than a short one.
pub const POSTINGS_BUDGET: usize = 512;
/// Quotations of up to this many words (outside brackets) are accepted
/// only word for word.
const EXACT_WORDS: usize = 5;
/// How many candidate passages a look-up aligns at most.
pub const MAX_CANDIDATES: usize = 6;

/// The densest cluster of hits of one turn: the most distinct 3-grams
/// whose implied quotation starts lie within `span` words, with the first
/// and last hit position of that cluster.
///
/// `window` has one zero per 3-gram index, and is left so.
fn densest(hits: &mut [(u32, u32)], span: u32, window: &mut [u32]) -> Votes {
    // By implied start of the quotation (position minus 3-gram index).
    hits.sort_unstable_by_key(|&(p, k)| (p.saturating_sub(k), k));
    let start = |h: &(u32, u32)| h.0.saturating_sub(h.1);
    let mut best = (0usize, 0usize, 0usize);
    let mut lo = 0;
    // Multiplicity of each 3-gram index in the window, and how many
    // distinct ones there are.
    let mut distinct = 0;
    for hi in 0..hits.len() {
        let k = hits[hi].1 as usize;
        window[k] += 1;
        if window[k] == 1 {
            distinct += 1;
        }
        while start(&hits[hi]) - start(&hits[lo]) > span {
            let k = hits[lo].1 as usize;
            window[k] -= 1;
            if window[k] == 0 {
                distinct -= 1;
            }
            lo += 1;
        }
        if distinct > best.0 {
            best = (distinct, lo, hi);
        }
    }
    for h in &hits[lo..] {
        window[h.1 as usize] = 0;
    }
    let (first, last) = hits[best.1..=best.2]
        .iter()
        .fold((u32::MAX, 0), |(a, b), h| (a.min(h.0), b.max(h.0)));
    (best.0, first, last)
}

/// An accepted alignment of a quotation with a passage of one turn.
#[derive(Debug, Clone)]
struct Candidate {
    doc: u32,
    turn: u32,
    al: Alignment,
}

impl Candidate {
    /// Higher is better: what the article names of the transcript's
    /// heading, then the alignment score, then the article's context
    /// near the passage (`bonus`), then the earlier transcript, turn and
    /// passage.
    fn rank(
        &self,
        named: usize,
        bonus: usize,
    ) -> (usize, i32, usize, std::cmp::Reverse<(u32, u32, usize)>) {
        (
            named,
            self.al.score,
            bonus,
            std::cmp::Reverse((self.doc, self.turn, self.al.first)),
        )
    }
}

/// What [`ProvenanceIndex::passages`] finds for a quotation: its words
/// and every passage accepted as its possible source, in the order the
/// look-up met them.
#[derive(Debug, Clone)]
pub struct Passages {
    q: Vec<Word>,
    cands: Vec<Candidate>,
}

impl Passages {
    fn none(q: Vec<Word>) -> Passages {
        Passages {
            q,
            cands: Vec::new(),
        }
    }

    /// True when no passage could be the source.
    pub fn is_empty(&self) -> bool {
        self.cands.is_empty()
    }
}

/// Alignment scores this close to the best are "the same words": one word
/// spelt differently (an exact match scores 4, a spelling variant 2).
const SAME_WORDS_MARGIN: i32 = 2;

/// Aligns one quotation against passages and judges the alignments: what
/// depends on the quotation's words and its speaker only.
struct Scorer<'a> {
    index: &'a ProvenanceIndex,
    q: &'a [Word],
    n: usize,
    /// The quotation's attributed speaker.
    speaker: Option<&'a str>,
    /// The quotation's words as the aligner sees them.
    qt: Vec<Tok>,
    /// Every run of four words of the quotation, as ids, sorted: a long
    /// quotation is accepted only where the passage holds one of them.
    runs: Vec<[u32; 4]>,
    /// Buffers reused by every candidate of this quotation.
    buf: std::cell::RefCell<(AlignBuf, Vec<u32>)>,
    /// Whether each turn speaker seen so far (by number) may be the
    /// attributed one.
    compatible: std::cell::RefCell<foldhash::HashMap<u32, bool>>,
}

impl<'a> Scorer<'a> {
    fn new(index: &'a ProvenanceIndex, q: &'a [Word], n: usize, speaker: Option<&'a str>) -> Self {
        let qt: Vec<Tok> = q.iter().map(|w| index.vocab.tok(&w.norm)).collect();
        let mut runs: Vec<[u32; 4]> = qt
            .windows(4)
            .filter(|w| w.iter().all(|t| t.id != Tok::NONE))
            .map(|w| [w[0].id, w[1].id, w[2].id, w[3].id])
            .collect();
        runs.sort_unstable();
        runs.dedup();
        Scorer {
            index,
            q,
            n,
            speaker,
            buf: std::cell::RefCell::new((AlignBuf::for_quote(&qt), Vec::new())),
            qt,
            runs,
            compatible: Default::default(),
        }
    }

    /// Whether a passage spoken by `speaker` may be the attributed
    /// speaker's (any passage when the article names nobody); asked once
    /// per speaker of a quotation's candidates.
    fn compatible(&self, speaker: u32) -> bool {
        let Some(s) = self.speaker else {
            return true;
        };
        *self
            .compatible
            .borrow_mut()
            .entry(speaker)
            .or_insert_with(|| same_person(s, &self.index.speakers[speaker as usize]))
    }

    /// Whether the passage `t` holds enough of the quotation's words, or
    /// spelling variants of them, for an alignment to match the share
    /// `least` of them: a word no passage word equals and none shares its
    /// first letter with (among words of four letters or more) cannot be
    /// matched.
    fn may_cover(&self, t: &[u32], least: f64, near: &mut Vec<u32>) -> bool {
        near.clear();
        near.extend_from_slice(t);
        near.sort_unstable();
        near.dedup();
        let mut firsts: Vec<char> = near
            .iter()
            .map(|&id| self.index.vocab.tok_of(id))
            .filter(|t| t.bytes >= 4 && t.chars >= 4)
            .map(|t| t.first)
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        let possible = self
            .q
            .iter()
            .zip(&self.qt)
            .filter(|(w, t)| {
                !w.bracket
                    && (near.binary_search(&t.id).is_ok()
                        || (t.bytes >= 4 && t.chars >= 4 && firsts.binary_search(&t.first).is_ok()))
            })
            .count();
        possible as f64 / self.n as f64 >= least
    }

    /// The alignment of the quotation within words `range` of turn `turn`
    /// of transcript `d`, if good enough to call it the source.
    fn candidate(&self, d: u32, turn: u32, range: std::ops::Range<usize>) -> Option<Candidate> {
        let doc: &'a Doc = &self.index.docs[d as usize];
        let speaker = doc.turns[turn as usize].2;
        if range.is_empty() {
            return None;
        }
        let from = range.start;
        let has_speaker = self.speaker.is_some();
        let compatible = self.compatible(speaker);
        // What `accept` asks of a short quotation: every word, from the
        // attributed speaker (one or two words: only when the article
        // names one). A passage that cannot give it is not aligned.
        if self.n <= EXACT_WORDS && (!compatible || (self.n <= 2 && !has_speaker)) {
            return None;
        }
        // A long quotation needs four words in a row matched exactly
        // (`accept`): a passage holding none of its runs of four is not
        // worth aligning.
        if self.n > EXACT_WORDS
            && !doc.ids[range.clone()]
                .windows(4)
                .any(|w| self.runs.binary_search(&[w[0], w[1], w[2], w[3]]).is_ok())
        {
            return None;
        }
        let least = if self.n > EXACT_WORDS {
            least_cover(self.n, compatible, has_speaker)?
        } else {
            1.0
        };
        let mut buf = self.buf.borrow_mut();
        let (abuf, near) = &mut *buf;
        if !self.may_cover(&doc.ids[range.clone()], least, near) {
            return None;
        }
        // `accept` asks for the share `least` of the words matched: an
        // alignment that cannot match as many is not worth the table.
        let enough = |most: usize| most as f64 / self.n as f64 >= least;
        let mut al = align_if(
            self.q,
            &self.qt,
            &doc.ids[range],
            &self.index.vocab,
            abuf,
            enough,
        )?;
        if !self.index.accept(&al, self.n, compatible, has_speaker) {
            return None;
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
        Some(Candidate { doc: d, turn, al })
    }
}

/// Chooses a quotation's source among its passages with what its article
/// says around it.
struct Chooser<'a> {
    index: &'a ProvenanceIndex,
    hints: &'a FindHints<'a>,
}

impl<'a> Chooser<'a> {
    /// The article's context words that the quotation does not contain,
    /// as word ids (a word no transcript holds is near no passage).
    fn ctx(&self, quote_text: &str) -> Vec<u32> {
        let quote_words = content_words(quote_text);
        let mut ctx: Vec<u32> = content_words(self.hints.context)
            .into_iter()
            .filter(|w| quote_words.binary_search(w).is_err())
            .filter_map(|w| self.index.vocab.get(&w))
            .collect();
        ctx.sort_unstable();
        ctx
    }

    /// How many of the context words `ctx` are near candidate `c`'s
    /// passage (within 60 words, in its turn).
    fn bonus(&self, ctx: &[u32], c: &Candidate, near: &mut Vec<u32>) -> usize {
        if ctx.is_empty() {
            return 0;
        }
        let doc = &self.index.docs[c.doc as usize];
        let (tfirst, tlast, _) = doc.turns[c.turn as usize];
        let window = c.al.first.saturating_sub(60).max(tfirst)..(c.al.last + 60).min(tlast);
        near.clear();
        near.extend_from_slice(&doc.ids[window]);
        near.sort_unstable();
        near.dedup();
        ctx.iter().filter(|w| near.binary_search(w).is_ok()).count()
    }

    /// Heading words of transcript `d` that the article names.
    fn named(&self, d: u32) -> Vec<&'a str> {
        let Some(e) = self.hints.evidence else {
            return Vec::new();
        };
        let tokens = e.tokens();
        self.index.docs[d as usize]
            .heading
            .iter()
            .filter(|(t, _)| tokens.contains(t))
            .map(|(_, surface)| surface.as_str())
            .collect()
    }

    /// The source among accepted candidates, and why. Candidates within
    /// [`SAME_WORDS_MARGIN`] of the best alignment hold the same words;
    /// among those the transcript whose heading the article names most
    /// wins, then the closer wording, then the article's context.
    fn choose<'c>(
        &self,
        quote_text: &str,
        cands: &'c [Candidate],
    ) -> Option<(&'c Candidate, String)> {
        let top = cands.iter().map(|c| c.al.score).max()?;
        let close: Vec<&Candidate> = cands
            .iter()
            .filter(|c| c.al.score + SAME_WORDS_MARGIN >= top)
            .collect();
        // The article's context only weighs between passages: a single
        // close one is chosen without reading it.
        let ctx = if close.len() > 1 {
            self.ctx(quote_text)
        } else {
            Vec::new()
        };
        let mut near = Vec::new();
        let close: Vec<(&Candidate, usize)> = close
            .into_iter()
            .map(|c| (c, self.bonus(&ctx, c, &mut near)))
            .collect();
        let docs: HashSet<u32> = close.iter().map(|c| c.0.doc).collect();
        let named: HashMap<u32, Vec<&str>> = if docs.len() > 1 {
            docs.iter().map(|&d| (d, self.named(d))).collect()
        } else {
            HashMap::new()
        };
        let count = |c: &Candidate| named.get(&c.doc).map_or(0, Vec::len);
        let n = close.len();
        let best_named = close.iter().map(|c| count(c.0)).max().unwrap_or(0);
        let runner_named = {
            let mut v: Vec<usize> = docs
                .iter()
                .map(|d| named.get(d).map_or(0, Vec::len))
                .collect();
            v.sort_unstable_by(|a, b| b.cmp(a));
            v.get(1).copied().unwrap_or(0)
        };
        let (best, _) = close
            .into_iter()
            .max_by(|a, b| a.0.rank(count(a.0), a.1).cmp(&b.0.rank(count(b.0), b.1)))?;
        let reason = if n == 1 {
            "the only passage in the transcripts with these words".to_string()
        } else if best_named > runner_named {
            // The words that set this heading apart from the others.
            let shared = |w: &&str| named.iter().any(|(&d, ws)| d != best.doc && ws.contains(w));
            let mut words: Vec<&str> = named[&best.doc]
                .iter()
                .copied()
                .filter(|w| !shared(w))
                .collect();
            if words.is_empty() {
                words = named[&best.doc].clone();
            }
            format!(
                "{} transcripts hold these words; the article names {} from this one's heading",
                docs.len(),
                words.join(", ")
            )
        } else if best.al.score == top && docs.len() == 1 {
            format!("the closest of {n} passages in one transcript with these words")
        } else {
            format!("the closest wording and context among {n} passages with these words")
        };
        Some((best, reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look-up reads the first [`MAX_POSTINGS`] occurrences of a
    /// 3-gram as the earliest: each key's postings must be in transcript
    /// and word order, and every key's run must be found by its key.
    #[test]
    fn postings_of_each_gram_are_in_transcript_and_word_order() {
        let turn = |text: &str| TranscriptTurn {
            range: 0..text.len(),
            speaker: "Ana Lima".into(),
        };
        let phrases = [
            "we will keep the border open",
            "the border open to trade and to people",
            "we will keep talking and we will keep the border open",
        ];
        // Many transcripts, each repeating phrases in its own order, so
        // that keys recur across transcripts and within one.
        let texts: Vec<String> = (0..300)
            .map(|i| {
                (0..12)
                    .map(|k| phrases[(i * 7 + k * 5) % phrases.len()])
                    .collect::<Vec<_>>()
                    .join(". ")
            })
            .collect();
        let input: Vec<(&str, Vec<TranscriptTurn>)> =
            texts.iter().map(|t| (t.as_str(), vec![turn(t)])).collect();
        let index = ProvenanceIndex::build(&input);
        let mut seen = 0;
        for (&key, &(lo, hi)) in &index.grams {
            let run = &index.postings[lo as usize..hi as usize];
            assert!(run.windows(2).all(|w| w[0] < w[1]), "{key:x}: {run:?}");
            for &(d, p) in run {
                let ids = &index.docs[d as usize].ids;
                let p = p as usize;
                assert_eq!(gram_key(ids[p], ids[p + 1], ids[p + 2]), key);
            }
            seen += run.len();
        }
        assert_eq!(seen, index.postings.len());
        let words: usize = index.docs.iter().map(|d| d.ids.len() - 2).sum();
        assert_eq!(seen, words, "every 3-gram of the one-turn transcripts");
    }
}
