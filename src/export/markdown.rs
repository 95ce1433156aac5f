//! Markdown export: standard Markdown with GFM tables.
//!
//! The document reads top to bottom as:
//! - `# Title`, a line naming the subjects shown, the intro;
//! - `## Framing`: the overall note, as a blockquote (when there is one);
//! - per exported dimension, in the window's order: `## Title` (with `★ `
//!   before it for a starred dimension only when the options ask for the
//!   presenter's marks); the summaries, whole, as `**Subject**: …`
//!   paragraphs; a GFM table with an `Aspect` column and one column per
//!   subject shown, one row per point, every cell of a highlighted row in
//!   bold, `—` where a subject has nothing; what the subjects share as an
//!   "In common" bullet list; its verdict as a line `**Better fit:** Name
//!   · matters 2 of 3` (or `Even`); the note as a blockquote starting
//!   `**Note:**`;
//! - `## Where each wins`, when an exported dimension has a verdict: a
//!   table (`Dimension`, `Matters`, `Better fit`) of those that have one,
//!   then a paragraph: the summary and what would flip it;
//! - `## Conclusion` and `## Sources`.
//!
//! The audience version ([`ExportOptions::audience`]) leaves out the
//! framing, the notes and the stars, and the verdicts unless
//! [`ExportOptions::include_verdicts`] asks for them.
//!
//! Content is inline Markdown. It is not copied through: it is parsed
//! ([`parse_inline`]) and written back from its styled spans, so emphasis,
//! code and safe links survive, unsafe links become their text, and every
//! character that could start structure is escaped where it could (`\#`,
//! `\>`, `\-` and `1\.` at a line's start, `\|`, `\*`, `` \` ``…, `<` as
//! `&lt;`; `0.1` and a lone `~` stay as they are). Each paragraph of content
//! becomes one line, table cells join lines with `<br>` (the only HTML this
//! writer emits), and blockquotes prefix every line with `> `. Link
//! destinations are written in angle brackets, exact (see
//! `link_destination`), and a bare `http`/`https` address becomes an
//! autolink (`<https://…>`), so that pandoc, Marp and GitHub follow the
//! same address. Nothing in
//! content or notes can add a heading, a list, a table row, a code block or
//! an HTML element.

use super::md_text::{Place, one_line, paragraphs, strong_line, write_text};
use super::sink::Sink;
use super::verdicts::{self, Fit, Verdicts};
use super::{
    Column, ExportOptions, Input, MISSING, note, overall_note, point_rows, selected, star_prefix,
    summary,
};
use crate::model::{Comparison, Dimension};
use crate::notes::Notes;

/// The comparison and notes as a Markdown document (see
/// [`super::export_text`]).
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    super::export_text(super::Format::Markdown, c, notes, options).unwrap_or_default()
}

/// Writes the Markdown document into `doc`, a row of a table at a time.
pub(super) fn write(input: &Input<'_>, doc: &mut Sink<'_>) -> std::io::Result<()> {
    let (c, notes, options, cols) = (input.c, input.notes, input.options, &input.cols);
    doc.push_block(&format!("# {}", one_line(&c.title)))?;
    doc.push_block(&format!("Comparing {}.", subjects_line(cols)))?;
    push_blocks(doc, &paragraphs(&c.intro))?;
    if let Some(text) = overall_note(notes, options) {
        let framing = blockquote(text, None);
        if !framing.is_empty() {
            doc.push_block("## Framing")?;
            doc.push_block(&framing)?;
        }
    }
    let dimensions = selected(c, notes, options);
    for &(i, d) in &dimensions {
        let star = star_prefix(notes, d, options);
        doc.push_block(&format!("## {star}{}", one_line(&d.title)))?;
        if options.include_summaries {
            push_blocks(doc, &summaries(d, cols))?;
        }
        table(doc, d, notes, cols)?;
        let common = bullet_list(&d.common);
        if !common.is_empty() {
            doc.push_block("**In common**")?;
            doc.push_block(&common)?;
        }
        if let Some(fit) = verdicts::fit(c, notes, i).filter(|_| options.shows_verdicts()) {
            doc.push_block(&fit_line(&fit))?;
        }
        if let Some(text) = note(notes, d, options) {
            doc.push_block(&blockquote(text, Some("Note:")))?;
        }
        doc.dimension_done()?;
    }
    let indices: Vec<usize> = dimensions.iter().map(|&(i, _)| i).collect();
    if let Some(v) = Verdicts::of(c, notes, &indices).filter(|_| options.shows_verdicts()) {
        doc.push_block(&format!("## {}", verdicts::HEADING))?;
        doc.push_block(&verdict_table(&v.rows))?;
        doc.push_block(&one_line(&v.paragraph()))?;
    }
    let conclusion = paragraphs(&c.conclusion);
    if !conclusion.is_empty() {
        doc.push_block("## Conclusion")?;
        push_blocks(doc, &conclusion)?;
    }
    let sources = bullet_list(&c.sources);
    if !sources.is_empty() {
        doc.push_block("## Sources")?;
        doc.push_block(&sources)?;
    }
    doc.push('\n');
    Ok(())
}

/// Adds each of `blocks` (see [`Sink::push_block`]).
fn push_blocks(doc: &mut Sink<'_>, blocks: &[String]) -> std::io::Result<()> {
    blocks.iter().try_for_each(|block| doc.push_block(block))
}

/// The subjects' names in bold: `**A** with **B**`, `**A**, **B** and **C**`.
fn subjects_line(cols: &[Column<'_>]) -> String {
    let names: Vec<String> = cols.iter().map(|col| strong_line(col.name)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} with {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Each subject's summary of `d`, whole: `**Name**: first paragraph`, then
/// its other paragraphs.
fn summaries(d: &Dimension, cols: &[Column<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for &col in cols {
        let Some(text) = summary(d, col) else {
            continue;
        };
        let mut lines = paragraphs(text).into_iter();
        if let Some(first) = lines.next() {
            out.push(format!("{}: {first}", strong_line(col.name)));
        }
        out.extend(lines);
    }
    out
}

/// Blocks of a document, written with one blank line between them.
#[derive(Debug, Default)]
pub(super) struct Blocks(Vec<String>);

impl Blocks {
    /// Adds a block (one or more lines, no trailing newline).
    pub(super) fn push(&mut self, block: String) {
        if !block.is_empty() {
            self.0.push(block);
        }
    }

    /// The blocks joined, without a final newline.
    pub(super) fn join(&self) -> String {
        self.0.join("\n\n")
    }
}

/// A dimension's points as a GFM table (`Aspect` and one column per
/// subject, headed by full names), every cell of a highlighted row in bold;
/// nothing when it has no points. Written a row at a time.
fn table(
    doc: &mut Sink<'_>,
    d: &Dimension,
    notes: &Notes,
    cols: &[Column<'_>],
) -> std::io::Result<()> {
    if d.points.is_empty() {
        return Ok(());
    }
    doc.block();
    doc.push_str("| Aspect |");
    for col in cols {
        doc.push(' ');
        doc.push_str(&cell(col.name, false));
        doc.push_str(" |");
    }
    doc.push_str("\n| --- |");
    for _ in cols {
        doc.push_str(" --- |");
    }
    for (cells, bold) in point_rows(d, notes, cols) {
        doc.push_str("\n|");
        for text in cells {
            doc.push(' ');
            doc.push_str(&cell(text, bold));
            doc.push_str(" |");
        }
        doc.spill()?;
    }
    Ok(())
}

/// A dimension's verdict on one line: `**Better fit:** Name · matters 2
/// of 3`.
fn fit_line(fit: &Fit<'_>) -> String {
    format!(
        "**{}** {}{}",
        verdicts::FIT_LABEL,
        one_line(fit.name),
        fit.matters_tail()
    )
}

/// The verdicts as a GFM table: `Dimension`, `Matters`, `Better fit`.
fn verdict_table(rows: &[Fit<'_>]) -> String {
    let head = verdicts::COLUMNS
        .iter()
        .map(|h| cell(h, false))
        .collect::<Vec<_>>()
        .join(" | ");
    let mut lines = vec![format!("| {head} |"), "| --- | --- | --- |".to_owned()];
    for fit in rows {
        lines.push(format!(
            "| {} | {} | {} |",
            cell(fit.title, false),
            cell(&fit.matters(), false),
            cell(fit.name, false)
        ));
    }
    lines.join("\n")
}

/// Inline Markdown for a table cell: lines joined with `<br>`, `—` when
/// empty.
fn cell(text: &str, strong: bool) -> String {
    let lines = write_text(text, Place::Cell, strong);
    if lines.is_empty() {
        write_text(MISSING, Place::Cell, strong).join("")
    } else {
        lines.join("<br>")
    }
}

/// A bullet list of the non-blank items, one line each; empty when there
/// are none.
pub(super) fn bullet_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| one_line(item))
        .filter(|line| !line.is_empty())
        .map(|line| format!("- {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A blockquote of the text's paragraphs, each line prefixed with `> `,
/// the first after a bold `label`.
fn blockquote(text: &str, label: Option<&str>) -> String {
    let mut lines = paragraphs(text);
    if let (Some(label), Some(first)) = (label, lines.first_mut()) {
        *first = format!("**{label}** {first}");
    }
    lines
        .iter()
        .map(|line| format!("> {line}"))
        .collect::<Vec<_>>()
        .join("\n>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> String {
        one_line(text)
    }

    #[test]
    fn keeps_inline_markdown() {
        assert_eq!(
            line("Plain **bold** *it* `code` [site](https://x.org)"),
            "Plain **bold** *it* `code` [site](<https://x.org>)"
        );
        assert_eq!(line("**a *b* c**"), "**a *b* c**");
        assert_eq!(line("**a*b*c**"), "**a*b*c**");
    }

    #[test]
    fn unsafe_links_become_text() {
        assert_eq!(line("[bad](javascript:alert(1))"), "bad");
    }

    #[test]
    fn a_link_after_a_bang_stays_a_link() {
        assert_eq!(
            line("Wow\\![site](https://x.org)"),
            "Wow\\![site](<https://x.org>)"
        );
    }

    #[test]
    fn escapes_what_could_start_structure() {
        // Content is inline Markdown: a line that looks like a block is
        // text, kept as written and escaped.
        assert_eq!(line("# heading"), "\\# heading");
        assert_eq!(line("> 800 km"), "\\> 800 km");
        assert_eq!(line("- item"), "\\- item");
        assert_eq!(line("1. one"), "1\\. one");
        assert_eq!(line("\\# heading"), "\\# heading");
        assert_eq!(line("\\> quote"), "\\> quote");
        assert_eq!(line("\\- item"), "\\- item");
        assert_eq!(line("1\\. one"), "1\\. one");
        assert_eq!(line("\\---"), "\\---");
        assert_eq!(line("a | b"), "a \\| b");
        assert_eq!(line("<script>x</script>"), "&lt;script>x&lt;/script>");
        assert_eq!(line("Issue #"), "Issue \\#");
        assert_eq!(line("C#"), "C#");
        assert_eq!(line("a \\*b\\* \\_c\\_ $d$"), "a \\*b\\* \\_c\\_ \\$d\\$");
        assert_eq!(line("&amp;lt;"), "\\&lt;");
    }

    #[test]
    fn escapes_nothing_that_cannot_start_structure() {
        assert_eq!(line("0.1 s"), "0.1 s");
        assert_eq!(line("2024.5"), "2024.5");
        assert_eq!(line("~14 g"), "~14 g");
        assert_eq!(line("$5 a month"), "$5 a month");
        assert_eq!(line("~a~ and $b$"), "\\~a\\~ and \\$b\\$");
        assert_eq!(line("1."), "1\\.");
        // A number alone at the end of the text (found by proptest).
        assert_eq!(line("1"), "1");
        assert_eq!(line("a\n12"), "a 12");
    }

    #[test]
    fn paragraphs_become_lines() {
        assert_eq!(
            paragraphs("one\ntwo\n\n# three\n\n---\n\n\\---"),
            ["one two", "\\# three", "\\---", "\\---"]
        );
    }

    #[test]
    fn highlighted_cells_are_bold_throughout() {
        assert_eq!(cell("a *b* `c`", true), "**a *b* `c`**");
        assert_eq!(cell("", true), "**—**");
        assert_eq!(cell("one\n\ntwo", false), "one<br>two");
    }
}
