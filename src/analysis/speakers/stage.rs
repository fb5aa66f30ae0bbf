//! Stage directions inside turns: `(Laughter.)`, `(Applause.)`, `[Crosstalk]`.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Longest parenthetical considered a stage direction, in bytes.
const MAX_DIRECTION: usize = 60;

const CUES: &[&str] = &[
    "laughter",
    "laughs",
    "laughing",
    "applause",
    "crosstalk",
    "cross-talk",
    "cross talk",
    "inaudible",
    "unintelligible",
    "indiscernible",
    "off-mic",
    "off mic",
    "off-mike",
    "off mike",
    "pause",
    "silence",
    "music",
    "cheers",
    "cheering",
    "booing",
    "boos",
    "sighs",
    "gavel",
    "interruption",
    "interrupts",
    "coughs",
    "audio gap",
    "technical difficulties",
    "video clip",
    "videotape",
    "begin video",
    "end video",
    "commercial break",
    "recess",
    "phone rings",
    "microphone",
    "no audio",
    "audio cut",
    "chuckles",
    "overlapping",
    "simultaneous",
];

/// Byte ranges (brackets included) of stage directions in `text[range]`.
pub(crate) fn find(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let Some(off) = memchr::memchr2(b'(', b'[', &bytes[i..range.end]) else {
            break;
        };
        let open = i + off;
        let close = if bytes[open] == b'(' { b')' } else { b']' };
        let limit = range.end.min(open + MAX_DIRECTION);
        match memchr::memchr(close, &bytes[open + 1..limit]) {
            Some(n) => {
                let end = open + 1 + n + 1;
                if is_cue(&text[open + 1..end - 1]) {
                    out.push(open..end);
                }
                i = end;
            }
            None => i = open + 1,
        }
    }
    out
}

/// Whether bracket contents describe a sound or an action (`Laughter.`,
/// `[crosstalk]`): they hold one of the cue words, in any case.
pub(crate) fn is_cue(content: &str) -> bool {
    if content.is_ascii() {
        static CUE_WORDS: OnceLock<AhoCorasick> = OnceLock::new();
        return CUE_WORDS
            .get_or_init(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(CUES)
                    .expect("valid cue words")
            })
            .is_match(content);
    }
    // Lower-casing beyond ASCII can make ASCII letters (the Kelvin sign).
    let lower = content.to_lowercase();
    CUES.iter().any(|c| lower.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_laughter_not_acronyms() {
        let t = "We won (Laughter.) and NATO (North Atlantic) [crosstalk] agreed.";
        let found: Vec<&str> = find(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["(Laughter.)", "[crosstalk]"]);
    }
}
