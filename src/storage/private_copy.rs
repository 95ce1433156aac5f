//! versus's own window-state file, kept for the session in a private copy.

use std::path::{Path, PathBuf};

use super::write::replace_file;
use super::{WriteError, kind_of, link_at, read_regular};

/// The largest window-state file versus reads (1 MiB): it holds a window
/// size and a few remembered places, a few kilobytes.
pub const MAX_STATE_BYTES: u64 = 1024 * 1024;

/// versus's own small file in the data folder (the window state), kept for
/// the session in a private copy: eframe reads and writes the copy (it
/// writes in place, following links), and versus alone writes the real
/// file, atomically and never through a link: soon after each change of
/// the copy (from a named thread, so a crash loses about a second) and
/// once more at the end.
#[derive(Debug)]
pub struct PrivateCopy {
    own: PathBuf,
    copy: PathBuf,
    mirror: Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>,
    // Removed with the copy when the session ends.
    _folder: tempfile::TempDir,
}

/// How often the mirror looks at the private copy.
const MIRROR_EVERY: std::time::Duration = std::time::Duration::from_millis(400);

impl PrivateCopy {
    /// Copies `own` into a new private folder. Anything at `own` that is
    /// not a regular file of at most `limit` bytes (a link to anything or
    /// to nothing, a named pipe, a device, a folder, a huge file) is never
    /// read: it is renamed aside as it is (a link's target is not touched)
    /// and each note in the returned list says what and where, for standard
    /// error.
    ///
    /// # Errors
    /// When no private folder can be made.
    pub fn start(own: &Path, limit: u64) -> std::io::Result<(Self, Vec<String>)> {
        let folder = tempfile::Builder::new().prefix("versus-state.").tempdir()?;
        let name = own.file_name().unwrap_or_else(|| "state.ron".as_ref());
        let copy = folder.path().join(name);
        let mut notes = Vec::new();
        let found = match std::fs::symlink_metadata(own) {
            Ok(m) if m.file_type().is_symlink() => Some(match link_at(own) {
                Some(link) => format!("a link to {}", link.target.display()),
                None => "a link".to_owned(),
            }),
            Ok(m) if !m.is_file() => Some(format!("a {}, not a file", kind_of(m.file_type()))),
            Ok(_) => match read_regular(own, limit) {
                Ok(bytes) => {
                    std::fs::write(&copy, bytes)?;
                    None
                }
                Err(e) => Some(e.to_string()),
            },
            Err(_) => None,
        };
        if let Some(found) = found {
            let aside = aside_name(own, "moved");
            let note = match std::fs::rename(own, &aside) {
                Ok(()) => format!(
                    "versus: {} was {found}; moved it aside to {} and started with the usual window state",
                    own.display(),
                    aside.display()
                ),
                Err(e) => format!(
                    "versus: {} is {found}; versus does not use it (it could not be moved aside: {e}), and keeps no window state this time",
                    own.display()
                ),
            };
            notes.push(note);
        }
        let mirror = match start_mirror(own.to_owned(), copy.clone()) {
            Ok(mirror) => Some(mirror),
            Err(e) => {
                notes.push(format!(
                    "versus: the window state is kept only at exit: {e}"
                ));
                None
            }
        };
        Ok((
            Self {
                own: own.to_owned(),
                copy,
                mirror,
                _folder: folder,
            },
            notes,
        ))
    }

    /// The private copy, for eframe.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.copy
    }

    /// Stops the mirror and writes the copy back over the real file one
    /// last time, as [`write_back`] does.
    ///
    /// # Errors
    /// When the copy cannot be read or the real file cannot be written.
    pub fn finish(mut self) -> Result<(), WriteError> {
        if let Some((stop, thread)) = self.mirror.take() {
            // A mirror that already ended has nothing more to say.
            let _ = stop.send(());
            let _ = thread.join();
        }
        write_back(&self.own, &self.copy)
    }
}

/// Watches the private copy from a named thread and writes it back once it
/// has stayed the same for one look (eframe writes it in place: a copy
/// still being written is left for the next look).
fn start_mirror(
    own: PathBuf,
    copy: PathBuf,
) -> std::io::Result<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)> {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let stamp = |copy: &Path| {
        std::fs::metadata(copy)
            .ok()
            .map(|m| (m.modified().ok(), m.len()))
    };
    // What was copied in, taken here: anything later is a change.
    let first = stamp(&copy);
    let thread = std::thread::Builder::new()
        .name("window-state".to_owned())
        .spawn(move || {
            let (mut seen, mut written) = (first, first);
            let mut told = false;
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(MIRROR_EVERY)
            {
                let now = stamp(&copy);
                if now.is_some() && now == seen && now != written {
                    match write_back(&own, &copy) {
                        Ok(()) => written = now,
                        // Once: the same failure would repeat every look.
                        Err(e) if !told => {
                            eprintln!("versus: the window state was not kept: {e}");
                            told = true;
                        }
                        Err(_) => {}
                    }
                }
                seen = now;
            }
        })?;
    Ok((stop, thread))
}

/// Writes the private `copy` over `own` atomically (a temporary file
/// renamed over it), replacing whatever is there by a regular file: a link
/// is replaced itself, never followed. Nothing is written when there is no
/// copy (eframe saved nothing) or something sits at `own` that is neither
/// a file nor a link (it could not be moved aside at start).
fn write_back(own: &Path, copy: &Path) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: own.to_owned(),
        source,
    };
    let bytes = match read_regular(copy, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(()),
        Err(e) => return Err(io(e.into_io())),
    };
    match std::fs::symlink_metadata(own) {
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => Err(WriteError::NotRegular {
            path: own.to_owned(),
            kind: kind_of(m.file_type()),
            what: "the window state",
        }),
        _ => replace_file(own, &bytes).map_err(io),
    }
}

/// A sibling of `path` named `<name>.<tag>-<unix seconds>` with nothing
/// there yet (not even a link).
fn aside_name(path: &Path, tag: &str) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let mut candidate = path.with_file_name(format!("{name}.{tag}-{secs}"));
    let mut n = 1;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        candidate = path.with_file_name(format!("{name}.{tag}-{secs}-{n}"));
        n += 1;
    }
    candidate
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn the_private_copy_sets_aside_a_link_and_writes_back_a_file() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join(".bashrc");
        std::fs::write(&target, "mine").unwrap();
        let own = root.path().join("window-state.ron");
        symlink(&target, &own).unwrap();
        let (copy, notes) = PrivateCopy::start(&own, MAX_STATE_BYTES).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("was a link to"), "{notes:?}");
        assert!(std::fs::symlink_metadata(&own).is_err(), "moved aside");
        std::fs::write(copy.path(), "{}").unwrap();
        // A link planted meanwhile is replaced, never followed.
        symlink(&target, &own).unwrap();
        copy.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        assert!(std::fs::symlink_metadata(&own).unwrap().is_file());
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "{}");

        // A regular file is copied in, and written back as it was changed.
        let (copy, notes) = PrivateCopy::start(&own, MAX_STATE_BYTES).unwrap();
        assert!(notes.is_empty());
        assert_eq!(std::fs::read_to_string(copy.path()).unwrap(), "{}");
        std::fs::write(copy.path(), "{\"k\": \"v\"}").unwrap();
        // Written back during the session, not only at the end.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::fs::read_to_string(&own).unwrap() != "{\"k\": \"v\"}" {
            assert!(std::time::Instant::now() < deadline, "not mirrored");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        copy.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "{\"k\": \"v\"}");

        // Too large: set aside, not read.
        std::fs::File::create(&own)
            .unwrap()
            .set_len(MAX_STATE_BYTES + 1)
            .unwrap();
        let (_copy, notes) = PrivateCopy::start(&own, MAX_STATE_BYTES).unwrap();
        assert!(notes[0].contains("over the limit"), "{notes:?}");
        assert!(!own.exists());
    }
}
