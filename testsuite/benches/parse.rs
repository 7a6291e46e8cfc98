//! Parsing speed: decode + normalize + parse of the bundled documents, and against input size.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policy_align::{Document, corpus};
use std::hint::black_box;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for doc in corpus::BUNDLED {
        let bytes = doc.text.as_bytes();
        let expected = Document::from_bytes(bytes, doc.name)
            .expect("bundled documents parse")
            .measures
            .len();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(doc.name, |b| {
            b.iter(|| {
                let parsed = Document::from_bytes(black_box(bytes), doc.name).expect("parses");
                assert_eq!(parsed.measures.len(), expected);
                parsed
            })
        });
    }
    let both: Vec<u8> = corpus::BUNDLED.iter().flat_map(|d| d.text.bytes()).collect();
    group.throughput(Throughput::Bytes(both.len() as u64));
    group.bench_function("both", |b| {
        b.iter(|| {
            let n: usize = corpus::BUNDLED
                .iter()
                .map(|d| {
                    Document::from_bytes(black_box(d.text.as_bytes()), d.name)
                        .expect("parses")
                        .measures
                        .len()
                })
                .sum();
            assert_eq!(n, 43);
            n
        })
    });
    // Documents as published: a traditional-script mirror (through OpenCC), and its simplified
    // original, a national work plan with a clause after each sentence group, a web page.
    for name in [
        "province_regulation_trad",
        "province_regulation_simp",
        "national_work_points",
        "county_webpage",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.txt"));
        let bytes = std::fs::read(path).expect("fixture");
        let expected = Document::from_bytes(&bytes, name).expect("parses").measures.len();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let parsed = Document::from_bytes(black_box(&bytes), name).expect("parses");
                assert_eq!(parsed.measures.len(), expected);
                parsed
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("normalize");
    for doc in corpus::BUNDLED {
        group.throughput(Throughput::Bytes(doc.text.len() as u64));
        group.bench_function(doc.name, |b| {
            b.iter(|| {
                let n = policy_align::normalize(black_box(doc.text));
                assert!(!n.paragraphs.is_empty());
                n
            })
        });
    }
    group.finish();
}

/// Parsing time against input size: a file of the Huizhou document repeated to 1, 5, 20 and 50
/// MB (the kind of file a scraper that appends pages makes). Time per MB stays about flat.
fn sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_size");
    group.sample_size(10);
    let one = format!("{}\n", corpus::HUIZHOU.text);
    for mb in [1usize, 5, 20, 50] {
        let copies = mb * 1_000_000 / one.len() + 1;
        let text = one.repeat(copies);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{mb}MB"), |b| {
            b.iter(|| {
                let parsed = Document::from_bytes(black_box(text.as_bytes()), "repeated.txt").expect("parses");
                // The copies are not silently absorbed: the file is said to hold several documents.
                assert!(
                    parsed
                        .warnings
                        .iter()
                        .any(|w| w.kind == policy_align::WarningKind::SeveralDocuments)
                );
                parsed
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse, sizes);
criterion_main!(benches);
