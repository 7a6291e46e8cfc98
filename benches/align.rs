//! Alignment speed: the bundled pair end to end with the segmenter already built (parse,
//! resolve agencies, segment, score, align), and the stages on their own.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policy_align::{AgencyRegistry, Aligner, Comparison, Document, FeatureSet, Segmenter, corpus};
use std::hint::black_box;
use std::sync::LazyLock;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);
static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(|| Segmenter::builder().agencies(&REGISTRY).build());
static ALIGNER: LazyLock<Aligner> = LazyLock::new(Aligner::default);
static DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect());

fn align(c: &mut Criterion) {
    let bytes: u64 = corpus::BUNDLED.iter().map(|b| b.text.len() as u64).sum();
    let expected = Comparison::new(&DOCS[0], &DOCS[1], &REGISTRY, &SEGMENTER, &ALIGNER)
        .alignment
        .pairs
        .len();

    let mut group = c.benchmark_group("align");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bundled_pair_end_to_end", |b| {
        b.iter(|| {
            let left =
                Document::from_bytes(black_box(corpus::XIANGSHAN.text.as_bytes()), corpus::XIANGSHAN.name).unwrap();
            let right = Document::from_bytes(black_box(corpus::HUIZHOU.text.as_bytes()), corpus::HUIZHOU.name).unwrap();
            let c = Comparison::new(&left, &right, &REGISTRY, &SEGMENTER, &ALIGNER);
            assert_eq!(c.alignment.pairs.len(), expected);
            c
        })
    });
    let agencies = [REGISTRY.resolve_document(&DOCS[0]), REGISTRY.resolve_document(&DOCS[1])];
    group.bench_function("features", |b| {
        b.iter(|| {
            let f = FeatureSet::build(&SEGMENTER, &[&DOCS[0], &DOCS[1]], black_box(&agencies));
            assert_eq!(f.docs[0].len() + f.docs[1].len(), 43);
            f
        })
    });
    let features = FeatureSet::build(&SEGMENTER, &[&DOCS[0], &DOCS[1]], &agencies);
    group.bench_function("score_and_assign", |b| {
        b.iter(|| {
            let a = ALIGNER.align(black_box(&features), 0, 1);
            assert_eq!(a.pairs.len(), expected);
            a
        })
    });
    group.finish();
}

criterion_group!(benches, align);
criterion_main!(benches);
