//! Another notes file: checking a path the person gave ("Open notes…",
//! "Save notes as…") and moving the notes there. No egui here.

use std::path::Path;

use super::{NotesFile, Status};
use crate::notes::Notes;
use crate::notes::paths::sidecar_path;
use crate::storage;

/// How an "Open notes…" or "Save notes as…" target looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesTarget {
    /// Nothing there yet.
    New,
    /// A notes file (replacing it needs the person's yes).
    Notes,
    /// An empty file.
    Empty,
}

/// Checks a path the person gave for a notes file (to open, or to save
/// to). It must not be the open content file, and if something is there it
/// must be a notes file: a comparison or any other document is refused,
/// never read as notes, written over or moved.
///
/// # Errors
/// A message for the person, naming the file.
pub fn check_notes_target(path: &Path, content: Option<&Path>) -> Result<NotesTarget, String> {
    if content.is_some_and(|c| storage::same_file(path, c) || path == c) {
        return Err(format!(
            "{} is the comparison that is open; notes go in a file of their own (such as {}).",
            path.display(),
            content.map(sidecar_path).unwrap_or_default().display()
        ));
    }
    if path.is_dir() {
        return Err(format!("{} is a folder; give a file name.", path.display()));
    }
    match crate::notes::read_bytes(path) {
        Ok(None) => Ok(NotesTarget::New),
        Ok(Some(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(NotesTarget::Empty),
        Ok(Some(bytes)) => match Notes::from_ron(&bytes, path) {
            Ok(_) => Ok(NotesTarget::Notes),
            Err(e) => Err(format!(
                "{e}\nversus will not use this file for notes; choose another."
            )),
        },
        Err(e) => Err(e.to_string()),
    }
}

impl NotesFile {
    /// Uses another notes file from now on ("Save notes as…"): writes the
    /// notes there and follows that file. The caller has checked the path
    /// with [`check_notes_target`] and asked before replacing a file.
    ///
    /// # Errors
    /// When the write fails.
    pub fn save_as(&mut self, path: &Path) -> Result<(), storage::WriteError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| storage::WriteError::Io {
                path: path.to_owned(),
                source,
            })?;
        }
        let bytes = self.notes.to_ron().into_bytes();
        storage::write_atomic(path, &bytes)?;
        path.clone_into(&mut self.path);
        self.on_disk = Some(bytes);
        self.autosave.saving();
        self.in_flight = false;
        self.failures = 0;
        self.retry_at = None;
        self.rescue_plan = None;
        self.damaged_notes = false;
        self.status = Status::Saved;
        Ok(())
    }
}
