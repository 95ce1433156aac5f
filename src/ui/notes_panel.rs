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
    let text_len = text.chars().count();
    let label = ui.heading(heading);
    ui.label(
        egui::RichText::new("Inline Markdown allowed. F2 or Enter to write, Esc to leave.").weak(),
    );
    ui.add_space(4.0);
    let editor_id = ui.make_persistent_id(("note-editor", key));
    if app.focus_note {
        // Focus before the editor is drawn, so keys typed in this very frame
        // (F2 then straight into typing) already land in the note.
        ui.memory_mut(|m| m.request_focus(editor_id));
    }
    let output = egui::ScrollArea::vertical()
        .id_salt("note-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(text)
                    .id(editor_id)
                    .hint_text("Your note for the talk…")
                    .desired_width(f32::INFINITY)
                    .desired_rows(12),
            )
            .labelled_by(label.id)
        });
    let editor = output.inner;
    if app.focus_note {
        app.focus_note = false;
        // Put the cursor at the end, ready to continue the note.
        let ctx = ui.ctx();
        if let Some(mut state) = egui::text_edit::TextEditState::load(ctx, editor.id) {
            let end = egui::text::CCursor::new(text_len);
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ctx, editor.id);
        }
    }
}
