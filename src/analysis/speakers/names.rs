//! Full names written out in running text, found for one-word labels.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::{capitalised, is_initial, name_case, plausible_given};

/// Full names found in text for wanted surnames and given names, weighted.
#[derive(Default)]
pub(super) struct NameIndex {
    /// lowercase surname → (full name, weight), in order of first sighting.
    by_surname: HashMap<String, Vec<(String, usize)>>,
    /// lowercase given name → (full name, weight).
    by_given: HashMap<String, Vec<(String, usize)>>,
}

fn bump(list: &mut Vec<(String, usize)>, name: String, weight: usize) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(e) => e.1 += weight,
        None => list.push((name, weight)),
    }
}

fn best(list: Option<&Vec<(String, usize)>>) -> Option<String> {
    let list = list?;
    let mut top: Option<&(String, usize)> = None;
    for e in list {
        if top.is_none_or(|t| e.1 > t.1) {
            top = Some(e);
        }
    }
    top.map(|e| e.0.clone())
}

impl NameIndex {
    /// Adds a full name seen elsewhere (e.g. another document's speaker).
    pub(super) fn add(&mut self, full: &str, weight: usize) {
        let parts: Vec<&str> = full.split(' ').collect();
        if parts.len() < 2 {
            return;
        }
        let last = parts[parts.len() - 1].to_lowercase();
        let first = parts[0].to_lowercase();
        bump(
            self.by_surname.entry(last).or_default(),
            full.to_string(),
            weight,
        );
        bump(
            self.by_given.entry(first).or_default(),
            full.to_string(),
            weight,
        );
    }

    /// Scans `text` once for `Given Surname` pairs whose surname (or given
    /// name) is wanted (lowercase keys); names before `header_end` weigh more.
    pub(super) fn scan(&mut self, text: &str, header_end: usize, wanted: &HashSet<String>) {
        if let Some(scanner) = NameScanner::new(wanted, text.len()) {
            let found = scanner.sightings(text, header_end);
            self.record(&scanner, found);
        }
    }

    /// Takes in what [`NameScanner::sightings`] found in one text.
    pub(super) fn record(&mut self, scanner: &NameScanner, found: Vec<Sighting>) {
        for s in found {
            let key = scanner.keys[s.key].clone();
            let list = if s.surname {
                &mut self.by_surname
            } else {
                &mut self.by_given
            };
            bump(list.entry(key).or_default(), s.full, s.weight);
        }
    }

    /// The best full name for a one-word name, tried as surname then given name.
    pub(super) fn expand(&self, one: &str) -> Option<String> {
        let key = one.to_lowercase();
        best(self.by_surname.get(&key)).or_else(|| best(self.by_given.get(&key)))
    }
}

/// Texts larger than this are scanned for names in pieces, in parallel.
const PIECE_BYTES: usize = 4 * 1024 * 1024;

/// The written forms of the wanted names (lowercase keys) in one automaton,
/// built once for a whole corpus and read by many threads.
pub(super) struct NameScanner {
    ac: AhoCorasick,
    /// The wanted key of each pattern.
    keys: Vec<String>,
    /// Some pattern holds a line break: a text is read whole.
    multiline: bool,
}

/// A full name written around a wanted name: `Given Surname` for a wanted
/// surname (`surname`), or for a wanted given name.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Sighting {
    /// Index of the wanted key in [`NameScanner::keys`].
    key: usize,
    full: String,
    weight: usize,
    surname: bool,
}

impl NameScanner {
    /// The scanner of the `wanted` names, for reading `scanned` bytes of
    /// text in all.
    pub(super) fn new(wanted: &HashSet<String>, scanned: usize) -> Option<NameScanner> {
        let mut patterns: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for w in wanted {
            for variant in written_forms(w) {
                if !patterns.contains(&variant) {
                    patterns.push(variant);
                    keys.push(w.clone());
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(crate::text::automaton_kind(scanned))
            .build(&patterns)
            .ok()?;
        let multiline = patterns.iter().any(|p| p.contains('\n'));
        Some(NameScanner {
            ac,
            keys,
            multiline,
        })
    }

    /// The full names around wanted names in `text`, in the order they are
    /// written; names before `header_end` weigh more.
    pub(super) fn sightings(&self, text: &str, header_end: usize) -> Vec<Sighting> {
        self.sightings_in_pieces(text, header_end, PIECE_BYTES)
    }

    /// As [`NameScanner::sightings`], a large text read in pieces of about
    /// `piece` bytes cut after line breaks, on every core. No name holds a
    /// line break, so every match lies inside one piece and the pieces,
    /// taken in order, find what the whole text does.
    fn sightings_in_pieces(&self, text: &str, header_end: usize, piece: usize) -> Vec<Sighting> {
        use rayon::prelude::*;
        if text.len() <= piece || self.multiline {
            return self.sightings_within(text, header_end, 0..text.len());
        }
        crate::text::line_pieces(text, piece)
            .into_par_iter()
            .map(|r| self.sightings_within(text, header_end, r))
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// The sightings of matches inside bytes `range` of `text`.
    fn sightings_within(
        &self,
        text: &str,
        header_end: usize,
        range: std::ops::Range<usize>,
    ) -> Vec<Sighting> {
        let mut out = Vec::new();
        let input = aho_corasick::Input::new(text).range(range);
        for m in self.ac.find_iter(input) {
            let (start, end) = (m.start(), m.end());
            let word = &text[start..end];
            if !capitalised(word) || !is_whole_word(text, start, end) {
                continue;
            }
            let key = m.pattern().as_usize();
            let weight = if start < header_end { 3 } else { 1 };
            if let Some(given) = given_before(text, start) {
                out.push(Sighting {
                    key,
                    full: format!("{} {}", name_case(given), name_case(word)),
                    weight,
                    surname: true,
                });
            }
            if let Some(surname) = surname_after(text, end) {
                out.push(Sighting {
                    key,
                    full: format!("{} {}", name_case(word), name_case(surname)),
                    weight,
                    surname: false,
                });
            }
        }
        out
    }
}

/// How a lowercase name key can be written capitalised in running text:
/// `mcconnell` → `Mcconnell`, `McConnell`, `MCCONNELL`.
fn written_forms(key: &str) -> Vec<String> {
    let upper = key.to_uppercase();
    let title = name_case(&upper);
    let mut forms = vec![title.clone(), upper];
    if let Some(rest) = title.strip_prefix("Mc") {
        forms.push(format!("Mc{}", name_case(&rest.to_uppercase())));
    }
    forms
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// The word ending right before the single space at `end - 1`.
fn word_before(text: &str, end: usize) -> Option<&str> {
    let head = text.get(end.saturating_sub(48)..end)?;
    let head = head.strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '.')
        .last()
        .map(|(i, _)| i)?;
    Some(&head[start..])
}

/// The given name before a surname at `start`, skipping a middle initial:
/// `Rupert J. Whitcombe` → `Rupert`.
fn given_before(text: &str, start: usize) -> Option<&str> {
    let mut w = word_before(text, start)?;
    if is_initial(w) {
        w = word_before(text, start - 1 - w.len())?;
    }
    (plausible_given(w) && !w.contains('.')).then_some(w)
}

/// The surname after a given name ending at `end`.
fn surname_after(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].strip_prefix(' ')?;
    let len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    let w = &rest[..len];
    plausible_given(w).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_surnames_from_text() {
        let text = "Rupert J. Whitcombe, Secretary of State\nToday Whitcombe met Daulet Karimov.";
        let mut idx = NameIndex::default();
        let wanted: HashSet<String> = ["whitcombe", "karimov"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        idx.scan(text, 38, &wanted);
        assert_eq!(idx.expand("Whitcombe").as_deref(), Some("Rupert Whitcombe"));
        assert_eq!(idx.expand("KARIMOV").as_deref(), Some("Daulet Karimov"));
    }

    #[test]
    fn a_text_read_in_pieces_gives_the_sightings_of_the_whole() {
        let wanted: HashSet<String> = ["whitcombe", "karimov", "mcconnell"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let scanner = NameScanner::new(&wanted, 0).unwrap();
        // Names at the start and the end of lines, so that pieces cut
        // after a line break put them at a piece's edges.
        let para = "Rupert Whitcombe\nKARIMOV: Daulet Karimov said Whitcombe\nMitch McConnell \
                    and Whitcombe Rupert met.\nWhitcombe\n";
        let text = format!("Header of Jane Karimov\n{}", para.repeat(30));
        let whole = scanner.sightings_within(&text, 23, 0..text.len());
        assert!(whole.len() > 60, "{}", whole.len());
        for piece in [1, 5, 17, 40, 100] {
            assert!(crate::text::line_pieces(&text, piece).len() > 5);
            assert_eq!(
                scanner.sightings_in_pieces(&text, 23, piece),
                whole,
                "pieces of {piece}"
            );
        }
        // The automaton made for a long read (a DFA) finds the same.
        let dfa = NameScanner::new(&wanted, crate::text::DFA_BYTES).unwrap();
        assert_eq!(dfa.sightings_within(&text, 23, 0..text.len()), whole);
    }
}
