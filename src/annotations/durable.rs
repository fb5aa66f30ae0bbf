//! Durable file writes: temp file in the same directory, fsync, rename,
//! fsync the directory.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::model::new_id;

fn create_private(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Makes a rename or creation in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `tmp`, flushes it to disk, renames it over `dest`
/// and syncs the directory. `tmp` must be in the same directory as `dest`
/// and must not be used concurrently (callers hold the store lock).
pub fn replace_file(tmp: &Path, dest: &Path, bytes: &[u8]) -> io::Result<()> {
    // Our temporary name holding a link, FIFO or socket (a crash, or
    // someone else): never write through it, and never block opening it.
    if fs::symlink_metadata(tmp).is_ok_and(|m| !m.is_file()) {
        fs::remove_file(tmp)?;
    }
    let result = (|| {
        let mut f = create_private(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(tmp, dest)?;
        sync_dir(parent_of(dest))
    })();
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    }
    result
}

/// Writes `contents` to `path` atomically: readers see either nothing (or
/// the old file) or the complete new file. Unless `overwrite` is set, an
/// existing file is left alone and an `AlreadyExists` error is returned.
/// Used for `plenary annotations export --out FILE`.
pub fn write_file_atomic(path: &Path, contents: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = parent_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let tmp: PathBuf = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), new_id()));
    if !overwrite && path.exists() {
        return Err(exists_error(path));
    }
    let result = (|| {
        let mut f = create_private(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        if overwrite {
            fs::rename(&tmp, path)?;
        } else {
            // A hard link fails if `path` appeared meanwhile: no clobbering.
            match fs::hard_link(&tmp, path) {
                Ok(()) => fs::remove_file(&tmp)?,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(exists_error(path));
                }
                Err(_) => {
                    if path.exists() {
                        return Err(exists_error(path));
                    }
                    fs::rename(&tmp, path)?;
                }
            }
        }
        sync_dir(dir)
    })();
    let _ = fs::remove_file(&tmp);
    result
}

fn exists_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} already exists (not overwritten)", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_refuses_to_clobber_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_file_atomic(&p, b"one", false).unwrap();
        let err = write_file_atomic(&p, b"two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(err.to_string().contains("already exists"));
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_file_atomic(&p, b"three", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp files left behind");
    }
}
