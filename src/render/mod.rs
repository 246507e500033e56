//! Rendering an analysis for people (colour, one line a sentence, findings as
//! diagnostics, the argument as a tree) and for programs (the JSON contract,
//! compact findings).

pub mod diagnostics;
pub mod human;
pub mod tree;

use crate::analysis::Analysis;

/// The JSON of one article: exactly one object, pretty-printed, then a newline.
pub fn json(analysis: &Analysis) -> String {
    let mut out = serde_json::to_string_pretty(analysis)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
