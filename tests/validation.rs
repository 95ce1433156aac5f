//! Every validation rule of the content format, with its line and column.

use std::path::Path;

use versus::model::{Comparison, Diagnostic, LoadError, Severity, parse};

/// A valid file to start from; tests change one thing in it.
const VALID: &str = r#"Comparison(
    title: "Teams",
    subjects: [
        Subject(id: "a", name: "Alpha"),
        Subject(id: "b", name: "Beta", short: "B"),
    ],
    dimensions: [
        Dimension(
            id: "size",
            title: "Size",
            summary: { "a": "Small.", "b": "Large." },
            points: [
                Point(aspect: "People", sides: { "a": "5", "b": "50" }),
            ],
            common: ["Both exist."],
        ),
        Dimension(id: "cost", title: "Cost"),
    ],
)
"#;

fn errors(src: &str) -> Vec<Diagnostic> {
    match parse(src.as_bytes(), Path::new("t.ron")) {
        Ok(l) => panic!("expected an error, got {} warnings", l.warnings.len()),
        Err(LoadError::Invalid { problems, .. }) => problems
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
        Err(e) => panic!("unexpected error {e}"),
    }
}

/// The single error's (line, col) and message.
fn error(src: &str) -> (usize, usize, String) {
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:?}");
    let e = &errs[0];
    (e.position.line, e.position.col, e.message.clone())
}

#[test]
fn the_valid_file_loads_without_warnings() {
    let loaded = parse(VALID.as_bytes(), Path::new("t.ron")).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.comparison.dimensions.len(), 2);
    assert_eq!(loaded.comparison.subjects[1].label(), "B");
}

#[test]
fn the_built_in_comparison_is_valid_and_complete() {
    let loaded = versus::model::parse(
        versus::model::BUILT_IN_RON.as_bytes(),
        Path::new("built-in"),
    )
    .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = Comparison::built_in();
    assert_eq!(c.dimensions.len(), 10);
    assert!(!c.intro.is_empty() && !c.conclusion.is_empty());
    for d in &c.dimensions {
        assert!(!d.summary.is_empty(), "{} has no summary", d.id);
        assert!(d.points.len() >= 3, "{} has few points", d.id);
    }
}

#[test]
fn syntax_error_names_line_and_column() {
    // A missing comma is placed just after the value it should follow
    // (the end of line 10), not at the next field where RON notices it.
    let src = VALID.replace(r#"title: "Size","#, r#"title: "Size""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (10, 26), "{msg}");
    assert!(msg.to_lowercase().contains("comma"), "{msg}");
}

#[test]
fn a_missing_comma_is_placed_after_the_previous_value_and_says_what_to_add() {
    let cases = [
        // Between two fields of a struct.
        (r#"title: "Size","#, r#"title: "Size""#, (10, 26), ')'),
        // Between two elements of a list.
        (
            r#"Subject(id: "a", name: "Alpha"),"#,
            r#"Subject(id: "a", name: "Alpha")"#,
            (4, 40),
            ']',
        ),
        // Between two entries of a map.
        (r#""a": "Small.","#, r#""a": "Small.""#, (11, 37), '}'),
    ];
    for (from, to, at, close) in cases {
        let src = VALID.replace(from, to);
        let (line, col, msg) = error(&src);
        assert_eq!((line, col), at, "{to}: {msg}");
        assert!(
            msg.contains("expected a comma after this value")
                && msg.contains(&format!("closing `{close}`"))
                && msg.contains("add a `,`"),
            "{to}: {msg}"
        );
    }
}

#[test]
fn an_unclosed_string_is_placed_at_its_opening_quote() {
    // The string swallows the next line up to the next quote; RON then
    // complains about a comma two lines later.
    let src = VALID.replace(r#"title: "Size","#, r#"title: "Size,"#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (10, 20), "{msg}");
    assert!(msg.contains("this string is not closed"), "{msg}");
    assert!(msg.contains("add a `\"` after \"Size\""), "{msg}");

    // Before a closing bracket: the quote goes before the `),`.
    let src = VALID.replace(r#"name: "Alpha"),"#, r#"name: "Alpha),"#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (4, 32), "{msg}");
    assert!(msg.contains("after \"Alpha\" (before the `),`"), "{msg}");

    // Before a map key on the next line.
    let src = VALID.replace(
        r#""a": "Small.", "b""#,
        "\"a\": \"Small.,\n                \"b\"",
    );
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (11, 29), "{msg}");
    assert!(msg.contains("not closed"), "{msg}");

    // Running to the end of the file.
    let (line, col, msg) = error("Comparison(\n    title: \"Teams\",\n    intro: \"abc\n");
    assert_eq!((line, col), (3, 12), "{msg}");
    assert!(msg.contains("at the end of \"abc\" on line 3"), "{msg}");
}

#[test]
fn a_string_over_two_lines_is_not_mistaken_for_an_unclosed_one() {
    // A legitimate two-line paragraph, then a missing comma.
    let src = VALID.replace(
        r#"common: ["Both exist."],"#,
        "common: [\"Both\nexist.\" \"Really.\"],",
    );
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (16, 8), "{msg}");
    assert!(msg.contains("expected a comma"), "{msg}");
}

#[test]
fn a_missing_field_is_placed_at_the_struct_that_lacks_it() {
    let cases = [
        (
            r#"    title: "Teams","#,
            "",
            (1, 1),
            "the comparison has no `title`",
        ),
        (
            r#"Subject(id: "a", name: "Alpha")"#,
            r#"Subject(name: "Alpha")"#,
            (4, 9),
            "this subject has no `id`: add `id: \"…\",`",
        ),
        (
            r#"Dimension(id: "cost", title: "Cost")"#,
            r#"Dimension(id: "cost")"#,
            (17, 9),
            "this dimension has no `title`: add `title: \"…\",`",
        ),
        (
            r#"Point(aspect: "People", "#,
            "Point(",
            (13, 17),
            "this point has no `aspect`: add `aspect: \"…\",`",
        ),
        // Without a struct name: at its `(`.
        (
            r#"Point(aspect: "People", sides: { "a": "5", "b": "50" })"#,
            r#"(aspect: "People")"#,
            (13, 17),
            "this point has no `sides`: add `sides: {",
        ),
    ];
    for (from, to, at, says) in cases {
        let src = VALID.replacen(from, to, 1);
        let (line, col, msg) = error(&src);
        assert_eq!((line, col), at, "{to}: {msg}");
        assert!(msg.contains(says), "{to}: {msg}");
    }
}

#[test]
fn a_key_given_twice_is_placed_at_the_second_and_names_the_first() {
    let src = VALID.replace(r#""b": "50""#, r#""a": "50""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (13, 60), "{msg}");
    assert!(
        msg.contains("\"a\" is given twice in this map; the first is at 13:50"),
        "{msg}"
    );
}

/// Every problem, errors and warnings.
fn problems(src: &str) -> Vec<Diagnostic> {
    match parse(src.as_bytes(), Path::new("t.ron")) {
        Ok(l) => l.warnings,
        Err(LoadError::Invalid { problems, .. }) => problems,
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn a_misspelt_key_is_one_problem_that_names_the_likely_subject() {
    for (from, to, at) in [
        (r#""b": "50""#, r#""bb": "50""#, (13, 60)),
        (r#""b": "Large.""#, r#""B": "Large.""#, (11, 39)),
    ] {
        let all = problems(&VALID.replace(from, to));
        assert_eq!(all.len(), 1, "{to}: {all:#?}");
        let e = &all[0];
        assert_eq!(e.severity, Severity::Error);
        assert_eq!((e.position.line, e.position.col), at, "{}", e.message);
        assert!(
            e.message.contains("is not a declared subject id")
                && e.message.contains("did you mean \"b\"?"),
            "{}",
            e.message
        );
    }
}

#[test]
fn an_extra_key_beside_every_subject_suggests_nothing() {
    let src = VALID.replace(r#""b": "50""#, r#""b": "50", "c": "7""#);
    let all = problems(&src);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        !all[0].message.contains("did you mean"),
        "{}",
        all[0].message
    );
    assert!(
        all[0].message.contains("expected one of"),
        "{}",
        all[0].message
    );
}

#[test]
fn a_close_spelling_is_preferred_among_several_missing_subjects() {
    let src = VALID
        .replace(
            r#"Subject(id: "b", name: "Beta", short: "B"),"#,
            "Subject(id: \"b\", name: \"Beta\", short: \"B\"),\n        Subject(id: \"gamma\", name: \"Gamma\"),",
        )
        .replace(r#""a": "5", "b": "50""#, r#""a": "5", "gama": "50""#);
    let all = problems(&src);
    let messages: Vec<&str> = all.iter().map(|d| d.message.as_str()).collect();
    // The misspelt "gamma" is suggested; "b" still has no side.
    assert_eq!(all.len(), 3, "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("\"gama\"") && m.contains("did you mean \"gamma\"?")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("no side for subject \"b\"")),
        "{messages:#?}"
    );
}

#[test]
fn unknown_field_is_an_error_not_ignored() {
    let src = VALID.replace(r#"title: "Teams""#, r#"titel: "Teams""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (2, 5), "{msg}");
    assert!(msg.contains("titel"), "{msg}");
    assert!(msg.contains("title"), "{msg}");
}

#[test]
fn unknown_field_in_a_point_is_an_error() {
    let src = VALID.replace("aspect: \"People\"", "aspekt: \"People\"");
    let (line, _, msg) = error(&src);
    assert_eq!(line, 13, "{msg}");
    assert!(msg.contains("aspekt"), "{msg}");
}

#[test]
fn wrong_type_is_an_error() {
    let src = VALID.replace(r#"common: ["Both exist."]"#, r#"common: "Both exist.""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (15, 21), "{msg}");
    assert!(msg.contains('['), "{msg}");
}

#[test]
fn missing_required_field_is_an_error() {
    let src = VALID.replace(r#"Subject(id: "a", name: "Alpha")"#, r#"Subject(id: "a")"#);
    let (line, _, msg) = error(&src);
    assert_eq!(line, 4, "{msg}");
    assert!(msg.contains("name"), "{msg}");
}

#[test]
fn fewer_than_two_subjects() {
    let src = VALID.replace(
        "        Subject(id: \"b\", name: \"Beta\", short: \"B\"),\n",
        "",
    );
    let errs = errors(&src);
    let e = errs
        .iter()
        .find(|e| e.message.contains("two subjects"))
        .unwrap();
    assert_eq!((e.position.line, e.position.col), (3, 15));
    assert!(e.message.contains("found 1"));
}

#[test]
fn no_dimensions() {
    let src = r#"Comparison(title: "T", subjects: [(id: "a", name: "A"), (id: "b", name: "B")],
  dimensions: [])"#;
    let (line, col, msg) = error(src);
    assert_eq!((line, col), (2, 15));
    assert!(msg.contains("at least one dimension"), "{msg}");
}

#[test]
fn duplicate_subject_id() {
    let src = VALID.replace(r#"Subject(id: "b""#, r#"Subject(id: "a""#);
    let errs = errors(&src);
    let e = errs
        .iter()
        .find(|e| e.message.contains("duplicate subject"))
        .unwrap();
    assert_eq!((e.position.line, e.position.col), (5, 21));
    assert!(
        e.message.contains("\"a\"") && e.message.contains("4:21"),
        "{}",
        e.message
    );
}

#[test]
fn duplicate_dimension_id() {
    let src = VALID.replace(r#"id: "cost""#, r#"id: "size""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (17, 23), "{msg}");
    assert!(msg.contains("duplicate dimension id \"size\""), "{msg}");
    assert!(msg.contains("9:17"), "{msg}");
}

#[test]
fn empty_dimension_id() {
    let src = VALID.replace(r#"id: "cost""#, r#"id: """#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (17, 23), "{msg}");
    assert!(msg.contains("empty id"), "{msg}");
}

#[test]
fn summary_key_must_be_a_subject() {
    let src = VALID.replace(r#""b": "Large.""#, r#""c": "Large.""#);
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = &errs[0];
    assert_eq!((e.position.line, e.position.col), (11, 39));
    assert!(e.message.contains("dimension \"size\""), "{}", e.message);
    assert!(e.message.contains("\"c\""), "{}", e.message);
}

#[test]
fn sides_key_must_be_a_subject() {
    let src = VALID.replace(r#""b": "50""#, r#""x": "50""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (13, 60), "{msg}");
    assert!(
        msg.contains("dimension \"size\"") && msg.contains("\"x\""),
        "{msg}"
    );
    assert!(msg.contains("People"), "{msg}");
}

#[test]
fn a_key_given_twice_is_an_error() {
    let src = VALID.replace(r#""b": "50""#, r#""a": "50""#);
    let (line, _, msg) = error(&src);
    assert_eq!(line, 13, "{msg}");
    assert!(msg.contains("twice"), "{msg}");
}

#[test]
fn duplicate_aspect_is_an_error() {
    let src = VALID.replace(
        r#"Point(aspect: "People", sides: { "a": "5", "b": "50" }),"#,
        "Point(aspect: \"People\", sides: { \"a\": \"5\", \"b\": \"50\" }),\n                Point(aspect: \"People\", sides: {}),",
    );
    let errs = errors(&src);
    let e = errs
        .iter()
        .find(|e| e.message.contains("duplicate aspect"))
        .unwrap();
    assert_eq!((e.position.line, e.position.col), (14, 31));
}

#[test]
fn a_missing_side_is_a_warning_only() {
    let src = VALID.replace(r#", "b": "50""#, "");
    let loaded = parse(src.as_bytes(), Path::new("t.ron")).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    let w = &loaded.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!((w.position.line, w.position.col), (13, 17));
    assert!(w.message.contains("\"b\"") && w.message.contains("People"));
}

#[test]
fn empty_file() {
    for src in ["", "  \n\n", "// only a comment\n"] {
        let (line, col, msg) = error(src);
        assert_eq!((line, col), (1, 1));
        assert!(msg.contains("empty"), "{msg}");
    }
}

#[test]
fn invalid_utf8_names_where() {
    let mut bytes = b"Comparison(\n  title: \"ab".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x00]);
    let Err(LoadError::Invalid { problems, .. }) = parse(&bytes, Path::new("t.ron")) else {
        panic!("expected invalid");
    };
    assert_eq!(
        (problems[0].position.line, problems[0].position.col),
        (2, 13)
    );
    assert!(problems[0].message.contains("UTF-8"));
}

#[test]
fn binary_garbage_is_a_clear_error() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0])
        .collect();
    assert!(parse(&bytes, Path::new("t.bin")).is_err());
    let ascii_garbage = "\u{1}\u{2}%%%&&&***";
    assert!(parse(ascii_garbage.as_bytes(), Path::new("t.bin")).is_err());
}

#[test]
fn absurd_nesting_ends_quickly_in_an_error() {
    let start = std::time::Instant::now();
    for open in ["[", "(", "{"] {
        let src = format!("Comparison(title: {}", open.repeat(100_000));
        let (line, _, msg) = error(&src);
        assert_eq!(line, 1);
        assert!(msg.contains("nesting") || msg.contains("Expected"), "{msg}");
    }
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn the_error_text_names_the_file_line_and_column() {
    let src = VALID.replace(r#"title: "Teams""#, r#"titel: "Teams""#);
    let e = parse(src.as_bytes(), Path::new("dir/teams.ron")).unwrap_err();
    assert!(
        e.to_string().starts_with("dir/teams.ron:2:5: error: "),
        "{e}"
    );
}

#[test]
fn struct_names_are_optional_but_must_be_right() {
    let src = VALID.replace("Subject(id: \"a\"", "(id: \"a\"");
    assert!(parse(src.as_bytes(), Path::new("t.ron")).is_ok());
    let src = VALID.replace("Subject(id: \"a\"", "Subjct(id: \"a\"");
    let (line, _, msg) = error(&src);
    assert_eq!(line, 4, "{msg}");
}

#[test]
fn problems_of_one_kind_are_capped_and_the_rest_counted_as_errors() {
    use std::fmt::Write as _;
    let mut keys = String::new();
    for i in 0..25 {
        writeln!(keys, "\"x{i}\": \"\",").unwrap();
    }
    let src = VALID.replace(
        r#"summary: { "a": "Small.", "b": "Large." },"#,
        &format!("summary: {{ \"a\": \"Small.\", \"b\": \"Large.\",\n{keys}}},"),
    );
    let errs = errors(&src);
    assert_eq!(
        errs.len(),
        versus::model::MAX_PROBLEMS_PER_KIND + 1,
        "{errs:?}"
    );
    let last = errs.last().unwrap();
    assert!(
        last.message
            .starts_with("and 5 more summary keys that are not subject ids"),
        "{}",
        last.message
    );
    // Placed at the first key not listed (the 21st, on line 12 + 20).
    assert_eq!((last.position.line, last.position.col), (32, 1));
}

/// A comparison laid out as longer files are: one field per line, and
/// points over several lines, so that a bracket's line and indentation say
/// which bracket it is meant to close.
const SPREAD: &str = r#"Comparison(
    title: "Databases",
    intro: "Which one for a small team?",
    subjects: [
        Subject(id: "pg", name: "PostgreSQL", short: "PG"),
        Subject(id: "mongo", name: "MongoDB"),
    ],
    dimensions: [
        Dimension(
            id: "model",
            title: "Data model",
            summary: {
                "pg": "Tables and rows.",
                "mongo": "Documents.",
            },
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

/// `SPREAD` with its 1-based line `n` replaced by `with` (or removed).
fn spread_with_line(n: usize, with: Option<&str>) -> String {
    let mut lines: Vec<&str> = SPREAD.lines().collect();
    match with {
        Some(text) => lines[n - 1] = text,
        None => {
            lines.remove(n - 1);
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_spread_file_is_valid() {
    let loaded = parse(SPREAD.as_bytes(), Path::new("t.ron")).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_number_where_a_string_belongs_names_the_field_and_what_was_found() {
    let src = SPREAD.replace(r#"title: "Data model","#, "title: 42,");
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (11, 20), "{msg}");
    assert!(
        msg.contains("`title`") && msg.contains("string") && msg.contains("the number `42`"),
        "{msg}"
    );

    // A boolean, and a bare word, in the same place.
    let src = SPREAD.replace(r#"title: "Data model","#, "title: true,");
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (11, 20), "{msg}");
    assert!(msg.contains("`title`") && msg.contains("`true`"), "{msg}");
    let src = SPREAD.replace(r#"aspect: "Joins","#, "aspect: Joins,");
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (22, 29), "{msg}");
    assert!(msg.contains("`aspect`") && msg.contains("`Joins`"), "{msg}");

    // A bare word of a megabyte is named by its start, not copied whole.
    let word = "J".repeat(1 << 20);
    let src = SPREAD.replace(r#"aspect: "Joins","#, &format!("aspect: {word},"));
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (22, 29), "{}", msg.len());
    assert!(
        msg.len() < 400 && msg.contains("`aspect`") && msg.contains('…'),
        "{msg}"
    );
}

#[test]
fn a_string_where_a_list_belongs_names_the_field() {
    let src = SPREAD.replace(
        "    subjects: [\n        Subject(id: \"pg\", name: \"PostgreSQL\", short: \"PG\"),\n        Subject(id: \"mongo\", name: \"MongoDB\"),\n    ],\n",
        "    subjects: \"pg, mongo\",\n",
    );
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (4, 15), "{msg}");
    assert!(
        msg.contains("`subjects`") && msg.contains("list `[") && msg.contains("\"pg, mongo\""),
        "{msg}"
    );
}

#[test]
fn a_stray_closing_paren_is_placed_on_itself() {
    let sides = r#"                    sides: { "pg": "Declared", "mongo": "Flexible" }"#;
    let cases = [
        // One `)` too many at the end of the point's last field: the
        // point's own `)`, lined up with `Point(` below, then closes
        // nothing (RON says "Expected comma" on the next line).
        (spread_with_line(19, Some(&format!("{sides})"))), (19, 69)),
        (spread_with_line(19, Some(&format!("{sides}),"))), (19, 69)),
        // Two where one belongs.
        (spread_with_line(20, Some("                )),")), (20, 18)),
        // On one line.
        (
            VALID.replace(r#""b": "50" }),"#, r#""b": "50" })),"#),
            (13, 72),
        ),
        // After the end of the comparison.
        (SPREAD.trim_end().to_owned() + ")\n", (28, 2)),
    ];
    for (src, at) in cases {
        let (line, col, msg) = error(&src);
        assert_eq!((line, col), at, "{msg}");
        assert!(
            msg.contains("unmatched `)`") && msg.contains("closes nothing"),
            "{msg}"
        );
        assert!(!msg.contains("comma"), "{msg}");
    }
}

#[test]
fn a_missing_closing_paren_is_placed_after_the_points_last_value() {
    // The next `Point(` starts before the first is closed (RON says
    // "Unexpected field named `Point`" on the next line).
    let (line, col, msg) = error(&spread_with_line(20, None));
    assert_eq!((line, col), (19, 69), "{msg}");
    assert!(
        msg.contains("`)` is missing to close the `Point(` opened at 17:17"),
        "{msg}"
    );
    // The last point: the list's `]` comes first.
    let (line, col, msg) = error(&spread_with_line(24, None));
    assert_eq!((line, col), (23, 65), "{msg}");
    assert!(
        msg.contains("`)` is missing to close the `Point(` opened at 21:17"),
        "{msg}"
    );
    // A subject on one line: the next `Subject(` shows where it ended.
    let src = SPREAD.replace(r#"short: "PG"),"#, r#"short: "PG","#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (5, 58), "{msg}");
    assert!(
        msg.contains("`)` is missing to close the `Subject(` opened at 5:9"),
        "{msg}"
    );
}

#[test]
fn an_unescaped_quote_inside_a_string_suggests_escaping_it() {
    let src = SPREAD.replace(
        r#""Which one for a small team?""#,
        r#""Which is the "best" tool for a small team?""#,
    );
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (3, 26), "{msg}");
    assert!(msg.contains(r#"escape it as `\"`"#), "{msg}");
    assert!(msg.contains("3:31"), "names the other quote: {msg}");
    assert!(!msg.contains("comma"), "{msg}");

    // In a map's text.
    let src = SPREAD.replace(r#""Tables and rows.""#, r#""Tables and "typed" rows.""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (13, 35), "{msg}");
    assert!(msg.contains(r#"escape it as `\"`"#), "{msg}");

    // One quote inside: the next quote is the string's own closing one.
    let src = SPREAD.replace(r#""Tables and rows.""#, r#""Tables "and rows.""#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (13, 31), "{msg}");
    assert!(
        msg.contains(r#"escape it as `\"`"#) && !msg.contains("the one at"),
        "{msg}"
    );

    // A quote typed twice at the start is more likely one too many.
    let src = SPREAD.replace(r#"id: "model","#, r#"id: ""model","#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (10, 18), "{msg}");
    assert!(
        msg.contains("closes an empty string") && msg.contains("remove it"),
        "{msg}"
    );
}

#[test]
fn neighbouring_bracket_mistakes_point_at_the_bracket() {
    // A stray `]` closes the subjects early.
    let src = SPREAD.replace(r#"short: "PG"),"#, r#"short: "PG")],"#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (5, 59), "{msg}");
    assert!(
        msg.contains("unmatched `]`") && msg.contains("closes nothing"),
        "{msg}"
    );

    // A missing `]`: `dimensions:` starts inside the subjects.
    let (line, col, msg) = error(&spread_with_line(7, None));
    assert_eq!((line, col), (6, 46), "{msg}");
    assert!(
        msg.contains("`]` is missing to close the `[` opened at 4:15"),
        "{msg}"
    );

    // A missing `}` at the end of a map on one line.
    let src = SPREAD.replace(r#""Flexible" },"#, r#""Flexible","#);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (19, 67), "{msg}");
    assert!(
        msg.contains("`}` is missing to close the `{` opened at 19:28"),
        "{msg}"
    );
}

#[test]
fn a_struct_name_without_its_paren_is_placed_after_the_name() {
    let src = SPREAD.replacen("Point(\n", "Point\n", 1);
    let (line, col, msg) = error(&src);
    assert_eq!((line, col), (17, 22), "{msg}");
    assert!(msg.contains("`(` is missing after `Point`"), "{msg}");
}
