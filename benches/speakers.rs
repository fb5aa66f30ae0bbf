//! Throughput of speaker-turn detection on a generated ~100 MB transcript.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plenary::analysis::speakers::detect;

const TARGET_BYTES: usize = 100 * 1024 * 1024;

const LABELS: &[&str] = &[
    "SECRETARY ALDERTON: ",
    "MODERATOR: (Via interpreter) ",
    "QUESTION: ",
    "FOREIGN MINISTER KAPUSTINA: (In Russian) ",
    "MS. OKONKWO-BRANDT: ",
    "Q    ",
    "UNDER SECRETARY VELASCO: ",
];

const SENTENCES: &[&str] = &[
    "Thank you very much, and it is good to be back here with colleagues.",
    "My name is Dana Whitfield from The Morning Ledger, and I have a question about trade.",
    "We discussed energy, security, and the flow of goods across the region (Laughter.)",
    "The reason is simple: partnerships matter when times are hard.",
    "Priya, as you know, we have raised this directly with our counterparts.",
    "Washington, D.C. remains committed to the agreement signed at 2:09 p.m. last year.",
    "Let me add one thing: the numbers are up 37.2 percent compared to the previous year.",
    "Freedonia’s exporters — and their partners in the region — welcomed the decision.",
];

/// Builds a deterministic transcript of about `target` bytes.
fn transcript(target: usize) -> String {
    let mut out = String::with_capacity(target + 4096);
    out.push_str(
        "Ambrose K. Alderton, Secretary of State\nGeneva, Switzerland\nPalais des Nations\n",
    );
    out.push_str("Today Ambrose Alderton met Irina Kapustina and Lena Okonkwo-Brandt.\n");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    while out.len() < target {
        out.push_str(LABELS[next(LABELS.len())]);
        for paragraph in 0..=next(3) {
            if paragraph > 0 {
                out.push('\n');
            }
            for _ in 0..=next(5) {
                out.push_str(SENTENCES[next(SENTENCES.len())]);
                out.push(' ');
            }
        }
        out.push('\n');
    }
    out
}

fn bench_detect(c: &mut Criterion) {
    let text = transcript(TARGET_BYTES);
    let mut group = c.benchmark_group("speakers");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("detect_100mb", |b| b.iter(|| detect(black_box(&text))));
    group.finish();
}

criterion_group!(benches, bench_detect);
criterion_main!(benches);
