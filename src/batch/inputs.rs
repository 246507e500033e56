//! The articles of a batch, found lazily and in a fixed order: the paths
//! given (a directory walked recursively, each directory's entries sorted by
//! name), then the paths of `--files-from`, then the records of
//! `--jsonl-input`. Nothing is read here but directory listings and lists;
//! an article's text is read by the worker that analyses it.

use super::row::{Failure, Name};
use std::collections::VecDeque;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The extensions of the files a walked directory contributes; other files
/// are skipped and counted. A file named on the command line or in a list is
/// read whatever its name.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt"];

/// One article to score.
#[derive(Debug)]
pub struct Job {
    pub name: Name,
    pub input: JobInput,
}

#[derive(Debug)]
pub enum JobInput {
    File(PathBuf),
    Stdin,
    /// A record's text, already read from its line.
    Text(String),
    /// The article failed before it could be read (a bad record line, a
    /// directory that cannot be walked): it still makes a row.
    Failed(Failure),
}

impl JobInput {
    /// The bytes this job holds in memory before it is analysed.
    pub fn held_bytes(&self) -> usize {
        match self {
            JobInput::Text(text) => text.len(),
            _ => 0,
        }
    }
}

/// Where articles come from, in the order they are taken.
pub enum Source {
    /// A file or a directory (walked), or `-` for one article on standard input.
    Path(PathBuf),
    /// `--files-from`: one path a line, each taken as a `Path` source.
    List(Lines),
    /// `--jsonl-input`: one record `{"id": …, "text": "…"}` a line.
    Records(Lines),
}

/// The lines of a list or a record stream, numbered from 1.
pub struct Lines {
    /// What the lines are called in messages: the file, or `-`.
    pub name: String,
    reader: Box<dyn BufRead>,
    line: usize,
    /// The line being read; reused so that lines cost no allocation each.
    buffer: Vec<u8>,
}

impl Lines {
    pub fn new(name: String, reader: Box<dyn BufRead>) -> Lines {
        Lines {
            name,
            reader,
            line: 0,
            buffer: Vec::new(),
        }
    }

    /// The next line and its number, without its line ending; `Err` when the
    /// line is not UTF-8 or the stream cannot be read (after which it ends).
    fn next_line(&mut self) -> Option<(usize, Result<&str, Failure>)> {
        self.buffer.clear();
        match self.reader.read_until(b'\n', &mut self.buffer) {
            Ok(0) => None,
            Ok(_) => {
                self.line += 1;
                let text = trim_line_ending(&self.buffer);
                Some((
                    self.line,
                    std::str::from_utf8(text).map_err(|e| Failure::NotUtf8(e.valid_up_to())),
                ))
            }
            Err(e) => {
                self.line += 1;
                // An unreadable stream yields no more lines.
                self.reader = Box::new(std::io::empty());
                Some((self.line, Err(Failure::Read(e))))
            }
        }
    }
}

fn trim_line_ending(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The articles of a batch, as an iterator of jobs.
pub struct Inputs {
    sources: VecDeque<Source>,
    /// The directory being walked; it is finished before the next source.
    walk: Option<walkdir::IntoIter>,
    skipped: usize,
}

impl Inputs {
    pub fn new(sources: impl IntoIterator<Item = Source>) -> Inputs {
        Inputs {
            sources: sources.into_iter().collect(),
            walk: None,
            skipped: 0,
        }
    }

    /// Files in walked directories left out so far for not being articles.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The job for a path, or `None` when it is a directory, which then
    /// becomes the walk in progress.
    fn open(&mut self, path: PathBuf) -> Option<Job> {
        if path == Path::new(crate::input::STDIN) {
            return Some(Job {
                name: Name::File(path.display().to_string()),
                input: JobInput::Stdin,
            });
        }
        if path.is_dir() {
            self.walk = Some(
                walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter(),
            );
            return None;
        }
        Some(file_job(path))
    }

    /// The next job of the walk in progress, skipping what is not an
    /// article; `None` when no walk is in progress or it has just ended.
    fn next_walked(&mut self) -> Option<Job> {
        let walk = self.walk.as_mut()?;
        for entry in walk.by_ref() {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) if is_article(entry.path()) => return Some(file_job(entry.into_path())),
                Ok(_) => self.skipped += 1,
                Err(error) => {
                    let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                    return Some(Job {
                        name: Name::File(path.display().to_string()),
                        input: JobInput::Failed(walk_failure(error)),
                    });
                }
            }
        }
        self.walk = None;
        None
    }
}

fn file_job(path: PathBuf) -> Job {
    Job {
        name: Name::File(path.display().to_string()),
        input: JobInput::File(path),
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| ARTICLE_EXTENSIONS.contains(&x))
}

/// What went wrong on the walk, without the path walkdir's message names:
/// the row shows it.
fn walk_failure(error: walkdir::Error) -> Failure {
    if let Some(ancestor) = error.loop_ancestor() {
        return Failure::Walk(format!(
            "a symbolic link loops back to {}",
            ancestor.display()
        ));
    }
    let message = error.to_string();
    match error.into_io_error() {
        // A symbolic link to nothing is, to the reader, a missing file.
        Some(io) => Failure::of_io(io),
        None => Failure::Walk(message),
    }
}

/// A record line: a JSON object with a string `text` and, optionally, an
/// `id` of any JSON type. Other fields are ignored, so that a pipeline can
/// pass its rows through as they are.
fn record(source: &str, line: usize, text: &str) -> Job {
    let bad = |reason: String| JobInput::Failed(Failure::BadRecord(reason));
    let (id, input) = match serde_json::from_str::<serde_json::Value>(text) {
        Err(e) => (None, bad(json_reason(&e))),
        Ok(serde_json::Value::Object(mut fields)) => {
            let input = match fields.remove("text") {
                Some(serde_json::Value::String(text)) => JobInput::Text(text),
                Some(_) => bad("`text` is not a string".to_string()),
                None => bad("no `text` field".to_string()),
            };
            // `"id": null` is no id: the row is named by its line.
            let id = fields.remove("id").filter(|id| !id.is_null());
            (id, input)
        }
        Ok(_) => (None, bad("not an object".to_string())),
    };
    Job {
        name: Name::Record {
            source: source.to_string(),
            line,
            id,
        },
        input,
    }
}

/// serde_json's message without its "at line 1" (the line is the record's
/// own), keeping the column.
fn json_reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(message) => format!("{message} (column {})", error.column()),
        None => message,
    }
}

impl Iterator for Inputs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(job) = self.next_walked() {
                return Some(job);
            }
            match self.sources.front_mut()? {
                Source::Path(path) => {
                    let path = std::mem::take(path);
                    self.sources.pop_front();
                    if let Some(job) = self.open(path) {
                        return Some(job);
                    }
                }
                Source::List(lines) => match lines.next_line() {
                    None => {
                        self.sources.pop_front();
                    }
                    Some((_, Ok(""))) => {}
                    Some((_, Ok(path))) if path == crate::input::STDIN => {
                        return Some(Job {
                            name: Name::File(path.to_string()),
                            input: JobInput::Failed(Failure::StdinInList),
                        });
                    }
                    Some((_, Ok(path))) => {
                        let path = PathBuf::from(path);
                        if let Some(job) = self.open(path) {
                            return Some(job);
                        }
                    }
                    Some((line, Err(failure))) => {
                        let name = format!("{}:{line}", lines.name);
                        return Some(Job {
                            name: Name::File(name),
                            input: JobInput::Failed(failure),
                        });
                    }
                },
                Source::Records(lines) => {
                    let source = lines.name.clone();
                    match lines.next_line() {
                        None => {
                            self.sources.pop_front();
                        }
                        Some((_, Ok(text))) if text.trim().is_empty() => {}
                        Some((line, Ok(text))) => {
                            // Tools on Windows open a file with a byte order mark.
                            let text = if line == 1 {
                                text.trim_start_matches('\u{feff}')
                            } else {
                                text
                            };
                            return Some(record(&source, line, text));
                        }
                        Some((line, Err(failure))) => {
                            return Some(Job {
                                name: Name::Record {
                                    source,
                                    line,
                                    id: None,
                                },
                                input: JobInput::Failed(failure),
                            });
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(name: &str, text: &'static str) -> Lines {
        Lines::new(name.to_string(), Box::new(text.as_bytes()))
    }

    fn describe(job: &Job) -> String {
        let input = match &job.input {
            JobInput::File(path) => format!("file {}", path.display()),
            JobInput::Stdin => "stdin".to_string(),
            JobInput::Text(text) => format!("text {text}"),
            JobInput::Failed(failure) => format!("failed: {failure}"),
        };
        format!("{} = {input}", job.name.label())
    }

    #[test]
    fn records_are_named_by_id_and_a_bad_line_is_a_failure_with_its_number() {
        let records = lines(
            "-",
            "{\"id\": \"a\", \"text\": \"One.\"}\r\n\n{\"id\": 7, \"text\": \"Two.\", \"lang\": \"en\"}\n\
             {\"id\": \"c\", \"txt\": \"Three.\"}\nnot json\n[1]\n{\"text\": 4}\n{\"text\": \"Last.\"}",
        );
        let jobs: Vec<String> = Inputs::new([Source::Records(records)])
            .map(|job| describe(&job))
            .collect();
        assert_eq!(
            jobs,
            [
                "a = text One.",
                "7 = text Two.",
                "c = failed: not a JSON record {\"id\": …, \"text\": \"…\"}: no `text` field",
                "-:5 = failed: not a JSON record {\"id\": …, \"text\": \"…\"}: expected ident (column 2)",
                "-:6 = failed: not a JSON record {\"id\": …, \"text\": \"…\"}: not an object",
                "-:7 = failed: not a JSON record {\"id\": …, \"text\": \"…\"}: `text` is not a string",
                "-:8 = text Last.",
            ]
        );
    }

    #[test]
    fn a_list_names_files_and_skips_blank_lines() {
        let list = lines("list", "a.txt\n\nb.md\r\n");
        let jobs: Vec<String> = Inputs::new([Source::Path("-".into()), Source::List(list)])
            .map(|job| describe(&job))
            .collect();
        assert_eq!(
            jobs,
            ["- = stdin", "a.txt = file a.txt", "b.md = file b.md"]
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_a_failure() {
        let list = Lines::new("list".into(), Box::new(&b"a.txt\n\xff.txt\n"[..]));
        let jobs: Vec<String> = Inputs::new([Source::List(list)])
            .map(|job| describe(&job))
            .collect();
        assert_eq!(
            jobs,
            [
                "a.txt = file a.txt",
                "list:2 = failed: not valid UTF-8 text (invalid byte at offset 0)"
            ]
        );
    }
}
