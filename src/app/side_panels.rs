//! The side panels give way to the comparison: the notes fold to a strip
//! when the pane would be narrower than its columns need (F2 opens them),
//! then the sidebar narrows, down to its least width, and comes back to
//! the person's width once there is room.

use super::VersusApp;
use crate::session::Command;
use crate::ui;

/// The side panels' widths as the person left them, and whether the
/// sidebar is held narrower to give the comparison its room.
#[derive(Clone, Copy, Debug)]
struct SideWidths {
    sidebar: f32,
    notes: f32,
    squeezed: bool,
}

impl Default for SideWidths {
    fn default() -> Self {
        Self {
            sidebar: SIDEBAR_WIDTH,
            notes: NOTES_WIDTH,
            squeezed: false,
        }
    }
}

/// The sidebar's width at first.
const SIDEBAR_WIDTH: f32 = 260.0;

/// The narrowest the sidebar gets, by hand or to make room.
const SIDEBAR_LEAST: f32 = 160.0;

/// The notes panel's width at first.
const NOTES_WIDTH: f32 = 320.0;

/// The folded notes panel's width.
const NOTES_STRIP: f32 = 40.0;

impl VersusApp {
    /// The sidebar and the notes panel (or its strip), as wide as the
    /// comparison lets them be.
    pub(super) fn side_panels_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let session = &self.session;
        if self.shown.focus_note {
            ui::notes_panel::set_fold(ui.ctx(), ui::notes_panel::Fold::Open);
        }
        let need = if self.shown.overview {
            ui::overview::least_width(ui, session)
        } else {
            ui::comparison::least_width(ui, session)
        };
        let widths_id = egui::Id::unique("versus-side-panel-widths");
        let mut widths: SideWidths = ui.data(|d| d.get_temp(widths_id)).unwrap_or_default();
        let total = ui.available_width();
        // The sidebar as wide as the person left it: its narrowing to make
        // room must not open the notes again, which would narrow it more.
        let room = total - widths.sidebar - widths.notes >= need;
        let folded = ui::notes_panel::folded(ui.ctx(), room);
        let right = if folded { NOTES_STRIP } else { widths.notes };
        let allowed = (total - right - need).max(SIDEBAR_LEAST);
        let sidebar = egui::Panel::left("sidebar")
            .resizable(true)
            .default_size(SIDEBAR_WIDTH)
            .min_size(SIDEBAR_LEAST);
        // Squeezed, the sidebar is held narrower than the person left it
        // (and its own memory of its width is not trusted after): once
        // there is room again, it goes back to their width.
        let sidebar = if allowed < widths.sidebar {
            widths.squeezed = true;
            sidebar.exact_size(allowed)
        } else if widths.squeezed {
            widths.squeezed = false;
            sidebar.exact_size(widths.sidebar)
        } else {
            sidebar
        };
        let sidebar_width = sidebar
            .show(ui, |ui| {
                ui::sidebar::ui(ui, session, self.shown.focus_search, commands);
            })
            .response
            .rect
            .width();
        if !widths.squeezed {
            widths.sidebar = sidebar_width;
        }
        if folded {
            egui::Panel::right("notes-strip")
                .resizable(false)
                .exact_size(NOTES_STRIP)
                .show(ui, ui::notes_panel::strip_ui);
        } else {
            let shown = egui::Panel::right("notes")
                .resizable(true)
                .default_size(NOTES_WIDTH)
                .min_size(200.0)
                .show(ui, |ui| {
                    ui::notes_panel::ui(ui, session, self.shown.focus_note, commands);
                });
            widths.notes = shown.response.rect.width();
        }
        ui.data_mut(|d| d.insert_temp(widths_id, widths));
    }
}
