//! One row of `warrant score`: an article's name and either its figures or
//! the reason it could not be scored, and the orders rows are sorted in.

use crate::analysis::ArticleScore;
use crate::labels::Role;
use crate::lint::RULES;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::borrow::Cow;
use std::cmp::Ordering;

/// What an article is called in the output.
#[derive(Debug, Clone, PartialEq)]
pub enum Name {
    /// A file, shown as its path was given or found (`-` for standard input).
    File(String),
    /// A record of `--jsonl-input`, on a 1-based line of `source`.
    Record {
        source: String,
        line: usize,
        /// The record's `id`, kept as given so that a pipeline can join the
        /// output back on it; `None` when the line has none (or is not JSON).
        id: Option<serde_json::Value>,
    },
}

impl Name {
    /// The name in the table, the csv, and messages: the path, the record's
    /// id, or `SOURCE:LINE` for a record without one.
    pub fn label(&self) -> Cow<'_, str> {
        match self {
            Name::File(path) => Cow::Borrowed(path),
            Name::Record {
                id: Some(serde_json::Value::String(id)),
                ..
            } => Cow::Borrowed(id),
            Name::Record { id: Some(id), .. } => Cow::Owned(id.to_string()),
            Name::Record {
                source,
                line,
                id: None,
            } => Cow::Owned(format!("{source}:{line}")),
        }
    }
}

/// Why an article has no figures. The article's name is not part of the
/// message: rows and error lines put it in front.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("no such file or directory")]
    NotFound,
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    #[error("not valid UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    #[error("cannot walk the directory: {0}")]
    Walk(String),
    #[error("not a JSON record {{\"id\": …, \"text\": \"…\"}}: {0}")]
    BadRecord(String),
    /// A list names `-`: standard input is then the list itself, or the
    /// records, or read by another source, so it cannot also be an article.
    #[error("standard input can be an article only when named on the command line")]
    StdinInList,
    /// A bug in the analysis: the batch goes on without this article.
    #[error("the analysis failed (a bug in warrant; please report it): {0}")]
    Panicked(String),
}

impl Name {
    /// Where to look for the article: its path, or `SOURCE:LINE` for a
    /// record (its id may not tell which line is broken).
    pub fn location(&self) -> Cow<'_, str> {
        match self {
            Name::File(path) => Cow::Borrowed(path),
            Name::Record { source, line, .. } => Cow::Owned(format!("{source}:{line}")),
        }
    }
}

impl Failure {
    /// The failure an I/O error on an article's file stands for.
    pub fn of_io(error: std::io::Error) -> Failure {
        match error.kind() {
            std::io::ErrorKind::NotFound => Failure::NotFound,
            _ => Failure::Read(error),
        }
    }
}

/// The figures of one scored article.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Whitespace-separated words, as `wc -w` counts them.
    pub words: usize,
    pub claims: usize,
    pub evidence: usize,
    pub speculation: usize,
    /// The score's support coverage: the share of conclusions with a premise.
    pub supported_share: f64,
    pub findings: usize,
    /// Findings of each rule, in the order of [`RULES`].
    pub findings_by_rule: [usize; RULES.len()],
    pub score: u32,
}

impl Figures {
    pub fn of(scored: &ArticleScore) -> Figures {
        let score = &scored.score;
        let count = |role: Role| score.by_role[role as usize];
        Figures {
            words: scored.word_count,
            claims: count(Role::Claim),
            evidence: count(Role::Evidence),
            speculation: count(Role::Speculation),
            supported_share: score.support_coverage,
            findings: score.by_rule.iter().sum(),
            findings_by_rule: score.by_rule,
            score: score.overall,
        }
    }
}

/// One article of the batch.
#[derive(Debug)]
pub struct Row {
    /// The article's place in the input, counting from 0: the last word of
    /// every order, so that sorting is deterministic even between articles
    /// of the same name.
    pub index: usize,
    pub name: Name,
    pub outcome: Result<Figures, Failure>,
}

/// How `--sort` orders rows. Failed articles have no figures and come last
/// in the orders by figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Highest score first, ties by name.
    Score,
    /// By name (path or record id), as text.
    File,
    /// Most findings first, ties by lowest score, then by name.
    Findings,
}

impl SortKey {
    pub fn compare(self, a: &Row, b: &Row) -> Ordering {
        let by_figures = match (&a.outcome, &b.outcome, self) {
            (_, _, SortKey::File) => Ordering::Equal,
            (Ok(x), Ok(y), SortKey::Score) => y.score.cmp(&x.score),
            (Ok(x), Ok(y), SortKey::Findings) => {
                y.findings.cmp(&x.findings).then(x.score.cmp(&y.score))
            }
            (Ok(_), Err(_), _) => Ordering::Less,
            (Err(_), Ok(_), _) => Ordering::Greater,
            (Err(_), Err(_), _) => Ordering::Equal,
        };
        by_figures
            .then_with(|| a.name.label().cmp(&b.name.label()))
            .then(a.index.cmp(&b.index))
    }
}

/// A row as json and jsonl write it: `file` (or `id` and `line` for a
/// record), then the figures with `findings_by_rule` naming every rule, or
/// `error` with the reason.
impl Serialize for Row {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.name {
            Name::File(path) => map.serialize_entry("file", path)?,
            Name::Record { line, id, .. } => {
                map.serialize_entry("id", id)?;
                map.serialize_entry("line", line)?;
            }
        }
        match &self.outcome {
            Ok(figures) => {
                map.serialize_entry("words", &figures.words)?;
                map.serialize_entry("claims", &figures.claims)?;
                map.serialize_entry("evidence", &figures.evidence)?;
                map.serialize_entry("speculation", &figures.speculation)?;
                map.serialize_entry("supported_share", &figures.supported_share)?;
                map.serialize_entry("findings", &figures.findings)?;
                map.serialize_entry("findings_by_rule", &ByRule(&figures.findings_by_rule))?;
                map.serialize_entry("score", &figures.score)?;
            }
            Err(failure) => map.serialize_entry("error", &failure.to_string())?,
        }
        map.end()
    }
}

/// Counts per rule as a JSON object keyed by rule id, in [`RULES`] order.
struct ByRule<'a>(&'a [usize; RULES.len()]);

impl Serialize for ByRule<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(RULES.len()))?;
        for (rule, count) in RULES.iter().zip(self.0) {
            map.serialize_entry(rule.id(), count)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: usize, name: &str, score: Option<(u32, usize)>) -> Row {
        Row {
            index,
            name: Name::File(name.to_string()),
            outcome: match score {
                Some((score, findings)) => Ok(Figures {
                    words: 10,
                    claims: 1,
                    evidence: 1,
                    speculation: 0,
                    supported_share: 1.0,
                    findings,
                    findings_by_rule: [0; RULES.len()],
                    score,
                }),
                None => Err(Failure::NotFound),
            },
        }
    }

    fn sorted(key: SortKey, mut rows: Vec<Row>) -> Vec<usize> {
        rows.sort_by(|a, b| key.compare(a, b));
        rows.iter().map(|r| r.index).collect()
    }

    #[test]
    fn failures_sort_last_and_ties_go_by_name_then_input_order() {
        let rows = || {
            vec![
                row(0, "b.txt", Some((50, 1))),
                row(1, "gone.txt", None),
                row(2, "a.txt", Some((50, 2))),
                row(3, "c.txt", Some((80, 0))),
                row(4, "a.txt", Some((50, 2))),
            ]
        };
        assert_eq!(sorted(SortKey::Score, rows()), [3, 2, 4, 0, 1]);
        assert_eq!(sorted(SortKey::File, rows()), [2, 4, 0, 3, 1]);
        assert_eq!(sorted(SortKey::Findings, rows()), [2, 4, 0, 3, 1]);
    }

    #[test]
    fn a_record_is_named_by_its_id_or_else_its_line() {
        let record = |id| Name::Record {
            source: "-".into(),
            line: 3,
            id,
        };
        assert_eq!(record(Some("op-ed 7".into())).label(), "op-ed 7");
        assert_eq!(record(Some(17.into())).label(), "17");
        assert_eq!(record(None).label(), "-:3");
    }

    #[test]
    fn json_names_every_rule_or_the_error() {
        let ok = serde_json::to_value(row(0, "a.txt", Some((62, 0)))).unwrap();
        assert_eq!(ok["file"], "a.txt");
        assert_eq!(ok["score"], 62);
        assert_eq!(
            ok["findings_by_rule"].as_object().unwrap().len(),
            RULES.len()
        );
        let failed = serde_json::to_value(row(1, "gone.txt", None)).unwrap();
        assert_eq!(
            failed,
            serde_json::json!({"file": "gone.txt", "error": "no such file or directory"})
        );
    }
}
