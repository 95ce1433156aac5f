//! The deck's slides: laid out by the Marp deck's rule, a slide at a time.

use crate::export::layout::{
    self, Piece, conclusion_body, dimension_slides, text_cost, verdict_body,
};
use crate::export::marp::note_text;
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
/// tinted), and its height in lines. A slide holds thousands of cells, so
/// they are packed: every span's text in one string, each span its end in
/// it and its style, each cell where its spans end.
#[derive(Debug, Clone)]
pub(super) struct TableRow {
    text: String,
    spans: Vec<PackedSpan>,
    cell_ends: Vec<u32>,
    pub(super) highlighted: bool,
    pub(super) cost: f32,
}

/// A span of a [`TableRow`]: where its text ends in the row's, and its
/// style.
#[derive(Debug, Clone)]
struct PackedSpan {
    end: u32,
    strong: bool,
    emphasis: bool,
    code: bool,
    link: Option<Box<str>>,
}

impl TableRow {
    fn of(cells: Vec<Piece>, width: usize, highlighted: bool) -> Self {
        let cost = layout::row_cost(&cells, width);
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut cell_ends = Vec::with_capacity(cells.len());
        for cell in cells {
            for span in cell.spans {
                text.push_str(&span.text);
                spans.push(PackedSpan {
                    end: offset(text.len()),
                    strong: span.strong,
                    emphasis: span.emphasis,
                    code: span.code,
                    link: span.link.map(String::into_boxed_str),
                });
            }
            cell_ends.push(offset(spans.len()));
        }
        text.shrink_to_fit();
        spans.shrink_to_fit();
        Self {
            text,
            spans,
            cell_ends,
            highlighted,
            cost,
        }
    }

    /// How many cells the row has.
    pub(super) fn columns(&self) -> usize {
        self.cell_ends.len()
    }

    /// Each cell's text, as shown.
    pub(super) fn cell_texts(&self) -> impl Iterator<Item = &str> + '_ {
        let mut span_start = 0;
        let mut text_start = 0;
        self.cell_ends.iter().map(move |&end| {
            let end = end as usize;
            let text_end = self
                .spans
                .get(span_start..end)
                .and_then(<[_]>::last)
                .map_or(text_start, |s| s.end as usize);
            let text = self.text.get(text_start..text_end).unwrap_or_default();
            span_start = end;
            text_start = text_end;
            text
        })
    }

    /// Each cell's spans, unpacked as they are written.
    pub(super) fn cells(&self) -> impl Iterator<Item = Vec<Span>> + '_ {
        let mut span_start = 0;
        let mut text_start = 0;
        self.cell_ends.iter().map(move |&end| {
            let end = end as usize;
            let cell = self
                .spans
                .get(span_start..end)
                .unwrap_or_default()
                .iter()
                .map(|packed| {
                    let end = packed.end as usize;
                    let span = Span {
                        text: self
                            .text
                            .get(text_start..end)
                            .unwrap_or_default()
                            .to_owned(),
                        strong: packed.strong,
                        emphasis: packed.emphasis,
                        code: packed.code,
                        link: packed.link.as_deref().map(str::to_owned),
                    };
                    text_start = end;
                    span
                })
                .collect();
            span_start = end;
            cell
        })
    }
}

/// An offset into a row's text or spans: a row is far smaller than 4 GiB
/// (its cells are cut to what a slide shows).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where a deck's slides go, each as soon as it is made.
pub(super) type Emit<'e> = &'e mut dyn FnMut(Slide) -> std::io::Result<()>;

/// Slides being filled under one heading, by the Marp deck's rule (see
/// [`layout::Pager`]); the notes go on the first.
pub(super) type Pager<'e> = layout::Pager<DeckSlides<'e>>;

/// The PowerPoint deck's slides, each handed to `emit` as a [`Slide`].
pub(super) struct DeckSlides<'e> {
    heading: Vec<Span>,
    heading_plain: String,
    /// Whether these start with the title slide (the larger heading).
    title: bool,
    /// The notes page's paragraphs, for the first slide.
    notes: Vec<String>,
    emit: Emit<'e>,
}

impl<'e> Pager<'e> {
    /// Slides under a heading showing `title`.
    pub(super) fn new(title: &str, notes: Vec<String>, emit: Emit<'e>) -> Self {
        let slides = DeckSlides::of(title, false, notes, emit);
        let heading_plain = slides.heading_plain.clone();
        Self::under(slides, &heading_plain)
    }

    /// Slides that start with the title slide, whose heading shows `title`.
    pub(super) fn title_slide(title: &str, notes: Vec<String>, emit: Emit<'e>) -> Self {
        let slides = DeckSlides::of(title, true, notes, emit);
        let heading_plain = slides.heading_plain.clone();
        Self::under_title(slides, &heading_plain)
    }
}

impl<'e> DeckSlides<'e> {
    fn of(title: &str, is_title: bool, notes: Vec<String>, emit: Emit<'e>) -> Self {
        Self {
            heading: one_line_spans(title),
            heading_plain: plain_text(title).replace('\n', " "),
            title: is_title,
            notes,
            emit,
        }
    }
}

impl layout::Slides for DeckSlides<'_> {
    const MARKDOWN: bool = false;
    type Block = Block;
    type Row = TableRow;

    fn paragraph(piece: Piece, label: Option<&str>, bullet: bool, cost: f32) -> Block {
        let spans = match label {
            Some(name) => {
                let mut spans = strong_spans(name);
                spans.push(Span {
                    text: ": ".to_owned(),
                    ..Span::default()
                });
                spans.extend(piece.spans);
                spans
            }
            None => piece.spans,
        };
        Block::Text {
            spans,
            bullet,
            cost,
        }
    }

    fn line(text: &str, strong: bool, cost: f32) -> Block {
        let spans = if strong {
            strong_spans(text)
        } else {
            one_line_spans(text)
        };
        Block::Text {
            spans,
            bullet: false,
            cost,
        }
    }

    fn row(cells: Vec<Piece>, width: usize, highlighted: bool) -> TableRow {
        TableRow::of(cells, width, highlighted)
    }

    fn cost(row: &TableRow) -> f32 {
        row.cost
    }

    fn table(header: TableRow, rows: Vec<TableRow>) -> Block {
        Block::Table { header, rows }
    }

    fn slide(&mut self, blocks: Vec<Block>, first: bool) -> std::io::Result<()> {
        let (heading, heading_plain) = if first {
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
            title: self.title && first,
            blocks,
            notes: std::mem::take(&mut self.notes),
        };
        (self.emit)(slide)
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
    let cost = text_cost(&shown_names.join(" vs "));
    let names = Block::Text {
        spans: names,
        bullet: false,
        cost,
    };
    title.add(names, cost)?;
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
