//! Dialogs drawn by the app itself. The "Open comparison" dialog always has
//! a path field, so a file can be opened even where no system file dialog
//! exists.

use crate::app::{Command, OpenDialog};

/// Draws the "Open comparison" dialog when it is open.
pub fn open_ui(ctx: &egui::Context, dialog: &mut OpenDialog, commands: &mut Vec<Command>) {
    if !dialog.open {
        return;
    }
    let mut keep_open = true;
    egui::Window::new("Open comparison")
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.set_min_width(420.0);
            let label = ui.label("Path of a comparison file (.ron):");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut dialog.path)
                        .id_salt("open-path")
                        .hint_text("/path/to/comparison.ron")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !field.has_focus() && dialog.path.is_empty() {
                field.request_focus();
            }
            let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(hint) = &dialog.hint {
                ui.label(egui::RichText::new(hint).weak());
            }
            ui.horizontal(|ui| {
                let path = dialog.path.trim();
                if ui
                    .add_enabled(!path.is_empty(), egui::Button::new("Open"))
                    .clicked()
                    || (submitted && !path.is_empty())
                {
                    commands.push(Command::Open(path.into()));
                }
                if ui
                    .add_enabled(!dialog.browsing, egui::Button::new("Browse…"))
                    .on_hover_text("Choose the file with the system's file dialog")
                    .clicked()
                {
                    commands.push(Command::BrowseOpen);
                }
                if dialog.browsing {
                    ui.spinner();
                    ui.label("Waiting for the file dialog…");
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseOpen);
                }
            });
        });
    if !keep_open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseOpen);
    }
}
