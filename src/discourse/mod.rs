//! Discourse: sentences become units, and each unit gets a role, a kind, a
//! confidence and the cues that decided them.

pub mod classify;
mod context;
mod units;

use crate::features::{self, FeatureVector};
use crate::grammar::key::WordKey;
use crate::grammar::pattern::{CueMatch, NormalisedWords, WordTable};
use crate::grammar::{Lexicon, lists};
use crate::labels::{CueClass, CueClasses, Kind, Role};
use crate::text::Document;
use crate::text::tokens::{Token, TokenKind};
pub use classify::Reason;
use serde::Serialize;
use std::ops::Range;

/// An argumentative discourse unit: a sentence, or the part of one that a
/// connective introduces.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub id: usize,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub role: Role,
    pub kind: Kind,
    /// How sure the scorer is of the role (see `classify::Scored`); none
    /// when the analysis keeps no label's reasons ([`Keep::reasons`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    pub cues: Vec<Cue>,
    /// The features that did most to choose the kind over the runner-up.
    pub because: Vec<Reason>,
    /// The unit's features, as the scorer read them, when the analysis was
    /// asked to keep them ([`Keep::features`]): `warrant train` learns from
    /// them, and no other output reads them, so the rest do without a copy
    /// of the whole vector in every unit.
    #[serde(skip)]
    pub features: Option<Box<FeatureVector>>,
    /// The connective that opens the unit ("because", "For example", "But"),
    /// whatever it says about the label: the support graph reads it.
    #[serde(skip)]
    pub opener: Option<Cue>,
    /// Every cue class that fired in the unit, whether or not it decided the
    /// label: a statistic whose unit also cites a source is sourced.
    #[serde(skip)]
    pub fired: CueClasses,
    /// The word lists (`lists::*` bits) of the unit's first word, when no
    /// connective opens it: "This …" answers the unit before, "Besides, …"
    /// adds a reason.
    #[serde(skip)]
    pub opening_lists: u16,
    /// A word that draws a conclusion from inside the unit ("The council
    /// should therefore act"), when no connective opens it.
    #[serde(skip)]
    pub infers: Option<Cue>,
    /// The unit opens by granting a point ("Of course, …", "Admittedly, …").
    #[serde(skip)]
    pub concedes: bool,
}

/// A cue that fired in a unit and spoke for its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub class: CueClass,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Cue {
    /// The cue of `class` at the byte span `start..end` of `source`.
    fn at(class: CueClass, source: &str, start: usize, end: usize) -> Cue {
        Cue {
            class,
            text: source[start..end].to_string(),
            start,
            end,
        }
    }
}

/// One sentence's words, normalised once, with the cues found in them: a
/// view into the `DocumentWords` of its text.
pub(crate) struct SentenceWords<'a> {
    pub words: &'a [Token],
    pub normalised: NormalisedWords<'a>,
    pub cues: &'a [CueMatch],
    /// For each word, whether it stands inside quotation marks.
    pub quoted: &'a [bool],
    /// For each word, what its one vocabulary look-up answered: the
    /// clause-structure lists it is on (`lists::*` bits), its closed-class
    /// flags, whether it is capitalised.
    pub keys: &'a [WordKey],
    /// How many leading tokens are a list item's marker ("1.", "b)", "•").
    pub marker: usize,
}

/// The words of every sentence of a text, read sentence by sentence into
/// buffers they share (a sentence costs no allocation): each word, its
/// normalised form, its key, whether it is quoted, and the cues among them.
pub(crate) struct DocumentWords {
    table: WordTable,
    /// For each word of a sentence with a quotation mark, whether it stands
    /// inside quotation marks.
    quoted: Vec<bool>,
    /// As many `false` as the longest sentence without a quotation mark has
    /// words: what most sentences' words are, without a flag a word.
    unquoted: Vec<bool>,
    /// Each sentence's words and cues, as ranges of `table`, and its marker.
    sentences: Vec<SentenceSpans>,
}

struct SentenceSpans {
    words: Range<usize>,
    /// Where its words' spans lie in `table`, if it is not in ASCII.
    spans: Option<Range<usize>>,
    cues: Range<usize>,
    marker: usize,
    /// Where its words' flags start in `quoted`, if it has a quotation
    /// mark; `unquoted` otherwise.
    quoted: Option<usize>,
}

impl DocumentWords {
    /// Reads the sentences of `source` whose tokens are `sentences`, ranges
    /// of `tokens`, as [`DocumentWords::read_into`] does into a new table.
    #[cfg(test)]
    pub(crate) fn read(
        source: &str,
        tokens: &[Token],
        sentences: impl ExactSizeIterator<Item = Range<usize>>,
        lexicon: &Lexicon,
    ) -> DocumentWords {
        DocumentWords::read_into(WordTable::default(), source, tokens, sentences, lexicon)
    }

    /// Reads the sentences of `source` whose tokens are `sentences`, ranges
    /// of `tokens`, into `table`, whatever it held (see
    /// [`WordTable::clear_for_text`]), in one pass over their tokens each:
    /// the words (spaces dropped), their normalised forms and keys, the cues
    /// among them, and which stand in quotes.
    pub(crate) fn read_into(
        mut table: WordTable,
        source: &str,
        tokens: &[Token],
        sentences: impl ExactSizeIterator<Item = Range<usize>>,
        lexicon: &Lexicon,
    ) -> DocumentWords {
        table.clear_for_text(source, tokens.len());
        let mut quoted = Vec::new();
        let mut longest_unquoted = 0;
        let mut spans = Vec::with_capacity(sentences.len());
        for range in sentences {
            let read = lexicon
                .cues
                .read_sentence(source, &tokens[range], &mut table);
            let words = &table.words[read.words.clone()];
            let marker = list_marker_length(source, words);
            let quoted_at = if read.quotation_marks {
                let at = quoted.len();
                quoted.extend(context::quoted_words(words));
                Some(at)
            } else {
                longest_unquoted = longest_unquoted.max(words.len());
                None
            };
            let mut cues = lexicon.cues.find_cues(&mut table, read.words.clone());
            // The marker of a list item is not a number in the argument:
            // the matches are sorted by their first word, so those in the
            // marker come first.
            if marker > 0 {
                let in_marker = table.cues[cues.clone()].partition_point(|m| m.first < marker);
                table.cues.drain(cues.start..cues.start + in_marker);
                cues.end -= in_marker;
            }
            spans.push(SentenceSpans {
                words: read.words,
                spans: read.spans,
                cues,
                marker,
                quoted: quoted_at,
            });
        }
        DocumentWords {
            table,
            quoted,
            unquoted: vec![false; longest_unquoted],
            sentences: spans,
        }
    }

    /// The words of `text` read as one sentence.
    #[cfg(test)]
    pub(crate) fn of_sentence(text: &str, lexicon: &Lexicon) -> DocumentWords {
        let tokens = crate::text::tokens::tokenize(text, 0);
        let all = 0..tokens.len();
        DocumentWords::read(text, &tokens, std::iter::once(all), lexicon)
    }

    /// The words of each sentence, in order.
    pub(crate) fn sentences(&self) -> Vec<SentenceWords<'_>> {
        self.sentences
            .iter()
            .map(|s| SentenceWords {
                words: &self.table.words[s.words.clone()],
                normalised: self.table.normalised(s.words.clone(), s.spans.clone()),
                cues: &self.table.cues[s.cues.clone()],
                quoted: match s.quoted {
                    Some(at) => &self.quoted[at..at + s.words.len()],
                    None => &self.unquoted[..s.words.len()],
                },
                keys: &self.table.keys[s.words.clone()],
                marker: s.marker,
            })
            .collect()
    }
}

/// The number of leading tokens that make a list marker: a bullet, or a
/// number or single letter closed by "." or ")" ("1.", "b)", "2.)"),
/// followed by a word.
fn list_marker_length(source: &str, words: &[Token]) -> usize {
    use crate::text::tokens::TokenKind;
    let Some(first) = words.first() else { return 0 };
    let bullet = matches!(
        first.kind,
        TokenKind::Punct('•' | '‣' | '⁃' | '◦' | '▪' | '●' | '-' | '*' | '–')
    );
    let mut at = usize::from(bullet);
    if let Some(t) = words.get(at)
        && (t.kind == TokenKind::Number
            || (t.kind == TokenKind::Word && is_one_character(t.text(source))))
        && words
            .get(at + 1)
            .is_some_and(|p| p.is_punct('.') || p.is_punct(')'))
    {
        at += 2;
        if words.get(at).is_some_and(|p| p.is_punct(')')) {
            at += 1;
        }
    }
    let followed_by_word = words.get(at).is_some_and(|t| t.kind == TokenKind::Word);
    if followed_by_word { at } else { 0 }
}

/// Whether `text` is one character: no count of a long word's characters.
fn is_one_character(text: &str) -> bool {
    let mut characters = text.chars();
    characters.next().is_some() && characters.next().is_none()
}

/// What of a label's workings the units keep, beyond what every output
/// prints: each costs work or room in every unit, and only some outputs
/// read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// The label's reasons (`Unit::because`) and its confidence
    /// (`Unit::confidence`): not for outputs that print neither
    /// (`score`).
    pub reasons: bool,
    /// The features the scorer read (`Unit::features`): for `warrant train`.
    pub features: bool,
}

#[cfg(test)]
impl Keep {
    /// Everything: the label's reasons and the unit's features.
    pub const ALL: Keep = Keep {
        reasons: true,
        features: true,
    };
}

/// Splits every sentence of `document` into units and labels them, keeping
/// each label's reasons and each unit's features.
#[cfg(test)]
pub fn analyse(source: &str, document: &Document, lexicon: &Lexicon) -> Vec<Unit> {
    analyse_keeping(source, document, &classify::Scorer::new(lexicon), Keep::ALL)
}

/// [`analyse_into`] with a new table of words.
#[cfg(test)]
pub fn analyse_keeping(
    source: &str,
    document: &Document,
    scorer: &classify::Scorer,
    keep: Keep,
) -> Vec<Unit> {
    analyse_into(source, document, scorer, keep, &mut WordTable::default())
}

/// Splits every sentence of `document` into units and labels them, with the
/// scorer of its lexicon built beforehand (an analyser builds one for all
/// its articles), keeping each label's reasons (`Unit::because`) and each
/// unit's features only as `keep` asks: left empty or `None` otherwise.
/// The words are read into `table`, whatever it held, and left there: an
/// analyser reads each article into the table of the one before (see
/// [`WordTable::clear_for_text`]).
pub fn analyse_into(
    source: &str,
    document: &Document,
    scorer: &classify::Scorer,
    keep: Keep,
    table: &mut WordTable,
) -> Vec<Unit> {
    let lexicon = scorer.lexicon();
    let read = DocumentWords::read_into(
        std::mem::take(table),
        source,
        &document.tokens,
        document.sentences.iter().map(|s| s.tokens.clone()),
        lexicon,
    );
    let units = units_of(source, document, scorer, keep, &read);
    *table = read.table;
    units
}

/// The units of the sentences of `document`, whose words are `read`.
fn units_of(
    source: &str,
    document: &Document,
    scorer: &classify::Scorer,
    keep: Keep,
    read: &DocumentWords,
) -> Vec<Unit> {
    let lexicon = scorer.lexicon();
    let sentences = read.sentences();

    let mut spans = Vec::with_capacity(sentences.len() + sentences.len() / 4);
    let mut splitter = units::Splitter::default();
    for (index, (sentence, words)) in document.sentences.iter().zip(&sentences).enumerate() {
        // A heading is one unit: it takes no part in the argument.
        if sentence.heading {
            spans.push((index, 0..words.words.len()));
        } else {
            splitter.split(words, |range| spans.push((index, range)));
        }
    }

    let mut contexts = context::Reader::new(source, document, &sentences, &spans);
    spans
        .iter()
        .enumerate()
        .map(|(id, (sentence, range))| {
            let context = contexts.read(id);
            let words = &sentences[*sentence];
            let heading = document.sentences[*sentence].heading;
            let start = words.words[range.start].start;
            let end = words.words[range.end - 1].end;
            // Word forms cost an allocation a unit: only for a lexicon that
            // learned words.
            let forms = if lexicon.words.is_empty() {
                Vec::new()
            } else {
                features::word_forms(&source[start..end])
            };
            let scored = scorer.score_context(context, &forms, heading, keep.reasons);
            let cues = context
                .cues
                .iter()
                .enumerate()
                .filter(|(i, _)| classify::speaks_for(*i, context, scored.kind, lexicon))
                .map(|(_, m)| Cue::at(m.class, source, m.start, m.end))
                .collect();
            // A connective opens the unit, or follows its "and" ("and so").
            let opening_word =
                range.start + usize::from(words.keys[range.start].lists & lists::COORDINATOR != 0);
            // One pass over the cues that open the unit: the longest
            // connective among them (the last of the longest, as
            // `max_by_key` takes), and whether one grants a point.
            let mut opening_connective: Option<&CueMatch> = None;
            let mut concedes = false;
            for m in context.cues.iter() {
                if m.first == range.start || m.first == opening_word {
                    if m.class.is_connective()
                        && opening_connective.is_none_or(|longest| m.last >= longest.last)
                    {
                        opening_connective = Some(m);
                    }
                    concedes |= m.class == CueClass::Concession;
                }
            }
            let opener = opening_connective.map(|m| Cue::at(m.class, source, m.start, m.end));
            // Most units have no inferential word: their words' lists say so.
            let infers = if opener.is_none() && context.lists & lists::INFERENTIAL != 0 {
                let after_opening = (opening_word + 1).min(range.end);
                words.keys[after_opening..range.end]
                    .iter()
                    .position(|key| key.lists & lists::INFERENTIAL != 0)
                    .map(|at| {
                        let word = &words.words[after_opening + at];
                        Cue::at(CueClass::ConclusionFollows, source, word.start, word.end)
                    })
            } else {
                None
            };
            // The first word proper: a list marker's number or a quotation
            // mark before it is no word of the text.
            let opening_lists = match (range.start..range.end)
                .map(|j| &words.words[j])
                .position(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            {
                Some(at)
                    if opener.is_none()
                        && words.words[range.start + at].kind == TokenKind::Word =>
                {
                    words.keys[range.start + at].lists
                }
                _ => 0,
            };
            let fired: CueClasses = context.cues.iter().map(|m| m.class).collect();
            Unit {
                id,
                sentence: *sentence,
                start,
                end,
                text: source[start..end].to_string(),
                role: scored.kind.role(),
                kind: scored.kind,
                confidence: scored.confidence,
                cues,
                because: scored.because,
                features: keep.features.then(|| Box::new(context.features)),
                opener,
                fired,
                opening_lists,
                infers,
                concedes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn labels(text: &str) -> Vec<(Role, Kind, String)> {
        let lexicon = Lexicon::english();
        let document = segment(text, &lexicon);
        analyse(text, &document, &lexicon)
            .into_iter()
            .map(|u| (u.role, u.kind, u.text))
            .collect()
    }

    fn first(text: &str) -> (Role, Kind) {
        let all = labels(text);
        (all[0].0, all[0].1)
    }

    #[test]
    fn the_authors_recommendations_judgements_and_forecasts() {
        assert_eq!(
            first("The council must reopen the library."),
            (Role::Claim, Kind::Policy)
        );
        assert_eq!(
            first("David Lammy would do well to take note."),
            (Role::Claim, Kind::Policy)
        );
        assert_eq!(
            first("It is shameful and wrong that the library closed."),
            (Role::Claim, Kind::Value)
        );
        assert_eq!(
            first("Fares will rise again next year."),
            (Role::Claim, Kind::Prediction)
        );
        assert_eq!(
            first("The library opened in a former bank."),
            (Role::Claim, Kind::Fact)
        );
    }

    #[test]
    fn modals_in_reported_speech_are_testimony() {
        for text in [
            "The minister said that the council must cut its costs.",
            "As the mayor put it, we should all be proud of the bridge.",
            "According to the auditors, the council should sell the building.",
            "“We must balance the books,” the council leader said.",
        ] {
            assert_eq!(first(text), (Role::Evidence, Kind::Testimony), "{text}");
        }
    }

    #[test]
    fn a_concession_is_not_speculation_but_a_plain_may_is() {
        let units =
            labels("The scheme may look expensive, but it pays for itself within five years.");
        assert_eq!(units.len(), 2);
        assert_ne!(units[0].0, Role::Speculation, "{:?}", units[0]);
        assert_eq!(
            first("The scheme may fail within five years."),
            (Role::Speculation, Kind::Hedge)
        );
        assert_eq!(
            first("There is a real possibility that fares could double."),
            (Role::Speculation, Kind::Hedge)
        );
    }

    #[test]
    fn numbers_citations_and_experience_are_evidence() {
        assert_eq!(
            first("Ridership rose by 14% last year."),
            (Role::Evidence, Kind::Statistic)
        );
        assert_eq!(
            first("A study published in the Journal of Transport found the same (p. 12)."),
            (Role::Evidence, Kind::Reference)
        );
        assert_eq!(
            first("Last summer I swam there every morning with my daughter."),
            (Role::Evidence, Kind::Anecdote)
        );
    }

    #[test]
    fn a_list_marker_or_a_time_of_day_is_no_statistic() {
        let units = labels("Our demands:\n\n1. Run a six-month trial with the staff.\n");
        assert_eq!(
            (units[1].0, units[1].1),
            (Role::Claim, Kind::Policy),
            "{units:?}"
        );
        assert_eq!(
            first("The last ferry leaves at 6.40 p.m. from the pier."),
            (Role::Claim, Kind::Fact)
        );
    }

    #[test]
    fn doubts_the_writer_admits_are_hedges() {
        assert_eq!(
            first("I cannot prove that the sewage made her ill."),
            (Role::Speculation, Kind::Hedge)
        );
        assert_eq!(
            first("I have visited the river every week since May."),
            (Role::Evidence, Kind::Anecdote)
        );
    }

    #[test]
    fn questions_and_headings_are_other() {
        assert_eq!(
            first("Full pay for four days' work?!"),
            (Role::Other, Kind::Question)
        );
        assert_eq!(
            first("Why should taxpayers foot the bill?"),
            (Role::Other, Kind::Question)
        );
        let units = labels("Why the night bus matters\n\nThe night bus is vital.");
        assert_eq!((units[0].0, units[0].1), (Role::Other, Kind::Heading));
    }

    #[test]
    fn a_text_s_sentences_read_together_are_read_as_alone() {
        let lexicon = Lexicon::english();
        let text = "It’s time: “we must act,” Ms Ødegaard said. 2. Fix the stops \
                    since May, because fares rose by 40%. ÉCOLE Élan isn’t \
                    done; I’d say so… The end";
        let document = segment(text, &lexicon);
        assert!(document.sentences.len() > 2);
        let together = DocumentWords::read(
            text,
            &document.tokens,
            document.sentences.iter().map(|s| s.tokens.clone()),
            &lexicon,
        );
        for (sentence, words) in document.sentences.iter().zip(together.sentences()) {
            let tokens = &document.tokens[sentence.tokens.clone()];
            let alone =
                DocumentWords::read(text, tokens, std::iter::once(0..tokens.len()), &lexicon);
            let alone = &alone.sentences()[0];
            assert_eq!(words.words, alone.words);
            assert_eq!(words.keys, alone.keys);
            assert_eq!(words.cues, alone.cues);
            assert_eq!(words.quoted, alone.quoted);
            assert_eq!(words.marker, alone.marker);
            assert_eq!(
                words.normalised.iter().collect::<Vec<_>>(),
                alone.normalised.iter().collect::<Vec<_>>()
            );
            for (i, token) in words.words.iter().enumerate() {
                assert_eq!(
                    words.normalised.get(i),
                    crate::grammar::pattern::normalise(token.text(text))
                );
            }
            assert_eq!(words.quoted, context::quoted_words(words.words));
        }
    }

    #[test]
    fn every_label_names_the_cues_that_decided_it() {
        let lexicon = Lexicon::english();
        let text = "The council should act because fares rose by 40%.";
        let document = segment(text, &lexicon);
        let units = analyse(text, &document, &lexicon);
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].cues[0].text, "should");
        assert_eq!(units[0].cues[0].class, CueClass::Policy);
        assert!(units[1].cues.iter().any(|c| c.text == "rose by 40"));
        for unit in &units {
            assert!((0.0..=1.0).contains(&unit.confidence.expect("kept with reasons")));
            for cue in &unit.cues {
                assert_eq!(&text[cue.start..cue.end], cue.text);
            }
        }
    }
}
