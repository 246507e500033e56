//! The rows kept for a sorted output, in memory bounded by `--top`: with a
//! limit of N, the rows are cut back to the best N whenever twice as many
//! (and at least a chunk's worth more) have gathered, so a `--top 20` over a
//! million articles holds a few thousand rows at most.

use super::row::{Row, SortKey};

pub struct Ranking {
    key: SortKey,
    limit: Option<usize>,
    rows: Vec<Row>,
}

/// The least number of rows beyond the limit gathered before a cut, so that
/// a small limit does not mean a sort every few rows.
const SLACK: usize = 4096;

impl Ranking {
    pub fn new(key: SortKey, limit: Option<usize>) -> Ranking {
        Ranking {
            key,
            limit,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
        if let Some(limit) = self.limit
            && self.rows.len() >= limit.saturating_mul(2).max(limit + SLACK)
        {
            self.cut(limit);
        }
    }

    fn cut(&mut self, limit: usize) {
        let key = self.key;
        // Every order ends with the input index, so no two rows are equal
        // and an unstable sort, which needs no buffer, is deterministic.
        self.rows.sort_unstable_by(|a, b| key.compare(a, b));
        self.rows.truncate(limit);
    }

    /// The rows in order, at most the limit.
    pub fn into_rows(mut self) -> Vec<Row> {
        self.cut(self.limit.unwrap_or(usize::MAX));
        self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::row::{Failure, Name};

    #[test]
    fn the_top_rows_survive_every_cut() {
        let mut ranking = Ranking::new(SortKey::File, Some(3));
        // Names in descending order, so that each cut drops the earliest rows.
        for index in 0..10_000 {
            ranking.push(Row {
                index,
                name: Name::File(format!("{:05}", 10_000 - index)),
                outcome: Err(Failure::NotFound),
            });
            assert!(ranking.rows.len() < 3 + SLACK);
        }
        let names: Vec<String> = ranking
            .into_rows()
            .iter()
            .map(|r| r.name.label().into_owned())
            .collect();
        assert_eq!(names, ["00001", "00002", "00003"]);
    }
}
