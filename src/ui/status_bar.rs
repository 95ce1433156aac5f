//! The status bar: where the comparison came from, the notes file, an
//! export under way, the last message and any warnings.

use egui::RichText;

use crate::session::command::ExportCmd;
use crate::session::{Command, Session};
use crate::ui::style;

/// The export under way: what, how far, and a button to stop it.
fn export_ui(ui: &mut egui::Ui, what: &str, done: f32, commands: &mut Vec<Command>) {
    ui.separator();
    ui.label(what).on_hover_text(what);
    ui.add(
        egui::ProgressBar::new(done)
            .desired_width(90.0)
            .show_percentage(),
    );
    if ui.small_button("Cancel").clicked() {
        commands.push(ExportCmd::Cancel.into());
    }
}

/// Draws the status bar.
pub fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    last_export: Option<&std::path::Path>,
    export: Option<(String, f32)>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(session.source.describe()).weak());
        ui.separator();
        let c = &session.comparison;
        ui.label(
            RichText::new(format!(
                "{} subjects · {} dimension{}",
                c.subjects.len(),
                c.dimensions.len(),
                if c.dimensions.len() == 1 { "" } else { "s" }
            ))
            .weak(),
        );
        ui.separator();
        // The banner above says the whole of a failing save; here, a word.
        let status = match session.notes_file.status {
            crate::notes::file::Status::Failed(_) => "Not saved, retrying (see above)".to_owned(),
            _ => session.notes_status(),
        };
        let color = match session.notes_file.status {
            crate::notes::file::Status::Failed(_)
            | crate::notes::file::Status::Conflict
            | crate::notes::file::Status::Broken(_) => ui.visuals().warn_fg_color,
            _ => ui.visuals().weak_text_color(),
        };
        ui.label(RichText::new(format!("Notes: {status}")).color(color))
            .on_hover_text(session.notes_file.path.display().to_string());
        ui.label(
            RichText::new(session.notes_file.path.display().to_string())
                .weak()
                .size(style::SMALL_TEXT),
        );
        if let Some((what, done)) = export {
            export_ui(ui, &what, done, commands);
        }
        if let Some(message) = &session.message {
            ui.separator();
            // A long message (a path) may run past the window: hovering
            // shows the whole of it.
            ui.label(RichText::new(message).weak())
                .on_hover_text(message);
            if let Some(dir) = last_export
                .and_then(std::path::Path::parent)
                .filter(|_| message.starts_with("Exported"))
                && ui.small_button("Open folder").clicked()
            {
                commands.push(ExportCmd::OpenFolder(dir.to_owned()).into());
            }
        }
        if !session.warnings.is_empty() {
            ui.separator();
            let text = format!(
                "{} warning{}",
                session.warning_count,
                if session.warning_count == 1 { "" } else { "s" }
            );
            let details = session
                .warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n");
            ui.label(RichText::new(text).color(ui.visuals().warn_fg_color))
                .on_hover_text(details);
        }
    });
}
