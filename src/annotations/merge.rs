//! Merging two sets of annotations by id.
//!
//! Each record is last-writer-wins on its `updated` time; deletions are
//! tombstones (records with `deleted` set) so a deletion made by one
//! instance wins over the older live copy another instance still holds, and
//! an undo (a newer live copy) wins over the tombstone. Records are never
//! dropped by a merge.

use std::collections::BTreeMap;

use super::model::Annotation;

/// Whether `incoming` should replace `current` (same id).
pub fn wins(incoming: &Annotation, current: &Annotation) -> bool {
    if incoming.updated != current.updated {
        return incoming.updated > current.updated;
    }
    if incoming == current {
        return false;
    }
    // Same time, different content: pick deterministically so that every
    // instance converges on the same record.
    let key = |a: &Annotation| serde_json::to_string(a).unwrap_or_default();
    key(incoming) > key(current)
}

/// Merges `incoming` into `into`; returns how many records were added or replaced.
pub fn merge_into(
    into: &mut BTreeMap<String, Annotation>,
    incoming: impl IntoIterator<Item = Annotation>,
) -> usize {
    let mut changed = 0;
    for a in incoming {
        match into.get(&a.id) {
            Some(cur) if !wins(&a, cur) => {}
            _ => {
                into.insert(a.id.clone(), a);
                changed += 1;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::model::{Colour, DocumentRef, Timestamp};

    fn ann(note: &str, updated: i64) -> Annotation {
        let doc = DocumentRef::new("d.txt", "D", "some text here");
        let mut a = Annotation::new(doc, "some text here", 0, 4, Colour::Yellow, note).unwrap();
        a.id = "x".into();
        a.updated = Timestamp { micros: updated };
        a
    }

    #[test]
    fn newer_wins_and_tombstones_beat_older_live_copies() {
        let mut m = BTreeMap::new();
        merge_into(&mut m, [ann("old", 1)]);
        merge_into(&mut m, [ann("new", 2)]);
        merge_into(&mut m, [ann("stale", 1)]);
        assert_eq!(m["x"].note, "new");
        let mut dead = ann("new", 3);
        dead.deleted = Some(Timestamp { micros: 3 });
        merge_into(&mut m, [dead]);
        merge_into(&mut m, [ann("new", 2)]);
        assert!(m["x"].is_deleted());
        // Equal times converge regardless of order.
        let (a, b) = (ann("a", 5), ann("b", 5));
        let mut m1 = BTreeMap::new();
        merge_into(&mut m1, [a.clone(), b.clone()]);
        let mut m2 = BTreeMap::new();
        merge_into(&mut m2, [b, a]);
        assert_eq!(m1["x"].note, m2["x"].note);
    }
}
