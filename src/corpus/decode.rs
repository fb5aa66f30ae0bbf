//! Turning a file's bytes into text.
//!
//! UTF-8 is the default. A byte-order mark names the encoding instead:
//! UTF-8, UTF-16 little- or big-endian (what Windows tools such as Word's
//! "Unicode text" export write) or UTF-32. The mark itself is not part of
//! the text, so it never reaches a title or the screen; offsets reported by
//! the command line count code points of the decoded text, after the mark
//! (as Python's `utf-8-sig` and `utf-16` codecs read such files).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// What the bytes of a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    Empty,
    Binary,
    Text {
        text: String,
        /// Invalid sequences were replaced with U+FFFD.
        lossy: bool,
        /// The encoding when it was not plain UTF-8 ("UTF-16LE"…), for
        /// the document list.
        encoding: Option<&'static str>,
    },
}

/// Decodes a file's bytes: by its byte-order mark when it has one, else as
/// UTF-8 (lossily when invalid); binary when the start of a file without a
/// mark holds a NUL byte or mostly control bytes. A caption file's HTML
/// character references are decoded too (`&gt;&gt;` reads `>>`), so every
/// offset is one into the text as shown.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    match decode_bytes(bytes) {
        Decoded::Text {
            text,
            lossy,
            encoding,
        } => Decoded::Text {
            text: crate::analysis::speakers::decoded_captions(&text).unwrap_or(text),
            lossy,
            encoding,
        },
        other => other,
    }
}

fn decode_bytes(bytes: Vec<u8>) -> Decoded {
    if let Some(d) = decode_utf32(&bytes) {
        return d;
    }
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        let body = &bytes[bom..];
        let (text, lossy) = if enc == UTF_16LE || enc == UTF_16BE {
            let (t, had_errors) = enc.decode_without_bom_handling(body);
            (t.into_owned(), had_errors)
        } else {
            match String::from_utf8(body.to_vec()) {
                Ok(t) => (t, false),
                Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
            }
        };
        let encoding = (enc == UTF_16LE || enc == UTF_16BE).then(|| enc.name());
        return text_or_empty(text, lossy, encoding);
    }
    if let Some(skip) = sniff(&bytes) {
        return skip;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text {
            text,
            lossy: false,
            encoding: None,
        },
        Err(e) => Decoded::Text {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
            encoding: None,
        },
    }
}

/// `Empty` or `Binary` when bytes without a byte-order mark are not
/// worth reading as text: only white space, or a start holding a NUL byte
/// or mostly control bytes. `None` for text.
pub(crate) fn sniff(bytes: &[u8]) -> Option<Decoded> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Some(Decoded::Empty);
    }
    binary_head(&bytes[..bytes.len().min(HEAD)]).then_some(Decoded::Binary)
}

/// How much of the start of a file tells binary from text.
pub(crate) const HEAD: usize = 8192;

/// Whether the start of a file without a byte-order mark holds a NUL byte
/// or mostly control bytes, as binary files do.
fn binary_head(head: &[u8]) -> bool {
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    memchr::memchr(0, head).is_some() || controls * 10 > head.len()
}

/// Whether a file starting with `head` (its first [`HEAD`] bytes, or all
/// of it) is binary whatever follows: no byte-order mark, and a binary
/// start. Lets a compressed file be given up on before it is unpacked.
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    let mark = Encoding::for_bom(head).is_some() || head.starts_with(&[0, 0, 0xfe, 0xff]);
    !mark && binary_head(head)
}

fn text_or_empty(text: String, lossy: bool, encoding: Option<&'static str>) -> Decoded {
    if text.chars().all(char::is_whitespace) {
        Decoded::Empty
    } else if mostly_controls(&text) {
        // Bytes that only happen to start like a byte-order mark.
        Decoded::Binary
    } else {
        Decoded::Text {
            text,
            lossy,
            encoding,
        }
    }
}

/// Whether the start of decoded text is mostly control characters, as
/// binary data read as text often is.
fn mostly_controls(text: &str) -> bool {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in text.chars().take(8192) {
        n += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{1b}') {
            bad += 1;
        }
    }
    bad * 10 > n
}

/// UTF-32 with a byte-order mark (which `encoding_rs`, following the web's
/// rules, does not decode). Checked before UTF-16: the UTF-32LE mark starts
/// with the UTF-16LE one.
fn decode_utf32(bytes: &[u8]) -> Option<Decoded> {
    let (big, name) = match bytes {
        [0, 0, 0xfe, 0xff, ..] => (true, "UTF-32BE"),
        [0xff, 0xfe, 0, 0, ..] if bytes.len().is_multiple_of(4) => (false, "UTF-32LE"),
        _ => return None,
    };
    let mut lossy = false;
    let text: String = bytes[4..]
        .chunks(4)
        .map(|c| {
            let word = <[u8; 4]>::try_from(c).ok().map(|w| {
                if big {
                    u32::from_be_bytes(w)
                } else {
                    u32::from_le_bytes(w)
                }
            });
            word.and_then(char::from_u32).unwrap_or_else(|| {
                lossy = true;
                '\u{fffd}'
            })
        })
        .collect();
    Some(text_or_empty(text, lossy, Some(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big: bool) -> Vec<u8> {
        let mut out = if big {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for u in text.encode_utf16() {
            out.extend(if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    }

    fn text(d: Decoded) -> (String, bool, Option<&'static str>) {
        match d {
            Decoded::Text {
                text,
                lossy,
                encoding,
            } => (text, lossy, encoding),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn decode_tells_text_binary_and_empty_apart() {
        assert_eq!(decode(b"  \n\r\n".to_vec()), Decoded::Empty);
        assert_eq!(decode(b"PK\x03\x04\0\0\x08".to_vec()), Decoded::Binary);
        assert_eq!(
            text(decode(b"caf\xe9 ok".to_vec())),
            ("caf\u{fffd} ok".into(), true, None)
        );
    }

    #[test]
    fn a_utf8_byte_order_mark_is_not_text() {
        let (t, lossy, enc) = text(decode("\u{feff}Title\r\n".into()));
        assert_eq!((t.as_str(), lossy, enc), ("Title\r\n", false, None));
        assert_eq!(decode("\u{feff}\n".into()), Decoded::Empty);
    }

    #[test]
    fn utf16_with_a_mark_is_decoded_either_way_round() {
        let doc = "SECRETARY BLINKEN: Thank you — “merci”, 谢谢 🎉\r\n";
        for big in [false, true] {
            let (t, lossy, enc) = text(decode(utf16(doc, big)));
            assert_eq!(t, doc);
            assert!(!lossy);
            assert_eq!(enc, Some(if big { "UTF-16BE" } else { "UTF-16LE" }));
        }
        // A lone surrogate is replaced, not fatal; an odd last byte too.
        let mut bad = utf16("ab", false);
        bad.extend([0x00, 0xd8, b'c', 0, 7]);
        let (t, lossy, _) = text(decode(bad));
        assert!(lossy && t.starts_with("ab\u{fffd}"), "{t:?}");
    }

    #[test]
    fn binary_that_starts_like_a_mark_is_still_binary() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend((0u16..2000).flat_map(|i| (i.wrapping_mul(7919) % 40).to_le_bytes()));
        assert_eq!(decode(bytes), Decoded::Binary);
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend((0u8..200).map(|i| i % 9));
        assert_eq!(decode(bytes), Decoded::Binary);
    }

    #[test]
    fn utf32_with_a_mark_is_decoded() {
        let doc = "Q: Who? A: 中文 🎉";
        let mut be = vec![0, 0, 0xfe, 0xff];
        let mut le = vec![0xff, 0xfe, 0, 0];
        for c in doc.chars() {
            be.extend((c as u32).to_be_bytes());
            le.extend((c as u32).to_le_bytes());
        }
        assert_eq!(text(decode(be)), (doc.to_string(), false, Some("UTF-32BE")));
        assert_eq!(text(decode(le)), (doc.to_string(), false, Some("UTF-32LE")));
    }

    #[test]
    fn escape_sequences_do_not_make_a_file_binary() {
        let doc = b"Title\n\x1b]0;pwned\x07 and \x1b[2J here\n".to_vec();
        assert!(matches!(decode(doc), Decoded::Text { .. }));
    }
}
