//! Copying to the system clipboard through the terminal: OSC 52, which
//! works over SSH and, with tmux's help, inside tmux. Building the escape
//! sequence is pure; the event loop writes it.
//!
//! Inside tmux (`$TMUX` set) the sequence is sent twice: as it is, which
//! tmux takes when its `set-clipboard` option is `on`, and wrapped in tmux's
//! passthrough (`ESC P tmux; … ESC \`), which reaches the outer terminal
//! when `allow-passthrough` is `on`. Either setting is enough.

use base64::Engine;

/// Text larger than this is not sent: terminals cap OSC 52 payloads
/// (xterm at about 100 kB of base64), and a longer one is dropped whole.
pub const MAX_BYTES: usize = 74_000;

/// The escape sequence that puts `text` on the clipboard (`c`), and inside
/// tmux the same wrapped for passthrough after it.
pub fn osc52(text: &str, tmux: bool) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{payload}\x07");
    if !tmux {
        return plain;
    }
    // In passthrough every ESC of the inner sequence is doubled.
    let inner = plain.replace('\x1b', "\x1b\x1b");
    format!("{plain}\x1bPtmux;{inner}\x1b\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(b64: &str) -> String {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_sequence_carries_the_text_in_base64_and_nothing_raw() {
        let text = "“We are watching” — Antony Blinken\n\x1b[31mred\x07";
        let seq = osc52(text, false);
        let body = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        assert_eq!(decode(body), text);
    }

    #[test]
    fn inside_tmux_it_is_sent_plain_and_wrapped_for_passthrough() {
        let seq = osc52("hi", true);
        let plain = osc52("hi", false);
        assert!(seq.starts_with(&plain));
        let wrapped = &seq[plain.len()..];
        assert_eq!(wrapped, "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
    }
}
