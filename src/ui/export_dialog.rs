//! The export dialog: format, options, and where to write (a path field,
//! always, and the system save dialog through "Browse…").

use crate::export::{ExportOptions, Format};
use crate::model::Comparison;
use crate::session::Command;
use crate::session::command::ExportCmd;
use crate::ui::dialogs::{PathAction, PathField, dialog_window};

/// The export dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// Whether it is shown.
    pub open: bool,
    /// The format chosen.
    pub format: Format,
    /// The options chosen (remembered as ticked, even where the format
    /// makes one do nothing; see [`ExportDialog::export_options`]).
    pub options: ExportOptions,
    /// Where to write.
    pub field: PathField,
}

impl ExportDialog {
    /// Opens with `subjects` chosen (empty: every subject).
    pub fn show(&mut self, subjects: Vec<usize>) {
        self.open = true;
        self.field.settle();
        self.options.subjects = subjects;
    }

    /// Takes back the format and options chosen in an earlier run.
    pub fn restore(&mut self, format: Format, options: ExportOptions) {
        self.format = format;
        self.options = options;
    }

    /// Closes it.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// The export failed: the dialog shows why (opened again if it was
    /// closed meanwhile), so the path can be changed.
    pub fn failed(&mut self, why: String) {
        self.open = true;
        self.field.refuse(why);
    }

    /// The export was written: the dialog closes.
    pub fn done(&mut self) {
        self.open = false;
        self.field.settle();
    }

    /// What the export will hold: the choices, less those that do nothing
    /// for the format chosen (the dialog shows them greyed out, with why):
    /// no audience version of the speaker script, no stars in the audience
    /// version, and the verdicts a choice of the audience version only.
    /// Never refused by [`ExportOptions::refusal`].
    #[must_use]
    pub fn export_options(&self) -> ExportOptions {
        let audience = self.options.audience && self.format != Format::Script;
        ExportOptions {
            audience,
            show_stars: self.options.show_stars && !audience,
            include_verdicts: self.options.include_verdicts && audience,
            ..self.options.clone()
        }
    }
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Markdown,
            options: ExportOptions::default(),
            field: PathField::default(),
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
        if dialog.format == Format::Pptx {
            ui.label(
                egui::RichText::new(
                    "Opens in PowerPoint, Keynote, LibreOffice Impress and Google Slides: \
                     native tables, editable text, your notes in the notes pane.",
                )
                .weak(),
            );
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
        let effective = dialog.export_options();
        if audience_ui(ui, dialog, &effective) {
            // The audience version is offered under a name of its own, so
            // that it never replaces the presenter's.
            commands.push(ExportCmd::FormatChanged.into());
        }
        if c.subjects.len() > 2 {
            subjects_ui(ui, c, &mut dialog.options.subjects);
        }
        ui.add_space(6.0);
        dialog
            .field
            .ui(ui, "Export to:", "export-path", "", "Export")
            .1
    });
    match chosen {
        Some(PathAction::Submit(path)) => commands.push(ExportCmd::Submit(path).into()),
        Some(PathAction::Browse) => commands.push(ExportCmd::Browse.into()),
        Some(PathAction::Cancel) => commands.push(ExportCmd::CloseDialog.into()),
        None => {}
    }
}

/// The stars, the audience version and the verdicts: each greyed out,
/// showing what the export will hold, where the format or the audience
/// choice makes it do nothing, with a line that says why. Returns whether
/// the audience choice changed.
fn audience_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog, effective: &ExportOptions) -> bool {
    let script = dialog.format == Format::Script;
    if effective.audience {
        let mut never = false;
        ui.add_enabled(
            false,
            egui::Checkbox::new(&mut never, "Show my stars in titles"),
        );
    } else {
        ui.checkbox(&mut dialog.options.show_stars, "Show my stars in titles")
            .on_hover_text("Stars are your private marks; the audience sees them only if you ask");
    }
    let before = dialog.options.audience;
    if script {
        let mut never = false;
        ui.add_enabled(
            false,
            egui::Checkbox::new(&mut never, "Audience version (leave out my notes)"),
        );
        ui.label(
            egui::RichText::new(
                "The speaker script is yours alone: it always holds your notes, \
                 so it has no audience version.",
            )
            .weak(),
        );
    } else {
        ui.checkbox(
            &mut dialog.options.audience,
            "Audience version (leave out my notes)",
        )
        .on_hover_text(
            "No notes, speaker notes or stars, and your verdicts only if you keep them; \
             the content and the highlighted rows stay.",
        );
    }
    ui.indent("verdicts", |ui| {
        let label = "Include where each wins (my verdicts)";
        if effective.audience {
            ui.checkbox(&mut dialog.options.include_verdicts, label)
                .on_hover_text(
                    "Your judgement of each dimension: shown to the audience only if you tick this",
                );
        } else {
            // Your own version always has them.
            let mut always = true;
            ui.add_enabled(false, egui::Checkbox::new(&mut always, label))
                .on_disabled_hover_text("Your own version always has your verdicts");
        }
    });
    let banner = if effective.audience {
        let verdicts = if effective.include_verdicts {
            "with"
        } else {
            "without"
        };
        egui::RichText::new(format!(
            "Writing the audience version: no notes, no stars, {verdicts} your verdicts."
        ))
        .strong()
        .color(ui.visuals().warn_fg_color)
    } else {
        egui::RichText::new("Writing your own version, with your notes.").weak()
    };
    ui.label(banner);
    dialog.options.audience != before
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
