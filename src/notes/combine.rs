//! Two copies of one comparison's notes made one, with nothing dropped.
//!
//! While a comparison's folder cannot be written, its notes go to the data
//! folder; once the folder can be written again they belong beside the
//! content. [`take_in_kept`] moves them there when a comparison is opened:
//! merged into the notes already beside it ([`merge`]), the data-folder
//! file renamed aside as a backup. No egui here.

use std::path::{Path, PathBuf};

use crate::notes::merge::MergeCheck;
use crate::notes::paths::aside_path;
use crate::notes::{DimensionNotes, Notes, Verdict};
use crate::storage;

/// Whether `notes` hold anything a person wrote or set.
#[must_use]
pub fn has_content(notes: &Notes) -> bool {
    !notes.overall.trim().is_empty()
        || notes.dimensions.values().any(|d| !d.is_empty())
        || !notes.talk.is_empty()
}

/// `ours` with everything of `theirs` added, field by field:
///
/// - note texts: both kept; when they differ, `theirs` follows `ours`
///   under a line naming `other` ("the notes kept in the data folder").
///   A text already holding the other is left as it is, so merging twice
///   adds nothing;
/// - stars and highlights: the union;
/// - a budget, a better fit, a weight, the talk's length: `ours` when set,
///   else `theirs`; when both are set and differ, `theirs` is written in
///   the text, so it stays readable;
/// - budgets shared by what was marked (`weighted`): when either says so;
/// - rehearsals: both runs, by date (at most the file's limit, the last
///   ones);
/// - "merged, check" flags: every flag either copy holds (see
///   `merge_check`).
#[must_use]
pub fn merge(ours: &Notes, theirs: &Notes, other: &str) -> Notes {
    let mut merged = ours.clone();
    if merged.comparison.trim().is_empty() {
        merged.comparison.clone_from(&theirs.comparison);
    }
    let mut overall_extra = theirs.overall.trim().to_owned();
    let talk = &mut merged.talk;
    if talk.minutes == 0 {
        talk.minutes = theirs.talk.minutes;
    } else if theirs.talk.minutes != 0 && theirs.talk.minutes != talk.minutes {
        push_line(
            &mut overall_extra,
            &format!("(In {other}: a talk of {} min.)", theirs.talk.minutes),
        );
    }
    talk.weighted |= theirs.talk.weighted;
    for run in &theirs.talk.rehearsals {
        if !talk.rehearsals.contains(run) {
            talk.rehearsals.push(run.clone());
        }
    }
    // By date, then by everything else: the same two copies always give
    // the same runs, in whichever order they came.
    talk.rehearsals
        .sort_by(|a, b| (&a.date, a.title, &a.seconds).cmp(&(&b.date, b.title, &b.seconds)));
    talk.keep_within_limits();
    merged.overall = merge_text(&ours.overall, &overall_extra, other);
    merged.merged = merge_check(ours.merged.as_ref(), theirs.merged.as_ref());
    for (id, theirs) in &theirs.dimensions {
        let merged_dimension = merge_dimension(merged.entry(id), theirs, other);
        *merged.entry(id) = merged_dimension;
    }
    merged.prune();
    merged
}

/// One dimension's notes of `theirs` added to `ours`.
fn merge_dimension(ours: &DimensionNotes, theirs: &DimensionNotes, other: &str) -> DimensionNotes {
    let mut merged = ours.clone();
    merged.starred |= theirs.starred;
    for h in &theirs.highlights {
        if !merged.highlights.contains(h) {
            merged.highlights.push(h.clone());
        }
    }
    merged.highlights.sort();
    let mut differ = Vec::new();
    match (ours.budget, theirs.budget) {
        (None, b) => merged.budget = b,
        (Some(a), Some(b)) if a != b => differ.push(format!("a budget of {}", clock(b))),
        _ => {}
    }
    match (&ours.verdict, &theirs.verdict) {
        (None, v) => merged.verdict.clone_from(v),
        (Some(a), Some(b)) if a != b => differ.push(match b {
            Verdict::Even => "even".to_owned(),
            Verdict::Subject(id) => format!("a better fit for {id}"),
        }),
        _ => {}
    }
    match (ours.weight, theirs.weight) {
        (None, w) => merged.weight = w,
        (Some(a), Some(b)) if a != b => differ.push(format!("a weight of {b}")),
        _ => {}
    }
    let mut extra = theirs.text.trim().to_owned();
    if !differ.is_empty() {
        push_line(&mut extra, &format!("(In {other}: {}.)", differ.join(", ")));
    }
    merged.text = merge_text(&ours.text, &extra, other);
    merged.merged = merge_check(ours.merged.as_ref(), theirs.merged.as_ref());
    merged
}

/// Both copies' "merged, check" flags in one, so no flag left to check is
/// dropped: set in either, set in the result; `ours` first where both hold
/// a value.
fn merge_check(ours: Option<&MergeCheck>, theirs: Option<&MergeCheck>) -> Option<MergeCheck> {
    match (ours, theirs) {
        (None, theirs) => theirs.cloned(),
        (Some(ours), None) => Some(ours.clone()),
        (Some(o), Some(t)) => Some(MergeCheck {
            both_texts: o.both_texts || t.both_texts,
            their_verdict: o.their_verdict.clone().or_else(|| t.their_verdict.clone()),
            their_weight: o.their_weight.or(t.their_weight),
            their_budget: o.their_budget.or(t.their_budget),
            their_minutes: o.their_minutes.or(t.their_minutes),
        }),
    }
}

/// `ours`, then `theirs` under a line naming `other` when it adds
/// anything.
fn merge_text(ours: &str, theirs: &str, other: &str) -> String {
    let theirs = theirs.trim();
    if theirs.is_empty() || ours.contains(theirs) {
        return ours.to_owned();
    }
    let ours_trimmed = ours.trim();
    if ours_trimmed.is_empty() || theirs.contains(ours_trimmed) {
        return theirs.to_owned();
    }
    format!("{}\n\n*From {other}:*\n\n{theirs}", ours.trim_end())
}

/// Adds `line` after `text`, on a line of its own.
fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(line);
}

/// Seconds as m:ss.
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// What [`take_in_kept`] did with the notes kept in the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenIn {
    /// The data folder holds no notes for this comparison (or only empty
    /// ones): nothing to do.
    Nothing,
    /// They are now in the notes file beside the content (merged with
    /// what was there when `merged`), and the data-folder file was renamed
    /// to `backup`.
    Moved {
        /// Whether the file beside the content held notes too.
        merged: bool,
        /// The data-folder file, renamed aside; `None` when renaming failed
        /// and it stays where it was.
        backup: Option<PathBuf>,
    },
    /// They could not be written beside the content: the caller shows
    /// these notes (both copies merged) as unsaved, so that autosave
    /// writes them, and says why. Nothing on disk was changed.
    Unwritten {
        /// Both copies, merged.
        notes: Notes,
        /// Why the write failed.
        why: String,
    },
    /// The file beside the content cannot be read; nothing was changed
    /// and the data-folder file stays where it is.
    Left {
        /// Why the file beside the content cannot be read.
        why: String,
    },
}

/// How the merged text names the data folder's copy.
pub const KEPT_NAME: &str = "the notes kept in the data folder";

/// Moves notes that were kept in the data folder (at `kept`, while the
/// content's folder could not be written) to `sidecar`, their place beside
/// the content: merged into what `sidecar` holds, written atomically, and
/// the data-folder file renamed aside (`<name>.merged-<time>`) so that a
/// copy stays. Never writes over a `sidecar` it cannot read, and never
/// removes anything.
#[must_use]
pub fn take_in_kept(sidecar: &Path, kept: &Path, title: &str) -> TakenIn {
    let Some(theirs) = read(kept).ok().flatten().filter(has_content) else {
        // Unreadable notes in the data folder stay there untouched; the
        // person sees them by opening them (File ▸ Open notes…).
        return TakenIn::Nothing;
    };
    let ours = match read(sidecar) {
        Ok(ours) => ours,
        Err(why) => return TakenIn::Left { why },
    };
    let had_notes = ours.as_ref().is_some_and(has_content);
    let ours = ours.unwrap_or_else(|| Notes::for_comparison(title));
    let merged = merge(&ours, &theirs, KEPT_NAME);
    if let Err(e) = storage::write_atomic(sidecar, merged.to_ron().as_bytes()) {
        return TakenIn::Unwritten {
            notes: merged,
            why: e.to_string(),
        };
    }
    let backup = aside_path(kept, "merged");
    let backup = std::fs::rename(kept, &backup).ok().map(|()| backup);
    TakenIn::Moved {
        merged: had_notes,
        backup,
    }
}

/// `notes` with the notes kept in the data folder at `kept` added, as
/// [`take_in_kept`] adds them, without writing or moving anything: for
/// reading the notes (an export from the command line) rather than editing
/// them. Kept notes that cannot be read add nothing.
#[must_use]
pub fn with_kept(notes: Notes, kept: &Path) -> Notes {
    match read(kept) {
        Ok(Some(theirs)) if has_content(&theirs) => merge(&notes, &theirs, KEPT_NAME),
        _ => notes,
    }
}

/// The notes in `path`: `None` when there is no file (or an empty one).
fn read(path: &Path) -> Result<Option<Notes>, String> {
    match crate::notes::read_bytes(path) {
        Ok(None) => Ok(None),
        Ok(Some(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(None),
        Ok(Some(bytes)) => Notes::from_ron(&bytes, path)
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::Rehearsal;

    fn notes(f: impl FnOnce(&mut Notes)) -> Notes {
        let mut n = Notes::for_comparison("T");
        f(&mut n);
        n
    }

    #[test]
    fn into_empty_notes_the_other_copy_comes_whole() {
        let theirs = notes(|n| {
            n.overall = "Frame it as a choice.".to_owned();
            n.text_mut("a").push_str("Say this.");
            n.toggle_star("a");
            n.toggle_highlight("b", "Cost");
            n.entry("b").budget = Some(90);
            n.entry("b").verdict = Some(Verdict::Even);
            n.entry("b").weight = Some(2);
            n.talk.minutes = 10;
            n.talk.weighted = true;
        });
        let merged = merge(&Notes::for_comparison("T"), &theirs, KEPT_NAME);
        assert_eq!(merged, theirs);
        assert_eq!(merged.to_ron(), theirs.to_ron());
    }

    #[test]
    fn both_copies_keep_every_word_star_and_highlight() {
        let ours = notes(|n| {
            n.overall = "Ours overall.".to_owned();
            n.text_mut("a").push_str("Ours on a.");
            n.toggle_highlight("a", "Cost");
            n.toggle_star("c");
        });
        let theirs = notes(|n| {
            n.overall = "Theirs overall.".to_owned();
            n.text_mut("a").push_str("Theirs on a.");
            n.toggle_highlight("a", "Speed");
            n.toggle_highlight("a", "Cost");
            n.toggle_star("a");
            n.text_mut("b").push_str("Only theirs.");
        });
        let merged = merge(&ours, &theirs, KEPT_NAME);
        let a = merged.get("a").unwrap();
        assert!(a.starred);
        assert_eq!(a.highlights, ["Cost", "Speed"]);
        assert!(a.text.starts_with("Ours on a."), "{}", a.text);
        assert!(a.text.ends_with("Theirs on a."), "{}", a.text);
        assert!(
            a.text.contains(KEPT_NAME),
            "the other copy is named: {}",
            a.text
        );
        assert!(merged.overall.contains("Ours overall."));
        assert!(merged.overall.contains("Theirs overall."));
        assert_eq!(merged.text("b"), "Only theirs.");
        assert!(merged.is_starred("c"));
        // Merging again adds nothing.
        assert_eq!(merge(&merged, &theirs, KEPT_NAME), merged);
        // The same words on both sides are written once.
        assert_eq!(merge(&ours, &ours, KEPT_NAME), ours);
    }

    #[test]
    fn other_fields_take_ours_and_keep_theirs_in_the_text() {
        let ours = notes(|n| {
            let d = n.entry("a");
            d.budget = Some(60);
            d.verdict = Some(Verdict::Subject("pm".to_owned()));
            d.weight = Some(1);
            n.talk.minutes = 10;
        });
        let theirs = notes(|n| {
            let d = n.entry("a");
            d.budget = Some(150);
            d.verdict = Some(Verdict::Subject("tm".to_owned()));
            d.weight = Some(3);
            n.entry("b").budget = Some(30);
            n.talk.minutes = 20;
        });
        let merged = merge(&ours, &theirs, KEPT_NAME);
        let a = merged.get("a").unwrap();
        assert_eq!(a.budget, Some(60));
        assert_eq!(a.verdict, Some(Verdict::Subject("pm".to_owned())));
        assert_eq!(a.weight, Some(1));
        for kept in ["2:30", "tm", "weight of 3"] {
            assert!(a.text.contains(kept), "{kept} in {:?}", a.text);
        }
        assert_eq!(merged.get("b").unwrap().budget, Some(30));
        assert_eq!(merged.talk.minutes, 10);
        assert!(merged.overall.contains("20 min"), "{:?}", merged.overall);
        assert_eq!(merge(&merged, &theirs, KEPT_NAME), merged);
    }

    #[test]
    fn rehearsals_of_both_are_kept_by_date() {
        let run = |date: &str| Rehearsal {
            date: date.to_owned(),
            ..Rehearsal::default()
        };
        let ours = notes(|n| n.talk.rehearsals = vec![run("2026-01-02 10:00")]);
        let theirs = notes(|n| {
            n.talk.rehearsals = vec![run("2026-01-01 09:00"), run("2026-01-02 10:00")];
        });
        let merged = merge(&ours, &theirs, KEPT_NAME);
        let dates: Vec<&str> = merged
            .talk
            .rehearsals
            .iter()
            .map(|r| r.date.as_str())
            .collect();
        assert_eq!(dates, ["2026-01-01 09:00", "2026-01-02 10:00"]);
    }

    #[test]
    fn kept_notes_move_beside_the_content_and_a_backup_stays() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("t.notes.ron");
        let kept = dir.path().join("kept.notes.ron");
        // Nothing kept: nothing done.
        assert_eq!(take_in_kept(&sidecar, &kept, "T"), TakenIn::Nothing);
        std::fs::write(&kept, Notes::for_comparison("T").to_ron()).unwrap();
        assert_eq!(take_in_kept(&sidecar, &kept, "T"), TakenIn::Nothing);
        assert!(!sidecar.exists(), "empty kept notes write nothing");

        let theirs = notes(|n| n.text_mut("a").push_str("Kept while read-only."));
        std::fs::write(&kept, theirs.to_ron()).unwrap();
        std::fs::write(&sidecar, "").unwrap();
        let TakenIn::Moved {
            merged: false,
            backup: Some(backup),
        } = take_in_kept(&sidecar, &kept, "T")
        else {
            panic!("not moved");
        };
        assert!(!kept.exists());
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), theirs.to_ron());
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), theirs.to_ron());

        #[cfg(unix)]
        {
            // A sidecar that cannot be written: nothing moves, and the merged
            // notes come back for the window to show (and to save later).
            let elsewhere = dir.path().join("elsewhere.notes.ron");
            std::os::unix::fs::symlink(dir.path().join("gone/x.notes.ron"), &elsewhere).unwrap();
            std::fs::write(&kept, theirs.to_ron()).unwrap();
            let TakenIn::Unwritten { notes, .. } = take_in_kept(&elsewhere, &kept, "T") else {
                panic!("written through a link to a missing folder");
            };
            assert_eq!(notes, theirs);
            assert_eq!(std::fs::read_to_string(&kept).unwrap(), theirs.to_ron());
        }

        // A sidecar that is not notes is never written over.
        std::fs::write(&kept, theirs.to_ron()).unwrap();
        std::fs::write(&sidecar, "Comparison(title: \"x\")").unwrap();
        assert!(matches!(
            take_in_kept(&sidecar, &kept, "T"),
            TakenIn::Left { .. }
        ));
        assert!(kept.exists());
        assert_eq!(
            std::fs::read_to_string(&sidecar).unwrap(),
            "Comparison(title: \"x\")"
        );
    }
}
