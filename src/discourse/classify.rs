//! The linear scorer: each kind's score is the dot product of the unit's
//! features with that kind's weights, hand-set in the grammar or learned by
//! `warrant train`.

use super::context::{UnitContext, fed_feature, fires_feature};
use crate::features::{self, FEATURES, FeatureVector, Present};
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

/// The kinds in the order ties between their scores are broken in: a fact,
/// then the others in their order.
const PREFERENCE: [Kind; Kind::ALL.len()] = {
    let mut order = Kind::ALL;
    let mut i = Kind::Fact as usize;
    while i > 0 {
        order[i] = order[i - 1];
        i -= 1;
    }
    order[0] = Kind::Fact;
    order
};

/// Labels a unit from its features and its word forms (read only when the
/// lexicon learned words). A heading is decided by the sentence splitter,
/// not scored.
pub fn score(
    features: &FeatureVector,
    words: &[String],
    lexicon: &Lexicon,
    heading: bool,
) -> Scored {
    score_present(
        features,
        Present::of(features),
        words,
        lexicon,
        heading,
        true,
    )
}

/// [`score`] of a unit whose context noted which of its features are not 0,
/// so that they need not be looked for. Unless `explain`, the label's
/// reasons (`because`) are left out: an output that prints none need not
/// work them out.
pub fn score_context(
    context: &UnitContext,
    words: &[String],
    lexicon: &Lexicon,
    heading: bool,
    explain: bool,
) -> Scored {
    score_present(
        &context.features,
        context.present,
        words,
        lexicon,
        heading,
        explain,
    )
}

/// [`score`], given the features that are not 0; the reasons only if `explain`.
fn score_present(
    features: &FeatureVector,
    present: Present,
    words: &[String],
    lexicon: &Lexicon,
    heading: bool,
    explain: bool,
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
    // Feature by feature, each kind's sum in the order of the features, as
    // a sum kind by kind would add them (from -0.0, as `Iterator::sum`).
    let mut sums = [-0.0; Kind::ALL.len()];
    let by_kind: &[FeatureVector; Kind::ALL.len()] = lexicon.weights[..Kind::ALL.len()]
        .try_into()
        .expect("a weight vector per kind");
    for i in present.indices() {
        let x = features[i];
        for (sum, weights) in sums.iter_mut().zip(by_kind) {
            *sum += weights[i] * x;
        }
    }
    // Which kinds may be chosen, read once: the loops below go over the
    // twelve kinds several times, each a fixed number of steps.
    let scored: [bool; Kind::ALL.len()] = std::array::from_fn(|k| scorable(lexicon, Kind::ALL[k]));
    let mut scores = [f64::NEG_INFINITY; Kind::ALL.len()];
    for k in 0..Kind::ALL.len() {
        if scored[k] {
            // Bounded, so that a grammar with huge weights still gives a
            // confidence rather than the NaN of infinity minus infinity.
            scores[k] = (sums[k] + lexical[k]).clamp(-1e6, 1e6);
        }
    }
    // Ties go to the plainest label: a fact, then the kinds in their order.
    // One pass keeps the best and the runner-up, in that order of preference.
    // (A weight set names at least one scorable kind, so one is chosen.)
    let mut first: Option<Kind> = None;
    let mut second: Option<Kind> = None;
    for k in PREFERENCE {
        if !scored[k.index()] {
            continue;
        }
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
    // The softmax's sums, each in the order of the kinds, from -0.0 as
    // `Iterator::sum`. A kind that is not scored has the score -inf, whose
    // exponential is 0: left out, it changes at most the sign of a zero
    // partial sum, and the chosen kind's 1 makes both sums positive, so
    // they are bit for bit those over every kind.
    let mut total = -0.0;
    let mut role_mass = -0.0;
    for k in Kind::ALL {
        if !scored[k.index()] {
            continue;
        }
        // The chosen kind's is exp(0), exactly 1.
        let weight = if k == kind {
            1.0
        } else {
            (scores[k.index()] - best).exp()
        };
        total += weight;
        if k.role() == kind.role() {
            role_mass += weight;
        }
    }
    let confidence = if total > 0.0 {
        (role_mass / total * 100.0).round() / 100.0
    } else {
        1.0
    };
    let because = if explain {
        reasons(features, present, words, lexicon, kind, second)
    } else {
        Vec::new()
    };
    Scored {
        kind,
        confidence,
        because,
    }
}

/// What a reason names: a feature, or a learned word form.
#[derive(Clone, Copy)]
enum Source<'a> {
    Feature(usize),
    Word(&'a str),
}

/// The features that favour `kind` most over `runner_up` (or, with no
/// runner-up, that add most to its score): at most [`REASONS`], each
/// positive, the bias aside, largest first. `present` holds the features
/// that are not 0.
fn reasons<'a>(
    features: &FeatureVector,
    present: Present,
    words: &'a [String],
    lexicon: &'a Lexicon,
    kind: Kind,
    runner_up: Option<Kind>,
) -> Vec<Reason> {
    // The largest few, kept in order as they come: no list of every feature
    // to sort for each unit, and no name made for one that drops out.
    let mut top = [(Source::Feature(0), 0.0); REASONS];
    let mut kept = 0;
    // A feature's value times its weight for the kind and for the runner-up.
    let mut consider = |source: Source<'a>, value: f64, chosen: f64, other: f64| {
        // In thousandths, rounded: below one half it rounds to 0 or less,
        // and no reason reads 0. Only the others are rounded (a call).
        let scaled = value * (chosen - other) * 1000.0;
        if scaled < 0.5 {
            return;
        }
        let contribution = scaled.round() / 1000.0;
        // After the equal ones already kept: the earlier feature stays first.
        let at = top[..kept].partition_point(|&(_, c)| c >= contribution);
        if at < REASONS {
            kept = (kept + 1).min(REASONS);
            top.copy_within(at..kept - 1, at + 1);
            top[at] = (source, contribution);
        }
    };
    let chosen = &lexicon.weights[kind.index()];
    for i in present.indices() {
        if i != features::BIAS {
            let other = runner_up.map_or(0.0, |r| lexicon.weights[r.index()][i]);
            consider(Source::Feature(i), features[i], chosen[i], other);
        }
    }
    for (form, weights) in learned_words(words, lexicon) {
        let other = runner_up.map_or(0.0, |r| weights[r.index()]);
        consider(Source::Word(form), 1.0, weights[kind.index()], other);
    }
    top[..kept]
        .iter()
        .map(|&(source, contribution)| Reason {
            feature: match source {
                Source::Feature(i) => Cow::Borrowed(FEATURES[i]),
                Source::Word(form) => Cow::Owned(format!("{}{form}", features::WORD_PREFIX)),
            },
            contribution,
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_is_preferred_then_the_kinds_in_order() {
        let rest = Kind::ALL.into_iter().filter(|&k| k != Kind::Fact);
        assert!(
            PREFERENCE
                .into_iter()
                .eq(std::iter::once(Kind::Fact).chain(rest))
        );
    }

    #[test]
    fn the_noted_features_score_as_the_scanned_ones_and_reasons_change_nothing_else() {
        let lexicon = crate::weights::default_lexicon();
        let text = "Why the night bus matters\n\n\
            The council must reopen the library, because 600 children used it in 2023. \
            The scheme may look expensive, but it pays for itself. \
            “We should all be proud,” the mayor said. I think it is shameful!\n\n\
            1. Fares rose by 40% ($3) last year, according to https://example.org.\n";
        let document = crate::text::segment(text, &lexicon);
        let explained = crate::discourse::analyse(text, &document, &lexicon);
        let bare = crate::discourse::analyse_explaining(text, &document, &lexicon, false);
        assert_eq!(explained.len(), bare.len());
        assert!(explained.iter().any(|u| !u.because.is_empty()));
        for (unit, without) in explained.iter().zip(&bare) {
            let heading = unit.kind == Kind::Heading;
            let scanned = score(&unit.features, &[], &lexicon, heading);
            assert_eq!(scanned.kind, unit.kind, "{}", unit.text);
            assert_eq!(scanned.confidence.to_bits(), unit.confidence.to_bits());
            assert_eq!(scanned.because, unit.because);
            assert!(without.because.is_empty());
            assert_eq!(without.kind, unit.kind);
            assert_eq!(without.confidence.to_bits(), unit.confidence.to_bits());
            assert_eq!(without.cues, unit.cues);
        }
    }
}
