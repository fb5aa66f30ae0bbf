//! Who a label names: titles stripped, roles recognised, surnames expanded
//! to full names found in the document (or in other documents).

use super::lexicon::{
    PERSON_ROLES, QUESTION_LABELS, clean, is_initial, is_role_word, is_title, name_case,
    plausible_given,
};

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
    let brief = lower[..first_name]
        .iter()
        .position(|w| w == "for" || w == "of")
        .is_some_and(|k| k > 0 && first_name - k <= 2 && first_name == words.len() - 1);
    if brief && let Some(p) = paren {
        // `The Minister for Housing (Jane Doe)`: an office and its brief,
        // the holder named after it.
        return person(p);
    }
    let mut rest = &words[first_name..];
    if lower[..first_name].iter().any(|w| w == "of") && rest.len() > 2 {
        // `President of Russia Vladimir Putin`: the office's place is not
        // part of the name.
        rest = &rest[rest.len() - 2..];
    }
    person(&rest.join(" "))
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

/// Finds who holds `role` ("president") in the header: `President Biden` →
/// `Biden`.
pub(crate) fn holder_in_header(header: &str, role: &str) -> Option<String> {
    holder_before_role(header, role).or_else(|| holder_after_role(header, role))
}

/// `Stéphane Dujarric, Spokesman for…` → `Stéphane Dujarric` for role
/// `spokesman`.
fn holder_before_role(header: &str, role: &str) -> Option<String> {
    for line in header.lines() {
        let mut from = 0;
        while let Some(i) = line[from..].find(", ").map(|i| i + from) {
            from = i + 2;
            let after = line[from..].trim_start_matches("the ").to_lowercase();
            let tail = after.strip_prefix(role);
            if !tail.is_some_and(|t| t.is_empty() || t.starts_with([' ', ',', '.'])) {
                continue;
            }
            if let Some(name) = trailing_name(&line[..i]) {
                return Some(name);
            }
        }
    }
    None
}

/// The two or three capitalised name words that end `s`, initials dropped.
fn trailing_name(s: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for w in s.split_whitespace().rev() {
        if is_initial(w) {
            continue;
        }
        if w.ends_with('.') || !plausible_given(w) || words.len() == 3 {
            break;
        }
        words.push(name_case(w));
    }
    words.reverse();
    (words.len() >= 2).then(|| words.join(" "))
}

/// `President Biden`, `Secretary Rupert J. Whitcombe` → the name after the
/// office.
fn holder_after_role(header: &str, role: &str) -> Option<String> {
    let words: Vec<&str> = header.split_whitespace().collect();
    let role_words: Vec<&str> = role.split(' ').collect();
    let n = role_words.len();
    for i in 0..words.len().saturating_sub(n) {
        let matches = (0..n).all(|k| clean(words[i + k]) == role_words[k]);
        let vice = i > 0 && clean(words[i - 1]) == "vice" && role == "president";
        let titles = words[i + n..]
            .iter()
            .take(2)
            .take_while(|w| is_title(&clean(w)))
            .count();
        if matches
            && !vice
            && !words[i + n - 1].ends_with(',')
            && let Some(name) = leading_name(&words[i + n + titles..])
        {
            return Some(name);
        }
    }
    None
}

/// The person a header says is interviewed (`Interview with Secretary
/// Rupert J. Whitcombe`), who answers the `A:` turns.
pub(crate) fn interviewee(header: &str) -> Option<String> {
    let at = header.find("nterview with ")? + "nterview with ".len();
    let words: Vec<&str> = header[at..].split_whitespace().take(8).collect();
    // `Interview with the potter Ingrid Solvang`: titles and a lower-case
    // description come before the name.
    let skip = words
        .iter()
        .take_while(|w| is_title(&clean(w)) || w.starts_with(char::is_lowercase))
        .count()
        .min(4);
    leading_name(&words[skip..])
}

/// One to three capitalised name words at the start of `words`, initials
/// dropped: `Rupert J. Whitcombe and…` → `Rupert Whitcombe`.
fn leading_name(words: &[&str]) -> Option<String> {
    let mut name: Vec<String> = Vec::new();
    for raw in words.iter().take(5) {
        if is_initial(raw) && !name.is_empty() {
            continue;
        }
        let w = raw.trim_end_matches([',', '.', ':', ';']);
        if !plausible_given(w) || name.len() == 3 {
            break;
        }
        name.push(name_case(w));
        if w.len() != raw.len() {
            break;
        }
    }
    (!name.is_empty()).then(|| name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_titles_and_fixes_case() {
        let id = from_label("FOREIGN MINISTER KARIMOV", None);
        assert_eq!(&*id.speaker, "Karimov");
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
