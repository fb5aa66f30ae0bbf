//! Quotations in news articles: where they are, who said them, and which
//! transcript passage they were taken from.
//!
//! * [`detect`] finds direct quotations (curly or straight double quotes,
//!   multi-paragraph runs, quotations split by their attribution) and
//!   attributes each to a canonical speaker.
//! * [`ProvenanceIndex`] indexes transcripts by word 3-grams and aligns a
//!   quotation against the candidate turns to find its source passage, with
//!   a verbatim flag and a word-level diff.
//! * [`report_json`] ties both together in the shape of `plenary quotes --json`.
//!
//! All ranges are byte ranges into the text they were computed from; only
//! [`report_json`] converts to code points.

mod attribute;
mod detect;
mod diff;
mod names;
mod provenance;
mod vocab;

use foldhash::HashSet;
use std::ops::Range;

use serde_json::{Value, json};

use crate::text::CharIndex;

pub use diff::DiffOp;
pub use names::KnownPeople;
pub use provenance::{Evidence, FindHints, Passages, ProvenanceIndex};

/// One speaker turn of a transcript, as produced by the speakers module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptTurn {
    /// Bytes of the spoken text (without the speaker label).
    pub range: Range<usize>,
    /// Canonical speaker name, e.g. "Antony Blinken".
    pub speaker: crate::name::Name,
}

/// Whether a quotation stands as the speaker's own sentence or is a phrase
/// built into the reporter's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Set off from the attribution: `“We will…,” he said.`
    Full,
    /// Built into the reporter's sentence: `has “information” that…`.
    Fragment,
}

/// A direct quotation in an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// Bytes of the quoted words, without the quotation marks. A quotation
    /// split by its attribution or running over several paragraphs gives
    /// one `Quote` per contiguous segment.
    pub range: Range<usize>,
    /// Canonical speaker; `None` when the text does not say.
    pub speaker: Option<String>,
    /// Bytes of the attribution cue (`Blinken said`, `he said`, …), if any.
    pub cue: Option<Range<usize>>,
    /// Full quotation or embedded fragment.
    pub kind: QuoteKind,
    /// Segments of one quotation (split or multi-paragraph) share a run id.
    pub run: usize,
}

/// Where a quotation was taken from in the transcripts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Index into the transcripts given to [`ProvenanceIndex::build`].
    pub doc: usize,
    /// Bytes of the transcript passage (first to last rendered word, plus
    /// the transcript's punctuation when the quotation ends in punctuation).
    pub range: Range<usize>,
    /// Index of the turn in that transcript's turn list.
    pub turn: usize,
    /// Identical after normalising quotation marks, apostrophes, dashes and
    /// whitespace only (case, punctuation, brackets and ellipses count).
    pub verbatim: bool,
    /// Identical word sequence after also normalising case and punctuation
    /// (a looser test than `verbatim`).
    pub same_words: bool,
    /// Word-level diff, article against transcript.
    pub diff: Vec<DiffOp>,
    /// Why this passage was chosen, for a reader: the only one holding
    /// the words, the closest wording, or, among transcripts that hold
    /// the same words, what the article names that this transcript's
    /// heading matches (a programme, outlet, place or date).
    pub reason: String,
}

/// Finds and attributes the direct quotations of an article.
///
/// `known_people` are canonical names from the corpus; a name in the text
/// that matches one (same surname up to small spelling differences, given
/// name equal, close or absent) is reported in its canonical form. When
/// detecting in many articles, build the [`KnownPeople`] once and call
/// [`detect_with`].
pub fn detect(text: &str, known_people: &[String]) -> Vec<Quote> {
    detect_with(text, &KnownPeople::new(known_people))
}

/// [`detect`] against an index of known names built once for a corpus.
/// Depends on nothing but the article and `known`: safe to run on many
/// articles in parallel.
pub fn detect_with(text: &str, known: &KnownPeople) -> Vec<Quote> {
    let layout = detect::layout(text);
    attribute::attribute(text, &layout, known)
}

/// Whether `text` may hold a quotation: it has a quotation mark. Cheap
/// (one scan for a few characters); [`detect`] finds none without one.
pub fn may_quote(text: &str) -> bool {
    detect::has_marks(text)
}

/// Words in quotation marks that are not quotations: names of works,
/// programmes and publications, and nicknames (`told NTV’s “Evening
/// Review”`, `Lionel “Leo” Vargas`). Byte ranges of the quoted words.
pub fn titles(text: &str) -> Vec<Range<usize>> {
    let layout = detect::layout(text);
    layout
        .segs
        .iter()
        .filter(|s| attribute::not_speech(text, s).is_some())
        .map(|s| s.range.clone())
        .collect()
}

/// A quotation of an article with the transcript passage it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourcedQuote {
    pub quote: Quote,
    /// `Source::doc` is an index into the documents given to
    /// [`analyse_corpus`], not into the transcripts.
    pub source: Option<Source>,
}

/// The names quotations are resolved against: `known_people` and every
/// transcript speaker with a full name ("Moderator" or "Question" are not
/// people).
pub fn corpus_people<'a>(
    known_people: &[String],
    speakers: impl IntoIterator<Item = &'a str>,
) -> KnownPeople {
    let mut people: Vec<String> = known_people.to_vec();
    let mut seen: HashSet<&str> = known_people.iter().map(String::as_str).collect();
    for s in speakers {
        if s.split_whitespace().count() >= 2 && seen.insert(s) {
            people.push(s.to_string());
        }
    }
    KnownPeople::new(&people)
}

/// The corpus-wide step: traces the quotations of one article (from
/// [`detect_with`]) to their sources in `index`. `Source::doc` is an index
/// into the transcripts given to [`ProvenanceIndex::build`]. The index is
/// only read, so articles may be traced in parallel.
pub fn trace_sources(index: &ProvenanceIndex, text: &str, quotes: Vec<Quote>) -> Vec<SourcedQuote> {
    trace_articles(index, &[text], vec![quotes])
        .pop()
        .unwrap_or_default()
}

/// [`trace_sources`] for many articles (`quotes[i]` are those of
/// `texts[i]`). A quotation's possible sources depend only on its words
/// and its speaker, so each distinct pair is looked up once, however many
/// articles quote it (news stories repeat one another's quotations); each
/// article then chooses among them with its own words around the
/// quotation. Look-ups and articles run on every core.
pub fn trace_articles(
    index: &ProvenanceIndex,
    texts: &[&str],
    quotes: Vec<Vec<Quote>>,
) -> Vec<Vec<SourcedQuote>> {
    use rayon::prelude::*;
    type Key<'k> = (&'k str, Option<&'k str>);
    let mut ids: foldhash::HashMap<Key, usize> = Default::default();
    let mut keys: Vec<Key> = Vec::new();
    let slots: Vec<Vec<usize>> = texts
        .iter()
        .zip(&quotes)
        .map(|(text, qs)| {
            qs.iter()
                .map(|q| {
                    let key = (&text[q.range.clone()], q.speaker.as_deref());
                    *ids.entry(key).or_insert_with(|| {
                        keys.push(key);
                        keys.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    drop(ids);
    let passages: Vec<provenance::Passages> = keys
        .par_iter()
        .map(|&(quote_text, speaker)| index.passages(quote_text, speaker))
        .collect();
    drop(keys);
    texts
        .par_iter()
        .zip(quotes)
        .zip(slots)
        .map(|((text, quotes), slots)| {
            let evidence = Evidence::of_article(text);
            quotes
                .into_iter()
                .zip(slots)
                .map(|(quote, slot)| {
                    let passages = &passages[slot];
                    let source = if passages.is_empty() {
                        None
                    } else {
                        let hints = FindHints {
                            speaker: quote.speaker.as_deref(),
                            context: context_of(text, &quote.range),
                            evidence: Some(&evidence),
                        };
                        index.source_of(&text[quote.range.clone()], passages, &hints)
                    };
                    SourcedQuote { quote, source }
                })
                .collect()
        })
        .collect()
}

/// Finds the quotations of every article (`texts[i].1 == false`) and their
/// sources in the transcripts (`true`), whose turns are in `turns`. Names
/// are resolved against `known_people` and the transcripts' speakers.
///
/// The same as [`detect_articles`], then, when some article quotes
/// anyone, [`TranscriptIndex::build`] and [`TranscriptIndex::trace`].
pub fn analyse_corpus(
    texts: &[(&str, bool)],
    turns: &[Vec<TranscriptTurn>],
    known_people: &[String],
) -> Vec<Vec<SourcedQuote>> {
    let detected = detect_articles(texts, turns, known_people);
    // The index holds every word of every transcript: built only when
    // some article has a quotation to trace.
    let index = if detected.iter().any(|q| !q.is_empty()) {
        TranscriptIndex::build(texts, turns)
    } else {
        TranscriptIndex::build(&[], &[])
    };
    index.trace(texts, detected)
}

/// The quotations of every article (`texts[i].1 == false`; none for a
/// transcript), their speakers resolved against `known_people` and the
/// speakers of the transcripts' `turns`. Each article on its own, on
/// every core.
pub fn detect_articles(
    texts: &[(&str, bool)],
    turns: &[Vec<TranscriptTurn>],
    known_people: &[String],
) -> Vec<Vec<Quote>> {
    let people = corpus_people(
        known_people,
        texts
            .iter()
            .zip(turns)
            .filter(|((_, is_transcript), _)| *is_transcript)
            .flat_map(|(_, ts)| ts.iter().map(|t| &*t.speaker)),
    );
    use rayon::prelude::*;
    texts
        .par_iter()
        .map(|(text, is_transcript)| {
            if *is_transcript {
                Vec::new()
            } else {
                detect_with(text, &people)
            }
        })
        .collect()
}

/// The transcripts of a corpus, indexed to trace quotations to them.
/// Needs only the transcripts, so it may be built while the articles'
/// quotations are being found.
pub struct TranscriptIndex {
    index: ProvenanceIndex,
    /// The corpus document of each indexed transcript.
    doc_of: Vec<usize>,
}

impl TranscriptIndex {
    /// Indexes the transcripts (`texts[i].1 == true`) by their `turns`.
    pub fn build(texts: &[(&str, bool)], turns: &[Vec<TranscriptTurn>]) -> TranscriptIndex {
        let mut transcripts: Vec<(&str, &[TranscriptTurn])> = Vec::new();
        let mut doc_of = Vec::new();
        for (i, (text, is_transcript)) in texts.iter().enumerate() {
            if *is_transcript {
                transcripts.push((*text, turns.get(i).map_or(&[], Vec::as_slice)));
                doc_of.push(i);
            }
        }
        TranscriptIndex {
            index: ProvenanceIndex::build(&transcripts),
            doc_of,
        }
    }

    /// The sources of the articles' quotations (`quotes[i]` are those of
    /// `texts[i]`, as from [`detect_articles`]); `Source::doc` counts the
    /// documents of `texts`.
    pub fn trace(&self, texts: &[(&str, bool)], quotes: Vec<Vec<Quote>>) -> Vec<Vec<SourcedQuote>> {
        let all: Vec<&str> = texts.iter().map(|(t, _)| *t).collect();
        let mut sourced = trace_articles(&self.index, &all, quotes);
        for s in sourced
            .iter_mut()
            .flatten()
            .filter_map(|q| q.source.as_mut())
        {
            s.doc = self.doc_of[s.doc];
        }
        sourced
    }
}

/// Builds the `plenary quotes --json` report: one object per article with
/// its quotations and their transcript sources, offsets in code points.
///
/// `docs` and `quotes` are in the same order (as from [`analyse_corpus`]).
pub fn report_json(docs: &[(&str, &str, bool)], quotes: &[Vec<SourcedQuote>]) -> Value {
    let mut report = QuoteReport::new(docs);
    Value::Array(
        quotes
            .iter()
            .enumerate()
            .filter_map(|(i, q)| report.article(i, q))
            .collect(),
    )
}

/// The `plenary quotes --json` report one article at a time: the
/// code-point index of each transcript is built once, when a quotation
/// first points into it.
pub struct QuoteReport<'a> {
    docs: &'a [(&'a str, &'a str, bool)],
    char_index: Vec<Option<CharIndex>>,
}

impl<'a> QuoteReport<'a> {
    /// `docs`: (path, text, is a transcript) of every document, in the
    /// order `Source::doc` counts them.
    pub fn new(docs: &'a [(&'a str, &'a str, bool)]) -> Self {
        QuoteReport {
            docs,
            char_index: (0..docs.len()).map(|_| None).collect(),
        }
    }

    /// The report's entry for document `i` with its quotations, or `None`
    /// for a transcript.
    pub fn article(&mut self, i: usize, quotes: &[SourcedQuote]) -> Option<Value> {
        let (path, text, is_transcript) = *self.docs.get(i)?;
        if is_transcript {
            return None;
        }
        let ci = CharIndex::new(text);
        let items: Vec<Value> = quotes
            .iter()
            .map(|SourcedQuote { quote: q, source }| {
                let source = source.as_ref().map(|s| {
                    let (tpath, ttext, _) = self.docs[s.doc];
                    let tci = self.char_index[s.doc].get_or_insert_with(|| CharIndex::new(ttext));
                    json!({
                        "path": tpath,
                        "start": tci.chars(s.range.start),
                        "end": tci.chars(s.range.end),
                        "turn": s.turn,
                        "verbatim": s.verbatim,
                        "same_words": s.same_words,
                        "reason": s.reason,
                    })
                });
                json!({
                    "start": ci.chars(q.range.start),
                    "end": ci.chars(q.range.end),
                    "text": &text[q.range.clone()],
                    "speaker": q.speaker,
                    "cue": q.cue.as_ref().map(|c| &text[c.clone()]),
                    "kind": q.kind,
                    "source": source,
                })
            })
            .collect();
        let titles: Vec<Value> = titles(text)
            .into_iter()
            .map(|r| {
                json!({
                    "start": ci.chars(r.start),
                    "end": ci.chars(r.end),
                    "text": &text[r],
                    "kind": "title",
                })
            })
            .collect();
        Some(json!({ "path": path, "quotes": items, "titles": titles }))
    }
}

/// The paragraph around a quotation, without the quotation itself: used to
/// choose between transcript passages that match equally well.
///
/// The paragraph is cut to [`CONTEXT_BYTES`] on each side, so that a
/// document written as one enormous line costs no more per quotation.
pub fn context_of<'a>(text: &'a str, range: &Range<usize>) -> &'a str {
    let lo = floor_boundary(text, range.start.saturating_sub(CONTEXT_BYTES));
    let hi = floor_boundary(text, (range.end + CONTEXT_BYTES).min(text.len()));
    let start = text[lo..range.start].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = text[range.end..hi].find('\n').map_or(hi, |i| range.end + i);
    &text[start..end]
}

/// How far around a quotation its context reaches, in bytes.
pub const CONTEXT_BYTES: usize = 2000;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
