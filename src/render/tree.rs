//! The argument tree (`warrant tree`): each main claim at the root of its
//! own tree, thesis first, with the units that support or attack it nested
//! beneath and the connective or inference that links them on each branch.
//! Units that no tree reaches are listed last, under "Not attached:".
//!
//! The support graph is not a tree: a unit may support several others, and
//! support may run in a circle. So each unit is drawn in full once, at its
//! *home*, preferably beneath the unit it attaches to (its first relation),
//! and every other relation to it is a one-line reference ("→ see unit 7").
//! Every line is fitted to a width counted in characters, the tree's
//! indentation included: the unit's text gives way first, ending in "…".

use crate::analysis::Analysis;
use crate::graph::{Relation, RelationKind};
use crate::labels::Role;
use crate::lint::Severity;
use crate::render::human::paint_role;
use colored::{ColoredString, Colorize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use termtree::Tree;

/// Characters of indentation per level of nesting: termtree draws "├── ",
/// "└── ", "│   " or four spaces.
const INDENT: usize = 4;

/// The least room a nested unit's line is given. A branch that would nest
/// deeper than the width allows is cut there and continues as a tree of its
/// own after the one it came from, so that no line outgrows the width.
const MIN_ROOM: usize = 40;

/// The argument tree of `analysis`: one tree a main claim, then the units
/// not attached, the blocks apart by a blank line; every line at most
/// `width` characters.
pub fn render(analysis: &Analysis, width: usize) -> String {
    if analysis.units.is_empty() {
        return format!("{}: no units, so no argument to draw\n", analysis.file);
    }
    let layout = Layout::of(analysis);
    let mut drawing = Drawing::new(analysis, &layout, width);
    let mut blocks: Vec<String> = analysis
        .main_claims
        .iter()
        .map(|&claim| drawing.tree_with_continuations(claim))
        .collect();
    if !layout.unattached.is_empty() {
        let mut block = format!("{}\n", "Not attached:".bold());
        for &unit in &layout.unattached {
            block.push_str(&drawing.tree_with_continuations(unit));
        }
        blocks.push(block);
    }
    blocks.join("\n")
}

/// Where a unit is drawn in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Home {
    /// Not yet decided (only while the layout is being made).
    Undecided,
    /// The root of a tree: a main claim, with its rank from 0.
    MainClaim(usize),
    /// The root of a tree under "Not attached:".
    Unattached,
    /// Beneath the target of this relation (an index into the relations).
    Under(usize),
}

struct Layout {
    home: Vec<Home>,
    /// The roots of the trees under "Not attached:", in the order found.
    unattached: Vec<usize>,
}

impl Layout {
    fn of(analysis: &Analysis) -> Layout {
        let units = analysis.units.len();
        let relations = &analysis.relations;
        let attachment = attachments(analysis);
        let mut settler = Settler {
            home: vec![Home::Undecided; units],
            attached_to: vec![Vec::new(); units],
            related_to: vec![Vec::new(); units],
            by_attachment: BinaryHeap::new(),
            by_relation: BinaryHeap::new(),
        };
        for (unit, r) in attachment.iter().enumerate() {
            if let Some(r) = r {
                settler.attached_to[relations[*r].to].push(unit);
            }
        }
        for (r, relation) in relations.iter().enumerate() {
            settler.related_to[relation.to].push(r);
        }
        for (rank, &claim) in analysis.main_claims.iter().enumerate() {
            settler.place(claim, Home::MainClaim(rank));
        }
        settler.settle(relations, &attachment);
        // What is left reaches no main claim. Each such group hangs from the
        // unit its attachments lead to: one that attaches to nothing, or the
        // first unit met twice when they go round in a circle.
        let mut unattached = Vec::new();
        let mut first = 0;
        while let Some(offset) = settler.home[first..]
            .iter()
            .position(|h| *h == Home::Undecided)
        {
            first += offset;
            // (An undecided unit's attachment is undecided too: `settle`
            // placed every unit whose attachment was placed.)
            let mut seen = rustc_hash::FxHashSet::default();
            seen.insert(first);
            let mut root = first;
            while let Some(r) = attachment[root] {
                root = relations[r].to;
                if !seen.insert(root) {
                    break;
                }
            }
            settler.place(root, Home::Unattached);
            unattached.push(root);
            settler.settle(relations, &attachment);
        }
        Layout {
            home: settler.home,
            unattached,
        }
    }
}

/// Places units one at a time, each as soon as something it relates to is
/// placed: by its attachment when it can (the lowest unit first), by its
/// other relations when not (the first relation first). Candidates wait in
/// heaps, so that placing every unit costs about the number of relations.
struct Settler {
    home: Vec<Home>,
    /// For each unit, the units that attach to it.
    attached_to: Vec<Vec<usize>>,
    /// For each unit, the relations that point at it.
    related_to: Vec<Vec<usize>>,
    /// Units whose attachment points at a placed unit, lowest first.
    by_attachment: BinaryHeap<Reverse<usize>>,
    /// Relations that point at a placed unit, first first.
    by_relation: BinaryHeap<Reverse<usize>>,
}

impl Settler {
    fn is_placed(&self, unit: usize) -> bool {
        self.home[unit] != Home::Undecided
    }

    fn place(&mut self, unit: usize, home: Home) {
        self.home[unit] = home;
        self.by_attachment
            .extend(self.attached_to[unit].iter().map(|&u| Reverse(u)));
        self.by_relation
            .extend(self.related_to[unit].iter().map(|&r| Reverse(r)));
    }

    /// Gives a home to every undecided unit that relates to a placed one, by
    /// its attachment when it can, by its other relations when not.
    fn settle(&mut self, relations: &[Relation], attachment: &[Option<usize>]) {
        loop {
            let next = loop {
                match self.by_attachment.pop() {
                    Some(Reverse(unit)) if !self.is_placed(unit) => break attachment[unit],
                    Some(_) => {}
                    None => break None,
                }
            };
            let next = next.or_else(|| {
                loop {
                    match self.by_relation.pop() {
                        Some(Reverse(r)) if !self.is_placed(relations[r].from) => break Some(r),
                        Some(_) => {}
                        None => break None,
                    }
                }
            });
            let Some(r) = next else { return };
            self.place(relations[r].from, Home::Under(r));
        }
    }
}

/// Each unit's attachment: the index of its first outgoing relation.
fn attachments(analysis: &Analysis) -> Vec<Option<usize>> {
    let mut attachment = vec![None; analysis.units.len()];
    for (r, relation) in analysis.relations.iter().enumerate() {
        attachment[relation.from].get_or_insert(r);
    }
    attachment
}

/// How a piece of a line looks once colour is on.
#[derive(Debug, Clone, Copy)]
enum Style {
    Plain,
    Bold,
    Dim,
    Attack,
    Role(Role),
    Finding(Severity),
}

/// Which pieces of a line give way when it is too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Give {
    /// The unit's text.
    Text,
    /// The branch's label ("⇠ shares: …").
    Label,
    Never,
}

/// The order in which pieces give way, and how far each step may shorten
/// them: the text first, but not below a readable stub, then the label,
/// then both as far as it takes.
const GIVING: [(Give, usize); 4] = [
    (Give::Text, 24),
    (Give::Label, 12),
    (Give::Text, 0),
    (Give::Label, 0),
];

struct Piece {
    text: String,
    style: Style,
    give: Give,
}

impl Piece {
    fn new(text: impl Into<String>, style: Style, give: Give) -> Piece {
        Piece {
            text: text.into(),
            style,
            give,
        }
    }

    fn painted(&self) -> ColoredString {
        let text = self.text.as_str();
        match self.style {
            Style::Plain => text.normal(),
            Style::Bold => text.bold(),
            Style::Dim => text.dimmed(),
            Style::Attack => text.red().bold(),
            Style::Role(role) => paint_role(text, role),
            Style::Finding(Severity::Warning) => text.yellow(),
            Style::Finding(Severity::Error) => text.red(),
        }
    }
}

/// `text` cut to at most `room` characters, ending in "…" when cut; empty
/// when the room would leave too little to read.
fn shorten(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    if room < 4 {
        return String::new();
    }
    let kept: String = text.chars().take(room - 1).collect();
    format!("{}…", kept.trim_end())
}

/// Joins the pieces into one line of at most `room` characters, shortening
/// the pieces that give way, in order, and cutting the end as a last resort.
fn fit(mut pieces: Vec<Piece>, room: usize) -> String {
    let length =
        |pieces: &[Piece]| -> usize { pieces.iter().map(|p| p.text.chars().count()).sum() };
    for (give, floor) in GIVING {
        for i in 0..pieces.len() {
            let excess = length(&pieces).saturating_sub(room);
            let own = pieces[i].text.chars().count();
            if excess > 0 && pieces[i].give == give && own > floor {
                pieces[i].text = shorten(&pieces[i].text, own.saturating_sub(excess).max(floor));
            }
        }
    }
    let mut left = room;
    let mut line = String::new();
    for piece in &mut pieces {
        let own = piece.text.chars().count();
        if own > left {
            piece.text = piece.text.chars().take(left.saturating_sub(1)).collect();
            if left > 0 {
                piece.text.push('…');
            }
        }
        left -= piece.text.chars().count();
        if !piece.text.is_empty() {
            line.push_str(&piece.painted().to_string());
        }
    }
    line
}

/// A unit's text on one line, its runs of white space made single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The label of a branch: what links the unit to the one above it.
fn branch(relation: &Relation) -> Piece {
    let reason = match &relation.cue {
        Some(cue) if relation.explicit => cue.to_lowercase(),
        _ => relation.why.clone(),
    };
    match relation.kind {
        RelationKind::Attack => {
            Piece::new(format!("✗ attacks ({reason})"), Style::Attack, Give::Label)
        }
        // A solid arrow for a link the writer made, a dashed one for a link
        // the analyser inferred.
        RelationKind::Support if relation.explicit => {
            Piece::new(format!("⟵ {reason}"), Style::Bold, Give::Label)
        }
        RelationKind::Support => Piece::new(format!("⇠ {reason}"), Style::Dim, Give::Label),
    }
}

fn separator() -> Piece {
    Piece::new("  ", Style::Plain, Give::Never)
}

struct Drawing<'a> {
    analysis: &'a Analysis,
    layout: &'a Layout,
    width: usize,
    /// The relations pointing at each unit, as indexes, in relation order.
    incoming: Vec<Vec<usize>>,
    /// Each unit's findings: rule id and severity, each rule once.
    findings: Vec<Vec<(&'static str, Severity)>>,
    /// Relations whose `from` unit sits too deep to draw beneath its target:
    /// each continues as a tree of its own after the current one.
    continued: Vec<usize>,
}

impl<'a> Drawing<'a> {
    fn new(analysis: &'a Analysis, layout: &'a Layout, width: usize) -> Drawing<'a> {
        let mut incoming = vec![Vec::new(); analysis.units.len()];
        for (r, relation) in analysis.relations.iter().enumerate() {
            incoming[relation.to].push(r);
        }
        let mut findings = vec![Vec::new(); analysis.units.len()];
        for finding in &analysis.findings {
            let marks: &mut Vec<(&str, Severity)> = &mut findings[finding.unit];
            if !marks.iter().any(|(rule, _)| *rule == finding.rule) {
                marks.push((finding.rule, finding.severity));
            }
        }
        Drawing {
            analysis,
            layout,
            width,
            incoming,
            findings,
            continued: Vec::new(),
        }
    }

    /// The tree rooted at `root`, followed by the trees of the branches cut
    /// from it for depth, and theirs.
    fn tree_with_continuations(&mut self, root: usize) -> String {
        let mut pieces = Vec::new();
        if let Home::MainClaim(rank) = self.layout.home[root] {
            pieces.push(Piece::new(
                format!("main claim {}", rank + 1),
                Style::Bold,
                Give::Never,
            ));
            pieces.push(separator());
        }
        pieces.extend(self.unit_pieces(root));
        let mut out = self.tree(root, pieces).to_string();
        let mut next = 0;
        while let Some(&r) = self.continued.get(next) {
            next += 1;
            let relation = &self.analysis.relations[r];
            let mut pieces = vec![
                Piece::new(
                    format!("continued from unit {}: ", relation.to + 1),
                    Style::Dim,
                    Give::Never,
                ),
                branch(relation),
                separator(),
            ];
            pieces.extend(self.unit_pieces(relation.from));
            out.push_str(&self.tree(relation.from, pieces).to_string());
        }
        self.continued.clear();
        out
    }

    fn tree(&mut self, root: usize, line: Vec<Piece>) -> Tree<String> {
        Tree::new(fit(line, self.width)).with_leaves(self.branches(root, 1))
    }

    /// The branches beneath `unit`, drawn `depth` levels below the root.
    fn branches(&mut self, unit: usize, depth: usize) -> Vec<Tree<String>> {
        let room = self.width.saturating_sub(INDENT * depth);
        let mut leaves = Vec::new();
        for r in self.incoming[unit].clone() {
            let relation = &self.analysis.relations[r];
            let from = relation.from;
            let mut line = vec![branch(relation), separator()];
            if self.layout.home[from] != Home::Under(r) {
                line.push(Piece::new(
                    format!("→ see {}", self.name(from)),
                    Style::Dim,
                    Give::Never,
                ));
                leaves.push(Tree::new(fit(line, room)));
            } else if room < MIN_ROOM {
                line.push(Piece::new(
                    format!("→ unit {}, continued below", from + 1),
                    Style::Dim,
                    Give::Never,
                ));
                self.continued.push(r);
                leaves.push(Tree::new(fit(line, room)));
            } else {
                line.extend(self.unit_pieces(from));
                let below = self.branches(from, depth + 1);
                leaves.push(Tree::new(fit(line, room)).with_leaves(below));
            }
        }
        leaves
    }

    /// How a reference names a unit drawn elsewhere.
    fn name(&self, unit: usize) -> String {
        match self.layout.home[unit] {
            Home::MainClaim(rank) => format!("main claim {} (unit {})", rank + 1, unit + 1),
            _ => format!("unit {}", unit + 1),
        }
    }

    /// A unit drawn in full: "[7] claim/fact  Its text…  ⚠ rule".
    fn unit_pieces(&self, id: usize) -> Vec<Piece> {
        let unit = &self.analysis.units[id];
        let mut pieces = vec![
            Piece::new(format!("[{}] ", id + 1), Style::Plain, Give::Never),
            Piece::new(
                format!("{}/{}", unit.role, unit.kind),
                Style::Role(unit.role),
                Give::Never,
            ),
            Piece::new(
                format!("  {}", one_line(&unit.text)),
                Style::Plain,
                Give::Text,
            ),
        ];
        for &(rule, severity) in &self.findings[id] {
            pieces.push(Piece::new(
                format!("  ⚠ {rule}"),
                Style::Finding(severity),
                Give::Never,
            ));
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    /// Four one-sentence claims, linked by hand: the graph's own links
    /// change as it is tuned, and these tests are about drawing any graph.
    fn analysis_with(links: &[(usize, usize, RelationKind)], main_claims: &[usize]) -> Analysis {
        let text =
            "The ferry is cheap. The bridge is unsafe. The council is wrong. Buses are slow.";
        let mut analysis = Analysis::of("test", text, &Lexicon::english());
        assert_eq!(analysis.units.len(), 4, "the fixture is four units");
        analysis.relations = links
            .iter()
            .map(|&(from, to, kind)| Relation {
                from,
                to,
                kind,
                cue: None,
                explicit: false,
                why: "by hand".to_string(),
            })
            .collect();
        analysis.main_claims = main_claims.to_vec();
        colored::control::set_override(false);
        analysis
    }

    /// The unit numbers drawn in full, in the order drawn.
    fn drawn_in_full(tree: &str) -> Vec<usize> {
        tree.lines()
            .filter_map(|line| {
                let start = line.find('[')? + 1;
                let end = start + line[start..].find("] ")?;
                line[start..end].parse().ok()
            })
            .collect()
    }

    #[test]
    fn a_unit_with_several_targets_is_drawn_once_beneath_its_attachment() {
        use RelationKind::Support;
        // Unit 4 supports 2 first (its attachment), then 1.
        let analysis = analysis_with(&[(1, 0, Support), (3, 1, Support), (3, 0, Support)], &[0]);
        let tree = render(&analysis, 80);
        assert_eq!(drawn_in_full(&tree), [1, 2, 4, 3], "{tree}");
        assert!(tree.contains("→ see unit 4"), "{tree}");
        let four = tree.lines().find(|l| l.contains("[4]")).unwrap();
        assert!(four.starts_with("│   └── "), "beneath unit 2: {tree}");
    }

    #[test]
    fn a_circle_of_support_is_drawn_once_and_ends() {
        use RelationKind::{Attack, Support};
        let analysis = analysis_with(
            &[
                (0, 1, Support),
                (1, 2, Support),
                (2, 0, Support),
                (3, 2, Attack),
            ],
            &[],
        );
        let tree = render(&analysis, 80);
        let mut drawn = drawn_in_full(&tree);
        drawn.sort_unstable();
        assert_eq!(drawn, [1, 2, 3, 4], "{tree}");
        assert!(tree.starts_with("Not attached:\n"), "{tree}");
        assert!(tree.contains("→ see unit"), "{tree}");
        assert!(tree.contains("✗ attacks (by hand)"), "{tree}");
    }

    #[test]
    fn main_claims_stay_roots_and_are_named_where_they_support() {
        use RelationKind::Support;
        let analysis = analysis_with(&[(1, 0, Support), (2, 1, Support)], &[0, 1]);
        let tree = render(&analysis, 80);
        assert!(tree.contains("→ see main claim 2 (unit 2)"), "{tree}");
        assert!(tree.contains("main claim 2  [2]"), "{tree}");
        assert!(tree.contains("Not attached:\n[4]"), "{tree}");
    }

    #[test]
    fn a_chain_deeper_than_the_width_allows_continues_below() {
        use RelationKind::Support;
        let analysis = analysis_with(&[(1, 0, Support), (2, 1, Support), (3, 2, Support)], &[0]);
        let width = MIN_ROOM + 2 * INDENT;
        let tree = render(&analysis, width);
        assert_eq!(drawn_in_full(&tree), [1, 2, 3, 4], "{tree}");
        assert!(tree.contains("→ unit 4, continued below"), "{tree}");
        assert!(tree.contains("\ncontinued from unit 3: "), "{tree}");
        assert!(tree.lines().all(|l| l.chars().count() <= width), "{tree}");
    }

    #[test]
    fn lines_are_shortened_to_the_width_in_characters() {
        let pieces = || {
            vec![
                Piece::new("⇠ shares: ferry, harbour", Style::Dim, Give::Label),
                Piece::new("  [1] ", Style::Plain, Give::Never),
                Piece::new(
                    "  Ça coûte très cher, dit-on à Wrenhaven",
                    Style::Plain,
                    Give::Text,
                ),
                Piece::new("  ⚠ unsourced-statistic", Style::Plain, Give::Never),
            ]
        };
        colored::control::set_override(false);
        for room in [10, 30, 50, 60, 100] {
            let line = fit(pieces(), room);
            assert!(line.chars().count() <= room, "{room}: {line}");
        }
        // The findings outlast the text and the label.
        assert!(fit(pieces(), 56).ends_with("…  ⚠ unsourced-statistic"));
        assert_eq!(fit(pieces(), 100).chars().count(), 93);
        assert_eq!(shorten("Wrenhaven", 5), "Wren…");
        assert_eq!(shorten("Wrenhaven", 3), "");
    }
}
