//! Cutting text to fit: a paragraph or a cell too long for a slide cut
//! between sentences, else between words, keeping every word in order;
//! and what a text costs in lines at the deck's type size.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::super::md_text::{Lines, Place};
use super::super::text::clean;
use super::{LINE_CHARS, PARAGRAPH_GAP, ROW_LINE};
use crate::model::{Span, for_each_span, plain_text};

/// A piece of content: its Markdown (empty when not asked for), the text
/// it shows, and its styled spans (for writers that style text
/// themselves, such as the PPTX deck).
#[derive(Debug, Clone, Default)]
pub(in crate::export) struct Piece {
    pub(in crate::export) markdown: String,
    pub(in crate::export) plain: String,
    pub(in crate::export) spans: Vec<Span>,
}

impl Piece {
    /// All of `text`, written for `place` (its Markdown when `markdown`).
    pub(in crate::export) fn of(text: &str, place: Place, strong: bool, markdown: bool) -> Self {
        let mut lines = markdown.then(|| Lines::new(place, strong, text));
        let mut spans = Vec::new();
        for_each_span(text, |span| {
            if let Some(lines) = &mut lines {
                lines.span(span);
            }
            spans.push(span.clone());
        });
        Self {
            markdown: lines.map(|lines| joined(lines, place)).unwrap_or_default(),
            plain: plain_text(text),
            spans,
        }
    }
}

/// Whether `text` shows anything once cleaned (see [`clean`]): a piece
/// of nothing but spaces and line breaks is left out, as its Markdown
/// would be blank.
fn shows_something(text: &str) -> bool {
    clean(text).chars().any(|ch| !ch.is_whitespace())
}

/// The Markdown of `lines`: in a cell joined with `<br>`, in a block with
/// spaces.
fn joined(lines: Lines, place: Place) -> String {
    lines
        .finish()
        .join(if place == Place::Cell { "<br>" } else { " " })
}

/// `text` (inline Markdown) cut into pieces that each show at most `max`
/// columns: after a sentence where one ends late enough in the piece, else
/// at a space, else anywhere. In a block, each paragraph (or hard-broken
/// line) starts a piece; in a cell, lines stay together (joined with
/// `<br>`). Every word is kept, in order; styles carry over the cuts. Each
/// piece's Markdown is made only when `markdown` (the PowerPoint deck and
/// a table's costs need none).
pub(in crate::export) fn pieces(
    text: &str,
    place: Place,
    (strong, markdown): (bool, bool),
    max: usize,
) -> Vec<Piece> {
    // Most texts are one piece of one span (a table of a million cells
    // cuts each, a row at a time): room for one, not a `Vec`'s first four.
    let mut cutter = Cutter {
        place,
        max,
        out: Vec::with_capacity(1),
        lines: markdown.then(|| Lines::new(place, strong, text)),
        plain: String::new(),
        spans: Vec::with_capacity(1),
        shown: 0,
    };
    for_each_span(text, |span| {
        for (i, segment) in span.text.split('\n').enumerate() {
            if i > 0 {
                cutter.line_break(span);
            }
            cutter.segment(span, segment);
        }
    });
    cutter.finish()
}

/// The state of [`pieces`]: the pieces made, and the one being filled.
struct Cutter {
    place: Place,
    max: usize,
    out: Vec<Piece>,
    /// The piece being filled: its Markdown lines (when asked for), the
    /// text it shows, its spans and its width so far.
    lines: Option<Lines>,
    plain: String,
    spans: Vec<Span>,
    shown: usize,
}

impl Cutter {
    /// A line break inside a span: a new piece in a block, a kept `\n` in
    /// a cell.
    fn line_break(&mut self, span: &Span) {
        if self.place == Place::Block {
            self.end_piece();
        } else {
            let newline = Span {
                text: "\n".to_owned(),
                ..span.clone()
            };
            if let Some(lines) = &mut self.lines {
                lines.span(&newline);
            }
            self.spans.push(newline);
            self.plain.push('\n');
        }
    }

    /// One line of a span, cut wherever the piece being filled is full.
    fn segment(&mut self, span: &Span, segment: &str) {
        let mut rest = segment;
        while !rest.is_empty() {
            let room = self.max.saturating_sub(self.shown);
            let cut = if width(rest) <= room {
                rest.len()
            } else {
                cut_point(rest, room)
            };
            // A cut inside a word is for a word longer than a whole
            // piece: with something in this piece already, the word
            // starts the next one instead ("x" | "iq" reads as two).
            let clean = cut == rest.len()
                || rest[cut..].starts_with(char::is_whitespace)
                || rest[..cut].ends_with(['。', '！', '？']);
            let cut = if clean || self.shown == 0 { cut } else { 0 };
            if cut == 0 && self.shown > 0 {
                self.end_piece();
                continue;
            }
            // Nothing fits in an empty piece: one character at least.
            let cut = if cut == 0 {
                rest.chars().next().map_or(rest.len(), char::len_utf8)
            } else {
                cut
            };
            self.push(span, &rest[..cut]);
            rest = &rest[cut..];
            if !rest.is_empty() {
                self.end_piece();
                rest = rest.trim_start();
            }
        }
    }

    /// Adds `part` of `span` to the piece being filled.
    fn push(&mut self, span: &Span, part: &str) {
        let piece = Span {
            text: part.to_owned(),
            ..span.clone()
        };
        if let Some(lines) = &mut self.lines {
            lines.span(&piece);
        }
        self.spans.push(piece);
        self.plain.push_str(part);
        self.shown += width(part);
    }

    /// Ends the piece being filled (kept unless it shows nothing) and
    /// starts the next.
    fn end_piece(&mut self) {
        let markdown = self.lines.as_mut().map_or_else(String::new, |lines| {
            let fresh = lines.fresh();
            joined(std::mem::replace(lines, fresh), self.place)
        });
        // What the Markdown shows (it leaves blank lines out): the same
        // test whether it was made or not.
        if shows_something(&self.plain) {
            self.out.push(Piece {
                markdown,
                plain: self.plain.clone(),
                spans: std::mem::take(&mut self.spans),
            });
        }
        self.plain.clear();
        self.spans.clear();
        self.shown = 0;
    }

    /// The pieces, the last one ended.
    fn finish(mut self) -> Vec<Piece> {
        self.end_piece();
        self.out
    }
}

/// A table's rows as the lines they take, each cell cut to at most
/// `cell_max` columns a piece: a long cell continues on the next line (the
/// other cells empty there), a missing side says so on the first. Shared by
/// the Marp deck and the PowerPoint deck, so both cut alike. Each line goes
/// to `line` with its row's `bold` as soon as it is cut, so no more than a
/// row's pieces are held at once (a table may have millions of cells).
pub(in crate::export) fn table_lines<'t>(
    rows: impl IntoIterator<Item = (Vec<&'t str>, bool)>,
    (cell_max, markdown): (usize, bool),
    mut line: impl FnMut(Vec<Piece>, bool) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (texts, bold) in rows {
        let mut cut: Vec<std::vec::IntoIter<Piece>> = texts
            .iter()
            .map(|text| pieces(text, Place::Cell, (bold, markdown), cell_max).into_iter())
            .collect();
        let height = cut
            .iter()
            .map(ExactSizeIterator::len)
            .max()
            .unwrap_or(1)
            .max(1);
        for k in 0..height {
            // Each piece is moved out as its line is made: nothing copied.
            let cells: Vec<Piece> = cut
                .iter_mut()
                .map(|pieces| {
                    pieces.next().unwrap_or_else(|| {
                        if k == 0 {
                            Piece::of(crate::export::MISSING, Place::Cell, bold, markdown)
                        } else {
                            Piece::default()
                        }
                    })
                })
                .collect();
            line(cells, bold)?;
        }
    }
    Ok(())
}

/// Where to cut `text` so that the first part shows at most `room`
/// columns: after the last sentence end in the second half of that room,
/// else after the last space, else as many characters as fit; 0 when not
/// even one character fits.
pub(in crate::export) fn cut_point(text: &str, room: usize) -> usize {
    let mut width = 0;
    let mut fits = 0;
    let mut space = None;
    let mut sentence = None;
    let mut previous = ' ';
    for (i, ch) in text.char_indices() {
        let w = ch.width().unwrap_or(0);
        if width + w > room {
            break;
        }
        width += w;
        fits = i + ch.len_utf8();
        if ch.is_whitespace() {
            space = Some(i);
            if matches!(previous, '.' | '!' | '?' | ':' | ';') && width * 2 >= room {
                sentence = Some(i);
            }
        } else if matches!(ch, '。' | '！' | '？') && width * 2 >= room {
            sentence = Some(fits);
        }
        previous = ch;
    }
    sentence.or(space).unwrap_or(fits)
}

/// Lines that `text` takes at `width` columns a line (at least one).
pub(in crate::export) fn lines_of(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|line| self::width(line).div_ceil(width.max(1)).max(1))
        .sum()
}

/// The columns `text` takes: its length when it is all printable ASCII
/// (a column each: most text, measured without a lookup a character),
/// else as `unicode-width` measures it.
pub(super) fn width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        text.len()
    } else {
        text.width()
    }
}

/// How many whole lines of table text fit in `room` lines (at least one).
pub(in crate::export) fn lines_that_fit(room: f32) -> usize {
    let mut n = 1;
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    while ROW_LINE * (n + 1) as f32 <= room {
        n += 1;
    }
    n
}

/// The cost in lines of a paragraph showing `plain`.
pub(in crate::export) fn text_cost(plain: &str) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
    let lines = lines_of(plain, LINE_CHARS) as f32;
    lines + PARAGRAPH_GAP
}
