//! Items grouped by a small key, group after group in one list: the
//! relations into each unit, the links out of each node.

use std::ops::Range;

/// The indexes of a list's items grouped by their keys, each group in the
/// items' order (a counting sort): one list for all the groups rather than
/// a list for each.
#[derive(Debug, Clone, Default)]
pub struct Grouped {
    /// The items' indexes, the group of key 0 first.
    items: Vec<usize>,
    /// Where each key's group begins in `items`, and then where the last
    /// one ends.
    first: Vec<usize>,
}

impl Grouped {
    /// The items whose keys, each below `keys`, are `key_of`, in order.
    pub fn by(keys: usize, key_of: impl Iterator<Item = usize> + Clone) -> Grouped {
        let mut first = vec![0; keys + 1];
        for key in key_of.clone() {
            first[key + 1] += 1;
        }
        for key in 0..keys {
            first[key + 1] += first[key];
        }
        let mut filled = first.clone();
        let mut items = vec![0; first[keys]];
        for (item, key) in key_of.enumerate() {
            items[filled[key]] = item;
            filled[key] += 1;
        }
        Grouped { items, first }
    }

    /// Where the group of `key` lies in `items`; empty for a key past the
    /// last.
    fn span(&self, key: usize) -> Range<usize> {
        match (self.first.get(key), self.first.get(key + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }

    /// The items of `key`, in their order.
    pub fn of(&self, key: usize) -> &[usize] {
        &self.items[self.span(key)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_grouped_by_key_in_their_order() {
        let keys = [2, 0, 2, 3, 0, 2];
        let grouped = Grouped::by(5, keys.iter().copied());
        assert_eq!(grouped.of(0), [1, 4]);
        assert_eq!(grouped.of(1), [] as [usize; 0]);
        assert_eq!(grouped.of(2), [0, 2, 5]);
        assert_eq!(grouped.of(3), [3]);
        assert_eq!(grouped.of(4), [] as [usize; 0]);
        assert_eq!(grouped.of(5), [] as [usize; 0]);
        assert_eq!(grouped.items, [1, 4, 0, 2, 5, 3]);
        assert_eq!(grouped.span(2), 2..5);
        assert_eq!(Grouped::default().of(0), [] as [usize; 0]);
    }
}
