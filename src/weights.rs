//! Weight sets: the weights of the linear scorer. The grammar carries
//! hand-set weights (`grammar/english/weights.cues`); `warrant train` learns
//! others from annotated data and writes them as a weight set, a file of
//! `weights` statements (`grammar/weights/*.weights`). The shipped sets are
//! embedded in the binary, so that choosing one needs no file.

use crate::error::Error;
use crate::grammar::Lexicon;
use std::path::Path;

/// The extension of weight-set files.
pub const EXTENSION: &str = "weights";

/// The weight sets built into the binary, by name: `opinion` learned from
/// opinion pieces (the corpus and the microtexts), `comments` from public
/// comments (CDCP train). Each file's header says how it was made.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "opinion",
        include_str!("../grammar/weights/opinion.weights"),
    ),
    (
        "comments",
        include_str!("../grammar/weights/comments.weights"),
    ),
];

/// The set used when none is named.
pub const DEFAULT: &str = "opinion";

/// The name that keeps the grammar's own hand-set weights.
pub const HAND: &str = "hand";

/// The names `--weights` accepts besides a path.
pub fn names() -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .map(|(name, _)| *name)
        .chain(std::iter::once(HAND))
        .collect()
}

/// The built-in English grammar with the default weight set: what `warrant`
/// uses when no option says otherwise.
pub fn default_lexicon() -> Lexicon {
    let mut lexicon = Lexicon::english();
    // Infallible: DEFAULT is a built-in set, and `apply` panics on a broken one.
    let _ = apply(&mut lexicon, DEFAULT);
    lexicon
}

/// Puts the weight set `choice` into `lexicon`: a built-in set's name,
/// `hand` (keep the grammar's hand-set weights), or the path of a file that
/// `warrant train` wrote.
pub fn apply(lexicon: &mut Lexicon, choice: &str) -> Result<(), Error> {
    if choice == HAND {
        return Ok(());
    }
    if let Some((name, text)) = BUILT_IN.iter().find(|(name, _)| *name == choice) {
        // The shipped sets are checked by the tests; failing here is a bug
        // in this build, not something a user can fix.
        if let Err(e) = lexicon.use_weight_set(&format!("{name}.{EXTENSION}"), text) {
            panic!("the built-in weight set `{name}` is broken: {e}");
        }
        return Ok(());
    }
    let path = Path::new(choice);
    if !path.exists() {
        return Err(Error::UnknownWeights {
            choice: choice.to_string(),
            names: names().join(", "),
        });
    }
    let text = crate::input::read_text(path)?;
    lexicon.use_weight_set(&path.display().to_string(), &text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Kind;

    #[test]
    fn every_built_in_set_loads_and_scores_some_kinds() {
        for (name, _) in BUILT_IN {
            let mut lexicon = Lexicon::english();
            apply(&mut lexicon, name).unwrap();
            assert!(lexicon.scored[Kind::Policy.index()], "{name}");
            assert!(!lexicon.scored[Kind::Heading.index()], "{name}");
        }
    }

    #[test]
    fn hand_keeps_the_grammar_weights() {
        let mut lexicon = Lexicon::english();
        let before = lexicon.weights.clone();
        apply(&mut lexicon, HAND).unwrap();
        assert_eq!(lexicon.weights, before);
        assert!(lexicon.scored.iter().all(|&s| s));
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones() {
        let mut lexicon = Lexicon::english();
        let error = apply(&mut lexicon, "opinon").unwrap_err().to_string();
        assert!(error.contains("opinon"), "{error}");
        assert!(error.contains("opinion, comments, hand"), "{error}");
    }

    #[test]
    fn a_set_names_only_weights_and_only_real_features() {
        let mut lexicon = Lexicon::english();
        let error = lexicon
            .use_weight_set("x.weights", "weights policy = bias 1\nstarter = the\n")
            .unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error.message.contains("only `weights`"),
            "{}",
            error.message
        );
        let error = lexicon
            .use_weight_set("x.weights", "weights policy = bias 1, cue.polcy 2\n")
            .unwrap_err();
        assert!(error.message.contains("cue.polcy"), "{}", error.message);
        // A failed load leaves the weights as they were.
        assert_eq!(lexicon.weights, Lexicon::english().weights);
    }

    #[test]
    fn kinds_a_set_leaves_out_are_never_chosen() {
        let mut lexicon = Lexicon::english();
        lexicon
            .use_weight_set(
                "x.weights",
                "weights value = bias 1\nweights policy = cue.policy 5\n",
            )
            .unwrap();
        let text = "Sales rose by 40% in 2023.\n\nThe council should act now.\n";
        let document = crate::text::segment(text, &lexicon);
        let units = crate::discourse::analyse(text, &document, &lexicon);
        let kinds: Vec<Kind> = units.iter().map(|u| u.kind).collect();
        assert_eq!(kinds, [Kind::Value, Kind::Policy]);
        assert_eq!(units[1].because[0].feature, "cue.policy");
    }

    #[test]
    fn lexical_features_weigh_the_word_forms_a_unit_has() {
        let mut lexicon = Lexicon::english();
        lexicon
            .use_weight_set(
                "x.weights",
                "weights fact = bias 1\n\
                 weights value = word.unfair 2, word.Don\u{2019}t_pay 1.5, word.new 0\n",
            )
            .unwrap();
        let text = "The levy is unfair.\n\nThe levy is new.\n\nWe don\u{2019}t pay it.\n";
        let document = crate::text::segment(text, &lexicon);
        let units = crate::discourse::analyse(text, &document, &lexicon);
        let kinds: Vec<Kind> = units.iter().map(|u| u.kind).collect();
        // The set's `Don’t` is read as the text's `don’t` is.
        assert_eq!(kinds, [Kind::Value, Kind::Fact, Kind::Value]);
        assert_eq!(units[0].because[0].feature, "word.unfair");
        assert_eq!(units[0].because[0].contribution, 2.0);
        assert_eq!(units[2].because[0].feature, "word.don't_pay");
        // A weight of 0 adds no form to read.
        assert_eq!(lexicon.words.len(), 2);
        let error = lexicon
            .use_weight_set("x.weights", "weights value = word.unfair 1, word.a_b_c 1\n")
            .unwrap_err();
        assert!(error.message.contains("word form"), "{}", error.message);
        assert_eq!(error.column, 32);
        // A failed load leaves the words as they were.
        assert_eq!(lexicon.words.len(), 2);
    }
}
