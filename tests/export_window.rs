//! Exporting from the window, as a person would: Ctrl+E, pick a format and
//! options, type a path (no system dialog here), Export.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
#[path = "common/generated.rs"]
mod generated;
use common::{open, open_built_in, open_export, press_export, started, type_export_path};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use versus::VersusApp;

/// From the introduction, on the keyboard: Down to the first dimension,
/// S to star it if `star`, F2 and `text` in its note (all in one frame),
/// then Escape out of the note.
fn note_on_first_dimension(h: &mut Harness<'_, VersusApp>, star: bool, text: &str) {
    h.key_press(egui::Key::ArrowDown);
    if star {
        h.key_press(egui::Key::S);
    }
    h.key_press(egui::Key::F2);
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
}

#[test]
fn export_starred_dimensions_as_html_from_the_window() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    // Star two dimensions and write a note, from the keyboard.
    note_on_first_dimension(&mut h, true, "Say <this> first.");
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::S);
    h.run();

    open_export(&mut h);
    h.get_by_label("HTML (printable)").click();
    h.run();
    h.get_by_label("Starred dimensions only").click();
    h.run();
    // The suggested name follows the format.
    assert!(
        std::path::Path::new(&h.state().export_dialog.field.path)
            .extension()
            .is_some_and(|e| e == "html"),
        "{}",
        h.state().export_dialog.field.path
    );
    let out = out_dir.path().join("talk.html");
    type_export_path(&mut h, &out);
    press_export(&mut h);

    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Responsibilities and Objectives"));
    assert!(html.contains("Focus"));
    assert!(!html.contains(">Scope<"), "not starred, not exported");
    assert!(html.contains("Say &lt;this&gt; first."));
    assert!(!h.state().export_dialog.open);
    h.get_by_label_contains("Exported HTML (printable) to");
    h.get_by_label("Open folder");
}

#[test]
fn export_asks_before_overwriting() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("notes.md");
    std::fs::write(&out, "precious").unwrap();
    let mut h = open_built_in(data.path());
    open_export(&mut h);
    type_export_path(&mut h, &out);
    press_export(&mut h);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    h.get_by_label_contains("exists. Press Export again to overwrite it.");
    press_export(&mut h);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# Project Management vs Technology Management"),
        "{md}"
    );
}

#[test]
fn export_from_the_window_follows_links_and_spares_the_notes_file() {
    use std::os::unix::fs::FileTypeExt as _;
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("real.md");
    std::fs::write(&target, "old").unwrap();
    let link = out_dir.path().join("talk.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut h = open_built_in(data.path());
    // Give the notes a file, then try to export over it.
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::S);
    h.run();
    h.state_mut().flush_notes();
    let notes_file = h.state().session.notes_file.path.clone();
    let notes_before = std::fs::read(&notes_file).unwrap();
    open_export(&mut h);
    type_export_path(&mut h, &notes_file);
    for _ in 0..2 {
        press_export(&mut h);
    }
    assert_eq!(std::fs::read(&notes_file).unwrap(), notes_before);
    h.get_by_label_contains("is its notes file; choose another file for the export");

    type_export_path(&mut h, &link);
    for _ in 0..2 {
        press_export(&mut h);
    }
    let kind = std::fs::symlink_metadata(&link).unwrap().file_type();
    assert!(kind.is_symlink(), "the link stays a link");
    let md = std::fs::read_to_string(&target).unwrap();
    assert!(md.starts_with("# Project Management"), "{md}");

    // A device is written to, never asked about or replaced.
    open_export(&mut h);
    type_export_path(&mut h, std::path::Path::new("/dev/full"));
    press_export(&mut h);
    h.get_by_label_contains("No space left");
    let kind = std::fs::symlink_metadata("/dev/full").unwrap().file_type();
    assert!(kind.is_char_device());
}

const THREE: &str = r#"Comparison(
    title: "Three ways",
    subjects: [
        Subject(id: "pl", name: "Planes"),
        Subject(id: "tr", name: "Trains"),
        Subject(id: "bu", name: "Buses"),
    ],
    dimensions: [
        Dimension(id: "speed", title: "Speed", points: [
            Point(aspect: "Top", sides: { "pl": "> 800 km/h", "tr": "300 km/h", "bu": "100 km/h" }),
        ]),
    ],
)"#;

#[test]
fn the_window_exports_what_it_shows_every_subject_or_the_pair_never_one_twice() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let content = common::write_file(dir.path(), "three.ron", THREE);
    let mut h = open(&content, data.path());
    // The window shows all three: so does the export, by default.
    open_export(&mut h);
    assert!(h.state().export_dialog.options.subjects.is_empty());
    let out = dir.path().join("all.md");
    type_export_path(&mut h, &out);
    press_export(&mut h);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("| Aspect | Planes | Trains | Buses |"), "{md}");
    assert!(
        md.contains("\\> 800 km/h"),
        "the author's '>' is kept: {md}"
    );

    // Two subjects in the dialog: the right picker does not offer the left.
    open_export(&mut h);
    h.get_by_label("Export two subjects").click();
    h.run();
    assert_eq!(h.state().export_dialog.options.subjects, vec![0, 1]);
    h.get_by_label("Right subject").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "Planes").is_none(),
        "Planes is on the left"
    );
    h.get_by_role_and_label(Role::Button, "Buses").click();
    h.run();
    assert_eq!(h.state().export_dialog.options.subjects, vec![0, 2]);
}

#[test]
fn the_overwrite_question_leaves_the_export_button_where_it_was() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("notes.md");
    std::fs::write(&out, "precious").unwrap();
    let mut h = open_built_in(data.path());
    open_export(&mut h);
    type_export_path(&mut h, &out);
    let before = h.get_by_role_and_label(Role::Button, "Export").rect();
    press_export(&mut h);
    assert!(
        h.state().export_dialog.field.hint().is_some(),
        "asked first"
    );
    let after = h.get_by_role_and_label(Role::Button, "Export").rect();
    assert_eq!(before, after, "the button did not move");
    // Another format: the question was about the old name; it goes.
    h.get_by_label("HTML (printable)").click();
    h.run();
    assert!(h.state().export_dialog.field.hint().is_none());
}

#[test]
fn the_audience_version_and_the_speaker_script_from_the_window() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    // Star the first dimension and write a note on it.
    note_on_first_dimension(&mut h, true, "Whisper this.");

    open_export(&mut h);
    h.get_by_label("Show my stars in titles").click();
    h.run();
    h.get_by_label("Audience version (leave out my notes)")
        .click();
    h.run();
    assert!(h.state().export_dialog.options.audience);
    let out = out_dir.path().join("audience.md");
    type_export_path(&mut h, &out);
    press_export(&mut h);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Project Management"), "{md}");
    assert!(!md.contains("Whisper this."), "{md}");
    assert!(!md.contains('★'), "{md}");

    // The script is the presenter's own: the note is in it.
    open_export(&mut h);
    h.get_by_label("Speaker script (HTML)").click();
    h.run();
    let suggested = h.state().export_dialog.field.path.clone();
    assert!(suggested.ends_with(".script.html"), "{suggested}");
    let out = out_dir.path().join("talk.script.html");
    type_export_path(&mut h, &out);
    press_export(&mut h);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Speaker script"), "{html}");
    assert!(html.contains("Whisper this."), "{html}");
    assert!(html.contains("Slide 2"), "{html}");
}

/// The file name at the end of the dialog's path.
fn suggested_name(h: &Harness<'_, VersusApp>) -> String {
    std::path::Path::new(&h.state().export_dialog.field.path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_audience_version_has_its_own_name_its_verdicts_choice_and_no_script() {
    use egui_kittest::kittest::NodeT as _;
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    // A note and a verdict on the first dimension.
    note_on_first_dimension(&mut h, false, "Whisper this.");
    let id = h.state().session.comparison.dimensions[0].id.clone();
    h.state_mut().session.notes_file.notes.entry(&id).verdict = Some(versus::notes::Verdict::Even);
    h.run();

    open_export(&mut h);
    h.get_by_label("HTML (printable)").click();
    h.run();
    let private_name = suggested_name(&h);
    assert_eq!(
        private_name,
        "project-management-vs-technology-management.html"
    );
    h.get_by_label_contains("Writing your own version");
    // Your own version always has your verdicts: not a choice there.
    let verdicts = "Include where each wins (my verdicts)";
    assert!(h.get_by_label(verdicts).accesskit_node().is_disabled());

    h.get_by_label("Audience version (leave out my notes)")
        .click();
    h.run();
    // Never the private file's name: one cannot replace the other.
    assert_eq!(
        suggested_name(&h),
        "project-management-vs-technology-management-audience.html"
    );
    h.get_by_label_contains("Writing the audience version");
    assert!(!h.get_by_label(verdicts).accesskit_node().is_disabled());
    let out = out_dir.path().join("audience.html");
    type_export_path(&mut h, &out);
    press_export(&mut h);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("Whisper this."), "{html}");
    assert!(!html.contains("Where each wins"), "no verdicts by default");
    assert!(!html.contains("Better fit"), "no verdicts by default");

    open_export(&mut h);
    h.get_by_label(verdicts).click();
    h.run();
    let out = out_dir.path().join("audience-verdicts.html");
    type_export_path(&mut h, &out);
    press_export(&mut h);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Where each wins") && html.contains("Better fit"));
    assert!(!html.contains("Whisper this."), "{html}");

    // The speaker script has no audience version: the choice is greyed
    // out, the dialog says why, and the script is the presenter's.
    open_export(&mut h);
    h.get_by_label("Speaker script (HTML)").click();
    h.run();
    let audience = h.get_by_label("Audience version (leave out my notes)");
    assert!(audience.accesskit_node().is_disabled());
    h.get_by_label_contains("The speaker script is yours alone");
    h.get_by_label_contains("Writing your own version");
    assert_eq!(
        suggested_name(&h),
        "project-management-vs-technology-management.script.html"
    );
    let out = out_dir.path().join("talk.script.html");
    type_export_path(&mut h, &out);
    press_export(&mut h);
    let script = std::fs::read_to_string(&out).unwrap();
    assert!(script.contains("Whisper this."), "{script}");
}

#[test]
fn a_remembered_audience_choice_shows_and_names_the_file() {
    let data = tempfile::tempdir().unwrap();
    let mut app = VersusApp::open_at_start(None, data.path().to_owned());
    let mut remembered = versus::app::remembered::Remembered::default();
    remembered.export.format = "marp".to_owned();
    remembered.export.audience = true;
    app.restore(remembered);
    let mut h = started(app);
    open_export(&mut h);
    h.get_by_label_contains("Writing the audience version");
    assert_eq!(
        suggested_name(&h),
        "project-management-vs-technology-management-audience.slides.md"
    );
}

/// The window while an export goes into a pipe whose reader takes one byte
/// a second: every key is answered within 100 ms, the status line shows the
/// export, and the export ends (here with the stalled reader's error)
/// instead of hanging anything.
#[cfg(unix)]
#[test]
fn an_export_into_a_slow_pipe_never_stops_the_window() {
    use std::io::Read as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("talk.md");
    common::mkfifo(&pipe);
    // The reader: open without waiting for a writer, then one byte a
    // second until the writer is gone.
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&pipe)
        .unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reading = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut reader = reader;
            let mut byte = [0u8; 1];
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = reader.read(&mut byte);
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };

    // Far more than a pipe holds (64 KiB): 300 dimensions.
    let content = dir.path().join("big.ron");
    let big = ron::ser::to_string(&generated::generated(300)).unwrap();
    std::fs::write(&content, big).unwrap();
    let mut h = open(&content, data.path());
    open_export(&mut h);
    type_export_path(&mut h, &pipe);
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    assert!(h.state().exporting(), "the export runs beside the window");
    h.get_by_label_contains("Exporting Markdown");
    // Back to the comparison while it runs.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().export_dialog.open);

    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut keys = 0;
    while h.state().exporting() {
        assert!(start.elapsed() < Duration::from_mins(1), "the export ends");
        let before = h.state().session.selected;
        let frame = Instant::now();
        h.key_press(egui::Key::ArrowDown);
        h.step();
        slowest = slowest.max(frame.elapsed());
        if h.state().exporting() && keys < 9 {
            assert_ne!(h.state().session.selected, before, "the key was answered");
            keys += 1;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    reading.join().unwrap();
    eprintln!(
        "{keys} keys answered while exporting; slowest frame {slowest:?}; the export ended after {:?}",
        start.elapsed()
    );
    assert!(keys >= 9, "keys were pressed while exporting");
    assert!(
        slowest < Duration::from_millis(100),
        "the slowest frame took {slowest:?}"
    );
    h.run();
    let hint = h
        .state()
        .export_dialog
        .field
        .hint()
        .unwrap_or_default()
        .to_owned();
    assert!(
        hint.contains("Could not export") && hint.contains("took nothing"),
        "{hint}"
    );
    assert!(h.state().export_dialog.open, "the dialog says why");
}
