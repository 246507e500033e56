//! Tokens: the one pass over the characters of a piece of text.
//!
//! Both the sentence splitter and the cue matcher work on tokens rather than on
//! bytes, so the text is scanned once and every later decision is a look at a
//! handful of neighbouring tokens. The scanner is a nom parser over `&str`;
//! word characters are decided with `char::is_alphanumeric`, not nom's ASCII
//! helpers, because prose is not ASCII.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{anychar, char as one_char, satisfy},
    combinator::{recognize, verify},
    multi::{many_m_n, many1},
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
        let local_part = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
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

/// ASCII bytes that continue a word, as a table: the tokenizer's hottest test.
const WORD_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
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

/// Endings that make `word.ending` a domain name rather than two sentences.
fn is_domain_ending(segment: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "com", "org", "net", "gov", "edu", "int", "mil", "io", "uk", "us", "ca", "au", "de", "fr",
        "eu", "info", "biz", "co", "ie", "nz", "in",
    ];
    ENDINGS.contains(&segment)
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
    fn the_plain_word_shortcut_reads_as_the_word_parser() {
        for text in ["word", "word x", "abc_12 x", "Word, then", "x!"] {
            let length = plain_ascii_word(text.as_bytes());
            assert_eq!(
                length.map(|n| &text[n..]),
                word(text).ok().map(|(rest, _)| rest),
                "{text:?}"
            );
            assert!(url(text).is_err(), "{text:?}");
        }
        // Words that may go on, or be an address, or hold other characters.
        for text in [
            "it's",
            "co-op",
            "AT&T",
            "U.S",
            "jane@x.org",
            "a+b@x.org",
            "http://x",
            "café",
            "don’t",
            "1st",
        ] {
            assert_eq!(plain_ascii_word(text.as_bytes()), None, "{text:?}");
        }
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
