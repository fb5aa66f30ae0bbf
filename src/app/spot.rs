//! A place in a document that outlives edits to it: the document's path,
//! a byte offset and a little of the text found there. An edited file
//! lands on the same words if they are still nearby, else near the same
//! offset. Marks, the jump list and reading positions are kept as spots.

use serde::{Deserialize, Serialize};

use crate::corpus::Document;

/// Bytes of text kept after the offset to find the place again.
const CONTEXT: usize = 32;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spot {
    pub path: String,
    pub offset: usize,
    /// The text from `offset` on (up to `CONTEXT` bytes, whole characters).
    #[serde(default)]
    pub context: String,
}

impl Spot {
    /// The spot at byte `pos` of `doc`.
    pub fn at(doc: &Document, pos: usize) -> Spot {
        Spot {
            path: doc.path.clone(),
            offset: pos,
            context: context_at(&doc.text, pos),
        }
    }

    /// Where the spot is in `text` now (a char boundary): at its offset if
    /// the context is still there, else at the nearest place holding the
    /// context, else at the offset (clamped).
    pub fn resolve(&self, text: &str) -> usize {
        let clamped = crate::text::floor_char(text, self.offset.min(text.len()));
        if self.context.is_empty() || text[clamped..].starts_with(&self.context) {
            return clamped;
        }
        text.match_indices(self.context.as_str())
            .map(|(i, _)| i)
            .min_by_key(|&i| i.abs_diff(self.offset))
            .unwrap_or(clamped)
    }
}

/// Up to `CONTEXT` bytes of `text` from `pos`, cut on a char boundary.
pub fn context_at(text: &str, pos: usize) -> String {
    let from = crate::text::floor_char(text, pos.min(text.len()));
    let to = crate::text::floor_char(text, (from + CONTEXT).min(text.len()));
    text[from..to].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spot_finds_its_words_again_after_an_edit() {
        let text = "First paragraph.\nThe minister said roads come first.\nEnd.\n";
        let doc = Document::new("a.txt", text);
        let pos = text.find("roads").unwrap();
        let spot = Spot::at(&doc, pos);
        assert_eq!(spot.resolve(text), pos, "unchanged");
        // Text added above: the words moved down.
        let edited = format!("A new opening line.\n{text}");
        assert_eq!(spot.resolve(&edited), edited.find("roads").unwrap());
        // The words gone: near the same offset, on a char boundary.
        let gone = "ééééééééééééééééééééééééééééééééééééééééééé";
        let at = spot.resolve(gone);
        assert!(gone.is_char_boundary(at) && at <= pos);
        // Shorter than the offset: clamped.
        assert_eq!(spot.resolve("tiny"), 4);
    }

    #[test]
    fn the_nearest_copy_of_the_words_wins() {
        let text = "roads. ".repeat(100);
        let spot = Spot {
            path: "a.txt".into(),
            offset: 353,
            context: "roads.".into(),
        };
        assert_eq!(spot.resolve(&text), 350);
    }
}
