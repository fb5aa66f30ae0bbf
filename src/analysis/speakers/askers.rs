//! Who asked a question: self-introductions, a moderator's hand-over, or
//! the answer addressing the asker by name.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::plausible_name_word;

/// How much of a question to search for a self-introduction.
const INTRO_WINDOW: usize = 400;
/// How much of the end of the preceding turn to search for a hand-over.
const HANDOVER_WINDOW: usize = 300;
/// How much of the start of an answer to search for a vocative.
const VOCATIVE_WINDOW: usize = 160;

const NAME: &str = r"\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}\.)?(?:\s\p{Lu}[\p{L}'’-]+){0,2}";
const ORG: &str = r"(?:[Tt]he\s)?[\p{Lu}\d][\p{L}\p{N}&'’-]*(?:\.[\p{L}\p{N}]+)*(?:\s(?:(?:of|the|and|for|de|&)\s)?[\p{Lu}\d][\p{L}\p{N}&'’-]*(?:\.[\p{L}\p{N}]+)*){0,5}";

/// An asker and, when said, the outlet they work for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Asker {
    pub name: String,
    pub affiliation: Option<String>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("valid asker pattern"))
}

fn intro_re() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    re(&CELL, || {
        format!(
            r"[Mm]y name is\s+(?P<name>{NAME})(?:,?\s(?:from|with|of)\s(?P<org>{ORG}))?|(?:\bI am|\bI'm|\bI’m|\b[Tt]his is)\s+(?P<name2>{NAME}),?\s(?:from|with|of|at)\s(?P<org2>{ORG})"
        )
    })
}

fn sentence_intro_re() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    re(&CELL, || {
        format!(
            r"(?:^|[.!?]\s+)(?:(?:Thank you|\p{{Lu}}\p{{Ll}}+),\s+)?(?P<name>{NAME}),?\s(?:from|with|of)\s(?P<org>{ORG})"
        )
    })
}

fn affiliation_re() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    re(&CELL, || {
        format!(
            r"(?:I am from|I'm from|I’m from|I work for|I represent|I am with|I'm with|I’m with|I am a journalist from|I'm a journalist from)\s(?P<org>{ORG})"
        )
    })
}

fn handover_re() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    re(&CELL, || {
        format!(
            r"(?:floor (?:goes |is given |will go )?to|\b(?:go|goes|turn|over) to|question,?\s(?:(?:is\s|comes\s|will be\s)?from\s|to\s|goes to\s)?|call on|recognize|Go ahead,|[Yy]es,|Next,|[Pp]lease,)\s*(?P<name>{NAME})(?:,?\s(?:from|of|with)\s(?P<org>{ORG}))?"
        )
    })
}

fn vocative_re() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    re(&CELL, || {
        r"^(?:(?:Thank you|Thanks)(?: very much| so much)?,\s(?P<a>\p{Lu}[\p{L}'’-]+)[.,!]|(?:Well|Yes|Yeah|So|Look|Sure|Okay|OK|Great|And),\s(?P<b>\p{Lu}[\p{L}'’-]+)[,.!]|(?P<c>\p{Lu}[\p{L}'’-]+)[,!]\s(?:thank|thanks|as you|I\s|I'm|I’m|let me|look|you|great|good|it|that|we|first|on|yes|no|well|so|and|excellent|fair)\b)".to_string()
    })
}

/// The first `n` bytes of `s`, cut at a character boundary.
pub(crate) fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last `n` bytes of `s`, cut at a character boundary.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Accepts a name if every word could be part of a person's name and none
/// belongs to a known speaker of the document.
fn valid_name(name: &str, known: &HashSet<String>) -> bool {
    name.split_whitespace()
        .filter(|w| !w.ends_with('.'))
        .all(|w| plausible_name_word(w) && !known.contains(&w.to_lowercase()))
}

fn clean_name(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !(w.len() <= 3 && w.ends_with('.')))
        .collect::<Vec<_>>()
        .join(" ")
}

fn org_of(m: Option<regex::Match>) -> Option<String> {
    m.map(|m| m.as_str().trim_end_matches(['.', ',']).to_string())
}

/// "My name is X… from Y", "I'm X with Y", "X from Y." in a question.
pub(crate) fn self_intro(question: &str, known: &HashSet<String>) -> Option<Asker> {
    let window = head(question, INTRO_WINDOW);
    let found = intro_re()
        .captures_iter(window)
        .chain(sentence_intro_re().captures_iter(window))
        .find(|c| either(c, "name", "name2").is_some_and(|m| valid_name(m.as_str(), known)))?;
    let name = clean_name(either(&found, "name", "name2")?.as_str());
    let after = &window[found.get(0).map_or(0, |m| m.end())..];
    let affiliation = org_of(either(&found, "org", "org2")).or_else(|| {
        let near = head(after, 160);
        affiliation_re()
            .captures(near)
            .and_then(|c| org_of(c.name("org")))
    });
    Some(Asker { name, affiliation })
}

/// The first of two alternative capture groups that matched.
fn either<'h>(c: &regex::Captures<'h>, a: &str, b: &str) -> Option<regex::Match<'h>> {
    c.name(a).or_else(|| c.name(b))
}

/// A hand-over at the end of the turn before a question: "The floor goes to
/// X from Y", "Next question, X of Y", "Go ahead, X".
pub(crate) fn introduced(previous: &str, known: &HashSet<String>) -> Option<Asker> {
    let window = tail(previous, HANDOVER_WINDOW);
    if let Some(name) = bare_name(previous, known) {
        return Some(Asker {
            name,
            affiliation: None,
        });
    }
    let found = handover_re()
        .captures_iter(window)
        .filter(|c| valid_name(&c["name"], known))
        .last()?;
    Some(Asker {
        name: clean_name(&found["name"]),
        affiliation: org_of(found.name("org")),
    })
}

/// A turn that only gives the floor by name: "Declan." or "Yes, Humeyra."
fn bare_name(turn: &str, known: &HashSet<String>) -> Option<String> {
    let t = turn.trim();
    if t.len() > 60 || t.ends_with('?') {
        return None;
    }
    let t = t.trim_end_matches(['.', '!']);
    let t = t
        .strip_prefix("Yes, ")
        .or_else(|| t.strip_prefix("Okay, "))
        .or_else(|| t.strip_prefix("Please, "))
        .unwrap_or(t);
    let words: Vec<&str> = t.split_whitespace().collect();
    let ok = (1..=2).contains(&words.len()) && t.len() <= 40 && valid_name(t, known);
    ok.then(|| t.to_string())
}

/// An answer that opens by addressing the asker: "Nadia, as you know",
/// "Thank you, Declan." — also after a short opening sentence.
pub(crate) fn addressed(answer: &str, known: &HashSet<String>) -> Option<String> {
    let window = head(answer, VOCATIVE_WINDOW);
    let second = window
        .find(['.', '!'])
        .filter(|&i| i < 40)
        .map(|i| window[i + 1..].trim_start());
    [Some(window), second].into_iter().flatten().find_map(|w| {
        let c = vocative_re().captures(w)?;
        let m = c
            .name("a")
            .or_else(|| c.name("b"))
            .or_else(|| c.name("c"))?;
        valid_name(m.as_str(), known).then(|| m.as_str().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> HashSet<String> {
        HashSet::new()
    }

    #[test]
    fn finds_self_introductions() {
        let a = self_intro("Good evening. My name is Aliya Serikova. I am from Steppe Business Channel. I have a question.", &none()).unwrap();
        assert_eq!(a.name, "Aliya Serikova");
        assert_eq!(a.affiliation.as_deref(), Some("Steppe Business Channel"));
        let b = self_intro(
            "Thank you so much. Nadia Pereira from The Daily Ledger. Thank you.",
            &none(),
        )
        .unwrap();
        assert_eq!(b.name, "Nadia Pereira");
        assert_eq!(b.affiliation.as_deref(), Some("The Daily Ledger"));
        let c = self_intro("Hi, I'm Jon Doe with Reuters. Why?", &none()).unwrap();
        assert_eq!(
            (c.name.as_str(), c.affiliation.as_deref()),
            ("Jon Doe", Some("Reuters"))
        );
        assert!(self_intro("Thank you, Mr. Secretary. I was going to ask.", &none()).is_none());
        assert!(self_intro("This is Ukraine's moment. I am Hopeful.", &none()).is_none());
        let d = self_intro("Hello. This is Omar Haddad with Al Jazeera.", &none()).unwrap();
        assert_eq!(
            (d.name.as_str(), d.affiliation.as_deref()),
            ("Omar Haddad", Some("Al Jazeera"))
        );
    }

    #[test]
    fn finds_handovers_and_vocatives() {
        let a = introduced(
            "Thank you. Next question, Andrea Mitchell of NBC News.",
            &none(),
        )
        .unwrap();
        assert_eq!(a.name, "Andrea Mitchell");
        assert_eq!(a.affiliation.as_deref(), Some("NBC News"));
        assert_eq!(
            addressed("Declan, thank you very much.", &none()).as_deref(),
            Some("Declan")
        );
        assert_eq!(
            addressed("Thank you, Declan. Well.", &none()).as_deref(),
            Some("Declan")
        );
        assert_eq!(
            addressed("Thank you very much. First, let me say.", &none()),
            None
        );
        let known: HashSet<String> = ["daulet".to_string()].into();
        assert_eq!(addressed("Daulet, thank you.", &known), None);
        assert_eq!(addressed("Russia, in our view, is wrong.", &none()), None);
        assert_eq!(
            addressed("Nadia, as you know, we care.", &none()).as_deref(),
            Some("Nadia")
        );
    }
}
