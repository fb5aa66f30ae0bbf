//! Store faults as a user meets them: a full disk (an unwritable temporary
//! file), a lock held by another instance, a FIFO or a directory where the
//! store should be, a data directory that is a file, a read-only data
//! directory, a store from a far-future plenary. Each says what the user
//! sees and what is on disk afterwards, including retry and cancel.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use plenary::annotations::lock::DirLock;
use plenary::annotations::store::{BACKUP_FILE, STORE_FILE};
use plenary::annotations::{Annotation, Colour, DocumentRef, Store, StoreError};
use plenary::app::{Action, AppState, Mode, StoreWorker, Viewports, update};
use plenary::corpus::{Corpus, Document};

const TEXT: &str = "The minister said the budget would balance by 2027.\n\n\
                    Critics said the budget would not balance at all.\n";

/// The temporary file every save writes first.
const TMP: &str = ".annotations.json.tmp";

fn note(text_note: &str) -> Annotation {
    let doc = DocumentRef::new("speech.txt", "Budget speech", TEXT);
    Annotation::new(doc, TEXT, 4, 12, Colour::Green, text_note).unwrap()
}

fn notes(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store.annotations().map(|a| a.note.clone()).collect();
    v.sort();
    v
}

/// What a fresh instance reads from the disk.
fn on_disk(dir: &Path) -> Vec<String> {
    notes(&Store::open_read_only(dir).0)
}

/// Every file in `dir` with its bytes (None for what is not a file).
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = e
                .file_type()
                .unwrap()
                .is_file()
                .then(|| fs::read(e.path()).unwrap());
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    v.sort();
    v
}

/// Makes every save fail the way a full disk does: the temporary file
/// cannot be written. Returns the undo.
fn fill_disk(dir: &Path) -> impl Fn() {
    let tmp = dir.join(TMP);
    fs::create_dir(&tmp).unwrap();
    fs::write(tmp.join("occupied"), b"x").unwrap();
    move || fs::remove_dir_all(&tmp).unwrap()
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// Runs `f` on another thread; a hang fails the test instead of stalling
/// the suite.
fn without_hanging<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("finished instead of waiting forever")
}

#[test]
fn full_disk_a_failed_add_leaves_memory_as_the_disk_and_a_retry_saves_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = Store::open(dir.path());
    s.add(note("before")).unwrap();
    let unfill = fill_disk(dir.path());
    let main = fs::read(dir.path().join(STORE_FILE)).unwrap();
    let err = s.add(note("typed")).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(notes(&s), vec!["before"], "memory is as the disk is");
    assert_eq!(on_disk(dir.path()), vec!["before"]);
    assert!(
        fs::read(dir.path().join(STORE_FILE)).unwrap() == main,
        "the store file is untouched"
    );
    // A second failure, then the retry that works: one note, not two.
    assert!(s.add(note("typed")).is_err());
    unfill();
    s.add(note("typed")).unwrap();
    assert_eq!(notes(&s), vec!["before", "typed"]);
    assert_eq!(on_disk(dir.path()), vec!["before", "typed"]);
}

#[test]
fn full_disk_failed_edit_and_delete_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = Store::open(dir.path());
    let id = s.add(note("original")).unwrap();
    let unfill = fill_disk(dir.path());
    assert!(s.update(&id, |a| a.note = "edited".into()).is_err());
    assert_eq!(s.get(&id).unwrap().note, "original");
    assert!(s.delete(&id).is_err());
    assert!(!s.get(&id).unwrap().is_deleted(), "still there, as on disk");
    unfill();
    // The next, unrelated save carries none of the failed changes.
    s.add(note("other")).unwrap();
    assert_eq!(on_disk(dir.path()), vec!["original", "other"]);
}

#[test]
fn a_lock_held_by_another_instance_times_out_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = Store::open(dir.path());
    s.add(note("before")).unwrap();
    s.set_lock_timeout(Duration::from_millis(50));
    // flock locks belong to an open file: this one is another holder, as
    // another process's would be.
    let held = DirLock::acquire(dir.path()).unwrap();
    let err = s.add(note("typed")).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("lock") && msg.contains("another plenary"),
        "{msg}"
    );
    assert_eq!(notes(&s), vec!["before"]);
    drop(held);
    s.add(note("typed")).unwrap();
    assert_eq!(on_disk(dir.path()), vec!["before", "typed"]);
}

#[test]
fn a_fifo_as_the_store_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join(STORE_FILE));
    let d = dir.path().to_path_buf();
    let (warnings, add) = without_hanging(move || {
        let (mut s, warnings) = Store::open(&d);
        let add = s.add(note("typed")).map_err(|e| e.to_string());
        (warnings, add)
    });
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("FIFO") && w.contains("read-only")),
        "{warnings:?}"
    );
    let err = add.unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
    let d = dir.path().to_path_buf();
    let (_, listed) = without_hanging(move || Store::open_read_only(&d));
    assert!(listed.iter().any(|w| w.contains("FIFO")), "{listed:?}");
    let meta = fs::metadata(dir.path().join(STORE_FILE)).unwrap();
    assert!(!meta.is_file(), "the FIFO is left where it was");
}

#[test]
fn a_fifo_as_the_backup_or_temporary_file_does_not_hang_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = Store::open(dir.path());
    s.add(note("one")).unwrap();
    fs::remove_file(dir.path().join(BACKUP_FILE)).ok();
    mkfifo(&dir.path().join(BACKUP_FILE));
    mkfifo(&dir.path().join(TMP));
    let d = dir.path().to_path_buf();
    let result = without_hanging(move || {
        s.add(note("two")).map_err(|e| e.to_string())?;
        s.add(note("three")).map_err(|e| e.to_string())
    });
    result.unwrap();
    assert_eq!(on_disk(&d), vec!["one", "three", "two"]);
}

#[test]
fn a_directory_as_the_store_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(STORE_FILE)).unwrap();
    let before = snapshot(dir.path());
    let (mut s, warnings) = Store::open(dir.path());
    assert!(
        warnings.iter().any(|w| w.contains("a directory")),
        "{warnings:?}"
    );
    assert!(matches!(
        s.add(note("typed")),
        Err(StoreError::ReadOnly { .. })
    ));
    assert_eq!(notes(&s), Vec::<String>::new());
    let after: Vec<_> = snapshot(dir.path())
        .into_iter()
        .filter(|(n, _)| n != "annotations.lock")
        .collect();
    assert_eq!(after, before);
}

#[test]
fn a_data_directory_that_is_a_file_is_said_at_once() {
    let base = tempfile::tempdir().unwrap();
    let file = base.path().join("data");
    fs::write(&file, b"my shopping list").unwrap();
    let (mut s, warnings) = Store::open(&file);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("is a regular file, not a directory"),
        "{warnings:?}"
    );
    let err = s.add(note("typed")).unwrap_err().to_string();
    assert!(err.contains("not a directory"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), b"my shopping list");
}

/// A data directory that cannot be written, and a way to make it writable
/// again. chmod does not stop root, so as root use a path below a file.
fn unwritable_dir(base: &Path) -> (PathBuf, Box<dyn Fn()>) {
    use std::os::unix::fs::PermissionsExt;
    let dir = base.join("data");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
    if fs::write(dir.join("probe"), b"x").is_err() {
        let d = dir.clone();
        return (
            dir,
            Box::new(move || fs::set_permissions(&d, fs::Permissions::from_mode(0o700)).unwrap()),
        );
    }
    fs::remove_file(dir.join("probe")).unwrap();
    let blocker = base.join("blocker");
    fs::write(&blocker, b"a file, not a directory").unwrap();
    let b = blocker.clone();
    (
        blocker.join("data"),
        Box::new(move || {
            fs::remove_file(&b).unwrap();
            fs::create_dir(&b).unwrap();
        }),
    )
}

#[test]
fn a_read_only_data_directory_is_said_and_nothing_is_half_saved() {
    let base = tempfile::tempdir().unwrap();
    let (dir, fix) = unwritable_dir(base.path());
    let (mut s, warnings) = Store::open(&dir);
    assert!(!warnings.is_empty(), "said at start");
    let msg = s.add(note("typed")).unwrap_err().to_string();
    assert!(msg.contains(&dir.display().to_string()), "{msg}");
    assert_eq!(notes(&s), Vec::<String>::new(), "memory is as the disk is");
    fix();
    // A new session saves normally; nothing from the failed one appears.
    let (mut s, _) = Store::open(&dir);
    s.add(note("later")).unwrap();
    assert_eq!(on_disk(&dir), vec!["later"]);
}

#[test]
fn a_far_future_store_lists_but_never_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = Store::open(dir.path());
    s.add(note("from now")).unwrap();
    let main = dir.path().join(STORE_FILE);
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&main).unwrap()).unwrap();
    v["version"] = 9000.into();
    fs::write(&main, serde_json::to_vec(&v).unwrap()).unwrap();
    let before = snapshot(dir.path());
    let (mut s, warnings) = Store::open(dir.path());
    assert!(
        warnings.iter().any(|w| w.contains("version 9000")),
        "{warnings:?}"
    );
    assert_eq!(notes(&s), vec!["from now"]);
    assert!(s.add(note("no")).is_err());
    assert_eq!(on_disk(dir.path()), vec!["from now"]);
    let (_, listed) = Store::open_read_only(dir.path());
    assert!(
        listed.iter().any(|w| w.contains("newer plenary")),
        "{listed:?}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn listing_a_damaged_store_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = Store::open(dir.path());
    s.add(note("one")).unwrap();
    s.add(note("two")).unwrap();
    drop(s);
    fs::write(dir.path().join(STORE_FILE), b"{\"format\": \"plenary-annot").unwrap();
    fs::remove_file(dir.path().join("annotations.lock")).unwrap();
    let before = snapshot(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["annotations", "list", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(stderr.contains("left as it is"), "{stderr}");
    assert!(
        stdout.contains("speech.txt"),
        "the backup is listed: {stdout}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "no file written, moved or made"
    );
    // Exporting reads too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["annotations", "export", "--format", "json", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(snapshot(dir.path()), before);
    // The reader, which writes, moves it aside as before.
    let (_, warnings) = Store::open(dir.path());
    assert!(warnings.iter().any(|w| w.contains("moved")), "{warnings:?}");
}

// The same faults through the reader's note editor.

fn reader(dir: &Path) -> (AppState, Viewports, StoreWorker) {
    let doc = Document::new("speech.txt", TEXT.to_string());
    let mut state = AppState::new(Corpus::new(vec![doc], vec![]));
    let mut worker = state
        .open_notebook(Some(dir.to_path_buf()))
        .expect("a store thread");
    worker.settle(&mut state);
    assert!(state.status.is_none(), "{:?}", state.status);
    (state, Viewports::default(), worker)
}

/// Ctrl-s in the editor, and the store thread's answer taken in.
fn save(state: &mut AppState, vp: &Viewports, worker: &mut StoreWorker) {
    update(state, vp, Action::EditorSave);
    worker.settle(state);
}

fn type_note(state: &mut AppState, vp: &Viewports, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        update(state, vp, Action::EditorKey(key));
    }
}

fn status(state: &AppState) -> String {
    state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn editor_a_failed_save_retried_saves_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut state, vp, mut worker) = reader(dir.path());
    let unfill = fill_disk(dir.path());
    update(&mut state, &vp, Action::AnnotateParagraph);
    type_note(&mut state, &vp, "careful words");
    save(&mut state, &vp, &mut worker);
    assert!(
        matches!(state.mode, Mode::Editor(_)),
        "the note stays in the editor"
    );
    assert!(status(&state).contains("not saved"), "{}", status(&state));
    assert!(
        status(&state).contains("Ctrl-s retries"),
        "{}",
        status(&state)
    );
    unfill();
    save(&mut state, &vp, &mut worker);
    assert!(matches!(state.mode, Mode::Normal));
    assert_eq!(status(&state), "note saved");
    assert_eq!(on_disk(dir.path()), vec!["careful words"]);
    assert_eq!(state.notebook.placed[0].len(), 1);
}

#[test]
fn editor_a_failed_save_then_cancelled_never_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut state, vp, mut worker) = reader(dir.path());
    let unfill = fill_disk(dir.path());
    update(&mut state, &vp, Action::AnnotateParagraph);
    type_note(&mut state, &vp, "cancelled");
    save(&mut state, &vp, &mut worker);
    update(&mut state, &vp, Action::Cancel);
    assert_eq!(status(&state), "note not saved");
    unfill();
    update(&mut state, &vp, Action::AnnotateParagraph);
    type_note(&mut state, &vp, "kept");
    save(&mut state, &vp, &mut worker);
    assert_eq!(on_disk(dir.path()), vec!["kept"]);
    let in_memory: Vec<String> = state
        .notebook
        .records
        .iter()
        .flat_map(|r| r.annotations())
        .map(|a| a.note.clone())
        .collect();
    assert_eq!(in_memory, vec!["kept"]);
}
