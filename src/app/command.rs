//! The commands panels emit, and how the app applies them after layout.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::history::NoteKey;
pub use super::present::PresentCmd;
pub use super::view::{FindCmd, ViewCmd, Zoom};
use super::{Section, Source, VersusApp};
use crate::model::Comparison;
use crate::platform::file_dialog::{DialogPurpose, PathPurpose};
use crate::storage;

/// Something a panel asks the app to do, applied after layout. Grouped by
/// what it touches; each group is applied by one exhaustive `match`, so a
/// new command does not compile until someone decides what it does.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Moving around: the selection and the columns shown.
    Nav(Nav),
    /// Changing the notes, or deciding about their file.
    Notes(NotesCmd),
    /// Opening files: the path dialog, reloading, the built-in comparison.
    File(FileCmd),
    /// The export dialog and where exports go.
    Export(ExportCmd),
    /// Searching and filtering the sidebar, and jumping between finds.
    Find(FindCmd),
    /// The command palette and the shortcuts window.
    View(ViewCmd),
    /// Presenting the talk.
    Present(PresentCmd),
    /// Quit.
    Quit,
}

/// Moving around: the selection and the columns shown.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Show this section.
    Select(Section),
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
    /// Show every subject as a column (`true`) or the two chosen.
    ShowAllSubjects(bool),
    /// Move keyboard focus to the note editor.
    FocusNote,
}

impl From<Nav> for Command {
    fn from(c: Nav) -> Self {
        Self::Nav(c)
    }
}

/// Changing the notes, or deciding about their file.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesCmd {
    /// A note's text was edited: this is its text now. Typing in one
    /// note coalesces into one undo step until [`NotesCmd::EndTyping`].
    SetText {
        /// Which note.
        note: NoteKey,
        /// Its whole text.
        text: String,
    },
    /// The note editor was left: the next keystroke starts a new undo step.
    EndTyping,
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
    /// The notes file is a link out of the comparison's folder: write
    /// through it to where it points now (remembered for this link).
    TrustNotesLink,
    /// Notes on a dimension the content no longer has: move them to this
    /// dimension (a renamed one).
    AttachOrphan {
        /// The id the notes are on.
        from: String,
        /// The dimension to move them to.
        to: String,
    },
    /// Notes on a dimension the content no longer has: remove them (asked
    /// twice in the panel).
    DeleteOrphan(String),
    /// Set the talk's length in minutes (0: none).
    SetTalkMinutes(u32),
    /// Share budgets by what was marked (`true`) or equally.
    SetWeighted(bool),
    /// Set a dimension's budget by hand (seconds), or give it back to the
    /// plan (`None`).
    SetBudget {
        /// Index of the dimension.
        dimension: usize,
        /// Seconds, or `None` for the plan's proposal.
        seconds: Option<u32>,
    },
    /// Record which subject fits better on a dimension (`None`: no verdict).
    SetVerdict {
        /// Index of the dimension.
        dimension: usize,
        /// The verdict.
        verdict: Option<crate::notes::Verdict>,
    },
    /// Set how much a dimension matters (0 to 3).
    SetWeight {
        /// Index of the dimension.
        dimension: usize,
        /// The weight.
        weight: u8,
    },
    /// Replace the notes with `merged`, merged from a colleague's notes
    /// (File ▸ Merge notes from…): one undo step. Refused when the notes
    /// are no longer `reviewed`, those the review was made from.
    ApplyMerge {
        /// The notes the review was made from.
        reviewed: Box<crate::notes::Notes>,
        /// The notes as chosen in the review.
        merged: Box<crate::notes::Notes>,
    },
    /// The notes file changed on disk: merge it with these notes field by
    /// field (the version last read or written is the base), keep a copy of
    /// it aside and write the result. One undo step.
    MergeOnDisk,
    /// The person checked what a merge flagged on this note: clear the flag.
    ClearMergeCheck(NoteKey),
    /// Undo the last change to the notes, typing included (Ctrl+Z, in
    /// the note editor too).
    Undo,
    /// Redo what was undone (Ctrl+Shift+Z).
    Redo,
}

impl From<PresentCmd> for Command {
    fn from(c: PresentCmd) -> Self {
        Self::Present(c)
    }
}

impl NotesCmd {
    /// Whether the command changes annotations in a way recorded by
    /// comparing the notes before and after it (typing is recorded as it
    /// comes, undo and redo walk the history, the rest decide about the
    /// file).
    #[must_use]
    pub fn undoable(&self) -> bool {
        match self {
            Self::ToggleStar(_)
            | Self::ToggleHighlight { .. }
            | Self::AttachOrphan { .. }
            | Self::DeleteOrphan(_)
            | Self::SetTalkMinutes(_)
            | Self::SetWeighted(_)
            | Self::SetBudget { .. }
            | Self::SetVerdict { .. }
            | Self::SetWeight { .. }
            | Self::ApplyMerge { .. }
            | Self::MergeOnDisk
            | Self::ClearMergeCheck(_) => true,
            // The first two become one of the above, recorded there.
            Self::ToggleStarSelected
            | Self::ToggleHighlightRow(_)
            | Self::SetText { .. }
            | Self::EndTyping
            | Self::Undo
            | Self::Redo
            | Self::KeepMine
            | Self::ReloadTheirs
            | Self::MoveBrokenAside
            | Self::TrustNotesLink => false,
        }
    }
}

impl From<NotesCmd> for Command {
    fn from(c: NotesCmd) -> Self {
        Self::Notes(c)
    }
}

/// Opening files: the path dialog, reloading, the built-in comparison.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCmd {
    /// Show the path dialog for this purpose.
    ShowDialog(PathPurpose),
    /// Ask the system file dialog for the path dialog's purpose.
    Browse,
    /// Act on a path chosen in the path dialog.
    Submit(PathBuf),
    /// Close the path dialog.
    CloseDialog,
    /// Load the current file again.
    Reload,
    /// Open this comparison (a recent file, a dropped one).
    Open(PathBuf),
    /// Open again the comparison last left for another one.
    ReopenClosed,
    /// Go back to the built-in comparison.
    OpenBuiltIn,
    /// Hide the load error.
    DismissError,
}

impl From<FileCmd> for Command {
    fn from(c: FileCmd) -> Self {
        Self::File(c)
    }
}

/// The export dialog and where exports go.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportCmd {
    /// Show the export dialog.
    ShowDialog,
    /// Close the export dialog.
    CloseDialog,
    /// The export format or the audience choice changed: suggest a file
    /// name to match (its extension; `-audience` for the audience
    /// version).
    FormatChanged,
    /// Ask the system save dialog where to export.
    Browse,
    /// Export to this path (asks once before overwriting).
    Submit(PathBuf),
    /// Open this folder in the system's file manager.
    OpenFolder(PathBuf),
}

impl From<ExportCmd> for Command {
    fn from(c: ExportCmd) -> Self {
        Self::Export(c)
    }
}

impl VersusApp {
    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        // Whatever the person does next, the first-run screen has done its
        // job (Esc, a key, a menu); only looking for help or changing how
        // things look leaves it up.
        let keeps_welcome = matches!(
            command,
            Command::View(
                ViewCmd::Theme(_)
                    | ViewCmd::Zoom(_)
                    | ViewCmd::ShowPalette
                    | ViewCmd::ClosePalette
                    | ViewCmd::ShowShortcuts
                    | ViewCmd::CloseShortcuts
            )
        );
        if !keeps_welcome {
            self.welcome = false;
        }
        // Anything but typing ends a stretch of typing: the next keystroke
        // is a new undo step.
        if !matches!(command, Command::Notes(NotesCmd::SetText { .. })) {
            self.history.seal();
        }
        match command {
            Command::Nav(c) => self.apply_nav(c),
            Command::Notes(c) => self.apply_notes(c),
            Command::File(c) => self.apply_file(c),
            Command::Export(c) => self.apply_export(c),
            Command::Find(c) => self.apply_find(c),
            Command::View(c) => self.apply_view(c),
            Command::Present(c) => self.apply_present(c, self.clock),
            Command::Quit => self.quit_requested = true,
        }
        // A star, a note or a new file can change what a filter lists.
        self.refresh_outline();
    }

    /// Moves the selection or changes the columns.
    fn apply_nav(&mut self, command: Nav) {
        match command {
            Nav::Select(section) => self.selected = section,
            Nav::Move(_) | Nav::First | Nav::Last if self.outline().is_empty() => {}
            Nav::Move(delta) => {
                let row = self.row_of(self.selected).saturating_add_signed(delta);
                self.selected = self.section_at(row);
                self.scroll_to_selected = true;
            }
            Nav::First => {
                self.selected = self.section_at(0);
                self.scroll_to_selected = true;
            }
            Nav::Last => {
                self.selected = self.section_at(usize::MAX);
                self.scroll_to_selected = true;
            }
            Nav::SetColumn { column, subject } => {
                if subject < self.comparison.subjects.len() && column < 2 {
                    // Never the same subject twice: choosing the other
                    // column's subject swaps the two.
                    let other = 1 - column;
                    if self.columns[other] == subject {
                        self.columns[other] = self.columns[column];
                    }
                    self.columns[column] = subject;
                }
            }
            Nav::ShowAllSubjects(all) => self.all_subjects = all,
            Nav::SwapColumns => self.columns.swap(0, 1),
            // In the overview, Enter opens the selected dimension.
            Nav::FocusNote if self.overview => self.overview = false,
            Nav::FocusNote => self.focus_note = true,
        }
    }

    /// Opens files, through the path dialog or again.
    fn apply_file(&mut self, command: FileCmd) {
        match command {
            FileCmd::ShowDialog(purpose) => self.show_path_dialog(purpose),
            FileCmd::Browse => {
                if let Some(purpose) = self.path_dialog.purpose {
                    self.path_dialog.browsing = true;
                    self.path_dialog.hint = None;
                    let typed = self.path_dialog.path.trim();
                    let suggested = (!typed.is_empty()).then(|| PathBuf::from(typed));
                    self.dialogs
                        .request(DialogPurpose::Path(purpose), suggested);
                }
            }
            FileCmd::Submit(path) => self.submit_path(&path),
            FileCmd::Open(path) => self.open(&path),
            FileCmd::ReopenClosed => match self.remembered.last_closed.clone() {
                Some(path) => self.open(&path),
                None => self.message = Some("No comparison was closed yet".to_owned()),
            },
            FileCmd::CloseDialog => self.path_dialog.purpose = None,
            FileCmd::Reload => {
                if let Source::File(path) = self.source.clone() {
                    self.open(&path);
                }
            }
            FileCmd::OpenBuiltIn => {
                self.replace(Comparison::built_in(), Source::BuiltIn, Vec::new(), 0);
            }
            FileCmd::DismissError => self.error = None,
        }
    }

    /// Applies a command that changes the notes or their file.
    fn apply_notes(&mut self, command: NotesCmd) {
        let now = Instant::now();
        // What the command changes goes on the history once it is done,
        // field by field (undoing it then touches nothing else).
        let before = command.undoable().then(|| self.notes_file.notes.clone());
        match command {
            NotesCmd::Undo => self.walk_history(true, now),
            NotesCmd::Redo => self.walk_history(false, now),
            NotesCmd::SetText { note, text } => self.set_text(note, text, now),
            NotesCmd::EndTyping => self.history.seal(),
            NotesCmd::ToggleStar(i) => {
                if let Some(d) = self.comparison.dimensions.get(i) {
                    self.notes_file.notes.toggle_star(&d.id);
                    self.notes_file.changed(now);
                }
            }
            NotesCmd::ToggleStarSelected => {
                if let Section::Dimension(i) = self.selected {
                    self.apply_notes(NotesCmd::ToggleStar(i));
                }
            }
            NotesCmd::ToggleHighlight { dimension, aspect } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    self.notes_file.notes.toggle_highlight(&d.id, &aspect);
                    self.notes_file.changed(now);
                }
            }
            NotesCmd::ToggleHighlightRow(n) => {
                if let Section::Dimension(i) = self.selected
                    && let Some(p) = self
                        .comparison
                        .dimensions
                        .get(i)
                        .and_then(|d| d.points.get(n.wrapping_sub(1)))
                {
                    let aspect = p.aspect.clone();
                    self.apply_notes(NotesCmd::ToggleHighlight {
                        dimension: i,
                        aspect,
                    });
                }
            }
            NotesCmd::SetTalkMinutes(_)
            | NotesCmd::SetWeighted(_)
            | NotesCmd::SetBudget { .. }
            | NotesCmd::SetVerdict { .. }
            | NotesCmd::SetWeight { .. } => self.apply_talk(command, now),
            NotesCmd::KeepMine => {
                let done = self.notes_file.keep_mine();
                self.message = Some(aside_message(
                    done,
                    "Wrote your notes; the other version is kept in",
                    "Could not keep a copy of the file on disk",
                ));
            }
            NotesCmd::ReloadTheirs => {
                let done = self.notes_file.reload_theirs();
                // The steps were made on the notes just replaced.
                self.history.clear();
                self.message = Some(aside_message(
                    done,
                    "Reloaded the notes file; your version is kept in",
                    "Could not keep a copy of your notes",
                ));
            }
            NotesCmd::AttachOrphan { from, to } => {
                self.notes_file.notes.reattach(&from, &to);
                self.notes_file.changed(now);
                self.message = Some(format!("The notes on \"{from}\" are now on \"{to}\""));
            }
            NotesCmd::DeleteOrphan(id) => {
                self.notes_file.notes.dimensions.remove(&id);
                self.notes_file.changed(now);
                self.message = Some(format!("Removed the notes on \"{id}\""));
            }
            NotesCmd::TrustNotesLink => self.trust_notes_link(now),
            NotesCmd::ApplyMerge { reviewed, merged } => self.apply_merge(&reviewed, *merged, now),
            NotesCmd::MergeOnDisk => self.merge_on_disk(now),
            NotesCmd::ClearMergeCheck(note) => self.clear_merge_check(&note, now),
            NotesCmd::MoveBrokenAside => {
                let done = self.notes_file.move_broken_aside();
                self.message = Some(aside_message(
                    done,
                    "The broken notes file is now",
                    "Could not move the broken notes file",
                ));
            }
        }
        if let Some(before) = before {
            self.history.record(&before, &self.notes_file.notes);
        }
    }

    /// File ▸ Merge notes from…: reads a colleague's notes file and opens
    /// the review of what it adds (a two-way merge: there is no common
    /// version). Refuses the open notes file itself and anything that is
    /// not notes, in the path dialog.
    pub(super) fn review_merge(&mut self, path: &Path) {
        if storage::same_file(path, &self.notes_file.path) {
            self.path_dialog.hint = Some(format!(
                "{} is your own notes file; choose your colleague's copy.",
                path.display()
            ));
            return;
        }
        let theirs = crate::notes::read_existing(path)
            .and_then(|bytes| crate::notes::Notes::from_ron(&bytes, path));
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(e) => {
                self.path_dialog.hint = Some(e.to_string());
                return;
            }
        };
        let ours = &self.notes_file.notes;
        let comparison = &self.comparison;
        let name = |id: &str| crate::ui::merge_dialog::subject_name(comparison, id);
        let review = crate::notes::merge::Review::new(ours, &theirs, &name);
        self.path_dialog.purpose = None;
        if review.items.is_empty() {
            self.message = Some(format!("{} adds nothing to your notes", path.display()));
            return;
        }
        let dialog = &mut self.merge_dialog;
        dialog.remark = (!theirs.comparison.is_empty() && theirs.comparison != ours.comparison)
            .then(|| {
                format!(
                    "These notes are for \"{}\"; yours are for \"{}\".",
                    theirs.comparison, ours.comparison
                )
            });
        path.clone_into(&mut dialog.from);
        dialog.review = Some(review);
    }

    /// The person checked what a merge flagged on `note`.
    fn clear_merge_check(&mut self, note: &NoteKey, now: Instant) {
        let notes = &mut self.notes_file.notes;
        match note {
            NoteKey::Overall => notes.merged = None,
            NoteKey::Dimension(id) => {
                if let Some(d) = notes.dimensions.get_mut(id) {
                    d.merged = None;
                }
            }
        }
        self.notes_file.changed(now);
    }

    /// "Merge" on the changed-on-disk banner: a three-way merge of these
    /// notes and the file, with the version last read or written as the
    /// base (two-way when there is none), then written as "Keep mine"
    /// writes (the file's version kept aside).
    fn merge_on_disk(&mut self, now: Instant) {
        let path = self.notes_file.path.clone();
        let theirs = crate::notes::read_existing(&path)
            .and_then(|bytes| crate::notes::Notes::from_ron(&bytes, &path));
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(e) => {
                self.message = Some(format!("Could not merge: {e}"));
                return;
            }
        };
        let base = self
            .notes_file
            .last_read()
            .and_then(|bytes| crate::notes::Notes::from_ron(bytes, &path).ok());
        let ours = &self.notes_file.notes;
        let merged = match &base {
            Some(base) => crate::notes::merge::merge3(base, ours, &theirs),
            None => crate::notes::merge::merge2(ours, &theirs),
        };
        let clean = merged.is_clean();
        self.notes_file.notes = merged.notes;
        self.notes_file.changed(now);
        let done = self.notes_file.keep_mine();
        let what = if clean {
            "Merged the file on disk with your notes".to_owned()
        } else {
            let places: Vec<String> = merged.kept_both.iter().map(ToString::to_string).collect();
            format!(
                "Merged; both versions kept in {} (flagged \"merged, check\")",
                places.join(", ")
            )
        };
        self.message = Some(aside_message(
            done,
            &format!("{what}; the file's version is kept in"),
            "Merged, but could not keep a copy of the file on disk",
        ));
    }

    /// Writes the notes through their link out of the folder from now on,
    /// to where it points now, remembered for this link.
    fn trust_notes_link(&mut self, now: Instant) {
        if let Some(link) = self.notes_file.untrusted_link() {
            self.remembered
                .trust_link(&self.notes_file.path, &link.target);
            self.notes_file.trust_link(link.target.clone(), now);
            self.message = Some(format!(
                "Notes are now written through the link to {}",
                link.target.display()
            ));
        }
    }

    /// Takes the reviewed merge of a colleague's notes, if the notes are
    /// still those the review was made on.
    fn apply_merge(
        &mut self,
        reviewed: &crate::notes::Notes,
        merged: crate::notes::Notes,
        now: Instant,
    ) {
        if *reviewed == self.notes_file.notes {
            self.notes_file.notes = merged;
            self.notes_file.changed(now);
            self.message = Some("Merged; Ctrl+Z undoes the whole merge".to_owned());
        } else {
            // Another notes file, or a change made meanwhile: the review no
            // longer describes these notes.
            self.message = Some(
                "Your notes changed during the review; nothing was merged. Merge notes from… again"
                    .to_owned(),
            );
        }
    }

    /// Undoes (`true`) or redoes the last step on the notes.
    fn walk_history(&mut self, undo: bool, now: Instant) {
        let notes = &mut self.notes_file.notes;
        let done = if undo {
            self.history.undo(notes)
        } else {
            self.history.redo(notes)
        };
        if done {
            self.notes_file.changed(now);
        } else {
            let what = if undo { "undo" } else { "redo" };
            self.message = Some(format!("Nothing to {what}"));
        }
    }

    /// Sets a note's text, as typed, and records it on the history.
    fn set_text(&mut self, note: NoteKey, text: String, now: Instant) {
        let notes = &mut self.notes_file.notes;
        let slot = match &note {
            NoteKey::Overall => &mut notes.overall,
            NoteKey::Dimension(id) => notes.text_mut(id),
        };
        if *slot != text {
            let old = std::mem::replace(slot, text.clone());
            self.history.typed(note, old, text);
            self.notes_file.changed(now);
        }
    }

    /// Applies a command of the export dialog.
    fn apply_export(&mut self, command: ExportCmd) {
        match command {
            ExportCmd::ShowDialog => {
                // What the window shows: every subject (empty), or the pair.
                let subjects = if self.shown_subjects().len() > 2 {
                    Vec::new()
                } else {
                    self.columns.to_vec()
                };
                let dialog = &mut self.export_dialog;
                dialog.open = true;
                dialog.hint = None;
                dialog.confirm_overwrite = None;
                dialog.options.subjects = subjects;
                if dialog.path.is_empty() {
                    self.apply_export(ExportCmd::FormatChanged);
                }
            }
            ExportCmd::CloseDialog => self.export_dialog.open = false,
            ExportCmd::FormatChanged => {
                let dialog = &mut self.export_dialog;
                // "… exists" was about the old file name.
                dialog.hint = None;
                let name = crate::export::default_file_name(
                    &self.comparison,
                    dialog.format,
                    dialog.export_options().audience,
                );
                let typed = PathBuf::from(dialog.path.trim());
                let dir = typed
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map(Path::to_owned)
                    .or_else(|| self.remembered.export.folder.clone().filter(|d| d.is_dir()))
                    .unwrap_or_else(|| storage::export_dir(self.source.path()));
                dialog.path = dir.join(name).display().to_string();
                dialog.confirm_overwrite = None;
            }
            ExportCmd::Browse => {
                let dialog = &mut self.export_dialog;
                dialog.browsing = true;
                dialog.hint = None;
                let suggested = PathBuf::from(dialog.path.trim());
                self.dialogs.request(
                    DialogPurpose::Export(dialog.format.extension()),
                    Some(suggested),
                );
            }
            ExportCmd::Submit(path) => self.export_to(path),
            ExportCmd::OpenFolder(dir) => {
                self.open_url = Some(format!("file://{}", dir.display()));
            }
        }
    }
}

/// The status line after a copy or move aside: where it went, or why not.
fn aside_message<E: std::fmt::Display>(
    done: Result<PathBuf, E>,
    success: &str,
    failure: &str,
) -> String {
    match done {
        Ok(aside) => format!("{success} {}", aside.display()),
        Err(e) => format!("{failure}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::app::find::Filter;
    use crate::notes::file::Status;

    fn app(data: &Path) -> VersusApp {
        VersusApp::new(Comparison::built_in(), Source::BuiltIn, data.to_owned())
    }

    #[test]
    fn navigation_moves_the_selection_and_the_columns() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        assert_eq!(a.selected, Section::Intro);
        a.apply(Nav::Move(1).into());
        assert_eq!(a.selected, Section::Dimension(0));
        a.apply(Nav::Last.into());
        assert_eq!(a.selected, Section::Conclusion);
        a.apply(Nav::Move(-2).into());
        let last = a.comparison.dimensions.len() - 2;
        assert_eq!(a.selected, Section::Dimension(last));
        a.apply(Nav::First.into());
        assert_eq!(a.selected, Section::Intro);
        a.apply(Nav::Select(Section::Dimension(3)).into());
        assert_eq!(a.selected, Section::Dimension(3));
        a.apply(Nav::SwapColumns.into());
        assert_eq!(a.columns, [1, 0]);
        // A subject that does not exist is ignored.
        a.apply(
            Nav::SetColumn {
                column: 0,
                subject: 9,
            }
            .into(),
        );
        assert_eq!(a.columns, [1, 0]);
        a.apply(Nav::FocusNote.into());
        assert!(a.focus_note);
    }

    #[test]
    fn notes_commands_change_the_notes_and_mark_them_unsaved() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply(Nav::Select(Section::Dimension(0)).into());
        let id = a.comparison.dimensions[0].id.clone();
        a.apply(NotesCmd::ToggleStarSelected.into());
        assert!(a.notes().is_starred(&id));
        assert_eq!(a.notes_file.status, Status::Unsaved);
        a.apply(NotesCmd::ToggleStar(0).into());
        assert!(!a.notes().is_starred(&id));
        a.apply(NotesCmd::ToggleHighlightRow(1).into());
        let aspect = a.comparison.dimensions[0].points[0].aspect.clone();
        assert!(a.notes().is_highlighted(&id, &aspect));
        // A row that does not exist changes nothing.
        a.apply(NotesCmd::ToggleHighlightRow(99).into());
        assert_eq!(a.notes().get(&id).unwrap().highlights.len(), 1);
        // Nothing to move aside: the file is fine, so nothing is renamed.
        a.apply(NotesCmd::MoveBrokenAside.into());
        assert!(a.message.unwrap().starts_with("Could not move"));
    }

    #[test]
    fn file_commands_drive_the_path_dialog_and_keep_what_is_shown() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply(FileCmd::ShowDialog(PathPurpose::OpenContent).into());
        assert_eq!(a.path_dialog.purpose, Some(PathPurpose::OpenContent));
        a.apply(FileCmd::Submit(data.path().join("missing.ron")).into());
        assert!(a.error.as_deref().unwrap().contains("missing.ron"));
        assert_eq!(a.source, Source::BuiltIn);
        a.apply(FileCmd::DismissError.into());
        assert!(a.error.is_none());
        a.apply(FileCmd::CloseDialog.into());
        assert_eq!(a.path_dialog.purpose, None);
        a.apply(FileCmd::Reload.into());
        a.apply(FileCmd::OpenBuiltIn.into());
        assert_eq!(a.source, Source::BuiltIn);
    }

    #[test]
    fn export_commands_open_name_and_close_the_dialog_and_quit_quits() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply(ExportCmd::ShowDialog.into());
        assert!(a.export_dialog.open);
        assert!(
            Path::new(&a.export_dialog.path)
                .extension()
                .is_some_and(|e| e == "md")
        );
        a.export_dialog.format = crate::export::Format::Html;
        a.apply(ExportCmd::FormatChanged.into());
        assert!(
            Path::new(&a.export_dialog.path)
                .extension()
                .is_some_and(|e| e == "html")
        );
        let out = data.path().join("out.html");
        a.apply(ExportCmd::Submit(out.clone()).into());
        assert!(out.is_file());
        assert!(!a.export_dialog.open);
        a.apply(ExportCmd::ShowDialog.into());
        a.apply(ExportCmd::CloseDialog.into());
        assert!(!a.export_dialog.open);
        a.apply(Command::Quit);
        assert!(a.quit_requested);
    }

    #[test]
    fn find_commands_narrow_jump_and_go_back() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        let all = a.row_count();
        a.apply(Nav::Select(Section::Dimension(4)).into());
        let title = a.comparison.dimensions[2].title.to_uppercase();
        a.finder.text = title;
        a.apply(FindCmd::Changed.into());
        assert!(a.row_count() < all);
        assert_eq!(a.selected, Section::Dimension(2), "the first match");
        a.apply(FindCmd::Next.into());
        a.apply(FindCmd::Previous.into());
        assert_eq!(a.selected, Section::Dimension(2));
        a.apply(FindCmd::Clear.into());
        assert_eq!((a.row_count(), a.selected), (all, Section::Dimension(4)));

        let id = a.comparison.dimensions[6].id.clone();
        a.notes_file.notes.toggle_star(&id);
        a.apply(FindCmd::SetFilter(Filter::Starred).into());
        assert_eq!(a.row_count(), 1);
        assert_eq!(a.selected, Section::Dimension(6));
        a.apply(FindCmd::SetFilter(Filter::All).into());
        a.apply(Nav::First.into());
        a.apply(FindCmd::NextAnnotated.into());
        assert_eq!(a.selected, Section::Dimension(6));
        a.apply(FindCmd::NextAnnotated.into());
        assert_eq!(a.selected, Section::Dimension(6));
        assert!(a.message.is_some());
        a.apply(FindCmd::Focus.into());
        assert!(a.focus_search);
    }
}
