//! `speculative-support`: a claim held up only by guesses.

use super::{Context, Flag, Rule, Severity};
use crate::labels::Role;

pub struct SpeculativeSupport;

impl Rule for SpeculativeSupport {
    fn id(&self) -> &'static str {
        "speculative-support"
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a claim whose only support is speculation"
    }

    fn explanation(&self) -> &'static str {
        "Speculation (\"could\", \"might\", \"it is possible that\") says what may be so, not what \
is. A claim whose every supporting unit is speculation rests on guesses: if the guesses are \
wrong, nothing is left.\n\n\
The rule flags a claim that has at least one supporting unit in the support graph and only \
speculative ones. A claim with no support at all is `unsupported-claim`'s concern.\n\n\
To fix: add evidence for the claim, or present it as the speculation it is."
    }

    fn example(&self) -> &'static str {
        "The tunnel is a waste of money, because it might flood every winter."
    }

    fn check(&self, context: &Context<'_>) -> Vec<Flag> {
        context
            .units
            .iter()
            .filter(|u| u.role == Role::Claim)
            .filter_map(|unit| {
                // Asked of every claim, and nearly always answered no: the
                // supporters are listed only for a claim that is flagged.
                let mut supporting = context.supporting(unit.id).peekable();
                let all_speculative = supporting.peek().is_some()
                    && supporting.all(|s| context.units[s].role == Role::Speculation);
                all_speculative.then(|| {
                    let mut message = String::from("claim supported only by speculation (");
                    super::push_units(&mut message, &context.supporters(unit.id));
                    message.push(')');
                    Flag {
                        unit: unit.id,
                        message,
                    }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::flagged;

    const RULE: &str = "speculative-support";

    #[test]
    fn a_claim_resting_on_a_guess_is_flagged() {
        assert_eq!(
            flagged(
                RULE,
                "The tunnel is a waste of money, because it might flood every winter."
            ),
            vec!["The tunnel is a waste of money,"]
        );
    }

    #[test]
    fn a_claim_with_evidence_beside_the_guess_is_not() {
        assert!(
            flagged(
                RULE,
                "The tunnel is a waste of money. It cost £90 million, three times the estimate. \
                 It might also flood every winter."
            )
            .is_empty()
        );
    }
}
