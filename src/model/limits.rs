//! The documented limits: how many subjects, dimensions, points and cells,
//! and how long one string may be. Checked on a parsed comparison before
//! anything else, in time linear in its size. No egui.

use super::locate::Step;
use super::validate::{Checker, Kind, dimension_name, quoted, thousands};
use super::{
    Comparison, Diagnostic, MAX_DIMENSIONS, MAX_POINTS_PER_DIMENSION, MAX_STRING_BYTES,
    MAX_SUBJECTS, SideMap,
};

/// The most cells a comparison may have: subjects × rows, where the rows
/// are every dimension's points plus one summary row per dimension. An
/// export writes a cell for each (an empty one where a side is missing),
/// so this bounds every export's size and time whatever the file's size:
/// 1,000 subjects × 2,000 rows, or 2 subjects × a million.
pub const MAX_CELLS: usize = 2_000_000;

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
    too_many_cells(&mut check, c);
    long_strings(&mut check, c);
    check.finish()
}

/// Reports a comparison of more than [`MAX_CELLS`] cells, at the row that
/// first goes over (a dimension for its summary row, else a point).
fn too_many_cells(check: &mut Checker<'_>, c: &Comparison) {
    use Step::{Field, Index};
    let subjects = c.subjects.len();
    // Too many subjects is the one error to fix first.
    if subjects == 0 || subjects > MAX_SUBJECTS {
        return;
    }
    let rows: usize = c
        .dimensions
        .iter()
        .map(|d| d.points.len().saturating_add(1))
        .fold(0, usize::saturating_add);
    let cells = rows.saturating_mul(subjects);
    if cells <= MAX_CELLS {
        return;
    }
    // The rows that fit; the next one, counted in file order, is over.
    let mut left = MAX_CELLS / subjects;
    let mut at = vec![Field("dimensions")];
    for (i, d) in c.dimensions.iter().enumerate() {
        if left == 0 {
            at.push(Index(i));
            break;
        }
        left -= 1;
        if left < d.points.len() {
            at.extend([Index(i), Field("points"), Index(left)]);
            break;
        }
        left -= d.points.len();
    }
    check.report(Kind::TooManyCells, &at, |_| {
        format!(
            "too many cells: {} subjects × {} rows (points, and a summary row per dimension) \
             is {} cells, over the limit of {}",
            thousands(subjects),
            thousands(rows),
            thousands(cells),
            thousands(MAX_CELLS)
        )
    });
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
