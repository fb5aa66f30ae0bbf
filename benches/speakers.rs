//! Throughput of speaker-turn detection on generated ~100 MB inputs: a
//! transcript, a subtitle file (SRT with `>>` changes and `[Name]` tags)
//! and a document that is not a transcript (licence, packaging metadata,
//! change-log and log lines full of `Key: value` look-alikes).

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

/// Builds a deterministic SRT file of about `target` bytes.
fn subtitles(target: usize) -> String {
    const CUES: &[&str] = &[
        "&gt;&gt; Sam: Good morning, and welcome\nto the farm report.",
        "Today we're at the Ochoa &amp; Sons orchard.",
        "[Lupe] Thanks for coming out, Sam.",
        "- How did the frost treat you?\n- We lost about a fifth.",
        "[laughs]",
        "JANE DOE: The late varieties are fine.",
    ];
    let mut out = String::with_capacity(target + 4096);
    let mut n = 0usize;
    while out.len() < target {
        n += 1;
        let s = n % 60;
        let m = (n / 60) % 60;
        let h = n / 3600;
        out.push_str(&format!(
            "{n}\n{h:02}:{m:02}:{s:02},000 --> {h:02}:{m:02}:{s:02},900\n{}\n\n",
            CUES[n % CUES.len()]
        ));
    }
    out
}

/// Builds a deterministic non-transcript of about `target` bytes: licence
/// prose in capitals, Debian copyright and control fields, change-log
/// entries, log lines and Markdown call-outs.
fn not_transcript(target: usize) -> String {
    const BLOCKS: &[&str] = &[
        "Files: src/*\nCopyright: 2020 Ann Lee <ann@example.org>\nLicense: GPL-2+\n\n",
        "THE SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR\nOTHER LIABILITY.\n\n",
        "Package: quill\nVersion: 2.4.1-1\nMaintainer: Bo Ek <bo@example.net>\nDescription: plain-text note indexer\n\n",
        "2025-03-06 09:00:01 INFO  Server: starting on port 8080\nWorker 3: retrying (1/3)\n",
        "**Important:** Close the app before you copy the folder.\n\n**Tip:** Name the copy after the date.\n\n",
        "  * Fix: handle empty input files without crashing (Closes: #1034521)\n  * Windows: paths with spaces are handled.\n\n",
    ];
    let mut out = String::with_capacity(target + 4096);
    let mut i = 0;
    while out.len() < target {
        out.push_str(BLOCKS[i % BLOCKS.len()]);
        i += 1;
    }
    out
}

fn bench_detect(c: &mut Criterion) {
    let mut group = c.benchmark_group("speakers");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    for (name, text) in [
        ("detect_100mb", transcript(TARGET_BYTES)),
        ("subtitles_100mb", subtitles(TARGET_BYTES)),
        ("not_transcript_100mb", not_transcript(TARGET_BYTES)),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| detect(black_box(&text))));
    }
    group.finish();
}

criterion_group!(benches, bench_detect);
criterion_main!(benches);
