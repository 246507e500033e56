//! The Cornell eRulemaking corpus (CDCP): `NNNNN.txt` with `NNNNN.ann.json`
//! holding typed propositions (character offsets) and reason/evidence links.

use crate::labels::Kind;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// CDCP's five proposition types.
pub const LABELS: [&str; 5] = ["policy", "value", "fact", "testimony", "reference"];

/// The CDCP type our kind maps to (DESIGN.md): hedges are value judgements
/// there, statistics and reported speech are facts, first-person experience
/// is testimony. Kinds of the `other` role have no CDCP type.
pub fn label_of(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Policy => Some("policy"),
        Kind::Value | Kind::Hedge => Some("value"),
        Kind::Fact | Kind::Prediction | Kind::Statistic | Kind::Testimony => Some("fact"),
        Kind::Anecdote => Some("testimony"),
        Kind::Reference => Some("reference"),
        Kind::Question | Kind::Heading | Kind::Filler => None,
    }
}

#[derive(Debug, Deserialize)]
struct Annotation {
    prop_labels: Vec<String>,
    prop_offsets: Vec<(usize, usize)>,
    #[serde(default)]
    reasons: Vec<((usize, usize), usize)>,
    #[serde(default)]
    evidences: Vec<((usize, usize), usize)>,
}

/// One proposition, with its span converted to bytes of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposition {
    pub label: String,
    pub start: usize,
    pub end: usize,
    /// Whether some reason or evidence link points at it.
    pub supported: bool,
}

#[derive(Debug, Clone)]
pub struct CdcpDocument {
    pub path: PathBuf,
    pub text: String,
    pub propositions: Vec<Proposition>,
}

/// Reads one document from its `.txt` path.
pub fn read(txt: &Path) -> Result<CdcpDocument, String> {
    let text = std::fs::read_to_string(txt).map_err(|e| format!("{}: {e}", txt.display()))?;
    let ann_path = txt.with_extension("ann.json");
    let ann =
        std::fs::read_to_string(&ann_path).map_err(|e| format!("{}: {e}", ann_path.display()))?;
    let ann: Annotation =
        serde_json::from_str(&ann).map_err(|e| format!("{}: {e}", ann_path.display()))?;
    if ann.prop_labels.len() != ann.prop_offsets.len() {
        return Err(format!(
            "{}: {} labels but {} offsets",
            ann_path.display(),
            ann.prop_labels.len(),
            ann.prop_offsets.len()
        ));
    }
    // Character offsets to byte offsets.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte = |c: usize| {
        bytes.get(c).copied().ok_or_else(|| {
            format!(
                "{}: offset {c} is past the end of the text",
                ann_path.display()
            )
        })
    };
    let mut supported = vec![false; ann.prop_labels.len()];
    for (_, target) in ann.reasons.iter().chain(&ann.evidences) {
        if let Some(s) = supported.get_mut(*target) {
            *s = true;
        }
    }
    let propositions = ann
        .prop_labels
        .iter()
        .zip(&ann.prop_offsets)
        .zip(supported)
        .map(|((label, &(start, end)), supported)| {
            Ok(Proposition {
                label: label.clone(),
                start: byte(start)?,
                end: byte(end)?,
                supported,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(CdcpDocument {
        path: txt.to_path_buf(),
        text,
        propositions,
    })
}

/// Reads every document of a CDCP directory (each `NNNNN.ann.json` with its
/// `NNNNN.txt`), in file-name order.
pub fn read_dir(dir: &Path) -> Result<Vec<CdcpDocument>, String> {
    let annotations = super::files_named(dir, |n| n.ends_with(".ann.json"))?;
    annotations
        .iter()
        .map(|p| {
            read(&PathBuf::from(
                p.to_string_lossy()
                    .trim_end_matches(".ann.json")
                    .to_string()
                    + ".txt",
            ))
        })
        .collect()
}
