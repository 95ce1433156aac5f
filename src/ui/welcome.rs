//! The first-run screen: what versus is, and the ways in (the built-in
//! comparison, Open…, the recent files); and the hint shown while a file
//! is dragged over the window.

use egui::RichText;

use crate::platform::file_dialog::PathPurpose;
use crate::session::command::{FileCmd, ViewCmd};
use crate::session::{Command, Session};
use crate::ui::Recent;

/// Draws the first-run screen (the caller knows whether it is open).
pub fn ui(
    ctx: &egui::Context,
    session: &Session,
    recent: &Recent<'_>,
    commands: &mut Vec<Command>,
) {
    let mut keep_open = true;
    egui::Window::new("Welcome to versus")
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.label(
                "versus lays two or more subjects side by side, dimension by dimension. \
                 Browse them, write notes, star and highlight what matters, then export \
                 your annotated comparison as Markdown, a printable page or a slide deck.",
            );
            ui.add_space(8.0);
            if ui
                .button(format!(
                    "Explore the built-in comparison: {}",
                    session.comparison.title
                ))
                .clicked()
            {
                commands.push(ViewCmd::CloseWelcome.into());
            }
            if ui.button("Open a comparison…").clicked() {
                commands.push(ViewCmd::CloseWelcome.into());
                commands.push(FileCmd::ShowDialog(PathPurpose::OpenContent).into());
            }
            if !recent.files.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new("Recent").strong());
                for path in &recent.files {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(ViewCmd::CloseWelcome.into());
                        commands.push(FileCmd::Open((*path).clone()).into());
                    }
                }
            }
            ui.add_space(6.0);
            let keys = |command: Command| crate::ui::actions::keys_for(ui.ctx(), &command);
            ui.label(
                RichText::new(format!(
                    "{} lists the keys; {} finds any action or dimension.",
                    keys(ViewCmd::ShowShortcuts.into()),
                    keys(ViewCmd::ShowPalette.into()),
                ))
                .weak(),
            );
        });
    if !keep_open {
        commands.push(ViewCmd::CloseWelcome.into());
    }
}

/// While files are dragged over the window: a hint over everything.
pub fn drop_hint_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("versus-drop-hint"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(180));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a comparison (.ron) to open it",
        egui::FontId::proportional(28.0),
        egui::Color32::WHITE,
    );
}

/// The comparison dropped on the window this frame, if any.
#[must_use]
pub fn dropped_file(ctx: &egui::Context) -> Option<std::path::PathBuf> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path())
            .find(|p| !p.as_os_str().is_empty())
            .map(std::path::Path::to_owned)
    })
}
