//! `warrant tree` and `warrant explain`: every unit drawn once, every line
//! within the width, input from a file or standard input, and explanations
//! whose examples show the findings the analyser really produces.
//!
//! The support graph is still being tuned, so these tests check the shape
//! of the output, not particular links; the snapshots at the end pin the
//! whole output for review (`cargo insta review`).

use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
use warrant::{Analysis, Lexicon, lint};

const FERRY: &str = "corpus/harbour-ferry.txt";
const PHONES: &str = "corpus/school-phones.txt";

fn warrant() -> Command {
    let mut cmd = Command::cargo_bin("warrant").expect("the binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn corpus_pieces() -> Vec<String> {
    let mut pieces: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| format!("corpus/{}", path.file_name().unwrap().to_string_lossy()))
        .collect();
    pieces.sort();
    assert!(!pieces.is_empty());
    pieces
}

/// How many times each unit number is drawn in full: as "[7] role/kind".
/// References ("→ see unit 7") carry no brackets.
fn drawn_in_full(tree: &str) -> BTreeMap<usize, usize> {
    let mut drawn = BTreeMap::new();
    for line in tree.lines() {
        let Some(open) = line.find('[') else { continue };
        let rest = &line[open + 1..];
        let Some(close) = rest.find("] ") else {
            continue;
        };
        let label = &rest[close + 2..];
        let is_role = ["claim/", "evidence/", "speculation/", "other/"]
            .iter()
            .any(|role| label.starts_with(role));
        if let (Ok(number), true) = (rest[..close].parse::<usize>(), is_role) {
            *drawn.entry(number).or_default() += 1;
        }
    }
    drawn
}

#[test]
fn every_unit_is_drawn_in_full_exactly_once() {
    for piece in corpus_pieces() {
        let json = stdout_of(warrant().args(["analyse", "--format", "json", &piece]));
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let units = json["units"].as_array().unwrap().len();
        let tree = stdout_of(warrant().args(["tree", "--width", "80", &piece]));
        let expected: BTreeMap<usize, usize> = (1..=units).map(|n| (n, 1)).collect();
        assert_eq!(drawn_in_full(&tree), expected, "{piece}:\n{tree}");
        let main_claims = json["main_claims"].as_array().unwrap().len();
        for rank in 1..=main_claims {
            assert!(
                tree.contains(&format!("main claim {rank}  [")),
                "{piece}: main claim {rank}"
            );
        }
    }
}

#[test]
fn no_line_is_wider_than_the_width_in_characters() {
    for width in ["60", "80"] {
        let limit: usize = width.parse().unwrap();
        for piece in corpus_pieces() {
            let tree = stdout_of(warrant().args(["tree", "--width", width, &piece]));
            for line in tree.lines() {
                assert!(
                    line.chars().count() <= limit,
                    "{piece} at {width}: {} characters: {line}",
                    line.chars().count()
                );
            }
            // The pieces are long enough that the width is used, not just kept.
            assert!(tree.lines().any(|l| l.chars().count() > limit - 10));
        }
    }
}

#[test]
fn the_width_comes_from_columns_or_defaults_to_80() {
    let widest = |tree: &str| tree.lines().map(|l| l.chars().count()).max().unwrap();
    let default = stdout_of(warrant().args(["tree", FERRY]));
    assert!(widest(&default) <= 80 && widest(&default) > 70);
    let columns = stdout_of(warrant().env("COLUMNS", "50").args(["tree", FERRY]));
    assert!(widest(&columns) <= 50);
    // --width wins over COLUMNS.
    let both = stdout_of(
        warrant()
            .env("COLUMNS", "50")
            .args(["tree", "--width", "100", FERRY]),
    );
    assert!(widest(&both) > 90);
    warrant()
        .args(["tree", "--width", "5", FERRY])
        .assert()
        .code(2);
}

#[test]
fn standard_input_is_read_from_dash_or_a_pipe() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/harbour-ferry.txt"
    ))
    .unwrap();
    let from_file = stdout_of(warrant().args(["tree", FERRY]));
    let from_dash = stdout_of(warrant().args(["tree", "-"]).write_stdin(text.clone()));
    let from_pipe = stdout_of(warrant().arg("tree").write_stdin(text));
    assert_eq!(from_dash, from_file);
    assert_eq!(from_pipe, from_file);
}

#[test]
fn tree_shares_the_common_options_and_errors() {
    let coloured = stdout_of(warrant().args(["tree", "--color", "always", FERRY]));
    assert!(coloured.contains("\u{1b}["));
    let plain = stdout_of(warrant().args(["tree", FERRY]));
    assert!(!plain.contains('\u{1b}'));
    warrant()
        .args(["tree", "--quiet", FERRY])
        .assert()
        .success()
        .stdout("");
    warrant()
        .args(["tree", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt: no such file"));
    warrant()
        .args(["tree", "--grammar", "missing.cues", FERRY])
        .assert()
        .code(2);
    warrant()
        .args(["tree", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Not attached:"))
        .stdout(predicate::str::contains("--width"));
}

/// Runs of white space made single spaces: explanations are wrapped to the
/// width, so their words are compared, not their line breaks.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn explain_shows_each_rule_with_the_findings_of_its_example() {
    let lexicon = Lexicon::english();
    for rule in lint::RULES {
        let out = words(&stdout_of(warrant().args(["explain", rule.id()])));
        assert!(
            out.starts_with(&format!("{} ({})", rule.id(), rule.severity())),
            "{out}"
        );
        assert!(out.contains(&words(rule.explanation())), "{}", rule.id());
        assert!(out.contains(&words(rule.example())), "{}", rule.id());
        // The finding shown is the one the analyser produces on the example.
        let analysis = Analysis::of("example", rule.example(), &lexicon);
        let finding = analysis
            .findings
            .iter()
            .find(|f| f.rule == rule.id())
            .unwrap_or_else(|| panic!("the example of {} does not fire", rule.id()));
        let unit = &analysis.units[finding.unit];
        let shown = format!(
            "unit {}: {} {}",
            finding.unit + 1,
            words(&unit.text),
            finding.message
        );
        assert!(out.contains(&words(&shown)), "{}: {out}", rule.id());
    }
}

#[test]
fn explain_score_prints_the_formula_and_a_worked_example() {
    let out = stdout_of(warrant().args(["explain", "score"]));
    assert!(out.starts_with(warrant::score::EXPLANATION), "{out}");
    assert!(out.contains("Worked example:"));
    for part in ["coverage", "evidence", "caution", "soundness", "overall"] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(part) && l.contains(" = ")),
            "{part}: {out}"
        );
    }
}

#[test]
fn explain_without_a_name_lists_the_rules() {
    for args in [&["explain"][..], &["explain", "--list"]] {
        let out = stdout_of(warrant().args(args));
        for rule in lint::RULES {
            let line = out
                .lines()
                .find(|l| l.starts_with(rule.id()))
                .unwrap_or_else(|| panic!("{} is not listed: {out}", rule.id()));
            assert!(line.contains(rule.severity().name()) && line.contains(rule.summary()));
        }
    }
}

#[test]
fn explaining_an_unknown_name_is_a_usage_error_naming_the_valid_ones() {
    let assert = warrant()
        .args(["explain", "unsupported-everything"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for rule in lint::RULES {
        assert!(stderr.contains(rule.id()), "{stderr}");
    }
    assert!(stderr.contains("score"), "{stderr}");
}

#[test]
fn tree_output_of_two_pieces() {
    for (name, piece) in [
        ("harbour-ferry.tree", FERRY),
        ("school-phones.tree", PHONES),
    ] {
        let tree = stdout_of(warrant().args(["tree", "--color", "never", "--width", "80", piece]));
        insta::assert_snapshot!(name, tree);
    }
}
