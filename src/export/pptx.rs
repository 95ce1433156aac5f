//! Slide deck export: an editable PowerPoint presentation (`.pptx`, Office
//! Open XML), which PowerPoint, Keynote, LibreOffice Impress and Google
//! Slides open.
//!
//! The slides are those of the Marp deck ([`super::marp`]), laid out by the
//! same rule ([`super::layout`]), on a 16:9 slide of 1280 × 720 px:
//! - a title slide: the title, the subjects shown and the intro;
//! - per exported dimension, in the window's order: its title (with `★ `
//!   only when the options ask for the presenter's marks), the summaries,
//!   the points as a **native table** (`a:tbl`: `Aspect` and one column per
//!   subject, headed by their short labels; a highlighted row in bold on a
//!   tinted background), and what the subjects share;
//! - "Where each wins", when an exported dimension has a verdict and the
//!   options show verdicts;
//! - the conclusion, with the sources.
//!
//! Text is real text in runs: inline Markdown becomes bold, italic, code in
//! a monospace font and hyperlinks (each with its relationship); each run
//! carries the `lang` of its script, and a paragraph that starts in a
//! right-to-left script is marked `rtl`. Every shape is placed at the
//! position the layout rule gives it, with line spacing fixed to the rule's
//! line height, so nothing runs off the slide: each block takes the lines
//! the rule counted, each table row the height of its cost.
//!
//! Speaker notes sit in each slide's notes page (PowerPoint's notes pane):
//! on the title slide the overall note and the last rehearsal; on a
//! dimension's first slide its note, its budget and the last rehearsal's
//! time on it. The audience version has none.
//!
//! The file is a zip of XML parts (content types, relationships, a slide
//! master, one layout, two themes, a notes master, the slides and their
//! notes), every part written here with its text escaped. Deterministic:
//! fixed zip timestamps and fixed `docProps` dates, parts in a fixed order.

use std::fmt::Write as _;
use std::io::Write as _;

use super::layout::{
    BODY_LINES, HEADING_CHARS, HEADING_LINE, LINE_CHARS, PARAGRAPH_GAP, PARAGRAPH_MAX, Piece,
    ROW_LINE, ROW_PADDING, TABLE_CHARS, TITLE_CHARS, TITLE_LINE, lines_of, lines_that_fit, pieces,
    table_lines, text_cost,
};
use super::marp::note_text;
use super::md_text::Place;
use super::verdicts::{self, Verdicts};
use super::{
    Column, ExportOptions, MISSING, clean, columns, highlights, is_highlighted, note, overall_note,
    selected, side, split_bare_urls, star_prefix, summary,
};
use crate::model::{Comparison, Dimension, Span, for_each_span, plain_text};
use crate::notes::Notes;
use crate::talk::{Plan, clock_text};

/// English Metric Units in one pixel of the 1280 × 720 slide (96 per inch).
const EMU: f64 = 9525.0;
/// The slide, in pixels: 16:9, the size of the Marp deck's slides.
const SLIDE_W: f64 = 1280.0;
const SLIDE_H: f64 = 720.0;
/// The slide's padding, as in the Marp deck's style.
const PAD_X: f64 = 64.0;
const PAD_Y: f64 = 48.0;
/// The height of one line of body text, in pixels: the unit of the
/// layout rule's costs (22 px type at 1.5).
const LINE_PX: f64 = 33.0;
/// Type sizes in hundredths of a point (1 px = 0.75 pt): body 22 px,
/// tables 0.9 em (less a little, to be safe), `##` headings 1.45 em and
/// the title 2 em.
const BODY_SIZE: u32 = 1650;
const TABLE_SIZE: u32 = 1450;
const HEADING_SIZE: u32 = 2400;
const TITLE_SIZE: u32 = 3300;
/// The space under a heading, in lines (when the slide has room for it).
const HEADING_GAP: f64 = 0.5;
/// The deck's table style (in `ppt/tableStyles.xml`): a rule under each
/// row, the header row tinted.
const TABLE_STYLE: &str = "{6E25A3F1-5C0B-4A55-9C39-2B8D4E0F7A10}";
/// The fill of a table's header and of a highlighted row.
const HEADER_FILL: &str = "EEF1F5";
const HIGHLIGHT_FILL: &str = "FFF1B8";
/// The monospace font of inline code (Liberation Mono where it is absent).
const CODE_FONT: &str = "Courier New";
/// The fixed date of `docProps/core.xml`: the same input gives the same
/// bytes.
const FIXED_DATE: &str = "2000-01-01T00:00:00Z";

const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The comparison and notes as a PowerPoint presentation: the `.pptx`
/// file's bytes.
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> Vec<u8> {
    let slides = slides(c, notes, options);
    package(c, &slides)
}

/// One slide: its heading, its blocks from the top, and its speaker notes.
#[derive(Debug, Clone, Default)]
struct Slide {
    /// The heading's spans (on one line; it wraps if long).
    heading: Vec<Span>,
    /// The heading's plain text, for its height.
    heading_plain: String,
    /// Whether this is the title slide's first page (the larger heading).
    title: bool,
    blocks: Vec<Block>,
    /// The notes page's paragraphs; empty: no notes page.
    notes: Vec<String>,
}

/// What a slide holds under its heading, each with its height in lines.
#[derive(Debug, Clone)]
enum Block {
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
struct TableRow {
    cells: Vec<Vec<Span>>,
    highlighted: bool,
    cost: f32,
}

impl TableRow {
    fn of(cells: &[Piece], width: usize, highlighted: bool) -> Self {
        let tallest = cells
            .iter()
            .map(|c| lines_of(&c.plain, width))
            .max()
            .unwrap_or(1);
        #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
        let cost = ROW_LINE * tallest as f32 + ROW_PADDING;
        Self {
            cells: cells.iter().map(|c| c.spans.clone()).collect(),
            highlighted,
            cost,
        }
    }
}

/// Slides being filled under one heading, by the Marp deck's rule (see
/// [`super::layout::Pager`]): a block that does not fit starts the next
/// slide, headed `Title (cont.)`; the notes go on the first.
struct Pager {
    heading: Vec<Span>,
    heading_plain: String,
    title: bool,
    notes: Vec<String>,
    slides: Vec<Vec<Block>>,
    used: f32,
    budget: f32,
}

impl Pager {
    fn new(title: &str, notes: Vec<String>) -> Self {
        let heading_plain = plain_text(title).replace('\n', " ");
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let extra = (lines_of(&heading_plain, HEADING_CHARS) - 1) as f32 * HEADING_LINE;
        Self {
            heading: one_line_spans(title),
            heading_plain,
            title: false,
            notes,
            slides: vec![Vec::new()],
            used: 0.0,
            budget: (BODY_LINES - extra).max(4.0),
        }
    }

    fn title_slide(title: &str, notes: Vec<String>) -> Self {
        let mut pager = Self::new(title, notes);
        pager.title = true;
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let lines = lines_of(&pager.heading_plain, TITLE_CHARS) as f32;
        pager.budget = (BODY_LINES - TITLE_LINE * lines + HEADING_LINE).max(4.0);
        pager
    }

    fn add(&mut self, block: Block, cost: f32) {
        if self.used > 0.0 && self.used + cost > self.budget {
            self.next_slide();
        }
        self.used += cost;
        self.current().push(block);
    }

    fn is_empty(&self) -> bool {
        self.slides.len() == 1 && self.used == 0.0
    }

    fn paragraph(&mut self, spans: Vec<Span>, plain: &str, bullet: bool) {
        let cost = text_cost(plain);
        self.add(
            Block::Text {
                spans,
                bullet,
                cost,
            },
            cost,
        );
    }

    /// Adds content `text`, a paragraph too long for a slide cut into
    /// pieces; the first starts with the label in bold when there is one.
    fn text(&mut self, text: &str, label: Option<&str>) {
        let mut label = label.map(|name| {
            let mut spans = one_line_spans(name);
            for s in &mut spans {
                s.strong = true;
            }
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
                    self.paragraph(spans, &format!("{plain}{}", piece.plain), false);
                }
                None => self.paragraph(piece.spans, &piece.plain, false),
            }
        }
    }

    /// Adds content `text` as bullet items (a long one cut into pieces).
    fn item(&mut self, text: &str) {
        for piece in pieces(text, Place::Block, false, LINE_CHARS * 3) {
            self.paragraph(piece.spans, &piece.plain, true);
        }
    }

    /// Adds a table: as many rows as fit on each slide, under the header.
    fn table(&mut self, header: &TableRow, rows: Vec<TableRow>) {
        let mut table: Vec<TableRow> = Vec::new();
        let mut cost = header.cost + PARAGRAPH_GAP;
        for row in rows {
            if self.used + cost + row.cost > self.budget {
                let has_rows = !table.is_empty();
                if has_rows {
                    let done = std::mem::take(&mut table);
                    self.current().push(Block::Table {
                        header: header.clone(),
                        rows: done,
                    });
                }
                if has_rows || self.used > 0.0 {
                    self.next_slide();
                    cost = header.cost + PARAGRAPH_GAP;
                }
            }
            cost += row.cost;
            table.push(row);
        }
        self.used += cost;
        self.current().push(Block::Table {
            header: header.clone(),
            rows: table,
        });
    }

    fn current(&mut self) -> &mut Vec<Block> {
        if self.slides.is_empty() {
            self.slides.push(Vec::new());
        }
        let last = self.slides.len() - 1;
        &mut self.slides[last]
    }

    fn next_slide(&mut self) {
        self.slides.push(Vec::new());
        self.used = 0.0;
    }

    fn finish(self) -> Vec<Slide> {
        let mut notes = Some(self.notes);
        self.slides
            .into_iter()
            .enumerate()
            .map(|(i, blocks)| {
                let (heading, heading_plain) = if i == 0 {
                    (self.heading.clone(), self.heading_plain.clone())
                } else {
                    let mut spans = self.heading.clone();
                    spans.push(Span {
                        text: " (cont.)".to_owned(),
                        ..Span::default()
                    });
                    (spans, format!("{} (cont.)", self.heading_plain))
                };
                Slide {
                    heading,
                    heading_plain,
                    title: self.title && i == 0,
                    blocks,
                    notes: notes.take().unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// The spans of `text` on one line: its line breaks become spaces.
fn one_line_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for_each_span(text, |span| {
        out.push(Span {
            text: span.text.replace('\n', " "),
            ..span.clone()
        });
    });
    out
}

/// Every slide of the deck, in order.
fn slides(c: &Comparison, notes: &Notes, options: &ExportOptions) -> Vec<Slide> {
    let cols = columns(c, options);
    let mut out = Vec::new();
    let rehearsal = notes
        .talk
        .last_rehearsal()
        .filter(|_| options.shows_notes());

    let mut framing = Vec::new();
    if let Some(text) = overall_note(notes, options) {
        framing.extend(note_paragraphs(text));
    }
    if let Some(run) = rehearsal {
        framing.push(format!(
            "Last rehearsal: {} ({} in all, {} on this slide)",
            run.date,
            clock_text(i64::from(run.total())),
            clock_text(i64::from(run.title)),
        ));
    }
    let mut title = Pager::title_slide(&c.title, framing);
    let mut names = Vec::new();
    let mut shown_names = Vec::new();
    for (k, col) in cols.iter().enumerate() {
        if k > 0 {
            names.push(Span {
                text: " vs ".to_owned(),
                ..Span::default()
            });
        }
        let mut spans = one_line_spans(col.name);
        for s in &mut spans {
            s.strong = true;
        }
        names.extend(spans);
        shown_names.push(plain_text(col.name).replace('\n', " "));
    }
    title.paragraph(names, &shown_names.join(" vs "), false);
    title.text(&c.intro, None);
    out.extend(title.finish());

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
        out.extend(dimension_slides(d, notes, options, &cols, speaker));
    }

    if let Some(v) = Verdicts::of(c, notes, &indices).filter(|_| options.shows_verdicts()) {
        out.extend(verdict_slides(&v));
    }

    let mut pager = Pager::new("Conclusion", Vec::new());
    pager.text(&c.conclusion, None);
    if !pager.is_empty() {
        let sources: Vec<&String> = c
            .sources
            .iter()
            .filter(|s| !plain_text(s).trim().is_empty())
            .collect();
        if !sources.is_empty() {
            let spans = vec![Span {
                text: "Sources:".to_owned(),
                ..Span::default()
            }];
            pager.paragraph(spans, "Sources:", false);
            for source in sources {
                pager.item(source);
            }
        }
        out.extend(pager.finish());
    }
    out
}

/// A note's paragraphs as the notes page shows them: plain text, links
/// spelt out, one paragraph per line.
fn note_paragraphs(text: &str) -> Vec<String> {
    clean(&note_text(text))
        .trim()
        .lines()
        .map(|l| l.trim_end().to_owned())
        .collect()
}

/// One dimension's slides: one when it fits, more when it does not.
fn dimension_slides(
    d: &Dimension,
    notes: &Notes,
    options: &ExportOptions,
    cols: &[Column<'_>],
    speaker: Vec<String>,
) -> Vec<Slide> {
    let heading = format!("{}{}", star_prefix(notes, d, options), d.title);
    let mut pager = Pager::new(&heading, speaker);
    if options.include_summaries {
        for &col in cols {
            if let Some(text) = summary(d, col) {
                pager.text(text, Some(col.name));
            }
        }
    }
    if !d.points.is_empty() {
        let header: Vec<&str> = std::iter::once("Aspect")
            .chain(cols.iter().map(|col| col.label))
            .collect();
        let highlights = highlights(notes, d);
        let rows = d.points.iter().map(|p| {
            let texts: Vec<&str> = std::iter::once(p.aspect.as_str())
                .chain(cols.iter().map(|&col| side(p, col).unwrap_or(MISSING)))
                .collect();
            (texts, is_highlighted(&highlights, p))
        });
        paged_table(&mut pager, &header, rows);
    }
    let common: Vec<&String> = d
        .common
        .iter()
        .filter(|s| !plain_text(s).trim().is_empty())
        .collect();
    if !common.is_empty() {
        let spans = vec![Span {
            text: "In common".to_owned(),
            strong: true,
            ..Span::default()
        }];
        pager.paragraph(spans, "In common", false);
        for item in common {
            pager.item(item);
        }
    }
    pager.finish()
}

/// A table of `header.len()` columns, cut as the Marp deck cuts it (see
/// `marp::paged_table`): as many rows on each slide as fit, the header
/// repeated; a cell too tall for any slide cut into pieces on rows of their
/// own.
fn paged_table<'t>(
    pager: &mut Pager,
    header: &[&str],
    rows: impl IntoIterator<Item = (Vec<&'t str>, bool)>,
) {
    let width = column_chars(header.len());
    let header_cells: Vec<Piece> = header
        .iter()
        .map(|text| Piece::of(text, Place::Cell, false))
        .collect();
    let header_row = TableRow::of(&header_cells, width, false);
    let cell_max =
        width * lines_that_fit(BODY_LINES - header_row.cost - ROW_PADDING - PARAGRAPH_GAP);
    let mut out = Vec::new();
    table_lines(rows, cell_max, |cells, bold| {
        out.push(TableRow::of(cells, width, bold));
    });
    pager.table(&header_row, out);
}

/// The characters of table text one column holds, by the layout rule.
fn column_chars(columns: usize) -> usize {
    (TABLE_CHARS / columns.max(1)).saturating_sub(2).max(4)
}

/// The "Where each wins" slides: the verdicts table, then the summary and
/// what would flip it.
fn verdict_slides(v: &Verdicts<'_>) -> Vec<Slide> {
    let mut pager = Pager::new(verdicts::HEADING, Vec::new());
    let matters: Vec<String> = v.rows.iter().map(verdicts::Fit::matters).collect();
    let rows = v
        .rows
        .iter()
        .zip(&matters)
        .map(|(fit, matters)| (vec![fit.title, matters.as_str(), fit.name], false));
    paged_table(&mut pager, &verdicts::COLUMNS, rows);
    pager.text(&v.paragraph(), None);
    pager.finish()
}

// ---------------------------------------------------------------------------
// Writing the parts.

/// `text` escaped for XML character data and attribute values, with the
/// characters XML 1.0 forbids (controls, U+FFFE, U+FFFF) as U+FFFD.
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(ch),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            _ if ch.is_control() => out.push('\u{FFFD}'),
            _ => out.push(ch),
        }
    }
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Pixels to EMU (to the nearest EMU: rounding to whole pixels would make
/// a row's margins and lines add up to more than its height).
fn emu(px: f64) -> i64 {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "positions on a 1280 × 720 slide"
    )]
    let emu = (px * EMU).round() as i64;
    emu
}

/// A writing system, for a run's `lang`: CJK is one (Han, kana and
/// Hangul mix in one run of Japanese or Korean).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Devanagari,
    Thai,
    Cjk,
}

/// The script of a letter; `None` for what belongs to any script (spaces,
/// digits, punctuation, symbols).
fn script_of(ch: char) -> Option<Script> {
    Some(match u32::from(ch) {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF => Script::Cjk,
        _ if ch.is_alphabetic() => Script::Latin,
        _ => return None,
    })
}

/// `text` cut where its script changes, so that each run gets its own
/// `lang`; what belongs to any script stays with the letters before it.
fn script_runs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut current = None;
        let mut end = rest.len();
        for (i, ch) in rest.char_indices() {
            let Some(script) = script_of(ch) else {
                continue;
            };
            match current {
                None => current = Some(script),
                Some(c) if c != script => {
                    end = i;
                    break;
                }
                Some(_) => {}
            }
        }
        let (run, next) = rest.split_at(end);
        rest = next;
        Some(run)
    })
}

/// The `lang` of a run of one script (see [`script_runs`]): kana makes CJK
/// Japanese and Hangul Korean, else Chinese; Latin and no letters at all
/// are English.
fn lang_of(text: &str) -> &'static str {
    let Some(script) = text.chars().find_map(script_of) else {
        return "en-US";
    };
    match script {
        Script::Latin => "en-US",
        Script::Greek => "el-GR",
        Script::Cyrillic => "ru-RU",
        Script::Hebrew => "he-IL",
        Script::Arabic => "ar-SA",
        Script::Devanagari => "hi-IN",
        Script::Thai => "th-TH",
        Script::Cjk => {
            let has = |range: std::ops::RangeInclusive<u32>| {
                text.chars().any(|ch| range.contains(&u32::from(ch)))
            };
            if has(0x3040..=0x30FF) || has(0x31F0..=0x31FF) || has(0xFF66..=0xFF9F) {
                "ja-JP"
            } else if has(0xAC00..=0xD7AF) || has(0x1100..=0x11FF) || has(0x3130..=0x318F) {
                "ko-KR"
            } else {
                "zh-CN"
            }
        }
    }
}

/// Whether a paragraph reads right to left: its first letter is Hebrew or
/// Arabic.
fn is_rtl(spans: &[Span]) -> bool {
    spans
        .iter()
        .flat_map(|span| span.text.chars())
        .find_map(script_of)
        .is_some_and(|s| matches!(s, Script::Hebrew | Script::Arabic))
}

/// One slide's XML part and its relationships (hyperlinks), built together.
struct SlideXml {
    xml: String,
    /// The hyperlinks' targets, in order: relationship `rId{k + 2}`
    /// (`rId1` is the layout).
    links: Vec<String>,
    next_id: u32,
}

/// How a run is written.
#[derive(Clone, Copy)]
struct RunStyle {
    size: u32,
    bold: bool,
}

impl SlideXml {
    fn new() -> Self {
        let mut xml = String::with_capacity(8 * 1024);
        xml.push_str(XML_HEAD);
        let _ = write!(
            xml,
            "<p:sld xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:spTree>"
        );
        xml.push_str(GROUP_START);
        Self {
            xml,
            links: Vec::new(),
            next_id: 2,
        }
    }

    fn link_id(&mut self, url: &str) -> usize {
        if let Some(k) = self.links.iter().position(|l| l == url) {
            return k + 2;
        }
        self.links.push(url.to_owned());
        self.links.len() + 1
    }

    fn shape_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A text box at (`x`, `y`) px of `w` × `h` px holding paragraphs.
    fn text_box(&mut self, name: &str, rect: [f64; 4], body: &str) {
        let id = self.shape_id();
        let [x, y, w, h] = rect;
        let _ = write!(
            self.xml,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm><a:prstGeom prst=\"rect\"/></p:spPr>\
<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:noAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>",
            emu(x),
            emu(y),
            emu(w),
            emu(h),
        );
    }

    /// A paragraph of runs, with the line height fixed to `line_px` and
    /// `after_px` of space after it.
    fn paragraph(
        &mut self,
        spans: &[Span],
        style: RunStyle,
        [line_px, after_px]: [f64; 2],
        bullet: bool,
    ) -> String {
        let mut p = String::from("<a:p><a:pPr");
        if bullet {
            p.push_str(" marL=\"342900\" indent=\"-342900\"");
        }
        if is_rtl(spans) {
            p.push_str(" rtl=\"1\"");
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a line height of a few dozen points"
        )]
        let points = (line_px * 75.0).round() as u32;
        let _ = write!(p, "><a:lnSpc><a:spcPts val=\"{points}\"/></a:lnSpc>");
        if after_px > 0.0 {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a gap of a few dozen points"
            )]
            let after = (after_px * 75.0).round() as u32;
            let _ = write!(p, "<a:spcAft><a:spcPts val=\"{after}\"/></a:spcAft>");
        }
        if bullet {
            p.push_str("<a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/>");
        }
        p.push_str("</a:pPr>");
        let before = p.len();
        for span in spans {
            self.runs(&mut p, span, style);
        }
        if p.len() == before {
            // An empty paragraph keeps its height at the run size.
            let _ = write!(p, "<a:endParaRPr lang=\"en-US\" sz=\"{}\"/>", style.size);
        }
        p.push_str("</a:p>");
        p
    }

    /// A span's runs: a line break inside it becomes `a:br`, and a bare
    /// web address a link of its own.
    fn runs(&mut self, p: &mut String, span: &Span, style: RunStyle) {
        let text = clean(&span.text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                let _ = write!(
                    p,
                    "<a:br><a:rPr lang=\"en-US\" sz=\"{}\"/></a:br>",
                    style.size
                );
            }
            if span.link.is_some() || span.code {
                self.run(p, line, span, span.link.as_deref(), style);
            } else {
                for (part, is_url) in split_bare_urls(line) {
                    self.run(p, part, span, is_url.then_some(part), style);
                }
            }
        }
    }

    fn run(
        &mut self,
        p: &mut String,
        text: &str,
        span: &Span,
        link: Option<&str>,
        style: RunStyle,
    ) {
        for part in script_runs(text) {
            self.script_run(p, part, span, link, style);
        }
    }

    /// One run of one script.
    fn script_run(
        &mut self,
        p: &mut String,
        text: &str,
        span: &Span,
        link: Option<&str>,
        style: RunStyle,
    ) {
        if text.is_empty() {
            return;
        }
        let lang = lang_of(text);
        let _ = write!(p, "<a:r><a:rPr lang=\"{lang}\"");
        if lang != "en-US" {
            p.push_str(" altLang=\"en-US\"");
        }
        let _ = write!(p, " sz=\"{}\"", style.size);
        if span.strong || style.bold {
            p.push_str(" b=\"1\"");
        }
        if span.emphasis {
            p.push_str(" i=\"1\"");
        }
        let empty = p.len();
        p.push('>');
        if span.code {
            let _ = write!(
                p,
                "<a:latin typeface=\"{CODE_FONT}\"/><a:cs typeface=\"{CODE_FONT}\"/>"
            );
        }
        if let Some(url) = link {
            let id = self.link_id(url);
            let _ = write!(p, "<a:hlinkClick r:id=\"rId{id}\"/>");
        }
        if p.len() == empty + 1 {
            // No child: `<a:rPr …/>`.
            p.truncate(empty);
            p.push_str("/><a:t>");
        } else {
            p.push_str("</a:rPr><a:t>");
        }
        push_escaped(p, text);
        p.push_str("</a:t></a:r>");
    }

    /// A native table at `y` px, the width of the slide's content.
    fn table(&mut self, y: f64, header: &TableRow, rows: &[TableRow]) -> f64 {
        let id = self.shape_id();
        let columns = header.cells.len().max(1);
        let width = SLIDE_W - 2.0 * PAD_X;
        let columns_i = i64::try_from(columns).unwrap_or(1);
        let column_w = emu(width) / columns_i;
        let total_w = column_w * columns_i;
        let height: f64 = std::iter::once(header)
            .chain(rows)
            .map(|r| f64::from(r.cost) * LINE_PX)
            .sum();
        let mut heights = Vec::with_capacity(rows.len() + 1);
        let mut total_h = 0;
        for r in std::iter::once(header).chain(rows) {
            let h = emu(f64::from(r.cost) * LINE_PX);
            heights.push(h);
            total_h += h;
        }
        let _ = write!(
            self.xml,
            "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Table {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>\
<p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{total_w}\" cy=\"{total_h}\"/></p:xfrm>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>",
            emu(PAD_X),
            emu(y),
        );
        for _ in 0..columns {
            let _ = write!(self.xml, "<a:gridCol w=\"{column_w}\"/>");
        }
        self.xml.push_str("</a:tblGrid>");
        let line_px = f64::from(ROW_LINE) * LINE_PX;
        for (k, row) in std::iter::once(header).chain(rows).enumerate() {
            let is_header = k == 0;
            let _ = write!(self.xml, "<a:tr h=\"{}\">", heights[k]);
            let style = RunStyle {
                size: TABLE_SIZE,
                bold: is_header || row.highlighted,
            };
            for cell in &row.cells {
                let p = self.paragraph(cell, style, [line_px, 0.0], false);
                self.xml
                    .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
                self.xml.push_str(&p);
                // The table style (`tableStyles.xml`) draws the rules and
                // the header's fill; a highlighted row is tinted here.
                if row.highlighted && !is_header {
                    let _ = write!(
                        self.xml,
                        "</a:txBody><a:tcPr><a:solidFill><a:srgbClr val=\"{HIGHLIGHT_FILL}\"/></a:solidFill></a:tcPr></a:tc>"
                    );
                } else {
                    self.xml.push_str("</a:txBody><a:tcPr/></a:tc>");
                }
            }
            self.xml.push_str("</a:tr>");
        }
        self.xml
            .push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
        height
    }

    fn finish(mut self) -> (String, Vec<String>) {
        self.xml.push_str(
            "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        );
        (self.xml, self.links)
    }
}

/// The start of a shape tree: its group's properties.
const GROUP_START: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
<p:grpSpPr/>";

/// The height of a slide's heading, in pixels.
fn heading_height(slide: &Slide) -> f64 {
    let (chars, line) = if slide.title {
        (TITLE_CHARS, TITLE_LINE)
    } else {
        (HEADING_CHARS, HEADING_LINE)
    };
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let lines = lines_of(&slide.heading_plain, chars) as f64;
    lines * f64::from(line) * LINE_PX
}

/// A slide's XML and its hyperlinks.
fn slide_xml(slide: &Slide) -> (String, Vec<String>) {
    let mut s = SlideXml::new();
    let content_w = SLIDE_W - 2.0 * PAD_X;
    let x = PAD_X;
    let top = PAD_Y;
    let bottom = SLIDE_H - PAD_Y;
    // The body's height by the rule; the heading gets what is left above
    // it (all it needs, unless a very long title must shrink to fit).
    let body: f64 = slide
        .blocks
        .iter()
        .map(|b| match b {
            Block::Text { cost, .. } => f64::from(*cost),
            Block::Table { header, rows } => {
                f64::from(header.cost + PARAGRAPH_GAP)
                    + rows.iter().map(|r| f64::from(r.cost)).sum::<f64>()
            }
        })
        .sum::<f64>()
        * LINE_PX;
    let wanted = heading_height(slide);
    let room = (bottom - top - body).max(LINE_PX);
    let heading_h = wanted.min(room);
    let size = if slide.title {
        TITLE_SIZE
    } else {
        HEADING_SIZE
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a type size of a few dozen points"
    )]
    let size = (f64::from(size) * (heading_h / wanted).min(1.0)).round() as u32;
    let line = if slide.title {
        TITLE_LINE
    } else {
        HEADING_LINE
    };
    let heading_line = f64::from(line) * LINE_PX * (heading_h / wanted).min(1.0);
    let p = s.paragraph(
        &slide.heading,
        RunStyle { size, bold: true },
        [heading_line, 0.0],
        false,
    );
    s.text_box("Title", [x, top, content_w, heading_h], &p);
    // Room under the heading, as the Marp deck's `h2` margin, where the
    // slide has it to spare.
    let gap = (bottom - top - body - heading_h).clamp(0.0, HEADING_GAP * LINE_PX);
    let mut y = top + heading_h + gap;
    // Paragraphs in a row share one text box (one text to edit), each
    // with the rule's gap after it.
    let mut text = String::new();
    let mut text_h = 0.0;
    let style = RunStyle {
        size: BODY_SIZE,
        bold: false,
    };
    let gap = f64::from(PARAGRAPH_GAP) * LINE_PX;
    for block in &slide.blocks {
        match block {
            Block::Text {
                spans,
                bullet,
                cost,
            } => {
                text.push_str(&s.paragraph(spans, style, [LINE_PX, gap], *bullet));
                text_h += f64::from(*cost) * LINE_PX;
            }
            Block::Table { header, rows } => {
                if !text.is_empty() {
                    s.text_box("Text", [x, y, content_w, text_h], &text);
                    y += text_h;
                    text.clear();
                    text_h = 0.0;
                }
                y += s.table(y, header, rows);
                y += gap;
            }
        }
    }
    if !text.is_empty() {
        s.text_box("Text", [x, y, content_w, text_h], &text);
    }
    s.finish()
}

/// A notes page holding `paragraphs` as plain text.
fn notes_xml(paragraphs: &[String]) -> String {
    let mut x = String::with_capacity(1024);
    x.push_str(XML_HEAD);
    let _ = write!(
        x,
        "<p:notes xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:spTree>{GROUP_START}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>\
<p:txBody><a:bodyPr/><a:lstStyle/>"
    );
    for para in paragraphs {
        x.push_str("<a:p>");
        if !para.is_empty() {
            let _ = write!(x, "<a:r><a:rPr lang=\"{}\"/><a:t>", lang_of(para));
            push_escaped(&mut x, para);
            x.push_str("</a:t></a:r>");
        }
        x.push_str("</a:p>");
    }
    x.push_str("</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
    x
}

/// The core properties' relationship type, the one not under [`REL`].
const CORE_REL: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

/// Relationships XML from `(id, type, target, external)`: a type is a
/// full URI, or a name under [`REL`].
fn rels(items: &[(String, &str, String, bool)]) -> String {
    let mut x = String::from(XML_HEAD);
    x.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (id, kind, target, external) in items {
        let _ = write!(
            x,
            "<Relationship Id=\"{id}\" Type=\"{}\" Target=\"{}\"{}/>",
            if kind.starts_with("http") {
                (*kind).to_owned()
            } else {
                format!("{REL}/{kind}")
            },
            escaped(target),
            if *external {
                " TargetMode=\"External\""
            } else {
                ""
            }
        );
    }
    x.push_str("</Relationships>");
    x
}

/// The whole package: every part, zipped on a second thread while the
/// next parts are written (in order: the same input, the same bytes).
fn package(c: &Comparison, slides: &[Slide]) -> Vec<u8> {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(String, String)>(64);
    std::thread::scope(|scope| {
        let zipper = std::thread::Builder::new()
            .name("pptx-zip".to_owned())
            .spawn_scoped(scope, move || {
                let mut zip = Zipper::new();
                for (name, text) in receiver {
                    zip.add(&name, &text);
                }
                zip.finish()
            });
        let Ok(zipper) = zipper else {
            // No thread to be had: zip on this one.
            let mut zip = Zipper::new();
            write_parts(c, slides, &mut |name, text| zip.add(&name, &text));
            return zip.finish();
        };
        write_parts(c, slides, &mut |name, text| {
            // The zipping thread only stops early by panicking, which
            // `join` passes on.
            let _ = sender.send((name, text));
        });
        drop(sender);
        zipper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Every part of the package, in order, handed to `emit` as (name, XML).
#[expect(
    clippy::too_many_lines,
    reason = "one list of the package's parts, in the order they are zipped"
)]
fn write_parts(c: &Comparison, slides: &[Slide], emit: &mut dyn FnMut(String, String)) {
    let with_notes: Vec<bool> = slides.iter().map(|s| !s.notes.is_empty()).collect();
    let any_notes = with_notes.iter().any(|&n| n);

    emit(
        "[Content_Types].xml".to_owned(),
        content_types(slides.len(), &with_notes),
    );
    emit(
        "_rels/.rels".to_owned(),
        rels(&[
            (
                "rId1".to_owned(),
                "officeDocument",
                "ppt/presentation.xml".to_owned(),
                false,
            ),
            (
                "rId2".to_owned(),
                CORE_REL,
                "docProps/core.xml".to_owned(),
                false,
            ),
            (
                "rId3".to_owned(),
                "extended-properties",
                "docProps/app.xml".to_owned(),
                false,
            ),
        ]),
    );
    emit("docProps/core.xml".to_owned(), core_xml(c));
    emit("docProps/app.xml".to_owned(), app_xml(slides.len()));
    emit(
        "ppt/presentation.xml".to_owned(),
        presentation_xml(slides.len(), any_notes),
    );
    let mut pres_rels = vec![
        (
            "rId1".to_owned(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".to_owned(),
            false,
        ),
        (
            "rId2".to_owned(),
            "theme",
            "theme/theme1.xml".to_owned(),
            false,
        ),
        (
            "rId3".to_owned(),
            "presProps",
            "presProps.xml".to_owned(),
            false,
        ),
        (
            "rId4".to_owned(),
            "viewProps",
            "viewProps.xml".to_owned(),
            false,
        ),
        (
            "rId5".to_owned(),
            "tableStyles",
            "tableStyles.xml".to_owned(),
            false,
        ),
    ];
    if any_notes {
        pres_rels.push((
            "rId6".to_owned(),
            "notesMaster",
            "notesMasters/notesMaster1.xml".to_owned(),
            false,
        ));
    }
    for n in 1..=slides.len() {
        pres_rels.push((
            format!("rId{}", n + 6),
            "slide",
            format!("slides/slide{n}.xml"),
            false,
        ));
    }
    emit(
        "ppt/_rels/presentation.xml.rels".to_owned(),
        rels(&pres_rels),
    );
    emit(
        "ppt/presProps.xml".to_owned(),
        format!(
            "{XML_HEAD}<p:presentationPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"/>"
        ),
    );
    emit(
        "ppt/viewProps.xml".to_owned(),
        format!(
            "{XML_HEAD}<p:viewPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"80000\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        ),
    );
    emit("ppt/tableStyles.xml".to_owned(), table_styles_xml());
    emit("ppt/slideMasters/slideMaster1.xml".to_owned(), master_xml());
    emit(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".to_owned(),
        rels(&[
            (
                "rId1".to_owned(),
                "slideLayout",
                "../slideLayouts/slideLayout1.xml".to_owned(),
                false,
            ),
            (
                "rId2".to_owned(),
                "theme",
                "../theme/theme1.xml".to_owned(),
                false,
            ),
        ]),
    );
    emit("ppt/slideLayouts/slideLayout1.xml".to_owned(), layout_xml());
    emit(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".to_owned(),
        rels(&[(
            "rId1".to_owned(),
            "slideMaster",
            "../slideMasters/slideMaster1.xml".to_owned(),
            false,
        )]),
    );
    emit("ppt/theme/theme1.xml".to_owned(), theme_xml());
    if any_notes {
        emit(
            "ppt/notesMasters/notesMaster1.xml".to_owned(),
            notes_master_xml(),
        );
        emit(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".to_owned(),
            rels(&[(
                "rId1".to_owned(),
                "theme",
                "../theme/theme2.xml".to_owned(),
                false,
            )]),
        );
        emit("ppt/theme/theme2.xml".to_owned(), theme_xml());
    }
    for (k, slide) in slides.iter().enumerate() {
        let n = k + 1;
        let (xml, links) = slide_xml(slide);
        emit(format!("ppt/slides/slide{n}.xml"), xml);
        let mut items = vec![(
            "rId1".to_owned(),
            "slideLayout",
            "../slideLayouts/slideLayout1.xml".to_owned(),
            false,
        )];
        for (j, url) in links.into_iter().enumerate() {
            items.push((format!("rId{}", j + 2), "hyperlink", url, true));
        }
        if !slide.notes.is_empty() {
            items.push((
                format!("rId{}", items.len() + 1),
                "notesSlide",
                format!("../notesSlides/notesSlide{n}.xml"),
                false,
            ));
            emit(
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                notes_xml(&slide.notes),
            );
            emit(
                format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
                rels(&[
                    (
                        "rId1".to_owned(),
                        "notesMaster",
                        "../notesMasters/notesMaster1.xml".to_owned(),
                        false,
                    ),
                    (
                        "rId2".to_owned(),
                        "slide",
                        format!("../slides/slide{n}.xml"),
                        false,
                    ),
                ]),
            );
        }
        emit(format!("ppt/slides/_rels/slide{n}.xml.rels"), rels(&items));
    }
}

/// The parts as a zip: deflated, every timestamp the zip format's
/// earliest (1980-01-01), so the same parts give the same bytes.
struct Zipper {
    writer: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    options: zip::write::SimpleFileOptions,
}

impl Zipper {
    fn new() -> Self {
        Self {
            writer: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
            // The fastest level: the XML still shrinks about fourfold.
            options: zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .last_modified_time(zip::DateTime::DEFAULT)
                .unix_permissions(0o644),
        }
    }

    fn add(&mut self, name: &str, text: &str) {
        // Writing to memory only fails on a name given twice, which the
        // package never does; such a part would be left out, not panic.
        if self.writer.start_file(name, self.options).is_ok() {
            let _ = self.writer.write_all(text.as_bytes());
        }
    }

    fn finish(self) -> Vec<u8> {
        self.writer
            .finish()
            .map(std::io::Cursor::into_inner)
            .unwrap_or_default()
    }
}

fn content_types(slides: usize, with_notes: &[bool]) -> String {
    const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";
    let mut x = String::from(XML_HEAD);
    x.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    let mut over = |part: &str, kind: &str| {
        let _ = write!(x, "<Override PartName=\"/{part}\" ContentType=\"{kind}\"/>");
    };
    over(
        "ppt/presentation.xml",
        &format!("{PML}.presentation.main+xml"),
    );
    over("ppt/presProps.xml", &format!("{PML}.presProps+xml"));
    over("ppt/viewProps.xml", &format!("{PML}.viewProps+xml"));
    over("ppt/tableStyles.xml", &format!("{PML}.tableStyles+xml"));
    over(
        "ppt/slideMasters/slideMaster1.xml",
        &format!("{PML}.slideMaster+xml"),
    );
    over(
        "ppt/slideLayouts/slideLayout1.xml",
        &format!("{PML}.slideLayout+xml"),
    );
    over(
        "ppt/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
    );
    if with_notes.iter().any(|&n| n) {
        over(
            "ppt/notesMasters/notesMaster1.xml",
            &format!("{PML}.notesMaster+xml"),
        );
        over(
            "ppt/theme/theme2.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml",
        );
    }
    over(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        "docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    for n in 1..=slides {
        over(
            &format!("ppt/slides/slide{n}.xml"),
            &format!("{PML}.slide+xml"),
        );
        if with_notes.get(n - 1).copied().unwrap_or(false) {
            over(
                &format!("ppt/notesSlides/notesSlide{n}.xml"),
                &format!("{PML}.notesSlide+xml"),
            );
        }
    }
    x.push_str("</Types>");
    x
}

fn core_xml(c: &Comparison) -> String {
    let title = plain_text(&c.title).replace('\n', " ");
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>versus</dc:creator>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:modified>\
</cp:coreProperties>",
        escaped(&title)
    )
}

fn app_xml(slides: usize) -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>versus</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{slides}</Slides></Properties>"
    )
}

fn presentation_xml(slides: usize, any_notes: bool) -> String {
    let mut x = String::from(XML_HEAD);
    let _ = write!(
        x,
        "<p:presentation xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" saveSubsetFonts=\"1\">\
<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>"
    );
    if any_notes {
        x.push_str("<p:notesMasterIdLst><p:notesMasterId r:id=\"rId6\"/></p:notesMasterIdLst>");
    }
    if slides > 0 {
        x.push_str("<p:sldIdLst>");
        for n in 1..=slides {
            let _ = write!(x, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + n, n + 6);
        }
        x.push_str("</p:sldIdLst>");
    }
    let _ = write!(
        x,
        "<p:sldSz cx=\"{}\" cy=\"{}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>",
        emu(SLIDE_W),
        emu(SLIDE_H)
    );
    x
}

const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

fn master_xml() -> String {
    format!(
        "{XML_HEAD}<p:sldMaster xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>\
<p:spTree>{GROUP_START}</p:spTree></p:cSld>{CLR_MAP}\
<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>\
<p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz=\"{HEADING_SIZE}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle>\
<p:bodyStyle><a:lvl1pPr><a:defRPr sz=\"{BODY_SIZE}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>\
<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"{BODY_SIZE}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>"
    )
}

/// The deck's one table style: dark text, a thin rule under every row,
/// the header row tinted.
fn table_styles_xml() -> String {
    let rule = "<a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"B8BFC9\"/></a:solidFill></a:ln>";
    format!(
        "{XML_HEAD}<a:tblStyleLst xmlns:a=\"{NS_A}\" def=\"{TABLE_STYLE}\"><a:tblStyle styleId=\"{TABLE_STYLE}\" styleName=\"versus\">\
<a:wholeTbl><a:tcTxStyle><a:fontRef idx=\"minor\"/><a:schemeClr val=\"dk1\"/></a:tcTxStyle>\
<a:tcStyle><a:tcBdr><a:bottom>{rule}</a:bottom><a:insideH>{rule}</a:insideH></a:tcBdr><a:fill><a:noFill/></a:fill></a:tcStyle></a:wholeTbl>\
<a:firstRow><a:tcTxStyle b=\"on\"/><a:tcStyle><a:tcBdr><a:bottom>{rule}</a:bottom></a:tcBdr><a:fill><a:solidFill><a:srgbClr val=\"{HEADER_FILL}\"/></a:solidFill></a:fill></a:tcStyle></a:firstRow>\
</a:tblStyle></a:tblStyleLst>"
    )
}

fn layout_xml() -> String {
    format!(
        "{XML_HEAD}<p:sldLayout xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" type=\"blank\" preserve=\"1\"><p:cSld name=\"Blank\"><p:spTree>{GROUP_START}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

fn notes_master_xml() -> String {
    format!(
        "{XML_HEAD}<p:notesMaster xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>{GROUP_START}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext cx=\"6096000\" cy=\"3429000\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:prstClr val=\"black\"/></a:solidFill></a:ln></p:spPr></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>\
<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp></p:spTree></p:cSld>{CLR_MAP}\
<p:notesStyle><a:lvl1pPr><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>"
    )
}

fn theme_xml() -> String {
    let color = |name: &str, rgb: &str| format!("<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = format!("<a:ln w=\"9525\">{fill}</a:ln>");
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    let font = "<a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>";
    format!(
        "{XML_HEAD}<a:theme xmlns:a=\"{NS_A}\" name=\"versus\"><a:themeElements><a:clrScheme name=\"versus\">{}{}{}{}{}{}{}{}{}{}{}{}</a:clrScheme>\
<a:fontScheme name=\"versus\"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme>\
<a:fmtScheme name=\"versus\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>\
<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme>\
</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        color("dk1", "1F2328"),
        color("lt1", "FFFFFF"),
        color("dk2", "24292F"),
        color("lt2", "EEF1F5"),
        color("accent1", "0969DA"),
        color("accent2", "BF8700"),
        color("accent3", "1A7F37"),
        color("accent4", "8250DF"),
        color("accent5", "CF222E"),
        color("accent6", "57606A"),
        color("hlink", "0969DA"),
        color("folHlink", "8250DF"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn parts(deck: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap();
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                (file.name().unwrap().into_owned(), text)
            })
            .collect()
    }

    #[test]
    fn the_same_input_gives_the_same_small_file() {
        let c = Comparison::built_in();
        let notes = Notes::for_comparison(&c.title);
        let options = ExportOptions::default();
        let deck = render(&c, &notes, &options);
        assert_eq!(deck, render(&c, &notes, &options));
        assert!(deck.len() < 100_000, "{} bytes", deck.len());
        let all = parts(&deck);
        let types = &all[0];
        assert_eq!(types.0, "[Content_Types].xml");
        for (name, text) in &all {
            assert!(text.starts_with(XML_HEAD), "{name}");
            let rels = name.rsplit('.').next() == Some("rels");
            if !rels && name != "[Content_Types].xml" {
                assert!(
                    types.1.contains(&format!("PartName=\"/{name}\"")),
                    "{name} has no content type"
                );
            }
        }
        let core = &all
            .iter()
            .find(|(n, _)| n == "docProps/core.xml")
            .unwrap()
            .1;
        assert!(core.contains(FIXED_DATE));
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_replaced() {
        let mut out = String::new();
        push_escaped(&mut out, "a<b>&\"'\u{1}\u{FFFF}\t");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}\t");
    }

    #[test]
    fn each_script_gets_its_own_run_and_language() {
        let runs: Vec<(&str, &str)> = script_runs("Ελληνικά and 中文, 日本語のテキスト; עברית 1")
            .map(|r| (r, lang_of(r)))
            .collect();
        assert_eq!(
            runs,
            [
                ("Ελληνικά ", "el-GR"),
                ("and ", "en-US"),
                ("中文, 日本語のテキスト; ", "ja-JP"),
                ("עברית 1", "he-IL"),
            ]
        );
        assert_eq!(lang_of("中文"), "zh-CN");
        assert_eq!(lang_of("한국어"), "ko-KR");
        assert_eq!(lang_of("— 42"), "en-US");
        let span = |text: &str| Span {
            text: text.to_owned(),
            ..Span::default()
        };
        assert!(is_rtl(&[span("« بالعربية »")]));
        assert!(!is_rtl(&[span("Hello עברית")]));
    }

    /// Every `a:off`/`a:ext` pair of a slide part, in EMU.
    fn rects(xml: &str) -> Vec<[i64; 4]> {
        let number = |text: &str, key: &str| -> i64 {
            let start = text.find(key).unwrap() + key.len();
            let end = start + text[start..].find('"').unwrap();
            text[start..end].parse().unwrap()
        };
        xml.split("<a:off ")
            .skip(1)
            .map(|rest| {
                [
                    number(rest, "x=\""),
                    number(rest, "y=\""),
                    number(rest, "cx=\""),
                    number(rest, "cy=\""),
                ]
            })
            .collect()
    }

    #[test]
    fn long_tables_and_summaries_continue_and_every_shape_is_inside_the_slide() {
        let mut c = Comparison::built_in();
        c.dimensions.truncate(1);
        c.title = "A title long enough to wrap onto a second line of the title slide".repeat(2);
        let d = &mut c.dimensions[0];
        d.title = "A heading that is long enough to wrap onto two lines of the slide".to_owned();
        let template = d.points[0].clone();
        d.points = (0..40)
            .map(|i| {
                let mut p = template.clone();
                p.aspect = format!("Aspect {i}");
                for (_, text) in &mut p.sides.0 {
                    *text = format!("Side text for row {i}, long enough to take two lines. ")
                        .repeat(1 + i % 3);
                }
                p
            })
            .collect();
        for (_, text) in &mut d.summary.0 {
            *text = "A sentence of a long summary. ".repeat(80);
        }
        let deck = render(&c, &Notes::default(), &ExportOptions::default());
        let all = parts(&deck);
        let slides: Vec<&(String, String)> = all
            .iter()
            .filter(|(n, _)| n.starts_with("ppt/slides/slide"))
            .collect();
        assert!(slides.len() >= 6, "{}", slides.len());
        let mut rows = 0;
        for (name, xml) in &slides {
            for [x, y, w, h] in rects(xml) {
                assert!(x >= 0 && y >= 0, "{name}");
                assert!(x + w <= emu(SLIDE_W), "{name}: right edge {}", x + w);
                assert!(y + h <= emu(SLIDE_H), "{name}: bottom edge {}", y + h);
            }
            if xml.contains("<a:tbl>") {
                assert!(xml.contains(">Aspect</a:t>"), "{name}: header on each");
            }
            rows += xml.matches(">Aspect ").count();
        }
        assert_eq!(rows, 40, "every row once");
    }

    #[test]
    fn notes_pages_only_where_there_is_a_note_and_never_for_the_audience() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        notes
            .text_mut("scope")
            .push_str("Say **this** <now> & then.");
        let deck = render(&c, &notes, &ExportOptions::default());
        let all = parts(&deck);
        let pages: Vec<&(String, String)> = all
            .iter()
            .filter(|(n, _)| n.starts_with("ppt/notesSlides/notesSlide"))
            .collect();
        assert_eq!(pages.len(), 1);
        assert!(
            pages[0]
                .1
                .contains("<a:t>Say this &lt;now&gt; &amp; then.</a:t>")
        );
        let audience = ExportOptions {
            audience: true,
            ..ExportOptions::default()
        };
        let deck = render(&c, &notes, &audience);
        assert!(!parts(&deck).iter().any(|(n, _)| n.contains("notes")));
    }
}
