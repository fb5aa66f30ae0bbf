//! Opening files and folders: every problem becomes a notice, never a crash.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::decode::{Decoded, decode};
use super::{Corpus, Document};

/// Limits that keep a careless `plenary ~` from eating the machine.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are skipped with a notice.
    pub max_file_bytes: u64,
    /// At most this many documents are opened; the rest are counted.
    pub max_files: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 256 * 1024 * 1024,
            max_files: 100_000,
        }
    }
}

/// Opens files and folders (recursively, sorted by name, hidden entries
/// skipped). Missing paths, unreadable files, binary files and empty files
/// are reported in `Corpus::notices` and skipped.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Corpus {
    let mut loader = Loader {
        opts,
        corpus: Corpus::default(),
        seen_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        over_limit: 0,
    };
    for path in paths {
        loader.visit(path, true);
    }
    if loader.over_limit > 0 {
        loader.corpus.notices.push(format!(
            "{} more files not opened (limit {})",
            loader.over_limit, opts.max_files
        ));
    }
    let Corpus { docs, notices } = loader.corpus;
    Corpus::new(docs, notices)
}

struct Loader<'a> {
    opts: &'a LoadOptions,
    corpus: Corpus,
    seen_dirs: HashSet<PathBuf>,
    seen_files: HashSet<PathBuf>,
    over_limit: usize,
}

impl Loader<'_> {
    fn notice(&mut self, path: &Path, what: impl std::fmt::Display) {
        self.corpus
            .notices
            .push(format!("{}: {what}", path.display()));
    }

    fn visit(&mut self, path: &Path, named: bool) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling link inside a folder is worth a word too.
                return self.notice(path, "no such file or folder");
            }
            Err(e) => return self.notice(path, format_args!("cannot open ({e})")),
        };
        if meta.is_dir() {
            self.visit_dir(path);
        } else if meta.is_file() {
            self.visit_file(path, meta.len());
        } else if named {
            self.notice(path, "not a regular file or folder, skipped");
        }
    }

    fn visit_dir(&mut self, dir: &Path) {
        // Canonical paths break symlink loops and double visits.
        let Ok(canon) = fs::canonicalize(dir) else {
            return self.notice(dir, "cannot resolve folder");
        };
        if !self.seen_dirs.insert(canon) {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return self.notice(dir, format_args!("cannot list folder ({e})")),
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        for child in children {
            self.visit(&child, false);
        }
    }

    fn visit_file(&mut self, path: &Path, len: u64) {
        if let Ok(canon) = fs::canonicalize(path)
            && !self.seen_files.insert(canon)
        {
            return;
        }
        if self.corpus.docs.len() >= self.opts.max_files {
            self.over_limit += 1;
            return;
        }
        if len > self.opts.max_file_bytes {
            return self.notice(
                path,
                format_args!("{} MB is too large to open, skipped", len / (1024 * 1024)),
            );
        }
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) => return self.notice(path, format_args!("cannot read ({e})")),
        };
        match decode(bytes) {
            Decoded::Empty => self.notice(path, "empty file, skipped"),
            Decoded::Binary => self.notice(path, "binary file, skipped"),
            Decoded::Text {
                text,
                lossy,
                encoding,
            } => {
                let mut doc = Document::new(path.display().to_string(), text);
                doc.encoding = encoding;
                if lossy {
                    let msg = format!(
                        "invalid {}, shown with replacement characters",
                        encoding.unwrap_or("UTF-8")
                    );
                    doc.notices.push(msg.to_string());
                    self.notice(path, msg);
                }
                self.corpus.docs.push(doc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let corpus = load_paths(&[root.to_path_buf(), missing], &LoadOptions::default());
        let titles: Vec<_> = corpus.docs.iter().map(|d| d.meta.title.as_str()).collect();
        assert_eq!(titles, ["Second", "First"]);
        let notes = corpus.notices.join("\n");
        assert!(notes.contains("empty.txt: empty file"), "{notes}");
        assert!(notes.contains("img.png: binary file"), "{notes}");
        assert!(notes.contains("nope.txt: no such file"), "{notes}");
    }
}
