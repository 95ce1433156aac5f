//! The real `versus` binary on the command line: exit statuses, the
//! `FILE:LINE:COL: severity: message` report, and hostile input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly"
)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::cli::Run;
use common::write_file;

/// `versus ARGS…` from the crate's folder (so `data/…` paths work).
fn versus(args: &[&std::ffi::OsStr]) -> Run {
    common::cli::versus(args, None)
}

/// `versus` with string arguments.
fn versus_str(args: &[&str]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    versus(&args)
}

/// `versus validate FILES…`.
fn validate(files: &[&Path]) -> Run {
    let mut args = vec![std::ffi::OsStr::new("validate")];
    args.extend(files.iter().map(|f| f.as_os_str()));
    versus(&args)
}

/// The 1-based line and column (in characters) where `needle` first
/// starts in `text`, worked out here rather than by the app.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The line, column and message of an `error:` line about `path`, if
/// `line` is one.
fn parse_error_line<'l>(line: &'l str, path: &Path) -> Option<(usize, usize, &'l str)> {
    let rest = line.strip_prefix(&format!("{}:", path.display()))?;
    let (l, rest) = rest.split_once(':')?;
    let (c, rest) = rest.split_once(':')?;
    let message = rest.strip_prefix(" error: ")?;
    Some((l.parse().ok()?, c.parse().ok()?, message))
}

const TYPO: &str = "Comparison(\n    titel: \"Oops\",\n)\n";

/// Valid, except that a point has no side for subject "b": a warning.
const ONE_WARNING: &str = r#"Comparison(
    title: "Teams",
    subjects: [
        Subject(id: "a", name: "Alpha"),
        Subject(id: "b", name: "Beta"),
    ],
    dimensions: [
        Dimension(id: "size", title: "Size", points: [
            Point(aspect: "People", sides: { "a": "five" }),
        ]),
    ],
)
"#;

const BUILT_IN: &str = "data/project-vs-technology-management.ron";

#[test]
fn help_lists_the_validate_command() {
    let run = versus_str(&["--help"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("validate"), "{}", run.stdout);
}

#[test]
fn validate_help_gives_the_line_format_and_exit_statuses() {
    let run = versus_str(&["validate", "--help"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("FILE:LINE:COL"), "{}", run.stdout);
    assert!(run.stdout.contains("2 usage error"), "{}", run.stdout);
}

#[test]
fn version_prints_the_package_version() {
    let run = versus_str(&["--version"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("versus {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_shipped_comparison_is_valid() {
    let run = versus_str(&["validate", BUILT_IN]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.lines(),
        [format!("{BUILT_IN}: ok (2 subjects, 10 dimensions)")]
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let run = versus_str(&["validate"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("Usage"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    for args in [&["validate", "--strict", BUILT_IN][..], &["--frobnicate"]] {
        let run = versus_str(args);
        run.assert_no_panic();
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("unexpected argument"), "{}", run.stderr);
    }
}

#[test]
fn a_misspelt_field_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "typo.ron", TYPO);
    let (line, col) = position_of(TYPO, "titel");
    assert_eq!((line, col), (2, 5));

    let run = validate(&[&path]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let prefix = format!("{}:{line}:{col}: error: ", path.display());
    assert!(lines[0].starts_with(&prefix), "{}", run.stdout);
    assert!(lines[0].contains("titel"), "{}", run.stdout);
    assert!(lines[0].contains("title"), "names what was expected");
}

#[test]
fn a_warning_alone_still_validates() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "warn.ron", ONE_WARNING);
    let (line, col) = position_of(ONE_WARNING, "Point(");

    let run = validate(&[&path]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let warning = format!("{}:{line}:{col}: warning: ", path.display());
    assert!(lines[0].starts_with(&warning), "{}", run.stdout);
    assert!(
        lines[0].contains("\"b\""),
        "names the subject: {}",
        lines[0]
    );
    let ok = format!("{}: ok (2 subjects, 1 dimension", path.display());
    assert!(lines[1].starts_with(&ok), "{}", run.stdout);
    assert!(lines[1].ends_with(", 1 warning)"), "{}", run.stdout);
}

#[test]
fn several_files_are_reported_in_order_and_one_error_fails_all() {
    let dir = tempfile::tempdir().unwrap();
    let typo = write_file(dir.path(), "typo.ron", TYPO);
    let warn = write_file(dir.path(), "warn.ron", ONE_WARNING);
    let built_in = Path::new(BUILT_IN);

    let run = validate(&[built_in, &typo, &warn]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let lines = run.lines();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert_eq!(
        lines[0],
        format!("{BUILT_IN}: ok (2 subjects, 10 dimensions)")
    );
    assert!(
        lines[1].starts_with(&format!("{}:2:5: error: ", typo.display())),
        "{}",
        run.stdout
    );
    // Checking goes on after an invalid file.
    assert!(
        lines[2].starts_with(&format!("{}:", warn.display())) && lines[2].contains(": warning: "),
        "{}",
        run.stdout
    );
    assert!(
        lines[3].starts_with(&format!("{}: ok", warn.display())),
        "{}",
        run.stdout
    );
}

#[test]
fn the_same_file_twice_is_reported_twice() {
    let run = versus_str(&["validate", BUILT_IN, BUILT_IN]);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.lines().len(), 2, "{}", run.stdout);
}

#[test]
fn a_missing_file_is_named_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file.ron");

    let run = validate(&[&missing, Path::new(BUILT_IN)]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(&format!("{}: cannot read the file", missing.display())),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines[1],
        format!("{BUILT_IN}: ok (2 subjects, 10 dimensions)")
    );
}

#[test]
fn a_directory_is_named_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let run = validate(&[dir.path()]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with(&format!("{}: cannot read the file", dir.path().display())),
        "{}",
        run.stdout
    );
}

/// Random-looking bytes that are never UTF-8 (a fixed generator, so the
/// test is reproducible).
fn binary_bytes() -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    let mut bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    // Make sure there is an invalid sequence even if the generator is kind.
    bytes[100] = 0xff;
    bytes
}

#[test]
fn garbage_is_one_positioned_error_quickly_and_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.ron", Vec::new()),
        ("blank.ron", b"  \n\n\t// only a comment\n".to_vec()),
        ("binary.ron", binary_bytes()),
        (
            "latin1.ron",
            b"Comparison(\n    title: \"Caf\xe9\",\n)\n".to_vec(),
        ),
        ("brackets.ron", "[".repeat(100_000).into_bytes()),
        (
            "deep-title.ron",
            format!("Comparison(title: {}", "[".repeat(100_000)).into_bytes(),
        ),
        ("parens.ron", "(".repeat(100_000).into_bytes()),
        ("cut-short.ron", b"Comparison(title: \"x\"".to_vec()),
        ("not-ron.ron", b"{\"title\": \"JSON, not RON\"}".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = write_file(dir.path(), name, bytes);
        let run = validate(&[&path]);
        run.assert_no_panic();
        assert_eq!(run.code, Some(1), "{name}: {}", run.stdout);
        let lines = run.lines();
        assert_eq!(lines.len(), 1, "{name}: {}", run.stdout);
        let (line, col, message) = parse_error_line(lines[0], &path)
            .unwrap_or_else(|| panic!("{name}: not a FILE:LINE:COL: error: line: {}", lines[0]));
        assert!(line >= 1 && col >= 1, "{name}: {}", lines[0]);
        assert!(!message.trim().is_empty(), "{name}: empty message");
        assert!(
            run.elapsed < Duration::from_secs(5),
            "{name}: took {:?}",
            run.elapsed
        );
    }
}

#[test]
fn invalid_utf8_is_placed_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "latin1.ron",
        b"Comparison(\n    title: \"Caf\xe9\",\n)\n",
    );
    let run = validate(&[&path]);
    assert_eq!(run.code, Some(1));
    let (line, col, message) = parse_error_line(run.stdout.trim_end(), &path).unwrap();
    // `    title: "Caf` is 15 characters; the bad byte is the 16th.
    assert_eq!((line, col), (2, 16), "{}", run.stdout);
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn an_empty_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "empty.ron", "");
    let run = validate(&[&path]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout
            .starts_with(&format!("{}:1:1: error: the file is empty", path.display())),
        "{}",
        run.stdout
    );
}

/// Valid, with points over several lines: the base for the four mistakes
/// of issue 19 below.
const POINTS: &str = r#"Comparison(
    title: "Databases",
    intro: "Which one for a small team?",
    subjects: [
        Subject(id: "pg", name: "PostgreSQL"),
        Subject(id: "mongo", name: "MongoDB"),
    ],
    dimensions: [
        Dimension(
            id: "model",
            title: "Data model",
            points: [
                Point(
                    aspect: "Schema",
                    sides: { "pg": "Declared", "mongo": "Flexible" },
                ),
                Point(
                    aspect: "Joins",
                    sides: { "pg": "Native", "mongo": "Lookup" },
                ),
            ],
        ),
    ],
)
"#;

#[test]
fn four_common_mistakes_are_placed_where_they_are_fixed() {
    let flexible = r#""Flexible" },"#;
    let stray = POINTS.replacen(flexible, r#""Flexible" })"#, 1);
    let missing = POINTS.replacen(
        &format!("{flexible}\n                ),\n"),
        &format!("{flexible}\n"),
        1,
    );
    let quote = POINTS.replace(
        r#""Which one for a small team?""#,
        r#""Which is the "best" tool for a small team?""#,
    );
    let number = POINTS.replace(r#"title: "Data model","#, "title: 42,");
    // Where a person puts the fix, worked out from the text: at the `42`,
    // on the extra `)`, just after the `}` that ends the unclosed point,
    // and at the quote before `best`.
    let after = |text: &str, needle: &str| {
        let (line, col) = position_of(text, needle);
        (line, col + needle.chars().count())
    };
    let cases = [
        (
            "number.ron",
            &number,
            position_of(&number, "42,"),
            "`title`",
        ),
        (
            "stray.ron",
            &stray,
            after(&stray, r#""Flexible" }"#),
            "unmatched `)`",
        ),
        (
            "missing.ron",
            &missing,
            after(&missing, r#""Flexible" }"#),
            "`)` is missing to close the `Point(` opened at 13:17",
        ),
        (
            "quote.ron",
            &quote,
            position_of(&quote, "\"best\""),
            r#"escape it as `\"`"#,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = cases
        .iter()
        .map(|(name, text, _, _)| write_file(dir.path(), name, text.as_bytes()))
        .collect();
    let run = validate(
        &paths
            .iter()
            .map(std::path::PathBuf::as_path)
            .collect::<Vec<_>>(),
    );
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let lines = run.lines();
    assert_eq!(lines.len(), cases.len(), "{}", run.stdout);
    for ((path, (_, _, at, says)), line) in paths.iter().zip(&cases).zip(&lines) {
        let (l, c, message) = parse_error_line(line, path).unwrap();
        assert_eq!((l, c), *at, "{line}");
        assert!(message.contains(says), "{line}");
        assert!(!message.contains("comma"), "{line}");
    }
}
