//! Exports of a comparison with its notes: Markdown, printable HTML, a
//! Marp slide deck, an editable PowerPoint deck, and the presenter's own
//! speaker script.
//!
//! Every writer is a function of the comparison, the notes and the
//! options into a writer ([`write`]), a table row, a slide or a dimension
//! at a time, so a document far larger than its comparison is never held
//! whole: no egui, no paths, and the same input always gives the same
//! bytes (text formats: `\n` line endings, exactly one final newline).
//! [`export`] gathers them in memory; writing a file is the caller's one
//! shared, atomic step ([`crate::storage::write_export_with`]).
//!
//! Content and notes are untrusted text: each writer escapes them for its
//! format, so nothing in them can add structure (headings, slides, tables,
//! HTML elements, scripts) to the document.

mod file_name;
pub mod html;
mod layout;
pub mod markdown;
pub mod marp;
mod md_text;
mod options;
pub mod pptx;
pub mod script;
mod sink;
mod text;
mod verdicts;

use std::collections::HashSet;

pub use file_name::default_file_name;
pub use layout::{Pages, balance};
pub use options::{ExportOptions, Format, Refusal};
pub use sink::OnDimension;
use sink::Sink;
use text::{clean, split_bare_urls};

pub(crate) use crate::model::is_safe_url;
use crate::model::{Comparison, Dimension, Point};
use crate::notes::Notes;
use crate::storage::Output;

/// The comparison in `format`, with the notes, as the file's bytes: what
/// [`write`] writes, gathered in memory.
///
/// Pure: no I/O, no egui. The same input always gives the same bytes.
#[must_use]
pub fn export(format: Format, c: &Comparison, notes: &Notes, options: &ExportOptions) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut memory = std::io::Cursor::new(&mut bytes);
    // Memory takes every byte, and nothing here cancels: no error to pass on.
    let _ = write_to(
        format,
        c,
        notes,
        options,
        Output::File(&mut memory),
        &sink::unobserved,
    );
    bytes
}

/// The comparison in a text format ([`Format::TEXT`]), with the notes, as
/// the file's whole text; `None` for a format that is not text (PPTX).
///
/// Pure: no I/O, no egui. The same input always gives the same text.
#[must_use]
pub fn export_text(
    format: Format,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
) -> Option<String> {
    (format != Format::Pptx).then(|| {
        // The text writers write nothing but `str`s: always UTF-8.
        String::from_utf8(export(format, c, notes, options))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    })
}

/// Writes the comparison in `format`, with the notes, into `out` as it is
/// made: the same bytes as [`export`], holding no more than about one table
/// row, one slide or one dimension's text at a time, whatever the size of
/// the document. A PPTX deck is zipped into an unnamed temporary file
/// first (a zip's part headers are patched once each part is written,
/// which `out` cannot do), then copied into `out`.
///
/// # Errors
/// When `out` fails; what was written by then is left as it is.
pub fn write(
    format: Format,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_to(
        format,
        c,
        notes,
        options,
        Output::Stream(out),
        &sink::unobserved,
    )
}

/// [`write`] into an output that may seek (a file: a PPTX deck is zipped
/// straight into it), calling `on_dimension` as each dimension is done
/// (for progress; its error, such as a cancel, stops the export there).
///
/// # Errors
/// When `out` or `on_dimension` fails.
pub fn write_to(
    format: Format,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    mut out: Output<'_>,
    on_dimension: OnDimension<'_>,
) -> std::io::Result<()> {
    let text: TextWriter = match format {
        Format::Markdown => markdown::write,
        Format::Html => html::write,
        Format::Marp => marp::write,
        Format::Script => script::write,
        Format::Pptx => return pptx::write(c, notes, options, out, on_dimension),
    };
    let input = Input {
        c,
        notes,
        options,
        cols: columns(c, options),
    };
    let mut sink = Sink::new(out.writer(), on_dimension);
    text(&input, &mut sink)?;
    sink.finish()?;
    out.writer().flush()
}

/// How many times [`write_to`] calls its `on_dimension`: once for each
/// dimension exported.
#[must_use]
pub fn dimension_steps(
    format: Format,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
) -> usize {
    if format == Format::Script {
        crate::talk::plan::presented(c, notes, options.starred_only).len()
    } else {
        selected(c, notes, options).len()
    }
}

/// A text format's writer.
type TextWriter = fn(&Input<'_>, &mut Sink<'_>) -> std::io::Result<()>;

/// What an export is made from: the comparison, the notes, the options,
/// and the columns they ask for.
struct Input<'a> {
    c: &'a Comparison,
    notes: &'a Notes,
    options: &'a ExportOptions,
    cols: Vec<Column<'a>>,
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

/// A dimension's points as table rows, made a row at a time: each row's
/// cells (the aspect, then each column's side, [`MISSING`] where it has
/// none) and whether it is highlighted.
fn point_rows<'a>(
    d: &'a Dimension,
    notes: &'a Notes,
    cols: &'a [Column<'a>],
) -> impl Iterator<Item = (Vec<&'a str>, bool)> + 'a {
    let highlights = highlights(notes, d);
    d.points.iter().map(move |p| {
        let cells = std::iter::once(p.aspect.as_str())
            .chain(cols.iter().map(|&col| side(p, col).unwrap_or(MISSING)))
            .collect();
        (cells, is_highlighted(&highlights, p))
    })
}

/// A deck table's header: `Aspect`, then each subject's short label.
fn deck_header<'a>(cols: &[Column<'a>]) -> Vec<&'a str> {
    std::iter::once("Aspect")
        .chain(cols.iter().map(|col| col.label))
        .collect()
}

/// The items of a list (what the subjects share, the sources) that show
/// something.
fn shown_items(items: &[String]) -> Vec<&str> {
    items
        .iter()
        .map(String::as_str)
        .filter(|s| !crate::model::plain_text(s).trim().is_empty())
        .collect()
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
            ("pptx", Format::Pptx),
            ("PowerPoint", Format::Pptx),
            ("HTML", Format::Html),
        ] {
            assert_eq!(Format::parse(name), Some(format));
        }
        assert_eq!(Format::parse("pdf"), None);
        assert_eq!(Format::parse(""), None);
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
    fn an_option_that_would_do_nothing_is_refused() {
        let with = |f: fn(&mut ExportOptions)| {
            let mut o = ExportOptions::default();
            f(&mut o);
            o
        };
        let audience = with(|o| o.audience = true);
        assert_eq!(
            audience.refusal(Format::Script),
            Some(Refusal::AudienceScript)
        );
        for format in [Format::Markdown, Format::Html, Format::Marp, Format::Pptx] {
            assert_eq!(audience.refusal(format), None);
        }
        let stars = with(|o| {
            o.audience = true;
            o.show_stars = true;
        });
        assert_eq!(stars.refusal(Format::Html), Some(Refusal::StarsInAudience));
        let verdicts = with(|o| o.include_verdicts = true);
        assert_eq!(
            verdicts.refusal(Format::Markdown),
            Some(Refusal::VerdictsWithoutAudience)
        );
        assert_eq!(
            verdicts.refusal(Format::Script),
            verdicts.refusal(Format::Markdown)
        );
        for format in Format::ALL {
            assert_eq!(ExportOptions::default().refusal(format), None);
            let script_choices = with(|o| {
                o.starred_only = true;
                o.include_summaries = false;
                o.show_stars = true;
            });
            assert_eq!(script_choices.refusal(format), None);
        }
        assert_eq!(
            Refusal::AudienceScript.flags(),
            ["--audience", "--format script"]
        );
    }
}
