//! The menu bar, and the load-error banner beneath it.

use egui::RichText;

use crate::app::{Command, Source, VersusApp};
use crate::ui::keys;

/// Draws the menu bar and, when the last load failed, its error.
pub fn ui(ui: &mut egui::Ui, app: &VersusApp, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let shortcut = ui.ctx().format_shortcut(&keys::OPEN);
            if ui
                .add(egui::Button::new("Open…").shortcut_text(shortcut))
                .clicked()
            {
                commands.push(Command::ShowOpen);
            }
            let reload =
                egui::Button::new("Reload").shortcut_text(ui.ctx().format_shortcut(&keys::RELOAD));
            if ui
                .add_enabled(matches!(app.source, Source::File(_)), reload)
                .clicked()
            {
                commands.push(Command::Reload);
            }
            if ui
                .add_enabled(
                    app.source != Source::BuiltIn,
                    egui::Button::new("Show built-in comparison"),
                )
                .clicked()
            {
                commands.push(Command::OpenBuiltIn);
            }
            ui.separator();
            let quit =
                egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&keys::QUIT));
            if ui.add(quit).clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.separator();
        ui.label(RichText::new(&app.comparison.title).strong());
    });
    if let Some(error) = &app.error {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.label(
                        RichText::new("Could not open the file")
                            .strong()
                            .color(ui.visuals().error_fg_color),
                    );
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                        if ui.button("Dismiss").clicked() {
                            commands.push(Command::DismissError);
                        }
                    });
                });
                ui.add(egui::Label::new(RichText::new(error).monospace()).wrap());
                ui.label(
                    RichText::new("Still showing the comparison that was open before.").weak(),
                );
            });
        ui.add_space(4.0);
    }
}
