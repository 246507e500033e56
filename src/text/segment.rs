//! Paragraphs and sentences.
//!
//! The text is tokenised once. Paragraphs are separated by blank lines (or,
//! in text that has none and puts each paragraph on one long line, by line
//! breaks). Each paragraph is cut into blocks at headings and list items,
//! which end where their line ends, and each block into sentences at the
//! terminal punctuation that a reader would take as the end of a sentence.
//! Full stops after titles ("Mr."), abbreviations ("etc.", "U.S.") and
//! initials ("Jonas E. Smith") are told apart from sentence ends by the word
//! that follows; the lists of such words live in the grammar.
//!
//! The lines are found from the line breaks the tokenizer noted, and each is
//! summed up once (where its first and last solid token are), so that the
//! steps before the search for sentence ends look at lines rather than
//! walking the tokens again; that search jumps between the tokens the
//! tokenizer noted as possible sentence ends.

use super::tokens::{Scan, Token, TokenKind, scan_into};
use super::{Document, Paragraph, Sentence};
use crate::grammar::pattern::normalise;
use crate::grammar::{Lexicon, lists};
use std::ops::Range;

/// A text with no blank lines whose lines are at least this long on average
/// is taken to put one paragraph on each line, as text copied from a web page
/// often does.
const LONG_LINE: usize = 100;
/// A heading has at most this many words.
const HEADING_WORDS: usize = 24;

/// Splits `text` into paragraphs and sentences.
pub fn segment(text: &str, lexicon: &Lexicon) -> Document {
    segment_into(text, lexicon, Vec::new())
}

/// [`segment`], with the document's tokens written into `tokens`, whatever
/// it held (see [`scan_into`]): a batch hands each article the tokens of
/// the one before.
pub fn segment_into(text: &str, lexicon: &Lexicon, tokens: Vec<Token>) -> Document {
    let mut scan = scan_into(text, tokens);
    if scan.long_spaced_ellipsis && split_attached_ellipses(&mut scan.tokens, text) {
        // The split tokens moved those after them.
        scan.note_again(text);
    }
    let Scan {
        tokens,
        line_breaks,
        sentence_marks,
        word_count,
        ..
    } = scan;
    let blank_line = line_breaks.iter().any(|&i| newlines(&tokens[i]) >= 2);
    let line_per_paragraph = !blank_line && lines_are_long(text);
    let lines = solid_lines(
        &tokens,
        &line_breaks,
        if line_per_paragraph { 1 } else { 2 },
    );
    let mut document = Document {
        tokens,
        paragraphs: Vec::new(),
        // Room for a sentence at each mark that may end one and at each
        // line: enough for nearly any text, so that the vector is not
        // copied as it grows.
        sentences: Vec::with_capacity(sentence_marks.len() + lines.len()),
        word_count,
    };
    let tokens = &document.tokens;
    let mut blocks = Vec::new();
    let mut cuts = Vec::new();
    let mut rest = &lines[..];
    while !rest.is_empty() {
        let length = 1 + rest[1..]
            .iter()
            .position(|l| l.starts_paragraph)
            .unwrap_or(rest.len() - 1);
        let (paragraph_lines, after) = rest.split_at(length);
        rest = after;
        let first_sentence = document.sentences.len();
        let paragraph = document.paragraphs.len();
        paragraph_blocks(tokens, paragraph_lines, text, &mut blocks);
        for block in &blocks {
            sentence_cuts(tokens, &sentence_marks, block, text, lexicon, &mut cuts);
            let mut start = block.tokens.start;
            for (i, &cut) in cuts
                .iter()
                .chain(std::iter::once(&block.tokens.end))
                .enumerate()
            {
                if let Some(sentence) = trimmed_sentence(tokens, start..cut, paragraph) {
                    let is_first = i == 0;
                    document.sentences.push(Sentence {
                        heading: block.heading,
                        list_item: block.list_item && (is_first || block.inline_list),
                        ..sentence
                    });
                }
                start = cut;
            }
        }
        if document.sentences.len() > first_sentence {
            let sentences = first_sentence..document.sentences.len();
            let start = document.sentences[first_sentence].start;
            let end = document.sentences[sentences.end - 1].end;
            document.paragraphs.push(Paragraph {
                start,
                end,
                sentences,
            });
        }
    }
    document
}

/// "compounds. . . . The": a spaced ellipsis glued to a word is a full stop
/// followed by an ellipsis that opens the next sentence. Splitting the token
/// here keeps the sentence rules simple. Returns whether any was split.
fn split_attached_ellipses(tokens: &mut Vec<Token>, text: &str) -> bool {
    let mut split = false;
    let mut i = 1;
    while i < tokens.len() {
        let t = tokens[i];
        let glued = matches!(tokens[i - 1].kind, TokenKind::Word | TokenKind::Number);
        if let TokenKind::Ellipsis { dots, spaced: true } = t.kind
            && glued
            && dots >= 4
            && text.as_bytes().get(t.start + 1) == Some(&b' ')
        {
            let stop = Token {
                kind: TokenKind::Punct('.'),
                start: t.start,
                end: t.start + 1,
            };
            let space = Token {
                kind: TokenKind::Space { newlines: 0 },
                start: t.start + 1,
                end: t.start + 2,
            };
            let rest = Token {
                kind: TokenKind::Ellipsis {
                    dots: dots - 1,
                    spaced: true,
                },
                start: t.start + 2,
                end: t.end,
            };
            tokens.splice(i..=i, [stop, space, rest]);
            split = true;
            i += 3;
        } else {
            i += 1;
        }
    }
    split
}

fn newlines(token: &Token) -> u16 {
    match token.kind {
        TokenKind::Space { newlines } => newlines,
        _ => 0,
    }
}

/// Whether the text's non-blank lines are at least [`LONG_LINE`] bytes long
/// on average (trimmed), and there are two or more.
fn lines_are_long(text: &str) -> bool {
    let (count, total) = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .fold((0, 0), |(count, total), l| (count + 1, total + l.len()));
    count >= 2 && total / count >= LONG_LINE
}

/// A line of the text that holds a token other than white space.
#[derive(Debug, Clone)]
struct Line {
    /// Its tokens: all between the line breaks around it.
    tokens: Range<usize>,
    /// Its first and last token that is not a space.
    first: usize,
    last: usize,
    /// It is the first line of a paragraph.
    starts_paragraph: bool,
}

impl Line {
    /// The length in bytes from its first solid token to its last.
    fn span(&self, tokens: &[Token]) -> usize {
        tokens[self.last].end - tokens[self.first].start
    }
}

/// The lines that are not blank, given the indexes of the spaces that hold
/// line breaks. A break of `paragraph_break` line breaks or more ends a
/// paragraph.
fn solid_lines(tokens: &[Token], line_breaks: &[usize], paragraph_break: u16) -> Vec<Line> {
    let mut lines = Vec::with_capacity(line_breaks.len() + 1);
    let mut starts_paragraph = true;
    let mut start = 0;
    let ends = line_breaks
        .iter()
        .copied()
        .chain(std::iter::once(tokens.len()));
    for end in ends {
        let range = start..end;
        if let Some(first) = range.clone().find(|&i| !tokens[i].is_space()) {
            let last = range.clone().rev().find(|&i| !tokens[i].is_space());
            lines.push(Line {
                tokens: range,
                first,
                last: last.unwrap_or(first),
                starts_paragraph,
            });
            starts_paragraph = false;
        }
        if tokens
            .get(end)
            .is_some_and(|t| newlines(t) >= paragraph_break)
        {
            starts_paragraph = true;
        }
        start = end + 1;
    }
    lines
}

/// A run of tokens inside which sentence boundaries are searched.
#[derive(Debug, Clone)]
struct Block {
    tokens: Range<usize>,
    /// Its first token that is not a space.
    first: usize,
    heading: bool,
    list_item: bool,
    /// Further items of the same list follow inside the block ("1) … 2) …").
    inline_list: bool,
}

/// Cuts a paragraph, given as its lines, into blocks: a heading line on its
/// own, each list item from its marker to the next, and the running text
/// between. The blocks replace what `out` held.
fn paragraph_blocks(tokens: &[Token], lines: &[Line], text: &str, out: &mut Vec<Block>) {
    out.clear();
    for (n, line) in lines.iter().enumerate() {
        let marker = list_marker(tokens, line.first, text, true);
        let heading = n == 0
            && marker.is_none()
            && is_heading_like(tokens, line, text)
            && (lines.len() == 1
                || (starts_a_sentence(tokens, &lines[1], text)
                    && line.span(tokens) * 4 < longest_span(tokens, lines) * 3));
        let continues = !heading && marker.is_none() && out.last().is_some_and(|b| !b.heading);
        if continues {
            if let Some(last) = out.last_mut() {
                last.tokens.end = line.tokens.end;
            }
        } else {
            out.push(Block {
                tokens: line.tokens.clone(),
                first: line.first,
                heading,
                list_item: marker.is_some(),
                inline_list: false,
            });
        }
    }
}

fn longest_span(tokens: &[Token], lines: &[Line]) -> usize {
    lines.iter().map(|l| l.span(tokens)).max().unwrap_or(0)
}

fn next_solid(tokens: &[Token], from: usize, end: usize) -> Option<usize> {
    (from..end).find(|&i| !tokens[i].is_space())
}

const CLOSERS: [char; 8] = ['"', '\'', '”', '’', ')', ']', '»', '}'];
const OPENERS: [char; 6] = ['"', '“', '‘', '(', '[', '«'];
const BULLETS: [char; 9] = ['•', '‣', '⁃', '◦', '▪', '●', '-', '*', '–'];

/// The marks that end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '‼' | '⁇')
}

fn is_heading_like(tokens: &[Token], line: &Line, text: &str) -> bool {
    let (first, last) = (&tokens[line.first], &tokens[line.last]);
    let ends_open = match last.kind {
        TokenKind::Punct(c) => {
            !(is_terminal(c) || CLOSERS.contains(&c) || matches!(c, ':' | ';' | ','))
        }
        TokenKind::Ellipsis { .. } => false,
        _ => true,
    };
    let starts_well = first.kind == TokenKind::Number
        || (first.kind == TokenKind::Word
            && first
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
        || matches!(first.kind, TokenKind::Punct(c) if OPENERS.contains(&c));
    // Counted last, and no further than needed: the line may be a whole
    // paragraph.
    let words = || {
        tokens[line.first..=line.last]
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .take(HEADING_WORDS + 1)
            .count()
    };
    ends_open && starts_well && (1..=HEADING_WORDS).contains(&words())
}

fn starts_a_sentence(tokens: &[Token], line: &Line, text: &str) -> bool {
    let first = &tokens[line.first];
    match first.kind {
        TokenKind::Word => first
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
        TokenKind::Number | TokenKind::Ellipsis { .. } => true,
        TokenKind::Punct(c) => OPENERS.contains(&c) || BULLETS.contains(&c),
        _ => false,
    }
}

/// How a list numbers its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Bullet(char),
    Number(u32),
    Letter(char),
}

impl Marker {
    /// Whether `next` is the marker that follows this one in the same list.
    fn followed_by(self, next: Marker) -> bool {
        match (self, next) {
            (Marker::Bullet(a), Marker::Bullet(b)) => a == b,
            (Marker::Number(a), Marker::Number(b)) => b == a + 1,
            (Marker::Letter(a), Marker::Letter(b)) => b as u32 == a as u32 + 1,
            _ => false,
        }
    }
}

/// Reads a list marker at token `at`: a bullet ("•", "- "), or a number or
/// letter closed by ".", ")" or ".)" ("1.", "b)", "2.)"), possibly after a
/// bullet ("• 9."). Returns the marker and the index of the token after it.
/// At the start of a block an upper-case letter counts only with ")", since
/// "A. Smith" is an initial.
fn list_marker(
    tokens: &[Token],
    at: usize,
    text: &str,
    block_start: bool,
) -> Option<(Marker, usize)> {
    let t = tokens.get(at)?;
    let followed_by_space = |i: usize| tokens.get(i).is_some_and(Token::is_space);
    if let TokenKind::Punct(c) = t.kind
        && BULLETS.contains(&c)
    {
        // "⁃9." and "• 9." are bullets that carry a number; keep the number.
        let after = if followed_by_space(at + 1) {
            at + 2
        } else {
            at + 1
        };
        if let Some((Marker::Number(_), end)) = list_marker(tokens, after, text, false) {
            return Some((Marker::Bullet(c), end));
        }
        return followed_by_space(at + 1).then_some((Marker::Bullet(c), at + 1));
    }
    let value = match t.kind {
        TokenKind::Number => {
            let digits = t.text(text);
            if digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Marker::Number(digits.parse().ok()?)
        }
        TokenKind::Word => {
            let mut chars = t.text(text).chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            if !c.is_ascii_alphabetic() {
                return None;
            }
            Marker::Letter(c.to_ascii_lowercase())
        }
        _ => return None,
    };
    let mut end = at + 1;
    let mut closed_by_bracket = false;
    if tokens.get(end).is_some_and(|t| t.is_punct('.')) {
        end += 1;
    }
    if tokens.get(end).is_some_and(|t| t.is_punct(')')) {
        end += 1;
        closed_by_bracket = true;
    }
    if end == at + 1 || !followed_by_space(end) {
        return None;
    }
    if let Marker::Letter(_) = value
        && block_start
        && !closed_by_bracket
        && t.text(text).chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    Some((value, end))
}

/// The token indexes at which new sentences start inside a block, into
/// `cuts` (replacing what it held). `marks` are the indexes of the tokens
/// that may end or begin a sentence (`Scan::sentence_marks`): outside a list
/// only they need a look.
fn sentence_cuts(
    tokens: &[Token],
    marks: &[usize],
    block: &Block,
    text: &str,
    lexicon: &Lexicon,
    cuts: &mut Vec<usize>,
) {
    cuts.clear();
    if block.heading {
        return;
    }
    let end = block.tokens.end;
    let mut list = None;
    let mut i = block.first;
    // A marker's own full stop ("1.") ends nothing.
    if let Some((marker, after)) = list_marker(tokens, i, text, true) {
        list = Some(marker);
        i = after;
    }
    let mut marks = &marks[marks.partition_point(|&m| m < i)..];
    while i < end {
        if let Some(current) = list {
            // The next item of an inline list starts a new sentence, full
            // stop or not.
            if i > block.tokens.start
                && tokens[i - 1].is_space()
                && let Some((marker, after)) = list_marker(tokens, i, text, false)
                && current.followed_by(marker)
            {
                cuts.push(i);
                list = Some(marker);
                i = after;
                continue;
            }
        } else {
            // Any other token would only be stepped over: go to the next mark.
            while marks.first().is_some_and(|&m| m < i) {
                marks = &marks[1..];
            }
            match marks.first() {
                Some(&mark) if mark < end => i = mark,
                _ => break,
            }
        }
        let t = tokens[i];
        match t.kind {
            TokenKind::Word => {
                // Both tests want a capitalised word after a space; most
                // words fail at once on their first byte.
                let first = text.as_bytes()[t.start];
                if (first.is_ascii_uppercase() || !first.is_ascii())
                    && i >= 2
                    && tokens[i - 1].is_space()
                    && (run_on_start(tokens, i, block.tokens.start, text, lexicon)
                        || after_address(tokens, i, text, lexicon))
                {
                    cuts.push(i);
                }
                i += 1;
                continue;
            }
            TokenKind::Punct(c) if is_terminal(c) => {}
            TokenKind::Ellipsis { .. } => {}
            _ => {
                i += 1;
                continue;
            }
        }
        // The terminal run: "?!", ".)", ".\"", "!”".
        let mut run_end = i + 1;
        while let Some(next) = tokens.get(run_end).filter(|_| run_end < end) {
            match next.kind {
                TokenKind::Punct(c) if is_terminal(c) || CLOSERS.contains(&c) => run_end += 1,
                _ => break,
            }
        }
        if run_end >= end {
            break;
        }
        if !tokens[run_end].is_space() {
            // "reflect that.I have": a sentence typed without a space after it.
            if glued_sentence_end(tokens, i, run_end, text, lexicon) {
                cuts.push(run_end);
            }
            i = run_end;
            continue;
        }
        let Some(next) = next_solid(tokens, run_end, end) else {
            break;
        };
        if ends_sentence(tokens, i, next, end, text, lexicon) {
            cuts.push(next);
        }
        i = next;
    }
}

/// A full stop glued to both words around it ends a sentence when the word
/// before is an ordinary word and the word after is capitalised: careless
/// typing, common in comments ("that.I have").
fn glued_sentence_end(
    tokens: &[Token],
    at: usize,
    next: usize,
    text: &str,
    lexicon: &Lexicon,
) -> bool {
    let before = at.checked_sub(1).map(|i| tokens[i]);
    let Some(before) = before.filter(|b| b.kind == TokenKind::Word && b.end == tokens[at].start)
    else {
        return false;
    };
    let word = before.text(text);
    let key = normalise(word);
    capitalised(&tokens[next], text)
        && word.chars().count() >= 2
        && !is_initialism(word)
        && !lexicon.titles.contains(key.as_ref())
        && !lexicon.abbreviations.contains(key.as_ref())
}

/// "the mail system These are both issues": a capitalised subject pronoun
/// straight after a lower-case word, with no punctuation between, starts a
/// new sentence whose full stop was never typed. ("I" is capitalised
/// everywhere, so it is no sign.)
fn run_on_start(
    tokens: &[Token],
    at: usize,
    block_start: usize,
    text: &str,
    lexicon: &Lexicon,
) -> bool {
    // The cheap tests first: this runs for every token.
    if at < block_start + 2 || tokens[at].kind != TokenKind::Word || !tokens[at - 1].is_space() {
        return false;
    }
    let (word, before) = (tokens[at], tokens[at - 2]);
    if before.kind != TokenKind::Word || !text.as_bytes()[word.start].is_ascii_uppercase() {
        return false;
    }
    let lower_before = before
        .text(text)
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    // "the No. 4 bus": a word glued to a full stop is an abbreviation.
    let stands_alone = tokens.get(at + 1).is_none_or(Token::is_space);
    if !lower_before || !stands_alone || word.text(text) == "I" {
        return false;
    }
    with_normalised(word.text(text), |key| {
        // Articles are left out: "for The Times" is a title, not a new
        // sentence.
        let on = lexicon.lists_of(key);
        on & lists::SUBJECT != 0 || (on & lists::DETERMINER != 0 && !ARTICLES.contains(&key))
    })
}

const ARTICLES: [&str; 3] = ["the", "a", "an"];

/// "a report at https://example.org It shows": a link pasted at the end of a
/// sentence takes no full stop, so a capitalised sentence starter after it
/// starts the next sentence.
fn after_address(tokens: &[Token], at: usize, text: &str, lexicon: &Lexicon) -> bool {
    at >= 2
        && tokens[at - 2].kind == TokenKind::Url
        && tokens[at - 1].is_space()
        && capitalised(&tokens[at], text)
        && lexicon
            .starters
            .contains(normalise(tokens[at].text(text)).as_ref())
}

fn capitalised(token: &Token, text: &str) -> bool {
    token.kind == TokenKind::Word && starts_upper_case(token.text(text))
}

/// Whether the first character of `word` is upper case; an ASCII one is
/// decided without decoding.
fn starts_upper_case(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Calls `f` with the normalised form of `word` (as [`normalise`] makes
/// it). A word already in that form is passed as it is; a short ASCII one
/// with capitals, as most others are, is lower-cased in a buffer on the
/// stack: this runs at sentence ends and capitalised words, and a string
/// allocated for each would cost more than the look-ups it is made for.
fn with_normalised<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return f(word);
    }
    let mut buffer = [0u8; 32];
    if word.len() <= buffer.len() && word.is_ascii() {
        let lowered = &mut buffer[..word.len()];
        lowered.copy_from_slice(word.as_bytes());
        lowered.make_ascii_lowercase();
        if let Ok(key) = std::str::from_utf8(lowered) {
            return f(key);
        }
    }
    f(&normalise(word))
}

/// Decides whether the terminal at `at` ends the sentence, given the first
/// token `next` of what follows.
fn ends_sentence(
    tokens: &[Token],
    at: usize,
    next: usize,
    end: usize,
    text: &str,
    lexicon: &Lexicon,
) -> bool {
    let terminal = tokens[at];
    let following = tokens[next];
    let starter = || {
        capitalised(&following, text)
            && lexicon
                .starters
                .contains(normalise(following.text(text)).as_ref())
    };
    if let TokenKind::Ellipsis { dots, spaced } = terminal.kind {
        // ". . ." marks an omission inside a sentence; "...." and ". . . ."
        // are a full stop with an ellipsis; "..." ends a sentence before a
        // capital.
        return match (dots, spaced) {
            (3, true) => false,
            _ => capitalised(&following, text),
        };
    }
    let glued_word =
        at > 0 && tokens[at - 1].end == terminal.start && tokens[at - 1].kind == TokenKind::Word;
    if terminal.is_punct('.') && glued_word {
        let word = tokens[at - 1].text(text);
        // Most sentences end in a word longer than any title or
        // abbreviation; an ASCII one is its normal form's length (and a
        // word ends in no dot to trim).
        let (title, abbreviation) =
            if word.len() > lexicon.longest_title_or_abbreviation && word.is_ascii() {
                (false, false)
            } else {
                with_normalised(word, |key| {
                    let key = key.trim_end_matches('.');
                    (
                        lexicon.titles.contains(key),
                        lexicon.abbreviations.contains(key),
                    )
                })
            };
        if title {
            return false;
        }
        if abbreviation || is_initialism(word) {
            return starter();
        }
    }
    // After an ordinary word or a number, a full stop ends the sentence even
    // when the next word is in lower case: careless typing, as in comments.
    // (After abbreviations and before closing quotes the case decides.)
    let plain_stop = terminal.is_punct('.')
        && at > 0
        && tokens[at - 1].end == terminal.start
        && matches!(tokens[at - 1].kind, TokenKind::Word | TokenKind::Number)
        && has_two_characters(tokens[at - 1].text(text))
        && tokens[at + 1].is_space();
    match following.kind {
        TokenKind::Word => capitalised(&following, text) || plain_stop,
        TokenKind::Number | TokenKind::Url => true,
        TokenKind::Punct(c) => OPENERS.contains(&c) || BULLETS.contains(&c),
        // "compounds. . . . The": an ellipsis opening the next sentence.
        TokenKind::Ellipsis { .. } => {
            next_solid(tokens, next + 1, end).is_some_and(|after| capitalised(&tokens[after], text))
        }
        TokenKind::Space { .. } => false,
    }
}

/// Whether `word` has two characters or more; two bytes of ASCII are two
/// characters, with no decoding.
fn has_two_characters(word: &str) -> bool {
    match word.as_bytes() {
        [first, _, ..] if first.is_ascii() => true,
        _ => word.chars().nth(1).is_some(),
    }
}

/// "E", "U.S", "U.S.A", "Ph.D": single letters and dotted letter groups.
fn is_initialism(word: &str) -> bool {
    // Most words asked about are neither one letter nor dotted: two cheap
    // tests settle them, the first without decoding when the word starts
    // with two bytes of ASCII.
    let single = !has_two_characters(word) && word.chars().next().is_some_and(char::is_alphabetic);
    single
        || (word.bytes().any(|b| b == b'.')
            && word.split('.').all(|p| {
                (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic)
            }))
}

fn trimmed_sentence(tokens: &[Token], range: Range<usize>, paragraph: usize) -> Option<Sentence> {
    let first = range.clone().find(|&i| !tokens[i].is_space())?;
    let last = range.clone().rev().find(|&i| !tokens[i].is_space())?;
    Some(Sentence {
        start: tokens[first].start,
        end: tokens[last].end,
        paragraph,
        heading: false,
        list_item: false,
        tokens: first..last + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cuts_on_words_agree_with_counting_characters() {
        let reference_initialism = |word: &str| {
            let mut chars = word.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
                || (word.contains('.')
                    && word.split('.').all(|p| {
                        (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic)
                    }))
        };
        for word in [
            "", "a", "E", "é", "É.", "ab", "aé", "éa", "U.S", "U.S.A", "Ph.D", "e.g", "1", "I",
            "x.", "ΑΒ", "ß", "漢", "漢字", "a.bcd", "N°",
        ] {
            assert_eq!(
                has_two_characters(word),
                word.chars().count() >= 2,
                "{word:?}"
            );
            assert_eq!(is_initialism(word), reference_initialism(word), "{word:?}");
        }
    }

    #[test]
    fn no_title_or_abbreviation_is_longer_than_the_longest() {
        let lexicon = Lexicon::english();
        let longest = lexicon
            .titles
            .iter()
            .chain(&lexicon.abbreviations)
            .map(String::len)
            .max();
        assert_eq!(longest, Some(lexicon.longest_title_or_abbreviation));
    }

    fn sentences(text: &str) -> Vec<String> {
        let lexicon = Lexicon::english();
        segment(text, &lexicon)
            .sentences
            .iter()
            .map(|s| s.text(text).to_string())
            .collect()
    }

    /// Texts to split both ways: pieces of prose, headings, lists, line
    /// breaks and odd marks, joined at random.
    fn tricky_documents() -> Vec<String> {
        const PIECES: [&str; 48] = [
            "The council has cut the night bus.",
            "Mr. Smith met Dr. Jones at St. Mary's.",
            "They build tools, paper, etc. The rest is imported.",
            "I live in the U.S. How about you?",
            "It should reflect that.I have found more.",
            "The service bypassed the mail system These are both issues",
            "Read it at https://example.org/a It is short.",
            "That is dreadful. __URL__ I can show more.",
            "I never meant that.... She left.",
            "We went . . . home.",
            "compounds. . . . The end",
            "“We must act,” he said. “Now.”",
            "(The vote is in June.) She agreed.",
            "Why the bus matters",
            "1. Fund the routes.",
            "2. Fix the stops.",
            "1) The first item 2) The second item",
            "a) one b) two",
            "A) First B) Second",
            "- A bullet without stop",
            "• 9. A numbered bullet",
            "* star",
            "It costs $4.50 now.",
            "Really?! Yes.",
            "He took the No. 4 bus",
            "Jonas E. Smith works for the U.S. Government.",
            "see www.example.org Fennick Lane",
            "Élan vital Über alles",
            "then they called. and more",
            "…",
            "...",
            ". . . .",
            "Heading: with colon",
            "\"Quoted heading\"",
            "12 Angry Men",
            " ",
            "  ",
            "\n",
            "\n",
            "\n\n",
            "\n\n\n",
            "\r\n",
            "\r\n\r\n",
            " \n ",
            "\u{a0}",
            "\u{feff}",
            "\t",
            "A very long line that goes on and on, with many words in it, far longer than a heading ever is, and then some more words.",
        ];
        let mut texts: Vec<String> = PIECES.iter().map(|s| s.to_string()).collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..1 + next() % 14 {
                text.push_str(PIECES[next() % PIECES.len()]);
                if next() % 2 == 0 {
                    text.push(' ');
                }
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn word_tests_agree_with_their_plain_forms() {
        let words = [
            "",
            "a",
            "A",
            "é",
            "É",
            "ß",
            "Ǆ",
            "1",
            ".",
            "..",
            "E.",
            "U.S",
            "U.S.A",
            "Ph.D",
            "Ph.D.",
            "e.g",
            "abc.de",
            "a..b",
            "A.",
            ".A",
            "No",
            "NO",
            "no",
            "Mr",
            "MR.",
            "etc",
            "Don’t",
            "DON'T",
            "İstanbul",
            "Ωmega",
            "x1",
            "AbcdefghijklmnopqrstuvwxyzABCDEFG",
            "abcdefghijklmnopqrstuvwxyzabcdef",
            "1a",
            "ÀB.C",
        ];
        for word in words {
            let count = word.chars().count();
            let initialism = (count == 1 && word.chars().all(char::is_alphabetic))
                || (word.contains('.')
                    && word.split('.').all(|p| {
                        (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic)
                    }));
            assert_eq!(is_initialism(word), initialism, "{word:?}");
            assert_eq!(
                starts_upper_case(word),
                word.chars().next().is_some_and(char::is_uppercase),
                "{word:?}"
            );
            assert_eq!(
                with_normalised(word, |key| key.to_string()),
                normalise(word),
                "{word:?}"
            );
        }
    }

    #[test]
    fn the_splitter_cuts_as_the_reference_splitter() {
        let lexicon = Lexicon::english();
        for text in tricky_documents() {
            let found = segment(&text, &lexicon);
            let expected = reference::segment(&text, &lexicon);
            assert_eq!(found.tokens, expected.tokens, "{text:?}");
            assert_eq!(found.paragraphs, expected.paragraphs, "{text:?}");
            assert_eq!(found.sentences, expected.sentences, "{text:?}");
            assert_eq!(found.word_count, expected.word_count, "{text:?}");
        }
    }

    /// The splitter as it was before it worked from the scan's notes: it
    /// walked the tokens for the paragraphs, again for the lines of each,
    /// and looked at every token for sentence ends. The splitter must cut
    /// every text exactly as it did.
    mod reference {
        use super::super::{
            BULLETS, Block, CLOSERS, Document, HEADING_WORDS, LONG_LINE, Lexicon, OPENERS,
            Paragraph, Sentence, Token, TokenKind, after_address, ends_sentence,
            glued_sentence_end, is_terminal, list_marker, newlines, next_solid, run_on_start,
            split_attached_ellipses, trimmed_sentence,
        };
        use crate::text::tokens::tokenize;
        use std::ops::Range;

        /// Splits `text` into paragraphs and sentences.
        pub(super) fn segment(text: &str, lexicon: &Lexicon) -> Document {
            let mut tokens = tokenize(text, 0);
            split_attached_ellipses(&mut tokens, text);
            let mut document = Document {
                tokens,
                paragraphs: Vec::new(),
                sentences: Vec::new(),
                word_count: text.split_whitespace().count(),
            };
            let line_per_paragraph = lines_are_paragraphs(&document.tokens, text);
            for range in paragraph_ranges(&document.tokens, line_per_paragraph) {
                let first_sentence = document.sentences.len();
                let paragraph = document.paragraphs.len();
                for block in blocks(&document.tokens, range.clone(), text) {
                    let cuts = sentence_cuts(&document.tokens, &block, text, lexicon);
                    let mut start = block.tokens.start;
                    for (i, &cut) in cuts
                        .iter()
                        .chain(std::iter::once(&block.tokens.end))
                        .enumerate()
                    {
                        if let Some(sentence) =
                            trimmed_sentence(&document.tokens, start..cut, paragraph)
                        {
                            let is_first = i == 0;
                            document.sentences.push(Sentence {
                                heading: block.heading,
                                list_item: block.list_item && (is_first || block.inline_list),
                                ..sentence
                            });
                        }
                        start = cut;
                    }
                }
                if document.sentences.len() > first_sentence {
                    let sentences = first_sentence..document.sentences.len();
                    let start = document.sentences[first_sentence].start;
                    let end = document.sentences[sentences.end - 1].end;
                    document.paragraphs.push(Paragraph {
                        start,
                        end,
                        sentences,
                    });
                }
            }
            document
        }

        fn lines_are_paragraphs(tokens: &[Token], text: &str) -> bool {
            if tokens.iter().any(|t| newlines(t) >= 2) {
                return false;
            }
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            lines.len() >= 2
                && lines.iter().map(|l| l.len()).sum::<usize>() / lines.len() >= LONG_LINE
        }

        fn paragraph_ranges(tokens: &[Token], line_per_paragraph: bool) -> Vec<Range<usize>> {
            let threshold = if line_per_paragraph { 1 } else { 2 };
            let mut ranges = Vec::new();
            let mut start = 0;
            for (i, t) in tokens.iter().enumerate() {
                if newlines(t) >= threshold {
                    ranges.push(start..i);
                    start = i + 1;
                }
            }
            ranges.push(start..tokens.len());
            ranges.retain(|r| tokens[r.clone()].iter().any(|t| !t.is_space()));
            ranges
        }

        /// Cuts a paragraph into blocks: a heading line on its own, each list item
        /// from its marker to the next, and the running text between.
        fn blocks(tokens: &[Token], paragraph: Range<usize>, text: &str) -> Vec<Block> {
            let mut lines = Vec::new();
            let mut start = paragraph.start;
            for i in paragraph.clone() {
                if newlines(&tokens[i]) >= 1 {
                    lines.push(start..i);
                    start = i + 1;
                }
            }
            lines.push(start..paragraph.end);
            lines.retain(|r| tokens[r.clone()].iter().any(|t| !t.is_space()));

            let longest = lines.iter().map(|l| span_len(tokens, l)).max().unwrap_or(0);
            let mut out: Vec<Block> = Vec::new();
            for (n, line) in lines.iter().enumerate() {
                let marker = list_marker(tokens, first_solid(tokens, line.clone()), text, true);
                let heading = n == 0
                    && marker.is_none()
                    && is_heading_like(tokens, line, text)
                    && (lines.len() == 1
                        || (starts_a_sentence(tokens, &lines[1], text)
                            && span_len(tokens, line) * 4 < longest * 3));
                let continues =
                    !heading && marker.is_none() && out.last().is_some_and(|b| !b.heading);
                if continues {
                    if let Some(last) = out.last_mut() {
                        last.tokens.end = line.end;
                    }
                } else {
                    out.push(Block {
                        tokens: line.clone(),
                        first: first_solid(tokens, line.clone()),
                        heading,
                        list_item: marker.is_some(),
                        inline_list: false,
                    });
                }
            }
            out
        }

        fn span_len(tokens: &[Token], range: &Range<usize>) -> usize {
            let mut solid = tokens[range.clone()].iter().filter(|t| !t.is_space());
            let first = solid.next();
            match (first, solid.next_back().or(first)) {
                (Some(a), Some(b)) => b.end - a.start,
                _ => 0,
            }
        }

        fn first_solid(tokens: &[Token], range: Range<usize>) -> usize {
            range
                .clone()
                .find(|&i| !tokens[i].is_space())
                .unwrap_or(range.end)
        }

        fn is_heading_like(tokens: &[Token], line: &Range<usize>, text: &str) -> bool {
            let solid = || tokens[line.clone()].iter().filter(|t| !t.is_space());
            let words = solid()
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                .count();
            let (Some(first), Some(last)) = (solid().next(), solid().next_back()) else {
                return false;
            };
            let ends_open = match last.kind {
                TokenKind::Punct(c) => {
                    !(is_terminal(c) || CLOSERS.contains(&c) || matches!(c, ':' | ';' | ','))
                }
                TokenKind::Ellipsis { .. } => false,
                _ => true,
            };
            let starts_well = first.kind == TokenKind::Number
                || (first.kind == TokenKind::Word
                    && first
                        .text(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase))
                || matches!(first.kind, TokenKind::Punct(c) if OPENERS.contains(&c));
            ends_open && starts_well && (1..=HEADING_WORDS).contains(&words)
        }

        fn starts_a_sentence(tokens: &[Token], line: &Range<usize>, text: &str) -> bool {
            let first = &tokens[first_solid(tokens, line.clone())];
            match first.kind {
                TokenKind::Word => first
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase),
                TokenKind::Number | TokenKind::Ellipsis { .. } => true,
                TokenKind::Punct(c) => OPENERS.contains(&c) || BULLETS.contains(&c),
                _ => false,
            }
        }

        /// The token indexes at which new sentences start inside a block.
        fn sentence_cuts(
            tokens: &[Token],
            block: &Block,
            text: &str,
            lexicon: &Lexicon,
        ) -> Vec<usize> {
            if block.heading {
                return Vec::new();
            }
            let end = block.tokens.end;
            let mut cuts = Vec::new();
            let mut list = None;
            let mut i = first_solid(tokens, block.tokens.clone());
            // A marker's own full stop ("1.") ends nothing.
            if let Some((marker, after)) = list_marker(tokens, i, text, true) {
                list = Some(marker);
                i = after;
            }
            while i < end {
                let t = tokens[i];
                // The next item of an inline list starts a new sentence, full stop or not.
                if let Some(current) = list
                    && i > block.tokens.start
                    && tokens[i - 1].is_space()
                    && let Some((marker, after)) = list_marker(tokens, i, text, false)
                    && current.followed_by(marker)
                {
                    cuts.push(i);
                    list = Some(marker);
                    i = after;
                    continue;
                }
                if run_on_start(tokens, i, block.tokens.start, text, lexicon)
                    || after_address(tokens, i, text, lexicon)
                {
                    cuts.push(i);
                    i += 1;
                    continue;
                }
                let terminal = match t.kind {
                    TokenKind::Punct(c) => is_terminal(c),
                    TokenKind::Ellipsis { .. } => true,
                    _ => false,
                };
                if !terminal {
                    i += 1;
                    continue;
                }
                // The terminal run: "?!", ".)", ".\"", "!”".
                let mut run_end = i + 1;
                while let Some(next) = tokens.get(run_end).filter(|_| run_end < end) {
                    match next.kind {
                        TokenKind::Punct(c) if is_terminal(c) || CLOSERS.contains(&c) => {
                            run_end += 1
                        }
                        _ => break,
                    }
                }
                if run_end >= end {
                    break;
                }
                if !tokens[run_end].is_space() {
                    // "reflect that.I have": a sentence typed without a space after it.
                    if glued_sentence_end(tokens, i, run_end, text, lexicon) {
                        cuts.push(run_end);
                    }
                    i = run_end;
                    continue;
                }
                let Some(next) = next_solid(tokens, run_end, end) else {
                    break;
                };
                if ends_sentence(tokens, i, next, end, text, lexicon) {
                    cuts.push(next);
                }
                i = next;
            }
            cuts
        }
    }

    #[test]
    fn titles_and_abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones at St. Mary's. They talked."),
            ["Mr. Smith met Dr. Jones at St. Mary's.", "They talked."]
        );
        assert_eq!(
            sentences("Bring pens, paper, etc. to the exam. Mrs. Lee, e.g., does."),
            [
                "Bring pens, paper, etc. to the exam.",
                "Mrs. Lee, e.g., does."
            ]
        );
        assert_eq!(
            sentences("See p. 55 and pp. 12-14 of vol. 3. It is clear."),
            ["See p. 55 and pp. 12-14 of vol. 3.", "It is clear."]
        );
        assert_eq!(
            sentences("They build tools, paper, etc. The rest is imported."),
            ["They build tools, paper, etc.", "The rest is imported."]
        );
        assert_eq!(
            sentences("Acme Co. It closed. Acme Co. at noon, vs. them, i.e. us."),
            [
                "Acme Co.",
                "It closed.",
                "Acme Co. at noon, vs. them, i.e. us."
            ]
        );
        assert_eq!(
            sentences("We met at 9 a.m. and left at 5 p.m. The talks failed."),
            ["We met at 9 a.m. and left at 5 p.m.", "The talks failed."]
        );
    }

    #[test]
    fn every_listed_abbreviation_and_title() {
        let text = "Mr. and Mrs. Lee met Dr. Khan at St. Anne's near Mt. Snowdon. \
                    Acme Co. and Widget Inc. paid, e.g. in cash, i.e. at once, vs. last year, etc. \
                    See p. 4 and pp. 5-9 of No. 12 at 9 a.m. or 5 p.m. on Monday. \
                    The U.K. and the U.N. agreed.";
        assert_eq!(
            sentences(text),
            [
                "Mr. and Mrs. Lee met Dr. Khan at St. Anne's near Mt. Snowdon.",
                "Acme Co. and Widget Inc. paid, e.g. in cash, i.e. at once, vs. last year, etc.",
                "See p. 4 and pp. 5-9 of No. 12 at 9 a.m. or 5 p.m. on Monday.",
                "The U.K. and the U.N. agreed."
            ]
        );
    }

    #[test]
    fn initials_and_initialisms() {
        assert_eq!(
            sentences("Jonas E. Smith works for the U.S. Government in the U.K. capital."),
            ["Jonas E. Smith works for the U.S. Government in the U.K. capital."]
        );
        assert_eq!(
            sentences("I live in the U.S. How about you? The U.N. It failed."),
            [
                "I live in the U.S.",
                "How about you?",
                "The U.N.",
                "It failed."
            ]
        );
    }

    #[test]
    fn careless_typing_still_ends_sentences() {
        assert_eq!(
            sentences("It should reflect that.I have found more. then they called."),
            [
                "It should reflect that.",
                "I have found more.",
                "then they called."
            ]
        );
    }

    #[test]
    fn a_sentence_without_its_full_stop_still_ends() {
        assert_eq!(
            sentences("The service bypassed the mail system These are both issues."),
            [
                "The service bypassed the mail system",
                "These are both issues."
            ]
        );
        assert_eq!(
            sentences("He wrote for The Times and I agreed. He took the No. 4 bus."),
            [
                "He wrote for The Times and I agreed.",
                "He took the No. 4 bus."
            ]
        );
    }

    #[test]
    fn a_link_ends_its_sentence_before_a_sentence_starter() {
        assert_eq!(
            sentences("Read it at https://example.org/a It is short. Mail a@b.org for more."),
            [
                "Read it at https://example.org/a",
                "It is short.",
                "Mail a@b.org for more."
            ]
        );
        assert_eq!(
            sentences(
                "That is dreadful. __URL__ I can show more. See www.example.org Fennick Lane."
            ),
            [
                "That is dreadful.",
                "__URL__",
                "I can show more.",
                "See www.example.org Fennick Lane."
            ]
        );
    }

    #[test]
    fn decimals_and_money() {
        assert_eq!(
            sentences("It costs $4.50 now. The bill is £4.5bn, for 1.5 million people. Fine."),
            [
                "It costs $4.50 now.",
                "The bill is £4.5bn, for 1.5 million people.",
                "Fine."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences(
                "I waited... Nothing came. We went . . . home. I never meant that.... She left."
            ),
            [
                "I waited...",
                "Nothing came.",
                "We went . . . home.",
                "I never meant that....",
                "She left."
            ]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            sentences("“We must act,” he said. “Now.” (The vote is in June.) She agreed."),
            [
                "“We must act,” he said.",
                "“Now.”",
                "(The vote is in June.)",
                "She agreed."
            ]
        );
        assert_eq!(
            sentences("\"Is it true?\" she asked. Really?! Yes."),
            ["\"Is it true?\" she asked.", "Really?!", "Yes."]
        );
    }

    #[test]
    fn headings_and_lists() {
        let text = "Why the bus matters\n\nThe bus is vital. We need it:\n\n1. Fund the routes.\n2. Fix the stops.\n- A bullet without stop\n- Another one\n";
        let lexicon = Lexicon::english();
        let doc = segment(text, &lexicon);
        let found: Vec<_> = doc
            .sentences
            .iter()
            .map(|s| (s.text(text), s.heading, s.list_item))
            .collect();
        assert_eq!(
            found,
            [
                ("Why the bus matters", true, false),
                ("The bus is vital.", false, false),
                ("We need it:", false, false),
                ("1. Fund the routes.", false, true),
                ("2. Fix the stops.", false, true),
                ("- A bullet without stop", false, true),
                ("- Another one", false, true),
            ]
        );
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(
            sentences("1) The first item 2) The second item"),
            ["1) The first item", "2) The second item"]
        );
    }

    #[test]
    fn single_line_breaks_are_spaces_but_long_lines_are_paragraphs() {
        let wrapped = "The council has cut the\nnight bus. It should not\nhave done so.";
        let lexicon = Lexicon::english();
        let doc = segment(wrapped, &lexicon);
        assert_eq!(doc.paragraphs.len(), 1);
        assert_eq!(doc.sentences.len(), 2);
        let long = format!(
            "{}\n{}\n",
            "The first paragraph is long. ".repeat(5),
            "The second one is long too. ".repeat(5)
        );
        assert_eq!(segment(&long, &lexicon).paragraphs.len(), 2);
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n\t ").is_empty());
    }

    #[test]
    fn spans_are_trimmed_and_ordered_with_a_bom_and_crlf() {
        let text = "\u{feff}First one.\r\n\r\nSecond one.\r\n";
        let lexicon = Lexicon::english();
        let doc = segment(text, &lexicon);
        let spans: Vec<_> = doc.sentences.iter().map(|s| s.text(text)).collect();
        assert_eq!(spans, ["First one.", "Second one."]);
        assert_eq!(doc.paragraphs.len(), 2);
    }
}
