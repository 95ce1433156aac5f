//! What a slide shows, as text: its title, headers and rows, built from
//! the comparison and the notes for a slide of the talk.

use crate::model::Comparison;
use crate::notes::Notes;
use crate::session::present::Slide;

/// What a slide shows, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideText {
    /// The heading.
    pub title: String,
    /// Under the heading (the title slide's subjects).
    pub subtitle: String,
    /// The column headers: the subjects' short labels (else names).
    pub headers: Vec<String>,
    /// The rows: an aspect, then one cell per header.
    pub rows: Vec<Row>,
}

/// One row of a slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's label (a point's aspect, or "Summary").
    pub aspect: String,
    /// One cell per column.
    pub cells: Vec<String>,
    /// Emphasised (a highlighted point).
    pub highlighted: bool,
}

impl SlideText {
    /// The text of `slide`: the dimension's rows for the subjects in
    /// `columns`, the summaries first when `summaries` is on.
    #[must_use]
    pub fn of(
        c: &Comparison,
        notes: &Notes,
        slide: Slide,
        (columns, summaries): (&[usize], bool),
        talk: &[Slide],
    ) -> Self {
        let subjects: Vec<&crate::model::Subject> =
            columns.iter().filter_map(|&i| c.subjects.get(i)).collect();
        match slide {
            Slide::Title => Self {
                title: c.title.clone(),
                subtitle: c
                    .subjects
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join("  ·  "),
                headers: Vec::new(),
                rows: prose(&c.intro),
            },
            Slide::Verdicts => verdicts(c, notes, talk),
            Slide::Conclusion => Self {
                title: "Conclusion".to_owned(),
                subtitle: String::new(),
                headers: Vec::new(),
                rows: with_sources(prose(&c.conclusion), &c.sources),
            },
            Slide::End => Self {
                title: END.to_owned(),
                subtitle: String::new(),
                headers: Vec::new(),
                rows: Vec::new(),
            },
            Slide::Dimension(i) => {
                let Some(d) = c.dimensions.get(i) else {
                    return Self {
                        title: String::new(),
                        subtitle: String::new(),
                        headers: Vec::new(),
                        rows: Vec::new(),
                    };
                };
                let mut rows = Vec::new();
                if summaries {
                    rows.push(Row {
                        aspect: "Summary".to_owned(),
                        cells: subjects
                            .iter()
                            .map(|s| d.summary.get(&s.id).unwrap_or_default().to_owned())
                            .collect(),
                        highlighted: false,
                    });
                }
                rows.extend(d.points.iter().map(|p| {
                    Row {
                        aspect: p.aspect.clone(),
                        cells: subjects
                            .iter()
                            .map(|s| p.sides.get(&s.id).unwrap_or_default().to_owned())
                            .collect(),
                        highlighted: notes.is_highlighted(&d.id, &p.aspect),
                    }
                }));
                Self {
                    title: d.title.clone(),
                    subtitle: String::new(),
                    // Short labels, as in the deck's tables: a header
                    // is a narrow place.
                    headers: subjects.iter().map(|s| s.label().to_owned()).collect(),
                    rows,
                }
            }
        }
    }
}

/// What the end of the show says.
pub const END: &str = "End of the talk — Esc to leave";

/// Prose as a slide's rows: one a paragraph, across the whole slide (no
/// aspect, no columns), so that a long one is cut between words onto the
/// next page like any row.
fn prose(text: &str) -> Vec<Row> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Row {
            aspect: String::new(),
            cells: vec![p.to_owned()],
            highlighted: false,
        })
        .collect()
}

/// `rows`, then the sources under a "Sources:" line (as the deck's
/// conclusion ends), one a row.
fn with_sources(mut rows: Vec<Row>, sources: &[String]) -> Vec<Row> {
    let sources: Vec<&String> = sources.iter().filter(|s| !s.trim().is_empty()).collect();
    if !sources.is_empty() {
        rows.extend(prose("Sources:"));
        rows.extend(sources.iter().flat_map(|s| prose(&format!("• {s}"))));
    }
    rows
}

/// "Where each wins", as in the exported deck: how much each dimension of
/// the `talk` with a verdict matters and its better fit, under the summary.
fn verdicts(c: &Comparison, notes: &Notes, talk: &[Slide]) -> SlideText {
    use crate::talk::verdicts::{Summary, verdict_of, weight_of};
    // Only here, not for every slide drawn: a talk may have 10,000.
    let presented: Vec<usize> = talk
        .iter()
        .filter_map(|s| match s {
            Slide::Dimension(i) => Some(*i),
            Slide::Title | Slide::Verdicts | Slide::Conclusion | Slide::End => None,
        })
        .collect();
    let rows = presented
        .iter()
        .filter_map(|&i| {
            let winner = verdict_of(c, notes, i)?;
            let fit = match winner {
                Some(s) => c.subjects.get(s)?.name.clone(),
                None => "Even".to_owned(),
            };
            let weight = weight_of(c, notes, i);
            Some(Row {
                aspect: c.dimensions.get(i)?.title.clone(),
                cells: vec![
                    format!("{weight} of {}", crate::notes::talk::MAX_WEIGHT),
                    fit,
                ],
                highlighted: false,
            })
        })
        .collect();
    SlideText {
        title: "Where each wins".to_owned(),
        subtitle: Summary::of(c, notes, &presented).text(c),
        headers: vec!["Matters".to_owned(), "Better fit".to_owned()],
        rows,
    }
}
