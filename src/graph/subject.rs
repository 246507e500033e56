//! What a unit is about: its content words and names, compared between units
//! to decide what a premise can support and what a recommendation depends on.
//!
//! Words are interned per piece into a [`Vocabulary`], so that a subject is
//! a list of small numbers and two subjects compare by marks in a table or
//! by comparing numbers, not by hashing strings: the graph compares each
//! unit with dozens of others.

use crate::grammar::{Lexicon, lists};
use crate::text::lanes;
use rustc_hash::FxHashMap;

/// The content words of one piece, each stored once.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// The ids of the words of up to 16 bytes, nearly all of them, by
    /// their form [`packed`]: no string is hashed, and no word allocated.
    short_ids: ShortForms,
    /// The ids of the longer words.
    long_ids: FxHashMap<Box<str>, u32>,
    /// The words one after another: word `id` ends at `ends[id]` and
    /// starts where the word before ends.
    text: String,
    ends: Vec<u32>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            short_ids: ShortForms::with_capacity(VOCABULARY_CAPACITY),
            long_ids: FxHashMap::default(),
            text: String::new(),
            ends: Vec::new(),
        }
    }
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        // An empty word packs to 0, which marks an empty slot: it goes
        // with the long ones (it never comes: a stem is never empty).
        let key = packed(word.as_bytes(), 0, word.len()).filter(|&key| key != 0);
        let known = match key {
            Some(key) => self.short_ids.get(key).flatten(),
            None => self.long_ids.get(word).copied(),
        };
        if let Some(id) = known {
            return id;
        }
        let id = self.ends.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        match key {
            Some(key) => self.short_ids.insert(key, Some(id)),
            None => {
                self.long_ids.insert(word.into(), id);
            }
        }
        id
    }

    pub fn word(&self, id: u32) -> &str {
        &self.text[laid_end_to_end(&self.ends, id as usize)]
    }

    /// How many words there are: every id is below it.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// The words a vocabulary makes room for at first: the stems of a few
/// hundred articles, so that a batch rarely grows the table.
const VOCABULARY_CAPACITY: usize = 4096;

/// The word forms a reader makes room for at first (144 KiB of slots).
const FORMS_CAPACITY: usize = 4096;

/// The content words of one unit, lower-cased and lightly stemmed, so that
/// "ferries" and "ferry", "closing" and "closed" meet: a view of one unit's
/// words in [`Subjects`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject<'s> {
    /// Vocabulary ids, each once, in the order the words first come.
    words: &'s [u32],
}

/// The subjects of a piece's units, by unit id, their words kept one
/// after another in one list rather than in an allocation per unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subjects {
    words: Vec<u32>,
    /// Where each unit's words start in `words`, and after the last unit's
    /// where they end: unit `u`'s words are `bounds[u]..bounds[u + 1]`, a
    /// range found without a test for the first unit.
    bounds: Vec<u32>,
    /// Each subject's [`Subject::signature`], found as it is read.
    signatures: Vec<u64>,
}

impl Default for Subjects {
    fn default() -> Subjects {
        Subjects {
            words: Vec::new(),
            bounds: vec![0],
            signatures: Vec::new(),
        }
    }
}

/// Where item `i` lies among items laid end to end, the first at 0, when
/// `ends` holds where each ends.
fn laid_end_to_end(ends: &[u32], i: usize) -> std::ops::Range<usize> {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    start..ends[i] as usize
}

impl Subjects {
    /// Room for the subjects of `units` units holding `words` words in all,
    /// so that reading them does not grow the lists.
    pub fn with_capacity(units: usize, words: usize) -> Subjects {
        let mut bounds = Vec::with_capacity(units + 1);
        bounds.push(0);
        Subjects {
            words: Vec::with_capacity(words),
            bounds,
            signatures: Vec::with_capacity(units),
        }
    }

    /// The subject of unit `unit`.
    pub fn get(&self, unit: usize) -> Subject<'_> {
        Subject {
            words: &self.words[self.bounds[unit] as usize..self.bounds[unit + 1] as usize],
        }
    }

    /// How many subjects there are.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// Whether the subjects of units `a` and `b` share a word: most pairs
    /// that do not are told by their signatures, with no look at a word.
    pub fn share_any(&self, a: usize, b: usize) -> bool {
        self.signatures[a] & self.signatures[b] != 0 && {
            let (a, b) = (self.get(a), self.get(b));
            if a.words.len() * b.words.len() <= ALL_PAIRS_LIMIT {
                a.words.iter().any(|id| b.words.contains(id))
            } else {
                a.shared_count(b) > 0
            }
        }
    }

    /// How many words each subject holds, in unit order.
    pub fn lengths(&self) -> impl Iterator<Item = usize> + '_ {
        self.bounds
            .windows(2)
            .map(|bounds| (bounds[1] - bounds[0]) as usize)
    }

    /// Each subject's [`Subject::signature`], by unit id.
    pub fn signatures(&self) -> &[u64] {
        &self.signatures
    }

    /// The subjects in unit order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = Subject<'_>> {
        (0..self.len()).map(|unit| self.get(unit))
    }
}

/// Reads the subjects of units. Each distinct word form is looked at once
/// (case, function list, stem, vocabulary); its later occurrences cost one
/// hash lookup. The forms are kept from one piece to the next, so that a
/// batch looks at the words of a language once rather than once per
/// article; only ids of one vocabulary are ever compared, and the ids' values
/// decide nothing (a subject is a set).
pub struct SubjectReader<'a> {
    lexicon: &'a Lexicon,
    /// Each word form seen of up to 16 bytes, nearly all of them, packed
    /// into a number by [`packed`], and its vocabulary id (`None` for a
    /// word that is no content word): a number hashes and compares in a few
    /// instructions, where a string needs a pass over its bytes and a call.
    short_forms: ShortForms,
    /// The longer forms, as written.
    long_forms: FxHashMap<Box<str>, Option<u32>>,
    vocabulary: Vocabulary,
    lower: String,
    stemmed: String,
    /// A slot per vocabulary word, marked with a stamp: by [`Subject::mark`]
    /// as units are compared, and as a unit's subject is read, so that each
    /// of its words is kept once (each unit read uses up a stamp). Kept from
    /// one piece to the next so that a piece does not allocate and zero
    /// one: stamps are never handed out twice, so a slot left marked earlier
    /// matches no stamp handed out later. The last slot is a spare, past
    /// every word's (see `IntoIds::piece`).
    marks: Vec<u32>,
    /// The last stamp handed out (0 before the first).
    last_stamp: u32,
}

/// The word forms a reader keeps before it starts afresh: enough for the
/// running vocabulary of a language, few enough that memory does not grow
/// with a batch (the narrow slots of the short forms peak at 262,144 of 16
/// bytes, 4 MiB per worker; the wide ones, for the few longer words, are far
/// fewer).
const MAX_FORMS: usize = 1 << 16;

impl<'a> SubjectReader<'a> {
    pub fn new(lexicon: &'a Lexicon) -> SubjectReader<'a> {
        SubjectReader {
            lexicon,
            // Room for the forms of a few hundred articles from the start:
            // growing the table costs more than the zeroed memory.
            short_forms: ShortForms::with_capacity(FORMS_CAPACITY),
            long_forms: FxHashMap::default(),
            vocabulary: Vocabulary::default(),
            lower: String::new(),
            stemmed: String::new(),
            // The spare slot (see `IntoIds::piece`).
            marks: vec![0],
            last_stamp: 0,
        }
    }

    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }

    /// Forgets every word form once there are more than [`MAX_FORMS`]. Called
    /// between pieces, never inside one: a piece's subjects must all be
    /// read with one vocabulary to be compared.
    pub fn start_piece(&mut self) {
        if self.short_forms.len() + self.long_forms.len() > MAX_FORMS {
            self.short_forms.clear();
            self.long_forms.clear();
            self.vocabulary = Vocabulary::default();
        }
    }

    /// Reads the content words of `text`, the next unit's subject, into
    /// `subjects`: words of three letters or more that the grammar's
    /// `function` list does not name. Numbers are left out: two units that
    /// share only "2024" are not about the same thing.
    pub fn read_into(&mut self, text: &str, subjects: &mut Subjects) {
        // Each id kept once, in the order the words come: a word's slot in
        // `marks` takes the unit's stamp when it is first kept. No sort is
        // needed, as a subject is a set (see [`Subject`]).
        let stamp = self.fresh_stamps(1);
        let mut into = IntoIds {
            reader: self,
            ids: &mut subjects.words,
            stamp,
            signature: 0,
        };
        for_each_piece(text, 3, &mut into);
        subjects.signatures.push(into.signature);
        subjects.bounds.push(subjects.words.len() as u32);
    }

    /// The first of `count` stamps that no slot of `marks` holds (see
    /// [`Marks::stamp`]). Stamps are never handed out twice: when they
    /// would run out, after four billion, every slot is cleared and they
    /// start afresh.
    fn fresh_stamps(&mut self, count: u32) -> u32 {
        if count >= u32::MAX - self.last_stamp {
            self.marks.fill(0);
            self.last_stamp = 0;
        }
        let first = self.last_stamp + 1;
        self.last_stamp += count;
        first
    }

    /// The vocabulary id of the word form `text[range]` (`None` for no
    /// content word), from what was found the first time the form was seen.
    /// `key` is the form [`packed`], when it is short enough.
    #[inline(always)]
    fn form(
        &mut self,
        text: &str,
        range: std::ops::Range<usize>,
        key: Option<u128>,
    ) -> Option<u32> {
        match key {
            Some(key) => match self.short_forms.get(key) {
                Some(id) => id,
                None => {
                    let id = self.content_word(&text[range]);
                    self.short_forms.insert(key, id);
                    id
                }
            },
            None => match self.long_forms.get(&text[range.clone()]) {
                Some(&id) => id,
                None => {
                    let word = &text[range];
                    let id = self.content_word(word);
                    self.long_forms.insert(word.into(), id);
                    id
                }
            },
        }
    }

    /// The vocabulary id of a word form, or `None` when it is no content
    /// word. Kept out of line: it runs once per form, its caller once per
    /// word, and the caller is inlined into the loop over a text's words.
    #[cold]
    #[inline(never)]
    fn content_word(&mut self, word: &str) -> Option<u32> {
        self.lower.clear();
        if word.is_ascii() {
            // The tests below on bytes: an ASCII character is a byte.
            if word.len() < 3 || word.bytes().any(|b| b.is_ascii_digit()) {
                return None;
            }
            self.lower.push_str(word);
            self.lower.make_ascii_lowercase();
        } else {
            if word.chars().nth(2).is_none() || word.chars().any(char::is_numeric) {
                return None;
            }
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
        let known = self.vocabulary.len();
        let id = self.vocabulary.id(&self.stemmed);
        if self.vocabulary.len() > known {
            // A new word's slot is zeroed (it may be the spare slot, marked
            // by forms that are no content word), the others kept: no stamp
            // from here on is one they hold. A spare slot stays after the
            // last word's.
            let needed = self.vocabulary.len() + 1;
            if self.marks.len() < needed {
                self.marks.resize(needed, 0);
            }
            self.marks[id as usize] = 0;
        }
        Some(id)
    }

    /// The vocabulary the subjects read since the last fresh start are
    /// made of.
    #[cfg(test)]
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The vocabulary, and marks for the subjects of a piece of `units`
    /// units read with it: a slot per word, and `units` stamps no slot holds
    /// yet, one for each unit (see [`Marks::stamp`]).
    pub fn vocabulary_and_marks(&mut self, units: usize) -> (&Vocabulary, Marks<'_>) {
        let units = u32::try_from(units).expect("fewer than 2^32 units");
        let first = self.fresh_stamps(units);
        (
            &self.vocabulary,
            Marks {
                slots: &mut self.marks,
                first,
                units: units as usize,
            },
        )
    }
}

/// A slot per vocabulary word, and a stamp per unit of a piece that no slot
/// holds before the unit's subject is marked with it.
pub struct Marks<'r> {
    pub slots: &'r mut [u32],
    first: u32,
    units: usize,
}

impl Marks<'_> {
    /// The stamp of unit `unit` of the piece.
    pub fn stamp(&self, unit: usize) -> u32 {
        debug_assert!(unit < self.units, "unit {unit} of {}", self.units);
        self.first + unit as u32
    }
}

/// What is done with each piece of a text: see [`for_each_piece`].
trait Pieces {
    /// Takes the piece `text[range]`, with its form [`packed`] when it is
    /// short enough. The piece is handed on as a range so that it is sliced
    /// (and its ends checked to be character boundaries) only when needed:
    /// a form seen before is known by its key.
    fn piece(&mut self, text: &str, range: std::ops::Range<usize>, key: Option<u128>);
}

/// Any closure takes pieces, for the tests.
impl<F: FnMut(&str, Option<u128>)> Pieces for F {
    fn piece(&mut self, text: &str, range: std::ops::Range<usize>, key: Option<u128>) {
        self(&text[range], key)
    }
}

/// The pieces of a unit's text read into the vocabulary ids of its content
/// words.
struct IntoIds<'r, 'a> {
    reader: &'r mut SubjectReader<'a>,
    ids: &'r mut Vec<u32>,
    /// The unit's stamp: a word whose slot holds it is kept already.
    stamp: u32,
    /// The unit's [`Subject::signature`], as its ids are kept.
    signature: u64,
}

impl Pieces for IntoIds<'_, '_> {
    /// Always inlined: it runs for every word of every unit, and a call for
    /// each costs more than the look-up of a form seen before.
    ///
    /// Whether a form is a content word is a toss-up, word by word, and a
    /// branch on it would be mispredicted as often as not: every form is
    /// handled alike, and what it adds is masked. A form that is no content
    /// word marks the spare slot after the vocabulary's, which no word is
    /// read by; its id is pushed and taken off again.
    #[inline(always)]
    fn piece(&mut self, text: &str, range: std::ops::Range<usize>, key: Option<u128>) {
        let found = self.reader.form(text, range, key);
        let content = found.is_some();
        let id = found.unwrap_or(0);
        let spare = self.reader.marks.len() - 1;
        let index = std::hint::select_unpredictable(content, id as usize, spare);
        let slot = &mut self.reader.marks[index];
        let kept = content & (*slot != self.stamp);
        *slot = self.stamp;
        let len = self.ids.len();
        self.ids.push(id);
        self.ids.truncate(len + usize::from(kept));
        self.signature |= u64::from(kept) << (id % 64);
    }
}

/// Words of up to 16 bytes, packed by [`packed`], each with a number: two
/// open-addressing tables probed linearly, each kept at most half full so
/// that a probe nearly always ends at its first slot. A general hash map
/// costs several times the instructions a lookup here does, and every word
/// of every unit is looked up. It serves twice: word forms with what each
/// was found to be, and stems with their vocabulary ids.
///
/// Words of up to 12 bytes (nearly all) take slots of 16 bytes, the longer
/// ones slots of 32 in a table of their own: a lookup that misses the cache
/// waits on memory, and the narrow slots put twice as many words in a line
/// as slots that would hold every word.
#[derive(Debug, Clone)]
struct ShortForms {
    narrow: OpenTable<NarrowSlot>,
    wide: OpenTable<WideSlot>,
}

impl ShortForms {
    fn with_capacity(forms: usize) -> ShortForms {
        ShortForms {
            narrow: OpenTable::with_capacity(forms),
            // A word of 13 to 16 bytes is one in fifty or so.
            wide: OpenTable::with_capacity(forms / 16),
        }
    }

    fn len(&self) -> usize {
        self.narrow.len + self.wide.len
    }

    fn clear(&mut self) {
        self.narrow.clear();
        self.wide.clear();
    }

    /// What `form` was found to be, when it was seen before.
    #[inline(always)]
    fn get(&self, form: u128) -> Option<Option<u32>> {
        debug_assert_ne!(form, 0);
        let stored = if NarrowSlot::fits(form) {
            self.narrow.get(form)
        } else {
            self.wide.get(form)
        };
        stored.map(|stored| stored.checked_sub(1))
    }

    /// Records what a form not seen before is.
    fn insert(&mut self, form: u128, id: Option<u32>) {
        debug_assert_ne!(form, 0);
        let stored = id.map_or(0, |id| id + 1);
        if NarrowSlot::fits(form) {
            self.narrow.insert(form, stored);
        } else {
            self.wide.insert(form, stored);
        }
    }
}

/// A slot of an [`OpenTable`]: a packed form (0 for an empty slot; no word
/// of a byte or more packs to 0) and a number stored with it.
trait Slot: Copy + Default {
    fn new(form: u128, stored: u32) -> Self;
    fn form(&self) -> u128;
    fn stored(&self) -> u32;
}

/// A form of up to 12 bytes (its top 32 bits zero) and its number, in 16
/// bytes.
#[derive(Debug, Clone, Copy, Default)]
struct NarrowSlot {
    low: u64,
    high: u32,
    stored: u32,
}

impl NarrowSlot {
    /// Whether `form` packs a word short enough for a narrow slot.
    fn fits(form: u128) -> bool {
        form >> 96 == 0
    }
}

impl Slot for NarrowSlot {
    fn new(form: u128, stored: u32) -> NarrowSlot {
        debug_assert!(NarrowSlot::fits(form));
        NarrowSlot {
            low: form as u64,
            high: (form >> 64) as u32,
            stored,
        }
    }

    fn form(&self) -> u128 {
        u128::from(self.low) | u128::from(self.high) << 64
    }

    fn stored(&self) -> u32 {
        self.stored
    }
}

/// Any form and its number, in 32 bytes.
#[derive(Debug, Clone, Copy, Default)]
struct WideSlot {
    form: u128,
    stored: u32,
}

impl Slot for WideSlot {
    fn new(form: u128, stored: u32) -> WideSlot {
        WideSlot { form, stored }
    }

    fn form(&self) -> u128 {
        self.form
    }

    fn stored(&self) -> u32 {
        self.stored
    }
}

/// Packed forms with a number each, in a power of two of slots.
#[derive(Debug, Clone)]
struct OpenTable<S> {
    slots: Vec<S>,
    /// 64 less the number of bits of a slot's index.
    shift: u32,
    len: usize,
}

impl<S: Slot> OpenTable<S> {
    fn with_capacity(forms: usize) -> OpenTable<S> {
        let slots = (2 * forms).next_power_of_two().max(2);
        OpenTable {
            slots: vec![S::default(); slots],
            shift: 64 - slots.trailing_zeros(),
            len: 0,
        }
    }

    fn clear(&mut self) {
        self.slots.fill(S::default());
        self.len = 0;
    }

    /// The first slot to probe for `form`: the top bits of a multiplicative
    /// (Fibonacci) hash of its two halves, which mixes every byte in.
    fn first_slot(&self, form: u128) -> usize {
        let folded = (form as u64) ^ ((form >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The number stored with `form`, when it is in the table.
    #[inline(always)]
    fn get(&self, form: u128) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(form);
        loop {
            let slot = self.slots[at];
            let seen = slot.form();
            if seen == form {
                return Some(slot.stored());
            }
            if seen == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Records the number of a form not in the table.
    fn insert(&mut self, form: u128, stored: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            let doubled = vec![S::default(); 2 * self.slots.len()];
            let old = std::mem::replace(&mut self.slots, doubled);
            self.shift -= 1;
            for slot in old.into_iter().filter(|slot| slot.form() != 0) {
                self.place(slot);
            }
        }
        self.place(S::new(form, stored));
        self.len += 1;
    }

    fn place(&mut self, slot: S) {
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(slot.form());
        while self.slots[at].form() != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = slot;
    }
}

/// Hands `pieces` each piece of `text` that may be a word and is at least
/// `min_len` bytes long: a run of letters, digits and apostrophes (straight
/// or curly), with the apostrophes at its ends trimmed; and with the piece
/// [`packed`] when it is 16 bytes or shorter. Shorter pieces are left out
/// here, before they are sliced and packed: subjects skip them, and a fair
/// share of words are.
fn for_each_piece(text: &str, min_len: usize, pieces: &mut impl Pieces) {
    // The pieces are found on bytes without decoding characters (an ASCII
    // character is alphanumeric when it is a letter or a digit), 64 bytes at
    // a time: a bit for each byte that may be part of a word, whose runs are
    // the pieces. Runs of other bytes make no piece: `pieces` is not handed
    // an empty one, which it would skip anyway. A byte outside ASCII counts
    // as part of a word: a run that holds one is cut into pieces on its
    // characters, which only those bytes can split (every byte that ends a
    // run is ASCII, and so a character of its own).
    let bytes = text.as_bytes();
    // Whether a byte outside ASCII was seen in the blocks read so far: a
    // run that holds one ends in one of them. Found with the blocks' bits
    // rather than by a pass over the text first.
    let mut ascii = true;
    // Where the piece being read started, when one is.
    let mut open: Option<usize> = None;
    // Whether the last byte of the block before is part of a piece (0 or 1).
    let mut carried = 0;
    // One block more than the text holds, with no byte inside a piece: it
    // ends a piece that runs to the end of the text, so that pieces are
    // handed on at one place in the code, where they are inlined.
    let blocks = bytes.len().div_ceil(64);
    // Whether an apostrophe was seen in the blocks read so far: until one
    // is, no piece can start or end with one, and the test is skipped.
    let mut quoted = false;
    for index in 0..=blocks {
        let base = 64 * index;
        let inside = match bytes.get(base..) {
            Some(rest) if index < blocks => {
                let (inside, apostrophes, block_ascii) =
                    piece_bits_and_apostrophes(&rest[..rest.len().min(64)]);
                quoted |= apostrophes;
                ascii &= block_ascii;
                inside
            }
            _ => 0,
        };
        let after_inside = (inside << 1) | carried;
        carried = inside >> 63;
        // A piece starts at a byte inside one after a byte outside, and
        // ends at a byte outside after one inside; they alternate.
        let mut starts = inside & !after_inside;
        let mut ends = !inside & after_inside;
        if min_len >= 3 {
            // Runs of one or two bytes that start and end in this block are
            // dropped here on the bits, with their ends: they hold no piece
            // of `min_len` bytes, and many words are that short. A run that
            // starts at the block's last two bytes is left to the test below.
            let one = starts & !(inside >> 1) & (u64::MAX >> 1);
            let two = starts & (inside >> 1) & !(inside >> 2) & (u64::MAX >> 2);
            starts &= !(one | two);
            ends &= !((one << 1) | (two << 2));
        }
        loop {
            match open {
                Some(mut start) if ends != 0 => {
                    let mut end = base + ends.trailing_zeros() as usize;
                    ends &= ends - 1;
                    open = None;
                    // A run shorter than `min_len` bytes holds no piece that
                    // long, however it is cut or trimmed: many words are.
                    if end - start < min_len {
                        continue;
                    }
                    if !ascii && !bytes[start..end].is_ascii() {
                        for_each_piece_of_characters(&text[start..end], min_len, pieces);
                        continue;
                    }
                    // Pieces are never empty here; few start or end with an
                    // apostrophe, and most texts hold none.
                    if quoted && (bytes[start] == b'\'' || bytes[end - 1] == b'\'') {
                        while start < end && bytes[start] == b'\'' {
                            start += 1;
                        }
                        while end > start && bytes[end - 1] == b'\'' {
                            end -= 1;
                        }
                        if end - start < min_len {
                            continue;
                        }
                    }
                    pieces.piece(text, start..end, packed(bytes, start, end - start));
                }
                None if starts != 0 => {
                    open = Some(base + starts.trailing_zeros() as usize);
                    starts &= starts - 1;
                }
                _ => break,
            }
        }
    }
}

/// [`for_each_piece`] on characters: the pieces of a run of text that holds
/// characters outside ASCII, split at each character that is neither
/// alphanumeric nor an apostrophe.
#[cold]
#[inline(never)]
fn for_each_piece_of_characters(run: &str, min_len: usize, pieces: &mut impl Pieces) {
    for piece in run.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let piece = piece.trim_matches(|c| c == '\'' || c == '’');
        if piece.len() >= min_len {
            pieces.piece(
                piece,
                0..piece.len(),
                packed(piece.as_bytes(), 0, piece.len()),
            );
        }
    }
}

/// A bit for each byte of `block`, at most 64 bytes long, lowest first: set
/// when the byte may be part of a word (a letter, a digit or an apostrophe),
/// or is no ASCII byte.
#[cfg(test)]
fn piece_bits(block: &[u8]) -> u64 {
    piece_bits_and_apostrophes(block).0
}

/// [`piece_bits`]; whether `block` may hold an apostrophe: true when it
/// does (and, outside ASCII, for some other bytes too), false only when it
/// holds none; and whether every byte of it is ASCII.
fn piece_bits_and_apostrophes(block: &[u8]) -> (u64, bool, bool) {
    // Read as ASCII, with the bytes' high bits gathered on the way: most
    // blocks are ASCII, and one that is not is read again.
    let (bits, apostrophes, any_high) = read_block(block, piece_lanes_and_apostrophes);
    if any_high & lanes::MARKS == 0 {
        return (bits, apostrophes != 0, true);
    }
    let (bits, apostrophes) = piece_bits_and_apostrophes_any(block);
    (bits, apostrophes, false)
}

/// [`piece_bits_and_apostrophes`] of a block that holds a byte outside
/// ASCII: kept out of line, as few blocks do.
#[cold]
#[inline(never)]
fn piece_bits_and_apostrophes_any(block: &[u8]) -> (u64, bool) {
    let (bits, apostrophes, _) = read_block(block, piece_lanes_any_and_apostrophes);
    (bits, apostrophes != 0)
}

/// The bits of `block`, at most 64 bytes long, that `lanes` sets for each
/// eight of its bytes read as a little-endian number, lowest first; the
/// second lanes `lanes` returns, or-ed together; and every eight bytes
/// or-ed together.
#[inline(always)]
fn read_block(block: &[u8], lanes: impl Fn(u64) -> (u64, u64)) -> (u64, u64, u64) {
    let mut bits = 0;
    let mut apostrophes = 0;
    let mut all = 0;
    let mut lanes = |word, shift: usize| {
        let (inside, quotes) = lanes(word);
        all |= word;
        apostrophes |= quotes;
        bits |= inside << shift;
    };
    if let Ok(full) = <&[u8; 64]>::try_from(block) {
        for (i, eight) in full.chunks_exact(8).enumerate() {
            lanes(
                u64::from_le_bytes(eight.try_into().expect("8 bytes")),
                8 * i,
            );
        }
        return (bits, apostrophes, all);
    }
    // A text's last block, shorter (most units' texts are one or two
    // blocks): only the eight bytes that are there are read, the last of
    // them padded with zero bytes, which are no part of a word.
    let mut eights = block.chunks_exact(8);
    let mut shift = 0;
    for eight in eights.by_ref() {
        lanes(
            u64::from_le_bytes(eight.try_into().expect("8 bytes")),
            shift,
        );
        shift += 8;
    }
    let rest = eights.remainder();
    if !rest.is_empty() {
        let last = match block.len().checked_sub(8) {
            // The last eight bytes, the ones read already shifted out.
            Some(from) => {
                let eight = u64::from_le_bytes(block[from..].try_into().expect("8 bytes"));
                eight >> (8 * (8 - rest.len()))
            }
            None => rest
                .iter()
                .rev()
                .fold(0, |word, &byte| (word << 8) | u64::from(byte)),
        };
        lanes(last, shift);
    }
    (bits, apostrophes, all)
}

/// [`piece_lanes`] of eight bytes that need not be ASCII: a byte outside
/// ASCII (its high bit set) counts as part of a word.
#[cfg(test)]
fn piece_lanes_any(word: u64) -> u64 {
    piece_lanes_any_and_apostrophes(word).0
}

/// [`piece_lanes_any`], and the lanes of [`piece_lanes_and_apostrophes`]
/// that may be apostrophes (a byte outside ASCII may set one).
fn piece_lanes_any_and_apostrophes(word: u64) -> (u64, u64) {
    let high = lanes::mark_bits(word & lanes::MARKS);
    let (inside, apostrophes) = piece_lanes_and_apostrophes(word & !lanes::MARKS);
    ((inside & !high) | high, apostrophes)
}

/// Which of eight ASCII bytes, read as a little-endian number, may be part
/// of a word (a letter, a digit or an apostrophe): bit i of the result for
/// byte i.
#[cfg(test)]
fn piece_lanes(word: u64) -> u64 {
    piece_lanes_and_apostrophes(word).0
}

/// [`piece_lanes`], and a lane (its high bit set) for each apostrophe, so
/// that a text's pieces are tested for apostrophes at their ends only once
/// one is seen.
fn piece_lanes_and_apostrophes(word: u64) -> (u64, u64) {
    use lanes::at_least;
    let apostrophe = at_least(word, b'\'') & !at_least(word, b'\'' + 1);
    (
        lanes::mark_bits(lanes::ascii_alphanumeric(word) | apostrophe),
        apostrophe,
    )
}

/// The `len` bytes of `bytes` from `start`, read as a little-endian number,
/// when there are at most 16 of them. No piece of text holds a zero byte
/// (NUL is neither a letter nor an apostrophe, and UTF-8 uses zero bytes for
/// nothing else), so the number tells both the bytes and how many they are:
/// two forms have the same number only when they are the same.
fn packed(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 16 {
        return None;
    }
    let window = match bytes.get(start..start + 16) {
        // Sixteen bytes read at once, the ones past the piece masked off.
        Some(window) => u128::from_le_bytes(window.try_into().expect("16 bytes")),
        None => {
            let mut window = [0; 16];
            window[..len].copy_from_slice(&bytes[start..start + len]);
            return Some(u128::from_le_bytes(window));
        }
    };
    // Masked in halves: a shift of a u128 by a variable amount takes
    // several instructions, one of a u64 one.
    let (low, high) = (window as u64, (window >> 64) as u64);
    let (low, high) = if len <= 8 {
        (low & low_bytes(len), 0)
    } else {
        (low, high & low_bytes(len - 8))
    };
    Some(u128::from(low) | u128::from(high) << 64)
}

/// The most pairs of words two subjects are compared by, each with each:
/// above it (a unit of hundreds of content words, whose signature no
/// longer tells pairs apart), the words are sorted and merged instead, so
/// that a run-on paragraph costs its length times a logarithm, not its
/// square.
const ALL_PAIRS_LIMIT: usize = 256;

/// How many ids two lists of distinct ids share, counted on sorted copies.
#[cold]
fn shared_in_sorted_copies(a: &[u32], b: &[u32]) -> usize {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared
}

/// Made-up content words, one for each number of `words`, joined by
/// spaces: distinct for every number below 500, on no word list of the
/// grammar, and left apart by the stemmer. For tests that need subjects of
/// hundreds of words.
#[cfg(test)]
pub(crate) fn made_up_words(words: std::ops::Range<usize>) -> String {
    const CONSONANTS: [&str; 10] = ["b", "d", "f", "g", "l", "m", "n", "p", "r", "t"];
    const VOWELS: [&str; 5] = ["a", "e", "i", "o", "u"];
    words
        .map(|i| {
            let (c1, v, c2) = (i % 10, (i / 10) % 5, (i / 50) % 10);
            format!("{}{}{}ka", CONSONANTS[c1], VOWELS[v], CONSONANTS[c2])
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A mask of the lowest `n` bytes of a u64, `n` from 0 to 8.
fn low_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0)
}

impl<'s> Subject<'s> {
    /// How many words both subjects hold.
    pub fn shared_count(self, other: Subject) -> usize {
        if self.words.len() * other.words.len() > ALL_PAIRS_LIMIT {
            return shared_in_sorted_copies(self.words, other.words);
        }
        // Every word of one against every word of the other, counted without
        // a branch on the comparison: subjects are a few words long, their
        // lists unsorted, and the callers ask for few pairs, after a
        // signature test.
        let mut shared = 0;
        for &x in self.words {
            for &y in other.words {
                shared += usize::from(x == y);
            }
        }
        shared
    }

    /// The words both subjects hold, in alphabetical order.
    #[cfg(test)]
    pub fn shared<'v>(self, other: Subject, vocabulary: &'v Vocabulary) -> Vec<&'v str> {
        let mut shared: Vec<&str> = self
            .words
            .iter()
            .filter(|id| other.words.contains(id))
            .map(|&id| vocabulary.word(id))
            .collect();
        shared.sort_unstable();
        shared
    }

    /// The same as [`Subject::shared`] with `marked`, when `marked` is the
    /// subject last marked in `marks` with `stamp` (see
    /// [`Subject::overlap_with_marked`]): one pass, no search. The words
    /// replace those in `shared`, a buffer the caller keeps.
    pub fn shared_with_marked<'v>(
        self,
        marks: &[u32],
        stamp: u32,
        vocabulary: &'v Vocabulary,
        shared: &mut Vec<&'v str>,
    ) {
        shared.clear();
        shared.extend(
            self.words
                .iter()
                .filter(|&&id| marks[id as usize] == stamp)
                .map(|&id| vocabulary.word(id)),
        );
        shared.sort_unstable();
    }

    /// How much of the smaller subject the two share, from 0 to 1.
    #[cfg(test)]
    pub fn overlap(self, other: Subject) -> f64 {
        let smaller = self.words.len().min(other.words.len());
        if smaller == 0 {
            return 0.0;
        }
        self.shared_count(other) as f64 / smaller as f64
    }

    /// Marks this subject's words in `marks` (one slot per vocabulary id)
    /// with `stamp`, for [`Subject::overlap_with_marked`]: a unit compared
    /// with many others is marked once, and each other is then compared in
    /// one pass over its own words rather than against the other's list.
    pub fn mark(self, marks: &mut [u32], stamp: u32) {
        for &id in self.words.iter() {
            marks[id as usize] = stamp;
        }
    }

    /// The same as [`Subject::overlap`] with `marked`, when `marked` is the
    /// subject last marked in `marks` with `stamp` and no other subject was
    /// marked with that stamp.
    pub fn overlap_with_marked(self, marked: Subject, marks: &[u32], stamp: u32) -> f64 {
        let smaller = self.words.len().min(marked.words.len());
        if smaller == 0 {
            return 0.0;
        }
        let shared = self
            .words
            .iter()
            .filter(|&&id| marks[id as usize] == stamp)
            .count();
        shared as f64 / smaller as f64
    }

    /// A bit for each word, by its id modulo 64: a word of one subject
    /// whose bit the other's signature lacks is not in the other, so the
    /// bits one sets and the other does not bound the words they share.
    #[cfg(test)]
    pub fn signature(self) -> u64 {
        self.words.iter().fold(0, |bits, id| bits | 1 << (id % 64))
    }

    /// How many content words the subject holds.
    pub fn len(self) -> usize {
        self.words.len()
    }

    pub fn is_empty(self) -> bool {
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

    #[test]
    fn stamps_start_afresh_with_cleared_slots_when_they_run_out() {
        let lexicon = Lexicon::english();
        let mut reader = SubjectReader::new(&lexicon);
        // Reading a unit takes a stamp too, to keep each word once.
        reader.read_into("Buses carry workers downtown", &mut Subjects::default());
        let (_, marks) = reader.vocabulary_and_marks(3);
        assert_eq!((marks.stamp(0), marks.stamp(2)), (2, 4));
        // Stamps up to u32::MAX - 1 are handed out; a piece that would need
        // more, even of no unit, starts them afresh.
        for (last, units) in [(u32::MAX, 0), (u32::MAX - 1, 1), (u32::MAX - 3, 5)] {
            reader.last_stamp = last;
            reader.marks.fill(last);
            let (_, marks) = reader.vocabulary_and_marks(units);
            assert!(marks.slots.iter().all(|&slot| slot == 0));
            if units > 0 {
                assert_eq!(marks.stamp(units - 1), units as u32);
            }
        }
        // Without a fresh start, a piece's stamps are new ones.
        reader.last_stamp = 10;
        let (_, marks) = reader.vocabulary_and_marks(2);
        assert_eq!(marks.stamp(0), 11);
    }

    fn subjects(texts: &[&str]) -> (Subjects, Vocabulary) {
        let lexicon = Lexicon::english();
        let mut reader = SubjectReader::new(&lexicon);
        let mut subjects = Subjects::default();
        for text in texts {
            reader.read_into(text, &mut subjects);
        }
        (subjects, reader.vocabulary().clone())
    }

    #[test]
    fn function_words_and_numbers_are_not_a_subject() {
        let (s, v) = subjects(&[
            "It is what it is, and 2024 was the year of it.",
            "year",
            "It is what it is, and it was.",
        ]);
        assert_eq!(s.get(0).shared(s.get(1), &v), vec!["year"]);
        assert!(s.get(2).is_empty());
    }

    #[test]
    fn a_new_word_after_a_form_that_is_none_is_kept() {
        // "the" marks the spare slot with the unit's stamp; "council",
        // the reader's first word, then takes that slot, which must be
        // cleared for it: else it would read as kept already.
        let (s, v) = subjects(&["the council", "the council and the council"]);
        assert_eq!(s.get(0).len(), 1);
        assert_eq!(s.get(0).shared(s.get(1), &v), vec!["council"]);
        assert_eq!(s.get(1).len(), 1, "each word once");
    }

    /// What [`packed`] computes, byte by byte.
    fn packed_slowly(piece: &str) -> u128 {
        piece
            .bytes()
            .enumerate()
            .map(|(i, b)| u128::from(b) << (8 * i))
            .sum()
    }

    #[test]
    fn forms_pack_into_numbers_that_tell_them_apart() {
        let text = "ab abc abcdefghijklmnop abcdefghijklmnopq";
        for (start, len) in [
            (0, 2),
            (3, 3),
            (7, 16),
            (24, 16),
            (24, 15),
            (24, 9),
            (24, 8),
            (24, 7),
            (39, 1),
            (40, 0),
        ] {
            let piece = &text[start..start + len];
            assert_eq!(
                packed(text.as_bytes(), start, len),
                Some(packed_slowly(piece))
            );
            assert_eq!(packed(piece.as_bytes(), 0, len), Some(packed_slowly(piece)));
        }
        assert_eq!(packed(text.as_bytes(), 24, 17), None);
        assert_ne!(packed(b"ab", 0, 2), packed(b"ab\x01", 0, 3));
    }

    #[test]
    fn ascii_and_other_text_are_cut_into_the_same_pieces() {
        let pieces = |text: &str| {
            let mut found = Vec::new();
            for_each_piece(text, 0, &mut |p: &str, key| {
                assert_eq!(key, (p.len() <= 16).then(|| packed_slowly(p)), "{p}");
                found.push(p.to_string())
            });
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
    fn short_forms_are_found_as_recorded_as_the_table_grows() {
        let mut forms = ShortForms::with_capacity(4);
        // Every fourth form 13 to 16 bytes long, for the wide slots; the
        // others in the narrow ones, up to 12 bytes.
        let word = |n: u128| match n % 4 {
            0 => format!("{n:a>13}"),
            1 => format!("{n:b>12}"),
            _ => format!("w{n}x"),
        };
        let form = |n: u128| packed_slowly(&word(n));
        for n in 0..1000 {
            assert_eq!(NarrowSlot::fits(form(n)), word(n).len() <= 12);
            assert_eq!(forms.get(form(n)), None);
            forms.insert(form(n), (n % 3 != 0).then_some(n as u32));
            assert_eq!(forms.len(), n as usize + 1);
        }
        assert_eq!((forms.narrow.len, forms.wide.len), (750, 250));
        for n in 0..1000 {
            assert_eq!(forms.get(form(n)), Some((n % 3 != 0).then_some(n as u32)));
        }
        assert_eq!(forms.get(form(1000)), None);
        assert_eq!(forms.get(form(1001)), None);
        forms.clear();
        assert_eq!((forms.len(), forms.get(form(7))), (0, None));
        assert_eq!(forms.get(form(8)), None);
    }

    /// Checks `lanes` against `in_piece`, byte by byte, for every byte in
    /// every lane among bytes of every kind.
    fn check_lanes(
        bytes: std::ops::RangeInclusive<u8>,
        lanes: fn(u64) -> u64,
        in_piece: fn(u8) -> bool,
    ) {
        for byte in bytes {
            for lane in 0..8 {
                let mut word = *b"a'0 Z\x7f\x01:";
                word[lane] = byte;
                let expected = word
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| u64::from(in_piece(b)) << i)
                    .sum::<u64>();
                assert_eq!(lanes(u64::from_le_bytes(word)), expected, "{word:?}");
            }
        }
    }

    #[test]
    fn bytes_found_eight_at_a_time_are_those_of_the_table() {
        check_lanes(0..=127, piece_lanes, |b| {
            b.is_ascii_alphanumeric() || b == b'\''
        });
    }

    #[test]
    fn pieces_found_on_bits_are_those_found_on_characters() {
        // Texts of every length around the 64-byte blocks, the characters
        // drawn by a fixed generator from a set with runs of letters,
        // digits, apostrophes, spaces and punctuation; ASCII only, and with
        // letters, apostrophes and punctuation outside ASCII.
        // Also with words and spaces only, an apostrophe now and then (the
        // test for apostrophes at a piece's ends starts at the first one);
        // and with pieces too short left out, before or after trimming.
        for alphabet in [
            "aZq7'' -,.x\nB'e9",
            "aZq7'' -,.x\nB'e9é’—“ß’a",
            "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz  '",
        ] {
            let alphabet: Vec<char> = alphabet.chars().collect();
            let mut state = 12345u64;
            for length in (0..200).chain([255, 256, 257, 1000]) {
                for _ in 0..8 {
                    let text: String = (0..length)
                        .map(|_| {
                            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                            alphabet[(state >> 33) as usize % alphabet.len()]
                        })
                        .collect();
                    for min_len in [0, 3] {
                        let mut on_bits = Vec::new();
                        for_each_piece(&text, min_len, &mut |piece: &str, key| {
                            assert_eq!(key, (piece.len() <= 16).then(|| packed_slowly(piece)));
                            if !piece.is_empty() {
                                on_bits.push(piece.to_string());
                            }
                        });
                        let apostrophe = |c: char| c == '\'' || c == '’';
                        let on_characters: Vec<String> = text
                            .split(|c: char| !(c.is_alphanumeric() || apostrophe(c)))
                            .map(|piece| piece.trim_matches(apostrophe).to_string())
                            .filter(|piece| !piece.is_empty() && piece.len() >= min_len)
                            .collect();
                        assert_eq!(on_bits, on_characters, "{text:?} {min_len}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_short_block_has_the_bits_of_its_bytes() {
        let text = "ab'9 X,é-’z0 Qq'' ab cd\nefgh ijkl;mnop qrs: tuvw xyz. ABC DEF GHI é";
        let bytes = text.as_bytes();
        // Blocks of every length up to 64 from every byte, ASCII or not,
        // whole characters or not: the bits are found on bytes.
        for start in 0..bytes.len() {
            for len in 0..=64.min(bytes.len() - start) {
                let block = &bytes[start..start + len];
                let expected = block
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| {
                        u64::from(b >= 0x80 || b.is_ascii_alphanumeric() || b == b'\'') << i
                    })
                    .sum::<u64>();
                assert_eq!(piece_bits(block), expected, "{start} {len}");
                // Whether the block may hold an apostrophe: always when it
                // does; when it holds none, only for bytes outside ASCII.
                let (_, apostrophes, ascii) = piece_bits_and_apostrophes(block);
                assert_eq!(ascii, block.is_ascii(), "{start} {len}");
                if block.contains(&b'\'') {
                    assert!(apostrophes, "{start} {len}");
                } else if block.is_ascii() {
                    assert!(!apostrophes, "{start} {len}");
                }
            }
        }
    }

    #[test]
    fn bytes_outside_ascii_are_inside_pieces() {
        check_lanes(0..=255, piece_lanes_any, |b| {
            b >= 0x80 || b.is_ascii_alphanumeric() || b == b'\''
        });
    }

    #[test]
    fn subjects_long_or_short_share_what_their_word_sets_share() {
        // Hundreds of made-up words, so that signatures of 64 bits stand for
        // many words each, and subjects long enough to be counted on sorted
        // copies as well as short ones counted pair by pair.
        let text = |words: std::ops::Range<usize>| made_up_words(words) + ".";
        let texts = [
            text(0..300),
            text(250..400),
            text(100..120),
            text(400..430),
            text(0..3),
        ];
        let (s, _) = subjects(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(s.get(0).words.len() * s.get(1).words.len() > ALL_PAIRS_LIMIT);
        let mut apart_with_a_common_bit = 0;
        for a in 0..s.len() {
            for b in 0..s.len() {
                let (x, y) = (s.get(a), s.get(b));
                let expected = x.words.iter().filter(|id| y.words.contains(id)).count();
                assert_eq!(x.shared_count(y), expected, "{a} {b}");
                assert_eq!(s.share_any(a, b), expected > 0, "{a} {b}");
                if expected == 0 && s.signatures()[a] & s.signatures()[b] != 0 {
                    apart_with_a_common_bit += 1;
                }
            }
        }
        // Pairs the signatures alone would have said share a word.
        assert!(apart_with_a_common_bit > 0);
    }

    #[test]
    fn overlap_with_a_marked_subject_is_the_overlap() {
        let (s, v) = subjects(&[
            "The council should keep the ferries running.",
            "The ferry carried 4,000 passengers; councils closed it.",
            "It is what it is.",
            "Ferries, councils, passengers and running ferries.",
            "Passengers",
        ]);
        let mut marks = vec![0; v.len()];
        for (n, marked) in s.iter().enumerate() {
            let stamp = n as u32 + 1;
            marked.mark(&mut marks, stamp);
            for (o, other) in s.iter().enumerate() {
                assert_eq!(s.share_any(o, n), other.shared_count(marked) > 0);
                assert_eq!(
                    other.overlap_with_marked(marked, &marks, stamp).to_bits(),
                    other.overlap(marked).to_bits()
                );
                assert_eq!(
                    other.overlap(marked).to_bits(),
                    marked.overlap(other).to_bits()
                );
                let mut shared = vec!["left from before"];
                other.shared_with_marked(&marks, stamp, &v, &mut shared);
                assert_eq!(shared, marked.shared(other, &v));
            }
        }
    }

    #[test]
    fn subjects_keep_their_lengths_and_signatures() {
        let (s, _) = subjects(&[
            "The ferries, the ferry and the harbour.",
            "",
            "Harbour fees",
        ]);
        let lengths: Vec<usize> = s.lengths().collect();
        assert_eq!(lengths, [2, 0, 2]);
        for (unit, subject) in s.iter().enumerate() {
            assert_eq!(subject.len(), lengths[unit]);
            assert_eq!(s.signatures()[unit], subject.signature());
        }
    }

    #[test]
    fn plurals_and_verb_endings_meet() {
        let (s, v) = subjects(&[
            "The council should keep the ferries running.",
            "The ferry carried 4,000 passengers; councils closed it.",
            "Labour's plan",
            "labour",
        ]);
        assert_eq!(s.get(0).shared(s.get(1), &v), vec!["council", "ferry"]);
        assert_eq!(s.get(0).shared_count(s.get(1)), 2);
        assert!(s.get(0).overlap(s.get(1)) >= 0.5);
        assert_eq!(s.get(2).shared(s.get(3), &v), vec!["labour"]);
    }
}
