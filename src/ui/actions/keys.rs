//! Keys as shown to a person: "Ctrl+O", "Down or J", "Ctrl+F or /",
//! "V then 1".

use egui::KeyboardShortcut;

use super::{ACTIONS, Action};
use crate::session::Command;

/// The keys of `action` as shown ("Ctrl+O", "Down or J", "V then 1"),
/// empty when it has none.
#[must_use]
pub fn keys_text(ctx: &egui::Context, action: &Action) -> String {
    let keys = action
        .keys
        .iter()
        .map(|k| shortcut_text(ctx, *k))
        .collect::<Vec<_>>()
        .join(" or ");
    match action.prefix {
        Some(prefix) if !keys.is_empty() => format!("{} then {keys}", prefix.name()),
        _ => keys,
    }
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
    use egui::Key;

    use super::super::{CMD, NONE, key};
    use super::shortcut_text;

    #[test]
    fn punctuation_keys_are_shown_as_printed() {
        let ctx = egui::Context::default();
        assert_eq!(shortcut_text(&ctx, key(NONE, Key::Slash)), "/");
        assert_eq!(shortcut_text(&ctx, key(CMD, Key::Equals)), "Ctrl+=");
        assert_eq!(shortcut_text(&ctx, key(CMD, Key::F)), "Ctrl+F");
        assert_eq!(shortcut_text(&ctx, key(NONE, Key::ArrowDown)), "Down");
    }
}
