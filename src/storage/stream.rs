//! Devices and named pipes, written as they are: opened without waiting,
//! and given up on when their reader stops taking anything.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::write::BUFFER;

/// How long a pipe's reader may take nothing before a write to it fails.
pub const STALLED_READER: Duration = Duration::from_secs(10);

/// Opens the device or named pipe at `path` without waiting (so a pipe
/// nobody reads from is an error rather than a window that hangs) and
/// hands `write` a buffered writer into it that gives up once the reader
/// has taken nothing for `stalled`. What `write` leaves in the buffer when
/// it fails is dropped, not pushed into a reader that may have stopped.
pub(super) fn write_stream_with(
    path: &Path,
    (stalled, check): (Duration, &dyn Fn() -> std::io::Result<()>),
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(explain_open_error)?;
    let mut out = BufWriter::with_capacity(
        BUFFER,
        Stream {
            file,
            stalled,
            check,
        },
    );
    match write(&mut out) {
        Ok(()) => out.flush(),
        Err(e) => {
            let _unsent = out.into_parts();
            Err(e)
        }
    }
}

/// A non-blocking device or pipe as a blocking writer with a limit on how
/// long it waits.
struct Stream<'a> {
    file: std::fs::File,
    stalled: Duration,
    /// Asked while waiting for the reader: an error (a cancel) ends the
    /// wait at once.
    check: &'a dyn Fn() -> std::io::Result<()>,
}

impl Write for Stream<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // The wait starts with each write: time spent making the bytes is
        // not the reader's.
        let waiting = Instant::now();
        loop {
            match self.file.write(bytes) {
                Ok(0) if !bytes.is_empty() => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    (self.check)()?;
                    if waiting.elapsed() > self.stalled {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::TimedOut,
                            format!(
                                "the program reading from it took nothing for {:.1} seconds",
                                self.stalled.as_secs_f32()
                            ),
                        ));
                    }
                    // A full pipe: its reader is behind; give it a moment.
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// [`write_stream_with`] of `bytes` as they are.
#[cfg(test)]
fn write_stream_within(path: &Path, bytes: &[u8], stalled: Duration) -> std::io::Result<()> {
    write_stream_with(path, (stalled, &|| Ok(())), |out| out.write_all(bytes))
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::OpenOptionsExt as _;

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
}
