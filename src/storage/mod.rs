//! The disk, and nothing else: the one capped reader (regular files only),
//! the one atomic writer (links, devices, pipes), where the data folder is,
//! where exports are suggested. It knows bytes and paths, not notes. No egui
//! here.

mod links;
mod private_copy;
mod read;
mod stream;
mod write;

use std::path::{Path, PathBuf};

pub use links::{Link, link_at};
pub use private_copy::{MAX_STATE_BYTES, PrivateCopy};
use read::kind_of;
pub use read::{ReadError, read_regular};
pub use stream::STALLED_READER;
pub use write::{
    Output, WriteSeek, remove_stale_temp_files, write_atomic, write_atomic_trusting, write_export,
    write_export_checked, write_export_with,
};

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
pub(super) fn classify(t: std::fs::FileType) -> Result<TargetKind, &'static str> {
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
    use std::os::unix::fs::symlink;

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
}
