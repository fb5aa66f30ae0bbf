//! Context evidence for a capitalised span that the gazetteer does not
//! settle: the words around it say whether it names a company or club
//! (`shares in X`, `X, the insurer`, `X beat Y 2-1`), a place (`in X`,
//! `the city of X`, `X detention camp`) or a person (`striker X`).

use super::EntityKind;
use super::lexicon::*;
use super::rules::Ctx;

/// Words just before a name that show where something is or comes from.
fn is_locative(w: &str) -> bool {
    ["in", "near", "outside"]
        .iter()
        .any(|l| w.eq_ignore_ascii_case(l))
}

/// `the city of X`, `east of X`.
fn is_place_of(w: &str) -> bool {
    matches!(
        w,
        "city"
            | "town"
            | "village"
            | "province"
            | "region"
            | "district"
            | "capital"
            | "port"
            | "island"
            | "suburb"
            | "outskirts"
            | "east"
            | "west"
            | "north"
            | "south"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
    )
}

/// Verbs of moving that make `from X` a place.
fn is_motion(w: &str) -> bool {
    matches!(
        w,
        "released"
            | "freed"
            | "travelled"
            | "traveled"
            | "fled"
            | "returned"
            | "came"
            | "arrived"
            | "flew"
            | "moved"
            | "evacuated"
            | "deported"
            | "transferred"
    )
}

/// Words that show a sports result nearby.
fn is_result_word(w: &str) -> bool {
    matches!(
        w,
        "beat"
            | "drew"
            | "draw"
            | "lost"
            | "won"
            | "win"
            | "held"
            | "scored"
            | "goals"
            | "goal"
            | "defeat"
            | "victory"
            | "loss"
            | "lead"
    )
}

impl Ctx<'_> {
    /// The word `back` tokens before `i` when every gap from it to `i` is
    /// plain spacing (`back` = 1: the word right before).
    pub(super) fn before(&self, i: usize, back: usize) -> Option<&str> {
        if i < back {
            return None;
        }
        for k in i - back..i {
            if !self.gap(k).bytes().all(|b| b == b' ') {
                return None;
            }
        }
        Some(self.word(i - back))
    }

    /// The word right after the span ending at token `q` (exclusive) when
    /// only a space separates them and no possessive ends the span.
    pub(super) fn after(&self, q: usize) -> Option<&str> {
        (q < self.toks.len() && !self.toks[q - 1].poss() && self.gap(q - 1) == " ")
            .then(|| self.word(q))
    }

    /// Does a score (`2-1`, `0-0`) or a result word occur within a few
    /// words before token `i`?
    fn result_before(&self, i: usize) -> bool {
        let from = i.saturating_sub(7);
        (from..i).any(|k| {
            is_result_word(self.word(k))
                || (k + 1 < i
                    && self.gap(k) == "-"
                    && self.word(k).bytes().all(|b| b.is_ascii_digit())
                    && self.word(k + 1).bytes().all(|b| b.is_ascii_digit()))
        })
    }

    /// How many scores (`2-1`) are within a few words after token `q`
    /// (tennis gives one per set, football one).
    fn scores_after(&self, q: usize) -> usize {
        let end = (q + 8).min(self.toks.len().saturating_sub(1));
        (q..end)
            .filter(|&k| {
                self.gap(k) == "-"
                    && self.word(k).bytes().all(|b| b.is_ascii_digit())
                    && self.word(k + 1).bytes().all(|b| b.is_ascii_digit())
            })
            .count()
    }

    /// The span `i..q` is a sports team: `Leeds were held`, `beat X 2-1`,
    /// `a 3-0 win over X`, `X, who lost`. `strict` (for spans that could
    /// be a person's name) asks for one score nearby, not just a verb.
    pub(super) fn team_evidence(&self, i: usize, q: usize, strict: bool) -> bool {
        let one_score = || self.scores_after(q) == 1;
        if let Some(b) = self.before(i, 1) {
            if matches!(b, "beat" | "beating") && (!strict || one_score()) {
                return true;
            }
            if matches!(b, "leaders" | "champions") && !strict {
                return true;
            }
            if matches!(
                b,
                "over" | "against" | "versus" | "vs" | "v" | "by" | "with" | "to" | "at" | "for"
            ) && self.result_before(i - 1)
            {
                return true;
            }
        }
        let rest = &self.text[self.toks[q - 1].end()..];
        if !strict && let Some(r) = rest.strip_prefix(", who ") {
            let w = r.split(' ').next().unwrap_or("");
            return is_team_verb(w) || is_result_verb(w);
        }
        match self.after(q) {
            Some(w) if is_team_verb(w) => !strict || w == "were" || one_score(),
            Some(w) if is_result_verb(w) => one_score(),
            _ => false,
        }
    }

    /// The span `i..q` names a company or organisation by its context.
    pub(super) fn org_evidence(&self, i: usize, q: usize) -> bool {
        if let Some(b) = self.before(i, 1) {
            let b2 = self.before(i, 2).unwrap_or("");
            if matches!(b, "in" | "of")
                && ["shares", "stake", "stakes", "shareholders"]
                    .iter()
                    .any(|w| b2.eq_ignore_ascii_case(w))
            {
                return true;
            }
            if b == "at"
                && (is_person_role(b2) || matches!(b2, "analysts" | "economists" | "strategists"))
            {
                return true;
            }
            // `the regulator Ofstan`, `retailer Brandvold` (not nouns that
            // describe people too: `publisher X`, `producer X`)
            if is_org_descriptor(b)
                && !self.toks[i - 1].poss()
                && !matches!(
                    b,
                    "producer"
                        | "developer"
                        | "publisher"
                        | "broker"
                        | "operator"
                        | "maker"
                        | "supplier"
                        | "investor"
                        | "unit"
                        | "outlet"
                        | "network"
                )
            {
                return true;
            }
            // `Pereira Bank and Kellogg Staunton`
            if b == "and"
                && self.out.mentions.last().is_some_and(|m| {
                    m.kind == EntityKind::Org && m.range.end == self.toks[i - 2].end()
                })
            {
                return true;
            }
        }
        if self.toks[q - 1].poss() && q < self.toks.len() {
            return matches!(
                self.word(q),
                "shares"
                    | "stock"
                    | "shareholders"
                    | "board"
                    | "subsidiary"
                    | "profits"
                    | "profit"
                    | "revenue"
                    | "earnings"
            );
        }
        // `Vantora shares`, `Arsenal manager`; after a given name only words
        // a person cannot take (`Tom Hanks shares a flat`).
        let given = self.g.is_given(self.word(i));
        if self.after(q).is_some_and(|w| {
            is_org_role_after(w) && (!given || matches!(w, "shareholders" | "executives"))
        }) {
            return true;
        }
        self.descriptor_apposition(q) == Some(EntityKind::Org)
    }

    /// `BlackRock`, `SoftBank`: one word with a capital inside, as
    /// companies write their names (`McCarthy`, `DeSantis`, `O'Neill` are
    /// people's).
    pub(super) fn camel_case(&self, i: usize, q: usize) -> bool {
        if q != i + 1 || self.toks[i].upper() {
            return false;
        }
        let w = self.word(i);
        let b = w.as_bytes();
        let inner = (2..b.len()).any(|k| {
            b[k].is_ascii_uppercase()
                && b[k - 1].is_ascii_lowercase()
                && b[k - 2].is_ascii_lowercase()
        });
        let person_prefix = [
            "Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von",
        ]
        .iter()
        .any(|p| w.starts_with(p) && w[p.len()..].starts_with(|c: char| c.is_ascii_uppercase()));
        inner && !person_prefix && !w.contains('\'') && !w.contains('\u{2019}')
    }

    /// `X, the insurer` → ORG; `X, the chief executive` → PERSON: the first
    /// describing noun within a few words of the article decides.
    pub(super) fn descriptor_apposition(&self, q: usize) -> Option<EntityKind> {
        let rest = &self.text[self.toks[q - 1].end()..];
        if self.toks[q - 1].poss() || !rest.starts_with(", ") {
            return None;
        }
        let mut words = rest[2..].split([' ', ',', '.', ';']);
        if !matches!(words.next(), Some("a" | "an" | "the")) {
            return None;
        }
        for w in words.take(5) {
            if is_person_role(w) {
                return Some(EntityKind::Person);
            }
            if is_org_descriptor(w) {
                return Some(EntityKind::Org);
            }
        }
        None
    }

    /// `X said in a statement`: an organisation speaking.
    pub(super) fn statement(&self, q: usize) -> bool {
        let rest = &self.text[self.toks[q - 1].end()..];
        [
            " said in a statement",
            " said in a filing",
            " said in a regulatory filing",
            " said in a stock exchange filing",
            " told the stock exchange",
        ]
        .iter()
        .any(|p| rest.starts_with(p))
    }

    /// The span `i..q` is a place by its context: `in X`, `the city of X`,
    /// `released from X`, `X detention camp`.
    pub(super) fn place_evidence(&self, i: usize, q: usize) -> bool {
        if let Some(b) = self.before(i, 1) {
            let b2 = self.before(i, 2).unwrap_or("");
            if is_locative(b) && !self.toks[q - 1].poss() {
                return true;
            }
            if b == "of" && is_place_of(b2) {
                return true;
            }
            if b == "from" && is_motion(b2) {
                return true;
            }
        }
        self.after(q).is_some_and(is_place_noun_after)
    }

    /// A lower-case description right before the name: `striker X`.
    pub(super) fn role_before(&self, i: usize) -> bool {
        self.before(i, 1).is_some_and(is_role_before_name)
    }

    /// `at`/`in` before a venue's name (`held at Serendal Palace`): the end
    /// of the venue's name, its head included.
    pub(super) fn venue(&self, i: usize, e: usize) -> Option<usize> {
        if !self
            .before(i, 1)
            .is_some_and(|b| matches!(b, "at" | "in" | "near" | "outside"))
        {
            return None;
        }
        let h = (i + 1..e.min(i + 4)).find(|&j| is_venue_head(self.word(j)))?;
        (i..h)
            .all(|j| self.toks[j].cap() && !is_connector(self.word(j)))
            .then_some(h + 1)
    }
}
