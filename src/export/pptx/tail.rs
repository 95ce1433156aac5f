//! The deck's file with its last bytes kept in memory: the zip writer
//! looks up its position before each part and, after it, goes back to the
//! part's header to write its size and checksum. On the file itself that
//! is a flush and three seeks a part (320,000 system calls for the
//! 10,000-dimension deck); kept here, those are memory writes, and the
//! file gets the bytes in large writes, in order.

use std::io::{Seek, SeekFrom, Write};

/// Bytes kept at most before the older ones go to the file.
const HELD: usize = 256 * 1024;
/// Bytes kept when the older ones go: a part's header is usually closer.
const KEPT: usize = 64 * 1024;

/// `inner` with its last bytes held: writes and seeks among them stay in
/// memory. Its bytes reach `inner` on [`Write::flush`] (and as it grows);
/// dropped unflushed, the last ones never do.
pub(super) struct Tail<W: Write + Seek> {
    inner: W,
    /// The bytes held, from `start` in the file (where `inner` stands).
    held: Vec<u8>,
    start: u64,
    /// Where the next write goes: within the bytes held or at their end.
    pos: u64,
    /// The file's length, counting the bytes held.
    end: u64,
}

impl<W: Write + Seek> Tail<W> {
    /// `inner` from where it stands.
    ///
    /// # Errors
    /// When `inner` cannot tell its position or length.
    pub(super) fn new(mut inner: W) -> std::io::Result<Self> {
        let start = inner.stream_position()?;
        let end = inner.seek(SeekFrom::End(0))?;
        inner.seek(SeekFrom::Start(start))?;
        Ok(Self {
            inner,
            held: Vec::new(),
            start,
            pos: start,
            end,
        })
    }

    /// Writes the first `n` bytes held to the file.
    fn write_out(&mut self, n: usize) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.inner.write_all(&self.held[..n])?;
        self.held.drain(..n);
        self.start += n as u64;
        Ok(())
    }

    /// Where the bytes held end in the file.
    fn held_end(&self) -> u64 {
        self.start + self.held.len() as u64
    }
}

impl<W: Write + Seek> Write for Tail<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // `start <= pos <= held_end()` always: the offset is in `held`.
        let at = usize::try_from(self.pos - self.start).map_err(std::io::Error::other)?;
        let over = (self.held.len() - at).min(bytes.len());
        self.held[at..at + over].copy_from_slice(&bytes[..over]);
        self.held.extend_from_slice(&bytes[over..]);
        self.pos += bytes.len() as u64;
        self.end = self.end.max(self.held_end());
        if self.held.len() > HELD && self.pos == self.held_end() {
            self.write_out(self.held.len() - KEPT)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_out(self.held.len())?;
        self.inner.seek(SeekFrom::Start(self.pos))?;
        self.start = self.pos;
        self.inner.flush()
    }
}

impl<W: Write + Seek> Seek for Tail<W> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(by) => self.pos.checked_add_signed(by),
            SeekFrom::End(by) => self.end.checked_add_signed(by),
        }
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a seek before the start of the deck",
            )
        })?;
        if (self.start..=self.held_end()).contains(&target) {
            self.pos = target;
            return Ok(target);
        }
        // Out of the bytes held: they go to the file, and the file seeks.
        self.write_out(self.held.len())?;
        self.start = self.inner.seek(SeekFrom::Start(target))?;
        self.pos = self.start;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Cursor;

    /// What a test does to the file.
    #[derive(Debug, Clone)]
    enum Op {
        Write(usize, u8),
        Seek(SeekFrom),
        Flush,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..200_000usize, any::<u8>()).prop_map(|(n, b)| Op::Write(n, b)),
            2 => (0..600_000u64).prop_map(|n| Op::Seek(SeekFrom::Start(n))),
            1 => (-300_000..300_000i64).prop_map(|n| Op::Seek(SeekFrom::Current(n))),
            1 => (-300_000..10i64).prop_map(|n| Op::Seek(SeekFrom::End(n))),
            1 => Just(Op::Flush),
        ]
    }

    proptest! {
        // No regressions file in the source tree: the case found is below.
        #![proptest_config(ProptestConfig {
            cases: 200,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Any writes and seeks give the file a plain file would have,
        /// and the same positions on the way.
        #[test]
        fn writes_and_seeks_land_as_on_the_file_itself(ops in prop::collection::vec(op(), 1..40)) {
            let mut plain = Cursor::new(Vec::new());
            let mut tail = Tail::new(Cursor::new(Vec::new())).unwrap();
            for op in ops {
                match op {
                    Op::Write(n, b) => {
                        let bytes = vec![b; n];
                        plain.write_all(&bytes).unwrap();
                        tail.write_all(&bytes).unwrap();
                    }
                    Op::Seek(to) => {
                        let (a, b) = (plain.seek(to).ok(), tail.seek(to).ok());
                        prop_assert_eq!(a, b);
                    }
                    Op::Flush => tail.flush().unwrap(),
                }
                prop_assert_eq!(plain.position(), tail.stream_position().unwrap());
            }
            tail.flush().unwrap();
            prop_assert!(tail.inner.get_ref() == plain.get_ref());
        }
    }

    /// A seek past the end writes nothing: the file keeps its length (the
    /// case the property test found: an empty write there padded it).
    #[test]
    fn a_seek_past_the_end_alone_does_not_grow_the_file() {
        let mut tail = Tail::new(Cursor::new(Vec::new())).unwrap();
        tail.seek(SeekFrom::Start(1)).unwrap();
        tail.flush().unwrap();
        assert!(tail.inner.get_ref().is_empty());
    }
}
