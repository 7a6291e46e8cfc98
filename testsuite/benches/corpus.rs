//! Corpus alignment on synthetic corpora of 100, 300 and 1,000 documents generated from the
//! bundled pair (`corpus::synthetic`, seed 42): parse, resolve agencies, segment and build
//! features, cluster. The segmenter and registry are built once, outside the timing.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use policy_align::{AgencyRegistry, Aligner, Document, FeatureSet, Segmenter, corpus};
use rayon::prelude::*;
use std::hint::black_box;
use std::sync::LazyLock;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);
static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(|| Segmenter::builder().agencies(&REGISTRY).build());

fn run(texts: &[corpus::SyntheticDocument]) -> usize {
    let docs: Vec<Document> = texts
        .par_iter()
        .map(|d| Document::from_text(&d.text, &d.name).unwrap())
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let agencies: Vec<_> = docs.par_iter().map(|d| REGISTRY.resolve_document(d)).collect();
    let features = FeatureSet::build(&SEGMENTER, &refs, &agencies).unwrap();
    let c = Aligner::default().align_corpus(&features);
    c.clusters.len()
}

fn corpus_alignment(c: &mut Criterion) {
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    for n in [100, 300, 1000] {
        let texts = corpus::synthetic(n, 42);
        let bytes: u64 = texts.iter().map(|d| d.text.len() as u64).sum();
        let clusters = run(&texts);
        group.throughput(Throughput::Bytes(bytes));
        group.bench_with_input(BenchmarkId::from_parameter(n), &texts, |b, texts| {
            b.iter(|| {
                let k = run(black_box(texts));
                assert_eq!(k, clusters);
                k
            })
        });
    }
    group.finish();
}

criterion_group!(benches, corpus_alignment);
criterion_main!(benches);
