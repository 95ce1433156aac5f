//! One slide, fitted to any rectangle: the full screen while presenting,
//! or a small preview in the presenter view. Type is as large as fits;
//! when the rows do not fit at the smallest readable size, they go on
//! several pages, and a row too long for a page is cut between words into
//! pieces. Nothing is ever drawn outside the rectangle.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontFamily, FontId, Rect, TextFormat};

use crate::model::parse_inline;
use crate::ui::style::ACCENT;
use crate::ui::text::fit_words;

mod draw;
mod text;

use draw::{Pen, headers_ui, heading_ui, rows_ui};
pub use text::{END, Row, SlideText};

/// The largest body size, as a share of the slide's height.
const BASE_SHARE: f32 = 1.0 / 20.0;
/// The smallest body size before rows go on another page, as a share of
/// the slide's height inside its margins: 18.4 px at 1280×720, the least
/// a room reads from the back.
pub const MIN_SHARE: f32 = 1.0 / 36.0;
/// Never smaller than this, in points.
const FLOOR: f32 = 7.0;

/// Text colours and fills.
#[derive(Clone, Copy)]
pub(super) struct Colors {
    pub(super) text: Color32,
    pub(super) strong: Color32,
    pub(super) weak: Color32,
    pub(super) highlight: Color32,
}

/// How a page of a slide is laid out at one size.
pub(super) struct Measure {
    /// Heading height (with the space under it).
    pub(super) head: f32,
    /// Each block's height.
    pub(super) blocks: Vec<f32>,
}

/// Lays `text` out in `rect` and draws page `page` (clamped); returns how
/// many pages the slide takes.
pub fn slide_ui(ui: &mut egui::Ui, rect: Rect, text: &SlideText, page: usize) -> usize {
    draw_page(ui, rect, &Laid::of(ui, rect, text.clone()), page, (0, None))
}

std::thread_local! {
    /// While a slide's pages are counted group by group: each text's
    /// height at a size and width, measured once.
    static HEIGHTS: std::cell::RefCell<Option<std::collections::HashMap<u64, f32>>> =
        const { std::cell::RefCell::new(None) };
}

/// The most subjects a slide shows side by side. With more, the slide's
/// pages go through them a group of columns at a time (each group's rows
/// on as many pages as they need), so a page costs what its cells cost.
pub const SLIDE_COLUMNS: usize = 6;

/// Draws page `page` (clamped) of a slide whose columns are `columns`
/// (subject indices), [`SLIDE_COLUMNS`] at a time: `text_of` gives the
/// slide's text for a group of them. Returns the pages in all. Each
/// group's page count is worked out once and kept in egui's memory under
/// `key`, which must change when the slide's text does.
pub fn columns_slide_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    (columns, key): (&[usize], u64),
    page: usize,
    text_of: impl Fn(&[usize]) -> SlideText,
) -> usize {
    if columns.len() <= SLIDE_COLUMNS {
        return slide_ui(ui, rect, &text_of(columns), page);
    }
    let groups: Vec<&[usize]> = columns.chunks(SLIDE_COLUMNS).collect();
    let id = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (
            key,
            rect.width().to_bits(),
            rect.height().to_bits(),
            columns,
        )
            .hash(&mut hasher);
        egui::Id::unique(("slide pages", hasher.finish()))
    };
    let counts = ui.data(|d| d.get_temp::<Arc<Vec<usize>>>(id));
    let counts = counts.unwrap_or_else(|| {
        let inner = rect.shrink(margin(rect));
        // Every group measures the same aspects: each text once.
        HEIGHTS.set(Some(std::collections::HashMap::new()));
        let counts: Arc<Vec<usize>> = Arc::new(
            groups
                .iter()
                .map(|g| row_pages(ui, inner, &text_of(g)).1.len().max(1))
                .collect(),
        );
        HEIGHTS.set(None);
        ui.data_mut(|d| d.insert_temp(id, Arc::clone(&counts)));
        counts
    });
    let total = counts.iter().sum::<usize>().max(1);
    let page = page.min(total - 1);
    let mut first = 0;
    for (g, (group, &n)) in groups.iter().zip(counts.iter()).enumerate() {
        if page < first + n {
            // The group drawn, laid out once (its text, rows and pages).
            let slot = id.with("group");
            let laid = ui
                .data(|d| d.get_temp::<Arc<(usize, Laid)>>(slot))
                .filter(|laid| laid.0 == g)
                .unwrap_or_else(|| {
                    let laid = Arc::new((g, Laid::of(ui, rect, text_of(group))));
                    ui.data_mut(|d| d.insert_temp(slot, Arc::clone(&laid)));
                    laid
                });
            draw_page(ui, rect, &laid.1, page - first, (first, Some(total)));
            break;
        }
        first += n;
    }
    total
}

/// A slide's text with its rows (long ones cut into pieces) and the range
/// of them on each page, at the smallest readable size.
struct Laid {
    text: SlideText,
    rows: Vec<Row>,
    pages: Vec<std::ops::Range<usize>>,
    /// Each page's body size once worked out (NaN before).
    sizes: std::sync::Mutex<Vec<f32>>,
}

impl Laid {
    fn of(ui: &egui::Ui, rect: Rect, text: SlideText) -> Self {
        let (rows, pages) = row_pages(ui, rect.shrink(margin(rect)), &text);
        let sizes = std::sync::Mutex::new(vec![f32::NAN; pages.len()]);
        Self {
            text,
            rows,
            pages,
            sizes,
        }
    }

    /// Page `page`'s body size, worked out once.
    fn size(&self, ui: &egui::Ui, rect: Rect, page: usize, rows: &[Row]) -> f32 {
        let mut sizes = self
            .sizes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match sizes.get_mut(page) {
            Some(size) if size.is_nan() => {
                *size = page_size(ui, rect, &self.text, rows);
                *size
            }
            Some(size) => *size,
            None => page_size(ui, rect, &self.text, rows),
        }
    }
}

/// Draws page `page` (clamped) of `laid` at the largest size it fits at,
/// numbered `first + page` of `total` (of the slide's own pages when
/// `None`); returns the slide's own pages.
fn draw_page(
    ui: &mut egui::Ui,
    rect: Rect,
    laid: &Laid,
    page: usize,
    (first, total): (usize, Option<usize>),
) -> usize {
    let colors = Colors {
        text: ui.visuals().text_color(),
        strong: ui.visuals().strong_text_color(),
        weak: ui.visuals().weak_text_color(),
        highlight: ACCENT.gamma_multiply(0.28),
    };
    let pages = laid.pages.len().max(1);
    let page = page.min(pages - 1);
    let range = laid.pages.get(page).cloned().unwrap_or(0..0);
    let rows = laid.rows.get(range).unwrap_or_default();
    let size = laid.size(ui, rect, page, rows);
    draw(
        ui,
        rect,
        &laid.text,
        rows,
        size,
        (first + page, total.unwrap_or(pages)),
        colors,
    );
    pages
}

/// The margin inside a slide.
fn margin(rect: Rect) -> f32 {
    (rect.height().min(rect.width()) * 0.04).max(4.0)
}

/// The widths of the aspect column and of each subject's column.
fn column_widths(inner: Rect, columns: usize) -> (f32, f32) {
    let gap = inner.width() * 0.015;
    if columns == 0 {
        // Prose (the introduction, the conclusion): one column across the
        // whole slide, from its left edge.
        return (-gap, inner.width());
    }
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let n = columns as f32;
    let aspect = inner.width() * if columns > 2 { 0.2 } else { 0.26 };
    (aspect, ((inner.width() - aspect) / n - gap).max(1.0))
}

/// Inline Markdown as a layout job at `size` in `color`, wrapping at
/// `width`; links are underlined (a slide is not clicked through).
pub(super) fn job(text: &str, size: f32, color: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    for span in parse_inline(text) {
        let family = if span.code {
            FontFamily::Monospace
        } else {
            FontFamily::Proportional
        };
        job.append(
            &span.text,
            0.0,
            TextFormat {
                font_id: FontId::new(size, family),
                color,
                italics: span.emphasis,
                underline: if span.link.is_some() {
                    egui::Stroke::new((size / 20.0).max(1.0), color)
                } else {
                    egui::Stroke::NONE
                },
                ..TextFormat::default()
            },
        );
    }
    job.wrap.max_width = width.max(1.0);
    job
}

/// The heights of the heading and of each row at body size `size`.
pub(super) fn measure(
    ui: &egui::Ui,
    inner: Rect,
    text: &SlideText,
    rows: &[Row],
    size: f32,
) -> Measure {
    let painter = ui.painter();
    let height = |t: &str, s: f32, w: f32| {
        if t.trim().is_empty() {
            return 0.0;
        }
        let lay = || fit_words(painter, job(t, s, Color32::WHITE, w), w).size().y;
        HEIGHTS.with_borrow_mut(|memo| match memo {
            Some(memo) => {
                let mut hasher = std::hash::DefaultHasher::new();
                (t, s.to_bits(), w.to_bits()).hash(&mut hasher);
                *memo.entry(hasher.finish()).or_insert_with(lay)
            }
            None => lay(),
        })
    };
    let w = inner.width();
    let mut head = height(&text.title, size * 1.35, w) + size * 0.6;
    if !text.subtitle.is_empty() {
        head += height(&text.subtitle, size, w) + size * 0.4;
    }
    let (aspect, column) = column_widths(inner, text.headers.len());
    if !text.headers.is_empty() {
        head += text
            .headers
            .iter()
            .map(|h| height(h, size, column))
            .fold(0.0, f32::max)
            + size * 0.4;
    }
    let pad = size * 0.5;
    let blocks = rows
        .iter()
        .map(|r| {
            let cells = r
                .cells
                .iter()
                .map(|c| height(c, size, column))
                .fold(height(&r.aspect, size, aspect), f32::max);
            cells + pad
        })
        .collect();
    Measure { head, blocks }
}

/// The largest body size, to a tenth of a point, at which `rows` fit on
/// one page of `text` in `rect`.
fn page_size(ui: &egui::Ui, rect: Rect, text: &SlideText, rows: &[Row]) -> f32 {
    let inner = rect.shrink(margin(rect));
    let base = (inner.height() * BASE_SHARE).max(FLOOR);
    // The footer (slide number) takes a line at the bottom.
    let room = |size: f32| inner.height() - size * 1.6;
    let fits = |size: f32| {
        let m = measure(ui, inner, text, rows, size);
        m.head + m.blocks.iter().sum::<f32>() <= room(size)
    };
    // The rows were paged to fit at the smallest readable size.
    let min = (inner.height() * MIN_SHARE).max(FLOOR).min(base);
    let (mut lo, mut hi) = if fits(min) { (min, base) } else { (FLOOR, min) };
    if fits(base) {
        lo = base;
    } else {
        for _ in 0..12 {
            let mid = f32::midpoint(lo, hi);
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    lo
}

/// The rows (long ones cut into pieces) and each page's range of them, at
/// the smallest readable size.
fn row_pages(
    ui: &egui::Ui,
    inner: Rect,
    text: &SlideText,
) -> (Vec<Row>, Vec<std::ops::Range<usize>>) {
    let base = (inner.height() * BASE_SHARE).max(FLOOR);
    let min = (inner.height() * MIN_SHARE).max(FLOOR).min(base);
    let room = inner.height() - min * 1.6;
    let rows = cut_long_rows(ui, inner, text, min, room);
    let m = measure(ui, inner, text, &rows, min);
    // The decks' rule: pages of even shares, not full pages then a lone row.
    let pages = crate::export::balance(&m.blocks, room - m.head, room - m.head).ranges(rows.len());
    (rows, pages)
}

/// The rows, each cut between words into pieces that fit a page at `size`.
fn cut_long_rows(ui: &egui::Ui, inner: Rect, text: &SlideText, size: f32, room: f32) -> Vec<Row> {
    let head = measure(ui, inner, text, &[], size).head;
    let mut out = Vec::new();
    for row in &text.rows {
        let mut pieces = 1usize;
        loop {
            let parts = split_row(row, pieces);
            let m = measure(ui, inner, text, &parts, size);
            let tallest = m.blocks.iter().copied().fold(0.0, f32::max);
            if head + tallest <= room || pieces >= 64 {
                out.extend(parts);
                break;
            }
            pieces *= 2;
        }
    }
    out
}

/// `row` as `pieces` rows, each cell's words shared out in order; the
/// pieces after the first are labelled "(cont.)".
fn split_row(row: &Row, pieces: usize) -> Vec<Row> {
    if pieces <= 1 {
        return vec![row.clone()];
    }
    let cut = |text: &str| -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let per = words.len().div_ceil(pieces).max(1);
        let mut parts: Vec<String> = words.chunks(per).map(|w| w.join(" ")).collect();
        parts.resize(pieces, String::new());
        parts
    };
    let cells: Vec<Vec<String>> = row.cells.iter().map(|c| cut(c)).collect();
    (0..pieces)
        .map(|k| Row {
            aspect: if k == 0 {
                row.aspect.clone()
            } else {
                format!("{} (cont.)", row.aspect)
            },
            cells: cells.iter().map(|c| c[k].clone()).collect(),
            highlighted: row.highlighted,
        })
        .enumerate()
        // Fewer words than pieces leaves empty pieces at the end.
        .filter(|(k, r)| *k == 0 || r.cells.iter().any(|c| !c.is_empty()))
        .map(|(_, r)| r)
        .collect()
}

/// Draws the heading, the headers and `rows` at body size `size`, and the
/// page number when there are several.
fn draw(
    ui: &mut egui::Ui,
    rect: Rect,
    text: &SlideText,
    rows: &[Row],
    size: f32,
    (page, pages): (usize, usize),
    colors: Colors,
) {
    let inner = rect.shrink(margin(rect));
    let (aspect, column) = column_widths(inner, text.headers.len());
    let pen = Pen {
        inner,
        aspect,
        column,
        gap: inner.width() * 0.015,
        size,
        colors,
    };
    let mut y = heading_ui(ui, &pen, text, (page, pages));
    if !text.headers.is_empty() {
        y = headers_ui(ui, &pen, &text.headers, y);
    }
    rows_ui(ui, &pen, text, rows, y);
}
