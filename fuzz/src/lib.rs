//! What the fuzz targets check on every export, shared by the three targets.
//!
//! Each check panics with a message naming the broken invariant and a
//! window of the output around it; libFuzzer saves the input that did it.
//!
//! - HTML: every `<` opens a tag or closing tag the exporter is known to
//!   write (so no `<script`, no comment, no element from content), every
//!   attribute is one it is known to write (so no `on…=`), every `href`
//!   starts with `http:`, `https:` or `mailto:`, one `<style>`, one
//!   `<section class="dimension…">` per exported dimension and one `<tr>`
//!   per point (and header).
//! - Markdown: parsed with pulldown-cmark (GFM tables): one level-1
//!   heading, between D and D + 3 level-2 headings (D = exported
//!   dimensions), nothing deeper, no rule, no code block, no HTML but
//!   `<br>`, no image, only safe links, one table per dimension with
//!   points and one row per point, each table line with exactly four cell
//!   pipes.
//! - Marp: the fixed front matter, then the same, with one `---` rule
//!   between slides (a slide per dimension, a title slide and maybe a
//!   conclusion slide) and speaker notes as `<!--` … `-->` comments that
//!   hold no `--` and start with their label line.
//! - All three: `\n` line endings, no other control characters but tabs,
//!   exactly one final newline.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use versus::export::{ExportOptions, Format, selected_dimensions, shown_subjects};
use versus::model::{Comparison, Diagnostic, plain_text};
use versus::notes::Notes;

/// The export in a text format, as text.
fn export(format: Format, c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    versus::export::export_text(format, c, notes, options).expect("a text format")
}

/// Diagnostics may take at most this many bytes of text per input byte
/// (plus [`TEXT_SLACK`]): the issue's bound on memory is 20× the file.
pub const TEXT_PER_INPUT_BYTE: usize = 20;

/// Fixed allowance for messages about a tiny input.
pub const TEXT_SLACK: usize = 64 * 1024;

/// Tags the HTML exporter writes. Anything else is content that escaped.
const HTML_TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p",
    "strong", "em", "code", "a", "br", "section", "span", "table", "thead", "tbody", "tr", "th",
    "td", "div", "ul", "li", "aside",
];

/// Attributes the HTML exporter writes. `on…` and `src` are never among
/// them; if the exporter starts writing a new one on purpose, add it here.
const HTML_ATTRIBUTES: &[&str] = &[
    "lang", "charset", "name", "content", "class", "title", "scope", "href",
];

/// The link schemes an export may point at.
const SAFE_SCHEMES: &[&str] = &["http:", "https:", "mailto:"];

/// Option sets worth trying on every comparison: the defaults, the
/// starred dimensions only with the columns swapped and no summaries, and
/// out-of-range columns (which fall back to the defaults) in the audience
/// version that keeps the verdicts.
#[must_use]
pub fn option_sets(c: &Comparison) -> [ExportOptions; 3] {
    [
        ExportOptions::default(),
        ExportOptions {
            starred_only: true,
            subjects: vec![1, 0],
            include_summaries: false,
            show_stars: true,
            audience: false,
            include_verdicts: false,
        },
        ExportOptions {
            starred_only: false,
            subjects: vec![c.subjects.len().saturating_sub(1), usize::MAX],
            include_summaries: true,
            show_stars: false,
            audience: true,
            include_verdicts: true,
        },
    ]
}

/// Notes made of the comparison's own (hostile) text: every other
/// dimension starred, every other point highlighted, each dimension's note
/// its first "in common" item (or its title), the framing the intro.
#[must_use]
pub fn notes_from(c: &Comparison) -> Notes {
    let mut notes = Notes::for_comparison(&c.title);
    notes.overall.clone_from(&c.intro);
    for (i, d) in c.dimensions.iter().enumerate() {
        let entry = notes.entry(&d.id);
        entry.starred = i % 2 == 0;
        entry.text.clone_from(d.common.first().unwrap_or(&d.title));
        entry.highlights = d
            .points
            .iter()
            .step_by(2)
            .map(|p| p.aspect.clone())
            .collect();
    }
    notes
}

/// Exports `c` with `notes` in every format with `options` and checks
/// every invariant.
///
/// # Panics
/// When an export breaks one, saying which and where.
pub fn check_exports(c: &Comparison, notes: &Notes, options: &ExportOptions) {
    for format in Format::TEXT {
        let out = export(format, c, notes, options);
        check_text(&out, format);
        match format {
            Format::Html => check_html(&out, c, notes, options),
            Format::Markdown => check_markdown(&out, c, notes, options),
            Format::Marp => check_marp(&out, c, notes, options),
            Format::Script => check_script(&out),
            // Not text: the export target checks its parts.
            Format::Pptx => {}
        }
    }
}

/// The speaker script is one whole HTML page that content cannot add a
/// script to (content's `<` is always escaped).
///
/// # Panics
/// When it is not.
pub fn check_script(out: &str) {
    assert!(
        out.to_ascii_lowercase().starts_with("<!doctype html>"),
        "script: no doctype"
    );
    assert!(out.ends_with("</html>\n"), "script: not one whole page");
    let lower = out.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script: a <script> element");
}

/// The diagnostics (errors and warnings, as shown) about an input of
/// `input_len` bytes stay within [`TEXT_PER_INPUT_BYTE`] of it.
///
/// # Panics
/// When they do not.
pub fn check_diagnostics_size<'a>(
    input_len: usize,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) {
    let budget = input_len
        .saturating_mul(TEXT_PER_INPUT_BYTE)
        .saturating_add(TEXT_SLACK);
    let mut count = 0usize;
    let mut total = 0usize;
    for d in diagnostics {
        count += 1;
        // As the user sees it, less the file name the caller puts first.
        total = total.saturating_add(d.to_string().len());
    }
    assert!(
        total <= budget,
        "diagnostics take {total} bytes ({count} of them) for a {input_len}-byte input; \
         the bound is {TEXT_PER_INPUT_BYTE}× the input + {TEXT_SLACK}"
    );
}

/// Line endings and the final newline, shared by every format.
fn check_text(out: &str, format: Format) {
    if let Some(at) = out.find('\r') {
        fail(format, "a carriage return", out, at);
    }
    if let Some(at) = out.find(|ch: char| ch.is_control() && ch != '\n' && ch != '\t') {
        fail(format, "a control character", out, at);
    }
    if !out.ends_with('\n') || out.ends_with("\n\n") {
        fail(
            format,
            "not exactly one final newline",
            out,
            out.len().saturating_sub(1),
        );
    }
}

/// Panics with what is wrong and the output around `at`.
fn fail(format: Format, what: &str, out: &str, at: usize) -> ! {
    let mut start = at.saturating_sub(160);
    while !out.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 160).min(out.len());
    while !out.is_char_boundary(end) {
        end += 1;
    }
    panic!(
        "{} export: {what} at byte {at}; around it:\n{:?}\n(after the first 4 KiB of the whole output:)\n{}",
        format.label(),
        &out[start..end],
        out.get(..4096.min(out.len())).unwrap_or(out)
    );
}

/// The HTML invariants (see the module documentation).
///
/// # Panics
/// When `out` breaks one, saying which and where.
pub fn check_html(out: &str, c: &Comparison, notes: &Notes, options: &ExportOptions) {
    let html = Format::Html;
    let lower = out.to_ascii_lowercase();
    if let Some(at) = lower.find("<script") {
        fail(html, "a <script", out, at);
    }
    let bytes = lower.as_bytes();
    let mut styles = 0;
    let mut i = 0;
    while let Some(offset) = lower[i..].find('<') {
        let at = i + offset;
        let rest = &lower[at..];
        if at == 0 && rest.starts_with("<!doctype html>") {
            i = at + "<!doctype html>".len();
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let name_len = lower[name_start..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = &lower[name_start..name_start + name_len];
        if !HTML_TAGS.contains(&name) {
            fail(html, "a `<` that opens no known tag", out, at);
        }
        let j = name_start + name_len;
        if closing {
            if bytes.get(j) != Some(&b'>') {
                fail(html, "a malformed closing tag", out, at);
            }
            i = j + 1;
            continue;
        }
        let j = attributes(out, &lower, j);
        i = j + 1;
        if name == "style" {
            styles += 1;
            let Some(end) = lower[i..].find("</style>") else {
                fail(html, "an unterminated <style>", out, at);
            };
            i += end;
        }
    }
    if styles != 1 {
        fail(html, "not exactly one <style>", out, 0);
    }
    let expected = selected_dimensions(c, notes, options);
    let sections = lower.matches("<section class=\"dimension").count();
    if sections != expected.len() {
        fail(
            html,
            &format!(
                "{sections} dimension sections for {} dimensions",
                expected.len()
            ),
            out,
            0,
        );
    }
    let rows: usize = expected
        .iter()
        .filter(|d| !d.points.is_empty())
        .map(|d| d.points.len() + 1)
        .sum();
    let found = lower.matches("<tr").count();
    if found != rows {
        fail(
            html,
            &format!("{found} table rows where the points make {rows}"),
            out,
            0,
        );
    }
}

/// Checks the attributes of the tag whose name ends at `j` in `lower`
/// (` name="value"` or ` name`, then `>`) and returns the index of its `>`.
fn attributes(out: &str, lower: &str, mut j: usize) -> usize {
    let html = Format::Html;
    let bytes = lower.as_bytes();
    loop {
        match bytes.get(j) {
            Some(b'>') => return j,
            Some(b' ') => j += 1,
            _ => fail(html, "a malformed tag", out, j),
        }
        let attr_len = lower[j..]
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
            .count();
        let attr = &lower[j..j + attr_len];
        if attr.starts_with("on") {
            fail(html, "an on… attribute", out, j);
        }
        if !HTML_ATTRIBUTES.contains(&attr) {
            fail(html, "an unknown attribute", out, j);
        }
        j += attr_len;
        if bytes.get(j) != Some(&b'=') {
            continue;
        }
        if bytes.get(j + 1) != Some(&b'"') {
            fail(html, "an unquoted attribute value", out, j);
        }
        let value_start = j + 2;
        let Some(value_len) = lower[value_start..].find('"') else {
            fail(html, "an unterminated attribute value", out, j);
        };
        let value = &lower[value_start..value_start + value_len];
        if value.contains(['<', '>']) {
            fail(html, "`<` or `>` in an attribute value", out, value_start);
        }
        if attr == "href" {
            let target = value.trim_start();
            if !SAFE_SCHEMES.iter().any(|s| target.starts_with(s)) {
                fail(
                    html,
                    "a link that is not http, https or mailto",
                    out,
                    value_start,
                );
            }
        }
        j = value_start + value_len + 1;
    }
}

/// What pulldown-cmark finds in a Markdown document.
#[derive(Debug, Default)]
struct Structure {
    h1: usize,
    h2: usize,
    deeper_headings: usize,
    rules: usize,
    code_blocks: usize,
    block_html: Vec<String>,
    inline_html: Vec<String>,
    images: usize,
    unsafe_links: Vec<String>,
    blockquotes: usize,
    lists: usize,
    /// Per table: header cells, then cells per body row.
    tables: Vec<(usize, Vec<usize>)>,
}

fn structure(doc: &str) -> Structure {
    let mut s = Structure::default();
    let mut in_head = false;
    let mut html_block: Option<String> = None;
    for event in Parser::new_ext(doc, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => match level {
                HeadingLevel::H1 => s.h1 += 1,
                HeadingLevel::H2 => s.h2 += 1,
                _ => s.deeper_headings += 1,
            },
            Event::Rule => s.rules += 1,
            Event::Start(Tag::CodeBlock(_)) => s.code_blocks += 1,
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => s.block_html.extend(html_block.take()),
            Event::Html(t) => match html_block.as_mut() {
                Some(block) => block.push_str(&t),
                None => s.block_html.push(t.to_string()),
            },
            Event::InlineHtml(t) => s.inline_html.push(t.to_string()),
            Event::Start(Tag::Image { .. }) => s.images += 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                let lower = dest_url.trim_start().to_ascii_lowercase();
                if !SAFE_SCHEMES.iter().any(|p| lower.starts_with(p)) {
                    s.unsafe_links.push(dest_url.to_string());
                }
            }
            Event::Start(Tag::BlockQuote(_)) => s.blockquotes += 1,
            Event::Start(Tag::List(_)) => s.lists += 1,
            Event::Start(Tag::Table(_)) => s.tables.push((0, Vec::new())),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                if let Some((_, rows)) = s.tables.last_mut() {
                    rows.push(0);
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some((head, rows)) = s.tables.last_mut() {
                    if in_head {
                        *head += 1;
                    } else if let Some(cells) = rows.last_mut() {
                        *cells += 1;
                    }
                }
            }
            _ => {}
        }
    }
    s
}

/// Checks shared by the Markdown and Marp documents: no HTML but `<br>`
/// (and, in Marp, speaker-note comments), no image, no code block, only
/// safe links, a table per dimension with points, with a row per point and
/// a cell per subject shown and one for the aspect in every row, and the
/// pipes to match on every table line.
fn check_markdown_common(
    format: Format,
    doc: &str,
    s: &Structure,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
) {
    let whole = |what: &str| -> ! { fail(format, what, doc, 0) };
    if s.deeper_headings > 0 {
        whole("a heading below level 2");
    }
    if s.code_blocks > 0 {
        whole("a code block");
    }
    if let Some(html) = s.inline_html.iter().find(|h| *h != "<br>") {
        whole(&format!("inline HTML {html:?}"));
    }
    if s.images > 0 {
        whole("an image");
    }
    if let Some(url) = s.unsafe_links.first() {
        whole(&format!("a link to {url:?}"));
    }
    let tables: Vec<usize> = selected_dimensions(c, notes, options)
        .iter()
        .filter(|d| !d.points.is_empty())
        .map(|d| d.points.len())
        .collect();
    let found: Vec<usize> = s.tables.iter().map(|(_, rows)| rows.len()).collect();
    // A deck continues a long table on the next slide, and cuts a cell too
    // tall for a slide onto rows of its own: at least the rows, in more
    // tables. A document has one table a dimension, a row a point.
    let fits = if format == Format::Marp {
        found.iter().sum::<usize>() >= tables.iter().sum::<usize>()
            && found.len() >= tables.len()
            && found.iter().all(|&rows| rows > 0)
    } else {
        found == tables
    };
    if !fits {
        whole(&format!(
            "tables with {found:?} rows where the points make {tables:?}"
        ));
    }
    let cells = shown_subjects(c, options).len() + 1;
    if s.tables
        .iter()
        .any(|(head, rows)| *head != cells || rows.iter().any(|n| *n != cells))
    {
        whole(&format!("a table row without exactly {cells} cells"));
    }
    let mut table_lines = 0;
    let mut offset = 0;
    // Speaker notes (Marp) hold the note as written, `|` and all.
    let mut in_comment = false;
    for line in doc.split_inclusive('\n') {
        if line == "<!--\n" {
            in_comment = true;
        } else if line == "-->\n" {
            in_comment = false;
        } else if !in_comment && line.starts_with('|') {
            table_lines += 1;
            if cell_pipes(line) != cells + 1 {
                fail(
                    format,
                    "a table line with the wrong number of cell pipes",
                    doc,
                    offset,
                );
            }
        }
        offset += line.len();
    }
    let expected: usize = found.iter().map(|rows| rows + 2).sum();
    if table_lines != expected {
        whole(&format!(
            "{table_lines} lines start with `|` where the tables make {expected}"
        ));
    }
}

/// The `|` that split a GFM table line into cells: those right after no
/// backslash. In a table row any backslash before a pipe escapes it, even
/// an escaped one (`\\|` is a backslash and a pipe in the cell): so the
/// GFM spec's table scanner and pulldown-cmark's (`firstpass.rs`: "To
/// parse `\\|`, discard the backslashes and parse the `|`") read it.
fn cell_pipes(line: &str) -> usize {
    let mut pipes = 0;
    let mut after_backslash = false;
    for b in line.bytes() {
        if b == b'|' && !after_backslash {
            pipes += 1;
        }
        after_backslash = b == b'\\';
    }
    pipes
}

/// The Markdown invariants (see the module documentation).
///
/// # Panics
/// When `out` breaks one, saying which and where.
pub fn check_markdown(out: &str, c: &Comparison, notes: &Notes, options: &ExportOptions) {
    let md = Format::Markdown;
    let s = structure(out);
    let dimensions = selected_dimensions(c, notes, options).len();
    if s.h1 != 1 || !out.starts_with("# ") {
        fail(md, &format!("{} level-1 headings", s.h1), out, 0);
    }
    if s.h2 < dimensions || s.h2 > dimensions + 3 {
        fail(
            md,
            &format!(
                "{} level-2 headings for {dimensions} dimensions (expected up to 3 more: framing, conclusion, sources)",
                s.h2
            ),
            out,
            0,
        );
    }
    if s.rules > 0 {
        fail(md, "a thematic break", out, 0);
    }
    if let Some(html) = s.block_html.first() {
        fail(md, &format!("block HTML {html:?}"), out, 0);
    }
    if s.blockquotes > dimensions + 1 {
        fail(md, "more blockquotes than notes", out, 0);
    }
    if s.lists > dimensions + 1 {
        fail(md, "more lists than dimensions and sources", out, 0);
    }
    check_markdown_common(md, out, &s, c, notes, options);
}

/// The Marp invariants (see the module documentation).
///
/// # Panics
/// When `out` breaks one, saying which and where.
pub fn check_marp(out: &str, c: &Comparison, notes: &Notes, options: &ExportOptions) {
    let marp = Format::Marp;
    if !out.starts_with("---\nmarp: true\n") {
        fail(marp, "no Marp front matter", out, 0);
    }
    let Some(end) = out[4..].find("\n---\n").map(|n| n + 4 + "\n---\n".len()) else {
        fail(marp, "unterminated front matter", out, 0);
    };
    if out[..end].contains("\n\n") || out[..end].contains('<') {
        fail(marp, "content in the front matter", out, 0);
    }
    let body = &out[end..];
    let s = structure(body);
    let dimensions = selected_dimensions(c, notes, options).len();
    if s.h1 != 1 || !body.starts_with("\n# ") {
        fail(marp, &format!("{} level-1 headings", s.h1), out, end);
    }
    // A title slide, one per dimension, and one for a conclusion.
    let conclusion = !plain_text(&c.conclusion).trim().is_empty();
    // White space that is also a control character (U+000B, U+000C,
    // U+0085) is written as U+FFFD, like every control: not blank.
    let blank_conclusion = c
        .conclusion
        .chars()
        .all(|ch| ch.is_whitespace() && (!ch.is_control() || matches!(ch, '\t' | '\n' | '\r')));
    // Parts that do not fit on one slide continue on more, headed
    // `Title (cont.)`; every other slide heading starts a part. (Content
    // cannot start a line with `## `: it is escaped.)
    // Speaker notes are HTML comments (`<!--` … `-->` on lines of their
    // own): a note's line that reads like a heading is not one.
    let mut firsts = 0;
    let mut in_note = false;
    for line in body.lines() {
        if in_note {
            in_note = !line.contains("-->");
        } else if line.starts_with("<!--") {
            in_note = !line.contains("-->");
        } else if line.starts_with("## ") && !line.ends_with(" (cont.)") {
            firsts += 1;
        }
    }
    let ok = s.rules == s.h2
        && (firsts == dimensions + 1 && !blank_conclusion || firsts == dimensions && !conclusion);
    if !ok {
        fail(
            marp,
            &format!(
                "{} slide separators and {} slide headings for {dimensions} dimensions (conclusion: {conclusion})",
                s.rules, s.h2
            ),
            out,
            end,
        );
    }
    let separators = body.matches("\n\n---\n\n").count();
    if separators != s.rules {
        fail(
            marp,
            &format!("{} rules but {separators} `---` separator lines", s.rules),
            out,
            end,
        );
    }
    if s.blockquotes > 0 {
        fail(marp, "a blockquote", out, end);
    }
    check_comments(out, &s.block_html);
    check_markdown_common(marp, body, &s, c, notes, options);
}

/// Speaker notes: every HTML block of the deck is a comment `<!--` line,
/// a label line, the note, and a `-->` line, with no `--` inside.
fn check_comments(out: &str, blocks: &[String]) {
    for block in blocks {
        let inner = block.strip_prefix("<!--\n").and_then(|rest| {
            rest.strip_suffix("-->\n")
                .or_else(|| rest.strip_suffix("-->"))
        });
        let Some(inner) = inner else {
            fail(
                Format::Marp,
                &format!("HTML that is not a speaker note: {block:?}"),
                out,
                0,
            );
        };
        if inner.contains("--") {
            fail(
                Format::Marp,
                &format!("`--` inside a speaker note: {block:?}"),
                out,
                0,
            );
        }
        let label = inner.lines().next().unwrap_or_default();
        if label != "Framing" && label != "Presenter note" {
            fail(
                Format::Marp,
                &format!("a speaker note without its label line: {block:?}"),
                out,
                0,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::panic::catch_unwind;

    use super::*;

    fn built_in() -> (Comparison, Notes) {
        let c = Comparison::built_in();
        let notes = notes_from(&c);
        (c, notes)
    }

    /// The built-in comparison's HTML with `from` replaced by `to`.
    fn html_with(from: &str, to: &str) -> (String, Comparison, Notes) {
        let (c, notes) = built_in();
        let out = export(Format::Html, &c, &notes, &ExportOptions::default());
        assert!(out.contains(from), "{from:?} is not in the export");
        (out.replacen(from, to, 1), c, notes)
    }

    #[test]
    fn real_exports_pass() {
        let (c, notes) = built_in();
        for options in option_sets(&c) {
            check_exports(&c, &notes, &options);
            check_exports(&c, &Notes::default(), &options);
        }
    }

    #[test]
    fn html_checks_catch_what_they_are_for() {
        for (from, to) in [
            ("<h1>", "<h1><script>alert(1)</script>"),
            ("<h1>", "<h1 onclick=\"x\">"),
            ("<h1>", "<h1 ONMOUSEOVER=\"x\">"),
            ("<h1>", "<h1><a href=\"javascript:alert(1)\">x</a>"),
            ("<h1>", "<h1><a href=\" data:text/html,x\">x</a>"),
            ("<h1>", "<h1><img src=\"https://x.org/i.png\">"),
            ("<h1>", "<h1><!-- x -->"),
            ("<h1>", "<h1><iframe>"),
            ("<h1>", "<h1 style=\"x\">"),
            ("<h1>", "<h1 class=x>"),
            ("</h1>", "</h1 >"),
            ("<main>", "<main><style></style>"),
            ("<tr>", "<tr><tr>"),
        ] {
            let (out, c, notes) = html_with(from, to);
            let caught =
                catch_unwind(|| check_html(&out, &c, &notes, &ExportOptions::default())).is_err();
            assert!(caught, "not caught: {to:?}");
        }
    }

    #[test]
    fn markdown_checks_catch_what_they_are_for() {
        let (c, notes) = built_in();
        let options = ExportOptions::default();
        let out = export(Format::Markdown, &c, &notes, &options);
        for (from, to) in [
            ("\n\n## ", "\n\n# Injected\n\n## "),
            ("\n\n## ", "\n\n### Injected\n\n## "),
            ("\n\n## ", "\n\n---\n\n## "),
            ("\n\n## ", "\n\n<div>x</div>\n\n## "),
            ("\n\n## ", "\n\n[x](javascript:alert(1))\n\n## "),
            ("\n\n## ", "\n\n![x](https://x.org/i.png)\n\n## "),
            ("\n\n## ", "\n\n    indented code\n\n## "),
            (
                "| --- | --- | --- |\n",
                "| --- | --- | --- |\n| a | b | c | d |\n",
            ),
            (
                "| --- | --- | --- |\n",
                "| --- | --- | --- |\n| a | b | c |\n",
            ),
        ] {
            assert!(out.contains(from), "{from:?} is not in the export");
            let bad = out.replacen(from, to, 1);
            let caught = catch_unwind(|| check_markdown(&bad, &c, &notes, &options)).is_err();
            assert!(caught, "not caught: {to:?}");
        }
    }

    #[test]
    fn marp_checks_catch_what_they_are_for() {
        let (c, notes) = built_in();
        let options = ExportOptions::default();
        let out = export(Format::Marp, &c, &notes, &options);
        for (from, to) in [
            ("\n\n---\n\n", "\n\n---\n\n## Injected\n\n---\n\n"),
            ("\n\n---\n\n", "\n\n***\n\n"),
            ("<!--\nPresenter note\n", "<!--\nPresenter note\n-- \n"),
            ("<!--\nPresenter note\n", "<!--\ntheme: gaia\n"),
            (
                "<!--\nPresenter note\n",
                "<!--\nPresenter note\n-->\n<b>x</b>\n",
            ),
            ("\n\n---\n\n", "\n\n<!-- _class: lead -->\n\n---\n\n"),
        ] {
            assert!(out.contains(from), "{from:?} is not in the export");
            let bad = out.replacen(from, to, 1);
            let caught = catch_unwind(|| check_marp(&bad, &c, &notes, &options)).is_err();
            assert!(caught, "not caught: {to:?}");
        }
    }

    #[test]
    fn a_speaker_note_line_like_a_heading_is_not_a_slide() {
        // Found by the fuzzer: a framing note with a line `## .<*`.
        let (c, mut notes) = built_in();
        notes.overall = "Framing\n## .<*".to_owned();
        let options = ExportOptions::default();
        let out = export(Format::Marp, &c, &notes, &options);
        assert!(
            out.contains("\n## .<*\n"),
            "the note is in a comment as written"
        );
        check_marp(&out, &c, &notes, &options);
    }

    #[test]
    fn cell_pipes_skip_escaped_ones() {
        assert_eq!(cell_pipes("| a \\| b | c\\\\| d |"), 3);
        // Found by the fuzzer: a code span of a backslash and a pipe.
        assert_eq!(cell_pipes("| `\\\\|` |"), 2);
        // What pulldown-cmark makes of it: one cell holding `\|`.
        let md = "| a |\n| --- |\n| `\\\\|` |\n";
        let cells = pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES)
            .filter(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell)
                )
            })
            .count();
        assert_eq!(cells, 2, "a header cell and one body cell");
    }
}
