//! The project's own gold format, `warrant-gold 1` (see corpus/README.md):
//! one line per sentence, `ROLE/KIND<TAB>sentence text`, blank lines between
//! paragraphs.

use crate::labels::{Kind, Role};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub role: Role,
    pub kind: Kind,
}

/// Reads `gold` (the contents of the gold file at `path`) against `text`,
/// locating each sentence by searching forward.
pub fn parse(path: &Path, gold: &str, text: &str) -> Result<Vec<GoldSentence>, String> {
    let mut lines = gold.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim() == "# warrant-gold 1" => {}
        _ => {
            return Err(format!(
                "{}:1: the first line must be `# warrant-gold 1`",
                path.display()
            ));
        }
    }
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut at = 0;
    let mut after_blank = false;
    for (n, line) in lines {
        let where_ = || format!("{}:{}", path.display(), n + 1);
        if line.trim().is_empty() {
            after_blank = !sentences.is_empty();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (label, sentence) = line
            .split_once('\t')
            .ok_or_else(|| format!("{}: expected ROLE/KIND, a tab, then the sentence", where_()))?;
        let (role, kind) = label
            .split_once('/')
            .ok_or_else(|| format!("{}: expected ROLE/KIND, found `{label}`", where_()))?;
        let role =
            Role::from_name(role).ok_or_else(|| format!("{}: unknown role `{role}`", where_()))?;
        let kind =
            Kind::from_name(kind).ok_or_else(|| format!("{}: unknown kind `{kind}`", where_()))?;
        if kind.role() != role {
            return Err(format!(
                "{}: `{kind}` is a kind of {}, not of {role}",
                where_(),
                kind.role()
            ));
        }
        let sentence = sentence.trim();
        let found = text[at..].find(sentence).ok_or_else(|| {
            format!(
                "{}: sentence not found in the text after byte {at}: {sentence}",
                where_()
            )
        })?;
        if after_blank {
            paragraph += 1;
            after_blank = false;
        }
        let start = at + found;
        at = start + sentence.len();
        sentences.push(GoldSentence {
            start,
            end: at,
            paragraph,
            role,
            kind,
        });
    }
    Ok(sentences)
}

/// Reads `SLUG.gold` beside `SLUG.txt`: the text and its gold sentences.
pub fn read(txt: &Path) -> Result<(String, Vec<GoldSentence>), String> {
    let text = std::fs::read_to_string(txt).map_err(|e| format!("{}: {e}", txt.display()))?;
    let gold_path = txt.with_extension("gold");
    let gold =
        std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let sentences = parse(&gold_path, &gold, &text)?;
    Ok((text, sentences))
}
