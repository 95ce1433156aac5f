//! The app's state, the commands panels emit, and how they are applied.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::export::{ExportOptions, Format};
use crate::model::{Comparison, Diagnostic, LoadError, Severity};
use crate::notes::paths;
use crate::notes::session::{self, Flushed, NotesSession, NotesTarget, Status};
use crate::notes::writer::{self, NotesWriter};
use crate::platform::file_dialog::{DialogPurpose, Dialogs};
use crate::platform::watch::ContentWatcher;
use crate::storage;
use crate::ui;

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

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The comparison's introduction.
    Intro,
    /// The dimension at this index.
    Dimension(usize),
    /// The conclusion and sources.
    Conclusion,
}

/// Something a panel asks the app to do, applied after layout.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show this entry.
    Select(Entry),
    /// Move the selection by this many rows (clamped).
    Move(isize),
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Show subject `subject` in column `column` (0 left, 1 right).
    SetColumn {
        /// 0 for left, 1 for right.
        column: usize,
        /// Index into the comparison's subjects.
        subject: usize,
    },
    /// Swap the two columns.
    SwapColumns,
    /// Show the path dialog for this purpose.
    ShowPathDialog(DialogPurpose),
    /// Ask the system file dialog for the path dialog's purpose.
    Browse,
    /// Act on a path chosen in the path dialog.
    SubmitPath(PathBuf),
    /// Close the path dialog.
    ClosePathDialog,
    /// Load the current file again.
    Reload,
    /// Go back to the built-in comparison.
    OpenBuiltIn,
    /// Hide the load error.
    DismissError,
    /// Move keyboard focus to the note editor.
    FocusNote,
    /// A note's text was edited.
    NoteEdited,
    /// Star or un-star the dimension at this index.
    ToggleStar(usize),
    /// Star or un-star the selected dimension.
    ToggleStarSelected,
    /// Highlight or clear the point with this aspect on a dimension.
    ToggleHighlight {
        /// Index of the dimension.
        dimension: usize,
        /// The point's aspect.
        aspect: String,
    },
    /// Highlight or clear the n-th (1-based) point of the selected dimension.
    ToggleHighlightRow(usize),
    /// The notes file changed on disk: keep a copy of it aside and write ours.
    KeepMine,
    /// The notes file changed on disk: keep ours aside and load the file.
    ReloadTheirs,
    /// The notes file is broken: move it aside and carry on.
    MoveBrokenAside,
    /// Show the export dialog.
    ShowExport,
    /// Close the export dialog.
    CloseExport,
    /// The export format changed: suggest a file name with its extension.
    ExportFormatChanged,
    /// Ask the system save dialog where to export.
    BrowseExport,
    /// Export to this path (asks once before overwriting).
    ExportTo(PathBuf),
    /// Open this folder in the system's file manager.
    OpenFolder(PathBuf),
    /// Quit.
    Quit,
}

/// The export dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// Whether it is shown.
    pub open: bool,
    /// The format chosen.
    pub format: Format,
    /// The options chosen.
    pub options: ExportOptions,
    /// Where to write.
    pub path: String,
    /// A message under the path (why nothing happened).
    pub hint: Option<String>,
    /// Whether the system save dialog is showing.
    pub browsing: bool,
    /// A path that exists and that the person was asked about.
    pub confirm_overwrite: Option<PathBuf>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Markdown,
            options: ExportOptions::default(),
            path: String::new(),
            hint: None,
            browsing: false,
            confirm_overwrite: None,
        }
    }
}

/// The path dialog's state: a path field, always there, and a button for
/// the system file dialog.
#[derive(Debug, Clone, Default)]
pub struct PathDialog {
    /// What it is for; `None` when closed.
    pub purpose: Option<DialogPurpose>,
    /// The path typed (or picked).
    pub path: String,
    /// Why the system dialog gave nothing, when it did.
    pub hint: Option<String>,
    /// Whether a system dialog is showing now.
    pub browsing: bool,
    /// A file that exists and that the person was asked about replacing.
    pub confirm_overwrite: Option<PathBuf>,
}

/// Everything the window shows and edits.
pub struct VersusApp {
    /// The comparison shown.
    pub comparison: Comparison,
    /// Where it came from.
    pub source: Source,
    /// Warnings from loading it.
    pub warnings: Vec<Diagnostic>,
    /// The selected sidebar row.
    pub selected: Entry,
    /// Subject index shown in the left and right columns.
    pub columns: [usize; 2],
    /// The notes and their file.
    pub session: NotesSession,
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
    /// The last file exported, for "Open folder".
    pub last_export: Option<PathBuf>,
    /// A URL to open after this frame (a folder, for "Open folder").
    open_url: Option<String>,
    /// Set when the selection moved by keyboard, so the sidebar scrolls to it.
    pub scroll_to_selected: bool,
    /// Set when the note editor should take keyboard focus.
    pub focus_note: bool,
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
    /// When a change on disk was last seen; the reload waits for the
    /// writes to settle.
    reload_after: Option<Instant>,
}

impl VersusApp {
    /// An app showing `comparison`, with notes in their default place.
    #[must_use]
    pub fn new(comparison: Comparison, source: Source, data_dir: PathBuf) -> Self {
        let session = open_notes_of(&source, &comparison.title, &data_dir);
        let mut app = Self {
            selected: Entry::Intro,
            columns: [0, 1],
            index: index_of(&comparison),
            comparison,
            source,
            warnings: Vec::new(),
            session,
            data_dir,
            error: None,
            message: None,
            path_dialog: PathDialog::default(),
            export_dialog: ExportDialog::default(),
            last_export: None,
            open_url: None,
            scroll_to_selected: false,
            focus_note: false,
            quit_requested: false,
            shown_title: String::new(),
            dialogs: Dialogs::default(),
            writer: None,
            watcher: None,
            reload_after: None,
        };
        app.selected = app.entry_at(0);
        app
    }

    /// The built-in comparison, then `path` if given; a file that fails to
    /// load leaves the built-in one shown with the error.
    #[must_use]
    pub fn open_at_start(path: Option<&Path>, data_dir: PathBuf) -> Self {
        match path.map(|p| (p, Comparison::load(p))) {
            Some((p, Ok(loaded))) => {
                let mut app = Self::new(loaded.comparison, Source::File(p.to_owned()), data_dir);
                app.warnings = loaded.warnings;
                app
            }
            Some((_, Err(e))) => {
                let mut app = Self::new(Comparison::built_in(), Source::BuiltIn, data_dir);
                app.error = Some(error_text(&e));
                app
            }
            None => Self::new(Comparison::built_in(), Source::BuiltIn, data_dir),
        }
    }

    /// The notes (read-only view).
    #[must_use]
    pub fn notes(&self) -> &crate::notes::Notes {
        &self.session.notes
    }

    /// Number of sidebar rows.
    #[must_use]
    pub fn entry_count(&self) -> usize {
        self.comparison.dimensions.len()
            + usize::from(self.has_intro())
            + usize::from(self.has_conclusion())
    }

    /// Whether the sidebar has an "Introduction" row.
    #[must_use]
    pub fn has_intro(&self) -> bool {
        !self.comparison.intro.trim().is_empty()
    }

    /// Whether the sidebar has a "Conclusion" row.
    #[must_use]
    pub fn has_conclusion(&self) -> bool {
        !self.comparison.conclusion.trim().is_empty() || !self.comparison.sources.is_empty()
    }

    /// The entry shown in sidebar row `row` (clamped to the last row).
    #[must_use]
    pub fn entry_at(&self, row: usize) -> Entry {
        let row = row.min(self.entry_count().saturating_sub(1));
        let first_dim = usize::from(self.has_intro());
        if self.has_intro() && row == 0 {
            Entry::Intro
        } else if row - first_dim < self.comparison.dimensions.len() {
            Entry::Dimension(row - first_dim)
        } else {
            Entry::Conclusion
        }
    }

    /// The sidebar row of `entry`.
    #[must_use]
    pub fn row_of(&self, entry: Entry) -> usize {
        let first_dim = usize::from(self.has_intro());
        match entry {
            Entry::Intro => 0,
            Entry::Dimension(i) => first_dim + i,
            Entry::Conclusion => self.entry_count().saturating_sub(1),
        }
    }

    /// The id of the selected dimension, if a dimension is selected.
    #[must_use]
    pub fn selected_dimension_id(&self) -> Option<&str> {
        match self.selected {
            Entry::Dimension(i) => self.comparison.dimensions.get(i).map(|d| d.id.as_str()),
            _ => None,
        }
    }

    /// How many of the comparison's dimensions carry a note, a star or a
    /// highlight.
    #[must_use]
    pub fn annotated_count(&self) -> usize {
        self.session
            .notes
            .dimensions
            .iter()
            .filter(|(id, d)| !d.is_empty() && self.index.contains_key(id.as_str()))
            .count()
    }

    /// Notes on dimension ids the content does not have (kept, listed).
    #[must_use]
    pub fn orphans(&self) -> Vec<(&str, &crate::notes::DimensionNotes)> {
        self.session
            .notes
            .dimensions
            .iter()
            .filter(|(id, d)| !d.is_empty() && !self.index.contains_key(id.as_str()))
            .map(|(id, d)| (id.as_str(), d))
            .collect()
    }

    /// Lays out the window: menu, status bar, sidebar, notes, comparison pane.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.attach(&ctx);
        self.poll_background();
        self.reload_when_changed(&ctx);

        // Keys apply before the panels draw: the panels then show the entry
        // the keys chose, and a note focused by F2 takes the keys typed
        // right after it in the same frame.
        let mut commands = Vec::new();
        let dialog_open = self.path_dialog.purpose.is_some() || self.export_dialog.open;
        ui::keys::handle(&ctx, dialog_open, &mut commands);
        for command in commands.drain(..) {
            self.apply(command);
        }
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
            ui::comparison::ui(ui, self, &mut commands);
        });
        ui::dialogs::path_ui(&ctx, &mut self.path_dialog, &mut commands);
        ui::export_dialog::ui(
            &ctx,
            &self.comparison,
            &mut self.export_dialog,
            &mut commands,
        );
        for command in commands {
            self.apply(command);
        }
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

    /// Starts the background helpers once a context exists to wake, and
    /// keeps the content watcher on the file shown.
    fn attach(&mut self, ctx: &egui::Context) {
        self.dialogs.attach(ctx);
        let watched = self.watcher.as_ref().map(ContentWatcher::path);
        if watched != self.source.path() {
            let wake = ctx.clone();
            // Without file watching, F5 still reloads.
            self.watcher = self
                .source
                .path()
                .and_then(|p| ContentWatcher::start(p, move || wake.request_repaint()).ok());
        }
        if self.writer.is_none() {
            let wake = ctx.clone();
            // Without a writer thread, saves happen on this thread instead.
            self.writer = NotesWriter::start(move || wake.request_repaint()).ok();
        }
    }

    /// Starts a save when one is due, or asks to be woken when it will be.
    fn autosave(&mut self, ctx: &egui::Context) {
        let (job, wait) = self.session.poll_autosave(Instant::now());
        if let Some(job) = job {
            let unsent = match &self.writer {
                Some(w) => w.save(job).err().map(|job| *job),
                None => Some(job),
            };
            if let Some(job) = unsent {
                self.session
                    .finished(writer::save_notes(job), Instant::now());
            }
        }
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait);
        }
    }

    /// Reloads the content a moment after it changed on disk (an editor's
    /// save can be several writes). A broken save shows its error and keeps
    /// what was shown.
    fn reload_when_changed(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        if self.watcher.as_ref().is_some_and(ContentWatcher::changed) {
            self.reload_after = Some(now + RELOAD_SETTLE);
            ctx.request_repaint_after(RELOAD_SETTLE);
        }
        match self.reload_after {
            Some(at) if now >= at => {
                self.reload_after = None;
                if let Source::File(path) = self.source.clone() {
                    self.open(&path);
                    if self.error.is_none() {
                        self.message =
                            Some(format!("Reloaded {} (changed on disk)", path.display()));
                    }
                }
            }
            Some(at) => ctx.request_repaint_after(at - now),
            None => {}
        }
    }

    /// Takes in finished saves and dialog answers.
    fn poll_background(&mut self) {
        if let Some(writer) = &self.writer {
            while let Some(reply) = writer.poll() {
                self.session.finished(reply, Instant::now());
            }
        }
        while let Some(reply) = self.dialogs.poll() {
            if let DialogPurpose::Export(_) = reply.purpose {
                self.export_dialog.browsing = false;
                match reply.path {
                    Some(path) => {
                        self.export_dialog.path = path.display().to_string();
                        // The system dialog already asked about overwriting.
                        self.export_dialog.confirm_overwrite = Some(path.clone());
                        self.apply(Command::ExportTo(path));
                    }
                    None => {
                        self.export_dialog.hint = Some(
                            "No file was chosen (cancelled, or no system file dialog is available here). Type the path instead."
                                .to_owned(),
                        );
                    }
                }
                continue;
            }
            self.path_dialog.browsing = false;
            match reply.path {
                Some(path) => {
                    self.path_dialog.path = path.display().to_string();
                    if reply.purpose == DialogPurpose::SaveNotesAs {
                        // The system dialog already asked about replacing.
                        self.path_dialog.confirm_overwrite = Some(path.clone());
                    }
                    self.apply(Command::SubmitPath(path));
                }
                None => {
                    self.path_dialog.hint = Some(
                        "No file was picked (cancelled, or no system file dialog is available here). Type the path instead."
                            .to_owned(),
                    );
                }
            }
        }
    }

    /// Writes every unsaved note now (before another comparison or notes
    /// file replaces these). Waits for a save under way first. Returns
    /// whether the notes are safe somewhere; when no file could take them
    /// they are printed to standard error and the caller must keep them.
    pub fn flush_notes(&mut self) -> bool {
        match self.flush_to_disk() {
            Flushed::Clean | Flushed::Saved => true,
            Flushed::KeptAside { path, why } => {
                self.message = Some(format!(
                    "Notes could not be saved ({why}); they are kept in {}",
                    path.display()
                ));
                true
            }
            Flushed::Nowhere { why, text } => {
                print_unsaved(&why, &text);
                self.message = Some(format!(
                    "Your notes could not be saved anywhere ({why}); they stay open here and were printed to standard error. Free space, or use Save notes as… in the File menu."
                ));
                false
            }
        }
    }

    /// Waits for a save under way, then flushes the session.
    fn flush_to_disk(&mut self) -> Flushed {
        if let Some(writer) = &self.writer {
            while self.session.in_flight() {
                match writer.wait(Duration::from_secs(5)) {
                    Some(reply) => self.session.finished(reply, Instant::now()),
                    None => break,
                }
            }
        }
        self.session.flush()
    }

    /// On exit: the notes go to their file, else beside it, else to the data
    /// folder, else to standard error in full; standard error says which.
    pub fn flush_on_exit(&mut self) {
        match self.flush_to_disk() {
            Flushed::Clean | Flushed::Saved => {}
            Flushed::KeptAside { path, why } => {
                eprintln!("versus: the notes could not be saved to their file: {why}");
                eprintln!("versus: your unsaved notes are kept in {}", path.display());
            }
            Flushed::Nowhere { why, text } => print_unsaved(&why, &text),
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(entry) => self.selected = entry,
            Command::Move(delta) => {
                let row = self.row_of(self.selected).saturating_add_signed(delta);
                self.selected = self.entry_at(row);
                self.scroll_to_selected = true;
            }
            Command::First => {
                self.selected = self.entry_at(0);
                self.scroll_to_selected = true;
            }
            Command::Last => {
                self.selected = self.entry_at(usize::MAX);
                self.scroll_to_selected = true;
            }
            Command::SetColumn { column, subject } => {
                if subject < self.comparison.subjects.len()
                    && let Some(c) = self.columns.get_mut(column)
                {
                    *c = subject;
                }
            }
            Command::SwapColumns => self.columns.swap(0, 1),
            Command::ShowPathDialog(purpose) => self.show_path_dialog(purpose),
            Command::Browse => {
                if let Some(purpose) = self.path_dialog.purpose {
                    self.path_dialog.browsing = true;
                    self.path_dialog.hint = None;
                    let typed = self.path_dialog.path.trim();
                    let suggested = (!typed.is_empty()).then(|| PathBuf::from(typed));
                    self.dialogs.request(purpose, suggested);
                }
            }
            Command::SubmitPath(path) => self.submit_path(&path),
            Command::ClosePathDialog => self.path_dialog.purpose = None,
            Command::Reload => {
                if let Source::File(path) = self.source.clone() {
                    self.open(&path);
                }
            }
            Command::OpenBuiltIn => {
                self.replace(Comparison::built_in(), Source::BuiltIn, Vec::new());
            }
            Command::DismissError => self.error = None,
            Command::FocusNote => self.focus_note = true,
            Command::Quit => self.quit_requested = true,
            Command::ShowExport
            | Command::CloseExport
            | Command::ExportFormatChanged
            | Command::BrowseExport
            | Command::ExportTo(_)
            | Command::OpenFolder(_) => self.apply_export(command),
            other => self.apply_notes(other),
        }
    }

    /// Applies a command that changes the notes or their file.
    fn apply_notes(&mut self, command: Command) {
        let now = Instant::now();
        match command {
            Command::NoteEdited => self.session.changed(now),
            Command::ToggleStar(i) => {
                if let Some(d) = self.comparison.dimensions.get(i) {
                    self.session.notes.toggle_star(&d.id);
                    self.session.changed(now);
                }
            }
            Command::ToggleStarSelected => {
                if let Entry::Dimension(i) = self.selected {
                    self.apply(Command::ToggleStar(i));
                }
            }
            Command::ToggleHighlight { dimension, aspect } => {
                if let Some(d) = self.comparison.dimensions.get(dimension) {
                    self.session.notes.toggle_highlight(&d.id, &aspect);
                    self.session.changed(now);
                }
            }
            Command::ToggleHighlightRow(n) => {
                if let Entry::Dimension(i) = self.selected
                    && let Some(p) = self
                        .comparison
                        .dimensions
                        .get(i)
                        .and_then(|d| d.points.get(n.wrapping_sub(1)))
                {
                    let aspect = p.aspect.clone();
                    self.apply(Command::ToggleHighlight {
                        dimension: i,
                        aspect,
                    });
                }
            }
            Command::KeepMine => {
                self.message = Some(match self.session.keep_mine() {
                    Ok(aside) => format!(
                        "Wrote your notes; the other version is kept in {}",
                        aside.display()
                    ),
                    Err(e) => format!("Could not keep a copy of the file on disk: {e}"),
                });
            }
            Command::ReloadTheirs => {
                self.message = Some(match self.session.reload_theirs() {
                    Ok(aside) => format!(
                        "Reloaded the notes file; your version is kept in {}",
                        aside.display()
                    ),
                    Err(e) => format!("Could not keep a copy of your notes: {e}"),
                });
            }
            Command::MoveBrokenAside => {
                self.message = Some(match self.session.move_broken_aside() {
                    Ok(aside) => format!("The broken notes file is now {}", aside.display()),
                    Err(e) => format!("Could not move the broken notes file: {e}"),
                });
            }
            // Navigation and file commands are handled in `apply`.
            _ => {}
        }
    }

    /// Applies a command of the export dialog.
    fn apply_export(&mut self, command: Command) {
        match command {
            Command::ShowExport => {
                let dialog = &mut self.export_dialog;
                dialog.open = true;
                dialog.hint = None;
                dialog.confirm_overwrite = None;
                dialog.options.subjects = self.columns;
                if dialog.path.is_empty() {
                    self.apply_export(Command::ExportFormatChanged);
                }
            }
            Command::CloseExport => self.export_dialog.open = false,
            Command::ExportFormatChanged => {
                let dialog = &mut self.export_dialog;
                let name = crate::export::default_file_name(&self.comparison, dialog.format);
                let typed = PathBuf::from(dialog.path.trim());
                let dir = typed
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map_or_else(|| storage::export_dir(self.source.path()), Path::to_owned);
                dialog.path = dir.join(name).display().to_string();
                dialog.confirm_overwrite = None;
            }
            Command::BrowseExport => {
                let dialog = &mut self.export_dialog;
                dialog.browsing = true;
                dialog.hint = None;
                let suggested = PathBuf::from(dialog.path.trim());
                self.dialogs.request(
                    DialogPurpose::Export(dialog.format.extension()),
                    Some(suggested),
                );
            }
            Command::ExportTo(path) => self.export_to(path),
            Command::OpenFolder(dir) => {
                self.open_url = Some(format!("file://{}", dir.display()));
            }
            _ => {}
        }
    }

    /// Writes the export chosen in the dialog to `path`: a regular file
    /// atomically (asking once before replacing one), a device or pipe
    /// directly, through a link to its target; never over the comparison
    /// or the notes file.
    fn export_to(&mut self, path: PathBuf) {
        let dialog = &mut self.export_dialog;
        let inputs = [
            (self.source.path(), "the comparison that is open"),
            (Some(self.session.path.as_path()), "the notes file"),
        ];
        if let Some((_, what)) = inputs
            .iter()
            .find(|(p, _)| p.is_some_and(|p| storage::same_file(&path, p)))
        {
            dialog.hint = Some(format!(
                "{} is {what}; choose another file for the export.",
                path.display()
            ));
            return;
        }
        let target = match storage::resolve_target(&path) {
            Ok(t) => t,
            Err(e) => {
                dialog.hint = Some(format!("Could not export: {e}"));
                return;
            }
        };
        if target.kind == storage::TargetKind::Regular
            && dialog.confirm_overwrite.as_ref() != Some(&path)
        {
            dialog.hint = Some(format!(
                "{} exists. Press Export again to overwrite it.",
                path.display()
            ));
            dialog.confirm_overwrite = Some(path);
            return;
        }
        let text = crate::export::export(
            dialog.format,
            &self.comparison,
            &self.session.notes,
            &dialog.options,
        );
        match storage::write_export(&path, text.as_bytes()) {
            Ok(()) => {
                dialog.open = false;
                dialog.hint = None;
                dialog.confirm_overwrite = None;
                self.message = Some(format!(
                    "Exported {} to {}",
                    dialog.format.label(),
                    path.display()
                ));
                self.last_export = Some(path);
            }
            Err(e) => {
                dialog.hint = Some(format!("Could not export: {e}"));
            }
        }
    }

    fn show_path_dialog(&mut self, purpose: DialogPurpose) {
        let dialog = &mut self.path_dialog;
        if dialog.purpose != Some(purpose) {
            dialog.path = match purpose {
                DialogPurpose::OpenContent => self
                    .source
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                DialogPurpose::OpenNotes
                | DialogPurpose::SaveNotesAs
                | DialogPurpose::Export(_) => self.session.path.display().to_string(),
            };
        }
        dialog.purpose = Some(purpose);
        dialog.hint = None;
        dialog.confirm_overwrite = None;
    }

    fn submit_path(&mut self, path: &Path) {
        match self.path_dialog.purpose {
            Some(DialogPurpose::OpenContent | DialogPurpose::Export(_)) | None => self.open(path),
            Some(DialogPurpose::OpenNotes) => self.open_notes(path),
            Some(DialogPurpose::SaveNotesAs) => self.save_notes_as(path),
        }
    }

    /// Follows another notes file: only a notes file, never the open
    /// comparison or any other document.
    fn open_notes(&mut self, path: &Path) {
        let refusal = match session::check_notes_target(path, self.source.path()) {
            Ok(NotesTarget::Notes) => None,
            Ok(NotesTarget::New) => Some(format!(
                "{} does not exist. To start a new notes file there, use Save notes as… in the File menu.",
                path.display()
            )),
            Ok(NotesTarget::Empty) => Some(format!(
                "{} is empty. To write notes there, use Save notes as… in the File menu.",
                path.display()
            )),
            Err(message) => Some(message),
        };
        if let Some(message) = refusal {
            self.path_dialog.hint = Some(message);
            return;
        }
        if !self.flush_notes() {
            self.path_dialog.purpose = None;
            return;
        }
        let fallback = self.session.fallback.take();
        self.session = NotesSession::open(path.to_owned(), &self.comparison.title);
        self.session.fallback = fallback;
        self.path_dialog.purpose = None;
        self.message = Some(format!("Notes now come from {}", path.display()));
    }

    /// Writes the notes to another file and follows it: never the open
    /// comparison, never a file that is not notes, and asks once before
    /// replacing a notes file.
    fn save_notes_as(&mut self, path: &Path) {
        let dialog = &mut self.path_dialog;
        match session::check_notes_target(path, self.source.path()) {
            Err(message) => {
                dialog.hint = Some(message);
                return;
            }
            Ok(NotesTarget::Notes | NotesTarget::Empty)
                if dialog.confirm_overwrite.as_deref() != Some(path)
                    && !storage::same_file(path, &self.session.path) =>
            {
                dialog.hint = Some(format!(
                    "{} exists. Press Save again to replace it with these notes.",
                    path.display()
                ));
                dialog.confirm_overwrite = Some(path.to_owned());
                return;
            }
            Ok(_) => {}
        }
        match self.session.save_as(path) {
            Ok(()) => {
                self.path_dialog.purpose = None;
                self.path_dialog.confirm_overwrite = None;
                self.message = Some(format!("Notes saved to {}", path.display()));
            }
            Err(e) => self.path_dialog.hint = Some(format!("Could not save: {e}")),
        }
    }

    /// Loads `path`; on failure keeps what is shown and records the error.
    fn open(&mut self, path: &Path) {
        match Comparison::load(path) {
            Ok(loaded) => {
                self.replace(
                    loaded.comparison,
                    Source::File(path.to_owned()),
                    loaded.warnings,
                );
                self.error = None;
                self.path_dialog.purpose = None;
            }
            Err(e) => self.error = Some(error_text(&e)),
        }
    }

    /// Shows `comparison`. The same source loaded again keeps its notes and
    /// selection (by dimension id); another source saves these notes first
    /// and opens its own.
    fn replace(&mut self, comparison: Comparison, source: Source, warnings: Vec<Diagnostic>) {
        let selected_id = self.selected_dimension_id().map(str::to_owned);
        let same_source = source == self.source;
        if !same_source {
            if !self.flush_notes() {
                return;
            }
            self.session = open_notes_of(&source, &comparison.title, &self.data_dir);
        }
        self.index = index_of(&comparison);
        self.comparison = comparison;
        self.source = source;
        self.warnings = warnings;
        let n = self.comparison.subjects.len();
        if !same_source || self.columns.iter().any(|&c| c >= n) {
            self.columns = [0, 1];
        }
        self.selected = match selected_id.and_then(|id| self.index.get(&id).copied()) {
            Some(i) if same_source => Entry::Dimension(i),
            _ => self.entry_at(0),
        };
        self.scroll_to_selected = true;
    }

    /// A short word on the notes file for the status line.
    #[must_use]
    pub fn notes_status(&self) -> String {
        match &self.session.status {
            Status::Saved => "Saved".to_owned(),
            Status::Untouched => "No notes yet".to_owned(),
            Status::Unsaved => "Unsaved changes".to_owned(),
            Status::Saving => "Saving…".to_owned(),
            Status::Failed(e) => {
                let retry = self
                    .session
                    .retry_in(Instant::now())
                    .map_or_else(String::new, |d| {
                        format!(" Retrying in {} s.", d.as_secs_f32().ceil())
                    });
                let copy = self
                    .session
                    .rescued_to
                    .as_ref()
                    .map_or_else(String::new, |p| {
                        format!(" A copy is kept in {}.", p.display())
                    });
                format!("Not saved: {e}.{retry}{copy}")
            }
            Status::Conflict => "Not saved: the file changed on disk".to_owned(),
            Status::Broken(_) if self.session.can_move_aside() => {
                "Not saved: the notes file cannot be read".to_owned()
            }
            Status::Broken(_) => "Not saved: that file is not a notes file".to_owned(),
        }
    }
}

/// Opens the notes of `source` in their default place, with the data
/// folder as the last resort for copies of unsaved notes.
fn open_notes_of(source: &Source, title: &str, data_dir: &Path) -> NotesSession {
    let path = paths::default_notes_path(source.path(), data_dir);
    if storage::folder_of(&path) == data_dir {
        // The data folder is ours to create; a content file's folder never
        // is. If this fails, the first save says why.
        let _ = std::fs::create_dir_all(data_dir);
    }
    let mut session = NotesSession::open(path, title);
    session.fallback = Some(paths::data_dir_notes_path(data_dir, source.path()));
    session
}

/// Prints notes that no file could take, in full, to standard error.
fn print_unsaved(why: &str, text: &str) {
    eprintln!("versus: the notes could not be saved to any file:\n{why}");
    eprintln!("versus: your unsaved notes are printed below, in full:");
    eprint!("{text}");
    eprintln!("versus: end of the unsaved notes");
}

/// How long after a change on disk the content is reloaded.
const RELOAD_SETTLE: Duration = Duration::from_millis(250);

fn index_of(c: &Comparison) -> HashMap<String, usize> {
    c.dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect()
}

/// The text shown for a load error: its errors, one per line (warnings are
/// left for `versus validate`, they did not stop the load).
fn error_text(e: &LoadError) -> String {
    match e {
        LoadError::Io { .. } => e.to_string(),
        LoadError::Invalid { path, problems } => problems
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}:{d}", path.display()))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

impl eframe::App for VersusApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Self::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush_on_exit();
    }
}
