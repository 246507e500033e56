//! The JSON contract of `analyse --format json` (DESIGN.md), checked on the
//! corpus and on inputs with awkward bytes: every rule of the contract that
//! this stage fills.

use serde_json::Value;
use std::path::Path;
use warrant::{Analysis, Kind, Lexicon, Role, render};

fn check(name: &str, input: &str) {
    let analysis = Analysis::of(name, input, &Lexicon::english());
    let json: Value = serde_json::from_str(&render::json(&analysis)).expect("the output is JSON");
    let sentences = json["sentences"].as_array().expect("sentences");
    let units = json["units"].as_array().expect("units");
    let span = |v: &Value| {
        (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        )
    };

    // Sentences: in order, without overlap, trimmed, covering every non-blank byte.
    let mut covered = vec![false; input.len()];
    let mut last_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert_eq!(s["id"], i, "{name}: sentence ids are indexes");
        let (start, end) = span(s);
        assert!(
            start >= last_end && start < end,
            "{name}: sentence {i} out of order"
        );
        let text = &input[start..end];
        assert_eq!(
            text,
            text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'),
            "{name}: sentence {i} is not trimmed"
        );
        covered[start..end].iter_mut().for_each(|c| *c = true);
        last_end = end;

        // Units tile the sentence in order, each trimmed.
        let ids: Vec<usize> = s["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_u64().unwrap() as usize)
            .collect();
        assert!(!ids.is_empty(), "{name}: sentence {i} has no unit");
        let mut at = start;
        for &id in &ids {
            let unit = &units[id];
            assert_eq!(unit["sentence"], i);
            let (u_start, u_end) = span(unit);
            assert!(
                input[at..u_start].trim().is_empty(),
                "{name}: a gap inside sentence {i}"
            );
            assert_eq!(
                unit["text"].as_str().unwrap(),
                &input[u_start..u_end],
                "{name}: unit text is input[start..end]"
            );
            assert_eq!(
                input[u_start..u_end].trim(),
                &input[u_start..u_end],
                "{name}: unit {id} is not trimmed"
            );
            at = u_end;
        }
        assert_eq!(
            at, end,
            "{name}: the units of sentence {i} stop short of its end"
        );
    }
    for (i, c) in input.char_indices() {
        assert!(
            c.is_whitespace() || c == '\u{feff}' || covered[i],
            "{name}: byte {i} ({c:?}) is in no sentence"
        );
    }

    for (i, unit) in units.iter().enumerate() {
        assert_eq!(unit["id"], i);
        let role = Role::ALL
            .into_iter()
            .find(|r| unit["role"] == r.name())
            .expect("a known role");
        let kind = Kind::ALL
            .into_iter()
            .find(|k| unit["kind"] == k.name())
            .expect("a known kind");
        assert_eq!(
            kind.role(),
            role,
            "{name}: unit {i}: kind {kind} is not a kind of {role}"
        );
        let confidence = unit["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        let (u_start, u_end) = span(unit);
        for cue in unit["cues"].as_array().unwrap() {
            let (c_start, c_end) = span(cue);
            assert!(
                u_start <= c_start && c_end <= u_end,
                "{name}: a cue outside its unit"
            );
            assert_eq!(cue["text"].as_str().unwrap(), &input[c_start..c_end]);
        }
        // "because": at most three named features, each for the label
        // (positive), largest first; none for a heading, which no weight decides.
        let because = unit["because"].as_array().expect("because is an array");
        assert!(because.len() <= 3, "{name}: unit {i}: {because:?}");
        if kind == Kind::Heading {
            assert!(
                because.is_empty(),
                "{name}: unit {i}: a heading has no reasons"
            );
        }
        let weights: Vec<f64> = because
            .iter()
            .map(|r| {
                let feature = r["feature"].as_str().unwrap();
                assert!(
                    warrant::features::FEATURES.contains(&feature) && feature != "bias",
                    "{name}: unit {i}: unknown feature {feature}"
                );
                r["weight"].as_f64().unwrap()
            })
            .collect();
        assert!(
            weights.iter().all(|&w| w > 0.0),
            "{name}: unit {i}: {weights:?}"
        );
        assert!(
            weights.windows(2).all(|w| w[0] >= w[1]),
            "{name}: unit {i}: {weights:?}"
        );
    }
    let units = json["units"].as_array().unwrap();
    let is_unit = |v: &Value| v.as_u64().is_some_and(|id| (id as usize) < units.len());
    for relation in json["relations"].as_array().unwrap() {
        assert!(
            is_unit(&relation["from"]) && is_unit(&relation["to"]),
            "{name}: {relation}"
        );
        assert_ne!(relation["from"], relation["to"], "{name}: a self-loop");
        assert!(["support", "attack"].contains(&relation["kind"].as_str().unwrap()));
        // An explicit link names its connective, as written in the text.
        if relation["explicit"].as_bool().unwrap() {
            let cue = relation["cue"].as_str().unwrap();
            assert!(input.contains(cue), "{name}: {relation}");
        } else {
            assert!(relation["cue"].is_null());
        }
        assert!(!relation["why"].as_str().unwrap().is_empty());
    }
    let main_claims = json["main_claims"].as_array().unwrap();
    let any_claim = units.iter().any(|u| u["role"] == "claim");
    assert_eq!(main_claims.is_empty(), !any_claim, "{name}: main claims");
    for (n, id) in main_claims.iter().enumerate() {
        assert!(is_unit(id));
        assert_eq!(units[id.as_u64().unwrap() as usize]["role"], "claim");
        assert!(!main_claims[..n].contains(id), "{name}: a main claim twice");
    }
    for finding in json["findings"].as_array().unwrap() {
        assert!(is_unit(&finding["unit"]), "{name}: {finding}");
        let unit = &units[finding["unit"].as_u64().unwrap() as usize];
        assert_eq!(
            span(finding),
            span(unit),
            "{name}: a finding's span is its unit's"
        );
        let start = span(finding).0;
        let line = input[..start].matches('\n').count() + 1;
        let line_start = input[..start].rfind('\n').map_or(0, |n| n + 1);
        let column = input[line_start..start].chars().count() + 1;
        assert_eq!(finding["line"].as_u64().unwrap() as usize, line, "{name}");
        assert_eq!(
            finding["column"].as_u64().unwrap() as usize,
            column,
            "{name}"
        );
        assert!(["warning", "error"].contains(&finding["severity"].as_str().unwrap()));
        assert!(warrant::lint::rule(finding["rule"].as_str().unwrap()).is_some());
        assert!(!finding["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(json["file"], name);
    let score = &json["score"];
    assert!(score["counts"].is_object());
    assert!(score["overall"].as_u64().unwrap() <= 100);
    assert!((0.0..=1.0).contains(&score["support_coverage"].as_f64().unwrap()));
}

#[test]
fn corpus_pieces_keep_the_contract() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            check(
                &path.display().to_string(),
                &std::fs::read_to_string(&path).unwrap(),
            );
            checked += 1;
        }
    }
    assert!(checked >= 6);
}

#[test]
fn awkward_inputs_keep_the_contract() {
    let cases = [
        (
            "bom-and-crlf",
            "\u{feff}A heading here\r\n\r\nThe council must act. “It will,” she said.\r\n",
        ),
        (
            "no-final-stop",
            "We should act now because the river is dying",
        ),
        (
            "lists",
            "Three demands:\n\n1. Fund the buses.\n2. Fix the stops\n- Publish the data\n",
        ),
        (
            "quotes-and-ellipses",
            "He said \"wait...\" and left. . . . Then? Nothing!? (Really.)",
        ),
        (
            "unicode",
            "Ça coûte 4,50 € — trop cher. Naïve hopes won’t do; we must act.",
        ),
        ("empty", ""),
        ("blank", " \n\t\n"),
    ];
    for (name, input) in cases {
        check(name, input);
    }
}
