//! Document structure from plain text: title, masthead, byline, dateline,
//! section headings, body paragraphs, photo captions printed twice, and
//! page furniture (site chrome, reader comments) that is dimmed and folded,
//! never deleted. Every rule is about the shape of the text, not about any
//! particular site.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::DocKind;

/// What one line of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineKind {
    Blank,
    /// Site name or section above the headline.
    Masthead,
    Title,
    Byline,
    /// Place, date or venue lines in the header.
    Dateline,
    Heading,
    Caption,
    /// The second copy of a caption printed twice in a row.
    DuplicateCaption,
    /// Site chrome and reader comments.
    Chrome,
    Body,
}

impl LineKind {
    /// Lines shown dimmed in the reader.
    pub fn is_dim(self) -> bool {
        matches!(
            self,
            LineKind::Masthead | LineKind::Caption | LineKind::DuplicateCaption | LineKind::Chrome
        )
    }
}

/// One line: its byte range in the text (without the line break) and kind.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineInfo {
    pub range: Range<usize>,
    pub kind: LineKind,
}

/// An entry of the outline shown in the sidebar.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutlineEntry {
    pub line: usize,
    pub kind: LineKind,
    pub text: String,
}

/// The structure of one document.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Structure {
    pub lines: Vec<LineInfo>,
    pub title: Option<usize>,
    pub kind: DocKind,
    /// Publication date where the text gives one (ISO 8601 when complete).
    pub date: Option<String>,
    /// Site or outlet named in the masthead.
    pub source: Option<String>,
    /// Runs of chrome lines (line index ranges) that the reader folds.
    pub folds: Vec<Range<usize>>,
    /// True when paragraphs are single lines with no blank line between
    /// them, so the reader adds the separation itself.
    pub paragraph_gap: bool,
    /// Title, masthead, byline, dateline and section headings, in order.
    pub outline: Vec<OutlineEntry>,
}

impl Structure {
    /// Lines only, every one body text: what the reader shows before the
    /// structure is known. One pass over the line breaks.
    pub fn plain(text: &str) -> Self {
        Structure {
            lines: split_lines(text)
                .into_iter()
                .map(|range| LineInfo {
                    kind: if text[range.clone()].trim().is_empty() {
                        LineKind::Blank
                    } else {
                        LineKind::Body
                    },
                    range,
                })
                .collect(),
            ..Structure::default()
        }
    }

    /// The title line's text.
    pub fn title_text<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.title.map(|i| text[self.lines[i].range.clone()].trim())
    }
}

/// Title, masthead, byline, dateline and section headings, in order.
fn outline(lines: &[LineInfo], text: &str) -> Vec<OutlineEntry> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            matches!(
                l.kind,
                LineKind::Masthead
                    | LineKind::Title
                    | LineKind::Byline
                    | LineKind::Dateline
                    | LineKind::Heading
            )
        })
        .map(|(i, l)| OutlineEntry {
            line: i,
            kind: l.kind,
            text: text[l.range.clone()].trim().to_string(),
        })
        .collect()
}

/// Splits `text` into lines (LF or CRLF; a last line without a break counts).
pub fn split_lines(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        let end = if nl > start && bytes[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        lines.push(start..end);
        start = nl + 1;
    }
    if start < bytes.len() || lines.is_empty() {
        lines.push(start..bytes.len());
    }
    lines
}

/// Detects the structure of `text`. Linear in its size.
pub fn detect(text: &str) -> Structure {
    let ranges = split_lines(text);
    let line = Lines {
        text,
        ranges: &ranges,
    };
    let mut kinds: Vec<LineKind> = (0..ranges.len())
        .map(|i| {
            if line.get(i).is_empty() {
                LineKind::Blank
            } else {
                LineKind::Body
            }
        })
        .collect();

    mark_chrome(&mut kinds, &line);
    mark_captions(&mut kinds, &line);
    let (title, source) = mark_header(&mut kinds, &line);
    mark_headings(&mut kinds, &line);

    let folds = chrome_runs(&kinds);
    let non_blank: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] != LineKind::Blank)
        .collect();
    let blank = kinds.len() - non_blank.len();
    // Hard-wrapped text has no line much over 80 columns; one paragraph a
    // line has many.
    let long = non_blank
        .iter()
        .filter(|&&i| line.get(i).len() > 100)
        .count();
    let paragraph_gap = blank * 4 < non_blank.len() && long * 3 >= non_blank.len();
    let kind = classify(&kinds, &line);
    let date = find_date(text);

    let lines: Vec<LineInfo> = ranges
        .into_iter()
        .zip(kinds)
        .map(|(range, kind)| LineInfo { range, kind })
        .collect();
    Structure {
        outline: outline(&lines, text),
        lines,
        title,
        kind,
        date,
        source,
        folds,
        paragraph_gap,
    }
}

/// The trimmed text of each line.
struct Lines<'t> {
    text: &'t str,
    ranges: &'t [Range<usize>],
}

impl<'t> Lines<'t> {
    fn get(&self, i: usize) -> &'t str {
        self.text[self.ranges[i].clone()].trim_matches(trim_chars)
    }
}

fn trim_chars(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether `s` has at least `n` words: counts no further than `n`, so a
/// long paragraph costs no more than a short one.
fn words_at_least(s: &str, n: usize) -> bool {
    s.split_whitespace().take(n).count() >= n
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’', '\''])
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid built-in pattern"))
}

/// Lines that start the comment section of a web page: everything after
/// them is reader comments and forms.
fn starts_comments(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^(do you like this (article|story|post)\??|\d+\s+comments?(\(s\))?|comments?( \(\d+\))?|comment policy(?-u:\b).*|leave a (comment|reply)(?-u:\b).*|post a comment|add (a )?comment|join the (conversation|discussion)|show comments|reader comments|what do you think\?)$",
    )
    .is_match(s)
}

/// Single lines of site chrome.
fn is_chrome_line(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^(accessibility links|breaking news|skip to (main )?content|skip to navigation|jump to (main )?content|advertisement|advertising|sponsored( content)?|share( this( article| story| page)?)?( on (facebook|twitter|x|linkedin|whatsapp|email))?|print( this( article| page)?)?|e-?mail( this( article)?)?|copy link|read more|related( (articles|stories|content|coverage|topics))?|more (stories|from .{1,40})|recommended( for you)?|subscribe( now| to .{1,40})?|sign up( for .{1,60})?|follow us( on .{1,40})?|back to top|reply|report( abuse)?|menu|log ?in|sign in|cookie (policy|settings)|accept (all )?cookies|listen to (this )?article|image( source| caption)?(,.{1,60})?|media caption.{0,80}|getty images)$",
    )
    .is_match(s)
}

/// A site's copyright footer ("© 2024 Daily Courier", "Copyright 2024
/// … All rights reserved."). Furniture only below the last paragraph of
/// prose: a licence's or a book's copyright line at the top is its text.
fn is_copyright_footer(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^(all rights reserved\.?|(©|\(c\))\s*.{1,80}|copyright\s*(©|\(c\))?\s*\d{4}\b.{0,80})$",
    )
    .is_match(s)
}

/// Whether line `i` stands on its own: no line of the same paragraph runs
/// into it from above (the previous line is blank, or ends a sentence, or
/// is furniture itself), and it does not run on into the next.
fn stands_alone(kinds: &[LineKind], line: &Lines<'_>, i: usize) -> bool {
    let s = line.get(i);
    if s.ends_with([',', ';', '-', '–']) {
        return false;
    }
    // A line in lower case under an unfinished one goes on its sentence; a
    // capitalised "Share" under a headline is furniture.
    let starts_lower = s.chars().next().is_some_and(char::is_lowercase);
    let before = !starts_lower
        || i.checked_sub(1)
            .is_none_or(|p| kinds[p] != LineKind::Body || ends_sentence(line.get(p)));
    let after = kinds.get(i + 1).is_none_or(|k| *k != LineKind::Body)
        || !line
            .get(i + 1)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
    before && after
}

fn mark_chrome(kinds: &mut [LineKind], line: &Lines<'_>) {
    // The last line of prose: copyright footers only come below it.
    let last_prose = (0..kinds.len())
        .rev()
        .find(|&i| kinds[i] == LineKind::Body && words_at_least(line.get(i), 12));
    let mut in_comments = false;
    for i in 0..kinds.len() {
        if kinds[i] == LineKind::Blank {
            continue;
        }
        let s = line.get(i);
        // Chrome lines are short; long lines are prose and skip the regexes.
        let short = s.len() <= 100;
        if !in_comments && short && starts_comments(s) && stands_alone(kinds, line, i) {
            in_comments = true;
        }
        let footer = last_prose.is_none_or(|p| i > p) && is_copyright_footer(s);
        if in_comments || (short && (is_chrome_line(s) || footer) && stands_alone(kinds, line, i)) {
            kinds[i] = LineKind::Chrome;
        }
    }
}

/// A caption printed twice in a row is shown once; lines that end with a
/// photo credit in brackets are captions too.
fn mark_captions(kinds: &mut [LineKind], line: &Lines<'_>) {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let credit = regex(
        &CREDIT,
        r"(?i)(\[[^\[\]]{2,80}\]|\((photo|file photo|image|credit)[^()]{0,80}\)|(photo|image|credit): [^.]{2,60})$",
    );
    let body: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] == LineKind::Body)
        .collect();
    for pair in body.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if kinds[a] == LineKind::Body
            && line.get(a) == line.get(b)
            && words_at_least(line.get(a), 3)
        {
            kinds[a] = LineKind::Caption;
            kinds[b] = LineKind::DuplicateCaption;
        }
    }
    for (i, kind) in kinds.iter_mut().enumerate() {
        if *kind == LineKind::Body && words_at_least(line.get(i), 5) && credit.is_match(line.get(i))
        {
            *kind = LineKind::Caption;
        }
    }
}

/// A headline-shaped line: a few words, not ending like a sentence.
fn headline_like(s: &str) -> bool {
    let n = words(s);
    (3..=25).contains(&n)
        && s.len() <= 250
        && !s.ends_with(['.', ',', ';', ':'])
        && !is_date_or_version(s)
        && !is_url(s)
}

/// A line with a letter or digit in it: rules ("====="), comment marks
/// ("/*") and ornaments are never a title, masthead or dateline.
fn has_alnum(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// A web or mail address on a line of its own.
fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:")
}

/// A version or date line ("Version 2.0, January 2004", "Rev. 3",
/// "29 June 2007"): part of a header, never its title.
fn is_date_or_version(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let version = regex(&RE, r"(?i)^(version|release|revision|rev\.?|v)\s*\d");
    version.is_match(s) || (words(s) <= 6 && find_date(s).is_some())
}

/// Mostly capitals and several words: a heading in capitals, not a place.
fn is_caps_heading(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    words(s) >= 4 && !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// The word the outline shows before a header line of kind `kind`.
pub fn outline_label(kind: LineKind, text: &str) -> &'static str {
    match kind {
        LineKind::Title => "Title",
        LineKind::Masthead => "Site",
        LineKind::Byline => "Byline",
        LineKind::Dateline if is_date_or_version(text) => {
            if find_date(text).is_some() && !text.to_lowercase().starts_with('v') {
                "Date"
            } else {
                "Ver."
            }
        }
        LineKind::Dateline => "Place",
        _ => "§",
    }
}

/// Marks masthead, title, byline and datelines at the top. Returns the
/// title line and the source named by the masthead.
fn mark_header(kinds: &mut [LineKind], line: &Lines<'_>) -> (Option<usize>, Option<String>) {
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    let byline = regex(
        &BYLINE,
        r"^(?i:by|written by|reporting by|words by)\s+\p{Lu}[^.!?]{0,150}$",
    );
    let first_body: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] == LineKind::Body && has_alnum(line.get(i)))
        .take(12)
        .collect();
    let Some(&first) = first_body.first() else {
        return (None, None);
    };
    // Masthead: one- to three-word lines above a headline-shaped line.
    let mut source = None;
    let short = |i: usize| words(line.get(i)) <= 3 && !ends_sentence(line.get(i));
    let mut title_at = first_body.iter().take_while(|&&i| short(i)).count();
    if title_at == first_body.len() || !headline_like(line.get(first_body[title_at])) {
        title_at = 0;
    }
    for &i in &first_body[..title_at] {
        kinds[i] = LineKind::Masthead;
        source.get_or_insert_with(|| line.get(i).to_string());
    }
    let candidate = first_body.get(title_at).copied().unwrap_or(first);
    let title_ok = words(line.get(candidate)) <= 25
        && line.get(candidate).len() <= 250
        && !is_url(line.get(candidate));
    let title = title_ok.then_some(candidate);
    if let Some(t) = title {
        kinds[t] = LineKind::Title;
    }
    // Header lines after the title, up to the first paragraph of prose.
    let start = title.map_or(first, |t| t + 1);
    for i in start..kinds.len().min(start + 12) {
        let s = line.get(i);
        match kinds[i] {
            LineKind::Blank | LineKind::Caption | LineKind::DuplicateCaption => continue,
            LineKind::Body => {}
            _ => break,
        }
        // Rules and addresses between header lines are neither.
        if !has_alnum(s) || is_url(s) {
            continue;
        }
        if is_caps_heading(s) {
            break;
        }
        if byline.is_match(s) && words(s) <= 16 {
            kinds[i] = LineKind::Byline;
        } else if words(s) <= 8 && !ends_sentence(s) && s.len() <= 80 {
            kinds[i] = LineKind::Dateline;
        } else {
            break;
        }
    }
    (title, source)
}

/// Section headings: short lines standing alone between paragraphs.
fn mark_headings(kinds: &mut [LineKind], line: &Lines<'_>) {
    let n = kinds.len();
    for i in 1..n.saturating_sub(1) {
        if kinds[i] != LineKind::Body
            || kinds[i - 1] != LineKind::Blank
            || kinds[i + 1] != LineKind::Blank
        {
            continue;
        }
        let s = line.get(i);
        let starts_upper = s.chars().next().is_some_and(char::is_uppercase);
        // At most ten words: counted no further than eleven.
        let few_words = (1..=10).contains(&s.split_whitespace().take(11).count());
        if !starts_upper || is_url(s) || !few_words || ends_sentence(s) {
            continue;
        }
        // Looked for only here: a run of blank lines is crossed once.
        let followed_by_prose = (i + 1..n)
            .find(|&j| kinds[j] != LineKind::Blank)
            .is_some_and(|j| kinds[j] == LineKind::Body && words_at_least(line.get(j), 13));
        if followed_by_prose {
            kinds[i] = LineKind::Heading;
        }
    }
}

fn chrome_runs(kinds: &[LineKind]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        if *k != LineKind::Chrome {
            continue;
        }
        match runs.last_mut() {
            // Blank lines between chrome lines join the run.
            Some(r) if kinds[r.end..i].iter().all(|k| *k == LineKind::Blank) => r.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// Article or plain text; whether it is a transcript is for the speakers
/// analysis to say.
fn classify(kinds: &[LineKind], line: &Lines<'_>) -> DocKind {
    let prose = (0..kinds.len())
        .filter(|&i| kinds[i] == LineKind::Body && words_at_least(line.get(i), 15))
        .count();
    if prose >= 3 || kinds.contains(&LineKind::Byline) {
        DocKind::Article
    } else {
        DocKind::Plain
    }
}

/// The first complete calendar date near the top of the text, as ISO 8601.
pub fn find_date(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?x)
        (?-u:\b)(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})(?-u:\b)
        | (?-u:\b)(?P<day2>\d{1,2})\s+(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<year2>(?:19|20)\d{2})(?-u:\b)
        | (?-u:\b)(?P<iy>(?:19|20)\d{2})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?-u:\b)",
    );
    let mut end = text.len().min(6000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Find with the fast engine first; capture groups only on the match.
    let m = re.find(&text[..end])?;
    let c = re.captures(m.as_str())?;
    if let Some(y) = c.name("iy") {
        return Some(format!("{}-{}-{}", y.as_str(), &c["im"], &c["id"]));
    }
    let (mon, day, year) = match c.name("mon") {
        Some(m) => (m.as_str(), &c["day"], &c["year"]),
        None => (&c["mon2"], &c["day2"], &c["year2"]),
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|x| *x == mon)? + 1;
    let d: u32 = day.parse().ok()?;
    (1..=31)
        .contains(&d)
        .then(|| format!("{year}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(text: &str) -> Vec<(LineKind, String)> {
        let s = detect(text);
        s.lines
            .iter()
            .map(|l| (l.kind, text[l.range.clone()].to_string()))
            .filter(|(k, _)| *k != LineKind::Blank)
            .collect()
    }

    const ARTICLE: &str = "Daily Courier\nPolitics\n\nMinister pledges new bridge for the river city\n\nBy Ana Lima and Reuters\n\nThe mayor and the minister open the old bridge on Monday. [Jo Park/Reuters]\n\nThe mayor and the minister open the old bridge on Monday. [Jo Park/Reuters]\n\nPORTO ALEGRE -- The minister promised on Monday, March 4, 2024, a new bridge that will carry trains and cars across the river by the end of the decade.\n\nA new era\n\nThe mayor welcomed the plan and said the city had waited for it for more than twenty years, since the old bridge closed.\n\nDo you like this article?\n\n3 Comment(s)\n\nGreat news for the city!\n\nReply\n";

    #[test]
    fn article_header_is_recognised() {
        let k = kinds_of(ARTICLE);
        assert_eq!(k[0], (LineKind::Masthead, "Daily Courier".into()));
        assert_eq!(k[1], (LineKind::Masthead, "Politics".into()));
        assert_eq!(k[2].0, LineKind::Title);
        assert_eq!(k[3], (LineKind::Byline, "By Ana Lima and Reuters".into()));
        assert_eq!(k[4].0, LineKind::Caption);
        assert_eq!(k[5].0, LineKind::DuplicateCaption);
        assert_eq!(k[6].0, LineKind::Body);
        assert_eq!(k[7], (LineKind::Heading, "A new era".into()));
        let s = detect(ARTICLE);
        assert_eq!(s.source.as_deref(), Some("Daily Courier"));
        assert_eq!(s.date.as_deref(), Some("2024-03-04"));
        assert_eq!(s.kind, DocKind::Article);
    }

    #[test]
    fn comment_section_is_chrome_and_folds_as_one_run() {
        let s = detect(ARTICLE);
        let tail: Vec<_> = kinds_of(ARTICLE).into_iter().skip(9).collect();
        assert!(tail.iter().all(|(k, _)| *k == LineKind::Chrome), "{tail:?}");
        assert_eq!(s.folds.len(), 1);
        assert_eq!(s.folds[0].end, s.lines.len());
    }

    #[test]
    fn site_chrome_lines_are_dimmed_not_removed() {
        let text = "Accessibility links\n\nBreaking News\n\nCouncil votes to close the coal plant early\n\nThe council voted on Tuesday to close the plant two years early, after a long and heated debate.\n";
        let k = kinds_of(text);
        assert_eq!(k[0].0, LineKind::Chrome);
        assert_eq!(k[1].0, LineKind::Chrome);
        assert_eq!(k[2].0, LineKind::Title);
        assert_eq!(detect(text).folds, vec![0..3]);
    }

    fn outline_of(text: &str) -> Vec<String> {
        detect(text)
            .outline
            .iter()
            .map(|e| format!("{} {}", outline_label(e.kind, &e.text), e.text))
            .collect()
    }

    #[test]
    fn licences_and_plain_files_get_no_misfired_titles_or_places() {
        // A licence: name, version line, address, a heading in capitals.
        let licence = "                         Example Software Licence\n                       Version 2.1, March 2019\n                    https://licences.example.org/\n\n   TERMS AND CONDITIONS FOR COPYING, CHANGING AND SHARING\n\n   1. Definitions.\n\n      \"Licence\" means the terms and conditions for copying, changing and sharing set out in this document.\n";
        let s = detect(licence);
        assert_eq!(s.title_text(licence), Some("Example Software Licence"));
        let outline = outline_of(licence);
        assert_eq!(
            outline,
            [
                "Title Example Software Licence",
                "Ver. Version 2.1, March 2019"
            ],
            "no address or capitals heading is a place"
        );
        // A title in capitals with its version and date below.
        let gpl_like = "                    EXAMPLE PUBLIC LICENCE\n                       Version 3, 29 June 2007\n\n Everyone may copy this licence word for word, but changing it is not allowed.\n";
        assert_eq!(
            outline_of(gpl_like),
            [
                "Title EXAMPLE PUBLIC LICENCE",
                "Ver. Version 3, 29 June 2007"
            ]
        );
        // An underlined heading: the rule is neither site nor title.
        let readme = "Tide tables\n===========\n\nThese tables give the times of high and low water for the harbour, computed for every day of the year.\n";
        assert_eq!(detect(readme).title_text(readme), Some("Tide tables"));
        assert!(
            outline_of(readme).iter().all(|e| !e.contains("====")),
            "{:?}",
            outline_of(readme)
        );
        // A source file's comment mark is not a title.
        let code = "/*\n * Ring buffer for the audio path.\n */\n#include <stdint.h>\n";
        assert_ne!(detect(code).title_text(code), Some("/*"));
        // A date line under a headline is labelled as a date.
        let news = "Council votes to close the coal plant early\nMarch 4, 2024\n\nThe council voted on Tuesday to close the plant two years early, after a long and heated debate.\n";
        assert_eq!(outline_of(news)[1], "Date March 4, 2024");
    }

    #[test]
    fn only_text_that_is_surely_furniture_folds() {
        // A wrapped sentence whose line happens to start with "copyright"
        // or "share" is text.
        let licence = "   2. Grant of Licence. Subject to the terms of this Licence, each\n      author grants you a perpetual, worldwide, no-charge, irrevocable\n      copyright licence to copy, adapt and publish the Work, and to\n      share the Work with others.\n";
        assert!(
            kinds_of(licence)
                .iter()
                .all(|(k, _)| *k != LineKind::Chrome),
            "{:?}",
            kinds_of(licence)
        );
        assert!(detect(licence).folds.is_empty());
        // A copyright line at the top of a licence, above its text, is text.
        let top = "EXAMPLE PUBLIC LICENCE\nVersion 1, 2 March 2020\n\nCopyright (C) 2020 The Example Foundation, Inc.\nEveryone may copy this licence word for word, but changing it is not allowed.\n\nThis licence sets out the terms under which the software may be copied, changed and shared by anyone who receives it.\n";
        assert!(
            kinds_of(top).iter().all(|(k, _)| *k != LineKind::Chrome),
            "{:?}",
            kinds_of(top)
        );
        // Furniture right under a headline (no full stop above it) folds.
        let under = "Council votes to close the coal plant early\nShare\nAdvertisement\n\nThe council voted on Tuesday to close the plant two years early, after a long and heated debate.\n";
        let k = kinds_of(under);
        assert_eq!(k[1].0, LineKind::Chrome, "{k:?}");
        assert_eq!(k[2].0, LineKind::Chrome, "{k:?}");
        // A site's footer below the article still folds.
        let page = "Council votes to close the coal plant early\n\nThe council voted on Tuesday to close the plant two years early, after a long and heated debate.\n\nShare\n\n© 2024 Daily Courier. All rights reserved.\n";
        let k = kinds_of(page);
        assert_eq!(k[2].0, LineKind::Chrome, "{k:?}");
        assert_eq!(k[3].0, LineKind::Chrome, "{k:?}");
    }

    #[test]
    fn transcript_with_header_and_unseparated_paragraphs() {
        let text = "Jane Roe, Minister of Health\nLisbon, Portugal\nPress Room\nMODERATOR: Good morning. We start with a statement from the minister, and then we will take your questions in turn.\nMINISTER ROE: Thank you. Today we publish the national plan, and I want to explain what it changes for hospitals across the country.\nQUESTION: Minister, when will the plan reach the regions, and who pays for the new staff that it promises?\nMINISTER ROE: The regions receive it this week, and the budget pays for the staff through the next three years.\n";
        let s = detect(text);
        let doc = crate::corpus::Document::new("t.txt", text.to_string());
        assert_eq!(doc.meta.kind, DocKind::Transcript);
        assert_eq!(s.title_text(text), Some("Jane Roe, Minister of Health"));
        assert_eq!(s.lines[1].kind, LineKind::Dateline);
        assert_eq!(s.lines[2].kind, LineKind::Dateline);
        assert_eq!(s.lines[3].kind, LineKind::Body);
        assert!(s.paragraph_gap);
    }

    #[test]
    fn prose_with_a_colon_is_not_a_transcript() {
        let text = "Notes from the field\n\nNote: this is a draft and the figures may change before the final report is out.\n\nThe survey covered twelve villages over three months and found water in every second well, though most were shallow.\n\nFarmers said the rains came late again this year and the harvest was smaller than in the year before it.\n\nThe team will return in spring to measure the wells again and compare the results with this season's data.\n";
        assert_eq!(detect(text).kind, DocKind::Article);
    }

    #[test]
    fn crlf_lines_and_missing_final_newline() {
        let lines = split_lines("a\r\nb\n\nc");
        assert_eq!(lines, vec![0..1, 3..4, 5..5, 6..7]);
        assert_eq!(split_lines(""), vec![0..0]);
    }

    #[test]
    fn dates_in_common_forms() {
        assert_eq!(
            find_date("Seoul, Feb. 28, 2023 —").as_deref(),
            Some("2023-02-28")
        );
        assert_eq!(
            find_date("on 5 July 2021 the").as_deref(),
            Some("2021-07-05")
        );
        assert_eq!(
            find_date("posted 2019-11-02").as_deref(),
            Some("2019-11-02")
        );
        assert_eq!(find_date("in May 2020 and on March 3"), None);
    }
}
