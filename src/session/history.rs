//! One undo history for every change to the notes: a note's text (typing
//! included), stars, highlights; the talk's length, whether budgets follow
//! the marks, each dimension's budget, verdict and weight; orphaned notes
//! attached or deleted; a merge of someone's notes (its rehearsals and
//! "merged, check" flags with it) as one step, and a flag cleared.
//!
//! Each step is small and inverse: it holds only the fields its action
//! changed, as they were before and after. Undoing a star sets that star
//! back and touches nothing else, so no undo or redo can remove text the
//! step did not add. Typing coalesces into one step per editing stretch,
//! as editors do. Pure: no egui, bounded.

use std::collections::BTreeSet;

use crate::notes::{DimensionNotes, MergeCheck, Notes, Rehearsal, Verdict};

/// How many steps are kept.
const STEPS: usize = 100;

/// Which note a piece of text belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKey {
    /// The note on the whole comparison.
    Overall,
    /// The note on the dimension with this id.
    Dimension(String),
}

/// One field of the notes, with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Overall(String),
    TalkMinutes(u32),
    Weighted(bool),
    Text(String, String),
    Starred(String, bool),
    Highlights(String, Vec<String>),
    Budget(String, Option<u32>),
    Verdict(String, Option<Verdict>),
    Weight(String, Option<u8>),
    // Only a merge changes these three.
    Rehearsals(Vec<Rehearsal>),
    Check(Option<MergeCheck>),
    DimensionCheck(String, Option<MergeCheck>),
}

/// One change: the fields it touched, before and after.
#[derive(Debug, Clone)]
struct Step {
    before: Vec<Field>,
    after: Vec<Field>,
    /// Set while this step is a stretch of typing in this note.
    typing: Option<NoteKey>,
}

/// The changes made, and those undone.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Whether the last step is a typing stretch that more typing in the
    /// same note extends.
    typing_open: bool,
}

impl History {
    /// Records what changed from `before` to `after` (only the fields that
    /// differ); a change forgets what was undone. Nothing changed, nothing
    /// recorded.
    pub fn record(&mut self, before: &Notes, after: &Notes) {
        self.seal();
        let (old, new) = diff(before, after);
        if old.is_empty() {
            return;
        }
        self.push(Step {
            before: old,
            after: new,
            typing: None,
        });
    }

    /// Records that the text of `key` went from `before` to `after`. Typing
    /// in the same note extends the open stretch; anything else starts a
    /// new step.
    pub fn typed(&mut self, key: NoteKey, before: String, after: String) {
        if before == after {
            return;
        }
        if self.typing_open
            && let Some(last) = self.undo.last_mut()
            && last.typing.as_ref() == Some(&key)
        {
            last.after = vec![field_of_text(&key, after)];
            // More typing forgets an undone step, as a new change does.
            self.redo.clear();
            return;
        }
        self.push(Step {
            before: vec![field_of_text(&key, before)],
            after: vec![field_of_text(&key, after)],
            typing: Some(key),
        });
        self.typing_open = true;
    }

    /// Ends the typing stretch: the next keystroke starts a new step
    /// (the editor was left, the selection moved).
    pub fn seal(&mut self) {
        self.typing_open = false;
    }

    /// Undoes the last step on `notes`; `false` when there is none.
    pub fn undo(&mut self, notes: &mut Notes) -> bool {
        self.seal();
        let Some(step) = self.undo.pop() else {
            return false;
        };
        for field in &step.before {
            set(notes, field);
        }
        self.redo.push(step);
        true
    }

    /// Redoes the last undone step on `notes`; `false` when there is none.
    pub fn redo(&mut self, notes: &mut Notes) -> bool {
        self.seal();
        let Some(step) = self.redo.pop() else {
            return false;
        };
        for field in &step.after {
            set(notes, field);
        }
        self.undo.push(step);
        true
    }

    /// Forgets everything (another notes file, or the file read again).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.typing_open = false;
    }

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

fn field_of_text(key: &NoteKey, text: String) -> Field {
    match key {
        NoteKey::Overall => Field::Overall(text),
        NoteKey::Dimension(id) => Field::Text(id.clone(), text),
    }
}

/// The fields that differ between `a` and `b`: their values in `a`, and
/// in `b`. Linear in the notes.
fn diff(a: &Notes, b: &Notes) -> (Vec<Field>, Vec<Field>) {
    let mut old = Vec::new();
    let mut new = Vec::new();
    let mut pair = |x: Field, y: Field| {
        if x != y {
            old.push(x);
            new.push(y);
        }
    };
    pair(
        Field::Overall(a.overall.clone()),
        Field::Overall(b.overall.clone()),
    );
    pair(
        Field::TalkMinutes(a.talk.minutes),
        Field::TalkMinutes(b.talk.minutes),
    );
    pair(
        Field::Weighted(a.talk.weighted),
        Field::Weighted(b.talk.weighted),
    );
    pair(
        Field::Rehearsals(a.talk.rehearsals.clone()),
        Field::Rehearsals(b.talk.rehearsals.clone()),
    );
    pair(
        Field::Check(a.merged.clone()),
        Field::Check(b.merged.clone()),
    );
    let empty = DimensionNotes::default();
    let ids: BTreeSet<&String> = a.dimensions.keys().chain(b.dimensions.keys()).collect();
    for id in ids {
        let x = a.dimensions.get(id).unwrap_or(&empty);
        let y = b.dimensions.get(id).unwrap_or(&empty);
        if x == y {
            continue;
        }
        let id = id.clone();
        pair(
            Field::Text(id.clone(), x.text.clone()),
            Field::Text(id.clone(), y.text.clone()),
        );
        pair(
            Field::Starred(id.clone(), x.starred),
            Field::Starred(id.clone(), y.starred),
        );
        pair(
            Field::Highlights(id.clone(), x.highlights.clone()),
            Field::Highlights(id.clone(), y.highlights.clone()),
        );
        pair(
            Field::Budget(id.clone(), x.budget),
            Field::Budget(id.clone(), y.budget),
        );
        pair(
            Field::Verdict(id.clone(), x.verdict.clone()),
            Field::Verdict(id.clone(), y.verdict.clone()),
        );
        pair(
            Field::Weight(id.clone(), x.weight),
            Field::Weight(id.clone(), y.weight),
        );
        pair(
            Field::DimensionCheck(id.clone(), x.merged.clone()),
            Field::DimensionCheck(id, y.merged.clone()),
        );
    }
    (old, new)
}

/// Sets one field; a dimension left with nothing at all (not even white
/// space) is dropped, so undo leaves no trace of an entry it emptied.
fn set(notes: &mut Notes, field: &Field) {
    let id = match field {
        Field::Overall(text) => {
            notes.overall.clone_from(text);
            return;
        }
        Field::TalkMinutes(m) => {
            notes.talk.minutes = *m;
            return;
        }
        Field::Weighted(w) => {
            notes.talk.weighted = *w;
            return;
        }
        Field::Rehearsals(runs) => {
            notes.talk.rehearsals.clone_from(runs);
            return;
        }
        Field::Check(check) => {
            notes.merged.clone_from(check);
            return;
        }
        Field::DimensionCheck(id, check) => {
            notes.entry(id).merged.clone_from(check);
            id
        }
        Field::Text(id, text) => {
            notes.entry(id).text.clone_from(text);
            id
        }
        Field::Starred(id, on) => {
            notes.entry(id).starred = *on;
            id
        }
        Field::Highlights(id, h) => {
            notes.entry(id).highlights.clone_from(h);
            id
        }
        Field::Budget(id, b) => {
            notes.entry(id).budget = *b;
            id
        }
        Field::Verdict(id, v) => {
            notes.entry(id).verdict.clone_from(v);
            id
        }
        Field::Weight(id, w) => {
            notes.entry(id).weight = *w;
            id
        }
    };
    if notes
        .get(id)
        .is_some_and(|d| *d == DimensionNotes::default())
    {
        notes.dimensions.remove(id);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// Records `change` applied to `notes`, as the app does.
    fn change(h: &mut History, notes: &mut Notes, change: impl FnOnce(&mut Notes)) {
        let before = notes.clone();
        change(notes);
        h.record(&before, notes);
    }

    fn type_into(h: &mut History, notes: &mut Notes, id: &str, text: &str) {
        let before = notes.text(id).to_owned();
        let after = format!("{before}{text}");
        notes.text_mut(id).clone_from(&after);
        h.typed(NoteKey::Dimension(id.to_owned()), before, after);
    }

    #[test]
    fn undo_and_redo_walk_the_changes_and_a_new_change_drops_redo() {
        let mut h = History::default();
        let mut notes = Notes::default();
        change(&mut h, &mut notes, |n| n.toggle_star("a"));
        change(&mut h, &mut notes, |n| n.toggle_star("b"));
        assert!(h.undo(&mut notes));
        assert!(notes.is_starred("a") && !notes.is_starred("b"));
        assert!(h.redo(&mut notes));
        assert!(notes.is_starred("b"));
        assert!(h.undo(&mut notes));
        change(&mut h, &mut notes, |n| n.toggle_star("c"));
        assert!(!h.redo(&mut notes), "a new change forgets the undone");
        let mut empty = History::default();
        assert!(!empty.undo(&mut Notes::default()));
    }

    #[test]
    fn undoing_a_star_leaves_text_typed_after_it_on_another_dimension() {
        // The steps: star a, type on b, leave the note, undo.
        let mut h = History::default();
        let mut notes = Notes::default();
        change(&mut h, &mut notes, |n| n.toggle_star("a"));
        type_into(&mut h, &mut notes, "b", "my note");
        h.seal();
        assert!(h.undo(&mut notes), "undoes the typing, the last step");
        assert_eq!(notes.text("b"), "");
        assert!(notes.is_starred("a"), "the star is untouched");
        assert!(h.redo(&mut notes));
        assert_eq!(notes.text("b"), "my note", "redo brings the text back");
        // Typing on b is on the history above the star: undoing twice
        // takes the star off and gives the text back on redo.
        assert!(h.undo(&mut notes) && h.undo(&mut notes));
        assert!(!notes.is_starred("a"));
        assert!(h.redo(&mut notes) && h.redo(&mut notes));
        assert!(notes.is_starred("a"));
        assert_eq!(notes.text("b"), "my note");
    }

    #[test]
    fn a_step_sets_only_its_own_fields() {
        // A star recorded, then text typed on the same dimension without
        // a record (as if it came from elsewhere): undoing the star keeps
        // the text.
        let mut h = History::default();
        let mut notes = Notes::default();
        change(&mut h, &mut notes, |n| n.toggle_star("a"));
        notes.text_mut("a").push_str("typed");
        assert!(h.undo(&mut notes));
        assert!(!notes.is_starred("a"));
        assert_eq!(notes.text("a"), "typed");
    }

    #[test]
    fn typing_coalesces_per_stretch_and_per_note() {
        let mut h = History::default();
        let mut notes = Notes::default();
        for word in ["one", " two", " three"] {
            type_into(&mut h, &mut notes, "a", word);
        }
        h.seal();
        type_into(&mut h, &mut notes, "a", " four");
        type_into(&mut h, &mut notes, "b", "other");
        assert!(h.undo(&mut notes));
        assert_eq!(notes.text("b"), "", "another note is another step");
        assert_eq!(notes.text("a"), "one two three four");
        assert!(h.undo(&mut notes));
        assert_eq!(notes.text("a"), "one two three", "a new stretch");
        assert!(h.undo(&mut notes));
        assert_eq!(notes.text("a"), "");
        assert!(notes.get("a").is_none(), "left empty, dropped as on save");
        assert!(!h.undo(&mut notes));
    }

    #[test]
    fn orphan_moves_and_talk_marks_are_undone_field_by_field() {
        let mut h = History::default();
        let mut notes = Notes::default();
        notes.text_mut("old").push_str("kept");
        notes.toggle_star("old");
        change(&mut h, &mut notes, |n| n.reattach("old", "new"));
        change(&mut h, &mut notes, |n| {
            n.talk.minutes = 10;
            n.entry("new").verdict = Some(Verdict::Even);
        });
        assert!(h.undo(&mut notes));
        assert_eq!(notes.talk.minutes, 0);
        assert_eq!(notes.get("new").unwrap().verdict, None);
        assert!(h.undo(&mut notes));
        assert_eq!(notes.text("old"), "kept");
        assert!(notes.is_starred("old") && notes.get("new").is_none());
    }

    #[test]
    fn the_history_is_bounded() {
        let mut h = History::default();
        let mut notes = Notes::default();
        for _ in 0..STEPS + 20 {
            change(&mut h, &mut notes, |n| n.toggle_star("a"));
        }
        let mut undone = 0;
        while h.undo(&mut notes) {
            undone += 1;
        }
        assert_eq!(undone, STEPS);
    }
}
