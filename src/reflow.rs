//! Turning document text into screen rows: soft wrap at word boundaries by
//! display width, tab expansion, and safe display of control characters.
//!
//! Nothing here touches the terminal, so the reader, its tests and the
//! benchmarks share one definition of "what a row is". Rows hold byte ranges
//! into the document; the text itself is never copied.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

pub use crate::sanitize::{TAB_STOP, display, grapheme_width, truncate};

/// What a screen row shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A piece of a line of text.
    Text,
    /// An empty row added between paragraphs written one per line.
    Gap,
    /// A folded run of lines (line indices), shown as one row.
    Fold(Range<usize>),
}

/// One screen row: the line it belongs to and its byte range in the text.
/// Row starts are strictly increasing, so a byte offset finds its row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub range: Range<usize>,
    pub kind: RowKind,
}

/// How each line of a document is to be laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineLayout {
    Show,
    Hide,
    /// First line of a folded run that ends (exclusive) at the given line.
    FoldStart(usize),
}

/// The rows of a document at one width: of the whole document, or of a
/// window of its lines around the reading position (a large document is
/// laid out a window at a time, so no frame waits for all of it).
#[derive(Clone, Debug, Default)]
pub struct Wrapped {
    pub width: usize,
    pub rows: Vec<Row>,
    /// The lines laid out (all of them unless the document is large).
    pub lines: Range<usize>,
    /// The rows cover the whole document.
    pub whole: bool,
}

impl Wrapped {
    /// Index of the row that shows byte offset `pos` (the last row starting
    /// at or before it).
    pub fn row_of(&self, pos: usize) -> usize {
        self.rows
            .partition_point(|r| r.range.start <= pos)
            .saturating_sub(1)
    }

    /// Index of the first row of line `line`, or of the nearest row after it.
    pub fn first_row_of_line(&self, line: usize) -> usize {
        self.rows
            .partition_point(|r| r.line < line)
            .min(self.rows.len().saturating_sub(1))
    }
}

/// Lays out `lines` (byte ranges into `text`) at `width` columns.
/// `layout(i)` says whether line `i` is shown, hidden or starts a fold;
/// `gap` adds an empty row between two consecutive non-empty lines.
pub fn wrap(
    text: &str,
    lines: &[Range<usize>],
    width: usize,
    gap: bool,
    layout: impl Fn(usize) -> LineLayout,
) -> Wrapped {
    let width = width.max(1);
    // Room for the lines laid out, not the whole text: a large document
    // is laid out a window at a time.
    let span = match (lines.first(), lines.last()) {
        (Some(a), Some(b)) => b.end.saturating_sub(a.start),
        _ => 0,
    };
    let mut rows = Vec::with_capacity(lines.len() + span / (width * 4).max(1));
    let mut i = 0;
    let mut prev_shown_non_empty = false;
    while i < lines.len() {
        match layout(i) {
            LineLayout::Hide => i += 1,
            LineLayout::FoldStart(end) => {
                let end = end.clamp(i + 1, lines.len());
                rows.push(Row {
                    line: i,
                    range: lines[i].start..lines[end - 1].end,
                    kind: RowKind::Fold(i..end),
                });
                prev_shown_non_empty = false;
                i = end;
            }
            LineLayout::Show => {
                let range = lines[i].clone();
                let empty = text[range.clone()].trim().is_empty();
                if gap && !empty && prev_shown_non_empty {
                    let at = lines[i - 1].end.max(rows.last().map_or(0, |r| r.range.end));
                    rows.push(Row {
                        line: i,
                        range: at..at,
                        kind: RowKind::Gap,
                    });
                }
                wrap_line(text, i, range, width, &mut rows);
                prev_shown_non_empty = !empty;
                i += 1;
            }
        }
    }
    Wrapped {
        width,
        rows,
        lines: 0..lines.len(),
        whole: true,
    }
}

/// `wrap_line` for a line of printable ASCII, where every byte is one
/// column: the same rows, an order of magnitude faster.
fn wrap_printable_ascii(s: &str, line: usize, base: usize, width: usize, rows: &mut Vec<Row>) {
    let bytes = s.as_bytes();
    let mut row_start = 0;
    while bytes.len() - row_start > width {
        // The byte at `limit` would overflow: break after the last space
        // before it, or at it when the row has none.
        let limit = row_start + width;
        let cut =
            memchr::memrchr(b' ', &bytes[row_start..limit]).map_or(limit, |i| row_start + i + 1);
        rows.push(Row {
            line,
            range: base + row_start..base + cut,
            kind: RowKind::Text,
        });
        row_start = cut;
    }
    rows.push(Row {
        line,
        range: base + row_start..base + bytes.len(),
        kind: RowKind::Text,
    });
}

/// Splits one line into rows of at most `width` columns, breaking after
/// white space where it can and inside a word only when it must.
fn wrap_line(text: &str, line: usize, range: Range<usize>, width: usize, rows: &mut Vec<Row>) {
    let base = range.start;
    let s = &text[range.clone()];
    if s.is_empty() {
        rows.push(Row {
            line,
            range,
            kind: RowKind::Text,
        });
        return;
    }
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return wrap_printable_ascii(s, line, base, width, rows);
    }
    wrap_graphemes(s, line, base, range.end, width, rows);
}

/// `wrap_line` for any text: grapheme by grapheme, by display width.
fn wrap_graphemes(
    s: &str,
    line: usize,
    base: usize,
    end: usize,
    width: usize,
    rows: &mut Vec<Row>,
) {
    let mut row_start = 0;
    let mut col = 0;
    // Byte offset just after the last white space in this row, and the
    // column there.
    let mut brk: Option<(usize, usize)> = None;
    for (at, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g, col);
        if col + w > width && col > 0 {
            let (cut, cut_col) = match brk {
                Some((b, c)) if b > row_start && b <= at => (b, c),
                _ => (at, col),
            };
            rows.push(Row {
                line,
                range: base + row_start..base + cut,
                kind: RowKind::Text,
            });
            row_start = cut;
            col -= cut_col;
            brk = None;
        }
        col += grapheme_width(g, col);
        if g.chars().all(char::is_whitespace) {
            brk = Some((at + g.len(), col));
        }
    }
    rows.push(Row {
        line,
        range: base + row_start..end,
        kind: RowKind::Text,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::structure::split_lines;

    #[test]
    fn a_window_of_a_large_text_reserves_rows_for_the_window_only() {
        let text = "A line of a long transcript, read a window at a time.\n".repeat(200_000);
        let lines = split_lines(&text);
        let window = &lines[1000..1010];
        let w = wrap(&text, window, 80, false, |_| LineLayout::Show);
        assert_eq!(w.rows.len(), 10);
        assert!(
            w.rows.capacity() < 100,
            "{} rows reserved",
            w.rows.capacity()
        );
    }

    fn rows_text(text: &str, width: usize, gap: bool) -> Vec<String> {
        let lines = split_lines(text);
        let w = wrap(text, &lines, width, gap, |_| LineLayout::Show);
        w.rows
            .iter()
            .map(|r| match r.kind {
                RowKind::Gap => "<gap>".to_string(),
                _ => text[r.range.clone()].to_string(),
            })
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let rows = rows_text("the quick brown fox jumps over", 10, false);
        assert_eq!(rows, ["the quick ", "brown fox ", "jumps over"]);
    }

    #[test]
    fn long_words_are_cut_when_they_must_be() {
        let rows = rows_text("abcdefghijkl xy", 5, false);
        assert_eq!(rows, ["abcde", "fghij", "kl xy"]);
    }

    #[test]
    fn wide_characters_count_double() {
        // Each CJK character takes two columns: three fit in six.
        let rows = rows_text("日本語の文章です", 6, false);
        assert_eq!(rows, ["日本語", "の文章", "です"]);
        // Emoji are wide too; combining marks add no width.
        let rows = rows_text("e\u{301}e\u{301}e\u{301} 🎉🎉 x", 4, false);
        assert_eq!(rows, ["e\u{301}e\u{301}e\u{301} ", "🎉🎉", " x"]);
    }

    #[test]
    fn curly_quotes_and_dashes_are_one_column() {
        let rows = rows_text("“Yes” — she said", 8, false);
        assert_eq!(rows, ["“Yes” — ", "she said"]);
    }

    #[test]
    fn gap_rows_separate_one_line_paragraphs_only() {
        let rows = rows_text("One.\nTwo.\n\nThree.", 20, true);
        assert_eq!(rows, ["One.", "<gap>", "Two.", "", "Three."]);
    }

    #[test]
    fn row_starts_increase_so_offsets_find_rows() {
        let text = "alpha beta gamma\ndelta\n\nepsilon zeta";
        let lines = split_lines(text);
        let w = wrap(text, &lines, 6, true, |_| LineLayout::Show);
        for pair in w.rows.windows(2) {
            assert!(pair[0].range.start < pair[1].range.start, "{:?}", w.rows);
        }
        let gamma = text.find("gamma").unwrap();
        assert_eq!(&text[w.rows[w.row_of(gamma + 2)].range.clone()], "gamma");
    }

    #[test]
    fn folds_and_hidden_lines() {
        let text = "a\nb\nc\nd\ne";
        let lines = split_lines(text);
        let w = wrap(text, &lines, 10, false, |i| match i {
            1 => LineLayout::FoldStart(3),
            4 => LineLayout::Hide,
            _ => LineLayout::Show,
        });
        let kinds: Vec<_> = w.rows.iter().map(|r| (r.line, r.kind.clone())).collect();
        assert_eq!(
            kinds,
            [
                (0, RowKind::Text),
                (1, RowKind::Fold(1..3)),
                (3, RowKind::Text)
            ]
        );
    }
    proptest::proptest! {
        /// The ASCII fast path lays out exactly the rows the general one does.
        #[test]
        fn printable_ascii_fast_path_agrees(s in "[a-z .,]{0,200}", width in 1usize..30) {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            wrap_printable_ascii(&s, 0, 7, width, &mut fast);
            wrap_graphemes(&s, 0, 7, 7 + s.len(), width, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }
    }
}
