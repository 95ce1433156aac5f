//! Where a notes file lives: beside its content, else in the data folder;
//! and the names of copies kept aside.

use std::path::{Path, PathBuf};

/// Where notes for a content file live by default: beside it, as
/// `<stem>.notes.ron`.
#[must_use]
pub fn sidecar_path(content: &Path) -> PathBuf {
    let stem = content
        .file_stem()
        .map_or_else(|| "comparison".into(), |s| s.to_string_lossy());
    content.with_file_name(format!("{stem}.notes.ron"))
}

/// Where notes go when they cannot sit beside the content (the built-in
/// comparison, or a read-only folder): the user's data folder, one file per
/// content path.
#[must_use]
pub fn data_dir_notes_path(data_dir: &Path, content: Option<&Path>) -> PathBuf {
    match content {
        None => data_dir.join("built-in.notes.ron"),
        Some(p) => {
            let stem = p
                .file_stem()
                .map_or_else(|| "comparison".into(), |s| s.to_string_lossy());
            let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
            // FNV-1a: stable across runs and Rust versions, unlike `Hash`.
            let hash = full
                .to_string_lossy()
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
            data_dir.join(format!("{stem}-{hash:016x}.notes.ron"))
        }
    }
}

/// Whether a new file can be created in `dir`.
#[must_use]
pub fn is_writable_dir(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".versus-probe.")
        .tempfile_in(dir)
        .is_ok()
}

/// The notes file for a content file (or the built-in comparison when
/// `None`): beside it when its folder is writable, else in `data_dir`.
#[must_use]
pub fn default_notes_path(content: Option<&Path>, data_dir: &Path) -> PathBuf {
    if let Some(content) = content {
        let sidecar = sidecar_path(content);
        let dir = match sidecar.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        if sidecar.exists() || is_writable_dir(&dir) {
            return sidecar;
        }
    }
    data_dir_notes_path(data_dir, content)
}

/// A sibling of `path` named `<name>.<tag>-<unix seconds>` that does not
/// exist yet, for keeping a copy aside.
#[must_use]
pub fn aside_path(path: &Path, tag: &str) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "notes.ron".into(), |n| n.to_string_lossy());
    let mut candidate = path.with_file_name(format!("{name}.{tag}-{secs}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{tag}-{secs}-{n}"));
        n += 1;
    }
    candidate
}
