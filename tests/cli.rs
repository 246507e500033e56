//! The command line: exit codes, errors, formats and colour.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

const PIECE: &str = "corpus/school-phones.txt";

fn warrant() -> Command {
    let mut cmd = Command::cargo_bin("warrant").expect("the binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warrant-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn analyse_prints_one_line_a_sentence_and_a_summary() {
    let out = warrant()
        .args(["analyse", PIECE])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    // 29 sentence lines and a blank line, then the findings, the summary of
    // counts and the score.
    assert!(lines[0].contains("other/heading"));
    assert_eq!(lines[29], "");
    let summary = lines[lines.len() - 2];
    assert!(
        summary.starts_with("corpus/school-phones.txt: 29 sentences"),
        "{summary}"
    );
    assert!(lines[lines.len() - 1].starts_with("score "), "{out}");
    // Not a terminal: no colour.
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn analyze_is_an_alias() {
    warrant().args(["analyze", PIECE]).assert().success();
}

#[test]
fn json_is_one_object_on_stdout() {
    let out = warrant()
        .args(["analyse", "--format", "json", PIECE])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["file"], PIECE);
    assert_eq!(json["sentences"].as_array().unwrap().len(), 29);
    assert!(out.stderr.is_empty());
}

#[test]
fn standard_input_is_read_from_dash() {
    let out = warrant()
        .args(["analyse", "--format", "json", "-"])
        .write_stdin("The council should reopen the library. It is vital.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["file"], "-");
    assert_eq!(json["units"][0]["kind"], "policy");
    assert_eq!(json["units"][1]["kind"], "value");
}

#[test]
fn a_missing_file_is_one_clear_line_and_exit_2() {
    warrant()
        .args(["analyse", "no/such/file.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no/such/file.txt: no such file or directory",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn a_directory_is_an_error() {
    warrant()
        .args(["analyse", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("corpus: is a directory"));
}

#[test]
fn invalid_utf8_names_the_file_and_the_offset() {
    let path = temp_file("latin1.txt", b"Caf\xe9 culture is dying.");
    warrant()
        .arg("analyse")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not valid UTF-8 text (invalid byte at offset 3)",
        ));
}

#[test]
fn an_empty_file_is_an_empty_analysis() {
    let path = temp_file("empty.txt", b"");
    let out = warrant()
        .args(["analyse", "--format", "json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["sentences"], serde_json::json!([]));
    assert_eq!(json["units"], serde_json::json!([]));
    warrant()
        .arg("analyse")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 sentences, 0 units"));
}

#[test]
fn a_bad_grammar_points_at_file_line_and_column() {
    let path = temp_file(
        "bad.cues",
        b"cue policy 1.0 = should\ncue polcy 1.0 = must\n",
    );
    warrant()
        .args(["analyse", PIECE, "--grammar"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.cues:2:5: unknown cue class `polcy`",
        ))
        .stderr(predicate::str::contains("2 | cue polcy 1.0 = must"));
}

#[test]
fn the_grammar_directory_is_the_built_in_grammar() {
    let run = |extra: &[&str]| {
        let out = warrant()
            .args(["analyse", "--format", "json", PIECE])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let (built_in, from_files) = (run(&[]), run(&["--grammar", "grammar/english"]));
    assert!(built_in == from_files, "the outputs differ");
}

#[test]
fn a_grammar_can_replace_or_extend_the_default() {
    let only = temp_file(
        "only.cues",
        b"cue policy 2.0 = hereby\nweights policy = cue.policy 5\n",
    );
    let out = warrant()
        .args(["analyse", "--format", "json", "-", "--grammar"])
        .arg(&only)
        .write_stdin("We hereby resign.")
        .output()
        .unwrap()
        .stdout;
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["units"][0]["kind"], "policy");
    assert_eq!(json["units"][0]["cues"][0]["text"], "hereby");
}

#[test]
fn colour_follows_the_option_and_no_color() {
    let coloured = warrant()
        .args(["analyse", "--color", "always", PIECE])
        .output()
        .unwrap()
        .stdout;
    assert!(String::from_utf8_lossy(&coloured).contains("\u{1b}["));
    let plain = warrant()
        .args(["analyse", "--color", "never", PIECE])
        .output()
        .unwrap()
        .stdout;
    assert!(!String::from_utf8_lossy(&plain).contains('\u{1b}'));
    let no_color = warrant()
        .env("NO_COLOR", "1")
        .args(["analyse", PIECE])
        .output()
        .unwrap()
        .stdout;
    assert!(!String::from_utf8_lossy(&no_color).contains('\u{1b}'));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    warrant()
        .args(["analyse", "--format", "yaml", PIECE])
        .assert()
        .code(2);
    warrant().args(["frobnicate"]).assert().code(2);
    warrant()
        .args(["analyse", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--format"));
    warrant().arg("--version").assert().success();
}

#[test]
fn quiet_prints_nothing_but_errors() {
    for format in ["human", "json"] {
        warrant()
            .args(["analyse", "--quiet", "--format", format, PIECE])
            .assert()
            .success()
            .stdout("");
    }
    warrant()
        .args(["analyse", "--quiet", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
}

/// Root can read any file whatever its mode, so an unreadable file is made
/// from one that fails on read instead.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_one_clear_line_and_exit_2() {
    warrant()
        .args(["analyse", "/proc/self/mem"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "warrant: error: /proc/self/mem: cannot read:",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

/// A full disk is an error, unlike a reader that stops early (a closed pipe).
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("warrant"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["analyse", "--format", "json", PIECE])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the output"));
}

#[test]
fn an_empty_grammar_directory_is_named_without_a_line() {
    let dir = std::env::temp_dir().join(format!("warrant-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    warrant()
        .args(["analyse", PIECE, "--grammar"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the directory holds no *.cues grammar files",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn eval_measures_the_corpus_beside_a_baseline() {
    let out = warrant()
        .args(["eval", "--gold", "corpus"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    // The gold sentences, counted through the library's reader.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let pieces: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    let sentences: usize = pieces
        .iter()
        .map(|p| {
            warrant::eval::gold::read_document(p)
                .unwrap()
                .sentences
                .len()
        })
        .sum();
    assert!(
        out.starts_with(&format!("corpus (warrant, {} documents)", pieces.len())),
        "{out}"
    );
    let row = |name: &str| -> Vec<String> {
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no row {name}"));
        line[name.len()..]
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(row("sentence boundary recall")[2], sentences.to_string());
    for line in out.lines().skip(2) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (value, baseline) = (fields[fields.len() - 3], fields[fields.len() - 2]);
        for figure in [value, baseline] {
            assert!(
                figure == "n/a" || (0.0..=1.0).contains(&figure.parse::<f64>().unwrap()),
                "{line}"
            );
        }
    }
    // Every figure of the analysis is measured: none is n/a.
    assert!(!out.contains("n/a"), "{out}");
}

#[test]
fn eval_json_and_floors() {
    let out = warrant()
        .args(["eval", "--gold", "corpus", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dataset"], "warrant");
    assert!(
        json["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "role macro-F1")
    );
    let high = temp_file("high.toml", b"[warrant]\n\"role macro-F1\" = 1.1\n");
    warrant()
        .args(["eval", "--gold", "corpus", "--quiet", "--floors"])
        .arg(&high)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("role macro-F1: "))
        .stderr(predicate::str::contains("is below its floor 1.100"));
    let unknown = temp_file("unknown.toml", b"[warrant]\n\"role mcaro-F1\" = 0.5\n");
    warrant()
        .args(["eval", "--gold", "corpus", "--floors"])
        .arg(&unknown)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no metric `role mcaro-F1`"));
    warrant()
        .args([
            "eval",
            "--gold",
            "corpus",
            "--quiet",
            "--floors",
            "tests/accuracy-floors.toml",
        ])
        .assert()
        .success();
}

#[test]
fn eval_names_a_malformed_gold_file() {
    let dir = std::env::temp_dir().join(format!("warrant-cli-gold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("piece.txt"), "The council should act.").unwrap();
    std::fs::write(
        dir.join("piece.gold"),
        "# warrant-gold 1\nclaim/policy\tThe council must act.\n",
    )
    .unwrap();
    warrant()
        .args(["eval", "--gold"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("piece.gold:2: sentence not found"));
    // A text without its gold is an error too, not a piece left out.
    std::fs::write(
        dir.join("piece.gold"),
        "# warrant-gold 1\nclaim/policy\tThe council should act.\n",
    )
    .unwrap();
    std::fs::write(dir.join("orphan.txt"), "No gold for me.").unwrap();
    warrant()
        .args(["eval", "--gold"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("orphan.txt: no gold file"));
    // A format forced on data of another is no data at all.
    warrant()
        .args(["eval", "--gold", "corpus", "--dataset", "cdcp"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "corpus: no cdcp gold documents here",
        ));
    warrant()
        .args(["eval", "--gold", "src"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("src: no gold files here"));
}

#[test]
fn explain_shows_the_reasons_for_each_label() {
    let run = |explain: bool| {
        let mut command = warrant();
        command.args(["analyse", "--color", "never", "corpus/school-phones.txt"]);
        if explain {
            command.arg("--explain");
        }
        String::from_utf8(command.assert().success().get_output().stdout.clone()).unwrap()
    };
    let plain = run(false);
    let explained = run(true);
    assert!(!plain.contains('↳'), "{plain}");
    // Under the recommendation of sentence 23, its policy cue is the first reason.
    let lines: Vec<&str> = explained.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("any school drafting a policy should copy them"))
        .expect("sentence 23");
    assert!(
        lines[at + 1]
            .trim_start()
            .starts_with("↳ policy: cue.policy +"),
        "{}",
        lines[at + 1]
    );
    // Every explained line follows a sentence, and the rest is unchanged.
    let without: String = explained
        .lines()
        .filter(|l| !l.trim_start().starts_with('↳'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(without, plain);
}

#[test]
fn weight_sets_choose_the_labels() {
    let kinds = |weights: &str| {
        let out = warrant()
            .args(["--weights", weights, "analyse", "--format", "json"])
            .arg("corpus/jury-service.txt")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let mut kinds: Vec<String> = json["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["kind"].as_str().unwrap().to_string())
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    // The comments set knows CDCP's five types (and the splitter's headings).
    for kind in kinds("comments") {
        assert!(
            [
                "policy",
                "value",
                "fact",
                "anecdote",
                "reference",
                "heading"
            ]
            .contains(&kind.as_str()),
            "{kind}"
        );
    }
    // The piece quotes figures: the opinion and hand-set weights find statistics.
    assert!(kinds("opinion").contains(&"statistic".to_string()));
    assert!(kinds("hand").contains(&"statistic".to_string()));
}
