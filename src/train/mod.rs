//! `warrant train`: learns the scorer's weights from annotated data.
//!
//! Each gold unit is matched to the analyser's own unit (the one that
//! overlaps it most, as `eval` matches them), whose features are the
//! scorer's input and whose gold kind is the target. A multinomial logistic
//! regression (linfa-logistic: L2, class-balanced) is fitted on standardised
//! features; the standardisation is then folded into the weights, so a
//! learned set is an ordinary table of feature × kind weights that the
//! linear scorer reads like the hand-set ones. Cross-validation holds out
//! whole documents and compares the learned weights with the hand-set ones on
//! the same folds.

mod table;

pub use table::weight_set;

use crate::analysis::{Analyser, Analysis};
use crate::discourse::classify;
use crate::eval::metrics::Confusion;
use crate::eval::report::Dataset;
use crate::eval::{best_overlap, cdcp, gold, microtext};
use crate::features::{self, FEATURE_COUNT, FeatureVector};
use crate::grammar::Lexicon;
use crate::labels::{Kind, Role};
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use std::path::{Path, PathBuf};

/// How the fit is regularised, balanced, and how long it may run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// The L2 penalty on the standardised columns.
    pub alpha: f64,
    pub balance: Balance,
    /// The least scale a column is divided by when standardised.
    pub scale_floor: f64,
    /// Also fit on each kind's score under the hand-set weights, so that the
    /// learned weights start from what the grammar knows and the data
    /// corrects it, rather than from nothing.
    pub prior: bool,
    pub max_iterations: u64,
    /// Learn a weight for every word form (and pair of forms) found in at
    /// least this many training units (0: no lexical features).
    pub words: usize,
    /// What a lexical feature's column is divided by, once centred: the
    /// same for every word, rather than its own spread (at most 0.5 for a
    /// 0/1 column), so that a word seen in 1% of units cannot weigh as much
    /// as a grammar class seen in half of them. 0.6 did best in CDCP's folds.
    pub word_scale: f64,
}

impl Default for Params {
    /// Chosen by cross-validation on CDCP train (root balancing also did best
    /// on the corpus, which, with the microtexts, takes `--alpha 10`). The
    /// choice was made on the same folds that are reported, so the
    /// cross-validated figures flatter it a little.
    fn default() -> Params {
        Params {
            alpha: 30.0,
            balance: Balance::Root,
            scale_floor: 0.3,
            prior: true,
            max_iterations: 300,
            words: 0,
            word_scale: 0.6,
        }
    }
}

/// How much rarer kinds are made to count: each unit of a kind is repeated
/// round(f) times, where f is a function of the imbalance, the largest
/// kind's units over this kind's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Balance {
    /// f = imbalance: every kind weighs the same in the fit. Rare kinds are
    /// then over-predicted (CDCP's 31 references got precision 0.17).
    Full,
    /// f = √imbalance: rare kinds count more, not as much as common ones.
    Root,
    /// f = 1: every unit once.
    None,
}

impl Balance {
    pub fn name(self) -> &'static str {
        match self {
            Balance::Full => "full",
            Balance::Root => "root",
            Balance::None => "none",
        }
    }
}

/// What the analyser made of one gold unit: the features of the unit that
/// overlaps it most.
#[derive(Debug, Clone)]
pub struct Observed {
    pub features: FeatureVector,
    /// The sentence splitter made it a heading: no weights decide it.
    pub heading: bool,
    /// The kind the hand-set weights give it.
    pub hand: Kind,
    /// The unit's word forms (`features::word_forms`).
    pub words: Vec<String>,
}

/// One gold unit.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The data set it comes from, which says what its label means.
    pub dataset: Dataset,
    /// Index into [`Gold::documents`].
    pub document: usize,
    /// The gold label in the data set's own scheme (a kind, or a CDCP type).
    pub label: &'static str,
    /// The kind the fit learns for it.
    pub target: Kind,
    /// `None` when no unit of the analyser overlaps it.
    pub observed: Option<Observed>,
}

/// The gold units of a data set, read and analysed.
#[derive(Debug, Clone)]
pub struct Gold {
    pub documents: Vec<PathBuf>,
    pub samples: Vec<Sample>,
}

/// The kind that stands for each CDCP type when learning: a first-person
/// experience (TESTIMONY) is our anecdote.
fn cdcp_target(label: &str) -> Kind {
    match label {
        "policy" => Kind::Policy,
        "value" => Kind::Value,
        "testimony" => Kind::Anecdote,
        "reference" => Kind::Reference,
        _ => Kind::Fact,
    }
}

/// CDCP's types as roles: a reference and a first-person report are
/// offered as evidence; the rest are claims.
fn cdcp_role(label: &str) -> &'static str {
    match label {
        "testimony" | "reference" => Role::Evidence.name(),
        _ => Role::Claim.name(),
    }
}

impl Dataset {
    /// The label of a kind in this data set's scheme, for the figures.
    pub fn label_of(self, kind: Kind) -> Option<&'static str> {
        match self {
            Dataset::Cdcp => cdcp::label_of(kind),
            _ => Some(kind.name()),
        }
    }

    /// The role a gold label stands for.
    fn role_of_label(self, label: &str) -> &'static str {
        match self {
            Dataset::Cdcp => cdcp_role(label),
            _ => Kind::from_name(label).map_or("other", |k| k.role().name()),
        }
    }

    fn labels(self) -> Vec<&'static str> {
        match self {
            Dataset::Cdcp => cdcp::LABELS.to_vec(),
            _ => Kind::ALL.iter().map(|k| k.name()).collect(),
        }
    }

    fn roles(self) -> Vec<&'static str> {
        match self {
            Dataset::Cdcp => vec![Role::Claim.name(), Role::Evidence.name()],
            _ => Role::ALL.iter().map(|r| r.name()).collect(),
        }
    }
}

fn observe(analysis: &Analysis, start: usize, end: usize) -> Option<Observed> {
    best_overlap(&analysis.units, start, end).map(|u| Observed {
        features: *u.features.as_deref().expect("analysed keeping features"),
        heading: u.kind == Kind::Heading,
        hand: u.kind,
        words: features::word_forms(&u.text),
    })
}

/// The stance a microtext's central claim takes, as a kind: a
/// recommendation when a policy cue fires in the unit over it, else a
/// judgement. The microtexts annotate no kinds; their central claims are the
/// writer's position by construction, which is what the corpus calls
/// `claim/policy` or `claim/value`.
fn stance(analysis: &Analysis, start: usize, end: usize) -> Kind {
    let policy = best_overlap(&analysis.units, start, end)
        .is_some_and(|u| u.fired.contains(crate::labels::CueClass::Policy));
    if policy { Kind::Policy } else { Kind::Value }
}

/// Reads and analyses the gold units of each `(data set, path)` with
/// `lexicon` (whose weights give the hand-set labels). Documents are taken
/// in path order, then name order, so that the folds do not depend on the
/// file system. Of the microtexts, only the central claims are read (see
/// [`stance`]).
pub fn gather(sources: &[(Dataset, PathBuf)], lexicon: &Lexicon) -> Result<Gold, String> {
    let mut gold = Gold {
        documents: Vec::new(),
        samples: Vec::new(),
    };
    // Training reads each unit's features, which other outputs leave out.
    let mut analyser = Analyser::new(lexicon).keeping_features();
    for (dataset, path) in sources {
        let dataset = *dataset;
        match dataset {
            Dataset::Microtext => {
                let docs = if path.is_dir() {
                    microtext::read_dir(path)?
                } else {
                    vec![microtext::read(&path.with_extension("xml"))?]
                };
                for doc in docs {
                    let Some(central) = doc.central() else {
                        continue;
                    };
                    let analysis = analyser.analyse(&doc.path.display().to_string(), &doc.text);
                    let adu = &doc.adus[central];
                    let kind = stance(&analysis, adu.start, adu.end);
                    gold.samples.push(Sample {
                        dataset,
                        document: gold.documents.len(),
                        label: kind.name(),
                        target: kind,
                        observed: observe(&analysis, adu.start, adu.end),
                    });
                    gold.documents.push(doc.path);
                }
            }
            Dataset::Warrant => {
                let texts = if path.is_dir() {
                    crate::eval::files_named(path, |n| n.ends_with(".gold"))?
                } else {
                    vec![path.to_path_buf()]
                };
                for txt in texts.iter().map(|p| p.with_extension("txt")) {
                    let doc = gold::read_document(&txt)?;
                    let analysis = analyser.analyse(&txt.display().to_string(), &doc.text);
                    let document = gold.documents.len();
                    gold.documents.push(txt);
                    gold.samples.extend(doc.units.iter().map(|g| Sample {
                        dataset,
                        document,
                        label: g.kind.name(),
                        target: g.kind,
                        observed: observe(&analysis, g.start, g.end),
                    }));
                }
            }
            Dataset::Cdcp => {
                let docs = if path.is_dir() {
                    cdcp::read_dir(path)?
                } else {
                    vec![cdcp::read(&path.with_extension("").with_extension("txt"))?]
                };
                for doc in docs {
                    let analysis = analyser.analyse(&doc.path.display().to_string(), &doc.text);
                    let document = gold.documents.len();
                    for prop in &doc.propositions {
                        let label = cdcp::LABELS
                            .into_iter()
                            .find(|l| *l == prop.label)
                            .ok_or_else(|| {
                                format!("{}: unknown type `{}`", doc.path.display(), prop.label)
                            })?;
                        gold.samples.push(Sample {
                            dataset,
                            document,
                            label,
                            target: cdcp_target(label),
                            observed: observe(&analysis, prop.start, prop.end),
                        });
                    }
                    gold.documents.push(doc.path);
                }
            }
        }
    }
    if gold.samples.is_empty() {
        return Err("no gold units to learn from".to_string());
    }
    Ok(gold)
}

/// Learned weights, with the standardisation folded in: per kind, a weight
/// for every feature, `bias` included.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The kinds learned, in `Kind` order; no other kind is ever chosen.
    pub kinds: Vec<Kind>,
    /// Parallel to `kinds`.
    pub weights: Vec<FeatureVector>,
    /// How many units each kind had, before balancing.
    pub counts: Vec<usize>,
    /// The learned word forms, sorted, each with a weight per kind
    /// (parallel to `kinds`).
    pub words: Vec<(String, Vec<f64>)>,
}

impl Model {
    /// A lexicon that scores with these weights: `base` with its weights
    /// replaced.
    pub fn lexicon(&self, base: &Lexicon) -> Lexicon {
        let mut lexicon = base.clone();
        lexicon.weights = vec![[0.0; FEATURE_COUNT]; Kind::ALL.len()];
        lexicon.scored = [false; Kind::ALL.len()];
        for (kind, weights) in self.kinds.iter().zip(&self.weights) {
            lexicon.weights[kind.index()] = *weights;
            lexicon.scored[kind.index()] = true;
        }
        lexicon.words = self
            .words
            .iter()
            .map(|(form, weights)| {
                let mut by_kind = [0.0; Kind::ALL.len()];
                for (kind, weight) in self.kinds.iter().zip(weights) {
                    by_kind[kind.index()] = *weight;
                }
                (form.clone(), by_kind)
            })
            .collect();
        lexicon
    }
}

/// The samples a fit can learn from: matched to a unit the scorer labels
/// (not a heading), with a gold kind the scorer can give.
fn learnable<'a>(samples: impl Iterator<Item = &'a Sample>) -> Vec<(&'a Observed, Kind)> {
    samples
        .filter(|s| s.target != Kind::Heading)
        .filter_map(|s| match &s.observed {
            Some(o) if !o.heading => Some((o, s.target)),
            _ => None,
        })
        .collect()
}

/// The word forms found in at least `least` of the rows' units, sorted
/// (none when `least` is 0).
fn vocabulary(rows: &[(&Observed, Kind)], least: usize) -> Vec<String> {
    if least == 0 {
        return Vec::new();
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for (observed, _) in rows {
        for word in &observed.words {
            *counts.entry(word).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= least)
        .map(|(w, _)| w.to_string())
        .collect()
}

/// Fits the weights to `samples`. Deterministic: the same samples in the
/// same order give the same weights.
pub fn fit<'a>(
    samples: impl Iterator<Item = &'a Sample>,
    params: &Params,
    prior: Option<&[FeatureVector]>,
) -> Result<Model, String> {
    let rows = learnable(samples);
    let mut kinds: Vec<Kind> = rows.iter().map(|(_, k)| *k).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.len() < 2 {
        return Err("the gold data needs at least two kinds to learn from".to_string());
    }
    let counts: Vec<usize> = kinds
        .iter()
        .map(|k| rows.iter().filter(|(_, r)| r == k).count())
        .collect();

    // The columns of the fit, each a linear function of the features (a
    // direction to take the dot product with): every feature but the bias,
    // and with a prior, each kind's prior score. Being linear, every column
    // folds back into plain feature weights afterwards. After them come the
    // words, one column each: 1 when the unit has the word form.
    let mut columns: Vec<FeatureVector> = (0..FEATURE_COUNT)
        .filter(|&j| j != features::BIAS)
        .map(|j| {
            let mut direction = [0.0; FEATURE_COUNT];
            direction[j] = 1.0;
            direction
        })
        .collect();
    if let Some(prior) = prior {
        columns.extend(
            Kind::ALL
                .iter()
                .filter(|&&k| k != Kind::Heading)
                .map(|k| prior[k.index()]),
        );
    }
    let words = vocabulary(&rows, params.words);
    let width = columns.len() + words.len();
    let raw = |observed: &Observed| -> Vec<f64> {
        let mut out: Vec<f64> = columns
            .iter()
            .map(|d| d.iter().zip(&observed.features).map(|(d, v)| d * v).sum())
            .collect();
        out.resize(width, 0.0);
        for word in &observed.words {
            if let Ok(i) = words.binary_search(word) {
                out[columns.len() + i] = 1.0;
            }
        }
        out
    };
    // Standardise every column: the penalty then weighs them alike, and the
    // solver converges. The scale has a floor, so that a rare feature (a few
    // exclamations) cannot take a huge weight once the scale is folded back.
    // A column that never varies here gets no weight. Sums first, then one
    // division: such a column's mean is then its value, its variance 0.
    // (Rows are made again where needed, rather than kept: with thousands of
    // word columns a copy of the matrix would double the memory.)
    let n = rows.len() as f64;
    let mut mean = vec![0.0; width];
    for (observed, _) in &rows {
        for (m, v) in mean.iter_mut().zip(raw(observed)) {
            *m += v;
        }
    }
    mean.iter_mut().for_each(|m| *m /= n);
    let mut variance = vec![0.0; width];
    for (observed, _) in &rows {
        for ((s, v), m) in variance.iter_mut().zip(raw(observed)).zip(&mean) {
            *s += (v - m).powi(2);
        }
    }
    variance.iter_mut().for_each(|s| *s /= n);
    let scale: Vec<f64> = variance
        .iter()
        .enumerate()
        .map(|(c, &v)| match v > 0.0 {
            false => 0.0,
            true if c < columns.len() => v.sqrt().max(params.scale_floor),
            true => params.word_scale,
        })
        .collect();
    let varies = |c: usize| scale[c] > 1e-9;

    // Class balance by repetition (linfa-logistic takes no sample weights).
    let largest = counts.iter().copied().max().unwrap_or(1);
    let repeats: Vec<usize> = counts
        .iter()
        .map(|&c| {
            let imbalance = largest as f64 / c as f64;
            let factor = match params.balance {
                Balance::Full => imbalance,
                Balance::Root => imbalance.sqrt(),
                Balance::None => 1.0,
            };
            (factor.round() as usize).max(1)
        })
        .collect();
    let class_of = |kind: &Kind| {
        kinds
            .binary_search(kind)
            .expect("kinds lists every row's kind")
    };
    let total: usize = rows.iter().map(|(_, k)| repeats[class_of(k)]).sum();
    let mut x = Array2::<f64>::zeros((total, width));
    let mut y = Array1::<usize>::zeros(total);
    let mut at = 0;
    for (observed, kind) in &rows {
        let class = class_of(kind);
        let row = raw(observed);
        for _ in 0..repeats[class] {
            for (c, v) in row.iter().enumerate() {
                if varies(c) {
                    x[[at, c]] = (v - mean[c]) / scale[c];
                }
            }
            y[at] = class;
            at += 1;
        }
    }
    let fitted = MultiLogisticRegression::default()
        .alpha(params.alpha)
        .max_iterations(params.max_iterations)
        .fit(&linfa::Dataset::new(x, y))
        .map_err(|e| format!("the fit failed: {e}"))?;

    // Fold the standardisation and the columns in:
    // Σ w·(d·x − m)/s + b = Σ (w/s)·d·x + (b − Σ w·m/s).
    let (w, intercept) = (fitted.params(), fitted.intercept());
    let mut word_weights = vec![vec![0.0; fitted.classes().len()]; words.len()];
    let weights = fitted
        .classes()
        .iter()
        .map(|&class| {
            let mut out = [0.0; FEATURE_COUNT];
            out[features::BIAS] = intercept[class];
            for c in (0..width).filter(|&c| varies(c)) {
                let weight = w[[c, class]] / scale[c];
                match columns.get(c) {
                    Some(direction) => {
                        for (o, d) in out.iter_mut().zip(direction) {
                            *o += weight * d;
                        }
                    }
                    None => word_weights[c - columns.len()][class] = weight,
                }
                out[features::BIAS] -= weight * mean[c];
            }
            out
        })
        .collect();
    Ok(Model {
        kinds,
        weights,
        counts,
        words: words.into_iter().zip(word_weights).collect(),
    })
}

/// One held-out fold's macro-F1 on one data set, learned and hand-set.
/// Kinds are not measured on the microtexts: theirs are a cue's guess (see
/// [`stance`]), not annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldScore {
    pub dataset: Dataset,
    pub fold: usize,
    pub documents: usize,
    pub units: usize,
    pub kind_learned: Option<f64>,
    pub kind_hand: Option<f64>,
    pub role_learned: f64,
    pub role_hand: f64,
}

/// Macro-F1 of kinds and roles over `samples`, with each unit's kind given
/// by `predict`, measured the way `eval` measures: every gold unit counts,
/// and one no unit overlaps is a miss.
fn measure<'a>(
    dataset: Dataset,
    samples: impl Iterator<Item = &'a Sample>,
    predict: impl Fn(&Observed) -> Kind,
) -> (Option<f64>, f64) {
    let mut kinds = Confusion::new(dataset.labels());
    let mut roles = Confusion::new(dataset.roles());
    for sample in samples {
        let predicted = sample.observed.as_ref().map(&predict);
        let label = predicted.and_then(|k| dataset.label_of(k));
        kinds.add(sample.label, label);
        roles.add(
            dataset.role_of_label(sample.label),
            label.map(|l| dataset.role_of_label(l)),
        );
    }
    let annotated_kinds = dataset != Dataset::Microtext;
    (annotated_kinds.then(|| kinds.macro_f1()), roles.macro_f1())
}

/// The data sets of `gold`, in the order they first appear.
fn datasets(gold: &Gold) -> Vec<Dataset> {
    let mut out: Vec<Dataset> = Vec::new();
    for sample in &gold.samples {
        if !out.contains(&sample.dataset) {
            out.push(sample.dataset);
        }
    }
    out
}

/// Grouped k-fold cross-validation: document `d` is held out in fold
/// `d % folds`. For each fold, the weights are fitted on the other folds and
/// both they and the hand-set weights label the held-out units, measured per
/// data set.
pub fn cross_validate(
    gold: &Gold,
    folds: usize,
    params: &Params,
    base: &Lexicon,
) -> Result<Vec<FoldScore>, String> {
    let mut scores = Vec::new();
    for fold in 0..folds {
        let held_out = |s: &&Sample| s.document % folds == fold;
        let model = fit(
            gold.samples.iter().filter(|s| !held_out(s)),
            params,
            params.prior.then_some(base.weights.as_slice()),
        )?;
        let lexicon = model.lexicon(base);
        let scorer = classify::Scorer::new(&lexicon);
        let learned = |o: &Observed| scorer.score(&o.features, &o.words, o.heading).kind;
        for dataset in datasets(gold) {
            let test = || {
                gold.samples
                    .iter()
                    .filter(held_out)
                    .filter(move |s| s.dataset == dataset)
            };
            let mut documents: Vec<usize> = test().map(|s| s.document).collect();
            documents.dedup();
            // A data set may have no document in a fold: nothing to measure.
            if documents.is_empty() {
                continue;
            }
            let (kind_learned, role_learned) = measure(dataset, test(), learned);
            let (kind_hand, role_hand) = measure(dataset, test(), |o| o.hand);
            scores.push(FoldScore {
                dataset,
                fold,
                documents: documents.len(),
                units: test().count(),
                kind_learned,
                kind_hand,
                role_learned,
                role_hand,
            });
        }
    }
    Ok(scores)
}

/// The mean of each data set's folds: (data set, kind learned, kind
/// hand-set, role learned, role hand-set); no kinds for the microtexts.
pub fn means(scores: &[FoldScore]) -> Vec<(Dataset, [Option<f64>; 4])> {
    let mut out: Vec<(Dataset, [Option<f64>; 4])> = Vec::new();
    for dataset in scores.iter().map(|s| s.dataset) {
        if out.iter().any(|(d, _)| *d == dataset) {
            continue;
        }
        let of: Vec<&FoldScore> = scores.iter().filter(|s| s.dataset == dataset).collect();
        let mean = |f: fn(&FoldScore) -> Option<f64>| {
            let values: Option<Vec<f64>> = of.iter().map(|s| f(s)).collect();
            values.map(|v| v.iter().sum::<f64>() / v.len() as f64)
        };
        out.push((
            dataset,
            [
                mean(|s| s.kind_learned),
                mean(|s| s.kind_hand),
                mean(|s| Some(s.role_learned)),
                mean(|s| Some(s.role_hand)),
            ],
        ));
    }
    out
}

/// The figures of a cross-validation as a table: a line a fold and data
/// set, then each data set's mean.
pub fn folds_table(scores: &[FoldScore]) -> String {
    let mut out = format!(
        "{:<10} {:<5} {:>9} {:>6}   {:>12} {:>13}   {:>12} {:>13}\n",
        "data",
        "fold",
        "documents",
        "units",
        "kind learned",
        "kind hand-set",
        "role learned",
        "role hand-set"
    );
    let cell = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
    for s in scores {
        out.push_str(&format!(
            "{:<10} {:<5} {:>9} {:>6}   {:>12} {:>13}   {:>12.3} {:>13.3}\n",
            s.dataset.name(),
            s.fold + 1,
            s.documents,
            s.units,
            cell(s.kind_learned),
            cell(s.kind_hand),
            s.role_learned,
            s.role_hand
        ));
    }
    for (dataset, [kl, kh, rl, rh]) in means(scores) {
        let of = scores.iter().filter(|s| s.dataset == dataset);
        out.push_str(&format!(
            "{:<10} {:<5} {:>9} {:>6}   {:>12} {:>13}   {:>12} {:>13}\n",
            dataset.name(),
            "mean",
            of.clone().map(|s| s.documents).sum::<usize>(),
            of.map(|s| s.units).sum::<usize>(),
            cell(kl),
            cell(kh),
            cell(rl),
            cell(rh)
        ));
    }
    out
}

/// What a weight set's header records of the command that wrote it.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    pub name: &'a str,
    /// The gold paths, as given.
    pub sources: &'a [PathBuf],
    pub out: &'a Path,
    /// `--grammar`, whose hand-set weights were the prior.
    pub grammar: Option<&'a Path>,
    /// `--dataset`, when given.
    pub dataset: Option<Dataset>,
}

/// The header of a weight set: what it is, what it was learned from and
/// how to learn it again. Paths are written as given, so that the same
/// command gives the same file.
pub fn header(provenance: &Provenance, gold: &Gold, params: &Params) -> Vec<String> {
    let units = learnable(gold.samples.iter()).len();
    let prior = match provenance.grammar {
        Some(grammar) => format!("the hand-set weights of {};", grammar.display()),
        None => "the built-in grammar's hand-set weights;".to_string(),
    };
    let mut lines = vec![
        format!(
            "warrant weight set `{}`, written by `warrant train`: do not edit by hand.",
            provenance.name
        ),
        format!(
            "Learned from {}: {} documents, {} units.",
            describe_sources(provenance.sources),
            gold.documents.len(),
            units
        ),
        format!("Regenerate: warrant {}", arguments(provenance, params)),
        String::new(),
        format!(
            "Multinomial logistic regression (linfa-logistic), L2 penalty {} on standardised",
            params.alpha
        ),
        format!(
            "columns, kinds balanced by repetition (`{}`). {}",
            params.balance.name(),
            if params.prior {
                "The columns are the features and"
            } else {
                "The columns are the features;"
            }
        ),
        if params.prior {
            format!("each kind's score under {prior}")
        } else {
            "the hand-set weights took no part.".to_string()
        },
        "all are folded back into the plain feature weights below.".to_string(),
    ];
    if params.words > 0 {
        lines.push(format!(
            "The lexical features are the word forms and pairs found in at least {} training units.",
            params.words
        ));
    }
    lines
}

/// The arguments of `warrant` that give the same weight set again: the
/// options that differ from their defaults, and the paths as given.
fn arguments(provenance: &Provenance, params: &Params) -> String {
    let defaults = Params::default();
    let mut out = Vec::new();
    if let Some(grammar) = provenance.grammar {
        out.push(format!("--grammar {}", grammar.display()));
    }
    out.push("train --gold".to_string());
    out.extend(provenance.sources.iter().map(|p| p.display().to_string()));
    if let Some(dataset) = provenance.dataset {
        out.push(format!("--dataset {}", dataset.name()));
    }
    if params.alpha != defaults.alpha {
        out.push(format!("--alpha {}", params.alpha));
    }
    if params.balance != defaults.balance {
        out.push(format!("--balance {}", params.balance.name()));
    }
    if !params.prior {
        out.push("--from-scratch".to_string());
    }
    if params.words != defaults.words {
        out.push(format!("--words {}", params.words));
    }
    out.push(format!(
        "--name {} --out {}",
        provenance.name,
        provenance.out.display()
    ));
    out.join(" ")
}

/// Where a data set's documents came from, for a weight set's header.
pub fn describe_sources(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit whose kind follows from its features: numbers make a
    /// statistic, a question mark a question, a long unit (length far from
    /// 0, so that a wrong fold of the mean shows) a value, the rest a fact.
    fn sample(document: usize, i: usize) -> Sample {
        let mut features = [0.0; FEATURE_COUNT];
        features[features::BIAS] = 1.0;
        let target = match i % 4 {
            0 => {
                features[features::NUMBER] = 1.0;
                Kind::Statistic
            }
            1 => {
                features[features::QUESTION] = 1.0;
                Kind::Question
            }
            2 => Kind::Value,
            _ => Kind::Fact,
        };
        // Lengths 4.0-4.4 for facts and 5.0-5.4 for the rest.
        let long = target != Kind::Fact;
        features[features::LENGTH] = if long { 5.0 } else { 4.0 } + (i % 5) as f64 / 10.0;
        Sample {
            dataset: Dataset::Warrant,
            document,
            label: target.name(),
            target,
            observed: Some(Observed {
                features,
                heading: false,
                hand: Kind::Fact,
                words: Vec::new(),
            }),
        }
    }

    #[test]
    fn lexical_features_learn_what_only_words_tell_apart() {
        // The same features throughout; a value says "unfair", a fact does not.
        let samples: Vec<Sample> = (0..40)
            .map(|i| {
                let mut s = sample(i / 4, 3);
                let value = i % 2 == 0;
                let observed = s.observed.as_mut().unwrap();
                observed.words = if value {
                    vec!["is".into(), "rare".into(), "unfair".into()]
                } else {
                    vec!["is".into(), "new".into()]
                };
                if i % 10 == 1 {
                    observed.words.push("rare".into());
                }
                if i % 20 == 3 {
                    observed.words.push("odd".into());
                }
                observed.words.sort();
                s.target = if value { Kind::Value } else { Kind::Fact };
                s
            })
            .collect();
        let right = |words: usize| {
            let params = Params {
                alpha: 0.01,
                words,
                ..Params::default()
            };
            let model = fit(samples.iter(), &params, None).unwrap();
            let lexicon = model.lexicon(&Lexicon::english());
            let scorer = classify::Scorer::new(&lexicon);
            let right = samples
                .iter()
                .filter(|s| {
                    let o = s.observed.as_ref().unwrap();
                    scorer.score(&o.features, &o.words, false).kind == s.target
                })
                .count();
            (model, right)
        };
        let (without, right_without) = right(0);
        assert!(without.words.is_empty());
        assert_eq!(right_without, 20);
        let (with, right_with) = right(5);
        assert_eq!(right_with, 40);
        // Forms in fewer than 5 units are not learned: "odd" is in 2 ("rare"
        // in 24, "new" and "unfair" in 20, "is" in all, so it never varies).
        let forms: Vec<&str> = with.words.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(forms, ["is", "new", "rare", "unfair"]);
        let unfair = &with.words[3].1;
        let (value, fact) = (
            with.kinds.iter().position(|&k| k == Kind::Value).unwrap(),
            with.kinds.iter().position(|&k| k == Kind::Fact).unwrap(),
        );
        assert!(unfair[value] > unfair[fact], "{unfair:?}");
        assert_eq!(with.words[0].1, vec![0.0; 2], "`is` never varies");
    }

    #[test]
    fn folded_weights_label_raw_features_as_the_fit_does() {
        let samples: Vec<Sample> = (0..80).map(|i| sample(i / 8, i)).collect();
        let params = Params {
            alpha: 0.01,
            ..Params::default()
        };
        let model = fit(samples.iter(), &params, None).unwrap();
        assert_eq!(
            model.kinds,
            [Kind::Value, Kind::Fact, Kind::Statistic, Kind::Question]
        );
        let lexicon = model.lexicon(&Lexicon::english());
        let scorer = classify::Scorer::new(&lexicon);
        for s in &samples {
            let observed = s.observed.as_ref().unwrap();
            let kind = scorer.score(&observed.features, &[], false).kind;
            assert_eq!(kind, s.target, "{:?}", &observed.features[..3]);
        }
        // A kind it never saw is never chosen.
        assert!(!lexicon.scored[Kind::Policy.index()]);
    }

    #[test]
    fn held_out_documents_are_not_learned_from() {
        // Two documents of one kind each: holding one out leaves one kind,
        // which is too few to learn from, so each fold must fail.
        let samples: Vec<Sample> = (0..8)
            .map(|i| {
                let mut s = sample(i % 2, if i % 2 == 0 { 0 } else { 2 });
                s.document = i % 2;
                s
            })
            .collect();
        let gold = Gold {
            documents: vec![PathBuf::from("a"), PathBuf::from("b")],
            samples,
        };
        let error = cross_validate(&gold, 2, &Params::default(), &Lexicon::english());
        assert!(error.unwrap_err().contains("at least two kinds"));
    }
}
