//! The one table of actions, as a person meets it: the command palette,
//! the menus and the F1 window.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::open_built_in;

use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::session::find::Filter;
use versus::ui::actions::{ACTIONS, Group};

fn app() -> (tempfile::TempDir, egui_kittest::Harness<'static, VersusApp>) {
    let data = tempfile::tempdir().unwrap();
    let h = open_built_in(data.path());
    (data, h)
}

/// Opens the palette with Ctrl+Shift+P and types `text`.
fn palette(h: &mut egui_kittest::Harness<'static, VersusApp>, text: &str) {
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::P,
    );
    h.run();
    assert!(h.state().palette.open, "Ctrl+Shift+P opens the palette");
    h.get_by_label("Command").type_text(text);
    h.run();
}

/// The action's name in `comparison`; `None` only for the verdict of a
/// subject it does not have (subject 3 of two), which nothing lists.
fn in_this_comparison(
    action: &versus::ui::actions::Action,
    comparison: &versus::model::Comparison,
) -> Option<String> {
    let label = action.label_in(comparison);
    if label.is_none() {
        let number: usize = action
            .label
            .strip_prefix("Set verdict: subject ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{} is listed nowhere", action.label));
        assert!(number > comparison.subjects.len(), "{}", action.label);
    }
    label
}

#[test]
fn every_action_is_in_the_palette_and_those_of_a_menu_in_their_menu() {
    let (_data, mut h) = app();
    let comparison = h.state().session.comparison.clone();
    for action in ACTIONS {
        if action.label == "Command palette" {
            continue;
        }
        let Some(label) = in_this_comparison(action, &comparison) else {
            continue;
        };
        let entry = format!("{}: {label}", action.group.label());
        palette(&mut h, &label);
        h.get_by_label(&entry);
        h.key_press(egui::Key::Escape);
        h.run();
        assert!(!h.state().palette.open, "Esc closes the palette");
    }
    for group in [Group::File, Group::Find, Group::View, Group::Talk] {
        // A fresh window each time: one menu open at a time.
        let (_data, mut h) = app();
        h.get_by_label(group.label()).click();
        h.run();
        for action in ACTIONS.iter().filter(|a| a.group == group) {
            let Some(label) = in_this_comparison(action, &comparison) else {
                continue;
            };
            // A menu item's name holds its keys after the label.
            assert!(
                h.get_all_by_label_contains(&label).next().is_some(),
                "{label} is not in the {} menu",
                group.label()
            );
        }
    }
}

#[test]
fn the_palette_goes_to_a_dimension_by_a_few_letters() {
    let (_data, mut h) = app();
    palette(&mut h, "go to riskmgmt");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!h.state().palette.open);
    assert_eq!(h.state().session.selected_dimension_id(), Some("risk"));
}

#[test]
fn the_palette_runs_an_action_chosen_with_the_arrows() {
    let (_data, mut h) = app();
    palette(&mut h, "show only");
    // The entries, best first: "Show starred only", then "Show annotated
    // only"; Down chooses the second.
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let filter = h.state().session.finder.filter;
    assert!(
        matches!(filter, Filter::Starred | Filter::Annotated),
        "{filter:?}"
    );
    assert!(!h.state().palette.open);
    // Ctrl+K opens it too.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    assert!(h.state().palette.open);
}

#[test]
fn f1_lists_the_keys_from_the_same_table() {
    let (_data, mut h) = app();
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.state().shown.shortcuts);
    let comparison = h.state().session.comparison.clone();
    for action in ACTIONS.iter().filter(|a| !a.keys.is_empty()) {
        let keys = versus::ui::actions::keys_text(&h.ctx, action);
        let Some(label) = in_this_comparison(action, &comparison) else {
            continue;
        };
        assert!(h.get_all_by_label(&label).next().is_some(), "{label}");
        assert!(h.get_all_by_label(&keys).next().is_some(), "{keys}");
    }
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().shown.shortcuts);
}

#[test]
fn the_theme_and_the_zoom_come_from_the_view_menu_and_the_keys() {
    let (_data, mut h) = app();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Light theme").click();
    h.run();
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    assert!(!h.ctx.global_style().visuals.dark_mode);
    let before = h.ctx.zoom_factor();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    let larger = h.ctx.zoom_factor();
    assert!(larger > before, "{before} -> {larger}");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.run();
    assert!(h.ctx.zoom_factor() < before);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < f32::EPSILON);
}
