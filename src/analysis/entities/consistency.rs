//! Document-level consistency: a name found once with strong evidence keeps
//! its type everywhere in the document. An organisation's name (and, for a
//! company or club, its name without `Inc`/`Group`/`United`) is an ORG in
//! every other mention and in all-caps headlines, unless the words around
//! it say place (`in Leeds`); a name found as a place (a dateline) is a
//! place wherever else it stands alone; a surname of a person named in
//! full in the document is that person, not a team.

use std::collections::{HashMap, HashSet};

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
        self.toks.partition_point(|t| t.start < start)
    }

    /// Token index one past the token ending at byte `end`.
    fn tok_end(&self, end: usize) -> usize {
        self.toks.partition_point(|t| t.end <= end)
    }

    /// The consistency pass; `out.mentions` is sorted and non-overlapping.
    pub(super) fn consistency(&mut self) {
        let text = self.text;
        let mut orgs: HashMap<String, String> = HashMap::new();
        let mut places: HashMap<String, String> = HashMap::new();
        let mut surnames: HashSet<String> = HashSet::new();
        let mut aliases: Vec<(&str, String)> = Vec::new();
        for m in &self.out.mentions {
            let s = &text[m.range.clone()];
            match m.kind {
                EntityKind::Org => {
                    orgs.insert(s.to_lowercase(), m.canonical.clone());
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
                        aliases.push((short, m.canonical.clone()));
                    }
                }
                EntityKind::Place => {
                    places.insert(s.to_lowercase(), m.canonical.clone());
                }
                EntityKind::Person if s.contains(' ') => {
                    if let Some(last) = s.rsplit(' ').next() {
                        surnames.insert(last.to_lowercase());
                    }
                }
                _ => {}
            }
        }
        if !aliases.is_empty() {
            // A short form that is also a common word (`World` of `World
            // Bank`) is not an alias.
            let lower: HashSet<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
                .collect();
            for (short, canonical) in aliases {
                let key = short.to_lowercase();
                if !lower.contains(key.as_str()) && !places.contains_key(&key) {
                    orgs.entry(key).or_insert(canonical);
                }
            }
        }
        if orgs.is_empty() && places.is_empty() {
            return;
        }
        // Mentions: a person or place whose name is an organisation's.
        for k in 0..self.out.mentions.len() {
            let m = &self.out.mentions[k];
            let key = text[m.range.clone()].to_lowercase();
            let (a, b) = (self.tok_at(m.range.start), self.tok_end(m.range.end));
            match m.kind {
                EntityKind::Person | EntityKind::Place => {
                    let Some(c) = orgs.get(&key) else { continue };
                    if surnames.contains(&key)
                        || (m.kind == EntityKind::Place && b > a && self.place_evidence(a, b))
                    {
                        continue;
                    }
                    let c = c.clone();
                    let m = &mut self.out.mentions[k];
                    m.kind = EntityKind::Org;
                    m.canonical = c;
                }
                // `Novakova` read as a team, but `Petra Novakova` plays here.
                EntityKind::Org if surnames.contains(&key) && !key.contains(' ') => {
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
            let key = text[r.clone()].to_lowercase();
            let found = orgs
                .get(&key)
                .map(|c| (EntityKind::Org, c))
                .or_else(|| places.get(&key).map(|c| (EntityKind::Place, c)));
            if let Some((kind, c)) = found {
                added.push(Raw {
                    range: r,
                    kind,
                    canonical: c.clone(),
                });
                continue;
            }
            // Word by word, in a run of capitals (`HELD AT HOME AS HARTFIELD`).
            let before = added.len();
            if key.contains(' ') {
                for t in self.tok_at(r.start)..self.tok_end(r.end) {
                    let w = &self.toks[t];
                    let wk = text[w.start..w.end].to_lowercase();
                    if let Some(c) = orgs.get(&wk) {
                        added.push(Raw {
                            range: w.start..w.end,
                            kind: EntityKind::Org,
                            canonical: c.clone(),
                        });
                    }
                }
            }
            if added.len() == before {
                kept.push(r);
            }
        }
        self.out.candidates = kept;
        self.out.mentions.extend(added);
        self.out.mentions.sort_by_key(|m| m.range.start);
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
                last.canonical = text[last.range.clone()].to_string();
                continue;
            }
            merged.push(m);
        }
        self.out.mentions = merged;
        self.headline_words();
    }

    /// In an all-caps line, a lone word that the document also writes in
    /// lower case (`RIO DERBY` / `the Rio derby`) is that word, not a name.
    fn headline_words(&mut self) {
        let text = self.text;
        let lone = |cx: &Self, m: &Raw| {
            let a = cx.tok_at(m.range.start);
            matches!(m.kind, EntityKind::Place | EntityKind::Person)
                && a < cx.toks.len()
                && cx.caps_line[a]
                && cx.toks[a].end == m.range.end
        };
        if !self.out.mentions.iter().any(|m| lone(self, m)) {
            return;
        }
        let lower: HashSet<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
            .collect();
        let ms = std::mem::take(&mut self.out.mentions);
        self.out.mentions = ms
            .into_iter()
            .filter(|m| {
                !(lone(self, m) && lower.contains(text[m.range.clone()].to_lowercase().as_str()))
            })
            .collect();
    }
}
