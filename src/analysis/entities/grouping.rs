//! Cross-document work: labelling surnames seen elsewhere as persons, and
//! giving every mention of one entity one canonical name.

use std::collections::HashMap;
use std::ops::Range;

use super::EntityKind;
use super::gazetteer::{Gazetteer, title_case};
use super::rules::{DocRules, Raw};

/// The parts of a person's name: possessives, initials and dots dropped,
/// all-caps words title-cased (`ANTONY J. BLINKEN` → `Antony`, `Blinken`).
pub(crate) fn name_parts(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',']))
        .filter(|w| w.chars().count() > 1)
        .map(|w| {
            if w.chars().any(char::is_lowercase) {
                w.to_string()
            } else {
                title_case(w)
            }
        })
        .collect()
}

/// Levenshtein distance on characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// Same name up to spelling: equal ignoring case, or a small edit distance
/// on long names (`Tsikhanouskaya` / `Tsikhanovskaya`).
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (lower_case(a), lower_case(b));
    if a == b {
        return true;
    }
    let (ca, cb) = (a.chars().count(), b.chars().count());
    let n = ca.min(cb);
    // The distance is at least the difference in length, and at least the
    // number of letters one has and the other lacks: most pairs are
    // settled without computing it.
    let most = match n {
        0..6 => return false,
        6..9 => 1,
        _ => 2,
    };
    ca.abs_diff(cb) <= most && within_bag_distance(&a, &b, most) && edit_distance(&a, &b) <= most
}

/// `s.to_lowercase()`, borrowed when `s` is ASCII without a capital (as
/// the surnames compared are, lower-cased already).
fn lower_case(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        s.into()
    } else {
        s.to_lowercase().into()
    }
}

/// Can ASCII `a` and `b` be at most `most` edits apart, judged by their
/// bags of bytes? Each edit adds, removes or changes one byte, so the
/// distance is at least the bytes one has beyond the other's. `true` for
/// other text (then only the distance tells).
fn within_bag_distance(a: &str, b: &str, most: usize) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return true;
    }
    let mut counts = [0i32; 128];
    for x in a.bytes() {
        counts[usize::from(x)] += 1;
    }
    for x in b.bytes() {
        counts[usize::from(x)] -= 1;
    }
    let extra_a: i32 = counts.iter().filter(|&&c| c > 0).sum();
    let extra_b: i32 = -counts.iter().filter(|&&c| c < 0).sum::<i32>();
    extra_a.max(extra_b) as usize <= most
}

fn given_compatible(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (a.chars().count().min(b.chars().count()) >= 5 && edit_distance(a, b) <= 1)
}

/// One document's person names: how often each surname is written, and
/// each (given name, surname) pair in the order they first appear.
type DocNames = (HashMap<String, usize>, Vec<(String, String)>);

/// Labels unlabelled capitalised spans that match a person found anywhere
/// in the corpus (a surname, a one-word name, or an unambiguous given name).
pub(crate) fn propagate_persons(docs: &mut [DocRules], texts: &[&str]) {
    use rayon::prelude::*;
    let mut surnames: HashMap<String, usize> = HashMap::new();
    let mut given: HashMap<String, Vec<String>> = HashMap::new();
    // Each document's person names are read on every core, each distinct
    // written form once, then taken in in document order (the given names'
    // surnames in the order they first appear, as one pass would).
    let per_doc: Vec<DocNames> = docs
        .par_iter()
        .zip(texts.par_iter())
        .map(|(d, text)| {
            let mut forms: HashMap<&str, usize> = HashMap::new();
            let mut order: Vec<&str> = Vec::new();
            for m in d.mentions.iter().filter(|m| m.kind == EntityKind::Person) {
                let s = &text[m.range.clone()];
                let n = forms.entry(s).or_insert_with(|| {
                    order.push(s);
                    0
                });
                *n += 1;
            }
            let mut counts: HashMap<String, usize> = HashMap::new();
            let mut pairs = Vec::new();
            for s in order {
                let parts = name_parts(s);
                if let Some(last) = parts.last() {
                    *counts.entry(last.to_lowercase()).or_default() += forms[s];
                }
                if parts.len() >= 2 {
                    let last = parts[parts.len() - 1].to_lowercase();
                    pairs.push((parts[0].to_lowercase(), last));
                }
            }
            (counts, pairs)
        })
        .collect();
    for (counts, pairs) in per_doc {
        for (k, n) in counts {
            *surnames.entry(k).or_default() += n;
        }
        for (first, last) in pairs {
            let g = given.entry(first).or_default();
            if !g.contains(&last) {
                g.push(last);
            }
        }
    }
    let gz = Gazetteer::get();
    // Each document on its own against what the corpus knows.
    docs.par_iter_mut()
        .zip(texts.par_iter())
        .for_each(|(d, text)| {
            // Each candidate on its own, in parallel: what it would add, and
            // the common word it needs to be checked against.
            let found: Vec<(Range<usize>, String, Option<String>)> = d
                .candidates
                .par_iter()
                .filter_map(|r| {
                    let mut r = r.clone();
                    let whole = &text[r.clone()];
                    // `Smith Wins Vote` (a headline): the known name is the first word.
                    if let Some(sp) = whole.find(' ') {
                        let last_known = name_parts(whole)
                            .last()
                            .is_some_and(|l| surnames.contains_key(&l.to_lowercase()));
                        let first = &whole[..sp];
                        if !last_known && surnames.contains_key(&title_case(first).to_lowercase()) {
                            r.end = r.start + sp;
                        }
                    }
                    // `Later SMITH`: only the known surname, unless a given name leads.
                    if let Some(sp) = text[r.clone()].rfind(' ') {
                        let first = name_parts(&text[r.clone()]);
                        let given_first = first.first().is_some_and(|f| {
                            gz.is_given(f) || given.contains_key(&f.to_lowercase())
                        });
                        if !given_first {
                            r.start += sp + 1;
                        }
                    }
                    let s = &text[r.clone()];
                    let parts = name_parts(s);
                    let last = parts.last()?;
                    let key = last.to_lowercase();
                    let known = surnames.contains_key(&key)
                        || (parts.len() == 1
                            && given
                                .get(&key)
                                .is_some_and(|v| v.iter().all(|x| similar(x, &v[0]))));
                    if !known || gz.lookup(s).is_some() {
                        return None;
                    }
                    // A sentence-initial common word that happens to be a surname.
                    let sentence_start = text[..r.start]
                        .trim_end()
                        .ends_with(['.', '!', '?', '"', '“'])
                        || r.start == 0;
                    let check = (sentence_start && parts.len() == 1).then_some(key);
                    Some((r, s.to_string(), check))
                })
                .collect();
            // Whether each word to check is written in lower case in the text
            // (` word `): one pass over the text for all of them.
            let common = lower_case_words(text, found.iter().filter_map(|f| f.2.as_deref()));
            let mut names = crate::name::Names::default();
            let added = found
                .into_iter()
                .filter(|(_, _, check)| check.as_ref().is_none_or(|k| !common.contains(k.as_str())))
                .map(|(range, canonical, _)| Raw {
                    range,
                    kind: EntityKind::Person,
                    canonical: names.get(&canonical),
                });
            merge_by_start(&mut d.mentions, added.collect());
        });
}

/// Adds `added` to `mentions` and orders them by start, as a stable sort
/// of the two one after the other would (on equal starts, `mentions`
/// first). When `mentions` is in order already (as the rules leave it),
/// merged in place from the back: no second copy of a long list.
fn merge_by_start(mentions: &mut Vec<Raw>, mut added: Vec<Raw>) {
    if !mentions.is_sorted_by_key(|m| m.range.start) {
        mentions.append(&mut added);
        mentions.sort_by_key(|m| m.range.start);
        return;
    }
    if added.is_empty() {
        return;
    }
    added.sort_by_key(|m| m.range.start);
    let filler = Raw {
        range: 0..0,
        kind: EntityKind::Person,
        canonical: "".into(),
    };
    let mut i = mentions.len();
    mentions.resize(i + added.len(), filler);
    // `mentions[..i]` is still to merge; slots from `w` on are done.
    let mut w = mentions.len();
    while let Some(a) = added.pop() {
        // Mentions that start after `a` go after it.
        while i > 0 && mentions[i - 1].range.start > a.range.start {
            i -= 1;
            w -= 1;
            mentions.swap(i, w);
        }
        w -= 1;
        mentions[w] = a;
    }
}

/// Up to this many words, [`lower_case_words`] looks for each on its own:
/// `memchr::memmem` skips through a text on the needle's rarest bytes,
/// while an automaton must first be built (most of the cost for a short
/// document) and then stops at every space (every pattern starts with
/// one). A document rarely has more than three words to check.
const FEW_WORDS: usize = 8;

/// Which of `words` occur in `text` between two spaces (` word `): each
/// searched for on its own when they are few, else all in one pass over
/// the text however many words there are.
fn lower_case_words<'w>(
    text: &str,
    words: impl Iterator<Item = &'w str>,
) -> std::collections::HashSet<String> {
    let mut wanted: Vec<&str> = words.collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.len() <= FEW_WORDS {
        return words_between_spaces(text, &wanted);
    }
    let patterns: Vec<String> = wanted.iter().map(|w| format!(" {w} ")).collect();
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .kind(crate::text::automaton_kind(text.len()))
        .build(&patterns)
    else {
        // Too many to build an automaton: one search each.
        return words_between_spaces(text, &wanted);
    };
    let mut seen = std::collections::HashSet::new();
    // Overlapping matches: ` a b ` holds both ` a ` and ` b `.
    for m in ac.find_overlapping_iter(text) {
        seen.insert(wanted[m.pattern().as_usize()].to_string());
        if seen.len() == wanted.len() {
            break;
        }
    }
    seen
}

/// Which of `wanted` occur in `text` between two spaces, one search each.
fn words_between_spaces(text: &str, wanted: &[&str]) -> std::collections::HashSet<String> {
    let mut needle = String::new();
    wanted
        .iter()
        .filter(|w| {
            needle.clear();
            needle.extend([" ", w, " "]);
            memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
        })
        .map(|w| w.to_string())
        .collect()
}

struct Cluster {
    /// Lower-cased surname (or the single word of a one-word name).
    surname: String,
    /// Given names seen with it (empty for one-word names).
    given: Vec<String>,
    forms: HashMap<String, usize>,
    /// Documents with a full-name mention, ascending.
    docs: Vec<usize>,
}

/// Person clusters, indexed by the first letter of the surname (spelling
/// variants must share it) so that large corpora stay fast.
#[derive(Default)]
struct Clusters {
    list: Vec<Cluster>,
    /// Each cluster under its surname's initial, with the surname's length
    /// in characters (variants differ by at most two): a full name is
    /// matched against every cluster of its initial, so the lengths are
    /// compared here, counted once, before a cluster is looked at.
    by_initial: HashMap<char, Vec<(usize, usize)>>,
}

impl Clusters {
    fn add(&mut self, surname: String, given: Option<&str>, form: String) -> usize {
        let k = self.list.len();
        let initial = surname.chars().next().unwrap_or(' ');
        let len = surname.chars().count();
        self.by_initial.entry(initial).or_default().push((k, len));
        self.list.push(Cluster {
            surname,
            given: given.map(|g| vec![g.to_string()]).unwrap_or_default(),
            forms: HashMap::from([(form, 0)]),
            docs: vec![],
        });
        k
    }

    /// Clusters of full names whose surname is `surname` up to spelling.
    fn by_surname<'a>(&'a self, surname: &'a str) -> impl Iterator<Item = usize> + 'a {
        let initial = surname.chars().next().unwrap_or(' ');
        let n = surname.chars().count();
        self.by_initial
            .get(&initial)
            .into_iter()
            .flatten()
            .filter(move |&&(_, len)| len.abs_diff(n) <= 2)
            .map(|&(k, _)| k)
            .filter(move |&k| {
                let c = &self.list[k];
                !c.given.is_empty() && similar(&c.surname, surname)
            })
    }

    fn full_match(&self, given: &str, surname: &str) -> Option<usize> {
        self.by_surname(surname).find(|&k| {
            self.list[k]
                .given
                .iter()
                .any(|g| given_compatible(g, given))
        })
    }
}

/// Gives all PERSON mentions of one person one canonical name across the
/// corpus, and expands ORG acronyms to a long form seen in the corpus.
pub(crate) fn canonicalise(docs: &mut [DocRules], texts: &[&str]) {
    // The parts of each distinct way a person is written, found once: a
    // long document writes the same few names over and over.
    let mut distinct: Vec<Vec<String>> = Vec::new();
    // (doc, mention index, index of its parts in `distinct`).
    let mut persons: Vec<(usize, usize, usize)> = Vec::new();
    for (di, (d, text)) in docs.iter().zip(texts).enumerate() {
        let mut by_text: HashMap<&str, Option<usize>> = HashMap::new();
        for (mi, m) in d.mentions.iter().enumerate() {
            if m.kind != EntityKind::Person {
                continue;
            }
            let id = *by_text
                .entry(&text[m.range.clone()])
                .or_insert_with_key(|s| {
                    let parts = name_parts(s);
                    (!parts.is_empty()).then(|| {
                        distinct.push(parts);
                        distinct.len() - 1
                    })
                });
            if let Some(id) = id {
                persons.push((di, mi, id));
            }
        }
    }
    let parts_of = |id: usize| distinct[id].as_slice();
    // Full names, most frequent first, seed the clusters.
    let mut full_counts: HashMap<&[String], usize> = HashMap::new();
    for &(_, _, id) in persons.iter().filter(|p| parts_of(p.2).len() >= 2) {
        *full_counts.entry(parts_of(id)).or_default() += 1;
    }
    let mut fulls: Vec<(&[String], usize)> = full_counts.into_iter().collect();
    fulls.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut cl = Clusters::default();
    let mut full_cluster: HashMap<&[String], usize> = HashMap::new();
    for (parts, count) in fulls {
        let (g, s) = (&parts[0], parts[parts.len() - 1].to_lowercase());
        let form = parts.join(" ");
        let k = match cl.full_match(g, &s) {
            Some(k) => k,
            None => cl.add(s, Some(g), form.clone()),
        };
        let c = &mut cl.list[k];
        if !c.given.contains(g) {
            c.given.push(g.clone());
        }
        *c.forms.entry(form).or_default() += count;
        full_cluster.insert(parts, k);
    }
    // The full-name cluster of each distinct written form (`None` for a
    // one-word name), looked up once, not for every mention.
    let full_of: Vec<Option<usize>> = distinct
        .iter()
        .map(|parts| full_cluster.get(parts.as_slice()).copied())
        .collect();
    // Docs where each cluster has a full-name mention (`persons` is in
    // document order, so each list comes out sorted without duplicates).
    for &(di, _, id) in &persons {
        if let Some(k) = full_of[id]
            && cl.list[k].docs.last() != Some(&di)
        {
            cl.list[k].docs.push(di);
        }
    }
    let mut given_index: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, c) in cl.list.iter().enumerate() {
        for g in &c.given {
            let v = given_index.entry(g.to_lowercase()).or_default();
            if !v.contains(&k) {
                v.push(k);
            }
        }
    }
    // One-word mentions: a surname, else an unambiguous given name, else
    // a cluster of their own.
    let mut single_cache: HashMap<(String, usize), usize> = HashMap::new();
    // Clusters by surname up to spelling, per word: the same in every doc.
    let mut surname_cache: HashMap<String, Vec<usize>> = HashMap::new();
    let mut singles: HashMap<String, usize> = HashMap::new();
    // The cluster of each distinct written form of a one-word name once
    // found: a form belongs to one document, so it stands for the
    // (word, document) key of `single_cache` without building one.
    let mut single_of: Vec<Option<usize>> = vec![None; distinct.len()];
    // How often each full-name cluster is written, summed once: only the
    // clusters made so far can be picked (a one-word name's own cluster
    // has no given name, so no surname look-up finds it).
    let written: Vec<usize> = cl.list.iter().map(|c| c.forms.values().sum()).collect();
    let mut assign: Vec<usize> = Vec::with_capacity(persons.len());
    for &(di, _, id) in &persons {
        if let Some(k) = full_of[id].or(single_of[id]) {
            assign.push(k);
            continue;
        }
        let parts = parts_of(id);
        let w = parts[0].to_lowercase();
        let key = (w.clone(), di);
        let k = if let Some(&k) = single_cache.get(&key) {
            k
        } else {
            let by_surname = surname_cache
                .entry(w.clone())
                .or_insert_with(|| cl.by_surname(&w).collect());
            let pick = by_surname.iter().copied().max_by_key(|&k| {
                (
                    cl.list[k].docs.binary_search(&di).is_ok(),
                    written[k],
                    std::cmp::Reverse(k),
                )
            });
            let by_given = || match given_index.get(&w).map(Vec::as_slice) {
                Some([k]) => Some(*k),
                _ => None,
            };
            let k = pick.or_else(by_given).unwrap_or_else(|| {
                *singles
                    .entry(w.clone())
                    .or_insert_with(|| cl.add(w.clone(), None, parts[0].clone()))
            });
            single_cache.insert(key, k);
            k
        };
        single_of[id] = Some(k);
        assign.push(k);
    }
    let names: Vec<crate::name::Name> = cl
        .list
        .iter()
        .map(|c| {
            c.forms
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(a.0.len().cmp(&b.0.len()))
                        .then(b.0.cmp(a.0))
                })
                .map_or_else(|| c.surname.as_str().into(), |(f, _)| f.as_str().into())
        })
        .collect();
    for ((di, mi, _), k) in persons.iter().zip(assign) {
        docs[*di].mentions[*mi].canonical = names[k].clone();
    }
    expand_acronyms(docs);
}

/// Can `acr` be read off `words` in order, each content word giving a
/// prefix of at least one letter (`ECOWAS`: *E*conomic *Co*mmunity of
/// *W*est *A*frican *S*tates), function words giving none or their first?
fn acronym_of(acr: &[char], words: &[Vec<char>]) -> bool {
    let Some((w, rest)) = words.split_first() else {
        return acr.is_empty();
    };
    let function = matches!(
        w.iter().collect::<String>().as_str(),
        "of" | "for" | "and" | "the" | "on" | "in" | "&"
    );
    if function && acronym_of(acr, rest) {
        return true;
    }
    let mut k = 0;
    while k < acr.len() && k < w.len() && w[k].to_uppercase().eq(acr[k].to_uppercase()) {
        k += 1;
        if acronym_of(&acr[k..], rest) {
            return true;
        }
    }
    false
}

/// Does the all-caps `acr` abbreviate `long`?
fn abbreviates(acr: &str, long: &str) -> bool {
    let acr: Vec<char> = acr.chars().filter(|c| c.is_alphanumeric()).collect();
    [&[' '][..], &[' ', '-'][..]].iter().any(|seps| {
        let words: Vec<Vec<char>> = long
            .split(*seps)
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().collect())
            .collect();
        words.len() >= 2 && words.len() <= acr.len() * 2 && acronym_of(&acr, &words)
    })
}

fn expand_acronyms(docs: &mut [DocRules]) {
    let mut seen = std::collections::HashSet::new();
    let mut long: Vec<crate::name::Name> = Vec::new();
    for m in docs.iter().flat_map(|d| &d.mentions) {
        if m.kind == EntityKind::Org && m.canonical.contains(' ') && seen.insert(&m.canonical) {
            long.push(m.canonical.clone());
        }
    }
    let mut cache: HashMap<crate::name::Name, Option<crate::name::Name>> = HashMap::new();
    for m in docs.iter_mut().flat_map(|d| &mut d.mentions) {
        if m.kind == EntityKind::Org && !m.canonical.contains(' ') && m.canonical.len() >= 2 {
            let found = cache
                .entry(m.canonical.clone())
                .or_insert_with(|| long.iter().find(|l| abbreviates(&m.canonical, l)).cloned());
            if let Some(l) = found {
                m.canonical = l.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts_drop_initials_and_caps() {
        assert_eq!(name_parts("John F. KENNEDY"), ["John", "Kennedy"]);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("Tleuberdi", "Tileuberdi"), 1);
        assert_eq!(edit_distance("Öztürk", "Ozturk"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn similar_spellings() {
        assert!(similar("Zelensky", "Zelenskyy"));
        assert!(similar("Tsikhanouskaya", "Tsikhanovskaya"));
        assert!(!similar("Li", "Lu"));
        assert!(!similar("Johnson", "Jackson"));
        assert!(given_compatible("Stephen", "Stephan"));
    }

    /// `similar` as first written: the distance computed for every pair.
    fn similar_by_distance(a: &str, b: &str) -> bool {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        if a == b {
            return true;
        }
        let n = a.chars().count().min(b.chars().count());
        let d = edit_distance(&a, &b);
        (n >= 6 && d <= 1) || (n >= 9 && d <= 2)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn similar_names_are_those_the_distance_finds(
            a in "[aAbBöÖ]{0,11}|[a-fA-F]{5,12}",
            edits in proptest::collection::vec((0..3usize, 0..12usize, "[abBöxİcdefF]"), 0..4),
        ) {
            // `b`: `a` changed in a few places, so that many pairs are close.
            let mut b: Vec<char> = a.chars().collect();
            for (op, at, c) in edits {
                let c = c.chars().next().unwrap();
                let at = at.min(b.len());
                match op {
                    0 => b.insert(at, c),
                    1 if at < b.len() => drop(b.remove(at)),
                    _ if at < b.len() => b[at] = c,
                    _ => b.push(c),
                }
            }
            let b: String = b.into_iter().collect();
            proptest::prop_assert_eq!(similar(&a, &b), similar_by_distance(&a, &b), "{} {}", a, b);
        }
    }

    #[test]
    fn acronym_initials() {
        assert!(abbreviates("OAS", "Organization of American States"));
        assert!(abbreviates("IDB", "Inter-American Development Bank"));
        assert!(abbreviates(
            "ECOWAS",
            "Economic Community of West African States"
        ));
        assert!(abbreviates("EEU", "Eurasian Economic Union"));
        assert!(!abbreviates("EU", "Eurasian Economic Union"));
        assert!(!abbreviates("NATO", "National Bank"));
    }
}

#[cfg(test)]
mod lower_case_tests {
    use super::*;

    #[test]
    fn mentions_merged_in_place_are_ordered_as_a_stable_sort_orders_them() {
        let raw = |start: usize, tag: &str| Raw {
            range: start..start + 1,
            kind: EntityKind::Person,
            canonical: tag.into(),
        };
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for case in 0..300 {
            let mut mentions: Vec<Raw> = (0..next(12))
                .map(|k| raw(next(20) as usize, &format!("m{k}")))
                .collect();
            if case % 3 != 0 {
                // The rules leave them in order (ties keep their order).
                mentions.sort_by_key(|m| m.range.start);
            }
            let added: Vec<Raw> = (0..next(8))
                .map(|k| raw(next(20) as usize, &format!("a{k}")))
                .collect();
            let mut expected = mentions.clone();
            expected.extend(added.clone());
            expected.sort_by_key(|m| m.range.start);
            merge_by_start(&mut mentions, added);
            let tags = |v: &[Raw]| -> Vec<(usize, String)> {
                v.iter()
                    .map(|m| (m.range.start, m.canonical.to_string()))
                    .collect()
            };
            assert_eq!(tags(&mentions), tags(&expected), "case {case}");
        }
    }

    #[test]
    fn words_in_lower_case_are_found_in_one_pass_as_one_search_each_would() {
        let text = "Brown said the brown dog and a smith met. Smith, rose rose. green ";
        let words = [
            "brown", "smith", "rose", "green", "dog", "met", "said", "the", "x",
        ];
        let found = lower_case_words(text, words.iter().copied());
        for w in words {
            assert_eq!(
                found.contains(w),
                text.contains(&format!(" {w} ")),
                "{w}: {found:?}"
            );
        }
        // ` rose rose.`: overlapping forms share their space.
        assert!(found.contains("rose") && found.contains("brown") && !found.contains("met"));
        assert!(lower_case_words(text, std::iter::empty()).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Few words (each searched on its own) and many (one automaton)
        /// give what one plain search per word gives.
        #[test]
        fn words_in_lower_case_are_those_one_search_each_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "rose", "roses", "Rose", "rosé", "é", "a", "b", " ", "  ", ".", "\n", "-",
                    "smith", "ab", "ba",
                ]),
                0..40,
            ),
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "rose", "roses", "rosé", "é", "a", "b", "ab", "ba", "smith", "a b", "x",
                    "Rose", "r", "s", "o", "e", "mith", "ros",
                ]),
                0..18,
            ),
        ) {
            let text = pieces.concat();
            let found = lower_case_words(&text, words.iter().copied());
            let expected: std::collections::HashSet<String> = words
                .iter()
                .filter(|w| text.contains(&format!(" {w} ")))
                .map(|w| w.to_string())
                .collect();
            proptest::prop_assert_eq!(found, expected, "{:?} {:?}", text, words);
        }
    }
}
