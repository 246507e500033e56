//! What a unit is about: its content words and names, compared between units
//! to decide what a premise can support and what a recommendation depends on.
//!
//! Words are interned per piece into a [`Vocabulary`], so that a subject is
//! a sorted list of small numbers and two subjects compare by a merge, not
//! by hashing strings: the graph compares each unit with dozens of others.

use crate::grammar::{Lexicon, lists};
use rustc_hash::FxHashMap;

/// The content words of one piece, each stored once.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        let word: Box<str> = word.into();
        self.words.push(word.clone());
        self.ids.insert(word, id);
        id
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
}

/// The content words of one unit, lower-cased and lightly stemmed, so that
/// "ferries" and "ferry", "closing" and "closed" meet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// Vocabulary ids, sorted, each once.
    words: Vec<u32>,
}

/// Reads the subjects of units. Each distinct word form is looked at once
/// (case, function list, stem, vocabulary); its later occurrences cost one
/// hash lookup. The forms are kept from one piece to the next, so that a
/// batch looks at the words of a language once rather than once per
/// article; only ids of one vocabulary are ever compared, and the ids' values
/// decide nothing (a subject is a set).
pub struct SubjectReader<'a> {
    lexicon: &'a Lexicon,
    /// Each word form seen, as written, and its vocabulary id (`None` for a
    /// word that is no content word).
    seen: FxHashMap<Box<str>, Option<u32>>,
    vocabulary: Vocabulary,
    lower: String,
    stemmed: String,
}

/// The word forms a reader keeps before it starts afresh: enough for the
/// running vocabulary of a language, few enough (a few megabytes) that
/// memory does not grow with a batch.
const MAX_FORMS: usize = 1 << 16;

impl<'a> SubjectReader<'a> {
    pub fn new(lexicon: &'a Lexicon) -> SubjectReader<'a> {
        SubjectReader {
            lexicon,
            // A column holds a few hundred distinct words.
            seen: FxHashMap::with_capacity_and_hasher(512, Default::default()),
            vocabulary: Vocabulary::default(),
            lower: String::new(),
            stemmed: String::new(),
        }
    }

    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }

    /// Forgets every word form once there are more than [`MAX_FORMS`]. Called
    /// between pieces, never inside one: a piece's subjects must all be
    /// read with one vocabulary to be compared.
    pub fn start_piece(&mut self) {
        if self.seen.len() > MAX_FORMS {
            self.seen.clear();
            self.vocabulary = Vocabulary::default();
        }
    }

    /// Reads the content words of `text`: words of three letters or more
    /// that the grammar's `function` list does not name. Numbers are left
    /// out: two units that share only "2024" are not about the same thing.
    pub fn read(&mut self, text: &str) -> Subject {
        let mut words = Vec::new();
        for_each_piece(text, |word| {
            if word.len() < 3 {
                return;
            }
            let id = match self.seen.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.content_word(word);
                    self.seen.insert(word.into(), id);
                    id
                }
            };
            words.extend(id);
        });
        words.sort_unstable();
        words.dedup();
        Subject { words }
    }

    /// The vocabulary id of a word form, or `None` when it is no content
    /// word.
    fn content_word(&mut self, word: &str) -> Option<u32> {
        if word.chars().nth(2).is_none() || word.chars().any(char::is_numeric) {
            return None;
        }
        self.lower.clear();
        if word.is_ascii() {
            self.lower.push_str(word);
            self.lower.make_ascii_lowercase();
        } else {
            for c in word.chars() {
                if c == '’' {
                    self.lower.push('\'');
                } else {
                    self.lower.extend(c.to_lowercase());
                }
            }
        }
        if self.lexicon.lists_of(&self.lower) & lists::FUNCTION != 0 {
            return None;
        }
        let bare = self.lower.strip_suffix("'s").unwrap_or(&self.lower);
        stem(bare, &mut self.stemmed);
        Some(self.vocabulary.id(&self.stemmed))
    }

    /// The vocabulary the subjects read since the last fresh start are
    /// made of.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }
}

/// Calls `f` with each piece of `text` that may be a word: a run of
/// letters, digits and apostrophes, with the apostrophes at its ends
/// trimmed.
fn for_each_piece(text: &str, mut f: impl FnMut(&str)) {
    if !text.is_ascii() {
        for piece in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            f(piece.trim_matches(|c| c == '\'' || c == '’'));
        }
        return;
    }
    // Nearly all text: the same pieces, found on bytes without decoding
    // characters (an ASCII character is alphanumeric when it is a letter or
    // a digit).
    let mut start = 0;
    for piece in text
        .as_bytes()
        .split(|&b| !(b.is_ascii_alphanumeric() || b == b'\''))
    {
        let end = start + piece.len();
        f(text[start..end].trim_matches('\''));
        // Past the byte that ended the piece.
        start = end + 1;
    }
}

impl Subject {
    /// How many words both subjects hold.
    pub fn shared_count(&self, other: &Subject) -> usize {
        // A merge of the two sorted lists without branches on the
        // comparison, which goes either way unpredictably: the graph and
        // the circular-support rule compare each unit with dozens of others.
        let (a, b) = (&self.words, &other.words);
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            shared += usize::from(x == y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        shared
    }

    /// The words both subjects hold, in alphabetical order.
    pub fn shared<'v>(&self, other: &Subject, vocabulary: &'v Vocabulary) -> Vec<&'v str> {
        let mut shared: Vec<&str> = self
            .words
            .iter()
            .filter(|id| other.words.binary_search(id).is_ok())
            .map(|&id| vocabulary.word(id))
            .collect();
        shared.sort_unstable();
        shared
    }

    /// How much of the smaller subject the two share, from 0 to 1.
    pub fn overlap(&self, other: &Subject) -> f64 {
        let smaller = self.words.len().min(other.words.len());
        if smaller == 0 {
            return 0.0;
        }
        self.shared_count(other) as f64 / smaller as f64
    }

    /// How many content words the subject holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A light suffix stripper, writing into `out`: enough to meet plurals and
/// the commonest verb endings, not a morphological analysis.
fn stem(word: &str, out: &mut String) {
    out.clear();
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
            out.push_str(stem);
            out.push_str(replacement);
            return;
        }
    }
    out.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subjects(texts: &[&str]) -> (Vec<Subject>, Vocabulary) {
        let lexicon = Lexicon::english();
        let mut reader = SubjectReader::new(&lexicon);
        let subjects = texts.iter().map(|t| reader.read(t)).collect();
        (subjects, reader.vocabulary().clone())
    }

    #[test]
    fn function_words_and_numbers_are_not_a_subject() {
        let (s, v) = subjects(&[
            "It is what it is, and 2024 was the year of it.",
            "year",
            "It is what it is, and it was.",
        ]);
        assert_eq!(s[0].shared(&s[1], &v), vec!["year"]);
        assert!(s[2].is_empty());
    }

    #[test]
    fn ascii_and_other_text_are_cut_into_the_same_pieces() {
        let pieces = |text: &str| {
            let mut found = Vec::new();
            for_each_piece(text, |p| found.push(p.to_string()));
            found.retain(|p| !p.is_empty());
            found
        };
        let text = "'Labour's' plan: 4,000 ferries -- well-known, isn't it?' x_y ''";
        assert_eq!(
            pieces(text),
            [
                "Labour's", "plan", "4", "000", "ferries", "well", "known", "isn't", "it", "x", "y"
            ]
        );
        // The same text with one character outside ASCII takes the other path.
        let mut other = pieces(&format!("{text} é"));
        assert_eq!(other.pop().as_deref(), Some("é"));
        assert_eq!(other, pieces(text));
    }

    #[test]
    fn plurals_and_verb_endings_meet() {
        let (s, v) = subjects(&[
            "The council should keep the ferries running.",
            "The ferry carried 4,000 passengers; councils closed it.",
            "Labour's plan",
            "labour",
        ]);
        assert_eq!(s[0].shared(&s[1], &v), vec!["council", "ferry"]);
        assert_eq!(s[0].shared_count(&s[1]), 2);
        assert!(s[0].overlap(&s[1]) >= 0.5);
        assert_eq!(s[2].shared(&s[3], &v), vec!["labour"]);
    }
}
