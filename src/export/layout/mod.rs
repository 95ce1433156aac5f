//! The rule that lays out a deck's slides so that none overflows: each
//! block costs the lines it takes at the deck's type size (text width by
//! `unicode-width`, so CJK counts double), a table row the lines of its
//! tallest cell; a slide takes at most [`BODY_LINES`] under its heading,
//! and what does not fit continues on the next, headed `Title (cont.)`.
//! Text too long for any slide is cut between sentences, else between
//! words, keeping every word in order. Pure, no egui.

mod balance;
mod cut;

pub use balance::{Pages, balance};
pub(super) use cut::{Piece, lines_of, lines_that_fit, pieces, table_lines, text_cost};

use super::markdown::Blocks;
use super::md_text::{Place, one_line, strong_line};
use super::verdicts::{self, Verdicts};
use super::{Column, ExportOptions, deck_header, point_rows, shown_items, star_prefix, summary};
use crate::model::{Comparison, Dimension, plain_text};
use crate::notes::Notes;

/// Characters of body text in one line across a slide (1152 px of 22 px
/// type hold about 105; fewer, to be safe). Measured with the Marp CLI's
/// images of the built-in deck and a 3-subject deck with an 11-row table.
pub(super) const LINE_CHARS: usize = 92;
/// Characters of table text across the slide (its type is 0.9 em).
pub(super) const TABLE_CHARS: usize = 104;
/// Characters of a `##` heading in one line (1.45 em).
pub(super) const HEADING_CHARS: usize = 56;
/// Characters of the title slide's `#` heading in one line (2 em).
pub(super) const TITLE_CHARS: usize = 40;
/// The height of one line of a `##` heading and of the `#` title, in lines
/// of body text.
pub(super) const HEADING_LINE: f32 = 1.6;
pub(super) const TITLE_LINE: f32 = 2.2;
/// Lines of body text a slide holds under a one-line heading (about 550
/// px at 33 px a line: 16.7; fewer, to be safe).
pub(super) const BODY_LINES: f32 = 14.5;
/// The most a paragraph may show before it is cut: what fills a slide.
pub(super) const PARAGRAPH_MAX: usize = LINE_CHARS * 11;
/// The space after a paragraph or list, in lines.
pub(super) const PARAGRAPH_GAP: f32 = 0.7;
/// A table row's padding and border, in lines; and its text's line height.
pub(super) const ROW_PADDING: f32 = 0.4;
pub(super) const ROW_LINE: f32 = 0.9;

/// What a deck makes of the slides a [`Pager`] fills: its blocks, its
/// table rows, and where its slides go. The Marp deck writes Markdown
/// ([`MarpSlides`]), the PowerPoint deck shapes; both are filled by the
/// one rule in [`Pager`], so they hold the same slides.
pub(super) trait Slides {
    /// Whether its blocks and rows are made from the pieces' Markdown.
    const MARKDOWN: bool;
    /// What a slide holds under its heading.
    type Block;
    /// A table row.
    type Row: Clone;
    /// A paragraph showing `piece` (a bullet item when `bullet`), after
    /// `label` in bold and `: ` when there is one; it costs `cost` lines.
    fn paragraph(piece: Piece, label: Option<&str>, bullet: bool, cost: f32) -> Self::Block;
    /// `text` (plain, on one line) as a paragraph of its own, in bold when
    /// `strong`; it costs `cost` lines.
    fn line(text: &str, strong: bool, cost: f32) -> Self::Block;
    /// A row of `cells`, each `width` characters a line; `highlighted` for
    /// a highlighted point.
    fn row(cells: Vec<Piece>, width: usize, highlighted: bool) -> Self::Row;
    /// A row's height in lines.
    fn cost(row: &Self::Row) -> f32;
    /// A table's rows on one slide, under `header`.
    fn table(header: Self::Row, rows: Vec<Self::Row>) -> Self::Block;
    /// Hands on a slide holding `blocks`; `first`: the first under its
    /// heading (the others are headed `Title (cont.)`).
    fn slide(&mut self, blocks: Vec<Self::Block>, first: bool) -> std::io::Result<()>;
}

/// Slides being filled under one heading: blocks are added with their
/// cost in lines, and a block that does not fit starts the next slide,
/// headed `Title (cont.)`. Each slide goes on as soon as it is full, so one
/// slide is held at a time.
pub(super) struct Pager<S: Slides> {
    slides: S,
    /// The slide being filled, and how many went before it.
    page: Vec<S::Block>,
    pages: usize,
    used: f32,
    budget: f32,
    /// A list's heading, kept until the list's first item so that the two
    /// go on one slide (never a heading alone at the foot of a slide).
    held: Option<(S::Block, f32)>,
}

impl<S: Slides> Pager<S> {
    /// Slides under a `##` heading that shows `heading` (plain text).
    pub(super) fn under(slides: S, heading: &str) -> Self {
        // A heading of several lines takes room from the body (1.45 em).
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let extra = (lines_of(heading, HEADING_CHARS) - 1) as f32 * HEADING_LINE;
        Self {
            slides,
            page: Vec::new(),
            pages: 0,
            used: 0.0,
            budget: (BODY_LINES - extra).max(4.0),
            held: None,
        }
    }

    /// Slides that start with the deck's title slide, whose heading shows
    /// `heading`. Its heading is larger (2 em against 1.45), so every slide
    /// of it gets the room left under the larger one.
    pub(super) fn under_title(slides: S, heading: &str) -> Self {
        let mut pager = Self::under(slides, heading);
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let lines = lines_of(heading, TITLE_CHARS) as f32;
        pager.budget = (BODY_LINES - TITLE_LINE * lines + HEADING_LINE).max(4.0);
        pager
    }

    /// Adds a block, on a new slide when it does not fit on this one
    /// (with the list heading held for it, if any).
    pub(super) fn add(&mut self, block: S::Block, cost: f32) -> std::io::Result<()> {
        let held = self.held.take();
        let together = cost + held.as_ref().map_or(0.0, |h| h.1);
        if self.used > 0.0 && self.used + together > self.budget {
            self.next_slide()?;
        }
        for (block, cost) in held.into_iter().chain([(block, cost)]) {
            self.used += cost;
            self.page.push(block);
        }
        Ok(())
    }

    /// Places the held heading, if any, as a block of its own.
    fn place_held(&mut self) -> std::io::Result<()> {
        match self.held.take() {
            Some((block, cost)) => self.add(block, cost),
            None => Ok(()),
        }
    }

    /// Adds content `text` (inline Markdown), one block per paragraph, a
    /// paragraph too long for a slide cut into pieces; the first starts
    /// with `label` in bold when there is one.
    pub(super) fn text(&mut self, text: &str, label: Option<&str>) -> std::io::Result<()> {
        let mut label = label;
        for piece in pieces(text, Place::Block, (false, S::MARKDOWN), PARAGRAPH_MAX) {
            let label = label.take();
            let cost = match label {
                Some(name) => text_cost(&format!("{}: {}", plain_text(name), piece.plain)),
                None => text_cost(&piece.plain),
            };
            self.add(S::paragraph(piece, label, false, cost), cost)?;
        }
        Ok(())
    }

    /// Adds content `text` as bullet items (a long one cut into pieces).
    pub(super) fn item(&mut self, text: &str) -> std::io::Result<()> {
        for piece in pieces(text, Place::Block, (false, S::MARKDOWN), LINE_CHARS * 3) {
            let cost = text_cost(&piece.plain);
            self.add(S::paragraph(piece, None, true, cost), cost)?;
        }
        Ok(())
    }

    /// Adds `text` (plain, on one line) as a paragraph of its own, in bold
    /// when `strong`: a list's heading, kept with the block after it.
    pub(super) fn line(&mut self, text: &str, strong: bool) -> std::io::Result<()> {
        self.place_held()?;
        let cost = text_cost(&plain_text(text));
        self.held = Some((S::line(text, strong, cost), cost));
        Ok(())
    }

    /// Adds a table of `header.len()` columns (each row its cells' texts
    /// and whether it is highlighted; `rows` gives them afresh each time it
    /// is called), as many rows on each slide as fit, shared out evenly
    /// ([`balance`]), the header repeated on each; a cell too tall for any
    /// slide is cut into pieces on rows of their own (see [`table_lines`]).
    ///
    /// A table that fits a slide is made in one pass; a longer one in two:
    /// its rows' costs first (one number a row, so a slide's rows at most
    /// are held), then its rows, page by page.
    pub(super) fn table<'t, I>(
        &mut self,
        header: &[&str],
        rows: impl Fn() -> I,
    ) -> std::io::Result<()>
    where
        I: IntoIterator<Item = (Vec<&'t str>, bool)>,
    {
        self.table_before(header, rows, 0.0)
    }

    /// Like [`Pager::table`], the table's pages shared out as if a block
    /// costing `tail` lines followed its last row (the paragraph added
    /// next), so that the block finds room beside the last rows rather
    /// than on a slide of its own.
    pub(super) fn table_before<'t, I>(
        &mut self,
        header: &[&str],
        rows: impl Fn() -> I,
        tail: f32,
    ) -> std::io::Result<()>
    where
        I: IntoIterator<Item = (Vec<&'t str>, bool)>,
    {
        self.place_held()?;
        let width = column_chars(header.len());
        let header_cells: Vec<Piece> = header
            .iter()
            .map(|text| Piece::of(text, Place::Cell, false, S::MARKDOWN))
            .collect();
        let header = S::row(header_cells, width, false);
        let head = S::cost(&header) + PARAGRAPH_GAP;
        let max = cell_max(width, S::cost(&header));
        let first_room = self.budget - self.used - head;
        let room = self.budget - head;
        // The rows kept while they fit a slide (most tables); past that,
        // only each row's cost, and the rows are made again below.
        let (mut kept, mut costs, mut sum) = (Vec::new(), Vec::new(), 0.0);
        table_lines(rows(), (max, S::MARKDOWN), |cells, bold| {
            let cost = row_cost(&cells, width);
            sum += cost;
            costs.push(cost);
            if sum <= first_room.max(room) {
                kept.push(S::row(cells, width, bold));
            }
            Ok(())
        })?;
        let all_kept = kept.len() == costs.len();
        if all_kept && sum <= first_room {
            self.used += head + sum;
            self.page.push(S::table(header, kept));
            return Ok(());
        }
        let rows_in_all = costs.len();
        if tail > 0.0 {
            costs.push(tail);
        }
        let mut pages = balance(&costs, first_room, room);
        pages.starts.retain(|&start| start < rows_in_all);
        if pages.fresh && self.used > 0.0 {
            self.next_slide()?;
        }
        let mut breaks = pages.starts.into_iter().skip(1).peekable();
        let (mut page_rows, mut used, mut i) = (Vec::new(), head, 0);
        let mut place = |row: S::Row| -> std::io::Result<()> {
            if breaks.next_if_eq(&i).is_some() {
                self.used += used;
                self.page
                    .push(S::table(header.clone(), std::mem::take(&mut page_rows)));
                self.next_slide()?;
                used = head;
            }
            used += costs.get(i).copied().unwrap_or_default();
            page_rows.push(row);
            i += 1;
            Ok(())
        };
        if all_kept {
            kept.into_iter().try_for_each(&mut place)?;
        } else {
            drop(kept);
            table_lines(rows(), (max, S::MARKDOWN), |cells, bold| {
                place(S::row(cells, width, bold))
            })?;
        }
        self.used += used;
        self.page.push(S::table(header, page_rows));
        Ok(())
    }

    /// Whether nothing was added.
    pub(super) fn is_empty(&self) -> bool {
        self.pages == 0 && self.used == 0.0 && self.held.is_none()
    }

    /// Hands the slide being filled on and starts the next.
    fn next_slide(&mut self) -> std::io::Result<()> {
        let blocks = std::mem::take(&mut self.page);
        let first = self.pages == 0;
        self.pages += 1;
        self.used = 0.0;
        self.slides.slide(blocks, first)
    }

    /// Hands the last slide on.
    pub(super) fn finish(mut self) -> std::io::Result<()> {
        self.place_held()?;
        self.next_slide()
    }
}

/// One Marp table row: its Markdown, its height in lines, and how many
/// cells it has.
#[derive(Debug, Clone)]
pub(super) struct Row {
    markdown: String,
    cost: f32,
    columns: usize,
}

/// The Marp deck's slides: Markdown, each handed to `emit` as one text.
pub(super) struct MarpSlides<'e> {
    heading: String,
    /// The first slide's heading marker: `##`, or `#` on the title slide.
    first_level: &'static str,
    /// The speaker notes, for the first slide.
    speaker: Option<String>,
    emit: MarpEmit<'e>,
}

/// Where the Marp deck's slides go, each as soon as it is made.
pub(super) type MarpEmit<'e> = &'e mut dyn FnMut(String) -> std::io::Result<()>;

impl<'e> Pager<MarpSlides<'e>> {
    /// Marp slides under a `##` heading showing `title`; the speaker notes
    /// go on the first.
    pub(super) fn new(title: &str, speaker: Option<String>, emit: MarpEmit<'e>) -> Self {
        Self::under(
            MarpSlides::of(title, "##", speaker, emit),
            &plain_text(title),
        )
    }

    /// Marp slides that start with the title slide: `# title` on the first,
    /// `## title (cont.)` on the next.
    pub(super) fn title_slide(title: &str, speaker: Option<String>, emit: MarpEmit<'e>) -> Self {
        Self::under_title(
            MarpSlides::of(title, "#", speaker, emit),
            &plain_text(title),
        )
    }
}

impl<'e> MarpSlides<'e> {
    fn of(
        title: &str,
        first_level: &'static str,
        speaker: Option<String>,
        emit: MarpEmit<'e>,
    ) -> Self {
        Self {
            heading: one_line(title),
            first_level,
            speaker,
            emit,
        }
    }
}

impl Slides for MarpSlides<'_> {
    const MARKDOWN: bool = true;
    type Block = String;
    type Row = Row;

    fn paragraph(piece: Piece, label: Option<&str>, bullet: bool, _cost: f32) -> String {
        match label {
            Some(name) => format!("{}: {}", strong_line(name), piece.markdown),
            None if bullet => format!("- {}", piece.markdown),
            None => piece.markdown,
        }
    }

    fn line(text: &str, strong: bool, _cost: f32) -> String {
        if strong {
            strong_line(text)
        } else {
            one_line(text)
        }
    }

    fn row(cells: Vec<Piece>, width: usize, _highlighted: bool) -> Row {
        // A highlighted row's cells are in bold already.
        let cost = row_cost(&cells, width);
        let markdown = cells
            .iter()
            .map(|c| c.markdown.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        Row {
            markdown: format!("| {markdown} |"),
            cost,
            columns: cells.len(),
        }
    }

    fn cost(row: &Row) -> f32 {
        row.cost
    }

    fn table(header: Row, rows: Vec<Row>) -> String {
        let rule = format!("|{}", " --- |".repeat(header.columns));
        std::iter::once(header.markdown)
            .chain(std::iter::once(rule))
            .chain(rows.into_iter().map(|row| row.markdown))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn slide(&mut self, blocks: Vec<String>, first: bool) -> std::io::Result<()> {
        let mut body = Blocks::default();
        for block in blocks {
            body.push(block);
        }
        let mut slide = Blocks::default();
        if first {
            slide.push(format!("{} {}", self.first_level, self.heading));
        } else {
            slide.push(format!("## {} (cont.)", self.heading));
        }
        slide.push(body.join());
        if first && let Some(speaker) = self.speaker.take() {
            slide.push(speaker);
        }
        (self.emit)(slide.join())
    }
}

/// A table row's height in lines: its tallest cell's, each cell `width`
/// characters a line.
pub(super) fn row_cost(cells: &[Piece], width: usize) -> f32 {
    let tallest = cells
        .iter()
        .map(|c| lines_of(&c.plain, width))
        .max()
        .unwrap_or(1);
    #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
    let lines = tallest as f32;
    ROW_LINE * lines + ROW_PADDING
}

/// The characters of table text one of `columns` columns holds.
pub(super) fn column_chars(columns: usize) -> usize {
    (TABLE_CHARS / columns.max(1)).saturating_sub(2).max(4)
}

/// The most a table cell of `width` characters a line may hold under a
/// header `header_cost` lines tall, so that any row fits under the header.
pub(super) fn cell_max(width: usize, header_cost: f32) -> usize {
    width * lines_that_fit(BODY_LINES - header_cost - ROW_PADDING - PARAGRAPH_GAP)
}

/// A dimension's slides, filled by the pager that `pager` makes for their
/// heading (its title, with `★ ` when the options show the presenter's
/// marks): the summaries (when the options ask for them), the points as a
/// table, what the subjects share.
pub(super) fn dimension_slides<S: Slides>(
    pager: impl FnOnce(&str) -> Pager<S>,
    d: &Dimension,
    notes: &Notes,
    options: &ExportOptions,
    cols: &[Column<'_>],
) -> std::io::Result<()> {
    let mut pager = pager(&format!("{}{}", star_prefix(notes, d, options), d.title));
    if options.include_summaries {
        for &col in cols {
            if let Some(text) = summary(d, col) {
                pager.text(text, Some(col.name))?;
            }
        }
    }
    if !d.points.is_empty() {
        pager.table(&deck_header(cols), || point_rows(d, notes, cols))?;
    }
    let common = shown_items(&d.common);
    if !common.is_empty() {
        pager.line("In common", true)?;
        for item in common {
            pager.item(item)?;
        }
    }
    pager.finish()
}

/// The "Where each wins" slides: the verdicts table (continued where it
/// does not fit), then the summary and what would flip it.
pub(super) fn verdict_body<S: Slides>(
    mut pager: Pager<S>,
    v: &Verdicts<'_>,
) -> std::io::Result<()> {
    let matters: Vec<String> = v.rows.iter().map(verdicts::Fit::matters).collect();
    let rows = || {
        v.rows
            .iter()
            .zip(&matters)
            .map(|(fit, matters)| (vec![fit.title, matters.as_str(), fit.name], false))
    };
    let paragraph = v.paragraph();
    pager.table_before(&verdicts::COLUMNS, rows, text_cost(&plain_text(&paragraph)))?;
    pager.text(&paragraph, None)?;
    pager.finish()
}

/// The conclusion's slides, with the sources; none when there is no
/// conclusion.
pub(super) fn conclusion_body<S: Slides>(
    mut pager: Pager<S>,
    c: &Comparison,
) -> std::io::Result<()> {
    pager.text(&c.conclusion, None)?;
    if pager.is_empty() {
        return Ok(());
    }
    let sources = shown_items(&c.sources);
    if !sources.is_empty() {
        pager.line("Sources:", false)?;
        for source in sources {
            pager.item(source)?;
        }
    }
    pager.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_cut_only_when_it_is_longer_than_a_whole_piece() {
        // "xiq" does not fit after "abcd": it starts the next piece whole.
        let shown: Vec<String> = pieces("abcd **xiq** end", Place::Cell, (false, true), 6)
            .into_iter()
            .map(|p| p.plain)
            .collect();
        assert!(shown.iter().any(|p| p.contains("xiq")), "{shown:?}");
        // A word longer than any piece is still cut, as many characters a
        // piece as fit, not one.
        let long = pieces("abcdefghijkl", Place::Cell, (false, true), 5);
        assert_eq!(long.len(), 3, "{long:?}");
    }

    /// The PowerPoint deck makes no Markdown; it must still get the same
    /// pieces as the Marp deck, blank ones left out alike.
    #[test]
    fn pieces_are_the_same_with_their_markdown_or_without() {
        let texts = [
            "plain words, cut somewhere in the middle of this line",
            "  \n \t ",
            " \u{85} and \u{b}",
            "**bold** and *em* and `code` and [a link](https://example.org)",
            "line one\n\n   \nline two\r\nthree",
            "中文的句子。还有一句！再来一句？",
            "\u{0}\u{1}",
            "",
        ];
        for text in texts {
            for place in [Place::Block, Place::Cell] {
                for max in [4, 12, 200] {
                    let with = pieces(text, place, (false, true), max);
                    let without = pieces(text, place, (false, false), max);
                    let shown = |p: &[Piece]| -> Vec<(String, Vec<crate::model::Span>)> {
                        p.iter()
                            .map(|p| (p.plain.clone(), p.spans.clone()))
                            .collect()
                    };
                    assert_eq!(shown(&with), shown(&without), "{text:?} {place:?} {max}");
                    assert!(
                        with.iter().all(|p| !p.markdown.is_empty()),
                        "{text:?}: {with:?}"
                    );
                    assert!(without.iter().all(|p| p.markdown.is_empty()));
                }
            }
        }
    }

    /// Printable ASCII is measured by its length; the rest as
    /// `unicode-width` does.
    #[test]
    fn widths_are_unicode_widths() {
        use unicode_width::UnicodeWidthStr as _;
        for text in [
            "",
            "plain ASCII, 1 2 3 ~",
            "tab\there",
            "中文",
            "é",
            "a\u{7}b",
            "\u{7f}",
        ] {
            assert_eq!(cut::width(text), text.width(), "{text:?}");
        }
    }
}
