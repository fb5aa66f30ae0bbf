//! plenary — a terminal reader for transcripts and the news written about them.
//!
//! The library holds everything that does not need a terminal: loading a
//! corpus (`corpus`), analysing its text (`analysis`), personal annotations
//! (`annotations`) and the command line (`cli`). The terminal user interface
//! lives in `app` (state and actions) and `ui` (rendering).

pub mod analysis;
pub mod annotations;
pub mod app;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod corpus;
pub mod name;
pub mod reflow;
pub mod sanitize;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
