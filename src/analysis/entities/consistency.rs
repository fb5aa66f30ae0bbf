//! Document-level consistency: a name found once with strong evidence keeps
//! its type everywhere in the document. An organisation's name (and, for a
//! company or club, its name without `Inc`/`Group`/`United`) is an ORG in
//! every other mention and in all-caps headlines, unless the words around
//! it say place (`in Leeds`); a name found as a place (a dateline) is a
//! place wherever else it stands alone; a surname of a person named in
//! full in the document is that person, not a team.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::EntityKind;
use super::gazetteer::title_case;
use super::lexicon::*;
use super::rules::{Ctx, Raw};

/// Regions that follow a company's name to name its regional unit
/// (`Halvorsen Europe`).
fn is_unit_region(s: &str) -> bool {
    matches!(
        s,
        "Europe" | "Asia" | "Africa" | "Americas" | "Asia Pacific" | "Asia-Pacific" | "UK"
    )
}

/// The form names are compared in: all-caps text title-cased
/// (`LEEDS` → `Leeds`), anything else as written.
fn key(s: &str) -> Cow<'_, str> {
    let lower = s.bytes().any(|b| b.is_ascii_lowercase())
        || (!s.is_ascii() && s.chars().any(char::is_lowercase));
    if lower {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(title_case(s))
    }
}

/// Which of `words` (lower case) the text also writes in lower case, as
/// a word of its own (`world` for `World`). A few words are searched for
/// directly (SIMD substring search); many, in one pass over the text's
/// words.
fn lower_case_uses(text: &str, words: &[String]) -> HashSet<String> {
    let b = text.as_bytes();
    let boundary = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let after = |i: usize| {
        text[i..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    if words.len() <= 8 {
        return words
            .iter()
            .filter(|w| {
                !w.is_empty()
                    && memchr::memmem::find_iter(b, w.as_bytes())
                        .any(|i| boundary(i) && after(i + w.len()))
            })
            .cloned()
            .collect();
    }
    let wanted: HashSet<&str> = words.iter().map(String::as_str).collect();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| wanted.contains(w))
        .map(str::to_string)
        .collect()
}

/// `Vantora Motors Inc` → `Vantora`: the name without its trailing company
/// or club words, when something is left.
fn short_form(s: &str) -> Option<&str> {
    let mut end = s.len();
    let mut cut = false;
    while let Some(sp) = s[..end].rfind(' ') {
        let w = s[sp + 1..end].trim_end_matches('.');
        let tc = title_case(w);
        if is_company_suffix(w) || is_club_head(w) || is_company_suffix(&tc) || is_club_head(&tc) {
            end = sp;
            cut = true;
        } else {
            break;
        }
    }
    (cut && end > 0).then(|| &s[..end])
}

impl Ctx<'_> {
    /// Token index of the token starting at byte `start`.
    fn tok_at(&self, start: usize) -> usize {
        self.toks.partition_point(|t| t.start() < start)
    }

    /// Token index one past the token ending at byte `end`.
    fn tok_end(&self, end: usize) -> usize {
        self.toks.partition_point(|t| t.end() <= end)
    }

    /// The consistency pass; `out.mentions` is sorted and non-overlapping.
    pub(super) fn consistency(&mut self) {
        let text = self.text;
        // Name → index of the first mention that gives its canonical name.
        let mut orgs: HashMap<Cow<str>, usize> = HashMap::new();
        let mut places: HashMap<Cow<str>, usize> = HashMap::new();
        let mut surnames: HashSet<Cow<str>> = HashSet::new();
        let mut aliases: Vec<(&str, usize)> = Vec::new();
        for (k, m) in self.out.mentions.iter().enumerate() {
            let s = &text[m.range.clone()];
            match m.kind {
                EntityKind::Org => {
                    orgs.entry(key(s)).or_insert(k);
                    if let Some(short) = short_form(s)
                        && self.g.lookup(short).is_none()
                        && self.g.lookup(&title_case(short)).is_none()
                        && short.split(' ').all(|w| {
                            w.starts_with(char::is_uppercase)
                                && !is_function_word(w)
                                && !is_title_modifier(w)
                                && !is_portfolio_word(w)
                        })
                    {
                        aliases.push((short, k));
                    }
                }
                EntityKind::Place => {
                    places.entry(key(s)).or_insert(k);
                }
                EntityKind::Person if s.contains(' ') => {
                    if let Some(last) = s.rsplit(' ').next() {
                        surnames.insert(key(last));
                    }
                }
                _ => {}
            }
        }
        if !aliases.is_empty() {
            // A short form that is also a common word (`World` of `World
            // Bank`) is not an alias.
            let lower: Vec<String> = aliases.iter().map(|(s, _)| s.to_lowercase()).collect();
            let used = lower_case_uses(text, &lower);
            for ((short, k), low) in aliases.into_iter().zip(&lower) {
                let sk = key(short);
                if !used.contains(low) && !places.contains_key(&sk) {
                    orgs.entry(sk).or_insert(k);
                }
            }
        }
        if orgs.is_empty() && places.is_empty() {
            return;
        }
        // Mentions: a person or place whose name is an organisation's.
        for k in 0..self.out.mentions.len() {
            let m = &self.out.mentions[k];
            if !matches!(
                m.kind,
                EntityKind::Person | EntityKind::Place | EntityKind::Org
            ) {
                continue;
            }
            let mk = key(&text[m.range.clone()]);
            match m.kind {
                EntityKind::Person | EntityKind::Place => {
                    let Some(&o) = orgs.get(&mk) else { continue };
                    let (a, b) = (self.tok_at(m.range.start), self.tok_end(m.range.end));
                    if surnames.contains(&mk)
                        || (m.kind == EntityKind::Place && b > a && self.place_evidence(a, b))
                    {
                        continue;
                    }
                    let c = self.out.mentions[o].canonical.clone();
                    let m = &mut self.out.mentions[k];
                    m.kind = EntityKind::Org;
                    m.canonical = c;
                }
                // `Novakova` read as a team, but `Petra Novakova` plays here.
                EntityKind::Org if !mk.contains(' ') && surnames.contains(&mk) => {
                    self.out.mentions[k].kind = EntityKind::Person;
                }
                _ => {}
            }
        }
        // Unlabelled spans (headlines, lone words) that match a name above.
        let cands = std::mem::take(&mut self.out.candidates);
        let mut kept = Vec::with_capacity(cands.len());
        let mut added: Vec<Raw> = Vec::new();
        for r in cands {
            let ck = key(&text[r.clone()]);
            let found = orgs
                .get(&ck)
                .map(|&o| (EntityKind::Org, o))
                .or_else(|| places.get(&ck).map(|&p| (EntityKind::Place, p)));
            if let Some((kind, o)) = found {
                added.push(Raw {
                    range: r,
                    kind,
                    canonical: self.out.mentions[o].canonical.clone(),
                });
                continue;
            }
            // Word by word, in a run of capitals (`HELD AT HOME AS HARTFIELD`).
            let before = added.len();
            if ck.contains(' ') {
                for t in self.tok_at(r.start)..self.tok_end(r.end) {
                    let w = &self.toks[t];
                    if let Some(&o) = orgs.get(&key(&text[w.start()..w.end()])) {
                        added.push(Raw {
                            range: w.start()..w.end(),
                            kind: EntityKind::Org,
                            canonical: self.out.mentions[o].canonical.clone(),
                        });
                    }
                }
            }
            if added.len() == before {
                kept.push(r);
            }
        }
        self.out.candidates = kept;
        if !added.is_empty() {
            self.out.mentions.extend(added);
            self.out.mentions.sort_by_key(|m| m.range.start);
        }
        // `Halvorsen Lindqvist Europe`: a company and its regional unit.
        let ms = std::mem::take(&mut self.out.mentions);
        let mut merged: Vec<Raw> = Vec::with_capacity(ms.len());
        for m in ms {
            if let Some(last) = merged.last_mut()
                && last.kind == EntityKind::Org
                && m.kind == EntityKind::Place
                && &text[last.range.end..m.range.start] == " "
                && is_unit_region(&text[m.range.clone()])
            {
                last.range.end = m.range.end;
                last.canonical = text[last.range.clone()].into();
                continue;
            }
            merged.push(m);
        }
        self.out.mentions = merged;
        self.headline_words();
    }

    /// In an all-caps line, a lone place-name word that the document also
    /// writes in lower case (`RIO DERBY` / `the Rio derby`) is that word.
    fn headline_words(&mut self) {
        if !self.caps_line.iter().any(|&c| c) {
            return;
        }
        let text = self.text;
        let lone = |cx: &Self, m: &Raw| {
            let a = cx.tok_at(m.range.start);
            m.kind == EntityKind::Place
                && a < cx.toks.len()
                && cx.caps_line[a]
                && cx.toks[a].end() == m.range.end
        };
        let words: Vec<String> = self
            .out
            .mentions
            .iter()
            .filter(|m| lone(self, m))
            .map(|m| text[m.range.clone()].to_lowercase())
            .collect();
        if words.is_empty() {
            return;
        }
        let used = lower_case_uses(text, &words);
        if used.is_empty() {
            return;
        }
        let ms = std::mem::take(&mut self.out.mentions);
        self.out.mentions = ms
            .into_iter()
            .filter(|m| !(lone(self, m) && used.contains(&text[m.range.clone()].to_lowercase())))
            .collect();
    }
}
