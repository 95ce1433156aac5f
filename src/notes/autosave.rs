//! When to save: soon after typing pauses, and never more than a moment
//! after the first unsaved change, so a crash loses at most ~2 seconds.

use std::time::{Duration, Instant};

/// Save once typing has paused this long…
pub const QUIET: Duration = Duration::from_millis(800);
/// …or once the oldest unsaved change is this old, even while typing goes on.
pub const MAX_WAIT: Duration = Duration::from_millis(1500);

/// Tracks unsaved changes and says when a save is due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Autosave {
    first_change: Option<Instant>,
    last_change: Option<Instant>,
}

impl Autosave {
    /// Records a change made at `now`.
    pub fn changed(&mut self, now: Instant) {
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// Whether there are unsaved changes.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.first_change.is_some()
    }

    /// `None` when nothing is unsaved; otherwise how long until a save is
    /// due (zero: now).
    #[must_use]
    pub fn due_in(&self, now: Instant) -> Option<Duration> {
        let (first, last) = (self.first_change?, self.last_change?);
        let quiet = (last + QUIET).saturating_duration_since(now);
        let max = (first + MAX_WAIT).saturating_duration_since(now);
        Some(quiet.min(max))
    }

    /// Called when a save of everything changed up to now has started.
    pub fn saving(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_after_a_pause_or_after_the_longest_wait() {
        let t0 = Instant::now();
        let mut a = Autosave::default();
        assert_eq!(a.due_in(t0), None);
        a.changed(t0);
        assert_eq!(a.due_in(t0), Some(QUIET));
        assert_eq!(a.due_in(t0 + QUIET), Some(Duration::ZERO));
        // Typing on without a pause: due at MAX_WAIT all the same.
        let mut t = t0;
        while t < t0 + MAX_WAIT {
            a.changed(t);
            t += Duration::from_millis(100);
        }
        assert_eq!(a.due_in(t0 + MAX_WAIT), Some(Duration::ZERO));
        a.saving();
        assert!(!a.is_dirty());
        assert!(MAX_WAIT < Duration::from_secs(2));
    }
}
