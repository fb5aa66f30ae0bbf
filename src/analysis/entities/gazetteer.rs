//! Gazetteers embedded in the binary (see `assets/gazetteers/SOURCES.md`),
//! parsed once into hash tables keyed by the exact surface form.

use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::lexicon;

/// What a gazetteer entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GzKind {
    /// Country, city, region or continent.
    Place,
    /// Organisation, agency or media outlet.
    Org,
    /// Nationality adjective or people (`Kazakh`, `Americans`): not labelled.
    Nation,
    /// Operating system, software or product (`Windows`, `Android`): not
    /// labelled, and never a person or a place.
    Product,
}

/// One gazetteer entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// Its kind.
    pub kind: GzKind,
    /// The name all its aliases share.
    pub canonical: &'static str,
}

/// All lexicons, built once.
pub(crate) struct Gazetteer {
    entries: HashMap<String, Entry>,
    /// Longest entry (in words) by first word, for cheap rejection.
    first: HashMap<String, usize>,
    given: HashSet<&'static str>,
    surname_first: HashSet<&'static str>,
    stop_acronyms: HashSet<&'static str>,
    countries: HashSet<&'static str>,
}

const PLACES: &str = include_str!("../../../assets/gazetteers/places.tsv");
const PLACES_EXTRA: &str = include_str!("../../../assets/gazetteers/places_extra.tsv");
const ORGS: &str = include_str!("../../../assets/gazetteers/orgs.tsv");
const DEMONYMS: &str = include_str!("../../../assets/gazetteers/demonyms.txt");
const NATIONS: &str = include_str!("../../../assets/gazetteers/nationalities_extra.txt");
const GIVEN: &str = include_str!("../../../assets/gazetteers/given_names.txt");
const SURNAME_FIRST: &str = include_str!("../../../assets/gazetteers/surname_first.txt");
const PLACES_EXCLUDE: &str = include_str!("../../../assets/gazetteers/places_exclude.txt");
const STOP_ACRONYMS: &str = include_str!("../../../assets/gazetteers/stop_acronyms.txt");
const COUNTRIES: &str = include_str!("../../../assets/gazetteers/countries.txt");
const PRODUCTS: &str = include_str!("../../../assets/gazetteers/products.txt");

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Number of words of a surface form, counted the way lookups count them.
fn word_len(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '.')
        .filter(|w| !w.is_empty() && w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',')
        .next()
        .unwrap_or(s)
}

impl Gazetteer {
    fn build() -> Self {
        let mut g = Gazetteer {
            entries: HashMap::new(),
            first: HashMap::new(),
            given: lines(GIVEN).collect(),
            surname_first: lines(SURNAME_FIRST).collect(),
            stop_acronyms: lines(STOP_ACRONYMS).collect(),
            countries: lines(COUNTRIES).collect(),
        };
        // Generated given names include a few words of the rule lexicons.
        g.given.retain(|w| {
            !(lexicon::is_core_title(w)
                || lexicon::is_portfolio_word(w)
                || lexicon::is_org_head(w)
                || lexicon::is_opaque_head(w)
                || lexicon::is_function_word(w))
        });
        for n in lines(DEMONYMS).chain(lines(NATIONS)) {
            g.add(n, n, GzKind::Nation);
            if !n.ends_with('s') && !n.ends_with("sh") && !n.ends_with("ese") {
                let plural: &'static str = Box::leak(format!("{n}s").into_boxed_str());
                g.add(plural, n, GzKind::Nation);
            }
        }
        for l in lines(PLACES).chain(lines(PLACES_EXTRA)) {
            let (surface, canonical) = l.split_once('\t').unwrap_or((l, l));
            g.add(surface, canonical, GzKind::Place);
        }
        for l in lines(PLACES_EXCLUDE) {
            g.entries.remove(l);
        }
        for l in lines(PRODUCTS) {
            g.add(l, l, GzKind::Product);
        }
        for l in lines(ORGS) {
            let (name, aliases) = l.split_once('\t').unwrap_or((l, ""));
            g.add(name, name, GzKind::Org);
            for a in aliases.split(',').filter(|a| !a.is_empty()) {
                g.add(a, name, GzKind::Org);
            }
        }
        g
    }

    fn add(&mut self, surface: &'static str, canonical: &'static str, kind: GzKind) {
        let n = word_len(surface).max(1);
        let f = self
            .first
            .entry(first_word(surface).to_string())
            .or_insert(0);
        *f = (*f).max(n);
        self.entries
            .insert(surface.to_string(), Entry { kind, canonical });
    }

    /// The shared instance.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    /// Longest number of words an entry starting with `word` can have
    /// (0 when no entry starts with it).
    pub fn max_words(&self, word: &str) -> usize {
        self.first.get(word).copied().unwrap_or(0)
    }

    /// Entry for an exact surface form (whitespace already normalised).
    pub fn lookup(&self, surface: &str) -> Option<&Entry> {
        self.entries.get(surface)
    }

    /// Is `word` a known given name?
    pub fn is_given(&self, word: &str) -> bool {
        self.given.contains(word)
    }

    /// Is `word` a common East Asian family name (written first)?
    pub fn is_surname_first(&self, word: &str) -> bool {
        self.surname_first.contains(word)
    }

    /// Is this canonical place name a country?
    pub fn is_country(&self, canonical: &str) -> bool {
        self.countries.contains(canonical)
    }

    /// Is this all-caps word a common non-organisation abbreviation?
    pub fn is_stop_acronym(&self, word: &str) -> bool {
        self.stop_acronyms.contains(word)
    }
}

/// `ALMATY` → `Almaty`, `SOUTH KOREA` → `South Korea`.
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if at_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            at_start = false;
        } else {
            out.push(c);
            at_start = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_countries_aliases_cities_and_orgs() {
        let g = Gazetteer::get();
        assert_eq!(g.lookup("Norway").unwrap().kind, GzKind::Place);
        assert_eq!(g.lookup("USA").unwrap().canonical, "United States");
        assert_eq!(g.lookup("Nairobi").unwrap().kind, GzKind::Place);
        assert_eq!(g.lookup("Sub-Saharan Africa").unwrap().kind, GzKind::Place);
        assert_eq!(g.lookup("NATO").unwrap().kind, GzKind::Org);
        assert_eq!(g.lookup("Peruvian").unwrap().kind, GzKind::Nation);
        assert_eq!(g.lookup("Peruvians").unwrap().kind, GzKind::Nation);
        assert!(g.max_words("Sub") >= 1);
        assert_eq!(g.lookup("Windows Vista").unwrap().kind, GzKind::Product);
        assert!(g.is_given("Maria") && !g.is_given("the"));
    }

    #[test]
    fn title_cases_all_caps() {
        assert_eq!(title_case("NEW DELHI"), "New Delhi");
        assert_eq!(title_case("O'BRIEN"), "O'Brien");
    }
}
