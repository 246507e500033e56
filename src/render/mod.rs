//! Rendering an analysis for people (colour, one line a sentence, findings as
//! diagnostics, the argument as a tree) and for programs (the JSON contract,
//! compact findings).

pub mod diagnostics;
pub mod human;
pub mod tree;

use crate::analysis::Analysis;
use std::io::IsTerminal;

/// The width to draw in: the terminal's when standard output is one, else
/// the `COLUMNS` environment variable, else `default`.
pub fn output_width(default: usize) -> usize {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(width, _)| usize::from(width.0));
    width_from(terminal, std::env::var("COLUMNS").ok().as_deref(), default)
}

fn width_from(terminal: Option<usize>, columns: Option<&str>, default: usize) -> usize {
    terminal
        .filter(|&w| w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse().ok())
                .filter(|&w| w > 0)
        })
        .unwrap_or(default)
}

/// The JSON of one article: exactly one object, pretty-printed, then a newline.
pub fn json(analysis: &Analysis) -> String {
    let mut out = serde_json::to_string_pretty(analysis)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::width_from;

    #[test]
    fn the_width_comes_from_the_terminal_then_columns_then_the_default() {
        assert_eq!(width_from(Some(120), Some("80"), 100), 120);
        assert_eq!(width_from(None, Some("80"), 100), 80);
        assert_eq!(width_from(None, Some("wide"), 100), 100);
        assert_eq!(width_from(None, Some("0"), 100), 100);
        assert_eq!(width_from(None, None, 80), 80);
    }
}
