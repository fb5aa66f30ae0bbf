//! The annotation store off the UI thread. `update` asks for changes as
//! [`Effect`]s; the event loop hands them to a [`StoreWorker`], whose
//! thread owns the [`Store`] (opening it too, so a held lock never delays
//! the first frame) and answers each with a [`StoreEvent`], which
//! [`AppState::apply_store`] takes in without any I/O.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::editor::EditTarget;
use super::state::{AppState, Mode, Status};
use crate::annotations::{Annotation, Colour, Store};

/// A change to the annotation store asked for by `update`.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Save a new annotation (the editor's save number `token`).
    SaveAnnotation {
        token: u64,
        annotation: Box<Annotation>,
    },
    /// Change the note and colour of an existing annotation.
    UpdateAnnotation {
        token: u64,
        id: String,
        note: String,
        colour: Colour,
    },
    /// Delete (tombstone) an annotation.
    Delete { id: String },
    /// Bring back a deleted annotation.
    UndoDelete { id: String },
    /// Move a document's annotations to where their text now is, and save
    /// the new selectors.
    Reanchor {
        path: String,
        text: crate::corpus::DocText,
    },
}

/// What an effect was, in the store's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The editor's save `token`; `id` is the annotation's.
    Saved {
        token: u64,
        id: String,
    },
    Deleted {
        id: String,
    },
    Restored {
        id: String,
    },
    Reanchored {
        path: String,
    },
}

/// What the store holds, for the reader's read model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// Every record, deletion tombstones included.
    pub records: Vec<Annotation>,
    pub read_only: Option<String>,
}

impl Snapshot {
    fn of(store: &Store) -> Snapshot {
        Snapshot {
            records: store.all_records().cloned().collect(),
            read_only: store.read_only_reason().map(str::to_string),
        }
    }
}

/// The store thread's report.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreEvent {
    /// The store is open (or could not be read: the warnings say why).
    Opened {
        snapshot: Snapshot,
        warnings: Vec<String>,
    },
    /// A change is saved. No snapshot when no annotation changed (a
    /// document re-anchored where its annotations already were).
    Saved {
        change: Change,
        snapshot: Option<Snapshot>,
        warnings: Vec<String>,
    },
    /// A change could not be saved; `error` says why, for the user.
    Failed { change: Change, error: String },
}

/// Carries out one effect on the store (this is where the waiting for the
/// lock, reading, merging and fsync happen).
pub fn perform(store: &mut Store, effect: Effect) -> StoreEvent {
    let mut unchanged = false;
    let (change, result) = match effect {
        Effect::SaveAnnotation { token, annotation } => {
            let id = annotation.id.clone();
            (
                Change::Saved { token, id },
                store.add(*annotation).map(|_| ()),
            )
        }
        Effect::UpdateAnnotation {
            token,
            id,
            note,
            colour,
        } => {
            let result = store.update(&id, |a| {
                a.note = note;
                a.colour = colour;
                a.refresh_tags();
            });
            (Change::Saved { token, id }, result)
        }
        Effect::Delete { id } => {
            let result = store.delete(&id);
            (Change::Deleted { id }, result)
        }
        Effect::UndoDelete { id } => {
            let result = store.undo_delete(&id);
            (Change::Restored { id }, result)
        }
        Effect::Reanchor { path, text } => {
            // Most documents have not changed: then the reader is not sent
            // the whole store again (that would be quadratic on loading).
            let before: Vec<Annotation> = store.for_document(&path).into_iter().cloned().collect();
            let result = store.reanchor_document(&path, &text).map(|_| ());
            unchanged = store.for_document(&path).into_iter().eq(before.iter());
            (Change::Reanchored { path }, result)
        }
    };
    match result {
        Ok(()) => StoreEvent::Saved {
            change,
            snapshot: (!unchanged).then(|| Snapshot::of(store)),
            warnings: store.take_warnings(),
        },
        Err(e) => StoreEvent::Failed {
            change,
            error: e.to_string(),
        },
    }
}

/// The thread that owns the store. Every effect submitted is answered by
/// exactly one event, and the opening by one more.
pub struct StoreWorker {
    requests: Option<Sender<Effect>>,
    events: Receiver<StoreEvent>,
    /// Answers still to come.
    in_flight: usize,
    thread: Option<JoinHandle<()>>,
}

impl StoreWorker {
    /// Starts the thread, which opens the store in `dir` and then carries
    /// out effects in the order submitted.
    pub fn start(dir: PathBuf) -> StoreWorker {
        let (req_tx, req_rx) = mpsc::channel::<Effect>();
        let (ev_tx, ev_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("plenary-store".into())
            .spawn(move || {
                let (mut store, warnings) = Store::open(dir);
                let opened = StoreEvent::Opened {
                    snapshot: Snapshot::of(&store),
                    warnings,
                };
                if ev_tx.send(opened).is_err() {
                    return;
                }
                for effect in req_rx {
                    if ev_tx.send(perform(&mut store, effect)).is_err() {
                        return;
                    }
                }
            })
            .ok();
        StoreWorker {
            requests: Some(req_tx),
            events: ev_rx,
            in_flight: 1,
            thread,
        }
    }

    /// Hands the state's queued effects to the thread.
    pub fn submit(&mut self, state: &mut AppState) {
        for effect in state.effects.drain(..) {
            if let Some(tx) = &self.requests
                && tx.send(effect).is_ok()
            {
                self.in_flight += 1;
            }
        }
    }

    /// Whether answers are still to come.
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Takes in the answers that have arrived, without waiting, and hands
    /// on the effects they lead to. Returns whether there were any.
    pub fn poll(&mut self, state: &mut AppState) -> bool {
        let mut any = false;
        while let Ok(ev) = self.events.try_recv() {
            self.in_flight = self.in_flight.saturating_sub(1);
            state.apply_store(ev);
            any = true;
        }
        self.submit(state);
        any
    }

    /// Submits the state's effects and waits until every answer is in
    /// (for scripts and tests; the reader never waits).
    pub fn settle(&mut self, state: &mut AppState) {
        self.submit(state);
        while self.in_flight > 0 {
            match self.events.recv() {
                Ok(ev) => {
                    self.in_flight -= 1;
                    state.apply_store(ev);
                    self.submit(state);
                }
                Err(_) => break,
            }
        }
    }

    /// Ends the thread: with `wait`, once the changes already submitted
    /// are carried out; else it is left to stop on its own (a write in
    /// progress is atomic, so the file is never left half-written).
    pub fn finish(mut self, wait: bool) {
        self.requests = None;
        if let Some(t) = self.thread.take()
            && wait
        {
            let _ = t.join();
        }
    }
}

impl AppState {
    /// Starts opening the annotation store in `dir` off the UI thread (or
    /// turns notes off without one). The worker returned carries out the
    /// state's effects; its reports come back through `apply_store`.
    pub fn open_notebook(&mut self, dir: Option<PathBuf>) -> Option<StoreWorker> {
        match dir {
            Some(dir) => {
                self.notebook = super::notes::Notebook::opening();
                Some(StoreWorker::start(dir))
            }
            None => {
                self.notebook = super::notes::Notebook::default();
                None
            }
        }
    }

    /// Takes in one report of the store thread: the read model follows
    /// the store, the documents whose annotations changed are placed
    /// again, and the editor closes once its note is saved.
    pub fn apply_store(&mut self, event: StoreEvent) {
        match event {
            StoreEvent::Opened { snapshot, warnings } => {
                self.notebook
                    .records
                    .get_or_insert_with(super::notes::Records::default)
                    .replace(snapshot.records, snapshot.read_only);
                // Every document here so far: place its notes, and have
                // the store move them to where their text now is.
                for i in 0..self.corpus.docs.len() {
                    if self.corpus.docs[i].stage > crate::corpus::Stage::Partial {
                        let doc = &self.corpus.docs[i];
                        self.notebook.place(i, doc);
                        self.queue_reanchor(i);
                    }
                }
                if let Some(w) = warnings.first() {
                    let more = match warnings.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    self.status = Some(Status {
                        text: format!("{w}{more}"),
                        error: true,
                    });
                }
            }
            StoreEvent::Saved {
                change,
                snapshot,
                warnings,
            } => {
                if let Some(snapshot) = snapshot {
                    self.take_snapshot(snapshot);
                }
                let text = match change {
                    Change::Saved { token, id } => {
                        self.notebook.pending = self.notebook.pending.saturating_sub(1);
                        self.saved(token, id)
                    }
                    Change::Deleted { id } => {
                        self.notebook.pending = self.notebook.pending.saturating_sub(1);
                        self.last_deleted = Some(id);
                        Some("note deleted — u undoes".to_string())
                    }
                    Change::Restored { .. } => {
                        self.notebook.pending = self.notebook.pending.saturating_sub(1);
                        Some("note restored".to_string())
                    }
                    Change::Reanchored { .. } => None,
                };
                if let Some(w) = warnings.first() {
                    self.status = Some(Status {
                        text: w.clone(),
                        error: true,
                    });
                } else if let Some(text) = text {
                    self.status = Some(Status { text, error: false });
                }
            }
            StoreEvent::Failed { change, error } => {
                let text = match change {
                    Change::Saved { token, .. } => {
                        self.notebook.pending = self.notebook.pending.saturating_sub(1);
                        if let Mode::Editor(ed) = &mut self.mode
                            && ed.saving == Some(token)
                        {
                            // The editor stays open: nothing typed is lost.
                            ed.saving = None;
                        }
                        format!("note not saved (Ctrl-s retries, Esc discards): {error}")
                    }
                    Change::Deleted { .. } => {
                        self.notebook.pending = self.notebook.pending.saturating_sub(1);
                        format!("not deleted: {error}")
                    }
                    Change::Restored { id } => {
                        self.notebook.pending = self.notebook.pending.saturating_sub(1);
                        // `u` can try again.
                        self.last_deleted = Some(id);
                        format!("cannot undo: {error}")
                    }
                    Change::Reanchored { .. } if self.status.is_some() => return,
                    Change::Reanchored { .. } => error,
                };
                self.status = Some(Status { text, error: true });
            }
        }
    }

    /// The editor's save `token` is confirmed: it closes, unless the
    /// note was changed since (then it stays, now editing the saved
    /// annotation). Returns the message for the status bar.
    fn saved(&mut self, token: u64, id: String) -> Option<String> {
        let Mode::Editor(ed) = &mut self.mode else {
            return Some("note saved".into());
        };
        if ed.saving != Some(token) {
            return Some("note saved".into());
        }
        ed.saving = None;
        let same = self
            .notebook
            .get(&id)
            .is_some_and(|a| a.note == ed.note() && a.colour == ed.colour);
        if same {
            self.mode = Mode::Normal;
            Some("note saved".into())
        } else {
            ed.target = EditTarget::Existing { id };
            Some("note saved; later changes are not — Ctrl-s saves them".into())
        }
    }

    /// Asks the store to re-anchor document `i`'s annotations, if it has
    /// any to move.
    pub(super) fn queue_reanchor(&mut self, i: usize) {
        if !self.notebook.wants_reanchor() {
            return;
        }
        let doc = &self.corpus.docs[i];
        self.effects.push(Effect::Reanchor {
            path: doc.path.clone(),
            text: doc.text.clone(),
        });
    }

    /// The read model follows the store; documents whose annotations
    /// changed are placed again.
    fn take_snapshot(&mut self, snapshot: Snapshot) {
        let records = self
            .notebook
            .records
            .get_or_insert_with(super::notes::Records::default);
        let changed = records.replace(snapshot.records, snapshot.read_only);
        if changed.is_empty() {
            return;
        }
        for i in 0..self.corpus.docs.len() {
            let doc = &self.corpus.docs[i];
            if changed.contains(&doc.path) && doc.stage > crate::corpus::Stage::Partial {
                self.notebook.place(i, doc);
            }
        }
    }
}

#[cfg(test)]
mod tests;
