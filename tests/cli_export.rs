//! `versus export`, the real binary.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;

use std::path::Path;
use std::process::Command;

use common::cli::Run;

/// `versus ARGS…` with `data_dir` as its data folder; never a panic.
fn versus(args: &[&str], data_dir: &Path) -> Run {
    let run = common::cli::versus(args, Some(data_dir));
    run.assert_no_panic();
    run
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
        assert!(o.success(), "{format}: {}", o.stderr);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("Money talk."), "{format} has the note");
        // Every subject by default (`--subjects all`).
        assert!(text.contains("Alpha") && text.contains("Beta") && text.contains("Gamma"));
        assert!(o.stderr.contains("Exported to"));
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
    assert!(o.success());
    let md = o.stdout;
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
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let mut forced = args.to_vec();
    forced.push("--force");
    let o = versus(&forced, dir.path());
    assert!(o.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("Other framing.") && !md.contains("Money talk."));
}

#[test]
fn bad_requests_fail_clearly() {
    let (dir, content) = setup();
    let c = content.to_str().unwrap();
    let o = versus(&["export", c, "--format", "pdf", "--out", "-"], dir.path());
    assert_eq!(o.code, Some(2), "usage error");
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
    assert_eq!(o.code, Some(1));
    let err = o.stderr;
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
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("broken.ron:1:12"));
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
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("bad.notes.ron:1:"));
}

// Export that replaces what it should not (issue: never lose a byte).

fn is_symlink(p: &Path) -> bool {
    std::fs::symlink_metadata(p)
        .unwrap()
        .file_type()
        .is_symlink()
}

#[test]
fn force_never_replaces_a_device_and_reports_its_error() {
    use std::os::unix::fs::FileTypeExt as _;
    let (dir, content) = setup();
    let c = content.to_str().unwrap();
    let o = versus(
        &[
            "export",
            c,
            "--format",
            "html",
            "--out",
            "/dev/full",
            "--force",
        ],
        dir.path(),
    );
    let stderr = &o.stderr;
    assert!(!o.success(), "{stderr}");
    assert!(stderr.contains("/dev/full"), "{stderr}");
    assert!(stderr.contains("No space left"), "{stderr}");
    assert!(!stderr.contains("Exported"), "{stderr}");
    let kind = std::fs::symlink_metadata("/dev/full").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/full is still a device");

    // /dev/null takes the bytes and stays a device, --force or not.
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["export", c, "--format", "marp", "--out", "/dev/null"];
        args.extend_from_slice(extra);
        let o = versus(&args, dir.path());
        assert!(o.success(), "{}", o.stderr);
        let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device());
    }
}

#[test]
fn a_named_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt as _;
    let (dir, content) = setup();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    // Let the reader open its end first.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let o = versus(
        &[
            "export",
            content.to_str().unwrap(),
            "--format",
            "markdown",
            "--out",
            fifo.to_str().unwrap(),
            "--force",
        ],
        dir.path(),
    );
    assert!(o.success(), "{}", o.stderr);
    let read = reader.join().unwrap();
    assert!(read.starts_with("# Three teams"), "{read}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "still a pipe");
}

#[test]
fn force_follows_a_link_to_a_file_never_to_nothing() {
    let (dir, content) = setup();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("deck.md");
    std::fs::write(&target, "old deck").unwrap();
    let link = dir.path().join("deck.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let args = [
        "export",
        content.to_str().unwrap(),
        "--format",
        "marp",
        "--out",
        link.to_str().unwrap(),
    ];
    // Without --force: refused, saying where the link points.
    let o = versus(&args, dir.path());
    assert!(!o.success());
    let plain = std::fs::canonicalize(&target).unwrap();
    assert!(
        o.stderr
            .contains(&format!("is a link to {}", plain.display())),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old deck");
    let mut forced = args.to_vec();
    forced.push("--force");
    let o = versus(&forced, dir.path());
    assert!(o.success(), "{}", o.stderr);
    assert!(is_symlink(&link), "the link stays a link");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("---\nmarp: true")
    );
    // A dangling link is never followed to create a file, --force or not.
    let dangling_target = out_dir.path().join("new.md");
    let dangling = dir.path().join("new.md");
    std::os::unix::fs::symlink(&dangling_target, &dangling).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let out = dangling.to_str().unwrap();
        let mut args = vec!["export", content.to_str().unwrap(), "--format", "markdown"];
        args.extend(["--out", out]);
        args.extend_from_slice(extra);
        let o = versus(&args, dir.path());
        assert!(!o.success(), "{}", o.stderr);
        assert!(o.stderr.contains("which does not exist"), "{}", o.stderr);
        assert!(is_symlink(&dangling));
        assert!(!dangling_target.exists());
    }
}

#[test]
fn a_missing_folder_is_named_and_inputs_are_never_replaced() {
    let (dir, content) = setup();
    let c = content.to_str().unwrap();
    let missing = dir.path().join("no").join("such");
    let out = missing.join("out.md");
    let o = versus(
        &[
            "export",
            c,
            "--format",
            "markdown",
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let stderr = &o.stderr;
    assert!(!o.success());
    assert!(
        stderr.contains(&format!("the folder {} does not exist", missing.display())),
        "{stderr}"
    );
    // Not the writer's temporary file (`.out.md.XXXXXX.tmp`).
    assert!(!stderr.contains(".out.md."), "{stderr}");

    // The comparison and its notes file are never an export's output.
    let notes = dir.path().join("teams.notes.ron");
    let notes_before = std::fs::read(&notes).unwrap();
    for (out, what) in [(&content, "the comparison"), (&notes, "its notes file")] {
        let o = versus(
            &[
                "export",
                c,
                "--format",
                "html",
                "--out",
                out.to_str().unwrap(),
                "--force",
            ],
            dir.path(),
        );
        let stderr = &o.stderr;
        assert!(!o.success());
        assert!(
            stderr.contains(&format!(
                "{} is {what}; choose another file for the export",
                out.display()
            )),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read_to_string(&content).unwrap(), CONTENT);
    assert_eq!(std::fs::read(&notes).unwrap(), notes_before);
}

#[test]
fn audience_leaves_out_the_notes_stars_and_verdicts_unless_asked() {
    let (dir, content) = setup();
    std::fs::write(
        dir.path().join("teams.notes.ron"),
        r#"Notes(
            comparison: "Three teams",
            overall: "Whisper framing.",
            dimensions: {
                "cost": DimensionNotes(text: "Money talk.", starred: true, highlights: ["Budget"], verdict: Some(Subject("b")), weight: Some(3)),
            },
        )"#,
    )
    .unwrap();
    let c = content.to_str().unwrap();
    for format in ["markdown", "html", "marp"] {
        let run = |extra: &[&str]| {
            let mut args = vec!["export", c, "--format", format, "--out", "-"];
            args.extend_from_slice(extra);
            let o = versus(&args, dir.path());
            assert!(o.success(), "{format}: {}", o.stderr);
            o.stdout
        };
        let private = run(&["--stars"]);
        let public = run(&["--audience"]);
        for word in ["Money talk.", "Whisper framing.", "★"] {
            assert!(
                private.contains(word),
                "{format}: {word} without --audience"
            );
            assert!(!public.contains(word), "{format}: {word} with --audience");
        }
        assert!(!public.contains("<!--"), "{format}: no speaker notes");
        // The verdicts are the speaker's judgement: in the presenter's own
        // export, out of the audience version unless asked for.
        for verdict in ["Where each wins", "3 of 3"] {
            assert!(private.contains(verdict), "{format}: {verdict}");
            assert!(
                !public.contains(verdict),
                "{format}: {verdict} with --audience"
            );
        }
        // What the audience is shown stays: the highlighted row.
        assert!(public.contains("huge"), "{format}");
        let with_verdicts = run(&["--audience", "--verdicts"]);
        assert!(
            with_verdicts.contains("Where each wins") && with_verdicts.contains("3 of 3"),
            "{format}: {with_verdicts}"
        );
        assert!(!with_verdicts.contains("Money talk."), "{format}");
    }
    // The script is the presenter's own: it has no audience version.
    let script = |extra: &[&str]| {
        let mut args = vec!["export", c, "--format", "script", "--out", "-"];
        args.extend_from_slice(extra);
        versus(&args, dir.path())
    };
    let text = script(&[]).stdout;
    assert!(
        text.contains("Money talk.") && text.contains("Slide 2"),
        "{text}"
    );
    // Offered under its own name, beside an HTML export.
    let out = dir.path().join("teams.script.html");
    let o = versus(
        &[
            "export",
            c,
            "--format",
            "SCRIPT",
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(o.success(), "{}", o.stderr);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!doctype html>")
    );
}

/// Exits 2 with a usage error naming both flags, and writes nothing.
fn assert_refused(args: &[&str], dir: &Path, flags: [&str; 2]) {
    let out = dir.join("refused.out");
    let mut args = args.to_vec();
    let out_text = out.to_str().unwrap().to_owned();
    args.extend_from_slice(&["--out", &out_text]);
    let o = versus(&args, dir);
    assert_eq!(o.code, Some(2), "{args:?}: {}", o.stderr);
    for flag in flags {
        assert!(
            o.stderr.contains(flag),
            "{args:?} names {flag}: {}",
            o.stderr
        );
    }
    assert!(o.stderr.contains("Usage:"), "{}", o.stderr);
    assert!(!out.exists(), "{args:?} wrote a file");
}

#[test]
fn an_option_that_would_do_nothing_is_a_usage_error() {
    let (dir, content) = setup();
    let c = content.to_str().unwrap();
    let d = dir.path();
    assert_refused(
        &["export", c, "--format", "script", "--audience"],
        d,
        ["--audience", "--format script"],
    );
    assert_refused(
        &["export", c, "--audience", "--format", "SCRIPT"],
        d,
        ["--audience", "--format script"],
    );
    assert_refused(
        &["export", c, "--format", "html", "--audience", "--stars"],
        d,
        ["--audience", "--stars"],
    );
    assert_refused(
        &["export", c, "--format", "markdown", "--verdicts"],
        d,
        ["--verdicts", "--audience"],
    );
    assert_refused(
        &["export", c, "--format", "script", "--verdicts"],
        d,
        ["--verdicts", "--audience"],
    );
}

#[test]
fn the_script_honours_starred_only_summaries_and_stars() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("teams.ron");
    std::fs::write(
        &content,
        CONTENT.replace(
            r#"title: "Cost","#,
            r#"title: "Cost", summary: {"a": "Alpha spends little.", "b": "Beta spends more."},"#,
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("teams.notes.ron"),
        r#"Notes(comparison: "Three teams", dimensions: {"cost": DimensionNotes(text: "Money talk.", starred: true)})"#,
    )
    .unwrap();
    let c = content.to_str().unwrap();
    let script = |extra: &[&str]| {
        let mut args = vec!["export", c, "--format", "script", "--out", "-"];
        args.extend_from_slice(extra);
        let o = versus(&args, dir.path());
        assert!(o.success(), "{extra:?}: {}", o.stderr);
        o.stdout
    };
    let all = script(&[]);
    let slides = |text: &str| text.matches("<section class=\"slide\">").count();
    assert_eq!(slides(&all), 2, "every dimension: {all}");
    assert!(all.contains("Alpha spends little.") && all.contains("Beta spends more."));
    assert!(!all.contains('★'));
    let starred = script(&["--starred-only"]);
    assert_eq!(slides(&starred), 1, "the starred one: {starred}");
    assert!(starred.contains("Cost") && !starred.contains(">Size<"));
    let bare = script(&["--no-summaries"]);
    assert!(!bare.contains("Alpha spends little."), "{bare}");
    assert!(bare.contains("Money talk."));
    let marked = script(&["--stars"]);
    assert_eq!(marked.matches('★').count(), 1, "{marked}");
}

/// `--screenshot` goes through the same guard as an export, with the same
/// words: never over the comparison or its notes, display or not.
#[test]
fn a_screenshot_is_never_written_over_the_comparison_or_its_notes() {
    let (dir, content) = setup();
    let notes = dir.path().join("teams.notes.ron");
    let notes_before = std::fs::read(&notes).unwrap();
    for (out, what) in [(&content, "the comparison"), (&notes, "its notes file")] {
        let o = versus(
            &[
                content.to_str().unwrap(),
                "--screenshot",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(!o.success());
        assert!(
            o.stderr.contains(&format!(
                "{} is {what}; choose another file for the picture",
                out.display()
            )),
            "{}",
            o.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(&content).unwrap(), CONTENT);
    assert_eq!(std::fs::read(&notes).unwrap(), notes_before);
}
