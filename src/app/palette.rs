//! One colour per speaker identity across the whole corpus: the same person
//! has the same colour in every document, and the speakers of one document
//! get different colours wherever the palette allows.

use std::collections::{HashMap, HashSet};

use crate::corpus::Corpus;

/// Number of distinct speaker colours the theme provides.
pub const SLOTS: usize = 10;

#[derive(Clone, Debug, Default)]
pub struct Palette {
    slots: HashMap<String, usize>,
}

impl Palette {
    /// Colours speakers greedily, most words first: each takes the first
    /// slot no speaker of a shared document holds yet (the least used slot
    /// when all are taken).
    pub fn new(corpus: &Corpus) -> Self {
        let mut words: HashMap<&str, usize> = HashMap::new();
        let mut docs_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (d, doc) in corpus.docs.iter().enumerate() {
            for s in &doc.speaker_stats {
                *words.entry(&s.speaker).or_default() += s.words;
                docs_of.entry(&s.speaker).or_default().push(d);
            }
        }
        let mut order: Vec<&str> = words.keys().copied().collect();
        order.sort_by(|a, b| words[b].cmp(&words[a]).then(a.cmp(b)));
        let mut taken: Vec<HashSet<usize>> = vec![HashSet::new(); corpus.docs.len()];
        let mut uses = [0usize; SLOTS];
        let mut slots = HashMap::new();
        for name in order {
            let docs = &docs_of[name];
            let busy: HashSet<usize> = docs
                .iter()
                .flat_map(|&d| taken[d].iter().copied())
                .collect();
            let slot = (0..SLOTS)
                .find(|s| !busy.contains(s))
                .unwrap_or_else(|| (0..SLOTS).min_by_key(|&s| uses[s]).unwrap_or(0));
            uses[slot] += 1;
            for &d in docs {
                taken[d].insert(slot);
            }
            slots.insert(name.to_string(), slot);
        }
        Palette { slots }
    }

    /// The colour slot of a speaker.
    pub fn slot(&self, speaker: &str) -> usize {
        self.slots.get(speaker).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    const A: &str = "MODERATOR: Welcome, everyone, to the briefing.\nMINISTER DOE: Thank you. We have a plan for the roads.\nQUESTION: When will it start?\nMINISTER DOE: Next spring, in every region.\n";
    const B: &str = "HOST: Good evening and welcome.\nMINISTER DOE: Thank you for having me on the show.\nHOST: What about the roads?\nMINISTER DOE: Work starts next spring.\n";

    #[test]
    fn same_person_same_colour_and_distinct_within_a_document() {
        let corpus = Corpus::new(
            vec![
                Document::new("a.txt", A.to_string()),
                Document::new("b.txt", B.to_string()),
            ],
            vec![],
        );
        let p = Palette::new(&corpus);
        for doc in &corpus.docs {
            let slots: HashSet<usize> = doc
                .speaker_stats
                .iter()
                .map(|s| p.slot(&s.speaker))
                .collect();
            assert_eq!(
                slots.len(),
                doc.speaker_stats.len(),
                "{:?}",
                doc.speaker_stats
            );
        }
        let doe: Vec<&str> = corpus.docs[1]
            .speaker_stats
            .iter()
            .map(|s| &*s.speaker)
            .filter(|s| s.contains("Doe"))
            .collect();
        assert_eq!(doe.len(), 1);
        assert!(
            corpus.docs[0]
                .speaker_stats
                .iter()
                .any(|s| s.speaker == doe[0])
        );
    }
}
