//! The pure side of the store thread: what `update` asks for, and how the
//! store's answers change the reader (no store involved), then the worker
//! against a real store whose lock another holder keeps.

use super::*;
use crate::app::{Action, Pane, SidebarTab, Viewports, update};
use crate::corpus::{Corpus, Document};

const TEXT: &str =
    "MODERATOR: Welcome to the briefing.\n\nMINISTER ROE: We have a plan for the roads.\n";

fn reader() -> AppState {
    let mut s = AppState::new(Corpus::new(
        vec![Document::new("briefing.txt", TEXT.to_string())],
        vec![],
    ));
    s.notebook = crate::app::notes::Notebook::opening();
    s.apply_store(StoreEvent::Opened {
        snapshot: Snapshot::default(),
        warnings: vec![],
    });
    s
}

fn vp() -> Viewports {
    Viewports {
        reader_rows: 10,
        reader_cols: 60,
        sidebar_rows: 10,
        list_rows: 10,
        ..Viewports::default()
    }
}

/// Opens the editor on the first paragraph, types `note` and saves.
fn write_and_save(s: &mut AppState, note: &str) {
    let v = vp();
    update(s, &v, Action::AnnotateParagraph);
    for c in note.chars() {
        update(s, &v, Action::EditorKey(key(c)));
    }
    update(s, &v, Action::EditorSave);
}

fn key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    )
}

fn editor_note(s: &AppState) -> Option<String> {
    match &s.mode {
        Mode::Editor(ed) => Some(ed.note()),
        _ => None,
    }
}

/// The one save asked for: its number and annotation.
fn the_save(s: &AppState) -> (u64, Annotation) {
    match s.effects.as_slice() {
        [Effect::SaveAnnotation { token, annotation }] => (*token, (**annotation).clone()),
        other => panic!("expected one save, got {other:?}"),
    }
}

/// What the store would answer after saving `a`.
fn saved(token: u64, a: &Annotation) -> StoreEvent {
    StoreEvent::Saved {
        change: Change::Saved {
            token,
            id: a.id.clone(),
        },
        snapshot: Some(Snapshot {
            records: vec![a.clone()],
            read_only: None,
        }),
        warnings: vec![],
    }
}

#[test]
fn a_save_is_asked_for_once_and_the_editor_waits_for_it() {
    let mut s = reader();
    write_and_save(&mut s, "roads #budget");
    let (_, a) = the_save(&s);
    assert_eq!(a.note, "roads #budget");
    assert_eq!(a.target.quote.exact, "MODERATOR: Welcome to the briefing.");
    assert_eq!(editor_note(&s).as_deref(), Some("roads #budget"));
    assert_eq!(s.notebook.pending, 1, "the status bar says saving…");
    // A second Ctrl-s while the first is on its way sends nothing more.
    update(&mut s, &vp(), Action::EditorSave);
    assert_eq!(s.effects.len(), 1);
    assert!(s.status.as_ref().unwrap().text.starts_with("saving…"));
    // Esc does not throw the note away while it is being saved.
    update(&mut s, &vp(), Action::Cancel);
    assert_eq!(editor_note(&s).as_deref(), Some("roads #budget"));
}

#[test]
fn a_confirmed_save_closes_the_editor_and_shows_the_note() {
    let mut s = reader();
    write_and_save(&mut s, "roads");
    let (token, a) = the_save(&s);
    s.effects.clear();
    s.apply_store(saved(token, &a));
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(s.status.as_ref().unwrap().text, "note saved");
    assert_eq!(s.notebook.pending, 0);
    let placed = &s.notebook.placed[0];
    assert_eq!(placed.len(), 1);
    assert_eq!(&TEXT[placed[0].range.clone()], a.target.quote.exact);
    s.tab = SidebarTab::Notes;
    assert_eq!(s.notebook.entries(0, false, "").len(), 1);
}

#[test]
fn a_failed_save_keeps_the_editor_and_trying_again_does_not_duplicate() {
    let mut s = reader();
    write_and_save(&mut s, "roads");
    let (token, first) = the_save(&s);
    s.effects.clear();
    s.apply_store(StoreEvent::Failed {
        change: Change::Saved {
            token,
            id: first.id.clone(),
        },
        error: "another plenary has held the lock for over 15 s".into(),
    });
    let status = s.status.clone().unwrap();
    assert!(
        status.error
            && status
                .text
                .starts_with("note not saved (Ctrl-s retries, Esc discards): another plenary")
    );
    assert_eq!(editor_note(&s).as_deref(), Some("roads"), "nothing lost");
    assert!(s.notebook.placed[0].is_empty(), "not shown as saved");
    assert_eq!(s.notebook.pending, 0);
    // Ctrl-s again: the same annotation, so the store replaces, never adds.
    update(&mut s, &vp(), Action::EditorSave);
    let (again, second) = the_save(&s);
    assert_ne!(again, token);
    assert_eq!(second.id, first.id);
    // An answer to the old attempt does not close the editor.
    s.effects.clear();
    s.apply_store(saved(token, &first));
    assert!(matches!(s.mode, Mode::Editor(_)));
    s.apply_store(saved(again, &second));
    assert!(matches!(s.mode, Mode::Normal));
}

#[test]
fn typing_after_ctrl_s_keeps_the_editor_on_the_saved_note() {
    let mut s = reader();
    write_and_save(&mut s, "roads");
    let (token, a) = the_save(&s);
    s.effects.clear();
    // Keys still reach the editor while the save is on its way.
    update(&mut s, &vp(), Action::EditorKey(key('!')));
    s.apply_store(saved(token, &a));
    let Mode::Editor(ed) = &s.mode else {
        panic!("the editor closed with unsaved typing");
    };
    assert_eq!(ed.note(), "roads!");
    assert_eq!(ed.target, EditTarget::Existing { id: a.id.clone() });
    update(&mut s, &vp(), Action::EditorSave);
    assert!(matches!(
        s.effects.as_slice(),
        [Effect::UpdateAnnotation { id, note, .. }] if *id == a.id && note == "roads!"
    ));
}

#[test]
fn delete_and_undo_take_effect_when_the_store_confirms() {
    let mut s = reader();
    write_and_save(&mut s, "roads");
    let (token, a) = the_save(&s);
    s.effects.clear();
    s.apply_store(saved(token, &a));
    let v = vp();
    update(&mut s, &v, Action::Focus(Pane::Sidebar));
    s.tab = SidebarTab::Notes;
    update(&mut s, &v, Action::DeleteNote);
    assert_eq!(s.effects, vec![Effect::Delete { id: a.id.clone() }]);
    assert_eq!(s.notebook.entries(0, false, "").len(), 1, "not yet");
    s.effects.clear();
    let mut gone = a.clone();
    gone.deleted = Some(crate::annotations::Timestamp::now());
    s.apply_store(StoreEvent::Saved {
        change: Change::Deleted { id: a.id.clone() },
        snapshot: Some(Snapshot {
            records: vec![gone],
            read_only: None,
        }),
        warnings: vec![],
    });
    assert!(s.notebook.entries(0, false, "").is_empty());
    assert!(s.notebook.placed[0].is_empty());
    assert_eq!(s.status.as_ref().unwrap().text, "note deleted — u undoes");
    // Undo fails: it can be tried again.
    update(&mut s, &v, Action::UndoDelete);
    assert_eq!(s.effects, vec![Effect::UndoDelete { id: a.id.clone() }]);
    s.effects.clear();
    s.apply_store(StoreEvent::Failed {
        change: Change::Restored { id: a.id.clone() },
        error: "disk full".into(),
    });
    assert!(s.status.as_ref().unwrap().error);
    update(&mut s, &v, Action::UndoDelete);
    assert_eq!(s.effects, vec![Effect::UndoDelete { id: a.id.clone() }]);
}

#[test]
fn without_a_data_directory_nothing_is_asked_of_a_store() {
    let mut s = reader();
    s.notebook = crate::app::notes::Notebook::default();
    write_and_save(&mut s, "roads");
    assert!(s.effects.is_empty());
    assert!(s.status.as_ref().unwrap().error);
    assert!(matches!(s.mode, Mode::Editor(_)));
}

#[test]
fn documents_arriving_after_the_store_opens_are_reanchored_by_it() {
    let mut s = reader();
    write_and_save(&mut s, "roads");
    let (token, a) = the_save(&s);
    s.effects.clear();
    s.apply_store(saved(token, &a));
    // The store opened with annotations: a document read later is handed
    // to the store (no pass over the text here beyond placing).
    let text = format!("Preface.\n\n{TEXT}");
    s.apply_load(crate::corpus::LoadEvent::Found(Box::new(Document::new(
        "briefing.txt",
        text,
    ))));
    assert!(matches!(
        s.effects.as_slice(),
        [Effect::Reanchor { path, .. }] if path == "briefing.txt"
    ));
}

/// The worker against a real store while the test holds its lock: the
/// reader's side never waits, and the note is saved once the lock frees.
#[test]
fn a_held_lock_delays_the_save_not_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let lock = crate::annotations::lock::DirLock::acquire(dir.path()).unwrap();
    let mut s = AppState::new(Corpus::new(
        vec![Document::new("briefing.txt", TEXT.to_string())],
        vec![],
    ));
    let mut worker = s.open_notebook(Some(dir.path().to_path_buf())).unwrap();
    write_and_save(&mut s, "roads");
    // Polling returns at once with nothing answered.
    worker.poll(&mut s);
    assert!(worker.busy());
    assert!(matches!(s.mode, Mode::Editor(_)));
    drop(lock);
    worker.settle(&mut s);
    assert!(matches!(s.mode, Mode::Normal), "{:?}", s.status);
    worker.finish(true);
    let (store, _) = crate::annotations::Store::open(dir.path());
    let notes: Vec<_> = store.annotations().map(|a| a.note.clone()).collect();
    assert_eq!(notes, vec!["roads".to_string()]);
}

#[test]
fn reanchoring_reports_the_store_only_when_annotations_moved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = crate::annotations::Store::open(dir.path());
    let doc = crate::annotations::DocumentRef::new("briefing.txt", "Briefing", TEXT);
    let at = TEXT.find("plan").unwrap();
    let a = Annotation::new(doc, TEXT, at, at + 4, Colour::default(), "").unwrap();
    assert_eq!(a.target.quote.exact, "plan");
    store.add(a).unwrap();
    let same = perform(
        &mut store,
        Effect::Reanchor {
            path: "briefing.txt".into(),
            text: TEXT.into(),
        },
    );
    assert!(
        matches!(same, StoreEvent::Saved { snapshot: None, .. }),
        "{same:?}"
    );
    // The document gained a first paragraph: the note moves with its text.
    let edited_doc = Document::new("briefing.txt", format!("Preface.\n\n{TEXT}"));
    let edited = edited_doc.text.to_string();
    let moved = perform(
        &mut store,
        Effect::Reanchor {
            path: "briefing.txt".into(),
            text: edited.as_str().into(),
        },
    );
    let start = edited.find("plan").unwrap();
    assert!(matches!(
        &moved,
        StoreEvent::Saved { snapshot: Some(s), .. } if s.records[0].target.position.start == start
    ));
    let mut s = AppState::new(Corpus::new(vec![edited_doc], vec![]));
    s.notebook = crate::app::notes::Notebook::opening();
    s.apply_store(StoreEvent::Opened {
        snapshot: Snapshot::default(),
        warnings: vec![],
    });
    s.apply_store(moved);
    let placed = &s.notebook.placed[0];
    assert_eq!(&edited[placed[0].range.clone()], "plan");
}
