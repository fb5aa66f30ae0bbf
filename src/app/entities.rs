//! The Entities tab's view of a document: mentions grouped by entity.

use crate::analysis::entities::EntityKind;
use crate::corpus::{Corpus, Document};
pub use crate::corpus::{EntityGroup, group_mentions};

/// The document's entity groups whose name, or the spelling of any of
/// their mentions in the document, contains `filter` (any case): one pass
/// over the mentions.
pub fn entity_groups<'d>(doc: &'d Document, filter: &str) -> Vec<&'d EntityGroup> {
    let filter = filter.to_lowercase();
    if filter.is_empty() {
        return doc.entity_groups.iter().collect();
    }
    let spelled: std::collections::HashSet<(EntityKind, &str)> = doc
        .entities
        .iter()
        .filter(|m| {
            doc.text
                .get(m.range.clone())
                .is_some_and(|t| t.to_lowercase().contains(&filter))
        })
        .map(|m| (m.kind, &*m.canonical))
        .collect();
    doc.entity_groups
        .iter()
        .filter(|g| {
            g.canonical.to_lowercase().contains(&filter)
                || spelled.contains(&(g.kind, g.canonical.as_str()))
        })
        .collect()
}

/// Byte ranges of every mention of an entity in a document.
pub fn mentions_of<'d>(
    doc: &'d Document,
    kind: EntityKind,
    canonical: &'d str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'd {
    doc.entities
        .iter()
        .filter(move |m| m.kind == kind && &*m.canonical == canonical)
        .map(|m| m.range.clone())
}

/// Byte ranges of the mentions of an entity that overlap `within`: a
/// binary search, since mentions are sorted and do not overlap.
pub fn mentions_within<'d>(
    doc: &'d Document,
    kind: EntityKind,
    canonical: &'d str,
    within: std::ops::Range<usize>,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'd {
    let first = doc
        .entities
        .partition_point(|m| m.range.end <= within.start);
    doc.entities[first..]
        .iter()
        .take_while(move |m| m.range.start < within.end)
        .filter(move |m| m.kind == kind && &*m.canonical == canonical)
        .map(|m| m.range.clone())
}

/// The other documents of the corpus that mention an entity.
pub fn other_documents(
    corpus: &Corpus,
    open: usize,
    kind: EntityKind,
    canonical: &str,
) -> Vec<usize> {
    corpus
        .docs
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            *i != open
                && d.entity_groups
                    .iter()
                    .any(|m| m.kind == kind && &*m.canonical == canonical)
        })
        .map(|(i, _)| i)
        .collect()
}

/// A plural label for the sidebar's group headings.
pub fn kind_title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Org => "Organisations",
        EntityKind::Place => "Places",
        EntityKind::Money => "Money",
        EntityKind::Percent => "Percentages",
        EntityKind::Date => "Dates",
    }
}

/// One row of the Entities tab: a type heading, or an entity (an index
/// into the groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityRow {
    Heading(EntityKind),
    Entity(usize),
}

/// The rows shown when the list starts at group `offset`: a heading
/// before the first group of each type.
pub fn entity_rows(groups: &[&EntityGroup], offset: usize, max: usize) -> Vec<EntityRow> {
    let mut rows = Vec::new();
    let mut last = None;
    for (i, g) in groups.iter().enumerate().skip(offset) {
        if last != Some(g.kind) {
            rows.push(EntityRow::Heading(g.kind));
            last = Some(g.kind);
        }
        rows.push(EntityRow::Entity(i));
        if rows.len() >= max {
            break;
        }
    }
    rows.truncate(max);
    rows
}

/// First group shown so that `selected` is on screen in `rows` rows
/// (headings take room too, so keep a margin).
pub fn entity_offset(selected: usize, rows: usize) -> usize {
    selected.saturating_sub((rows / 2).max(1))
}
