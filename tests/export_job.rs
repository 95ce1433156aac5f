//! The export job (issue 17, item 5): an export built and written on its
//! own thread, which the window polls without ever waiting, cancels, and
//! which leaves the target as it was when it does not finish.
#![cfg(unix)]
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::mkfifo;

use std::fmt::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;
use std::time::{Duration, Instant};

use versus::export::{self, ExportOptions, Format};
use versus::job::{ExportJob, is_cancelled};
use versus::model::{Comparison, parse};
use versus::notes::Notes;
use versus::storage::{STALLED_READER, WriteError};

/// 1,000 subjects and 1,998 points with every side missing: a small file
/// whose exports are large (the Markdown about 12 MB).
fn sparse() -> Comparison {
    let mut src = String::from("Comparison(title: \"Many\", subjects: [");
    for i in 0..1_000 {
        let _ = write!(src, "(id: \"s{i}\", name: \"Subject {i}\"), ");
    }
    src.push_str("], dimensions: [(id: \"d\", title: \"D\", points: [");
    for p in 0..1_998 {
        let _ = write!(src, "(aspect: \"Point {p}\", sides: {{}}), ");
    }
    src.push_str("])])\n");
    parse(src.as_bytes(), Path::new("sparse.ron"))
        .unwrap()
        .comparison
}

/// Polls `job` until it ends, checking that no poll waits; gives up after
/// `limit`.
fn finish(job: &mut ExportJob, limit: Duration) -> Result<(), WriteError> {
    let start = Instant::now();
    loop {
        let before = Instant::now();
        let polled = job.poll();
        let took = before.elapsed();
        assert!(took < Duration::from_millis(10), "a poll took {took:?}");
        if let Some(result) = polled {
            return result;
        }
        assert!(start.elapsed() < limit, "still running after {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_job_writes_the_same_bytes_as_the_export() {
    let c = Comparison::built_in();
    let dir = tempfile::tempdir().unwrap();
    for format in Format::ALL {
        let out = dir.path().join(format!("out.{}", format.extension()));
        let options = ExportOptions::default();
        let mut job = ExportJob::start(
            format,
            c.clone(),
            Notes::default(),
            options.clone(),
            out.clone(),
        );
        finish(&mut job, Duration::from_secs(30)).unwrap();
        let progress = job.progress();
        assert_eq!(progress.done_dimensions, progress.total_dimensions);
        assert!(progress.total_dimensions > 0, "{progress:?}");
        let expected = export::export(format, &c, &Notes::default(), &options);
        // A zip's part headers are written twice (patched once each part's
        // size is known).
        if format == Format::Pptx {
            assert!(progress.written_bytes >= expected.len() as u64);
        } else {
            assert_eq!(progress.written_bytes, expected.len() as u64, "{format:?}");
        }
        assert_eq!(std::fs::read(&out).unwrap(), expected, "{format:?}");
        assert!(job.poll().is_none(), "the result is given once");
    }
}

#[test]
fn a_cancelled_job_leaves_the_target_as_it_was_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.pptx");
    std::fs::write(&out, b"the old deck").unwrap();
    let mut job = ExportJob::start(
        Format::Pptx,
        sparse(),
        Notes::default(),
        ExportOptions::default(),
        out.clone(),
    );
    // Cancelled once it has written part of the deck.
    let start = Instant::now();
    while job.progress().written_bytes == 0 {
        assert!(start.elapsed() < Duration::from_mins(1), "nothing written");
        std::thread::sleep(Duration::from_millis(5));
    }
    let progress = job.progress();
    assert!(progress.done_dimensions < progress.total_dimensions);
    job.cancel();
    let e = finish(&mut job, Duration::from_secs(10)).unwrap_err();
    assert!(is_cancelled(&e), "{e}");
    assert!(e.to_string().contains("cancelled"), "{e}");
    assert_eq!(std::fs::read(&out).unwrap(), b"the old deck");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["deck.pptx"]);
}

#[test]
fn a_pipe_read_a_byte_a_second_never_makes_a_poll_wait() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let reading = std::thread::spawn(move || {
        use std::io::Read as _;
        let mut reader = reader;
        let mut byte = [0_u8; 1];
        let start = Instant::now();
        while start.elapsed() < STALLED_READER + Duration::from_secs(5) {
            let _ = reader.read(&mut byte);
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let mut job = ExportJob::start(
        Format::Markdown,
        sparse(),
        Notes::default(),
        ExportOptions::default(),
        fifo.clone(),
    );
    let start = Instant::now();
    let result = finish(&mut job, STALLED_READER + Duration::from_secs(5));
    if let Err(e) = result {
        let WriteError::Io { source, .. } = &e else {
            panic!("{e}");
        };
        assert_eq!(source.kind(), std::io::ErrorKind::TimedOut, "{e}");
        assert!(e.to_string().contains("took nothing"), "{e}");
        assert!(start.elapsed() >= STALLED_READER, "{:?}", start.elapsed());
    }
    reading.join().unwrap();
}

#[test]
fn a_pipe_nobody_reads_is_an_error_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let mut job = ExportJob::start(
        Format::Html,
        Comparison::built_in(),
        Notes::default(),
        ExportOptions::default(),
        fifo,
    );
    let e = finish(&mut job, Duration::from_secs(2)).unwrap_err();
    assert!(
        e.to_string()
            .contains("no program is reading from this pipe"),
        "{e}"
    );
}

#[test]
fn a_cancel_ends_the_wait_for_a_stalled_reader_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    // A reader that takes nothing: the pipe fills and the writer waits.
    let _reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let mut job = ExportJob::start(
        Format::Markdown,
        sparse(),
        Notes::default(),
        ExportOptions::default(),
        fifo,
    );
    // Until the pipe is full (64 KiB by default) and the writer waits.
    while job.progress().written_bytes < 64 * 1024 {
        assert!(job.poll().is_none(), "the export waits for its reader");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let cancelled = Instant::now();
    job.cancel();
    let e = finish(&mut job, Duration::from_secs(2)).unwrap_err();
    assert!(is_cancelled(&e), "{e}");
    assert!(
        cancelled.elapsed() < Duration::from_secs(1),
        "ended {:?} after the cancel, not at the stalled reader's {STALLED_READER:?}",
        cancelled.elapsed()
    );
}

/// A file that takes `room` bytes, then refuses every write (a full disk,
/// or a cancel mid-write).
struct FullAfter {
    file: std::io::Cursor<Vec<u8>>,
    room: usize,
}

impl std::io::Write for FullAfter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let left = self.room.saturating_sub(self.file.get_ref().len());
        if left == 0 {
            return Err(std::io::Error::other("the disk is full"));
        }
        let n = bytes.len().min(left);
        self.file.write(&bytes[..n])
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::io::Seek for FullAfter {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.file.seek(to)
    }
}

/// A PowerPoint deck whose file stops taking bytes at any point fails with
/// the file's error, never a panic (the zip writer, dropped after an error,
/// used to try to finish the archive on a file in an unknown state).
#[test]
fn a_deck_whose_file_fills_up_fails_without_a_panic() {
    let c = Comparison::built_in();
    let notes = Notes::default();
    let whole = export::export(Format::Pptx, &c, &notes, &ExportOptions::default()).len();
    for room in [0, 30, 100, 1_000, 5_000, whole / 2, whole - 10] {
        let mut file = FullAfter {
            file: std::io::Cursor::new(Vec::new()),
            room,
        };
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            export::write_to(
                Format::Pptx,
                &c,
                &notes,
                &ExportOptions::default(),
                versus::storage::Output::File(&mut file),
                &|| Ok(()),
            )
        }));
        let result = done.unwrap_or_else(|_| panic!("a panic with room for {room} bytes"));
        assert!(result.is_err(), "room for {room} of {whole} bytes");
    }
}
