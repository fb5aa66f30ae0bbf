use super::*;
use crate::app::Action;
use crate::app::keymap::{Chord, Scope};
use ratatui::style::Color;

fn parse_err(text: &str) -> Vec<ConfigError> {
    Config::parse(text, "my.toml").expect_err("a problem")
}

#[test]
fn the_defaults_parse_and_an_empty_file_is_the_defaults() {
    let c = Config::parse("", "my.toml").unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(
        Config::parse(default_text(), "d").unwrap(),
        Config::default()
    );
}

#[test]
fn a_remapped_key_replaces_that_binding_only() {
    let c = Config::parse(
        "[keys.global]\n\"x\" = \"next_turn\"\n\"J\" = \"none\"\n",
        "my.toml",
    )
    .unwrap();
    let g = c.keymap.bindings(Scope::Global);
    assert!(g.contains(&(vec![Chord::key('x')], Action::NextTurn)));
    assert!(!g.iter().any(|(k, _)| *k == vec![Chord::key('J')]));
    // The other keys of the action stay.
    assert!(g.contains(&(vec![Chord::key('}')], Action::NextTurn)));
}

#[test]
fn a_syntax_error_names_the_file_and_line() {
    let e = parse_err("theme = \"dark\"\n[keys.reader\n\"x\" = \"quit\"\n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 2, "{}", e[0]);
    assert!(e[0].to_string().starts_with("my.toml:2:"), "{}", e[0]);
}

#[test]
fn an_unknown_action_names_the_line_and_the_key() {
    let e = parse_err("# keys\n\n[keys.reader]\n\"x\" = \"nxt_turn\"\n");
    assert_eq!(e.len(), 1);
    let msg = e[0].to_string();
    assert_eq!(e[0].line, 4, "{msg}");
    assert!(msg.contains("[keys.reader] \"x\""), "{msg}");
    assert!(msg.contains("unknown action \"nxt_turn\""), "{msg}");
}

#[test]
fn an_unknown_key_name_a_mode_and_a_setting_are_reported() {
    let e = parse_err("[keys.reader]\n\"ctrl-shrug\" = \"quit\"\n");
    assert!(
        e[0].to_string().contains("unknown key name \"ctrl-shrug\""),
        "{}",
        e[0]
    );
    assert_eq!(e[0].line, 2);
    let e = parse_err("[keys.sidebarr]\n\"x\" = \"quit\"\n");
    assert!(e[0].to_string().contains("keys.sidebarr"), "{}", e[0]);
    let e = parse_err("colour = \"red\"\n");
    assert!(e[0].to_string().contains("colour"), "{}", e[0]);
    let e = parse_err("theme = \"sepia\"\n");
    assert!(
        e[0].to_string().contains("dark, light, high-contrast"),
        "{}",
        e[0]
    );
}

#[test]
fn one_key_spelt_two_ways_in_one_table_is_bound_twice() {
    let e = parse_err("[keys.reader]\n\"ctrl-d\" = \"quit\"\n\"C-d\" = \"top\"\n");
    assert_eq!(e[0].line, 3, "{e:?}");
    assert!(e[0].message.contains("bound twice"), "{e:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let e = parse_err(
        "[keys.reader]\n\"x\" = \"bad1\"\n\"y\" = \"bad2\"\n[colors]\nkey = \"mauvish\"\n",
    );
    assert_eq!(e.len(), 3, "{e:?}");
    assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3, 5]);
}

#[test]
fn a_sequence_hiding_a_key_is_a_conflict() {
    // "G" is bound to bottom in [keys.global]: "G G" in the reader could
    // never be typed.
    let e = parse_err("[keys.reader]\n\"G G\" = \"top\"\n");
    assert!(
        e[0].message
            .contains("\"G\" in [keys.global] hides \"G G\""),
        "{e:?}"
    );
    // Freeing "G" makes the sequence possible.
    let ok = Config::parse(
        "[keys.global]\n\"G\" = \"none\"\n\"G G\" = \"top\"\n",
        "my.toml",
    );
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn a_theme_and_colour_overrides() {
    let c = Config::parse(
        "theme = \"light\"\n[colors]\nkey = \"#ff8700\"\nspeakers = [\"red\", 21]\n",
        "my.toml",
    )
    .unwrap();
    assert_eq!(c.theme, "light");
    assert_eq!(c.colours.key, Color::Rgb(255, 135, 0));
    assert_eq!(c.colours.speakers[0], Color::Red);
    assert_eq!(c.colours.speakers[1], Color::Indexed(21));
    assert_eq!(c.colours.speakers[2], Color::Red, "fewer colours repeat");
    let light = theme::Colours::builtin("light").unwrap();
    assert_eq!(c.colours.border, light.border);
    let e = parse_err("[colors]\nkey = 300\n");
    assert!(e[0].message.contains("0-255"), "{e:?}");
}

#[test]
fn load_falls_back_to_the_defaults_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("config.toml");
    std::fs::write(&bad, "[keys.global]\n\"q\" = \"quitt\"\n").unwrap();
    let (c, problems) = Config::load(Some(&bad));
    assert_eq!(c, Config::default());
    assert!(problems[0].contains("config.toml:2"), "{problems:?}");
    assert!(
        problems.last().unwrap().contains("defaults"),
        "{problems:?}"
    );
    let missing = dir.path().join("nope.toml");
    let (c, problems) = Config::load(Some(&missing));
    assert_eq!(c, Config::default());
    assert!(problems[0].contains("cannot be read"), "{problems:?}");
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "theme = \"high-contrast\"\n").unwrap();
    let (c, problems) = Config::load(Some(&good));
    assert!(problems.is_empty());
    assert_eq!(c.theme, "high-contrast");
}

#[test]
fn the_reader_width_is_read_and_checked() {
    assert_eq!(Config::default().max_width, 100);
    let c = Config::parse("[reader]\nmax_width = 72\n", "c.toml").unwrap();
    assert_eq!(c.max_width, 72);
    let c = Config::parse("[reader]\nmax_width = 0\n", "c.toml").unwrap();
    assert_eq!(c.max_width, 0);
    let msg = |text: &str| {
        parse_err(text)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let e = msg("[reader]\nmax_width = -3\n");
    assert!(
        e.contains("my.toml:2: [reader] max_width: must be a number"),
        "{e}"
    );
    let e = msg("[reader]\nmax_width = \"wide\"\n");
    assert!(e.contains("[reader] max_width"), "{e}");
    let e = msg("[reader]\nwidth = 80\n");
    assert!(e.contains("[reader] width: unknown setting"), "{e}");
    let e = msg("reader = 3\n");
    assert!(e.contains("reader: must be a table"), "{e}");
    // The defaults as printed say it, and read back as the defaults.
    assert!(default_text().contains("max_width = 100"));
    assert_eq!(
        Config::parse(default_text(), "d").unwrap(),
        Config::default()
    );
}
