//! Measuring the analysis against human annotation: gold readers, the
//! matching of units to gold spans, and precision/recall/F1.

pub mod cdcp;
pub mod gold;
pub mod metrics;
pub mod microtext;
pub mod report;

use crate::discourse::Unit;
use std::path::{Path, PathBuf};

/// The files of a directory whose names `keep` accepts, in name order (the
/// order every gold reader uses, so that figures do not depend on the file
/// system).
pub(crate) fn files_named(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| keep(&n.to_string_lossy())))
        .collect();
    out.sort();
    Ok(out)
}

/// The unit that overlaps the byte span `start..end` most, if any overlaps.
/// Every comparison of units with gold spans goes through here, so that all
/// figures match units the same way.
pub fn best_overlap(units: &[Unit], start: usize, end: usize) -> Option<&Unit> {
    units
        .iter()
        .map(|u| (u, u.end.min(end).saturating_sub(u.start.max(start))))
        .filter(|(_, overlap)| *overlap > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.id.cmp(&a.0.id)))
        .map(|(u, _)| u)
}
