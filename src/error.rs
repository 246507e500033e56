//! The library's errors. Each says what went wrong and with which file, in
//! one line a user can act on; the binary maps all of them to exit code 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },

    #[error("{}: is a directory; give a file, or - for standard input", path.display())]
    IsDirectory { path: PathBuf },

    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{}: not valid UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8 first", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },

    #[error("{0}")]
    Grammar(#[from] GrammarError),

    #[error("cannot write the output: {0}")]
    Write(std::io::Error),

    #[error("{}: cannot write: {source}", path.display())]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{0}")]
    Gold(String),

    #[error(
        "--weights {choice}: no such weight set or file; the sets are {names}, or give the path of a file that `warrant train` wrote"
    )]
    UnknownWeights { choice: String, names: String },

    #[error("no input; give a FILE, or - to read standard input (see --help)")]
    NoInput,

    #[error(
        "standard input can be read only once: give `-` to one of PATH, --files-from and --jsonl-input"
    )]
    StdinTwice,

    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// A mistake in a grammar file, with the place and the line shown.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", describe(self))]
pub struct GrammarError {
    pub file: String,
    /// 1-based; 0 when the problem has no line (an empty directory).
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
    pub line_text: String,
}

impl GrammarError {
    /// Builds the error for a byte offset into `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> GrammarError {
        // A problem at the very end of the file is shown at the end of its
        // last line, not on an empty line after it.
        let end = text.trim_end_matches(['\n', '\r']).len();
        let offset = offset.min(end);
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        GrammarError {
            file: file.to_string(),
            line: before.matches('\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
            message: message.into(),
            line_text: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }
}

fn describe(e: &GrammarError) -> String {
    // A problem with no line of its own (an empty directory) shows none.
    if e.line == 0 {
        return format!("{}: {}", e.file, e.message);
    }
    format!(
        "{}:{}:{}: {}\n{}",
        e.file,
        e.line,
        e.column,
        e.message,
        show_line(e.line, e.column, &e.line_text)
    )
}

fn show_line(line: usize, column: usize, text: &str) -> String {
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let caret = " ".repeat(column.saturating_sub(1));
    format!("{pad} |\n{number} | {text}\n{pad} | {caret}^")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_at_the_end_of_the_file_points_at_its_last_line() {
        let text = "cue policy 1 = (should\r\n";
        let e = GrammarError::at("x.cues", text, text.len(), "expected ')'");
        assert_eq!((e.line, e.column), (1, 23));
        let no_line = GrammarError {
            file: "dir".into(),
            line: 0,
            column: 0,
            message: "empty".into(),
            line_text: String::new(),
        };
        assert_eq!(no_line.to_string(), "dir: empty");
    }

    #[test]
    fn grammar_errors_show_line_and_caret() {
        let text = "cue policy 1 = should\ncue hedge x = might\n";
        let e = GrammarError::at("my.cues", text, 32, "expected a weight");
        assert_eq!((e.line, e.column), (2, 11));
        assert_eq!(
            e.to_string(),
            "my.cues:2:11: expected a weight\n  |\n2 | cue hedge x = might\n  |           ^"
        );
    }
}
