//! Drawing: one file per panel. Views read the session (and keep their own
//! state) and push commands; the app applies them after layout. Nothing
//! here imports the app.

pub mod actions;
pub mod comparison;
pub mod dialogs;
pub mod export_dialog;
pub mod keys;
pub mod menu_bar;
pub mod merge_dialog;
pub mod notes_panel;
pub mod overview;
pub mod palette;
pub mod present;
pub mod presenter;
pub mod sidebar;
pub mod slide;
pub mod status_bar;
pub mod style;
pub mod talk_panel;
pub mod text;
pub mod warnings;
pub mod welcome;

pub use style::apply_style;

/// The files opened lately, for the File menu and the first-run screen.
#[derive(Debug, Default)]
pub struct Recent<'a> {
    /// Latest first.
    pub files: Vec<&'a std::path::PathBuf>,
    /// Whether a comparison was left for another (File ▸ Reopen closed).
    pub closed: bool,
}
