//! Content text with inline Markdown, drawn as one wrapping label (or, when
//! it has links, as a flow of labels and hyperlinks).

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat, TextStyle};

use crate::model::fold::Query;
use crate::model::{Span, parse_inline};
use crate::ui::style;

/// Where the search being typed is kept for this frame's text.
fn search_id() -> egui::Id {
    egui::Id::unique("versus-search-highlight")
}

/// Makes the text drawn this frame highlight what `query` finds.
pub fn set_search(ctx: &egui::Context, query: Query) {
    ctx.data_mut(|d| d.insert_temp(search_id(), Arc::new(query)));
}

/// The search to highlight, if any.
fn search(ui: &egui::Ui) -> Option<Arc<Query>> {
    ui.data(|d| d.get_temp::<Arc<Query>>(search_id()))
        .filter(|q| !q.is_empty())
}

/// Draws `text` (inline Markdown) wrapping to the available width.
pub fn markdown_ui(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let spans = parse_inline(text);
    if spans.iter().all(|s| s.link.is_none()) {
        let mut job = LayoutJob::default();
        for span in &spans {
            append(ui, &mut job, span);
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
                append(ui, &mut job, span);
                ui.add(egui::Label::new(job).wrap());
            }
        }
    })
    .response
}

/// Appends one span to a layout job in the UI's style, what the search
/// finds in it on a highlighted background.
fn append(ui: &egui::Ui, job: &mut LayoutJob, span: &Span) {
    let Some(query) = search(ui) else {
        append_part(ui, job, span, &span.text, false);
        return;
    };
    let mut at = 0;
    for range in query.ranges_in(&span.text) {
        append_part(ui, job, span, &span.text[at..range.start], false);
        append_part(ui, job, span, &span.text[range.clone()], true);
        at = range.end;
    }
    append_part(ui, job, span, &span.text[at..], false);
}

/// Appends `text`, a part of `span`, found by the search or not.
fn append_part(ui: &egui::Ui, job: &mut LayoutJob, span: &Span, text: &str, found: bool) {
    if text.is_empty() {
        return;
    }
    let style = ui.style();
    let font_id: FontId = if span.code {
        TextStyle::Monospace.resolve(style)
    } else {
        TextStyle::Body.resolve(style)
    };
    let visuals = &style.visuals;
    let color = if span.strong {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    };
    let format = TextFormat {
        font_id,
        color,
        italics: span.emphasis,
        background: if found {
            style::FOUND
        } else if span.code {
            visuals.code_bg_color
        } else {
            Color32::TRANSPARENT
        },
        ..TextFormat::default()
    };
    let color = if found { Color32::BLACK } else { format.color };
    job.append(text, 0.0, TextFormat { color, ..format });
}
