//! Context rules around a capitalised chunk: verbs of saying, appositions,
//! bylines, vocatives, coordination, and transcript speaker labels.

use std::sync::OnceLock;

use regex::Regex;

use super::EntityKind;
use super::gazetteer::{GzKind, title_case};
use super::lexicon::*;
use super::rules::Ctx;

impl Ctx<'_> {
    /// `SECRETARY SMITH:` at a line start → PERSON `SMITH`; role labels
    /// (`MODERATOR:`) give nothing.
    pub(super) fn speaker_labels(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if !(self.toks[i].line_start() && self.toks[i].upper()) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < self.toks.len()
                && (self.toks[j].upper() || self.word(j).len() == 1 && self.toks[j].cap())
                && self.joins(j)
            {
                j += 1;
            }
            let after = &self.text[self.toks[j - 1].end()..];
            let after = after.trim_start_matches('.');
            if !after.starts_with(':') {
                i = j;
                continue;
            }
            let words: Vec<String> = (i..j).map(|k| self.word(k).to_string()).collect();
            let role = words.iter().any(|w| is_role_label(w));
            let mut s = i;
            while s < j {
                let tc = title_case(&words[s - i]);
                if is_core_title(&tc) || is_title_modifier(&tc) || tc == "Of" || tc == "State" {
                    s += 1;
                } else {
                    break;
                }
            }
            if !role && s < j {
                let canonical =
                    title_case(&self.text[self.toks[s].start()..self.toks[j - 1].end()]);
                self.push(s, j, EntityKind::Person, &canonical);
            }
            for t in &mut self.toks[i..j] {
                t.taken = true;
            }
            i = j;
        }
    }

    /// Lines of sports results, `Arsenal 2 Coventry 0`: each name is a
    /// team, a club (ORG) or, for a country, its national side (PLACE).
    /// Words inside the names that the date rules took (`Sheffield
    /// Wednesday`) are given back.
    pub(super) fn result_lines(&mut self) {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            let name = r"\p{Lu}[\p{L}.'&-]*(?: \p{Lu}[\p{L}.'&-]*){0,3}";
            Regex::new(&format!(
                r"^[ \t]*({name}) (\d{{1,3}}) ({name}) (\d{{1,3}})[ \t]*\r?$"
            ))
            .expect("results regex")
        });
        let text = self.text;
        let mut spans = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            let (line, from) = (&text[start..end], start);
            start = end + 1;
            // Only a line that ends in ` <digits>` can be a results line.
            let t = line.trim_end();
            let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 3 || !t[..t.len() - digits].ends_with(' ') {
                continue;
            }
            if let Some(c) = re.captures(line) {
                for g in [1, 3] {
                    if let Some(m) = c.get(g) {
                        spans.push(from + m.start()..from + m.end());
                    }
                }
            }
        }
        if spans.is_empty() {
            return;
        }
        // Both lists are sorted by start and the spans do not overlap.
        let mut s = 0;
        self.out.mentions.retain(|m| {
            while s < spans.len() && spans[s].end <= m.range.start {
                s += 1;
            }
            !(s < spans.len() && spans[s].start < m.range.end)
        });
        let mut k = 0;
        for s in spans {
            while k < self.toks.len() && self.toks[k].start() < s.start {
                k += 1;
            }
            let a = k;
            while k < self.toks.len() && self.toks[k].end() <= s.end {
                self.toks[k].taken = false;
                k += 1;
            }
            if k == a {
                continue;
            }
            let entry = self.gazetteer_at(a).filter(|(end, _)| *end == k);
            let (kind, canonical) = match entry {
                Some((_, e)) if e.kind == GzKind::Place && self.g.is_country(e.canonical) => {
                    (EntityKind::Place, e.canonical.to_string())
                }
                _ => (EntityKind::Org, self.display(a, k)),
            };
            self.push(a, k, kind, &canonical);
        }
        self.out.mentions.sort_by_key(|m| m.range.start);
    }

    /// Newswire datelines: `LONDON, March 3 (Agency) -`, `RIO DE JANEIRO
    /// 1996-08-22`, `NEW YORK (Agency) -`. The all-caps words at the start
    /// of the line are read in title case; a known organisation is left to
    /// the other rules, anything else is a PLACE. Runs before the other
    /// name rules, when the only mentions are the dates.
    pub(super) fn datelines(&mut self) {
        let n = self.toks.len();
        let mut found = Vec::new();
        let mut i = 0;
        while i < n {
            if !(self.toks[i].line_start() && self.toks[i].upper() && !self.toks[i].taken) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && j - i < 4 && self.toks[j].upper() && !self.toks[j].taken && self.joins(j)
            {
                j += 1;
            }
            let rest = &self.text[self.toks[j - 1].end()..];
            let date_next = j < n
                && (rest.starts_with(", ") || rest.starts_with(' '))
                && self
                    .out
                    .mentions
                    .binary_search_by_key(&self.toks[j].start(), |m| m.range.start)
                    .is_ok_and(|k| self.out.mentions[k].kind == EntityKind::Date);
            // `SPA-FRANCORCHAMPS, Belgium 1996-08-24`: a country or state
            // between the town and the date.
            let date_after_region = j + 1 < n
                && rest.starts_with(", ")
                && self.toks[j].cap()
                && self.gazetteer_at(j).is_some_and(|(re, entry)| {
                    entry.kind == GzKind::Place
                        && re < n
                        && self.gap(re - 1) == " "
                        && self
                            .out
                            .mentions
                            .binary_search_by_key(&self.toks[re].start(), |m| m.range.start)
                            .is_ok_and(|k| self.out.mentions[k].kind == EntityKind::Date)
                });
            let date_next = date_next || date_after_region;
            let line_rest = rest.split('\n').next().unwrap_or("");
            let dash = [" (", " - ", " -- ", " \u{2014} ", " \u{2013} "]
                .iter()
                .any(|p| rest.starts_with(p))
                && line_rest.chars().any(char::is_lowercase);
            let words_ok = (i..j).all(|k| {
                let w = self.word(k);
                let tc = title_case(w);
                !is_role_label(w)
                    && !self.g.is_stop_acronym(w)
                    && !is_core_title(&tc)
                    && !is_function_word(&tc)
            });
            if (date_next || dash) && words_ok {
                let entry = self.g.lookup(&title_case(
                    &self.text[self.toks[i].start()..self.toks[j - 1].end()],
                ));
                match entry.map(|e| (e.kind, e.canonical)) {
                    Some((GzKind::Org | GzKind::Product | GzKind::Nation, _)) => {}
                    Some((GzKind::Place, c)) => found.push((i, j, c.to_string())),
                    None => found.push((i, j, self.display(i, j))),
                }
            }
            i = j;
        }
        // Pushed afterwards: the search above needs the dates still sorted.
        for (i, j, c) in found {
            self.push(i, j, EntityKind::Place, &c);
        }
    }

    /// `X Y, a senior analyst at …`, `X Y, 54,`: a description of a person
    /// follows the name.
    pub(super) fn apposition(&self, q: usize) -> bool {
        let rest = &self.text[self.toks[q - 1].end()..];
        let mut cut = rest.len().min(90);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let rest = &rest[..cut];
        if self.toks[q - 1].poss() || !rest.starts_with(", ") {
            return false;
        }
        let rest = &rest[2..];
        if rest
            .split(',')
            .next()
            .is_some_and(|a| !a.is_empty() && a.len() <= 3 && a.bytes().all(|b| b.is_ascii_digit()))
        {
            return true;
        }
        let mut words = rest.split([' ', ',', '.', ';']);
        if !matches!(words.next(), Some("a" | "an" | "the")) {
            return false;
        }
        words.take(6).any(is_person_role)
    }

    /// A short line starting `By `: an author byline.
    pub(super) fn byline(&self, i: usize) -> bool {
        let line_start = self.text[..self.toks[i].start()]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |p| line_start + p);
        self.text[line_start..].starts_with("By ") && line_end - line_start <= 100
    }

    /// First-name address: `NAME, …` right after a speaker label, or
    /// `thank you, NAME` / `Hi NAME`.
    pub(super) fn vocative(&self, i: usize) -> bool {
        let after_comma = i + 1 < self.toks.len() && self.gap(i).starts_with(',');
        let after_label = i >= 1 && self.gap(i - 1).trim() == ":" && after_comma;
        // Only the few words before matter: look at a bounded window, so
        // the cost does not grow with the document.
        let start = self.toks[i].start();
        let mut from = start.saturating_sub(24);
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = self.text[from..start]
            .trim_end_matches([' ', ','])
            .to_lowercase();
        let thanks_after = after_comma && self.text[self.toks[i].end()..].starts_with(", thank");
        after_label
            || thanks_after
            || ["thank you", "thanks", "hi", "hello", "dear"]
                .iter()
                .any(|p| before.ends_with(p))
    }

    /// `X said`, `X, who …, told`, `said X`, `according to X`.
    pub(super) fn saying_context(&self, i: usize, q: usize) -> bool {
        if q < self.toks.len() && !self.toks[q - 1].poss() {
            let gap = self.gap(q - 1);
            // `Default said …` opening a line: a one-word name at a sentence
            // start needs more than a verb (a surname known elsewhere is
            // found by the corpus pass).
            let weak_start = q - i == 1 && self.toks[i].sent_start();
            if gap == " " && is_saying_verb(self.word(q)) && !weak_start {
                return true;
            }
        }
        if i >= 1 {
            let gap = self.gap(i - 1);
            let prev = self.word(i - 1);
            if gap == " "
                && (matches!(prev, "said" | "says" | "asked" | "wrote" | "added")
                    || (prev == "to" && i >= 2 && self.word(i - 2) == "according"))
            {
                return true;
            }
        }
        false
    }

    pub(super) fn followed_by(&self, q: usize, words: &[&str]) -> bool {
        q < self.toks.len()
            && !self.toks[q - 1].poss()
            && self.gap(q - 1) == " "
            && words.contains(&self.word(q))
    }

    /// `Lviv and X`, `X and Lviv`: a lone unknown word coordinated with a
    /// place is a place too.
    pub(super) fn coordinated_with_place(&self, i: usize) -> bool {
        let before = i >= 2
            && self.word(i - 1) == "and"
            && self.out.mentions.last().is_some_and(|m| {
                m.kind == EntityKind::Place && m.range.end == self.toks[i - 2].end()
            });
        let after = i + 2 < self.toks.len()
            && self.gap(i) == " "
            && self.word(i + 1) == "and"
            && self
                .gazetteer_at(i + 2)
                .is_some_and(|(_, e)| e.kind == GzKind::Place);
        before || after
    }

    /// Is the chunk ending at token `q` followed by punctuation or a line end?
    pub(super) fn ends_at_punct(&self, q: usize) -> bool {
        let rest = &self.text[self.toks[q - 1].end()..];
        self.toks[q - 1].poss()
            || rest.is_empty()
            || rest.starts_with([',', ':', ';', '/', ')', '\n', '.'])
    }
}
