//! Words as `str::split_whitespace` counts them (as `wc -w` does): runs of
//! characters that are not white space. The scanner counts them on its way
//! through the text (`Scan::word_count`); this count of its own is for the text
//! it cannot (one with a byte-order mark), and the measure it is tested by.

use super::lanes;

/// The number of words in `text`, counted as `text.split_whitespace()` counts
/// them but eight bytes at a time: decoding every character took about 5% of
/// a batch run.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut after_space = true;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(block) = bytes.get(at..at + 8) {
            let block = u64::from_le_bytes(block.try_into().expect("eight bytes"));
            if may_start_wide_space(block) == 0 {
                let spaces = ascii_spaces(block);
                let starts = !spaces & ((spaces << 8) | if after_space { 0x80 } else { 0 });
                words += lanes::count_marks(starts);
                after_space = spaces >> 63 != 0;
                at += 8;
                continue;
            }
        }
        // A block that may hold a non-ASCII space, or the last few bytes: a
        // character at a time, to the end of the block or of the character
        // that crosses it.
        let end = (at + 8).min(bytes.len());
        while at < end {
            let byte = bytes[at];
            let (space, width) = if byte == 0xC2 || byte & 0xFC == 0xE0 {
                let c = text[at..]
                    .chars()
                    .next()
                    .expect("a lead byte starts a character");
                (c.is_whitespace(), c.len_utf8())
            } else {
                (byte == b' ' || byte.wrapping_sub(b'\t') < 5, 1)
            };
            words += usize::from(after_space && !space);
            after_space = space;
            at += width;
        }
    }
    words
}

/// Marks the bytes of `block` that are ASCII white space: a space or
/// U+0009–U+000D, the ASCII characters `char::is_whitespace` accepts.
fn ascii_spaces(block: u64) -> u64 {
    let low_bits = block & !lanes::MARKS;
    let control_space = lanes::at_least(low_bits, b'\t') & !lanes::at_least(low_bits, b'\r' + 1);
    lanes::equal_to(block, b' ') | (control_space & !block)
}

/// Marks the bytes of `block` that may start a non-ASCII white-space
/// character: 0xC2 (U+0085, U+00A0) and 0xE0–0xE3 (U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000, and some non-spaces).
fn may_start_wide_space(block: u64) -> u64 {
    lanes::equal_to(block, 0xC2) | lanes::equal_to(block & (0xFC * lanes::ONES), 0xE0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::scan;

    /// Asserts that both counts, this module's and the scanner's, are
    /// `split_whitespace`'s.
    fn counted_right(text: &str) {
        let expected = text.split_whitespace().count();
        assert_eq!(count(text), expected, "{text:?}");
        assert_eq!(scan(text).word_count, expected, "scan: {text:?}");
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        // Every white-space character, near misses that share their lead bytes
        // (U+00A9 ©, U+2019 ’, U+1681, U+3001 、) and the controls U+001C–U+001F,
        // which are not white space in Rust.
        let pieces = [
            "word", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{A0}", "\u{1680}",
            "\u{2000}", "\u{2005}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
            "\u{3000}", "\u{A9}", "\u{2019}", "\u{1681}", "\u{3001}", "\u{1C}", "\u{1F}", "é",
            "漢字", "🙂", "a", "\u{8}", "\u{E}", "\u{89}", "ab", "abcdefg",
            // What the scanner reads as one token though it holds white
            // space or is none: spaced ellipses, the byte-order mark.
            ". . .", ". . . .", ".", "\u{FEFF}", "x@y.org", "www.x",
        ];
        // Every string of up to three pieces.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            counted_right(text);
        }
        for file in std::fs::read_dir("corpus").expect("the corpus") {
            let path = file.expect("a corpus entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                counted_right(&std::fs::read_to_string(path).expect("a corpus article"));
            }
        }
        // Every character, at each place in an eight-byte block.
        for c in '\0'..=char::MAX {
            for before in ["", "a", "abcdefg", " ", "abcdefgh "] {
                counted_right(&format!("{before}{c}x{c}{c} y"));
            }
        }
    }
}
