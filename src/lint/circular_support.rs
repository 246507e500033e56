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
units of each other) as one statement, and reports each cycle once, at its first unit (cycles are found with Tarjan's \
algorithm on strongly connected components).\n\n\
To fix: support one of the claims in the cycle with something outside it."
    }

    fn example(&self) -> &'static str {
        "The bridge is safe because the inspectors passed the bridge. The inspectors passed the \
bridge because the bridge is safe."
    }

    fn check(&self, context: &Context<'_>) -> Vec<Flag> {
        let n = context.units.len();
        let mut graph: DiGraph<(), bool> = DiGraph::with_capacity(n, n);
        for _ in 0..n {
            graph.add_node(());
        }
        // `true` marks a support link, `false` a restatement.
        for r in context
            .argument
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Support)
        {
            graph.add_edge(NodeIndex::new(r.from), NodeIndex::new(r.to), true);
        }
        let subjects = &context.argument.subjects;
        for a in 0..n {
            for b in a + 1..n.min(a + REACH) {
                // Each holds RESTATES of the other's words: the shared words
                // are that share of the larger subject.
                let larger = subjects[a].len().max(subjects[b].len());
                if subjects[a].len().min(subjects[b].len()) < RESTATEMENT_WORDS
                    || (subjects[a].len().min(subjects[b].len()) as f64) < RESTATES * larger as f64
                {
                    continue;
                }
                let shared = subjects[a].shared_count(&subjects[b]);
                if shared >= RESTATEMENT_WORDS && shared as f64 >= RESTATES * larger as f64 {
                    graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), false);
                    graph.add_edge(NodeIndex::new(b), NodeIndex::new(a), false);
                }
            }
        }
        let mut flags = Vec::new();
        for component in tarjan_scc(&graph) {
            if component.len() < 2 {
                continue;
            }
            let inside = |i: &NodeIndex| component.contains(i);
            let supports_inside = graph
                .edge_indices()
                .filter(|&e| graph[e])
                .filter_map(|e| graph.edge_endpoints(e))
                .any(|(a, b)| inside(&a) && inside(&b));
            if !supports_inside {
                continue;
            }
            let mut members: Vec<usize> = component.iter().map(|i| i.index()).collect();
            members.sort_unstable();
            flags.push(Flag {
                unit: members[0],
                message: format!(
                    "circular support: {} hold each other up with nothing outside the circle",
                    super::list_units(&members)
                ),
            });
        }
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
