//! Who said it: attribution cues before and after a quotation, and the
//! inheritance rules for segments without a cue of their own.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::detect::Layout;
use super::names::{ADV, APPOS, HEADLINE_VERBS, KnownPeople, NP, People, VERBS, large_regex};
use super::{Quote, QuoteKind};

static RE_AFTER_VERB_NP: LazyLock<Regex> = LazyLock::new(|| {
    large_regex(&format!(
        r#"^\s*[,—–-]?\s*(?P<verb>{VERBS}|according to)\s+(?P<np>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?[^,.;:“”"()\n]+)"#
    ))
    .unwrap()
});
static RE_AFTER_NP_VERB: LazyLock<Regex> = LazyLock::new(|| {
    large_regex(&format!(
        r"^\s*[,—–-]?\s*(?P<np>{NP}){APPOS}\s+{ADV}(?P<verb>{VERBS})\b"
    ))
    .unwrap()
});
static RE_TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    large_regex(&format!(
        r"[,—–]\s*(?P<np>{NP})\s+{ADV}(?P<verb>{VERBS})\b[^.!?]{{0,80}}[.!?]?\s*$"
    ))
    .unwrap()
});
static RE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    large_regex(&format!(
        r"\b(?P<np>{NP}){APPOS}\s+{ADV}(?P<verb>{VERBS}|(?i:{HEADLINE_VERBS}))\b"
    ))
    .unwrap()
});
static RE_COLON: LazyLock<Regex> =
    LazyLock::new(|| large_regex(&format!(r"(?:^|[.!?]\s+)(?P<np>{NP})\s*:\s*$")).unwrap());
static RE_ACCORDING: LazyLock<Regex> =
    LazyLock::new(|| large_regex(&format!(r"\b(?P<verb>according to)\s+(?P<np>{NP})")).unwrap());

/// Paragraphs at the top of an article (headline, standfirst, lead) whose
/// uncued partial quotations take the speaker the story goes on to name.
const LEAD_PARAGRAPHS: usize = 3;

/// The attribution found for one segment.
#[derive(Clone)]
struct Attr {
    speaker: Option<usize>,
    cue: Option<Range<usize>>,
}

fn cue_from(people: &People, text: &str, base: usize, caps: &regex::Captures) -> Attr {
    let np = caps.name("np").expect("np group");
    let verb = caps.name("verb").unwrap_or(np);
    let np_range = base + np.start()..base + np.end();
    let trimmed = np_range.start..np_range.start + text[np_range.clone()].trim_end().len();
    let cue = base + np.start().min(verb.start())..base + np.end().max(verb.end());
    let cue = cue.start..cue.start + text[cue.clone()].trim_end().len();
    Attr {
        speaker: people.resolve(text, trimmed),
        cue: Some(cue),
    }
}

/// Words just before a quoted name that make it the name of a work, a
/// programme or a publication (`told CNN’s “…”`, `appeared on “…”`, the
/// `book “…”`), not speech.
static RE_TITLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:['’]s|\b(?:on|in|programme|program|show|series|film|movie|book|novel|album|song|single|play|newspaper|magazine|podcast|documentary|column|op-ed|editorial|article|report|interview|broadcast|channel|titled|entitled|named|known as|hosted|host of|anchor of|presenter of|episode of|edition of|copy of|copies of|author of)|\b(?:call|calls|called|dub|dubs|dubbed|nicknamed)(?:\s+(?:him|her|it|them|the|a|an))*)\s*$",
    )
    .unwrap()
});
/// Words just after a quoted name that make it a title.
static RE_TITLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[,]?\s*(?:programme|program|show|series|film|movie|book|novel|album|song|newspaper|magazine|podcast|documentary|broadcast|interview|host|anchor|presenter|column|episode|edition)\b",
    )
    .unwrap()
});

/// The groups of the last of `re`'s successive matches in `text`, as
/// `captures_iter(text).last()` gives them: the matches are found by the
/// DFA and only the last one's groups are resolved.
fn last_captures<'t>(re: &Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    let m = re.find_iter(text).last()?;
    re.captures_at(text, m.start())
}

/// At most `n` bytes before `pos`, on a char boundary.
fn before(text: &str, pos: usize, n: usize) -> &str {
    let mut from = pos.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..pos]
}

/// At most `n` bytes from `pos`, on a char boundary.
fn after(text: &str, pos: usize, n: usize) -> &str {
    let mut to = (pos + n).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[pos..to]
}

/// What a quoted segment is when it is not speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotSpeech {
    /// The name of a work, programme or publication, or a nickname.
    Title,
}

/// Whether a segment names something rather than reporting speech: a short
/// title-case name introduced as a work or programme (`CNN’s “State of the
/// Union”`, `the “Morning Edition” programme`), or a nickname between a
/// given name and a surname (`Lionel “Leo” Messi`). Decided from the text
/// alone, so that every caller classifies a segment the same way.
pub(crate) fn not_speech(text: &str, s: &super::detect::Segment) -> Option<NotSpeech> {
    let content = &text[s.range.clone()];
    if !is_title(content) {
        return None;
    }
    let pre = before(text, s.open, 40);
    let post = after(text, s.close, 40);
    let nickname = pre.ends_with(' ')
        && pre
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| {
                w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic)
            })
        && post.starts_with(' ')
        && post.trim_start().starts_with(char::is_uppercase)
        && crate::text::word_count(content) <= 2;
    (nickname || RE_TITLE_BEFORE.is_match(pre) || RE_TITLE_AFTER.is_match(post))
        .then_some(NotSpeech::Title)
}

/// A short name in title case (`“Kazakhstan Today”`): a title, not speech.
fn is_title(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= 6
        && !s.ends_with([',', '.', '!', '?'])
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
                || ["of", "the", "and", "in", "on", "for", "a", "to"].contains(w)
        })
}

/// Attributes every segment of the layout and builds the quotes.
pub(crate) fn attribute(text: &str, layout: &Layout, known: &KnownPeople) -> Vec<Quote> {
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
        // Segments are in text order and do not overlap (paragraphs and
        // closing marks increase), so only the previous one can qualify.
        let prev_close = i
            .checked_sub(1)
            .map(|j| &segs[j])
            .filter(|p| p.para == s.para && p.close > sentence.start)
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
        if attr.is_none()
            && s.close < para.end
            && let Some(c) = RE_TRAILING.captures(post)
        {
            attr = Some(cue_from(&people, text, s.close, &c));
        }
        if attr.is_none() {
            let last = last_captures(&RE_BEFORE, pre)
                .or_else(|| last_captures(&RE_ACCORDING, pre))
                .or_else(|| RE_COLON.captures(pre));
            if let Some(c) = last {
                attr = Some(cue_from(&people, text, pre_start, &c));
            }
        }
        let is_embedded = !pre.trim().is_empty() && !pre.trim_end().ends_with(['.', '!', '?']);
        if attr.is_none() && is_embedded {
            // The sentence's first named person outside the quotation.
            let m = people.first_salient_within(sentence.start, s.open);
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
    // The segments with a cue of their own, by run, in order.
    let mut cued: HashMap<usize, Vec<usize>> = HashMap::new();
    for (j, s) in segs.iter().enumerate() {
        if own[j].is_some() {
            cued.entry(s.run).or_default().push(j);
        }
    }
    let mut fin: Vec<Option<Attr>> = Vec::with_capacity(segs.len());
    for (i, s) in segs.iter().enumerate() {
        let mut attr = own[i].clone();
        if attr.is_none() {
            // Same run (multi-paragraph quotation): nearest segment with a
            // cue, the earlier one on a tie.
            attr = cued.get(&s.run).and_then(|js| {
                let k = js.partition_point(|&j| j < i);
                let before = k.checked_sub(1).map(|k| js[k]);
                let after = js.get(k).copied();
                let j = match (before, after) {
                    (Some(b), Some(a)) => Some(if i - b <= a - i { b } else { a }),
                    (b, a) => b.or(a),
                };
                j.and_then(|j| own[j].clone())
            });
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
        if attr.is_none() && !embedded[i] {
            // The person last named earlier in the same paragraph
            // ("Lu was blunt. “We will act.”").
            let para = &layout.paras[s.para];
            attr = people
                .last_salient_within(para.start, s.open)
                .map(|m| Attr {
                    speaker: Some(m.person),
                    cue: Some(m.range.clone()),
                });
        }
        fin.push(attr);
    }
    // A partial quotation (three words or more) in the headline or the
    // lead with no cue at all belongs to the person the story then names (`Minister warns of “a
    // long winter”` … `Anna Kowalska told …`), or else to the person the
    // article quotes most.
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for a in fin.iter().flatten() {
        if let Some(p) = a.speaker {
            *counts.entry(p).or_default() += 1;
        }
    }
    let attributed: usize = counts.values().sum();
    let dominant = counts
        .iter()
        .max_by_key(|&(&p, &c)| (c, std::cmp::Reverse(p)))
        .filter(|&(_, &c)| c * 2 > attributed)
        .map(|(&p, _)| p);
    for (i, s) in segs.iter().enumerate() {
        // A word or two with no cue is a scare quote ("so-called “reset”").
        if s.para >= LEAD_PARAGRAPHS {
            continue;
        }
        // "…,” the foreign minister said: the minister is named after.
        if let Some(a) = fin[i].as_mut().filter(|a| a.speaker.is_none())
            && let Some(cue) = a.cue.clone()
        {
            a.speaker = people.resolve_forward(text, cue);
        }
        let words = crate::text::word_count(&text[s.range.clone()]);
        if fin[i].is_some() || words <= 2 {
            continue;
        }
        let until = layout
            .paras
            .get(s.para + LEAD_PARAGRAPHS)
            .map_or(text.len(), |p| p.end);
        fin[i] = people
            .first_salient_within(s.close, until)
            .map(|m| Attr {
                speaker: Some(m.person),
                cue: None,
            })
            .or_else(|| {
                dominant.map(|p| Attr {
                    speaker: Some(p),
                    cue: None,
                })
            });
    }
    let mut quotes = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        if not_speech(text, s).is_some() {
            continue; // the name of a work or programme, or a nickname
        }
        let speaker = fin[i]
            .as_ref()
            .and_then(|a| a.speaker)
            .map(|p| people.persons[p].canonical.clone());
        let words = crate::text::word_count(&text[s.range.clone()]);
        if speaker.is_none() && (words <= 2 || is_title(&text[s.range.clone()])) {
            continue; // a scare quote or a title, not speech
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the last match's groups are resolved, and they are those of
    /// the last match found one after another.
    #[test]
    fn the_last_match_has_the_groups_of_the_last_of_all_matches() {
        let texts = [
            "Jane Roe said the plan would work. Then Mr. Bekov told reporters ",
            "according to Anna Lima, and according to the minister ",
            "Officials said. Analysts warned. The Minister of Trade Dmytro Kuleba, who spoke, said ",
            "no cue here at all ",
            "",
        ];
        let groups = |c: Option<regex::Captures>| {
            c.map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
        };
        let mut found = 0;
        for re in [&*RE_BEFORE, &*RE_ACCORDING, &*RE_COLON] {
            for t in texts {
                let expected = groups(re.captures_iter(t).last());
                found += usize::from(expected.is_some());
                assert_eq!(groups(last_captures(re, t)), expected, "{t}");
            }
        }
        assert!(found >= 3, "the texts hold cues");
    }
}
