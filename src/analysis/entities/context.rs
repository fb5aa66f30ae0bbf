//! Context rules around a capitalised chunk: verbs of saying, appositions,
//! bylines, vocatives, coordination, and transcript speaker labels.

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
            if !(self.toks[i].line_start && self.toks[i].upper) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < self.toks.len()
                && (self.toks[j].upper || self.word(j).len() == 1 && self.toks[j].cap)
                && self.joins(j)
            {
                j += 1;
            }
            let after = &self.text[self.toks[j - 1].end..];
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
                let canonical = title_case(&self.text[self.toks[s].start..self.toks[j - 1].end]);
                self.push(s, j, EntityKind::Person, canonical);
            }
            for t in &mut self.toks[i..j] {
                t.taken = true;
            }
            i = j;
        }
    }

    /// `X Y, a senior analyst at …`, `X Y, 54,`: a description of a person
    /// follows the name.
    pub(super) fn apposition(&self, q: usize) -> bool {
        let rest = &self.text[self.toks[q - 1].end..];
        let mut cut = rest.len().min(90);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let rest = &rest[..cut];
        if self.toks[q - 1].poss || !rest.starts_with(", ") {
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
        let line_start = self.text[..self.toks[i].start]
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
        let start = self.toks[i].start;
        let mut from = start.saturating_sub(24);
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = self.text[from..start]
            .trim_end_matches([' ', ','])
            .to_lowercase();
        let thanks_after = after_comma && self.text[self.toks[i].end..].starts_with(", thank");
        after_label
            || thanks_after
            || ["thank you", "thanks", "hi", "hello", "dear"]
                .iter()
                .any(|p| before.ends_with(p))
    }

    /// `X said`, `X, who …, told`, `said X`, `according to X`.
    pub(super) fn saying_context(&self, i: usize, q: usize) -> bool {
        if q < self.toks.len() && !self.toks[q - 1].poss {
            let gap = self.gap(q - 1);
            let core = matches!(
                self.word(q),
                "said" | "says" | "told" | "tells" | "added" | "wrote"
            );
            let weak_start = q - i == 1 && self.toks[i].sent_start;
            if gap == " " && is_saying_verb(self.word(q)) && (core || !weak_start) {
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
            && !self.toks[q - 1].poss
            && self.gap(q - 1) == " "
            && words.contains(&self.word(q))
    }

    /// `Lviv and X`, `X and Lviv`: a lone unknown word coordinated with a
    /// place is a place too.
    pub(super) fn coordinated_with_place(&self, i: usize) -> bool {
        let before = i >= 2
            && self.word(i - 1) == "and"
            && self.out.mentions.last().is_some_and(|m| {
                m.kind == EntityKind::Place && m.range.end == self.toks[i - 2].end
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
        let rest = &self.text[self.toks[q - 1].end..];
        self.toks[q - 1].poss
            || rest.is_empty()
            || rest.starts_with([',', ':', ';', '/', ')', '\n', '.'])
    }
}
