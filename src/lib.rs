//! versus: explore a comparison of two or more subjects dimension by
//! dimension, annotate it, and export it.
//!
//! The library holds everything; `main.rs` only parses the command line.

pub mod app;
pub mod cli;
pub mod export;
pub mod model;
pub mod notes;
pub mod session;
pub mod storage;
pub mod ui;

pub use app::VersusApp;
