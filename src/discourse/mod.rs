//! Discourse: sentences become units, and each unit gets a role, a kind, a
//! confidence and the cues that decided them.

mod classify;
mod context;
mod units;

use crate::features::FeatureVector;
use crate::grammar::Lexicon;
use crate::grammar::pattern::{CueMatch, NormalisedWords};
use crate::labels::{CueClass, Kind, Role};
use crate::text::Document;
use crate::text::tokens::Token;
pub use classify::Scored;
use serde::Serialize;

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
    pub confidence: f64,
    pub cues: Vec<Cue>,
    /// The feature vector the label was computed from.
    #[serde(skip)]
    pub features: FeatureVector,
}

/// A cue that fired in a unit and spoke for its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub class: CueClass,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One sentence's words, normalised once, with the cues found in them.
pub(crate) struct SentenceWords {
    pub words: Vec<Token>,
    pub normalised: NormalisedWords,
    pub cues: Vec<CueMatch>,
    /// For each word, whether it stands inside quotation marks.
    pub quoted: Vec<bool>,
    /// For each word, the clause-structure lists it is on (`lists::*` bits).
    pub lists: Vec<u8>,
}

impl SentenceWords {
    /// Reads a sentence's tokens once: the words (spaces dropped), their
    /// normalised forms, the cues among them, and which stand in quotes.
    pub(crate) fn read(source: &str, tokens: &[Token], lexicon: &Lexicon) -> SentenceWords {
        let words: Vec<Token> = tokens.iter().filter(|t| !t.is_space()).copied().collect();
        let normalised = NormalisedWords::of(source, &words);
        let cues = lexicon
            .cues
            .find(source, &words, &normalised, &lexicon.starters);
        let quoted = context::quoted_words(&words);
        let lists = normalised.iter().map(|w| lexicon.lists_of(w)).collect();
        SentenceWords {
            words,
            normalised,
            cues,
            quoted,
            lists,
        }
    }
}

/// Splits every sentence of `document` into units and labels them.
pub fn analyse(source: &str, document: &Document, lexicon: &Lexicon) -> Vec<Unit> {
    let sentences: Vec<SentenceWords> = document
        .sentences
        .iter()
        .map(|sentence| {
            SentenceWords::read(source, &document.tokens[sentence.tokens.clone()], lexicon)
        })
        .collect();

    let mut spans = Vec::new();
    for (index, (sentence, words)) in document.sentences.iter().zip(&sentences).enumerate() {
        // A heading is one unit: it takes no part in the argument.
        let pieces = if sentence.heading {
            std::iter::once(0..words.words.len()).collect()
        } else {
            units::split(words)
        };
        spans.extend(pieces.into_iter().map(|range| (index, range)));
    }

    let contexts = context::read(source, document, &sentences, &spans);
    spans
        .iter()
        .zip(contexts)
        .enumerate()
        .map(|(id, ((sentence, range), context))| {
            let words = &sentences[*sentence];
            let heading = document.sentences[*sentence].heading;
            let scored = classify::score(&context.features, lexicon, heading);
            let start = words.words[range.start].start;
            let end = words.words[range.end - 1].end;
            let cues = context
                .cues
                .iter()
                .filter(|m| classify::speaks_for(m, &context, scored.kind, lexicon))
                .map(|m| Cue {
                    class: m.class,
                    text: source[m.start..m.end].to_string(),
                    start: m.start,
                    end: m.end,
                })
                .collect();
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
                features: context.features,
            }
        })
        .collect()
}
