//! The reader in a real terminal, tmux: text whose width terminals dispute
//! (joiners, variation selectors, skin tones, soft hyphens, flags, CJK,
//! bidi controls) must leave every row exactly as wide as the screen, with
//! the pane borders where they belong, also after a partial redraw.
//! Skipped (with a message) where tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const COLS: u16 = 120;
const ROWS: u16 = 30;

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn capture(&self) -> Vec<String> {
        // -N keeps trailing spaces, so every row shows all its cells.
        self.cmd(&["capture-pane", "-p", "-N", "-t", "t"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn wait_for(&self, text: &str) -> Vec<String> {
        let start = Instant::now();
        loop {
            let rows = self.capture();
            if rows.iter().any(|r| r.contains(text)) {
                // Let the frame finish.
                std::thread::sleep(Duration::from_millis(300));
                return self.capture();
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{text:?} never appeared:\n{}",
                rows.join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn start(file: &Path, data: &Path) -> Tmux {
    let socket = format!("plenary-test-{}", std::process::id());
    let t = Tmux { socket };
    let cmd = format!(
        "PLENARY_DATA_DIR='{}' LANG=C.UTF-8 TERM=tmux-256color '{}' '{}'",
        data.display(),
        env!("CARGO_BIN_EXE_plenary"),
        file.display()
    );
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        &COLS.to_string(),
        "-y",
        &ROWS.to_string(),
        &cmd,
    ]);
    t
}

/// Pane borders, and the reader's scrollbar (track and thumb) over its own.
const BORDERS: [char; 4] = ['│', '┃', '║', '█'];

/// Every middle row of the three panes: a border first and last, six in
/// all, and nothing after the last.
fn assert_aligned(rows: &[String]) {
    let screen = rows.join("\n");
    for (y, row) in rows.iter().enumerate().take(ROWS as usize - 2).skip(1) {
        let borders = row.chars().filter(|c| BORDERS.contains(c)).count();
        assert!(
            row.starts_with(BORDERS) && row.ends_with(BORDERS) && borders == 6,
            "row {y} is misaligned ({borders} borders): {row:?}\n{screen}"
        );
    }
}

#[test]
fn disputed_widths_leave_every_row_the_width_of_the_screen() {
    if !tmux_available() {
        eprintln!("tmux is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // A joiner in the title: it is drawn in the list, the reader's border
    // and the outline, each followed by a cursor move.
    let mut text = String::from("Some\u{200d} text here.\n\n");
    for i in 0..12 {
        text.push_str(&format!(
            "Some\u{200d} text here. Family \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} \
             and \u{2764}\u{fe0f} and \u{1f44d}\u{1f3fd} row {i}.\n\
             Flags \u{1f1eb}\u{1f1f7}, keycap 1\u{fe0f}\u{20e3}, co\u{ad}operate, e\u{301}te\u{301}, \
             中文字 and \u{202e}evil\u{202c} end, \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}.\n\n"
        ));
    }
    let file = dir.path().join("widths.txt");
    std::fs::write(&file, text).unwrap();
    let t = start(&file, data.path());
    let rows = t.wait_for("Outline");
    assert_aligned(&rows);
    // Focus moves: only the borders are redrawn, after cursor moves.
    for _ in 0..3 {
        t.cmd(&["send-keys", "-t", "t", "Tab"]);
        std::thread::sleep(Duration::from_millis(300));
        assert_aligned(&t.capture());
    }
    t.cmd(&["send-keys", "-t", "t", "2", "j", "j", "j"]);
    let rows = t.wait_for("row 1.");
    assert!(rows[1].contains("Outline"), "{}", rows.join("\n"));
    assert_aligned(&rows);
    let all = rows.join("\n");
    assert!(all.contains("Some text here."), "{all}");
    assert!(!all.contains('\u{202e}') && !all.contains('\u{200d}'));
    t.cmd(&["send-keys", "-t", "t", "q"]);
}
