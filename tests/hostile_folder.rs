//! A folder someone sent you: links, named pipes and devices where versus
//! expects files. Nothing may hang versus, write where the person did not
//! look, or lose a typed word. The command line and the window are the
//! real binary (the window in a private Xvfb display); the export prompt
//! and the notes file are driven with kittest and the library.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly"
)]

mod common;
use common::xvfb::{Display, require_tools, sigterm};
use common::{
    click_row, mkfifo, open, open_export, press_export, started, step_until, type_export_path,
    type_note, wait_until,
};

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::notes::Notes;
use versus::notes::file::{Flushed, NotesFile, Status};

const TEA: &str = r#"Comparison(
    title: "Tea vs Coffee",
    intro: "touch ~/PWNED",
    subjects: [(id: "tea", name: "Tea"), (id: "coffee", name: "Coffee")],
    dimensions: [
        (id: "taste", title: "Taste", points: [
            (aspect: "Bitterness", sides: {"tea": "mild", "coffee": "strong"}),
        ]),
    ],
)"#;

/// A HOME-like folder with a `.bashrc` ("home") and a shipped folder
/// beside it ("ship") holding `tea.ron`, inside one temporary folder; never
/// the real home.
struct Sent {
    _root: tempfile::TempDir,
    home: PathBuf,
    ship: PathBuf,
    content: PathBuf,
    data: tempfile::TempDir,
}

const BASHRC: &str = "# the person's own shell start-up file\n";

fn sent() -> Sent {
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    let ship = root.path().join("ship");
    std::fs::create_dir(&home).unwrap();
    std::fs::create_dir(&ship).unwrap();
    std::fs::write(home.join(".bashrc"), BASHRC).unwrap();
    let content = ship.join("tea.ron");
    std::fs::write(&content, TEA).unwrap();
    Sent {
        _root: root,
        home,
        ship,
        content,
        data: tempfile::tempdir().unwrap(),
    }
}

/// Runs `f` on its own thread; fails the test (instead of hanging it) when
/// it takes longer than `limit`.
fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("{what}: no answer within {limit:?} (it hangs)"))
}

// ---------------------------------------------------------------------------
// The real binary on the command line, watched: killed when it hangs or its
// memory passes a cap, its peak memory measured by the kernel.
// ---------------------------------------------------------------------------

/// What one watched run did.
struct Watched {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// The highest peak resident memory seen while it ran, in MB.
    peak_mb: u64,
    /// Why it was killed, if it was.
    killed: Option<String>,
}

/// A memory figure of a running process (`VmRSS:` now, `VmHWM:` its
/// peak), in MB; 0 once it is gone.
fn memory_mb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn rss_mb(pid: u32) -> u64 {
    memory_mb(pid, "VmRSS:")
}

/// Runs `versus args` with `data` as its data folder, killing it after
/// `limit` or as soon as it holds more than `cap_mb` of memory.
fn watched(args: &[&str], data: &Path, limit: Duration, cap_mb: u64) -> Watched {
    let logs = tempfile::tempdir().unwrap();
    let (out, err) = (logs.path().join("out"), logs.path().join("err"));
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_versus"))
        .args(args)
        .env("VERSUS_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let mut killed = None;
    let mut peak_mb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak_mb = peak_mb.max(memory_mb(child.id(), "VmHWM:"));
        if killed.is_none() {
            let rss = rss_mb(child.id());
            if rss > cap_mb {
                killed = Some(format!("{rss} MB resident, over {cap_mb} MB"));
            } else if start.elapsed() > limit {
                killed = Some(format!("still running after {limit:?}"));
            }
            if killed.is_some() {
                let _ = child.kill();
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Watched {
        code: status.code(),
        stdout: std::fs::read_to_string(out).unwrap(),
        stderr: std::fs::read_to_string(err).unwrap(),
        elapsed: start.elapsed(),
        peak_mb,
        killed,
    }
}

// ---------------------------------------------------------------------------
// Case 1: an export or a notes file through a link the sender shipped.
// ---------------------------------------------------------------------------

#[test]
fn the_cli_never_writes_through_a_shipped_link_without_force() {
    let s = sent();
    let bashrc = s.home.join(".bashrc");
    let link = s.ship.join("tea-vs-coffee.md");
    symlink("../home/.bashrc", &link).unwrap();
    let c = s.content.to_str().unwrap();
    let out = link.to_str().unwrap();
    let run = watched(
        &["export", c, "--format", "markdown", "--out", out],
        s.data.path(),
        Duration::from_secs(30),
        300,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), BASHRC);
    // The refusal says where the link points, and how to go on.
    let plain = std::fs::canonicalize(&bashrc).unwrap();
    let told = format!("is a link to {}", plain.display());
    assert!(run.stderr.contains(&told), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);

    // A link to nothing is never followed to create a file, --force or not.
    let gitconfig = s.home.join(".gitconfig");
    let dangling = s.ship.join("tea-vs-coffee.html");
    symlink("../home/.gitconfig", &dangling).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["export", c, "--format", "html"];
        args.extend(["--out", dangling.to_str().unwrap()]);
        args.extend_from_slice(extra);
        let run = watched(&args, s.data.path(), Duration::from_secs(30), 300);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert!(
            !gitconfig.exists(),
            "{args:?} created {}",
            gitconfig.display()
        );
        assert!(
            run.stderr.contains("which does not exist"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_window_names_a_shipped_link_and_never_follows_it_unasked() {
    let s = sent();
    let bashrc = s.home.join(".bashrc");
    let link = s.ship.join("tea-vs-coffee.md");
    symlink("../home/.bashrc", &link).unwrap();
    let mut h = open(&s.content, s.data.path());
    open_export(&mut h);
    type_export_path(&mut h, &link);
    press_export(&mut h);
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), BASHRC);
    let plain = std::fs::canonicalize(&bashrc).unwrap();
    h.get_by_label_contains(&format!(
        "tea-vs-coffee.md is a link to {}",
        plain.display()
    ));
    assert!(
        h.state().export_dialog.open,
        "nothing written, still asking"
    );

    // A link to nothing: refused however often Export is pressed.
    let gitconfig = s.home.join(".gitconfig");
    let dangling = s.ship.join("tea-vs-coffee.html");
    symlink("../home/.gitconfig", &dangling).unwrap();
    open_export(&mut h);
    type_export_path(&mut h, &dangling);
    for _ in 0..2 {
        press_export(&mut h);
    }
    assert!(!gitconfig.exists(), "created through a dangling link");
    h.get_by_label_contains("which does not exist");
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
}

#[test]
fn a_dangling_shipped_notes_link_creates_nothing_and_the_words_are_kept() {
    let s = sent();
    let profile = s.home.join(".profile");
    let link = s.ship.join("tea.notes.ron");
    symlink("../home/.profile", &link).unwrap();
    let mut h = open(&s.content, s.data.path());
    common::click_row(&mut h, "Taste");
    type_note(&mut h, "Taste", "Kept in a copy.");
    step_until(&mut h, 20, |app| {
        app.session.notes_file.rescued_to.is_some()
    });
    assert!(!profile.exists(), "the autosave created the sender's file");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        matches!(&h.state().session.notes_file.status, Status::Failed(why) if why.contains("is a link to")),
        "{:?}",
        h.state().session.notes_file.status
    );
    let copy = h.state().session.notes_file.rescued_to.clone().unwrap();
    let kept = std::fs::read(&copy).unwrap();
    assert_eq!(
        Notes::from_ron(&kept, &copy).unwrap().text("taste"),
        "Kept in a copy."
    );
    // The person is told, in the banner above the notes.
    h.get_by_label_contains("is a link to");
}

#[test]
fn a_notes_link_out_of_its_folder_is_never_written_through() {
    let s = sent();
    // The person's real notes for something else, and a shipped link to it.
    let theirs = s.home.join("plans.notes.ron");
    let before = "Notes(comparison: \"Plans\")\n";
    std::fs::write(&theirs, before).unwrap();
    let link = s.ship.join("tea.notes.ron");
    symlink("../home/plans.notes.ron", &link).unwrap();
    let mut f = NotesFile::open(link.clone(), "Tea vs Coffee");
    f.notes.text_mut("taste").push_str("Not into their file.");
    f.changed(Instant::now());
    match f.flush() {
        Flushed::KeptAside { path, why } => {
            assert!(why.contains("outside its folder"), "{why}");
            assert_eq!(storage_folder(&path), s.ship);
            let kept = std::fs::read(&path).unwrap();
            assert_eq!(
                Notes::from_ron(&kept, &path).unwrap().text("taste"),
                "Not into their file."
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), before);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
}

/// A notes link out of its folder, in the window: refused, and the banner
/// names where it points and offers to write there; once agreed, the notes
/// go there (the link stays), and a later window with the same remembered
/// choice writes there without asking; pointed elsewhere, it asks again.
#[test]
fn a_notes_link_out_of_its_folder_is_written_through_once_agreed_to() {
    let s = sent();
    let theirs = s.home.join("tea.notes.ron");
    std::fs::write(&theirs, "Notes(comparison: \"Tea vs Coffee\")\n").unwrap();
    let link = s.ship.join("tea.notes.ron");
    symlink("../home/tea.notes.ron", &link).unwrap();
    let target = std::fs::canonicalize(&theirs).unwrap();
    let open = |remembered: Option<versus::app::remembered::Remembered>| {
        let mut app = VersusApp::open_at_start(Some(&s.content), s.data.path().to_owned());
        if let Some(r) = remembered {
            app.restore(r);
        }
        started(app)
    };
    let mut h = open(None);
    click_row(&mut h, "Taste");
    type_note(&mut h, "Taste", "Where do I go?");
    step_until(&mut h, 6, |app| {
        matches!(app.session.notes_file.status, Status::Failed(_))
    });
    let read = || common::notes_at(&theirs);
    assert_eq!(read().text("taste"), "", "not written unasked");
    let button = format!("Write to {}", target.display());
    h.get_by_label(&button).click();
    h.run();
    step_until(&mut h, 6, |app| {
        app.session.notes_file.status == Status::Saved
    });
    assert_eq!(read().text("taste"), "Where do I go?");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let remembered = h.state().remembered_now();
    drop(h);

    // Agreed once: a later window writes there without asking.
    let mut h = open(Some(remembered.clone()));
    click_row(&mut h, "Taste");
    type_note(&mut h, "Taste", " Again.");
    step_until(&mut h, 6, |app| {
        app.session.notes_file.status == Status::Saved
    });
    assert_eq!(read().text("taste"), "Where do I go? Again.");
    drop(h);

    // The link now points elsewhere: that place was never agreed to.
    let other = s.home.join("other.notes.ron");
    std::fs::copy(&theirs, &other).unwrap();
    std::fs::remove_file(&link).unwrap();
    symlink("../home/other.notes.ron", &link).unwrap();
    let before = std::fs::read(&other).unwrap();
    let mut h = open(Some(remembered));
    click_row(&mut h, "Taste");
    type_note(&mut h, "Taste", " Elsewhere?");
    step_until(&mut h, 6, |app| {
        matches!(app.session.notes_file.status, Status::Failed(_))
    });
    assert_eq!(std::fs::read(&other).unwrap(), before);
    let other = std::fs::canonicalize(&other).unwrap();
    h.get_by_label(&format!("Write to {}", other.display()));
}

fn storage_folder(p: &Path) -> PathBuf {
    p.parent().unwrap().to_owned()
}

// ---------------------------------------------------------------------------
// Case 2: a named pipe (or a device) where content is expected.
// ---------------------------------------------------------------------------

#[test]
fn validate_answers_a_named_pipe_at_once() {
    let s = sent();
    let talk = s.ship.join("talk.ron");
    mkfifo(&talk);
    let run = watched(
        &["validate", talk.to_str().unwrap()],
        s.data.path(),
        Duration::from_secs(10),
        300,
    );
    assert!(run.killed.is_none(), "{:?}", run.killed);
    assert!(run.elapsed < Duration::from_secs(2), "{:?}", run.elapsed);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.contains("talk.ron"), "{}", run.stdout);
    assert!(
        run.stdout.contains("named pipe, not a file"),
        "{}",
        run.stdout
    );

    // A device: refused by kind, nothing read.
    let run = watched(
        &["validate", "/dev/zero"],
        s.data.path(),
        Duration::from_secs(10),
        300,
    );
    assert!(run.killed.is_none(), "{:?}", run.killed);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout.contains("a device, not a file"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_window_refuses_a_named_pipe_at_start_on_open_and_on_reload() {
    let s = sent();
    let talk = s.ship.join("talk.ron");
    mkfifo(&talk);
    let (content, data) = (s.content.clone(), s.data.path().to_owned());
    // Everything on one thread that must answer: a hang fails the test.
    let errors = within(Duration::from_mins(1), "the window on a pipe", move || {
        let at_start = VersusApp::open_at_start(Some(&talk), data.clone())
            .session
            .error
            .unwrap_or_default();
        let mut app = VersusApp::open_at_start(Some(&content), data);
        app.apply(versus::session::command::FileCmd::Open(talk).into());
        let on_open = app.session.error.take().unwrap_or_default();
        // The open file swapped for a pipe, then reloaded.
        std::fs::remove_file(&content).unwrap();
        mkfifo(&content);
        app.apply(versus::session::command::FileCmd::Reload.into());
        let on_reload = app.session.error.take().unwrap_or_default();
        [at_start, on_open, on_reload]
    });
    for error in errors {
        assert!(error.contains("named pipe, not a file"), "{error}");
    }
}

// ---------------------------------------------------------------------------
// Case 3: the notes file swapped under an open window, and `--notes`.
// ---------------------------------------------------------------------------

/// Notes in `dir/tea.notes.ron` with a word typed, as an open window has
/// them.
fn open_notes(dir: &Path) -> NotesFile {
    let path = dir.join("tea.notes.ron");
    std::fs::write(&path, "Notes(comparison: \"Tea vs Coffee\")\n").unwrap();
    let mut f = NotesFile::open(path, "Tea vs Coffee");
    assert_eq!(f.status, Status::Saved);
    f.notes.text_mut("taste").push_str("Typed after the swap.");
    f.changed(Instant::now());
    f
}

/// The words of a copy kept aside by `flush`.
fn kept_words(flushed: &Flushed) -> String {
    let Flushed::KeptAside { path, .. } = flushed else {
        panic!("not kept aside: {flushed:?}");
    };
    let bytes = std::fs::read(path).unwrap();
    Notes::from_ron(&bytes, path)
        .unwrap()
        .text("taste")
        .to_owned()
}

#[test]
fn notes_swapped_for_a_named_pipe_exit_at_once_and_keep_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = open_notes(dir.path());
    std::fs::remove_file(&f.path).unwrap();
    mkfifo(&f.path);
    // What Ctrl+Q runs: it must come back, with the words in a copy.
    let (flushed, why) = within(Duration::from_secs(10), "flush on a pipe", move || {
        let flushed = f.flush();
        (flushed, f.status.clone())
    });
    assert_eq!(kept_words(&flushed), "Typed after the swap.");
    assert!(
        matches!(&why, Status::Failed(e) if e.contains("named pipe, not a file")),
        "{why:?}"
    );
}

/// "Keep mine" on a file swapped for a named pipe since the banner came
/// up: it answers at once with an error and writes nothing through the pipe.
#[test]
fn keep_mine_on_a_notes_file_swapped_for_a_named_pipe_answers_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = open_notes(dir.path());
    std::fs::remove_file(&f.path).unwrap();
    mkfifo(&f.path);
    let kept = within(Duration::from_secs(10), "keep mine on a pipe", move || {
        f.keep_mine().map_err(|e| e.to_string())
    });
    let why = kept.unwrap_err();
    assert!(why.contains("named pipe, not a file"), "{why}");
}

#[test]
fn notes_swapped_for_a_huge_sparse_file_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = open_notes(dir.path());
    // Just over the limit, sparse: no disk used, and no memory may be.
    std::fs::remove_file(&f.path).unwrap();
    let huge = std::fs::File::create(&f.path).unwrap();
    huge.set_len(versus::notes::MAX_NOTES_BYTES + 1).unwrap();
    let flushed = f.flush();
    assert_eq!(kept_words(&flushed), "Typed after the swap.");
    assert!(
        matches!(&f.status, Status::Failed(e) if e.contains("a notes file is at most")),
        "{:?}",
        f.status
    );
    assert_eq!(
        std::fs::metadata(&f.path).unwrap().len(),
        versus::notes::MAX_NOTES_BYTES + 1,
        "their file is untouched"
    );
}

#[test]
fn export_notes_from_a_pipe_a_device_or_a_huge_file_fails_fast_and_small() {
    let s = sent();
    let fifo = s.ship.join("talk.notes.ron");
    mkfifo(&fifo);
    let huge = s.ship.join("huge.notes.ron");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let c = s.content.to_str().unwrap();
    for (notes, says) in [
        (fifo.to_str().unwrap(), "named pipe, not a file"),
        ("/dev/zero", "a device, not a file"),
        (huge.to_str().unwrap(), "a notes file is at most"),
    ] {
        let run = watched(
            &[
                "export", c, "--notes", notes, "--format", "markdown", "--out", "-",
            ],
            s.data.path(),
            Duration::from_secs(10),
            300,
        );
        assert!(run.killed.is_none(), "--notes {notes}: {:?}", run.killed);
        assert_eq!(run.code, Some(1), "--notes {notes}: {}", run.stderr);
        assert!(run.stderr.contains(says), "--notes {notes}: {}", run.stderr);
        assert!(
            run.elapsed < Duration::from_secs(2),
            "{notes}: {:?}",
            run.elapsed
        );
        // Nothing of the file was read: the whole run stays small.
        assert!(run.peak_mb < 100, "--notes {notes}: {} MB", run.peak_mb);
    }
}

// ---------------------------------------------------------------------------
// The real window in a private X display (Xvfb): the notes file swapped for
// a link to /dev/zero while typing; the window state file a link, a pipe.
// ---------------------------------------------------------------------------

/// The real window, killed if still running when dropped.
struct Window {
    child: std::process::Child,
    log: PathBuf,
    _logs: tempfile::TempDir,
}

impl Window {
    /// Starts `versus args` on `display` with `data` as its data folder;
    /// fails when no window shows within `limit`.
    fn start(display: &Display, data: &Path, args: &[&Path], limit: Duration) -> Self {
        let logs = tempfile::tempdir().unwrap();
        let log = logs.path().join("stderr");
        let child = display
            .versus(data)
            .args(args)
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let window = Self {
            child,
            log,
            _logs: logs,
        };
        let secs = limit.as_secs().to_string();
        let found = Command::new("timeout")
            .args([&secs, "xdotool", "search", "--sync", "--onlyvisible"])
            .args(["--name", "versus"])
            .env("DISPLAY", display.name())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let id = String::from_utf8_lossy(&found.stdout)
            .lines()
            .next()
            .map(str::to_owned)
            .filter(|_| found.status.success());
        let Some(id) = id else {
            panic!("no window within {limit:?}; stderr:\n{}", window.stderr());
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !display.try_xdotool(&["windowfocus", &id]) {
            assert!(Instant::now() < deadline, "cannot focus the window");
            std::thread::sleep(Duration::from_millis(100));
        }
        display.try_xdotool(&["mousemove", "600", "400"]);
        std::thread::sleep(Duration::from_millis(500));
        window
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, then waits for a clean exit; returns standard error.
    fn terminate(&mut self) -> String {
        sigterm(self.pid());
        let deadline = Instant::now() + Duration::from_secs(15);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "no exit within 15 s of SIGTERM; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let stderr = self.stderr();
        assert!(status.success(), "exit {status}; stderr:\n{stderr}");
        stderr
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn type_text(display: &Display, text: &str) {
    display.xdotool(&["type", "--delay", "30", text]);
}

fn key(display: &Display, name: &str) {
    display.xdotool(&["key", name]);
    std::thread::sleep(Duration::from_millis(200));
}

#[test]
fn notes_swapped_for_a_link_to_dev_zero_stay_small_and_keep_the_words() {
    require_tools();
    let display = Display::start(430..=444);
    let s = sent();
    let notes = s.ship.join("tea.notes.ron");
    let mut app = Window::start(
        &display,
        s.data.path(),
        &[&s.content],
        Duration::from_secs(30),
    );
    // The introduction is selected: Down, F2 writes in the first dimension.
    key(&display, "Down");
    key(&display, "F2");
    type_text(&display, "before ");
    wait_until(Duration::from_secs(10), "no first autosave", || {
        notes.exists()
    });
    std::fs::remove_file(&notes).unwrap();
    symlink("/dev/zero", &notes).unwrap();
    type_text(&display, "after ");
    // Several autosaves (and their retries) against the swapped file,
    // memory watched all along.
    let mut peak = 0;
    let until = Instant::now() + Duration::from_secs(6);
    while Instant::now() < until {
        let rss = rss_mb(app.pid());
        peak = peak.max(rss);
        assert!(rss < 300, "{rss} MB resident after the swap");
        std::thread::sleep(Duration::from_millis(20));
    }
    let stderr = app.terminate();
    eprintln!("peak resident memory after the swap: {peak} MB");
    let copies = common::files_starting(&s.ship, "tea.notes.ron.unsaved-");
    let copy = copies
        .last()
        .unwrap_or_else(|| panic!("no copy; stderr:\n{stderr}"));
    let kept = std::fs::read(copy).unwrap();
    let text = Notes::from_ron(&kept, copy)
        .unwrap()
        .text("taste")
        .to_owned();
    assert!(text.contains("before after"), "{text:?}\n{stderr}");
    assert!(std::fs::symlink_metadata(&notes).unwrap().is_symlink());
}

// ---------------------------------------------------------------------------
// Case 5: the window state file is versus's own.
// ---------------------------------------------------------------------------

#[test]
fn a_window_state_link_is_moved_aside_and_its_target_untouched() {
    require_tools();
    let display = Display::start(445..=459);
    let s = sent();
    let bashrc = s.home.join(".bashrc");
    let state = s.data.path().join("window-state.ron");
    symlink(&bashrc, &state).unwrap();
    let mut app = Window::start(
        &display,
        s.data.path(),
        &[&s.content],
        Duration::from_secs(30),
    );
    // A state change: another dimension selected. It reaches the real
    // file soon, as a regular file of versus's own, before any exit.
    key(&display, "Down");
    wait_until(
        Duration::from_secs(10),
        "the state was not written while running",
        || std::fs::symlink_metadata(&state).is_ok_and(|m| m.is_file()),
    );
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), BASHRC);
    let stderr = app.terminate();
    assert_eq!(
        std::fs::read_to_string(&bashrc).unwrap(),
        BASHRC,
        "{stderr}"
    );
    assert!(
        stderr.contains("window-state.ron was a link to"),
        "{stderr}"
    );
    let kind = std::fs::symlink_metadata(&state).unwrap().file_type();
    assert!(
        kind.is_file(),
        "versus wrote its own regular file: {kind:?}"
    );
    assert!(std::fs::read_to_string(&state).unwrap().contains("tea.ron"));
    let aside = common::files_starting(s.data.path(), "window-state.ron.moved-");
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(std::fs::symlink_metadata(&aside[0]).unwrap().is_symlink());

    // A link to nothing: its target is never created.
    let nothing = s.home.join("created-by-versus");
    std::fs::remove_file(&state).unwrap();
    symlink(&nothing, &state).unwrap();
    let mut app = Window::start(
        &display,
        s.data.path(),
        &[&s.content],
        Duration::from_secs(30),
    );
    key(&display, "Down");
    app.terminate();
    assert!(!nothing.exists(), "created through a dangling link");
}

#[test]
fn a_window_state_pipe_or_device_never_stops_the_window() {
    require_tools();
    let display = Display::start(460..=474);
    let s = sent();
    let state = s.data.path().join("window-state.ron");
    mkfifo(&state);
    let mut app = Window::start(
        &display,
        s.data.path(),
        &[&s.content],
        Duration::from_secs(20),
    );
    let stderr = app.terminate();
    assert!(stderr.contains("was a named pipe, not a file"), "{stderr}");
    assert!(std::fs::symlink_metadata(&state).unwrap().is_file());

    // A link to /dev/zero: moved aside, not read (the start stays small).
    std::fs::remove_file(&state).unwrap();
    symlink("/dev/zero", &state).unwrap();
    let mut app = Window::start(
        &display,
        s.data.path(),
        &[&s.content],
        Duration::from_secs(20),
    );
    let rss = rss_mb(app.pid());
    assert!(rss < 300, "{rss} MB at start");
    let stderr = app.terminate();
    assert!(stderr.contains("was a link to /dev/zero"), "{stderr}");
}
