//! Findings on the command line: the compact format, `--fail-on` exit
//! codes, and the diagnostics of the human format. The findings themselves
//! change as the rules are tuned, so these tests check structure and
//! behaviour against the JSON of the same input; only the snapshots show
//! particular findings.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// A piece with findings at the time of writing; the tests that need a
/// finding say so if it has none.
const PIECE: &str = "corpus/harbour-ferry.txt";

/// A recommendation and nothing to support it: the canonical finding.
const UNSUPPORTED: &str = "The council should reopen the library.";

/// A question claims nothing, so nothing can be wrong with it.
const QUESTION: &str = "Is the library worth saving?";

fn warrant() -> Command {
    let mut cmd = Command::cargo_bin("warrant").expect("the binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("COLUMNS", "80");
    cmd
}

/// The corpus pieces, as paths relative to the crate, as a user types them.
fn corpus_pieces() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut pieces: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .map(|name| format!("corpus/{name}"))
        .collect();
    pieces.sort();
    pieces
}

fn stdout_of(args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = warrant();
    cmd.args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let out = cmd.output().unwrap();
    assert_ne!(out.status.code(), Some(2), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON of `analyse` on a file, or on standard input when it is `-`.
fn json_of(file: &str, stdin: Option<&str>) -> Value {
    let out = stdout_of(&["analyse", "--format", "json", file], stdin);
    serde_json::from_str(&out).expect("valid JSON")
}

/// `FILE:LINE:COLUMN: RULE: MESSAGE`, split; the file may hold colons.
fn parse_compact(line: &str) -> (String, usize, usize, String, String) {
    let (place, rest) = line
        .split_once(": ")
        .unwrap_or_else(|| panic!("no ': ' in {line:?}"));
    let (rule, message) = rest
        .split_once(": ")
        .unwrap_or_else(|| panic!("no rule in {line:?}"));
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next().unwrap().parse().expect("a column number");
    let line_number = parts.next().unwrap().parse().expect("a line number");
    let file = parts.next().expect("a file").to_string();
    (
        file,
        line_number,
        column,
        rule.to_string(),
        message.to_string(),
    )
}

/// The 1-based line and character column of a byte offset, counted here
/// rather than by the library, so that the test checks its arithmetic.
fn place_of(input: &str, offset: usize) -> (usize, usize) {
    let before = &input[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, input[line_start..offset].chars().count() + 1)
}

#[test]
fn compact_is_one_line_a_finding_at_the_units_real_place() {
    let mut seen = 0;
    for path in corpus_pieces() {
        let input =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
        let json = json_of(&path, None);
        let findings = json["findings"].as_array().unwrap();
        let out = stdout_of(&["analyse", "--format", "compact", &path], None);
        assert_eq!(out.lines().count(), findings.len(), "{path}:\n{out}");
        for (line, finding) in out.lines().zip(findings) {
            let (file, line_number, column, rule, message) = parse_compact(line);
            assert_eq!(file, path);
            assert_eq!(rule, finding["rule"].as_str().unwrap());
            assert_eq!(message, finding["message"].as_str().unwrap());
            let start = finding["start"].as_u64().unwrap() as usize;
            assert_eq!((line_number, column), place_of(&input, start), "{line}");
            // The unit's text starts at that line and column of the input.
            let unit = &json["units"][finding["unit"].as_u64().unwrap() as usize];
            let at: String = input
                .lines()
                .nth(line_number - 1)
                .unwrap()
                .chars()
                .skip(column - 1)
                .collect();
            let unit_first_line = unit["text"].as_str().unwrap().lines().next().unwrap();
            assert!(at.starts_with(unit_first_line), "{line}: {at:?}");
            seen += 1;
        }
    }
    assert!(seen > 0, "no piece of the corpus has a finding");
}

#[test]
fn compact_names_standard_input_dash() {
    let out = stdout_of(&["analyse", "--format", "compact", "-"], Some(UNSUPPORTED));
    assert!(!out.is_empty(), "no finding on {UNSUPPORTED:?}");
    for line in out.lines() {
        let (file, line_number, column, _, _) = parse_compact(line);
        assert_eq!((file.as_str(), line_number, column), ("-", 1, 1), "{line}");
    }
}

#[test]
fn compact_prints_nothing_without_findings() {
    warrant()
        .args(["analyse", "--format", "compact", "-"])
        .write_stdin(QUESTION)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn fail_on_warning_exits_1_on_any_finding_and_still_prints() {
    let assert = warrant()
        .args(["analyse", "--fail-on", "warning", "-"])
        .write_stdin(UNSUPPORTED)
        .assert()
        .code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("score "), "{out}");
    warrant()
        .args(["analyse", "-"])
        .write_stdin(UNSUPPORTED)
        .assert()
        .success();
    warrant()
        .args(["analyse", "--fail-on", "warning", "-"])
        .write_stdin(QUESTION)
        .assert()
        .success();
}

#[test]
fn fail_on_compares_severities() {
    for path in corpus_pieces() {
        let json = json_of(&path, None);
        let severities: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["severity"].as_str().unwrap())
            .collect();
        for (level, fails) in [
            ("warning", !severities.is_empty()),
            ("error", severities.contains(&"error")),
        ] {
            // Every format on one piece; the cheapest on the others.
            let formats: &[&str] = if path == PIECE {
                &["human", "json", "compact"]
            } else {
                &["compact"]
            };
            for format in formats {
                warrant()
                    .args(["analyse", "--fail-on", level, "--format", format, &path])
                    .assert()
                    .code(i32::from(fails));
            }
        }
    }
}

#[test]
fn fail_on_takes_only_a_severity() {
    warrant()
        .args(["analyse", "--fail-on", "info", PIECE])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn help_tells_the_formats_and_exit_codes() {
    let assert = warrant().args(["analyse", "--help"]).assert().success();
    let help = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for needle in [
        "--fail-on <SEVERITY>",
        "compact",
        "warning",
        "error",
        "1 a finding at or above --fail-on",
    ] {
        assert!(help.contains(needle), "{needle:?} not in:\n{help}");
    }
}

/// What the human format prints after the sentences: the diagnostics, their
/// summary, the counts and the score.
fn after_sentences(human: &str) -> &str {
    human
        .split_once("\n\n")
        .expect("a blank line after the sentences")
        .1
}

#[test]
fn human_output_shows_each_finding_then_counts_and_score() {
    for path in corpus_pieces() {
        let json = json_of(&path, None);
        let findings = json["findings"].as_array().unwrap();
        let human = stdout_of(&["analyse", "--color", "never", &path], None);
        let tail = after_sentences(&human);
        for finding in findings {
            let title = format!(
                "{}[{}]: {}",
                finding["severity"].as_str().unwrap(),
                finding["rule"].as_str().unwrap(),
                finding["message"].as_str().unwrap()
            );
            assert!(tail.contains(&title), "{title}\n{tail}");
            let place = format!("--> {path}:{}:{}\n", finding["line"], finding["column"]);
            assert!(tail.contains(&place), "{place}\n{tail}");
        }
        let lines: Vec<&str> = tail.lines().collect();
        let n = lines.len();
        assert!(lines[n - 2].starts_with(&format!("{path}: ")), "{tail}");
        assert!(lines[n - 1].starts_with("score "), "{tail}");
        if findings.is_empty() {
            assert_eq!(n, 2, "{tail}");
        } else {
            let noun = if findings.len() == 1 {
                "finding"
            } else {
                "findings"
            };
            let summary = format!(": {} {noun} (", findings.len());
            assert!(lines[n - 4].contains(&summary), "{tail}");
            assert_eq!(lines[n - 3], "");
        }
        // Below each title (the message, not cut) and above the counts (a
        // line a sentence never was cut), everything fits in COLUMNS.
        for line in &lines[..n - 2] {
            let is_title = line.starts_with("warning") || line.starts_with("error");
            assert!(
                is_title || line.chars().count() <= 80,
                "wider than 80: {line:?}"
            );
        }
    }
}

#[test]
fn diagnostics_are_coloured_only_when_asked() {
    let coloured = stdout_of(&["analyse", "--color", "always", "-"], Some(UNSUPPORTED));
    assert!(after_sentences(&coloured).contains("\u{1b}["));
    // Not a terminal: no colour.
    let plain = stdout_of(&["analyse", "-"], Some(UNSUPPORTED));
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn diagnostics_of_two_pieces() {
    for piece in ["harbour-ferry", "school-phones"] {
        let human = stdout_of(
            &[
                "analyse",
                "--color",
                "never",
                &format!("corpus/{piece}.txt"),
            ],
            None,
        );
        insta::assert_snapshot!(format!("{piece}.diagnostics"), after_sentences(&human));
    }
}
