//! The vocabulary: every word the grammar names (in a cue, on a word list,
//! as a sentence starter), numbered, with what the grammar says of it. A word
//! of a sentence is looked up once, and its entry answers every question the
//! cue matcher and the unit splitter ask of it: which lists it is on, where it
//! leads from the cue trie's roots, whether it can be a name.

use super::key::{WordKey, refresh_key};
use rustc_hash::FxHashMap;

/// A word's number in the vocabulary.
pub type WordId = u32;

/// The number of every word the grammar does not name: its entry is empty.
pub const UNKNOWN: WordId = 0;

/// What the grammar says of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Entry {
    /// What the word is, or is not, for the word classes (`flags::*` bits).
    pub flags: u8,
    /// The word's closed-class flags (`closed_class::*` bits), when it is on
    /// a closed-class list (`flags::CLOSED_CLASS`).
    pub closed: u16,
    /// The key of the word as a word token in lower case, kept up to date
    /// as the grammar says more of the word (`key::refresh_key`): its
    /// number, its lists, where it leads from the cue trie's roots (kept
    /// here rather than in the roots' own maps: the roots are where nearly
    /// every word of a text is tried, and the word's entry is at hand
    /// already), and what its form and flags say. A word of a text takes
    /// it as it is, with its case and token kind applied.
    pub key: WordKey,
}

/// Bits of `Entry::flags`.
pub mod flags {
    /// A word that usually opens a sentence ("The", "That"): capitalised,
    /// it is no evidence of a name.
    pub const NOT_A_NAME: u8 = 1;
    /// An irregular past participle ("done", "taken").
    pub const IRREGULAR_PARTICIPLE: u8 = 2;
    /// A word ending in "-ed" that is no participle ("need", "hundred").
    pub const NOT_A_PARTICIPLE: u8 = 4;
    /// A word on a closed-class list: `Entry::closed` holds its flags.
    pub const CLOSED_CLASS: u8 = 8;
    /// The unit splitter's particles (see `key::Particle`): "not";
    /// "no" and "never"; "only".
    pub const NOT: u8 = 16;
    pub const NEGATIVE: u8 = 32;
    pub const ONLY: u8 = 64;
}

/// The numbered words, in normalised form (see `pattern::normalise`).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    ids: FxHashMap<Box<[u8]>, WordId>,
    /// Indexed by `WordId`; entry `UNKNOWN` stays empty.
    entries: Vec<Entry>,
    /// The words short enough to pack into a number (nearly all), for the
    /// look-up of every word of every sentence: a multiplication and a
    /// comparison of numbers rather than a string hash and a `memcmp`.
    short: ShortWords,
}

/// An open-addressing table of the short words' numbers.
#[derive(Debug, Clone)]
struct ShortWords {
    /// `WordId`s (`UNKNOWN`: an empty slot); a power of two long, at most
    /// a quarter full: most words of a text are not in it, and the search
    /// for one goes on to an empty slot.
    slots: Vec<WordId>,
    /// Indexed by `WordId`: the packed word (0 for a long one, and for the
    /// empty word, which is therefore never found: no token is empty).
    packed: Vec<u128>,
}

/// The longest word that packs into a number: 15 bytes, and its length.
const SHORT: usize = 15;

/// A word of at most `SHORT` bytes as one number: its bytes, and its length
/// in the last byte, so that no two words give the same number.
fn pack(word: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    bytes[SHORT] = word.len() as u8;
    u128::from_le_bytes(bytes)
}

/// `pack` of the `len` bytes at the start of `bytes`, which go on for at
/// least `PADDING` bytes: a fixed-size read and a mask, no copy of a
/// variable length.
fn pack_padded(bytes: &[u8], len: usize) -> u128 {
    let mut chunk = [0u8; PADDING];
    chunk.copy_from_slice(&bytes[..PADDING]);
    let word = u128::from_le_bytes(chunk) & KEEP_FIRST[len];
    word | (len as u128) << (8 * SHORT)
}

/// `KEEP_FIRST[n]` keeps the first `n` bytes of a little-endian number: a
/// look-up rather than a shift of 128 bits, for every word of every
/// sentence.
const KEEP_FIRST: [u128; SHORT + 1] = {
    let mut masks = [0u128; SHORT + 1];
    let mut n = 0;
    while n <= SHORT {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// How many bytes a buffer of words must have after its last word for
/// `Vocabulary::id_padded`.
pub const PADDING: usize = 16;

impl ShortWords {
    fn slot(&self, packed: u128) -> usize {
        const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
        let folded = (packed as u64) ^ ((packed >> 64) as u64).wrapping_mul(MIX);
        (folded.wrapping_mul(MIX) >> 32) as usize & (self.slots.len() - 1)
    }

    fn get(&self, packed: u128) -> WordId {
        let mut at = self.slot(packed);
        loop {
            let id = self.slots[at];
            if id == UNKNOWN || self.packed[id as usize] == packed {
                return id;
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }

    /// Records the number of a new word (`packed`: 0 for a long word, which
    /// takes no slot).
    fn add(&mut self, id: WordId, packed: u128) {
        debug_assert_eq!(id as usize, self.packed.len());
        self.packed.push(packed);
        if packed == 0 {
            return;
        }
        if self.packed.len() * 4 > self.slots.len() {
            self.slots = vec![UNKNOWN; self.slots.len() * 2];
            for id in 1..self.packed.len() {
                let packed = self.packed[id];
                if packed != 0 {
                    self.place(id as WordId, packed);
                }
            }
        } else {
            self.place(id, packed);
        }
    }

    fn place(&mut self, id: WordId, packed: u128) {
        let mut at = self.slot(packed);
        while self.slots[at] != UNKNOWN {
            at = (at + 1) & (self.slots.len() - 1);
        }
        self.slots[at] = id;
    }
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            ids: FxHashMap::default(),
            entries: vec![Entry::default()],
            short: ShortWords {
                slots: vec![UNKNOWN; 1024],
                packed: vec![0],
            },
        }
    }
}

impl Vocabulary {
    /// The number of a normalised word, `UNKNOWN` if the grammar does not
    /// name it.
    pub fn id(&self, word: &str) -> WordId {
        let word = word.as_bytes();
        if word.len() <= SHORT {
            self.short.get(pack(word))
        } else {
            self.ids.get(word).copied().unwrap_or(UNKNOWN)
        }
    }

    /// `id` of the normalised word `buffer[form]`, where `buffer` goes on
    /// for at least `PADDING` bytes after it.
    // Inlined into each caller, as `WordKey::of`. A word of one byte
    // (punctuation, "a", "I": a large share of a text's words) is looked up
    // as the others are: a table of them apart saved a look-up each but
    // cost a branch on every word, mispredicted one time in five.
    #[inline(always)]
    pub fn id_padded(&self, buffer: &[u8], form: std::ops::Range<usize>) -> WordId {
        let len = form.len();
        if len <= SHORT {
            self.short.get(pack_padded(&buffer[form.start..], len))
        } else {
            self.ids.get(&buffer[form]).copied().unwrap_or(UNKNOWN)
        }
    }

    pub fn entry(&self, id: WordId) -> &Entry {
        &self.entries[id as usize]
    }

    /// Only for the grammar's own code, which keeps the key up to date
    /// (`refresh_key`) when it changes what the key is worked out from.
    pub(super) fn entry_mut(&mut self, id: WordId) -> &mut Entry {
        &mut self.entries[id as usize]
    }

    /// The number of a normalised word, given one if it is new.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word.as_bytes()) {
            return id;
        }
        let id = WordId::try_from(self.entries.len()).expect("fewer than 2^32 words");
        let mut entry = Entry::default();
        entry.key.id = id;
        refresh_key(&mut entry, word.as_bytes());
        self.entries.push(entry);
        self.ids.insert(word.as_bytes().into(), id);
        let packed = if word.len() <= SHORT {
            pack(word.as_bytes())
        } else {
            0
        };
        self.short.add(id, packed);
        id
    }

    /// The clause-structure lists (`lists::*` bits) a normalised word is on.
    pub fn lists_of(&self, word: &str) -> u16 {
        self.entry(self.id(word)).key.lists
    }

    /// Puts a normalised word on the lists `bits`.
    pub fn add_lists(&mut self, word: &str, bits: u16) {
        let id = self.intern(word);
        self.entry_mut(id).key.lists |= bits;
    }

    /// Puts a normalised word on the closed-class lists `bits`
    /// (`closed_class::*`).
    pub fn add_closed_class(&mut self, word: &str, bits: u16) {
        let id = self.intern(word);
        let entry = self.entry_mut(id);
        entry.flags |= flags::CLOSED_CLASS;
        entry.closed |= bits;
        refresh_key(entry, word.as_bytes());
    }

    /// Sets `flags::*` bits on a normalised word.
    pub fn add_flags(&mut self, word: &str, bits: u8) {
        let id = self.intern(word);
        let entry = self.entry_mut(id);
        entry.flags |= bits;
        refresh_key(entry, word.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_english_grammar_is_up_to_date() {
        let lexicon = crate::grammar::Lexicon::english();
        let vocabulary = &lexicon.cues.vocabulary;
        assert!(vocabulary.ids.len() > 500);
        for (form, &id) in &vocabulary.ids {
            let entry = *vocabulary.entry(id);
            let mut refreshed = entry;
            refresh_key(&mut refreshed, form);
            assert_eq!(refreshed, entry, "{}", String::from_utf8_lossy(form));
        }
    }

    #[test]
    fn unknown_words_have_the_empty_entry() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.add_lists("and", 4);
        vocabulary.add_lists("and", 1);
        vocabulary.add_flags("the", flags::NOT_A_NAME);
        assert_eq!(vocabulary.lists_of("and"), 5);
        assert_eq!(vocabulary.lists_of("the"), 0);
        assert_eq!(vocabulary.id("walrus"), UNKNOWN);
        assert_eq!(*vocabulary.entry(UNKNOWN), Entry::default());
        assert_eq!(
            vocabulary.entry(vocabulary.id("the")).flags,
            flags::NOT_A_NAME
        );
        assert_eq!(vocabulary.intern("and"), vocabulary.id("and"));
    }

    #[test]
    fn short_and_long_words_are_found_after_the_table_grows() {
        let mut vocabulary = Vocabulary::default();
        let words: Vec<String> = (0..3000)
            .map(|i| format!("w{i}{}", "x".repeat(i % 20)))
            .collect();
        for (i, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.intern(word), i as WordId + 1);
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.id(word), i as WordId + 1, "{word}");
        }
        for absent in [
            "",
            "w",
            "w1xxxx",
            "w1xx",
            "\0",
            "w2999xxxxxxxxxxxxxxxxxxxxxxx",
        ] {
            assert_eq!(vocabulary.id(absent), UNKNOWN, "{absent}");
        }
        // Looked up inside a padded buffer, as the matcher does.
        let tried: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .chain(["w1xx", ""])
            .collect();
        let mut buffer = String::new();
        let mut forms = Vec::new();
        for word in &tried {
            forms.push(buffer.len()..buffer.len() + word.len());
            buffer.push_str(word);
        }
        buffer.push_str(&"\0".repeat(PADDING));
        // Every one-byte word, known or not, looked up in a padded buffer.
        vocabulary.intern(",");
        vocabulary.intern("a");
        let bytes: Vec<u8> = (0..=255).collect();
        let mut padded = bytes.clone();
        padded.extend([0; PADDING]);
        for (at, &byte) in bytes.iter().enumerate() {
            let expected = std::str::from_utf8(&[byte]).map_or(UNKNOWN, |w| vocabulary.id(w));
            assert_eq!(
                vocabulary.id_padded(&padded, at..at + 1),
                expected,
                "{byte}"
            );
        }
        assert_ne!(vocabulary.id(","), UNKNOWN);
        for (form, word) in forms.into_iter().zip(&tried) {
            assert_eq!(
                vocabulary.id_padded(buffer.as_bytes(), form),
                vocabulary.id(word),
                "{word}"
            );
        }
    }
}
