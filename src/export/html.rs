//! HTML export: one self-contained page, readable on screen and printable.
//!
//! No scripts, no event-handler attributes, no external requests: the only
//! style is the inline `<style>` below. Black text on white; when printing,
//! each dimension is kept on one page where it fits (`break-inside: avoid`)
//! and headings stay with what follows them.
//!
//! Each dimension is a `<section class="dimension">` (plus `starred`, with
//! a ★ before the title, when starred and the options ask for the
//! presenter's marks), in the window's order: the summaries, then a real
//! `<table>` with `<th scope="col">` headers (`Aspect` and each subject
//! shown) and a `<th scope="row">` per aspect, where a highlighted row has
//! the class `highlight` (shaded and bold); then what the subjects share,
//! its verdict (`<p class="fit">Better fit: Name · matters 2 of 3</p>`),
//! and the note as a "Presenter note" block.
//!
//! When an exported dimension has a verdict, a `<section class="verdicts">`
//! "Where each wins" comes before the conclusion: a table (`Dimension`,
//! `Matters`, `Better fit`) of those that have one, then the summary and
//! what would flip it. The audience version
//! ([`ExportOptions::audience`]) leaves out the framing, the notes and the
//! stars, and the verdicts unless [`ExportOptions::include_verdicts`] asks
//! for them.
//!
//! All content and notes are HTML-escaped (`&`, `<`, `>`, `"`, `'`). Their
//! inline Markdown becomes `<strong>`, `<em>`, `<code>`, and `<a href>`
//! for `http`, `https` and `mailto` links only; other links become text.
//! A bare `http`/`https` address in running text (a source, say) becomes
//! an `<a href>` to exactly that address.

use super::sink::Sink;
use super::verdicts::{self, Fit, Verdicts};
use super::{
    Column, ExportOptions, Input, MISSING, clean, highlights, is_highlighted, is_safe_url, note,
    overall_note, selected, side, split_bare_urls, summary,
};
use crate::model::{Comparison, Dimension, Span, for_each_span, plain_text};
use crate::notes::Notes;

/// The page's style sheet (the speaker script adds to it).
pub(super) const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 62rem; padding: 2rem 1.5rem 3rem;
  background: #fff; color: #000;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
}
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #000; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .4rem 0; }
.subjects { font-size: 1.1rem; margin-bottom: 1rem; }
.star { color: #7a5c00; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .6rem 0 1rem; }
th, td { border: 1px solid #777; padding: .4rem .55rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #eee; }
th[scope="row"] { width: 24%; font-weight: 600; }
tr.highlight th, tr.highlight td { background: #fff3c4; font-weight: 700; }
tr.highlight th[scope="row"] { box-shadow: inset 4px 0 0 #b8860b; }
td.missing { color: #444; }
.summaries { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
.common ul, .sources ul { margin: .3rem 0; padding-left: 1.4rem; }
.note { margin: 1rem 0; padding: .5rem .8rem; border-left: 4px solid #444; background: #f4f4f4; }
.fit { margin: .6rem 0; }
.verdicts .sentence { font-weight: 600; }
.note-label { margin: 0 0 .2rem; font-size: .8rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; background: #f0f0f0; padding: 0 .2em; border-radius: 3px; }
a { color: #0b4aa2; }
@media (max-width: 40rem) { .summaries { grid-template-columns: 1fr; } }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: #000; }
  section.dimension, section.framing, section.verdicts { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li, .note { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead th, tr.highlight th, tr.highlight td, .note, code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The comparison and notes as one self-contained HTML page (see
/// [`super::export_text`]).
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    super::export_text(super::Format::Html, c, notes, options).unwrap_or_default()
}

/// Writes the HTML page into `out`, a row of a table at a time.
pub(super) fn write(input: &Input<'_>, out: &mut Sink<'_>) -> std::io::Result<()> {
    let (c, notes, options, cols) = (input.c, input.notes, input.options, &input.cols);
    page_start(out, c, "", "", "");
    push(
        out,
        &[
            &subjects_line(cols),
            "\n",
            &paragraphs(&c.intro, "intro"),
            "</header>\n",
        ],
    );
    let framing = overall_note(notes, options)
        .map_or_else(String::new, |text| note_block("Framing note", text));
    if !framing.is_empty() {
        push(
            out,
            &[
                "<section class=\"framing\">\n<h2>Framing</h2>\n",
                &framing,
                "</section>\n",
            ],
        );
    }
    let dimensions = selected(c, notes, options);
    for &(i, d) in &dimensions {
        let fit = verdicts::fit(c, notes, i).filter(|_| options.shows_verdicts());
        dimension(out, d, fit.as_ref(), notes, options, cols)?;
        out.dimension_done()?;
    }
    let indices: Vec<usize> = dimensions.iter().map(|&(i, _)| i).collect();
    if let Some(v) = Verdicts::of(c, notes, &indices).filter(|_| options.shows_verdicts()) {
        verdicts_section(out, &v);
    }
    let conclusion = paragraphs(&c.conclusion, "");
    let sources = list(&c.sources);
    if !conclusion.is_empty() || !sources.is_empty() {
        out.push_str("<section class=\"conclusion\">\n");
        if !conclusion.is_empty() {
            push(out, &["<h2>Conclusion</h2>\n", &conclusion]);
        }
        if !sources.is_empty() {
            push(
                out,
                &[
                    "<div class=\"sources\">\n<h3>Sources</h3>\n",
                    &sources,
                    "</div>\n",
                ],
            );
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(())
}

/// Opens a page: the head with `title_prefix` before the comparison's
/// title, the house style then `extra_style`, and the header up to its
/// `<h1>` (after `kind`, a line above it, when not empty).
pub(super) fn page_start(
    out: &mut String,
    c: &Comparison,
    title_prefix: &str,
    extra_style: &str,
    kind: &str,
) {
    push(
        out,
        &[
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<title>",
            title_prefix,
            &escape(&one_line_text(&c.title)),
            "</title>\n<style>",
            STYLE,
            extra_style,
            "</style>\n</head>\n<body>\n<main>\n<header>\n",
        ],
    );
    if !kind.is_empty() {
        push(out, &["<p class=\"kind\">", kind, "</p>\n"]);
    }
    push(out, &["<h1>", &inline(&c.title), "</h1>\n"]);
}

/// The line under the title: the shown subjects' names, in bold, "vs"
/// between them.
pub(super) fn subjects_line(cols: &[Column<'_>]) -> String {
    let names: Vec<String> = cols
        .iter()
        .map(|col| ["<strong>", &inline(col.name), "</strong>"].concat())
        .collect();
    ["<p class=\"subjects\">", &names.join(" vs "), "</p>"].concat()
}

/// Appends each part in turn.
pub(super) fn push(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// One dimension's section, a row of its table at a time; `fit` is its
/// verdict, if it has one.
fn dimension(
    out: &mut Sink<'_>,
    d: &Dimension,
    fit: Option<&Fit<'_>>,
    notes: &Notes,
    options: &ExportOptions,
    cols: &[Column<'_>],
) -> std::io::Result<()> {
    let title = inline(&d.title);
    if options.shows_stars() && notes.is_starred(&d.id) {
        push(
            out,
            &[
                "<section class=\"dimension starred\">\n",
                "<h2><span class=\"star\" title=\"Starred\">★</span> ",
                &title,
                "</h2>\n",
            ],
        );
    } else {
        push(
            out,
            &["<section class=\"dimension\">\n<h2>", &title, "</h2>\n"],
        );
    }
    if options.include_summaries {
        out.push_str(&summaries(d, cols));
    }
    if !d.points.is_empty() {
        push(
            out,
            &["<table>\n<thead>\n<tr><th scope=\"col\">Aspect</th>"],
        );
        for col in cols {
            push(out, &["<th scope=\"col\">", &inline(col.name), "</th>"]);
        }
        out.push_str("</tr>\n</thead>\n<tbody>\n");
        let highlights = highlights(notes, d);
        for p in &d.points {
            if is_highlighted(&highlights, p) {
                out.push_str("<tr class=\"highlight\">");
            } else {
                out.push_str("<tr>");
            }
            row_cells(out, p, cols);
            out.push_str("</tr>\n");
            out.spill()?;
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let common = list(&d.common);
    if !common.is_empty() {
        push(
            out,
            &[
                "<div class=\"common\">\n<h3>In common</h3>\n",
                &common,
                "</div>\n",
            ],
        );
    }
    if let Some(fit) = fit {
        out.push_str(&fit_line(fit));
    }
    if let Some(text) = note(notes, d, options) {
        out.push_str(&note_block("Presenter note", text));
    }
    out.push_str("</section>\n");
    Ok(())
}

/// The dimension's summaries of the subjects shown, each under the
/// subject's name; empty when it has none.
pub(super) fn summaries(d: &Dimension, cols: &[Column<'_>]) -> String {
    let mut summaries = String::new();
    for &col in cols {
        if let Some(text) = summary(d, col) {
            push(
                &mut summaries,
                &[
                    "<div class=\"summary\">\n<h3>",
                    &inline(col.name),
                    "</h3>\n",
                    &paragraphs(text, ""),
                    "</div>\n",
                ],
            );
        }
    }
    if summaries.is_empty() {
        summaries
    } else {
        ["<div class=\"summaries\">\n", &summaries, "</div>\n"].concat()
    }
}

/// A dimension's verdict as a paragraph: "Better fit: Name · matters 2
/// of 3".
pub(super) fn fit_line(fit: &Fit<'_>) -> String {
    [
        "<p class=\"fit\"><strong>",
        &escape(verdicts::FIT_LABEL),
        "</strong> ",
        &inline(fit.name),
        &escape(&fit.matters_tail()),
        "</p>\n",
    ]
    .concat()
}

/// The "Where each wins" section: the verdicts table, then the summary
/// sentences.
fn verdicts_section(out: &mut String, v: &Verdicts<'_>) {
    push(
        out,
        &[
            "<section class=\"verdicts\">\n<h2>",
            &escape(verdicts::HEADING),
            "</h2>\n<table>\n<thead>\n<tr>",
        ],
    );
    for header in verdicts::COLUMNS {
        push(out, &["<th scope=\"col\">", &escape(header), "</th>"]);
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for fit in &v.rows {
        let title = inline(fit.title);
        let title = if title.is_empty() { MISSING } else { &title };
        let name = inline(fit.name);
        let name = if name.is_empty() { MISSING } else { &name };
        push(
            out,
            &[
                "<tr><th scope=\"row\">",
                title,
                "</th><td>",
                &escape(&fit.matters()),
                "</td><td>",
                name,
                "</td></tr>\n",
            ],
        );
    }
    out.push_str("</tbody>\n</table>\n");
    push(
        out,
        &["<p class=\"sentence\">", &inline(&v.paragraph()), "</p>\n"],
    );
    out.push_str("</section>\n");
}

/// A note as a labelled block; empty when the note shows nothing.
pub(super) fn note_block(label: &str, text: &str) -> String {
    let paragraphs = paragraphs(text, "");
    if paragraphs.is_empty() {
        return paragraphs;
    }
    let mut out = String::new();
    push(
        &mut out,
        &[
            "<aside class=\"note\">\n<p class=\"note-label\">",
            &escape(label),
            "</p>\n",
            &paragraphs,
            "</aside>\n",
        ],
    );
    out
}

/// A `<p>` per line of content (its paragraphs and hard breaks), each
/// with `class` when it is not empty.
pub(super) fn paragraphs(text: &str, class: &str) -> String {
    let mut out = String::new();
    for line in lines(text) {
        if class.is_empty() {
            push(&mut out, &["<p>", &line, "</p>\n"]);
        } else {
            push(
                &mut out,
                &["<p class=\"", &escape(class), "\">", &line, "</p>\n"],
            );
        }
    }
    out
}

/// A `<ul>` of the non-blank items; empty when there are none.
fn list(items: &[String]) -> String {
    let mut out = String::new();
    for item in items.iter().map(|item| inline(item)) {
        if !item.is_empty() {
            push(&mut out, &["<li>", &item, "</li>\n"]);
        }
    }
    if out.is_empty() {
        out
    } else {
        ["<ul>\n", &out, "</ul>\n"].concat()
    }
}

/// Inline HTML for the content, its lines joined with `<br>`.
pub(super) fn inline(text: &str) -> String {
    lines(text).join("<br>")
}

/// The content as plain text on one line (for `<title>`).
pub(super) fn one_line_text(text: &str) -> String {
    plain_text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inline HTML for the content, one string per line (paragraphs and hard
/// breaks), blank lines left out. Spans are parsed and written one at a
/// time, straight into the line: memory stays proportional to the output.
fn lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for_each_span(text, |span| write_span(&mut lines, span));
    lines
        .into_iter()
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// Appends one styled span to the last line; its line breaks start new
/// lines.
fn write_span(lines: &mut Vec<String>, span: &Span) {
    for (i, part) in clean(&span.text).split('\n').enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        if part.is_empty() {
            continue;
        }
        let Some(line) = lines.last_mut() else {
            continue;
        };
        // A code span of white space shows nothing: it is white space.
        if part.trim().is_empty() {
            escape_into(line, part);
            continue;
        }
        let href = span.link.as_deref().filter(|url| is_safe_url(url));
        if let Some(url) = href {
            line.push_str("<a href=\"");
            escape_into(line, url.trim());
            line.push_str("\">");
        }
        let styles = [
            (span.strong, "<strong>", "</strong>"),
            (span.emphasis, "<em>", "</em>"),
            (span.code, "<code>", "</code>"),
        ];
        for (on, open, _) in styles {
            if on {
                line.push_str(open);
            }
        }
        if href.is_some() || span.code {
            escape_into(line, part);
        } else {
            // A bare address in running text is a link too.
            for (run, is_url) in split_bare_urls(part) {
                if is_url {
                    line.push_str("<a href=\"");
                    escape_into(line, run);
                    line.push_str("\">");
                    escape_into(line, run);
                    line.push_str("</a>");
                } else {
                    escape_into(line, run);
                }
            }
        }
        for (on, _, close) in styles.iter().rev() {
            if *on {
                line.push_str(close);
            }
        }
        if href.is_some() {
            line.push_str("</a>");
        }
    }
}

/// Text safe in HTML text and in quoted attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text`, made safe in HTML text and in quoted attribute values,
/// to `out`.
fn escape_into(out: &mut String, text: &str) {
    for ch in clean(text).chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
}

/// A point's cells in a table row: its aspect as the row's header, then
/// each column's side (a missing side marked as such).
pub(super) fn row_cells(out: &mut String, p: &crate::model::Point, cols: &[Column<'_>]) {
    let aspect = inline(&p.aspect);
    let aspect = if aspect.is_empty() { MISSING } else { &aspect };
    push(out, &["<th scope=\"row\">", aspect, "</th>"]);
    for &col in cols {
        // Text that is only Markdown markers (such as `---`) shows nothing,
        // like a missing side.
        let text = side(p, col).map(inline).unwrap_or_default();
        if text.is_empty() {
            push(out, &["<td class=\"missing\">", MISSING, "</td>"]);
        } else {
            push(out, &["<td>", &text, "</td>"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_and_keeps_safe_styles() {
        assert_eq!(
            inline("**b** *i* `<c>` [s](https://x.org/?a=1&b=\"2\") [j](javascript:alert(1))"),
            "<strong>b</strong> <em>i</em> <code>&lt;c&gt;</code> \
             <a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">s</a> j"
        );
        assert_eq!(
            inline("<img src=x onerror=alert(1)> 'q' & \"d\""),
            "&lt;img src=x onerror=alert(1)&gt; &#39;q&#39; &amp; &quot;d&quot;"
        );
    }

    #[test]
    fn lines_split_on_paragraphs() {
        assert_eq!(paragraphs("a\nb\n\nc", ""), "<p>a b</p>\n<p>c</p>\n");
    }
}
