//! Making, editing and deleting annotations.

use super::*;

/// Opens the note editor for a new annotation on `range` (trimmed).
pub(super) fn open_editor_on(state: &mut AppState, range: std::ops::Range<usize>) {
    let Some(doc) = state.doc() else { return };
    let floor = |p: usize| crate::text::floor_char(&doc.text, p);
    let range = floor(range.start)..floor(range.end.max(range.start));
    let piece = &doc.text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    if start >= end {
        set_error(state, "nothing selected: extend the selection first".into());
        return;
    }
    let excerpt = crate::reflow::truncate(&doc.text[start..end], 60);
    state.mode = Mode::Editor(Box::new(NoteEditor::new(
        EditTarget::New {
            doc: state.open,
            range: start..end,
        },
        "",
        crate::annotations::Colour::default(),
        excerpt,
    )));
}

pub(super) fn save_editor(state: &mut AppState) {
    let Mode::Editor(ed) = &state.mode else {
        return;
    };
    let note = ed.note();
    let colour = ed.colour;
    let target = ed.target.clone();
    let Some(store) = state.notebook.store.as_mut() else {
        set_error(
            state,
            "notes cannot be saved: no data directory (use --data-dir)".into(),
        );
        return;
    };
    let result = match &target {
        EditTarget::New { doc, range } => {
            let d = &state.corpus.docs[*doc];
            let idx = crate::text::CharIndex::new(&d.text);
            crate::annotations::Annotation::new(
                crate::annotations::DocumentRef::new(d.path.clone(), d.meta.title.clone(), &d.text),
                &d.text,
                idx.chars(range.start),
                idx.chars(range.end),
                colour,
                &note,
            )
            .map_err(|e| e.to_string())
            .and_then(|a| store.add(a).map(|_| *doc).map_err(|e| e.to_string()))
        }
        EditTarget::Existing { id } => {
            let doc = state
                .corpus
                .docs
                .iter()
                .position(|d| store.get(id).is_some_and(|a| a.document.path == d.path))
                .unwrap_or(state.open);
            store
                .update(id, |a| {
                    a.note = note.clone();
                    a.colour = colour;
                    a.refresh_tags();
                })
                .map(|()| doc)
                .map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(doc) => {
            state.notebook.place(doc, &state.corpus.docs[doc]);
            state.mode = Mode::Normal;
            state.status = Some(Status {
                text: "note saved".into(),
                error: false,
            });
        }
        // The editor stays open: nothing typed is lost, and the store is
        // as the disk is, so Ctrl-s retries once and Esc leaves no trace.
        Err(e) => set_error(
            state,
            format!("note not saved (Ctrl-s retries, Esc discards): {e}"),
        ),
    }
}

pub(super) fn selected_note(state: &AppState) -> Option<crate::app::notes::NoteEntry> {
    if state.tab != SidebarTab::Notes {
        return None;
    }
    state
        .notebook
        .entries(state.open, state.notes_all, &state.notes_filter)
        .into_iter()
        .nth(state.sidebar_selected)
}

pub(super) fn edit_note(state: &mut AppState) {
    let Some(entry) = selected_note(state) else {
        set_error(state, "select a note in the Notes tab first".into());
        return;
    };
    let Some(a) = state.notebook.get(&entry.id) else {
        return;
    };
    let excerpt = crate::reflow::truncate(&a.target.quote.exact, 60);
    state.mode = Mode::Editor(Box::new(NoteEditor::new(
        EditTarget::Existing { id: entry.id },
        &a.note,
        a.colour,
        excerpt,
    )));
}

pub(super) fn delete_note(state: &mut AppState) {
    let Some(entry) = selected_note(state) else {
        set_error(state, "select a note in the Notes tab first".into());
        return;
    };
    let Some(store) = state.notebook.store.as_mut() else {
        return;
    };
    match store.delete(&entry.id) {
        Ok(()) => {
            state
                .notebook
                .place(entry.doc, &state.corpus.docs[entry.doc]);
            state.last_deleted = Some(entry.id);
            state.status = Some(Status {
                text: "note deleted — u undoes".into(),
                error: false,
            });
        }
        Err(e) => set_error(state, format!("not deleted: {e}")),
    }
}

pub(super) fn undo_delete(state: &mut AppState) {
    let Some(id) = state.last_deleted.take() else {
        set_error(state, "nothing to undo".into());
        return;
    };
    let Some(store) = state.notebook.store.as_mut() else {
        return;
    };
    let result = store.undo_delete(&id);
    if result.is_err() {
        // Still undoable once the problem is fixed.
        state.last_deleted = Some(id.clone());
    }
    let Some(store) = state.notebook.store.as_ref() else {
        return;
    };
    match result {
        Ok(()) => {
            let doc = state
                .corpus
                .docs
                .iter()
                .position(|d| store.get(&id).is_some_and(|a| a.document.path == d.path));
            if let Some(d) = doc {
                state.notebook.place(d, &state.corpus.docs[d]);
            }
            state.status = Some(Status {
                text: "note restored".into(),
                error: false,
            });
        }
        Err(e) => set_error(state, format!("cannot undo: {e}")),
    }
}

pub(super) fn go_to_note(state: &mut AppState, vp: &Viewports) {
    let Some(entry) = selected_note(state) else {
        return;
    };
    if entry.orphan {
        set_error(
            state,
            "orphaned: its text is no longer in the document; the note is kept".into(),
        );
        return;
    }
    let range = state.notebook.placed[entry.doc]
        .iter()
        .find(|p| p.id == entry.id)
        .map(|p| p.range.clone());
    if let Some(r) = range {
        state.selected = entry.doc;
        open(state, entry.doc);
        reveal(state, vp, r.start);
        set_cursor(state, r.start);
    }
}
