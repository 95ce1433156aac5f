//! What talks to the desktop rather than the disk: system file dialogs.

pub mod file_dialog;
