//! Every action a person can take by name, in one table: its label, its
//! keys, where it is listed and the command it sends. The key handler, the
//! menus, the command palette and the F1 window all read this table, so
//! they can never disagree. The table is in `table`; how keys are shown,
//! in `keys`; when a key works and which command it sends, here.

mod keys;
mod table;

use egui::{Key, KeyboardShortcut, Modifiers};

pub use keys::{keys_for, keys_text};
pub use table::{ACTIONS, PRESENTING_KEYS};

use crate::session::Command;

/// The group an action belongs to: its menu, and its heading in the
/// palette and the F1 window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Files: open, reload, export, notes files, quit.
    File,
    /// Moving through the sidebar.
    Go,
    /// Annotating the selected dimension.
    Notes,
    /// Searching and filtering.
    Find,
    /// The window: columns, the palette, the shortcuts.
    View,
    /// Presenting and rehearsing the talk.
    Talk,
}

impl Group {
    /// Every group, in menu order.
    pub const ALL: [Group; 6] = [
        Group::File,
        Group::Go,
        Group::Notes,
        Group::Find,
        Group::View,
        Group::Talk,
    ];

    /// The group's name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Go => "Go",
            Self::Notes => "Notes",
            Self::Find => "Find",
            Self::View => "View",
            Self::Talk => "Talk",
        }
    }
}

/// When a key works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always, even while typing: a key with Ctrl, Alt or Shift, or a
    /// function key.
    Anywhere,
    /// Only while no text field has the keyboard and no dialog is open (a
    /// plain key), so typing a "j" in a note never moves the selection.
    Browsing,
}

/// Keys that text fields own (undo, redo): they act on annotations only
/// while no text field has the keyboard.
const TEXT_KEYS: [KeyboardShortcut; 2] = [key(CMD, Key::Z), key(CMD_SHIFT, Key::Z)];

/// When `shortcut` works: a plain key (or a text field's own key) only
/// while browsing.
#[must_use]
pub fn when(shortcut: &KeyboardShortcut) -> When {
    if TEXT_KEYS.contains(shortcut) {
        return When::Browsing;
    }
    let function = is_function_key(shortcut.logical_key);
    if shortcut.modifiers.is_none() && !function {
        When::Browsing
    } else {
        When::Anywhere
    }
}

/// Whether `key` is a function key (F1 to F35): it works while typing,
/// as it types nothing.
fn is_function_key(key: Key) -> bool {
    key.name()
        .strip_prefix('F')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One action.
#[derive(Debug)]
pub struct Action {
    /// Its name in menus, the palette and the F1 window.
    pub label: &'static str,
    /// Where it is listed.
    pub group: Group,
    /// Its keys; the first is the one shown.
    pub keys: &'static [KeyboardShortcut],
    /// What it does.
    pub command: Command,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Ctrl+O: open a comparison.
pub const OPEN: KeyboardShortcut = key(CMD, Key::O);
/// Ctrl+E: export.
pub const EXPORT: KeyboardShortcut = key(CMD, Key::E);
/// Ctrl+R: reload (F5 presents, as in every slide tool).
pub const RELOAD: KeyboardShortcut = key(CMD, Key::R);
/// F5: present.
pub const PRESENT: KeyboardShortcut = key(NONE, Key::F5);
/// Ctrl+Q: quit.
pub const QUIT: KeyboardShortcut = key(CMD, Key::Q);

/// The command for a key pressed with `modifiers`, among the keys that
/// work `when` (exact modifiers: Shift+F3 is not F3).
#[must_use]
pub fn command_for(key: Key, modifiers: Modifiers, when: When) -> Option<Command> {
    ACTIONS
        .iter()
        .find(|a| {
            a.keys.iter().any(|k| {
                self::when(k) == when
                    && k.logical_key == key
                    && modifiers.matches_exact(k.modifiers)
            })
        })
        .map(|a| a.command.clone())
}

/// The keys that work anywhere, with their commands, those with more
/// modifiers first (so Shift+F3 is read before F3).
#[must_use]
pub fn anywhere_keys() -> Vec<(KeyboardShortcut, &'static Command)> {
    let mut keys: Vec<(KeyboardShortcut, &Command)> = ACTIONS
        .iter()
        .flat_map(|a| a.keys.iter().map(move |k| (*k, &a.command)))
        .filter(|(k, _)| when(k) == When::Anywhere)
        .collect();
    keys.sort_by_key(|(k, _)| {
        std::cmp::Reverse(
            u8::from(k.modifiers.shift) + u8::from(k.modifiers.alt) + u8::from(k.modifiers.command),
        )
    });
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::command::{FindCmd, Nav, NotesCmd};

    #[test]
    fn every_function_key_works_while_typing() {
        for key in [Key::F1, Key::F8, Key::F9, Key::F12, Key::F35] {
            assert_eq!(when(&super::key(NONE, key)), When::Anywhere, "{key:?}");
        }
        assert_eq!(when(&super::key(NONE, Key::F)), When::Browsing);
    }

    #[test]
    fn no_key_means_two_things() {
        for (i, a) in ACTIONS.iter().enumerate() {
            for k in a.keys {
                for b in &ACTIONS[i + 1..] {
                    let same = b.keys.iter().any(|other| {
                        other.logical_key == k.logical_key && other.modifiers == k.modifiers
                    });
                    assert!(!same, "{} and {} share a key", a.label, b.label);
                }
            }
        }
    }

    #[test]
    fn keys_find_their_commands_and_modifiers_count() {
        assert_eq!(
            command_for(Key::F3, Modifiers::SHIFT, When::Anywhere),
            Some(Command::Find(FindCmd::Previous))
        );
        assert_eq!(
            command_for(Key::F3, Modifiers::NONE, When::Anywhere),
            Some(Command::Find(FindCmd::Next))
        );
        assert_eq!(
            command_for(Key::J, Modifiers::NONE, When::Browsing),
            Some(Command::Nav(Nav::Move(1)))
        );
        assert_eq!(command_for(Key::J, Modifiers::NONE, When::Anywhere), None);
        assert_eq!(command_for(Key::J, Modifiers::SHIFT, When::Browsing), None);
    }

    #[test]
    fn labels_are_unique() {
        for (i, a) in ACTIONS.iter().enumerate() {
            assert!(
                ACTIONS[i + 1..].iter().all(|b| b.label != a.label),
                "{}",
                a.label
            );
        }
    }

    #[test]
    fn number_keys_highlight_their_rows() {
        let rows: Vec<usize> = ACTIONS
            .iter()
            .filter_map(|a| match a.command {
                Command::Notes(NotesCmd::ToggleHighlightRow(n)) => {
                    assert_eq!(a.label, format!("Highlight row {n}"));
                    let names: Vec<&str> = a.keys.iter().map(|k| k.logical_key.name()).collect();
                    assert_eq!(names, [n.to_string()], "{}", a.label);
                    Some(n)
                }
                _ => None,
            })
            .collect();
        assert_eq!(rows, (1..=9).collect::<Vec<_>>());
    }
}
