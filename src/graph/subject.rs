//! What a unit is about: its content words and names, compared between units
//! to decide what a premise can support and what a recommendation depends on.

use crate::grammar::{Lexicon, lists};
use rustc_hash::FxHashSet;

/// The content words of one unit, lower-cased and lightly stemmed, so that
/// "ferries" and "ferry", "closing" and "closed" meet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    words: FxHashSet<String>,
}

impl Subject {
    /// Reads the content words of `text`: words of three letters or more that
    /// the grammar's `function` list does not name. Numbers are left out: two
    /// units that share only "2024" are not about the same thing.
    pub fn of(text: &str, lexicon: &Lexicon) -> Subject {
        let mut words = FxHashSet::default();
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            let word = word.trim_matches(|c| c == '\'' || c == '’');
            if word.chars().count() < 3 || word.chars().any(|c| c.is_numeric()) {
                continue;
            }
            let lower = word.to_lowercase().replace('’', "'");
            if lexicon.lists_of(&lower) & lists::FUNCTION != 0 {
                continue;
            }
            let lower = lower.strip_suffix("'s").unwrap_or(&lower);
            words.insert(stem(lower));
        }
        Subject { words }
    }

    /// The words both subjects hold, sorted.
    pub fn shared<'a>(&'a self, other: &'a Subject) -> Vec<&'a str> {
        let mut shared: Vec<&str> = self
            .words
            .intersection(&other.words)
            .map(String::as_str)
            .collect();
        shared.sort_unstable();
        shared
    }

    /// How many words both subjects hold.
    pub fn shared_count(&self, other: &Subject) -> usize {
        let (small, large) = if self.words.len() <= other.words.len() {
            (&self.words, &other.words)
        } else {
            (&other.words, &self.words)
        };
        small.iter().filter(|w| large.contains(*w)).count()
    }

    /// How many content words the subject holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// How much of the smaller subject the two share, from 0 to 1.
    pub fn overlap(&self, other: &Subject) -> f64 {
        let smaller = self.words.len().min(other.words.len());
        if smaller == 0 {
            return 0.0;
        }
        self.shared_count(other) as f64 / smaller as f64
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A light suffix stripper: enough to meet plurals and the commonest verb
/// endings, not a morphological analysis.
fn stem(word: &str) -> String {
    let chars = word.chars().count();
    for (suffix, replacement, min) in [
        ("ies", "y", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 5),
        ("s", "", 4),
    ] {
        if chars >= min
            && let Some(stem) = word.strip_suffix(suffix)
            && !(suffix == "s" && (stem.ends_with('s') || stem.ends_with('u')))
        {
            return format!("{stem}{replacement}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> Subject {
        Subject::of(text, &Lexicon::english())
    }

    #[test]
    fn function_words_and_numbers_are_not_a_subject() {
        let s = subject("It is what it is, and 2024 was the year of it.");
        assert_eq!(s.shared(&subject("year")), vec!["year"]);
        assert!(subject("It is what it is, and it was.").is_empty());
    }

    #[test]
    fn plurals_and_verb_endings_meet() {
        let a = subject("The council should keep the ferries running.");
        let b = subject("The ferry carried 4,000 passengers; councils closed it.");
        assert_eq!(a.shared(&b), vec!["council", "ferry"]);
        assert!(a.overlap(&b) >= 0.5);
        assert_eq!(
            subject("Labour's plan").shared(&subject("labour")),
            vec!["labour"]
        );
    }
}
