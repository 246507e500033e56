//! Throughput of `warrant score` in bytes per second: a batch of corpus
//! pieces given as JSON Lines records (so that the disk is not measured),
//! scored on one thread and on every core, rows written to nowhere.
//!
//! Run with `cargo bench --bench score`; criterion prints MiB/s. For the
//! whole binary on files, see `benches/bench-score.sh`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::sync::Arc;
use warrant::Lexicon;
use warrant::batch::{self, Format, Inputs, Lines, Options, Source, TableStyle};

// The same allocator as the `warrant` binary, so that the figures are the
// binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each corpus piece this many times: enough chunks of work to keep two
/// cores busy.
const COPIES: usize = 40;

fn records() -> (Arc<[u8]>, u64) {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut pieces: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|x| x == "txt"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    pieces.sort();
    let mut lines = String::new();
    let mut text_bytes = 0;
    for copy in 0..COPIES {
        for (n, text) in pieces.iter().enumerate() {
            let record = serde_json::json!({"id": format!("{copy}-{n}"), "text": text});
            lines.push_str(&record.to_string());
            lines.push('\n');
            text_bytes += text.len() as u64;
        }
    }
    (Arc::from(lines.into_bytes()), text_bytes)
}

fn score(c: &mut Criterion) {
    let lexicon = Lexicon::english();
    let (records, text_bytes) = records();
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Bytes(text_bytes));
    group.sample_size(10);
    for (name, threads) in [("one-thread", 1), ("all-cores", 0)] {
        let options = Options {
            format: Format::Jsonl,
            sort: None,
            top: None,
            threads,
            progress: false,
            style: TableStyle {
                colour: false,
                width: 100,
            },
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let reader = std::io::Cursor::new(Arc::clone(&records));
                let inputs = Inputs::new([Source::Records(Lines::new(
                    "bench".to_string(),
                    Box::new(reader),
                ))]);
                batch::run(inputs, &lexicon, &options, &mut std::io::sink()).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, score);
criterion_main!(benches);
