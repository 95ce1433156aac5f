//! Disk work: the one atomic writer, where notes live, the notes writer
//! thread and the content watcher. No egui here.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Why a file could not be written. Each variant names the path the person
/// asked for; none names an internal temporary file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The folder the file would go in does not exist.
    #[error("{path}: cannot write: the folder {folder} does not exist")]
    MissingFolder {
        /// The file asked for.
        path: PathBuf,
        /// Its missing folder.
        folder: PathBuf,
    },
    /// The path is a folder.
    #[error("{path}: is a folder; give a file name")]
    IsFolder {
        /// The path asked for.
        path: PathBuf,
    },
    /// The path is something versus never writes to (a block device, a
    /// socket), or a stream where only a regular file will do.
    #[error("{path}: is a {kind}, not a regular file; versus will not write {what} there")]
    NotRegular {
        /// The path asked for.
        path: PathBuf,
        /// What it is ("block device", "socket", "device or pipe").
        kind: &'static str,
        /// What was to be written ("notes", "an export").
        what: &'static str,
    },
    /// The system refused or failed.
    #[error("{path}: cannot write: {source}")]
    Io {
        /// The path asked for.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// What a path to write to turned out to be, once symbolic links are
/// followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// Nothing there yet; its folder exists.
    New,
    /// A regular file, replaced atomically.
    Regular,
    /// A character device or a named pipe (`/dev/stdout`, a FIFO): written
    /// to directly, never renamed over.
    Stream,
}

/// Where a write really goes: the path after following symbolic links, and
/// what is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The final path (a link's target, not the link).
    pub path: PathBuf,
    /// What is there now.
    pub kind: TargetKind,
}

/// How many symbolic links are followed before giving up (as the kernel's
/// `ELOOP` limit).
const MAX_LINKS: usize = 40;

/// Follows symbolic links from `path` (even a link to a file that does not
/// exist yet, as editors do) and says what the final path is.
///
/// # Errors
/// A missing folder (named), a folder, a block device or socket, a loop of
/// links, or a path the system will not describe.
pub fn resolve_target(path: &Path) -> Result<Target, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(io)?;
                // A relative link is relative to the folder holding it.
                current = folder_of(&current).join(link);
            }
            Ok(m) => {
                let kind = classify(m.file_type()).map_err(|kind| {
                    if kind == "folder" {
                        WriteError::IsFolder {
                            path: path.to_owned(),
                        }
                    } else {
                        WriteError::NotRegular {
                            path: path.to_owned(),
                            kind,
                            what: "anything",
                        }
                    }
                })?;
                return Ok(Target {
                    path: current,
                    kind,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let folder = folder_of(&current);
                if !folder.is_dir() {
                    return Err(WriteError::MissingFolder {
                        path: path.to_owned(),
                        folder,
                    });
                }
                return Ok(Target {
                    path: current,
                    kind: TargetKind::New,
                });
            }
            Err(e) => return Err(io(e)),
        }
    }
    Err(io(std::io::Error::other(
        "too many levels of symbolic links",
    )))
}

/// The folder holding `path` (`.` for a bare file name).
#[must_use]
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A file type's kind as a write target, or what it is when it is none.
fn classify(t: std::fs::FileType) -> Result<TargetKind, &'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_char_device() || t.is_fifo() {
            return Ok(TargetKind::Stream);
        }
        if t.is_block_device() {
            return Err("block device");
        }
        if t.is_socket() {
            return Err("socket");
        }
    }
    if t.is_dir() {
        Err("folder")
    } else if t.is_file() {
        Ok(TargetKind::Regular)
    } else {
        Err("special file")
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, flushed and synced, then renamed over `path` (and the folder
/// synced). A crash at any moment leaves either the old file or the new
/// one, never a mix.
///
/// A symbolic link is followed: its target is replaced (in the target's
/// folder) and the link stays. Only regular files are written: a device,
/// pipe or socket is refused, never renamed over. The folder is not
/// created.
///
/// # Errors
/// When the folder is missing or not writable, the path is not a regular
/// file, or the disk fails; the error names `path`, never the temporary
/// file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = resolve_target(path)?;
    if target.kind == TargetKind::Stream {
        return Err(WriteError::NotRegular {
            path: path.to_owned(),
            kind: "device or pipe",
            what: "this file",
        });
    }
    replace_file(&target.path, bytes).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes an export to `path`: a regular file (or a new one) atomically as
/// [`write_atomic`], a character device or named pipe (`/dev/stdout`, a
/// FIFO) by writing to it directly, so the node itself stays.
///
/// # Errors
/// As [`write_atomic`], and when the device refuses the bytes (`/dev/full`).
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = resolve_target(path)?;
    let result = match target.kind {
        TargetKind::Stream => write_stream(&target.path, bytes),
        TargetKind::New | TargetKind::Regular => replace_file(&target.path, bytes),
    };
    result.map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes into a device or named pipe as it is. A pipe is opened without
/// waiting, so a pipe nobody reads from is an error rather than a window
/// that hangs.
fn write_stream(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(explain_open_error)?;
    let mut rest = bytes;
    while !rest.is_empty() {
        match file.write(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => rest = rest.get(n..).unwrap_or_default(),
            // A full pipe: its reader is behind; give it a moment.
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    file.flush()
}

/// A pipe without a reader fails to open with `ENXIO` ("No such device or
/// address"); say what it means.
#[cfg(unix)]
fn explain_open_error(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error() == Some(libc::ENXIO) {
        std::io::Error::new(e.kind(), "no program is reading from this pipe")
    } else {
        e
    }
}

#[cfg(not(unix))]
fn explain_open_error(e: std::io::Error) -> std::io::Error {
    e
}

/// The atomic replacement itself, on a path already resolved to a regular
/// file or a new name in an existing folder.
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .map_or_else(|| "versus".into(), |n| n.to_string_lossy())
        ))
        .suffix(".tmp")
        .tempfile_in(&dir)
        // tempfile names its own file in the error; say the folder instead.
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("in the folder {}: {}", dir.display(), strip_path(&e)),
            )
        })?;
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
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An I/O error's message without the path tempfile adds to it.
fn strip_path(e: &std::io::Error) -> String {
    let text = e.to_string();
    text.split(" at path ")
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Whether `a` and `b` name the same file on disk (through links, `..` or
/// hard links). False when either does not exist.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
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
    // The temporary files sit beside the file a link points to.
    let path = resolve_target(path).map_or_else(|_| path.to_owned(), |t| t.path);
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
    /// Where a copy goes when the write fails, so nothing typed waits
    /// only in memory; `None`: no copy.
    pub rescue: Option<RescuePlan>,
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
    match write_atomic(&plan.beside, bytes) {
        Ok(()) => return Ok(plan.beside.clone()),
        Err(e) => failures.push(e.to_string()),
    }
    if let Some(data) = &plan.data {
        let made = std::fs::create_dir_all(folder_of(data)).map_err(|source| WriteError::Io {
            path: data.clone(),
            source,
        });
        match made.and_then(|()| write_atomic(data, bytes)) {
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
        /// Where a copy of the notes went instead, if anywhere.
        rescued_to: Option<PathBuf>,
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
    } = job;
    let failed = |path: PathBuf, error: String, bytes: &[u8]| {
        let rescued_to = plan.as_ref().and_then(|p| rescue(bytes, p).ok());
        SaveReply::Failed {
            path,
            error,
            rescued_to,
        }
    };
    if !force {
        let on_disk = match std::fs::read(&path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                let error = WriteError::Io {
                    path: path.clone(),
                    source,
                };
                return failed(path, error.to_string(), &bytes);
            }
        };
        // A file that is gone holds nothing to clobber: write it again.
        if on_disk.is_some() && on_disk != expected {
            return SaveReply::Conflict { path };
        }
    }
    match write_atomic(&path, &bytes) {
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
