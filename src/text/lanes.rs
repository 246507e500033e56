//! Eight bytes of text at a time: the bytes read as one little-endian `u64`
//! and tested all at once in a few arithmetic instructions, where a loop
//! would branch on each. A test marks the bytes that pass by setting their
//! high bit.

/// 0x01 in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte: where the tests put their marks.
pub const MARKS: u64 = 0x8080_8080_8080_8080;

/// Marks the bytes of `word` that are `k` or more. Every byte of `word` must
/// be below 0x80 (mask with `!MARKS` first).
pub fn at_least(word: u64, k: u8) -> u64 {
    // Adding 0x80 - k to a byte below 0x80 sets its high bit when it is k
    // or more, and carries into no other byte.
    word.wrapping_add(ONES * u64::from(0x80 - k)) & MARKS
}

/// Marks the bytes of `word` that are ASCII letters or digits. Every byte of
/// `word` must be below 0x80 (mask with `!MARKS` first).
pub fn ascii_alphanumeric(word: u64) -> u64 {
    // Setting bit 5 folds capitals onto small letters, and no other byte
    // onto one.
    let folded = word | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(word, b'0') & !at_least(word, b'9' + 1);
    letter | digit
}

/// Marks the bytes of `word` that are `byte`.
pub fn equal_to(word: u64, byte: u8) -> u64 {
    let differ = word ^ (ONES * u64::from(byte));
    // A byte that differs has a high bit, or low bits that adding 0x7F
    // carries into its high bit (and no further).
    !(((differ & !MARKS) + !MARKS) | differ) & MARKS
}

/// Bit i for each byte i of `marks` that is marked. `marks` holds marks
/// only (high bits), as the tests return them.
pub fn mark_bits(marks: u64) -> u64 {
    // Each mark moved to bit 56 + i by one multiplication (the partial
    // products fall on distinct bits, so nothing carries), then down.
    (marks >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks a byte-by-byte `test` gives `word`'s bytes.
    fn marked(word: [u8; 8], test: impl Fn(u8) -> bool) -> u64 {
        word.iter()
            .enumerate()
            .map(|(i, &b)| u64::from(test(b)) << (8 * i + 7))
            .sum()
    }

    #[test]
    fn every_byte_in_every_lane_is_tested_as_one_at_a_time() {
        for byte in 0..=255u8 {
            for lane in 0..8 {
                let mut word = *b"a'0 Z\x7f\x01:";
                word[lane] = byte;
                let number = u64::from_le_bytes(word);
                for other in [0, b' ', b'\t', 0x7f, 0x80, 0xC2, 0xFF] {
                    assert_eq!(equal_to(number, other), marked(word, |b| b == other));
                }
                let low = number & !MARKS;
                let low_bytes = low.to_le_bytes();
                for k in [0, 1, b'\t', b'0', b'a', b'z' + 1, 0x7f, 0x80] {
                    assert_eq!(at_least(low, k), marked(low_bytes, |b| b >= k));
                }
                assert_eq!(
                    ascii_alphanumeric(low),
                    marked(low_bytes, |b| b.is_ascii_alphanumeric())
                );
                let marks = marked(word, |b| b >= 0x80);
                let bits = word
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| u64::from(b >= 0x80) << i)
                    .sum::<u64>();
                assert_eq!(mark_bits(marks), bits);
            }
        }
    }
}
