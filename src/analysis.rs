//! The analysis of one article: the JSON contract of `analyse --format json`
//! (see DESIGN.md), built from the pipeline's stages.

use crate::discourse::{self, Unit};
use crate::grammar::Lexicon;
use crate::labels::Role;
use crate::text::{self, Document};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub file: String,
    pub sentences: Vec<SentenceEntry>,
    pub units: Vec<Unit>,
    pub relations: Vec<Relation>,
    pub main_claims: Vec<usize>,
    pub findings: Vec<Finding>,
    pub score: Score,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceEntry {
    pub id: usize,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub units: Vec<usize>,
}

/// "`from` supports (or attacks) `to`". Filled by the support graph.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    pub from: usize,
    pub to: usize,
    pub kind: String,
    pub cue: Option<String>,
    pub explicit: bool,
}

/// A weak spot a lint rule found. Filled by the lint stage.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: String,
    pub unit: usize,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Per-article metrics. `overall` and `support_coverage` need the support
/// graph and stay 0 until it exists; the counts and shares are real.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub overall: u32,
    pub support_coverage: f64,
    pub evidence_per_claim: f64,
    pub speculation_share: f64,
    pub counts: BTreeMap<&'static str, usize>,
}

impl Score {
    fn from_units(units: &[Unit]) -> Score {
        let mut counts: BTreeMap<&'static str, usize> =
            Role::ALL.iter().map(|r| (r.name(), 0)).collect();
        for unit in units {
            *counts.entry(unit.role.name()).or_default() += 1;
        }
        let claims = counts["claim"];
        let argumentative = claims + counts["evidence"] + counts["speculation"];
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                (a as f64 / b as f64 * 100.0).round() / 100.0
            }
        };
        Score {
            overall: 0,
            support_coverage: 0.0,
            evidence_per_claim: ratio(counts["evidence"], claims),
            speculation_share: ratio(counts["speculation"], argumentative),
            counts,
        }
    }
}

impl Analysis {
    /// Runs the pipeline over `source`, the text of the input named `file`.
    pub fn of(file: &str, source: &str, lexicon: &Lexicon) -> Analysis {
        let document = text::segment(source, lexicon);
        let units = discourse::analyse(source, &document, lexicon);
        Analysis::assemble(file, &document, units)
    }

    fn assemble(file: &str, document: &Document, units: Vec<Unit>) -> Analysis {
        let mut sentences: Vec<SentenceEntry> = document
            .sentences
            .iter()
            .enumerate()
            .map(|(id, s)| SentenceEntry {
                id,
                paragraph: s.paragraph,
                start: s.start,
                end: s.end,
                units: Vec::new(),
            })
            .collect();
        for unit in &units {
            sentences[unit.sentence].units.push(unit.id);
        }
        Analysis {
            file: file.to_string(),
            sentences,
            score: Score::from_units(&units),
            units,
            relations: Vec::new(),
            main_claims: Vec::new(),
            findings: Vec::new(),
        }
    }
}
