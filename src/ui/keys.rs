//! Window-wide keyboard shortcuts, turned into commands.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::Command;

/// Ctrl+O (Cmd+O on macOS): open a comparison.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+Q: quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// F5: reload the file from disk.
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// F2: write a note on the selected entry.
pub const EDIT_NOTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F2);

/// Reads shortcuts. Navigation keys count only when no text field has the
/// keyboard, so typing a "j" in a note never moves the selection.
pub fn handle(ctx: &egui::Context, dialog_open: bool, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_shortcut(&OPEN) {
            commands.push(Command::ShowOpen);
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
    ctx.input_mut(|i| {
        let mut pressed = |key| i.consume_key(Modifiers::NONE, key);
        if pressed(Key::ArrowDown) || pressed(Key::J) {
            commands.push(Command::Move(1));
        }
        if pressed(Key::ArrowUp) || pressed(Key::K) {
            commands.push(Command::Move(-1));
        }
        if pressed(Key::PageDown) {
            commands.push(Command::Move(10));
        }
        if pressed(Key::PageUp) {
            commands.push(Command::Move(-10));
        }
        if pressed(Key::Home) {
            commands.push(Command::First);
        }
        if pressed(Key::End) {
            commands.push(Command::Last);
        }
        if pressed(Key::F2) || pressed(Key::Enter) {
            commands.push(Command::FocusNote);
        }
    });
}
