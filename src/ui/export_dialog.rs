//! The export dialog: format, options, and where to write (a path field,
//! always, and the system save dialog through "Browse…").

use std::path::PathBuf;

use crate::app::Command;
use crate::app::command::ExportCmd;
use crate::export::{ExportOptions, Format};
use crate::model::Comparison;
use crate::ui::dialogs::{PathAction, dialog_window, path_field_actions_ui, path_field_ui};

/// The export dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// Whether it is shown.
    pub open: bool,
    /// The format chosen.
    pub format: Format,
    /// The options chosen.
    pub options: ExportOptions,
    /// Where to write.
    pub path: String,
    /// A message under the path (why nothing happened).
    pub hint: Option<String>,
    /// Whether the system save dialog is showing.
    pub browsing: bool,
    /// A path that exists and that the person was asked about.
    pub confirm_overwrite: Option<PathBuf>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Markdown,
            options: ExportOptions::default(),
            path: String::new(),
            hint: None,
            browsing: false,
            confirm_overwrite: None,
        }
    }
}

/// Draws the export dialog when it is open.
pub fn ui(
    ctx: &egui::Context,
    c: &Comparison,
    dialog: &mut ExportDialog,
    commands: &mut Vec<Command>,
) {
    if !dialog.open {
        return;
    }
    let chosen = dialog_window(ctx, "Export", 480.0, |ui| {
        ui.label(egui::RichText::new("Format").strong());
        let before = dialog.format;
        for format in Format::ALL {
            ui.radio_value(&mut dialog.format, format, format.label());
        }
        if dialog.format != before {
            commands.push(ExportCmd::FormatChanged.into());
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Options").strong());
        ui.checkbox(&mut dialog.options.starred_only, "Starred dimensions only");
        ui.checkbox(
            &mut dialog.options.include_summaries,
            "Include the summaries",
        );
        // The stars are left out of the audience version whatever this
        // says: greyed out there, so the dialog does not promise them.
        ui.add_enabled(
            !dialog.options.audience,
            egui::Checkbox::new(&mut dialog.options.show_stars, "Show my stars in titles"),
        )
        .on_hover_text("Stars are your private marks; the audience sees them only if you ask");
        ui.checkbox(
            &mut dialog.options.audience,
            "Audience version (leave out my notes)",
        )
        .on_hover_text(
            "No notes, speaker notes or stars; the content, highlighted rows and verdicts stay. \
             The speaker script is always yours alone.",
        );
        if c.subjects.len() > 2 {
            subjects_ui(ui, c, &mut dialog.options.subjects);
        }
        ui.add_space(6.0);
        let field = path_field_ui(ui, "Export to:", &mut dialog.path, "export-path", "");
        if field.changed() {
            dialog.confirm_overwrite = None;
        }
        path_field_actions_ui(
            ui,
            &field,
            &dialog.path,
            dialog.hint.as_deref(),
            dialog.browsing,
            "Export",
        )
    });
    match chosen {
        Some(PathAction::Submit(path)) => commands.push(ExportCmd::Submit(path).into()),
        Some(PathAction::Browse) => commands.push(ExportCmd::Browse.into()),
        Some(PathAction::Cancel) => commands.push(ExportCmd::CloseDialog.into()),
        None => {}
    }
}

/// Which subjects the export shows: all of them (an empty list), or two
/// chosen with a picker each, never the same one twice.
fn subjects_ui(ui: &mut egui::Ui, c: &Comparison, subjects: &mut Vec<usize>) {
    let mut all = subjects.is_empty();
    ui.horizontal(|ui| {
        ui.radio_value(&mut all, true, "Export every subject");
        ui.radio_value(&mut all, false, "Export two subjects");
    });
    if all {
        subjects.clear();
        return;
    }
    if subjects.len() != 2 || subjects[0] == subjects[1] {
        *subjects = vec![0, 1];
    }
    for (column, label) in [(0, "Left subject"), (1, "Right subject")] {
        let other = subjects[1 - column];
        let current = subjects[column];
        let name = c.subjects.get(current).map_or("", |s| s.label());
        egui::ComboBox::from_label(label)
            .selected_text(name)
            .show_ui(ui, |ui| {
                for (i, s) in c.subjects.iter().enumerate() {
                    if i != other {
                        ui.selectable_value(&mut subjects[column], i, &s.name);
                    }
                }
            });
    }
}
