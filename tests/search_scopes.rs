//! The corpus search's scopes on the bundled corpus (a transcript and four
//! articles, analysed and linked): what `speaker:`, `entity:` and `kind:`
//! let through, checked against the analysis itself.

use plenary::corpus::{self, Corpus, DocKind};
use plenary::search::{Hit, parse, search_all, targets};

fn hits(corpus: &Corpus, q: &str) -> Vec<Hit> {
    let q = parse(q).unwrap();
    let re = q.matcher().unwrap();
    search_all(&re, &targets(corpus, &q, None))
        .into_iter()
        .flatten()
        .collect()
}

/// The paragraph around byte `at`: the text between blank lines, or the
/// line where the document writes one paragraph to a line.
fn paragraph(doc: &plenary::corpus::Document, at: usize) -> std::ops::Range<usize> {
    let text = &doc.text;
    let gap = if doc.structure.paragraph_gap {
        "\n"
    } else {
        "\n\n"
    };
    let start = text[..at].rfind(gap).map_or(0, |i| i + gap.len());
    let end = text[at..].find(gap).map_or(text.len(), |i| at + i);
    start..end
}

#[test]
fn entity_scope_keeps_only_paragraphs_mentioning_the_entity_by_any_spelling() {
    let c = corpus::bundled();
    let all = hits(&c, "trade");
    let scoped = hits(&c, "entity:\"central asia\" trade");
    assert!(!scoped.is_empty() && scoped.len() < all.len());
    for h in &all {
        let doc = &c.docs[h.doc];
        let para = paragraph(doc, h.range.start);
        let mentions = doc.entities.iter().any(|m| {
            &*m.canonical == "Central Asia"
                && m.range.start >= para.start
                && m.range.end <= para.end
        });
        assert_eq!(
            scoped.contains(h),
            mentions,
            "{}:{} {}",
            doc.path,
            h.line,
            &doc.text[para]
        );
    }
    // A word of a name, when no entity is named by it alone, takes every
    // entity with that word ("Central Asia", "South and Central Asia").
    let asia = hits(&c, "entity:asia trade");
    assert!(scoped.iter().all(|h| asia.contains(h)));
    // A spelling of a grouped name finds the group's every spelling.
    let tleu = hits(&c, "entity:Tleuberdi minister");
    let tile = hits(&c, "entity:Tileuberdi minister");
    assert!(!tleu.is_empty());
    assert_eq!(tleu, tile);
}

#[test]
fn speaker_scope_takes_turns_and_attributed_quotations_by_any_spelling() {
    let c = corpus::bundled();
    let scoped = hits(&c, "speaker:tleuberdi russia");
    assert!(
        scoped
            .iter()
            .any(|h| c.docs[h.doc].meta.kind == DocKind::Transcript)
    );
    assert!(
        scoped
            .iter()
            .any(|h| c.docs[h.doc].meta.kind == DocKind::Article)
    );
    for h in &scoped {
        let doc = &c.docs[h.doc];
        let his = doc
            .turn_at(h.range.start)
            .map(|t| &*doc.speakers.turns[t].speaker)
            .or_else(|| {
                doc.quote_at(h.range.start)
                    .and_then(|q| doc.quotes[q].quote.speaker.as_deref())
            });
        assert_eq!(his, Some("Mukhtar Tileuberdi"), "{}:{}", doc.path, h.line);
        assert_eq!(h.speaker.as_deref(), his);
    }
    // Every "Russia" he says is found: none of his is left out.
    let all = hits(&c, "russia");
    let his = all
        .iter()
        .filter(|h| h.speaker.as_deref() == Some("Mukhtar Tileuberdi"))
        .count();
    assert_eq!(scoped.len(), his);
    // Scopes combine.
    let transcript = hits(&c, "speaker:tleuberdi kind:transcript russia");
    assert!(!transcript.is_empty() && transcript.len() < scoped.len());
    assert!(
        transcript
            .iter()
            .all(|h| c.docs[h.doc].meta.kind == DocKind::Transcript)
    );
    assert!(hits(&c, "speaker:nobody-at-all russia").is_empty());
}
