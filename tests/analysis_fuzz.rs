//! Analysis fuzzing: the bundled documents, mutated (pieces cut, doubled,
//! swapped, cut short; labels, quotation marks, CJK, emoji with joiners,
//! combining marks, controls, bidi controls, BOMs and CRLFs inserted), go
//! through every analyser and every JSON report. Nothing may panic, every
//! report is valid JSON, and every offset slices the text it points into.
//!
//! Work must grow linearly with the text: measured as allocations (a
//! deterministic step count, not a clock) for a document and for the same
//! document eight times over.
//!
//! `PROPTEST_CASES=2000 cargo test --release --test analysis_fuzz` is a
//! long run.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use plenary::analysis::{entities, quotes, speakers};
use plenary::corpus::{self, Corpus, Document};
use proptest::prelude::*;
use serde_json::Value;

/// Counts allocations made by this thread's work (the test harness runs
/// other tests on other threads, so the count is per thread).
struct Counting;

thread_local! {
    static ALLOCS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}
static TOTAL: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|a| a.set(a.get() + 1));
        TOTAL.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCS.try_with(|a| a.set(a.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCS.with(|a| a.get());
    f();
    ALLOCS.with(|a| a.get()) - before
}

/// What is put into a document.
const ATOMS: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\u{feff}",
    " ",
    "\t",
    ": ",
    "SECRETARY BLINKEN: ",
    "QUESTION: ",
    "MODERATOR: ",
    "FOREIGN MINISTER (via interpreter): ",
    "Q ",
    "(Laughter.)",
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "«",
    "»",
    "—",
    " said ",
    " told reporters",
    "Mr. ",
    "$1.5 billion",
    "45%",
    "March 3, 2023",
    "U.S.",
    "中文字",
    "👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "e\u{301}",
    "\u{202e}",
    "\u{2066}",
    "\u{200d}",
    "\u{1b}[2J",
    "\u{0}",
    "\u{9b}",
    "\u{fffd}",
];

#[derive(Clone, Debug)]
enum Mutation {
    Insert { at: usize, atom: usize },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
    Swap { a: usize, b: usize, len: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        4 => (at, 0..ATOMS.len()).prop_map(|(at, atom)| Mutation::Insert { at, atom }),
        2 => (at, 0usize..400).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (at, 0usize..400).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        1 => (at, any::<usize>(), 0usize..200)
            .prop_map(|(a, b, len)| Mutation::Swap { a, b, len }),
        1 => at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, m: &Mutation) {
    if text.is_empty() {
        text.push('x');
    }
    let n = text.len();
    let pos = |i: usize, t: &str| floor(t, i % (n + 1));
    match *m {
        Mutation::Insert { at, atom } => {
            let p = pos(at, text);
            text.insert_str(p, ATOMS[atom]);
        }
        Mutation::Delete { at, len } => {
            let p = pos(at, text);
            let e = floor(text, p + len);
            text.replace_range(p..e, "");
        }
        Mutation::Duplicate { at, len } => {
            let p = pos(at, text);
            let e = floor(text, p + len);
            let piece = text[p..e].to_string();
            text.insert_str(e, &piece);
        }
        Mutation::Swap { a, b, len } => {
            let (a, b) = (pos(a, text), pos(b, text));
            let (a, b) = (a.min(b), a.max(b));
            let ae = floor(text, (a + len).min(b));
            let be = floor(text, b + len);
            let (x, y) = (text[a..ae].to_string(), text[b..be].to_string());
            *text = format!("{}{y}{}{x}{}", &text[..a], &text[ae..b], &text[be..]);
        }
        Mutation::Truncate { at } => {
            let p = pos(at, text);
            text.truncate(p);
        }
    }
}

/// A JSON report survives printing and parsing.
fn round_trip(v: &Value) -> Result<Value, TestCaseError> {
    let s = serde_json::to_string_pretty(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    serde_json::from_str(&s).map_err(|e| TestCaseError::fail(e.to_string()))
}

/// Code-point offsets `start..end` of `text` are in it; its piece, if
/// the report gives it, is the text there.
fn check_chars(text: &str, item: &Value, what: &str) -> Result<(), TestCaseError> {
    let (Some(s), Some(e)) = (item["start"].as_u64(), item["end"].as_u64()) else {
        return Err(TestCaseError::fail(format!("{what}: no offsets in {item}")));
    };
    let (s, e) = (s as usize, e as usize);
    let n = text.chars().count();
    prop_assert!(s <= e && e <= n, "{}: {}..{} of {}", what, s, e, n);
    if let Some(piece) = item["text"].as_str() {
        let shown: String = text.chars().skip(s).take(e - s).collect();
        prop_assert_eq!(shown.as_str(), piece, "{} at {}..{}", what, s, e);
    }
    Ok(())
}

fn byte_range(text: &str, r: &std::ops::Range<usize>, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end),
        "{}: {:?} in {} bytes",
        what,
        r,
        text.len()
    );
    Ok(())
}

/// Every analyser and report over `docs`; all their offsets checked.
fn analyse(docs: Vec<(String, String)>) -> Result<(), TestCaseError> {
    let corpus = Corpus::new(
        docs.iter()
            .map(|(p, t)| Document::new(p.clone(), t.clone()))
            .collect(),
        vec![],
    );
    for d in &corpus.docs {
        let t = &d.text;
        for l in &d.structure.lines {
            byte_range(t, &l.range, "line")?;
        }
        for turn in &d.speakers.turns {
            byte_range(t, &turn.range, "turn")?;
            byte_range(t, &turn.label_range, "label")?;
            prop_assert!(turn.body_start <= turn.range.end && t.is_char_boundary(turn.body_start));
        }
        for m in &d.entities {
            byte_range(t, &m.range, "mention")?;
        }
        for (list, what) in [
            (&d.markup.dim, "markdown markup"),
            (&d.markup.bold, "markdown bold"),
            (&d.markup.italic, "markdown italic"),
        ] {
            for r in list {
                byte_range(t, r, what)?;
            }
            prop_assert!(
                list.windows(2).all(|w| w[0].end <= w[1].start),
                "{what} sorted"
            );
        }
        for q in &d.quotes {
            byte_range(t, &q.quote.range, "quote")?;
            if let Some(s) = &q.source {
                byte_range(&corpus.docs[s.doc].text, &s.range, "source")?;
            }
        }
        let sp = round_trip(&speakers::doc_json(&d.path, t, &d.speakers))?;
        for turn in sp["turns"].as_array().into_iter().flatten() {
            check_chars(t, turn, "speakers --json turn")?;
        }
        let en = round_trip(&entities::doc_json(&d.path, t, &d.entities))?;
        for m in en["mentions"].as_array().into_iter().flatten() {
            check_chars(t, m, "entities --json mention")?;
        }
    }
    let docs: Vec<(&str, &str, bool)> = corpus
        .docs
        .iter()
        .map(|d| (d.path.as_str(), &*d.text, d.speakers.is_transcript))
        .collect();
    let qs: Vec<_> = corpus.docs.iter().map(|d| d.quotes.clone()).collect();
    let report = round_trip(&quotes::report_json(&docs, &qs))?;
    for article in report.as_array().into_iter().flatten() {
        let path = article["path"].as_str().unwrap_or_default();
        let text = docs.iter().find(|d| d.0 == path).map_or("", |d| d.1);
        for q in article["quotes"].as_array().into_iter().flatten() {
            check_chars(text, q, "quotes --json quote")?;
            if q["source"].is_object() {
                let sp = q["source"]["path"].as_str().unwrap_or_default();
                let st = docs.iter().find(|d| d.0 == sp).map_or("", |d| d.1);
                check_chars(st, &q["source"], "quotes --json source")?;
            }
        }
    }
    Ok(())
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn bundled() -> Vec<(String, String)> {
    corpus::bundled_texts()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// One mutated document beside the untouched transcript (so that
    /// quotations can find sources).
    #[test]
    fn mutated_documents_analyse_with_exact_offsets(
        which in 0usize..5,
        muts in prop::collection::vec(mutation(), 1..40),
    ) {
        let all = bundled();
        let (path, mut text) = all[which % all.len()].clone();
        for m in &muts {
            apply(&mut text, m);
        }
        let transcript = all
            .iter()
            .find(|(p, _)| p.contains("transcript"))
            .cloned()
            .expect("a bundled transcript");
        // Two paths, even when the transcript itself was mutated: reports
        // name documents by path.
        // Every other one read as Markdown too.
        let md = if which % 2 == 1 { ".md" } else { "" };
        analyse(vec![(format!("mutated/{path}{md}"), text), transcript])?;
    }

    /// Work grows linearly: eight copies of a mutated document cost at
    /// most sixteen times one copy (a quadratic pass would cost 64).
    #[test]
    fn work_grows_linearly_with_the_text(
        which in 0usize..5,
        muts in prop::collection::vec(mutation(), 0..10),
    ) {
        let all = bundled();
        let (_, mut text) = all[which % all.len()].clone();
        for m in &muts {
            apply(&mut text, m);
        }
        // A piece of the document, so one copy is small and eight are not huge.
        let piece = text[..floor(&text, 6000)].to_string();
        let cost = |copies: usize| {
            let t = vec![piece.as_str(); copies].join("\n\n");
            allocations_of(|| {
                // As Markdown: its markup is found as well.
                let _ = Corpus::new(vec![Document::new("a.md", t)], vec![]);
            })
        };
        let (one, eight) = (cost(1), cost(8));
        prop_assert!(
            eight <= 16 * one + 2_000,
            "1 copy: {} allocations, 8 copies: {}",
            one,
            eight
        );
    }
}

/// Byte soup: any bytes decoded as the loader would, through everything.
#[test]
fn arbitrary_text_never_panics() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = prop::collection::vec(
        prop_oneof![
            4 => any::<char>().prop_map(String::from),
            4 => prop::sample::select(ATOMS).prop_map(str::to_string),
            2 => "[A-Z]{2,12}: ".prop_map(String::from),
            2 => "[a-z]{1,9} ".prop_map(String::from),
        ],
        0..300,
    )
    .prop_map(|v| v.concat());
    runner
        .run(&strategy, |text| analyse(vec![("soup.txt".into(), text)]))
        .unwrap();
}

/// The real command line on mutated documents: every command succeeds,
/// `--json` is valid JSON, and plain text holds no control or bidi
/// character a terminal would obey.
#[test]
fn command_line_output_of_mutated_documents() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        // Eight runs of the binary a case: one case in `cargo test`.
        cases: cases(24).div_ceil(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = (0usize..5, prop::collection::vec(mutation(), 1..40));
    runner
        .run(&strategy, |(which, muts)| {
            let all = bundled();
            let (path, mut text) = all[which % all.len()].clone();
            for m in &muts {
                apply(&mut text, m);
            }
            let dir = tempfile::tempdir().unwrap();
            let name = path.rsplit('/').next().unwrap_or("doc.txt");
            std::fs::write(dir.path().join(name), &text).unwrap();
            for cmd in ["list", "speakers", "entities", "quotes"] {
                for json in [false, true] {
                    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"));
                    c.arg(cmd)
                        .arg(dir.path())
                        .env("PLENARY_DATA_DIR", dir.path());
                    if json {
                        c.arg("--json");
                    }
                    let out = c.output().unwrap();
                    let stdout = String::from_utf8(out.stdout).unwrap();
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    if stderr.contains("binary file, skipped") {
                        // A NUL inserted near the start: refused, as said.
                        prop_assert_eq!(out.status.code(), Some(2));
                        return Ok(());
                    }
                    prop_assert!(out.status.success(), "{} failed: {}", cmd, stderr);
                    if json {
                        let v: Result<Value, _> = serde_json::from_str(&stdout);
                        prop_assert!(v.is_ok(), "{} --json is not JSON", cmd);
                    } else {
                        let bad = stdout.chars().find(|&c| {
                            (c.is_control() && c != '\n')
                                || plenary::sanitize::is_bidi_control(c)
                                || c == '\u{200d}'
                        });
                        prop_assert!(bad.is_none(), "{} printed {:?}", cmd, bad);
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
