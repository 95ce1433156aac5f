//! The user's annotations on a comparison. No egui here.

pub mod autosave;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Position;

/// Why a notes file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// The file could not be read.
    #[error("{path}: cannot read the notes file: {source}")]
    Io {
        /// The notes file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a valid notes file.
    #[error("{path}:{position}: {message}")]
    Parse {
        /// The notes file.
        path: PathBuf,
        /// Where (1-based).
        position: Position,
        /// What is wrong and what was expected.
        message: String,
    },
}

/// Everything a person wrote about one comparison.
///
/// Maps are `BTreeMap`s so that a saved file always lists dimensions in the
/// same order and the same notes give the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Notes")]
pub struct Notes {
    /// Title of the comparison these notes annotate.
    pub comparison: String,
    /// A note on the whole comparison (the talk's framing).
    pub overall: String,
    /// Notes per dimension id.
    pub dimensions: BTreeMap<String, DimensionNotes>,
}

/// What a person wrote about one dimension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "DimensionNotes")]
pub struct DimensionNotes {
    /// Free text; inline Markdown allowed.
    pub text: String,
    /// "Include in my presentation."
    pub starred: bool,
    /// The `aspect` of each highlighted point.
    pub highlights: Vec<String>,
}

impl DimensionNotes {
    /// Whether nothing has been written, starred or highlighted.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && !self.starred && self.highlights.is_empty()
    }
}

impl Notes {
    /// Empty notes for the comparison titled `title`.
    #[must_use]
    pub fn for_comparison(title: &str) -> Self {
        Self {
            comparison: title.to_owned(),
            ..Self::default()
        }
    }

    /// The note text for a dimension ("" when there is none).
    #[must_use]
    pub fn text(&self, dimension_id: &str) -> &str {
        self.dimensions
            .get(dimension_id)
            .map_or("", |d| d.text.as_str())
    }

    /// The note text for a dimension, for editing.
    pub fn text_mut(&mut self, dimension_id: &str) -> &mut String {
        &mut self
            .dimensions
            .entry(dimension_id.to_owned())
            .or_default()
            .text
    }

    /// Whether a dimension has a non-empty note.
    #[must_use]
    pub fn has_text(&self, dimension_id: &str) -> bool {
        !self.text(dimension_id).trim().is_empty()
    }

    /// Drops entries that hold nothing, so files stay small and stable.
    pub fn prune(&mut self) {
        self.dimensions.retain(|_, d| !d.is_empty());
    }

    /// The notes on a dimension, if any.
    #[must_use]
    pub fn get(&self, dimension_id: &str) -> Option<&DimensionNotes> {
        self.dimensions.get(dimension_id)
    }

    /// The notes on a dimension, created empty if needed.
    pub fn entry(&mut self, dimension_id: &str) -> &mut DimensionNotes {
        self.dimensions.entry(dimension_id.to_owned()).or_default()
    }

    /// Whether a dimension is starred.
    #[must_use]
    pub fn is_starred(&self, dimension_id: &str) -> bool {
        self.get(dimension_id).is_some_and(|d| d.starred)
    }

    /// Stars or un-stars a dimension.
    pub fn toggle_star(&mut self, dimension_id: &str) {
        let d = self.entry(dimension_id);
        d.starred = !d.starred;
    }

    /// Whether the point `aspect` of a dimension is highlighted.
    #[must_use]
    pub fn is_highlighted(&self, dimension_id: &str, aspect: &str) -> bool {
        self.get(dimension_id)
            .is_some_and(|d| d.highlights.iter().any(|h| h == aspect))
    }

    /// Highlights or clears the highlight on a point. Highlights are kept
    /// sorted so the file is stable.
    pub fn toggle_highlight(&mut self, dimension_id: &str, aspect: &str) {
        let d = self.entry(dimension_id);
        if let Some(i) = d.highlights.iter().position(|h| h == aspect) {
            d.highlights.remove(i);
        } else {
            d.highlights.push(aspect.to_owned());
            d.highlights.sort();
        }
    }

    /// Ids of annotated dimensions that `known` does not contain (the
    /// content was renamed or cut); their notes are kept, never dropped.
    #[must_use]
    pub fn orphans<'a>(&'a self, known: &[&str]) -> Vec<(&'a str, &'a DimensionNotes)> {
        self.dimensions
            .iter()
            .filter(|(id, d)| !d.is_empty() && !known.contains(&id.as_str()))
            .map(|(id, d)| (id.as_str(), d))
            .collect()
    }

    /// The notes as RON text: the same notes always give the same bytes.
    ///
    /// # Panics
    /// Never: strings, booleans and string maps always serialise to RON.
    #[must_use]
    pub fn to_ron(&self) -> String {
        let mut notes = self.clone();
        notes.prune();
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .new_line("\n".to_owned())
            .indentor("    ".to_owned());
        match ron::ser::to_string_pretty(&notes, config) {
            Ok(mut text) => {
                text.push('\n');
                text
            }
            // Strings, bools and maps of them always serialise; keep the
            // signature infallible for the pure exporters.
            Err(e) => unreachable!("notes always serialise: {e}"),
        }
    }

    /// Parses notes from a file's bytes; `path` is used in messages only.
    ///
    /// # Errors
    /// When the bytes are not UTF-8 or not a valid notes file.
    pub fn from_ron(bytes: &[u8], path: &Path) -> Result<Self, NotesError> {
        let parse_error = |position, message: String| NotesError::Parse {
            path: path.to_owned(),
            position,
            message,
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let good = std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default())
                .unwrap_or_default();
            parse_error(
                Position::of_offset(good, good.len()),
                "the notes file is not UTF-8 text; expected `Notes(…)`".to_owned(),
            )
        })?;
        if text.trim().is_empty() {
            return Err(parse_error(
                Position { line: 1, col: 1 },
                "the notes file is empty; expected `Notes(…)`".to_owned(),
            ));
        }
        ron::Options::default()
            .with_recursion_limit(crate::model::RECURSION_LIMIT)
            .from_str(text)
            .map_err(|e| {
                parse_error(
                    Position {
                        line: e.span.start.line.max(1),
                        col: e.span.start.col.max(1),
                    },
                    e.code.to_string(),
                )
            })
    }

    /// Reads a notes file; `Ok(None)` when it does not exist.
    ///
    /// # Errors
    /// When it exists but cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Option<Self>, NotesError> {
        match std::fs::read(path) {
            Ok(bytes) => Self::from_ron(&bytes, path).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(NotesError::Io {
                path: path.to_owned(),
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_defaults_to_empty_and_prune_drops_blank_entries() {
        let mut n = Notes::for_comparison("T");
        assert_eq!(n.text("scope"), "");
        n.text_mut("scope").push_str("hello");
        n.text_mut("focus");
        assert!(n.has_text("scope"));
        assert!(!n.has_text("focus"));
        n.prune();
        assert_eq!(n.dimensions.keys().collect::<Vec<_>>(), ["scope"]);
    }
}
