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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
