//! Personal annotations: model, anchoring, store, export.
//!
//! Pure library code (no terminal). A person's notes are the one thing
//! plenary holds that cannot be recreated, so the store treats them like a
//! database: every change is merged with what is on disk under a lock and
//! saved atomically, damaged files are moved aside rather than overwritten,
//! and deletions are tombstones so they survive merges between instances.
//!
//! # Typical use
//!
//! ```no_run
//! use plenary::annotations::{default_data_dir, Annotation, Colour, DocumentRef, Store};
//! # let text = "Some document text.";
//! let (mut store, warnings) = Store::open(default_data_dir().expect("a home directory"));
//! for w in &warnings {
//!     eprintln!("plenary: {w}");
//! }
//! // On loading a document: move highlights to where their text now is.
//! let outcomes = store.reanchor_document("talk.txt", text);
//! let doc = DocumentRef::new("talk.txt", "A talk", text);
//! let a = Annotation::new(doc, text, 5, 13, Colour::Yellow, "note #tag").expect("valid span");
//! let id = store.add(a).expect("saved"); // an Err still keeps it in memory
//! store.update(&id, |a| a.note.push_str("\nmore")).expect("saved");
//! store.delete(&id).expect("saved");
//! store.undo_delete(&id).expect("saved");
//! # let _ = outcomes;
//! ```
//!
//! # File format
//!
//! `annotations.json` in the data directory (previous good copy in
//! `annotations.json.bak`, lock in `annotations.lock`):
//!
//! ```json
//! {
//!   "format": "plenary-annotations",
//!   "version": 1,
//!   "annotations": [
//!     {
//!       "id": "019ad3a2-5c1e-7b3a-9f4e-2d6c8a1b0e57",
//!       "document": { "hash": "sha256:…", "path": "talk.txt", "title": "A talk" },
//!       "target": {
//!         "quote": { "exact": "document", "prefix": "Some ", "suffix": " text." },
//!         "position": { "start": 5, "end": 13 }
//!       },
//!       "colour": "yellow",
//!       "note": "note #tag",
//!       "tags": ["tag"],
//!       "explicit_tags": [],
//!       "created": "2026-11-23T18:15:00.000000Z",
//!       "updated": "2026-11-23T18:15:00.000000Z",
//!       "deleted": null
//!     }
//!   ]
//! }
//! ```
//!
//! Positions are Unicode code points, end exclusive. Unknown fields on an
//! annotation are preserved; a higher `version` opens read-only.

pub mod anchor;
pub mod durable;
pub mod export;
pub mod lock;
pub mod merge;
pub mod model;
pub mod store;

pub use anchor::{Anchoring, PreparedText, reanchor, reanchor_all};
pub use export::{
    DocTexts, ExportFormat, export, list_json, list_table, matches_path, position_label,
    write_file_atomic,
};
pub use model::{Annotation, Colour, DocumentRef, Target, Timestamp, content_hash};
pub use store::{Store, StoreError, default_data_dir, preflight};
