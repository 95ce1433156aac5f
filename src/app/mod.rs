//! The app: its state, and the layout of the window. Commands that
//! panels emit are defined and applied in `command`, the sidebar's rows
//! come from `outline`, and the writer, watcher and dialogs are polled in
//! `background`; opening and writing files the user names is in `files`.

mod background;
use background::open_notes_of;
pub mod command;
pub mod exit;
mod files;
pub mod find;
pub mod history;
pub mod outline;
pub mod present;
pub mod remembered;
pub mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::model::{Comparison, Diagnostic};
use crate::notes::file::{NotesFile, Status};
use crate::notes::writer::NotesWriter;
use crate::platform::file_dialog::Dialogs;
use crate::platform::watch::ContentWatcher;
use crate::ui;
use crate::ui::dialogs::PathDialog;
use crate::ui::export_dialog::ExportDialog;

pub use command::Command;
use find::{Finder, SearchIndex};
use outline::Outline;
pub use outline::Section;

/// Writes `state` into eframe's storage.
fn store(storage: &mut dyn eframe::Storage, state: &remembered::Remembered) {
    if let Ok(text) = ron::to_string(state) {
        storage.set_string(remembered::KEY, text);
    }
}

/// Where the shown comparison came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The comparison embedded in the binary.
    BuiltIn,
    /// A RON file on disk.
    File(PathBuf),
}

impl Source {
    /// How the source is named to the user.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::BuiltIn => "Built-in comparison".to_owned(),
            Self::File(p) => p.display().to_string(),
        }
    }

    /// The content file, if there is one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::BuiltIn => None,
            Self::File(p) => Some(p),
        }
    }
}

/// Everything the window shows and edits.
#[expect(
    clippy::struct_excessive_bools,
    reason = "one-frame requests to the panels (scroll, focus) and quit, each set by a command and read by one place"
)]
pub struct VersusApp {
    /// The comparison shown.
    pub comparison: Comparison,
    /// Where it came from.
    pub source: Source,
    /// Warnings from loading it (at most a few of each kind, then one line
    /// that counts the rest).
    pub warnings: Vec<Diagnostic>,
    /// How many warnings there are in all, listed or only counted.
    pub warning_count: usize,
    /// The selected sidebar row.
    pub selected: Section,
    /// The two subjects shown (left, right) when not showing them all.
    pub columns: [usize; 2],
    /// Whether every subject is a column (the default with three or more).
    pub all_subjects: bool,
    /// The notes and their file.
    pub notes_file: NotesFile,
    /// Where notes go when they cannot sit beside the content.
    pub data_dir: PathBuf,
    /// The last load failure, shown until dismissed.
    pub error: Option<String>,
    /// A passing message for the status line ("Exported to…").
    pub message: Option<String>,
    /// The path dialog (open comparison, open notes, save notes as).
    pub path_dialog: PathDialog,
    /// The export dialog.
    pub export_dialog: ExportDialog,
    /// File ▸ Merge notes from…: the review of a colleague's notes.
    pub merge_dialog: crate::ui::merge_dialog::MergeDialog,
    /// The last file exported, for "Open folder".
    pub last_export: Option<PathBuf>,
    /// A URL to open after this frame (a folder, for "Open folder").
    open_url: Option<String>,
    /// Set when the selection moved by keyboard, so the sidebar scrolls to it.
    pub scroll_to_selected: bool,
    /// Set when the note editor should take keyboard focus.
    pub focus_note: bool,
    /// The search and filter above and under the sidebar's title.
    pub finder: Finder,
    /// Set when the search field should take keyboard focus.
    pub focus_search: bool,
    /// The command palette.
    pub palette: crate::ui::palette::Palette,
    /// Undo for stars, highlights and orphan changes.
    history: history::History,
    /// Whether the keyboard shortcuts window is open.
    pub shortcuts_open: bool,
    /// Whether the first-run screen is shown.
    pub welcome: bool,
    /// Whether the central panel shows the overview instead of a section.
    pub overview: bool,
    /// What is remembered between runs (recent files, places, choices).
    pub remembered: remembered::Remembered,
    /// What was last written to the state file.
    saved_state: Option<remembered::Remembered>,
    /// The window's context, for the theme and the zoom (set on the first
    /// frame).
    ctx: Option<egui::Context>,
    /// The sidebar's rows, worked out again after each command.
    outline: Outline,
    /// The dimensions' content folded for search, built on first use.
    search_index: SearchIndex,
    /// The talk being presented, if any.
    pub presenting: Option<present::Presenting>,
    /// How talks are presented (which dimensions, summaries or not).
    pub present_options: present::PresentOptions,
    /// The window's clock this frame, in seconds (egui's input time).
    pub clock: f64,
    /// The talk's plan, worked out once a frame for every panel that
    /// shows a budget (10,000 dimensions take milliseconds).
    pub plan: crate::talk::Plan,
    /// Whether the window was last asked to be full screen.
    fullscreen: bool,
    /// Set by Ctrl+Q or File ▸ Quit; the window closes after this frame.
    pub quit_requested: bool,
    /// Dimension index by id.
    index: HashMap<String, usize>,
    /// The title last given to the window.
    shown_title: String,
    dialogs: Dialogs,
    writer: Option<NotesWriter>,
    /// Watches the content file, to reload it when its author saves it.
    watcher: Option<ContentWatcher>,
    /// Watches the notes file, to take in an edit made outside versus.
    notes_watcher: Option<ContentWatcher>,
    /// The helpers above that could not start (said once).
    helpers_off: background::HelpersOff,
    /// The notes file changed outside; looked at once no save is under way.
    notes_changed_outside: bool,
    /// When a change on disk was last seen; the reload waits for the
    /// writes to settle.
    reload_after: Option<Instant>,
}

impl VersusApp {
    /// An app showing `comparison`, with notes in their default place.
    #[must_use]
    pub fn new(comparison: Comparison, source: Source, data_dir: PathBuf) -> Self {
        let (notes_file, notes_message) = open_notes_of(&source, &comparison.title, &data_dir);
        let outline = Outline::of(&comparison);
        let mut app = Self {
            selected: Section::Intro,
            columns: [0, 1],
            all_subjects: comparison.subjects.len() > 2,
            index: index_of(&comparison),
            comparison,
            source,
            warnings: Vec::new(),
            warning_count: 0,
            notes_file,
            data_dir,
            error: None,
            message: notes_message,
            path_dialog: PathDialog::default(),
            export_dialog: ExportDialog::default(),
            merge_dialog: crate::ui::merge_dialog::MergeDialog::default(),
            last_export: None,
            open_url: None,
            scroll_to_selected: false,
            focus_note: false,
            finder: Finder::default(),
            focus_search: false,
            palette: crate::ui::palette::Palette::default(),
            history: history::History::default(),
            shortcuts_open: false,
            welcome: false,
            overview: false,
            remembered: remembered::Remembered::default(),
            saved_state: None,
            ctx: None,
            outline,
            search_index: SearchIndex::default(),
            presenting: None,
            present_options: present::PresentOptions::default(),
            clock: 0.0,
            plan: crate::talk::Plan::default(),
            fullscreen: false,
            quit_requested: false,
            shown_title: String::new(),
            dialogs: Dialogs::default(),
            writer: None,
            watcher: None,
            notes_watcher: None,
            helpers_off: background::HelpersOff::default(),
            notes_changed_outside: false,
            reload_after: None,
        };
        app.selected = app.section_at(0);
        if let Some(path) = app.source.path().map(Path::to_owned) {
            app.remembered.opened(&path);
        }
        app
    }

    /// The built-in comparison, then `path` if given; a file that fails to
    /// load leaves the built-in one shown with the error.
    #[must_use]
    pub fn open_at_start(path: Option<&Path>, data_dir: PathBuf) -> Self {
        // Known by its absolute path, so that what is remembered reopens it
        // from any folder.
        let path = path.map(files::absolute_path);
        match path.map(|p| {
            let loaded = Comparison::load(&p);
            (p, loaded)
        }) {
            Some((p, Ok(loaded))) => {
                let mut app = Self::new(loaded.comparison, Source::File(p), data_dir);
                app.warnings = loaded.warnings;
                app.warning_count = loaded.warning_count;
                app
            }
            Some((_, Err(e))) => {
                let mut app = Self::new(Comparison::built_in(), Source::BuiltIn, data_dir);
                app.error = Some(e.errors_text());
                app
            }
            None => Self::new(Comparison::built_in(), Source::BuiltIn, data_dir),
        }
    }

    /// The subjects shown as columns, in order (indices).
    #[must_use]
    pub fn shown_subjects(&self) -> Vec<usize> {
        let n = self.comparison.subjects.len();
        if self.all_subjects && n > 2 {
            (0..n).collect()
        } else {
            self.columns.iter().copied().filter(|&i| i < n).collect()
        }
    }

    /// The notes (read-only view).
    #[must_use]
    pub fn notes(&self) -> &crate::notes::Notes {
        &self.notes_file.notes
    }

    /// The id of the selected dimension, if a dimension is selected.
    #[must_use]
    pub fn selected_dimension_id(&self) -> Option<&str> {
        match self.selected {
            Section::Dimension(i) => self.comparison.dimensions.get(i).map(|d| d.id.as_str()),
            Section::Intro | Section::Conclusion => None,
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
        self.reload_when_changed(ctx);
        self.notice_notes_changes();
        self.autosave(ctx);
    }

    /// Lays out the window: menu, status bar, sidebar, notes, comparison pane.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.attach(&ctx);
        self.poll_background();
        self.reload_when_changed(&ctx);
        self.clock = ctx.input(|i| i.time);
        if self.presenting.is_some() {
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
            || self.shortcuts_open;
        ui::keys::handle(&ctx, dialog_open, &mut commands);
        for command in commands.drain(..) {
            self.apply(command);
        }
        // After the keys, before the panels: every budget drawn this frame
        // comes from one plan.
        self.plan = self.plan_now();
        ui::text::set_search(&ctx, self.finder.query());
        egui::Panel::top("menu").show(ui, |ui| ui::menu_bar::ui(ui, self, &mut commands));
        egui::Panel::bottom("status").show(ui, |ui| ui::status_bar::ui(ui, self, &mut commands));
        egui::Panel::left("sidebar")
            .resizable(true)
            .default_size(260.0)
            .min_size(160.0)
            .show(ui, |ui| ui::sidebar::ui(ui, self, &mut commands));
        egui::Panel::right("notes")
            .resizable(true)
            .default_size(320.0)
            .min_size(200.0)
            .show(ui, |ui| ui::notes_panel::ui(ui, self, &mut commands));
        egui::CentralPanel::default().show(ui, |ui| {
            if self.overview {
                ui::overview::ui(ui, self, &mut commands);
            } else {
                ui::comparison::ui(ui, self, &mut commands);
            }
        });
        // Both the sidebar and the overview have scrolled to it by now.
        self.scroll_to_selected = false;
        ui::dialogs::path_ui(&ctx, &mut self.path_dialog, &mut commands);
        ui::palette::ui(&ctx, self, &mut commands);
        ui::palette::shortcuts_ui(&ctx, self.shortcuts_open, &mut commands);
        ui::welcome::ui(&ctx, self, &mut commands);
        ui::welcome::drop_hint_ui(&ctx);
        if let Some(path) = ui::welcome::dropped_file(&ctx) {
            commands.push(command::FileCmd::Open(path).into());
        }
        ui::export_dialog::ui(
            &ctx,
            &self.comparison,
            &mut self.export_dialog,
            &mut commands,
        );
        ui::merge_dialog::ui(
            &ctx,
            &mut self.merge_dialog,
            &self.comparison,
            &mut commands,
        );
        for command in commands {
            self.apply(command);
        }
        // After this frame's edits, so that typing and an outside change
        // seen in one frame count as both sides changing.
        self.notice_notes_changes();
        self.autosave(&ctx);

        if self.shown_title != self.comparison.title {
            self.shown_title.clone_from(&self.comparison.title);
            let title = format!("{} — versus", self.comparison.title);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
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
        for command in commands.drain(..) {
            self.apply(command);
        }
        self.follow_fullscreen(ctx);
        if self.presenting.is_some() {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.fill(ctx.global_style().visuals.panel_fill))
                .show(ui, |ui| ui::present::ui(ui, self, &mut commands));
            ui::presenter::ui(ctx, self, &mut commands);
            // The clock and the pace move on their own.
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        for command in commands {
            self.apply(command);
        }
        self.follow_fullscreen(ctx);
        self.notice_notes_changes();
        self.autosave(ctx);
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Full screen while presenting, and back after.
    fn follow_fullscreen(&mut self, ctx: &egui::Context) {
        let presenting = self.presenting.is_some();
        if presenting != self.fullscreen {
            self.fullscreen = presenting;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(presenting));
        }
    }

    /// A short word on the notes file for the status line.
    #[must_use]
    pub fn notes_status(&self) -> String {
        match &self.notes_file.status {
            Status::Saved => "Saved".to_owned(),
            Status::Untouched => "No notes yet".to_owned(),
            Status::Unsaved => "Unsaved changes".to_owned(),
            Status::Saving => "Saving…".to_owned(),
            Status::Failed(e) => {
                let retry = self
                    .notes_file
                    .retry_in(Instant::now())
                    .map_or_else(String::new, |d| {
                        format!(" Retrying in {} s.", d.as_secs_f32().ceil())
                    });
                let file = &self.notes_file;
                let copy = match (&file.copy_failed, &file.rescued_to) {
                    (Some(why), _) => format!(" No copy could be kept either: {why}."),
                    (None, Some(p)) => format!(" A copy is kept in {}.", p.display()),
                    (None, None) => String::new(),
                };
                format!("Not saved: {e}.{retry}{copy}")
            }
            Status::Conflict => "Not saved: the file changed on disk".to_owned(),
            Status::Broken(_) if self.notes_file.can_move_aside() => {
                "Not saved: the notes file cannot be read".to_owned()
            }
            Status::Broken(_) => "Not saved: that file is not a notes file".to_owned(),
        }
    }
}

pub(super) fn index_of(c: &Comparison) -> HashMap<String, usize> {
    c.dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect()
}

impl eframe::App for VersusApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Self::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        Self::ui(self, ui);
        // Saved when it changes, so a crash loses at most this frame.
        let now = self.remembered_now();
        if self.saved_state.as_ref() != Some(&now) {
            if let Some(storage) = frame.storage_mut() {
                store(storage, &now);
                storage.flush();
            }
            self.saved_state = Some(now);
        }
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
