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
        let width = ui.available_width();
        return add_fitted(ui, job, width, egui::Label::new);
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

/// Adds `widget` made of `job` laid out by [`fit_words`] at `width`. A
/// screen reader (and a test) is given the text as written, not with the
/// hyphens added to fit it.
pub fn add_fitted<W: egui::Widget>(
    ui: &mut egui::Ui,
    job: LayoutJob,
    width: f32,
    widget: impl FnOnce(Arc<egui::Galley>) -> W,
) -> egui::Response {
    let written = job.text.clone();
    let galley = fit_words(ui.painter(), job, width);
    let hyphenated = galley.text() != written;
    let response = ui.add(widget(galley));
    if hyphenated {
        response.ctx.accesskit_node_builder(response.id, |node| {
            if node.role() == egui::accesskit::Role::Label {
                node.set_value(written);
            } else {
                node.set_label(written);
            }
        });
    }
    response
}

/// Whether a line may break after `a` and before `b` only by cutting a
/// word: both are letters or digits of a script that separates words with
/// spaces (CJK text may break between any two characters).
#[must_use]
pub fn inside_a_word(a: char, b: char) -> bool {
    a.is_alphanumeric() && b.is_alphanumeric() && !is_cjk(a) && !is_cjk(b)
}

/// Han and kana: scripts egui may break between characters (Korean
/// separates its words with spaces).
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// `text` as a layout job in `ui`'s style, for [`fit_words`].
#[must_use]
pub fn rich_job(ui: &egui::Ui, text: egui::RichText) -> LayoutJob {
    Arc::unwrap_or_clone(egui::WidgetText::from(text).into_layout_job(
        ui.style(),
        egui::FontSelection::Default,
        egui::Align::Center,
    ))
}

/// How many words wider than their column one text may have hyphenated:
/// a bound on the layouts one label costs.
const MAX_HYPHENS: usize = 32;

/// Lays `job` out wrapping at `width`. egui breaks a word that does not fit
/// on a row of its own anywhere ("Replicatio" / "n"); here such a word
/// ends its row with a hyphen instead, so no word is ever cut without a
/// mark. A column is made at least as wide as its usual words, so this is
/// for the rare word longer than any column can be.
#[must_use]
pub fn fit_words(painter: &egui::Painter, mut job: LayoutJob, width: f32) -> Arc<egui::Galley> {
    job.wrap.max_width = width;
    job.wrap.break_anywhere = false;
    for _ in 0..MAX_HYPHENS {
        let galley = painter.layout_job(job.clone());
        let Some(at) = cut_word(&galley) else {
            return galley;
        };
        // Two characters go to the next row with the word's rest, so that
        // the hyphen (wider than an "i") still fits.
        let Some((byte, _)) = job.text.char_indices().nth(at) else {
            return galley;
        };
        insert(&mut job, byte, "-\n");
    }
    painter.layout_job(job)
}

/// The character index at which to hyphenate the first word `galley` cuts
/// at a row's end, if any: two characters before the cut (one when the
/// row is that short).
fn cut_word(galley: &egui::Galley) -> Option<usize> {
    let mut start = 0;
    for pair in galley.rows.windows(2) {
        let [row, next] = pair else { continue };
        let end = start + row.row.glyphs.len();
        if !row.ends_with_newline
            && let (Some(last), Some(first)) = (row.row.glyphs.last(), next.row.glyphs.first())
            && inside_a_word(last.chr, first.chr)
        {
            let back = if row.row.glyphs.len() > 3 { 2 } else { 1 };
            return Some(end - back);
        }
        start += row.char_count_including_newline().0;
    }
    None
}

/// Inserts `text` at byte `at` of the job's text, in the section that
/// holds that byte.
fn insert(job: &mut LayoutJob, at: usize, text: &str) {
    job.text.insert_str(at, text);
    let n = text.len();
    for section in &mut job.sections {
        let range = &mut section.byte_range;
        if range.start.0 > at {
            range.start.0 += n;
            range.end.0 += n;
        } else if range.end.0 > at {
            range.end.0 += n;
        }
    }
}

/// "Redis, Cassandra" or, past four, "A, B, C, D and 996 more": the names
/// of what is out of view, a line long however many there are.
#[must_use]
pub fn few_names(names: &[String]) -> String {
    const SHOWN: usize = 4;
    if names.len() <= SHOWN {
        return names.join(", ");
    }
    let first: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
    format!("{} and {} more", first.join(", "), names.len() - SHOWN)
}

/// The width of the longest word of `texts` in `font` (the longest few by
/// characters are measured, as proportional letters differ in width), CJK
/// text aside: it may break between any two characters. A column at least
/// this wide never cuts a word.
pub fn longest_word<'a>(ui: &egui::Ui, texts: impl Iterator<Item = &'a str>, font: &FontId) -> f32 {
    let mut words: Vec<&str> = texts
        .flat_map(str::split_whitespace)
        .filter(|w| !w.chars().any(is_cjk))
        .collect();
    // Longest first, a word's copies side by side so that they count once.
    words.sort_by_cached_key(|w| (std::cmp::Reverse(w.chars().count()), *w));
    words.dedup();
    words
        .into_iter()
        .take(4)
        .map(|w| text_width(ui, w.to_owned(), font))
        .fold(0.0, f32::max)
}

/// The width of `text` on one line in `font`.
#[must_use]
pub fn text_width(ui: &egui::Ui, text: String, font: &FontId) -> f32 {
    ui.painter()
        .layout_no_wrap(text, font.clone(), egui::Color32::WHITE)
        .size()
        .x
}
