//! Content text with inline Markdown, drawn as one wrapping label (or, when
//! it has links, as a flow of labels and hyperlinks).

use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat, TextStyle};

use crate::model::{Span, parse_inline};

/// Draws `text` (inline Markdown) wrapping to the available width.
pub fn markdown_ui(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let spans = parse_inline(text);
    if spans.iter().all(|s| s.link.is_none()) {
        let mut job = LayoutJob::default();
        for span in &spans {
            append(ui, &mut job, span, None);
        }
        return ui.add(egui::Label::new(job).wrap());
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for span in &spans {
            if let Some(url) = &span.link {
                ui.hyperlink_to(&span.text, url);
            } else {
                let mut job = LayoutJob::default();
                append(ui, &mut job, span, None);
                ui.add(egui::Label::new(job).wrap());
            }
        }
    })
    .response
}

/// Appends one span to a layout job in the UI's style.
fn append(ui: &egui::Ui, job: &mut LayoutJob, span: &Span, color: Option<Color32>) {
    let style = ui.style();
    let font_id: FontId = if span.code {
        TextStyle::Monospace.resolve(style)
    } else {
        TextStyle::Body.resolve(style)
    };
    let visuals = &style.visuals;
    let color = color.unwrap_or(if span.strong {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    });
    let format = TextFormat {
        font_id,
        color,
        italics: span.emphasis,
        background: if span.code {
            visuals.code_bg_color
        } else {
            Color32::TRANSPARENT
        },
        ..TextFormat::default()
    };
    job.append(&span.text, 0.0, format);
}
