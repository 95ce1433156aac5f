//! Notes files: any bytes through the notes loader; notes that load are
//! saved and loaded again, and exported with the built-in comparison.
//!
//! Checks: no panic; `from_ron(to_ron(n)) == n` (after pruning empty
//! entries, as saving does) and saving is stable; a notes file never loads
//! as a comparison; the exports keep their invariants with these notes.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use versus::export::ExportOptions;
use versus::model::{self, Comparison};
use versus::notes::Notes;
use versus_fuzz::check_exports;

/// Dimensions of the built-in comparison kept for the exports: those the
/// seeds annotate, few enough that exporting stays fast.
const KEPT: &[&str] = &["scope", "risk", "stakeholders", "team"];

fn built_in() -> &'static Comparison {
    static BUILT_IN: OnceLock<Comparison> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        let mut c = Comparison::built_in();
        c.dimensions.retain(|d| KEPT.contains(&d.id.as_str()));
        c
    })
}

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz.notes.ron");
    let Ok(notes) = Notes::from_ron(bytes, path) else {
        return;
    };
    let saved = notes.to_ron();
    let again = match Notes::from_ron(saved.as_bytes(), path) {
        Ok(again) => again,
        Err(e) => panic!("saved notes do not load again: {e}\n{saved}"),
    };
    let mut pruned = notes.clone();
    pruned.prune();
    assert_eq!(again, pruned, "notes changed on the way through a save");
    assert_eq!(again.to_ron(), saved, "saving the same notes twice differs");
    assert!(
        model::parse(bytes, Path::new("fuzz.ron")).is_err(),
        "a notes file was accepted as a comparison"
    );
    // One option set per input, chosen by its length (see `content`).
    let options = if bytes.len().is_multiple_of(2) {
        ExportOptions::default()
    } else {
        ExportOptions {
            starred_only: true,
            subjects: vec![1, 0],
            include_summaries: false,
            show_stars: true,
            audience: true,
            include_verdicts: true,
        }
    };
    check_exports(built_in(), &notes, &options);
});
