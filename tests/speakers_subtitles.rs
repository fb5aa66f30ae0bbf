//! Subtitle files read as transcripts, through the public document and
//! JSON interfaces: cue furniture dimmed, times on turns, the convention
//! named, `time` null where a document gives none.

use plenary::analysis::speakers::report_json;
use plenary::corpus::Document;

const SRT: &str = "1\n00:00:01,200 --> 00:00:03,400\n[Marguerite] Did you lock the door?\n\n2\n00:00:03,500 --> 00:00:05,000\n[Teodor] I thought you did.\n\n3\n00:00:05,500 --> 00:00:07,000\n- Who's there?\n- Only me.\n";

#[test]
fn cue_numbers_and_timings_are_dimmed_and_text_is_not() {
    let doc = Document::new("a.srt", SRT.to_string());
    assert!(doc.speakers.is_transcript);
    let dim: Vec<bool> = doc
        .structure
        .lines
        .iter()
        .map(|l| l.kind.is_dim())
        .collect();
    // Lines: 0 "1", 1 timing, 2 text, 3 blank, 4 "2", 5 timing, 6 text…
    assert!(
        dim[0] && dim[1] && dim[4] && dim[5] && dim[8] && dim[9],
        "{dim:?}"
    );
    assert!(!dim[2] && !dim[6] && !dim[10] && !dim[11], "{dim:?}");
}

#[test]
fn json_gives_turn_times_and_the_convention() {
    let out = report_json(&[("a.srt", SRT)]);
    let doc = &out[0];
    assert_eq!(doc["convention"], "srt");
    let turns = doc["turns"].as_array().expect("turns");
    let got: Vec<(&str, &str, &str)> = turns
        .iter()
        .map(|t| {
            (
                t["label"].as_str().unwrap(),
                t["speaker"].as_str().unwrap(),
                t["time"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Marguerite", "Marguerite", "00:00:01.200"),
            ("Teodor", "Teodor", "00:00:03.500"),
            ("-", "Unidentified speaker", "00:00:05.500"),
            ("-", "Unidentified speaker", "00:00:05.500"),
        ]
    );
    let plain =
        "JANE DOE: Hello there, everyone.\nJOHN ROE: Hello, Jane.\nJANE DOE: Let us begin.\n";
    let out = report_json(&[("b.txt", plain)]);
    assert_eq!(out[0]["convention"], "caps-colon");
    assert!(out[0]["turns"][0]["time"].is_null());
    let none = report_json(&[("c.txt", "Just a sentence.\n")]);
    assert!(none[0]["convention"].is_null());
}

#[test]
fn machine_captions_without_speakers_have_no_turns() {
    let vtt = "WEBVTT\n\nNOTE Confidence: 0.93\n\n00:00.000 --> 00:03.200\nso today we look at the budget\n\nNOTE Confidence: 0.88\n\n00:03.200 --> 00:06.900\nfor the parks department\n";
    let doc = Document::new("m.vtt", vtt.to_string());
    assert!(doc.speakers.turns.is_empty());
    assert!(!doc.speakers.is_transcript);
    assert!(doc.structure.lines[2].kind.is_dim(), "NOTE line dimmed");
}

#[test]
fn subtitle_scaffolding_is_never_the_title_or_an_outline_entry() {
    // QA: a WebVTT file was listed as "WEBVTT", with its first cue timing
    // in the outline as the place.
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ines Varga>Welcome, everyone.\n\n00:00:04.500 --> 00:00:08.000\n<v Ines Varga>We have a new timetable.\n\n00:00:09.000 --> 00:00:12.000\n<v Reporter>When does it start?\n";
    for (path, text) in [("talk.vtt", vtt), ("a.srt", SRT)] {
        let doc = Document::new(path, text.to_string());
        let stem = path.split('.').next().unwrap();
        assert_eq!(doc.meta.title, stem, "{path}");
        for e in &doc.structure.outline {
            assert!(
                !e.text.contains("-->") && e.text != "WEBVTT" && e.text != "1",
                "{path}: {e:?}"
            );
        }
    }
}
