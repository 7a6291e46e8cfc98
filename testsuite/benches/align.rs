//! The pipeline after parsing, one group per stage, on the bundled pair (Throughput::Bytes of
//! both documents): segment, features, score, align, graph, report; and the bundled pair end to
//! end with the segmenter already built (parse, resolve agencies, segment, score, align).
//! Parsing has its own bench (`parse`), agency resolution too (`agencies`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policy_align::report::Format;
use policy_align::{AgencyRegistry, Aligner, Document, FeatureSet, Pipeline, PolicyGraph, Segmenter, corpus};
use std::hint::black_box;
use std::sync::LazyLock;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);
static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(|| Segmenter::builder().agencies(&REGISTRY).build());
static ALIGNER: LazyLock<Aligner> = LazyLock::new(Aligner::default);
/// The pipeline with one shared segmenter (built once), as the stage benches use.
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().learn_agency_names(false).build());
static DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect());

fn stages(c: &mut Criterion) {
    let bytes: u64 = corpus::BUNDLED.iter().map(|b| b.text.len() as u64).sum();
    let comparison = PIPELINE.compare(DOCS[0].clone(), DOCS[1].clone()).unwrap();
    let expected = comparison.alignment().pairs.len();
    let agencies = [comparison.left_agencies().clone(), comparison.right_agencies().clone()];
    let features = comparison.features().clone();

    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bundled_pair", |b| {
        b.iter(|| {
            let n: usize = DOCS
                .iter()
                .flat_map(|d| &d.measures)
                .map(|m| SEGMENTER.words(black_box(&m.text)).len())
                .sum();
            assert!(n > 1000);
            n
        })
    });
    group.finish();

    let mut group = c.benchmark_group("features");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bundled_pair", |b| {
        b.iter(|| {
            let f = FeatureSet::build(&SEGMENTER, &[&DOCS[0], &DOCS[1]], black_box(&agencies)).unwrap();
            assert_eq!(f.docs[0].len() + f.docs[1].len(), 43);
            f
        })
    });
    group.finish();

    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bundled_pair_matrix", |b| {
        b.iter(|| {
            let m = ALIGNER.scorer().matrix(black_box(&features), 0, 1).unwrap();
            assert_eq!(m.rows(), 21);
            m
        })
    });
    group.finish();

    let mut group = c.benchmark_group("align");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("score_and_assign", |b| {
        b.iter(|| {
            let a = ALIGNER.align(black_box(&features), 0, 1).unwrap();
            assert_eq!(a.pairs.len(), expected);
            a
        })
    });
    group.bench_function("bundled_pair_end_to_end", |b| {
        b.iter(|| {
            // Both documents read at once, as the tool and the examples read a pair.
            let (left, right) = rayon::join(
                || Document::from_bytes(black_box(corpus::XIANGSHAN.text.as_bytes()), corpus::XIANGSHAN.name),
                || Document::from_bytes(black_box(corpus::HUIZHOU.text.as_bytes()), corpus::HUIZHOU.name),
            );
            let c = PIPELINE.compare(left.unwrap(), right.unwrap()).unwrap();
            assert_eq!(c.alignment().pairs.len(), expected);
            c
        })
    });
    // The whole diffusion study beside it: the bundled pair and the two made county answers
    // (corpus/diffusion), Huizhou as the reference: four documents parsed, six pairs aligned,
    // adoptions, dyads, passages and the diffusion graph.
    let made: Vec<(String, String)> = ["boluo_2022_ip_measures.txt", "huidong_2022_ip_measures.txt"]
        .iter()
        .map(|n| {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/diffusion/").to_owned() + n;
            (std::fs::read_to_string(&path).unwrap(), (*n).to_owned())
        })
        .collect();
    group.bench_function("diffuse_bundled_pair_and_made_answers_end_to_end", |b| {
        b.iter(|| {
            let mut docs = vec![
                Document::from_bytes(black_box(corpus::HUIZHOU.text.as_bytes()), corpus::HUIZHOU.name).unwrap(),
                Document::from_bytes(black_box(corpus::XIANGSHAN.text.as_bytes()), corpus::XIANGSHAN.name).unwrap(),
            ];
            docs.extend(
                made.iter()
                    .map(|(text, name)| Document::from_bytes(text.as_bytes(), name).unwrap()),
            );
            let study = PIPELINE.diffuse(docs, Some(0)).unwrap();
            assert_eq!(study.diffusion().dyads.len(), 6);
            study
        })
    });
    group.finish();

    let mut group = c.benchmark_group("graph");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("build_and_query", |b| {
        b.iter(|| {
            let g = PolicyGraph::from_pair(
                &REGISTRY,
                (&DOCS[0], &agencies[0]),
                (&DOCS[1], &agencies[1]),
                black_box(comparison.alignment()),
            )
            .unwrap();
            assert_eq!(g.graph.node_count(), 71);
            let c = g.centrality();
            assert!(!c.is_empty());
            (g, c)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("report");
    group.throughput(Throughput::Bytes(bytes));
    let report = comparison.report();
    for format in [Format::Text, Format::Json, Format::Html] {
        let name = format!("{format:?}").to_lowercase();
        group.bench_function(name, |b| {
            b.iter(|| {
                let text = format.renderer().comparison(black_box(&report)).unwrap();
                assert!(text.len() > 1000);
                text
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
