//! The notes file of the open comparison: where it is, what it held when
//! last read or written, and when to save. The app feeds it changes and
//! finished saves; it answers with save jobs. No egui here.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::notes::autosave::Autosave;
use crate::notes::{Notes, NotesError};
use crate::storage::{self, SaveJob, SaveReply};

/// What the status line says about the notes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Everything is on disk.
    Saved,
    /// Nothing has been written yet and nothing needs to be.
    Untouched,
    /// Changes wait for the autosave.
    Unsaved,
    /// A write is under way.
    Saving,
    /// The last write failed; it is retried.
    Failed(String),
    /// The file changed on disk since it was read; nothing is written
    /// until the person chooses.
    Conflict,
    /// The file could not be read at start; it is never overwritten.
    Broken(String),
}

/// The notes of the open comparison and their file.
#[derive(Debug)]
pub struct NotesSession {
    /// The notes, as edited.
    pub notes: Notes,
    /// The notes file.
    pub path: PathBuf,
    /// What the file held when last read or written (`None`: no file).
    on_disk: Option<Vec<u8>>,
    /// What the status line says.
    pub status: Status,
    autosave: Autosave,
    in_flight: bool,
}

impl NotesSession {
    /// Opens the notes at `path` for the comparison titled `title`. A file
    /// that cannot be read leaves empty notes in a `Broken` state that
    /// never writes over it.
    #[must_use]
    pub fn open(path: PathBuf, title: &str) -> Self {
        let mut session = Self {
            notes: Notes::for_comparison(title),
            path,
            on_disk: None,
            status: Status::Untouched,
            autosave: Autosave::default(),
            in_flight: false,
        };
        storage::remove_stale_temp_files(&session.path);
        match std::fs::read(&session.path) {
            Ok(bytes) => match Notes::from_ron(&bytes, &session.path) {
                Ok(notes) => {
                    session.notes = notes;
                    session.on_disk = Some(bytes);
                    session.status = Status::Saved;
                }
                Err(e) => session.status = Status::Broken(e.to_string()),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                let e = NotesError::Io {
                    path: session.path.clone(),
                    source,
                };
                session.status = Status::Broken(e.to_string());
            }
        }
        session
    }

    /// Records an edit made at `now`.
    pub fn changed(&mut self, now: Instant) {
        self.autosave.changed(now);
        if matches!(
            self.status,
            Status::Saved | Status::Untouched | Status::Saving | Status::Failed(_)
        ) {
            self.status = Status::Unsaved;
        }
    }

    /// Whether the notes hold anything the file does not.
    #[must_use]
    pub fn has_unsaved(&self) -> bool {
        self.on_disk.as_deref() != Some(self.notes.to_ron().as_bytes())
            && !(self.on_disk.is_none() && self.notes_are_empty())
    }

    fn notes_are_empty(&self) -> bool {
        let mut n = self.notes.clone();
        n.prune();
        n.overall.trim().is_empty() && n.dimensions.is_empty()
    }

    /// Whether writing is allowed (not broken, no conflict).
    #[must_use]
    pub fn can_write(&self) -> bool {
        !matches!(self.status, Status::Broken(_) | Status::Conflict)
    }

    /// A save to run now, if one is due; otherwise how long until one may
    /// be (for a timed repaint).
    pub fn poll_autosave(&mut self, now: Instant) -> (Option<SaveJob>, Option<Duration>) {
        if self.in_flight || !self.can_write() {
            return (None, None);
        }
        match self.autosave.due_in(now) {
            Some(d) if d.is_zero() => (Some(self.start_save(false)), None),
            wait => (None, wait),
        }
    }

    /// A save job for the current notes; marks it in flight.
    fn start_save(&mut self, force: bool) -> SaveJob {
        self.autosave.saving();
        self.in_flight = true;
        self.status = Status::Saving;
        SaveJob {
            path: self.path.clone(),
            bytes: self.notes.to_ron().into_bytes(),
            expected: self.on_disk.clone(),
            force,
        }
    }

    /// Takes in a finished save.
    pub fn finished(&mut self, reply: SaveReply, now: Instant) {
        match reply {
            SaveReply::Saved { path, bytes } if path == self.path => {
                self.in_flight = false;
                self.on_disk = Some(bytes);
                if !self.autosave.is_dirty() {
                    self.status = Status::Saved;
                }
            }
            SaveReply::Conflict { path } if path == self.path => {
                self.in_flight = false;
                self.status = Status::Conflict;
                // What was being saved is still unsaved.
                self.autosave.changed(now);
            }
            SaveReply::Failed { path, error } if path == self.path => {
                self.in_flight = false;
                self.status = Status::Failed(error);
                // Try again at the next autosave.
                self.autosave.changed(now);
            }
            // A reply about a file no longer shown: nothing to update.
            _ => {}
        }
    }

    /// Whether a save is under way on the writer thread.
    #[must_use]
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }

    /// Saves everything now, on this thread (on exit, or before switching
    /// to another comparison). When the file must not be written (broken,
    /// or changed on disk), unsaved notes go to a file beside it instead,
    /// so they are never lost. Returns where they went, if anywhere.
    pub fn flush(&mut self) -> Option<PathBuf> {
        if !self.has_unsaved() {
            return None;
        }
        if !self.can_write() {
            let aside = storage::aside_path(&self.path, "unsaved");
            let written = storage::write_atomic(&aside, self.notes.to_ron().as_bytes());
            return written.ok().map(|()| aside);
        }
        let job = self.start_save(false);
        let reply = storage::save_notes(job);
        self.finished(reply, Instant::now());
        match &self.status {
            Status::Saved => Some(self.path.clone()),
            Status::Conflict => {
                let aside = storage::aside_path(&self.path, "unsaved");
                storage::write_atomic(&aside, self.notes.to_ron().as_bytes())
                    .ok()
                    .map(|()| aside)
            }
            _ => None,
        }
    }

    /// "Keep mine": the file changed on disk; keep a copy of it aside, then
    /// write these notes over it.
    ///
    /// # Errors
    /// When the copy or the write fails.
    pub fn keep_mine(&mut self) -> std::io::Result<PathBuf> {
        let aside = storage::aside_path(&self.path, "theirs");
        std::fs::copy(&self.path, &aside)?;
        self.status = Status::Unsaved;
        let job = self.start_save(true);
        let reply = storage::save_notes(job);
        self.finished(reply, Instant::now());
        Ok(aside)
    }

    /// "Reload theirs": keep a copy of these notes aside, then read the file.
    ///
    /// # Errors
    /// When the copy cannot be written.
    pub fn reload_theirs(&mut self) -> std::io::Result<PathBuf> {
        let aside = storage::aside_path(&self.path, "mine");
        storage::write_atomic(&aside, self.notes.to_ron().as_bytes())?;
        let title = self.notes.comparison.clone();
        *self = Self::open(self.path.clone(), &title);
        Ok(aside)
    }

    /// Moves a broken notes file aside (the person agreed) and carries on
    /// with the notes in memory, which are then saved normally.
    ///
    /// # Errors
    /// When the rename fails.
    pub fn move_broken_aside(&mut self) -> std::io::Result<PathBuf> {
        let aside = storage::aside_path(&self.path, "broken");
        std::fs::rename(&self.path, &aside)?;
        self.on_disk = None;
        self.status = Status::Untouched;
        if self.has_unsaved() {
            self.changed(Instant::now());
        }
        Ok(aside)
    }

    /// Uses another notes file from now on ("Save notes as…"): writes the
    /// notes there and follows that file.
    ///
    /// # Errors
    /// When the write fails.
    pub fn save_as(&mut self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let bytes = self.notes.to_ron().into_bytes();
        storage::write_atomic(path, &bytes)?;
        path.clone_into(&mut self.path);
        self.on_disk = Some(bytes);
        self.autosave.saving();
        self.in_flight = false;
        self.status = Status::Saved;
        Ok(())
    }
}
