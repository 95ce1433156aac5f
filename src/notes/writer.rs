//! Writing the notes file: one save (checked against what is on disk), the
//! writer thread that runs saves off the UI thread, and the copy made when
//! a save fails.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::storage;

/// A request to write a notes file.
#[derive(Debug, Clone)]
pub struct SaveJob {
    /// The notes file.
    pub path: PathBuf,
    /// What to write.
    pub bytes: Vec<u8>,
    /// What the file is believed to hold now (`None`: it does not exist).
    /// If the disk says otherwise, someone else changed it: nothing is
    /// written and the reply is [`SaveReply::Conflict`].
    pub expected: Option<Vec<u8>>,
    /// Write even if the file changed on disk ("keep mine").
    pub force: bool,
    /// Where a copy goes when the write fails, so nothing typed waits
    /// only in memory; `None`: no copy.
    pub rescue: Option<RescuePlan>,
    /// When the notes file is a link out of its folder: the target the
    /// person agreed to have written (see [`storage::write_atomic_trusting`]).
    pub trusted: Option<PathBuf>,
}

/// Where unsaved notes go when their file cannot take them: beside it
/// (its folder is never created again if it was deleted), else in the data
/// folder (created if needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescuePlan {
    /// A new name beside the notes file (`….unsaved-<time>`).
    pub beside: PathBuf,
    /// A new name in the data folder that says which content the notes
    /// belong to; `None` when the notes file is in the data folder already.
    pub data: Option<PathBuf>,
}

/// Writes a copy of unsaved notes by `plan`: beside, else in the data
/// folder. Returns where it went.
///
/// # Errors
/// Every failure, one message each, when no place took the copy.
pub fn rescue(bytes: &[u8], plan: &RescuePlan) -> Result<PathBuf, Vec<String>> {
    let mut failures = Vec::new();
    match storage::write_atomic(&plan.beside, bytes) {
        Ok(()) => return Ok(plan.beside.clone()),
        Err(e) => failures.push(e.to_string()),
    }
    if let Some(data) = &plan.data {
        let made = std::fs::create_dir_all(storage::folder_of(data)).map_err(|source| {
            storage::WriteError::Io {
                path: data.clone(),
                source,
            }
        });
        match made.and_then(|()| storage::write_atomic(data, bytes)) {
            Ok(()) => return Ok(data.clone()),
            Err(e) => failures.push(e.to_string()),
        }
    }
    Err(failures)
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveReply {
    /// Written.
    Saved {
        /// The notes file.
        path: PathBuf,
        /// What it now holds.
        bytes: Vec<u8>,
    },
    /// The file changed on disk since it was read or written; not touched.
    Conflict {
        /// The notes file.
        path: PathBuf,
    },
    /// The write failed.
    Failed {
        /// The notes file.
        path: PathBuf,
        /// Why, for the status line.
        error: String,
        /// Where a copy of the notes went instead (`Ok`), why no place
        /// took one (`Err`, one message per place tried), or `None` when
        /// no copy was asked for.
        rescued_to: Option<Result<PathBuf, Vec<String>>>,
    },
}

/// Runs one save: checks the file still holds what was expected, then
/// writes atomically. The folder is not created: a folder deleted while
/// versus runs is reported, not silently made again.
#[must_use]
pub fn save_notes(job: SaveJob) -> SaveReply {
    let SaveJob {
        path,
        bytes,
        expected,
        force,
        rescue: plan,
        trusted,
    } = job;
    let failed = |path: PathBuf, error: String, bytes: &[u8]| {
        let rescued_to = plan.as_ref().map(|p| rescue(bytes, p));
        SaveReply::Failed {
            path,
            error,
            rescued_to,
        }
    };
    if !force {
        // Capped and only a regular file: the file may have been swapped
        // for a named pipe or a link to a device since it was opened.
        let on_disk = match crate::notes::read_bytes(&path) {
            Ok(b) => b,
            Err(e) => return failed(path, e.to_string(), &bytes),
        };
        // A file that is gone holds nothing to clobber: write it again.
        if on_disk.is_some() && on_disk != expected {
            return SaveReply::Conflict { path };
        }
    }
    match storage::write_atomic_trusting(&path, &bytes, trusted.as_deref()) {
        Ok(()) => SaveReply::Saved { path, bytes },
        Err(e) => failed(path, e.to_string(), &bytes),
    }
}

/// Saves notes on a named background thread, one job at a time, so the
/// window never waits for the disk.
pub struct NotesWriter {
    jobs: Sender<SaveJob>,
    replies: Receiver<SaveReply>,
}

impl NotesWriter {
    /// Starts the writer thread; `wake` is called after each save.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn start(wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (jobs, job_rx) = channel::<SaveJob>();
        let (reply_tx, replies) = channel();
        std::thread::Builder::new()
            .name("notes-writer".to_owned())
            .spawn(move || {
                for job in job_rx {
                    // The app is gone only when it has closed.
                    let _ = reply_tx.send(save_notes(job));
                    wake();
                }
            })?;
        Ok(Self { jobs, replies })
    }

    /// Queues a save. Returns the job back if the writer thread is gone, so
    /// the caller can save it itself.
    ///
    /// # Errors
    /// The job, when the writer thread has stopped.
    pub fn save(&self, job: SaveJob) -> Result<(), Box<SaveJob>> {
        self.jobs.send(job).map_err(|e| Box::new(e.0))
    }

    /// The next finished save, if any.
    #[must_use]
    pub fn poll(&self) -> Option<SaveReply> {
        self.replies.try_recv().ok()
    }

    /// Waits up to `timeout` for the next finished save.
    #[must_use]
    pub fn wait(&self, timeout: std::time::Duration) -> Option<SaveReply> {
        self.replies.recv_timeout(timeout).ok()
    }
}
