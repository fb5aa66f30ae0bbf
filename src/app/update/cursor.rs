//! The reader's cursor: a row that `j` / `k` move, that every jump lands
//! on and that `v`, `A`, `T`, `e`, `y` act on. The view follows it with a
//! small margin; scrolling keeps it on screen.

use super::*;
use crate::reflow::RowKind;

/// Rows kept between the cursor and the edge of the reader while it moves
/// (fewer on a very short screen).
const SCROLL_MARGIN: usize = 2;

fn margin(rows: usize) -> usize {
    SCROLL_MARGIN.min(rows.saturating_sub(1) / 2)
}

/// Moves the cursor `delta` screen rows (gap rows between paragraphs are
/// stepped over), scrolling when it comes near an edge.
pub(super) fn move_cursor(state: &mut AppState, vp: &Viewports, delta: isize) {
    let c = state.view().cursor;
    let wrapped = state.wrapped_around(reader_cols(vp), c);
    let n = wrapped.rows.len();
    if n == 0 {
        return;
    }
    let mut row = clamp_step(wrapped.row_of(c), delta, n);
    let step: isize = if delta < 0 { -1 } else { 1 };
    while wrapped.rows[row].kind == RowKind::Gap {
        match row.checked_add_signed(step).filter(|r| *r < n) {
            Some(r) => row = r,
            None => break,
        }
    }
    set_cursor(state, wrapped.rows[row].range.start);
    follow_cursor(state, vp);
}

/// Scrolls so that the cursor is on screen, `SCROLL_MARGIN` rows from the
/// edges where the document allows.
pub(super) fn follow_cursor(state: &mut AppState, vp: &Viewports) {
    let rows = reader_rows(vp);
    let m = margin(rows);
    let c = state.view().cursor;
    let wrapped = state.wrapped_around(reader_cols(vp), c);
    if wrapped.rows.is_empty() {
        return;
    }
    let crow = wrapped.row_of(c);
    let trow = wrapped.row_of(state.view().top);
    let top = state.view().top;
    let new = if crow < trow + m || top > c {
        crow.saturating_sub(m)
    } else if crow + m >= trow + rows {
        (crow + m + 1).saturating_sub(rows)
    } else {
        return;
    };
    let pos = wrapped.rows[new.min(wrapped.rows.len() - 1)].range.start;
    if let Some(v) = state.view_mut() {
        v.top = pos;
    }
    scroll_reader(state, vp, 0);
}

/// After the view moved: the cursor is put back on screen (on the nearest
/// row shown) if the move left it off.
pub(super) fn keep_cursor_on_screen(
    state: &mut AppState,
    vp: &Viewports,
    wrapped: &crate::reflow::Wrapped,
    top_row: usize,
) {
    let rows = reader_rows(vp);
    let last = (top_row + rows).min(wrapped.rows.len()).saturating_sub(1);
    let c = state.view().cursor;
    let crow = wrapped.row_of(c);
    let row = if c < wrapped.rows[top_row].range.start {
        top_row
    } else if crow > last {
        last
    } else {
        return;
    };
    set_cursor(state, wrapped.rows[row].range.start);
}

/// Pages (or half pages) the reader: the view and the cursor move
/// together; at either end of the document the cursor goes on alone.
pub(super) fn page_reader(state: &mut AppState, vp: &Viewports, delta: isize) {
    let before = state.view();
    let cols = reader_cols(vp);
    let wrapped = state.wrapped(cols);
    let offset = wrapped
        .row_of(before.cursor)
        .saturating_sub(wrapped.row_of(before.top));
    scroll_reader(state, vp, delta);
    let after = state.view().top;
    if after == before.top {
        move_cursor(state, vp, delta);
        return;
    }
    let wrapped = state.wrapped(cols);
    let row = (wrapped.row_of(after) + offset).min(wrapped.rows.len().saturating_sub(1));
    if let Some(r) = wrapped.rows.get(row) {
        set_cursor(state, r.range.start);
    }
}

/// `g g` / `G` in the reader: the view and the cursor to the first or the
/// last row.
pub(super) fn reader_end(state: &mut AppState, vp: &Viewports, end: bool) {
    scroll_reader(state, vp, if end { isize::MAX / 2 } else { isize::MIN / 2 });
    let wrapped = state.wrapped(reader_cols(vp));
    let row = if end {
        wrapped
            .rows
            .iter()
            .rposition(|r| r.kind != RowKind::Gap)
            .unwrap_or(0)
    } else {
        0
    };
    if let Some(r) = wrapped.rows.get(row) {
        set_cursor(state, r.range.start);
    }
    // `G` on a large file's head: go on to the end of the whole text when
    // it arrives, unless the reader moves before.
    let partial = state
        .doc()
        .is_some_and(|d| d.stage == crate::corpus::Stage::Partial);
    if end && partial {
        state.end_pending = Some((state.open, state.view().cursor));
    }
}

/// Line `n` (from 1) of the open document in the reader; entry `n` of
/// the list or the sidebar when one of them is focused.
pub(super) fn go_to_line(state: &mut AppState, vp: &Viewports, n: usize) {
    let n = n.max(1);
    if state.focus != Pane::Reader {
        let pane = state.focus;
        move_by(state, vp, pane, isize::MIN / 2);
        move_by(state, vp, pane, n as isize - 1);
        return;
    }
    let Some(doc) = state.doc() else { return };
    let lines = &doc.structure.lines;
    let Some(line) = n.min(lines.len()).checked_sub(1).and_then(|i| lines.get(i)) else {
        return;
    };
    let pos = line.range.start;
    let msg = (n > lines.len()).then(|| format!("the document has {} lines", lines.len()));
    reveal(state, vp, pos);
    if let Some(text) = msg {
        set_error(state, text);
    }
}

/// `n` per cent of the way through the open document's lines, at the
/// start of the first line the status bar shows as `n`%.
pub(super) fn go_to_percent(state: &mut AppState, vp: &Viewports, n: usize) {
    if n == 0 {
        let key = state
            .keymap
            .hint(&Mode::Normal, Pane::Reader, &Action::GoToPercent(0))
            .unwrap_or_else(|| "%".into());
        set_error(state, format!("type a number first: 50{key} goes halfway"));
        return;
    }
    let Some(doc) = state.doc() else { return };
    // The line the status bar shows as `n`% (its count of lines).
    let line = doc.line_at_percent(n);
    let pos = doc.structure.lines.get(line).map_or(0, |l| l.range.start);
    state.focus = Pane::Reader;
    reveal(state, vp, pos);
}

/// A key typed at the `:` prompt.
pub(super) fn go_to_input(state: &mut AppState, vp: &Viewports, action: &Action) {
    let Mode::GoTo(typed) = &mut state.mode else {
        return;
    };
    match action {
        Action::SearchInput(c) => typed.push(*c),
        Action::SearchBackspace => {
            typed.pop();
        }
        Action::SearchSubmit => {
            let typed = std::mem::take(typed);
            state.mode = Mode::Normal;
            submit_go_to(state, vp, &typed);
        }
        _ => {}
    }
}

/// What was typed after `:`: a line number, or a share with `%`.
fn submit_go_to(state: &mut AppState, vp: &Viewports, typed: &str) {
    let typed = typed.trim();
    let (digits, percent) = match typed.strip_suffix('%') {
        Some(d) => (d.trim(), true),
        None => (typed, false),
    };
    match digits.parse::<usize>() {
        Ok(n) if percent => go_to_percent(state, vp, n),
        Ok(n) => {
            state.focus = Pane::Reader;
            go_to_line(state, vp, n);
        }
        Err(_) if typed.is_empty() => {}
        Err(_) => set_error(
            state,
            format!(
                "not a line number: {} (a number, or N% for a share of the document)",
                crate::sanitize::display(typed, 0)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};

    fn state(text: &str) -> AppState {
        AppState::new(Corpus::new(vec![Document::new("a.txt", text)], vec![]))
    }

    fn vp(rows: usize) -> Viewports {
        Viewports {
            reader_rows: rows,
            reader_cols: 40,
            ..Viewports::default()
        }
    }

    fn lines(n: usize) -> String {
        (0..n).map(|i| format!("line {i}\n")).collect()
    }

    fn cursor_line(s: &AppState) -> usize {
        s.doc().unwrap().line_of(s.view().cursor)
    }

    fn top_line(s: &AppState) -> usize {
        s.doc().unwrap().line_of(s.view().top)
    }

    #[test]
    fn j_moves_the_cursor_and_the_view_follows_keeping_a_margin() {
        let mut s = state(&lines(50));
        let v = vp(10);
        update(&mut s, &v, Action::Down(5));
        assert_eq!((cursor_line(&s), top_line(&s)), (5, 0), "the view stays");
        update(&mut s, &v, Action::Down(3));
        // Line 8 with two rows below it on a ten-row screen: top is line 1.
        assert_eq!((cursor_line(&s), top_line(&s)), (8, 1));
        update(&mut s, &v, Action::Up(6));
        assert_eq!((cursor_line(&s), top_line(&s)), (2, 0));
        update(&mut s, &v, Action::Down(100));
        assert_eq!(cursor_line(&s), 49, "stops on the last line");
        assert_eq!(top_line(&s), 40);
    }

    #[test]
    fn the_cursor_steps_over_the_gaps_between_paragraphs() {
        // One paragraph to a line: a gap row between each.
        let para = "A paragraph long enough to be written on one line of its own, as articles are, well past a hundred characters in all.";
        let text: String = (1..=4).map(|i| format!("{i}. {para}\n")).collect();
        let mut s = state(&text);
        assert!(s.doc().unwrap().structure.paragraph_gap);
        let v = Viewports {
            reader_cols: 200,
            ..vp(20)
        };
        update(&mut s, &v, Action::Down(1));
        assert_eq!(cursor_line(&s), 1);
        update(&mut s, &v, Action::Down(1));
        assert_eq!(cursor_line(&s), 2);
        update(&mut s, &v, Action::Up(1));
        assert_eq!(cursor_line(&s), 1, "k comes back over the gap");
    }

    #[test]
    fn paging_and_scrolling_keep_the_cursor_on_screen_and_ends_take_it_along() {
        let mut s = state(&lines(100));
        let v = vp(10);
        update(&mut s, &v, Action::Down(3));
        update(&mut s, &v, Action::PageDown);
        assert_eq!(top_line(&s), 9);
        assert_eq!(cursor_line(&s), 12, "the same row of the screen");
        s.focus = Pane::Reader;
        update(&mut s, &v, Action::Bottom);
        assert_eq!(cursor_line(&s), 99);
        update(&mut s, &v, Action::Top);
        assert_eq!((cursor_line(&s), top_line(&s)), (0, 0));
        // The wheel scrolls the view; the cursor is taken along at the edge.
        let mut vpw = v.clone();
        vpw.panes = vec![(Pane::Reader, ratatui::layout::Rect::new(0, 0, 40, 12))];
        for _ in 0..4 {
            update(
                &mut s,
                &vpw,
                Action::Scroll {
                    x: 1,
                    y: 1,
                    down: true,
                },
            );
        }
        assert_eq!(top_line(&s), 12);
        assert_eq!(cursor_line(&s), 12);
    }

    #[test]
    fn turn_jumps_go_on_from_the_cursor_and_land_on_it() {
        let text =
            "MODERATOR: Welcome.\nMINISTER ROE: Thank you.\nQUESTION: When?\nMINISTER ROE: Soon.\n";
        let mut s = state(text);
        let v = vp(20);
        update(&mut s, &v, Action::Down(2));
        assert_eq!(cursor_line(&s), 2);
        update(&mut s, &v, Action::NextTurn);
        assert_eq!(cursor_line(&s), 3, "the turn after the cursor");
        update(&mut s, &v, Action::PrevTurn);
        assert_eq!(cursor_line(&s), 2);
    }

    #[test]
    fn go_to_a_line_a_share_and_the_colon_prompt() {
        let even: String = (0..200).map(|i| format!("line {i:03}\n")).collect();
        let mut s = state(&even);
        let v = vp(10);
        update(&mut s, &v, Action::GoToLine(120));
        assert_eq!(cursor_line(&s), 119, "lines count from 1");
        update(&mut s, &v, Action::GoToPercent(50));
        assert_eq!(cursor_line(&s), 100);
        update(&mut s, &v, Action::GoToPercent(0));
        assert!(s.status.as_ref().unwrap().text.contains("50%"));
        update(&mut s, &v, Action::StartGoTo);
        for c in "42".chars() {
            update(&mut s, &v, Action::SearchInput(c));
        }
        update(&mut s, &v, Action::SearchSubmit);
        assert!(matches!(s.mode, Mode::Normal));
        assert_eq!(cursor_line(&s), 41);
        let top = top_line(&s);
        assert!(top <= 41 && 41 < top + 10, "on screen");
        update(&mut s, &v, Action::StartGoTo);
        update(&mut s, &v, Action::SearchInput('x'));
        update(&mut s, &v, Action::SearchSubmit);
        assert!(
            s.status
                .as_ref()
                .unwrap()
                .text
                .starts_with("not a line number")
        );
        update(&mut s, &v, Action::GoToLine(5000));
        assert_eq!(cursor_line(&s), 199);
        assert_eq!(
            s.status.as_ref().unwrap().text,
            "the document has 200 lines"
        );
    }

    #[test]
    fn a_counted_jump_is_repeated_and_stops_at_the_first_failure() {
        let text =
            "MODERATOR: Welcome.\nMINISTER ROE: Thank you.\nQUESTION: When?\nMINISTER ROE: Soon.\n";
        let mut s = state(text);
        let v = vp(20);
        let jump = |count| Action::Repeat {
            count,
            action: Box::new(Action::NextTurn),
            focus: None,
        };
        update(&mut s, &v, jump(2));
        assert_eq!(cursor_line(&s), 2);
        update(&mut s, &v, jump(9));
        assert_eq!(cursor_line(&s), 3);
        assert!(s.status.as_ref().unwrap().error, "says there is no more");
    }
}
