//! The files researchers have: the bundled pair as PDF (printed by Chromium), Word documents
//! (python-docx, Word's own list numbering, the annex as a real table) and government web pages
//! (one in GB2312), made by `scripts/format_fixtures.py` (see `tests/formats/README.md`). Each
//! reads as the text does; files that cannot be read say why.

mod common;

use policy_align::{AnnexEntry, Document, Pipeline, SourceFormat, evaluate, read_gold};
use std::path::PathBuf;

fn formats(name: &str) -> PathBuf {
    common::root().join("testsuite/tests/formats").join(name)
}

/// What must not change with the format: metadata, measures (ids, headings, text), mentions,
/// annex tasks.
fn summary(doc: &Document) -> String {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let m = &doc.meta;
    let mut out = format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}\n",
        m.title, m.doc_number, m.date, m.jurisdiction, m.issuers, m.recipients
    );
    for me in &doc.measures {
        let mentions: Vec<String> = me.mentions().map(|x| format!("{} {:?}", x.name, x.role)).collect();
        out += &format!(
            "{} {} | {} | {}\n",
            me.id,
            me.title,
            squeeze(&me.text),
            mentions.join(", ")
        );
    }
    for e in &doc.annex {
        if let AnnexEntry::Task(t) = e {
            let units: Vec<&str> = t.units.iter().map(|u| u.name.as_str()).collect();
            out += &format!("task {} {} | {}\n", t.number, t.task, units.join("、"));
        }
    }
    out
}

#[test]
fn the_bundled_pair_reads_the_same_from_every_format() {
    let text = &*common::DOCS;
    let gold_text = std::fs::read_to_string(common::root().join("corpus/gold_xiangshan_huizhou.json")).unwrap();
    let gold = read_gold(&gold_text, "gold").unwrap();
    let pipeline = Pipeline::new();
    for (ext, label) in [("pdf", "PDF"), ("docx", "DOCX"), ("html", "HTML")] {
        let docs: Vec<Document> = ["xiangshan", "huizhou"]
            .iter()
            .map(|d| Document::from_path(formats(&format!("{d}.{ext}"))).unwrap())
            .collect();
        for (doc, original) in docs.iter().zip(text) {
            assert!(doc.encoding.starts_with(label), "{}: {}", doc.name, doc.encoding);
            assert_eq!(summary(doc), summary(original), "{}", doc.name);
            // Every span points into the text extracted.
            for m in &doc.measures {
                let quoted = doc.quote(m.title_span).unwrap();
                let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                assert_eq!(squeeze(quoted), squeeze(&m.title), "{}", doc.name);
            }
        }
        assert_eq!((docs[0].measures.len(), docs[1].measures.len()), (21, 22));
        let tasks = docs[1].annex_tasks().count();
        assert_eq!(tasks, 8, "{ext}");
        let c = pipeline.compare(docs[0].clone(), docs[1].clone()).unwrap();
        let e = evaluate(&c.heading_pairs(), &gold, c.left(), c.right()).unwrap();
        assert!((e.f1 - 0.971).abs() < 0.001, "{ext}: {e}");
    }
}

/// A PDF whose fonts extract to radicals (⼭ for 山) reads as its text: the normalizer folds
/// them.
#[test]
fn radicals_of_cjk_fonts_fold_back() {
    let doc = Document::from_path(formats("radicals.pdf")).unwrap();
    assert!(doc.source.contains('⼭'), "the fixture still gives radicals");
    assert_eq!(doc.meta.title, "青山县关于加强山区民生工程建设的工作方案");
    assert_eq!(doc.meta.jurisdiction.as_deref(), Some("青山县"));
    let titles: Vec<&str> = doc.measures.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["加快山区道路建设", "保障民生用水", "加强组织领导"]);
    let names: Vec<&str> = doc.measures[0].mentions().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["县交通运输局", "县人民政府办公室"]);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    for (file, message) in [
        (
            "scan.pdf",
            "scan.pdf: a PDF document: no text layer (1 page of images, a scan?): OCR it first",
        ),
        (
            "legacy.doc",
            "legacy.doc: a legacy Office document (DOC, XLS or WPS): save it as DOCX or text first",
        ),
        ("corrupt.pdf", "corrupt.pdf: a PDF document: the PDF cannot be read ("),
        ("not_docx.zip", "not_docx.zip: a ZIP archive: unpack it first"),
        (
            "empty_page.html",
            "empty_page.html: a web page: no document text in it, only the site's navigation, header and footer",
        ),
    ] {
        let err = Document::from_path(formats(file)).unwrap_err().to_string();
        assert!(err.ends_with(message) || err.contains(message), "{file}: {err}");
    }
    assert_eq!(
        SourceFormat::sniff(&std::fs::read(formats("huizhou.html")).unwrap()),
        SourceFormat::Html
    );
    assert_eq!(
        SourceFormat::sniff(&std::fs::read(formats("xiangshan.docx")).unwrap()),
        SourceFormat::Docx
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static PDF: LazyLock<Vec<u8>> = LazyLock::new(|| std::fs::read(formats("xiangshan.pdf")).unwrap());
    static DOCX: LazyLock<Vec<u8>> = LazyLock::new(|| std::fs::read(formats("xiangshan.docx")).unwrap());
    static HTML: LazyLock<Vec<u8>> = LazyLock::new(|| std::fs::read(formats("huizhou.html")).unwrap());

    /// A file cut short, or with bytes changed: `(which file, cut at, changes)`.
    fn damage() -> impl Strategy<Value = (usize, f64, Vec<(f64, u8)>)> {
        (
            0usize..3,
            0.0f64..1.0,
            prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Truncated and mutated PDF, DOCX and HTML files: a document or an error naming the
        /// file, never a panic.
        #[test]
        fn damaged_files_never_panic((which, cut, changes) in damage()) {
            let original: &[u8] = [&PDF[..], &DOCX[..], &HTML[..]][which];
            let end = (((original.len() as f64) * cut) as usize + 8).min(original.len());
            let mut bytes = original[..end].to_vec();
            for (at, b) in changes {
                let i = ((bytes.len() as f64) * at) as usize % bytes.len();
                bytes[i] = b;
            }
            match Document::from_bytes(&bytes, "damaged") {
                Ok(doc) => prop_assert!(doc.measures.iter().all(|m| m.span.end <= doc.source.len())),
                Err(e) => prop_assert!(e.to_string().starts_with("damaged"), "{e}"),
            }
        }
    }
}
