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
    for (order, rule) in RULES.iter().enumerate() {
        for flag in rule.check(context) {
            let unit = &context.units[flag.unit];
            findings.push((
                order,
                Finding {
                    rule: rule.id(),
                    severity: rule.severity(),
                    unit: flag.unit,
                    start: unit.start,
                    end: unit.end,
                    // Found below, in text order.
                    line: 0,
                    column: 0,
                    message: flag.message,
                },
            ));
        }
    }
    findings.sort_by_key(|(order, f)| (f.start, *order));
    let mut lines = Lines::new(context.source);
    findings
        .into_iter()
        .map(|(_, mut f)| {
            (f.line, f.column) = lines.locate(f.start);
            f
        })
        .collect()
}

/// Lines and columns of offsets asked in text order: the text is read once,
/// as far as the last offset, and only when there is something to locate.
struct Lines<'a> {
    source: &'a str,
    /// How far the text is read.
    read: usize,
    /// The line `read` is on, 1-based, and where that line starts.
    line: usize,
    line_start: usize,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str) -> Lines<'a> {
        Lines {
            source,
            read: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The 1-based line and character column of a byte offset no earlier
    /// than the last one asked.
    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let bytes = &self.source.as_bytes()[self.read..offset];
        // memchr's search of whole words at a time: a text is read up to its
        // last finding, and a plain pass over its bytes cost 2% of all the
        // instructions of `score`.
        if let Some(last_break) = memchr::memrchr(b'\n', bytes) {
            self.line += memchr::memchr_iter(b'\n', &bytes[..=last_break]).count();
            self.line_start = self.read + last_break + 1;
        }
        self.read = offset;
        let column = self.source[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}

/// "unit 3", "units 3 and 5", "units 3, 5 and 7" (1-based, as shown).
#[cfg(test)]
pub(crate) fn list_units(units: &[usize]) -> String {
    let mut listed = String::new();
    push_units(&mut listed, units);
    listed
}

/// Writes `units` after `out`'s text as prose: "unit 3", "units 3 and 5",
/// "units 3, 5 and 7" (1-based, as shown). Written piece by piece rather
/// than formatted: rules write a message for every unit they flag, and the
/// formatting machinery costs several times the copying.
pub(crate) fn push_units(out: &mut String, units: &[usize]) {
    match units {
        [] => {}
        [one] => {
            out.push_str("unit ");
            push_number(out, one + 1);
        }
        [init @ .., last] => {
            out.push_str("units ");
            for (n, unit) in init.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                push_number(out, unit + 1);
            }
            out.push_str(" and ");
            push_number(out, last + 1);
        }
    }
}

/// Writes `number` in decimal digits after `out`'s text.
fn push_number(out: &mut String, number: usize) {
    out.push_str(itoa::Buffer::new().format(number));
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
        let mut lines = Lines::new(text);
        assert_eq!(lines.locate(0), (1, 1));
        assert_eq!(lines.locate(0), (1, 1));
        let second = text.find('À').unwrap();
        assert_eq!(lines.locate(second), (2, 1));
        let la = text.find("la").unwrap();
        assert_eq!(lines.locate(la), (2, 3));
    }

    /// What [`Lines::locate`] finds, by a pass over the characters.
    fn located_slowly(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        (line, text[line_start..offset].chars().count() + 1)
    }

    #[test]
    fn lines_located_in_text_order_are_those_of_the_characters() {
        // Lines of every length, asked at steps of every size, in text with
        // characters outside ASCII.
        let mut text = String::new();
        for length in 0..300 {
            text.extend(std::iter::repeat_n(
                if length % 3 == 0 { 'é' } else { 'a' },
                length,
            ));
            text.push('\n');
            if length % 7 == 0 {
                text.push('\n');
            }
        }
        for step in [1, 2, 5, 63, 64, 65, 100, 129, 1000, 5000] {
            let mut lines = Lines::new(&text);
            let offsets = (0..text.len())
                .step_by(step)
                .filter(|&at| text.is_char_boundary(at));
            for offset in offsets.chain([text.len()]) {
                assert_eq!(
                    lines.locate(offset),
                    located_slowly(&text, offset),
                    "{step} {offset}"
                );
            }
        }
    }

    #[test]
    fn unit_lists_read_as_prose() {
        assert_eq!(list_units(&[2]), "unit 3");
        assert_eq!(list_units(&[2, 4]), "units 3 and 5");
        assert_eq!(list_units(&[0, 2, 4]), "units 1, 3 and 5");
        assert_eq!(list_units(&[]), "");
        let numbers = [0, 8, 9, 98, 99, 12344, usize::MAX - 1];
        let mut written = String::from("before: ");
        push_units(&mut written, &numbers);
        let shown: Vec<String> = numbers.iter().map(|u| (u + 1).to_string()).collect();
        let (last, init) = shown.split_last().unwrap();
        assert_eq!(
            written,
            format!("before: units {} and {last}", init.join(", "))
        );
    }
}
