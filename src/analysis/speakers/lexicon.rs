//! Word lists and word tests shared by the speaker analysis: titles,
//! roles, words that are never names, name casing.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Honorifics and office words stripped from the front of a label.
pub(super) const TITLES: &[&str] = &[
    "speaker",
    "whip",
    "inspector",
    "sheriff",
    "detective",
    "agent",
    "councilmember",
    "councilman",
    "councilwoman",
    "alderman",
    "assemblyman",
    "assemblywoman",
    "premier",
    "emir",
    "sultan",
    "crown",
    "secretary-general",
    "general-secretary",
    "mme",
    "mlle",
    "herr",
    "frau",
    "sen.",
    "rep.",
    "gov.",
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
pub(super) const ROLES: &[&str] = &[
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
    "both",
    "together",
    "everyone",
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
pub(super) const QUESTION_LABELS: &[&str] = &["q", "question", "questioner", "audience question"];

/// Offices whose holder a role label like `THE PRESIDENT` can be resolved to.
pub(super) const PERSON_ROLES: &[&str] = &[
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy spokesperson",
    "press secretary",
    "chairman",
    "chairwoman",
    "chair",
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
pub(super) const NOT_GIVEN: &[&str] = &[
    "first",
    "fourth",
    "remember",
    "point",
    "number",
    "answer",
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
pub(super) fn plausible_name_word(w: &str) -> bool {
    plausible_given(w)
}

static TITLE_SET: OnceLock<WordSet> = OnceLock::new();

static ROLE_SET: OnceLock<WordSet> = OnceLock::new();

static NOT_GIVEN_SET: OnceLock<WordSet> = OnceLock::new();

/// A set of words with a fast (not flooding-resistant) hash: its keys are
/// fixed word lists, and lookups run on every label-like line.
pub(super) type WordSet = HashSet<&'static str, foldhash::fast::FixedState>;

/// A word list as a hash set, built on first use.
pub(super) fn set(
    cell: &'static OnceLock<WordSet>,
    list: &'static [&'static str],
) -> &'static WordSet {
    cell.get_or_init(|| list.iter().copied().collect())
}

pub(super) fn not_given(lower: &str) -> bool {
    set(&NOT_GIVEN_SET, NOT_GIVEN).contains(lower)
}

pub(super) fn clean(word: &str) -> String {
    word.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';'))
        .to_lowercase()
}

pub(super) fn is_title(w: &str) -> bool {
    set(&TITLE_SET, TITLES).contains(w)
}

/// Whether a written label word (`SECRETARY`, `Mr.`) is a title.
pub(super) fn is_title_word(w: &str) -> bool {
    let l = clean(w);
    is_title(&l) && l != "the" && l != "of" && l != "and"
}

/// A word that names a role by itself (`moderator`, `question`), as
/// opposed to a title that needs a name (`first`, `chief`).
pub(super) fn is_role_noun(lower: &str) -> bool {
    set(&ROLE_SET, ROLES).contains(lower) || QUESTION_LABELS.contains(&lower)
}

pub(super) fn is_role_word(w: &str) -> bool {
    set(&ROLE_SET, ROLES).contains(w) || is_title(w)
}

/// Puts a written name in title case: `JEAN-PIERRE` → `Jean-Pierre`.
/// Words already in mixed case are kept as written.
pub(super) fn name_case(word: &str) -> String {
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

pub(super) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn plausible_given(w: &str) -> bool {
    let l = w.to_lowercase();
    capitalised(w) && w.chars().count() >= 2 && !is_title(&l) && !is_role_word(&l) && !not_given(&l)
}

pub(super) fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}
