//! `warrant score`: many articles, one row each, in parallel and in
//! memory that does not grow with the batch.
//!
//! Jobs come lazily from [`Inputs`]. They are taken a chunk at a time and
//! the chunk is analysed in parallel with rayon, whose indexed collect keeps
//! input order whatever the thread timing; its rows are written (or, for a
//! sorted output, kept in a [`Ranking`](ranking::Ranking)) while the next
//! chunk is analysed; at most two chunks are in flight. Only rows, never
//! texts, outlive their chunk, and the summary keeps a histogram, not a list
//! of scores.

pub mod inputs;
pub mod output;
mod progress;
mod ranking;
pub mod row;
pub mod summary;

pub use inputs::{Inputs, Lines, Source};
pub use output::{Format, TableStyle};
pub use row::{Failure, Figures, Name, Row, SortKey};
pub use summary::Summary;

use crate::analysis::Analyser;
use crate::error::Error;
use crate::grammar::Lexicon;
use inputs::{Job, JobInput};
use progress::Progress;
use ranking::Ranking;
use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::sync::Mutex;
use std::thread;

pub struct Options {
    pub format: Format,
    /// The order of the rows; `None` keeps input order (the table always
    /// sorts, by score unless told otherwise).
    pub sort: Option<SortKey>,
    /// Keep only the first N rows after sorting.
    pub top: Option<usize>,
    /// Worker threads; 0 lets rayon choose (RAYON_NUM_THREADS, else one a core).
    pub threads: usize,
    /// Draw a progress bar on standard error.
    pub progress: bool,
    pub style: TableStyle,
}

impl Options {
    /// Where rows wait before they are written: nowhere when they stream in
    /// input order.
    fn ranking(&self) -> Option<Ranking> {
        let sort = match (self.format, self.sort) {
            (_, Some(key)) => key,
            (Format::Table, None) => SortKey::Score,
            (_, None) if self.top.is_some() => return Some(Ranking::new(SortKey::Score, self.top)),
            (_, None) => return None,
        };
        Some(Ranking::new(sort, self.top))
    }
}

/// Jobs taken at a time: enough to keep every thread busy between the
/// pauses at chunk ends, few enough that rows stream out steadily.
const CHUNK_JOBS: usize = 512;

/// Record texts a chunk may hold before it is cut short, so that a stream
/// of very long records does not fill memory.
const CHUNK_BYTES: usize = 32 << 20;

/// Scores every article of `inputs` and writes the rows and the summary to
/// `out`; failures are also reported on standard error as they come.
/// Returns the summary. A reader that stops reading (a closed pipe) ends the
/// batch early without an error.
pub fn run(
    mut inputs: Inputs,
    lexicon: &Lexicon,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Summary, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()?;
    let progress = Progress::new(options.progress);
    let mut summary = Summary::default();
    let written = score_all(
        &mut inputs,
        lexicon,
        options,
        &pool,
        &progress,
        &mut summary,
        out,
    );
    progress.finish();
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write(e)),
        _ => Ok(summary),
    }
}

fn score_all(
    inputs: &mut Inputs,
    lexicon: &Lexicon,
    options: &Options,
    pool: &rayon::ThreadPool,
    progress: &Progress,
    summary: &mut Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let format = options.format;
    let mut ranking = options.ranking();
    let mut rows_written = 0;
    output::begin(format, out)?;
    let analysers = Analysers::new(lexicon);
    // Each chunk is analysed on a thread of its own that waits on the pool,
    // so that taking the next chunk (walking directories, reading records)
    // and writing the last one's rows overlap the analysis rather than
    // leaving the pool idle between chunks. At most two chunks are in
    // flight, which keeps memory bounded.
    std::thread::scope(|scope| -> io::Result<()> {
        let mut jobs_taken = 0;
        // Inputs are not asked again once they ran out: a terminal on stdin
        // would wait for a second end of file.
        let mut inputs_left = true;
        let mut in_flight: Option<thread::ScopedJoinHandle<Vec<Row>>> = None;
        loop {
            let mut started = None;
            if inputs_left {
                let chunk = take_chunk(inputs);
                inputs_left = !chunk.is_empty();
                let first_index = jobs_taken;
                jobs_taken += chunk.len();
                let analysers = &analysers;
                started = inputs_left.then(|| {
                    scope
                        .spawn(move || analyse_chunk(chunk, first_index, analysers, pool, progress))
                });
            }
            let Some(analysing) = std::mem::replace(&mut in_flight, started) else {
                if in_flight.is_none() {
                    return Ok(());
                }
                continue;
            };
            let rows = analysing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for row in rows {
                summary.add(&row);
                if let Err(failure) = &row.outcome {
                    progress.report(&output::failure_line(&row.name, failure));
                }
                match &mut ranking {
                    // The table shows scored articles; failures are on stderr.
                    Some(_) if format == Format::Table && row.outcome.is_err() => {}
                    Some(ranking) => ranking.push(row),
                    None => {
                        output::row(format, &row, rows_written == 0, out)?;
                        rows_written += 1;
                    }
                }
            }
            out.flush()?;
        }
    })?;
    summary.skipped = inputs.skipped();
    if let Some(ranking) = ranking {
        let rows = ranking.into_rows();
        if format == Format::Table {
            output::table(&rows, summary, options.style, out)?;
        } else {
            for (n, row) in rows.iter().enumerate() {
                output::row(format, row, n == 0, out)?;
            }
        }
    }
    output::end(format, summary, out)?;
    out.flush()
}

/// The rows of `chunk`'s jobs, in their order, analysed in parallel on
/// `pool` by `analysers`; the first job is the batch's `first_index`th.
fn analyse_chunk(
    chunk: Vec<Job>,
    first_index: usize,
    analysers: &Analysers,
    pool: &rayon::ThreadPool,
    progress: &Progress,
) -> Vec<Row> {
    pool.install(|| {
        chunk
            .into_par_iter()
            .enumerate()
            .map_init(
                || analysers.lend(),
                |lent, (offset, job)| {
                    let row = score(first_index + offset, job, lent.analyser());
                    progress.advance();
                    row
                },
            )
            .collect()
    })
}

/// The analysers of a batch, lent to its jobs and given back when they are
/// done. Rayon asks for a fresh value at every split of a chunk's jobs; an
/// analyser made afresh each time would build its tables again and forget
/// the word forms it has learnt (see [`Analyser`]), so the batch keeps the
/// ones it made, at most one for each job that runs at once.
struct Analysers<'a> {
    lexicon: &'a Lexicon,
    idle: Mutex<Vec<Analyser<'a>>>,
}

impl<'a> Analysers<'a> {
    fn new(lexicon: &'a Lexicon) -> Analysers<'a> {
        Analysers {
            lexicon,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// An idle analyser, or a new one.
    fn lend(&self) -> Lent<'_, 'a> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        Lent {
            analyser: Some(idle.unwrap_or_else(|| figures_analyser(self.lexicon))),
            from: self,
        }
    }
}

/// An analyser for a batch's figures, which need no label's reasons.
fn figures_analyser(lexicon: &Lexicon) -> Analyser<'_> {
    Analyser::new(lexicon).without_reasons()
}

/// An analyser lent by [`Analysers`], given back when dropped.
struct Lent<'p, 'a> {
    analyser: Option<Analyser<'a>>,
    from: &'p Analysers<'a>,
}

impl<'a> Lent<'_, 'a> {
    fn analyser(&mut self) -> &mut Analyser<'a> {
        self.analyser.as_mut().expect("lent until dropped")
    }
}

impl Drop for Lent<'_, '_> {
    fn drop(&mut self) {
        if let (Some(analyser), Ok(mut idle)) = (self.analyser.take(), self.from.idle.lock()) {
            idle.push(analyser);
        }
    }
}

/// The next jobs, up to [`CHUNK_JOBS`] of them or [`CHUNK_BYTES`] of text.
fn take_chunk(inputs: &mut Inputs) -> Vec<Job> {
    let mut chunk = Vec::with_capacity(CHUNK_JOBS);
    let mut bytes = 0;
    while chunk.len() < CHUNK_JOBS && bytes < CHUNK_BYTES {
        let Some(job) = inputs.next() else { break };
        bytes += job.input.held_bytes();
        chunk.push(job);
    }
    chunk
}

/// Reads and analyses one article.
fn score(index: usize, job: Job, analyser: &mut Analyser) -> Row {
    let outcome = read(job.input).and_then(|text| {
        // A panic in the analysis of one article is a bug, but it should
        // cost that article, not the rows of every other.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Figures::of(&analyser.score(&text))
        }))
        .map_err(|panic| {
            // What the analyser kept may be half made: start it afresh.
            *analyser = figures_analyser(analyser.lexicon());
            Failure::Panicked(panic_message(panic.as_ref()))
        })
    });
    Row {
        index,
        name: job.name,
        outcome,
    }
}

fn read(input: JobInput) -> Result<String, Failure> {
    let bytes = match input {
        JobInput::Text(text) => return Ok(text),
        JobInput::Failed(failure) => return Err(failure),
        JobInput::File(path) => std::fs::read(path).map_err(Failure::of_io)?,
        JobInput::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(Failure::of_io)?;
            bytes
        }
    };
    String::from_utf8(bytes).map_err(|e| Failure::NotUtf8(e.utf8_error().valid_up_to()))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_string())
}
