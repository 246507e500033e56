//! The support graph: which units hold up which, and the piece's main claims.
//!
//! Links come first from the connectives the writer used: inside a sentence
//! ("X because Y", "Since Y, X", "X, so Y", "X, but Y") and at a sentence's
//! start ("Therefore …", "For example …", "However …"). Units with no such
//! link are attached by inference: a unit that opens with "this" or "that"
//! answers the unit before it; evidence and speculation support the claim
//! they most plausibly serve, judged by paragraph, distance and shared
//! content words; other claims serve the main claim they share most with.
//! Explicit links are trusted over inferred ones: they are placed first and
//! inference never overrides them.

pub mod grouped;
mod main_claims;
pub mod subject;

use crate::discourse::Unit;
use crate::grammar::{Lexicon, lists};
use crate::labels::{CueClass, Kind, Role};
use crate::text::Document;
use grouped::Grouped;
use serde::Serialize;
pub use subject::{Subject, SubjectReader, Subjects, Vocabulary};

/// Whether a relation holds its target up or pulls it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Support,
    Attack,
}

impl Relation {
    /// A link the analyser inferred, with no connective behind it.
    fn inferred(from: usize, to: usize, kind: RelationKind, why: impl Into<String>) -> Relation {
        Relation {
            from,
            to,
            kind,
            cue: None,
            explicit: false,
            why: why.into(),
        }
    }
}

impl RelationKind {
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Support => "support",
            RelationKind::Attack => "attack",
        }
    }
}

/// "`from` supports (or attacks) `to`", and why the analyser thinks so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    pub from: usize,
    pub to: usize,
    pub kind: RelationKind,
    /// The connective that makes the link, as written; `None` when inferred.
    pub cue: Option<String>,
    /// Made by a connective rather than inferred.
    pub explicit: bool,
    /// Why the link exists, in a few words: "because (in the sentence)",
    /// "shares: ferry, harbour".
    pub why: String,
}

/// The argument of one piece: its relations, in the order of their `from`
/// unit with each unit's attachment first, and its ranked main claims.
#[derive(Debug, Clone, Default)]
pub struct Argument {
    pub relations: Vec<Relation>,
    pub main_claims: Vec<usize>,
    /// Whether each unit is one of the main claims, by unit id.
    pub is_main_claim: Vec<bool>,
    /// Each unit's content words, by unit id.
    pub subjects: Subjects,
    /// Which units are recommendations (`policy` claims), by unit id.
    pub recommendations: Vec<bool>,
    /// The relations into each unit, as indexes into `relations`, grouped
    /// by the unit they point at. Found once, for the rules that ask each
    /// claim for its supporters.
    into: Grouped,
}

impl Argument {
    /// The relations pointing at `unit`, in the order of `relations`.
    pub fn incoming(&self, unit: usize) -> impl Iterator<Item = &Relation> {
        self.into.of(unit).iter().map(|&r| &self.relations[r])
    }

    /// The units that support `unit` as premises: a connective ties them to
    /// it, or they share its subject (a content word or name) and are not
    /// themselves recommendations. An inferred link from a unit about
    /// something else is no premise, and neither is a sibling recommendation
    /// that happens to share a word ("publish the results", "publish the
    /// data"): advice is not a reason. Each once, in text order.
    pub fn premises(&self, unit: usize) -> Vec<usize> {
        let mut premises: Vec<usize> = self.premise_links(unit).map(|r| r.from).collect();
        premises.sort_unstable();
        premises.dedup();
        premises
    }

    /// Whether any unit supports `unit` as a premise (see
    /// [`Argument::premises`]), found without listing them.
    pub fn has_premise(&self, unit: usize) -> bool {
        self.premise_links(unit).next().is_some()
    }

    /// The relations that make premises of `unit`.
    fn premise_links(&self, unit: usize) -> impl Iterator<Item = &Relation> {
        self.incoming(unit)
            .filter(|r| r.kind == RelationKind::Support)
            .filter(move |r| {
                r.explicit
                    || (!self.recommendations[r.from] && self.subjects.share_any(r.from, unit))
            })
    }
}

/// Whether a unit takes part in the argument: headings, questions and filler
/// do not.
fn argues(unit: &Unit) -> bool {
    unit.role != Role::Other
}

struct Builder<'a> {
    units: &'a [Unit],
    lexicon: &'a Lexicon,
    /// Each unit's paragraph, by unit id: the scoring of candidates asks
    /// for it at every comparison.
    paragraphs: Vec<usize>,
    /// Each unit's first outgoing relation.
    attachment: Vec<Option<Relation>>,
    /// Further relations ("X, so Y" where X already attaches elsewhere).
    extra: Vec<Relation>,
}

impl Builder<'_> {
    fn paragraph(&self, unit: usize) -> usize {
        self.paragraphs[unit]
    }

    fn first_in_sentence(&self, unit: usize) -> bool {
        unit == 0 || self.units[unit - 1].sentence != self.units[unit].sentence
    }

    /// The next unit of the same sentence, when it argues.
    fn next_in_sentence(&self, unit: usize) -> Option<usize> {
        let next = unit + 1;
        (next < self.units.len()
            && self.units[next].sentence == self.units[unit].sentence
            && argues(&self.units[next]))
        .then_some(next)
    }

    /// The nearest earlier unit that argues.
    fn previous(&self, unit: usize) -> Option<usize> {
        (0..unit).rev().find(|&j| argues(&self.units[j]))
    }

    /// The nearest earlier claim of the same paragraph, or else the unit
    /// before: what "For example" and "After all" refer to.
    fn previous_claim(&self, unit: usize) -> Option<usize> {
        let paragraph = self.paragraph(unit);
        (0..unit)
            .rev()
            .take_while(|&j| self.paragraph(j) == paragraph)
            .find(|&j| self.units[j].role == Role::Claim)
            .or_else(|| self.previous(unit))
    }

    /// Whether following attachments from `from` reaches `to`.
    fn leads_to(&self, from: usize, to: usize) -> bool {
        let mut at = from;
        // Attachment chains are short (evidence, claim, main claim); the
        // bound keeps an endless run of "This …" sentences linear.
        for _ in 0..weigh::CHAIN {
            match &self.attachment[at] {
                Some(r) if r.to == to => return true,
                Some(r) if r.to != from => at = r.to,
                _ => return false,
            }
        }
        false
    }

    fn link(&mut self, relation: Relation) {
        if relation.from == relation.to {
            return;
        }
        let from = relation.from;
        match &self.attachment[from] {
            None => self.attachment[from] = Some(relation),
            Some(existing) if existing.to == relation.to => {}
            Some(_) => self.extra.push(relation),
        }
    }

    /// Links made by the connective that opens each unit, or by an
    /// inferential word inside it ("should therefore").
    fn explicit(&mut self) {
        for (i, unit) in self.units.iter().enumerate() {
            if let Some(word) = &unit.infers
                && argues(unit)
            {
                let premise = if self.first_in_sentence(i) {
                    self.previous(i)
                } else {
                    Some(i - 1)
                };
                if let Some(premise) = premise.filter(|&p| argues(&self.units[p])) {
                    self.link(Relation {
                        from: premise,
                        to: i,
                        kind: RelationKind::Support,
                        cue: Some(word.text.clone()),
                        explicit: true,
                        why: lowered_then(&word.text, &[" (inside the unit)"]),
                    });
                }
            }
            let Some(opener) = &unit.opener else { continue };
            if !argues(unit) {
                continue;
            }
            let first = self.first_in_sentence(i);
            let next = self.next_in_sentence(i);
            let within = |place: &str| lowered_then(&opener.text, &[" (", place, ")"]);
            let explicit = |from, to, kind, why: String| Relation {
                from,
                to,
                kind,
                cue: Some(opener.text.clone()),
                explicit: true,
                why,
            };
            let relation = match (opener.class, first, next) {
                // "Since Y, X": the opening clause supports the rest.
                (CueClass::PremiseFollows, true, Some(next)) => {
                    explicit(i, next, RelationKind::Support, within("opening clause"))
                }
                // "X because Y".
                (CueClass::PremiseFollows | CueClass::Example, false, _) => {
                    explicit(i, i - 1, RelationKind::Support, within("in the sentence"))
                }
                // "After all, Y." "For example, Y."
                (CueClass::PremiseFollows | CueClass::Example, true, _) => {
                    let Some(claim) = self.previous_claim(i) else {
                        continue;
                    };
                    explicit(i, claim, RelationKind::Support, within("sentence start"))
                }
                // "Require caller ID, so that victims can call back": the
                // purpose of a recommendation is a reason for it.
                (CueClass::ConclusionFollows, false, _)
                    if self.units[i - 1].kind == Kind::Policy
                        && opener.text.split_whitespace().next().is_some_and(|w| {
                            self.lexicon.lists_of(&w.to_lowercase()) & lists::PURPOSE != 0
                        }) =>
                {
                    explicit(
                        i,
                        i - 1,
                        RelationKind::Support,
                        lowered_then(&opener.text, &[" (purpose of the recommendation)"]),
                    )
                }
                // "X, so Y": X supports Y. "Therefore Y": what came before does.
                (CueClass::ConclusionFollows, _, _) => {
                    let place = if first {
                        "sentence start"
                    } else {
                        "in the sentence"
                    };
                    let Some(premise) = (if first { self.previous(i) } else { Some(i - 1) }) else {
                        continue;
                    };
                    if !argues(&self.units[premise]) {
                        continue;
                    }
                    explicit(premise, i, RelationKind::Support, within(place))
                }
                // "Although Y, X": the concession is made against the rest.
                (CueClass::Contrast, true, Some(next)) => {
                    explicit(i, next, RelationKind::Attack, within("opening clause"))
                }
                // "X, but Y".
                (CueClass::Contrast, false, _) => {
                    explicit(i, i - 1, RelationKind::Attack, within("in the sentence"))
                }
                // "But Y." "However, Y."
                (CueClass::Contrast, true, None) => {
                    let Some(previous) = self.previous(i) else {
                        continue;
                    };
                    explicit(i, previous, RelationKind::Attack, within("sentence start"))
                }
                _ => continue,
            };
            if argues(&self.units[relation.to]) {
                self.link(relation);
            }
        }
    }
}

/// The inference weights of implicit attachment, in one place so that their
/// balance can be read and tuned together.
mod weigh {
    /// Per unit of content-word overlap (0 to 1) with the candidate.
    pub const SHARED: f64 = 2.0;
    pub const SAME_PARAGRAPH: f64 = 1.5;
    /// The candidate comes right before.
    pub const ADJACENT: f64 = 1.0;
    /// The candidate is the first claim of its paragraph: its topic.
    pub const TOPIC: f64 = 0.5;
    pub const THESIS: f64 = 0.5;
    /// Per unit of distance.
    pub const DISTANCE: f64 = 0.1;
    /// How many units away a premise looks for its claim, and a claim for
    /// a main claim other than the thesis (the thesis is always a candidate).
    pub const REACH: usize = 40;
    /// How far an attachment chain is followed to keep inference from
    /// closing a circle.
    pub const CHAIN: usize = 64;

    /// How well a candidate `distance` units away suits a unit to attach
    /// to, from its `overlap` of content words and where it stands.
    pub fn score(
        overlap: f64,
        same_paragraph: bool,
        adjacent: bool,
        topic: bool,
        thesis: bool,
        distance: usize,
    ) -> f64 {
        // Each bonus is added as 0 when it is not earned: the sum is the
        // same (s is never -0), and there is no branch on the conditions,
        // which go either way from one candidate to the next.
        let mut s = SHARED * overlap;
        s += earned(same_paragraph, SAME_PARAGRAPH);
        s += earned(adjacent, ADJACENT);
        s += earned(topic, TOPIC);
        s += earned(thesis, THESIS);
        s - DISTANCE * as_float(distance)
    }

    /// `weight` when `on`, else 0, by masking its bits rather than by a
    /// branch.
    fn earned(on: bool, weight: f64) -> f64 {
        f64::from_bits(weight.to_bits() & u64::from(on).wrapping_neg())
    }

    /// `distance as f64`, from 32 bits when it fits (always, in practice):
    /// the baseline x86-64 target converts those in one instruction, and a
    /// 64-bit unsigned number in several. The value is the same.
    fn as_float(distance: usize) -> f64 {
        match u32::try_from(distance) {
            Ok(short) => f64::from(short),
            Err(_) => distance as f64,
        }
    }

    /// The best score of any candidate `distance` or more units away on
    /// one side of the unit, when the nearest of them is or is not in the
    /// unit's paragraph (`same_paragraph`): paragraphs are runs of units,
    /// so the farther ones on that side are not either when it is not.
    /// Each step of [`score`] is monotonic (rounding too), so the score
    /// with every other bonus is the greatest at a distance, and it falls
    /// with the distance.
    pub fn best_beyond(distance: usize, same_paragraph: bool) -> f64 {
        score(1.0, same_paragraph, distance == 1, true, true, distance)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_bonus_is_its_weight_when_earned_and_a_plain_zero_when_not() {
            for weight in [SAME_PARAGRAPH, ADJACENT, TOPIC, THESIS, 0.0, -1.5] {
                assert_eq!(earned(true, weight).to_bits(), weight.to_bits());
                assert_eq!(earned(false, weight).to_bits(), 0.0f64.to_bits());
            }
        }
    }
}

/// What the candidates a unit may attach to are judged by: the unit, the
/// piece's paragraphs, topics and thesis, and the unit's subject marked.
/// A struct with its work always inlined rather than closures: the
/// candidates are considered from three places, and one call per
/// candidate cost more than the judging of most.
struct Judge<'b, 'a> {
    builder: &'b Builder<'a>,
    /// Whether each unit is the first claim of its paragraph, by unit id.
    is_topic: &'b [bool],
    /// The thesis, or `usize::MAX` when there is none (no unit's id).
    thesis: usize,
    subjects: &'b Subjects,
    /// The unit's subject, marked in `marks` with `stamp`.
    marked: Subject<'b>,
    marks: &'b [u32],
    stamp: u32,
    unit: usize,
    /// The unit's paragraph.
    paragraph: usize,
    /// [`weigh::best_beyond`] at each distance within reach, out of the
    /// unit's paragraph and in it: worked out once, asked at every step.
    best_beyond: &'b [Vec<f64>; 2],
}

impl Judge<'_, '_> {
    /// How well candidate `c` suits the unit, with `overlap` of content words.
    #[inline(always)]
    fn score(&self, c: usize, overlap: f64) -> f64 {
        let i = self.unit;
        weigh::score(
            overlap,
            self.builder.paragraph(c) == self.paragraph,
            c + 1 == i,
            self.is_topic[c],
            c == self.thesis,
            c.abs_diff(i),
        )
    }

    /// The best score of candidate `c` and of those farther on its side of
    /// the unit (see [`weigh::best_beyond`]).
    #[inline(always)]
    fn best_from(&self, c: usize) -> f64 {
        let distance = c.abs_diff(self.unit);
        let same_paragraph = self.builder.paragraph(c) == self.paragraph;
        match self.best_beyond[usize::from(same_paragraph)].get(distance) {
            Some(&best) => best,
            None => weigh::best_beyond(distance, same_paragraph),
        }
    }

    /// Makes candidate `c`, at `place` in the candidates' order, the `best`
    /// when it scores higher, or as high and comes first.
    #[inline(always)]
    fn consider(&self, c: usize, place: usize, best: &mut Option<(usize, f64, usize)>) {
        // Overlap is at most 1 and every step of the score is monotonic,
        // so the score at full overlap bounds the real one: a candidate
        // that could not beat the best so far even then is not compared
        // word by word, nor its attachments followed.
        let bound = self.score(c, 1.0);
        if best.is_some_and(|(_, b, p)| b > bound || (b == bound && p < place))
            || self.builder.leads_to(c, self.unit)
        {
            return;
        }
        // Subjects whose signatures share no bit share no word: their
        // overlap is 0 with no look at their words.
        let signatures = self.subjects.signatures();
        let overlap = if signatures[c] & signatures[self.unit] == 0 {
            0.0
        } else {
            self.subjects
                .get(c)
                .overlap_with_marked(self.marked, self.marks, self.stamp)
        };
        let s = self.score(c, overlap);
        if best.is_none_or(|(_, b, p)| s > b || (s == b && place < p)) {
            *best = Some((c, s, place));
        }
    }
}

/// Builds the support graph of one analysed piece.
pub fn build(units: &[Unit], document: &Document, lexicon: &Lexicon) -> Argument {
    build_with(units, document, &mut SubjectReader::new(lexicon))
}

/// Builds the support graph of one analysed piece, reading subjects with
/// `reader`, which keeps the word forms it has seen for the next piece.
pub fn build_with(units: &[Unit], document: &Document, reader: &mut SubjectReader) -> Argument {
    let lexicon = reader.lexicon();
    reader.start_piece();
    // A content word takes three bytes of text at the least and a byte
    // between it and the next: room for nearly every piece's words at once,
    // so that reading them seldom grows the list.
    let text_bytes: usize = units.iter().map(|unit| unit.text.len()).sum();
    let mut subjects = Subjects::with_capacity(units.len(), text_bytes / 4 + 1);
    for unit in units {
        reader.read_into(subject_text(unit), &mut subjects);
    }
    let (vocabulary, marks) = reader.vocabulary_and_marks(units.len());
    let mut builder = Builder {
        units,
        lexicon,
        paragraphs: units
            .iter()
            .map(|u| document.sentences[u.sentence].paragraph)
            .collect(),
        attachment: vec![None; units.len()],
        extra: Vec::new(),
    };
    builder.explicit();
    let explicitly_attached: Vec<bool> = builder.attachment.iter().map(Option::is_some).collect();
    let main_claims = main_claims::rank(units, document, &explicitly_attached);
    let thesis = main_claims.first().copied();
    // The final conclusions, in text order.
    let mut conclusions: Vec<usize> = main_claims.iter().skip(1).copied().collect();
    conclusions.sort_unstable();
    let mut is_main_claim = vec![false; units.len()];
    for &c in &main_claims {
        is_main_claim[c] = true;
    }

    // The claims, in text order: what evidence attaches to.
    let claims: Vec<usize> = (0..units.len())
        .filter(|&c| units[c].role == Role::Claim)
        .collect();
    // The first claim of each paragraph: its topic sentence.
    let mut topic = vec![None; document.paragraphs.len()];
    for (i, unit) in units.iter().enumerate() {
        let p = builder.paragraph(i);
        if unit.role == Role::Claim && topic[p].is_none() {
            topic[p] = Some(i);
        }
    }

    let best_beyond = [false, true].map(|same| {
        (0..=weigh::REACH)
            .map(|d| weigh::best_beyond(d, same))
            .collect()
    });
    let is_topic: Vec<bool> = (0..units.len())
        .map(|c| topic[builder.paragraph(c)] == Some(c))
        .collect();

    // The words a unit shares with its target, a buffer for each in turn.
    let mut shared: Vec<&str> = Vec::new();
    for i in 0..units.len() {
        let unit = &units[i];
        if builder.attachment[i].is_some() || !argues(unit) || is_main_claim[i] {
            continue;
        }
        // "Of course, the fares are high": a point granted against the
        // unit before, which the writer goes on to answer.
        let previous_in_paragraph = builder
            .previous(i)
            .filter(|&p| builder.paragraph(p) == builder.paragraph(i));
        if unit.concedes
            && unit.opener.is_none()
            && let Some(previous) = previous_in_paragraph
        {
            builder.link(Relation::inferred(
                i,
                previous,
                RelationKind::Attack,
                "concedes a point to the unit before",
            ));
            continue;
        }
        // "This would cost less": an anaphor answers the unit before.
        if opens_with_anaphor(unit)
            && let Some(previous) = previous_in_paragraph
        {
            builder.link(Relation::inferred(
                i,
                previous,
                RelationKind::Support,
                "refers back to the unit before",
            ));
            continue;
        }
        // "Besides, …": one more reason for the thesis.
        if opens_with_addition(unit)
            && let Some(thesis) = thesis
        {
            builder.link(Relation::inferred(
                i,
                thesis,
                RelationKind::Support,
                "adds a reason for the main claim",
            ));
            continue;
        }
        // The thesis and the other main claims within reach: the distance
        // penalty rules out farther ones anyway, and bounded windows keep
        // long inputs linear.
        let reach = i.saturating_sub(weigh::REACH)..(i + weigh::REACH).min(units.len());
        let near_conclusions = {
            let from = conclusions.partition_point(|&c| c < reach.start);
            let to = conclusions.partition_point(|&c| c < reach.end);
            &conclusions[from..to]
        };
        let main_near = thesis.into_iter().chain(near_conclusions.iter().copied());
        // The first of the best-scoring candidates, as (candidate, score,
        // place in the candidates' order). An inferred link never closes a
        // circle: a candidate whose own attachments lead back here is out.
        let mut best: Option<(usize, f64, usize)> = None;
        let stamp = marks.stamp(i);
        let marked = subjects.get(i);
        marked.mark(marks.slots, stamp);
        let judge = Judge {
            builder: &builder,
            is_topic: &is_topic,
            thesis: thesis.unwrap_or(usize::MAX),
            subjects: &subjects,
            marked,
            marks: marks.slots,
            stamp,
            unit: i,
            paragraph: builder.paragraph(i),
            best_beyond: &best_beyond,
        };
        if unit.role == Role::Claim {
            // A claim serves a main claim.
            for (place, c) in main_near.filter(|&c| c != i).enumerate() {
                judge.consider(c, place, &mut best);
            }
        } else {
            // Evidence serves the claims within reach, in text order, then
            // the thesis when it is farther. They are considered nearest
            // first, where the best nearly always is, so that the farther
            // ones are mostly ruled out by their bound, and all of them on
            // one side at once when not even the best thinkable score there
            // beats the best so far. Their place in text order settles ties
            // as a pass in text order would.
            let near_claims = {
                let from = claims.partition_point(|&c| c < reach.start);
                let to = claims.partition_point(|&c| c < reach.end);
                &claims[from..to]
            };
            let split = near_claims.partition_point(|&c| c < i);
            // The next candidate before the unit, counting down, and after
            // it, counting up; a side is given up once not even the best
            // score thinkable on it beats the best so far. Which candidates
            // are considered in which order changes nothing but the work:
            // the best is the highest score, first in text order, of those
            // that could beat the others.
            let after_start = split + usize::from(near_claims.get(split) == Some(&i));
            let (mut before, mut after) = (split, after_start);
            loop {
                let next_before = before.checked_sub(1).map(|b| near_claims[b]);
                let next_after = near_claims.get(after).copied();
                let (c, from_before) = match (next_before, next_after) {
                    (Some(b), Some(a)) if i - b <= a - i => (b, true),
                    (_, Some(a)) => (a, false),
                    (Some(b), None) => (b, true),
                    (None, None) => break,
                };
                if best.is_some_and(|(_, b, _)| b > judge.best_from(c)) {
                    // Nothing farther on this side can win either.
                    if from_before {
                        before = 0;
                    } else {
                        after = near_claims.len();
                    }
                    continue;
                }
                if from_before {
                    before -= 1;
                } else {
                    after += 1;
                }
                judge.consider(c, c, &mut best);
            }
            if let Some(thesis) = thesis
                && !reach.contains(&thesis)
                && units[thesis].role == Role::Claim
            {
                judge.consider(thesis, units.len(), &mut best);
            }
        }
        let Some((target, _, _)) = best else { continue };
        // The unit's subject is still the one marked.
        subjects
            .get(target)
            .shared_with_marked(marks.slots, stamp, vocabulary, &mut shared);
        let why = if shared.is_empty() {
            if Some(target) == thesis {
                "serves the main claim".to_string()
            } else {
                "nearest claim".to_string()
            }
        } else {
            let mut why = String::with_capacity(
                "shares: ".len() + shared.iter().map(|w| w.len() + ", ".len()).sum::<usize>(),
            );
            why.push_str("shares: ");
            for (n, word) in shared.iter().enumerate() {
                if n > 0 {
                    why.push_str(", ");
                }
                why.push_str(word);
            }
            why
        };
        builder.link(Relation::inferred(i, target, RelationKind::Support, why));
    }

    let Builder {
        attachment,
        mut extra,
        ..
    } = builder;
    // Each unit's attachment, then its further relations: the attachments
    // up to a further relation's unit are taken in one go before it, rather
    // than each unit asking whether a further relation is its own (few
    // pieces have any).
    extra.sort_by_key(|r| r.from);
    let mut relations: Vec<Relation> = Vec::with_capacity(units.len() + extra.len());
    let mut attachments = attachment.into_iter();
    let mut taken = 0;
    for r in extra {
        let through = r.from + 1;
        if through > taken {
            relations.extend(attachments.by_ref().take(through - taken).flatten());
            taken = through;
        }
        relations.push(r);
    }
    relations.extend(attachments.flatten());
    let into = Grouped::by(units.len(), relations.iter().map(|r| r.to));
    Argument {
        relations,
        main_claims,
        is_main_claim,
        subjects,
        recommendations: units.iter().map(|u| u.kind == Kind::Policy).collect(),
        into,
    }
}

/// `text` lower-cased as `str::to_lowercase` does it, then `parts`: a
/// link's reason, written without the formatting machinery, which costs
/// several times the copying for strings this short.
fn lowered_then(text: &str, parts: &[&str]) -> String {
    let more: usize = parts.iter().map(|part| part.len()).sum();
    let mut out = if text.is_ascii() {
        let mut out = String::with_capacity(text.len() + more);
        out.push_str(text);
        out.make_ascii_lowercase();
        out
    } else {
        text.to_lowercase()
    };
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Whether a unit, with no connective, opens with a word that points back
/// ("This means …" is a connective; "This would cost less" is an anaphor).
fn opens_with_anaphor(unit: &Unit) -> bool {
    unit.opening_lists & lists::ANAPHOR != 0
}

/// Whether a unit opens by adding a reason ("Besides, …", "Moreover, …").
fn opens_with_addition(unit: &Unit) -> bool {
    unit.opening_lists & lists::ADDITIVE != 0
}

/// The part of a unit its subject is read from. A recommendation depends
/// on the clause that makes it: in "At a time when Russia and China are
/// arming, the United Kingdom should uphold its values", on "the United
/// Kingdom should uphold its values", not on the circumstances before the
/// comma. Other units are read whole.
fn subject_text(unit: &Unit) -> &str {
    if unit.kind != Kind::Policy {
        return &unit.text;
    }
    let Some(cue) = unit.cues.iter().find(|c| c.class == CueClass::Policy) else {
        return &unit.text;
    };
    let before = &unit.text[..cue.start - unit.start];
    let clause_start = before.rfind([',', ';', ':', '–', '—']).map_or(0, |at| {
        at + before[at..].chars().next().map_or(1, char::len_utf8)
    });
    &unit.text[clause_start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;

    /// The relations of `text` as (from text, to text, kind, explicit).
    fn links(text: &str) -> Vec<(String, String, RelationKind, bool)> {
        let analysis = Analysis::of("test", text, &Lexicon::english());
        let unit = |i: usize| analysis.units[i].text.clone();
        analysis
            .relations
            .iter()
            .map(|r| (unit(r.from), unit(r.to), r.kind, r.explicit))
            .collect()
    }

    fn has(
        links: &[(String, String, RelationKind, bool)],
        from: &str,
        to: &str,
        kind: RelationKind,
    ) -> bool {
        links
            .iter()
            .any(|(f, t, k, _)| f.starts_with(from) && t.starts_with(to) && *k == kind)
    }

    #[test]
    fn connectives_make_explicit_links() {
        let l = links("The council should cap fares because commuters pay twice what they did.");
        assert!(
            has(&l, "because", "The council", RelationKind::Support),
            "{l:?}"
        );
        assert!(l.iter().all(|(_, _, _, explicit)| *explicit));
        let l = links("Since the debt is old, the collector should stop calling.");
        assert!(
            has(&l, "Since", "the collector", RelationKind::Support),
            "{l:?}"
        );
        let l = links("The scheme looks expensive, but it pays for itself within five years.");
        assert!(has(&l, "but", "The scheme", RelationKind::Attack), "{l:?}");
        let l = links("Fares doubled in 2019. Therefore the council must act.");
        assert!(
            has(&l, "Fares", "Therefore", RelationKind::Support),
            "{l:?}"
        );
        let l = links("Fares doubled in 2019. The council must therefore act.");
        assert!(
            has(&l, "Fares", "The council", RelationKind::Support),
            "{l:?}"
        );
        // "so" inside a clause draws no conclusion: no explicit link.
        let l = links("Fares doubled in 2019. Commuters were so angry.");
        assert!(l.iter().all(|(_, _, _, explicit)| !explicit), "{l:?}");
    }

    #[test]
    fn the_relations_into_a_unit_are_those_that_point_at_it() {
        let lexicon = Lexicon::english();
        let text = "The council should cap fares because commuters pay twice what they did. \
                    Fares doubled in 2019. Therefore the council must act. Of course, caps \
                    cost money. This one would pay for itself.";
        let document = crate::text::segment(text, &lexicon);
        let units = crate::discourse::analyse(text, &document, &lexicon);
        let argument = build(&units, &document, &lexicon);
        assert!(argument.relations.len() >= 3, "{:?}", argument.relations);
        for unit in 0..units.len() {
            let into: Vec<&Relation> = argument.incoming(unit).collect();
            let pointing: Vec<&Relation> =
                argument.relations.iter().filter(|r| r.to == unit).collect();
            assert_eq!(into, pointing);
        }
        assert_eq!(argument.incoming(units.len()).count(), 0);
        assert_eq!(Argument::default().incoming(0).count(), 0);
    }

    #[test]
    fn a_purpose_supports_the_recommendation_it_follows() {
        let l = links(
            "Collectors should be required to show caller ID, so that victims can call back.",
        );
        assert!(
            has(&l, "so that", "Collectors", RelationKind::Support),
            "{l:?}"
        );
    }

    #[test]
    fn concessions_and_anaphors_answer_the_unit_before() {
        let l = links(
            "The town needs a new bridge. Of course, bridges are expensive. \
             This one would pay for itself in tolls.",
        );
        assert!(
            has(&l, "Of course", "The town", RelationKind::Attack),
            "{l:?}"
        );
        assert!(
            has(&l, "This one", "Of course", RelationKind::Support),
            "{l:?}"
        );
    }

    #[test]
    fn the_thesis_is_a_recommendation_or_a_drawn_conclusion() {
        let lexicon = Lexicon::english();
        let main = |text: &str| {
            let a = Analysis::of("test", text, &lexicon);
            a.units[a.main_claims[0]].text.clone()
        };
        assert_eq!(
            main(
                "Dog dirt is everywhere in the park. The fines are tiny. The council should raise them."
            ),
            "The council should raise them."
        );
        assert_eq!(
            main(
                "The fees deter poorer students. They also lengthen degrees. \
                 Universities should therefore drop the fees."
            ),
            "Universities should therefore drop the fees."
        );
        assert!(
            Analysis::of("test", "Why?", &lexicon)
                .main_claims
                .is_empty()
        );
    }
}
