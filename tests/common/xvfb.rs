//! The real window in a virtual X display: a private Xvfb server, xdotool
//! to drive it, and the `versus` binary started on it. `./scripts/test.sh`
//! installs Xvfb and xdotool.
#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test file uses part of it; test helpers fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Whether `tool` is a file in a folder on `PATH`.
pub fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// Fails the test, saying how to get them, unless Xvfb, xdotool and
/// `timeout` are on `PATH`.
pub fn require_tools() {
    for tool in ["Xvfb", "xdotool", "timeout"] {
        assert!(
            on_path(tool),
            "`{tool}` is not on PATH. This test runs the real window in a virtual X display \
             (Xvfb) and types into it (xdotool); run ./scripts/test.sh, which installs them."
        );
    }
}

/// Sends SIGTERM to a process of ours.
pub fn sigterm(pid: u32) {
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// Sends SIGTERM to `child` and waits up to `limit` for it to end.
pub fn terminate(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    sigterm(child.id());
    wait_for_exit(child, limit)
}

/// Waits up to `limit` for `child` to end; its status, if it did.
pub fn wait_for_exit(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A private Xvfb server, stopped when dropped.
pub struct Display {
    pub number: u32,
    server: Child,
}

impl Display {
    /// Starts Xvfb on the first free display number in `numbers`. Each test
    /// passes its own range, so tests running in parallel never race for
    /// the same number.
    pub fn start(numbers: std::ops::RangeInclusive<u32>) -> Self {
        // `-noreset`: without it the server resets when its last client
        // leaves, and a client connecting at that moment is dropped (seen
        // when restarting the app on the same display).
        let started = start_server(numbers.clone(), Duration::from_secs(10), |number| {
            let mut command = Command::new("Xvfb");
            command.args([
                &format!(":{number}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ]);
            command
        });
        let Some((number, server)) = started else {
            panic!("could not start Xvfb on any display in {numbers:?}");
        };
        Self { number, server }
    }

    /// The display's name, for `DISPLAY`.
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }

    /// The real `versus` binary, ready to start on this display with `data`
    /// as its data folder (so its state and notes stay the test's), drawn
    /// in software, its standard streams closed; the caller adds arguments
    /// and, if wanted, a log for standard error.
    pub fn versus(&self, data: &Path) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_versus"));
        command
            .env("DISPLAY", self.name())
            .env_remove("WAYLAND_DISPLAY")
            .env("VERSUS_DATA_DIR", data)
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    /// Runs `xdotool args` on this display, through `timeout` so that it
    /// can never hang the test.
    pub fn run_xdotool(&self, args: &[&str]) -> std::process::Output {
        Command::new("timeout")
            .arg("30")
            .arg("xdotool")
            .args(args)
            .env("DISPLAY", self.name())
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs `xdotool args`; it must succeed.
    pub fn xdotool(&self, args: &[&str]) {
        let out = self.run_xdotool(args);
        assert!(
            out.status.success(),
            "xdotool {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs `xdotool args`; whether it succeeded.
    pub fn try_xdotool(&self, args: &[&str]) -> bool {
        self.run_xdotool(args).status.success()
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its lock file and socket.
        if terminate(&mut self.server, Duration::from_secs(5)).is_none() {
            let _ = self.server.kill();
            let _ = self.server.wait();
        }
    }
}

/// Starts the X server `command(number)` makes on the first free display
/// number in `numbers`, and waits up to `wait` for its socket: the number
/// and the server, or `None` when none started.
pub fn start_server(
    numbers: std::ops::RangeInclusive<u32>,
    wait: Duration,
    command: impl Fn(u32) -> Command,
) -> Option<(u32, Child)> {
    for number in numbers {
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        if socket.exists() || Path::new(&format!("/tmp/.X{number}-lock")).exists() {
            continue;
        }
        let Ok(mut server) = command(number)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        else {
            continue;
        };
        let deadline = Instant::now() + wait;
        loop {
            if socket.exists() {
                return Some((number, server));
            }
            // Gone: another server took the number meanwhile.
            if server.try_wait().unwrap().is_some() {
                break;
            }
            if Instant::now() > deadline {
                let _ = server.kill();
                let _ = server.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    None
}
