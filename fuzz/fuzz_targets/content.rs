//! Content files: any bytes through the loader; a comparison that loads
//! through the three exporters with notes made of its own text.
//!
//! Checks: no panic; the loader's errors and warnings stay linear in the
//! input; a file that loads as a comparison is refused as notes; every
//! export keeps its format's invariants (`versus_fuzz`). Time and memory
//! are bounded by libFuzzer's `-timeout` and `-rss_limit_mb`.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use versus::model;
use versus::notes::Notes;
use versus_fuzz::{check_diagnostics_size, check_exports, notes_from, option_sets};

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz.ron");
    let loaded = match model::parse(bytes, path) {
        Ok(loaded) => loaded,
        Err(model::LoadError::Invalid { problems, .. }) => {
            check_diagnostics_size(bytes.len(), &problems);
            return;
        }
        Err(e @ model::LoadError::Io { .. }) => panic!("parse gave an I/O error: {e}"),
    };
    check_diagnostics_size(bytes.len(), &loaded.warnings);
    assert!(
        Notes::from_ron(bytes, Path::new("fuzz.notes.ron")).is_err(),
        "a comparison was accepted as a notes file"
    );
    let c = &loaded.comparison;
    // One option set per input (chosen by its length, so a reproducer
    // replays the same way): exporting is most of the time spent here,
    // and the corpus holds inputs of every length.
    let sets = option_sets(c);
    let options = &sets[bytes.len() % sets.len()];
    let notes = if bytes.len().is_multiple_of(2) {
        notes_from(c)
    } else {
        Notes::default()
    };
    check_exports(c, &notes, options);
});
