//! A word's key: what the cue matcher and the unit splitter ask of one word
//! of a sentence (its number, lists, word classes, closed-class flags,
//! particle, first trie step), answered once. A vocabulary word's key is
//! worked out as the grammar is read and kept in its entry; a word of a text
//! takes it with its case and token kind applied.

use super::closed_class;
use super::pattern::WordClass;
use super::vocabulary::{Entry, UNKNOWN, Vocabulary, WordId, flags};
use crate::text::tokens::{Token, TokenKind};

/// Whether `text` begins with a capital letter.
pub(super) fn upper_initial(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => text.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// Whether a letter after the first of `text` is in lower case ("May", not
/// "MAY").
pub(super) fn has_lower_after_initial(text: &str) -> bool {
    text.chars().skip(1).any(char::is_lowercase)
}

/// What the unit splitter asks of a word's form: whether it negates ("not",
/// "no", "never", any "-n't"), and whether it is the "not" or the "only" of
/// "not only X but Y". Worked out with the rest of a vocabulary word's key
/// when the grammar is read (`refresh_key`), and for a word the grammar
/// does not name from its ending (`WordKey::of_unknown`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Particle {
    Not,
    OtherNegation,
    Only,
    #[default]
    Other,
}

/// Sets what the normalised form `form` and the flags of its vocabulary
/// entry say for its key (`Entry::key`), whatever its token and case: its
/// classes as a word (`<word>`; `<participle>` if it is one; `<name>` if,
/// capitalised, it would be one), its closed-class flags and its particle.
/// Called whenever the entry's flags change, so that a word of a text takes
/// its entry's key rather than working these out again.
pub(crate) fn refresh_key(entry: &mut Entry, form: &[u8]) {
    let participle =
        (form.len() > 3 && form.ends_with(b"ed") && entry.flags & flags::NOT_A_PARTICIPLE == 0)
            || entry.flags & flags::IRREGULAR_PARTICIPLE != 0;
    let class = |yes: bool, class: WordClass| if yes { class.bit() } else { 0 };
    entry.key.classes = WordClass::Word.bit()
        | class(participle, WordClass::Participle)
        | class(entry.flags & flags::NOT_A_NAME == 0, WordClass::Name);
    entry.key.closed = closed_class::flags_of(entry, form);
    entry.key.particle = match entry.flags & (flags::NOT | flags::NEGATIVE | flags::ONLY) {
        0 if form.ends_with(b"n't") => Particle::OtherNegation,
        0 => Particle::Other,
        f if f & flags::NOT != 0 => Particle::Not,
        f if f & flags::NEGATIVE != 0 => Particle::OtherNegation,
        _ => Particle::Only,
    };
}

/// What the cue matcher asks of one word of a sentence, answered once: its
/// number in the vocabulary, where it leads from the trie's roots, and the
/// word classes it belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordKey {
    pub id: WordId,
    /// The word's literal edges from the roots (see `Entry::key`).
    pub(super) root: u32,
    pub(super) anchored_root: u32,
    /// The clause-structure lists the word is on (`lists::*` bits).
    pub lists: u16,
    /// The classes (`WordClass::bit`) the word belongs to.
    pub(super) classes: u8,
    /// Whether the word begins with a capital and has a lower-case letter
    /// after it: a name, unless it opens a phrase (see `names_something`).
    pub capitalised: bool,
    /// The word's closed-class flags (`closed_class::flags_of`).
    pub closed: u16,
    /// What the unit splitter asks of the word's form.
    pub particle: Particle,
}

impl WordKey {
    /// The key of `token`, whose normalised form `form` is the word `id` of
    /// `vocabulary`: its entry's key, with the token's case and kind
    /// applied.
    // Inlined into each of its callers (the reading of a sentence's words,
    // and of the few not in ASCII apart): it is most of a word's work.
    #[inline(always)]
    pub(super) fn of(
        token: &Token,
        source: &str,
        form: &[u8],
        id: WordId,
        vocabulary: &Vocabulary,
    ) -> WordKey {
        let mut key = if id == UNKNOWN {
            WordKey::of_unknown(form)
        } else {
            vocabulary.entry(id).key
        };
        let upper = match source.as_bytes()[token.start] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => upper_initial(&source[token.start..]),
        };
        if upper {
            key.capitalised = has_lower_after_initial(token.text(source));
        }
        // Nearly every token is a word, whose classes its entry's key holds
        // but for `<name>`, which only a capital gives.
        if token.kind != TokenKind::Word {
            key.classes = Self::classes_of_other(token, source);
        } else if !upper {
            key.classes &= !WordClass::Name.bit();
        }
        key
    }

    /// The classes of `token`, which is not a word: the token kind rules
    /// most classes out before any text is looked at.
    fn classes_of_other(token: &Token, source: &str) -> u8 {
        match token.kind {
            TokenKind::Number => {
                let text = token.text(source);
                let year = text.len() == 4
                    && text.bytes().all(|b| b.is_ascii_digit())
                    && (b"1000".as_slice()..=b"2199".as_slice()).contains(&text.as_bytes());
                WordClass::Number.bit() | if year { WordClass::Year.bit() } else { 0 }
            }
            TokenKind::Url => WordClass::Url.bit(),
            TokenKind::Punct('"' | '“' | '”' | '‘' | '’' | '\'') => WordClass::Quote.bit(),
            _ => 0,
        }
    }

    /// The entry's key (`refresh_key`) of a form the grammar does not name:
    /// only its ending counts, and there are four cases, worked out at
    /// compile time.
    fn of_unknown(form: &[u8]) -> WordKey {
        const PLAIN: WordKey = WordKey::unknown(0, 0, Particle::Other);
        const NEGATIVE: WordKey =
            WordKey::unknown(0, closed_class::NEGATION, Particle::OtherNegation);
        // "-ed" of four letters ("used") is a participle but no past form
        // (`closed_class::flags_of`).
        const ED_SHORT: WordKey = WordKey::unknown(WordClass::Participle.bit(), 0, Particle::Other);
        const ED: WordKey = WordKey::unknown(
            WordClass::Participle.bit(),
            closed_class::PAST,
            Particle::Other,
        );
        match form {
            [.., b'n', b'\'', b't'] => NEGATIVE,
            [_, _, _, .., b'e', b'd'] => ED,
            [_, _, b'e', b'd'] => ED_SHORT,
            _ => PLAIN,
        }
    }

    const fn unknown(participle: u8, closed: u16, particle: Particle) -> WordKey {
        WordKey {
            id: UNKNOWN,
            root: 0,
            anchored_root: 0,
            lists: 0,
            classes: WordClass::Word.bit() | WordClass::Name.bit() | participle,
            capitalised: false,
            closed,
            particle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_word_s_key_is_that_of_an_empty_entry() {
        for form in [
            "",
            "a",
            "ed",
            "bed",
            "used",
            "shed",
            "walked",
            "n't",
            "don't",
            "can't",
            "isn'",
            "nt",
            "edn't",
            "n'ted",
            "xed",
            "é",
            "éed",
            "naïved",
            "\0ed",
            "abcdefghijklmnopqrstuvwed",
        ] {
            let mut empty = Entry::default();
            refresh_key(&mut empty, form.as_bytes());
            assert_eq!(WordKey::of_unknown(form.as_bytes()), empty.key, "{form:?}");
        }
    }
}
