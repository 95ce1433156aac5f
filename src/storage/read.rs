//! The one capped reader: regular files only.

use std::io::Read as _;
use std::path::Path;

use super::{TargetKind, classify};

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
pub(super) fn kind_of(t: std::fs::FileType) -> &'static str {
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

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
}
