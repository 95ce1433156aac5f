//! Everything by keyboard (issue 19): Esc leaves the overview and the
//! palette opens what it names; V and W then a number give the selected
//! dimension its verdict and its weight; the status bar's warnings open a
//! list to copy from; the F1 window keeps its keys in one column, clear of
//! its edges.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, content_in_tempdir, harness_at, open, open_built_in, type_note};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::notes::Verdict;
use versus::session::Section;
use versus::ui::actions::{ACTIONS, keys_text};

type H = Harness<'static, VersusApp>;

fn ctrl_shift(h: &mut H, key: egui::Key) {
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, key);
    h.run();
}

fn press(h: &mut H, key: egui::Key) {
    h.key_press(key);
    h.run();
}

/// Whether some label in the window reads `text` exactly.
fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label(text).next().is_some() || h.query_all_by_value(text).next().is_some()
}

#[test]
fn esc_closes_the_overview_after_what_lies_over_it() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    ctrl_shift(&mut h, egui::Key::O);
    assert!(h.state().shown.overview);
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().shown.overview, "Esc closes the overview");

    // A search and the overview: the overview goes first, then the search.
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("risk");
    h.run();
    h.state_mut().shown.overview = true;
    h.run();
    // Leave the search field, as a click elsewhere would.
    h.ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    h.run();
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().shown.overview);
    assert_eq!(h.state().session.finder.text, "risk", "the search stays");
    press(&mut h, egui::Key::Escape);
    assert_eq!(h.state().session.finder.text, "", "the next Esc clears it");

    // The palette over the overview takes the first Esc.
    ctrl_shift(&mut h, egui::Key::O);
    ctrl_shift(&mut h, egui::Key::P);
    assert!(h.state().palette.open);
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().palette.open);
    assert!(
        h.state().shown.overview,
        "the palette closed, not the overview"
    );
    // So does the F1 window.
    press(&mut h, egui::Key::F1);
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().shown.shortcuts);
    assert!(h.state().shown.overview);
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().shown.overview);
}

#[test]
fn a_dimension_chosen_in_the_palette_closes_the_overview() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    ctrl_shift(&mut h, egui::Key::O);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    h.get_by_label("Command").type_text("go to riskmgmt");
    h.run();
    press(&mut h, egui::Key::Enter);
    assert!(!h.state().palette.open);
    assert!(
        !h.state().shown.overview,
        "the dimension is shown, not the overview"
    );
    assert_eq!(h.state().session.selected_dimension_id(), Some("risk"));
    // Its page is on the screen: the notes panel names it.
    assert!(h.query_by_label("Note on Risk Management").is_some());
}

#[test]
fn presenting_keeps_its_esc() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    ctrl_shift(&mut h, egui::Key::O);
    press(&mut h, egui::Key::F5);
    assert!(h.state().session.presenting.is_some());
    press(&mut h, egui::Key::Escape);
    assert!(
        h.state().session.presenting.is_none(),
        "Esc stops presenting"
    );
}

fn verdict(h: &H, id: &str) -> Option<Verdict> {
    h.state()
        .session
        .notes()
        .get(id)
        .and_then(|n| n.verdict.clone())
}

fn weight(h: &H, id: &str) -> u8 {
    h.state()
        .session
        .notes()
        .get(id)
        .map_or(1, versus::notes::DimensionNotes::weight)
}

#[test]
fn v_then_a_number_sets_the_verdict_and_w_the_weight_with_undo() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Risk Management");
    press(&mut h, egui::Key::V);
    // The status bar says what the V waits for.
    assert!(
        h.query_all_by_label_contains("V… press a subject's number (1–2)")
            .next()
            .is_some(),
        "the status bar tells what V waits for"
    );
    press(&mut h, egui::Key::Num2);
    assert_eq!(verdict(&h, "risk"), Some(Verdict::Subject("tm".to_owned())));
    assert!(
        h.query_all_by_label_contains("V… press").next().is_none(),
        "the hint goes once the number is pressed"
    );
    // The 2 completed the V: no row was highlighted.
    assert!(
        h.state()
            .session
            .notes()
            .get("risk")
            .is_none_or(|n| n.highlights.is_empty())
    );
    press(&mut h, egui::Key::V);
    press(&mut h, egui::Key::E);
    assert_eq!(verdict(&h, "risk"), Some(Verdict::Even));
    // Undo walks back one verdict at a time, as after the dropdown.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(verdict(&h, "risk"), Some(Verdict::Subject("tm".to_owned())));
    press(&mut h, egui::Key::V);
    press(&mut h, egui::Key::Num0);
    assert_eq!(verdict(&h, "risk"), None, "V then 0 clears it");

    press(&mut h, egui::Key::W);
    assert!(
        h.query_all_by_label_contains("W… press a weight (0–3)")
            .next()
            .is_some()
    );
    press(&mut h, egui::Key::Num3);
    assert_eq!(weight(&h, "risk"), 3);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(weight(&h, "risk"), 1);

    // Esc cancels a waiting W, and nothing else happens.
    press(&mut h, egui::Key::W);
    press(&mut h, egui::Key::Escape);
    assert!(h.query_all_by_label_contains("W… press").next().is_none());
    press(&mut h, egui::Key::Num0);
    assert_eq!(weight(&h, "risk"), 1, "the 0 after Esc is no weight");

    // The selection never moved: every key acted on Risk Management.
    press(&mut h, egui::Key::V);
    press(&mut h, egui::Key::Num1);
    assert_eq!(verdict(&h, "risk"), Some(Verdict::Subject("pm".to_owned())));
    let risk = h.state().session.dimension_index("risk").unwrap();
    assert_eq!(h.state().session.selected, Section::Dimension(risk));
}

#[test]
fn the_keys_do_not_fire_while_typing_a_note() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Risk Management");
    type_note(&mut h, "Risk Management", "v1 w3");
    assert_eq!(verdict(&h, "risk"), None);
    assert_eq!(weight(&h, "risk"), 1);
    assert_eq!(h.state().session.notes().get("risk").unwrap().text, "v1 w3");
}

#[test]
fn the_palette_and_f1_name_each_subjects_verdict() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Risk Management");
    ctrl_shift(&mut h, egui::Key::P);
    h.get_by_label("Command")
        .type_text("set verdict technology");
    h.run();
    assert!(shows(&h, "Talk: Set verdict: Technology Management"));
    assert!(h.query_by_label("Talk: Set verdict: subject 3").is_none());
    press(&mut h, egui::Key::Enter);
    assert_eq!(verdict(&h, "risk"), Some(Verdict::Subject("tm".to_owned())));
    ctrl_shift(&mut h, egui::Key::P);
    h.get_by_label("Command").type_text("set weight: 0");
    h.run();
    press(&mut h, egui::Key::Enter);
    assert_eq!(weight(&h, "risk"), 0);

    press(&mut h, egui::Key::F1);
    for (label, keys) in [
        ("Set verdict: Project Management", "V then 1"),
        ("Set verdict: Technology Management", "V then 2"),
        ("Set verdict: even", "V then E"),
        ("Clear the verdict", "V then 0"),
        ("Set weight: 3", "W then 3"),
    ] {
        assert!(shows(&h, label), "{label} in F1");
        assert!(shows(&h, keys), "{keys} in F1");
    }
    assert!(!shows(&h, "V then 3"), "no third subject here");
}

/// A comparison of three subjects with three warnings, on disk.
const THREE_WARNINGS: &str = r#"Comparison(
    title: "Where to keep the orders",
    intro: "Three ways to store orders.",
    subjects: [
        Subject(id: "sql", name: "Relational database", short: "SQL"),
        Subject(id: "doc", name: "Document store", short: "Docs"),
        Subject(id: "graph", name: "Graph database", short: "Graph"),
    ],
    dimensions: [
        Dimension(
            id: "schema",
            title: "Schema changes",
            summary: {
                "sql": "Migrations are explicit.",
                "doc": "Documents carry their own shape.",
                "graph": "Labels arrive with the data.",
            },
            points: [
                Point(aspect: "Renaming", sides: {
                    "sql": "One migration",
                    "doc": "Backfill job",
                }),
            ],
        ),
        Dimension(
            id: "queries",
            title: "Reporting queries",
            summary: {
                "sql": "Joins answer most questions.",
                "doc": "Pipelines work inside one collection.",
            },
            points: [
                Point(aspect: "Also bought", sides: {
                    "sql": "Self-join",
                    "graph": "Two hops",
                }),
            ],
        ),
    ],
    conclusion: "The relational database.",
    sources: [],
)
"#;

/// What the last frame put on the clipboard, if anything.
fn copied(h: &H) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn the_warnings_in_the_status_bar_open_a_list_to_copy_from() {
    let (_dir, path, data) = content_in_tempdir("orders.ron", THREE_WARNINGS);
    let mut h = open(&path, data.path());
    let warnings = h.state().session.warnings.clone();
    assert_eq!(warnings.len(), 3);
    h.get_by_role_and_label(Role::Button, "3 warnings").click();
    h.run();
    assert!(h.state().shown.warnings, "the button opens the list");
    let window = h.get_by_role_and_label(Role::Window, "Warnings").rect();
    let margin = f32::from(h.ctx.global_style().spacing.window_margin.right);
    for w in &warnings {
        let r = h.get_by_role_and_label(Role::Label, &w.message).rect();
        assert!(
            r.left() >= window.left() + margin - 0.5 && r.right() <= window.right() - margin + 0.5,
            "{} runs past the window: {r:?} in {window:?}",
            w.message
        );
        let position = w.position.to_string();
        assert!(
            h.query_all_by_label_contains(&position).next().is_some(),
            "{position} is shown"
        );
        assert!(shows(&h, &w.message), "{}", w.message);
    }
    let line = |w: &versus::model::Diagnostic| format!("{}:{w}", path.display());
    // The second warning's Copy puts it on the clipboard as `versus
    // validate` prints it.
    h.get_all_by_role_and_label(Role::Button, "Copy")
        .nth(1)
        .unwrap()
        .click();
    h.step();
    assert_eq!(copied(&h), Some(line(&warnings[1])));
    assert!(
        copied(&h)
            .unwrap()
            .contains(&format!(":{}: warning: ", warnings[1].position))
    );
    h.run();
    h.get_by_role_and_label(Role::Button, "Copy all").click();
    h.step();
    let all: Vec<String> = warnings.iter().map(line).collect();
    assert_eq!(copied(&h), Some(all.join("\n")));
    h.run();
    // The keys that act on the comparison wait while the list is open: Esc
    // closes it and does nothing else.
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().shown.warnings, "Esc closes the list");
    assert!(h.query_by_label("Warnings").is_none());
    // The file fixed and reloaded while the list is open: it closes.
    h.get_by_role_and_label(Role::Button, "3 warnings").click();
    h.run();
    std::fs::write(&path, versus::model::BUILT_IN_RON).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    h.run();
    assert!(h.state().session.warnings.is_empty());
    assert!(!h.state().shown.warnings, "nothing left to list");
    assert!(h.query_by_label("Warnings").is_none());
}

#[test]
fn every_listed_warning_is_in_the_window_when_there_are_many() {
    // 25 points without their graph side: the model lists 20 and counts
    // the rest in one more line; the window shows every line it has.
    let points = (0..25)
        .map(|i| format!(r#"Point(aspect: "A{i}", sides: {{ "sql": "x", "doc": "y" }}),"#))
        .collect::<Vec<_>>()
        .concat();
    let renaming = THREE_WARNINGS.find(r#"Point(aspect: "Renaming""#).unwrap();
    let many = format!(
        "{}{}{}",
        &THREE_WARNINGS[..renaming],
        points,
        &THREE_WARNINGS[renaming..]
    );
    let (_dir, path, data) = content_in_tempdir("many.ron", &many);
    let mut h = open(&path, data.path());
    let count = h.state().session.warning_count;
    let listed = h.state().session.warnings.clone();
    assert!(
        count > listed.len(),
        "{count} warnings, {} listed; {:?}",
        listed.len(),
        h.state().session.error
    );
    h.get_by_role_and_label(Role::Button, &format!("{count} warnings"))
        .click();
    h.run();
    for w in &listed {
        assert!(shows(&h, &w.message), "{}", w.message);
    }
    assert_eq!(
        h.get_all_by_role_and_label(Role::Button, "Copy").count(),
        listed.len()
    );
}

/// The F1 window at 1024×640 (three subjects with long names), at
/// 1280×800 and at 1280×800 zoomed to 150 %: one column of actions and one
/// of keys in every section, every text inside the window's margins and
/// clear of its scroll bar.
#[test]
fn f1_keeps_its_keys_in_one_column_inside_the_window() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/long-names.ron");
    for (file, size, zoom) in [
        (Some(fixture.as_path()), egui::vec2(1024.0, 640.0), 1.0),
        (None, egui::vec2(1280.0, 800.0), 1.0),
        (Some(fixture.as_path()), egui::vec2(1280.0, 800.0), 1.5),
    ] {
        f1_in(file, size, zoom);
    }
}

fn f1_in(file: Option<&std::path::Path>, size: egui::Vec2, zoom: f32) {
    let data = tempfile::tempdir().unwrap();
    let app = VersusApp::open_at_start(file, data.path().to_owned());
    let mut h = harness_at(app, size);
    h.ctx.set_zoom_factor(zoom);
    h.run();
    press(&mut h, egui::Key::F1);
    let window = h
        .get_by_role_and_label(Role::Window, "Keyboard shortcuts")
        .rect();
    let style = h.ctx.global_style();
    // Points, as the accessibility tree gives the rectangles.
    let margin = f32::from(style.spacing.window_margin.right);
    let bar = style.spacing.scroll.bar_width + style.spacing.scroll.bar_inner_margin;
    let comparison = h.state().session.comparison.clone();
    let mut key_lefts = Vec::new();
    let mut label_lefts = Vec::new();
    for action in ACTIONS.iter().filter(|a| !a.keys.is_empty()) {
        let Some(label) = action.label_in(&comparison) else {
            continue;
        };
        let keys = keys_text(&h.ctx, action);
        let key_rect = h
            .get_all_by_role_and_label(Role::Label, &keys)
            .map(|n| n.rect())
            .find(|r| r.left() >= window.left() && r.right() <= window.right() + 1.0)
            .unwrap_or_else(|| panic!("{keys} in the F1 window"));
        let label_rect = h
            .get_all_by_role_and_label(Role::Label, &label)
            .map(|n| n.rect())
            .find(|r| r.left() >= window.left() && r.right() <= window.right() + 1.0)
            .unwrap_or_else(|| panic!("{label} in the F1 window"));
        for (text, r) in [(&keys, key_rect), (&label, label_rect)] {
            assert!(
                r.left() >= window.left() + margin - 0.5,
                "{text} touches the window's left edge: {r:?} in {window:?}"
            );
            assert!(
                r.right() <= window.right() - margin - bar + 0.5,
                "{text} reaches the scroll bar or the window's edge: {r:?} in {window:?}"
            );
        }
        key_lefts.push((keys, key_rect.left()));
        label_lefts.push((label, label_rect.left()));
    }
    // The line under the keys, the widest text, keeps clear of the edge
    // too.
    let footer = h
        .get_by_role_and_label(Role::Label, versus::ui::palette::SHORTCUTS_FOOTER)
        .rect();
    assert!(
        footer.left() >= window.left() + margin - 0.5
            && footer.right() <= window.right() - margin - bar + 0.5,
        "the last line touches the edge: {footer:?} in {window:?}"
    );
    for lefts in [&key_lefts, &label_lefts] {
        let (first, x) = &lefts[0];
        for (text, other) in lefts {
            assert!(
                (other - x).abs() < 0.5,
                "{text} starts at {other}, {first} at {x}: the columns do not line up"
            );
        }
    }
}
