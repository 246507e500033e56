//! `warrant score`: inputs, order, formats, failures and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn warrant() -> Command {
    let mut cmd = Command::cargo_bin("warrant").expect("the binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        // The table is fitted to the width, which must not depend on the
        // shell the tests run from.
        .env("COLUMNS", "100");
    cmd
}

fn corpus_piece(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
    .unwrap()
}

fn write(dir: &Path, relative: &str, bytes: &[u8]) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A batch with bad files mixed in: three corpus pieces (one nested two
/// levels down), a file that is not UTF-8, and a note that is not an article.
fn mixed_batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", &corpus_piece("school-phones.txt"));
    write(dir.path(), "a/z.txt", &corpus_piece("night-trains.txt"));
    write(dir.path(), "a/b/c.txt", &corpus_piece("heat-pumps.txt"));
    write(dir.path(), "latin1.txt", b"Caf\xe9 culture is dying.");
    write(dir.path(), "a/notes.md", b"# Notes\n");
    dir
}

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is JSON"))
        .collect()
}

/// The `file` of each row of jsonl output, and the summary object.
fn rows_and_summary(stdout: &[u8]) -> (Vec<Value>, Value) {
    let mut lines = jsonl(stdout);
    let summary = lines.pop().expect("a summary line");
    assert!(
        lines.iter().all(|row| row.get("summary").is_none()),
        "only the last line is a summary"
    );
    (lines, summary["summary"].clone())
}

fn stderr_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn nothing_is_lost_in_a_batch_with_bad_files() {
    let batch = mixed_batch();
    let missing = batch.path().join("missing.txt");
    let out = warrant()
        .args(["score", "--format", "jsonl"])
        .arg(batch.path())
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .clone();
    // Articles in: the three pieces, the Latin-1 file, the missing file.
    let articles_in = 5;
    let (rows, summary) = rows_and_summary(&out.stdout);
    let failed: Vec<&Value> = rows.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(rows.len(), articles_in);
    assert_eq!(failed.len(), 2);
    assert_eq!(summary["articles"], articles_in);
    assert_eq!(summary["scored"], 3);
    assert_eq!(summary["failed"], 2);
    assert_eq!(summary["skipped"], 1, "notes.md is not an article");
    assert_eq!(
        failed[0]["error"],
        "not valid UTF-8 text (invalid byte at offset 3)"
    );
    assert_eq!(failed[1]["error"], "no such file or directory");
    let stderr = stderr_lines(&out.stderr);
    assert_eq!(
        stderr,
        [
            format!(
                "warrant: {}: not valid UTF-8 text (invalid byte at offset 3)",
                batch.path().join("latin1.txt").display()
            ),
            format!("warrant: {}: no such file or directory", missing.display()),
        ]
    );

    // The table shows the scored articles and reports the failures on
    // standard error: rows + failures = articles in, there too.
    let out = warrant()
        .args(["score", "--color", "never"])
        .arg(batch.path())
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let table = String::from_utf8(out.stdout).unwrap();
    let table_rows = table
        .lines()
        .skip(1)
        .take_while(|line| !line.is_empty())
        .count();
    assert_eq!(table_rows + stderr_lines(&out.stderr).len(), articles_in);
    assert!(
        table.contains("5 articles: 3 scored, 2 failed; 1 other file skipped (not .txt)"),
        "{table}"
    );
}

#[test]
fn directories_are_walked_recursively_in_name_order() {
    let batch = mixed_batch();
    let out = warrant()
        .args(["score", "--format", "jsonl"])
        .arg(batch.path())
        .output()
        .unwrap();
    let (rows, _) = rows_and_summary(&out.stdout);
    let files: Vec<String> = rows
        .iter()
        .map(|r| {
            let file = Path::new(r["file"].as_str().unwrap());
            let relative = file.strip_prefix(batch.path()).unwrap();
            relative.to_str().unwrap().replace('\\', "/")
        })
        .collect();
    assert_eq!(files, ["a/b/c.txt", "a/z.txt", "b.txt", "latin1.txt"]);
}

#[test]
fn the_order_of_rows_does_not_depend_on_the_threads() {
    let run = |threads: &str| {
        let out = warrant()
            .args(["score", "corpus", "--format", "jsonl", "--threads", threads])
            .assert()
            .success()
            .get_output()
            .clone();
        out.stdout
    };
    let one = run("1");
    assert!(one == run("2"), "--threads 1 and --threads 2 differ");
    let (rows, _) = rows_and_summary(&one);
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort_unstable();
    assert_eq!(files, sorted, "a directory's files come in name order");

    // Records in the thousands span several chunks of work; they still come
    // out in input order.
    let records: String = (0..1500)
        .map(|id| format!("{{\"id\": {id}, \"text\": \"The council should act. It might.\"}}\n"))
        .collect();
    let run = |threads: &str| {
        warrant()
            .args(["score", "--jsonl-input", "-", "--format", "jsonl"])
            .args(["--threads", threads])
            .write_stdin(records.clone())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let two = run("2");
    assert!(two == run("1"), "--threads 1 and --threads 2 differ");
    let (rows, summary) = rows_and_summary(&two);
    let ids: Vec<u64> = rows.iter().map(|r| r["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (0..1500).collect::<Vec<u64>>());
    assert_eq!(summary["articles"], 1500);
}

#[test]
fn files_from_reads_a_list_on_standard_input() {
    let out = warrant()
        .args(["score", "--files-from", "-", "--format", "jsonl"])
        .write_stdin("corpus/school-phones.txt\n\ncorpus/allotments.txt\r\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let (rows, summary) = rows_and_summary(&out.stdout);
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["corpus/school-phones.txt", "corpus/allotments.txt"]);
    assert_eq!(summary["articles"], 2);
    // A list that does not exist is an error before any work.
    warrant()
        .args(["score", "--files-from", "no/such/list"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no/such/list: no such file or directory",
        ));
}

#[test]
fn jsonl_records_keep_their_id_and_a_malformed_line_is_a_failure() {
    let input = "{\"id\": \"op-ed-1\", \"text\": \"The council should keep the library open.\"}\n\
                 {\"id\": 2, \"text\": \"It might rain.\", \"lang\": \"en\"}\n\
                 {\"id\": 3, \"text\": \n";
    let out = warrant()
        // The hand-set weights: this checks the records, not the labels,
        // and should not move when the learned weights are trained again.
        .args([
            "--weights",
            "hand",
            "score",
            "--jsonl-input",
            "-",
            "--format",
            "jsonl",
        ])
        .write_stdin(input)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let (rows, summary) = rows_and_summary(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["id"], "op-ed-1");
    assert_eq!(rows[0]["line"], 1);
    assert_eq!(rows[0]["claims"], 1);
    assert_eq!(rows[1]["id"], 2, "a numeric id stays a number");
    assert_eq!(rows[1]["speculation"], 1);
    assert_eq!(rows[2]["id"], Value::Null);
    assert_eq!(rows[2]["line"], 3);
    let error = rows[2]["error"].as_str().unwrap();
    assert!(error.starts_with("not a JSON record"), "{error}");
    assert_eq!(
        (summary["articles"].clone(), summary["failed"].clone()),
        (3.into(), 1.into())
    );
    let stderr = stderr_lines(&out.stderr);
    assert_eq!(stderr.len(), 1);
    assert!(
        stderr[0].starts_with("warrant: -:3: not a JSON record"),
        "{stderr:?}"
    );
}

#[test]
fn sort_and_top() {
    let table = |args: &[&str]| {
        let out = warrant()
            .args(["score", "corpus", "--color", "never"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let by_file = table(&["--sort", "file", "--top", "3"]);
    let lines: Vec<&str> = by_file.lines().collect();
    assert!(lines[0].starts_with("file "), "{by_file}");
    let names: Vec<&str> = lines[1..4]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "corpus/ai-marking.txt",
            "corpus/allotments.txt",
            "corpus/artificial-pitches.txt"
        ]
    );
    assert_eq!(lines[4], "");
    let pieces = corpus_pieces();
    assert_eq!(lines[5], format!("showing 3 of {pieces} scored articles"));
    assert!(lines[6].starts_with(&format!("{pieces} articles: {pieces} scored, 0 failed")));

    // The table sorts by score, highest first.
    let by_score = table(&[]);
    let scores: Vec<u32> = by_score
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().last().unwrap().parse().unwrap())
        .collect();
    assert_eq!(scores.len(), corpus_pieces());
    assert!(scores.is_sorted_by(|a, b| a >= b), "{scores:?}");

    // A machine format keeps input order unless told otherwise.
    let findings = |args: &[&str]| {
        let out = warrant()
            .args(["score", "corpus", "--format", "jsonl"])
            .args(args)
            .output()
            .unwrap();
        let (rows, _) = rows_and_summary(&out.stdout);
        rows.iter()
            .map(|r| r["findings"].as_u64().unwrap())
            .collect::<Vec<u64>>()
    };
    let most = findings(&["--sort", "findings", "--top", "5"]);
    assert_eq!(most.len(), 5);
    assert!(most.is_sorted_by(|a, b| a >= b), "{most:?}");
    assert_eq!(most[0], *findings(&[]).iter().max().unwrap());
}

#[test]
fn csv_has_a_header_and_a_row_an_article() {
    let batch = mixed_batch();
    let out = warrant()
        .args(["score", "--format", "csv"])
        .arg(batch.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with(
            "file,words,claims,evidence,speculation,supported_share,findings,score,\
             unsupported-recommendation,"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(",error"));
    assert_eq!(lines.len(), 1 + 4, "a header and four articles");
    let columns = lines[0].split(',').count();
    for line in &lines[1..] {
        assert_eq!(line.split(',').count(), columns, "{line}");
    }
    assert!(lines[4].ends_with(",not valid UTF-8 text (invalid byte at offset 3)"));
}

#[test]
fn json_is_one_document_with_articles_and_a_summary() {
    let out = warrant()
        .args(["score", "corpus", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), corpus_pieces());
    let first = &articles[0];
    assert_eq!(first["file"], "corpus/ai-marking.txt");
    for field in [
        "words",
        "claims",
        "evidence",
        "speculation",
        "supported_share",
        "findings",
        "score",
    ] {
        assert!(first[field].is_number(), "{field}");
    }
    let by_rule = first["findings_by_rule"].as_object().unwrap();
    assert_eq!(
        by_rule.values().map(|n| n.as_u64().unwrap()).sum::<u64>(),
        first["findings"].as_u64().unwrap()
    );
    let summary = &json["summary"];
    assert_eq!(summary["articles"], corpus_pieces());
    assert_eq!(summary["failed"], 0);
    let mean = summary["mean_score"].as_f64().unwrap();
    let scores: Vec<f64> = articles
        .iter()
        .map(|a| a["score"].as_f64().unwrap())
        .collect();
    let expected = scores.iter().sum::<f64>() / scores.len() as f64;
    assert!((mean - expected).abs() < 0.01, "{mean} vs {expected}");
    assert!(out.stderr.is_empty());
}

#[test]
fn the_table_of_the_corpus() {
    let out = warrant()
        .args(["score", "corpus", "--color", "never"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("corpus.table", String::from_utf8(out).unwrap());
}

#[test]
fn no_articles_is_an_empty_summary() {
    let empty = tempfile::tempdir().unwrap();
    warrant()
        .args(["score", "--color", "never"])
        .arg(empty.path())
        .assert()
        .success()
        .stdout("0 articles: 0 scored, 0 failed\n");
    let out = warrant()
        .args(["score", "--jsonl-input", "-", "--format", "jsonl"])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let (rows, summary) = rows_and_summary(&out);
    assert!(rows.is_empty());
    assert_eq!(summary["articles"], 0);
    assert_eq!(summary["mean_score"], Value::Null);
}

#[test]
fn usage_errors_exit_2() {
    warrant()
        .arg("score")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<PATH>"));
    warrant()
        .args(["score", "-", "--jsonl-input", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "standard input can be read only once",
        ));
    warrant()
        .args(["score", "corpus", "--top", "0"])
        .assert()
        .code(2);
    warrant()
        .args(["score", "corpus", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn quiet_prints_only_the_failures() {
    let batch = mixed_batch();
    warrant()
        .args(["score", "--quiet"])
        .arg(batch.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("latin1.txt: not valid UTF-8"));
    warrant()
        .args(["score", "--quiet", "corpus"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

/// A full disk is an error; a reader that stops early (a closed pipe) is not.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("warrant"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["score", "corpus", "--format", "jsonl"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the output"));
}

/// A list that names `-` would read standard input twice, or wait for it
/// while the list itself holds it: the line is a failure, not a hang.
#[test]
fn a_list_cannot_name_standard_input() {
    let out = warrant()
        .args(["score", "--files-from", "-", "--format", "jsonl"])
        .write_stdin("-\ncorpus/school-phones.txt\n")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let (rows, summary) = rows_and_summary(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]["error"]
            .as_str()
            .unwrap()
            .contains("standard input")
    );
    assert_eq!(rows[1]["file"], "corpus/school-phones.txt");
    assert_eq!(summary["failed"], 1);
}

/// A byte order mark before the first record, and `"id": null`, as some
/// tools write them.
#[test]
fn records_with_a_byte_order_mark_or_a_null_id() {
    let out = warrant()
        .args(["score", "--jsonl-input", "-", "--format", "jsonl"])
        .write_stdin(
            "\u{feff}{\"id\": 7, \"text\": \"The council should act.\"}\n\
             {\"id\": null, \"text\": \"Fares rose by 40%.\"}\n",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let (rows, _) = rows_and_summary(&out.stdout);
    assert_eq!(rows[0]["id"], 7);
    assert!(rows[1].get("error").is_none());
    assert!(rows[1]["id"].is_null() || rows[1].get("id").is_none());
}

/// How many pieces `corpus/` holds.
fn corpus_pieces() -> usize {
    std::fs::read_dir("corpus")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count()
}
