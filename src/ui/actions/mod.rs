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
use crate::session::command::{TalkCmd, VerdictPick};

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
    /// A key pressed (alone) before its keys, as V in "V then 1"; `None`
    /// for keys that act by themselves.
    pub prefix: Option<Key>,
    /// Its keys; the first is the one shown.
    pub keys: &'static [KeyboardShortcut],
    /// What it does.
    pub command: Command,
}

impl Action {
    /// Its name for `comparison`: a subject's verdict named after the
    /// subject ("Set verdict: Graph database"); `None` when it has no
    /// meaning there (subject 5 of three).
    #[must_use]
    pub fn label_in(&self, comparison: &crate::model::Comparison) -> Option<String> {
        match self.command {
            Command::Talk(TalkCmd::SetVerdictSelected(VerdictPick::Subject(i))) => comparison
                .subjects
                .get(i)
                .map(|s| format!("Set verdict: {}", s.name)),
            _ => Some(self.label.to_owned()),
        }
    }
}

/// The keys a prefix waits for, told in the status bar while it waits
/// ("V… press a subject's number (1–3), E for even, 0 for none; Esc
/// cancels"), from the actions after `prefix`.
#[must_use]
pub fn prefix_hint(prefix: Key, comparison: &crate::model::Comparison) -> String {
    let then: Vec<&Action> = ACTIONS
        .iter()
        .filter(|a| a.prefix == Some(prefix))
        .collect();
    let verdicts = then.iter().any(|a| {
        matches!(
            a.command,
            Command::Talk(TalkCmd::SetVerdictSelected(VerdictPick::Subject(_)))
        )
    });
    let name = prefix.name();
    if verdicts {
        let n = comparison.subjects.len().min(9);
        let numbers = if n <= 1 {
            "1".to_owned()
        } else {
            format!("1–{n}")
        };
        format!("{name}… press a subject's number ({numbers}), E for even, 0 for none; Esc cancels")
    } else {
        let keys: Vec<&str> = then
            .iter()
            .filter_map(|a| a.keys.first())
            .map(|k| k.logical_key.symbol_or_name())
            .collect();
        let range = match (keys.first(), keys.last()) {
            (Some(first), Some(last)) if keys.len() > 1 => format!("{first}–{last}"),
            (Some(only), _) => (*only).to_owned(),
            _ => String::new(),
        };
        let weights = then
            .iter()
            .any(|a| matches!(a.command, Command::Talk(TalkCmd::SetWeightSelected(_))));
        let what = if weights { "a weight" } else { "a key" };
        format!("{name}… press {what} ({range}); Esc cancels")
    }
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
/// work `when` (exact modifiers: Shift+F3 is not F3). Keys pressed after
/// a prefix are not among them: see [`command_after`].
#[must_use]
pub fn command_for(key: Key, modifiers: Modifiers, when: When) -> Option<Command> {
    ACTIONS
        .iter()
        .filter(|a| a.prefix.is_none())
        .find(|a| {
            a.keys.iter().any(|k| {
                self::when(k) == when
                    && k.logical_key == key
                    && modifiers.matches_exact(k.modifiers)
            })
        })
        .map(|a| a.command.clone())
}

/// Whether `key` pressed with `modifiers` begins a two-key action (V in
/// "V then 1").
#[must_use]
pub fn is_prefix(key: Key, modifiers: Modifiers) -> bool {
    modifiers.is_none() && ACTIONS.iter().any(|a| a.prefix == Some(key))
}

/// The command for `key` pressed after `prefix`, if any.
#[must_use]
pub fn command_after(prefix: Key, key: Key, modifiers: Modifiers) -> Option<Command> {
    ACTIONS
        .iter()
        .filter(|a| a.prefix == Some(prefix))
        .find(|a| {
            a.keys
                .iter()
                .any(|k| k.logical_key == key && modifiers.matches_exact(k.modifiers))
        })
        .map(|a| a.command.clone())
}

/// The keys that work anywhere, with their commands, those with more
/// modifiers first (so Shift+F3 is read before F3).
#[must_use]
pub fn anywhere_keys() -> Vec<(KeyboardShortcut, &'static Command)> {
    let mut keys: Vec<(KeyboardShortcut, &Command)> = ACTIONS
        .iter()
        .filter(|a| a.prefix.is_none())
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
                    let same = b.prefix == a.prefix
                        && b.keys.iter().any(|other| {
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
    fn a_prefix_is_no_key_of_its_own() {
        for prefix in ACTIONS.iter().filter_map(|a| a.prefix) {
            assert!(is_prefix(prefix, Modifiers::NONE));
            assert!(!is_prefix(prefix, Modifiers::SHIFT));
            assert_eq!(command_for(prefix, Modifiers::NONE, When::Browsing), None);
        }
    }

    #[test]
    fn v_and_w_then_a_number_set_the_verdict_and_the_weight() {
        use crate::session::command::{TalkCmd, VerdictPick};
        assert_eq!(
            command_after(Key::V, Key::Num3, Modifiers::NONE),
            Some(TalkCmd::SetVerdictSelected(VerdictPick::Subject(2)).into())
        );
        assert_eq!(
            command_after(Key::V, Key::Num0, Modifiers::NONE),
            Some(TalkCmd::SetVerdictSelected(VerdictPick::Clear).into())
        );
        assert_eq!(
            command_after(Key::V, Key::E, Modifiers::NONE),
            Some(TalkCmd::SetVerdictSelected(VerdictPick::Even).into())
        );
        assert_eq!(
            command_after(Key::W, Key::Num0, Modifiers::NONE),
            Some(TalkCmd::SetWeightSelected(0).into())
        );
        assert_eq!(command_after(Key::W, Key::Num4, Modifiers::NONE), None);
        // Alone, the digits still highlight rows.
        assert_eq!(
            command_for(Key::Num3, Modifiers::NONE, When::Browsing),
            Some(NotesCmd::ToggleHighlightRow(3).into())
        );
        let c = crate::model::Comparison::built_in();
        assert_eq!(
            prefix_hint(Key::V, &c),
            "V… press a subject's number (1–2), E for even, 0 for none; Esc cancels"
        );
        assert_eq!(
            prefix_hint(Key::W, &c),
            "W… press a weight (0–3); Esc cancels"
        );
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
