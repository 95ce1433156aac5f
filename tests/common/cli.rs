//! One runner for the real `versus` binary on the command line: its exit
//! code and output, killed if it hangs.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "each test file uses part of it; test helpers fail loudly"
)]

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than any run should take, even on a busy machine; a run still
/// going after this is a hang.
const HANG: Duration = Duration::from_mins(1);

/// What one run of the binary did.
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Fails the test when the binary panicked or was killed.
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        assert!(self.code.is_some(), "killed by a signal:\n{}", self.stderr);
    }
}

/// Runs `versus` with `args` from the crate's directory (so `data/…` paths
/// work), with `data_dir` as its data folder when given, killing it if it
/// hangs. Output must be UTF-8 even for binary input: the reports never
/// echo raw bytes.
pub fn versus<S: AsRef<OsStr> + std::fmt::Debug>(args: &[S], data_dir: Option<&Path>) -> Run {
    let start = Instant::now();
    let mut command = Command::new(env!("CARGO_BIN_EXE_versus"));
    if let Some(dir) = data_dir {
        command.env("VERSUS_DATA_DIR", dir);
    }
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    let what = format!("versus {args:?}");
    let (status, out, err) = bounded(&mut command, HANG, &what);
    let elapsed = start.elapsed();
    Run {
        code: status.code(),
        stdout: String::from_utf8(out).expect("stdout is UTF-8"),
        stderr: String::from_utf8(err).expect("stderr is UTF-8"),
        elapsed,
    }
}

impl Run {
    /// Whether it exited with status 0.
    #[must_use]
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

/// Runs `command` (named `what` in failures) with both pipes drained on
/// their own threads, so a chatty child cannot block; kills it and fails
/// the test when it runs longer than `limit`. Its status, stdout, stderr.
pub fn bounded(
    command: &mut Command,
    limit: Duration,
    what: &str,
) -> (std::process::ExitStatus, Vec<u8>, Vec<u8>) {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).unwrap();
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{what} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (status, out.join().unwrap(), err.join().unwrap())
}
