//! What talks to the desktop rather than the disk: system file dialogs and
//! the content watcher (each runs on a thread of its own and wakes the UI),
//! the clock, and the monitors a talk can be shown on.

pub mod clock;
pub mod file_dialog;
pub mod monitors;
pub mod watch;
