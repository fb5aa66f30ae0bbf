//! Export (Markdown, native JSON, W3C Web Annotation JSON-LD) and listing
//! (plain table, JSON) of annotations. Deleted annotations are never exported.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

use serde_json::{Value, json};

use super::model::{Annotation, content_hash};
use super::store::to_file_json;

pub use super::durable::write_file_atomic;

/// Output format of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Readable Markdown grouped by document.
    Markdown,
    /// The native store format (`plenary-annotations`, version 1).
    Json,
    /// W3C Web Annotation Data Model, JSON-LD.
    W3c,
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(ExportFormat::Markdown),
            "json" => Ok(ExportFormat::Json),
            "w3c" | "jsonld" | "json-ld" => Ok(ExportFormat::W3c),
            other => Err(format!(
                "unknown export format {other:?} (use markdown, json or w3c)"
            )),
        }
    }
}

/// Current texts of documents, keyed by the path stored in
/// `DocumentRef::path`. Used for line numbers; optional.
pub type DocTexts = HashMap<String, String>;

/// Renders the live annotations among `annotations` in `format`.
pub fn export<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    format: ExportFormat,
    docs: &DocTexts,
) -> String {
    let live: Vec<&Annotation> = annotations
        .into_iter()
        .filter(|a| !a.is_deleted())
        .collect();
    match format {
        // Plain text for people: nothing in it may steer a terminal.
        ExportFormat::Markdown => crate::sanitize::plain(&markdown(&live, docs)).into_owned(),
        ExportFormat::Json => to_file_json(live),
        ExportFormat::W3c => w3c(&live),
    }
}

/// Whether `a` belongs to the document named on the command line as `path`
/// (same stored path, or the same file once both are made canonical).
pub fn matches_path(a: &Annotation, path: &Path) -> bool {
    let stored = Path::new(&a.document.path);
    if stored == path {
        return true;
    }
    match (stored.canonicalize(), path.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// "line 12, chars 340–402" when the text the selectors were made against
/// is available, else "chars 340–402".
pub fn position_label(a: &Annotation, docs: &DocTexts) -> String {
    let text = docs
        .get(&a.document.path)
        .filter(|text| content_hash(text) == a.document.hash);
    label_with(a, text.map(String::as_str))
}

fn label_with(a: &Annotation, current_text: Option<&str>) -> String {
    let (start, end) = (a.target.position.start, a.target.position.end);
    match current_text {
        Some(text) => {
            let line = 1 + text.chars().take(start).filter(|&c| c == '\n').count();
            format!("line {line}, chars {start}–{end}")
        }
        None => format!("chars {start}–{end}"),
    }
}

/// Groups by document path; documents ordered by title then path,
/// annotations by position.
fn by_document<'a>(live: &[&'a Annotation]) -> Vec<Vec<&'a Annotation>> {
    let mut groups: BTreeMap<(String, String), Vec<&Annotation>> = BTreeMap::new();
    for a in live {
        let title = if a.document.title.is_empty() {
            a.document.path.clone()
        } else {
            a.document.title.clone()
        };
        groups
            .entry((title, a.document.path.clone()))
            .or_default()
            .push(a);
    }
    groups
        .into_values()
        .map(|mut v| {
            v.sort_by_key(|a| (a.target.position.start, a.target.position.end, a.created));
            v
        })
        .collect()
}

fn markdown(live: &[&Annotation], docs: &DocTexts) -> String {
    let mut out = String::from("# Annotations\n");
    if live.is_empty() {
        out.push_str("\nNo annotations.\n");
    }
    let hashes: HashMap<&str, String> = docs
        .iter()
        .map(|(p, t)| (p.as_str(), content_hash(t)))
        .collect();
    for group in by_document(live) {
        let doc = &group[0].document;
        let title = if doc.title.is_empty() {
            &doc.path
        } else {
            &doc.title
        };
        let n = group.len();
        let _ = write!(
            out,
            "\n## {}\n\n`{}` · {n} annotation{}\n",
            escape_line(title),
            doc.path.replace('`', "'"),
            if n == 1 { "" } else { "s" }
        );
        for a in group {
            let current = hashes
                .get(a.document.path.as_str())
                .is_some_and(|h| *h == a.document.hash);
            let text = docs.get(&a.document.path).filter(|_| current);
            let label = label_with(a, text.map(String::as_str));
            let _ = writeln!(out, "\n### {label} ({})\n", a.colour);
            quote_block(&mut out, &a.target.quote.exact);
            if !a.note.trim().is_empty() {
                out.push('\n');
                note_block(&mut out, a.note.trim_end());
            }
            if !a.tags.is_empty() {
                let tags: Vec<String> = a.tags.iter().map(|t| format!("`#{t}`")).collect();
                let _ = writeln!(out, "\nTags: {}", tags.join(" "));
            }
            let _ = writeln!(out, "\n<sub>{} · updated {}</sub>", a.id, a.updated);
        }
    }
    out
}

/// A Markdown block quote of `text` that keeps its paragraphs apart. When
/// the text separates paragraphs with blank lines (hard-wrapped prose), its
/// other line breaks are wraps and stay inside a paragraph; otherwise each
/// line is a paragraph (a transcript's turn, an article's paragraph) and
/// gets a blank `>` line before the next one.
fn quote_block(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let blank_separated = lines.iter().any(|l| l.trim().is_empty());
    let mut first = true;
    for line in lines {
        if line.trim().is_empty() {
            out.push_str(">\n");
            continue;
        }
        if !first && !blank_separated {
            out.push_str(">\n");
        }
        first = false;
        let _ = writeln!(out, "> {}", escape_line(line));
    }
}

/// A note as Markdown that renders with its line breaks: a line followed by
/// another line of the same paragraph ends in a hard break (`\`).
fn note_block(out: &mut String, note: &str) {
    let lines: Vec<&str> = note.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let next_in_paragraph = lines.get(i + 1).is_some_and(|n| !n.trim().is_empty());
        let line = escape_line(line);
        if next_in_paragraph && !line.trim().is_empty() {
            let _ = writeln!(out, "{line}\\");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// Escapes what would make a line start a heading, list, quote or rule.
fn escape_line(line: &str) -> String {
    let trimmed = line.trim_start();
    let lead = &line[..line.len() - trimmed.len()];
    let starts_block = trimmed.starts_with(['#', '>', '-', '+', '*', '=', '|'])
        || trimmed
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if starts_block {
        format!("{lead}\\{trimmed}")
    } else {
        line.to_string()
    }
}

/// `file://` URI for an absolute path, the path itself otherwise.
fn source_iri(path: &str) -> String {
    if !Path::new(path).is_absolute() {
        return path.to_string();
    }
    let mut out = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One annotation in the W3C Web Annotation Data Model.
pub fn w3c_annotation(a: &Annotation) -> Value {
    let mut body = Vec::new();
    if !a.note.trim().is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "value": a.note,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    for t in &a.tags {
        body.push(json!({ "type": "TextualBody", "value": t, "purpose": "tagging" }));
    }
    let q = &a.target.quote;
    let mut v = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:plenary:annotation:{}", a.id),
        "type": "Annotation",
        "motivation": if a.note.trim().is_empty() { "highlighting" } else { "commenting" },
        "created": a.created.to_string(),
        "modified": a.updated.to_string(),
        "target": {
            "source": source_iri(&a.document.path),
            "selector": [
                { "type": "TextQuoteSelector", "exact": q.exact, "prefix": q.prefix, "suffix": q.suffix },
                { "type": "TextPositionSelector", "start": a.target.position.start, "end": a.target.position.end },
            ],
        },
    });
    if !body.is_empty() {
        v["body"] = Value::Array(body);
    }
    v
}

fn w3c(live: &[&Annotation]) -> String {
    let all: Vec<Value> = live.iter().map(|a| w3c_annotation(a)).collect();
    let mut s = serde_json::to_string_pretty(&all).unwrap_or_default();
    s.push('\n');
    s
}

fn truncate(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut t: String = flat.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `plenary annotations list`: an aligned plain-text table of the live
/// annotations, one per line (id, colour, document, position, tags, quote).
pub fn list_table<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> String {
    let live: Vec<&Annotation> = annotations
        .into_iter()
        .filter(|a| !a.is_deleted())
        .collect();
    let mut rows = vec![
        ["ID", "COLOUR", "DOCUMENT", "CHARS", "TAGS", "QUOTE"]
            .map(String::from)
            .to_vec(),
    ];
    for group in by_document(&live) {
        for a in group {
            let safe = |s: &str| crate::sanitize::display(s, 0).into_owned();
            rows.push(vec![
                safe(&a.id),
                a.colour.to_string(),
                safe(&a.document.path),
                format!("{}–{}", a.target.position.start, a.target.position.end),
                safe(
                    &a.tags
                        .iter()
                        .map(|t| format!("#{t}"))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                safe(&truncate(&a.target.quote.exact, 50)),
            ]);
        }
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            rows.iter()
                .map(|r| crate::sanitize::width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let _ = write!(line, "{cell}");
            if c + 1 < r.len() {
                line.extend(std::iter::repeat_n(
                    ' ',
                    widths[c] - crate::sanitize::width(cell) + 2,
                ));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `plenary annotations list --json`: a JSON array of flat objects.
pub fn list_json<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> String {
    let live: Vec<&Annotation> = annotations
        .into_iter()
        .filter(|a| !a.is_deleted())
        .collect();
    let rows: Vec<Value> = by_document(&live)
        .into_iter()
        .flatten()
        .map(|a| {
            json!({
                "id": a.id,
                "path": a.document.path,
                "title": a.document.title,
                "start": a.target.position.start,
                "end": a.target.position.end,
                "quote": a.target.quote.exact,
                "colour": a.colour,
                "note": a.note,
                "tags": a.tags,
                "created": a.created,
                "updated": a.updated,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
    s.push('\n');
    s
}
