//! Text: the input split into paragraphs and sentences, with byte spans.

pub mod lanes;
pub mod segment;
pub mod tokens;

pub use segment::{segment, segment_into};
use std::ops::Range;
use tokens::Token;

/// A piece of text split into paragraphs and sentences. Spans are byte
/// offsets into the text it was made from.
#[derive(Debug, Clone)]
pub struct Document {
    /// Every token of the text, spaces included, in order.
    pub tokens: Vec<Token>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// The text's words as `str::split_whitespace` counts them (see
    /// [`tokens::Scan::word_count`]).
    pub word_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// The paragraph's sentences, as indexes into `Document::sentences`.
    pub sentences: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Trimmed of surrounding white space.
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    /// A heading: a short line with no terminal punctuation.
    pub heading: bool,
    /// An item of a bulleted or numbered list.
    pub list_item: bool,
    /// The sentence's tokens, as a range of `Document::tokens`; it starts and
    /// ends with a token that is not a space.
    pub tokens: Range<usize>,
}

impl Sentence {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}
