//! Precision, recall and F1 per class from (gold, predicted) pairs.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClassScore {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl ClassScore {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Gold items of this class.
    pub fn support(&self) -> usize {
        self.true_positives + self.false_negatives
    }
}

/// `a / b`, or 0 when there is nothing to count.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Per-class counts over a set of classes fixed in advance; a prediction
/// outside the set (or none) is a miss for the gold class.
#[derive(Debug, Clone, Default)]
pub struct Confusion {
    pub classes: BTreeMap<String, ClassScore>,
    pub pairs: BTreeMap<(String, String), usize>,
}

impl Confusion {
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(classes: I) -> Confusion {
        Confusion {
            classes: classes
                .into_iter()
                .map(|c| (c.into(), ClassScore::default()))
                .collect(),
            pairs: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, gold: &str, predicted: Option<&str>) {
        let predicted = predicted.unwrap_or("(none)");
        *self
            .pairs
            .entry((gold.to_string(), predicted.to_string()))
            .or_default() += 1;
        if gold == predicted {
            if let Some(c) = self.classes.get_mut(gold) {
                c.true_positives += 1;
            }
            return;
        }
        if let Some(c) = self.classes.get_mut(gold) {
            c.false_negatives += 1;
        }
        if let Some(c) = self.classes.get_mut(predicted) {
            c.false_positives += 1;
        }
    }

    pub fn f1(&self, class: &str) -> f64 {
        self.classes.get(class).map_or(0.0, ClassScore::f1)
    }

    /// The unweighted mean F1 over the classes that occur in the gold data.
    pub fn macro_f1(&self) -> f64 {
        let present: Vec<f64> = self
            .classes
            .values()
            .filter(|c| c.support() > 0)
            .map(ClassScore::f1)
            .collect();
        if present.is_empty() {
            0.0
        } else {
            present.iter().sum::<f64>() / present.len() as f64
        }
    }

    pub fn accuracy(&self) -> f64 {
        let total: usize = self.pairs.values().sum();
        let right: usize = self
            .pairs
            .iter()
            .filter(|((g, p), _)| g == p)
            .map(|(_, n)| n)
            .sum();
        ratio(right, total)
    }

    /// A plain-text table: class, P, R, F1, support.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<12} {:>6} {:>6} {:>6} {:>7}\n",
            "class", "P", "R", "F1", "gold"
        );
        for (name, c) in &self.classes {
            out.push_str(&format!(
                "{:<12} {:>6.3} {:>6.3} {:>6.3} {:>7}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.support()
            ));
        }
        out.push_str(&format!("{:<12} {:>20.3}\n", "macro-F1", self.macro_f1()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_precision_recall_and_macro_f1() {
        let mut c = Confusion::new(["a", "b"]);
        c.add("a", Some("a"));
        c.add("a", Some("b"));
        c.add("b", Some("b"));
        c.add("b", None);
        assert_eq!(
            c.classes["a"],
            ClassScore {
                true_positives: 1,
                false_positives: 0,
                false_negatives: 1
            }
        );
        assert_eq!(c.classes["b"].precision(), 0.5);
        assert_eq!(c.classes["b"].recall(), 0.5);
        assert!((c.macro_f1() - (2.0 / 3.0 + 0.5) / 2.0).abs() < 1e-9);
        assert_eq!(c.accuracy(), 0.5);
    }
}
