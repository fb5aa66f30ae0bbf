//! Provenance lookup on a generated corpus of 2,000 transcripts: the time
//! to find (or rule out) the source of one quotation; quotation detection
//! and attribution on one long article written as a single line; the whole
//! quotation analysis (`analyse_corpus`) on corpora of 1, 4 and 16 MB, in
//! MB/s, which must stay flat as the corpus grows; and one file of 4,000,
//! 8,000 and 20,000 short `“Quote,” he said.` paragraphs (quadratic before:
//! 2.6 s, 8.9 s, 47 s), in quotations per second.

use std::hint::black_box;
use std::time::Instant;

use criterion::BenchmarkId;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plenary::analysis::quotes::{
    FindHints, ProvenanceIndex, TranscriptTurn, analyse_corpus, detect,
};

const TRANSCRIPTS: usize = 2_000;
const WORDS_PER_TRANSCRIPT: usize = 1_500;
const WORDS_PER_TURN: usize = 120;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A vocabulary with a skewed (roughly Zipfian) draw, so that common
/// 3-grams repeat across transcripts as in real speech.
fn word(rng: &mut Rng, vocab: &[String]) -> String {
    let r = rng.below(vocab.len()) + 1;
    let skewed = (vocab.len() as f64).powf(r as f64 / vocab.len() as f64) as usize - 1;
    vocab[skewed.min(vocab.len() - 1)].clone()
}

fn corpus() -> (Vec<(String, Vec<TranscriptTurn>)>, Vec<String>) {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let syll = [
        "ka", "zan", "ti", "le", "ber", "di", "mo", "ra", "sun", "vel", "or", "pa", "te", "rin",
        "us",
    ];
    let vocab: Vec<String> = (0..20_000)
        .map(|_| {
            (0..1 + rng.below(3))
                .map(|_| syll[rng.below(syll.len())])
                .collect()
        })
        .collect();
    let speakers = [
        "Anna Kowalska",
        "Jonas Berg",
        "Karim Saidov",
        "Maria Costa",
        "Moderator",
    ];
    let mut docs = Vec::with_capacity(TRANSCRIPTS);
    for _ in 0..TRANSCRIPTS {
        let mut text = String::new();
        let mut turns = Vec::new();
        let mut left = WORDS_PER_TRANSCRIPT;
        while left > 0 {
            let speaker = speakers[rng.below(speakers.len())];
            text.push_str(&speaker.to_uppercase());
            text.push_str(": ");
            let start = text.len();
            for k in 0..WORDS_PER_TURN.min(left) {
                if k > 0 {
                    text.push_str(if rng.below(12) == 0 { ". " } else { " " });
                }
                text.push_str(&word(&mut rng, &vocab));
            }
            text.push_str(".\n");
            turns.push(TranscriptTurn {
                range: start..text.len() - 1,
                speaker: speaker.into(),
            });
            left -= WORDS_PER_TURN.min(left);
        }
        docs.push((text, turns));
    }
    // Quotations: passages of 8–40 words, half altered (a word dropped and
    // one bracketed), plus quotations found nowhere.
    let mut quotes = Vec::new();
    for i in 0..300 {
        if i % 5 == 4 {
            quotes.push(
                (0..20)
                    .map(|_| word(&mut rng, &vocab))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            continue;
        }
        let (text, turns) = &docs[rng.below(docs.len())];
        let t = &turns[rng.below(turns.len())];
        let words: Vec<&str> = text[t.range.clone()].split_whitespace().collect();
        let len = 8 + rng.below(33).min(words.len().saturating_sub(9));
        let from = rng.below(words.len() - len);
        let mut w: Vec<String> = words[from..from + len]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if i % 2 == 1 {
            w.remove(len / 2);
            w[1] = format!("[{}]", w[1]);
        }
        quotes.push(w.join(" "));
    }
    (docs, quotes)
}

fn bench(c: &mut Criterion) {
    let (docs, quotes) = corpus();
    let input: Vec<(&str, Vec<TranscriptTurn>)> = docs
        .iter()
        .map(|(t, ts)| (t.as_str(), ts.clone()))
        .collect();
    let t0 = Instant::now();
    let index = ProvenanceIndex::build(&input);
    eprintln!(
        "index of {} transcripts built in {:.2?}",
        index.len(),
        t0.elapsed()
    );
    let found = quotes.iter().filter(|q| index.find(q).is_some()).count();
    eprintln!("{found} of {} quotations found", quotes.len());
    let mut i = 0;
    c.bench_function("provenance find (one quotation, 2,000 transcripts)", |b| {
        b.iter(|| {
            i = (i + 1) % quotes.len();
            let hints = FindHints {
                speaker: None,
                context: "",
                evidence: None,
            };
            black_box(index.find_with(black_box(&quotes[i]), &hints))
        })
    });
}

/// Bytes of the long article: time must grow linearly with it, so a
/// regression to quadratic work shows as a drop in MB/s.
const LONG_ARTICLE_BYTES: usize = 4_000_000;

fn bench_long_article(c: &mut Criterion) {
    let sentence = "The Minister of Trade Ana Lima said on Monday that exports to Brazil rose 12 \
                    percent, \"a record\", and Reuters reported $5 million more. ";
    let mut text = String::from("Title\n\n");
    while text.len() < LONG_ARTICLE_BYTES {
        text.push_str(sentence);
    }
    text.push('\n');
    let known = ["Ana Lima".to_string()];
    let mut group = c.benchmark_group("quotes detect");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("one 4 MB article on a single line", |b| {
        b.iter(|| black_box(detect(black_box(&text), &known)))
    });
    group.finish();
}

/// A corpus of about `bytes` bytes: transcripts of five speakers and, for
/// every two transcripts, three articles quoting them (a passage verbatim,
/// one altered, one from nowhere, a programme title) among reporting prose.
fn mixed_corpus(bytes: usize) -> (Vec<String>, Vec<bool>, Vec<Vec<TranscriptTurn>>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let syll = [
        "ka", "zan", "ti", "le", "ber", "di", "mo", "ra", "sun", "vel", "or", "pa", "te", "rin",
        "us",
    ];
    let vocab: Vec<String> = (0..20_000)
        .map(|_| {
            (0..1 + rng.below(3))
                .map(|_| syll[rng.below(syll.len())])
                .collect()
        })
        .collect();
    let speakers = ["Anna Kowalska", "Jonas Berg", "Karim Saidov", "Maria Costa"];
    let (mut texts, mut kinds, mut turns) = (Vec::new(), Vec::new(), Vec::new());
    let mut total = 0;
    while total < bytes {
        let mut pair = Vec::new();
        for _ in 0..2 {
            let mut text = String::from("Press conference\n\n");
            let mut ts = Vec::new();
            for _ in 0..12 {
                let speaker = speakers[rng.below(speakers.len())];
                text.push_str(&speaker.to_uppercase());
                text.push_str(": ");
                let start = text.len();
                for k in 0..120 {
                    if k > 0 {
                        text.push_str(if rng.below(12) == 0 { ". " } else { " " });
                    }
                    text.push_str(&word(&mut rng, &vocab));
                }
                text.push_str(".\n\n");
                ts.push(TranscriptTurn {
                    range: start..text.len() - 2,
                    speaker: speaker.into(),
                });
            }
            total += text.len();
            pair.push((text, ts));
        }
        for _ in 0..3 {
            let mut text = String::from("Officials meet in the capital\n\n");
            for _ in 0..6 {
                let (src, ts) = &pair[rng.below(2)];
                let t = &ts[rng.below(ts.len())];
                let words: Vec<&str> = src[t.range.clone()].split_whitespace().collect();
                let from = rng.below(words.len() - 20);
                let mut quote: Vec<String> = words[from..from + 12 + rng.below(8)]
                    .iter()
                    .map(|w| w.trim_end_matches('.').to_string())
                    .collect();
                if rng.below(2) == 0 {
                    quote.remove(3);
                }
                let filler: Vec<String> = (0..40).map(|_| word(&mut rng, &vocab)).collect();
                text.push_str(&format!(
                    "The talks went on. {}.\n\n“{},” {} said on Monday. “{}.”\n\n\
                     She appeared on “Morning Edition” later.\n\n",
                    filler.join(" "),
                    quote.join(" "),
                    t.speaker,
                    filler[..10].join(" "),
                ));
            }
            total += text.len();
            texts.push(text);
            kinds.push(false);
            turns.push(Vec::new());
        }
        for (text, ts) in pair {
            texts.push(text);
            kinds.push(true);
            turns.push(ts);
        }
    }
    (texts, kinds, turns)
}

fn bench_corpus_sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("quotes analyse_corpus");
    group.sample_size(10);
    for mb in [1usize, 4, 16] {
        let (texts, kinds, turns) = mixed_corpus(mb << 20);
        let input: Vec<(&str, bool)> = texts.iter().map(String::as_str).zip(kinds).collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("MB", mb), &input, |b, input| {
            b.iter(|| black_box(analyse_corpus(input, &turns, &[])))
        });
    }
    group.finish();
}

fn bench_many_short_quotes(c: &mut Criterion) {
    let mut group = c.benchmark_group("quotes short paragraphs");
    group.sample_size(10);
    for n in [4_000usize, 8_000, 20_000] {
        let mut text = String::from("Many quotations\n\n");
        for i in 0..n {
            text.push_str(&format!("“Quote number {i}” he said.\n\n"));
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("quotations", n), &text, |b, text| {
            b.iter(|| black_box(analyse_corpus(&[(text.as_str(), false)], &[], &[])))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_group! {
    name = long_article;
    config = Criterion::default().measurement_time(std::time::Duration::from_secs(6));
    targets = bench_long_article
}
criterion_group! {
    name = scaling;
    config = Criterion::default().measurement_time(std::time::Duration::from_secs(5));
    targets = bench_corpus_sizes, bench_many_short_quotes
}
criterion_main!(benches, long_article, scaling);
