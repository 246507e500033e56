//! `warrant`: an argument-structure analyser for opinion pieces.
//!
//! The pipeline runs one way: [`text`] splits the input into paragraphs and
//! sentences, [`grammar`] holds the cue lexicon read from `grammar/`,
//! [`discourse`] splits sentences into units and labels them, [`graph`]
//! links them into an argument, [`lint`] finds its weak spots, [`score`]
//! rates it, and [`analysis`] assembles the result that [`render`] prints;
//! [`batch`] scores many articles at once for `warrant score`.
//! [`explain`] says what the rules and the score mean. [`cli`] is the
//! command line; the binary only calls it.

pub mod analysis;
pub mod batch;
pub mod cli;
pub mod discourse;
pub mod error;
pub mod eval;
pub mod explain;
pub mod features;
pub mod grammar;
pub mod graph;
pub mod input;
pub mod labels;
pub mod lint;
pub mod render;
pub mod score;
pub mod text;
pub mod train;
pub mod weights;

pub use analysis::Analysis;
pub use error::Error;
pub use grammar::Lexicon;
pub use labels::{Kind, Role};
