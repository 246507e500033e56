//! Closed-class words: the pronouns, negations, tense and time words and
//! other small classes behind the unit features (first person, past tense,
//! negation, …), as bit flags. The flags are kept in each word's vocabulary
//! entry, so that the word's one look-up, when its sentence's cues are
//! matched, answers them too (see `flags_of`).

use super::pattern::NOT_PARTICIPLES;
use super::vocabulary::{Entry, flags};

/// The closed-class words behind the unit features, as bit flags.
pub const FIRST_PERSON_SINGULAR: u16 = 1;
pub const FIRST_PERSON_PLURAL: u16 = 2;
pub const SECOND_PERSON: u16 = 4;
pub const NEGATION: u16 = 8;
pub const PERCENT_WORD: u16 = 16;
pub const THIRD_PERSON: u16 = 32;
pub const PAST: u16 = 64;
pub const TIME: u16 = 128;
pub const FUTURE: u16 = 256;
pub const PRESENT_BE: u16 = 512;
pub const COMPARATIVE: u16 = 1024;
pub const ABILITY: u16 = 2048;
pub const OPINION_VERB: u16 = 4096;
pub const INTENSIFIER: u16 = 8192;
/// "going", of "going to".
pub const GOING: u16 = 16384;

/// The closed-class words and the flags each carries. A word that ends in
/// "-ed" but is no verb form (the grammar's list for `<participle>`) is known
/// too, with no flag, so that it is not read as a regular past form.
// One line per class, as a `match` would list them.
#[rustfmt::skip]
pub(crate) const CLOSED_CLASS: &[(u16, &[&str])] = &[
    (FIRST_PERSON_SINGULAR | PRESENT_BE, &["i'm"]),
    (FIRST_PERSON_PLURAL | PRESENT_BE, &["we're"]),
    (FIRST_PERSON_SINGULAR, &["i", "me", "my", "mine", "myself", "i've", "i'd"]),
    (FIRST_PERSON_SINGULAR | FUTURE, &["i'll"]),
    (FIRST_PERSON_PLURAL, &["we", "us", "our", "ours", "ourselves", "we've", "we'd"]),
    (FIRST_PERSON_PLURAL | FUTURE, &["we'll"]),
    (SECOND_PERSON, &["you", "your", "yours", "yourself", "you're", "you've", "you'd"]),
    (SECOND_PERSON | FUTURE, &["you'll"]),
    (THIRD_PERSON, &["he", "him", "his", "himself", "she", "her", "hers", "herself", "they",
        "them", "their", "theirs", "themselves", "he's", "she's", "they're", "they've"]),
    (NEGATION, &["not", "no", "never", "nothing", "none", "nobody"]),
    (PRESENT_BE, &["is", "are", "am", "it's", "that's", "there's"]),
    (PRESENT_BE | NEGATION, &["isn't", "aren't"]),
    (COMPARATIVE, &["than"]),
    (INTENSIFIER, &["too", "very", "so", "extremely", "really", "quite", "highly", "truly",
        "utterly", "totally", "completely", "absolutely", "incredibly"]),
    (ABILITY, &["can", "unable"]),
    (ABILITY | NEGATION, &["cannot", "can't"]),
    (OPINION_VERB, &["think", "thinks", "believe", "believes", "feel", "feels", "agree", "agrees",
        "disagree", "hope", "opinion", "view"]),
    (PERCENT_WORD, &["percent", "percentage", "cent"]),
    (GOING, &["going"]),
    (PAST, &["was", "were", "had", "did"]),
    (PAST | NEGATION, &["wasn't", "weren't", "hadn't", "didn't"]),
    (FUTURE, &["will", "shall", "he'll", "she'll", "they'll", "it'll"]),
    (FUTURE | NEGATION, &["won't", "shan't"]),
    // "May" is left out: lower-cased, the month is the modal.
    (TIME, &["yesterday", "today", "tonight", "tomorrow", "ago", "recently", "lately", "formerly",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "week", "weeks", "month", "months", "year", "years", "decade",
        "decades", "summer", "winter", "spring", "autumn"]),
    (0, NOT_PARTICIPLES),
];

/// The closed-class flags of a word whose normalised form is `form` and
/// whose vocabulary entry is `entry`. A word on no closed-class list may
/// still be a negation ("-n't") or a regular past form ("-ed"); the words
/// ending in "-ed" that are none are on the lists, with no flag.
pub fn flags_of(entry: &Entry, form: &[u8]) -> u16 {
    if entry.flags & flags::CLOSED_CLASS != 0 {
        entry.closed
    } else if form.ends_with(b"n't") {
        NEGATION
    } else if form.len() > 4 && form.ends_with(b"ed") {
        PAST
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::pattern::CueSet;

    /// The closed-class words as one `match`: what the table stands for.
    fn word_flags_by_match(word: &str) -> u16 {
        match word {
            "i'm" => FIRST_PERSON_SINGULAR | PRESENT_BE,
            "we're" => FIRST_PERSON_PLURAL | PRESENT_BE,
            "i" | "me" | "my" | "mine" | "myself" | "i've" | "i'd" | "i'll" => {
                FIRST_PERSON_SINGULAR | if word == "i'll" { FUTURE } else { 0 }
            }
            "we" | "us" | "our" | "ours" | "ourselves" | "we've" | "we'd" | "we'll" => {
                FIRST_PERSON_PLURAL | if word == "we'll" { FUTURE } else { 0 }
            }
            "you" | "your" | "yours" | "yourself" | "you're" | "you've" | "you'd" | "you'll" => {
                SECOND_PERSON | if word == "you'll" { FUTURE } else { 0 }
            }
            "he" | "him" | "his" | "himself" | "she" | "her" | "hers" | "herself" | "they"
            | "them" | "their" | "theirs" | "themselves" | "he's" | "she's" | "they're"
            | "they've" => THIRD_PERSON,
            "not" | "no" | "never" | "nothing" | "none" | "nobody" => NEGATION,
            "is" | "are" | "am" | "it's" | "that's" | "there's" => PRESENT_BE,
            "isn't" | "aren't" => PRESENT_BE | NEGATION,
            "than" => COMPARATIVE,
            "too" | "very" | "so" | "extremely" | "really" | "quite" | "highly" | "truly"
            | "utterly" | "totally" | "completely" | "absolutely" | "incredibly" => INTENSIFIER,
            "can" | "unable" => ABILITY,
            "cannot" | "can't" => ABILITY | NEGATION,
            "think" | "thinks" | "believe" | "believes" | "feel" | "feels" | "agree" | "agrees"
            | "disagree" | "hope" | "opinion" | "view" => OPINION_VERB,
            "percent" | "percentage" | "cent" => PERCENT_WORD,
            "was" | "were" | "had" | "did" => PAST,
            "wasn't" | "weren't" | "hadn't" | "didn't" => PAST | NEGATION,
            "will" | "shall" | "he'll" | "she'll" | "they'll" | "it'll" => FUTURE,
            "won't" | "shan't" => FUTURE | NEGATION,
            // "May" is left out: lower-cased, the month is the modal.
            "yesterday" | "today" | "tonight" | "tomorrow" | "ago" | "recently" | "lately"
            | "formerly" | "january" | "february" | "march" | "april" | "june" | "july"
            | "august" | "september" | "october" | "november" | "december" | "monday"
            | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "week"
            | "weeks" | "month" | "months" | "year" | "years" | "decade" | "decades" | "summer"
            | "winter" | "spring" | "autumn" => TIME,
            w if w.ends_with("n't") => NEGATION,
            // A regular past form; "-ed" words that are no verb form aside (the
            // list of the grammar's `<participle>` class).
            w if w.len() > 4 && w.ends_with("ed") && !NOT_PARTICIPLES.contains(&w) => PAST,
            _ => 0,
        }
    }

    #[test]
    fn the_vocabulary_s_closed_class_flags_agree_with_the_match() {
        let mut words: Vec<&str> = CLOSED_CLASS
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        let count = words.len();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), count, "a word twice in the table");
        words.extend([
            "",
            "a",
            "ed",
            "bed",
            "shed",
            "walked",
            "wanted",
            "need",
            "speed",
            "don't",
            "n't",
            "i'll've",
            "may",
            "I",
            "Is",
            "themselves.",
            "themselvesx",
            "incredibly-",
            "thinking",
            "abcdefghijklmnop",
            "abcdefghijklmnopqrstuvwxyz",
            "accelerated",
            "i\0",
            "übernommed",
            "naïved",
            "can\u{2019}t",
        ]);
        let vocabulary = CueSet::default().vocabulary;
        for word in words {
            let entry = vocabulary.entry(vocabulary.id(word));
            let flags = flags_of(entry, word.as_bytes()) & !GOING;
            assert_eq!(flags, word_flags_by_match(word), "{word:?}");
        }
    }
}
