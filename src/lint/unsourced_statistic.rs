//! `unsourced-statistic`: a number offered as evidence with nowhere to check
//! it.

use super::{Context, Flag, Rule, Severity};
use crate::labels::{CueClass, Kind};

pub struct UnsourcedStatistic;

/// Whether a unit names a source: a citation or a report of someone's words.
fn is_source(context: &Context<'_>, unit: usize) -> bool {
    let unit = &context.units[unit];
    matches!(unit.kind, Kind::Reference | Kind::Testimony)
        || unit.fired.contains(CueClass::Reference)
        || unit.fired.contains(CueClass::Testimony)
}

impl Rule for UnsourcedStatistic {
    fn id(&self) -> &'static str {
        "unsourced-statistic"
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a statistic offered as evidence with no source"
    }

    fn explanation(&self) -> &'static str {
        "A number persuades because it looks checkable. A statistic with no source (\"according to \
the ONS\", \"a 2023 study in The Lancet\", a link) cannot be checked, and a reader cannot tell a \
measured figure from an invented one.\n\n\
The rule flags a unit labelled `evidence/statistic` when neither it nor a unit next to it in the \
same paragraph (the one before or after) names a source: a citation, a named study or report, a \
link, or someone's attributed words.\n\n\
To fix: say where the number comes from, in the same sentence or the next."
    }

    fn example(&self) -> &'static str {
        "Crime in the town centre rose by 40% last year."
    }

    fn check(&self, context: &Context<'_>) -> Vec<Flag> {
        let paragraph = |u: usize| context.document.sentences[context.units[u].sentence].paragraph;
        context
            .units
            .iter()
            .filter(|u| u.kind == Kind::Statistic)
            .filter_map(|unit| {
                let i = unit.id;
                let neighbours = [i.checked_sub(1), Some(i + 1)]
                    .into_iter()
                    .flatten()
                    .filter(|&n| n < context.units.len() && paragraph(n) == paragraph(i));
                let sourced =
                    is_source(context, i) || neighbours.into_iter().any(|n| is_source(context, n));
                (!sourced).then(|| Flag {
                    unit: i,
                    message: "statistic with no source: nothing says where the figure comes from"
                        .to_string(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::flagged;

    const RULE: &str = "unsourced-statistic";

    #[test]
    fn a_bare_percentage_is_flagged() {
        assert_eq!(
            flagged(RULE, "Crime in the town centre rose by 40% last year."),
            vec!["Crime in the town centre rose by 40% last year."]
        );
    }

    #[test]
    fn a_figure_with_its_source_is_not() {
        assert!(
            flagged(
                RULE,
                "According to the Office for National Statistics, crime in the town centre rose \
                 by 40% last year."
            )
            .is_empty()
        );
        assert!(
            flagged(
                RULE,
                "Crime in the town centre rose by 40% last year. The figure comes from a 2024 \
                 report by the Home Office (p. 12)."
            )
            .is_empty()
        );
    }
}
