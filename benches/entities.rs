//! Throughput of `extract_corpus` on ~20 MB of generated news text, and on
//! 1,000 documents of ~7 KB with typographic punctuation (curly quotes,
//! dashes), where per-document costs and non-ASCII text show up.
//!
//! `cargo bench --bench entities` prints the corpus size in bytes and words;
//! words/s = words / bytes × the bytes/s criterion reports.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plenary::analysis::entities::extract_corpus;
use plenary::text::word_count;

const GIVEN: &[&str] = &[
    "Amara", "Bogdan", "Chen", "Dilnoza", "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Joao",
    "Kwame", "Leila", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sergei", "Tariq",
];
const SURNAME: &[&str] = &[
    "Okonkwo",
    "Petrov",
    "Nakamura",
    "Haddad",
    "Silva",
    "Kowalski",
    "Mensah",
    "Ivanova",
    "Gonzalez",
    "Rahimov",
    "Schmidt",
    "Dubois",
    "Kaur",
    "Osei",
    "Lindqvist",
    "Tanaka",
];
const PLACE: &[&str] = &[
    "Nigeria",
    "Brazil",
    "Vietnam",
    "Poland",
    "Egypt",
    "Peru",
    "Indonesia",
    "Kenya",
    "Norway",
    "Lagos",
    "Hanoi",
    "Lima",
    "Cairo",
    "Warsaw",
    "Jakarta",
    "Nairobi",
    "Oslo",
    "Southeast Asia",
    "the Middle East",
    "Latin America",
    "West Africa",
    "the United States",
    "the U.S.",
];
const ORG: &[&str] = &[
    "the World Bank",
    "the African Union",
    "NATO",
    "the IMF",
    "the Ministry of Finance",
    "the National Statistics Office",
    "Reuters",
    "the Central Bank",
    "the Harbor Research Institute",
    "the Union of Farmers",
    "ASEAN",
    "the Energy Regulatory Commission",
];
const TITLE: &[&str] = &[
    "President",
    "Finance Minister",
    "Ambassador",
    "Governor",
    "Dr.",
    "Ms.",
    "Mr.",
    "Senator",
];
const DEMONYM: &[&str] = &[
    "Nigerian",
    "Brazilian",
    "Polish",
    "Egyptian",
    "Norwegian",
    "Kenyan",
];
const MONTH: &[&str] = &[
    "January",
    "March",
    "June",
    "September",
    "November",
    "Oct.",
    "Feb.",
];
const WEEKDAY: &[&str] = &["Monday", "Tuesday", "Thursday", "Saturday"];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

fn sentence(r: &mut Lcg, out: &mut String) {
    let (g, s) = (r.pick(GIVEN), r.pick(SURNAME));
    let s2 = r.pick(SURNAME);
    let p = r.pick(PLACE);
    let o = r.pick(ORG);
    let n = r.next() % 900 + 10;
    let d = r.next() % 28 + 1;
    let y = 1990 + r.next() % 35;
    let line = match r.next() % 10 {
        0 => format!(
            "{} {g} {s} met officials from {o} in {p} on {}.",
            r.pick(TITLE),
            r.pick(WEEKDAY)
        ),
        1 => format!("\"We will not accept this,\" {s} told reporters in {p} last week."),
        2 => format!(
            "Exports to {p} rose {}.{} percent to ${n} million in {y}, according to {o}.",
            n % 40,
            d % 10
        ),
        3 => format!(
            "The {} government said on {} {d}, {y} that talks with {o} would resume.",
            r.pick(DEMONYM),
            r.pick(MONTH)
        ),
        4 => format!("{s2} and {g} {s} disagreed about the plan, which costs {n} billion euros."),
        5 => format!(
            "In the first three quarters of {y}, growth in {p} slowed, said {g} {s2}, an economist."
        ),
        6 => format!(
            "Analysts expect inflation of about {}% next year, while officials in {p} remain cautious.",
            n % 20
        ),
        7 => format!(
            "SPEAKER {}: Thank you. The floor goes to the minister from {p}.",
            s.to_uppercase()
        ),
        8 => format!(
            "Residents of {p} have waited since {y} for roads, schools and clean water to arrive."
        ),
        _ => format!(
            "Later, the delegation travelled from {p} to {} before returning home.",
            r.pick(PLACE)
        ),
    };
    out.push_str(&line);
    out.push(if r.next().is_multiple_of(5) {
        '\n'
    } else {
        ' '
    });
}

fn corpus(bytes: usize) -> Vec<String> {
    let mut r = Lcg(42);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut d = String::with_capacity(6000);
        while d.len() < 5000 {
            sentence(&mut r, &mut d);
        }
        total += d.len();
        docs.push(d);
    }
    docs
}

/// `n` documents of about `size` bytes, with curly quotes and em dashes as
/// in real news text.
fn small_docs(n: usize, size: usize) -> Vec<String> {
    let mut r = Lcg(7);
    (0..n)
        .map(|i| {
            let mut d = format!("Daily Paper\nWorld\n\nHeadline number {i}\n\nBy Jo Writer\n\n");
            while d.len() < size {
                sentence(&mut r, &mut d);
            }
            d.replace(" \"", " \u{201c}")
                .replace(",\"", ",\u{201d}")
                .replace(", which", " \u{2014} which")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus(20 << 20);
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|d| d.len()).sum();
    let words: usize = refs.iter().map(|d| word_count(d)).sum();
    println!(
        "corpus: {} documents, {bytes} bytes, {words} words",
        refs.len()
    );
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract_corpus_20MB", |b| {
        b.iter(|| extract_corpus(black_box(&refs)))
    });
    g.finish();

    let docs = small_docs(1000, 7000);
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|d| d.len()).sum();
    println!("corpus: {} documents, {bytes} bytes", refs.len());
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract_corpus_1000x7KB", |b| {
        b.iter(|| extract_corpus(black_box(&refs)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
