//! Speaker turns in plain-text transcripts.
//!
//! [`detect`] finds the labelled turns of one document (`SECRETARY WHITCOMBE:`,
//! `Q:`, `Chairman SMITH.`, `[00:01:23] Jane Doe:`, `<v Jane Doe>`…), decides
//! whether the document is a transcript at all, and names who speaks in each
//! turn. [`resolve_corpus`] makes names agree across documents, [`stats`]
//! sums up who spoke how much, and [`report_json`] builds the
//! `plenary speakers --json` output.

mod askers;
mod identity;
mod labels;
mod lexicon;
mod names;
mod select;
mod stage;
mod subtitles;

use crate::name::{Name, Names};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde_json::{Value, json};

use crate::text::{CharIndex, word_count};
use identity::Identity;
use labels::{Kind, LineClass, lines};
use names::NameIndex;
use select::{LabelInfo, LineCand};

/// One speaker turn: a label line and the paragraphs that follow it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Turn {
    /// 0-based line index of the label line.
    pub line: usize,
    /// The label as written, without colon or parenthetical (one
    /// allocation per distinct label in a document, shared by its turns).
    pub label: Name,
    /// Byte range of the label text in the document.
    pub label_range: Range<usize>,
    /// Byte range of the whole turn, label to the end of its last paragraph.
    pub range: Range<usize>,
    /// Byte offset where the spoken text starts.
    pub body_start: usize,
    /// Canonical identity: a full name, a role ("Moderator"), or for a
    /// question turn the asker when the text names them, else "Question".
    /// One allocation per distinct name in a document, shared by its turns.
    pub speaker: Name,
    /// A question turn (`QUESTION:`, `Q`), whoever asked it.
    pub question: bool,
    /// The label names a role (moderator, question, interpreter…), not a person.
    pub role: bool,
    /// For question turns, who asked, when the text says so.
    pub asker: Option<Name>,
    /// For question turns, the asker's outlet, when the text says so.
    pub asker_affiliation: Option<Name>,
    /// The turn was spoken through an interpreter.
    pub interpreted: bool,
    /// Stage directions inside the turn, brackets included.
    pub stage_directions: Box<[Range<usize>]>,
    /// When the turn starts in the recording (`hh:mm:ss.mmm`), if the
    /// document says.
    pub time: Option<Box<str>>,
}

impl Turn {
    /// Whether this is a question turn (speaker "Question").
    pub fn is_question(&self) -> bool {
        self.question
    }

    /// The speaker as `plenary speakers --json` reports it: "Question" for
    /// every question turn (the asker is a field of its own).
    pub fn json_speaker(&self) -> &str {
        if self.question {
            QUESTION
        } else {
            &self.speaker
        }
    }
}

/// The turns of one document.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SpeakerAnalysis {
    /// The document is a transcript; when false, `turns` is empty.
    pub is_transcript: bool,
    /// Bytes before the first turn (the whole text for non-transcripts).
    pub header: Range<usize>,
    /// The turns, in document order.
    pub turns: Vec<Turn>,
    /// The convention the turns are written in (`"caps-colon"`,
    /// `"webvtt"`…), when the document is a transcript.
    pub convention: Option<std::borrow::Cow<'static, str>>,
    /// Subtitle scaffolding (cue numbers, cue timings, headers, notes): page
    /// furniture, not text.
    pub furniture: Vec<Range<usize>>,
}

/// How much one speaker spoke.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpeakerStat {
    /// Canonical speaker name.
    pub speaker: String,
    /// Number of turns.
    pub turns: usize,
    /// Words spoken, stage directions excluded.
    pub words: usize,
}

const QUESTION: &str = "Question";

/// Role labels of people who ask without being `QUESTION` turns; an answer
/// search stops at them.
const QUESTIONERS: &[&str] = &["Correspondent", "Reporter", "Journalist", "Audience Member"];

/// How many answers after a question may name its asker.
const ANSWERS_CHECKED: usize = 3;

/// Per-line facts kept for building turn ranges.
struct LineInfo {
    range: Range<usize>,
    content: bool,
}

/// Speaker given to a turn whose speaker change is marked but not named
/// (`>>`, a dialogue dash).
pub const UNIDENTIFIED: &str = "Unidentified speaker";

/// The text of a caption file (WebVTT, SRT, or caption text with escaped
/// `&gt;&gt;` speaker changes) with its HTML character references decoded,
/// for display and detection alike; `None` when `text` is not one or has
/// nothing to decode. Linear in the length of the text.
pub fn decoded_captions(text: &str) -> Option<String> {
    subtitles::decoded_captions(text)
}

/// Finds the speaker turns of one document in linear time.
pub fn detect(text: &str) -> SpeakerAnalysis {
    detect_with(text, &|_| {})
}

/// As [`detect`], telling `progress` how many bytes of the text each piece
/// of the line scan held once it is read (together, the whole text when
/// the lines are scanned at all).
pub fn detect_with(text: &str, progress: &(dyn Fn(usize) + Sync)) -> SpeakerAnalysis {
    detect_in_pieces(text, SCAN_PIECE, progress)
}

/// The lines of a large text are classified in pieces of about this many
/// bytes, several pieces at a time on every core.
const SCAN_PIECE: usize = 2 * 1024 * 1024;

/// As [`detect_with`], the lines classified in pieces of about `piece`
/// bytes (tests make them small): the result is the same for any size.
fn detect_in_pieces(
    text: &str,
    piece: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> SpeakerAnalysis {
    if let Some(format) = subtitles::sniff(text) {
        return detect_subtitles(text, format);
    }
    let Scan {
        cands,
        labels: label_infos,
        ids: label_ids,
        log_entries,
    } = scan(text, LineFacts::new(text, piece, progress));
    if log_entries >= 2 {
        // A change log or a commit log: `Closes:` and `Author:` are keys.
        return not_transcript(text, Vec::new());
    }
    let chosen = select::select(cands, &label_infos);
    if chosen.is_empty() {
        return not_transcript(text, Vec::new());
    }
    // Line facts are needed only once the document has turns: a second
    // cheap pass, so that texts that are not transcripts never store them.
    let infos = line_infos(text);
    if !single_paragraph_names(&infos, &chosen) {
        return not_transcript(text, Vec::new());
    }
    let mut turns = build_turns(text, &infos, &chosen);
    let header = 0..turns[0]
        .label_range
        .start
        .min(infos[turns[0].line].range.start);
    if header.end > text.len() / 10 * 8 {
        // A few labelled lines at the end of a long document (a FAQ at the
        // end of a README) do not make it a transcript.
        return not_transcript(text, Vec::new());
    }
    name_speakers(text, &header, &chosen, &label_ids, &mut turns);
    find_askers(text, &mut turns);
    SpeakerAnalysis {
        is_transcript: true,
        header,
        turns,
        convention: Some(select::convention(&chosen, &label_infos).into()),
        furniture: Vec::new(),
    }
}

/// Names alone on their lines are speakers only when what follows each is
/// one paragraph of speech, mostly; headings (`DEFINITIONS`, `PREAMBLE`)
/// stand over sections of several paragraphs.
fn single_paragraph_names(infos: &[LineInfo], chosen: &[LineCand]) -> bool {
    let mut named = 0;
    let mut single = 0;
    for (k, c) in chosen.iter().enumerate() {
        let Some(next) = chosen.get(k + 1) else {
            break;
        };
        if c.cand.kind != Kind::NameLine {
            continue;
        }
        named += 1;
        let mut paragraphs = 0;
        let mut in_paragraph = false;
        for l in &infos[c.line + 1..next.line] {
            if l.content && !in_paragraph {
                paragraphs += 1;
            }
            in_paragraph = l.content;
        }
        single += usize::from(paragraphs <= 1);
    }
    named == 0 || single * 10 >= named * 4
}

fn not_transcript(text: &str, furniture: Vec<Range<usize>>) -> SpeakerAnalysis {
    SpeakerAnalysis {
        is_transcript: false,
        header: 0..text.len(),
        turns: Vec::new(),
        convention: None,
        furniture,
    }
}

/// Turns of a WebVTT or SRT file.
fn detect_subtitles(text: &str, format: subtitles::Format) -> SpeakerAnalysis {
    let parsed = subtitles::parse(text, format);
    if parsed.turns.len() < 2 {
        return not_transcript(text, parsed.furniture);
    }
    // Who each distinct name is, worked out once.
    let mut ids: HashMap<&str, (Name, bool), foldhash::fast::FixedState> = HashMap::default();
    let mut labels = Names::default();
    let turns: Vec<Turn> = parsed
        .turns
        .into_iter()
        .map(|t| {
            let (label, label_range, speaker, role) = match &t.name {
                Some(n) => {
                    let name = &text[n.clone()];
                    let (speaker, role) = ids
                        .entry(name)
                        .or_insert_with(|| {
                            let id = identity::from_label(name, None);
                            (Name::from(id.speaker), id.role)
                        })
                        .clone();
                    (labels.get(name), n.clone(), speaker, role)
                }
                None => {
                    let mark = if text[t.mark.clone()].starts_with('-') {
                        "-"
                    } else {
                        ">>"
                    };
                    (
                        labels.get(mark),
                        t.mark.clone(),
                        labels.get(UNIDENTIFIED),
                        true,
                    )
                }
            };
            Turn {
                line: t.line,
                label,
                label_range,
                stage_directions: stage::find(text, t.body_start..t.range.end).into(),
                range: t.range,
                body_start: t.body_start,
                speaker,
                role,
                question: false,
                asker: None,
                asker_affiliation: None,
                interpreted: false,
                time: t.time.map(String::into_boxed_str),
            }
        })
        .collect();
    SpeakerAnalysis {
        is_transcript: true,
        header: 0..turns[0].range.start,
        turns,
        convention: Some(format.name().into()),
        furniture: parsed.furniture,
    }
}

/// Every line's range and whether it holds text (not blank, not subtitle
/// scaffolding).
fn line_infos(text: &str) -> Vec<LineInfo> {
    lines(text)
        .map(|range| LineInfo {
            content: labels::is_content(&text[range.clone()]),
            range,
        })
        .collect()
}

/// What one pass over the lines finds.
struct Scan {
    cands: Vec<LineCand>,
    labels: Vec<LabelInfo>,
    ids: Vec<Identity>,
    /// Heads and trailers of change-log or commit entries.
    log_entries: usize,
}

/// What [`scan`] needs of one line that depends on that line alone.
struct LineFact {
    class: LineClass,
    log_entry: bool,
    closes: bool,
}

impl LineFact {
    fn of(text: &str, range: Range<usize>) -> LineFact {
        let line = &text[range.clone()];
        LineFact {
            log_entry: labels::log_entry_line(line),
            closes: labels::closes_sentence(line),
            class: labels::classify(text, range),
        }
    }
}

/// The [`LineFact`]s of every line in order, found a window of pieces
/// (cut after line breaks) at a time on every core: the scan that reads
/// them stays sequential, and only a window's facts are held at once.
struct LineFacts<'a> {
    text: &'a str,
    pieces: Vec<Range<usize>>,
    next_piece: usize,
    ready: std::vec::IntoIter<LineFact>,
    progress: &'a (dyn Fn(usize) + Sync),
}

impl<'a> LineFacts<'a> {
    fn new(text: &'a str, piece: usize, progress: &'a (dyn Fn(usize) + Sync)) -> Self {
        LineFacts {
            text,
            pieces: crate::text::line_pieces(text, piece),
            next_piece: 0,
            ready: Vec::new().into_iter(),
            progress,
        }
    }
}

impl Iterator for LineFacts<'_> {
    type Item = LineFact;

    fn next(&mut self) -> Option<LineFact> {
        use rayon::prelude::*;
        loop {
            if let Some(f) = self.ready.next() {
                return Some(f);
            }
            let window = 2 * rayon::current_num_threads().max(1);
            let from = self.next_piece;
            let to = (from + window).min(self.pieces.len());
            if from == to {
                return None;
            }
            let text = self.text;
            let found: Vec<Vec<LineFact>> = self.pieces[from..to]
                .par_iter()
                .map(|r| {
                    let facts = lines(&text[r.clone()])
                        .map(|l| LineFact::of(text, l.start + r.start..l.end + r.start))
                        .collect();
                    (self.progress)(r.len());
                    facts
                })
                .collect();
            self.next_piece = to;
            self.ready = found.into_iter().flatten().collect::<Vec<_>>().into_iter();
        }
    }
}

/// Classifies every line (its facts come from `facts`, one per line in
/// order); returns the candidate label lines and the table of distinct
/// labels they point into.
fn scan(text: &str, mut facts: impl Iterator<Item = LineFact>) -> Scan {
    let mut log_entries = 0;
    let mut raw: Vec<(usize, labels::Candidate)> = Vec::new();
    let mut stop_keys: HashMap<&str, bool, foldhash::fast::FixedState> = HashMap::default();
    let mut it = lines(text).enumerate().peekable();
    // The previous line, when it may be the first half of a broken label
    // (checked only when the line after it needs it).
    let mut prev_head: Option<(usize, Range<usize>)> = None;
    // The previous line left its sentence open (wrapped prose).
    let mut open = false;
    // A bare label (`Sorting:`) whose first line of text is still to come.
    let mut awaiting: Option<usize> = None;
    while let Some((i, range)) = it.next() {
        let Some(fact) = facts.next() else { break };
        let mut class = fact.class;
        let line_text = &text[range.clone()];
        log_entries += usize::from(fact.log_entry);
        let was_open = open;
        open = !fact.closes;
        if let Some(k) = awaiting
            && !line_text.trim().is_empty()
        {
            awaiting = None;
            if labels::list_item(line_text) {
                // A heading over a list, not a speaker over speech.
                raw[k].1.field = Some(true);
            }
        }
        if was_open
            && let LineClass::Label(c) = &class
            && matches!(c.kind, Kind::Period | Kind::NameLine)
        {
            // `…FITNESS FOR A` ⏎ `PARTICULAR PURPOSE. IN NO EVENT…`
            class = LineClass::Text;
        }
        if let LineClass::Label(c) = &class
            && match c.kind {
                Kind::Screenplay => it
                    .peek()
                    .is_none_or(|(_, r)| text[r.clone()].trim().is_empty()),
                Kind::NameLine => it
                    .peek()
                    .is_none_or(|(_, r)| !labels::speech_line(&text[r.clone()])),
                _ => false,
            }
        {
            class = LineClass::Text;
        }
        let head = prev_head.take();
        match class {
            LineClass::Label(mut cand) => {
                let mut line = i;
                if cand.kind == Kind::CapsColon
                    && let Some((pi, prev)) = head
                    && text[range.start..cand.label.start].trim().is_empty()
                    && text[cand.label.clone()].split_whitespace().count() <= 2
                    && let Some(start) =
                        labels::label_head(&text[prev.clone()]).map(|off| prev.start + off)
                {
                    // `MR. JUSTICE` ⏎ `ROE: text`: one label on two lines.
                    if raw.last().is_some_and(|(l, _)| *l == pi) {
                        raw.pop();
                    }
                    cand.label = start..cand.label.end;
                    line = pi;
                } else if cand.kind == Kind::NameLine {
                    prev_head = Some((i, range.clone()));
                }
                if cand.kind != Kind::TimeName
                    && *stop_keys
                        .entry(&text[cand.label.clone()])
                        .or_insert_with_key(|l| select::is_stop_key(&l.to_lowercase()))
                {
                    // A metadata key (`License:`, `Note:`) is never a turn:
                    // dropped at once (`00:01:02 Name` labels are settled
                    // first, below).
                } else {
                    if cand.kind != Kind::Screenplay {
                        labels::read_body(text, &mut cand, range.end);
                    }
                    if cand.body_start >= range.end && cand.kind != Kind::NameLine {
                        awaiting = Some(raw.len());
                    }
                    raw.push((line, cand));
                }
            }
            LineClass::Text => prev_head = Some((i, range.clone())),
            _ => {}
        }
    }
    labels::settle_time_names(text, &mut raw);
    let mut cands = Vec::with_capacity(raw.len());
    let mut table: HashMap<&str, usize, foldhash::fast::FixedState> = HashMap::default();
    let mut labels = Vec::new();
    let mut ids = Vec::new();
    let mut stops = Vec::new();
    for (line, cand) in raw {
        let label = &text[cand.label.clone()];
        let id = *table.entry(label).or_insert_with(|| {
            let (info, identity) = label_info(label);
            stops.push(info.is_stop());
            labels.push(info);
            ids.push(identity);
            labels.len() - 1
        });
        if stops[id] {
            // Metadata keys (`License:`, `Note:`) are never turns.
            continue;
        }
        cands.push(LineCand {
            line,
            cand,
            label: id,
        });
    }
    Scan {
        cands,
        labels,
        ids,
        log_entries,
    }
}

fn label_info(label: &str) -> (LabelInfo, Identity) {
    let id = identity::from_label(label, None);
    let first = label.split_whitespace().next().unwrap_or("");
    let titled = lexicon::is_title_word(first) && label.split_whitespace().count() > 1;
    let info = LabelInfo {
        key: label.to_lowercase(),
        role: id.role,
        titled,
    };
    (info, id)
}

fn build_turns(text: &str, infos: &[LineInfo], chosen: &[LineCand]) -> Vec<Turn> {
    let mut labels = Names::default();
    let unnamed = Name::default();
    let mut turns = Vec::with_capacity(chosen.len());
    for (k, c) in chosen.iter().enumerate() {
        let next_line = chosen.get(k + 1).map_or(infos.len(), |n| n.line);
        let end = infos[c.line..next_line]
            .iter()
            .rev()
            .find(|l| l.content)
            .map_or(infos[c.line].range.end, |l| l.range.end);
        let mut body_start = c.cand.body_start.min(end);
        let mut interpreted = c.cand.interpreted;
        let rest = &text[body_start..end];
        let lead = rest.len() - rest.trim_start().len();
        if lead > 0
            && let Some((len, interp)) = labels::leading_badge(&rest[lead..])
        {
            // A badge on the line below a bare label (`MODERATOR:` ⏎ `(Via interpreter)`).
            interpreted |= interp;
            body_start += lead + len;
        }
        turns.push(Turn {
            line: c.line,
            label: labels.get(&one_line(&text[c.cand.label.clone()])),
            label_range: c.cand.label.clone(),
            range: c.cand.label.start..end,
            body_start,
            speaker: unnamed.clone(),
            role: false,
            question: false,
            asker: None,
            asker_affiliation: None,
            interpreted,
            stage_directions: stage::find(text, body_start..end).into(),
            time: c
                .cand
                .time
                .clone()
                .map(|r| labels::normalise_time(&text[r]).into_boxed_str()),
        });
    }
    turns
}

/// A label as one line: a label broken across two lines is joined.
fn one_line(label: &str) -> String {
    if label.contains('\n') {
        label.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        label.to_string()
    }
}

/// Gives every turn its canonical speaker, resolving surnames and role
/// holders against the header and the text. Work is done once per distinct
/// label (`label_ids`), not once per turn.
fn name_speakers(
    text: &str,
    header: &Range<usize>,
    chosen: &[LineCand],
    label_ids: &[Identity],
    turns: &mut [Turn],
) {
    let head = &text[header.clone()];
    let mut used = vec![false; label_ids.len()];
    for c in chosen {
        used[c.label] = true;
    }
    let mut ids: Vec<Identity> = label_ids.to_vec();
    let own = paren_names(text, chosen, &mut ids);
    for (id, _) in ids.iter_mut().zip(&used).filter(|(_, u)| **u) {
        if let Some(holder) = id
            .person_role
            .as_deref()
            .and_then(|r| identity::holder_in_header(head, r))
        {
            *id = Identity {
                partial: !holder.contains(' '),
                speaker: holder,
                ..Identity::default()
            };
        }
    }
    if let Some(name) = identity::interviewee(head) {
        for id in ids.iter_mut().filter(|i| i.role && i.speaker == "Answer") {
            *id = Identity {
                partial: !name.contains(' '),
                speaker: name.clone(),
                ..Identity::default()
            };
        }
    }
    expand_partials(text, header.end, &mut ids, &used);
    let names: Vec<Name> = ids.iter().map(|id| Name::from(&*id.speaker)).collect();
    for ((turn, c), own) in turns.iter_mut().zip(chosen).zip(own) {
        let id = own.as_ref().unwrap_or(&ids[c.label]);
        turn.speaker = match &own {
            Some(id) => Name::from(&*id.speaker),
            None => names[c.label].clone(),
        };
        turn.role = id.role;
        turn.question = id.role && id.speaker == QUESTION;
    }
}

/// A role label followed by its holder's name (`The Prime Minister (Rishi
/// Sunak):`) names that person there, and wherever the same label appears
/// without a name. Returns each turn's own parenthetical identity.
fn paren_names(text: &str, chosen: &[LineCand], ids: &mut [Identity]) -> Vec<Option<Identity>> {
    let mut own = Vec::with_capacity(chosen.len());
    let mut shared = vec![false; ids.len()];
    for c in chosen {
        let found = c.cand.identity.clone().and_then(|r| {
            let id = identity::from_label(&text[c.cand.label.clone()], Some(&text[r]));
            let label_id = &ids[c.label];
            (!id.role && (label_id.role || id.speaker != label_id.speaker)).then_some(id)
        });
        if let Some(id) = &found
            && !shared[c.label]
        {
            shared[c.label] = true;
            ids[c.label] = id.clone();
        }
        own.push(found);
    }
    own
}

fn expand_partials(text: &str, header_end: usize, ids: &mut [Identity], used: &[bool]) {
    let wanted: HashSet<String> = ids
        .iter()
        .zip(used)
        .filter(|(i, u)| **u && i.partial)
        .map(|(i, _)| i.speaker.to_lowercase())
        .collect();
    if wanted.is_empty() {
        return;
    }
    let mut index = NameIndex::default();
    for (id, _) in ids
        .iter()
        .zip(used)
        .filter(|(i, u)| **u && !i.role && !i.partial)
    {
        index.add(&id.speaker, 2);
    }
    index.scan(text, header_end, &wanted);
    for id in ids.iter_mut().filter(|i| i.partial) {
        if let Some(full) = index.expand(&id.speaker) {
            id.speaker = full;
            id.partial = false;
        }
    }
}

/// Lowercased words of every person speaker and person label: names an
/// asker can never be.
fn known_words(text: &str, turns: &[Turn]) -> HashSet<String> {
    let mut known = HashSet::new();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for t in turns.iter().filter(|t| !t.role) {
        let label = &text[t.label_range.clone()];
        if !seen.insert((label, &t.speaker)) {
            continue;
        }
        for w in t.speaker.split_whitespace().chain(label.split_whitespace()) {
            known.insert(w.trim_end_matches(['.', ',']).to_lowercase());
        }
    }
    known
}

fn body<'a>(text: &'a str, t: &Turn) -> &'a str {
    &text[t.body_start..t.range.end]
}

/// Names the asker of every question turn.
fn find_askers(text: &str, turns: &mut [Turn]) {
    let known = known_words(text, turns);
    for i in 0..turns.len() {
        if !turns[i].is_question() {
            continue;
        }
        let found = asker_for(text, turns, i, &known);
        if let Some(a) = found {
            // A named asker is a speaker of their own (Speakers tab, talk
            // shares, timeline, `>`/`<`); the turn stays a question.
            let name = Name::from(a.name);
            turns[i].speaker = name.clone();
            turns[i].asker = Some(name);
            turns[i].asker_affiliation = a.affiliation.map(Name::from);
        }
    }
}

fn asker_for(
    text: &str,
    turns: &[Turn],
    i: usize,
    known: &HashSet<String>,
) -> Option<askers::Asker> {
    if let Some(a) = askers::self_intro(body(text, &turns[i]), known) {
        return Some(a);
    }
    let prev = i.checked_sub(1).map(|p| &turns[p]);
    if let Some(a) = prev
        .filter(|p| !p.is_question())
        .and_then(|p| askers::introduced(body(text, p), known))
    {
        return Some(a);
    }
    let announced = askers::head(body(text, &turns[i]), 40)
        .to_lowercase()
        .contains("follow");
    if let Some(a) = follow_up(text, turns, i, announced) {
        return Some(a);
    }
    turns[i + 1..]
        .iter()
        .take_while(|t| !t.is_question() && !QUESTIONERS.contains(&&*t.speaker))
        .take(ANSWERS_CHECKED)
        .find_map(|t| askers::addressed(body(text, t), known))
        .map(|name| askers::Asker {
            name,
            affiliation: None,
        })
}

/// A question right after a moderator re-gives the floor keeps the asker of
/// the question before; so does one announced as a follow-up (by itself or
/// by the turn before it), whoever answered in between.
fn follow_up(text: &str, turns: &[Turn], i: usize, announced: bool) -> Option<askers::Asker> {
    let cue = |p: &Turn| {
        p.role
            && !p.is_question()
            && askers::tail(body(text, p), 200)
                .to_lowercase()
                .contains("follow")
    };
    let follow_cue = announced || i.checked_sub(1).is_some_and(|p| cue(&turns[p]));
    let mut j = i;
    while j > 0 {
        j -= 1;
        let t = &turns[j];
        if t.is_question() {
            let between = i - j - 1;
            return (between > 0)
                .then(|| t.asker.clone())
                .flatten()
                .map(|name| askers::Asker {
                    name: name.to_string(),
                    affiliation: t.asker_affiliation.as_deref().map(str::to_string),
                });
        }
        if !t.role && !follow_cue {
            return None;
        }
    }
    None
}

/// Makes speaker names agree across documents: a surname-only speaker in
/// one document takes the full name written out in another.
pub fn resolve_corpus(docs: &mut [SpeakerAnalysis], texts: &[&str]) {
    let renames = corpus_renames(&docs.iter().collect::<Vec<_>>(), texts);
    for (d, r) in docs.iter_mut().zip(renames) {
        rename(d, r);
    }
}

/// As [`resolve_corpus`] on analyses shared with the documents: only one
/// whose names change is copied.
pub fn resolve_shared(docs: &mut [std::sync::Arc<SpeakerAnalysis>], texts: &[&str]) {
    let renames = corpus_renames(&docs.iter().map(|d| &**d).collect::<Vec<_>>(), texts);
    for (d, r) in docs.iter_mut().zip(renames) {
        if !r.is_empty() {
            rename(std::sync::Arc::make_mut(d), r);
        }
    }
}

fn rename(doc: &mut SpeakerAnalysis, renames: Vec<(usize, String)>) {
    let mut names = Names::default();
    for (i, full) in renames {
        doc.turns[i].speaker = names.get(&full);
    }
}

/// The new name of every turn whose speaker takes a full name, per document.
fn corpus_renames(docs: &[&SpeakerAnalysis], texts: &[&str]) -> Vec<Vec<(usize, String)>> {
    let partial = |t: &Turn| !t.role && !t.speaker.contains(' ');
    let mut index = NameIndex::default();
    let mut wanted = HashSet::new();
    for t in docs.iter().flat_map(|d| &d.turns) {
        if partial(t) {
            wanted.insert(t.speaker.to_lowercase());
        } else if !t.role {
            index.add(&t.speaker, 2);
        }
    }
    if wanted.is_empty() {
        return vec![Vec::new(); docs.len()];
    }
    // One automaton for the corpus; the texts are read in parallel and
    // what they hold is taken in in document order.
    let scanned = texts.iter().map(|t| t.len()).sum();
    if let Some(scanner) = names::NameScanner::new(&wanted, scanned) {
        use rayon::prelude::*;
        let found: Vec<_> = docs
            .par_iter()
            .zip(texts.par_iter())
            .map(|(doc, text)| scanner.sightings(text, doc.header.end))
            .collect();
        for f in found {
            index.record(&scanner, f);
        }
    }
    docs.iter()
        .map(|d| {
            d.turns
                .iter()
                .enumerate()
                .filter(|(_, t)| partial(t))
                .filter_map(|(i, t)| index.expand(&t.speaker).map(|full| (i, full)))
                .collect()
        })
        .collect()
}

/// Turns and words per speaker (named askers each their own), most words
/// first.
pub fn stats(a: &SpeakerAnalysis, text: &str) -> Vec<SpeakerStat> {
    stats_by(a, text, |t| &t.speaker)
}

fn stats_by<'a>(
    a: &'a SpeakerAnalysis,
    text: &str,
    key: impl Fn(&'a Turn) -> &'a str,
) -> Vec<SpeakerStat> {
    use rayon::prelude::*;
    // Words are counted on every core (a long transcript has a million
    // turns); speakers are taken in in turn order.
    let counted: Vec<usize> = a
        .turns
        .par_iter()
        .with_min_len(256)
        .map(|t| {
            let stage_words: usize = t
                .stage_directions
                .iter()
                .map(|r| word_count(&text[r.clone()]))
                .sum();
            word_count(body(text, t)).saturating_sub(stage_words)
        })
        .collect();
    let mut out: Vec<SpeakerStat> = Vec::new();
    let mut index: foldhash::HashMap<&str, usize> = Default::default();
    for (t, words) in a.turns.iter().zip(counted) {
        let who = key(t);
        let slot = *index.entry(who).or_insert_with(|| {
            out.push(SpeakerStat {
                speaker: who.to_string(),
                turns: 0,
                words: 0,
            });
            out.len() - 1
        });
        out[slot].turns += 1;
        out[slot].words += words;
    }
    out.sort_by(|a, b| {
        b.words
            .cmp(&a.words)
            .then(b.turns.cmp(&a.turns))
            .then(a.speaker.cmp(&b.speaker))
    });
    out
}

/// The `plenary speakers --json` value for `(path, text)` documents, with
/// names resolved across the corpus. Offsets are code points.
pub fn report_json(docs: &[(&str, &str)]) -> Value {
    let texts: Vec<&str> = docs.iter().map(|d| d.1).collect();
    let mut analyses: Vec<SpeakerAnalysis> = texts.iter().map(|t| detect(t)).collect();
    resolve_corpus(&mut analyses, &texts);
    let out: Vec<Value> = docs
        .iter()
        .zip(&analyses)
        .map(|(&(path, text), a)| doc_json(path, text, a))
        .collect();
    Value::Array(out)
}

/// One document's object of the `plenary speakers --json` output.
pub fn doc_json(path: &str, text: &str, a: &SpeakerAnalysis) -> Value {
    let idx = CharIndex::new(text);
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let turns: Vec<Value> = a
        .turns
        .iter()
        .map(|t| {
            json!({
                "line": t.line + 1,
                "label": t.label,
                "speaker": t.json_speaker(),
                "asker": t.asker,
                "interpreted": t.interpreted,
                "start": idx.chars(t.range.start),
                "end": idx.chars(t.range.end),
                "time": t.time,
            })
        })
        .collect();
    let speakers: Vec<Value> = stats_by(a, text, Turn::json_speaker)
        .into_iter()
        .map(|s| json!({"speaker": s.speaker, "turns": s.turns, "words": s.words}))
        .collect();
    json!({
        "path": path,
        "title": title,
        "is_transcript": a.is_transcript,
        "convention": a.convention,
        "turns": turns,
        "speakers": speakers,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod piece_tests {
    use super::*;

    /// Texts in the conventions the scan knows, with turns and paragraphs
    /// running over many lines: small pieces cut them anywhere.
    fn samples() -> Vec<String> {
        let mut out = vec![
            "Remarks at the summit\nAstana, Kazakhstan\n\nMODERATOR: Good morning.\nWe begin with the minister.\n\nMINISTER\nDOE: Thank you. We met in Paris,\nand agreed on the plan\n\nthat was put to us.\n\nQUESTION: When, exactly?\n\nMINISTER DOE: Today.\n(Laughter.)\n\nQ Will you go?\nA Yes.\n".repeat(12),
            "Interview\n\nJane Doe\nWe spoke on Monday about the port.\n\nJohn Roe\nAnd the rail line?\n\nJane Doe\nThat too.\n".repeat(15),
            "[00:01:02] Anna Lee: Welcome back.\n[00:01:09] Tom Marsh: Thanks, Anna.\nIt is good to be here,\nreally.\n".repeat(20),
            "Sorting:\n- by name\n- by date\nLicense: MIT\nFITNESS FOR A\nPARTICULAR PURPOSE. IN NO EVENT\n".repeat(10),
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            out.push(std::fs::read_to_string(e.path()).unwrap());
        }
        out
    }

    #[test]
    fn lines_scanned_in_pieces_give_the_turns_of_the_whole_text() {
        let mut transcripts = 0;
        for text in samples() {
            let whole = detect_in_pieces(&text, usize::MAX, &|_| {});
            transcripts += usize::from(whole.is_transcript);
            for piece in [1, 13, 64, 500, 4096] {
                let reported = std::sync::atomic::AtomicUsize::new(0);
                let pieces = detect_in_pieces(&text, piece, &|n| {
                    reported.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                });
                assert_eq!(pieces, whole, "pieces of {piece} bytes");
                assert_eq!(
                    reported.into_inner(),
                    text.len(),
                    "every byte reported once"
                );
            }
        }
        assert!(
            transcripts >= 4,
            "the samples hold transcripts: {transcripts}"
        );
    }
}
