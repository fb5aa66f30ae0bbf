//! Drawing the whole screen into ratatui's `TestBackend` and reading it
//! back as text, for the render tests (`mod screen;` in each).

#![allow(dead_code)]

use plenary::app::{AppState, Viewports};
use plenary::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The whole interface for `state`, drawn at `w`×`h`.
pub fn draw(state: &AppState, vp: &mut Viewports, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(f, state, vp)).unwrap();
    t
}

/// The screen's rows as text, one string per row.
pub fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}
