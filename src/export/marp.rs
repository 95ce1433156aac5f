//! Slide deck export: Marp Markdown.
//!
//! The deck is the Marp front matter, then slides separated by `---`
//! lines:
//! - a title slide: the title and the subjects shown, with the overall note
//!   as speaker notes;
//! - per exported dimension, in the window's order: its title (with `★ `
//!   only when the options ask for the presenter's marks), the summaries
//!   whole, the points as a table (`Aspect` and one column per subject,
//!   headed by their short labels; a highlighted row in bold on a tinted
//!   background), what the subjects share, and the note as speaker notes;
//! - the conclusion (with the sources), when there is one.
//!
//! **No slide overflows.** Every slide is filled by one layout rule
//! ([`Pager`]): each block costs the lines it takes at the deck's type size
//! (text width measured with `unicode-width`, so CJK counts double), a
//! table row the lines of its tallest cell; a slide takes at most
//! [`BODY_LINES`] under its heading. What does not fit continues on the
//! next slide, headed `Title (cont.)`: long summaries move onto slides of
//! their own, long tables continue, and a paragraph or cell too long for
//! any slide is cut between sentences (else between words) into pieces that
//! fit. Every word is kept, in order. Tables use a fixed layout (equal
//! columns, long words wrapped) so that the rule's column widths are the
//! real ones.
//!
//! Slide text is written like the Markdown export (see [`super::md_text`]):
//! content is re-written from its parsed spans with everything that could
//! start structure escaped, so a content line such as `---`, `***` or
//! `___` cannot start a slide, and `<` is written `&lt;`, so content cannot
//! add HTML or comments.
//!
//! Speaker notes are HTML comments (`<!-- … -->`), Marp's own convention,
//! holding the note as plain text (a presenter view shows notes as text:
//! `**bold**` would show its stars), links as `text (url)`. In a run of
//! hyphens every hyphen after the first becomes U+2010 (‐), so `-->` in a
//! note cannot end the comment early and `---` cannot split a slide.
//! Their first line is a fixed label without a colon, so Marp never reads
//! a note such as `theme: gaia` as a directive (a comment is a directive
//! only when its whole text is a YAML mapping).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::markdown::Blocks;
use super::md_text::{Lines, Place, one_line, strong_line};
use super::{
    Column, ExportOptions, MISSING, clean, columns, highlights, is_highlighted, note, overall_note,
    selected_dimensions, side, star_prefix, summary,
};
use crate::model::{Comparison, Dimension, Span, for_each_span, plain_text};
use crate::notes::Notes;

/// The deck's front matter. The default theme's type is sized for a few
/// lines a slide; 22 px fits a table and its summaries. Tables have a fixed
/// layout (equal columns, long words wrapped): the layout rule counts on
/// it. A highlighted row (every cell bold) is tinted.
const FRONT_MATTER: &str = "---\n\
marp: true\n\
theme: default\n\
paginate: true\n\
style: |\n  \
section { font-size: 22px; padding: 48px 64px; }\n  \
h1 { font-size: 2em; }\n  \
h2 { font-size: 1.45em; margin-bottom: 0.5em; }\n  \
table { display: table; font-size: 0.9em; table-layout: fixed; width: 100%; }\n  \
th, td { padding: 0.3em 0.6em; overflow-wrap: anywhere; }\n  \
tr:has(> td:first-child > strong:only-child) > td { background: #fff1b8; }\n\
---";

/// Characters of body text in one line across a slide (1152 px of 22 px
/// type hold about 105; fewer, to be safe). Measured with the Marp CLI's
/// images of the built-in deck and a 3-subject deck with an 11-row table.
const LINE_CHARS: usize = 92;
/// Characters of table text across the slide (its type is 0.9 em).
const TABLE_CHARS: usize = 104;
/// Characters of a `##` heading in one line (1.45 em).
const HEADING_CHARS: usize = 56;
/// Lines of body text a slide holds under a one-line heading (about 550
/// px at 33 px a line: 16.7; fewer, to be safe).
const BODY_LINES: f32 = 14.5;
/// The most a paragraph may show before it is cut: what fills a slide.
const PARAGRAPH_MAX: usize = LINE_CHARS * 11;
/// The space after a paragraph or list, in lines.
const PARAGRAPH_GAP: f32 = 0.7;
/// A table row's padding and border, in lines; and its text's line height.
const ROW_PADDING: f32 = 0.4;
const ROW_LINE: f32 = 0.9;

/// The comparison and notes as a Marp slide deck.
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    let cols = columns(c, options);
    let mut slides: Vec<String> = Vec::new();

    let mut title = Blocks::default();
    title.push(format!("# {}", one_line(&c.title)));
    title.push(
        cols.iter()
            .map(|col| strong_line(col.name))
            .collect::<Vec<_>>()
            .join(" vs "),
    );
    if let Some(text) = overall_note(notes) {
        title.push(speaker_notes("Framing", text));
    }
    slides.push(title.join());

    for d in selected_dimensions(c, notes, options) {
        slides.extend(dimension_slides(d, notes, options, &cols));
    }

    let mut pager = Pager::new("Conclusion", None);
    pager.text(&c.conclusion, None);
    if !pager.is_empty() {
        let sources: Vec<&String> = c
            .sources
            .iter()
            .filter(|s| !plain_text(s).trim().is_empty())
            .collect();
        if !sources.is_empty() {
            pager.add("Sources:".to_owned(), text_cost("Sources:"));
            for source in sources {
                pager.item(source);
            }
        }
        slides.extend(pager.finish());
    }

    let mut out = String::from(FRONT_MATTER);
    for (i, slide) in slides.iter().enumerate() {
        out.push_str(if i == 0 { "\n\n" } else { "\n\n---\n\n" });
        out.push_str(slide);
    }
    out.push('\n');
    out
}

/// One dimension's slides: one when it fits, more when it does not.
fn dimension_slides(
    d: &Dimension,
    notes: &Notes,
    options: &ExportOptions,
    cols: &[Column<'_>],
) -> Vec<String> {
    let star = star_prefix(notes, d, options);
    let heading = format!("{star}{}", d.title);
    let speaker = note(notes, d).map(|text| speaker_notes("Presenter note", text));
    let mut pager = Pager::new(&heading, speaker);
    if options.include_summaries {
        for &col in cols {
            if let Some(text) = summary(d, col) {
                pager.text(text, Some(col.name));
            }
        }
    }
    table_slides(&mut pager, d, notes, cols);
    let common: Vec<&String> = d
        .common
        .iter()
        .filter(|s| !plain_text(s).trim().is_empty())
        .collect();
    if !common.is_empty() {
        pager.add("**In common**".to_owned(), text_cost("In common"));
        for item in common {
            pager.item(item);
        }
    }
    pager.finish()
}

/// The points as tables, as many rows on each slide as fit, the header
/// repeated on each; a cell too tall for any slide is cut into pieces on
/// rows of their own.
fn table_slides(pager: &mut Pager, d: &Dimension, notes: &Notes, cols: &[Column<'_>]) {
    if d.points.is_empty() {
        return;
    }
    let width = (TABLE_CHARS / (cols.len() + 1)).saturating_sub(2).max(4);
    let header_cells: Vec<Piece> = std::iter::once(Piece::of("Aspect", Place::Cell, false))
        .chain(
            cols.iter()
                .map(|col| Piece::of(col.label, Place::Cell, false)),
        )
        .collect();
    let header = Row::of(&header_cells, width);
    // A cell holds at most this much, so any row fits under the header.
    let cell_max = width * lines_that_fit(BODY_LINES - header.cost - ROW_PADDING - PARAGRAPH_GAP);
    let highlights = highlights(notes, d);
    let mut rows = Vec::new();
    for p in &d.points {
        let bold = is_highlighted(&highlights, p);
        let texts: Vec<&str> = std::iter::once(p.aspect.as_str())
            .chain(cols.iter().map(|&col| side(p, col).unwrap_or(MISSING)))
            .collect();
        let cut: Vec<Vec<Piece>> = texts
            .iter()
            .map(|text| pieces(text, Place::Cell, bold, cell_max))
            .collect();
        let height = cut.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let cells: Vec<Piece> = cut
                .iter()
                .map(|pieces| {
                    pieces.get(k).cloned().unwrap_or_else(|| {
                        if k == 0 {
                            Piece::of(MISSING, Place::Cell, bold)
                        } else {
                            Piece::default()
                        }
                    })
                })
                .collect();
            rows.push(Row::of(&cells, width));
        }
    }
    pager.table(&header, rows, cols.len() + 1);
}

/// One table row: its Markdown and its height in lines.
#[derive(Debug, Clone)]
struct Row {
    markdown: String,
    cost: f32,
}

impl Row {
    fn of(cells: &[Piece], width: usize) -> Self {
        let tallest = cells
            .iter()
            .map(|c| lines_of(&c.plain, width))
            .max()
            .unwrap_or(1);
        let markdown = cells
            .iter()
            .map(|c| c.markdown.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
        let cost = ROW_LINE * tallest as f32 + ROW_PADDING;
        Self {
            markdown: format!("| {markdown} |"),
            cost,
        }
    }
}

/// Slides being filled under one heading: blocks are added with their
/// cost in lines, and a block that does not fit starts the next slide,
/// headed `Title (cont.)`. The speaker notes go on the first.
struct Pager {
    heading: String,
    speaker: Option<String>,
    slides: Vec<Blocks>,
    used: f32,
    budget: f32,
}

impl Pager {
    fn new(title: &str, speaker: Option<String>) -> Self {
        let heading = one_line(title);
        // A heading of several lines takes room from the body (1.45 em).
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let extra = (lines_of(&plain_text(title), HEADING_CHARS) - 1) as f32 * 1.6;
        Self {
            heading,
            speaker,
            slides: vec![Blocks::default()],
            used: 0.0,
            budget: (BODY_LINES - extra).max(4.0),
        }
    }

    /// Adds a block, on a new slide when it does not fit on this one.
    fn add(&mut self, block: String, cost: f32) {
        if self.used > 0.0 && self.used + cost > self.budget {
            self.next_slide();
        }
        self.used += cost;
        self.current().push(block);
    }

    /// Whether nothing was added.
    fn is_empty(&self) -> bool {
        self.slides.len() == 1 && self.used == 0.0
    }

    /// Adds content `text` (inline Markdown), one block per paragraph, a
    /// paragraph too long for a slide cut into pieces; the first starts
    /// with `**label**: ` when there is a label.
    fn text(&mut self, text: &str, label: Option<&str>) {
        let mut label = label.map(|name| {
            (
                format!("{}: ", strong_line(name)),
                format!("{}: ", plain_text(name)),
            )
        });
        for piece in pieces(text, Place::Block, false, PARAGRAPH_MAX) {
            match label.take() {
                Some((markdown, plain)) => self.add(
                    format!("{markdown}{}", piece.markdown),
                    text_cost(&format!("{plain}{}", piece.plain)),
                ),
                None => self.add(piece.markdown, text_cost(&piece.plain)),
            }
        }
    }

    /// Adds content `text` as bullet items (a long one cut into pieces).
    fn item(&mut self, text: &str) {
        for piece in pieces(text, Place::Block, false, LINE_CHARS * 3) {
            self.add(format!("- {}", piece.markdown), text_cost(&piece.plain));
        }
    }

    /// Adds a table of `columns` columns: as many rows as fit on each
    /// slide, under the header.
    fn table(&mut self, header: &Row, rows: Vec<Row>, columns: usize) {
        let rule = format!("|{}", " --- |".repeat(columns));
        let empty = || vec![header.markdown.clone(), rule.clone()];
        let mut table = empty();
        let mut cost = header.cost + PARAGRAPH_GAP;
        for row in rows {
            if self.used + cost + row.cost > self.budget {
                let has_rows = table.len() > 2;
                if has_rows {
                    let done = std::mem::replace(&mut table, empty()).join("\n");
                    self.current().push(done);
                }
                if has_rows || self.used > 0.0 {
                    self.next_slide();
                    cost = header.cost + PARAGRAPH_GAP;
                }
            }
            cost += row.cost;
            table.push(row.markdown);
        }
        self.used += cost;
        let done = table.join("\n");
        self.current().push(done);
    }

    fn current(&mut self) -> &mut Blocks {
        if self.slides.is_empty() {
            self.slides.push(Blocks::default());
        }
        let last = self.slides.len() - 1;
        &mut self.slides[last]
    }

    fn next_slide(&mut self) {
        self.slides.push(Blocks::default());
        self.used = 0.0;
    }

    /// The slides, each with its heading; the speaker notes on the first.
    fn finish(self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, body) in self.slides.into_iter().enumerate() {
            let mut slide = Blocks::default();
            if i == 0 {
                slide.push(format!("## {}", self.heading));
            } else {
                slide.push(format!("## {} (cont.)", self.heading));
            }
            slide.push(body.join());
            if i == 0
                && let Some(speaker) = &self.speaker
            {
                slide.push(speaker.clone());
            }
            out.push(slide.join());
        }
        out
    }
}

/// A piece of content: its Markdown and the text it shows.
#[derive(Debug, Clone, Default)]
struct Piece {
    markdown: String,
    plain: String,
}

impl Piece {
    /// All of `text`, written for `place`.
    fn of(text: &str, place: Place, strong: bool) -> Self {
        let mut lines = Lines::new(place, strong, text);
        for_each_span(text, |span| lines.span(span));
        let markdown = lines
            .finish()
            .join(if place == Place::Cell { "<br>" } else { " " });
        Self {
            markdown,
            plain: plain_text(text),
        }
    }
}

/// `text` (inline Markdown) cut into pieces that each show at most `max`
/// columns: after a sentence where one ends late enough in the piece, else
/// at a space, else anywhere. In a block, each paragraph (or hard-broken
/// line) starts a piece; in a cell, lines stay together (joined with
/// `<br>`). Every word is kept, in order; styles carry over the cuts.
fn pieces(text: &str, place: Place, strong: bool, max: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lines = Lines::new(place, strong, text);
    let mut plain = String::new();
    let mut shown = 0;
    let finish = |lines: Lines, plain: &mut String, out: &mut Vec<Piece>| {
        let markdown = lines
            .finish()
            .join(if place == Place::Cell { "<br>" } else { " " });
        if !markdown.is_empty() {
            out.push(Piece {
                markdown,
                plain: plain.clone(),
            });
        }
        plain.clear();
    };
    for_each_span(text, |span| {
        for (i, segment) in span.text.split('\n').enumerate() {
            if i > 0 {
                if place == Place::Block {
                    let full = lines.fresh();
                    finish(std::mem::replace(&mut lines, full), &mut plain, &mut out);
                    shown = 0;
                } else {
                    lines.span(&Span {
                        text: "\n".to_owned(),
                        ..span.clone()
                    });
                    plain.push('\n');
                }
            }
            let mut rest = segment;
            while !rest.is_empty() {
                let room = max.saturating_sub(shown);
                let cut = if rest.width() <= room {
                    rest.len()
                } else {
                    cut_point(rest, room)
                };
                if cut == 0 && shown > 0 {
                    let full = lines.fresh();
                    finish(std::mem::replace(&mut lines, full), &mut plain, &mut out);
                    shown = 0;
                    continue;
                }
                // Nothing fits in an empty piece: one character at least.
                let cut = if cut == 0 {
                    rest.chars().next().map_or(rest.len(), char::len_utf8)
                } else {
                    cut
                };
                let part = &rest[..cut];
                lines.span(&Span {
                    text: part.to_owned(),
                    ..span.clone()
                });
                plain.push_str(part);
                shown += part.width();
                rest = &rest[cut..];
                if !rest.is_empty() {
                    let full = lines.fresh();
                    finish(std::mem::replace(&mut lines, full), &mut plain, &mut out);
                    shown = 0;
                    rest = rest.trim_start();
                }
            }
        }
    });
    finish(lines, &mut plain, &mut out);
    out
}

/// Where to cut `text` so that the first part shows at most `room`
/// columns: after the last sentence end in the second half of that room,
/// else after the last space, else as many characters as fit; 0 when not
/// even one character fits.
fn cut_point(text: &str, room: usize) -> usize {
    let mut width = 0;
    let mut fits = 0;
    let mut space = None;
    let mut sentence = None;
    let mut previous = ' ';
    for (i, ch) in text.char_indices() {
        let w = ch.width().unwrap_or(0);
        if width + w > room {
            break;
        }
        width += w;
        fits = i + ch.len_utf8();
        if ch.is_whitespace() {
            space = Some(i);
            if matches!(previous, '.' | '!' | '?' | ':' | ';') && width * 2 >= room {
                sentence = Some(i);
            }
        } else if matches!(ch, '。' | '！' | '？') && width * 2 >= room {
            sentence = Some(fits);
        }
        previous = ch;
    }
    sentence.or(space).unwrap_or(fits)
}

/// Lines that `text` takes at `width` columns a line (at least one).
fn lines_of(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|line| line.width().div_ceil(width.max(1)).max(1))
        .sum()
}

/// How many whole lines of table text fit in `room` lines (at least one).
fn lines_that_fit(room: f32) -> usize {
    let mut n = 1;
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    while ROW_LINE * (n + 1) as f32 <= room {
        n += 1;
    }
    n
}

/// The cost in lines of a paragraph showing `plain`.
fn text_cost(plain: &str) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a few hundred lines at most")]
    let lines = lines_of(plain, LINE_CHARS) as f32;
    lines + PARAGRAPH_GAP
}

/// The text of a note for a presenter view, which shows it as text: no
/// Markdown markers, each link as `text (url)`, the note's lines kept.
fn note_text(text: &str) -> String {
    text.lines().map(note_line).collect::<Vec<_>>().join("\n")
}

/// One line of a note as plain text (see [`note_text`]).
fn note_line(text: &str) -> String {
    let mut out = String::new();
    let mut link: Option<String> = None;
    for_each_span(text, |span| {
        if link.is_some()
            && link != span.link
            && let Some(url) = link.take()
        {
            out.push_str(" (");
            out.push_str(&url);
            out.push(')');
        }
        out.push_str(&span.text);
        link.clone_from(&span.link);
    });
    if let Some(url) = link {
        out.push_str(" (");
        out.push_str(&url);
        out.push(')');
    }
    out
}

/// Speaker notes: an HTML comment whose first line is `label` (which must
/// hold no colon) followed by the note's text as written.
fn speaker_notes(label: &str, text: &str) -> String {
    let mut body = String::new();
    let mut previous = None;
    for ch in clean(&note_text(text)).trim().chars() {
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

    fn deck_of(c: &Comparison) -> Vec<String> {
        let deck = render(c, &Notes::default(), &ExportOptions::default());
        deck.split("\n\n---\n\n")
            .skip(1)
            .map(str::to_owned)
            .collect()
    }

    fn dimension(points: usize, side: &str, summary: &str) -> Comparison {
        let mut c = Comparison::built_in();
        c.dimensions.truncate(1);
        let d = &mut c.dimensions[0];
        d.title = "Long".to_owned();
        d.common.clear();
        let template = d.points[0].clone();
        d.points = (0..points)
            .map(|i| {
                let mut p = template.clone();
                p.aspect = format!("Aspect {i}");
                for (_, text) in &mut p.sides.0 {
                    *text = format!("{side} {i}");
                }
                p
            })
            .collect();
        for (_, text) in &mut d.summary.0 {
            *text = summary.to_owned();
        }
        c
    }

    #[test]
    fn a_long_table_continues_on_slides_that_each_fit() {
        let c = dimension(11, "short text", "In short.");
        let slides = deck_of(&c);
        let long: Vec<&String> = slides.iter().filter(|s| s.starts_with("## Long")).collect();
        assert!(long.len() >= 2, "{long:#?}");
        assert!(long[1].starts_with("## Long (cont.)"), "{}", long[1]);
        let rows: usize = long
            .iter()
            .map(|s| s.matches("| Aspect ").count() - 1)
            .sum();
        assert_eq!(rows, 11, "every row once");
        for slide in &long {
            assert!(
                slide.contains("| Aspect | PM | TM |"),
                "header on each: {slide}"
            );
        }
    }

    #[test]
    fn a_long_summary_is_cut_between_sentences_and_keeps_every_word() {
        let sentence = "This sentence has exactly eight words in it. ";
        let summary = sentence.repeat(60);
        let c = dimension(2, "x", &summary);
        let slides = deck_of(&c);
        let long: Vec<&String> = slides.iter().filter(|s| s.starts_with("## Long")).collect();
        assert!(long.len() >= 3, "{}", long.len());
        let text: String = long
            .iter()
            .map(|s| plain_text(s))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            text.matches("This sentence has exactly eight words in it.")
                .count(),
            120
        );
    }

    #[test]
    fn pieces_keep_every_word_and_fit() {
        let text = "One **two three** four. `five six` [seven](https://x.org) 八九十".repeat(20);
        let all = pieces(&text, Place::Block, false, 40);
        let words: Vec<String> = all
            .iter()
            .flat_map(|p| {
                p.plain
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<String> = plain_text(&text)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        assert_eq!(words.concat(), expected.concat());
        for p in &all {
            assert!(p.plain.width() <= 40, "{:?}", p.plain);
            assert_eq!(plain_text(&p.markdown).trim(), p.plain.trim());
        }
    }

    #[test]
    fn speaker_notes_are_plain_text_with_links_spelt_out() {
        assert_eq!(
            note_text("**Say** this, see [the doc](https://x.org)."),
            "Say this, see the doc (https://x.org)."
        );
    }
}
