//! The user's annotations on a comparison. No egui here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
