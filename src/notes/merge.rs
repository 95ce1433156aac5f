//! Merging two versions of a notes file field by field, the way a
//! structure-aware merge driver merges source code: nothing either side
//! wrote is lost. No egui here.
//!
//! With a common ancestor (git's merge base, or the version last saved)
//! the merge is three-way ([`merge3`]); without one (a colleague's copy of
//! the notes) it is two-way ([`merge2`]) and nothing of either is dropped.
//! The rules, field by field, are in `docs/notes-format.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use similar::Algorithm;

use super::talk::{KEPT_REHEARSALS, Rehearsal, Talk, Verdict};
use super::{DimensionNotes, Notes};

/// The line that separates our version of some lines from theirs in a note
/// where both sides changed the same lines.
pub const THEIR_VERSION: &str = "— their version —";

/// The line that ends their version of some lines.
pub const END_OF_THEIR_VERSION: &str = "— end of their version —";

/// What a merge left for the person to check ("merged, check"): stored on
/// a dimension's notes, or on the notes themselves for the overall note and
/// the talk's length. The merged value is ours; theirs is kept here so the
/// person can pick it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "MergeCheck")]
pub struct MergeCheck {
    /// The note holds both versions of lines both sides changed: ours,
    /// then [`THEIR_VERSION`], theirs and [`END_OF_THEIR_VERSION`].
    #[serde(skip_serializing_if = "is_false")]
    pub both_texts: bool,
    /// Their verdict, where both sides set a different one (`None`: they
    /// cleared it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub their_verdict: Option<Option<Verdict>>,
    /// Their weight, where both sides set a different one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub their_weight: Option<Option<u8>>,
    /// Their budget in seconds, where both sides set a different one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub their_budget: Option<Option<u32>>,
    /// Their talk length in minutes (0: none), where both sides set a
    /// different one. Only on the notes' own check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub their_minutes: Option<u32>,
}

impl MergeCheck {
    /// Whether there is nothing to check.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Reads their values past the limits as the limits, as for the
    /// fields themselves.
    pub fn keep_within_limits(&mut self) {
        if let Some(Some(w)) = &mut self.their_weight {
            *w = (*w).min(super::talk::MAX_WEIGHT);
        }
        if let Some(Some(b)) = &mut self.their_budget {
            *b = (*b).min(super::talk::MAX_BUDGET_SECONDS);
        }
        if let Some(m) = &mut self.their_minutes {
            *m = (*m).min(super::talk::MAX_TALK_MINUTES);
        }
    }

    /// What is to be checked, in a person's words ("the note holds both
    /// versions", "their verdict: …"); `subject` names a subject by id.
    #[must_use]
    pub fn describe(&self, subject: &dyn Fn(&str) -> String) -> Vec<String> {
        let mut out = Vec::new();
        if self.both_texts {
            out.push(format!(
                "the note holds both versions of some lines (after \"{THEIR_VERSION}\")"
            ));
        }
        let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".to_owned());
        if let Some(v) = &self.their_verdict {
            let v = v.as_ref().map(|v| match v {
                Verdict::Even => "even".to_owned(),
                Verdict::Subject(id) => subject(id),
            });
            out.push(format!("their verdict: {}", or_none(v)));
        }
        if let Some(w) = self.their_weight {
            out.push(format!(
                "their weight: {}",
                or_none(w.map(|w| w.to_string()))
            ));
        }
        if let Some(b) = self.their_budget {
            out.push(format!(
                "their budget: {}",
                or_none(b.map(|b| format!("{b} s")))
            ));
        }
        if let Some(m) = self.their_minutes {
            let m = (m > 0).then(|| format!("{m} min"));
            out.push(format!("their talk length: {}", or_none(m)));
        }
        out
    }
}

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

/// A note's text merged line by line; with no base, two-way. Returns the
/// text and whether both versions of some lines were kept. `exact`: see
/// [`EXACT_DIFF_LINES`].
fn merge_text(base: Option<&str>, ours: &str, theirs: &str, exact: usize) -> (String, bool) {
    if ours == theirs {
        return (ours.to_owned(), false);
    }
    match base {
        Some(b) if b == ours => return (theirs.to_owned(), false),
        Some(b) if b == theirs => return (ours.to_owned(), false),
        _ => {}
    }
    let (o, t) = (lines(ours), lines(theirs));
    let mut out: Vec<&str> = Vec::new();
    let mut both = false;
    if let Some(b) = base {
        let b = lines(b);
        for chunk in diff3(&b, &o, &t, exact) {
            match chunk {
                Chunk::Take(lines) => out.extend_from_slice(lines),
                Chunk::Both(ours, theirs) => {
                    keep_both(&mut out, ours, theirs);
                    both = true;
                }
            }
        }
    } else {
        // Lines the two keep, and what each has in between.
        let (mut i, mut j) = (0, 0);
        let ends = std::iter::once((o.len(), t.len()));
        for (k, l) in matched_lines(&o, &t, exact).into_iter().chain(ends) {
            let ours = o.get(i..k).unwrap_or_default();
            let theirs = t.get(j..l).unwrap_or_default();
            if ours.is_empty() || theirs.is_empty() {
                out.extend_from_slice(ours);
                out.extend_from_slice(theirs);
            } else {
                keep_both(&mut out, ours, theirs);
                both = true;
            }
            if let Some(line) = o.get(k) {
                out.push(line);
            }
            (i, j) = (k + 1, l + 1);
        }
    }
    (out.join("\n"), both)
}

fn keep_both<'a>(out: &mut Vec<&'a str>, ours: &[&'a str], theirs: &[&'a str]) {
    out.extend_from_slice(ours);
    out.push(THEIR_VERSION);
    out.extend_from_slice(theirs);
    out.push(END_OF_THEIR_VERSION);
}

/// The lines of a text; none for an empty text, so that joining them with
/// `\n` gives the text back.
fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    }
}

/// A stretch of a three-way line merge.
enum Chunk<'s, 'a> {
    /// Lines taken as they are (unchanged, or changed on one side only, or
    /// the same on both).
    Take(&'s [&'a str]),
    /// Lines both sides changed differently: ours, theirs.
    Both(&'s [&'a str], &'s [&'a str]),
}

/// The classic diff3: lines of `base` that both sides kept where they were
/// cut the three texts into stable stretches and changed ones; a changed
/// stretch is taken from the side that changed it, or kept from both.
/// Linear in the number of lines once the two diffs are made.
fn diff3<'s, 'a>(
    base: &'s [&'a str],
    ours: &'s [&'a str],
    theirs: &'s [&'a str],
    exact: usize,
) -> Vec<Chunk<'s, 'a>> {
    let in_ours = matches(base, ours, exact);
    let in_theirs = matches(base, theirs, exact);
    let (mut b, mut o, mut t) = (0, 0, 0);
    let mut chunks = Vec::new();
    loop {
        let next = (b..base.len()).find_map(|k| {
            let (Some(Some(ko)), Some(Some(kt))) = (in_ours.get(k), in_theirs.get(k)) else {
                return None;
            };
            Some((k, *ko, *kt))
        });
        let (kb, ko, kt) = next.unwrap_or((base.len(), ours.len(), theirs.len()));
        if (kb, ko, kt) == (b, o, t) {
            let Some(line) = base.get(b..=b) else {
                break;
            };
            chunks.push(Chunk::Take(line));
            (b, o, t) = (b + 1, o + 1, t + 1);
            continue;
        }
        let bs = base.get(b..kb).unwrap_or_default();
        let os = ours.get(o..ko).unwrap_or_default();
        let ts = theirs.get(t..kt).unwrap_or_default();
        if os == bs {
            chunks.push(Chunk::Take(ts));
        } else if ts == bs || os == ts {
            chunks.push(Chunk::Take(os));
        } else {
            chunks.push(Chunk::Both(os, ts));
        }
        (b, o, t) = (kb, ko, kt);
    }
    chunks
}

/// For each line of `base`, where it is in `other` when the diff keeps it.
fn matches(base: &[&str], other: &[&str], exact: usize) -> Vec<Option<usize>> {
    let mut at = vec![None; base.len()];
    for (i, j) in matched_lines(base, other, exact) {
        if let Some(slot) = at.get_mut(i) {
            *slot = Some(j);
        }
    }
    at
}

/// Past this many lines (both texts together, after the lines they start
/// and end with in common), lines are matched by the lines each text has
/// once only (patience diff) instead of an exact diff, whose time grows
/// with the square of the lines when the texts differ everywhere. Far
/// beyond any speaker's note; keeps `merge-notes` on a 64 MiB file within
/// seconds.
pub const EXACT_DIFF_LINES: usize = 4_000;

/// The lines `old` and `new` keep, as pairs of indices, in order of both:
/// the common start and end, and between them an exact diff (Myers) or,
/// past `exact` lines ([`EXACT_DIFF_LINES`]), the longest run of lines
/// unique to each.
fn matched_lines(old: &[&str], new: &[&str], exact: usize) -> Vec<(usize, usize)> {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old_rest, new_rest) = (
        old.get(start..).unwrap_or_default(),
        new.get(start..).unwrap_or_default(),
    );
    let end = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let o = old_rest.get(..old_rest.len() - end).unwrap_or_default();
    let n = new_rest.get(..new_rest.len() - end).unwrap_or_default();
    let mut pairs: Vec<(usize, usize)> = (0..start).map(|i| (i, i)).collect();
    let middle = if o.len() + n.len() <= exact {
        let mut kept = Vec::new();
        for op in similar::capture_diff_slices(Algorithm::Myers, o, n) {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                kept.extend((0..len).map(|k| (old_index + k, new_index + k)));
            }
        }
        kept
    } else {
        unique_anchors(o, n)
    };
    pairs.extend(middle.into_iter().map(|(i, j)| (i + start, j + start)));
    let (old_end, new_end) = (start + o.len(), start + n.len());
    pairs.extend((0..end).map(|k| (old_end + k, new_end + k)));
    pairs
}

/// The longest run, in order in both, of lines that occur exactly once in
/// `old` and once in `new` (patience sorting): O(n log n).
fn unique_anchors(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    // Per line: how often in old, where; how often in new, where.
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::new();
    for (i, line) in old.iter().enumerate() {
        let e = seen.entry(line).or_insert((0, i, 0, 0));
        e.0 = e.0.saturating_add(1);
    }
    for (j, line) in new.iter().enumerate() {
        if let Some(e) = seen.get_mut(line) {
            e.2 = e.2.saturating_add(1);
            e.3 = j;
        }
    }
    let mut unique: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|&(in_old, _, in_new, _)| in_old == 1 && in_new == 1)
        .map(|(_, i, _, j)| (i, j))
        .collect();
    unique.sort_unstable();
    // Longest increasing run of `j`: the top of each pile, and where each
    // card came from.
    let mut tops: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = Vec::with_capacity(unique.len());
    for (k, &(_, j)) in unique.iter().enumerate() {
        let pile = tops.partition_point(|&t| unique.get(t).is_some_and(|&(_, tj)| tj < j));
        before.push(pile.checked_sub(1).and_then(|p| tops.get(p).copied()));
        if let Some(top) = tops.get_mut(pile) {
            *top = k;
        } else {
            tops.push(k);
        }
    }
    let mut run = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied();
    while let Some(k) = at {
        if let Some(&pair) = unique.get(k) {
            run.push(pair);
        }
        at = before.get(k).copied().flatten();
    }
    run.reverse();
    run
}

/// What to keep of one place where a colleague's notes add or change
/// something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The two versions merged: nothing of either dropped.
    KeepBoth,
    /// Their version instead of mine.
    TakeTheirs,
    /// My version; theirs is left out.
    KeepMine,
}

/// One place (the overall note and talk, or a dimension) where a
/// colleague's notes add or change something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// Where.
    pub place: Place,
    /// What their version adds or changes, in a person's words.
    pub changes: Vec<String>,
    /// Whether keeping both kept both versions of something (flagged
    /// "merged, check").
    pub kept_both: bool,
    /// What the person chose (keep both at first).
    pub choice: Choice,
}

/// A two-way merge of a colleague's notes into mine, place by place, for
/// the person to review before it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    ours: Notes,
    theirs: Notes,
    both: Notes,
    /// Each place their notes add or change something (the overall note
    /// first, then dimensions by id).
    pub items: Vec<ReviewItem>,
}

impl Review {
    /// What `theirs` adds to or changes in `ours`, place by place;
    /// `subject` names a subject by id.
    #[must_use]
    pub fn new(ours: &Notes, theirs: &Notes, subject: &dyn Fn(&str) -> String) -> Self {
        let merged = merge2(ours, theirs);
        let mut items = Vec::new();
        let (mine, their) = (overall_part(ours), overall_part(theirs));
        if mine != their && their != overall_part(&Notes::default()) {
            items.push(ReviewItem {
                place: Place::Overall,
                changes: overall_changes(ours, theirs, subject),
                kept_both: merged.kept_both.contains(&Place::Overall),
                choice: Choice::KeepBoth,
            });
        }
        let none = DimensionNotes::default();
        for (id, t) in &theirs.dimensions {
            let o = ours.dimensions.get(id).unwrap_or(&none);
            if t == o || t.is_empty() {
                continue;
            }
            let place = Place::Dimension(id.clone());
            items.push(ReviewItem {
                kept_both: merged.kept_both.contains(&place),
                place,
                changes: dimension_changes(o, t, subject),
                choice: Choice::KeepBoth,
            });
        }
        Self {
            ours: ours.clone(),
            theirs: theirs.clone(),
            both: merged.notes,
            items,
        }
    }

    /// My notes as they were when the review was made.
    #[must_use]
    pub fn mine(&self) -> &Notes {
        &self.ours
    }

    /// My notes with each place as chosen; the comparison's title stays
    /// mine.
    #[must_use]
    pub fn result(&self) -> Notes {
        let mut out = self.ours.clone();
        for item in &self.items {
            let from = match item.choice {
                Choice::KeepMine => continue,
                Choice::KeepBoth => &self.both,
                Choice::TakeTheirs => &self.theirs,
            };
            match &item.place {
                Place::Overall => {
                    out.overall.clone_from(&from.overall);
                    out.talk.clone_from(&from.talk);
                    out.merged.clone_from(&from.merged);
                }
                Place::Dimension(id) => match from.dimensions.get(id) {
                    Some(d) => {
                        out.dimensions.insert(id.clone(), d.clone());
                    }
                    None => {
                        out.dimensions.remove(id);
                    }
                },
            }
        }
        out
    }

    /// The notes of `place` in one version, for showing it: mine, theirs,
    /// or both merged.
    #[must_use]
    pub fn text_of(&self, place: &Place, choice: Choice) -> &str {
        let from = match choice {
            Choice::KeepMine => &self.ours,
            Choice::KeepBoth => &self.both,
            Choice::TakeTheirs => &self.theirs,
        };
        match place {
            Place::Overall => &from.overall,
            Place::Dimension(id) => from.text(id),
        }
    }
}

/// What the overall place holds: the overall note, the talk, the flag.
fn overall_part(n: &Notes) -> (&str, &Talk, Option<&MergeCheck>) {
    (n.overall.as_str(), &n.talk, n.merged.as_ref())
}

/// Lines of `theirs` that `mine` does not have, counted.
fn new_lines(mine: &str, theirs: &str) -> usize {
    let mine: BTreeSet<&str> = lines(mine).into_iter().collect();
    lines(theirs)
        .into_iter()
        .filter(|l| !l.trim().is_empty() && !mine.contains(l))
        .count()
}

fn text_change(what: &str, mine: &str, theirs: &str) -> Option<String> {
    if theirs.trim().is_empty() || mine == theirs {
        return None;
    }
    if mine.trim().is_empty() {
        return Some(format!("adds {what}"));
    }
    Some(match new_lines(mine, theirs) {
        0 => format!("{what}: has fewer lines than yours"),
        1 => format!("{what}: 1 line you do not have"),
        n => format!("{what}: {n} lines you do not have"),
    })
}

fn overall_changes(ours: &Notes, theirs: &Notes, subject: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(text_change(
        "a note on the whole comparison",
        &ours.overall,
        &theirs.overall,
    ));
    let (o, t) = (&ours.talk, &theirs.talk);
    if t.minutes != 0 && t.minutes != o.minutes {
        out.push(match o.minutes {
            0 => format!("talk length {} min", t.minutes),
            m => format!("talk length {} min (yours: {m} min)", t.minutes),
        });
    }
    if t.weighted && !o.weighted {
        out.push("budgets follow what was marked".to_owned());
    }
    let runs = t
        .rehearsals
        .iter()
        .filter(|r| !o.rehearsals.iter().any(|m| m.date == r.date))
        .count();
    match runs {
        0 => {}
        1 => out.push("1 rehearsal you do not have".to_owned()),
        n => out.push(format!("{n} rehearsals you do not have")),
    }
    if let Some(check) = &theirs.merged {
        out.extend(
            check
                .describe(subject)
                .into_iter()
                .map(|c| format!("their merge to check: {c}")),
        );
    }
    out
}

fn dimension_changes(
    o: &DimensionNotes,
    t: &DimensionNotes,
    subject: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(text_change("a note", &o.text, &t.text));
    if t.starred && !o.starred {
        out.push("stars it".to_owned());
    }
    let added: Vec<&str> = t
        .highlights
        .iter()
        .filter(|h| !o.highlights.contains(h))
        .map(String::as_str)
        .collect();
    if !added.is_empty() {
        out.push(format!("highlights {}", added.join(", ")));
    }
    let verdict = |v: &Verdict| match v {
        Verdict::Even => "even".to_owned(),
        Verdict::Subject(id) => subject(id),
    };
    if let Some(v) = &t.verdict
        && t.verdict != o.verdict
    {
        out.push(match &o.verdict {
            Some(mine) => format!("verdict {} (yours: {})", verdict(v), verdict(mine)),
            None => format!("verdict {}", verdict(v)),
        });
    }
    if let Some(w) = t.weight
        && t.weight != o.weight
    {
        out.push(match o.weight {
            Some(mine) => format!("weight {w} (yours: {mine})"),
            None => format!("weight {w}"),
        });
    }
    if let Some(b) = t.budget
        && t.budget != o.budget
    {
        out.push(match o.budget {
            Some(mine) => format!("budget {b} s (yours: {mine} s)"),
            None => format!("budget {b} s"),
        });
    }
    if let Some(check) = &t.merged {
        out.extend(
            check
                .describe(subject)
                .into_iter()
                .map(|c| format!("their merge to check: {c}")),
        );
    }
    if out.is_empty() {
        // Something differs that is not theirs to add (a star or value
        // only mine has): keeping both keeps mine.
        out.push("differs from yours".to_owned());
    }
    out
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

    fn notes(dims: &[(&str, &str)]) -> Notes {
        let mut n = Notes::for_comparison("T");
        for (id, text) in dims {
            n.text_mut(id).push_str(text);
        }
        n
    }

    #[test]
    fn lines_changed_on_one_side_each_merge_cleanly() {
        let base = notes(&[("a", "one\ntwo\nthree\nfour\nfive")]);
        let ours = notes(&[("a", "ONE\ntwo\nthree\nfour\nfive")]);
        let theirs = notes(&[("a", "one\ntwo\nthree\nfour\nFIVE")]);
        let m = merge3(&base, &ours, &theirs);
        assert!(m.is_clean());
        assert_eq!(m.notes.text("a"), "ONE\ntwo\nthree\nfour\nFIVE");
        assert!(m.notes.dimensions["a"].merged.is_none());
    }

    #[test]
    fn the_same_lines_changed_on_both_sides_keep_both_marked() {
        let base = notes(&[("a", "one\ntwo\nthree")]);
        let ours = notes(&[("a", "one\nmine\nthree")]);
        let theirs = notes(&[("a", "one\nyours\nthree")]);
        let m = merge3(&base, &ours, &theirs);
        assert_eq!(m.kept_both, [Place::Dimension("a".to_owned())]);
        assert_eq!(
            m.notes.text("a"),
            format!("one\nmine\n{THEIR_VERSION}\nyours\n{END_OF_THEIR_VERSION}\nthree")
        );
        assert!(m.notes.dimensions["a"].merged.as_ref().unwrap().both_texts);
    }

    #[test]
    fn values_changed_on_both_sides_keep_ours_and_remember_theirs() {
        let base = notes(&[]);
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.entry("a").verdict = Some(Verdict::Even);
        theirs.entry("a").verdict = Some(Verdict::Subject("pm".to_owned()));
        ours.entry("a").weight = Some(2);
        theirs.entry("b").weight = Some(3);
        ours.talk.minutes = 10;
        theirs.talk.minutes = 15;
        let m = merge3(&base, &ours, &theirs);
        let a = &m.notes.dimensions["a"];
        assert_eq!(a.verdict, Some(Verdict::Even));
        assert_eq!(a.weight, Some(2));
        let check = a.merged.as_ref().unwrap();
        assert_eq!(
            check.their_verdict,
            Some(Some(Verdict::Subject("pm".to_owned())))
        );
        assert_eq!(check.their_weight, None, "only ours changed the weight");
        assert_eq!(m.notes.dimensions["b"].weight, Some(3));
        assert_eq!(m.notes.talk.minutes, 10);
        assert_eq!(m.notes.merged.as_ref().unwrap().their_minutes, Some(15));
        assert_eq!(
            m.kept_both,
            [Place::Overall, Place::Dimension("a".to_owned())]
        );
        let again =
            Notes::from_ron(m.notes.to_ron().as_bytes(), std::path::Path::new("n")).unwrap();
        assert_eq!(again, m.notes);
    }

    #[test]
    fn stars_and_highlights_merge_as_sets() {
        let mut base = notes(&[]);
        base.toggle_star("kept");
        base.toggle_highlight("h", "x");
        base.toggle_highlight("h", "y");
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.toggle_star("kept"); // Ours removes a star.
        theirs.toggle_star("new"); // Theirs adds one.
        ours.toggle_highlight("h", "x");
        theirs.toggle_highlight("h", "z");
        let m = merge3(&base, &ours, &theirs);
        assert!(!m.notes.is_starred("kept"));
        assert!(m.notes.is_starred("new"));
        assert_eq!(m.notes.dimensions["h"].highlights, ["y", "z"]);
        assert!(m.is_clean());
    }

    #[test]
    fn rehearsals_are_the_union_by_date_latest_five() {
        let run = |d: &str| Rehearsal {
            date: d.to_owned(),
            ..Rehearsal::default()
        };
        let mut ours = notes(&[]);
        let mut theirs = notes(&[]);
        ours.talk.rehearsals = ["1", "3", "5", "7"].map(run).to_vec();
        theirs.talk.rehearsals = ["2", "3", "4", "6"].map(run).to_vec();
        let m = merge2(&ours, &theirs);
        let dates: Vec<&str> = m
            .notes
            .talk
            .rehearsals
            .iter()
            .map(|r| r.date.as_str())
            .collect();
        assert_eq!(dates, ["3", "4", "5", "6", "7"]);
    }

    #[test]
    fn a_review_lists_what_theirs_adds_and_applies_each_choice() {
        let mut ours = notes(&[("a", "mine"), ("b", "same"), ("c", "only mine")]);
        let mut theirs = notes(&[("a", "theirs"), ("b", "same"), ("d", "new")]);
        ours.talk.minutes = 10;
        theirs.talk.minutes = 15;
        theirs.toggle_star("b");
        let mut review = Review::new(&ours, &theirs, &str::to_owned);
        let places: Vec<&Place> = review.items.iter().map(|i| &i.place).collect();
        let dim = |id: &str| Place::Dimension(id.to_owned());
        assert_eq!(places, [&Place::Overall, &dim("a"), &dim("b"), &dim("d")]);
        assert_eq!(
            review.items[0].changes,
            ["talk length 15 min (yours: 10 min)"]
        );
        assert_eq!(review.items[2].changes, ["stars it"]);
        assert_eq!(review.items[3].changes, ["adds a note"]);
        assert!(review.items[1].kept_both);
        // Keep both everywhere: the two-way merge.
        let both = review.result();
        assert_eq!(
            both.text("a"),
            format!("mine\n{THEIR_VERSION}\ntheirs\n{END_OF_THEIR_VERSION}")
        );
        assert!(both.is_starred("b"));
        assert_eq!(both.text("c"), "only mine");
        assert_eq!(both.text("d"), "new");
        assert_eq!(both.talk.minutes, 10);
        // Then one choice per place.
        review.items[0].choice = Choice::TakeTheirs;
        review.items[1].choice = Choice::KeepMine;
        review.items[3].choice = Choice::KeepMine;
        let chosen = review.result();
        assert_eq!(chosen.talk.minutes, 15);
        assert_eq!(chosen.text("a"), "mine");
        assert!(chosen.dimensions["a"].merged.is_none());
        assert!(chosen.get("d").is_none());
        assert!(chosen.is_starred("b"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// The patience matching past the limit loses no line either: the
        /// same property as the exact diff's, with the limit at 0.
        #[test]
        fn past_the_limit_no_added_line_is_lost(
            base in proptest::collection::vec("[a-p]", 0..30),
            ours in proptest::collection::vec("[a-p]", 0..30),
            theirs in proptest::collection::vec("[a-r]", 0..30),
        ) {
            let (b, o, t) = (base.join("\n"), ours.join("\n"), theirs.join("\n"));
            // The lines kept are the same lines, in order in both texts.
            let (bl, ol) = (lines(&b), lines(&o));
            for exact in [0, EXACT_DIFF_LINES] {
                let pairs = matched_lines(&bl, &ol, exact);
                for w in pairs.windows(2) {
                    proptest::prop_assert!(w[0].0 < w[1].0 && w[0].1 < w[1].1, "{pairs:?}");
                }
                for &(i, j) in &pairs {
                    proptest::prop_assert_eq!(bl.get(i), ol.get(j));
                }
            }
            for with_base in [Some(b.as_str()), None] {
                let (merged, _) = merge_text(with_base, &o, &t, 0);
                let result: BTreeSet<&str> = lines(&merged).into_iter().collect();
                let old: BTreeSet<&str> = with_base.map(lines).unwrap_or_default().into_iter().collect();
                for line in lines(&o).into_iter().chain(lines(&t)) {
                    proptest::prop_assert!(old.contains(line) || result.contains(line), "{line:?} lost");
                }
                proptest::prop_assert_eq!(merge_text(with_base, &o, &t, 0).0, merged.clone());
            }
        }
    }

    #[test]
    fn past_the_exact_limit_unique_lines_anchor_the_merge() {
        let n = EXACT_DIFF_LINES;
        let base: Vec<String> = (0..n).map(|i| format!("line {i}")).collect();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        // Edits at both ends, so the common start and end do not cover them.
        ours[0] = "ours first".to_owned();
        theirs[n - 1] = "theirs last".to_owned();
        ours[n / 2] = "ours middle".to_owned();
        let text = |v: &[String]| v.join("\n");
        let m = merge3(
            &notes(&[("a", &text(&base))]),
            &notes(&[("a", &text(&ours))]),
            &notes(&[("a", &text(&theirs))]),
        );
        assert!(m.is_clean());
        let mut expected = ours.clone();
        expected[n - 1] = "theirs last".to_owned();
        assert_eq!(m.notes.text("a"), text(&expected));
        // Texts that differ everywhere: quick, and both kept.
        let many = |p: &str| {
            (0..20_000)
                .map(|i| format!("{p}{i}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let start = std::time::Instant::now();
        let m = merge3(
            &notes(&[("a", &many("b"))]),
            &notes(&[("a", &many("o"))]),
            &notes(&[("a", &many("t"))]),
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        assert!(m.notes.text("a").contains("o19999") && m.notes.text("a").contains("t19999"));
    }

    #[test]
    fn a_two_way_merge_drops_nothing_of_either() {
        let mut ours = notes(&[("a", "mine\nshared"), ("only-mine", "m")]);
        let mut theirs = notes(&[("a", "shared\nyours"), ("orphan", "t")]);
        ours.entry("a").budget = Some(60);
        theirs.entry("a").budget = Some(90);
        theirs.toggle_star("a");
        let m = merge2(&ours, &theirs);
        assert_eq!(m.notes.text("a"), "mine\nshared\nyours");
        assert_eq!(m.notes.text("only-mine"), "m");
        assert_eq!(m.notes.text("orphan"), "t");
        assert!(m.notes.is_starred("a"));
        assert_eq!(m.notes.dimensions["a"].budget, Some(60));
        let check = m.notes.dimensions["a"].merged.as_ref().unwrap();
        assert_eq!(check.their_budget, Some(Some(90)));
        let replaced = merge2(&notes(&[("a", "x")]), &notes(&[("a", "y")]));
        assert_eq!(
            replaced.notes.text("a"),
            format!("x\n{THEIR_VERSION}\ny\n{END_OF_THEIR_VERSION}")
        );
    }
}
