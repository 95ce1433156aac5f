//! Dialogs drawn by the app itself. The path dialog (open a comparison,
//! open notes, save notes as) always has a path field, so it works even
//! where no system file dialog exists; "Browse…" asks for the system one.

use std::path::{Path, PathBuf};

use crate::platform::file_dialog::PathPurpose;
use crate::session::Command;
use crate::session::command::FileCmd;

/// A path field and what goes with it: the line under it (why nothing
/// happened, or a question), whether the system dialog is open, and the
/// file the person was asked about. The app answers through these methods;
/// only the dialog's drawing touches the fields.
#[derive(Debug, Clone, Default)]
pub struct PathField {
    /// The path typed (or picked).
    pub path: String,
    /// A line under the field: why nothing happened, or a question.
    hint: Option<String>,
    /// Whether a system dialog is showing now.
    browsing: bool,
    /// A file the person was asked about (replacing it, writing through a
    /// link); pressing the button again on it is the yes.
    asked: Option<PathBuf>,
}

impl PathField {
    /// A path suggested afresh: no line under it, no question pending.
    pub fn suggest(&mut self, path: String) {
        self.path = path;
        self.settle();
    }

    /// Nothing under the field, no question pending.
    pub fn settle(&mut self) {
        self.hint = None;
        self.asked = None;
    }

    /// Says why nothing was done (and forgets any question).
    pub fn refuse(&mut self, why: String) {
        self.hint = Some(why);
        self.asked = None;
    }

    /// Asks about `path`: the same button on the same path is the yes.
    pub fn ask(&mut self, path: PathBuf, question: String) {
        self.hint = Some(question);
        self.asked = Some(path);
    }

    /// Whether the person was asked about `path` and pressed again.
    #[must_use]
    pub fn was_asked(&self, path: &Path) -> bool {
        self.asked.as_deref() == Some(path)
    }

    /// The line under the field, if any.
    #[must_use]
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// The system dialog opens: returns the path typed, as its suggestion.
    pub fn browse(&mut self) -> Option<PathBuf> {
        self.browsing = true;
        self.hint = None;
        let typed = self.path.trim();
        (!typed.is_empty()).then(|| PathBuf::from(typed))
    }

    /// The system dialog answered. A picked path goes in the field (taken
    /// as asked about when the system dialog asked already) and is handed
    /// back to act on; nothing picked is said under the field.
    pub fn browsed(&mut self, picked: Option<PathBuf>, system_asked: bool) -> Option<PathBuf> {
        self.browsing = false;
        let Some(path) = picked else {
            self.hint = Some(
                "No file was chosen (cancelled, or no system file dialog is available here). Type the path instead."
                    .to_owned(),
            );
            return None;
        };
        self.path = path.display().to_string();
        if system_asked {
            self.asked = Some(path.clone());
        }
        Some(path)
    }

    /// The field under `label` and the row under it.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        id_salt: &str,
        example: &str,
        action: &str,
    ) -> (egui::Response, Option<PathAction>) {
        let field = path_field_ui(ui, label, &mut self.path, id_salt, example);
        if field.changed() {
            self.asked = None;
        }
        let chosen = path_field_actions_ui(
            ui,
            &field,
            &self.path,
            self.hint.as_deref(),
            self.browsing,
            action,
        );
        (field, chosen)
    }
}

/// The path dialog's state: a path field, always there, and a button for
/// the system file dialog.
#[derive(Debug, Clone, Default)]
pub struct PathDialog {
    /// What it is for; `None` when closed.
    pub purpose: Option<PathPurpose>,
    /// The path field.
    pub field: PathField,
    /// Set when the dialog opens: the path field takes the keyboard.
    focus: bool,
}

impl PathDialog {
    /// Opens for `purpose`, starting from `path` unless it was open for the
    /// same purpose already (what was typed is kept); the keyboard goes to
    /// the field.
    pub fn show(&mut self, purpose: PathPurpose, path: impl FnOnce() -> String) {
        if self.purpose != Some(purpose) {
            self.field.path = path();
        }
        self.purpose = Some(purpose);
        self.field.settle();
        self.focus = true;
    }

    /// Closes it.
    pub fn close(&mut self) {
        self.purpose = None;
        self.field.settle();
    }
}

/// Draws the path dialog when it is open.
pub fn path_ui(ctx: &egui::Context, dialog: &mut PathDialog, commands: &mut Vec<Command>) {
    let Some(purpose) = dialog.purpose else {
        return;
    };
    let chosen = dialog_window(ctx, purpose.title(), 460.0, |ui| {
        let (field, chosen) = dialog.field.ui(
            ui,
            "Path of the file (.ron):",
            "dialog-path",
            "/path/to/file.ron",
            purpose.action(),
        );
        if dialog.focus {
            dialog.focus = false;
            field.request_focus();
        }
        chosen
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
fn path_field_ui(
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
fn path_field_actions_ui(
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
