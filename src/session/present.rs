//! Presenting: the slides of the talk, the one shown, the stopwatch, and
//! the rehearsal being recorded. The slides are drawn by `ui::present`;
//! keys and buttons send [`PresentCmd`]s, applied here.

use super::Session;
use super::command::{PresentCmd, Step};
use super::outline::Section;
use crate::notes::Rehearsal;
use crate::talk::pace::Stopwatch;
use crate::talk::plan::{Plan, presented};

/// One slide of the talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// The title, the subjects and the introduction.
    Title,
    /// A dimension, by index.
    Dimension(usize),
    /// "Where each wins": the verdicts on the dimensions presented.
    Verdicts,
    /// The conclusion.
    Conclusion,
    /// The end of the show: black, and how to leave.
    End,
}

/// How the talk is presented; kept between talks (and runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PresentOptions {
    /// Only the starred dimensions, when any is starred.
    pub starred_only: bool,
    /// Each dimension's summaries above its rows.
    pub summaries: bool,
    /// The size of the speaker note's text in the presenter view, in
    /// points (Ctrl+Plus and Ctrl+Minus while presenting).
    pub note_size: u8,
}

impl PresentOptions {
    /// The smallest and largest speaker-note text.
    pub const NOTE_SIZES: std::ops::RangeInclusive<u8> = 12..=64;
    /// The speaker note's text size at first.
    pub const NOTE_SIZE: u8 = 24;

    /// The note's size after `step`, kept within [`Self::NOTE_SIZES`]
    /// (also a size read from an older or edited state file).
    #[must_use]
    pub fn note_size_after(&self, step: super::command::Zoom) -> u8 {
        let size = match step {
            super::command::Zoom::In => self.note_size.saturating_add(2),
            super::command::Zoom::Out => self.note_size.saturating_sub(2),
            super::command::Zoom::Reset => Self::NOTE_SIZE,
        };
        size.clamp(*Self::NOTE_SIZES.start(), *Self::NOTE_SIZES.end())
    }
}

impl Default for PresentOptions {
    fn default() -> Self {
        Self {
            starred_only: true,
            summaries: false,
            note_size: Self::NOTE_SIZE,
        }
    }
}

/// The talk being given.
#[derive(Debug, Clone)]
pub struct Presenting {
    /// The slides, in order: the title, then the presented dimensions.
    pub slides: Vec<Slide>,
    /// The slide shown.
    pub index: usize,
    /// The page of the slide shown, when its rows take several.
    pub page: usize,
    /// How many pages the slide shown takes on this screen (reported by
    /// the drawing).
    pub pages: usize,
    /// The screen is blanked (B).
    pub blank: bool,
    /// Digits typed for a jump (a number, then Enter).
    pub typed: String,
    /// The presenter view is shown.
    pub presenter_view: bool,
    /// The time spent on each slide.
    pub watch: Stopwatch,
    /// Each slide's budget in seconds (the title's is 0).
    pub budgets: Vec<u32>,
    /// The talk's length in seconds (0: not set).
    pub target: u32,
    /// When recording a rehearsal: the date it started.
    pub rehearsal: Option<String>,
    /// Whether the grid of every slide is shown, to jump by thumbnail (G).
    pub grid: bool,
    /// Which monitor shows the slides and which the presenter view, with
    /// two or more; `None`: one window, on one screen.
    pub screens: Option<crate::platform::monitors::Screens>,
}

impl Presenting {
    /// The slide shown.
    #[must_use]
    pub fn slide(&self) -> Slide {
        self.slides.get(self.index).copied().unwrap_or(Slide::Title)
    }

    /// The slide after the one shown, if any.
    #[must_use]
    pub fn next_slide(&self) -> Option<Slide> {
        self.slides.get(self.index + 1).copied()
    }
}

impl Session {
    /// Applies a presenting command at `now` (seconds on the window's
    /// clock).
    pub fn apply_present(&mut self, command: PresentCmd, now: f64) {
        match command {
            PresentCmd::Start { rehearse } => self.start_presenting(rehearse, now),
            // The monitor is the window's business; the talk starts as F5's.
            PresentCmd::StartOn(_) => self.start_presenting(false, now),
            PresentCmd::StartHere => {
                self.start_presenting(false, now);
                let at = self.slide_of_selection();
                if let Some(p) = &mut self.presenting {
                    p.index = at;
                    p.watch.show(at, now);
                }
            }
            PresentCmd::StarredOnly(on) => {
                self.present_options.starred_only = on;
                self.restart(now);
            }
            PresentCmd::Summaries(on) => self.present_options.summaries = on,
            PresentCmd::NoteSize(step) => {
                self.present_options.note_size = self.present_options.note_size_after(step);
            }
            // Esc over the grid of slides closes the grid, not the talk.
            PresentCmd::Stop if self.presenting.as_ref().is_some_and(|p| p.grid) => {
                if let Some(p) = &mut self.presenting {
                    p.grid = false;
                }
            }
            PresentCmd::Stop => self.stop_presenting(),
            PresentCmd::Step(command) => {
                if let Some(p) = &mut self.presenting {
                    step(p, command, now);
                }
            }
        }
    }

    /// The plan of the talk as it would be presented now (the window
    /// keeps this frame's in [`Session::plan`]).
    #[must_use]
    pub fn plan_now(&self) -> Plan {
        let dims = presented(
            &self.comparison,
            self.notes(),
            self.present_options.starred_only,
        );
        Plan::new(&self.comparison, self.notes(), &dims)
    }

    /// The slide of the talk being presented that shows the selected
    /// section, or the first one after it (slides follow the content's
    /// order); the title for the introduction.
    fn slide_of_selection(&self) -> usize {
        let Some(p) = &self.presenting else {
            return 0;
        };
        let found = match self.selected {
            Section::Intro => Some(0),
            Section::Dimension(s) => p.slides.iter().position(|slide| match slide {
                Slide::Dimension(i) => *i >= s,
                Slide::Verdicts | Slide::Conclusion | Slide::End => true,
                Slide::Title => false,
            }),
            Section::Conclusion => p
                .slides
                .iter()
                .position(|slide| matches!(slide, Slide::Conclusion | Slide::End)),
        };
        found.unwrap_or(0)
    }

    /// The talk's slides, as the exported deck has them: the title (with
    /// the introduction), the dimensions presented, "Where each wins" when
    /// one of them has a verdict, the conclusion when there is one, and the
    /// end of the show.
    #[must_use]
    pub fn slides_of(&self, dims: &[usize]) -> Vec<Slide> {
        let c = &self.comparison;
        let mut slides = vec![Slide::Title];
        slides.extend(dims.iter().map(|&i| Slide::Dimension(i)));
        let notes = self.notes();
        if dims
            .iter()
            .any(|&i| crate::talk::verdicts::verdict_of(c, notes, i).is_some())
        {
            slides.push(Slide::Verdicts);
        }
        if !c.conclusion.trim().is_empty() {
            slides.push(Slide::Conclusion);
        }
        slides.push(Slide::End);
        slides
    }

    fn start_presenting(&mut self, rehearse: bool, now: f64) {
        let plan = self.plan_now();
        let dims: Vec<usize> = plan.budgets.iter().map(|b| b.dimension).collect();
        let slides = self.slides_of(&dims);
        // Only the dimensions have budgets: the title and the closing
        // slides are not paced.
        let mut budgets = vec![0];
        budgets.extend(plan.budgets.iter().map(|b| b.seconds));
        budgets.resize(slides.len(), 0);
        self.presenting = Some(Presenting {
            watch: Stopwatch::start(slides.len(), now),
            slides,
            index: 0,
            page: 0,
            pages: 1,
            blank: false,
            typed: String::new(),
            presenter_view: true,
            grid: false,
            screens: None,
            budgets,
            target: plan.target,
            rehearsal: rehearse.then(crate::platform::clock::now_text),
        });
    }

    /// The slides again after the choice of dimensions changed, keeping
    /// the dimension shown when it is still presented.
    fn restart(&mut self, now: f64) {
        let Some(old) = self.presenting.take() else {
            return;
        };
        let shown = old.slide();
        self.start_presenting(old.rehearsal.is_some(), now);
        if let Some(p) = &mut self.presenting {
            p.rehearsal = old.rehearsal;
            p.presenter_view = old.presenter_view;
            p.screens = old.screens;
            if let Some(i) = p.slides.iter().position(|s| *s == shown) {
                p.index = i;
                p.watch.show(i, now);
            }
        }
    }

    /// Leaves the talk at the slide shown; a rehearsal's times go into the
    /// notes.
    pub fn stop_presenting(&mut self) {
        let Some(p) = self.presenting.take() else {
            return;
        };
        self.selected = match p.slide() {
            Slide::Title => Section::Intro,
            Slide::Dimension(i) => Section::Dimension(i),
            // After the last dimension: where the comparison ends.
            Slide::Verdicts | Slide::Conclusion | Slide::End => {
                self.outline().section_at(usize::MAX)
            }
        };
        self.selection_jumped = true;
        if let Some(date) = p.rehearsal {
            let spent = p.watch.spent(self.clock);
            let mut run = Rehearsal {
                date,
                ..Rehearsal::default()
            };
            for (slide, seconds) in p.slides.iter().zip(spent) {
                // A slide the run never reached is not "0:00": leave it
                // out, so the last rehearsal says nothing of it.
                if seconds <= 0.0 {
                    continue;
                }
                let seconds = u32::try_from(crate::talk::whole_seconds(seconds)).unwrap_or(0);
                match slide {
                    Slide::Title => run.title = seconds,
                    Slide::Dimension(i) => {
                        if let Some(d) = self.comparison.dimensions.get(*i) {
                            run.seconds.insert(d.id.clone(), seconds);
                        }
                    }
                    // A rehearsal times the title and the dimensions, the
                    // parts a talk's plan shares its length between.
                    Slide::Verdicts | Slide::Conclusion | Slide::End => {}
                }
            }
            let total = run.total();
            if total > 0 {
                self.notes_file.notes.talk.record(run);
                self.notes_file.changed(std::time::Instant::now());
                self.message = Some(format!(
                    "Rehearsal recorded: {}",
                    crate::talk::clock_text(i64::from(total))
                ));
            }
        }
    }
}

/// Moves through the talk.
fn step(p: &mut Presenting, command: Step, now: f64) {
    let last = p.slides.len().saturating_sub(1);
    let go = |p: &mut Presenting, to: usize, page: usize| {
        if to != p.index {
            p.watch.show(to, now);
        }
        p.index = to;
        p.page = page;
        p.typed.clear();
        p.blank = false;
    };
    match command {
        Step::Next => {
            if p.page + 1 < p.pages {
                let (index, page) = (p.index, p.page + 1);
                go(p, index, page);
            } else if p.index < last {
                go(p, p.index + 1, 0);
            }
        }
        Step::Previous => {
            if p.page > 0 {
                let (index, page) = (p.index, p.page - 1);
                go(p, index, page);
            } else if p.index > 0 {
                // The last page of the slide before (clamped once drawn).
                go(p, p.index - 1, usize::MAX);
            }
        }
        Step::First => go(p, 0, 0),
        Step::Last => go(p, last, 0),
        Step::Digit(d) => {
            if p.typed.len() < 4 {
                p.typed.push(char::from(b'0' + d.min(9)));
            }
        }
        Step::Jump => {
            // Slides are numbered from 1 on screen.
            if let Ok(n) = p.typed.parse::<usize>()
                && n >= 1
            {
                go(p, (n - 1).min(last), 0);
            }
            p.typed.clear();
        }
        Step::Blank => p.blank = !p.blank,
        Step::TogglePresenterView => p.presenter_view = !p.presenter_view,
        Step::PauseTimer => p.watch.toggle_pause(now),
        Step::ToggleGrid => p.grid = !p.grid,
        Step::SwapScreens => p.screens = p.screens.map(crate::platform::monitors::Screens::swap),
        Step::GoTo(to) => {
            go(p, to.min(last), 0);
            p.grid = false;
        }
        Step::ResetTimer => p.watch.reset(now),
        Step::Pages(n) => {
            p.pages = n.max(1);
            p.page = p.page.min(p.pages - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::model::Comparison;
    use crate::session::Source;

    fn app(data: &std::path::Path) -> Session {
        Session::new(Comparison::built_in(), Source::BuiltIn, data.to_owned())
    }

    #[test]
    fn the_keys_move_page_by_page_then_slide_by_slide() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply_present(PresentCmd::Start { rehearse: false }, 0.0);
        let n = a.comparison.dimensions.len();
        let p = a.presenting.as_ref().unwrap();
        assert_eq!(
            p.slides.len(),
            n + 3,
            "title, every dimension, the conclusion, the end"
        );
        a.apply_present(PresentCmd::Step(Step::Next), 1.0);
        a.apply_present(PresentCmd::Step(Step::Pages(2)), 1.0);
        a.apply_present(PresentCmd::Step(Step::Next), 2.0);
        let p = a.presenting.as_ref().unwrap();
        assert_eq!((p.index, p.page), (1, 1));
        a.apply_present(PresentCmd::Step(Step::Next), 3.0);
        assert_eq!(a.presenting.as_ref().unwrap().index, 2);
        a.apply_present(PresentCmd::Step(Step::Previous), 4.0);
        let p = a.presenting.as_ref().unwrap();
        assert_eq!(p.index, 1);
        assert_eq!(p.page, usize::MAX, "the last page, clamped once drawn");
        a.apply_present(PresentCmd::Step(Step::Pages(2)), 4.0);
        assert_eq!(a.presenting.as_ref().unwrap().page, 1);
        a.apply_present(PresentCmd::Step(Step::Digit(3)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Jump), 5.0);
        assert_eq!(a.presenting.as_ref().unwrap().index, 2);
        a.apply_present(PresentCmd::Step(Step::Digit(1)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Digit(1)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Jump), 5.0);
        assert_eq!(
            a.presenting.as_ref().unwrap().index,
            n,
            "the last dimension"
        );
        a.apply_present(PresentCmd::Step(Step::Digit(9)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Digit(9)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Jump), 5.0);
        assert_eq!(a.presenting.as_ref().unwrap().index, n + 2, "clamped");
        assert_eq!(a.presenting.as_ref().unwrap().slide(), Slide::End);
        a.apply_present(PresentCmd::Step(Step::Digit(1)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Digit(1)), 5.0);
        a.apply_present(PresentCmd::Step(Step::Jump), 5.0);
        a.apply_present(PresentCmd::Step(Step::Blank), 6.0);
        assert!(a.presenting.as_ref().unwrap().blank);
        a.apply_present(PresentCmd::Stop, 7.0);
        assert!(a.presenting.is_none());
        assert_eq!(a.selected, Section::Dimension(n - 1));
    }

    #[test]
    fn a_rehearsal_records_the_seconds_per_slide_in_the_notes() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        let (first, second) = (
            a.comparison.dimensions[1].id.clone(),
            a.comparison.dimensions[3].id.clone(),
        );
        a.notes_file.notes.toggle_star(&first);
        a.notes_file.notes.toggle_star(&second);
        a.apply_present(PresentCmd::Start { rehearse: true }, 10.0);
        assert_eq!(
            a.presenting.as_ref().unwrap().slides,
            [
                Slide::Title,
                Slide::Dimension(1),
                Slide::Dimension(3),
                Slide::Conclusion,
                Slide::End
            ]
        );
        a.apply_present(PresentCmd::Step(Step::Next), 25.0);
        a.apply_present(PresentCmd::Step(Step::Next), 85.0);
        a.clock = 175.0;
        a.apply_present(PresentCmd::Stop, 175.0);
        let run = a.notes().talk.last_rehearsal().unwrap().clone();
        assert_eq!(run.title, 15);
        assert_eq!(run.seconds[&first], 60);
        assert_eq!(run.seconds[&second], 90);
        assert_eq!(a.selected, Section::Dimension(3));
    }

    #[test]
    fn the_show_closes_as_the_deck_does_and_starts_where_asked() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        let ids: Vec<String> = a
            .comparison
            .dimensions
            .iter()
            .map(|d| d.id.clone())
            .collect();
        for i in [2, 5] {
            a.notes_file.notes.toggle_star(&ids[i]);
        }
        a.notes_file.notes.entry(&ids[5]).verdict = Some(crate::notes::Verdict::Even);
        a.apply_present(PresentCmd::Start { rehearse: false }, 0.0);
        let slides = a.presenting.as_ref().unwrap().slides.clone();
        assert_eq!(
            slides,
            [
                Slide::Title,
                Slide::Dimension(2),
                Slide::Dimension(5),
                Slide::Verdicts,
                Slide::Conclusion,
                Slide::End
            ],
            "where each wins and the conclusion close the show"
        );
        a.apply_present(PresentCmd::Stop, 1.0);
        // Shift+F5 on a presented dimension starts on it; on one that is not
        // presented, on the next that is; on the introduction, the title.
        for (selected, expected) in [
            (Section::Dimension(5), Slide::Dimension(5)),
            (Section::Dimension(3), Slide::Dimension(5)),
            (Section::Dimension(7), Slide::Verdicts),
            (Section::Conclusion, Slide::Conclusion),
            (Section::Intro, Slide::Title),
        ] {
            a.selected = selected;
            a.apply_present(PresentCmd::StartHere, 2.0);
            let p = a.presenting.as_ref().unwrap();
            assert_eq!(p.slide(), expected, "from {selected:?}");
            assert_eq!(p.watch.current(), p.index, "the clock times that slide");
            a.apply_present(PresentCmd::Stop, 3.0);
        }
    }

    #[test]
    fn the_timer_pauses_and_resets_while_presenting() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply_present(PresentCmd::Start { rehearse: false }, 0.0);
        a.apply_present(PresentCmd::Step(Step::PauseTimer), 10.0);
        let p = a.presenting.as_ref().unwrap();
        assert!(p.watch.is_paused());
        assert!(
            (p.watch.elapsed(70.0) - 10.0).abs() < 1e-9,
            "stopped at 0:10"
        );
        a.apply_present(PresentCmd::Step(Step::PauseTimer), 70.0);
        assert!((a.presenting.as_ref().unwrap().watch.elapsed(75.0) - 15.0).abs() < 1e-9);
        a.apply_present(PresentCmd::Step(Step::ResetTimer), 80.0);
        assert!(a.presenting.as_ref().unwrap().watch.elapsed(80.0).abs() < 1e-9);
    }

    #[test]
    fn a_rehearsal_stopped_early_records_only_the_slides_it_reached() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply_present(PresentCmd::Start { rehearse: true }, 0.0);
        a.apply_present(PresentCmd::Step(Step::Next), 5.0);
        a.apply_present(PresentCmd::Step(Step::Next), 45.0);
        a.clock = 50.0;
        a.apply_present(PresentCmd::Stop, 50.0);
        let run = a.notes().talk.last_rehearsal().unwrap().clone();
        let ids = &a.comparison.dimensions;
        assert_eq!(run.title, 5);
        assert_eq!(run.seconds.len(), 2, "{run:?}");
        assert_eq!(run.seconds[&ids[0].id], 40);
        assert_eq!(run.seconds[&ids[1].id], 5);
        assert!(!run.seconds.contains_key(&ids[2].id));
    }
}
