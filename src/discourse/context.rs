//! Context: the features of a unit, read from its cues and from where it
//! stands. This is where a word list stops being enough: a modal inside
//! reported speech is the speaker's, not the author's; a "may" that grants a
//! point before a "but" is a concession, not doubt.

use super::SentenceWords;
use crate::features::{FeatureVector, feature};
use crate::grammar::Lexicon;
use crate::grammar::pattern::CueMatch;
use crate::labels::CueClass;
use crate::text::Document;
use crate::text::tokens::{Token, TokenKind};
use std::ops::Range;

/// A cue feature's value is capped, so that a list of ten numbers does not
/// outvote everything else.
const CUE_CAP: f64 = 3.0;
const SHORT_UNIT: usize = 3;
const LONG_UNIT: usize = 30;

/// What the classifier needs to know about one unit.
pub struct UnitContext {
    pub features: FeatureVector,
    /// The cues inside the unit.
    pub cues: Vec<CueMatch>,
    /// Cues of the author's own voice that were read as reported speech.
    pub reported: Vec<bool>,
    /// Hedge cues that were read as a concession.
    pub concessive: bool,
}

/// Marks the words inside quotation marks. Curly quotes open and close;
/// a straight double quote toggles; a lone ‘ opens a single-quoted stretch
/// that a lone ’ closes.
pub fn quoted_words(source: &str, words: &[Token]) -> Vec<bool> {
    let mut inside_double = false;
    let mut inside_single = false;
    let mut marks = Vec::with_capacity(words.len());
    for (i, t) in words.iter().enumerate() {
        // A straight quote glued between two letters ("consumer\"s") stands
        // for an apostrophe, as it does in text from some web forms.
        let glued = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .is_some_and(|w| w.kind == TokenKind::Word)
        };
        let inside_word = t.kind == TokenKind::Punct('"')
            && glued(i.checked_sub(1))
            && glued(Some(i + 1))
            && words[i - 1].end == t.start
            && words[i + 1].start == t.end;
        if inside_word {
            marks.push(inside_double || inside_single);
            continue;
        }
        match t.kind {
            TokenKind::Punct('“') => inside_double = true,
            TokenKind::Punct('”') => inside_double = false,
            TokenKind::Punct('"') => inside_double = !inside_double,
            TokenKind::Punct('‘') => inside_single = true,
            TokenKind::Punct('’') if inside_single => inside_single = false,
            _ => {}
        }
        marks.push((inside_double || inside_single) && !t.text(source).is_empty());
    }
    marks
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Number)
}

/// The voice classes: cues that say what the author thinks, and that count as
/// reported when someone else says them.
fn reported_feature(class: CueClass) -> Option<&'static str> {
    match class {
        CueClass::Policy => Some("reported.policy"),
        CueClass::Value => Some("reported.value"),
        CueClass::Prediction => Some("reported.prediction"),
        CueClass::Hedge => Some("reported.hedge"),
        _ => None,
    }
}

/// Reads the context of every unit. `spans` lists each unit's sentence and
/// word range, in order.
pub fn read(
    source: &str,
    document: &Document,
    sentences: &[SentenceWords],
    spans: &[(usize, Range<usize>)],
    lexicon: &Lexicon,
) -> Vec<UnitContext> {
    let first_body_sentence = document.sentences.iter().position(|s| !s.heading);
    let last_paragraph = document.paragraphs.len().saturating_sub(1);
    let quoted: Vec<Vec<bool>> = sentences
        .iter()
        .map(|s| quoted_words(source, &s.words))
        .collect();
    let opens_with = |sentence: usize, range: &Range<usize>, class: CueClass| {
        sentences[sentence]
            .cues
            .iter()
            .any(|m| m.class == class && m.first == range.start)
    };

    spans
        .iter()
        .enumerate()
        .map(|(n, (s, range))| {
            let sentence = &document.sentences[*s];
            let words = &sentences[*s];
            let unit_words = &words.words[range.clone()];
            let mut x = [0.0; crate::features::FEATURE_COUNT];
            x[feature("bias")] = 1.0;

            let cues: Vec<CueMatch> = words
                .cues
                .iter()
                .filter(|m| m.first >= range.start && m.last <= range.end)
                .copied()
                .collect();
            let attributed = cues.iter().any(|m| m.class == CueClass::Testimony);
            // A hedge grants a point when the next unit of the same sentence
            // turns with "but", "yet", "however". (Across a sentence break the
            // turn is as often a second doubt as a concession.)
            let next = spans.get(n + 1);
            let turns_next =
                next.is_some_and(|(ns, nr)| *ns == *s && opens_with(*ns, nr, CueClass::Contrast));
            let concessive = turns_next && cues.iter().any(|m| m.class == CueClass::Hedge);

            let mut reported = Vec::with_capacity(cues.len());
            let mut counted_rules = Vec::with_capacity(cues.len());
            for m in &cues {
                let in_quote = quoted[*s][m.first];
                let is_reported = reported_feature(m.class).is_some() && (attributed || in_quote);
                reported.push(is_reported);
                // A cue repeated in one unit ("3 … 5 … 12") is one piece of
                // evidence, not several.
                if counted_rules.contains(&m.rule) {
                    continue;
                }
                counted_rules.push(m.rule);
                let slot = &mut x[feature(fed_feature(m, is_reported, concessive))];
                *slot = (*slot + m.weight).min(CUE_CAP);
            }
            for class in [
                CueClass::PremiseFollows,
                CueClass::ConclusionFollows,
                CueClass::Example,
                CueClass::Contrast,
            ] {
                if opens_with(*s, range, class) {
                    x[feature(opens_feature(class))] = 1.0;
                }
            }

            let text = |t: &Token| t.text(source);
            let unit_normalised = &words.normalised[range.clone()];
            let has_word =
                |list: &[&str]| unit_normalised.iter().any(|w| list.contains(&w.as_ref()));
            // Closing quotes and brackets may follow the terminal.
            let ends_with = |c: char| {
                words
                    .words
                    .iter()
                    .rev()
                    .find(|t| {
                        !matches!(t.kind, TokenKind::Punct('"' | '”' | '’' | '\'' | ')' | ']'))
                    })
                    .is_some_and(|t| t.is_punct(c))
            };
            let word_count = unit_words.iter().filter(|t| is_word(t)).count();
            let set = |x: &mut FeatureVector, name: &str, on: bool| {
                if on {
                    x[feature(name)] = 1.0;
                }
            };
            set(&mut x, "question", ends_with('?'));
            set(&mut x, "exclamation", ends_with('!'));
            set(
                &mut x,
                "quotation",
                unit_words
                    .iter()
                    .any(|t| matches!(t.kind, TokenKind::Punct('"' | '“' | '”' | '‘'))),
            );
            let numbers = unit_words.iter().filter(|t| t.kind == TokenKind::Number);
            let is_year = |t: &&Token| {
                let s = text(t);
                s.len() == 4
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && ("1000".."2200").contains(&s)
            };
            set(&mut x, "number", numbers.clone().any(|t| !is_year(&t)));
            set(&mut x, "year", numbers.clone().any(|t| is_year(&t)));
            set(
                &mut x,
                "percent",
                unit_words.iter().any(|t| t.is_punct('%'))
                    || has_word(&["percent", "per", "percentage"]),
            );
            set(
                &mut x,
                "money",
                unit_words
                    .iter()
                    .any(|t| matches!(t.kind, TokenKind::Punct('$' | '£' | '€' | '¥'))),
            );
            set(
                &mut x,
                "first-person-singular",
                has_word(&["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd"]),
            );
            set(
                &mut x,
                "first-person-plural",
                has_word(&["we", "us", "our", "ours", "ourselves", "we're"]),
            );
            set(
                &mut x,
                "second-person",
                has_word(&["you", "your", "yours", "yourself", "you're"]),
            );
            set(
                &mut x,
                "negation",
                has_word(&["not", "no", "never", "nothing", "none", "nobody"])
                    || unit_normalised.iter().any(|w| w.ends_with("n't")),
            );
            set(
                &mut x,
                "conditional",
                unit_normalised
                    .iter()
                    .any(|w| lexicon.conditionals.contains(w.as_ref())),
            );
            set(&mut x, "short", word_count <= SHORT_UNIT);
            set(&mut x, "long", word_count >= LONG_UNIT);
            set(&mut x, "first-sentence", Some(*s) == first_body_sentence);
            set(
                &mut x,
                "paragraph-start",
                document.paragraphs[sentence.paragraph].sentences.start == *s,
            );
            set(
                &mut x,
                "last-paragraph",
                sentence.paragraph == last_paragraph && last_paragraph > 0,
            );
            set(&mut x, "list-item", sentence.list_item);

            UnitContext {
                features: x,
                cues,
                reported,
                concessive,
            }
        })
        .collect()
}

fn cue_feature(class: CueClass) -> &'static str {
    match class {
        CueClass::Policy => "cue.policy",
        CueClass::Value => "cue.value",
        CueClass::Fact => "cue.fact",
        CueClass::Prediction => "cue.prediction",
        CueClass::Statistic => "cue.statistic",
        CueClass::Testimony => "cue.testimony",
        CueClass::Anecdote => "cue.anecdote",
        CueClass::Reference => "cue.reference",
        CueClass::Hedge => "cue.hedge",
        CueClass::Concession => "cue.concession",
        CueClass::PremiseFollows => "cue.premise-follows",
        CueClass::ConclusionFollows => "cue.conclusion-follows",
        CueClass::Example => "cue.example",
        CueClass::Contrast => "cue.contrast",
    }
}

fn opens_feature(class: CueClass) -> &'static str {
    match class {
        CueClass::PremiseFollows => "opens.premise-follows",
        CueClass::ConclusionFollows => "opens.conclusion-follows",
        CueClass::Example => "opens.example",
        _ => "opens.contrast",
    }
}

/// The feature a cue fed, given how its unit's context read it.
pub fn fed_feature(m: &CueMatch, reported: bool, concessive: bool) -> &'static str {
    if reported {
        reported_feature(m.class).unwrap_or("bias")
    } else if concessive && m.class == CueClass::Hedge {
        "concessive.hedge"
    } else {
        cue_feature(m.class)
    }
}
