//! The grammar language's parser (nom). See `grammar/README.md` for the
//! language; this module turns the text of one file into statements and
//! reports the first mistake with its byte offset.
//!
//! A statement starts at the beginning of a line; lines that start with white
//! space continue it, so long alternatives can be laid out one per line.

use super::pattern::{Pattern, WordClass};
use crate::text::tokens::{TokenKind, tokenize};
use nom::{
    IResult, Parser,
    bytes::complete::{take_while, take_while1},
    character::complete::char as one_char,
    error::{ErrorKind, ParseError},
    multi::many0,
    number::complete::recognize_float,
    sequence::preceded,
};
use std::borrow::Cow;

/// One statement of a grammar file.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// `use default`: load the built-in English grammar first, then extend it.
    UseDefault,
    /// `title = Mr Mrs …`, `abbreviation = …`, `starter = …`.
    WordList {
        list: WordListName,
        words: Vec<String>,
    },
    /// `cue CLASS WEIGHT = PATTERN`.
    Cue {
        class: String,
        class_at: usize,
        weight: f64,
        pattern: Pattern,
        source: String,
    },
    /// `weights KIND = FEATURE WEIGHT, …`.
    Weights {
        kind: String,
        kind_at: usize,
        terms: Vec<(String, usize, f64)>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordListName {
    Title,
    Abbreviation,
    Starter,
    Subject,
    Determiner,
    Coordinator,
    Subordinator,
    Conditional,
    Anaphor,
    Additive,
    Purpose,
    Inferential,
    Function,
}

impl WordListName {
    /// Each word list's statement keyword.
    pub const KEYWORDS: [(&'static str, WordListName); 13] = [
        ("title", WordListName::Title),
        ("abbreviation", WordListName::Abbreviation),
        ("starter", WordListName::Starter),
        ("subject", WordListName::Subject),
        ("determiner", WordListName::Determiner),
        ("coordinator", WordListName::Coordinator),
        ("subordinator", WordListName::Subordinator),
        ("conditional", WordListName::Conditional),
        ("anaphor", WordListName::Anaphor),
        ("additive", WordListName::Additive),
        ("purpose", WordListName::Purpose),
        ("inferential", WordListName::Inferential),
        ("function", WordListName::Function),
    ];

    fn from_keyword(keyword: &str) -> Option<WordListName> {
        WordListName::KEYWORDS
            .iter()
            .find(|(k, _)| *k == keyword)
            .map(|(_, l)| *l)
    }
}

/// A syntax error: what is wrong, and where (a byte offset into the file).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// nom's error type for this parser: the remaining input marks the place, the
/// message says what was expected there.
#[derive(Debug)]
struct Problem<'a> {
    at: &'a str,
    message: Cow<'static, str>,
}

impl<'a> ParseError<&'a str> for Problem<'a> {
    fn from_error_kind(at: &'a str, _kind: ErrorKind) -> Self {
        Problem {
            at,
            message: Cow::Borrowed("unexpected text"),
        }
    }

    fn append(_at: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

type Parsed<'a, T> = IResult<&'a str, T, Problem<'a>>;

fn failure<T>(at: &str, message: impl Into<Cow<'static, str>>) -> Parsed<'_, T> {
    Err(nom::Err::Failure(Problem {
        at,
        message: message.into(),
    }))
}

/// White space (line breaks included: a statement's continuation lines are
/// part of its slice) and `#` comments.
fn blank(input: &str) -> Parsed<'_, ()> {
    // By hand rather than with `many0`, which collects what it skips: the
    // parser skips blanks before every token of every statement.
    let mut rest = input;
    loop {
        let trimmed = rest.trim_start_matches(char::is_whitespace);
        // A comment runs to the end of its line (the line break is white
        // space, skipped next time round).
        rest = match trimmed.strip_prefix('#') {
            Some(comment) => comment.find('\n').map_or("", |end| &comment[end..]),
            None => return Ok((trimmed, ())),
        };
    }
}

fn identifier(input: &str) -> Parsed<'_, &str> {
    take_while1(|c: char| c.is_alphanumeric() || c == '-' || c == '.' || c == '_').parse(input)
}

/// A feature's name: an identifier, or a lexical feature whose word form
/// has an apostrophe, straight or curly (`word.don't`, `word.don’t`).
fn feature_name(input: &str) -> Parsed<'_, &str> {
    take_while1(|c: char| c.is_alphanumeric() || "-._'\u{2019}".contains(c)).parse(input)
}

fn expect<'a>(input: &'a str, what: char, message: &'static str) -> Parsed<'a, ()> {
    let (rest, ()) = blank(input)?;
    match one_char::<_, Problem>(what).parse(rest) {
        Ok((rest, _)) => Ok((rest, ())),
        Err(_) => failure(rest, message),
    }
}

fn weight(input: &str) -> Parsed<'_, f64> {
    let (rest, ()) = blank(input)?;
    let Ok((after, text)) = recognize_float::<_, Problem>(rest) else {
        return failure(rest, "expected a weight, a number such as 1.5 or -0.5");
    };
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok((after, value)),
        _ => failure(rest, "expected a weight, a number such as 1.5 or -0.5"),
    }
}

const SYNTAX_CHARS: &str = "|()[]<>\"#,=^";

/// A pattern element written without quotes: anything up to white space or a
/// character of the pattern syntax.
fn bare(input: &str) -> Parsed<'_, &str> {
    take_while1(|c: char| !c.is_whitespace() && !SYNTAX_CHARS.contains(c)).parse(input)
}

fn quoted(input: &str) -> Parsed<'_, &str> {
    let (rest, _) = one_char('"').parse(input)?;
    let (after, text) = take_while(|c| c != '"' && c != '\n').parse(rest)?;
    match one_char::<_, Problem>('"').parse(after) {
        Ok((after, _)) if !text.trim().is_empty() => Ok((after, text)),
        Ok(_) => failure(input, "an empty quoted literal matches nothing"),
        Err(_) => failure(input, "unterminated quoted literal: add the closing \""),
    }
}

/// Turns literal text into one literal per token, the way a sentence will be
/// tokenised: `e.g.` becomes `e.g` then `.`.
fn literal(text: &str) -> Pattern {
    // Most literals are a word in lower-case ASCII letters: one token, its
    // own normal form.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase()) {
        return Pattern::Literal(text.to_string());
    }
    tokenized_literal(text)
}

/// [`literal`] for any text: its tokens, each normalised.
fn tokenized_literal(text: &str) -> Pattern {
    let parts: Vec<Pattern> = tokenize(text, 0)
        .into_iter()
        .filter(|t| t.kind != (TokenKind::Space { newlines: 0 }) && !t.is_space())
        .map(|t| Pattern::Literal(super::pattern::normalise(t.text(text)).into_owned()))
        .collect();
    if parts.len() == 1 {
        parts
            .into_iter()
            .next()
            .unwrap_or(Pattern::Sequence(vec![]))
    } else {
        Pattern::Sequence(parts)
    }
}

fn element(input: &str) -> Parsed<'_, Pattern> {
    let (input, ()) = blank(input)?;
    if let Some(rest) = input.strip_prefix('(') {
        let (rest, inner) = alternatives(rest)?;
        let (rest, ()) = expect(rest, ')', "expected ')' to close the group")?;
        return Ok((rest, inner));
    }
    if let Some(rest) = input.strip_prefix('[') {
        let (rest, inner) = alternatives(rest)?;
        let (rest, ()) = expect(rest, ']', "expected ']' to close the optional part")?;
        return Ok((rest, Pattern::Optional(Box::new(inner))));
    }
    if let Some(rest) = input.strip_prefix('<') {
        let (after, name) =
            identifier(rest).or_else(|_| failure(rest, "expected a word class after '<'"))?;
        let Some(class) = WordClass::from_name(name) else {
            let known: Vec<_> = WordClass::NAMES
                .iter()
                .map(|(n, _)| format!("<{n}>"))
                .collect();
            return failure(
                rest,
                format!(
                    "unknown word class <{name}>; the classes are {}",
                    known.join(", ")
                ),
            );
        };
        let (after, ()) = expect(after, '>', "expected '>' to close the word class")?;
        return Ok((after, Pattern::Class(class)));
    }
    if let Some(rest) = input.strip_prefix('^') {
        return Ok((rest, Pattern::Start));
    }
    if input.starts_with('"') {
        let (rest, text) = quoted(input)?;
        return Ok((rest, literal(text)));
    }
    let (rest, text) = bare(input)?;
    Ok((rest, literal(text)))
}

fn sequence(input: &str) -> Parsed<'_, Pattern> {
    let (mut rest, first) = match element(input) {
        Ok(parsed) => parsed,
        Err(nom::Err::Error(_)) => {
            let (at, ()) = blank(input)?;
            return failure(
                at,
                "expected a word, a \"quoted literal\", a <class>, ( … ) or [ … ]",
            );
        }
        Err(e) => return Err(e),
    };
    let mut parts = vec![first];
    loop {
        match element(rest) {
            Ok((after, part)) => {
                parts.push(part);
                rest = after;
            }
            Err(nom::Err::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    Ok((
        rest,
        if parts.len() == 1 {
            parts.remove(0)
        } else {
            Pattern::Sequence(parts)
        },
    ))
}

fn alternatives(input: &str) -> Parsed<'_, Pattern> {
    let (mut rest, first) = sequence(input)?;
    let mut options = vec![first];
    loop {
        let (after, ()) = blank(rest)?;
        match after.strip_prefix('|') {
            Some(next) => {
                let (after, option) = sequence(next)?;
                options.push(option);
                rest = after;
            }
            None => break,
        }
    }
    Ok((
        rest,
        if options.len() == 1 {
            options.remove(0)
        } else {
            Pattern::Alternatives(options)
        },
    ))
}

fn word_list(input: &str) -> Parsed<'_, Vec<String>> {
    let word = preceded(blank, bare);
    let (rest, words) = many0(word).parse(input)?;
    Ok((
        rest,
        words
            .into_iter()
            .map(|w| super::pattern::normalise(w.trim_end_matches('.')).into_owned())
            .collect(),
    ))
}

/// Parses one statement; `statement` is a slice of `file` and offsets in the
/// result are offsets into `file`.
fn parse_statement<'a>(file: &'a str, statement: &'a str) -> Result<Statement, SyntaxError> {
    let offset_of = |at: &str| at.as_ptr() as usize - file.as_ptr() as usize;
    let err = |e: nom::Err<Problem<'a>>| match e {
        nom::Err::Error(p) | nom::Err::Failure(p) => SyntaxError {
            offset: offset_of(p.at),
            message: p.message.into_owned(),
        },
        nom::Err::Incomplete(_) => SyntaxError {
            offset: offset_of(statement),
            message: "incomplete statement".into(),
        },
    };
    let indent = statement.len() - statement.trim_start().len();
    if indent > 0 {
        return Err(SyntaxError {
            offset: offset_of(statement) + indent,
            message: "a statement starts at the beginning of a line; indented lines continue the statement above".into(),
        });
    }
    let (rest, keyword) = identifier(statement).map_err(err)?;
    let (rest, parsed) = statement_body(keyword, file, statement, rest).map_err(err)?;
    let (rest, ()) = blank(rest).map_err(err)?;
    if !rest.is_empty() {
        let message = match parsed {
            Statement::Cue { .. } => "unexpected text in the pattern",
            _ => "unexpected text at the end of the statement",
        };
        return Err(SyntaxError {
            offset: offset_of(rest),
            message: message.into(),
        });
    }
    Ok(parsed)
}

fn statement_body<'a>(
    keyword: &'a str,
    file: &'a str,
    statement: &'a str,
    rest: &'a str,
) -> Parsed<'a, Statement> {
    match keyword {
        "use" => {
            let (after, ()) = blank(rest)?;
            match identifier(after) {
                Ok((after, "default")) => Ok((after, Statement::UseDefault)),
                _ => failure(after, "expected `use default`"),
            }
        }
        _ if WordListName::from_keyword(keyword).is_some() => {
            let list = WordListName::from_keyword(keyword).unwrap_or(WordListName::Title);
            let (rest, ()) = expect(rest, '=', "expected '=' and then the words of the list")?;
            let (rest, words) = word_list(rest)?;
            Ok((rest, Statement::WordList { list, words }))
        }
        "cue" => {
            let (rest, ()) = blank(rest)?;
            let class_at = rest;
            let (rest, class) =
                identifier(rest).or_else(|_| failure(rest, "expected a cue class after `cue`"))?;
            let (rest, weight) = weight(rest)?;
            let (rest, ()) = expect(rest, '=', "expected '=' and then the pattern")?;
            let (after, pattern) = alternatives(rest)?;
            let source = rest[..rest.len() - after.len()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let class_at = class_at.as_ptr() as usize - file.as_ptr() as usize;
            Ok((
                after,
                Statement::Cue {
                    class: class.to_string(),
                    class_at,
                    weight,
                    pattern,
                    source,
                },
            ))
        }
        "weights" => {
            let (rest, ()) = blank(rest)?;
            let kind_at = rest.as_ptr() as usize - file.as_ptr() as usize;
            let (rest, kind) =
                identifier(rest).or_else(|_| failure(rest, "expected a kind after `weights`"))?;
            let (mut rest, ()) = expect(rest, '=', "expected '=' and then FEATURE WEIGHT pairs")?;
            let mut terms = Vec::new();
            loop {
                let (at, ()) = blank(rest)?;
                let (after, feature) = feature_name(at)
                    .or_else(|_| failure(at, "expected a feature name such as cue.policy"))?;
                let (after, value) = weight(after)?;
                terms.push((
                    feature.to_string(),
                    at.as_ptr() as usize - file.as_ptr() as usize,
                    value,
                ));
                let (after, ()) = blank(after)?;
                match after.strip_prefix(',') {
                    Some(next) => rest = next,
                    None => {
                        rest = after;
                        break;
                    }
                }
            }
            Ok((
                rest,
                Statement::Weights {
                    kind: kind.to_string(),
                    kind_at,
                    terms,
                },
            ))
        }
        _ => failure(
            statement,
            format!(
                "unknown statement `{keyword}`; a statement starts with cue, weights, use or a word list ({})",
                WordListName::KEYWORDS.map(|(k, _)| k).join(", ")
            ),
        ),
    }
}

/// A statement with the byte offset in the file where it starts. Offsets
/// inside statements (`class_at`, `kind_at`, feature positions) are file
/// offsets too.
pub type Located<T> = (usize, T);

/// Parses a whole grammar file into statements.
pub fn parse_file(file: &str) -> Result<Vec<Located<Statement>>, SyntaxError> {
    let mut statements = Vec::new();
    for (start, end) in statement_slices(file) {
        let text = &file[start..end];
        let parsed = parse_statement(file, text)?;
        statements.push((start, parsed));
    }
    Ok(statements)
}

/// The byte ranges of the statements: each starts at a line that begins with
/// a character other than white space or `#`, and runs until the next such line.
fn statement_slices(file: &str) -> Vec<(usize, usize)> {
    let mut slices: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in file.split_inclusive('\n') {
        let starts_statement = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#');
        if starts_statement {
            slices.push((at, at + line.len()));
        } else if let Some(last) = slices.last_mut() {
            last.1 = at + line.len();
        } else if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            // An indented line before any statement continues nothing: let
            // the parser report it rather than drop it.
            slices.push((at, at + line.len()));
        }
        at += line.len();
    }
    slices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_skipped_as_the_nom_parser_skipped_them() {
        use nom::{
            branch::alt, bytes::complete::take_till, combinator::recognize, sequence::preceded,
        };
        fn reference(input: &str) -> &str {
            let comment = recognize(preceded(one_char('#'), take_till(|c| c == '\n')));
            let (rest, _) = many0(alt((take_while1(char::is_whitespace), comment)))
                .parse(input)
                .map_err(|_: nom::Err<Problem>| ())
                .expect("blanks never fail");
            rest
        }
        for input in [
            "",
            " ",
            "x",
            "  x y",
            "# c",
            "# c\n",
            "# c\n  # d\n\tx # e",
            "\u{a0}\u{2003}x",
            "#",
            "##\n#\n",
            " \n \n",
            "a#b",
        ] {
            assert_eq!(
                blank(input).map(|(rest, ())| rest).ok(),
                Some(reference(input))
            );
        }
    }

    #[test]
    fn plain_literals_are_read_as_their_tokens() {
        for text in ["should", "x", "must", "we", "abc", "zz"] {
            assert_eq!(literal(text), tokenized_literal(text));
        }
        // Not plain: read as tokens.
        assert_eq!(
            literal("e.g."),
            Pattern::Sequence(vec![
                Pattern::Literal("e.g".into()),
                Pattern::Literal(".".into())
            ])
        );
        assert_eq!(literal("Don’t"), Pattern::Literal("don't".into()));
    }

    fn only(text: &str) -> Statement {
        let mut all = parse_file(text).expect("parses");
        assert_eq!(all.len(), 1);
        all.remove(0).1
    }

    #[test]
    fn a_cue_statement_with_alternatives_optionals_and_classes() {
        let s = only(
            "cue policy 2.0 = should | [we] need to\n  | <name> \"must\"   # trailing comment\n",
        );
        let Statement::Cue {
            class,
            weight,
            pattern,
            source,
            ..
        } = s
        else {
            panic!("not a cue")
        };
        assert_eq!(class, "policy");
        assert_eq!(weight, 2.0);
        assert_eq!(source, "should | [we] need to | <name> \"must\"");
        let Pattern::Alternatives(options) = pattern else {
            panic!("not alternatives")
        };
        assert_eq!(options.len(), 3);
        assert_eq!(options[0], Pattern::Literal("should".into()));
    }

    #[test]
    fn literal_text_is_split_like_a_sentence() {
        let Statement::Cue { pattern, .. } = only("cue example 1 = e.g.\n") else {
            panic!()
        };
        assert_eq!(
            pattern,
            Pattern::Sequence(vec![
                Pattern::Literal("e.g".into()),
                Pattern::Literal(".".into())
            ])
        );
    }

    #[test]
    fn word_lists_drop_final_dots_and_case() {
        let s = only("title = Mr. Mrs Dr.\n");
        assert_eq!(
            s,
            Statement::WordList {
                list: WordListName::Title,
                words: vec!["mr".into(), "mrs".into(), "dr".into()]
            }
        );
    }

    #[test]
    fn weights_statement() {
        let s = only("weights policy = bias -1.5, cue.policy 2,\n    question -3\n");
        let Statement::Weights { kind, terms, .. } = s else {
            panic!()
        };
        assert_eq!(kind, "policy");
        assert_eq!(
            terms
                .iter()
                .map(|(f, _, w)| (f.as_str(), *w))
                .collect::<Vec<_>>(),
            [("bias", -1.5), ("cue.policy", 2.0), ("question", -3.0)]
        );
        let s = only("weights value = word.don't_know 0.5, word.unfair 1\n");
        let Statement::Weights { terms, .. } = s else {
            panic!()
        };
        assert_eq!(terms[0].0, "word.don't_know");
        assert_eq!(terms[1].0, "word.unfair");
    }

    #[test]
    fn errors_point_at_the_mistake() {
        let file = "cue policy 1 = should\ncue hedge 1 = (might | could\n";
        let e = parse_file(file).unwrap_err();
        assert_eq!(e.message, "expected ')' to close the group");
        assert_eq!(e.offset, file.len());
        let e = parse_file("cue policy x = should\n").unwrap_err();
        assert!(e.message.starts_with("expected a weight"), "{}", e.message);
        assert_eq!(e.offset, 11);
        let e = parse_file("cue hedge 1 = <nmae>\n").unwrap_err();
        assert!(
            e.message.contains("unknown word class <nmae>"),
            "{}",
            e.message
        );
        let e = parse_file("frobnicate\n").unwrap_err();
        assert!(e.message.starts_with("unknown statement `frobnicate`"));
        let e = parse_file("cue hedge 1 = \"might\n").unwrap_err();
        assert!(e.message.starts_with("unterminated"));
    }
}
