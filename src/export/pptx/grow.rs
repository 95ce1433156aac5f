//! A slide with room to spare grows its body type, up to a cap: a slide
//! of a few lines reads from the back of the room, one of many keeps the
//! layout rule's size. Every block is rewrapped at the larger size (fewer
//! characters a line, taller lines) before the size is chosen, so nothing
//! that fitted at the rule's size overflows at the grown one.

use unicode_width::UnicodeWidthStr;

use super::deck::{Block, Slide, TableRow};
use super::{BODY_SIZE, LINE_PX, TABLE_SIZE};
use crate::export::layout::{
    LINE_CHARS, PARAGRAPH_GAP, ROW_LINE, ROW_PADDING, column_chars, lines_of,
};

/// The most the body's type grows over the rule's size.
const CAP: f64 = 1.5;
/// The sizes tried, largest first, as multiples of the rule's.
const STEPS: [f64; 5] = [CAP, 1.4, 1.3, 1.2, 1.1];

/// The body's type size, as a multiple of the layout rule's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale(pub(super) f64);

impl Scale {
    /// The rule's size.
    pub(super) const ONE: Self = Self(1.0);

    /// The largest size at which `slide`'s body, rewrapped, fits `room` px.
    /// No word grows wider than its line or cell: the applications do
    /// not break a word, they cut it off.
    pub(super) fn to_fill(slide: &Slide, room: f64) -> Self {
        // Lines only grow taller and never fewer: at `s` times the size the
        // body takes at least `s` times its height. Most slides are full,
        // and none of their text is measured again.
        let most = room / Self::ONE.body_height(slide).max(1.0);
        let mut steps = STEPS.iter().filter(|&&s| s <= most).peekable();
        if steps.peek().is_none() {
            return Self::ONE;
        }
        let widest = widest_word(slide);
        steps
            .map(|&s| Self(s))
            .find(|s| widest * s.0 <= 1.0 && s.body_height(slide) <= room)
            .unwrap_or(Self::ONE)
    }

    /// The body's height in px at this size.
    pub(super) fn body_height(self, slide: &Slide) -> f64 {
        slide
            .blocks
            .iter()
            .map(|b| match b {
                Block::Text { spans, cost, .. } => self.text_height(spans, *cost),
                Block::Table { header, rows } => {
                    let columns = header.columns();
                    self.row_height(header, columns)
                        + self.px(f64::from(PARAGRAPH_GAP))
                        + rows
                            .iter()
                            .map(|r| self.row_height(r, columns))
                            .sum::<f64>()
                }
            })
            .sum()
    }

    /// `lines` of body text, in px.
    pub(super) fn px(self, lines: f64) -> f64 {
        lines * LINE_PX * self.0
    }

    /// A type size (hundredths of a point), grown, to a half point.
    pub(super) fn size(self, size: u32) -> u32 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a type size of a few dozen points"
        )]
        let grown = (f64::from(size) * self.0 / 50.0).round() as u32 * 50;
        grown
    }

    /// The body's and the tables' type sizes.
    pub(super) fn body_size(self) -> u32 {
        self.size(BODY_SIZE)
    }
    pub(super) fn table_size(self) -> u32 {
        self.size(TABLE_SIZE)
    }

    /// The characters a line of `base` characters at the rule's size holds.
    fn chars(self, base: usize) -> usize {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a line of a few hundred characters"
        )]
        let chars = (base as f64 / self.0).floor() as usize;
        chars.max(1)
    }

    /// A paragraph's height in px: `cost` lines at the rule's size, more
    /// when rewrapped at this one.
    pub(super) fn text_height(self, spans: &[crate::model::Span], cost: f32) -> f64 {
        if self == Self::ONE {
            return self.px(f64::from(cost));
        }
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
        let lines = lines_of(&text, self.chars(LINE_CHARS)) as f64 + f64::from(PARAGRAPH_GAP);
        self.px(lines.max(f64::from(cost)))
    }

    /// A table row's height in px, its table `columns` wide.
    pub(super) fn row_height(self, row: &TableRow, columns: usize) -> f64 {
        if self == Self::ONE {
            return self.px(f64::from(row.cost));
        }
        let width = self.chars(column_chars(columns));
        let tallest = row
            .cell_texts()
            .map(|text| lines_of(text, width))
            .max()
            .unwrap_or(1);
        #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
        let lines = f64::from(ROW_LINE) * tallest as f64 + f64::from(ROW_PADDING);
        self.px(lines.max(f64::from(row.cost)))
    }
}

/// The widest word on `slide` as a share of the line (or cell) that holds
/// it at the rule's size.
fn widest_word(slide: &Slide) -> f64 {
    let share = |text: &str, width: usize| {
        let widest = text
            .split_whitespace()
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        #[expect(clippy::cast_precision_loss, reason = "a few hundred characters")]
        let share = widest as f64 / width.max(1) as f64;
        share
    };
    slide
        .blocks
        .iter()
        .map(|b| match b {
            Block::Text { spans, .. } => spans
                .iter()
                .map(|s| share(&s.text, LINE_CHARS))
                .fold(0.0, f64::max),
            Block::Table { header, rows } => {
                let width = column_chars(header.columns());
                std::iter::once(header)
                    .chain(rows)
                    .flat_map(TableRow::cell_texts)
                    .map(|text| share(text, width))
                    .fold(0.0, f64::max)
            }
        })
        .fold(0.0, f64::max)
}
