//! Window-wide keyboard shortcuts, turned into commands.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::Command;
use crate::app::command::{ExportCmd, FileCmd, FindCmd, Nav, NotesCmd};
use crate::platform::file_dialog::PathPurpose;

/// Ctrl+O (Cmd+O on macOS): open a comparison.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+Q: quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+E: export.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// F5: reload the file from disk.
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// F2: write a note on the selected section.
pub const EDIT_NOTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F2);
/// Ctrl+F (or `/`): search the dimensions.
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// F3: the next dimension the search lists.
pub const FIND_NEXT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F3);
/// Shift+F3: the previous one.
pub const FIND_PREVIOUS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::SHIFT, Key::F3);
/// Alt+Down: the next annotated or starred dimension (as diff tools' "next
/// change").
pub const NEXT_ANNOTATED: KeyboardShortcut = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown);
/// Alt+Up: the previous annotated or starred dimension.
pub const PREVIOUS_ANNOTATED: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp);

/// Reads shortcuts. Navigation keys count only when no text field has the
/// keyboard, so typing a "j" in a note never moves the selection.
pub fn handle(ctx: &egui::Context, dialog_open: bool, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_shortcut(&OPEN) {
            commands.push(FileCmd::ShowDialog(PathPurpose::OpenContent).into());
        }
        if i.consume_shortcut(&EXPORT) {
            commands.push(ExportCmd::ShowDialog.into());
        }
        if i.consume_shortcut(&QUIT) {
            commands.push(Command::Quit);
        }
        if i.consume_shortcut(&RELOAD) {
            commands.push(FileCmd::Reload.into());
        }
        if i.consume_shortcut(&FIND) {
            commands.push(FindCmd::Focus.into());
        }
        // Shift+F3 before F3: a shortcut matches when its modifiers are held.
        if i.consume_shortcut(&FIND_PREVIOUS) {
            commands.push(FindCmd::Previous.into());
        }
        if i.consume_shortcut(&FIND_NEXT) {
            commands.push(FindCmd::Next.into());
        }
        if i.consume_shortcut(&NEXT_ANNOTATED) {
            commands.push(FindCmd::NextAnnotated.into());
        }
        if i.consume_shortcut(&PREVIOUS_ANNOTATED) {
            commands.push(FindCmd::PreviousAnnotated.into());
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
                Key::ArrowDown | Key::J => Nav::Move(1).into(),
                Key::ArrowUp | Key::K => Nav::Move(-1).into(),
                Key::PageDown => Nav::Move(10).into(),
                Key::PageUp => Nav::Move(-10).into(),
                Key::Home => Nav::First.into(),
                Key::End => Nav::Last.into(),
                Key::F2 | Key::Enter => Nav::FocusNote.into(),
                Key::Slash => FindCmd::Focus.into(),
                Key::Escape => FindCmd::Clear.into(),
                Key::S => NotesCmd::ToggleStarSelected.into(),
                Key::Num1 => NotesCmd::ToggleHighlightRow(1).into(),
                Key::Num2 => NotesCmd::ToggleHighlightRow(2).into(),
                Key::Num3 => NotesCmd::ToggleHighlightRow(3).into(),
                Key::Num4 => NotesCmd::ToggleHighlightRow(4).into(),
                Key::Num5 => NotesCmd::ToggleHighlightRow(5).into(),
                Key::Num6 => NotesCmd::ToggleHighlightRow(6).into(),
                Key::Num7 => NotesCmd::ToggleHighlightRow(7).into(),
                Key::Num8 => NotesCmd::ToggleHighlightRow(8).into(),
                Key::Num9 => NotesCmd::ToggleHighlightRow(9).into(),
                _ => return true,
            };
            writing = command == Nav::FocusNote.into() || command == FindCmd::Focus.into();
            commands.push(command);
            false
        });
    });
}
