//! Window-wide keys, turned into commands through the one table of
//! actions (`actions::ACTIONS`).

use crate::session::Command;
use crate::session::command::ViewCmd;
use crate::ui::actions::{When, anywhere_keys, command_for};

/// Reads the keys. Keys that work anywhere are read first, those with
/// more modifiers before those with fewer (Shift+F3 is not F3). Browsing
/// keys count only when no text field has the keyboard and no dialog is
/// open, so typing a "j" in a note never moves the selection.
pub fn handle(ctx: &egui::Context, dialog_open: bool, commands: &mut Vec<Command>) {
    let anywhere = anywhere_keys();
    ctx.input_mut(|i| {
        for (shortcut, command) in anywhere {
            if i.consume_shortcut(&shortcut) {
                commands.push(command.clone());
            }
        }
    });
    if dialog_open || ctx.text_edit_focused() {
        return;
    }
    // Every press counts, in order: fast typists and key repeat can put
    // several in one frame ("End, Up" must end one row above the last).
    ctx.input_mut(|i| {
        // Once F2/Enter or `/` has asked for a text field, the keys after
        // it in this frame are typing, not shortcuts.
        let mut writing = false;
        i.events.retain(|event| {
            if writing {
                return true;
            }
            let Some((key, modifiers)) = pressed(event) else {
                return true;
            };
            let Some(command) = command_for(key, modifiers, When::Browsing) else {
                return true;
            };
            writing =
                command == ViewCmd::FocusNote.into() || command == ViewCmd::FocusSearch.into();
            commands.push(command);
            false
        });
    });
}

/// The key and modifiers of a key press (not a release, not text).
#[must_use]
pub fn pressed(event: &egui::Event) -> Option<(egui::Key, egui::Modifiers)> {
    match event {
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => Some((*key, *modifiers)),
        _ => None,
    }
}
