//! Markdown documents: where their markup is, so the reader can dim it and
//! embolden headings while the text stays exactly the file's text (every
//! range is a byte range into it; nothing is removed or rewritten).
//!
//! Parsed with `pulldown-cmark`'s offset iterator. The markup of an
//! element is the part of its source that is not its text: `#` before a
//! heading, `**` around strong text, backticks, a link's brackets and URL,
//! list bullets, `>` of a block quote, code fences, table pipes, rules.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The styled ranges of a Markdown document, each list sorted and without
/// overlaps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup {
    /// Markup characters, shown dimmed.
    pub dim: Vec<Range<usize>>,
    /// Headings and strong text, shown bold.
    pub bold: Vec<Range<usize>>,
    /// Emphasised text, shown in italics.
    pub italic: Vec<Range<usize>>,
}

impl Markup {
    pub fn is_empty(&self) -> bool {
        self.dim.is_empty() && self.bold.is_empty() && self.italic.is_empty()
    }
}

/// Whether a file's name says it is Markdown (`.md`, `.markdown`…, also
/// compressed as `.md.gz`).
pub fn is_markdown_path(path: &str) -> bool {
    let name = super::gzip::inner_name(path);
    std::path::Path::new(name).extension().is_some_and(|e| {
        ["md", "markdown", "mdown", "mkd", "mkdn"]
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    })
}

/// The markup of Markdown `text`. Linear in its size, apart from sorting
/// the ranges found.
pub fn markup(text: &str) -> Markup {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    // Elements whose source outside their text is markup.
    let mut containers = Vec::new();
    // Their text (never dimmed).
    let mut content = Vec::new();
    // Backticks of inline code.
    let mut ticks = Vec::new();
    let (mut bold, mut italic) = (Vec::new(), Vec::new());
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } | Tag::Strong => {
                    bold.push(range.clone());
                    containers.push(range);
                }
                Tag::Emphasis => {
                    italic.push(range.clone());
                    containers.push(range);
                }
                Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::MetadataBlock(_) => containers.push(range),
                Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_)) => containers.push(range),
                _ => {}
            },
            Event::Text(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => content.push(range),
            Event::Code(_) => {
                let src = text.get(range.clone()).unwrap_or("");
                let lead = src.len() - src.trim_start_matches('`').len();
                let trail = src.len() - src.trim_end_matches('`').len();
                if lead + trail < src.len() {
                    content.push(range.start + lead..range.end - trail);
                    ticks.push(range.start..range.start + lead);
                    ticks.push(range.end - trail..range.end);
                } else {
                    ticks.push(range);
                }
            }
            Event::Rule => ticks.push(range),
            _ => {}
        }
    }
    let mut dim: Vec<Range<usize>> = subtract(&union(containers), &union(content));
    dim.extend(ticks);
    // Whitespace needs no dimming: each range is trimmed of it, and a
    // range of it alone is dropped.
    let dim = dim
        .into_iter()
        .filter_map(|r| {
            let s = text.get(r.clone())?;
            let start = r.start + (s.len() - s.trim_start().len());
            let end = r.end - (s.len() - s.trim_end().len());
            (start < end).then_some(start..end)
        })
        .collect();
    Markup {
        dim: union(dim),
        bold: union(bold),
        italic: union(italic),
    }
}

/// The words of `range` in `text` without the markup `dim` marks there
/// (sorted, merged ranges), trimmed: a heading's text as a person reads it ("# Summit **notes**" is "Summit notes").
/// Linear in the range and the marks it overlaps.
pub fn plain_text(text: &str, range: Range<usize>, dim: &[Range<usize>]) -> String {
    let first = dim.partition_point(|d| d.end <= range.start);
    let mut kept = String::new();
    let mut at = range.start;
    for d in dim[first..].iter().take_while(|d| d.start < range.end) {
        if d.start > at {
            kept.push_str(text.get(at..d.start).unwrap_or(""));
        }
        at = at.max(d.end);
    }
    if at < range.end {
        kept.push_str(text.get(at..range.end).unwrap_or(""));
    }
    kept.trim().to_string()
}

/// Sorted, merged ranges covering what the non-empty `ranges` cover.
fn union(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    crate::text::union_ranges(ranges)
}

/// What `a` covers and `b` does not (both sorted and merged). One walk.
fn subtract(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut j = 0;
    for r in a {
        let mut start = r.start;
        while j < b.len() && b[j].end <= start {
            j += 1;
        }
        let mut k = j;
        while start < r.end {
            match b.get(k) {
                Some(cut) if cut.start < r.end => {
                    if cut.start > start {
                        out.push(start..cut.start);
                    }
                    start = start.max(cut.end);
                    k += 1;
                }
                _ => {
                    out.push(start..r.end);
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dimmed(text: &str) -> Vec<&str> {
        markup(text).dim.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn plain_text_drops_the_markup_of_a_line() {
        let text = "# Summit **notes** #\n\nBody [link](https://example.org).\n";
        let m = markup(text);
        assert_eq!(plain_text(text, 0..20, &m.dim), "Summit notes");
        let body = text.find("Body").unwrap();
        assert_eq!(plain_text(text, body..text.len(), &m.dim), "Body link.");
        assert_eq!(plain_text("Plain line", 0..10, &[]), "Plain line");
    }

    #[test]
    fn heading_marks_are_dimmed_and_headings_bold() {
        let text = "# Press briefing\n\nBody text.\n\n## Questions ##\n";
        let m = markup(text);
        assert_eq!(dimmed(text), ["#", "##", "##"]);
        let bold: Vec<_> = m.bold.iter().map(|r| text[r.clone()].trim_end()).collect();
        assert_eq!(bold, ["# Press briefing", "## Questions ##"]);
        // A heading underlined with = signs.
        let text = "Press briefing\n==============\n\nBody.\n";
        assert_eq!(dimmed(text), ["=============="]);
    }

    #[test]
    fn emphasis_code_and_links_show_their_words_and_dim_the_rest() {
        let text =
            "Said **very** _clearly_ in `code` and [the record](https://example.org/r?id=4).\n";
        let m = markup(text);
        assert_eq!(
            dimmed(text),
            [
                "**",
                "**",
                "_",
                "_",
                "`",
                "`",
                "[",
                "](https://example.org/r?id=4)"
            ]
        );
        assert_eq!(&text[m.bold[0].clone()], "**very**");
        assert_eq!(&text[m.italic[0].clone()], "_clearly_");
        // Nothing of the words themselves is dimmed.
        for r in &m.dim {
            assert!(!text[r.clone()].contains("very") && !text[r.clone()].contains("record"));
        }
    }

    #[test]
    fn speaker_labels_in_bold_keep_their_text() {
        let text = "**Jane Doe:** Good morning.\n\n**John Roe:** Thank you.\n";
        let m = markup(text);
        assert_eq!(dimmed(text), ["**", "**", "**", "**"]);
        assert_eq!(&text[m.bold[1].clone()], "**John Roe:**");
    }

    #[test]
    fn block_markers_are_dimmed() {
        let text = "- first\n- second\n\n> quoted line\n\n```rust\nlet x = 1;\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let d = dimmed(text);
        assert_eq!(d[..3], ["-", "-", ">"]);
        assert!(d.contains(&"```rust") && d.contains(&"```"), "{d:?}");
        assert!(d.contains(&"---"), "{d:?}");
        assert!(d.iter().any(|s| s.contains('|')), "{d:?}");
        assert!(
            !d.iter()
                .any(|s| s.contains("let x") || s.contains("quoted"))
        );
    }

    #[test]
    fn front_matter_fences_are_dimmed_and_its_fields_kept() {
        let text = "---\ntitle: Episode 12\nguests: [Jane Doe]\n---\n\n**Jane Doe:** Hello.\n";
        let d = dimmed(text);
        assert_eq!(d[..2], ["---", "---"], "{d:?}");
        assert!(!d.iter().any(|s| s.contains("Episode")), "{d:?}");
    }

    #[test]
    fn ranges_are_sorted_disjoint_and_on_character_boundaries() {
        let text = "# Café — “quoted” **naïve** _ü_ `ß` [é](ö)\n\n* ★ item\n\nplain ünïcode\n";
        let m = markup(text);
        for list in [&m.dim, &m.bold, &m.italic] {
            for w in list.windows(2) {
                assert!(w[0].end < w[1].start || w[0].end <= w[1].start);
            }
            for r in list {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
        assert!(markup("").is_empty());
        assert!(markup("Just a paragraph of words.\n").is_empty());
    }

    #[test]
    fn markdown_is_told_by_the_file_name() {
        assert!(is_markdown_path("notes/a.md"));
        assert!(is_markdown_path("A.MARKDOWN"));
        assert!(is_markdown_path("talk.md.gz"));
        assert!(!is_markdown_path("a.txt"));
        assert!(!is_markdown_path("md"));
    }

    #[test]
    fn subtract_cuts_holes() {
        let r = |a: usize, b: usize| a..b;
        assert_eq!(subtract(&[r(0, 10)], &[2..3, 5..7]), [0..2, 3..5, 7..10]);
        assert_eq!(subtract(&[0..4, 6..9], &[r(0, 5)]), vec![r(6, 9)]);
        assert_eq!(subtract(&[r(0, 4)], &[]), vec![r(0, 4)]);
    }
}
