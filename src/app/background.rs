//! What happens between frames: the notes writer's replies, the content
//! watcher, the system dialogs' answers, autosave and flushing the notes.
//! All of it runs from `VersusApp::logic`, which eframe calls even when the
//! window is not drawn, so none of it waits for a repaint.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::VersusApp;
use crate::session::Source;
use crate::session::command::{ExportCmd, FileCmd};

use crate::notes::file::{Flushed, OutsideChange};
use crate::notes::writer::{self, NotesWriter};
use crate::platform::file_dialog::{DialogPurpose, Dialogs, PathPurpose};
use crate::platform::watch::ContentWatcher;

/// What runs beside the window: the notes writer, the watchers of the
/// content and notes files, the system dialogs, and what they reported.
#[derive(Default)]
pub(super) struct Background {
    /// The system file dialogs, on their own thread.
    pub(super) dialogs: Dialogs,
    /// The thread that writes the notes.
    pub(super) writer: Option<NotesWriter>,
    /// Watches the content file, to reload it when its author saves it.
    pub(super) watcher: Option<ContentWatcher>,
    /// Watches the notes file, to take in an edit made outside versus.
    pub(super) notes_watcher: Option<ContentWatcher>,
    /// The helpers above that could not start (said once).
    pub(super) helpers_off: HelpersOff,
    /// The notes file changed outside; looked at once no save is under way.
    pub(super) notes_changed_outside: bool,
    /// When a change on disk was last seen; the reload waits for the
    /// writes to settle.
    pub(super) reload_after: Option<Instant>,
    /// The export under way, if any.
    pub(super) export: Option<super::exporting::Exporting>,
}

/// The background helpers that could not start, so that each failure is
/// said once and not retried every frame.
#[derive(Debug, Default)]
pub(super) struct HelpersOff {
    /// The content file no watcher could be started for.
    content: Option<PathBuf>,
    /// The notes file no watcher could be started for.
    notes: Option<PathBuf>,
    /// Whether the writer thread could not be started.
    writer: bool,
}

impl VersusApp {
    /// Starts the background helpers once a context exists to wake, and
    /// keeps the content watcher on the file shown.
    pub(super) fn attach(&mut self, ctx: &egui::Context) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.background.dialogs.attach(ctx);
        let watched = self.background.watcher.as_ref().map(ContentWatcher::path);
        let content = self.session.source.path().map(Path::to_owned);
        if watched != content.as_deref() && self.background.helpers_off.content != content {
            self.background.watcher = None;
            if let Some(path) = &content {
                let wake = ctx.clone();
                match ContentWatcher::start(path, move || wake.request_repaint()) {
                    Ok(w) => self.background.watcher = Some(w),
                    // Said once, and not tried again for this file: Ctrl+R
                    // still reloads.
                    Err(e) => {
                        self.session.message = Some(format!(
                            "Changes to {} on disk will not be noticed (reload with Ctrl+R): {e}",
                            path.display()
                        ));
                        self.background.helpers_off.content.clone_from(&content);
                    }
                }
            }
        }
        let notes = self.session.notes_file.path.clone();
        let notes_watched = self
            .background
            .notes_watcher
            .as_ref()
            .map(ContentWatcher::path);
        if notes_watched != Some(notes.as_path())
            && self.background.helpers_off.notes.as_ref() != Some(&notes)
        {
            let wake = ctx.clone();
            self.background.notes_watcher = None;
            match ContentWatcher::start(&notes, move || wake.request_repaint()) {
                Ok(w) => self.background.notes_watcher = Some(w),
                Err(e) => {
                    self.session.message = Some(format!(
                        "Changes made to the notes file by other programs will not be noticed: {e}"
                    ));
                    self.background.helpers_off.notes = Some(notes);
                }
            }
        }
        if self.background.writer.is_none() && !self.background.helpers_off.writer {
            let wake = ctx.clone();
            match NotesWriter::start(move || wake.request_repaint()) {
                Ok(w) => self.background.writer = Some(w),
                // Saves then run on this thread: slower, never lost.
                Err(e) => {
                    self.session.message = Some(format!(
                        "Notes are saved without a background thread (the window may pause while saving): {e}"
                    ));
                    self.background.helpers_off.writer = true;
                }
            }
        }
    }

    /// Starts a save when one is due, or asks to be woken when it will be.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        // A notes file that is a link out of its folder, agreed to once:
        // written through to that place (and no other) from now on.
        if self.session.notes_file.trusted_link.is_none()
            && let Some(target) = self
                .remembered
                .trusted_target(&self.session.notes_file.path)
        {
            self.session.notes_file.trusted_link = Some(target.to_owned());
        }
        let (job, wait) = self.session.notes_file.poll_autosave(Instant::now());
        if let Some(job) = job {
            let unsent = match &self.background.writer {
                Some(w) => w.save(job).err().map(|job| *job),
                None => Some(job),
            };
            if let Some(job) = unsent {
                self.session
                    .notes_file
                    .finished(writer::save_notes(job), Instant::now());
            }
        }
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait);
        }
    }

    /// Reloads the content a moment after it changed on disk (an editor's
    /// save can be several writes). A broken save shows its error and keeps
    /// what was shown.
    pub(super) fn reload_when_changed(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        if self
            .background
            .watcher
            .as_ref()
            .is_some_and(ContentWatcher::changed)
        {
            self.background.reload_after = Some(now + RELOAD_SETTLE);
            ctx.request_repaint_after(RELOAD_SETTLE);
        }
        match self.background.reload_after {
            // Never under the presenter's feet: the slides stay as they
            // are, and the reload waits for the talk to end.
            Some(_) if self.session.presenting.is_some() => {
                ctx.request_repaint_after(RELOAD_SETTLE);
            }
            Some(at) if now >= at => {
                self.background.reload_after = None;
                if let Source::File(path) = self.session.source.clone() {
                    self.open(&path);
                    if self.session.error.is_none() {
                        self.session.message =
                            Some(format!("Reloaded {} (changed on disk)", path.display()));
                    }
                }
            }
            Some(at) => ctx.request_repaint_after(at - now),
            None => {}
        }
    }

    /// Notices a notes file someone else wrote, at once; checked after a
    /// save under way finishes, since that save's own write also wakes the
    /// watcher.
    pub(super) fn notice_notes_changes(&mut self) {
        if self
            .background
            .notes_watcher
            .as_ref()
            .is_some_and(ContentWatcher::changed)
        {
            self.background.notes_changed_outside = true;
        }
        if self.background.notes_changed_outside && !self.session.notes_file.in_flight() {
            self.background.notes_changed_outside = false;
            match self.session.notes_file.outside_change() {
                OutsideChange::Nothing => {}
                OutsideChange::Reloaded => {
                    // The undo steps were made on notes that are gone now.
                    self.session.clear_history();
                    // Other notes can list other dimensions under a filter.
                    self.session.refresh_outline();
                    self.session.message =
                        Some("Notes reloaded: the file changed on disk".to_owned());
                }
                OutsideChange::Conflict => {
                    self.session.message = Some(format!(
                        "{} changed outside versus",
                        self.session.notes_file.path.display()
                    ));
                }
            }
        }
    }

    /// Takes in finished saves and dialog answers.
    pub(super) fn poll_background(&mut self) {
        if let Some(writer) = &self.background.writer {
            while let Some(reply) = writer.poll() {
                self.session.notes_file.finished(reply, Instant::now());
            }
        }
        while let Some(reply) = self.background.dialogs.poll() {
            match reply.purpose {
                DialogPurpose::Export(_) => self.export_dialog_answered(reply.path),
                DialogPurpose::Path(purpose) => self.path_dialog_answered(purpose, reply.path),
            }
        }
    }

    /// The system save dialog chose where to export (or gave nothing).
    fn export_dialog_answered(&mut self, path: Option<PathBuf>) {
        // The system dialog already asked about overwriting.
        if let Some(path) = self.export_dialog.field.browsed(path, true) {
            self.apply(ExportCmd::Submit(path).into());
        }
    }

    /// The system dialog picked a path for the path dialog (or gave
    /// nothing).
    fn path_dialog_answered(&mut self, purpose: PathPurpose, path: Option<PathBuf>) {
        // The system dialog already asked about replacing a file to save to.
        let asked = purpose == PathPurpose::SaveNotesAs;
        if let Some(path) = self.path_dialog.field.browsed(path, asked) {
            self.apply(FileCmd::Submit(path).into());
        }
    }

    /// Writes every unsaved note now (before another comparison or notes
    /// file replaces these). Waits for a save under way first. Returns
    /// whether the notes are safe somewhere; when no file could take them
    /// they are printed to standard error and the caller must keep them.
    pub fn flush_notes(&mut self) -> bool {
        match self.flush_to_disk() {
            Flushed::Clean | Flushed::Saved => true,
            Flushed::KeptAside { path, why } => {
                self.session.message = Some(format!(
                    "Notes could not be saved ({why}); they are kept in {}",
                    path.display()
                ));
                true
            }
            Flushed::Nowhere { why, text } => {
                print_unsaved(&why, &text);
                self.session.message = Some(format!(
                    "Your notes could not be saved anywhere ({why}); they stay open here and were printed to standard error. Free space, or use Save notes as… in the File menu."
                ));
                false
            }
        }
    }

    /// Waits for a save under way, then flushes the notes file.
    pub(super) fn flush_to_disk(&mut self) -> Flushed {
        if let Some(writer) = &self.background.writer {
            while self.session.notes_file.in_flight() {
                match writer.wait(Duration::from_secs(5)) {
                    Some(reply) => self.session.notes_file.finished(reply, Instant::now()),
                    None => break,
                }
            }
        }
        self.session.notes_file.flush()
    }

    /// On exit: a rehearsal under way is recorded; the notes go to their
    /// file, else beside it, else to the data folder, else to standard
    /// error in full; standard error says which.
    pub fn flush_on_exit(&mut self) {
        // A rehearsal cut short by closing the window still counts.
        self.session.stop_presenting();
        match self.flush_to_disk() {
            Flushed::Clean | Flushed::Saved => {}
            Flushed::KeptAside { path, why } => {
                eprintln!("versus: the notes could not be saved to their file: {why}");
                eprintln!("versus: your unsaved notes are kept in {}", path.display());
            }
            Flushed::Nowhere { why, text } => print_unsaved(&why, &text),
        }
    }
}

/// Prints notes that no file could take, in full, to standard error.
fn print_unsaved(why: &str, text: &str) {
    eprintln!("versus: the notes could not be saved to any file:\n{why}");
    eprintln!("versus: your unsaved notes are printed below, in full:");
    eprint!("{text}");
    eprintln!("versus: end of the unsaved notes");
}

/// How long after a change on disk the content is reloaded.
const RELOAD_SETTLE: Duration = Duration::from_millis(250);
