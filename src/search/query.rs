//! The corpus search's query language, parsed without any terminal:
//!
//! - words are searched for literally (`sanctions`, `human rights`), with
//!   smart case: a capital letter makes the search case-sensitive;
//! - `re:PATTERN` searches a regular expression instead (`re:sanction(s|ed)`);
//! - `case:yes` / `case:no` force case-sensitive / insensitive matching;
//! - scopes narrow where matches count, and combine:
//!   `speaker:NAME` (that person's turns in transcripts and the quotations
//!   attributed to them in articles), `entity:NAME` (paragraphs mentioning
//!   that entity, any spelling), `kind:transcript|article|plain`.
//!
//! A value with spaces is written in double quotes (`entity:"Central
//! Asia"`); quotes around the words searched for keep them exactly
//! (`"  two spaces"`). A scope given twice accepts either value.

use crate::corpus::DocKind;

/// How letters' case counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Case {
    /// Case-sensitive when the pattern has a capital letter.
    #[default]
    Smart,
    Sensitive,
    Insensitive,
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    /// What is searched for (literal text unless `regex`).
    pub pattern: String,
    pub regex: bool,
    pub case: Case,
    /// Speakers whose words are searched (any of them), as typed.
    pub speakers: Vec<String>,
    /// Entities whose paragraphs are searched (any of them), as typed.
    pub entities: Vec<String>,
    /// Kinds of document searched (any of them); empty for all.
    pub kinds: Vec<DocKind>,
}

/// Why a query cannot be run, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("nothing to search for: type words after the scopes")]
    Empty,
    #[error("{0}: needs a value, as in {0}:NAME")]
    NoValue(&'static str),
    #[error("kind:{0} is not a kind (transcript, article or plain)")]
    Kind(String),
    #[error("case:{0}: say case:yes or case:no")]
    CaseValue(String),
    #[error("a quotation mark is not closed")]
    Unclosed,
    #[error("not a regular expression: {0}")]
    Regex(String),
}

impl Query {
    /// Whether a match of this query must be case-sensitive.
    pub fn case_sensitive(&self) -> bool {
        match self.case {
            Case::Sensitive => true,
            Case::Insensitive => false,
            Case::Smart => self.pattern.chars().any(char::is_uppercase),
        }
    }

    /// Whether the query narrows by speaker or entity (it then needs the
    /// corpus' turns, quotations and entities).
    pub fn needs_analysis(&self) -> bool {
        !self.speakers.is_empty() || !self.entities.is_empty()
    }

    /// The compiled matcher of the pattern.
    pub fn matcher(&self) -> Result<regex::Regex, QueryError> {
        let source = if self.regex {
            self.pattern.clone()
        } else {
            regex::escape(&self.pattern)
        };
        // Words in ASCII fold case as ASCII: without Unicode's rarer
        // foldings (ſ for s, K for the kelvin sign) the search can look
        // for a few literal prefixes, several times faster.
        let ascii = !self.regex && self.pattern.is_ascii();
        regex::RegexBuilder::new(&source)
            .case_insensitive(!self.case_sensitive())
            .unicode(!ascii)
            .multi_line(true)
            .build()
            .map_err(|e| QueryError::Regex(first_line(&e.to_string())))
    }
}

fn first_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_string()
}

/// One word of the query: its byte range in the query and its text with
/// any quotation marks taken off.
struct Token {
    range: std::ops::Range<usize>,
    text: String,
    /// The whole token was in quotation marks.
    quoted: bool,
}

/// Splits the query at spaces outside quotation marks.
fn tokens(q: &str) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let mut chars = q.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut text = String::new();
        let mut in_quotes = false;
        let mut quoted = c == '"';
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() && !in_quotes {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            if c == '"' {
                in_quotes = !in_quotes;
                continue;
            }
            if !in_quotes && quoted && end - c.len_utf8() > start {
                // Text after a closing quote: not one quoted token.
                quoted = false;
            }
            text.push(c);
        }
        if in_quotes {
            return Err(QueryError::Unclosed);
        }
        out.push(Token {
            range: start..end,
            text,
            quoted,
        });
    }
    Ok(out)
}

/// The scope a token opens, and its value, if it is one.
fn scope(t: &Token) -> Option<(&'static str, &str)> {
    if t.quoted {
        return None;
    }
    let (key, value) = t.text.split_once(':')?;
    let key = ["speaker", "entity", "kind", "case"]
        .into_iter()
        .find(|k| k.eq_ignore_ascii_case(key))?;
    Some((key, value))
}

/// Parses a query.
pub fn parse(q: &str) -> Result<Query, QueryError> {
    let mut query = Query::default();
    let mut words: Vec<&Token> = Vec::new();
    let toks = tokens(q)?;
    for t in &toks {
        let Some((key, value)) = scope(t) else {
            words.push(t);
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(QueryError::NoValue(key));
        }
        match key {
            "speaker" => query.speakers.push(value.to_string()),
            "entity" => query.entities.push(value.to_string()),
            "kind" => {
                for v in value.split(['|', ',']) {
                    let kind = match v.to_lowercase().as_str() {
                        "transcript" | "transcripts" => DocKind::Transcript,
                        "article" | "articles" => DocKind::Article,
                        "plain" => DocKind::Plain,
                        _ => return Err(QueryError::Kind(v.to_string())),
                    };
                    if !query.kinds.contains(&kind) {
                        query.kinds.push(kind);
                    }
                }
            }
            _ => {
                query.case = match value.to_lowercase().as_str() {
                    "yes" | "sensitive" | "on" => Case::Sensitive,
                    "no" | "insensitive" | "off" => Case::Insensitive,
                    "smart" => Case::Smart,
                    _ => return Err(QueryError::CaseValue(value.to_string())),
                }
            }
        }
    }
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Err(QueryError::Empty);
    };
    // The words as typed, spaces included, when no scope stands among
    // them; else joined by one space.
    let contiguous = toks
        .iter()
        .filter(|t| t.range.start >= first.range.start && t.range.end <= last.range.end)
        .count()
        == words.len();
    let mut pattern = if words.len() == 1 {
        words[0].text.clone()
    } else if contiguous && !words.iter().any(|w| w.text.len() != w.range.len()) {
        q[first.range.start..last.range.end].to_string()
    } else {
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        texts.join(" ")
    };
    if !first.quoted
        && let Some(re) = pattern.strip_prefix("re:")
    {
        query.regex = true;
        pattern = re.to_string();
    }
    if pattern.is_empty() {
        return Err(QueryError::Empty);
    }
    query.pattern = pattern;
    query.matcher()?;
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_literal_with_smart_case() {
        let q = parse("sanctions").unwrap();
        assert_eq!(q.pattern, "sanctions");
        assert!(!q.regex && !q.case_sensitive());
        assert!(q.speakers.is_empty() && q.entities.is_empty() && q.kinds.is_empty());
        assert!(parse("Sanctions").unwrap().case_sensitive());
        let re = parse("a.b (c)").unwrap().matcher().unwrap();
        assert!(re.is_match("x a.b (c) y") && !re.is_match("axb c"));
    }

    #[test]
    fn spaces_between_words_are_kept_as_typed() {
        assert_eq!(parse("human  rights").unwrap().pattern, "human  rights");
        assert_eq!(parse("  padded ").unwrap().pattern, "padded");
        assert_eq!(parse("\"  two\"").unwrap().pattern, "  two");
    }

    #[test]
    fn scopes_are_taken_out_and_combine() {
        let q = parse("speaker:blinken sanctions kind:transcript").unwrap();
        assert_eq!(q.pattern, "sanctions");
        assert_eq!(q.speakers, vec!["blinken"]);
        assert_eq!(q.kinds, vec![DocKind::Transcript]);
        let q = parse("entity:\"Central Asia\" speaker:Blinken trade deal").unwrap();
        assert_eq!(q.entities, vec!["Central Asia"]);
        assert_eq!(q.speakers, vec!["Blinken"]);
        assert_eq!(q.pattern, "trade deal");
        // Scope names are not case-sensitive; the speaker does not make
        // the words case-sensitive.
        assert!(!parse("Speaker:Blinken trade").unwrap().case_sensitive());
    }

    #[test]
    fn words_split_by_a_scope_are_joined_by_one_space() {
        let q = parse("trade speaker:blinken  deal").unwrap();
        assert_eq!(q.pattern, "trade deal");
    }

    #[test]
    fn kinds_accept_alternatives_and_reject_unknown_ones() {
        let q = parse("kind:transcript|article x").unwrap();
        assert_eq!(q.kinds, vec![DocKind::Transcript, DocKind::Article]);
        assert_eq!(
            parse("kind:podcast x"),
            Err(QueryError::Kind("podcast".into()))
        );
    }

    #[test]
    fn regex_on_request() {
        let q = parse("re:sanction(s|ed)\\b").unwrap();
        assert!(q.regex);
        let re = q.matcher().unwrap();
        assert!(re.is_match("new sanctioned goods") && re.is_match("Sanctions"));
        assert!(!re.is_match("sanctioning"));
        assert!(matches!(parse("re:(unclosed"), Err(QueryError::Regex(_))));
        // Quoted, `re:` is words to find.
        let q = parse("\"re:x\"").unwrap();
        assert!(!q.regex);
        assert_eq!(q.pattern, "re:x");
    }

    #[test]
    fn case_can_be_forced() {
        assert!(parse("case:yes sanctions").unwrap().case_sensitive());
        assert!(!parse("case:no Sanctions").unwrap().case_sensitive());
        assert_eq!(
            parse("case:maybe x"),
            Err(QueryError::CaseValue("maybe".into()))
        );
    }

    #[test]
    fn bad_queries_say_why() {
        assert_eq!(parse(""), Err(QueryError::Empty));
        assert_eq!(parse("speaker:blinken"), Err(QueryError::Empty));
        assert_eq!(parse("speaker: x"), Err(QueryError::NoValue("speaker")));
        assert_eq!(parse("entity:\"Central Asia"), Err(QueryError::Unclosed));
        assert_eq!(parse("re:"), Err(QueryError::Empty));
    }

    #[test]
    fn other_colons_are_words() {
        let q = parse("https://example.org note:").unwrap();
        assert_eq!(q.pattern, "https://example.org note:");
        assert!(q.speakers.is_empty());
    }
}
