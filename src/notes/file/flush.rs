//! The last save, on exit or before switching comparison: the notes go to
//! their file, else beside it, else to the data folder, else back to the
//! caller to print. No egui here.

use std::path::PathBuf;
use std::time::Instant;

use super::{NotesFile, Status};
use crate::notes::writer::{self, SaveReply};

/// Where unsaved notes went when [`NotesFile::flush`] ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flushed {
    /// Nothing needed writing.
    Clean,
    /// Written to the notes file.
    Saved,
    /// The notes file could not take them (broken, changed on disk, or the
    /// write failed); they are in this other file.
    KeptAside {
        /// The file that holds them.
        path: PathBuf,
        /// Why the notes file did not.
        why: String,
    },
    /// No file could take them; the caller prints `text` in full.
    Nowhere {
        /// Every failure, one per line.
        why: String,
        /// The notes as RON, to print.
        text: String,
    },
}

impl NotesFile {
    /// Saves everything now, on this thread (on exit, or before another
    /// comparison or notes file replaces these). When the file must not or
    /// cannot be written (broken, changed on disk, the write fails), unsaved
    /// notes go beside it, else to the data folder; when nothing can take
    /// them, the caller gets their text to print. Says where they went.
    pub fn flush(&mut self) -> Flushed {
        if !self.has_unsaved() {
            return Flushed::Clean;
        }
        let why = if self.can_write() {
            let mut job = self.start_save(false);
            // The copy, if needed, is made below, where its path is told.
            job.rescue = None;
            let reply = writer::save_notes(job);
            let why = match &reply {
                SaveReply::Saved { .. } => None,
                SaveReply::Conflict { path } => Some(format!(
                    "{}: the file changed on disk since versus read it",
                    path.display()
                )),
                SaveReply::Failed { error, .. } => Some(error.clone()),
            };
            self.finished(reply, Instant::now());
            let Some(why) = why else {
                return Flushed::Saved;
            };
            why
        } else {
            match &self.status {
                Status::Broken(e) => format!("the notes file cannot be used: {e}"),
                _ => format!(
                    "{}: the file changed on disk since versus read it",
                    self.path.display()
                ),
            }
        };
        let text = self.notes.to_ron();
        match writer::rescue(text.as_bytes(), &self.rescue_plan()) {
            Ok(path) => {
                self.rescued_to = Some(path.clone());
                Flushed::KeptAside { path, why }
            }
            Err(failures) => Flushed::Nowhere {
                why: std::iter::once(why)
                    .chain(failures)
                    .collect::<Vec<_>>()
                    .join("\n"),
                text,
            },
        }
    }
}
