//! Remembered paths name the same files whichever folder versus is started
//! from. The only test in this file: it changes the process's current
//! folder, which no other test may see.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

use std::path::Path;

use versus::VersusApp;
use versus::app::command::{ExportCmd, FileCmd};
use versus::app::remembered::Remembered;

fn write(path: &Path, title: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text =
        versus::model::BUILT_IN_RON.replace("Project Management vs Technology Management", title);
    std::fs::write(path, text).unwrap();
}

#[test]
fn files_opened_by_a_relative_path_reopen_from_another_folder() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(&a.path().join("rel/talk.ron"), "Talk");
    write(&a.path().join("rel/other.ron"), "Other");

    // Started in A as `versus rel/talk.ron`, then File ▸ Open rel/other.ron.
    std::env::set_current_dir(a.path()).unwrap();
    let mut app = VersusApp::open_at_start(Some(Path::new("rel/talk.ron")), data.path().to_owned());
    assert_eq!(app.comparison.title, "Talk");
    app.apply(FileCmd::Open("rel/other.ron".into()).into());
    assert_eq!(app.comparison.title, "Other");
    // An export typed as a relative path.
    std::fs::create_dir(a.path().join("out")).unwrap();
    app.apply(ExportCmd::ShowDialog.into());
    app.apply(ExportCmd::Submit("out/talk.md".into()).into());
    assert!(a.path().join("out/talk.md").is_file());
    let saved = ron::to_string(&app.remembered_now()).unwrap();
    drop(app);
    let remembered = Remembered::from_ron(&saved);
    for path in remembered
        .recent
        .iter()
        .chain(&remembered.last_file)
        .chain(&remembered.last_closed)
        .chain(&remembered.export.folder)
    {
        assert!(path.is_absolute(), "{} in {saved}", path.display());
    }

    // Started again in B with no file: what main does.
    std::env::set_current_dir(b.path()).unwrap();
    let remembered = Remembered::from_ron(&saved);
    let file = remembered.last_file.clone().filter(|p| p.is_file());
    assert!(file.is_some(), "the last comparison reopens: {saved}");
    let mut app = VersusApp::open_at_start(file.as_deref(), data.path().to_owned());
    app.restore(remembered);
    assert_eq!(app.error, None);
    assert_eq!(app.comparison.title, "Other");
    // The next export is suggested in the folder of the last one.
    app.apply(ExportCmd::ShowDialog.into());
    let suggested = Path::new(&app.export_dialog.path).to_owned();
    assert_eq!(
        suggested.parent(),
        Some(a.path().canonicalize().unwrap().join("out").as_path()),
        "{saved}"
    );
    app.apply(ExportCmd::CloseDialog.into());
    // Open Recent lists both.
    assert_eq!(app.remembered.recent_files().len(), 2, "{saved}");
    // Ctrl+Shift+T reopens the one left for it.
    app.apply(FileCmd::ReopenClosed.into());
    assert_eq!(app.error, None);
    assert_eq!(app.comparison.title, "Talk");
    // The notes beside it are the same file as when it was opened from A.
    assert_eq!(
        app.notes_file.path,
        a.path().canonicalize().unwrap().join("rel/talk.notes.ron")
    );
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
}
