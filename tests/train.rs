//! `warrant train`: the shipped weight sets are exactly what training writes,
//! and out of fold the learned weights beat the hand-set ones on every data
//! set, above the floors of tests/accuracy-floors.toml. The shared data sets
//! (../shared/corpora) are skipped with a message when absent.
//!
//! Paths are relative, as in the regeneration commands the weight sets'
//! headers record: cargo runs integration tests from the package root.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use warrant::Lexicon;
use warrant::eval::report::Dataset;
use warrant::train::{self, Params};

const MICROTEXTS: &str = "../shared/corpora/microtexts";
const CDCP: &str = "../shared/corpora/cdcp-train";

fn present(path: &str) -> bool {
    let here = Path::new(path).exists();
    if !here {
        eprintln!("skipped: {path} is absent");
    }
    here
}

/// Cross-validates like `warrant train` and checks each data set's mean
/// against the hand-set weights and against its floor.
fn learned_beats_hand_set(gold: &train::Gold, params: &Params) {
    let floors: toml::Table = std::fs::read_to_string("tests/accuracy-floors.toml")
        .unwrap()
        .parse()
        .unwrap();
    let floors = floors["cross-validation"].as_table().unwrap();
    let scores = train::cross_validate(gold, 5, params, &Lexicon::english()).unwrap();
    eprintln!("{}", train::folds_table(&scores));
    for (dataset, [kind_learned, kind_hand, role_learned, role_hand]) in train::means(&scores) {
        let name = dataset.name();
        // The microtexts annotate no kinds: only their roles are measured.
        let tasks = [
            ("kind", kind_learned, kind_hand),
            ("role", role_learned, role_hand),
        ];
        for (task, learned, hand) in tasks {
            let (Some(learned), Some(hand)) = (learned, hand) else {
                assert_eq!(dataset, Dataset::Microtext, "{name} {task}");
                continue;
            };
            assert!(
                learned > hand,
                "{name} {task}: learned {learned:.3} against hand-set {hand:.3}"
            );
            let floor = floors[&format!("{name} {task}")].as_float().unwrap();
            assert!(
                learned >= floor,
                "{name} {task}: {learned:.3} below its floor {floor}"
            );
        }
    }
}

/// Trains a set as its header's command does and compares it with the file.
fn shipped_set_is_reproduced(name: &str, gold: &train::Gold, sources: &[PathBuf], params: &Params) {
    let out = PathBuf::from(format!("grammar/weights/{name}.weights"));
    let model = train::fit(
        gold.samples.iter(),
        params,
        Some(&Lexicon::english().weights),
    )
    .unwrap();
    let provenance = train::Provenance {
        name,
        sources,
        out: &out,
        grammar: None,
        dataset: None,
    };
    let written = train::weight_set(&model, &train::header(&provenance, gold, params));
    let shipped = std::fs::read_to_string(&out).unwrap();
    assert!(
        written == shipped,
        "{} is not what training writes now: regenerate it with the command in its header",
        out.display()
    );
}

#[test]
fn the_opinion_set() {
    if !present(MICROTEXTS) {
        return;
    }
    let sources = vec![PathBuf::from("corpus"), PathBuf::from(MICROTEXTS)];
    let gold = train::gather(
        &[
            (Dataset::Warrant, sources[0].clone()),
            (Dataset::Microtext, sources[1].clone()),
        ],
        &Lexicon::english(),
    )
    .unwrap();
    let params = Params {
        alpha: 10.0,
        ..Params::default()
    };
    shipped_set_is_reproduced("opinion", &gold, &sources, &params);
    learned_beats_hand_set(&gold, &params);
}

#[test]
fn the_comments_set() {
    if !present(CDCP) {
        return;
    }
    let sources = vec![PathBuf::from(CDCP)];
    let gold = train::gather(&[(Dataset::Cdcp, sources[0].clone())], &Lexicon::english()).unwrap();
    let params = Params {
        words: 5,
        ..Params::default()
    };
    shipped_set_is_reproduced("comments", &gold, &sources, &params);
    learned_beats_hand_set(&gold, &params);
}

#[test]
fn training_is_deterministic_and_the_fit_labels_what_it_learned_from() {
    let gold = train::gather(
        &[(Dataset::Warrant, PathBuf::from("corpus"))],
        &Lexicon::english(),
    )
    .unwrap();
    let params = Params::default();
    let first = train::fit(gold.samples.iter(), &params, None).unwrap();
    let second = train::fit(gold.samples.iter(), &params, None).unwrap();
    assert_eq!(first, second);
    // Fitted on every unit, the weights label most of them as annotated.
    let lexicon = first.lexicon(&Lexicon::english());
    let scorer = warrant::discourse::classify::Scorer::new(&lexicon);
    let labelled: Vec<_> = gold
        .samples
        .iter()
        .filter_map(|s| s.observed.as_ref().map(|o| (s.target, o)))
        .filter(|(_, o)| !o.heading)
        .collect();
    let right = labelled
        .iter()
        .filter(|(target, o)| scorer.score(&o.features, &o.words, o.heading).kind == *target)
        .count();
    let share = right as f64 / labelled.len() as f64;
    assert!(share > 0.6, "only {share:.2} of the training units");
}

fn warrant() -> Command {
    let mut command = Command::cargo_bin("warrant").unwrap();
    command.env_remove("NO_COLOR");
    command
}

#[test]
fn train_writes_a_set_that_weights_loads() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    std::fs::create_dir(&gold).unwrap();
    for slug in ["allotments", "school-phones", "tourist-tax"] {
        for ext in ["txt", "gold"] {
            std::fs::copy(
                format!("corpus/{slug}.{ext}"),
                gold.join(format!("{slug}.{ext}")),
            )
            .unwrap();
        }
    }
    let out = dir.path().join("mine.weights");
    let output = warrant()
        .args(["train", "--folds", "3", "--gold"])
        .arg(&gold)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).unwrap();
    assert!(output.contains("3-fold cross-validation"), "{output}");
    assert_eq!(
        output.lines().filter(|l| l.starts_with("warrant ")).count(),
        4
    );
    let set = std::fs::read_to_string(&out).unwrap();
    assert!(set.starts_with("# warrant weight set `mine`"), "{set}");
    assert!(set.contains("weights policy ="), "{set}");
    // The set is used: its labels are not the hand-set ones, and each
    // reason names a feature the set weighs.
    let analyse = |weights: &std::ffi::OsStr| {
        let json = warrant()
            .arg("--weights")
            .arg(weights)
            .args(["analyse", "--format", "json", "corpus/heat-pumps.txt"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<serde_json::Value>(&json).unwrap()["units"].clone()
    };
    let mine = analyse(out.as_os_str());
    let hand = analyse("hand".as_ref());
    let labels = |units: &serde_json::Value| -> Vec<(String, String)> {
        units
            .as_array()
            .unwrap()
            .iter()
            .map(|u| (u["kind"].to_string(), u["confidence"].to_string()))
            .collect()
    };
    assert_ne!(labels(&mine), labels(&hand));
    for unit in mine.as_array().unwrap() {
        for reason in unit["because"].as_array().unwrap() {
            let feature = reason["feature"].as_str().unwrap();
            assert!(set.contains(&format!("    {feature} ")), "{feature}");
        }
    }
}

#[test]
fn train_explains_what_it_cannot_do() {
    let error = |args: &[&str]| {
        let out = warrant()
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        String::from_utf8(out).unwrap()
    };
    let e = error(&["train", "--gold", "corpus", "--folds", "1"]);
    assert!(e.contains("one fold would hold out everything"), "{e}");
    let e = error(&["train", "--gold", "corpus/allotments.txt", "--folds", "5"]);
    assert!(e.contains("the gold has 1"), "{e}");
    let e = error(&["train", "--gold", "no/such/dir"]);
    assert!(e.contains("no/such/dir"), "{e}");
    let e = error(&["--weights", "opinon", "analyse", "corpus/allotments.txt"]);
    assert!(e.contains("opinion, comments, hand"), "{e}");
}
