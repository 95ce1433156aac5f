//! Reviewing a colleague's notes place by place before taking them in: a
//! two-way merge with a choice per place. No egui here.

use std::collections::BTreeSet;

use super::text::lines;
use super::{MergeCheck, Place, merge2};
use crate::notes::talk::{Talk, Verdict};
use crate::notes::{DimensionNotes, Notes};

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
