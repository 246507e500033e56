//! `circular-support`: premises that, followed far enough, rest on the claim
//! they support.

use super::{Context, Flag, Rule, Severity};
use crate::graph::RelationKind;
use crate::graph::grouped::Grouped;
use crate::text::lanes;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

pub struct CircularSupport;

/// Two units restate each other when each holds nearly all the other's
/// content words: then a link into one is a link into the other.
const RESTATES: f64 = 0.8;
/// How many units apart a restatement is looked for: a circle closes
/// within a passage, and a bounded window keeps long inputs linear.
const REACH: usize = 40;
// The units in reach are read eight at a time into one word of bits.
const _: () = assert!(REACH.is_multiple_of(8) && REACH <= 64);
/// Restatements of fewer content words are coincidences ("fares rose").
const RESTATEMENT_WORDS: usize = 2;

/// The fewest shared words that make two subjects restatements when the
/// larger of them holds `larger` words: at least [`RESTATEMENT_WORDS`], and
/// at least [`RESTATES`] of `larger`, compared as the rule states it (a
/// count `x` is enough when `x as f64 >= RESTATES * larger as f64`).
fn shared_needed(larger: usize) -> usize {
    let enough = |x: usize| x >= RESTATEMENT_WORDS && x as f64 >= RESTATES * larger as f64;
    // Near the answer in whole numbers, then settled by the comparison itself.
    let mut need = (larger * 4 / 5).max(RESTATEMENT_WORDS);
    while !enough(need) {
        need += 1;
    }
    while need > RESTATEMENT_WORDS && enough(need - 1) {
        need -= 1;
    }
    need
}

/// The lengths a subject may have to restate one of `length` words: the
/// smaller of the two must hold the words [`shared_needed`] for the larger.
/// A shorter partner needs `shared_needed(length)` words or more; a longer
/// one may have as many words as still need no more than `length`.
/// `need_of` is [`shared_needed`] of each length up to one past the
/// longest that matters: longer partners need more words than `length`.
fn partner_lengths(need_of: &[usize], length: usize) -> std::ops::RangeInclusive<usize> {
    let mut longest = length;
    while need_of.get(longest + 1).is_some_and(|&need| need <= length) {
        longest += 1;
    }
    need_of[length]..=longest
}

/// Whether the links `(from, to)` between nodes `0..n` close a circle. A
/// graph without one can be emptied by removing, again and again, the nodes
/// no remaining link points at (Kahn's topological sort).
fn has_circle(n: usize, links: &[(usize, usize)]) -> bool {
    let mut pointed_at = vec![0usize; n];
    for &(_, to) in links {
        pointed_at[to] += 1;
    }
    // Each node's links, together.
    let out_of = Grouped::by(n, links.iter().map(|&(from, _)| from));
    let mut free: Vec<usize> = (0..n).filter(|&v| pointed_at[v] == 0).collect();
    let mut removed = 0;
    while let Some(v) = free.pop() {
        removed += 1;
        for &link in out_of.of(v) {
            let to = links[link].1;
            pointed_at[to] -= 1;
            if pointed_at[to] == 0 {
                free.push(to);
            }
        }
    }
    removed < n
}

/// The longest subject length the packed lengths of [`LengthsInReach`]
/// tell apart: longer ones are stored as this, which no partner range read
/// from them reaches.
const LONG: u8 = 127;

/// The units' subject lengths, one byte each (capped at [`LONG`]) and
/// followed by `REACH` zero bytes, so that the units in reach of a unit
/// are tested eight at a time, with no branch per unit: the units of a
/// passage have lengths all over the range, so a test per unit, or a walk
/// through the units of each length, mispredicts about once a unit.
struct LengthsInReach {
    packed: Vec<u8>,
}

impl LengthsInReach {
    fn of(lengths: &[usize]) -> LengthsInReach {
        let mut packed = Vec::with_capacity(lengths.len() + REACH);
        packed.extend(lengths.iter().map(|&l| l.min(usize::from(LONG)) as u8));
        packed.resize(lengths.len() + REACH, 0);
        LengthsInReach { packed }
    }

    /// Which of the `REACH - 1` units after `a` have a length in
    /// `lowest..=highest`: bit `i` for unit `a + 1 + i`; units past the
    /// last have none, as their packed length, 0, is below `lowest`. Needs
    /// `1 <= lowest` and `highest < LONG`, where the packed lengths are the
    /// real ones.
    fn after(&self, a: usize, lowest: u8, highest: u8) -> u64 {
        debug_assert!(1 <= lowest && highest < LONG);
        // The REACH units from `a + 1` on, of which the last is out of reach.
        let window = &self.packed[a + 1..a + 1 + REACH];
        let mut found = 0u64;
        for (chunk, bytes) in window.chunks_exact(8).enumerate() {
            // Every packed length is below 0x80, as the lanes' tests need.
            let lengths = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
            let in_range =
                lanes::at_least(lengths, lowest) & !lanes::at_least(lengths, highest + 1);
            found |= lanes::mark_bits(in_range) << (8 * chunk);
        }
        found & ((1 << (REACH - 1)) - 1)
    }
}

/// [`LengthsInReach::after`] for any lengths, the units tested one by one:
/// for subjects too long for the packed lengths.
fn in_reach_one_by_one(lengths: &[usize], a: usize, lowest: usize, highest: usize) -> u64 {
    (a + 1..lengths.len().min(a + REACH))
        .filter(|&b| (lowest..=highest).contains(&lengths[b]))
        .fold(0, |found, b| found | 1 << (b - a - 1))
}

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
        let lengths: Vec<usize> = subjects.lengths().collect();
        let signatures = subjects.signatures();
        // What each length needs and the lengths that can restate it, one
        // past the longest: few lengths, many units.
        let longest = lengths.iter().copied().max().unwrap_or(0);
        let need_of: Vec<usize> = (0..=longest + 1).map(shared_needed).collect();
        let partners_of: Vec<std::ops::RangeInclusive<usize>> = (0..=longest)
            .map(|length| partner_lengths(&need_of, length))
            .collect();
        // Most pairs differ too much in length to restate each other: each
        // unit is compared only with the later units in reach whose length
        // can restate it. Which pairs are joined in which order does not
        // matter: a statement's root is always its first unit.
        let in_reach = LengthsInReach::of(&lengths);
        for a in 0..n {
            let length_a = lengths[a];
            if length_a < RESTATEMENT_WORDS {
                continue;
            }
            let partners = &partners_of[length_a];
            // No unit is longer than the longest.
            let (lowest, highest) = (*partners.start(), (*partners.end()).min(longest));
            let mut found = if highest < usize::from(LONG) {
                in_reach.after(a, lowest as u8, highest as u8)
            } else {
                in_reach_one_by_one(&lengths, a, lowest, highest)
            };
            let sa = signatures[a];
            while found != 0 {
                let b = a + 1 + found.trailing_zeros() as usize;
                found &= found - 1;
                let length_b = lengths[b];
                // Each holds RESTATES of the other's words: the shared
                // words are that share of the larger subject, whose need
                // is the greater (needs grow with length).
                let need = need_of[length_a].max(need_of[length_b]);
                // Every bit one signature sets and the other does not
                // stands for at least one word the other lacks: a bound
                // on the shared words that spares most counts of them. The
                // bits are counted, not cleared one by one in a loop, whose
                // end the processor could not foresee.
                let sb = signatures[b];
                if (sa & !sb).count_ones() as usize <= length_a.saturating_sub(need)
                    && (sb & !sa).count_ones() as usize <= length_b.saturating_sub(need)
                    && subjects.get(a).shared_count(subjects.get(b)) >= need
                {
                    let (ra, rb) = (root(&mut statement, a), root(&mut statement, b));
                    statement[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let statement: Vec<usize> = (0..n).map(|i| root(&mut statement, i)).collect();
        // Support between statements; a restatement supporting itself is
        // repetition, not a circle.
        let mut supports: Vec<(usize, usize)> =
            Vec::with_capacity(context.argument.relations.len());
        supports.extend(
            context
                .argument
                .relations
                .iter()
                .filter(|r| r.kind == RelationKind::Support)
                .map(|r| (statement[r.from], statement[r.to]))
                .filter(|(from, to)| from != to),
        );
        // Nearly every piece has no circle: a cheap test spares the graph
        // and the components of every unit.
        if !has_circle(n, &supports) {
            return Vec::new();
        }
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, n);
        for _ in 0..n {
            graph.add_node(());
        }
        for &(from, to) in &supports {
            graph.update_edge(NodeIndex::new(from), NodeIndex::new(to), ());
        }
        let mut flags: Vec<Flag> = tarjan_scc(&graph)
            .into_iter()
            .filter(|component| component.len() >= 2)
            .map(|component| {
                let mut members: Vec<usize> = (0..n)
                    .filter(|&u| component.contains(&NodeIndex::new(statement[u])))
                    .collect();
                members.sort_unstable();
                let mut message = String::from("circular support: ");
                super::push_units(&mut message, &members);
                message.push_str(" support each other in a circle");
                Flag {
                    unit: members[0],
                    message,
                }
            })
            .collect();
        flags.sort_by_key(|f| f.unit);
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::flagged;

    #[test]
    fn partner_lengths_are_those_the_rule_allows() {
        // The rule as stated, pair by pair.
        let restates = |a: usize, b: usize| {
            let (smaller, larger) = (a.min(b), a.max(b));
            smaller >= RESTATEMENT_WORDS && smaller as f64 >= RESTATES * larger as f64
        };
        let need_of: Vec<usize> = (0..300).map(shared_needed).collect();
        for a in RESTATEMENT_WORDS..200 {
            let partners = partner_lengths(&need_of, a);
            for b in 0..300 {
                assert_eq!(partners.contains(&b), restates(a, b), "{a} and {b}");
            }
            for shared in 0..=a {
                assert_eq!(
                    shared >= shared_needed(a),
                    shared >= RESTATEMENT_WORDS && shared as f64 >= RESTATES * a as f64
                );
            }
        }
    }

    #[test]
    fn lengths_in_reach_are_those_counted_one_by_one() {
        // Lengths around every edge: 0, 1, the range's ends, LONG and past it.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let lengths: Vec<usize> = (0..300)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                [0, 1, 2, 3, 5, 8, 12, 40, 100, 126, 127, 128, 255, 256, 1000]
                    [(state % 15) as usize]
                    + (state >> 40) as usize % 3
            })
            .collect();
        let in_reach = LengthsInReach::of(&lengths);
        for a in 0..lengths.len() {
            for (lowest, highest) in [(1u8, 1u8), (2, 3), (3, 12), (1, 126), (100, 126), (5, 4)] {
                let expected =
                    in_reach_one_by_one(&lengths, a, usize::from(lowest), usize::from(highest));
                assert_eq!(
                    in_reach.after(a, lowest, highest),
                    expected,
                    "{a} {lowest} {highest}"
                );
            }
        }
    }

    #[test]
    fn circles_are_found_however_the_links_are_ordered() {
        assert!(!has_circle(3, &[]));
        assert!(!has_circle(4, &[(0, 1), (1, 2), (0, 2), (3, 2), (3, 1)]));
        assert!(has_circle(2, &[(0, 1), (1, 0)]));
        assert!(has_circle(5, &[(4, 3), (3, 2), (2, 4), (0, 1)]));
        assert!(has_circle(4, &[(0, 1), (1, 1)]));
        // A node on no circle downstream of one.
        assert!(has_circle(4, &[(1, 2), (2, 1), (2, 3), (0, 1)]));
    }

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
    fn restatements_too_long_for_the_packed_lengths_close_a_circle() {
        // Two statements of 130 made-up content words each, more than the
        // packed lengths tell apart, each given as the other's reason.
        use crate::graph::subject::made_up_words;
        let (p, q) = (made_up_words(0..130), made_up_words(200..330));
        let flags = flagged(
            RULE,
            &format!("The {p} because the {q}. The {q} because the {p}."),
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
