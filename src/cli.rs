//! Command-line sub-commands that run without a window.

use std::io::Write;
use std::path::PathBuf;

use crate::model::{Comparison, LoadError};

/// Checks each file, writing one `FILE:LINE:COL: severity: message` line
/// per problem (and `FILE: ok` for a clean file) to `out`.
/// Returns whether every file is valid (warnings allowed).
///
/// # Errors
/// Only when writing to `out` fails.
pub fn validate(files: &[PathBuf], out: &mut impl Write) -> std::io::Result<bool> {
    let mut all_valid = true;
    for path in files {
        match Comparison::load(path) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    writeln!(out, "{}:{w}", path.display())?;
                }
                let c = &loaded.comparison;
                writeln!(
                    out,
                    "{}: ok ({} subjects, {}{})",
                    path.display(),
                    c.subjects.len(),
                    match c.dimensions.len() {
                        1 => "1 dimension".to_owned(),
                        n => format!("{n} dimensions"),
                    },
                    match loaded.warnings.len() {
                        0 => String::new(),
                        1 => ", 1 warning".to_owned(),
                        n => format!(", {n} warnings"),
                    }
                )?;
            }
            Err(e @ (LoadError::Io { .. } | LoadError::Invalid { .. })) => {
                all_valid = false;
                writeln!(out, "{e}")?;
            }
        }
    }
    Ok(all_valid)
}
