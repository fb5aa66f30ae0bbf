//! The reader's side of background loading: documents join the list as
//! they are found, analyses fill in as they arrive, and the status bar
//! shows how far it has got.

use std::time::Instant;

use super::palette::Palette;
use super::state::{AppState, DocView, Status};
use crate::corpus::LoadEvent;

/// How far the background loading has got.
#[derive(Clone, Debug)]
pub struct Loading {
    pub started: Instant,
    /// Documents found (and read) so far.
    pub found: usize,
    /// Documents whose own analysis is done.
    pub analysed: usize,
    /// Bytes of text analysed.
    pub bytes: u64,
    /// Large documents under analysis: how far each has got.
    pub partial: Vec<Partial>,
    /// Every path is walked.
    pub walk_done: bool,
    /// Nothing more will come.
    pub finished: bool,
}

impl Default for Loading {
    fn default() -> Self {
        Loading {
            started: Instant::now(),
            found: 0,
            analysed: 0,
            bytes: 0,
            partial: Vec::new(),
            walk_done: false,
            finished: false,
        }
    }
}

/// A large document under analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partial {
    pub id: usize,
    /// Its size in bytes.
    pub len: u64,
    /// Bytes of it analysed so far.
    pub done: u64,
}

impl Loading {
    /// "analysing 12/40 · 35 MB/s", with how far the large document under
    /// analysis has got ("analysing 0/1 · 412/1074 MB · 45 MB/s"), or
    /// "linking names and quotations".
    pub fn describe(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let partial: u64 = self.partial.iter().map(|p| p.done).sum();
        let rate = (self.bytes + partial) as f64 / secs / 1e6;
        if !self.walk_done || self.analysed < self.found {
            let more = if self.walk_done { "" } else { "+" };
            let inside = match self.partial.first() {
                Some(p) => format!(" · {:.0}/{:.0} MB", p.done as f64 / 1e6, p.len as f64 / 1e6),
                None => String::new(),
            };
            format!(
                "analysing {}/{}{more}{inside} · {rate:.0} MB/s",
                self.analysed, self.found
            )
        } else {
            "linking names, entities and quotations…".to_string()
        }
    }
}

impl AppState {
    /// Whether the background loading is over (or there was none).
    pub fn loading_finished(&self) -> bool {
        self.loading.as_ref().is_none_or(|l| l.finished)
    }

    /// Whether the corpus-wide step is still to come: entity, quotation
    /// and speaker-figure panes say so instead of looking empty.
    pub fn linking_pending(&self) -> bool {
        !self.corpus.linked && !self.loading_finished()
    }

    /// Takes in one event of the background loading.
    pub fn apply_load(&mut self, event: LoadEvent) {
        let loading = self.loading.get_or_insert_with(Loading::default);
        match &event {
            LoadEvent::Found(_) => loading.found += 1,
            LoadEvent::Progress { id, done, total } => {
                let len = self.corpus.docs.get(*id).map_or(0, |d| d.text.len() as u64);
                // Work done, as bytes of its text.
                let done = (len as u128 * u128::from(*done) / u128::from((*total).max(1))) as u64;
                match loading.partial.iter_mut().find(|p| p.id == *id) {
                    Some(p) => p.done = p.done.max(done),
                    None => loading.partial.push(Partial { id: *id, len, done }),
                }
                // Nothing else changes: the status bar shows it next frame.
                return;
            }
            LoadEvent::Analysed { id, .. } => {
                loading.partial.retain(|p| p.id != *id);
                loading.analysed += 1;
                loading.bytes += self.corpus.docs.get(*id).map_or(0, |d| d.text.len() as u64);
            }
            LoadEvent::WalkDone => loading.walk_done = true,
            LoadEvent::Finished => loading.finished = true,
            LoadEvent::Whole { .. } | LoadEvent::Notice(_) | LoadEvent::Linked(_) => {}
        }
        let changed = match &event {
            LoadEvent::Whole { id, .. } | LoadEvent::Analysed { id, .. } => Some(*id),
            _ => None,
        };
        let whole = match &event {
            LoadEvent::Whole { id, .. } => Some(*id),
            _ => None,
        };
        let linked = matches!(event, LoadEvent::Linked(_));
        let found = matches!(event, LoadEvent::Found(_));
        if let LoadEvent::Notice(n) = &event
            && self.status.is_none()
        {
            self.status = Some(Status {
                text: n.clone(),
                error: true,
            });
        }
        self.corpus.apply(event);
        // Several notices: the status bar says how many and where to read
        // them, while it still shows the first.
        if let [first, rest @ ..] = self.corpus.notices.as_slice()
            && !rest.is_empty()
            && self
                .status
                .as_ref()
                .is_some_and(|s| s.text.starts_with(first.as_str()))
        {
            self.status = Some(Status {
                text: super::state::more_notices(first, rest.len()),
                error: true,
            });
        }
        if found {
            self.views.push(DocView::default());
        }
        let text_complete = |d: &crate::corpus::Document| d.stage > crate::corpus::Stage::Partial;
        if found {
            let i = self.corpus.docs.len() - 1;
            if text_complete(&self.corpus.docs[i]) {
                self.place_notes(i);
                self.restore_view(i);
            }
        }
        if let Some(id) = whole
            && let Some((doc, cursor)) = self.end_pending
            && doc == id
        {
            // `G` was pressed on the head: go on to the end of the whole
            // text, unless the reader moved since.
            self.end_pending = None;
            let (len, last_line) = self.corpus.docs.get(doc).map_or((0, 0), |d| {
                let body = d.text.trim_end_matches(['\n', '\r']);
                (d.text.len(), body.rfind('\n').map_or(0, |i| i + 1))
            });
            if let Some(v) = self.views.get_mut(doc)
                && v.cursor == cursor
            {
                v.top = len;
                v.cursor = last_line;
            }
        }
        if let Some(id) = changed {
            self.forget_layout(Some(id));
            if matches!(self.corpus.docs.get(id), Some(d) if d.stage == crate::corpus::Stage::Read)
            {
                // The whole text of a large file: its notes can land now.
                self.place_notes(id);
                self.restore_view(id);
            }
        }
        if linked {
            // What the documents held before linking is freed.
            crate::corpus::release_free_memory();
            self.palette = Palette::new(&self.corpus);
            self.quoted_by = super::state::quoted_by(&self.corpus);
            self.forget_layout(None);
        }
        if self.loading_finished() && self.corpus.docs.is_empty() {
            // Nothing could be opened: the notices say why.
            self.quit = true;
        }
    }

    /// Places document `i`'s notes and has the store re-anchor them (off
    /// the UI thread; its problems come back through `apply_store`).
    pub(super) fn place_notes(&mut self, i: usize) {
        let doc = &self.corpus.docs[i];
        self.notebook.add_document(i, doc);
        self.queue_reanchor(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, DocAnalysis, Document};

    #[test]
    fn the_status_says_how_far_a_large_document_has_got_until_it_is_analysed() {
        let text = "SPEAKER ONE: a line of text.\n".repeat(4_000_000 / 29);
        let len = text.len() as u64;
        let mut s = AppState::new(Corpus::default());
        s.apply_load(LoadEvent::Found(Box::new(Document::read(
            "big.txt",
            text.as_str(),
        ))));
        s.apply_load(LoadEvent::WalkDone);
        let status = |s: &AppState| s.loading.as_ref().unwrap().describe();
        assert!(status(&s).starts_with("analysing 0/1 · "), "{}", status(&s));
        assert!(
            !status(&s).contains("MB ·"),
            "no progress yet: {}",
            status(&s)
        );
        // Two passes over the text: a quarter of the work is half a pass.
        s.apply_load(LoadEvent::Progress {
            id: 0,
            done: len / 2,
            total: len * 2,
        });
        let expect = format!(
            "analysing 0/1 · {:.0}/{:.0} MB · ",
            len as f64 / 4e6,
            len as f64 / 1e6
        );
        assert!(status(&s).starts_with(&expect), "{} / {expect}", status(&s));
        // Reports may arrive out of order from the worker threads: never back.
        s.apply_load(LoadEvent::Progress {
            id: 0,
            done: len / 4,
            total: len * 2,
        });
        assert!(status(&s).starts_with(&expect), "{}", status(&s));
        let analysis = DocAnalysis::run("big.txt", &text[..100]);
        s.apply_load(LoadEvent::Analysed {
            id: 0,
            analysis: Box::new(analysis),
        });
        assert!(s.loading.as_ref().unwrap().partial.is_empty());
        assert!(status(&s).starts_with("linking"), "{}", status(&s));
    }
}
