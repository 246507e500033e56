//! The labels every stage shares: roles, kinds and cue classes.

use serde::Serialize;
use std::fmt;

/// What a unit does in the argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Claim,
    Evidence,
    Speculation,
    Other,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Claim, Role::Evidence, Role::Speculation, Role::Other];

    pub fn name(self) -> &'static str {
        match self {
            Role::Claim => "claim",
            Role::Evidence => "evidence",
            Role::Speculation => "speculation",
            Role::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The finer label of a unit; each kind belongs to exactly one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Policy,
    Value,
    Fact,
    Prediction,
    Statistic,
    Testimony,
    Anecdote,
    Reference,
    Hedge,
    Question,
    Heading,
    Filler,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Policy,
        Kind::Value,
        Kind::Fact,
        Kind::Prediction,
        Kind::Statistic,
        Kind::Testimony,
        Kind::Anecdote,
        Kind::Reference,
        Kind::Hedge,
        Kind::Question,
        Kind::Heading,
        Kind::Filler,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Policy => "policy",
            Kind::Value => "value",
            Kind::Fact => "fact",
            Kind::Prediction => "prediction",
            Kind::Statistic => "statistic",
            Kind::Testimony => "testimony",
            Kind::Anecdote => "anecdote",
            Kind::Reference => "reference",
            Kind::Hedge => "hedge",
            Kind::Question => "question",
            Kind::Heading => "heading",
            Kind::Filler => "filler",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn role(self) -> Role {
        match self {
            Kind::Policy | Kind::Value | Kind::Fact | Kind::Prediction => Role::Claim,
            Kind::Statistic | Kind::Testimony | Kind::Anecdote | Kind::Reference => Role::Evidence,
            Kind::Hedge => Role::Speculation,
            Kind::Question | Kind::Heading | Kind::Filler => Role::Other,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The class a cue pattern belongs to. The first nine name the kind a cue is
/// evidence for; `concession` marks a hedge that grants a point before a
/// "but"; the last four are the connectives that split sentences into units
/// and that the support graph reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum CueClass {
    #[serde(rename = "policy")]
    Policy,
    #[serde(rename = "value")]
    Value,
    #[serde(rename = "fact")]
    Fact,
    #[serde(rename = "prediction")]
    Prediction,
    #[serde(rename = "statistic")]
    Statistic,
    #[serde(rename = "testimony")]
    Testimony,
    #[serde(rename = "anecdote")]
    Anecdote,
    #[serde(rename = "reference")]
    Reference,
    #[serde(rename = "hedge")]
    Hedge,
    #[serde(rename = "concession")]
    Concession,
    #[serde(rename = "premise-follows")]
    PremiseFollows,
    #[serde(rename = "conclusion-follows")]
    ConclusionFollows,
    #[serde(rename = "example")]
    Example,
    #[serde(rename = "contrast")]
    Contrast,
}

impl CueClass {
    pub const ALL: [CueClass; 14] = [
        CueClass::Policy,
        CueClass::Value,
        CueClass::Fact,
        CueClass::Prediction,
        CueClass::Statistic,
        CueClass::Testimony,
        CueClass::Anecdote,
        CueClass::Reference,
        CueClass::Hedge,
        CueClass::Concession,
        CueClass::PremiseFollows,
        CueClass::ConclusionFollows,
        CueClass::Example,
        CueClass::Contrast,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CueClass::Policy => "policy",
            CueClass::Value => "value",
            CueClass::Fact => "fact",
            CueClass::Prediction => "prediction",
            CueClass::Statistic => "statistic",
            CueClass::Testimony => "testimony",
            CueClass::Anecdote => "anecdote",
            CueClass::Reference => "reference",
            CueClass::Hedge => "hedge",
            CueClass::Concession => "concession",
            CueClass::PremiseFollows => "premise-follows",
            CueClass::ConclusionFollows => "conclusion-follows",
            CueClass::Example => "example",
            CueClass::Contrast => "contrast",
        }
    }

    pub fn from_name(name: &str) -> Option<CueClass> {
        CueClass::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Connectives split sentences into units and link units in the graph.
    pub fn is_connective(self) -> bool {
        matches!(
            self,
            CueClass::PremiseFollows
                | CueClass::ConclusionFollows
                | CueClass::Example
                | CueClass::Contrast
        )
    }
}

impl fmt::Display for CueClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of cue classes, a bit each: what fired in a unit, kept without an
/// allocation per unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueClasses(u16);

impl CueClasses {
    pub fn contains(self, class: CueClass) -> bool {
        self.0 & (1 << class as u16) != 0
    }
}

impl FromIterator<CueClass> for CueClasses {
    fn from_iter<I: IntoIterator<Item = CueClass>>(classes: I) -> CueClasses {
        CueClasses(classes.into_iter().fold(0, |set, c| set | 1 << c as u16))
    }
}
