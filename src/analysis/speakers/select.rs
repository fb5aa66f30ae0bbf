//! Document-level decision: which candidate label lines are turns, and
//! whether the document is a transcript at all.

use std::collections::HashSet;

use super::labels::{Candidate, Kind};
use super::lexicon;

/// Colon heads that introduce metadata, never a speaker.
const STOP_KEYS: &[&str] = &[
    "note",
    "notes",
    "subject",
    "source",
    "sources",
    "update",
    "updated",
    "tags",
    "tag",
    "date",
    "time",
    "location",
    "place",
    "venue",
    "by",
    "author",
    "authors",
    "title",
    "published",
    "posted",
    "filed",
    "contact",
    "email",
    "e-mail",
    "phone",
    "tel",
    "fax",
    "website",
    "url",
    "link",
    "links",
    "keywords",
    "summary",
    "abstract",
    "disclaimer",
    "correction",
    "editor's note",
    "editor’s note",
    "editors note",
    "caption",
    "photo",
    "image",
    "credit",
    "video",
    "watch",
    "read",
    "related",
    "re",
    "cc",
    "bcc",
    "to",
    "from",
    "sent",
    "attachment",
    "transcript",
    "audio",
    "duration",
    "participants",
    "present",
    "attendees",
    "speakers",
    "language",
    "agenda",
    "release",
    "embargo",
    "media note",
    "fact sheet",
    "readout",
    "background",
    "warning",
    "caution",
    "price",
    "cost",
    "total",
    "example",
    "topic",
    "topics",
    "category",
    "categories",
    "section",
    "status",
    "type",
    "format",
    "length",
    "runtime",
    "event",
    "dateline",
    "headline",
    "byline",
    "description",
    "overview",
    "highlights",
    "key points",
    "takeaways",
    "context",
    "editor",
    "translation",
    "via",
    "follow",
    "share",
    "advertisement",
    "sponsored",
    "listen",
    "download",
    "subscribe",
    "print",
    "guests",
    "recorded",
    "media contact",
    "press contact",
    "office",
    "address",
    "file",
    "files",
    "ps",
    "p.s",
    "nb",
    "n.b",
    "ed",
    "ed. note",
    "update 1",
    "update 2",
    "warning",
    "spoiler",
    "faq",
    "tl;dr",
    "tldr",
    "bottom line",
    "the bottom line",
    "why it matters",
    "what's next",
    "what’s next",
    "go deeper",
    "flashback",
    "reality check",
    "yes",
    "no",
    "pros",
    "cons",
    "step",
    "result",
    "results",
    "conclusion",
    "introduction",
    "breaking",
    "action",
    "action items",
    "decision",
    "outcome",
    "owner",
    "absent",
    "minutes",
    "next steps",
    "show notes",
    "chapters",
    "timestamps",
    "sponsors",
    "episode",
    "exclusive",
    "photos",
    "live",
    "live updates",
    "opinion",
    "analysis",
    "fact check",
    "clarification",
    "more",
    "see also",
    "also read",
    "read more",
    "q&a",
    "question 1",
    "answer 1",
    // Admonitions and call-outs of documentation (Markdown, reST, wikis).
    "important",
    "tip",
    "tips",
    "hint",
    "info",
    "danger",
    "attention",
    "error",
    "errors",
    "success",
    "todo",
    "fixme",
    "see also",
    "heads up",
    "pro tip",
    "reminder",
    "remember",
    "bonus",
    "edit",
    "edited",
    // Change-log categories (Keep a Changelog, conventional commits, NEWS).
    "added",
    "changed",
    "deprecated",
    "removed",
    "fixed",
    "security",
    "fix",
    "fixes",
    "feat",
    "feature",
    "features",
    "bug fixes",
    "bugfixes",
    "improvements",
    "improved",
    "enhancements",
    "performance",
    "docs",
    "documentation",
    "refactor",
    "build",
    "chore",
    "tests",
    "test",
    "breaking",
    "breaking changes",
    "new",
    "notable changes",
    "known issues",
    "compatibility",
    "upgrade notes",
    "migration",
    "usage",
    "options",
    "requirements",
    "installation",
    "default",
    "returns",
    "raises",
    "args",
    "arguments",
    "parameters",
    "see",
    "version",
    "license",
    "licence",
    "copyright",
    "files",
    "comment",
    "format",
    "maintainer",
    "homepage",
    "depends",
    "decision",
    "action",
    "apologies",
    // Keys of change logs, bug trackers and specifications.
    "closes",
    "addresses",
    "conflicts",
    "rationale",
    "problem",
    "solution",
    "references",
    "reference",
    "explanations",
    "explanation",
    "bugs",
    "bug",
    "translations",
    "currently",
    "classifiers",
    "installer",
    "semantics",
    "as of",
    "instead of",
    "patch",
    "signed-off-by",
    "reviewed-by",
    "acked-by",
    "tested-by",
    "reported-by",
    "co-authored-by",
    "cherry-picked",
    "merge",
    "origin",
    "forwarded",
    "bug-debian",
    "last-update",
    "applied-upstream",
    "fade in",
    "fade out",
    "cut to",
    "dissolve to",
];

/// What the document-level rules need to know about one distinct label.
#[derive(Clone, Debug)]
pub(crate) struct LabelInfo {
    /// Lowercased label, the key for "does this label recur".
    pub key: String,
    /// The label names a role (moderator, question…).
    pub role: bool,
    /// The label starts with a title (`SECRETARY`, `Mr.`).
    pub titled: bool,
}

impl LabelInfo {
    pub(crate) fn is_stop(&self) -> bool {
        is_stop_key(&self.key)
    }
}

/// Whether a lowercased label is a metadata key (`license`, `note 1`),
/// never a speaker.
pub(crate) fn is_stop_key(key: &str) -> bool {
    let key = key.trim_end_matches('.');
    // `Note 1`, `Step 2`: numbered keys.
    let key = key
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '#')
        .trim_end();
    let single_common =
        !key.contains(' ') && lexicon::not_given(key) && !lexicon::is_role_noun(key);
    single_common || STOP_KEYS.contains(&key)
}

/// A label line: its 0-based index, the parsed label and the index of its
/// distinct label in the document's [`LabelInfo`] table.
#[derive(Clone, Debug)]
pub(crate) struct LineCand {
    pub line: usize,
    pub cand: Candidate,
    pub label: usize,
}

/// Keeps the candidates that form the document's turns; empty when the
/// document is not a transcript.
pub(crate) fn select(cands: Vec<LineCand>, infos: &[LabelInfo]) -> Vec<LineCand> {
    let stop: Vec<bool> = infos.iter().map(LabelInfo::is_stop).collect();
    let has_q = infos.iter().any(|i| i.key == "q");
    let fieldish = field_labels(&cands, infos);
    let cands: Vec<LineCand> = cands
        .into_iter()
        .filter(|c| !stop[c.label] && !fieldish[c.label] && (!c.cand.weak || has_q))
        .collect();
    let mut counts = vec![0usize; infos.len()];
    for c in &cands {
        counts[c.label] += 1;
    }
    let dominant = dominant_kind(&cands, infos);
    let surnames = recurring_surnames(infos, &counts);
    let named = |c: &LineCand| surname(&infos[c.label].key).is_some_and(|s| surnames.contains(s));
    let anchor = |c: &LineCand| {
        infos[c.label].role || counts[c.label] >= 2 || c.cand.kind == Kind::Qa || named(c)
    };
    let first = cands
        .iter()
        .find(|c| anchor(c))
        .map_or(usize::MAX, |c| c.line);
    let last = cands.iter().rev().find(|c| anchor(c)).map_or(0, |c| c.line);
    let keep: Vec<bool> = cands
        .iter()
        .map(|c| named(c) || accept(c, &infos[c.label], counts[c.label], dominant, (first, last)))
        .collect();
    let recurring = cands
        .iter()
        .zip(&keep)
        .any(|(c, &k)| k && counts[c.label] >= 2);
    let kept = keep.iter().filter(|&&k| k).count();
    let formal = cands.iter().zip(&keep).filter(|(_, k)| **k).all(|(c, _)| {
        let info = &infos[c.label];
        c.cand.kind == Kind::CapsColon && (info.titled || info.role)
    });
    let cued = matches!(dominant, Some(Kind::Voice | Kind::Stamp | Kind::TimeName));
    let min_turns = if cued || formal { 2 } else { 3 };
    let distinct = {
        let mut seen: Vec<usize> = cands
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.label)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    // A conversation has two voices at least; one label repeated (`Classifier:`
    // lines) is a list.
    if !(recurring || cued || formal) || kept < min_turns || (distinct < 2 && !cued) {
        return Vec::new();
    }
    if dominant == Some(Kind::NameLine) && recurring_labels(&cands, &keep, &counts) < 2 {
        // Names alone on their lines are headings unless two of them recur.
        return Vec::new();
    }
    cands
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}

/// How many distinct kept labels occur twice or more.
fn recurring_labels(cands: &[LineCand], keep: &[bool], counts: &[usize]) -> usize {
    let mut ids: Vec<usize> = cands
        .iter()
        .zip(keep)
        .filter(|(c, k)| **k && counts[c.label] >= 2)
        .map(|(c, _)| c.label)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Labels whose lines mostly carry field values (`License: GPL-2+`,
/// `Server: starting on port 8080`) rather than speech: metadata keys, not
/// speakers.
/// Roles (`Speaker 1`, `Moderator`) and titled labels (`Senator Roe`) are
/// speakers whatever their text looks like (machine transcripts may be
/// lower case).
fn field_labels(cands: &[LineCand], infos: &[LabelInfo]) -> Vec<bool> {
    let n = infos.len();
    let mut field = vec![0usize; n];
    let mut speech = vec![0usize; n];
    let mut names = vec![0usize; n];
    for c in cands {
        names[c.label] += usize::from(c.cand.name_value);
        match c.cand.field {
            Some(true) => field[c.label] += 1,
            Some(false) => speech[c.label] += 1,
            None => {}
        }
    }
    (0..n)
        .map(|i| {
            let speaker_like = infos[i].role || infos[i].titled;
            if speaker_like {
                names[i] > (field[i] + speech[i]).saturating_sub(names[i])
            } else {
                field[i] > speech[i]
            }
        })
        .collect()
}

/// Last word of a label's name part: `anderson cooper, cnn anchor` → `cooper`.
fn surname(key: &str) -> Option<&str> {
    let name = key.split(',').next()?;
    name.split_whitespace()
        .next_back()
        .map(|w| w.trim_end_matches('.'))
}

/// Surnames of person labels that occur at least twice.
fn recurring_surnames<'a>(infos: &'a [LabelInfo], counts: &[usize]) -> HashSet<&'a str> {
    infos
        .iter()
        .zip(counts)
        .filter(|(i, n)| **n >= 2 && !i.role)
        .filter_map(|(i, _)| surname(&i.key))
        .collect()
}

/// The most frequent convention among person labels (roles and `Q`/`A`
/// fit any convention).
fn dominant_kind(cands: &[LineCand], infos: &[LabelInfo]) -> Option<Kind> {
    let mut by_kind = [0usize; Kind::COUNT];
    for c in cands
        .iter()
        .filter(|c| !infos[c.label].role && c.cand.kind != Kind::Qa)
    {
        by_kind[c.cand.kind as usize] += 1;
    }
    let order = [
        Kind::Voice,
        Kind::Stamp,
        Kind::Bold,
        Kind::Screenplay,
        Kind::TimeName,
        Kind::NameLine,
        Kind::Period,
        Kind::CapsColon,
        Kind::TitleColon,
    ];
    order
        .into_iter()
        .map(|k| (k, by_kind[k as usize]))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(_, n)| n)
        .map(|(k, _)| k)
}

/// Whether one candidate is a turn, given how often its label occurs, the
/// document's convention and the lines of the first and last anchor turns.
fn accept(
    c: &LineCand,
    info: &LabelInfo,
    count: usize,
    dominant: Option<Kind>,
    (first, last): (usize, usize),
) -> bool {
    let kind = c.cand.kind;
    if info.role || matches!(kind, Kind::Qa | Kind::Voice | Kind::Stamp) || count >= 2 {
        return true;
    }
    if Some(kind) != dominant {
        return false;
    }
    let strong = matches!(kind, Kind::CapsColon | Kind::Period);
    if c.line < first {
        strong && info.titled
    } else if c.line > last {
        strong || info.key.split_whitespace().count() >= 2
    } else {
        true
    }
}

/// The name of the convention the chosen turns are written in: the most
/// frequent among person labels, `qa` when only `Q`/`A` and roles speak.
pub(crate) fn convention(chosen: &[LineCand], infos: &[LabelInfo]) -> &'static str {
    let kind = dominant_kind(chosen, infos).unwrap_or_else(|| {
        if chosen.iter().any(|c| c.cand.kind == Kind::Qa) {
            Kind::Qa
        } else {
            chosen.first().map_or(Kind::CapsColon, |c| c.cand.kind)
        }
    });
    kind.name()
}
