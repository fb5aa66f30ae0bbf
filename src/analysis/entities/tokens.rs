//! A small word tokenizer that keeps byte offsets and the few facts the
//! rules need: capitalisation, sentence and line starts, possessives.

/// One word of the text (punctuation is not a token; it is read from the
/// gap between two words when needed).
#[derive(Clone, Debug)]
pub(crate) struct Token {
    /// Byte offset of the first byte (u32: a token list is made for a
    /// piece of at most [`MAX_TEXT`] bytes; with the facts in one byte,
    /// 12 bytes a token, not 24).
    lo: u32,
    /// Byte offset one past the last byte (a possessive `'s` is excluded).
    hi: u32,
    /// The facts read off the word, one bit each (`CAP`, `UPPER`…).
    facts: u8,
    /// Set by the numeric pass: the word is inside a MONEY/PERCENT/DATE span.
    pub taken: bool,
}

/// First character is an upper-case letter.
const CAP: u8 = 1;
/// At least two letters and no lower-case letter (`BLINKEN`, `CSTO`).
const UPPER: u8 = 2;
/// First word of a sentence (or of a line).
const SENT_START: u8 = 4;
/// First word of a line.
const LINE_START: u8 = 8;
/// Followed directly by a possessive `'s` / `’s`.
const POSS: u8 = 16;

/// The largest text [`tokenize`] takes.
pub(crate) const MAX_TEXT: usize = u32::MAX as usize;

impl Token {
    /// Byte offset of the first byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.lo as usize
    }

    /// Byte offset one past the last byte (a possessive `'s` is excluded).
    #[inline]
    pub fn end(&self) -> usize {
        self.hi as usize
    }

    /// First character is an upper-case letter.
    #[inline]
    pub fn cap(&self) -> bool {
        self.facts & CAP != 0
    }

    /// At least two letters and no lower-case letter (`BLINKEN`, `CSTO`).
    #[inline]
    pub fn upper(&self) -> bool {
        self.facts & UPPER != 0
    }

    /// First word of a sentence (or of a line).
    #[inline]
    pub fn sent_start(&self) -> bool {
        self.facts & SENT_START != 0
    }

    /// First word of a line.
    #[inline]
    pub fn line_start(&self) -> bool {
        self.facts & LINE_START != 0
    }

    /// Followed directly by a possessive `'s` / `’s`.
    #[inline]
    pub fn poss(&self) -> bool {
        self.facts & POSS != 0
    }

    /// The word's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start()..self.end()]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Length in bytes of a dotted abbreviation such as `U.S.` or `D.C.` at `i`
/// (at least two letter-dot pairs), or 0.
fn dotted_abbrev(bytes: &[u8], i: usize) -> usize {
    let mut p = i;
    let mut groups = 0;
    while p + 1 < bytes.len() && bytes[p].is_ascii_uppercase() && bytes[p + 1] == b'.' {
        p += 2;
        groups += 1;
    }
    if groups >= 2 && !bytes.get(p).is_some_and(|b| b.is_ascii_alphanumeric()) {
        p - i
    } else {
        0
    }
}

/// The character starting at byte `i` of `text` and its length in bytes
/// (ASCII read directly).
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().expect("a char boundary");
    (c, c.len_utf8())
}

/// `char::is_alphanumeric`, with ASCII answered without the Unicode tables.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Does `word` have at least two letters and no lower-case letter?
fn is_upper_word(word: &str) -> bool {
    let mut letters = 0;
    if word.is_ascii() {
        for b in word.bytes() {
            if b.is_ascii_lowercase() {
                return false;
            }
            letters += usize::from(b.is_ascii_uppercase());
        }
    } else {
        for ch in word.chars() {
            if ch.is_alphabetic() {
                if ch.is_lowercase() {
                    return false;
                }
                letters += 1;
            }
        }
    }
    letters >= 2
}

/// Splits `text` into words. Hyphens split words (`Russia-backed` gives
/// `Russia`, `backed`); inner apostrophes stay (`O'Brien`), a final
/// possessive is cut off and recorded in [`Token::poss`].
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    assert!(
        text.len() <= MAX_TEXT,
        "a piece of text too large to tokenize"
    );
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let mut line_start = true;
    let mut sent_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        if c == '\n' {
            line_start = true;
            sent_start = true;
            i += 1;
            continue;
        }
        if !is_alnum(c) {
            match c {
                '.' | '!' | '?' => {
                    let abbrev = out.last().is_some_and(|t| {
                        t.end() == i && {
                            let w = t.text(text);
                            (w.len() == 1 && w.chars().all(|c| c.is_uppercase()))
                                || is_abbrev_word(w)
                        }
                    });
                    if !abbrev {
                        sent_start = true;
                    }
                }
                ':' => sent_start = true,
                _ => {}
            }
            i += len;
            continue;
        }
        // A word starts here; `next` is where reading goes on after it.
        let dotted = if c.is_ascii_uppercase() {
            dotted_abbrev(bytes, i)
        } else {
            0
        };
        let mut end = i + len;
        let mut next = end;
        let mut poss = false;
        if dotted > 0 {
            end = i + dotted;
            next = end;
        } else {
            while next < bytes.len() {
                // ASCII letters and digits, the bulk of a word.
                if bytes[next].is_ascii_alphanumeric() {
                    next += 1;
                    end = next;
                    continue;
                }
                let (d, dl) = char_at(text, next);
                if is_alnum(d) {
                    next += dl;
                    end = next;
                } else if is_apostrophe(d) {
                    let rest = &text[next + dl..];
                    let mut r = rest.chars();
                    match (r.next(), r.next()) {
                        (Some('s'), n) if !n.is_some_and(|n| n.is_alphanumeric()) => {
                            poss = true;
                            next += dl + 1;
                            break;
                        }
                        (Some(n), _) if n.is_alphabetic() => {
                            next += dl;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
        }
        let word = &text[i..end];
        let cap = c.is_uppercase();
        out.push(Token {
            lo: i as u32,
            hi: end as u32,
            facts: (u8::from(cap) * CAP)
                | (u8::from(is_upper_word(word)) * UPPER)
                | (u8::from(sent_start) * SENT_START)
                | (u8::from(line_start) * LINE_START)
                | (u8::from(poss) * POSS),
            taken: false,
        });
        line_start = false;
        sent_start = false;
        i = next;
    }
    out
}

/// Byte ranges of code and addresses: inline code between backticks (on
/// one line), fenced code blocks (```` ``` ```` lines) and URLs
/// (`scheme://…`, `www.…`), sorted and disjoint.
fn code_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Backticks: fences at a line start, else pairs on one line.
    let mut fence: Option<usize> = None;
    let mut open: Option<usize> = None;
    let mut ticks = memchr::memchr_iter(b'`', b).peekable();
    while let Some(i) = ticks.next() {
        let line_start = i == 0 || b[i - 1] == b'\n';
        if line_start && b[i..].starts_with(b"```") {
            let eol = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
            match fence.take() {
                Some(s) => out.push(s..eol),
                None => fence = Some(i),
            }
            open = None;
            while ticks.peek().is_some_and(|&j| j < eol) {
                ticks.next();
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        match open.take() {
            Some(s) if memchr::memchr(b'\n', &b[s..i]).is_none() => out.push(s..i + 1),
            _ => open = Some(i),
        }
    }
    if let Some(s) = fence {
        out.push(s..b.len());
    }
    // Addresses.
    let url_end = |mut e: usize| {
        while e < b.len() && !b[e].is_ascii_whitespace() && !b"()[]<>\"'`".contains(&b[e]) {
            e += 1;
        }
        e
    };
    for i in memchr::memmem::find_iter(b, b"://") {
        let mut s = i;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        out.push(s..url_end(i));
    }
    for i in memchr::memmem::find_iter(b, b"www.") {
        if i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'/' {
            out.push(i..url_end(i));
        }
    }
    out.sort_by_key(|r| r.start);
    // Merge overlaps (a URL inside backticks or a fence).
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(l) if r.start < l.end => l.end = l.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Marks the words inside code and URLs as taken: an identifier such as
/// `Default` or `FILE_SHARE_DELETE` is never a name.
pub(crate) fn mask_code(text: &str, toks: &mut [Token]) {
    let mut k = 0;
    for r in code_ranges(text) {
        while k < toks.len() && toks[k].end() <= r.start {
            k += 1;
        }
        while k < toks.len() && toks[k].start() < r.end {
            toks[k].taken = true;
            k += 1;
        }
    }
}

/// Abbreviations whose final period does not end a sentence.
pub(crate) fn is_abbrev_word(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Col"
            | "Lt"
            | "Capt"
            | "Prof"
            | "Jr"
            | "Sr"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "vs"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_takes_twelve_bytes() {
        // A 4 MB piece holds about 700,000 words, read on every core at once.
        assert_eq!(std::mem::size_of::<Token>(), 12);
    }

    #[test]
    fn each_fact_is_read_back_as_set() {
        let text = "Then NATO's chief spoke.\nAcme met BLINKEN";
        let toks = tokenize(text);
        let facts: Vec<(&str, [bool; 5])> = toks
            .iter()
            .map(|t| {
                let f = [t.cap(), t.upper(), t.sent_start(), t.line_start(), t.poss()];
                (t.text(text), f)
            })
            .collect();
        assert_eq!(
            facts,
            [
                ("Then", [true, false, true, true, false]),
                ("NATO", [true, true, false, false, true]),
                ("chief", [false, false, false, false, false]),
                ("spoke", [false, false, false, false, false]),
                ("Acme", [true, false, true, true, false]),
                ("met", [false, false, false, false, false]),
                ("BLINKEN", [true, true, false, false, false]),
            ]
        );
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_hyphens_keeps_abbreviations_and_cuts_possessives() {
        let t = "Norway’s U.S.-backed plan, O'Neill's view";
        assert_eq!(
            words(t),
            ["Norway", "U.S.", "backed", "plan", "O'Neill", "view"]
        );
        let toks = tokenize(t);
        assert!(toks[0].poss() && toks[4].poss() && !toks[1].poss());
    }

    #[test]
    fn non_ascii_words_apostrophes_and_capitals() {
        let t = "ÉCOLE Ünal’s Straße d’Estaing GRÜNE Öl-Preis ВОЗ l'été Ma’sdar O’s 3rd ١٢٣";
        let toks = tokenize(t);
        let got: Vec<(&str, bool, bool, bool)> = toks
            .iter()
            .map(|k| (k.text(t), k.cap(), k.upper(), k.poss()))
            .collect();
        assert_eq!(
            got,
            [
                ("ÉCOLE", true, true, false),
                ("Ünal", true, false, true),
                ("Straße", true, false, false),
                ("d’Estaing", false, false, false),
                ("GRÜNE", true, true, false),
                ("Öl", true, false, false),
                ("Preis", true, false, false),
                ("ВОЗ", true, true, false),
                ("l'été", false, false, false),
                ("Ma’sdar", true, false, false),
                ("O", true, false, true),
                ("3rd", false, false, false),
                ("١٢٣", false, false, false),
            ]
        );
    }

    #[test]
    fn code_and_urls_are_masked() {
        let t = "Implement `Default` for Box, see https://Example.org/Pull/1 and\n```\nlet Smith = 1;\n```\nDone";
        let mut toks = tokenize(t);
        mask_code(t, &mut toks);
        let free: Vec<&str> = toks
            .iter()
            .filter(|k| !k.taken)
            .map(|k| k.text(t))
            .collect();
        assert_eq!(free, ["Implement", "for", "Box", "see", "and", "Done"]);
    }

    #[test]
    fn marks_sentence_starts_but_not_after_titles() {
        let t = "He met Dr. Smith. Then left.\nNEW LINE";
        let toks = tokenize(t);
        let starts: Vec<&str> = toks
            .iter()
            .filter(|k| k.sent_start())
            .map(|k| k.text(t))
            .collect();
        assert_eq!(starts, ["He", "Then", "NEW"]);
        assert!(toks.last().unwrap().upper());
    }
}
