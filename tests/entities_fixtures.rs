//! Entity extraction on documents unlike the sample corpus: business and
//! politics articles, sport and markets newswire with all-caps datelines,
//! and software release notes (`tests/fixtures/entities/`, gold marked
//! inline as `{{TYPE:text}}`). Scores exact span + type and checks floors.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use plenary::analysis::entities::{EntityKind, Mention, extract_corpus};

/// A gold mention: byte range in the plain text and its type label.
type Gold = (usize, usize, String);

/// Strips the `{{TYPE:text}}` marks: the plain document and its gold spans.
fn parse(marked: &str) -> (String, Vec<Gold>) {
    let mut text = String::with_capacity(marked.len());
    let mut gold = Vec::new();
    let mut rest = marked;
    while let Some(p) = rest.find("{{") {
        text.push_str(&rest[..p]);
        let after = &rest[p + 2..];
        let close = after.find("}}").expect("unclosed {{");
        let (ty, span) = after[..close].split_once(':').expect("{{TYPE:text}}");
        assert!(
            ["PERSON", "ORG", "PLACE", "MONEY", "PERCENT", "DATE"].contains(&ty),
            "unknown type {ty}"
        );
        gold.push((text.len(), text.len() + span.len(), ty.to_string()));
        text.push_str(span);
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, gold)
}

fn fixtures() -> Vec<(String, String, Vec<Gold>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/entities");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let (text, gold) = parse(&fs::read_to_string(dir.join(&n)).expect("read"));
            (n.trim_end_matches(".txt").to_string(), text, gold)
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    tp: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
    }
    fn f1(self) -> f64 {
        if self.gold + self.pred == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (self.gold + self.pred) as f64
    }
    fn precision(self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    fn recall(self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
}

/// Exact span + type counts per type label.
fn score(text: &str, gold: &[Gold], pred: &[Mention]) -> BTreeMap<String, Counts> {
    let mut by: BTreeMap<String, Counts> = BTreeMap::new();
    for g in gold {
        by.entry(g.2.clone()).or_default().gold += 1;
    }
    for m in pred {
        let c = by.entry(m.kind.label().to_string()).or_default();
        c.pred += 1;
        let hit = gold
            .iter()
            .any(|g| g.0 == m.range.start && g.1 == m.range.end && g.2 == m.kind.label());
        if hit {
            c.tp += 1;
        } else {
            eprintln!("  extra {} {:?}", m.kind.label(), &text[m.range.clone()]);
        }
    }
    for g in gold {
        let found = pred
            .iter()
            .any(|m| m.range.start == g.0 && m.range.end == g.1 && m.kind.label() == g.2);
        if !found {
            eprintln!("  missed {} {:?}", g.2, &text[g.0..g.1]);
        }
    }
    by
}

struct Report {
    per_doc: BTreeMap<String, Counts>,
    per_type: BTreeMap<String, Counts>,
    all: Counts,
    /// (document, mention text) of every predicted PERSON.
    persons: Vec<(String, String)>,
}

fn run() -> Report {
    let fx = fixtures();
    let texts: Vec<&str> = fx.iter().map(|f| f.1.as_str()).collect();
    let preds = extract_corpus(&texts);
    let mut per_doc = BTreeMap::new();
    let mut per_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    let mut persons = Vec::new();
    for ((name, text, gold), pred) in fx.iter().zip(&preds) {
        eprintln!("{name}:");
        let by = score(text, gold, pred);
        let mut doc = Counts::default();
        for (t, c) in by {
            doc.add(c);
            per_type.entry(t).or_default().add(c);
        }
        all.add(doc);
        per_doc.insert(name.clone(), doc);
        for m in pred.iter().filter(|m| m.kind == EntityKind::Person) {
            persons.push((name.clone(), text[m.range.clone()].to_string()));
        }
    }
    println!("| | gold | pred | TP | P | R | F1 |\n|---|---:|---:|---:|---:|---:|---:|");
    for (k, c) in per_doc.iter().chain(&per_type) {
        println!(
            "| {k} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
            c.gold,
            c.pred,
            c.tp,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    println!(
        "| all | {} | {} | {} | | | {:.3} |",
        all.gold,
        all.pred,
        all.tp,
        all.f1()
    );
    Report {
        per_doc,
        per_type,
        all,
        persons,
    }
}

#[test]
fn markup_parses_into_text_and_spans() {
    let (t, g) = parse("{{PLACE:LONDON}} - {{PERSON:Ann Lee}} said.");
    assert_eq!(t, "LONDON - Ann Lee said.");
    assert_eq!(g, [(0, 6, "PLACE".into()), (9, 16, "PERSON".into())]);
}

#[test]
fn fixtures_score_above_floors() {
    let r = run();
    assert!(
        r.all.f1() >= FLOOR_ALL,
        "overall exact F1 {:.3}",
        r.all.f1()
    );
    for (doc, floor) in FLOOR_DOC {
        let f1 = r.per_doc[*doc].f1();
        assert!(f1 >= *floor, "{doc}: exact F1 {f1:.3} < {floor}");
    }
    for (ty, p, rec) in FLOOR_TYPE {
        let c = r.per_type[*ty];
        assert!(c.precision() >= *p, "{ty} precision {:.3}", c.precision());
        assert!(c.recall() >= *rec, "{ty} recall {:.3}", c.recall());
    }
}

/// No person is a newsroom, an operating system or a trait name, and
/// release notes name only the contributors thanked at the end.
#[test]
fn no_person_is_a_newsroom_product_or_system() {
    let r = run();
    for (doc, p) in &r.persons {
        assert!(!p.contains("Newsroom"), "{doc}: person {p:?}");
        assert!(
            !["Windows", "Default", "Linux", "Haiku", "Hasher"]
                .iter()
                .any(|w| p.contains(w)),
            "{doc}: person {p:?}"
        );
    }
    let notes: Vec<&str> = r
        .persons
        .iter()
        .filter(|(d, _)| d == "release_notes")
        .map(|(_, p)| p.as_str())
        .collect();
    assert_eq!(notes, ["Ilse Vermeulen", "Teodor Marsh"]);
}

// Before the context evidence, consistency pass and dateline rule the
// first five fixtures scored 0.688 overall (sport 0.485, markets 0.677,
// ORG recall 0.28, PERSON precision 0.83). The four written afterwards
// (`*_2`, `changelog`) scored 0.78 when first run, before the rules were
// extended for what they showed (`and` inside a name, clubs named `word
// city`, results tables, capitalised name particles).
const FLOOR_ALL: f64 = 0.96;
const FLOOR_DOC: &[(&str, f64)] = &[
    ("business", 0.95),
    ("business_2", 0.95),
    ("changelog", 1.0),
    ("markets", 0.95),
    ("politics", 0.95),
    ("politics_2", 0.95),
    ("release_notes", 1.0),
    ("sport", 0.93),
    ("sport_2", 0.93),
];
/// (type, precision floor, recall floor)
const FLOOR_TYPE: &[(&str, f64, f64)] = &[
    ("PERSON", 0.95, 0.90),
    ("ORG", 0.95, 0.90),
    ("PLACE", 0.95, 0.95),
    ("DATE", 0.95, 0.95),
];
