//! The app's state, the commands panels emit, and how they are applied.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Comparison, Diagnostic, LoadError};
use crate::notes::Notes;
use crate::storage::{self, DialogRequest, Dialogs};
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
    /// Show the "Open comparison" dialog with its path field.
    ShowOpen,
    /// Ask the system file dialog for a file to open.
    BrowseOpen,
    /// Load this file.
    Open(PathBuf),
    /// Load the current file again.
    Reload,
    /// Go back to the built-in comparison.
    OpenBuiltIn,
    /// Close the "Open comparison" dialog.
    CloseOpen,
    /// Hide the load error.
    DismissError,
    /// Move keyboard focus to the note editor.
    FocusNote,
    /// Quit.
    Quit,
}

/// The "Open comparison" dialog's state.
#[derive(Debug, Clone, Default)]
pub struct OpenDialog {
    /// Whether it is shown.
    pub open: bool,
    /// The path typed (or picked).
    pub path: String,
    /// Why the system dialog gave nothing, when it did.
    pub hint: Option<String>,
    /// Whether a system dialog is showing now.
    pub browsing: bool,
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
    /// Notes on the shown comparison.
    pub notes: Notes,
    /// Notes on comparisons shown earlier this session, by source.
    parked_notes: HashMap<Source, Notes>,
    /// The last load failure, shown until dismissed.
    pub error: Option<String>,
    /// The "Open comparison" dialog.
    pub open_dialog: OpenDialog,
    /// Set when the selection moved by keyboard, so the sidebar scrolls to it.
    pub scroll_to_selected: bool,
    /// Set when the note editor should take keyboard focus.
    pub focus_note: bool,
    /// Set by Ctrl+Q or File ▸ Quit; the window closes after this frame.
    pub quit_requested: bool,
    /// The title last given to the window.
    shown_title: String,
    dialogs: Dialogs,
}

impl Default for VersusApp {
    fn default() -> Self {
        Self::new(Comparison::built_in(), Source::BuiltIn)
    }
}

impl VersusApp {
    /// An app showing `comparison`.
    #[must_use]
    pub fn new(comparison: Comparison, source: Source) -> Self {
        let notes = Notes::for_comparison(&comparison.title);
        let mut app = Self {
            selected: Entry::Intro,
            columns: [0, 1],
            comparison,
            source,
            warnings: Vec::new(),
            notes,
            parked_notes: HashMap::new(),
            error: None,
            open_dialog: OpenDialog::default(),
            scroll_to_selected: false,
            focus_note: false,
            quit_requested: false,
            shown_title: String::new(),
            dialogs: Dialogs::default(),
        };
        app.selected = app.entry_at(0);
        app
    }

    /// The built-in comparison, then `path` if given; a file that fails to
    /// load leaves the built-in one shown with the error.
    #[must_use]
    pub fn open_at_start(path: Option<&Path>) -> Self {
        let mut app = Self::default();
        if let Some(path) = path {
            app.apply(Command::Open(path.to_owned()));
        }
        app
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

    /// Lays out the window: menu, status bar, sidebar, notes, comparison pane.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        self.dialogs.attach(ui.ctx());
        self.poll_dialogs();
        ui::keys::handle(ui.ctx(), self.open_dialog.open, &mut commands);
        // Focus moves before the panels draw, so no typed key is lost.
        commands.retain(|c| {
            let focus = *c == Command::FocusNote;
            self.focus_note |= focus;
            !focus
        });
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
        ui::dialogs::open_ui(ui.ctx(), &mut self.open_dialog, &mut commands);
        for command in commands {
            self.apply(command);
        }
        if self.shown_title != self.comparison.title {
            self.shown_title.clone_from(&self.comparison.title);
            let title = format!("{} — versus", self.comparison.title);
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        if self.quit_requested {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
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
            Command::ShowOpen => {
                self.open_dialog.open = true;
                self.open_dialog.hint = None;
                if self.open_dialog.path.is_empty()
                    && let Source::File(p) = &self.source
                {
                    self.open_dialog.path = p.display().to_string();
                }
            }
            Command::BrowseOpen => {
                self.open_dialog.browsing = true;
                self.open_dialog.hint = None;
                self.dialogs.request(DialogRequest::OpenContent);
            }
            Command::CloseOpen => self.open_dialog.open = false,
            Command::Open(path) => self.open(&path),
            Command::Reload => match self.source.clone() {
                Source::File(path) => self.open(&path),
                Source::BuiltIn => {}
            },
            Command::OpenBuiltIn => {
                self.replace(Comparison::built_in(), Source::BuiltIn, Vec::new());
            }
            Command::DismissError => self.error = None,
            Command::FocusNote => self.focus_note = true,
            Command::Quit => self.quit_requested = true,
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
                self.open_dialog.open = false;
            }
            Err(e) => self.error = Some(error_text(&e)),
        }
    }

    /// Shows `comparison`, keeping the selection (by dimension id) and the
    /// notes when it is the same source loaded again.
    fn replace(&mut self, comparison: Comparison, source: Source, warnings: Vec<Diagnostic>) {
        let selected_id = self.selected_dimension_id().map(str::to_owned);
        let same_source = source == self.source;
        if !same_source {
            let notes = std::mem::take(&mut self.notes);
            self.parked_notes.insert(self.source.clone(), notes);
            self.notes = self
                .parked_notes
                .remove(&source)
                .unwrap_or_else(|| Notes::for_comparison(&comparison.title));
        }
        self.comparison = comparison;
        self.source = source;
        self.warnings = warnings;
        let n = self.comparison.subjects.len();
        if !same_source || self.columns.iter().any(|&c| c >= n) {
            self.columns = [0, 1];
        }
        self.selected = match selected_id
            .and_then(|id| self.comparison.dimensions.iter().position(|d| d.id == id))
        {
            Some(i) if same_source => Entry::Dimension(i),
            _ => self.entry_at(0),
        };
        self.scroll_to_selected = true;
    }

    fn poll_dialogs(&mut self) {
        while let Some(reply) = self.dialogs.poll() {
            match reply {
                storage::DialogReply::OpenContent(Some(path)) => {
                    self.open_dialog.browsing = false;
                    self.open_dialog.path = path.display().to_string();
                    self.open(&path);
                }
                storage::DialogReply::OpenContent(None) => {
                    self.open_dialog.browsing = false;
                    self.open_dialog.hint = Some(
                        "No file was picked (cancelled, or no system file dialog is available here). Type the path instead."
                            .to_owned(),
                    );
                }
            }
        }
    }
}

/// The text shown for a load error: its errors, one per line (warnings are
/// left for `versus validate`, they did not stop the load).
fn error_text(e: &LoadError) -> String {
    match e {
        LoadError::Io { .. } => e.to_string(),
        LoadError::Invalid { path, problems } => problems
            .iter()
            .filter(|d| d.severity == crate::model::Severity::Error)
            .map(|d| format!("{}:{d}", path.display()))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

impl eframe::App for VersusApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Self::ui(self, ui);
    }
}
