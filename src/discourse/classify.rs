//! The linear scorer: each kind's score is the dot product of the unit's
//! features with that kind's weights from the grammar.

use super::context::{UnitContext, fed_feature};
use crate::features::FeatureVector;
use crate::grammar::Lexicon;
use crate::labels::Kind;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub kind: Kind,
    /// The probability the scorer gives the chosen role (a softmax over the
    /// kinds' scores, summed over the role's kinds), rounded to two places.
    pub confidence: f64,
}

/// One kind's score for a feature vector.
pub fn kind_score(features: &FeatureVector, lexicon: &Lexicon, kind: Kind) -> f64 {
    lexicon.weights[kind.index()]
        .iter()
        .zip(features)
        .map(|(w, x)| w * x)
        .sum()
}

/// Labels a unit. A heading is decided by the sentence splitter, not scored.
pub fn score(features: &FeatureVector, lexicon: &Lexicon, heading: bool) -> Scored {
    if heading {
        return Scored {
            kind: Kind::Heading,
            confidence: 1.0,
        };
    }
    // Every kind but the heading, which only the sentence splitter assigns.
    let mut scores = [f64::NEG_INFINITY; Kind::ALL.len()];
    for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Heading) {
        // Bounded, so that a grammar with huge weights still gives a
        // confidence rather than the NaN of infinity minus infinity.
        scores[kind.index()] = kind_score(features, lexicon, kind).clamp(-1e6, 1e6);
    }
    // Ties go to the plainest label: a fact, then the kinds in their order.
    let (kind, best) = std::iter::once(Kind::Fact)
        .chain(Kind::ALL)
        .map(|k| (k, scores[k.index()]))
        .fold((Kind::Fact, f64::NEG_INFINITY), |acc, (k, s)| {
            if s > acc.1 { (k, s) } else { acc }
        });
    let weight = |k: Kind| (scores[k.index()] - best).exp();
    let total: f64 = Kind::ALL.into_iter().map(weight).sum();
    let role_mass: f64 = Kind::ALL
        .into_iter()
        .filter(|k| k.role() == kind.role())
        .map(weight)
        .sum();
    let confidence = (role_mass / total * 100.0).round() / 100.0;
    Scored { kind, confidence }
}

/// Whether the unit's cue number `index` spoke for the chosen kind: the
/// feature it fed has a positive weight for that kind. Only such cues are
/// shown as the reasons for a label.
pub fn speaks_for(index: usize, context: &UnitContext, kind: Kind, lexicon: &Lexicon) -> bool {
    if kind == Kind::Heading {
        return false;
    }
    let m = &context.cues[index];
    let reported = context.reported[index];
    lexicon.weights[kind.index()][fed_feature(m, reported, context.concessive)] > 0.0
}
