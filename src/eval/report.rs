//! `warrant eval`: the figures of the analysis on one gold data set, each
//! beside what a trivial rule scores on the same data.

use super::metrics::{ClassScore, Confusion, ratio};
use super::{best_overlap, cdcp, gold, microtext};
use crate::analysis::Analysis;
use crate::grammar::Lexicon;
use crate::graph::RelationKind;
use crate::labels::{Kind, Role};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The gold formats `eval` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Dataset {
    /// The project's own corpus: `SLUG.txt` with `SLUG.gold`.
    Warrant,
    /// arg-microtexts: `micro_*.xml` with `.txt`.
    Microtext,
    /// CDCP: `NNNNN.txt` with `NNNNN.ann.json`.
    Cdcp,
}

impl Dataset {
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Warrant => "warrant",
            Dataset::Microtext => "microtext",
            Dataset::Cdcp => "cdcp",
        }
    }

    /// Tells the format from the files: a `.gold` file, a `micro_*.xml`, or
    /// an `.ann.json`, given directly or inside the directory.
    pub fn detect(path: &Path) -> Result<Dataset, String> {
        let of_name = |name: &str| {
            if name.ends_with(".gold") {
                Some(Dataset::Warrant)
            } else if name.ends_with(".ann.json") {
                Some(Dataset::Cdcp)
            } else if name.starts_with("micro_") && name.ends_with(".xml") {
                Some(Dataset::Microtext)
            } else {
                None
            }
        };
        if path.is_dir() {
            let entries =
                std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
            names.sort();
            return names.iter().find_map(|n| of_name(n)).ok_or_else(|| {
                format!(
                    "{}: no gold files here (*.gold, micro_*.xml or *.ann.json)",
                    path.display()
                )
            });
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let beside = |ext: &str| path.with_extension(ext).exists();
        of_name(&name)
            .or_else(|| (name.ends_with(".txt") && beside("gold")).then_some(Dataset::Warrant))
            .or_else(|| (name.ends_with(".txt") && beside("ann.json")).then_some(Dataset::Cdcp))
            .or_else(|| (name.ends_with(".txt") && beside("xml")).then_some(Dataset::Microtext))
            .ok_or_else(|| {
                format!(
                    "{}: not a gold file of a known format (use --dataset)",
                    path.display()
                )
            })
    }
}

/// One figure: the analysis's value (absent until the stage that produces it
/// exists), a trivial rule's value on the same data, and how many gold items
/// it counts.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: String,
    pub value: Option<f64>,
    pub baseline: Option<f64>,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub dataset: Dataset,
    pub gold: String,
    pub documents: usize,
    pub metrics: Vec<Metric>,
}

impl Report {
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

fn metric(
    name: impl Into<String>,
    value: Option<f64>,
    baseline: Option<f64>,
    count: usize,
) -> Metric {
    Metric {
        name: name.into(),
        value,
        baseline,
        count,
    }
}

/// Precision, recall and F1 of one class, for the analysis and the baseline.
fn class_metrics(
    prefix: &str,
    class: &str,
    ours: &Confusion,
    base: &Confusion,
    out: &mut Vec<Metric>,
) {
    let get = |c: &Confusion| c.classes.get(class).copied().unwrap_or_default();
    let (o, b) = (get(ours), get(base));
    let support = o.support();
    for (what, f) in [
        ("P", ClassScore::precision as fn(&ClassScore) -> f64),
        ("R", ClassScore::recall),
        ("F1", ClassScore::f1),
    ] {
        out.push(metric(
            format!("{prefix} {class} {what}"),
            Some(f(&o)),
            Some(f(&b)),
            support,
        ));
    }
}

fn confusion_metrics(prefix: &str, ours: &Confusion, base: &Confusion, out: &mut Vec<Metric>) {
    for class in ours.classes.keys() {
        class_metrics(prefix, class, ours, base, out);
    }
    let total = ours.pairs.values().sum();
    out.push(metric(
        format!("{prefix} macro-F1"),
        Some(ours.macro_f1()),
        Some(base.macro_f1()),
        total,
    ));
}

/// "A modal verb makes a policy claim": the trivial labeller of the baselines.
fn modal_baseline(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "should", "must", "ought", "need to", "needs to", "have to", "has to", "urge",
    ]
    .iter()
    .any(|m| {
        lower
            .split(|c: char| !c.is_alphanumeric() && c != ' ')
            .any(|part| part.contains(m))
    })
}

/// The trivial sentence splitter of the baseline: a break after every `.`,
/// `!` or `?` followed by white space, and at every line break.
fn naive_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = b == b'\n'
            || (matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()));
        if ends || i + 1 == bytes.len() {
            let piece = &text[start..=i];
            let trimmed_start = start + (piece.len() - piece.trim_start().len());
            let trimmed_end = start + piece.trim_end().len();
            if trimmed_start < trimmed_end {
                out.push((trimmed_start, trimmed_end));
            }
            start = i + 1;
        }
    }
    out
}

fn files(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        super::files_named(path, keep)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// Runs the analysis over a gold data set and measures it.
pub fn evaluate(dataset: Dataset, path: &Path, lexicon: &Lexicon) -> Result<Report, String> {
    let (documents, metrics) = match dataset {
        Dataset::Warrant => warrant(path, lexicon)?,
        Dataset::Microtext => microtexts(path, lexicon)?,
        Dataset::Cdcp => cdcp_comments(path, lexicon)?,
    };
    if documents == 0 {
        return Err(format!(
            "{}: no {} gold documents here",
            path.display(),
            dataset.name()
        ));
    }
    Ok(Report {
        dataset,
        gold: path.display().to_string(),
        documents,
        metrics,
    })
}

/// How the analysis attaches the unit over the gold span `from`: whether to
/// the unit over the gold span `to`, and as support or attack.
fn attachment_of(
    analysis: &Analysis,
    from: (usize, usize),
    to: (usize, usize),
) -> (bool, Option<RelationKind>) {
    let ours = best_overlap(&analysis.units, from.0, from.1)
        .and_then(|u| analysis.relations.iter().find(|r| r.from == u.id));
    let target = best_overlap(&analysis.units, to.0, to.1).map(|u| u.id);
    (
        ours.is_some_and(|r| Some(r.to) == target),
        ours.map(|r| r.kind),
    )
}

/// The units the analysis flags with `rule`.
fn flagged_units(analysis: &Analysis, rule: &str) -> Vec<usize> {
    analysis
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.unit)
        .collect()
}

/// Whether the analysis flags the unit over the gold span with `rule`.
fn flags_span(analysis: &Analysis, rule: &str, start: usize, end: usize) -> bool {
    best_overlap(&analysis.units, start, end)
        .is_some_and(|u| flagged_units(analysis, rule).contains(&u.id))
}

const UNSUPPORTED: &str = "unsupported-recommendation";

fn warrant(path: &Path, lexicon: &Lexicon) -> Result<(usize, Vec<Metric>), String> {
    let texts = files(path, |n| n.ends_with(".txt"))?;
    let texts: Vec<PathBuf> = texts
        .into_iter()
        .map(|p| {
            if p.extension().is_some_and(|x| x == "gold") {
                p.with_extension("txt")
            } else {
                p
            }
        })
        .collect();
    // Every text of a gold directory has its gold: a missing one is an error,
    // not a piece silently left out of the figures.
    if let Some(missing) = texts.iter().find(|p| !p.with_extension("gold").exists()) {
        return Err(format!(
            "{}: no gold file {}",
            missing.display(),
            missing.with_extension("gold").display()
        ));
    }
    let roles = Role::ALL.map(|r| r.name());
    let kinds = Kind::ALL.map(|k| k.name());
    let (mut role_ours, mut role_base) = (Confusion::new(roles), Confusion::new(roles));
    let (mut kind_ours, mut kind_base) = (Confusion::new(kinds), Confusion::new(kinds));
    let (mut right, mut found, mut base_right, mut base_found, mut expected) = (0, 0, 0, 0, 0);
    let (mut attached, mut preceding, mut supports, mut mains, mut first_main) = (0, 0, 0, 0, 0);
    let (mut ours_attached, mut ours_function, mut ours_main) = (0, 0, 0);
    let mut flag_all = ClassScore::default();
    let mut ours_flags = ClassScore::default();
    for txt in &texts {
        let doc = gold::read_document(txt)?;
        let text = &doc.text;
        let analysis = Analysis::of(&txt.display().to_string(), text, lexicon);
        let naive = naive_sentences(text);
        found += analysis.sentences.len();
        base_found += naive.len();
        expected += doc.sentences.len();
        for g in &doc.sentences {
            right += usize::from(
                analysis
                    .sentences
                    .iter()
                    .any(|s| s.start == g.start && s.end == g.end),
            );
            base_right += usize::from(naive.contains(&(g.start, g.end)));
        }
        for (i, g) in doc.units.iter().enumerate() {
            let unit = best_overlap(&analysis.units, g.start, g.end);
            role_ours.add(g.role.name(), unit.map(|u| u.role.name()));
            kind_ours.add(g.kind.name(), unit.map(|u| u.kind.name()));
            let base_kind = if modal_baseline(&text[g.start..g.end]) {
                Kind::Policy
            } else {
                Kind::Fact
            };
            role_base.add(g.role.name(), Some(base_kind.role().name()));
            kind_base.add(g.kind.name(), Some(base_kind.name()));
            // "Each unit supports the one before."
            if let Some(&(target, function)) = g.relations.first() {
                attached += 1;
                preceding += usize::from(i > 0 && target == i - 1);
                supports += usize::from(function == gold::Function::Support);
                let to = &doc.units[target];
                let (right, kind) = attachment_of(&analysis, (g.start, g.end), (to.start, to.end));
                ours_attached += usize::from(right);
                let gold_kind = match function {
                    gold::Function::Support => RelationKind::Support,
                    gold::Function::Attack => RelationKind::Attack,
                };
                ours_function += usize::from(kind == Some(gold_kind));
            }
        }
        // "The first unit that is not a heading is the main claim."
        if let Some(thesis) = doc.units.iter().position(|u| u.main == Some(1)) {
            mains += 1;
            first_main +=
                usize::from(doc.units.iter().position(|u| u.kind != Kind::Heading) == Some(thesis));
            let gold = &doc.units[thesis];
            ours_main += usize::from(
                best_overlap(&analysis.units, gold.start, gold.end)
                    .is_some_and(|u| analysis.main_claims.first() == Some(&u.id)),
            );
        }
        // Ours: the units flagged against the units the gold expects flagged.
        let expected: Vec<usize> = doc
            .findings
            .iter()
            .filter(|f| f.rule == UNSUPPORTED && f.expected)
            .filter_map(|f| {
                let g = &doc.units[f.unit];
                best_overlap(&analysis.units, g.start, g.end).map(|u| u.id)
            })
            .collect();
        let ours = flagged_units(&analysis, UNSUPPORTED);
        ours_flags.true_positives += ours.iter().filter(|u| expected.contains(u)).count();
        ours_flags.false_positives += ours.iter().filter(|u| !expected.contains(u)).count();
        ours_flags.false_negatives += expected.iter().filter(|u| !ours.contains(u)).count();
        // "Flag every policy claim as unsupported."
        for f in doc
            .findings
            .iter()
            .filter(|f| f.rule == "unsupported-recommendation")
        {
            let flagged = doc.units[f.unit].kind == Kind::Policy;
            match (f.expected, flagged) {
                (true, true) => flag_all.true_positives += 1,
                (true, false) => flag_all.false_negatives += 1,
                (false, true) => flag_all.false_positives += 1,
                (false, false) => {}
            }
        }
        let annotated: Vec<usize> = doc
            .findings
            .iter()
            .filter(|f| f.rule == "unsupported-recommendation")
            .map(|f| f.unit)
            .collect();
        flag_all.false_positives += doc
            .units
            .iter()
            .enumerate()
            .filter(|(i, u)| u.kind == Kind::Policy && !annotated.contains(i))
            .count();
    }
    let mut out = vec![
        metric(
            "sentence boundary precision",
            Some(ratio(right, found)),
            Some(ratio(base_right, base_found)),
            found,
        ),
        metric(
            "sentence boundary recall",
            Some(ratio(right, expected)),
            Some(ratio(base_right, expected)),
            expected,
        ),
    ];
    confusion_metrics("role", &role_ours, &role_base, &mut out);
    confusion_metrics("kind", &kind_ours, &kind_base, &mut out);
    out.push(metric(
        "attachment accuracy",
        Some(ratio(ours_attached, attached)),
        Some(ratio(preceding, attached)),
        attached,
    ));
    out.push(metric(
        "function accuracy",
        Some(ratio(ours_function, attached)),
        Some(ratio(supports, attached)),
        attached,
    ));
    out.push(metric(
        "main-claim accuracy",
        Some(ratio(ours_main, mains)),
        Some(ratio(first_main, mains)),
        mains,
    ));
    let flagged = flag_all.support();
    out.push(metric(
        "unsupported-recommendation P",
        Some(ours_flags.precision()),
        Some(flag_all.precision()),
        flagged,
    ));
    out.push(metric(
        "unsupported-recommendation R",
        Some(ours_flags.recall()),
        Some(flag_all.recall()),
        flagged,
    ));
    out.push(metric(
        "unsupported-recommendation F1",
        Some(ours_flags.f1()),
        Some(flag_all.f1()),
        flagged,
    ));
    Ok((texts.len(), out))
}

fn microtexts(path: &Path, lexicon: &Lexicon) -> Result<(usize, Vec<Metric>), String> {
    let docs = if path.is_dir() {
        microtext::read_dir(path)?
    } else {
        // Given the text, read the annotation beside it.
        vec![microtext::read(&path.with_extension("xml"))?]
    };
    let (mut attached, mut preceding, mut supports, mut centrals, mut first_central) =
        (0, 0, 0, 0, 0);
    let (mut ours_central, mut ours_attached, mut ours_function) = (0, 0, 0);
    for doc in &docs {
        let analysis = Analysis::of(&doc.path.display().to_string(), &doc.text, lexicon);
        let central = doc.central();
        centrals += 1;
        first_central += usize::from(central == Some(0));
        // The analysis's main claim is right when the unit it names overlaps
        // the gold central claim most.
        if let (Some(&main), Some(c)) = (analysis.main_claims.first(), central) {
            let gold = &doc.adus[c];
            ours_central += usize::from(
                best_overlap(&analysis.units, gold.start, gold.end).is_some_and(|u| u.id == main),
            );
        }
        for (i, adu) in doc.adus.iter().enumerate() {
            let Some((target, function)) = adu.attachment else {
                continue;
            };
            attached += 1;
            preceding += usize::from(i > 0 && target == i - 1);
            supports += usize::from(function == microtext::Function::Support);
            let to = &doc.adus[target];
            let (right, kind) = attachment_of(&analysis, (adu.start, adu.end), (to.start, to.end));
            let gold_kind = match function {
                microtext::Function::Support => RelationKind::Support,
                microtext::Function::Attack => RelationKind::Attack,
            };
            ours_function += usize::from(kind == Some(gold_kind));
            ours_attached += usize::from(right);
        }
    }
    Ok((
        docs.len(),
        vec![
            metric(
                "main-claim accuracy",
                Some(ratio(ours_central, centrals)),
                Some(ratio(first_central, centrals)),
                centrals,
            ),
            metric(
                "attachment accuracy",
                Some(ratio(ours_attached, attached)),
                Some(ratio(preceding, attached)),
                attached,
            ),
            metric(
                "function accuracy",
                Some(ratio(ours_function, attached)),
                Some(ratio(supports, attached)),
                attached,
            ),
        ],
    ))
}

fn cdcp_comments(path: &Path, lexicon: &Lexicon) -> Result<(usize, Vec<Metric>), String> {
    let docs = if path.is_dir() {
        cdcp::read_dir(path)?
    } else {
        let txt = if path.to_string_lossy().ends_with(".ann.json") {
            PathBuf::from(
                path.to_string_lossy()
                    .trim_end_matches(".ann.json")
                    .to_string()
                    + ".txt",
            )
        } else {
            path.to_path_buf()
        };
        vec![cdcp::read(&txt)?]
    };
    let (mut ours, mut base) = (Confusion::new(cdcp::LABELS), Confusion::new(cdcp::LABELS));
    let (mut policies, mut unsupported) = (0, 0);
    let mut ours_flags = ClassScore::default();
    for doc in &docs {
        let analysis = Analysis::of(&doc.path.display().to_string(), &doc.text, lexicon);
        for prop in &doc.propositions {
            let unit = best_overlap(&analysis.units, prop.start, prop.end);
            ours.add(&prop.label, unit.and_then(|u| cdcp::label_of(u.kind)));
            let base_label = if modal_baseline(&doc.text[prop.start..prop.end]) {
                "policy"
            } else {
                "value"
            };
            base.add(&prop.label, Some(base_label));
            let expected = prop.label == "policy" && !prop.supported;
            if prop.label == "policy" {
                policies += 1;
                unsupported += usize::from(expected);
            }
            match (
                expected,
                flags_span(&analysis, UNSUPPORTED, prop.start, prop.end),
            ) {
                (true, true) => ours_flags.true_positives += 1,
                (true, false) => ours_flags.false_negatives += 1,
                (false, true) => ours_flags.false_positives += 1,
                (false, false) => {}
            }
        }
    }
    let mut out = Vec::new();
    confusion_metrics("kind", &ours, &base, &mut out);
    // "Flag every POLICY proposition": precision is the unsupported share.
    let p = if policies == 0 {
        0.0
    } else {
        unsupported as f64 / policies as f64
    };
    let f1 = if p == 0.0 { 0.0 } else { 2.0 * p / (p + 1.0) };
    out.push(metric(
        "unsupported-recommendation P",
        Some(ours_flags.precision()),
        Some(p),
        unsupported,
    ));
    out.push(metric(
        "unsupported-recommendation R",
        Some(ours_flags.recall()),
        Some(1.0),
        unsupported,
    ));
    out.push(metric(
        "unsupported-recommendation F1",
        Some(ours_flags.f1()),
        Some(f1),
        unsupported,
    ));
    Ok((docs.len(), out))
}

/// The report as a table: one line a metric, "n/a" where the analysis has
/// no figure yet.
pub fn table(report: &Report) -> String {
    let mut out = format!(
        "{} ({}, {} documents)\n{:<36} {:>7} {:>9} {:>7}\n",
        report.gold,
        report.dataset.name(),
        report.documents,
        "metric",
        "value",
        "baseline",
        "gold"
    );
    let show = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"));
    for m in &report.metrics {
        out.push_str(&format!(
            "{:<36} {:>7} {:>9} {:>7}\n",
            m.name,
            show(m.value),
            show(m.baseline),
            m.count
        ));
    }
    out
}

/// Compares the report with the floors for its data set in a TOML file
/// (`[warrant]`, `[microtext]`, `[cdcp]` tables of `"metric" = floor`).
/// Returns the metrics below their floor; an unknown metric, or one with no
/// value, is an error.
pub fn check_floors(report: &Report, floors_path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(floors_path)
        .map_err(|e| format!("{}: {e}", floors_path.display()))?;
    let floors: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", floors_path.display()))?;
    let Some(section) = floors.get(report.dataset.name()) else {
        return Ok(Vec::new());
    };
    let section = section.as_table().ok_or_else(|| {
        format!(
            "{}: [{}] is not a table",
            floors_path.display(),
            report.dataset.name()
        )
    })?;
    let mut below = Vec::new();
    for (name, floor) in section {
        let floor = floor
            .as_float()
            .or_else(|| floor.as_integer().map(|i| i as f64))
            .ok_or_else(|| {
                format!(
                    "{}: the floor of `{name}` is not a number",
                    floors_path.display()
                )
            })?;
        let metric = report
            .metric(name)
            .ok_or_else(|| format!("{}: no metric `{name}`", floors_path.display()))?;
        let value = metric
            .value
            .ok_or_else(|| format!("{}: `{name}` has no value yet", floors_path.display()))?;
        if value < floor {
            below.push(format!("{name}: {value:.3} is below its floor {floor:.3}"));
        }
    }
    Ok(below)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_naive_splitter_breaks_at_every_stop() {
        let text = "Mr. Smith came. He left!  Why?";
        let spans: Vec<&str> = naive_sentences(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(spans, ["Mr.", "Smith came.", "He left!", "Why?"]);
    }

    #[test]
    fn the_modal_baseline() {
        assert!(modal_baseline("The council should act."));
        assert!(modal_baseline("We need to act."));
        assert!(!modal_baseline("The council acted."));
    }
}
