//! Loading documents and describing their structure. Knows nothing of the
//! terminal: the command line and the reader both build on it.

mod document;
mod embedded;
mod load;
pub mod structure;

pub use document::{DocKind, Document, Meta};
pub use embedded::bundled;
pub use load::{LoadOptions, load_paths};

/// The documents opened in one session, in display order, with the notices
/// gathered while loading (skipped files, decoding problems).
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub notices: Vec<String>,
}

impl Corpus {
    /// A corpus of analysed documents: speaker names are made to agree
    /// across documents.
    pub fn new(mut docs: Vec<Document>, notices: Vec<String>) -> Self {
        let mut analyses: Vec<_> = docs
            .iter_mut()
            .map(|d| std::mem::take(&mut d.speakers))
            .collect();
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        crate::analysis::speakers::resolve_corpus(&mut analyses, &texts);
        let mentions = crate::analysis::entities::extract_corpus(&texts);
        for (d, m) in docs.iter_mut().zip(mentions) {
            d.entities = m;
        }
        for (d, a) in docs.iter_mut().zip(analyses) {
            d.speaker_stats = crate::analysis::speakers::stats(&a, &d.text);
            d.speakers = a;
        }
        Corpus { docs, notices }
    }

    /// The documents' paths and texts, the shape the analysis reports take.
    pub fn path_texts(&self) -> Vec<(&str, &str)> {
        self.docs
            .iter()
            .map(|d| (d.path.as_str(), d.text.as_str()))
            .collect()
    }
}
