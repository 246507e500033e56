//! The vocabulary: every word the grammar names (in a cue, on a word list,
//! as a sentence starter), numbered, with what the grammar says of it. A word
//! of a sentence is looked up once, and its entry answers every question the
//! cue matcher and the unit splitter ask of it: which lists it is on, where it
//! leads from the cue trie's roots, whether it can be a name.

use rustc_hash::FxHashMap;

/// A word's number in the vocabulary.
pub type WordId = u32;

/// The number of every word the grammar does not name: its entry is empty.
pub const UNKNOWN: WordId = 0;

/// What the grammar says of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Entry {
    /// The clause-structure lists the word is on (`lists::*` bits).
    pub lists: u16,
    /// What the word is, or is not, for the word classes (`flags::*` bits).
    pub flags: u8,
    /// The trie node the word leads to from the root of unanchored cue
    /// patterns, and from the root of anchored ones (0: none). Kept here
    /// rather than in the roots' own maps: the roots are where nearly every
    /// word of a text is tried, and the word's entry is at hand already.
    pub root: u32,
    pub anchored_root: u32,
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
}

/// The numbered words, in normalised form (see `pattern::normalise`).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    ids: FxHashMap<String, WordId>,
    /// Indexed by `WordId`; entry `UNKNOWN` stays empty.
    entries: Vec<Entry>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            ids: FxHashMap::default(),
            entries: vec![Entry::default()],
        }
    }
}

impl Vocabulary {
    /// The number of a normalised word, `UNKNOWN` if the grammar does not
    /// name it.
    pub fn id(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(UNKNOWN)
    }

    pub fn entry(&self, id: WordId) -> &Entry {
        &self.entries[id as usize]
    }

    pub fn entry_mut(&mut self, id: WordId) -> &mut Entry {
        &mut self.entries[id as usize]
    }

    /// The number of a normalised word, given one if it is new.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId::try_from(self.entries.len()).expect("fewer than 2^32 words");
        self.entries.push(Entry::default());
        self.ids.insert(word.to_string(), id);
        id
    }

    /// The clause-structure lists (`lists::*` bits) a normalised word is on.
    pub fn lists_of(&self, word: &str) -> u16 {
        self.entry(self.id(word)).lists
    }

    /// Puts a normalised word on the lists `bits`.
    pub fn add_lists(&mut self, word: &str, bits: u16) {
        let id = self.intern(word);
        self.entry_mut(id).lists |= bits;
    }

    /// Sets `flags::*` bits on a normalised word.
    pub fn add_flags(&mut self, word: &str, bits: u8) {
        let id = self.intern(word);
        self.entry_mut(id).flags |= bits;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
