//! Merging notes in the window: File ▸ Merge notes from… (a colleague's
//! copy, reviewed place by place, one undo step) and "Merge" on the
//! changed-on-disk banner.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
use common::{click_row, open_built_in, step_until, type_note};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::notes::Notes;
use versus::notes::file::Status;
use versus::notes::merge::{END_OF_THEIR_VERSION, THEIR_VERSION};

fn undo(h: &mut Harness<'static, VersusApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
}

#[test]
fn a_colleagues_notes_are_reviewed_merged_and_undone_in_one_step() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    type_note(&mut h, "Scope", "Mine on scope.");
    h.key_press(egui::Key::Escape);
    h.run();
    click_row(&mut h, "Team Composition");
    h.key_press(egui::Key::S);
    h.run();
    let before = h.state().session.notes().clone();

    // The colleague's copy, beside the notes file.
    let mut theirs = Notes::for_comparison(&before.comparison);
    theirs.text_mut("scope").push_str("Theirs on scope.");
    theirs.text_mut("risk").push_str("Theirs on risk.");
    theirs.toggle_star("risk");
    theirs.text_mut("team").push_str("Theirs on team.");
    theirs.entry("team").verdict = Some(versus::notes::Verdict::Subject("tm".to_owned()));
    let from = data.path().join("colleague.notes.ron");
    std::fs::write(&from, theirs.to_ron()).unwrap();

    // File ▸ Merge notes from…, the path field starts in the notes' folder.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Merge notes from…").click();
    h.run();
    h.get_by_label("Path of the file (.ron):")
        .type_text("colleague.notes.ron");
    h.run();
    h.get_by_role_and_label(Role::Button, "Review").click();
    h.run();
    assert!(h.state().merge_dialog.is_open());
    h.get_by_label("Merge notes from colleague.notes.ron");
    // What each place adds, by the dimension's title (risk, scope, team).
    assert_eq!(
        h.get_all_by_label("Risk Management").count(),
        2,
        "the sidebar's row and the review's heading"
    );
    assert_eq!(h.get_all_by_label("• adds a note").count(), 2, "risk, team");
    h.get_by_label("• a note: 1 line you do not have");
    h.get_by_label("• stars it");
    h.get_by_label("• verdict Technology Management");
    // In the content's order: Scope keeps both (the default), Team
    // Composition keeps mine, Risk Management takes theirs.
    h.get_all_by_label("Take theirs").nth(2).unwrap().click();
    h.run();
    h.get_all_by_label("Keep mine").nth(1).unwrap().click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Merge").click();
    h.run();
    assert!(!h.state().merge_dialog.is_open());

    let merged = h.state().session.notes().clone();
    assert_eq!(
        merged.text("scope"),
        format!("Mine on scope.\n{THEIR_VERSION}\nTheirs on scope.\n{END_OF_THEIR_VERSION}")
    );
    assert!(
        merged
            .get("scope")
            .unwrap()
            .merged
            .as_ref()
            .unwrap()
            .both_texts
    );
    assert_eq!(merged.text("risk"), "Theirs on risk.");
    assert!(merged.is_starred("risk"));
    assert_eq!(merged.text("team"), "", "kept mine");
    assert!(merged.is_starred("team"), "mine kept whole");

    // The flag shows over the note, and "Checked" clears it.
    click_row(&mut h, "Scope");
    h.get_by_label("Merged, check");
    h.get_by_role_and_label(Role::Button, "Checked").click();
    h.run();
    assert!(
        h.state()
            .session
            .notes()
            .get("scope")
            .unwrap()
            .merged
            .is_none()
    );
    undo(&mut h);
    assert_eq!(*h.state().session.notes(), merged, "the check was one step");

    // One Ctrl+Z undoes the whole merge.
    undo(&mut h);
    let mut expected = before.clone();
    expected.prune();
    let mut now = h.state().session.notes().clone();
    now.prune();
    assert_eq!(now, expected);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        *h.state().session.notes(),
        merged,
        "and redo brings it back"
    );
}

#[test]
fn a_review_made_on_other_notes_merges_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let mut theirs = Notes::for_comparison("T");
    theirs.text_mut("risk").push_str("Theirs.");
    let from = data.path().join("colleague.notes.ron");
    std::fs::write(&from, theirs.to_ron()).unwrap();
    h.state_mut().apply(
        versus::session::command::FileCmd::ShowDialog(
            versus::platform::file_dialog::PathPurpose::MergeNotes,
        )
        .into(),
    );
    h.state_mut()
        .apply(versus::session::command::FileCmd::Submit(from).into());
    h.run();
    assert!(h.state().merge_dialog.is_open());
    // While the review is open, a star is clicked in the window.
    h.state_mut()
        .apply(versus::session::command::NotesCmd::ToggleStar(0).into());
    h.get_by_role_and_label(Role::Button, "Merge").click();
    h.run();
    assert_eq!(h.state().session.notes().text("risk"), "", "nothing merged");
    assert!(
        h.state()
            .session
            .notes()
            .is_starred(&h.state().session.comparison.dimensions[0].id.clone())
    );
    assert!(
        h.state()
            .session
            .message
            .as_deref()
            .unwrap()
            .contains("nothing was merged")
    );
}

#[test]
fn merging_the_own_notes_file_is_refused_in_the_dialog() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    type_note(&mut h, "Scope", "Mine.");
    h.state_mut().flush_notes();
    let own = h.state().session.notes_file.path.clone();
    h.state_mut().apply(
        versus::session::command::FileCmd::ShowDialog(
            versus::platform::file_dialog::PathPurpose::MergeNotes,
        )
        .into(),
    );
    h.run();
    h.state_mut()
        .apply(versus::session::command::FileCmd::Submit(own).into());
    h.run();
    let hint = h.state().path_dialog.field.hint().unwrap().to_owned();
    assert!(hint.contains("your own notes file"), "{hint}");
    assert!(!h.state().merge_dialog.is_open());
}

#[test]
fn merge_on_the_changed_on_disk_banner_keeps_both_sides_work() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    type_note(&mut h, "Scope", "Mine.");
    h.state_mut().flush_notes();
    let path = h.state().session.notes_file.path.clone();
    // A sync tool brings the colleague's version: my saved note, and a
    // note of theirs on Risk.
    let mut theirs = common::notes_at(&path);
    theirs.text_mut("risk").push_str("Theirs on risk.");
    theirs.toggle_star("scope");
    std::fs::write(&path, theirs.to_ron()).unwrap();
    h.get_by_label("Note on Scope").type_text(" And more.");
    h.run();
    step_until(&mut h, 4, |app| {
        matches!(app.session.notes_file.status, Status::Conflict)
    });
    h.get_by_label("The notes file changed on disk");
    h.get_by_role_and_label(Role::Button, "Merge").click();
    h.run();

    let on_disk = common::notes_at(&path);
    assert_eq!(on_disk.text("scope"), "Mine. And more.");
    assert_eq!(on_disk.text("risk"), "Theirs on risk.");
    assert!(on_disk.is_starred("scope"));
    assert!(
        on_disk.get("scope").unwrap().merged.is_none(),
        "a clean merge"
    );
    assert!(!matches!(
        h.state().session.notes_file.status,
        Status::Conflict
    ));
    let kept = std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".theirs-"));
    assert!(kept, "the file's version is kept aside too");

    // One Ctrl+Z: my notes as they were before the merge.
    undo(&mut h);
    assert_eq!(h.state().session.notes().text("scope"), "Mine. And more.");
    assert_eq!(h.state().session.notes().text("risk"), "");
    assert!(!h.state().session.notes().is_starred("scope"));
}
