//! Human output: each sentence on its own line, its units labelled with role
//! and kind in the role's colour and the deciding cue words underlined, then
//! the findings as diagnostics, one line of counts and one of the score.
//! Colour is decided by the caller (`colored`'s override, and [`Style`] for
//! the diagnostics).

use super::diagnostics::{self, Style};
use crate::analysis::Analysis;
use crate::discourse::Unit;
use crate::labels::{Kind, Role};
use colored::{ColoredString, Colorize};
use std::fmt::Write;

/// Width of the label column: the longest label, "evidence/statistic".
const LABEL_WIDTH: usize = 18;

pub fn paint_role(text: &str, role: Role) -> ColoredString {
    match role {
        Role::Claim => text.cyan().bold(),
        Role::Evidence => text.green().bold(),
        Role::Speculation => text.magenta().bold(),
        Role::Other => text.dimmed(),
    }
}

fn label(unit: &Unit) -> String {
    format!("{}/{}", unit.role, unit.kind)
}

/// The unit's text with its cues underlined. Cue spans may overlap; each byte
/// is underlined once.
fn highlighted(unit: &Unit) -> String {
    let mut out = String::new();
    let mut at = unit.start;
    let mut cues: Vec<_> = unit.cues.iter().map(|c| (c.start, c.end)).collect();
    cues.sort_unstable();
    for (start, end) in cues {
        let start = start.max(at);
        if start >= end {
            continue;
        }
        out.push_str(&unit.text[at - unit.start..start - unit.start]);
        out.push_str(
            &unit.text[start - unit.start..end - unit.start]
                .bold()
                .underline()
                .to_string(),
        );
        at = end;
    }
    out.push_str(&unit.text[at - unit.start..]);
    // A sentence is shown on one line: line breaks inside it become spaces.
    out.replace(['\n', '\r'], " ")
}

/// "↳ policy: cue.policy +1.13 · second-person +0.42": the features that did
/// most to give the unit its kind rather than the runner-up.
fn reasons(unit: &Unit) -> String {
    let parts: Vec<String> = unit
        .because
        .iter()
        .map(|r| format!("{} +{:.2}", r.feature, r.contribution))
        .collect();
    format!("↳ {}: {}", unit.kind, parts.join(" · "))
}

/// The whole human output of `analysis`, whose input text is `source`. With
/// `explain`, each sentence is followed by the reasons for its units' labels.
pub fn render(analysis: &Analysis, source: &str, style: Style, explain: bool) -> String {
    let mut out = String::new();
    let width = analysis.sentences.len().to_string().len();
    for sentence in &analysis.sentences {
        let mut line = format!("{:>width$}  ", sentence.id + 1);
        for (n, &id) in sentence.units.iter().enumerate() {
            let unit = &analysis.units[id];
            if n == 0 {
                let tag = format!("{:<LABEL_WIDTH$}", label(unit));
                let _ = write!(line, "{}  ", paint_role(&tag, unit.role));
            } else {
                let _ = write!(
                    line,
                    " {} ",
                    paint_role(&format!("‹{}›", label(unit)), unit.role)
                );
            }
            line.push_str(&highlighted(unit));
        }
        out.push_str(&line);
        out.push('\n');
        if explain {
            let indent = " ".repeat(width + 2);
            for &id in &sentence.units {
                let unit = &analysis.units[id];
                if !unit.because.is_empty() {
                    let _ = writeln!(out, "{indent}{}", reasons(unit).dimmed());
                }
            }
        }
    }
    if !analysis.sentences.is_empty() {
        out.push('\n');
    }
    let diagnostics = diagnostics::render(analysis, source, style);
    if !diagnostics.is_empty() {
        out.push_str(&diagnostics);
        out.push('\n');
    }
    out.push_str(&summary(analysis));
    out.push('\n');
    out.push_str(&score_line(analysis));
    out.push('\n');
    out
}

/// "score 62/100 · support coverage 0.50 · evidence/claim 0.80 · speculation
/// 0.10": short enough for 80 columns even at 100/100.
pub fn score_line(analysis: &Analysis) -> String {
    let score = &analysis.score;
    format!(
        "{} · support coverage {:.2} · evidence/claim {:.2} · speculation {:.2}",
        format!("score {}/100", score.overall).bold(),
        score.support_coverage,
        score.evidence_per_claim,
        score.speculation_share
    )
}

/// "31 sentences, 35 units: claim 14 (policy 2, value 5, …), evidence 9 (…), …"
pub fn summary(analysis: &Analysis) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    for role in Role::ALL {
        let count = analysis.units.iter().filter(|u| u.role == role).count();
        if count == 0 {
            continue;
        }
        let kinds: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| k.role() == role)
            .filter_map(|&k| {
                let n = analysis.units.iter().filter(|u| u.kind == k).count();
                (n > 0).then(|| format!("{k} {n}"))
            })
            .collect();
        parts.push(format!(
            "{} {} ({})",
            paint_role(role.name(), role),
            count,
            kinds.join(", ")
        ));
    }
    let head = format!(
        "{}: {}, {}",
        analysis.file,
        plural(analysis.sentences.len(), "sentence"),
        plural(analysis.units.len(), "unit")
    );
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join(", "))
    }
}
