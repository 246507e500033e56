//! Writing rows: the table for people (every row known, sorted, then the
//! summary), and csv, json and jsonl for programs, which stream rows as
//! they come.
//!
//! - csv: a header, then one line an article: `file` (a record's id), the figures, one
//!   column of findings per rule, and `error` (empty unless the article
//!   failed, when the figures are empty). No summary: the rows hold it.
//! - json: one document, `{"articles":[ROW, …],"summary":SUMMARY}`, a
//!   row a line.
//! - jsonl: a row a line, then a last line `{"summary":SUMMARY}`, the one
//!   object with a `summary` key.

use super::row::{Name, Row};
use super::summary::Summary;
use crate::lint::RULES;
use colored::Colorize;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns sorted by `--sort` (score by default), then the summary.
    Table,
    /// A header and a row an article, in input order unless `--sort`.
    Csv,
    /// One document: `{"articles": [...], "summary": {...}}`.
    Json,
    /// An object a line, then `{"summary": {...}}`.
    Jsonl,
}

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    pub colour: bool,
    /// Lines are fitted to this many columns by shortening long names
    /// (`usize::MAX` for no limit).
    pub width: usize,
}

/// What is written before the first row.
pub fn begin(format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Csv => {
            let mut header = String::from(
                "file,words,claims,evidence,speculation,supported_share,findings,score",
            );
            for rule in RULES {
                header.push(',');
                header.push_str(rule.id());
            }
            writeln!(out, "{header},error")
        }
        Format::Json => write!(out, "{{\"articles\":["),
        Format::Table | Format::Jsonl => Ok(()),
    }
}

/// Room for a JSON row of figures, most of which are shorter. A row is
/// written into a buffer of its own and then to `out` in one call: the
/// serializer's many small writes cost less into a vector than each
/// through `dyn Write`.
const ROW_BYTES: usize = 512;

/// One row of a machine format; `first` says whether any row came before.
pub fn row(format: Format, row: &Row, first: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Csv => writeln!(out, "{}", csv_line(row)),
        Format::Json => {
            let mut line = Vec::with_capacity(ROW_BYTES);
            line.extend_from_slice(if first { b"\n" } else { b",\n" });
            serde_json::to_writer(&mut line, row)?;
            out.write_all(&line)
        }
        Format::Jsonl => {
            let mut line = Vec::with_capacity(ROW_BYTES);
            serde_json::to_writer(&mut line, row)?;
            line.push(b'\n');
            out.write_all(&line)
        }
        Format::Table => unreachable!("the table is written whole by `table`"),
    }
}

/// What is written after the last row of a machine format.
pub fn end(format: Format, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            write!(out, "\n],\n\"summary\":")?;
            serde_json::to_writer(&mut *out, summary)?;
            writeln!(out, "}}")
        }
        Format::Jsonl => {
            write!(out, "{{\"summary\":")?;
            serde_json::to_writer(&mut *out, summary)?;
            writeln!(out, "}}")
        }
        Format::Csv | Format::Table => Ok(()),
    }
}

fn csv_line(row: &Row) -> String {
    let mut fields = vec![csv_field(&row.name.label())];
    match &row.outcome {
        Ok(f) => {
            fields.extend(
                [f.words, f.claims, f.evidence, f.speculation]
                    .iter()
                    .map(usize::to_string),
            );
            fields.push(f.supported_share.to_string());
            fields.push(f.findings.to_string());
            fields.push(f.score.to_string());
            fields.extend(f.findings_by_rule.iter().map(usize::to_string));
            fields.push(String::new());
        }
        Err(failure) => {
            fields.extend(std::iter::repeat_n(String::new(), 7 + RULES.len()));
            fields.push(csv_field(&failure.to_string()));
        }
    }
    fields.join(",")
}

/// A field quoted as RFC 4180 asks when it holds a comma, a quote, a line
/// break or surrounding spaces.
fn csv_field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r']) || text.trim() != text;
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

const TABLE_HEADER: [&str; 8] = [
    "file",
    "words",
    "claims",
    "evidence",
    "speculation",
    "supported",
    "findings",
    "score",
];

/// The narrowest the file column is made to fit the width.
const MIN_NAME_WIDTH: usize = 20;

/// The table of `rows` (scored articles, already sorted and cut to
/// `--top`), then the summary of the whole batch.
pub fn table(
    rows: &[Row],
    summary: &Summary,
    style: TableStyle,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Two passes over the rows, formatting each twice, rather than holding
    // every line's cells: the rows of a large batch are memory enough.
    let mut widths = TABLE_HEADER.map(str::len);
    let mut shown = 0;
    for cells in rows.iter().filter_map(table_cells) {
        shown += 1;
        for (width, cell) in widths.iter_mut().zip(&cells) {
            *width = (*width).max(cell.width());
        }
    }
    // Long paths give way first: the figures are what the table is for.
    let figures_width: usize = widths[1..].iter().map(|w| w + 2).sum();
    widths[0] = widths[0].min(
        style
            .width
            .saturating_sub(figures_width)
            .max(MIN_NAME_WIDTH),
    );

    if shown > 0 {
        let header = table_line(&TABLE_HEADER.map(String::from), &widths);
        if style.colour {
            writeln!(out, "{}", header.bold())?;
        } else {
            writeln!(out, "{header}")?;
        }
        for cells in rows.iter().filter_map(table_cells) {
            writeln!(out, "{}", table_line(&cells, &widths))?;
        }
        writeln!(out)?;
    }
    if shown < summary.scored() {
        writeln!(
            out,
            "showing {shown} of {} scored articles",
            summary.scored()
        )?;
    }
    write!(out, "{}", summary_text(summary))
}

fn table_cells(row: &Row) -> Option<[String; 8]> {
    let f = row.outcome.as_ref().ok()?;
    Some([
        row.name.label().into_owned(),
        f.words.to_string(),
        f.claims.to_string(),
        f.evidence.to_string(),
        f.speculation.to_string(),
        format!("{:.2}", f.supported_share),
        f.findings.to_string(),
        f.score.to_string(),
    ])
}

/// The name left-aligned (shortened from the left, where paths share their
/// prefix), the figures right-aligned.
fn table_line(cells: &[String; 8], widths: &[usize; 8]) -> String {
    let mut line = fit_left(&cells[0], widths[0]);
    let pad = widths[0] - line.width();
    line.extend(std::iter::repeat_n(' ', pad));
    for (cell, width) in cells[1..].iter().zip(&widths[1..]) {
        line.push_str(&format!("  {cell:>width$}"));
    }
    line
}

/// `text` cut to `width` columns by dropping characters from its start,
/// marked with "…".
fn fit_left(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut kept_width = 1; // the "…"
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if kept_width + w > width {
            break;
        }
        kept_width += w;
        kept.insert(0, c);
    }
    format!("…{kept}")
}

/// The summary block under the table:
///
/// ```text
/// 15 articles: 14 scored, 1 failed; 16 other files skipped (not .txt)
/// score: mean 56.47, median 58
/// commonest findings:
///   unsupported-recommendation  32 in 12 articles
///   …
/// ```
pub fn summary_text(summary: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "{}: {} scored, {} failed",
        plural(summary.articles, "article", "articles"),
        summary.scored(),
        summary.failed
    );
    if summary.skipped > 0 {
        let extensions: Vec<String> = super::inputs::ARTICLE_EXTENSIONS
            .iter()
            .map(|x| format!(".{x}"))
            .collect();
        text.push_str(&format!(
            "; {} skipped (not {})",
            plural(summary.skipped, "other file", "other files"),
            extensions.join(", ")
        ));
    }
    text.push('\n');
    if let (Some(mean), Some(median)) = (summary.mean(), summary.median()) {
        text.push_str(&format!("score: mean {mean:.2}, median {median}\n"));
    }
    let commonest = summary.commonest_findings();
    let rule_width = commonest.iter().take(3).map(|(rule, _)| rule.len()).max();
    let count_width = commonest
        .iter()
        .take(3)
        .map(|(_, tally)| tally.findings.to_string().len())
        .max();
    match (rule_width, count_width) {
        (Some(rule_width), Some(count_width)) => {
            text.push_str("commonest findings:\n");
            for (rule, tally) in commonest.iter().take(3) {
                text.push_str(&format!(
                    "  {rule:<rule_width$}  {:>count_width$} in {}\n",
                    tally.findings,
                    plural(tally.articles, "article", "articles")
                ));
            }
        }
        _ if summary.scored() > 0 => text.push_str("no findings\n"),
        _ => {}
    }
    text
}

/// The line for a failed article on standard error, without the
/// `warrant: ` prefix.
pub fn failure_line(name: &Name, failure: &super::row::Failure) -> String {
    format!("{}: {failure}", name.location())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_field("corpus/a.txt"), "corpus/a.txt");
        assert_eq!(csv_field("a, b.txt"), "\"a, b.txt\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field(" lead"), "\" lead\"");
    }

    #[test]
    fn long_names_lose_their_start() {
        assert_eq!(
            fit_left("corpus/school-phones.txt", 30),
            "corpus/school-phones.txt"
        );
        assert_eq!(fit_left("corpus/school-phones.txt", 12), "…-phones.txt");
        assert_eq!(fit_left("corpus/school-phones.txt", 12).width(), 12);
    }
}
