//! Document text made safe and predictable for a terminal: one definition
//! of what each grapheme shows as and how many columns it takes, shared by
//! the reader's wrapping, its drawing and every command's plain-text output.
//!
//! Three kinds of character never reach the terminal as they are:
//!
//! - **Controls** (C0, DEL, C1: ESC starts escape sequences) and the
//!   **bidirectional embeddings, overrides and isolates** (U+202A–U+202E,
//!   U+2066–U+2069, which can make text display in an order other than the
//!   one it is read in — "Trojan Source") are shown as visible symbols.
//! - **Invisible characters whose width terminals disagree on** are
//!   dropped: the zero-width joiner (tmux joins the next character written
//!   into the cell before it, even after the cursor moved), variation
//!   selectors (`❤️` is 2 columns for `unicode-width`, 1 for tmux and
//!   xterm), emoji skin-tone modifiers after a base, tag characters, the soft
//!   hyphen (0 columns for `unicode-width`, 1 for tmux), zero-width spaces
//!   and joiners, direction marks and the byte-order mark. An emoji ZWJ
//!   sequence (👨‍👩‍👧) therefore shows as its parts side by side, which every
//!   terminal draws at the same width.
//! - **Tabs** expand to the next tab stop.
//!
//! What remains is laid out by `unicode-width`, grapheme by grapheme, the
//! way ratatui's buffer measures it: base characters with combining marks,
//! CJK, emoji, regional-indicator flags, Hangul syllables.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns between tab stops.
pub const TAB_STOP: usize = 8;

/// How one character of a grapheme is shown.
enum Shown {
    Keep,
    Drop,
    Picture(char),
}

/// Bidirectional embeddings, overrides and isolates (and their pops).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn shown(c: char, first: bool) -> Shown {
    match c as u32 {
        n @ 0..=0x1f => Shown::Picture(char::from_u32(0x2400 + n).unwrap_or('\u{fffd}')),
        0x7f => Shown::Picture('␡'),
        0x80..=0x9f => Shown::Picture('\u{fffd}'),
        _ if is_bidi_control(c) => Shown::Picture('\u{fffd}'),
        0xad
        | 0x61c
        | 0x180e
        | 0x200b..=0x200f
        | 0x2060..=0x2064
        | 0xfe00..=0xfe0f
        | 0xfeff
        | 0xfff9..=0xfffb
        | 0xe0000..=0xe007f
        | 0xe0100..=0xe01ef => Shown::Drop,
        // A skin tone after its base; alone it is a visible swatch.
        0x1f3fb..=0x1f3ff if !first => Shown::Drop,
        _ => Shown::Keep,
    }
}

/// Whether `s` holds anything that is not shown as it is.
fn needs_care(s: &str) -> bool {
    s.chars().enumerate().any(|(i, c)| {
        c == '\t'
            || (c as u32 >= 0xad || c.is_control()) && !matches!(shown(c, i == 0), Shown::Keep)
    })
}

/// Appends what grapheme `g` shows as (not a tab) to `out`.
fn push_grapheme(g: &str, out: &mut String) {
    for (i, c) in g.chars().enumerate() {
        match shown(c, i == 0) {
            Shown::Keep => out.push(c),
            Shown::Drop => {}
            Shown::Picture(p) => out.push(p),
        }
    }
}

/// Columns `s` (already safe) takes in ratatui's buffer and on a terminal.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Display width of one grapheme of a document at column `col`, as
/// [`display`] shows it.
pub fn grapheme_width(g: &str, col: usize) -> usize {
    if g == "\t" {
        return TAB_STOP - col % TAB_STOP;
    }
    if !needs_care(g) {
        return g.width();
    }
    let mut out = String::with_capacity(g.len());
    push_grapheme(g, &mut out);
    width(&out)
}

/// Text made safe for the terminal: tabs expanded from column `col`,
/// controls and bidirectional overrides replaced by visible symbols,
/// invisible characters of disputed width dropped.
pub fn display(s: &str, mut col: usize) -> Cow<'_, str> {
    if !needs_care(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for g in s.graphemes(true) {
        if g == "\t" {
            let w = TAB_STOP - col % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', w));
            col += w;
        } else {
            let from = out.len();
            push_grapheme(g, &mut out);
            col += width(&out[from..]);
        }
    }
    Cow::Owned(out)
}

/// One line of text for a single-line field (a title in a list): safe,
/// cut to `max` columns with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    let safe = display(s, 0);
    if width(&safe) <= max {
        return safe.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in safe.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > max {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    out
}

/// A path for a single-line field: safe, and when too long cut at the
/// start (`…/speeches/2024/opening.txt`), so the file's name stays.
pub fn truncate_start(s: &str, max: usize) -> String {
    let safe = display(s, 0);
    if width(&safe) <= max {
        return safe.into_owned();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut w = 0;
    for g in safe.graphemes(true).rev() {
        let gw = g.width();
        if w + gw + 1 > max {
            break;
        }
        kept.push(g);
        w += gw;
    }
    let mut out = String::from(if max > 0 { "…" } else { "" });
    out.extend(kept.into_iter().rev());
    out
}

/// Text for a command's plain-text output: every line made safe as
/// [`display`] does, line breaks kept.
pub fn plain(s: &str) -> Cow<'_, str> {
    if !s.split('\n').any(needs_care) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.split('\n')
            .map(|line| display(line, 0).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_symbols() {
        let shown = display("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{9b}d\u{7f}", 0);
        assert_eq!(shown, "a␛]0;pwned␇b␛[2Jc\u{fffd}d␡");
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(display("\u{feff}Title", 0), "Title");
    }

    #[test]
    fn bidirectional_overrides_and_isolates_are_shown_not_obeyed() {
        // "Trojan Source": an override that would show `admin` reversed.
        let s = "if user == \"\u{202e}nimda\u{2066}\u{2069}\u{202c}\" {";
        let shown = display(s, 0);
        assert!(!shown.chars().any(is_bidi_control), "{shown:?}");
        assert_eq!(shown.matches('\u{fffd}').count(), 4);
        for c in ['\u{202a}', '\u{202b}', '\u{202d}', '\u{2067}', '\u{2068}'] {
            assert_eq!(display(&c.to_string(), 0), "\u{fffd}");
        }
        assert_eq!(width(&shown), grapheme_sum(s));
    }

    fn grapheme_sum(s: &str) -> usize {
        let mut col = 0;
        for g in s.graphemes(true) {
            col += grapheme_width(g, col);
        }
        col
    }

    #[test]
    fn joiners_selectors_and_modifiers_are_dropped_so_terminals_agree() {
        // A stray joiner would make tmux swallow the next character.
        assert_eq!(display("Some\u{200d} text", 0), "Some text");
        // ZWJ sequences show as their parts, each two columns everywhere.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(display(family, 0), "\u{1f468}\u{1f469}\u{1f467}");
        assert_eq!(grapheme_width(family, 0), 6);
        // ❤️ is one column in tmux and xterm: shown without the selector.
        assert_eq!(display("\u{2764}\u{fe0f}", 0), "\u{2764}");
        assert_eq!(grapheme_width("\u{2764}\u{fe0f}", 0), 1);
        // A skin tone after its base goes; alone it stays.
        assert_eq!(display("\u{1f44d}\u{1f3fd}", 0), "\u{1f44d}");
        assert_eq!(display("\u{1f3fd}", 0), "\u{1f3fd}");
        // Soft hyphen: 0 columns for unicode-width, 1 for tmux.
        assert_eq!(display("co\u{ad}operate", 0), "cooperate");
        // What stays is measured as unicode-width measures it.
        for s in [
            "e\u{301}",
            "日本",
            "\u{1f1eb}\u{1f1f7}",
            "\u{1f389}",
            "\u{1100}\u{1161}",
        ] {
            assert_eq!(display(s, 0), s);
            assert_eq!(grapheme_sum(s), s.width(), "{s:?}");
        }
    }

    #[test]
    fn widths_of_what_is_shown_agree_with_how_it_is_measured() {
        let samples = [
            "plain ascii",
            "a\u{200d}b\u{fe0f}c\u{ad}d",
            "\u{1f469}\u{1f3fd}\u{200d}\u{1f4bb} at work",
            "x\u{e0067}\u{e007f}y",
            "\u{202e}abc\u{202c}\tz",
            "ta\tb\u{7}",
        ];
        for s in samples {
            let shown = display(s, 0);
            assert_eq!(width(&shown), grapheme_sum(s), "{s:?} → {shown:?}");
            assert_eq!(display(&shown, 0), shown, "shown text is stable: {s:?}");
        }
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(display("a\tb", 0), "a       b");
        assert_eq!(display("a\tb", 3), "a    b");
        assert_eq!(grapheme_width("\t", 6), 2);
    }

    #[test]
    fn truncate_start_keeps_the_end_of_a_path() {
        assert_eq!(truncate_start("a/b.txt", 10), "a/b.txt");
        assert_eq!(
            truncate_start("speeches/2024/opening.txt", 12),
            "…opening.txt"
        );
        assert_eq!(truncate_start("x/日本語.txt", 9), "…本語.txt");
        assert!(width(&truncate_start("x/日本語.txt", 9)) <= 9);
    }

    #[test]
    fn truncate_by_width_with_ellipsis() {
        assert_eq!(truncate("日本語の文章", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("\u{202e}evil", 10), "\u{fffd}evil");
    }

    #[test]
    fn plain_output_keeps_lines_and_shows_the_rest() {
        assert_eq!(plain("one\ntwo"), "one\ntwo");
        assert_eq!(plain("a\u{202e}b\n\u{1b}[2J"), "a\u{fffd}b\n␛[2J");
    }
}
