//! Annotating as a person would, and finding everything back after a
//! restart; broken, changed and orphaned notes files.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, open, open_built_in, step_until, type_note};

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use versus::VersusApp;
use versus::notes::Notes;
use versus::notes::file::Status;
use versus::session::Section;

/// The copy kept beside a notes file whose name starts with `prefix`.
fn kept_copy(dir: &Path, prefix: &str) -> Option<PathBuf> {
    common::files_starting(dir, prefix).into_iter().next()
}

/// What closing the window does: the app's exit path.
fn close(mut h: Harness<'static, VersusApp>) {
    h.state_mut().flush_on_exit();
}

const CONTENT: &str = r#"Comparison(
    title: "Teams",
    intro: "Two teams.",
    subjects: [(id: "a", name: "Alpha"), (id: "b", name: "Beta")],
    dimensions: [
        (id: "size", title: "Size", points: [
            (aspect: "People", sides: {"a": "five", "b": "fifty"}),
            (aspect: "Offices", sides: {"a": "one", "b": "three"}),
        ]),
        (id: "cost", title: "Cost", points: [
            (aspect: "Budget", sides: {"a": "small", "b": "large"}),
        ]),
    ],
)"#;

/// A content file in a fresh folder, and a separate data folder.
fn content_in_tempdir() -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
    common::content_in_tempdir("teams.ron", CONTENT)
}

#[test]
fn note_star_and_highlight_survive_a_restart() {
    let (dir, content, data) = content_in_tempdir();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    h.get_by_label("Note on Size").click();
    h.run();
    h.get_by_label("Note on Size")
        .type_text("Lead with **size**.");
    h.run();
    h.get_by_label("Star").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Offices").click();
    h.run();
    h.get_by_label("1 of 2 annotated");
    close(h);

    let sidecar = dir.path().join("teams.notes.ron");
    assert!(sidecar.exists(), "notes sit beside the content");
    let mut h = open(&content, data.path());
    h.get_by_label("1 of 2 annotated");
    click_row(&mut h, "Size");
    assert_eq!(
        h.get_by_label("Note on Size").value().as_deref(),
        Some("Lead with **size**.")
    );
    h.get_by_label("Starred");
    let notes = h.state().session.notes();
    assert!(notes.is_starred("size"));
    assert!(notes.is_highlighted("size", "Offices"));
    assert!(!notes.is_highlighted("size", "People"));
}

#[test]
fn the_whole_comparison_can_be_annotated_from_the_keyboard() {
    let (_dir, content, data) = content_in_tempdir();
    let mut h = open(&content, data.path());
    // Down to "Size", star it, highlight row 2, write a note, leave, next.
    for key in [
        egui::Key::ArrowDown,
        egui::Key::S,
        egui::Key::Num2,
        egui::Key::F2,
    ] {
        h.key_press(key);
    }
    h.event(egui::Event::Text("Size first.".to_owned()));
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::Enter);
    h.event(egui::Event::Text("Then cost.".to_owned()));
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Home);
    h.key_press(egui::Key::F2);
    h.event(egui::Event::Text("The talk: teams.".to_owned()));
    h.run();
    let notes = h.state().session.notes().clone();
    assert_eq!(notes.text("size"), "Size first.");
    assert!(notes.is_starred("size"));
    assert!(notes.is_highlighted("size", "Offices"));
    assert_eq!(notes.text("cost"), "Then cost.");
    assert_eq!(notes.overall, "The talk: teams.");
    h.get_by_label("2 of 2 annotated");
}

#[test]
fn undo_and_redo_in_a_note() {
    let (_dir, content, data) = content_in_tempdir();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", "First.");
    // Let egui's undo history settle the first edit as one step.
    for _ in 0..3 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(350));
    }
    h.get_by_label("Note on Size").type_text(" Second.");
    h.run();
    assert_eq!(h.state().session.notes().text("size"), "First. Second.");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let undone = h.state().session.notes().text("size").to_owned();
    assert_ne!(undone, "First. Second.", "Ctrl+Z undid something");
    assert!("First. Second.".starts_with(&undone), "{undone}");
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(h.state().session.notes().text("size"), "First. Second.");
}

#[test]
fn autosave_writes_within_two_seconds_without_closing() {
    let (dir, content, data) = content_in_tempdir();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Cost");
    type_note(&mut h, "Cost", "Autosaved?");
    let sidecar = dir.path().join("teams.notes.ron");
    let start = std::time::Instant::now();
    let saved = loop {
        h.step();
        if let Ok(bytes) = std::fs::read(&sidecar) {
            let notes = Notes::from_ron(&bytes, &sidecar).unwrap();
            if notes.text("cost") == "Autosaved?" {
                break start.elapsed();
            }
        }
        assert!(start.elapsed().as_secs() < 4, "not saved in time");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(saved.as_millis() < 2000, "saved after {saved:?}");
    // The file can be read a moment before the writer's reply reaches the
    // window: let the window take it in, then it says so.
    step_until(&mut h, 4, |app| {
        app.session.notes_file.status == Status::Saved
    });
    h.get_by_label_contains("Notes: Saved");
    // The file is what the notes serialise to, byte for byte.
    let bytes = std::fs::read_to_string(&sidecar).unwrap();
    assert_eq!(bytes, h.state().session.notes().to_ron());
}

#[test]
fn built_in_notes_live_in_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    type_note(&mut h, "Scope", "Built-in note.");
    let path = data.path().join("built-in.notes.ron");
    // The window says where the notes are.
    h.get_by_label(&path.display().to_string());
    close(h);
    let notes = common::notes_at(&path);
    assert_eq!(notes.text("scope"), "Built-in note.");
}

#[test]
fn notes_on_missing_dimensions_are_listed_and_kept() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    std::fs::write(
        &sidecar,
        r#"Notes(comparison: "Teams", overall: "", dimensions: {
            "ghost": DimensionNotes(text: "Written before the rename.", starred: true, highlights: []),
            "size": DimensionNotes(text: "Kept.", starred: false, highlights: []),
        })"#,
    )
    .unwrap();
    let mut h = open(&content, data.path());
    // The orphans are listed with the note on the whole comparison.
    h.key_press(egui::Key::End);
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().session.selected, Section::Intro);
    h.get_by_label("Notes on missing dimensions (1)");
    h.get_by_label("Written before the rename.");
    // An edit and a save keep the orphan in the file.
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", " More.");
    close(h);
    let notes = common::notes_at(&sidecar);
    assert_eq!(notes.text("ghost"), "Written before the rename.");
    assert!(notes.is_starred("ghost"));
    assert_eq!(notes.text("size"), "Kept. More.");
}

#[test]
fn a_broken_notes_file_is_never_overwritten() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    let broken = "Notes(comparison: \"Teams\", overall: \"unterminated)\n";
    std::fs::write(&sidecar, broken).unwrap();
    let mut h = open(&content, data.path());
    assert!(matches!(
        h.state().session.notes_file.status,
        Status::Broken(_)
    ));
    h.get_by_label("The notes file cannot be read");
    h.get_by_label_contains("teams.notes.ron:1:");
    // Typing is allowed, but nothing is written over the broken file…
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", "Not lost.");
    std::thread::sleep(std::time::Duration::from_millis(1800));
    h.run();
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), broken);
    // …until the person agrees to move it aside.
    h.get_by_label("Move it aside and start fresh").click();
    // The save that follows wakes the window from the writer thread.
    step_until(&mut h, 10, |app| {
        app.session.notes_file.status == Status::Saved
    });
    close(h);
    let moved: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("teams.notes.ron.broken-"))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&moved[0])).unwrap(),
        broken
    );
    let notes = common::notes_at(&sidecar);
    assert_eq!(notes.text("size"), "Not lost.");
}

#[test]
fn a_broken_notes_file_left_alone_still_keeps_new_notes_aside() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    std::fs::write(&sidecar, "garbage").unwrap();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", "Safe somewhere.");
    close(h);
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), "garbage");
    let aside = kept_copy(dir.path(), "teams.notes.ron.unsaved-")
        .expect("unsaved notes kept beside the broken file");
    let notes = common::notes_at(&aside);
    assert_eq!(notes.text("size"), "Safe somewhere.");
}

#[test]
fn a_notes_file_changed_on_disk_is_not_clobbered() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", "Mine.");
    h.state_mut().flush_notes();
    // Another program (a sync tool) writes the file.
    let theirs = "Notes(comparison: \"Teams\", overall: \"Theirs.\", dimensions: {})\n";
    std::fs::write(&sidecar, theirs).unwrap();
    h.get_by_label("Note on Size").type_text(" And more.");
    h.run();
    step_until(&mut h, 4, |app| {
        matches!(app.session.notes_file.status, Status::Conflict)
    });
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), theirs);
    h.get_by_label("The notes file changed on disk");
    h.get_by_label("Keep mine").click();
    h.run();
    let notes = common::notes_at(&sidecar);
    assert_eq!(notes.text("size"), "Mine. And more.");
    let kept = kept_copy(dir.path(), "teams.notes.ron.theirs-").expect("their version is kept");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), theirs);
}

#[test]
fn reload_theirs_keeps_mine_aside() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", "Mine.");
    h.state_mut().flush_notes();
    std::fs::write(
        &sidecar,
        "Notes(comparison: \"Teams\", dimensions: {\"size\": DimensionNotes(text: \"Theirs.\")})\n",
    )
    .unwrap();
    h.get_by_label("Note on Size").type_text(" Again.");
    h.run();
    h.state_mut().flush_notes();
    assert!(matches!(
        h.state().session.notes_file.status,
        Status::Conflict
    ));
    h.run();
    h.get_by_label("Reload from disk").click();
    h.run();
    assert_eq!(h.state().session.notes().text("size"), "Theirs.");
    let mine = kept_copy(dir.path(), "teams.notes.ron.mine-").expect("my version is kept");
    let kept = common::notes_at(&mine);
    assert_eq!(kept.text("size"), "Mine. Again.");
}

#[test]
fn save_notes_as_through_the_path_field() {
    let (dir, content, data) = content_in_tempdir();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    type_note(&mut h, "Size", "Elsewhere.");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Save notes as…").click();
    h.run();
    let target = dir.path().join("talk").join("my-notes.ron");
    // The field starts with the current notes file; replace it.
    common::replace_text(
        &mut h,
        "Path of the file (.ron):",
        &target.display().to_string(),
    );
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    assert_eq!(h.state().session.notes_file.path, target);
    let notes = common::notes_at(&target);
    assert_eq!(notes.text("size"), "Elsewhere.");
    h.get_by_label_contains("Notes saved to");
}

#[test]
fn orphaned_notes_can_be_attached_to_a_renamed_dimension_or_deleted_when_asked_twice() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    std::fs::write(
        &sidecar,
        r#"Notes(comparison: "Teams", overall: "", dimensions: {
            "sise": DimensionNotes(text: "Written before the rename.", starred: true, highlights: []),
            "unwanted": DimensionNotes(text: "No longer wanted.", starred: false, highlights: []),
        })"#,
    )
    .unwrap();
    let mut h = open(&content, data.path());
    h.key_press(egui::Key::Home);
    h.run();
    h.get_by_label("Notes on missing dimensions (2)");
    // Attach "sise" to Size: the first "Attach to…" is the first orphan's.
    h.get_all_by_label("Attach to a dimension")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_all_by_label("Size")
        .rfind(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap()
        .click();
    h.run();
    assert_eq!(
        h.state().session.notes().text("size"),
        "Written before the rename."
    );
    assert!(h.state().session.notes().is_starred("size"));
    assert!(h.state().session.notes().get("sise").is_none());
    h.get_by_label("Notes on missing dimensions (1)");
    // Delete asks once more.
    h.get_by_label("Delete…").click();
    h.run();
    assert!(h.state().session.notes().get("unwanted").is_some());
    h.get_by_label("Delete: sure?").click();
    h.run();
    assert!(h.state().session.notes().get("unwanted").is_none());
    assert!(
        h.query_by_label_contains("Notes on missing dimensions")
            .is_none()
    );
    close(h);
    let notes = common::notes_at(&sidecar);
    assert_eq!(notes.text("size"), "Written before the rename.");
    assert!(notes.get("unwanted").is_none());
}

#[test]
fn a_notes_file_edited_outside_versus_is_taken_in_when_nothing_is_unsaved() {
    let (dir, content, data) = content_in_tempdir();
    let sidecar = dir.path().join("teams.notes.ron");
    std::fs::write(
        &sidecar,
        r#"Notes(comparison: "Teams", overall: "", dimensions: {"size": DimensionNotes(text: "First.", starred: false, highlights: [])})"#,
    )
    .unwrap();
    let mut h = open(&content, data.path());
    assert_eq!(h.state().session.notes().text("size"), "First.");
    // Another editor (or a synced copy) writes the file: nothing is unsaved
    // here, so their version is taken in, at once and without a question.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let theirs = r#"Notes(comparison: "Teams", overall: "", dimensions: {"size": DimensionNotes(text: "Edited elsewhere.", starred: true, highlights: [])})"#;
    std::fs::write(&sidecar, theirs).unwrap();
    step_until(&mut h, 20, |app| {
        app.session.notes().text("size") == "Edited elsewhere."
    });
    assert!(h.state().session.notes().is_starred("size"));
    assert_eq!(h.state().session.notes_file.status, Status::Saved);
    h.get_by_label_contains("Notes reloaded: the file changed on disk");
    // No banner, no orange "Not saved", no copy, the file as they wrote it.
    assert!(h.query_by_label("Keep mine").is_none());
    assert!(h.query_by_label("Reload from disk").is_none());
    assert!(h.query_by_label_contains("Not saved").is_none());
    assert!(kept_copy(dir.path(), "teams.notes.ron.").is_none());
    close(h);
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), theirs);
    assert!(kept_copy(dir.path(), "teams.notes.ron.").is_none());
}

#[test]
fn ctrl_z_outside_the_note_undoes_stars_and_highlights_and_ctrl_shift_z_redoes() {
    let (_dir, content, data) = content_in_tempdir();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Size");
    h.key_press(egui::Key::S);
    h.run();
    h.key_press(egui::Key::Num1);
    h.run();
    let first_aspect = h.state().session.comparison.dimensions[0].points[0]
        .aspect
        .clone();
    assert!(h.state().session.notes().is_starred("size"));
    assert!(
        h.state()
            .session
            .notes()
            .is_highlighted("size", &first_aspect)
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        !h.state()
            .session
            .notes()
            .is_highlighted("size", &first_aspect)
    );
    assert!(h.state().session.notes().is_starred("size"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().session.notes().is_starred("size"));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert!(h.state().session.notes().is_starred("size"));
    // Nothing more to undo than there was: it says so.
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
    }
    assert_eq!(
        h.state().session.message.as_deref(),
        Some("Nothing to undo")
    );
}
