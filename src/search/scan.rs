//! Finding a query's matches in one document's text: in order, within the
//! document's scope, each with its line and the speaker whose words it is
//! in. One pass over the text (or over the scoped passages only).

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use regex::Regex;

/// Passages of a document said by someone: a transcript turn's words, an
/// article's quotation. Sorted by start, not overlapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    pub range: Range<usize>,
    pub speaker: crate::name::Name,
}

/// One document to search, with what the search needs of its analysis.
#[derive(Clone, Debug)]
pub struct Target {
    /// The document's index in the corpus.
    pub doc: usize,
    pub text: crate::corpus::DocText,
    /// Who says what, for the hits' speaker.
    pub voices: Vec<Voice>,
    /// Only these byte ranges are searched (sorted, not overlapping);
    /// `None` for the whole text.
    pub within: Option<Vec<Range<usize>>>,
}

/// One match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    /// Bytes of the match.
    pub range: Range<usize>,
    /// Its line, from 1.
    pub line: usize,
    /// Bytes of that line (without its line break).
    pub line_range: Range<usize>,
    /// Whose words these are, if anyone's.
    pub speaker: Option<crate::name::Name>,
}

/// What a scan reports as it goes.
pub enum Found {
    Hit(Hit),
    /// Everything before this byte has been searched.
    Scanned(usize),
}

/// A whole document is searched in pieces of about this many bytes (cut
/// at line breaks), so a search of a large file reports as it goes and
/// can be cancelled between pieces.
pub const PIECE: usize = 1 << 20;

/// The pieces of `text` to search: the scoped ranges, or the whole text
/// cut at line breaks after every `PIECE` bytes.
fn pieces(t: &Target) -> Vec<Range<usize>> {
    if let Some(w) = &t.within {
        return w.clone();
    }
    // Each piece starts as a line does.
    let mut out = crate::text::line_pieces(&*t.text, PIECE);
    if out.is_empty() {
        out.push(0..0);
    }
    out
}

/// Finds every non-empty match of `re` in `t`, in order, each inside one
/// scoped range, and reports each to `found`, with progress after each
/// piece. Stops early (returning false) when `cancel` is set.
pub fn scan(re: &Regex, t: &Target, cancel: &AtomicBool, found: &mut dyn FnMut(Found)) -> bool {
    let text: &str = &t.text;
    let bytes = text.as_bytes();
    // Where lines have been counted to, and the line number there.
    let mut counted = 0;
    let mut line = 1;
    let mut current_line: Range<usize> = 0..0;
    let mut have_line = false;
    let mut voice = 0;
    for piece in pieces(t) {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let end = piece.end.min(text.len());
        if piece.start > end || !text.is_char_boundary(piece.start) || !text.is_char_boundary(end) {
            continue;
        }
        for m in matches(re, text, piece.start..end, t.within.is_none()) {
            line += count_newlines(&bytes[counted..m.start]);
            counted = m.start;
            if !have_line || m.start > current_line.end || m.start < current_line.start {
                let start = memchr::memrchr(b'\n', &bytes[..m.start]).map_or(0, |i| i + 1);
                let mut stop =
                    memchr::memchr(b'\n', &bytes[m.start..]).map_or(bytes.len(), |i| m.start + i);
                if stop > start && bytes[stop - 1] == b'\r' && stop < bytes.len() {
                    stop -= 1;
                }
                current_line = start..stop;
                have_line = true;
            }
            while voice < t.voices.len() && t.voices[voice].range.end <= m.start {
                voice += 1;
            }
            let speaker = t
                .voices
                .get(voice)
                .filter(|v| v.range.start <= m.start)
                .map(|v| v.speaker.clone());
            found(Found::Hit(Hit {
                doc: t.doc,
                range: m.clone(),
                line,
                line_range: current_line.clone(),
                speaker,
            }));
        }
        found(Found::Scanned(end));
    }
    true
}

/// The non-empty matches of `re` in `text[range]`, as byte ranges of
/// `text`. A piece of the whole text starts where a line does, so it is
/// searched as a text of its own (one pass, as fast as the regex goes); a
/// scoped range is searched with the text before it in view, for `\b`
/// and `^`.
fn matches<'a>(
    re: &'a Regex,
    text: &'a str,
    range: Range<usize>,
    starts_a_line: bool,
) -> Box<dyn Iterator<Item = Range<usize>> + 'a> {
    if starts_a_line {
        let base = range.start;
        return Box::new(
            re.find_iter(&text[range])
                .filter(|m| !m.is_empty())
                .map(move |m| base + m.start()..base + m.end()),
        );
    }
    let hay = &text[..range.end];
    let mut pos = range.start;
    Box::new(std::iter::from_fn(move || {
        while pos <= hay.len() {
            let m = re.find_at(hay, pos)?;
            pos = if m.end() > m.start() {
                m.end()
            } else {
                // An empty match: on to the next character.
                m.end() + hay[m.end()..].chars().next()?.len_utf8()
            };
            if !m.is_empty() {
                return Some(m.range());
            }
        }
        None
    }))
}

/// Line breaks in `bytes` (SIMD where the processor has it).
fn count_newlines(bytes: &[u8]) -> usize {
    bytecount::count(bytes, b'\n')
}

/// Every hit of `re` in `t` (no cancelling, no progress).
pub fn all_hits(re: &Regex, t: &Target) -> Vec<Hit> {
    let mut out = Vec::new();
    let never = AtomicBool::new(false);
    scan(re, t, &never, &mut |f| {
        if let Found::Hit(h) = f {
            out.push(h);
        }
    });
    out
}

/// Code-point offsets of byte offsets (ascending) in `text`: one pass.
pub fn char_offsets(text: &str, bytes: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut at, mut chars) = (0, 0);
    for b in bytes {
        let b = b.min(text.len());
        if b >= at {
            chars += text.as_bytes()[at..b]
                .iter()
                .filter(|&&c| (c as i8) >= -0x40)
                .count();
            at = b;
        } else {
            // Not ascending: count from the start.
            at = b;
            chars = text[..b].chars().count();
        }
        out.push(chars);
    }
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn target(text: &str) -> Target {
        Target {
            doc: 0,
            text: text.into(),
            voices: Vec::new(),
            within: None,
        }
    }

    #[test]
    fn hits_carry_their_line_and_speaker() {
        let text = "Q: sanctions?\nSEC: No sanctions today.\r\nQ: Thanks.\n";
        let mut t = target(text);
        t.voices = vec![
            Voice {
                range: 3..13,
                speaker: "Question".into(),
            },
            Voice {
                range: 19..38,
                speaker: "Sec".into(),
            },
        ];
        let re = Regex::new("(?i)sanctions").unwrap();
        let hits = all_hits(&re, &t);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].line, hits[0].range.clone()), (1, 3..12));
        assert_eq!(hits[0].speaker.as_deref(), Some("Question"));
        assert_eq!(hits[1].line, 2);
        assert_eq!(
            &text[hits[1].line_range.clone()],
            "SEC: No sanctions today."
        );
        assert_eq!(hits[1].speaker.as_deref(), Some("Sec"));
    }

    #[test]
    fn only_scoped_ranges_are_searched() {
        let mut t = target("tax here, tax there, tax everywhere");
        t.within = Some(vec![8..20]);
        let re = Regex::new("tax").unwrap();
        let hits = all_hits(&re, &t);
        assert_eq!(hits.iter().map(|h| h.range.start).collect::<Vec<_>>(), [10]);
        // A match running out of the scope does not count.
        t.within = Some(vec![0..2]);
        assert!(all_hits(&re, &t).is_empty());
    }

    #[test]
    fn word_boundaries_see_the_text_before_a_scope() {
        let mut t = target("pretax tax");
        t.within = Some(vec![3..10]);
        let re = Regex::new(r"\btax").unwrap();
        let hits = all_hits(&re, &t);
        assert_eq!(hits.iter().map(|h| h.range.start).collect::<Vec<_>>(), [7]);
    }

    #[test]
    fn a_large_text_is_searched_in_pieces_without_losing_lines() {
        let line = "filler words without the needle in them at all\n";
        let mut text = line.repeat(PIECE / line.len() * 3);
        text.push_str("the needle\n");
        let t = target(&text);
        let mut scanned = Vec::new();
        let mut hits = Vec::new();
        let never = AtomicBool::new(false);
        scan(
            &Regex::new("needle").unwrap(),
            &t,
            &never,
            &mut |f| match f {
                Found::Hit(h) => hits.push(h),
                Found::Scanned(b) => scanned.push(b),
            },
        );
        assert!(scanned.len() >= 3, "{scanned:?}");
        assert_eq!(*scanned.last().unwrap(), text.len());
        let needles = text.matches("needle").count();
        assert_eq!(hits.len(), needles);
        assert_eq!(hits.last().unwrap().line, text.lines().count());
    }

    #[test]
    fn cancelling_stops_between_pieces() {
        let text = "x\n".repeat(PIECE);
        let cancel = AtomicBool::new(true);
        let mut n = 0;
        let done = scan(
            &Regex::new("x").unwrap(),
            &target(&text),
            &cancel,
            &mut |_| n += 1,
        );
        assert!(!done);
        assert_eq!(n, 0);
    }

    #[test]
    fn empty_matches_are_skipped_and_do_not_loop() {
        let re = Regex::new("(?m)^").unwrap();
        assert!(all_hits(&re, &target("a\nb\n")).is_empty());
        let re = Regex::new("é*").unwrap();
        assert_eq!(all_hits(&re, &target("aéé b")).len(), 1);
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Ünïcode — text";
        let b = text.find("text").unwrap();
        assert_eq!(char_offsets(text, [0, 2, b]), vec![0, 1, 10]);
    }
}
