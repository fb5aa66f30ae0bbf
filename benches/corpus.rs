//! Per-MB time as a corpus grows, which must stay flat:
//!
//! * `corpus folder`: everything `plenary quotes` does (walk, read, each
//!   document's own analysis on every core, the corpus step: names,
//!   entity groups, quotation sources) on generated folders of 10, 100 and
//!   1,000 files of about 10 KB (30 % transcripts, 70 % articles quoting
//!   them); 10,000 files (100 MB) with `PLENARY_BENCH_10K=1`.
//! * `one document`: speaker turns and entities of one transcript of 1, 10
//!   and 100 MB.
//!
//! Criterion reports MB/s (throughput in bytes) for each size; compare them
//! across sizes. `cargo bench --bench corpus`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use plenary::corpus::{Corpus, Source, Work};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "zan", "ti", "le", "ber", "di", "mo", "ra", "sun", "vel", "or", "pa", "te", "rin", "us",
    "an", "go", "mi",
];
const COMMON: &[&str] = &[
    "the", "and", "we", "will", "to", "of", "in", "that", "is", "our", "with", "for", "this",
    "have", "on", "are", "it", "as", "not", "be",
];
const SPEAKERS: &[(&str, &str)] = &[
    ("SECRETARY KOWALSKA", "Anna Kowalska"),
    ("MINISTER BERG", "Jonas Berg"),
    ("MR. SAIDOV", "Karim Saidov"),
    ("MS. COSTA", "Maria Costa"),
    ("MODERATOR", "Moderator"),
    ("QUESTION", "Question"),
];

/// A vocabulary of invented words, with common English words mixed in the
/// way speech mixes them.
struct Words {
    vocab: Vec<String>,
}

impl Words {
    fn new(rng: &mut Rng) -> Words {
        let vocab = (0..30_000)
            .map(|_| {
                (0..2 + rng.below(3))
                    .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                    .collect()
            })
            .collect();
        Words { vocab }
    }

    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let n = 8 + rng.below(18);
        for k in 0..n {
            let w = if rng.below(3) == 0 {
                COMMON[rng.below(COMMON.len())].to_string()
            } else {
                // Skewed: some words are far more common than others.
                let r = rng.below(self.vocab.len()) + 1;
                let i = (self.vocab.len() as f64).powf(r as f64 / self.vocab.len() as f64) as usize;
                self.vocab[i.min(self.vocab.len() - 1)].clone()
            };
            if k == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(&w);
            }
        }
        out.push('.');
    }
}

/// About `size` bytes of a transcript: a heading, then labelled turns.
fn transcript(rng: &mut Rng, words: &Words, i: usize, size: usize) -> String {
    let mut text = format!(
        "Press Availability in Veldoran {i}\n\nMarch {}, 2025\n\n",
        1 + i % 28
    );
    while text.len() < size {
        let (label, _) = SPEAKERS[rng.below(SPEAKERS.len())];
        text.push_str(label);
        text.push_str(": ");
        for s in 0..1 + rng.below(5) {
            if s > 0 {
                text.push(' ');
            }
            words.sentence(rng, &mut text);
        }
        text.push_str("\n\n");
    }
    text
}

/// About `size` bytes of an article quoting `source` (a transcript),
/// verbatim, altered, or from nowhere.
fn article(rng: &mut Rng, words: &Words, i: usize, size: usize, source: Option<&str>) -> String {
    let mut text = format!("Talks in Veldoran end without a deal {i}\n\nBy Jo Writer\n\n");
    while text.len() < size {
        words.sentence(rng, &mut text);
        text.push(' ');
        words.sentence(rng, &mut text);
        text.push_str("\n\n");
        let spoken: Vec<&str> = source
            .into_iter()
            .flat_map(|s| s.lines())
            .filter_map(|l| l.split_once(": ").map(|(_, said)| said))
            .collect();
        let (_, name) = SPEAKERS[rng.below(4)];
        let quote = match rng.below(3) {
            0 if !spoken.is_empty() => {
                let turn: Vec<&str> = spoken[rng.below(spoken.len())].split(' ').collect();
                let from = rng.below(turn.len().saturating_sub(12));
                turn[from..(from + 12).min(turn.len())].join(" ")
            }
            1 if !spoken.is_empty() => {
                let turn: Vec<&str> = spoken[rng.below(spoken.len())].split(' ').collect();
                let from = rng.below(turn.len().saturating_sub(14));
                let mut q: Vec<&str> = turn[from..(from + 14).min(turn.len())].to_vec();
                if q.len() > 6 {
                    q.remove(5);
                }
                q.join(" ")
            }
            _ => {
                let mut q = String::new();
                words.sentence(rng, &mut q);
                q
            }
        };
        let quote = quote.trim_end_matches('.');
        text.push_str(&format!("“{quote},” {name} said on Monday.\n\n"));
    }
    text
}

/// A folder of `files` documents of about 10 KB (3 to 30 KB), 30 %
/// transcripts; returns its total size in bytes.
fn folder(dir: &Path, files: usize) -> u64 {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ files as u64);
    let words = Words::new(&mut rng);
    let mut transcripts: Vec<String> = Vec::new();
    let mut total = 0u64;
    for i in 0..files {
        let size = 3_000 + rng.below(9_000) + rng.below(9_000) + rng.below(9_000);
        let text = if i % 10 < 3 {
            let t = transcript(&mut rng, &words, i, size);
            transcripts.push(t.clone());
            t
        } else {
            let source = (!transcripts.is_empty())
                .then(|| transcripts[rng.below(transcripts.len())].as_str());
            article(&mut rng, &words, i, size, source)
        };
        total += text.len() as u64;
        std::fs::write(dir.join(format!("{i:05}.txt")), text).expect("write a document");
    }
    total
}

fn corpus_folder(c: &mut Criterion) {
    let mut sizes = vec![10, 100, 1_000];
    if std::env::var_os("PLENARY_BENCH_10K").is_some() {
        sizes.push(10_000);
    }
    let mut g = c.benchmark_group("corpus folder");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    for files in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = folder(dir.path(), files);
        g.throughput(Throughput::Bytes(bytes));
        g.bench_with_input(BenchmarkId::new("everything", files), &files, |b, _| {
            b.iter(|| {
                let corpus = Corpus::load(Source::Paths(vec![dir.path().to_path_buf()]), Work::ALL);
                black_box(corpus.docs.len())
            })
        });
    }
    g.finish();
}

fn one_document(c: &mut Criterion) {
    let mut g = c.benchmark_group("one document");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words = Words::new(&mut rng);
    for mb in [1, 10, 100] {
        let text = transcript(&mut rng, &words, 0, mb * 1024 * 1024);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("speakers", mb), &text, |b, t| {
            b.iter(|| black_box(plenary::analysis::speakers::detect(t).turns.len()))
        });
        g.bench_with_input(BenchmarkId::new("entities", mb), &text, |b, t| {
            b.iter(|| black_box(plenary::analysis::entities::analyse_document(t)))
        });
    }
    g.finish();
}

criterion_group!(benches, corpus_folder, one_document);
criterion_main!(benches);
