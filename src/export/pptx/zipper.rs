//! The deck's zip, deflated on a thread of its own: the slides are laid
//! out and their XML written on the export's thread, which hands it on in
//! batches of parts through a short queue to the thread that deflates and
//! writes it. On two cores the two halves of the work overlap (the export
//! of the 10,000-dimension file, BENCHMARKS.md). The batches go back to be
//! filled again, so the two threads share no allocations (freeing on one
//! what the other allocated made them wait on the allocator's lock), and
//! the memory stays a few batches whatever the deck's size.

use std::io::Write as _;
use std::ops::Range;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use super::tail::Tail;
use crate::storage::WriteSeek;

/// Bytes of parts in a batch before it is handed on (at the end of a
/// part; a part longer than [`LONG_PART`] is handed on in pieces).
const BATCH: usize = 16 * 1024;

/// A part's bytes held at most before they are handed on, its end or not.
const LONG_PART: usize = BATCH;

/// Batches waiting at most for the writing thread.
const QUEUE: usize = 1;

/// A whole part this small is stored, not deflated: a slide's
/// relationships (about 300 bytes) would shrink by half, but each deflated
/// part costs the compressor a reset (some 200 KB zeroed), which for the
/// 20,000 slides of the 10,000-dimension deck was a fifth of the export's
/// time. The zip format and Office's own packaging API
/// (`CompressionOption.NotCompressed`) both allow stored parts.
const STORE_UP_TO: usize = 1024;

/// Parts, or pieces of them, for the writing thread.
#[derive(Default)]
struct Batch {
    /// Their bytes, one after the other.
    bytes: Vec<u8>,
    /// Their names, one after the other.
    names: String,
    /// Where each part starts in `bytes`, and its name in `names`. Bytes
    /// before the first start continue the last batch's last part.
    starts: Vec<(usize, Range<usize>)>,
    /// Whether the last part ends in this batch.
    last_whole: bool,
}

impl Batch {
    fn clear(&mut self) {
        self.bytes.clear();
        self.names.clear();
        self.starts.clear();
        self.last_whole = false;
    }

    /// Each piece of a part in the batch: its name when it starts here,
    /// its bytes, and whether the part ends here.
    fn pieces(&self) -> impl Iterator<Item = (Option<&str>, &[u8], bool)> {
        let first = self.starts.first().map_or(self.bytes.len(), |s| s.0);
        let carried = (first > 0).then(|| {
            (
                None,
                &self.bytes[..first],
                !self.starts.is_empty() || self.last_whole,
            )
        });
        let started = self.starts.iter().enumerate().map(|(i, (at, name))| {
            let end = self.starts.get(i + 1).map_or(self.bytes.len(), |s| s.0);
            let whole = i + 1 < self.starts.len() || self.last_whole;
            (
                Some(&self.names[name.clone()]),
                &self.bytes[*at..end],
                whole,
            )
        });
        carried.into_iter().chain(started)
    }
}

/// What the export's thread hands the writing one.
enum Piece {
    /// Parts to write.
    Parts(Batch),
    /// Every part is made: the zip can be finished.
    End,
}

/// The writing thread has stopped (its own error says why).
#[derive(Debug)]
struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the deck's writer stopped")
    }
}

impl std::error::Error for Stopped {}

/// The export thread's end of the queue: parts are started and written
/// into it as into the zip.
pub(super) struct Pipe {
    queue: SyncSender<Piece>,
    /// Batches written, back to be filled again.
    spare: Receiver<Batch>,
    batch: Batch,
    /// Where the part being written starts in the batch's bytes.
    part_from: usize,
}

impl Pipe {
    /// Starts the part `name`: what is written next is its content.
    pub(super) fn start(&mut self, name: &str) -> std::io::Result<()> {
        if self.batch.bytes.len() >= BATCH {
            self.hand_on(true)?;
        }
        let at = self.batch.names.len();
        self.batch.names.push_str(name);
        let len = self.batch.bytes.len();
        self.batch.starts.push((len, at..self.batch.names.len()));
        self.part_from = len;
        Ok(())
    }

    /// A whole part.
    pub(super) fn part(&mut self, name: &str, text: &str) -> std::io::Result<()> {
        self.start(name)?;
        self.write_all(text.as_bytes())
    }

    /// Hands on the batch; `whole`: its last part ends there.
    fn hand_on(&mut self, whole: bool) -> std::io::Result<()> {
        let fresh = self.spare.try_recv().unwrap_or_default();
        let mut batch = std::mem::replace(&mut self.batch, fresh);
        batch.last_whole = whole;
        self.part_from = 0;
        self.send(Piece::Parts(batch))
    }

    fn send(&self, piece: Piece) -> std::io::Result<()> {
        self.queue
            .send(piece)
            .map_err(|_| std::io::Error::other(Stopped))
    }
}

impl std::io::Write for Pipe {
    /// Takes as much of `bytes` as the part may hold before it is handed
    /// on (a long write, such as a slide's table, goes in pieces: the
    /// batch never grows past [`BATCH`] and [`LONG_PART`]).
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let held = self.batch.bytes.len() - self.part_from;
        let taken = bytes.len().min(LONG_PART - held);
        self.batch.bytes.extend_from_slice(&bytes[..taken]);
        if held + taken >= LONG_PART {
            self.hand_on(false)?;
        }
        Ok(taken)
    }

    /// Nothing to do: the zip is flushed once finished.
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The zip `make` writes its parts into, deflated and written to `file` on
/// a second thread. An error from `make` (a cancel) leaves the zip
/// unfinished and is returned; so is the writing thread's (a full disk),
/// which `make` sees as its next write failing.
pub(super) fn zip_into(
    file: &mut dyn WriteSeek,
    make: impl FnOnce(&mut Pipe) -> std::io::Result<()>,
) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let (queue, pieces) = sync_channel(QUEUE);
        let (back, spare) = channel();
        let writer = scope.spawn(move || write_zip(file, &pieces, &back));
        let mut pipe = Pipe {
            queue,
            spare,
            batch: Batch::default(),
            part_from: 0,
        };
        let result = make(&mut pipe)
            .and_then(|()| pipe.hand_on(true))
            .and_then(|()| pipe.send(Piece::End));
        // The queue closes: a writer waiting for more gives up.
        drop(pipe);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The writer's own error says why it stopped.
        let stopped = |e: &std::io::Error| {
            e.get_ref()
                .is_some_and(<dyn std::error::Error + Send + Sync>::is::<Stopped>)
        };
        match result {
            Ok(()) => written,
            Err(e) if stopped(&e) => written.and(Err(e)),
            Err(e) => Err(e),
        }
    })
}

/// The writing thread: each batch into the zip until the last, then the
/// central directory. A queue closed before the end is a deck given up:
/// the zip is left unfinished.
fn write_zip(
    file: &mut dyn WriteSeek,
    pieces: &Receiver<Piece>,
    back: &Sender<Batch>,
) -> std::io::Result<()> {
    let blown = std::cell::Cell::new(false);
    let mut zip = Zipper::new(file, &blown)?;
    let mut write = || {
        for piece in pieces {
            let mut batch = match piece {
                Piece::Parts(batch) => batch,
                Piece::End => return Ok(true),
            };
            for (name, bytes, whole) in batch.pieces() {
                if let Some(name) = name {
                    zip.start(name, whole && bytes.len() <= STORE_UP_TO)?;
                }
                zip.writer().write_all(bytes)?;
            }
            batch.clear();
            // The export's thread may have finished: then nobody needs it.
            let _ = back.send(batch);
        }
        Ok(false)
    };
    match write() {
        Ok(true) => zip.finish(),
        Ok(false) => {
            blown.set(true);
            Err(std::io::Error::other("the deck was given up"))
        }
        Err(e) => {
            // Given up: the zip writer, dropped, must not finish the archive.
            blown.set(true);
            Err(e)
        }
    }
}

/// The parts as a zip: deflated, every timestamp the zip format's
/// earliest (1980-01-01), so the same parts give the same bytes.
struct Zipper<'w> {
    writer: zip::ZipWriter<Fuse<'w>>,
    options: zip::write::SimpleFileOptions,
}

/// The zip's file, which refuses everything once one write or seek has
/// failed (a cancel, a full disk). A zip writer dropped after an error
/// still tries to finish the archive; with its file in an unknown state it
/// would write a wrong central directory (and, in a debug build, panic on
/// its own consistency check). Refused at once, it gives up instead.
struct Fuse<'w> {
    file: Tail<&'w mut dyn WriteSeek>,
    /// Set by a failed write or seek, or by the deck giving up (a cancel
    /// seen between slides).
    blown: &'w std::cell::Cell<bool>,
}

impl Fuse<'_> {
    /// `result`, remembering a failure.
    fn watch<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if result.is_err() {
            self.blown.set(true);
        }
        result
    }

    /// The error for every call after a failure.
    fn refuse<T>(&self) -> Option<std::io::Result<T>> {
        self.blown
            .get()
            .then(|| Err(std::io::Error::other("an earlier write to the deck failed")))
    }
}

impl std::io::Write for Fuse<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Some(refused) = self.refuse() {
            return refused;
        }
        let result = self.file.write(bytes);
        self.watch(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(refused) = self.refuse() {
            return refused;
        }
        let result = self.file.flush();
        self.watch(result)
    }
}

impl std::io::Seek for Fuse<'_> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if let Some(refused) = self.refuse() {
            return refused;
        }
        let result = self.file.seek(to);
        self.watch(result)
    }
}

impl<'w> Zipper<'w> {
    fn new(file: &'w mut dyn WriteSeek, blown: &'w std::cell::Cell<bool>) -> std::io::Result<Self> {
        let file = Tail::new(file)?;
        Ok(Self {
            writer: zip::ZipWriter::new(Fuse { file, blown }),
            // The fastest level: the XML still shrinks about fourfold.
            options: zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .last_modified_time(zip::DateTime::DEFAULT)
                .unix_permissions(0o644),
        })
    }

    /// Starts the part `name` (`stored`: not deflated): what is written
    /// next is its content.
    fn start(&mut self, name: &str, stored: bool) -> std::io::Result<()> {
        let options = if stored {
            self.options
                .compression_method(zip::CompressionMethod::Stored)
                .compression_level(None)
        } else {
            self.options
        };
        self.writer.start_file(name, options).map_err(io_error)
    }

    /// The part being written, to write into.
    fn writer(&mut self) -> &mut dyn std::io::Write {
        &mut self.writer
    }

    /// The central directory, after every part.
    fn finish(self) -> std::io::Result<()> {
        self.writer.finish().map_err(io_error)?.flush()
    }
}

/// A zip error as an I/O error, keeping the I/O error it may wrap (such as
/// a cancel's `Interrupted`) as it is.
fn io_error(e: zip::result::ZipError) -> std::io::Error {
    match e {
        zip::result::ZipError::Io(e) => e,
        other => std::io::Error::other(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    /// Parts of every size, one longer than several batches, go through
    /// the queue whole and in order; small ones are stored.
    #[test]
    fn parts_of_any_size_come_out_whole_and_in_order() {
        let sizes = [10, 2_000, 3 * LONG_PART + 5, 0, 700, BATCH - 1, BATCH + 1];
        let parts: Vec<(String, Vec<u8>)> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let bytes = (0..n).map(|k| b"<a:t>xyz</a:t>"[(k + i) % 14]).collect();
                (format!("part{i}.xml"), bytes)
            })
            .collect();
        let mut file = std::io::Cursor::new(Vec::new());
        zip_into(&mut file, |pipe| {
            for (name, bytes) in &parts {
                pipe.start(name)?;
                // In writes of all sizes, as the slides' XML comes.
                for piece in bytes.chunks(777) {
                    pipe.write_all(piece)?;
                }
            }
            Ok(())
        })
        .unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        assert_eq!(zip.len(), parts.len());
        for (i, (name, bytes)) in parts.iter().enumerate() {
            let mut entry = zip.by_index(i).unwrap();
            assert_eq!(entry.name().unwrap(), name.as_str());
            let stored = entry.compression() == zip::CompressionMethod::Stored;
            assert_eq!(stored, bytes.len() <= STORE_UP_TO, "{name}");
            let mut read = Vec::new();
            entry.read_to_end(&mut read).unwrap();
            assert!(read == *bytes, "{name}");
        }
    }

    /// An error while the parts are made leaves the zip unfinished and is
    /// the error returned.
    #[test]
    fn a_deck_given_up_is_not_finished() {
        let mut file = std::io::Cursor::new(Vec::new());
        let result = zip_into(&mut file, |pipe| {
            pipe.part("a.xml", "<a/>")?;
            Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "cancelled",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::Interrupted);
        assert!(zip::ZipArchive::new(file).is_err());
    }
}
