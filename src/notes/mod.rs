//! The user's annotations on a comparison. No egui here.

pub mod autosave;
pub mod combine;
pub mod file;
pub mod merge;
pub mod paths;
mod read;
pub mod talk;
pub mod writer;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use merge::MergeCheck;
pub use read::{FileKind, MAX_NOTES_BYTES, NotesError, read_bytes, read_existing, sniff};
pub use talk::{Rehearsal, Talk, Verdict};

/// Everything a person wrote about one comparison.
///
/// Maps are `BTreeMap`s so that a saved file always lists dimensions in the
/// same order and the same notes give the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Notes")]
pub struct Notes {
    /// Title of the comparison these notes annotate.
    pub comparison: String,
    /// A note on the whole comparison (the talk's framing).
    pub overall: String,
    /// Notes per dimension id.
    pub dimensions: BTreeMap<String, DimensionNotes>,
    /// The talk: its length, how budgets are shared, the rehearsals.
    #[serde(skip_serializing_if = "Talk::is_empty")]
    pub talk: Talk,
    /// What a merge left to check on the overall note and the talk's
    /// length ("merged, check"); left out when nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<MergeCheck>,
}

/// What a person wrote about one dimension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "DimensionNotes")]
pub struct DimensionNotes {
    /// Free text; inline Markdown allowed.
    pub text: String,
    /// "Include in my presentation."
    pub starred: bool,
    /// The `aspect` of each highlighted point.
    pub highlights: Vec<String>,
    /// The seconds the talk gives this dimension, when set by hand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<u32>,
    /// Which subject fits the audience's case better here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// How much the dimension matters, 0 to [`talk::MAX_WEIGHT`] (1 when
    /// not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<u8>,
    /// What a merge of two versions left to check ("merged, check"): the
    /// note holds both versions of some lines, or their value of a field
    /// both sides set differently. Left out when nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<MergeCheck>,
}

impl DimensionNotes {
    /// Whether nothing has been written, starred, highlighted, set (a
    /// budget, a verdict, a weight) or left to check after a merge.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && !self.starred
            && self.highlights.is_empty()
            && self.budget.is_none()
            && self.verdict.is_none()
            && self.weight.is_none()
            && self.merged.is_none()
    }

    /// How much the dimension matters (1 when not set).
    #[must_use]
    pub fn weight(&self) -> u8 {
        self.weight.unwrap_or(1).min(talk::MAX_WEIGHT)
    }
}

impl Notes {
    /// Empty notes for the comparison titled `title`.
    #[must_use]
    pub fn for_comparison(title: &str) -> Self {
        Self {
            comparison: title.to_owned(),
            ..Self::default()
        }
    }

    /// The note text for a dimension ("" when there is none).
    #[must_use]
    pub fn text(&self, dimension_id: &str) -> &str {
        self.dimensions
            .get(dimension_id)
            .map_or("", |d| d.text.as_str())
    }

    /// The note text for a dimension, for editing.
    pub fn text_mut(&mut self, dimension_id: &str) -> &mut String {
        &mut self
            .dimensions
            .entry(dimension_id.to_owned())
            .or_default()
            .text
    }

    /// Whether a dimension has a non-empty note.
    #[must_use]
    pub fn has_text(&self, dimension_id: &str) -> bool {
        !self.text(dimension_id).trim().is_empty()
    }

    /// Drops entries that hold nothing, so files stay small and stable.
    pub fn prune(&mut self) {
        self.dimensions.retain(|_, d| !d.is_empty());
    }

    /// The notes on a dimension, if any.
    #[must_use]
    pub fn get(&self, dimension_id: &str) -> Option<&DimensionNotes> {
        self.dimensions.get(dimension_id)
    }

    /// The notes on a dimension, created empty if needed.
    pub fn entry(&mut self, dimension_id: &str) -> &mut DimensionNotes {
        self.dimensions.entry(dimension_id.to_owned()).or_default()
    }

    /// Whether a dimension is starred.
    #[must_use]
    pub fn is_starred(&self, dimension_id: &str) -> bool {
        self.get(dimension_id).is_some_and(|d| d.starred)
    }

    /// Stars or un-stars a dimension.
    pub fn toggle_star(&mut self, dimension_id: &str) {
        let d = self.entry(dimension_id);
        d.starred = !d.starred;
    }

    /// Whether the point `aspect` of a dimension is highlighted.
    #[must_use]
    pub fn is_highlighted(&self, dimension_id: &str, aspect: &str) -> bool {
        self.get(dimension_id)
            .is_some_and(|d| d.highlights.iter().any(|h| h == aspect))
    }

    /// Highlights or clears the highlight on a point. Highlights are kept
    /// sorted so the file is stable.
    pub fn toggle_highlight(&mut self, dimension_id: &str, aspect: &str) {
        let d = self.entry(dimension_id);
        if let Some(i) = d.highlights.iter().position(|h| h == aspect) {
            d.highlights.remove(i);
        } else {
            d.highlights.push(aspect.to_owned());
            d.highlights.sort();
        }
    }

    /// Moves the notes on `from` (a dimension the content no longer has)
    /// to `to`: its note after any note already there, its star, its
    /// highlights, and its budget, verdict, weight and "merged, check"
    /// flag where `to` has none of its own, and its time in every
    /// rehearsal. Nothing written is dropped.
    pub fn reattach(&mut self, from: &str, to: &str) {
        if from == to {
            return;
        }
        for run in &mut self.talk.rehearsals {
            if let Some(seconds) = run.seconds.remove(from) {
                let time = run.seconds.entry(to.to_owned()).or_default();
                *time = time.saturating_add(seconds);
            }
        }
        let Some(old) = self.dimensions.remove(from) else {
            return;
        };
        let target = self.entry(to);
        let text = old.text.trim_end();
        if !text.is_empty() {
            if !target.text.trim().is_empty() {
                target.text.push_str("\n\n");
            }
            target.text.push_str(text);
        }
        target.starred |= old.starred;
        target.budget = target.budget.or(old.budget);
        target.verdict = target.verdict.take().or(old.verdict);
        target.weight = target.weight.or(old.weight);
        target.merged = target.merged.take().or(old.merged);
        for h in old.highlights {
            if !target.highlights.contains(&h) {
                target.highlights.push(h);
            }
        }
        target.highlights.sort();
    }

    /// The notes as RON text: the same notes always give the same bytes.
    ///
    /// # Panics
    /// Never: strings, booleans and string maps always serialise to RON.
    #[must_use]
    pub fn to_ron(&self) -> String {
        let mut notes = self.clone();
        notes.prune();
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .new_line("\n".to_owned())
            .indentor("    ".to_owned());
        match ron::ser::to_string_pretty(&notes, config) {
            Ok(mut text) => {
                text.push('\n');
                text
            }
            // Strings, bools and maps of them always serialise; keep the
            // signature infallible for the pure exporters.
            Err(e) => unreachable!("notes always serialise: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_defaults_to_empty_and_prune_drops_blank_entries() {
        let mut n = Notes::for_comparison("T");
        assert_eq!(n.text("scope"), "");
        n.text_mut("scope").push_str("hello");
        n.text_mut("focus");
        assert!(n.has_text("scope"));
        assert!(!n.has_text("focus"));
        n.prune();
        assert_eq!(n.dimensions.keys().collect::<Vec<_>>(), ["scope"]);
    }

    #[test]
    fn reattaching_moves_everything_and_drops_nothing() {
        let mut notes = Notes::for_comparison("T");
        notes.text_mut("old").push_str("Kept words.");
        notes.toggle_star("old");
        notes.toggle_highlight("old", "Row");
        notes.text_mut("new").push_str("Already here.");
        notes.toggle_highlight("new", "Other");
        notes.reattach("old", "new");
        assert!(notes.get("old").is_none());
        let new = notes.get("new").unwrap();
        assert_eq!(new.text, "Already here.\n\nKept words.");
        assert!(new.starred);
        assert_eq!(new.highlights, ["Other", "Row"]);
        notes.reattach("new", "new");
        assert!(notes.get("new").is_some());
    }

    #[test]
    fn reattaching_carries_the_rehearsal_times_to_the_new_id() {
        let mut notes = Notes::for_comparison("T");
        notes.text_mut("old").push_str("Renamed since.");
        for (old, new) in [(40, 0), (30, 5)] {
            let mut run = Rehearsal {
                date: "2026-12-04 10:00".to_owned(),
                ..Rehearsal::default()
            };
            run.seconds.insert("old".to_owned(), old);
            if new > 0 {
                run.seconds.insert("new".to_owned(), new);
            }
            notes.talk.record(run);
        }
        notes.reattach("old", "new");
        let times: Vec<_> = notes
            .talk
            .rehearsals
            .iter()
            .map(|r| r.seconds.clone())
            .collect();
        assert_eq!(times[0], [("new".to_owned(), 40)].into());
        assert_eq!(times[1], [("new".to_owned(), 35)].into(), "added up");
        assert_eq!(notes.talk.last_rehearsal().unwrap().total(), 35);
    }
}
