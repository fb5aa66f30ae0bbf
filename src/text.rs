//! Small text utilities shared by the parsers and the command line.

/// Converts byte offsets of one text into Unicode code-point offsets.
///
/// The command line reports offsets in code points (what Python's `str`
/// indexes); the parsers work in bytes. Build once per text, then look up
/// any number of offsets in `O(log n)`.
pub struct CharIndex {
    /// Byte offsets of every non-ASCII character, in order; code-point
    /// offset of byte `b` is `b - extra_bytes_before(b)`.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0usize;
        for (i, c) in text.char_indices() {
            let len = c.len_utf8();
            if len > 1 {
                extra += len - 1;
                // After this character, `extra` bytes have been skipped.
                wide.push((i + len, extra));
            }
        }
        CharIndex { wide }
    }

    /// Code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn chars(&self, byte: usize) -> usize {
        let n = self.wide.partition_point(|&(end, _)| end <= byte);
        let extra = if n == 0 { 0 } else { self.wide[n - 1].1 };
        byte - extra
    }

    /// Byte offset of code-point offset `chars`.
    pub fn bytes(&self, chars: usize) -> usize {
        // Find the last wide char whose end (in chars) is <= chars.
        let n = self
            .wide
            .partition_point(|&(end, extra)| end - extra <= chars);
        let extra = if n == 0 { 0 } else { self.wide[n - 1].1 };
        chars + extra
    }
}

/// `text` cut into consecutive pieces of about `size` bytes (at least one
/// byte each), each ending after a paragraph break (a blank line) when one
/// is in its second half, else after a line break, else after a space,
/// else on a char boundary. The pieces cover the text exactly.
pub fn chunks(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let size = size.max(1);
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut start = 0;
    while start < text.len() {
        let limit = start + size;
        if limit >= text.len() {
            out.push(start..text.len());
            break;
        }
        let half = &bytes[start + size / 2..limit];
        let cut = memchr::memmem::rfind(half, b"\n\n")
            .map(|p| p + 2)
            .or_else(|| memchr::memrchr(b'\n', half).map(|p| p + 1))
            .or_else(|| memchr::memrchr(b' ', half).map(|p| p + 1))
            .map(|p| start + size / 2 + p)
            .unwrap_or_else(|| floor_char(text, limit));
        let cut = if cut > start {
            cut
        } else {
            next_char(text, start)
        };
        out.push(start..cut);
        start = cut;
    }
    out
}

/// `pos` moved back to the nearest char boundary of `text` (and into it).
pub fn floor_char(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The end of the character starting at or containing byte `pos` (`pos`
/// itself at the end of the text): a one-character range is
/// `floor_char(pos)..next_char(pos)`, never one byte of a wider character.
pub fn next_char(text: &str, pos: usize) -> usize {
    let pos = floor_char(text, pos);
    text[pos..]
        .chars()
        .next()
        .map_or(pos, |c| pos + c.len_utf8())
}

/// `word` in lower case, written into `buf` (cleared first): ASCII
/// without the Unicode tables, no allocation once `buf` has grown. The
/// same as `word.to_lowercase()`.
pub fn lowercase_into<'b>(buf: &'b mut String, word: &str) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&word.to_lowercase());
    }
    buf
}

/// Sorted, merged ranges covering what `ranges` cover (ranges that
/// overlap or touch become one).
pub fn union_ranges(mut ranges: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
    ranges.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The kind of Aho-Corasick automaton for reading `scanned` bytes of text
/// in all: an NFA below a megabyte, where building a DFA would cost more
/// than it saves (one short document of a large folder), else the crate's
/// own choice. The matches are the same either way.
pub fn automaton_kind(scanned: usize) -> Option<aho_corasick::AhoCorasickKind> {
    (scanned < DFA_BYTES).then_some(aho_corasick::AhoCorasickKind::ContiguousNFA)
}

/// From this many bytes to read, an automaton may be made a DFA.
pub const DFA_BYTES: usize = 1024 * 1024;

/// Counts words the way a reader would: runs of alphanumeric characters,
/// with inner apostrophes and hyphens kept inside the word. ASCII is read
/// a byte at a time (most of any text); a large text is counted in pieces
/// cut after line breaks, on every core (a line break ends a word, so the
/// counts add up).
pub fn word_count(text: &str) -> usize {
    if text.len() < PARALLEL_WORDS {
        return WordCounter::default().count(text);
    }
    use rayon::prelude::*;
    line_pieces(text, PARALLEL_WORDS / 2)
        .into_par_iter()
        .map(|r| WordCounter::default().count(&text[r]))
        .sum()
}

/// Texts at least this long are counted in parallel.
const PARALLEL_WORDS: usize = 4 * 1024 * 1024;

/// `text` (a `str` or bytes not yet checked) cut into consecutive pieces
/// of about `size` bytes, each ending after a line break (the last at the
/// end of the text). A line break is never inside a character, so every
/// piece of a `str` is one too.
pub fn line_pieces(text: &(impl AsRef<[u8]> + ?Sized), size: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_ref();
    let size = size.max(1);
    let mut out = Vec::with_capacity(bytes.len() / size + 1);
    let mut start = 0;
    while start < bytes.len() {
        let from = (start + size).min(bytes.len());
        let end = memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p + 1);
        out.push(start..end);
        start = end;
    }
    out
}

/// The state of [`word_count`] between characters.
#[derive(Default)]
struct WordCounter {
    count: usize,
    in_word: bool,
}

/// What each ASCII byte is to a word: bit 0 alphanumeric, bit 1 a joiner
/// (`'` or `-`, kept inside a word).
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = 1;
        } else if c == b'\'' || c == b'-' {
            t[b] = 2;
        }
        b += 1;
    }
    t
};

impl WordCounter {
    fn count(mut self, text: &str) -> usize {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII without a branch a byte: a word starts at an
            // alphanumeric byte outside a word; a joiner keeps a word open.
            let mut count = self.count;
            let mut in_word = usize::from(self.in_word);
            while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii()) {
                let class = usize::from(ASCII_WORD[usize::from(b)]);
                let alnum = class & 1;
                count += alnum & !in_word & 1;
                in_word = alnum | (in_word & (class >> 1));
                i += 1;
            }
            self.count = count;
            self.in_word = in_word != 0;
            if i < bytes.len() {
                let c = text[i..].chars().next().unwrap_or(' ');
                self.step(c.is_alphanumeric(), c == '’');
                i += c.len_utf8();
            }
        }
        self.count
    }

    fn step(&mut self, alphanumeric: bool, joiner: bool) {
        if alphanumeric {
            if !self.in_word {
                self.count += 1;
                self.in_word = true;
            }
        } else if !(self.in_word && joiner) {
            self.in_word = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_into_is_to_lowercase_with_one_buffer() {
        let mut buf = String::new();
        for w in [
            "Blinken",
            "TILEUBERDI",
            "already",
            "ÉCOLE",
            "ΟΔΟΣ",
            "İstanbul",
            "Straße",
            "",
        ] {
            assert_eq!(lowercase_into(&mut buf, w), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn union_ranges_merges_what_overlaps_or_touches() {
        assert_eq!(
            union_ranges(vec![8..9, 0..3, 2..4, 4..6, 10..12, 11..11]),
            vec![0..6, 8..9, 10..12]
        );
        let empty = std::iter::once(3..3).collect::<Vec<_>>();
        assert_eq!(union_ranges(empty.clone()), empty);
        assert!(union_ranges(Vec::new()).is_empty());
    }

    #[test]
    fn words_are_counted_as_a_character_at_a_time_in_any_script_and_in_pieces() {
        let samples = [
            "",
            "one",
            "MINISTER DOE: We met in Paris — “merci”, it’s well-known.\n",
            "l’été dernier, 12,5 % — Ελλάδα και Κύπρος; 北京 2024 ٣٤ x'-' -a- '",
            "tail-\n-head it’\n’s\r\nend",
        ];
        for s in samples {
            assert_eq!(
                WordCounter::default().count(s),
                word_count_by_chars(s),
                "{s:?}"
            );
        }
        // Large enough to be counted in pieces, with words, apostrophes and
        // hyphens at every piece boundary.
        let line = "Ça va — the minister’s well-known line, x-\n-y it’\n";
        let big = line.repeat(PARALLEL_WORDS / line.len() + 1000);
        assert!(big.len() >= PARALLEL_WORDS);
        assert_eq!(word_count(&big), word_count_by_chars(&big));
        let head = &big[..floor_char(&big, 20_000)];
        for size in [1, 7, 100, 4096] {
            let pieces = line_pieces(head, size);
            assert_eq!(pieces.first().map(|r| r.start), Some(0));
            assert_eq!(pieces.last().map(|r| r.end), Some(head.len()));
            assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
            let sum: usize = pieces.iter().map(|r| word_count(&head[r.clone()])).sum();
            assert_eq!(sum, word_count_by_chars(head), "size {size}");
        }
    }

    #[test]
    fn chunks_cover_the_text_and_end_at_paragraph_breaks() {
        let para = "MINISTER DOE: We met in Paris — “merci”.\nA second line of it.\n\n";
        let text = para.repeat(50);
        let pieces = chunks(&text, 300);
        assert!(pieces.len() > 5);
        assert_eq!(pieces[0].start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for p in &pieces[..pieces.len() - 1] {
            assert!(text[p.clone()].ends_with("\n\n"), "{:?}", &text[p.clone()]);
            assert!(p.len() <= 300);
        }
        // No break at all: a char boundary, every piece at least one char.
        let one = "日本語".repeat(40);
        for size in [1, 2, 5, 64] {
            let pieces = chunks(&one, size);
            assert_eq!(
                pieces.iter().map(|p| &one[p.clone()]).collect::<String>(),
                one
            );
            assert!(pieces.iter().all(|p| !p.is_empty()));
        }
        assert!(chunks("", 10).is_empty());
    }

    #[test]
    fn char_index_round_trips_on_mixed_text() {
        let text = "a’b “c” 日本 é\u{301}x 🎉!";
        let idx = CharIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.chars(bi), ci, "byte {bi}");
            assert_eq!(idx.bytes(ci), bi, "char {ci}");
        }
        assert_eq!(idx.chars(text.len()), text.chars().count());
        assert_eq!(idx.bytes(text.chars().count()), text.len());
    }

    #[test]
    fn char_boundaries_never_split_a_character() {
        let text = "中文 ’x";
        assert_eq!(floor_char(text, 1), 0);
        assert_eq!(next_char(text, 0), 3);
        assert_eq!(next_char(text, 4), 6);
        assert_eq!(&text[7..next_char(text, 7)], "’");
        assert_eq!(next_char(text, text.len()), text.len());
        assert_eq!(floor_char(text, 99), text.len());
    }

    #[test]
    fn words_keep_apostrophes_and_hyphens_inside() {
        assert_eq!(word_count("Kazakhstan’s multi-vector policy, 2023."), 4);
        assert_eq!(word_count("  — ‘’ "), 0);
    }

    /// The count read char by char, as the words are defined.
    fn word_count_by_chars(text: &str) -> usize {
        let mut count = 0;
        let mut in_word = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !in_word {
                    count += 1;
                    in_word = true;
                }
            } else if !(in_word && matches!(c, '\'' | '’' | '-')) {
                in_word = false;
            }
        }
        count
    }

    proptest::proptest! {
        #[test]
        fn word_count_reads_bytes_as_it_reads_chars(text in "[a-c9 '’\\-—éЖ\n.]{0,40}") {
            proptest::prop_assert_eq!(word_count(&text), word_count_by_chars(&text));
        }
    }
}
