//! Public functions that take indices or inputs that must belong together return an error on
//! inconsistent inputs, and never panic: proptests feed them indices out of range, resolutions
//! of another document, alignments of other documents, ragged matrices and foreign spans.

mod common;

use policy_align::report::DocumentReport;
use policy_align::{
    AgencyIndex, AgencyRegistry, Aligner, Crosswalk, Document, FeatureSet, Gold, GoldLink, LinkKind, Pipeline,
    PolicyGraph, ScoreMatrix, Scorer, Span, Strategy, Strength, choose_pairs, evaluate, normalize,
};
use proptest::prelude::*;
use std::sync::LazyLock;

use common::SEGMENTER;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().learn_agency_names(false).build());

/// A document of `measures` numbered measures, each naming some of a few bodies.
fn document(name: &str, measures: &[(usize, usize)]) -> Document {
    let bodies = ["市公安局", "市法院", "市市场监管局", "市委宣传部", "市司法局"];
    let topics = ["加强执法", "宣传引导", "人才培养", "维权援助", "信用监管", "快速处理"];
    let mut text = format!("{name}关于强化知识产权保护的措施\n一、主要措施\n");
    for (k, &(topic, agencies)) in measures.iter().enumerate() {
        let clause: Vec<&str> = bodies.iter().copied().take(agencies % (bodies.len() + 1)).collect();
        let clause = if clause.is_empty() {
            String::new()
        } else {
            format!("〔责任单位：{}按职责分工负责〕", clause.join("、"))
        };
        let t = topics[topic % topics.len()];
        text += &format!("{}.{t}。推进{t}工作，建立{t}机制。{clause}\n", k + 1);
    }
    Document::from_text(&text, name).unwrap()
}

fn shape() -> impl proptest::strategy::Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0usize..6, 0usize..6), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Resolutions, features, alignments and graphs made for documents A and B, handed over
    /// with documents C and D (other names, other shapes): every function says no.
    #[test]
    fn other_documents_are_refused(a in shape(), b in shape(), c in shape(), d in shape()) {
        let (da, db) = (document("甲市", &a), document("乙市", &b));
        let (dc, dd) = (document("丙市", &c), document("丁市", &d));
        let (ra, rb) = (REGISTRY.resolve_document(&da), REGISTRY.resolve_document(&db));
        // The agencies of A with document C.
        prop_assert!(ra.check(&dc).is_err());
        prop_assert!(ra.mentions(&dc).is_err());
        prop_assert!(DocumentReport::new(&dc, Some(&ra)).is_err());
        prop_assert!(FeatureSet::build(&SEGMENTER, &[&dc, &dd], &[ra.clone(), rb.clone()]).is_err());
        prop_assert!(FeatureSet::build(&SEGMENTER, &[&da, &db], std::slice::from_ref(&ra)).is_err());
        prop_assert!(AgencyIndex::build(&REGISTRY, &[&dc], std::slice::from_ref(&ra)).is_err());
        prop_assert!(AgencyIndex::build(&REGISTRY, &[&da, &db], std::slice::from_ref(&ra)).is_err());
        prop_assert!(Crosswalk::new(&REGISTRY, (&dc, &ra), (&db, &rb)).is_err());
        // What belongs together is accepted.
        prop_assert!(Crosswalk::new(&REGISTRY, (&da, &ra), (&db, &rb)).is_ok());
        prop_assert!(AgencyIndex::build(&REGISTRY, &[&da, &db], &[ra.clone(), rb.clone()]).is_ok());

        // An alignment of A and B with documents C and D.
        let ab = PIPELINE.compare(da.clone(), db.clone()).unwrap();
        // A pair fits other documents only where they have a measure of that id at that place.
        let at = |doc: &Document, k: usize, id: &str| doc.measures.get(k).is_some_and(|m| m.id == id);
        let fit = ab.alignment().pairs.iter().all(|p| at(&dc, p.left_index, &p.left) && at(&dd, p.right_index, &p.right));
        let (rc, rd) = (REGISTRY.resolve_document(&dc), REGISTRY.resolve_document(&dd));
        let graph = PolicyGraph::from_pair(&REGISTRY, (&dc, &rc), (&dd, &rd), ab.alignment());
        prop_assert_eq!(graph.is_ok(), fit);
        prop_assert_eq!(ab.alignment().heading_pairs(&dc, &dd).is_ok(), fit);
        prop_assert!(PolicyGraph::from_pair(&REGISTRY, (&dc, &ra), (&dd, &rd), ab.alignment()).is_err());
        prop_assert!(ab.alignment().heading_pairs(&da, &db).is_ok());

        // Corpus clusters of A, B with C, D.
        let corpus = PIPELINE.corpus(vec![da.clone(), db.clone()]).unwrap();
        let g = PolicyGraph::from_corpus(&REGISTRY, &[&dc, &dd], &[rc.clone(), rd.clone()], corpus.alignment());
        let fits = |doc: &Document, k: usize| corpus.alignment().clusters.iter().flat_map(|c| &c.members).filter(|m| m.0 == k).all(|(_, id)| doc.measure(id).is_some());
        prop_assert_eq!(g.is_ok(), fits(&dc, 0) && fits(&dd, 1));
        prop_assert!(PolicyGraph::from_corpus(&REGISTRY, &[&dc], &[rc.clone(), rd.clone()], corpus.alignment()).is_err());

        // Features of A, B asked about C's measures.
        let features = ab.features();
        let other = FeatureSet::build(&SEGMENTER, &[&dc, &dd], &[rc, rd]).unwrap();
        let x = &other.docs[0][0];
        let y = &features.docs[1][0];
        let same = features.docs[0][0].id == x.id;
        prop_assert!(same || features.shared_terms(x, y, 5).is_err());
        prop_assert!(features.shared_terms(&features.docs[0][0], y, 5).is_ok());
    }

    /// Indices out of range give an error or nothing, never a panic.
    #[test]
    fn indices_out_of_range(a in shape(), b in shape(), i in 0usize..6, j in 0usize..6, m in 0usize..9) {
        let c = PIPELINE.compare(document("甲市", &a), document("乙市", &b)).unwrap();
        let features = c.features();
        let scorer = Scorer::default();
        prop_assert_eq!(scorer.matrix(features, i, j).is_ok(), i < 2 && j < 2);
        prop_assert_eq!(Aligner::default().align(features, i, j).is_ok(), i < 2 && j < 2);
        prop_assert_eq!(features.measure(i, m).is_some(), i < 2 && m < features.docs[i].len());
        let graph = c.graph();
        let measures = [a.len(), b.len()];
        prop_assert_eq!(graph.agencies_of(i, m).is_ok(), i < 2 && m < measures[i]);
        prop_assert_eq!(graph.document_label(i).is_some(), i < 2);
        let _ = graph.measure_title(i, &format!("1.{m}"));
        prop_assert!(features.bigram(u32::MAX).is_none());
        prop_assert!(features.words.term(u32::MAX).is_none());
        if let Ok(matrix) = scorer.matrix(features, 0, 1) {
            prop_assert!(matrix.get(i, m).is_some() == (i < matrix.rows() && m < matrix.cols()));
        }
    }

    /// Score matrices: ragged rows and non-numbers are refused; any accepted one is safe to
    /// assign, whatever the strategy and threshold.
    #[test]
    fn score_matrices(rows in prop::collection::vec(prop::collection::vec(0.0f64..1.0, 0..6), 0..6), t in -1.0f64..2.0) {
        let ragged = rows.windows(2).any(|w| w[0].len() != w[1].len());
        let m = ScoreMatrix::new(0, 1, rows.clone());
        prop_assert_eq!(m.is_err(), ragged);
        if let Ok(m) = m {
            for strategy in [Strategy::OneToOne, Strategy::MutualBest, Strategy::ManyToMany] {
                for (i, j) in choose_pairs(&m, strategy, t) {
                    prop_assert!(m.get(i, j).is_some());
                }
            }
        }
        let mut nan = rows;
        if let Some(cell) = nan.iter_mut().flatten().next() {
            *cell = f64::NAN;
            prop_assert!(ScoreMatrix::new(0, 1, nan).is_err());
        }
    }

    /// Spans and ranges that are not a document's: quotes and mapped spans say so.
    #[test]
    fn foreign_spans(start in 0usize..400, len in 0usize..50, text in "\\PC{0,120}") {
        let doc = document("甲市", &[(1, 2), (3, 4)]);
        let span = Span::new(start, start + len);
        let quoted = doc.quote(span);
        prop_assert_eq!(quoted.is_some(), doc.source.get(start..start + len).is_some());
        let norm = normalize(&doc.source);
        let _ = norm.source_span(start..start + len, &doc.source);
        let _ = norm.source_span(start + len..start, &doc.source);
        prop_assert!(norm.source_span(0..norm.text.len().min(3), &text).is_err() || text.len() == doc.source.len());
        let other = normalize(&text);
        for p in &other.paragraphs {
            let _ = norm.paragraph_text(p);
        }
        // A gold that names headings of no measure is an error, never a panic.
        let gold = Gold {
            pairs: vec![GoldLink { left: text.clone(), right: text, strength: Strength::Strong, kind: LinkKind::OneToOne }],
            ..Gold::default()
        };
        let _ = evaluate(&[], &gold, &doc, &doc);
    }
}
