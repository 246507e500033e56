//! The summary of a batch, gathered row by row in constant memory: scores
//! are whole numbers from 0 to 100, so a histogram of them gives the mean
//! and the median exactly without keeping a score per article.

use super::row::Row;
use crate::lint::RULES;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Summary {
    /// Every article taken from the input, scored or failed.
    pub articles: usize,
    pub failed: usize,
    /// Files in walked directories that are not articles (not `.txt`).
    pub skipped: usize,
    /// How many scored articles have each score, 0 to 100.
    scores: [u64; 101],
    /// Per rule, in [`RULES`] order: findings, and articles with one or more.
    findings: [RuleTally; RULES.len()],
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RuleTally {
    pub findings: usize,
    pub articles: usize,
}

impl Default for Summary {
    fn default() -> Summary {
        Summary {
            articles: 0,
            failed: 0,
            skipped: 0,
            scores: [0; 101],
            findings: [RuleTally::default(); RULES.len()],
        }
    }
}

impl Summary {
    pub fn add(&mut self, row: &Row) {
        self.articles += 1;
        match &row.outcome {
            Ok(figures) => {
                self.scores[figures.score.min(100) as usize] += 1;
                for (tally, &count) in self.findings.iter_mut().zip(&figures.findings_by_rule) {
                    tally.findings += count;
                    tally.articles += usize::from(count > 0);
                }
            }
            Err(_) => self.failed += 1,
        }
    }

    pub fn scored(&self) -> usize {
        self.articles - self.failed
    }

    /// The mean score of the scored articles; `None` when there is none.
    pub fn mean(&self) -> Option<f64> {
        let total: u64 = (0..).zip(&self.scores).map(|(score, n)| score * n).sum();
        (self.scored() > 0).then(|| total as f64 / self.scored() as f64)
    }

    /// The median score (the mean of the middle two for an even count).
    pub fn median(&self) -> Option<f64> {
        let n = self.scored() as u64;
        if n == 0 {
            return None;
        }
        // The scores at 0-based ranks (n-1)/2 and n/2 of the sorted list.
        let at_rank = |rank: u64| {
            let mut seen = 0;
            for (score, &count) in self.scores.iter().enumerate() {
                seen += count;
                if seen > rank {
                    return score as f64;
                }
            }
            unreachable!("the histogram holds {n} scores")
        };
        Some((at_rank((n - 1) / 2) + at_rank(n / 2)) / 2.0)
    }

    /// The rules that fired, commonest first (most findings, then most
    /// articles, then rule order).
    pub fn commonest_findings(&self) -> Vec<(&'static str, RuleTally)> {
        let mut found: Vec<(&'static str, RuleTally)> = RULES
            .iter()
            .zip(self.findings)
            .filter(|(_, tally)| tally.findings > 0)
            .map(|(rule, tally)| (rule.id(), tally))
            .collect();
        found.sort_by_key(|(_, tally)| std::cmp::Reverse((tally.findings, tally.articles)));
        found
    }
}

/// The summary as json and jsonl write it; mean and median are rounded to
/// two decimals, and `null` when no article was scored.
impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Finding {
            rule: &'static str,
            #[serde(flatten)]
            tally: RuleTally,
        }
        #[derive(Serialize)]
        struct Fields {
            articles: usize,
            scored: usize,
            failed: usize,
            skipped: usize,
            mean_score: Option<f64>,
            median_score: Option<f64>,
            findings: Vec<Finding>,
        }
        let round = |x: f64| (x * 100.0).round() / 100.0;
        Fields {
            articles: self.articles,
            scored: self.scored(),
            failed: self.failed,
            skipped: self.skipped,
            mean_score: self.mean().map(round),
            median_score: self.median(),
            findings: self
                .commonest_findings()
                .into_iter()
                .map(|(rule, tally)| Finding { rule, tally })
                .collect(),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::row::{Failure, Figures, Name};

    fn row(score: Option<u32>, findings_by_rule: [usize; RULES.len()]) -> Row {
        Row {
            index: 0,
            name: Name::File("x".into()),
            outcome: score.map_or(Err(Failure::NotFound), |score| {
                Ok(Figures {
                    words: 0,
                    claims: 0,
                    evidence: 0,
                    speculation: 0,
                    supported_share: 1.0,
                    findings: findings_by_rule.iter().sum(),
                    findings_by_rule,
                    score,
                })
            }),
        }
    }

    #[test]
    fn mean_and_median_come_from_the_histogram() {
        let mut summary = Summary::default();
        assert_eq!((summary.mean(), summary.median()), (None, None));
        let none = [0; RULES.len()];
        for score in [Some(10), Some(40), None, Some(70), Some(100)] {
            summary.add(&row(score, none));
        }
        assert_eq!(
            (summary.articles, summary.failed, summary.scored()),
            (5, 1, 4)
        );
        assert_eq!(summary.mean(), Some(55.0));
        assert_eq!(summary.median(), Some(55.0));
        summary.add(&row(Some(0), none));
        assert_eq!(summary.median(), Some(40.0));
    }

    #[test]
    fn the_commonest_findings_come_first() {
        let mut summary = Summary::default();
        let mut counts = [0; RULES.len()];
        counts[1] = 3;
        counts[3] = 1;
        summary.add(&row(Some(50), counts));
        counts[1] = 0;
        summary.add(&row(Some(50), counts));
        let commonest = summary.commonest_findings();
        assert_eq!(commonest.len(), 2);
        assert_eq!(commonest[0].0, RULES[1].id());
        assert_eq!(
            commonest[0].1,
            RuleTally {
                findings: 3,
                articles: 1
            }
        );
        assert_eq!(
            commonest[1].1,
            RuleTally {
                findings: 2,
                articles: 2
            }
        );
    }
}
