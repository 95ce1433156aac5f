//! Merging two versions of a notes file: nothing lost (a property test
//! over random versions), `versus merge-notes` as a real git merge driver,
//! and a notes file git merged as text.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use versus::notes::merge::{END_OF_THEIR_VERSION, THEIR_VERSION, merge2, merge3};
use versus::notes::{DimensionNotes, Notes, Rehearsal, Verdict};

// ---------------------------------------------------------------------
// Nothing lost: random BASE / OURS / THEIRS.

const IDS: [&str; 5] = ["d0", "d1", "d2", "d3", "orphan"];

/// A line: mostly from a few short ones, so versions share lines and the
/// merge has stable stretches to find; sometimes any text at all.
fn arb_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-f]".prop_map(String::from),
        1 => Just(String::new()),
        1 => any::<String>(),
    ]
}

fn arb_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(arb_line(), 0..8).prop_map(|lines| lines.join("\n"))
}

fn arb_dimension() -> impl Strategy<Value = DimensionNotes> {
    (
        arb_text(),
        any::<bool>(),
        proptest::collection::btree_set("[xyz]", 0..3),
        proptest::option::of(0..=300u32),
        proptest::option::of(prop_oneof![
            Just(Verdict::Even),
            "[ab]".prop_map(Verdict::Subject)
        ]),
        proptest::option::of(0..=3u8),
    )
        .prop_map(
            |(text, starred, highlights, budget, verdict, weight)| DimensionNotes {
                text,
                starred,
                highlights: highlights.into_iter().collect(),
                budget,
                verdict,
                weight,
                merged: None,
            },
        )
}

fn arb_notes() -> impl Strategy<Value = Notes> {
    (
        proptest::collection::btree_map(
            proptest::sample::select(IDS.to_vec()),
            arb_dimension(),
            0..5,
        ),
        arb_text(),
        proptest::option::of(1..=30u32),
        proptest::collection::btree_set("2026-0[1-9]", 0..4),
    )
        .prop_map(|(dims, overall, minutes, dates)| {
            let mut n = Notes::for_comparison("T");
            n.overall = overall;
            n.dimensions = dims.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            n.talk.minutes = minutes.unwrap_or(0);
            n.talk.rehearsals = dates
                .into_iter()
                .map(|date| Rehearsal {
                    date,
                    ..Rehearsal::default()
                })
                .collect();
            n
        })
}

/// A side's version: each field the base's, another random value, or (for
/// a note) the base's lines with some lines inserted and some removed.
fn arb_side(base: Notes) -> impl Strategy<Value = Notes> {
    (
        Just(base),
        arb_notes(),
        proptest::collection::vec(any::<u8>(), 64),
    )
        .prop_map(|(base, other, picks)| mix(&base, &other, &picks))
}

fn mix(base: &Notes, other: &Notes, picks: &[u8]) -> Notes {
    let mut picks = picks.iter().copied().cycle();
    let mut pick = move || picks.next().unwrap_or(0);
    let mut out = base.clone();
    let none = DimensionNotes::default();
    for id in IDS {
        let b = base.get(id).unwrap_or(&none);
        let o = other.get(id).unwrap_or(&none);
        let p = pick();
        let d = match p % 4 {
            0 => b.clone(),
            1 => o.clone(),
            _ => DimensionNotes {
                text: match pick() % 3 {
                    0 => b.text.clone(),
                    1 => o.text.clone(),
                    _ => edit(&b.text, &o.text, pick(), pick()),
                },
                starred: if pick() % 2 == 0 {
                    b.starred
                } else {
                    o.starred
                },
                highlights: if pick() % 2 == 0 {
                    b.highlights.clone()
                } else {
                    o.highlights.clone()
                },
                budget: if pick() % 2 == 0 { b.budget } else { o.budget },
                verdict: if pick() % 2 == 0 {
                    b.verdict.clone()
                } else {
                    o.verdict.clone()
                },
                weight: if pick() % 2 == 0 { b.weight } else { o.weight },
                merged: None,
            },
        };
        out.dimensions.insert(id.to_owned(), d);
    }
    if pick() % 2 == 0 {
        out.overall = edit(&base.overall, &other.overall, pick(), pick());
    }
    if pick() % 3 == 0 {
        out.talk.minutes = other.talk.minutes;
    }
    if pick() % 2 == 0 {
        out.talk
            .rehearsals
            .extend(other.talk.rehearsals.iter().cloned());
        out.talk.rehearsals.sort_by(|a, b| a.date.cmp(&b.date));
        out.talk.rehearsals.dedup_by(|a, b| a.date == b.date);
        out.talk.keep_within_limits();
    }
    out.prune();
    out
}

/// `base`'s lines with `other`'s spliced in at a place, and a line removed.
fn edit(base: &str, other: &str, at: u8, remove: u8) -> String {
    let mut lines: Vec<&str> = if base.is_empty() {
        Vec::new()
    } else {
        base.split('\n').collect()
    };
    if !lines.is_empty() && remove.is_multiple_of(3) {
        lines.remove(usize::from(remove) % lines.len());
    }
    let at = usize::from(at) % (lines.len() + 1);
    let added: Vec<&str> = if other.is_empty() {
        Vec::new()
    } else {
        other.split('\n').collect()
    };
    lines.splice(at..at, added);
    lines.join("\n")
}

fn lines(text: &str) -> BTreeSet<&str> {
    if text.is_empty() {
        BTreeSet::new()
    } else {
        text.split('\n').collect()
    }
}

fn arb_three() -> impl Strategy<Value = (Notes, Notes, Notes)> {
    arb_notes().prop_flat_map(|base| (Just(base.clone()), arb_side(base.clone()), arb_side(base)))
}

/// The merged notes parse back to themselves and write the same bytes.
fn assert_round_trips(merged: &Notes) {
    let text = merged.to_ron();
    let again = Notes::from_ron(text.as_bytes(), Path::new("merged.notes.ron")).unwrap();
    let mut pruned = merged.clone();
    pruned.prune();
    assert_eq!(again, pruned);
    assert_eq!(again.to_ron(), text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_three_way_merge_loses_nothing_either_side_added((base, ours, theirs) in arb_three()) {
        let m = merge3(&base, &ours, &theirs);
        let none = DimensionNotes::default();
        for side in [&ours, &theirs] {
            for id in IDS {
                let (b, s) = (base.get(id).unwrap_or(&none), side.get(id).unwrap_or(&none));
                let got = m.notes.get(id).unwrap_or(&none);
                let result = lines(&got.text);
                for line in lines(&s.text).difference(&lines(&b.text)) {
                    prop_assert!(result.contains(line), "{id}: line {line:?} lost: {:?}", got.text);
                }
                if s.starred && !b.starred {
                    prop_assert!(got.starred, "{id}: star lost");
                }
                for h in &s.highlights {
                    if !b.highlights.contains(h) {
                        prop_assert!(got.highlights.contains(h), "{id}: highlight {h} lost");
                    }
                }
            }
            let result = lines(&m.notes.overall);
            for line in lines(&side.overall).difference(&lines(&base.overall)) {
                prop_assert!(result.contains(line), "overall: line {line:?} lost");
            }
        }
        // Both versions kept somewhere: said, and flagged there.
        for place in &m.kept_both {
            let flagged = match place {
                versus::notes::merge::Place::Overall => m.notes.merged.is_some(),
                versus::notes::merge::Place::Dimension(id) => {
                    m.notes.get(id).is_some_and(|d| d.merged.is_some())
                }
            };
            prop_assert!(flagged, "{place} kept both but is not flagged");
        }
        // Unchanged on one side: the other side's version, exactly.
        let one_sided = merge3(&base, &base, &theirs);
        for id in IDS {
            prop_assert_eq!(one_sided.notes.text(id), theirs.text(id));
        }
        assert_round_trips(&m.notes);
        prop_assert_eq!(merge3(&base, &ours, &theirs), m, "deterministic");
    }

    #[test]
    fn a_two_way_merge_drops_nothing_of_either((_, ours, theirs) in arb_three()) {
        let m = merge2(&ours, &theirs);
        let none = DimensionNotes::default();
        for side in [&ours, &theirs] {
            for id in IDS {
                let s = side.get(id).unwrap_or(&none);
                let got = m.notes.get(id).unwrap_or(&none);
                let result = lines(&got.text);
                for line in lines(&s.text) {
                    prop_assert!(result.contains(line), "{id}: line {line:?} lost");
                }
                prop_assert!(!s.starred || got.starred, "{id}: star lost");
                for h in &s.highlights {
                    prop_assert!(got.highlights.contains(h), "{id}: highlight lost");
                }
                for (mine, merged) in [(s.verdict.is_some(), got.verdict.is_some()), (s.weight.is_some(), got.weight.is_some()), (s.budget.is_some(), got.budget.is_some())] {
                    prop_assert!(!mine || merged, "{id}: a value lost");
                }
            }
        }
        assert_round_trips(&m.notes);
        prop_assert_eq!(merge2(&ours, &theirs), m, "deterministic");
    }
}

// ---------------------------------------------------------------------
// `versus merge-notes`, the real binary.

fn write_notes(path: &Path, notes: &Notes) {
    std::fs::write(path, notes.to_ron()).unwrap();
}

fn read_notes(path: &Path) -> Notes {
    Notes::from_ron(&std::fs::read(path).unwrap(), path).unwrap()
}

fn merge_notes_cli(args: &[&Path], out: Option<&Path>) -> common::cli::Run {
    let mut command_line: Vec<&std::ffi::OsStr> = vec!["merge-notes".as_ref()];
    command_line.extend(args.iter().map(|p| p.as_os_str()));
    if let Some(out) = out {
        command_line.push("--out".as_ref());
        command_line.push(out.as_os_str());
    }
    let run = common::cli::versus(&command_line, None);
    run.assert_no_panic();
    run
}

#[test]
fn merge_notes_exits_0_clean_1_with_both_kept_2_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let [base, ours, theirs] = ["base", "ours", "theirs"].map(|n| dir.path().join(n));
    let mut b = Notes::for_comparison("T");
    b.text_mut("scope").push_str("one\ntwo");
    write_notes(&base, &b);
    let mut o = b.clone();
    o.toggle_star("risk");
    let mut t = b.clone();
    t.text_mut("team").push_str("theirs");
    write_notes(&ours, &o);
    write_notes(&theirs, &t);

    let run = merge_notes_cli(&[&base, &ours, &theirs], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let merged = read_notes(&ours);
    assert!(merged.is_starred("risk"));
    assert_eq!(merged.text("team"), "theirs");

    // The same line changed on both sides: both kept, exit 1, written to --out.
    o.text_mut("scope").push_str(" (mine)");
    t.text_mut("scope").push_str(" (theirs)");
    write_notes(&ours, &o);
    write_notes(&theirs, &t);
    let out = dir.path().join("out");
    let run = merge_notes_cli(&[&base, &ours, &theirs], Some(&out));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("dimension \"scope\""), "{}", run.stderr);
    assert_eq!(read_notes(&ours), o, "--out leaves OURS alone");
    let merged = read_notes(&out);
    assert_eq!(
        merged.text("scope"),
        format!("one\ntwo (mine)\n{THEIR_VERSION}\ntwo (theirs)\n{END_OF_THEIR_VERSION}")
    );
    assert!(
        merged.dimensions["scope"]
            .merged
            .as_ref()
            .unwrap()
            .both_texts
    );

    // An empty base (git's when there is no common ancestor): two-way.
    std::fs::write(&base, "").unwrap();
    let run = merge_notes_cli(&[&base, &ours, &theirs], Some(&out));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(read_notes(&out).text("scope").contains(THEIR_VERSION));

    // Not a notes file: exit 2, nothing written.
    std::fs::write(&theirs, "# Not notes").unwrap();
    let before = std::fs::read(&ours).unwrap();
    let run = merge_notes_cli(&[&base, &ours, &theirs], None);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}

// ---------------------------------------------------------------------
// Real git: two clones annotate the built-in comparison's notes.

const NOTES: &str = "talk.notes.ron";

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        // Nothing from the machine's or the person's own git set-up.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A clone with a name, and (when `driver`) versus as its notes merge driver.
fn set_up(dir: &Path, name: &str, driver: bool) {
    git_ok(dir, &["config", "user.name", name]);
    git_ok(
        dir,
        &["config", "user.email", &format!("{name}@example.org")],
    );
    if driver {
        let exe = env!("CARGO_BIN_EXE_versus");
        git_ok(
            dir,
            &[
                "config",
                "merge.versus.driver",
                &format!("'{exe}' merge-notes %O %A %B"),
            ],
        );
    }
}

fn commit_notes(dir: &Path, notes: &Notes, message: &str) {
    write_notes(&dir.join(NOTES), notes);
    git_ok(dir, &["commit", "-q", "-am", message]);
}

/// Two clones of a repository holding the notes and the driver's
/// attribute: (`alice`, `bob`), and the base notes.
fn two_clones(root: &Path, driver: bool) -> (PathBuf, PathBuf, Notes) {
    let alice = root.join("alice");
    std::fs::create_dir(&alice).unwrap();
    git_ok(&alice, &["init", "-q", "-b", "main"]);
    set_up(&alice, "alice", driver);
    std::fs::write(alice.join(".gitattributes"), "*.notes.ron merge=versus\n").unwrap();
    let mut base = Notes::for_comparison("Project Management vs Technology Management");
    base.text_mut("scope")
        .push_str("Open with scope.\nKeep it short.\nThen the table.");
    write_notes(&alice.join(NOTES), &base);
    git_ok(&alice, &["add", "."]);
    git_ok(&alice, &["commit", "-q", "-m", "base notes"]);
    git_ok(root, &["clone", "-q", "alice", "bob"]);
    let bob = root.join("bob");
    set_up(&bob, "bob", driver);
    (alice, bob, base)
}

fn merge_from_bob(alice: &Path) -> std::process::Output {
    git_ok(alice, &["fetch", "-q", "../bob", "main"]);
    git(alice, &["merge", "--no-edit", "FETCH_HEAD"])
}

#[test]
fn git_merges_two_presenters_notes_with_the_driver() {
    let root = tempfile::tempdir().unwrap();
    let (alice, bob, base) = two_clones(root.path(), true);

    // Different dimensions: a clean merge.
    let mut a = base.clone();
    a.text_mut("risk").push_str("Alice on risk.");
    a.toggle_star("risk");
    a.entry("scope").verdict = Some(Verdict::Subject("pm".to_owned()));
    commit_notes(&alice, &a, "alice: risk");
    let mut b = base.clone();
    b.text_mut("team").push_str("Bob on teams.");
    b.toggle_star("team");
    b.entry("careers").weight = Some(3);
    commit_notes(&bob, &b, "bob: team");
    let out = merge_from_bob(&alice);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let merged = read_notes(&alice.join(NOTES));
    assert_eq!(merged.text("risk"), "Alice on risk.");
    assert_eq!(merged.text("team"), "Bob on teams.");
    assert!(merged.is_starred("risk") && merged.is_starred("team"));
    assert_eq!(merged.get("careers").unwrap().weight, Some(3));
    assert_eq!(
        merged.get("scope").unwrap().verdict,
        Some(Verdict::Subject("pm".to_owned()))
    );
    assert!(merged.dimensions.values().all(|d| d.merged.is_none()));
    git_ok(&bob, &["pull", "-q", "--no-rebase", "../alice", "main"]);

    // The same dimension: both versions kept, git reports the conflict.
    let mut a = merged.clone();
    *a.text_mut("scope") =
        "Open with scope.\nAlice: keep it very short.\nThen the table.".to_owned();
    a.entry("scope").verdict = Some(Verdict::Even);
    commit_notes(&alice, &a, "alice: scope");
    let mut b = merged.clone();
    *b.text_mut("scope") =
        "Open with scope.\nBob: two minutes at most.\nThen the table.".to_owned();
    b.entry("scope").verdict = Some(Verdict::Subject("tm".to_owned()));
    commit_notes(&bob, &b, "bob: scope");
    let out = merge_from_bob(&alice);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "git reports the conflict: {said}");
    assert!(said.contains("CONFLICT") && said.contains(NOTES), "{said}");
    let text = std::fs::read_to_string(alice.join(NOTES)).unwrap();
    assert!(!text.contains("<<<<<<<"), "no text markers: {text}");
    let result = Notes::from_ron(text.as_bytes(), &alice.join(NOTES)).unwrap();
    assert_eq!(
        result.text("scope"),
        format!(
            "Open with scope.\nAlice: keep it very short.\n{THEIR_VERSION}\nBob: two minutes at most.\n{END_OF_THEIR_VERSION}\nThen the table."
        )
    );
    let scope = result.get("scope").unwrap();
    assert_eq!(scope.verdict, Some(Verdict::Even), "ours");
    let check = scope.merged.as_ref().expect("flagged \"merged, check\"");
    assert!(check.both_texts);
    assert_eq!(
        check.their_verdict,
        Some(Some(Verdict::Subject("tm".to_owned())))
    );
    assert_eq!(result.text("risk"), "Alice on risk.", "the rest untouched");
    // Versus opens it: the export reads it without complaint.
    let run = common::cli::versus(
        &[
            "export".as_ref(),
            Path::new("data/project-vs-technology-management.ron").as_os_str(),
            "--notes".as_ref(),
            alice.join(NOTES).as_os_str(),
            "--format".as_ref(),
            "markdown".as_ref(),
            "--out".as_ref(),
            "-".as_ref(),
        ],
        Some(root.path()),
    );
    assert!(run.success(), "{}", run.stderr);
    assert!(run.stdout.contains("Bob: two minutes at most."));
}

#[test]
fn a_notes_file_git_merged_as_text_names_the_fix() {
    let root = tempfile::tempdir().unwrap();
    let (alice, bob, base) = two_clones(root.path(), false);
    let mut a = base.clone();
    *a.text_mut("scope") = "Alice's version.".to_owned();
    commit_notes(&alice, &a, "alice");
    let mut b = base.clone();
    *b.text_mut("scope") = "Bob's version.".to_owned();
    commit_notes(&bob, &b, "bob");
    // No driver configured: git's own text merge and its markers.
    let out = merge_from_bob(&alice);
    assert!(!out.status.success());
    let path = alice.join(NOTES);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("<<<<<<<"), "{text}");
    let e = Notes::from_ron(text.as_bytes(), &path).unwrap_err();
    let message = e.to_string();
    assert!(message.contains("conflict markers"), "{message}");
    assert!(message.contains("merge.versus.driver"), "{message}");
    assert!(message.contains("git checkout -m"), "{message}");
    let marker_line = text.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1;
    assert!(message.contains(&format!(":{marker_line}:")), "{message}");
    // The window and the command line say the same, never a crash.
    let run = common::cli::versus(
        &[
            "export".as_ref(),
            Path::new("data/project-vs-technology-management.ron").as_os_str(),
            "--notes".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "markdown".as_ref(),
            "--out".as_ref(),
            "-".as_ref(),
        ],
        Some(root.path()),
    );
    run.assert_no_panic();
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("merge.versus.driver"), "{}", run.stderr);

    // The fix the message names: set up the driver, merge the file again.
    set_up(&alice, "alice", true);
    git_ok(&alice, &["checkout", "-m", "--", NOTES]);
    let merged = read_notes(&path);
    assert_eq!(
        merged.text("scope"),
        format!("Alice's version.\n{THEIR_VERSION}\nBob's version.\n{END_OF_THEIR_VERSION}")
    );
}

/// `--out` never replaces a comparison (or any file that is not notes):
/// exit 2, the file as it was.
#[test]
fn merge_notes_never_writes_over_a_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let [base, ours, theirs] = ["base", "ours", "theirs"].map(|n| dir.path().join(n));
    for p in [&base, &ours, &theirs] {
        write_notes(p, &Notes::for_comparison("T"));
    }
    let talk = dir.path().join("talk.ron");
    let content = "Comparison(title: \"T\", subjects: [], dimensions: [])\n";
    std::fs::write(&talk, content).unwrap();
    let run = merge_notes_cli(&[&base, &ours, &theirs], Some(&talk));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("not a notes file"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&talk).unwrap(), content);
}
