//! Issue 13 defects seen on screen, drawn into ratatui's TestBackend.

use plenary::app::{Action, AppState, Pane, SidebarTab, Viewports, update};
use plenary::corpus;
use plenary::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(state: &AppState, vp: &mut Viewports, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(f, state, vp)).unwrap();
    t
}

fn bundled() -> (AppState, Viewports) {
    (AppState::new(corpus::bundled()), Viewports::default())
}

/// The screen as lines of text.
fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn open_tab(state: &mut AppState, vp: &Viewports, tab: SidebarTab) {
    update(state, vp, Action::Focus(Pane::Sidebar));
    for _ in 0..8 {
        if state.tab == tab {
            return;
        }
        update(state, vp, Action::NextTab);
    }
    panic!("no tab {tab:?}");
}

#[test]
fn talk_shares_add_up_to_a_hundred() {
    let (mut state, mut vp) = bundled();
    draw(&state, &mut vp, 200, 60);
    open_tab(&mut state, &vp, SidebarTab::Speakers);
    let screen = rows(&draw(&state, &mut vp, 200, 60));
    let re = regex::Regex::new(r"words · +(\d+)%").unwrap();
    let shares: Vec<usize> = screen
        .iter()
        .filter_map(|r| re.captures(r).map(|c| c[1].parse().unwrap()))
        .collect();
    assert!(shares.len() >= 3, "{screen:#?}");
    assert_eq!(shares.iter().sum::<usize>(), 100, "{shares:?}");
}
