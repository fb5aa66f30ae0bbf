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

/// Asks the store to save the editor's note. The editor stays open, saying
/// "saving…", until the store confirms (see `AppState::apply_store`); a
/// second save while one is on its way is not sent.
pub(super) fn save_editor(state: &mut AppState) {
    if state.notebook.records.is_none() {
        set_error(
            state,
            "notes cannot be saved: no data directory (use --data-dir)".into(),
        );
        return;
    }
    if let Some(reason) = state
        .notebook
        .records
        .as_ref()
        .and_then(|r| r.read_only.clone())
    {
        set_error(
            state,
            format!("not saved: the store is read-only: {reason}"),
        );
        return;
    }
    let token = state.notebook.next_token;
    let Mode::Editor(ed) = &mut state.mode else {
        return;
    };
    if ed.saving.is_some() {
        state.status = Some(Status {
            text: "saving… (already on its way)".into(),
            error: false,
        });
        return;
    }
    let note = ed.note();
    let colour = ed.colour;
    let effect = match &ed.target {
        EditTarget::New { doc, range } => {
            let Some(d) = state.corpus.docs.get(*doc) else {
                return;
            };
            let idx = crate::text::CharIndex::new(&d.text);
            let made = crate::annotations::Annotation::new(
                crate::annotations::DocumentRef::new(d.path.clone(), d.meta.title.clone(), &d.text),
                &d.text,
                idx.chars(range.start),
                idx.chars(range.end),
                colour,
                &note,
            );
            match made {
                Ok(mut annotation) => {
                    // Trying again replaces the first attempt, never adds.
                    match &ed.new_id {
                        Some(id) => annotation.id = id.clone(),
                        None => ed.new_id = Some(annotation.id.clone()),
                    }
                    Effect::SaveAnnotation {
                        token,
                        annotation: Box::new(annotation),
                    }
                }
                Err(e) => {
                    set_error(state, format!("not saved: {e}"));
                    return;
                }
            }
        }
        EditTarget::Existing { id } => Effect::UpdateAnnotation {
            token,
            id: id.clone(),
            note,
            colour,
        },
    };
    ed.saving = Some(token);
    state.notebook.next_token += 1;
    state.notebook.pending += 1;
    state.effects.push(effect);
}

/// The note `e` / `x` act on: in the reader, the one at the cursor; in the
/// sidebar, the one selected in the Notes tab.
fn note_to_change(state: &AppState) -> Result<String, &'static str> {
    if state.focus == Pane::Sidebar {
        return selected_note(state)
            .map(|e| e.id)
            .ok_or("select a note in the Notes tab first");
    }
    state
        .notebook
        .at(state.open, state.view().cursor)
        .map(|p| p.id.clone())
        .ok_or("no note at the cursor")
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
    let id = match note_to_change(state) {
        Ok(id) => id,
        Err(e) => return set_error(state, e.into()),
    };
    let Some(a) = state.notebook.get(&id) else {
        return;
    };
    let excerpt = crate::reflow::truncate(&a.target.quote.exact, 60);
    state.mode = Mode::Editor(Box::new(NoteEditor::new(
        EditTarget::Existing { id },
        &a.note,
        a.colour,
        excerpt,
    )));
}

/// Asks the store to delete the selected note; the Notes tab changes when
/// the store confirms.
pub(super) fn delete_note(state: &mut AppState) {
    let id = match note_to_change(state) {
        Ok(id) => id,
        Err(e) => return set_error(state, e.into()),
    };
    if state.notebook.records.is_none() {
        return;
    }
    state.notebook.pending += 1;
    state.effects.push(Effect::Delete { id });
}

/// Asks the store to bring back the note deleted last.
pub(super) fn undo_delete(state: &mut AppState) {
    let Some(id) = state.last_deleted.take() else {
        set_error(state, "nothing to undo".into());
        return;
    };
    if state.notebook.records.is_none() {
        return;
    }
    state.notebook.pending += 1;
    state.effects.push(Effect::UndoDelete { id });
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
