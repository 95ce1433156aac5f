//! The overview, as a person uses it: Ctrl+Shift+O, every dimension a row
//! with each summary's first sentence, a click or Enter to open one.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
#[path = "common/generated.rs"]
mod generated;
use common::{open_built_in, started};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use versus::VersusApp;
use versus::model::first_sentence;
use versus::session::Section;

fn open_overview(h: &mut egui_kittest::Harness<'static, VersusApp>) {
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::O,
    );
    h.run();
    assert!(h.state().shown.overview);
}

#[test]
fn every_dimension_is_a_row_with_each_summarys_first_sentence() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    open_overview(&mut h);
    let c = h.state().session.comparison.clone();
    for (i, d) in c.dimensions.iter().enumerate() {
        // Rows are as tall as their wrapped sentences: the selection walks
        // down and the rows scroll to it, as a person reads them.
        h.key_press(egui::Key::ArrowDown);
        h.run();
        assert_eq!(h.state().session.selected, Section::Dimension(i));
        for s in &c.subjects {
            let sentence = first_sentence(d.summary.get(&s.id).unwrap());
            assert!(
                h.get_all_by_label(&sentence).next().is_some(),
                "{}: {sentence}",
                d.title
            );
        }
    }
    // A click on its row (not the sidebar's) opens that dimension and
    // closes the overview.
    h.get_all_by_label("Risk Management")
        .filter(|n| n.accesskit_node().role() == Role::Button)
        .max_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap()
        .click();
    h.run();
    assert!(!h.state().shown.overview);
    assert_eq!(h.state().session.selected_dimension_id(), Some("risk"));
}

#[test]
fn ten_thousand_rows_scroll_and_enter_opens_the_selected_one() {
    let data = tempfile::tempdir().unwrap();
    let app = VersusApp::new(
        generated::generated(10_000),
        versus::session::Source::BuiltIn,
        data.path().to_owned(),
    );
    let mut h = started(app);
    open_overview(&mut h);
    let start = std::time::Instant::now();
    h.key_press(egui::Key::End);
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().session.selected, Section::Dimension(9_999));
    // The last row is laid out (scrolled to), the first is not: only the
    // rows in view are.
    let last = &h.state().session.comparison.dimensions[9_999].title.clone();
    let first = &h.state().session.comparison.dimensions[0].title.clone();
    assert!(h.get_all_by_label(last).next().is_some());
    assert!(h.query_by_label(first).is_none());
    assert!(
        start.elapsed().as_secs() < 5,
        "10,000 rows: {:?}",
        start.elapsed()
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        !h.state().shown.overview,
        "Enter opens the selected dimension"
    );
    assert_eq!(h.state().session.selected, Section::Dimension(9_999));
}

#[test]
fn each_header_stands_over_its_column_even_for_a_ten_hour_budget() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    {
        let notes = &mut h.state_mut().session.notes_file.notes;
        notes.talk.minutes = 24 * 60;
        let risk = notes.entry("risk");
        risk.starred = true;
        risk.budget = Some(10 * 60 * 60);
        risk.weight = Some(3);
    }
    open_overview(&mut h);
    // The risk row, scrolled to (rows are as tall as their wrapped text).
    while h.state().session.selected_dimension_id() != Some("risk") {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    let left_of = |h: &egui_kittest::Harness<'static, VersusApp>, text: &str| {
        h.get_all_by_label(text)
            .chain(h.get_all_by_value(text))
            .filter(|n| n.accesskit_node().role() == Role::Label)
            .map(|n| n.rect())
            .max_by(|a, b| a.left().total_cmp(&b.left()))
            .unwrap_or_else(|| panic!("no {text:?}"))
    };
    let header = left_of(&h, "Budget");
    let cell = left_of(&h, "10:00:00");
    assert!(
        (header.left() - cell.left()).abs() < 1.0,
        "{header:?} over {cell:?}"
    );
    let next = left_of(&h, "Better fit");
    assert!(
        cell.right() <= next.left(),
        "the budget is not cut: {cell:?} {next:?}"
    );
    let header = left_of(&h, "Matters");
    let cell = left_of(&h, "3 of 3");
    assert!(
        (header.left() - cell.left()).abs() < 1.0,
        "{header:?} over {cell:?}"
    );
}

#[test]
fn the_talks_columns_appear_once_they_hold_something() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    open_overview(&mut h);
    for header in ["Budget", "Rehearsed", "Better fit", "Matters"] {
        assert!(h.query_by_label(header).is_none(), "{header} with no talk");
    }
    h.state_mut().session.notes_file.notes.talk.minutes = 10;
    h.run();
    assert!(h.query_by_label("Budget").is_some());
    assert!(h.query_by_label("Better fit").is_none());
    h.state_mut().session.notes_file.notes.entry("risk").verdict =
        Some(versus::notes::Verdict::Even);
    h.run();
    assert!(h.query_by_label("Better fit").is_some());
    assert!(h.query_by_label("Matters").is_some());
    assert!(h.query_by_label("Rehearsed").is_none(), "no rehearsal yet");
}
