//! Every action a person can take by name, in one table: its label, its
//! keys, where it is listed and the command it sends. The key handler, the
//! menus, the command palette and the F1 window all read this table, so
//! they can never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::platform::file_dialog::PathPurpose;
use crate::session::Command;
use crate::session::command::{
    ExportCmd, FileCmd, FindCmd, Nav, NotesCmd, PresentCmd, Theme, ViewCmd, Zoom,
};
use crate::session::find::Filter;

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

macro_rules! action {
    ($label:expr, $group:ident, [$($key:expr),*], $command:expr) => {
        Action {
            label: $label,
            group: Group::$group,
            keys: &[$($key),*],
            command: $command,
        }
    };
}

/// Every action, grouped, in menu order.
pub static ACTIONS: &[Action] = &[
    action!(
        "Open…",
        File,
        [OPEN],
        Command::File(FileCmd::ShowDialog(PathPurpose::OpenContent))
    ),
    action!(
        "Reopen closed comparison",
        File,
        [key(CMD_SHIFT, Key::T)],
        Command::File(FileCmd::ReopenClosed)
    ),
    action!("Reload", File, [RELOAD], Command::File(FileCmd::Reload)),
    action!(
        "Show built-in comparison",
        File,
        [],
        Command::File(FileCmd::OpenBuiltIn)
    ),
    action!(
        "Export…",
        File,
        [EXPORT],
        Command::Export(ExportCmd::ShowDialog)
    ),
    action!(
        "Open notes…",
        File,
        [],
        Command::File(FileCmd::ShowDialog(PathPurpose::OpenNotes))
    ),
    action!(
        "Save notes as…",
        File,
        [],
        Command::File(FileCmd::ShowDialog(PathPurpose::SaveNotesAs))
    ),
    action!(
        "Merge notes from…",
        File,
        [],
        Command::File(FileCmd::ShowDialog(PathPurpose::MergeNotes))
    ),
    action!("Quit", File, [QUIT], Command::Quit),
    action!(
        "Next row",
        Go,
        [key(NONE, Key::ArrowDown), key(NONE, Key::J)],
        Command::Nav(Nav::Move(1))
    ),
    action!(
        "Previous row",
        Go,
        [key(NONE, Key::ArrowUp), key(NONE, Key::K)],
        Command::Nav(Nav::Move(-1))
    ),
    action!(
        "Ten rows down",
        Go,
        [key(NONE, Key::PageDown)],
        Command::Nav(Nav::Move(10))
    ),
    action!(
        "Ten rows up",
        Go,
        [key(NONE, Key::PageUp)],
        Command::Nav(Nav::Move(-10))
    ),
    action!(
        "First row",
        Go,
        [key(NONE, Key::Home)],
        Command::Nav(Nav::First)
    ),
    action!(
        "Last row",
        Go,
        [key(NONE, Key::End)],
        Command::Nav(Nav::Last)
    ),
    action!(
        "Next annotated dimension",
        Go,
        [key(Modifiers::ALT, Key::ArrowDown)],
        Command::Find(FindCmd::NextAnnotated)
    ),
    action!(
        "Previous annotated dimension",
        Go,
        [key(Modifiers::ALT, Key::ArrowUp)],
        Command::Find(FindCmd::PreviousAnnotated)
    ),
    action!(
        "Write a note",
        Notes,
        [key(NONE, Key::F2), key(NONE, Key::Enter)],
        Command::View(ViewCmd::FocusNote)
    ),
    action!(
        "Star or unstar",
        Notes,
        [key(NONE, Key::S)],
        Command::Notes(NotesCmd::ToggleStarSelected)
    ),
    action!(
        "Undo",
        Notes,
        [key(CMD, Key::Z)],
        Command::Notes(NotesCmd::Undo)
    ),
    action!(
        "Redo",
        Notes,
        [key(CMD_SHIFT, Key::Z)],
        Command::Notes(NotesCmd::Redo)
    ),
    action!(
        "Highlight row 1",
        Notes,
        [key(NONE, Key::Num1)],
        Command::Notes(NotesCmd::ToggleHighlightRow(1))
    ),
    action!(
        "Highlight row 2",
        Notes,
        [key(NONE, Key::Num2)],
        Command::Notes(NotesCmd::ToggleHighlightRow(2))
    ),
    action!(
        "Highlight row 3",
        Notes,
        [key(NONE, Key::Num3)],
        Command::Notes(NotesCmd::ToggleHighlightRow(3))
    ),
    action!(
        "Highlight row 4",
        Notes,
        [key(NONE, Key::Num4)],
        Command::Notes(NotesCmd::ToggleHighlightRow(4))
    ),
    action!(
        "Highlight row 5",
        Notes,
        [key(NONE, Key::Num5)],
        Command::Notes(NotesCmd::ToggleHighlightRow(5))
    ),
    action!(
        "Highlight row 6",
        Notes,
        [key(NONE, Key::Num6)],
        Command::Notes(NotesCmd::ToggleHighlightRow(6))
    ),
    action!(
        "Highlight row 7",
        Notes,
        [key(NONE, Key::Num7)],
        Command::Notes(NotesCmd::ToggleHighlightRow(7))
    ),
    action!(
        "Highlight row 8",
        Notes,
        [key(NONE, Key::Num8)],
        Command::Notes(NotesCmd::ToggleHighlightRow(8))
    ),
    action!(
        "Highlight row 9",
        Notes,
        [key(NONE, Key::Num9)],
        Command::Notes(NotesCmd::ToggleHighlightRow(9))
    ),
    action!(
        "Search",
        Find,
        [key(CMD, Key::F), key(NONE, Key::Slash)],
        Command::View(ViewCmd::FocusSearch)
    ),
    action!(
        "Next match",
        Find,
        [key(NONE, Key::F3)],
        Command::Find(FindCmd::Next)
    ),
    action!(
        "Previous match",
        Find,
        [key(Modifiers::SHIFT, Key::F3)],
        Command::Find(FindCmd::Previous)
    ),
    action!(
        "Clear the search",
        Find,
        [key(NONE, Key::Escape)],
        Command::Find(FindCmd::Clear)
    ),
    action!(
        "Show all dimensions",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::All))
    ),
    action!(
        "Show starred only",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::Starred))
    ),
    action!(
        "Show annotated only",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::Annotated))
    ),
    action!(
        "Show not yet annotated",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::NotAnnotated))
    ),
    action!(
        "Overview",
        View,
        [key(CMD_SHIFT, Key::O)],
        Command::View(ViewCmd::ToggleOverview)
    ),
    action!("Swap columns", View, [], Command::Nav(Nav::SwapColumns)),
    action!(
        "Light theme",
        View,
        [],
        Command::View(ViewCmd::Theme(Theme::Light))
    ),
    action!(
        "Dark theme",
        View,
        [],
        Command::View(ViewCmd::Theme(Theme::Dark))
    ),
    action!(
        "Theme of the system",
        View,
        [],
        Command::View(ViewCmd::Theme(Theme::System))
    ),
    action!(
        "Zoom in",
        View,
        [key(CMD, Key::Plus), key(CMD, Key::Equals)],
        Command::View(ViewCmd::Zoom(Zoom::In))
    ),
    action!(
        "Zoom out",
        View,
        [key(CMD, Key::Minus)],
        Command::View(ViewCmd::Zoom(Zoom::Out))
    ),
    action!(
        "Actual size",
        View,
        [key(CMD, Key::Num0)],
        Command::View(ViewCmd::Zoom(Zoom::Reset))
    ),
    action!(
        "Command palette",
        View,
        [key(CMD_SHIFT, Key::P), key(CMD, Key::K)],
        Command::View(ViewCmd::ShowPalette)
    ),
    action!(
        "Keyboard shortcuts",
        View,
        [key(NONE, Key::F1)],
        Command::View(ViewCmd::ShowShortcuts)
    ),
    action!(
        "Present",
        Talk,
        [PRESENT],
        Command::Present(PresentCmd::Start { rehearse: false })
    ),
    action!(
        "Rehearse (record the time per slide)",
        Talk,
        [key(CMD, Key::F5)],
        Command::Present(PresentCmd::Start { rehearse: true })
    ),
    action!(
        "Present starred dimensions only",
        Talk,
        [],
        Command::Present(PresentCmd::StarredOnly(true))
    ),
    action!(
        "Present every dimension",
        Talk,
        [],
        Command::Present(PresentCmd::StarredOnly(false))
    ),
    action!(
        "Show summaries on slides",
        Talk,
        [],
        Command::Present(PresentCmd::Summaries(true))
    ),
    action!(
        "Leave summaries off slides",
        Talk,
        [],
        Command::Present(PresentCmd::Summaries(false))
    ),
];

/// The keys while presenting (they replace every other key then), with
/// what they do, for the F1 window.
pub static PRESENTING_KEYS: &[(&str, &[Key], PresentCmd)] = &[
    (
        "Next",
        &[
            Key::ArrowRight,
            Key::Space,
            Key::PageDown,
            Key::ArrowDown,
            Key::N,
        ],
        PresentCmd::Next,
    ),
    (
        "Previous",
        &[Key::ArrowLeft, Key::PageUp, Key::Backspace, Key::ArrowUp],
        PresentCmd::Previous,
    ),
    ("First slide", &[Key::Home], PresentCmd::First),
    ("Last slide", &[Key::End], PresentCmd::Last),
    (
        "Go to the slide number typed",
        &[Key::Enter],
        PresentCmd::Jump,
    ),
    (
        "Blank the screen",
        &[Key::B, Key::Period],
        PresentCmd::Blank,
    ),
    ("Presenter view", &[Key::P], PresentCmd::TogglePresenterView),
    ("Stop presenting", &[Key::Escape], PresentCmd::Stop),
];

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

/// The keys of `action` as shown ("Ctrl+O", "Down or J"), empty when it
/// has none.
#[must_use]
pub fn keys_text(ctx: &egui::Context, action: &Action) -> String {
    action
        .keys
        .iter()
        .map(|k| shortcut_text(ctx, *k))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// One shortcut as shown: punctuation as the character printed on the
/// key ("Ctrl+F or /", not "Slash"), other keys by name.
fn shortcut_text(ctx: &egui::Context, shortcut: KeyboardShortcut) -> String {
    let text = ctx.format_shortcut(&shortcut);
    let key = shortcut.logical_key;
    let symbol = key.symbol_or_name();
    match text.strip_suffix(key.name()) {
        Some(modifiers) if symbol.chars().all(|c| c.is_ascii_punctuation()) => {
            format!("{modifiers}{symbol}")
        }
        _ => text,
    }
}

/// The keys of the action that runs `command`, as shown ("F2 or Enter"),
/// for hints beside buttons and fields: typed once, in the table.
#[must_use]
pub fn keys_for(ctx: &egui::Context, command: &Command) -> String {
    ACTIONS
        .iter()
        .find(|a| a.command == *command)
        .map(|a| keys_text(ctx, a))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_keys_are_shown_as_printed() {
        let ctx = egui::Context::default();
        assert_eq!(shortcut_text(&ctx, super::key(NONE, Key::Slash)), "/");
        assert_eq!(shortcut_text(&ctx, super::key(CMD, Key::Equals)), "Ctrl+=");
        assert_eq!(shortcut_text(&ctx, super::key(CMD, Key::F)), "Ctrl+F");
        assert_eq!(
            shortcut_text(&ctx, super::key(NONE, Key::ArrowDown)),
            "Down"
        );
    }

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
}
