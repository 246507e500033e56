//! Lint rules over the support graph: each finds one kind of weak spot and
//! reports it as a [`Finding`], like a linter reports a suspicious line.
//!
//! A rule lives in its own file with its id, severity, message, a long
//! explanation with an example (`warrant explain RULE`), and its tests.

mod circular_support;
mod speculative_support;
mod unsourced_statistic;
mod unsupported_claim;
mod unsupported_recommendation;

use crate::discourse::Unit;
use crate::graph::{Argument, RelationKind};
use crate::text::Document;
use serde::Serialize;
use std::fmt;

/// How much a finding matters. `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the argument may still stand.
    Warning,
    /// The argument as written does not hold.
    Error,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::Warning, Severity::Error];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A weak spot a rule found, located at the unit it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub unit: usize,
    pub start: usize,
    pub end: usize,
    /// 1-based; the column counts characters, not bytes.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What a rule sees: the text, its units and their argument.
pub struct Context<'a> {
    pub source: &'a str,
    pub document: &'a Document,
    pub units: &'a [Unit],
    pub argument: &'a Argument,
}

impl Context<'_> {
    /// The units that support `unit`, each once, in text order.
    pub fn supporters(&self, unit: usize) -> Vec<usize> {
        let mut from: Vec<usize> = self.supporting(unit).collect();
        from.sort_unstable();
        from.dedup();
        from
    }

    /// The units that support `unit`, in no particular order and perhaps
    /// more than once: for the questions that need no list ("is there
    /// one?", "are they all …?").
    pub fn supporting(&self, unit: usize) -> impl Iterator<Item = usize> {
        self.argument
            .incoming(unit)
            .filter(|r| r.kind == RelationKind::Support)
            .map(|r| r.from)
    }
}

/// A unit a rule flags, and what to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub unit: usize,
    pub message: String,
}

pub trait Rule: Sync {
    /// Stable, kebab-case: scripts and `--fail-on` users rely on it.
    fn id(&self) -> &'static str;
    fn severity(&self) -> Severity;
    /// One line: what the rule looks for.
    fn summary(&self) -> &'static str;
    /// Why it matters and how the rule decides, for `warrant explain`.
    fn explanation(&self) -> &'static str;
    /// A short text on which the rule fires.
    fn example(&self) -> &'static str;
    fn check(&self, context: &Context<'_>) -> Vec<Flag>;
}

/// Every rule, in the order findings of one unit are listed.
pub const RULES: &[&dyn Rule] = &[
    &unsupported_recommendation::UnsupportedRecommendation,
    &unsupported_claim::UnsupportedClaim,
    &speculative_support::SpeculativeSupport,
    &unsourced_statistic::UnsourcedStatistic,
    &circular_support::CircularSupport,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// Runs every rule; findings come in text order, a unit's in rule order.
pub fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    let lines = LineStarts::of(context.source);
    for (order, rule) in RULES.iter().enumerate() {
        for flag in rule.check(context) {
            let unit = &context.units[flag.unit];
            let (line, column) = lines.locate(context.source, unit.start);
            findings.push((
                order,
                Finding {
                    rule: rule.id(),
                    severity: rule.severity(),
                    unit: flag.unit,
                    start: unit.start,
                    end: unit.end,
                    line,
                    column,
                    message: flag.message,
                },
            ));
        }
    }
    findings.sort_by_key(|(order, f)| (f.start, *order));
    findings.into_iter().map(|(_, f)| f).collect()
}

/// The byte offset at which each line starts: found once per text, so that
/// locating many findings does not rescan it.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(source: &str) -> LineStarts {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineStarts(starts)
    }

    /// The 1-based line and character column of a byte offset.
    fn locate(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&start| start <= offset);
        let line_start = self.0[line - 1];
        (line, source[line_start..offset].chars().count() + 1)
    }
}

/// "unit 3", "units 3 and 5", "units 3, 5 and 7" (1-based, as shown).
pub(crate) fn list_units(units: &[usize]) -> String {
    let shown: Vec<String> = units.iter().map(|u| (u + 1).to_string()).collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => format!("unit {one}"),
        [init @ .., last] => format!("units {} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs the whole pipeline on a text and returns one rule's flags.
    use crate::Analysis;
    use crate::grammar::Lexicon;

    /// The texts of the units `rule` flags in `text`.
    pub fn flagged(rule: &str, text: &str) -> Vec<String> {
        let lexicon = Lexicon::english();
        let analysis = Analysis::of("test", text, &lexicon);
        analysis
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| analysis.units[f.unit].text.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_every_example_fires() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for rule in RULES {
            assert!(
                rule.id()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.id()
            );
            assert!(!rule.explanation().is_empty() && !rule.summary().is_empty());
            assert!(
                !test_support::flagged(rule.id(), rule.example()).is_empty(),
                "the example of {} does not fire",
                rule.id()
            );
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "Première ligne.\nÀ la ligne.";
        let lines = LineStarts::of(text);
        assert_eq!(lines.locate(text, 0), (1, 1));
        let second = text.find('À').unwrap();
        assert_eq!(lines.locate(text, second), (2, 1));
        let la = text.find("la").unwrap();
        assert_eq!(lines.locate(text, la), (2, 3));
    }

    #[test]
    fn unit_lists_read_as_prose() {
        assert_eq!(list_units(&[2]), "unit 3");
        assert_eq!(list_units(&[2, 4]), "units 3 and 5");
        assert_eq!(list_units(&[0, 2, 4]), "units 1, 3 and 5");
    }
}
