//! The speaker script: the presenter's own printable page for the talk
//! (one self-contained HTML file, styled like the HTML export).
//!
//! At the top: the title, the subjects shown, the talk's length and the
//! planned total ([`Plan::total_text`]), the last rehearsal when there is
//! one, the verdicts' summary over the presented dimensions when they
//! have verdicts, and the overall note. Then one `<section class="slide">`
//! per presented dimension, in order ([`presented`]):
//! its slide number (the title slide is slide 1), its title, its budget
//! ("set by hand" or "proposed"), the running time at the end of the
//! slide, the seconds the last rehearsal spent on it, the verdict and how
//! much the dimension matters, its summaries, its highlighted rows (the
//! aspect and the cells of the subjects shown) and the note. When printed, a slide's
//! section is kept on one page where it fits.
//!
//! The options mean here what they mean in the talk: `starred_only`
//! presents the starred dimensions (all of them when none is starred, as
//! the window's "Present starred dimensions only" does), `include_summaries`
//! puts each slide's summaries of the subjects shown above its rows,
//! `show_stars` puts ★ before a starred slide's title, and `subjects` picks
//! the columns. The script is private by nature: it has no audience
//! version ([`ExportOptions::refusal`] refuses `audience` with it, and the
//! writer ignores it). All content and notes are escaped as in the HTML
//! export.

use super::html::{escape, inline, note_block, page_start, push, subjects_line, summaries};
use super::sink::Sink;
use super::verdicts::{self, Verdicts};
use super::{Column, ExportOptions, Input, MISSING, highlights, is_highlighted, non_blank};
use crate::model::{Comparison, Dimension};
use crate::notes::Notes;
use crate::talk::plan::presented;
use crate::talk::verdicts::weight_of;
use crate::talk::{Budget, Plan, clock_text};

/// What the script adds to the HTML export's style sheet.
const SCRIPT_STYLE: &str = r"
.kind { margin: 0; font-size: .8rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; }
.plan { font-size: 1.05rem; }
.number { display: inline-block; min-width: 5.5rem; font-size: .9rem; font-weight: 700; }
dl.timing { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0 .8rem; }
dl.timing dt { font-weight: 600; }
dl.timing dd { margin: 0; }
@media print {
  section.slide { break-inside: avoid; page-break-inside: avoid; }
  dl.timing { break-inside: avoid; page-break-inside: avoid; }
}
";

/// The speaker script: the talk slide by slide, with the presenter's
/// notes (see [`super::export_text`]).
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    super::export_text(super::Format::Script, c, notes, options).unwrap_or_default()
}

/// Writes the speaker script into `out`, a slide at a time. See the
/// module's documentation for what it holds; `audience` is ignored (the
/// script is for the presenter alone).
pub(super) fn write(input: &Input<'_>, out: &mut Sink<'_>) -> std::io::Result<()> {
    let (c, notes, options, cols) = (input.c, input.notes, input.options, &input.cols);
    let shown = presented(c, notes, options.starred_only);
    let plan = Plan::new(c, notes, &shown);
    page_start(out, c, "Speaker script: ", SCRIPT_STYLE, "Speaker script");
    push(
        out,
        &[
            &subjects_line(cols),
            "\n<p class=\"plan\"><strong>Talk:</strong> ",
            &escape(&length_text(notes.talk.minutes)),
            " · <strong>Planned:</strong> ",
            &escape(&plan.total_text()),
            "</p>\n",
        ],
    );
    if let Some(run) = notes.talk.last_rehearsal() {
        push(
            out,
            &[
                "<p class=\"rehearsal\"><strong>Last rehearsal:</strong> ",
                &escape(&run.date),
                " (",
                &escape(&clock_text(i64::from(run.total()))),
                " in all)</p>\n",
            ],
        );
    }
    if let Some(v) = Verdicts::of(c, notes, &shown) {
        out.push_str("<p class=\"verdicts\"><strong>Where each wins:</strong> ");
        out.push_str(&inline(&v.paragraph()));
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n");
    if let Some(text) = non_blank(&notes.overall) {
        push(
            out,
            &[
                "<section class=\"framing\">\n",
                &note_block("Framing note", text),
                "</section>\n",
            ],
        );
    }
    let mut running: u32 = 0;
    for (k, budget) in plan.budgets.iter().enumerate() {
        let Some(d) = c.dimensions.get(budget.dimension) else {
            continue;
        };
        running = running.saturating_add(budget.seconds);
        let slide = Slide {
            number: k + 2,
            budget,
            target: plan.target,
            running,
        };
        slide_section(out, c, notes, d, &slide, cols, options);
        out.dimension_done()?;
    }
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(())
}

/// "20 minutes", or that no length is set.
fn length_text(minutes: u32) -> String {
    match minutes {
        0 => "no length set".to_owned(),
        1 => "1 minute".to_owned(),
        n => format!("{n} minutes"),
    }
}

/// Where one presented dimension stands in the talk.
struct Slide<'a> {
    /// Its slide number (the title slide is 1).
    number: usize,
    /// Its budget.
    budget: &'a Budget,
    /// The talk's length in seconds (0: not set).
    target: u32,
    /// The planned seconds from the start to the end of this slide.
    running: u32,
}

impl Slide<'_> {
    /// "1:30 (set by hand)", "1:26 (proposed)", or that there is none.
    fn budget_text(&self) -> String {
        let clock = clock_text(i64::from(self.budget.seconds));
        if self.budget.by_hand {
            format!("{clock} (set by hand)")
        } else if self.target == 0 {
            // Without a length versus proposes nothing: 0:00 would read
            // like a real budget.
            "none (no talk length set)".to_owned()
        } else {
            format!("{clock} (proposed)")
        }
    }
}

/// One presented dimension's section.
fn slide_section(
    out: &mut String,
    c: &Comparison,
    notes: &Notes,
    d: &Dimension,
    slide: &Slide<'_>,
    cols: &[Column<'_>],
    options: &ExportOptions,
) {
    let number = slide.number.to_string();
    let title = inline(&d.title);
    let title = if title.is_empty() { MISSING } else { &title };
    // The script has no audience version: `show_stars` alone decides.
    let star = if options.show_stars && notes.is_starred(&d.id) {
        "<span class=\"star\" title=\"Starred\">★</span> "
    } else {
        ""
    };
    push(
        out,
        &[
            "<section class=\"slide\">\n<h2><span class=\"number\">Slide ",
            &number,
            "</span> ",
            star,
            title,
            "</h2>\n<dl class=\"timing\">\n",
        ],
    );
    let mut term = |name: &str, value: &str| {
        push(out, &["<dt>", name, "</dt><dd>", value, "</dd>\n"]);
    };
    term("Budget", &escape(&slide.budget_text()));
    term("Ends at", &escape(&clock_text(i64::from(slide.running))));
    if let Some(run) = notes.talk.last_rehearsal() {
        let rehearsed = run
            .seconds
            .get(&d.id)
            .map_or_else(|| "not reached".to_owned(), |s| clock_text(i64::from(*s)));
        term("Last rehearsal", &escape(&rehearsed));
    }
    let name = verdicts::fit(c, notes, slide.budget.dimension).map(|fit| inline(fit.name));
    let name = match name.as_deref() {
        Some("") => MISSING,
        Some(name) => name,
        None => "not decided",
    };
    term("Better fit", name);
    let weight = weight_of(c, notes, slide.budget.dimension);
    term("Matters", &escape(&verdicts::matters(weight)));
    out.push_str("</dl>\n");
    if options.include_summaries {
        out.push_str(&summaries(d, cols));
    }
    highlighted_rows(out, notes, d, cols);
    if let Some(text) = non_blank(notes.text(&d.id)) {
        out.push_str(&note_block("Note", text));
    }
    out.push_str("</section>\n");
}

/// The dimension's highlighted rows as a table (`Aspect` and the subjects
/// shown); nothing when none is highlighted.
fn highlighted_rows(out: &mut String, notes: &Notes, d: &Dimension, cols: &[Column<'_>]) {
    let highlights = highlights(notes, d);
    let rows: Vec<_> = d
        .points
        .iter()
        .filter(|p| is_highlighted(&highlights, p))
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("<table class=\"highlights\">\n<thead>\n<tr><th scope=\"col\">Aspect</th>");
    for col in cols {
        push(out, &["<th scope=\"col\">", &inline(col.name), "</th>"]);
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for p in rows {
        out.push_str("<tr>");
        super::html::row_cells(out, p, cols);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Rehearsal, Verdict};

    #[test]
    fn budgets_say_where_they_come_from() {
        let budget = Budget {
            dimension: 0,
            seconds: 90,
            by_hand: true,
        };
        let mut slide = Slide {
            number: 2,
            budget: &budget,
            target: 600,
            running: 90,
        };
        assert_eq!(slide.budget_text(), "1:30 (set by hand)");
        let proposed = Budget {
            by_hand: false,
            ..budget
        };
        slide.budget = &proposed;
        assert_eq!(slide.budget_text(), "1:30 (proposed)");
        slide.target = 0;
        assert_eq!(slide.budget_text(), "none (no talk length set)");
        assert_eq!(length_text(0), "no length set");
        assert_eq!(length_text(20), "20 minutes");
    }

    #[test]
    fn the_script_presents_the_starred_slides_with_their_times() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        notes.talk.minutes = 10;
        let (a, b) = (&c.dimensions[1], &c.dimensions[3]);
        notes.toggle_star(&a.id);
        notes.toggle_star(&b.id);
        notes.entry(&a.id).budget = Some(240);
        notes.entry(&b.id).verdict = Some(Verdict::Subject(c.subjects[0].id.clone()));
        notes.entry(&b.id).text = "Say *this*.".to_owned();
        notes.talk.record(Rehearsal {
            date: "2026-11-08 10:00".to_owned(),
            title: 30,
            seconds: [(a.id.clone(), 250)].into(),
        });
        let options = ExportOptions {
            starred_only: true,
            audience: true,
            ..ExportOptions::default()
        };
        let html = render(&c, &notes, &options);
        assert_eq!(html.matches("<section class=\"slide\">").count(), 2);
        assert!(html.contains("Slide 2</span>") && html.contains("Slide 3</span>"));
        assert!(html.contains("<dd>4:00 (set by hand)</dd>"), "{html}");
        assert!(html.contains("<dd>6:00 (proposed)</dd>"), "{html}");
        // The running time at the end of the second slide: the whole talk.
        assert!(html.contains("<dt>Ends at</dt><dd>10:00</dd>"), "{html}");
        assert!(html.contains("<dd>4:10</dd>") && html.contains("not reached"));
        assert!(
            html.contains("Say <em>this</em>."),
            "audience means nothing here"
        );
        assert!(html.contains(&c.subjects[0].name));
    }
}
