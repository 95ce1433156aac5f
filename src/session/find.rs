//! Finding your way: the search typed above the sidebar and the filter
//! under it decide which dimensions the sidebar lists. Pure functions of
//! the comparison and the notes (no egui, no I/O), tested below; the
//! outline asks them for its rows.

use super::Session;
use super::command::FindCmd;
use super::outline::{Outline, Section};
use crate::model::fold::{Query, fold};
use crate::model::{Comparison, Dimension};
use crate::notes::{DimensionNotes, Notes};

/// Which dimensions the sidebar lists, whatever the search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Filter {
    /// Every dimension.
    #[default]
    All,
    /// Only the starred ones.
    Starred,
    /// Only those with a note, a star or a highlight.
    Annotated,
    /// Only those with none yet.
    NotAnnotated,
}

impl Filter {
    /// Every filter, in the order of the toggle row.
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Starred,
        Filter::Annotated,
        Filter::NotAnnotated,
    ];

    /// The toggle's label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::All => "All",
            Self::Starred => "Starred only",
            Self::Annotated => "Annotated",
            Self::NotAnnotated => "Not yet",
        }
    }

    /// What the toggle does, for its tooltip.
    #[must_use]
    pub fn hint(self) -> &'static str {
        match self {
            Self::All => "Show every dimension",
            Self::Starred => "Show only starred dimensions",
            Self::Annotated => "Show only dimensions with a note, a star or a highlight",
            Self::NotAnnotated => "Show only dimensions not annotated yet",
        }
    }

    /// Whether a dimension with these notes passes.
    #[must_use]
    pub fn passes(self, notes: Option<&DimensionNotes>) -> bool {
        let annotated = notes.is_some_and(|n| !n.is_empty());
        match self {
            Self::All => true,
            Self::Starred => notes.is_some_and(|n| n.starred),
            Self::Annotated => annotated,
            Self::NotAnnotated => !annotated,
        }
    }
}

/// The search box and the filter: what the person typed and chose, and
/// where they were when the search began (Esc goes back there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    /// The search as typed.
    pub text: String,
    /// The filter chosen.
    pub filter: Filter,
    /// The section selected when the search began.
    pub before: Option<Section>,
}

impl Finder {
    /// The search's query (folded terms).
    #[must_use]
    pub fn query(&self) -> Query {
        Query::new(&self.text)
    }

    /// Whether the sidebar lists only some dimensions.
    #[must_use]
    pub fn narrows(&self) -> bool {
        self.filter != Filter::All || !self.query().is_empty()
    }
}

/// Each dimension's content (title, summaries, aspects, sides, what the
/// subjects share) folded once, so a search costs one scan a keystroke.
/// Built the first time a search needs it.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    folded: Option<Vec<String>>,
}

impl SearchIndex {
    /// Forgets the index (the comparison changed).
    pub fn clear(&mut self) {
        self.folded = None;
    }

    /// The folded content of every dimension of `c`.
    fn folded(&mut self, c: &Comparison) -> &[String] {
        self.folded
            .get_or_insert_with(|| c.dimensions.iter().map(folded_content).collect())
    }
}

/// A dimension's searchable content, folded, one field a line.
fn folded_content(d: &Dimension) -> String {
    let mut text = d.title.clone();
    for (_, summary) in &d.summary.0 {
        text.push('\n');
        text.push_str(summary);
    }
    for p in &d.points {
        text.push('\n');
        text.push_str(&p.aspect);
        for (_, side) in &p.sides.0 {
            text.push('\n');
            text.push_str(side);
        }
    }
    for line in &d.common {
        text.push('\n');
        text.push_str(line);
    }
    fold(&text)
}

/// The indices of the dimensions that `finder` lets through, in order:
/// those passing the filter whose content or note holds every term of the
/// search.
#[must_use]
pub fn matching_dimensions(
    c: &Comparison,
    notes: &Notes,
    index: &mut SearchIndex,
    finder: &Finder,
) -> Vec<usize> {
    let query = finder.query();
    let folded = if query.is_empty() {
        &[][..]
    } else {
        index.folded(c)
    };
    c.dimensions
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            let own = notes.get(&d.id);
            if !finder.filter.passes(own) {
                return false;
            }
            if query.is_empty() {
                return true;
            }
            let note = own.filter(|n| !n.text.is_empty()).map(|n| fold(&n.text));
            let content = folded.get(*i).map_or("", String::as_str);
            // Every term somewhere in the content or the note.
            query.every_term(|t| {
                content.contains(t) || note.as_deref().is_some_and(|n| n.contains(t))
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Above this many subjects the sidebar does not say which hidden subject
/// a search matches: each keystroke would fold every subject's text of
/// every listed dimension.
pub const HIDDEN_MATCH_SUBJECTS: usize = 32;

/// Above this many listed dimensions the sidebar's rows are one line each,
/// with no room to say where a match hides: none is looked for.
pub const HIDDEN_MATCH_ROWS: usize = 300;

/// The subjects among `hidden` whose own text in `d` (summary, sides)
/// holds a term of `query`: where a search finds something the pane does
/// not show now.
#[must_use]
pub fn matches_in_subjects(
    d: &Dimension,
    query: &Query,
    hidden: &[usize],
    c: &Comparison,
) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    hidden
        .iter()
        .copied()
        .filter(|&i| {
            let Some(s) = c.subjects.get(i) else {
                return false;
            };
            let texts = d
                .summary
                .get(&s.id)
                .into_iter()
                .chain(d.points.iter().filter_map(|p| p.sides.get(&s.id)));
            let folded: Vec<String> = texts.map(fold).collect();
            // Some term found there: the search points at this subject.
            !query.every_term(|t| !folded.iter().any(|f| f.contains(t)))
        })
        .collect()
}

impl Session {
    /// The subjects not shown now (in "Two subjects") whose text in
    /// dimension `i` the search finds: the sidebar says "match in … (hidden)"
    /// and offers to show it. Worked out with the outline (once a
    /// keystroke), for comparisons of up to [`HIDDEN_MATCH_SUBJECTS`]
    /// subjects; here only the shown ones are left out.
    #[must_use]
    pub fn hidden_matches(&self, i: usize) -> Vec<usize> {
        let Some(subjects) = self.subject_matches.get(&i) else {
            return Vec::new();
        };
        let shown = self.shown_subjects();
        subjects
            .iter()
            .copied()
            .filter(|s| !shown.contains(s))
            .collect()
    }

    /// Works out the sidebar's rows again: every section, or the
    /// dimensions the search and filter let through.
    pub fn refresh_outline(&mut self) {
        self.subject_matches.clear();
        self.outline = if self.finder.narrows() {
            let listed = matching_dimensions(
                &self.comparison,
                &self.notes_file.notes,
                &mut self.search_index,
                &self.finder,
            );
            let query = self.finder.query();
            let c = &self.comparison;
            // Only where the sidebar can say so: its rows drawn whole.
            if !query.is_empty()
                && c.subjects.len() <= HIDDEN_MATCH_SUBJECTS
                && listed.len() <= HIDDEN_MATCH_ROWS
            {
                let all: Vec<usize> = (0..c.subjects.len()).collect();
                for &i in &listed {
                    if let Some(d) = c.dimensions.get(i) {
                        let found = matches_in_subjects(d, &query, &all, c);
                        self.subject_matches.insert(i, found);
                    }
                }
            }
            Outline::narrowed(listed)
        } else {
            Outline::of(&self.comparison)
        };
    }

    /// Searches, filters, or jumps between what they find.
    pub fn apply_find(&mut self, command: FindCmd) {
        match command {
            FindCmd::Changed(text) => {
                self.finder.text = text;
                if self.finder.before.is_none() && !self.finder.text.trim().is_empty() {
                    self.finder.before = Some(self.selected);
                }
                self.refresh_outline();
                self.select_a_listed_section();
            }
            FindCmd::Clear if self.finder.text.is_empty() && self.finder.before.is_none() => {}
            FindCmd::Clear => {
                self.finder.text.clear();
                self.refresh_outline();
                if let Some(before) = self.finder.before.take() {
                    self.selected = before;
                }
                self.select_a_listed_section();
                self.selection_jumped = true;
            }
            FindCmd::SetFilter(filter) => {
                self.finder.filter = filter;
                self.refresh_outline();
                self.select_a_listed_section();
            }
            FindCmd::Next | FindCmd::Previous => {
                let rows = self.outline().len();
                if rows == 0 {
                    return;
                }
                let row = self.row_of(self.selected);
                let shown = self.outline().shows(self.selected);
                // Forward from a row not listed, its place is the next one.
                let next = if command != FindCmd::Next {
                    (row + rows - 1) % rows
                } else if shown {
                    (row + 1) % rows
                } else {
                    row % rows
                };
                self.selected = self.section_at(next);
                self.selection_jumped = true;
            }
            FindCmd::NextAnnotated | FindCmd::PreviousAnnotated => {
                let forward = command == FindCmd::NextAnnotated;
                if let Some(section) = self.annotated_from(forward) {
                    self.selected = section;
                    self.selection_jumped = true;
                } else {
                    let way = if forward { "after" } else { "before" };
                    self.message = Some(format!("No annotated dimension {way} this one"));
                }
            }
        }
    }

    /// Keeps the selection on a listed row: the first one when the selected
    /// section is not listed (and there is one).
    fn select_a_listed_section(&mut self) {
        if !self.outline().shows(self.selected)
            && let Some(first) = self.outline().get(0)
        {
            self.selected = first;
            self.selection_jumped = true;
        }
    }

    /// The listed dimension after (or before) the selection that has a
    /// note, a star or a highlight.
    fn annotated_from(&self, forward: bool) -> Option<Section> {
        let outline = self.outline();
        let row = outline.row_of(self.selected);
        let shown = outline.shows(self.selected);
        let annotated = |r: usize| match outline.get(r) {
            Some(Section::Dimension(i)) => self
                .comparison
                .dimensions
                .get(i)
                .and_then(|d| self.notes().get(&d.id))
                .is_some_and(|n| !n.is_empty()),
            _ => false,
        };
        let found = if forward {
            let start = if shown { row + 1 } else { row };
            (start..outline.len()).find(|&r| annotated(r))
        } else {
            (0..row).rev().find(|&r| annotated(r))
        };
        found.and_then(|r| outline.get(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes() -> Notes {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        notes.toggle_star(&c.dimensions[1].id);
        notes
            .text_mut(&c.dimensions[3].id)
            .push_str("Ask about the naïve budget.");
        notes
    }

    fn find(text: &str, filter: Filter) -> Vec<usize> {
        let c = Comparison::built_in();
        let finder = Finder {
            text: text.to_owned(),
            filter,
            before: None,
        };
        matching_dimensions(&c, &notes(), &mut SearchIndex::default(), &finder)
    }

    #[test]
    fn no_search_and_no_filter_lists_everything() {
        let all = Comparison::built_in().dimensions.len();
        assert_eq!(find("", Filter::All).len(), all);
        assert_eq!(find("   ", Filter::All).len(), all);
    }

    #[test]
    fn a_search_finds_content_and_notes_whatever_the_case_and_accents() {
        let c = Comparison::built_in();
        let title = &c.dimensions[2].title;
        assert!(find(&title.to_uppercase(), Filter::All).contains(&2));
        assert_eq!(find("NAIVE budget", Filter::All), [3]);
        assert!(find("no such words anywhere xyzzy", Filter::All).is_empty());
    }

    #[test]
    fn a_match_in_a_subject_not_shown_is_named() {
        let text = r#"Comparison(
            title: "T",
            subjects: [
                Subject(id: "a", name: "Alpha"),
                Subject(id: "b", name: "Beta"),
                Subject(id: "g", name: "Gamma"),
            ],
            dimensions: [
                Dimension(id: "d", title: "D", summary: { "g": "Replication is tunable" }, points: [
                    Point(aspect: "Speed", sides: { "a": "fast", "b": "slow", "g": "fastest" }),
                ]),
            ],
        )"#;
        let c = crate::model::parse(text.as_bytes(), std::path::Path::new("t.ron"))
            .unwrap()
            .comparison;
        let d = &c.dimensions[0];
        let found = |q: &str, hidden: &[usize]| matches_in_subjects(d, &Query::new(q), hidden, &c);
        assert_eq!(found("replication", &[2]), [2]);
        assert_eq!(found("REPLICATION", &[1, 2]), [2], "Beta has no such text");
        assert_eq!(found("fastest", &[2]), [2]);
        assert!(
            found("speed", &[2]).is_empty(),
            "the aspect is shown with any column"
        );
        assert!(found("", &[2]).is_empty());
        assert!(found("replication", &[]).is_empty());
    }

    #[test]
    fn filters_keep_starred_annotated_or_the_rest() {
        let all = Comparison::built_in().dimensions.len();
        assert_eq!(find("", Filter::Starred), [1]);
        assert_eq!(find("", Filter::Annotated), [1, 3]);
        assert_eq!(find("", Filter::NotAnnotated).len(), all - 2);
        assert_eq!(find("naive", Filter::Starred), Vec::<usize>::new());
    }
}
