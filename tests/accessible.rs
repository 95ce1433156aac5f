//! Every control has an accessible name and role: walked on every screen
//! of the window (a 3-subject comparison, the export dialog, the palette,
//! F1, the overview, the path dialog).
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::open;

use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use versus::VersusApp;

const THREE: &str = r#"Comparison(
    title: "Three",
    subjects: [(id: "a", name: "Alpha", short: "A"), (id: "b", name: "Beta"), (id: "g", name: "Gamma")],
    dimensions: [(id: "d", title: "D", summary: {"a": "s"}, points: [(aspect: "P", sides: {"a": "x", "b": "y", "g": "z"})])],
)"#;

/// The controls (things a person acts on) that have no name.
fn unnamed(h: &egui_kittest::Harness<'static, VersusApp>) -> Vec<String> {
    h.query_all(by().predicate(|n| {
        matches!(
            n.role(),
            Role::Button
                | Role::CheckBox
                | Role::RadioButton
                | Role::TextInput
                | Role::MultilineTextInput
                | Role::ComboBox
                | Role::Link
                | Role::Slider
        ) && n.label().is_none_or(|l| l.trim().is_empty())
    }))
    .map(|n| format!("{n:?}").chars().take(200).collect())
    .collect()
}

#[test]
fn every_control_on_every_screen_has_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = common::write_file(dir.path(), "three.ron", THREE);
    let mut h = open(&content, data.path());
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(unnamed(&h), Vec::<String>::new(), "the pane");
    // The walk does see the controls (not an empty search).
    let named = h
        .query_all(by().predicate(|n| matches!(n.role(), Role::Button | Role::TextInput)))
        .count();
    assert!(named > 10, "{named} controls seen");
    let screens: [(egui::Modifiers, egui::Key); 4] = [
        (egui::Modifiers::COMMAND, egui::Key::E),
        (egui::Modifiers::COMMAND, egui::Key::K),
        (egui::Modifiers::NONE, egui::Key::F1),
        (egui::Modifiers::COMMAND, egui::Key::O),
    ];
    for (modifiers, key) in screens {
        let mut h = open(&content, data.path());
        h.key_press_modifiers(modifiers, key);
        h.run();
        assert_eq!(unnamed(&h), Vec::<String>::new(), "{key:?}");
    }
    let mut h = open(&content, data.path());
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::O,
    );
    h.run();
    assert_eq!(unnamed(&h), Vec::<String>::new(), "the overview");
}
