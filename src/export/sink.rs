//! Where a text writer puts what it makes: a buffer that goes to the
//! output whenever it has grown past a few kilobytes, so that a document of
//! any size holds at most about one table row (or one slide) in memory.

use std::io::Write;
use std::ops::{Deref, DerefMut};

/// Handed to the output once it holds this much (or more: a row is never
/// cut).
const SPILL_AT: usize = 32 * 1024;

/// Called once each dimension is written: it reports progress, and an
/// error from it (a cancel) stops the export there.
pub type OnDimension<'a> = &'a dyn Fn() -> std::io::Result<()>;

/// A text being written: used as the `String` it holds (`push_str`,
/// `write!`), with [`Sink::spill`] at each row's end.
pub(super) struct Sink<'w> {
    text: String,
    out: &'w mut dyn Write,
    on_dimension: OnDimension<'w>,
    /// Whether a block has been written (see [`Sink::block`]).
    started: bool,
}

impl<'w> Sink<'w> {
    pub(super) fn new(out: &'w mut dyn Write, on_dimension: OnDimension<'w>) -> Self {
        Self {
            text: String::with_capacity(SPILL_AT * 2),
            out,
            on_dimension,
            started: false,
        }
    }

    /// Hands what is held to the output when it is large enough to be worth
    /// a write.
    pub(super) fn spill(&mut self) -> std::io::Result<()> {
        if self.text.len() >= SPILL_AT {
            self.out.write_all(self.text.as_bytes())?;
            self.text.clear();
        }
        Ok(())
    }

    /// Starts a block of a document whose blocks are separated by one
    /// blank line (Markdown): the separator, unless it is the first.
    pub(super) fn block(&mut self) {
        if self.started {
            self.text.push_str("\n\n");
        }
        self.started = true;
    }

    /// Adds `block` as a whole block (see [`Sink::block`]); nothing when it
    /// is empty.
    pub(super) fn push_block(&mut self, block: &str) -> std::io::Result<()> {
        if !block.is_empty() {
            self.block();
            self.text.push_str(block);
        }
        self.spill()
    }

    /// Says that a dimension is written (see [`OnDimension`]).
    pub(super) fn dimension_done(&mut self) -> std::io::Result<()> {
        self.spill()?;
        (self.on_dimension)()
    }

    /// Hands the rest to the output. It is not flushed: the caller that
    /// made the output does that once (a flush inside a zip part would
    /// change its compressed bytes).
    pub(super) fn finish(self) -> std::io::Result<()> {
        self.out.write_all(self.text.as_bytes())
    }
}

impl Deref for Sink<'_> {
    type Target = String;

    fn deref(&self) -> &String {
        &self.text
    }
}

impl DerefMut for Sink<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// No progress to report and nothing to stop on.
#[expect(
    clippy::unnecessary_wraps,
    reason = "an `OnDimension`, whose error would stop the export"
)]
pub(super) fn unobserved() -> std::io::Result<()> {
    Ok(())
}
