//! Cross-document work: labelling surnames seen elsewhere as persons, and
//! giving every mention of one entity one canonical name.

use std::collections::HashMap;

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
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Same name up to spelling: equal ignoring case, or a small edit distance
/// on long names (`Tsikhanouskaya` / `Tsikhanovskaya`).
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    let d = edit_distance(&a, &b);
    (n >= 6 && d <= 1) || (n >= 9 && d <= 2)
}

fn given_compatible(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (a.chars().count().min(b.chars().count()) >= 5 && edit_distance(a, b) <= 1)
}

/// Labels unlabelled capitalised spans that match a person found anywhere
/// in the corpus (a surname, a one-word name, or an unambiguous given name).
pub(crate) fn propagate_persons(docs: &mut [DocRules], texts: &[&str]) {
    let mut surnames: HashMap<String, usize> = HashMap::new();
    let mut given: HashMap<String, Vec<String>> = HashMap::new();
    for (d, text) in docs.iter().zip(texts) {
        for m in d.mentions.iter().filter(|m| m.kind == EntityKind::Person) {
            let parts = name_parts(&text[m.range.clone()]);
            if let Some(last) = parts.last() {
                *surnames.entry(last.to_lowercase()).or_default() += 1;
            }
            if parts.len() >= 2 {
                let g = given.entry(parts[0].to_lowercase()).or_default();
                let last = parts[parts.len() - 1].to_lowercase();
                if !g.contains(&last) {
                    g.push(last);
                }
            }
        }
    }
    let gz = Gazetteer::get();
    for (d, text) in docs.iter_mut().zip(texts) {
        let mut added = Vec::new();
        for r in &d.candidates {
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
            let s = &text[r.clone()];
            let parts = name_parts(s);
            let Some(last) = parts.last() else { continue };
            let key = last.to_lowercase();
            let known = surnames.contains_key(&key)
                || (parts.len() == 1
                    && given
                        .get(&key)
                        .is_some_and(|v| v.iter().all(|x| similar(x, &v[0]))));
            if !known || gz.lookup(s).is_some() {
                continue;
            }
            // A sentence-initial common word that happens to be a surname.
            let sentence_start = text[..r.start]
                .trim_end()
                .ends_with(['.', '!', '?', '"', '“'])
                || r.start == 0;
            if sentence_start && parts.len() == 1 && text.contains(&format!(" {key} ")) {
                continue;
            }
            added.push(Raw {
                range: r.clone(),
                kind: EntityKind::Person,
                canonical: s.to_string(),
            });
        }
        d.mentions.extend(added);
        d.mentions.sort_by_key(|m| m.range.start);
    }
}

struct Cluster {
    surname: String,
    given: Vec<String>,
    forms: HashMap<String, usize>,
    size: usize,
    docs: Vec<usize>,
}

/// Gives all PERSON mentions of one person one canonical name across the
/// corpus, and expands ORG acronyms to a long form seen in the corpus.
pub(crate) fn canonicalise(docs: &mut [DocRules], texts: &[&str]) {
    // (doc, mention index, parts)
    let mut persons: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (di, (d, text)) in docs.iter().zip(texts).enumerate() {
        for (mi, m) in d.mentions.iter().enumerate() {
            if m.kind == EntityKind::Person {
                let parts = name_parts(&text[m.range.clone()]);
                if !parts.is_empty() {
                    persons.push((di, mi, parts));
                }
            }
        }
    }
    let mut full_counts: HashMap<Vec<String>, usize> = HashMap::new();
    for (_, _, p) in persons.iter().filter(|p| p.2.len() >= 2) {
        *full_counts.entry(p.clone()).or_default() += 1;
    }
    let mut fulls: Vec<(&Vec<String>, usize)> = full_counts.iter().map(|(k, v)| (k, *v)).collect();
    fulls.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut clusters: Vec<Cluster> = Vec::new();
    for (parts, count) in fulls {
        let (g, s) = (&parts[0], &parts[parts.len() - 1]);
        let found = clusters.iter().position(|c| {
            similar(&c.surname, s) && c.given.iter().any(|cg| given_compatible(cg, g))
        });
        let form = parts.join(" ");
        let c = match found {
            Some(k) => &mut clusters[k],
            None => {
                clusters.push(Cluster {
                    surname: s.clone(),
                    given: vec![],
                    forms: HashMap::new(),
                    size: 0,
                    docs: vec![],
                });
                clusters.last_mut().expect("just pushed")
            }
        };
        if !c.given.contains(g) {
            c.given.push(g.clone());
        }
        *c.forms.entry(form).or_default() += count;
    }
    // Assign every mention.
    let mut assign: Vec<usize> = Vec::with_capacity(persons.len());
    for (di, _, parts) in &persons {
        let k = if parts.len() >= 2 {
            let (g, s) = (&parts[0], &parts[parts.len() - 1]);
            clusters.iter().position(|c| {
                similar(&c.surname, s) && c.given.iter().any(|cg| given_compatible(cg, g))
            })
        } else {
            let w = &parts[0];
            let by_surname: Vec<usize> = (0..clusters.len())
                .filter(|&k| !clusters[k].given.is_empty() && similar(&clusters[k].surname, w))
                .collect();
            let by_given: Vec<usize> = (0..clusters.len())
                .filter(|&k| clusters[k].given.iter().any(|g| g.eq_ignore_ascii_case(w)))
                .collect();
            let pick = |c: &[usize]| -> Option<usize> {
                match c {
                    [] => None,
                    [k] => Some(*k),
                    many => many.iter().copied().max_by_key(|&k| {
                        (
                            clusters[k].docs.contains(di),
                            clusters[k].forms.values().sum::<usize>(),
                        )
                    }),
                }
            };
            pick(&by_surname)
                .or_else(|| {
                    if by_given.len() == 1 {
                        Some(by_given[0])
                    } else {
                        None
                    }
                })
                .or_else(|| {
                    clusters
                        .iter()
                        .position(|c| c.given.is_empty() && c.surname.eq_ignore_ascii_case(w))
                })
        };
        let k = k.unwrap_or_else(|| {
            let w = parts.last().expect("non-empty").clone();
            clusters.push(Cluster {
                surname: w.clone(),
                given: vec![],
                forms: HashMap::from([(w, 1)]),
                size: 0,
                docs: vec![],
            });
            clusters.len() - 1
        });
        clusters[k].size += 1;
        if !clusters[k].docs.contains(di) {
            clusters[k].docs.push(*di);
        }
        assign.push(k);
    }
    let names: Vec<String> = clusters
        .iter()
        .map(|c| {
            c.forms
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(a.0.len().cmp(&b.0.len()))
                        .then(b.0.cmp(a.0))
                })
                .map(|(f, _)| f.clone())
                .unwrap_or_else(|| c.surname.clone())
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
    let mut long: Vec<String> = Vec::new();
    for m in docs.iter().flat_map(|d| &d.mentions) {
        if m.kind == EntityKind::Org && m.canonical.contains(' ') && seen.insert(&m.canonical) {
            long.push(m.canonical.clone());
        }
    }
    let mut cache: HashMap<String, Option<String>> = HashMap::new();
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
    fn similar_spellings() {
        assert!(similar("Zelensky", "Zelenskyy"));
        assert!(similar("Tsikhanouskaya", "Tsikhanovskaya"));
        assert!(!similar("Li", "Lu"));
        assert!(!similar("Johnson", "Jackson"));
        assert!(given_compatible("Stephen", "Stephan"));
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
