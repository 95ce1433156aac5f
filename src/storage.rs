//! Disk and system-dialog work that must not run on the UI thread.
//!
//! System file dialogs block until the person answers, so each runs on a
//! named thread and reports back over a channel, waking the UI.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A system dialog the app wants shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogRequest {
    /// Pick a comparison (RON) to open.
    OpenContent,
}

/// What a system dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogReply {
    /// The file picked to open; `None` when cancelled or when no dialog is
    /// available on this system (rfd cannot tell the two apart).
    OpenContent(Option<PathBuf>),
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

    /// Shows a dialog on its own thread; its answer arrives via [`Self::poll`].
    pub fn request(&self, request: DialogRequest) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let reply = match request {
                    DialogRequest::OpenContent => DialogReply::OpenContent(
                        rfd::FileDialog::new()
                            .set_title("Open comparison")
                            .add_filter("Comparison (RON)", &["ron"])
                            .add_filter("All files", &["*"])
                            .pick_file(),
                    ),
                };
                // The receiver is gone only when the app has closed.
                let _ = tx.send(reply);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if spawned.is_err() {
            // Without a thread there is no dialog: answer "nothing picked" so
            // the path field is offered instead.
            let _ = self.tx.send(match request {
                DialogRequest::OpenContent => DialogReply::OpenContent(None),
            });
        }
    }

    /// The next answer, if one has arrived.
    #[must_use]
    pub fn poll(&self) -> Option<DialogReply> {
        self.rx.try_recv().ok()
    }
}
