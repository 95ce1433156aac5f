//! What RON's types cannot check: unique ids, known subject keys, missing
//! sides (the limits are in `limits`, on the same `Checker`). Linear in the
//! comparison's size; problems of one kind are capped and the rest counted.
//! No egui.

use std::cell::Cell;
use std::collections::HashMap;

use super::locate::{Locator, Position, Step};
use super::{
    Comparison, Diagnostic, Dimension, MAX_LISTED_IDS, MAX_PROBLEMS_PER_KIND, MAX_QUOTED_CHARS,
    Severity, SideMap,
};

/// Checks what RON's types cannot: counts, unique ids, known subject keys.
/// Returns errors and warnings sorted by position, at most
/// [`MAX_PROBLEMS_PER_KIND`] of each kind and then one diagnostic counting
/// the rest of that kind. Time is linear in the comparison's size.
#[must_use]
pub fn validate(c: &Comparison, src: &str) -> Vec<Diagnostic> {
    validate_counted(c, src).0
}

/// [`validate`], with the number of warnings in all (listed and counted).
pub(super) fn validate_counted(c: &Comparison, src: &str) -> (Vec<Diagnostic>, usize) {
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
pub(super) fn dimension_name(d: &Dimension) -> &str {
    if d.id.is_empty() { &d.title } else { &d.id }
}

/// Author text quoted in a message: in double quotes, with quotes,
/// backslashes and control characters escaped (so a message stays on one
/// line), and cut short with "…" after [`MAX_QUOTED_CHARS`] characters.
pub(super) fn quoted(text: &str) -> String {
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
pub(super) fn thousands(n: usize) -> String {
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
pub(super) enum Kind {
    TooManySubjects,
    TooManyDimensions,
    TooManyPoints,
    TooManyCells,
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
    Kind::TooManyCells,
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
    const COUNT: usize = 16;

    fn severity(self) -> Severity {
        match self {
            Self::MissingSummary | Self::MissingSide => Severity::Warning,
            Self::TooManySubjects
            | Self::TooManyDimensions
            | Self::TooManyPoints
            | Self::TooManyCells
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
            Self::TooManySubjects
            | Self::TooManyDimensions
            | Self::TooManyCells
            | Self::FewSubjects => "problems of this kind",
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
pub(super) struct Checker<'s> {
    src: &'s str,
    loc: std::cell::OnceCell<Locator<'s>>,
    out: Vec<Diagnostic>,
    listed: [usize; Kind::COUNT],
    omitted: [usize; Kind::COUNT],
    /// Where the first problem left out of each kind is.
    first_omitted: [Option<Position>; Kind::COUNT],
}

impl<'s> Checker<'s> {
    pub(super) fn new(src: &'s str) -> Self {
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
    pub(super) fn report(
        &mut self,
        kind: Kind,
        path: &[Step<'_>],
        message: impl FnOnce(&Self) -> String,
    ) {
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
    pub(super) fn finish(mut self) -> Vec<Diagnostic> {
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
        let missing = self.map_keys(&d.summary, &summary, cx, Kind::UnknownSummaryKey, |key, guess| match guess {
            Some(id) => format!("dimension {name}: summary key {key} is not a declared subject id, and the summary has no paragraph for subject {id}: did you mean {id}? (subject ids: {})", cx.expected),
            None => format!("dimension {name}: summary key {key} is not a declared subject id; expected one of {}", cx.expected),
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
            let missing = self.map_keys(&p.sides, &sides, cx, Kind::UnknownSideKey, |key, guess| {
                let point = quoted(&p.aspect);
                match guess {
                    Some(id) => format!("dimension {name}, point {point}: side key {key} is not a declared subject id, and the point has no side for subject {id}: did you mean {id}? (subject ids: {})", cx.expected),
                    None => format!("dimension {name}, point {point}: side key {key} is not a declared subject id; expected one of {}", cx.expected),
                }
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
    /// lists problems, their indices. A key that is not a subject id is
    /// most likely a misspelt one of the subjects the map lacks: when it
    /// is (the only such key and subject, or a close spelling), the message
    /// says so and that subject is not also reported as lacking. Linear in
    /// the map's size (and in the number of subjects only while the
    /// missing ones are listed, or when at most [`MAX_LISTED_IDS`] are
    /// missing, which the map's size then pays for).
    fn map_keys(
        &mut self,
        map: &SideMap,
        path: &[Step<'_>],
        cx: &DimensionContext<'_>,
        kind: Kind,
        message: impl Fn(&str, Option<&str>) -> String,
    ) -> Missing {
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        for (k, key) in map.keys().enumerate() {
            if let Some(&s) = cx.subject_ids.get(key) {
                if let Some(seen) = cx.has_side.get(s)
                    && !seen.replace(true)
                {
                    found.push(s);
                }
            } else {
                unknown.push((k, key));
            }
        }
        let mut count = cx.subject_ids.len().saturating_sub(found.len());
        let missing_kind = if kind == Kind::UnknownSummaryKey {
            Kind::MissingSummary
        } else {
            Kind::MissingSide
        };
        let to_pair = !unknown.is_empty() && count <= MAX_LISTED_IDS;
        let mut subjects = Vec::new();
        if count > 0 && (to_pair || self.has_room(missing_kind)) {
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
        let only_one = unknown.len() == 1 && subjects.len() == 1;
        for (k, key) in unknown {
            let guess = if only_one {
                subjects.pop()
            } else if to_pair && self.has_room(kind) {
                // Spelling distance only for listed keys: bounded work.
                closest(key, &subjects, cx).map(|n| subjects.remove(n))
            } else {
                None
            };
            if guess.is_some() {
                count = count.saturating_sub(1);
            }
            let guess = guess
                .and_then(|s| cx.c.subjects.get(s))
                .map(|s| quoted(&s.id));
            let mut at = path.to_vec();
            at.push(Step::Entry(k));
            self.report(kind, &at, |_| message(&quoted(key), guess.as_deref()));
        }
        if !self.has_room(missing_kind) {
            subjects.clear();
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

/// Which of `subjects` (indices into them) has the id closest in spelling
/// to `key`, if one is close: at most a third of its characters (and at
/// least one) differ. Ids and keys over [`MAX_QUOTED_CHARS`] characters
/// are never close, which bounds the work.
fn closest(key: &str, subjects: &[usize], cx: &DimensionContext<'_>) -> Option<usize> {
    subjects
        .iter()
        .enumerate()
        .filter_map(|(n, &s)| {
            let id = &cx.c.subjects.get(s)?.id;
            let allowed = (id.chars().count() / 3).max(1);
            let d = edit_distance(key, id)?;
            (d <= allowed).then_some((d, n))
        })
        .min()
        .map(|(_, n)| n)
}

/// Insertions, deletions and substitutions that turn `a` into `b`, for
/// strings of at most [`MAX_QUOTED_CHARS`] characters.
fn edit_distance(a: &str, b: &str) -> Option<usize> {
    let a: Vec<char> = a.chars().take(MAX_QUOTED_CHARS + 1).collect();
    let b: Vec<char> = b.chars().take(MAX_QUOTED_CHARS + 1).collect();
    if a.len() > MAX_QUOTED_CHARS || b.len() > MAX_QUOTED_CHARS {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let value = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(left + 1);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied()
}

/// The subjects a map has no text for.
struct Missing {
    /// How many.
    count: usize,
    /// Which (indices into the subjects), when they are to be listed.
    subjects: Vec<usize>,
}
