//! The commands panels emit, and how the app applies them after layout.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Entry, Source, VersusApp, error_text, index_of, open_notes_of};
use crate::model::{Comparison, Diagnostic};
use crate::notes::session::{self, NotesSession, NotesTarget};
use crate::platform::file_dialog::DialogPurpose;
use crate::storage;

/// Something a panel asks the app to do, applied after layout.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show this entry.
    Select(Entry),
    /// Move the selection by this many rows (clamped).
    Move(isize),
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Show subject `subject` in column `column` (0 left, 1 right).
    SetColumn {
        /// 0 for left, 1 for right.
        column: usize,
        /// Index into the comparison's subjects.
        subject: usize,
    },
    /// Swap the two columns.
    SwapColumns,
    /// Show the path dialog for this purpose.
    ShowPathDialog(DialogPurpose),
    /// Ask the system file dialog for the path dialog's purpose.
    Browse,
    /// Act on a path chosen in the path dialog.
    SubmitPath(PathBuf),
    /// Close the path dialog.
    ClosePathDialog,
    /// Load the current file again.
    Reload,
    /// Go back to the built-in comparison.
    OpenBuiltIn,
    /// Hide the load error.
    DismissError,
    /// Move keyboard focus to the note editor.
    FocusNote,
    /// A note's text was edited.
    NoteEdited,
    /// Star or un-star the dimension at this index.
    ToggleStar(usize),
    /// Star or un-star the selected dimension.
    ToggleStarSelected,
    /// Highlight or clear the point with this aspect on a dimension.
    ToggleHighlight {
        /// Index of the dimension.
        dimension: usize,
        /// The point's aspect.
        aspect: String,
    },
    /// Highlight or clear the n-th (1-based) point of the selected dimension.
    ToggleHighlightRow(usize),
    /// The notes file changed on disk: keep a copy of it aside and write ours.
    KeepMine,
    /// The notes file changed on disk: keep ours aside and load the file.
    ReloadTheirs,
    /// The notes file is broken: move it aside and carry on.
    MoveBrokenAside,
    /// Show the export dialog.
    ShowExport,
    /// Close the export dialog.
    CloseExport,
    /// The export format changed: suggest a file name with its extension.
    ExportFormatChanged,
    /// Ask the system save dialog where to export.
    BrowseExport,
    /// Export to this path (asks once before overwriting).
    ExportTo(PathBuf),
    /// Open this folder in the system's file manager.
    OpenFolder(PathBuf),
    /// Quit.
    Quit,
}

impl VersusApp {
    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(entry) => self.selected = entry,
            Command::Move(delta) => {
                let row = self.row_of(self.selected).saturating_add_signed(delta);
                self.selected = self.entry_at(row);
                self.scroll_to_selected = true;
            }
            Command::First => {
                self.selected = self.entry_at(0);
                self.scroll_to_selected = true;
            }
            Command::Last => {
                self.selected = self.entry_at(usize::MAX);
                self.scroll_to_selected = true;
            }
            Command::SetColumn { column, subject } => {
                if subject < self.comparison.subjects.len()
                    && let Some(c) = self.columns.get_mut(column)
                {
                    *c = subject;
                }
            }
            Command::SwapColumns => self.columns.swap(0, 1),
            Command::ShowPathDialog(purpose) => self.show_path_dialog(purpose),
            Command::Browse => {
                if let Some(purpose) = self.path_dialog.purpose {
                    self.path_dialog.browsing = true;
                    self.path_dialog.hint = None;
                    let typed = self.path_dialog.path.trim();
                    let suggested = (!typed.is_empty()).then(|| PathBuf::from(typed));
                    self.dialogs.request(purpose, suggested);
                }
            }
            Command::SubmitPath(path) => self.submit_path(&path),
            Command::ClosePathDialog => self.path_dialog.purpose = None,
            Command::Reload => {
                if let Source::File(path) = self.source.clone() {
                    self.open(&path);
                }
            }
            Command::OpenBuiltIn => {
                self.replace(Comparison::built_in(), Source::BuiltIn, Vec::new());
            }
            Command::DismissError => self.error = None,
            Command::FocusNote => self.focus_note = true,
            Command::Quit => self.quit_requested = true,
            Command::ShowExport
            | Command::CloseExport
            | Command::ExportFormatChanged
            | Command::BrowseExport
            | Command::ExportTo(_)
            | Command::OpenFolder(_) => self.apply_export(command),
            other => self.apply_notes(other),
        }
    }

    /// Applies a command that changes the notes or their file.
    pub(super) fn apply_notes(&mut self, command: Command) {
        let now = Instant::now();
        match command {
            Command::NoteEdited => self.session.changed(now),
            Command::ToggleStar(i) => {
                if let Some(d) = self.comparison.dimensions.get(i) {
                    self.session.notes.toggle_star(&d.id);
                    self.session.changed(now);
                }
            }
            Command::ToggleStarSelected => {
                if let Entry::Dimension(i) = self.selected {
                    self.apply(Command::ToggleStar(i));
                }
            }
            Command::ToggleHighlight { dimension, aspect } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    self.session.notes.toggle_highlight(&d.id, &aspect);
                    self.session.changed(now);
                }
            }
            Command::ToggleHighlightRow(n) => {
                if let Entry::Dimension(i) = self.selected
                    && let Some(p) = self
                        .comparison
                        .dimensions
                        .get(i)
                        .and_then(|d| d.points.get(n.wrapping_sub(1)))
                {
                    let aspect = p.aspect.clone();
                    self.apply(Command::ToggleHighlight {
                        dimension: i,
                        aspect,
                    });
                }
            }
            Command::KeepMine => {
                self.message = Some(match self.session.keep_mine() {
                    Ok(aside) => format!(
                        "Wrote your notes; the other version is kept in {}",
                        aside.display()
                    ),
                    Err(e) => format!("Could not keep a copy of the file on disk: {e}"),
                });
            }
            Command::ReloadTheirs => {
                self.message = Some(match self.session.reload_theirs() {
                    Ok(aside) => format!(
                        "Reloaded the notes file; your version is kept in {}",
                        aside.display()
                    ),
                    Err(e) => format!("Could not keep a copy of your notes: {e}"),
                });
            }
            Command::MoveBrokenAside => {
                self.message = Some(match self.session.move_broken_aside() {
                    Ok(aside) => format!("The broken notes file is now {}", aside.display()),
                    Err(e) => format!("Could not move the broken notes file: {e}"),
                });
            }
            // Navigation and file commands are handled in `apply`.
            _ => {}
        }
    }

    /// Applies a command of the export dialog.
    pub(super) fn apply_export(&mut self, command: Command) {
        match command {
            Command::ShowExport => {
                let dialog = &mut self.export_dialog;
                dialog.open = true;
                dialog.hint = None;
                dialog.confirm_overwrite = None;
                dialog.options.subjects = self.columns;
                if dialog.path.is_empty() {
                    self.apply_export(Command::ExportFormatChanged);
                }
            }
            Command::CloseExport => self.export_dialog.open = false,
            Command::ExportFormatChanged => {
                let dialog = &mut self.export_dialog;
                let name = crate::export::default_file_name(&self.comparison, dialog.format);
                let typed = PathBuf::from(dialog.path.trim());
                let dir = typed
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map_or_else(|| storage::export_dir(self.source.path()), Path::to_owned);
                dialog.path = dir.join(name).display().to_string();
                dialog.confirm_overwrite = None;
            }
            Command::BrowseExport => {
                let dialog = &mut self.export_dialog;
                dialog.browsing = true;
                dialog.hint = None;
                let suggested = PathBuf::from(dialog.path.trim());
                self.dialogs.request(
                    DialogPurpose::Export(dialog.format.extension()),
                    Some(suggested),
                );
            }
            Command::ExportTo(path) => self.export_to(path),
            Command::OpenFolder(dir) => {
                self.open_url = Some(format!("file://{}", dir.display()));
            }
            _ => {}
        }
    }

    /// Writes the export chosen in the dialog to `path`: a regular file
    /// atomically (asking once before replacing one), a device or pipe
    /// directly, through a link to its target; never over the comparison
    /// or the notes file.
    pub(super) fn export_to(&mut self, path: PathBuf) {
        let dialog = &mut self.export_dialog;
        let inputs = [
            (self.source.path(), "the comparison that is open"),
            (Some(self.session.path.as_path()), "the notes file"),
        ];
        if let Some((_, what)) = inputs
            .iter()
            .find(|(p, _)| p.is_some_and(|p| storage::same_file(&path, p)))
        {
            dialog.hint = Some(format!(
                "{} is {what}; choose another file for the export.",
                path.display()
            ));
            return;
        }
        let target = match storage::resolve_target(&path) {
            Ok(t) => t,
            Err(e) => {
                dialog.hint = Some(format!("Could not export: {e}"));
                return;
            }
        };
        if target.kind == storage::TargetKind::Regular
            && dialog.confirm_overwrite.as_ref() != Some(&path)
        {
            dialog.hint = Some(format!(
                "{} exists. Press Export again to overwrite it.",
                path.display()
            ));
            dialog.confirm_overwrite = Some(path);
            return;
        }
        let text = crate::export::export(
            dialog.format,
            &self.comparison,
            &self.session.notes,
            &dialog.options,
        );
        match storage::write_export(&path, text.as_bytes()) {
            Ok(()) => {
                dialog.open = false;
                dialog.hint = None;
                dialog.confirm_overwrite = None;
                self.message = Some(format!(
                    "Exported {} to {}",
                    dialog.format.label(),
                    path.display()
                ));
                self.last_export = Some(path);
            }
            Err(e) => {
                dialog.hint = Some(format!("Could not export: {e}"));
            }
        }
    }

    pub(super) fn show_path_dialog(&mut self, purpose: DialogPurpose) {
        let dialog = &mut self.path_dialog;
        if dialog.purpose != Some(purpose) {
            dialog.path = match purpose {
                DialogPurpose::OpenContent => self
                    .source
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                DialogPurpose::OpenNotes
                | DialogPurpose::SaveNotesAs
                | DialogPurpose::Export(_) => self.session.path.display().to_string(),
            };
        }
        dialog.purpose = Some(purpose);
        dialog.hint = None;
        dialog.confirm_overwrite = None;
    }

    pub(super) fn submit_path(&mut self, path: &Path) {
        match self.path_dialog.purpose {
            Some(DialogPurpose::OpenContent | DialogPurpose::Export(_)) | None => self.open(path),
            Some(DialogPurpose::OpenNotes) => self.open_notes(path),
            Some(DialogPurpose::SaveNotesAs) => self.save_notes_as(path),
        }
    }

    /// Follows another notes file: only a notes file, never the open
    /// comparison or any other document.
    pub(super) fn open_notes(&mut self, path: &Path) {
        let refusal = match session::check_notes_target(path, self.source.path()) {
            Ok(NotesTarget::Notes) => None,
            Ok(NotesTarget::New) => Some(format!(
                "{} does not exist. To start a new notes file there, use Save notes as… in the File menu.",
                path.display()
            )),
            Ok(NotesTarget::Empty) => Some(format!(
                "{} is empty. To write notes there, use Save notes as… in the File menu.",
                path.display()
            )),
            Err(message) => Some(message),
        };
        if let Some(message) = refusal {
            self.path_dialog.hint = Some(message);
            return;
        }
        if !self.flush_notes() {
            self.path_dialog.purpose = None;
            return;
        }
        let fallback = self.session.fallback.take();
        self.session = NotesSession::open(path.to_owned(), &self.comparison.title);
        self.session.fallback = fallback;
        self.path_dialog.purpose = None;
        self.message = Some(format!("Notes now come from {}", path.display()));
    }

    /// Writes the notes to another file and follows it: never the open
    /// comparison, never a file that is not notes, and asks once before
    /// replacing a notes file.
    pub(super) fn save_notes_as(&mut self, path: &Path) {
        let dialog = &mut self.path_dialog;
        match session::check_notes_target(path, self.source.path()) {
            Err(message) => {
                dialog.hint = Some(message);
                return;
            }
            Ok(NotesTarget::Notes | NotesTarget::Empty)
                if dialog.confirm_overwrite.as_deref() != Some(path)
                    && !storage::same_file(path, &self.session.path) =>
            {
                dialog.hint = Some(format!(
                    "{} exists. Press Save again to replace it with these notes.",
                    path.display()
                ));
                dialog.confirm_overwrite = Some(path.to_owned());
                return;
            }
            Ok(_) => {}
        }
        match self.session.save_as(path) {
            Ok(()) => {
                self.path_dialog.purpose = None;
                self.path_dialog.confirm_overwrite = None;
                self.message = Some(format!("Notes saved to {}", path.display()));
            }
            Err(e) => self.path_dialog.hint = Some(format!("Could not save: {e}")),
        }
    }

    /// Loads `path`; on failure keeps what is shown and records the error.
    pub(super) fn open(&mut self, path: &Path) {
        match Comparison::load(path) {
            Ok(loaded) => {
                self.replace(
                    loaded.comparison,
                    Source::File(path.to_owned()),
                    loaded.warnings,
                );
                self.error = None;
                self.path_dialog.purpose = None;
            }
            Err(e) => self.error = Some(error_text(&e)),
        }
    }

    /// Shows `comparison`. The same source loaded again keeps its notes and
    /// selection (by dimension id); another source saves these notes first
    /// and opens its own.
    pub(super) fn replace(
        &mut self,
        comparison: Comparison,
        source: Source,
        warnings: Vec<Diagnostic>,
    ) {
        let selected_id = self.selected_dimension_id().map(str::to_owned);
        let same_source = source == self.source;
        if !same_source {
            if !self.flush_notes() {
                return;
            }
            self.session = open_notes_of(&source, &comparison.title, &self.data_dir);
        }
        self.index = index_of(&comparison);
        self.comparison = comparison;
        self.source = source;
        self.warnings = warnings;
        let n = self.comparison.subjects.len();
        if !same_source || self.columns.iter().any(|&c| c >= n) {
            self.columns = [0, 1];
        }
        self.selected = match selected_id.and_then(|id| self.index.get(&id).copied()) {
            Some(i) if same_source => Entry::Dimension(i),
            _ => self.entry_at(0),
        };
        self.scroll_to_selected = true;
    }
}
