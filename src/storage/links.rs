//! Symbolic links, as a write would follow them.

use std::path::{Path, PathBuf};

use super::{TargetKind, WriteError, folder_of, resolve_target};

/// A symbolic link, as a write to its path would follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where it finally points (after every link), as plainly as the
    /// system can say it.
    pub target: PathBuf,
    /// What is there: [`TargetKind::New`] when nothing is (a dangling
    /// link, or a loop of links).
    pub kind: TargetKind,
    /// Whether the target lies in the link's own folder or below it.
    pub inside: bool,
}

impl Link {
    /// Whether it points at nothing.
    #[must_use]
    pub fn is_dangling(&self) -> bool {
        self.kind == TargetKind::New
    }

    /// The refusal to write through this link, when it points at nothing
    /// or out of its folder; `None` for a link within its folder.
    #[must_use]
    pub fn refusal(&self, path: &Path) -> Option<WriteError> {
        let why = if self.is_dangling() {
            ", which does not exist"
        } else if !self.inside {
            ", outside its folder"
        } else {
            return None;
        };
        Some(WriteError::Link {
            path: path.to_owned(),
            target: self.target.clone(),
            why,
        })
    }
}

/// The symbolic link at `path`; `None` when `path` is not one (a file,
/// nothing, a path the system will not describe).
#[must_use]
pub fn link_at(path: &Path) -> Option<Link> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let folder = std::fs::canonicalize(folder_of(path)).ok();
    match resolve_target(path) {
        Ok(t) => {
            let target = plain_path(&t.path);
            let inside = t.kind != TargetKind::New
                && folder.is_some_and(|f| target.starts_with(&f) && target != f);
            Some(Link {
                target,
                kind: t.kind,
                inside,
            })
        }
        // A loop, or a link into a missing folder: it points at nothing.
        Err(_) => Some(Link {
            target: std::fs::read_link(path)
                .map_or_else(|_| path.to_owned(), |l| folder_of(path).join(l)),
            kind: TargetKind::New,
            inside: false,
        }),
    }
}

/// `path` without `..`, `.` or links, where the system can say it: the file
/// itself, else its folder and name; else `path` as it is.
fn plain_path(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (std::fs::canonicalize(folder_of(path)), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_owned(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::storage::{write_atomic, write_atomic_trusting, write_export};
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_their_folder_or_to_nothing_are_not_written_through() {
        let root = tempfile::tempdir().unwrap();
        let (ship, home) = (root.path().join("ship"), root.path().join("home"));
        std::fs::create_dir_all(ship.join("sub")).unwrap();
        std::fs::create_dir(&home).unwrap();
        std::fs::write(home.join(".bashrc"), "mine").unwrap();
        std::fs::write(ship.join("sub/real"), "old").unwrap();

        let out = ship.join("out");
        symlink("../home/.bashrc", &out).unwrap();
        let link = link_at(&out).unwrap();
        assert!(!link.inside && !link.is_dangling());
        assert_eq!(
            link.target,
            std::fs::canonicalize(home.join(".bashrc")).unwrap()
        );
        assert!(matches!(
            write_atomic(&out, b"x"),
            Err(WriteError::Link { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(home.join(".bashrc")).unwrap(),
            "mine"
        );
        // Agreed to once for another place: still refused; for this one:
        // written through, the link kept.
        let elsewhere = home.join("other");
        assert!(write_atomic_trusting(&out, b"x", Some(&elsewhere)).is_err());
        write_atomic_trusting(&out, b"agreed", Some(&link.target)).unwrap();
        assert_eq!(
            std::fs::read_to_string(home.join(".bashrc")).unwrap(),
            "agreed"
        );
        assert!(link_at(&out).is_some());

        let dangling = ship.join("dangling");
        symlink("../home/.profile", &dangling).unwrap();
        assert!(link_at(&dangling).unwrap().is_dangling());
        assert!(write_atomic(&dangling, b"x").is_err());
        let nothing = link_at(&dangling).unwrap().target;
        assert!(write_atomic_trusting(&dangling, b"x", Some(&nothing)).is_err());
        assert!(write_export(&dangling, b"x").is_err());
        assert!(!home.join(".profile").exists());

        let within = ship.join("within");
        symlink("sub/real", &within).unwrap();
        assert!(link_at(&within).unwrap().inside);
        write_atomic(&within, b"new").unwrap();
        assert_eq!(
            std::fs::read_to_string(ship.join("sub/real")).unwrap(),
            "new"
        );
        assert!(link_at(&ship.join("sub/real")).is_none());
    }
}
