//! Bad input never panics: arbitrary strings and bytes, and random mutations of the bundled
//! documents, parse to a document or to an error; every span a parse returns is valid.

mod common;

use policy_align::report::{DocumentReport, Renderer, TextRenderer};
use policy_align::{AnnexEntry, Document, Span, corpus};
use proptest::prelude::*;

/// The invariants of any successful parse.
fn check(doc: &Document) {
    let valid = |s: Span| s.start <= s.end && doc.source.get(s.start..s.end).is_some();
    let mut ids = std::collections::HashSet::new();
    for m in &doc.measures {
        assert!(ids.insert(m.id.clone()), "duplicate id {}", m.id);
        assert!(valid(m.span) && valid(m.title_span), "{}: {:?}", m.id, m.span);
        assert!(m.title_span.start >= m.span.start && m.title_span.end <= m.span.end.max(m.title_span.end));
        for c in m.clauses() {
            assert!(valid(c.span));
            for mention in &c.mentions {
                assert!(valid(mention.span), "{}: {:?}", mention.text, mention.span);
                assert!(!mention.text.is_empty());
            }
        }
    }
    for s in &doc.sections {
        assert!(valid(s.span));
    }
    for c in &doc.cited {
        assert!(valid(c.span));
    }
    for e in &doc.annex {
        match e {
            AnnexEntry::Task(t) => {
                assert!(valid(t.span));
                assert!(t.units.iter().all(|u| valid(u.span)));
            }
            AnnexEntry::Member(r) => assert!(valid(r.span)),
            AnnexEntry::Note(n) => assert!(valid(n.span)),
            _ => {}
        }
    }
    // The JSON and the outline render without panicking.
    let registry = policy_align::AgencyRegistry::new();
    let agencies = registry.resolve_document(doc);
    let view = DocumentReport::new(doc, Some(&agencies)).unwrap();
    let _ = policy_align::report::document_json(&view);
    let _ = TextRenderer::default().documents(&[view]).unwrap();
}

/// Characters that drive the parser: numbering, brackets, clause words, white space.
fn pieces() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "一、",
        "（一）",
        "(二)",
        "( 六)",
        "1.",
        "2、",
        "3．",
        "（1）",
        "①",
        "第一条",
        "第二章",
        "第一节",
        "〔",
        "〕",
        "（",
        "）",
        "(",
        ")",
        "【",
        "】",
        "《",
        "》",
        "〈",
        "〉",
        "、",
        "，",
        "。",
        "；",
        "：",
        ":",
        "责任单位：",
        "牵头单位：",
        "配合单位：",
        "按职责分工负责",
        "负责",
        "等",
        "各级党委、政府",
        "市公安局",
        "区法院",
        "附件",
        "附件：",
        "1",
        "12",
        "2021年10月12日",
        "相区办发〔2021〕40号",
        "\n",
        "\n\n",
        " ",
        "\u{a0}",
        "\u{3000}",
        "\r\n",
        "- 3 -",
        "知识产权",
        "保护",
        "的通知",
        "印发《",
        "》的通知",
        "中共",
        "办公室",
        "   ",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        if let Ok(doc) = Document::from_text(&text, "arbitrary.txt") {
            check(&doc);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(doc) = Document::from_bytes(&bytes, "arbitrary.bin") {
            check(&doc);
        }
    }

    #[test]
    fn structured_garbage_never_panics(parts in prop::collection::vec(pieces(), 0..80)) {
        let text = parts.concat();
        if let Ok(doc) = Document::from_text(&text, "pieces.txt") {
            check(&doc);
        }
    }

    #[test]
    fn mutated_bundled_documents_never_panic(
        which in 0usize..2,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, pieces()), 1..25),
    ) {
        let mut chars: Vec<char> = corpus::BUNDLED[which].text.chars().collect();
        for (at, op, piece) in edits {
            let i = at.index(chars.len() + 1);
            match op {
                // delete a run
                0 => { let end = (i + 5).min(chars.len()); chars.drain(i.min(end)..end); }
                // insert a piece
                1 => { for (k, c) in piece.chars().enumerate() { chars.insert((i + k).min(chars.len()), c); } }
                // replace a char
                2 if i < chars.len() => { chars[i] = piece.chars().next().unwrap_or(' '); }
                // cut the document short
                _ => chars.truncate(i),
            }
        }
        let text: String = chars.into_iter().collect();
        match Document::from_text(&text, corpus::BUNDLED[which].name) {
            Ok(doc) => check(&doc),
            Err(e) => prop_assert!(e.to_string().starts_with(corpus::BUNDLED[which].name)),
        }
    }

    /// Noise of any strength on a bundled document still gives a document whose spans are valid.
    #[test]
    fn noised_bundled_documents_keep_valid_spans(which in 0usize..2, seed in any::<u64>(), wrap in 0usize..50, spaces in 0u32..200) {
        let noise = common::Noise { wrap: if wrap < 15 { 0 } else { wrap }, spaces, halfwidth: seed % 2 == 0, page_every: (seed % 50) as usize, indent: seed % 3 == 0 };
        let text = common::pdf_noise(corpus::BUNDLED[which].text, seed, noise);
        let doc = Document::from_text(&text, "noisy.txt").unwrap();
        check(&doc);
        prop_assert!(!doc.measures.is_empty());
    }
}

/// Inputs the fuzzer found; each once panicked.
#[test]
fn fuzz_regressions() {
    for input in [&b"0."[..], b"0.\x9c", b"00.\n1.", "（0）\n（1）".as_bytes()] {
        if let Ok(doc) = Document::from_bytes(input, "fuzz.txt") {
            check(&doc);
        }
    }
}
