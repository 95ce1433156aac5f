//! The rows of the sidebar: the introduction, the dimensions, the
//! conclusion; which section a row shows and back; how many dimensions are
//! annotated and which notes have no dimension. The rules are pure
//! functions of the comparison and the notes (no egui, no I/O), tested
//! below; `Session` answers through them.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::Session;
use crate::model::Comparison;
use crate::notes::{DimensionNotes, Notes};

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The comparison's introduction.
    Intro,
    /// The dimension at this index.
    Dimension(usize),
    /// The conclusion and sources.
    Conclusion,
}

/// The shape of the sidebar: which rows there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Whether there is an "Introduction" row: always, but while a search
    /// or filter narrows the list. It is the row of the whole comparison
    /// (its note, the talk's length), so a comparison without an intro
    /// has it too.
    pub has_intro: bool,
    /// The dimension rows.
    pub dimensions: Rows,
    /// Whether there is a "Conclusion" row (a conclusion or sources).
    pub has_conclusion: bool,
}

/// The dimensions the sidebar lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Every dimension: this many.
    All(usize),
    /// Only these (indices, ascending), as a search or filter lets through.
    Only(Vec<usize>),
}

impl Rows {
    /// How many rows.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::All(n) => *n,
            Self::Only(list) => list.len(),
        }
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The dimension in row `k` of these rows.
    #[must_use]
    pub fn get(&self, k: usize) -> Option<usize> {
        match self {
            Self::All(n) => (k < *n).then_some(k),
            Self::Only(list) => list.get(k).copied(),
        }
    }

    /// The row of dimension `i` (`Ok`), or the row it would take (`Err`)
    /// when it is not listed.
    fn position(&self, i: usize) -> Result<usize, usize> {
        match self {
            Self::All(n) if i < *n => Ok(i),
            Self::All(n) => Err(*n),
            Self::Only(list) => list.binary_search(&i),
        }
    }

    /// Whether dimension `i` is listed.
    #[must_use]
    pub fn contains(&self, i: usize) -> bool {
        self.position(i).is_ok()
    }
}

impl Outline {
    /// The sidebar of `c`: every section. The introduction's row is there
    /// even when `c` has no intro: the note on the whole comparison and
    /// the talk's length are set on it.
    #[must_use]
    pub fn of(c: &Comparison) -> Self {
        Self {
            has_intro: true,
            dimensions: Rows::All(c.dimensions.len()),
            has_conclusion: !c.conclusion.trim().is_empty() || !c.sources.is_empty(),
        }
    }

    /// The sidebar while a search or filter narrows it: only these
    /// dimensions (ascending), no introduction or conclusion.
    #[must_use]
    pub fn narrowed(dimensions: Vec<usize>) -> Self {
        Self {
            has_intro: false,
            dimensions: Rows::Only(dimensions),
            has_conclusion: false,
        }
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.dimensions.len() + usize::from(self.has_intro) + usize::from(self.has_conclusion)
    }

    /// Whether there are no rows at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The section shown in row `row` (clamped to the last row); `None`
    /// when there are no rows.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<Section> {
        if self.is_empty() {
            return None;
        }
        let row = row.min(self.len() - 1);
        let first_dim = usize::from(self.has_intro);
        if self.has_intro && row == 0 {
            Some(Section::Intro)
        } else if let Some(i) = self.dimensions.get(row - first_dim) {
            Some(Section::Dimension(i))
        } else {
            Some(Section::Conclusion)
        }
    }

    /// The section shown in row `row` (clamped to the last row; the
    /// introduction when there are no rows).
    #[must_use]
    pub fn section_at(&self, row: usize) -> Section {
        self.get(row).unwrap_or(Section::Intro)
    }

    /// The row of `section`; for a section not listed, the row where it
    /// would be.
    #[must_use]
    pub fn row_of(&self, section: Section) -> usize {
        let first_dim = usize::from(self.has_intro);
        match section {
            Section::Intro => 0,
            Section::Dimension(i) => {
                first_dim + self.dimensions.position(i).unwrap_or_else(|at| at)
            }
            Section::Conclusion => self.len().saturating_sub(1),
        }
        .min(self.len().saturating_sub(1))
    }

    /// Whether `section` has a row.
    #[must_use]
    pub fn shows(&self, section: Section) -> bool {
        match section {
            Section::Intro => self.has_intro,
            Section::Dimension(i) => self.dimensions.contains(i),
            Section::Conclusion => self.has_conclusion,
        }
    }
}

/// How many dimensions in `index` (id → position) carry a note, a star or
/// a highlight.
#[must_use]
pub fn annotated_count<S: BuildHasher>(notes: &Notes, index: &HashMap<String, usize, S>) -> usize {
    notes
        .dimensions
        .iter()
        .filter(|(id, d)| !d.is_empty() && index.contains_key(id.as_str()))
        .count()
}

/// Notes on dimension ids that `index` does not have (renamed or cut from
/// the content): kept in the file and listed, never dropped.
#[must_use]
pub fn orphans<'a, S: BuildHasher>(
    notes: &'a Notes,
    index: &HashMap<String, usize, S>,
) -> Vec<(&'a str, &'a DimensionNotes)> {
    notes
        .dimensions
        .iter()
        .filter(|(id, d)| !d.is_empty() && !index.contains_key(id.as_str()))
        .map(|(id, d)| (id.as_str(), d))
        .collect()
}

impl Session {
    /// The sidebar's rows (kept up to date by [`Self::refresh_outline`]).
    #[must_use]
    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// Number of sidebar rows.
    #[must_use]
    pub fn row_count(&self) -> usize {
        self.outline().len()
    }

    /// Whether the sidebar has an "Introduction" row.
    #[must_use]
    pub fn has_intro(&self) -> bool {
        self.outline().has_intro
    }

    /// Whether the sidebar has a "Conclusion" row.
    #[must_use]
    pub fn has_conclusion(&self) -> bool {
        self.outline().has_conclusion
    }

    /// The section shown in sidebar row `row` (clamped to the last row).
    #[must_use]
    pub fn section_at(&self, row: usize) -> Section {
        self.outline().section_at(row)
    }

    /// The sidebar row of `section`.
    #[must_use]
    pub fn row_of(&self, section: Section) -> usize {
        self.outline().row_of(section)
    }

    /// How many of the comparison's dimensions carry a note, a star or a
    /// highlight.
    #[must_use]
    pub fn annotated_count(&self) -> usize {
        annotated_count(&self.notes_file.notes, &self.index)
    }

    /// Notes on dimension ids the content does not have (kept, listed).
    #[must_use]
    pub fn orphans(&self) -> Vec<(&str, &DimensionNotes)> {
        orphans(&self.notes_file.notes, &self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(has_intro: bool, dimensions: usize, has_conclusion: bool) -> Outline {
        Outline {
            has_intro,
            dimensions: Rows::All(dimensions),
            has_conclusion,
        }
    }

    #[test]
    fn rows_and_sections_map_both_ways() {
        for o in [
            outline(true, 3, true),
            outline(false, 3, true),
            outline(true, 3, false),
            outline(false, 1, false),
        ] {
            for row in 0..o.len() {
                assert_eq!(o.row_of(o.section_at(row)), row, "{o:?} row {row}");
            }
            // Past the end clamps to the last row.
            assert_eq!(o.section_at(usize::MAX), o.section_at(o.len() - 1));
        }
        let o = outline(true, 2, true);
        assert_eq!(o.len(), 4);
        assert_eq!(o.section_at(0), Section::Intro);
        assert_eq!(o.section_at(1), Section::Dimension(0));
        assert_eq!(o.section_at(3), Section::Conclusion);
        assert_eq!(
            outline(false, 2, false).section_at(0),
            Section::Dimension(0)
        );
    }

    #[test]
    fn a_narrowed_outline_lists_only_its_dimensions() {
        let o = Outline::narrowed(vec![2, 5, 9]);
        assert_eq!(o.len(), 3);
        assert_eq!(o.section_at(0), Section::Dimension(2));
        assert_eq!(o.section_at(7), Section::Dimension(9));
        assert_eq!(o.row_of(Section::Dimension(5)), 1);
        // Not listed: where it would be.
        assert_eq!(o.row_of(Section::Dimension(6)), 2);
        assert_eq!(o.row_of(Section::Dimension(40)), 2);
        assert!(o.shows(Section::Dimension(9)) && !o.shows(Section::Dimension(6)));
        assert!(!o.shows(Section::Intro) && !o.shows(Section::Conclusion));
        let none = Outline::narrowed(Vec::new());
        assert!(none.is_empty());
        assert_eq!(none.get(0), None);
        assert_eq!(none.row_of(Section::Dimension(3)), 0);
    }

    #[test]
    fn the_built_in_comparison_has_an_intro_and_a_conclusion() {
        let o = Outline::of(&Comparison::built_in());
        assert!(o.has_intro && o.has_conclusion);
        assert_eq!(o.len(), o.dimensions.len() + 2);
        assert!(!o.is_empty());
    }

    #[test]
    fn a_comparison_without_an_intro_still_has_the_whole_comparison_row() {
        let c = Comparison {
            intro: String::new(),
            conclusion: String::new(),
            sources: Vec::new(),
            ..Comparison::built_in()
        };
        let o = Outline::of(&c);
        assert_eq!(o.section_at(0), Section::Intro);
        assert!(o.shows(Section::Intro) && !o.shows(Section::Conclusion));
        assert_eq!(o.len(), c.dimensions.len() + 1);
    }

    #[test]
    fn annotated_counts_known_dimensions_and_orphans_the_rest() {
        let index: HashMap<String, usize> = [("a".to_owned(), 0), ("b".to_owned(), 1)].into();
        let mut notes = Notes::for_comparison("T");
        notes.toggle_star("a");
        notes.text_mut("b").push_str("   ");
        notes.text_mut("gone").push_str("Kept.");
        notes.text_mut("empty");
        assert_eq!(annotated_count(&notes, &index), 1);
        let lost = orphans(&notes, &index);
        assert_eq!(lost.len(), 1);
        assert_eq!(lost[0].0, "gone");
    }
}
