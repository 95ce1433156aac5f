//! The window, driven as a person would: by labels, clicks and keys.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, open, open_built_in, started, step_until, write_file};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use versus::VersusApp;
use versus::session::Section;
use versus::session::command::Nav;

const THREE: &str = r#"Comparison(
    title: "Three teams",
    subjects: [
        Subject(id: "a", name: "Alpha"),
        Subject(id: "b", name: "Beta"),
        Subject(id: "g", name: "Gamma"),
    ],
    dimensions: [
        Dimension(id: "size", title: "Size", points: [
            Point(aspect: "People", sides: { "a": "five people", "b": "fifty people", "g": "five hundred people" }),
        ]),
    ],
)"#;

/// A content file with a misspelt field on line 2, column 5.
const TYPO: &str = "Comparison(\n    titel: \"Oops\",\n)\n";

#[test]
fn clicking_a_dimension_shows_its_texts_side_by_side() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Risk Management");
    let risk = h
        .state()
        .session
        .comparison
        .dimension("risk")
        .unwrap()
        .clone();
    assert_eq!(
        h.state().session.selected_dimension_id(),
        Some("risk"),
        "the click selects the row"
    );
    // Both column headers and a point of each side are on screen.
    h.get_by_label("Project Management");
    h.get_by_label("Technology Management");
    let first = &risk.points[0];
    h.get_by_label(&first.aspect);
    h.get_by_label_contains(&versus::model::plain_text(first.sides.get("pm").unwrap()));
    h.get_by_label_contains(&versus::model::plain_text(first.sides.get("tm").unwrap()));
}

#[test]
fn the_keyboard_moves_the_selection() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    assert_eq!(h.state().session.selected, Section::Intro);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected, Section::Dimension(0));
    h.key_press(egui::Key::J);
    h.run();
    assert_eq!(h.state().session.selected, Section::Dimension(1));
    h.key_press(egui::Key::K);
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().session.selected, Section::Intro);
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.state().session.selected, Section::Conclusion);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(
        h.state().session.selected,
        Section::Conclusion,
        "clamped at the end"
    );
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().session.selected, Section::Intro);
    // Several presses in one frame all count, in order.
    h.key_press(egui::Key::End);
    h.key_press(egui::Key::ArrowUp);
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().session.selected, Section::Dimension(8));
}

#[test]
fn a_note_is_kept_when_moving_away_and_back() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    h.get_by_label("Note on Scope").click();
    h.run();
    h.get_by_label("Note on Scope")
        .type_text("Stress the breadth.");
    h.run();
    // Typing "j" or "k" in a note must not move the selection.
    h.get_by_label("Note on Scope").type_text(" jk");
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("scope"));
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("focus"));
    assert_eq!(h.get_by_label("Note on Focus").value().as_deref(), Some(""));
    click_row(&mut h, "Scope");
    assert_eq!(
        h.get_by_label("Note on Scope").value().as_deref(),
        Some("Stress the breadth. jk")
    );
    assert_eq!(
        h.state().session.notes().text("scope"),
        "Stress the breadth. jk"
    );
}

#[test]
fn swapping_the_columns() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    assert_eq!(h.state().session.columns, [0, 1]);
    h.get_by_label("Swap columns").click();
    h.run();
    assert_eq!(h.state().session.columns, [1, 0]);
    let left = h.get_by_label("Technology Management").rect();
    let right = h.get_by_label("Project Management").rect();
    assert!(left.left() < right.left(), "TM is now the left column");
}

#[test]
fn choosing_another_subject_with_three_subjects() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "three.ron", THREE);
    let mut h = open(&path, data.path());
    assert_eq!(h.state().session.error, None);
    click_row(&mut h, "Size");
    assert_eq!(h.state().session.selected, Section::Dimension(0));
    // Three subjects: every one is a column at first.
    h.get_by_label_contains("five people");
    h.get_by_label_contains("fifty people");
    h.get_by_label_contains("five hundred people");

    h.get_by_label("Two subjects").click();
    h.run();
    h.get_by_label_contains("fifty people");
    assert!(h.query_by_label_contains("five hundred").is_none());

    h.get_by_label("Right column").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Gamma").click();
    h.run();
    assert_eq!(h.state().session.columns, [0, 2]);
    h.get_by_label_contains("five hundred people");
    assert!(h.query_by_label_contains("fifty people").is_none());

    // The left picker does not offer Gamma, shown on the right.
    h.get_by_label("Left column").click();
    h.run();
    assert!(h.query_by_role_and_label(Role::Button, "Gamma").is_none());
    h.get_by_role_and_label(Role::Button, "Beta").click();
    h.run();
    assert_eq!(h.state().session.columns, [1, 2]);

    // Back to all: Swap has nothing to swap and goes.
    h.get_by_label("All subjects").click();
    h.run();
    assert!(h.query_by_label("Swap columns").is_none());
    h.get_by_label_contains("five people");
}

#[test]
fn choosing_the_other_columns_subject_swaps_them_never_shows_one_twice() {
    let data = tempfile::tempdir().unwrap();
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.apply(
        Nav::SetColumn {
            column: 0,
            subject: 1,
        }
        .into(),
    );
    assert_eq!(app.session.columns, [1, 0]);
    app.apply(
        Nav::SetColumn {
            column: 1,
            subject: 1,
        }
        .into(),
    );
    assert_eq!(app.session.columns, [0, 1]);
}

#[test]
fn six_subjects_scroll_sideways_and_are_headed_by_short_labels() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let subjects: Vec<String> = (0..6)
        .map(|i| format!("Subject(id: \"s{i}\", name: \"A much longer subject name, number {i}\", short: \"S{i}\")"))
        .collect();
    let sides: Vec<String> = (0..6).map(|i| format!("\"s{i}\": \"side {i}\"")).collect();
    let text = format!(
        "Comparison(title: \"Six\", subjects: [{}], dimensions: [Dimension(id: \"d\", title: \"D\", points: [Point(aspect: \"A\", sides: {{{}}})])])",
        subjects.join(", "),
        sides.join(", ")
    );
    let path = write_file(dir.path(), "six.ron", &text);
    // At 1024 px: at 1280 the notes fold and the sidebar narrows to give
    // six columns their room (issue 19), and nothing is left to scroll to.
    let mut h = common::harness_at(
        versus::VersusApp::open_at_start(Some(&path), data.path().to_owned()),
        egui::vec2(1024.0, 640.0),
    );
    h.run();
    assert_eq!(h.state().session.error, None);
    click_row(&mut h, "D");
    // Narrow columns: the short labels head them.
    h.get_by_label("S0");
    h.get_by_label("S1");
    // No column is squashed below the minimum width; the last ones are
    // past the pane's right edge, reached by scrolling sideways (only the
    // columns in view are laid out).
    let first = h.get_by_label("side 0").rect();
    let second = h.get_by_label("side 1").rect();
    assert!(
        second.left() - first.left() >= 140.0,
        "{first:?} {second:?}"
    );
    assert!(h.query_by_label("side 5").is_none());
    h.hover_at(first.center());
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-2000.0, 0.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let last = h.get_by_label("side 5").rect();
    let before = h.get_by_label("side 4").rect();
    assert!(last.left() - before.left() >= 140.0, "{before:?} {last:?}");
    // The aspect column stays at the left edge, and the short labels head
    // the columns in view.
    h.get_by_label("A");
    h.get_by_label("S5");
}

#[test]
fn a_broken_file_shows_its_error_and_keeps_what_was_open() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let broken = write_file(dir.path(), "broken.ron", TYPO);
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    // Open it the way a person would without a system dialog: Ctrl+O, type
    // the path, press Open.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_label("Path of the file (.ron):")
        .type_text(&broken.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run();

    let error = h.state().session.error.clone().expect("the error is shown");
    assert!(error.contains("broken.ron:2:5"), "{error}");
    assert!(error.contains("titel"), "{error}");
    h.get_by_label_contains("broken.ron:2:5");
    // What was open is still open, selection included.
    assert_eq!(
        h.state().session.comparison.title,
        "Project Management vs Technology Management"
    );
    assert_eq!(h.state().session.selected_dimension_id(), Some("scope"));

    // Fix the file and open it again: the error goes away.
    std::fs::write(&broken, THREE).unwrap();
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run();
    assert_eq!(h.state().session.error, None);
    assert_eq!(h.state().session.comparison.title, "Three teams");
}

#[test]
fn a_broken_file_at_start_keeps_the_built_in_comparison() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let broken = write_file(dir.path(), "b.ron", "\u{0}\u{1}garbage");
    let mut h = open(&broken, data.path());
    assert!(
        h.state()
            .session
            .error
            .as_deref()
            .unwrap()
            .contains("b.ron:1:1")
    );
    assert_eq!(h.state().session.comparison.dimensions.len(), 10);
    h.get_by_label("Dismiss").click();
    h.run();
    assert_eq!(h.state().session.error, None);
}

#[test]
fn ten_thousand_dimensions_stay_navigable() {
    let data = tempfile::tempdir().unwrap();
    let comparison = versus::model::Comparison {
        dimensions: (0..10_000)
            .map(|i| versus::model::Dimension {
                id: format!("d{i}"),
                title: format!("Dimension {i}"),
                summary: versus::model::SideMap::default(),
                points: Vec::new(),
                common: Vec::new(),
            })
            .collect(),
        ..versus::model::Comparison::built_in()
    };
    let mut app = VersusApp::new(
        comparison,
        versus::session::Source::BuiltIn,
        data.path().to_owned(),
    );
    app.apply(Nav::First.into());
    let mut h = started(app);
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.state().session.selected, Section::Conclusion);
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().session.selected, Section::Dimension(9_999));
    // The sidebar scrolled to the selection and lays out only what shows.
    h.get_all_by_label("Dimension 9999")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap();
    assert!(
        h.query_all_by_label_contains("Dimension 5000")
            .next()
            .is_none()
    );
}

#[test]
fn every_built_in_entry_renders_with_its_title() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    h.key_press(egui::Key::Home);
    h.run();
    let titles: Vec<String> = h
        .state()
        .session
        .comparison
        .dimensions
        .iter()
        .map(|d| d.title.clone())
        .collect();
    for title in &titles {
        h.key_press(egui::Key::ArrowDown);
        h.run();
        // The title is in the sidebar and as the pane's heading.
        assert_eq!(h.get_all_by_label(title).count(), 2, "{title}");
        assert_eq!(
            h.get_by_label(&format!("Note on {title}"))
                .value()
                .as_deref(),
            Some("")
        );
    }
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected, Section::Conclusion);
    h.get_by_label("Sources");
}

#[test]
fn f2_writes_a_note_without_the_mouse() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::F2);
    h.run();
    assert!(
        h.get_by_label("Note on Responsibilities and Objectives")
            .is_focused()
    );
    h.get_by_label("Note on Responsibilities and Objectives")
        .type_text("Open with this.");
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("scope"));
    assert_eq!(
        h.state().session.notes().text("responsibilities"),
        "Open with this."
    );
}

#[test]
fn fast_typing_around_f2_and_escape_loses_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    // One frame: Down, F2, then "s1" typed: text, not star/highlight.
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::F2);
    h.key_press(egui::Key::S);
    h.event(egui::Event::Text("s".to_owned()));
    h.key_press(egui::Key::Num1);
    h.event(egui::Event::Text("1".to_owned()));
    h.run();
    // Later typing goes after what was typed in the F2 frame.
    h.event(egui::Event::Text(" more".to_owned()));
    h.run();
    // Text and Escape in one frame: the text lands, then the note is left.
    h.event(egui::Event::Text(" end".to_owned()));
    h.key_press(egui::Key::Escape);
    h.run();
    let notes = h.state().session.notes();
    assert_eq!(notes.text("responsibilities"), "s1 more end");
    assert!(!notes.is_starred("responsibilities"));
    assert!(notes.get("responsibilities").unwrap().highlights.is_empty());
    // Focus is back on the sidebar: Down moves.
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("scope"));
}

#[test]
fn saving_the_content_in_an_editor_reloads_it() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "three.ron", THREE);
    let mut h = open(&path, data.path());
    click_row(&mut h, "Size");
    // The author fixes a typo and saves.
    std::fs::write(&path, THREE.replace("fifty people", "fifty-one people")).unwrap();
    step_until(&mut h, 3, |app| app.session.message.is_some());
    h.get_by_label_contains("fifty-one people");
    h.get_by_label_contains("Reloaded");
    assert_eq!(
        h.state().session.selected,
        Section::Dimension(0),
        "selection kept"
    );
    // A save that breaks the file shows the error and keeps what was shown.
    std::fs::write(&path, "Comparison(\n  title: ").unwrap();
    step_until(&mut h, 3, |app| app.session.error.is_some());
    h.get_by_label_contains("three.ron:2:");
    h.get_by_label_contains("fifty-one people");
}

#[test]
fn the_path_field_takes_the_keyboard_when_the_dialog_opens() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.run();
    assert!(
        h.get_by_label("Path of the file (.ron):")
            .accesskit_node()
            .is_focused()
    );
}

#[test]
fn a_failed_load_clears_a_passing_message() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let broken = write_file(dir.path(), "broken.ron", TYPO);
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.session.message = Some("Reloaded x (changed on disk)".to_owned());
    app.apply(versus::session::command::FileCmd::Open(broken).into());
    assert!(app.session.error.is_some());
    assert_eq!(app.session.message, None);
}

/// The plain text a content string shows (its inline markup dropped).
fn plain(text: &str) -> String {
    versus::model::parse_inline(text)
        .into_iter()
        .map(|span| span.text)
        .collect()
}

#[test]
fn every_row_keeps_its_cells_in_their_columns_at_every_size() {
    // A long aspect once pushed its row's cells to the right, out of line
    // with the rows above and past the pane's edge.
    for (name, c) in common::content_files() {
        for size in [
            egui::vec2(1024.0, 640.0),
            egui::vec2(1280.0, 800.0),
            egui::vec2(1920.0, 1080.0),
        ] {
            let data = tempfile::tempdir().unwrap();
            let app = VersusApp::new(
                c.clone(),
                versus::session::Source::BuiltIn,
                data.path().to_owned(),
            );
            let mut h = common::harness_at(app, size);
            h.run();
            for (i, d) in c.dimensions.iter().enumerate() {
                h.state_mut()
                    .apply(Nav::Select(Section::Dimension(i)).into());
                h.run();
                let first = h.state().session.shown_subjects()[0];
                let id = &c.subjects[first].id;
                // Only the rows in view are laid out: scroll down through
                // the pane, a few rows at a time, checking each row met.
                let mut lefts = Vec::new();
                let mut met = std::collections::HashSet::new();
                for _ in 0..60 {
                    check_rows(&mut h, &name, size, d, id, &mut met, &mut lefts);
                    if met.len() == d.points.len() {
                        break;
                    }
                    let pane = h
                        .get_all_by_label(&d.title)
                        .find(|n| n.accesskit_node().role() != Role::Button)
                        .unwrap()
                        .rect();
                    h.hover_at(pane.center() + egui::vec2(0.0, 120.0));
                    h.event(egui::Event::MouseWheel {
                        unit: egui::MouseWheelUnit::Point,
                        delta: egui::vec2(0.0, -150.0),
                        phase: egui::TouchPhase::Move,
                        source: egui::MouseWheelSource::Unknown,
                        modifiers: egui::Modifiers::NONE,
                    });
                    h.run();
                }
                if let Some((_, x)) = lefts.first() {
                    for (aspect, left) in &lefts {
                        assert!(
                            (left - x).abs() < 1.0,
                            "{name} at {size:?}, {}: the cell of {aspect:?} starts at {left}, the first at {x}",
                            d.id
                        );
                    }
                }
                assert!(
                    d.points.len() < 2 || lefts.len() >= 2,
                    "{name}, {}: the rows' cells were found",
                    d.id
                );
            }
        }
    }
}

#[test]
fn a_comparison_without_an_intro_has_its_whole_comparison_row() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // No intro and no conclusion.
    let path = write_file(dir.path(), "three.ron", THREE);
    let mut h = open(&path, data.path());
    click_row(&mut h, "Size");
    click_row(&mut h, "Introduction");
    assert_eq!(h.state().session.selected, Section::Intro);
    common::type_note(&mut h, "the whole comparison", "Frame it as a choice.");
    assert_eq!(h.state().session.notes().overall, "Frame it as a choice.");
    h.key_press(egui::Key::Escape);
    h.run();
    // The talk's length, typed into its field.
    h.get_by_label("Talk length").click();
    h.run();
    h.get_by_label("Talk length").type_text("12");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().session.notes().talk.minutes, 12);
    // Both are in the notes file.
    step_until(&mut h, 20, |app| {
        app.session.notes_file.status == versus::notes::file::Status::Saved
    });
    let saved = std::fs::read_to_string(&h.state().session.notes_file.path).unwrap();
    assert!(saved.contains("Frame it as a choice."), "{saved}");
    assert!(saved.contains("minutes: 12"), "{saved}");
}

#[test]
fn a_reload_keeps_the_selected_row_of_every_kind() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "c.ron", versus::model::BUILT_IN_RON);
    let mut h = open(&path, data.path());
    for row in ["Conclusion", "Scope", "Introduction"] {
        click_row(&mut h, row);
        let section = h.state().session.selected;
        // Ctrl+R, as a person reloads.
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
        h.run();
        assert_eq!(h.state().session.selected, section, "{row} after a reload");
    }
    assert!(matches!(h.state().session.selected, Section::Intro));
    click_row(&mut h, "Conclusion");
    assert_eq!(h.state().session.selected, Section::Conclusion);
    // A reload that takes the conclusion away falls back to the first row.
    let mut c = versus::model::Comparison::load(&path).unwrap().comparison;
    c.conclusion.clear();
    c.sources.clear();
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    std::fs::write(&path, ron::ser::to_string_pretty(&c, config).unwrap()).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    h.run();
    assert_eq!(h.state().session.error, None);
    assert_eq!(h.state().session.selected, Section::Intro);
}

/// Checks each row of `d` in view not met before: its aspect ends left of
/// its first cell; records where that cell starts.
fn check_rows(
    h: &mut egui_kittest::Harness<'static, VersusApp>,
    name: &str,
    size: egui::Vec2,
    d: &versus::model::Dimension,
    id: &str,
    met: &mut std::collections::HashSet<String>,
    lefts: &mut Vec<(String, f32)>,
) {
    for p in &d.points {
        if met.contains(&p.aspect) {
            continue;
        }
        let Some(text) = p
            .sides
            .0
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, t)| plain(t))
        else {
            met.insert(p.aspect.clone());
            continue;
        };
        let Some(cell) = h
            .query_all_by_value(&text)
            .find(|n| n.accesskit_node().role() == Role::Label)
        else {
            continue;
        };
        let cell = cell.rect();
        let aspect = h
            .query_all_by_label(&p.aspect)
            .filter(|n| n.accesskit_node().role() == Role::Button)
            .map(|n| n.rect())
            .find(|r| (r.top() - cell.top()).abs() < 12.0)
            .unwrap_or_else(|| panic!("{name}: no aspect {:?}", p.aspect));
        assert!(
            aspect.right() <= cell.left(),
            "{name} at {size:?}, {}: aspect {:?} ({aspect:?}) runs into its cell at {cell:?}",
            d.id,
            p.aspect
        );
        met.insert(p.aspect.clone());
        lefts.push((p.aspect.clone(), cell.left()));
    }
}

/// A watcher that cannot start is said once, in the status line, and not
/// tried again every frame.
#[test]
fn a_watcher_that_cannot_start_is_said_once() {
    let data = tempfile::tempdir().unwrap();
    let gone = data.path().join("no-such-folder").join("talk.ron");
    let app = VersusApp::new(
        versus::model::Comparison::built_in(),
        versus::session::Source::File(gone),
        data.path().to_owned(),
    );
    let mut h = started(app);
    let said = h.state().session.message.clone().unwrap_or_default();
    assert!(said.contains("will not be noticed"), "{said}");
    h.get_by_label_contains("will not be noticed");
    h.state_mut().session.message = None;
    h.run();
    h.run();
    assert_eq!(
        h.state().session.message,
        None,
        "not tried (and said) again"
    );
}
