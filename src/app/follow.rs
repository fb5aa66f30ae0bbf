//! The reader's side of following changes on disk: a document written
//! again is replaced, with the reading position kept by its text (not its
//! offset), its notes re-anchored and the status bar saying so; a new file
//! joins the list; a deleted one is reported. The corpus-wide step is then
//! asked for again ([`FollowState::relink`]), and its result taken in when
//! it is still about the corpus on screen.

use crate::annotations::anchor::reanchor_prepared;
use crate::annotations::{Anchoring, PreparedText, Target};
use crate::corpus::{Document, FollowEvent, LoadEvent};

use super::editor::EditTarget;
use super::search::Search;
use super::state::{AppState, DocView, Mode, Status};

/// Changes followed so far, and whether the corpus step is to run again.
#[derive(Clone, Debug, Default)]
pub struct FollowState {
    /// Counts the corpus's changes: a corpus step asked for before the
    /// last change is out of date when it arrives.
    pub generation: u64,
    /// The corpus step is wanted for `generation`.
    pub relink: bool,
    /// A corpus step is running: the next waits for it (a burst of
    /// changes to many files runs a few, not one per file).
    pub relinking: bool,
}

impl FollowState {
    /// The generation to run the corpus step for now, if it is wanted and
    /// none is running.
    pub fn take_relink(&mut self) -> Option<u64> {
        if !self.relink || self.relinking {
            return None;
        }
        self.relink = false;
        self.relinking = true;
        Some(self.generation)
    }
}

impl AppState {
    /// Takes in one event of the follower.
    pub fn apply_follow(&mut self, event: FollowEvent) {
        match event {
            FollowEvent::Changed(doc) => self.reload(*doc),
            FollowEvent::Removed(path) => {
                if let Some(doc) = self.corpus.docs.iter_mut().find(|d| d.path == path) {
                    let name = file_name(&path);
                    let msg = "deleted on disk: the text read before is still shown".to_string();
                    if !doc.notices.contains(&msg) {
                        doc.notices.push(msg.clone());
                        // The notices view (`!`) lists it too.
                        self.corpus.notices.push(format!("{path}: {msg}"));
                    }
                    self.say(format!("{name} was deleted on disk"), true);
                }
            }
            FollowEvent::Notice(n) => {
                self.corpus.notices.push(n.clone());
                self.say(n, true);
            }
            FollowEvent::Linked { generation, links } => {
                self.follow.relinking = false;
                if generation == self.follow.generation && links.len() == self.corpus.docs.len() {
                    self.apply_load(LoadEvent::Linked(links));
                }
            }
        }
    }

    /// A document read again (or for the first time: a new file).
    fn reload(&mut self, doc: Document) {
        let name = file_name(&doc.path);
        let Some(i) = self.corpus.docs.iter().position(|d| d.path == doc.path) else {
            self.corpus.docs.push(doc);
            self.views.push(DocView::default());
            let i = self.corpus.docs.len() - 1;
            self.place_notes(i);
            self.say(format!("added {name}"), false);
            self.want_relink();
            return;
        };
        let old = self.corpus.docs[i].text.clone();
        if *old == *doc.text {
            // Touched, not changed.
            return;
        }
        let new = doc.text.clone();
        let carry = |pos: usize| carry_position(&old, &new, pos);
        if let Some(v) = self.views.get_mut(i) {
            v.top = carry(v.top);
            v.cursor = carry(v.cursor);
        }
        if self.open == i {
            if let Mode::Visual { anchor } = &mut self.mode {
                *anchor = carry(*anchor);
            }
            // A mouse drag going on.
            self.press = self.press.map(carry);
        }
        // A new note being written on its text: on the same words.
        if let Mode::Editor(ed) = &mut self.mode
            && let EditTarget::New { doc, range } = &mut ed.target
            && *doc == i
        {
            *range = carry_range(&old, &new, range.clone());
        }
        for (d, pos) in &mut self.jumps {
            if *d == i {
                *pos = carry(*pos);
            }
        }
        if self.flash.as_ref().is_some_and(|(d, _)| *d == i) {
            self.flash = None;
        }
        if let Some(s) = self.search.as_mut().filter(|s| s.doc == i) {
            let at = s.current_range().map(|r| carry(r.start));
            let mut fresh = Search::new(i, &new, &s.query, s.backward);
            fresh.current = at.and_then(|at| {
                let k = fresh.matches.partition_point(|m| m.start < at);
                (k < fresh.matches.len())
                    .then_some(k)
                    .or(fresh.matches.len().checked_sub(1))
            });
            *s = fresh;
        }
        self.corpus.docs[i] = doc;
        // Quotations traced into its old text wait for the corpus step.
        for d in &mut self.corpus.docs {
            for q in &mut d.quotes {
                if q.source.as_ref().is_some_and(|s| s.doc == i) {
                    q.source = None;
                }
            }
        }
        if self.quoting.is_some_and(|((d, _), _)| d == i) {
            self.quoting = None;
        }
        self.quoted_by = super::state::quoted_by(&self.corpus);
        self.forget_layout(Some(i));
        self.place_notes(i);
        self.say(format!("reloaded {name}"), false);
        self.want_relink();
    }

    fn want_relink(&mut self) {
        self.follow.generation += 1;
        self.follow.relink = true;
    }

    fn say(&mut self, text: String, error: bool) {
        self.status = Some(Status { text, error });
    }
}

/// The last part of a path, as the status bar names a file.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Where bytes `range` of `old` are in `new`, found as a note is
/// re-anchored; where they are gone, their start carried.
fn carry_range(old: &str, new: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |t: &str, i: usize| crate::text::floor_char(t, i.min(t.len()));
    let (start, end) = (floor(old, range.start), floor(old, range.end));
    let chars = |b: usize| old[..b].chars().count();
    let to_bytes = |c: usize| new.char_indices().nth(c).map_or(new.len(), |(b, _)| b);
    let found = Target::from_span(old, chars(start), chars(end)).and_then(|t| {
        match reanchor_prepared(&t, &PreparedText::new(new)) {
            Anchoring::Unchanged => Some((t.position.start, t.position.end)),
            Anchoring::Moved { start, end } | Anchoring::Fuzzy { start, end, .. } => {
                Some((start, end))
            }
            Anchoring::Orphan => None,
        }
    });
    match found {
        Some((s, e)) => to_bytes(s)..to_bytes(e),
        None => {
            let s = carry_position(old, new, start);
            s..s
        }
    }
}

/// Where byte offset `pos` of `old` is in `new`: found by the text there
/// (up to the end of its line, with the text around it), as a note is
/// re-anchored; where that text is gone, the same offset as far as `new`
/// reaches.
pub fn carry_position(old: &str, new: &str, pos: usize) -> usize {
    let pos = crate::text::floor_char(old, pos.min(old.len()));
    if pos >= old.len() {
        return new.len();
    }
    let line_end = old[pos..].find('\n').map_or(old.len(), |n| pos + n);
    let mut end = crate::text::floor_char(old, (pos + 64).min(line_end));
    if end <= pos {
        // An empty line: its line break, so the place is still found.
        end = crate::text::next_char(old, pos);
    }
    let start_char = old[..pos].chars().count();
    let end_char = start_char + old[pos..end].chars().count();
    let fallback = crate::text::floor_char(new, pos.min(new.len()));
    let Some(target) = Target::from_span(old, start_char, end_char) else {
        return fallback;
    };
    let start = match reanchor_prepared(&target, &PreparedText::new(new)) {
        Anchoring::Unchanged => start_char,
        Anchoring::Moved { start, .. } | Anchoring::Fuzzy { start, .. } => start,
        Anchoring::Orphan => return fallback,
    };
    new.char_indices().nth(start).map_or(new.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Stage};

    #[test]
    fn a_position_follows_its_text_when_lines_are_added_above() {
        let old = "Intro.\n\nMODERATOR: We begin.\n\nMINISTER VALE: The harbour opens in May.\n";
        let new = "Intro.\n\nA new paragraph written above the place we were reading.\n\nMODERATOR: We begin.\n\nMINISTER VALE: The harbour opens in May.\n";
        let pos = old.find("MINISTER").unwrap();
        assert_eq!(carry_position(old, new, pos), new.find("MINISTER").unwrap());
        // The same offset would now be inside the new paragraph.
        assert_ne!(pos, new.find("MINISTER").unwrap());
        // Text removed: as far as the new text reaches.
        assert_eq!(carry_position(old, "Short.\n", pos), "Short.\n".len());
        assert_eq!(carry_position(old, new, old.len()), new.len());
        assert_eq!(carry_position(old, new, 0), 0);
        // A blank line.
        let blank = old.find("\n\nMIN").unwrap() + 1;
        assert_eq!(
            carry_position(old, new, blank),
            new.find("\n\nMIN").unwrap() + 1
        );
    }

    #[test]
    fn a_reload_keeps_the_place_says_so_and_a_new_file_joins() {
        let old = "Harbour notes\n\nFirst paragraph.\n\nSecond paragraph about cranes.\n";
        let mut state = AppState::new(Corpus::new(
            vec![Document::new("talks/notes.txt", old)],
            Vec::new(),
        ));
        state.views[0].top = old.find("Second").unwrap();
        let new = "Harbour notes\n\nAn inserted paragraph.\n\nFirst paragraph.\n\nSecond paragraph about cranes.\n";
        let generation = state.follow.generation;
        state.apply_follow(FollowEvent::Changed(Box::new(Document::new(
            "talks/notes.txt",
            new,
        ))));
        assert_eq!(&*state.corpus.docs[0].text, new);
        assert_eq!(state.views[0].top, new.find("Second").unwrap());
        assert_eq!(state.status.as_ref().unwrap().text, "reloaded notes.txt");
        assert!(state.follow.relink && state.follow.generation > generation);
        // A corpus step asked for before the change is not taken in; the
        // one asked for after it is.
        let links = || vec![crate::corpus::DocLinks::default()];
        assert_eq!(state.corpus.docs[0].stage, Stage::Analysed);
        state.apply_follow(FollowEvent::Linked {
            generation,
            links: links(),
        });
        assert_eq!(state.corpus.docs[0].stage, Stage::Analysed);
        state.apply_follow(FollowEvent::Linked {
            generation: state.follow.generation,
            links: links(),
        });
        assert_eq!(state.corpus.docs[0].stage, Stage::Linked);
        state.apply_follow(FollowEvent::Changed(Box::new(Document::new(
            "talks/new.txt",
            "A new file.\n",
        ))));
        assert_eq!(state.corpus.docs.len(), 2);
        assert_eq!(state.views.len(), 2);
        assert_eq!(state.status.as_ref().unwrap().text, "added new.txt");
        state.apply_follow(FollowEvent::Removed("talks/new.txt".into()));
        assert_eq!(
            state.status.as_ref().unwrap().text,
            "new.txt was deleted on disk"
        );
        assert_eq!(
            state.corpus.notices,
            ["talks/new.txt: deleted on disk: the text read before is still shown"]
        );
        // A file unknown to the corpus that goes away says nothing.
        state.status = None;
        state.apply_follow(FollowEvent::Removed("talks/other.txt".into()));
        assert!(state.status.is_none());
    }

    #[test]
    fn a_drag_going_on_when_its_document_shrinks_stays_inside_it() {
        let old = "A first line of some length.\n\nA second line.\n";
        let mut state = AppState::new(Corpus::new(vec![Document::new("a.txt", old)], Vec::new()));
        state.press = Some(old.find("second").unwrap());
        state.mode = Mode::Visual {
            anchor: old.len() - 2,
        };
        state.apply_follow(FollowEvent::Changed(Box::new(Document::new(
            "a.txt", "Short.\n",
        ))));
        assert!(state.press.is_some_and(|p| p <= "Short.\n".len()));
        assert!(matches!(state.mode, Mode::Visual { anchor } if anchor <= "Short.\n".len()));
    }

    #[test]
    fn a_new_note_being_written_stays_on_its_words_across_a_reload() {
        let old = "Harbour notes\n\nThe cranes arrive in May.\n";
        let mut state = AppState::new(Corpus::new(vec![Document::new("a.txt", old)], Vec::new()));
        let at = old.find("The cranes").unwrap();
        state.mode = Mode::Editor(Box::new(super::super::editor::NoteEditor::new(
            EditTarget::New {
                doc: 0,
                range: at..old.len() - 1,
            },
            "",
            crate::annotations::Colour::default(),
            "The cranes arrive in May.".into(),
        )));
        let new = "Harbour notes\n\nA paragraph added above.\n\nThe cranes arrive in May.\n";
        state.apply_follow(FollowEvent::Changed(Box::new(Document::new("a.txt", new))));
        let Mode::Editor(ed) = &state.mode else {
            panic!("the editor stays open")
        };
        let EditTarget::New { range, .. } = &ed.target else {
            panic!()
        };
        assert_eq!(&new[range.clone()], "The cranes arrive in May.");
    }

    #[test]
    fn one_corpus_step_runs_at_a_time_and_the_last_change_gets_one() {
        let mut f = FollowState::default();
        assert_eq!(f.take_relink(), None);
        f.generation = 1;
        f.relink = true;
        assert_eq!(f.take_relink(), Some(1));
        // Two more changes while it runs: nothing new starts.
        f.generation = 3;
        f.relink = true;
        assert_eq!(f.take_relink(), None);
        // It comes back (out of date): the step for the last change starts.
        let mut state = AppState::new(Corpus::default());
        state.follow = f;
        state.apply_follow(FollowEvent::Linked {
            generation: 1,
            links: Vec::new(),
        });
        assert_eq!(state.follow.take_relink(), Some(3));
        assert_eq!(state.follow.take_relink(), None);
    }
}
