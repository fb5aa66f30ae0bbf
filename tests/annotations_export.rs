//! Export and listing output.

use plenary::annotations::{
    Annotation, Colour, DocTexts, DocumentRef, ExportFormat, Store, export, list_json, list_table,
    write_file_atomic,
};

const SPEECH: &str =
    "Madam Speaker,\nthe budget will balance by 2027.\n# Not a heading\nThank you.";
const ARTICLE: &str = "Analysts doubted the claim.\nThey said the numbers did not add up.";

fn span(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn sample() -> (Vec<Annotation>, DocTexts) {
    let sp = DocumentRef::new("/data/speech 1.txt", "Budget speech", SPEECH);
    let ar = DocumentRef::new("news/article.txt", "", ARTICLE);
    let (s1, e1) = span(SPEECH, "the budget will balance by 2027.\n# Not a heading");
    let mut a = Annotation::new(
        sp.clone(),
        SPEECH,
        s1,
        e1,
        Colour::Green,
        "Optimistic. #Budget #forecast\n- second line",
    )
    .unwrap();
    a.set_explicit_tags(&["Checked"]);
    let (s2, e2) = span(ARTICLE, "the numbers did not add up");
    let b = Annotation::new(ar, ARTICLE, s2, e2, Colour::Blue, "").unwrap();
    let (s3, e3) = span(SPEECH, "Thank you.");
    let mut gone = Annotation::new(sp, SPEECH, s3, e3, Colour::Pink, "deleted one").unwrap();
    gone.deleted = Some(gone.updated);
    let docs: DocTexts = [("/data/speech 1.txt".to_string(), SPEECH.to_string())]
        .into_iter()
        .collect();
    (vec![a, b, gone], docs)
}

#[test]
fn markdown_groups_by_document_with_quote_note_tags_and_position() {
    let (anns, docs) = sample();
    let md = export(&anns, ExportFormat::Markdown, &docs);
    assert!(md.contains("## Budget speech\n"), "{md}");
    assert!(
        md.contains("## news/article.txt\n"),
        "untitled doc falls back to its path: {md}"
    );
    assert!(
        md.contains("> the budget will balance by 2027.\n>\n> \\# Not a heading\n"),
        "each line of a transcript is a paragraph: a blank `>` keeps them apart: {md}"
    );
    assert!(
        md.contains("Optimistic. #Budget #forecast\\\n\\- second line"),
        "a note's line break is a hard break: {md}"
    );
    // Blank-line paragraphs (hard-wrapped prose) keep their wraps together.
    let prose = "First line of a paragraph\nwrapped here.\n\nSecond paragraph.";
    let d = DocumentRef::new("p.txt", "Prose", prose);
    let n = prose.chars().count();
    let p = Annotation::new(d, prose, 0, n, Colour::Green, "").unwrap();
    let prose_md = export([&p], ExportFormat::Markdown, &DocTexts::new());
    assert!(
        prose_md.contains("> First line of a paragraph\n> wrapped here.\n>\n> Second paragraph.\n"),
        "{prose_md}"
    );
    assert!(
        md.contains("Tags: `#budget` `#forecast` `#checked`"),
        "{md}"
    );
    let (s, e) = span(SPEECH, "the budget will balance by 2027.\n# Not a heading");
    assert!(
        md.contains(&format!("### line 2, chars {s}–{e} (green)")),
        "{md}"
    );
    // No text supplied for the article: offsets only.
    let (s, e) = span(ARTICLE, "the numbers did not add up");
    assert!(md.contains(&format!("### chars {s}–{e} (blue)")), "{md}");
    assert!(
        !md.contains("deleted one"),
        "deleted annotations are not exported"
    );
    // Stale text (hash differs) gives no line number rather than a wrong one.
    let stale: DocTexts = [("/data/speech 1.txt".to_string(), format!("x\n{SPEECH}"))]
        .into_iter()
        .collect();
    assert!(!export(&anns, ExportFormat::Markdown, &stale).contains("line 2"));
}

#[test]
fn w3c_export_is_json_ld_with_both_selectors_and_tagging_bodies() {
    let (anns, docs) = sample();
    let out = export(&anns, ExportFormat::W3c, &docs);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 2);
    let a = &items[0];
    assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(a["type"], "Annotation");
    assert_eq!(a["motivation"], "commenting");
    assert_eq!(a["target"]["source"], "file:///data/speech%201.txt");
    let sel = a["target"]["selector"].as_array().unwrap();
    assert_eq!(sel[0]["type"], "TextQuoteSelector");
    assert_eq!(
        sel[0]["exact"],
        "the budget will balance by 2027.\n# Not a heading"
    );
    assert_eq!(sel[0]["prefix"], "Madam Speaker,\n");
    assert_eq!(sel[1]["type"], "TextPositionSelector");
    assert_eq!(sel[1]["start"], 15);
    let bodies = a["body"].as_array().unwrap();
    assert_eq!(bodies[0]["type"], "TextualBody");
    assert!(
        bodies[0]["value"]
            .as_str()
            .unwrap()
            .starts_with("Optimistic.")
    );
    let tags: Vec<&str> = bodies
        .iter()
        .filter(|b| b["purpose"] == "tagging")
        .map(|b| b["value"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["budget", "forecast", "checked"]);
    assert_eq!(items[1]["motivation"], "highlighting");
    assert!(items[1].get("body").is_none());
    assert_eq!(items[1]["target"]["source"], "news/article.txt");
}

#[test]
fn native_json_export_reopens_as_a_store() {
    let (anns, docs) = sample();
    let out = export(&anns, ExportFormat::Json, &docs);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("annotations.json"), &out).unwrap();
    let (store, warnings) = Store::open(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(store.annotations().count(), 2);
    assert_eq!(store.get(&anns[0].id).unwrap(), &anns[0]);
}

#[test]
fn list_table_and_json_for_scripts() {
    let (anns, _) = sample();
    let table = list_table(&anns);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("ID") && lines[0].contains("QUOTE"));
    assert!(
        lines[1].contains(&anns[0].id)
            && lines[1].contains("green")
            && lines[1].contains("#budget,#forecast,#checked")
    );
    assert!(
        lines[1].contains("the budget will balance by 2027. # Not a heading"),
        "newlines flattened: {table}"
    );
    let col = lines[0].find("DOCUMENT").unwrap();
    assert_eq!(
        lines[2].find("news/article.txt"),
        Some(col),
        "columns aligned:\n{table}"
    );
    assert!(table.lines().all(|l| l == l.trim_end()));

    let v: serde_json::Value = serde_json::from_str(&list_json(&anns)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["quote"], "the numbers did not add up");
    assert_eq!(v[0]["tags"][2], "checked");
    assert!(v[0]["created"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn export_to_file_refuses_to_overwrite() {
    let (anns, docs) = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notes.md");
    let md = export(&anns, ExportFormat::Markdown, &docs);
    write_file_atomic(&out, md.as_bytes(), false).unwrap();
    std::fs::write(&out, "the user's edits").unwrap();
    let err = write_file_atomic(&out, md.as_bytes(), false).unwrap_err();
    assert!(err.to_string().contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the user's edits");
    write_file_atomic(&out, md.as_bytes(), true).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
}
