//! The project's own corpus: every piece has a readable gold file, the
//! pieces are the length the project asks for, and the sentence splitter
//! agrees with the gold sentence boundaries.

use std::path::{Path, PathBuf};
use warrant::eval::{best_overlap, gold};
use warrant::{Analysis, Lexicon};

fn pieces() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut pieces: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    pieces.sort();
    pieces
}

#[test]
fn at_least_six_pieces_of_400_to_1000_words_each_with_gold() {
    let pieces = pieces();
    assert!(pieces.len() >= 6, "only {} pieces", pieces.len());
    for piece in &pieces {
        let (text, sentences) = gold::read(piece).unwrap_or_else(|e| panic!("{e}"));
        let words = text.split_whitespace().count();
        assert!(
            (400..=1000).contains(&words),
            "{}: {words} words",
            piece.display()
        );
        // The gold covers every non-blank character of the text.
        let mut covered = vec![false; text.len()];
        for s in &sentences {
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            assert!(
                c.is_whitespace() || covered[i],
                "{}: byte {i} ({c:?}) is in no gold sentence",
                piece.display()
            );
        }
    }
}

/// Sentence boundaries: a predicted sentence is right when a gold sentence
/// has exactly its span.
#[test]
fn sentence_boundaries_match_the_gold() {
    let lexicon = Lexicon::english();
    let (mut right, mut predicted, mut expected) = (0, 0, 0);
    let (mut labels_right, mut labelled) = (0, 0);
    for piece in pieces() {
        let (text, gold) = gold::read(&piece).unwrap_or_else(|e| panic!("{e}"));
        let analysis = Analysis::of(&piece.display().to_string(), &text, &lexicon);
        predicted += analysis.sentences.len();
        expected += gold.len();
        for g in &gold {
            if analysis
                .sentences
                .iter()
                .any(|s| s.start == g.start && s.end == g.end)
            {
                right += 1;
            } else {
                eprintln!(
                    "{}: gold sentence not found: {:?}",
                    piece.display(),
                    &text[g.start..g.end]
                );
            }
            if let Some(unit) = best_overlap(&analysis.units, g.start, g.end) {
                labelled += 1;
                labels_right += usize::from(unit.role == g.role);
            }
        }
    }
    let precision = right as f64 / predicted as f64;
    let recall = right as f64 / expected as f64;
    eprintln!(
        "corpus sentence boundaries: precision {precision:.3} recall {recall:.3} ({right} of {expected} gold, {predicted} found); \
         role accuracy {:.3} ({labels_right}/{labelled})",
        labels_right as f64 / labelled as f64
    );
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}"
    );
}
