//! Reading a notes file: what a file is, the limits, and errors that say
//! where and how to fix them. No egui here.

use std::path::{Path, PathBuf};

use super::{Notes, talk};
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
    /// The file is not a notes file at all (a comparison, binary data,
    /// another document): it is never written over, moved or renamed.
    #[error("{path}:{position}: {message}")]
    NotNotes {
        /// The file.
        path: PathBuf,
        /// Where (1-based).
        position: Position,
        /// What it seems to be and what was expected.
        message: String,
    },
    /// The file is too large to be a notes file.
    #[error(
        "{path}: the file is {size} bytes; a notes file is at most {limit} bytes (is it a notes file?)"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// [`MAX_NOTES_BYTES`].
        limit: u64,
    },
    /// The file is a notes file with an error in it.
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

impl NotesError {
    /// Whether the file looks like a notes file with a mistake in it (which
    /// the person may choose to move aside), rather than some other file.
    #[must_use]
    pub fn is_damaged_notes(&self) -> bool {
        matches!(self, Self::Parse { .. })
    }
}

/// The largest notes file versus reads: far beyond what a person types
/// (64 MiB), small enough that reading it never exhausts memory.
pub const MAX_NOTES_BYTES: u64 = 64 * 1024 * 1024;

/// What a file's first token says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `Notes(…)`, or an unnamed struct `(…)`.
    Notes,
    /// `Comparison(…)`: a content file.
    Comparison,
    /// Empty, or only white space and comments.
    Empty,
    /// Anything else: another document, or not RON at all.
    Other,
}

/// Looks at the start of a file (after a byte-order mark, white space,
/// comments and `#![enable(…)]` attributes) to tell a notes file from a
/// comparison or anything else. Reads at most the first token.
#[must_use]
pub fn sniff(text: &str) -> FileKind {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |n| &after[n..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |n| &after[n + 2..]);
        } else if let Some(after) = rest.strip_prefix("#![") {
            rest = after.find(']').map_or("", |n| &after[n + 1..]);
        } else {
            break;
        }
    }
    if rest.is_empty() {
        return FileKind::Empty;
    }
    if rest.starts_with('(') {
        return FileKind::Notes;
    }
    let ident: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .take(32)
        .collect();
    match ident.as_str() {
        "Notes" => FileKind::Notes,
        "Comparison" => FileKind::Comparison,
        _ => FileKind::Other,
    }
}
impl Notes {
    /// Parses notes from a file's bytes; `path` is used in messages only.
    /// A UTF-8 byte-order mark is accepted, as editors on some systems
    /// write one.
    ///
    /// # Errors
    /// When the bytes are not a notes file ([`NotesError::NotNotes`]: a
    /// comparison, binary data, another document) or are one with a
    /// mistake ([`NotesError::Parse`]).
    pub fn from_ron(bytes: &[u8], path: &Path) -> Result<Self, NotesError> {
        if bytes.len() as u64 > MAX_NOTES_BYTES {
            return Err(NotesError::TooLarge {
                path: path.to_owned(),
                size: bytes.len() as u64,
                limit: MAX_NOTES_BYTES,
            });
        }
        let text = notes_text(bytes, path)?;
        refuse_other_kinds(text, path)?;
        ron::Options::default()
            .with_recursion_limit(crate::model::RECURSION_LIMIT)
            .from_str(text)
            .map(Self::within_limits)
            .map_err(|e| parse_error(text, &e, path))
    }

    /// The notes with every value past its limit read as the limit (the
    /// window cannot set more; a hand-edited file may): the talk's length,
    /// budgets over [`talk::MAX_BUDGET_SECONDS`], weights over
    /// [`talk::MAX_WEIGHT`], rehearsals beyond the kept ones, and the
    /// same values a merge kept to check. Values within the limits are
    /// untouched, so a file versus wrote loads and saves byte for byte.
    #[must_use]
    pub fn within_limits(mut self) -> Self {
        self.talk.keep_within_limits();
        for n in self.dimensions.values_mut() {
            n.budget = n.budget.map(|b| b.min(talk::MAX_BUDGET_SECONDS));
            n.weight = n.weight.map(|w| w.min(talk::MAX_WEIGHT));
            if let Some(check) = &mut n.merged {
                check.keep_within_limits();
            }
        }
        if let Some(check) = &mut self.merged {
            check.keep_within_limits();
        }
        self
    }

    /// Reads a notes file; `Ok(None)` when it does not exist.
    ///
    /// # Errors
    /// When it exists but cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Option<Self>, NotesError> {
        match read_bytes(path) {
            Ok(Some(bytes)) => Self::from_ron(&bytes, path).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Reads a notes file's bytes, refusing one over [`MAX_NOTES_BYTES`]
/// before reading it, and anything that is not a regular file (a named
/// pipe, a device) before a byte is read; `Ok(None)` when it does not
/// exist.
///
/// # Errors
/// When it cannot be read, is not a regular file or is too large.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, NotesError> {
    match read_existing(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(NotesError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Reads a notes file that must exist (`export --notes`, `merge-notes`,
/// the file on disk for "Keep mine" or "Merge"), as [`read_bytes`] does.
///
/// # Errors
/// When it is missing, cannot be read, is not a regular file or is too
/// large.
pub fn read_existing(path: &Path) -> Result<Vec<u8>, NotesError> {
    crate::storage::read_regular(path, MAX_NOTES_BYTES).map_err(|e| match e {
        crate::storage::ReadError::TooLarge { size, limit } => NotesError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        },
        crate::storage::ReadError::NotRegular("folder") => NotesError::Io {
            path: path.to_owned(),
            source: std::io::Error::other("it is a folder, not a notes file"),
        },
        e => NotesError::Io {
            path: path.to_owned(),
            source: e.into_io(),
        },
    })
}

/// An error at `position` in the file at `path`: [`NotesError::Parse`]
/// when the file is notes with a mistake in it (`damaged`), else
/// [`NotesError::NotNotes`].
fn read_error(path: &Path, position: Position, message: String, damaged: bool) -> NotesError {
    let path = path.to_owned();
    if damaged {
        NotesError::Parse {
            path,
            position,
            message,
        }
    } else {
        NotesError::NotNotes {
            path,
            position,
            message,
        }
    }
}

/// The file's bytes as text, without a UTF-8 byte-order mark.
fn notes_text<'b>(bytes: &'b [u8], path: &Path) -> Result<&'b str, NotesError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default())
            .unwrap_or_default();
        read_error(
            path,
            Position::of_offset(good, good.len()),
            "this is not a notes file: it is not UTF-8 text; expected `Notes(…)`".to_owned(),
            false,
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Refuses, before RON reads it, a text whose start says it is not notes
/// (empty, a comparison, anything else), saying what it seems to be.
fn refuse_other_kinds(text: &str, path: &Path) -> Result<(), NotesError> {
    let error = |position, message: String, damaged: bool| {
        Err(read_error(path, position, message, damaged))
    };
    let start = Position { line: 1, col: 1 };
    match sniff(text) {
        FileKind::Empty => error(
            start,
            "the notes file is empty; expected `Notes(…)`".to_owned(),
            true,
        ),
        FileKind::Comparison => error(
            start,
            "this is a comparison (content) file, not a notes file; notes files start with `Notes(`".to_owned(),
            false,
        ),
        FileKind::Other => {
            if let Some(at) = conflict_marker(text) {
                return error(at, CONFLICT_MARKERS.to_owned(), true);
            }
            let first: String = text.trim_start().chars().take(12).collect();
            let first = first.split_whitespace().next().unwrap_or_default();
            error(
                start,
                format!(
                    "this is not a notes file: it starts with `{first}`; notes files start with `Notes(` (comments are `//` or `/* */`)"
                ),
                false,
            )
        }
        FileKind::Notes => Ok(()),
    }
}

/// What is wrong in a notes file RON could not read, and where, in words
/// a person acts on.
fn parse_error(text: &str, e: &ron::error::SpannedError, path: &Path) -> NotesError {
    let error = |position, message: String| read_error(path, position, message, true);
    // Git's markers where its text merge gave up: say how to merge the
    // file instead.
    if let Some(at) = conflict_marker(text) {
        return error(at, CONFLICT_MARKERS.to_owned());
    }
    let at = Position {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    // RON points before a stray `#` and calls it anything from "expected
    // identifier" to an attribute; say what it is.
    match next_char(text, at) {
        Some(('#', hash)) => error(
            hash,
            "unexpected `#`; comments in a notes file are `//` or `/* */`".to_owned(),
        ),
        _ => error(at, describe_ron_error(&e.code)),
    }
}

/// What to do about a notes file git merged as text.
const CONFLICT_MARKERS: &str = "git left its conflict markers (`<<<<<<<`) in this notes file: two versions were merged as plain text. Set up versus as git's merge driver for notes files (README, \"Merging notes\": `*.notes.ron merge=versus` in .gitattributes and `git config merge.versus.driver \"versus merge-notes %O %A %B\"`), then run `git checkout -m -- <this file>` to merge them again, field by field";

/// Where the first of git's conflict markers is: a line starting with
/// `<<<<<<< ` (or exactly `<<<<<<<`) followed later by a `>>>>>>>` line.
fn conflict_marker(text: &str) -> Option<Position> {
    let mut start = None;
    let mut offset = 0;
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if start.is_none() && line.starts_with("<<<<<<<") {
            start = Some(offset);
        } else if start.is_some() && line.starts_with(">>>>>>>") {
            return start.map(|at| Position::of_offset(text, at));
        }
        offset += raw.len() + 1;
    }
    None
}

/// The first character at or after `at` that is not white space, and
/// where it is.
fn next_char(text: &str, at: Position) -> Option<(char, Position)> {
    let line_start: usize = text
        .split('\n')
        .take(at.line - 1)
        .map(|l| l.len() + 1)
        .sum();
    let line = text.get(line_start..)?;
    let offset = line_start
        + line
            .char_indices()
            .nth(at.col - 1)
            .map_or(line.len(), |(i, _)| i);
    // Bounded: looks at most a few hundred characters ahead.
    let (i, c) = text
        .get(offset..)?
        .char_indices()
        .take(512)
        .find(|(_, c)| !c.is_whitespace())?;
    Some((c, Position::of_offset(text, offset + i)))
}

/// RON's message for the mistakes people make by hand, in words a person
/// acts on.
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => {
            "the file ends too early; a closing bracket `)` or quote `\"` may be missing".to_owned()
        }
        ron::Error::ExpectedAttribute => {
            "unexpected `#`; comments in a notes file are `//` or `/* */`".to_owned()
        }
        ron::Error::ExceededRecursionLimit => format!(
            "nesting is deeper than {} levels; a notes file is `Notes(…)` with a map of dimensions",
            crate::model::RECURSION_LIMIT
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_past_the_limits_are_read_as_the_limits() {
        let max = u32::MAX;
        let runs: Vec<String> = (0..7)
            .map(|k| format!("Rehearsal(date: \"{k}\", seconds: {{}})"))
            .collect();
        let runs = runs.join(", ");
        let text = format!(
            "Notes(comparison: \"T\", overall: \"\", dimensions: {{
                \"a\": DimensionNotes(text: \"\", starred: true, highlights: [],
                    budget: Some({max}), weight: Some(250)),
                \"b\": DimensionNotes(text: \"\", starred: false, highlights: [],
                    budget: Some(90), weight: Some(2)),
            }}, talk: Talk(minutes: {max}, rehearsals: [{runs}]))"
        );
        let n = Notes::from_ron(text.as_bytes(), Path::new("n.ron")).unwrap();
        assert_eq!(n.talk.minutes, talk::MAX_TALK_MINUTES);
        assert_eq!(n.dimensions["a"].budget, Some(talk::MAX_BUDGET_SECONDS));
        assert_eq!(n.dimensions["a"].weight, Some(talk::MAX_WEIGHT));
        assert_eq!(
            n.dimensions["b"].budget,
            Some(90),
            "within the limits: kept"
        );
        assert_eq!(n.dimensions["b"].weight, Some(2));
        let dates: Vec<&str> = n.talk.rehearsals.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["2", "3", "4", "5", "6"], "the last five");
    }

    #[test]
    fn git_conflict_markers_get_an_error_that_names_the_fix() {
        let inside = "Notes(\n    comparison: \"T\",\n<<<<<<< HEAD\n    overall: \"mine\",\n=======\n    overall: \"theirs\",\n>>>>>>> other\n)\n";
        let at_start = "<<<<<<< HEAD\nNotes(overall: \"mine\")\n=======\nNotes(overall: \"theirs\")\n>>>>>>> other\n";
        for (text, line) in [(inside, 3), (at_start, 1)] {
            let e = Notes::from_ron(text.as_bytes(), Path::new("t.notes.ron")).unwrap_err();
            assert!(e.is_damaged_notes(), "{e}");
            let message = e.to_string();
            assert!(
                message.starts_with(&format!(
                    "t.notes.ron:{line}:1: git left its conflict markers"
                )),
                "{message}"
            );
            assert!(message.contains("merge.versus.driver"), "{message}");
        }
        // A note may quote a marker: only a marker pair in a file that does
        // not parse is taken for git's.
        let mut quoted = Notes::for_comparison("T");
        quoted.text_mut("a").push_str("<<<<<<< HEAD\n>>>>>>> x");
        let again = Notes::from_ron(quoted.to_ron().as_bytes(), Path::new("q")).unwrap();
        assert_eq!(again, quoted);
    }
}
