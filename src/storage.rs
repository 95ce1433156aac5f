//! The disk, and nothing else: the one atomic writer (links, devices,
//! pipes), where the data folder is, where exports are suggested. It knows
//! bytes and paths, not notes. No egui here.

use std::io::Write as _;
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
