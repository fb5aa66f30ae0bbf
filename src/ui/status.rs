use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::{AppState, Mode, Viewports};
use crate::reflow::truncate;

/// The status bar: position, mode, the search being typed or its counter,
/// messages, key hints.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, vp: &Viewports, theme: &Theme) {
    let width = area.width as usize;
    let mut left: Vec<Span> = Vec::new();
    let mode = state.mode.label();
    left.push(Span::styled(format!(" {mode} "), theme.selected()));
    left.push(Span::raw(" "));
    if let Mode::Search(p) = &state.mode
        && p.corpus
    {
        // The corpus search being typed, with what it understands.
        let used: usize = left.iter().map(Span::width).sum();
        let room = width.saturating_sub(used + 3);
        let query = crate::sanitize::display(&state.corpus_query, 0);
        let shown = tail(&query, room.saturating_sub(8));
        left.push(Span::styled(format!("corpus: {shown}"), theme.key()));
        left.push(Span::raw("▏ "));
        let hint = "speaker:NAME entity:NAME kind:transcript re:REGEX";
        let used: usize = left.iter().map(Span::width).sum();
        if used + hint.len() + 2 <= width {
            left.push(Span::styled(hint, theme.dim()));
        }
        frame.render_widget(Paragraph::new(Line::from(left)), area);
        return;
    }
    if let (Mode::Search(_), Some(s)) = (&state.mode, &state.search) {
        // The prompt being typed wins the bar over everything else.
        let used: usize = left.iter().map(Span::width).sum();
        left.extend(search_prompt(s, width.saturating_sub(used), theme));
        frame.render_widget(Paragraph::new(Line::from(left)), area);
        return;
    }
    if let Mode::GoTo(typed) = &state.mode {
        // So does the line number being typed.
        let used: usize = left.iter().map(Span::width).sum();
        let room = width.saturating_sub(used + 2);
        let shown = crate::sanitize::truncate_start(typed, room);
        left.push(Span::styled(format!(":{shown}"), theme.key()));
        left.push(Span::raw("▏"));
        frame.render_widget(Paragraph::new(Line::from(left)), area);
        return;
    }
    if let Some(doc) = state.doc() {
        // The cursor line and how far through the lines it is, as `N%`
        // counts them (so `50%` shows 50%).
        let cursor_line = doc.line_of(state.view().cursor);
        let line = cursor_line + 1;
        let pct = doc.percent_of_line(cursor_line);
        left.push(Span::raw(format!(
            "line {line}/{} {pct}%  ",
            doc.line_count()
        )));
        let at = state.view().cursor;
        if let Some(t) = doc.turn_at(at).map(|i| &doc.speakers.turns[i]) {
            let mut who = t.json_speaker().to_string();
            if let Some(a) = &t.asker {
                who.push_str(" — ");
                who.push_str(a);
                if let Some(org) = &t.asker_affiliation {
                    who.push_str(", ");
                    who.push_str(org);
                }
            }
            if t.interpreted {
                who.push_str(" (interpreted)");
            }
            if let Some(time) = &t.time {
                who.push_str(" · ");
                who.push_str(time.strip_suffix(".000").unwrap_or(time));
            }
            let style = theme.speaker(state.palette.slot(&t.speaker));
            left.push(Span::styled(format!("▌{}  ", truncate(&who, 60)), style));
            let turn = doc.turn_at(at).unwrap_or(0);
            if let Some(q) = state.quoted_by.get(&(state.open, turn)) {
                left.push(Span::styled(
                    format!("❝ quoted {}× (a)  ", q.len()),
                    theme.dim(),
                ));
            }
        } else if let Some(i) = crate::app::current_quote(state, vp.reader_rows, vp.reader_cols) {
            let q = &doc.quotes[i];
            let who = q.quote.speaker.as_deref().unwrap_or(crate::corpus::UNKNOWN);
            let source = match &q.source {
                Some(s) if s.verbatim => "verbatim from the transcript (s)",
                Some(_) => "altered from the transcript (s)",
                None => "no source in the corpus",
            };
            let style = theme.speaker(state.palette.slot(who));
            left.push(Span::styled(format!("❝{}  ", truncate(who, 30)), style));
            left.push(Span::styled(format!("{source}  "), theme.dim()));
        }
    }
    if let (Mode::Visual { anchor }, Some(doc)) = (&state.mode, state.doc()) {
        // What Enter would annotate: anchor to cursor, not the one
        // character shown under an empty selection.
        let c = state.view().cursor;
        let (a, b) = (anchor.min(&c), anchor.max(&c));
        let t = &doc.text;
        let n = t[crate::text::floor_char(t, *a)..crate::text::floor_char(t, *b)]
            .chars()
            .count();
        left.push(Span::styled(
            format!("{n} characters selected  "),
            theme.key(),
        ));
    } else if let Some(a) = state
        .notebook
        .at(state.open, state.view().cursor)
        .and_then(|p| state.notebook.get(&p.id))
    {
        let text = format!("{}  ", truncate(&format!("✎ {}", a.summary()), 58));
        left.push(Span::styled(text, theme.key()));
    }
    match (&state.mode, &state.search) {
        (_, Some(s)) if s.doc == state.open && s.current.is_some() => {
            let room = width.saturating_sub(left.iter().map(Span::width).sum());
            let text = with_counter("/", &s.query, 40, " ", &s.counter(), room);
            left.push(Span::styled(text, theme.dim()));
        }
        _ => {}
    }
    if let Some(c) = state
        .corpus_search
        .as_ref()
        .filter(|c| !c.done || c.current.is_some())
    {
        let at = match c.current {
            Some(i) if c.done => format!("{}/{}", i + 1, c.kept()),
            _ => c.summary(),
        };
        let room = width.saturating_sub(left.iter().map(Span::width).sum());
        let text = with_counter("F ", &c.query, 24, ": ", &at, room);
        left.push(Span::styled(text, theme.dim()));
    }
    // A change on its way to the annotation store says so until it is
    // confirmed, whatever keys are pressed meanwhile.
    let saving =
        (state.status.is_none() && state.notebook.pending > 0).then(|| crate::app::Status {
            text: "saving…".into(),
            error: false,
        });
    if let Some(msg) = state.status.as_ref().or(saving.as_ref()) {
        let style = if msg.error {
            theme.error()
        } else {
            theme.dim()
        };
        let used: usize = left.iter().map(Span::width).sum();
        left.push(Span::styled(
            truncate(&msg.text, width.saturating_sub(used + 1)),
            style,
        ));
    }
    if let Some(l) = state.loading.as_ref().filter(|l| !l.finished) {
        let used: usize = left.iter().map(Span::width).sum();
        let text = format!("⟳ {}  ", l.describe());
        if used + text.chars().count() <= width {
            left.push(Span::styled(text, theme.key()));
        }
    }
    let hints = super::hints::line(state);
    let used: usize = left.iter().map(Span::width).sum();
    let hints_width = unicode_width::UnicodeWidthStr::width(hints.as_str());
    if used + hints_width <= width {
        left.push(Span::raw(" ".repeat(width - used - hints_width)));
        left.push(Span::styled(hints, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}

/// `{prefix}{query}{sep}{counter}  ` for the status bar: the query cut to
/// `most` columns, and further to leave the counter in `room` columns (a
/// narrow bar loses the end of the query, not the position in the matches).
fn with_counter(
    prefix: &str,
    query: &str,
    most: usize,
    sep: &str,
    counter: &str,
    room: usize,
) -> String {
    let w = unicode_width::UnicodeWidthStr::width;
    let fixed = w(prefix) + w(sep) + w(counter) + 2;
    let shown = truncate(query, most.min(room.saturating_sub(fixed).max(2)));
    format!("{prefix}{shown}{sep}{counter}  ")
}

/// The end of `s` that fits in `room` columns, with `…` in front when cut.
fn tail(s: &str, room: usize) -> String {
    let mut shown: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > room {
            if let Some(first) = shown.last_mut() {
                *first = '…';
            }
            break;
        }
        w += cw;
        shown.push(c);
    }
    shown.into_iter().rev().collect()
}

/// The search being typed and its counter in `room` columns: the end of a
/// long query (where the typing is) rather than its start.
fn search_prompt<'a>(s: &crate::app::Search, room: usize, theme: &Theme) -> Vec<Span<'a>> {
    let prompt = if s.backward { '\\' } else { '/' };
    let counter = s.counter();
    let style = if s.current.is_none() && !s.query.is_empty() {
        theme.error()
    } else {
        theme.dim()
    };
    let query = crate::sanitize::display(&s.query, 0);
    let counter_width = unicode_width::UnicodeWidthStr::width(counter.as_str());
    // The prompt character, the query, the cursor bar and a space.
    let counter_room = if room >= counter_width + 12 {
        counter_width
    } else {
        0
    };
    let query_room = room.saturating_sub(counter_room + 3);
    let mut shown: Vec<char> = Vec::new();
    let mut w = 0;
    for c in query.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > query_room {
            if let Some(first) = shown.last_mut() {
                *first = '…';
            }
            break;
        }
        w += cw;
        shown.push(c);
    }
    let query: String = shown.into_iter().rev().collect();
    let mut out = vec![
        Span::styled(format!("{prompt}{query}"), theme.key()),
        Span::raw("▏ "),
    ];
    if counter_room > 0 {
        out.push(Span::styled(counter, style));
    }
    out
}
