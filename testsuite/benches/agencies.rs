//! Agency resolution: every mention of both bundled documents, with the registry built once.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policy_align::{AgencyRegistry, AgencyStatus, Document, corpus};
use std::hint::black_box;
use std::sync::LazyLock;

static DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    corpus::BUNDLED
        .iter()
        .map(|b| b.parse().expect("bundled documents parse"))
        .collect()
});
static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);

fn agencies(c: &mut Criterion) {
    let mentions: Vec<&policy_align::Mention> = DOCS
        .iter()
        .flat_map(|d| {
            d.measures
                .iter()
                .flat_map(|m| m.mentions())
                .chain(d.annex_tasks().flat_map(|t| &t.units))
        })
        .collect();
    let bytes: usize = mentions.iter().map(|m| m.text.len()).sum();
    let mut group = c.benchmark_group("agencies");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("resolve_bundled_pair", |b| {
        b.iter(|| {
            let resolved: Vec<_> = DOCS.iter().map(|d| REGISTRY.resolve_document(black_box(d))).collect();
            let count: usize = resolved
                .iter()
                .flat_map(|r| r.measures.iter().chain(&r.annex))
                .map(Vec::len)
                .sum();
            assert_eq!(count, mentions.len());
            assert!(
                resolved
                    .iter()
                    .flat_map(|r| r.measures.iter().flatten())
                    .all(|r| r.status != AgencyStatus::Unresolved)
            );
            resolved
        })
    });
    group.finish();
    let mut group = c.benchmark_group("agency_registry");
    group.bench_function("build", |b| {
        b.iter(|| {
            let r = AgencyRegistry::new();
            assert!(r.bodies().len() > 60);
            r
        })
    });
    group.finish();
}

criterion_group!(benches, agencies);
criterion_main!(benches);
