//! Notes survive the worst: a writer killed with SIGKILL at random moments
//! never leaves a partial file, and the real app, killed while someone
//! types, loses at most the last two seconds (and nothing on SIGTERM).
//!
//! The window tests run the real binary in a virtual X display (Xvfb) and
//! type with xdotool; `./scripts/test.sh` installs both.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly, with the reason in the panic"
)]

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use versus::notes::{DimensionNotes, Notes};

mod common;
use common::xvfb::{Display, require_tools, terminate, wait_for_exit};

// ---------------------------------------------------------------------------
// Test 1: `write_atomic` under SIGKILL.
// ---------------------------------------------------------------------------

/// Set (to the notes file) only in the child process that writes forever.
const WRITER_CHILD: &str = "VERSUS_WRITER_CHILD";

/// How many times the writer is started and killed.
const KILL_ROUNDS: usize = 60;

/// A small xorshift generator: enough to scatter kill moments, no crate.
struct Rng(u64);

impl Rng {
    fn seeded(salt: u64) -> Self {
        let d = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let seed = d.as_secs().wrapping_mul(1_000_000_007) ^ u64::from(d.subsec_nanos()) ^ salt;
        Self(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// The notes the writer saves in step `n`: their size (0..200 KB of text,
/// 0..6 dimensions) changes every step, and everything in them follows
/// from `n`, which the file records, so any mix of two writes shows.
fn sample(n: u64) -> Notes {
    let len = usize::try_from(n.wrapping_mul(7919) % 200_001).unwrap();
    let unit = format!("<{n}>");
    let dims = n % 7;
    Notes {
        comparison: format!("n={n} len={len} dims={dims}"),
        overall: unit.chars().cycle().take(len).collect(),
        dimensions: (0..dims)
            .map(|i| {
                let notes = DimensionNotes {
                    text: format!("step {n}, dimension {i}"),
                    starred: i % 2 == 0,
                    highlights: (0..i).map(|h| format!("point {h}")).collect(),
                    ..DimensionNotes::default()
                };
                (format!("d{i}"), notes)
            })
            .collect(),
        ..Notes::default()
    }
}

/// The step number a saved file claims to be.
fn step_of(notes: &Notes) -> u64 {
    notes
        .comparison
        .strip_prefix("n=")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no step number in {:?}", notes.comparison))
}

/// Not a test on its own: the child process of
/// `a_killed_writer_leaves_the_old_file_or_the_new_one`, which writes
/// forever until it is killed.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(WRITER_CHILD) else {
        return;
    };
    let path = PathBuf::from(path);
    let mut n = Rng::seeded(u64::from(std::process::id())).next() % 1_000_000_000;
    loop {
        versus::storage::write_atomic(&path, sample(n).to_ron().as_bytes()).unwrap();
        n += 1;
    }
}

#[test]
fn a_killed_writer_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.ron");
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::seeded(1);
    let mut last: Option<Vec<u8>> = None;
    let mut changed = 0;
    let mut steps = BTreeSet::new();
    let started = Instant::now();
    for round in 0..KILL_ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(WRITER_CHILD, &path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.between(5, 60)));
        // SIGKILL on Unix: no destructor, no flush, no clean-up runs.
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the writer ended on its own ({status}); it should loop until killed"
        );
        match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => assert!(
                last.is_none(),
                "round {round}: the notes file vanished after it had been written"
            ),
            Err(e) => panic!("round {round}: cannot read {}: {e}", path.display()),
            Ok(bytes) => {
                let notes = Notes::from_ron(&bytes, &path)
                    .unwrap_or_else(|e| panic!("round {round}: the file is torn: {e}"));
                let n = step_of(&notes);
                assert!(
                    notes == sample(n),
                    "round {round}: the file claims step {n} but holds something else ({} bytes)",
                    bytes.len()
                );
                if last.as_ref() != Some(&bytes) {
                    changed += 1;
                }
                steps.insert(n);
                last = Some(bytes);
            }
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "notes.ron")
        .collect();
    for name in &leftovers {
        assert!(
            name.starts_with(".notes.ron.")
                && Path::new(name).extension().is_some_and(|e| e == "tmp"),
            "unexpected file {name} beside the notes"
        );
    }
    // A kill leaves at most the one temporary file being written.
    assert!(
        leftovers.len() <= KILL_ROUNDS,
        "{} temporary files after {KILL_ROUNDS} kills",
        leftovers.len()
    );
    println!(
        "atomic writes: {KILL_ROUNDS} kills in {:.1} s; the file changed in {changed} rounds \
         ({} distinct steps seen), {} temporary files left by kills mid-write",
        started.elapsed().as_secs_f64(),
        steps.len(),
        leftovers.len()
    );
    assert!(
        changed >= 10,
        "only {changed} of {KILL_ROUNDS} rounds wrote anything: the kills did not land while writing"
    );
}

// ---------------------------------------------------------------------------
// Test 2: the real window, killed while typing.
// ---------------------------------------------------------------------------

/// Typing goes on for 8.5 to 10 s (at random) before the kill.
const TYPING_MS: (u64, u64) = (8_500, 10_000);
/// No move to another dimension in the last this-long before the kill:
/// the pauses around a move let the autosave catch up, and the kill must
/// land in a long run of typing, where only the autosave's longest wait
/// bounds what is lost.
const LAST_RUN: Duration = Duration::from_secs(3);
/// Words typed longer ago than this before a SIGKILL must be on disk.
const MAX_LOSS: Duration = Duration::from_secs(2);
/// Move to the next dimension this often, so several get notes.
const PER_DIMENSION: Duration = Duration::from_secs(2);
/// A pause around navigation keys, so none shares a frame with typed text.
/// A short gap around Escape/Down/F2, like a person's. Typing and those
/// keys in one frame is covered by the kittest test
/// `fast_typing_around_f2_and_escape_loses_nothing`; this test is about
/// what reaches the disk.
const KEY_GAP: Duration = Duration::from_millis(200);

/// The real `versus` binary on the built-in comparison, killed if still
/// running when dropped.
struct Versus {
    child: Child,
    log: PathBuf,
    /// Its window's X id (as xdotool prints it).
    window: String,
}

impl Versus {
    /// Starts it with notes in `data`, waits for its window and points
    /// the keyboard at it.
    fn start(display: &Display, data: &Path, log: &Path) -> Self {
        Self::start_with(display, data, log, &[])
    }

    /// As [`Self::start`], with command-line arguments (a content file).
    fn start_with(display: &Display, data: &Path, log: &Path, args: &[&Path]) -> Self {
        let stderr = std::fs::File::create(log).unwrap();
        let child = display
            .versus(data)
            .args(args)
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut app = Self {
            child,
            log: log.to_owned(),
            window: String::new(),
        };
        // This process's window, not another instance's on the same display.
        let pid = app.child.id().to_string();
        let found = display.run_xdotool(&["search", "--sync", "--onlyvisible", "--pid", &pid]);
        let window = String::from_utf8_lossy(&found.stdout)
            .lines()
            .next()
            .map(str::to_owned);
        let Some(window) = window.filter(|_| found.status.success()) else {
            let status = app.child.try_wait().unwrap();
            panic!(
                "no versus window within 30 s (process: {status:?}); its stderr:\n{}",
                app.stderr()
            );
        };
        app.window.clone_from(&window);
        // No window manager here: focus the window and put the pointer over
        // it, or the keys go nowhere. The window can be found a moment
        // before the server lets it take the focus (BadMatch): retry.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !display.try_xdotool(&["windowfocus", &window]) {
            assert!(
                Instant::now() < deadline,
                "cannot focus the versus window {window}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        display.xdotool(&["mousemove", "600", "400"]);
        // Let the first frames draw before typing.
        std::thread::sleep(Duration::from_millis(500));
        app
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Versus {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads and parses the notes file; it must be there and valid.
fn read_notes(path: &Path) -> (Vec<u8>, Notes) {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("no notes file at {}: {e}", path.display()));
    let notes = Notes::from_ron(&bytes, path).unwrap_or_else(|e| panic!("{e}"));
    (bytes, notes)
}

/// Every word in every dimension's note.
fn saved_words(notes: &Notes) -> HashSet<String> {
    notes
        .dimensions
        .values()
        .flat_map(|d| d.text.split_whitespace().map(str::to_owned))
        .collect()
}

/// Escape, Down, F2: leave the note, select the next row, write there.
fn next_dimension(display: &Display) {
    for key in ["Escape", "Down", "F2"] {
        std::thread::sleep(KEY_GAP);
        display.xdotool(&["key", key]);
    }
    std::thread::sleep(KEY_GAP);
}

/// Types `words` into the first dimension's note.
fn type_into_first_dimension(display: &Display, words: &[String]) {
    focus_first_note(display);
    type_words(display, words);
}

/// The introduction is selected at start: Down selects the first
/// dimension, F2 puts the keyboard in its note.
fn focus_first_note(display: &Display) {
    for key in ["Down", "F2"] {
        display.xdotool(&["key", key]);
        std::thread::sleep(KEY_GAP);
    }
}

/// Types each word and a space, as a person would.
fn type_words(display: &Display, words: &[String]) {
    for word in words {
        display.xdotool(&["type", "--delay", "30", &format!("{word} ")]);
    }
}

/// Sends SIGTERM and waits for a clean exit; returns standard error.
fn terminate_cleanly(app: &mut Versus) -> String {
    let status = terminate(&mut app.child, Duration::from_secs(15)).unwrap_or_else(|| {
        panic!(
            "versus did not exit within 15 s of SIGTERM; stderr:\n{}",
            app.stderr()
        )
    });
    let stderr = app.stderr();
    assert!(status.success(), "exit {status}; stderr:\n{stderr}");
    stderr
}

/// Waits until `path` exists (the first autosave), up to 10 s.
fn wait_for_file(path: &Path) {
    let what = format!("no {}", path.display());
    common::wait_until(Duration::from_secs(10), &what, || path.exists());
}

#[test]
fn kill_9_while_typing_loses_at_most_the_last_two_seconds() {
    require_tools();
    let display = Display::start(90..=104);
    let data = tempfile::tempdir().unwrap();
    let notes_path = data.path().join("built-in.notes.ron");
    let log = data.path().join("versus.log");

    let mut app = Versus::start(&display, data.path(), &log);
    focus_first_note(&display);

    let mut typed: Vec<(String, Instant)> = Vec::new();
    let start = Instant::now();
    let mut on_dimension = Instant::now();
    let typing = Duration::from_millis(Rng::seeded(2).between(TYPING_MS.0, TYPING_MS.1));
    while start.elapsed() < typing {
        if on_dimension.elapsed() > PER_DIMENSION && start.elapsed() + LAST_RUN < typing {
            next_dimension(&display);
            on_dimension = Instant::now();
        }
        let word = format!("w{:03}", typed.len());
        display.xdotool(&["type", "--delay", "30", &format!("{word} ")]);
        typed.push((word, Instant::now()));
    }
    // Child::kill is SIGKILL: no exit path runs.
    app.child.kill().unwrap();
    let killed_at = Instant::now();
    app.child.wait().unwrap();

    let (bytes, notes) = read_notes(&notes_path);
    let words = saved_words(&notes);
    let missing: Vec<&(String, Instant)> =
        typed.iter().filter(|(w, _)| !words.contains(w)).collect();
    let saved = typed.len() - missing.len();
    let oldest_missing = missing
        .iter()
        .map(|(_, at)| killed_at.duration_since(*at))
        .max();
    let mut report = format!(
        "kill -9 while typing: {} words typed over {:.1} s into {} dimensions, {saved} saved",
        typed.len(),
        killed_at.duration_since(start).as_secs_f64(),
        notes.dimensions.len()
    );
    match oldest_missing {
        Some(age) => {
            let _ = write!(
                report,
                ", oldest missing word typed {:.2} s before the kill",
                age.as_secs_f64()
            );
        }
        None => report.push_str(", none missing"),
    }
    println!("{report}");
    let late: Vec<String> = missing
        .iter()
        .filter(|(_, at)| killed_at.duration_since(*at) > MAX_LOSS)
        .map(|(w, at)| format!("{w} ({:.2} s)", killed_at.duration_since(*at).as_secs_f64()))
        .collect();
    assert!(
        late.is_empty(),
        "words typed more than {MAX_LOSS:?} before the kill are not in the file: {late:?}\nfile:\n{}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(
        notes.dimensions.len() >= 3,
        "the notes should be spread over several dimensions:\n{}",
        String::from_utf8_lossy(&bytes)
    );

    // Start again on the same notes and quit: nothing may be lost or
    // rewritten.
    let mut again = Versus::start(&display, data.path(), &log);
    display.xdotool(&["key", "ctrl+q"]);
    let status = wait_for_exit(&mut again.child, Duration::from_secs(15)).unwrap_or_else(|| {
        panic!(
            "versus did not quit within 15 s of Ctrl+Q; stderr:\n{}",
            again.stderr()
        )
    });
    assert!(
        status.success(),
        "versus exited with {status}; stderr:\n{}",
        again.stderr()
    );
    let (bytes_after, notes_after) = read_notes(&notes_path);
    assert_eq!(
        notes_after, notes,
        "a restart changed the notes it had saved"
    );
    assert!(
        bytes_after == bytes,
        "a restart rewrote the notes file:\nbefore:\n{}\nafter:\n{}",
        String::from_utf8_lossy(&bytes),
        String::from_utf8_lossy(&bytes_after)
    );
}

#[test]
fn sigterm_right_after_typing_saves_every_word() {
    require_tools();
    let display = Display::start(105..=119);
    let data = tempfile::tempdir().unwrap();
    let notes_path = data.path().join("built-in.notes.ron");
    let log = data.path().join("versus.log");

    let mut app = Versus::start(&display, data.path(), &log);
    let typed: Vec<String> = (0..8).map(|i| format!("t{i:03}")).collect();
    type_into_first_dimension(&display, &typed);
    // At once: the last words are younger than any autosave, so only the
    // exit path can have saved them.
    terminate_cleanly(&mut app);
    let (bytes, notes) = read_notes(&notes_path);
    let words = saved_words(&notes);
    let missing: Vec<&String> = typed.iter().filter(|w| !words.contains(*w)).collect();
    println!(
        "SIGTERM right after typing: {} words typed, {} saved",
        typed.len(),
        typed.len() - missing.len()
    );
    assert!(
        missing.is_empty(),
        "SIGTERM lost {missing:?}; file:\n{}",
        String::from_utf8_lossy(&bytes)
    );
}

// ---------------------------------------------------------------------------
// Test 3b: autosave does not wait for the window to be drawn, and a lost X
// connection does not take the last words with it.
// ---------------------------------------------------------------------------

/// Waits up to `limit` until the notes file holds every word of `words`;
/// returns how long it took, or `None`.
fn wait_for_words(path: &Path, words: &[String], limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    loop {
        let saved = std::fs::read(path)
            .ok()
            .and_then(|b| Notes::from_ron(&b, path).ok())
            .map(|n| saved_words(&n))
            .unwrap_or_default();
        if words.iter().all(|w| saved.contains(w)) {
            return Some(start.elapsed());
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_covered_window_still_saves_within_two_seconds() {
    require_tools();
    let display = Display::start(195..=209);
    let data = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let notes_path = data.path().join("built-in.notes.ron");
    // A second window of the same size, started first so that it lies
    // under versus until it is raised over it.
    let cover_content = common::write_comparison(other.path(), "cover.ron", "Cover sheet");
    let cover = Versus::start_with(
        &display,
        other.path(),
        &logs.path().join("cover.log"),
        &[&cover_content],
    );
    let mut app = Versus::start(&display, data.path(), &logs.path().join("versus.log"));

    let first: Vec<String> = (0..3).map(|i| format!("v{i:03}")).collect();
    type_into_first_dimension(&display, &first);
    assert!(
        wait_for_words(&notes_path, &first, Duration::from_secs(10)).is_some(),
        "the first words were never saved; stderr:\n{}",
        app.stderr()
    );
    let second: Vec<String> = (0..3).map(|i| format!("c{i:03}")).collect();
    type_words(&display, &second);
    // Covered at once, before the autosave's pause has passed: from now on
    // the X server tells versus it is fully obscured and eframe draws
    // nothing (it runs only `App::logic`).
    display.xdotool(&["windowraise", &cover.window]);
    let took = wait_for_words(&notes_path, &second, Duration::from_secs(3));
    let (bytes, _) = read_notes(&notes_path);
    println!("covered window: the words typed last were saved after {took:?}");
    // kill -9: what is on disk is all that is left.
    app.child.kill().unwrap();
    app.child.wait().unwrap();
    assert!(
        took.is_some(),
        "3 s after the window was covered, the notes file lacks {second:?}:\n{}",
        String::from_utf8_lossy(&bytes)
    );
    drop(cover);
}

#[test]
fn a_lost_x_connection_still_saves_the_last_words() {
    require_tools();
    let display = Display::start(210..=224);
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let notes_path = data.path().join("built-in.notes.ron");
    let mut app = Versus::start(&display, data.path(), &logs.path().join("versus.log"));

    let words: Vec<String> = vec!["x000".to_owned(), "x001".to_owned()];
    type_into_first_dimension(&display, &words);
    let typed_at = Instant::now();
    // Long before the autosave: the X server drops versus's connection, as
    // a crashed X server or a closed SSH session would.
    display.xdotool(&["windowkill", &app.window]);
    let killed_after = typed_at.elapsed();
    let status = wait_for_exit(&mut app.child, Duration::from_secs(15))
        .unwrap_or_else(|| panic!("versus still runs 15 s after losing its X connection"));
    let stderr = app.stderr();
    println!(
        "lost X connection {:.2} s after the last key: {status}",
        killed_after.as_secs_f64()
    );
    // In the notes file, or in a copy beside it, or printed in full.
    let mut places: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("built-in.notes.ron"))
        })
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    places.push(stderr.clone());
    for w in &words {
        assert!(
            places.iter().any(|text| text.contains(w.as_str())),
            "{w} is lost: not in {} nor in a copy nor on stderr; stderr:\n{stderr}",
            notes_path.display()
        );
    }
}

// ---------------------------------------------------------------------------
// Test 4: saves that fail, then SIGTERM: the notes go somewhere, and
// standard error says where (or holds them in full).
// ---------------------------------------------------------------------------

#[test]
fn when_the_notes_folder_vanishes_sigterm_keeps_notes_in_the_data_folder() {
    require_tools();
    let display = Display::start(120..=134);
    let folder = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let content = common::write_file(folder.path(), "teams.ron", versus::model::BUILT_IN_RON);
    let log = logs.path().join("versus.log");
    let mut app = Versus::start_with(&display, data.path(), &log, &[&content]);

    let first: Vec<String> = (0..4).map(|i| format!("a{i:03}")).collect();
    type_into_first_dimension(&display, &first);
    wait_for_file(&folder.path().join("teams.notes.ron"));
    // The folder goes (a removed drive, a deleted project): saves fail.
    std::fs::remove_dir_all(folder.path()).unwrap();
    let second: Vec<String> = (0..4).map(|i| format!("b{i:03}")).collect();
    type_words(&display, &second);
    // Let a save fail (and its copy be made) before the signal.
    std::thread::sleep(Duration::from_millis(2500));
    let stderr = terminate_cleanly(&mut app);

    let marker = "your unsaved notes are kept in ";
    let kept = stderr
        .lines()
        .find_map(|l| l.split_once(marker).map(|(_, p)| PathBuf::from(p)))
        .unwrap_or_else(|| panic!("stderr does not say where the notes are:\n{stderr}"));
    assert!(kept.starts_with(data.path()), "{}", kept.display());
    assert!(
        kept.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("teams-"),
        "the name says whose notes: {}",
        kept.display()
    );
    let (_, notes) = read_notes(&kept);
    let words = saved_words(&notes);
    for w in first.iter().chain(&second) {
        assert!(words.contains(w), "{w} lost; stderr:\n{stderr}");
    }
    assert!(!folder.path().exists(), "the folder is not made again");
}

#[test]
fn when_no_folder_can_take_the_notes_sigterm_prints_them_in_full() {
    require_tools();
    let display = Display::start(135..=149);
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("versus.log");
    let mut app = Versus::start(&display, data.path(), &log);

    let first: Vec<String> = (0..4).map(|i| format!("p{i:03}")).collect();
    type_into_first_dimension(&display, &first);
    wait_for_file(&data.path().join("built-in.notes.ron"));
    // The data folder itself goes, and a file takes its name, so it cannot
    // be made again: nothing beside, nothing to fall back to. (With only
    // the folder gone, an autosave between two typed words on a busy
    // machine made it again and saved there: safe, but not this case.)
    std::fs::remove_dir_all(data.path()).unwrap();
    std::fs::write(data.path(), "not a folder").unwrap();
    let second: Vec<String> = (0..4).map(|i| format!("q{i:03}")).collect();
    type_words(&display, &second);
    let stderr = terminate_cleanly(&mut app);
    assert!(stderr.contains("printed below, in full"), "{stderr}");
    let printed = stderr
        .split_once("printed below, in full:\n")
        .and_then(|(_, rest)| rest.split_once("versus: end of the unsaved notes"))
        .map(|(notes, _)| notes)
        .unwrap();
    let notes = Notes::from_ron(printed.trim_end().as_bytes(), Path::new("stderr"))
        .unwrap_or_else(|e| panic!("{e}; stderr:\n{stderr}"));
    let words = saved_words(&notes);
    for w in first.iter().chain(&second) {
        assert!(words.contains(w), "{w} lost; stderr:\n{stderr}");
    }
    std::fs::remove_file(data.path()).unwrap();
}

#[test]
fn sigterm_mid_rehearsal_keeps_the_run_in_a_new_notes_file() {
    require_tools();
    let display = Display::start(180..=194);
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("versus.log");
    let mut app = Versus::start(&display, data.path(), &log);
    // Past the welcome, then rehearse: the title slide, then the first
    // dimension. No notes file exists yet: the run is the only note.
    for key in ["Down", "ctrl+F5"] {
        display.xdotool(&["key", key]);
        std::thread::sleep(KEY_GAP);
    }
    std::thread::sleep(Duration::from_millis(1500));
    display.xdotool(&["key", "Right"]);
    std::thread::sleep(Duration::from_millis(2500));
    let stderr = terminate_cleanly(&mut app);
    let (_, notes) = read_notes(&data.path().join("built-in.notes.ron"));
    let run = notes
        .talk
        .last_rehearsal()
        .unwrap_or_else(|| panic!("no rehearsal kept; stderr:\n{stderr}"));
    assert!(run.title >= 1, "{run:?}");
    let first = &versus::model::Comparison::built_in().dimensions[0].id;
    assert!(run.seconds.get(first).is_some_and(|&s| s >= 2), "{run:?}");
}

// ---------------------------------------------------------------------------
// Remembered between runs: the real binary, its real state file.
// ---------------------------------------------------------------------------

#[test]
fn a_restart_without_a_file_lands_where_you_left_off() {
    require_tools();
    let display = Display::start(150..=164);
    let folder = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let content = common::write_comparison(folder.path(), "teams.ron", "Remembered teams");
    let log = logs.path().join("versus.log");

    let mut app = Versus::start_with(&display, data.path(), &log, &[&content]);
    // The introduction, then three rows down: the third dimension.
    for _ in 0..3 {
        display.xdotool(&["key", "Down"]);
        std::thread::sleep(KEY_GAP);
    }
    std::thread::sleep(Duration::from_millis(800));
    terminate_cleanly(&mut app);
    let state = std::fs::read_to_string(data.path().join("window-state.ron")).unwrap();
    let third = versus::model::Comparison::built_in().dimensions[2]
        .id
        .clone();
    assert!(state.contains(&format!("Some(\\\"{third}\\\")")), "{state}");

    // No file on the command line: the one open last time, at its place.
    let mut again = Versus::start(&display, data.path(), &log);
    let found = display.run_xdotool(&["search", "--name", "Remembered teams"]);
    assert!(
        found.status.success(),
        "the window does not show the last file; stderr:\n{}",
        again.stderr()
    );
    terminate_cleanly(&mut again);
    let state = std::fs::read_to_string(data.path().join("window-state.ron")).unwrap();
    assert!(state.contains(&format!("Some(\\\"{third}\\\")")), "{state}");
    assert!(state.contains("teams.ron"), "{state}");
}

// ---------------------------------------------------------------------------
// `versus --screenshot`: the real binary renders the window to a PNG.
// ---------------------------------------------------------------------------

/// The size and the number of distinct colours of a PNG.
fn png_facts(path: &Path) -> ((u32, u32), usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let colours: HashSet<&[u8]> = buf[..info.buffer_size()].chunks(4).collect();
    ((info.width, info.height), colours.len())
}

#[test]
fn screenshot_writes_a_png_of_the_size_asked_in_both_themes() {
    require_tools();
    let display = Display::start(165..=179);
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut backgrounds = Vec::new();
    for theme in ["light", "dark"] {
        let png = out.path().join(format!("{theme}.png"));
        let run = Command::new(env!("CARGO_BIN_EXE_versus"))
            .args(["--screenshot"])
            .arg(&png)
            .args([
                "--dimension",
                "scope",
                "--size",
                "1024x640",
                "--theme",
                theme,
            ])
            .env("DISPLAY", display.name())
            .env_remove("WAYLAND_DISPLAY")
            .env("VERSUS_DATA_DIR", data.path())
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{theme}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let ((w, h), colours) = png_facts(&png);
        assert_eq!((w, h), (1024, 640), "{theme}");
        // Text, panels and marks: far from a blank picture.
        assert!(colours > 50, "{theme}: only {colours} colours");
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        // A pixel of the status bar, bottom left.
        let at = ((h as usize - 3) * w as usize + 3) * 4;
        backgrounds.push(u32::from(buf[at]) + u32::from(buf[at + 1]) + u32::from(buf[at + 2]));
    }
    assert!(
        backgrounds[0] > backgrounds[1],
        "light is lighter: {backgrounds:?}"
    );

    // Never over the comparison (through a link, too): refused, untouched.
    let content = out.path().join("mine.ron");
    std::fs::write(&content, versus::model::BUILT_IN_RON).unwrap();
    let link = out.path().join("link.png");
    std::os::unix::fs::symlink(&content, &link).unwrap();
    for target in [&content, &link] {
        let run = Command::new(env!("CARGO_BIN_EXE_versus"))
            .arg(&content)
            .arg("--screenshot")
            .arg(target)
            .env("DISPLAY", display.name())
            .env("VERSUS_DATA_DIR", data.path())
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&run.stderr).contains("is the comparison"));
    }
    assert_eq!(
        std::fs::read_to_string(&content).unwrap(),
        versus::model::BUILT_IN_RON
    );
    // A folder that is gone: a clear error, exit 1.
    let run = Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("--screenshot")
        .arg(out.path().join("gone").join("x.png"))
        .env("DISPLAY", display.name())
        .env_remove("WAYLAND_DISPLAY")
        .env("VERSUS_DATA_DIR", data.path())
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("does not exist"));

    // No display: it says so and fails.
    let run = Command::new(env!("CARGO_BIN_EXE_versus"))
        .args(["--screenshot"])
        .arg(out.path().join("none.png"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("VERSUS_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("a display is needed"));
}
