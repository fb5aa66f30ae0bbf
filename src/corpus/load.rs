//! Opening files and folders: every problem becomes a notice, never a crash.

use std::path::PathBuf;

use super::{Corpus, Source, Work};

/// Opens files and folders (recursively, sorted by name, hidden entries
/// skipped) and analyses them, waiting until all is done. Missing paths,
/// unreadable files, binary files and empty files are reported in
/// `Corpus::notices` and skipped.
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    Corpus::load(Source::Paths(paths.to_vec()), Work::ALL)
}

/// What the bytes of a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    Empty,
    Binary,
    Text { text: String, lossy: bool },
}

/// Decodes a file's bytes: UTF-8 (a BOM is kept in the text, so offsets
/// agree with other UTF-8 readers), lossily when invalid; binary when the
/// start of the file holds a NUL byte or mostly control bytes.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Decoded::Empty;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    if memchr::memchr(0, head).is_some() || controls * 10 > head.len() {
        return Decoded::Binary;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text { text, lossy: false },
        Err(e) => Decoded::Text {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn decode_tells_text_binary_and_empty_apart() {
        assert_eq!(decode(b"  \n\r\n".to_vec()), Decoded::Empty);
        assert_eq!(decode(b"PK\x03\x04\0\0\x08".to_vec()), Decoded::Binary);
        assert_eq!(
            decode(b"caf\xe9 ok".to_vec()),
            Decoded::Text {
                text: "caf\u{fffd} ok".into(),
                lossy: true
            }
        );
        let Decoded::Text { text, lossy } = decode("\u{feff}Title\r\n".into()) else {
            panic!("a BOM file is text");
        };
        assert!(!lossy);
        assert!(text.starts_with('\u{feff}'));
    }

    #[test]
    fn escape_sequences_do_not_make_a_file_binary() {
        let doc = b"Title\n\x1b]0;pwned\x07 and \x1b[2J here\n".to_vec();
        assert!(matches!(decode(doc), Decoded::Text { .. }));
    }

    #[test]
    fn folders_load_recursively_and_report_problems() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub/.hidden")).unwrap();
        fs::write(root.join("b.txt"), "Second\n\nBody text here.").unwrap();
        fs::write(root.join("sub/a.md"), "First\n\nMore body.").unwrap();
        fs::write(root.join("sub/.hidden/x.txt"), "hidden").unwrap();
        fs::write(root.join("empty.txt"), "").unwrap();
        fs::write(root.join("img.png"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        let missing = root.join("nope.txt");
        let corpus = load_paths(&[root.to_path_buf(), missing]);
        let titles: Vec<_> = corpus.docs.iter().map(|d| d.meta.title.as_str()).collect();
        assert_eq!(titles, ["Second", "First"]);
        let notes = corpus.notices.join("\n");
        assert!(notes.contains("empty.txt: empty file"), "{notes}");
        assert!(notes.contains("img.png: binary file"), "{notes}");
        assert!(notes.contains("nope.txt: no such file"), "{notes}");
    }
}
