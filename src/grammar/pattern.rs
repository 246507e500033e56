//! Cue patterns: what the grammar language's patterns mean, and how they are
//! matched against the tokens of a sentence.
//!
//! Patterns are woven into one trie whose edges are words and word classes.
//! Matching a sentence walks the trie from each token: the first step is read
//! off the word's vocabulary entry and each later one is a binary search over
//! word numbers, never a scan of every pattern.

use super::closed_class;
use super::key::WordKey;
#[cfg(test)]
use super::key::{has_lower_after_initial, upper_initial};
use super::vocabulary::{PADDING, Vocabulary, WordId, flags};
use crate::labels::CueClass;
use crate::text::tokens::{Token, TokenKind};
use std::borrow::Cow;
use std::ops::Range;

/// A pattern as written: the tree the grammar parser builds.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// One of several sequences.
    Alternatives(Vec<Pattern>),
    /// Elements one after another.
    Sequence(Vec<Pattern>),
    /// Matches its inner pattern or nothing.
    Optional(Box<Pattern>),
    /// One token, compared without regard to case.
    Literal(String),
    /// One token of a word class.
    Class(WordClass),
    /// `^`: the start of the sentence (after any opening punctuation); it
    /// matches no token and may only begin a pattern.
    Start,
}

/// The word classes a pattern can name in angle brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// `<number>`: digits, possibly with separators and a unit (`12,000`, `4.5bn`).
    Number,
    /// `<year>`: a four-digit number from 1000 to 2199.
    Year,
    /// `<name>`: a capitalised word that is not one of the grammar's
    /// sentence starters ("The", "I", "That" are no evidence of a name).
    Name,
    /// `<word>`: any word.
    Word,
    /// `<quote>`: a quotation mark, straight or curly.
    Quote,
    /// `<url>`: a web address or an e-mail address.
    Url,
    /// `<participle>`: a past participle: a word ending in "-ed", or one of
    /// the common irregular ones ("done", "been", "made", "taken").
    Participle,
}

/// Whether the word at `pos` is capitalised where a sentence does not start,
/// and so names something: "since May", "ask Will", "the No. 4 bus". Cue
/// literals are common words and match no such word. "I", words in capitals
/// ("MUST"), and words after an opening quotation mark, bracket, colon or
/// dash still match. (The matcher and the unit context read the same off a
/// word's key: `WordKey::capitalised` and `opens_a_phrase`; this is what
/// those must agree with.)
#[cfg(test)]
pub(crate) fn names_something(
    source: &str,
    words: &[Token],
    pos: usize,
    start: Option<usize>,
) -> bool {
    let text = words[pos].text(source);
    // Nearly every word is in lower case: leave before looking further.
    upper_initial(text) && has_lower_after_initial(text) && !opens_a_phrase(words, pos, start)
}

/// Whether the word at `pos` opens the sentence (which starts at `start`),
/// or a quotation, a bracket or a phrase after a colon or dash: there a
/// capital says nothing of a name.
pub(crate) fn opens_a_phrase(words: &[Token], pos: usize, start: Option<usize>) -> bool {
    pos == 0
        || Some(pos) == start
        || matches!(
            words[pos - 1].kind,
            TokenKind::Punct('"' | '“' | '‘' | '(' | '[' | ':' | '–' | '—' | '-')
        )
}

/// Words ending in "-ed" that are not participles.
pub(crate) const NOT_PARTICIPLES: &[&str] = &[
    "need", "seed", "feed", "deed", "speed", "breed", "bleed", "greed", "indeed", "hundred",
    "kindred", "naked", "wicked", "sacred", "wretched", "rugged", "ragged", "jagged",
];

/// Irregular past participles, for `<participle>`.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "been",
    "done",
    "gone",
    "made",
    "paid",
    "said",
    "told",
    "sent",
    "seen",
    "taken",
    "given",
    "known",
    "shown",
    "thought",
    "brought",
    "bought",
    "caught",
    "taught",
    "found",
    "held",
    "kept",
    "left",
    "lost",
    "met",
    "put",
    "read",
    "run",
    "set",
    "spent",
    "stood",
    "understood",
    "won",
    "written",
    "spoken",
    "chosen",
    "broken",
    "forgotten",
    "gotten",
    "got",
    "heard",
    "built",
    "felt",
    "led",
    "let",
    "meant",
    "sold",
    "hit",
    "cut",
    "begun",
];

impl WordClass {
    pub const NAMES: [(&'static str, WordClass); 7] = [
        ("number", WordClass::Number),
        ("year", WordClass::Year),
        ("name", WordClass::Name),
        ("word", WordClass::Word),
        ("quote", WordClass::Quote),
        ("participle", WordClass::Participle),
        ("url", WordClass::Url),
    ];

    pub fn from_name(name: &str) -> Option<WordClass> {
        WordClass::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
    }

    /// The class's bit in `WordKey::classes`.
    pub(super) const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Whether `token` belongs to the class. `not_names` lists capitalised
    /// words that open sentences ("That", "This") and so are no evidence of
    /// a name. The matcher reads all classes of a word at once
    /// (`WordKey::of`); this, one class at a time, is what that must agree
    /// with.
    #[cfg(test)]
    fn accepts(
        self,
        token: &Token,
        source: &str,
        normalised: &str,
        not_names: &rustc_hash::FxHashSet<String>,
    ) -> bool {
        match self {
            WordClass::Number => token.kind == TokenKind::Number,
            WordClass::Year => {
                let text = token.text(source);
                token.kind == TokenKind::Number
                    && text.len() == 4
                    && text.bytes().all(|b| b.is_ascii_digit())
                    && (b"1000".as_slice()..=b"2199".as_slice()).contains(&text.as_bytes())
            }
            WordClass::Name => {
                token.kind == TokenKind::Word
                    && token
                        .text(source)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                    && !not_names.contains(normalised)
            }
            WordClass::Word => token.kind == TokenKind::Word,
            WordClass::Url => token.kind == TokenKind::Url,
            WordClass::Quote => matches!(
                token.kind,
                TokenKind::Punct('"' | '“' | '”' | '‘' | '’' | '\'')
            ),
            WordClass::Participle => {
                token.kind == TokenKind::Word
                    && ((normalised.len() > 3
                        && normalised.ends_with("ed")
                        && !NOT_PARTICIPLES.contains(&normalised))
                        || IRREGULAR_PARTICIPLES.contains(&normalised))
            }
        }
    }
}

/// The cue matcher's walk of the trie over one sentence's words: what a
/// step from a node reads and where it writes.
struct Walk<'a> {
    set: &'a CueSet,
    words: &'a [Token],
    keys: &'a [WordKey],
    /// Where the sentence starts (see `CueSet::find_into`).
    start: Option<usize>,
    found: &'a mut Vec<CueMatch>,
    /// The nodes still to visit, each with the word that follows it.
    frontier: Vec<(u32, usize)>,
}

impl Walk<'_> {
    /// Visits `node`, reached by the words `at..pos`: records the rules that
    /// end there, and puts on the frontier the nodes the word at `pos`
    /// leads to from it.
    #[inline(always)]
    fn visit(&mut self, node: u32, at: usize, pos: usize) {
        let here = &self.set.nodes[node as usize];
        // Few nodes end a rule: one test passes over the rest.
        if here.ends.first.is_some() {
            for rule in here.ends.rules() {
                let r = &self.set.rules[rule];
                self.found.push(CueMatch {
                    rule,
                    class: r.class,
                    weight: r.weight,
                    first: at,
                    last: pos,
                    start: self.words[at].start,
                    end: self.words[pos - 1].end,
                });
            }
        }
        let Some(key) = self.keys.get(pos) else {
            return;
        };
        let next = here.literal(key.id);
        if next != 0 && (!key.capitalised || opens_a_phrase(self.words, pos, self.start)) {
            self.frontier.push((next, pos + 1));
        }
        if key.classes & here.class_bits != 0 {
            CueSet::follow_classes(here, key, pos + 1, &mut self.frontier);
        }
    }
}

/// One edge of the trie.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Atom {
    Literal(WordId),
    Class(WordClass),
}

/// A cue pattern with its class and weight, as declared in a grammar file.
#[derive(Debug, Clone)]
pub struct CueRule {
    pub class: CueClass,
    pub weight: f64,
    /// The pattern's source text, for explanations.
    pub source: String,
}

/// A match of a cue rule in a sentence: which rule, and the tokens it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueMatch {
    pub rule: usize,
    pub class: CueClass,
    pub weight: f64,
    /// Index of the first and one past the last matched word token, counted
    /// in the sentence's list of word tokens (spaces excluded).
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
}

/// The compiled set of cue rules: a trie over pattern elements, so that
/// patterns sharing a beginning ("i would urge", "i would suggest") are
/// walked once, and a word class shared by thousands of expanded sequences
/// ("<name> said", "<name> told") is tested once per token.
#[derive(Debug, Clone)]
pub struct CueSet {
    pub rules: Vec<CueRule>,
    nodes: Vec<Node>,
    /// The words the patterns and the word lists name. The roots' literal
    /// edges are kept in the words' entries.
    pub vocabulary: Vocabulary,
}

/// A trie node: where a literal or a word class leads, and the rules whose
/// sequence ends here.
#[derive(Debug, Clone, Default)]
struct Node {
    /// Sorted by word: a node other than a root has a handful of edges, and
    /// a binary search of numbers beats hashing the word again.
    literals: Vec<(WordId, u32)>,
    /// Bit `id % 64` set for each word `id` of `literals`: most words that
    /// follow a node lead nowhere from it, and are turned away by one test
    /// rather than a search.
    literal_bits: u64,
    classes: Vec<(WordClass, u32)>,
    /// The union of the classes' bits: most words fit none of them.
    class_bits: u8,
    ends: Ends,
}

/// The rules whose sequence ends at a node. Where one ends, nearly always
/// only one does, at a leaf of its own (tens of thousands of them): the
/// first is kept in the node, with no allocation, and tells the matcher at
/// once whether any rule ends here.
#[derive(Debug, Clone, Default)]
struct Ends {
    first: Option<usize>,
    /// The others, in the order they were added.
    more: Vec<usize>,
}

impl Ends {
    fn rules(&self) -> impl Iterator<Item = usize> + '_ {
        self.first.into_iter().chain(self.more.iter().copied())
    }

    /// Adds `rule`, unless it ends here already.
    fn add(&mut self, rule: usize) {
        match self.first {
            None => self.first = Some(rule),
            Some(first) if first != rule && !self.more.contains(&rule) => self.more.push(rule),
            Some(_) => {}
        }
    }
}

impl Node {
    /// Where the word `id` leads from here (0: nowhere; no edge leads back to
    /// the root).
    fn literal(&self, id: WordId) -> u32 {
        if self.literal_bits & literal_bit(id) == 0 {
            return 0;
        }
        match self.literals.binary_search_by_key(&id, |&(w, _)| w) {
            Ok(i) => self.literals[i].1,
            Err(_) => 0,
        }
    }
}

/// The bit of word `id` in `Node::literal_bits`. `UNKNOWN` (0), which no
/// literal is, has bit 0 like word 64: unknown words are most words, but the
/// test only needs to be right when it says no.
fn literal_bit(id: WordId) -> u64 {
    1 << (id % 64)
}

/// The root of unanchored sequences, and of those anchored at the sentence start.
const ROOT: usize = 0;
const ANCHORED_ROOT: usize = 1;

impl Default for CueSet {
    fn default() -> CueSet {
        let mut vocabulary = Vocabulary::default();
        for word in NOT_PARTICIPLES {
            vocabulary.add_flags(word, flags::NOT_A_PARTICIPLE);
        }
        for word in IRREGULAR_PARTICIPLES {
            vocabulary.add_flags(word, flags::IRREGULAR_PARTICIPLE);
        }
        for &(bits, words) in closed_class::CLOSED_CLASS {
            for word in words {
                vocabulary.add_closed_class(word, bits);
            }
        }
        vocabulary.add_flags("not", flags::NOT);
        for word in ["no", "never"] {
            vocabulary.add_flags(word, flags::NEGATIVE);
        }
        vocabulary.add_flags("only", flags::ONLY);
        CueSet {
            rules: Vec::new(),
            nodes: vec![Node::default(), Node::default()],
            vocabulary,
        }
    }
}

/// What follows the last normalised word of a sentence: `PADDING` bytes.
const PADDED_END: &str = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
// A shorter end would make the fixed-size read of the last word run off the
// buffer.
const _: () = assert!(PADDED_END.len() == PADDING);

/// The form of a token that literals are compared with: lower case, curly
/// apostrophes made straight.
pub fn normalise(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    push_normalised(text, &mut out);
    Cow::Owned(out)
}

fn push_normalised(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '’' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The normalised forms of a run of words: a view into a `WordTable`.
#[derive(Debug, Clone, Copy)]
pub struct NormalisedWords<'a> {
    buffer: &'a str,
    /// The words: in a sentence in ASCII, each finds its form in `buffer`
    /// at its own span.
    words: &'a [Token],
    /// Where each word's form lies in `buffer`, in a sentence not in ASCII.
    spans: Option<&'a [Range<usize>]>,
}

impl<'a> NormalisedWords<'a> {
    /// The normalised form of word `i`.
    #[inline(always)]
    pub fn get(&self, i: usize) -> &'a str {
        match self.spans {
            None => &self.buffer[self.words[i].start..self.words[i].end],
            Some(spans) => &self.buffer[spans[i].clone()],
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The words of a text's sentences, read one sentence after another into
/// buffers they all share, so that a sentence costs no allocation: the
/// tokens that are not spaces, their normalised forms, their keys, and the
/// cues found among them. Indexed by word across the whole text; a
/// sentence's words are a range of it.
#[derive(Debug, Default)]
pub struct WordTable {
    pub words: Vec<Token>,
    pub keys: Vec<WordKey>,
    /// The text with its ASCII letters lowered, where a word in ASCII (nearly
    /// every word) finds its form at its own span; then the forms of the
    /// other words (lowering other letters may change their length, and a
    /// curly apostrophe becomes a straight one); then `PADDING` bytes, so
    /// that every form can be looked up with `Vocabulary::id_padded`.
    forms: String,
    /// Where each word's form lies in `forms`, for the words of the
    /// sentences not in ASCII (a few: in one in ASCII, each word's form lies
    /// at its own span, and nothing need be written per word).
    spans: Vec<Range<usize>>,
    /// Whether the whole text is ASCII: then no sentence need be checked.
    ascii: bool,
    /// The cues of each sentence read so far, in order (see
    /// `CueSet::find_cues`); a match counts words within its sentence.
    pub cues: Vec<CueMatch>,
    /// The cue matcher's working space.
    frontier: Vec<(u32, usize)>,
}

/// What `CueSet::read_sentence` read: where the sentence's words lie in the
/// `WordTable`.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceRead {
    pub words: Range<usize>,
    /// Where the words' spans lie in the table's, for a sentence not in
    /// ASCII (see `WordTable::normalised`).
    pub spans: Option<Range<usize>>,
    /// Whether a word is a quotation mark of any kind (`<quote>`): a sentence
    /// without one (most) has no quoted word.
    pub quotation_marks: bool,
}

impl WordTable {
    /// An empty table for the sentences of `source` (see
    /// [`WordTable::clear_for_text`]).
    #[cfg(test)]
    pub fn for_text(source: &str, tokens: usize) -> WordTable {
        let mut table = WordTable::default();
        table.clear_for_text(source, tokens);
        table
    }

    /// Empties the table for the sentences of `source`, which has `tokens`
    /// tokens (spaces included), making room for all their words at once
    /// and keeping its vectors' memory: an analyser reads each article into
    /// the table of the one before, whose memory is still in the cache.
    pub fn clear_for_text(&mut self, source: &str, tokens: usize) {
        let ascii = source.is_ascii();
        self.forms.clear();
        self.forms.reserve(source.len() + 2 * PADDING);
        self.forms.push_str(source);
        self.forms.make_ascii_lowercase();
        self.forms.push_str(PADDED_END);
        self.words.clear();
        self.words.reserve(tokens);
        self.keys.clear();
        self.keys.reserve(tokens);
        // Room for every word's span at once in a text not in ASCII, as any
        // of its sentences may need them.
        self.spans.clear();
        if !ascii {
            self.spans.reserve(tokens);
        }
        self.ascii = ascii;
        self.cues.clear();
        self.cues.reserve(tokens / 8 + 16);
        self.frontier.clear();
        self.frontier.reserve(16);
    }

    /// The normalised forms of the words `words`, one sentence's, whose
    /// spans, if it is not in ASCII, are `spans` (as `read_sentence` said).
    pub fn normalised(
        &self,
        words: Range<usize>,
        spans: Option<Range<usize>>,
    ) -> NormalisedWords<'_> {
        NormalisedWords {
            buffer: &self.forms,
            words: &self.words[words],
            spans: spans.map(|spans| &self.spans[spans]),
        }
    }

    /// Appends the normalised form of `text`, a word not in ASCII, after
    /// the others, and returns where it lies; the padding stays at the end.
    fn push_form(&mut self, text: &str) -> Range<usize> {
        self.forms.truncate(self.forms.len() - PADDING);
        let from = self.forms.len();
        push_normalised(text, &mut self.forms);
        let to = self.forms.len();
        self.forms.push_str(PADDED_END);
        from..to
    }
}

impl CueSet {
    /// Adds a rule: its pattern is woven into the trie. Fails, adding no
    /// rule, when the pattern could match nothing at all or puts `^`
    /// anywhere but at its beginning.
    pub fn add(&mut self, rule: CueRule, pattern: &Pattern) -> Result<(), &'static str> {
        let ends = self.insert(&[ROOT], pattern)?;
        if ends.iter().any(|&n| n == ROOT || n == ANCHORED_ROOT) {
            return Err("the pattern can match nothing at all; make only part of it optional");
        }
        let id = self.rules.len();
        self.rules.push(rule);
        for node in ends {
            self.nodes[node].ends.add(id);
        }
        Ok(())
    }

    /// Adds the paths of `pattern` starting from each node of `from`, and
    /// returns the nodes where they end.
    fn insert(&mut self, from: &[usize], pattern: &Pattern) -> Result<Vec<usize>, &'static str> {
        let mut out = match pattern {
            Pattern::Literal(word) => {
                let id = self.vocabulary.intern(word);
                from.iter()
                    .map(|&n| self.child(n, Atom::Literal(id)))
                    .collect()
            }
            Pattern::Class(class) => from
                .iter()
                .map(|&n| self.child(n, Atom::Class(*class)))
                .collect(),
            Pattern::Start if from.iter().all(|&n| n == ROOT) => vec![ANCHORED_ROOT],
            Pattern::Start => return Err("'^' (the sentence start) may only begin a pattern"),
            Pattern::Optional(inner) => {
                let mut out = self.insert(from, inner)?;
                out.extend_from_slice(from);
                out
            }
            Pattern::Alternatives(options) => {
                // Each option that is one word adds an edge to each node it
                // starts from ("( stop | ban | require … )" after hundreds of
                // nodes): room for them is made at once, rather than by
                // growing each node's edges step by step.
                let words = options
                    .iter()
                    .filter(|o| matches!(o, Pattern::Literal(_)))
                    .count();
                for &node in from {
                    if node != ROOT && node != ANCHORED_ROOT {
                        self.nodes[node].literals.reserve(words);
                    }
                }
                let mut out = Vec::with_capacity(from.len() * options.len());
                for option in options {
                    out.extend(self.insert(from, option)?);
                }
                out
            }
            Pattern::Sequence(parts) => {
                let mut at = from.to_vec();
                for part in parts {
                    at = self.insert(&at, part)?;
                }
                at
            }
        };
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The node an atom leads to from `node`, made if it is new.
    fn child(&mut self, node: usize, atom: Atom) -> usize {
        let next = u32::try_from(self.nodes.len()).expect("fewer than 2^32 trie nodes");
        let edge = match atom {
            Atom::Literal(id) => {
                let edge = match node {
                    ROOT => &mut self.vocabulary.entry_mut(id).key.root,
                    ANCHORED_ROOT => &mut self.vocabulary.entry_mut(id).key.anchored_root,
                    _ => {
                        let literals = &mut self.nodes[node].literals;
                        match literals.binary_search_by_key(&id, |&(w, _)| w) {
                            Ok(i) => return literals[i].1 as usize,
                            Err(i) => {
                                literals.insert(i, (id, next));
                                self.nodes[node].literal_bits |= literal_bit(id);
                                self.nodes.push(Node::default());
                                return next as usize;
                            }
                        }
                    }
                };
                if *edge != 0 {
                    return *edge as usize;
                }
                *edge = next;
                next
            }
            Atom::Class(class) => {
                let here = &mut self.nodes[node];
                if let Some(&(_, existing)) = here.classes.iter().find(|(c, _)| *c == class) {
                    return existing as usize;
                }
                here.classes.push((class, next));
                here.class_bits |= class.bit();
                next
            }
        };
        self.nodes.push(Node::default());
        edge as usize
    }

    /// Reads one sentence's tokens into `table`: each word (a token that is
    /// not a space), its normalised form, and its key.
    pub fn read_sentence(
        &self,
        source: &str,
        tokens: &[Token],
        table: &mut WordTable,
    ) -> SentenceRead {
        // A pass over the words for each of what is read (the words, their
        // keys, and in a sentence not in ASCII their forms) rather than one
        // loop: a short loop keeps what it works with in registers and knows
        // its output's length before it starts (one loop measured 5 M more
        // instructions on 200 articles).
        let from = table.words.len();
        table
            .words
            .extend(tokens.iter().filter(|t| !t.is_space()).copied());
        let words = &table.words[from..];
        // In a sentence in ASCII (nearly every one), a word finds its form
        // in the lowered text where it stands, and no span is written for
        // it.
        let ascii = table.ascii
            || match (words.first(), words.last()) {
                (Some(first), Some(last)) => source.as_bytes()[first.start..last.end].is_ascii(),
                _ => true,
            };
        let buffer = table.forms.as_bytes();
        let mut classes = 0;
        table.keys.extend(words.iter().map(|token| {
            let form = token.start..token.end;
            let id = self.vocabulary.id_padded(buffer, form.clone());
            let key = WordKey::of(token, source, &buffer[form], id, &self.vocabulary);
            classes |= key.classes;
            key
        }));
        let spans = if ascii {
            None
        } else {
            // Otherwise so does each word in ASCII, but the spans are
            // written, and the forms of the other words after the lowered
            // text; their keys are read again from those. (A word's
            // `<quote>` class, the one `classes` is read for, comes of its
            // token kind, not of its form.)
            let spans_from = table.spans.len();
            for i in from..table.words.len() {
                let token = table.words[i];
                let form = if source.as_bytes()[token.start..token.end].is_ascii() {
                    token.start..token.end
                } else {
                    let form = table.push_form(token.text(source));
                    table.keys[i] = self.key_apart(&token, source, &table.forms, form.clone());
                    form
                };
                table.spans.push(form);
            }
            Some(spans_from..table.spans.len())
        };
        SentenceRead {
            words: from..table.words.len(),
            spans,
            quotation_marks: classes & WordClass::Quote.bit() != 0,
        }
    }

    /// The key of `token`, whose normalised form is `forms[form]`, where
    /// `forms` goes on for at least `PADDING` bytes after it: for the few
    /// words not in ASCII, out of the way of `read_sentence`'s loop over the
    /// others.
    #[cold]
    #[inline(never)]
    fn key_apart(&self, token: &Token, source: &str, forms: &str, form: Range<usize>) -> WordKey {
        let buffer = forms.as_bytes();
        let id = self.vocabulary.id_padded(buffer, form.clone());
        WordKey::of(token, source, &buffer[form], id, &self.vocabulary)
    }

    /// Finds every cue among the words `words` of `table` (one sentence's),
    /// and appends them to `table.cues`; returns where they lie there.
    pub fn find_cues(&self, table: &mut WordTable, words: Range<usize>) -> Range<usize> {
        // Held in a local while it is filled (see `read_sentence`).
        let mut cues = std::mem::take(&mut table.cues);
        let from = cues.len();
        self.find_into(
            &table.words[words.clone()],
            &table.keys[words],
            &mut cues,
            &mut table.frontier,
        );
        let to = cues.len();
        table.cues = cues;
        from..to
    }

    /// Finds every cue in `words` (the non-space tokens of one sentence, with
    /// their keys). Where one match lies inside a longer one, only the longer
    /// is kept: "would do well to" is one policy cue, not also the
    /// prediction "would".
    ///
    /// The cues are appended to `found`, after what it holds;
    /// `frontier_kept` is working space.
    fn find_into(
        &self,
        words: &[Token],
        keys: &[WordKey],
        found: &mut Vec<CueMatch>,
        frontier_kept: &mut Vec<(u32, usize)>,
    ) {
        // Held in a local while it is worked on (see `read_sentence`).
        let mut frontier = std::mem::take(frontier_kept);
        let base = found.len();
        // The sentence starts at its first word or number, after any opening
        // quotation mark, bracket or list bullet.
        let mut start = words
            .iter()
            .position(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
        // A list item starts after its marker: "2. Fix the stops." and
        // "b) Fund the routes." start at "Fix" and "Fund".
        if let Some(first) = start {
            let short_marker = words[first].kind == TokenKind::Number
                || words[first].end - words[first].start == 1;
            let closed = words
                .get(first + 1)
                .is_some_and(|t| t.is_punct('.') || t.is_punct(')'));
            let after = if words.get(first + 2).is_some_and(|t| t.is_punct(')')) {
                first + 3
            } else {
                first + 2
            };
            if short_marker && closed && words.get(after).is_some_and(|t| t.kind == TokenKind::Word)
            {
                start = Some(after);
            }
        }
        frontier.clear();
        let root = &self.nodes[ROOT];
        let anchored_root = &self.nodes[ANCHORED_ROOT];
        let mut walk = Walk {
            set: self,
            words,
            keys,
            start,
            found,
            frontier,
        };
        // The first step, from the roots, reads the edges a word's key
        // carries; many words take none. Which do is found for 64 words at
        // a time, a bit each, with no branch, and only those are visited:
        // a branch on each word would be mispredicted for one in two.
        for (block, block_keys) in keys.chunks(64).enumerate() {
            let offset = 64 * block;
            let mut candidates = 0u64;
            for (i, key) in block_keys.iter().enumerate() {
                let starts = (key.root != 0) | (key.classes & root.class_bits != 0);
                candidates |= u64::from(starts) << i;
            }
            if let Some(first) = start
                && (offset..offset + block_keys.len()).contains(&first)
            {
                candidates |= 1 << (first - offset);
            }
            while candidates != 0 {
                let at = offset + candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let key = &keys[at];
                let anchored = start == Some(at);
                let by_class = key.classes & root.class_bits != 0;
                // Cue literals are common words: a capital inside a
                // sentence makes a name of one ("since May").
                let literal_fits = !key.capitalised || opens_a_phrase(words, at, start);
                // A word's literal edge from the root is walked at once, not
                // put on the frontier to be taken off again.
                if key.root != 0 && literal_fits {
                    walk.visit(key.root, at, at + 1);
                }
                if by_class {
                    Self::follow_classes(root, key, at + 1, &mut walk.frontier);
                }
                if anchored {
                    if key.anchored_root != 0 && literal_fits {
                        walk.frontier.push((key.anchored_root, at + 1));
                    }
                    if key.classes & anchored_root.class_bits != 0 {
                        Self::follow_classes(anchored_root, key, at + 1, &mut walk.frontier);
                    }
                }
                while let Some((node, pos)) = walk.frontier.pop() {
                    walk.visit(node, at, pos);
                }
            }
        }
        let frontier = walk.frontier;
        *frontier_kept = frontier;
        let sentence = &mut found[base..];
        sentence.sort_by(|a, b| {
            a.first
                .cmp(&b.first)
                .then(b.last.cmp(&a.last))
                .then(a.rule.cmp(&b.rule))
        });
        // A rule matched twice from one word is kept once (its longest
        // match, first in the order): `Vec::dedup_by` on this sentence's
        // matches alone.
        let mut unique = 0;
        for i in 0..sentence.len() {
            let m = sentence[i];
            if unique > 0
                && sentence[unique - 1].rule == m.rule
                && sentence[unique - 1].first == m.first
            {
                continue;
            }
            sentence[unique] = m;
            unique += 1;
        }
        let kept = Self::resolve_overlaps(&mut sentence[..unique]);
        found.truncate(base + kept);
    }

    /// Adds to `frontier` the nodes the word `key` leads to from `node` by
    /// its classes, each at `next`.
    fn follow_classes(node: &Node, key: &WordKey, next: usize, frontier: &mut Vec<(u32, usize)>) {
        for &(class, to) in &node.classes {
            if key.classes & class.bit() != 0 {
                frontier.push((to, next));
            }
        }
    }

    /// Keeps the cues a reader would count, from matches sorted by start and
    /// then by length, longest first:
    /// - a match inside a longer one is dropped: "would do well to" is one
    ///   policy cue, not also the prediction "would"; the longer one carries
    ///   the stronger weight of the two when they share a class ("should
    ///   require" is no weaker a recommendation than "should");
    /// - of two overlapping matches of one class ("it seems", "seems to"),
    ///   the earlier is kept: they are one piece of evidence.
    ///
    /// The kept matches are moved to the front of `found`; returns how many.
    fn resolve_overlaps(found: &mut [CueMatch]) -> usize {
        // The kept matches are moved to the front of `found`, in place: the
        // first `kept` of it. A match is read before anything is written
        // over it, as `kept` never passes the match being read.
        let mut kept = 0;
        // The furthest end among matches that start strictly earlier.
        let mut reach_before = 0;
        let mut group_start = usize::MAX;
        let mut group_reach = 0;
        let mut reach_so_far = 0;
        for i in 0..found.len() {
            let mut m = found[i];
            if m.first != group_start {
                reach_before = reach_so_far;
                group_start = m.first;
                group_reach = m.last;
            }
            reach_so_far = reach_so_far.max(m.last);
            let inside_longer = reach_before >= m.last || group_reach > m.last;
            if inside_longer {
                continue;
            }
            // Matches inside this one start after it in the sorted order.
            for inner in found[i + 1..].iter().take_while(|o| o.first < m.last) {
                if inner.class == m.class && inner.last <= m.last {
                    m.weight = m.weight.max(inner.weight);
                }
            }
            let overlaps_same_class = found[..kept]
                .iter()
                .rev()
                .take_while(|o| o.last > m.first)
                .any(|o| o.class == m.class);
            if !overlaps_same_class {
                found[kept] = m;
                kept += 1;
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn lit(w: &str) -> Pattern {
        Pattern::Literal(w.into())
    }

    fn matches(set: &CueSet, text: &str) -> Vec<(CueClass, String)> {
        let tokens = tokenize(text, 0);
        let mut set = set.clone();
        for word in ["i", "that"] {
            set.vocabulary.add_flags(word, flags::NOT_A_NAME);
        }
        let mut table = WordTable::for_text(text, tokens.len());
        let read = set.read_sentence(text, &tokens, &mut table);
        let cues = set.find_cues(&mut table, read.words);
        table.cues[cues]
            .iter()
            .map(|m| (m.class, text[m.start..m.end].to_string()))
            .collect()
    }

    fn rule(class: CueClass) -> CueRule {
        CueRule {
            class,
            weight: 1.0,
            source: String::new(),
        }
    }

    #[test]
    fn optional_parts_and_alternatives_all_match() {
        let mut set = CueSet::default();
        let p = Pattern::Sequence(vec![
            Pattern::Optional(Box::new(lit("we"))),
            Pattern::Alternatives(vec![lit("need"), lit("have")]),
            lit("to"),
        ]);
        set.add(rule(CueClass::Policy), &p).unwrap();
        for text in ["We need to go.", "need to go", "we have to", "they have to"] {
            assert_eq!(matches(&set, text).len(), 1, "{text}");
        }
        assert!(matches(&set, "we need it").is_empty());
    }

    #[test]
    fn longest_match_wins_and_case_is_ignored() {
        let mut set = CueSet::default();
        set.add(rule(CueClass::Prediction), &lit("would")).unwrap();
        set.add(
            rule(CueClass::Policy),
            &Pattern::Sequence(vec![lit("would"), lit("do"), lit("well"), lit("to")]),
        )
        .unwrap();
        let found = matches(&set, "Mr Lammy WOULD do well to listen; it would help.");
        assert_eq!(
            found,
            [
                (CueClass::Policy, "WOULD do well to".into()),
                (CueClass::Prediction, "would".into())
            ]
        );
    }

    #[test]
    fn word_classes_match_tokens() {
        let mut set = CueSet::default();
        set.add(
            rule(CueClass::Testimony),
            &Pattern::Sequence(vec![Pattern::Class(WordClass::Name), lit("said")]),
        )
        .unwrap();
        set.add(
            rule(CueClass::Statistic),
            &Pattern::Sequence(vec![Pattern::Class(WordClass::Number), lit("%")]),
        )
        .unwrap();
        set.add(
            rule(CueClass::Reference),
            &Pattern::Sequence(vec![lit("in"), Pattern::Class(WordClass::Year)]),
        )
        .unwrap();
        let found = matches(
            &set,
            "Kim said 40 % rose in 2019, but I said in 12. That said, no.",
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].1, "Kim said");
        assert_eq!(found[1].1, "40 %");
        assert_eq!(found[2].1, "in 2019");
    }

    #[test]
    fn capitalised_words_inside_a_sentence_are_names_not_cues() {
        let mut set = CueSet::default();
        set.add(rule(CueClass::Hedge), &lit("may")).unwrap();
        assert_eq!(matches(&set, "May we go? It may rain.").len(), 2);
        assert_eq!(matches(&set, "I swam there every week since May.").len(), 0);
        assert_eq!(matches(&set, "It MAY rain. He said: “May I?”").len(), 2);
    }

    #[test]
    fn curly_apostrophes_match_straight_literals() {
        let mut set = CueSet::default();
        set.add(
            rule(CueClass::Policy),
            &Pattern::Sequence(vec![lit("it's"), lit("time")]),
        )
        .unwrap();
        assert_eq!(matches(&set, "It’s time.").len(), 1);
    }

    #[test]
    fn cues_are_found_wherever_they_fall_among_blocks_of_64_words() {
        // The words that may start a cue are found 64 at a time: cues at
        // the last word of a block, the first of the next, and across the
        // boundary, in a sentence of 200 words; and an anchored cue after
        // 70 opening marks, in the second block.
        let mut set = CueSet::default();
        set.add(rule(CueClass::Policy), &lit("should")).unwrap();
        set.add(
            rule(CueClass::Prediction),
            &Pattern::Sequence(vec![lit("will"), lit("rise")]),
        )
        .unwrap();
        set.add(
            rule(CueClass::Policy),
            &Pattern::Sequence(vec![Pattern::Start, lit("fix")]),
        )
        .unwrap();
        let at = [0, 62, 63, 64, 65, 127, 128, 199];
        let mut words: Vec<&str> = vec!["x"; 200];
        for &i in &at {
            words[i] = "should";
        }
        words[100] = "will";
        words[101] = "rise";
        words[126] = "will";
        words[127] = "rise";
        let text = words.join(" ");
        let found: Vec<String> = matches(&set, &text).into_iter().map(|(_, w)| w).collect();
        let mut expected: Vec<&str> = vec!["should"; at.len()];
        expected.insert(5, "will rise");
        expected.insert(6, "will rise");
        expected.remove(7); // word 127 is "rise" now
        assert_eq!(found, expected);
        let opened = format!("{} fix it", "( ".repeat(70));
        assert_eq!(matches(&set, &opened), [(CueClass::Policy, "fix".into())]);
        assert!(matches(&set, &format!("{} now fix it", "( ".repeat(70))).is_empty());
    }

    #[test]
    fn anchored_patterns_match_only_at_the_sentence_start() {
        let mut set = CueSet::default();
        set.add(
            rule(CueClass::Policy),
            &Pattern::Sequence(vec![Pattern::Start, lit("stop")]),
        )
        .unwrap();
        assert_eq!(matches(&set, "“Stop the cuts,” they said.").len(), 1);
        assert_eq!(matches(&set, "They will not stop.").len(), 0);
        let misplaced = Pattern::Sequence(vec![lit("a"), Pattern::Start]);
        assert!(set.add(rule(CueClass::Policy), &misplaced).is_err());
    }

    #[test]
    fn a_list_item_starts_after_its_marker() {
        let mut set = CueSet::default();
        set.add(
            rule(CueClass::Policy),
            &Pattern::Sequence(vec![Pattern::Start, lit("fix")]),
        )
        .unwrap();
        assert_eq!(matches(&set, "2. Fix the stops.").len(), 1);
        assert_eq!(matches(&set, "b) Fix the stops.").len(), 1);
        assert!(matches(&set, "2. We fix the stops.").is_empty());
    }

    #[test]
    fn addresses_and_participles_are_word_classes() {
        let mut set = CueSet::default();
        set.add(rule(CueClass::Reference), &Pattern::Class(WordClass::Url))
            .unwrap();
        set.add(
            rule(CueClass::Value),
            &Pattern::Sequence(vec![lit("have"), Pattern::Class(WordClass::Participle)]),
        )
        .unwrap();
        let found = matches(
            &set,
            "See https://example.org/a.html; they have failed, we have seen, I have need.",
        );
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["https://example.org/a.html", "have failed", "have seen"]
        );
    }

    #[test]
    fn a_word_s_form_is_its_normalised_text_with_or_without_spans() {
        let lexicon = crate::grammar::Lexicon::english();
        // Sentences in ASCII, in a text in ASCII or not, take no spans.
        for (text, cut) in [
            ("It WAS fine. They SAID so.", 13),
            ("It WAS fine. Ms Ødegaard’s ÉCOLE said so.", 13),
            ("Ms Ødegaard’s ÉCOLE said so. It WAS fine.", 33),
        ] {
            let tokens = tokenize(text, 0);
            let mut table = WordTable::for_text(text, tokens.len());
            let at = tokens.partition_point(|t| t.start < cut);
            for sentence in [&tokens[..at], &tokens[at..]] {
                let read = lexicon.cues.read_sentence(text, sentence, &mut table);
                let sentence_ascii =
                    text[sentence[0].start..sentence.last().unwrap().end].is_ascii();
                assert_eq!(read.spans.is_none(), sentence_ascii, "{text:?}");
                let norm = table.normalised(read.words.clone(), read.spans.clone());
                let words = &table.words[read.words];
                assert_eq!(norm.len(), words.len());
                for (i, word) in words.iter().enumerate() {
                    assert_eq!(norm.get(i), normalise(word.text(text)), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn keys_agree_with_the_word_classes_one_by_one() {
        let lexicon = crate::grammar::Lexicon::english();
        let text = "“That said,” Ms Ødegaard NEEDED 1,999 votes in 2019 and 2200: \
                    She’d seen 4.5bn (É.U.) at www.example.org; I had led, \
                    read, need, hundred, bred and Indeed founded ’87 \" É é ÉCOLE Élan.";
        let tokens = tokenize(text, 0);
        let mut table = WordTable::for_text(text, tokens.len());
        let read = lexicon.cues.read_sentence(text, &tokens, &mut table);
        let words = &table.words[read.words.clone()];
        let norm = table.normalised(read.words.clone(), read.spans.clone());
        let keys = &table.keys[read.words];
        assert_eq!(words.len(), tokens.iter().filter(|t| !t.is_space()).count());
        for (i, key) in keys.iter().enumerate() {
            for (_, class) in WordClass::NAMES {
                assert_eq!(
                    key.classes & class.bit() != 0,
                    class.accepts(&words[i], text, norm.get(i), &lexicon.starters),
                    "{class:?} of {:?}",
                    words[i].text(text)
                );
            }
            for start in [None, Some(0), Some(1)] {
                assert_eq!(
                    key.capitalised && !opens_a_phrase(words, i, start),
                    names_something(text, words, i, start),
                    "{:?}",
                    words[i].text(text)
                );
            }
            assert_eq!(key.lists, lexicon.lists_of(norm.get(i)));
            assert_eq!(norm.get(i), normalise(words[i].text(text)));
        }
        let quoted =
            |keys: &[WordKey]| keys.iter().any(|k| k.classes & WordClass::Quote.bit() != 0);
        assert!(read.quotation_marks && quoted(keys));
        // A sentence not in ASCII whose only quotation mark is curly: the
        // flag is found before the keys of its other words are read again.
        let text = "Ødegaard said “no” then.";
        let tokens = tokenize(text, 0);
        let mut table = WordTable::for_text(text, tokens.len());
        let read = lexicon.cues.read_sentence(text, &tokens, &mut table);
        assert!(read.spans.is_some());
        assert!(read.quotation_marks && quoted(&table.keys[read.words]));
    }

    #[test]
    fn a_node_s_ends_keep_each_rule_once_in_order() {
        let mut ends = Ends::default();
        assert_eq!(ends.rules().count(), 0);
        for (rule, expected) in [
            (3, vec![3]),
            (3, vec![3]),
            (5, vec![3, 5]),
            (3, vec![3, 5]),
            (7, vec![3, 5, 7]),
        ] {
            ends.add(rule);
            assert_eq!(ends.rules().collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn a_pattern_that_can_be_empty_is_refused() {
        let mut set = CueSet::default();
        assert!(
            set.add(
                rule(CueClass::Policy),
                &Pattern::Optional(Box::new(lit("x")))
            )
            .is_err()
        );
    }
}
