//! The project's own gold format (see corpus/README.md). Version 1 labels
//! sentences (`ROLE/KIND<TAB>sentence`); version 2 labels units and adds
//! relations, main claims and expected findings.

use crate::labels::{Kind, Role};
use std::path::Path;

/// A gold sentence, labelled (in version 2) by its longest unit.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub role: Role,
    pub kind: Kind,
}

/// What a relation does to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Support,
    Attack,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GoldUnit {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub role: Role,
    pub kind: Kind,
    /// Targets (indexes into the units) and functions; the first is the
    /// unit's attachment.
    pub relations: Vec<(usize, Function)>,
    /// The rank of a main claim, 1 for the thesis.
    pub main: Option<u32>,
}

/// A finding a good analyser should raise (`expected`) or must not.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFinding {
    pub rule: String,
    pub unit: usize,
    pub expected: bool,
}

#[derive(Debug, Clone)]
pub struct GoldDocument {
    pub text: String,
    pub version: u32,
    pub sentences: Vec<GoldSentence>,
    pub units: Vec<GoldUnit>,
    pub findings: Vec<GoldFinding>,
}

/// Rule ids a gold file may name.
pub const RULES: [&str; 5] = [
    "unsupported-recommendation",
    "unsupported-claim",
    "speculative-support",
    "unsourced-statistic",
    "circular-support",
];

fn label(field: &str, place: &dyn Fn() -> String) -> Result<(Role, Kind), String> {
    let (role, kind) = field
        .split_once('/')
        .ok_or_else(|| format!("{}: expected ROLE/KIND, found `{field}`", place()))?;
    let role =
        Role::from_name(role).ok_or_else(|| format!("{}: unknown role `{role}`", place()))?;
    let kind =
        Kind::from_name(kind).ok_or_else(|| format!("{}: unknown kind `{kind}`", place()))?;
    if kind.role() != role {
        return Err(format!(
            "{}: `{kind}` is a kind of {}, not of {role}",
            place(),
            kind.role()
        ));
    }
    Ok((role, kind))
}

/// Reads `gold` (the contents of the gold file at `path`) against `text`.
pub fn parse_document(path: &Path, gold: &str, text: &str) -> Result<GoldDocument, String> {
    let first = gold.lines().next().unwrap_or("").trim();
    let version = match first {
        "# warrant-gold 1" => 1,
        "# warrant-gold 2" => 2,
        _ => {
            return Err(format!(
                "{}:1: the first line must be `# warrant-gold 1` or `# warrant-gold 2`",
                path.display()
            ));
        }
    };
    let mut doc = GoldDocument {
        text: text.to_string(),
        version,
        sentences: Vec::new(),
        units: Vec::new(),
        findings: Vec::new(),
    };
    // Relations name units by id; they are resolved once every unit is read.
    let mut pending: Vec<(usize, String, Function, String)> = Vec::new();
    let mut pending_findings: Vec<(String, String, bool, String)> = Vec::new();
    let (mut paragraph, mut at, mut after_blank) = (0, 0, false);
    for (n, line) in gold.lines().enumerate().skip(1) {
        let place = || format!("{}:{}", path.display(), n + 1);
        if line.trim().is_empty() {
            after_blank = !doc.units.is_empty();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if version == 2 && (line.starts_with("finding ") || line.starts_with("no-finding ")) {
            let mut words = line.split_whitespace();
            let expected = words.next() == Some("finding");
            let (Some(rule), Some(unit), None) = (words.next(), words.next(), words.next()) else {
                return Err(format!(
                    "{}: expected `finding RULE uN` or `no-finding RULE uN`",
                    place()
                ));
            };
            if !RULES.contains(&rule) {
                return Err(format!("{}: unknown rule `{rule}`", place()));
            }
            pending_findings.push((rule.to_string(), unit.to_string(), expected, place()));
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (id, label_field, links, unit_text) = match (version, fields.as_slice()) {
            (1, [label, text]) => (format!("u{}", doc.units.len() + 1), *label, "-", *text),
            (2, [id, label, links, text]) => (id.to_string(), *label, *links, *text),
            (1, _) => {
                return Err(format!(
                    "{}: expected ROLE/KIND, a tab, then the sentence",
                    place()
                ));
            }
            _ => {
                return Err(format!(
                    "{}: expected ID, ROLE/KIND, LINKS and the unit's text, separated by tabs",
                    place()
                ));
            }
        };
        let (role, kind) = label(label_field, &place)?;
        let continues = id.starts_with('+');
        let bare_id = id.trim_start_matches('+');
        if bare_id != format!("u{}", doc.units.len() + 1) {
            return Err(format!(
                "{}: expected unit id u{}, found `{id}`",
                place(),
                doc.units.len() + 1
            ));
        }
        let unit_text = unit_text.trim();
        let found = text[at..].find(unit_text).ok_or_else(|| {
            format!(
                "{}: {} not found in the text after byte {at}: {unit_text}",
                place(),
                if version == 1 { "sentence" } else { "unit" }
            )
        })?;
        let start = at + found;
        if continues && (doc.units.is_empty() || after_blank || !text[at..start].trim().is_empty())
        {
            return Err(format!(
                "{}: `{id}` continues a sentence, but text or a paragraph break comes between",
                place()
            ));
        }
        if after_blank {
            paragraph += 1;
            after_blank = false;
        }
        at = start + unit_text.len();
        if continues {
            if let Some(s) = doc.sentences.last_mut() {
                s.end = at;
            }
        } else {
            doc.sentences.push(GoldSentence {
                start,
                end: at,
                paragraph,
                role,
                kind,
            });
        }
        let unit = doc.units.len();
        let mut main = None;
        for link in links
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "-")
        {
            if let Some(rank) = link.strip_prefix("main") {
                main = Some(
                    rank.parse()
                        .map_err(|_| format!("{}: `{link}`: expected main1, main2, …", place()))?,
                );
            } else if let Some((what, target)) = link.split_once(':') {
                let function = match what {
                    "support" => Function::Support,
                    "attack" => Function::Attack,
                    _ => {
                        return Err(format!(
                            "{}: unknown relation `{what}`; use support or attack",
                            place()
                        ));
                    }
                };
                pending.push((unit, target.to_string(), function, place()));
            } else {
                return Err(format!("{}: unknown link `{link}`", place()));
            }
        }
        doc.units.push(GoldUnit {
            start,
            end: at,
            sentence: doc.sentences.len() - 1,
            role,
            kind,
            relations: Vec::new(),
            main,
        });
    }
    let count = doc.units.len();
    let index = |id: &str, place: &str| -> Result<usize, String> {
        id.strip_prefix('u')
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| (1..=count).contains(&n))
            .map(|n| n - 1)
            .ok_or_else(|| format!("{place}: no unit `{id}`"))
    };
    let mut relations = Vec::new();
    for (unit, target, function, place) in &pending {
        let target = index(target, place)?;
        if target == *unit {
            return Err(format!("{place}: a unit cannot support or attack itself"));
        }
        relations.push((*unit, target, *function));
    }
    for (unit, target, function) in relations {
        doc.units[unit].relations.push((target, function));
    }
    for (rule, unit, expected, place) in pending_findings {
        let unit = index(&unit, &place)?;
        doc.findings.push(GoldFinding {
            rule,
            unit,
            expected,
        });
    }
    // In version 2 a sentence is labelled by its longest unit.
    for (s, sentence) in doc.sentences.iter_mut().enumerate() {
        if let Some(longest) = doc
            .units
            .iter()
            .filter(|u| u.sentence == s)
            .max_by_key(|u| u.end - u.start)
        {
            sentence.role = longest.role;
            sentence.kind = longest.kind;
        }
    }
    Ok(doc)
}

/// Reads `SLUG.gold` beside `SLUG.txt`.
pub fn read_document(txt: &Path) -> Result<GoldDocument, String> {
    let text = std::fs::read_to_string(txt).map_err(|e| format!("{}: {e}", txt.display()))?;
    let gold_path = txt.with_extension("gold");
    let gold =
        std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    parse_document(&gold_path, &gold, &text)
}

/// Reads `SLUG.gold` beside `SLUG.txt`: the text and its gold sentences.
pub fn read(txt: &Path) -> Result<(String, Vec<GoldSentence>), String> {
    let doc = read_document(txt)?;
    Ok((doc.text, doc.sentences))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Why the bus matters\n\nThe council should restore the bus. Ridership rose by 14% last year. It costs £90,000, but that is cheap.\n";

    #[test]
    fn version_2_reads_units_relations_mains_and_findings() {
        let gold = "# warrant-gold 2\nu1\tother/heading\t-\tWhy the bus matters\n\n\
                    u2\tclaim/policy\tmain1\tThe council should restore the bus.\n\
                    u3\tevidence/statistic\tsupport:u2\tRidership rose by 14% last year.\n\
                    u4\tclaim/fact\tattack:u2\tIt costs £90,000,\n\
                    +u5\tclaim/value\tattack:u4, support:u2\tbut that is cheap.\n\
                    no-finding unsupported-recommendation u2\nfinding unsourced-statistic u3\n";
        let doc = parse_document(Path::new("x.gold"), gold, TEXT).unwrap();
        assert_eq!(doc.units.len(), 5);
        assert_eq!(doc.sentences.len(), 4);
        assert_eq!(
            &TEXT[doc.sentences[3].start..doc.sentences[3].end],
            "It costs £90,000, but that is cheap."
        );
        assert_eq!(doc.units[1].main, Some(1));
        assert_eq!(
            doc.units[4].relations,
            [(3, Function::Attack), (1, Function::Support)]
        );
        assert_eq!(doc.sentences[1].paragraph, 1);
        assert_eq!(doc.findings.len(), 2);
        assert!(doc.findings[1].expected);
    }

    #[test]
    fn mistakes_are_named_with_the_line() {
        let bad = |gold: &str| parse_document(Path::new("x.gold"), gold, TEXT).unwrap_err();
        assert!(bad("# warrant-gold 3\n").contains("x.gold:1:"));
        assert!(
            bad("# warrant-gold 2\nu2\tother/heading\t-\tWhy the bus matters\n")
                .contains("expected unit id u1")
        );
        assert!(
            bad("# warrant-gold 2\nu1\tother/heading\tsupport:u9\tWhy the bus matters\n")
                .contains("no unit `u9`")
        );
        assert!(
            bad("# warrant-gold 2\nu1\tclaim/hedge\t-\tWhy the bus matters\n")
                .contains("a kind of speculation")
        );
        assert!(
            bad("# warrant-gold 1\nclaim/fact\tNot in the text.\n")
                .contains("x.gold:2: sentence not found")
        );
    }
}
