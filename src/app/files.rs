//! Files the app opens and writes on the user's word: a comparison, a
//! notes file (open, save as) and an export. Every path is checked before a
//! byte is written: never over the comparison, never over a file that is not
//! what the action expects, and once asked before replacing one.

use std::path::{Path, PathBuf};

use super::VersusApp;
use crate::model::{Comparison, Diagnostic};
use crate::notes::file::{self, NotesFile, NotesTarget};
use crate::platform::file_dialog::PathPurpose;
use crate::session::Source;
use crate::storage;

impl VersusApp {
    /// Writes the export chosen in the dialog to `path`: a regular file
    /// atomically (asking once before replacing one), a device or pipe
    /// directly, through a link to its target only once the person has
    /// seen where it points and pressed Export again (never through a link
    /// to nothing); never over the comparison or the notes file.
    pub(super) fn export_to(&mut self, path: PathBuf) {
        let field = &mut self.export_dialog.field;
        let notes = Some(self.session.notes_file.path.as_path());
        if let Some(own) = storage::own_file(&path, self.session.source.path(), notes) {
            field.refuse(own.refusal(&path, "export"));
            return;
        }
        let link = storage::link_at(&path);
        if let Some(link) = &link {
            // A link is never followed unseen: the question names where it
            // points, and nothing is written until Export is pressed again.
            // A link to nothing is refused: no file is made through a link.
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let target = link.target.display();
            if link.is_dangling() {
                field.refuse(format!(
                    "{name} is a link to {target}, which does not exist; versus does not create files through links. Choose another name."
                ));
                return;
            }
            if !field.was_asked(&path) {
                field.ask(
                    path,
                    format!(
                        "{name} is a link to {target}. Press Export again to write the export into {target}, or choose another name."
                    ),
                );
                return;
            }
        }
        let target = match storage::resolve_target(&path) {
            Ok(t) => t,
            Err(e) => {
                field.refuse(format!("Could not export: {e}"));
                return;
            }
        };
        if link.is_none() && target.kind == storage::TargetKind::Regular && !field.was_asked(&path)
        {
            let question = format!(
                "{} exists. Press Export again to overwrite it.",
                path.display()
            );
            field.ask(path, question);
            return;
        }
        self.start_export(path);
    }

    pub(super) fn show_path_dialog(&mut self, purpose: PathPurpose) {
        let session = &self.session;
        self.path_dialog.show(purpose, || match purpose {
            PathPurpose::OpenContent => session
                .source
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            PathPurpose::OpenNotes | PathPurpose::SaveNotesAs => {
                session.notes_file.path.display().to_string()
            }
            // Their copy sits elsewhere: start from this notes file's
            // folder.
            PathPurpose::MergeNotes => {
                format!(
                    "{}/",
                    storage::folder_of(&session.notes_file.path).display()
                )
            }
        });
    }

    pub(super) fn submit_path(&mut self, path: &Path) {
        match self.path_dialog.purpose {
            Some(PathPurpose::OpenContent) | None => self.open(path),
            Some(PathPurpose::OpenNotes) => self.open_notes(path),
            Some(PathPurpose::SaveNotesAs) => self.save_notes_as(path),
            Some(PathPurpose::MergeNotes) => self.review_merge(path),
        }
    }

    /// Follows another notes file: only a notes file, never the open
    /// comparison or any other document.
    pub(super) fn open_notes(&mut self, path: &Path) {
        let refusal = match file::check_notes_target(path, self.session.source.path()) {
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
            self.path_dialog.field.refuse(message);
            return;
        }
        if !self.flush_notes() {
            self.path_dialog.close();
            return;
        }
        let fallback = self.session.notes_file.fallback.take();
        self.session.notes_file = NotesFile::open(path.to_owned(), &self.session.comparison.title);
        self.session.notes_file.fallback = fallback;
        self.path_dialog.close();
        self.session.message = Some(format!("Notes now come from {}", path.display()));
    }

    /// Writes the notes to another file and follows it: never the open
    /// comparison, never a file that is not notes, and asks once before
    /// replacing a notes file.
    pub(super) fn save_notes_as(&mut self, path: &Path) {
        let field = &mut self.path_dialog.field;
        match file::check_notes_target(path, self.session.source.path()) {
            Err(message) => {
                field.refuse(message);
                return;
            }
            Ok(NotesTarget::Notes | NotesTarget::Empty)
                if !field.was_asked(path)
                    && !storage::same_file(path, &self.session.notes_file.path) =>
            {
                let question = format!(
                    "{} exists. Press Save again to replace it with these notes.",
                    path.display()
                );
                field.ask(path.to_owned(), question);
                return;
            }
            Ok(_) => {}
        }
        match self.session.notes_file.save_as(path) {
            Ok(()) => {
                self.path_dialog.close();
                self.session.message = Some(format!("Notes saved to {}", path.display()));
            }
            Err(e) => field.refuse(format!("Could not save: {e}")),
        }
    }

    /// Loads `path`; on failure keeps what is shown and records the error.
    /// The comparison is known by its absolute path from here on (see
    /// [`absolute_path`]).
    pub(super) fn open(&mut self, path: &Path) {
        let path = absolute_path(path);
        let path = path.as_path();
        match Comparison::load(path) {
            Ok(loaded) => {
                self.replace(
                    loaded.comparison,
                    Source::File(path.to_owned()),
                    loaded.warnings,
                    loaded.warning_count,
                );
                self.session.error = None;
                self.path_dialog.close();
            }
            Err(e) => {
                self.session.error = Some(e.errors_text());
                // A passing message ("Reloaded …") no longer holds.
                self.session.message = None;
            }
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
        warning_count: usize,
    ) {
        let same_source = source == self.session.source;
        if !same_source {
            if !self.flush_notes() {
                return;
            }
            self.leaving();
        }
        self.session
            .replace(comparison, source, warnings, warning_count);
        if !same_source {
            if let Some(path) = self.session.source.path().map(Path::to_owned) {
                self.remembered.opened(&path);
            }
            self.restore_place();
        }
    }
}

/// `path` as it is remembered and shown: absolute, with its folder
/// canonical (relative parts, `..` and linked folders resolved), so that it
/// names the same file whichever folder versus is started from. The file
/// name itself is kept as given: a comparison opened through a link keeps
/// its notes beside the link, where they were. When the folder cannot be
/// resolved (it is gone), the path is only made absolute.
pub(super) fn absolute_path(path: &Path) -> PathBuf {
    let lexical = || std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let Some(name) = path.file_name() else {
        return lexical();
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(folder).map_or_else(|_| lexical(), |folder| folder.join(name))
}

/// `path` made absolute as [`absolute_path`] when something is there;
/// `None` when nothing is (a remembered path from an older versus, stored
/// relative to a folder it no longer starts in).
pub(super) fn existing_absolute_path(path: &Path) -> Option<PathBuf> {
    path.exists().then(|| absolute_path(path))
}
