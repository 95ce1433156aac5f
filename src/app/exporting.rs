//! An export under way in the window: started once the person has agreed
//! to the path, built and written on its own thread (`job::ExportJob`), its
//! progress and a Cancel in the status line, its end told once. The window
//! never waits for it: a pipe whose reader stalls ends the export with an
//! error after `storage::STALLED_READER`, and the window keeps drawing.

use std::path::PathBuf;
use std::time::Duration;

use super::VersusApp;
use super::files::absolute_path;
use crate::export::Format;
use crate::job::{self, ExportJob};

/// How often the status line's progress is drawn again while exporting.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The export under way.
#[derive(Debug)]
pub(super) struct Exporting {
    /// The job on its thread.
    job: ExportJob,
    /// Its format, for the status line.
    format: Format,
}

impl VersusApp {
    /// Starts writing the export the dialog describes to `path`, agreed
    /// to; refused while another export is under way.
    pub(super) fn start_export(&mut self, path: PathBuf) {
        let dialog = &mut self.export_dialog;
        if let Some(under_way) = &self.background.export {
            dialog.field.refuse(format!(
                "An export to {} is under way; wait for it, or cancel it in the status line.",
                under_way.job.path().display()
            ));
            return;
        }
        let session = &self.session;
        let job = ExportJob::start(
            dialog.format,
            session.comparison.clone(),
            session.notes_file.notes.clone(),
            dialog.export_options(),
            path,
        );
        self.background.export = Some(Exporting {
            job,
            format: dialog.format,
        });
    }

    /// What the status line shows of the export under way: what and how
    /// far (0 to 1).
    #[must_use]
    pub fn export_progress(&self) -> Option<(String, f32)> {
        self.background.export.as_ref().map(|e| {
            let what = format!(
                "Exporting {} to {}",
                e.format.label(),
                e.job.path().display()
            );
            (what, e.job.progress().fraction())
        })
    }

    /// Asks the export under way to stop; its end is told once it has.
    pub(super) fn cancel_export(&self) {
        if let Some(e) = &self.background.export {
            e.job.cancel();
        }
    }

    /// Takes in the end of the export under way, if it has ended, and asks
    /// to be called again soon while it runs.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(exporting) = &mut self.background.export else {
            return;
        };
        let Some(result) = exporting.job.poll() else {
            ctx.request_repaint_after(PROGRESS_EVERY);
            return;
        };
        let path = exporting.job.path().to_owned();
        let format = exporting.format;
        self.background.export = None;
        match result {
            Ok(()) => {
                self.export_dialog.done();
                self.session.message =
                    Some(format!("Exported {} to {}", format.label(), path.display()));
                // Remembered as a folder that means the same from anywhere.
                self.last_export = Some(absolute_path(&path));
            }
            Err(e) if job::is_cancelled(&e) => {
                self.session.message =
                    Some(format!("Export cancelled; {} is as it was", path.display()));
            }
            // Shown where the export was asked for, so the path can be
            // changed and the export tried again.
            Err(e) => self.export_dialog.failed(format!("Could not export: {e}")),
        }
        ctx.request_repaint();
    }

    /// Whether an export is under way.
    #[must_use]
    pub fn exporting(&self) -> bool {
        self.background.export.is_some()
    }
}
