//! One frame of the reader for a short and a very long document: the cost
//! must not grow with the document (only visible rows are built; the wrap
//! is computed once per width and cached).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use plenary::app::{Action, AppState, Pane, Viewports, update};
use plenary::corpus::{Corpus, Document};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn doc(lines: usize) -> Document {
    let mut text = String::from("A long record of proceedings\n\n");
    for i in 0..lines {
        text.push_str(&format!(
            "Line {i} of the record, with a few words to wrap and read.\n"
        ));
    }
    Document::new("long.txt", text)
}

fn frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    g.sample_size(30);
    for lines in [100usize, 1_000_000] {
        let mut state = AppState::new(Corpus::new(vec![doc(lines)], vec![]));
        let mut vp = Viewports::default();
        let mut term = Terminal::new(TestBackend::new(160, 50)).expect("terminal");
        term.draw(|f| plenary::ui::render(f, &state, &mut vp))
            .expect("draw");
        // Read from the middle of the document.
        update(&mut state, &vp, Action::Focus(Pane::Reader));
        update(&mut state, &vp, Action::Down(lines / 2));
        g.bench_function(format!("{lines} lines"), |b| {
            b.iter(|| {
                term.draw(|f| plenary::ui::render(f, &state, &mut vp))
                    .expect("draw");
                black_box(term.backend().buffer().area);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
