//! The named features the linear scorer reads.
//!
//! Every label is "these features × these weights", so the features have
//! stable names: the grammar's `weights` statements refer to them, and
//! explanations print them. A feature's value is a count or strength, usually
//! 0 or 1; cue features are the summed weights of the cues of that class.

use crate::text::tokens::TokenKind;

/// Declares the features: their names, in the order of a feature vector,
/// and a constant index for each, so that code refers to a feature without
/// looking its name up.
macro_rules! features {
    ($($(#[$doc:meta])* $id:ident = $name:literal,)*) => {
        /// Feature names, in the order of a feature vector.
        pub const FEATURES: &[&str] = &[$($name),*];

        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[repr(usize)]
        enum Index { $($id),* }

        $($(#[$doc])* pub const $id: usize = Index::$id as usize;)*
    };
}

features! {
    BIAS = "bias",
    // One per cue class: the summed weight of that class's cues in the unit.
    CUE_POLICY = "cue.policy",
    CUE_VALUE = "cue.value",
    CUE_FACT = "cue.fact",
    CUE_PREDICTION = "cue.prediction",
    CUE_STATISTIC = "cue.statistic",
    CUE_TESTIMONY = "cue.testimony",
    CUE_ANECDOTE = "cue.anecdote",
    CUE_REFERENCE = "cue.reference",
    CUE_HEDGE = "cue.hedge",
    CUE_CONCESSION = "cue.concession",
    CUE_PREMISE_FOLLOWS = "cue.premise-follows",
    CUE_CONCLUSION_FOLLOWS = "cue.conclusion-follows",
    CUE_EXAMPLE = "cue.example",
    CUE_CONTRAST = "cue.contrast",
    // The author's voice is not the quoted voice: a modal or a judgement
    // inside quotation marks or attributed speech counts here instead.
    REPORTED_POLICY = "reported.policy",
    REPORTED_VALUE = "reported.value",
    REPORTED_PREDICTION = "reported.prediction",
    REPORTED_HEDGE = "reported.hedge",
    // A hedge that grants a point before "but" is a concession, not doubt.
    CONCESSIVE_HEDGE = "concessive.hedge",
    // The unit is introduced by a connective of this class.
    OPENS_PREMISE_FOLLOWS = "opens.premise-follows",
    OPENS_CONCLUSION_FOLLOWS = "opens.conclusion-follows",
    OPENS_EXAMPLE = "opens.example",
    OPENS_CONTRAST = "opens.contrast",
    // Structure.
    QUESTION = "question",
    EXCLAMATION = "exclamation",
    QUOTATION = "quotation",
    NUMBER = "number",
    PERCENT = "percent",
    MONEY = "money",
    YEAR = "year",
    FIRST_PERSON_SINGULAR = "first-person-singular",
    FIRST_PERSON_PLURAL = "first-person-plural",
    SECOND_PERSON = "second-person",
    NEGATION = "negation",
    CONDITIONAL = "conditional",
    SHORT = "short",
    LONG = "long",
    FIRST_SENTENCE = "first-sentence",
    PARAGRAPH_START = "paragraph-start",
    LAST_PARAGRAPH = "last-paragraph",
    LIST_ITEM = "list-item",
    // Presence: whether any cue of the class fired in the unit, whatever its
    // weight or voice. The cue features above weigh the cues; these only
    // count that the class is there, which is what a learned weight needs.
    FIRES_POLICY = "fires.policy",
    FIRES_VALUE = "fires.value",
    FIRES_FACT = "fires.fact",
    FIRES_PREDICTION = "fires.prediction",
    FIRES_STATISTIC = "fires.statistic",
    FIRES_TESTIMONY = "fires.testimony",
    FIRES_ANECDOTE = "fires.anecdote",
    FIRES_REFERENCE = "fires.reference",
    FIRES_HEDGE = "fires.hedge",
    FIRES_CONCESSION = "fires.concession",
    FIRES_PREMISE_FOLLOWS = "fires.premise-follows",
    FIRES_CONCLUSION_FOLLOWS = "fires.conclusion-follows",
    FIRES_EXAMPLE = "fires.example",
    FIRES_CONTRAST = "fires.contrast",
    // Structure that takes values between 0 and 1, or a scaled count.
    /// Where the unit's sentence stands in its paragraph: 0 first, 1 last.
    PARAGRAPH_POSITION = "paragraph-position",
    /// Where the unit's paragraph stands in the article: 0 first, 1 last.
    ARTICLE_POSITION = "article-position",
    /// The unit's sentence ends its paragraph.
    PARAGRAPH_END = "paragraph-end",
    /// The unit is not the first of its sentence.
    CONTINUES_SENTENCE = "continues-sentence",
    /// Words in the unit, in tens, capped at 6.
    LENGTH = "length",
    THIRD_PERSON = "third-person",
    /// A past-tense auxiliary ("was", "had", "did") or a regular past form.
    PAST_TENSE = "past-tense",
    /// A time cue: "yesterday", "ago", "last year", a month or a weekday.
    TIME = "time",
    /// A future form: "will", "shall", "'ll", "won't", "going to".
    FUTURE = "future",
    /// A web or e-mail address.
    URL = "url",
    /// A capitalised word inside the sentence: a name.
    NAME = "name",
    /// The first person told in the past: "I called", "my card was".
    EXPERIENCE = "experience",
    /// "is", "are", "am": a statement about how things are.
    PRESENT_BE = "present-be",
    /// "than": a comparison.
    COMPARATIVE = "comparative",
    /// "can", "cannot", "unable": what is possible.
    ABILITY = "ability",
    /// The unit's first word is "I", "my" or "we": the writer speaks of
    /// themselves.
    OPENS_FIRST_PERSON = "opens.first-person",
    /// A verb of opinion: "think", "believe", "feel", "agree".
    OPINION_VERB = "opinion-verb",
    /// The first person in the present: "I am", "I'm", "we are".
    FIRST_PERSON_PRESENT = "first-person-present",
    /// A word of degree: "too", "very", "so", "extremely".
    INTENSIFIER = "intensifier",
    /// The sentence ends with no full stop, question or exclamation mark:
    /// a salutation ("Sir,"), a sign-off, a bare link.
    ENDS_OPEN = "ends-open",
}

/// How many features a vector has.
pub const FEATURE_COUNT: usize = FEATURES.len();

/// A dense feature vector: few enough features that a plain array is the
/// fastest and simplest form.
pub type FeatureVector = [f64; FEATURE_COUNT];

/// The features of a vector that are not 0, as a set of their indices: a
/// unit has a few such features out of many, and the scorer reads only
/// those. (A NaN is not 0; 0.0 and -0.0 are.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Present(u128);

// Every feature has a bit.
const _: () = assert!(FEATURE_COUNT <= u128::BITS as usize);

impl Present {
    /// The features of `features` that are not 0, read by a scan of them all.
    pub fn of(features: &FeatureVector) -> Present {
        let mut present = Present::default();
        // Most features are 0: a run of four is passed over at once when
        // or-ing their bits leaves nothing but a sign (0.0 and -0.0).
        const RUN: usize = 4;
        for (run, xs) in features.chunks(RUN).enumerate() {
            if xs.iter().fold(0, |bits, x| bits | x.to_bits()) << 1 == 0 {
                continue;
            }
            for (j, &x) in xs.iter().enumerate() {
                present.note(run * RUN + j, x);
            }
        }
        present
    }

    /// Adds feature `index`, known not to be 0.
    pub fn insert(&mut self, index: usize) {
        self.0 |= 1 << index;
    }

    /// Adds feature `index` if its value `x` is not 0, and takes it out if it is.
    pub fn note(&mut self, index: usize, x: f64) {
        let bit = 1 << index;
        if x != 0.0 {
            self.0 |= bit;
        } else {
            self.0 &= !bit;
        }
    }

    /// The set less feature `index`.
    pub fn without(self, index: usize) -> Present {
        Present(self.0 & !(1 << index))
    }

    pub fn contains(self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }

    /// The indices, in order.
    pub fn indices(self) -> Indices {
        Indices {
            word: self.0 as u64,
            base: 0,
            high: (self.0 >> 64) as u64,
        }
    }
}

/// The indices of a [`Present`], read a 64-bit word at a time: cheaper than
/// the 128-bit operations on the whole set.
pub struct Indices {
    /// The bits of the word being read that are left.
    word: u64,
    /// The index of its bit 0.
    base: usize,
    /// The high word, while it is still to be read.
    high: u64,
}

impl Iterator for Indices {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.word == 0 {
            if self.high == 0 {
                return None;
            }
            self.word = std::mem::take(&mut self.high);
            self.base = 64;
        }
        let index = self.base + self.word.trailing_zeros() as usize;
        self.word &= self.word - 1;
        Some(index)
    }
}

/// The prefix of a lexical feature: `word.council`, `word.should_not`.
pub const WORD_PREFIX: &str = "word.";

/// The form an address (or a placeholder for one, `__URL__`) takes.
pub const ADDRESS_FORM: &str = "url";

/// A word token's form: lower case, curly apostrophes made straight. `None`
/// for one a weight set could not name (`N°`).
pub fn word_form(word: &str) -> Option<String> {
    let form = word.to_lowercase().replace('\u{2019}', "'");
    form.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '-' | '.'))
        .then_some(form)
}

/// The lexical features of a unit's text, sorted and each once: the forms
/// of its word tokens ("don't", "well-known"; an address is `url`), and each
/// pair of forms in a row, joined by `_` ("should_not"). Numbers and
/// punctuation are no forms, and a pair skips them. Only a weight set that
/// learned words (`warrant train --words`) reads them.
pub fn word_forms(text: &str) -> Vec<String> {
    let words: Vec<String> = crate::text::tokens::tokenize(text, 0)
        .iter()
        .filter_map(|t| match t.kind {
            TokenKind::Word => word_form(t.text(text)),
            TokenKind::Url => Some(ADDRESS_FORM.to_string()),
            _ => None,
        })
        .collect();
    let mut forms: Vec<String> = words
        .windows(2)
        .map(|pair| format!("{}_{}", pair[0], pair[1]))
        .collect();
    forms.extend(words);
    forms.sort_unstable();
    forms.dedup();
    forms
}

/// The index of a feature by name.
pub fn feature_index(name: &str) -> Option<usize> {
    FEATURES.iter().position(|f| *f == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::CueClass;

    #[test]
    fn word_forms_are_lower_case_forms_and_the_pairs_in_a_row() {
        assert_eq!(
            word_forms("We shouldn\u{2019}t pay 40% more, should we?"),
            [
                "more",
                "more_should",
                "pay",
                "pay_more",
                "should",
                "should_we",
                "shouldn't",
                "shouldn't_pay",
                "we",
                "we_shouldn't"
            ]
        );
        assert!(word_forms("2019, 40%").is_empty());
        assert_eq!(
            word_forms("See __URL__ or www.example.org: well-known U.S data."),
            [
                "data",
                "or",
                "or_url",
                "see",
                "see_url",
                "u.s",
                "u.s_data",
                "url",
                "url_or",
                "url_well-known",
                "well-known",
                "well-known_u.s"
            ]
        );
        // The students' hall: the tokenizer keeps no apostrophe at a word's end.
        assert!(word_forms("the students' hall").contains(&"students_hall".to_string()));
    }

    #[test]
    fn present_features_are_those_not_zero_in_order() {
        let mut features = [0.0; FEATURE_COUNT];
        for (i, value) in [
            (0, 1.0),
            (3, -0.0),
            (5, 2.5),
            (6, f64::NAN),
            (7, -1.0),
            (40, 1e-300),
            (64, 1.0),
            (FEATURE_COUNT - 1, 1.0),
        ] {
            features[i] = value;
        }
        let expected: Vec<usize> = (0..FEATURE_COUNT).filter(|&i| features[i] != 0.0).collect();
        let present = Present::of(&features);
        assert_eq!(present.indices().collect::<Vec<_>>(), expected);
        assert!(present.contains(64) && !present.contains(3));
        assert_eq!(Present::of(&[0.0; FEATURE_COUNT]).indices().count(), 0);
        let mut noted = Present::default();
        for (i, &x) in features.iter().enumerate().rev() {
            noted.note(i, x);
        }
        assert_eq!(noted, present);
        noted.note(5, 0.0);
        assert!(!noted.contains(5));
        assert_eq!(
            present.without(0).indices().collect::<Vec<_>>(),
            expected[1..]
        );
    }

    #[test]
    fn constants_index_their_names() {
        assert_eq!(FEATURES[BIAS], "bias");
        assert_eq!(FEATURES[CUE_CONTRAST], "cue.contrast");
        assert_eq!(FEATURES[LIST_ITEM], "list-item");
        assert_eq!(FEATURES[FIRES_CONTRAST], "fires.contrast");
        assert_eq!(FEATURES[NAME], "name");
    }

    #[test]
    fn every_feature_is_documented_in_the_grammar_readme() {
        let readme = include_str!("../grammar/README.md");
        for name in FEATURES {
            assert!(readme.contains(&format!("`{name}`")), "{name}");
        }
    }

    #[test]
    fn every_cue_class_has_a_feature_and_names_are_unique() {
        for class in CueClass::ALL {
            assert!(feature_index(&format!("cue.{class}")).is_some(), "{class}");
            assert!(
                feature_index(&format!("fires.{class}")).is_some(),
                "{class}"
            );
        }
        let mut names = FEATURES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FEATURE_COUNT);
    }
}
