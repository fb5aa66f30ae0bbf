//! Loading a large generated corpus: reading, structure, speakers, entities,
//! quotations and their sources (everything `Corpus::new` does).
//! `cargo bench --bench load` prints the throughput in MB/s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plenary::corpus::load_paths;

/// Writes `n` varied documents (articles with mastheads, captions and
/// comments; transcripts with labelled turns) into a temp folder.
fn corpus(n: usize) -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut total = 0u64;
    for i in 0..n {
        let mut text = String::new();
        if i % 3 == 0 {
            text.push_str(&format!(
                "Speaker {i}, Minister of Things\nCity {i}, Country\n"
            ));
            for t in 0..60 {
                let label = ["MODERATOR", "MINISTER DOE", "QUESTION", "SECRETARY ROE"][t % 4];
                text.push_str(&format!(
                    "{label}: Thank you. On item {t} we discussed trade, energy and the border, and we agreed to meet again in {} to review progress on all of it.\n",
                    2000 + t
                ));
            }
        } else {
            text.push_str(&format!(
                "Daily Paper\nWorld\n\nHeadline number {i} about a summit\n\nBy Jo Writer\n\n"
            ));
            text.push_str("Leaders meet in the capital on Monday. [Photo/Agency]\n\nLeaders meet in the capital on Monday. [Photo/Agency]\n\n");
            for p in 0..40 {
                text.push_str(&format!(
                    "Paragraph {p}: the minister said on Feb. 28, 2023, that “talks went well,” and officials added that $25 million would follow — about 37.2 percent more.\n\n"
                ));
            }
            text.push_str("Do you like this article?\n\n2 Comment(s)\n\nGreat.\n\nReply\n");
        }
        total += text.len() as u64;
        std::fs::write(dir.path().join(format!("doc{i:05}.txt")), text).expect("write");
    }
    (dir, total)
}

fn load(c: &mut Criterion) {
    let (dir, bytes) = corpus(1000);
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function(format!("load+analysis {} MB", bytes / 1_000_000), |b| {
        b.iter(|| black_box(load_paths(&[dir.path().to_path_buf()])))
    });
    g.finish();
}

/// The parts of loading, on the same corpus joined into one text.
fn parts(c: &mut Criterion) {
    let (dir, bytes) = corpus(600);
    let texts: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read"))
        .collect();
    let text = texts.concat();
    let mut g = c.benchmark_group("parts");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("structure", |b| {
        b.iter(|| black_box(plenary::corpus::structure::detect(&text)))
    });
    g.bench_function("speakers", |b| {
        b.iter(|| black_box(plenary::analysis::speakers::detect(&text)))
    });
    g.bench_function("markdown markup", |b| {
        b.iter(|| black_box(plenary::corpus::markdown::markup(&text)))
    });
    g.bench_function("gunzip", |b| {
        use std::io::{Read, Write};
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(text.as_bytes()).expect("compress");
        let gz = e.finish().expect("compress");
        b.iter(|| {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&gz[..])
                .read_to_end(&mut out)
                .expect("gunzip");
            black_box(out)
        })
    });
    g.bench_function("words", |b| {
        b.iter(|| black_box(plenary::text::word_count(&text)))
    });
    g.bench_function("speakers, one by one", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(plenary::analysis::speakers::detect(t));
            }
        })
    });
    g.bench_function("structure, one by one", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(plenary::corpus::structure::detect(t));
            }
        })
    });
    g.bench_function("documents, one by one", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(plenary::corpus::Document::new("d.txt", t.clone()));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, load, parts);
criterion_main!(benches);
