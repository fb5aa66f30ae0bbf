//! Person names in an article: capitalised sequences with evidence of
//! being a person (a title, a speech verb, an appositive, a known name),
//! their mentions, and pronoun and role carry-over.

use foldhash::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::detect::Layout;
use super::diff::{edit_distance, within_edits};

/// Speech verbs (and a few verbs of stance) that attribute a quotation.
pub(crate) const VERBS: &str = "said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|noted|noting|\
argued|argues|arguing|stressed|stresses|explained|explains|asked|asks|wrote|writes|continued|insisted|\
insists|warned|warns|declared|declares|announced|announces|claimed|assured|assures|vowed|vows|remarked|\
observed|commented|replied|replies|answered|emphasized|emphasised|emphasizes|emphasises|acknowledged|\
admitted|concluded|recalled|pledged|urged|pointed out|thanked|outlined|voiced|called|described|lamented|\
predicted|suggested|agreed|believes|believed|sees|saw|spoke|expressed|welcomed|promised|accused|hailed|\
praised|criticized|criticised|denied|confirmed|reiterated|underlined|underscored|highlighted|mentioned|\
describe|describes";
/// Speech verbs as a title-case headline writes them (`Lavrov Says …`).
pub(crate) const HEADLINE_VERBS: &str =
    "says|tells|warns|vows|urges|insists|claims|denies|calls|slams";
/// Adverbs and auxiliaries allowed between a subject and its verb.
pub(crate) const ADV: &str = r"(?:(?:also|then|later|again|further|in turn|has|had|have|was|once|previously|recently|earlier|reportedly|repeatedly|quickly|had earlier)\s+){0,2}";
/// A cue's subject: pronoun, article noun phrase or capitalised name.
pub(crate) const NP: &str = r"(?:[Hh]e|[Ss]he|[Tt]hey|(?:[Tt]he|[Aa]n?)\s+(?:[\p{L}-]+\s+){0,5}?[\p{Ll}-]+|(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,5})";
/// An optional appositive: `, who heads …,`.
pub(crate) const APPOS: &str = r#"(?:\s*,[^,;“”"\n]{1,150}?,)?"#;

static RE_CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?:['’]\p{Lu}[\p{L}\p{M}]+)?").unwrap()
});
static RE_VERB_END: LazyLock<Regex> =
    LazyLock::new(|| large_regex(&format!(r"\b(?:{VERBS}|according to)\s+$")).unwrap());
static RE_VERB_START: LazyLock<Regex> =
    LazyLock::new(|| large_regex(&format!(r"^{APPOS}\s+{ADV}(?:{VERBS})\b")).unwrap());
/// A verb in its plural form right after a word: the word is a plural
/// noun ("Officials say", "Colleagues describe"), not a person's name.
static RE_PLURAL_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:also\s+)?(?:say|tell|describe|argue|insist|warn|believe|claim|note|ask|agree|fear|expect|call)\b").unwrap()
});
static RE_TITLE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Secretary|Minister|President|Chairman|Chairwoman|Director|Head|Governor|Mayor|Speaker)\s+of\s+(?:the\s+)?$")
        .unwrap()
});
static RE_APPOS_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,\s+(?:(?:a|an|the|who|whose)\s+)?(?P<role>[^,.;\n]{1,100})").unwrap()
});

/// Titles that mark the following name as a person and give a role.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "minister", "secretary", "mr", "mrs", "ms", "dr", "ambassador", "senator",
    "governor", "chancellor", "premier", "king", "queen", "prince", "princess", "prof",
    "professor", "mayor", "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "judge", "pope", "sheikh", "emir", "sir", "commissioner", "director", "state",
    "rep", "sen", "gov", "gen", "general", "analyst", "expert", "economist", "lawyer", "activist",
    "journalist", "scholar", "researcher", "official", "diplomat", "commentator", "blogger",
    "author", "editor", "correspondent", "leader", "founder", "lawmaker", "candidate", "chair",
    "spokesperson", "adviser", "advisor", "historian", "political", "scientist", "professor",
    "captain", "coach", "striker", "goalkeeper", "midfielder", "defender", "host", "presenter",
    "anchor",
];
/// Words stripped before a name without counting as evidence.
#[rustfmt::skip]
const MODIFIERS: &[&str] = &[
    "foreign", "prime", "vice", "deputy", "assistant", "acting", "former", "interior", "defense",
    "defence", "finance", "chief", "under", "affairs",
];
#[rustfmt::skip]
const STOP: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "as", "for", "but", "and", "with", "while", "when",
    "after", "before", "during", "despite", "meanwhile", "last", "this", "that", "these", "those",
    "today", "then", "however", "some", "if", "so", "it", "he", "she", "they", "we", "i", "our",
    "his", "her", "their", "its", "my", "your", "both", "all", "even", "still", "also", "closely",
    "according", "by", "from", "to", "of", "until", "since", "like", "not", "no", "yes", "there",
    "here", "what", "why", "how", "who", "where", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "thank", "thanks", "dear", "one",
    "two", "three", "many", "most", "every", "each", "other", "such", "more", "do", "does", "did",
    "is", "are", "was",
];
#[rustfmt::skip]
const ORG: &[&str] = &[
    "union", "states", "nations", "department", "ministry", "society", "endowment", "university",
    "group", "press", "service", "council", "committee", "court", "bank", "agency", "initiative",
    "conference", "republic", "federation", "asia", "europe", "america", "africa", "street",
    "journal", "radio", "charter", "organization", "organisation", "party", "office", "diligence",
    "liberty", "news", "times", "post", "house", "senate", "congress", "parliament", "government",
    "administration", "commission", "institute", "foundation", "center", "centre", "association",
    "army", "forces", "company", "corporation", "fund", "program", "programme", "project",
    "channel", "business", "economic", "international", "national", "central", "eastern",
    "western", "northern", "southern", "policy", "peace", "security", "human", "rights", "global",
    "world", "kremlin", "comment", "reply", "breaking", "diplomacy", "strategic", "city", "river",
    "sea", "ocean", "day",
];
const PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// A word list sorted for binary search: name tests run for every
/// capitalised word of an article.
struct WordSet(foldhash::HashSet<&'static str>);

impl WordSet {
    fn new(lists: &[&[&'static str]]) -> WordSet {
        WordSet(lists.iter().flat_map(|l| l.iter().copied()).collect())
    }

    fn has(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

static HEADLINE_VERB_SET: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<&'static str> = HEADLINE_VERBS.split('|').collect();
    WordSet::new(&[&words])
});
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[TITLES]));
static TITLE_OR_MODIFIER: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[TITLES, MODIFIERS]));
static STOP_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[STOP]));
/// Words that are never part of a person's name.
static NOT_NAME: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[STOP, ORG, TITLES]));

/// A pattern with long word lists (speech verbs, titles, names): given
/// room for more states of its lazy DFA than the default 2 MiB, which such
/// patterns fill and clear over and over on a large corpus, falling back
/// to slower engines in between. The matches are the same either way.
pub(crate) fn large_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(LAZY_DFA_BYTES)
        .build()
}

/// Room for the lazy DFA of [`large_regex`] patterns, per thread.
const LAZY_DFA_BYTES: usize = 16 << 20;

fn lc(w: &str) -> String {
    let mut out = String::new();
    lc_into(&mut out, w);
    out
}

/// [`lc`] written into `buf` (cleared first), for a word only looked up:
/// no allocation once `buf` has grown.
fn lc_into<'b>(buf: &'b mut String, w: &str) -> &'b str {
    crate::text::lowercase_into(buf, w.trim_end_matches('.'))
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
    let mut buf = String::new();
    for m in RE_CAP.find_iter(text) {
        let mut end = m.end();
        let w = lc_into(&mut buf, m.as_str());
        if HEADLINE_VERB_SET.has(w) && m.start() > 0 {
            // A speech verb in a title-case headline ends the name before it.
            open = false;
            continue;
        }
        let rest = &text[end..];
        let dotted = rest.starts_with('.') && (TITLE_SET.has(w) || w.chars().nth(1).is_none());
        if dotted {
            end += 1;
        }
        if open && is_nickname(text, m.start(), m.end()) {
            // `Lionel “Leo” Vargas`: the nickname is skipped, the name goes on.
            continue;
        }
        let joins = open
            && out.last().is_some_and(|g| {
                let gap = &text[g.range.end..m.start()];
                (!gap.is_empty() && gap.len() <= 2 && gap.chars().all(|c| c == ' '))
                    // (The pattern is ` “Leo” `: a space at both ends.)
                    || (gap.starts_with(' ') && gap.ends_with(' ') && RE_NICK_GAP.is_match(gap))
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

/// The gap a nickname leaves inside a name: ` “Leo” `.
static RE_NICK_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^ [“"‘]\p{Lu}[\p{L}.'’-]*[”"’] $"#).unwrap());

/// A capitalised word between quotation marks, right after a name's word
/// and right before another: a nickname (`Lionel “Leo” Vargas`).
fn is_nickname(text: &str, start: usize, end: usize) -> bool {
    let before = tail(text, start, 8);
    let after = head(text, end, 8);
    (before.ends_with(" “") || before.ends_with(" \"") || before.ends_with(" ‘"))
        && RE_NICK_AFTER.is_match(after)
}

static RE_NICK_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"^[”"’] \p{Lu}"#).unwrap());

/// The person-name part of a group: words after the last title, or after
/// leading stop words. Returns (name words, title words).
///
/// `lower` is scratch room for the words lower-cased, each once, kept from
/// call to call so that its strings are allocated once.
fn name_part<'t>(text: &'t str, g: &Group, lower: &mut Vec<String>) -> (Vec<&'t str>, Vec<String>) {
    let words: Vec<&str> = g
        .words
        .iter()
        .map(|r| text[r.clone()].trim_end_matches('.'))
        .collect();
    if lower.len() < words.len() {
        lower.resize(words.len(), String::new());
    }
    for (l, w) in lower.iter_mut().zip(&words) {
        lc_into(l, w);
    }
    let lower = &lower[..words.len()];
    let last_title = lower.iter().rposition(|l| TITLE_OR_MODIFIER.has(l));
    let start = match last_title {
        Some(k) => k + 1,
        None => lower.iter().take_while(|l| STOP_SET.has(l)).count(),
    };
    let titles: Vec<String> = lower[..start.min(words.len())]
        .iter()
        .filter(|l| TITLE_SET.has(l))
        .cloned()
        .collect();
    let from = start.min(words.len());
    let ok = |(w, l): (&&str, &String)| {
        let caps = w.chars().filter(|c| c.is_uppercase()).count();
        !NOT_NAME.has(l)
            && !l.ends_with("stan")
            && (caps <= 1 || w.contains(['-', '\'', '’']))
            && w.chars().count() >= 2
    };
    // The longest suffix of valid words ("Republic Mukhtar Tleuberdi").
    let keep = words[from..]
        .iter()
        .zip(&lower[from..])
        .rev()
        .take_while(|&p| ok(p))
        .count();
    let name = &words[words.len() - keep..];
    if (1..=4).contains(&name.len()) {
        (name.to_vec(), titles)
    } else {
        (Vec::new(), titles)
    }
}

/// [`RE_TITLE_OF`]'s captures in the text before a name (`Minister of the
/// `), tried only when that text ends in `of` or `the` and a space, as
/// every match does: most text before a name does not.
fn title_of(before: &str) -> Option<regex::Captures<'_>> {
    let t = before.trim_end();
    let may = t.len() < before.len() && (t.ends_with("of") || t.ends_with("the"));
    if may {
        RE_TITLE_OF.captures(before)
    } else {
        None
    }
}

/// `said NAME` where the name closes the clause (`said Lu.`, `said Lu, a …`),
/// not `say Washington will …`.
fn said_name(before: &str, after: &str) -> bool {
    let t = after.trim_start();
    (t.is_empty() || t.starts_with(['.', ',', ';', '('])) && RE_VERB_END.is_match(before)
}

pub(crate) struct Person {
    pub words: Vec<String>,
    pub roles: Vec<String>,
    pub canonical: String,
}

pub(crate) struct Mention {
    pub range: Range<usize>,
    pub person: usize,
    pub salient: bool,
}

/// The people of one article and where they are mentioned.
///
/// Mentions are in text order and do not overlap, so both their starts and
/// their ends increase: look-ups by position are binary searches.
pub(crate) struct People {
    pub persons: Vec<Person>,
    pub mentions: Vec<Mention>,
    /// Person index by lower-case surname (surnames are unique).
    surnames: HashMap<String, usize>,
    /// For each mention, the last salient mention at or before it.
    salient_upto: Vec<Option<usize>>,
    /// For each role, the mentions of persons holding it, in text order.
    role_mentions: HashMap<String, Vec<usize>>,
}

/// The corpus's canonical person names, indexed by surname so that a name
/// in an article is matched in time independent of how many are known.
///
/// A surname matches a known one at edit distance 0, at most 1 when both
/// have five letters or more, at most 2 when both have eight or more. The
/// index holds every surname with up to that many letters deleted
/// (a symmetric-deletion index): two words within distance `k` share a
/// string reached by at most `k` deletions from each.
#[derive(Debug, Default)]
pub struct KnownPeople {
    /// Canonical names, in the order given.
    names: Vec<String>,
    /// Lower-case words of each name.
    words: Vec<Vec<String>>,
    /// Deletion variant of a surname → indices of the names holding it.
    variants: foldhash::HashMap<String, Vec<u32>>,
    /// What [`KnownPeople::matching`] answered for each name asked about:
    /// the same names come back in article after article.
    answers: std::sync::Mutex<foldhash::HashMap<Vec<String>, Option<u32>>>,
}

impl Clone for KnownPeople {
    fn clone(&self) -> Self {
        KnownPeople {
            names: self.names.clone(),
            words: self.words.clone(),
            variants: self.variants.clone(),
            answers: Default::default(),
        }
    }
}

/// How many letters a surname of this length may differ by.
fn tolerance(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// The word and every string reached from it by deleting up to `k` chars.
fn deletions(word: &str, k: usize) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut frontier = vec![word.to_string()];
    for _ in 0..k {
        let mut next = Vec::new();
        for w in &frontier {
            for (i, c) in w.char_indices() {
                let mut v = String::with_capacity(w.len());
                v.push_str(&w[..i]);
                v.push_str(&w[i + c.len_utf8()..]);
                next.push(v);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Calls `f` with the word and every string reached from it by deleting
/// up to `k` (at most two) chars, in one reused buffer; a string may come
/// more than once.
fn each_deletion(word: &str, k: usize, mut f: impl FnMut(&str)) {
    f(word);
    if k == 0 {
        return;
    }
    let chars: Vec<(usize, usize)> = word
        .char_indices()
        .map(|(i, c)| (i, c.len_utf8()))
        .collect();
    let mut buf = String::with_capacity(word.len());
    for (a, &(i, li)) in chars.iter().enumerate() {
        buf.clear();
        buf.push_str(&word[..i]);
        buf.push_str(&word[i + li..]);
        f(&buf);
        if k < 2 {
            continue;
        }
        for &(j, lj) in &chars[a + 1..] {
            buf.clear();
            buf.push_str(&word[..i]);
            buf.push_str(&word[i + li..j]);
            buf.push_str(&word[j + lj..]);
            f(&buf);
        }
    }
}

impl KnownPeople {
    /// Indexes canonical names ("Antony Blinken"); duplicates are kept once.
    pub fn new(names: &[String]) -> KnownPeople {
        let mut k = KnownPeople::default();
        let mut seen = std::collections::HashSet::new();
        for name in names {
            if !seen.insert(name.as_str()) {
                continue;
            }
            let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            let Some(surname) = words.last() else {
                continue;
            };
            let id = k.names.len() as u32;
            for v in deletions(surname, tolerance(surname.chars().count())) {
                k.variants.entry(v).or_default().push(id);
            }
            k.names.push(name.clone());
            k.words.push(words);
        }
        k
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name is known.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The known name that `words` (a name in the text) denotes: the closest
    /// surname, then the first given; the given names must agree (equal or
    /// one letter apart) when both are there.
    pub(crate) fn matching(&self, words: &[String]) -> Option<&str> {
        let lock = || self.answers.lock().unwrap_or_else(|e| e.into_inner());
        let known = lock().get(words).copied();
        let id = known.unwrap_or_else(|| {
            let id = self.find(words);
            lock().insert(words.to_vec(), id);
            id
        });
        id.map(|id| self.names[id as usize].as_str())
    }

    /// [`matching`](Self::matching) worked out: the index of the name.
    fn find(&self, words: &[String]) -> Option<u32> {
        let s = words.last()?.to_lowercase();
        let mut ids: Vec<u32> = Vec::new();
        each_deletion(&s, tolerance(s.chars().count()), |v| {
            if let Some(found) = self.variants.get(v) {
                ids.extend_from_slice(found);
            }
        });
        ids.sort_unstable();
        ids.dedup();
        let mut best: Option<(usize, u32)> = None;
        for id in ids {
            let kw = &self.words[id as usize];
            let Some(ks) = kw.last() else { continue };
            let n = s.chars().count().min(ks.chars().count());
            let d = edit_distance(&s, ks);
            let surname_ok = d == 0 || (n >= 5 && d <= 1) || (n >= 8 && d <= 2);
            // The given name is the first word, or the one before the
            // surname when a name has been run into the capitalised word
            // before it ("Ukraine Dmytro Kuleba").
            let given_ok = words.len() < 2 || kw.len() < 2 || {
                let kg = &kw[0];
                let close = |g: &String| {
                    let g = g.to_lowercase();
                    g == *kg || (g.chars().count() >= 4 && within_edits(&g, kg, 1))
                };
                close(&words[0]) || close(&words[words.len() - 2])
            };
            if surname_ok && given_ok && best.is_none_or(|b| d < b.0) {
                best = Some((d, id));
            }
        }
        best.map(|b| b.1)
    }
}

/// At most `n` bytes of `text` before byte `pos`, cut on a char boundary:
/// the look-behind of a pattern anchored at its end, so that testing every
/// name of an article does not rescan the article from its start.
fn tail(text: &str, pos: usize, n: usize) -> &str {
    let mut from = pos.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..pos]
}

/// At most `n` bytes of `text` from byte `pos`, cut on a char boundary.
fn head(text: &str, pos: usize, n: usize) -> &str {
    let mut to = (pos + n).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[pos..to]
}

/// How far the patterns around a name look, in bytes: the longest title
/// or speech verb before it, an appositive (150 chars) and adverbs after.
const LOOK: usize = 400;

impl People {
    /// Finds the people of `text`, canonicalised against `known`.
    pub(crate) fn find(text: &str, layout: &Layout, known: &KnownPeople) -> People {
        let gs = groups(text);
        let mut lower = Vec::new();
        let mut parts: Vec<(Vec<&str>, Vec<String>)> =
            gs.iter().map(|g| name_part(text, g, &mut lower)).collect();
        // Capitalised words the article also uses on their own ("Ukraine",
        // "Ukraine’s"): at the head of a longer name they are a separate
        // name run into it ("… of Ukraine Dmytro Kuleba").
        let alone: HashSet<String> = gs
            .iter()
            .filter(|g| g.words.len() == 1)
            .map(|g| lc(&text[g.words[0].clone()]))
            .collect();
        let mut buf = String::new();
        for (g, (name, _)) in gs.iter().zip(parts.iter_mut()) {
            if name.len() >= 3 {
                let of = tail(text, g.range.start, 4).ends_with("of ");
                if of || alone.contains(lc_into(&mut buf, name[0])) {
                    name.remove(0);
                }
            }
        }
        let mut persons: Vec<Person> = Vec::new();
        let mut surnames: HashMap<String, usize> = HashMap::default();
        let mut candidate: Vec<Option<usize>> = vec![None; gs.len()];
        let mut known_names: HashMap<&[&str], bool> = HashMap::default();
        // Whether a speech verb follows or precedes each group, asked at
        // most once per group (by both loops below).
        let mut verb_next: Vec<Option<bool>> = vec![None; gs.len()];
        let mut verb_next_to = |gi: usize, g: &Group| {
            *verb_next[gi].get_or_insert_with(|| {
                let after = head(text, g.range.end, LOOK);
                RE_VERB_START.is_match(after) || said_name(tail(text, g.range.start, LOOK), after)
            })
        };
        for (gi, (g, (name, titles))) in gs.iter().zip(&parts).enumerate() {
            if name.is_empty() {
                continue;
            }
            let after = head(text, g.range.end, LOOK);
            let before = tail(text, g.range.start, LOOK);
            let verb_adjacent = !g.possessive && verb_next_to(gi, g)
                    // "Colleagues describe her as …": a plural noun, not a name.
                    && !(name.len() == 1 && RE_PLURAL_VERB.is_match(after));
            // The appositive after the name, read once (its pattern starts
            // with a comma).
            let appos_caps = (after.starts_with(',') && (!g.possessive || name.len() >= 2))
                .then(|| RE_APPOS_ROLE.captures(after))
                .flatten();
            let appos_person = name.len() >= 2
                && after.starts_with(',')
                && appos_caps
                    .as_ref()
                    .is_some_and(|c| c["role"].starts_with(|ch: char| ch.is_lowercase()));
            let appos = if g.possessive { None } else { appos_caps };
            let title_of = title_of(before);
            // Whether the corpus knows the name is asked last, and once per
            // spelling in the article.
            let mut is_known = || {
                *known_names.entry(&name[..]).or_insert_with(|| {
                    let words: Vec<String> = name.iter().map(|w| w.to_string()).collect();
                    known.matching(&words).is_some()
                })
            };
            if !(titles.iter().any(|t| t != "state")
                || title_of.is_some()
                || verb_adjacent
                || appos_person
                || is_known())
            {
                continue;
            }
            let mut roles = titles.clone();
            roles.extend(title_of.map(|c| c[1].to_lowercase()));
            if let Some(c) = appos.filter(|c| c["role"].starts_with(|ch: char| ch.is_lowercase())) {
                roles.extend(
                    c["role"]
                        .split_whitespace()
                        .filter(|w| w.chars().all(char::is_lowercase) && w.len() >= 4)
                        .map(str::to_string),
                );
            }
            let surname = crate::text::lowercase_into(&mut buf, name.last().unwrap_or(&""));
            let pi = match surnames.get(surname) {
                Some(&pi) => pi,
                None => {
                    persons.push(Person {
                        words: Vec::new(),
                        roles: Vec::new(),
                        canonical: String::new(),
                    });
                    surnames.insert(surname.to_string(), persons.len() - 1);
                    persons.len() - 1
                }
            };
            let p = &mut persons[pi];
            if name.len() > p.words.len() {
                p.words = name.iter().map(|w| w.to_string()).collect();
            }
            // Roles are only tested for membership: keep each once, so that
            // a person named thousands of times keeps a short list.
            for r in roles {
                if !p.roles.contains(&r) {
                    p.roles.push(r);
                }
            }
            candidate[gi] = Some(pi);
        }
        // The longest full name seen for each surname ("Analyst Marat
        // Bekov … Bekov said" gives "Marat Bekov").
        for (name, _) in &parts {
            let Some(last) = name.last() else {
                continue;
            };
            let last = crate::text::lowercase_into(&mut buf, last);
            if let Some(p) = surnames.get(last).map(|&pi| &mut persons[pi])
                && name.len() > p.words.len()
            {
                p.words = name.iter().map(|w| w.to_string()).collect();
            }
        }
        for p in &mut persons {
            p.canonical = known
                .matching(&p.words)
                .map_or_else(|| p.words.join(" "), str::to_string);
        }
        let mut mentions = Vec::new();
        for (gi, (g, (name, _))) in gs.iter().zip(&parts).enumerate() {
            let Some(last) = name.last() else { continue };
            let pi = candidate[gi].or_else(|| {
                surnames
                    .get(crate::text::lowercase_into(&mut buf, last))
                    .copied()
            });
            let Some(pi) = pi else { continue };
            if layout.in_quote(g.range.start) {
                continue;
            }
            let verb_adjacent = verb_next_to(gi, g);
            let sentence = layout.sentence_at(g.range.start);
            // Mentions are in text order: only the latest can be in this
            // sentence already.
            let first = mentions
                .last()
                .is_none_or(|m: &Mention| m.range.start < sentence.start);
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
        let mut salient_upto = Vec::with_capacity(mentions.len());
        let mut last = None;
        let mut role_mentions: HashMap<String, Vec<usize>> = HashMap::default();
        for (mi, m) in mentions.iter().enumerate() {
            if m.salient {
                last = Some(mi);
            }
            salient_upto.push(last);
            for r in &persons[m.person].roles {
                role_mentions.entry(r.clone()).or_default().push(mi);
            }
        }
        People {
            persons,
            mentions,
            surnames,
            salient_upto,
            role_mentions,
        }
    }

    /// The number of mentions starting before byte `pos`.
    fn starting_before(&self, pos: usize) -> usize {
        self.mentions.partition_point(|m| m.range.start < pos)
    }

    /// The last salient mention among the first `n` mentions.
    fn last_salient_of(&self, n: usize) -> Option<&Mention> {
        let i = (*self.salient_upto.get(n.checked_sub(1)?)?)?;
        Some(&self.mentions[i])
    }

    fn last_salient(&self, pos: usize) -> Option<usize> {
        self.last_salient_of(self.starting_before(pos))
            .map(|m| m.person)
    }

    /// The last salient mention lying within `from..to`.
    pub(crate) fn last_salient_within(&self, from: usize, to: usize) -> Option<&Mention> {
        let n = self.mentions.partition_point(|m| m.range.end <= to);
        self.last_salient_of(n).filter(|m| m.range.start >= from)
    }

    /// The first salient mention lying within `from..to`.
    pub(crate) fn first_salient_within(&self, from: usize, to: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.range.start < from);
        self.mentions[i..]
            .iter()
            .take_while(|m| m.range.start < to)
            .find(|m| m.range.end <= to && m.salient)
    }

    /// The first person holding `role` mentioned at or after byte `pos`.
    fn with_role_after(&self, role: &str, pos: usize) -> Option<usize> {
        let ms = self.role_mentions.get(role)?;
        let n = ms.partition_point(|&mi| self.mentions[mi].range.start < pos);
        ms.get(n).map(|&mi| self.mentions[mi].person)
    }

    /// Who a definite description (`the foreign minister`) denotes when the
    /// person is named only after it, as in a lead: the first person named
    /// later with that role.
    pub(crate) fn resolve_forward(&self, text: &str, np: Range<usize>) -> Option<usize> {
        let s = &text[np.clone()];
        let words: Vec<&str> = s.split_whitespace().collect();
        if lc(words.first()?) != "the" {
            return None;
        }
        words
            .iter()
            .rev()
            .find_map(|w| self.with_role_after(&lc(w), np.end))
    }

    fn with_role(&self, role: &str, pos: usize) -> Option<usize> {
        let ms = self.role_mentions.get(role)?;
        let n = ms.partition_point(|&mi| self.mentions[mi].range.start < pos);
        Some(self.mentions[ms[n.checked_sub(1)?]].person)
    }

    fn by_surname(&self, word: &str) -> Option<usize> {
        let w = word.trim_end_matches(['\'', '’', 's']).to_lowercase();
        let s = word.to_lowercase();
        // The first person (by index) with either surname.
        match (self.surnames.get(&s), self.surnames.get(&w)) {
            (Some(&a), Some(&b)) => Some(a.min(b)),
            (a, b) => a.or(b).copied(),
        }
    }

    /// Who a noun phrase of a cue denotes: `Some(Some(p))` a person,
    /// `Some(None)` explicitly unknown (`a senior official`).
    pub(crate) fn resolve(&self, text: &str, np: Range<usize>) -> Option<usize> {
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
        let mut lower = Vec::new();
        for g in groups(s).iter().rev() {
            let (name, _) = name_part(s, g, &mut lower);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The title before a name is looked for only where the text ends
        /// as the pattern needs: that test turns away no match.
        #[test]
        fn title_of_finds_what_its_pattern_finds(
            lead in proptest::sample::select(vec!["", "The ", "said the ", "x"]),
            title in proptest::sample::select(vec!["Minister", "Head", "Speaker", "Chief", "minister"]),
            gaps in proptest::collection::vec(
                proptest::sample::select(vec!["", " ", "  ", "\u{a0}", "\t", "\n", ","]),
                3,
            ),
            of in proptest::sample::select(vec!["of", "Of", "off", ""]),
            the in proptest::sample::select(vec!["the", "The", "them", ""]),
        ) {
            let before = format!("{lead}{title}{}{of}{}{the}{}", gaps[0], gaps[1], gaps[2]);
            prop_assert_eq!(
                title_of(&before).map(|c| c[1].to_string()),
                RE_TITLE_OF.captures(&before).map(|c| c[1].to_string()),
                "{:?}", before
            );
        }
    }

    #[test]
    fn deletions_visited_in_place_are_the_indexed_ones() {
        for word in ["kuleba", "tileuberdi", "öztürk", "ab", "żółć-łęk"] {
            for k in 0..=2 {
                let mut seen: Vec<String> = Vec::new();
                each_deletion(word, k, |v| seen.push(v.to_string()));
                seen.sort_unstable();
                seen.dedup();
                assert_eq!(seen, deletions(word, k), "{word} {k}");
            }
        }
    }

    /// The linear scan the index replaces: every known name in turn.
    fn scan(words: &[String], known: &[String]) -> Option<String> {
        let s = words.last()?.to_lowercase();
        let mut best: Option<(usize, &String)> = None;
        for k in known {
            let kw: Vec<String> = k.split_whitespace().map(str::to_lowercase).collect();
            let Some(ks) = kw.last() else { continue };
            let n = s.chars().count().min(ks.chars().count());
            let d = edit_distance(&s, ks);
            let surname_ok = d == 0 || (n >= 5 && d <= 1) || (n >= 8 && d <= 2);
            let given_ok = words.len() < 2 || kw.len() < 2 || {
                let close = |g: &String| {
                    let g = g.to_lowercase();
                    g == kw[0] || (g.chars().count() >= 4 && edit_distance(&g, &kw[0]) <= 1)
                };
                close(&words[0]) || close(&words[words.len() - 2])
            };
            if surname_ok && given_ok && best.is_none_or(|b| d < b.0) {
                best = Some((d, k));
            }
        }
        best.map(|b| b.1.clone())
    }

    fn name() -> impl Strategy<Value = String> {
        // Few letters, so that surnames often lie within one or two edits.
        let word = "[abné]{2,9}".prop_map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        });
        prop::collection::vec(word, 1..4).prop_map(|w: Vec<String>| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn index_matches_a_scan_of_every_known_name(
            known in prop::collection::vec(name(), 0..12),
            query in name(),
        ) {
            let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
            let index = KnownPeople::new(&known);
            let expected = scan(&words, &known);
            prop_assert_eq!(index.matching(&words).map(str::to_string), expected.clone());
            // Asked again, the remembered answer.
            prop_assert_eq!(index.matching(&words).map(str::to_string), expected);
        }
    }

    #[test]
    fn nickname_inside_a_name_is_skipped() {
        let text = "Striker Lionel “Leo” Vargas scored.";
        let names: Vec<String> = groups(text)
            .iter()
            .map(|g| text[g.range.clone()].to_string())
            .collect();
        assert_eq!(names, ["Striker Lionel “Leo” Vargas"]);
    }
}
