//! MONEY, PERCENT and DATE expressions, and bare web domains cited as
//! sources (ORG), found with regular expressions.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::{Input, meta};

use super::EntityKind;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const SAFE_MONTH: &str =
    r"(?:January|February|April|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const YEAR: &str = r"(?:1[5-9]\d\d|20\d\d)";
const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
const SCALE: &str = r"(?:thousand|million|billion|trillion|crore|lakh|bn|mn|tn|m|k)";
const ISO_CURRENCY: &str = r"(?:USD|EUR|GBP|JPY|CNY|RUB|KZT|INR|CHF|UZS|UAH|TRY|BRL|ZAR|NGN)";
const CURRENCY_WORD: &str = r"(?:(?:U\.S\.|US|American|Canadian|Australian|Hong Kong|New Zealand|Singapore) )?(?:dollars?|euros?|pounds?(?: sterling)?|yen|yuan|renminbi|rubles?|roubles?|tenge|soms?|sums?|rupees?|francs?|lira|liras|won|dirhams?|riyals?|rials?|manats?|hryvnias?|zlotys?|pesos?|reais|rand|naira|shillings?|dinars?|somoni|lari|drams?|leu|lei|krona|kronor|krone|kroner)";
const NUMBER_WORD: &str =
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|several|hundreds of|dozens of)";

/// One pattern compiled twice (the second time only when needed; the
/// unit tests compile both). `exact` is the pattern as written, with
/// Unicode word boundaries (`\b`); the regex crate's DFA cannot run those
/// past a non-ASCII byte and falls back to its NFA, about a hundred times
/// slower, on any text with a curly quote or a dash. `fast` has ASCII word
/// boundaries (`(?-u:\b)`), which the DFA runs on any text. The two give
/// the same matches wherever no non-ASCII word character (`é`, `г`) is
/// present, which [`pieces`] checks.
///
/// Both are the regex crate's own engine (`regex_automata::meta`, built as
/// `regex::Regex::new` builds it), used directly to search a window of a
/// text while `\b`, `^` and `$` still see the text around the window.
struct Pattern {
    fast: meta::Regex,
    /// The source of `exact`, compiled on first use (most texts never
    /// need it).
    src: String,
    exact: OnceLock<meta::Regex>,
    /// Where in a piece of text the pattern can match, if that is cheaper
    /// to find than the matches: windows that hold every match whole
    /// (sorted, disjoint). `None`: the piece is searched whole.
    windows: Option<Windows>,
}

/// The windows of a text that hold every match of a pattern whole.
type Windows = fn(&str) -> Vec<Range<usize>>;

/// Compiles `src` as `regex::Regex::new` does.
fn compile(src: &str) -> meta::Regex {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(10 * (1 << 20)))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .build(src)
        .unwrap_or_else(|e| panic!("regex {src}: {e}"))
}

impl Pattern {
    fn new(src: &str) -> Self {
        let ascii = src.replace(r"\b", r"(?-u:\b)");
        Pattern {
            fast: compile(&ascii),
            src: src.to_string(),
            exact: OnceLock::new(),
            windows: None,
        }
    }

    fn with_windows(self, windows: Windows) -> Self {
        Pattern {
            windows: Some(windows),
            ..self
        }
    }

    fn exact(&self) -> &meta::Regex {
        self.exact.get_or_init(|| compile(&self.src))
    }
}

struct Patterns {
    money: Pattern,
    percent: Pattern,
    date: Pattern,
    domain: Pattern,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let money = format!(
            r"(?:(?:US|U\.S\.|A|C|NZ|HK|S)?[$£€¥₽₸]\s?(?:{NUM})(?:\s?{SCALE}\b)?|\b(?:{NUM}|{NUMBER_WORD})(?:[ -](?:{SCALE}))? {CURRENCY_WORD}\b|\b{ISO_CURRENCY} ?(?:{NUM})(?:\s?{SCALE}\b)?|\b(?:{NUM})(?: {SCALE})? {ISO_CURRENCY}\b)"
        );
        let percent = format!(r"\b(?:{NUM})(?:\s?%|[ -](?:percent|per cent)\b)");
        let rel_unit = format!(
            r"(?:week|month|year|quarter|decade|weekend|spring|summer|autumn|fall|winter|century|{MONTH}|{WEEKDAY})"
        );
        let day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
        let ordinal = r"(?:first|second|third|fourth|final|last)";
        let count = r"(?:two|three|four|five|six|nine|\d+)";
        let period_of = format!(r"(?: of (?:{YEAR}|last year|this year|the year))?");
        let core = [
            // Feb. 28, 2023 · February 28 · 28 February 2023 · December of 1991
            format!(r"{MONTH} {day}(?:,? {YEAR})?\b"),
            // Newswire: Oct 17, Sept 3 (no period), 1996-08-22
            r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) (?:[12]\d|3[01]|0?[1-9])\b".to_string(),
            format!(r"\b{YEAR}-(?:0[1-9]|1[0-2])-(?:[0-2]\d|3[01])\b"),
            format!(r"\b{day} {MONTH}(?:,? {YEAR})?\b"),
            format!(r"{MONTH},? (?:of )?{YEAR}\b"),
            format!(r"{MONTH} (?:last|this|next) year\b"),
            // last March, late last year, this week, mid-2021
            format!(
                r"\b(?i:(?:early|late|mid)[- ])?(?i:last|this|next|past) {rel_unit}\b"
            ),
            format!(r"\b(?i:early|late|mid)[- ](?:{MONTH}|{YEAR})\b"),
            r"\b(?i:a|one|two|three|four|five|\d+) (?:day|week|month|year|decade)s? (?:ago|earlier|later)\b".to_string(),
            r"\b(?i:a |the )?(?:day|week|month|year) (?:earlier|later|before)\b".to_string(),
            // the previous year, the first three quarters of 2022, the end of February
            format!(
                r"\b(?i:the) (?:{ordinal}|previous|preceding|following|same|corresponding|full)(?: {count})? (?:quarters?|months?|period|year|weeks?){period_of}\b|\b(?i:the) {ordinal} half of {YEAR}\b"
            ),
            format!(
                r"\b(?i:the) (?:end|start|beginning|middle|turn) of (?:the )?(?:{MONTH}|{YEAR}|(?:last|this|next) (?:year|month|week)|(?:year|month|week|decade)\b)\b"
            ),
            r"\b(?i:the) (?:(?:19|20)?\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b".to_string(),
            format!(r"\b{WEEKDAY}\b"),
            format!(r"\b{SAFE_MONTH}\b"),
            format!(
                r"\b(?i:in|since|until|by|from|of|last|next|this|early|late|mid) (?:March|May)(?: (?:last|this|next) year|,? {YEAR})?\b"
            ),
            format!(r"\b(?:{YEAR})s?\b"),
        ];
        let date = format!("(?:{})", core.join("|"));
        let domain = format!(
            r"(?:^|[\s(“])([a-z][a-z0-9-]{{1,30}}\.(?:{}))\b(?:[^/@.\w]|\.(?:\s|$)|$)",
            TLDS.join("|")
        );
        Patterns {
            money: Pattern::new(&money),
            percent: Pattern::new(&percent).with_windows(percent_windows),
            date: Pattern::new(&date),
            domain: Pattern::new(&domain).with_windows(domain_windows),
        }
    })
}

/// The top-level domains of a web domain cited as a source.
const TLDS: &[&str] = &[
    "kz", "ru", "uz", "kg", "tj", "tm", "ua", "by", "am", "az", "ge", "com", "org", "net", "info",
    "news", "io",
];

/// Windows holding every PERCENT match of `text` whole. A match is a
/// number (digits, `,`, `.`), at most one character, then `%`, `percent`
/// or `per cent`, where it ends: each such word's window runs from there
/// back over one character and the number before it.
fn percent_windows(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut add = |a: usize, end: usize| {
        let mut s = a;
        if let Some(c) = text[..s].chars().next_back() {
            s -= c.len_utf8();
        }
        // `char::is_numeric` holds for every `\d` (and a little more).
        while let Some(c) = text[..s].chars().next_back()
            && (c.is_numeric() || c == ',' || c == '.')
        {
            s -= c.len_utf8();
        }
        out.push(s..end);
    };
    for a in memchr::memchr_iter(b'%', b) {
        add(a, a + 1);
    }
    for a in memchr::memmem::find_iter(b, "per") {
        let rest = &b[a + 3..];
        if rest.starts_with(b"cent") {
            add(a, a + 7);
        } else if rest.starts_with(b" cent") {
            add(a, a + 8);
        }
    }
    crate::text::union_ranges(out)
}

/// Windows holding every web-domain match of `text` whole. A match has a
/// `.` followed by one of [`TLDS`]; before it at most 34 bytes (a
/// character before the name, the name's 31 ASCII letters), after it at
/// most 9 (the domain's 4 letters, `.` and a character of up to 4 bytes).
fn domain_windows(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for a in memchr::memchr_iter(b'.', b) {
        let rest = &b[a + 1..];
        if TLDS.iter().any(|t| rest.starts_with(t.as_bytes())) {
            let mut s = a.saturating_sub(34);
            while !text.is_char_boundary(s) {
                s -= 1;
            }
            let mut e = (a + 10).min(b.len());
            while !text.is_char_boundary(e) {
                e += 1;
            }
            out.push(s..e);
        }
    }
    crate::text::union_ranges(out)
}

/// Prepositions and determiners that a relative date phrase may pick up at
/// its left edge but that are not part of the span.
const DATE_LEAD: &[&str] = &["in ", "since ", "until ", "by ", "from ", "of "];

/// Finds MONEY, PERCENT, DATE and web-domain ORG spans; sorted by start,
/// non-overlapping (money before percent before date).
pub(crate) fn find(text: &str) -> Vec<(Range<usize>, EntityKind)> {
    let p = patterns();
    let pieces = pieces(text);
    // Accepted spans by start; earlier kinds win overlaps.
    let mut taken: BTreeMap<usize, (usize, EntityKind)> = BTreeMap::new();
    let mut add = |r: Range<usize>, kind: EntityKind| {
        let before = taken.range(..r.end).next_back();
        if before.is_none_or(|(_, (end, _))| *end <= r.start) {
            taken.insert(r.start, (r.end, kind));
        }
    };
    for r in find_spans(&p.money, text, &pieces, 0) {
        add(r, EntityKind::Money);
    }
    for r in find_spans(&p.percent, text, &pieces, 0) {
        add(r, EntityKind::Percent);
    }
    let bytes = text.as_bytes();
    for mut r in find_spans(&p.date, text, &pieces, 0) {
        for lead in DATE_LEAD {
            if text[r.clone()]
                .get(..lead.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(lead))
            {
                r.start += lead.len();
                break;
            }
        }
        // A bare year must not be part of a larger number or an amount.
        let s = &text[r.clone()];
        if s.len() <= 5 && s.as_bytes()[0].is_ascii_digit() {
            let before = r.start.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(r.end).copied();
            let after2 = bytes.get(r.end + 1).copied();
            if matches!(before, Some(b'$' | b'.' | b',' | b'-' | b'/' | b'#'))
                || matches!(after, Some(b'%' | b'/'))
                || (after == Some(b',') || after == Some(b'.'))
                    && after2.is_some_and(|b| b.is_ascii_digit())
                || text[r.end..].starts_with(" percent")
                || text[r.end..].starts_with(" /")
                || text[..r.start].ends_with("/ ")
            {
                continue;
            }
        }
        add(r, EntityKind::Date);
    }
    for r in find_spans(&p.domain, text, &pieces, 1) {
        add(r, EntityKind::Org);
    }
    taken
        .into_iter()
        .map(|(start, (end, kind))| (start..end, kind))
        .collect()
}

/// A piece of the text searched on its own, and whether it is free of
/// non-ASCII word characters (then searched with [`Pattern::fast`]).
type Piece = (Range<usize>, bool);

/// The pieces `text` is searched in: the whole text when it has no
/// non-ASCII word character, else its pieces between blank lines (no match
/// of these patterns spans two consecutive newlines, and a piece's ends
/// look to `\b`, `^` and `$` as the newlines around them do), each marked
/// with whether it has none. Read once for all four patterns.
fn pieces(text: &str) -> Vec<Piece> {
    if !has_non_ascii_word(text) {
        return vec![(0..text.len(), true)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
        out.push((start..end, !has_non_ascii_word(&text[start..end])));
        start = end + 2;
    }
    out
}

/// Does `s` hold a word character outside ASCII (`é`, `г`), where `\b`
/// and `(?-u:\b)` differ? `\w` as the regex crate reads it; only the
/// non-ASCII characters are looked at (a curly quote or a dash is not one).
fn has_non_ascii_word(s: &str) -> bool {
    let mut rest = s;
    while let Some(k) = first_non_ascii(rest.as_bytes()) {
        rest = &rest[k..];
        let c = rest.chars().next().expect("a non-ASCII byte starts a char");
        if regex_syntax::is_word_character(c) {
            return true;
        }
        rest = &rest[c.len_utf8()..];
    }
    false
}

/// The offset of the first non-ASCII byte of `b`, skipping ASCII 32 bytes
/// at a time.
fn first_non_ascii(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 32) {
        if !chunk.is_ascii() {
            break;
        }
        i += 32;
    }
    b[i..].iter().position(|c| !c.is_ascii()).map(|k| i + k)
}

/// The byte ranges of the leftmost-first matches of `pat` in `text` (of
/// capture group `group`; 0 is the whole match), as `pat.exact` finds them:
/// each of the [`pieces`] is searched with `pat.fast` where that gives the
/// same matches, else with `pat.exact`.
fn find_spans(pat: &Pattern, text: &str, pieces: &[Piece], group: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (r, clean) in pieces {
        let re = if *clean { &pat.fast } else { pat.exact() };
        let piece = &text[r.clone()];
        let offset = r.start;
        // Every match lies whole in one window, so the matches found
        // window by window are those of the whole piece.
        let windows = match pat.windows {
            Some(windows) => windows(piece),
            None => std::iter::once(0..piece.len()).collect(),
        };
        for w in windows {
            let input = Input::new(piece).span(w);
            if group == 0 {
                out.extend(
                    re.find_iter(input)
                        .map(|m| m.start() + offset..m.end() + offset),
                );
            } else {
                for c in re.captures_iter(input) {
                    if let Some(m) = c.get_group(group) {
                        out.push(m.start + offset..m.end + offset);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn spans(text: &str) -> Vec<(&str, EntityKind)> {
        find(text).into_iter().map(|(r, k)| (&text[r], k)).collect()
    }

    #[test]
    fn money_forms() {
        use EntityKind::Money;
        assert_eq!(
            spans("Exports of 4 billion euros and more than $12.5 million, £300m, 7 million Swiss"),
            [
                ("4 billion euros", Money),
                ("$12.5 million", Money),
                ("£300m", Money)
            ]
        );
        assert_eq!(
            spans("EUR 3bn, 40 million USD and 500 crore rupees"),
            [
                ("EUR 3bn", Money),
                ("40 million USD", Money),
                ("500 crore rupees", Money)
            ]
        );
        assert_eq!(
            spans("worth 15 billion U.S. dollars"),
            [("15 billion U.S. dollars", Money)]
        );
    }

    #[test]
    fn percent_forms() {
        use EntityKind::Percent;
        assert_eq!(
            spans("up 12.4 percent, or nearly 40%, not 3 per cent"),
            [
                ("12.4 percent", Percent),
                ("40%", Percent),
                ("3 per cent", Percent)
            ]
        );
    }

    fn d(t: &str) -> Vec<&str> {
        spans(t).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn date_forms() {
        assert_eq!(
            d("on Jan. 5, 2019 and on Thursday"),
            ["Jan. 5, 2019", "Thursday"]
        );
        assert_eq!(
            d("since November of 1989, in last April"),
            ["November of 1989", "last April"]
        );
        assert_eq!(
            d("Next month and late last year"),
            ["Next month", "late last year"]
        );
        assert_eq!(
            d("in the first two quarters of 2019"),
            ["the first two quarters of 2019"]
        );
        assert_eq!(d("higher than the previous year"), ["the previous year"]);
        assert_eq!(
            d("by the end of June, two years ago"),
            ["the end of June", "two years ago"]
        );
        assert_eq!(d("in 1987 but not 1,987 or 2019/20"), ["1987"]);
        assert_eq!(d("May I ask? Since May we wait"), ["May"]);
        assert_eq!(d("October 3 in the sixties"), ["October 3", "the sixties"]);
    }

    #[test]
    fn ascii_boundaries_only_where_they_agree() {
        // `2019г.`: no word boundary after the year for Unicode `\b`.
        assert_eq!(d("в 2019г. и 2020 году, “talks” — 2021"), ["2020", "2021"]);
        let texts = [
            "Jan. 5, 2019 — “$25 million” — 37.2 percent\n\nlate Jan.é and 12 éuros",
            "Résumé: 2019г, €5m in 2020s\n\n\nsee kun.uz\n\nkun.uz.\n\n(gazeta.uz) 40%",
            "the end of Jan.ö, last Jan.\n\nЖ2019 2018Ж 2017 café 4 billion euros",
            "no blank lines: São Paulo 2019, $3bn, 5 per cent, kun.uz and mid-2021",
        ];
        let p = patterns();
        for text in texts {
            for (pat, group) in [(&p.money, 0), (&p.percent, 0), (&p.date, 0), (&p.domain, 1)] {
                let exact: Vec<Range<usize>> = Regex::new(&pat.src)
                    .unwrap()
                    .captures_iter(text)
                    .filter_map(|c| c.get(group).map(|m| m.range()))
                    .collect();
                assert_eq!(find_spans(pat, text, &pieces(text), group), exact, "{text}");
            }
        }
    }

    /// The spans of each pattern, as its exact regex finds them in the
    /// whole text (what [`find_spans`] must give).
    fn reference(text: &str) -> Vec<Vec<Range<usize>>> {
        let p = patterns();
        [(&p.money, 0), (&p.percent, 0), (&p.date, 0), (&p.domain, 1)]
            .into_iter()
            .map(|(pat, group)| {
                Regex::new(&pat.src)
                    .unwrap()
                    .captures_iter(text)
                    .filter_map(|c| c.get(group).map(|m| m.range()))
                    .collect()
            })
            .collect()
    }

    fn searched(text: &str) -> Vec<Vec<Range<usize>>> {
        let p = patterns();
        let pieces = pieces(text);
        [(&p.money, 0), (&p.percent, 0), (&p.date, 0), (&p.domain, 1)]
            .into_iter()
            .map(|(pat, group)| find_spans(pat, text, &pieces, group))
            .collect()
    }

    #[test]
    fn percentages_and_domains_are_found_near_their_words_as_in_the_whole_text() {
        let long = "9".repeat(300);
        let name = "a".repeat(31);
        let texts = [
            format!("up {long}% and {long},5.2 per cent and 1,234,567.89percent"),
            "5\u{3000}%, 6\u{00A0}%, 7\n%, 8-percent, 9 -percent, ٣٤ percent, 10 percentage".into(),
            "12.5%%, %, 3 per centime, per cent 4, 5 per  cent, 6.%, ,7%, 8 per cent.".into(),
            format!("see {name}.kz, ({name}b.com) and “kun.uz” or x.kun.uz. y.ru/z @a.io a.io.b"),
            "a.com b.com\nc.org. d.net.\n\ne.info\n\n\nf.news é.kz ж g.by".into(),
            "Ж 5 per cent\n\nkun.uzé and café.com, 40%é 40 é%".into(),
        ];
        for text in &texts {
            assert_eq!(searched(text), reference(text), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        #[test]
        fn numeric_spans_are_the_whole_texts(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "5", "12", "1,000", "3.5", "٣", "%", "percent", "per", "cent", " ", "-", ".",
                    ",", "\n", "\n\n", "\u{3000}", "kun", "uz", "com", "a", "(", "“", "/", "é",
                    "$", "€", "million", "dollars", "USD", "May", "2021", "the", "last", "year",
                ]),
                0..40,
            ),
        ) {
            let text = words.concat();
            proptest::prop_assert_eq!(searched(&text), reference(&text), "{:?}", text);
        }
    }

    #[test]
    fn non_ascii_word_characters_are_the_regex_crates() {
        let word = Regex::new(r"[\w&&[^\x00-\x7F]]").unwrap();
        let samples = [
            "plain ASCII_text 123",
            "“quotes” — dashes – and … ellipses € £ ¥ ₸ ° × ½ ² ™ ©",
            "café",
            "Алматы",
            "٣ digits",
            "a\u{0301} combining",
            "\u{200D} joiner",
            "‿ tie",
            "日本",
            "🙂 emoji",
            "\u{00A0} no-break space",
        ];
        for s in samples {
            assert_eq!(has_non_ascii_word(s), word.is_match(s), "{s:?}");
        }
        // Long ASCII stretches before, between and after (read in blocks).
        let long =
            |a: usize, b: usize| format!("{}“{}é{}", "x".repeat(a), "y".repeat(b), "z".repeat(a));
        for (a, b) in [(0, 0), (31, 32), (32, 31), (40, 70), (64, 64), (100, 3)] {
            let s = long(a, b);
            assert!(has_non_ascii_word(&s), "{s}");
            assert!(!has_non_ascii_word(&s.replace('é', "”")), "{s}");
        }
        // Every character of the first planes, one at a time.
        let mut buf = [0u8; 4];
        for c in '\u{80}'..='\u{2FFFF}' {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(has_non_ascii_word(s), word.is_match(s), "{c:?}");
        }
    }

    #[test]
    fn bare_domains_are_orgs() {
        assert_eq!(
            spans("he told kun.uz on Friday; see https://x.com/a"),
            [("kun.uz", EntityKind::Org), ("Friday", EntityKind::Date)]
        );
    }
}
