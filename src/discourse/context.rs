//! Context: the features of a unit, read from its cues and from where it
//! stands. This is where a word list stops being enough: a modal inside
//! reported speech is the speaker's, not the author's; a "may" that grants a
//! point before a "but" is a concession, not doubt.

use super::SentenceWords;
use crate::features::{self as f, FEATURE_COUNT, FeatureVector, Present};
use crate::grammar::closed_class::*;
use crate::grammar::lists;
use crate::grammar::pattern::{CueMatch, opens_a_phrase};
use crate::labels::CueClass;
use crate::text::Document;
use crate::text::tokens::{Token, TokenKind};
use std::borrow::Cow;
use std::ops::Range;

/// A cue feature's value is capped, so that a list of ten numbers does not
/// outvote everything else.
const CUE_CAP: f64 = 3.0;
const SHORT_UNIT: usize = 3;
const LONG_UNIT: usize = 30;
/// `length` counts words in tens, up to this many tens.
const LENGTH_CAP: f64 = 6.0;

/// The features that are one word flag each: the unit has a word with it.
const FLAG_FEATURES: [(u16, usize); 12] = [
    (FIRST_PERSON_SINGULAR, f::FIRST_PERSON_SINGULAR),
    (FIRST_PERSON_PLURAL, f::FIRST_PERSON_PLURAL),
    (SECOND_PERSON, f::SECOND_PERSON),
    (THIRD_PERSON, f::THIRD_PERSON),
    (NEGATION, f::NEGATION),
    (PAST, f::PAST_TENSE),
    (TIME, f::TIME),
    (PRESENT_BE, f::PRESENT_BE),
    (COMPARATIVE, f::COMPARATIVE),
    (ABILITY, f::ABILITY),
    (OPINION_VERB, f::OPINION_VERB),
    (INTENSIFIER, f::INTENSIFIER),
];

/// What the classifier needs to know about one unit.
pub struct UnitContext<'a> {
    pub features: FeatureVector,
    /// The features that are not 0, noted as they are set: the scorer reads
    /// only those, and need not look for them.
    pub present: Present,
    /// The cues inside the unit: most units' are a run of their sentence's,
    /// borrowed rather than copied.
    pub cues: Cow<'a, [CueMatch]>,
    /// Whether the unit has a testimony cue: its voice cues are reported.
    attributed: bool,
    /// Which of its sentence's words are quoted.
    quoted: &'a [bool],
    /// Whether the unit's hedges were read as a concession.
    pub concessive: bool,
    /// The clause-structure lists (`lists::*` bits) of the unit's words,
    /// or-ed together: a unit on none of a list's words need not be searched
    /// for one.
    pub lists: u16,
}

impl UnitContext<'_> {
    /// Whether cue number `index` was read as reported speech: a voice cue
    /// in an attributed unit or inside quotation marks. (Worked out when
    /// asked: no list of them a unit.)
    pub fn reported(&self, index: usize) -> bool {
        reads_as_reported(&self.cues[index], self.attributed, self.quoted)
    }
}

/// Whether cue `m` is reported speech: a voice cue in a unit with a
/// testimony cue (`attributed`) or among its sentence's `quoted` words.
fn reads_as_reported(m: &CueMatch, attributed: bool, quoted: &[bool]) -> bool {
    reported_feature(m.class).is_some() && (attributed || quoted[m.first])
}

/// Marks the words inside quotation marks. Curly quotes open and close;
/// a straight double quote toggles; a lone ‘ opens a single-quoted stretch
/// that a lone ’ closes.
pub fn quoted_words(words: &[Token]) -> Vec<bool> {
    // Most sentences have no quotation mark: no word of theirs is quoted,
    // and a scan for one is cheaper than following the marks word by word.
    let has_marks = words
        .iter()
        .any(|t| matches!(t.kind, TokenKind::Punct('“' | '”' | '"' | '‘' | '’')));
    if !has_marks {
        return vec![false; words.len()];
    }
    follow_quotation_marks(words)
}

/// `quoted_words`, read by following the marks word by word.
fn follow_quotation_marks(words: &[Token]) -> Vec<bool> {
    let mut inside_double = false;
    let mut inside_single = false;
    let mut marks = Vec::with_capacity(words.len());
    for (i, t) in words.iter().enumerate() {
        // A straight quote glued between two letters ("consumer\"s") stands
        // for an apostrophe, as it does in text from some web forms.
        let is_word_at = |j: usize| words.get(j).is_some_and(|w| w.kind == TokenKind::Word);
        let inside_word = t.kind == TokenKind::Punct('"')
            && i > 0
            && is_word_at(i - 1)
            && is_word_at(i + 1)
            && words[i - 1].end == t.start
            && words[i + 1].start == t.end;
        if !inside_word {
            match t.kind {
                TokenKind::Punct('“') => inside_double = true,
                TokenKind::Punct('”') => inside_double = false,
                TokenKind::Punct('"') => inside_double = !inside_double,
                TokenKind::Punct('‘') => inside_single = true,
                TokenKind::Punct('’') if inside_single => inside_single = false,
                _ => {}
            }
        }
        marks.push(inside_double || inside_single);
    }
    marks
}

/// The voice classes: cues that say what the author thinks, and that count as
/// reported when someone else says them.
fn reported_feature(class: CueClass) -> Option<usize> {
    match class {
        CueClass::Policy => Some(f::REPORTED_POLICY),
        CueClass::Value => Some(f::REPORTED_VALUE),
        CueClass::Prediction => Some(f::REPORTED_PREDICTION),
        CueClass::Hedge => Some(f::REPORTED_HEDGE),
        _ => None,
    }
}

fn cue_feature(class: CueClass) -> usize {
    match class {
        CueClass::Policy => f::CUE_POLICY,
        CueClass::Value => f::CUE_VALUE,
        CueClass::Fact => f::CUE_FACT,
        CueClass::Prediction => f::CUE_PREDICTION,
        CueClass::Statistic => f::CUE_STATISTIC,
        CueClass::Testimony => f::CUE_TESTIMONY,
        CueClass::Anecdote => f::CUE_ANECDOTE,
        CueClass::Reference => f::CUE_REFERENCE,
        CueClass::Hedge => f::CUE_HEDGE,
        CueClass::Concession => f::CUE_CONCESSION,
        CueClass::PremiseFollows => f::CUE_PREMISE_FOLLOWS,
        CueClass::ConclusionFollows => f::CUE_CONCLUSION_FOLLOWS,
        CueClass::Example => f::CUE_EXAMPLE,
        CueClass::Contrast => f::CUE_CONTRAST,
    }
}

/// The `fires.*` feature of a cue class: the presence features are declared
/// in the order of the cue features.
pub fn fires_feature(class: CueClass) -> usize {
    f::FIRES_POLICY + (cue_feature(class) - f::CUE_POLICY)
}

/// The `opens.*` feature of a connective class.
fn opens_feature(class: CueClass) -> Option<usize> {
    match class {
        CueClass::PremiseFollows => Some(f::OPENS_PREMISE_FOLLOWS),
        CueClass::ConclusionFollows => Some(f::OPENS_CONCLUSION_FOLLOWS),
        CueClass::Example => Some(f::OPENS_EXAMPLE),
        CueClass::Contrast => Some(f::OPENS_CONTRAST),
        _ => None,
    }
}

/// The feature a cue fed, given how its unit's context read it.
pub fn fed_feature(m: &CueMatch, reported: bool, concessive: bool) -> usize {
    match reported_feature(m.class) {
        Some(feature) if reported => feature,
        _ if concessive && m.class == CueClass::Hedge => f::CONCESSIVE_HEDGE,
        _ => cue_feature(m.class),
    }
}

/// Whether a sentence's closing run of marks holds `c`, closing quotes and
/// brackets aside: "Really?!" is a question and an exclamation. (What
/// `SentenceEnd::of` reads in one pass with `ends_closed`.)
#[cfg(test)]
fn ends_with(words: &[Token], c: char) -> bool {
    words
        .iter()
        .rev()
        .skip_while(|t| matches!(t.kind, TokenKind::Punct('"' | '”' | '’' | '\'' | ')' | ']')))
        .take_while(|t| matches!(t.kind, TokenKind::Punct('?' | '!' | '.' | '‼' | '⁇')))
        .any(|t| t.is_punct(c))
}

/// Where item `index` of `count` stands, from 0 (first) to 1 (last); 0 when
/// it is the only one.
fn fraction(index: usize, count: usize) -> f64 {
    if count > 1 {
        index as f64 / (count - 1) as f64
    } else {
        0.0
    }
}

/// Whether a sentence ends with a full stop, a question or exclamation mark
/// or an ellipsis, closing quotes and brackets aside.
#[cfg(test)]
fn ends_closed(words: &[Token]) -> bool {
    words
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokenKind::Punct('"' | '”' | '’' | '\'' | ')' | ']')))
        .is_some_and(|t| {
            matches!(
                t.kind,
                TokenKind::Punct('.' | '?' | '!' | '‼' | '⁇') | TokenKind::Ellipsis { .. }
            )
        })
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) && ("1000".."2200").contains(&text)
}

/// What a sentence's closing marks say, the same for each of its units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SentenceEnd {
    /// The closing run of marks holds a "?" ("Really?!" is a question and an
    /// exclamation), closing quotes and brackets aside.
    question: bool,
    /// It holds a "!".
    exclamation: bool,
    /// The sentence does not end with a full stop, a question or
    /// exclamation mark or an ellipsis, closing quotes and brackets aside.
    open: bool,
}

impl SentenceEnd {
    /// Reads the sentence's end once, backwards from its last word.
    fn of(words: &[Token]) -> SentenceEnd {
        let mut from_end = words
            .iter()
            .rev()
            .skip_while(|t| matches!(t.kind, TokenKind::Punct('"' | '”' | '’' | '\'' | ')' | ']')))
            .peekable();
        let open = !from_end.peek().is_some_and(|t| {
            matches!(
                t.kind,
                TokenKind::Punct('.' | '?' | '!' | '‼' | '⁇') | TokenKind::Ellipsis { .. }
            )
        });
        let mut end = SentenceEnd {
            question: false,
            exclamation: false,
            open,
        };
        for t in
            from_end.take_while(|t| matches!(t.kind, TokenKind::Punct('?' | '!' | '.' | '‼' | '⁇')))
        {
            end.question |= t.is_punct('?');
            end.exclamation |= t.is_punct('!');
        }
        end
    }
}

/// What one pass over a unit's tokens finds: the structural features that
/// depend on its words alone.
#[derive(Debug, Default, PartialEq)]
struct UnitWords {
    /// The closed-class flags of its words, or-ed together.
    flags: u16,
    /// The clause-structure lists (`lists::*` bits) of its words, or-ed
    /// together.
    lists: u16,
    word_count: usize,
    quotation: bool,
    percent_sign: bool,
    money: bool,
    url: bool,
    number: bool,
    year: bool,
    going_to: bool,
    name: bool,
    /// The first word or number.
    first_word: Option<usize>,
}

impl UnitWords {
    /// Notes a token that is neither a word nor a mark: a number (`counts`
    /// unless it is in a list item's marker), an address. Not inlined: it
    /// keeps the words' loop a test and a count, not a jump through a table
    /// of kinds.
    #[inline(never)]
    fn note_other(&mut self, source: &str, token: &Token, counts: bool) {
        match token.kind {
            TokenKind::Number => {
                self.word_count += 1;
                if counts {
                    if is_year(token.text(source)) {
                        self.year = true;
                    } else {
                        self.number = true;
                    }
                }
            }
            TokenKind::Url => self.url = true,
            _ => {}
        }
    }

    fn read(source: &str, words: &SentenceWords, range: Range<usize>) -> UnitWords {
        let mut found = UnitWords::default();
        // A list item's marker ("1.") is no number of the argument.
        let marker = if range.start == 0 { words.marker } else { 0 };
        let tokens = &words.words[range.clone()];
        let keys = &words.keys[range.clone()];
        // The loop over every token does only what most tokens need: the
        // keys' lists and flags or-ed, capitals and words counted. A mark's
        // key has no closed-class flag (its form is one character, on no
        // list and with no "-n't" or "-ed"), so the flags need no test of
        // the token's kind. Rarer tokens (numbers, addresses) take a call;
        // what few words have ("going", a capital past the sentence's first
        // word) is looked for after the loop, only when the keys say a word
        // has it. The sums are kept in locals rather than in `found`, which
        // that call may change, so that they can stay in registers.
        let (mut on_lists, mut flags, mut capitals, mut words_counted) = (0, 0, 0, 0);
        // Two slices zipped: one bound for both, no check per token.
        for (j, (token, key)) in tokens.iter().zip(keys).enumerate() {
            debug_assert!(!matches!(token.kind, TokenKind::Punct(_)) || key.closed == 0);
            on_lists |= key.lists;
            flags |= key.closed;
            capitals += usize::from(key.capitalised);
            if matches!(token.kind, TokenKind::Word) {
                words_counted += 1;
            } else if let TokenKind::Punct(c) = token.kind {
                // Most marks are ASCII and none of these: two tests.
                if !c.is_ascii() || matches!(c, '"' | '%' | '$') {
                    found.quotation |= matches!(c, '"' | '“' | '”' | '‘');
                    found.percent_sign |= c == '%';
                    found.money |= matches!(c, '$' | '£' | '€' | '¥');
                }
            } else {
                found.note_other(source, token, j >= marker);
            }
        }
        found.lists = on_lists;
        found.flags = flags;
        found.word_count += words_counted;
        if found.word_count > 0 {
            found.first_word = tokens
                .iter()
                .position(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                .map(|j| range.start + j);
        }
        // "going to": the next word is read only after "going".
        if found.flags & GOING != 0 {
            found.going_to = range.clone().any(|i| {
                words.keys[i].closed & GOING != 0
                    && i + 1 < range.end
                    && words.normalised.get(i + 1) == "to"
            });
        }
        // A word in lower case names nothing, nor does the sentence's first
        // word (it opens a phrase): most units have no other capital, and
        // are passed over without a closer look. (What `names_something`
        // asks, its first half read off the word's key.)
        let first_opens = range.start == 0 && keys.first().is_some_and(|key| key.capitalised);
        if capitals > usize::from(first_opens) {
            found.name = range.clone().any(|i| {
                words.keys[i].capitalised
                    && words.words[i].kind == TokenKind::Word
                    && !opens_a_phrase(words.words, i, Some(words.marker))
                    && words.normalised.get(i) != "i"
            });
        }
        found
    }
}

/// Reads the context of each unit in turn, into one `UnitContext` kept from
/// one unit to the next: a feature vector is a few hundred bytes, read by the
/// scorer once, and need not be kept for every unit of a text.
pub struct Reader<'a> {
    source: &'a str,
    document: &'a Document,
    sentences: &'a [SentenceWords<'a>],
    /// Each unit's sentence and word range, in order.
    spans: &'a [(usize, Range<usize>)],
    first_body_sentence: Option<usize>,
    last_paragraph: usize,
    /// The last sentence whose ending was read, and its ending: units come
    /// sentence by sentence, and a sentence's ending is read once, for its
    /// first unit.
    sentence_end: Option<(usize, SentenceEnd)>,
    context: UnitContext<'a>,
}

impl<'a> Reader<'a> {
    /// A reader of the units `spans` (each unit's sentence and word range,
    /// in order) of `document`, whose sentences' words are `sentences`.
    pub fn new(
        source: &'a str,
        document: &'a Document,
        sentences: &'a [SentenceWords<'a>],
        spans: &'a [(usize, Range<usize>)],
    ) -> Reader<'a> {
        Reader {
            source,
            document,
            sentences,
            spans,
            first_body_sentence: document.sentences.iter().position(|s| !s.heading),
            last_paragraph: document.paragraphs.len().saturating_sub(1),
            sentence_end: None,
            context: UnitContext {
                features: [0.0; FEATURE_COUNT],
                present: Present::default(),
                cues: Cow::Borrowed(&[]),
                attributed: false,
                quoted: &[],
                concessive: false,
                lists: 0,
            },
        }
    }

    /// The context of unit `n`. Units are read in order, each once: the
    /// context is that of the unit before, rewritten.
    pub fn read(&mut self, n: usize) -> &UnitContext<'a> {
        let Reader {
            source,
            document,
            sentences,
            spans,
            first_body_sentence,
            last_paragraph,
            ..
        } = *self;
        let (s, range) = &spans[n];
        let sentence = &document.sentences[*s];
        let words = &sentences[*s];

        // A sentence's cues are sorted by where they start, so the cues
        // starting in the unit are found by binary search, not by a scan.
        // (A unit that is its whole sentence, as most are, has all its cues.)
        let from = match range.start {
            0 => 0,
            start => words.cues.partition_point(|m| m.first < start),
        };
        let to = if range.end == words.words.len() {
            words.cues.len()
        } else {
            words.cues.partition_point(|m| m.first < range.end)
        };
        // The cues that start at `start`, at or after those before `from`.
        let starting_at = |from: usize, start: usize| {
            words.cues[from..]
                .iter()
                .skip_while(move |m| m.first < start)
                .take_while(move |m| m.first == start)
        };
        // The cues that start inside the unit and end inside it too: most
        // often all that start there, borrowed as they are.
        let starting = &words.cues[from..to];
        let cues = if starting.iter().all(|m| m.last <= range.end) {
            Cow::Borrowed(starting)
        } else {
            Cow::Owned(
                starting
                    .iter()
                    .filter(|m| m.last <= range.end)
                    .copied()
                    .collect(),
            )
        };
        let attributed = cues.iter().any(|m| m.class == CueClass::Testimony);
        // A hedge grants a point when the next unit of the same sentence
        // turns with "but", "yet", "however". (Across a sentence break the
        // turn is as often a second doubt as a concession.)
        // (The next unit of the sentence starts after this one: its cues
        // come after this one's.)
        let concessive = cues.iter().any(|m| m.class == CueClass::Hedge)
            && spans.get(n + 1).is_some_and(|(ns, nr)| {
                debug_assert!(*ns != *s || nr.start >= range.end);
                *ns == *s && starting_at(to, nr.start).any(|m| m.class == CueClass::Contrast)
            });

        // The last unit's context is replaced, its features cleared.
        let context = &mut self.context;
        context.features = [0.0; FEATURE_COUNT];
        context.cues = cues;
        context.attributed = attributed;
        context.quoted = words.quoted;
        context.concessive = concessive;
        let UnitContext {
            features: x,
            present: noted,
            cues,
            lists,
            ..
        } = context;
        // Each feature set below is noted here as well.
        let mut present = Present::default();
        x[f::BIAS] = 1.0;
        present.insert(f::BIAS);

        // The cue features the cues fed.
        let mut fed = Present::default();
        for (j, m) in cues.iter().enumerate() {
            let is_reported = reads_as_reported(m, attributed, words.quoted);
            x[fires_feature(m.class)] = 1.0;
            present.insert(fires_feature(m.class));
            // A cue repeated in one unit ("3 … 5 … 12") is one piece of
            // evidence, not several: only a rule's first cue counts. (A unit
            // has a few cues: searching those before is cheaper than a set.)
            if cues[..j].iter().any(|earlier| earlier.rule == m.rule) {
                continue;
            }
            let feature = fed_feature(m, is_reported, concessive);
            x[feature] += m.weight;
            fed.insert(feature);
        }
        // Capped after summing, so that the order of the cues does not
        // matter. (Those not fed are 0, which the cap leaves.) Summed weights
        // may cancel out: each is noted by its value.
        for feature in fed.indices() {
            x[feature] = x[feature].clamp(-CUE_CAP, CUE_CAP);
            present.note(feature, x[feature]);
        }
        for m in starting_at(from, range.start) {
            if let Some(feature) = opens_feature(m.class) {
                x[feature] = 1.0;
                present.insert(feature);
            }
        }

        let end = match self.sentence_end {
            Some((at, end)) if at == *s => end,
            _ => {
                let end = SentenceEnd::of(words.words);
                self.sentence_end = Some((*s, end));
                end
            }
        };
        let found = UnitWords::read(source, words, range.clone());
        let flags = found.flags;
        *lists = found.lists;
        let mut set = |feature: usize, on: bool| {
            if on {
                x[feature] = 1.0;
                present.insert(feature);
            }
        };
        set(f::QUESTION, end.question);
        set(f::EXCLAMATION, end.exclamation);
        set(f::ENDS_OPEN, end.open);
        set(f::QUOTATION, found.quotation);
        set(f::NUMBER, found.number);
        set(f::YEAR, found.year);
        set(f::PERCENT, flags & PERCENT_WORD != 0 || found.percent_sign);
        set(f::MONEY, found.money);
        for (flag, feature) in FLAG_FEATURES {
            set(feature, flags & flag != 0);
        }
        set(f::CONDITIONAL, found.lists & lists::CONDITIONAL != 0);
        let word_count = found.word_count;
        set(f::SHORT, word_count <= SHORT_UNIT);
        set(f::LONG, word_count >= LONG_UNIT);
        set(f::FIRST_SENTENCE, Some(*s) == first_body_sentence);
        set(
            f::PARAGRAPH_START,
            document.paragraphs[sentence.paragraph].sentences.start == *s,
        );
        set(
            f::LAST_PARAGRAPH,
            sentence.paragraph == last_paragraph && last_paragraph > 0,
        );
        set(f::LIST_ITEM, sentence.list_item);

        let paragraph = &document.paragraphs[sentence.paragraph].sentences;
        set(f::PARAGRAPH_END, *s + 1 == paragraph.end);
        set(f::CONTINUES_SENTENCE, range.start > 0);
        set(f::FUTURE, flags & FUTURE != 0 || found.going_to);
        set(f::URL, found.url);
        set(
            f::EXPERIENCE,
            flags & FIRST_PERSON_SINGULAR != 0 && flags & (PAST | TIME) != 0,
        );
        set(
            f::FIRST_PERSON_PRESENT,
            flags & (FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL) != 0 && flags & PRESENT_BE != 0,
        );
        set(
            f::OPENS_FIRST_PERSON,
            found.first_word.is_some_and(|i| {
                matches!(
                    words.normalised.get(i),
                    "i" | "my" | "we" | "our" | "i'm" | "i've"
                )
            }),
        );
        set(f::NAME, found.name);
        let mut scaled = |feature: usize, value: f64| {
            x[feature] = value;
            present.note(feature, value);
        };
        scaled(
            f::PARAGRAPH_POSITION,
            fraction(*s - paragraph.start, paragraph.len()),
        );
        scaled(
            f::ARTICLE_POSITION,
            fraction(sentence.paragraph, document.paragraphs.len()),
        );
        scaled(f::LENGTH, (word_count as f64 / 10.0).min(LENGTH_CAP));

        debug_assert_eq!(present, Present::of(x), "features noted as set");
        *noted = present;
        &self.context
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `text` that are not spaces.
    fn words_of(text: &str) -> Vec<Token> {
        crate::text::tokens::tokenize(text, 0)
            .into_iter()
            .filter(|t| !t.is_space())
            .collect()
    }

    /// `UnitWords::read` as it was written before its loop was cut down:
    /// every token matched by its kind, each fact tested word by word.
    fn unit_words_word_by_word(
        source: &str,
        words: &SentenceWords,
        range: Range<usize>,
    ) -> UnitWords {
        let mut found = UnitWords::default();
        let marker = if range.start == 0 { words.marker } else { 0 };
        for i in range.clone() {
            let (token, key) = (&words.words[i], &words.keys[i]);
            found.lists |= key.lists;
            match token.kind {
                TokenKind::Punct(c) => {
                    found.quotation |= matches!(c, '"' | '“' | '”' | '‘');
                    found.percent_sign |= c == '%';
                    found.money |= matches!(c, '$' | '£' | '€' | '¥');
                }
                kind => {
                    found.flags |= key.closed;
                    let word = match kind {
                        TokenKind::Word => true,
                        TokenKind::Number => {
                            if i >= range.start + marker {
                                if is_year(token.text(source)) {
                                    found.year = true;
                                } else {
                                    found.number = true;
                                }
                            }
                            true
                        }
                        TokenKind::Url => {
                            found.url = true;
                            false
                        }
                        _ => false,
                    };
                    if word {
                        found.word_count += 1;
                        found.first_word.get_or_insert(i);
                    }
                    if key.closed & GOING != 0 {
                        found.going_to |= i + 1 < range.end && words.normalised.get(i + 1) == "to";
                    }
                    if key.capitalised && !found.name && kind == TokenKind::Word {
                        found.name = !opens_a_phrase(words.words, i, Some(words.marker))
                            && words.normalised.get(i) != "i";
                    }
                }
            }
        }
        found
    }

    #[test]
    fn a_unit_s_words_read_in_one_cut_down_loop_as_word_by_word() {
        let lexicon = crate::grammar::Lexicon::english();
        for text in [
            "The council must act now.",
            "1. In 2019 Ms Ødegaard paid $40, not £12 or 15% (“going to” work).",
            "2) We are going to win in May, said Anna; I think so… See https://example.org",
            "“It is 1999,” I said. Going to Paris? Going home… GOING TO.",
            "– Bob and I met Dr. Who at 6.40 p.m. on Monday: 3 of 4 said ‘Yes’ per cent!",
            "",
        ] {
            let read = super::super::DocumentWords::of_sentence(text, &lexicon);
            let sentence = &read.sentences()[0];
            let count = sentence.words.len();
            for start in 0..count {
                for end in start + 1..=count {
                    assert_eq!(
                        UnitWords::read(text, sentence, start..end),
                        unit_words_word_by_word(text, sentence, start..end),
                        "{text} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_sentence_without_quotation_marks_has_no_quoted_word() {
        for text in [
            "The council must act now.",
            "He said “we must act” and left.",
            "A consumer\"s rights, \"quoted\" and ‘single’ marks.",
            "It’s the council’s call, isn’t it?",
            "",
        ] {
            let words = words_of(text);
            assert_eq!(
                quoted_words(&words),
                follow_quotation_marks(&words),
                "{text}"
            );
        }
    }

    #[test]
    fn a_sentence_end_is_read_in_one_pass_as_in_three() {
        for text in [
            "The council must act now.",
            "Really?!",
            "Is it “fair?”",
            "He asked (why?) and left!)",
            "Full pay for four days' work?!\"",
            "Sir,",
            "Wait…",
            "See https://example.org",
            "Stop‼ Now⁇",
            "What?.",
            "\"",
            "",
        ] {
            let words = words_of(text);
            let three = SentenceEnd {
                question: ends_with(&words, '?'),
                exclamation: ends_with(&words, '!'),
                open: !ends_closed(&words),
            };
            assert_eq!(SentenceEnd::of(&words), three, "{text}");
        }
    }

    #[test]
    fn every_cue_class_feeds_its_own_presence_feature() {
        for class in CueClass::ALL {
            assert_eq!(f::FEATURES[fires_feature(class)], format!("fires.{class}"));
        }
    }
}
