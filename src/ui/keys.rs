//! Window-wide keyboard shortcuts, turned into commands.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::Command;
use crate::platform::file_dialog::DialogPurpose;

/// Ctrl+O (Cmd+O on macOS): open a comparison.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+Q: quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+E: export.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// F5: reload the file from disk.
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// F2: write a note on the selected entry.
pub const EDIT_NOTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F2);

/// Reads shortcuts. Navigation keys count only when no text field has the
/// keyboard, so typing a "j" in a note never moves the selection.
pub fn handle(ctx: &egui::Context, dialog_open: bool, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_shortcut(&OPEN) {
            commands.push(Command::ShowPathDialog(DialogPurpose::OpenContent));
        }
        if i.consume_shortcut(&EXPORT) {
            commands.push(Command::ShowExport);
        }
        if i.consume_shortcut(&QUIT) {
            commands.push(Command::Quit);
        }
        if i.consume_shortcut(&RELOAD) {
            commands.push(Command::Reload);
        }
    });
    if dialog_open || ctx.text_edit_focused() {
        return;
    }
    // Every press counts, in order: fast typists and key repeat can put
    // several in one frame ("End, Up" must end one row above the last).
    ctx.input_mut(|i| {
        // Once F2/Enter has asked for the note, the keys after it in this
        // frame are typing, not shortcuts.
        let mut writing = false;
        i.events.retain(|event| {
            if writing {
                return true;
            }
            let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            if !modifiers.is_none() {
                return true;
            }
            let command = match key {
                Key::ArrowDown | Key::J => Command::Move(1),
                Key::ArrowUp | Key::K => Command::Move(-1),
                Key::PageDown => Command::Move(10),
                Key::PageUp => Command::Move(-10),
                Key::Home => Command::First,
                Key::End => Command::Last,
                Key::F2 | Key::Enter => Command::FocusNote,
                Key::S => Command::ToggleStarSelected,
                Key::Num1 => Command::ToggleHighlightRow(1),
                Key::Num2 => Command::ToggleHighlightRow(2),
                Key::Num3 => Command::ToggleHighlightRow(3),
                Key::Num4 => Command::ToggleHighlightRow(4),
                Key::Num5 => Command::ToggleHighlightRow(5),
                Key::Num6 => Command::ToggleHighlightRow(6),
                Key::Num7 => Command::ToggleHighlightRow(7),
                Key::Num8 => Command::ToggleHighlightRow(8),
                Key::Num9 => Command::ToggleHighlightRow(9),
                _ => return true,
            };
            writing = command == Command::FocusNote;
            commands.push(command);
            false
        });
    });
}
