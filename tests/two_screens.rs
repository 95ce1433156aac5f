//! Two monitors for real: an Xorg server with two virtual outputs (see
//! `common::xorg`), what xrandr and winit say about it, and the versus
//! window drawn there.
//!
//! winit can be asked only from inside a running event loop, which a
//! process may create once, on a display fixed by `DISPLAY` when it
//! starts. So the winit check runs [`probe_monitors_in_a_window`] (ignored
//! in a normal run) in a child process of this same test binary, on the
//! two-monitor display, and reads what it prints.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use versus::platform::monitors::{self, Monitor, Screens};

mod common;
use common::xorg::{FIRST, SECOND, TwoScreens, missing};

/// The two-monitor server, or `None` (having said why) when this machine
/// cannot run one.
fn two_screens(numbers: std::ops::RangeInclusive<u32>) -> Option<TwoScreens> {
    if let Some(why) = missing() {
        eprintln!("skipped: no two-monitor X server here: {why}");
        return None;
    }
    match TwoScreens::start(numbers) {
        Ok(screens) => Some(screens),
        Err(why) => {
            eprintln!("skipped: the two-monitor X server did not start: {why}");
            None
        }
    }
}

fn expected(monitor: (&str, [u32; 2], [i32; 2])) -> Monitor {
    Monitor {
        name: monitor.0.to_owned(),
        size: monitor.1,
        position: monitor.2,
    }
}

#[test]
fn xrandr_sees_two_monitors_and_versus_draws_its_window_there() {
    let Some(screens) = two_screens(500..=507) else {
        return;
    };
    let out = screens.xrandr(&["--listmonitors"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{listed}");
    assert!(listed.starts_with("Monitors: 2\n"), "{listed}");
    for (name, [w, h], [x, y]) in [FIRST, SECOND] {
        // ` 0: +*DUMMY0 1280/339x800/212+0+0  DUMMY0`: sizes carry millimetres.
        let line = listed
            .lines()
            .find(|line| line.ends_with(&format!("  {name}")))
            .unwrap_or_else(|| panic!("{name} not listed: {listed}"));
        assert!(line.contains(&format!(" {w}/")), "{line}");
        assert!(line.contains(&format!("x{h}/")), "{line}");
        assert!(line.contains(&format!("+{x}+{y} ")), "{line}");
    }

    // The real binary opens its window on this server and draws it.
    let data = tempfile::tempdir().unwrap();
    let png = data.path().join("shot.png");
    let run = Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("--screenshot")
        .arg(&png)
        .env("DISPLAY", screens.name())
        .env_remove("WAYLAND_DISPLAY")
        .env("VERSUS_DATA_DIR", data.path())
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "versus --screenshot on the two-monitor server: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (1280, 800));
}

#[test]
fn winit_lists_both_monitors_and_a_window_goes_full_screen_on_either() {
    let Some(screens) = two_screens(508..=515) else {
        return;
    };
    let exe = std::env::current_exe().unwrap();
    let run = Command::new("timeout")
        .arg("120")
        .arg(&exe)
        .args([
            "--ignored",
            "--exact",
            "probe_monitors_in_a_window",
            "--nocapture",
        ])
        .env("DISPLAY", screens.name())
        .env_remove("WAYLAND_DISPLAY")
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .env("VERSUS_MONITOR_PROBE", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let report = format!(
        "probe ({}):\n{stdout}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    // Shown with --nocapture: what winit says on this machine.
    println!("{report}");
    assert!(run.status.success(), "{report}");
    let lines: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("probe: "))
        .collect();

    // winit's list, in its order, as `monitors::list` reads it.
    let listed: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("monitor "))
        .collect();
    let want: Vec<String> = [FIRST, SECOND]
        .into_iter()
        .map(|m| describe(&expected(m)))
        .collect();
    assert_eq!(listed, want, "{report}");
    // The window opens on the first; the rule puts the slides on the second.
    assert!(lines.contains(&"window on 0"), "{report}");
    assert!(lines.contains(&"choose slides 1 presenter 0"), "{report}");
    // `ViewportCommand::SetMonitor`, as F5 will send it: the window goes
    // full screen on the monitor asked, and winit then says it is there;
    // then onto the other ("Swap screens") and back.
    let moves: Vec<&str> = lines
        .iter()
        .filter(|line| line.starts_with("after SetMonitor"))
        .copied()
        .collect();
    let want: Vec<String> = [(1, SECOND), (0, FIRST), (1, SECOND)]
        .into_iter()
        .map(|(index, (_, [w, h], [x, y]))| {
            format!("after SetMonitor({index}): on {index} at {x},{y} size {w}x{h}")
        })
        .collect();
    assert_eq!(moves, want, "{report}");
}

/// One monitor as the probe prints it.
fn describe(m: &Monitor) -> String {
    format!(
        "{} {}x{}+{}+{}",
        m.name, m.size[0], m.size[1], m.position[0], m.position[1]
    )
}

/// What the probe window does, one step per stage.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// Waiting for the window to settle, then listing.
    Listing,
    /// Sent `SetMonitor(.0)` straight away; waiting for winit to report it.
    Moving(usize),
    /// Sent `Fullscreen(false)`, to send `SetMonitor(.0)` once out.
    Leaving(usize),
    Done,
}

struct Probe {
    stage: Stage,
    since: Instant,
    frames: u32,
    /// The monitors to visit after the current one, last first.
    then: Vec<usize>,
    started: Instant,
}

impl Probe {
    fn enter(&mut self, stage: Stage) {
        self.stage = stage;
        self.since = Instant::now();
        self.frames = 0;
    }

    fn visit_next(&mut self, ctx: &egui::Context) {
        if let Some(index) = self.then.pop() {
            ctx.send_viewport_cmd(egui::ViewportCommand::SetMonitor(index));
            self.enter(Stage::Moving(index));
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.enter(Stage::Done);
        }
    }
}

impl eframe::App for Probe {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        ctx.request_repaint();
        self.frames += 1;
        if self.started.elapsed() > Duration::from_mins(1) {
            println!("probe: gave up at {:?}", self.stage);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.enter(Stage::Done);
            return;
        }
        let Some(window) = frame.winit_window() else {
            println!("probe: no winit window");
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        };
        let listing = monitors::list(window);
        let settled = self.frames > 5 && self.since.elapsed() > Duration::from_millis(300);
        match self.stage {
            Stage::Listing if settled => {
                for monitor in &listing.monitors {
                    println!("probe: monitor {}", describe(monitor));
                }
                match listing.window_on {
                    Some(i) => println!("probe: window on {i}"),
                    None => println!("probe: window on none"),
                }
                let chosen = monitors::choose(&listing.monitors, listing.window_on, None);
                if let Some(Screens { slides, presenter }) = chosen {
                    println!("probe: choose slides {slides} presenter {presenter}");
                    // The slides' monitor, then the presenter's ("Swap
                    // screens"), then the slides' again.
                    self.then = vec![slides, presenter, slides];
                } else {
                    println!("probe: choose one window");
                }
                self.visit_next(&ctx);
            }
            Stage::Moving(index) if listing.window_on == Some(index) && settled => {
                let at = window
                    .outer_position()
                    .map_or_else(|e| e.to_string(), |p| format!("{},{}", p.x, p.y));
                let size = window.inner_size();
                println!(
                    "probe: after SetMonitor({index}): on {index} at {at} size {}x{}",
                    size.width, size.height
                );
                self.visit_next(&ctx);
            }
            // Seen with Openbox: from full screen on one monitor, SetMonitor
            // alone does not move the window (the window manager keeps a
            // full-screen window where it is); out of full screen first, it
            // does.
            Stage::Moving(index) if self.since.elapsed() > Duration::from_secs(3) => {
                println!(
                    "probe: SetMonitor({index}) straight from full screen: still on {:?}",
                    listing.window_on
                );
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                self.enter(Stage::Leaving(index));
            }
            Stage::Leaving(index) if settled && window.fullscreen().is_none() => {
                ctx.send_viewport_cmd(egui::ViewportCommand::SetMonitor(index));
                self.enter(Stage::Moving(index));
            }
            Stage::Listing | Stage::Moving(_) | Stage::Leaving(_) | Stage::Done => {}
        }
    }
}

/// Not a test of its own: the child process of
/// [`winit_lists_both_monitors_and_a_window_goes_full_screen_on_either`].
/// Opens a window with eframe, as versus does, and prints what winit says
/// about the monitors and where the window is.
#[test]
#[ignore = "run in a child process, on the two-monitor server, by winit_lists_both_monitors_…"]
fn probe_monitors_in_a_window() {
    assert!(
        std::env::var_os("VERSUS_MONITOR_PROBE").is_some(),
        "run by winit_lists_both_monitors_and_a_window_goes_full_screen_on_either"
    );
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([640.0, 400.0])
            .with_position([40.0, 40.0]),
        // The test harness runs this on a thread of its own; winit asks
        // for the main thread unless told that any will do.
        event_loop_builder: Some(Box::new(|builder| {
            use winit::platform::x11::EventLoopBuilderExtX11 as _;
            builder.with_any_thread(true);
        })),
        persist_window: false,
        ..Default::default()
    };
    let now = Instant::now();
    eframe::run_native(
        "versus monitor probe",
        options,
        Box::new(move |_| {
            Ok(Box::new(Probe {
                stage: Stage::Listing,
                since: now,
                frames: 0,
                then: Vec::new(),
                started: now,
            }))
        }),
    )
    .unwrap();
}

/// Where the window titled exactly `title` is on `display`: (x, y, width,
/// height), from xdotool; `None` while there is no such window.
fn geometry(display: &str, title: &str) -> Option<[i64; 4]> {
    let found = Command::new("timeout")
        .args(["10", "xdotool", "search", "--onlyvisible", "--name"])
        .arg(format!("^{}$", regex_quote(title)))
        .env("DISPLAY", display)
        .output()
        .ok()?;
    let id = String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()?
        .to_owned();
    let out = Command::new("timeout")
        .args(["10", "xdotool", "getwindowgeometry", "--shell", &id])
        .env("DISPLAY", display)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.trim().parse::<i64>().ok())
    };
    Some([value("X")?, value("Y")?, value("WIDTH")?, value("HEIGHT")?])
}

/// `text` as one of xdotool's regular expressions: the characters they
/// treat specially escaped, and anything not ASCII (the title's dash)
/// matched as any bytes, since xdotool matches bytes, not characters.
fn regex_quote(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if !c.is_ascii() {
            out.push_str(".*");
            continue;
        }
        if "\\.^$|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Waits until the window titled `title` covers the monitor `monitor`.
fn wait_on(display: &str, title: &str, monitor: (&str, [u32; 2], [i32; 2])) {
    let (_, [w, h], [x, y]) = monitor;
    let want = [i64::from(x), i64::from(y), i64::from(w), i64::from(h)];
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = geometry(display, title);
        if now == Some(want) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{title}: {now:?}, not full screen on {} {want:?}",
            monitor.0
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn key(display: &str, title: &str, key: &str) {
    let status = Command::new("timeout")
        .args(["10", "xdotool", "search", "--name"])
        .arg(format!("^{}$", regex_quote(title)))
        .args(["windowactivate", "--sync", "key", key])
        .env("DISPLAY", display)
        .status()
        .unwrap();
    assert!(status.success(), "xdotool key {key}");
}

/// F5 on two monitors: the slides full screen on the larger monitor, not
/// the window's, and the presenter view full screen on the window's; X
/// swaps them; Esc ends the talk and the window comes back.
#[test]
fn f5_puts_the_slides_on_the_other_monitor_and_x_swaps_the_screens() {
    let Some(screens) = two_screens(516..=523) else {
        return;
    };
    let display = screens.name();
    let data = tempfile::tempdir().unwrap();
    let mut app = Command::new(env!("CARGO_BIN_EXE_versus"))
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .env("VERSUS_DATA_DIR", data.path())
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let title = "Project Management vs Technology Management — versus";
    let presenter = "Presenter view — Project Management vs Technology Management";
    let deadline = Instant::now() + Duration::from_mins(1);
    while geometry(&display, title).is_none() {
        assert!(Instant::now() < deadline, "no window");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The window opens on the first monitor (DUMMY0, the "laptop").
    key(&display, title, "Escape");
    key(&display, title, "F5");
    wait_on(&display, title, SECOND);
    wait_on(&display, presenter, FIRST);
    key(&display, title, "x");
    wait_on(&display, title, FIRST);
    wait_on(&display, presenter, SECOND);
    key(&display, title, "Escape");
    let deadline = Instant::now() + Duration::from_secs(30);
    while geometry(&display, presenter).is_some() {
        assert!(Instant::now() < deadline, "the presenter view stays");
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = Command::new("kill").arg(app.id().to_string()).status();
    let _ = app.wait();
    // The swap is remembered for these two monitors.
    let state = std::fs::read_to_string(data.path().join("window-state.ron")).unwrap_or_default();
    assert!(state.contains("DUMMY1"), "the choice is kept: {state}");
}
