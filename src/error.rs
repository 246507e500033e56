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
}

/// A mistake in a grammar file, with the place and the line shown.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}\n{}", show_line(*.line, *.column, .line_text))]
pub struct GrammarError {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
    pub line_text: String,
}

impl GrammarError {
    /// Builds the error for a byte offset into `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> GrammarError {
        let offset = offset.min(text.len());
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
