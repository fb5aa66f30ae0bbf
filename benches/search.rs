//! The corpus search over about 100 MB of text held in memory, as the
//! reader holds it: a literal word in smart case (lower case: any case), a
//! capitalised one (exact case), a regular expression, and a search scoped
//! to a few passages. `cargo bench --bench search` prints MB/s.
//!
//! `PLENARY_BENCH_CORPUS=DIR` searches the files of DIR instead (for
//! instance the output of `../shared/bench/gen_corpus.py`), so that the
//! figures can be set beside `rg` on the same files.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plenary::search::{Target, parse, search_all};

/// About `mb` MB of varied transcript and article text in documents of
/// about 10 KB, the word "sanctions" in one paragraph in forty.
fn generated(mb: usize) -> Vec<Arc<str>> {
    let labels = ["MODERATOR", "MINISTER DOE", "QUESTION", "SECRETARY ROE"];
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < mb * 1_000_000 {
        let mut text = String::with_capacity(11_000);
        while text.len() < 10_000 {
            i += 1;
            let topic = if i.is_multiple_of(40) {
                "sanctions"
            } else {
                "trade"
            };
            text.push_str(&format!(
                "{}: Thank you. On item {i} we discussed {topic}, energy and the border, and we agreed to meet again in {} to review progress on all of it — “quickly”.\n\n",
                labels[i % 4],
                2000 + i % 30
            ));
        }
        total += text.len();
        docs.push(Arc::from(text));
    }
    docs
}

fn from_dir(dir: &str) -> Vec<Arc<str>> {
    walk(std::path::Path::new(dir))
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(Arc::from)
        .collect()
}

fn walk(p: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(p) else {
        return vec![p.to_path_buf()];
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn search(c: &mut Criterion) {
    let texts = match std::env::var("PLENARY_BENCH_CORPUS") {
        Ok(dir) => from_dir(&dir),
        Err(_) => generated(100),
    };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let targets: Vec<Target> = texts
        .iter()
        .enumerate()
        .map(|(doc, text)| Target {
            doc,
            text: Arc::clone(text).into(),
            voices: Vec::new(),
            within: None,
        })
        .collect();
    // One passage in a hundred, as a speaker or entity scope leaves.
    let scoped: Vec<Target> = targets
        .iter()
        .map(|t| {
            let n = t.text.len();
            let mut within = Vec::new();
            let mut at = 0;
            while at + 200 < n {
                let start = (at..).find(|&b| t.text.is_char_boundary(b)).unwrap_or(n);
                let end = (start + 100..)
                    .find(|&b| t.text.is_char_boundary(b))
                    .unwrap_or(n);
                within.push(start..end);
                at += 10_000;
            }
            Target {
                within: Some(within),
                ..t.clone()
            }
        })
        .collect();
    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    for (name, query, targets) in [
        ("literal any case", "sanctions", &targets),
        ("literal exact case", "Sanctions", &targets),
        ("regex", r"re:sanction(s|ed)\b", &targets),
        ("scoped", "sanctions", &scoped),
    ] {
        let re = parse(query).unwrap().matcher().unwrap();
        let hits: usize = search_all(&re, targets).iter().map(Vec::len).sum();
        g.bench_function(
            format!("{name} ({} MB, {hits} hits)", bytes / 1_000_000),
            |b| b.iter(|| black_box(search_all(&re, targets))),
        );
    }
    // The regular expression alone, one thread, no lines or speakers:
    // what the search costs beyond it.
    let re = parse("sanctions").unwrap().matcher().unwrap();
    g.bench_function("regex alone, one thread", |b| {
        b.iter(|| texts.iter().map(|t| re.find_iter(t).count()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
