//! A document's text: owned, or a read-only memory map of its file.
//!
//! A large UTF-8 file is mapped rather than read: its pages belong to the
//! page cache (file-backed, shared, dropped by the kernel under pressure),
//! not to plenary's private memory, and opening it costs nothing however
//! large it is. It is checked to be valid UTF-8 once, when it is mapped; a
//! file that needs decoding (UTF-16 or UTF-32, invalid UTF-8) or is small
//! is read into memory as before. A UTF-8 byte-order mark is skipped by
//! starting the text after it.
//!
//! The trade-off of a map: if another program truncates the file while
//! plenary has it mapped, reading the missing pages ends the process with
//! `SIGBUS`, and a file rewritten in place changes under the reader. Only
//! files of at least [`MAP_BYTES`] are mapped (logs and transcripts that
//! are written once and read many times), as `less` -style pagers and
//! `ripgrep` do; the README says so.

use std::fmt;
use std::fs::File;
use std::ops::Deref;
use std::sync::Arc;

/// Files of at least this many bytes are mapped instead of read.
pub const MAP_BYTES: u64 = 1024 * 1024;

/// Text shared between the reader and the analysis workers, never copied:
/// cloning it clones a pointer. Derefs to `&str`.
#[derive(Clone)]
pub struct DocText(Arc<Repr>, std::ops::Range<usize>);

enum Repr {
    Owned(Box<str>),
    /// A whole file mapped read-only; the text is `map[range]`, checked to
    /// be UTF-8 when it was made.
    Mapped(memmap2::Mmap),
}

impl DocText {
    /// Whether the text lives in a file mapping rather than in memory of
    /// its own.
    pub fn is_mapped(&self) -> bool {
        matches!(*self.0, Repr::Mapped(_))
    }

    /// The first `len` bytes (a char boundary), sharing the same storage:
    /// the head of a large file shown before the rest is checked.
    pub fn prefix(&self, len: usize) -> DocText {
        let len = crate::text::floor_char(self, len);
        DocText(Arc::clone(&self.0), self.1.start..self.1.start + len)
    }

    fn bytes(&self) -> &[u8] {
        match &*self.0 {
            Repr::Owned(s) => &s.as_bytes()[self.1.clone()],
            Repr::Mapped(m) => &m[self.1.clone()],
        }
    }
}

/// A file mapped, before its bytes are known to be text.
pub(crate) struct MappedFile(Arc<Repr>);

impl MappedFile {
    /// Maps `file` read-only. `None` when the system refuses (then the
    /// file is read instead).
    pub(crate) fn map(file: &File) -> Option<MappedFile> {
        // SAFETY: the map is read-only and private to this process. The
        // file may still change or shrink under it (see the module notes);
        // plenary accepts that risk for large files, as pagers do.
        let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Some(MappedFile(Arc::new(Repr::Mapped(map))))
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        match &*self.0 {
            Repr::Mapped(m) => m,
            Repr::Owned(s) => s.as_bytes(),
        }
    }

    /// The text of bytes `range` when they are valid UTF-8 (checked here,
    /// once), sharing the map.
    pub(crate) fn text(&self, range: std::ops::Range<usize>) -> Option<DocText> {
        simdutf8::basic::from_utf8(self.bytes().get(range.clone())?).ok()?;
        Some(DocText(Arc::clone(&self.0), range))
    }

    /// As [`MappedFile::text`], checked in pieces of about `piece` bytes
    /// cut after a line break, on every core, with `f` run on each piece
    /// (its text and its offset) while it is in the cache: one pass over a
    /// large file. `None` when some piece is not UTF-8.
    pub(crate) fn text_by_pieces<T: Send>(
        &self,
        range: std::ops::Range<usize>,
        piece: usize,
        f: impl Fn(&str, usize) -> T + Sync,
    ) -> Option<(DocText, Vec<T>)> {
        use rayon::prelude::*;
        let bytes = self.bytes().get(range.clone())?;
        let parts: Option<Vec<T>> = crate::text::line_pieces(bytes, piece)
            .into_par_iter()
            .map(|r| {
                simdutf8::basic::from_utf8(&bytes[r.clone()])
                    .ok()
                    .map(|s| f(s, r.start))
            })
            .collect();
        Some((DocText(Arc::clone(&self.0), range), parts?))
    }
}

impl Deref for DocText {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: every `DocText` is made from a `str` or from bytes that
        // `from_utf8` (std or simdutf8) accepted, and its range lies on char boundaries
        // (`prefix` floors to one).
        unsafe { std::str::from_utf8_unchecked(self.bytes()) }
    }
}

impl AsRef<str> for DocText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for DocText {
    fn borrow(&self) -> &str {
        self
    }
}

impl fmt::Debug for DocText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_mapped() {
            write!(f, "DocText(mapped, {} bytes)", self.len())
        } else {
            fmt::Debug::fmt(&**self, f)
        }
    }
}

impl fmt::Display for DocText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl PartialEq for DocText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for DocText {}

impl PartialEq<str> for DocText {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for DocText {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl Default for DocText {
    fn default() -> Self {
        DocText::from("")
    }
}

impl From<Box<str>> for DocText {
    fn from(s: Box<str>) -> Self {
        let len = s.len();
        DocText(Arc::new(Repr::Owned(s)), 0..len)
    }
}

impl From<String> for DocText {
    /// Takes the string's buffer (shrunk to fit), without copying the text
    /// when it has no spare capacity.
    fn from(s: String) -> Self {
        DocText::from(s.into_boxed_str())
    }
}

impl From<&str> for DocText {
    fn from(s: &str) -> Self {
        DocText::from(Box::<str>::from(s))
    }
}

impl From<&String> for DocText {
    fn from(s: &String) -> Self {
        DocText::from(s.as_str())
    }
}

impl From<std::borrow::Cow<'_, str>> for DocText {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        DocText::from(s.into_owned())
    }
}

impl From<Arc<str>> for DocText {
    fn from(s: Arc<str>) -> Self {
        DocText::from(&*s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn mapped(bytes: &[u8]) -> (tempfile::NamedTempFile, MappedFile) {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f.flush().unwrap();
        let m = MappedFile::map(f.as_file()).expect("a regular file maps");
        (f, m)
    }

    #[test]
    fn a_mapped_text_reads_and_compares_as_the_owned_one() {
        let s = "SECRETARY DOE: “Merci” — 谢谢 🎉\r\nQUESTION: And?\n";
        let (_f, m) = mapped(s.as_bytes());
        let t = m.text(0..s.len()).unwrap();
        assert!(t.is_mapped());
        let owned = DocText::from(s);
        assert!(!owned.is_mapped());
        assert_eq!(t, owned);
        assert_eq!(&*t, s);
        assert_eq!(t.lines().count(), s.lines().count());
        assert_eq!(t.find("QUESTION"), s.find("QUESTION"));
        let clone = t.clone();
        assert_eq!(clone.as_ptr(), t.as_ptr(), "a clone shares the bytes");
    }

    #[test]
    fn a_text_checked_in_pieces_is_the_text_and_its_pieces_end_at_line_breaks() {
        let s = "one “two”\r\nthree 谢谢\n\nfour\nfive";
        let (_f, m) = mapped(s.as_bytes());
        for piece in [1, 3, 7, 100] {
            let (t, parts) = m
                .text_by_pieces(0..s.len(), piece, |p, off| (off, p.to_string()))
                .unwrap();
            assert_eq!(&*t, s);
            assert_eq!(parts.iter().map(|(_, p)| p.as_str()).collect::<String>(), s);
            for (off, p) in &parts {
                assert_eq!(&s[*off..*off + p.len()], p);
            }
            for (_, p) in &parts[..parts.len() - 1] {
                assert!(p.ends_with('\n'), "{p:?}");
            }
        }
        let (_f, bad) = mapped(b"fine\nbad \xe9\nfine\n");
        assert!(bad.text_by_pieces(0..20, 4, |_, _| ()).is_none());
    }

    #[test]
    fn invalid_utf8_is_not_taken_as_text() {
        let (_f, m) = mapped(b"caf\xe9 ok\n");
        assert!(m.text(0..9).is_none());
        assert!(m.text(0..3).is_some(), "a valid part still is");
        assert!(m.text(0..99).is_none(), "a range past the end is refused");
    }

    #[test]
    fn a_prefix_shares_the_storage_and_never_splits_a_character() {
        let s = "ab€cd";
        let (_f, m) = mapped(s.as_bytes());
        let t = m.text(0..s.len()).unwrap();
        let head = t.prefix(3);
        assert_eq!(&*head, "ab", "cut inside € moves back to its start");
        assert_eq!(head.as_ptr(), t.as_ptr());
        assert_eq!(&*DocText::from(s).prefix(5), "ab€");
        assert_eq!(&*t.prefix(99), s);
    }

    #[test]
    fn a_text_after_a_byte_order_mark_starts_after_it() {
        let (_f, m) = mapped("\u{feff}Title\n".as_bytes());
        let t = m.text(3..9).unwrap();
        assert_eq!(&*t, "Title\n");
        assert_eq!(&*t.prefix(2), "Ti");
    }
}
