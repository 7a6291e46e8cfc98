//! Pretty JSON written as it is made: an object whose large arrays (a corpus's documents, a
//! study's dyads) are serialized a chunk of items at a time, in parallel, and written in order,
//! so that memory holds one chunk and never the whole output. The bytes are those
//! `serde_json::to_string_pretty` gives for the same object built whole (keys in byte order, as
//! serde_json's maps keep them, two spaces an indent level).

use crate::error::{Error, Result};
use rayon::prelude::*;
use serde_json::Value;
use std::io::Write;

/// How many bytes of an array are serialized at once, about: a chunk of items is sized from
/// the items before it, so that small rows (passages) come in thousands and a corpus's
/// documents in tens.
const CHUNK_BYTES: usize = 8 << 20;

/// How many items of a chunk one task of the pool serializes, into one buffer.
const BATCH: usize = 16;

/// One value of a streamed object.
pub(super) enum Part<'a> {
    /// A value serialized whole.
    Value(Value),
    /// An array of `len` items, item `i` made by the function when it is written.
    Items(usize, &'a (dyn Fn(usize) -> Value + Sync)),
    /// An array of `len` items, item `i` written by the function as it reads at depth 2
    /// ([`pretty_into`]): for rows whose fields are declared in byte order of their keys, as
    /// serde_json orders a map's, which are written without being made into a [`Value`].
    Rows(usize, &'a (dyn Fn(usize, &mut Vec<u8>) -> Result<()> + Sync)),
    /// A value already written as it reads at depth 1 ([`pretty_into`]), without being made
    /// into a [`Value`]: for maps and rows whose fields are declared in byte order of their keys.
    Written(Vec<u8>),
}

/// The error of a failed write.
pub(super) fn write_error(source: std::io::Error) -> Error {
    Error::Output { source }
}

/// Writes `{ key: part, … }` followed by a line break, keys sorted as serde_json sorts them.
pub(super) fn write_object(out: &mut dyn Write, mut parts: Vec<(&str, Part)>) -> Result<()> {
    parts.sort_by(|a, b| a.0.cmp(b.0));
    if parts.is_empty() {
        return out.write_all(b"{}\n").map_err(write_error);
    }
    out.write_all(b"{").map_err(write_error)?;
    for (k, (key, part)) in parts.into_iter().enumerate() {
        let key = serde_json::to_string(key).map_err(|e| inconsistent(&e))?;
        let sep: &[u8] = if k == 0 { b"\n  " } else { b",\n  " };
        out.write_all(sep).map_err(write_error)?;
        out.write_all(key.as_bytes()).map_err(write_error)?;
        out.write_all(b": ").map_err(write_error)?;
        match part {
            Part::Value(v) => out.write_all(&pretty_at(&v, 1)?).map_err(write_error)?,
            Part::Items(len, item) => write_items(out, len, &|i, bytes| pretty_into(&item(i), 2, bytes))?,
            Part::Rows(len, row) => write_items(out, len, row)?,
            Part::Written(bytes) => out.write_all(&bytes).map_err(write_error)?,
        }
    }
    out.write_all(b"\n}\n").map_err(write_error)
}

/// An array at depth 1, its items at depth 2, each written by `item`: a chunk of about
/// [`CHUNK_BYTES`] at a time, in batches of [`BATCH`] items on the thread pool (rayon), each
/// chunk written out on this thread while the pool makes the next.
fn write_items(
    out: &mut dyn Write,
    len: usize,
    item: &(dyn Fn(usize, &mut Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    if len == 0 {
        return out.write_all(b"[]").map_err(write_error);
    }
    out.write_all(b"[").map_err(write_error)?;
    // The items `start..end`, each after its separator, a buffer a batch.
    let chunk = |start: usize, end: usize| -> Result<Vec<Vec<u8>>> {
        let batches: Vec<usize> = (start..end).step_by(BATCH).collect();
        batches
            .into_par_iter()
            .map(|first| {
                let mut bytes = Vec::with_capacity(BATCH * 512);
                for i in first..(first + BATCH).min(end) {
                    bytes.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                    item(i, &mut bytes)?;
                }
                Ok(bytes)
            })
            .collect()
    };
    let (mut pending, mut start, mut made) = (Vec::new(), 0, (0usize, 0usize));
    while start < len {
        // Items per chunk: a few batches first, then as many as fit the bytes of the items so far.
        let per_item = made.0.checked_div(made.1).unwrap_or(CHUNK_BYTES).max(1);
        let end = (start + (CHUNK_BYTES / per_item).max(2 * BATCH)).min(len);
        let previous: Vec<Vec<u8>> = std::mem::take(&mut pending);
        pending = std::thread::scope(|s| {
            let next = s.spawn(|| chunk(start, end));
            let written = previous.iter().try_for_each(|b| out.write_all(b)).map_err(write_error);
            let next = next.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            written.and(next)
        })?;
        made = (
            made.0 + pending.iter().map(Vec::len).sum::<usize>(),
            made.1 + end - start,
        );
        start = end;
    }
    pending.iter().try_for_each(|b| out.write_all(b)).map_err(write_error)?;
    out.write_all(b"\n  ]").map_err(write_error)
}

/// A value pretty-printed as it reads at `depth` inside a pretty document ([`pretty_into`]).
fn pretty_at(v: &Value, depth: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    pretty_into(v, depth, &mut out)?;
    Ok(out)
}

/// Appends `x` pretty-printed as it reads at `depth` inside a pretty document: every line
/// after the first indented by `depth` levels, as it is written. (A JSON string never holds
/// a raw line break.)
pub(super) fn pretty_into<T: serde::Serialize + ?Sized>(x: &T, depth: usize, out: &mut Vec<u8>) -> Result<()> {
    let indent = "  ".repeat(depth);
    let writer = Indented {
        out,
        indent: indent.as_bytes(),
    };
    let mut serializer = serde_json::Serializer::pretty(writer);
    x.serialize(&mut serializer).map_err(|e| inconsistent(&e))
}

/// A writer into a buffer that indents every line after the first.
struct Indented<'a> {
    out: &'a mut Vec<u8>,
    indent: &'a [u8],
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(k) = memchr::memchr(b'\n', rest) {
            self.out.extend_from_slice(&rest[..=k]);
            self.out.extend_from_slice(self.indent);
            rest = &rest[k + 1..];
        }
        self.out.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn inconsistent(e: &serde_json::Error) -> Error {
    Error::inconsistent(format!("a value that does not serialize as JSON: {e}"))
}

/// Whether `x` is written as the [`Value`] made of it is: whether its fields are declared in
/// the order serde_json gives a map's keys, so that it may be written as one of [`Part::Rows`].
#[cfg(test)]
pub(super) fn written_as_its_value<T: serde::Serialize>(x: &T) -> bool {
    let (mut direct, mut valued) = (Vec::new(), Vec::new());
    let value = serde_json::to_value(x).unwrap_or(Value::Null);
    pretty_into(x, 2, &mut direct).is_ok() && pretty_into(&value, 2, &mut valued).is_ok() && direct == valued
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn streamed(parts: Vec<(&str, Part)>) -> String {
        let mut out = Vec::new();
        write_object(&mut out, parts).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_bytes_of_the_whole_object_pretty_printed() {
        let items: Vec<Value> = (0..600)
            .map(|i| json!({"id": format!("d{i}"), "nested": {"list": [i, [], {}], "text": "a\nb"}}))
            .collect();
        let item = |i: usize| items[i].clone();
        let load = json!({"court": [{"document": 0, "lead": 1}], "empty": []});
        let whole = json!({"documents": items, "more": items, "agency_load": load, "none": [], "zero": null});
        let row = |i: usize, out: &mut Vec<u8>| pretty_into(&items[i], 2, out);
        let got = streamed(vec![
            ("zero", Part::Value(Value::Null)),
            ("documents", Part::Rows(items.len(), &row)),
            ("more", Part::Items(items.len(), &item)),
            ("none", Part::Items(0, &item)),
            ("agency_load", Part::Value(load.clone())),
        ]);
        assert_eq!(got, serde_json::to_string_pretty(&whole).unwrap() + "\n");
        assert_eq!(streamed(Vec::new()), "{}\n");
    }

    #[test]
    fn a_row_out_of_key_order_is_not_written_as_its_value() {
        #[derive(serde::Serialize)]
        struct Row {
            span: [usize; 2],
            chars: usize,
        }
        assert!(!written_as_its_value(&Row { span: [1, 2], chars: 1 }));
        assert!(written_as_its_value(&json!({"span": [1, 2], "chars": 1})));
    }

    #[test]
    fn a_failed_write_is_an_error_not_a_panic() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = write_object(&mut Full, vec![("a", Part::Value(json!(1)))]).unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
    }
}
