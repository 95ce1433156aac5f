//! Never lose a byte: the menu actions and fault paths that once clobbered
//! the person's files or dropped their notes, each tried as a person (or a
//! failing disk) would.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, open, step_until, type_note};

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::notes::Notes;
use versus::notes::file::{Flushed, NotesFile, Status};
use versus::session::command::{FileCmd, NotesCmd};

const CONTENT: &str = r#"Comparison(
    title: "Travel",
    subjects: [(id: "train", name: "Train"), (id: "plane", name: "Plane")],
    dimensions: [
        (id: "speed", title: "Speed", points: [
            (aspect: "Top speed", sides: {"train": "300 km/h", "plane": "900 km/h"}),
        ]),
        (id: "cost", title: "Cost", points: [
            (aspect: "Ticket", sides: {"train": "cheap", "plane": "varies"}),
        ]),
    ],
)"#;

/// `travel.ron` in a fresh folder, and a separate data folder.
fn travel() -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
    common::content_in_tempdir("travel.ron", CONTENT)
}

/// File ▸ `item`, then types `path` into the path field.
fn path_dialog(h: &mut Harness<'static, VersusApp>, item: &str, path: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
    common::replace_text(h, "Path of the file (.ron):", &path.display().to_string());
}

fn press(h: &mut Harness<'static, VersusApp>, button: &str) {
    h.get_by_role_and_label(Role::Button, button).click();
    h.run();
}

// Case 1: Save notes as… never replaces the comparison, nor any file that
// is not notes, and asks before replacing a notes file.

#[test]
fn save_notes_as_never_writes_over_the_open_comparison() {
    let (dir, content, data) = travel();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "Trains win downtown.");
    path_dialog(&mut h, "Save notes as…", &content);
    press(&mut h, "Save");
    press(&mut h, "Save");
    assert_eq!(std::fs::read_to_string(&content).unwrap(), CONTENT);
    h.get_by_label_contains("is the comparison that is open");
    assert_eq!(
        h.state().session.notes_file.path,
        dir.path().join("travel.notes.ron")
    );
    // The same file reached through a link is refused too.
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&content, &link).unwrap();
    path_dialog(&mut h, "Save notes as…", &link);
    press(&mut h, "Save");
    press(&mut h, "Save");
    assert_eq!(std::fs::read_to_string(&content).unwrap(), CONTENT);
    assert!(
        h.state().session.error.is_none(),
        "{:?}",
        h.state().session.error
    );
}

#[test]
fn save_notes_as_asks_before_replacing_and_refuses_other_documents() {
    let (dir, content, data) = travel();
    let other_notes = dir.path().join("old.notes.ron");
    let old = "Notes(comparison: \"Travel\", overall: \"Old talk.\")\n";
    std::fs::write(&other_notes, old).unwrap();
    let slides = dir.path().join("talk.md");
    std::fs::write(&slides, "# My talk\n\nHand-written.\n").unwrap();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "New talk.");

    // Another document: refused, however often Save is pressed.
    path_dialog(&mut h, "Save notes as…", &slides);
    press(&mut h, "Save");
    press(&mut h, "Save");
    assert_eq!(
        std::fs::read_to_string(&slides).unwrap(),
        "# My talk\n\nHand-written.\n"
    );
    h.get_by_label_contains("not a notes file");

    // A notes file: asked once, replaced on the second press.
    path_dialog(&mut h, "Save notes as…", &other_notes);
    press(&mut h, "Save");
    assert_eq!(std::fs::read_to_string(&other_notes).unwrap(), old);
    h.get_by_label_contains("exists. Press Save again to replace it");
    press(&mut h, "Save");
    let notes = Notes::load(&other_notes).unwrap().unwrap();
    assert_eq!(notes.text("speed"), "New talk.");
    assert_eq!(h.state().session.notes_file.path, other_notes);
}

// Case 2: Open notes… refuses the comparison (and anything not notes), and
// nothing is ever moved aside.

#[test]
fn open_notes_refuses_the_comparison_and_never_moves_it() {
    let (dir, content, data) = travel();
    let other_content = dir.path().join("boats.ron");
    std::fs::write(&other_content, CONTENT).unwrap();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "Kept in memory.");
    h.get_by_label("Star").click();
    h.run();
    for (target, reason) in [
        (&content, "is the comparison that is open"),
        (
            &other_content,
            "this is a comparison (content) file, not a notes file",
        ),
    ] {
        path_dialog(&mut h, "Open notes…", target);
        press(&mut h, "Open");
        assert!(
            h.state().path_dialog.purpose.is_some(),
            "the dialog stays, with the reason"
        );
        h.get_by_label_contains(reason);
        h.get_by_role_and_label(Role::Button, "Cancel").click();
        h.run();
    }
    assert!(h.query_by_label("Move it aside and start fresh").is_none());
    // Even asked directly, the app never moves a file that is not notes.
    h.state_mut().apply(NotesCmd::MoveBrokenAside.into());
    h.run();
    assert_eq!(std::fs::read_to_string(&content).unwrap(), CONTENT);
    assert_eq!(std::fs::read_to_string(&other_content).unwrap(), CONTENT);
    assert!(common::files_starting(dir.path(), "travel.ron.").is_empty());
    assert_eq!(h.state().session.notes().text("speed"), "Kept in memory.");
    assert!(h.state().session.notes().is_starred("speed"));
    // The annotations autosave to their own file, not the content.
    step_until(&mut h, 10, |app| {
        app.session.notes_file.status == Status::Saved
    });
    assert_eq!(std::fs::read_to_string(&content).unwrap(), CONTENT);
}

#[test]
fn a_notes_file_that_is_a_comparison_is_never_moved_or_written() {
    let (dir, content, data) = travel();
    let sidecar = dir.path().join("travel.notes.ron");
    std::fs::write(&sidecar, CONTENT).unwrap();
    let mut h = open(&content, data.path());
    h.get_by_label("This is not a notes file");
    h.get_by_label_contains("this is a comparison (content) file, not a notes file");
    assert!(h.query_by_label("Move it aside and start fresh").is_none());
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "Not lost.");
    h.state_mut().apply(NotesCmd::MoveBrokenAside.into());
    h.run();
    std::thread::sleep(std::time::Duration::from_millis(1800));
    h.run();
    h.state_mut().flush_notes();
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), CONTENT);
    assert!(common::files_starting(dir.path(), "travel.notes.ron.broken").is_empty());
    let kept = common::files_starting(dir.path(), "travel.notes.ron.unsaved-");
    let [kept] = kept.as_slice() else {
        panic!("one copy beside it: {kept:?}");
    };
    assert_eq!(
        Notes::load(kept).unwrap().unwrap().text("speed"),
        "Not lost."
    );
}

// Case 3: a save that fails is retried with backoff, a copy is kept and
// said, and on exit the notes go somewhere they are told of.

#[test]
fn a_failing_save_keeps_a_copy_says_where_and_retries() {
    let (dir, content, data) = travel();
    let mut h = open(&content, data.path());
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "First.");
    step_until(&mut h, 10, |app| {
        app.session.notes_file.status == Status::Saved
    });
    // The folder goes away (unmounted, deleted): saves now fail.
    std::fs::remove_dir_all(dir.path()).unwrap();
    type_note(&mut h, "Speed", " Second.");
    step_until(&mut h, 10, |app| {
        matches!(app.session.notes_file.status, Status::Failed(_))
            && app.session.notes_file.rescued_to.is_some()
    });
    let status = h.state().session.notes_status();
    assert!(status.contains("does not exist"), "{status}");
    assert!(status.contains("Retrying in"), "{status}");
    let copy = h.state().session.notes_file.rescued_to.clone().unwrap();
    assert!(copy.starts_with(data.path()), "{}", copy.display());
    let name = copy.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("travel-"), "says which content: {name}");
    h.get_by_label_contains(&format!("A copy is kept in {}", copy.display()));
    assert_eq!(
        Notes::load(&copy).unwrap().unwrap().text("speed"),
        "First. Second."
    );
    // The folder was not made again behind the person's back.
    assert!(!dir.path().exists());
    // More typing while it fails: the retry comes later each time, and
    // each copy holds everything.
    let failures = h.state().session.notes_file.failures();
    type_note(&mut h, "Speed", " Third.");
    step_until(&mut h, 10, |app| {
        app.session.notes_file.failures() > failures
    });
    assert!(h.state().session.notes_file.failures() >= 2);
    assert_eq!(
        Notes::load(&copy).unwrap().unwrap().text("speed"),
        "First. Second. Third."
    );
    // When the folder is back, the next retry saves to the notes file.
    std::fs::create_dir_all(dir.path()).unwrap();
    step_until(&mut h, 40, |app| {
        app.session.notes_file.status == Status::Saved
    });
    let saved = Notes::load(&dir.path().join("travel.notes.ron"))
        .unwrap()
        .unwrap();
    assert_eq!(saved.text("speed"), "First. Second. Third.");
}

#[test]
fn on_exit_notes_go_beside_then_to_the_data_folder_then_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("travel.ron");
    let notes_path = dir.path().join("sub").join("travel.notes.ron");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let fallback = versus::notes::paths::data_dir_notes_path(data.path(), Some(&content));

    let notes_file = |fallback: &Path| {
        let mut s = NotesFile::open(notes_path.clone(), "Travel");
        s.fallback = Some(fallback.to_owned());
        s.notes.text_mut("speed").push_str("Keep me.");
        s.changed(std::time::Instant::now());
        s
    };

    // The notes file cannot take them (it is a folder now): beside it.
    std::fs::create_dir(&notes_path).unwrap();
    let Flushed::KeptAside { path, why } = notes_file(&fallback).flush() else {
        panic!("kept beside");
    };
    assert!(why.contains("folder"), "{why}");
    assert_eq!(path.parent().unwrap(), dir.path().join("sub"));
    assert_eq!(
        Notes::load(&path).unwrap().unwrap().text("speed"),
        "Keep me."
    );

    // Nor its folder: the data folder, under a name that says whose.
    std::fs::remove_dir_all(dir.path().join("sub")).unwrap();
    let Flushed::KeptAside { path, why } = notes_file(&fallback).flush() else {
        panic!("kept in the data folder");
    };
    assert!(why.contains("does not exist"), "{why}");
    assert!(path.starts_with(data.path()), "{}", path.display());
    assert!(
        path.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("travel-")
    );
    assert_eq!(
        Notes::load(&path).unwrap().unwrap().text("speed"),
        "Keep me."
    );

    // Nor the data folder (it cannot be made under a file): printed.
    let blocked = data.path().join("a-file");
    std::fs::write(&blocked, "x").unwrap();
    let Flushed::Nowhere { why, text } =
        notes_file(&blocked.join("versus").join("t.notes.ron")).flush()
    else {
        panic!("nowhere");
    };
    assert_eq!(why.lines().count(), 3, "{why}");
    assert_eq!(
        Notes::from_ron(text.as_bytes(), Path::new("-"))
            .unwrap()
            .text("speed"),
        "Keep me."
    );
}

#[test]
fn switching_comparisons_never_drops_notes_that_cannot_be_saved() {
    let (dir, content, _) = travel();
    let other = tempfile::tempdir().unwrap();
    let other_content = other.path().join("boats.ron");
    std::fs::write(&other_content, CONTENT).unwrap();
    // A data folder that cannot be made: nowhere to keep a copy.
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let data = blocker.path().join("versus");
    let mut h = open(&content, &data);
    click_row(&mut h, "Speed");
    type_note(&mut h, "Speed", "Irreplaceable.");
    std::fs::remove_dir_all(dir.path()).unwrap();
    h.state_mut()
        .apply(FileCmd::Submit(other_content.clone()).into());
    h.run();
    // Still on the first comparison, notes in hand, with the reason shown.
    assert_eq!(h.state().session.notes().text("speed"), "Irreplaceable.");
    assert_eq!(h.state().session.source.path(), Some(content.as_path()));
    h.get_by_label_contains("could not be saved anywhere");
}

// Case 4: a notes file that is a link within its folder: the target is
// written, the link stays. (A link out of its folder, or to nothing, is
// never written through: tests/hostile_folder.rs.)

#[test]
fn a_linked_notes_file_is_written_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("shared");
    std::fs::create_dir(&elsewhere).unwrap();
    let target = elsewhere.join("real.notes.ron");
    std::fs::write(&target, "Notes(comparison: \"Travel\")\n").unwrap();
    let link = dir.path().join("travel.notes.ron");
    // A relative link, as `ln -s` makes them.
    let relative = Path::new("shared").join("real.notes.ron");
    std::os::unix::fs::symlink(&relative, &link).unwrap();
    assert!(link.exists(), "the link points into its own folder");
    let mut s = NotesFile::open(link.clone(), "Travel");
    assert_eq!(s.status, Status::Saved);
    s.notes.text_mut("speed").push_str("Through the link.");
    s.changed(std::time::Instant::now());
    let later = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let (job, _) = s.poll_autosave(later);
    let reply = versus::notes::writer::save_notes(job.unwrap());
    s.finished(reply, later);
    assert_eq!(s.status, Status::Saved);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        Notes::load(&target).unwrap().unwrap().text("speed"),
        "Through the link."
    );
    // No temporary file was left in either folder.
    for d in [dir.path(), elsewhere.as_path()] {
        let names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}

// Case 5: a byte-order mark is fine; a file starting with `#` gets words a
// person understands.

#[test]
fn a_notes_file_with_a_byte_order_mark_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.notes.ron");
    std::fs::write(
        &path,
        "\u{feff}Notes(comparison: \"Travel\", overall: \"With a BOM.\")\n",
    )
    .unwrap();
    let s = NotesFile::open(path, "Travel");
    assert_eq!(s.status, Status::Saved);
    assert_eq!(s.notes.overall, "With a BOM.");
}

#[test]
fn a_notes_file_starting_with_a_hash_gets_a_plain_message() {
    let e = Notes::from_ron(b"# My notes\n\nSome text.\n", Path::new("n.ron")).unwrap_err();
    let message = e.to_string();
    assert!(message.starts_with("n.ron:1:1: "), "{message}");
    assert!(message.contains("not a notes file"), "{message}");
    assert!(message.contains("`Notes(`"), "{message}");
    assert!(!message.contains("enable"), "{message}");
    assert!(!e.is_damaged_notes());
    // A `#` inside a notes file is a mistake in notes: said so, in words.
    let e = Notes::from_ron(b"Notes(\n  # comment\n)", Path::new("n.ron")).unwrap_err();
    assert!(
        e.to_string().contains("comments in a notes file are `//`"),
        "{e}"
    );
    assert!(e.is_damaged_notes());
}

#[test]
fn a_failing_save_that_no_place_can_copy_says_so_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("travel.ron");
    std::fs::write(&content, versus::model::BUILT_IN_RON).unwrap();
    let mut h = open(&content, data.path());
    // The notes folder goes, and the data folder cannot be made (a file
    // stands where it would be): no place can take a copy.
    std::fs::remove_dir_all(dir.path()).unwrap();
    let blocked = data.path().join("a-file");
    std::fs::write(&blocked, "x").unwrap();
    h.state_mut().session.notes_file.fallback = Some(blocked.join("versus").join("t.notes.ron"));
    let title = h.state().session.comparison.dimensions[0].title.clone();
    click_row(&mut h, &title);
    type_note(&mut h, &title, "Nowhere to go.");
    step_until(&mut h, 40, |app| {
        matches!(app.session.notes_file.status, Status::Failed(_))
    });
    let status = h.state().session.notes_status();
    assert!(
        status.contains("No copy could be kept either") && status.contains("a-file"),
        "{status}"
    );
    assert!(h.state().session.notes_file.rescued_to.is_none());
    // The words are still in memory, and still unsaved.
    assert!(h.state().session.notes_file.has_unsaved());
    assert!(
        h.state()
            .session
            .notes()
            .text(&h.state().session.comparison.dimensions[0].id)
            .contains("Nowhere to go.")
    );
}
