//! Merging two versions of a notes file field by field, the way a
//! structure-aware merge driver merges source code: nothing either side
//! wrote is lost. No egui here.
//!
//! With a common ancestor (git's merge base, or the version versus last
//! read or wrote) the merge is three-way ([`merge3`]); without one (a
//! colleague's copy of the notes) it is two-way ([`merge2`]) and nothing
//! of either is dropped.
//! The rules, field by field, are in `docs/notes-format.md`.

mod check;
mod review;
#[cfg(test)]
mod tests;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use super::talk::{KEPT_REHEARSALS, Rehearsal, Talk};
use super::{DimensionNotes, Notes};

pub use check::MergeCheck;
pub use review::{Choice, Review, ReviewItem};
pub use text::EXACT_DIFF_LINES;
use text::merge_text;

/// The line that separates our version of some lines from theirs in a note
/// where both sides changed the same lines.
pub const THEIR_VERSION: &str = "— their version —";

/// The line that ends their version of some lines.
pub const END_OF_THEIR_VERSION: &str = "— end of their version —";

/// Where a merge kept both versions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The overall note or the talk's length.
    Overall,
    /// A dimension, by id.
    Dimension(String),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Overall => f.write_str("the overall note or talk length"),
            Self::Dimension(id) => write!(f, "dimension \"{id}\""),
        }
    }
}

/// The result of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The merged notes.
    pub notes: Notes,
    /// Where both versions were kept (each flagged "merged, check" in the
    /// notes), in order. Empty: the merge was clean.
    pub kept_both: Vec<Place>,
}

impl Merged {
    /// Whether nothing needed both versions kept.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.kept_both.is_empty()
    }
}

/// Three-way merge of `ours` and `theirs`, both changed from `base`.
#[must_use]
pub fn merge3(base: &Notes, ours: &Notes, theirs: &Notes) -> Merged {
    merge(Some(base), ours, theirs)
}

/// Two-way merge with no common ancestor: nothing of either is dropped.
/// A value both set differently keeps ours, with theirs in the flag.
#[must_use]
pub fn merge2(ours: &Notes, theirs: &Notes) -> Merged {
    merge(None, ours, theirs)
}

fn merge(base: Option<&Notes>, ours: &Notes, theirs: &Notes) -> Merged {
    let empty = Notes::default();
    let b = base.unwrap_or(&empty);
    let mut kept_both = Vec::new();

    let (overall, overall_both) = merge_text(
        base.map(|n| n.overall.as_str()),
        &ours.overall,
        &theirs.overall,
        EXACT_DIFF_LINES,
    );
    let minutes = value3(&b.talk.minutes, &ours.talk.minutes, &theirs.talk.minutes);
    let mut check = value3(&b.merged, &ours.merged, &theirs.merged)
        .value
        .unwrap_or_default();
    check.both_texts |= overall_both;
    if minutes.conflict {
        check.their_minutes = Some(theirs.talk.minutes);
    }
    if overall_both || minutes.conflict {
        kept_both.push(Place::Overall);
    }

    let none = DimensionNotes::default();
    let ids: BTreeSet<&String> = ours
        .dimensions
        .keys()
        .chain(theirs.dimensions.keys())
        .collect();
    let mut dimensions = BTreeMap::new();
    for id in ids {
        let o = ours.dimensions.get(id).unwrap_or(&none);
        let t = theirs.dimensions.get(id).unwrap_or(&none);
        let bd = b.dimensions.get(id).unwrap_or(&none);
        let base_text = base.map(|_| bd.text.as_str());
        let (merged, both) = merge_dimension(base_text, bd, o, t);
        if both {
            kept_both.push(Place::Dimension(id.clone()));
        }
        dimensions.insert(id.clone(), merged);
    }

    let notes = Notes {
        comparison: value3(&b.comparison, &ours.comparison, &theirs.comparison).value,
        overall,
        dimensions,
        talk: Talk {
            minutes: minutes.value,
            weighted: value3(&b.talk.weighted, &ours.talk.weighted, &theirs.talk.weighted).value,
            rehearsals: merge_rehearsals(&ours.talk.rehearsals, &theirs.talk.rehearsals),
        },
        merged: (!check.is_empty()).then_some(check),
    };
    Merged { notes, kept_both }
}

/// One dimension; `base_text` is `None` in a two-way merge. Returns the
/// merged notes and whether both versions of something were kept.
fn merge_dimension(
    base_text: Option<&str>,
    b: &DimensionNotes,
    o: &DimensionNotes,
    t: &DimensionNotes,
) -> (DimensionNotes, bool) {
    let (text, both_texts) = merge_text(base_text, &o.text, &t.text, EXACT_DIFF_LINES);
    let verdict = value3(&b.verdict, &o.verdict, &t.verdict);
    let weight = value3(&b.weight, &o.weight, &t.weight);
    let budget = value3(&b.budget, &o.budget, &t.budget);
    let mut check = value3(&b.merged, &o.merged, &t.merged)
        .value
        .unwrap_or_default();
    check.both_texts |= both_texts;
    if verdict.conflict {
        check.their_verdict = Some(t.verdict.clone());
    }
    if weight.conflict {
        check.their_weight = Some(t.weight);
    }
    if budget.conflict {
        check.their_budget = Some(t.budget);
    }
    let both = both_texts || verdict.conflict || weight.conflict || budget.conflict;
    let merged = DimensionNotes {
        text,
        starred: value3(&b.starred, &o.starred, &t.starred).value,
        highlights: merge_set(&b.highlights, &o.highlights, &t.highlights),
        budget: budget.value,
        verdict: verdict.value,
        weight: weight.value,
        merged: (!check.is_empty()).then_some(check),
    };
    (merged, both)
}

/// A value merged three ways.
struct Value<T> {
    value: T,
    /// Both sides changed it, differently: `value` is ours.
    conflict: bool,
}

/// Three-way merge of one value: a side's change wins over no change;
/// two different changes keep ours, and say so.
fn value3<T: Clone + PartialEq>(base: &T, ours: &T, theirs: &T) -> Value<T> {
    let (value, conflict) = if ours == theirs || theirs == base {
        (ours, false)
    } else if ours == base {
        (theirs, false)
    } else {
        (ours, true)
    };
    Value {
        value: value.clone(),
        conflict,
    }
}

/// Three-way merge of a set (highlights): an item stays when both kept it
/// and is there when either side added it. Sorted.
fn merge_set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let all: BTreeSet<&String> = base.iter().chain(ours).chain(theirs).collect();
    all.into_iter()
        .filter(|h| {
            let (o, t) = (ours.contains(h), theirs.contains(h));
            if base.contains(h) { o && t } else { o || t }
        })
        .cloned()
        .collect()
}

/// The rehearsals of both sides by date (ours when both hold one of the
/// same date), oldest first, the latest [`KEPT_REHEARSALS`] kept.
fn merge_rehearsals(ours: &[Rehearsal], theirs: &[Rehearsal]) -> Vec<Rehearsal> {
    let mut by_date: BTreeMap<&str, &Rehearsal> = BTreeMap::new();
    for r in theirs.iter().chain(ours) {
        by_date.insert(r.date.as_str(), r);
    }
    let extra = by_date.len().saturating_sub(KEPT_REHEARSALS);
    by_date.into_values().skip(extra).cloned().collect()
}
