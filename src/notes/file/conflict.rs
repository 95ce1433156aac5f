//! When the notes file changes on disk or cannot be read: taking a change
//! in, and what the person then chooses (keep mine, reload theirs, move a
//! broken file aside). The other version is always kept aside. No egui here.

use std::path::PathBuf;
use std::time::Instant;

use super::{NotesFile, Status};
use crate::notes::Notes;
use crate::notes::paths::aside_path;
use crate::notes::writer;
use crate::storage;

/// What a change made to the notes file by another program meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum OutsideChange {
    /// Nothing to do: the file holds these notes, or cannot be read now.
    Nothing,
    /// Nothing was unsaved here, so the file's notes were taken in.
    Reloaded,
    /// Both sides changed (or the file no longer reads as notes): nothing
    /// is written until the person chooses.
    Conflict,
}

impl NotesFile {
    /// The notes file changed on disk (someone else wrote it). When it
    /// now holds the same notes as here, nothing happens. When nothing is
    /// unsaved here (the notes are what versus last read or wrote), the
    /// file's notes are taken in: there is nothing to choose between.
    /// Otherwise both sides changed, and that is a conflict at once, not at
    /// the next save: the banner asks (reload from disk / keep mine /
    /// merge), and whichever the person picks, the version not written is
    /// kept aside, so no word is lost.
    pub fn outside_change(&mut self) -> OutsideChange {
        if self.in_flight {
            return OutsideChange::Nothing;
        }
        let Ok(Some(bytes)) = crate::notes::read_bytes(&self.path) else {
            return OutsideChange::Nothing;
        };
        if self.on_disk.as_deref() == Some(bytes.as_slice()) {
            return OutsideChange::Nothing;
        }
        let theirs = Notes::from_ron(&bytes, &self.path);
        if let Ok(theirs) = &theirs
            && *theirs == self.notes
        {
            self.on_disk = Some(bytes);
            return OutsideChange::Nothing;
        }
        // A conflict already shown stays the person's choice; a broken
        // file read at start is never taken as "nothing unsaved".
        let untouched_here =
            !self.has_unsaved() && !matches!(self.status, Status::Conflict | Status::Broken(_));
        match theirs {
            Ok(theirs) if untouched_here => {
                self.notes = theirs;
                self.on_disk = Some(bytes);
                self.autosave.saving();
                self.failures = 0;
                self.retry_at = None;
                self.status = Status::Saved;
                OutsideChange::Reloaded
            }
            // Both sides changed, or the file no longer reads as notes:
            // the person chooses, and nothing is written meanwhile.
            Ok(_) | Err(_) => {
                self.status = Status::Conflict;
                OutsideChange::Conflict
            }
        }
    }

    /// "Keep mine": the file changed on disk; keep a copy of it aside, then
    /// write these notes over it.
    ///
    /// # Errors
    /// When the copy or the write fails.
    pub fn keep_mine(&mut self) -> std::io::Result<PathBuf> {
        let aside = aside_path(&self.path, "theirs");
        // Read as any notes file is (a regular file, capped): the file may
        // have been swapped for a named pipe or a device meanwhile.
        let theirs = crate::notes::read_existing(&self.path).map_err(std::io::Error::other)?;
        storage::write_atomic(&aside, &theirs).map_err(std::io::Error::other)?;
        self.status = Status::Unsaved;
        let job = self.start_save(true);
        let reply = writer::save_notes(job);
        self.finished(reply, Instant::now());
        Ok(aside)
    }

    /// "Reload theirs": keep a copy of these notes aside, then read the file.
    ///
    /// # Errors
    /// When the copy cannot be written.
    pub fn reload_theirs(&mut self) -> Result<PathBuf, storage::WriteError> {
        let aside = aside_path(&self.path, "mine");
        storage::write_atomic(&aside, self.notes.to_ron().as_bytes())?;
        let title = self.notes.comparison.clone();
        let fallback = self.fallback.take();
        *self = Self::open(self.path.clone(), &title);
        self.fallback = fallback;
        Ok(aside)
    }

    /// Moves a broken notes file aside (the person agreed) and carries on
    /// with the notes in memory, which are then saved normally. Only a file
    /// that looks like damaged notes is ever moved.
    ///
    /// # Errors
    /// When the file is not damaged notes, or the rename fails.
    pub fn move_broken_aside(&mut self) -> std::io::Result<PathBuf> {
        if !self.can_move_aside() {
            return Err(std::io::Error::other(format!(
                "{} is not a notes file; versus never moves it",
                self.path.display()
            )));
        }
        let aside = aside_path(&self.path, "broken");
        std::fs::rename(&self.path, &aside)?;
        self.on_disk = None;
        self.status = Status::Untouched;
        self.damaged_notes = false;
        if self.has_unsaved() {
            self.changed(Instant::now());
        }
        Ok(aside)
    }
}
