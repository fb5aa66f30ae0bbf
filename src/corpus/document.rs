use std::sync::Arc;

use serde::Serialize;

use super::doc_text::DocText;
use super::structure::{self, Structure};
use crate::analysis::entities::Mention;
use crate::analysis::quotes::SourcedQuote;
use crate::analysis::speakers::{self, SpeakerAnalysis, SpeakerStat};
use crate::text::word_count;

/// What a document is, as far as the reader is concerned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// The text as decoded (UTF-8 unless a byte-order mark named another
    /// encoding; lossily when it was invalid; the mark itself removed). All
    /// ranges in the crate are byte offsets into this string. Shared with
    /// the analysis workers, never copied.
    pub text: DocText,
    /// The file's encoding when it was not UTF-8 ("UTF-16LE"…).
    pub encoding: Option<&'static str>,
    pub structure: Structure,
    /// Speaker turns (empty unless the document is a transcript). Shared
    /// with the corpus step while it runs, never copied.
    pub speakers: Arc<SpeakerAnalysis>,
    /// Turns (quotations in an article) and words per speaker, most words
    /// first (filled in by the corpus step, once names agree across documents).
    pub speaker_stats: Vec<SpeakerStat>,
    /// Quotations (articles only), each with the transcript passage it came
    /// from when the corpus holds it (filled in by the corpus step).
    pub quotes: Vec<SourcedQuote>,
    /// Entities with their mention counts, for the sidebar.
    pub entity_groups: Vec<super::EntityGroup>,
    /// Entity mentions, sorted, with names grouped across the corpus
    /// (filled in by the corpus step).
    pub entities: Vec<Mention>,
    pub meta: Meta,
    /// Where a Markdown document's markup is (empty for other documents).
    pub markup: super::markdown::Markup,
    /// Problems met while reading it, in words for the user.
    pub notices: Vec<String>,
    /// How far its analysis has got.
    pub stage: Stage,
}

/// How far a document's analysis has got. Until `Analysed` the document
/// has its lines and nothing else; panes say so instead of looking empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Only part of the text is read yet (the head of a large file).
    Partial,
    /// The text is read; structure, turns and entities are being found.
    #[default]
    Read,
    /// Structure and turns are known; corpus-wide names, entities and
    /// quotations are still being linked.
    Analysed,
    /// Everything is known.
    Linked,
}

/// What one document's own analysis finds: everything that needs no other
/// document. Computed on a worker thread, then applied to the document.
#[derive(Debug)]
pub struct DocAnalysis {
    pub structure: Structure,
    pub speakers: Arc<SpeakerAnalysis>,
    pub meta: Meta,
    pub markup: super::markdown::Markup,
}

impl DocAnalysis {
    /// Structure, speaker turns and the list columns of `text`. Linear in
    /// its size.
    pub fn run(path: &str, text: &str) -> Self {
        Self::run_with(path, text, &|_| {})
    }

    /// As [`DocAnalysis::run`], telling `progress` how many bytes of the
    /// text are done as the work goes on (from any thread).
    pub fn run_with(path: &str, text: &str, progress: &(dyn Fn(usize) + Sync)) -> Self {
        let reported = std::sync::atomic::AtomicUsize::new(0);
        let structure = structure::detect(text);
        let speakers = speakers::detect_with(text, &|n| {
            reported.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
            progress(n);
        });
        let a = Self::from_parts(path, text, structure, speakers);
        // What the line scan did not report (it reports nothing for a
        // subtitle file) is done now.
        let rest = text.len().saturating_sub(reported.into_inner());
        if rest > 0 {
            progress(rest);
        }
        a
    }

    /// The analysis made of a structure and turns found before (cached).
    pub fn from_parts(
        path: &str,
        text: &str,
        mut structure: Structure,
        speakers: SpeakerAnalysis,
    ) -> Self {
        dim_furniture(&mut structure, &speakers.furniture);
        let kind = if speakers.is_transcript {
            DocKind::Transcript
        } else {
            structure.kind
        };
        let markdown = super::markdown::is_markdown_path(path);
        let subtitles = matches!(speakers.convention.as_deref(), Some("webvtt" | "srt"));
        let markup = if markdown {
            super::markdown::markup(text)
        } else if subtitles {
            // A subtitle file's cue tags (`<v Name>`, `<i>`) are markup.
            super::markdown::Markup {
                dim: super::cue_tags::tags(text),
                ..Default::default()
            }
        } else {
            Default::default()
        };
        // The outline and the title show a line's words: a Markdown
        // heading's marks (`#`, `**`…) are not part of them. Rewritten from
        // the text each time, so a structure cached for the same text under
        // another name stays right.
        let line_words = |i: usize| {
            let range = structure.lines[i].range.clone();
            let words = super::markdown::plain_text(text, range, &markup.dim);
            words.trim_start_matches('\u{feff}').trim().to_string()
        };
        let outline: Vec<String> = structure
            .outline
            .iter()
            .map(|e| line_words(e.line))
            .collect();
        let title = structure
            .title
            .map(line_words)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| file_stem(path));
        for (e, words) in structure.outline.iter_mut().zip(outline) {
            e.text = words;
        }
        let meta = Meta {
            title,
            kind,
            date: structure.date.clone(),
            source: structure.source.clone(),
            words: word_count(text),
        };
        DocAnalysis {
            structure,
            speakers: Arc::new(speakers),
            meta,
            markup,
        }
    }
}

impl Document {
    /// Analyses `text` and builds the document (its own analysis only; the
    /// corpus step links it to the others).
    pub fn new(path: impl Into<String>, text: impl Into<DocText>) -> Self {
        let mut doc = Document::read(path, text);
        let a = DocAnalysis::run(&doc.path, &doc.text);
        doc.apply(a);
        doc
    }

    /// A document whose text is read but not analysed: its lines are
    /// known, so the reader can show it at once. Cheap: one pass for line
    /// breaks.
    pub fn read(path: impl Into<String>, text: impl Into<DocText>) -> Self {
        let path = path.into();
        let text: DocText = text.into();
        let structure = Structure::plain(&text);
        let meta = Meta {
            title: file_name(&path),
            kind: DocKind::Plain,
            date: None,
            source: None,
            words: 0,
        };
        Document {
            entities: Vec::new(),
            entity_groups: Vec::new(),
            quotes: Vec::new(),
            speaker_stats: Vec::new(),
            path,
            text,
            structure,
            speakers: Arc::default(),
            meta,
            markup: Default::default(),
            notices: Vec::new(),
            stage: Stage::Read,
            encoding: None,
        }
    }

    /// Takes in the results of its own analysis.
    pub fn apply(&mut self, a: DocAnalysis) {
        self.structure = a.structure;
        self.speakers = a.speakers;
        self.meta = a.meta;
        self.markup = a.markup;
        self.stage = self.stage.max(Stage::Analysed);
    }

    /// Replaces a partial text by the whole text it began (the head of a
    /// large file, then the file): positions in the head stay valid.
    pub fn extend_text(&mut self, text: DocText, lines: Structure) {
        self.structure = lines;
        self.text = text;
        self.stage = Stage::Read;
    }

    /// Whether its own analysis is done.
    pub fn is_analysed(&self) -> bool {
        self.stage >= Stage::Analysed
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
    /// How far through the document line `line` (0-based) is, in per
    /// cent: 0 at the first line, 100 at the last (and in a one-line
    /// document). The status bar shows it for the cursor line.
    pub fn percent_of_line(&self, line: usize) -> usize {
        let last = self.line_count().saturating_sub(1);
        (line.min(last) * 100).checked_div(last).unwrap_or(100)
    }

    /// The first line (0-based) whose [`percent_of_line`] is at least `n`
    /// (capped at 100): where `N%` goes, so the status bar then shows N
    /// wherever a line has exactly that share.
    ///
    /// [`percent_of_line`]: Self::percent_of_line
    pub fn line_at_percent(&self, n: usize) -> usize {
        let last = self.line_count().saturating_sub(1);
        (n.min(100) * last).div_ceil(100)
    }

    pub fn line_of(&self, pos: usize) -> usize {
        self.structure
            .lines
            .partition_point(|l| l.range.start <= pos)
            .saturating_sub(1)
    }
}

fn file_stem(path: &str) -> String {
    std::path::Path::new(super::gzip::inner_name(path))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

impl Document {
    /// Whether the title is only a guess from the first lines: plain text
    /// (a licence, a source file, notes) has no headline to go by.
    pub fn title_is_guess(&self) -> bool {
        self.meta.kind == DocKind::Plain
    }

    /// The document list's name for it: the title, or the file's path as
    /// opened when the title is a guess.
    pub fn list_title(&self) -> &str {
        if self.title_is_guess() {
            &self.path
        } else {
            &self.meta.title
        }
    }

    /// The reader's name for it: the title, or the file's path as opened
    /// followed by the guessed title when there is one.
    pub fn reader_title(&self) -> String {
        if !self.title_is_guess() || self.meta.title == file_name(&self.path) {
            return self.list_title().to_string();
        }
        if self.meta.title == file_stem(&self.path) {
            return self.path.clone();
        }
        format!("{} — {}", self.path, self.meta.title)
    }
}

/// The last part of a path, the list's title until the text gives one.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Subtitle cue numbers, timings and notes are page furniture: their lines
/// are dimmed like site chrome and fold, each run with the blank lines
/// before it (see [`Document::quiet_fold`]). Both lists are in text order;
/// one merge.
fn dim_furniture(structure: &mut structure::Structure, furniture: &[std::ops::Range<usize>]) {
    if furniture.is_empty() {
        return;
    }
    let mut f = furniture.iter().peekable();
    let mut folds: Vec<std::ops::Range<usize>> = Vec::new();
    // The line after the last line that is neither blank nor furniture.
    let mut after_text = 0;
    for (i, line) in structure.lines.iter_mut().enumerate() {
        while f.peek().is_some_and(|r| r.start < line.range.start) {
            f.next();
        }
        if f.peek()
            .is_some_and(|r| r.start >= line.range.start && r.end <= line.range.end)
        {
            line.kind = structure::LineKind::Chrome;
            match folds.last_mut() {
                Some(run) if run.end >= after_text => run.end = i + 1,
                _ => folds.push(after_text..i + 1),
            }
        } else if line.kind != structure::LineKind::Blank {
            after_text = i + 1;
        }
    }
    structure.folds = folds;
    // Scaffolding (a `WEBVTT` header, cue numbers and timings) is neither
    // the title nor a header line, and the text of a cue after it is speech.
    let first = furniture[0].start;
    let lines = &structure.lines;
    let header =
        |i: usize| lines[i].range.start < first && lines[i].kind != structure::LineKind::Chrome;
    if structure.title.is_some_and(|t| !header(t)) {
        structure.title = None;
    }
    if structure
        .outline
        .iter()
        .any(|e| e.kind == structure::LineKind::Masthead && !header(e.line))
    {
        structure.source = None;
    }
    structure.outline.retain(|e| header(e.line));
}

impl Document {
    /// Whether fold `k` is subtitle scaffolding that folds away without a
    /// row of its own, so that the cue text reads as a transcript. The
    /// first run (the file's header or its first cue) keeps its row, which
    /// says that `z` shows them.
    pub fn quiet_fold(&self, k: usize) -> bool {
        k > 0 && !self.speakers.furniture.is_empty()
    }

    /// Whether line `i`, inside quiet fold `fold`, stays on screen: the
    /// blank line that opens it when a new turn starts right after it, so
    /// turns stay apart while the cues of one turn run together.
    pub fn quiet_fold_keeps(&self, fold: &std::ops::Range<usize>, i: usize) -> bool {
        let turns = &self.speakers.turns;
        i == fold.start
            && self.structure.lines[i].kind == structure::LineKind::Blank
            && turns
                .get(turns.partition_point(|t| t.line < fold.end))
                .is_some_and(|t| t.line == fold.end)
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn a_plain_file_is_named_by_its_path_and_an_article_by_its_title() {
        let code = Document::new("src/ring/buffer.c", "/*\n * Ring buffer.\n */\nint x;\n");
        assert_eq!(code.list_title(), "src/ring/buffer.c");
        assert!(code.reader_title().starts_with("src/ring/buffer.c"));
        let article = Document::new(
            "news/a.txt",
            "Council votes to close the coal plant early\n\nBy Ana Lima\n\nThe council voted on Tuesday to close the plant two years early, after a long and heated debate.\n\nThe vote was close, and the mayor said the city would now look for new jobs for the workers.\n\nThe plant employs four hundred people and has burned coal since the early years of the last century.\n",
        );
        assert_eq!(
            article.list_title(),
            "Council votes to close the coal plant early"
        );
        assert_eq!(article.reader_title(), article.list_title());
    }

    #[test]
    fn a_markdown_outline_shows_its_headings_without_their_markup() {
        let doc = Document::new(
            "briefing/summit.md",
            "# Summit notes\n\nThe ministers met on Tuesday to agree a plan for the coast, and talked for six hours before they signed it.\n\n## Questions from the **press** ##\n\nReporters asked about the cost of the plan and who would pay for the new sea walls.\n",
        );
        assert_eq!(doc.meta.title, "Summit notes");
        let outline: Vec<&str> = doc
            .structure
            .outline
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(outline.first(), Some(&"Summit notes"), "{outline:?}");
        assert!(
            outline
                .iter()
                .all(|t| !t.contains('#') && !t.contains("**")),
            "{outline:?}"
        );
        // The same text in a plain file keeps its characters.
        let plain = Document::new(
            "briefing/summit.txt",
            "# Summit notes\n\nThe ministers met on Tuesday to agree a plan for the coast, and talked for six hours before they signed it.\n",
        );
        assert!(
            plain
                .structure
                .outline
                .iter()
                .any(|e| e.text == "# Summit notes")
        );
    }

    #[test]
    fn go_to_percent_lands_where_the_status_shows_that_percent() {
        // QA: 50% on a 59-line document showed 49% in the status bar.
        for lines in [1usize, 2, 3, 7, 59, 100, 101, 250, 1000] {
            let text: String = (1..=lines)
                .map(|i| format!("Line {i} of the record.\n"))
                .collect();
            let doc = Document::new("minutes.txt", text);
            assert_eq!(doc.line_count(), lines);
            assert_eq!(doc.percent_of_line(0), if lines == 1 { 100 } else { 0 });
            assert_eq!(doc.percent_of_line(lines - 1), 100);
            for n in 1..=100 {
                let line = doc.line_at_percent(n);
                let shown = doc.percent_of_line(line);
                // It lands on the first line showing at least n…
                assert!(
                    shown >= n,
                    "{lines} lines, {n}%: line {line} shows {shown}%"
                );
                assert!(line == 0 || doc.percent_of_line(line - 1) < n);
                // …which shows n itself wherever a line has that share.
                if lines > 100 {
                    assert_eq!(shown, n, "{lines} lines, {n}%");
                }
            }
            assert_eq!(doc.line_at_percent(100), lines - 1);
            assert_eq!(doc.line_at_percent(500), lines - 1);
        }
        let text: String = (1..=59).map(|i| format!("Line {i}.\n")).collect();
        let doc = Document::new("minutes.txt", text);
        assert_eq!(doc.percent_of_line(doc.line_at_percent(50)), 50);
    }
}
