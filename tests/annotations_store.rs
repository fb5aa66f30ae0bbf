//! Store behaviour a user would notice: round trips, damaged and foreign
//! files, unwritable directories.

use std::fs;
use std::path::Path;

use plenary::annotations::store::{BACKUP_FILE, STORE_FILE};
use plenary::annotations::{Annotation, Colour, DocumentRef, Store, StoreError};

const TEXT: &str = "The minister said the budget would balance by 2027. \
                    Critics said the budget would not balance at all.";

fn note(text_note: &str) -> Annotation {
    let doc = DocumentRef::new("speech.txt", "Budget speech", TEXT);
    Annotation::new(doc, TEXT, 4, 12, Colour::Green, text_note).unwrap()
}

fn notes(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store.annotations().map(|a| a.note.clone()).collect();
    v.sort();
    v
}

fn open(dir: &Path) -> Store {
    let (store, warnings) = Store::open(dir);
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    store
}

#[test]
fn add_edit_delete_undo_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let a = s.add(note("first #Budget")).unwrap();
    let b = s.add(note("second")).unwrap();
    let c = s.add(note("third")).unwrap();
    s.update(&a, |x| {
        x.note = "first, edited\nsecond line #budget #Fiscal".into();
        x.colour = Colour::Purple;
    })
    .unwrap();
    s.delete(&b).unwrap();
    s.delete(&c).unwrap();
    s.undo_delete(&c).unwrap();

    let s2 = open(dir.path());
    assert_eq!(
        notes(&s2),
        vec!["first, edited\nsecond line #budget #Fiscal", "third"]
    );
    let a2 = s2.get(&a).unwrap();
    assert_eq!(a2.colour, Colour::Purple);
    assert_eq!(a2.tags, vec!["budget", "fiscal"]);
    assert_eq!(a2.target.quote.exact, "minister");
    assert!(a2.updated > a2.created);
    assert!(
        s2.get(&b).unwrap().is_deleted(),
        "deletion kept as a tombstone"
    );
    assert!(matches!(
        s2.clone_err_update(&b),
        Err(StoreError::NotFound(_))
    ));

    let raw: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join(STORE_FILE)).unwrap()).unwrap();
    assert_eq!(raw["format"], "plenary-annotations");
    assert_eq!(raw["version"], 1);
    assert_eq!(raw["annotations"].as_array().unwrap().len(), 3);
    assert!(
        dir.path().join(BACKUP_FILE).exists(),
        "previous good copy kept"
    );
}

trait UpdateMissing {
    fn clone_err_update(&self, id: &str) -> Result<(), StoreError>;
}

impl UpdateMissing for Store {
    fn clone_err_update(&self, id: &str) -> Result<(), StoreError> {
        let (mut s, _) = Store::open(self.dir());
        s.update(id, |a| a.note.push('!'))
    }
}

fn corrupt_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("annotations.corrupt-"))
        .collect()
}

#[test]
fn damaged_store_is_moved_aside_and_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    s.add(note("one")).unwrap();
    s.add(note("two")).unwrap(); // backup now holds "one"
    let main = dir.path().join(STORE_FILE);
    let good = fs::read(&main).unwrap();
    fs::write(
        &main,
        b"{\"format\": \"plenary-annotations\", \"version\": 1, \"annot",
    )
    .unwrap();

    let (s2, warnings) = Store::open(dir.path());
    let text = warnings.join("\n");
    assert!(text.contains("truncated"), "{text}");
    assert!(
        text.contains("annotations.corrupt-"),
        "says where it went: {text}"
    );
    assert!(text.contains("backup"), "{text}");
    assert_eq!(notes(&s2), vec!["one"]);
    let aside = corrupt_files(dir.path());
    assert_eq!(aside.len(), 1);
    // The damaged bytes are preserved byte for byte.
    let kept = fs::read(dir.path().join(&aside[0])).unwrap();
    assert!(kept.ends_with(b"\"annot"));
    // And the main file is valid again.
    let s3 = open(dir.path());
    assert_eq!(notes(&s3), vec!["one"]);
    drop(good);
}

#[test]
fn invalid_json_and_wrong_shape_are_never_overwritten() {
    for (i, bad) in [
        &b"not json at all"[..],
        b"[1, 2, 3]",
        b"{\"format\": \"plenary-annotations\", \"version\": 1, \"annotations\": [{\"id\": 5}]}",
    ]
    .into_iter()
    .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STORE_FILE), bad).unwrap();
        let (mut s, warnings) = Store::open(dir.path());
        assert!(!warnings.is_empty(), "case {i}");
        assert!(
            warnings.iter().any(|w| w.contains("no usable backup")),
            "case {i}: {warnings:?}"
        );
        assert_eq!(s.annotations().count(), 0);
        s.add(note("new")).unwrap();
        let aside = corrupt_files(dir.path());
        assert_eq!(aside.len(), 1, "case {i}");
        assert_eq!(
            fs::read(dir.path().join(&aside[0])).unwrap(),
            bad,
            "case {i}"
        );
        assert_eq!(notes(&open(dir.path())), vec!["new"]);
    }
}

#[test]
fn store_damaged_while_open_is_moved_aside_on_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    s.add(note("kept in memory")).unwrap();
    fs::write(dir.path().join(STORE_FILE), b"garbage").unwrap();
    s.add(note("added later")).unwrap();
    let warnings = s.take_warnings();
    assert!(
        warnings.iter().any(|w| w.contains("damaged")),
        "{warnings:?}"
    );
    assert_eq!(corrupt_files(dir.path()).len(), 1);
    assert_eq!(
        notes(&open(dir.path())),
        vec!["added later", "kept in memory"]
    );
}

#[test]
fn newer_version_opens_read_only_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    s.add(note("from v1")).unwrap();
    let main = dir.path().join(STORE_FILE);
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&main).unwrap()).unwrap();
    v["version"] = 2.into();
    v["shiny_new_field"] = true.into();
    let newer = serde_json::to_vec(&v).unwrap();
    fs::write(&main, &newer).unwrap();

    let (mut s2, warnings) = Store::open(dir.path());
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("read-only") && w.contains("newer")),
        "{warnings:?}"
    );
    assert_eq!(notes(&s2), vec!["from v1"], "still readable");
    assert!(s2.read_only_reason().is_some());
    let err = s2.add(note("nope")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }));
    assert!(err.to_string().contains("newer plenary"), "{err}");
    assert_eq!(fs::read(&main).unwrap(), newer, "file untouched");
    // An already open old instance also refuses once it sees the new file.
    assert!(matches!(
        s.add(note("late")),
        Err(StoreError::ReadOnly { .. })
    ));
    assert_eq!(fs::read(&main).unwrap(), newer);
}

#[test]
fn missing_main_file_with_backup_restores_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    s.add(note("one")).unwrap();
    s.add(note("two")).unwrap();
    fs::remove_file(dir.path().join(STORE_FILE)).unwrap();
    let (s2, warnings) = Store::open(dir.path());
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("missing") && w.contains("restored 1")),
        "{warnings:?}"
    );
    assert_eq!(notes(&s2), vec!["one"]);
}

#[test]
fn edits_from_a_stale_instance_apply_to_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = open(dir.path());
    let id = one.add(note("original")).unwrap();
    let gone = one.add(note("to be deleted")).unwrap();
    let mut two = open(dir.path());
    one.update(&id, |a| a.note = "note edited in one".into())
        .unwrap();
    one.delete(&gone).unwrap();
    // `two` has not seen those changes; its colour change must not undo
    // them, and its own addition must not resurrect the deleted one.
    two.update(&id, |a| a.colour = Colour::Blue).unwrap();
    two.add(note("added in two")).unwrap();
    assert_eq!(two.get(&id).unwrap().note, "note edited in one");
    let fresh = open(dir.path());
    let a = fresh.get(&id).unwrap();
    assert_eq!(
        (a.note.as_str(), a.colour),
        ("note edited in one", Colour::Blue)
    );
    assert!(fresh.get(&gone).unwrap().is_deleted());
    assert_eq!(notes(&fresh), vec!["added in two", "note edited in one"]);
    // And `one` picks up `two`'s work on refresh.
    one.refresh().unwrap();
    assert_eq!(notes(&one), vec!["added in two", "note edited in one"]);
}

#[test]
fn unknown_fields_from_a_newer_minor_revision_survive_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s.add(note("one")).unwrap();
    let main = dir.path().join(STORE_FILE);
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&main).unwrap()).unwrap();
    v["annotations"][0]["reading_speed"] = serde_json::json!({"wpm": 240});
    fs::write(&main, serde_json::to_vec(&v).unwrap()).unwrap();
    let mut s2 = open(dir.path());
    s2.update(&id, |a| a.note = "two".into()).unwrap();
    s2.add(note("three")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&main).unwrap()).unwrap();
    let first = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id.as_str())
        .unwrap();
    assert_eq!(first["reading_speed"]["wpm"], 240);
    assert_eq!(first["note"], "two");
}
