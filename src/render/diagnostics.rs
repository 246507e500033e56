//! Findings shown the way rustc and cargo show diagnostics: a title naming
//! the rule, the place, the sentence with the flagged unit underlined and
//! labelled, and a closing count. [`compact`] gives one line a finding, for
//! editors and scripts.

use crate::analysis::Analysis;
use crate::lint::{Finding, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// How diagnostics are drawn. The caller decides both, as it decides colour
/// for the rest of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Whether to colour with ANSI escapes.
    pub colour: bool,
    /// The columns to draw in; long prose lines are trimmed to fit.
    pub width: usize,
}

/// The width diagnostics are cut to when neither the terminal nor
/// `COLUMNS` says: roomier than a terminal's 80 columns, since the output is
/// likely a file or a pipe.
pub const DEFAULT_WIDTH: usize = 100;

/// Every finding as a diagnostic, each followed by a blank line, then a line
/// counting them by rule; empty when there is no finding.
pub fn render(analysis: &Analysis, source: &str, style: Style) -> String {
    let Some(worst) = analysis.findings.iter().map(|f| f.severity).max() else {
        return String::new();
    };
    let mut out = String::new();
    for finding in &analysis.findings {
        out.push_str(&diagnostic(analysis, source, finding, style));
        out.push_str("\n\n");
    }
    // The summary takes the level of the worst finding, as cargo's does.
    let summary = &[Group::with_title(
        level(worst).primary_title(summary(&analysis.findings)),
    )];
    out.push_str(&renderer(style).render(summary));
    out.push('\n');
    out
}

fn renderer(style: Style) -> Renderer {
    let renderer = if style.colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.term_width(style.width)
}

/// One line a finding, `FILE:LINE:COLUMN: RULE: MESSAGE`, and nothing else.
pub fn compact(analysis: &Analysis) -> String {
    analysis
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}: {}\n",
                analysis.file, f.line, f.column, f.rule, f.message
            )
        })
        .collect()
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Warning => Level::WARNING,
        Severity::Error => Level::ERROR,
    }
}

/// "3 findings (2 unsupported-recommendation, 1 unsourced-statistic)": the
/// commonest rule first.
fn summary(findings: &[Finding]) -> String {
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in findings {
        *by_rule.entry(finding.rule).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = by_rule.into_iter().collect();
    counts.sort_by_key(|&(rule, n)| (std::cmp::Reverse(n), rule));
    let counts: Vec<String> = counts
        .iter()
        .map(|(rule, n)| format!("{n} {rule}"))
        .collect();
    let noun = if findings.len() == 1 {
        "finding"
    } else {
        "findings"
    };
    format!("{} {noun} ({})", findings.len(), counts.join(", "))
}

/// One finding: title, place, and its unit's sentence with the unit
/// underlined and labelled with its role and kind.
fn diagnostic(analysis: &Analysis, source: &str, finding: &Finding, style: Style) -> String {
    let unit = &analysis.units[finding.unit];
    let sentence = &analysis.sentences[unit.sentence];
    let label = format!("{}/{}", unit.role, unit.kind);
    let excerpt = Excerpt::of(
        source,
        sentence.start..sentence.end,
        finding.start..finding.end,
        finding.line,
        style.width,
        text_width(&label),
    );
    let report = &[level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(finding.rule)
        .element(
            Snippet::source(excerpt.text.as_str())
                .line_start(excerpt.first_line)
                // A sentence is shown whole, even its lines the unit does not touch.
                .fold(false)
                .annotation(
                    AnnotationKind::Primary
                        .span(excerpt.unit.clone())
                        .label(label.as_str()),
                ),
        )];
    let rendered = renderer(style).render(report);
    // annotate-snippets would take the place from the excerpt, which starts
    // at the sentence and may be cut, not at the start of the line; so the
    // excerpt goes without a path and the true place is written here, where
    // rustc writes it, under the title and aligned with the gutter.
    let (title, body) = rendered.split_once('\n').unwrap_or((&rendered, ""));
    let arrow = if style.colour {
        let style = annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE;
        format!("{style}-->{style:#}")
    } else {
        "-->".to_string()
    };
    format!(
        "{title}\n{:gutter$}{arrow} {}:{}:{}\n{body}",
        "",
        analysis.file,
        finding.line,
        finding.column,
        gutter = excerpt.last_line().to_string().len(),
    )
}

/// A unit is never cut to fewer columns than this, however narrow the width.
const MIN_UNIT_WIDTH: usize = 20;

/// What marks text left out of a line, as annotate-snippets marks it. It
/// stands apart from the words beside it, so that it is not read as theirs.
const ELLIPSIS: &str = "...";

/// The columns an ellipsis takes at one end of a line, with its space.
const END_ELLIPSIS_WIDTH: usize = ELLIPSIS.len() + 1;

/// What a diagnostic shows of a sentence: its lines, each cut to the width
/// around the unit. annotate-snippets can cut a line too, but it keeps a span
/// whole unless it is twice the width, and prose units are often wider than a
/// terminal; so the cutting is done here, and the unit, when it is too wide,
/// loses its middle.
#[derive(Debug, Clone, PartialEq)]
struct Excerpt {
    /// The lines shown, joined by `\n`.
    text: String,
    /// The 1-based line number, in the file, of the excerpt's first line.
    first_line: usize,
    /// The unit's byte span in `text`.
    unit: Range<usize>,
}

impl Excerpt {
    /// The excerpt of `sentence`, a span of `source`, that shows `unit`
    /// (which starts on line `unit_line`) in `width` columns with a label
    /// `label_width` columns wide.
    fn of(
        source: &str,
        sentence: Range<usize>,
        unit: Range<usize>,
        unit_line: usize,
        width: usize,
        label_width: usize,
    ) -> Excerpt {
        // The finding knows its unit's line; the sentence may start earlier.
        let first_line = unit_line - source[sentence.start..unit.start].matches('\n').count();
        let sentence_text = &source[sentence.clone()];
        let unit = unit.start - sentence.start..unit.end - sentence.start;
        let last_line = first_line + sentence_text.matches('\n').count();
        // The gutter is the line number and " | "; a unit over several lines
        // also draws a bar and a space between the gutter and the text.
        let mut used = last_line.to_string().len() + 3;
        if sentence_text[unit.clone()].contains('\n') {
            used += 2;
        }
        let columns = width.saturating_sub(used);
        // Room for text left of the underline's end, so that the label fits after it.
        let before_label = columns.saturating_sub(label_width + 1);

        let mut text = String::with_capacity(sentence_text.len());
        let mut shown_unit = 0..0;
        let mut line_start = 0;
        for line in sentence_text.split('\n') {
            let content = line.strip_suffix('\r').unwrap_or(line);
            let within = |offset: usize| {
                (line_start..=line_start + content.len())
                    .contains(&offset)
                    .then(|| offset - line_start)
            };
            let offset = text.len();
            match (within(unit.start), within(unit.end)) {
                (Some(start), Some(end)) => {
                    let shown = Shown::unit(content, start..end, columns, before_label);
                    shown_unit = offset + shown.keep.start..offset + shown.keep.end;
                    text.push_str(&shown.text);
                }
                (Some(start), None) => {
                    // The unit goes on below: its start must show, in the left half.
                    let shown = Shown::cut(content, start..start, columns, columns / 2);
                    shown_unit.start = offset + shown.keep.start;
                    text.push_str(&shown.text);
                }
                (None, Some(end)) => {
                    let shown = Shown::cut(content, end..end, columns, before_label);
                    shown_unit.end = offset + shown.keep.end;
                    text.push_str(&shown.text);
                }
                (None, None) => text.push_str(&Shown::cut(content, 0..0, columns, 0).text),
            }
            text.push('\n');
            line_start += line.len() + 1;
        }
        text.pop();
        Excerpt {
            text,
            first_line,
            unit: shown_unit,
        }
    }

    fn last_line(&self) -> usize {
        self.first_line + self.text.matches('\n').count()
    }
}

/// One line as shown, and where the part that had to stay whole ended up.
struct Shown {
    text: String,
    keep: Range<usize>,
}

impl Shown {
    /// `line` cut to `columns`, keeping `keep` whole, with at most
    /// `left_columns` of text before it. Cuts fall between words.
    fn cut(line: &str, keep: Range<usize>, columns: usize, left_columns: usize) -> Shown {
        let before = &line[..keep.start];
        let mut text = String::with_capacity(columns);
        if text_width(before) > left_columns {
            text.push_str(ELLIPSIS);
            text.push(' ');
            text.push_str(word_suffix(
                before,
                left_columns.saturating_sub(END_ELLIPSIS_WIDTH),
            ));
        } else {
            text.push_str(before);
        }
        let start = text.len();
        text.push_str(&line[keep.clone()]);
        let end = text.len();
        let after = &line[keep.end..];
        let room = columns.saturating_sub(text_width(&text));
        if text_width(after) > room {
            text.push_str(word_prefix(after, room.saturating_sub(END_ELLIPSIS_WIDTH)));
            text.push(' ');
            text.push_str(ELLIPSIS);
        } else {
            text.push_str(after);
        }
        Shown {
            text,
            keep: start..end,
        }
    }

    /// `line` with the whole of `unit` in it, cut to `columns` so that the
    /// unit ends by `before_label`; a unit too wide for that loses its middle.
    fn unit(line: &str, unit: Range<usize>, columns: usize, before_label: usize) -> Shown {
        let before = &line[..unit.start];
        // Text before the unit costs at most an ellipsis.
        let left = text_width(before).min(END_ELLIPSIS_WIDTH);
        let room = before_label.saturating_sub(left).max(MIN_UNIT_WIDTH);
        let shortened = elide_middle(&line[unit.clone()], room);
        let mut rebuilt = String::with_capacity(line.len());
        rebuilt.push_str(before);
        rebuilt.push_str(&shortened);
        rebuilt.push_str(&line[unit.end..]);
        let keep = unit.start..unit.start + shortened.len();
        let left_columns = before_label.saturating_sub(text_width(&shortened));
        Shown::cut(&rebuilt, keep, columns, left_columns)
    }
}

/// `text` if it fits in `columns`, else its start and end around an
/// ellipsis. The start keeps the larger part: the start of a unit usually
/// says more (its subject, its modal) than its end.
fn elide_middle(text: &str, columns: usize) -> Cow<'_, str> {
    if text_width(text) <= columns {
        return Cow::Borrowed(text);
    }
    // The ellipsis and a space each side.
    let kept = columns.saturating_sub(ELLIPSIS.len() + 2);
    let tail = kept / 3;
    Cow::Owned(format!(
        "{} {ELLIPSIS} {}",
        word_prefix(text, kept - tail),
        word_suffix(text, tail)
    ))
}

/// Display columns, as annotate-snippets counts them: a tab is four, and a
/// control character is shown as one symbol.
fn char_width(c: char) -> usize {
    if c == '\t' { 4 } else { c.width().unwrap_or(1) }
}

fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The longest start of `text` at most `columns` wide that ends between
/// words (or mid-word when it holds no space), without the space.
fn word_prefix(text: &str, columns: usize) -> &str {
    let mut used = 0;
    let mut end = text.len();
    for (at, c) in text.char_indices() {
        used += char_width(c);
        if used > columns {
            end = at;
            break;
        }
    }
    let prefix = &text[..end];
    if text[end..].is_empty() || text[end..].starts_with(char::is_whitespace) {
        return prefix.trim_end();
    }
    match prefix.rfind(char::is_whitespace) {
        Some(space) => prefix[..space].trim_end(),
        None => prefix,
    }
}

/// The longest end of `text` at most `columns` wide that starts between
/// words (or mid-word when it holds no space), without the space.
fn word_suffix(text: &str, columns: usize) -> &str {
    let mut used = 0;
    let mut start = 0;
    for (at, c) in text.char_indices().rev() {
        used += char_width(c);
        if used > columns {
            start = at + c.len_utf8();
            break;
        }
    }
    let suffix = &text[start..];
    if text[..start].is_empty() || text[..start].ends_with(char::is_whitespace) {
        return suffix.trim_start();
    }
    match suffix.find(char::is_whitespace) {
        Some(space) => suffix[space..].trim_start(),
        None => suffix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Lexicon;

    fn analysis(text: &str) -> Analysis {
        Analysis::of("op-ed.txt", text, &Lexicon::english())
    }

    fn plain(width: usize) -> Style {
        Style {
            colour: false,
            width,
        }
    }

    fn first_recommendation(analysis: &Analysis) -> &Finding {
        analysis
            .findings
            .iter()
            .find(|f| f.rule == "unsupported-recommendation")
            .expect("the recommendation is flagged")
    }

    /// The first diagnostic in `out`, up to the blank line after it.
    fn first_diagnostic(out: &str) -> &str {
        out.split("\n\n").next().unwrap()
    }

    /// The source lines of a diagnostic, "15 | text", as number and text.
    fn shown_lines(diagnostic: &str) -> Vec<(usize, String)> {
        diagnostic
            .lines()
            .filter_map(|line| {
                let (number, text) = line.split_once(" | ")?;
                Some((number.trim().parse().ok()?, text.to_string()))
            })
            .collect()
    }

    #[test]
    fn long_prose_lines_are_trimmed_to_the_width() {
        // One paragraph on one long line, as many editors save prose: the
        // recommendation sits far to the right and is itself long.
        let filler = "The harbour has been quiet for years, and the town has noticed. ".repeat(8);
        let recommendation = "The council should buy the old ferry outright, refit it over \
                              the winter, and run it as a public service for the islanders.";
        let text = format!("{filler}{recommendation}");
        let analysis = analysis(&text);
        let finding = first_recommendation(&analysis);
        for width in [50, 60, 80, 100] {
            let out = render(&analysis, &text, plain(width));
            let diagnostic = first_diagnostic(&out);
            assert!(
                diagnostic.contains(&format!("--> op-ed.txt:1:{}\n", finding.column)),
                "{diagnostic}"
            );
            // The title is the message, which is not cut; all below it fits.
            for line in diagnostic.lines().skip(1) {
                assert!(
                    text_width(line) <= width,
                    "wider than {width}: {line:?}\n{diagnostic}"
                );
            }
            let shown = shown_lines(diagnostic);
            assert_eq!(shown.len(), 1, "{diagnostic}");
            let (number, line) = &shown[0];
            assert_eq!(*number, 1);
            // The unit's start, its middle cut out; not the sentences before it.
            assert!(line.starts_with("The council should"), "{line}");
            assert!(line.contains(ELLIPSIS), "{line}");
            assert!(!line.contains("quiet for years"), "{line}");
            // The underline starts under the unit and ends before the label.
            let underline = diagnostic.lines().last().unwrap();
            assert!(underline.ends_with("^ claim/policy"), "{underline}");
        }
    }

    #[test]
    fn a_unit_that_fits_is_shown_whole() {
        let text = "The council should reopen the library.";
        let out = render(&analysis(text), text, plain(80));
        let shown = shown_lines(first_diagnostic(&out));
        assert_eq!(shown, [(1, text.to_string())]);
    }

    #[test]
    fn a_sentence_over_several_lines_is_shown_with_its_true_line_numbers() {
        // Hard-wrapped prose: the flagged sentence starts mid-line on line 3
        // and ends on line 5.
        let text = "A heading\n\nThe town has a library. The council\nshould reopen it at \
                    once and keep it open\nevery evening.\n";
        let analysis = analysis(text);
        let finding = first_recommendation(&analysis);
        assert_eq!((finding.line, finding.column), (3, 25));
        let out = render(&analysis, text, plain(80));
        let diagnostic = first_diagnostic(&out);
        assert!(diagnostic.contains("--> op-ed.txt:3:25\n"), "{diagnostic}");
        let shown = shown_lines(diagnostic);
        let numbers: Vec<usize> = shown.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [3, 4, 5], "{diagnostic}");
        // Only the sentence: the one before it on line 3 is left out.
        assert!(!shown[0].1.contains("library."), "{diagnostic}");
        assert!(shown[0].1.contains("The council"));
        assert!(shown[2].1.contains("every evening."));
        assert!(diagnostic.ends_with("^ claim/policy"), "{diagnostic}");
    }

    #[test]
    fn windows_line_ends_do_not_shift_lines_or_columns() {
        let text = "The town has a library.\r\nThe council should reopen\r\nit at once.\r\n";
        let analysis = analysis(text);
        let finding = first_recommendation(&analysis);
        let out = render(&analysis, text, plain(80));
        let diagnostic = first_diagnostic(&out);
        assert!(
            diagnostic.contains(&format!(
                "--> op-ed.txt:{}:{}\n",
                finding.line, finding.column
            )),
            "{diagnostic}"
        );
        let shown = shown_lines(diagnostic);
        assert_eq!(
            shown,
            [
                (2, "/ The council should reopen".to_string()),
                (3, "| it at once.".to_string())
            ],
            "{diagnostic}"
        );
        assert!(!diagnostic.contains('\r'));
    }

    #[test]
    fn each_line_of_a_long_multi_line_sentence_is_cut() {
        // A unit that starts far right on a long line and ends far right on
        // the next: both its ends must show, and no line may be too wide.
        let long = "and the town has noticed it, as towns do, ".repeat(3);
        let source = format!("Before. {long}The council should act\n{long}at once. After.");
        let sentence = 8..source.len() - " After.".len();
        let unit = source.find("The council").unwrap()..sentence.end;
        let width = 80;
        let excerpt = Excerpt::of(&source, sentence, unit, 1, width, "claim/policy".len());
        // The gutter "2 | " and the bar of a multi-line unit.
        let columns = width - 4 - 2;
        let lines: Vec<&str> = excerpt.text.lines().collect();
        assert_eq!(lines.len(), 2, "{excerpt:?}");
        for line in &lines {
            assert!(text_width(line) <= columns, "{line:?}");
        }
        assert!(!excerpt.text.contains("Before") && !excerpt.text.contains("After"));
        let unit = &excerpt.text[excerpt.unit.clone()];
        assert!(unit.starts_with("The council should act\n"), "{unit:?}");
        assert!(unit.ends_with("at once."), "{unit:?}");
        // The end of the underline leaves room for the label.
        let last = lines[1];
        assert!(
            text_width(last) + " claim/policy".len() <= columns,
            "{last:?}"
        );
    }

    #[test]
    fn the_summary_counts_findings_by_rule_commonest_first() {
        let finding = |rule: &'static str| Finding {
            rule,
            severity: Severity::Warning,
            unit: 0,
            start: 0,
            end: 1,
            line: 1,
            column: 1,
            message: String::new(),
        };
        let findings = [
            finding("unsourced-statistic"),
            finding("unsupported-recommendation"),
            finding("unsupported-recommendation"),
        ];
        assert_eq!(
            summary(&findings),
            "3 findings (2 unsupported-recommendation, 1 unsourced-statistic)"
        );
        assert_eq!(summary(&findings[..1]), "1 finding (1 unsourced-statistic)");
    }

    #[test]
    fn no_findings_no_diagnostics() {
        let text = "Is the library worth saving?";
        let analysis = analysis(text);
        assert!(analysis.findings.is_empty());
        assert_eq!(render(&analysis, text, plain(80)), "");
        assert_eq!(compact(&analysis), "");
    }

    #[test]
    fn colour_only_when_asked() {
        let text = "The council should reopen the library.";
        let analysis = analysis(text);
        let coloured = Style {
            colour: true,
            width: 80,
        };
        assert!(render(&analysis, text, coloured).contains('\u{1b}'));
        assert!(!render(&analysis, text, plain(80)).contains('\u{1b}'));
    }

    #[test]
    fn cuts_fall_between_words_and_respect_character_widths() {
        assert_eq!(word_prefix("the old ferry", 10), "the old");
        assert_eq!(word_suffix("the old ferry", 7), "ferry");
        // A cut that falls between words keeps the word before it.
        assert_eq!(word_prefix("the old ferry", 7), "the old");
        assert_eq!(word_suffix("the old ferry", 5), "ferry");
        // Spaces wider than a byte.
        assert_eq!(word_prefix("the\u{a0}old ferry", 6), "the");
        assert_eq!(word_suffix("the old\u{a0}ferry", 7), "ferry");
        // No space at all: the word is cut.
        assert_eq!(word_prefix("unsupported", 5), "unsup");
        assert_eq!(word_prefix("naïve café", 5), "naïve");
        assert_eq!(word_prefix("日本語", 5), "日本");
        assert_eq!(word_suffix("short", 10), "short");
        assert_eq!(elide_middle("short", 10), "short");
        let elided = elide_middle("the council should buy the old ferry outright", 30);
        assert!(text_width(&elided) <= 30, "{elided}");
        assert!(elided.starts_with("the council ... "), "{elided}");
        assert!(elided.ends_with("outright"), "{elided}");
    }
}
