//! Slide deck export: Marp Markdown.
//!
//! The deck is the Marp front matter, then slides separated by `---`
//! lines:
//! - a title slide: the title, the subjects shown and the intro (continued
//!   on `Title (cont.)` slides when it does not fit), with the overall note
//!   as speaker notes;
//! - per exported dimension, in the window's order: its title (with `★ `
//!   only when the options ask for the presenter's marks), the summaries
//!   whole, the points as a table (`Aspect` and one column per subject,
//!   headed by their short labels; a highlighted row in bold on a tinted
//!   background), what the subjects share, and the note as speaker notes;
//! - "Where each wins", when an exported dimension has a verdict: a table
//!   (`Dimension`, `Matters`, `Better fit`) of those that have one, then
//!   the summary and what would flip it (continued like any table);
//! - the conclusion (with the sources), when there is one.
//!
//! The audience version ([`ExportOptions::audience`]) has no speaker notes
//! and no stars, and no "Where each wins" unless
//! [`ExportOptions::include_verdicts`] asks for it.
//!
//! **No slide overflows.** Every slide is filled by one layout rule
//! ([`Pager`]): each block costs the lines it takes at the deck's type size
//! (text width measured with `unicode-width`, so CJK counts double), a
//! table row the lines of its tallest cell; a slide takes at most
//! `layout::BODY_LINES` under its heading. What does not fit continues on the
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

use super::layout::{self, MarpSlides, conclusion_body, dimension_slides, text_cost, verdict_body};
use super::md_text::strong_line;
use super::sink::Sink;
use super::verdicts::{self, Verdicts};
use super::{ExportOptions, Input, clean, note, overall_note, selected};
use crate::model::{Comparison, for_each_span, plain_text};
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

/// The comparison and notes as a Marp slide deck (see
/// [`super::export_text`]).
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    super::export_text(super::Format::Marp, c, notes, options).unwrap_or_default()
}

/// The deck being written: each slide goes out as soon as it is made.
struct Deck<'s, 'w> {
    out: &'s mut Sink<'w>,
    slides: usize,
}

impl Deck<'_, '_> {
    fn slide(&mut self, slide: &str) -> std::io::Result<()> {
        self.out.push_str(if self.slides == 0 {
            "\n\n"
        } else {
            "\n\n---\n\n"
        });
        self.out.push_str(slide);
        self.slides += 1;
        self.out.spill()
    }
}

/// Writes the Marp deck into `out`, a slide at a time.
pub(super) fn write(input: &Input<'_>, out: &mut Sink<'_>) -> std::io::Result<()> {
    let (c, notes, options, cols) = (input.c, input.notes, input.options, &input.cols);
    out.push_str(FRONT_MATTER);
    let mut deck = Deck { out, slides: 0 };

    let framing = overall_note(notes, options).map(|text| speaker_notes("Framing", text));
    let mut emit = |slide: String| deck.slide(&slide);
    let mut title = Pager::title_slide(&c.title, framing, &mut emit);
    let names: Vec<String> = cols.iter().map(|col| plain_text(col.name)).collect();
    title.add(
        cols.iter()
            .map(|col| strong_line(col.name))
            .collect::<Vec<_>>()
            .join(" vs "),
        text_cost(&names.join(" vs ")),
    )?;
    title.text(&c.intro, None)?;
    title.finish()?;

    let dimensions = selected(c, notes, options);
    for &(_, d) in &dimensions {
        let speaker = note(notes, d, options).map(|text| speaker_notes("Presenter note", text));
        let mut emit = |slide: String| deck.slide(&slide);
        let pager = |heading: &str| Pager::new(heading, speaker, &mut emit);
        dimension_slides(pager, d, notes, options, cols)?;
        deck.out.dimension_done()?;
    }

    let indices: Vec<usize> = dimensions.iter().map(|&(i, _)| i).collect();
    let mut emit = |slide: String| deck.slide(&slide);
    if let Some(v) = Verdicts::of(c, notes, &indices).filter(|_| options.shows_verdicts()) {
        verdict_body(Pager::new(verdicts::HEADING, None, &mut emit), &v)?;
    }

    conclusion_body(Pager::new("Conclusion", None, &mut emit), c)?;
    deck.out.push('\n');
    Ok(())
}

/// The deck's slides under one heading (see [`layout::Pager`]).
type Pager<'e> = layout::Pager<MarpSlides<'e>>;

/// The text of a note for a presenter view, which shows it as text: no
/// Markdown markers, each link as `text (url)`, the note's lines kept.
pub(super) fn note_text(text: &str) -> String {
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
    use crate::export::md_text::Place;
    use unicode_width::UnicodeWidthStr;

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
        let all = crate::export::layout::pieces(&text, Place::Block, (false, true), 40);
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
    fn a_long_verdicts_table_continues_and_keeps_every_row() {
        use crate::notes::Verdict;
        let mut c = dimension(1, "x", "In short.");
        let template = c.dimensions[0].clone();
        c.dimensions = (0..30)
            .map(|i| {
                let mut d = template.clone();
                d.id = format!("d{i}");
                d.title = format!("Dimension number {i}");
                d
            })
            .collect();
        let mut notes = Notes::default();
        for (i, d) in c.dimensions.iter().enumerate() {
            let n = notes.entry(&d.id);
            n.verdict = Some(if i % 3 == 0 {
                Verdict::Even
            } else {
                Verdict::Subject(c.subjects[i % 2].id.clone())
            });
            n.weight = u8::try_from(i % 4).ok();
        }
        let slides = deck_of_with(&c, &notes);
        let wins: Vec<&String> = slides
            .iter()
            .filter(|s| s.starts_with("## Where each wins"))
            .collect();
        assert!(wins.len() >= 2, "{wins:#?}");
        assert!(wins[1].starts_with("## Where each wins (cont.)"));
        for slide in &wins {
            assert!(
                slide.contains("| Dimension | Matters | Better fit |"),
                "{wins:#?}"
            );
        }
        for i in 0..30 {
            let row = format!("| Dimension number {i} |");
            let count: usize = wins.iter().map(|s| s.matches(&row).count()).sum();
            assert_eq!(count, 1, "row {i} once");
        }
        let last = wins.last().unwrap();
        assert!(last.contains("weighted dimensions"), "{last}");
        // Before the conclusion, which stays the last slide.
        assert!(slides.last().unwrap().starts_with("## Conclusion"));
    }

    fn deck_of_with(c: &Comparison, notes: &Notes) -> Vec<String> {
        let deck = render(c, notes, &ExportOptions::default());
        deck.split("\n\n---\n\n")
            .skip(1)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn speaker_notes_are_plain_text_with_links_spelt_out() {
        assert_eq!(
            note_text("**Say** this, see [the doc](https://x.org)."),
            "Say this, see the doc (https://x.org)."
        );
    }
}
