//! The talk's annotations kept in the notes file: its length, the budgets,
//! the rehearsals and each dimension's verdict. No egui here; what is
//! worked out from them (budgets, pace, the verdicts' summary) is in
//! [`crate::talk`].
//!
//! Every field is left out of the file while it holds nothing, so a notes
//! file without a talk is written exactly as before these fields existed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How many rehearsals the notes file keeps (the last ones).
pub const KEPT_REHEARSALS: usize = 5;

/// The longest talk versus plans, in minutes (a full day).
pub const MAX_TALK_MINUTES: u32 = 24 * 60;

/// The longest budget for one slide, in seconds (ten hours).
pub const MAX_BUDGET_SECONDS: u32 = 10 * 60 * 60;

/// The highest weight a dimension can have.
pub const MAX_WEIGHT: u8 = 3;

/// The plan of the talk given from this comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Talk")]
pub struct Talk {
    /// The talk's length in minutes (0: not set).
    #[serde(skip_serializing_if = "is_zero")]
    pub minutes: u32,
    /// Budgets not set by hand follow what the presenter marked (the
    /// dimension's weight, highlights and note) rather than being equal.
    #[serde(skip_serializing_if = "is_false")]
    pub weighted: bool,
    /// The last rehearsals, oldest first (at most [`KEPT_REHEARSALS`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rehearsals: Vec<Rehearsal>,
}

impl Talk {
    /// Whether nothing is planned or recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.minutes == 0 && !self.weighted && self.rehearsals.is_empty()
    }

    /// Keeps `run`, dropping the oldest beyond [`KEPT_REHEARSALS`].
    pub fn record(&mut self, run: Rehearsal) {
        self.rehearsals.push(run);
        self.keep_within_limits();
    }

    /// Reads values past the limits as the limits: a length over
    /// [`MAX_TALK_MINUTES`], rehearsals beyond the last
    /// [`KEPT_REHEARSALS`] (a hand-edited file may hold anything).
    pub fn keep_within_limits(&mut self) {
        self.minutes = self.minutes.min(MAX_TALK_MINUTES);
        let extra = self.rehearsals.len().saturating_sub(KEPT_REHEARSALS);
        self.rehearsals.drain(..extra);
    }

    /// The last rehearsal, if any.
    #[must_use]
    pub fn last_rehearsal(&self) -> Option<&Rehearsal> {
        self.rehearsals.last()
    }
}

/// One rehearsal run: when, and the seconds spent on each dimension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Rehearsal")]
pub struct Rehearsal {
    /// When it started, as `YYYY-MM-DD HH:MM` in local time.
    pub date: String,
    /// Seconds spent on the title slide.
    #[serde(skip_serializing_if = "is_zero")]
    pub title: u32,
    /// Seconds spent on each dimension, by dimension id.
    pub seconds: BTreeMap<String, u32>,
}

impl Rehearsal {
    /// The whole run, in seconds.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.seconds
            .values()
            .fold(self.title, |sum, s| sum.saturating_add(*s))
    }
}

/// Which subject fits the audience's case better on one dimension.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    /// Neither: the subjects are even here.
    Even,
    /// This subject (by id) fits better.
    Subject(String),
}

/// Serde's `skip_serializing_if` needs a function of a reference.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes fields by reference"
)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Serde's `skip_serializing_if` needs a function of a reference.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes fields by reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_rehearsals_are_kept() {
        let mut talk = Talk::default();
        for i in 0..8 {
            talk.record(Rehearsal {
                date: format!("2026-11-{:02} 10:00", i + 1),
                ..Rehearsal::default()
            });
        }
        assert_eq!(talk.rehearsals.len(), KEPT_REHEARSALS);
        assert_eq!(talk.rehearsals[0].date, "2026-11-04 10:00");
        assert_eq!(talk.last_rehearsal().unwrap().date, "2026-11-08 10:00");
    }

    #[test]
    fn a_rehearsal_totals_the_title_and_every_dimension() {
        let run = Rehearsal {
            date: String::new(),
            title: 20,
            seconds: [("a".to_owned(), 60), ("b".to_owned(), 90)].into(),
        };
        assert_eq!(run.total(), 170);
    }
}
