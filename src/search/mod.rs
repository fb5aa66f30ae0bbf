//! Searching the corpus: the query language (`query`), what each document
//! offers to a query (`scope`), finding matches in a text (`scan`), and
//! running a search on a thread of its own (`worker`). Knows nothing of
//! the terminal: the reader and `plenary search` both build on it.

pub mod query;
pub mod scan;
pub mod scope;

pub use query::{Case, Query, QueryError, parse};
pub use scan::{Found, Hit, Target, Voice, all_hits, char_offsets, scan};
pub use scope::targets;
