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

use super::{
    Column, ExportOptions, MISSING, clean, columns, highlights, is_highlighted, is_safe_url, note,
    overall_note, selected_dimensions, side, summary,
};
use crate::model::{Comparison, Dimension, Span, for_each_span};
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

/// Inline Markdown on one line (a heading, a list item): the content's
/// lines joined with spaces.
pub(super) fn one_line(text: &str) -> String {
    write_text(text, Place::Block, false).join(" ")
}

/// Like [`one_line`], all in bold.
pub(super) fn strong_line(text: &str) -> String {
    write_text(text, Place::Block, true).join(" ")
}

/// One paragraph per line of the content (its paragraphs and hard breaks).
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    write_text(text, Place::Block, false)
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

/// Where inline Markdown is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// A paragraph, heading, list item or blockquote line.
    Block,
    /// A GFM table cell, where a pipe ends the cell even inside a code
    /// span unless escaped.
    Cell,
}

/// Inline Markdown for `text`, one string per line of content (the
/// source's paragraphs and hard breaks), blank lines left out. `strong`
/// puts every span in bold (a highlighted row). Spans are parsed and
/// written one at a time: memory stays proportional to the output,
/// however many spans the text has.
pub(super) fn write_text(text: &str, place: Place, strong: bool) -> Vec<String> {
    let mut lines = Lines::new(place, strong);
    for_each_span(text, |span| lines.span(span));
    lines.finish()
}

/// Inline Markdown being written from styled spans: the lines written so
/// far (blank ones left out) and the one being written.
pub(super) struct Lines {
    place: Place,
    strong: bool,
    done: Vec<String>,
    line: LineWriter,
}

impl Lines {
    /// Nothing written yet; `strong` puts every span in bold.
    pub(super) fn new(place: Place, strong: bool) -> Self {
        Self {
            place,
            strong,
            done: Vec::new(),
            line: LineWriter::new(place),
        }
    }

    /// Writes one span (its line breaks end lines).
    pub(super) fn span(&mut self, span: &Span) {
        // A carriage return ends a line too; controls are not text.
        for (i, part) in clean(&span.text).split('\n').enumerate() {
            if i > 0 {
                let line = std::mem::replace(&mut self.line, LineWriter::new(self.place));
                self.push(line.finish());
            }
            self.line.span(span, part, self.strong);
        }
    }

    fn push(&mut self, line: String) {
        if !line.is_empty() {
            self.done.push(line);
        }
    }

    /// The lines, blank ones left out.
    pub(super) fn finish(mut self) -> Vec<String> {
        let line = std::mem::replace(&mut self.line, LineWriter::new(self.place));
        self.push(line.finish());
        self.done
    }
}

/// An emphasis delimiter that is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Strong,
    Emphasis,
}

impl Mark {
    fn delimiter(self) -> &'static str {
        match self {
            Self::Strong => "**",
            Self::Emphasis => "*",
        }
    }
}

/// Writes one line of inline Markdown from styled text. Delimiters open
/// only right before visible text and close before white space, so they
/// always flank the text they style; leading and trailing white space is
/// dropped (it would make an indented code block or a hard break).
struct LineWriter {
    place: Place,
    out: String,
    /// Open emphasis delimiters, outermost first.
    open: Vec<Mark>,
    /// The target of the link whose `[` is written.
    link: Option<String>,
    /// White space not written yet.
    space: String,
}

impl LineWriter {
    fn new(place: Place) -> Self {
        Self {
            place,
            out: String::new(),
            open: Vec::new(),
            link: None,
            space: String::new(),
        }
    }

    fn span(&mut self, span: &Span, text: &str, strong: bool) {
        // A constant slice, not a vector: `*a*a*a…` is one span per
        // character, and this runs for each.
        let wanted: &[Mark] = match (span.strong || strong, span.emphasis) {
            (true, true) => &[Mark::Strong, Mark::Emphasis],
            (true, false) => &[Mark::Strong],
            (false, true) => &[Mark::Emphasis],
            (false, false) => &[],
        };
        let link = span.link.as_deref().filter(|url| is_safe_url(url));
        // A code span of white space shows nothing: it is white space.
        if span.code && !text.trim().is_empty() {
            self.start_content(wanted, link);
            self.out.push_str(&code_span(text, self.place));
            return;
        }
        // The byte index of a `.` or `)` after digits that begin the line.
        let mut ordered_list_delimiter = None;
        for (i, ch) in text.char_indices() {
            if ch.is_whitespace() {
                if !self.out.is_empty() {
                    self.space.push(ch);
                }
                continue;
            }
            self.start_content(wanted, link);
            let at_line_start = self.out.is_empty();
            let after_space = self.out.ends_with(char::is_whitespace);
            let rest = &text[i + ch.len_utf8()..];
            if at_line_start && ch.is_ascii_digit() {
                let digits = 1 + rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits <= 9 && matches!(rest.as_bytes().get(digits - 1), Some(b'.' | b')')) {
                    ordered_list_delimiter = Some(i + digits);
                }
            }
            match ch {
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                    self.out.push('\\');
                    self.out.push(ch);
                }
                '<' => self.out.push_str("&lt;"),
                '&' if starts_entity(rest) => self.out.push_str("\\&"),
                '#' if at_line_start || after_space => self.out.push_str("\\#"),
                '>' | '-' | '+' | '=' if at_line_start => {
                    self.out.push('\\');
                    self.out.push(ch);
                }
                '.' | ')' if ordered_list_delimiter == Some(i) => {
                    self.out.push('\\');
                    self.out.push(ch);
                }
                _ if ch.is_control() => self.out.push('\u{FFFD}'),
                _ => self.out.push(ch),
            }
        }
    }

    /// Gets ready to write visible content with these delimiters open,
    /// inside this link.
    fn start_content(&mut self, wanted: &[Mark], link: Option<&str>) {
        if self.link.as_deref() != link {
            self.close_marks(0);
            self.close_link();
            self.write_space();
            if let Some(url) = link {
                // `!` right before `[` would make the link an image.
                if self.out.ends_with('!') && !self.out.ends_with("\\!") {
                    self.out.pop();
                    self.out.push_str("\\!");
                }
                self.out.push('[');
                self.link = Some(url.to_owned());
            }
        }
        let keep = self
            .open
            .iter()
            .take_while(|mark| wanted.contains(mark))
            .count();
        self.close_marks(keep);
        self.write_space();
        for &mark in wanted {
            if !self.open.contains(&mark) {
                self.out.push_str(mark.delimiter());
                self.open.push(mark);
            }
        }
    }

    /// Closes the open delimiters past the first `keep`, innermost first.
    fn close_marks(&mut self, keep: usize) {
        while self.open.len() > keep {
            if let Some(mark) = self.open.pop() {
                self.out.push_str(mark.delimiter());
            }
        }
    }

    fn close_link(&mut self) {
        if let Some(url) = self.link.take() {
            self.out.push_str("](");
            self.out.push_str(&link_destination(&url));
            self.out.push(')');
        }
    }

    fn write_space(&mut self) {
        self.out.push_str(&self.space);
        self.space.clear();
    }

    fn finish(mut self) -> String {
        self.close_marks(0);
        self.close_link();
        self.out
    }
}

/// Whether the text after a `&` would make it a character reference
/// (`&amp;`, `&#60;`), which must stay literal.
fn starts_entity(rest: &str) -> bool {
    // At most 33 bytes are looked at, so a long run of letters after
    // many `&`s costs no more than the text's length.
    let name = rest
        .bytes()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    (1..=32).contains(&name) && rest.as_bytes().get(name) == Some(&b';')
}

/// A code span holding `text` exactly: a fence longer than any run of
/// backticks inside, padded with a space when the text starts or ends with
/// a backtick or is wrapped in spaces.
fn code_span(text: &str, place: Place) -> String {
    let mut text = clean(text).replace('\n', " ");
    if place == Place::Cell {
        text = text.replace('|', "\\|");
    }
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A link destination in angle brackets, with the characters that could
/// end it, split a table cell or start a code span percent-encoded.
fn link_destination(url: &str) -> String {
    let mut out = String::from("<");
    for (i, ch) in url.char_indices() {
        match ch {
            '&' if starts_entity(&url[i + 1..]) => out.push_str("\\&"),
            ' ' | '<' | '>' | '|' | '\\' | '`' => percent_encode(ch, &mut out),
            _ if ch.is_control() || ch.is_whitespace() => percent_encode(ch, &mut out),
            _ => out.push(ch),
        }
    }
    out.push('>');
    out
}

/// Appends `ch` as `%XX` escapes of its UTF-8 bytes.
fn percent_encode(ch: char, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0; 4];
    for b in ch.encode_utf8(&mut buf).bytes() {
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
    }
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
    fn code_spans_keep_their_text() {
        assert_eq!(code_span("a`b", Place::Block), "``a`b``");
        assert_eq!(code_span("`", Place::Block), "`` ` ``");
        assert_eq!(code_span("a|b", Place::Cell), "`a\\|b`");
        assert_eq!(code_span("a|b", Place::Block), "`a|b`");
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
