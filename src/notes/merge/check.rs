//! What a merge leaves for the person to check ("merged, check"), kept in
//! the notes themselves. No egui here.

use serde::{Deserialize, Serialize};

use super::THEIR_VERSION;
use crate::notes::talk::Verdict;

/// What a merge left for the person to check ("merged, check"): stored on
/// a dimension's notes, or on the notes themselves for the overall note and
/// the talk's length. The merged value is ours; theirs is kept here so the
/// person can pick it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "MergeCheck")]
pub struct MergeCheck {
    /// The note holds both versions of lines both sides changed: ours,
    /// then [`THEIR_VERSION`], theirs and
    /// [`END_OF_THEIR_VERSION`](super::END_OF_THEIR_VERSION).
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
            *w = (*w).min(crate::notes::talk::MAX_WEIGHT);
        }
        if let Some(Some(b)) = &mut self.their_budget {
            *b = (*b).min(crate::notes::talk::MAX_BUDGET_SECONDS);
        }
        if let Some(m) = &mut self.their_minutes {
            *m = (*m).min(crate::notes::talk::MAX_TALK_MINUTES);
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

/// Serde's `skip_serializing_if` needs a function of a reference.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes fields by reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}
