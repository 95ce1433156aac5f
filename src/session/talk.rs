//! Planning the talk: its length, how budgets are shared, a dimension's
//! budget, verdict and weight. Each change is one undo step.

use std::time::Instant;

use super::command::{TalkCmd, VerdictPick};
use super::{Section, Session};

impl Session {
    /// Applies a change to the talk's plan or a verdict. A change that
    /// leaves the notes as they were is no change: nothing to save, no
    /// undo step (V 1 pressed twice, V 0 where there is no verdict).
    pub fn apply_talk(&mut self, command: TalkCmd) {
        // The keys' forms become the dropdown's commands, recorded there.
        match command {
            TalkCmd::SetVerdictSelected(pick) => return self.set_verdict_selected(pick),
            TalkCmd::SetWeightSelected(weight) => {
                if let Some(dimension) = self.dimension_for_key("a weight") {
                    self.apply_talk(TalkCmd::SetWeight { dimension, weight });
                }
                return;
            }
            _ => {}
        }
        // Recorded field by field: undoing it touches nothing else.
        let before = self.notes_file.notes.clone();
        let notes = &mut self.notes_file.notes;
        let id = |dimension: usize| {
            self.comparison
                .dimensions
                .get(dimension)
                .map(|d| d.id.as_str())
        };
        let current = |id: &str| notes.dimensions.get(id).cloned().unwrap_or_default();
        match command {
            TalkCmd::SetTalkMinutes(minutes) => {
                notes.talk.minutes = minutes.min(crate::notes::talk::MAX_TALK_MINUTES);
            }
            TalkCmd::SetWeighted(on) => notes.talk.weighted = on,
            TalkCmd::SetBudget { dimension, seconds } => {
                let budget = seconds.map(|s| s.min(crate::notes::talk::MAX_BUDGET_SECONDS));
                if let Some(id) = id(dimension).filter(|id| current(id).budget != budget) {
                    notes.entry(id).budget = budget;
                }
            }
            TalkCmd::SetVerdict { dimension, verdict } => {
                if let Some(id) = id(dimension).filter(|id| current(id).verdict != verdict) {
                    notes.entry(id).verdict = verdict;
                }
            }
            TalkCmd::SetWeight { dimension, weight } => {
                // 1 is the default: left out of the file.
                let weight = weight.min(crate::notes::talk::MAX_WEIGHT);
                let weight = (weight != 1).then_some(weight);
                if let Some(id) = id(dimension).filter(|id| current(id).weight != weight) {
                    notes.entry(id).weight = weight;
                }
            }
            TalkCmd::SetVerdictSelected(_) | TalkCmd::SetWeightSelected(_) => {}
        }
        if self.notes_file.notes != before {
            self.notes_file.changed(Instant::now());
            self.history.record(&before, &self.notes_file.notes);
        }
    }

    /// The verdict chosen by key, on the selected dimension: the same
    /// command as the dropdown's.
    fn set_verdict_selected(&mut self, pick: VerdictPick) {
        let Some(dimension) = self.dimension_for_key("a verdict") else {
            return;
        };
        let verdict = match pick {
            VerdictPick::Clear => None,
            VerdictPick::Even => Some(crate::notes::Verdict::Even),
            VerdictPick::Subject(i) => {
                let Some(s) = self.comparison.subjects.get(i) else {
                    self.message = Some(format!(
                        "There is no subject {}: this comparison has {}",
                        i + 1,
                        self.comparison.subjects.len()
                    ));
                    return;
                };
                Some(crate::notes::Verdict::Subject(s.id.clone()))
            }
        };
        self.apply_talk(TalkCmd::SetVerdict { dimension, verdict });
    }

    /// The selected dimension, for a key that gives it `what`; when the
    /// introduction or the conclusion is shown, says so instead.
    fn dimension_for_key(&mut self, what: &str) -> Option<usize> {
        match self.selected {
            Section::Dimension(i) if i < self.comparison.dimensions.len() => Some(i),
            _ => {
                self.message = Some(format!("Select a dimension to give it {what}"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::model::Comparison;
    use crate::notes::Verdict;
    use crate::session::Source;

    #[test]
    fn the_keys_forms_act_on_the_selected_dimension_or_say_why_not() {
        let data = tempfile::tempdir().unwrap();
        let mut s = Session::new(
            Comparison::built_in(),
            Source::BuiltIn,
            data.path().to_owned(),
        );
        // On the introduction: nothing changes, and the person is told.
        s.apply_talk(TalkCmd::SetVerdictSelected(VerdictPick::Even));
        assert!(s.notes().dimensions.is_empty());
        assert_eq!(
            s.message.as_deref(),
            Some("Select a dimension to give it a verdict")
        );
        s.selected = Section::Dimension(2);
        let id = s.comparison.dimensions[2].id.clone();
        // Subject 3 of two: nothing changes.
        s.apply_talk(TalkCmd::SetVerdictSelected(VerdictPick::Subject(2)));
        assert!(s.notes().get(&id).is_none());
        assert!(s.message.as_deref().unwrap().contains("no subject 3"));
        s.apply_talk(TalkCmd::SetVerdictSelected(VerdictPick::Subject(1)));
        let tm = s.comparison.subjects[1].id.clone();
        assert_eq!(
            s.notes().get(&id).unwrap().verdict,
            Some(Verdict::Subject(tm))
        );
        // The same verdict again, and no verdict where there is none
        // elsewhere: no change, nothing to save, no undo step.
        let saved = s.notes_file.status.clone();
        let other = s.comparison.dimensions[3].id.clone();
        s.apply_talk(TalkCmd::SetVerdictSelected(VerdictPick::Subject(1)));
        s.apply_talk(TalkCmd::SetVerdict {
            dimension: 3,
            verdict: None,
        });
        assert!(s.notes().get(&other).is_none(), "no empty entry made");
        assert_eq!(s.notes_file.status, saved);
        s.apply_talk(TalkCmd::SetWeightSelected(9));
        assert_eq!(
            s.notes().get(&id).unwrap().weight(),
            3,
            "capped as the dropdown's"
        );
        // Two steps, each one undo, as after the dropdown.
        s.apply_notes(crate::session::command::NotesCmd::Undo);
        assert_eq!(s.notes().get(&id).unwrap().weight(), 1);
        s.apply_notes(crate::session::command::NotesCmd::Undo);
        assert!(s.notes().get(&id).is_none_or(|n| n.verdict.is_none()));
    }
}
