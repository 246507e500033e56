//! Tokens: the one pass over the characters of a piece of text.
//!
//! Both the sentence splitter and the cue matcher work on tokens rather than on
//! bytes, so the text is scanned once and every later decision is a look at a
//! handful of neighbouring tokens. The scanner works on bytes: a token's first
//! byte picks how it is read, and ASCII (most of prose) is decided byte by
//! byte without decoding. Other characters are decoded and decided with
//! `char::is_alphanumeric` and its kin, because prose is not ASCII. The rare
//! tokens (addresses, ellipses) are read with nom parsers.

use super::lanes::{MARKS, ONES, ascii_alphanumeric};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::char as one_char,
    combinator::{recognize, verify},
    multi::many_m_n,
    sequence::preceded,
};

/// What a token is. Spaces are tokens too, so that the tokens of a text tile
/// it exactly and every byte belongs to one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script) with inner apostrophes, hyphens and dots: `don't`,
    /// `well-known`, `U.S`, `N°`.
    Word,
    /// Digits with inner separators and an optional unit suffix: `1.5`,
    /// `12,000`, `122mm`, `4.5bn`, `5th`.
    Number,
    /// An address: `https://…`, `www.…` or an e-mail address.
    Url,
    /// Three or more dots, spaced or not, or `…`. `dots` counts them.
    Ellipsis { dots: u8, spaced: bool },
    /// Any other single character: `.`, `!`, `"`, `(`, `%`, `$`, `–`.
    Punct(char),
    /// A run of white space; `newlines` counts the line breaks in it.
    Space { newlines: u16 },
}

/// A token and its byte span in the text it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space { .. })
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// Splits `text` into tokens whose spans are offsets into `text` plus `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut tokens = scan(text).tokens;
    if base != 0 {
        for token in &mut tokens {
            token.start += base;
            token.end += base;
        }
    }
    tokens
}

/// The tokens of a text, with what the sentence splitter wants to know about
/// them, noted on the way so that it need not walk the tokens again to find it.
#[derive(Debug, Clone)]
pub struct Scan {
    pub tokens: Vec<Token>,
    /// The indexes in `tokens` of the spaces that hold a line break, in order.
    pub line_breaks: Vec<usize>,
    /// The indexes in `tokens` of the tokens that may end a sentence or
    /// begin one that follows no full stop (see [`may_bound_sentence`]), in
    /// order.
    pub sentence_marks: Vec<usize>,
    /// Whether some spaced ellipsis has four dots or more (". . . .").
    pub long_spaced_ellipsis: bool,
    /// The text's words as `str::split_whitespace` counts them (as `wc -w`
    /// does): `warrant score` prints it, and the scan finds it at almost no
    /// cost where a count of its own would read the text again.
    pub word_count: usize,
    /// Whether some white space holds a byte-order mark, which is no white
    /// space to `split_whitespace`.
    byte_order_mark: bool,
}

/// Whether a token of this kind, whose first byte is `first`, may end a
/// sentence or begin one that follows no full stop: a terminal mark (`.`,
/// `!`, `?`, `‼`, `⁇`), an ellipsis, or a word that starts with an ASCII
/// capital or with a character that is not ASCII (and may be a capital).
pub fn may_bound_sentence(kind: TokenKind, first: u8) -> bool {
    match kind {
        TokenKind::Word => first.is_ascii_uppercase() || !first.is_ascii(),
        TokenKind::Punct(c) => matches!(c, '.' | '!' | '?' | '‼' | '⁇'),
        TokenKind::Ellipsis { .. } => true,
        _ => false,
    }
}

/// Tokenizes `text` as [`tokenize`] does (with spans from 0), and notes the
/// line breaks, sentence marks and long spaced ellipses.
pub fn scan(text: &str) -> Scan {
    scan_into(text, Vec::new())
}

/// [`scan`], with the tokens written into `tokens`, whatever it held: a
/// batch hands each article the vector of the one before, whose memory is
/// still in the cache, where a new one would be memory not touched for a
/// while (the allocator hands out freed blocks in turn).
pub fn scan_into(text: &str, mut tokens: Vec<Token>) -> Scan {
    // Prose averages a token (word, space or mark) every two to three
    // bytes, a sentence mark (a capital or a full stop) every 30 to 40 and
    // a line break every few hundred: room is made for a little more of
    // each, so that the vectors are not copied as they grow.
    tokens.clear();
    tokens.reserve(text.len() / 2 + 1);
    let mut scan = Scan {
        tokens,
        line_breaks: Vec::with_capacity(text.len() / 128 + 1),
        sentence_marks: Vec::with_capacity(text.len() / 24 + 1),
        long_spaced_ellipsis: false,
        word_count: 0,
        byte_order_mark: false,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut local_part = LocalPartRun::default();
    // The single spaces read here: see `count_words`.
    let mut spaces = 0;
    // The commonest tokens are read here, in as few steps as can be, the
    // rest by `push_other`: plain ASCII words, single spaces and ASCII marks
    // (most of prose). The first byte picks the way; each way pushes its
    // own token, so that the kinds of the common ones are constants rather
    // than values carried through.
    while at < bytes.len() {
        let start = at;
        let first = bytes[at];
        match STARTS[first as usize] {
            Start::Letter => {
                // Prose is mostly runs of "word word, word. Word": a plain
                // ASCII word, one space or an ASCII mark and a space, and
                // the letter of the next word. Such a run is read here word
                // after word, with no return to the match (see
                // `read_word_run`); the word that ends it is read below
                // like any other.
                let run = read_word_run(bytes, at, &mut scan.tokens, &mut scan.sentence_marks);
                spaces += run.spaces;
                let (start, first) = (run.start, bytes[run.start]);
                // ASCII word characters, then the end of the text or an
                // ASCII character that can neither join the word to more
                // (`'`, `-`, `&`, `.`) nor make it an address (`@`, `+`,
                // `:`), or one that could but is the last before white space
                // (the full stop of "word. "). Any other word is left to
                // `word_or_address`, which reads a plain one the same way.
                at = run.end;
                if at == bytes.len()
                    || PLAIN_WORD_ENDS[bytes[at] as usize]
                    || (bytes[at].is_ascii()
                        && bytes.get(at + 1).is_none_or(|&after| is_ascii_space(after)))
                {
                    if first.is_ascii_uppercase() {
                        scan.sentence_marks.push(scan.tokens.len());
                    }
                    let word = Token {
                        kind: TokenKind::Word,
                        start,
                        end: at,
                    };
                    // A word followed by a single space that is not
                    // followed by a letter: read the space here rather than
                    // go round the loop for it, and push both at once.
                    if bytes.get(at) == Some(&b' ')
                        && !bytes.get(at + 1).is_some_and(|&b| is_ascii_space(b))
                    {
                        let space = Token {
                            kind: TokenKind::Space { newlines: 0 },
                            start: at,
                            end: at + 1,
                        };
                        scan.tokens.extend_from_slice(&[word, space]);
                        spaces += 1;
                        at += 1;
                    } else {
                        scan.tokens.push(word);
                    }
                    continue;
                }
                // Not a plain word: read from its start by `push_other`.
                at = start;
            }
            // A single space: one not followed by ASCII white space. (A
            // space followed by other white space is a token of its own
            // too; the run after it is another.)
            Start::Space if !bytes.get(at + 1).is_some_and(|&b| is_ascii_space(b)) => {
                at += 1;
                scan.push(TokenKind::Space { newlines: 0 }, start, at);
                spaces += 1;
                continue;
            }
            Start::Mark => {
                at += 1;
                scan.push(TokenKind::Punct(first as char), start, at);
                continue;
            }
            Start::Terminal => {
                at += 1;
                scan.sentence_marks.push(scan.tokens.len());
                scan.push(TokenKind::Punct(first as char), start, at);
                continue;
            }
            // A full stop that does not start an ellipsis ("..", ". .").
            Start::FullStop
                if !(bytes.get(at + 1) == Some(&b'.')
                    || (bytes.get(at + 1) == Some(&b' ') && bytes.get(at + 2) == Some(&b'.'))) =>
            {
                at += 1;
                scan.sentence_marks.push(scan.tokens.len());
                scan.push(TokenKind::Punct('.'), start, at);
                continue;
            }
            _ => {}
        }
        at = scan.push_other(text, at, &mut local_part);
    }
    scan.count_words(text, spaces);
    scan
}

/// Where a run of plain words read by [`read_word_run`] stopped: the word
/// it left to the caller, from its first letter to the end of its ASCII
/// word bytes, and how many single spaces it pushed (one after each word).
struct WordRun {
    start: usize,
    end: usize,
    spaces: usize,
}

/// Reads the run of plain words that starts with the ASCII letter at `at`:
/// ASCII word bytes (see [`ascii_word_end`]), then one space, or an ASCII
/// mark and one space ("word, ", "word. "), then an ASCII letter. Each such
/// word is pushed with what follows it (a word with an ASCII capital, and a
/// full stop, `!` or `?`, noted as sentence marks, as [`may_bound_sentence`]
/// has them); the first word that is not followed so is left to the caller.
/// Such a word is plain, as the scanner's loop has it: a space, or an ASCII
/// mark before one, can neither join it to more nor make it an address; and
/// the mark is read as the loop would read it, a full stop before a space
/// and a letter starting no ellipsis. Most of prose is read here, each word
/// a look at its bytes and at the two or three after it, with no return to
/// the scanner's `match`, whose jump to the way of each token is hard to
/// predict. Not inlined, so that its loop keeps its state in registers
/// rather than on the stack of the scanner's.
#[inline(never)]
fn read_word_run(
    bytes: &[u8],
    mut at: usize,
    tokens: &mut Vec<Token>,
    sentence_marks: &mut Vec<usize>,
) -> WordRun {
    let mut spaces = 0;
    let mut first = bytes[at];
    loop {
        let end = ascii_word_end(bytes, at + 1);
        let word = Token {
            kind: TokenKind::Word,
            start: at,
            end,
        };
        match bytes.get(end..end + 2) {
            Some(&[b' ', next]) if ASCII_LETTERS[next as usize] => {
                if first.is_ascii_uppercase() {
                    sentence_marks.push(tokens.len());
                }
                tokens.extend_from_slice(&[word, single_space(end)]);
                at = end + 1;
                first = next;
            }
            Some(&[mark, b' '])
                if matches!(
                    STARTS[mark as usize],
                    Start::Mark | Start::Terminal | Start::FullStop
                ) && bytes
                    .get(end + 2)
                    .is_some_and(|&b| ASCII_LETTERS[b as usize]) =>
            {
                if first.is_ascii_uppercase() {
                    sentence_marks.push(tokens.len());
                }
                // A full stop before a space and a letter is a full stop,
                // as the scanner's loop reads it.
                if matches!(STARTS[mark as usize], Start::Terminal | Start::FullStop) {
                    sentence_marks.push(tokens.len() + 1);
                }
                let mark_token = Token {
                    kind: TokenKind::Punct(mark as char),
                    start: end,
                    end: end + 1,
                };
                tokens.extend_from_slice(&[word, mark_token, single_space(end + 1)]);
                at = end + 2;
                first = bytes[at];
            }
            _ => {
                return WordRun {
                    start: at,
                    end,
                    spaces,
                };
            }
        }
        spaces += 1;
    }
}

/// The token of the single space at `at`.
fn single_space(at: usize) -> Token {
    Token {
        kind: TokenKind::Space { newlines: 0 },
        start: at,
        end: at + 1,
    }
}

/// ASCII letters, as a table: the test of the byte after a word's space.
const ASCII_LETTERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphabetic();
        b += 1;
    }
    table
};

/// How the scanner's loop reads a token, by its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// An ASCII letter: a word, plain or not, or an address.
    Letter,
    /// A space: a single one, or the start of a run of white space.
    Space,
    /// An ASCII mark that is a token of one byte and no sentence mark: `,`,
    /// `"`, `(`, `%`, and control characters that are not white space.
    Mark,
    /// `!` or `?`: a token of one byte and a sentence mark.
    Terminal,
    /// `.`: a full stop, or the start of an ellipsis.
    FullStop,
    /// Anything else is read by `token_at`: digits, other white space, `_`,
    /// `[` and `<` (which may start an address placeholder), and the first
    /// bytes of characters that are not ASCII.
    Other,
}

/// [`Start`] by first byte. Every one-byte mark must be read here as
/// `token_at` reads it: the tests compare the two.
const STARTS: [Start; 256] = {
    let mut table = [Start::Other; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphabetic() {
            Start::Letter
        } else if byte == b' ' {
            Start::Space
        } else if byte == b'.' {
            Start::FullStop
        } else if byte == b'!' || byte == b'?' {
            Start::Terminal
        } else if byte.is_ascii_digit()
            || matches!(
                byte,
                b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b'_' | b'[' | b'<'
            )
        {
            Start::Other
        } else {
            Start::Mark
        };
        b += 1;
    }
    table
};

impl Scan {
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token { kind, start, end });
    }

    /// Reads and pushes the token at `at` that is not a plain ASCII word or
    /// a single space, noting what needs noting; returns where it ends.
    #[inline(never)]
    fn push_other(&mut self, text: &str, at: usize, local_part: &mut LocalPartRun) -> usize {
        // `token_at` always reads at least one character, so the scan ends.
        let (end, kind) = token_at(text, at, local_part);
        match kind {
            TokenKind::Space { newlines } => {
                if newlines > 0 {
                    self.line_breaks.push(self.tokens.len());
                }
                // For the word count (see `count_words`): white space that
                // follows none. Of white space only the byte-order mark has
                // a byte 0xEF.
                let after_space = self.tokens.last().is_some_and(Token::is_space);
                self.word_count += usize::from(!after_space);
                self.byte_order_mark |= text.as_bytes()[at..end].contains(&0xEF);
            }
            TokenKind::Ellipsis { dots, spaced: true } => {
                self.long_spaced_ellipsis |= dots >= 4;
                // ". . .": a word for each dot, the first counted as any
                // token is.
                self.word_count += (end - at) / 2;
            }
            _ => {}
        }
        if may_bound_sentence(kind, text.as_bytes()[at]) {
            self.sentence_marks.push(self.tokens.len());
        }
        self.tokens.push(Token {
            kind,
            start: at,
            end,
        });
        end
    }

    /// Works out the word count once the text is read. Tokens of white
    /// space tile the white space, so every word but a first one at the
    /// start of the text follows a run of white-space tokens, and every
    /// run but a last one at the end of the text is followed by a word:
    /// counting runs needs no look at the commonest tokens but single
    /// spaces. The scan's loop counted those (`spaces`; a single space
    /// never follows white space), and `push_other` the other white space
    /// that follows none, and the words inside spaced ellipses.
    fn count_words(&mut self, text: &str, spaces: usize) {
        if self.byte_order_mark {
            // Rare (a mark at the start of a file): counted afresh rather
            // than worked out around the mark.
            self.word_count = text.split_whitespace().count();
            return;
        }
        let first_solid = self.tokens.first().is_some_and(|t| !t.is_space());
        let last_space = self.tokens.last().is_some_and(Token::is_space);
        self.word_count =
            self.word_count + spaces + usize::from(first_solid) - usize::from(last_space);
    }

    /// Notes the line breaks and sentence marks again, after the tokens of
    /// `text` were changed.
    pub fn note_again(&mut self, text: &str) {
        let tokens = &self.tokens;
        self.line_breaks = (0..tokens.len())
            .filter(|&i| matches!(tokens[i].kind, TokenKind::Space { newlines } if newlines > 0))
            .collect();
        self.sentence_marks = (0..tokens.len())
            .filter(|&i| may_bound_sentence(tokens[i].kind, text.as_bytes()[tokens[i].start]))
            .collect();
        self.long_spaced_ellipsis = tokens
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Ellipsis { dots, spaced: true } if dots >= 4));
    }
}

/// Reads the token that starts at byte `at` of `text`: returns where it ends
/// and what it is. The first byte picks the reader, so each byte is looked
/// at by one reader rather than by each in turn.
#[inline(always)]
fn token_at(text: &str, at: usize, local_part: &mut LocalPartRun) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    match bytes[at] {
        b'a'..=b'z' | b'A'..=b'Z' => word_or_address(text, at, local_part),
        b if is_ascii_space(b) => space(text, at),
        b'0'..=b'9' => (number_end(text, at), TokenKind::Number),
        b'.' => {
            let could_be_ellipsis = match bytes.get(at + 1) {
                Some(b'.') => true,
                Some(b' ') => bytes.get(at + 2) == Some(&b'.'),
                _ => false,
            };
            match could_be_ellipsis
                .then(|| ellipsis(&text[at..]).ok())
                .flatten()
            {
                Some((rest, kind)) => (text.len() - rest.len(), kind),
                None => (at + 1, TokenKind::Punct('.')),
            }
        }
        b'_' | b'[' | b'<' => match ADDRESS_PLACEHOLDERS
            .iter()
            .find(|m| text[at..].starts_with(**m))
        {
            Some(marker) => (at + marker.len(), TokenKind::Url),
            None => (at + 1, TokenKind::Punct(bytes[at] as char)),
        },
        // Other punctuation, and control characters that are not white space.
        b if b.is_ascii() => (at + 1, TokenKind::Punct(b as char)),
        _ => {
            let c = text[at..].chars().next().unwrap_or(' ');
            if is_space_char(c) {
                space(text, at)
            } else if c.is_alphabetic() {
                word_or_address(text, at, local_part)
            } else if c == '…' {
                let count = text[at..].chars().take_while(|&c| c == '…').count();
                let dots = (3 * count).min(255) as u8;
                let end = at + count * '…'.len_utf8();
                (
                    end,
                    TokenKind::Ellipsis {
                        dots,
                        spaced: false,
                    },
                )
            } else {
                (at + c.len_utf8(), TokenKind::Punct(c))
            }
        }
    }
}

/// ASCII white space as `char::is_whitespace` has it: unlike
/// `u8::is_ascii_whitespace`, it counts the vertical tab. Every test of white
/// space here must agree with it.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// A run of white space starting at `at`.
fn space(text: &str, at: usize) -> (usize, TokenKind) {
    let end = at + run_length(&text[at..], is_ascii_space, is_space_char);
    let newlines = text.as_bytes()[at..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    (
        end,
        TokenKind::Space {
            newlines: newlines.min(u16::MAX as usize) as u16,
        },
    )
}

/// The length in bytes of the run of characters at the start of `input`
/// that satisfy the predicates: `ascii` for ASCII bytes (the common case,
/// decided without decoding), `other` for any other character.
fn run_length(input: &str, ascii: impl Fn(u8) -> bool, other: impl Fn(char) -> bool) -> usize {
    let bytes = input.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            if !ascii(b) {
                break;
            }
            at += 1;
        } else {
            let c = input[at..].chars().next().unwrap_or(' ');
            if !other(c) {
                break;
            }
            at += c.len_utf8();
        }
    }
    at
}

/// Where the run of ASCII word bytes (letters, digits, `_`) from `at` ends.
/// Eight bytes are tested at a time by arithmetic (see [`non_word_marks`])
/// and the first that ends the run found by a count of trailing zeros: one
/// branch per eight bytes rather than one per byte, whose outcome depends on
/// the word's length and so is often mispredicted. The last few bytes of the
/// text are read one at a time.
fn ascii_word_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(block) = bytes.get(at..at + 8) {
        let block = u64::from_le_bytes(block.try_into().expect("eight bytes"));
        let ends = non_word_marks(block);
        if ends != 0 {
            return at + (ends.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && WORD_BYTES[bytes[at] as usize] {
        at += 1;
    }
    at
}

/// Marks (see [`lanes`]) the bytes of `block` that are not [`WORD_BYTES`]:
/// ASCII letters, digits and `_` pass, anything else, all bytes of
/// characters that are not ASCII included, is marked.
fn non_word_marks(block: u64) -> u64 {
    // The tests below work on the low seven bits of each byte, so that no
    // sum carries into the next byte; a byte with its high bit set (part
    // of a character that is not ASCII) is marked by `block` itself.
    let low = block & !MARKS;
    // A byte that is not `_` differs from it in its low seven bits, and
    // adding 0x7F to their difference carries into its high bit.
    let not_underscore = (low ^ (ONES * u64::from(b'_'))) + !MARKS;
    ((not_underscore & !ascii_alphanumeric(low)) | block) & MARKS
}

/// Bytes that continue a word when ASCII (letters, digits and `_`), as a
/// table: the tokenizer's hottest test. Other bytes are false: the first
/// byte of another character is decoded and decided by `is_word_char`.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// Bytes after which an ASCII word is complete: ASCII characters that can
/// neither join it to more (`'`, `-`, `&`, `.`) nor make it an address
/// (`@`, `+`, `:`).
const PLAIN_WORD_ENDS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(b as u8, b'\'' | b'-' | b'&' | b'.' | b'@' | b'+' | b':');
        b += 1;
    }
    table
};

fn word_run(input: &str) -> usize {
    run_length(input, |b| WORD_BYTES[b as usize], is_word_char)
}

/// White space, and the byte-order mark, which some editors put at the start
/// of a file and which is no part of the text.
pub fn is_space_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '°' || c == 'º' || c == '_'
}

/// A word starting with the letter at `at`, or the address it begins.
fn word_or_address(text: &str, at: usize, local_part: &mut LocalPartRun) -> (usize, TokenKind) {
    let end = word_end(text, at);
    // An address starts like a word; look for one only where the word runs
    // into an '@', "://" or "www.".
    let (read, rest) = (&text[at..end], &text[end..]);
    let could_be_address = rest.starts_with('@')
        || (rest.starts_with(['.', '_', '-', '+']) && local_part.followed_by_at(text, end))
        || (rest.starts_with("://") && (read == "http" || read == "https"))
        || (read == "www" && rest.starts_with('.'));
    if could_be_address && let Ok((after, kind)) = url(&text[at..]) {
        return (text.len() - after.len(), kind);
    }
    (end, TokenKind::Word)
}

/// The run of characters an address's local part may hold (letters, digits,
/// `.`, `_`, `-`, `+`) that was last searched for an '@' after it. Every
/// word of "a.b.c.…" asks whether the run it stands in ends in an '@'; the
/// run is searched once, not once per word, which in a long run without a
/// space would take time quadratic in its length.
#[derive(Debug, Clone, Copy)]
struct LocalPartRun {
    /// Where the search started: the answer holds from here on.
    from: usize,
    /// Where the run ends.
    end: usize,
    /// Whether an '@' stands at `end`.
    followed_by_at: bool,
}

impl Default for LocalPartRun {
    fn default() -> LocalPartRun {
        LocalPartRun {
            from: usize::MAX,
            end: 0,
            followed_by_at: false,
        }
    }
}

impl LocalPartRun {
    /// Whether the run of local-part characters that starts at byte `at` of
    /// `text` is followed by an '@'. A start inside the run last searched
    /// reaches the same end, so the answer found then holds.
    fn followed_by_at(&mut self, text: &str, at: usize) -> bool {
        if !(self.from..=self.end).contains(&at) {
            let local_part = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
            let run = text[at..].trim_start_matches(local_part);
            self.from = at;
            self.end = text.len() - run.len();
            self.followed_by_at = run.starts_with('@');
        }
        self.followed_by_at
    }
}

/// Where the word that starts with the letter at `at` ends.
fn word_end(text: &str, at: usize) -> usize {
    let first_len = text[at..].chars().next().map_or(1, char::len_utf8);
    let mut end = at + first_len + word_run(&text[at + first_len..]);
    let mut segment = end - at;
    // A word continues through an apostrophe, hyphen or ampersand when a word
    // character follows: `don't`, `co-op`, `AT&T`. It continues through a dot
    // only in an initialism (`U.S`, `e.g`, `Ph.D`: short segments) or a
    // domain (`example.com`), never through the full stop of "that.The" or
    // "same.why", sentences typed without a space.
    loop {
        let joiner = match text.as_bytes().get(end) {
            Some(b'\'' | b'-' | b'&' | b'.') => 1,
            Some(0xe2) if text[end..].starts_with('’') => '’'.len_utf8(),
            // Most words end at a space: leave before reading further.
            _ => break,
        };
        let after = end + joiner;
        let next_len = word_run(&text[after..]);
        let joins = next_len > 0
            && (text.as_bytes()[end] != b'.'
                || (segment <= 2 && next_len <= 2)
                || is_domain_ending(&text[after..after + next_len]));
        if !joins {
            break;
        }
        segment = next_len;
        end = after + next_len;
    }
    end
}

/// Endings that make `word.ending` a domain name rather than two sentences.
fn is_domain_ending(segment: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "com", "org", "net", "gov", "edu", "int", "mil", "io", "uk", "us", "ca", "au", "de", "fr",
        "eu", "info", "biz", "co", "ie", "nz", "in",
    ];
    ENDINGS.contains(&segment)
}

/// Where the number that starts with the digit at `at` ends: digits, groups
/// of digits after a `.`, `,` or `:`, then any letters (`4.5bn`, `5th`).
fn number_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let digits_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| from + n)
    };
    let mut end = digits_end(at);
    while end + 1 < bytes.len()
        && matches!(bytes[end], b'.' | b',' | b':')
        && bytes[end + 1].is_ascii_digit()
    {
        end = digits_end(end + 1);
    }
    end + run_length(
        &text[end..],
        |b| b.is_ascii_alphabetic(),
        char::is_alphabetic,
    )
}

/// The markers that anonymised text puts where an address was removed
/// ("see __URL__"): they stand for an address, and count as one.
const ADDRESS_PLACEHOLDERS: [&str; 3] = ["__URL__", "[URL]", "<URL>"];

fn url(input: &str) -> IResult<&str, TokenKind> {
    let not_space = |c: char| !is_space_char(c) && !matches!(c, '"' | '“' | '”' | '<' | '>');
    let web = recognize((
        alt((tag("https://"), tag("http://"), tag("www."))),
        take_while1(not_space),
    ));
    let local = take_while1(|c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'));
    let domain = verify(
        take_while1(|c: char| c.is_alphanumeric() || matches!(c, '.' | '-')),
        |d: &str| d.contains('.') && !d.starts_with('.'),
    );
    let mail = recognize((local, one_char('@'), domain));
    let (_, found) = alt((web, mail)).parse(input)?;
    // Punctuation that closes a sentence or a bracket is not part of the address.
    let kept = found.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '’']);
    if kept.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((&input[kept.len()..], TokenKind::Url))
}

/// An ellipsis of full stops: three or more, or spaced ones (". . .").
/// (A run of `…` characters is read in `token_at`.)
fn ellipsis(input: &str) -> IResult<&str, TokenKind> {
    let unspaced = recognize(many_m_n(3, 255, one_char('.')));
    let spaced = recognize((
        one_char('.'),
        many_m_n(2, 255, preceded(one_char(' '), one_char('.'))),
    ));
    let (rest, found) = alt((spaced, unspaced)).parse(input)?;
    let dots = found.bytes().filter(|&b| b == b'.').count();
    let spaced = found.contains(' ');
    Ok((
        rest,
        TokenKind::Ellipsis {
            dots: dots.min(255) as u8,
            spaced,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text, 0)
            .into_iter()
            .filter(|t| !t.is_space())
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    /// The tokenizer as it was before the byte-level scanner: a nom parser
    /// per token. The scanner must read every text exactly as it did.
    mod reference {
        use super::super::{
            ADDRESS_PLACEHOLDERS, Token, TokenKind, WORD_BYTES, is_domain_ending, is_space_char,
            is_word_char, run_length, url, word_run,
        };
        use nom::{
            IResult, Parser,
            branch::alt,
            bytes::complete::{take_while, take_while1},
            character::complete::{anychar, char as one_char, satisfy},
            combinator::recognize,
            multi::{many_m_n, many1},
            sequence::preceded,
        };

        /// Splits `text` into tokens whose spans are offsets into `text` plus `base`.
        pub(super) fn tokenize(text: &str, base: usize) -> Vec<Token> {
            // Prose averages a token (word, space or mark) every two to three bytes.
            let mut tokens = Vec::with_capacity(text.len() / 2 + 1);
            let mut rest = text;
            while !rest.is_empty() {
                let start = text.len() - rest.len();
                // `token` always consumes at least one character, so this terminates.
                let (after, kind) = match token(rest) {
                    Ok(parsed) => parsed,
                    Err(_) => {
                        let c = rest.chars().next().unwrap_or(' ');
                        (&rest[c.len_utf8()..], TokenKind::Punct(c))
                    }
                };
                let end = text.len() - after.len();
                tokens.push(Token {
                    kind,
                    start: base + start,
                    end: base + end,
                });
                rest = after;
            }
            tokens
        }

        /// Reads one token. The first character picks the parser, so each byte is
        /// looked at by one parser rather than by each in turn.
        fn token(input: &str) -> IResult<&str, TokenKind> {
            // Fast paths for the commonest tokens: a single space between words, and
            // an ASCII punctuation mark that cannot start an ellipsis.
            let bytes = input.as_bytes();
            if matches!(bytes.first(), Some(b'_' | b'[' | b'<'))
                && let Some(marker) = ADDRESS_PLACEHOLDERS.iter().find(|m| input.starts_with(**m))
            {
                return Ok((&input[marker.len()..], TokenKind::Url));
            }
            if let Some(length) = plain_ascii_word(bytes) {
                return Ok((&input[length..], TokenKind::Word));
            }
            match bytes.first() {
                Some(b' ') if !bytes.get(1).is_some_and(|&b| is_space_char(b as char)) => {
                    return Ok((&input[1..], TokenKind::Space { newlines: 0 }));
                }
                Some(&b) if b.is_ascii_punctuation() && b != b'.' => {
                    return Ok((&input[1..], TokenKind::Punct(b as char)));
                }
                _ => {}
            }
            let Some(first) = input.chars().next() else {
                return punct(input);
            };
            if is_space_char(first) {
                space(input)
            } else if first.is_ascii_digit() {
                number(input)
            } else if first.is_alphabetic() {
                let (rest, kind) = word(input)?;
                // An address starts like a word; look for one only where the word
                // runs into an '@', "://" or "www.".
                let read = &input[..input.len() - rest.len()];
                let local_part =
                    |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
                let could_be_address = rest.starts_with('@')
                    || (rest.starts_with(['.', '_', '-', '+'])
                        && rest.trim_start_matches(local_part).starts_with('@'))
                    || (rest.starts_with("://") && (read == "http" || read == "https"))
                    || (read == "www" && rest.starts_with('.'));
                if could_be_address && let Ok(address) = url(input) {
                    return Ok(address);
                }
                Ok((rest, kind))
            } else if first == '.' || first == '…' {
                alt((ellipsis, punct)).parse(input)
            } else {
                punct(input)
            }
        }

        fn space(input: &str) -> IResult<&str, TokenKind> {
            // `char::is_whitespace`, unlike `u8::is_ascii_whitespace`, counts the
            // vertical tab; every test of white space here must agree with it.
            let length = run_length(input, |b| is_space_char(b as char), is_space_char);
            if length == 0 {
                return Err(nom::Err::Error(nom::error::Error::new(
                    input,
                    nom::error::ErrorKind::Space,
                )));
            }
            let newlines = input.as_bytes()[..length]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Ok((
                &input[length..],
                TokenKind::Space {
                    newlines: newlines.min(u16::MAX as usize) as u16,
                },
            ))
        }

        /// The length of the word at the start of `bytes` when it is the commonest
        /// token of all: ASCII word characters, starting with a letter, then the
        /// end of the text or an ASCII character that can neither join the word to
        /// more (`'`, `-`, `&`, `.`) nor make it an address (`@`, `+`, `:`). Any
        /// other word is left to [`word`] and [`url`], which read it the same way
        /// when it is plain.
        fn plain_ascii_word(bytes: &[u8]) -> Option<usize> {
            if !bytes.first()?.is_ascii_alphabetic() {
                return None;
            }
            let length = bytes
                .iter()
                .position(|&b| !(b.is_ascii() && WORD_BYTES[b as usize]))
                .unwrap_or(bytes.len());
            let plain_end = bytes.get(length).is_none_or(|&next| {
                next.is_ascii() && !matches!(next, b'\'' | b'-' | b'&' | b'.' | b'@' | b'+' | b':')
            });
            plain_end.then_some(length)
        }

        fn word(input: &str) -> IResult<&str, TokenKind> {
            let first = input.chars().next().filter(|c| c.is_alphabetic());
            let Some(first) = first else {
                return Err(nom::Err::Error(nom::error::Error::new(
                    input,
                    nom::error::ErrorKind::Alpha,
                )));
            };
            let after_first = &input[first.len_utf8()..];
            let mut rest = &after_first[word_run(after_first)..];
            let mut segment = input.len() - rest.len();
            // A word continues through an apostrophe, hyphen or ampersand when a word
            // character follows: `don't`, `co-op`, `AT&T`. It continues through a dot
            // only in an initialism (`U.S`, `e.g`, `Ph.D`: short segments) or a
            // domain (`example.com`), never through the full stop of "that.The" or
            // "same.why", sentences typed without a space.
            loop {
                let mut chars = rest.chars();
                let (Some(joiner), Some(next)) = (chars.next(), chars.next()) else {
                    break;
                };
                // Most words end at a space: leave before reading the next word.
                if !matches!(joiner, '\'' | '’' | '-' | '&' | '.') || !is_word_char(next) {
                    break;
                }
                let after = &rest[joiner.len_utf8()..];
                let next_len = word_run(after);
                let tail = &after[next_len..];
                let joins = match joiner {
                    '\'' | '’' | '-' | '&' => true,
                    '.' => (segment <= 2 && next_len <= 2) || is_domain_ending(&after[..next_len]),
                    _ => false,
                };
                if !joins {
                    break;
                }
                segment = next_len;
                rest = tail;
            }
            Ok((rest, TokenKind::Word))
        }

        fn number(input: &str) -> IResult<&str, TokenKind> {
            let digits = || take_while1(|c: char| c.is_ascii_digit());
            let separated = preceded(satisfy(|c| matches!(c, '.' | ',' | ':')), digits());
            let (rest, _) = recognize((
                digits(),
                nom::multi::many0(separated),
                take_while(char::is_alphabetic),
            ))
            .parse(input)?;
            Ok((rest, TokenKind::Number))
        }

        fn ellipsis(input: &str) -> IResult<&str, TokenKind> {
            let unspaced = recognize(many_m_n(3, 255, one_char('.')));
            let spaced = recognize((
                one_char('.'),
                many_m_n(2, 255, preceded(one_char(' '), one_char('.'))),
            ));
            let single = recognize(many1(one_char('…')));
            let (rest, found) = alt((spaced, unspaced, single)).parse(input)?;
            let dots = found.chars().filter(|&c| c == '.').count()
                + 3 * found.chars().filter(|&c| c == '…').count();
            let spaced = found.contains(' ');
            Ok((
                rest,
                TokenKind::Ellipsis {
                    dots: dots.min(255) as u8,
                    spaced,
                },
            ))
        }

        fn punct(input: &str) -> IResult<&str, TokenKind> {
            let (rest, c) = anychar(input)?;
            Ok((rest, TokenKind::Punct(c)))
        }
    }

    /// The texts the scanner is checked on against the reference: each
    /// tricky case, and many pseudo-random strings of the characters that
    /// decide tokens.
    fn tricky_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            " ",
            "  ",
            "a",
            "word",
            "word x",
            "abc_12 x",
            "Word, then",
            "Runs of words, with marks. Between them! And? not; all: of' them- read& so@ x+ y",
            "a, b. C! d? e; f: g' h- i& j@ k+ l) m\" n( o/ p* q= r% s$ t# u~ v^ w` x| y} z{ A] B> C\x01 D\x7f E",
            "a. .b c.. d, .e f. . g h [x i <y j _z k 1 l\tm n\no p  q r,  s t.\u{a0}u v, é w",
            "x!",
            "it's",
            "co-op",
            "AT&T",
            "U.S",
            "U.S.",
            "e.g. x",
            "Ph.D",
            "gov.uk",
            "that.The",
            "same.why",
            "jane@x.org",
            "a+b@x.org",
            "Jane.Doe@example.com.",
            "a.b.c@d",
            "x@",
            "x@.org",
            "http://x",
            "https://example.org/a.html.",
            "http:/x",
            "httpx://y",
            "www.x.org)",
            "www",
            "www.",
            "café",
            "don’t",
            "don’",
            "1st",
            "$100.00 12,000 4.5bn 122mm 5th 1.",
            "1.",
            "1..2",
            "1,,2",
            "3:45pm",
            "7.15 a.m.",
            "5ème",
            "12\u{661}",
            "that.... She . . . he… x",
            ". . . .",
            ". .",
            "..",
            "...",
            ". . x",
            "…………",
            "….",
            ". . . . . . . . . .",
            "a \u{a0}b",
            " \u{a0}\n\n",
            "\n\n\n",
            "\r\n\r\n",
            "a\u{b}b",
            "a\u{c}b",
            "a\u{feff}b",
            "\u{feff}First",
            "\u{2003}x\u{2028}",
            "__URL__. [URL] <URL>, __URLS _x [x <x",
            "\x00\x1f\x7f",
            "N°. 5 º",
            "°C",
            "«Quote» — dash – “x” ‘y’",
            "x-",
            "x'",
            "x&",
            "x.",
            "x-y-z",
            "x--y",
            "x'-y",
            "\u{3042}\u{3044}",
            "Straße",
            "ΑΒΓ.δε",
            "مرحبا",
            "a\u{300}b",
            "\u{1f600}x",
            "AB.CD.EF",
            "ab.cde",
            "a.bc.d",
            "x.com.",
            "x.co",
            "a.in",
            "in.a",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push(".".repeat(300));
        texts.push(". ".repeat(300));
        texts.push("…".repeat(100));
        let alphabet: Vec<char> =
            "aZ09 .,:'-&@+_/\n\t\r\u{b}\u{a0}\u{feff}…’°ºé€\u{2003}wh[<>(\"!?"
                .chars()
                .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next() % 12 {
                // Whole pieces now and then, so that addresses, domains and
                // spaced ellipses form.
                let pick = next();
                match pick % 23 {
                    0 => text.push_str("www."),
                    1 => text.push_str("http"),
                    2 => text.push_str("://"),
                    3 => text.push_str("com"),
                    4 => text.push_str("__URL__"),
                    5 => text.push_str(". . "),
                    _ => text.push(alphabet[pick / 23 % alphabet.len()]),
                }
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn the_scanner_reads_as_the_reference_parser() {
        reads_as_the_reference_parser(tricky_texts(), 7);
    }

    /// Asserts that each text is tokenized, with spans from `base`, as the
    /// reference parser tokenizes it.
    fn reads_as_the_reference_parser(texts: Vec<String>, base: usize) {
        for text in texts {
            assert_eq!(
                tokenize(&text, base),
                reference::tokenize(&text, base),
                "{text:?}"
            );
            assert_eq!(
                scan(&text).word_count,
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_ascii_byte_reads_as_the_reference_parser() {
        // The scanner's loop reads tokens by their first byte (`STARTS`);
        // each ASCII byte, alone and among others, must read as the
        // reference reads it.
        let mut texts = Vec::new();
        for b in 0..128u8 {
            let c = b as char;
            for piece in ["", "x", "X", " ", ".", "..", "1", "\n"] {
                texts.push(format!("{c}{piece}"));
                texts.push(format!("{piece}{c}"));
                texts.push(format!("a{c}{piece}b {c} {c}{c}"));
            }
        }
        reads_as_the_reference_parser(texts, 0);
    }

    #[test]
    fn runs_that_may_be_an_address_read_as_the_reference_parser() {
        // Each word of such a run asks whether the run ends in an '@'; the
        // answer is kept for the run (see `LocalPartRun`).
        let mut texts = vec![
            "abc.".repeat(300),
            "abc+".repeat(300) + "@example.org is mine",
            "x.y-z_w+v@host.com, then a.b.c. d@e.org and a.b@".to_string(),
            "Word.another_word-more+tail@ and word.".to_string(),
            "é.ü-ß+a@b.de à.b".to_string(),
            // A run with no '@', then one with: each is searched afresh.
            "ab_cd ef_gh@x.org".to_string(),
            "one+two three+four@x.org five+six".to_string(),
        ];
        texts.extend(
            ["a.", "ab-", "a_b+", "x.y@z.org "]
                .iter()
                .map(|piece| piece.repeat(50)),
        );
        reads_as_the_reference_parser(texts, 0);
    }

    #[test]
    fn the_scan_notes_what_noting_again_finds() {
        for text in tricky_texts() {
            let scan = scan(&text);
            let mut again = scan.clone();
            again.note_again(&text);
            assert_eq!(scan.line_breaks, again.line_breaks, "{text:?}");
            assert_eq!(scan.sentence_marks, again.sentence_marks, "{text:?}");
            assert_eq!(
                scan.long_spaced_ellipsis, again.long_spaced_ellipsis,
                "{text:?}"
            );
            assert_eq!(scan.word_count, text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn word_runs_end_where_a_byte_at_a_time_ends_them() {
        for byte in 0..=255u8 {
            for lane in 0..10 {
                let mut block = *b"aZ09_xyzab";
                block[lane] = byte;
                // The text ending in the block, just after it and well after it.
                for tail in ["", " ", "abcdefgh.", "é"] {
                    let text = [&block[..], tail.as_bytes()].concat();
                    for from in 0..text.len() {
                        let one_at_a_time = (from..text.len())
                            .find(|&i| !WORD_BYTES[text[i] as usize])
                            .unwrap_or(text.len());
                        assert_eq!(ascii_word_end(&text, from), one_at_a_time, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_white_space_character_is_space() {
        for text in [
            "a\u{b}b",
            "a\u{c}b",
            "a\u{feff}b",
            "a\u{a0}b",
            "https://a.org\u{feff}b",
        ] {
            let found = kinds(text);
            assert_eq!(found.len(), 2, "{text:?}: {found:?}");
        }
    }

    #[test]
    fn tokens_tile_the_text() {
        let text = "He said: “£4.5bn isn’t enough…” See https://example.org/a.html.";
        let tokens = tokenize(text, 0);
        let mut at = 0;
        for t in &tokens {
            assert_eq!(t.start, at);
            at = t.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_dots() {
        let found = kinds("isn’t well-known U.S. N°. 5 that.The same.why Ph.D gov.uk");
        assert_eq!(found[0], ("isn’t", TokenKind::Word));
        assert_eq!(found[1], ("well-known", TokenKind::Word));
        assert_eq!(found[2], ("U.S", TokenKind::Word));
        assert_eq!(found[3], (".", TokenKind::Punct('.')));
        assert_eq!(found[4], ("N°", TokenKind::Word));
        assert_eq!(found[7], ("that", TokenKind::Word));
        assert_eq!(found[8], (".", TokenKind::Punct('.')));
        assert_eq!(found[10].0, "same");
        assert_eq!(found[13], ("Ph.D", TokenKind::Word));
        assert_eq!(found[14], ("gov.uk", TokenKind::Word));
    }

    #[test]
    fn numbers_take_separators_and_units() {
        let found = kinds("$100.00 12,000 4.5bn 122mm 5th 1.");
        let texts: Vec<_> = found.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            texts,
            ["$", "100.00", "12,000", "4.5bn", "122mm", "5th", "1", "."]
        );
        assert_eq!(found[1].1, TokenKind::Number);
    }

    #[test]
    fn ellipses_spaced_and_unspaced() {
        let found = kinds("that.... She . . . he… x");
        assert_eq!(
            found[1],
            (
                "....",
                TokenKind::Ellipsis {
                    dots: 4,
                    spaced: false
                }
            )
        );
        assert_eq!(
            found[3],
            (
                ". . .",
                TokenKind::Ellipsis {
                    dots: 3,
                    spaced: true
                }
            )
        );
        assert_eq!(
            found[5],
            (
                "…",
                TokenKind::Ellipsis {
                    dots: 3,
                    spaced: false
                }
            )
        );
    }

    #[test]
    fn addresses_drop_trailing_punctuation() {
        let found = kinds("Mail Jane.Doe@example.com. Or www.example.50.com/a_b.html.");
        assert_eq!(found[1], ("Jane.Doe@example.com", TokenKind::Url));
        assert_eq!(found[2].0, ".");
        assert_eq!(found[4], ("www.example.50.com/a_b.html", TokenKind::Url));
    }

    #[test]
    fn placeholders_of_removed_addresses_are_addresses() {
        let found = kinds("See __URL__. And [URL] or <URL>, not __URLS");
        assert_eq!(found[1], ("__URL__", TokenKind::Url));
        assert_eq!(found[2].0, ".");
        assert_eq!(found[4], ("[URL]", TokenKind::Url));
        assert_eq!(found[6], ("<URL>", TokenKind::Url));
        assert!(found.iter().all(|(t, _)| *t != "__URLS"), "{found:?}");
    }
}
