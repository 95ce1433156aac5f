//! The notes panel: a note on the selected dimension (or, for the
//! introduction and conclusion, on the whole comparison).

use crate::app::{Command, Entry, VersusApp};

/// Draws the notes panel.
pub fn ui(ui: &mut egui::Ui, app: &mut VersusApp, _commands: &mut [Command]) {
    ui.add_space(6.0);
    // Each dimension has its own editor id, so undo never crosses notes.
    let (heading, key, text) = match app.selected {
        Entry::Dimension(i) => {
            let Some(d) = app.comparison.dimensions.get(i) else {
                return;
            };
            let key = d.id.clone();
            (
                format!("Note on {}", d.title),
                key,
                app.notes.text_mut(&d.id),
            )
        }
        Entry::Intro | Entry::Conclusion => (
            "Note on the whole comparison".to_owned(),
            String::new(),
            &mut app.notes.overall,
        ),
    };
    let label = ui.heading(heading);
    ui.label(
        egui::RichText::new("Inline Markdown allowed. F2 or Enter to write, Esc to leave.")
            .weak()
            .small(),
    );
    ui.add_space(4.0);
    let output = egui::ScrollArea::vertical()
        .id_salt("note-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(text)
                    .id_salt(("note-editor", key))
                    .hint_text("Your note for the talk…")
                    .desired_width(f32::INFINITY)
                    .desired_rows(12),
            )
            .labelled_by(label.id)
        });
    let editor = output.inner;
    if app.focus_note {
        app.focus_note = false;
        editor.request_focus();
    }
}
