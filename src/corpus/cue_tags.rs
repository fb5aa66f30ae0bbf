//! Subtitle files (WebVTT, SRT): where their cue tags are, so the reader
//! can dim them as markup. A tag is `<v Name>`, `</v>`, `<i>`, `<b>`,
//! `<u>`, `<c.class>`, `<ruby>`, `<rt>`, `<lang en>`, `<font …>` (SRT) or a
//! timestamp `<00:01:02.000>`, whole within one line. Every range is a byte
//! range into the text, which is never rewritten, so offsets, search and
//! speaker labels are unchanged.

use std::ops::Range;

/// Tag names a cue's text may hold (WebVTT's, and `font` and `s` of SRT).
const NAMES: [&str; 10] = ["v", "i", "b", "u", "c", "ruby", "rt", "lang", "font", "s"];

/// The byte ranges of every cue tag in `text`, sorted, without overlaps.
/// One pass over the text.
pub fn tags(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[from..]).map(|i| from + i) {
        match tag_len(&bytes[at..]) {
            Some(n) => {
                out.push(at..at + n);
                from = at + n;
            }
            None => from = at + 1,
        }
    }
    out
}

/// The length of the cue tag at the start of `s` (which starts with `<`).
fn tag_len(s: &[u8]) -> Option<usize> {
    // The tag ends at the first `>` on its line, before any other `<`.
    let end = s[1..]
        .iter()
        .position(|&b| matches!(b, b'>' | b'<' | b'\n' | b'\r'))
        .map(|i| i + 1)
        .filter(|&i| s[i] == b'>')?;
    let inner = &s[1..end];
    let ok = if inner.first().is_some_and(u8::is_ascii_digit) {
        // A timestamp: digits, colons and one dot.
        inner
            .iter()
            .all(|&b| b.is_ascii_digit() || b == b':' || b == b'.')
            && inner.contains(&b':')
    } else {
        let name = inner.strip_prefix(b"/").unwrap_or(inner);
        let len = name
            .iter()
            .position(|&b| matches!(b, b'.' | b' ' | b'\t'))
            .unwrap_or(name.len());
        let closing = name.len() < inner.len();
        NAMES
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(&name[..len]))
            // A closing tag holds only its name (`</c>`, `</c.x>` is not).
            && (!closing || len == name.len())
    };
    ok.then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        tags(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn voice_style_and_timestamp_tags_are_found() {
        let text = "00:00:01.000 --> 00:00:04.000\n<v.loud Mara Lenz>We <i>will</i> vote <00:00:02.500><c.yellow>today</c>.</v>\n";
        assert_eq!(
            found(text),
            [
                "<v.loud Mara Lenz>",
                "<i>",
                "</i>",
                "<00:00:02.500>",
                "<c.yellow>",
                "</c>",
                "</v>"
            ]
        );
        assert_eq!(
            found("<font color=\"#ffff00\">Yes</font> <B>no</B>\n"),
            ["<font color=\"#ffff00\">", "</font>", "<B>", "</B>"]
        );
    }

    #[test]
    fn text_that_only_looks_like_a_tag_is_left_alone() {
        // Comparisons, arrows, unknown names, a tag broken across lines.
        for text in [
            "if a < b and c > d\n",
            "00:01.000 --> 00:02.000\n",
            "<p>not a cue tag</p>\n",
            "<v Mara\nLenz>\n",
            "<vote>\n",
            "<12>\n",
            "<",
        ] {
            assert!(tags(text).is_empty(), "{text:?}: {:?}", found(text));
        }
    }
}
