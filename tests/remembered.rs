//! Remembered between runs: the state a window saves, a new window built
//! from it, the recent files and reopening the last one closed. (The real
//! binary's state file is checked in `durability.rs`.)
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, open, open_built_in, started, step_until, write_comparison};

use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::app::remembered::Remembered;
use versus::export::Format;
use versus::notes::file::Status;
use versus::session::command::PresentCmd;
use versus::session::command::{FileCmd, FindCmd};
use versus::session::find::Filter;

#[test]
fn a_window_built_from_the_saved_state_is_where_the_last_one_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = write_comparison(dir.path(), "a.ron", "File A");
    let mut h = open(&content, data.path());
    click_row(&mut h, "Risk Management");
    h.get_by_label("Star").click();
    h.run();
    h.state_mut()
        .apply(FindCmd::SetFilter(Filter::Starred).into());
    h.state_mut()
        .apply(versus::session::command::Nav::SwapColumns.into());
    h.state_mut().export_dialog.format = Format::Marp;
    h.state_mut().export_dialog.options.audience = true;
    h.state_mut().apply(PresentCmd::Summaries(true).into());
    h.state_mut().apply(PresentCmd::StarredOnly(false).into());
    h.run();
    // The star is in the notes file before this window goes.
    step_until(&mut h, 20, |app| {
        app.session.notes_file.status == Status::Saved
    });
    let saved = ron::to_string(&h.state().remembered_now()).unwrap();
    drop(h);

    // What main does at start: the last file, then the rest of the state.
    let remembered = Remembered::from_ron(&saved);
    assert_eq!(remembered.last_file.as_deref(), Some(content.as_path()));
    let mut app = VersusApp::open_at_start(remembered.last_file.as_deref(), data.path().to_owned());
    app.restore(remembered);
    let h = started(app);
    assert_eq!(h.state().session.selected_dimension_id(), Some("risk"));
    assert_eq!(h.state().session.finder.filter, Filter::Starred);
    assert_eq!(
        h.state().session.row_count(),
        1,
        "the filter lists the starred one"
    );
    assert_eq!(h.state().export_dialog.format, Format::Marp);
    assert!(
        h.state().export_dialog.options.audience,
        "the audience version"
    );
    let present = h.state().session.present_options;
    assert!(present.summaries && !present.starred_only, "{present:?}");
    assert_eq!(
        h.state().session.columns,
        [1, 0],
        "the columns as they were"
    );
    // A broken state file: the defaults, and the app starts.
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.restore(Remembered::from_ron("(places: {\"x\": 12"));
    assert_eq!(app.session.finder.filter, Filter::All);
}

#[test]
fn open_recent_lists_the_files_opened_and_ctrl_shift_t_reopens_the_last_closed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let a = write_comparison(dir.path(), "a.ron", "File A");
    let b = write_comparison(dir.path(), "b.ron", "File B");
    let gone = write_comparison(dir.path(), "gone.ron", "Gone");
    let mut h = open(&a, data.path());
    click_row(&mut h, "Scope");
    h.state_mut().apply(FileCmd::Open(gone.clone()).into());
    h.state_mut().apply(FileCmd::Open(b.clone()).into());
    h.run();
    std::fs::remove_file(&gone).unwrap();
    assert_eq!(h.state().session.comparison.title, "File B");

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    // Missing files are dropped; the others are listed by name.
    assert!(h.query_by_label("gone.ron").is_none());
    h.get_by_label("b.ron");
    h.get_by_label("a.ron").click();
    h.run();
    assert_eq!(h.state().session.comparison.title, "File A");
    // Back in A, at its place.
    assert_eq!(h.state().session.selected_dimension_id(), Some("scope"));

    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::T,
    );
    h.run();
    assert_eq!(
        h.state().session.comparison.title,
        "File B",
        "the last closed"
    );
}

#[test]
fn a_comparison_left_on_its_conclusion_reopens_there() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let a = write_comparison(dir.path(), "a.ron", "File A");
    let b = write_comparison(dir.path(), "b.ron", "File B");
    let mut h = open(&a, data.path());
    click_row(&mut h, "Conclusion");
    h.state_mut().apply(FileCmd::Open(b).into());
    h.run();
    assert_eq!(h.state().session.selected, versus::session::Section::Intro);
    h.state_mut().apply(FileCmd::Open(a).into());
    h.run();
    assert_eq!(h.state().session.comparison.title, "File A");
    assert_eq!(
        h.state().session.selected,
        versus::session::Section::Conclusion
    );
}

#[test]
fn the_first_run_screen_offers_the_built_in_open_and_recent_files() {
    let data = tempfile::tempdir().unwrap();
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.shown.welcome = true;
    let mut h = started(app);
    h.get_by_label("Welcome to versus");
    h.get_by_label("Open a comparison…").click();
    h.run();
    assert!(!h.state().shown.welcome);
    assert!(
        h.state().path_dialog.purpose.is_some(),
        "Open… asks for a path"
    );

    // Pressing a key to move around is exploring: the screen goes and the
    // key does what it says.
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.shown.welcome = true;
    let mut h = started(app);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(!h.state().shown.welcome);
    assert_eq!(
        h.state().session.selected,
        versus::session::Section::Dimension(0),
        "Down moved on"
    );

    // Esc closes it, as it closes any window; F1 (help) leaves it up.
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    app.shown.welcome = true;
    let mut h = started(app);
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.state().shown.welcome, "help does not dismiss it");
    h.state_mut()
        .apply(versus::session::command::ViewCmd::CloseShortcuts.into());
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().shown.welcome, "Esc dismisses it");
}

/// A file dropped on the window, as winit reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_comparison_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let dropped = write_comparison(dir.path(), "dropped.ron", "Dropped in");
    let mut h = open_built_in(data.path());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dropped.clone())));
    h.run();
    assert_eq!(h.state().session.comparison.title, "Dropped in");
    assert_eq!(h.state().session.source.path(), Some(dropped.as_path()));
    // Not a comparison: the error says so, the comparison stays.
    let notes = dir.path().join("x.notes.ron");
    std::fs::write(&notes, "Notes(comparison: \"x\")").unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(notes)));
    h.run();
    assert_eq!(h.state().session.comparison.title, "Dropped in");
    assert!(h.state().session.error.is_some());
}
