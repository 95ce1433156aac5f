//! Finding your way, as a person would: typing a search, the filters, the
//! keys that jump between finds and between annotated dimensions.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, open, type_note};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use versus::session::Section;

const TRAVEL: &str = r#"Comparison(
    title: "Travel",
    intro: "Ways to travel.",
    subjects: [
        Subject(id: "pl", name: "Planes"),
        Subject(id: "tr", name: "Trains"),
    ],
    dimensions: [
        Dimension(id: "speed", title: "Speed", points: [
            Point(aspect: "Top speed", sides: { "pl": "900 km/h", "tr": "300 km/h" }),
        ]),
        Dimension(id: "comfort", title: "Comfort", points: [
            Point(aspect: "Seats", sides: { "pl": "A naïve idea of legroom", "tr": "Wide seats" }),
        ]),
        Dimension(id: "cost", title: "Cost", points: [
            Point(aspect: "Tickets", sides: { "pl": "Cheap in advance", "tr": "Cheap on the Straße" }),
        ]),
        Dimension(id: "green", title: "Emissions", points: [
            Point(aspect: "CO2", sides: { "pl": "High", "tr": "Low" }),
        ]),
    ],
    conclusion: "It depends.",
)"#;

/// `travel.ron` opened from a fresh folder, with its own data folder.
fn travel() -> (
    tempfile::TempDir,
    tempfile::TempDir,
    egui_kittest::Harness<'static, versus::VersusApp>,
) {
    let (dir, content, data) = common::content_in_tempdir("travel.ron", TRAVEL);
    let h = open(&content, data.path());
    (dir, data, h)
}

/// The titles of the sidebar's rows, top to bottom.
fn rows(h: &egui_kittest::Harness<'static, versus::VersusApp>) -> Vec<String> {
    let app = h.state();
    (0..app.session.row_count())
        .map(|r| match app.session.section_at(r) {
            Section::Intro => "Introduction".to_owned(),
            Section::Conclusion => "Conclusion".to_owned(),
            Section::Dimension(i) => app.session.comparison.dimensions[i].title.clone(),
        })
        .collect()
}

/// Types `text` into the search field.
fn search(h: &mut egui_kittest::Harness<'static, versus::VersusApp>, text: &str) {
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text(text);
    h.run();
}

#[test]
fn typing_a_search_narrows_the_sidebar_whatever_the_accents() {
    let (_dir, _data, mut h) = travel();
    click_row(&mut h, "Speed");
    search(&mut h, "NAIVE");
    assert_eq!(rows(&h), ["Comfort"]);
    assert_eq!(h.state().session.selected_dimension_id(), Some("comfort"));
    h.get_by_label("1 of 4 match");
    // "strasse" finds "Straße"; both terms must be there.
    h.key_press(egui::Key::Escape);
    h.run();
    search(&mut h, "strasse cheap");
    assert_eq!(rows(&h), ["Cost"]);
}

#[test]
fn escape_clears_the_search_and_goes_back_to_where_you_were() {
    let (_dir, _data, mut h) = travel();
    click_row(&mut h, "Emissions");
    search(&mut h, "seats");
    assert_eq!(h.state().session.selected_dimension_id(), Some("comfort"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().session.finder.text.is_empty());
    assert_eq!(
        rows(&h),
        [
            "Introduction",
            "Speed",
            "Comfort",
            "Cost",
            "Emissions",
            "Conclusion"
        ]
    );
    assert_eq!(h.state().session.selected_dimension_id(), Some("green"));
}

#[test]
fn enter_and_f3_go_to_the_next_match_and_shift_f3_back() {
    let (_dir, _data, mut h) = travel();
    search(&mut h, "cheap");
    assert_eq!(rows(&h), ["Cost"]);
    h.key_press(egui::Key::Escape);
    h.run();
    // "s" is in most dimensions: a search that lists several.
    search(&mut h, "s");
    let listed = rows(&h);
    assert!(listed.len() >= 3, "{listed:?}");
    let first = h.state().session.selected;
    // Enter in the field: the next match, and the field keeps the keys.
    h.key_press(egui::Key::Enter);
    h.run();
    assert_ne!(h.state().session.selected, first);
    assert!(h.get_by_label("Search").accesskit_node().is_focused());
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    h.run();
    assert_eq!(h.state().session.selected, first);
    h.key_press(egui::Key::F3);
    h.run();
    let second = h.state().session.selected;
    assert_ne!(first, second);
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    h.run();
    assert_eq!(h.state().session.selected, first);
}

#[test]
fn a_search_finds_words_in_the_notes_and_highlights_what_it_finds() {
    let (_dir, _data, mut h) = travel();
    click_row(&mut h, "Emissions");
    type_note(&mut h, "Emissions", "Mention the flight shame debate.");
    h.key_press(egui::Key::Escape);
    h.run();
    search(&mut h, "shame");
    assert_eq!(rows(&h), ["Emissions"]);
    h.key_press(egui::Key::Escape);
    h.run();
    search(&mut h, "legroom");
    // The cell that holds it is still one label with all its text.
    h.get_by_label_contains("A naïve idea of legroom");
}

#[test]
fn filters_list_starred_annotated_or_not_yet_annotated_dimensions() {
    let (_dir, _data, mut h) = travel();
    click_row(&mut h, "Cost");
    h.get_by_label("Star").click();
    h.run();
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "Fast.");
    h.key_press(egui::Key::Escape);
    h.run();

    // The marks beside the rows are named under the filters.
    h.get_by_label("starred");
    h.get_by_label("highlights");
    h.get_by_label("Starred only").click();
    h.run();
    assert_eq!(rows(&h), ["Cost"]);
    h.get_by_label("1 of 4 shown");
    h.get_by_label("Annotated").click();
    h.run();
    assert_eq!(rows(&h), ["Speed", "Cost"]);
    h.get_by_label("Not yet").click();
    h.run();
    assert_eq!(rows(&h), ["Comfort", "Emissions"]);
    // A search narrows within the filter.
    search(&mut h, "low");
    assert_eq!(rows(&h), ["Emissions"]);
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("All").click();
    h.run();
    assert_eq!(rows(&h).len(), 6);
}

#[test]
fn alt_down_and_alt_up_jump_between_annotated_dimensions() {
    let (_dir, _data, mut h) = travel();
    click_row(&mut h, "Comfort");
    h.get_by_label("Star").click();
    h.run();
    click_row(&mut h, "Emissions");
    type_note(&mut h, "Emissions", "Say it.");
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Home);
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("comfort"));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("green"));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    // None after the last: it stays, and says so.
    assert_eq!(h.state().session.selected_dimension_id(), Some("green"));
    assert!(
        h.state()
            .session
            .message
            .as_deref()
            .unwrap()
            .contains("No annotated")
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("comfort"));
}

#[test]
fn ctrl_f_and_slash_put_the_keyboard_in_the_search_field() {
    let (_dir, _data, mut h) = travel();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    let field = h.get_by_label("Search");
    assert!(field.accesskit_node().is_focused(), "Ctrl+F");
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Slash);
    h.run();
    assert!(h.get_by_label("Search").accesskit_node().is_focused(), "/");
    assert_eq!(
        h.get_by_label("Search").accesskit_node().role(),
        Role::TextInput
    );
}

/// Three subjects, one of them talking of what the others do not.
const THREE: &str = r#"Comparison(
    title: "Three stores",
    subjects: [
        Subject(id: "sql", name: "PostgreSQL", short: "SQL"),
        Subject(id: "doc", name: "Document store"),
        Subject(id: "wide", name: "Cassandra"),
    ],
    dimensions: [
        Dimension(id: "model", title: "Data model", points: [
            Point(aspect: "Shape", sides: { "sql": "Tables", "doc": "Documents", "wide": "Wide rows" }),
        ]),
        Dimension(id: "copies", title: "Copies", points: [
            Point(aspect: "Replication", sides: { "sql": "Streaming", "doc": "Replica sets", "wide": "Tunable, multi-datacentre" }),
        ]),
    ],
)"#;

/// Issue 19, item 4: in "Two subjects", a match in the subject not shown
/// says so in the results, and one click shows it.
#[test]
fn a_match_in_a_hidden_subject_says_so_and_shows_it_in_one_click() {
    let (_dir, content, data) = common::content_in_tempdir("three.ron", THREE);
    let mut h = open(&content, data.path());
    h.state_mut()
        .apply(versus::session::command::Nav::ShowAllSubjects(false).into());
    h.run();
    assert_eq!(h.state().session.shown_subjects(), [0, 1]);
    search(&mut h, "datacentre");
    assert_eq!(rows(&h), ["Copies"]);
    h.get_by_label("match in Cassandra (hidden)");
    h.get_by_label("Show it").click();
    h.run();
    let app = h.state();
    assert!(
        app.session.shown_subjects().contains(&2),
        "Cassandra in view"
    );
    assert_eq!(app.session.selected_dimension_id(), Some("copies"));
    assert!(h.query_by_label("match in Cassandra (hidden)").is_none());
    // Its text is on screen now.
    h.get_by_label_contains("multi-datacentre");
}
