//! Slide deck export: Marp Markdown.
//!
//! The deck is the Marp front matter, then slides separated by `---`
//! lines:
//! - a title slide: the title and the two subjects, with the overall note
//!   as speaker notes;
//! - one slide per exported dimension: its title (`## ★ Title` when
//!   starred), the points as a table (`Aspect | left | right`, highlighted
//!   rows in bold), the first sentence of each summary when summaries are
//!   included, and the note as speaker notes;
//! - a conclusion slide, when the comparison has a conclusion (with the
//!   sources).
//!
//! Slide text is written like the Markdown export (see [`super::markdown`]):
//! content is re-written from its parsed spans with everything that could
//! start structure escaped, so a content line such as `---`, `***` or
//! `___` cannot start a slide, and `<` is written `&lt;`, so content cannot
//! add HTML or comments.
//!
//! Speaker notes are HTML comments (`<!-- … -->`), Marp's own convention,
//! holding the note as written. In a run of hyphens every hyphen after the
//! first becomes U+2010 (‐), so `-->` in a note cannot end the comment
//! early and `---` cannot split a slide.
//! Their first line is a fixed label without a colon, so Marp never reads
//! a note such as `theme: gaia` as a directive (a comment is a directive
//! only when its whole text is a YAML mapping).

use super::markdown::{Blocks, bullet_list, table};
use super::md_text::{Lines, Place, one_line, paragraphs, strong_line};
use super::{
    Column, ExportOptions, clean, columns, note, overall_note, selected_dimensions, summary,
};
use crate::model::{Comparison, Dimension, for_each_span};
use crate::notes::Notes;

/// The deck's front matter. The default theme's type is sized for a few
/// lines a slide; a table of five aspects and two short summaries needs it
/// smaller to fit.
const FRONT_MATTER: &str = "---\n\
marp: true\n\
theme: default\n\
paginate: true\n\
style: |\n  \
section { font-size: 22px; padding: 48px 64px; }\n  \
h1 { font-size: 2em; }\n  \
h2 { font-size: 1.45em; margin-bottom: 0.5em; }\n  \
table { font-size: 0.9em; }\n  \
th, td { padding: 0.3em 0.6em; }\n\
---";

/// The comparison and notes as a Marp slide deck.
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    let cols = columns(c, options);
    let [left, right] = cols;
    let mut slides: Vec<String> = Vec::new();

    let mut title = Blocks::default();
    title.push(format!("# {}", one_line(&c.title)));
    title.push(format!(
        "{} vs {}",
        strong_line(left.name),
        strong_line(right.name)
    ));
    if let Some(text) = overall_note(notes) {
        title.push(speaker_notes("Framing", text));
    }
    slides.push(title.join());

    for d in selected_dimensions(c, notes, options) {
        slides.push(dimension_slide(d, notes, options, cols));
    }

    let conclusion = paragraphs(&c.conclusion);
    if !conclusion.is_empty() {
        let mut slide = Blocks::default();
        slide.push("## Conclusion".to_owned());
        slide.extend(conclusion);
        let sources = bullet_list(&c.sources);
        if !sources.is_empty() {
            slide.push("Sources:".to_owned());
            slide.push(sources);
        }
        slides.push(slide.join());
    }

    let mut out = String::from(FRONT_MATTER);
    for (i, slide) in slides.iter().enumerate() {
        out.push_str(if i == 0 { "\n\n" } else { "\n\n---\n\n" });
        out.push_str(slide);
    }
    out.push('\n');
    out
}

/// One dimension's slide.
fn dimension_slide(
    d: &Dimension,
    notes: &Notes,
    options: &ExportOptions,
    cols: [Column<'_>; 2],
) -> String {
    let mut slide = Blocks::default();
    let star = if notes.is_starred(&d.id) { "★ " } else { "" };
    slide.push(format!("## {star}{}", one_line(&d.title)));
    slide.extend(table(d, notes, cols));
    if options.include_summaries {
        for col in cols {
            let Some(text) = summary(d, col) else {
                continue;
            };
            if let Some(sentence) = first_sentence(text) {
                slide.push(format!("{}: {sentence}", strong_line(col.label)));
            }
        }
    }
    if let Some(text) = note(notes, d) {
        slide.push(speaker_notes("Presenter note", text));
    }
    slide.join()
}

/// Inline Markdown for the first sentence (or line) of `text`; `None` when
/// it shows nothing. Spans are written as they are parsed and those after
/// the sentence are skipped, so nothing is stored per span.
fn first_sentence(text: &str) -> Option<String> {
    let mut lines = Lines::new(Place::Block, false);
    let mut done = false;
    for_each_span(text, |span| {
        if done {
            return;
        }
        match (!span.code).then(|| sentence_end(&span.text)).flatten() {
            Some(end) => {
                let mut cut = span.clone();
                cut.text.truncate(end);
                lines.span(&cut);
                done = true;
            }
            None => lines.span(span),
        }
    });
    lines.finish().into_iter().next()
}

/// The byte index just past the first sentence's closing mark (or at the
/// first line break), if the text has one.
fn sentence_end(text: &str) -> Option<usize> {
    for (i, ch) in text.char_indices() {
        let next = i + ch.len_utf8();
        match ch {
            '\n' => return Some(i),
            '.' | '!' | '?' if text[next..].starts_with(char::is_whitespace) => return Some(next),
            '。' | '！' | '？' | '۔' | '।' => return Some(next),
            _ => {}
        }
    }
    None
}

/// Speaker notes: an HTML comment whose first line is `label` (which must
/// hold no colon) followed by the note's text as written.
fn speaker_notes(label: &str, text: &str) -> String {
    let mut body = String::new();
    let mut previous = None;
    for ch in clean(text).trim().chars() {
        // `--` could end the comment (`-->`, `--!>`) or, as `---`, split
        // the slide: every hyphen that follows a hyphen becomes U+2010.
        if ch == '-' && previous == Some('-') {
            body.push('\u{2010}');
        } else {
            body.push(ch);
        }
        previous = Some(ch);
    }
    let body: Vec<&str> = body.lines().map(str::trim_end).collect();
    format!("<!--\n{label}\n{}\n-->", body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_cannot_end_their_comment() {
        assert_eq!(
            speaker_notes("Note", "a --> b\n---\n--!>"),
            "<!--\nNote\na -‐> b\n-‐‐\n-‐!>\n-->"
        );
    }

    #[test]
    fn first_sentences() {
        assert_eq!(
            first_sentence("One **two**. Three.").as_deref(),
            Some("One **two**.")
        );
        assert_eq!(first_sentence("你好。世界").as_deref(), Some("你好。"));
        assert_eq!(first_sentence("No end").as_deref(), Some("No end"));
        assert_eq!(first_sentence("`a. b` c. d").as_deref(), Some("`a. b` c."));
        assert_eq!(first_sentence("---"), None);
    }
}
