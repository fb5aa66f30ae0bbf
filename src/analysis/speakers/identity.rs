//! Who a label names: titles stripped, roles recognised, surnames expanded
//! to full names found in the document (or in other documents).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Honorifics and office words stripped from the front of a label.
const TITLES: &[&str] = &[
    "secretary",
    "foreign",
    "minister",
    "under",
    "deputy",
    "assistant",
    "ambassador",
    "president",
    "vice",
    "prime",
    "mr",
    "ms",
    "mrs",
    "miss",
    "dr",
    "senator",
    "sen",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "general",
    "gen",
    "admiral",
    "adm",
    "colonel",
    "col",
    "major",
    "captain",
    "lieutenant",
    "sergeant",
    "judge",
    "justice",
    "chief",
    "commissioner",
    "director",
    "administrator",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "press",
    "state",
    "special",
    "envoy",
    "counselor",
    "attorney",
    "lord",
    "lady",
    "sir",
    "dame",
    "baroness",
    "baron",
    "hon",
    "honourable",
    "honorable",
    "rt",
    "right",
    "the",
    "his",
    "her",
    "excellency",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "professor",
    "prof",
    "rev",
    "reverend",
    "father",
    "ranking",
    "member",
    "leader",
    "majority",
    "minority",
    "senior",
    "official",
    "administration",
    "department",
    "defense",
    "defence",
    "treasury",
    "affairs",
    "national",
    "security",
    "adviser",
    "advisor",
    "of",
    "and",
    "for",
    "acting",
    "chancellor",
    "first",
    "madam",
    "madame",
    "mister",
    "commander",
    "general's",
    "delegate",
    "spokesperson's",
    "ceo",
    "executive",
    "officer",
];

/// Role words: a label made only of these (and titles) names a role.
const ROLES: &[&str] = &[
    "moderator",
    "interpreter",
    "translator",
    "participant",
    "participants",
    "audience",
    "unidentified",
    "male",
    "female",
    "man",
    "woman",
    "unknown",
    "speaker",
    "speakers",
    "operator",
    "announcer",
    "narrator",
    "host",
    "co-host",
    "cohost",
    "anchor",
    "reporter",
    "reporters",
    "staff",
    "panelist",
    "panellist",
    "voice",
    "voices",
    "crowd",
    "clerk",
    "presiding",
    "interviewer",
    "interviewee",
    "guest",
    "correspondent",
    "journalist",
    "student",
    "students",
    "attendee",
    "caller",
    "audience",
    "protester",
    "protestor",
    "several",
    "multiple",
    "all",
    "answer",
    "a",
    "off-mic",
    "off-camera",
    "commentator",
    "respondent",
    "witness",
    "aide",
    "person",
    "persons",
    "people",
    "pro",
    "tempore",
    "aides",
    "members",
    "member",
    "staffer",
    "spectator",
    "child",
    "children",
    "audio",
];

/// Labels that mark a question turn (every such turn is "Question").
const QUESTION_LABELS: &[&str] = &["q", "question", "questioner", "audience question"];

/// Offices whose holder a role label like `THE PRESIDENT` can be resolved to.
const PERSON_ROLES: &[&str] = &[
    "president",
    "vice president",
    "prime minister",
    "secretary",
    "chancellor",
    "governor",
    "mayor",
    "first lady",
    "king",
    "queen",
    "foreign minister",
    "ambassador",
    "senator",
    "minister",
];

/// Capitalised words that are never a given name.
const NOT_GIVEN: &[&str] = &[
    "questions",
    "anyone",
    "anybody",
    "someone",
    "go",
    "the",
    "this",
    "that",
    "these",
    "those",
    "today",
    "yesterday",
    "tomorrow",
    "when",
    "while",
    "and",
    "but",
    "or",
    "so",
    "if",
    "as",
    "at",
    "in",
    "on",
    "with",
    "from",
    "by",
    "to",
    "after",
    "before",
    "then",
    "now",
    "here",
    "there",
    "also",
    "dear",
    "distinguished",
    "thank",
    "thanks",
    "our",
    "my",
    "your",
    "his",
    "their",
    "we",
    "i",
    "you",
    "he",
    "she",
    "they",
    "it",
    "its",
    "meanwhile",
    "however",
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
    "u.s",
    "mr.",
    "yes",
    "no",
    "well",
    "colleague",
    "colleagues",
    "friend",
    "friends",
    "both",
    "let",
    "please",
    "because",
    "what",
    "why",
    "how",
    "who",
    "where",
    "question",
    "moderator",
    "a",
    "an",
    "all",
    "every",
    "look",
    "okay",
    "ok",
    "sure",
    "right",
    "absolutely",
    "indeed",
    "actually",
    "frankly",
    "honestly",
    "obviously",
    "clearly",
    "certainly",
    "finally",
    "secondly",
    "lastly",
    "again",
    "listen",
    "sorry",
    "great",
    "good",
    "second",
    "third",
    "one",
    "two",
    "next",
    "ladies",
    "everyone",
    "everybody",
    "folks",
    "guys",
    "ma'am",
    "hi",
    "hello",
    "hey",
    "yeah",
    "just",
    "can",
    "could",
    "would",
    "will",
    "is",
    "are",
    "do",
    "does",
    "did",
    "not",
    "is",
    "there",
];

/// Whether `w` can be part of a person's name in running text.
pub(crate) fn plausible_name_word(w: &str) -> bool {
    plausible_given(w)
}

static TITLE_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
static ROLE_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
static NOT_GIVEN_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();

/// A word list as a hash set, built on first use.
fn set(
    cell: &'static OnceLock<HashSet<&'static str>>,
    list: &'static [&'static str],
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| list.iter().copied().collect())
}

fn not_given(lower: &str) -> bool {
    set(&NOT_GIVEN_SET, NOT_GIVEN).contains(lower)
}

/// What one label says about who is speaking.
#[derive(Clone, Debug, Default)]
pub(crate) struct Identity {
    /// Canonical name or role.
    pub speaker: String,
    /// The label names a role, not a person.
    pub role: bool,
    /// A one-word person name still to be expanded to a full name.
    pub partial: bool,
    /// A role like "President" that the header may attribute to a person.
    pub person_role: Option<String>,
}

fn clean(word: &str) -> String {
    word.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';'))
        .to_lowercase()
}

fn is_title(w: &str) -> bool {
    set(&TITLE_SET, TITLES).contains(w)
}

/// Whether a written label word (`SECRETARY`, `Mr.`) is a title.
pub(crate) fn is_title_word(w: &str) -> bool {
    let l = clean(w);
    is_title(&l) && l != "the" && l != "of" && l != "and"
}

fn is_role_word(w: &str) -> bool {
    set(&ROLE_SET, ROLES).contains(w) || is_title(w)
}

/// Puts a written name in title case: `JEAN-PIERRE` → `Jean-Pierre`.
/// Words already in mixed case are kept as written.
pub(crate) fn name_case(word: &str) -> String {
    if word.chars().any(char::is_lowercase) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut upper_next = true;
    for c in word.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper_next = matches!(c, '-' | '\'' | '’' | ' ');
    }
    out
}

fn title_case_words(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| name_case(&w.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Interprets a label (and the name in a parenthetical after it, if any).
pub(crate) fn from_label(label: &str, paren: Option<&str>) -> Identity {
    let name_part = label.split(',').next().unwrap_or(label).trim();
    let words: Vec<&str> = name_part.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| clean(w)).collect();
    let joined = lower.join(" ");
    if QUESTION_LABELS.contains(&joined.as_str()) {
        return Identity {
            speaker: "Question".into(),
            role: true,
            ..Identity::default()
        };
    }
    let numbered = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
    if words.iter().any(numbered) {
        let roles_only = lower
            .iter()
            .zip(&words)
            .all(|(l, w)| is_number(w) || is_role_word(l));
        let speaker = if roles_only {
            title_case_words(&words)
        } else {
            label.trim().to_string()
        };
        return Identity {
            speaker,
            role: true,
            ..Identity::default()
        };
    }
    if lower.iter().all(|w| is_role_word(w)) {
        if let Some(p) = paren {
            return person(p);
        }
        return role(&words, &lower);
    }
    let first_name = lower.iter().position(|w| !is_title(w)).unwrap_or(0);
    person(&words[first_name..].join(" "))
}

/// `12` or `#1`.
fn is_number(w: &str) -> bool {
    let d = w.trim_start_matches('#');
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

fn role(words: &[&str], lower: &[String]) -> Identity {
    let skip = lower
        .iter()
        .take_while(|w| {
            matches!(
                w.as_str(),
                "the" | "mr" | "mrs" | "ms" | "madam" | "madame" | "mister"
            )
        })
        .count()
        .min(words.len().saturating_sub(1));
    let rest = &lower[skip..];
    let key = rest.join(" ");
    let speaker = if key == "a" || key == "answer" {
        "Answer".to_string()
    } else {
        let rest_words: Vec<&str> = words[skip..]
            .iter()
            .map(|w| w.trim_end_matches(['.', ',']))
            .collect();
        title_case_words(&rest_words)
    };
    let person_role = PERSON_ROLES.contains(&key.as_str()).then(|| key.clone());
    Identity {
        speaker,
        role: true,
        person_role,
        ..Identity::default()
    }
}

fn person(name: &str) -> Identity {
    let words: Vec<String> = name
        .split_whitespace()
        .filter(|w| !is_initial(w))
        .map(|w| name_case(w.trim_end_matches([',', '.'])))
        .collect();
    Identity {
        partial: words.len() == 1,
        speaker: words.join(" "),
        ..Identity::default()
    }
}

fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Finds who holds `role` ("president") in the header: `President Biden` →
/// `Biden`.
pub(crate) fn holder_in_header(header: &str, role: &str) -> Option<String> {
    let lower = header.to_lowercase();
    if lower.len() != header.len() {
        return holder_scan(header, role);
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find(role).map(|i| i + from) {
        from = i + role.len();
        let before = lower[..i].trim_end();
        if role == "president" && before.ends_with("vice") {
            continue;
        }
        let after = &header[from..];
        if !after.starts_with(' ') {
            continue;
        }
        let next = after.split_whitespace().next()?;
        let next = next.trim_end_matches([',', '.', ':', ';']);
        let is_name = next.chars().next().is_some_and(char::is_uppercase)
            && !is_title(&next.to_lowercase())
            && !not_given(&next.to_lowercase());
        if is_name {
            return Some(name_case(next));
        }
    }
    None
}

/// Slow path of [`holder_in_header`] for headers whose lowercase changes length.
fn holder_scan(header: &str, role: &str) -> Option<String> {
    let words: Vec<&str> = header.split_whitespace().collect();
    let role_words: Vec<&str> = role.split(' ').collect();
    for i in 0..words.len().saturating_sub(role_words.len()) {
        let matches = role_words
            .iter()
            .enumerate()
            .all(|(k, r)| clean(words[i + k]) == *r);
        if matches {
            let next = words[i + role_words.len()].trim_end_matches([',', '.', ':']);
            if next.chars().next().is_some_and(char::is_uppercase) && !is_title(&clean(next)) {
                return Some(name_case(next));
            }
        }
    }
    None
}

/// Full names found in text for wanted surnames and given names, weighted.
#[derive(Default)]
pub(crate) struct NameIndex {
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

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn plausible_given(w: &str) -> bool {
    let l = w.to_lowercase();
    capitalised(w) && w.chars().count() >= 2 && !is_title(&l) && !is_role_word(&l) && !not_given(&l)
}

impl NameIndex {
    /// Adds a full name seen elsewhere (e.g. another document's speaker).
    pub(crate) fn add(&mut self, full: &str, weight: usize) {
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
    pub(crate) fn scan(&mut self, text: &str, header_end: usize, wanted: &HashSet<String>) {
        let mut patterns: Vec<String> = Vec::new();
        let mut keys: Vec<&str> = Vec::new();
        for w in wanted {
            for variant in written_forms(w) {
                if !patterns.contains(&variant) {
                    patterns.push(variant);
                    keys.push(w);
                }
            }
        }
        let Ok(ac) = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
        else {
            return;
        };
        for m in ac.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let word = &text[start..end];
            if !capitalised(word) || !is_whole_word(text, start, end) {
                continue;
            }
            let key = keys[m.pattern().as_usize()];
            let weight = if start < header_end { 3 } else { 1 };
            if let Some(given) = given_before(text, start) {
                let full = format!("{} {}", name_case(given), name_case(word));
                bump(
                    self.by_surname.entry(key.to_string()).or_default(),
                    full,
                    weight,
                );
            }
            if let Some(surname) = surname_after(text, end) {
                let full = format!("{} {}", name_case(word), name_case(surname));
                bump(
                    self.by_given.entry(key.to_string()).or_default(),
                    full,
                    weight,
                );
            }
        }
    }

    /// The best full name for a one-word name, tried as surname then given name.
    pub(crate) fn expand(&self, one: &str) -> Option<String> {
        let key = one.to_lowercase();
        best(self.by_surname.get(&key)).or_else(|| best(self.by_given.get(&key)))
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
/// `Antony J. Blinken` → `Antony`.
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
    fn strips_titles_and_fixes_case() {
        let id = from_label("FOREIGN MINISTER TILEUBERDI", None);
        assert_eq!(id.speaker, "Tileuberdi");
        assert!(id.partial && !id.role);
        assert_eq!(from_label("MS. JEAN-PIERRE", None).speaker, "Jean-Pierre");
        assert_eq!(from_label("UNDER SECRETARY BASS", None).speaker, "Bass");
        assert_eq!(from_label("Senator WARREN", None).speaker, "Warren");
    }

    #[test]
    fn recognises_roles_and_questions() {
        assert_eq!(from_label("MODERATOR", None).speaker, "Moderator");
        assert_eq!(from_label("QUESTION", None).speaker, "Question");
        assert_eq!(from_label("Q", None).speaker, "Question");
        assert_eq!(from_label("Mr Speaker", None).speaker, "Speaker");
        assert_eq!(
            from_label("SENIOR ADMINISTRATION OFFICIAL", None).speaker,
            "Senior Administration Official"
        );
        assert_eq!(
            from_label("The Prime Minister", Some("Rishi Sunak")).speaker,
            "Rishi Sunak"
        );
    }

    #[test]
    fn expands_surnames_from_text() {
        let text = "Antony J. Blinken, Secretary of State\nToday Blinken met Mukhtar Tileuberdi.";
        let mut idx = NameIndex::default();
        let wanted: HashSet<String> = ["blinken", "tileuberdi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        idx.scan(text, 38, &wanted);
        assert_eq!(idx.expand("Blinken").as_deref(), Some("Antony Blinken"));
        assert_eq!(
            idx.expand("TILEUBERDI").as_deref(),
            Some("Mukhtar Tileuberdi")
        );
    }

    #[test]
    fn finds_role_holder_in_header() {
        assert_eq!(
            holder_in_header(
                "Remarks by President Biden and Vice President Harris",
                "president"
            )
            .as_deref(),
            Some("Biden")
        );
    }
}
