//! The linear scorer: each kind's score is the dot product of the unit's
//! features with that kind's weights, hand-set in the grammar or learned by
//! `warrant train`.

use super::context::{UnitContext, fed_feature, fires_feature};
use crate::features::{self, FEATURE_COUNT, FEATURES, FeatureVector};
use crate::grammar::Lexicon;
use crate::labels::Kind;
use serde::Serialize;
use std::borrow::Cow;

/// How many features a label's explanation names.
pub const REASONS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub kind: Kind,
    /// The probability the scorer gives the chosen role (a softmax over the
    /// kinds' scores, summed over the role's kinds), rounded to two places.
    pub confidence: f64,
    /// The features that did most to choose the kind over the runner-up.
    pub because: Vec<Reason>,
}

/// One feature's part in a label: its value times the difference between
/// its weight for the chosen kind and for the runner-up kind, so that the
/// reasons say why this kind and not the next best one. (The JSON calls it
/// `weight`, as DESIGN.md's contract does.)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// A feature's name, or a word form's lexical feature (`word.unfair`).
    pub feature: Cow<'static, str>,
    #[serde(rename = "weight")]
    pub contribution: f64,
}

/// Whether the scorer may choose `kind`: the sentence splitter alone assigns
/// headings, and a weight set may leave kinds out.
fn scorable(lexicon: &Lexicon, kind: Kind) -> bool {
    kind != Kind::Heading && lexicon.scored[kind.index()]
}

/// The weights of those of a unit's word forms (`features::word_forms`)
/// that the lexicon learned: a lexical feature is 1 when its form is there.
fn learned_words<'a>(
    words: &'a [String],
    lexicon: &'a Lexicon,
) -> impl Iterator<Item = (&'a str, &'a [f64; Kind::ALL.len()])> {
    words
        .iter()
        .filter_map(|w| lexicon.words.get(w).map(|weights| (w.as_str(), weights)))
}

/// Labels a unit from its features and its word forms (read only when the
/// lexicon learned words). A heading is decided by the sentence splitter,
/// not scored.
pub fn score(
    features: &FeatureVector,
    words: &[String],
    lexicon: &Lexicon,
    heading: bool,
) -> Scored {
    if heading {
        return Scored {
            kind: Kind::Heading,
            confidence: 1.0,
            because: Vec::new(),
        };
    }
    let mut lexical = [0.0; Kind::ALL.len()];
    for (_, weights) in learned_words(words, lexicon) {
        for (sum, weight) in lexical.iter_mut().zip(weights) {
            *sum += weight;
        }
    }
    // A unit has a few features that are not 0 out of many: each kind's
    // dot product reads only those. Leaving out a term `w * 0.0` changes
    // no sum but the sign of a zero one (weights are finite: the grammar
    // parser refuses others), and adding `lexical`, never -0.0, makes
    // that sign +: the scores are bit for bit those of the full dot product.
    let mut present = [0; FEATURE_COUNT];
    let mut count = 0;
    for (i, &x) in features.iter().enumerate() {
        present[count] = i;
        count += usize::from(x != 0.0);
    }
    let present = &present[..count];
    let mut scores = [f64::NEG_INFINITY; Kind::ALL.len()];
    for kind in Kind::ALL.into_iter().filter(|&k| scorable(lexicon, k)) {
        let weights = &lexicon.weights[kind.index()];
        let sum: f64 = present.iter().map(|&i| weights[i] * features[i]).sum();
        // Bounded, so that a grammar with huge weights still gives a
        // confidence rather than the NaN of infinity minus infinity.
        let score = sum + lexical[kind.index()];
        scores[kind.index()] = score.clamp(-1e6, 1e6);
    }
    // Ties go to the plainest label: a fact, then the kinds in their order.
    // One pass keeps the best and the runner-up, in that order of preference.
    // (A weight set names at least one scorable kind, so one is chosen.)
    let mut first: Option<Kind> = None;
    let mut second: Option<Kind> = None;
    let preference =
        std::iter::once(Kind::Fact).chain(Kind::ALL.into_iter().filter(|&k| k != Kind::Fact));
    for k in preference.filter(|&k| scorable(lexicon, k)) {
        let score = scores[k.index()];
        match first {
            Some(f) if score <= scores[f.index()] => {
                if second.is_none_or(|r| score > scores[r.index()]) {
                    second = Some(k);
                }
            }
            _ => {
                second = first;
                first = Some(k);
            }
        }
    }
    let kind = first.unwrap_or(Kind::Fact);
    let best = scores[kind.index()];
    let weight = |k: Kind| (scores[k.index()] - best).exp();
    let total: f64 = Kind::ALL.into_iter().map(weight).sum();
    let role_mass: f64 = Kind::ALL
        .into_iter()
        .filter(|k| k.role() == kind.role())
        .map(weight)
        .sum();
    let confidence = if total > 0.0 {
        (role_mass / total * 100.0).round() / 100.0
    } else {
        1.0
    };
    let because = reasons(features, words, lexicon, kind, second);
    Scored {
        kind,
        confidence,
        because,
    }
}

/// The features that favour `kind` most over `runner_up` (or, with no
/// runner-up, that add most to its score): at most [`REASONS`], each
/// positive, the bias aside, largest first.
fn reasons(
    features: &FeatureVector,
    words: &[String],
    lexicon: &Lexicon,
    kind: Kind,
    runner_up: Option<Kind>,
) -> Vec<Reason> {
    // The largest few, kept in order as they come: no list of every feature
    // to sort for each unit.
    let mut top: Vec<Reason> = Vec::with_capacity(REASONS + 1);
    // A feature's value times its weight for the kind and for the runner-up;
    // the name is made only for a feature that makes the list.
    let mut consider =
        |name: &dyn Fn() -> Cow<'static, str>, value: f64, chosen: f64, other: f64| {
            // Rounded before the test, so that no reason reads 0.
            let contribution = (value * (chosen - other) * 1000.0).round() / 1000.0;
            if contribution <= 0.0 {
                return;
            }
            // After the equal ones already kept: the earlier feature stays first.
            let at = top.partition_point(|r| r.contribution >= contribution);
            if at < REASONS {
                top.insert(
                    at,
                    Reason {
                        feature: name(),
                        contribution,
                    },
                );
                top.truncate(REASONS);
            }
        };
    let chosen = &lexicon.weights[kind.index()];
    for (i, &x) in features.iter().enumerate() {
        if i != features::BIAS && x != 0.0 {
            let other = runner_up.map_or(0.0, |r| lexicon.weights[r.index()][i]);
            consider(&|| Cow::Borrowed(FEATURES[i]), x, chosen[i], other);
        }
    }
    for (form, weights) in learned_words(words, lexicon) {
        let other = runner_up.map_or(0.0, |r| weights[r.index()]);
        let name = || Cow::Owned(format!("{}{form}", features::WORD_PREFIX));
        consider(&name, 1.0, weights[kind.index()], other);
    }
    top
}

/// Whether the unit's cue number `index` spoke for the chosen kind: what it
/// added to that kind's score is positive. Only such cues are shown as the
/// reasons for a label.
pub fn speaks_for(index: usize, context: &UnitContext, kind: Kind, lexicon: &Lexicon) -> bool {
    if kind == Kind::Heading {
        return false;
    }
    let m = &context.cues[index];
    let reported = context.reported[index];
    // The cue's part in the kind's score: its weight through the cue feature
    // it fed, and its presence through `fires.CLASS`.
    let weights = &lexicon.weights[kind.index()];
    m.weight * weights[fed_feature(m, reported, context.concessive)]
        + weights[fires_feature(m.class)]
        > 0.0
}
