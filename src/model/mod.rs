//! The comparison: its types, parsing from RON and validation.
//!
//! Nothing here knows about egui; the app and the command line share it.

mod inline;
pub mod locate;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use inline::{Span, is_safe_url, parse_inline, plain_text};
pub use locate::Position;
use locate::{Locator, Step};

/// Deepest nesting RON will follow before it gives up (a guard against
/// pathological input such as 100,000 open brackets).
pub const RECURSION_LIMIT: usize = 128;

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
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    if out.iter().any(|(seen, _)| *seen == k) {
                        return Err(serde::de::Error::custom(format!(
                            "the key \"{k}\" is given twice in this map"
                        )));
                    }
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
    /// The first error's position, if the failure has one.
    #[must_use]
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::Io { .. } => None,
            Self::Invalid { problems, .. } => problems
                .iter()
                .find(|d| d.severity == Severity::Error)
                .map(|d| d.position),
        }
    }
}

fn render_problems(path: &Path, problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(|d| format!("{}:{d}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A comparison that parsed and validated, with any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The comparison.
    pub comparison: Comparison,
    /// Problems that do not stop it from loading.
    pub warnings: Vec<Diagnostic>,
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
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
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
        invalid(next_token(src, at), describe_ron_error(&e.code))
    })?;
    let problems = validate(&comparison, src);
    if problems.iter().any(|d| d.severity == Severity::Error) {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(Loaded {
        comparison,
        warnings: problems,
    })
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

/// Checks what RON's types cannot: counts, unique ids, known subject keys.
/// Returns errors and warnings sorted by position.
#[must_use]
pub fn validate(c: &Comparison, src: &str) -> Vec<Diagnostic> {
    let mut check = Checker {
        src,
        loc: std::cell::OnceCell::new(),
        out: Vec::new(),
    };
    check.subjects(c);
    if c.dimensions.is_empty() {
        check.push(
            Severity::Error,
            &[Step::Field("dimensions")],
            "expected at least one dimension, found none".to_owned(),
        );
    }
    let subject_ids: Vec<&str> = c.subjects.iter().map(|s| s.id.as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, d) in c.dimensions.iter().enumerate() {
        let id_path = [Step::Field("dimensions"), Step::Index(i), Step::Field("id")];
        if d.id.trim().is_empty() {
            check.push(
                Severity::Error,
                &id_path,
                format!(
                    "dimension \"{}\" has an empty id; expected a unique id such as \"scope\"",
                    d.title
                ),
            );
        } else if let Some(&first) = seen.get(d.id.as_str()) {
            let first_at = check.at(&[
                Step::Field("dimensions"),
                Step::Index(first),
                Step::Field("id"),
            ]);
            check.push(
                Severity::Error,
                &id_path,
                format!(
                    "duplicate dimension id \"{}\" (first declared at {first_at})",
                    d.id
                ),
            );
        } else {
            seen.insert(&d.id, i);
        }
        check.dimension(i, d, &subject_ids);
    }
    let mut out = check.out;
    out.sort_by(|a, b| {
        a.position
            .cmp(&b.position)
            .then(b.severity.cmp(&a.severity))
    });
    out
}

/// Collects problems, placing each with the locator (built on the first
/// problem only: a valid file never pays for it).
struct Checker<'s> {
    src: &'s str,
    loc: std::cell::OnceCell<Locator<'s>>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at(&self, path: &[Step<'_>]) -> Position {
        self.loc
            .get_or_init(|| Locator::new(self.src))
            .find_or_nearest(path)
    }

    fn push(&mut self, severity: Severity, path: &[Step<'_>], message: String) {
        let position = self.at(path);
        self.out.push(Diagnostic {
            severity,
            position,
            message,
        });
    }

    fn subjects(&mut self, c: &Comparison) {
        use Step::{Field, Index};
        if c.subjects.len() < 2 {
            self.push(
                Severity::Error,
                &[Field("subjects")],
                format!(
                    "expected at least two subjects to compare, found {}",
                    c.subjects.len()
                ),
            );
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, s) in c.subjects.iter().enumerate() {
            let path = [Field("subjects"), Index(i), Field("id")];
            if s.id.trim().is_empty() {
                self.push(
                    Severity::Error,
                    &path,
                    "subject id is empty; expected a short unique id such as \"pm\"".to_owned(),
                );
            } else if let Some(&first) = seen.get(s.id.as_str()) {
                let first_at = self.at(&[Field("subjects"), Index(first), Field("id")]);
                self.push(
                    Severity::Error,
                    &path,
                    format!(
                        "duplicate subject id \"{}\" (first declared at {first_at})",
                        s.id
                    ),
                );
            } else {
                seen.insert(&s.id, i);
            }
        }
    }

    /// Summary and point keys must be subject ids; aspects must be unique;
    /// a subject without a side is worth a warning.
    fn dimension(&mut self, i: usize, d: &Dimension, subject_ids: &[&str]) {
        use Step::{Field, Index, Key};
        let expected = subject_ids
            .iter()
            .map(|id| format!("\"{id}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let name = if d.id.is_empty() { &d.title } else { &d.id };
        let dim = [Field("dimensions"), Index(i)];

        for key in d.summary.keys() {
            if !subject_ids.contains(&key) {
                self.push(
                    Severity::Error,
                    &[dim[0], dim[1], Field("summary"), Key(key)],
                    format!("dimension \"{name}\": summary key \"{key}\" is not a declared subject id; expected one of {expected}"),
                );
            }
        }
        if !d.summary.is_empty() {
            for id in subject_ids.iter().filter(|id| d.summary.get(id).is_none()) {
                self.push(
                    Severity::Warning,
                    &[dim[0], dim[1], Field("summary")],
                    format!("dimension \"{name}\": the summary has no paragraph for subject \"{id}\" (shown as absent)"),
                );
            }
        }
        let mut aspects: HashMap<&str, usize> = HashMap::new();
        for (j, p) in d.points.iter().enumerate() {
            let point = [dim[0], dim[1], Field("points"), Index(j)];
            if let Some(&first) = aspects.get(p.aspect.as_str()) {
                let first_at = self.at(&[
                    dim[0],
                    dim[1],
                    Field("points"),
                    Index(first),
                    Field("aspect"),
                ]);
                self.push(
                    Severity::Error,
                    &[point[0], point[1], point[2], point[3], Field("aspect")],
                    format!("dimension \"{name}\": duplicate aspect \"{}\" (first at {first_at}); expected each row's aspect to be unique", p.aspect),
                );
            } else {
                aspects.insert(&p.aspect, j);
            }
            for key in p.sides.keys() {
                if !subject_ids.contains(&key) {
                    self.push(
                        Severity::Error,
                        &[point[0], point[1], point[2], point[3], Field("sides"), Key(key)],
                        format!("dimension \"{name}\", point \"{}\": side key \"{key}\" is not a declared subject id; expected one of {expected}", p.aspect),
                    );
                }
            }
            for id in subject_ids.iter().filter(|id| p.sides.get(id).is_none()) {
                self.push(
                    Severity::Warning,
                    &point,
                    format!("dimension \"{name}\", point \"{}\": no side for subject \"{id}\" (shown as absent)", p.aspect),
                );
            }
        }
    }
}
