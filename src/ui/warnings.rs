//! The content file's warnings (the status bar's "N warnings"): each with
//! its line:column and message, a Copy beside each and Copy all, in the
//! form `versus validate` prints, to paste into an editor or a report.

use egui::RichText;

use crate::model::Diagnostic;
use crate::session::command::ViewCmd;
use crate::session::{Command, Session};

/// "1 warning", "3 warnings".
#[must_use]
pub fn count_text(count: usize) -> String {
    format!("{count} warning{}", if count == 1 { "" } else { "s" })
}

/// One warning as copied: `file:line:column: warning: message`, as
/// `versus validate` prints it (no file for the built-in comparison).
#[must_use]
pub fn copy_line(session: &Session, warning: &Diagnostic) -> String {
    match session.source.path() {
        Some(path) => format!("{}:{warning}", path.display()),
        None => warning.to_string(),
    }
}

/// Draws the warnings window (shown while the app says so): every warning
/// the session holds, Esc or × to close.
pub fn ui(ctx: &egui::Context, session: &Session, commands: &mut Vec<Command>) {
    // The file was fixed and reloaded (or another opened): nothing to list.
    if session.warnings.is_empty() {
        commands.push(ViewCmd::CloseWarnings.into());
        return;
    }
    let mut keep_open = true;
    let screen = ctx.content_rect();
    egui::Window::new("Warnings")
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            // Wide enough to read a message on one line or two, never
            // wider than the window.
            let width = (screen.width() - 80.0).clamp(240.0, 720.0);
            ui.set_width(width);
            header_ui(ui, session);
            ui.add_space(4.0);
            let lines: Vec<String> = session
                .warnings
                .iter()
                .map(|w| copy_line(session, w))
                .collect();
            // The positions in one monospaced column, right-aligned.
            let position_width = session
                .warnings
                .iter()
                .map(|w| w.position.to_string().len())
                .max()
                .unwrap_or(0);
            egui::ScrollArea::vertical()
                .max_height((screen.height() - 220.0).max(120.0))
                .show(ui, |ui| {
                    for (warning, line) in session.warnings.iter().zip(&lines) {
                        ui.horizontal_top(|ui| {
                            if ui
                                .small_button("Copy")
                                .on_hover_text(line.as_str())
                                .clicked()
                            {
                                ui.ctx().copy_text(line.clone());
                            }
                            let position =
                                format!("{:>position_width$}", warning.position.to_string());
                            ui.label(RichText::new(position).monospace());
                            ui.add(egui::Label::new(&warning.message).wrap());
                        });
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Copy all").clicked() {
                    ui.ctx().copy_text(lines.join("\n"));
                }
                if ui.button("Close").clicked() {
                    commands.push(ViewCmd::CloseWarnings.into());
                }
            });
        });
    if !keep_open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(ViewCmd::CloseWarnings.into());
    }
}

/// How many warnings, in which file, and what they do not stop.
fn header_ui(ui: &mut egui::Ui, session: &Session) {
    let count = count_text(session.warning_count);
    ui.label(RichText::new(format!("{count} in {}", session.source.describe())).strong());
    ui.add(
        egui::Label::new(RichText::new("They did not stop the file from opening.").weak()).wrap(),
    );
    // The model lists the first few of each kind and counts the rest in
    // one more line (every input is bounded): say so when it did.
    let listed = session.warnings.len();
    if session.warning_count > listed {
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "{listed} lines list them: past {} of one kind, the last line of that kind counts the rest and points at the next.",
                    crate::model::MAX_PROBLEMS_PER_KIND
                ))
                .weak(),
            )
            .wrap(),
        );
    }
}
