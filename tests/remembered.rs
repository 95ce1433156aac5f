//! Remembered between runs: the state a window saves, a new window built
//! from it, the recent files and reopening the last one closed. (The real
//! binary's state file is checked in `durability.rs`.)
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, harness, open, step_until};

use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::app::command::{FileCmd, FindCmd};
use versus::app::find::Filter;
use versus::app::remembered::Remembered;
use versus::export::Format;
use versus::notes::file::Status;

fn write(dir: &std::path::Path, name: &str, title: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let text =
        versus::model::BUILT_IN_RON.replace("Project Management vs Technology Management", title);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_window_built_from_the_saved_state_is_where_the_last_one_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = write(dir.path(), "a.ron", "File A");
    let mut h = open(&content, data.path());
    click_row(&mut h, "Risk Management");
    h.get_by_label("Star").click();
    h.run();
    h.state_mut()
        .apply(FindCmd::SetFilter(Filter::Starred).into());
    h.state_mut().export_dialog.format = Format::Marp;
    h.run();
    // The star is in the notes file before this window goes.
    step_until(&mut h, 20, |app| app.notes_file.status == Status::Saved);
    let saved = ron::to_string(&h.state().remembered_now()).unwrap();
    drop(h);

    // What main does at start: the last file, then the rest of the state.
    let remembered = Remembered::from_ron(&saved);
    assert_eq!(remembered.last_file.as_deref(), Some(content.as_path()));
    let mut app = VersusApp::open_at_start(remembered.last_file.as_deref(), data.path().to_owned());
    app.restore(remembered);
    let mut h = harness(app);
    h.run();
    assert_eq!(h.state().selected_dimension_id(), Some("risk"));
    assert_eq!(h.state().finder.filter, Filter::Starred);
    assert_eq!(h.state().row_count(), 1, "the filter lists the starred one");
    assert_eq!(h.state().export_dialog.format, Format::Marp);
    // A broken state file: the defaults, and the app starts.
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.restore(Remembered::from_ron("(places: {\"x\": 12"));
    assert_eq!(app.finder.filter, Filter::All);
}

#[test]
fn open_recent_lists_the_files_opened_and_ctrl_shift_t_reopens_the_last_closed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ron", "File A");
    let b = write(dir.path(), "b.ron", "File B");
    let gone = write(dir.path(), "gone.ron", "Gone");
    let mut h = open(&a, data.path());
    click_row(&mut h, "Scope");
    h.state_mut().apply(FileCmd::Open(gone.clone()).into());
    h.state_mut().apply(FileCmd::Open(b.clone()).into());
    h.run();
    std::fs::remove_file(&gone).unwrap();
    assert_eq!(h.state().comparison.title, "File B");

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    // Missing files are dropped; the others are listed by name.
    assert!(h.query_by_label("gone.ron").is_none());
    h.get_by_label("b.ron");
    h.get_by_label("a.ron").click();
    h.run();
    assert_eq!(h.state().comparison.title, "File A");
    // Back in A, at its place.
    assert_eq!(h.state().selected_dimension_id(), Some("scope"));

    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::T,
    );
    h.run();
    assert_eq!(h.state().comparison.title, "File B", "the last closed");
}
