//! Writes learned weights as a weight set: `weights` statements that the
//! grammar parser reads back, one feature a line, so that a reader sees
//! what each feature does for each kind.

use super::Model;
use crate::features::{FEATURES, WORD_PREFIX};

/// Decimal places written: more than the labels can tell apart, few enough
/// to read.
const PLACES: usize = 4;

/// The weight set of `model`. `header` lines become comments at the top
/// (where it came from, how to regenerate it).
pub fn weight_set(model: &Model, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
    }
    out.push_str(
        "#\n# A unit's score for a kind is the sum of feature value × weight; the\n\
         # highest score decides its kind. Features that never varied in the data\n\
         # weigh 0 and are left out. See grammar/README.md for the features.\n",
    );
    let width = FEATURES.iter().map(|f| f.len()).max().unwrap_or(0);
    for ((kind, weights), count) in model.kinds.iter().zip(&model.weights).zip(&model.counts) {
        out.push_str(&format!("\n# {kind}: {count} units\nweights {kind} =\n"));
        let terms: Vec<String> = FEATURES
            .iter()
            .zip(weights)
            .filter(|(_, w)| round(**w) != 0.0)
            .map(|(feature, w)| format!("    {feature:<width$} {:>10.PLACES$}", round(*w)))
            .collect();
        out.push_str(&terms.join(",\n"));
        out.push('\n');
    }
    if !model.words.is_empty() {
        out.push_str(
            "\n# Lexical features: a weight a kind for each word form (and pair of\n\
             # forms, joined by `_`) the set learned, in the order of the forms.\n",
        );
    }
    for (k, kind) in model.kinds.iter().enumerate() {
        let terms: Vec<String> = model
            .words
            .iter()
            .filter(|(_, weights)| round(weights[k]) != 0.0)
            .map(|(form, weights)| {
                let feature = format!("{WORD_PREFIX}{form}");
                format!("    {feature:<width$} {:>10.PLACES$}", round(weights[k]))
            })
            .collect();
        if !terms.is_empty() {
            out.push_str(&format!("\nweights {kind} =\n{}\n", terms.join(",\n")));
        }
    }
    out
}

/// `value` rounded to the places written, with no negative zero.
fn round(value: f64) -> f64 {
    let factor = 10f64.powi(PLACES as i32);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}
