//! Dialogs drawn by the app itself. The path dialog (open a comparison,
//! open notes, save notes as) always has a path field, so it works even
//! where no system file dialog exists; "Browse…" asks for the system one.

use std::path::PathBuf;

use crate::platform::file_dialog::PathPurpose;
use crate::session::Command;
use crate::session::command::FileCmd;

/// The path dialog's state: a path field, always there, and a button for
/// the system file dialog.
#[derive(Debug, Clone, Default)]
pub struct PathDialog {
    /// What it is for; `None` when closed.
    pub purpose: Option<PathPurpose>,
    /// The path typed (or picked).
    pub path: String,
    /// Why the system dialog gave nothing, when it did.
    pub hint: Option<String>,
    /// Whether a system dialog is showing now.
    pub browsing: bool,
    /// A file that exists and that the person was asked about replacing.
    pub confirm_overwrite: Option<PathBuf>,
    /// Set when the dialog opens: the path field takes the keyboard.
    pub focus: bool,
}

/// Draws the path dialog when it is open.
pub fn path_ui(ctx: &egui::Context, dialog: &mut PathDialog, commands: &mut Vec<Command>) {
    let Some(purpose) = dialog.purpose else {
        return;
    };
    let chosen = dialog_window(ctx, purpose.title(), 460.0, |ui| {
        let field = path_field_ui(
            ui,
            "Path of the file (.ron):",
            &mut dialog.path,
            "dialog-path",
            "/path/to/file.ron",
        );
        if dialog.focus {
            dialog.focus = false;
            field.request_focus();
        }
        path_field_actions_ui(
            ui,
            &field,
            &dialog.path,
            dialog.hint.as_deref(),
            dialog.browsing,
            purpose.action(),
        )
    });
    match chosen {
        Some(PathAction::Submit(path)) => commands.push(FileCmd::Submit(path).into()),
        Some(PathAction::Browse) => commands.push(FileCmd::Browse.into()),
        Some(PathAction::Cancel) => commands.push(FileCmd::CloseDialog.into()),
        None => {}
    }
}

/// A centred dialog window with a close button, `min_width` wide, around
/// `body`. Returns what the body chose, or [`PathAction::Cancel`] when the
/// window's × or Escape closed it.
pub fn dialog_window(
    ctx: &egui::Context,
    title: &str,
    min_width: f32,
    body: impl FnOnce(&mut egui::Ui) -> Option<PathAction>,
) -> Option<PathAction> {
    let mut keep_open = true;
    let chosen = egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        // Anchored by its top: a hint that appears grows the dialog
        // downwards, and the buttons stay where the pointer is.
        .anchor(egui::Align2::CENTER_TOP, [0.0, 90.0])
        .show(ctx, |ui| {
            ui.set_min_width(min_width);
            body(ui)
        })
        .and_then(|r| r.inner.flatten());
    if !keep_open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        return Some(PathAction::Cancel);
    }
    chosen
}

/// What the row under a path field asked for.
pub enum PathAction {
    /// Act on this path (the action button, or Enter in the field).
    Submit(PathBuf),
    /// Ask the system's file dialog.
    Browse,
    /// Close the dialog.
    Cancel,
}

/// A full-width path field under its `label` (which names it for screen
/// readers and tests).
pub fn path_field_ui(
    ui: &mut egui::Ui,
    label: &str,
    path: &mut String,
    id_salt: &str,
    hint: &str,
) -> egui::Response {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(path)
            .id_salt(id_salt)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
}

/// The hint and the buttons under a path field: the action, "Browse…" for
/// the system dialog (with a spinner while it is open), and "Cancel".
pub fn path_field_actions_ui(
    ui: &mut egui::Ui,
    field: &egui::Response,
    path: &str,
    hint: Option<&str>,
    browsing: bool,
    action: &str,
) -> Option<PathAction> {
    let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let path = path.trim();
    // The hint goes under the buttons, so a second click on the same spot
    // ("Press Export again…") still lands on the button.
    let chosen = ui
        .horizontal(|ui| {
            let mut chosen = None;
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new(action))
                .clicked()
                || (submitted && !path.is_empty())
            {
                chosen = Some(PathAction::Submit(path.into()));
            }
            if ui
                .add_enabled(!browsing, egui::Button::new("Browse…"))
                .on_hover_text("Choose with the system's file dialog")
                .clicked()
            {
                chosen = Some(PathAction::Browse);
            }
            if browsing {
                ui.spinner();
                ui.label("Waiting for the file dialog…");
            }
            if ui.button("Cancel").clicked() {
                chosen = Some(PathAction::Cancel);
            }
            chosen
        })
        .inner;
    if let Some(hint) = hint {
        ui.add(egui::Label::new(egui::RichText::new(hint).weak()).wrap());
    }
    chosen
}
