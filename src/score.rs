//! The score of one article: counts, shares, and one overall figure from 0
//! to 100 whose formula `warrant explain score` prints.

use crate::discourse::Unit;
use crate::graph::Argument;
use crate::labels::{Kind, Role};
use crate::lint::{Finding, RULES, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// 0 to 100; see [`EXPLANATION`].
    pub overall: u32,
    /// The share of conclusions (main claims and recommendations) with at
    /// least one premise; 1 when there is no conclusion to support.
    pub support_coverage: f64,
    pub evidence_per_claim: f64,
    /// Speculation among the units that argue (claims, evidence, speculation).
    pub speculation_share: f64,
    /// Units by role.
    pub counts: BTreeMap<&'static str, usize>,
    /// Units by kind.
    pub kinds: BTreeMap<&'static str, usize>,
    /// Findings by rule.
    pub findings: BTreeMap<&'static str, usize>,
}

/// The parts of the overall score and their weights; they sum to 100.
pub mod weight {
    pub const COVERAGE: f64 = 40.0;
    pub const EVIDENCE: f64 = 25.0;
    pub const CAUTION: f64 = 15.0;
    pub const SOUNDNESS: f64 = 20.0;
    /// How many warnings an error counts as.
    pub const ERROR: f64 = 3.0;
}

pub const EXPLANATION: &str = "\
The score rates how well an article supports what it claims, from 0 to 100. It is the sum of four parts:

  coverage   40 × support coverage: the share of conclusions (main claims and recommendations)
             that have at least one premise in the support graph. A premise counts when a
             connective ties it to the conclusion, or when it shares the conclusion's subject.
  evidence   25 × evidence per claim, capped at 1: one piece of evidence per claim earns it all.
  caution    15 × (1 − speculation share): speculation among the units that argue.
  soundness  20 × (1 − weighted findings per claim, capped at 1): each warning counts 1 and each
             error 3, divided by the number of claims.

An article that makes no claim argues nothing and scores 0, whatever evidence it holds. The score describes the argument as
written, not whether its claims are true: a well-supported falsehood scores high, and a true
remark made without reasons scores low.";

/// The four parts of the overall score, each already weighted; the score is
/// their sum, rounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts {
    pub coverage: f64,
    pub evidence: f64,
    pub caution: f64,
    pub soundness: f64,
}

impl Parts {
    /// The parts for an article's counts. An article that makes no claim
    /// argues nothing: every part is 0.
    pub fn of(
        claims: usize,
        evidence: usize,
        speculation: usize,
        warnings: usize,
        errors: usize,
        support_coverage: f64,
    ) -> Parts {
        if claims == 0 {
            return Parts {
                coverage: 0.0,
                evidence: 0.0,
                caution: 0.0,
                soundness: 0.0,
            };
        }
        let claims_f = claims as f64;
        let arguing = (claims + evidence + speculation) as f64;
        let weighted_findings = warnings as f64 + weight::ERROR * errors as f64;
        Parts {
            coverage: weight::COVERAGE * support_coverage,
            evidence: weight::EVIDENCE * (evidence as f64 / claims_f).min(1.0),
            caution: weight::CAUTION * (1.0 - speculation as f64 / arguing),
            soundness: weight::SOUNDNESS * (1.0 - (weighted_findings / claims_f).min(1.0)),
        }
    }

    pub fn sum(&self) -> f64 {
        self.coverage + self.evidence + self.caution + self.soundness
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        (a / b * 100.0).round() / 100.0
    }
}

/// What [`Score`] holds, with its counts by index rather than by name:
/// `warrant score` prints figures read off these, and has no use for maps
/// of names built for every article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tally {
    /// 0 to 100; see [`EXPLANATION`].
    pub overall: u32,
    pub support_coverage: f64,
    pub evidence_per_claim: f64,
    pub speculation_share: f64,
    /// Units by role, indexed by `Role as usize`.
    pub by_role: [usize; Role::ALL.len()],
    /// Units by kind, indexed by [`Kind::index`].
    pub by_kind: [usize; Kind::ALL.len()],
    /// Findings by rule, in the order of [`RULES`].
    pub by_rule: [usize; RULES.len()],
}

impl Tally {
    pub fn of(units: &[Unit], argument: &Argument, findings: &[Finding]) -> Tally {
        let mut by_role = [0usize; Role::ALL.len()];
        let mut by_kind = [0usize; Kind::ALL.len()];
        // Conclusions are main claims and recommendations; counted with
        // those among them that have a premise, in the same pass.
        let mut conclusions = 0usize;
        let mut covered = 0usize;
        for unit in units {
            by_role[unit.role as usize] += 1;
            by_kind[unit.kind.index()] += 1;
            if unit.kind == Kind::Policy || argument.is_main_claim[unit.id] {
                conclusions += 1;
                covered += usize::from(argument.has_premise(unit.id));
            }
        }
        let [claim_count, evidence_count, speculation_count] =
            [Role::Claim, Role::Evidence, Role::Speculation].map(|role| by_role[role as usize]);
        let claims = claim_count as f64;
        let evidence = evidence_count as f64;
        let speculation = speculation_count as f64;
        let argumentative = claims + evidence + speculation;

        let support_coverage = if conclusions == 0 {
            1.0
        } else {
            ratio(covered as f64, conclusions as f64)
        };
        let evidence_per_claim = ratio(evidence, claims);
        let speculation_share = ratio(speculation, argumentative);
        let mut by_rule = [0usize; RULES.len()];
        let mut warnings = 0;
        for finding in findings {
            let rule = RULES
                .iter()
                .position(|rule| rule.id() == finding.rule)
                .expect("a finding of a listed rule");
            by_rule[rule] += 1;
            warnings += usize::from(finding.severity == Severity::Warning);
        }
        let parts = Parts::of(
            claim_count,
            evidence_count,
            speculation_count,
            warnings,
            findings.len() - warnings,
            support_coverage,
        );
        let overall = parts.sum().round().clamp(0.0, 100.0) as u32;
        Tally {
            overall,
            support_coverage,
            evidence_per_claim,
            speculation_share,
            by_role,
            by_kind,
            by_rule,
        }
    }
}

impl Score {
    pub fn of(units: &[Unit], argument: &Argument, findings: &[Finding]) -> Score {
        let tally = Tally::of(units, argument, findings);
        // Every role is listed, only the kinds that occur.
        let counts: BTreeMap<&'static str, usize> = Role::ALL
            .iter()
            .map(|&role| (role.name(), tally.by_role[role as usize]))
            .collect();
        let kinds: BTreeMap<&'static str, usize> = Kind::ALL
            .iter()
            .filter(|&&kind| tally.by_kind[kind.index()] > 0)
            .map(|&kind| (kind.name(), tally.by_kind[kind.index()]))
            .collect();
        let by_rule: BTreeMap<&'static str, usize> = RULES
            .iter()
            .zip(tally.by_rule)
            .filter(|&(_, count)| count > 0)
            .map(|(rule, count)| (rule.id(), count))
            .collect();
        Score {
            overall: tally.overall,
            support_coverage: tally.support_coverage,
            evidence_per_claim: tally.evidence_per_claim,
            speculation_share: tally.speculation_share,
            counts,
            kinds,
            findings: by_rule,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Analysis, Lexicon};

    fn overall(text: &str) -> u32 {
        Analysis::of("test", text, &Lexicon::english())
            .score
            .overall
    }

    #[test]
    fn weights_sum_to_a_hundred() {
        use super::weight::*;
        assert_eq!(COVERAGE + EVIDENCE + CAUTION + SOUNDNESS, 100.0);
    }

    #[test]
    fn an_argued_recommendation_outscores_a_bare_one() {
        let argued = overall(
            "The council should keep the library open. According to the council's own figures, \
             600 children borrowed books there every week last year.",
        );
        let bare = overall("The council should rename the library after the mayor.");
        let guessed = overall(
            "The council should rename the library. It might perhaps attract visitors, and it \
             could possibly please the mayor.",
        );
        assert!(argued > bare, "{argued} vs {bare}");
        assert!(argued > guessed, "{argued} vs {guessed}");
        assert!(argued <= 100);
        assert_eq!(overall(""), 0);
        // No claim, nothing argued: evidence alone earns nothing.
        assert_eq!(overall("Fares rose by 40%, according to the ONS."), 0);
    }
}
