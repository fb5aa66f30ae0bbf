//! What a query searches in each document of a corpus: the documents of
//! the kinds asked for, and in them the turns and quotations of the
//! speakers asked for, the paragraphs mentioning the entities asked for.
//! Linear in the corpus' turns, quotations and mentions.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::query::Query;
use super::scan::{Target, Voice};
use crate::analysis::entities::EntityKind;
use crate::corpus::{Corpus, Document};

/// Lower-case words of a name: letters and digits, split at anything else
/// ("SECRETARY BLINKEN" → secretary, blinken; "U.S." → u, s).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a name as typed names `name`: every word typed is a word of
/// it, in any case ("blinken", "Antony Blinken", "secretary blinken" for
/// the label "SECRETARY BLINKEN").
fn names(typed: &[String], name: &str) -> bool {
    if typed.is_empty() {
        return false;
    }
    let have = words(name);
    typed.iter().all(|w| have.contains(w))
}

/// The targets of `query` in `corpus` (all documents, or only `only`).
pub fn targets<'c>(corpus: &'c Corpus, query: &Query, only: Option<usize>) -> Vec<Target> {
    let speakers: Vec<Vec<String>> = query.speakers.iter().map(|s| words(s)).collect();
    let groups = entity_groups(corpus, &query.entities);
    let aliases = if speakers.is_empty() {
        Aliases::default()
    } else {
        Aliases::of(corpus)
    };
    let said_by = |w: &[String], name: &str| aliases.of_name(name).any(|a| names(w, a));
    let mut interned = crate::name::Names::default();
    let mut said: HashMap<(&str, &str), bool> = HashMap::new();
    let mut out = Vec::new();
    for (i, doc) in corpus.docs.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        if !query.kinds.is_empty() && !query.kinds.contains(&doc.meta.kind) {
            continue;
        }
        let mut voices = Vec::new();
        let mut by_speaker: Vec<Range<usize>> = Vec::new();
        let mut add = |range: Range<usize>, speaker: &'c str| -> Voice {
            Voice {
                range,
                speaker: interned.get(speaker),
            }
        };
        for t in &doc.speakers.turns {
            let range = t.body_start.max(t.range.start)..t.range.end;
            voices.push(add(range.clone(), &t.speaker));
            if !speakers.is_empty()
                && *said.entry((&*t.speaker, &*t.label)).or_insert_with(|| {
                    speakers
                        .iter()
                        .any(|w| said_by(w, &t.speaker) || names(w, &t.label))
                })
            {
                by_speaker.push(range);
            }
        }
        for q in &doc.quotes {
            let Some(who) = q.quote.speaker.as_deref() else {
                continue;
            };
            voices.push(add(q.quote.range.clone(), who));
            if !speakers.is_empty()
                && *said
                    .entry((who, ""))
                    .or_insert_with(|| speakers.iter().any(|w| said_by(w, who)))
            {
                by_speaker.push(q.quote.range.clone());
            }
        }
        voices.sort_by_key(|v| (v.range.start, v.range.end));
        let mut within: Option<Vec<Range<usize>>> = None;
        if !speakers.is_empty() {
            within = Some(crate::text::union_ranges(by_speaker));
        }
        if let Some(groups) = &groups {
            let paras = crate::text::union_ranges(entity_paragraphs(doc, groups));
            within = Some(match within {
                Some(w) => intersect(&w, &paras),
                None => paras,
            });
        }
        if within.as_ref().is_some_and(Vec::is_empty) {
            continue;
        }
        out.push(Target {
            doc: i,
            text: doc.text.clone(),
            voices,
            within,
        });
    }
    out
}

/// Other spellings of people's names, from the entity mentions grouped
/// across the corpus ("Tleuberdi" and "Mukhtar Tileuberdi" for "Mukhtar
/// Tleuberdi").
#[derive(Default)]
struct Aliases<'c> {
    /// Each person's spellings, by the group's name.
    spellings: HashMap<&'c str, Vec<&'c str>>,
    /// The groups a spelling (or a group's name) belongs to.
    groups: HashMap<&'c str, Vec<&'c str>>,
}

impl<'c> Aliases<'c> {
    fn of(corpus: &'c Corpus) -> Self {
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut a = Aliases::default();
        for doc in &corpus.docs {
            for m in doc.entities.iter().filter(|m| m.kind == EntityKind::Person) {
                let name = &*m.canonical;
                let spelled = doc.text.get(m.range.clone()).unwrap_or(name);
                for s in [name, spelled] {
                    if seen.insert((name, s)) {
                        a.spellings.entry(name).or_default().push(s);
                        a.groups.entry(s).or_default().push(name);
                    }
                }
            }
        }
        a
    }

    /// `name` and every spelling of the people it is a spelling of.
    fn of_name<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let groups = self.groups.get(name).into_iter().flatten();
        std::iter::once(name).chain(groups.flat_map(move |g| {
            self.spellings
                .get(g)
                .into_iter()
                .flatten()
                .copied()
                .chain(std::iter::once(*g))
        }))
    }
}

/// The entity groups (type, name) any of `typed` names, by their name
/// or by the spelling of any of their mentions anywhere in the corpus:
/// those it names exactly (any case, any punctuation: "u.s." for "U.S."),
/// or, when none, those whose name has every word of it ("asia" for
/// "Central Asia"). `None` when no entity is asked for.
fn entity_groups<'c>(
    corpus: &'c Corpus,
    typed: &[String],
) -> Option<HashSet<(EntityKind, &'c str)>> {
    if typed.is_empty() {
        return None;
    }
    // Each group's name and spellings, as words, once.
    let mut spellings: HashMap<(EntityKind, &str), HashSet<&str>> = HashMap::new();
    for doc in &corpus.docs {
        for m in &doc.entities {
            let set = spellings.entry((m.kind, &*m.canonical)).or_default();
            set.insert(&*m.canonical);
            set.insert(doc.text.get(m.range.clone()).unwrap_or(""));
        }
    }
    let mut found = HashSet::new();
    for t in typed {
        let w = words(t);
        let exact: HashSet<(EntityKind, &str)> = spellings
            .iter()
            .filter(|(_, s)| s.iter().any(|s| words(s) == w))
            .map(|(k, _)| *k)
            .collect();
        if exact.is_empty() {
            found.extend(
                spellings
                    .iter()
                    .filter(|(_, s)| s.iter().any(|s| names(&w, s)))
                    .map(|(k, _)| *k),
            );
        } else {
            found.extend(exact);
        }
    }
    Some(found)
}

/// The paragraphs of `doc` mentioning any of `groups`: the lines between
/// blank lines around each mention (a line, where paragraphs are single
/// lines). Mentions are in order, so each paragraph is found once.
fn entity_paragraphs(doc: &Document, groups: &HashSet<(EntityKind, &str)>) -> Vec<Range<usize>> {
    let lines = &doc.structure.lines;
    let blank = |i: usize| doc.text[lines[i].range.clone()].trim().is_empty();
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in &doc.entities {
        if !groups.contains(&(m.kind, &*m.canonical)) {
            continue;
        }
        if out.last().is_some_and(|p| m.range.start < p.end) {
            continue;
        }
        if lines.is_empty() {
            break;
        }
        let at = doc.line_of(m.range.start);
        let (mut first, mut last) = (at, at);
        if !doc.structure.paragraph_gap {
            while first > 0 && !blank(first - 1) {
                first -= 1;
            }
            while last + 1 < lines.len() && !blank(last + 1) {
                last += 1;
            }
        }
        let end = lines[last].range.end.max(m.range.end);
        out.push(lines[first].range.start.min(m.range.start)..end);
    }
    out
}

/// The parts two sorted, merged lists of ranges share: one merge.
fn intersect(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let start = a[i].start.max(b[j].start);
        let end = a[i].end.min(b[j].end);
        if start < end {
            out.push(start..end);
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn names_match_any_word_in_any_case() {
        let w = words("blinken");
        assert!(names(&w, "Antony Blinken"));
        assert!(names(&w, "SECRETARY BLINKEN"));
        assert!(!names(&w, "Blinkenberg"));
        assert!(names(&words("Antony  BLINKEN"), "Antony Blinken"));
        assert!(!names(&words("Tony Blinken"), "Antony Blinken"));
        assert!(names(&words("U.S."), "U.S."));
    }

    #[test]
    fn ranges_merge_and_intersect() {
        assert_eq!(
            crate::text::union_ranges(vec![5..9, 0..3, 2..4]),
            vec![0..4, 5..9]
        );
        assert_eq!(
            intersect(&[0..10, 20..30], &[5..25, 28..40]),
            vec![5..10, 20..25, 28..30]
        );
        assert!(intersect(&[0..5], &[5..9]).is_empty());
    }
}
