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

/// Counts words the way a reader would: runs of alphanumeric characters,
/// with inner apostrophes and hyphens kept inside the word.
pub fn word_count(text: &str) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
