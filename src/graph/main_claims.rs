//! The piece's main claims: its thesis, then its final conclusions.
//!
//! The thesis is the claim a reader would name if asked what the piece
//! argues. Writers state it up front or draw it at the end with "therefore";
//! it is more often a recommendation than a judgement, and it answers nothing
//! before it (a unit that opens with "because", "for example", "but" or
//! "this" responds to another and is no thesis). Final conclusions are the
//! recommendations and drawn conclusions of the closing paragraph that no
//! connective ties to anything else.

use super::{opens_with_addition, opens_with_anaphor};
use crate::discourse::Unit;
use crate::labels::{CueClass, Kind, Role};
use crate::text::Document;

/// What speaks for a claim being the thesis, and how much.
mod weigh {
    pub const DRAWN_CONCLUSION: f64 = 4.0;
    pub const LOCAL_CONCLUSION: f64 = 0.5;
    pub const RECOMMENDATION: f64 = 3.0;
    pub const JUDGEMENT: f64 = 0.5;
    pub const RESPONDS: f64 = -3.0;
    pub const ATTACHED: f64 = -2.0;
    pub const FIRST_SENTENCE: f64 = 1.5;
    pub const FIRST_PARAGRAPH: f64 = 0.5;
    pub const LAST_PARAGRAPH: f64 = 1.0;
    /// In an article of several paragraphs, a claim of its opening third:
    /// columns state their thesis early and draw their final conclusions
    /// at the end, so a conclusion drawn there is a final conclusion, not
    /// the thesis.
    pub const OPENING: f64 = 5.0;
    /// Body paragraphs an article needs before its opening counts.
    pub const ARTICLE_PARAGRAPHS: usize = 3;
}

/// Where a piece's parts are, computed once per piece.
struct Layout {
    first_body_sentence: Option<usize>,
    last_paragraph: usize,
    /// For each paragraph, whether it is in the opening third of an
    /// article of several paragraphs (headings aside; at least its first
    /// two paragraphs).
    opening: Vec<bool>,
}

impl Layout {
    fn of(document: &Document) -> Layout {
        let body: Vec<usize> = document
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.sentences.clone().any(|s| !document.sentences[s].heading))
            .map(|(i, _)| i)
            .collect();
        let mut opening = vec![false; document.paragraphs.len()];
        if body.len() >= weigh::ARTICLE_PARAGRAPHS {
            for &p in &body[..body.len().div_ceil(3).max(2)] {
                opening[p] = true;
            }
        }
        Layout {
            first_body_sentence: document.sentences.iter().position(|s| !s.heading),
            last_paragraph: document.paragraphs.len().saturating_sub(1),
            opening,
        }
    }
}

fn thesis_score(
    units: &[Unit],
    index: usize,
    document: &Document,
    layout: &Layout,
    attached: &[bool],
) -> f64 {
    let unit = &units[index];
    let sentence = &document.sentences[unit.sentence];
    let first_body = layout.first_body_sentence;
    let last_paragraph = layout.last_paragraph;
    let opens_sentence = index == 0 || units[index - 1].sentence != unit.sentence;
    let mut score = 0.0;
    let opener = unit.opener.as_ref().map(|c| c.class);
    // "Therefore X", or "X should therefore Y": a conclusion drawn from the
    // piece. "Y, so X" draws a conclusion from its own sentence only.
    let drawn_inside = unit.infers.is_some();
    match opener {
        Some(CueClass::ConclusionFollows) if opens_sentence => score += weigh::DRAWN_CONCLUSION,
        Some(CueClass::ConclusionFollows) => score += weigh::LOCAL_CONCLUSION,
        _ if drawn_inside => score += weigh::DRAWN_CONCLUSION,
        // "Nevertheless, we should…" turns to the writer's own position; the
        // concession of "Although Y, X" does not.
        Some(CueClass::Contrast) if !(opens_sentence && concedes(units, index)) => {}
        Some(_) => score += weigh::RESPONDS,
        None if unit.concedes || opens_with_anaphor(unit) || opens_with_addition(unit) => {
            score += weigh::RESPONDS;
        }
        None => {}
    }
    match unit.kind {
        Kind::Policy => score += weigh::RECOMMENDATION,
        Kind::Value => score += weigh::JUDGEMENT,
        _ => {}
    }
    if attached[index] {
        score += weigh::ATTACHED;
    }
    if Some(unit.sentence) == first_body && opens_sentence {
        score += weigh::FIRST_SENTENCE;
    }
    if sentence.paragraph == 0 {
        score += weigh::FIRST_PARAGRAPH;
    }
    if sentence.paragraph == last_paragraph && last_paragraph > 0 {
        score += weigh::LAST_PARAGRAPH;
    }
    if layout.opening[sentence.paragraph] {
        score += weigh::OPENING;
    }
    score
}

/// Whether the unit is the opening concession of its sentence ("Although
/// Y, | X"): another unit of the sentence follows it.
fn concedes(units: &[Unit], index: usize) -> bool {
    units
        .get(index + 1)
        .is_some_and(|next| next.sentence == units[index].sentence)
}

/// Ranks the main claims, thesis first; empty only when no unit is a claim.
/// `attached` tells which units a connective already links to another.
pub fn rank(units: &[Unit], document: &Document, attached: &[bool]) -> Vec<usize> {
    let claims = || {
        units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.role == Role::Claim)
    };
    let layout = Layout::of(document);
    // The highest score wins; among equals, the earliest.
    let Some(thesis) = claims()
        .map(|(i, _)| (i, thesis_score(units, i, document, &layout, attached)))
        .fold(None, |best: Option<(usize, f64)>, (i, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((i, s)),
        })
        .map(|(i, _)| i)
    else {
        return Vec::new();
    };
    let last_paragraph = document.paragraphs.len().saturating_sub(1);
    let mut main = vec![thesis];
    if last_paragraph > 0 {
        main.extend(claims().map(|(i, _)| i).filter(|&i| {
            let unit = &units[i];
            i != thesis
                && !attached[i]
                && document.sentences[unit.sentence].paragraph == last_paragraph
                && (unit.kind == Kind::Policy
                    || unit
                        .opener
                        .as_ref()
                        .is_some_and(|c| c.class == CueClass::ConclusionFollows))
        }));
    }
    main
}
