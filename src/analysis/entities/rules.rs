//! Rules over capitalised spans: gazetteer matches, titles, organisation
//! head words, acronyms, verbs of saying and transcript speaker labels.

use std::ops::Range;

use crate::name::{Name, Names};

use super::EntityKind;
use super::gazetteer::{Entry, Gazetteer, GzKind, title_case};
use super::lexicon::*;
use super::numeric;
use super::tokens::{Token, is_abbrev_word, mask_code, tokenize};

/// A mention found by the rules, before grouping.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Raw {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// Its type.
    pub kind: EntityKind,
    /// Canonical name before grouping (gazetteer name or the text), one
    /// allocation per distinct name in a piece of text, shared by its
    /// mentions.
    pub canonical: Name,
}

/// What the rules found in one document.
#[derive(Default, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct DocRules {
    /// Labelled mentions, sorted by start, non-overlapping.
    pub mentions: Vec<Raw>,
    /// Capitalised spans left unlabelled; a later pass labels them PERSON
    /// when they match a name found elsewhere.
    pub candidates: Vec<Range<usize>>,
}

pub(crate) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Token>,
    pub(super) g: &'static Gazetteer,
    pub(super) out: DocRules,
    /// Per token: is its line mostly upper-case (a headline or label)?
    pub(super) caps_line: Vec<bool>,
    /// Per token: is its line a Title Case headline (`Hope Fades For Deal`)?
    pub(super) title_line: Vec<bool>,
    /// The names given so far, one allocation each.
    names: Names,
}

/// Runs every rule on one document.
pub(crate) fn analyse(text: &str) -> DocRules {
    let mut toks = tokenize(text);
    mask_code(text, &mut toks);
    let mut out = DocRules::default();
    let mut names = Names::default();
    // Numeric spans first; their words are off limits to the name rules.
    let mut k = 0;
    for (r, kind) in numeric::find(text) {
        while k < toks.len() && toks[k].end() <= r.start {
            k += 1;
        }
        let mut j = k;
        while j < toks.len() && toks[j].start() < r.end {
            toks[j].taken = true;
            j += 1;
        }
        let canonical = names.get(&text[r.clone()]);
        out.mentions.push(Raw {
            range: r,
            kind,
            canonical,
        });
    }
    let (caps_line, title_line) = line_styles(text, &toks);
    let mut cx = Ctx {
        text,
        toks,
        g: Gazetteer::get(),
        out,
        caps_line,
        title_line,
        names,
    };
    cx.result_lines();
    cx.datelines();
    cx.speaker_labels();
    let mut i = 0;
    while i < cx.toks.len() {
        let t = &cx.toks[i];
        if t.taken || !starts_name(t, text) {
            i += 1;
            continue;
        }
        let e = cx.run_end(i);
        i = cx.run(i, e).max(i + 1);
    }
    cx.out.mentions = non_overlapping(std::mem::take(&mut cx.out.mentions));
    cx.consistency();
    cx.out.mentions = non_overlapping(std::mem::take(&mut cx.out.mentions));
    cx.out
}

/// Sorted by start; of overlapping mentions the first (longest) is kept.
fn non_overlapping(mut ms: Vec<Raw>) -> Vec<Raw> {
    if ms.windows(2).all(|w| w[0].range.end <= w[1].range.start) {
        return ms;
    }
    ms.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut kept: Vec<Raw> = Vec::with_capacity(ms.len());
    for m in ms {
        if kept.last().is_none_or(|l| l.range.end <= m.range.start) {
            kept.push(m);
        }
    }
    kept
}

fn starts_name(t: &Token, text: &str) -> bool {
    t.cap() || (t.upper() && text.as_bytes()[t.start()].is_ascii_alphabetic())
}

/// Marks tokens on lines where upper-case letters outnumber lower-case
/// ones, and on Title Case lines (four or more words, most capitalised).
fn line_styles(text: &str, toks: &[Token]) -> (Vec<bool>, Vec<bool>) {
    let mut caps_out = vec![false; toks.len()];
    let mut title_out = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let line_end = text[toks[i].start()..]
            .find('\n')
            .map_or(text.len(), |p| toks[i].start() + p);
        let (mut up, mut low, mut capped) = (0usize, 0usize, 0usize);
        let mut j = i;
        while j < toks.len() && toks[j].start() < line_end {
            let w = toks[j].text(text);
            if w.is_ascii() {
                for b in w.bytes() {
                    up += usize::from(b.is_ascii_uppercase());
                    low += usize::from(b.is_ascii_lowercase());
                }
            } else {
                for c in w.chars() {
                    up += usize::from(c.is_uppercase());
                    low += usize::from(c.is_lowercase());
                }
            }
            capped += usize::from(toks[j].cap());
            j += 1;
        }
        let caps = up > low && up >= 4;
        let words = j - i;
        let title = !caps && words >= 4 && capped * 4 >= words * 3;
        caps_out[i..j].iter_mut().for_each(|b| *b = caps);
        title_out[i..j].iter_mut().for_each(|b| *b = title);
        i = j.max(i + 1);
    }
    (caps_out, title_out)
}

impl<'a> Ctx<'a> {
    /// The word at `i`, borrowed from the text (not from `self`: a rule
    /// can hold it while it records a mention).
    pub(super) fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    pub(super) fn gap(&self, i: usize) -> &str {
        &self.text[self.toks[i].end()..self.toks[i + 1].start()]
    }

    pub(super) fn push(&mut self, a: usize, b: usize, kind: EntityKind, canonical: &str) {
        let range = self.toks[a].start()..self.toks[b - 1].end();
        let canonical = self.names.get(canonical);
        self.out.mentions.push(Raw {
            range,
            kind,
            canonical,
        });
        for t in &mut self.toks[a..b] {
            t.taken = true;
        }
    }

    /// Does the word at `i` continue a name with the word before it?
    pub(super) fn joins(&self, i: usize) -> bool {
        let prev = &self.toks[i - 1];
        // `People's Progressive Movement`: a possessive inside a name.
        let inner_poss = prev.poss()
            && matches!(
                self.word(i - 1),
                "People" | "Children" | "Women" | "Workers"
            )
            && self.text[prev.end()..self.toks[i].start()].len() <= 4;
        if (prev.poss() && !inner_poss) || self.toks[i].taken {
            return false;
        }
        if inner_poss {
            return true;
        }
        let gap = self.gap(i - 1);
        if gap == "-" || (!gap.is_empty() && gap.bytes().all(|b| b == b' ')) {
            return true;
        }
        // `Harlan & Whitby`, `AT&T`
        if matches!(gap, " & " | "&") && prev.cap() && self.toks[i].cap() {
            return true;
        }
        let w = self.word(i - 1);
        gap == ". "
            && (w.len() == 1
                || is_abbrev_word(w)
                || (prev.upper() && is_abbrev_word(&title_case(w))))
    }

    /// End (exclusive) of the capitalised run starting at `i`.
    fn run_end(&self, i: usize) -> usize {
        let mut j = i + 1;
        while j < self.toks.len() && self.joins(j) {
            let t = &self.toks[j];
            if starts_name(t, self.text) {
                j += 1;
                continue;
            }
            // Lower-case connectors stay only when a capitalised word follows.
            let mut k = j;
            while k < self.toks.len() && is_connector(self.word(k)) && k > j - 1 && self.joins(k) {
                k += 1;
                if k - j > 2 {
                    break;
                }
            }
            if k > j
                && k < self.toks.len()
                && self.joins(k)
                && starts_name(&self.toks[k], self.text)
            {
                j = k + 1;
            } else {
                break;
            }
        }
        j
    }

    /// Longest gazetteer entry starting at token `i`: (end token, entry).
    pub(super) fn gazetteer_at(&self, i: usize) -> Option<(usize, &'static Entry)> {
        let t = self.toks.get(i)?;
        let raw = t.text(self.text);
        let upper = t.upper();
        let title;
        // `NEW YORK`, `RIO DE JANEIRO`: short all-caps words start names
        // too, before another all-caps word or in an all-caps line.
        let key0: &str = if upper
            && (raw.len() > 3
                || self.caps_line[i]
                || self.toks.get(i + 1).is_some_and(|n| n.upper()))
        {
            title = title_case(raw);
            &title
        } else {
            raw
        };
        let max = self
            .g
            .max_words(key0)
            .max(if upper { self.g.max_words(raw) } else { 0 });
        if max == 0 {
            return None;
        }
        let mut best = None;
        // Whether the words so far are spaced other than by single spaces.
        // A word holds no whitespace, so only the gaps between them are
        // read, each once (not the whole span again for every word).
        let mut spaced = false;
        let mut j = i;
        while j < self.toks.len() && j - i < max {
            if j > i {
                if self.toks[j - 1].poss() || self.toks[j].taken {
                    break;
                }
                let gap = self.gap(j - 1);
                if gap.contains('\n') {
                    break;
                }
                spaced |= gap.contains("  ") || gap.contains('\t');
            }
            let slice = &self.text[t.start()..self.toks[j].end()];
            let norm;
            let mut key: &str = slice;
            if spaced {
                norm = slice.split_whitespace().collect::<Vec<_>>().join(" ");
                key = &norm;
            }
            // A short all-caps word alone (`US`, `WHO`) is read as written,
            // except in an all-caps line (`FLAMENGO WIN IN RIO`).
            let short_ok = key.len() > 3 || (j > i) || self.caps_line[i];
            let hit = self.g.lookup(key).or_else(|| {
                if self.toks[j].upper() && short_ok {
                    self.g.lookup(&title_case(key))
                } else {
                    None
                }
            });
            if let Some(e) = hit {
                best = Some((j + 1, e));
            }
            j += 1;
        }
        best
    }

    /// Processes the run `i..e`; returns the token index where it stopped.
    fn run(&mut self, i: usize, mut e: usize) -> usize {
        let mut pos = i;
        let mut after_title = false;
        while pos < e {
            let w = self.word(pos);
            if self.toks[pos].taken || is_connector(w) {
                pos += 1;
                after_title = false;
                continue;
            }
            // `held at Serendal Palace`: a venue named after `at`/`in`.
            if let Some(end) = self.venue(pos, e) {
                let canonical = &self.text[self.toks[pos].start()..self.toks[end - 1].end()];
                self.push(pos, end, EntityKind::Place, canonical);
                pos = end;
                continue;
            }
            // `Harlan & Whitby`, `Marks & Spencer`: a firm's name.
            if let Some(end) = self.ampersand_name(pos, e) {
                let canonical = &self.text[self.toks[pos].start()..self.toks[end - 1].end()];
                self.push(pos, end, EntityKind::Org, canonical);
                pos = end;
                continue;
            }
            if !after_title && let Some(end) = self.club_with_city(pos, e) {
                let canonical = self.display(pos, end);
                self.push(pos, end, EntityKind::Org, &canonical);
                pos = end;
                continue;
            }
            if let Some((h, end)) = self.opaque_span(pos, e)
                && self.gazetteer_at(pos).is_none_or(|(ge, _)| ge <= h)
            {
                for t in &mut self.toks[pos..end] {
                    t.taken = true;
                }
                pos = end;
                continue;
            }
            if let Some((end, entry)) = self.gazetteer_at(pos) {
                let given_first = end == pos + 1
                    && entry.kind == GzKind::Place
                    && self.g.is_given(w)
                    && pos + 1 < e
                    && self.gazetteer_at(pos + 1).is_none()
                    && self.toks[pos + 1].cap();
                let name_after_title = after_title && entry.kind == GzKind::Place && end == pos + 1;
                // `Kyoto University`, `Norwegian Refugee Council`: a place or
                // nationality starting a non-government organisation's name.
                if matches!(entry.kind, GzKind::Place | GzKind::Nation)
                    && !after_title
                    && let Some((oe, h)) = self.org_span(end, e, true)
                    && !is_government_head(self.word(h))
                {
                    let canonical = &self.text[self.toks[pos].start()..self.toks[oe - 1].end()];
                    self.push(pos, oe, EntityKind::Org, canonical);
                    pos = oe;
                    continue;
                }
                // `Leeds were held`, `Leeds manager X`: a club named after its
                // city (a country's name stays the national team's place).
                if entry.kind == GzKind::Place
                    && !after_title
                    && (self.team_evidence(pos, end, false)
                        || self.after(end).is_some_and(is_club_role_after))
                    && !self.g.is_country(entry.canonical)
                {
                    let canonical = self.display(pos, end);
                    self.push(pos, end, EntityKind::Org, &canonical);
                    pos = end;
                    continue;
                }
                if !(given_first || name_after_title) {
                    let kind = match entry.kind {
                        GzKind::Place => Some(EntityKind::Place),
                        GzKind::Org => Some(EntityKind::Org),
                        GzKind::Nation | GzKind::Product => None,
                    };
                    // `Tesla Inc`, `Goldman Sachs Group Inc`: a known company
                    // and the words of its legal name; `Reuters Foundation`:
                    // a longer organisation's name that starts with it.
                    let mut end = end;
                    let mut canonical = entry.canonical.to_string();
                    if kind == Some(EntityKind::Org)
                        && let Some((oe, h)) = self.org_span(pos, e, false)
                        && oe > end
                        && h >= end
                    {
                        end = oe;
                        canonical = self.display(pos, end);
                    }
                    if kind == Some(EntityKind::Org) {
                        while end < e
                            && !self.toks[end - 1].poss()
                            && is_company_suffix(self.word(end))
                        {
                            end += 1;
                        }
                    }
                    if let Some(kind) = kind {
                        self.push(pos, end, kind, &canonical);
                    }
                    pos = end;
                    e = e.max(end);
                    if kind.is_some() {
                        after_title = false;
                    }
                    continue;
                }
            }
            if (is_core_title(w) || is_title_modifier(w))
                && let Some(end) = self.title_phrase(pos, e)
            {
                pos = end;
                after_title = true;
                continue;
            }
            if is_function_word(w) && !after_title {
                pos += 1;
                continue;
            }
            if let Some((end, _)) = self.org_span(pos, e, false).filter(|_| !after_title) {
                let canonical = &self.text[self.toks[pos].start()..self.toks[end - 1].end()];
                self.push(pos, end, EntityKind::Org, canonical);
                pos = end;
                after_title = false;
                continue;
            }
            let q = self.name_chunk(pos, e);
            // `Competition and Markets Authority`
            if !after_title
                && q == e
                && let Some(end) = self.org_with_and(pos, e)
            {
                let canonical = self.display(pos, end);
                self.push(pos, end, EntityKind::Org, &canonical);
                return end;
            }
            self.classify_chunk(pos, q, after_title);
            pos = q;
            after_title = false;
        }
        e
    }

    /// A title phrase at `i` (`Deputy Foreign Minister`, `Secretary of
    /// State`, `Ambassador to Peru`): returns its end, emitting places in it.
    fn title_phrase(&mut self, i: usize, e: usize) -> Option<usize> {
        let mut j = i;
        let mut core = false;
        while j < e {
            let w = self.word(j);
            if is_core_title(w) {
                core = true;
            } else if !is_title_modifier(w) {
                break;
            }
            j += 1;
        }
        // `General Assembly`, `Security Council`: the head makes it an org.
        if !core || (j < e && is_org_head(self.word(j))) {
            return None;
        }
        if takes_complement(self.word(j - 1))
            && j < e
            && matches!(self.word(j), "of" | "for" | "to")
        {
            let mut k = j + 1;
            if k < e && self.word(k) == "the" {
                k += 1;
            }
            let start = k;
            while k < e {
                if let Some((end, entry)) = self.gazetteer_at(k)
                    && end <= e
                    && entry.kind == GzKind::Place
                {
                    self.push(k, end, EntityKind::Place, entry.canonical);
                    k = end;
                    continue;
                }
                if is_portfolio_word(self.word(k)) || (k > start && self.word(k) == "and") {
                    k += 1;
                } else {
                    break;
                }
            }
            if k > start {
                j = k;
            }
        }
        Some(j)
    }

    /// An organisation span starting at `i` and ending at an org head word
    /// (plus an `of …`/`for …` complement), if any.
    fn org_span(&self, i: usize, e: usize, bare_head: bool) -> Option<(usize, usize)> {
        if i >= e {
            return None;
        }
        let mut head = None;
        for j in i..e {
            let w = self.word(j);
            if (is_core_title(w) && j > i) || is_connector(w) {
                break;
            }
            let later = j > i || bare_head;
            if is_org_head(w) || (later && (is_club_head(w) || is_company_suffix(w))) {
                head = Some(j);
            }
        }
        let first = self.word(i);
        let prefix = is_org_prefix(first) && i + 1 < e && self.toks[i + 1].cap();
        let h = match head {
            Some(h) => h,
            None if prefix => i + 1,
            None => return None,
        };
        let complement = h + 1 < e && matches!(self.word(h + 1), "of" | "for" | "on");
        if h == i && !complement && !prefix && !bare_head {
            return None;
        }
        let mut end = h + 1;
        if complement {
            let gov = is_government_head(self.word(h));
            // The complement runs to the end of the run, but a country after
            // a government head is its own PLACE.
            let mut k = h + 1;
            while k < e {
                if matches!(self.word(k), "of" | "for" | "on") {
                    let mut s = k + 1;
                    if s < e && self.word(s) == "the" {
                        s += 1;
                    }
                    if gov
                        && let Some((pe, entry)) = self.gazetteer_at(s)
                        && entry.kind == GzKind::Place
                        && pe >= e
                    {
                        break;
                    }
                    k = s;
                    continue;
                }
                k += 1;
                end = k;
            }
        }
        Some((end, h))
    }

    /// The capitalised words from `i` that can form one name.
    fn name_chunk(&self, i: usize, e: usize) -> usize {
        let mut q = i + 1;
        while q < e && q - i < 5 {
            let w = self.word(q);
            if is_core_title(w) || is_function_word(w) {
                break;
            }
            if is_name_particle(w)
                || (self.g.is_given(self.word(i))
                    && is_name_particle(&w.to_lowercase())
                    && q + 1 < e
                    && self.gazetteer_at(q + 1).is_none())
            {
                if q + 1 < e {
                    q += 1;
                    continue;
                }
                break;
            }
            if is_connector(w) {
                break;
            }
            if let Some((end, _)) = self.gazetteer_at(q) {
                let last_given = end == q + 1 && q + 1 == e && self.g.is_given(self.word(i));
                if !last_given {
                    break;
                }
            }
            q += 1;
        }
        while q > i + 1 && is_name_particle(self.word(q - 1)) {
            q -= 1;
        }
        q
    }

    fn classify_chunk(&mut self, i: usize, q: usize, after_title: bool) {
        let t = &self.toks[i];
        let first = self.word(i);
        let n = q - i;
        if n == 1 && !after_title && is_acronym(first) {
            if self.caps_line[i] || self.g.is_stop_acronym(first) {
                return;
            }
            // `C5+1`, `G7 + 1`
            let mut end = q;
            if q < self.toks.len()
                && matches!(self.gap(q - 1), "+" | " + ")
                && self.word(q).bytes().all(|b| b.is_ascii_digit())
            {
                end = q + 1;
            }
            let canonical = self.text[t.start()..self.toks[end - 1].end()].replace(' ', "");
            self.push(i, end, EntityKind::Org, &canonical);
            return;
        }
        // Headlines: only names that end at punctuation (`Ana Ruiz, Minister`)
        // or stand in a byline; the rest waits for names found elsewhere.
        let headline_ok =
            self.title_line[i] && (2..=4).contains(&n) && (self.byline(i) || self.ends_at_punct(q));
        if (self.caps_line[i] || self.title_line[i]) && !after_title && !headline_ok {
            let r = t.start()..self.toks[q - 1].end();
            self.out.candidates.push(r);
            return;
        }
        // `Later Tomas Brandt …`: a capitalised sentence opener before a name.
        if t.sent_start() && n >= 3 && !self.g.is_given(first) && self.g.is_given(self.word(i + 1))
        {
            return self.classify_chunk(i + 1, q, after_title);
        }
        let last = self.word(q - 1);
        let given = self.g.is_given(first) || self.g.is_surname_first(first);
        // Context that names a company or a club beats a given name
        // (`shares in Morgan Stanley`, `X, the insurer`).
        if !after_title
            && (self.org_evidence(i, q)
                || self.camel_case(i, q)
                || (!given && (self.statement(q) || self.team_evidence(i, q, true))))
        {
            let canonical = self.display(i, q);
            self.push(i, q, EntityKind::Org, &canonical);
            return;
        }
        let place_before = self
            .before(i, 1)
            .is_some_and(|b| matches!(b, "in" | "at" | "from" | "near"));
        let person = after_title
            || (n <= 3 && self.role_before(i))
            || (n >= 2 && (given || has_surname_suffix(last)))
            || (n == 1 && self.g.is_given(first) && self.vocative(i))
            || (n == 1 && has_surname_suffix(first) && !t.sent_start())
            || (n <= 3
                && !place_before
                && !(n == 1 && (is_sayer_noun(&first.to_lowercase()) || is_org_head(first)))
                && self.saying_context(i, q))
            || (n == 1
                && self.followed_by(q, &["administration", "government"])
                && !t.sent_start())
            || ((2..=4).contains(&n) && (self.apposition(q) || self.byline(i)));
        if person {
            // `Lam Kwok-wing`: a hyphenated given name after a family name.
            let mut q = q;
            if self.g.is_surname_first(first)
                && q < self.toks.len()
                && self.gap(q - 1) == "-"
                && self.word(q).chars().all(|c| c.is_lowercase())
            {
                q += 1;
            }
            let canonical = &self.text[t.start()..self.toks[q - 1].end()];
            self.push(i, q, EntityKind::Person, canonical);
        } else if n <= 3 && !given && self.place_evidence(i, q) {
            let canonical = self.display(i, q);
            self.push(i, q, EntityKind::Place, &canonical);
        } else if n == 1
            && !t.sent_start()
            && !self.g.is_given(first)
            && self.coordinated_with_place(i)
        {
            self.push(i, q, EntityKind::Place, first);
        } else {
            let r = t.start()..self.toks[q - 1].end();
            self.out.candidates.push(r);
        }
    }

    /// The text of tokens `a..b`, title-cased when it is all capitals.
    pub(super) fn display(&self, a: usize, b: usize) -> String {
        let s = &self.text[self.toks[a].start()..self.toks[b - 1].end()];
        if s.chars().any(char::is_lowercase) {
            s.to_string()
        } else {
            title_case(s)
        }
    }

    /// A club's name made of a word and its city or of a city and a word,
    /// shown by a result or a club role after it (`Ajax Amsterdam lost
    /// 2-0`, `PSV Eindhoven, who drew`, `Boston Celtics beat`); returns its
    /// end.
    fn club_with_city(&self, i: usize, e: usize) -> Option<usize> {
        // The evidence after the run first: it is cheaper than the look-ups.
        if e < i + 2
            || e > i + 3
            || !(self.team_evidence(i, e, false) || self.after(e).is_some_and(is_club_role_after))
        {
            return None;
        }
        let city = |k: usize| {
            (k < e).then_some(())?;
            self.gazetteer_at(k).and_then(|(end, entry)| {
                (entry.kind == GzKind::Place && !self.g.is_country(entry.canonical)).then_some(end)
            })
        };
        let unknown = |k: usize| {
            k < e
                && self.toks[k].cap()
                && self.gazetteer_at(k).is_none()
                && !self.g.is_given(self.word(k))
                && !is_org_head(self.word(k))
                && !is_opaque_head(self.word(k))
                && !is_function_word(self.word(k))
                && !is_core_title(self.word(k))
        };
        let end = match (city(i), self.gazetteer_at(i)) {
            // `Boston Celtics`: a city, then one or two unknown words.
            (Some(ce), _) if unknown(ce) => {
                if unknown(ce + 1) && ce + 2 == e {
                    ce + 2
                } else {
                    ce + 1
                }
            }
            // `Ajax Amsterdam`: a word (unknown or a city), then a city.
            (Some(ce), _) if ce == i + 1 => city(i + 1).filter(|_| !self.toks[i].poss())?,
            (None, None) if !self.g.is_given(self.word(i)) && !self.toks[i].poss() => city(i + 1)?,
            _ => return None,
        };
        (end == e).then_some(end)
    }

    /// `Competition and Markets Authority`: the run `i..e` of unknown words,
    /// `and`, then words ending in an organisation's head; returns the end.
    fn org_with_and(&self, i: usize, e: usize) -> Option<usize> {
        if e + 1 >= self.toks.len()
            || self.word(e) != "and"
            || self.gap(e - 1) != " "
            || self.gap(e) != " "
            || !starts_name(&self.toks[e + 1], self.text)
            || self.toks[e + 1].taken
            || self.g.is_given(self.word(i))
            || (i..e).any(|k| self.gazetteer_at(k).is_some() || !self.toks[k].cap())
        {
            return None;
        }
        let e2 = self.run_end(e + 1);
        let (end, h) = self.org_span(e + 1, e2, false)?;
        (is_org_head(self.word(h)) && (e + 1..h).all(|k| self.gazetteer_at(k).is_none()))
            .then_some(end)
    }

    /// `Harlan & Whitby`: capitalised words joined by `&` within the run
    /// from `i`; returns the end of the name.
    fn ampersand_name(&self, i: usize, e: usize) -> Option<usize> {
        let mut j = i + 1;
        let mut amp = false;
        while j < e && self.toks[j].cap() && !self.toks[j].taken && !self.toks[j - 1].poss() {
            let gap = self.gap(j - 1);
            if matches!(gap, " & " | "&") {
                amp = true;
            } else if gap != " " {
                break;
            }
            j += 1;
        }
        if !amp {
            return None;
        }
        let whole = self.gazetteer_at(i).is_some_and(|(ge, _)| ge >= j);
        // `R&D`, `M&A`: letters, not a name.
        let letters = (i..j).all(|k| self.word(k).chars().count() == 1);
        (amp && !whole && !letters).then_some(j)
    }

    /// A name of a thing outside the six types (`X Security Conference`,
    /// `X Initiative for Y`): returns the end of the whole span, which is
    /// left unlabelled, nested names included.
    fn opaque_span(&self, i: usize, e: usize) -> Option<(usize, usize)> {
        let h = (i..e).find(|&j| is_opaque_head(self.word(j)))?;
        if h == i || (h + 1..e).any(|j| is_org_head(self.word(j))) {
            return None;
        }
        let mut end = h + 1;
        if end + 1 < e && matches!(self.word(end), "for" | "of" | "on") {
            end = e;
        }
        Some((h, end))
    }
}

/// All-caps word of 2–6 characters, letters first (`NATO`, `G20`, `C5`).
fn is_acronym(w: &str) -> bool {
    let b = w.as_bytes();
    let roman = b.iter().all(|c| matches!(c, b'I' | b'V' | b'X'));
    !roman
        && (2..=6).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context [`analyse`] reads a text in, before any rule has run.
    fn ctx(text: &str) -> Ctx<'_> {
        let toks = tokenize(text);
        let (caps_line, title_line) = line_styles(text, &toks);
        Ctx {
            text,
            toks,
            g: Gazetteer::get(),
            out: DocRules::default(),
            caps_line,
            title_line,
            names: Names::default(),
        }
    }

    /// [`Ctx::gazetteer_at`] as first written: the whole span read again
    /// for every word it grows by.
    fn gazetteer_at_whole_span(cx: &Ctx, i: usize) -> Option<(usize, &'static Entry)> {
        let t = cx.toks.get(i)?;
        let raw = t.text(cx.text);
        let upper = t.upper();
        let title;
        let key0: &str = if upper
            && (raw.len() > 3 || cx.caps_line[i] || cx.toks.get(i + 1).is_some_and(|n| n.upper()))
        {
            title = title_case(raw);
            &title
        } else {
            raw
        };
        let max =
            cx.g.max_words(key0)
                .max(if upper { cx.g.max_words(raw) } else { 0 });
        let mut best = None;
        let mut j = i;
        while j < cx.toks.len() && j - i < max {
            if j > i && (cx.toks[j - 1].poss() || cx.toks[j].taken) {
                break;
            }
            let slice = &cx.text[t.start()..cx.toks[j].end()];
            if slice.contains('\n') {
                break;
            }
            let norm;
            let mut key: &str = slice;
            if slice.contains("  ") || slice.contains('\t') {
                norm = slice.split_whitespace().collect::<Vec<_>>().join(" ");
                key = &norm;
            }
            let short_ok = key.len() > 3 || (j > i) || cx.caps_line[i];
            let hit = cx.g.lookup(key).or_else(|| {
                if cx.toks[j].upper() && short_ok {
                    cx.g.lookup(&title_case(key))
                } else {
                    None
                }
            });
            if let Some(e) = hit {
                best = Some((j + 1, e));
            }
            j += 1;
        }
        best
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        #[test]
        fn gazetteer_spans_are_those_read_off_the_whole_span(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "New", "York", "NEW", "YORK", "City", "Rio", "de", "Janeiro", "RIO", "DE",
                        "JANEIRO", "United", "States", "Kingdom", "US", "WHO", "Bank", "of",
                        "America", "Hong", "Kong", "South", "Africa", "the", "Sub", "Saharan",
                    ]),
                    proptest::sample::select(vec![
                        " ", " ", " ", "  ", "\t", " \t ", "\n", ", ", "'s ", "’s ", "-", ". ",
                    ]),
                ),
                1..12,
            ),
            taken in proptest::collection::vec(proptest::bool::weighted(0.1), 12),
        ) {
            let text: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            let mut cx = ctx(&text);
            for (t, taken) in cx.toks.iter_mut().zip(&taken) {
                t.taken = *taken;
            }
            for i in 0..cx.toks.len() + 1 {
                let fast = cx.gazetteer_at(i).map(|(e, entry)| (e, entry.canonical));
                let whole = gazetteer_at_whole_span(&cx, i).map(|(e, entry)| (e, entry.canonical));
                proptest::prop_assert_eq!(fast, whole, "{:?} at {}", text, i);
            }
        }
    }
}
