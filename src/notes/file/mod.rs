//! The notes file of the open comparison: where it is, what it held when
//! last read or written, when to save, and where the notes go when their
//! file cannot take them. The app feeds it changes and finished saves; it
//! answers with save jobs. No egui here.
//!
//! The rule it keeps: nothing typed is ever dropped. A save that fails is
//! retried with backoff, and meanwhile a copy goes beside the notes file or
//! to the data folder; on exit the notes go to their file, else beside it,
//! else to the data folder, else to standard error in full.

mod conflict;
mod flush;
mod target;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::notes::Notes;
use crate::notes::autosave::Autosave;
use crate::notes::paths::aside_path;
use crate::notes::writer::{RescuePlan, SaveJob, SaveReply};
use crate::storage;

pub use conflict::OutsideChange;
pub use flush::Flushed;
pub use target::{NotesTarget, check_notes_target};

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

/// The first wait before retrying a failed save; it doubles up to
/// [`RETRY_MAX`].
pub const RETRY_FIRST: Duration = Duration::from_secs(1);
/// The longest wait between retries of a failed save.
pub const RETRY_MAX: Duration = Duration::from_secs(30);

/// The notes of the open comparison and their file.
#[derive(Debug)]
pub struct NotesFile {
    /// The notes, as edited.
    pub notes: Notes,
    /// The notes file.
    pub path: PathBuf,
    /// Where notes go when neither their file nor its folder can take them
    /// (a file in the data folder named after the content); copies are
    /// written beside this path, never over it.
    pub fallback: Option<PathBuf>,
    /// What the file held when last read or written (`None`: no file).
    on_disk: Option<Vec<u8>>,
    /// What the status line says.
    pub status: Status,
    /// Whether a broken file looks like damaged notes (which the person may
    /// move aside); any other file is never moved.
    damaged_notes: bool,
    autosave: Autosave,
    in_flight: bool,
    /// Saves that failed in a row.
    failures: u32,
    /// No retry before this moment.
    retry_at: Option<Instant>,
    /// The copies' names, fixed at the first failure so that retries
    /// update one file instead of scattering many.
    rescue_plan: Option<RescuePlan>,
    /// Where the latest copy of unsaved notes went, while the file cannot
    /// take them.
    pub rescued_to: Option<PathBuf>,
    /// Why the latest failed save could not keep a copy anywhere either
    /// (one reason per place tried); `None` once a copy is kept.
    pub copy_failed: Option<String>,
    /// When the file is a link out of its folder: the target the person
    /// agreed to have written. No other place is ever written through it.
    pub trusted_link: Option<PathBuf>,
}

impl NotesFile {
    /// Opens the notes at `path` for the comparison titled `title`. A file
    /// that cannot be read leaves empty notes in a `Broken` state that
    /// never writes over it.
    #[must_use]
    pub fn open(path: PathBuf, title: &str) -> Self {
        let mut notes_file = Self {
            notes: Notes::for_comparison(title),
            path,
            fallback: None,
            on_disk: None,
            status: Status::Untouched,
            damaged_notes: false,
            autosave: Autosave::default(),
            in_flight: false,
            failures: 0,
            retry_at: None,
            rescue_plan: None,
            rescued_to: None,
            copy_failed: None,
            trusted_link: None,
        };
        storage::remove_stale_temp_files(&notes_file.path);
        match crate::notes::read_bytes(&notes_file.path).and_then(|b| {
            b.map(|b| Notes::from_ron(&b, &notes_file.path).map(|n| (n, b)))
                .transpose()
        }) {
            Ok(Some((notes, bytes))) => {
                notes_file.notes = notes;
                notes_file.on_disk = Some(bytes);
                notes_file.status = Status::Saved;
            }
            Ok(None) => {}
            Err(e) => {
                notes_file.damaged_notes = e.is_damaged_notes();
                notes_file.status = Status::Broken(e.to_string());
            }
        }
        notes_file
    }

    /// What the file held when last read or written (`None`: no file):
    /// the base when merging a change made on disk.
    #[must_use]
    pub fn last_read(&self) -> Option<&[u8]> {
        self.on_disk.as_deref()
    }

    /// Records an edit made at `now`.
    pub fn changed(&mut self, now: Instant) {
        self.autosave.changed(now);
        if matches!(
            self.status,
            Status::Saved | Status::Untouched | Status::Saving
        ) {
            self.status = Status::Unsaved;
        }
    }

    /// Whether the notes hold anything the file does not (as versus last
    /// read or wrote it). A file written in another layout that holds the
    /// same notes has nothing unsaved.
    #[must_use]
    pub fn has_unsaved(&self) -> bool {
        let mine = self.notes.to_ron();
        match &self.on_disk {
            None => !self.notes_are_empty(),
            Some(bytes) if bytes.as_slice() == mine.as_bytes() => false,
            Some(bytes) => Notes::from_ron(bytes, &self.path).map_or(true, |n| n.to_ron() != mine),
        }
    }

    fn notes_are_empty(&self) -> bool {
        let mut n = self.notes.clone();
        n.prune();
        // The talk counts: a rehearsal or a talk length alone are notes.
        n.overall.trim().is_empty() && n.dimensions.is_empty() && n.talk.is_empty()
    }

    /// Whether writing is allowed (not broken, no conflict).
    #[must_use]
    pub fn can_write(&self) -> bool {
        !matches!(self.status, Status::Broken(_) | Status::Conflict)
    }

    /// Whether the broken file may be moved aside: only a file that looks
    /// like notes with a mistake in it, never a comparison or another
    /// document.
    #[must_use]
    pub fn can_move_aside(&self) -> bool {
        matches!(self.status, Status::Broken(_)) && self.damaged_notes
    }

    /// How long until the next retry of a failed save (zero: due).
    #[must_use]
    pub fn retry_in(&self, now: Instant) -> Option<Duration> {
        self.retry_at.map(|at| at.saturating_duration_since(now))
    }

    /// Saves that failed in a row.
    #[must_use]
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// A save to run now, if one is due; otherwise how long until one may
    /// be (for a timed repaint).
    pub fn poll_autosave(&mut self, now: Instant) -> (Option<SaveJob>, Option<Duration>) {
        if self.in_flight || !self.can_write() {
            return (None, None);
        }
        let due = self.autosave.due_in(now);
        let wait = match (due, self.retry_in(now)) {
            (Some(d), Some(r)) => Some(d.max(r)),
            (d, _) => d,
        };
        match wait {
            Some(d) if d.is_zero() => (Some(self.start_save(false)), None),
            wait => (None, wait),
        }
    }

    /// A save job for the current notes; marks it in flight.
    fn start_save(&mut self, force: bool) -> SaveJob {
        self.autosave.saving();
        self.in_flight = true;
        if !matches!(self.status, Status::Failed(_)) {
            self.status = Status::Saving;
        }
        SaveJob {
            path: self.path.clone(),
            bytes: self.notes.to_ron().into_bytes(),
            expected: self.on_disk.clone(),
            force,
            rescue: Some(self.rescue_plan()),
            trusted: self.trusted_link.clone(),
        }
    }

    /// The link the notes file is, when it points out of its folder to a
    /// place not agreed to: writes through it are refused until the
    /// person agrees ([`NotesFile::trust_link`]).
    #[must_use]
    pub fn untrusted_link(&self) -> Option<storage::Link> {
        storage::link_at(&self.path).filter(|link| {
            !link.inside && !link.is_dangling() && self.trusted_link.as_ref() != Some(&link.target)
        })
    }

    /// Agrees to write the notes through their link to `target`; the next
    /// save (in a moment, without waiting for a retry) goes there.
    pub fn trust_link(&mut self, target: PathBuf, now: Instant) {
        self.trusted_link = Some(target);
        self.retry_at = None;
        self.autosave.changed(now);
    }

    /// Where copies go when the file cannot take the notes: beside it, then
    /// the data folder. Named once per session.
    fn rescue_plan(&mut self) -> RescuePlan {
        let path = &self.path;
        let fallback = self.fallback.as_deref();
        self.rescue_plan
            .get_or_insert_with(|| RescuePlan {
                beside: aside_path(path, "unsaved"),
                data: fallback
                    .map(|f| aside_path(f, "unsaved"))
                    .filter(|d| storage::folder_of(d) != storage::folder_of(path)),
            })
            .clone()
    }

    /// Takes in a finished save.
    pub fn finished(&mut self, reply: SaveReply, now: Instant) {
        match reply {
            SaveReply::Saved { path, bytes } if path == self.path => {
                self.in_flight = false;
                self.on_disk = Some(bytes);
                self.failures = 0;
                self.retry_at = None;
                if self.autosave.is_dirty() {
                    self.status = Status::Unsaved;
                } else {
                    self.status = Status::Saved;
                }
            }
            SaveReply::Conflict { path } if path == self.path => {
                self.in_flight = false;
                self.status = Status::Conflict;
                // What was being saved is still unsaved.
                self.autosave.changed(now);
            }
            SaveReply::Failed {
                path,
                error,
                rescued_to,
            } if path == self.path => {
                self.in_flight = false;
                self.status = Status::Failed(error);
                match rescued_to {
                    Some(Ok(copy)) => {
                        self.rescued_to = Some(copy);
                        self.copy_failed = None;
                    }
                    Some(Err(why)) => self.copy_failed = Some(why.join("; ")),
                    None => {}
                }
                self.failures = self.failures.saturating_add(1);
                self.retry_at = Some(now + retry_delay(self.failures));
                // Try again once the backoff has passed.
                self.autosave.changed(now);
            }
            // A reply about a file no longer shown: nothing to update.
            SaveReply::Saved { .. } | SaveReply::Conflict { .. } | SaveReply::Failed { .. } => {}
        }
    }

    /// Whether a save is under way on the writer thread.
    #[must_use]
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }
}

/// The wait before the `n`-th retry (n ≥ 1): 1 s, 2 s, 4 s… up to 30 s.
#[must_use]
pub fn retry_delay(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    RETRY_FIRST.saturating_mul(1 << doublings).min(RETRY_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_a_ceiling() {
        assert_eq!(retry_delay(1), Duration::from_secs(1));
        assert_eq!(retry_delay(2), Duration::from_secs(2));
        assert_eq!(retry_delay(5), Duration::from_secs(16));
        assert_eq!(retry_delay(6), RETRY_MAX);
        assert_eq!(retry_delay(u32::MAX), RETRY_MAX);
    }

    #[test]
    fn a_talk_alone_is_worth_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.notes.ron");
        let mut f = NotesFile::open(path.clone(), "T");
        assert!(!f.has_unsaved(), "nothing yet: no file is made");
        f.notes.talk.minutes = 10;
        f.changed(Instant::now());
        assert!(f.has_unsaved(), "a talk length alone is a note");
        assert_eq!(f.flush(), Flushed::Saved);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("minutes: 10")
        );
    }
}
