//! Line-level recognition of speaker labels.
//!
//! Every line is classified on its own, looking only at its first hundred
//! or so bytes, so the whole pass is linear in the length of the text.

use std::ops::Range;
use std::sync::OnceLock;

/// How far into a line a label (with its parentheticals) may extend.
const MAX_HEAD: usize = 120;
/// Longest label text accepted, in bytes.
const MAX_LABEL: usize = 64;

/// The convention a label is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `SECRETARY WHITCOMBE:` — capitals and a colon.
    CapsColon,
    /// `Anderson Cooper:` — mixed case and a colon.
    TitleColon,
    /// `Chairman SMITH.` — congressional record style.
    Period,
    /// `Q`, `Q:`, `Q.`, `A:`.
    Qa,
    /// `Jane Doe  00:12` alone on its line, the text below.
    Stamp,
    /// WebVTT `<v Jane Doe>`.
    Voice,
    /// Markdown `**Jane Doe:** text`, `**NAME**: text`, `__Name__: text`.
    Bold,
    /// A screenplay cue: a name alone on an indented line, the speech below.
    Screenplay,
    /// `00:01:02 Jane Doe text`: a timestamp, the name, the text, no colon.
    TimeName,
    /// A name alone on an unindented line, the speech below (plays,
    /// parliamentary web reports).
    NameLine,
}

impl Kind {
    /// How many conventions there are (for tables indexed by kind).
    pub(crate) const COUNT: usize = Kind::NameLine as usize + 1;

    /// The convention's name in `plenary speakers --json`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::CapsColon => "caps-colon",
            Kind::TitleColon => "title-colon",
            Kind::Period => "period",
            Kind::Qa => "qa",
            Kind::Stamp => "name-time-line",
            Kind::Voice => "webvtt",
            Kind::Bold => "markdown-bold",
            Kind::Screenplay => "screenplay",
            Kind::TimeName => "time-name",
            Kind::NameLine => "name-line",
        }
    }
}

/// A line that looks like the start of a turn.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub kind: Kind,
    /// Byte range of the label text in the document.
    pub label: Range<usize>,
    /// Where the spoken text starts.
    pub body_start: usize,
    /// An interpretation badge was attached to the label.
    pub interpreted: bool,
    /// A parenthetical that may name the holder of a role label
    /// (`The Prime Minister (Rishi Sunak):`).
    pub identity: Option<Range<usize>>,
    /// Only a turn when the document also has `Q` turns (`A.`).
    pub weak: bool,
    /// Byte range of the timestamp written with the label, if any.
    pub time: Option<Range<usize>>,
    /// What the text after the label on its line looks like: `Some(true)`
    /// a field value (`GPL-2+`, `starting on port 8080`), `Some(false)`
    /// speech, `None` nothing (the text is on the lines below).
    pub field: Option<bool>,
    /// The text after the label is only a name (`Moderator: Jane Doe`,
    /// `President: Mr. Halvorsen (Norway)`): a header field.
    pub name_value: bool,
}

/// What a line is, for turn building.
#[derive(Clone, Debug)]
pub(crate) enum LineClass {
    /// Empty or whitespace only.
    Blank,
    /// Subtitle scaffolding: `WEBVTT`, cue numbers, cue timings.
    Structural,
    /// Anything else without a label.
    Text,
    /// A candidate label line.
    Label(Candidate),
}

/// Iterates over the lines of `text` as byte ranges without the line break.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let range = start..content_end;
        start = end + 1;
        Some(range)
    })
}

/// The line without leading whitespace (and byte-order mark) and trailing
/// whitespace, and the length of what was cut at its start.
fn trimmed(s: &str) -> (usize, &str) {
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .len();
    (lead, s[lead..].trim_end())
}

/// Whether a line holds text: [`classify`] finds it neither blank nor
/// subtitle scaffolding.
pub(crate) fn is_content(line: &str) -> bool {
    let (_, t) = trimmed(line);
    !(t.is_empty() || t == "." || is_structural(t))
}

/// Classifies one line (`line` is its byte range in `text`).
pub(crate) fn classify(text: &str, line: Range<usize>) -> LineClass {
    let s = &text[line.clone()];
    let (lead, t) = trimmed(s);
    if t.is_empty() || t == "." {
        // A lone `.` separates paragraphs in Debian control files.
        return LineClass::Blank;
    }
    if is_structural(t) {
        return LineClass::Structural;
    }
    let base = line.start + lead;
    if indent_width(&s[..lead]) >= SCREENPLAY_INDENT
        && let Some(c) = parse_screenplay(t)
    {
        return LineClass::Label(shift(c, base));
    }
    if !may_open_label(t) {
        return LineClass::Text;
    }
    match parse_label(t) {
        Some(mut c) => {
            c.label = c.label.start + base..c.label.end + base;
            c.body_start += base;
            c.identity = c.identity.map(|r| r.start + base..r.end + base);
            c.time = c.time.map(|r| r.start + base..r.end + base);
            LineClass::Label(c)
        }
        None => LineClass::Text,
    }
}

/// Whether a trimmed, non-empty line can open with a label at all: every
/// convention starts with a capital letter, `**` or `__`, `<v`, `>>`, a
/// bracket or a digit (timestamps, line numbers). Lines that open in lower
/// case or with other punctuation (wrapped prose, code, list items) skip
/// the parsers: one byte decides.
fn may_open_label(t: &str) -> bool {
    match t.as_bytes().first() {
        Some(b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'_' | b'<' | b'>' | b'[' | b'(') => true,
        // Possibly a capital beyond ASCII.
        Some(&b) => b >= 0x80,
        None => false,
    }
}

/// Reads what follows the label on its line (`line_end`): a field value or
/// speech, or only a name. Left to the caller of [`classify`], so that the
/// lines of metadata keys, dropped at once, are never read this far. Not
/// for screenplay cues, which have nothing after the name.
pub(crate) fn read_body(text: &str, c: &mut Candidate, line_end: usize) {
    let body = &text[c.body_start.min(line_end)..line_end];
    c.field = field_value(body);
    c.name_value = name_value(body);
}

/// The first `n` bytes of `s`, or fewer to end on a character boundary.
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether the text after a label reads as a field value rather than
/// speech: it starts in lower case, holds an address, or is a few words
/// without a sentence end. `None` when there is no text.
fn field_value(body: &str) -> Option<bool> {
    let b = body.trim();
    let first = b.chars().find(|c| c.is_alphanumeric())?;
    if b.starts_with(['\'', '`', '{', '=', '$', '/', '\\'])
        || b.ends_with(['{', ';', '(', '='])
        || b.ends_with("',")
        || b.ends_with("\",")
    {
        // Code: `CN: 'example.com',`, `Path: /usr/share`.
        return Some(true);
    }
    if first.is_lowercase() {
        return Some(true);
    }
    let head = prefix(b, 80);
    if head.contains("://") || head.contains('@') || head.contains('<') {
        return Some(true);
    }
    let closed = b.trim_end_matches([')', ']', '"', '”', '\'', '’']);
    let ended = closed.ends_with(['.', '?', '!', '…', '-', '—', ',', ':', ';']);
    Some(!ended && b.split_whitespace().take(6).count() < 6)
}

/// Whether `body` is nothing but a name: one to five capitalised words
/// (brackets allowed), no sentence end.
fn name_value(body: &str) -> bool {
    let b = body.trim();
    if !b.ends_with(')') && b.ends_with(['.', '?', '!', '…']) {
        return false;
    }
    // One pass, stopping at the sixth word or the first in lower case.
    let mut words = 0;
    for w in b.split_whitespace() {
        words += 1;
        if words > 5 || !w.starts_with(|c: char| c.is_uppercase() || c == '(') {
            return false;
        }
    }
    words > 0
}

/// Columns of indentation that mark a screenplay character cue.
const SCREENPLAY_INDENT: usize = 10;

fn indent_width(lead: &str) -> usize {
    lead.chars().map(|c| if c == '\t' { 8 } else { 1 }).sum()
}

fn shift(mut c: Candidate, by: usize) -> Candidate {
    c.label = c.label.start + by..c.label.end + by;
    c.body_start += by;
    c.identity = c.identity.map(|r| r.start + by..r.end + by);
    c.time = c.time.map(|r| r.start + by..r.end + by);
    c
}

/// `NORA` or `TICKET SELLER (V.O.)` alone on an indented line.
fn parse_screenplay(t: &str) -> Option<Candidate> {
    let (label, parens) = peel_parens(t);
    let name = &t[label.clone()];
    if name.split_whitespace().count() > 4 || name.ends_with(['.', ':', '!', '?', ',']) {
        return None;
    }
    if label_kind(name) != Some(Kind::CapsColon)
        || name.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return None;
    }
    let mut c = candidate(Kind::Screenplay, label, t.len());
    c.interpreted = parens
        .iter()
        .any(|p| matches!(badge(&t[p.clone()]), Badge::Interpreted));
    Some(c)
}

/// Subtitle scaffolding lines and bare timestamps.
fn is_structural(t: &str) -> bool {
    let stamp = t
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')']);
    let stamp_only = timestamp_len(stamp.as_bytes()).is_some_and(|n| n == stamp.len());
    stamp_only
        || t == "WEBVTT"
        || t.starts_with("WEBVTT ")
        || (t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()))
        || (t.as_bytes()[0].is_ascii_digit() && t.contains("-->"))
}

/// Tries every convention on a trimmed line; offsets are relative to `t`.
fn parse_label(t: &str) -> Option<Candidate> {
    if let Some(c) = parse_voice(t) {
        return Some(c);
    }
    let (skip, stamp) = skip_prefix(t);
    let stamped = stamp.is_some();
    let rest = &t[skip..];
    if skip == 0
        && let Some(n) = line_number(t)
    {
        // `12   MR. ROE: Thank you.` in a line-numbered court record.
        let rest = &t[n..];
        return parse_colon(rest)
            .or_else(|| parse_period(rest))
            .filter(|c| matches!(c.kind, Kind::CapsColon | Kind::Period))
            .map(|c| shift(c, n));
    }
    let found = parse_bold(rest)
        .or_else(|| parse_qa(rest))
        .or_else(|| parse_colon(rest))
        .or_else(|| parse_period(rest))
        .or_else(|| parse_dash_period(rest))
        .or_else(|| parse_name_stamp_text(rest))
        .or_else(|| {
            if stamped {
                parse_time_name(rest)
            } else {
                parse_stamp_line(rest)
            }
        })
        .or_else(|| if stamped { None } else { parse_name_line(rest) });
    found.map(|mut c| {
        c.label = c.label.start + skip..c.label.end + skip;
        c.body_start += skip;
        c.identity = c.identity.map(|r| r.start + skip..r.end + skip);
        c.time = c
            .time
            .map(|r| r.start + skip..r.end + skip)
            .or(stamp.clone());
        c
    })
}

/// Length of a line number and the spaces after it (`12   `) at the start
/// of `t`, as in line-numbered court records.
fn line_number(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let digits = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 || !matches!(b.get(digits), Some(b' ' | b'\t')) {
        return None;
    }
    Some(skip_ws(t, digits))
}

fn candidate(kind: Kind, label: Range<usize>, body_start: usize) -> Candidate {
    Candidate {
        kind,
        label,
        body_start,
        interpreted: false,
        identity: None,
        weak: false,
        time: None,
        field: None,
        name_value: false,
    }
}

/// `<v Jane Doe>text` or `<v.loud Jane Doe>text`.
fn parse_voice(t: &str) -> Option<Candidate> {
    let rest = t.strip_prefix("<v")?;
    let b = rest.as_bytes();
    if b.is_empty() || !(b[0] == b' ' || b[0] == b'.') {
        return None;
    }
    let close = memchr::memchr(b'>', b)?;
    let inner = &rest[..close];
    let name_off = if b[0] == b'.' {
        inner.find(' ')? + 1
    } else {
        1
    };
    let name = inner[name_off..].trim();
    if name.is_empty() {
        return None;
    }
    let start = 2 + name_off + (inner[name_off..].len() - inner[name_off..].trim_start().len());
    let body = skip_ws(t, 2 + close + 1);
    Some(candidate(Kind::Voice, start..start + name.len(), body))
}

/// Length of a leading `[00:01:23]`, `(01:23)` or `00:01:23` prefix plus the
/// whitespace (and optional dash) after it, and the timestamp's range.
fn skip_prefix(t: &str) -> (usize, Option<Range<usize>>) {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() && b[i] == b'>' {
        i += 1;
    }
    if i >= 2 {
        // `>> NAME:` caption speaker changes; a single `>` quotes.
        return (skip_ws(t, i), None);
    }

    let (open, close) = match b.first() {
        Some(b'[') => (1, Some(b']')),
        Some(b'(') => (1, Some(b')')),
        _ => (0, None),
    };
    let Some(n) = timestamp_len(&b[open..]) else {
        return (0, None);
    };
    let mut end = open + n;
    if let Some(c) = close {
        if b.get(end) != Some(&c) {
            return (0, None);
        }
        end += 1;
    }
    if end < b.len() && !b[end].is_ascii_whitespace() {
        return (0, None);
    }
    let mut j = skip_ws(t, end);
    if b.get(j) == Some(&b'-') && b.get(j + 1) == Some(&b' ') {
        j = skip_ws(t, j + 1);
    }
    (j, Some(open..open + n))
}

/// Length of a timestamp `m:ss`, `hh:mm:ss`, `hh:mm:ss,mmm` at the start of `b`.
pub(crate) fn timestamp_len(b: &[u8]) -> Option<usize> {
    let digits = |from: usize, max: usize| {
        b[from.min(b.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = digits(0, 2);
    if first == 0 {
        return None;
    }
    let mut i = first;
    let mut groups = 0;
    while groups < 2 && b.get(i) == Some(&b':') && digits(i + 1, 2) == 2 {
        i += 3;
        groups += 1;
    }
    if groups == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'.' | b',')) && digits(i + 1, 3) > 0 {
        i += 1 + digits(i + 1, 3);
    }
    Some(i)
}

/// A timestamp (`1:02`, `00:01:02,5`, `01:02.300`) as `hh:mm:ss.mmm`.
pub(crate) fn normalise_time(stamp: &str) -> String {
    use std::fmt::Write;
    let (clock, frac) = match stamp.find(['.', ',']) {
        Some(i) => (&stamp[..i], &stamp[i + 1..]),
        None => (stamp, ""),
    };
    // The first three fields, right-aligned: `1:02` is `0:1:02`.
    let mut parts = [0u32; 3];
    let mut n = 0;
    for p in clock.split(':').take(3) {
        parts[n] = p.parse().unwrap_or(0);
        n += 1;
    }
    parts.rotate_right(3 - n);
    let mut out = String::with_capacity(12);
    for (k, n) in parts.into_iter().enumerate() {
        if n < 100 {
            // Two digits by hand: this runs once per subtitle turn.
            out.push(char::from(b'0' + (n / 10) as u8));
            out.push(char::from(b'0' + (n % 10) as u8));
        } else {
            let _ = write!(out, "{n}");
        }
        out.push(if k < 2 { ':' } else { '.' });
    }
    let ms = prefix(frac, 3);
    out.push_str(ms);
    for _ in ms.len()..3 {
        out.push('0');
    }
    out
}

/// Skips spaces, tabs and no-break spaces from byte `i`.
fn skip_ws(t: &str, mut i: usize) -> usize {
    let b = t.as_bytes();
    loop {
        if matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        } else if b.get(i..i + 2) == Some(&[0xC2, 0xA0]) {
            i += 2;
        } else {
            return i;
        }
    }
}

/// `**Jane Doe:** text`, `**NAME**: text`, `__Name__: text`.
fn parse_bold(t: &str) -> Option<Candidate> {
    let fence = if t.starts_with("**") {
        "**"
    } else if t.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let head = prefix(t, MAX_HEAD);
    let close = head[2..].find(fence)? + 2;
    let inner = &t[2..close];
    let after = &t[close + 2..];
    let (inner_colon, body) = if inner.ends_with(':') {
        (inner.to_string(), close + 2)
    } else if let Some(rest) = after.strip_prefix(':') {
        (format!("{inner}:"), t.len() - rest.len())
    } else {
        return None;
    };
    let mut c = parse_colon(&inner_colon)?;
    if c.body_start < inner_colon.len() {
        return None;
    }
    c.kind = Kind::Bold;
    c.label = c.label.start + 2..c.label.end + 2;
    c.identity = c.identity.map(|r| r.start + 2..r.end + 2);
    c.time = c.time.map(|r| r.start + 2..r.end + 2);
    c.body_start = skip_ws(t, body);
    apply_after_badge(t, &mut c);
    Some(c)
}

/// `00:01:02 Jane Doe Welcome, everyone.` after the timestamp: up to three
/// capitalised name words, then the text. The name's length is settled
/// per document (see `settle_time_names`).
fn parse_time_name(t: &str) -> Option<Candidate> {
    let mut end = 0;
    let mut words = 0;
    for w in t.split(' ').take(3) {
        let bare = w.trim_end_matches(',');
        if bare.len() != w.len()
            || !matches!(shape(bare), Some(Shape::Title | Shape::Caps))
            || not_name_word(bare)
            || bare.ends_with('.')
        {
            break;
        }
        end += usize::from(words > 0) + w.len();
        words += 1;
    }
    if words == 0 || end >= t.len() {
        return None;
    }
    Some(candidate(Kind::TimeName, 0..end, skip_ws(t, end)))
}

/// `Jane Doe (00:01:02) text`: the name, its time in brackets, the text on
/// the same line, no colon (podcast and service exports).
fn parse_name_stamp_text(t: &str) -> Option<Candidate> {
    let head = prefix(t, MAX_LABEL + 2).as_bytes();
    let open = memchr::memchr(b'(', head)?.checked_sub(1)?;
    if head[open] != b' ' {
        return None;
    }
    let close = open + 2 + t[open + 2..].find(')')?;
    let stamp = &t[open + 2..close];
    if timestamp_len(stamp.as_bytes())? != stamp.len() {
        return None;
    }
    let name = &t[..open];
    if !matches!(label_kind(name)?, Kind::CapsColon | Kind::TitleColon)
        || name.split_whitespace().count() > 4
    {
        return None;
    }
    let body = skip_ws(t, close + 1);
    let mut c = candidate(Kind::Stamp, 0..open, body);
    c.time = Some(open + 2..close);
    Some(c)
}

/// Settles how many words of each `00:01:02 Jane Doe text` line are the
/// name: the longest prefix (of up to three words) that opens another such
/// line too, else two words. Linear in the candidates.
pub(crate) fn settle_time_names(text: &str, cands: &mut [(usize, Candidate)]) {
    use std::collections::HashMap;
    let prefixes = |c: &Candidate| -> Vec<Range<usize>> {
        let s = &text[c.label.clone()];
        let mut out = Vec::new();
        let mut end = 0;
        for (k, w) in s.split(' ').enumerate() {
            end += usize::from(k > 0) + w.len();
            out.push(c.label.start..c.label.start + end);
        }
        out
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, c) in cands.iter().filter(|(_, c)| c.kind == Kind::TimeName) {
        for p in prefixes(c) {
            *counts.entry(&text[p]).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return;
    }
    for (_, c) in cands.iter_mut().filter(|(_, c)| c.kind == Kind::TimeName) {
        let ps = prefixes(c);
        let chosen = ps
            .iter()
            .rev()
            .find(|p| counts.get(&text[(*p).clone()]).is_some_and(|&n| n >= 2))
            .or_else(|| ps.get(1.min(ps.len() - 1)))
            .cloned();
        if let Some(p) = chosen {
            c.label = p.clone();
            c.body_start = p.end + skip_ws(&text[p.end..], 0);
            let rest = &text[c.body_start..];
            let line_end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            c.field = field_value(&rest[..line_end]);
        }
    }
}

/// The words of `s` when it has one to `N` of them, kept on the stack
/// (label checks run on every candidate line); `None` when it has none or
/// more than `N`.
fn few_words<const N: usize>(s: &str) -> Option<([&str; N], usize)> {
    let mut buf = [""; N];
    let mut n = 0;
    for w in s.split_whitespace() {
        if n == N {
            return None;
        }
        buf[n] = w;
        n += 1;
    }
    (n > 0).then_some((buf, n))
}

/// A line that may be the first half of a label broken across two lines
/// (`MR. JUSTICE` before `ROE: text`): a title word then at most two more
/// capitalised words, nothing else. Returns the offset of its first word.
pub(crate) fn label_head(line: &str) -> Option<usize> {
    let t = line.trim();
    if t.len() > 40 || !t.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let (buf, n) = few_words::<3>(t)?;
    let words = &buf[..n];
    let caps = words.iter().all(|w| {
        matches!(shape(w), Some(Shape::Caps))
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
    });
    let titled = super::lexicon::is_title_word(words[0]);
    let last = words[words.len() - 1];
    let open =
        !last.ends_with(['.', ',', ':', ';', '!', '?']) || super::lexicon::is_title_word(last);
    (caps && titled && open).then(|| line.len() - line.trim_start().len())
}

/// `Q`, `Q:`, `Q.`, `Q  text`, `A:`, `A.`.
fn parse_qa(t: &str) -> Option<Candidate> {
    let b = t.as_bytes();
    let letter = *b.first()?;
    if letter != b'Q' && letter != b'A' {
        return None;
    }
    let is_q = letter == b'Q';
    let (body, weak) = match b.get(1) {
        None => (1, !is_q),
        Some(b':') => (skip_ws(t, 2), false),
        Some(b'.') if b.len() == 2 || b[2] == b' ' || b[2] == b'\t' => (skip_ws(t, 2), !is_q),
        Some(b' ' | b'\t') => {
            let j = skip_ws(t, 1);
            let next = t[j..].chars().next()?;
            if is_q && !next.is_lowercase() {
                (j, false)
            } else if !is_q && (j >= 3 || b[1] == b'\t') && !next.is_lowercase() {
                (j, true)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let mut c = candidate(Kind::Qa, 0..1, body);
    c.weak = weak;
    apply_after_badge(t, &mut c);
    Some(c)
}

/// Byte index of the first colon outside parentheses, followed by a space or
/// the end of the line, within the head of the line.
fn find_colon(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let mut depth = 0i32;
    for (i, &c) in b.iter().enumerate().take(MAX_HEAD) {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b':' if depth == 0 => {
                let next = b.get(i + 1);
                return match next {
                    None | Some(b' ' | b'\t') => Some(i),
                    Some(0xC2) if b.get(i + 2) == Some(&0xA0) => Some(i),
                    _ => None,
                };
            }
            b'"' | b'\xe2' if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

/// Splits trailing parentheticals off a label head: the label text range and
/// the ranges of the parenthetical contents, outermost first.
fn peel_parens(head: &str) -> (Range<usize>, Vec<Range<usize>>) {
    let b = head.as_bytes();
    let mut end = head.trim_end().len();
    let mut parens = Vec::new();
    while end > 0 && (b[end - 1] == b')' || b[end - 1] == b']') {
        let mut depth = 0;
        let mut open = None;
        for i in (0..end).rev() {
            match b[i] {
                b')' | b']' => depth += 1,
                b'(' | b'[' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(o) = open else { break };
        parens.push(o + 1..end - 1);
        end = head[..o].trim_end().len();
    }
    parens.reverse();
    (0..end, parens)
}

/// `LABEL:`, `LABEL (badge):`, `The Prime Minister (Rishi Sunak):`.
fn parse_colon(t: &str) -> Option<Candidate> {
    let colon = find_colon(t)?;
    let (label, parens) = peel_parens(&t[..colon]);
    let kind = label_kind(&t[label.clone()])?;
    let mut c = candidate(kind, label, skip_ws(t, colon + 1));
    for p in parens {
        match badge(&t[p.clone()]) {
            Badge::Interpreted => c.interpreted = true,
            Badge::Other => {
                let inner = t[p.clone()].trim();
                if timestamp_len(inner.as_bytes()) == Some(inner.len()) {
                    let lead = t[p.clone()].len() - t[p.clone()].trim_start().len();
                    c.time = Some(p.start + lead..p.start + lead + inner.len());
                    if c.body_start >= t.len() {
                        // `Jane Doe (00:12):` alone, the text below.
                        c.kind = Kind::Stamp;
                    }
                }
            }
            Badge::Text => {
                if c.identity.is_none() && label_kind(t[p.clone()].trim()).is_some() {
                    c.identity = Some(p);
                }
            }
        }
    }
    apply_after_badge(t, &mut c);
    Some(c)
}

/// Consumes a badge parenthetical right after the colon.
fn apply_after_badge(t: &str, c: &mut Candidate) {
    if let Some((len, interpreted)) = leading_badge(&t[c.body_start..]) {
        c.interpreted |= interpreted;
        c.body_start += len;
    }
}

/// A badge parenthetical (`(Via interpreter)`, `(00:12)`) opening `s`: the
/// bytes it takes with the spaces after it, and whether it marks
/// interpretation.
pub(crate) fn leading_badge(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    let close = match b.first() {
        Some(b'(') => b')',
        Some(b'[') => b']',
        _ => return None,
    };
    let window = &b[..b.len().min(60)];
    let end = memchr::memchr(close, window)?;
    let interpreted = match badge(&s[1..end]) {
        Badge::Interpreted => true,
        Badge::Other => false,
        Badge::Text => return None,
    };
    Some((skip_ws(s, end + 1), interpreted))
}

/// What a parenthetical next to a label says.
enum Badge {
    Interpreted,
    Other,
    Text,
}

fn badge(content: &str) -> Badge {
    let c = content.trim().trim_end_matches('.').to_lowercase();
    let interpreted = c.contains("interpret")
        || c.contains("translat")
        || (c.starts_with("in ") && c != "in english")
        || c.starts_with("speaking in ")
        || c.starts_with("spoke in ")
        || c.starts_with("speaks in ");
    if interpreted {
        return Badge::Interpreted;
    }
    const OTHER: &[&str] = &[
        "voice-over",
        "voice over",
        "voiceover",
        "on camera",
        "off camera",
        "off-camera",
        "on-camera",
        "off mic",
        "off-mic",
        "off mike",
        "off-mike",
        "via phone",
        "via telephone",
        "by phone",
        "on phone",
        "via video",
        "via videolink",
        "remotely",
        "continuing",
        "cont'd",
        "contd",
        "inaudible",
        "v.o.",
        "o.s.",
    ];
    if OTHER.contains(&c.as_str()) || timestamp_len(c.as_bytes()).is_some_and(|n| n == c.len()) {
        return Badge::Other;
    }
    Badge::Text
}

/// Shape of one word of a label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Caps,
    Title,
    Particle,
    Digits,
}

const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "bin", "ibn", "al",
    "el", "la", "le", "of", "the", "dos", "das", "for",
];

fn shape(word: &str) -> Option<Shape> {
    let w = word.trim_end_matches([',', '.']);
    if w.is_empty() {
        return None;
    }
    let digits = w.strip_prefix('#').unwrap_or(w);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Shape::Digits);
    }
    if is_particle(w) {
        return Some(Shape::Particle);
    }
    let first = w.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let allowed = |c: char| {
        c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.' | '_') || c.is_ascii_digit()
    };
    if !w.chars().all(allowed) {
        return None;
    }
    if w.split('.')
        .skip(1)
        .any(|part| part.starts_with(char::is_lowercase))
    {
        // `Buffer.from`, `os.path`: code, not a name.
        return None;
    }
    let core = w.strip_prefix("Mc").unwrap_or(w);
    if core.chars().any(char::is_lowercase) {
        Some(Shape::Title)
    } else {
        Some(Shape::Caps)
    }
}

/// Words that show a capitalised colon head is a headline or prose, not a name.
const NOT_NAME_WORDS: &[&str] = &[
    "Says",
    "Said",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "To",
    "In",
    "On",
    "For",
    "With",
    "And",
    "Why",
    "How",
    "What",
    "Who",
    "When",
    "Where",
    "After",
    "Before",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "Here",
    "There",
    "My",
    "Our",
    "Your",
    "A",
    "An",
    "Watch",
    "Read",
    "New",
    "More",
    "Live",
    "Breaking",
    "Opinion",
    "Analysis",
    "Exclusive",
    "Video",
    "Photos",
    "Photo",
    "Review",
    "Interview",
    "Transcript",
    "Full",
    "Key",
    "Step",
    "Part",
    "Chapter",
];

static PARTICLE_SET: OnceLock<super::lexicon::WordSet> = OnceLock::new();
static NOT_NAME_SET: OnceLock<super::lexicon::WordSet> = OnceLock::new();

fn is_particle(w: &str) -> bool {
    w.len() <= 5
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && super::lexicon::set(&PARTICLE_SET, PARTICLES).contains(w)
}

fn not_name_word(w: &str) -> bool {
    super::lexicon::set(&NOT_NAME_SET, NOT_NAME_WORDS).contains(w)
}

/// Decides whether `s` can be a speaker label and in which convention.
pub(crate) fn label_kind(s: &str) -> Option<Kind> {
    if s.is_empty() || s.len() > MAX_LABEL || !s.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // At most eight words, kept on the stack: this runs on every line
    // with a colon.
    let (buf, n) = few_words::<8>(s)?;
    let words = &buf[..n];
    if words.len() == 1 && s.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        // One letter (`L:`, `O:`): a field key; `Q`/`A` are read apart.
        return None;
    }
    if !words_can_name(words) {
        return None;
    }
    let mut shape_buf = [Shape::Caps; 8];
    for (slot, w) in shape_buf.iter_mut().zip(words) {
        *slot = shape(w)?;
    }
    let shapes = &shape_buf[..n];
    if matches!(shapes[0], Shape::Particle | Shape::Digits) && words[0] != "The" {
        return None;
    }
    let has_comma = words[..words.len() - 1].iter().any(|w| w.ends_with(','));
    if shapes
        .iter()
        .all(|&x| matches!(x, Shape::Caps | Shape::Digits))
    {
        return (shapes[0] == Shape::Caps).then_some(Kind::CapsColon);
    }
    let names = shapes.iter().filter(|&&x| x != Shape::Particle).count();
    if has_comma || names > 5 || words.iter().any(|w| not_name_word(w)) {
        return None;
    }
    Some(Kind::TitleColon)
}

/// Prefixes after which a capital inside a name is normal (`McCarthy`,
/// `DeSantis`, `LaGuardia`).
const INNER_CAPITAL_PREFIXES: &[&str] = &[
    "Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "O'", "O’",
];

/// Whether label words can name a speaker rather than a key, an identifier
/// or a sentence boundary: `Speaker 1` and `SPEAKER_01` but not `Bug #1234`,
/// `CVE-2024-1`, `CONFIG_BPF`, `AuthorDate`, `Entry-points` or `Gomes.
/// Closes`.
fn words_can_name(words: &[&str]) -> bool {
    use super::lexicon::{is_role_word, is_title_word};
    let mut numbered = false;
    for (k, w) in words.iter().enumerate() {
        let core = w.trim_end_matches([',', '.']);
        numbered |= core.contains('_') || core.bytes().any(|b| b.is_ascii_digit());
        if k + 1 < words.len() && w.ends_with('.') {
            let letters = core.chars().filter(|c| c.is_alphabetic()).count();
            let caps = !core.chars().any(char::is_lowercase);
            if !(is_title_word(w) || letters == 1 || (caps && letters <= 3) || letters == 2) {
                return false;
            }
        }
        let mut prev: Option<char> = None;
        for (at, c) in core.char_indices() {
            if let Some(p) = prev {
                if c.is_uppercase()
                    && p.is_lowercase()
                    && !INNER_CAPITAL_PREFIXES.contains(&&core[..at])
                {
                    return false;
                }
                if p == '-' && c.is_lowercase() {
                    return false;
                }
            }
            prev = Some(c);
        }
    }
    !numbered
        || words.iter().all(|w| {
            let letters: String = w
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            letters.is_empty() || (letters.len() >= 2 && is_role_word(&letters))
        })
}

/// Titles that may open a congressional `Chairman SMITH.` label.
const PERIOD_TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Miss",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Senator",
    "Representative",
    "Secretary",
    "Governor",
    "General",
    "Admiral",
    "Ambassador",
    "Judge",
    "Commissioner",
    "Director",
    "The",
    "Vice",
    "Ranking",
    "Member",
    "Madam",
    "Acting",
    "Mayor",
    "Attorney",
    "Justice",
    "Chief",
    "Deputy",
    "Under",
    "Assistant",
    "Delegate",
    "Commissioner",
];

/// A title of [`PERIOD_TITLES`] as written, or in capitals (`CHAIRMAN`,
/// `MR.`), but never `THE`.
fn period_title(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() > 15 {
        return false;
    }
    PERIOD_TITLES.contains(&word)
        || (word != "THE"
            && !word.bytes().any(|b| b.is_ascii_lowercase())
            && PERIOD_TITLES.iter().any(|p| p.eq_ignore_ascii_case(word)))
}

/// `Chairman SMITH.`, `Mr. JONES.`, `The CHAIRMAN.`, `CHAIRMAN SMITH.`
fn parse_period(t: &str) -> Option<Candidate> {
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut pos = 0;
    let mut titles: Vec<&str> = Vec::new();
    let mut names = 0;
    for word in t.split(' ').take(7) {
        let end = pos + word.len();
        pos = end + 1;
        if names == 0 && period_title(word) {
            titles.push(word);
            continue;
        }
        if names > 0 && word == "pro" {
            continue;
        }
        let (core, terminal) = match word.strip_suffix('.') {
            Some(core) => (core, true),
            None => (word, false),
        };
        let tempore = names > 0 && core == "tempore";
        // `MARISA OKONJO.`: capitals without a title, when they can be a name.
        let untitled =
            titles.is_empty() && shape(core) == Some(Shape::Caps) && can_be_untitled_name(core);
        if (titles.is_empty() && !untitled)
            || names >= 3
            || !(tempore || period_name(core, &titles))
        {
            return None;
        }
        names += 1;
        if terminal {
            let after = t.as_bytes().get(end);
            if !matches!(after, None | Some(b' ' | b'\t')) || (titles.is_empty() && names < 2) {
                return None;
            }
            return Some(candidate(Kind::Period, 0..end - 1, skip_ws(t, end)));
        }
    }
    None
}

/// Whether a word in capitals can be part of a name without a title: not
/// a word that is never a given name, not a headline word. Short ASCII
/// words are cased on the stack: this runs on every line of capitals.
fn can_be_untitled_name(core: &str) -> bool {
    let mut buf = [0u8; 32];
    if !core.is_ascii() || core.len() > buf.len() {
        return !super::lexicon::not_given(&core.to_lowercase())
            && !not_name_word(&super::lexicon::name_case(core));
    }
    let b = &mut buf[..core.len()];
    b.copy_from_slice(core.as_bytes());
    b.make_ascii_lowercase();
    if super::lexicon::not_given(std::str::from_utf8(b).unwrap_or_default()) {
        return false;
    }
    if core.bytes().any(|c| c.is_ascii_lowercase()) {
        // `name_case` leaves a word with lower case as it is.
        return !not_name_word(core);
    }
    // `name_case`: a capital first and after a hyphen or apostrophe.
    for i in 0..b.len() {
        if i == 0 || matches!(b[i - 1], b'-' | b'\'' | b' ') {
            b[i].make_ascii_uppercase();
        }
    }
    !not_name_word(std::str::from_utf8(b).unwrap_or_default())
}

/// European Parliament style: `President. – text`, `Jane Doe (PPE). – text`,
/// `Jane Doe, Member of the Commission. – text`.
fn parse_dash_period(t: &str) -> Option<Candidate> {
    let head = prefix(t, MAX_HEAD).as_bytes();
    let dot = memchr::memchr_iter(b'.', head).find_map(|i| {
        let rest = &head[i + 1..];
        [" – ", " — ", " - "]
            .iter()
            .find(|d| rest.starts_with(d.as_bytes()))
            .map(|d| (i, 1 + d.len()))
    })?;
    let (label, parens) = peel_parens(&t[..dot.0]);
    let name = t[label.clone()].split(',').next().unwrap_or("").trim_end();
    label_kind(name)?;
    let mut c = candidate(Kind::Period, label, skip_ws(t, dot.0 + dot.1));
    c.interpreted = parens
        .iter()
        .any(|p| matches!(badge(&t[p.clone()]), Badge::Interpreted));
    Some(c)
}

/// A name alone on its line (`HENRIK`, `Helena Marchbank (Eastfield) (Lab)`,
/// `The Minister for Housing (Rupert Ashdown)`), the speech on the lines
/// below; whether the next line is speech is checked by the caller.
fn parse_name_line(t: &str) -> Option<Candidate> {
    if t.len() > MAX_HEAD
        || t.ends_with(['.', ':', ',', ';', '!', '?'])
        || t.bytes().filter(|&b| b == b' ').count() > 8
        || memchr::memchr(b':', t.as_bytes()).is_some()
    {
        return None;
    }
    let first = t.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let (label, _) = peel_parens(t);
    let name = &t[label.clone()];
    if name.contains(',') {
        return None;
    }
    let words = name.split_whitespace().count();
    let kind = label_kind(name)?;
    let caps = kind == Kind::CapsColon && name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if words > 5 || !(caps || (kind == Kind::TitleColon && words >= 2)) {
        return None;
    }
    let mut c = parse_colon(&format!("{t}:"))?;
    c.kind = Kind::NameLine;
    c.body_start = t.len();
    Some(c)
}

/// Whether a line ends a sentence (or is empty), so that the next line may
/// open a turn; a line that does not is continued by the next one.
pub(crate) fn closes_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_']);
    t.is_empty() || t.ends_with(['.', '?', '!', ':', ';', '…', '-', '—', '–'])
}

/// Whether a line is the head or the trailer of a change-log or version
/// control entry: `commit 3f2a…`, ` -- Jane Doe <jane@…>  date`,
/// `2024-01-02  Jane Doe  <jane@…>`, `pkg (1.2-1) unstable; urgency=low`.
pub(crate) fn log_entry_line(line: &str) -> bool {
    let b = line.as_bytes();
    if let Some(rest) = line.strip_prefix("commit ") {
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        return hex >= 7 && rest[hex..].chars().next().is_none_or(char::is_whitespace);
    }
    let mailbox = || line.contains('<') && line.contains('@') && line.contains('>');
    if line.starts_with(" -- ") {
        return mailbox();
    }
    let dated = b.len() > 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit);
    if dated {
        return mailbox();
    }
    b.first().is_some_and(u8::is_ascii_lowercase) && line.contains("; urgency=")
}

/// Whether a line opens with a list marker (`- `, `* `, `-> `, `1. `).
pub(crate) fn list_item(line: &str) -> bool {
    let t = line.trim_start();
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    ["- ", "* ", "+ ", "-> ", "=> ", "• ", "o "]
        .iter()
        .any(|m| t.starts_with(m))
        || (digits > 0
            && matches!(b.get(digits), Some(b'.' | b')'))
            && b.get(digits + 1) == Some(&b' '))
}

/// Whether a line can be the speech under a name line: a parenthetical
/// direction, or text that reads as speech.
pub(crate) fn speech_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('(') || field_value(t) == Some(false)
}

/// Offices that may follow a bare `The` in a period label: `The Chairman.`
const PERIOD_OFFICES: &[&str] = &[
    "Chairman",
    "Chairwoman",
    "Chair",
    "Clerk",
    "Speaker",
    "President",
    "Secretary",
    "Presiding",
    "Officer",
    "Vice",
];

/// Whether `core` can be a name word of a period label after `titles`:
/// capitals always (`SMITH`), mixed case after a real title (`Senator
/// Warren`), an office after a bare `The` (`The Chairman`).
fn period_name(core: &str, titles: &[&str]) -> bool {
    match shape(core) {
        Some(Shape::Caps) => core.len() >= 2,
        Some(Shape::Title) if titles == ["The"] => PERIOD_OFFICES.contains(&core),
        Some(Shape::Title) => core.chars().count() >= 2 && !core.contains('.'),
        _ => false,
    }
}

/// `Jane Doe  00:12` alone on its line.
fn parse_stamp_line(t: &str) -> Option<Candidate> {
    let cut = t.rfind([' ', '\t'])?;
    let stamp = &t[cut + 1..];
    if timestamp_len(stamp.as_bytes())? != stamp.len() {
        return None;
    }
    let written = t[..cut].trim_end();
    let (name, from) = match written.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(inner) => (inner, 1),
        None => (written, 0),
    };
    let kind = label_kind(name)?;
    if name.split_whitespace().count() > 4 || kind == Kind::Period {
        return None;
    }
    let mut c = candidate(Kind::Stamp, from..from + name.len(), t.len());
    c.time = Some(cut + 1..t.len());
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label_of(line: &str) -> Option<(Kind, String)> {
        match classify(line, 0..line.len()) {
            LineClass::Label(c) => Some((c.kind, line[c.label].to_string())),
            _ => None,
        }
    }

    #[test]
    fn recognises_each_convention() {
        let cases = [
            (
                "SECRETARY WHITCOMBE: Thank you.",
                Kind::CapsColon,
                "SECRETARY WHITCOMBE",
            ),
            ("MS. JEAN-PIERRE: Hi.", Kind::CapsColon, "MS. JEAN-PIERRE"),
            (
                "Anderson Cooper: Welcome.",
                Kind::TitleColon,
                "Anderson Cooper",
            ),
            (
                "Chairman SMITH. The committee will come to order.",
                Kind::Period,
                "Chairman SMITH",
            ),
            ("Mr. JONES. Thank you.", Kind::Period, "Mr. JONES"),
            ("Q    Thank you.", Kind::Qa, "Q"),
            ("[00:01:23] Jane Doe: Hello.", Kind::TitleColon, "Jane Doe"),
            ("Jane Doe  00:12", Kind::Stamp, "Jane Doe"),
            ("<v Jane Doe>Hello there.", Kind::Voice, "Jane Doe"),
            ("SPEAKER_01: Hello.", Kind::CapsColon, "SPEAKER_01"),
            (
                "The Prime Minister (Rishi Sunak): I agree.",
                Kind::TitleColon,
                "The Prime Minister",
            ),
        ];
        for (line, kind, label) in cases {
            assert_eq!(label_of(line), Some((kind, label.to_string())), "{line}");
        }
    }

    #[test]
    fn rejects_prose_and_times() {
        for line in [
            "He said: we will win.",
            "The reason is simple: money.",
            "2:09 p.m. EST",
            "Washington, D.C.",
            "- Item: a list entry",
            "A man walked in.",
            "Why It Matters: the vote",
        ] {
            assert!(label_of(line).is_none(), "{line}");
        }
    }

    #[test]
    fn long_lines_with_wide_characters_never_split_a_character() {
        for n in 0..100 {
            let body = format!("{}– and “more” text –– here", "é".repeat(n));
            for line in [
                format!("JANE DOE: {body}"),
                format!("**{body}"),
                format!("00:01:02 Jane Doe {body}"),
                format!("Key: {body}"),
            ] {
                let _ = classify(&line, 0..line.len());
            }
        }
    }

    #[test]
    fn times_are_normalised() {
        for (stamp, want) in [
            ("1:02", "00:01:02.000"),
            ("00:01:02,5", "00:01:02.500"),
            ("01:02.300", "00:01:02.300"),
            ("1:02:03.4567", "01:02:03.456"),
            ("12:34:56", "12:34:56.000"),
        ] {
            assert_eq!(normalise_time(stamp), want, "{stamp}");
        }
    }

    #[test]
    fn badges_mark_interpretation() {
        let line = "MODERATOR: (Via interpreter) Welcome.";
        let LineClass::Label(c) = classify(line, 0..line.len()) else {
            panic!("not a label");
        };
        assert!(c.interpreted);
        assert_eq!(&line[c.body_start..], "Welcome.");
    }
}
