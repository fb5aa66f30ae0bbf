//! Personal annotations: model, anchoring, store, export.
//!
//! Pure library code (no terminal). A person's notes are the one thing
//! plenary holds that cannot be recreated, so the store treats them like a
//! database: every change is merged with what is on disk under a lock and
//! saved atomically, corrupt files are moved aside rather than overwritten,
//! and deletions are tombstones so they survive merges between instances.

pub mod anchor;
pub mod durable;
pub mod export;
pub mod lock;
pub mod merge;
pub mod model;
pub mod store;

pub use anchor::{Anchoring, PreparedText, reanchor, reanchor_all};
pub use export::{DocTexts, ExportFormat, export, list_json, list_table, write_file_atomic};
pub use model::{Annotation, Colour, DocumentRef, Target, Timestamp, content_hash};
pub use store::{Store, StoreError, default_data_dir};
