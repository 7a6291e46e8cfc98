//! Fuzz the whole reading path: bytes → decode → normalize → parse → JSON and outline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_align::Document;
use policy_align::report::{DocumentReport, Renderer, TextRenderer, document_json};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = Document::from_bytes(data, "fuzz.txt") {
        for m in &doc.measures {
            assert!(doc.quote(m.span).is_some());
        }
        let view = DocumentReport::new(&doc, None).expect("no agencies to mismatch");
        let _ = document_json(&view);
        let _ = TextRenderer::default().documents(&[view]);
    }
});
