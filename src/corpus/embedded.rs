//! The sample corpus, compiled into the binary so that `plenary` with no
//! argument works from any folder.

use super::{Corpus, Document};

const BUNDLED: &[(&str, &str)] = &[
    (
        "state-dept-transcript-blinken-tileuberdi-astana.txt",
        include_str!("../../assets/corpus/state-dept-transcript-blinken-tileuberdi-astana.txt"),
    ),
    (
        "voa-blinken-voices-support-for-kazakhstan.txt",
        include_str!("../../assets/corpus/voa-blinken-voices-support-for-kazakhstan.txt"),
    ),
    (
        "tleuberdi-sees-no-threats-from-russia.txt",
        include_str!("../../assets/corpus/tleuberdi-sees-no-threats-from-russia.txt"),
    ),
    (
        "caravanserai-blinken-in-astana-reiterates-support.txt",
        include_str!("../../assets/corpus/caravanserai-blinken-in-astana-reiterates-support.txt"),
    ),
    (
        "caravanserai-blinken-visit-prompts-calls-for-cooperation.txt",
        include_str!(
            "../../assets/corpus/caravanserai-blinken-visit-prompts-calls-for-cooperation.txt"
        ),
    ),
];

/// The bundled documents' paths and texts, without analysis.
pub fn bundled_texts() -> Vec<(String, String)> {
    BUNDLED
        .iter()
        .map(|(name, text)| (format!("assets/corpus/{name}"), text.to_string()))
        .collect()
}

/// Whether `path` names one of the bundled documents.
pub fn is_bundled(path: &str) -> bool {
    path.strip_prefix("assets/corpus/")
        .is_some_and(|name| BUNDLED.iter().any(|(n, _)| *n == name))
}

/// The bundled sample corpus.
pub fn bundled() -> Corpus {
    let docs = BUNDLED
        .iter()
        .map(|(name, text)| Document::new(format!("assets/corpus/{name}"), text.to_string()))
        .collect();
    Corpus::new(docs, Vec::new())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_paths_are_known_and_no_others() {
        for (path, _) in super::bundled_texts() {
            assert!(super::is_bundled(&path), "{path}");
        }
        assert!(!super::is_bundled(
            "c3/state-dept-transcript-blinken-tileuberdi-astana.txt"
        ));
        assert!(!super::is_bundled("assets/corpus/other.txt"));
    }
}
