//! A session: the comparison being worked on and everything that goes with
//! it while you work (its source, the notes and their file, the undo
//! history, the sidebar's outline, the search, the talk's plan and the talk
//! being presented). It knows no screen: the window draws it and turns
//! input into [`Command`]s, which the session applies here for the groups
//! about the comparison and its notes. Plain types, plain tests.

pub mod command;
pub mod find;
pub mod history;
mod nav;
mod notes;
mod open;
pub mod outline;
pub mod present;
mod talk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use command::Command;
use find::{Finder, SearchIndex};
use outline::Outline;
pub use outline::Section;

use crate::model::{Comparison, Diagnostic};
use crate::notes::file::{NotesFile, Status};

/// Where the shown comparison came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The comparison embedded in the binary.
    BuiltIn,
    /// A RON file on disk.
    File(PathBuf),
}

impl Source {
    /// How the source is named to the user.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::BuiltIn => "Built-in comparison".to_owned(),
            Self::File(p) => p.display().to_string(),
        }
    }

    /// The content file, if there is one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::BuiltIn => None,
            Self::File(p) => Some(p),
        }
    }
}

/// The comparison being worked on, with its notes, history, outline,
/// search, plan and talk.
pub struct Session {
    /// The comparison shown.
    pub comparison: Comparison,
    /// Where it came from.
    pub source: Source,
    /// Warnings from loading it (at most a few of each kind, then one line
    /// that counts the rest).
    pub warnings: Vec<Diagnostic>,
    /// How many warnings there are in all, listed or only counted.
    pub warning_count: usize,
    /// The notes and their file.
    pub notes_file: NotesFile,
    /// Where notes go when they cannot sit beside the content.
    pub data_dir: PathBuf,
    /// The selected section.
    pub selected: Section,
    /// The two subjects shown (left, right) when not showing them all.
    pub columns: [usize; 2],
    /// Whether every subject is a column (the default with three or more).
    pub all_subjects: bool,
    /// Set when the selection jumped (by a key, a find, the end of a
    /// talk), so that the lists scroll to it; cleared once drawn.
    pub selection_jumped: bool,
    /// The search and filter of the sidebar.
    pub finder: Finder,
    /// The talk being presented, if any.
    pub presenting: Option<present::Presenting>,
    /// How talks are presented (which dimensions, summaries or not).
    pub present_options: present::PresentOptions,
    /// The clock, in seconds (the window's input time), for the talk.
    pub clock: f64,
    /// The talk's plan, worked out once a frame for every view that shows
    /// a budget (10,000 dimensions take milliseconds).
    pub plan: crate::talk::Plan,
    /// The verdicts summed over every dimension, worked out once a frame
    /// on first use (see [`Self::summary`]).
    summary: std::cell::OnceCell<crate::talk::verdicts::Summary>,
    /// The last load failure, shown until dismissed.
    pub error: Option<String>,
    /// A passing message for the status line ("Exported to…").
    pub message: Option<String>,
    /// Undo for every change to the notes, typing included.
    history: history::History,
    /// The sidebar's rows, worked out again after each command.
    outline: Outline,
    /// The dimensions' content folded for search, built on first use.
    search_index: SearchIndex,
    /// For each dimension the search lists, the subjects whose own text
    /// it matches, worked out with the outline (see `hidden_matches`).
    subject_matches: std::collections::BTreeMap<usize, Vec<usize>>,
    /// Dimension index by id.
    index: HashMap<String, usize>,
}

impl Session {
    /// A session on `comparison`, with notes in their default place.
    #[must_use]
    pub fn new(comparison: Comparison, source: Source, data_dir: PathBuf) -> Self {
        let (notes_file, message) = open::notes_of(&source, &comparison.title, &data_dir);
        let mut session = Self {
            selected: Section::Intro,
            columns: [0, 1],
            all_subjects: comparison.subjects.len() > 2,
            index: index_of(&comparison),
            outline: Outline::of(&comparison),
            comparison,
            source,
            warnings: Vec::new(),
            warning_count: 0,
            notes_file,
            data_dir,
            selection_jumped: false,
            finder: Finder::default(),
            presenting: None,
            present_options: present::PresentOptions::default(),
            clock: 0.0,
            plan: crate::talk::Plan::default(),
            summary: std::cell::OnceCell::new(),
            error: None,
            message,
            history: history::History::default(),
            search_index: SearchIndex::default(),
            subject_matches: std::collections::BTreeMap::new(),
        };
        session.selected = session.section_at(0);
        session
    }

    /// The subjects shown as columns, in order (indices).
    #[must_use]
    pub fn shown_subjects(&self) -> Vec<usize> {
        let n = self.comparison.subjects.len();
        if self.all_subjects && n > 2 {
            (0..n).collect()
        } else {
            self.columns.iter().copied().filter(|&i| i < n).collect()
        }
    }

    /// The notes (read-only view).
    #[must_use]
    pub fn notes(&self) -> &crate::notes::Notes {
        &self.notes_file.notes
    }

    /// The id of the selected dimension, if a dimension is selected.
    #[must_use]
    pub fn selected_dimension_id(&self) -> Option<&str> {
        match self.selected {
            Section::Dimension(i) => self.comparison.dimensions.get(i).map(|d| d.id.as_str()),
            Section::Intro | Section::Conclusion => None,
        }
    }

    /// The index of the dimension with this id.
    #[must_use]
    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Works out the talk's plan again, and forgets the verdicts' summary,
    /// once a frame, for every view that shows them.
    pub fn replan(&mut self) {
        self.plan = self.plan_now();
        self.summary = std::cell::OnceCell::new();
    }

    /// The verdicts summed over every dimension, as of the last
    /// [`Self::replan`]: worked out by the first view that shows it in a
    /// frame, and only then.
    #[must_use]
    pub fn summary(&self) -> &crate::talk::verdicts::Summary {
        self.summary.get_or_init(|| {
            let all: Vec<usize> = (0..self.comparison.dimensions.len()).collect();
            crate::talk::verdicts::Summary::of(&self.comparison, self.notes(), &all)
        })
    }

    /// Forgets the undo history (the notes were replaced as a whole).
    pub fn clear_history(&mut self) {
        self.history.clear();
    }

    /// Ends a stretch of typing: the next keystroke is a new undo step.
    pub fn end_typing(&mut self) {
        self.history.seal();
    }

    /// A short word on the notes file for the status line.
    #[must_use]
    pub fn notes_status(&self) -> String {
        let file = &self.notes_file;
        match &file.status {
            Status::Saved => "Saved".to_owned(),
            Status::Untouched => "No notes yet".to_owned(),
            Status::Unsaved => "Unsaved changes".to_owned(),
            Status::Saving => "Saving…".to_owned(),
            Status::Failed(e) => {
                let retry = file.retry_in(Instant::now()).map_or_else(String::new, |d| {
                    format!(" Retrying in {} s.", d.as_secs_f32().ceil())
                });
                let copy = match (&file.copy_failed, &file.rescued_to) {
                    (Some(why), _) => format!(" No copy could be kept either: {why}."),
                    (None, Some(p)) => format!(" A copy is kept in {}.", p.display()),
                    (None, None) => String::new(),
                };
                format!("Not saved: {e}.{retry}{copy}")
            }
            Status::Conflict => "Not saved: the file changed on disk".to_owned(),
            Status::Broken(_) if file.can_move_aside() => {
                "Not saved: the notes file cannot be read".to_owned()
            }
            Status::Broken(_) => "Not saved: that file is not a notes file".to_owned(),
        }
    }
}

/// Dimension index by id.
fn index_of(c: &Comparison) -> HashMap<String, usize> {
    c.dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect()
}
