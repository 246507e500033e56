//! Measuring the analysis against human annotation: gold readers, the
//! matching of units to gold spans, and precision/recall/F1.

pub mod cdcp;
pub mod gold;
pub mod metrics;
pub mod microtext;
pub mod report;

use crate::discourse::Unit;

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
