//! Where each subject wins: the verdicts recorded per dimension, weighed,
//! summed, and the single dimension that would change the outcome.

use std::collections::HashMap;

use crate::model::Comparison;
use crate::notes::{DimensionNotes, Notes, Verdict};

/// One subject's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Index of the subject.
    pub subject: usize,
    /// Dimensions it wins (weight above 0).
    pub wins: usize,
    /// The sum of their weights.
    pub points: u32,
}

/// The verdicts of a comparison, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Dimensions with a verdict (even or a subject) and a weight above 0.
    pub decided: usize,
    /// Every subject, most points first (ties in content order).
    pub standings: Vec<Standing>,
    /// The dimension (index) of least weight whose verdict, given to the
    /// runner-up instead, would put the runner-up ahead; `None` when no
    /// single dimension would, or when the top two are level.
    pub flip: Option<usize>,
}

/// The verdict on a dimension as the subject's index (`None` for even),
/// or nothing when there is no verdict or it names no subject of `c`.
#[must_use]
pub fn verdict_of(c: &Comparison, notes: &Notes, dimension: usize) -> Option<Option<usize>> {
    let d = c.dimensions.get(dimension)?;
    winner(c, notes.get(&d.id)?.verdict.as_ref()?)
}

/// What `verdict` gives: the subject's index (`None` for even), or
/// nothing when it names no subject of `c`.
#[expect(
    clippy::option_option,
    reason = "the same three cases as `verdict_of`, which is public"
)]
fn winner(c: &Comparison, verdict: &Verdict) -> Option<Option<usize>> {
    match verdict {
        Verdict::Even => Some(None),
        Verdict::Subject(id) => c.subjects.iter().position(|s| &s.id == id).map(Some),
    }
}

/// The weight of a dimension (1 when not set).
#[must_use]
pub fn weight_of(c: &Comparison, notes: &Notes, dimension: usize) -> u8 {
    c.dimensions
        .get(dimension)
        .and_then(|d| notes.get(&d.id))
        .map_or(1, crate::notes::DimensionNotes::weight)
}

impl Summary {
    /// Sums the verdicts on `dimensions` (indices; usually all of them).
    #[must_use]
    pub fn of(c: &Comparison, notes: &Notes, dimensions: &[usize]) -> Self {
        let mut standings: Vec<Standing> = (0..c.subjects.len())
            .map(|subject| Standing {
                subject,
                wins: 0,
                points: 0,
            })
            .collect();
        let mut decided = 0;
        // (dimension, winner, weight) of every decided dimension.
        let mut votes = Vec::new();
        // Only the dimensions with a verdict count: found in one pass over
        // the notes, then a hash lookup per dimension (the overview and the
        // talk panel sum them every frame, over up to 10,000 dimensions).
        let with_verdict: HashMap<&str, &DimensionNotes> = notes
            .dimensions
            .iter()
            .filter(|(_, n)| n.verdict.is_some())
            .map(|(id, n)| (id.as_str(), n))
            .collect();
        for &i in dimensions {
            if with_verdict.is_empty() {
                break;
            }
            let Some(n) = c
                .dimensions
                .get(i)
                .and_then(|d| with_verdict.get(d.id.as_str()))
            else {
                continue;
            };
            let w = n.weight();
            let Some(winner) = n.verdict.as_ref().and_then(|v| winner(c, v)) else {
                continue;
            };
            if w == 0 {
                continue;
            }
            decided += 1;
            votes.push((i, winner, u32::from(w)));
            if let Some(s) = winner.and_then(|s| standings.get_mut(s)) {
                s.wins += 1;
                s.points += u32::from(w);
            }
        }
        standings.sort_by_key(|s| std::cmp::Reverse(s.points));
        let flip = match standings.as_slice() {
            [leader, runner, ..] if leader.points > runner.points => {
                let gap = leader.points - runner.points;
                votes
                    .iter()
                    .filter(|(_, winner, w)| {
                        if *winner == Some(leader.subject) {
                            2 * w > gap
                        } else if *winner == Some(runner.subject) {
                            false
                        } else {
                            *w > gap
                        }
                    })
                    .min_by_key(|(_, _, w)| *w)
                    .map(|(i, _, _)| *i)
            }
            _ => None,
        };
        Self {
            decided,
            standings,
            flip,
        }
    }

    /// "Technology Management ahead on 4 of 7 weighted dimensions, 9 to 5",
    /// "Level at 6 to 6 over 5 weighted dimensions", or "No verdicts yet".
    #[must_use]
    pub fn text(&self, c: &Comparison) -> String {
        let name = |i: usize| c.subjects.get(i).map_or("?", |s| s.name.as_str());
        match self.standings.as_slice() {
            _ if self.decided == 0 => "No verdicts yet".to_owned(),
            [leader, runner, ..] if leader.points > runner.points => format!(
                "{} ahead on {} of {} weighted dimension{}, {} to {}",
                name(leader.subject),
                leader.wins,
                self.decided,
                if self.decided == 1 { "" } else { "s" },
                leader.points,
                runner.points
            ),
            [leader, ..] => format!(
                "Level at {} to {} over {} weighted dimension{}",
                leader.points,
                leader.points,
                self.decided,
                if self.decided == 1 { "" } else { "s" }
            ),
            [] => "No subjects".to_owned(),
        }
    }

    /// "Flips if Cost goes to Project Management", or why nothing does.
    #[must_use]
    pub fn flip_text(&self, c: &Comparison) -> String {
        match (self.flip, self.standings.get(1)) {
            (Some(d), Some(runner)) => format!(
                "Flips if \"{}\" goes to {}",
                c.dimensions.get(d).map_or("?", |d| d.title.as_str()),
                c.subjects
                    .get(runner.subject)
                    .map_or("?", |s| s.name.as_str())
            ),
            _ if self.decided == 0 => String::new(),
            _ => "No single dimension flips it".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(c: &Comparison, notes: &mut Notes, d: usize, subject: Option<usize>, weight: u8) {
        let n = notes.entry(&c.dimensions[d].id);
        n.verdict = Some(match subject {
            Some(s) => Verdict::Subject(c.subjects[s].id.clone()),
            None => Verdict::Even,
        });
        n.weight = Some(weight);
    }

    #[test]
    fn the_summary_weighs_the_verdicts_and_names_the_flip() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        let all: Vec<usize> = (0..c.dimensions.len()).collect();
        assert_eq!(Summary::of(&c, &notes, &all).text(&c), "No verdicts yet");
        // Subject 1 wins 4 (weights 3, 2, 2, 2 = 9), subject 0 wins 2
        // (3 + 2 = 5), one is even.
        decide(&c, &mut notes, 0, Some(1), 3);
        decide(&c, &mut notes, 1, Some(1), 2);
        decide(&c, &mut notes, 2, Some(1), 2);
        decide(&c, &mut notes, 3, Some(1), 2);
        decide(&c, &mut notes, 4, Some(0), 3);
        decide(&c, &mut notes, 5, Some(0), 2);
        decide(&c, &mut notes, 6, None, 1);
        let s = Summary::of(&c, &notes, &all);
        let tm = &c.subjects[1].name;
        assert_eq!(
            s.text(&c),
            format!("{tm} ahead on 4 of 7 weighted dimensions, 9 to 5")
        );
        // Gap 4: only the weight-3 win moves it (9-3 = 6 < 5+3 = 8).
        assert_eq!(s.flip, Some(0));
        assert!(s.flip_text(&c).contains(&c.dimensions[0].title));
        // Weight 0 takes a dimension out of the count.
        decide(&c, &mut notes, 0, Some(1), 0);
        let s = Summary::of(&c, &notes, &all);
        assert_eq!(s.decided, 6);
        assert_eq!(s.standings[0].points, 6);
        // 6 to 5: giving the even one (weight 1) to subject 0 would tie,
        // not flip; a weight-2 win moved over does flip.
        assert_eq!(s.flip, Some(1));
    }

    #[test]
    fn a_level_score_has_no_flip_and_says_level() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        decide(&c, &mut notes, 0, Some(0), 2);
        decide(&c, &mut notes, 1, Some(1), 2);
        let s = Summary::of(&c, &notes, &[0, 1, 2]);
        assert_eq!(s.flip, None);
        assert_eq!(s.text(&c), "Level at 2 to 2 over 2 weighted dimensions");
        assert_eq!(s.flip_text(&c), "No single dimension flips it");
    }

    #[test]
    fn a_verdict_for_an_unknown_subject_counts_for_nobody() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        notes.entry(&c.dimensions[0].id).verdict = Some(Verdict::Subject("gone".to_owned()));
        assert_eq!(verdict_of(&c, &notes, 0), None);
        assert_eq!(Summary::of(&c, &notes, &[0]).decided, 0);
    }
}
