//! Subtitle and caption files (WebVTT, SRT) read as transcripts.
//!
//! Cue numbers, cue timings, the `WEBVTT` header and `NOTE`/`STYLE`/
//! `REGION` blocks are furniture. A turn starts at a speaker mark inside a
//! cue: a `<v Name>` voice tag, `Name: text` (Zoom, Teams), `>>` or
//! `&gt;&gt;` (caption speaker change, named or not), `[Name] text` or
//! `(NAME) text` (subtitles for the deaf), or a dialogue dash `- text`.
//! Consecutive cues of one named speaker are one turn; cue text without a
//! mark continues the current turn. The turn's time is the start of its
//! first cue. One pass over the lines.

use std::ops::Range;

use super::labels::{self, Kind, lines};

/// Which subtitle format a document is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    WebVtt,
    Srt,
}

impl Format {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::WebVtt => "webvtt",
            Format::Srt => "srt",
        }
    }
}

/// One turn found in a subtitle file.
#[derive(Clone, Debug)]
pub(crate) struct SubTurn {
    /// 0-based line of the speaker mark.
    pub line: usize,
    /// The speaker's name as written; `None` for an unnamed change (`>>`,
    /// `- `).
    pub name: Option<Range<usize>>,
    /// Byte range of the mark (`>>`, `-`) when unnamed.
    pub mark: Range<usize>,
    /// Byte range of the turn, mark to the end of its last cue text.
    pub range: Range<usize>,
    /// Where the spoken text starts.
    pub body_start: usize,
    /// Start of the turn's first cue, `hh:mm:ss.mmm`.
    pub time: Option<String>,
}

/// The turns and the furniture (cue numbers, timings, headers, notes).
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub turns: Vec<SubTurn>,
    pub furniture: Vec<Range<usize>>,
}

/// The format of `text` if it is a subtitle file: `WEBVTT` first, or an SRT
/// cue (a number, then a timing line) first.
pub(crate) fn sniff(text: &str) -> Option<Format> {
    let mut it = lines(text)
        .map(|r| text[r].trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .filter(|l| !l.is_empty());
    let first = it.next()?;
    if first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t") {
        return Some(Format::WebVtt);
    }
    let second = it.next()?;
    let numbered =
        !first.is_empty() && first.len() <= 9 && first.bytes().all(|b| b.is_ascii_digit());
    (numbered && cue_start(second).is_some()).then_some(Format::Srt)
}

/// The text of a caption file as it is to be read: HTML character
/// references (`&gt;&gt; Sam:`, `&amp;`, `&#39;`, `&eacute;`) decoded, in
/// subtitle files (WebVTT, SRT) and in caption text that marks speaker
/// changes with escaped chevrons. `None` for any other text, or when there
/// is nothing to decode. Deterministic, so offsets into the decoded text
/// (annotations) hold across restarts; every reference lies within one
/// line, so decoding the head of a file gives the head of the decoded file.
pub(crate) fn decoded_captions(text: &str) -> Option<String> {
    memchr::memchr(b'&', text.as_bytes())?;
    if sniff(text).is_none() && escaped_chevron_lines(text) < 2 {
        return None;
    }
    match html_escape::decode_html_entities(text) {
        std::borrow::Cow::Owned(decoded) => Some(decoded),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

/// How many lines open with `&gt;&gt;` (after spaces), up to two.
fn escaped_chevron_lines(text: &str) -> usize {
    let mut n = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"&gt;&gt;") {
        let before = text[..at].trim_end_matches([' ', '\t']);
        if before.is_empty() || before.ends_with('\n') {
            n += 1;
            if n == 2 {
                break;
            }
        }
    }
    n
}

/// The start time of a cue timing line (`00:01:02,500 --> 00:01:04,000`),
/// normalised to `hh:mm:ss.mmm`.
fn cue_start(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let arrow = memchr::memchr_iter(b'>', b).find(|&i| i >= 2 && &b[i - 2..i] == b"--")? - 2;
    let start = line[..arrow].trim();
    let n = labels::timestamp_len(start.as_bytes())?;
    (n == start.len()).then_some(start)
}

/// A decoded view of the start of a cue line: `&gt;&gt;` counts as `>>`.
fn chevrons(s: &str) -> Option<usize> {
    if let Some(rest) = s.strip_prefix(">>") {
        return Some(s.len() - rest.len());
    }
    s.strip_prefix("&gt;&gt;").map(|rest| s.len() - rest.len())
}

/// What a cue text line opens with.
enum Mark {
    /// A named speaker: name range and body start (relative to the line).
    Named(Range<usize>, usize),
    /// An explicit change of speaker without a name: mark range, body start.
    Change(Range<usize>, usize),
    /// No mark: the line continues the current turn.
    None,
}

/// Recognises the speaker mark at the start of one cue line `s`.
fn mark(s: &str) -> Mark {
    if let Some(rest) = s.strip_prefix("<v")
        && let Some(close) = rest.find('>')
    {
        let inner = &rest[..close];
        let name_off = if inner.starts_with('.') {
            inner.find(' ').map_or(inner.len(), |i| i + 1)
        } else {
            1.min(inner.len())
        };
        let name = inner[name_off..].trim();
        if !name.is_empty() {
            let start =
                2 + name_off + (inner[name_off..].len() - inner[name_off..].trim_start().len());
            return Mark::Named(start..start + name.len(), skip_ws(s, 2 + close + 1));
        }
    }
    if let Some(n) = chevrons(s) {
        let at = skip_ws(s, n);
        return match named_prefix(&s[at..]) {
            Some((name, body)) => Mark::Named(name.start + at..name.end + at, body + at),
            None => Mark::Change(0..n, at),
        };
    }
    if let Some(rest) = s.strip_prefix('-')
        && (rest.starts_with(' ') || rest.starts_with('\t'))
    {
        let at = skip_ws(s, 1);
        return match named_prefix(&s[at..]) {
            Some((name, body)) => Mark::Named(name.start + at..name.end + at, body + at),
            None => Mark::Change(0..1, at),
        };
    }
    match named_prefix(s) {
        Some((name, body)) => Mark::Named(name, body),
        None => Mark::None,
    }
}

/// `Name: text`, `[Name] text`, `(NAME) text` at the start of `s`: the name
/// range and where the text starts.
fn named_prefix(s: &str) -> Option<(Range<usize>, usize)> {
    let b = s.as_bytes();
    if let Some(close) = match b.first() {
        Some(b'[') => Some(b']'),
        Some(b'(') => Some(b')'),
        _ => None,
    } {
        let end = memchr::memchr(close, &b[..b.len().min(48)])?;
        let inner = s[1..end].split(',').next().unwrap_or("").trim();
        let body = skip_ws(s, end + 1);
        // A tag alone on its line is a sound description (`[door creaks]`).
        if body >= s.len() || !tag_name(inner) {
            return None;
        }
        let start = 1 + (s[1..end].len() - s[1..end].trim_start().len());
        let body = s[body..]
            .strip_prefix(':')
            .map_or(body, |_| skip_ws(s, body + 1));
        return Some((start..start + inner.len(), body));
    }
    let head = labels::prefix(s, 64).as_bytes();
    let colon = memchr::memchr_iter(b':', head)
        .find(|&i| head.get(i + 1) == Some(&b' '))
        .or_else(|| (s.ends_with(':') && s.len() <= 64).then(|| s.len() - 1))?;
    let name = s[..colon].trim_end();
    if name.starts_with("NOTE") {
        return None;
    }
    labels::label_kind(name)?;
    Some((0..name.len(), skip_ws(s, colon + 1)))
}

/// Whether bracket contents name a speaker: one to three capitalised words,
/// not a sound description.
fn tag_name(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !super::stage::is_cue(inner)
        && matches!(
            labels::label_kind(inner),
            Some(Kind::CapsColon | Kind::TitleColon)
        )
}

fn skip_ws(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Where a block of lines is.
#[derive(PartialEq, Eq)]
enum Block {
    /// Before the first blank line of a WebVTT file.
    Header,
    /// Between blocks.
    Gap,
    /// A `NOTE`, `STYLE` or `REGION` block.
    Note,
    /// The lines before a cue's timing (its identifier).
    CueHead,
    /// A cue's text.
    CueText,
}

/// Reads the cues of a subtitle file and finds its turns.
pub(crate) fn parse(text: &str, format: Format) -> Parsed {
    let mut out = Parsed::default();
    let mut block = if format == Format::WebVtt {
        Block::Header
    } else {
        Block::Gap
    };
    let mut pending_head: Vec<Range<usize>> = Vec::new();
    let mut cue_time: Option<&str> = None;
    // Name (lowercased) of the speaker of the open turn, if named.
    let mut current: Option<&str> = None;
    for (i, range) in lines(text).enumerate() {
        let full = &text[range.clone()];
        let lead = full.len() - full.trim_start().len();
        let s = full.trim();
        let at = range.start + lead;
        if s.is_empty() {
            if block == Block::CueHead {
                out.furniture.append(&mut pending_head);
            }
            block = Block::Gap;
            continue;
        }
        match block {
            Block::Header | Block::Note => {
                out.furniture.push(at..at + s.len());
                continue;
            }
            Block::Gap if format == Format::WebVtt && is_note(s) => {
                block = Block::Note;
                out.furniture.push(at..at + s.len());
                continue;
            }
            Block::Gap | Block::CueHead => {
                if let Some(t) = cue_start(s) {
                    out.furniture.append(&mut pending_head);
                    out.furniture.push(at..at + s.len());
                    cue_time = Some(t);
                    block = Block::CueText;
                } else if block == Block::Gap && pending_head.is_empty() && looks_like_id(s) {
                    pending_head.push(at..at + s.len());
                    block = Block::CueHead;
                } else {
                    // Text outside a cue: keep it with the current turn.
                    pending_head.clear();
                    block = Block::CueText;
                    cue_line(&mut out, &mut current, &cue_time, i, s, at);
                }
                continue;
            }
            Block::CueText => {}
        }
        cue_line(&mut out, &mut current, &cue_time, i, s, at);
    }
    out
}

/// A cue identifier: a number, or a short line without an arrow.
fn looks_like_id(s: &str) -> bool {
    s.len() <= 64 && !s.contains("-->")
}

fn is_note(s: &str) -> bool {
    ["NOTE", "STYLE", "REGION"].iter().any(|k| {
        s.strip_prefix(k)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
    })
}

/// Length of the styling tags (`<i>`, `<b>`, `<u>`, `<font …>`, `<c.…>`)
/// opening a cue line.
fn style_tags(s: &str) -> usize {
    let mut i = 0;
    while s[i..].starts_with('<') && !s[i..].starts_with("<v") {
        let Some(close) = s[i..].find('>') else {
            break;
        };
        let tag = &s[i + 1..i + close];
        let name = tag.split([' ', '.']).next().unwrap_or("");
        if !matches!(name, "i" | "b" | "u" | "font" | "c" | "span") {
            break;
        }
        i += close + 1;
    }
    i
}

/// Handles one line of cue text: starts a turn at a speaker mark or extends
/// the open turn.
fn cue_line<'a>(
    out: &mut Parsed,
    current: &mut Option<&'a str>,
    time: &Option<&str>,
    i: usize,
    s: &'a str,
    at: usize,
) {
    let end = at + s.len();
    // Styling tags before the mark (`<i>[Jane] text</i>`, `<font …>`).
    let styled = style_tags(s);
    let (s, at) = (&s[styled..], at + styled);
    let (name, mark, body) = match mark(s) {
        Mark::Named(n, b) => (Some(n.start + at..n.end + at), at..at, b + at),
        Mark::Change(m, b) => (None, m.start + at..m.end + at, b + at),
        Mark::None => {
            if let Some(t) = out.turns.last_mut() {
                t.range.end = end;
            }
            return;
        }
    };
    let key = name.as_ref().map(|n| &s[n.start - at..n.end - at]);
    let explicit_change = s.starts_with('-') || chevrons(s).is_some();
    let same = matches!((key, *current), (Some(k), Some(c)) if k.eq_ignore_ascii_case(c));
    if !explicit_change
        && same
        && let Some(t) = out.turns.last_mut()
    {
        t.range.end = end;
        return;
    }
    *current = key;
    out.turns.push(SubTurn {
        line: i,
        mark,
        range: name.as_ref().map_or(at, |n| n.start.min(at))..end,
        name,
        body_start: body.min(end),
        time: time.map(labels::normalise_time),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(usize, String, Option<String>)> {
        let f = sniff(text).expect("subtitles");
        parse(text, f)
            .turns
            .into_iter()
            .map(|t| {
                let label = t
                    .name
                    .map_or_else(|| text[t.mark].to_string(), |n| text[n].to_string());
                (t.line, label, t.time)
            })
            .collect()
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(
            sniff("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n"),
            Some(Format::WebVtt)
        );
        assert_eq!(
            sniff("1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
            Some(Format::Srt)
        );
        assert_eq!(sniff("1. Introduction\nSome text\n"), None);
        assert_eq!(sniff("2024\nA year in review\n"), None);
    }

    #[test]
    fn consecutive_cues_of_one_speaker_are_one_turn() {
        let text = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna Ruiz: Hello.\n\n2\n00:00:02.000 --> 00:00:03.000\nAna Ruiz: Still me.\n\n3\n00:00:03.000 --> 00:00:04.000\nBo Lind: Hi.\n";
        assert_eq!(
            names(text),
            vec![
                (4, "Ana Ruiz".into(), Some("00:00:01.000".into())),
                (12, "Bo Lind".into(), Some("00:00:03.000".into())),
            ]
        );
    }

    #[test]
    fn chevrons_dashes_and_tags_change_speaker() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n&gt;&gt; Sam: Hi.\n\n2\n00:00:02,000 --> 00:00:03,000\n>> Welcome back.\n- Who's there?\n<i>[Nora] Me.</i>\n[door creaks]\n";
        assert_eq!(
            names(text),
            vec![
                (2, "Sam".into(), Some("00:00:01.000".into())),
                (6, ">>".into(), Some("00:00:02.000".into())),
                (7, "-".into(), Some("00:00:02.000".into())),
                (8, "Nora".into(), Some("00:00:02.000".into())),
            ]
        );
    }

    #[test]
    fn notes_are_not_speakers() {
        let text = "WEBVTT\n\nNOTE Confidence: 0.93\n\n00:00.000 --> 00:03.000\nso today we look at the budget\n";
        assert!(names(text).is_empty());
    }

    #[test]
    fn caption_files_are_read_with_entities_decoded() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\n&gt;&gt; Sam: Ochoa &amp; Sons &#8212; caf&eacute; &lt;3\n";
        assert_eq!(
            decoded_captions(srt).as_deref(),
            Some("1\n00:00:01,000 --> 00:00:02,000\n>> Sam: Ochoa & Sons \u{2014} caf\u{e9} <3\n")
        );
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nTom &amp; Jerry\n";
        assert_eq!(
            decoded_captions(vtt).as_deref(),
            Some("WEBVTT\n\n00:01.000 --> 00:02.000\nTom & Jerry\n")
        );
        // Caption text without cues, speaker changes escaped.
        let cart = "&gt;&gt; MAYOR: Order, please.\n  &gt;&gt; CLERK: Roll call &amp; minutes.\n";
        assert_eq!(
            decoded_captions(cart).as_deref(),
            Some(">> MAYOR: Order, please.\n  >> CLERK: Roll call & minutes.\n")
        );
    }

    #[test]
    fn other_text_and_malformed_references_are_left_alone() {
        // Not captions: an HTML snippet in a README stays as written.
        assert_eq!(
            decoded_captions("Use &amp; in HTML.\n&gt;&gt; once\n"),
            None
        );
        // Nothing to decode.
        assert_eq!(
            decoded_captions("1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
            None
        );
        // No terminating semicolon, unknown names, a NUL and a surrogate
        // stay as written.
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nAT&T &amp R&D &bogus; &#0; &#xD800; &amp;\n";
        assert_eq!(
            decoded_captions(srt).as_deref(),
            Some("1\n00:00:01,000 --> 00:00:02,000\nAT&T &amp R&D &bogus; &#0; &#xD800; &\n")
        );
    }
}
