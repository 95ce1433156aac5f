//! The deck's slides: laid out by the Marp deck's rule, a slide at a time.

use crate::export::layout::{
    BODY_LINES, Fill, HEADING_CHARS, HEADING_LINE, LINE_CHARS, PARAGRAPH_GAP, PARAGRAPH_MAX, Piece,
    ROW_LINE, ROW_PADDING, TITLE_CHARS, TITLE_LINE, cell_max, column_chars, conclusion_body,
    dimension_slides, lines_of, pieces, table_lines, text_cost, verdict_body,
};
use crate::export::marp::note_text;
use crate::export::md_text::Place;
use crate::export::sink::OnDimension;
use crate::export::verdicts::{self, Verdicts};
use crate::export::{Column, ExportOptions, clean, columns, note, overall_note, selected};
use crate::model::{Comparison, Span, for_each_span, plain_text};
use crate::notes::Notes;
use crate::talk::{Plan, clock_text};

/// One slide: its heading, its blocks from the top, and its speaker notes.
#[derive(Debug, Clone, Default)]
pub(super) struct Slide {
    /// The heading's spans (on one line; it wraps if long).
    pub(super) heading: Vec<Span>,
    /// The heading's plain text, for its height.
    pub(super) heading_plain: String,
    /// Whether this is the title slide's first page (the larger heading).
    pub(super) title: bool,
    pub(super) blocks: Vec<Block>,
    /// The notes page's paragraphs; empty: no notes page.
    pub(super) notes: Vec<String>,
}

/// What a slide holds under its heading, each with its height in lines.
#[derive(Debug, Clone)]
pub(super) enum Block {
    /// A paragraph (or a bullet item).
    Text {
        spans: Vec<Span>,
        bullet: bool,
        cost: f32,
    },
    /// A table: the header row, then rows.
    Table {
        header: TableRow,
        rows: Vec<TableRow>,
    },
}

/// One table row: its cells' spans, whether it is highlighted (bold and
/// tinted), and its height in lines.
#[derive(Debug, Clone)]
pub(super) struct TableRow {
    pub(super) cells: Vec<Vec<Span>>,
    pub(super) highlighted: bool,
    pub(super) cost: f32,
}

impl TableRow {
    fn of(cells: Vec<Piece>, width: usize, highlighted: bool) -> Self {
        let tallest = cells
            .iter()
            .map(|c| lines_of(&c.plain, width))
            .max()
            .unwrap_or(1);
        #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
        let cost = ROW_LINE * tallest as f32 + ROW_PADDING;
        Self {
            // A slide holds thousands of cells: each keeps only the room
            // its spans take.
            cells: cells
                .into_iter()
                .map(|c| {
                    let mut spans = c.spans;
                    spans.shrink_to_fit();
                    spans
                })
                .collect(),
            highlighted,
            cost,
        }
    }
}

/// Where a deck's slides go, each as soon as it is made.
pub(super) type Emit<'e> = &'e mut dyn FnMut(Slide) -> std::io::Result<()>;

/// Slides being filled under one heading, by the Marp deck's rule (see
/// [`super::super::layout::Pager`]): a block that does not fit starts the
/// next slide, headed `Title (cont.)`; the notes go on the first. Each
/// slide goes to `emit` as soon as it is full: one slide is held at a time.
pub(super) struct Pager<'e> {
    heading: Vec<Span>,
    heading_plain: String,
    title: bool,
    notes: Vec<String>,
    /// The slide being filled, and how many went before it.
    page: Vec<Block>,
    pages: usize,
    used: f32,
    budget: f32,
    emit: Emit<'e>,
}

/// A table being added to a [`Pager`], a row at a time: the rows on the
/// slide being filled, under the header.
pub(super) struct Table {
    header: TableRow,
    rows: Vec<TableRow>,
    cost: f32,
}

impl<'e> Pager<'e> {
    pub(super) fn new(title: &str, notes: Vec<String>, emit: Emit<'e>) -> Self {
        let heading_plain = plain_text(title).replace('\n', " ");
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let extra = (lines_of(&heading_plain, HEADING_CHARS) - 1) as f32 * HEADING_LINE;
        Self {
            heading: one_line_spans(title),
            heading_plain,
            title: false,
            notes,
            page: Vec::new(),
            pages: 0,
            used: 0.0,
            budget: (BODY_LINES - extra).max(4.0),
            emit,
        }
    }

    pub(super) fn title_slide(title: &str, notes: Vec<String>, emit: Emit<'e>) -> Self {
        let mut pager = Self::new(title, notes, emit);
        pager.title = true;
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let lines = lines_of(&pager.heading_plain, TITLE_CHARS) as f32;
        pager.budget = (BODY_LINES - TITLE_LINE * lines + HEADING_LINE).max(4.0);
        pager
    }

    fn add(&mut self, block: Block, cost: f32) -> std::io::Result<()> {
        if self.used > 0.0 && self.used + cost > self.budget {
            self.next_slide()?;
        }
        self.used += cost;
        self.page.push(block);
        Ok(())
    }

    pub(super) fn paragraph(
        &mut self,
        spans: Vec<Span>,
        plain: &str,
        bullet: bool,
    ) -> std::io::Result<()> {
        let cost = text_cost(plain);
        self.add(
            Block::Text {
                spans,
                bullet,
                cost,
            },
            cost,
        )
    }

    /// Starts a table under `header`: its rows go in with
    /// [`Pager::table_row`], as many on each slide as fit, and it ends with
    /// [`Pager::table_end`].
    pub(super) fn table_start(header: TableRow) -> Table {
        let cost = header.cost + PARAGRAPH_GAP;
        Table {
            header,
            rows: Vec::new(),
            cost,
        }
    }

    /// Adds a row to `table`, on the next slide (under the header again)
    /// when it does not fit on this one.
    pub(super) fn table_row(&mut self, table: &mut Table, row: TableRow) -> std::io::Result<()> {
        if self.used + table.cost + row.cost > self.budget {
            let has_rows = !table.rows.is_empty();
            if has_rows {
                self.page.push(Block::Table {
                    header: table.header.clone(),
                    rows: std::mem::take(&mut table.rows),
                });
            }
            if has_rows || self.used > 0.0 {
                self.next_slide()?;
                table.cost = table.header.cost + PARAGRAPH_GAP;
            }
        }
        table.cost += row.cost;
        table.rows.push(row);
        Ok(())
    }

    /// Ends `table`: its last rows go on the slide being filled.
    pub(super) fn table_end(&mut self, table: Table) {
        self.used += table.cost;
        self.page.push(Block::Table {
            header: table.header,
            rows: table.rows,
        });
    }

    /// Hands the slide being filled to `emit` and starts the next.
    fn next_slide(&mut self) -> std::io::Result<()> {
        let (heading, heading_plain) = if self.pages == 0 {
            (self.heading.clone(), self.heading_plain.clone())
        } else {
            let mut spans = self.heading.clone();
            spans.push(Span {
                text: " (cont.)".to_owned(),
                ..Span::default()
            });
            (spans, format!("{} (cont.)", self.heading_plain))
        };
        let slide = Slide {
            heading,
            heading_plain,
            title: self.title && self.pages == 0,
            blocks: std::mem::take(&mut self.page),
            notes: std::mem::take(&mut self.notes),
        };
        self.pages += 1;
        self.used = 0.0;
        (self.emit)(slide)
    }
}

impl Fill for Pager<'_> {
    fn text(&mut self, text: &str, label: Option<&str>) -> std::io::Result<()> {
        let mut label = label.map(|name| {
            let mut spans = strong_spans(name);
            spans.push(Span {
                text: ": ".to_owned(),
                ..Span::default()
            });
            (spans, format!("{}: ", plain_text(name)))
        });
        for piece in pieces(text, Place::Block, false, PARAGRAPH_MAX) {
            match label.take() {
                Some((mut spans, plain)) => {
                    spans.extend(piece.spans);
                    self.paragraph(spans, &format!("{plain}{}", piece.plain), false)?;
                }
                None => self.paragraph(piece.spans, &piece.plain, false)?,
            }
        }
        Ok(())
    }

    fn item(&mut self, text: &str) -> std::io::Result<()> {
        for piece in pieces(text, Place::Block, false, LINE_CHARS * 3) {
            self.paragraph(piece.spans, &piece.plain, true)?;
        }
        Ok(())
    }

    fn line(&mut self, text: &str, strong: bool) -> std::io::Result<()> {
        let spans = if strong {
            strong_spans(text)
        } else {
            one_line_spans(text)
        };
        self.paragraph(spans, &plain_text(text), false)
    }

    fn table<'t>(
        &mut self,
        header: &[&str],
        rows: impl IntoIterator<Item = (Vec<&'t str>, bool)>,
    ) -> std::io::Result<()> {
        let width = column_chars(header.len());
        let header_cells: Vec<Piece> = header
            .iter()
            .map(|text| Piece::of(text, Place::Cell, false))
            .collect();
        let header_row = TableRow::of(header_cells, width, false);
        let mut table = Self::table_start(header_row);
        table_lines(rows, cell_max(width, table.header.cost), |cells, bold| {
            self.table_row(&mut table, TableRow::of(cells, width, bold))
        })?;
        self.table_end(table);
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.pages == 0 && self.used == 0.0
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.next_slide()
    }
}

/// The spans of `text` on one line, all in bold.
fn strong_spans(text: &str) -> Vec<Span> {
    let mut spans = one_line_spans(text);
    for s in &mut spans {
        s.strong = true;
    }
    spans
}

/// The spans of `text` on one line: its line breaks become spaces.
pub(super) fn one_line_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for_each_span(text, |span| {
        out.push(Span {
            text: span.text.replace('\n', " "),
            ..span.clone()
        });
    });
    out
}

/// Every slide of the deck, in order, each handed to `emit` as soon as it
/// is made; `on_dimension` is called as each dimension's are done.
pub(super) fn slides(
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    emit: Emit<'_>,
    on_dimension: OnDimension<'_>,
) -> std::io::Result<()> {
    let cols = columns(c, options);
    let rehearsal = notes
        .talk
        .last_rehearsal()
        .filter(|_| options.shows_notes());
    title_slides(c, notes, options, &cols, emit)?;

    let dimensions = selected(c, notes, options);
    let indices: Vec<usize> = dimensions.iter().map(|&(i, _)| i).collect();
    let talk_plan = options.shows_notes().then(|| Plan::new(c, notes, &indices));
    for &(i, d) in &dimensions {
        let mut speaker = Vec::new();
        if let Some(text) = note(notes, d, options) {
            speaker.extend(note_paragraphs(text));
        }
        let budget = talk_plan
            .as_ref()
            .and_then(|p| p.budget_of(i).map(|b| (p.target, b)));
        if let Some((target, budget)) = budget {
            if budget.by_hand {
                speaker.push(format!(
                    "Budget: {} (set by hand)",
                    clock_text(i64::from(budget.seconds))
                ));
            } else if target > 0 {
                speaker.push(format!(
                    "Budget: {} (proposed)",
                    clock_text(i64::from(budget.seconds))
                ));
            }
        }
        if let Some(run) = rehearsal {
            let spent = run
                .seconds
                .get(&d.id)
                .map_or_else(|| "not reached".to_owned(), |s| clock_text(i64::from(*s)));
            speaker.push(format!("Last rehearsal: {spent}"));
        }
        let pager = |heading: &str| Pager::new(heading, speaker, emit);
        dimension_slides(pager, d, notes, options, &cols)?;
        on_dimension()?;
    }

    if let Some(v) = Verdicts::of(c, notes, &indices).filter(|_| options.shows_verdicts()) {
        verdict_body(Pager::new(verdicts::HEADING, Vec::new(), emit), &v)?;
    }
    conclusion_body(Pager::new("Conclusion", Vec::new(), emit), c)
}

/// The title slide: the title, the subjects shown and the intro; the
/// overall note and the last rehearsal in its notes.
fn title_slides(
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    cols: &[Column<'_>],
    emit: Emit<'_>,
) -> std::io::Result<()> {
    let mut framing = Vec::new();
    if let Some(text) = overall_note(notes, options) {
        framing.extend(note_paragraphs(text));
    }
    if let Some(run) = notes
        .talk
        .last_rehearsal()
        .filter(|_| options.shows_notes())
    {
        framing.push(format!(
            "Last rehearsal: {} ({} in all, {} on this slide)",
            run.date,
            clock_text(i64::from(run.total())),
            clock_text(i64::from(run.title)),
        ));
    }
    let mut title = Pager::title_slide(&c.title, framing, emit);
    let mut names = Vec::new();
    let mut shown_names = Vec::new();
    for (k, col) in cols.iter().enumerate() {
        if k > 0 {
            names.push(Span {
                text: " vs ".to_owned(),
                ..Span::default()
            });
        }
        names.extend(strong_spans(col.name));
        shown_names.push(plain_text(col.name).replace('\n', " "));
    }
    title.paragraph(names, &shown_names.join(" vs "), false)?;
    title.text(&c.intro, None)?;
    title.finish()
}

/// A note's paragraphs as the notes page shows them: plain text, links
/// spelt out, one paragraph per line.
pub(super) fn note_paragraphs(text: &str) -> Vec<String> {
    clean(&note_text(text))
        .trim()
        .lines()
        .map(|l| l.trim_end().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------
