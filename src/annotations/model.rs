//! The annotation record: ids, documents, selectors, colours, tags, times.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use time::format_description::BorrowedFormatItem;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::text::CharIndex;

/// How many characters of context the quote selector keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// A point in time with microsecond precision, written as RFC 3339 UTC
/// (`2026-11-23T18:15:00.123456Z`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Microseconds since the Unix epoch.
    pub micros: i64,
}

impl Timestamp {
    /// The current wall-clock time.
    pub fn now() -> Self {
        Self::from_system_time(SystemTime::now())
    }

    /// Converts a `SystemTime` (times before 1970 are supported).
    pub fn from_system_time(t: SystemTime) -> Self {
        let micros = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_micros() as i64,
            Err(e) => -(e.duration().as_micros() as i64),
        };
        Timestamp { micros }
    }

    /// The same instant as a `SystemTime`.
    pub fn to_system_time(self) -> SystemTime {
        if self.micros >= 0 {
            UNIX_EPOCH + Duration::from_micros(self.micros as u64)
        } else {
            UNIX_EPOCH - Duration::from_micros(self.micros.unsigned_abs())
        }
    }

    /// A time strictly later than both `self` and `after` (used so that an
    /// edit always wins over the version it replaces, even on a coarse clock).
    pub fn later_than(self, after: Timestamp) -> Self {
        if self > after {
            self
        } else {
            Timestamp {
                micros: after.micros + 1,
            }
        }
    }

    /// Compact form for file names: `20261123T181500Z`.
    pub fn compact(self) -> String {
        self.format(COMPACT)
    }

    /// The instant as a UTC date-time (clamped to years -9999..=9999).
    fn utc(self) -> OffsetDateTime {
        let nanos = i128::from(self.micros) * 1000;
        let min = PrimitiveDateTime::MIN.assume_utc();
        let max = PrimitiveDateTime::MAX.assume_utc();
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(if nanos < 0 {
            min
        } else {
            max
        })
    }

    fn format(self, f: &[BorrowedFormatItem<'_>]) -> String {
        self.utc().format(f).unwrap_or_default()
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`); digits of
    /// the fraction beyond microseconds are dropped.
    pub fn parse(s: &str) -> Option<Self> {
        let t = OffsetDateTime::parse(s, &Rfc3339).ok()?;
        let micros = t.unix_timestamp_nanos().div_euclid(1000);
        Some(Timestamp {
            micros: i64::try_from(micros).ok()?,
        })
    }
}

/// `2026-11-23T18:15:00.123456Z`.
const RFC3339_MICROS: &[BorrowedFormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
/// `20261123T181500Z`.
const COMPACT: &[BorrowedFormatItem<'_>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(RFC3339_MICROS))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an RFC 3339 time: {s:?}")))
    }
}

/// A highlight colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// The default highlight.
    #[default]
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
    /// Purple.
    Purple,
}

impl Colour {
    /// Every colour, in menu order.
    pub const ALL: [Colour; 5] = [
        Colour::Yellow,
        Colour::Green,
        Colour::Blue,
        Colour::Pink,
        Colour::Purple,
    ];

    /// The lower-case name used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
            Colour::Purple => "purple",
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Colour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_lowercase();
        Colour::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| {
                format!("unknown colour {s:?} (use yellow, green, blue, pink or purple)")
            })
    }
}

/// The SHA-256 of a document's text, as `sha256:<hex>`.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The document an annotation belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// `content_hash` of the text the selectors were made against.
    pub hash: String,
    /// The document's path as the reader opened it.
    pub path: String,
    /// Human title (may be empty).
    #[serde(default)]
    pub title: String,
}

impl DocumentRef {
    /// Describes `text`, found at `path`, titled `title`.
    pub fn new(path: impl Into<String>, title: impl Into<String>, text: &str) -> Self {
        DocumentRef {
            hash: content_hash(text),
            path: path.into(),
            title: title.into(),
        }
    }
}

/// W3C TextQuoteSelector: the exact text with some context either side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    /// The highlighted text.
    pub exact: String,
    /// Up to `CONTEXT_CHARS` characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to `CONTEXT_CHARS` characters after it.
    #[serde(default)]
    pub suffix: String,
}

/// W3C TextPositionSelector: code-point offsets, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// Both selectors for one span of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// Where the text is, by content.
    pub quote: TextQuoteSelector,
    /// Where the text is, by offset.
    pub position: TextPositionSelector,
}

impl Target {
    /// Builds selectors for code points `start..end` of `text`. Returns
    /// `None` if the span is empty or out of range.
    pub fn from_span(text: &str, start: usize, end: usize) -> Option<Self> {
        let idx = CharIndex::new(text);
        let total = idx.chars(text.len());
        if start >= end || end > total {
            return None;
        }
        Some(Self::from_span_indexed(text, &idx, start, end))
    }

    pub(crate) fn from_span_indexed(text: &str, idx: &CharIndex, start: usize, end: usize) -> Self {
        let total = idx.chars(text.len());
        let b = |c: usize| idx.bytes(c.min(total));
        Target {
            quote: TextQuoteSelector {
                exact: text[b(start)..b(end)].to_string(),
                prefix: text[b(start.saturating_sub(CONTEXT_CHARS))..b(start)].to_string(),
                suffix: text[b(end)..b(end + CONTEXT_CHARS)].to_string(),
            },
            position: TextPositionSelector { start, end },
        }
    }
}

/// One personal annotation (a highlight, optionally with a note).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable id (time-ordered hex).
    pub id: String,
    /// The document it belongs to.
    pub document: DocumentRef,
    /// Where in the document.
    pub target: Target,
    /// Highlight colour.
    #[serde(default)]
    pub colour: Colour,
    /// Free text, possibly multi-line; `#words` become tags.
    #[serde(default)]
    pub note: String,
    /// Effective tags: `#tags` from the note plus `explicit_tags`,
    /// lower-cased and deduplicated (recomputed on every change).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Tags given directly rather than written in the note.
    #[serde(default)]
    pub explicit_tags: Vec<String>,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed (deletion and undo count); the newer wins merges.
    pub updated: Timestamp,
    /// Set when deleted; the record stays as a tombstone so that deletion
    /// survives merges with other instances.
    #[serde(default)]
    pub deleted: Option<Timestamp>,
    /// Fields written by a later minor revision, preserved on rewrite.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Annotation {
    /// A new annotation on code points `start..end` of `text`. Fails if the
    /// span is empty or out of range.
    pub fn new(
        document: DocumentRef,
        text: &str,
        start: usize,
        end: usize,
        colour: Colour,
        note: &str,
    ) -> Result<Self, String> {
        let target = Target::from_span(text, start, end).ok_or_else(|| {
            format!("cannot annotate characters {start}–{end}: empty or past the end of the text")
        })?;
        let now = Timestamp::now();
        let mut a = Annotation {
            id: new_id(),
            document,
            target,
            colour,
            note: note.to_string(),
            tags: Vec::new(),
            explicit_tags: Vec::new(),
            created: now,
            updated: now,
            deleted: None,
            extra: serde_json::Map::new(),
        };
        a.refresh_tags();
        Ok(a)
    }

    /// Whether it has been deleted (is a tombstone).
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    /// Sets the explicit tags (normalised) and recomputes `tags`.
    pub fn set_explicit_tags<S: AsRef<str>>(&mut self, tags: &[S]) {
        self.explicit_tags = Vec::new();
        for t in tags {
            push_tag(&mut self.explicit_tags, t.as_ref());
        }
        self.refresh_tags();
    }

    /// The note's first line followed by the tags it does not already
    /// show, so that a `#tag` written in the note is not shown twice.
    pub fn summary(&self) -> String {
        let first = self.note.lines().next().unwrap_or("").trim_end();
        let shown = parse_tags(first);
        let mut out = first.to_string();
        for t in self.tags.iter().filter(|t| !shown.contains(t)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push('#');
            out.push_str(t);
        }
        out
    }

    /// Recomputes `tags` from the note and the explicit tags.
    pub fn refresh_tags(&mut self) {
        let mut tags = parse_tags(&self.note);
        for t in &self.explicit_tags {
            push_tag(&mut tags, t);
        }
        self.tags = tags;
    }
}

fn push_tag(tags: &mut Vec<String>, raw: &str) {
    let t = raw.trim().trim_start_matches('#').to_lowercase();
    if !t.is_empty() && !t.contains(char::is_whitespace) && !tags.contains(&t) {
        tags.push(t);
    }
}

/// The `#tag` words in a note, lower-cased and deduplicated, in order.
/// A tag starts after whitespace or at the start of the text and runs over
/// letters, digits, `_`, `-` and `/`; purely numeric words (`#3`) are not tags.
pub fn parse_tags(note: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut prev_space = true;
    let mut chars = note.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '#' && prev_space {
            let rest = &note[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '/'))
                .map(char::len_utf8)
                .sum();
            let word = rest[..len].trim_end_matches(['-', '/']);
            if word.chars().any(|ch| !ch.is_ascii_digit()) {
                push_tag(&mut tags, word);
            }
            while chars.peek().is_some_and(|&(j, _)| j <= i + len) {
                chars.next();
            }
            prev_space = false;
            continue;
        }
        prev_space = c.is_whitespace() || matches!(c, '(' | '[' | ',' | ';');
    }
    tags
}

/// A new id: a UUID version 7 (RFC 9562), which begins with the creation
/// time in milliseconds, so ids sort by creation time; ids made by older
/// versions (`660f5ca53ee43-a27efcede8ce742d`) stay valid.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_shows_each_tag_once() {
        let doc = DocumentRef::new("a.txt", "A", "some text here");
        let mut a = Annotation::new(doc, "some text here", 0, 4, Colour::default(), "").unwrap();
        a.note = "#opening remarks\nthen #later".into();
        a.set_explicit_tags(&["extra", "Opening"]);
        assert_eq!(a.summary(), "#opening remarks #later #extra");
        a.note = String::new();
        a.refresh_tags();
        assert_eq!(a.summary(), "#extra #opening");
    }

    #[test]
    fn timestamps_round_trip_through_rfc3339() {
        for micros in [
            0,
            1,
            1_795_112_100_123_456,
            -86_400_000_001,
            951_782_400_000_000,
        ] {
            let t = Timestamp { micros };
            let s = t.to_string();
            assert_eq!(Timestamp::parse(&s), Some(t), "{s}");
        }
        let t = Timestamp::parse("2026-11-23T18:15:00Z").unwrap();
        assert_eq!(t.to_string(), "2026-11-23T18:15:00.000000Z");
        assert_eq!(t.compact(), "20261123T181500Z");
        assert_eq!(
            Timestamp::parse("2026-11-23T19:15:00.5+01:00")
                .unwrap()
                .micros,
            t.micros + 500_000
        );
        assert_eq!(Timestamp::parse("2026-13-01T00:00:00Z"), None);
        assert_eq!(Timestamp::parse("2026-11-23T18:15:00"), None, "no offset");
        assert_eq!(
            Timestamp::parse("2026-11-23T18:15:00.1234567Z")
                .unwrap()
                .micros,
            t.micros + 123_456,
            "beyond microseconds is dropped"
        );
        // Far outside the calendar: written, clamped, never a panic.
        let far = Timestamp { micros: i64::MAX };
        assert!(far.to_string().starts_with("9999-12-31T23:59:59"));
        assert!(
            Timestamp { micros: i64::MIN }
                .to_string()
                .starts_with("-9999-01-01")
        );
        assert_eq!(Timestamp::parse("yesterday"), None);
    }

    #[test]
    fn tags_come_from_hash_words_and_explicit_tags() {
        assert_eq!(
            parse_tags("#Energy policy, see #energy and #gas-prices.\nItem #3 (#EU)"),
            vec!["energy", "gas-prices", "eu"]
        );
        assert!(parse_tags("C# and a#b").is_empty());
        let doc = DocumentRef::new("a.txt", "A", "hello world");
        let mut a = Annotation::new(doc, "hello world", 0, 5, Colour::Blue, "#One").unwrap();
        a.set_explicit_tags(&["two", "#ONE", " Three "]);
        assert_eq!(a.tags, vec!["one", "two", "three"]);
    }

    #[test]
    fn ids_are_unique_and_sort_by_time() {
        let ids: Vec<String> = (0..1000).map(|_| new_id()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, ids, "unique, and in the order they were made");
        let u = uuid::Uuid::parse_str(&ids[0]).unwrap();
        assert_eq!(u.get_version_num(), 7);
    }
}
