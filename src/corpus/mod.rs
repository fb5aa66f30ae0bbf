//! Loading documents and describing their structure. Knows nothing of the
//! terminal: the command line and the reader both build on it.

use crate::analysis::entities::EntityKind;
use crate::analysis::quotes::{SourcedQuote, TranscriptTurn, analyse_corpus};
use crate::analysis::speakers::SpeakerStat;

mod decode;
mod document;
mod embedded;
mod entity_groups;
mod load;
pub mod structure;

pub use document::{DocKind, Document, Meta};
pub use embedded::{bundled, bundled_texts};
pub use entity_groups::{EntityGroup, KIND_ORDER, group_mentions};
pub use load::{LoadOptions, load_paths};

/// The documents opened in one session, in display order, with the notices
/// gathered while loading (skipped files, decoding problems).
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub notices: Vec<String>,
}

impl Corpus {
    /// A corpus of analysed documents: speaker and entity names are made
    /// to agree across documents, articles' quotations are traced to the
    /// transcripts, and each document's speaker figures are counted (turns
    /// in a transcript, quotations in an article).
    pub fn new(mut docs: Vec<Document>, notices: Vec<String>) -> Self {
        let mut analyses: Vec<_> = docs
            .iter_mut()
            .map(|d| std::mem::take(&mut d.speakers))
            .collect();
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        crate::analysis::speakers::resolve_corpus(&mut analyses, &texts);
        let mentions = crate::analysis::entities::extract_corpus(&texts);
        for (d, m) in docs.iter_mut().zip(mentions) {
            d.entity_groups = group_mentions(&m);
            d.entities = m;
        }
        for (d, a) in docs.iter_mut().zip(analyses) {
            d.speakers = a;
        }
        let quotes = find_quotes(&docs);
        for (d, q) in docs.iter_mut().zip(quotes) {
            d.speaker_stats = if d.speakers.is_transcript {
                crate::analysis::speakers::stats(&d.speakers, &d.text)
            } else {
                quote_stats(&q, &d.text)
            };
            d.quotes = q;
        }
        Corpus { docs, notices }
    }
}

/// Quotations of the articles, traced to the transcripts' turns.
fn find_quotes(docs: &[Document]) -> Vec<Vec<SourcedQuote>> {
    let texts: Vec<(&str, bool)> = docs
        .iter()
        .map(|d| (d.text.as_str(), d.speakers.is_transcript))
        .collect();
    let turns: Vec<Vec<TranscriptTurn>> = docs
        .iter()
        .map(|d| {
            d.speakers
                .turns
                .iter()
                .map(|t| TranscriptTurn {
                    range: t.body_start..t.range.end,
                    speaker: t.speaker.clone(),
                })
                .collect()
        })
        .collect();
    // People named in full anywhere in the corpus.
    let mut people: Vec<String> = docs
        .iter()
        .flat_map(|d| &d.entities)
        .filter(|m| m.kind == EntityKind::Person && m.canonical.contains(' '))
        .map(|m| m.canonical.clone())
        .collect();
    people.sort();
    people.dedup();
    analyse_corpus(&texts, &turns, &people)
}

/// Who an article quotes: quotations and quoted words per speaker.
fn quote_stats(quotes: &[SourcedQuote], text: &str) -> Vec<SpeakerStat> {
    let mut out: Vec<SpeakerStat> = Vec::new();
    for q in quotes {
        let speaker = q
            .quote
            .speaker
            .clone()
            .unwrap_or_else(|| UNKNOWN.to_string());
        let words = crate::text::word_count(&text[q.quote.range.clone()]);
        match out.iter_mut().find(|s| s.speaker == speaker) {
            Some(s) => {
                s.turns += 1;
                s.words += words;
            }
            None => out.push(SpeakerStat {
                speaker,
                turns: 1,
                words,
            }),
        }
    }
    out.sort_by(|a, b| b.words.cmp(&a.words).then(a.speaker.cmp(&b.speaker)));
    out
}

/// The speaker of a quotation whose speaker the text does not name.
pub const UNKNOWN: &str = "Unknown";
