//! What the window shows, rather than what it holds: the overview, the
//! palette and the shortcuts window, the warnings, the first-run screen,
//! where the keyboard goes (and a key waiting for the next), the theme and
//! the zoom.

use super::VersusApp;
use crate::session::command::{FindCmd, Theme, ViewCmd};

/// Which screens are up besides the comparison, and one-frame requests for
/// the keyboard focus.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of one window, each set by a command and read by one view"
)]
pub struct Shown {
    /// Whether the first-run screen is shown.
    pub welcome: bool,
    /// Whether the central panel shows the overview instead of a section.
    pub overview: bool,
    /// Whether the keyboard shortcuts window is open.
    pub shortcuts: bool,
    /// Set when the note editor should take keyboard focus (this frame).
    pub focus_note: bool,
    /// Set when the search field should take keyboard focus (this frame).
    pub focus_search: bool,
    /// Whether the list of the content file's warnings is open.
    pub warnings: bool,
    /// A key that waits for the next one (V in "V then 1").
    pub keys: crate::ui::keys::Pending,
}

/// egui's name for a theme.
fn preference(theme: Theme) -> egui::ThemePreference {
    match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Dark => egui::ThemePreference::Dark,
        Theme::Light => egui::ThemePreference::Light,
    }
}

impl VersusApp {
    /// Opens or closes the palette and the shortcuts window.
    pub(super) fn apply_view(&mut self, command: ViewCmd) {
        match command {
            ViewCmd::ShowPalette => {
                self.palette = crate::ui::palette::Palette::opened();
            }
            ViewCmd::ClosePalette => self.palette.open = false,
            ViewCmd::ShowShortcuts => self.shown.shortcuts = true,
            ViewCmd::CloseShortcuts => self.shown.shortcuts = false,
            ViewCmd::CloseWelcome => self.shown.welcome = false,
            ViewCmd::ToggleOverview => {
                self.shown.overview = !self.shown.overview;
                self.session.selection_jumped = true;
            }
            ViewCmd::CloseOverview | ViewCmd::Back if self.shown.overview => {
                self.shown.overview = false;
                self.session.selection_jumped = true;
            }
            ViewCmd::CloseOverview => {}
            ViewCmd::Back => self.session.apply_find(FindCmd::Clear),
            ViewCmd::ShowWarnings => self.shown.warnings = true,
            ViewCmd::CloseWarnings => self.shown.warnings = false,
            ViewCmd::Theme(theme) => {
                if let Some(ctx) = &self.ctx {
                    ctx.set_theme(preference(theme));
                }
            }
            ViewCmd::Zoom(step) => {
                if let Some(ctx) = &self.ctx {
                    ctx.set_zoom_factor(step.from(ctx.zoom_factor()));
                }
            }
            // In the overview, Enter opens the selected dimension.
            ViewCmd::FocusNote if self.shown.overview => self.shown.overview = false,
            ViewCmd::FocusNote => self.shown.focus_note = true,
            ViewCmd::FocusSearch => self.shown.focus_search = true,
        }
    }
}
