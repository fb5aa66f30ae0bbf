//! Who said it: person names, attribution cues, pronoun and role
//! carry-over.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::detect::Layout;
use super::diff::edit_distance;
use super::{Quote, QuoteKind};

const VERBS: &str = "said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|noted|noting|\
argued|argues|arguing|stressed|stresses|explained|explains|asked|asks|wrote|writes|continued|insisted|\
insists|warned|warns|declared|declares|announced|announces|claimed|assured|assures|vowed|vows|remarked|\
observed|commented|replied|replies|answered|emphasized|emphasised|emphasizes|emphasises|acknowledged|\
admitted|concluded|recalled|pledged|urged|pointed out|thanked|outlined|voiced|called|described|lamented|\
predicted|suggested|agreed|believes|believed|sees|saw|spoke|expressed|welcomed|promised|accused|hailed|\
praised|criticized|criticised|denied|confirmed|reiterated|underlined|underscored|highlighted|mentioned";
const ADV: &str = r"(?:(?:also|then|later|again|further|in turn|has|had|have|was|once|previously|recently|earlier|reportedly|repeatedly|quickly|had earlier)\s+){0,2}";
const NP: &str = r"(?:[Hh]e|[Ss]he|[Tt]hey|(?:[Tt]he|[Aa]n?)\s+(?:[\p{L}-]+\s+){0,5}?[\p{Ll}-]+|(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,5})";
const APPOS: &str = r#"(?:\s*,[^,;“”"\n]{1,150}?,)?"#;

static RE_AFTER_VERB_NP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"^\s*[,—–-]?\s*(?P<verb>{VERBS}|according to)\s+(?P<np>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?[^,.;:“”"()\n]+)"#
    ))
    .unwrap()
});
static RE_AFTER_NP_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*[,—–-]?\s*(?P<np>{NP}){APPOS}\s+{ADV}(?P<verb>{VERBS})\b"
    ))
    .unwrap()
});
static RE_TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[,—–]\s*(?P<np>{NP})\s+{ADV}(?P<verb>{VERBS})\b[^.!?]{{0,80}}[.!?]?\s*$"
    ))
    .unwrap()
});
static RE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<np>{NP}){APPOS}\s+{ADV}(?P<verb>{VERBS})\b"
    ))
    .unwrap()
});
static RE_ACCORDING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?P<verb>according to)\s+(?P<np>{NP})")).unwrap());
static RE_CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?:['’]\p{Lu}[\p{L}\p{M}]+)?").unwrap()
});
static RE_VERB_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{VERBS}|according to)\s+$")).unwrap());
static RE_VERB_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{APPOS}\s+{ADV}(?:{VERBS})\b")).unwrap());
static RE_APPOS_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,\s+(?:(?:a|an|the|who|whose)\s+)?(?P<role>[^,.;\n]{1,100})").unwrap()
});

/// Titles that mark the following name as a person and give a role.
const TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "mr",
    "mrs",
    "ms",
    "dr",
    "ambassador",
    "senator",
    "governor",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "prof",
    "professor",
    "mayor",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "judge",
    "pope",
    "sheikh",
    "emir",
    "sir",
    "commissioner",
    "director",
    "state",
    "rep",
    "sen",
    "gov",
    "gen",
    "general",
];
/// Words stripped before a name without counting as evidence.
const MODIFIERS: &[&str] = &[
    "foreign",
    "prime",
    "vice",
    "deputy",
    "assistant",
    "acting",
    "former",
    "interior",
    "defense",
    "defence",
    "finance",
    "chief",
    "under",
];
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "for",
    "but",
    "and",
    "with",
    "while",
    "when",
    "after",
    "before",
    "during",
    "despite",
    "meanwhile",
    "last",
    "this",
    "that",
    "these",
    "those",
    "today",
    "then",
    "however",
    "some",
    "if",
    "so",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "our",
    "his",
    "her",
    "their",
    "its",
    "my",
    "your",
    "both",
    "all",
    "even",
    "still",
    "also",
    "closely",
    "according",
    "by",
    "from",
    "to",
    "of",
    "until",
    "since",
    "like",
    "not",
    "no",
    "yes",
    "there",
    "here",
    "what",
    "why",
    "how",
    "who",
    "where",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "thank",
    "thanks",
    "dear",
    "one",
    "two",
    "three",
    "many",
    "most",
    "every",
    "each",
    "other",
    "such",
    "more",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
];
const ORG: &[&str] = &[
    "union",
    "states",
    "nations",
    "department",
    "ministry",
    "society",
    "endowment",
    "university",
    "group",
    "press",
    "service",
    "council",
    "committee",
    "court",
    "bank",
    "agency",
    "initiative",
    "conference",
    "republic",
    "federation",
    "asia",
    "europe",
    "america",
    "africa",
    "street",
    "journal",
    "radio",
    "charter",
    "organization",
    "organisation",
    "party",
    "office",
    "diligence",
    "liberty",
    "news",
    "times",
    "post",
    "house",
    "senate",
    "congress",
    "parliament",
    "government",
    "administration",
    "commission",
    "institute",
    "foundation",
    "center",
    "centre",
    "association",
    "army",
    "forces",
    "company",
    "corporation",
    "fund",
    "program",
    "programme",
    "project",
    "channel",
    "business",
    "economic",
    "international",
    "national",
    "central",
    "eastern",
    "western",
    "northern",
    "southern",
    "policy",
    "peace",
    "security",
    "human",
    "rights",
    "global",
    "world",
    "kremlin",
    "comment",
    "reply",
    "breaking",
    "diplomacy",
    "strategic",
    "city",
    "river",
    "sea",
    "ocean",
    "day",
];
const PRONOUNS: &[&str] = &["he", "she", "him", "her"];

fn lc(w: &str) -> String {
    w.trim_end_matches('.').to_lowercase()
}

/// A capitalised word sequence in the text.
struct Group {
    range: Range<usize>,
    words: Vec<Range<usize>>,
    possessive: bool,
}

fn groups(text: &str) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut open = false;
    for m in RE_CAP.find_iter(text) {
        let mut end = m.end();
        let w = lc(m.as_str());
        let rest = &text[end..];
        let dotted =
            rest.starts_with('.') && (TITLES.contains(&w.as_str()) || w.chars().count() == 1);
        if dotted {
            end += 1;
        }
        let joins = open
            && out.last().is_some_and(|g| {
                let gap = &text[g.range.end..m.start()];
                !gap.is_empty() && gap.len() <= 2 && gap.chars().all(|c| c == ' ')
            });
        if !joins {
            out.push(Group {
                range: m.start()..end,
                words: Vec::new(),
                possessive: false,
            });
        }
        let g = out.last_mut().expect("pushed above");
        g.range.end = end;
        g.words.push(m.start()..end);
        let rest = &text[end..];
        g.possessive = rest.starts_with("'s") || rest.starts_with("’s");
        open = !g.possessive && (dotted || !rest.starts_with(['.', ',', ';', ':', '!', '?', ')']));
    }
    out
}

/// The person-name part of a group: words after the last title, or after
/// leading stop words. Returns (name words, title words, had title).
fn name_part<'t>(text: &'t str, g: &Group) -> (Vec<&'t str>, Vec<String>) {
    let words: Vec<&str> = g
        .words
        .iter()
        .map(|r| text[r.clone()].trim_end_matches('.'))
        .collect();
    let lower: Vec<String> = words.iter().map(|w| lc(w)).collect();
    let last_title = lower
        .iter()
        .rposition(|w| TITLES.contains(&w.as_str()) || MODIFIERS.contains(&w.as_str()));
    let start = match last_title {
        Some(k) => k + 1,
        None => lower
            .iter()
            .take_while(|w| STOP.contains(&w.as_str()))
            .count(),
    };
    let titles: Vec<String> = lower[..start.min(lower.len())]
        .iter()
        .filter(|w| TITLES.contains(&w.as_str()))
        .cloned()
        .collect();
    let name = &words[start.min(words.len())..];
    let valid = (1..=4).contains(&name.len())
        && name.iter().all(|w| {
            let l = lc(w);
            let caps = w.chars().filter(|c| c.is_uppercase()).count();
            !STOP.contains(&l.as_str())
                && !ORG.contains(&l.as_str())
                && !TITLES.contains(&l.as_str())
                && !l.ends_with("stan")
                && (caps <= 1 || w.contains(['-', '\'', '’']))
                && w.chars().count() >= 2
        });
    if valid {
        (name.to_vec(), titles)
    } else {
        (Vec::new(), titles)
    }
}

/// `said NAME` where the name closes the clause (`said Lu.`, `said Lu, a …`),
/// not `say Washington will …`.
fn said_name(before: &str, after: &str) -> bool {
    let t = after.trim_start();
    RE_VERB_END.is_match(before) && (t.is_empty() || t.starts_with(['.', ',', ';', '(']))
}

struct Person {
    words: Vec<String>,
    roles: Vec<String>,
    canonical: String,
}

struct Mention {
    range: Range<usize>,
    person: usize,
    salient: bool,
}

/// The people of one article and where they are mentioned.
struct People {
    persons: Vec<Person>,
    mentions: Vec<Mention>,
}

fn known_match(words: &[String], known: &[String]) -> Option<String> {
    let s = words.last()?.to_lowercase();
    let mut best: Option<(usize, &String)> = None;
    for k in known {
        let kw: Vec<String> = k.split_whitespace().map(str::to_lowercase).collect();
        let Some(ks) = kw.last() else { continue };
        let n = s.chars().count().min(ks.chars().count());
        let d = edit_distance(&s, ks);
        let surname_ok = d == 0 || (n >= 5 && d <= 1) || (n >= 8 && d <= 2);
        let given_ok = words.len() < 2 || kw.len() < 2 || {
            let (g, kg) = (words[0].to_lowercase(), &kw[0]);
            g == *kg || (g.chars().count() >= 4 && edit_distance(&g, kg) <= 1)
        };
        if surname_ok && given_ok && best.is_none_or(|b| d < b.0) {
            best = Some((d, k));
        }
    }
    best.map(|b| b.1.clone())
}

impl People {
    fn find(text: &str, layout: &Layout, known: &[String]) -> People {
        let gs = groups(text);
        let mut persons: Vec<Person> = Vec::new();
        let mut candidate: Vec<Option<usize>> = vec![None; gs.len()];
        let surname_of = |p: &Person| p.words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        for (gi, g) in gs.iter().enumerate() {
            let (name, titles) = name_part(text, g);
            if name.is_empty() {
                continue;
            }
            let after = &text[g.range.end..];
            let before = &text[..g.range.start];
            let verb_adjacent =
                !g.possessive && (RE_VERB_START.is_match(after) || said_name(before, after));
            let appos = if g.possessive {
                None
            } else {
                RE_APPOS_ROLE.captures(after)
            };
            let appos_person = name.len() >= 2
                && after.starts_with(',')
                && RE_APPOS_ROLE
                    .captures(after)
                    .is_some_and(|c| c["role"].starts_with(|ch: char| ch.is_lowercase()));
            let words: Vec<String> = name.iter().map(|w| w.to_string()).collect();
            let is_known = known_match(&words, known).is_some();
            if !(titles.iter().any(|t| t != "state") || verb_adjacent || appos_person || is_known) {
                continue;
            }
            let mut roles = titles.clone();
            if let Some(c) = appos.filter(|c| c["role"].starts_with(|ch: char| ch.is_lowercase())) {
                roles.extend(
                    c["role"]
                        .split_whitespace()
                        .filter(|w| w.chars().all(char::is_lowercase) && w.len() >= 4)
                        .map(str::to_string),
                );
            }
            let surname = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
            let pi = match persons.iter().position(|p| surname_of(p) == surname) {
                Some(pi) => pi,
                None => {
                    persons.push(Person {
                        words: Vec::new(),
                        roles: Vec::new(),
                        canonical: String::new(),
                    });
                    persons.len() - 1
                }
            };
            let p = &mut persons[pi];
            if words.len() > p.words.len() {
                p.words = words;
            }
            p.roles.extend(roles);
            candidate[gi] = Some(pi);
        }
        for p in &mut persons {
            p.canonical = known_match(&p.words, known).unwrap_or_else(|| p.words.join(" "));
        }
        let mut mentions = Vec::new();
        for (gi, g) in gs.iter().enumerate() {
            let (name, _) = name_part(text, g);
            let Some(last) = name.last() else { continue };
            let pi = candidate[gi].or_else(|| {
                let s = last.to_lowercase();
                persons.iter().position(|p| surname_of(p) == s)
            });
            let Some(pi) = pi else { continue };
            if layout.in_quote(g.range.start) {
                continue;
            }
            let verb_adjacent = RE_VERB_START.is_match(&text[g.range.end..])
                || said_name(&text[..g.range.start], &text[g.range.end..]);
            let sentence = layout.sentence_at(g.range.start);
            let first = !mentions
                .iter()
                .any(|m: &Mention| m.range.start >= sentence.start);
            mentions.push(Mention {
                range: g.range.clone(),
                person: pi,
                salient: !g.possessive && (first || verb_adjacent),
            });
            if g.possessive {
                // Possessives never start a sentence's subject slot.
                mentions.last_mut().expect("pushed").salient = false;
            }
        }
        People { persons, mentions }
    }

    fn last_salient(&self, pos: usize) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .find(|m| m.range.start < pos && m.salient)
            .map(|m| m.person)
    }

    fn with_role(&self, role: &str, pos: usize) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.range.start < pos)
            .find(|m| self.persons[m.person].roles.iter().any(|r| r == role))
            .map(|m| m.person)
    }

    fn by_surname(&self, word: &str) -> Option<usize> {
        let w = word.trim_end_matches(['\'', '’', 's']).to_lowercase();
        let s = word.to_lowercase();
        self.persons.iter().position(|p| {
            let ps = p.words.last().map(|x| x.to_lowercase()).unwrap_or_default();
            ps == s || ps == w
        })
    }

    /// Who a noun phrase of a cue denotes: `Some(Some(p))` a person,
    /// `Some(None)` explicitly unknown (`a senior official`).
    fn resolve(&self, text: &str, np: Range<usize>) -> Option<usize> {
        let s = &text[np.clone()];
        let words: Vec<&str> = s.split_whitespace().collect();
        let first = lc(words.first()?);
        let last = lc(words.last()?);
        if PRONOUNS.contains(&first.as_str()) || PRONOUNS.contains(&last.as_str()) {
            return self.last_salient(np.start);
        }
        if first == "a" || first == "an" {
            return None;
        }
        for g in groups(s).iter().rev() {
            let (name, _) = name_part(s, g);
            if let Some(p) = name.last().and_then(|w| self.by_surname(w)) {
                return Some(p);
            }
        }
        if first == "the" {
            return words
                .iter()
                .rev()
                .find_map(|w| self.with_role(&lc(w), np.start));
        }
        None
    }
}

/// The attribution found for one segment.
#[derive(Clone)]
struct Attr {
    speaker: Option<usize>,
    cue: Option<Range<usize>>,
}

fn cue_from(people: &People, text: &str, base: usize, caps: &regex::Captures) -> Attr {
    let np = caps.name("np").expect("np group");
    let verb = caps.name("verb").expect("verb group");
    let np_range = base + np.start()..base + np.end();
    let trimmed = np_range.start..np_range.start + text[np_range.clone()].trim_end().len();
    let cue = base + np.start().min(verb.start())..base + np.end().max(verb.end());
    let cue = cue.start..cue.start + text[cue.clone()].trim_end().len();
    Attr {
        speaker: people.resolve(text, trimmed),
        cue: Some(cue),
    }
}

/// Attributes every segment of the layout and builds the quotes.
pub(crate) fn attribute(text: &str, layout: &Layout, known: &[String]) -> Vec<Quote> {
    let people = People::find(text, layout, known);
    let segs = &layout.segs;
    let mut own: Vec<Option<Attr>> = Vec::with_capacity(segs.len());
    let mut embedded = Vec::with_capacity(segs.len());
    let mut kinds = Vec::with_capacity(segs.len());
    for (i, s) in segs.iter().enumerate() {
        let sentence = layout.sentence_at(s.open);
        let para = &layout.paras[s.para];
        let next_open = segs
            .get(i + 1)
            .filter(|n| n.para == s.para)
            .map_or(para.end, |n| n.open);
        let post_end = sentence.end.max(s.close).min(next_open).max(s.close);
        let post = &text[s.close..post_end];
        let prev_close = segs[..i]
            .iter()
            .rev()
            .find(|p| p.para == s.para && p.close > sentence.start)
            .map_or(sentence.start, |p| p.close);
        let pre_start = prev_close.min(s.open);
        let pre = &text[pre_start..s.open];
        let content = &text[s.range.clone()];
        let post_lower = post.trim_start().starts_with(|c: char| c.is_lowercase());
        let may_follow = !content.ends_with('.') || post_lower;
        let mut attr = None;
        if may_follow && s.close < para.end {
            if let Some(c) = RE_AFTER_VERB_NP.captures(post) {
                attr = Some(cue_from(&people, text, s.close, &c));
            } else if let Some(c) = RE_AFTER_NP_VERB.captures(post) {
                attr = Some(cue_from(&people, text, s.close, &c));
            }
        }
        if attr.is_none() && s.close < para.end {
            if let Some(c) = RE_TRAILING.captures(post) {
                attr = Some(cue_from(&people, text, s.close, &c));
            }
        }
        if attr.is_none() {
            let last = RE_BEFORE
                .captures_iter(pre)
                .last()
                .or_else(|| RE_ACCORDING.captures_iter(pre).last());
            if let Some(c) = last {
                attr = Some(cue_from(&people, text, pre_start, &c));
            }
        }
        let is_embedded = !pre.trim().is_empty() && !pre.trim_end().ends_with(['.', '!', '?']);
        if attr.is_none() && is_embedded {
            // The sentence's first named person outside the quotation.
            let m = people.mentions.iter().find(|m| {
                m.range.start >= sentence.start && m.range.start < sentence.end && m.salient
            });
            if let Some(m) = m {
                attr = Some(Attr {
                    speaker: Some(m.person),
                    cue: Some(m.range.clone()),
                });
            }
        }
        let fragment = (is_embedded && !pre.trim_end().ends_with([',', ':']))
            || content.starts_with(|c: char| c.is_lowercase())
            || (attr.is_none() && post_lower);
        kinds.push(if fragment {
            QuoteKind::Fragment
        } else {
            QuoteKind::Full
        });
        embedded.push(is_embedded);
        own.push(attr);
    }
    let mut fin: Vec<Option<Attr>> = Vec::with_capacity(segs.len());
    for (i, s) in segs.iter().enumerate() {
        let mut attr = own[i].clone();
        if attr.is_none() {
            // Same run (multi-paragraph quotation): nearest segment with a cue.
            attr = (0..segs.len())
                .filter(|&j| segs[j].run == s.run && own[j].is_some())
                .min_by_key(|&j| j.abs_diff(i))
                .and_then(|j| own[j].clone());
        }
        if attr.is_none() && !embedded[i] {
            let prev_same_para = (i > 0 && segs[i - 1].para == s.para).then(|| i - 1);
            let prev_para = (i > 0 && segs[i - 1].para + 1 == s.para).then(|| i - 1);
            let next_para = segs
                .get(i + 1)
                .filter(|n| {
                    n.para == s.para + 1
                        && n.open == layout.paras[n.para].start
                        && own[i + 1].is_some()
                })
                .map(|_| i + 1);
            attr = prev_same_para
                .and_then(|j| fin[j].clone())
                .or_else(|| prev_para.and_then(|j| fin[j].clone()))
                .or_else(|| next_para.and_then(|j| own[j].clone()));
        }
        fin.push(attr);
    }
    let mut quotes = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        let speaker = fin[i]
            .as_ref()
            .and_then(|a| a.speaker)
            .map(|p| people.persons[p].canonical.clone());
        let words = crate::text::word_count(&text[s.range.clone()]);
        if words <= 2 && speaker.is_none() {
            continue; // a scare quote, not speech
        }
        quotes.push(Quote {
            range: s.range.clone(),
            speaker,
            cue: fin[i].as_ref().and_then(|a| a.cue.clone()),
            kind: kinds[i],
            run: s.run,
        });
    }
    quotes
}
