//! `warrant explain`: what a lint rule or the score means. Each rule's
//! example is analysed afresh and the findings shown are the ones the
//! analyser produces today, so the page cannot drift from the tool's
//! behaviour; the score's worked example likewise shows a live score.

use crate::analysis::Analysis;
use crate::grammar::Lexicon;
use crate::lint::{self, Rule, Severity};
use crate::score::{self, Score, weight};
use colored::Colorize;
use std::fmt::{self, Write};
use std::str::FromStr;

/// What `warrant explain` can explain.
#[derive(Clone, Copy)]
pub enum Topic {
    Rule(&'static dyn Rule),
    Score,
}

impl Topic {
    /// Every topic's name: the rule ids in their order, then `score`.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = lint::RULES.iter().map(|r| r.id()).collect();
        names.push("score");
        names
    }
}

impl FromStr for Topic {
    type Err = String;

    fn from_str(name: &str) -> Result<Topic, String> {
        match name {
            "score" => Ok(Topic::Score),
            _ => lint::rule(name).map(Topic::Rule).ok_or_else(|| {
                format!(
                    "no rule or topic of that name; choose one of: {}",
                    Topic::names().join(", ")
                )
            }),
        }
    }
}

// By hand: a rule is a trait object, and its id is all worth showing.
impl fmt::Debug for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Topic::Rule(rule) => write!(f, "Rule({})", rule.id()),
            Topic::Score => f.write_str("Score"),
        }
    }
}

/// Prose is wrapped no wider than this even on a wide terminal, as clap
/// does for help: long lines are hard to read.
const MAX_WIDTH: usize = 100;

/// The indentation of examples and findings under their headings.
const INDENT: &str = "    ";

/// The text `warrant explain` prints for `topic`, its prose wrapped to
/// `width` characters.
pub fn explain(topic: Topic, lexicon: &Lexicon, width: usize) -> String {
    let width = width.min(MAX_WIDTH);
    match topic {
        Topic::Rule(rule) => explain_rule(rule, lexicon, width),
        Topic::Score => explain_score(lexicon, width),
    }
}

/// One line a rule: id, severity and summary.
pub fn list() -> String {
    let id_width = lint::RULES.iter().map(|r| r.id().len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in lint::RULES {
        let _ = writeln!(
            out,
            "{}  {}  {}",
            format!("{:<id_width$}", rule.id()).bold(),
            paint_severity(&format!("{:<7}", rule.severity().name()), rule.severity()),
            rule.summary()
        );
    }
    let _ = writeln!(
        out,
        "\n`warrant explain RULE` explains a rule; `warrant explain score` the score."
    );
    out
}

fn paint_severity(text: &str, severity: Severity) -> colored::ColoredString {
    match severity {
        Severity::Warning => text.yellow().bold(),
        Severity::Error => text.red().bold(),
    }
}

fn explain_rule(rule: &dyn Rule, lexicon: &Lexicon, width: usize) -> String {
    let mut out = format!(
        "{} ({}): {}\n\n",
        rule.id().bold(),
        paint_severity(rule.severity().name(), rule.severity()),
        rule.summary()
    );
    out.push_str(&wrap(rule.explanation(), width, "", ""));
    out.push_str("\n\nExample:\n");
    out.push_str(&wrap(rule.example(), width, INDENT, INDENT));
    out.push_str("\n\nWhat warrant finds in the example today:\n");
    let analysis = Analysis::of("example", rule.example(), lexicon);
    let findings: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.rule == rule.id())
        .collect();
    if findings.is_empty() {
        // Only a change to the analyser (or a --grammar) can bring this about;
        // say so rather than show a finding that no longer happens.
        out.push_str(&wrap(
            "nothing: the analyser no longer flags this example.",
            width,
            INDENT,
            INDENT,
        ));
        out.push('\n');
    }
    for finding in findings {
        let unit = &analysis.units[finding.unit];
        let place = format!(
            "line {}, unit {}: {}",
            finding.line,
            finding.unit + 1,
            unit.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        out.push_str(&wrap(&place, width, INDENT, INDENT));
        out.push('\n');
        let deeper = format!("{INDENT}{INDENT}");
        out.push_str(&wrap(&finding.message, width, &deeper, &deeper));
        out.push('\n');
    }
    out
}

/// The worked example of `warrant explain score`: a recommendation argued
/// for, a concession, an unsourced figure, a guess and a bare recommendation,
/// so that every part of the score has something to count.
const SCORE_EXAMPLE: &str = "The council should keep the library open, because 600 children \
borrow books there every week, according to the council's own figures. Closing it would save a \
little money, but the town would lose its only quiet place to study. Visits rose by 20% last \
year. Longer opening hours might double them.\n\n\
The mayor should also resign.";

/// What the score counts in one analysis, read off its [`Score`].
struct Counted {
    claims: usize,
    evidence: usize,
    speculation: usize,
    warnings: usize,
    errors: usize,
}

impl Counted {
    fn of(analysis: &Analysis) -> Counted {
        let count = |role: &str| analysis.score.counts.get(role).copied().unwrap_or(0);
        let warnings = analysis
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        Counted {
            claims: count("claim"),
            evidence: count("evidence"),
            speculation: count("speculation"),
            warnings,
            errors: analysis.findings.len() - warnings,
        }
    }

    /// The weighted parts of the score, as `score::Tally::of` sums them.
    fn parts(&self, score: &Score) -> score::Parts {
        score::Parts::of(
            self.claims,
            self.evidence,
            self.speculation,
            self.warnings,
            self.errors,
            score.support_coverage,
        )
    }
}

/// "1 claim", "4 claims".
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn explain_score(lexicon: &Lexicon, width: usize) -> String {
    let mut out = String::from(score::EXPLANATION);
    out.push_str("\n\nWorked example:\n");
    out.push_str(&wrap(SCORE_EXAMPLE, width, INDENT, INDENT));
    out.push_str("\n\nHow warrant reads it today:\n");
    let analysis = Analysis::of("example", SCORE_EXAMPLE, lexicon);
    let labels: Vec<String> = analysis
        .units
        .iter()
        .map(|u| format!("{}/{}", u.role, u.kind))
        .collect();
    let label_width = labels.iter().map(|l| l.len()).max().unwrap_or(0);
    for (unit, label) in analysis.units.iter().zip(&labels) {
        let first = format!("{INDENT}{:>2}  {label:<label_width$}  ", unit.id + 1);
        let hanging = " ".repeat(first.chars().count());
        out.push_str(&wrap(&unit.text, width, &first, &hanging));
        out.push('\n');
    }
    for finding in &analysis.findings {
        let line = format!(
            "⚠ {} on unit {}: {}",
            finding.rule,
            finding.unit + 1,
            finding.message
        );
        out.push_str(&wrap(&line, width, INDENT, &format!("{INDENT}  ")));
        out.push('\n');
    }

    let score = &analysis.score;
    let tally = Counted::of(&analysis);
    let parts = tally.parts(score);
    let Counted {
        claims,
        evidence,
        speculation,
        warnings,
        errors,
    } = tally;
    let _ = writeln!(
        out,
        "\nThe score: {}, {} evidence, {} speculation; {}, {}",
        plural(claims, "claim"),
        evidence,
        speculation,
        plural(warnings, "warning"),
        plural(errors, "error"),
    );
    for (name, part, how) in [
        (
            "coverage",
            parts.coverage,
            format!(
                "{} × {:.2} support coverage",
                weight::COVERAGE,
                score.support_coverage
            ),
        ),
        (
            "evidence",
            parts.evidence,
            format!(
                "{} × min(1, {evidence} evidence / {claims} claims)",
                weight::EVIDENCE
            ),
        ),
        (
            "caution",
            parts.caution,
            format!(
                "{} × (1 − {speculation} speculation / {} units that argue)",
                weight::CAUTION,
                claims + evidence + speculation
            ),
        ),
        (
            "soundness",
            parts.soundness,
            format!(
                "{} × (1 − min(1, ({warnings} + {}×{errors}) / {claims} claims))",
                weight::SOUNDNESS,
                weight::ERROR
            ),
        ),
    ] {
        let _ = writeln!(out, "{INDENT}{name:<10} {how:<52} = {part:>5.1}");
    }
    let _ = writeln!(
        out,
        "{INDENT}{:<10} {:<52} = {:>5}",
        "overall",
        format!("the sum, {:.1}, rounded", parts.sum()),
        score.overall
    );
    out
}

/// Wraps each paragraph of `text` (paragraphs are separated by a blank line)
/// to `width` characters. The first line starts with `first`, every other
/// line with `rest`. Widths count characters; a word longer than the line
/// stands on a line of its own.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    // Whether `line` holds only its indentation.
    let mut bare = true;
    for (n, paragraph) in text.split("\n\n").enumerate() {
        if n > 0 {
            out.push_str(&line);
            out.push_str("\n\n");
            line = rest.to_string();
            bare = true;
        }
        for word in paragraph.split_whitespace() {
            if !bare && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line = rest.to_string();
                bare = true;
            }
            if !bare {
                line.push(' ');
            }
            line.push_str(word);
            bare = false;
        }
    }
    out.push_str(&line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_example_adds_up_to_its_score() {
        let analysis = Analysis::of("example", SCORE_EXAMPLE, &Lexicon::english());
        let parts = Counted::of(&analysis).parts(&analysis.score);
        assert_eq!(parts.sum().round() as u32, analysis.score.overall);
    }

    #[test]
    fn wrapping_counts_characters_and_keeps_paragraphs() {
        let text = "één twee drie vier\n\nvijf";
        assert_eq!(
            wrap(text, 12, "  ", "  "),
            "  één twee\n  drie vier\n\n  vijf"
        );
        assert_eq!(
            wrap(text, 12, "1 ", "  "),
            "1 één twee\n  drie vier\n\n  vijf"
        );
        assert_eq!(wrap("onmiddellijk", 5, "", ""), "onmiddellijk");
    }

    #[test]
    fn every_rule_and_score_is_a_topic() {
        for name in Topic::names() {
            assert!(name.parse::<Topic>().is_ok(), "{name}");
        }
        let unknown = "no-such-rule".parse::<Topic>().unwrap_err();
        assert!(
            unknown.contains("unsupported-recommendation, "),
            "{unknown}"
        );
    }
}
