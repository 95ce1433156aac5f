//! What talks to the desktop rather than the disk: system file dialogs and
//! the content watcher. Each runs on a thread of its own and wakes the UI.

pub mod clock;
pub mod file_dialog;
pub mod watch;
