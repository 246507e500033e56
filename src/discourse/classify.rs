//! The linear scorer: each kind's score is the dot product of the unit's
//! features with that kind's weights, hand-set in the grammar or learned by
//! `warrant train`.

use super::context::{UnitContext, fed_feature, fires_feature};
use crate::features::{self, FEATURE_COUNT, FEATURES, FeatureVector, Present};
use crate::grammar::Lexicon;
use crate::labels::{Kind, Role};
use serde::Serialize;
use std::borrow::Cow;

/// How many features a label's explanation names.
pub const REASONS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub kind: Kind,
    /// The probability the scorer gives the chosen role (a softmax over the
    /// kinds' scores, summed over the role's kinds), rounded to two places;
    /// none when the label's reasons were not asked for (`score_context`).
    pub confidence: Option<f64>,
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

/// The kinds the scorer may choose: the sentence splitter alone assigns
/// headings, and a weight set may leave kinds out.
fn scorable(lexicon: &Lexicon) -> Scorable {
    let mut scored = lexicon.scored;
    scored[Kind::Heading.index()] = false;
    Scorable::of(&scored)
}

/// The kinds that may be chosen, listed in the two orders the scorer reads
/// them in: its loops go over these, with no test for each kind.
#[derive(Debug, Clone, Copy)]
struct Scorable {
    /// In the kinds' order; the first `count` are the scorable ones.
    in_order: [Kind; KINDS],
    /// In the order of preference ([`PREFERENCE`]); the first `count`.
    by_preference: [Kind; KINDS],
    count: usize,
    /// Per kind, 1 if it is scorable, else 0: a factor in the close
    /// softmax, which goes over every kind without a test.
    mask: [f64; KINDS],
    /// Per role (by its place in `Role::ALL`), 1 for each kind of it,
    /// else 0.
    in_role: [[f64; KINDS]; Role::ALL.len()],
}

impl Scorable {
    fn of(scored: &[bool; KINDS]) -> Scorable {
        // The kinds of `order` that are scored, moved to its front.
        let keep = |mut order: [Kind; KINDS]| {
            let mut count = 0;
            for i in 0..KINDS {
                if scored[order[i].index()] {
                    order[count] = order[i];
                    count += 1;
                }
            }
            (order, count)
        };
        let (in_order, count) = keep(Kind::ALL);
        let (by_preference, _) = keep(PREFERENCE);
        Scorable {
            in_order,
            by_preference,
            count,
            mask: scored.map(f64::from),
            in_role: Role::ALL.map(|role| Kind::ALL.map(|k| f64::from(u8::from(k.role() == role)))),
        }
    }

    fn in_order(&self) -> &[Kind] {
        &self.in_order[..self.count]
    }

    fn by_preference(&self) -> &[Kind] {
        &self.by_preference[..self.count]
    }
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

/// How many kinds there are: a weight vector, a score each.
const KINDS: usize = Kind::ALL.len();

/// The lexicon's weight vectors, one per kind.
fn by_kind(lexicon: &Lexicon) -> &[FeatureVector; KINDS] {
    lexicon.weights[..KINDS]
        .try_into()
        .expect("a weight vector per kind")
}

/// The scorer of one lexicon's units, with what depends on its weights
/// alone worked out once rather than for each unit: the weights laid out
/// feature by feature, so that each of a unit's present features updates
/// every kind's sum in one pass over twelve weights in a row (the kinds'
/// vectors are hundreds of bytes apart).
pub struct Scorer<'a> {
    lexicon: &'a Lexicon,
    /// Per feature, its weight for each kind.
    by_feature: [[f64; KINDS]; FEATURE_COUNT],
    /// The kinds that may be chosen.
    scorable: Scorable,
}

impl<'a> Scorer<'a> {
    pub fn new(lexicon: &'a Lexicon) -> Scorer<'a> {
        let by_kind = by_kind(lexicon);
        Scorer {
            lexicon,
            by_feature: std::array::from_fn(|i| std::array::from_fn(|k| by_kind[k][i])),
            scorable: scorable(lexicon),
        }
    }

    /// The lexicon whose weights this scorer reads.
    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }

    /// Labels a unit from its features and its word forms (read only when
    /// the lexicon learned words), with the label's reasons. A heading is
    /// decided by the sentence splitter, not scored.
    pub fn score(&self, features: &FeatureVector, words: &[String], heading: bool) -> Scored {
        self.label(features, Present::of(features), words, heading, true)
    }

    /// [`Scorer::score`] of a unit whose context noted which of its
    /// features are not 0, so that they need not be looked for. Unless
    /// `reasons`, the label's reasons (`because`) are left out, and its
    /// confidence is not worked out either: the outputs that print no
    /// reasons (`score`'s figures) print no confidence, and its softmax is
    /// half the work of a label.
    pub fn score_context(
        &self,
        context: &UnitContext,
        words: &[String],
        heading: bool,
        reasons: bool,
    ) -> Scored {
        self.label(&context.features, context.present, words, heading, reasons)
    }

    /// The label of a unit whose features are not 0 in `present` alone.
    fn label(
        &self,
        features: &FeatureVector,
        present: Present,
        words: &[String],
        heading: bool,
        reasons: bool,
    ) -> Scored {
        if heading {
            return Scored::heading(reasons);
        }
        // Each kind's sum feature by feature, in the order of the features,
        // as a sum kind by kind would add them (from -0.0, as
        // `Iterator::sum`). Every unit has the bias, whose value is 1: its
        // term is the bias weight itself, and -0.0 plus it is that weight,
        // so the sums start there.
        let mut sums = self.by_feature[features::BIAS];
        debug_assert!(present.contains(features::BIAS) && features[features::BIAS] == 1.0);
        for i in present.without(features::BIAS).indices() {
            let x = features[i];
            for (sum, weight) in sums.iter_mut().zip(&self.by_feature[i]) {
                *sum += weight * x;
            }
        }
        decide(
            sums,
            features,
            present,
            words,
            self.lexicon,
            &self.scorable,
            reasons,
        )
    }
}

impl Scored {
    /// A heading's label: decided by the sentence splitter, not scored.
    fn heading(reasons: bool) -> Scored {
        Scored {
            kind: Kind::Heading,
            confidence: reasons.then_some(1.0),
            because: Vec::new(),
        }
    }
}

/// The label given the dot products `sums` of the features that are not 0
/// (`present`) with each kind's weights; the reasons and the confidence only
/// if `with_reasons`.
fn decide(
    sums: [f64; KINDS],
    features: &FeatureVector,
    present: Present,
    words: &[String],
    lexicon: &Lexicon,
    scorable: &Scorable,
    with_reasons: bool,
) -> Scored {
    let mut lexical = [0.0; KINDS];
    // Most lexicons learned no words, and a unit is then given none.
    if !words.is_empty() {
        for (_, weights) in learned_words(words, lexicon) {
            for (sum, weight) in lexical.iter_mut().zip(weights) {
                *sum += weight;
            }
        }
    }
    // A unit has a few features that are not 0 out of many: each kind's
    // dot product reads only those. Leaving out a term `w * 0.0` changes
    // no sum but the sign of a zero one (weights are finite: the grammar
    // parser refuses others), and adding `lexical`, never -0.0, makes
    // that sign +: the scores are bit for bit those of the full dot product.
    //
    // Each kind's score, over all kinds at once, with no branch; -inf for
    // one that may not be chosen. Bounded, so that a grammar with huge
    // weights still gives a confidence rather than the NaN of infinity
    // minus infinity.
    let scores: [f64; KINDS] = std::array::from_fn(|k| {
        let score = (sums[k] + lexical[k]).clamp(-1e6, 1e6);
        if scorable.mask[k] != 0.0 {
            score
        } else {
            f64::NEG_INFINITY
        }
    });
    // The best: ties go to the plainest label, a fact, then the kinds in
    // their order. (A weight set names at least one scorable kind, so one
    // is chosen.)
    let preferred = scorable.by_preference();
    let kind = match preferred.split_first() {
        Some((&first, rest)) => rest.iter().fold(first, |best, &k| {
            if scores[k.index()] > scores[best.index()] {
                k
            } else {
                best
            }
        }),
        None => Kind::Fact,
    };
    let confidence = with_reasons.then(|| confidence(&scores, scorable, kind));
    let because = if with_reasons {
        // The runner-up: the best of the others, ties broken as for the best.
        let second = preferred.iter().copied().filter(|&k| k != kind).fold(
            None,
            |second: Option<Kind>, k| match second {
                Some(r) if scores[k.index()] <= scores[r.index()] => second,
                _ => Some(k),
            },
        );
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

/// The probability the softmax over the scores gives `kind`'s role, rounded
/// to two places, bit for bit as with the library's `exp` throughout.
/// The softmax is worked out first by [`close_role_percentage`]: its
/// percentage is within 3e-7 of the library's, and one further than
/// [`ROUNDING_MARGIN`] from a rounding boundary (x.5) rounds as the
/// library's does. Only the rare one closer is worked out again.
fn confidence(scores: &[f64; KINDS], scorable: &Scorable, kind: Kind) -> f64 {
    let Some(close) = close_role_percentage(scores, scorable, kind) else {
        return 1.0;
    };
    // Between 0 and 100: the cast drops the fraction. (To a signed integer
    // and back is cheaper than to an unsigned one.)
    let fraction = close - close as i64 as f64;
    if (fraction - 0.5).abs() > ROUNDING_MARGIN {
        // What `round` gives, away from the half: the whole part, or the
        // next whole number.
        let whole = close as i64 + i64::from(fraction > 0.5);
        return whole as f64 / 100.0;
    }
    exact_confidence(scores, scorable, kind)
}

/// How far from a rounding boundary a percentage worked out with
/// [`exp_close`] must be to round as the library's does: far more than
/// their difference.
const ROUNDING_MARGIN: f64 = 1e-6;

/// [`confidence`], with the library's `exp` alone.
fn exact_confidence(scores: &[f64; KINDS], scorable: &Scorable, kind: Kind) -> f64 {
    role_percentage(scores, scorable, kind).map_or(1.0, |p| p.round() / 100.0)
}

/// The softmax's mass on `kind`'s role, in percent, with the library's
/// `exp`; `None` when no kind is scored.
fn role_percentage(scores: &[f64; KINDS], scorable: &Scorable, kind: Kind) -> Option<f64> {
    let best = scores[kind.index()];
    let role = kind.role();
    // The softmax's sums, each in the order of the kinds, from -0.0 as
    // `Iterator::sum`. A kind that is not scored has the score -inf, whose
    // exponential is 0: left out, it changes at most the sign of a zero
    // partial sum, and the chosen kind's 1 makes both sums positive, so
    // they are bit for bit those over every kind.
    let mut total = -0.0;
    let mut role_mass = -0.0;
    for &k in scorable.in_order() {
        // The chosen kind's is exp(0), exactly 1.
        let weight = if k == kind {
            1.0
        } else {
            (scores[k.index()] - best).exp()
        };
        total += weight;
        if k.role() == role {
            role_mass += weight;
        }
    }
    (total > 0.0).then(|| role_mass / total * 100.0)
}

/// [`role_percentage`] with [`exp_close`], within 3e-7 of it with the
/// library's `exp`: the same sums, worked out over every kind with no
/// branch, so that the compiler does two kinds at a time. A kind that is
/// not scored is multiplied by 0; one more than 700 below the best (or not
/// scored: -inf) is taken as 700 below, whose exponential, 1e-304, leaves
/// the chosen kind's 1 as it is. The sums are added in another order, which
/// moves them by a few units in the last place. No score may be more than
/// 700 above the best (`decide` gives those not scored -inf).
fn close_role_percentage(scores: &[f64; KINDS], scorable: &Scorable, kind: Kind) -> Option<f64> {
    if scorable.count == 0 {
        return None;
    }
    let best = scores[kind.index()];
    let in_role = &scorable.in_role[kind.role() as usize];
    let weights: [f64; KINDS] = std::array::from_fn(|k| {
        let d = scores[k] - best;
        exp_close(if d < -700.0 { -700.0 } else { d }) * scorable.mask[k]
    });
    // Four sums in step, added at the end: no sum waits on the last.
    let (mut total, mut role_mass) = ([0.0; 4], [0.0; 4]);
    for (k, four) in weights.chunks_exact(4).enumerate() {
        for j in 0..4 {
            total[j] += four[j];
            role_mass[j] += four[j] * in_role[k * 4 + j];
        }
    }
    let sum = |s: [f64; 4]| (s[0] + s[1]) + (s[2] + s[3]);
    Some(sum(role_mass) / sum(total) * 100.0)
}

/// exp(d) within a relative 1e-10 of the true value, for -700 <= d <= 700
/// (the caller clamps d: a score less the best, at most 0 for those that
/// count): cheaper than the library's, which is correctly rounded and
/// spends more on that, and with no branch or table, so that several are
/// worked out at once.
fn exp_close(d: f64) -> f64 {
    // ln 2 in two parts, the first with few enough bits that k times it is
    // exact (as in fdlibm): r keeps its precision.
    const LN2_HI: f64 = 6.931_471_803_691_238e-1;
    const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
    // d = k ln 2 + r with |r| <= ln 2 / 2, so exp(d) = 2^k exp(r). Added to
    // 1.5 * 2^52, whose last bit is worth 1, d / ln 2 is rounded to the
    // nearest whole number k, which the sum's low bits hold: no conversion
    // from float to integer, and its checks, is needed.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    let shifted = d * std::f64::consts::LOG2_E + SHIFTER;
    let k = shifted.to_bits() as i64 - SHIFTER.to_bits() as i64;
    let whole = shifted - SHIFTER;
    let r = (d - whole * LN2_HI) - whole * LN2_LO;
    // exp(r) by its series to r^9 / 9!: what is left out is below 1e-11
    // of the value for |r| <= 0.35.
    const INVERSE_FACTORIALS: [f64; 10] = {
        let mut c = [1.0; 10];
        let mut n = 1;
        while n < 10 {
            c[n] = c[n - 1] / n as f64;
            n += 1;
        }
        c
    };
    let mut p = INVERSE_FACTORIALS[9];
    for c in INVERSE_FACTORIALS[..9].iter().rev() {
        p = p * r + c;
    }
    // 2^k, with |k| <= 1010 a normal number.
    p * f64::from_bits(((k + 1023) as u64) << 52)
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
    let reported = context.reported(index);
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

    /// A xorshift generator: the tests need many numbers, not good ones.
    fn numbers(mut state: u64) -> impl FnMut() -> f64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn exp_close_is_within_a_relative_1e_10_of_the_librarys() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
        let edges = [
            0.0, -0.0, -1e-300, -0.3465, -0.3466, -0.5, -1.0, -699.9, -700.0,
        ];
        let spread = (0..200_000).map(|n| -next() * [1.0, 10.0, 60.0, 700.0][n % 4]);
        for d in edges.into_iter().chain(spread) {
            let (close, exact) = (exp_close(d), d.exp());
            assert!(
                (close - exact).abs() <= 1e-10 * exact,
                "{d}: {close} {exact}"
            );
        }
    }

    #[test]
    fn scorable_kinds_are_listed_in_both_orders() {
        let mut next = numbers(0x51_7cc1_b727_220a);
        for case in 0..200 {
            let scored: [bool; KINDS] = std::array::from_fn(|_| case == 0 || next() < 0.7);
            let scorable = Scorable::of(&scored);
            let is_scored = |k: &Kind| scored[k.index()];
            assert!(
                scorable
                    .in_order()
                    .iter()
                    .copied()
                    .eq(Kind::ALL.into_iter().filter(is_scored))
            );
            assert!(
                scorable
                    .by_preference()
                    .iter()
                    .copied()
                    .eq(PREFERENCE.into_iter().filter(is_scored))
            );
        }
    }

    #[test]
    fn confidences_are_those_of_the_librarys_exp() {
        let mut next = numbers(0x2545_f491_4f6c_dd1d);
        let mut near_boundaries = 0;
        for case in 0..300_000 {
            let spread = [0.5, 3.0, 12.0, 50.0][case % 4];
            let mut scores: [f64; Kind::ALL.len()] =
                std::array::from_fn(|_| (next() - 0.5) * spread);
            let scored: [bool; Kind::ALL.len()] =
                std::array::from_fn(|k| k != Kind::Heading.index() && next() < 0.9);
            // Some kinds tied with the chosen one, and some two-kind races
            // made to land near a rounding boundary: p = 1 / (1 + e^-d).
            if case % 3 == 0 {
                scores[2] = scores[0];
            }
            if case % 5 == 0 {
                let p = (1.0 + (next() * 98.0).floor() + 0.5) / 100.0;
                for (k, score) in scores.iter_mut().enumerate() {
                    *score = if k == 0 { 0.0 } else { -1e6 };
                }
                scores[5] = -(p / (1.0 - p)).ln();
            }
            let kind = Kind::ALL
                .into_iter()
                .filter(|k| scored[k.index()])
                .max_by(|a, b| scores[a.index()].total_cmp(&scores[b.index()]))
                .unwrap_or(Kind::Fact);
            let scorable = Scorable::of(&scored);
            let exact = exact_confidence(&scores, &scorable, kind);
            let fast = confidence(&scores, &scorable, kind);
            assert_eq!(
                fast.to_bits(),
                exact.to_bits(),
                "{scores:?} {scored:?} {kind:?}"
            );
            let close = close_role_percentage(&scores, &scorable, kind);
            let library = role_percentage(&scores, &scorable, kind);
            assert_eq!(close.is_some(), library.is_some());
            if let (Some(close), Some(p)) = (close, library) {
                assert!((close - p).abs() < 3e-7, "{close} {p}");
                near_boundaries += usize::from((p - p.floor() - 0.5).abs() < 1e-9);
            }
        }
        // The races near a boundary were run.
        assert!(near_boundaries > 100, "{near_boundaries}");
    }

    #[test]
    fn the_noted_features_score_as_the_scanned_ones_and_reasons_change_only_the_confidence() {
        let lexicon = crate::weights::default_lexicon();
        let text = "Why the night bus matters\n\n\
            The council must reopen the library, because 600 children used it in 2023. \
            The scheme may look expensive, but it pays for itself. \
            “We should all be proud,” the mayor said. I think it is shameful!\n\n\
            1. Fares rose by 40% ($3) last year, according to https://example.org.\n";
        let document = crate::text::segment(text, &lexicon);
        let explained = crate::discourse::analyse(text, &document, &lexicon);
        let scorer = Scorer::new(&lexicon);
        let bare = crate::discourse::analyse_keeping(
            text,
            &document,
            &scorer,
            crate::discourse::Keep {
                reasons: false,
                features: false,
            },
        );
        assert_eq!(explained.len(), bare.len());
        assert!(explained.iter().any(|u| !u.because.is_empty()));
        for (unit, without) in explained.iter().zip(&bare) {
            let heading = unit.kind == Kind::Heading;
            let features = unit.features.as_deref().expect("features kept");
            let scanned = scorer.score(features, &[], heading);
            assert_eq!(scanned.kind, unit.kind, "{}", unit.text);
            assert_eq!(
                scanned.confidence.map(f64::to_bits),
                unit.confidence.map(f64::to_bits)
            );
            assert!(unit.confidence.is_some());
            assert_eq!(scanned.because, unit.because);
            assert!(without.because.is_empty());
            assert_eq!(without.kind, unit.kind);
            // Without its reasons, a label's confidence is not worked out
            // either.
            assert_eq!(without.confidence, None);
            assert_eq!(without.cues, unit.cues);
            assert!(without.features.is_none());
        }
    }
}
