//! A JSON array written one element at a time, in the same bytes as
//! `serde_json::to_string_pretty` of the whole array followed by a newline:
//! a report of many documents never holds more than one document's JSON.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `[`, each element indented as the pretty printer would indent it
/// inside the array, and `]` at [`finish`](JsonArray::finish).
pub struct JsonArray<W: Write> {
    out: W,
    count: usize,
    /// One element's pretty JSON, reused.
    buf: Vec<u8>,
}

/// Pretty JSON one level deeper: pretty JSON has raw line breaks only
/// between tokens (a line break inside a string is written `\n`), so each
/// one is followed by two more spaces. Gathers what it writes in `buf` and
/// passes it on in blocks.
struct Indented<'a, W: Write> {
    out: &'a mut W,
    buf: &'a mut Vec<u8>,
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        for part in bytes.split_inclusive(|&b| b == b'\n') {
            self.buf.extend_from_slice(part);
            if part.ends_with(b"\n") {
                self.buf.extend_from_slice(b"  ");
            }
        }
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

impl<W: Write> JsonArray<W> {
    pub fn new(out: W) -> Self {
        JsonArray {
            out,
            count: 0,
            buf: Vec::new(),
        }
    }

    /// Writes one element, as it is serialised (never held whole).
    pub fn push(&mut self, item: &impl Serialize) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"[\n  " } else { b",\n  " })?;
        let mut indented = Indented {
            out: &mut self.out,
            buf: &mut self.buf,
        };
        serde_json::to_writer_pretty(&mut indented, item).map_err(io::Error::other)?;
        indented.flush()?;
        self.count += 1;
        Ok(())
    }

    /// Closes the array and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn streamed(items: &[Value]) -> String {
        let mut out = Vec::new();
        let mut a = JsonArray::new(&mut out);
        for i in items {
            a.push(i).unwrap();
        }
        a.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn whole(items: &[Value]) -> String {
        serde_json::to_string_pretty(&Value::Array(items.to_vec())).unwrap() + "\n"
    }

    #[test]
    fn the_same_bytes_as_the_whole_array() {
        let cases: Vec<Vec<Value>> = vec![
            vec![],
            vec![json!({})],
            vec![json!([])],
            vec![json!(1), json!("two\nlines \"quoted\""), json!(null)],
            vec![
                json!({"path": "a.txt", "quotes": [], "titles": [{"start": 1, "text": "x"}]}),
                json!({"path": "b\tc.txt", "quotes": [{"source": null, "kind": "full"}]}),
            ],
        ];
        for items in cases {
            assert_eq!(streamed(&items), whole(&items));
        }
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(("[a-z\n ]{0,6}", inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_array_streams_as_it_prints(items in prop::collection::vec(value(), 0..5)) {
            prop_assert_eq!(streamed(&items), whole(&items));
        }
    }
}
