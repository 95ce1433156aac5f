//! What happens between frames: the notes writer's replies, the content
//! watcher, the system dialogs' answers, autosave and flushing the notes.
//! All of it runs from `VersusApp::logic`, which eframe calls even when the
//! window is not drawn, so none of it waits for a repaint.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Source, VersusApp};
use crate::app::command::{ExportCmd, FileCmd};
use crate::notes::combine::{self, TakenIn};
use crate::notes::file::{Flushed, NotesFile, OutsideChange};
use crate::notes::paths;
use crate::notes::writer::{self, NotesWriter};
use crate::platform::file_dialog::{DialogPurpose, PathPurpose};
use crate::platform::watch::ContentWatcher;
use crate::storage;

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
        self.dialogs.attach(ctx);
        let watched = self.watcher.as_ref().map(ContentWatcher::path);
        let content = self.source.path().map(Path::to_owned);
        if watched != content.as_deref() && self.helpers_off.content != content {
            self.watcher = None;
            if let Some(path) = &content {
                let wake = ctx.clone();
                match ContentWatcher::start(path, move || wake.request_repaint()) {
                    Ok(w) => self.watcher = Some(w),
                    // Said once, and not tried again for this file: Ctrl+R
                    // still reloads.
                    Err(e) => {
                        self.message = Some(format!(
                            "Changes to {} on disk will not be noticed (reload with Ctrl+R): {e}",
                            path.display()
                        ));
                        self.helpers_off.content.clone_from(&content);
                    }
                }
            }
        }
        let notes = self.notes_file.path.clone();
        let notes_watched = self.notes_watcher.as_ref().map(ContentWatcher::path);
        if notes_watched != Some(notes.as_path()) && self.helpers_off.notes.as_ref() != Some(&notes)
        {
            let wake = ctx.clone();
            self.notes_watcher = None;
            match ContentWatcher::start(&notes, move || wake.request_repaint()) {
                Ok(w) => self.notes_watcher = Some(w),
                Err(e) => {
                    self.message = Some(format!(
                        "Changes made to the notes file by other programs will not be noticed: {e}"
                    ));
                    self.helpers_off.notes = Some(notes);
                }
            }
        }
        if self.writer.is_none() && !self.helpers_off.writer {
            let wake = ctx.clone();
            match NotesWriter::start(move || wake.request_repaint()) {
                Ok(w) => self.writer = Some(w),
                // Saves then run on this thread: slower, never lost.
                Err(e) => {
                    self.message = Some(format!(
                        "Notes are saved without a background thread (the window may pause while saving): {e}"
                    ));
                    self.helpers_off.writer = true;
                }
            }
        }
    }

    /// Starts a save when one is due, or asks to be woken when it will be.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        // A notes file that is a link out of its folder, agreed to once:
        // written through to that place (and no other) from now on.
        if self.notes_file.trusted_link.is_none()
            && let Some(target) = self.remembered.trusted_target(&self.notes_file.path)
        {
            self.notes_file.trusted_link = Some(target.to_owned());
        }
        let (job, wait) = self.notes_file.poll_autosave(Instant::now());
        if let Some(job) = job {
            let unsent = match &self.writer {
                Some(w) => w.save(job).err().map(|job| *job),
                None => Some(job),
            };
            if let Some(job) = unsent {
                self.notes_file
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
        if self.watcher.as_ref().is_some_and(ContentWatcher::changed) {
            self.reload_after = Some(now + RELOAD_SETTLE);
            ctx.request_repaint_after(RELOAD_SETTLE);
        }
        match self.reload_after {
            // Never under the presenter's feet: the slides stay as they
            // are, and the reload waits for the talk to end.
            Some(_) if self.presenting.is_some() => {
                ctx.request_repaint_after(RELOAD_SETTLE);
            }
            Some(at) if now >= at => {
                self.reload_after = None;
                if let Source::File(path) = self.source.clone() {
                    self.open(&path);
                    if self.error.is_none() {
                        self.message =
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
            .notes_watcher
            .as_ref()
            .is_some_and(ContentWatcher::changed)
        {
            self.notes_changed_outside = true;
        }
        if self.notes_changed_outside && !self.notes_file.in_flight() {
            self.notes_changed_outside = false;
            match self.notes_file.outside_change() {
                OutsideChange::Nothing => {}
                OutsideChange::Reloaded => {
                    // The undo steps were made on notes that are gone now.
                    self.history.clear();
                    self.message = Some("Notes reloaded: the file changed on disk".to_owned());
                }
                OutsideChange::Conflict => {
                    self.message = Some(format!(
                        "{} changed outside versus",
                        self.notes_file.path.display()
                    ));
                }
            }
        }
    }

    /// Takes in finished saves and dialog answers.
    pub(super) fn poll_background(&mut self) {
        if let Some(writer) = &self.writer {
            while let Some(reply) = writer.poll() {
                self.notes_file.finished(reply, Instant::now());
            }
        }
        while let Some(reply) = self.dialogs.poll() {
            match reply.purpose {
                DialogPurpose::Export(_) => self.export_dialog_answered(reply.path),
                DialogPurpose::Path(purpose) => self.path_dialog_answered(purpose, reply.path),
            }
        }
    }

    /// The system save dialog chose where to export (or gave nothing).
    fn export_dialog_answered(&mut self, path: Option<PathBuf>) {
        self.export_dialog.browsing = false;
        match path {
            Some(path) => {
                self.export_dialog.path = path.display().to_string();
                // The system dialog already asked about overwriting.
                self.export_dialog.confirm_overwrite = Some(path.clone());
                self.apply(ExportCmd::Submit(path).into());
            }
            None => {
                self.export_dialog.hint = Some(
                    "No file was chosen (cancelled, or no system file dialog is available here). Type the path instead."
                        .to_owned(),
                );
            }
        }
    }

    /// The system dialog picked a path for the path dialog (or gave
    /// nothing).
    fn path_dialog_answered(&mut self, purpose: PathPurpose, path: Option<PathBuf>) {
        self.path_dialog.browsing = false;
        match path {
            Some(path) => {
                self.path_dialog.path = path.display().to_string();
                if purpose == PathPurpose::SaveNotesAs {
                    // The system dialog already asked about replacing.
                    self.path_dialog.confirm_overwrite = Some(path.clone());
                }
                self.apply(FileCmd::Submit(path).into());
            }
            None => {
                self.path_dialog.hint = Some(
                    "No file was picked (cancelled, or no system file dialog is available here). Type the path instead."
                        .to_owned(),
                );
            }
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
                self.message = Some(format!(
                    "Notes could not be saved ({why}); they are kept in {}",
                    path.display()
                ));
                true
            }
            Flushed::Nowhere { why, text } => {
                print_unsaved(&why, &text);
                self.message = Some(format!(
                    "Your notes could not be saved anywhere ({why}); they stay open here and were printed to standard error. Free space, or use Save notes as… in the File menu."
                ));
                false
            }
        }
    }

    /// Waits for a save under way, then flushes the notes file.
    pub(super) fn flush_to_disk(&mut self) -> Flushed {
        if let Some(writer) = &self.writer {
            while self.notes_file.in_flight() {
                match writer.wait(Duration::from_secs(5)) {
                    Some(reply) => self.notes_file.finished(reply, Instant::now()),
                    None => break,
                }
            }
        }
        self.notes_file.flush()
    }

    /// On exit: a rehearsal under way is recorded; the notes go to their
    /// file, else beside it, else to the data folder, else to standard
    /// error in full; standard error says which.
    pub fn flush_on_exit(&mut self) {
        // A rehearsal cut short by closing the window still counts.
        self.stop_presenting();
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

/// Opens the notes of `source` in their default place, with the data
/// folder as the last resort for copies of unsaved notes. Notes that were
/// kept in the data folder while the content's folder could not be written
/// are taken in first (see [`combine::take_in_kept`]): nothing is hidden.
/// Returns what to tell the person about that, if anything.
pub(super) fn open_notes_of(
    source: &Source,
    title: &str,
    data_dir: &Path,
) -> (NotesFile, Option<String>) {
    let path = paths::default_notes_path(source.path(), data_dir);
    let kept = paths::data_dir_notes_path(data_dir, source.path());
    if storage::folder_of(&path) == data_dir {
        // The data folder is ours to create; a content file's folder never
        // is. If this fails, the first save says why.
        let _ = std::fs::create_dir_all(data_dir);
    }
    let taken = if path == kept {
        TakenIn::Nothing
    } else {
        combine::take_in_kept(&path, &kept, title)
    };
    let mut notes_file = NotesFile::open(path, title);
    notes_file.fallback = Some(kept.clone());
    let shown = notes_file.path.display().to_string();
    let message = match taken {
        TakenIn::Nothing => None,
        TakenIn::Moved { merged, backup } => {
            // Short, the copy's path first: the status line is one line.
            let how = if merged { "merged in" } else { "moved here" };
            let copy = backup.map_or_else(
                || format!("still at {}", kept.display()),
                |b| format!("copy kept as {}", b.display()),
            );
            Some(format!("Notes from the data folder {how}; {copy}"))
        }
        TakenIn::Unwritten { notes, why } => {
            notes_file.notes = notes;
            notes_file.changed(Instant::now());
            Some(format!(
                "Notes kept in the data folder ({}) are shown with these, but could not be written to {shown} yet: {why}",
                kept.display()
            ))
        }
        TakenIn::Left { why } => Some(format!(
            "More notes on this comparison are kept in {}; they are not shown because {shown} cannot be read ({why}). Open them with File ▸ Open notes…",
            kept.display()
        )),
    };
    (notes_file, message)
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
