//! Drawing: one file per panel. Panels read the app and push commands; the
//! app applies them after layout.

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
pub mod welcome;

pub use style::apply_style;
