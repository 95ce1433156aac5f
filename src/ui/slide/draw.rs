//! Drawing a page once it is laid out: the pen (where, how large, which
//! colours), the heading, the column headers and the rows.

use egui::text::LayoutJob;
use egui::{Rect, pos2, vec2};

use super::{Colors, Row, SlideText, job, measure};
use crate::ui::text::{add_fitted, fit_words};

/// Where and how a page's parts are drawn: the area inside the margins,
/// the columns' widths and the gap between them, the body size, the
/// colours.
pub(super) struct Pen {
    pub(super) inner: Rect,
    pub(super) aspect: f32,
    pub(super) column: f32,
    pub(super) gap: f32,
    pub(super) size: f32,
    pub(super) colors: Colors,
}

impl Pen {
    /// The left edge of subject column `k`.
    fn column_x(&self, k: usize) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "a few columns")]
        let k = k as f32;
        self.inner.left() + self.aspect + self.gap + k * (self.column + self.gap)
    }
}

/// `job` at `(x, y)`, `w` wide, left-aligned; returns its height. A word
/// wider than the column ends its row with a hyphen (as measured).
pub(super) fn put_ui(ui: &mut egui::Ui, x: f32, y: f32, w: f32, job: LayoutJob) -> f32 {
    let h = fit_words(ui.painter(), job.clone(), w).size().y;
    // Left-aligned, never justified (a justified label spreads its
    // letters).
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(Rect::from_min_size(pos2(x, y), vec2(w, h)))
            .layout(egui::Layout::top_down(egui::Align::LEFT)),
    );
    add_fitted(&mut child, job, w, |galley| {
        egui::Label::new(galley).selectable(false)
    });
    h
}

/// The title (numbered when there are several pages) and the subtitle;
/// returns where what follows starts.
pub(super) fn heading_ui(
    ui: &mut egui::Ui,
    pen: &Pen,
    text: &SlideText,
    (page, pages): (usize, usize),
) -> f32 {
    let (inner, size, colors) = (pen.inner, pen.size, pen.colors);
    let mut y = inner.top();
    let title = if pages > 1 {
        format!("{} ({}/{})", text.title, page + 1, pages)
    } else {
        text.title.clone()
    };
    if text.headers.is_empty() && text.rows.is_empty() {
        // The title slide: centred vertically.
        let m = measure(ui, inner, text, &[], size);
        y += ((inner.height() - m.head) / 2.0).max(0.0);
    }
    y += put_ui(
        ui,
        inner.left(),
        y,
        inner.width(),
        job(&title, size * 1.35, colors.strong, inner.width()),
    );
    y += size * 0.6;
    if !text.subtitle.is_empty() {
        y += put_ui(
            ui,
            inner.left(),
            y,
            inner.width(),
            job(&text.subtitle, size, colors.text, inner.width()),
        );
        y += size * 0.4;
    }
    y
}

/// The subjects' headers at `y`, over a rule; returns where the rows start.
pub(super) fn headers_ui(ui: &mut egui::Ui, pen: &Pen, headers: &[String], mut y: f32) -> f32 {
    let (size, colors) = (pen.size, pen.colors);
    let mut tallest: f32 = 0.0;
    for (k, h) in headers.iter().enumerate() {
        tallest = tallest.max(put_ui(
            ui,
            pen.column_x(k),
            y,
            pen.column,
            job(h, size, colors.strong, pen.column),
        ));
    }
    y += tallest + size * 0.2;
    ui.painter().hline(
        pen.inner.x_range(),
        y,
        egui::Stroke::new((size / 16.0).max(1.0), colors.weak),
    );
    y + size * 0.2
}

/// `rows` from `y` down, a highlighted one on its band.
pub(super) fn rows_ui(ui: &mut egui::Ui, pen: &Pen, text: &SlideText, rows: &[Row], mut y: f32) {
    let (inner, size, colors) = (pen.inner, pen.size, pen.colors);
    let pad = size * 0.5;
    for row in rows {
        let m = measure(ui, inner, text, std::slice::from_ref(row), size);
        let h = m.blocks.first().copied().unwrap_or(0.0);
        if row.highlighted {
            ui.painter().rect_filled(
                Rect::from_min_size(pos2(inner.left(), y), vec2(inner.width(), h)),
                size * 0.2,
                colors.highlight,
            );
        }
        let top = y + pad / 2.0;
        if !row.aspect.is_empty() {
            put_ui(
                ui,
                inner.left(),
                top,
                pen.aspect,
                job(&row.aspect, size, colors.strong, pen.aspect),
            );
        }
        for (k, cell) in row.cells.iter().enumerate() {
            put_ui(
                ui,
                pen.column_x(k),
                top,
                pen.column,
                job(cell, size, colors.text, pen.column),
            );
        }
        y += h;
    }
}
