//! A real X server with two monitors, for what a talk does with two
//! screens.
//!
//! Xvfb cannot be it: it has one `RandR` CRTC, and winit lists monitors by
//! CRTC (not by `RandR` 1.5 "monitors", so `xrandr --setmonitor` on Xvfb
//! still shows winit one). Xorg with the dummy video driver has sixteen
//! virtual outputs, each on its own CRTC; the first is on at start, and
//! `xrandr` turns on a second beside it. Openbox manages the windows, as a
//! desktop's window manager would: winit learns which monitor a window is
//! on from the window manager's notices, and full screen is the window
//! manager's to grant. `./scripts/test.sh` installs Xorg, the dummy driver,
//! xrandr and Openbox.
#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test file uses part of it; test helpers fail loudly"
)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::xvfb::{on_path, terminate};

/// Where Debian's `xserver-xorg-video-dummy` puts the driver.
const DUMMY_DRIVER: &str = "/usr/lib/xorg/modules/drivers/dummy_drv.so";

/// The first monitor: the laptop, holding the main window.
pub const FIRST: (&str, [u32; 2], [i32; 2]) = ("DUMMY0", [1280, 800], [0, 0]);
/// The second monitor, to the right of the first: the projector.
pub const SECOND: (&str, [u32; 2], [i32; 2]) = ("DUMMY1", [1920, 1080], [1280, 0]);

/// Both monitors' modes, and a desktop wide enough for them side by side.
/// No input devices: nothing here reads a keyboard, and without them Xorg
/// opens no device of the machine it runs on.
const CONFIG: &str = r#"Section "ServerFlags"
    Option "AutoAddDevices" "false"
    Option "AutoEnableDevices" "false"
    Option "DontVTSwitch" "true"
EndSection
Section "Device"
    Identifier "dummy"
    Driver "dummy"
    VideoRam 65536
EndSection
Section "Monitor"
    Identifier "monitor"
    HorizSync 5.0-1000.0
    VertRefresh 5.0-200.0
    Modeline "1280x800" 83.50 1280 1352 1480 1680 800 803 809 831 -hsync +vsync
    Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125 +hsync +vsync
EndSection
Section "Screen"
    Identifier "screen"
    Device "dummy"
    Monitor "monitor"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Modes "1280x800"
        Virtual 3200 1080
    EndSubSection
EndSection
"#;

/// Why the two-monitor tests cannot run here, if they cannot: a tool
/// missing, or not root (Xorg takes a configuration from any path only
/// from root).
pub fn missing() -> Option<String> {
    let mut missing = Vec::new();
    for tool in ["Xorg", "xrandr", "openbox", "xdotool", "timeout"] {
        if !on_path(tool) {
            missing.push(format!("`{tool}` is not on PATH"));
        }
    }
    if !Path::new(DUMMY_DRIVER).is_file() {
        missing.push(format!("{DUMMY_DRIVER} is missing"));
    }
    let uid = Command::new("id").arg("-u").output().ok();
    if uid.is_none_or(|out| String::from_utf8_lossy(&out.stdout).trim() != "0") {
        missing.push("this is not root".to_owned());
    }
    (!missing.is_empty()).then(|| {
        format!(
            "{}; ./scripts/test.sh installs Xorg, its dummy driver, xrandr and Openbox",
            missing.join(", ")
        )
    })
}

/// A private Xorg server with two monitors side by side, [`FIRST`] and
/// [`SECOND`]; stopped when dropped.
pub struct TwoScreens {
    pub number: u32,
    server: Child,
    window_manager: Option<Child>,
    folder: tempfile::TempDir,
}

impl TwoScreens {
    /// Starts the server on the first free display number in `numbers`
    /// (each test passes its own range) and turns on the second monitor.
    ///
    /// # Errors
    /// When no Xorg could start on any of them (a machine whose Xorg
    /// cannot run without a console, say); the logs are kept and named.
    pub fn start(numbers: std::ops::RangeInclusive<u32>) -> Result<Self, String> {
        let folder = tempfile::tempdir().unwrap();
        let config = folder.path().join("xorg.conf");
        std::fs::write(&config, CONFIG).unwrap();
        // `-noreset`: without it the server resets when its last client
        // (xrandr) leaves, and forgets the second monitor.
        // `-sharevts -novtswitch`: leave the machine's consoles alone.
        let started =
            super::xvfb::start_server(numbers.clone(), Duration::from_secs(20), |number| {
                let mut command = Command::new("Xorg");
                command
                    .arg(format!(":{number}"))
                    .arg("-config")
                    .arg(&config)
                    .arg("-logfile")
                    .arg(folder.path().join(format!("Xorg.{number}.log")))
                    .args(["-nolisten", "tcp", "-noreset", "-sharevts", "-novtswitch"]);
                command
            });
        if let Some((number, server)) = started {
            let mut screens = Self {
                number,
                server,
                window_manager: None,
                folder,
            };
            screens.turn_on_the_second();
            screens.start_the_window_manager();
            return Ok(screens);
        }
        Err(format!(
            "could not start Xorg on any display in {numbers:?}; logs in {}",
            folder.keep().display()
        ))
    }

    /// The display's name, for `DISPLAY`.
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }

    /// Runs `xrandr args` on this display, through `timeout`.
    pub fn xrandr(&self, args: &[&str]) -> Output {
        Command::new("timeout")
            .arg("30")
            .arg("xrandr")
            .args(args)
            .env("DISPLAY", self.name())
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn turn_on_the_second(&self) {
        let (name, [w, h], _) = SECOND;
        let mode = format!("{w}x{h}");
        for args in [
            vec!["--addmode", name, &mode],
            vec!["--output", name, "--mode", &mode, "--right-of", FIRST.0],
        ] {
            let out = self.xrandr(&args);
            assert!(
                out.status.success(),
                "xrandr {args:?} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

impl TwoScreens {
    /// Starts Openbox and waits until it manages the screen (it then
    /// answers for the desktops, which only a window manager does).
    fn start_the_window_manager(&mut self) {
        let home = self.folder.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let window_manager = Command::new("openbox")
            .arg("--sm-disable")
            .env("DISPLAY", self.name())
            // Its own, empty home: no one's settings, no files left about.
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.window_manager = Some(window_manager);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.window_manager_answers() {
            assert!(
                Instant::now() < deadline,
                "Openbox did not start on {}",
                self.name()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn window_manager_answers(&self) -> bool {
        Command::new("timeout")
            .args(["10", "xdotool", "get_num_desktops"])
            .env("DISPLAY", self.name())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    }
}

impl Drop for TwoScreens {
    fn drop(&mut self) {
        if let Some(window_manager) = &mut self.window_manager
            && terminate(window_manager, Duration::from_secs(5)).is_none()
        {
            let _ = window_manager.kill();
            let _ = window_manager.wait();
        }
        // SIGTERM lets Xorg remove its lock file and socket.
        if terminate(&mut self.server, Duration::from_secs(10)).is_none() {
            let _ = self.server.kill();
            let _ = self.server.wait();
        }
    }
}
