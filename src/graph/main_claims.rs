//! The piece's main claims: its thesis, then its final conclusions.
//!
//! The thesis is the claim a reader would name if asked what the piece
//! argues. Writers state it up front or draw it at the end with "therefore";
//! it is more often a recommendation than a judgement, and it answers nothing
//! before it (a unit that opens with "because", "for example", "but" or
//! "this" responds to another and is no thesis). Final conclusions are the
//! recommendations and drawn conclusions of the closing paragraph that no
//! connective ties to anything else.

use super::opens_with_anaphor;
use crate::discourse::Unit;
use crate::grammar::Lexicon;
use crate::labels::{CueClass, Kind, Role};
use crate::text::Document;

/// What speaks for a claim being the thesis, and how much.
mod weigh {
    pub const DRAWN_CONCLUSION: f64 = 4.0;
    pub const RECOMMENDATION: f64 = 3.0;
    pub const JUDGEMENT: f64 = 0.5;
    pub const RESPONDS: f64 = -3.0;
    pub const ATTACHED: f64 = -2.0;
    pub const FIRST_SENTENCE: f64 = 1.5;
    pub const FIRST_PARAGRAPH: f64 = 0.5;
    pub const LAST_PARAGRAPH: f64 = 1.0;
}

fn thesis_score(
    unit: &Unit,
    index: usize,
    document: &Document,
    attached: &[bool],
    lexicon: &Lexicon,
) -> f64 {
    let sentence = &document.sentences[unit.sentence];
    let first_body = document.sentences.iter().position(|s| !s.heading);
    let last_paragraph = document.paragraphs.len().saturating_sub(1);
    let mut score = 0.0;
    match unit.opener.as_ref().map(|c| c.class) {
        Some(CueClass::ConclusionFollows) => score += weigh::DRAWN_CONCLUSION,
        Some(_) => score += weigh::RESPONDS,
        None if opens_with_anaphor(unit, lexicon) => score += weigh::RESPONDS,
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
    if Some(unit.sentence) == first_body {
        score += weigh::FIRST_SENTENCE;
    }
    if sentence.paragraph == 0 {
        score += weigh::FIRST_PARAGRAPH;
    }
    if sentence.paragraph == last_paragraph && last_paragraph > 0 {
        score += weigh::LAST_PARAGRAPH;
    }
    score
}

/// Ranks the main claims, thesis first; empty only when no unit is a claim.
/// `attached` tells which units a connective already links to another.
pub fn rank(
    units: &[Unit],
    document: &Document,
    attached: &[bool],
    lexicon: &Lexicon,
) -> Vec<usize> {
    let claims = || {
        units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.role == Role::Claim)
    };
    // The highest score wins; among equals, the earliest.
    let Some(thesis) = claims()
        .map(|(i, u)| (i, thesis_score(u, i, document, attached, lexicon)))
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
