//! Bounded work for any input (issue 7, cases 7–10): validation is linear,
//! error lists are capped, the documented limits are enforced before the
//! expensive work, and inline Markdown and the exporters are linear.
//!
//! Time is never checked against an absolute number (the machine is
//! shared and noisy): each timed step must finish within ten times what
//! `ron::from_str` takes on the same bytes, measured in the same test, or
//! within two seconds, whichever is more. Timed tests run one at a time.
//!
//! The `#[ignore]`d `bench_files` writes the pathological files at the size
//! limit for `scripts/bench-limits.sh` and times `ron::from_str` on them.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

#[path = "common/cli.rs"]
mod cli;
#[path = "common/generated.rs"]
mod generated;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use versus::model::{
    Comparison, Diagnostic, LoadError, MAX_CELLS, MAX_DIMENSIONS, MAX_FILE_BYTES,
    MAX_POINTS_PER_DIMENSION, MAX_PROBLEMS_PER_KIND, MAX_STRING_BYTES, MAX_SUBJECTS,
    RECURSION_LIMIT, Severity, for_each_span, parse,
};

// --- Generators (shared with `bench_files`) -------------------------------

/// `n` subjects `s0`, `s1`… as RON.
fn subjects(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let _ = write!(out, "(id: \"s{i}\", name: \"Subject {i}\"), ");
    }
    out
}

/// Case 7: one `sides` map of two real subjects and `keys` unknown keys.
fn one_big_map(keys: usize) -> String {
    let mut sides = String::from("\"s0\": \"x\", \"s1\": \"y\", ");
    for i in 0..keys {
        let _ = write!(sides, "\"k{i}\": \"\", ");
    }
    format!(
        "Comparison(title: \"Case 7\", subjects: [{}], dimensions: [(id: \"d\", title: \"D\", \
         points: [(aspect: \"p\", sides: {{{sides}}})])])\n",
        subjects(2)
    )
}

/// Case 8: `n_subjects` subjects and `keys` unknown side keys, 100 a point.
fn many_unknown_keys(n_subjects: usize, keys: usize) -> String {
    let mut points = String::new();
    for p in 0..keys.div_ceil(100) {
        points.push_str("(aspect: \"");
        let _ = write!(points, "p{p}\", sides: {{");
        for k in (p * 100)..((p + 1) * 100).min(keys) {
            let _ = write!(points, "\"u{k}\": \"\", ");
        }
        points.push_str("}), ");
    }
    format!(
        "Comparison(title: \"Case 8\", subjects: [{}], dimensions: [(id: \"d\", title: \"D\", \
         points: [{points}])])\n",
        subjects(n_subjects)
    )
}

/// Case 9: `n_subjects` subjects and `points` points with empty `sides`,
/// as many to a dimension as the limit allows.
fn empty_sides(n_subjects: usize, points: usize) -> String {
    let mut dimensions = String::new();
    let mut left = points;
    let mut d = 0;
    while left > 0 {
        let here = left.min(MAX_POINTS_PER_DIMENSION);
        let _ = write!(dimensions, "(id: \"d{d}\", title: \"D\", points: [");
        for p in 0..here {
            let _ = write!(dimensions, "(aspect: \"p{p}\", sides: {{}}), ");
        }
        dimensions.push_str("]), ");
        left -= here;
        d += 1;
    }
    format!(
        "Comparison(title: \"Case 9\", subjects: [{}], dimensions: [{dimensions}])\n",
        subjects(n_subjects)
    )
}

/// `*a*a*a…` of exactly `bytes` bytes.
fn stars(bytes: usize) -> String {
    "*a".repeat(bytes / 2 + 1)[..bytes].to_owned()
}

/// Case 10: `strings` strings of `*a*a*a…` of `bytes` bytes each, in every
/// place an export shows (intro, summaries, cells, common, conclusion).
fn star_strings(strings: usize, bytes: usize) -> String {
    let s = stars(bytes);
    let mut dimensions = String::new();
    let mut left = strings;
    let mut d = 0;
    while left > 0 {
        let _ = write!(
            dimensions,
            "(id: \"d{d}\", title: \"D{d}\", summary: {{\"s0\": \"{s}\"}}, points: [(aspect: \"p\", \
             sides: {{\"s0\": \"{s}\", \"s1\": \"{s}\"}})], common: [\"{s}\"]), "
        );
        left = left.saturating_sub(4);
        d += 1;
    }
    format!(
        "Comparison(title: \"Case 10\", intro: \"{s}\", conclusion: \"{s}\", subjects: [{}], \
         dimensions: [{dimensions}])\n",
        subjects(2)
    )
}

/// The benchmark comparison (benches/explorer.rs), as RON text.
fn generated_text(n: usize) -> String {
    ron::ser::to_string_pretty(&generated::generated(n), ron::ser::PrettyConfig::default()).unwrap()
}

// --- Helpers ---------------------------------------------------------------

/// Timed tests run one at a time, so they do not slow each other down.
static TIMED: Mutex<()> = Mutex::new(());

fn timed() -> MutexGuard<'static, ()> {
    TIMED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The fastest of three `ron::from_str` runs on `src` (into a generic
/// `ron::Value`, so the baseline does not depend on versus's types).
fn ron_time(src: &str) -> Duration {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let value = options.from_str::<ron::Value>(src);
            black_box(&value);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Like [`ron_time`], into `serde::de::IgnoredAny`: RON's syntax is read
/// and nothing is built, the least any parse of these bytes can cost.
fn ron_skim_time(src: &str) -> Duration {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let value = options.from_str::<serde::de::IgnoredAny>(src);
            black_box(&value);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Every string of the comparison, each once.
fn strings(c: &Comparison) -> Vec<&str> {
    let mut out = vec![c.title.as_str(), &c.intro, &c.conclusion];
    out.extend(c.sources.iter().map(String::as_str));
    for s in &c.subjects {
        out.extend([s.id.as_str(), &s.name, &s.short]);
    }
    for d in &c.dimensions {
        out.extend([d.id.as_str(), &d.title]);
        out.extend(d.summary.0.iter().flat_map(|(k, v)| [k.as_str(), v]));
        for p in &d.points {
            out.push(&p.aspect);
            out.extend(p.sides.0.iter().flat_map(|(k, v)| [k.as_str(), v]));
        }
        out.extend(d.common.iter().map(String::as_str));
    }
    out
}

/// The fastest of three runs of pulldown-cmark (the parser the exports
/// use, with the same options) over every string of the comparison.
fn markdown_time(c: &Comparison) -> Duration {
    let strings = strings(c);
    (0..3)
        .map(|_| {
            let start = Instant::now();
            for s in &strings {
                black_box(pulldown_cmark::Parser::new(s).count());
            }
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Asserts `elapsed` is within ten times `baseline`, or two seconds.
fn assert_fast(what: &str, elapsed: Duration, baseline: Duration) {
    let bound = (baseline * 10).max(Duration::from_secs(2));
    assert!(
        elapsed <= bound,
        "{what} took {elapsed:?}; ron::from_str on the same bytes took {baseline:?} \
         (bound: {bound:?})"
    );
}

/// Parses `src`, timing it against `ron::from_str`; returns the problems
/// (errors and warnings) whether or not it loaded.
fn timed_parse(what: &str, src: &str) -> Vec<Diagnostic> {
    let baseline = ron_time(src);
    let start = Instant::now();
    let result = parse(src.as_bytes(), Path::new("t.ron"));
    assert_fast(what, start.elapsed(), baseline);
    match result {
        Ok(loaded) => loaded.warnings,
        Err(LoadError::Invalid { problems, .. }) => problems,
        Err(e) => panic!("{e}"),
    }
}

/// The only error of a file that must fail (warnings left out).
fn only_error(src: &str) -> Diagnostic {
    match parse(src.as_bytes(), Path::new("t.ron")) {
        Err(LoadError::Invalid { mut problems, .. }) => {
            problems.retain(|d| d.severity == Severity::Error);
            assert_eq!(problems.len(), 1, "{problems:#?}");
            problems.remove(0)
        }
        Ok(_) => panic!("expected an error"),
        Err(e) => panic!("{e}"),
    }
}

/// Runs `versus validate` on `src` (written to a file); returns its
/// standard output, timed against `ron::from_str` on the same bytes.
fn timed_validate(what: &str, src: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("content.ron");
    std::fs::write(&file, src).unwrap();
    let baseline = ron_time(src);
    let start = Instant::now();
    let run = cli::versus(&[Path::new("validate"), &file], None);
    assert_fast(what, start.elapsed(), baseline);
    assert!(run.stderr.len() < 10_000, "{}", run.stderr);
    (run.success(), run.stdout)
}

/// The most lines `versus validate` may print for one file: a few kinds of
/// problem, each capped, and their counts.
const MAX_LINES: usize = 100;

fn count(problems: &[Diagnostic], severity: Severity) -> usize {
    problems.iter().filter(|d| d.severity == severity).count()
}

// --- Case 7: one map of 100,000 keys ---------------------------------------

#[test]
fn case_7_a_map_of_100_000_keys_validates_in_linear_time() {
    let _one_at_a_time = timed();
    let src = one_big_map(100_000);
    let problems = timed_parse("parse (100,000 keys)", &src);
    // Every unknown key is an error, but only the first few are listed.
    assert_eq!(count(&problems, Severity::Error), MAX_PROBLEMS_PER_KIND + 1);
    let last = problems.last().unwrap();
    assert!(
        last.message
            .starts_with("and 99,980 more side keys that are not subject ids"),
        "{}",
        last.message
    );
    assert_eq!(last.severity, Severity::Error);
}

#[test]
fn case_7_a_key_given_twice_late_in_a_big_map_is_found_quickly() {
    let _one_at_a_time = timed();
    let src = one_big_map(100_000).replace("\"k99999\"", "\"k5\"");
    let problems = timed_parse("parse (a key twice in 100,000)", &src);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let e = &problems[0];
    assert!(e.message.contains("\"k5\" is given twice"), "{}", e.message);
    assert_eq!(e.position.line, 1);
}

#[test]
fn case_7_the_binary_validates_it_in_linear_time_with_a_short_report() {
    let _one_at_a_time = timed();
    let (valid, out) = timed_validate("versus validate (100,000 keys)", &one_big_map(100_000));
    assert!(!valid, "an invalid file stays invalid");
    assert!(out.lines().count() <= MAX_LINES, "{out}");
    assert!(out.contains("and 99,980 more"), "{out}");
}

// --- Case 8: many subjects, many unknown keys ------------------------------

#[test]
fn case_8_an_error_lists_a_few_subject_ids_not_all() {
    let src = many_unknown_keys(MAX_SUBJECTS, 1);
    let e = only_error(&src);
    assert!(
        e.message
            .ends_with("expected one of \"s0\", \"s1\", \"s2\", \"s3\", \"s4\", … and 995 more"),
        "{}",
        e.message
    );
}

#[test]
fn case_8_the_binary_reports_20_000_unknown_keys_in_a_few_lines() {
    let _one_at_a_time = timed();
    let (valid, out) = timed_validate(
        "versus validate (1,000 subjects, 20,000 unknown keys)",
        &many_unknown_keys(MAX_SUBJECTS, 20_000),
    );
    assert!(!valid);
    // Before: 20,000 lines each naming all the subjects.
    assert!(out.len() < 20_000, "{} bytes", out.len());
    assert!(out.lines().count() <= MAX_LINES, "{out}");
    assert!(
        out.contains("and 19,980 more side keys that are not subject ids"),
        "{out}"
    );
}

#[test]
fn case_8_20_000_subjects_are_refused_with_the_limit_named() {
    let _one_at_a_time = timed();
    // Before: 7.4 GB and an abort.
    let (valid, out) = timed_validate(
        "versus validate (20,000 subjects, 20,000 unknown keys)",
        &many_unknown_keys(20_000, 20_000),
    );
    assert!(!valid);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("too many subjects: 20,000, over the limit of 1,000"),
        "{out}"
    );
}

// --- Case 9: subjects × points of missing sides -----------------------------

#[test]
fn case_9_a_million_missing_sides_are_counted_not_listed() {
    let _one_at_a_time = timed();
    // 1,000 subjects × 1,000 points: before, 1,000,001 lines in 3.4 s.
    let (valid, out) = timed_validate(
        "versus validate (1,000 × 1,000 missing sides)",
        &empty_sides(1_000, 1_000),
    );
    assert!(valid, "missing sides are warnings: {out}");
    assert!(out.lines().count() <= MAX_LINES, "{out}");
    assert!(out.contains("and 999,980 more missing sides"), "{out}");
}

#[test]
fn case_9_work_does_not_grow_with_subjects_times_points() {
    let _one_at_a_time = timed();
    // 1,000 subjects × 1,998 points (and a summary row): just under the
    // cell limit, two million missing sides and summaries. Before, 5,000 ×
    // 5,000 was killed after 30 s.
    let rows = MAX_CELLS / MAX_SUBJECTS;
    let problems = timed_parse(
        "parse (1,000 × 1,998 missing sides)",
        &empty_sides(MAX_SUBJECTS, rows - 1),
    );
    assert_eq!(count(&problems, Severity::Error), 0);
    assert_eq!(problems.len(), MAX_PROBLEMS_PER_KIND + 1);
    let last = problems.last().unwrap();
    assert!(
        last.message.starts_with("and 1,998,980 more missing sides"),
        "{}",
        last.message
    );
    // 1,000 subjects × 50,000 points (50 million missing sides, a file of
    // about 2 MB) is over the cell limit: one error, as fast.
    let problems = timed_parse(
        "parse (1,000 × 50,000 missing sides)",
        &empty_sides(MAX_SUBJECTS, 50_000),
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .starts_with("too many cells: 1,000 subjects × 50,005 rows"),
        "{}",
        problems[0].message
    );
}

#[test]
fn the_warning_count_includes_the_warnings_not_listed() {
    let loaded = parse(empty_sides(3, 100).as_bytes(), Path::new("t.ron")).unwrap();
    assert_eq!(loaded.warning_count, 300);
    assert_eq!(loaded.warnings.len(), MAX_PROBLEMS_PER_KIND + 1);
    assert!(
        loaded.warnings[MAX_PROBLEMS_PER_KIND]
            .message
            .starts_with("and 280 more missing sides"),
        "{:?}",
        loaded.warnings
    );
}

// --- Case 10: `*a*a*a…` ------------------------------------------------------

#[test]
fn case_10_a_50_mb_field_is_refused_before_parsing() {
    let _one_at_a_time = timed();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.ron");
    let src = format!(
        "Comparison(title: \"T\", intro: \"{}\", subjects: [], dimensions: [])",
        stars(50_000_000)
    );
    std::fs::write(&file, &src).unwrap();
    let start = Instant::now();
    let e = Comparison::load(&file).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    let text = e.to_string();
    assert!(
        text.contains("the file is 50,000,0")
            && text.contains("over the limit of 16,777,216 bytes"),
        "{text}"
    );
    // `parse` on the bytes refuses it too, before reading them.
    let start = Instant::now();
    let e = parse(src.as_bytes(), Path::new("huge.ron")).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        e.to_string(),
        text.replace(&file.display().to_string(), "huge.ron")
    );
}

#[test]
fn case_10_a_file_of_strings_at_the_limit_exports_in_linear_time_and_memory() {
    let _one_at_a_time = timed();
    // 62 strings of `*a*a*a…` of 256 KiB: just under the file size limit.
    // Before, each one-character span was a heap string (×95 the input in
    // memory for the HTML export) and the exports took over 20 times what
    // ron::from_str does.
    let src = star_strings(60, MAX_STRING_BYTES);
    assert!(src.len() <= MAX_FILE_BYTES);
    // ron::from_str reads a long string at the speed of a copy (16 MiB in
    // a few milliseconds): no Markdown parser comes within ten times that.
    // So the exports are held to ten times what pulldown-cmark alone takes
    // on the same strings (which is far more than ron::from_str here).
    let c = parse(src.as_bytes(), Path::new("t.ron"))
        .unwrap()
        .comparison;
    let baseline = ron_time(&src).max(markdown_time(&c));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stars.ron");
    std::fs::write(&file, &src).unwrap();
    let time = Path::new("/usr/bin/time");
    let base_rss = time
        .exists()
        .then(|| max_rss_kib(&["validate", "data/project-vs-technology-management.ron"]));
    for format in ["markdown", "html", "marp"] {
        let out = dir.path().join(format!("out.{format}"));
        let args = [
            "export",
            file.to_str().unwrap(),
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ];
        let start = Instant::now();
        let rss = if base_rss.is_some() {
            max_rss_kib(&args)
        } else {
            eprintln!("no /usr/bin/time: memory not checked");
            let run = cli::versus(&args, None);
            assert!(run.success(), "{}", run.stderr);
            0
        };
        let elapsed = start.elapsed();
        eprintln!("{format}: {elapsed:?} (baseline {baseline:?}), peak {rss} KiB");
        assert_fast(
            &format!("versus export --format {format}"),
            elapsed,
            baseline,
        );
        // `*a*` becomes `<em>a</em>` at most: output linear in the input.
        let written = std::fs::metadata(&out).unwrap().len();
        assert!(written < 4 * src.len() as u64, "{format}: {written} bytes");
        if let Some(base) = base_rss {
            let grown = rss.saturating_sub(base) * 1024;
            assert!(
                grown <= 20 * src.len() as u64,
                "{format}: peak memory {rss} KiB, {base} KiB for a tiny file:                  {grown} bytes more for a file of {} bytes",
                src.len()
            );
        }
    }
}

/// Runs the binary with `args` under `/usr/bin/time`; returns its peak
/// memory (maximum resident set size) in KiB. It must succeed.
fn max_rss_kib(args: &[&str]) -> u64 {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_versus"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr.lines().last().unwrap().trim().parse().unwrap()
}

#[test]
fn inline_markdown_is_linear_on_pathological_input() {
    let _one_at_a_time = timed();
    // The CommonMark reference's pathological inputs (its
    // test/pathological_tests.py), each as long as a string may be.
    let n = MAX_STRING_BYTES;
    let fill = |unit: &str| unit.repeat(n / unit.len());
    let nested = |open: &str, close: &str| {
        let half = n / (open.len() + close.len()) / 2;
        format!("{}a{}", open.repeat(half), close.repeat(half))
    };
    let cases = [
        ("emphasis", fill("*a")),
        ("nested strong emphasis", nested("*a **a ", " a** a*")),
        ("emphasis closers without openers", fill("a_ ")),
        ("emphasis openers without closers", fill("_a ")),
        ("link closers without openers", fill("a]")),
        ("link openers without closers", fill("[a")),
        ("mismatched openers and closers", fill("*a_ ")),
        ("openers and closers multiple of 3", fill("a**b c* ")),
        ("link openers and emphasis closers", fill("[ a_")),
        ("pattern [ (](", fill("[ (](")),
        ("nested brackets", nested("[", "]")),
        ("nested block quotes", fill("> ")),
        ("backticks", {
            let mut s = String::new();
            let mut i = 1;
            while s.len() < n {
                s.push('e');
                s.push_str(&"`".repeat(i));
                i += 1;
            }
            s
        }),
        ("unclosed links A", fill("[a](<b")),
        ("unclosed links B", fill("[a](b")),
        ("unclosed <!--", format!("</{}", fill("<!--"))),
        ("many references", fill("[x]: /url\n")),
        ("many entities", fill("&amp;&#60;&")),
        ("many autolinks", fill("<http://a")),
        ("many code spans", fill("`a` ")),
    ];
    for (name, text) in cases {
        // Written as a RON string, the same bytes give the baseline.
        let ron_string = format!("{text:?}");
        let baseline = ron_time(&ron_string);
        let start = Instant::now();
        let mut spans = 0usize;
        let mut chars = 0usize;
        for_each_span(&text, |span| {
            spans += 1;
            chars += span.text.len();
        });
        assert_fast(name, start.elapsed(), baseline);
        assert!(chars <= 2 * text.len(), "{name}: {chars} bytes of spans");
        black_box(spans);
    }
}

// --- The documented limits ----------------------------------------------------

#[test]
fn a_file_over_the_size_limit_is_refused_by_load_and_parse() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    // Valid RON padded with white space to one byte over the limit.
    let mut src = generated_text(2);
    src.push_str(&" ".repeat(MAX_FILE_BYTES + 1 - src.len()));
    std::fs::write(&file, &src).unwrap();
    let e = Comparison::load(&file).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}:1:1: error: the file is 16,777,217 bytes, over the limit of 16,777,216 bytes \
             (16 MiB) for a content file; split it into several comparisons",
            file.display()
        )
    );
    assert!(parse(src.as_bytes(), Path::new("t.ron")).is_err());
    // One byte less loads.
    src.pop();
    assert!(parse(src.as_bytes(), Path::new("t.ron")).is_ok());
}

#[test]
fn more_subjects_than_the_limit_is_an_error_at_the_first_one_over() {
    let src = format!(
        "Comparison(title: \"T\", subjects: [\n{}], dimensions: [(id: \"d\", title: \"D\")])",
        subjects(MAX_SUBJECTS + 1).replace("), ", "),\n")
    );
    let e = only_error(&src);
    assert_eq!(
        e.message,
        "too many subjects: 1,001, over the limit of 1,000"
    );
    assert_eq!((e.position.line, e.position.col), (MAX_SUBJECTS + 2, 1));
    let ok = src.replace("(id: \"s1000\", name: \"Subject 1000\"),\n", "");
    assert!(parse(ok.as_bytes(), Path::new("t.ron")).is_ok());
}

#[test]
fn more_dimensions_than_the_limit_is_an_error() {
    let mut dimensions = String::new();
    for i in 0..=MAX_DIMENSIONS {
        let _ = write!(dimensions, "(id: \"d{i}\", title: \"\"),");
    }
    let src = format!(
        "Comparison(title: \"T\", subjects: [{}], dimensions: [{dimensions}])",
        subjects(2)
    );
    let e = only_error(&src);
    assert_eq!(
        e.message,
        "too many dimensions: 100,001, over the limit of 100,000"
    );
}

#[test]
fn more_points_than_the_limit_in_a_dimension_is_an_error() {
    let mut src = empty_sides(2, MAX_POINTS_PER_DIMENSION);
    src = src.replace(
        "(aspect: \"p0\", sides: {}), ",
        "(aspect: \"p0\", sides: {}), (aspect: \"extra\", sides: {}), ",
    );
    let e = only_error(&src);
    assert_eq!(
        e.message,
        "dimension \"d0\": too many points: 10,001, over the limit of 10,000 per dimension"
    );
}

#[test]
fn a_string_over_the_limit_is_an_error_naming_it() {
    let long = "x".repeat(MAX_STRING_BYTES + 1);
    let src = format!(
        "Comparison(\n  title: \"T\",\n  subjects: [{}],\n  dimensions: [(id: \"d\", title: \"D\",\n    \
         points: [(aspect: \"p\", sides: {{\"s0\": \"\", \"s1\": \"{long}\"}})])],\n)",
        subjects(2)
    );
    let e = only_error(&src);
    assert_eq!(
        e.message,
        "a map's text is 262,145 bytes long, over the limit of 262,144 bytes (256 KiB) for one string"
    );
    assert_eq!((e.position.line, e.position.col), (5, 46));
    let at_limit = src.replace(&long, &long[1..]);
    assert!(parse(at_limit.as_bytes(), Path::new("t.ron")).is_ok());
}

#[test]
fn the_10_000_dimension_benchmark_file_still_loads() {
    let src = generated_text(10_000);
    assert!(
        src.len() > 12_000_000 && src.len() < MAX_FILE_BYTES,
        "{}",
        src.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("generated.ron");
    std::fs::write(&file, &src).unwrap();
    let loaded = Comparison::load(&file).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.comparison.dimensions.len(), 10_000);
}

// --- For scripts/bench-limits.sh ----------------------------------------------

/// Writes the pathological files at the size limit into `$VERSUS_BENCH_DIR`
/// and prints, per file, tab-separated: its name and size, then the
/// fastest of three runs (in seconds) of `ron::from_str` on its bytes into
/// a `ron::Value`, of the same into `IgnoredAny`, and of pulldown-cmark
/// over every string (0 for a file that does not load).
#[test]
#[ignore = "writes ~100 MB of files; run by scripts/bench-limits.sh"]
fn bench_files() {
    let dir = std::env::var("VERSUS_BENCH_DIR").expect("set VERSUS_BENCH_DIR");
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    // Each case grown until it is just under the size limit.
    let fit = |make: &dyn Fn(usize) -> String, unit: usize| {
        let mut n = unit;
        while make(n * 2).len() <= MAX_FILE_BYTES {
            n *= 2;
        }
        let mut step = n / 2;
        while step >= unit {
            if make(n + step).len() <= MAX_FILE_BYTES {
                n += step;
            }
            step /= 2;
        }
        make(n)
    };
    let files = [
        ("case7-one-map.ron", fit(&one_big_map, 1_000)),
        (
            "case8-unknown-keys.ron",
            fit(&|n| many_unknown_keys(MAX_SUBJECTS, n), 1_000),
        ),
        (
            "case9-missing-sides.ron",
            fit(&|n| empty_sides(MAX_SUBJECTS, n), 1_000),
        ),
        (
            "case10-stars.ron",
            fit(&|n| star_strings(n, MAX_STRING_BYTES), 1),
        ),
        ("generated-10k.ron", generated_text(10_000)),
    ];
    for (name, src) in files {
        assert!(src.len() <= MAX_FILE_BYTES, "{name}");
        std::fs::write(dir.join(name), &src).unwrap();
        // pulldown-cmark over every string, for files that load.
        let markdown = parse(src.as_bytes(), Path::new(name))
            .map_or(Duration::ZERO, |loaded| markdown_time(&loaded.comparison));
        println!(
            "{name}\t{}\t{:.4}\t{:.4}\t{:.4}",
            src.len(),
            ron_time(&src).as_secs_f64(),
            ron_skim_time(&src).as_secs_f64(),
            markdown.as_secs_f64()
        );
    }
}
