//! The command line: argument parsing, colour, and the mapping of results to
//! exit codes (0 success, 1 findings at or above `--fail-on` or a figure below
//! its floor, 2 usage, input or grammar errors).

use crate::analysis::Analysis;
use crate::batch;
use crate::error::Error;
use crate::explain::{self, Topic};
use crate::grammar::Lexicon;
use crate::input;
use crate::lint::Severity;
use crate::render::{self, diagnostics};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "warrant",
    version,
    about = "Argument-structure analyser for opinion pieces",
    long_about = "Reads an opinion piece and shows what it claims, what it offers as evidence, \
                  what it only speculates, how those hold each other up, and which conclusions \
                  (above all recommendations) stand on no stated premise.",
    after_help = "Exit status: 0 success; 1 findings at or above analyse --fail-on, or a figure \
                  below its floor (eval --floors); 2 usage, input, gold or grammar errors."
)]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonOptions,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct CommonOptions {
    /// Cue grammar to use instead of the built-in English one: a grammar file,
    /// or a directory of *.cues files. A file that says `use default` extends
    /// the built-in grammar instead of replacing it.
    #[arg(long, global = true, value_name = "PATH")]
    pub grammar: Option<PathBuf>,

    /// The scorer's weights: `opinion` (learned from opinion pieces, the
    /// default), `comments` (learned from public comments, CDCP), `hand` (the
    /// grammar's hand-set `weights`), or the path of a file that `warrant
    /// train` wrote. Learned sets replace the grammar's weights, whatever
    /// --grammar says. `train` ignores it: it compares with the hand-set
    /// weights.
    #[arg(long, global = true, value_name = "NAME|PATH", default_value = crate::weights::DEFAULT)]
    pub weights: String,

    /// When to colour the output. `auto` colours only a terminal, and never
    /// when the NO_COLOR environment variable is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print nothing on standard output; errors still go to standard error
    /// and the exit status still tells the outcome.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Label every sentence of one article: claim, evidence, speculation or
    /// other, with the cue words that decided each label; then show the
    /// findings (weak spots such as an unsupported recommendation) and the score.
    #[command(
        visible_alias = "analyze",
        after_help = "Exit status: 0 success; 1 a finding at or above --fail-on; \
                      2 usage, input or grammar errors."
    )]
    Analyse(AnalyseArgs),
    /// Measure the analysis against human annotation: precision, recall and
    /// F1 per class, attachment and main-claim accuracy, each beside what a
    /// trivial rule scores on the same data.
    #[command(
        after_help = "Exit status: 0 success; 1 a figure is below its floor (--floors); \
                            2 usage, input, gold or grammar errors."
    )]
    Eval(EvalArgs),
    /// Draw the argument as a tree: each main claim at a root, thesis first,
    /// with the units that support or attack it nested beneath.
    #[command(after_help = TREE_HELP)]
    Tree(TreeArgs),
    /// Score many articles: one row each (words, claims, evidence,
    /// speculation, supported share, findings, score), then a summary. Files,
    /// directories (walked for *.txt), a list of paths, or JSON Lines records.
    #[command(after_help = SCORE_HELP)]
    Score(ScoreArgs),
    /// Explain a lint rule, with its example analysed live, or the score,
    /// with a worked example. With no name, list the rules.
    Explain(ExplainArgs),
    /// Learn the scorer's weights from annotated data: cross-validate them
    /// against the hand-set weights, and write them as a weight set for
    /// --weights.
    #[command(after_help = TRAIN_HELP)]
    Train(TrainArgs),
}

/// `--folds`: 0 (no cross-validation) or 2 and more; one fold would hold
/// out every document and learn from none.
fn parse_folds(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(1) => Err("one fold would hold out everything; give 2 or more, or 0 to skip".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

const TRAIN_HELP: &str = "\
Each gold unit is matched to the analyser's unit that overlaps it most, as eval matches them; \
that unit's features (grammar/README.md § Features) are the input and the gold kind the \
target (a CDCP type stands for a kind: policy, value, fact, anecdote, reference). The fit is a \
multinomial logistic regression (linfa-logistic) with an L2 penalty, on standardised features, \
with rare kinds' units repeated so that they count (--balance); the standardisation is folded \
into the weights written. Training is deterministic.

With --words N the set also learns lexical features: a weight for each word form, and each pair \
of forms in a row, found in at least N training units (word.unfair, word.should_not). They \
need thousands of units to generalise rather than memorise: the shipped comments set uses \
--words 5 on CDCP's 3,900; opinion, from about 1,200 units, uses none.

Cross-validation holds out whole documents: document d (in name order) is in fold d mod N. \
Each fold's macro-F1, of kinds (CDCP types) and of roles, is printed for the learned weights \
and for the grammar's hand-set weights on the same units, as eval measures them. --weights \
does not apply here: the comparison is always with the hand-set weights.

The microtexts annotate no kinds: of them, only the central claims are learned from, as \
claim/policy when a policy cue fires in them and claim/value otherwise (the writer's stance).

The shipped sets are regenerated with (each file's header has its command):
  warrant train --gold corpus ../shared/corpora/microtexts --alpha 10 --name opinion \
    --out grammar/weights/opinion.weights
  warrant train --gold ../shared/corpora/cdcp-train --words 5 --name comments \
    --out grammar/weights/comments.weights

Exit status: 0 success; 2 usage, gold, grammar or write errors.";

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Gold data to learn from, as for eval: the project's corpus, CDCP, or
    /// the microtexts (their central claims only). Several paths, of one
    /// format or several, may be given.
    #[arg(long, value_name = "PATH", required = true, num_args = 1..)]
    pub gold: Vec<PathBuf>,

    /// The gold format of every path; told from each path when omitted.
    #[arg(long, value_enum)]
    pub dataset: Option<crate::eval::report::Dataset>,

    /// Write the weights learned from all the data here, as a weight set.
    /// Without it, only the cross-validation runs.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The weight set's name, written in its header (default: the file name
    /// of --out without its extension).
    #[arg(long)]
    pub name: Option<String>,

    /// Folds of the cross-validation, 2 or more; 0 skips it.
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = parse_folds)]
    pub folds: usize,

    /// The L2 penalty on the standardised weights.
    #[arg(long, default_value_t = crate::train::Params::default().alpha, value_name = "A")]
    pub alpha: f64,

    /// How much rarer kinds count: each unit is repeated round(f) times,
    /// f = the imbalance (largest kind's units / this kind's) for `full`,
    /// its square root for `root`, 1 for `none`.
    #[arg(long, value_enum, default_value_t = crate::train::Params::default().balance)]
    pub balance: crate::train::Balance,

    /// Fit on the features alone. By default each kind's score under the
    /// grammar's hand-set weights is also a column of the fit (folded back
    /// into plain feature weights afterwards), so that the data corrects
    /// what the grammar knows rather than starting from nothing.
    #[arg(long)]
    pub from_scratch: bool,

    /// Also learn a weight for each word form, and pair of forms in a row,
    /// found in at least N training units (`word.FORM` features); 0 learns
    /// no words. The fit holds a dense matrix of 8 bytes per training
    /// unit and form, so a small N on a large corpus needs much memory.
    #[arg(long, default_value_t = crate::train::Params::default().words, value_name = "N")]
    pub words: usize,
}

const SCORE_HELP: &str = "\
Articles are taken in order: the PATHs, then the paths of --files-from, then the records of \
--jsonl-input; a directory is walked recursively, each directory's entries by name, and \
contributes its *.txt files (other files are skipped and counted). The rows of csv, json and \
jsonl come in that order, whatever the number of threads, unless --sort or --top is given.

A file that cannot be read or decoded, or a record line that is not JSON, is reported on \
standard error as `warrant: NAME: reason` and the rest go on; it is a row with an `error` in \
csv, json and jsonl (the table lists scored articles only), and counted as failed in the \
summary. Articles in = rows + failures.

jsonl: one object a line, {\"file\": …, \"words\", \"claims\", \"evidence\", \"speculation\", \
\"supported_share\", \"findings\", \"findings_by_rule\": {RULE: n, …}, \"score\"} or {\"file\": …, \
\"error\": …} (a record has \"id\" and \"line\" instead of \"file\"), then a last line \
{\"summary\": {\"articles\", \"scored\", \"failed\", \"skipped\", \"mean_score\", \"median_score\", \
\"findings\": [{\"rule\", \"findings\", \"articles\"}, …]}}. json holds the same as \
{\"articles\": [...], \"summary\": {...}}; csv has a header and no summary.

No articles at all (an empty directory or list) is an empty summary, not an error.

Exit status: 0 every article scored; 2 an article failed, or a usage, list or grammar error.";

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Articles: files (read whatever their name), directories (walked for
    /// *.txt), or `-` for one article on standard input.
    #[arg(
        value_name = "PATH",
        required_unless_present_any = ["files_from", "jsonl_input"]
    )]
    pub paths: Vec<PathBuf>,

    /// Also score the paths listed in LIST, one a line (`-` reads the list
    /// from standard input); a directory listed is walked.
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,

    /// Also score the records of FILE (`-` for standard input): JSON Lines,
    /// one object a line with a string "text" and an optional "id", which
    /// names the row. Other fields are ignored.
    #[arg(long, value_name = "FILE")]
    pub jsonl_input: Option<PathBuf>,

    /// `table` (sorted, then a summary), `csv`, `json` or `jsonl` (a row an
    /// article in input order, then a summary; see below).
    #[arg(long, value_enum, default_value_t = batch::Format::Table)]
    pub format: batch::Format,

    /// Order the rows by score (highest first), file (name) or findings
    /// (most first). The table sorts by score unless told; the other formats
    /// keep input order unless told.
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<batch::SortKey>,

    /// Show only the first N rows after sorting (by score unless --sort).
    /// The summary still counts every article.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub top: Option<usize>,

    /// Worker threads (default: one a core, or RAYON_NUM_THREADS).
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub threads: Option<usize>,
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number, 1 or more".to_string()),
    }
}

const TREE_HELP: &str = "\
Each branch says what links the unit to the one above it: \"⟵ because\" a connective the \
writer used, \"⇠ shares: ferry\" a link the analyser inferred (and why), \"✗ attacks (but)\" \
an attack. A node shows the unit's number, role/kind and text, shortened with \"…\" to fit, \
then \"⚠ RULE\" for each finding on it. A unit linked to several others is drawn once, \
beneath the unit it attaches to, and named elsewhere (\"→ see unit 7\"), so circles end.

Units that reach no main claim come last, under \"Not attached:\". Headings, questions and \
filler are listed there too: they take no part in the argument, and listing them means every \
unit appears exactly once.";

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The article, a UTF-8 text file; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,

    /// Fit every line to N characters (at least 20), indentation included.
    /// By default the terminal's width, else the COLUMNS environment
    /// variable, else 80.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(MIN_WIDTH as i64..))]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (`warrant explain --list` shows them) or `score`.
    #[arg(value_name = "RULE|score")]
    pub topic: Option<Topic>,

    /// List the rules with their severity and summary (also what a bare
    /// `warrant explain` does).
    #[arg(long, conflicts_with = "topic")]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold data: a file or a directory of the project's corpus (SLUG.txt
    /// with SLUG.gold), arg-microtexts (micro_*.xml with .txt) or CDCP
    /// (NNNNN.txt with NNNNN.ann.json).
    #[arg(long, value_name = "PATH")]
    pub gold: PathBuf,

    /// The gold format; told from the files when omitted.
    #[arg(long, value_enum)]
    pub dataset: Option<crate::eval::report::Dataset>,

    /// `table` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,

    /// A TOML file of floors (`[warrant]`, `[microtext]`, `[cdcp]` tables of
    /// `"metric name" = floor`); exit 1 when a figure is below its floor.
    #[arg(long, value_name = "FILE")]
    pub floors: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// The article, a UTF-8 text file; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,

    /// Output format: `human` (one line a sentence, coloured, then the
    /// findings as diagnostics, the counts and the score), `json` (the
    /// contract of sentences, units, relations, main claims, findings and score:
    /// one object on standard output) or `compact` (one line a finding,
    /// FILE:LINE:COLUMN: RULE: MESSAGE, and nothing else).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit with status 1 when any finding is at or above this severity; the
    /// output is printed all the same. Off by default.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// With the human format, show under each sentence the three features
    /// that did most to give each unit its kind rather than the runner-up
    /// (JSON always carries them, as "because").
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Compact,
}

/// The least severity that makes `analyse --fail-on` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any finding.
    Warning,
    /// Only errors.
    Error,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with code 0, usage errors
            // to stderr with code 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    set_colour(cli.common.color);
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            ExitCode::from(2)
        }
    }
}

fn set_colour(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(on);
}

fn report(error: &Error) {
    let prefix =
        if std::io::stderr().is_terminal() && colored::control::SHOULD_COLORIZE.should_colorize() {
            colored::Colorize::bold(colored::Colorize::red("error:")).to_string()
        } else {
            "error:".to_string()
        };
    eprintln!("warrant: {prefix} {error}");
}

/// Loads the grammar the options name, or the built-in one, with its own
/// hand-set weights.
fn grammar(options: &CommonOptions) -> Result<Lexicon, Error> {
    match &options.grammar {
        Some(path) => Lexicon::load(path),
        None => Ok(Lexicon::english()),
    }
}

/// Loads the grammar the options name, with the weight set they name.
pub fn lexicon(options: &CommonOptions) -> Result<Lexicon, Error> {
    let mut lexicon = grammar(options)?;
    crate::weights::apply(&mut lexicon, &options.weights)?;
    Ok(lexicon)
}

pub fn run(cli: &Cli) -> Result<ExitCode, Error> {
    match &cli.command {
        Command::Analyse(args) => analyse(args, &cli.common),
        Command::Eval(args) => eval(args, &cli.common),
        Command::Tree(args) => tree(args, &cli.common),
        Command::Score(args) => score(args, &cli.common),
        Command::Explain(args) => explain(args, &cli.common),
        Command::Train(args) => train(args, &cli.common),
    }
}

fn train(args: &TrainArgs, common: &CommonOptions) -> Result<ExitCode, Error> {
    use crate::train;
    if let Some(missing) = args.gold.iter().find(|p| !p.exists()) {
        return Err(Error::NotFound {
            path: missing.clone(),
        });
    }
    let sources = args
        .gold
        .iter()
        .map(|path| {
            let dataset = match args.dataset {
                Some(dataset) => dataset,
                None => crate::eval::report::Dataset::detect(path).map_err(Error::Gold)?,
            };
            Ok((dataset, path.clone()))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let hand = grammar(common)?;
    let gold = train::gather(&sources, &hand).map_err(Error::Gold)?;
    let params = train::Params {
        alpha: args.alpha,
        balance: args.balance,
        prior: !args.from_scratch,
        words: args.words,
        ..train::Params::default()
    };
    let mut output = format!(
        "gold: {} documents, {} units ({})\n",
        gold.documents.len(),
        gold.samples.len(),
        train::describe_sources(&args.gold)
    );
    if args.folds > gold.documents.len() {
        return Err(Error::Gold(format!(
            "--folds {} needs at least {} documents; the gold has {}",
            args.folds,
            args.folds,
            gold.documents.len()
        )));
    }
    if args.folds >= 2 {
        let scores =
            train::cross_validate(&gold, args.folds, &params, &hand).map_err(Error::Gold)?;
        output.push_str(&format!(
            "\n{}-fold cross-validation by document, macro-F1 on the held-out units:\n",
            args.folds
        ));
        output.push_str(&train::folds_table(&scores));
    }
    if let Some(out) = &args.out {
        let model = train::fit(
            gold.samples.iter(),
            &params,
            params.prior.then_some(hand.weights.as_slice()),
        )
        .map_err(Error::Gold)?;
        let name = args.name.clone().unwrap_or_else(|| {
            out.file_stem()
                .map_or("learned".to_string(), |s| s.to_string_lossy().into_owned())
        });
        let provenance = train::Provenance {
            name: &name,
            sources: &args.gold,
            out,
            grammar: common.grammar.as_deref(),
            dataset: args.dataset,
        };
        let text = train::weight_set(&model, &train::header(&provenance, &gold, &params));
        std::fs::write(out, &text).map_err(|e| Error::WriteFile {
            path: out.clone(),
            source: e,
        })?;
        output.push_str(&format!(
            "\nwrote {} ({} kinds: {})\n",
            out.display(),
            model.kinds.len(),
            model
                .kinds
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !common.quiet {
        write_out(&output)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_out(output: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`warrant analyse x | head`) is not an error worth a message.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write(e)),
        _ => Ok(()),
    }
}

fn eval(args: &EvalArgs, common: &CommonOptions) -> Result<ExitCode, Error> {
    use crate::eval::report;
    if !args.gold.exists() {
        return Err(Error::NotFound {
            path: args.gold.clone(),
        });
    }
    let dataset = match args.dataset {
        Some(dataset) => dataset,
        None => report::Dataset::detect(&args.gold).map_err(Error::Gold)?,
    };
    let lexicon = lexicon(common)?;
    let report = report::evaluate(dataset, &args.gold, &lexicon).map_err(Error::Gold)?;
    let below = match &args.floors {
        Some(floors) => report::check_floors(&report, floors).map_err(Error::Gold)?,
        None => Vec::new(),
    };
    if !common.quiet {
        let output = match args.format {
            EvalFormat::Table => report::table(&report),
            EvalFormat::Json => {
                let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
                json.push('\n');
                json
            }
        };
        write_out(&output)?;
    }
    for line in &below {
        eprintln!("warrant: below floor: {line}");
    }
    Ok(if below.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn analyse(args: &AnalyseArgs, common: &CommonOptions) -> Result<ExitCode, Error> {
    let (source, analysis) = read_article(args.file.as_deref(), common)?;
    let output = match args.format {
        _ if common.quiet => String::new(),
        Format::Json => render::json(&analysis),
        Format::Compact => diagnostics::compact(&analysis),
        Format::Human => {
            let style = diagnostics::Style {
                colour: colored::control::SHOULD_COLORIZE.should_colorize(),
                width: render::output_width(diagnostics::DEFAULT_WIDTH),
            };
            render::human::render(&analysis, &source, style, args.explain)
        }
    };
    write_out(&output)?;
    let failed = args.fail_on.is_some_and(|threshold| {
        analysis
            .findings
            .iter()
            .any(|f| f.severity >= threshold.severity())
    });
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The narrowest width lines are fitted to: below it a tree has no room
/// for text, and a narrower terminal is taken to be misreported.
const MIN_WIDTH: usize = 20;

/// The width to fit lines to: the one asked for, else the terminal's when
/// standard output is one, else the COLUMNS environment variable, else 80.
fn output_width(requested: Option<u16>) -> usize {
    requested
        .map_or_else(|| render::output_width(80), usize::from)
        .max(MIN_WIDTH)
}

/// Reads the article `file` names (standard input for `-`, or when no file
/// is given and standard input is not a terminal) and analyses it: the text
/// and its analysis.
fn read_article(file: Option<&Path>, common: &CommonOptions) -> Result<(String, Analysis), Error> {
    let path = match file {
        Some(path) => path.to_path_buf(),
        None if std::io::stdin().is_terminal() => return Err(Error::NoInput),
        None => PathBuf::from(input::STDIN),
    };
    let lexicon = lexicon(common)?;
    let source = input::read_text(&path)?;
    let analysis = Analysis::of(&path.display().to_string(), &source, &lexicon);
    Ok((source, analysis))
}

fn tree(args: &TreeArgs, common: &CommonOptions) -> Result<ExitCode, Error> {
    let (_, analysis) = read_article(args.file.as_deref(), common)?;
    if !common.quiet {
        write_out(&render::tree::render(&analysis, output_width(args.width)))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(args: &ExplainArgs, common: &CommonOptions) -> Result<ExitCode, Error> {
    let output = match args.topic {
        None => explain::list(),
        Some(topic) => explain::explain(topic, &lexicon(common)?, output_width(None)),
    };
    if !common.quiet {
        write_out(&output)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn score(args: &ScoreArgs, common: &CommonOptions) -> Result<ExitCode, Error> {
    let stdin = Path::new(input::STDIN);
    let stdin_readers = args.paths.iter().filter(|p| *p == stdin).count()
        + [&args.files_from, &args.jsonl_input]
            .iter()
            .filter(|p| p.as_deref() == Some(stdin))
            .count();
    if stdin_readers > 1 {
        return Err(Error::StdinTwice);
    }
    let lexicon = lexicon(common)?;
    let mut sources: Vec<batch::Source> = args
        .paths
        .iter()
        .map(|p| batch::Source::Path(p.clone()))
        .collect();
    if let Some(list) = &args.files_from {
        sources.push(batch::Source::List(open_lines(list)?));
    }
    if let Some(records) = &args.jsonl_input {
        sources.push(batch::Source::Records(open_lines(records)?));
    }
    let options = batch::Options {
        format: args.format,
        sort: args.sort,
        top: args.top,
        threads: args.threads.unwrap_or(0),
        progress: !common.quiet && std::io::stderr().is_terminal(),
        style: batch::TableStyle {
            colour: colored::control::SHOULD_COLORIZE.should_colorize(),
            // A table written to a file keeps whole paths; one on a terminal
            // (or with COLUMNS set) is fitted to its width.
            width: render::output_width(usize::MAX),
        },
    };
    let inputs = batch::Inputs::new(sources);
    let summary = if common.quiet {
        batch::run(inputs, &lexicon, &options, &mut std::io::sink())?
    } else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        batch::run(inputs, &lexicon, &options, &mut out)?
    };
    Ok(if summary.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens a list of paths or a stream of records, `-` being standard input.
fn open_lines(path: &Path) -> Result<batch::Lines, Error> {
    let name = path.display().to_string();
    let reader: Box<dyn std::io::BufRead> = if path == Path::new(input::STDIN) {
        Box::new(std::io::stdin().lock())
    } else {
        if path.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        let file = std::fs::File::open(path).map_err(|e| input::read_error(path, e))?;
        Box::new(std::io::BufReader::new(file))
    };
    Ok(batch::Lines::new(name, reader))
}
