//! Window-wide keys, turned into commands through the one table of
//! actions (`actions::ACTIONS`), and the key that waits for the next one
//! (V in "V then 1").

use egui::{Key, Modifiers};

use crate::session::Command;
use crate::session::command::ViewCmd;
use crate::ui::actions::{When, anywhere_keys, command_after, command_for, is_prefix};

/// A key pressed that waits for the next one (V in "V then 1"), kept
/// between frames; the status bar says what it waits for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    /// The key pressed first, while it waits.
    pub prefix: Option<Key>,
}

impl Pending {
    /// What the status bar says while a key waits for the next one.
    #[must_use]
    pub fn hint(&self, comparison: &crate::model::Comparison) -> Option<String> {
        self.prefix
            .map(|prefix| crate::ui::actions::prefix_hint(prefix, comparison))
    }
}

/// Reads the keys. Keys that work anywhere are read first, those with
/// more modifiers before those with fewer (Shift+F3 is not F3). Browsing
/// keys count only when no text field has the keyboard and no dialog is
/// open, so typing a "j" in a note never moves the selection; a key that
/// begins two (V, W) waits in `pending` for the next.
pub fn handle(
    ctx: &egui::Context,
    dialog_open: bool,
    pending: &mut Pending,
    commands: &mut Vec<Command>,
) {
    let anywhere = anywhere_keys();
    ctx.input_mut(|i| {
        for (shortcut, command) in anywhere {
            if i.consume_shortcut(&shortcut) {
                // V then F5 presents: the V waits no more.
                pending.prefix = None;
                commands.push(command.clone());
            }
        }
    });
    if dialog_open || ctx.text_edit_focused() {
        // A V pressed before the note took the keyboard is forgotten: the
        // digit typed next is text.
        pending.prefix = None;
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
            let command = match browsing_key(key, modifiers, pending) {
                Browsing::Command(command) => command,
                Browsing::Used => return false,
                Browsing::Unknown => return true,
            };
            writing =
                command == ViewCmd::FocusNote.into() || command == ViewCmd::FocusSearch.into();
            commands.push(command);
            false
        });
    });
}

/// What a key pressed while browsing does.
enum Browsing {
    /// It sends this command.
    Command(Command),
    /// It began a two-key action, or cancelled one (Esc).
    Used,
    /// Nothing: it is left to the widgets.
    Unknown,
}

/// What a key pressed while browsing does: after a prefix, the key that
/// completes it (Esc only cancels; a key that completes nothing cancels
/// and then acts as itself); a prefix waits; else the table's command.
fn browsing_key(key: Key, modifiers: Modifiers, pending: &mut Pending) -> Browsing {
    if let Some(prefix) = pending.prefix.take() {
        if let Some(command) = command_after(prefix, key, modifiers) {
            return Browsing::Command(command);
        }
        if key == Key::Escape {
            return Browsing::Used;
        }
    }
    if is_prefix(key, modifiers) {
        pending.prefix = Some(key);
        return Browsing::Used;
    }
    command_for(key, modifiers, When::Browsing).map_or(Browsing::Unknown, Browsing::Command)
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
