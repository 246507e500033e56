//! Cue patterns: what the grammar language's patterns mean, and how they are
//! matched against the tokens of a sentence.
//!
//! A pattern is compiled into the flat list of token sequences it stands for
//! (alternatives and optional parts expanded), and the sequences are indexed
//! by their first word. Matching a sentence then costs one hash look-up per
//! token plus a short walk for each candidate, never a scan of every pattern.

use crate::labels::CueClass;
use crate::text::tokens::{Token, TokenKind};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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
    /// `<name>`: a word that starts with a capital letter, other than "I".
    Name,
    /// `<word>`: any word.
    Word,
    /// `<quote>`: a quotation mark, straight or curly.
    Quote,
    /// `<participle>`: a past participle: a word ending in "-ed", or one of
    /// the common irregular ones ("done", "been", "made", "taken").
    Participle,
}

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
    pub const NAMES: [(&'static str, WordClass); 6] = [
        ("number", WordClass::Number),
        ("year", WordClass::Year),
        ("name", WordClass::Name),
        ("word", WordClass::Word),
        ("quote", WordClass::Quote),
        ("participle", WordClass::Participle),
    ];

    pub fn from_name(name: &str) -> Option<WordClass> {
        WordClass::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
    }

    /// Whether `token` belongs to the class. `not_names` lists capitalised
    /// words that open sentences ("That", "This") and so are no evidence of
    /// a name.
    fn accepts(self, token: &Token, source: &str, not_names: &HashSet<String>) -> bool {
        let text = token.text(source);
        match self {
            WordClass::Number => token.kind == TokenKind::Number,
            WordClass::Year => {
                token.kind == TokenKind::Number
                    && text.len() == 4
                    && text.bytes().all(|b| b.is_ascii_digit())
                    && (b"1000".as_slice()..=b"2199".as_slice()).contains(&text.as_bytes())
            }
            WordClass::Name => {
                token.kind == TokenKind::Word
                    && text.chars().next().is_some_and(char::is_uppercase)
                    && !not_names.contains(normalise(text).as_ref())
            }
            WordClass::Word => token.kind == TokenKind::Word,
            WordClass::Quote => matches!(
                token.kind,
                TokenKind::Punct('"' | '“' | '”' | '‘' | '’' | '\'')
            ),
            WordClass::Participle => {
                let word = normalise(text);
                token.kind == TokenKind::Word
                    && ((word.len() > 3 && word.ends_with("ed"))
                        || IRREGULAR_PARTICIPLES.contains(&word.as_ref()))
            }
        }
    }
}

/// One element of an expanded sequence.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Literal(String),
    Class(WordClass),
    Start,
}

/// The most sequences one pattern may expand to; a pattern beyond it is almost
/// certainly a mistake (nested optional parts multiply).
pub const MAX_EXPANSION: usize = 65_536;

/// Expands a pattern into the token sequences it matches. Returns `None` when
/// there would be more than [`MAX_EXPANSION`].
fn expand(pattern: &Pattern) -> Option<Vec<Vec<Atom>>> {
    match pattern {
        Pattern::Literal(word) => Some(vec![vec![Atom::Literal(word.clone())]]),
        Pattern::Class(class) => Some(vec![vec![Atom::Class(*class)]]),
        Pattern::Start => Some(vec![vec![Atom::Start]]),
        Pattern::Optional(inner) => {
            let mut out = vec![Vec::new()];
            out.extend(expand(inner)?);
            Some(out)
        }
        Pattern::Alternatives(options) => {
            let mut out = Vec::new();
            for option in options {
                out.extend(expand(option)?);
                if out.len() > MAX_EXPANSION {
                    return None;
                }
            }
            Some(out)
        }
        Pattern::Sequence(parts) => {
            let mut out: Vec<Vec<Atom>> = vec![Vec::new()];
            for part in parts {
                let tails = expand(part)?;
                if out.len() * tails.len() > MAX_EXPANSION {
                    return None;
                }
                out = out
                    .iter()
                    .flat_map(|head| {
                        tails.iter().map(move |tail| {
                            let mut joined = head.clone();
                            joined.extend(tail.iter().cloned());
                            joined
                        })
                    })
                    .collect();
            }
            Some(out)
        }
    }
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

/// The compiled set of cue rules.
#[derive(Debug, Clone, Default)]
pub struct CueSet {
    pub rules: Vec<CueRule>,
    /// Each sequence: its rule, whether it is anchored at the sentence start,
    /// and its atoms (without the anchor).
    sequences: Vec<(usize, bool, Vec<Atom>)>,
    /// Unanchored sequences by their first literal, and those that start
    /// with a word class (tried everywhere).
    by_first_word: HashMap<String, Vec<usize>>,
    by_first_class: Vec<usize>,
    /// The same for sequences anchored at the sentence start: they are only
    /// looked up at that one position.
    anchored_by_first_word: HashMap<String, Vec<usize>>,
    anchored_by_first_class: Vec<usize>,
}

/// The form of a token that literals are compared with: lower case, curly
/// apostrophes made straight.
pub fn normalise(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '’' { '\'' } else { c })
                .collect(),
        )
    }
}

impl CueSet {
    /// Adds a rule. Returns `false`, adding nothing, when the pattern expands
    /// to more than [`MAX_EXPANSION`] sequences or to an empty sequence.
    pub fn add(&mut self, rule: CueRule, pattern: &Pattern) -> Result<(), &'static str> {
        let sequences = expand(pattern).ok_or("the pattern expands to too many alternatives")?;
        let mut compiled = Vec::with_capacity(sequences.len());
        for mut atoms in sequences {
            let anchored = atoms.first() == Some(&Atom::Start);
            if anchored {
                atoms.remove(0);
            }
            if atoms.contains(&Atom::Start) {
                return Err("'^' (the sentence start) may only begin a pattern");
            }
            if atoms.is_empty() {
                return Err("the pattern can match nothing at all; make only part of it optional");
            }
            compiled.push((anchored, atoms));
        }
        let id = self.rules.len();
        self.rules.push(rule);
        for (anchored, atoms) in compiled {
            let seq = self.sequences.len();
            let (by_word, by_class) = if anchored {
                (
                    &mut self.anchored_by_first_word,
                    &mut self.anchored_by_first_class,
                )
            } else {
                (&mut self.by_first_word, &mut self.by_first_class)
            };
            match &atoms[0] {
                Atom::Literal(word) => by_word.entry(word.clone()).or_default().push(seq),
                Atom::Class(_) | Atom::Start => by_class.push(seq),
            }
            self.sequences.push((id, anchored, atoms));
        }
        Ok(())
    }

    /// Finds every cue in `words` (the non-space tokens of one sentence, with
    /// their normalised text). Where one match lies inside a longer one, only
    /// the longer is kept: "would do well to" is one policy cue, not also the
    /// prediction "would".
    pub fn find(
        &self,
        source: &str,
        words: &[Token],
        normalised: &[Cow<'_, str>],
        not_names: &HashSet<String>,
    ) -> Vec<CueMatch> {
        let mut found = Vec::new();
        // The sentence starts at its first word or number, after any opening
        // quotation mark, bracket or list bullet.
        let start = words
            .iter()
            .position(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
        for at in 0..words.len() {
            let word = normalised[at].as_ref();
            let by_word = self
                .by_first_word
                .get(word)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let candidates = by_word.iter().chain(&self.by_first_class);
            let anchored: &[usize] = if start == Some(at) {
                self.anchored_by_first_word
                    .get(word)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
            } else {
                &[]
            };
            let anchored_classes: &[usize] = if start == Some(at) {
                &self.anchored_by_first_class
            } else {
                &[]
            };
            for &seq in candidates.chain(anchored).chain(anchored_classes) {
                let (rule, _, atoms) = &self.sequences[seq];
                if at + atoms.len() > words.len() {
                    continue;
                }
                let matched = atoms.iter().enumerate().all(|(i, atom)| match atom {
                    Atom::Literal(word) => normalised[at + i] == *word.as_str(),
                    Atom::Class(class) => class.accepts(&words[at + i], source, not_names),
                    Atom::Start => false,
                });
                if matched {
                    let last = at + atoms.len();
                    let r = &self.rules[*rule];
                    found.push(CueMatch {
                        rule: *rule,
                        class: r.class,
                        weight: r.weight,
                        first: at,
                        last,
                        start: words[at].start,
                        end: words[last - 1].end,
                    });
                }
            }
        }
        found.sort_by(|a, b| {
            a.first
                .cmp(&b.first)
                .then(b.last.cmp(&a.last))
                .then(a.rule.cmp(&b.rule))
        });
        found.dedup_by(|later, earlier| later.rule == earlier.rule && later.first == earlier.first);
        let contains = |o: &CueMatch, m: &CueMatch| {
            o.first <= m.first && m.last <= o.last && (o.last - o.first) > (m.last - m.first)
        };
        let keep: Vec<bool> = found
            .iter()
            .map(|m| !found.iter().any(|o| contains(o, m)))
            .collect();
        // A longer cue that swallows a shorter one of its own class carries
        // the stronger weight of the two: "should require" is no weaker a
        // recommendation than "should".
        let weights: Vec<f64> = found
            .iter()
            .map(|o| {
                found
                    .iter()
                    .filter(|m| m.class == o.class && contains(o, m))
                    .fold(o.weight, |w, m| w.max(m.weight))
            })
            .collect();
        let mut kept: Vec<CueMatch> = Vec::with_capacity(found.len());
        for ((mut m, k), weight) in found.into_iter().zip(keep).zip(weights) {
            m.weight = weight;
            // Two overlapping cues of one class ("it seems" and "seems to")
            // are one piece of evidence, not two: keep the earlier.
            let overlaps_same_class = kept.iter().any(|o| o.class == m.class && m.first < o.last);
            if k && !overlaps_same_class {
                kept.push(m);
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
        let words: Vec<Token> = tokenize(text, 0)
            .into_iter()
            .filter(|t| !t.is_space())
            .collect();
        let norm: Vec<_> = words.iter().map(|t| normalise(t.text(text))).collect();
        let not_names: HashSet<String> = ["i", "that"].into_iter().map(String::from).collect();
        set.find(text, &words, &norm, &not_names)
            .into_iter()
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
    fn optional_parts_and_alternatives_expand() {
        let p = Pattern::Sequence(vec![
            Pattern::Optional(Box::new(lit("we"))),
            Pattern::Alternatives(vec![lit("need"), lit("have")]),
            lit("to"),
        ]);
        assert_eq!(expand(&p).unwrap().len(), 4);
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
