//! The comparison: its types, parsing from RON and validation.
//!
//! Nothing here knows about egui; the app and the command line share it.

pub mod fold;
mod inline;
mod limits;
pub mod locate;
mod syntax;
mod validate;

pub use limits::{MAX_CELLS, check_limits};
pub use validate::validate;
use validate::{quoted, thousands, validate_counted};

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use inline::{Span, first_sentence, for_each_span, is_safe_url, parse_inline, plain_text};
pub use locate::Position;

/// Deepest nesting RON will follow before it gives up (a guard against
/// pathological input such as 100,000 open brackets).
pub const RECURSION_LIMIT: usize = 128;

/// The largest content file, in bytes (16 MiB). The generated benchmark
/// comparison of 10,000 dimensions is 12.8 MB; the built-in one is 23 kB.
/// Checked before the file is read (and again on the bytes), so an
/// oversized file costs nothing.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The most subjects a comparison may have. Two are shown side by side;
/// a thousand is far more than any reader can choose among.
pub const MAX_SUBJECTS: usize = 1_000;

/// The most dimensions a comparison may have (ten times the 10,000 of the
/// benchmark comparison).
pub const MAX_DIMENSIONS: usize = 100_000;

/// The most points (rows) one dimension may have.
pub const MAX_POINTS_PER_DIMENSION: usize = 10_000;

/// The longest string (any title, id, paragraph, cell, key or source), in
/// bytes (256 KiB, about 40,000 words). Inline Markdown is parsed one string
/// at a time, so this also bounds the parser's working memory.
pub const MAX_STRING_BYTES: usize = 256 * 1024;

/// Problems of one kind listed per file; the rest are counted in one last
/// diagnostic ("and 999,000 more …").
pub const MAX_PROBLEMS_PER_KIND: usize = 20;

/// Valid ids listed in a message such as "expected one of …".
const MAX_LISTED_IDS: usize = 5;

/// Characters of author text (an id, a title, an aspect) quoted in a
/// message before it is cut short with "…".
const MAX_QUOTED_CHARS: usize = 60;

/// The built-in comparison's RON text, embedded in the binary.
pub const BUILT_IN_RON: &str = include_str!("../../data/project-vs-technology-management.ron");

/// The name the built-in comparison goes by in messages.
pub const BUILT_IN_NAME: &str = "built-in:project-vs-technology-management.ron";

/// A comparison of two or more subjects, dimension by dimension.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Comparison")]
pub struct Comparison {
    /// Shown as the window's and exports' title.
    pub title: String,
    /// Opening paragraph; empty when absent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intro: String,
    /// What is compared; at least two.
    pub subjects: Vec<Subject>,
    /// The dimensions, in reading order; at least one.
    pub dimensions: Vec<Dimension>,
    /// Closing paragraph; empty when absent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// One of the things compared.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Subject")]
pub struct Subject {
    /// Key used in `summary` and `sides` maps.
    pub id: String,
    /// Full name, shown as a column header.
    pub name: String,
    /// Optional short label; empty when absent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
}

impl Subject {
    /// The short label when there is one, else the name.
    #[must_use]
    pub fn label(&self) -> &str {
        if self.short.is_empty() {
            &self.name
        } else {
            &self.short
        }
    }
}

/// One dimension along which the subjects are compared.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Dimension")]
pub struct Dimension {
    /// Unique; notes are keyed by it.
    pub id: String,
    /// Shown in the sidebar and as a heading.
    pub title: String,
    /// A paragraph per subject.
    #[serde(default, skip_serializing_if = "SideMap::is_empty")]
    pub summary: SideMap,
    /// Aligned rows: an aspect and what each subject says about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Point>,
    /// What the subjects share on this dimension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub common: Vec<String>,
}

/// An aligned row of a dimension.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Point")]
pub struct Point {
    /// The row's label; unique within its dimension (highlights use it).
    pub aspect: String,
    /// Text per subject id.
    pub sides: SideMap,
}

/// A map from subject id to text that keeps the file's order and rejects a
/// key given twice (a plain map would silently keep the last one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SideMap(pub Vec<(String, String)>);

impl SideMap {
    /// The text for `subject_id`, if the map has one.
    #[must_use]
    pub fn get(&self, subject_id: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == subject_id)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the map has no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys in file order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl<'de> Deserialize<'de> for SideMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SideMapVisitor;
        impl<'de> Visitor<'de> for SideMapVisitor {
            type Value = SideMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from subject id to text, such as { \"a\": \"…\" }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SideMap, A::Error> {
                let mut out: Vec<(String, String)> = Vec::new();
                // Each key's hash → the index of the first entry with it, so
                // a map of n keys costs n look-ups, not n² comparisons.
                let hasher = std::hash::RandomState::new();
                let mut seen: HashMap<u64, usize> = HashMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    let hash = hasher.hash_one(&k);
                    let twice = match seen.get(&hash) {
                        // Equal hashes of different keys are all but
                        // impossible; compare every key then to be sure.
                        Some(&i) => {
                            out.get(i).is_some_and(|(first, _)| *first == k)
                                || out.iter().any(|(first, _)| *first == k)
                        }
                        None => false,
                    };
                    if twice {
                        return Err(serde::de::Error::custom(format!(
                            "the key {} {}; keep one of them",
                            quoted(&k),
                            syntax::GIVEN_TWICE
                        )));
                    }
                    seen.entry(hash).or_insert(out.len());
                    out.push((k, v));
                }
                Ok(SideMap(out))
            }
        }
        deserializer.deserialize_map(SideMapVisitor)
    }
}

impl Serialize for SideMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file loads; something is worth a look.
    Warning,
    /// The file cannot be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// One problem found in a content file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the file (1-based).
    pub position: Position,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.position, self.severity, self.message)
    }
}

/// Why a content file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file was read but is not a valid comparison.
    #[error("{}", render_problems(path, problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The errors (and any warnings), in file order.
        problems: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// The failure as lines of `file:line:column: error: message`, the
    /// warnings left out: they did not stop the load (`versus validate`
    /// lists them).
    #[must_use]
    pub fn errors_text(&self) -> String {
        match self {
            Self::Io { .. } => self.to_string(),
            Self::Invalid { path, problems } => render_problems(
                path,
                problems.iter().filter(|d| d.severity == Severity::Error),
            ),
        }
    }
}

/// One `file:line:column: severity: message` line per problem.
fn render_problems<'d>(path: &Path, problems: impl IntoIterator<Item = &'d Diagnostic>) -> String {
    problems
        .into_iter()
        .map(|d| format!("{}:{d}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A comparison that parsed and validated, with any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The comparison.
    pub comparison: Comparison,
    /// Problems that do not stop it from loading: at most
    /// [`MAX_PROBLEMS_PER_KIND`] of each kind, then one counting the rest.
    pub warnings: Vec<Diagnostic>,
    /// How many warnings there are in all, counted ones included (what to
    /// show as "N warnings"; `warnings.len()` is only what is listed).
    pub warning_count: usize,
}

impl Comparison {
    /// The built-in comparison.
    ///
    /// # Panics
    /// Never at run time: the embedded file is checked by a unit test.
    #[must_use]
    pub fn built_in() -> Self {
        #[expect(
            clippy::expect_used,
            reason = "the embedded file is fixed at build time and tested"
        )]
        parse(BUILT_IN_RON.as_bytes(), Path::new(BUILT_IN_NAME))
            .expect("the built-in comparison is valid")
            .comparison
    }

    /// Reads and parses a content file.
    ///
    /// # Errors
    /// When the file cannot be read or is not a valid comparison.
    pub fn load(path: &Path) -> Result<Loaded, LoadError> {
        let max = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX);
        // Only a regular file, checked on the open handle: a named pipe or
        // a device is refused by kind, never waited on or read without end.
        let bytes = match crate::storage::read_regular(path, max) {
            Ok(bytes) => bytes,
            Err(crate::storage::ReadError::TooLarge { size, .. }) => {
                return Err(too_large(path, size));
            }
            Err(e) => {
                return Err(LoadError::Io {
                    path: path.to_owned(),
                    source: e.into_io(),
                });
            }
        };
        parse(&bytes, path)
    }

    /// The dimension with this id.
    #[must_use]
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }
}

/// Parses and validates content bytes; `path` is used in messages only.
///
/// # Errors
/// Every way the bytes can fail to be a comparison, each with a position.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Loaded, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(
            path,
            u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        ));
    }
    let invalid = |position: Position, message: String| LoadError::Invalid {
        path: path.to_owned(),
        problems: vec![Diagnostic {
            severity: Severity::Error,
            position,
            message,
        }],
    };
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let good = std::str::from_utf8(good).unwrap_or_default();
            return Err(invalid(
                Position::of_offset(good, good.len()),
                "the file is not UTF-8 text (is it a binary file?); expected a RON `Comparison(…)`"
                    .to_owned(),
            ));
        }
    };
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if is_blank(src) {
        return Err(invalid(
            Position { line: 1, col: 1 },
            "the file is empty; expected a RON `Comparison(…)` with a title, subjects and dimensions"
                .to_owned(),
        ));
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let comparison: Comparison = options.from_str(src).map_err(|e| {
        let at = Position {
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
        };
        let (position, message) = syntax::explain(src, at, &e.code)
            .unwrap_or_else(|| (next_token(src, at), describe_ron_error(&e.code)));
        invalid(position, message)
    })?;
    let over = check_limits(&comparison, src);
    if !over.is_empty() {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems: over,
        });
    }
    let (problems, warning_count) = validate_counted(&comparison, src);
    if problems.iter().any(|d| d.severity == Severity::Error) {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(Loaded {
        comparison,
        warnings: problems,
        warning_count,
    })
}

/// The error for a file over [`MAX_FILE_BYTES`], at its start.
fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::Invalid {
        path: path.to_owned(),
        problems: vec![Diagnostic {
            severity: Severity::Error,
            position: Position { line: 1, col: 1 },
            message: format!(
                "the file is {} bytes, over the limit of {} bytes (16 MiB) for a content file; split it into several comparisons",
                thousands(usize::try_from(size).unwrap_or(usize::MAX)),
                thousands(MAX_FILE_BYTES),
            ),
        }],
    }
}

/// RON sometimes reports the white space before the offending token; point
/// at the token itself.
fn next_token(src: &str, at: Position) -> Position {
    let Some(line) = src.lines().nth(at.line - 1) else {
        return at;
    };
    let skipped = line
        .chars()
        .skip(at.col - 1)
        .take_while(|c| c.is_whitespace())
        .count();
    if at.col - 1 + skipped < line.chars().count() {
        Position {
            line: at.line,
            col: at.col + skipped,
        }
    } else {
        at
    }
}

/// Whether `src` holds nothing but white space and comments.
fn is_blank(src: &str) -> bool {
    let mut rest = src.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |n| &after[n..]).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            match after.find("*/") {
                Some(n) => rest = after[n + 2..].trim_start(),
                // An unclosed comment is RON's to report, with its place.
                None => return false,
            }
        } else {
            return rest.is_empty();
        }
    }
}

fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => format!(
            "nesting is deeper than {RECURSION_LIMIT} levels; expected a `Comparison(…)` of subjects and dimensions"
        ),
        ron::Error::Eof => {
            "the file ends too early; expected the rest of the `Comparison(…)` (a closing bracket or quote may be missing)"
                .to_owned()
        }
        ron::Error::ExpectedAttribute => {
            "unexpected `#`; expected a RON `Comparison(…)` (is this a RON file?)".to_owned()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(19_995), "19,995");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn quoted_text_stays_short_and_on_one_line() {
        assert_eq!(quoted("a"), "\"a\"");
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        let long = quoted(&"x".repeat(1_000));
        assert_eq!(long.chars().count(), MAX_QUOTED_CHARS + 3);
        assert!(long.ends_with("…\""));
    }

    #[test]
    fn a_map_with_many_keys_deserialises_in_linear_time() {
        let mut keys = String::new();
        for i in 0..200_000 {
            write!(keys, "\"k{i}\": \"\", ").unwrap();
        }
        let start = std::time::Instant::now();
        let map: SideMap = ron::from_str(&format!("{{{keys}}}")).unwrap();
        assert_eq!(map.0.len(), 200_000);
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
        let twice: Result<SideMap, _> = ron::from_str(r#"{"a": "", "b": "", "a": ""}"#);
        assert!(
            twice
                .unwrap_err()
                .to_string()
                .contains("\"a\" is given twice")
        );
    }
}
