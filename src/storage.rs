//! The disk, and nothing else: the one capped reader (regular files only),
//! the one atomic writer (links, devices, pipes), where the data folder is,
//! where exports are suggested. It knows bytes and paths, not notes. No egui
//! here.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

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
    /// The path is a symbolic link that a write would follow to a file the
    /// person did not name: one that does not exist (never created through
    /// a link), or one outside the link's own folder.
    #[error("{path} is a link to {target}{why}; versus does not write through it")]
    Link {
        /// The path asked for (the link).
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
        /// Why it is refused (", which does not exist", ", outside its folder").
        why: &'static str,
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

/// Why a file could not be read as content, notes or state. It names no
/// path: the caller's own error does, once.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The system refused or failed (the file may not exist).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a regular file: a named pipe, a device, a folder, a socket.
    #[error("it is a {0}, not a file")]
    NotRegular(&'static str),
    /// Over the caller's limit (checked before reading, and again while
    /// reading in case the file grows).
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Its size (at least this much when it grew while being read).
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl ReadError {
    /// Whether there is no file at all.
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }

    /// As an I/O error, for errors that carry one; the message stays.
    #[must_use]
    pub fn into_io(self) -> std::io::Error {
        match self {
            Self::Io(e) => e,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

/// Reads a regular file of at most `limit` bytes: the one way content,
/// notes and the window state are read.
///
/// The file is opened without waiting (`O_NONBLOCK`), so a named pipe
/// never blocks the open; what was opened is checked on the open handle
/// (`fstat`), so anything but a regular file (a pipe, a device such as
/// `/dev/zero`, a folder, a socket) is refused by kind before a byte is
/// read; and reading stops one byte past `limit`, so a file that grows,
/// or lies about its size, costs at most `limit + 1` bytes of memory.
///
/// # Errors
/// When it cannot be opened (missing, not allowed), is not a regular
/// file, or is over `limit`.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Without it, opening a named pipe waits for a writer, for good.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let size = meta.len();
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

/// What a file is, in a person's words: "named pipe", "device",
/// "folder"…
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "named pipe";
        }
        if t.is_char_device() {
            return "device";
        }
    }
    if t.is_symlink() {
        return "link";
    }
    match classify(t) {
        Ok(TargetKind::Regular) => "file",
        Ok(_) => "special file",
        Err(kind) => kind,
    }
}

/// A symbolic link, as a write to its path would follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where it finally points (after every link), as plainly as the
    /// system can say it.
    pub target: PathBuf,
    /// What is there: [`TargetKind::New`] when nothing is (a dangling
    /// link, or a loop of links).
    pub kind: TargetKind,
    /// Whether the target lies in the link's own folder or below it.
    pub inside: bool,
}

impl Link {
    /// Whether it points at nothing.
    #[must_use]
    pub fn is_dangling(&self) -> bool {
        self.kind == TargetKind::New
    }

    /// The refusal to write through this link, when it points at nothing
    /// or out of its folder; `None` for a link within its folder.
    #[must_use]
    pub fn refusal(&self, path: &Path) -> Option<WriteError> {
        let why = if self.is_dangling() {
            ", which does not exist"
        } else if !self.inside {
            ", outside its folder"
        } else {
            return None;
        };
        Some(WriteError::Link {
            path: path.to_owned(),
            target: self.target.clone(),
            why,
        })
    }
}

/// The symbolic link at `path`; `None` when `path` is not one (a file,
/// nothing, a path the system will not describe).
#[must_use]
pub fn link_at(path: &Path) -> Option<Link> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let folder = std::fs::canonicalize(folder_of(path)).ok();
    match resolve_target(path) {
        Ok(t) => {
            let target = plain_path(&t.path);
            let inside = t.kind != TargetKind::New
                && folder.is_some_and(|f| target.starts_with(&f) && target != f);
            Some(Link {
                target,
                kind: t.kind,
                inside,
            })
        }
        // A loop, or a link into a missing folder: it points at nothing.
        Err(_) => Some(Link {
            target: std::fs::read_link(path)
                .map_or_else(|_| path.to_owned(), |l| folder_of(path).join(l)),
            kind: TargetKind::New,
            inside: false,
        }),
    }
}

/// `path` without `..`, `.` or links, where the system can say it: the file
/// itself, else its folder and name; else `path` as it is.
fn plain_path(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (std::fs::canonicalize(folder_of(path)), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_owned(),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, flushed and synced, then renamed over `path` (and the folder
/// synced). A crash at any moment leaves either the old file or the new
/// one, never a mix.
///
/// A symbolic link to a file in its own folder (or below) is followed: its
/// target is replaced (in the target's folder) and the link stays. A link
/// that points at nothing, or out of its folder, is refused: no write goes
/// where the person did not look, and no file is created through a link.
/// Only regular files are written: a device, pipe or socket is refused,
/// never renamed over. The folder is not created.
///
/// # Errors
/// When the folder is missing or not writable, the path is not a regular
/// file, is a link refused as above, or the disk fails; the error names
/// `path`, never the temporary file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_trusting(path, bytes, None)
}

/// [`write_atomic`], except that a link out of its folder to `trusted`
/// (the place the person was shown and agreed to, once) is followed. A
/// link that points anywhere else, or at nothing, is still refused.
///
/// # Errors
/// As [`write_atomic`].
pub fn write_atomic_trusting(
    path: &Path,
    bytes: &[u8],
    trusted: Option<&Path>,
) -> Result<(), WriteError> {
    let refusal = link_at(path).and_then(|link| {
        let agreed = !link.is_dangling() && trusted.is_some_and(|t| t == link.target);
        if agreed { None } else { link.refusal(path) }
    });
    if let Some(refusal) = refusal {
        return Err(refusal);
    }
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
/// A link is followed to its target, wherever that is: the caller has
/// shown the person where it points ([`link_at`]) and had their yes. A
/// link that points at nothing is refused: no file is created through a
/// link.
///
/// # Errors
/// As [`write_atomic`], and when the device refuses the bytes (`/dev/full`).
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if let Some(link) = link_at(path).filter(Link::is_dangling) {
        return Err(WriteError::Link {
            path: path.to_owned(),
            target: link.target,
            why: ", which does not exist",
        });
    }
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

/// One of the person's own files, which no output (an export, a picture)
/// may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnFile {
    /// The comparison (the content file).
    Comparison,
    /// The comparison's notes file.
    Notes,
}

impl OwnFile {
    /// How it is named to the person.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Comparison => "the comparison",
            Self::Notes => "its notes file",
        }
    }

    /// The one refusal, the same from the command line, the window and
    /// `--screenshot`: "talk.ron is the comparison; choose another file for
    /// the export".
    #[must_use]
    pub fn refusal(self, out: &Path, purpose: &str) -> String {
        format!(
            "{} is {}; choose another file for the {purpose}",
            out.display(),
            self.name()
        )
    }
}

/// Which of the person's own files `out` is (by any path or link to it):
/// the comparison, its notes, or neither. The one guard every output goes
/// through before anything is written.
#[must_use]
pub fn own_file(out: &Path, comparison: Option<&Path>, notes: Option<&Path>) -> Option<OwnFile> {
    [(comparison, OwnFile::Comparison), (notes, OwnFile::Notes)]
        .into_iter()
        .find(|(p, _)| p.is_some_and(|p| same_file(out, p)))
        .map(|(_, own)| own)
}

/// How long a pipe's reader may take nothing before a write to it fails.
pub const STALLED_READER: std::time::Duration = std::time::Duration::from_secs(10);

/// Writes into a device or named pipe as it is. A pipe is opened without
/// waiting, so a pipe nobody reads from is an error rather than a window
/// that hangs.
fn write_stream(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_stream_within(path, bytes, STALLED_READER)
}

/// [`write_stream`], giving up once the reader has taken nothing for
/// `stalled`.
fn write_stream_within(
    path: &Path,
    bytes: &[u8],
    stalled: std::time::Duration,
) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(explain_open_error)?;
    let mut rest = bytes;
    // When the last byte went through: a reader that takes nothing for
    // this long has stopped, and the write gives up instead of hanging.
    let mut progress = std::time::Instant::now();
    while !rest.is_empty() {
        match file.write(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                rest = rest.get(n..).unwrap_or_default();
                progress = std::time::Instant::now();
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if progress.elapsed() > stalled {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        format!(
                            "the program reading from it took nothing for {:.1} seconds",
                            stalled.as_secs_f32()
                        ),
                    ));
                }
                // A full pipe: its reader is behind; give it a moment.
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
    // permissions, or the usual ones for a new document (or in place of a
    // link, which is replaced, never followed, here).
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => tmp.as_file().set_permissions(m.permissions())?,
        _ => make_shareable(tmp.as_file())?,
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

/// The largest window-state file versus reads (1 MiB): it holds a window
/// size and a few remembered places, a few kilobytes.
pub const MAX_STATE_BYTES: u64 = 1024 * 1024;

/// versus's own small file in the data folder (the window state), kept for
/// the session in a private copy: eframe reads and writes the copy (it
/// writes in place, following links), and versus alone writes the real
/// file, atomically and never through a link: soon after each change of
/// the copy (from a named thread, so a crash loses about a second) and
/// once more at the end.
#[derive(Debug)]
pub struct PrivateCopy {
    own: PathBuf,
    copy: PathBuf,
    mirror: Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>,
    // Removed with the copy when the session ends.
    _folder: tempfile::TempDir,
}

/// How often the mirror looks at the private copy.
const MIRROR_EVERY: std::time::Duration = std::time::Duration::from_millis(400);

impl PrivateCopy {
    /// Copies `own` into a new private folder. Anything at `own` that is
    /// not a regular file of at most `limit` bytes (a link to anything or
    /// to nothing, a named pipe, a device, a folder, a huge file) is never
    /// read: it is renamed aside as it is (a link's target is not touched)
    /// and each note in the returned list says what and where, for standard
    /// error.
    ///
    /// # Errors
    /// When no private folder can be made.
    pub fn start(own: &Path, limit: u64) -> std::io::Result<(Self, Vec<String>)> {
        let folder = tempfile::Builder::new().prefix("versus-state.").tempdir()?;
        let name = own.file_name().unwrap_or_else(|| "state.ron".as_ref());
        let copy = folder.path().join(name);
        let mut notes = Vec::new();
        let found = match std::fs::symlink_metadata(own) {
            Ok(m) if m.file_type().is_symlink() => Some(match link_at(own) {
                Some(link) => format!("a link to {}", link.target.display()),
                None => "a link".to_owned(),
            }),
            Ok(m) if !m.is_file() => Some(format!("a {}, not a file", kind_of(m.file_type()))),
            Ok(_) => match read_regular(own, limit) {
                Ok(bytes) => {
                    std::fs::write(&copy, bytes)?;
                    None
                }
                Err(e) => Some(e.to_string()),
            },
            Err(_) => None,
        };
        if let Some(found) = found {
            let aside = aside_name(own, "moved");
            let note = match std::fs::rename(own, &aside) {
                Ok(()) => format!(
                    "versus: {} was {found}; moved it aside to {} and started with the usual window state",
                    own.display(),
                    aside.display()
                ),
                Err(e) => format!(
                    "versus: {} is {found}; versus does not use it (it could not be moved aside: {e}), and keeps no window state this time",
                    own.display()
                ),
            };
            notes.push(note);
        }
        let mirror = match start_mirror(own.to_owned(), copy.clone()) {
            Ok(mirror) => Some(mirror),
            Err(e) => {
                notes.push(format!(
                    "versus: the window state is kept only at exit: {e}"
                ));
                None
            }
        };
        Ok((
            Self {
                own: own.to_owned(),
                copy,
                mirror,
                _folder: folder,
            },
            notes,
        ))
    }

    /// The private copy, for eframe.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.copy
    }

    /// Stops the mirror and writes the copy back over the real file one
    /// last time, as [`write_back`] does.
    ///
    /// # Errors
    /// When the copy cannot be read or the real file cannot be written.
    pub fn finish(mut self) -> Result<(), WriteError> {
        if let Some((stop, thread)) = self.mirror.take() {
            // A mirror that already ended has nothing more to say.
            let _ = stop.send(());
            let _ = thread.join();
        }
        write_back(&self.own, &self.copy)
    }
}

/// Watches the private copy from a named thread and writes it back once it
/// has stayed the same for one look (eframe writes it in place: a copy
/// still being written is left for the next look).
fn start_mirror(
    own: PathBuf,
    copy: PathBuf,
) -> std::io::Result<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)> {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let stamp = |copy: &Path| {
        std::fs::metadata(copy)
            .ok()
            .map(|m| (m.modified().ok(), m.len()))
    };
    // What was copied in, taken here: anything later is a change.
    let first = stamp(&copy);
    let thread = std::thread::Builder::new()
        .name("window-state".to_owned())
        .spawn(move || {
            let (mut seen, mut written) = (first, first);
            let mut told = false;
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(MIRROR_EVERY)
            {
                let now = stamp(&copy);
                if now.is_some() && now == seen && now != written {
                    match write_back(&own, &copy) {
                        Ok(()) => written = now,
                        // Once: the same failure would repeat every look.
                        Err(e) if !told => {
                            eprintln!("versus: the window state was not kept: {e}");
                            told = true;
                        }
                        Err(_) => {}
                    }
                }
                seen = now;
            }
        })?;
    Ok((stop, thread))
}

/// Writes the private `copy` over `own` atomically (a temporary file
/// renamed over it), replacing whatever is there by a regular file: a link
/// is replaced itself, never followed. Nothing is written when there is no
/// copy (eframe saved nothing) or something sits at `own` that is neither
/// a file nor a link (it could not be moved aside at start).
fn write_back(own: &Path, copy: &Path) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: own.to_owned(),
        source,
    };
    let bytes = match read_regular(copy, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(()),
        Err(e) => return Err(io(e.into_io())),
    };
    match std::fs::symlink_metadata(own) {
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => Err(WriteError::NotRegular {
            path: own.to_owned(),
            kind: kind_of(m.file_type()),
            what: "the window state",
        }),
        _ => replace_file(own, &bytes).map_err(io),
    }
}

/// A sibling of `path` named `<name>.<tag>-<unix seconds>` with nothing
/// there yet (not even a link).
fn aside_name(path: &Path, tag: &str) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let mut candidate = path.with_file_name(format!("{name}.{tag}-{secs}"));
    let mut n = 1;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        candidate = path.with_file_name(format!("{name}.{tag}-{secs}-{n}"));
        n += 1;
    }
    candidate
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt as _;
    use std::os::unix::fs::symlink;

    #[cfg(unix)]
    #[test]
    fn an_output_is_never_the_comparison_or_its_notes_by_any_path() {
        let dir = tempfile::tempdir().unwrap();
        let (content, notes) = (dir.path().join("t.ron"), dir.path().join("t.notes.ron"));
        std::fs::write(&content, "c").unwrap();
        std::fs::write(&notes, "n").unwrap();
        let via_link = dir.path().join("link.md");
        symlink("t.notes.ron", &via_link).unwrap();
        let dotted = dir.path().join(".").join("t.ron");
        let own = |out: &Path| own_file(out, Some(&content), Some(&notes));
        assert_eq!(own(&dotted), Some(OwnFile::Comparison));
        assert_eq!(own(&via_link), Some(OwnFile::Notes));
        assert_eq!(own(&dir.path().join("out.md")), None);
        assert_eq!(own_file(&content, None, Some(&notes)), None);
        assert_eq!(
            OwnFile::Notes.refusal(Path::new("x.md"), "export"),
            "x.md is its notes file; choose another file for the export"
        );
    }

    #[test]
    fn a_pipe_whose_reader_stops_reading_fails_instead_of_hanging() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        // A reader that opens the pipe and never reads from it.
        let reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        let start = std::time::Instant::now();
        let big = vec![b'x'; 4 * 1024 * 1024];
        let e =
            write_stream_within(&fifo, &big, std::time::Duration::from_millis(300)).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
        assert!(e.to_string().contains("took nothing"), "{e}");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        drop(reader);
    }

    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("talk.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Returns at once: the open does not wait for a writer.
        let e = read_regular(&fifo, 10).unwrap_err();
        assert_eq!(e.to_string(), "it is a named pipe, not a file");
        let e = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(e.to_string(), "it is a device, not a file");
        let e = read_regular(dir.path(), 10).unwrap_err();
        assert_eq!(e.to_string(), "it is a folder, not a file");
        let file = dir.path().join("ten.txt");
        std::fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&file, 9),
            Err(ReadError::TooLarge { size: 10, limit: 9 })
        ));
        assert!(
            read_regular(&dir.path().join("none"), 10)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn links_out_of_their_folder_or_to_nothing_are_not_written_through() {
        let root = tempfile::tempdir().unwrap();
        let (ship, home) = (root.path().join("ship"), root.path().join("home"));
        std::fs::create_dir_all(ship.join("sub")).unwrap();
        std::fs::create_dir(&home).unwrap();
        std::fs::write(home.join(".bashrc"), "mine").unwrap();
        std::fs::write(ship.join("sub/real"), "old").unwrap();

        let out = ship.join("out");
        symlink("../home/.bashrc", &out).unwrap();
        let link = link_at(&out).unwrap();
        assert!(!link.inside && !link.is_dangling());
        assert_eq!(
            link.target,
            std::fs::canonicalize(home.join(".bashrc")).unwrap()
        );
        assert!(matches!(
            write_atomic(&out, b"x"),
            Err(WriteError::Link { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(home.join(".bashrc")).unwrap(),
            "mine"
        );
        // Agreed to once for another place: still refused; for this one:
        // written through, the link kept.
        let elsewhere = home.join("other");
        assert!(write_atomic_trusting(&out, b"x", Some(&elsewhere)).is_err());
        write_atomic_trusting(&out, b"agreed", Some(&link.target)).unwrap();
        assert_eq!(
            std::fs::read_to_string(home.join(".bashrc")).unwrap(),
            "agreed"
        );
        assert!(link_at(&out).is_some());

        let dangling = ship.join("dangling");
        symlink("../home/.profile", &dangling).unwrap();
        assert!(link_at(&dangling).unwrap().is_dangling());
        assert!(write_atomic(&dangling, b"x").is_err());
        let nothing = link_at(&dangling).unwrap().target;
        assert!(write_atomic_trusting(&dangling, b"x", Some(&nothing)).is_err());
        assert!(write_export(&dangling, b"x").is_err());
        assert!(!home.join(".profile").exists());

        let within = ship.join("within");
        symlink("sub/real", &within).unwrap();
        assert!(link_at(&within).unwrap().inside);
        write_atomic(&within, b"new").unwrap();
        assert_eq!(
            std::fs::read_to_string(ship.join("sub/real")).unwrap(),
            "new"
        );
        assert!(link_at(&ship.join("sub/real")).is_none());
    }

    #[test]
    fn the_private_copy_sets_aside_a_link_and_writes_back_a_file() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join(".bashrc");
        std::fs::write(&target, "mine").unwrap();
        let own = root.path().join("window-state.ron");
        symlink(&target, &own).unwrap();
        let (copy, notes) = PrivateCopy::start(&own, MAX_STATE_BYTES).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("was a link to"), "{notes:?}");
        assert!(std::fs::symlink_metadata(&own).is_err(), "moved aside");
        std::fs::write(copy.path(), "{}").unwrap();
        // A link planted meanwhile is replaced, never followed.
        symlink(&target, &own).unwrap();
        copy.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        assert!(std::fs::symlink_metadata(&own).unwrap().is_file());
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "{}");

        // A regular file is copied in, and written back as it was changed.
        let (copy, notes) = PrivateCopy::start(&own, MAX_STATE_BYTES).unwrap();
        assert!(notes.is_empty());
        assert_eq!(std::fs::read_to_string(copy.path()).unwrap(), "{}");
        std::fs::write(copy.path(), "{\"k\": \"v\"}").unwrap();
        // Written back during the session, not only at the end.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::fs::read_to_string(&own).unwrap() != "{\"k\": \"v\"}" {
            assert!(std::time::Instant::now() < deadline, "not mirrored");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        copy.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "{\"k\": \"v\"}");

        // Too large: set aside, not read.
        std::fs::File::create(&own)
            .unwrap()
            .set_len(MAX_STATE_BYTES + 1)
            .unwrap();
        let (_copy, notes) = PrivateCopy::start(&own, MAX_STATE_BYTES).unwrap();
        assert!(notes[0].contains("over the limit"), "{notes:?}");
        assert!(!own.exists());
    }
}
