//! Disk and system-dialog work: the one atomic writer, where notes live,
//! and the system file dialogs.
//!
//! System file dialogs block until the person answers, so each runs on a
//! named thread and reports back over a channel, waking the UI.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Pick a comparison (RON) to open.
    OpenContent,
    /// Pick a notes file to use.
    OpenNotes,
    /// Choose where to save the notes.
    SaveNotesAs,
    /// Choose where to write an export with this extension.
    Export(&'static str),
}

impl DialogPurpose {
    /// The dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::OpenContent => "Open comparison",
            Self::OpenNotes => "Open notes",
            Self::SaveNotesAs => "Save notes as",
            Self::Export(_) => "Export",
        }
    }
}

/// What a system dialog answered: the path picked, or `None` when cancelled
/// or when no dialog is available on this system (rfd cannot tell the two
/// apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogReply {
    /// What the dialog was for.
    pub purpose: DialogPurpose,
    /// The path picked.
    pub path: Option<PathBuf>,
}

/// Runs system dialogs off the UI thread.
pub struct Dialogs {
    tx: Sender<DialogReply>,
    rx: Receiver<DialogReply>,
    ctx: Option<egui::Context>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self { tx, rx, ctx: None }
    }
}

impl Dialogs {
    /// Remembers the context to wake when a dialog answers.
    pub fn attach(&mut self, ctx: &egui::Context) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
    }

    /// Shows a dialog on its own thread; its answer arrives via
    /// [`Self::poll`]. `suggested` is the default file name for a save.
    pub fn request(&self, purpose: DialogPurpose, suggested: Option<PathBuf>) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
                dialog = match purpose {
                    DialogPurpose::Export(ext) => dialog.add_filter(ext.to_uppercase(), &[ext]),
                    _ => dialog.add_filter("RON", &["ron"]),
                }
                .add_filter("All files", &["*"]);
                if let Some(s) = &suggested {
                    if let Some(dir) = s.parent() {
                        dialog = dialog.set_directory(dir);
                    }
                    if let Some(name) = s.file_name() {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                }
                let path = match purpose {
                    DialogPurpose::OpenContent | DialogPurpose::OpenNotes => dialog.pick_file(),
                    DialogPurpose::SaveNotesAs | DialogPurpose::Export(_) => dialog.save_file(),
                };
                // The receiver is gone only when the app has closed.
                let _ = tx.send(DialogReply { purpose, path });
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if spawned.is_err() {
            // Without a thread there is no dialog: answer "nothing picked" so
            // the path field is offered instead.
            let _ = self.tx.send(DialogReply {
                purpose,
                path: None,
            });
        }
    }

    /// The next answer, if one has arrived.
    #[must_use]
    pub fn poll(&self) -> Option<DialogReply> {
        self.rx.try_recv().ok()
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, flushed and synced, then renamed over `path` (and the folder
/// synced). A crash at any moment leaves either the old file or the new
/// one, never a mix.
///
/// # Errors
/// When the folder is not writable or the disk fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .map_or_else(|| "versus".into(), |n| n.to_string_lossy())
        ))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // The temporary file is private (0600); give the result the old file's
    // permissions, or the usual ones for a new document.
    match std::fs::metadata(path) {
        Ok(m) => tmp.as_file().set_permissions(m.permissions())?,
        Err(_) => make_shareable(tmp.as_file())?,
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable. Not every platform can open a folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new document's usual permissions (read-write for the owner, readable
/// by others), as editors create them.
#[cfg(unix)]
fn make_shareable(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn make_shareable(_file: &std::fs::File) -> std::io::Result<()> {
    // Elsewhere the temporary file already has the usual permissions.
    Ok(())
}

/// Removes temporary files that an interrupted [`write_atomic`] of `path`
/// left behind (a crash or `kill -9` mid-save). Only files older than a
/// minute go, so a save under way in another process is never touched.
/// Returns how many were removed.
pub fn remove_stale_temp_files(path: &Path) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let minute = std::time::Duration::from_mins(1);
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > minute)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Where notes for a content file live by default: beside it, as
/// `<stem>.notes.ron`.
#[must_use]
pub fn sidecar_path(content: &Path) -> PathBuf {
    let stem = content
        .file_stem()
        .map_or_else(|| "comparison".into(), |s| s.to_string_lossy());
    content.with_file_name(format!("{stem}.notes.ron"))
}

/// Where notes go when they cannot sit beside the content (the built-in
/// comparison, or a read-only folder): the user's data folder, one file per
/// content path.
#[must_use]
pub fn data_dir_notes_path(data_dir: &Path, content: Option<&Path>) -> PathBuf {
    match content {
        None => data_dir.join("built-in.notes.ron"),
        Some(p) => {
            let stem = p
                .file_stem()
                .map_or_else(|| "comparison".into(), |s| s.to_string_lossy());
            let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
            // FNV-1a: stable across runs and Rust versions, unlike `Hash`.
            let hash = full
                .to_string_lossy()
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
            data_dir.join(format!("{stem}-{hash:016x}.notes.ron"))
        }
    }
}

/// Whether a new file can be created in `dir`.
#[must_use]
pub fn is_writable_dir(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".versus-probe.")
        .tempfile_in(dir)
        .is_ok()
}

/// The notes file for a content file (or the built-in comparison when
/// `None`): beside it when its folder is writable, else in `data_dir`.
#[must_use]
pub fn default_notes_path(content: Option<&Path>, data_dir: &Path) -> PathBuf {
    if let Some(content) = content {
        let sidecar = sidecar_path(content);
        let dir = match sidecar.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        if sidecar.exists() || is_writable_dir(&dir) {
            return sidecar;
        }
    }
    data_dir_notes_path(data_dir, content)
}

/// The user's data folder for versus: `$VERSUS_DATA_DIR` if set, else the
/// platform's (`~/.local/share/versus` on Linux, `~/Library/Application
/// Support/versus` on macOS, `%APPDATA%\versus` on Windows).
#[must_use]
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("VERSUS_DATA_DIR") {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("versus")
}

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
    },
}

/// Runs one save: checks the file still holds what was expected, then
/// writes atomically (creating the folder if needed).
#[must_use]
pub fn save_notes(job: SaveJob) -> SaveReply {
    let SaveJob {
        path,
        bytes,
        expected,
        force,
    } = job;
    if !force {
        let on_disk = std::fs::read(&path).ok();
        if on_disk != expected {
            return SaveReply::Conflict { path };
        }
    }
    let result = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| write_atomic(&path, &bytes));
    match result {
        Ok(()) => SaveReply::Saved { path, bytes },
        Err(e) => SaveReply::Failed {
            error: format!("{}: {e}", path.display()),
            path,
        },
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
    pub fn save(&self, job: SaveJob) -> Result<(), SaveJob> {
        self.jobs.send(job).map_err(|e| e.0)
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

/// A sibling of `path` named `<name>.<tag>-<unix seconds>` that does not
/// exist yet, for keeping a copy aside.
#[must_use]
pub fn aside_path(path: &Path, tag: &str) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "notes.ron".into(), |n| n.to_string_lossy());
    let mut candidate = path.with_file_name(format!("{name}.{tag}-{secs}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{tag}-{secs}-{n}"));
        n += 1;
    }
    candidate
}

/// A folder to suggest for exports: beside the content when it is a file,
/// else the documents folder, else home.
#[must_use]
pub fn export_dir(content: Option<&Path>) -> PathBuf {
    content
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_owned)
        .or_else(dirs::document_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Watches one content file and wakes the UI when it changes on disk.
///
/// It watches the file's folder, not the file: editors often save by
/// writing a new file and renaming it over the old one, which a watch on
/// the file itself would lose.
pub struct ContentWatcher {
    path: PathBuf,
    changed: Receiver<()>,
    // Dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
}

impl ContentWatcher {
    /// Starts watching `path`; `wake` is called on each change.
    ///
    /// # Errors
    /// When the system's file watching is unavailable or the folder is gone.
    pub fn start(path: &Path, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        use notify::Watcher as _;
        let (tx, changed) = channel();
        let name = path.file_name().map(std::ffi::OsStr::to_owned);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                let relevant = !matches!(event.kind, notify::EventKind::Access(_))
                    && event
                        .paths
                        .iter()
                        .any(|p| p.file_name().map(std::ffi::OsStr::to_owned) == name);
                if relevant && tx.send(()).is_ok() {
                    wake();
                }
            })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        watcher.watch(&dir, notify::RecursiveMode::NonRecursive)?;
        Ok(Self {
            path: path.to_owned(),
            changed,
            _watcher: watcher,
        })
    }

    /// The file watched.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file changed since the last call.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.changed.try_iter().count() > 0
    }
}
