//! Where each subject wins, as the exports show it: the verdicts on the
//! exported dimensions, each with its weight, and the summary sentences
//! (from [`crate::talk::verdicts`]). Plain text here; each writer escapes
//! it for its format (subject names and titles are untrusted).

use crate::model::Comparison;
use crate::notes::Notes;
use crate::notes::talk::MAX_WEIGHT;
use crate::talk::Summary;
use crate::talk::verdicts::{verdict_of, weight_of};

/// The heading of the verdicts' section (and slide).
pub(super) const HEADING: &str = "Where each wins";

/// The verdicts table's column headers.
pub(super) const COLUMNS: [&str; 3] = ["Dimension", "Matters", "Better fit"];

/// The label before a dimension's own verdict.
pub(super) const FIT_LABEL: &str = "Better fit:";

/// The verdict on one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fit<'a> {
    /// The dimension's title (inline Markdown).
    pub(super) title: &'a str,
    /// The better fit's name (inline Markdown), or "Even".
    pub(super) name: &'a str,
    /// How much the dimension matters, 0 to [`MAX_WEIGHT`].
    pub(super) weight: u8,
}

impl Fit<'_> {
    /// "3 of 3": how much the dimension matters.
    pub(super) fn matters(&self) -> String {
        matters(self.weight)
    }

    /// "matters 2 of 3", after the better fit's name on a dimension's own
    /// line.
    pub(super) fn matters_tail(&self) -> String {
        format!(" · matters {}", self.matters())
    }
}

/// "3 of 3": how much a dimension of this weight matters.
pub(super) fn matters(weight: u8) -> String {
    format!("{weight} of {MAX_WEIGHT}")
}

/// The verdict on dimension `index`, if it has one that names a subject
/// of `c` (or says the subjects are even).
pub(super) fn fit<'a>(c: &'a Comparison, notes: &Notes, index: usize) -> Option<Fit<'a>> {
    let winner = verdict_of(c, notes, index)?;
    let d = c.dimensions.get(index)?;
    let name = match winner {
        Some(s) => c.subjects.get(s)?.name.as_str(),
        None => "Even",
    };
    Some(Fit {
        title: &d.title,
        name,
        weight: weight_of(c, notes, index),
    })
}

/// The verdicts section of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Verdicts<'a> {
    /// The exported dimensions that have a verdict, in content order.
    pub(super) rows: Vec<Fit<'a>>,
    /// "Technology Management ahead on 4 of 7 weighted dimensions, 9 to 5".
    pub(super) summary: String,
    /// "Flips if …", or why nothing does; empty when nothing is decided.
    pub(super) flip: String,
}

impl<'a> Verdicts<'a> {
    /// The verdicts on `dimensions` (indices, in order); `None` when none
    /// of them has one, so an export without verdicts is as before.
    pub(super) fn of(c: &'a Comparison, notes: &Notes, dimensions: &[usize]) -> Option<Self> {
        let rows: Vec<Fit<'a>> = dimensions
            .iter()
            .filter_map(|&i| fit(c, notes, i))
            .collect();
        if rows.is_empty() {
            return None;
        }
        let summary = Summary::of(c, notes, dimensions);
        Some(Self {
            rows,
            summary: summary.text(c),
            flip: summary.flip_text(c),
        })
    }

    /// The summary and what would flip it as one paragraph of sentences
    /// (kept together: on a slide, they move to the next as one).
    pub(super) fn paragraph(&self) -> String {
        [self.summary.as_str(), self.flip.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| format!("{s}."))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::Verdict;

    #[test]
    fn only_dimensions_with_a_verdict_are_rows() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        let all: Vec<usize> = (0..c.dimensions.len()).collect();
        assert_eq!(Verdicts::of(&c, &notes, &all), None);
        notes.entry(&c.dimensions[2].id).verdict = Some(Verdict::Subject(c.subjects[1].id.clone()));
        notes.entry(&c.dimensions[2].id).weight = Some(3);
        notes.entry(&c.dimensions[4].id).verdict = Some(Verdict::Even);
        notes.entry(&c.dimensions[5].id).verdict = Some(Verdict::Subject("gone".to_owned()));
        let v = Verdicts::of(&c, &notes, &all).unwrap();
        assert_eq!(v.rows.len(), 2);
        assert_eq!(v.rows[0].name, c.subjects[1].name);
        assert_eq!(v.rows[0].matters(), "3 of 3");
        assert_eq!(v.rows[1].name, "Even");
        assert_eq!(v.rows[1].matters_tail(), " · matters 1 of 3");
        assert!(v.summary.contains(&c.subjects[1].name), "{}", v.summary);
        assert!(
            v.paragraph()
                .ends_with(&format!("goes to {}.", c.subjects[0].name))
        );
        // Not among the exported dimensions: not shown.
        assert_eq!(Verdicts::of(&c, &notes, &[0, 1]), None);
    }
}
