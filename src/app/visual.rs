//! Motions of the selection in visual mode, over the document's text:
//! by word, sentence, line (a paragraph written on one line) and
//! paragraph (a run of lines up to a blank one).

/// Where a motion goes from byte `pos` of `text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    WordForward,
    WordBack,
    SentenceForward,
    SentenceBack,
    LineForward,
    LineBack,
    ParagraphForward,
    ParagraphBack,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Applies `motion` at `pos`; the result is always a char boundary.
pub fn apply(text: &str, pos: usize, motion: Motion) -> usize {
    let pos = pos.min(text.len());
    match motion {
        Motion::WordForward => {
            // To the end of the next word.
            let rest = &text[pos..];
            let mut it = rest.char_indices().skip_while(|(_, c)| !is_word(*c));
            let Some((start, _)) = it.next() else {
                return text.len();
            };
            let end = rest[start..]
                .char_indices()
                .find(|(_, c)| !is_word(*c))
                .map_or(rest.len(), |(i, _)| start + i);
            pos + end
        }
        Motion::WordBack => {
            let before = &text[..pos];
            let trimmed = before.trim_end_matches(|c: char| !is_word(c));
            trimmed
                .char_indices()
                .rev()
                .find(|(_, c)| !is_word(*c))
                .map_or(0, |(i, c)| i + c.len_utf8())
        }
        Motion::SentenceForward => {
            let rest = &text[pos..];
            let mut chars = rest.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let next = chars.peek().map(|(_, n)| *n);
                if c == '\n' && i > 0 {
                    return pos + i;
                }
                if matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace) && i > 0 {
                    return pos + i + 1;
                }
            }
            text.len()
        }
        Motion::SentenceBack => {
            let before = text[..pos].trim_end();
            let cut = before
                .char_indices()
                .rev()
                .skip(1)
                .find(|(_, c)| matches!(c, '.' | '!' | '?' | '\n'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            cut + (text[cut..pos].len() - text[cut..pos].trim_start().len())
        }
        Motion::LineForward => {
            let from = if text[pos..].starts_with('\n') {
                pos + 1
            } else {
                pos
            };
            text[from..].find('\n').map_or(text.len(), |i| from + i)
        }
        Motion::LineBack => {
            let before = text[..pos].strip_suffix('\n').unwrap_or(&text[..pos]);
            before.rfind('\n').map_or(0, |i| i + 1)
        }
        Motion::ParagraphForward => {
            let from = pos + text[pos..].len() - text[pos..].trim_start().len();
            text[from..].find("\n\n").map_or(text.len(), |i| from + i)
        }
        Motion::ParagraphBack => {
            let before = text[..pos].trim_end();
            before.rfind("\n\n").map_or(0, |i| i + 2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Motion::*;

    const T: &str = "First one. Second “quote” here!\nNext line\n\nNew para.";

    #[test]
    fn words_sentences_lines_paragraphs() {
        assert_eq!(&T[..apply(T, 0, WordForward)], "First");
        assert_eq!(&T[..apply(T, 5, WordForward)], "First one");
        assert_eq!(apply(T, 9, WordBack), 6);
        assert_eq!(&T[..apply(T, 0, SentenceForward)], "First one.");
        assert_eq!(
            &T[..apply(T, 11, SentenceForward)],
            "First one. Second “quote” here!"
        );
        let q = T.find("uote").unwrap();
        assert_eq!(&T[apply(T, q, SentenceBack)..q], "Second “q");
        assert_eq!(
            &T[..apply(T, 0, LineForward)],
            "First one. Second “quote” here!"
        );
        let e = T.find("e\n\n").unwrap();
        assert_eq!(&T[apply(T, e, LineBack)..e], "Next lin");
        assert_eq!(
            &T[..apply(T, 0, ParagraphForward)],
            "First one. Second “quote” here!\nNext line"
        );
        assert_eq!(apply(T, T.len(), ParagraphBack), T.find("New").unwrap());
    }
}
