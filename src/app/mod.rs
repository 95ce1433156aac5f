//! The app: the window around a [`Session`]. It lays out the views, turns
//! what they return into commands, hands the session the commands about the
//! comparison and applies the rest (`command`: files, the export dialog, the
//! view, quitting). The writer, watchers and dialogs are polled in
//! `background`; opening and writing files the user names is in `files`.

mod background;
pub mod command;
pub mod exit;
mod exporting;
mod files;
pub mod remembered;
mod screens;
pub mod screenshot;
mod side_panels;
pub mod view;

use std::path::Path;

use crate::model::Comparison;
use crate::session::{Command, Session, Source};
use crate::ui;
use crate::ui::dialogs::PathDialog;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::merge_dialog::MergeDialog;
use crate::ui::palette::Palette;
use background::Background;
use view::Shown;

/// Writes `state` into eframe's storage.
fn store(storage: &mut dyn eframe::Storage, state: &remembered::Remembered) {
    if let Ok(text) = ron::to_string(state) {
        storage.set_string(remembered::KEY, text);
    }
}

/// The window: the session it shows, the views that keep state of their
/// own, what is remembered between runs, and the helpers in the background.
pub struct VersusApp {
    /// The comparison being worked on, its notes and its talk.
    pub session: Session,
    /// Which screens are up, and where the keyboard goes this frame.
    pub shown: Shown,
    /// The path dialog (open comparison, open notes, save notes as).
    pub path_dialog: PathDialog,
    /// The export dialog.
    pub export_dialog: ExportDialog,
    /// File ▸ Merge notes from…: the review of a colleague's notes.
    pub merge_dialog: MergeDialog,
    /// The command palette.
    pub palette: Palette,
    /// What is remembered between runs (recent files, places, choices).
    pub remembered: remembered::Remembered,
    /// What was last written to the state file.
    saved_state: Option<remembered::Remembered>,
    /// The window's context, for the theme and the zoom (set on the first
    /// frame).
    ctx: Option<egui::Context>,
    /// Where the window is while presenting (full screen, which monitor).
    stage: screens::Stage,
    /// Set by Ctrl+Q or File ▸ Quit; the window closes after this frame.
    pub quit_requested: bool,
    /// The title last given to the window.
    shown_title: String,
    /// The last file exported, for "Open folder".
    pub last_export: Option<std::path::PathBuf>,
    /// A URL to open after this frame (a folder, for "Open folder").
    open_url: Option<String>,
    /// The writer, the watchers and the system dialogs.
    background: Background,
}

impl VersusApp {
    /// An app showing `comparison`, with notes in their default place.
    #[must_use]
    pub fn new(comparison: Comparison, source: Source, data_dir: std::path::PathBuf) -> Self {
        let mut app = Self {
            session: Session::new(comparison, source, data_dir),
            shown: Shown::default(),
            path_dialog: PathDialog::default(),
            export_dialog: ExportDialog::default(),
            merge_dialog: MergeDialog::default(),
            palette: Palette::default(),
            remembered: remembered::Remembered::default(),
            saved_state: None,
            ctx: None,
            stage: screens::Stage::default(),
            quit_requested: false,
            shown_title: String::new(),
            last_export: None,
            open_url: None,
            background: Background::default(),
        };
        if let Some(path) = app.session.source.path().map(Path::to_owned) {
            app.remembered.opened(&path);
        }
        app
    }

    /// The window as eframe starts it: `stored` is what the state file
    /// holds under [`remembered::KEY`] (nothing on the first run). Opens
    /// `file`, else the file open when versus last closed (if it is still
    /// there), takes back what was remembered, and shows the first-run
    /// screen when nothing was stored and no file named.
    #[must_use]
    pub fn start(
        stored: Option<String>,
        file: Option<&Path>,
        data_dir: std::path::PathBuf,
    ) -> Self {
        let first_run = stored.is_none() && file.is_none();
        let remembered = stored
            .map(|text| remembered::Remembered::from_ron(&text))
            .unwrap_or_default();
        let last = remembered.last_file.clone().filter(|p| p.is_file());
        let mut app = Self::open_at_start(file.or(last.as_deref()), data_dir);
        app.restore(remembered);
        app.shown.welcome = first_run;
        app
    }

    /// Writes what is remembered into `storage` when it changed since the
    /// last time, so a crash loses at most this frame.
    pub fn store_if_changed(&mut self, storage: Option<&mut (dyn eframe::Storage + '_)>) {
        let now = self.remembered_now();
        if self.saved_state.as_ref() != Some(&now) {
            if let Some(storage) = storage {
                store(storage, &now);
                storage.flush();
            }
            self.saved_state = Some(now);
        }
    }

    /// The built-in comparison, then `path` if given; a file that fails to
    /// load leaves the built-in one shown with the error.
    #[must_use]
    pub fn open_at_start(path: Option<&Path>, data_dir: std::path::PathBuf) -> Self {
        // Known by its absolute path, so that what is remembered reopens it
        // from any folder.
        let path = path.map(files::absolute_path);
        match path.map(|p| {
            let loaded = Comparison::load(&p);
            (p, loaded)
        }) {
            Some((p, Ok(loaded))) => {
                let mut app = Self::new(loaded.comparison, Source::File(p), data_dir);
                app.session.warnings = loaded.warnings;
                app.session.warning_count = loaded.warning_count;
                app
            }
            Some((_, Err(e))) => {
                let mut app = Self::new(Comparison::built_in(), Source::BuiltIn, data_dir);
                app.session.error = Some(e.errors_text());
                app
            }
            None => Self::new(Comparison::built_in(), Source::BuiltIn, data_dir),
        }
    }

    /// What must go on whether or not the window is drawn: eframe stops
    /// calling [`Self::ui`] for a covered, minimised or other-workspace
    /// window and calls only this (when woken). Takes in finished saves and
    /// the watchers' news, and starts a save when one is due, asking to be
    /// called again when the next one will be.
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.attach(ctx);
        self.poll_background();
        self.poll_export(ctx);
        self.reload_when_changed(ctx);
        self.notice_notes_changes();
        self.autosave(ctx);
    }

    /// Lays out the window: menu, status bar, sidebar, notes, comparison pane.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.attach(&ctx);
        self.poll_background();
        self.poll_export(&ctx);
        self.reload_when_changed(&ctx);
        self.session.clock = ctx.input(|i| i.time);
        if self.session.presenting.is_some() {
            self.present_ui(ui, &ctx);
            return;
        }
        self.follow_fullscreen(&ctx);

        // Keys apply before the panels draw: the panels then show the section
        // the keys chose, and a note focused by F2 takes the keys typed
        // right after it in the same frame.
        let mut commands = Vec::new();
        let dialog_open = self.path_dialog.purpose.is_some()
            || self.export_dialog.open
            || self.merge_dialog.is_open()
            || self.palette.open
            || self.shown.shortcuts
            || self.shown.warnings;
        ui::keys::handle(&ctx, dialog_open, &mut self.shown.keys, &mut commands);
        self.apply_all(commands.drain(..));
        // After the keys, before the panels: every budget drawn this frame
        // comes from one plan.
        self.session.replan();
        self.panels_ui(ui, &mut commands);
        self.dialogs_ui(&ctx, &mut commands);
        self.apply_all(commands);
        // After this frame's edits, so that typing and an outside change
        // seen in one frame count as both sides changing.
        self.notice_notes_changes();
        self.autosave(&ctx);
        self.tell_the_window(&ctx);
    }

    /// The panels around and in the middle of the window.
    fn panels_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let session = &self.session;
        let remembered = &self.remembered;
        let recent = || remembered.recent();
        ui::text::set_search(ui.ctx(), session.finder.query());
        let monitors = self.stage.monitors();
        egui::Panel::top("menu").show(ui, |ui| {
            ui::menu_bar::ui(ui, session, (&recent, monitors), commands);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            let export = self.export_progress();
            let waiting = self.shown.keys.hint(&session.comparison);
            let status = ui::status_bar::Status {
                last_export: self.last_export.as_deref(),
                export,
                waiting: waiting.as_deref(),
            };
            ui::status_bar::ui(ui, session, &status, commands);
        });
        self.side_panels_ui(ui, commands);
        egui::CentralPanel::default().show(ui, |ui| {
            if self.shown.overview {
                ui::overview::ui(ui, session, commands);
            } else {
                ui::comparison::ui(ui, session, commands);
            }
        });
        // Both lists have scrolled to it, and the keyboard has gone where
        // it was asked to, by now.
        self.session.selection_jumped = false;
        self.shown.focus_note = false;
        self.shown.focus_search = false;
    }

    /// The windows over the panels: dialogs, the palette, the shortcuts,
    /// the first-run screen.
    fn dialogs_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let session = &self.session;
        ui::dialogs::path_ui(ctx, &mut self.path_dialog, commands);
        self.palette.ui(ctx, session, commands);
        ui::palette::shortcuts_ui(ctx, self.shown.shortcuts, &session.comparison, commands);
        if self.shown.warnings {
            ui::warnings::ui(ctx, session, commands);
        }
        if self.shown.welcome {
            ui::welcome::ui(ctx, session, &self.remembered.recent(), commands);
        }
        ui::welcome::drop_hint_ui(ctx);
        if let Some(path) = ui::welcome::dropped_file(ctx) {
            commands.push(crate::session::command::FileCmd::Open(path).into());
        }
        ui::export_dialog::ui(ctx, &session.comparison, &mut self.export_dialog, commands);
        ui::merge_dialog::ui(ctx, &mut self.merge_dialog, &session.comparison, commands);
    }

    /// Applies commands in order.
    fn apply_all(&mut self, commands: impl IntoIterator<Item = Command>) {
        for command in commands {
            self.apply(command);
        }
    }

    /// What the window itself is asked after a frame: its title, a folder
    /// to open, closing.
    fn tell_the_window(&mut self, ctx: &egui::Context) {
        let title = &self.session.comparison.title;
        if self.shown_title != *title {
            self.shown_title.clone_from(title);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!("{title} — versus")));
        }
        if let Some(url) = self.open_url.take() {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// While presenting: the slide over the whole window, the presenter
    /// view, and only the presenting keys.
    fn present_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let mut commands = Vec::new();
        ui::present::keys(ctx, &mut commands);
        self.apply_all(commands.drain(..));
        self.follow_fullscreen(ctx);
        if self.session.presenting.is_some() {
            let session = &self.session;
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.fill(ctx.global_style().visuals.panel_fill))
                .show(ui, |ui| ui::present::ui(ui, session, &mut commands));
            ui::presenter::ui(ctx, session, &mut commands);
            // The clock and the pace move on their own.
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        self.apply_all(commands);
        self.follow_fullscreen(ctx);
        self.notice_notes_changes();
        self.autosave(ctx);
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for VersusApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Self::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // The monitors a talk may go on, as they are before it starts
        // (listed again each second, not each frame).
        let now = ui.input(|i| i.time);
        if self.session.presenting.is_none()
            && self.stage.wants_listing(now)
            && let Some(window) = frame.winit_window()
        {
            self.stage
                .notice(crate::platform::monitors::list(window), now);
        }
        Self::ui(self, ui);
        self.store_if_changed(frame.storage_mut());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        store(storage, &self.remembered_now());
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        // egui's own state (panel widths, theme, zoom, the window).
        std::time::Duration::from_secs(5)
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush_on_exit();
    }
}
