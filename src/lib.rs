//! versus: explore a comparison of two or more subjects dimension by
//! dimension, annotate it, and export it.
//!
//! The library holds everything; `main.rs` only parses the command line.
//! Without the default `gui` feature it is the content model, notes,
//! exporters and storage alone (what the fuzz targets build).

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod export;
pub mod job;
pub mod model;
pub mod notes;
#[cfg(feature = "gui")]
pub mod platform;
#[cfg(feature = "gui")]
pub mod session;
pub mod storage;
pub mod talk;
#[cfg(feature = "gui")]
pub mod ui;

#[cfg(feature = "gui")]
pub use app::VersusApp;
#[cfg(feature = "gui")]
pub use session::Session;
