//! Throughput of the pipeline, in bytes per second: sentence segmentation
//! alone, and the whole `analyse` of a corpus piece (segmentation, cue
//! matching, units and labels; JSON rendering excluded).
//!
//! Run with `cargo bench --bench throughput`; criterion prints MiB/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

// The same allocator as the `warrant` binary, so that the figures are the
// binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;
use warrant::text::segment;
use warrant::{Analysis, Lexicon};

const PIECES: &[(&str, &str)] = &[
    ("school-phones", include_str!("../corpus/school-phones.txt")),
    (
        "library-closures",
        include_str!("../corpus/library-closures.txt"),
    ),
];

fn throughput(c: &mut Criterion) {
    let lexicon = Lexicon::english();
    for (name, text) in PIECES {
        let mut group = c.benchmark_group(*name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("segment", |b| b.iter(|| segment(black_box(text), &lexicon)));
        group.bench_function("analyse", |b| {
            b.iter(|| Analysis::of("bench", black_box(text), &lexicon))
        });
        group.finish();
    }
    c.bench_function("load-grammar", |b| b.iter(Lexicon::english));
}

criterion_group!(benches, throughput);
criterion_main!(benches);
