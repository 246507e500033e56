//! `circular-support`: premises that, followed far enough, rest on the claim
//! they support.

use super::{Context, Flag, Rule, Severity};
use crate::graph::RelationKind;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

pub struct CircularSupport;

/// Two units restate each other when each holds nearly all the other's
/// content words: then a link into one is a link into the other.
const RESTATES: f64 = 0.8;
/// How many units apart a restatement is looked for: a circle closes
/// within a passage, and a bounded window keeps long inputs linear.
const REACH: usize = 40;
/// Restatements of fewer content words are coincidences ("fares rose").
const RESTATEMENT_WORDS: usize = 2;

impl Rule for CircularSupport {
    fn id(&self) -> &'static str {
        "circular-support"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "a cycle of support: a claim that ends up supporting itself"
    }

    fn explanation(&self) -> &'static str {
        "Circular reasoning supports a claim with a premise that itself rests on the claim: \"The \
bridge is safe because the inspectors passed it; the inspectors passed it because the bridge is \
safe.\" Each step looks like a reason, but the whole gives none.\n\n\
The rule follows the support graph's `support` links, treating two units that restate each other \
(each holds at least 80% of the other's content words, and at least two of them, within 40 \
units of each other) as one statement. A statement that supports its own restatement is \
repetition, not a circle; a cycle of support through two or more distinct statements is reported \
once, at its first unit (cycles are found with Tarjan's algorithm on strongly connected \
components).\n\n\
To fix: break the circle. Give one of its claims a reason that does not rest on the others, and \
drop the link back."
    }

    fn example(&self) -> &'static str {
        "The bridge is safe because the inspectors passed the bridge. The inspectors passed the \
bridge because the bridge is safe."
    }

    fn check(&self, context: &Context<'_>) -> Vec<Flag> {
        let n = context.units.len();
        // Units that restate each other are one statement: union-find.
        let mut statement: Vec<usize> = (0..n).collect();
        fn root(statement: &mut [usize], mut i: usize) -> usize {
            while statement[i] != i {
                statement[i] = statement[statement[i]];
                i = statement[i];
            }
            i
        }
        let subjects = &context.argument.subjects;
        // Looked up once: the pairs below are many, the units few.
        let lengths: Vec<usize> = subjects.iter().map(|s| s.len()).collect();
        for a in 0..n {
            for b in a + 1..n.min(a + REACH) {
                // Each holds RESTATES of the other's words: the shared words
                // are that share of the larger subject.
                let (smaller, larger) = (lengths[a].min(lengths[b]), lengths[a].max(lengths[b]));
                if smaller < RESTATEMENT_WORDS || (smaller as f64) < RESTATES * larger as f64 {
                    continue;
                }
                let shared = subjects[a].shared_count(&subjects[b]);
                if shared >= RESTATEMENT_WORDS && shared as f64 >= RESTATES * larger as f64 {
                    let (ra, rb) = (root(&mut statement, a), root(&mut statement, b));
                    statement[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let statement: Vec<usize> = (0..n).map(|i| root(&mut statement, i)).collect();
        // Support between statements; a restatement supporting itself is
        // repetition, not a circle.
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, n);
        for _ in 0..n {
            graph.add_node(());
        }
        for r in &context.argument.relations {
            let (from, to) = (statement[r.from], statement[r.to]);
            if r.kind == RelationKind::Support && from != to {
                graph.update_edge(NodeIndex::new(from), NodeIndex::new(to), ());
            }
        }
        let mut flags: Vec<Flag> = tarjan_scc(&graph)
            .into_iter()
            .filter(|component| component.len() >= 2)
            .map(|component| {
                let mut members: Vec<usize> = (0..n)
                    .filter(|&u| component.contains(&NodeIndex::new(statement[u])))
                    .collect();
                members.sort_unstable();
                Flag {
                    unit: members[0],
                    message: format!(
                        "circular support: {} support each other in a circle",
                        super::list_units(&members)
                    ),
                }
            })
            .collect();
        flags.sort_by_key(|f| f.unit);
        flags
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::flagged;

    const RULE: &str = "circular-support";

    #[test]
    fn a_claim_resting_on_its_own_restatement_is_flagged() {
        let flags = flagged(
            RULE,
            "The bridge is safe because the inspectors passed the bridge. The inspectors passed \
             the bridge because the bridge is safe.",
        );
        assert_eq!(flags.len(), 1, "{flags:?}");
    }

    #[test]
    fn a_thesis_restated_at_the_end_is_no_circle() {
        assert!(
            flagged(
                RULE,
                "The harbour ferry is vital to the town.\n\nThe ferry carried 4,000 passengers a \
                 day last summer, according to the port authority. Commuters have no other way \
                 across.\n\nThe harbour ferry is simply vital to the town."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_chain_of_different_reasons_is_not() {
        assert!(
            flagged(
                RULE,
                "The bridge is safe because the inspectors passed it in May. They passed it \
                 because the steel tests came back clean."
            )
            .is_empty()
        );
    }
}
