//! Exports of a comparison with its notes: Markdown, printable HTML, a
//! Marp slide deck, and the presenter's own speaker script.
//!
//! Every writer is a pure function of the comparison, the notes and the
//! options: no I/O, no egui, and the same input always gives the same bytes
//! (`\n` line endings, exactly one final newline). Writing the file is the
//! caller's one shared, atomic step.
//!
//! Content and notes are untrusted text: each writer escapes them for its
//! format, so nothing in them can add structure (headings, slides, tables,
//! HTML elements, scripts) to the document.

pub mod html;
mod layout;
pub mod markdown;
pub mod marp;
mod md_text;
pub mod script;
mod verdicts;

use std::borrow::Cow;
use std::collections::HashSet;

pub(crate) use crate::model::is_safe_url;
use crate::model::{Comparison, Dimension, Point};
use crate::notes::Notes;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Standard Markdown with GFM tables.
    Markdown,
    /// One self-contained HTML file, readable on screen and printable.
    Html,
    /// A Marp slide deck (Markdown with Marp front matter).
    Marp,
    /// The presenter's printable speaker script (HTML): each presented
    /// slide with its time, verdict, highlighted rows and note.
    Script,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Marp, Format::Script];

    /// The name shown in menus and dialogs.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML (printable)",
            Self::Marp => "Slide deck (Marp)",
            Self::Script => "Speaker script (HTML)",
        }
    }

    /// The file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown | Self::Marp => "md",
            Self::Html | Self::Script => "html",
        }
    }

    /// What goes between the file stem and the extension, so that a deck
    /// and a Markdown export (or a script and an HTML export) of the same
    /// comparison do not collide.
    #[must_use]
    pub fn file_stem_suffix(self) -> &'static str {
        match self {
            Self::Markdown | Self::Html => "",
            Self::Marp => ".slides",
            Self::Script => ".script",
        }
    }

    /// The format named `name` on the command line: `markdown` or `md`,
    /// `html`, `marp`, `script` (ASCII case is ignored).
    #[must_use]
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "markdown" | "md" => Some(Self::Markdown),
            "html" => Some(Self::Html),
            "marp" => Some(Self::Marp),
            "script" => Some(Self::Script),
            _ => None,
        }
    }
}

/// What an export includes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each is one independent choice in the dialog and on the command line"
)]
pub struct ExportOptions {
    /// Only the starred dimensions.
    pub starred_only: bool,
    /// The subjects shown as columns, in order, as indices into
    /// `comparison.subjects`. Empty means every subject; an index past the
    /// end or given twice is left out.
    pub subjects: Vec<usize>,
    /// The per-subject summary paragraphs of each dimension.
    pub include_summaries: bool,
    /// The presenter's private marks (★ before a starred dimension's
    /// title). Off by default: exports are for an audience.
    pub show_stars: bool,
    /// The audience version: nothing private to the presenter appears
    /// (no overall or dimension note, no speaker notes, no stars whatever
    /// `show_stars` says, no budgets or rehearsal times). The content,
    /// the highlighted rows and the verdicts stay: they are what the
    /// audience is shown. The speaker script ignores it: it is private by
    /// nature.
    pub audience: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            starred_only: false,
            subjects: Vec::new(),
            include_summaries: true,
            show_stars: false,
            audience: false,
        }
    }
}

impl ExportOptions {
    /// Whether the presenter's notes (overall, per dimension, speaker
    /// notes) are written: not in the audience version.
    #[must_use]
    pub fn shows_notes(&self) -> bool {
        !self.audience
    }

    /// Whether a starred dimension's title gets its ★: only when asked
    /// for, and never in the audience version.
    #[must_use]
    pub fn shows_stars(&self) -> bool {
        self.show_stars && !self.audience
    }
}

/// The comparison in `format`, with the notes, as the file's whole text.
///
/// Pure: no I/O, no egui. The same input always gives the same bytes.
#[must_use]
pub fn export(format: Format, c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    match format {
        Format::Markdown => markdown::render(c, notes, options),
        Format::Html => html::render(c, notes, options),
        Format::Marp => marp::render(c, notes, options),
        Format::Script => script::render(c, notes, options),
    }
}

/// The dimensions an export includes (respecting `starred_only`), in
/// content order.
#[must_use]
pub fn selected_dimensions<'a>(
    c: &'a Comparison,
    notes: &Notes,
    options: &ExportOptions,
) -> Vec<&'a Dimension> {
    selected(c, notes, options)
        .into_iter()
        .map(|(_, d)| d)
        .collect()
}

/// Like [`selected_dimensions`], each with its index in `c.dimensions`
/// (the talk's verdicts and budgets are looked up by index).
fn selected<'a>(
    c: &'a Comparison,
    notes: &Notes,
    options: &ExportOptions,
) -> Vec<(usize, &'a Dimension)> {
    c.dimensions
        .iter()
        .enumerate()
        .filter(|(_, d)| !options.starred_only || notes.is_starred(&d.id))
        .collect()
}

/// The file name an export is offered under: a slug of the title, the
/// format's suffix and its extension, such as
/// `project-management-vs-technology-management.md`.
#[must_use]
pub fn default_file_name(c: &Comparison, format: Format) -> String {
    format!(
        "{}{}.{}",
        slug(&c.title),
        format.file_stem_suffix(),
        format.extension()
    )
}

/// The longest slug, in bytes: file names stay well under the usual limit
/// of 255 bytes with the suffix and extension added.
const SLUG_MAX_BYTES: usize = 100;

/// Lower-case letters and digits joined by single hyphens. Letters outside
/// ASCII are kept (a Chinese title gives a Chinese file name); ASCII
/// punctuation, white space, controls and invisible format characters (such
/// as right-to-left overrides, which could disguise an extension) become
/// separators.
fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut separator = false;
    for ch in title.chars() {
        let keep = if ch.is_ascii() {
            ch.is_ascii_alphanumeric()
        } else {
            !(ch.is_whitespace() || ch.is_control() || is_invisible(ch))
        };
        if !keep {
            separator = !out.is_empty();
            continue;
        }
        let lower: String = ch.to_lowercase().collect();
        let extra = usize::from(separator) + lower.len();
        if out.len() + extra > SLUG_MAX_BYTES {
            break;
        }
        if separator {
            out.push('-');
            separator = false;
        }
        out.push_str(&lower);
    }
    if out.is_empty() {
        "comparison".to_owned()
    } else {
        out
    }
}

/// Zero-width and bidirectional format characters.
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Shown where a subject has nothing for a row.
const MISSING: &str = "—";

/// One exported column: a subject.
#[derive(Debug, Clone, Copy)]
struct Column<'a> {
    /// The subject's id (keys `sides` and `summary`).
    id: &'a str,
    /// The subject's full name: for prose (the subjects line, summaries).
    name: &'a str,
    /// The subject's short label, or its name: for narrow places (table
    /// headers).
    label: &'a str,
}

/// The subjects an export shows as columns, in order (indices into
/// `c.subjects`): those the options name that exist, once each, or every
/// subject when they name none.
#[must_use]
pub fn shown_subjects(c: &Comparison, options: &ExportOptions) -> Vec<usize> {
    let mut seen = HashSet::new();
    let picked: Vec<usize> = options
        .subjects
        .iter()
        .copied()
        .filter(|&i| i < c.subjects.len() && seen.insert(i))
        .collect();
    if picked.is_empty() {
        (0..c.subjects.len()).collect()
    } else {
        picked
    }
}

/// The columns the options ask for (see [`shown_subjects`]).
fn columns<'a>(c: &'a Comparison, options: &ExportOptions) -> Vec<Column<'a>> {
    shown_subjects(c, options)
        .into_iter()
        .map(|i| {
            let s = &c.subjects[i];
            Column {
                id: &s.id,
                name: &s.name,
                label: s.label(),
            }
        })
        .collect()
}

/// The title of a dimension as exported: with ★ before it when it is
/// starred and the options show the presenter's marks.
fn star_prefix(notes: &Notes, d: &Dimension, options: &ExportOptions) -> &'static str {
    if options.shows_stars() && notes.is_starred(&d.id) {
        "★ "
    } else {
        ""
    }
}

/// What a point says for a column; `None` when absent or blank.
fn side<'a>(point: &'a Point, column: Column<'_>) -> Option<&'a str> {
    non_blank(point.sides.get(column.id)?)
}

/// A dimension's summary for a column; `None` when absent or blank.
fn summary<'a>(d: &'a Dimension, column: Column<'_>) -> Option<&'a str> {
    non_blank(d.summary.get(column.id)?)
}

/// A dimension's note as an export shows it; `None` when there is none
/// or the options leave the presenter's notes out.
fn note<'a>(notes: &'a Notes, d: &Dimension, options: &ExportOptions) -> Option<&'a str> {
    options
        .shows_notes()
        .then(|| non_blank(notes.text(&d.id)))
        .flatten()
}

/// The whole comparison's note as an export shows it; `None` when there
/// is none or the options leave the presenter's notes out.
fn overall_note<'a>(notes: &'a Notes, options: &ExportOptions) -> Option<&'a str> {
    options
        .shows_notes()
        .then(|| non_blank(&notes.overall))
        .flatten()
}

fn non_blank(text: &str) -> Option<&str> {
    (!text.trim().is_empty()).then_some(text)
}

/// The aspects the notes highlight in `d`, as a set: a dimension's rows
/// are checked against it in constant time each, however many highlights
/// the notes hold.
fn highlights<'a>(notes: &'a Notes, d: &Dimension) -> HashSet<&'a str> {
    notes
        .dimensions
        .get(&d.id)
        .map(|n| n.highlights.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Whether `point` is among the highlighted aspects.
fn is_highlighted(highlights: &HashSet<&str>, point: &Point) -> bool {
    highlights.contains(point.aspect.as_str())
}

/// `text` with line endings made `\n` and other control characters (which
/// no format needs and some treat as errors) replaced by U+FFFD. Borrowed
/// when there is nothing to change (the usual case: no copy per span).
fn clean(text: &str) -> Cow<'_, str> {
    if !text.contains(|ch: char| ch.is_control() && ch != '\n' && ch != '\t') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("\r\n", "\n")
            .chars()
            .map(|ch| match ch {
                '\r' => '\n',
                '\n' | '\t' => ch,
                _ if ch.is_control() => '\u{FFFD}',
                _ => ch,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_names() {
        for (name, format) in [
            ("markdown", Format::Markdown),
            ("md", Format::Markdown),
            ("html", Format::Html),
            ("marp", Format::Marp),
            ("script", Format::Script),
            ("HTML", Format::Html),
        ] {
            assert_eq!(Format::parse(name), Some(format));
        }
        assert_eq!(Format::parse("pdf"), None);
        assert_eq!(Format::parse(""), None);
    }

    #[test]
    fn default_file_names() {
        let mut c = Comparison::built_in();
        assert_eq!(
            default_file_name(&c, Format::Markdown),
            "project-management-vs-technology-management.md"
        );
        assert_eq!(
            default_file_name(&c, Format::Html),
            "project-management-vs-technology-management.html"
        );
        assert_eq!(
            default_file_name(&c, Format::Marp),
            "project-management-vs-technology-management.slides.md"
        );
        assert_eq!(
            default_file_name(&c, Format::Script),
            "project-management-vs-technology-management.script.html"
        );
        c.title = "  ../C++ & Rust: <Ünïcode> 你好\u{202E}gpj.exe  ".to_owned();
        assert_eq!(
            default_file_name(&c, Format::Markdown),
            "c-rust-ünïcode-你好-gpj-exe.md"
        );
        c.title = "***".to_owned();
        assert_eq!(default_file_name(&c, Format::Html), "comparison.html");
        c.title = "a".repeat(500);
        assert_eq!(slug(&c.title).len(), SLUG_MAX_BYTES);
    }

    #[test]
    fn columns_are_the_subjects_asked_for_once_each_else_all() {
        let c = Comparison::built_in();
        let ids = |subjects: Vec<usize>| {
            let options = ExportOptions {
                subjects,
                ..ExportOptions::default()
            };
            columns(&c, &options)
                .iter()
                .map(|col| col.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(vec![]), ["pm", "tm"]);
        assert_eq!(ids(vec![1, 0]), ["tm", "pm"]);
        assert_eq!(ids(vec![1, 9, 1]), ["tm"]);
        assert_eq!(ids(vec![9]), ["pm", "tm"]);
    }

    #[test]
    fn clean_normalises_line_endings_and_controls() {
        assert_eq!(clean("a\r\nb\rc\u{0}d\te"), "a\nb\nc\u{FFFD}d\te");
    }
}
