//! Watching files others write: the content file, so versus reloads it
//! when its author saves, and the notes file, so a change made by another
//! program or copy of versus is noticed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

/// Watches one file and wakes the UI when it changes on disk. The app
/// keeps two: one on the content file and one on the notes file.
///
/// It watches the file's folder, not the file: editors often save by
/// writing a new file and renaming it over the old one, which a watch on
/// the file itself would lose.
pub struct ContentWatcher {
    path: PathBuf,
    changed: Receiver<()>,
    // Dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
}

impl ContentWatcher {
    /// Starts watching `path`; `wake` is called on each change.
    ///
    /// # Errors
    /// When the system's file watching is unavailable or the folder is gone.
    pub fn start(path: &Path, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        use notify::Watcher as _;
        let (tx, changed) = channel();
        let name = path.file_name().map(std::ffi::OsStr::to_owned);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                let relevant = !matches!(event.kind, notify::EventKind::Access(_))
                    && event
                        .paths
                        .iter()
                        .any(|p| p.file_name().map(std::ffi::OsStr::to_owned) == name);
                if relevant && tx.send(()).is_ok() {
                    wake();
                }
            })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        watcher.watch(&dir, notify::RecursiveMode::NonRecursive)?;
        Ok(Self {
            path: path.to_owned(),
            changed,
            _watcher: watcher,
        })
    }

    /// The file watched.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file changed since the last call.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.changed.try_iter().count() > 0
    }
}
