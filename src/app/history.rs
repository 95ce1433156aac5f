//! One undo history for the annotations made outside the note editor:
//! stars, highlights, orphaned notes attached or deleted. (The note editor
//! has its own undo for typing.) Pure: snapshots of the notes, bounded.

use crate::notes::Notes;

/// How many steps are kept.
const STEPS: usize = 100;

/// The notes as they were before each change, and those undone.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Notes>,
    redo: Vec<Notes>,
}

impl History {
    /// Remembers `notes` as they are before a change; a new change forgets
    /// what was undone.
    pub fn record(&mut self, notes: &Notes) {
        self.undo.push(notes.clone());
        if self.undo.len() > STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The notes before the last change, given the `current` ones (kept
    /// for redo); `None` when there is nothing to undo.
    pub fn undo(&mut self, current: Notes) -> Option<Notes> {
        let before = self.undo.pop()?;
        self.redo.push(current);
        Some(before)
    }

    /// The notes after the last undo, given the `current` ones; `None` when
    /// there is nothing to redo.
    pub fn redo(&mut self, current: Notes) -> Option<Notes> {
        let after = self.redo.pop()?;
        self.undo.push(current);
        Some(after)
    }

    /// Forgets everything (another notes file).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_changes_and_a_new_change_drops_redo() {
        let mut h = History::default();
        let mut notes = Notes::default();
        h.record(&notes);
        notes.toggle_star("a");
        h.record(&notes);
        notes.toggle_star("b");
        let back = h.undo(notes.clone()).unwrap();
        assert!(back.is_starred("a") && !back.is_starred("b"));
        let forward = h.redo(back.clone()).unwrap();
        assert!(forward.is_starred("b"));
        let back = h.undo(forward).unwrap();
        h.record(&back);
        assert!(h.redo(back).is_none(), "a new change forgets the undone");
        let mut empty = History::default();
        assert!(empty.undo(Notes::default()).is_none());
    }
}
