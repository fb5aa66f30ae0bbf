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

    fn gz(text: &str) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_files_read_as_the_text_they_hold_in_folders_and_as_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let article = "Council votes to close the coal plant\n\nBy Ana Lima\n\nThe council voted on Tuesday to close the plant two years early.\n";
        fs::create_dir(root.join("talks")).unwrap();
        fs::write(root.join("talks/notes.txt.gz"), gz(article)).unwrap();
        fs::write(root.join("talks/plain.txt"), article).unwrap();
        // Damaged: the right magic, then rubbish; and a .gz that is not gzip.
        let mut bad = gz(article);
        bad.truncate(bad.len() / 2);
        fs::write(root.join("talks/cut.txt.gz"), bad).unwrap();
        fs::write(root.join("talks/fake.gz"), "just text").unwrap();
        // Compressed but named without .gz: the bytes say what it is.
        fs::write(root.join("talks/unnamed.txt"), gz("Unnamed body.\n")).unwrap();
        fs::write(root.join("solo.md.gz"), gz("Solo\n\nA body.\n")).unwrap();
        let corpus = load_paths(&[root.join("talks"), root.join("solo.md.gz")]);
        let paths: Vec<_> = corpus.docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths.len(), 4, "{paths:?} {:?}", corpus.notices);
        let notes = &corpus.docs[0];
        assert!(notes.path.ends_with("notes.txt.gz"));
        assert_eq!(&*notes.text, article);
        assert_eq!(notes.meta, corpus.docs[1].meta, "read as the plain file is");
        assert_eq!(&*corpus.docs[2].text, "Unnamed body.\n");
        assert_eq!(&*corpus.docs[3].text, "Solo\n\nA body.\n");
        let notes = corpus.notices.join("\n");
        assert!(notes.contains("cut.txt.gz: damaged gzip file"), "{notes}");
        assert!(
            notes.contains("fake.gz: named .gz but not a gzip file"),
            "{notes}"
        );
    }
}
