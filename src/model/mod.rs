//! The comparison: its types, parsing from RON and validation.
//!
//! Nothing here knows about egui; the app and the command line share it.

mod inline;
pub mod locate;

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use inline::{Span, for_each_span, is_safe_url, parse_inline, plain_text};
pub use locate::Position;
use locate::{Locator, Step};

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
                            "the key {} is given twice in this map",
                            quoted(&k)
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
        let io = |source| LoadError::Io {
            path: path.to_owned(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        // The size is checked before reading; reading stops one byte past
        // the limit in case the size was not known (a pipe, a device) or
        // the file grew, and `parse` then refuses it.
        let size = file.metadata().map_err(io)?.len();
        let max = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX);
        if size > max {
            return Err(too_large(path, size));
        }
        let mut bytes = Vec::new();
        file.take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
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
        invalid(next_token(src, at), describe_ron_error(&e.code))
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

/// Checks the documented limits (counts and string lengths) on a parsed
/// comparison. Runs before [`validate`], in time linear in the comparison's
/// size; returns the errors (capped per kind, like [`validate`]'s).
#[must_use]
pub fn check_limits(c: &Comparison, src: &str) -> Vec<Diagnostic> {
    use Step::{Field, Index};
    let mut check = Checker::new(src);
    if c.subjects.len() > MAX_SUBJECTS {
        check.report(
            Kind::TooManySubjects,
            &[Field("subjects"), Index(MAX_SUBJECTS)],
            |_| {
                format!(
                    "too many subjects: {}, over the limit of {}",
                    thousands(c.subjects.len()),
                    thousands(MAX_SUBJECTS)
                )
            },
        );
    }
    if c.dimensions.len() > MAX_DIMENSIONS {
        check.report(
            Kind::TooManyDimensions,
            &[Field("dimensions"), Index(MAX_DIMENSIONS)],
            |_| {
                format!(
                    "too many dimensions: {}, over the limit of {}",
                    thousands(c.dimensions.len()),
                    thousands(MAX_DIMENSIONS)
                )
            },
        );
    }
    for (i, d) in c.dimensions.iter().enumerate() {
        if d.points.len() > MAX_POINTS_PER_DIMENSION {
            let at = [
                Field("dimensions"),
                Index(i),
                Field("points"),
                Index(MAX_POINTS_PER_DIMENSION),
            ];
            check.report(Kind::TooManyPoints, &at, |_| {
                format!(
                    "dimension {}: too many points: {}, over the limit of {} per dimension",
                    quoted(dimension_name(d)),
                    thousands(d.points.len()),
                    thousands(MAX_POINTS_PER_DIMENSION)
                )
            });
        }
    }
    long_strings(&mut check, c);
    check.finish()
}

/// Reports every string of the comparison over [`MAX_STRING_BYTES`].
fn long_strings(check: &mut Checker<'_>, c: &Comparison) {
    use Step::{Field, Index};
    long_string(check, &[Field("title")], &c.title, "the title");
    long_string(check, &[Field("intro")], &c.intro, "the intro");
    long_string(
        check,
        &[Field("conclusion")],
        &c.conclusion,
        "the conclusion",
    );
    for (i, source) in c.sources.iter().enumerate() {
        long_string(check, &[Field("sources"), Index(i)], source, "a source");
    }
    for (i, s) in c.subjects.iter().enumerate() {
        let at = |field| [Field("subjects"), Index(i), Field(field)];
        long_string(check, &at("id"), &s.id, "a subject id");
        long_string(check, &at("name"), &s.name, "a subject name");
        long_string(check, &at("short"), &s.short, "a subject's short label");
    }
    for (i, d) in c.dimensions.iter().enumerate() {
        let dim = [Field("dimensions"), Index(i)];
        long_string(
            check,
            &[dim[0], dim[1], Field("id")],
            &d.id,
            "a dimension id",
        );
        long_string(
            check,
            &[dim[0], dim[1], Field("title")],
            &d.title,
            "a dimension title",
        );
        long_strings_in_map(check, &[dim[0], dim[1], Field("summary")], &d.summary);
        for (j, p) in d.points.iter().enumerate() {
            let point = [dim[0], dim[1], Field("points"), Index(j)];
            let aspect = [point[0], point[1], point[2], point[3], Field("aspect")];
            long_string(check, &aspect, &p.aspect, "an aspect");
            let sides = [point[0], point[1], point[2], point[3], Field("sides")];
            long_strings_in_map(check, &sides, &p.sides);
        }
        for (k, line) in d.common.iter().enumerate() {
            let at = [dim[0], dim[1], Field("common"), Index(k)];
            long_string(check, &at, line, "a line of `common`");
        }
    }
}

/// Reports `text` when it is over [`MAX_STRING_BYTES`]; `what` names it.
fn long_string(check: &mut Checker<'_>, path: &[Step<'_>], text: &str, what: &str) {
    if text.len() > MAX_STRING_BYTES {
        check.report(Kind::LongString, path, |_| {
            format!(
                "{} is {} bytes long, over the limit of {} bytes (256 KiB) for one string",
                what,
                thousands(text.len()),
                thousands(MAX_STRING_BYTES)
            )
        });
    }
}

/// Reports each key and text of a summary or `sides` map that is over
/// [`MAX_STRING_BYTES`] (at the entry's key).
fn long_strings_in_map(check: &mut Checker<'_>, at: &[Step<'_>], map: &SideMap) {
    for (k, (key, text)) in map.0.iter().enumerate() {
        if key.len() > MAX_STRING_BYTES || text.len() > MAX_STRING_BYTES {
            let mut path = at.to_vec();
            path.push(Step::Entry(k));
            long_string(check, &path, key, "a map key");
            long_string(check, &path, text, "a map's text");
        }
    }
}

/// Checks what RON's types cannot: counts, unique ids, known subject keys.
/// Returns errors and warnings sorted by position, at most
/// [`MAX_PROBLEMS_PER_KIND`] of each kind and then one diagnostic counting
/// the rest of that kind. Time is linear in the comparison's size.
#[must_use]
pub fn validate(c: &Comparison, src: &str) -> Vec<Diagnostic> {
    validate_counted(c, src).0
}

/// [`validate`], with the number of warnings in all (listed and counted).
fn validate_counted(c: &Comparison, src: &str) -> (Vec<Diagnostic>, usize) {
    use Step::{Field, Index};
    let mut check = Checker::new(src);
    let subject_ids = check.subjects(c);
    if c.dimensions.is_empty() {
        check.report(Kind::NoDimensions, &[Field("dimensions")], |_| {
            "expected at least one dimension, found none".to_owned()
        });
    }
    let context = DimensionContext {
        expected: expected_ids(c),
        subject_ids,
        has_side: vec![Cell::new(false); c.subjects.len()],
        c,
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, d) in c.dimensions.iter().enumerate() {
        let id_path = [Field("dimensions"), Index(i), Field("id")];
        if d.id.trim().is_empty() {
            check.report(Kind::EmptyDimensionId, &id_path, |_| {
                format!(
                    "dimension {} has an empty id; expected a unique id such as \"scope\"",
                    quoted(&d.title)
                )
            });
        } else if let Some(&first) = seen.get(d.id.as_str()) {
            check.report(Kind::DuplicateDimensionId, &id_path, |check| {
                let first_at = check.at(&[Field("dimensions"), Index(first), Field("id")]);
                format!(
                    "duplicate dimension id {} (first declared at {first_at})",
                    quoted(&d.id)
                )
            });
        } else {
            seen.insert(&d.id, i);
        }
        check.dimension(i, d, &context);
    }
    let warnings = check.count(Severity::Warning);
    (check.finish(), warnings)
}

/// `"a", "b", "c", "d", "e", … and 995 more`: the first few declared
/// subject ids, for messages about a key that is not one of them.
fn expected_ids(c: &Comparison) -> String {
    let mut out = c
        .subjects
        .iter()
        .take(MAX_LISTED_IDS)
        .map(|s| quoted(&s.id))
        .collect::<Vec<_>>()
        .join(", ");
    if c.subjects.len() > MAX_LISTED_IDS {
        out.push_str(", … and ");
        out.push_str(&thousands(c.subjects.len() - MAX_LISTED_IDS));
        out.push_str(" more");
    }
    out
}

/// A dimension's id, or its title when the id is empty.
fn dimension_name(d: &Dimension) -> &str {
    if d.id.is_empty() { &d.title } else { &d.id }
}

/// Author text quoted in a message: in double quotes, with quotes,
/// backslashes and control characters escaped (so a message stays on one
/// line), and cut short with "…" after [`MAX_QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for (n, ch) in text.chars().enumerate() {
        if n == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            _ if ch.is_control() => out.extend(ch.escape_debug()),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The kinds of problem, each capped separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    TooManySubjects,
    TooManyDimensions,
    TooManyPoints,
    LongString,
    FewSubjects,
    NoDimensions,
    EmptySubjectId,
    DuplicateSubjectId,
    EmptyDimensionId,
    DuplicateDimensionId,
    UnknownSummaryKey,
    MissingSummary,
    DuplicateAspect,
    UnknownSideKey,
    MissingSide,
}

/// Every kind of problem.
const ALL_KINDS: [Kind; Kind::COUNT] = [
    Kind::TooManySubjects,
    Kind::TooManyDimensions,
    Kind::TooManyPoints,
    Kind::LongString,
    Kind::FewSubjects,
    Kind::NoDimensions,
    Kind::EmptySubjectId,
    Kind::DuplicateSubjectId,
    Kind::EmptyDimensionId,
    Kind::DuplicateDimensionId,
    Kind::UnknownSummaryKey,
    Kind::MissingSummary,
    Kind::DuplicateAspect,
    Kind::UnknownSideKey,
    Kind::MissingSide,
];

impl Kind {
    /// How many kinds there are.
    const COUNT: usize = 15;

    fn severity(self) -> Severity {
        match self {
            Self::MissingSummary | Self::MissingSide => Severity::Warning,
            Self::TooManySubjects
            | Self::TooManyDimensions
            | Self::TooManyPoints
            | Self::LongString
            | Self::FewSubjects
            | Self::NoDimensions
            | Self::EmptySubjectId
            | Self::DuplicateSubjectId
            | Self::EmptyDimensionId
            | Self::DuplicateDimensionId
            | Self::UnknownSummaryKey
            | Self::DuplicateAspect
            | Self::UnknownSideKey => Severity::Error,
        }
    }

    /// What several problems of this kind are called ("and 12 more …").
    fn plural(self) -> &'static str {
        match self {
            Self::TooManySubjects | Self::TooManyDimensions | Self::FewSubjects => {
                "problems of this kind"
            }
            Self::TooManyPoints => "dimensions with too many points",
            Self::LongString => "strings over the length limit",
            Self::NoDimensions => "missing dimensions",
            Self::EmptySubjectId => "empty subject ids",
            Self::DuplicateSubjectId => "duplicate subject ids",
            Self::EmptyDimensionId => "empty dimension ids",
            Self::DuplicateDimensionId => "duplicate dimension ids",
            Self::UnknownSummaryKey => "summary keys that are not subject ids",
            Self::MissingSummary => "missing summary paragraphs",
            Self::DuplicateAspect => "duplicate aspects",
            Self::UnknownSideKey => "side keys that are not subject ids",
            Self::MissingSide => "missing sides",
        }
    }
}

/// What the checks of every dimension share.
struct DimensionContext<'c> {
    c: &'c Comparison,
    /// Each declared subject id → the index of its first declaration.
    subject_ids: HashMap<&'c str, usize>,
    /// The first few ids, for "expected one of …".
    expected: String,
    /// Scratch space: which subjects the map being checked has a text for
    /// (cleared after each map).
    has_side: Vec<Cell<bool>>,
}

/// Collects problems, placing each with the locator (built on the first
/// problem only: a valid file never pays for it). At most
/// [`MAX_PROBLEMS_PER_KIND`] of each kind are kept; the rest are counted.
struct Checker<'s> {
    src: &'s str,
    loc: std::cell::OnceCell<Locator<'s>>,
    out: Vec<Diagnostic>,
    listed: [usize; Kind::COUNT],
    omitted: [usize; Kind::COUNT],
    /// Where the first problem left out of each kind is.
    first_omitted: [Option<Position>; Kind::COUNT],
}

impl<'s> Checker<'s> {
    fn new(src: &'s str) -> Self {
        Self {
            src,
            loc: std::cell::OnceCell::new(),
            out: Vec::new(),
            listed: [0; Kind::COUNT],
            omitted: [0; Kind::COUNT],
            first_omitted: [None; Kind::COUNT],
        }
    }

    fn at(&self, path: &[Step<'_>]) -> Position {
        self.loc
            .get_or_init(|| Locator::new(self.src))
            .find_or_nearest(path)
    }

    /// Whether another problem of `kind` would be listed.
    fn has_room(&self, kind: Kind) -> bool {
        self.listed[kind as usize] < MAX_PROBLEMS_PER_KIND
    }

    /// Lists a problem at `path`, or counts it when its kind is full (the
    /// message is then never written).
    fn report(&mut self, kind: Kind, path: &[Step<'_>], message: impl FnOnce(&Self) -> String) {
        if !self.has_room(kind) {
            self.omit(kind, path, 1);
            return;
        }
        let position = self.at(path);
        let message = message(self);
        self.listed[kind as usize] += 1;
        self.out.push(Diagnostic {
            severity: kind.severity(),
            position,
            message,
        });
    }

    /// Counts `n` problems of `kind` that are not listed, the first at
    /// `path`.
    fn omit(&mut self, kind: Kind, path: &[Step<'_>], n: usize) {
        if self.first_omitted[kind as usize].is_none() {
            self.first_omitted[kind as usize] = Some(self.at(path));
        }
        self.omitted[kind as usize] = self.omitted[kind as usize].saturating_add(n);
    }

    /// How many problems of this severity were found, listed or not.
    fn count(&self, severity: Severity) -> usize {
        let omitted: usize = ALL_KINDS
            .iter()
            .filter(|kind| kind.severity() == severity)
            .map(|&kind| self.omitted[kind as usize])
            .sum();
        let listed = self.out.iter().filter(|d| d.severity == severity).count();
        listed.saturating_add(omitted)
    }

    /// The problems sorted by position, with one diagnostic per full kind
    /// counting the rest (as serious as they are, so an invalid file stays
    /// invalid).
    fn finish(mut self) -> Vec<Diagnostic> {
        for kind in ALL_KINDS {
            let n = self.omitted[kind as usize];
            if let (true, Some(position)) = (n > 0, self.first_omitted[kind as usize]) {
                self.out.push(Diagnostic {
                    severity: kind.severity(),
                    position,
                    message: format!(
                        "and {} more {} (only the first {MAX_PROBLEMS_PER_KIND} are listed; the next one is here)",
                        thousands(n),
                        kind.plural()
                    ),
                });
            }
        }
        let mut out = self.out;
        out.sort_by(|a, b| {
            a.position
                .cmp(&b.position)
                .then(b.severity.cmp(&a.severity))
        });
        out
    }

    /// Checks the subjects; returns each usable id (not empty, first
    /// declaration) with its index.
    fn subjects<'c>(&mut self, c: &'c Comparison) -> HashMap<&'c str, usize> {
        use Step::{Field, Index};
        if c.subjects.len() < 2 {
            self.report(Kind::FewSubjects, &[Field("subjects")], |_| {
                format!(
                    "expected at least two subjects to compare, found {}",
                    c.subjects.len()
                )
            });
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(c.subjects.len());
        for (i, s) in c.subjects.iter().enumerate() {
            let path = [Field("subjects"), Index(i), Field("id")];
            if s.id.trim().is_empty() {
                self.report(Kind::EmptySubjectId, &path, |_| {
                    "subject id is empty; expected a short unique id such as \"pm\"".to_owned()
                });
            } else if let Some(&first) = seen.get(s.id.as_str()) {
                self.report(Kind::DuplicateSubjectId, &path, |check| {
                    let first_at = check.at(&[Field("subjects"), Index(first), Field("id")]);
                    format!(
                        "duplicate subject id {} (first declared at {first_at})",
                        quoted(&s.id)
                    )
                });
            } else {
                seen.insert(&s.id, i);
            }
        }
        seen
    }

    /// Summary and point keys must be subject ids; aspects must be unique;
    /// a subject without a side is worth a warning.
    fn dimension(&mut self, i: usize, d: &Dimension, cx: &DimensionContext<'_>) {
        use Step::{Field, Index};
        let name = quoted(dimension_name(d));
        let dim = [Field("dimensions"), Index(i)];
        let summary = [dim[0], dim[1], Field("summary")];
        let missing = self.map_keys(&d.summary, &summary, cx, Kind::UnknownSummaryKey, |key| {
            format!("dimension {name}: summary key {key} is not a declared subject id; expected one of {}", cx.expected)
        });
        if !d.summary.is_empty() {
            self.missing(&missing, &summary, cx, Kind::MissingSummary, |id| {
                format!("dimension {name}: the summary has no paragraph for subject {id} (shown as absent)")
            });
        }
        let mut aspects: HashMap<&str, usize> = HashMap::new();
        for (j, p) in d.points.iter().enumerate() {
            let point = [dim[0], dim[1], Field("points"), Index(j)];
            let aspect = [point[0], point[1], point[2], point[3], Field("aspect")];
            if let Some(&first) = aspects.get(p.aspect.as_str()) {
                self.report(Kind::DuplicateAspect, &aspect, |check| {
                    let first_at = check.at(&[
                        dim[0],
                        dim[1],
                        Field("points"),
                        Index(first),
                        Field("aspect"),
                    ]);
                    format!("dimension {name}: duplicate aspect {} (first at {first_at}); expected each row's aspect to be unique", quoted(&p.aspect))
                });
            } else {
                aspects.insert(&p.aspect, j);
            }
            let sides = [point[0], point[1], point[2], point[3], Field("sides")];
            let missing = self.map_keys(&p.sides, &sides, cx, Kind::UnknownSideKey, |key| {
                format!("dimension {name}, point {}: side key {key} is not a declared subject id; expected one of {}", quoted(&p.aspect), cx.expected)
            });
            self.missing(&missing, &point, cx, Kind::MissingSide, |id| {
                format!(
                    "dimension {name}, point {}: no side for subject {id} (shown as absent)",
                    quoted(&p.aspect)
                )
            });
        }
    }

    /// Reports each key of `map` that is not a subject id; returns which
    /// subjects the map lacks, as a count and, while `missing_kind` still
    /// lists problems, their indices. Linear in the map's size (and in the
    /// number of subjects only while the missing ones are listed).
    fn map_keys(
        &mut self,
        map: &SideMap,
        path: &[Step<'_>],
        cx: &DimensionContext<'_>,
        kind: Kind,
        message: impl Fn(&str) -> String,
    ) -> Missing {
        let mut found = Vec::new();
        for (k, key) in map.keys().enumerate() {
            if let Some(&s) = cx.subject_ids.get(key) {
                if let Some(seen) = cx.has_side.get(s)
                    && !seen.replace(true)
                {
                    found.push(s);
                }
            } else {
                let mut at = path.to_vec();
                at.push(Step::Entry(k));
                self.report(kind, &at, |_| message(&quoted(key)));
            }
        }
        let count = cx.subject_ids.len().saturating_sub(found.len());
        let missing_kind = if kind == Kind::UnknownSummaryKey {
            Kind::MissingSummary
        } else {
            Kind::MissingSide
        };
        let mut subjects = Vec::new();
        if count > 0 && self.has_room(missing_kind) {
            subjects =
                cx.c.subjects
                    .iter()
                    .enumerate()
                    .filter(|&(s, subject)| {
                        cx.subject_ids.get(subject.id.as_str()) == Some(&s)
                            && !cx.has_side.get(s).is_some_and(Cell::get)
                    })
                    .map(|(s, _)| s)
                    .collect();
        }
        for s in found {
            if let Some(seen) = cx.has_side.get(s) {
                seen.set(false);
            }
        }
        Missing { count, subjects }
    }

    /// Warns of each subject a map lacks (listed while there is room, then
    /// counted).
    fn missing(
        &mut self,
        missing: &Missing,
        path: &[Step<'_>],
        cx: &DimensionContext<'_>,
        kind: Kind,
        message: impl Fn(&str) -> String,
    ) {
        let mut listed = 0;
        for &s in &missing.subjects {
            if !self.has_room(kind) {
                break;
            }
            let Some(subject) = cx.c.subjects.get(s) else {
                continue;
            };
            self.report(kind, path, |_| message(&quoted(&subject.id)));
            listed += 1;
        }
        if missing.count > listed {
            self.omit(kind, path, missing.count - listed);
        }
    }
}

/// The subjects a map has no text for.
struct Missing {
    /// How many.
    count: usize,
    /// Which (indices into the subjects), when they are to be listed.
    subjects: Vec<usize>,
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
