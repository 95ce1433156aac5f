//! The notes file: byte-for-byte round trips, where it lives, broken and
//! missing files.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

mod common;

use egui_kittest::kittest::Queryable;
use proptest::prelude::*;
use versus::notes::file::{Flushed, NotesFile, Status};
use versus::notes::{DimensionNotes, MergeCheck, Notes, Rehearsal, Talk, Verdict};
use versus::storage;

fn arb_text() -> impl Strategy<Value = String> {
    // Any Unicode, including quotes, backslashes, newlines and RON syntax.
    prop_oneof![any::<String>(), "[a-z \"\\\\\n\t(){}\\[\\]:,#/*-]{0,40}",]
}

fn arb_notes() -> impl Strategy<Value = Notes> {
    let verdict = prop_oneof![
        Just(None),
        Just(Some(Verdict::Even)),
        arb_text().prop_map(|id| Some(Verdict::Subject(id))),
    ];
    // What a merge left to check: every field, set or not.
    let check = (
        any::<bool>(),
        proptest::option::of(verdict.clone()),
        proptest::option::of(proptest::option::of(0..=3u8)),
        proptest::option::of(proptest::option::of(
            0..=versus::notes::talk::MAX_BUDGET_SECONDS,
        )),
        proptest::option::of(0..600u32),
    )
        .prop_map(
            |(both_texts, their_verdict, their_weight, their_budget, their_minutes)| {
                let check = MergeCheck {
                    both_texts,
                    their_verdict,
                    their_weight,
                    their_budget,
                    their_minutes,
                };
                (!check.is_empty()).then_some(check)
            },
        );
    let dim = (
        arb_text(),
        any::<bool>(),
        proptest::collection::btree_set(arb_text(), 0..4),
        // What the window can write; past it is read as the limit (a unit
        // test in notes/mod.rs).
        proptest::option::of(0..=versus::notes::talk::MAX_BUDGET_SECONDS),
        verdict,
        proptest::option::of(0..=3u8),
        check.clone(),
    )
        .prop_map(
            |(text, starred, highlights, budget, verdict, weight, merged)| DimensionNotes {
                text,
                starred,
                highlights: highlights.into_iter().collect(),
                budget,
                verdict,
                weight,
                merged,
            },
        );
    let rehearsal = (
        arb_text(),
        any::<u32>(),
        proptest::collection::btree_map(arb_text(), any::<u32>(), 0..4),
    )
        .prop_map(|(date, title, seconds)| Rehearsal {
            date,
            title,
            seconds,
        });
    let talk = (
        0..600u32,
        any::<bool>(),
        proptest::collection::vec(rehearsal, 0..3),
    )
        .prop_map(|(minutes, weighted, rehearsals)| Talk {
            minutes,
            weighted,
            rehearsals,
        });
    (
        arb_text(),
        arb_text(),
        proptest::collection::btree_map(arb_text(), dim, 0..6),
        talk,
        check,
    )
        .prop_map(|(comparison, overall, dimensions, talk, merged)| Notes {
            comparison,
            overall,
            dimensions: dimensions.into_iter().collect::<BTreeMap<_, _>>(),
            talk,
            merged,
        })
}

proptest! {
    #[test]
    fn notes_round_trip_through_the_file_byte_for_byte(notes in arb_notes()) {
        let text = notes.to_ron();
        let back = Notes::from_ron(text.as_bytes(), Path::new("n.ron")).unwrap();
        let mut pruned = notes.clone();
        pruned.prune();
        prop_assert_eq!(&back, &pruned);
        prop_assert_eq!(back.to_ron(), text);
    }
}

#[test]
fn the_file_is_sorted_and_matches_the_documented_shape() {
    let mut notes = Notes::for_comparison("Teams");
    notes.overall = "Frame.".to_owned();
    notes.text_mut("zeta").push_str("Last.");
    notes.toggle_highlight("alpha", "B row");
    notes.toggle_highlight("alpha", "A row");
    notes.toggle_star("alpha");
    notes.text_mut("empty");
    assert_eq!(
        notes.to_ron(),
        r#"Notes(
    comparison: "Teams",
    overall: "Frame.",
    dimensions: {
        "alpha": DimensionNotes(
            text: "",
            starred: true,
            highlights: [
                "A row",
                "B row",
            ],
        ),
        "zeta": DimensionNotes(
            text: "Last.",
            starred: false,
            highlights: [],
        ),
    },
)
"#
    );
}

#[test]
fn missing_fields_default_and_unknown_fields_are_errors() {
    let n = Notes::from_ron(
        br#"Notes(dimensions: {"x": DimensionNotes(text: "t")})"#,
        Path::new("n.ron"),
    )
    .unwrap();
    assert_eq!(n.text("x"), "t");
    let e = Notes::from_ron(b"Notes(\n  overal: \"typo\")", Path::new("dir/n.ron")).unwrap_err();
    assert!(e.to_string().starts_with("dir/n.ron:2:3: "), "{e}");
    assert!(e.to_string().contains("overal"), "{e}");
}

#[test]
fn broken_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = NotesFile::open(dir.path().join("none.notes.ron"), "T");
    assert_eq!(missing.status, Status::Untouched);
    assert!(missing.notes.dimensions.is_empty());

    for (name, bytes) in [
        ("empty.notes.ron", &b""[..]),
        ("binary.notes.ron", &[0xff, 0x00, 0x12][..]),
        ("syntax.notes.ron", &b"Notes(overall: )"[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut s = NotesFile::open(path.clone(), "T");
        let Status::Broken(message) = &s.status else {
            panic!("{name}: {:?}", s.status);
        };
        assert!(
            message.contains(name) && message.contains(":1:"),
            "{message}"
        );
        // Edits never reach the broken file, even through an explicit flush.
        s.notes.text_mut("x").push_str("kept");
        s.changed(std::time::Instant::now());
        let (job, _) =
            s.poll_autosave(std::time::Instant::now() + std::time::Duration::from_secs(5));
        assert!(job.is_none());
        let Flushed::KeptAside { path: aside, .. } = s.flush() else {
            panic!("{name}: kept aside");
        };
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} untouched");
        let kept = Notes::from_ron(&std::fs::read(&aside).unwrap(), &aside).unwrap();
        assert_eq!(kept.text("x"), "kept");
    }
}

#[test]
fn notes_sit_beside_the_content_or_fall_back_to_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("teams.ron");
    assert_eq!(
        versus::notes::paths::default_notes_path(Some(&content), data.path()),
        dir.path().join("teams.notes.ron")
    );
    assert_eq!(
        versus::notes::paths::default_notes_path(None, data.path()),
        data.path().join("built-in.notes.ron")
    );
    // A folder nobody can write to, root included: procfs.
    let read_only = Path::new("/proc/self/teams.ron");
    let fallback = versus::notes::paths::default_notes_path(Some(read_only), data.path());
    assert!(fallback.starts_with(data.path()), "{}", fallback.display());
    let name = fallback.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("teams-") && name.ends_with(".notes.ron"),
        "{name}"
    );
    // Different content paths with the same name do not share notes.
    let other =
        versus::notes::paths::default_notes_path(Some(Path::new("/proc/1/teams.ron")), data.path());
    assert_ne!(fallback, other);
}

#[test]
fn a_read_only_folder_falls_back_to_the_data_folder_when_permissions_apply() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("teams.ron");
    std::fs::write(&content, "x").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = versus::notes::paths::is_writable_dir(dir.path());
    let path = versus::notes::paths::default_notes_path(Some(&content), data.path());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root writes anywhere; then the sidecar is right. Otherwise: data dir.
    if probe {
        assert_eq!(path, dir.path().join("teams.notes.ron"));
    } else {
        assert!(path.starts_with(data.path()));
    }
}

#[test]
fn the_atomic_writer_replaces_whole_files_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.notes.ron");
    storage::write_atomic(&path, b"first").unwrap();
    storage::write_atomic(&path, b"second, longer").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(storage::write_atomic(&dir.path().join("no/such/dir/x"), b"x").is_err());
    // Not the temporary file's private mode: a document others may read.
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644, "{mode:o}");
}

#[test]
fn stale_temp_files_from_a_crash_are_removed_fresh_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.notes.ron");
    let stale = dir.path().join(".t.notes.ron.abc123.tmp");
    let fresh = dir.path().join(".t.notes.ron.def456.tmp");
    let other = dir.path().join(".other.ron.abc.tmp");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, "partial").unwrap();
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    assert_eq!(storage::remove_stale_temp_files(&path), 1);
    assert!(!stale.exists() && fresh.exists() && other.exists());
}

#[test]
fn a_notes_file_written_before_talks_existed_loads_and_saves_unchanged() {
    // Written by the release before plans, rehearsals and verdicts.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes-before-talk.ron");
    let before = std::fs::read_to_string(&path).unwrap();
    let notes = Notes::from_ron(before.as_bytes(), &path).unwrap();
    assert!(notes.is_starred("risk"));
    assert!(notes.talk.is_empty());
    assert_eq!(notes.get("risk").unwrap().verdict, None);
    assert_eq!(notes.to_ron(), before, "saved byte for byte as it was");
}

#[test]
fn talk_fields_are_written_only_when_set() {
    let mut notes = Notes::for_comparison("T");
    notes.talk.minutes = 10;
    let d = notes.entry("risk");
    d.verdict = Some(Verdict::Subject("tm".to_owned()));
    d.weight = Some(3);
    d.budget = Some(90);
    notes.talk.record(Rehearsal {
        date: "2026-11-26 10:00".to_owned(),
        title: 12,
        seconds: [("risk".to_owned(), 95)].into(),
    });
    let text = notes.to_ron();
    for expected in [
        "budget: Some(90)",
        "verdict: Some(Subject(\"tm\"))",
        "weight: Some(3)",
        "talk: Talk(",
        "minutes: 10",
        "date: \"2026-11-26 10:00\"",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("weighted"), "false is left out: {text}");
    let back = Notes::from_ron(text.as_bytes(), Path::new("n.ron")).unwrap();
    assert_eq!(back, notes);
}

#[test]
fn the_documented_example_is_what_versus_writes() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/notes-format.md"))
            .unwrap();
    let mut blocks = 0;
    for block in docs.split("```ron\n").skip(1) {
        let text = block.split("```").next().unwrap();
        let notes = Notes::from_ron(text.as_bytes(), Path::new("doc.ron")).unwrap();
        assert_eq!(notes.to_ron(), text, "written byte for byte as documented");
        blocks += 1;
    }
    assert!(blocks > 0);
}

proptest! {
    #[test]
    fn merging_two_copies_drops_nothing_and_twice_adds_nothing(
        ours in arb_notes(),
        theirs in arb_notes(),
    ) {
        use versus::notes::combine::{KEPT_NAME, merge};
        let merged = merge(&ours, &theirs, KEPT_NAME);
        for side in [&ours, &theirs] {
            prop_assert!(merged.overall.contains(side.overall.trim()));
            for (id, d) in side.dimensions.iter().filter(|(_, d)| !d.is_empty()) {
                let m = merged.get(id);
                prop_assert!(m.is_some(), "dimension {:?} dropped", id);
                let m = m.unwrap();
                prop_assert!(m.text.contains(d.text.trim()), "{:?} lost from {:?}", d.text, m.text);
                prop_assert!(m.starred || !d.starred);
                for h in &d.highlights {
                    prop_assert!(m.highlights.contains(h));
                }
                prop_assert!(m.budget.is_some() || d.budget.is_none());
                prop_assert!(m.verdict.is_some() || d.verdict.is_none());
                prop_assert!(m.weight.is_some() || d.weight.is_none());
            }
        }
        // What is set beside the content wins.
        for (id, d) in ours.dimensions.iter().filter(|(_, d)| !d.is_empty()) {
            let m = merged.get(id).unwrap();
            prop_assert!(d.budget.is_none() || m.budget == d.budget);
            prop_assert!(d.verdict.is_none() || m.verdict == d.verdict);
            prop_assert!(d.weight.is_none() || m.weight == d.weight);
        }
        prop_assert!(ours.talk.minutes == 0 || merged.talk.minutes == ours.talk.minutes);
        // Opening the comparison again merges the same copy again: nothing
        // changes.
        prop_assert_eq!(&merge(&merged, &theirs, KEPT_NAME), &merged);
        // And it is a notes file like any other.
        let back = Notes::from_ron(merged.to_ron().as_bytes(), Path::new("n.ron")).unwrap();
        prop_assert_eq!(back.to_ron(), merged.to_ron());
    }
}

/// Notes as versus wrote them in the data folder while the comparison's
/// folder could not be written.
fn kept_while_read_only(
    content: &Path,
    data: &Path,
    f: impl FnOnce(&mut Notes),
) -> std::path::PathBuf {
    let title = versus::model::Comparison::built_in().title;
    let mut notes = Notes::for_comparison(&title);
    f(&mut notes);
    let kept = versus::notes::paths::data_dir_notes_path(data, Some(content));
    std::fs::write(&kept, notes.to_ron()).unwrap();
    kept
}

/// The files in `dir` whose names start with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    found.sort();
    found
}

#[test]
fn notes_kept_in_the_data_folder_are_shown_once_the_folder_can_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("talk.ron");
    std::fs::write(&content, versus::model::BUILT_IN_RON).unwrap();
    let kept = kept_while_read_only(&content, data.path(), |n| {
        n.text_mut("risk").push_str("Written while read-only.");
        n.toggle_star("scope");
        n.talk.minutes = 10;
    });
    let kept_text = std::fs::read_to_string(&kept).unwrap();

    let h = common::open(&content, data.path());
    let app = h.state();
    assert_eq!(app.session.annotated_count(), 2, "the kept notes are shown");
    assert_eq!(app.session.notes().text("risk"), "Written while read-only.");
    assert_eq!(app.session.notes().talk.minutes, 10);
    // They now live beside the content; the data-folder file is kept aside.
    let sidecar = versus::notes::paths::sidecar_path(&content);
    assert_eq!(app.session.notes_file.path, sidecar);
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), kept_text);
    assert!(!kept.exists());
    let name = kept.file_name().unwrap().to_string_lossy().into_owned();
    let backups = named(data.path(), &format!("{name}.merged-"));
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), kept_text);
    // The status line says so, naming the copy.
    h.get_by_label_contains(&backups[0].display().to_string());
    // And exports carry them.
    let md = versus::export::export_text(
        versus::export::Format::Markdown,
        &app.session.comparison,
        app.session.notes(),
        &versus::export::ExportOptions::default(),
    )
    .unwrap_or_default();
    assert!(md.contains("Written while read-only."));
    drop(h);

    // Opened again: the same notes, nothing new moved or copied.
    let h = common::open(&content, data.path());
    assert_eq!(h.state().session.annotated_count(), 2);
    assert_eq!(h.state().session.message, None);
    assert_eq!(named(data.path(), &name).len(), 1);
}

#[test]
fn notes_in_both_places_are_merged_and_nothing_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("talk.ron");
    std::fs::write(&content, versus::model::BUILT_IN_RON).unwrap();
    let title = versus::model::Comparison::built_in().title;
    let mut beside = Notes::for_comparison(&title);
    beside.text_mut("risk").push_str("Written beside.");
    beside.toggle_highlight("risk", "Focus");
    beside.overall = "The framing.".to_owned();
    let sidecar = versus::notes::paths::sidecar_path(&content);
    std::fs::write(&sidecar, beside.to_ron()).unwrap();
    let kept = kept_while_read_only(&content, data.path(), |n| {
        n.text_mut("risk").push_str("Written while read-only.");
        n.toggle_highlight("risk", "Cost");
        n.toggle_star("scope");
        n.overall = "Another framing.".to_owned();
    });

    let h = common::open(&content, data.path());
    let notes = h.state().session.notes();
    let risk = notes.get("risk").unwrap();
    assert!(risk.text.contains("Written beside."), "{}", risk.text);
    assert!(
        risk.text.contains("Written while read-only."),
        "{}",
        risk.text
    );
    assert_eq!(risk.highlights, ["Cost", "Focus"]);
    assert!(notes.is_starred("scope"));
    assert!(notes.overall.contains("The framing.") && notes.overall.contains("Another framing."));
    let on_disk = std::fs::read_to_string(&sidecar).unwrap();
    assert!(on_disk.contains("Written while read-only."), "{on_disk}");
    assert!(!kept.exists());
    let message = h.state().session.message.clone().unwrap_or_default();
    assert!(message.contains("merged"), "{message}");
    assert!(message.contains(".merged-"), "names the copy: {message}");
}

#[test]
fn the_command_line_exports_notes_kept_in_the_data_folder_and_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let content = dir.path().join("talk.ron");
    std::fs::write(&content, versus::model::BUILT_IN_RON).unwrap();
    let title = versus::model::Comparison::built_in().title;
    let mut beside = Notes::for_comparison(&title);
    beside.text_mut("scope").push_str("Written beside.");
    let sidecar = versus::notes::paths::sidecar_path(&content);
    std::fs::write(&sidecar, beside.to_ron()).unwrap();
    let kept = kept_while_read_only(&content, data.path(), |n| {
        n.text_mut("risk").push_str("Written while read-only.");
    });
    let run = common::cli::versus(
        &[
            "export".as_ref(),
            content.as_os_str(),
            "--format".as_ref(),
            "markdown".as_ref(),
            "--out".as_ref(),
            "-".as_ref(),
        ],
        Some(data.path()),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Written beside."), "{}", run.stdout);
    assert!(
        run.stdout.contains("Written while read-only."),
        "{}",
        run.stdout
    );
    // An export reads; it moves nothing.
    assert!(kept.exists());
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), beside.to_ron());
}

#[test]
fn a_file_changed_only_on_disk_is_taken_in_and_both_sides_changed_asks() {
    use std::time::Instant;
    use versus::notes::file::OutsideChange;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.notes.ron");
    let mut mine = Notes::for_comparison("T");
    mine.text_mut("a").push_str("Saved here.");
    std::fs::write(&path, mine.to_ron()).unwrap();
    let mut f = NotesFile::open(path.clone(), "T");
    assert_eq!(f.status, Status::Saved);

    // Nothing unsaved here: their version is taken in, no question, no copy.
    let mut theirs = Notes::for_comparison("T");
    theirs.text_mut("a").push_str("Edited elsewhere.");
    std::fs::write(&path, theirs.to_ron()).unwrap();
    assert_eq!(f.outside_change(), OutsideChange::Reloaded);
    assert_eq!(f.notes, theirs);
    assert_eq!(f.status, Status::Saved);
    assert!(!f.has_unsaved());
    assert!(f.can_write());
    let (job, wait) = f.poll_autosave(Instant::now() + std::time::Duration::from_secs(5));
    assert!(job.is_none() && wait.is_none(), "nothing to save");
    assert_eq!(f.flush(), Flushed::Clean);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs.to_ron());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no copy is made: {names:?}");

    // An edit here, then theirs again: both sides changed, the person
    // chooses and nothing is written meanwhile.
    f.notes.text_mut("a").push_str(" Mine too.");
    f.changed(Instant::now());
    let mut again = Notes::for_comparison("T");
    again.text_mut("a").push_str("Edited elsewhere, twice.");
    std::fs::write(&path, again.to_ron()).unwrap();
    assert_eq!(f.outside_change(), OutsideChange::Conflict);
    assert_eq!(f.status, Status::Conflict);
    assert_eq!(f.notes.text("a"), "Edited elsewhere. Mine too.");
    let (job, _) = f.poll_autosave(Instant::now() + std::time::Duration::from_secs(5));
    assert!(job.is_none());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), again.to_ron());

    // Changed, then undone by hand: nothing is unsaved, so theirs is taken
    // in even though an edit was made.
    let mut g = NotesFile::open(path.clone(), "T");
    g.notes.text_mut("a").push('!');
    g.changed(Instant::now());
    g.notes.text_mut("a").pop();
    g.changed(Instant::now());
    std::fs::write(&path, mine.to_ron()).unwrap();
    assert_eq!(g.outside_change(), OutsideChange::Reloaded);
    assert_eq!(g.notes, mine);
    let (job, _) = g.poll_autosave(Instant::now() + std::time::Duration::from_secs(5));
    assert!(job.is_none(), "the reload leaves nothing to save");
}
