//! Loading documents and describing their structure. Knows nothing of the
//! terminal: the command line and the reader both build on it.

use crate::analysis::entities::{DocEntities, EntityKind, Mention};
use crate::analysis::quotes::{SourcedQuote, TranscriptIndex, TranscriptTurn, detect_articles};
use crate::analysis::speakers::{SpeakerAnalysis, SpeakerStat};

mod background;
mod cache;
mod cue_tags;
mod decode;
mod doc_text;
mod document;
mod embedded;
mod entity_groups;
mod follow;
mod gzip;
mod load;
pub mod markdown;
mod memory;
pub mod structure;

pub use background::{LoadEvent, Loader, Source, Work};
pub use cache::{Cache, Cached, CachedRef};
pub use doc_text::{DocText, MAP_BYTES};
pub use document::{DocAnalysis, DocKind, Document, Meta, Stage};
pub use embedded::{bundled, bundled_texts, is_bundled};
pub use entity_groups::{EntityGroup, KIND_ORDER, group_mentions};
pub use follow::{FollowEvent, Follower};
pub use load::load_paths;
pub use memory::{LARGE_BLOCK, release_free_memory, tune_allocator};

/// The documents opened in one session, in display order, with the notices
/// gathered while loading (skipped files, decoding problems).
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub notices: Vec<String>,
    /// Names, entities and quotations are linked across the documents.
    pub linked: bool,
}

impl Corpus {
    /// A corpus of analysed documents: speaker and entity names are made
    /// to agree across documents, articles' quotations are traced to the
    /// transcripts, and each document's speaker figures are counted (turns
    /// in a transcript, quotations in an article).
    pub fn new(docs: Vec<Document>, notices: Vec<String>) -> Self {
        let mut corpus = Corpus {
            docs,
            notices,
            linked: false,
        };
        let inputs = corpus.link_inputs(None);
        corpus.apply_links(link(inputs, Links::All));
        corpus
    }

    /// What the corpus step needs of each document, shared not copied.
    /// `entities` are the documents' own mentions where a worker already
    /// found them (else they are found here).
    pub fn link_inputs(&self, entities: Option<Vec<DocEntities>>) -> Vec<LinkInput> {
        let mut entities = entities.map(Vec::into_iter);
        self.docs
            .iter()
            .map(|d| LinkInput {
                text: d.text.clone(),
                speakers: std::sync::Arc::clone(&d.speakers),
                entities: entities.as_mut().and_then(Iterator::next),
            })
            .collect()
    }

    /// Takes in one event of the background loading. The reader and the
    /// command line both build their corpus this way.
    pub fn apply(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Found(doc) => self.docs.push(*doc),
            LoadEvent::Whole { id, text, lines } => {
                if let Some(d) = self.docs.get_mut(id) {
                    d.extend_text(text, *lines);
                }
            }
            LoadEvent::Analysed { id, analysis } => {
                if let Some(d) = self.docs.get_mut(id) {
                    d.apply(*analysis);
                }
            }
            LoadEvent::Notice(n) => self.notices.push(n),
            LoadEvent::Linked(links) => self.apply_links(links),
            LoadEvent::WalkDone | LoadEvent::Finished | LoadEvent::Progress { .. } => {}
        }
    }

    /// Opens `source` and waits until `work` is done.
    pub fn load(source: Source, work: Work) -> Corpus {
        Corpus::load_cached(source, work, None)
    }

    /// Opens `source` and waits until `work` is done, taking each
    /// document's own analysis from `cache` where it holds it.
    pub fn load_cached(source: Source, work: Work, cache: Option<Cache>) -> Corpus {
        let loader = Loader::start(source, work, cache);
        let mut corpus = Corpus::default();
        for event in loader.events.iter() {
            let last = matches!(event, LoadEvent::Finished);
            corpus.apply(event);
            if last {
                break;
            }
        }
        corpus
    }

    /// Takes in the corpus step's results (one per document, in order).
    pub fn apply_links(&mut self, links: Vec<DocLinks>) {
        for (d, l) in self.docs.iter_mut().zip(links) {
            d.speakers = l.speakers;
            d.entities = l.entities;
            d.entity_groups = l.entity_groups;
            d.quotes = l.quotes;
            d.speaker_stats = l.speaker_stats;
            d.stage = Stage::Linked;
        }
        self.linked = true;
    }
}

/// How much of the corpus-wide step to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// None: each document stands alone.
    None,
    /// Speaker names agree across documents, speaker figures are counted.
    Speakers,
    /// And entity mentions are grouped across documents.
    Entities,
    /// Names, entities and quotations.
    All,
}

/// One document as the corpus step sees it.
pub struct LinkInput {
    pub text: DocText,
    /// Shared with the document, never copied.
    pub speakers: std::sync::Arc<SpeakerAnalysis>,
    pub entities: Option<DocEntities>,
}

/// What the corpus step finds for one document.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DocLinks {
    pub speakers: std::sync::Arc<SpeakerAnalysis>,
    /// Kept in the cache with each name once (`cache::shared_names`).
    #[serde(with = "cache::shared_names")]
    pub entities: Vec<Mention>,
    pub entity_groups: Vec<EntityGroup>,
    pub quotes: Vec<SourcedQuote>,
    pub speaker_stats: Vec<SpeakerStat>,
}

/// The corpus-wide step, given every document's own analysis: speaker
/// names agree across documents, entity mentions are grouped, quotations
/// are traced to the transcripts, speaker figures are counted. Needs no
/// terminal and no `Document`, so it runs on its own thread.
pub fn link(mut inputs: Vec<LinkInput>, links: Links) -> Vec<DocLinks> {
    if links == Links::None {
        return inputs.into_iter().map(|_| DocLinks::default()).collect();
    }
    // Entities a worker already found are moved in, not recomputed.
    let own: Vec<DocEntities> = inputs
        .iter_mut()
        .map(|i| match i.entities.take() {
            Some(e) => e,
            None if matches!(links, Links::Entities | Links::All) => {
                crate::analysis::entities::analyse_document(&i.text)
            }
            None => DocEntities::default(),
        })
        .collect();
    let mut speakers: Vec<std::sync::Arc<SpeakerAnalysis>> = inputs
        .iter_mut()
        .map(|i| std::mem::take(&mut i.speakers))
        .collect();
    let texts: Vec<&str> = inputs.iter().map(|i| &*i.text).collect();
    crate::analysis::speakers::resolve_shared(&mut speakers, &texts);
    let want_quotes = links == Links::All && speakers.iter().any(|s| !s.is_transcript);
    let kinds: Vec<(&str, bool)> = texts
        .iter()
        .zip(&speakers)
        .map(|(t, s)| (*t, s.is_transcript))
        .collect();
    let turns: Vec<Vec<TranscriptTurn>> = if want_quotes {
        speakers.iter().map(|s| transcript_turns(s)).collect()
    } else {
        Vec::new()
    };
    // The transcripts are indexed while entities are grouped and the
    // articles' quotations found (which need the grouped names): each
    // step is parallel, but has stretches on one core the other fills.
    let (index, (mentions, detected)) = rayon::join(
        || (want_quotes && may_quote(&kinds)).then(|| TranscriptIndex::build(&kinds, &turns)),
        || {
            let mentions = match links {
                Links::Entities | Links::All => crate::analysis::entities::link_corpus(own, &texts),
                _ => vec![Vec::new(); texts.len()],
            };
            let detected = if want_quotes {
                detect_articles(&kinds, &turns, &full_names(&mentions))
            } else {
                Vec::new()
            };
            (mentions, detected)
        },
    );
    drop(turns);
    let quotes = match index {
        Some(index) if detected.iter().any(|q| !q.is_empty()) => index.trace(&kinds, detected),
        _ => vec![Vec::new(); texts.len()],
    };
    // Each document's figures and entity list on every core.
    use rayon::prelude::*;
    speakers
        .into_par_iter()
        .zip(mentions)
        .zip(quotes)
        .zip(texts.par_iter())
        .map(|(((speakers, entities), quotes), text)| {
            let speaker_stats = if speakers.is_transcript {
                crate::analysis::speakers::stats(&speakers, text)
            } else {
                quote_stats(&quotes, text)
            };
            DocLinks {
                entity_groups: group_mentions(&entities),
                speakers,
                entities,
                quotes,
                speaker_stats,
            }
        })
        .collect()
}

/// A transcript's turns as quotations are traced to them: the spoken
/// words (without the label) and the speaker.
fn transcript_turns(s: &SpeakerAnalysis) -> Vec<TranscriptTurn> {
    if !s.is_transcript {
        return Vec::new();
    }
    s.turns
        .iter()
        .map(|t| TranscriptTurn {
            range: t.body_start..t.range.end,
            speaker: t.speaker.clone(),
        })
        .collect()
}

/// Whether some article has a quotation mark, so may quote a transcript:
/// the transcripts are indexed only then.
fn may_quote(kinds: &[(&str, bool)]) -> bool {
    use rayon::prelude::*;
    kinds
        .par_iter()
        .any(|(text, is_transcript)| !is_transcript && crate::analysis::quotes::may_quote(text))
}

/// People named in full anywhere in the corpus, sorted, each once.
fn full_names(mentions: &[Vec<Mention>]) -> Vec<String> {
    let mut people: Vec<&str> = mentions
        .iter()
        .flatten()
        .filter(|m| m.kind == EntityKind::Person && m.canonical.contains(' '))
        .map(|m| &*m.canonical)
        .collect();
    people.sort_unstable();
    people.dedup();
    people.into_iter().map(str::to_string).collect()
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

#[cfg(test)]
mod link_tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn linking_shares_each_documents_turns_and_copies_only_those_it_renames() {
        let texts = [
            "Press briefing\n\nSMITH: We will build the bridge.\n\nQUESTION: When?\n\nSMITH: Next year.\n",
            "Bridge plan approved\n\nBy Ana Lima\n\nJane Smith said on Monday that the bridge would be built next year, after a long debate in the council about its cost.\n",
            "Council session\n\nMAYOR JOHN ROE: The session is open.\n\nQUESTION: Is it?\n\nMAYOR JOHN ROE: It is.\n",
        ];
        let inputs: Vec<LinkInput> = texts
            .iter()
            .map(|t| {
                let a = DocAnalysis::run("doc.txt", t);
                LinkInput {
                    text: DocText::from(t.to_string()),
                    speakers: a.speakers,
                    entities: None,
                }
            })
            .collect();
        let before: Vec<Arc<SpeakerAnalysis>> =
            inputs.iter().map(|i| Arc::clone(&i.speakers)).collect();
        assert!(before[0].turns.iter().any(|t| &*t.speaker == "Smith"));
        let links = link(inputs, Links::All);
        // Renamed: a copy with the full name; the analysis it came from is
        // left as it was.
        assert!(!Arc::ptr_eq(&links[0].speakers, &before[0]));
        assert!(
            links[0]
                .speakers
                .turns
                .iter()
                .any(|t| &*t.speaker == "Jane Smith")
        );
        assert!(before[0].turns.iter().all(|t| &*t.speaker != "Jane Smith"));
        // Unchanged: the very same turns, not a copy.
        assert!(Arc::ptr_eq(&links[2].speakers, &before[2]));
        assert_eq!(&*links[2].speaker_stats[0].speaker, "John Roe");
    }
}
