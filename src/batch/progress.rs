//! The progress bar on standard error, and the failure lines that must not
//! be drawn through it. The bar shows only when standard error is a
//! terminal; otherwise (a log, a pipe, the tests) nothing but the failures
//! is written.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::time::Duration;

pub struct Progress {
    /// `None` when no bar is shown.
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(show: bool) -> Progress {
        let bar = show.then(|| {
            // The number of articles is not known until the walk ends, so the
            // bar counts up rather than filling.
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {human_pos} articles scored, {rate} articles/s, {elapsed}",
            )
            .expect("the template is valid")
            .with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.0}", state.per_sec());
                },
            );
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress { bar }
    }

    /// Counts one more article; called from the worker threads.
    pub fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Writes `line` on standard error with the bar out of the way.
    pub fn report(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("warrant: {line}")),
            None => eprintln!("warrant: {line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
