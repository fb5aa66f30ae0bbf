//! `plenary search` on a generated folder of 1,000 transcripts and
//! articles, scoped by speaker: exactly the turns and quotations of that
//! person, in every document, and nothing said by anyone else.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const MINISTERS: [(&str, &str); 4] = [
    ("Chidi", "OKAFOR"),
    ("Rami", "HADDAD"),
    ("Eva", "LINDQVIST"),
    ("Lucía", "MORENO"),
];

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_string() + &c.as_str().to_lowercase())
        .unwrap_or_default()
}

/// Writes document `i` and returns the lines (from 1) where Okafor says
/// "tariff".
fn write_doc(dir: &Path, i: usize) -> (String, Vec<usize>) {
    let (first, last) = MINISTERS[i % 4];
    let (_, other) = MINISTERS[(i + 1) % 4];
    let name = format!("doc-{i:04}.txt");
    let okafor = last == "OKAFOR";
    let (text, lines) = if i.is_multiple_of(3) {
        let text = format!(
            "Press briefing on trade, {day} March\n\
             \n\
             MODERATOR: Good morning. The minister will speak first, then take questions.\n\
             \n\
             MINISTER {last}: Thank you. The tariff on steel stays where it is this year.\n\
             \n\
             QUESTION: Will the tariff change next year, Minister {l}?\n\
             \n\
             MINISTER {last}: We will look at it again in the spring. No tariff decision is taken lightly.\n\
             \n\
             MINISTER {other}: On grain, the tariff goes down from April — by a tenth.\n\
             \n\
             MODERATOR: Thank you all.\n",
            day = i % 28 + 1,
            l = title_case(last),
        );
        let mut lines = Vec::new();
        if okafor {
            lines.extend([5, 9]);
        }
        if other == "OKAFOR" {
            lines.push(11);
        }
        (text, lines)
    } else {
        let text = format!(
            "Steel tariff stays, trade minister says\n\
             \n\
             By Ana Lima\n\
             \n\
             LAGOS, March {day} — Trade minister {first} {l} said on Tuesday that the steel levy would not change this year.\n\
             \n\
             “The tariff on steel stays where it is this year,” {l} told reporters in the capital.\n\
             \n\
             “We think the tariff hurts builders,” said Bola Adeyemi, who runs a building firm in the city.\n\
             \n\
             The tariff was first set in 2019 and has been raised twice since then.\n",
            day = i % 28 + 1,
            l = title_case(last),
        );
        (text, if okafor { vec![7] } else { Vec::new() })
    };
    std::fs::write(dir.join(&name), text).unwrap();
    (name, lines)
}

#[test]
fn a_speaker_scoped_search_of_1000_files_finds_exactly_their_words() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    let mut expected = BTreeSet::new();
    for i in 0..1000 {
        let (name, lines) = write_doc(&dir, i);
        for l in lines {
            expected.insert((name.clone(), l));
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["search", "--json", "speaker:okafor tariff"])
        .arg(&dir)
        .env("PLENARY_DATA_DIR", tmp.path().join("data"))
        .env("PLENARY_CACHE_DIR", tmp.path().join("cache"))
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut got = BTreeSet::new();
    for h in &hits {
        let path = Path::new(h["path"].as_str().unwrap());
        let text = std::fs::read_to_string(path).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (start, end) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        // Offsets are code points; the line is the match's.
        let found: String = chars[start..end].iter().collect();
        assert_eq!(found, "tariff");
        assert_eq!(h["text"], "tariff");
        let line = chars[..start].iter().filter(|&&c| c == '\n').count() + 1;
        assert_eq!(h["line"].as_u64().unwrap() as usize, line);
        assert!(h["speaker"].as_str().unwrap().contains("Okafor"), "{h}");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(got.insert((name, line)), "one hit per line: {h}");
    }
    let missing: Vec<_> = expected.difference(&got).take(5).collect();
    let extra: Vec<_> = got.difference(&expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    // 84 transcripts where Okafor speaks first (two lines each), 84 where
    // he speaks last, 166 articles quoting him.
    assert_eq!(expected.len(), 84 * 2 + 84 + 166);
}

#[test]
fn kind_and_grep_like_output_and_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..4 {
        write_doc(&dir, i);
    }
    let run = |q: &str| {
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["search", "--no-cache", q])
            .arg(&dir)
            .env("PLENARY_DATA_DIR", tmp.path().join("data"))
            .env("XDG_CONFIG_HOME", tmp.path().join("config"))
            .output()
            .unwrap()
    };
    let out = run("kind:transcript grain");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // doc-0000 and doc-0003 are the transcripts of the four.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, doc) in lines.iter().zip(["doc-0000.txt", "doc-0003.txt"]) {
        assert!(line.starts_with(&format!("{}:11: [", dir.join(doc).display())));
        assert!(line.ends_with("On grain, the tariff goes down from April — by a tenth."));
    }
    // Nothing found: exit 1, as grep; a bad query: exit 2 and why.
    assert_eq!(run("kind:transcript builders").status.code(), Some(1));
    let bad = run("re:(");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("regular expression"));
}
