//! Opening a comparison in a session: its notes in their default place
//! (with what the data folder kept), and the same or another comparison
//! shown in place of the one before.

use std::path::Path;
use std::time::Instant;

use super::outline::{Outline, Section};
use super::{Session, Source, index_of};
use crate::model::{Comparison, Diagnostic};
use crate::notes::combine::{self, TakenIn};
use crate::notes::file::NotesFile;
use crate::notes::paths;
use crate::storage;

/// Opens the notes of `source` in their default place, with the data
/// folder as the last resort for copies of unsaved notes. Notes that were
/// kept in the data folder while the content's folder could not be written
/// are taken in first (see [`combine::take_in_kept`]): nothing is hidden.
/// Returns what to tell the person about that, if anything.
pub(super) fn notes_of(
    source: &Source,
    title: &str,
    data_dir: &Path,
) -> (NotesFile, Option<String>) {
    let path = paths::default_notes_path(source.path(), data_dir);
    let kept = paths::data_dir_notes_path(data_dir, source.path());
    if storage::folder_of(&path) == data_dir {
        // The data folder is ours to create; a content file's folder never
        // is. If this fails, the first save says why.
        let _ = std::fs::create_dir_all(data_dir);
    }
    let taken = if path == kept {
        TakenIn::Nothing
    } else {
        combine::take_in_kept(&path, &kept, title)
    };
    let mut notes_file = NotesFile::open(path, title);
    notes_file.fallback = Some(kept.clone());
    let shown = notes_file.path.display().to_string();
    let message = match taken {
        TakenIn::Nothing => None,
        TakenIn::Moved { merged, backup } => {
            // Short, the copy's path first: the status line is one line.
            let how = if merged { "merged in" } else { "moved here" };
            let copy = backup.map_or_else(
                || format!("still at {}", kept.display()),
                |b| format!("copy kept as {}", b.display()),
            );
            Some(format!("Notes from the data folder {how}; {copy}"))
        }
        TakenIn::Unwritten { notes, why } => {
            notes_file.notes = notes;
            notes_file.changed(Instant::now());
            Some(format!(
                "Notes kept in the data folder ({}) are shown with these, but could not be written to {shown} yet: {why}",
                kept.display()
            ))
        }
        TakenIn::Left { why } => Some(format!(
            "More notes on this comparison are kept in {}; they are not shown because {shown} cannot be read ({why}). Open them with File ▸ Open notes…",
            kept.display()
        )),
    };
    (notes_file, message)
}

impl Session {
    /// Shows `comparison`. The same source loaded again keeps its notes and
    /// selection (by dimension id); another source opens its own notes (the
    /// caller has saved these first) and starts a new history.
    pub fn replace(
        &mut self,
        comparison: Comparison,
        source: Source,
        warnings: Vec<Diagnostic>,
        warning_count: usize,
    ) {
        let selected_before = self.selected;
        let selected_id = self.selected_dimension_id().map(str::to_owned);
        let same_source = source == self.source;
        if !same_source {
            self.history.clear();
            let (notes_file, message) = notes_of(&source, &comparison.title, &self.data_dir);
            self.notes_file = notes_file;
            if message.is_some() {
                self.message = message;
            }
        }
        self.index = index_of(&comparison);
        self.search_index.clear();
        self.comparison = comparison;
        self.source = source;
        self.warnings = warnings;
        self.warning_count = warning_count;
        self.refresh_outline();
        let n = self.comparison.subjects.len();
        if !same_source || self.columns.iter().any(|&c| c >= n) {
            self.columns = [0, 1];
            self.all_subjects = n > 2;
        }
        // The same row as before, whatever its kind: a dimension by its id
        // (it may have moved), the introduction, or the conclusion while
        // the content still has one.
        let kept = match selected_before {
            Section::Dimension(_) => selected_id
                .and_then(|id| self.index.get(&id).copied())
                .map(Section::Dimension),
            Section::Intro => Some(Section::Intro),
            Section::Conclusion => Outline::of(&self.comparison)
                .has_conclusion
                .then_some(Section::Conclusion),
        };
        self.selected = match kept {
            Some(section) if same_source => section,
            _ => self.section_at(0),
        };
        self.selection_jumped = true;
    }
}
