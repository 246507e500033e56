//! `unsupported-claim`: a conclusion that stands on nothing.

use super::{Context, Flag, Rule, Severity};
use crate::labels::{CueClass, Kind, Role};

pub struct UnsupportedClaim;

impl Rule for UnsupportedClaim {
    fn id(&self) -> &'static str {
        "unsupported-claim"
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a conclusion with no support"
    }

    fn explanation(&self) -> &'static str {
        "A conclusion is a claim the piece draws (\"Therefore…\", \"So…\", \"This means…\") or \
stands on: one of its main claims. A conclusion with nothing supporting it in the support graph is \
an assertion the reader is asked to take on trust.\n\n\
Recommendations are left to `unsupported-recommendation`, which also asks that the premise share \
their subject; this rule covers the other claims: judgements, facts and predictions.\n\n\
To fix: give the reason or the evidence the conclusion rests on."
    }

    fn example(&self) -> &'static str {
        "The new stadium is a disgrace to the city."
    }

    fn check(&self, context: &Context<'_>) -> Vec<Flag> {
        context
            .units
            .iter()
            .filter(|u| u.role == Role::Claim && u.kind != Kind::Policy)
            .filter_map(|unit| {
                let drawn = unit.infers.is_some()
                    || unit
                        .opener
                        .as_ref()
                        .is_some_and(|c| c.class == CueClass::ConclusionFollows);
                let main = context.argument.is_main_claim[unit.id];
                if !(drawn || main) || context.supporting(unit.id).next().is_some() {
                    return None;
                }
                let what = if main { "main claim" } else { "conclusion" };
                Some(Flag {
                    unit: unit.id,
                    message: format!("{what} with no support: nothing in the piece argues for it"),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::flagged;

    const RULE: &str = "unsupported-claim";

    #[test]
    fn a_lone_judgement_is_flagged() {
        assert_eq!(
            flagged(RULE, "The new stadium is a disgrace to the city."),
            vec!["The new stadium is a disgrace to the city."]
        );
    }

    #[test]
    fn a_judgement_with_evidence_is_not() {
        assert!(
            flagged(
                RULE,
                "The new stadium is a disgrace to the city. It cost £400 million, twice the \
                 budget, and 30% of its seats are empty on match days."
            )
            .is_empty()
        );
    }
}
