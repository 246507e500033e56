//! The named features the linear scorer reads.
//!
//! Every label is "these features × these weights", so the features have
//! stable names: the grammar's `weights` statements refer to them, and
//! explanations print them. A feature's value is a count or strength, usually
//! 0 or 1; cue features are the summed weights of the cues of that class.

/// Feature names, in the order of a feature vector.
pub const FEATURES: &[&str] = &[
    "bias",
    // One per cue class: the summed weight of that class's cues in the unit.
    "cue.policy",
    "cue.value",
    "cue.fact",
    "cue.prediction",
    "cue.statistic",
    "cue.testimony",
    "cue.anecdote",
    "cue.reference",
    "cue.hedge",
    "cue.concession",
    "cue.premise-follows",
    "cue.conclusion-follows",
    "cue.example",
    "cue.contrast",
    // The author's voice is not the quoted voice: a modal or a judgement
    // inside quotation marks or attributed speech counts here instead.
    "reported.policy",
    "reported.value",
    "reported.prediction",
    "reported.hedge",
    // A hedge that grants a point before "but" is a concession, not doubt.
    "concessive.hedge",
    // The unit is introduced by a connective of this class.
    "opens.premise-follows",
    "opens.conclusion-follows",
    "opens.example",
    "opens.contrast",
    // Structure.
    "question",
    "exclamation",
    "quotation",
    "number",
    "percent",
    "money",
    "year",
    "first-person-singular",
    "first-person-plural",
    "second-person",
    "negation",
    "conditional",
    "short",
    "long",
    "first-sentence",
    "paragraph-start",
    "last-paragraph",
    "list-item",
];

/// How many features a vector has.
pub const FEATURE_COUNT: usize = FEATURES.len();

/// A dense feature vector: few enough features that a plain array is the
/// fastest and simplest form.
pub type FeatureVector = [f64; FEATURE_COUNT];

/// The index of a feature by name.
pub fn feature_index(name: &str) -> Option<usize> {
    FEATURES.iter().position(|f| *f == name)
}

/// The index of a feature that the code itself names; a typo here is a bug,
/// caught by the unit test below.
pub fn feature(name: &str) -> usize {
    feature_index(name).unwrap_or_else(|| panic!("unknown feature {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::CueClass;

    #[test]
    fn every_cue_class_has_a_feature_and_names_are_unique() {
        for class in CueClass::ALL {
            assert!(feature_index(&format!("cue.{class}")).is_some(), "{class}");
        }
        let mut names = FEATURES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FEATURE_COUNT);
    }
}
