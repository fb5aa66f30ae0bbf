//! What the commands print for hostile or unusual files: bidirectional
//! controls never reach a terminal, a byte-order mark never reaches a
//! title, UTF-16 transcripts from Windows tools open and say so.

use std::fs;
use std::path::Path;
use std::process::Command;

fn run(args: &[&str], dir: &Path) -> (String, String, bool) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .arg(dir)
        .env("PLENARY_DATA_DIR", data.path())
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

const BIDI: [char; 9] = [
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// A briefing whose title, speaker, quotation and file name carry bidi
/// overrides and isolates.
fn hostile(dir: &Path) {
    let text = "Press Briefing on the \u{202e}tegdub\u{202c} Talks\n\n\
                MODERATOR: Good morning. Minister \u{2066}Ivanova\u{2069} will speak first.\n\n\
                MINISTER IVANOVA: Thank you. \u{2067}We will balance the budget\u{2069} by 2027.\n\n\
                QUESTION: Will the \u{202d}International Monetary Fund\u{202c} agree?\n\n\
                MINISTER IVANOVA: The Fund said it would.\n";
    fs::write(dir.join("briefing\u{202e}txt.txt"), text).unwrap();
    let article = "Minister pledges balance\n\n\
                   The minister said: \u{201c}We will balance the \u{202e}budget\u{202c} by 2027,\u{201d} \
                   at a briefing on Monday.\n";
    fs::write(dir.join("article.txt"), article).unwrap();
}

#[test]
fn bidirectional_controls_never_reach_plain_text_output() {
    let dir = tempfile::tempdir().unwrap();
    hostile(dir.path());
    for cmd in ["list", "speakers", "entities", "quotes"] {
        let (out, err, ok) = run(&[cmd], dir.path());
        assert!(ok, "{cmd}: {err}");
        assert!(
            !out.contains(BIDI) && !err.contains(BIDI),
            "{cmd} printed a bidi control:\n{out}"
        );
        assert!(
            !out.contains('\u{1b}') && !err.contains('\u{1b}'),
            "{cmd}: escape"
        );
    }
    let (out, _, _) = run(&["list"], dir.path());
    assert!(
        out.contains("\u{fffd}tegdub\u{fffd}"),
        "shown, not obeyed:\n{out}"
    );
    // JSON keeps the true text.
    let (json, _, ok) = run(&["list", "--json"], dir.path());
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let titles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Press Briefing on the \u{202e}tegdub\u{202c} Talks"));
}

#[test]
fn a_utf8_byte_order_mark_stays_out_of_titles() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bom.txt"),
        "\u{feff}Remarks to the Press After the Ministerial\n\nSECRETARY: Good afternoon.\n",
    )
    .unwrap();
    let (json, _, ok) = run(&["list", "--json"], dir.path());
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["title"], "Remarks to the Press After the Ministerial");
    assert!(
        v[0].get("encoding").is_none(),
        "plain UTF-8 is not remarked on"
    );
    assert!(!json.contains('\u{feff}'));
    let (out, _, _) = run(&["speakers", "--json"], dir.path());
    assert!(!out.contains('\u{feff}'));
}

fn utf16(text: &str, big: bool) -> Vec<u8> {
    let mut out = if big {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for u in text.encode_utf16() {
        out.extend(if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_transcripts_open_and_say_their_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Joint Press Availability in Astana\r\n\r\n\
                MODERATOR: We have time for two questions.\r\n\r\n\
                QUESTION: Thank you. Minister, will the talks resume in March?\r\n\r\n\
                FOREIGN MINISTER NURLAN: Yes. \u{201c}We are ready,\u{201d} as I said in Almaty.\r\n\r\n\
                MODERATOR: Next question.\r\n\r\n\
                QUESTION: And the pipeline?\r\n\r\n\
                FOREIGN MINISTER NURLAN: It is on schedule.\r\n";
    fs::write(dir.path().join("le.txt"), utf16(text, false)).unwrap();
    fs::write(dir.path().join("be.txt"), utf16(text, true)).unwrap();
    let (json, err, ok) = run(&["list", "--json"], dir.path());
    assert!(ok, "{err}");
    assert!(!err.contains("binary"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let docs = v.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for (d, enc) in docs.iter().zip(["UTF-16BE", "UTF-16LE"]) {
        assert_eq!(d["title"], "Joint Press Availability in Astana");
        assert_eq!(d["encoding"], enc);
        assert_eq!(d["kind"], "transcript");
    }
    let (table, _, _) = run(&["list"], dir.path());
    assert!(table.contains("(UTF-16LE)"), "{table}");
    let (speakers, _, _) = run(&["speakers"], dir.path());
    assert!(speakers.contains("FOREIGN MINISTER NURLAN") || speakers.contains("Nurlan"));
}
