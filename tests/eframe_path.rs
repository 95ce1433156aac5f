//! The app driven through eframe's own entry points, as the real window
//! drives it: `eframe::App::logic` and `eframe::App::ui` every frame, and
//! `eframe::App::save` into a storage that a new app starts from. The
//! other window tests call `VersusApp::ui` directly and would not notice
//! if the `eframe::App` implementation stopped calling it, stopped saving
//! notes, or saved state that the next start cannot read.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, step_until, type_note, wait_until};

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use eframe::Storage as _;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::app::remembered::{self, Remembered};
use versus::notes::file::Status;
use versus::session::command::{FileCmd, NotesCmd};

/// eframe's storage kept in memory: what a run saved, for the next run.
#[derive(Default)]
struct MemoryStorage {
    values: BTreeMap<String, String>,
    flushes: usize,
}

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.values.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.values.remove(key);
    }

    fn flush(&mut self) {
        self.flushes += 1;
    }
}

/// The window built the way eframe builds it, at 1280×800 and styled as
/// the real app, from `storage` (the first run: none), after a first
/// frame.
fn eframe_window(
    storage: Option<&dyn eframe::Storage>,
    data: &Path,
) -> Harness<'static, VersusApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .with_context_setup(versus::ui::apply_style)
        .build_eframe(|cc| {
            // Kittest's creation context has no storage; the test brings
            // its own.
            assert!(cc.storage.is_none());
            let stored = storage.and_then(|s| s.get_string(remembered::KEY));
            VersusApp::start(stored, None, data.to_owned())
        });
    h.run();
    h
}

#[test]
fn a_note_typed_through_eframe_reaches_the_notes_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = common::write_comparison(dir.path(), "talk.ron", "Through eframe");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .with_context_setup(versus::ui::apply_style)
        .build_eframe(|_cc| VersusApp::open_at_start(Some(&content), data.path().to_owned()));
    h.run();
    assert_eq!(h.state().session.comparison.title, "Through eframe");
    click_row(&mut h, "Scope");
    type_note(&mut h, "Scope", "Typed through eframe.");
    assert_eq!(
        h.state().session.notes().text("scope"),
        "Typed through eframe."
    );
    step_until(&mut h, 20, |app| {
        app.session.notes_file.status == Status::Saved
    });
    let notes = common::notes_at(&h.state().session.notes_file.path);
    assert_eq!(notes.text("scope"), "Typed through eframe.");
}

#[test]
fn a_covered_window_saves_notes_from_logic_alone() {
    // eframe stops calling `ui` for a covered or minimised window and calls
    // only `logic`: what changed before must still reach the disk.
    let data = tempfile::tempdir().unwrap();
    let mut h = eframe_window(None, data.path());
    click_row(&mut h, "Scope");
    type_note(&mut h, "Scope", "Saved while covered.");
    // The star comes after the last frame drawn: only `logic` can save it
    // (the typing may have been saved already, by the frames above).
    h.state_mut().apply(NotesCmd::ToggleStarSelected.into());
    assert!(h.state().session.notes().is_starred("scope"));
    let ctx = h.ctx.clone();
    let mut frame = eframe::Frame::_new_kittest();
    let path = h.state().session.notes_file.path.clone();
    let on_disk = |path: &Path| {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| versus::notes::Notes::from_ron(&bytes, path).ok())
    };
    // Only `logic` runs from here on, as eframe calls it for a covered
    // window: woken by the repaint the autosave asked for.
    wait_until(Duration::from_secs(20), "not saved by logic alone", || {
        eframe::App::logic(h.state_mut(), &ctx, &mut frame);
        on_disk(&path).is_some_and(|n| n.is_starred("scope"))
    });
    let notes = common::notes_at(&path);
    assert_eq!(notes.text("scope"), "Saved while covered.");
}

#[test]
fn what_eframe_save_stores_is_what_the_next_start_restores() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let a = common::write_comparison(dir.path(), "a.ron", "File A");
    let b = common::write_comparison(dir.path(), "b.ron", "File B");

    // The first run: nothing stored. Open A, then B, and go to a dimension.
    let mut h = eframe_window(None, data.path());
    assert_eq!(
        h.state().session.comparison.title,
        "Project Management vs Technology Management"
    );
    h.state_mut().apply(FileCmd::Open(a.clone()).into());
    h.run();
    click_row(&mut h, "Scope");
    h.state_mut().apply(FileCmd::Open(b.clone()).into());
    h.run();
    assert_eq!(h.state().session.comparison.title, "File B");
    click_row(&mut h, "Risk Management");
    h.get_by_label("Swap columns").click();
    h.run();

    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let stored = storage
        .get_string(remembered::KEY)
        .expect("the state is stored under its key");
    let remembered = Remembered::from_ron(&stored);
    assert_eq!(remembered, h.state().remembered_now(), "stored in full");
    assert_eq!(remembered.last_file.as_deref(), Some(b.as_path()));
    assert_eq!(remembered.last_closed.as_deref(), Some(a.as_path()));
    assert_eq!(
        remembered.recent_files(),
        [&b, &a],
        "the latest first, the built-in not listed"
    );
    drop(h);

    // The next run, from that storage: B again, where it was left.
    let mut h = eframe_window(Some(&storage), data.path());
    assert_eq!(h.state().session.error, None);
    assert_eq!(h.state().session.comparison.title, "File B");
    assert_eq!(h.state().session.selected_dimension_id(), Some("risk"));
    assert_eq!(h.state().session.columns, [1, 0]);
    // Drawn: its row in the sidebar and its heading in the pane.
    assert_eq!(h.get_all_by_label("Risk Management").count(), 2);
    // A's place too: opening it again goes back to Scope.
    h.state_mut().apply(FileCmd::Open(a.clone()).into());
    h.run();
    assert_eq!(h.state().session.selected_dimension_id(), Some("scope"));
    // Saved again: A is now the last file, and every place is as it was.
    let mut again = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut again);
    let restored = Remembered::from_ron(&again.get_string(remembered::KEY).unwrap());
    assert_eq!(restored.last_file.as_deref(), Some(a.as_path()));
    assert_eq!(
        restored.places, remembered.places,
        "each file's place as it was"
    );
}

#[test]
fn a_change_is_stored_once_in_the_frame_it_is_made() {
    let data = tempfile::tempdir().unwrap();
    let mut h = eframe_window(None, data.path());
    // The first run, nothing stored, no file named: the welcome screen.
    assert!(h.state().shown.welcome);
    let mut storage = MemoryStorage::default();
    // Nothing changed since the last frame: nothing written.
    h.state_mut().store_if_changed(Some(&mut storage));
    assert_eq!((storage.values.len(), storage.flushes), (0, 0));

    let scope = versus::session::Section::Dimension(0);
    h.state_mut()
        .apply(versus::session::command::Nav::Select(scope).into());
    h.state_mut().store_if_changed(Some(&mut storage));
    assert_eq!(storage.flushes, 1, "written and flushed at once");
    let stored = Remembered::from_ron(&storage.get_string(remembered::KEY).unwrap());
    assert_eq!(stored, h.state().remembered_now());
    // The same state again: not written twice.
    h.state_mut().store_if_changed(Some(&mut storage));
    assert_eq!(storage.flushes, 1);

    // The next start from that storage is not a first run.
    let stored = storage.get_string(remembered::KEY);
    let next = VersusApp::start(stored, None, data.path().to_owned());
    assert!(!next.shown.welcome);
    assert_eq!(next.session.selected, scope);
}
