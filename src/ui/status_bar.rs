//! The status bar: where the comparison came from, the notes file, an
//! export under way, a key waiting for the next, the last message and any
//! warnings (a button that lists them).

use egui::RichText;

use crate::session::command::{ExportCmd, ViewCmd};
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

/// What the status bar shows besides the session.
#[derive(Debug, Default)]
pub struct Status<'a> {
    /// The file last exported, for "Open folder".
    pub last_export: Option<&'a std::path::Path>,
    /// The export under way: what, and how far (0 to 1).
    pub export: Option<(String, f32)>,
    /// What a key waiting for the next one waits for ("V… press a
    /// subject's number").
    pub waiting: Option<&'a str>,
}

/// Draws the status bar.
pub fn ui(ui: &mut egui::Ui, session: &Session, bar: &Status<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        // First, where the eye is: the key pressed waits for another.
        if let Some(waiting) = bar.waiting {
            ui.label(RichText::new(waiting).strong());
            ui.separator();
        }
        // At most 30 % of the bar: a long folder path never pushes the
        // notes' state out of the window.
        source_ui(ui, &session.source, ui.available_width() * SOURCE_SHARE);
        // Beside the file they are about, early in the bar: a long notes
        // path or message never pushes them out of the window.
        warnings_ui(ui, session, commands);
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
        // As much of the path's end as fits (the whole of it on hover),
        // leaving room for a message or an export beside it.
        let share = if bar.export.is_some() || session.message.is_some() {
            0.4
        } else {
            1.0
        };
        let path = &session.notes_file.path;
        let small = egui::FontId::proportional(style::SMALL_TEXT);
        if let Some(shown) = fitted_path(ui, path, ui.available_width() * share, &small) {
            ui.label(RichText::new(shown).weak().size(style::SMALL_TEXT))
                .on_hover_text(path.display().to_string());
        }
        if let Some((what, done)) = &bar.export {
            export_ui(ui, what, *done, commands);
        }
        if let Some(message) = &session.message {
            ui.separator();
            // A long message (a path) may run past the window: hovering
            // shows the whole of it.
            ui.label(RichText::new(message).weak())
                .on_hover_text(message);
            if let Some(dir) = bar
                .last_export
                .and_then(std::path::Path::parent)
                .filter(|_| message.starts_with("Exported"))
                && ui.small_button("Open folder").clicked()
            {
                commands.push(ExportCmd::OpenFolder(dir.to_owned()).into());
            }
        }
    });
}

/// The most of the status bar the content file's path may take.
const SOURCE_SHARE: f32 = 0.3;

/// Where the comparison came from: the built-in one, or as much of the
/// file's path as fits `width` (its end; the whole on hover). A file name
/// that alone is wider is cut with "…".
fn source_ui(ui: &mut egui::Ui, source: &crate::session::Source, width: f32) {
    let whole = source.describe();
    let Some(path) = source.path() else {
        ui.label(RichText::new(whole).weak());
        return;
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    if let Some(shown) = fitted_path(ui, path, width, &font) {
        ui.label(RichText::new(shown).weak()).on_hover_text(whole);
        return;
    }
    let name = path
        .file_name()
        .map_or_else(|| whole.clone(), |n| n.to_string_lossy().into_owned());
    ui.allocate_ui(egui::vec2(width, ui.available_height()), |ui| {
        ui.add(egui::Label::new(RichText::new(name).weak()).truncate())
    })
    .inner
    .on_hover_text(whole);
}

/// "N warnings", a button that lists them (nothing when there are none).
fn warnings_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    if session.warnings.is_empty() {
        return;
    }
    let text = crate::ui::warnings::count_text(session.warning_count);
    let button = egui::Button::new(RichText::new(text).color(ui.visuals().warn_fg_color)).small();
    if ui
        .add(button)
        .on_hover_text("Show the warnings, with where they are and a way to copy them")
        .clicked()
    {
        commands.push(ViewCmd::ShowWarnings.into());
    }
}

/// `path` whole when it fits `width` in `font`, else `…/` and as many of
/// its last parts as fit; `None` when not even its file name fits (the
/// label beside shows the path on hover).
fn fitted_path(
    ui: &egui::Ui,
    path: &std::path::Path,
    width: f32,
    font: &egui::FontId,
) -> Option<String> {
    let fits = |text: &str| crate::ui::text::text_width(ui, text.to_owned(), font) <= width;
    let whole = path.display().to_string();
    if fits(&whole) {
        return Some(whole);
    }
    let parts: Vec<String> = path
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let sep = std::path::MAIN_SEPARATOR_STR;
    let mut shown = format!("…{sep}{}", parts.last().cloned().unwrap_or_default());
    if !fits(&shown) {
        return None;
    }
    for from in (1..parts.len().saturating_sub(1)).rev() {
        let longer = format!("…{sep}{}", parts[from..].join(sep));
        if !fits(&longer) {
            break;
        }
        shown = longer;
    }
    Some(shown)
}
