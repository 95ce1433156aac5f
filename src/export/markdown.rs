//! Markdown export: standard Markdown with GFM tables.
//!
//! The document reads top to bottom as:
//! - `# Title`, a line naming the two subjects, the intro;
//! - `## Framing`: the overall note, as a blockquote (when there is one);
//! - per exported dimension, `## Title`, where a starred dimension is
//!   marked with a star and a space before its title (`## ★ Scope`); a GFM
//!   table with an `Aspect` column and one column per subject, one row per
//!   point, every cell of a highlighted row in bold, `—` where a subject
//!   has nothing; the summaries as `**Subject**: …` paragraphs; what the
//!   subjects share as an "In common" bullet list; the note as a
//!   blockquote starting `**Note:**`;
//! - `## Conclusion` and `## Sources`.
//!
//! Content is inline Markdown. It is not copied through: it is parsed
//! ([`parse_inline`]) and written back from its styled spans, so emphasis,
//! code and safe links survive, unsafe links become their text, and every
//! character that could start structure is escaped (`\#`, `\>`, `\-`,
//! `1\.`, `\|`, `\*`, `` \` ``…, `<` as `&lt;`). Each paragraph of content
//! becomes one line, table cells join lines with `<br>` (the only HTML this
//! writer emits), and blockquotes prefix every line with `> `. Nothing in
//! content or notes can add a heading, a list, a table row, a code block or
//! an HTML element.

use super::md_text::{Place, one_line, paragraphs, strong_line, write_text};
use super::{
    Column, ExportOptions, MISSING, columns, highlights, is_highlighted, note, overall_note,
    selected_dimensions, side, summary,
};
use crate::model::{Comparison, Dimension};
use crate::notes::Notes;

/// The comparison and notes as a Markdown document.
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    let cols = columns(c, options);
    let [left, right] = cols;
    let mut doc = Blocks::default();
    doc.push(format!("# {}", one_line(&c.title)));
    doc.push(format!(
        "Comparing {} with {}.",
        strong_line(left.name),
        strong_line(right.name)
    ));
    doc.extend(paragraphs(&c.intro));
    let framing = overall_note(notes).map_or_else(String::new, |text| blockquote(text, None));
    if !framing.is_empty() {
        doc.push("## Framing".to_owned());
        doc.push(framing);
    }
    for d in selected_dimensions(c, notes, options) {
        let star = if notes.is_starred(&d.id) { "★ " } else { "" };
        doc.push(format!("## {star}{}", one_line(&d.title)));
        doc.extend(table(d, notes, cols));
        if options.include_summaries {
            for col in cols {
                let Some(text) = summary(d, col) else {
                    continue;
                };
                let mut lines = paragraphs(text).into_iter();
                if let Some(first) = lines.next() {
                    doc.push(format!("{}: {first}", strong_line(col.name)));
                }
                doc.extend(lines);
            }
        }
        let common = bullet_list(&d.common);
        if !common.is_empty() {
            doc.push("**In common**".to_owned());
            doc.push(common);
        }
        if let Some(text) = note(notes, d) {
            doc.push(blockquote(text, Some("Note:")));
        }
    }
    let conclusion = paragraphs(&c.conclusion);
    if !conclusion.is_empty() {
        doc.push("## Conclusion".to_owned());
        doc.extend(conclusion);
    }
    let sources = bullet_list(&c.sources);
    if !sources.is_empty() {
        doc.push("## Sources".to_owned());
        doc.push(sources);
    }
    doc.finish()
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

    /// Adds several blocks.
    pub(super) fn extend(&mut self, blocks: impl IntoIterator<Item = String>) {
        for block in blocks {
            self.push(block);
        }
    }

    /// The blocks joined, without a final newline.
    pub(super) fn join(&self) -> String {
        self.0.join("\n\n")
    }

    /// The document: the blocks joined, ending with exactly one newline.
    pub(super) fn finish(&self) -> String {
        let mut out = self.join();
        out.push('\n');
        out
    }
}

/// A dimension's points as a GFM table (`Aspect | left | right`), every
/// cell of a highlighted row in bold; `None` when it has no points.
pub(super) fn table(d: &Dimension, notes: &Notes, cols: [Column<'_>; 2]) -> Option<String> {
    if d.points.is_empty() {
        return None;
    }
    let [left, right] = cols;
    let highlights = highlights(notes, d);
    let mut rows = vec![
        format!(
            "| Aspect | {} | {} |",
            cell(left.name, false),
            cell(right.name, false)
        ),
        "| --- | --- | --- |".to_owned(),
    ];
    for p in &d.points {
        let bold = is_highlighted(&highlights, p);
        rows.push(format!(
            "| {} | {} | {} |",
            cell(&p.aspect, bold),
            cell(side(p, left).unwrap_or(MISSING), bold),
            cell(side(p, right).unwrap_or(MISSING), bold),
        ));
    }
    Some(rows.join("\n"))
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
        // Block structure in content is flattened by `parse_inline`, as in
        // the app; what is left as text is escaped.
        assert_eq!(line("# heading"), "heading");
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
    fn paragraphs_become_lines() {
        assert_eq!(
            paragraphs("one\ntwo\n\n# three\n\n---\n\n\\---"),
            ["one two", "three", "\\---"]
        );
    }

    #[test]
    fn highlighted_cells_are_bold_throughout() {
        assert_eq!(cell("a *b* `c`", true), "**a *b* `c`**");
        assert_eq!(cell("", true), "**—**");
        assert_eq!(cell("one\n\ntwo", false), "one<br>two");
    }
}
