//! Unit tests of the scorer.

use super::*;

/// Features of a measure: `words` and `bigrams` as one-term vectors mixed with a private
/// term, so that the cosine of two such measures is the product of their shared weights.
fn features(shared: f32, position: f64, heading: &str, own: u32) -> MeasureFeatures {
    let other = (1.0 - shared * shared).sqrt();
    let v = |own: u32| vec![(0, shared), (own, other)];
    MeasureFeatures {
        doc: 0,
        measure: 0,
        id: "1".into(),
        words: v(own),
        bigrams: v(own),
        list_words: Vec::new(),
        list_bigrams: Vec::new(),
        lists: Vec::new(),
        title: heading.into(),
        heading_key: heading.into(),
        context: String::new(),
        context_bigrams: Vec::new(),
        position,
        functions: Vec::new(),
        function_weights: Vec::new(),
    }
}

#[test]
fn the_matrix_holds_each_pairs_combined_score_to_the_bit() {
    use crate::corpus::{HUIZHOU, XIANGSHAN};
    // A made pair of documents with a copied list as well as the bundled pair.
    let a = crate::Document::from_text(
        "某省措施\n一、发展特色产业。围绕茶叶、油茶、中药材、食用菌等特色产业建设基地。\n二、加强保护。健全知识产权保护体系。\n",
        "a.txt",
    )
    .unwrap();
    let b = crate::Document::from_text(
        "某市措施\n1.培育产业。支持茶叶、油茶、中药材、食用菌发展，打造品牌。\n2.强化保护。完善知识产权保护体系。\n",
        "b.txt",
    )
    .unwrap();
    let (x, h) = (XIANGSHAN.parse().unwrap(), HUIZHOU.parse().unwrap());
    let segmenter = crate::Segmenter::new();
    let scorer = Scorer::default();
    for (l, r) in [(&x, &h), (&a, &b)] {
        let features = FeatureSet::build(&segmenter, &[l, r], &[]).unwrap();
        let matrix = scorer.matrix(&features, 0, 1).unwrap();
        for (i, row) in matrix.as_rows().iter().enumerate() {
            for (j, &s) in row.iter().enumerate() {
                let pair = scorer.combined(&features.docs[0][i], &features.docs[1][j]);
                assert_eq!(s.to_bits(), pair.to_bits(), "{i} {j}");
            }
        }
    }
    let features = FeatureSet::build(&segmenter, &[&a, &b], &[]).unwrap();
    assert!(crate::features::shares_a_list(
        &features.docs[0][0],
        &features.docs[1][0]
    ));
}

#[test]
fn position_alone_does_not_make_a_pair() {
    // Word and bigram cosine 0.164, headings unrelated, the same place in both documents.
    let s = 0.164f32.sqrt();
    let (a, b) = (features(s, 0.5, "甲乙丙丁", 1), features(s, 0.5, "戊己庚辛", 2));
    let plain = Scorer::builder().evidence(0.0).build().unwrap().score(&a, &b);
    let scaled = Scorer::default().score(&a, &b);
    assert!((plain.components["words"] - 0.164).abs() < 1e-3);
    assert!(plain.score > 0.23, "{plain:?}");
    assert!(scaled.score < 0.23, "{scaled:?}");
    // With strong content, position weighs in full.
    let s = 0.5f32.sqrt();
    let (a, b) = (features(s, 0.5, "甲乙丙丁", 1), features(s, 0.5, "戊己庚辛", 2));
    let plain = Scorer::builder().evidence(0.0).build().unwrap().score(&a, &b);
    assert_eq!(plain.score, Scorer::default().score(&a, &b).score);
    assert!(Scorer::builder().evidence(1.5).build().is_err());
}

#[test]
fn the_bounded_score_is_the_score_wherever_it_can_reach_the_threshold() {
    // Content from nothing to everything, headings alike or not, near and far, under
    // several scorers: the bounded score is the score, or 0 where the score is under the
    // threshold.
    let scorers = [
        Scorer::default(),
        Scorer::builder().evidence(0.0).build().unwrap(),
        Scorer::builder().words(0.0).bigrams(0.1).heading(0.9).build().unwrap(),
    ];
    for k in 0..=20 {
        let shared = (k as f32 / 20.0).sqrt();
        for (ha, hb) in [("组织领导", "组织领导"), ("组织领导", "宣传引导"), ("甲乙", "丙丁戊")] {
            for (pa, pb) in [(0.1, 0.1), (0.1, 0.9)] {
                let (a, b) = (features(shared, pa, ha, 1), features(shared, pb, hb, 2));
                for scorer in &scorers {
                    for t in [0.0, 0.1, 0.23, 0.5, 0.9] {
                        let (full, bounded) = (scorer.combined(&a, &b), scorer.combined_if_above(&a, &b, t));
                        assert!(bounded == full || (bounded == 0.0 && full < t), "{full} {bounded} {t}");
                    }
                }
            }
        }
    }
}
