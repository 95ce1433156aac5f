//! What the window shows, rather than what it holds: searching and
//! filtering the sidebar and jumping between finds, the overview, the
//! palette and the shortcuts window, the theme and the zoom. The commands
//! of these two groups, and how each is applied (one exhaustive match a
//! group).

use super::find::Filter;
use super::{Command, Section, VersusApp};

/// Searching and filtering the sidebar, and jumping between finds.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindCmd {
    /// Put the keyboard in the search field (Ctrl+F, `/`).
    Focus,
    /// The search text changed: list the dimensions that match.
    Changed,
    /// Clear the search and go back to where the search began (Esc).
    Clear,
    /// Select the next listed dimension (Enter, F3), round to the first.
    Next,
    /// Select the previous listed dimension (Shift+F3), round to the last.
    Previous,
    /// List only the dimensions this filter lets through.
    SetFilter(Filter),
    /// Select the next annotated or starred dimension (Alt+Down).
    NextAnnotated,
    /// Select the previous annotated or starred dimension (Alt+Up).
    PreviousAnnotated,
}

impl From<FindCmd> for Command {
    fn from(c: FindCmd) -> Self {
        Self::Find(c)
    }
}

/// The command palette and the shortcuts window.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewCmd {
    /// Open the command palette (Ctrl+Shift+P, Ctrl+K).
    ShowPalette,
    /// Close it.
    ClosePalette,
    /// Open the keyboard shortcuts window (F1).
    ShowShortcuts,
    /// Close it.
    CloseShortcuts,
    /// Close the first-run screen.
    CloseWelcome,
    /// Show or hide the overview of every dimension (Ctrl+Shift+O).
    ToggleOverview,
    /// Light, dark, or as the system says.
    Theme(egui::ThemePreference),
    /// Larger, smaller, or back to 100 %.
    Zoom(Zoom),
}

/// A step of the zoom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// 10 % larger (Ctrl+Plus, Ctrl+=).
    In,
    /// 10 % smaller (Ctrl+Minus).
    Out,
    /// 100 % (Ctrl+0).
    Reset,
}

impl Zoom {
    /// The zoom factor after this step from `factor`, between 50 % and
    /// 300 %.
    #[must_use]
    pub fn from(self, factor: f32) -> f32 {
        match self {
            Self::In => (factor * 1.1).min(3.0),
            Self::Out => (factor / 1.1).max(0.5),
            Self::Reset => 1.0,
        }
    }
}

impl From<ViewCmd> for Command {
    fn from(c: ViewCmd) -> Self {
        Self::View(c)
    }
}

impl VersusApp {
    /// Opens or closes the palette and the shortcuts window.
    pub(super) fn apply_view(&mut self, command: ViewCmd) {
        match command {
            ViewCmd::ShowPalette => {
                self.palette = crate::ui::palette::Palette {
                    open: true,
                    ..Default::default()
                };
            }
            ViewCmd::ClosePalette => self.palette.open = false,
            ViewCmd::ShowShortcuts => self.shortcuts_open = true,
            ViewCmd::CloseShortcuts => self.shortcuts_open = false,
            ViewCmd::CloseWelcome => self.welcome = false,
            ViewCmd::ToggleOverview => {
                self.overview = !self.overview;
                self.scroll_to_selected = true;
            }
            ViewCmd::Theme(theme) => {
                if let Some(ctx) = &self.ctx {
                    ctx.set_theme(theme);
                }
            }
            ViewCmd::Zoom(step) => {
                if let Some(ctx) = &self.ctx {
                    ctx.set_zoom_factor(step.from(ctx.zoom_factor()));
                }
            }
        }
    }

    /// Searches, filters, or jumps between what they find.
    pub(super) fn apply_find(&mut self, command: FindCmd) {
        match command {
            FindCmd::Focus => self.focus_search = true,
            FindCmd::Changed => {
                if self.finder.before.is_none() && !self.finder.text.trim().is_empty() {
                    self.finder.before = Some(self.selected);
                }
                self.refresh_outline();
                self.select_a_listed_section();
            }
            FindCmd::Clear if self.finder.text.is_empty() && self.finder.before.is_none() => {}
            FindCmd::Clear => {
                self.finder.text.clear();
                self.refresh_outline();
                if let Some(before) = self.finder.before.take() {
                    self.selected = before;
                }
                self.select_a_listed_section();
                self.scroll_to_selected = true;
            }
            FindCmd::SetFilter(filter) => {
                self.finder.filter = filter;
                self.refresh_outline();
                self.select_a_listed_section();
            }
            FindCmd::Next | FindCmd::Previous => {
                let rows = self.outline().len();
                if rows == 0 {
                    return;
                }
                let row = self.row_of(self.selected);
                let shown = self.outline().shows(self.selected);
                let next = match (command, shown) {
                    (FindCmd::Next, true) => (row + 1) % rows,
                    (FindCmd::Next, false) => row % rows,
                    _ => (row + rows - 1) % rows,
                };
                self.selected = self.section_at(next);
                self.scroll_to_selected = true;
            }
            FindCmd::NextAnnotated | FindCmd::PreviousAnnotated => {
                let forward = command == FindCmd::NextAnnotated;
                if let Some(section) = self.annotated_from(forward) {
                    self.selected = section;
                    self.scroll_to_selected = true;
                } else {
                    let way = if forward { "after" } else { "before" };
                    self.message = Some(format!("No annotated dimension {way} this one"));
                }
            }
        }
    }

    /// Keeps the selection on a listed row: the first one when the selected
    /// section is not listed (and there is one).
    fn select_a_listed_section(&mut self) {
        if !self.outline().shows(self.selected)
            && let Some(first) = self.outline().get(0)
        {
            self.selected = first;
            self.scroll_to_selected = true;
        }
    }

    /// The listed dimension after (or before) the selection that has a
    /// note, a star or a highlight.
    fn annotated_from(&self, forward: bool) -> Option<Section> {
        let outline = self.outline();
        let row = outline.row_of(self.selected);
        let shown = outline.shows(self.selected);
        let annotated = |r: usize| match outline.get(r) {
            Some(Section::Dimension(i)) => self
                .comparison
                .dimensions
                .get(i)
                .and_then(|d| self.notes().get(&d.id))
                .is_some_and(|n| !n.is_empty()),
            _ => false,
        };
        let found = if forward {
            let start = if shown { row + 1 } else { row };
            (start..outline.len()).find(|&r| annotated(r))
        } else {
            (0..row).rev().find(|&r| annotated(r))
        };
        found.and_then(|r| outline.get(r))
    }
}
