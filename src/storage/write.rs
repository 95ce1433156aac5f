//! The one atomic writer: regular files replaced through a temporary
//! file, devices and pipes written as they are, never blocking for good.

use std::io::{BufWriter, Seek, Write};
use std::path::Path;

use super::stream::{STALLED_READER, write_stream_with};
use super::{Link, TargetKind, WriteError, folder_of, link_at, resolve_target};

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
    write_export_with(path, |mut out| out.writer().write_all(bytes))
}

/// A writer that can also seek (a file, memory), and be written from
/// another thread (the PowerPoint deck is deflated on one of its own).
pub trait WriteSeek: Write + Seek + Send {}

impl<T: Write + Seek + Send> WriteSeek for T {}

/// Where a streamed export goes: a file, which can seek back (a zip
/// patches each part's header), or a device or pipe, which cannot.
pub enum Output<'a> {
    /// The temporary file that becomes the export, buffered.
    File(&'a mut dyn WriteSeek),
    /// A character device or named pipe, written as it is, buffered.
    Stream(&'a mut dyn Write),
}

impl Output<'_> {
    /// The output as a plain writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Self::File(w) => w,
            Self::Stream(w) => w,
        }
    }
}

/// [`write_export`] with the bytes made as they are written: `write` gets
/// the output and writes into it, a piece at a time, so no more than the
/// piece being made is held in memory. A regular file (or a new one) is
/// written into a temporary file that is synced and renamed over it only
/// once `write` succeeds: when `write` or the disk fails (or `write`
/// stops, such as with [`std::io::ErrorKind::Interrupted`] on a cancel),
/// the temporary file is removed and the old file stays as it was. A
/// device or pipe is written to directly, as [`write_export`] does, and
/// gives up with [`std::io::ErrorKind::TimedOut`] once its reader has
/// taken nothing for [`STALLED_READER`].
///
/// # Errors
/// As [`write_export`], and whatever `write` returns.
pub fn write_export_with(
    path: &Path,
    write: impl FnOnce(Output<'_>) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    write_export_checked(path, &|| Ok(()), write)
}

/// [`write_export_with`], asking `check` while it waits for a pipe's
/// reader: an error from it (a cancel) ends the wait, and the write, at
/// once instead of after [`STALLED_READER`].
///
/// # Errors
/// As [`write_export_with`], and whatever `check` returns.
pub fn write_export_checked(
    path: &Path,
    check: &dyn Fn() -> std::io::Result<()>,
    write: impl FnOnce(Output<'_>) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    if let Some(link) = link_at(path).filter(Link::is_dangling) {
        return Err(WriteError::Link {
            path: path.to_owned(),
            target: link.target,
            why: ", which does not exist",
        });
    }
    let target = resolve_target(path)?;
    let result = match target.kind {
        TargetKind::Stream => write_stream_with(&target.path, (STALLED_READER, check), |out| {
            write(Output::Stream(out))
        }),
        TargetKind::New | TargetKind::Regular => replace_file_with(&target.path, |file| {
            let mut buffered = BufWriter::with_capacity(BUFFER, file);
            write(Output::File(&mut buffered))?;
            buffered.flush()
        }),
    };
    result.map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })
}

/// How much a streamed write gathers before handing it to the system.
pub(super) const BUFFER: usize = 64 * 1024;

/// The atomic replacement itself, on a path already resolved to a regular
/// file or a new name in an existing folder.
pub(super) fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_file_with(path, |file| file.write_all(bytes))
}

/// [`replace_file`] with the bytes written by `write` into the temporary
/// file; when it fails, the temporary file is removed and `path` is not
/// touched.
fn replace_file_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
    // On an error the temporary file is dropped, which removes it.
    write(tmp.as_file_mut())?;
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
