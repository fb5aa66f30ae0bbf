//! The durable annotation store: one versioned JSON file per data directory.
//!
//! Every change is a transaction: take the directory lock, read the file
//! and merge it into memory (so other instances' changes are kept), apply
//! the change to the merged record, then write a temp file, fsync, keep the
//! previous good file as `annotations.json.bak`, rename the new file into
//! place and fsync the directory. A transaction that fails changes nothing:
//! memory is left as the disk is, so retrying cannot save twice and
//! cancelling cannot leave a change behind to be saved with the next one.
//!
//! Only regular files are read: a FIFO, socket or device in the store's
//! place is refused with a message, never opened (reading a FIFO would
//! wait forever).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::anchor::{Anchoring, PreparedText, belongs_to, reanchor_prepared};
use super::durable::replace_file;
use super::lock::DirLock;
use super::merge::merge_into;
use super::model::{Annotation, Timestamp};

/// The store file's name inside the data directory.
pub const STORE_FILE: &str = "annotations.json";
/// The previous good copy.
pub const BACKUP_FILE: &str = "annotations.json.bak";
/// Value of the `format` field.
pub const FORMAT: &str = "plenary-annotations";
/// The format version this build reads and writes.
pub const VERSION: u64 = 1;

const STORE_TMP: &str = ".annotations.json.tmp";
const BACKUP_TMP: &str = ".annotations.json.bak.tmp";

/// The data directory from `PLENARY_DATA_DIR`, else the platform's data
/// directory for plenary (e.g. `~/.local/share/plenary`). The `--data-dir`
/// flag, if given, takes precedence and is the caller's business.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PLENARY_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "plenary").map(|d| d.data_dir().to_path_buf())
}

/// Why a change could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store cannot be written (newer format, a damaged file that could
    /// not be moved aside, something other than a regular file, a data
    /// directory that is not a directory). The change was not applied.
    #[error("annotations not saved: {} is read-only: {reason}", path.display())]
    ReadOnly {
        /// The store file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// No live annotation has this id.
    #[error("no annotation with id {0}")]
    NotFound(String),
    /// Reading or writing failed. Nothing was changed, in memory or on
    /// disk: the caller keeps what the person typed and may try again.
    #[error("could not {action}: {source}; nothing was changed")]
    Io {
        /// What was being done, naming the path.
        action: String,
        /// The underlying error.
        source: io::Error,
    },
}

/// What was found in a store file.
enum Disk {
    Missing,
    Good {
        records: Vec<Annotation>,
        bytes: Vec<u8>,
    },
    Newer {
        version: u64,
        records: Vec<Annotation>,
    },
    Corrupt(String),
    /// Something other than a regular file (a FIFO, socket, device or
    /// directory), described in words; never opened.
    NotRegular(String),
    Unreadable(io::Error),
}

/// What kind of thing a non-regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

fn read_disk(path: &Path) -> Disk {
    // Look before opening: opening a FIFO for reading blocks until a
    // writer comes, which may be never.
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        return Disk::NotRegular(kind_of(&meta).to_string());
    }
    match fs::read(path) {
        Ok(bytes) => parse(bytes),
        // A path below a regular file holds no store either.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Disk::Missing
        }
        Err(e) => Disk::Unreadable(e),
    }
}

fn parse(bytes: Vec<u8>) -> Disk {
    let mut v: Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) if e.is_eof() => return Disk::Corrupt(format!("it is truncated ({e})")),
        Err(e) => return Disk::Corrupt(format!("it is not valid JSON ({e})")),
    };
    let Some(obj) = v.as_object_mut() else {
        return Disk::Corrupt("it is not a JSON object".into());
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Disk::Corrupt(format!("it lacks \"format\": \"{FORMAT}\""));
    }
    let Some(version) = obj
        .get("version")
        .and_then(Value::as_u64)
        .filter(|&v| v > 0)
    else {
        return Disk::Corrupt("it has no valid \"version\"".into());
    };
    let list = obj.remove("annotations").unwrap_or(Value::Null);
    if version > VERSION {
        let records = serde_json::from_value(list).unwrap_or_default();
        return Disk::Newer { version, records };
    }
    match serde_json::from_value::<Vec<Annotation>>(list) {
        Ok(records) => Disk::Good { records, bytes },
        Err(e) => Disk::Corrupt(format!("its annotations have an unexpected shape ({e})")),
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    annotations: Vec<&'a Annotation>,
}

/// The native JSON file contents for `annotations` (pretty-printed).
pub fn to_file_json<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> String {
    let out = FileOut {
        format: FORMAT,
        version: VERSION,
        annotations: annotations.into_iter().collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

/// All annotations of one data directory, kept in memory and saved on every change.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    records: BTreeMap<String, Annotation>,
    read_only: Option<String>,
    warnings: Vec<String>,
    lock_timeout: std::time::Duration,
    /// Bytes of the store file as last read under the lock, if it was good.
    last_good: Option<Vec<u8>>,
}

impl Store {
    /// Opens (or starts) the store in `dir`. Never fails: problems become
    /// human-readable warnings, for the status bar and stderr. A damaged
    /// file is moved aside (never overwritten) and the backup restored if it
    /// parses; a file from a newer plenary opens read-only.
    pub fn open(dir: impl Into<PathBuf>) -> (Store, Vec<String>) {
        let mut store = Store {
            dir: dir.into(),
            records: BTreeMap::new(),
            read_only: None,
            warnings: Vec::new(),
            lock_timeout: super::lock::LOCK_TIMEOUT,
            last_good: None,
        };
        if let Err(why) = check_dir(&store.dir) {
            // Said at once, not at the first save.
            store.warnings.push(format!(
                "annotations cannot be saved: {why}; choose another with --data-dir"
            ));
            store.read_only = Some(why);
            let warnings = store.take_warnings();
            return (store, warnings);
        }
        let lock = if store.dir.is_dir() {
            match DirLock::acquire(&store.dir) {
                Ok(lock) => Some(lock),
                Err(e) => {
                    store.warnings.push(format!(
                        "cannot lock the data directory {} ({e}); new annotations will be kept in \
                         memory until it is writable",
                        store.dir.display()
                    ));
                    None
                }
            }
        } else {
            None
        };
        match store.pull(lock.is_some()) {
            Ok(true) if lock.is_some() => {
                // Recovered from the backup: write it back as the main file.
                if let Err(e) = store.write_locked(None) {
                    store.warnings.push(e.to_string());
                }
            }
            Ok(_) => {}
            Err(StoreError::ReadOnly { path, reason }) => store
                .warnings
                .push(format!("{} opened read-only: {reason}", path.display())),
            Err(StoreError::Io { action, source }) => store.warnings.push(format!(
                "could not {action}: {source}; annotations will not be saved until it can be read"
            )),
            Err(StoreError::NotFound(_)) => {}
        }
        drop(lock);
        let warnings = store.take_warnings();
        (store, warnings)
    }

    /// Opens the store in `dir` for reading only (`plenary annotations
    /// list` and `export`): nothing is written, locked, moved or created.
    /// A damaged file is reported and left as it is (the reader, which
    /// writes, moves it aside); its backup is read instead when it is good.
    pub fn open_read_only(dir: impl Into<PathBuf>) -> (Store, Vec<String>) {
        let dir = dir.into();
        let mut store = Store {
            dir,
            records: BTreeMap::new(),
            read_only: Some("opened for reading only".into()),
            warnings: Vec::new(),
            lock_timeout: super::lock::LOCK_TIMEOUT,
            last_good: None,
        };
        if let Err(why) = check_dir(&store.dir) {
            return (store, vec![why]);
        }
        let path = store.path();
        let backup = store.dir.join(BACKUP_FILE);
        let problem = match read_disk(&path) {
            Disk::Good { records, .. } => {
                merge_into(&mut store.records, records);
                None
            }
            Disk::Newer { version, records } => {
                merge_into(&mut store.records, records);
                store.warnings.push(format!(
                    "{} was written by a newer plenary (format version {version}); listed as \
                     version {VERSION} understands it",
                    path.display()
                ));
                None
            }
            Disk::Missing => None,
            Disk::Corrupt(why) => Some(format!(
                "{} is damaged: {why}. It is left as it is; opening plenary moves it aside and \
                 restores the backup",
                path.display()
            )),
            Disk::NotRegular(what) => Some(format!(
                "{} is {what}, not a regular file, so it was not read",
                path.display()
            )),
            Disk::Unreadable(e) => Some(format!("could not read {}: {e}", path.display())),
        };
        let main_missing = store.records.is_empty() && !path.exists();
        let damaged = problem.is_some();
        store.warnings.extend(problem);
        if (main_missing || damaged)
            && let Disk::Good { records, .. } = read_disk(&backup)
        {
            let n = merge_into(&mut store.records, records);
            if n > 0 {
                store.warnings.push(format!(
                    "listing {n} annotation(s) from the backup {}",
                    backup.display()
                ));
            }
        }
        let warnings = store.take_warnings();
        (store, warnings)
    }

    /// How long a change waits for another instance holding the lock
    /// (default `lock::LOCK_TIMEOUT`).
    pub fn set_lock_timeout(&mut self, timeout: std::time::Duration) {
        self.lock_timeout = timeout;
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(STORE_FILE)
    }

    /// Why the store is read-only, if it is.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Warnings produced since the last call (e.g. a damaged file found and
    /// moved aside during a save).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The record with this id, live or deleted.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.records.get(id)
    }

    /// Live annotations, oldest first.
    pub fn annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.records.values().filter(|a| !a.is_deleted())
    }

    /// Every record including deletion tombstones.
    pub fn all_records(&self) -> impl Iterator<Item = &Annotation> {
        self.records.values()
    }

    /// Live annotations of the document at `path`, in text order.
    pub fn for_document(&self, path: &str) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self
            .annotations()
            .filter(|a| a.document.path == path)
            .collect();
        v.sort_by_key(|a| (a.target.position.start, a.target.position.end));
        v
    }

    /// Adds `a` (tags recomputed) and saves. Returns its id.
    pub fn add(&mut self, mut a: Annotation) -> Result<String, StoreError> {
        a.refresh_tags();
        let id = a.id.clone();
        self.transact(move |records| {
            records.insert(a.id.clone(), a);
            Ok(())
        })?;
        Ok(id)
    }

    /// Changes a live annotation with `f` and saves. The change is applied to
    /// the latest saved version (after merging other instances' edits);
    /// `id` and `created` are kept, tags and `updated` recomputed.
    pub fn update(&mut self, id: &str, f: impl FnOnce(&mut Annotation)) -> Result<(), StoreError> {
        self.transact(|records| {
            let a = live_mut(records, id)?;
            let (old_id, created, old_updated) = (a.id.clone(), a.created, a.updated);
            f(a);
            a.id = old_id;
            a.created = created;
            a.deleted = None;
            a.refresh_tags();
            a.updated = Timestamp::now().later_than(old_updated);
            Ok(())
        })
    }

    /// Deletes (tombstones) an annotation and saves. Deleting twice is fine.
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        self.set_deleted(id, true)
    }

    /// Brings back a deleted annotation and saves.
    pub fn undo_delete(&mut self, id: &str) -> Result<(), StoreError> {
        self.set_deleted(id, false)
    }

    fn set_deleted(&mut self, id: &str, deleted: bool) -> Result<(), StoreError> {
        self.transact(|records| {
            let a = records
                .get_mut(id)
                .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
            if a.is_deleted() != deleted {
                let now = Timestamp::now().later_than(a.updated);
                a.updated = now;
                a.deleted = deleted.then_some(now);
            }
            Ok(())
        })
    }

    /// Merges the file into memory and writes everything (picking up other
    /// instances' changes, and restoring a file that went missing).
    pub fn save(&mut self) -> Result<(), StoreError> {
        self.transact(|_| Ok(()))
    }

    /// Picks up other instances' changes without writing.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        if !self.dir.is_dir() {
            return Ok(());
        }
        let lock = DirLock::acquire_within(&self.dir, self.lock_timeout).map_err(|e| {
            self.io_error(format!("lock the data directory {}", self.dir.display()), e)
        })?;
        self.pull(true)?;
        drop(lock);
        Ok(())
    }

    /// Re-anchors the live annotations of the document at `path` (or with
    /// `text`'s hash) against its current `text`, saves new selectors for
    /// the ones that moved, and returns every outcome. Nothing is written
    /// when nothing moved. On a read-only store use `anchor::reanchor_all`.
    pub fn reanchor_document(
        &mut self,
        path: &str,
        text: &str,
    ) -> Result<Vec<(String, Anchoring)>, StoreError> {
        let doc = PreparedText::new(text);
        let needs_write = self
            .annotations()
            .filter(|a| belongs_to(a, path, &doc))
            .any(|a| a.document.hash != doc.hash() || a.document.path != path);
        if !needs_write {
            return Ok(super::anchor::reanchor_all(
                self.records.values(),
                path,
                text,
            ));
        }
        self.transact(|records| {
            let mut out = Vec::new();
            for a in records.values_mut() {
                if a.is_deleted() || !belongs_to(a, path, &doc) {
                    continue;
                }
                let outcome = reanchor_prepared(&a.target, &doc);
                if outcome != Anchoring::Orphan {
                    if let Some((start, end)) = outcome.span() {
                        a.target = doc.target(start, end);
                    }
                    a.document.hash = doc.hash().to_string();
                    a.document.path = path.to_string();
                    a.updated = Timestamp::now().later_than(a.updated);
                }
                out.push((a.id.clone(), outcome));
            }
            Ok(out)
        })
    }

    /// Runs one change as a locked read–merge–change–write transaction.
    /// On failure nothing changes: memory is left as the disk is (other
    /// instances' saved changes merged in, this change not applied).
    fn transact<R>(
        &mut self,
        change: impl FnOnce(&mut BTreeMap<String, Annotation>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path(),
                reason: reason.clone(),
            });
        }
        if let Err(why) = check_dir(&self.dir) {
            return Err(self.io_error(
                format!("use the data directory {}", self.dir.display()),
                io::Error::new(io::ErrorKind::NotADirectory, why),
            ));
        }
        fs::create_dir_all(&self.dir).map_err(|e| {
            self.io_error(
                format!("create the data directory {}", self.dir.display()),
                e,
            )
        })?;
        let lock = DirLock::acquire_within(&self.dir, self.lock_timeout).map_err(|e| {
            self.io_error(format!("lock the data directory {}", self.dir.display()), e)
        })?;
        self.pull(true)?;
        // What the disk holds now; restored if the change cannot be saved.
        let on_disk = self.records.clone();
        let disk_bytes = self.last_good.take();
        let result = change(&mut self.records).and_then(|r| {
            self.write_locked(disk_bytes)?;
            Ok(r)
        });
        if result.is_err() {
            self.records = on_disk;
        }
        drop(lock);
        result
    }

    /// Reads the file and merges it into memory. Returns whether memory now
    /// holds records the file lacks because they were restored from the
    /// backup (so the caller should write). Must hold the lock if `locked`.
    fn pull(&mut self, locked: bool) -> Result<bool, StoreError> {
        self.last_good = None;
        let path = self.path();
        let backup = self.dir.join(BACKUP_FILE);
        match read_disk(&path) {
            Disk::Good { records, bytes } => {
                merge_into(&mut self.records, records);
                self.last_good = Some(bytes);
                Ok(false)
            }
            Disk::Missing => match read_disk(&backup) {
                // The main file vanished but a backup exists: keep its notes.
                Disk::Good { records, .. } => {
                    let n = merge_into(&mut self.records, records);
                    if n > 0 {
                        self.warnings.push(format!(
                            "{} was missing; restored {n} annotation(s) from the backup {}",
                            path.display(),
                            backup.display()
                        ));
                    }
                    Ok(n > 0)
                }
                _ => Ok(false),
            },
            Disk::Newer { version, records } => {
                merge_into(&mut self.records, records);
                let reason = format!(
                    "it was written by a newer plenary (format version {version}; this one \
                     understands version {VERSION}); upgrade plenary to change annotations"
                );
                self.read_only = Some(reason.clone());
                Err(StoreError::ReadOnly { path, reason })
            }
            Disk::Unreadable(e) => Err(self.io_error(format!("read {}", path.display()), e)),
            Disk::NotRegular(what) => {
                let reason = format!(
                    "it is {what}, not a regular file, so it is neither read nor replaced; \
                     remove it or choose another --data-dir"
                );
                self.read_only = Some(reason.clone());
                Err(StoreError::ReadOnly { path, reason })
            }
            Disk::Corrupt(why) if !locked => {
                let reason = format!(
                    "it is damaged ({why}) and the data directory cannot be locked to move it \
                     aside, so it is left untouched"
                );
                self.read_only = Some(reason.clone());
                Err(StoreError::ReadOnly { path, reason })
            }
            Disk::Corrupt(why) => {
                let aside = self.move_aside(&path).map_err(|e| {
                    self.io_error(format!("move the damaged {} aside", path.display()), e)
                })?;
                self.warnings.push(format!(
                    "{} was damaged: {why}. It was moved to {} and not overwritten",
                    path.display(),
                    aside.display()
                ));
                match read_disk(&backup) {
                    Disk::Good { records, .. } => {
                        let n = records.len();
                        merge_into(&mut self.records, records);
                        self.warnings.push(format!(
                            "restored {n} annotation(s) from the backup {}; changes made after \
                             that backup may be only in {}",
                            backup.display(),
                            aside.display()
                        ));
                    }
                    _ => self.warnings.push(format!(
                        "no usable backup ({}); the damaged file is kept at {} for recovery",
                        backup.display(),
                        aside.display()
                    )),
                }
                Ok(true)
            }
        }
    }

    /// Renames a damaged store file to `annotations.corrupt-<time>.json`
    /// (never replacing an existing file). Caller holds the lock.
    fn move_aside(&self, path: &Path) -> io::Result<PathBuf> {
        let stamp = Timestamp::now().compact();
        for n in 1.. {
            let name = if n == 1 {
                format!("annotations.corrupt-{stamp}.json")
            } else {
                format!("annotations.corrupt-{stamp}-{n}.json")
            };
            let dest = self.dir.join(name);
            if dest.exists() {
                continue;
            }
            fs::rename(path, &dest)?;
            super::durable::sync_dir(&self.dir)?;
            return Ok(dest);
        }
        Err(io::Error::other("no free name for the damaged file"))
    }

    /// Writes memory to disk; `disk` is the file's current good contents,
    /// kept as the backup. Caller holds the lock.
    fn write_locked(&mut self, disk: Option<Vec<u8>>) -> Result<(), StoreError> {
        let bytes = to_file_json(self.records.values());
        if disk.as_deref() == Some(bytes.as_bytes()) {
            return Ok(());
        }
        if let Some(old) = disk {
            let backup = self.dir.join(BACKUP_FILE);
            replace_file(&self.dir.join(BACKUP_TMP), &backup, &old)
                .map_err(|e| self.io_error(format!("write the backup {}", backup.display()), e))?;
        }
        let path = self.path();
        replace_file(&self.dir.join(STORE_TMP), &path, bytes.as_bytes())
            .map_err(|e| self.io_error(format!("write {}", path.display()), e))?;
        Ok(())
    }

    fn io_error(&self, action: String, source: io::Error) -> StoreError {
        StoreError::Io { action, source }
    }
}

/// What can be told about a data directory without opening anything in
/// it (so without waiting for a lock or blocking on a FIFO): problems the
/// reader says on standard error before it starts.
pub fn preflight(dir: &Path) -> Vec<String> {
    if let Err(why) = check_dir(dir) {
        return vec![format!(
            "annotations cannot be saved: {why}; choose another with --data-dir"
        )];
    }
    let path = dir.join(STORE_FILE);
    match fs::metadata(&path) {
        Ok(m) if !m.is_file() => vec![format!(
            "{} is {}, not a regular file, so it is neither read nor replaced",
            path.display(),
            kind_of(&m)
        )],
        _ => Vec::new(),
    }
}

/// Whether `dir` can be the data directory: a directory, or nothing yet
/// (created on the first save). Otherwise why not, in words.
fn check_dir(dir: &Path) -> Result<(), String> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(format!(
            "the data directory {} is {}, not a directory",
            dir.display(),
            if m.is_file() {
                "a regular file"
            } else {
                kind_of(&m)
            }
        )),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(format!(
            "the data directory {} is below a regular file, not a directory",
            dir.display()
        )),
        Err(_) => Ok(()),
    }
}

fn live_mut<'a>(
    records: &'a mut BTreeMap<String, Annotation>,
    id: &str,
) -> Result<&'a mut Annotation, StoreError> {
    records
        .get_mut(id)
        .filter(|a| !a.is_deleted())
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
}
