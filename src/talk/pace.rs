//! Pacing a talk: the time spent on each slide, and how far over or under
//! the plan the talk is. Time is given in seconds by the caller (the
//! window's clock, or a test's), never read here.

/// How long before a slide's budget runs out the presenter is warned (on
/// slides of two minutes or more; see [`warn_before`]).
pub const WARN_BEFORE_SECONDS: f64 = 60.0;

/// When the warning comes on for a slide of `budget` seconds: a minute
/// before the end, or half-way through a slide shorter than two minutes
/// (a warning from a one-minute slide's first second would say nothing).
#[must_use]
pub fn warn_before(budget: f64) -> f64 {
    WARN_BEFORE_SECONDS.min(budget / 2.0)
}

/// The seconds spent on each slide of a talk, and the slide shown. It can
/// be paused (the time while paused counts nowhere) and reset. Times are
/// kept on the watch's own clock: the caller's clock less the time paused.
#[derive(Debug, Clone, PartialEq)]
pub struct Stopwatch {
    /// Seconds spent on each slide so far (the shown one up to `since`).
    spent: Vec<f64>,
    /// The slide shown.
    current: usize,
    /// When the slide shown was shown (on the watch's clock).
    since: f64,
    /// When the talk started, or the watch was last reset (on the watch's
    /// clock).
    started: f64,
    /// When it was paused (on the caller's clock), while it is.
    paused: Option<f64>,
    /// How long it has been paused in all, before the pause under way.
    away: f64,
}

impl Stopwatch {
    /// A stopwatch for `slides` slides, started at `now` on slide 0.
    #[must_use]
    pub fn start(slides: usize, now: f64) -> Self {
        Self {
            spent: vec![0.0; slides.max(1)],
            current: 0,
            since: now,
            started: now,
            paused: None,
            away: 0.0,
        }
    }

    /// The watch's clock at `now` on the caller's: stopped while paused.
    fn clock(&self, now: f64) -> f64 {
        self.paused.unwrap_or(now) - self.away
    }

    /// Moves to slide `to` at `now`, adding the time on the slide left.
    pub fn show(&mut self, to: usize, now: f64) {
        self.settle(now);
        self.current = to.min(self.spent.len() - 1);
    }

    /// Adds the time on the current slide up to `now`.
    fn settle(&mut self, now: f64) {
        let now = self.clock(now);
        let elapsed = (now - self.since).max(0.0);
        if let Some(s) = self.spent.get_mut(self.current) {
            *s += elapsed;
        }
        self.since = now;
    }

    /// Pauses the watch at `now`, or starts it again.
    pub fn toggle_pause(&mut self, now: f64) {
        match self.paused.take() {
            Some(at) => self.away += (now - at).max(0.0),
            None => self.paused = Some(now),
        }
    }

    /// Whether the watch is paused.
    #[must_use]
    pub fn is_paused(&self) -> bool {
        self.paused.is_some()
    }

    /// Back to zero at `now`: no time on any slide, the talk starting now
    /// on the slide shown (paused or not, as it was).
    pub fn reset(&mut self, now: f64) {
        self.spent.iter_mut().for_each(|s| *s = 0.0);
        self.since = self.clock(now);
        self.started = self.since;
    }

    /// The seconds spent on each slide, counting the current one up to
    /// `now`.
    #[must_use]
    pub fn spent(&self, now: f64) -> Vec<f64> {
        let mut spent = self.spent.clone();
        if let Some(s) = spent.get_mut(self.current) {
            *s += (self.clock(now) - self.since).max(0.0);
        }
        spent
    }

    /// Seconds since the talk started (or the watch was reset), pauses
    /// left out.
    #[must_use]
    pub fn elapsed(&self, now: f64) -> f64 {
        (self.clock(now) - self.started).max(0.0)
    }

    /// The slide shown.
    #[must_use]
    pub fn current(&self) -> usize {
        self.current
    }
}

/// Where the talk stands against its plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// The current slide's budget in seconds (0: none).
    pub budget: f64,
    /// Seconds left of the current slide's budget (negative: over it).
    pub slide_left: f64,
    /// Seconds the talk is behind its plan (negative: ahead of it): the
    /// slides done against their budgets, and the current one once over.
    pub behind: f64,
    /// Seconds left of the whole talk (negative: over), when it has a length.
    pub talk_left: Option<f64>,
    /// The current slide's budget runs out within a minute (or has).
    pub warn: bool,
}

impl Pace {
    /// The pace at `now`: `budgets` has one entry (seconds) per slide, the
    /// talk lasts `target` seconds (0: not set).
    #[must_use]
    pub fn at(watch: &Stopwatch, budgets: &[u32], target: u32, now: f64) -> Self {
        let spent = watch.spent(now);
        let current = watch.current();
        let budget_of = |i: usize| f64::from(budgets.get(i).copied().unwrap_or(0));
        // Slides without a budget (the title) are not paced.
        let done: f64 = (0..current)
            .filter(|&i| budget_of(i) > 0.0)
            .map(|i| spent.get(i).copied().unwrap_or(0.0) - budget_of(i))
            .sum();
        let budget = budget_of(current);
        let on_current = spent.get(current).copied().unwrap_or(0.0);
        let slide_left = budget - on_current;
        let behind = if budget > 0.0 {
            done + (-slide_left).max(0.0)
        } else {
            done
        };
        let talk_left = (target > 0).then(|| f64::from(target) - watch.elapsed(now));
        Self {
            budget,
            slide_left,
            behind,
            talk_left,
            warn: budget > 0.0 && slide_left <= warn_before(budget),
        }
    }

    /// "1:15 behind", "0:30 ahead" or "on time".
    #[must_use]
    pub fn behind_text(&self) -> String {
        let s = super::whole_seconds(self.behind);
        match s {
            0 => "on time".to_owned(),
            s if s > 0 => format!("{} behind", super::clock_text(s)),
            s => format!("{} ahead", super::clock_text(-s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stopwatch_adds_up_time_per_slide_including_returns() {
        let mut w = Stopwatch::start(3, 100.0);
        w.show(1, 130.0);
        w.show(2, 190.0);
        w.show(1, 200.0);
        assert_eq!(w.spent(215.0), vec![30.0, 75.0, 10.0]);
        assert!((w.elapsed(215.0) - 115.0).abs() < f64::EPSILON);
        // A slide past the end is the last one.
        w.show(9, 215.0);
        assert_eq!(w.current(), 2);
    }

    #[test]
    fn a_paused_watch_counts_nothing_and_a_reset_starts_again() {
        let mut w = Stopwatch::start(2, 0.0);
        w.toggle_pause(10.0);
        assert!(w.is_paused());
        assert_eq!(w.spent(70.0), vec![10.0, 0.0], "nothing while paused");
        // A slide moved to while paused starts with nothing either.
        w.show(1, 70.0);
        w.toggle_pause(100.0);
        assert!(!w.is_paused());
        assert_eq!(w.spent(105.0), vec![10.0, 5.0]);
        assert!((w.elapsed(105.0) - 15.0).abs() < 1e-9, "90 s away left out");
        w.reset(110.0);
        assert_eq!(w.spent(110.0), vec![0.0, 0.0]);
        assert!((w.elapsed(130.0) - 20.0).abs() < 1e-9);
        assert_eq!(w.current(), 1, "still on the slide shown");
        // Reset while paused: still paused, at zero.
        w.toggle_pause(130.0);
        w.reset(140.0);
        assert_eq!(w.spent(200.0), vec![0.0, 0.0]);
        w.toggle_pause(200.0);
        assert_eq!(w.spent(203.0), vec![0.0, 3.0]);
    }

    #[test]
    fn pace_counts_slides_done_and_the_current_one_once_over() {
        let budgets = [60, 120, 60];
        let mut w = Stopwatch::start(3, 0.0);
        // 90 s on a 60 s slide: 30 s behind, and warned.
        let p = Pace::at(&w, &budgets, 240, 90.0);
        assert!((p.behind - 30.0).abs() < 1e-9);
        assert!(p.warn);
        assert_eq!(p.behind_text(), "0:30 behind");
        w.show(1, 90.0);
        // 10 s into a 120 s slide: still 30 s behind, not warned yet.
        let p = Pace::at(&w, &budgets, 240, 100.0);
        assert!((p.behind - 30.0).abs() < 1e-9);
        assert!((p.slide_left - 110.0).abs() < 1e-9);
        assert!(!p.warn);
        assert_eq!(p.talk_left, Some(140.0));
        // A minute before the budget runs out, the warning comes on.
        let p = Pace::at(&w, &budgets, 240, 150.0);
        assert!(p.warn);
        w.show(2, 150.0);
        // 60 s on the second (of 120): 30 s ahead overall now.
        let p = Pace::at(&w, &budgets, 240, 150.0);
        assert!((p.behind + 30.0).abs() < 1e-9);
        assert_eq!(p.behind_text(), "0:30 ahead");
    }

    #[test]
    fn a_short_slide_warns_half_way_not_from_its_start() {
        let w = Stopwatch::start(1, 0.0);
        assert!(
            !Pace::at(&w, &[60], 0, 1.0).warn,
            "a minute-long slide, just begun"
        );
        assert!(!Pace::at(&w, &[60], 0, 29.0).warn);
        assert!(Pace::at(&w, &[60], 0, 30.0).warn, "half-way");
        assert!(!Pace::at(&w, &[600], 0, 539.0).warn);
        assert!(
            Pace::at(&w, &[600], 0, 540.0).warn,
            "a minute before the end"
        );
    }

    #[test]
    fn a_slide_without_budget_never_warns() {
        let w = Stopwatch::start(1, 0.0);
        let p = Pace::at(&w, &[], 0, 500.0);
        assert!(!p.warn);
        assert_eq!(p.talk_left, None);
    }
}
