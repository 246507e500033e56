//! `unsupported-recommendation`: a call to act that nothing in the piece
//! argues for.

use super::{Context, Flag, Rule, Severity};
use crate::labels::Kind;

pub struct UnsupportedRecommendation;

impl Rule for UnsupportedRecommendation {
    fn id(&self) -> &'static str {
        "unsupported-recommendation"
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a recommendation that no premise supports"
    }

    fn explanation(&self) -> &'static str {
        "A recommendation (a `policy` claim: \"the council should…\", \"it is time to…\") asks the \
reader to act. An argument for it gives reasons: facts, evidence, judgements that make the act \
worth taking. This rule flags a recommendation with no such premise.\n\n\
A premise counts when a connective ties it to the recommendation (\"…because fares doubled\", \
\"Therefore…\"), or when the support graph attaches it and it shares the recommendation's \
subject: one of the names and content words the recommendation depends on. A paragraph about \
fares does not argue for a call to rename a minister.\n\n\
Recommendations the writer reports (\"the minister said we must…\") are testimony, not the \
writer's own, and are not checked.\n\n\
To fix: state the reason, next to the recommendation, in words that name what it is about."
    }

    fn example(&self) -> &'static str {
        "The harbour ferry carried 4,000 people a day last summer.\n\n\
The mayor should resign before the spring."
    }

    fn check(&self, context: &Context<'_>) -> Vec<Flag> {
        context
            .units
            .iter()
            .filter(|u| u.kind == Kind::Policy)
            .filter_map(|unit| {
                // Only premises count: see `Argument::premises`.
                if context.argument.has_premise(unit.id) {
                    return None;
                }
                let supporters = context.supporters(unit.id);
                // Why each supporter is no premise: advice, or another subject.
                let (advice, elsewhere): (Vec<usize>, Vec<usize>) = supporters
                    .iter()
                    .partition(|&&s| context.argument.recommendations[s]);
                let be = |units: &[usize]| if units.len() == 1 { " is " } else { " are " };
                // The reasons, each when there are units to give it, joined
                // by "; ".
                let mut message = String::from("recommendation with no premise: ");
                if !elsewhere.is_empty() {
                    super::push_units(&mut message, &elsewhere);
                    message.push_str(be(&elsewhere));
                    message.push_str("about something else");
                }
                if !advice.is_empty() {
                    if !elsewhere.is_empty() {
                        message.push_str("; ");
                    }
                    super::push_units(&mut message, &advice);
                    message.push_str(be(&advice));
                    message.push_str("advice, not a reason");
                }
                if supporters.is_empty() {
                    message.push_str("nothing in the piece argues for it");
                }
                Some(Flag {
                    unit: unit.id,
                    message,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::flagged;

    const RULE: &str = "unsupported-recommendation";

    #[test]
    fn a_recommendation_with_a_reason_is_not_flagged() {
        assert!(
            flagged(
                RULE,
                "The council should keep the library open because 600 children use it every week."
            )
            .is_empty()
        );
        assert!(
            flagged(
                RULE,
                "Ferry fares have doubled since 2019. Commuters now pay more for the ferry than for \
                 the train. The council should therefore cap ferry fares."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_recommendation_on_a_subject_nothing_argues_is_flagged() {
        let flags = flagged(
            RULE,
            "Ferry fares have doubled since 2019, and commuters pay more than ever.\n\n\
             The mayor should also rename the town hall after the poet.",
        );
        assert_eq!(
            flags,
            vec!["The mayor should also rename the town hall after the poet."]
        );
    }

    #[test]
    fn a_neighbouring_recommendation_is_advice_not_a_reason() {
        let lexicon = crate::Lexicon::english();
        let analysis = crate::Analysis::of(
            "test",
            "The council should publish the ferry results.\nThe council should also publish the ferry data.\n",
            &lexicon,
        );
        let messages: Vec<&str> = analysis
            .findings
            .iter()
            .filter(|f| f.rule == RULE)
            .map(|f| f.message.as_str())
            .collect();
        assert!(!messages.is_empty());
        assert!(
            messages.iter().all(|m| !m.contains("something else")),
            "{messages:?}"
        );
    }

    #[test]
    fn reported_recommendations_are_not_the_writers() {
        assert!(
            flagged(
                RULE,
                "The minister said that the council must cut its costs. Costs rose by 12% last year."
            )
            .is_empty()
        );
    }
}
