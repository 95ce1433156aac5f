//! Where a talk is shown: with one monitor, the window goes full screen
//! and the presenter view is a window of its own (today's behaviour); with
//! two or more, the slides go full screen on one monitor and the presenter
//! view on another (`platform::monitors::choose`), the choice remembered
//! per set of monitors and swapped with X.

use std::collections::BTreeMap;

use super::VersusApp;
use crate::platform::monitors::{self, Choice, Listing, MonitorSet, Screens};

/// Frames to wait after leaving full screen before going to another
/// monitor: a window manager keeps a full-screen window where it is.
const SETTLE_FRAMES: u8 = 3;

/// How often the monitors are listed again (in seconds) while not
/// presenting: asking the window system every frame costs a round trip.
const LIST_EVERY: f64 = 1.0;

/// The main window's place while presenting.
#[derive(Debug, Default)]
pub(super) struct Stage {
    /// The monitors, as last listed while not presenting, and when.
    listing: Option<Listing>,
    listed_at: Option<f64>,
    /// Whether the window was last asked to be full screen.
    fullscreen: bool,
    /// The monitor the slides were last sent to (two screens).
    slides_on: Option<usize>,
    /// A move under way: the monitor, and the frames still to wait.
    moving: Option<(usize, u8)>,
}

impl Stage {
    /// Whether the monitors are due to be listed again at `now` (seconds).
    pub(super) fn wants_listing(&self, now: f64) -> bool {
        self.listed_at
            .is_none_or(|at| now - at >= LIST_EVERY || now < at)
    }

    /// Takes the monitors as the window system lists them at `now`.
    pub(super) fn notice(&mut self, listing: Listing, now: f64) {
        self.listing = Some(listing);
        self.listed_at = Some(now);
    }

    /// Where a talk starting now goes, remembered choices first.
    fn screens(&self, remembered: &BTreeMap<MonitorSet, Choice>) -> Option<Screens> {
        let listing = self.listing.as_ref()?;
        let set = MonitorSet::of(&listing.monitors);
        monitors::choose(&listing.monitors, listing.window_on, remembered.get(&set))
    }

    /// The monitors, when there are two or more to choose from.
    pub(super) fn monitors(&self) -> &[monitors::Monitor] {
        self.listing
            .as_ref()
            .map(|l| l.monitors.as_slice())
            .filter(|m| m.len() > 1)
            .unwrap_or_default()
    }

    /// Where a talk goes with its slides on monitor `slides`.
    fn screens_on(&self, slides: usize) -> Option<Screens> {
        let listing = self.listing.as_ref()?;
        monitors::slides_on(&listing.monitors, listing.window_on, slides)
    }

    /// The choice to remember for these monitors, after a swap.
    fn choice(&self, screens: Screens) -> Option<(MonitorSet, Choice)> {
        let listing = self.listing.as_ref()?;
        let choice = Choice::of(&listing.monitors, screens)?;
        Some((MonitorSet::of(&listing.monitors), choice))
    }

    /// Asks the window to be where the talk wants it: full screen while
    /// presenting (on the slides' monitor with two screens), back after.
    fn follow(&mut self, ctx: &egui::Context, presenting: bool, screens: Option<Screens>) {
        let Some(screens) = screens.filter(|_| presenting) else {
            self.slides_on = None;
            self.moving = None;
            if presenting != self.fullscreen {
                self.fullscreen = presenting;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(presenting));
            }
            return;
        };
        if self.slides_on != Some(screens.slides) && self.moving.is_none() {
            let wait = if self.fullscreen {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                SETTLE_FRAMES
            } else {
                0
            };
            self.moving = Some((screens.slides, wait));
        }
        match self.moving {
            Some((to, 0)) => {
                // Borderless full screen on that monitor.
                ctx.send_viewport_cmd(egui::ViewportCommand::SetMonitor(to));
                self.slides_on = Some(to);
                self.fullscreen = true;
                self.moving = None;
            }
            Some((to, frames)) => {
                self.moving = Some((to, frames - 1));
                ctx.request_repaint();
            }
            None => {}
        }
    }
}

impl VersusApp {
    /// A talk just started: on two monitors or more, where each part goes
    /// (the slides on `slides` when the person chose, remembered then).
    pub(super) fn place_talk(&mut self, slides: Option<usize>) {
        let screens = match slides {
            Some(on) => self.stage.screens_on(on),
            None => self.stage.screens(&self.remembered.screens),
        };
        if let Some(p) = &mut self.session.presenting {
            p.screens = screens;
        }
        if slides.is_some() {
            self.remember_screens();
        }
    }

    /// The screens were swapped: remembered for this set of monitors.
    pub(super) fn remember_screens(&mut self) {
        let screens = self.session.presenting.as_ref().and_then(|p| p.screens);
        if let Some((set, choice)) = screens.and_then(|s| self.stage.choice(s)) {
            self.remembered.screens.insert(set, choice);
        }
    }

    /// Full screen while presenting, on the slides' monitor, and back after.
    pub(super) fn follow_fullscreen(&mut self, ctx: &egui::Context) {
        let presenting = self.session.presenting.as_ref();
        let screens = presenting.and_then(|p| p.screens);
        self.stage.follow(ctx, presenting.is_some(), screens);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::monitors::Monitor;

    fn two() -> Listing {
        let monitor = |name: &str, size: [u32; 2], x: i32| Monitor {
            name: name.to_owned(),
            size,
            position: [x, 0],
        };
        Listing {
            monitors: vec![
                monitor("LAPTOP", [1280, 800], 0),
                monitor("HDMI-1", [1920, 1080], 1280),
            ],
            window_on: Some(0),
        }
    }

    /// The full-screen and monitor commands sent to the main window in one
    /// frame (egui sends others of its own, the theme).
    fn sent(ctx: &egui::Context, frame: impl FnOnce(&egui::Context)) -> Vec<egui::ViewportCommand> {
        // One pass, so that the frame runs exactly once.
        ctx.begin_pass(egui::RawInput::default());
        frame(ctx);
        let mut out = ctx.end_pass();
        // No renderer here to take the font atlas.
        out.textures_delta.clear();
        out.viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.commands.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|c| {
                matches!(
                    c,
                    egui::ViewportCommand::Fullscreen(_) | egui::ViewportCommand::SetMonitor(_)
                )
            })
            .collect()
    }

    #[test]
    fn one_screen_goes_full_screen_and_two_move_the_window_to_the_slides_monitor() {
        let ctx = egui::Context::default();
        let mut stage = Stage::default();
        // One screen: full screen in place, and back.
        assert_eq!(
            sent(&ctx, |c| stage.follow(c, true, None)),
            [egui::ViewportCommand::Fullscreen(true)]
        );
        assert_eq!(
            sent(&ctx, |c| stage.follow(c, false, None)),
            [egui::ViewportCommand::Fullscreen(false)]
        );
        // Two: straight to the slides' monitor. Listed once a second, not
        // each frame.
        assert!(stage.wants_listing(10.0));
        stage.notice(two(), 10.0);
        assert!(!stage.wants_listing(10.5));
        assert!(stage.wants_listing(11.0));
        let screens = stage.screens(&BTreeMap::new()).unwrap();
        assert_eq!(
            screens,
            Screens {
                slides: 1,
                presenter: 0
            }
        );
        assert_eq!(
            sent(&ctx, |c| stage.follow(c, true, Some(screens))),
            [egui::ViewportCommand::SetMonitor(1)]
        );
        assert!(sent(&ctx, |c| stage.follow(c, true, Some(screens))).is_empty());
        // Swapped: out of full screen first, then over after a few frames.
        let swapped = screens.swap();
        assert_eq!(
            sent(&ctx, |c| stage.follow(c, true, Some(swapped))),
            [egui::ViewportCommand::Fullscreen(false)]
        );
        for _ in 0..SETTLE_FRAMES - 1 {
            assert!(sent(&ctx, |c| stage.follow(c, true, Some(swapped))).is_empty());
        }
        assert_eq!(
            sent(&ctx, |c| stage.follow(c, true, Some(swapped))),
            [egui::ViewportCommand::SetMonitor(0)]
        );
        // The swap is what is remembered for this set of monitors.
        let (set, choice) = stage.choice(swapped).unwrap();
        let remembered = BTreeMap::from([(set, choice)]);
        assert_eq!(stage.screens(&remembered), Some(swapped));
        // Talk ▸ Present on lists both, and puts the slides where chosen.
        assert_eq!(stage.monitors().len(), 2);
        assert_eq!(
            stage.screens_on(0),
            Some(Screens {
                slides: 0,
                presenter: 1
            })
        );
        assert_eq!(stage.screens_on(5), None, "no such monitor");
        // The talk ends: out of full screen.
        assert_eq!(
            sent(&ctx, |c| stage.follow(c, false, None)),
            [egui::ViewportCommand::Fullscreen(false)]
        );
    }
}
