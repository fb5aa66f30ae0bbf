//! A real terminal for end-to-end tests: the plenary binary runs in a
//! pseudo-terminal, a background thread drains its output into a vt100
//! screen, and tests type keys and wait for text to appear.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(15);

pub struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// Annotations go here, never to the real user's data directory.
    pub data_dir: tempfile::TempDir,
}

impl Tui {
    /// Starts `plenary ARGS` in a `cols`×`rows` terminal.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Tui {
        Tui::spawn_env(args, &[], cols, rows)
    }

    /// Starts `plenary ARGS` with extra environment variables.
    pub fn spawn_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_plenary"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("PLENARY_DATA_DIR", data_dir.path());
        // Never the user's cache; a cache of the test's own.
        cmd.env("PLENARY_CACHE_DIR", data_dir.path().join("cache"));
        // Never the real user's config file.
        cmd.env("XDG_CONFIG_HOME", data_dir.path().join("config"));
        cmd.env_remove("PLENARY_CONFIG");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(cmd).expect("spawn plenary");
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        // Drain continuously so the program never blocks on a full pty.
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Tui {
            screen,
            raw,
            writer,
            child,
            master: pty.master,
            data_dir,
        }
    }

    /// Types keys (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until `text` is on screen; fails with the screen shown.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), &format!("{text:?} on screen"))
    }

    /// Waits until `text` is no longer on screen.
    /// Waits until the background analysis is done (the status bar's
    /// progress is gone), so keys that need turns or entities act.
    /// Waits until the background analysis is over: the status bar (the
    /// last row, drawn last, so a frame half parsed does not count) is on
    /// screen and has no progress mark.
    pub fn wait_ready(&self) -> String {
        let start = Instant::now();
        loop {
            let (s, status) = {
                let parser = self.screen.lock().unwrap();
                let screen = parser.screen();
                let (_, cols) = screen.size();
                let last = screen.rows(0, cols).last().unwrap_or_default();
                (screen.contents(), last)
            };
            if !status.trim().is_empty() && !s.contains("⟳") {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for the analysis to finish; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(|s| !s.contains(text), &format!("{text:?} gone"))
    }

    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Hold the screen while resizing, so that no output is parsed at
        // one size and drawn for the other.
        let mut screen = self.screen.lock().unwrap();
        screen.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Let the drain thread catch the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("plenary did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
