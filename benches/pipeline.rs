//! Per-stage timings over fixtures, one plan per producer, so that a
//! regression in one stage shows: content interpretation (pdf), glyphs to
//! lines (layout), lines to rows (segment), and the whole pipeline.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

const FIXTURES: [&str; 3] = ["lcsd-2024-zh-p1.pdf", "censtatd-2024-en-p3.pdf", "epd-2025-zh-p4.pdf"];

fn load(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn stages(c: &mut Criterion) {
    for name in FIXTURES {
        let bytes = load(name);
        let doc = odplan::pdf::pages(&bytes).expect("fixture parses");
        let lines: Vec<odplan::layout::Line> = doc.pages.iter().flat_map(odplan::layout::lines).collect();
        let rules: Vec<Vec<odplan::pdf::Segment>> = doc.pages.iter().map(|p| p.rules.clone()).collect();

        let mut group = c.benchmark_group(name);
        group.bench_function("pdf", |b| b.iter(|| odplan::pdf::pages(&bytes)));
        group.bench_function("layout", |b| {
            b.iter(|| doc.pages.iter().map(|p| odplan::layout::lines(p).len()).sum::<usize>())
        });
        group.bench_function("segment", |b| b.iter(|| odplan::segment::plan_with_rules(&lines, &rules)));
        group.bench_function("extract", |b| b.iter(|| odplan::extract(&bytes, odplan::InputKind::Pdf, name)));
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
