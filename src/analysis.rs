//! The analysis of one article: the JSON contract of `analyse --format json`
//! (see DESIGN.md), built from the pipeline's stages.

use crate::discourse::{self, Keep, Unit, classify::Scorer};
use crate::grammar::Lexicon;
use crate::grammar::pattern::WordTable;
pub use crate::graph::Relation;
use crate::graph::{self, Argument, SubjectReader};
pub use crate::lint::Finding;
use crate::lint::{self, Context};
pub use crate::score::Score;
use crate::score::Tally;
use crate::text::tokens::Token;
use crate::text::{self, Document};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub file: String,
    pub sentences: Vec<SentenceEntry>,
    pub units: Vec<Unit>,
    pub relations: Vec<Relation>,
    pub main_claims: Vec<usize>,
    pub findings: Vec<Finding>,
    pub score: Score,
}

/// What `warrant score` prints of an article: its score's figures and its
/// words as `str::split_whitespace` counts them.
#[derive(Debug, Clone)]
pub struct ArticleScore {
    pub score: Tally,
    pub word_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceEntry {
    pub id: usize,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub units: Vec<usize>,
}

/// Runs the pipeline over one article after another, keeping what it has
/// learnt about word forms from one to the next: a batch gives each worker
/// one, so that the words of a language are looked at once per worker
/// rather than once per article. Its analyses are those of [`Analysis::of`],
/// but for what [`Analyser::without_reasons`] and
/// [`Analyser::keeping_features`] leave out or keep.
pub struct Analyser<'a> {
    lexicon: &'a Lexicon,
    subjects: SubjectReader<'a>,
    /// The lexicon's weights laid out for scoring, once for every article.
    scorer: Scorer<'a>,
    /// What the units keep of their labels' workings.
    keep: Keep,
    /// The tokens and the table of words of the article before, handed to
    /// the next to fill: memory still in the cache, where new vectors for
    /// each article would be memory the allocator has not handed out for a
    /// while. Those of an article of more than [`HANDED_ON`] tokens are let
    /// go with it.
    tokens: Vec<Token>,
    words: WordTable,
}

/// The most tokens an analyser hands on from one article to the next: a
/// long op-ed's ten times over (prose has a token every two or three bytes).
/// The vectors of a longer input are let go with it, so that one huge input
/// does not hold its memory for the rest of a batch.
const HANDED_ON: usize = 1 << 16;

impl<'a> Analyser<'a> {
    /// The analyser whose units keep their labels' reasons (`Unit::because`)
    /// but not their features (`Unit::features`).
    pub fn new(lexicon: &'a Lexicon) -> Analyser<'a> {
        Analyser {
            lexicon,
            subjects: SubjectReader::new(lexicon),
            scorer: Scorer::new(lexicon),
            keep: Keep {
                reasons: true,
                features: false,
            },
            tokens: Vec::new(),
            words: WordTable::default(),
        }
    }

    /// The analyser for outputs that print no label's reasons or confidence
    /// (`score`'s figures): its units' `because` is empty and their
    /// `confidence` none, the rest as this one's.
    pub fn without_reasons(mut self) -> Analyser<'a> {
        self.keep.reasons = false;
        self
    }

    /// The analyser for `warrant train`, whose units keep the features the
    /// scorer read (`Unit::features`), the rest as this one's.
    pub fn keeping_features(mut self) -> Analyser<'a> {
        self.keep.features = true;
        self
    }

    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }

    /// Runs the pipeline over `source`, the text of the input named `file`.
    pub fn analyse(&mut self, file: &str, source: &str) -> Analysis {
        let (document, units, argument, findings) = self.run(source);
        let analysis = Analysis::assemble(file, &document, units, argument, findings);
        self.hand_on(document.tokens);
        analysis
    }

    /// The score of `source`, as [`Analyser::analyse`] would have it, with
    /// no [`Analysis`] assembled (its sentences' lists of units, each
    /// allocated) and no maps of names: `score` prints figures only.
    pub fn score(&mut self, source: &str) -> ArticleScore {
        let (document, units, argument, findings) = self.run(source);
        let score = ArticleScore {
            score: Tally::of(&units, &argument, &findings),
            word_count: document.word_count,
        };
        self.hand_on(document.tokens);
        score
    }

    /// Keeps `tokens`, the last article's, and the table of its words for
    /// the next article, unless the article was longer than [`HANDED_ON`]
    /// tokens: every vector of the table was made to the article's length.
    fn hand_on(&mut self, tokens: Vec<Token>) {
        if tokens.capacity() <= HANDED_ON {
            self.tokens = tokens;
        } else {
            self.words = WordTable::default();
        }
    }

    /// The pipeline's stages over `source`.
    fn run(&mut self, source: &str) -> (Document, Vec<Unit>, Argument, Vec<Finding>) {
        let lexicon = self.lexicon;
        let tokens = std::mem::take(&mut self.tokens);
        let document = text::segment_into(source, lexicon, tokens);
        let units =
            discourse::analyse_into(source, &document, &self.scorer, self.keep, &mut self.words);
        let argument = graph::build_with(&units, &document, &mut self.subjects);
        let findings = lint::check(&Context {
            source,
            document: &document,
            units: &units,
            argument: &argument,
        });
        (document, units, argument, findings)
    }
}

impl Analysis {
    /// Runs the pipeline over `source`, the text of the input named `file`.
    pub fn of(file: &str, source: &str, lexicon: &Lexicon) -> Analysis {
        Analyser::new(lexicon).analyse(file, source)
    }

    fn assemble(
        file: &str,
        document: &Document,
        units: Vec<Unit>,
        argument: Argument,
        findings: Vec<Finding>,
    ) -> Analysis {
        // Each sentence's list of units is made the length it will have
        // (most hold one unit) rather than grown as units are added.
        let mut unit_counts = vec![0; document.sentences.len()];
        for unit in &units {
            unit_counts[unit.sentence] += 1;
        }
        let mut sentences: Vec<SentenceEntry> = document
            .sentences
            .iter()
            .zip(unit_counts)
            .enumerate()
            .map(|(id, (s, unit_count))| SentenceEntry {
                id,
                paragraph: s.paragraph,
                start: s.start,
                end: s.end,
                units: Vec::with_capacity(unit_count),
            })
            .collect();
        for unit in &units {
            sentences[unit.sentence].units.push(unit.id);
        }
        Analysis {
            file: file.to_string(),
            sentences,
            score: Score::of(&units, &argument, &findings),
            units,
            relations: argument.relations,
            main_claims: argument.main_claims,
            findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{Kind, Role};
    use crate::lint::RULES;

    /// The pieces of `corpus/`, by path, with their texts.
    fn corpus_pieces() -> Vec<(std::path::PathBuf, String)> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut pieces: Vec<_> = std::fs::read_dir(corpus)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .map(|path| {
                let text = std::fs::read_to_string(&path).unwrap();
                (path, text)
            })
            .collect();
        pieces.sort();
        assert!(pieces.len() >= 5, "only {} corpus pieces", pieces.len());
        pieces
    }

    #[test]
    fn an_analyser_reads_each_article_as_if_it_were_its_first() {
        // An analyser hands each article the tokens and the table of words
        // of the one before: nothing of it may show in the next one's
        // analysis, whichever is longer, and whether either is in ASCII.
        let lexicon = Lexicon::english();
        let mut articles: Vec<String> = corpus_pieces().into_iter().map(|(_, text)| text).collect();
        articles.push(
            "Es ist Zeit: „Wir müssen handeln“, sagte Frau Ødegaard. \
             The council’s fares rose by 40%, so it should act."
                .to_string(),
        );
        articles.push("Short. The end".to_string());
        let fresh: Vec<String> = articles
            .iter()
            .map(|text| serde_json::to_string(&Analysis::of("a", text, &lexicon)).unwrap())
            .collect();
        let mut analyser = Analyser::new(&lexicon);
        // Forwards, then backwards: each article after a longer and after
        // a shorter one.
        let order = (0..articles.len()).chain((0..articles.len()).rev());
        for i in order {
            let again = analyser.analyse("a", &articles[i]);
            assert_eq!(
                serde_json::to_string(&again).unwrap(),
                fresh[i],
                "article {i}"
            );
            // And what is handed on holds this article's alone.
            let mut first = Analyser::new(&lexicon);
            first.analyse("a", &articles[i]);
            let held = |a: &Analyser| (a.tokens.len(), a.words.words.len(), a.words.cues.len());
            assert_eq!(held(&analyser), held(&first), "article {i}");
        }
    }

    #[test]
    fn a_huge_input_s_vectors_are_let_go_with_it() {
        let lexicon = Lexicon::english();
        let (_, piece) = corpus_pieces()
            .into_iter()
            .find(|(path, _)| path.ends_with("school-phones.txt"))
            .unwrap();
        let huge = piece.repeat(3 * HANDED_ON / piece.len() + 1);
        let mut analyser = Analyser::new(&lexicon);
        let room = |a: &Analyser| a.tokens.capacity().max(a.words.words.capacity());
        analyser.analyse("piece", &piece);
        assert!(room(&analyser) > 0 && room(&analyser) <= HANDED_ON);
        let analysis = analyser.analyse("huge", &huge);
        assert!(analysis.units.len() > 100);
        assert_eq!(room(&analyser), 0, "nothing of the huge input kept");
        let again = analyser.analyse("piece", &piece);
        let fresh = Analysis::of("piece", &piece, &lexicon);
        assert_eq!(
            serde_json::to_string(&again).unwrap(),
            serde_json::to_string(&fresh).unwrap()
        );
        assert!(room(&analyser) > 0 && room(&analyser) <= HANDED_ON);
    }

    #[test]
    fn score_s_figures_are_those_of_the_whole_analysis() {
        // `warrant score` takes the short way (no reasons, no Analysis
        // assembled, counts by index); its figures must be the long way's.
        let lexicon = Lexicon::english();
        let mut analyser = Analyser::new(&lexicon).without_reasons();
        let mut read = 0;
        for (path, text) in corpus_pieces() {
            let whole = Analysis::of("test", &text, &lexicon);
            let ArticleScore { score, word_count } = analyser.score(&text);
            let Tally {
                overall,
                support_coverage,
                evidence_per_claim,
                speculation_share,
                by_role,
                by_kind,
                by_rule,
            } = score;
            assert_eq!(overall, whole.score.overall, "{path:?}");
            assert_eq!(support_coverage, whole.score.support_coverage);
            assert_eq!(evidence_per_claim, whole.score.evidence_per_claim);
            assert_eq!(speculation_share, whole.score.speculation_share);
            for role in Role::ALL {
                let counted = whole.score.counts.get(role.name()).copied();
                assert_eq!(by_role[role as usize], counted.unwrap_or(0));
            }
            for kind in Kind::ALL {
                let counted = whole.score.kinds.get(kind.name()).copied();
                assert_eq!(by_kind[kind.index()], counted.unwrap_or(0));
            }
            for (rule, count) in RULES.iter().zip(by_rule) {
                let counted = whole.score.findings.get(rule.id()).copied();
                assert_eq!(count, counted.unwrap_or(0), "{}", rule.id());
            }
            assert_eq!(by_rule.iter().sum::<usize>(), whole.findings.len());
            assert_eq!(word_count, text.split_whitespace().count());
            read += 1;
        }
        assert!(read >= 5, "only {read} corpus pieces");
    }
}
