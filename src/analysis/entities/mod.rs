//! Named-entity extraction (PERSON, ORG, PLACE, MONEY, PERCENT, DATE) with
//! rules and embedded gazetteers, and grouping of mentions across a corpus.

use std::ops::Range;

use crate::name::{Name, Names};
use crate::text::CharIndex;

mod consistency;
mod context;
mod evidence;
mod gazetteer;
mod grouping;
mod lexicon;
mod numeric;
mod rules;
mod tokens;

/// The six entity types.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    /// A person's name.
    Person,
    /// An organisation, agency or media outlet.
    Org,
    /// A country, city, region or continent.
    Place,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A date or named calendar period.
    Date,
}

impl EntityKind {
    /// The label used in JSON output (`PERSON`, `ORG`, …).
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Place => "PLACE",
            EntityKind::Money => "MONEY",
            EntityKind::Percent => "PERCENT",
            EntityKind::Date => "DATE",
        }
    }
}

/// One entity mention in a document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Byte range in the document (a possessive `'s` is never inside).
    pub range: Range<usize>,
    /// The entity type.
    pub kind: EntityKind,
    /// The entity's name, shared by all mentions of it: the full name of a
    /// person (`Blinken` → `Antony Blinken`), the usual name of a place
    /// (`U.S.` → `United States`) or organisation (`AFP` → `Agence
    /// France-Presse`); for MONEY, PERCENT and DATE the mention text.
    /// One allocation per name in a document, shared by its mentions.
    pub canonical: Name,
}

/// Makes mentions of one name share one allocation of it (as
/// [`link_corpus`] makes them; mentions read back from the cache come with
/// one each).
pub fn share_names(mentions: &mut [Mention]) {
    let mut names = Names::default();
    for m in mentions {
        m.canonical = names.share(m.canonical.clone());
    }
}

fn to_mentions(d: rules::DocRules) -> Vec<Mention> {
    let mut names = Names::default();
    d.mentions
        .into_iter()
        .map(|r| Mention {
            range: r.range,
            kind: r.kind,
            canonical: names.share(r.canonical),
        })
        .collect()
}

/// Extracts the mentions of one document, sorted by start and
/// non-overlapping, with canonical names resolved within the document.
pub fn extract(text: &str) -> Vec<Mention> {
    extract_corpus(&[text]).pop().unwrap_or_default()
}

/// Extracts each document, then resolves names across the whole corpus:
/// a surname found in one document is a person in all of them, and every
/// mention of one entity gets the same canonical name everywhere.
pub fn extract_corpus(texts: &[&str]) -> Vec<Vec<Mention>> {
    let docs = texts.iter().map(|t| analyse_document(t)).collect();
    link_corpus(docs, texts)
}

/// One document's mentions before names are resolved across the corpus:
/// the part of [`extract_corpus`] that needs no other document, so it can
/// run on a worker thread as soon as the document is read.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DocEntities(rules::DocRules);

/// Finds one document's mentions (linear in its size). A document larger
/// than [`CHUNK_BYTES`] is read in pieces cut at paragraph breaks, in
/// parallel: the rules' working memory (a token per word) is bounded by a
/// piece, not the document, and a large file uses every core. What one
/// piece finds about a name (that a word is a surname, an organisation)
/// holds in that piece, a few thousand paragraphs.
pub fn analyse_document(text: &str) -> DocEntities {
    analyse_document_with(text, &|_| {})
}

/// As [`analyse_document`], telling `progress` how many bytes of the text
/// each piece held as soon as it is read (from any thread).
pub fn analyse_document_with(text: &str, progress: &(dyn Fn(usize) + Sync)) -> DocEntities {
    DocEntities(analyse_in_chunks(text, CHUNK_BYTES, progress))
}

/// The size of the pieces a large document is analysed in.
pub const CHUNK_BYTES: usize = 4 * 1024 * 1024;

fn analyse_in_chunks(
    text: &str,
    chunk: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> rules::DocRules {
    use rayon::prelude::*;
    if text.len() <= chunk {
        let d = rules::analyse(text);
        progress(text.len());
        return d;
    }
    let pieces = crate::text::chunks(text, chunk);
    let parts: Vec<rules::DocRules> = pieces
        .par_iter()
        .map(|r| {
            let mut d = rules::analyse(&text[r.clone()]);
            for m in &mut d.mentions {
                m.range = m.range.start + r.start..m.range.end + r.start;
            }
            for c in &mut d.candidates {
                *c = c.start + r.start..c.end + r.start;
            }
            progress(r.len());
            d
        })
        .collect();
    // One list of the final size; each piece's is freed once copied in,
    // and the freed memory given back every few pieces, so that the
    // pieces and the whole are never both held for a large document.
    let mut out = rules::DocRules {
        mentions: Vec::with_capacity(parts.iter().map(|d| d.mentions.len()).sum()),
        candidates: Vec::with_capacity(parts.iter().map(|d| d.candidates.len()).sum()),
    };
    for (k, mut d) in parts.into_iter().enumerate() {
        out.mentions.append(&mut d.mentions);
        out.candidates.append(&mut d.candidates);
        drop(d);
        if k % 16 == 15 {
            crate::corpus::release_free_memory();
        }
    }
    out
}

/// Resolves names across the corpus, given each document's own mentions
/// (in the order of `texts`).
pub fn link_corpus(docs: Vec<DocEntities>, texts: &[&str]) -> Vec<Vec<Mention>> {
    let mut docs: Vec<rules::DocRules> = docs.into_iter().map(|d| d.0).collect();
    grouping::propagate_persons(&mut docs, texts);
    grouping::canonicalise(&mut docs, texts);
    use rayon::prelude::*;
    docs.into_par_iter().map(to_mentions).collect()
}

/// The `plenary entities --json` value: one object per document,
/// `{"path", "mentions": [{"start", "end", "text", "type", "canonical"}]}`,
/// with start/end in Unicode code points (end exclusive).
pub fn report_json(docs: &[(&str, &str)]) -> serde_json::Value {
    let texts: Vec<&str> = docs.iter().map(|(_, t)| *t).collect();
    let all = extract_corpus(&texts);
    let out: Vec<serde_json::Value> = docs
        .iter()
        .zip(&all)
        .map(|((path, text), mentions)| doc_json(path, text, mentions))
        .collect();
    serde_json::Value::Array(out)
}

/// One document's object of the `plenary entities --json` output.
pub fn doc_json(path: &str, text: &str, mentions: &[Mention]) -> serde_json::Value {
    serde_json::to_value(DocJson::new(path, text, mentions)).unwrap_or_default()
}

/// One document's object of the `plenary entities --json` output, written
/// a mention at a time as it is serialised: a document with millions of
/// mentions is never held as JSON values. Keys in the order the JSON
/// value's sorted map gives them.
pub struct DocJson<'a> {
    mentions: MentionsJson<'a>,
    path: &'a str,
}

struct MentionsJson<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    idx: CharIndex,
}

#[derive(serde::Serialize)]
struct MentionJson<'a> {
    canonical: &'a str,
    end: usize,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

impl<'a> DocJson<'a> {
    pub fn new(path: &'a str, text: &'a str, mentions: &'a [Mention]) -> Self {
        DocJson {
            mentions: MentionsJson {
                text,
                mentions,
                idx: CharIndex::new(text),
            },
            path,
        }
    }
}

impl serde::Serialize for DocJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("mentions", &self.mentions)?;
        m.serialize_entry("path", self.path)?;
        m.end()
    }
}

impl serde::Serialize for MentionsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.mentions.iter().map(|m| MentionJson {
            canonical: &m.canonical,
            end: self.idx.chars(m.range.end),
            start: self.idx.chars(m.range.start),
            text: &self.text[m.range.clone()],
            kind: m.kind.label(),
        }))
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_evidence;

#[cfg(test)]
mod chunk_tests {
    use super::*;

    #[test]
    fn a_document_read_in_pieces_finds_what_it_finds_read_whole() {
        let para = "Secretary Antony Blinken met President Joe Biden in Paris on Tuesday. \
                    The United Nations said 5% of the $3 million would go to Kenya.\n\n\
                    BLINKEN: We agreed with Acme Corp on March 3, 2024.\n\n";
        let text = para.repeat(40);
        let whole = rules::analyse(&text);
        let reported = std::sync::Mutex::new(Vec::new());
        let pieces = analyse_in_chunks(&text, 1000, &|n| reported.lock().unwrap().push(n));
        assert!(crate::text::chunks(&text, 1000).len() > 5);
        // Each piece is reported once read: the whole text in the end.
        let reported = reported.into_inner().unwrap();
        assert_eq!(reported.len(), crate::text::chunks(&text, 1000).len());
        assert_eq!(reported.iter().sum::<usize>(), text.len());
        let spans = |d: &rules::DocRules| -> Vec<_> {
            d.mentions
                .iter()
                .map(|m| (m.range.clone(), m.kind, m.canonical.clone()))
                .collect()
        };
        assert!(!whole.mentions.is_empty());
        assert_eq!(spans(&pieces), spans(&whole));
        assert_eq!(pieces.candidates, whole.candidates);
    }

    #[test]
    fn the_rules_give_each_name_one_allocation_shared_by_its_mentions() {
        let text = "Kenya and Paris. BLINKEN: Kenya again, said Antony Blinken in Paris on March 3, 2024 and March 3, 2024.";
        let d = rules::analyse(text);
        let named = |name: &str| -> Vec<&Name> {
            d.mentions
                .iter()
                .filter(|m| &*m.canonical == name)
                .map(|m| &m.canonical)
                .collect()
        };
        for name in ["Kenya", "Paris", "March 3, 2024"] {
            let ms = named(name);
            assert!(ms.len() >= 2, "{name}: {:?}", d.mentions);
            assert!(ms.iter().all(|m| Name::ptr_eq(m, ms[0])), "{name} shared");
        }
    }
}

#[cfg(test)]
mod share_tests {
    use super::*;

    #[test]
    fn a_documents_json_written_as_it_goes_is_the_json_value_of_its_mentions() {
        let text = "Café talk: Antony Blinken met Kazakhstan’s Mukhtar Tileuberdi in Astana on 3 March 2024 — 5% of $3 million.";
        let ms = extract(text);
        assert!(ms.len() >= 4);
        let idx = CharIndex::new(text);
        let by_hand = serde_json::json!({
            "path": "a/b.txt",
            "mentions": ms.iter().map(|m| serde_json::json!({
                "start": idx.chars(m.range.start),
                "end": idx.chars(m.range.end),
                "text": &text[m.range.clone()],
                "type": m.kind.label(),
                "canonical": &*m.canonical,
            })).collect::<Vec<_>>(),
        });
        let streamed = serde_json::to_string_pretty(&DocJson::new("a/b.txt", text, &ms)).unwrap();
        assert_eq!(streamed, serde_json::to_string_pretty(&by_hand).unwrap());
        assert_eq!(doc_json("a/b.txt", text, &ms), by_hand);
    }

    #[test]
    fn mentions_of_one_name_share_its_text() {
        let text = "Antony Blinken spoke. Blinken left Paris. Then Paris again.";
        let ms = extract(text);
        let blinken: Vec<&Mention> = ms
            .iter()
            .filter(|m| &*m.canonical == "Antony Blinken")
            .collect();
        assert_eq!(blinken.len(), 2, "{ms:?}");
        assert!(Name::ptr_eq(&blinken[0].canonical, &blinken[1].canonical));
        // Mentions with names of their own (as read back from the cache).
        let mut copies: Vec<Mention> = ms
            .iter()
            .map(|m| Mention {
                canonical: Name::from(&*m.canonical),
                ..m.clone()
            })
            .collect();
        share_names(&mut copies);
        assert_eq!(copies, ms);
        let paris: Vec<&Mention> = copies.iter().filter(|m| &*m.canonical == "Paris").collect();
        assert_eq!(paris.len(), 2);
        assert!(Name::ptr_eq(&paris[0].canonical, &paris[1].canonical));
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn a_mention_takes_32_bytes() {
        // A large transcript has a mention every hundred bytes: the name is
        // one shared pointer, not a fat `Arc<str>` (40 bytes a mention).
        assert_eq!(std::mem::size_of::<super::Mention>(), 32);
        assert_eq!(std::mem::size_of::<super::rules::Raw>(), 32);
    }
}
