//! Fuzz the whole reading path: bytes → decode → normalize → parse → JSON and outline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_align::{Document, report};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = Document::from_bytes(data, "fuzz.txt") {
        for m in &doc.measures {
            assert!(doc.source.get(m.span.start..m.span.end).is_some());
        }
        let _ = report::document_json(&doc, None);
        let _ = report::outline(&doc);
    }
});
