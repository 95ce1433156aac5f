//! Remembered paths name the same files whichever folder versus is started
//! from: the app driven in this process (the only test here that changes
//! the process's current folder, which no other test may see), and the
//! real binary in a virtual X display, started from two folders.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use versus::VersusApp;
use versus::app::remembered::Remembered;
use versus::session::command::{ExportCmd, FileCmd};

mod common;
use common::xvfb::{Display, require_tools, terminate};
use common::{wait_until, write_comparison};

#[test]
fn files_opened_by_a_relative_path_reopen_from_another_folder() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_comparison(a.path(), "rel/talk.ron", "Talk");
    write_comparison(a.path(), "rel/other.ron", "Other");

    // Started in A as `versus rel/talk.ron`, then File ▸ Open rel/other.ron.
    std::env::set_current_dir(a.path()).unwrap();
    let mut app = VersusApp::open_at_start(Some(Path::new("rel/talk.ron")), data.path().to_owned());
    assert_eq!(app.session.comparison.title, "Talk");
    app.apply(FileCmd::Open("rel/other.ron".into()).into());
    assert_eq!(app.session.comparison.title, "Other");
    // An export typed as a relative path.
    std::fs::create_dir(a.path().join("out")).unwrap();
    app.apply(ExportCmd::ShowDialog.into());
    app.apply(ExportCmd::Submit("out/talk.md".into()).into());
    common::finish_export(&mut app);
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
    assert_eq!(app.session.error, None);
    assert_eq!(app.session.comparison.title, "Other");
    // The next export is suggested in the folder of the last one.
    app.apply(ExportCmd::ShowDialog.into());
    let suggested = Path::new(&app.export_dialog.field.path).to_owned();
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
    assert_eq!(app.session.error, None);
    assert_eq!(app.session.comparison.title, "Talk");
    // The notes beside it are the same file as when it was opened from A.
    assert_eq!(
        app.session.notes_file.path,
        a.path().canonicalize().unwrap().join("rel/talk.notes.ron")
    );
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
}

/// Whether a window whose title holds `title` shows on `display` within
/// `limit`.
fn shows(display: &Display, title: &str, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if display.try_xdotool(&["search", "--onlyvisible", "--name", title]) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

/// SIGTERM (versus closes its window the normal way), then waits; killed
/// after 10 s.
fn stop(child: &mut Child) {
    if terminate(child, Duration::from_secs(10)).is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// The real binary started in `folder` with `args`, on `display`.
fn start(display: &Display, folder: &Path, data: &Path, args: &[&str]) -> Child {
    display
        .versus(data)
        .args(args)
        .current_dir(folder)
        .spawn()
        .unwrap()
}

#[test]
fn the_real_window_started_elsewhere_reopens_the_last_comparison() {
    require_tools();
    let display = Display::start(240..=254);
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_comparison(a.path(), "rel/talk.ron", "Started in A");

    // `versus rel/talk.ron`, from A.
    let mut app = start(&display, a.path(), data.path(), &["rel/talk.ron"]);
    assert!(shows(&display, "Started in A", Duration::from_secs(30)));
    let state = data.path().join("window-state.ron");
    wait_until(Duration::from_secs(20), "no state written", || {
        std::fs::read_to_string(&state).is_ok_and(|s| s.contains("talk.ron"))
    });
    stop(&mut app);
    let saved = std::fs::read_to_string(&state).unwrap();
    let absolute = a.path().canonicalize().unwrap().join("rel/talk.ron");
    assert!(
        saved.contains(&absolute.display().to_string()),
        "{} in {saved}",
        absolute.display()
    );

    // `versus`, from B: the same comparison.
    let mut app = start(&display, b.path(), data.path(), &[]);
    let reopened = shows(&display, "Started in A", Duration::from_secs(30));
    stop(&mut app);
    assert!(
        reopened,
        "the last comparison did not reopen from B: {saved}"
    );
}
