//! An export built and written off the UI thread: the window starts an
//! [`ExportJob`] once the person has agreed to where it goes (the link and
//! overwrite questions stay with the window), shows its [`Progress`] each
//! frame, may [`ExportJob::cancel`] it, and [`ExportJob::poll`]s it for the
//! result without ever waiting. No egui here.

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::export::{self, ExportOptions, Format};
use crate::model::Comparison;
use crate::notes::Notes;
use crate::storage::{self, Output, WriteError};

/// How far an export has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes handed to the file or pipe so far.
    pub written_bytes: u64,
    /// Steps done: a dimension written (a PPTX deck lays every dimension
    /// out twice: once to count its slides, once to write them).
    pub done_dimensions: usize,
    /// Steps in all.
    pub total_dimensions: usize,
}

impl Progress {
    /// The share done, from 0 to 1 ("Exporting… 42 %").
    #[must_use]
    pub fn fraction(&self) -> f32 {
        if self.total_dimensions == 0 {
            return 0.0;
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "a share shown as a whole percentage"
        )]
        let fraction = self.done_dimensions as f32 / self.total_dimensions as f32;
        fraction.min(1.0)
    }
}

/// What the export thread and the window share.
#[derive(Debug, Default)]
struct Shared {
    written: AtomicU64,
    done: AtomicUsize,
    cancelled: AtomicBool,
}

impl Shared {
    /// The error that stops a cancelled export, at its next write or
    /// dimension.
    fn check(&self) -> std::io::Result<()> {
        if self.cancelled.load(Ordering::Relaxed) {
            // Not `Interrupted`: `write_all` and `io::copy` retry that.
            Err(std::io::Error::other(Cancelled))
        } else {
            Ok(())
        }
    }
}

/// Why a cancelled export stopped.
#[derive(Debug, thiserror::Error)]
#[error("the export was cancelled")]
pub struct Cancelled;

/// One export being built and written on a thread named
/// `versus-export`: into a temporary file renamed over the target once
/// complete (a cancel or failure removes it and leaves the target as it
/// was), or into a device or pipe as it goes (giving up once its reader
/// has taken nothing for [`storage::STALLED_READER`]).
///
/// Dropping a job that has not finished cancels it; its thread ends at its
/// next write.
#[derive(Debug)]
pub struct ExportJob {
    path: PathBuf,
    shared: Arc<Shared>,
    total: usize,
    result: Receiver<Result<(), WriteError>>,
    finished: bool,
}

impl ExportJob {
    /// Starts writing `comparison` with `notes` in `format` to `path`.
    /// Returns at once; a thread that cannot be started is reported by the
    /// first [`ExportJob::poll`].
    #[must_use]
    pub fn start(
        format: Format,
        comparison: Comparison,
        notes: Notes,
        options: ExportOptions,
        path: PathBuf,
    ) -> Self {
        let shared = Arc::new(Shared::default());
        let total = export::dimension_steps(format, &comparison, &notes, &options);
        let (sender, result) = std::sync::mpsc::channel();
        let (thread_shared, thread_path) = (Arc::clone(&shared), path.clone());
        let thread_sender = sender.clone();
        let spawned = std::thread::Builder::new()
            .name("versus-export".to_owned())
            .spawn(move || {
                let done = write(
                    format,
                    &comparison,
                    &notes,
                    &options,
                    &thread_path,
                    &thread_shared,
                );
                // The window may have dropped the job: nobody to tell.
                let _ = thread_sender.send(done);
            });
        if let Err(source) = spawned {
            let _ = sender.send(Err(WriteError::Io {
                path: path.clone(),
                source,
            }));
        }
        Self {
            path,
            shared,
            total,
            result,
            finished: false,
        }
    }

    /// Where the export goes.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How far it has got.
    #[must_use]
    pub fn progress(&self) -> Progress {
        Progress {
            written_bytes: self.shared.written.load(Ordering::Relaxed),
            done_dimensions: self.shared.done.load(Ordering::Relaxed),
            total_dimensions: self.total,
        }
    }

    /// Asks the export to stop: it does at its next write or dimension,
    /// and [`ExportJob::poll`] then gives an error for which
    /// [`is_cancelled`] holds. A file being written is removed and the
    /// target left as it was.
    pub fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
    }

    /// The result once the export has ended, without waiting: `None` while
    /// it runs, then `Some` once (and `None` again after).
    pub fn poll(&mut self) -> Option<Result<(), WriteError>> {
        if self.finished {
            return None;
        }
        let result = match self.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err(WriteError::Io {
                path: self.path.clone(),
                source: std::io::Error::other("the export stopped without a word"),
            }),
        };
        self.finished = true;
        Some(result)
    }
}

impl Drop for ExportJob {
    fn drop(&mut self) {
        if !self.finished {
            self.cancel();
        }
    }
}

/// Whether `e` is the end of a cancelled export.
#[must_use]
pub fn is_cancelled(e: &WriteError) -> bool {
    matches!(e, WriteError::Io { source, .. }
        if source.get_ref().is_some_and(<dyn std::error::Error + Send + Sync>::is::<Cancelled>))
}

/// The export itself, on the job's thread.
fn write(
    format: Format,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    path: &Path,
    shared: &Shared,
) -> Result<(), WriteError> {
    let on_dimension = || {
        shared.check()?;
        shared.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    };
    let check = || shared.check();
    storage::write_export_checked(path, &check, |out| match out {
        Output::File(file) => {
            let mut watched = Watched {
                inner: file,
                shared,
            };
            export::write_to(
                format,
                c,
                notes,
                options,
                Output::File(&mut watched),
                &on_dimension,
            )
        }
        Output::Stream(stream) => {
            let mut watched = Watched {
                inner: stream,
                shared,
            };
            export::write_to(
                format,
                c,
                notes,
                options,
                Output::Stream(&mut watched),
                &on_dimension,
            )
        }
    })
}

/// A writer that counts the bytes going through it and stops them once
/// the job is cancelled.
struct Watched<'a, W: ?Sized> {
    inner: &'a mut W,
    shared: &'a Shared,
}

impl<W: Write + ?Sized> Write for Watched<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.shared.check()?;
        let n = self.inner.write(bytes)?;
        self.shared
            .written
            .fetch_add(u64::try_from(n).unwrap_or(u64::MAX), Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.shared.check()?;
        self.inner.flush()
    }
}

impl<W: Seek + ?Sized> Seek for Watched<'_, W> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}
