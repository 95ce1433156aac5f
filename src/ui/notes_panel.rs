//! The notes panel: a note on the selected dimension (or, for the
//! introduction and conclusion, on the whole comparison), and the notes on
//! dimensions the content no longer has.

use egui::RichText;

use crate::session::command::NotesCmd;
use crate::session::history::NoteKey;
use crate::session::{Command, Section, Session};

/// Whether the notes panel is open or folded to a strip.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fold {
    /// Open while the comparison has room beside it, folded when not.
    #[default]
    Auto,
    /// Opened by hand (the strip's button, F2): open whatever the room.
    Open,
    /// Folded by hand.
    Folded,
}

/// The fold's place in egui's memory: state of this panel alone.
fn fold_id() -> egui::Id {
    egui::Id::unique("versus-notes-fold")
}

/// How the notes panel is folded now.
#[must_use]
pub fn fold(ctx: &egui::Context) -> Fold {
    ctx.data(|d| d.get_temp(fold_id())).unwrap_or_default()
}

/// Folds or opens the notes panel.
pub fn set_fold(ctx: &egui::Context, fold: Fold) {
    ctx.data_mut(|d| d.insert_temp(fold_id(), fold));
}

/// Whether the panel is drawn folded this frame: as chosen by hand, else
/// when the comparison lacks `room` for it.
#[must_use]
pub fn folded(ctx: &egui::Context, room: bool) -> bool {
    match fold(ctx) {
        Fold::Auto => !room,
        Fold::Open => false,
        Fold::Folded => true,
    }
}

/// The folded panel: a strip with the button that opens it.
pub fn strip_ui(ui: &mut egui::Ui) {
    ui.add_space(6.0);
    let open = ui
        .add(egui::Button::new("«\nN\no\nt\ne\ns"))
        .on_hover_text("Open the notes panel (F2 opens it and writes in the note)");
    // Read as words, not as the letters stacked down the strip.
    open.ctx.accesskit_node_builder(open.id, |node| {
        node.set_label("Open the notes panel");
    });
    if open.clicked() {
        set_fold(ui.ctx(), Fold::Open);
    }
}

/// The button that folds the panel, so the comparison has its room.
fn fold_button_ui(ui: &mut egui::Ui) {
    if ui
        .small_button("Fold »")
        .on_hover_text("Fold the notes to a strip, to give the comparison the room")
        .clicked()
    {
        set_fold(ui.ctx(), Fold::Folded);
    }
}

/// Draws the notes panel.
pub fn ui(ui: &mut egui::Ui, session: &Session, focus: bool, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    let overall = !matches!(session.selected, Section::Dimension(_));
    // Each dimension has its own editor id, so undo never crosses notes.
    let (heading, key) = match session.selected {
        Section::Dimension(i) => {
            let Some(d) = session.comparison.dimensions.get(i) else {
                return;
            };
            (format!("Note on {}", d.title), d.id.clone())
        }
        Section::Intro | Section::Conclusion => {
            ("Note on the whole comparison".to_owned(), String::new())
        }
    };
    fold_button_ui(ui);
    let label = ui.heading(heading);
    hint_ui(ui);
    ui.add_space(4.0);
    egui::CollapsingHeader::new("For the talk")
        .id_salt("for-the-talk")
        .default_open(true)
        .show(ui, |ui| match session.selected {
            Section::Dimension(i) => crate::ui::talk_panel::dimension_ui(ui, session, i, commands),
            Section::Intro | Section::Conclusion => {
                crate::ui::talk_panel::talk_ui(ui, session, commands);
            }
        });
    ui.add_space(4.0);
    let editor_id = ui.make_persistent_id(("note-editor", &key));
    if focus {
        // Focus before the editor is drawn, so keys typed in this very frame
        // (F2 then straight into typing) already land in the note.
        ui.memory_mut(|m| m.request_focus(editor_id));
    }
    let note = if overall {
        NoteKey::Overall
    } else {
        NoteKey::Dimension(key)
    };
    let check = match &note {
        NoteKey::Overall => session.notes().merged.as_ref(),
        NoteKey::Dimension(id) => session.notes().get(id).and_then(|d| d.merged.as_ref()),
    };
    crate::ui::merge_dialog::check_ui(ui, &session.comparison, check, note.clone(), commands);
    note_ui(ui, session, note, (editor_id, label.id), focus, commands);
    if overall {
        orphans_ui(ui, session, commands);
    }
}

/// How to write in the note, with the keys as they are bound now.
fn hint_ui(ui: &mut egui::Ui) {
    let keys = |command: Command| crate::ui::actions::keys_for(ui.ctx(), &command);
    let hint = format!(
        "Inline Markdown allowed. {} to write, Esc to leave; {} undoes.",
        keys(crate::session::command::ViewCmd::FocusNote.into()),
        keys(NotesCmd::Undo.into()),
    );
    ui.label(RichText::new(hint).weak());
}

/// The note's editor (id `editor_id`), labelled by the panel's heading
/// (`label`); its changes go out as commands.
fn note_ui(
    ui: &mut egui::Ui,
    session: &Session,
    note: NoteKey,
    (editor_id, label): (egui::Id, egui::Id),
    focus: bool,
    commands: &mut Vec<Command>,
) {
    let overall = matches!(note, NoteKey::Overall);
    // The editor works on a copy: a change goes out as a command, and the
    // session applies it and records it on the one undo history.
    let mut text = match &note {
        NoteKey::Overall => session.notes().overall.clone(),
        NoteKey::Dimension(id) => session.notes().text(id).to_owned(),
    };
    // After an undo or redo in the editor, the cursor goes to the end of
    // the text it brought back, as after F2.
    let cursor_to_end = editor_id.with("cursor-to-end");
    let undone = ui
        .data_mut(|d| d.remove_temp::<bool>(cursor_to_end))
        .unwrap_or(false);
    if focus || undone {
        // Put the cursor at the end before the editor runs, so whatever is
        // typed in this same frame lands after the existing text.
        let ctx = ui.ctx();
        let mut state = egui::text_edit::TextEditState::load(ctx, editor_id).unwrap_or_default();
        let end = egui::text::CCursor::new(text.chars().count());
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ctx, editor_id);
    }
    if ui.memory(|m| m.has_focus(editor_id)) {
        // Ctrl+Z in the note walks the same history as everywhere else
        // (the editor's own undo would know nothing of stars and other
        // notes), so the keys are taken before the editor sees them.
        if history_keys(ui, commands) {
            ui.data_mut(|d| d.insert_temp(cursor_to_end, true));
        }
    }
    let height = if overall {
        160.0
    } else {
        ui.available_height() - 8.0
    };
    let editor = editor_ui(ui, editor_id, label, &mut text, height, overall);
    if editor.changed() {
        commands.push(NotesCmd::SetText { note, text }.into());
    }
    if editor.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        // Esc leaves the note: the keyboard goes back to the sidebar.
        editor.surrender_focus();
    }
    if editor.lost_focus() {
        commands.push(NotesCmd::EndTyping.into());
    }
}

/// The note's text field, in its scroll area.
fn editor_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    label: egui::Id,
    text: &mut String,
    height: f32,
    overall: bool,
) -> egui::Response {
    egui::ScrollArea::vertical()
        .id_salt("note-scroll")
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(text)
                    .id(id)
                    .hint_text("Your note for the talk…")
                    .desired_width(f32::INFINITY)
                    .desired_rows(if overall { 6 } else { 14 })
                    // The editor keeps Escape, so keys typed just before it
                    // in the same frame still land; focus is dropped below.
                    .event_filter(egui::EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    }),
            )
            .labelled_by(label)
        })
        .inner
}

/// Undo and redo pressed in the note editor, as commands, in the order
/// pressed. Ctrl+Shift+Z and Ctrl+Y redo; Ctrl+Z undoes. Whether any was
/// pressed.
fn history_keys(ui: &egui::Ui, commands: &mut Vec<Command>) -> bool {
    let before = commands.len();
    ui.input_mut(|i| {
        i.events.retain(|event| {
            let Some((key, modifiers)) = crate::ui::keys::pressed(event) else {
                return true;
            };
            if !modifiers.command || modifiers.alt {
                return true;
            }
            let command = match (key, modifiers.shift) {
                (egui::Key::Z, true) | (egui::Key::Y, false) => NotesCmd::Redo,
                (egui::Key::Z, false) => NotesCmd::Undo,
                _ => return true,
            };
            commands.push(command.into());
            false
        });
    });
    commands.len() > before
}

/// Notes whose dimension the content no longer has: kept in the file and
/// shown here, so renaming a dimension never loses what was written.
fn orphans_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let orphans = session.orphans();
    if orphans.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(RichText::new(format!("Notes on missing dimensions ({})", orphans.len())).strong());
    ui.label(
        RichText::new("The content has no dimension with these ids (renamed or removed?). The notes stay in the file.")
            .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("orphans")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (id, notes) in orphans {
                ui.add_space(4.0);
                let mut what = vec![format!("\"{id}\"")];
                if notes.starred {
                    what.push("starred".to_owned());
                }
                if !notes.highlights.is_empty() {
                    let n = notes.highlights.len();
                    what.push(format!("{n} highlight{}", if n == 1 { "" } else { "s" }));
                }
                ui.label(RichText::new(what.join(" · ")).monospace());
                if !notes.text.trim().is_empty() {
                    ui.add(egui::Label::new(&notes.text).wrap());
                }
                orphan_actions_ui(ui, session, id, commands);
            }
        });
}

/// Attach an orphan's notes to a dimension (a renamed one), or delete
/// them: asked twice, as nothing else in versus removes what was written.
fn orphan_actions_ui(ui: &mut egui::Ui, session: &Session, id: &str, commands: &mut Vec<Command>) {
    let confirm_id = egui::Id::unique(("orphan-delete", id));
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::new(("orphan-attach", id), "Attach to a dimension")
            .selected_text("choose…")
            .show_ui(ui, |ui| {
                for d in &session.comparison.dimensions {
                    if ui.selectable_label(false, &d.title).clicked() {
                        commands.push(
                            NotesCmd::AttachOrphan {
                                from: id.to_owned(),
                                to: d.id.clone(),
                            }
                            .into(),
                        );
                    }
                }
            })
            .response
            .on_hover_text("Move these notes to a dimension of the content (a renamed one)");
        let asked = ui.data(|d| d.get_temp::<bool>(confirm_id)).unwrap_or(false);
        let label = if asked { "Delete: sure?" } else { "Delete…" };
        if ui.button(label).clicked() {
            if asked {
                commands.push(NotesCmd::DeleteOrphan(id.to_owned()).into());
                ui.data_mut(|d| d.remove::<bool>(confirm_id));
            } else {
                ui.data_mut(|d| d.insert_temp(confirm_id, true));
            }
        }
    });
}
