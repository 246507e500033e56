//! The English "Golden Rules" of sentence segmentation, read from the peer
//! test suite in ../shared/peer-tests (skipped with a message when absent).

use std::path::Path;
use warrant::Lexicon;
use warrant::text::segment;

const SUITE: &str = "../shared/peer-tests/golden_en.json";
/// The bar: pySBD passes 47, sentencex 43.
const REQUIRED: usize = 45;

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    gold: Vec<String>,
}

#[test]
fn golden_rules_pass_at_least_45_of_48() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SUITE);
    let Ok(json) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let cases: Vec<Case> = serde_json::from_str(&json).expect("the suite is valid JSON");
    let lexicon = Lexicon::english();
    let mut passed = 0;
    for (n, case) in cases.iter().enumerate() {
        let document = segment(&case.text, &lexicon);
        let found: Vec<&str> = document
            .sentences
            .iter()
            .map(|s| s.text(&case.text).trim())
            .collect();
        let gold: Vec<&str> = case.gold.iter().map(|s| s.trim()).collect();
        if found == gold {
            passed += 1;
        } else {
            eprintln!(
                "rule {} fails:\n  gold:  {gold:?}\n  found: {found:?}",
                n + 1
            );
        }
    }
    eprintln!("golden rules: {passed} of {} pass", cases.len());
    assert_eq!(cases.len(), 48);
    assert!(
        passed >= REQUIRED,
        "{passed} of 48 pass; at least {REQUIRED} must"
    );
}
