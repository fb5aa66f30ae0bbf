//! A document's entities with their mention counts: what the Entities tab
//! lists, computed once per document.

use crate::analysis::entities::{EntityKind, Mention};

/// The order of the groups in the sidebar.
pub const KIND_ORDER: [EntityKind; 6] = [
    EntityKind::Person,
    EntityKind::Org,
    EntityKind::Place,
    EntityKind::Money,
    EntityKind::Percent,
    EntityKind::Date,
];

/// One entity of a document with its number of mentions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityGroup {
    pub kind: EntityKind,
    pub canonical: String,
    pub count: usize,
}

/// Every entity of a document with its mention count, by type (people
/// first), most mentioned first. Computed once per document.
pub fn group_mentions(mentions: &[Mention]) -> Vec<EntityGroup> {
    let mut groups: Vec<EntityGroup> = Vec::new();
    let mut index: foldhash::HashMap<(EntityKind, &str), usize> = Default::default();
    for m in mentions {
        let key = (m.kind, &*m.canonical);
        match index.get(&key) {
            Some(&i) => groups[i].count += 1,
            None => {
                index.insert(key, groups.len());
                groups.push(EntityGroup {
                    kind: m.kind,
                    canonical: m.canonical.to_string(),
                    count: 1,
                });
            }
        }
    }
    let rank = |k: EntityKind| KIND_ORDER.iter().position(|x| *x == k).unwrap_or(0);
    groups.sort_by(|a, b| {
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then(b.count.cmp(&a.count))
            .then(a.canonical.cmp(&b.canonical))
    });
    groups
}
