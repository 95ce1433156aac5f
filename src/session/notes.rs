//! Changing the notes: typing, stars and highlights, orphans, merges,
//! deciding about the notes file, and undo. Every change that is not typing
//! goes on the history as the fields it changed.

use std::path::PathBuf;
use std::time::Instant;

use super::Session;
use super::command::NotesCmd;
use super::history::NoteKey;
use super::outline::Section;

impl Session {
    /// Applies a command that changes the notes or their file.
    pub fn apply_notes(&mut self, command: NotesCmd) {
        let now = Instant::now();
        // What the command changes goes on the history once it is done,
        // field by field (undoing it then touches nothing else).
        let before = command.undoable().then(|| self.notes_file.notes.clone());
        match command {
            NotesCmd::Undo => self.walk_history(true, now),
            NotesCmd::Redo => self.walk_history(false, now),
            NotesCmd::SetText { note, text } => self.set_text(note, text, now),
            NotesCmd::EndTyping => self.history.seal(),
            NotesCmd::ToggleStar(i) => {
                if let Some(d) = self.comparison.dimensions.get(i) {
                    self.notes_file.notes.toggle_star(&d.id);
                    self.notes_file.changed(now);
                }
            }
            NotesCmd::ToggleStarSelected => {
                if let Section::Dimension(i) = self.selected {
                    self.apply_notes(NotesCmd::ToggleStar(i));
                }
            }
            NotesCmd::ToggleHighlight { dimension, aspect } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    self.notes_file.notes.toggle_highlight(&d.id, &aspect);
                    self.notes_file.changed(now);
                }
            }
            NotesCmd::ToggleHighlightRow(n) => {
                if let Section::Dimension(i) = self.selected
                    && let Some(p) = self
                        .comparison
                        .dimensions
                        .get(i)
                        .and_then(|d| d.points.get(n.wrapping_sub(1)))
                {
                    let aspect = p.aspect.clone();
                    self.apply_notes(NotesCmd::ToggleHighlight {
                        dimension: i,
                        aspect,
                    });
                }
            }
            NotesCmd::KeepMine => self.keep_mine(),
            NotesCmd::ReloadTheirs => self.reload_theirs(),
            NotesCmd::AttachOrphan { from, to } => {
                self.notes_file.notes.reattach(&from, &to);
                self.notes_file.changed(now);
                self.message = Some(format!("The notes on \"{from}\" are now on \"{to}\""));
            }
            NotesCmd::DeleteOrphan(id) => {
                self.notes_file.notes.dimensions.remove(&id);
                self.notes_file.changed(now);
                self.message = Some(format!("Removed the notes on \"{id}\""));
            }
            NotesCmd::ApplyMerge { reviewed, merged } => self.apply_merge(&reviewed, *merged, now),
            NotesCmd::MergeOnDisk => self.merge_on_disk(now),
            NotesCmd::ClearMergeCheck(note) => self.clear_merge_check(&note, now),
            NotesCmd::MoveBrokenAside => self.move_broken_aside(),
        }
        if let Some(before) = before {
            self.history.record(&before, &self.notes_file.notes);
        }
    }

    /// The notes file changed on disk: writes these notes, the file's
    /// version kept aside.
    fn keep_mine(&mut self) {
        let done = self.notes_file.keep_mine();
        self.message = Some(aside_message(
            done,
            "Wrote your notes; the other version is kept in",
            "Could not keep a copy of the file on disk",
        ));
    }

    /// The notes file changed on disk: loads it, these notes kept aside.
    fn reload_theirs(&mut self) {
        let done = self.notes_file.reload_theirs();
        // The steps were made on the notes just replaced.
        self.history.clear();
        self.message = Some(aside_message(
            done,
            "Reloaded the notes file; your version is kept in",
            "Could not keep a copy of your notes",
        ));
    }

    /// The notes file cannot be read: moves it aside and carries on.
    fn move_broken_aside(&mut self) {
        let done = self.notes_file.move_broken_aside();
        self.message = Some(aside_message(
            done,
            "The broken notes file is now",
            "Could not move the broken notes file",
        ));
    }

    /// The person checked what a merge flagged on `note`.
    fn clear_merge_check(&mut self, note: &NoteKey, now: Instant) {
        let notes = &mut self.notes_file.notes;
        match note {
            NoteKey::Overall => notes.merged = None,
            NoteKey::Dimension(id) => {
                if let Some(d) = notes.dimensions.get_mut(id) {
                    d.merged = None;
                }
            }
        }
        self.notes_file.changed(now);
    }

    /// writes (the file's version kept aside).
    fn merge_on_disk(&mut self, now: Instant) {
        let path = self.notes_file.path.clone();
        let theirs = crate::notes::read_existing(&path)
            .and_then(|bytes| crate::notes::Notes::from_ron(&bytes, &path));
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(e) => {
                self.message = Some(format!("Could not merge: {e}"));
                return;
            }
        };
        let base = self
            .notes_file
            .last_read()
            .and_then(|bytes| crate::notes::Notes::from_ron(bytes, &path).ok());
        let ours = &self.notes_file.notes;
        let merged = match &base {
            Some(base) => crate::notes::merge::merge3(base, ours, &theirs),
            None => crate::notes::merge::merge2(ours, &theirs),
        };
        let clean = merged.is_clean();
        self.notes_file.notes = merged.notes;
        self.notes_file.changed(now);
        let done = self.notes_file.keep_mine();
        let what = if clean {
            "Merged the file on disk with your notes".to_owned()
        } else {
            let places: Vec<String> = merged.kept_both.iter().map(ToString::to_string).collect();
            format!(
                "Merged; both versions kept in {} (flagged \"merged, check\")",
                places.join(", ")
            )
        };
        self.message = Some(aside_message(
            done,
            &format!("{what}; the file's version is kept in"),
            "Merged, but could not keep a copy of the file on disk",
        ));
    }

    /// still those the review was made on.
    fn apply_merge(
        &mut self,
        reviewed: &crate::notes::Notes,
        merged: crate::notes::Notes,
        now: Instant,
    ) {
        if *reviewed == self.notes_file.notes {
            self.notes_file.notes = merged;
            self.notes_file.changed(now);
            self.message = Some("Merged; Ctrl+Z undoes the whole merge".to_owned());
        } else {
            // Another notes file, or a change made meanwhile: the review no
            // longer describes these notes.
            self.message = Some(
                "Your notes changed during the review; nothing was merged. Merge notes from… again"
                    .to_owned(),
            );
        }
    }

    /// Undoes (`true`) or redoes the last step on the notes.
    fn walk_history(&mut self, undo: bool, now: Instant) {
        let notes = &mut self.notes_file.notes;
        let done = if undo {
            self.history.undo(notes)
        } else {
            self.history.redo(notes)
        };
        if done {
            self.notes_file.changed(now);
        } else {
            let what = if undo { "undo" } else { "redo" };
            self.message = Some(format!("Nothing to {what}"));
        }
    }

    /// Sets a note's text, as typed, and records it on the history.
    fn set_text(&mut self, note: NoteKey, text: String, now: Instant) {
        let notes = &mut self.notes_file.notes;
        let slot = match &note {
            NoteKey::Overall => &mut notes.overall,
            NoteKey::Dimension(id) => notes.text_mut(id),
        };
        if *slot != text {
            let old = std::mem::replace(slot, text.clone());
            self.history.typed(note, old, text);
            self.notes_file.changed(now);
        }
    }
}

/// The status line after a copy or move aside: where it went, or why not.
fn aside_message<E: std::fmt::Display>(
    done: Result<PathBuf, E>,
    success: &str,
    failure: &str,
) -> String {
    match done {
        Ok(aside) => format!("{success} {}", aside.display()),
        Err(e) => format!("{failure}: {e}"),
    }
}
