//! System file dialogs. They block until the person answers, so each runs
//! on a named thread and reports back over a channel, waking the UI.
//!
//! rfd uses the desktop portal, else `zenity`; without either it answers
//! `None`, so every dialog also offers a path field.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the app's own path dialog is for (it never exports: the export
/// dialog has its own path field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Pick a comparison (RON) to open.
    OpenContent,
    /// Pick a notes file to use.
    OpenNotes,
    /// Choose where to save the notes.
    SaveNotesAs,
    /// Pick a colleague's notes file to merge into these.
    MergeNotes,
}

impl PathPurpose {
    /// The dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::OpenContent => "Open comparison",
            Self::OpenNotes => "Open notes",
            Self::SaveNotesAs => "Save notes as",
            Self::MergeNotes => "Merge notes from",
        }
    }

    /// The label of the button that acts on the path.
    #[must_use]
    pub fn action(self) -> &'static str {
        match self {
            Self::OpenContent | Self::OpenNotes => "Open",
            Self::SaveNotesAs => "Save",
            Self::MergeNotes => "Review",
        }
    }
}

/// What a system file dialog is for: the path dialog's purpose, or an
/// export with this extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// For the path dialog.
    Path(PathPurpose),
    /// Choose where to write an export with this extension.
    Export(&'static str),
}

impl DialogPurpose {
    /// The dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Path(p) => p.title(),
            Self::Export(_) => "Export",
        }
    }
}

/// What a system dialog answered: the path picked, or `None` when cancelled
/// or when no dialog is available on this system (rfd cannot tell the two
/// apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogReply {
    /// What the dialog was for.
    pub purpose: DialogPurpose,
    /// The path picked.
    pub path: Option<PathBuf>,
}

/// Runs system dialogs off the UI thread.
pub struct Dialogs {
    tx: Sender<DialogReply>,
    rx: Receiver<DialogReply>,
    ctx: Option<egui::Context>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self { tx, rx, ctx: None }
    }
}

impl Dialogs {
    /// Remembers the context to wake when a dialog answers.
    pub fn attach(&mut self, ctx: &egui::Context) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
    }

    /// Shows a dialog on its own thread; its answer arrives via
    /// [`Self::poll`]. `suggested` is the default file name for a save.
    pub fn request(&self, purpose: DialogPurpose, suggested: Option<PathBuf>) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
                dialog = match purpose {
                    DialogPurpose::Export(ext) => dialog.add_filter(ext.to_uppercase(), &[ext]),
                    DialogPurpose::Path(_) => dialog.add_filter("RON", &["ron"]),
                }
                .add_filter("All files", &["*"]);
                if let Some(s) = &suggested {
                    if let Some(dir) = s.parent() {
                        dialog = dialog.set_directory(dir);
                    }
                    if let Some(name) = s.file_name() {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                }
                let path = match purpose {
                    DialogPurpose::Path(
                        PathPurpose::OpenContent | PathPurpose::OpenNotes | PathPurpose::MergeNotes,
                    ) => dialog.pick_file(),
                    DialogPurpose::Path(PathPurpose::SaveNotesAs) | DialogPurpose::Export(_) => {
                        dialog.save_file()
                    }
                };
                // The receiver is gone only when the app has closed.
                let _ = tx.send(DialogReply { purpose, path });
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if spawned.is_err() {
            // Without a thread there is no dialog: answer "nothing picked" so
            // the path field is offered instead.
            let _ = self.tx.send(DialogReply {
                purpose,
                path: None,
            });
        }
    }

    /// The next answer, if one has arrived.
    #[must_use]
    pub fn poll(&self) -> Option<DialogReply> {
        self.rx.try_recv().ok()
    }
}
