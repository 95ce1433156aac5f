//! What the tests share: a harness of the whole app at 1280×800, clicking a
//! sidebar row by its title, content files written for a test, (in `cli`)
//! one runner for the binary, (in `xvfb`) a virtual X display for it and
//! (in `xorg`) an X server with two monitors.
#![allow(dead_code, reason = "each test file uses part of it")]

pub mod cli;
pub mod xorg;
pub mod xvfb;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use versus::VersusApp;

/// The whole window, styled as the real app, at 1280×800.
pub fn harness(app: VersusApp) -> Harness<'static, VersusApp> {
    harness_at(app, egui::vec2(1280.0, 800.0))
}

/// The whole window at `size`, styled as the real app.
pub fn harness_at(app: VersusApp, size: egui::Vec2) -> Harness<'static, VersusApp> {
    Harness::builder()
        .with_size(size)
        // A background save finishing mid-run wakes the window for a frame
        // or two more; that is settling, not a repaint loop.
        .with_max_steps(12)
        .with_context_setup(versus::ui::apply_style)
        .build_ui_state(|ui, app: &mut VersusApp| app.ui(ui), app)
}

/// Clicks the sidebar row titled `title` (not the pane's heading).
pub fn click_row(h: &mut Harness<'_, VersusApp>, title: &str) {
    h.get_all_by_label(title)
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap_or_else(|| panic!("no sidebar row {title}"))
        .click();
    h.run();
}

/// Steps the window until `done` holds (background saves, file watching),
/// failing after `seconds`.
pub fn step_until(h: &mut Harness<'_, VersusApp>, seconds: u64, done: impl Fn(&VersusApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed().as_secs() < seconds,
            "timed out after {seconds} s"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
}

/// The window on `app`, after a first frame.
pub fn started(app: VersusApp) -> Harness<'static, VersusApp> {
    let mut h = harness(app);
    h.run();
    h
}

/// The app opened on the content file `path`, with `data` as its data
/// folder, after a first frame.
pub fn open(path: &Path, data: &Path) -> Harness<'static, VersusApp> {
    started(VersusApp::open_at_start(Some(path), data.to_owned()))
}

/// The app on the built-in comparison, with `data` as its data folder,
/// after a first frame.
pub fn open_built_in(data: &Path) -> Harness<'static, VersusApp> {
    started(VersusApp::open_at_start(None, data.to_owned()))
}

/// Writes `bytes` to `dir/name` (making its folders); its path.
pub fn write_file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A content file `name` holding `text` in a fresh folder, and a separate
/// data folder: the folder, the file's path, the data folder. Notes beside
/// the file and the window's state stay apart.
pub fn content_in_tempdir(
    name: &str,
    text: &str,
) -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), name, text);
    (dir, path, tempfile::tempdir().unwrap())
}

/// The built-in comparison retitled `title`, written to `dir/name` (making
/// its folders); its path. Files told apart by their title alone.
pub fn write_comparison(dir: &Path, name: &str, title: &str) -> PathBuf {
    let text =
        versus::model::BUILT_IN_RON.replace("Project Management vs Technology Management", title);
    write_file(dir, name, text)
}

/// Clicks into the note on `title` and types `text`.
pub fn type_note(h: &mut Harness<'static, VersusApp>, title: &str, text: &str) {
    let label = format!("Note on {title}");
    h.get_by_label(&label).click();
    h.run();
    h.get_by_label(&label).type_text(text);
    h.run();
}

/// The notes file at `path`, which must be there and valid.
pub fn notes_at(path: &Path) -> versus::notes::Notes {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("cannot read the notes {}: {e}", path.display()));
    versus::notes::Notes::from_ron(&bytes, path).unwrap()
}

/// Waits until `done` holds, looking every 100 ms; fails with `what` after
/// `limit`. For what another process or thread does on its own time.
pub fn wait_until(limit: std::time::Duration, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + limit;
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "{what} (waited {limit:?})"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Opens the export dialog with Ctrl+E.
pub fn open_export(h: &mut Harness<'_, VersusApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
}

/// Replaces the text of the field labelled `label` with `text`, as a
/// person does: focus, select all, type.
pub fn replace_text(h: &mut Harness<'_, VersusApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Replaces the export path field's text with `path`, as typed.
pub fn type_export_path(h: &mut Harness<'_, VersusApp>, path: &Path) {
    replace_text(h, "Export to:", &path.display().to_string());
}

/// The files in `dir` (which must be there) whose names start with
/// `prefix`, sorted.
pub fn files_starting(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Presses the export dialog's Export button.
pub fn press_export(h: &mut Harness<'_, VersusApp>) {
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    // The export is written on a thread of its own: wait for its end to be
    // taken in, as the window does frame by frame.
    step_until(h, 60, |app| !app.exporting());
}

/// Every content file in the repository: the built-in comparison and the
/// complete examples of the content format's documentation, and two made
/// to be hard to lay out.
pub fn content_files() -> Vec<(String, versus::model::Comparison)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![("built-in".to_owned(), versus::model::Comparison::built_in())];
    for entry in std::fs::read_dir(root.join("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let c = versus::model::Comparison::load(&path).unwrap().comparison;
            out.push((path.display().to_string(), c));
        }
    }
    let docs = std::fs::read_to_string(root.join("docs/content-format.md")).unwrap();
    for (k, block) in docs.split("```ron").skip(1).enumerate() {
        let text = block.split("```").next().unwrap();
        if let Ok(loaded) = versus::model::parse(text.as_bytes(), std::path::Path::new("doc.ron")) {
            out.push((format!("docs example {k}"), loaded.comparison));
        }
    }
    // Three subjects with long names, long aspects and a word longer than
    // any column.
    let fixture = root.join("tests/fixtures/long-names.ron");
    let c = versus::model::Comparison::load(&fixture)
        .unwrap()
        .comparison;
    out.push(("long names".to_owned(), c));
    // And a dimension no screen holds: long rows and one enormous cell.
    let mut long = versus::model::Comparison::built_in();
    let d = &mut long.dimensions[0];
    let words = "every word of this cell must reach the screen somewhere ".repeat(60);
    for p in &mut d.points {
        for (_, text) in &mut p.sides.0 {
            text.push(' ');
            text.push_str(&words[..words.len() / 6]);
        }
    }
    if let Some((_, text)) = d.points[0].sides.0.first_mut() {
        text.clone_from(&words);
    }
    out.push(("long rows".to_owned(), long));
    out
}

/// Makes a named pipe at `path` (with the system's `mkfifo`).
pub fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Lets the export under way in `app` (started without a window) end, as
/// the window's `logic` takes it in; fails after a minute.
pub fn finish_export(app: &mut VersusApp) {
    let ctx = egui::Context::default();
    let start = std::time::Instant::now();
    while app.exporting() {
        assert!(start.elapsed().as_secs() < 60, "the export ends");
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.logic(&ctx);
    }
}
