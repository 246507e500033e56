//! Human output: each sentence on its own line, its units labelled with role
//! and kind in the role's colour and the deciding cue words underlined, then
//! one line of counts. Colour is decided by the caller (`colored`'s override).

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

pub fn render(analysis: &Analysis) -> String {
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
    }
    if !analysis.sentences.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(analysis));
    out.push('\n');
    out
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
