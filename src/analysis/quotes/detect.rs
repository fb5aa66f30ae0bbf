//! Quotation marks, paragraphs and sentences: the layout that attribution
//! works on.

use std::ops::Range;

/// One contiguous quoted segment.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    /// Byte of the opening mark.
    pub open: usize,
    /// Byte just after the closing mark (or the paragraph end when the
    /// quotation runs on into the next paragraph).
    pub close: usize,
    /// The quoted words, trimmed of surrounding whitespace.
    pub range: Range<usize>,
    /// Paragraph index.
    pub para: usize,
    /// Segments of one multi-paragraph quotation share a run id.
    pub run: usize,
}

/// Paragraphs, quoted segments and sentences of a text.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub paras: Vec<Range<usize>>,
    pub segs: Vec<Segment>,
    /// Sentences outside quotation marks, in order; a quotation belongs to
    /// the sentence that contains its opening mark.
    pub sentences: Vec<Range<usize>>,
}

impl Layout {
    /// The sentence containing byte `pos`.
    pub fn sentence_at(&self, pos: usize) -> Range<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).cloned().unwrap_or(pos..pos)
    }

    /// True when byte `pos` lies between a segment's marks.
    pub fn in_quote(&self, pos: usize) -> bool {
        let i = self.segs.partition_point(|s| s.close <= pos);
        self.segs
            .get(i)
            .is_some_and(|s| s.open <= pos && pos < s.close)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    Close,
    Either,
}

/// Every character [`mark`] knows.
pub(super) const MARKS: [char; 6] = ['“', '„', '«', '”', '»', '"'];

fn mark(c: char) -> Option<Mark> {
    match c {
        '“' | '„' | '«' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => Some(Mark::Either),
        _ => None,
    }
}

/// Whether `text` has a quotation mark, so may hold a quotation.
pub(super) fn has_marks(text: &str) -> bool {
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(MARKS.map(|c| c.to_string())).expect("six literal marks")
        });
    FINDER.is_match(text)
}

/// Paragraphs: non-blank lines, or blocks between blank lines when the text
/// is hard-wrapped (most blocks run over several short lines).
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        lines.push((!trimmed.is_empty()).then(|| start + lead..start + lead + trimmed.len()));
        start += line.len();
    }
    let blocks: Vec<Vec<Range<usize>>> = lines
        .split(Option::is_none)
        .map(|b| b.iter().flatten().cloned().collect::<Vec<_>>())
        .filter(|b| !b.is_empty())
        .collect();
    let multi: Vec<&Vec<Range<usize>>> = blocks.iter().filter(|b| b.len() > 1).collect();
    let wrapped_lines = multi
        .iter()
        .flat_map(|b| b.iter())
        .filter(|r| r.len() <= 100)
        .count();
    let multi_lines: usize = multi.iter().map(|b| b.len()).sum();
    let hard_wrapped = multi.len() * 2 >= blocks.len() && wrapped_lines * 5 >= multi_lines * 4;
    if hard_wrapped {
        blocks
            .iter()
            .map(|b| b[0].start..b[b.len() - 1].end)
            .collect()
    } else {
        lines.into_iter().flatten().collect()
    }
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// Finds paragraphs, quoted segments and sentences.
pub(crate) fn layout(text: &str) -> Layout {
    let paras = paragraphs(text);
    let mut segs: Vec<Segment> = Vec::new();
    let mut run = 0usize;
    let mut continues = false;
    for (pi, p) in paras.iter().enumerate() {
        let body = &text[p.clone()];
        let mut depth = 0usize;
        let mut open_at = 0usize;
        let mut opener = '"';
        let first_is_open = body
            .chars()
            .next()
            .and_then(mark)
            .is_some_and(|m| m != Mark::Close);
        if !(continues && first_is_open) {
            continues = false;
        }
        // From one possible mark to the next: `"` or the first byte of the
        // others (`“„”` start with 0xE2, `«»` with 0xC2).
        let bytes = body.as_bytes();
        let mut from = 0;
        while let Some(k) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[from..]) {
            let i = from + k;
            let c = body[i..].chars().next().unwrap_or(' ');
            from = i + c.len_utf8();
            let prev = body[..i].chars().next_back();
            let next = body[from..].chars().next();
            if let Some(m) = mark(c) {
                let looks_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
                    && next.is_some_and(|n| !n.is_whitespace());
                let looks_close = prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_none_or(|n| n.is_whitespace() || ",.;:!?)".contains(n));
                let opening = match m {
                    // „…“ (German) and a mistyped closing “.
                    Mark::Open => !(depth > 0 && (opener == '„' || looks_close)),
                    Mark::Close => false,
                    Mark::Either => {
                        depth == 0 || (looks_open && next.is_some_and(|n| n.is_alphanumeric()))
                    }
                };
                if opening {
                    if depth == 0 {
                        open_at = i;
                        opener = c;
                    }
                    depth += 1;
                } else if depth > 0 {
                    depth -= 1;
                    if depth == 0 {
                        let inner = trimmed(
                            text,
                            p.start + open_at + mark_len(body, open_at)..p.start + i,
                        );
                        if !continues {
                            run += 1;
                        }
                        continues = false;
                        if inner.start < inner.end {
                            segs.push(Segment {
                                open: p.start + open_at,
                                close: p.start + i + c.len_utf8(),
                                range: inner,
                                para: pi,
                                run,
                            });
                        }
                    }
                }
            }
        }
        if depth > 0 {
            // Runs on into the next paragraph (or the closing mark is missing).
            let start = p.start + open_at + mark_len(body, open_at);
            let inner = trimmed(text, start..p.end);
            if !continues {
                run += 1;
            }
            if inner.start < inner.end {
                segs.push(Segment {
                    open: p.start + open_at,
                    close: p.end,
                    range: inner,
                    para: pi,
                    run,
                });
            }
            continues = true;
        } else {
            continues = false;
        }
    }
    // Run ids are 1-based while scanning; make them 0-based.
    for s in &mut segs {
        s.run -= 1;
    }
    let sentences = sentences(text, &paras, &segs);
    Layout {
        paras,
        segs,
        sentences,
    }
}

fn mark_len(body: &str, at: usize) -> usize {
    body[at..].chars().next().map_or(1, char::len_utf8)
}

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "rep", "sen",
    "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "inc", "corp", "ltd", "co",
];

fn is_abbrev(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = word.trim_start_matches('.').to_lowercase();
    ABBREV.contains(&w.as_str())
        || w.contains('.')
        || (w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
}

/// Splits paragraphs into sentences, never inside a quoted segment.
fn sentences(text: &str, paras: &[Range<usize>], segs: &[Segment]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut si = 0;
    for p in paras {
        let mut start = p.start;
        let mut i = p.start;
        while i < p.end {
            while si < segs.len() && segs[si].close <= i {
                si += 1;
            }
            if let Some(s) = segs.get(si).filter(|s| s.open <= i) {
                // Skip the segment; it ends a sentence when its content
                // does and a capital or a new quotation follows.
                i = s.close;
                let ends = text[s.range.clone()].ends_with(['.', '!', '?']);
                if ends && starts_sentence(&text[i..p.end]) {
                    out.push(start..i);
                    start = i;
                }
                continue;
            }
            // The next `.`, `!` or `?` before the next segment.
            let stop = segs.get(si).map_or(p.end, |s| s.open.min(p.end));
            let Some(k) = memchr::memchr3(b'.', b'!', b'?', &text.as_bytes()[i..stop]) else {
                i = stop;
                continue;
            };
            i += k;
            if !text[i + 1..p.end].starts_with('.')
                && starts_sentence(&text[i + 1..p.end])
                && !(text.as_bytes()[i] == b'.' && is_abbrev(&text[p.start..i]))
            {
                out.push(start..i + 1);
                start = i + 1;
            }
            i += 1;
        }
        if start < p.end {
            out.push(start..p.end);
        }
    }
    out
}

fn starts_sentence(rest: &str) -> bool {
    let t = rest.trim_start_matches([')', '’', '\'']);
    if !t.starts_with(char::is_whitespace) {
        return false;
    }
    t.trim_start().chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || mark(c).is_some_and(|m| m != Mark::Close)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The char-at-a-time reading `layout` and `sentences` replaced (they now
    // go from one mark or full stop to the next): the reference they must
    // agree with.
    fn layout_by_char(text: &str) -> Layout {
        let paras = paragraphs(text);
        let mut segs: Vec<Segment> = Vec::new();
        let mut run = 0usize;
        let mut continues = false;
        for (pi, p) in paras.iter().enumerate() {
            let body = &text[p.clone()];
            let mut depth = 0usize;
            let mut open_at = 0usize;
            let mut opener = '"';
            let first_is_open = body
                .chars()
                .next()
                .and_then(mark)
                .is_some_and(|m| m != Mark::Close);
            if !(continues && first_is_open) {
                continues = false;
            }
            let mut prev: Option<char> = None;
            let mut it = body.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                let next = it.peek().map(|&(_, n)| n);
                if let Some(m) = mark(c) {
                    let looks_open = prev
                        .is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
                        && next.is_some_and(|n| !n.is_whitespace());
                    let looks_close = prev.is_some_and(|p| !p.is_whitespace())
                        && next.is_none_or(|n| n.is_whitespace() || ",.;:!?)".contains(n));
                    let opening = match m {
                        // „…“ (German) and a mistyped closing “.
                        Mark::Open => !(depth > 0 && (opener == '„' || looks_close)),
                        Mark::Close => false,
                        Mark::Either => {
                            depth == 0 || (looks_open && next.is_some_and(|n| n.is_alphanumeric()))
                        }
                    };
                    if opening {
                        if depth == 0 {
                            open_at = i;
                            opener = c;
                        }
                        depth += 1;
                    } else if depth > 0 {
                        depth -= 1;
                        if depth == 0 {
                            let inner = trimmed(
                                text,
                                p.start + open_at + mark_len(body, open_at)..p.start + i,
                            );
                            if !continues {
                                run += 1;
                            }
                            continues = false;
                            if inner.start < inner.end {
                                segs.push(Segment {
                                    open: p.start + open_at,
                                    close: p.start + i + c.len_utf8(),
                                    range: inner,
                                    para: pi,
                                    run,
                                });
                            }
                        }
                    }
                }
                prev = Some(c);
            }
            if depth > 0 {
                // Runs on into the next paragraph (or the closing mark is missing).
                let start = p.start + open_at + mark_len(body, open_at);
                let inner = trimmed(text, start..p.end);
                if !continues {
                    run += 1;
                }
                if inner.start < inner.end {
                    segs.push(Segment {
                        open: p.start + open_at,
                        close: p.end,
                        range: inner,
                        para: pi,
                        run,
                    });
                }
                continues = true;
            } else {
                continues = false;
            }
        }
        // Run ids are 1-based while scanning; make them 0-based.
        for s in &mut segs {
            s.run -= 1;
        }
        let sentences = sentences_by_char(text, &paras, &segs);
        Layout {
            paras,
            segs,
            sentences,
        }
    }

    fn sentences_by_char(
        text: &str,
        paras: &[Range<usize>],
        segs: &[Segment],
    ) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut si = 0;
        for p in paras {
            let mut start = p.start;
            let mut i = p.start;
            while i < p.end {
                while si < segs.len() && segs[si].close <= i {
                    si += 1;
                }
                if let Some(s) = segs.get(si).filter(|s| s.open <= i) {
                    // Skip the segment; it ends a sentence when its content
                    // does and a capital or a new quotation follows.
                    i = s.close;
                    let ends = text[s.range.clone()].ends_with(['.', '!', '?']);
                    if ends && starts_sentence(&text[i..p.end]) {
                        out.push(start..i);
                        start = i;
                    }
                    continue;
                }
                let c = text[i..].chars().next().unwrap_or(' ');
                let len = c.len_utf8();
                if matches!(c, '.' | '!' | '?')
                    && !text[i + len..p.end].starts_with('.')
                    && starts_sentence(&text[i + len..p.end])
                    && !(c == '.' && is_abbrev(&text[p.start..i]))
                {
                    out.push(start..i + len);
                    start = i + len;
                }
                i += len;
            }
            if start < p.end {
                out.push(start..p.end);
            }
        }
        out
    }

    /// A layout's paragraphs, segments (open, close, range, paragraph,
    /// run) and sentences.
    type Parts = (
        Vec<Range<usize>>,
        Vec<(usize, usize, Range<usize>, usize, usize)>,
        Vec<Range<usize>>,
    );

    fn parts(l: &Layout) -> Parts {
        let segs = l
            .segs
            .iter()
            .map(|s| (s.open, s.close, s.range.clone(), s.para, s.run))
            .collect();
        (l.paras.clone(), segs, l.sentences.clone())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]
        #[test]
        fn layout_reads_as_one_char_at_a_time(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "He", "said", "Mr.", "U.S.", "«", "»", "“", "”", "„", "\"", "‘", "’", ".", "!",
                    "?", "...", "…", ",", "—", "(", ")", "é", "Ünal", "\n", "\n\n", " ", "  ",
                    "Stop.", "“Go", "on.”", "\u{a0}", "x\"y", "«Да»",
                ]),
                0..60,
            )
        ) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(parts(&layout(&text)), parts(&layout_by_char(&text)), "{:?}", text);
            let text: String = words.concat();
            proptest::prop_assert_eq!(parts(&layout(&text)), parts(&layout_by_char(&text)), "{:?}", text);
        }
    }

    fn quoted(text: &str) -> Vec<&str> {
        layout(text)
            .segs
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect()
    }

    #[test]
    fn a_text_without_marks_has_no_quotation_and_every_mark_is_seen() {
        let plain = "He said we are here, and ‘this’ is 'that'. Then he left.";
        assert!(!has_marks(plain));
        assert!(quoted(plain).is_empty());
        for c in MARKS {
            assert!(mark(c).is_some(), "{c}");
            let t = format!("He said {c}we are here{c} today.");
            assert!(has_marks(&t), "{c}");
        }
        // Every character `mark` knows is among MARKS.
        for c in (0..=0x2FFFu32).filter_map(char::from_u32) {
            assert_eq!(mark(c).is_some(), MARKS.contains(&c), "{c}");
        }
    }

    #[test]
    fn curly_straight_and_mixed_marks() {
        let t = "He said, “We are here.” Then \"we left,\" she said. “Mixed marks,\" he added. „Ja“, sagte er.";
        assert_eq!(
            quoted(t),
            ["We are here.", "we left,", "Mixed marks,", "Ja"]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let t = "“They called it ‘a reliable partner’ today,” she said.";
        assert_eq!(quoted(t), ["They called it ‘a reliable partner’ today,"]);
    }

    #[test]
    fn multi_paragraph_quotation_shares_a_run() {
        let t = "“First paragraph goes on.\n\n“Second one ends here,” he said.\n\n“New quote.”";
        let l = layout(t);
        let q: Vec<_> = l
            .segs
            .iter()
            .map(|s| (&t[s.range.clone()], s.run))
            .collect();
        assert_eq!(
            q,
            [
                ("First paragraph goes on.", 0),
                ("Second one ends here,", 0),
                ("New quote.", 1)
            ]
        );
    }

    #[test]
    fn hard_wrapped_text_keeps_quotes_across_line_breaks() {
        let t = "“We will keep\ntalking,” she said on\nMonday.\n\nA second\nparagraph here.\n";
        let l = layout(t);
        assert_eq!(l.paras.len(), 2);
        assert_eq!(quoted(t), ["We will keep\ntalking,"]);
    }

    #[test]
    fn sentences_skip_abbreviations_and_quotes() {
        let t = "Mr. Lu met U.S. officials. “Stop. Now,” he said. Then he left.";
        let l = layout(t);
        let s: Vec<_> = l.sentences.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(
            s,
            [
                "Mr. Lu met U.S. officials.",
                " “Stop. Now,” he said.",
                " Then he left."
            ]
        );
    }
}
