//! Splitting a sentence into units: the clauses that do separate work in the
//! argument. A sentence is cut before a discourse connective ("X because Y",
//! "X, so Y"), before a coordinator that joins two clauses ("X and they
//! Y"), after a semicolon, at a comma splice (", I …"), and after
//! a sentence-opening clause of reason or concession ("Since X, | Y").

use super::SentenceWords;
use crate::grammar::key::Particle;
use crate::grammar::lists;
use crate::grammar::pattern::CueMatch;
use crate::labels::CueClass;
use crate::text::tokens::{Token, TokenKind};
use std::ops::Range;

/// A connective of at least this weight splits a sentence wherever it stands;
/// a lighter one only after a comma, semicolon, colon or dash, or before a
/// subject.
pub const STRONG_CONNECTIVE: f64 = 1.5;
/// Each side of a split keeps at least this many words, so that a connective
/// in a short phrase ("but not yet") does not make a unit of one word.
const MIN_UNIT_WORDS: usize = 3;
/// The longest subject between a coordinator and the modal of a new clause
/// ("and the consumer agency should").
const MAX_SUBJECT_WORDS: usize = 3;

/// A word's particle told from its form, one letter at a time: what the
/// word's key (`WordKey::particle`, which the splitter reads) must agree
/// with.
#[cfg(test)]
fn particle(word: &str) -> Particle {
    let negation = |yes: bool| {
        if yes {
            Particle::OtherNegation
        } else {
            Particle::Other
        }
    };
    match word.as_bytes().last() {
        Some(b't') if word == "not" => Particle::Not,
        Some(b't') => negation(word.ends_with("n't")),
        Some(b'o') => negation(word == "no"),
        Some(b'r') => negation(word == "never"),
        Some(b'y') if word == "only" => Particle::Only,
        _ => Particle::Other,
    }
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Number)
}

/// Facts about each position of a sentence (position `i` is just before
/// word `i`; the last is the sentence's end), computed in one pass so that
/// the splitting rules below look them up instead of scanning back and
/// forth: a long sentence without punctuation costs linear time, not
/// quadratic. One vector of records rather than a vector per fact, kept by
/// the `Splitter` from one sentence to the next: a position's facts sit
/// together, and a sentence costs no allocation.
/// Positions and counts are `u32`: half the memory to write per word, and
/// no sentence has four billion words.
struct Positions<'a> {
    at: &'a [Position],
    /// The word "only" of the first "not only" (0: none; "only" never
    /// stands at 0 in it).
    not_only: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Position {
    /// Word and number tokens before the position.
    words_before: u32,
    /// Punctuation tokens before the position.
    marks_before: u32,
    /// The position just after the last comma before it.
    after_comma: u32,
    /// The position just after the last comma, semicolon or colon.
    after_clause_mark: u32,
    /// One past the last conditional word before the position (0: none).
    conditional_until: u32,
    /// One past the last negation before the position (0: none).
    negation_until: u32,
    /// The largest start of a testimony cue that ends at or before the
    /// position, plus one (0: none).
    testimony_from: u32,
    /// Whether a policy, prediction or hedge cue starts at the position.
    modal_at: bool,
}

impl std::ops::Index<usize> for Positions<'_> {
    type Output = Position;

    fn index(&self, i: usize) -> &Position {
        &self.at[i]
    }
}

impl<'a> Positions<'a> {
    /// The positions of `sentence`, written into `p` (whatever it held).
    fn of(sentence: &SentenceWords, p: &'a mut Vec<Position>) -> Positions<'a> {
        let words = &sentence.words;
        p.clear();
        // The facts that carry forward from one position to the next.
        let mut here = Position::default();
        p.push(here);
        let mut not_only = 0;
        let mut after_not = false;
        // One position after each word, made by a map the vector extends
        // itself with: its room is checked once, not once a word.
        p.extend(
            words
                .iter()
                .zip(sentence.keys)
                .enumerate()
                .map(|(i, (t, key))| {
                    let on = key.lists;
                    let next = i as u32 + 1;
                    match t.kind {
                        TokenKind::Word | TokenKind::Number => here.words_before += 1,
                        TokenKind::Punct(c) => {
                            here.marks_before += 1;
                            if c == ',' {
                                here.after_comma = next;
                            }
                            if matches!(c, ',' | ';' | ':') {
                                here.after_clause_mark = next;
                            }
                        }
                        _ => {}
                    }
                    if on & lists::CONDITIONAL != 0 {
                        here.conditional_until = next;
                    }
                    let particle = key.particle;
                    if matches!(particle, Particle::Not | Particle::OtherNegation) {
                        here.negation_until = next;
                    }
                    if particle == Particle::Only && after_not && not_only == 0 {
                        not_only = i;
                    }
                    after_not = particle == Particle::Not;
                    here
                }),
        );
        let mut testimony = false;
        for m in sentence.cues {
            if m.class == CueClass::Testimony {
                p[m.last].testimony_from = p[m.last].testimony_from.max(m.first as u32 + 1);
                testimony = true;
            }
            if matches!(
                m.class,
                CueClass::Policy | CueClass::Prediction | CueClass::Hedge
            ) {
                p[m.first].modal_at = true;
            }
        }
        // Without a testimony cue (most sentences), every position's is 0.
        if testimony {
            for i in 1..p.len() {
                p[i].testimony_from = p[i].testimony_from.max(p[i - 1].testimony_from);
            }
        }
        Positions { at: p, not_only }
    }

    fn word_count(&self, range: Range<usize>) -> usize {
        (self[range.end].words_before - self[range.start].words_before) as usize
    }

    fn marks_between(&self, range: Range<usize>) -> usize {
        (self[range.end].marks_before - self[range.start].marks_before) as usize
    }
}

/// Whether word `i` of `sentence` is on any of the word lists `list`
/// (`lists::*` bits); false past its end.
fn on_list(sentence: &SentenceWords, i: usize, list: u16) -> bool {
    i < sentence.words.len() && sentence.keys[i].lists & list != 0
}

/// Whether word `i` of `words` follows a pause: a comma, a semicolon, a
/// colon or a dash.
fn after_pause(words: &[Token], i: usize) -> bool {
    i > 0
        && matches!(
            words[i - 1].kind,
            TokenKind::Punct(',' | ';' | ':' | '–' | '—' | '-')
        )
}

/// Whether any rule of `split_with` could cut `sentence` (`opens_reason`:
/// whether a subordinator opens it), asking what each rule asks short of
/// the facts about positions: a connective that may split, a coordinator
/// that may open a clause, a semicolon, a comma or an ellipsis before a
/// subject, and a sentence long enough for two units. Most sentences have
/// none of them ("bread and butter" is no clause) and are one unit, with no
/// need of those facts.
// Not inlined: a function of its own keeps its loop's state in registers.
#[inline(never)]
fn may_cut(sentence: &SentenceWords, opens_reason: bool) -> bool {
    let words = sentence.words;
    let keys = sentence.keys;
    if words.len() < 2 * MIN_UNIT_WORDS {
        return false;
    }
    let on = |i: usize, list: u16| on_list(sentence, i, list);
    let after_pause = |i: usize| after_pause(words, i);
    let connective_may_split = |m: &CueMatch| {
        m.class.is_connective()
            && m.first > 0
            && (after_pause(m.first)
                || m.weight >= STRONG_CONNECTIVE
                || on(m.last, lists::SUBJECT)
                || (m.class == CueClass::ConclusionFollows
                    && on(m.last, lists::DETERMINER)
                    && !on(m.first - 1, lists::FUNCTION)))
    };
    // A modal cue starts a short subject's length after `i`.
    let modal_follows = |i: usize| {
        let last = (i + MAX_SUBJECT_WORDS + 1).min(words.len() - 1);
        sentence.cues.iter().any(|m| {
            matches!(
                m.class,
                CueClass::Policy | CueClass::Prediction | CueClass::Hedge
            ) && (i + 2..=last).contains(&m.first)
        })
    };
    let coordinator_may_open = |i: usize| {
        words[i].kind == TokenKind::Word
            && !on(i - 1, lists::SUBJECT)
            && (on(
                i + 1,
                lists::SUBJECT | lists::CONDITIONAL | lists::SUBORDINATOR,
            ) || modal_follows(i))
    };
    if opens_reason || sentence.cues.iter().any(connective_may_split) {
        return true;
    }
    for (i, (before, key)) in words.iter().zip(&keys[1..]).enumerate() {
        // Most words are no coordinator and follow a word: two tests.
        let coordinator = key.lists & lists::COORDINATOR != 0;
        if !coordinator && matches!(before.kind, TokenKind::Word) {
            continue;
        }
        let cut = match before.kind {
            _ if coordinator && coordinator_may_open(i + 1) => true,
            TokenKind::Punct(';') => true,
            TokenKind::Punct(',') | TokenKind::Ellipsis { .. } => key.lists & lists::SUBJECT != 0,
            _ => false,
        };
        if cut {
            return true;
        }
    }
    false
}

/// The unit ranges of one sentence, as ranges of its word tokens.
#[cfg(test)]
pub fn split(sentence: &SentenceWords) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    Splitter::default().split(sentence, |range| units.push(range));
    units
}

/// The splitter's working space, kept from one sentence to the next so
/// that splitting a sentence allocates nothing.
#[derive(Default)]
pub struct Splitter {
    positions: Vec<Position>,
    candidates: Vec<usize>,
}

impl Splitter {
    /// Hands `unit` the unit ranges of one sentence, in order, as ranges of
    /// its word tokens.
    pub fn split(&mut self, sentence: &SentenceWords, unit: impl FnMut(Range<usize>)) {
        split_with(
            sentence,
            &mut self.positions,
            &mut self.candidates,
            true,
            unit,
        );
    }
}

/// `Splitter::split`, with the working space borrowed field by field.
fn split_with(
    sentence: &SentenceWords,
    positions: &mut Vec<Position>,
    candidates: &mut Vec<usize>,
    shortcut: bool,
    mut unit: impl FnMut(Range<usize>),
) {
    let words = sentence.words;
    if words.is_empty() {
        return;
    }
    let keys = sentence.keys;
    let on = |i: usize, list: u16| on_list(sentence, i, list);
    let norm = |i: usize| sentence.normalised.get(i);
    // Where a sentence-opening clause of reason or concession would begin.
    let opening = words
        .iter()
        .position(is_word)
        .map(|first| first + usize::from(on(first, lists::COORDINATOR) || norm(first) == "but"));
    // (`shortcut` is false only in a test that the rules agree.)
    if shortcut
        && !may_cut(
            sentence,
            opening.is_some_and(|o| on(o, lists::SUBORDINATOR)),
        )
    {
        unit(0..words.len());
        return;
    }
    let at = Positions::of(sentence, positions);
    let after_pause = |i: usize| after_pause(words, i);
    let subject_at = |i: usize| on(i, lists::SUBJECT);

    // "If X, I should Y": the comma ends a condition, not a clause of its
    // own. A condition opened since the previous comma keeps the next
    // clause with it.
    let ends_a_condition = |comma: usize| at[comma].conditional_until > at[comma].after_comma;
    // "According to the auditors, we should Y": the comma ends an
    // attribution, and what follows is what was reported.
    let ends_an_attribution = |comma: usize| at[comma].testimony_from > at[comma].after_comma;
    // "X and the agency should Y": a modal soon after a coordinator or
    // connective, with a short subject between, shows that a new clause
    // begins there. The stretch before must be a clause too, not the first
    // half of a subject ("the creditor and collector should").
    let modal_clause_follows = |i: usize| {
        at.word_count(at[i].after_clause_mark as usize..i) >= MIN_UNIT_WORDS
            && (i + 2..=(i + MAX_SUBJECT_WORDS + 1).min(words.len() - 1))
                .any(|j| at[j].modal_at && at.marks_between(i + 1..j) == 0)
    };
    // "X and if Y, Z": a coordinator before a condition or a reason.
    let opens_subordinate = |i: usize| on(i, lists::CONDITIONAL | lists::SUBORDINATOR);
    // "not only X but Y" is one claim.
    let not_only = Some(at.not_only).filter(|&i| i > 0);

    candidates.clear();
    for m in sentence.cues.iter().filter(|m| m.class.is_connective()) {
        // "not only A but B", "no longer A but B", "not A but B": one claim.
        let negated = at[m.first].negation_until > at[m.first].after_comma;
        let completes_not_only =
            (not_only.is_some_and(|n| n < m.first) || negated) && norm(m.first) == "but";
        // A light connective splits after a pause, or when a subject follows
        // it and so it opens a clause: "X so they Y", "X as it Z".
        if m.first > 0
            && !completes_not_only
            && (after_pause(m.first)
                || m.weight >= STRONG_CONNECTIVE
                || subject_at(m.last)
                // "required so the victim can": but not "are therefore the
                // right measure", where the connective follows a function
                // word and sits inside its clause.
                || (m.class == CueClass::ConclusionFollows
                    && on(m.last, lists::DETERMINER)
                    && !on(m.first - 1, lists::FUNCTION)))
        {
            candidates.push(m.first);
        }
    }
    let pairs = words.iter().zip(&words[1..]);
    for (i, ((before, word), key)) in pairs.zip(&keys[1..]).enumerate() {
        let i = i + 1;
        let here = key.lists;
        // Most words are no coordinator and follow a word: no rule cuts
        // before them, as two tests tell.
        if here & lists::COORDINATOR == 0 && matches!(before.kind, TokenKind::Word) {
            continue;
        }
        // "X, and they Y" joins two clauses; "A, B, and C" and "X, and
        // allow Y" do not start a claim of their own; "he or she" joins two
        // subjects, not two clauses.
        if here & lists::COORDINATOR != 0
            && word.kind == TokenKind::Word
            && !subject_at(i - 1)
            && (subject_at(i + 1) || opens_subordinate(i + 1) || modal_clause_follows(i))
        {
            candidates.push(i);
        }
        let subject_here = here & lists::SUBJECT != 0;
        match before.kind {
            // A semicolon, or an ellipsis before a new subject ("Text me
            // please... it is annoying"), ends a clause.
            TokenKind::Punct(';') => candidates.push(i),
            TokenKind::Ellipsis { .. } if subject_here => candidates.push(i),
            TokenKind::Punct(',')
                if subject_here && !ends_a_condition(i - 1) && !ends_an_attribution(i - 1) =>
            {
                candidates.push(i)
            }
            _ => {}
        }
    }
    // "Since X, Y" / "But although X, Y": the opening clause is a unit.
    // Not "As the mayor said, Y": an attribution stays with what it reports.
    if let Some(opens) = opening
        && on(opens, lists::SUBORDINATOR)
        && let Some(comma) = (opens + 1..words.len()).find(|&i| words[i].is_punct(','))
        && at[comma].testimony_from as usize <= opens
    {
        candidates.push(comma + 1);
    }
    candidates.sort_unstable();
    candidates.dedup();

    let mut last = 0;
    for &cut in candidates.iter() {
        if cut <= last || cut >= words.len() || sentence.quoted[cut] {
            continue;
        }
        if at.word_count(last..cut) >= MIN_UNIT_WORDS
            && at.word_count(cut..words.len()) >= MIN_UNIT_WORDS
        {
            unit(last..cut);
            last = cut;
        }
    }
    unit(last..words.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discourse::DocumentWords;
    use crate::grammar::Lexicon;

    fn units(text: &str) -> Vec<String> {
        let lexicon = Lexicon::english();
        let read = DocumentWords::of_sentence(text, &lexicon);
        let sentence = &read.sentences()[0];
        let words = sentence.words;
        split(sentence)
            .into_iter()
            .map(|r| text[words[r.start].start..words[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn a_word_s_key_tells_its_particle_as_its_form_does() {
        let lexicon = Lexicon::english();
        let text = "Not only NO, never; not-only isn't only nothing can’t Only \
                    ONLY nor snot ano n't don't wont won't known never-ending not.";
        let read = DocumentWords::of_sentence(text, &lexicon);
        let sentence = &read.sentences()[0];
        for (i, key) in sentence.keys.iter().enumerate() {
            let form = sentence.normalised.get(i);
            assert_eq!(key.particle, particle(form), "{form:?}");
        }
    }

    #[test]
    fn a_sentence_nothing_may_cut_is_what_every_rule_leaves_whole() {
        let lexicon = Lexicon::english();
        // Every sentence of the corpus articles, one per line.
        let mut corpus = String::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let article = std::fs::read_to_string(path).unwrap();
                let document = crate::text::segment(&article, &lexicon);
                for s in &document.sentences {
                    corpus.push_str(&s.text(&article).replace('\n', " "));
                    corpus.push('\n');
                }
            }
        }
        let texts = [
            "The council must act because the bridge is failing.",
            "Fares rose again, so riders left in droves.",
            "Since the debt is seven years old, the agency should stop calling.",
            "He is never rude with them, he just refuses to pay.",
            "They abuse consumers and the agency should stop them.",
            "Text me please... it is annoying; we know.",
            "But although it rained, we went.",
            "A short one.",
            "The plan is fine, the cost is not, and nobody says why.",
        ];
        let mut shortcut = 0;
        for text in texts.iter().copied().chain(corpus.lines()) {
            let read = DocumentWords::of_sentence(text, &lexicon);
            let sentence = &read.sentences()[0];
            let (mut fast, mut full) = (Vec::new(), Vec::new());
            let (mut positions, mut candidates) = (Vec::new(), Vec::new());
            split_with(sentence, &mut positions, &mut candidates, true, |r| {
                fast.push(r)
            });
            split_with(sentence, &mut positions, &mut candidates, false, |r| {
                full.push(r)
            });
            assert_eq!(fast, full, "{text}");
            if !sentence.words.is_empty() && !may_cut(sentence, false) {
                shortcut += 1;
            }
        }
        assert!(shortcut > 100, "{shortcut}");
    }

    #[test]
    fn connectives_start_units() {
        assert_eq!(
            units("The council must act because the bridge is failing."),
            ["The council must act", "because the bridge is failing."]
        );
        assert_eq!(
            units("Fares rose again, so riders left in droves."),
            ["Fares rose again,", "so riders left in droves."]
        );
        // A light connective without a pause does not split.
        assert_eq!(
            units("It was so cold that nobody came."),
            ["It was so cold that nobody came."]
        );
    }

    #[test]
    fn clauses_joined_by_and_or_a_comma_splice() {
        assert_eq!(
            units("I disputed the debt twice and they ignored every letter."),
            [
                "I disputed the debt twice",
                "and they ignored every letter."
            ]
        );
        assert_eq!(
            units("Bread and butter and jam are cheap."),
            ["Bread and butter and jam are cheap."]
        );
        assert_eq!(
            units("He is never rude with them, he just refuses to pay."),
            ["He is never rude with them,", "he just refuses to pay."]
        );
    }

    #[test]
    fn a_condition_stays_with_its_consequence() {
        assert_eq!(
            units("If the debt is old, they should stop calling."),
            ["If the debt is old, they should stop calling."]
        );
        assert_eq!(
            units("My view is simple, if the debt is old, he or she should stop."),
            ["My view is simple, if the debt is old, he or she should stop."]
        );
    }

    #[test]
    fn a_modal_after_a_coordinator_opens_a_clause() {
        assert_eq!(
            units("They abuse consumers and the agency should stop them."),
            ["They abuse consumers", "and the agency should stop them."]
        );
        // Two nouns sharing one modal are one subject, not two clauses.
        assert_eq!(
            units("If it fails, the creditor and collector should call."),
            ["If it fails, the creditor and collector should call."]
        );
    }

    #[test]
    fn not_a_but_b_is_one_claim() {
        assert_eq!(
            units("The obstacle is no longer the technology but the imagination."),
            ["The obstacle is no longer the technology but the imagination."]
        );
    }

    #[test]
    fn not_only_but_is_one_claim() {
        assert_eq!(
            units("Every notice should include not only the name but the address."),
            ["Every notice should include not only the name but the address."]
        );
    }

    #[test]
    fn an_opening_clause_of_reason_is_its_own_unit() {
        assert_eq!(
            units("Since the debt is seven years old, the agency should stop calling."),
            [
                "Since the debt is seven years old,",
                "the agency should stop calling."
            ]
        );
    }

    #[test]
    fn nothing_splits_inside_a_quotation_or_into_tiny_units() {
        assert_eq!(
            units("“We must act because time is short,” she said."),
            ["“We must act because time is short,” she said."]
        );
        assert_eq!(units("But not yet."), ["But not yet."]);
    }
}
