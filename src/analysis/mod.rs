//! Text analysis that knows nothing of the terminal: speakers, entities,
//! quotations. Every function takes `&str` and returns byte ranges into it.

pub mod entities;
pub mod quotes;
pub mod speakers;
