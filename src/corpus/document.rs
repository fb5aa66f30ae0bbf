use serde::Serialize;

use super::structure::{self, Structure};
use crate::analysis::entities::Mention;
use crate::analysis::quotes::SourcedQuote;
use crate::analysis::speakers::{self, SpeakerAnalysis, SpeakerStat};
use crate::text::word_count;

/// What a document is, as far as the reader is concerned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Transcript,
    Article,
    #[default]
    Plain,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Transcript => "transcript",
            DocKind::Article => "article",
            DocKind::Plain => "plain",
        }
    }
}

/// The document-list columns, derived from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub kind: DocKind,
    pub date: Option<String>,
    pub source: Option<String>,
    pub words: usize,
}

/// One opened document: its text exactly as decoded, and what was found in it.
#[derive(Debug)]
pub struct Document {
    /// Where it came from, as shown to the user (`assets/corpus/…` for the
    /// bundled documents).
    pub path: String,
    /// The text as decoded from UTF-8 (lossily when it was invalid). All
    /// ranges in the crate are byte offsets into this string.
    pub text: String,
    pub structure: Structure,
    /// Speaker turns (empty unless the document is a transcript).
    pub speakers: SpeakerAnalysis,
    /// Turns (quotations in an article) and words per speaker, most words
    /// first (filled in by `Corpus::new`, once names agree across documents).
    pub speaker_stats: Vec<SpeakerStat>,
    /// Quotations (articles only), each with the transcript passage it came
    /// from when the corpus holds it (filled in by `Corpus::new`).
    pub quotes: Vec<SourcedQuote>,
    /// Entities with their mention counts, for the sidebar.
    pub entity_groups: Vec<super::EntityGroup>,
    /// Entity mentions, sorted, with names grouped across the corpus
    /// (filled in by `Corpus::new`).
    pub entities: Vec<Mention>,
    pub meta: Meta,
    /// Problems met while reading it, in words for the user.
    pub notices: Vec<String>,
}

impl Document {
    /// Analyses `text` and builds the document.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let path = path.into();
        let mut structure = structure::detect(&text);
        let speakers = speakers::detect(&text);
        dim_furniture(&mut structure, &speakers.furniture);
        let kind = if speakers.is_transcript {
            DocKind::Transcript
        } else {
            structure.kind
        };
        let title = structure
            .title_text(&text)
            .map(str::to_string)
            .unwrap_or_else(|| file_stem(&path));
        let meta = Meta {
            title,
            kind,
            date: structure.date.clone(),
            source: structure.source.clone(),
            words: word_count(&text),
        };
        Document {
            entities: Vec::new(),
            entity_groups: Vec::new(),
            quotes: Vec::new(),
            speaker_stats: Vec::new(),
            path,
            text,
            structure,
            speakers,
            meta,
            notices: Vec::new(),
        }
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        self.structure.lines.len()
    }

    /// Index of the turn holding byte offset `pos`, if any.
    pub fn turn_at(&self, pos: usize) -> Option<usize> {
        let turns = &self.speakers.turns;
        let i = turns
            .partition_point(|t| t.range.start <= pos)
            .checked_sub(1)?;
        (pos < turns[i].range.end).then_some(i)
    }

    /// Index of the quotation holding byte offset `pos`, if any.
    pub fn quote_at(&self, pos: usize) -> Option<usize> {
        let q = &self.quotes;
        let i = q
            .partition_point(|s| s.quote.range.start <= pos)
            .checked_sub(1)?;
        (pos < q[i].quote.range.end).then_some(i)
    }

    /// The line after the last line of turn `i`.
    pub fn turn_end_line(&self, i: usize) -> usize {
        let t = &self.speakers.turns[i];
        self.line_of(t.range.end.saturating_sub(1).max(t.range.start)) + 1
    }

    /// Index of the line holding byte offset `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.structure
            .lines
            .partition_point(|l| l.range.start <= pos)
            .saturating_sub(1)
    }
}

fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Subtitle cue numbers, timings and notes are page furniture: their lines
/// are dimmed like site chrome. Both lists are in text order; one merge.
fn dim_furniture(structure: &mut structure::Structure, furniture: &[std::ops::Range<usize>]) {
    let mut f = furniture.iter().peekable();
    for line in &mut structure.lines {
        while f.peek().is_some_and(|r| r.start < line.range.start) {
            f.next();
        }
        if f.peek()
            .is_some_and(|r| r.start >= line.range.start && r.end <= line.range.end)
        {
            line.kind = structure::LineKind::Chrome;
        }
    }
}
