//! Keys and colours from a config file, with the real binary: in a
//! pseudo-terminal for the reader, and `plenary config` on the command line.

mod common;

use std::process::{Command, Output};

use common::Tui;

fn plenary(args: &[&str], home: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .env(
            "PLENARY_CACHE_DIR",
            std::env::temp_dir().join("plenary-test-cache"),
        )
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("PLENARY_CONFIG")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn config_default_prints_a_file_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = plenary(&["config", "--default"], dir.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for table in [
        "[keys.global]",
        "[keys.reader]",
        "[keys.visual]",
        "[keys.editor]",
        "[keys.help]",
    ] {
        assert!(text.contains(table), "{table}");
    }
    assert!(text.contains("theme = \"dark\""));
    let file = write(dir.path(), "copy.toml", &text);
    let out = plenary(&["config", "--check", &file], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok"));
}

#[test]
fn config_check_names_file_line_and_key_of_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "mine.toml",
        "theme = \"dark\"\n\n[keys.reader]\n\"x\" = \"next_turnn\"\n\"hyper-q\" = \"quit\"\n",
    );
    let out = plenary(&["config", "--check", &file], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mine.toml:4: [keys.reader] \"x\": unknown action \"next_turnn\""),
        "{err}"
    );
    assert!(
        err.contains("mine.toml:5: [keys.reader] \"hyper-q\": unknown key name"),
        "{err}"
    );
    let syntax = write(dir.path(), "broken.toml", "[keys.global\n");
    let out = plenary(&["config", "--check", &syntax], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.toml:1:"));
}

#[test]
fn a_remapped_key_works_and_the_help_and_hints_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "keys.toml",
        "[keys.global]\n\"?\" = \"none\"\n\"f1\" = \"none\"\n\"H\" = \"help\"\n\"ctrl-n\" = \"next_turn\"\n",
    );
    let mut t = Tui::spawn(&["--config", &file], 130, 35);
    t.wait_for("H help");
    t.send("?");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        !t.screen().contains("Everywhere (normal mode)"),
        "? still opens the help"
    );
    t.send("H");
    t.wait_for("Everywhere (normal mode)");
    t.wait_for("Ctrl-n");
    t.send("\x1b");
    t.wait_gone("Everywhere (normal mode)");
    // Ctrl-n: the next turn, as J does (once the transcript is analysed).
    t.wait_for("⇄ MODERATOR");
    t.send("\x0e");
    t.wait_for("▌Moderator (interpreted)");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_bad_config_is_said_and_the_defaults_are_used() {
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "config.toml",
        "[keys.global]\n\"q\" = \"quitt\"\n",
    );
    let mut t = Tui::spawn_env(&[], &[("PLENARY_CONFIG", &file)], 130, 35);
    t.wait_for("config.toml:2: [keys.global] \"q\": unknown action \"quitt\"");
    t.wait_for("default keys");
    t.send("?");
    t.wait_for("Everywhere (normal mode)");
    t.send("\x1b");
    t.wait_gone("Everywhere (normal mode)");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_config_with_a_syntax_error_is_said_and_the_reader_works() {
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "config.toml",
        "theme = \"light\"\n[keys.reader\n",
    );
    let mut t = Tui::spawn(&["--config", &file], 130, 35);
    t.wait_for("config.toml:2: syntax");
    t.send("?");
    t.wait_for("Everywhere (normal mode)");
    t.send("\x1b");
    t.wait_gone("Everywhere (normal mode)");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_users_config_file_is_found_in_the_config_directory() {
    let mut t = Tui::spawn(&[], 130, 35);
    drop(t);
    // The test harness points XDG_CONFIG_HOME at a temp dir: write there.
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("plenary");
    std::fs::create_dir_all(&dir).unwrap();
    write(
        &dir,
        "config.toml",
        "[keys.global]\n\"Q\" = \"quit\"\n\"q\" = \"none\"\n",
    );
    let home_s = home.path().to_string_lossy().into_owned();
    t = Tui::spawn_env(&[], &[("XDG_CONFIG_HOME", &home_s)], 130, 35);
    t.wait_for("Q quit");
    t.send("Q");
    assert_eq!(t.wait_exit(), 0);
}

/// Waits until the program has written `needle` to the terminal.
fn wait_raw(t: &Tui, needle: &str) {
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&t.raw()).contains(needle) {
        assert!(
            start.elapsed() < common::TIMEOUT,
            "{needle:?} never written"
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

#[test]
fn theme_colours_follow_the_terminal_and_no_color() {
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "theme.toml",
        "theme = \"high-contrast\"\n[colors]\nborder_focused = \"#ff8700\"\n",
    );
    // True colour: the colour as written.
    let mut t = Tui::spawn_env(&["--config", &file], &[("COLORTERM", "truecolor")], 130, 35);
    wait_raw(&t, "38;2;255;135;0");
    t.send("q");
    t.wait_exit();
    // 256 colours (TERM=xterm-256color): the nearest index, 208.
    let mut t = Tui::spawn_env(&["--config", &file], &[], 130, 35);
    wait_raw(&t, "38;5;208");
    assert!(!String::from_utf8_lossy(&t.raw()).contains("38;2;"));
    t.send("q");
    t.wait_exit();
    // 16 colours (TERM=xterm): only the standard colours' codes.
    let mut t = Tui::spawn_env(&["--config", &file], &[("TERM", "xterm")], 130, 35);
    t.wait_for("Documents (5)");
    t.wait_for("transcript · 4,250 words");
    t.send("q");
    t.wait_exit();
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    // crossterm writes even the 16 standard colours as `38;5;N`, N < 16.
    let indexed = regex::Regex::new(r"[34]8;5;(\d+)").unwrap();
    for c in indexed.captures_iter(&raw) {
        let n: u32 = c[1].parse().unwrap();
        assert!(n < 16, "colour {n} in a 16-colour terminal");
    }
    assert!(
        !raw.contains("38;2;") && !raw.contains("48;2;"),
        "true colour"
    );
    // The focused border's orange becomes a standard colour.
    assert!(indexed.captures_iter(&raw).count() > 0, "no colour at all");
    // NO_COLOR: no colour at all.
    let mut t = Tui::spawn_env(&["--config", &file], &[("NO_COLOR", "1")], 130, 35);
    t.wait_for("Documents (5)");
    t.send("q");
    t.wait_exit();
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        !raw.contains("38;5;") && !raw.contains("38;2;"),
        "colour under NO_COLOR"
    );
}
