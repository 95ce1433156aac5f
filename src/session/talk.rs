//! Planning the talk: its length, how budgets are shared, a dimension's
//! budget, verdict and weight. Each change is one undo step.

use std::time::Instant;

use super::Session;
use super::command::TalkCmd;

impl Session {
    /// Applies a change to the talk's plan or a verdict.
    pub fn apply_talk(&mut self, command: TalkCmd) {
        let now = Instant::now();
        // Recorded field by field: undoing it touches nothing else.
        let before = self.notes_file.notes.clone();
        match command {
            TalkCmd::SetTalkMinutes(minutes) => {
                self.notes_file.notes.talk.minutes =
                    minutes.min(crate::notes::talk::MAX_TALK_MINUTES);
                self.notes_file.changed(now);
            }
            TalkCmd::SetWeighted(on) => {
                self.notes_file.notes.talk.weighted = on;
                self.notes_file.changed(now);
            }
            TalkCmd::SetBudget { dimension, seconds } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    self.notes_file.notes.entry(&d.id).budget =
                        seconds.map(|s| s.min(crate::notes::talk::MAX_BUDGET_SECONDS));
                    self.notes_file.changed(now);
                }
            }
            TalkCmd::SetVerdict { dimension, verdict } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    self.notes_file.notes.entry(&d.id).verdict = verdict;
                    self.notes_file.changed(now);
                }
            }
            TalkCmd::SetWeight { dimension, weight } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    let weight = weight.min(crate::notes::talk::MAX_WEIGHT);
                    // 1 is the default: leave it out of the file.
                    self.notes_file.notes.entry(&d.id).weight = (weight != 1).then_some(weight);
                    self.notes_file.changed(now);
                }
            }
        }
        self.history.record(&before, &self.notes_file.notes);
    }
}
