//! The cue grammar: the language-specific knowledge of `warrant`, kept as
//! data in `grammar/` and read by a nom parser (see `grammar/README.md`).
//!
//! A [`Lexicon`] holds what the grammar files declare: the abbreviations and
//! titles the sentence splitter must not break at, the words that usually
//! start a sentence, the cue patterns with their classes and weights, and the
//! hand-set weights of the linear scorer.

pub mod closed_class;
pub mod key;
pub mod pattern;
pub mod syntax;
pub mod vocabulary;

use crate::error::{Error, GrammarError};
use crate::features::{
    FEATURE_COUNT, FEATURES, FeatureVector, WORD_PREFIX, feature_index, word_form,
};
use crate::labels::{CueClass, Kind};
use pattern::{CueRule, CueSet};
/// A set of lower-case words, with a hash fast on short keys.
pub type WordSet = rustc_hash::FxHashSet<String>;
use std::path::Path;
use syntax::{Statement, WordListName};
use vocabulary::flags::NOT_A_NAME;

/// The default English grammar, embedded so that the binary needs no files.
/// In file-name order, the order in which `--grammar grammar/english` reads
/// the same files, so that both give the same rules in the same order.
pub const DEFAULT_GRAMMAR: &[(&str, &str)] = &[
    (
        "claims.cues",
        include_str!("../../grammar/english/claims.cues"),
    ),
    (
        "connectives.cues",
        include_str!("../../grammar/english/connectives.cues"),
    ),
    (
        "evidence.cues",
        include_str!("../../grammar/english/evidence.cues"),
    ),
    (
        "segmentation.cues",
        include_str!("../../grammar/english/segmentation.cues"),
    ),
    (
        "speculation.cues",
        include_str!("../../grammar/english/speculation.cues"),
    ),
    (
        "subjects.cues",
        include_str!("../../grammar/english/subjects.cues"),
    ),
    (
        "weights.cues",
        include_str!("../../grammar/english/weights.cues"),
    ),
];

/// The extension of grammar files when `--grammar` names a directory.
pub const GRAMMAR_EXTENSION: &str = "cues";

/// Bit flags for the clause-structure word lists, so that the unit splitter
/// looks a word up once rather than once per list.
pub mod lists {
    pub const SUBJECT: u16 = 1;
    pub const DETERMINER: u16 = 2;
    pub const COORDINATOR: u16 = 4;
    pub const SUBORDINATOR: u16 = 8;
    pub const CONDITIONAL: u16 = 16;
    /// Words that point back to what came before ("this", "that").
    pub const ANAPHOR: u16 = 32;
    /// Words that add one more reason ("besides", "moreover").
    pub const ADDITIVE: u16 = 128;
    /// Words that open a purpose ("so that victims can call back").
    pub const PURPOSE: u16 = 256;
    /// Words that draw a conclusion from inside a clause ("should
    /// therefore").
    pub const INFERENTIAL: u16 = 512;
    /// Words that carry no subject of their own (articles, pronouns,
    /// auxiliaries): what is left of a unit are its content words.
    pub const FUNCTION: u16 = 64;
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Words that precede a name ("Mr", "Dr"): a full stop after them never
    /// ends a sentence. Lower case, without the dot.
    pub titles: WordSet,
    /// Other abbreviations ("etc", "inc", "e.g"): a full stop after them ends
    /// a sentence only when a usual sentence starter follows.
    pub abbreviations: WordSet,
    /// Words that usually begin a sentence ("the", "it", "however").
    pub starters: WordSet,
    /// The length in bytes of the longest title or abbreviation: the
    /// sentence splitter takes a longer word of ASCII letters for neither
    /// without a look-up. Kept up by [`Lexicon::apply`], which fills both.
    pub longest_title_or_abbreviation: usize,
    /// The cue patterns, and the vocabulary of the grammar's words: for each
    /// word of the clause-structure lists (`subject`, `determiner`,
    /// `coordinator`, `subordinator`, `conditional`; see grammar/README.md),
    /// the lists it is on as `lists::*` bits, so that the unit splitter
    /// looks a word up once rather than once per list.
    pub cues: CueSet,
    /// Per kind (indexed by `Kind::index`), the weight of each feature.
    pub weights: Vec<FeatureVector>,
    /// Per kind, whether the scorer may choose it: every kind with the
    /// grammar's own weights; only the kinds a weight set names otherwise.
    pub scored: [bool; Kind::ALL.len()],
    /// The lexical features (`word.FORM`) that have weights: per form (see
    /// `features::word_forms`), its weight for each kind. Empty unless a
    /// weight set learned words.
    pub words: rustc_hash::FxHashMap<String, [f64; Kind::ALL.len()]>,
}

impl Lexicon {
    /// The clause-structure lists (`lists::*` bits) a normalised word is on.
    pub fn lists_of(&self, word: &str) -> u16 {
        self.cues.vocabulary.lists_of(word)
    }

    fn empty() -> Lexicon {
        Lexicon {
            titles: WordSet::default(),
            abbreviations: WordSet::default(),
            starters: WordSet::default(),
            longest_title_or_abbreviation: 0,
            cues: CueSet::default(),
            weights: vec![[0.0; FEATURE_COUNT]; Kind::ALL.len()],
            scored: [true; Kind::ALL.len()],
            words: Default::default(),
        }
    }

    /// The built-in English grammar.
    pub fn english() -> Lexicon {
        let mut lexicon = Lexicon::empty();
        for (name, text) in DEFAULT_GRAMMAR {
            // The embedded grammar is checked by the tests; a mistake in it is a
            // bug in this build, not something a user can fix.
            if let Err(e) = lexicon.apply(name, text) {
                panic!("the built-in grammar is broken: {e}");
            }
        }
        lexicon
    }

    /// Loads a grammar file, or every `*.cues` file of a directory in name
    /// order. The result replaces the built-in grammar unless a file says
    /// `use default`.
    pub fn load(path: &Path) -> Result<Lexicon, Error> {
        let metadata = std::fs::metadata(path).map_err(|e| crate::input::read_error(path, e))?;
        let files = if metadata.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| crate::input::read_error(path, e))?;
            let mut files: Vec<_> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == GRAMMAR_EXTENSION))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(GrammarError {
                    file: path.display().to_string(),
                    line: 0,
                    column: 0,
                    message: format!("the directory holds no *.{GRAMMAR_EXTENSION} grammar files"),
                    line_text: String::new(),
                }
                .into());
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        let mut lexicon = Lexicon::empty();
        for file in files {
            let text = crate::input::read_text(&file)?;
            lexicon.apply(&file.display().to_string(), &text)?;
        }
        Ok(lexicon)
    }

    /// Parses `text` (the contents of `file`) and adds what it declares.
    pub fn apply(&mut self, file: &str, text: &str) -> Result<(), GrammarError> {
        // A byte-order mark is no part of the grammar.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let statements = syntax::parse_file(text)
            .map_err(|e| GrammarError::at(file, text, e.offset, e.message))?;
        for (at, statement) in statements {
            let error =
                |offset: usize, message: String| GrammarError::at(file, text, offset, message);
            match statement {
                Statement::UseDefault => {
                    for (name, default_text) in DEFAULT_GRAMMAR {
                        self.apply(name, default_text)?;
                    }
                }
                Statement::WordList { list, words } => {
                    if matches!(list, WordListName::Title | WordListName::Abbreviation) {
                        let longest = words.iter().map(String::len).max().unwrap_or(0);
                        self.longest_title_or_abbreviation =
                            self.longest_title_or_abbreviation.max(longest);
                    }
                    let bit = match list {
                        WordListName::Title => {
                            self.titles.extend(words);
                            continue;
                        }
                        WordListName::Abbreviation => {
                            self.abbreviations.extend(words);
                            continue;
                        }
                        WordListName::Starter => {
                            // Capitalised, a starter is no evidence of a name.
                            for word in &words {
                                self.cues.vocabulary.add_flags(word, NOT_A_NAME);
                            }
                            self.starters.extend(words);
                            continue;
                        }
                        WordListName::Subject => lists::SUBJECT,
                        WordListName::Determiner => lists::DETERMINER,
                        WordListName::Coordinator => lists::COORDINATOR,
                        WordListName::Subordinator => lists::SUBORDINATOR,
                        WordListName::Conditional => lists::CONDITIONAL,
                        WordListName::Anaphor => lists::ANAPHOR,
                        WordListName::Additive => lists::ADDITIVE,
                        WordListName::Purpose => lists::PURPOSE,
                        WordListName::Inferential => lists::INFERENTIAL,
                        WordListName::Function => lists::FUNCTION,
                    };
                    for word in &words {
                        self.cues.vocabulary.add_lists(word, bit);
                    }
                }
                Statement::Cue {
                    class,
                    class_at,
                    weight,
                    pattern,
                    source,
                } => {
                    let Some(class) = CueClass::from_name(&class) else {
                        let known: Vec<_> = CueClass::ALL.iter().map(|c| c.name()).collect();
                        return Err(error(
                            class_at,
                            format!(
                                "unknown cue class `{class}`; the classes are {}",
                                known.join(", ")
                            ),
                        ));
                    };
                    self.cues
                        .add(
                            CueRule {
                                class,
                                weight,
                                source,
                            },
                            &pattern,
                        )
                        .map_err(|m| error(at, m.to_string()))?;
                }
                Statement::Weights {
                    kind,
                    kind_at,
                    terms,
                } => {
                    self.set_weights(&kind, kind_at, terms, error)?;
                }
            }
        }
        Ok(())
    }

    /// Sets the weights a `weights` statement names, and returns its kind.
    fn set_weights(
        &mut self,
        kind: &str,
        kind_at: usize,
        terms: Vec<(String, usize, f64)>,
        error: impl Fn(usize, String) -> GrammarError,
    ) -> Result<Kind, GrammarError> {
        let Some(kind) = Kind::from_name(kind) else {
            let known: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
            return Err(error(
                kind_at,
                format!("unknown kind `{kind}`; the kinds are {}", known.join(", ")),
            ));
        };
        for (feature, feature_at, value) in terms {
            if let Some(form) = feature.strip_prefix(WORD_PREFIX) {
                // Written as a unit's words are read: `word.Don’t` is
                // `word.don't`. A pair's halves are forms each.
                let form: Option<Vec<String>> = form.split('_').map(word_form).collect();
                let Some(form) = form.filter(|f| f.iter().all(|w| !w.is_empty()) && f.len() <= 2)
                else {
                    return Err(error(
                        feature_at,
                        format!(
                            "expected a word form or two joined by `_` after `{WORD_PREFIX}`, \
                             such as {WORD_PREFIX}unfair or {WORD_PREFIX}should_not"
                        ),
                    ));
                };
                // A weight of 0 for a form not yet weighed changes nothing,
                // and would make every unit's words be read.
                let form = form.join("_");
                if value != 0.0 || self.words.contains_key(&form) {
                    self.words.entry(form).or_default()[kind.index()] = value;
                }
                continue;
            }
            let Some(index) = feature_index(&feature) else {
                return Err(error(
                    feature_at,
                    format!(
                        "unknown feature `{feature}`; see grammar/README.md for the {} features",
                        FEATURES.len()
                    ),
                ));
            };
            self.weights[kind.index()][index] = value;
        }
        Ok(kind)
    }

    /// Replaces the scorer's weights with a weight set (`text`, the contents
    /// of `file`): a file of `weights` statements only, such as
    /// `warrant train` writes. Only the kinds the set names are scored
    /// afterwards: a set trained on data with five types never picks a sixth.
    pub fn use_weight_set(&mut self, file: &str, text: &str) -> Result<(), GrammarError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let statements = syntax::parse_file(text)
            .map_err(|e| GrammarError::at(file, text, e.offset, e.message))?;
        let error = |offset: usize, message: String| GrammarError::at(file, text, offset, message);
        let mut weights = vec![[0.0; FEATURE_COUNT]; Kind::ALL.len()];
        std::mem::swap(&mut weights, &mut self.weights);
        let words = std::mem::take(&mut self.words);
        let mut scored = [false; Kind::ALL.len()];
        let result = statements.into_iter().try_for_each(|(at, statement)| {
            let Statement::Weights {
                kind,
                kind_at,
                terms,
            } = statement
            else {
                return Err(error(
                    at,
                    "a weight set holds only `weights` statements".to_string(),
                ));
            };
            let kind = self.set_weights(&kind, kind_at, terms, error)?;
            scored[kind.index()] = true;
            Ok(())
        });
        match result {
            Ok(())
                if Kind::ALL
                    .iter()
                    .any(|&k| k != Kind::Heading && scored[k.index()]) =>
            {
                self.scored = scored;
                Ok(())
            }
            Ok(()) => {
                self.weights = weights;
                self.words = words;
                Err(error(
                    0,
                    "the weight set has no `weights` statement for a kind other than heading"
                        .to_string(),
                ))
            }
            Err(e) => {
                self.weights = weights;
                self.words = words;
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_grammar_lists_every_file_of_its_directory_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/english");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".cues"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = DEFAULT_GRAMMAR.iter().map(|(n, _)| *n).collect();
        assert_eq!(embedded, on_disk);
    }

    #[test]
    fn the_built_in_grammar_loads() {
        let lexicon = Lexicon::english();
        assert!(lexicon.titles.contains("mr"));
        assert!(lexicon.abbreviations.contains("e.g"));
        assert!(lexicon.starters.contains("the"));
        assert!(
            lexicon
                .cues
                .rules
                .iter()
                .any(|r| r.class == CueClass::Policy)
        );
        assert!(
            lexicon.weights[Kind::Policy.index()]
                .iter()
                .any(|&w| w != 0.0)
        );
    }

    #[test]
    fn unknown_names_are_reported_where_they_stand() {
        let mut lexicon = Lexicon::empty();
        let e = lexicon
            .apply("x.cues", "cue polcy 1 = should\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (1, 5));
        assert!(e.message.starts_with("unknown cue class `polcy`"));
        let e = lexicon
            .apply("x.cues", "weights policy = bias 1,\n  cue.polcy 2\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        let e = lexicon
            .apply("x.cues", "weights polcy = bias 1\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (1, 9));
    }

    #[test]
    fn an_indented_first_line_is_an_error_and_a_bom_is_not() {
        let mut lexicon = Lexicon::empty();
        let e = lexicon
            .apply("x.cues", "  cue policy 1 = should\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (1, 3));
        assert!(
            e.message
                .starts_with("a statement starts at the beginning of a line")
        );
        assert!(
            lexicon
                .apply("x.cues", "\u{feff}cue policy 1 = should\n")
                .is_ok()
        );
    }

    #[test]
    fn use_default_extends_the_built_in_grammar() {
        let mut lexicon = Lexicon::empty();
        lexicon
            .apply("x.cues", "use default\ncue policy 1 = we beseech\n")
            .unwrap();
        let english = Lexicon::english();
        assert_eq!(lexicon.cues.rules.len(), english.cues.rules.len() + 1);
    }
}
