//! Pretty JSON written as it is made: an object whose large arrays (a corpus's documents, a
//! study's dyads) are serialized a chunk of items at a time, in parallel, and written in order,
//! so that memory holds one chunk and never the whole output. The bytes are those
//! `serde_json::to_string_pretty` gives for the same object built whole (keys in byte order, as
//! serde_json's maps keep them, two spaces an indent level).

use crate::error::{Error, Result};
use rayon::prelude::*;
use serde_json::Value;
use std::io::Write;

/// How many items of an array are serialized at once.
const CHUNK: usize = 256;

/// One value of a streamed object.
pub(super) enum Part<'a> {
    /// A value serialized whole.
    Value(Value),
    /// An array of `len` items, item `i` made by the function when it is written.
    Items(usize, &'a (dyn Fn(usize) -> Value + Sync)),
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
            Part::Items(len, item) => write_items(out, len, item)?,
        }
    }
    out.write_all(b"\n}\n").map_err(write_error)
}

/// An array at depth 1, its items at depth 2.
fn write_items(out: &mut dyn Write, len: usize, item: &(dyn Fn(usize) -> Value + Sync)) -> Result<()> {
    if len == 0 {
        return out.write_all(b"[]").map_err(write_error);
    }
    out.write_all(b"[").map_err(write_error)?;
    for start in (0..len).step_by(CHUNK) {
        let chunk: Vec<Vec<u8>> = (start..(start + CHUNK).min(len))
            .into_par_iter()
            .map(|i| pretty_at(&item(i), 2))
            .collect::<Result<_>>()?;
        for (k, bytes) in chunk.into_iter().enumerate() {
            let sep: &[u8] = if start + k == 0 { b"\n    " } else { b",\n    " };
            out.write_all(sep).map_err(write_error)?;
            out.write_all(&bytes).map_err(write_error)?;
        }
    }
    out.write_all(b"\n  ]").map_err(write_error)
}

/// A value pretty-printed as it reads at `depth` inside a pretty document: every line after the
/// first indented by `depth` levels. (A JSON string never holds a raw line break.)
fn pretty_at(v: &Value, depth: usize) -> Result<Vec<u8>> {
    let bytes = serde_json::to_vec_pretty(v).map_err(|e| inconsistent(&e))?;
    let indent = "  ".repeat(depth);
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    for (k, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            out.push(b'\n');
            out.extend_from_slice(indent.as_bytes());
        }
        out.extend_from_slice(line);
    }
    Ok(out)
}

fn inconsistent(e: &serde_json::Error) -> Error {
    Error::inconsistent(format!("a value that does not serialize as JSON: {e}"))
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
        let whole = json!({"documents": items, "agency_load": load, "none": [], "zero": null});
        let got = streamed(vec![
            ("zero", Part::Value(Value::Null)),
            ("documents", Part::Items(items.len(), &item)),
            ("none", Part::Items(0, &item)),
            ("agency_load", Part::Value(load.clone())),
        ]);
        assert_eq!(got, serde_json::to_string_pretty(&whole).unwrap() + "\n");
        assert_eq!(streamed(Vec::new()), "{}\n");
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
