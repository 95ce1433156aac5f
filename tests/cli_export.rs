//! `versus export`, the real binary.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

use std::path::Path;
use std::process::{Command, Output};

fn versus(args: &[&str], data_dir: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_versus"))
        .args(args)
        .env("VERSUS_DATA_DIR", data_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

const CONTENT: &str = r#"Comparison(
    title: "Three teams",
    intro: "Intro.",
    subjects: [(id: "a", name: "Alpha"), (id: "b", name: "Beta"), (id: "g", name: "Gamma")],
    dimensions: [
        (id: "size", title: "Size", points: [(aspect: "People", sides: {"a": "five", "b": "fifty", "g": "five hundred"})]),
        (id: "cost", title: "Cost", points: [(aspect: "Budget", sides: {"a": "small", "b": "large", "g": "huge"})]),
    ],
)"#;

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("teams.ron");
    std::fs::write(&content, CONTENT).unwrap();
    std::fs::write(
        dir.path().join("teams.notes.ron"),
        r#"Notes(comparison: "Three teams", dimensions: {"cost": DimensionNotes(text: "Money talk.", starred: true)})"#,
    )
    .unwrap();
    (dir, content)
}

#[test]
fn exports_each_format_using_the_default_notes_file() {
    let (dir, content) = setup();
    let c = content.to_str().unwrap();
    for (format, name) in [
        ("markdown", "o.md"),
        ("html", "o.html"),
        ("marp", "o.slides.md"),
    ] {
        let out = dir.path().join(name);
        let o = versus(
            &[
                "export",
                c,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("Money talk."), "{format} has the note");
        assert!(text.contains("Alpha") && text.contains("Beta") && !text.contains("Gamma"));
        assert!(String::from_utf8_lossy(&o.stderr).contains("Exported to"));
    }
}

#[test]
fn starred_only_subjects_and_stdout() {
    let (dir, content) = setup();
    let o = versus(
        &[
            "export",
            content.to_str().unwrap(),
            "--format",
            "markdown",
            "--starred-only",
            "--subjects",
            "g,a",
            "--out",
            "-",
        ],
        dir.path(),
    );
    assert!(o.status.success());
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("Cost") && !md.contains("## Size"), "{md}");
    let gamma = md.find("Gamma").unwrap();
    let alpha = md.find("Alpha").unwrap();
    assert!(gamma < alpha, "Gamma is the left column");
    assert!(md.contains("huge") && !md.contains("large"));
}

#[test]
fn explicit_notes_and_refusing_to_overwrite() {
    let (dir, content) = setup();
    let notes = dir.path().join("other.ron");
    std::fs::write(&notes, r#"Notes(overall: "Other framing.")"#).unwrap();
    let out = dir.path().join("out.md");
    std::fs::write(&out, "keep me").unwrap();
    let args = [
        "export",
        content.to_str().unwrap(),
        "--notes",
        notes.to_str().unwrap(),
        "--format",
        "md",
        "--out",
        out.to_str().unwrap(),
    ];
    let o = versus(&args, dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let mut forced = args.to_vec();
    forced.push("--force");
    let o = versus(&forced, dir.path());
    assert!(o.status.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("Other framing.") && !md.contains("Money talk."));
}

#[test]
fn bad_requests_fail_clearly() {
    let (dir, content) = setup();
    let c = content.to_str().unwrap();
    let o = versus(&["export", c, "--format", "pdf", "--out", "-"], dir.path());
    assert_eq!(o.status.code(), Some(2), "usage error");
    let o = versus(
        &[
            "export",
            c,
            "--format",
            "html",
            "--subjects",
            "a,zz",
            "--out",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"zz\" is not a subject id") && err.contains("a, b, g"),
        "{err}"
    );
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Comparison(titel: \"x\")").unwrap();
    let o = versus(
        &[
            "export",
            broken.to_str().unwrap(),
            "--format",
            "html",
            "--out",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("broken.ron:1:12"));
    let bad_notes = dir.path().join("bad.notes.ron");
    std::fs::write(&bad_notes, "Notes(").unwrap();
    let o = versus(
        &[
            "export",
            c,
            "--notes",
            bad_notes.to_str().unwrap(),
            "--format",
            "html",
            "--out",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.notes.ron:1:"));
}
