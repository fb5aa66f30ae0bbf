//! The reader's state and its one-way data flow: a terminal event becomes an
//! [`Action`] (keymap), the action updates the [`AppState`] (update), and
//! the ui module draws the state.

mod action;
pub mod corpus_search;
pub mod doclist;
pub mod editor;
mod entities;
mod follow;
pub mod help;
pub mod keymap;
mod loading;
pub mod notes;
pub mod palette;
mod search;
pub mod session;
pub mod spot;
mod state;
pub mod store_worker;
mod update;
mod viewports;
pub mod visual;

pub use action::{Action, Pane};
pub use entities::{
    EntityGroup, EntityRow, entity_groups, entity_offset, entity_rows, group_mentions, kind_title,
    mentions_of, mentions_within, other_documents,
};
pub use follow::{FollowState, carry_position};
pub use loading::Loading;
pub use search::Search;
pub use state::{
    AppState, DocView, FilterOf, HelpView, Mode, SearchPrompt, SelectedEntity, SidebarTab, Status,
};
pub use store_worker::{Effect, StoreEvent, StoreWorker};
pub use update::{
    LIST_ITEM_ROWS, apply_search, current_quote, diff_summary, rerun_after_loading, update,
};
pub use viewports::{Hit, HitMap, Viewports};
