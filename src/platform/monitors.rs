//! Which monitor shows the slides and which the presenter view.
//!
//! With one monitor a talk is given in the one window, as it always was.
//! With two or more, the slides go full screen on a monitor other than the
//! one holding the main window (the speaker's laptop, as a rule) and the
//! presenter view stays where the window is. A choice the speaker made
//! for a set of monitors ("Present on", "Swap screens") is remembered for
//! that set and wins the next time the same monitors are plugged in.
//!
//! The choice is a pure function of a monitor list, so it is tested on
//! plain lists; [`list`] reads the real list from winit.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One monitor as the window system reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitor {
    /// Its name (an X output such as `HDMI-1`; `Monitor N` when the system
    /// gives none).
    pub name: String,
    /// Its size in physical pixels, width then height.
    pub size: [u32; 2],
    /// Its top-left corner on the desktop, in physical pixels.
    pub position: [i32; 2],
}

impl Monitor {
    /// What a menu shows for it: name and size.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{} ({} × {})", self.name, self.size[0], self.size[1])
    }

    /// Its area in pixels, to find the largest.
    fn area(&self) -> u64 {
        u64::from(self.size[0]) * u64::from(self.size[1])
    }

    /// Whether this is the monitor `id` names.
    fn is(&self, id: &MonitorId) -> bool {
        self.name == id.name && self.size == id.size
    }
}

/// A monitor as a remembered choice names it: by name and size, not by
/// index (the order of the list can change between runs) nor by position
/// (the speaker may arrange the screens differently next time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorId {
    /// The monitor's name.
    pub name: String,
    /// Its size in physical pixels.
    pub size: [u32; 2],
}

impl From<&Monitor> for MonitorId {
    fn from(monitor: &Monitor) -> Self {
        Self {
            name: monitor.name.clone(),
            size: monitor.size,
        }
    }
}

/// A set of monitors, as the key under which a choice is remembered: the
/// monitors' names and sizes, sorted, so the same monitors give the same
/// key whatever order the system lists them in. Kept as one text so that
/// it serves as a map key in any format the state is saved in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MonitorSet(String);

impl MonitorSet {
    /// The key for `monitors`.
    #[must_use]
    pub fn of(monitors: &[Monitor]) -> Self {
        let mut parts: Vec<String> = monitors
            .iter()
            .map(|m| format!("{} {}x{}", m.name, m.size[0], m.size[1]))
            .collect();
        parts.sort();
        Self(parts.join(", "))
    }
}

impl fmt::Display for MonitorSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where the slides and the presenter view go: indices into the monitor
/// list (winit's `available_monitors()` order, which is what
/// `egui::ViewportCommand::SetMonitor` takes). Always two different
/// monitors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screens {
    /// The monitor that shows the slides, full screen.
    pub slides: usize,
    /// The monitor that shows the presenter view.
    pub presenter: usize,
}

impl Screens {
    /// The same two monitors, exchanged ("Swap screens").
    #[must_use]
    pub fn swap(self) -> Self {
        Self {
            slides: self.presenter,
            presenter: self.slides,
        }
    }
}

/// A choice the speaker made, to remember for one [`MonitorSet`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The monitor for the slides.
    pub slides: MonitorId,
    /// The monitor for the presenter view.
    pub presenter: MonitorId,
}

impl Choice {
    /// The choice that `screens` stands for in `monitors`; `None` when an
    /// index is not in the list.
    #[must_use]
    pub fn of(monitors: &[Monitor], screens: Screens) -> Option<Self> {
        Some(Self {
            slides: monitors.get(screens.slides)?.into(),
            presenter: monitors.get(screens.presenter)?.into(),
        })
    }

    /// The screens this choice names in `monitors`, if both are there and
    /// are two different monitors.
    fn resolve(&self, monitors: &[Monitor]) -> Option<Screens> {
        let slides = monitors.iter().position(|m| m.is(&self.slides))?;
        let presenter = monitors.iter().position(|m| m.is(&self.presenter))?;
        (slides != presenter).then_some(Screens { slides, presenter })
    }
}

/// Where a talk goes on `monitors`, the main window being on monitor
/// `window_on`; `None` for one window on one screen (one monitor, or none
/// known).
///
/// A `remembered` choice wins when both its monitors are still there.
/// Otherwise the presenter view goes on the window's monitor (the first
/// when that is unknown or gone) and the slides on the largest other
/// monitor, the first in the list among equals.
#[must_use]
pub fn choose(
    monitors: &[Monitor],
    window_on: Option<usize>,
    remembered: Option<&Choice>,
) -> Option<Screens> {
    if monitors.len() < 2 {
        return None;
    }
    if let Some(screens) = remembered.and_then(|choice| choice.resolve(monitors)) {
        return Some(screens);
    }
    let presenter = window_on.filter(|&i| i < monitors.len()).unwrap_or(0);
    slides_on(
        monitors,
        Some(presenter),
        largest_except(monitors, presenter)?,
    )
}

/// Where a talk goes when the speaker picks monitor `slides` for the
/// slides ("Present on ▸"): the presenter view stays on the window's
/// monitor, or, when that is the one picked (or unknown), goes on the
/// first other. `None` when `slides` is not in the list or there is no
/// second monitor.
#[must_use]
pub fn slides_on(monitors: &[Monitor], window_on: Option<usize>, slides: usize) -> Option<Screens> {
    if slides >= monitors.len() {
        return None;
    }
    let presenter = window_on
        .filter(|&i| i < monitors.len() && i != slides)
        .or_else(|| (0..monitors.len()).find(|&i| i != slides))?;
    Some(Screens { slides, presenter })
}

/// The largest monitor other than `except`, the first among equals.
fn largest_except(monitors: &[Monitor], except: usize) -> Option<usize> {
    let mut best: Option<(usize, u64)> = None;
    for (i, monitor) in monitors.iter().enumerate() {
        if i == except {
            continue;
        }
        // Strictly larger only, so the earlier of equals stays.
        if best.is_none_or(|(_, area)| monitor.area() > area) {
            best = Some((i, monitor.area()));
        }
    }
    best.map(|(i, _)| i)
}

/// The monitors as the window system lists them, and which one holds the
/// window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// In winit's `available_monitors()` order.
    pub monitors: Vec<Monitor>,
    /// The index of the monitor the window is on, if the system says.
    pub window_on: Option<usize>,
}

/// Lists the monitors `window` can go on, and the one it is on.
#[must_use]
pub fn list(window: &winit::window::Window) -> Listing {
    let current = window.current_monitor();
    let mut window_on = None;
    let monitors = window
        .available_monitors()
        .enumerate()
        .map(|(i, handle)| {
            if current.as_ref() == Some(&handle) {
                window_on = Some(i);
            }
            let size = handle.size();
            let position = handle.position();
            Monitor {
                name: handle
                    .name()
                    .unwrap_or_else(|| format!("Monitor {}", i + 1)),
                size: [size.width, size.height],
                position: [position.x, position.y],
            }
        })
        .collect();
    Listing {
        monitors,
        window_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monitor(name: &str, w: u32, h: u32, x: i32) -> Monitor {
        Monitor {
            name: name.to_owned(),
            size: [w, h],
            position: [x, 0],
        }
    }

    fn laptop() -> Monitor {
        monitor("eDP-1", 1920, 1200, 0)
    }

    fn projector() -> Monitor {
        monitor("HDMI-1", 1280, 720, 1920)
    }

    fn big_screen() -> Monitor {
        monitor("DP-2", 3840, 2160, 3200)
    }

    fn on(slides: usize, presenter: usize) -> Screens {
        Screens { slides, presenter }
    }

    #[test]
    fn one_monitor_or_none_is_one_window() {
        assert_eq!(choose(&[], None, None), None);
        assert_eq!(choose(&[laptop()], Some(0), None), None);
        assert_eq!(choose(&[laptop()], None, None), None);
        // Even with a remembered choice from another day.
        let old = Choice::of(
            &[laptop(), projector()],
            Screens {
                slides: 1,
                presenter: 0,
            },
        );
        assert!(old.is_some());
        assert_eq!(choose(&[laptop()], Some(0), old.as_ref()), None);
    }

    #[test]
    fn two_monitors_put_the_slides_on_the_one_without_the_window() {
        let monitors = [laptop(), projector()];
        // The projector is smaller than the laptop, and still gets the slides.
        assert_eq!(choose(&monitors, Some(0), None), Some(on(1, 0)));
        assert_eq!(choose(&monitors, Some(1), None), Some(on(0, 1)));
    }

    #[test]
    fn three_monitors_put_the_slides_on_the_largest_other() {
        let monitors = [laptop(), projector(), big_screen()];
        assert_eq!(choose(&monitors, Some(0), None), Some(on(2, 0)));
        assert_eq!(choose(&monitors, Some(1), None), Some(on(2, 1)));
        // The window on the largest: the next largest gets the slides.
        assert_eq!(choose(&monitors, Some(2), None), Some(on(0, 2)));
    }

    #[test]
    fn equal_monitors_go_by_list_order() {
        let monitors = [
            laptop(),
            monitor("HDMI-1", 1920, 1080, 1920),
            monitor("HDMI-2", 1920, 1080, 3840),
        ];
        assert_eq!(choose(&monitors, Some(0), None), Some(on(1, 0)));
        assert_eq!(choose(&monitors, Some(1), None), Some(on(0, 1)));
        let same = [monitor("A", 800, 600, 0), monitor("B", 800, 600, 800)];
        assert_eq!(choose(&same, Some(1), None), Some(on(0, 1)));
    }

    #[test]
    fn the_window_monitor_unknown_or_unplugged_puts_the_presenter_on_the_first() {
        let monitors = [projector(), laptop(), big_screen()];
        assert_eq!(choose(&monitors, None, None), Some(on(2, 0)));
        // The window was on a fourth monitor, since unplugged.
        assert_eq!(choose(&monitors, Some(3), None), Some(on(2, 0)));
        assert_eq!(choose(&monitors[..2], Some(7), None), Some(on(1, 0)));
    }

    #[test]
    fn a_remembered_choice_wins_while_its_monitors_are_there() {
        let monitors = [laptop(), projector(), big_screen()];
        let choice = Choice::of(
            &monitors,
            Screens {
                slides: 1,
                presenter: 2,
            },
        )
        .unwrap();
        assert_eq!(choose(&monitors, Some(0), Some(&choice)), Some(on(1, 2)));
        // Listed in another order the next time: found by name and size.
        let reordered = [big_screen(), laptop(), projector()];
        assert_eq!(choose(&reordered, Some(1), Some(&choice)), Some(on(2, 0)));
        // Arranged differently on the desk: positions do not matter.
        let moved = [
            monitor("eDP-1", 1920, 1200, 5000),
            monitor("HDMI-1", 1280, 720, 0),
            monitor("DP-2", 3840, 2160, 1280),
        ];
        assert_eq!(choose(&moved, Some(0), Some(&choice)), Some(on(1, 2)));
    }

    #[test]
    fn a_stale_remembered_choice_gives_way_to_the_rule() {
        let monitors = [laptop(), projector(), big_screen()];
        let choice = Choice::of(
            &monitors,
            Screens {
                slides: 2,
                presenter: 1,
            },
        )
        .unwrap();
        // The big screen is gone.
        let two = [laptop(), projector()];
        assert_eq!(choose(&two, Some(0), Some(&choice)), Some(on(1, 0)));
        // The projector now runs at another size: not the same monitor.
        let resized = [laptop(), monitor("HDMI-1", 1920, 1080, 1920), big_screen()];
        assert_eq!(choose(&resized, Some(0), Some(&choice)), Some(on(2, 0)));
        // A choice naming one monitor twice is never used.
        let twice = Choice {
            slides: (&laptop()).into(),
            presenter: (&laptop()).into(),
        };
        assert_eq!(choose(&monitors, Some(0), Some(&twice)), Some(on(2, 0)));
    }

    #[test]
    fn swap_exchanges_the_two_and_is_remembered_as_such() {
        let monitors = [laptop(), projector()];
        let chosen = choose(&monitors, Some(0), None).unwrap();
        let swapped = chosen.swap();
        assert_eq!(Some(swapped), Some(on(0, 1)));
        assert_eq!(swapped.swap(), chosen);
        let choice = Choice::of(&monitors, swapped).unwrap();
        assert_eq!(choose(&monitors, Some(0), Some(&choice)), Some(swapped));
        assert_eq!(
            Choice::of(
                &monitors,
                Screens {
                    slides: 2,
                    presenter: 0
                }
            ),
            None
        );
    }

    #[test]
    fn picking_a_monitor_for_the_slides_keeps_the_presenter_by_the_window() {
        let monitors = [laptop(), projector(), big_screen()];
        assert_eq!(slides_on(&monitors, Some(0), 1), Some(on(1, 0)));
        // Picking the window's own monitor moves the presenter view off it.
        assert_eq!(slides_on(&monitors, Some(0), 0), Some(on(0, 1)));
        assert_eq!(slides_on(&monitors, None, 0), Some(on(0, 1)));
        assert_eq!(slides_on(&monitors, None, 2), Some(on(2, 0)));
        assert_eq!(slides_on(&monitors, Some(0), 3), None);
        assert_eq!(slides_on(&monitors[..1], Some(0), 0), None);
    }

    #[test]
    fn the_set_key_ignores_order_and_position_but_not_size() {
        let a = MonitorSet::of(&[laptop(), projector()]);
        let b = MonitorSet::of(&[monitor("HDMI-1", 1280, 720, -1280), laptop()]);
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "HDMI-1 1280x720, eDP-1 1920x1200");
        assert_ne!(
            a,
            MonitorSet::of(&[laptop(), monitor("HDMI-1", 1920, 1080, 0)])
        );
        assert_ne!(a, MonitorSet::of(&[laptop()]));
        // Saved as the plain text, so it can key a map in any format.
        assert_eq!(
            ron::to_string(&a).unwrap(),
            "\"HDMI-1 1280x720, eDP-1 1920x1200\""
        );
    }

    #[test]
    fn a_menu_label_names_the_monitor_and_its_size() {
        assert_eq!(projector().label(), "HDMI-1 (1280 × 720)");
    }
}
