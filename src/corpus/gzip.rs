//! Gzip-compressed files (`notes.txt.gz`), read as the text they hold.
//!
//! The compressed stream is read a piece at a time and never allowed to
//! grow past [`LIMIT`] bytes of text: a small file that unpacks to
//! gigabytes (a "gzip bomb") costs at most that much memory, and the user
//! is told that only its beginning is shown.

use std::io::{self, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::decode::{HEAD, looks_binary};

/// The most text a compressed file may unpack to.
pub(crate) const LIMIT: u64 = 256 * 1024 * 1024;

/// What a gzip file held.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Gunzipped {
    pub bytes: Vec<u8>,
    /// There was more than the limit: `bytes` end at the last line break
    /// before it.
    pub capped: bool,
}

/// Whether a file's name says it is compressed (`.gz`, any case).
pub(crate) fn named_gzip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Whether bytes start like a gzip stream (its magic number and the
/// deflate method).
pub(crate) fn has_magic(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b, 0x08])
}

/// The name of a compressed file without `.gz` (`notes.txt` for
/// `notes.txt.gz`): what the text inside is called.
pub(crate) fn inner_name(path: &str) -> &str {
    match path.len().checked_sub(3) {
        Some(i) if path.is_char_boundary(i) && path[i..].eq_ignore_ascii_case(".gz") => &path[..i],
        _ => path,
    }
}

/// Unpacks a gzip stream (several concatenated members, as `cat a.gz b.gz`
/// makes, are one text) up to `limit` bytes. A stream that is not gzip, or
/// is damaged or cut short, is an error for the user to read.
pub(crate) fn gunzip(mut compressed: impl Read, limit: u64) -> io::Result<Gunzipped> {
    let mut head = Vec::with_capacity(3);
    (&mut compressed).take(3).read_to_end(&mut head)?;
    if !has_magic(&head) {
        return Err(io::Error::new(io::ErrorKind::InvalidData, NOT_GZIP));
    }
    let mut bytes = Vec::new();
    let stream = head.as_slice().chain(compressed);
    let mut decoder = MultiGzDecoder::new(stream).take(limit.saturating_add(1));
    // Binary inside (an archive, an image, a run of zeros): the start says
    // so, and nothing more is unpacked.
    (&mut decoder).take(HEAD as u64).read_to_end(&mut bytes)?;
    if looks_binary(&bytes) {
        return Ok(Gunzipped {
            bytes,
            capped: false,
        });
    }
    decoder.read_to_end(&mut bytes)?;
    let capped = bytes.len() as u64 > limit;
    if capped {
        bytes.truncate(limit as usize);
        // Cut after the last complete line, so no character is split.
        if let Some(nl) = memchr::memrchr(b'\n', &bytes) {
            bytes.truncate(nl + 1);
        }
    }
    Ok(Gunzipped { bytes, capped })
}

const NOT_GZIP: &str = "not in gzip format";

/// A gzip error in words for the user.
pub(crate) fn describe_error(e: &io::Error) -> String {
    match e.kind() {
        _ if e.to_string() == NOT_GZIP => "named .gz but not a gzip file, skipped".to_string(),
        io::ErrorKind::UnexpectedEof => "damaged gzip file (cut short), skipped".to_string(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("damaged or not a gzip file ({e}), skipped")
        }
        _ => format!("cannot read ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::decode::Decoded;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn a_gzip_stream_unpacks_to_its_text() {
        let text = "MODERATOR: Good morning.\nQUESTION: Thank you — “merci”.\n";
        let out = gunzip(&gz(text.as_bytes())[..], LIMIT).unwrap();
        assert_eq!(out.bytes, text.as_bytes());
        assert!(!out.capped);
        assert!(has_magic(&gz(b"x")));
        assert!(!has_magic(b"plain text"));
    }

    #[test]
    fn concatenated_members_are_one_text() {
        let mut both = gz(b"first line\n");
        both.extend(gz(b"second line\n"));
        let out = gunzip(&both[..], LIMIT).unwrap();
        assert_eq!(out.bytes, b"first line\nsecond line\n");
    }

    #[test]
    fn damaged_and_truncated_streams_are_errors_not_panics() {
        let good = gz("a line of text that is long enough to compress\n"
            .repeat(50)
            .as_bytes());
        let cut = &good[..good.len() / 2];
        let e = gunzip(cut, LIMIT).unwrap_err();
        assert!(describe_error(&e).contains("damaged"), "{e}");
        let mut flipped = good.clone();
        for b in &mut flipped[12..30] {
            *b ^= 0x5a;
        }
        let e = gunzip(&flipped[..], LIMIT).unwrap_err();
        assert!(describe_error(&e).contains("damaged"), "{e}");
        let e = gunzip(&b"\x1f\x8b\x08garbage"[..], LIMIT).unwrap_err();
        assert!(describe_error(&e).contains("skipped"), "{e}");
        let e = gunzip(&b"plain text"[..], LIMIT).unwrap_err();
        assert_eq!(describe_error(&e), "named .gz but not a gzip file, skipped");
        let e = gunzip(&b""[..], LIMIT).unwrap_err();
        assert_eq!(describe_error(&e), "named .gz but not a gzip file, skipped");
    }

    #[test]
    fn a_stream_bigger_than_the_limit_stops_at_a_line_break_before_it() {
        // 10 MB of text in a few KB: only the limit is ever held.
        let big = gz("0123456789 abcdefghi\n".repeat(500_000).as_bytes());
        assert!(big.len() < 100_000);
        let out = gunzip(&big[..], 1000).unwrap();
        assert!(out.capped);
        assert_eq!(out.bytes.len(), 987, "47 whole lines of 21 bytes");
        assert!(out.bytes.ends_with(b"\n"));
    }

    #[test]
    fn binary_inside_is_given_up_on_at_its_start() {
        // Zeros that unpack to more than the limit allows: only their start
        // is unpacked, and no notice of a cut is given.
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..8 {
            e.write_all(&zeros).unwrap();
        }
        let bomb = e.finish().unwrap();
        let out = gunzip(&bomb[..], 1 << 20).unwrap();
        assert_eq!(out.bytes.len(), HEAD);
        assert!(!out.capped);
        assert_eq!(super::super::decode::decode(out.bytes), Decoded::Binary);
        // UTF-16 text (NULs and all) is read whole.
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(
            "A line of text.\n"
                .repeat(2000)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let out = gunzip(&gz(&utf16)[..], LIMIT).unwrap();
        assert_eq!(out.bytes, utf16);
    }

    #[test]
    fn the_inner_name_drops_only_a_final_gz() {
        assert_eq!(inner_name("talks/notes.txt.gz"), "talks/notes.txt");
        assert_eq!(inner_name("NOTES.MD.GZ"), "NOTES.MD");
        assert_eq!(inner_name("gz"), "gz");
        assert_eq!(inner_name("a.tgz"), "a.tgz");
        assert_eq!(inner_name("é.gz"), "é");
        assert!(named_gzip(Path::new("a/b.txt.GZ")));
        assert!(!named_gzip(Path::new("a/b.txt")));
    }
}
