//! Presenting the talk as a person does: F5, the keys, slides that fit
//! any screen, the presenter view, a rehearsal on a clock the test sets,
//! and the verdicts' summary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly"
)]

mod common;
#[path = "common/generated.rs"]
mod generated;
use common::{
    click_row, content_files, harness_at, open, open_built_in, started, step_until, write_file,
};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use versus::VersusApp;
use versus::model::Comparison;
use versus::session::Section;
use versus::session::command::{NotesCmd, PresentCmd, Step, TalkCmd};
use versus::session::present::Slide;

fn press(h: &mut Harness<'static, VersusApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn shown(h: &Harness<'static, VersusApp>) -> (usize, usize) {
    let p = h.state().session.presenting.as_ref().expect("presenting");
    (p.index, p.page)
}

fn slides(h: &Harness<'static, VersusApp>) -> Vec<Slide> {
    h.state()
        .session
        .presenting
        .as_ref()
        .unwrap()
        .slides
        .clone()
}

#[test]
fn f5_presents_the_starred_dimensions_when_any_else_all() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let n = h.state().session.comparison.dimensions.len();
    press(&mut h, Key::F5);
    // The built-in comparison has a conclusion and no verdicts yet.
    let all: Vec<Slide> = std::iter::once(Slide::Title)
        .chain((0..n).map(Slide::Dimension))
        .chain([Slide::Conclusion, Slide::End])
        .collect();
    assert_eq!(slides(&h), all, "nothing starred: every dimension");
    assert!(
        h.get_all_by_label(&h.state().session.comparison.title.clone())
            .next()
            .is_some(),
        "the title slide shows the comparison's title"
    );
    press(&mut h, Key::Escape);
    assert!(h.state().session.presenting.is_none());
    // Star the second and fifth dimensions with the keyboard.
    let titles: Vec<String> = h
        .state()
        .session
        .comparison
        .dimensions
        .iter()
        .map(|d| d.title.clone())
        .collect();
    click_row(&mut h, &titles[1]);
    press(&mut h, Key::S);
    click_row(&mut h, &titles[4]);
    press(&mut h, Key::S);
    press(&mut h, Key::F5);
    assert_eq!(
        slides(&h),
        [
            Slide::Title,
            Slide::Dimension(1),
            Slide::Dimension(4),
            Slide::Conclusion,
            Slide::End
        ]
    );
    // The toggle: every dimension, starred or not.
    h.state_mut().apply(PresentCmd::StarredOnly(false).into());
    h.run();
    assert_eq!(slides(&h), all);
}

#[test]
fn every_key_moves_blanks_jumps_and_leaves_where_it_is() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let n = h.state().session.comparison.dimensions.len();
    press(&mut h, Key::F5);
    assert!(h.state().session.presenting.is_some());
    for key in [Key::ArrowRight, Key::Space, Key::PageDown] {
        let before = shown(&h).0;
        press(&mut h, key);
        assert_eq!(shown(&h).0, before + 1, "{key:?} goes to the next slide");
    }
    for key in [Key::ArrowLeft, Key::PageUp, Key::Backspace] {
        let before = shown(&h).0;
        press(&mut h, key);
        assert_eq!(shown(&h).0, before - 1, "{key:?} goes back");
    }
    // The last slide is the end of the show, after the conclusion.
    press(&mut h, Key::End);
    assert_eq!(shown(&h).0, n + 2);
    press(&mut h, Key::ArrowRight);
    assert_eq!(shown(&h).0, n + 2, "the last slide stays");
    press(&mut h, Key::Home);
    assert_eq!(shown(&h).0, 0);
    // A click on the slide goes on (the presenter view is hidden first).
    press(&mut h, Key::P);
    assert!(
        !h.state()
            .session
            .presenting
            .as_ref()
            .unwrap()
            .presenter_view
    );
    h.get_by_label(&h.state().session.comparison.title.clone())
        .click();
    h.run();
    assert_eq!(shown(&h).0, 1, "a click goes on");
    press(&mut h, Key::P);
    assert!(
        h.state()
            .session
            .presenting
            .as_ref()
            .unwrap()
            .presenter_view
    );
    // A number, then Enter.
    press(&mut h, Key::Num5);
    press(&mut h, Key::Enter);
    assert_eq!(shown(&h).0, 4, "slide 5 is the fourth dimension");
    // The presenter still sees the slide in the presenter view; the
    // screen itself shows nothing.
    press(&mut h, Key::P);
    press(&mut h, Key::B);
    assert!(h.state().session.presenting.as_ref().unwrap().blank);
    assert!(
        h.query_by_label(&h.state().session.comparison.dimensions[3].title.clone())
            .is_none(),
        "a blank screen shows nothing"
    );
    press(&mut h, Key::B);
    assert!(!h.state().session.presenting.as_ref().unwrap().blank);
    // Esc leaves at the dimension shown; the sidebar follows.
    press(&mut h, Key::Escape);
    assert!(h.state().session.presenting.is_none());
    assert_eq!(h.state().session.selected, Section::Dimension(3));
    // Ctrl+R reloads now, and F5 no longer does.
    assert!(versus::ui::actions::ACTIONS.iter().any(|a| {
        a.label == "Reload"
            && a.keys
                .iter()
                .any(|k| k.logical_key == Key::R && k.modifiers == Modifiers::COMMAND)
    }));
}

/// The dimension with the most text.
fn longest(c: &Comparison) -> usize {
    (0..c.dimensions.len())
        .max_by_key(|&i| {
            let d = &c.dimensions[i];
            d.points
                .iter()
                .map(|p| p.aspect.len() + p.sides.0.iter().map(|(_, t)| t.len()).sum::<usize>())
                .sum::<usize>()
                + d.summary.0.iter().map(|(_, t)| t.len()).sum::<usize>()
        })
        .unwrap()
}

#[test]
fn the_longest_dimension_of_every_content_file_fits_the_screen() {
    for (name, c) in content_files() {
        let i = longest(&c);
        for size in [egui::vec2(1024.0, 768.0), egui::vec2(1920.0, 1080.0)] {
            let data = tempfile::tempdir().unwrap();
            let app = VersusApp::new(
                c.clone(),
                versus::session::Source::BuiltIn,
                data.path().to_owned(),
            );
            let mut h = harness_at(app, size);
            h.run();
            h.state_mut().session.present_options.summaries = true;
            press(&mut h, Key::F5);
            press(&mut h, Key::P);
            let slide = slides(&h)
                .iter()
                .position(|s| *s == Slide::Dimension(i))
                .unwrap();
            h.state_mut()
                .apply(PresentCmd::Step(Step::Digit(u8::try_from(slide + 1).unwrap())).into());
            h.state_mut().apply(PresentCmd::Step(Step::Jump).into());
            h.run();
            let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
            let mut seen = String::new();
            let pages = h.state().session.presenting.as_ref().unwrap().pages;
            if name == "long rows" {
                assert!(pages > 1, "{name} at {size:?} takes more than a page");
            }
            for page in 0..pages {
                assert_eq!(shown(&h), (slide, page), "{name} at {size:?}");
                let mut labels = 0;
                for node in h.query_all(by().role(Role::Label)) {
                    let r = node.rect();
                    labels += 1;
                    assert!(
                        screen.expand(0.5).contains_rect(r),
                        "{name} at {size:?}, page {page}: {:?} at {r:?} is outside the screen",
                        node.accesskit_node().value()
                    );
                    let n = node.accesskit_node();
                    seen.push_str(&n.label().or(n.value()).unwrap_or_default());
                    seen.push(' ');
                }
                assert!(labels > 3, "{name}: the slide shows its text");
                press(&mut h, Key::ArrowRight);
            }
            // Every word of the dimension is on one of its pages (a row cut
            // into pieces keeps its words, in order, across them).
            let d = &c.dimensions[i];
            for p in &d.points {
                for (_, text) in &p.sides.0 {
                    for span in versus::model::parse_inline(text) {
                        for word in span.text.split_whitespace() {
                            assert!(
                                seen.contains(word),
                                "{name} at {size:?}: {word:?} is missing"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_slide_shows_the_subjects_the_window_shows_headed_by_short_labels() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/long-names.ron");
    let c = Comparison::load(&fixture).unwrap().comparison;
    for all in [true, false] {
        let data = tempfile::tempdir().unwrap();
        let app = VersusApp::new(
            c.clone(),
            versus::session::Source::BuiltIn,
            data.path().to_owned(),
        );
        let mut h = started(app);
        h.state_mut().session.all_subjects = all;
        press(&mut h, Key::F5);
        press(&mut h, Key::P);
        press(&mut h, Key::ArrowRight);
        assert_eq!(shown(&h), (1, 0));
        let labels: Vec<String> = h
            .query_all(by().role(Role::Label))
            .filter_map(|n| n.accesskit_node().value())
            .collect();
        let has = |text: &str| labels.iter().any(|l| l == text);
        assert!(has("Rail") && has("Air"), "{labels:?}");
        assert_eq!(
            has("Road"),
            all,
            "the third subject only when all are shown"
        );
        assert!(
            !has("High-speed rail across the whole continent"),
            "{labels:?}"
        );
        assert_eq!(has("Electricity: about 40 €"), all);
    }
}

#[test]
fn the_presenter_view_shows_the_note_the_next_slide_and_the_times() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let c = h.state().session.comparison.clone();
    h.state_mut()
        .session
        .notes_file
        .notes
        .text_mut(&c.dimensions[0].id)
        .push_str("Say why **scope** comes first.");
    h.state_mut().apply(TalkCmd::SetTalkMinutes(10).into());
    h.input_mut().time = Some(100.0);
    press(&mut h, Key::F5);
    press(&mut h, Key::ArrowRight);
    // The note's Markdown is drawn (bold), not shown as asterisks.
    for label in [
        "Speaker note",
        "Say why scope comes first.",
        "Now",
        "Up next",
        "Elapsed 0:00",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    // The title, the dimensions, the conclusion and the end.
    let n = c.dimensions.len() + 3;
    assert!(h.query_by_label(&format!("Slide 2 of {n}")).is_some());
    // 10 minutes shared over every dimension, all of it left.
    let each = versus::talk::clock_text(i64::try_from(600 / c.dimensions.len()).unwrap());
    let budget = format!("This slide: {each} left of {each}");
    let texts: Vec<String> = h
        .query_all(by().role(Role::Label))
        .filter_map(|n| n.accesskit_node().value())
        .collect();
    assert!(texts.contains(&budget), "the slide's budget: {texts:?}");
    assert!(h.query_by_label("Left 10:00").is_some());
    // The title slide has no budget of its own, and says so without
    // asking for a length already set.
    press(&mut h, Key::ArrowLeft);
    assert!(
        h.query_by_label("No budget for this slide (only the dimensions' slides have one)")
            .is_some()
    );
    press(&mut h, Key::ArrowRight);
    // The next slide is drawn small beside it.
    assert!(h.get_all_by_label(&c.dimensions[1].title).next().is_some());
    // The buttons work like the keys.
    h.get_by_label("Next").click();
    h.run();
    assert_eq!(shown(&h).0, 2);
    h.get_by_label("Stop presenting").click();
    h.run();
    assert!(h.state().session.presenting.is_none());
}

#[test]
fn a_rehearsal_on_the_clock_records_each_slide_and_paces_the_talk() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let c = h.state().session.comparison.clone();
    for i in [0, 2] {
        h.state_mut().apply(NotesCmd::ToggleStar(i).into());
    }
    // A 4-minute talk over two slides: 2:00 each.
    h.state_mut().apply(TalkCmd::SetTalkMinutes(4).into());
    h.input_mut().time = Some(1000.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F5);
    h.run();
    assert!(
        h.state()
            .session
            .presenting
            .as_ref()
            .unwrap()
            .rehearsal
            .is_some()
    );
    assert!(h.query_by_label("Rehearsing").is_some());
    h.input_mut().time = Some(1010.0);
    press(&mut h, Key::ArrowRight);
    // 1:10 into a 2:00 slide: not yet warned; at 1:05 left the warning
    // is about to come.
    h.input_mut().time = Some(1080.0);
    h.run();
    assert!(h.query_by_label("This slide: 0:50 left of 2:00").is_some());
    // 2:30 on it: 0:30 over its budget and behind.
    h.input_mut().time = Some(1160.0);
    h.run();
    assert!(h.query_by_label("This slide: 0:30 over its 2:00").is_some());
    assert!(h.query_by_label("0:30 behind").is_some());
    press(&mut h, Key::ArrowRight);
    h.input_mut().time = Some(1220.0);
    h.run();
    press(&mut h, Key::Escape);
    let run = h
        .state()
        .session
        .notes()
        .talk
        .last_rehearsal()
        .unwrap()
        .clone();
    assert_eq!(run.title, 10);
    assert_eq!(run.seconds[&c.dimensions[0].id], 150);
    assert_eq!(run.seconds[&c.dimensions[2].id], 60);
    // Kept in the notes file, with its date.
    let file = h.state().session.notes_file.path.clone();
    step_until(&mut h, 10, |_| {
        std::fs::read_to_string(&file).is_ok_and(|t| t.contains("rehearsals"))
    });
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&format!("\"{}\": 150", c.dimensions[0].id)),
        "{text}"
    );
    // The overview shows the last rehearsal beside the budget.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    assert!(h.query_by_label("2:30").is_some(), "rehearsed 2:30");
    assert_eq!(h.get_all_by_label("2:00").count(), 2, "budgets of 2:00");
}

#[test]
fn verdicts_chosen_in_the_notes_panel_sum_up_with_the_flip_dimension() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let c = h.state().session.comparison.clone();
    let (pm, tm) = (c.subjects[0].name.clone(), c.subjects[1].name.clone());
    // (dimension, winner, weight): TM 3 + 2 = 5, PM 2.
    for (i, winner, weight) in [(0, &tm, "3"), (1, &tm, "2"), (2, &pm, "2")] {
        click_row(&mut h, &c.dimensions[i].title);
        h.get_by_label("Better fit").click();
        h.run();
        h.get_all_by_label(winner)
            .find(|n| n.accesskit_node().role() == Role::Button)
            .unwrap()
            .click();
        h.run();
        h.get_all_by_label(weight)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap()
            .click();
        h.run();
    }
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    let summary = format!("{tm} ahead on 2 of 3 weighted dimensions, 5 to 2");
    assert!(h.query_by_label(&summary).is_some(), "{summary}");
    // Gap 3: moving either win over flips it (2 × 2 > 3); the one that
    // matters least is named.
    let flip = format!("Flips if \"{}\" goes to {pm}", c.dimensions[1].title);
    assert!(h.query_by_label(&flip).is_some(), "{flip}");
    assert!(
        h.query_by_label("3 of 3").is_some(),
        "the weight in the overview"
    );
}

#[test]
fn closing_the_window_mid_rehearsal_keeps_the_run() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let c = h.state().session.comparison.clone();
    h.input_mut().time = Some(50.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F5);
    h.run();
    h.input_mut().time = Some(58.0);
    press(&mut h, Key::ArrowRight);
    h.input_mut().time = Some(100.0);
    h.run();
    // What eframe's on_exit does when the window closes.
    h.state_mut().flush_on_exit();
    let path = data.path().join("built-in.notes.ron");
    let notes = versus::notes::Notes::load(&path).unwrap().unwrap();
    let run = notes.talk.last_rehearsal().expect("the run is in the file");
    assert_eq!(run.title, 8);
    assert_eq!(run.seconds.get(&c.dimensions[0].id), Some(&42));
}

#[test]
fn a_comparison_changed_on_disk_waits_for_the_talk_to_end() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = versus::model::BUILT_IN_RON;
    let path = write_file(dir.path(), "talk.ron", text);
    let mut h = open(&path, data.path());
    press(&mut h, Key::F5);
    press(&mut h, Key::ArrowRight);
    let first = h.state().session.comparison.dimensions[0].title.clone();
    std::fs::write(&path, text.replace(&first, "Renamed while presenting")).unwrap();
    // Well past the reload's settling time: the slides stay as they were.
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_millis(1500) {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(h.state().session.comparison.dimensions[0].title, first);
    assert_eq!(shown(&h), (1, 0));
    // The talk ends; the new text comes in.
    press(&mut h, Key::Escape);
    step_until(&mut h, 5, |app| {
        app.session.comparison.dimensions[0].title == "Renamed while presenting"
    });
    assert!(h.state().session.presenting.is_none());
}

#[test]
fn a_budget_is_proposed_only_once_the_talk_has_a_length() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let title = h.state().session.comparison.dimensions[0].title.clone();
    click_row(&mut h, &title);
    let hint = "no talk length yet: set it on the Introduction";
    assert!(h.query_by_label(hint).is_some());
    assert!(h.query_by_label("proposed").is_none());
    h.state_mut().apply(TalkCmd::SetTalkMinutes(10).into());
    h.run();
    assert!(h.query_by_label(hint).is_none());
    assert!(h.query_by_label("proposed").is_some());
}

/// Keynote's and PowerPoint's habits, and a live show as complete as the
/// exported deck: the title slide says the introduction, Shift+F5 starts
/// at the selected dimension, "Where each wins" and the conclusion close
/// the show before a black end slide, and T and R pause and reset the
/// presenter's timer.
#[test]
fn the_live_show_has_the_decks_slides_and_the_presenters_habits() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    let c = h.state().session.comparison.clone();
    // A verdict on the fourth dimension; then select it.
    let fourth = c.dimensions[3].id.clone();
    h.state_mut()
        .session
        .notes_file
        .notes
        .entry(&fourth)
        .verdict = Some(versus::notes::Verdict::Even);
    click_row(&mut h, &c.dimensions[3].title);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F5);
    h.run();
    assert_eq!(
        h.state().session.presenting.as_ref().unwrap().slide(),
        Slide::Dimension(3),
        "Shift+F5 starts at the selected dimension"
    );
    // The first slide holds the introduction's first words.
    press(&mut h, Key::Home);
    let opening: String = c
        .intro
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        h.query_all(by().label_contains(&opening)).count() >= 1,
        "the title slide says \"{opening}…\""
    );
    // The closing slides, as in the deck.
    press(&mut h, Key::End);
    let all = slides(&h);
    assert_eq!(
        all[all.len() - 3..],
        [Slide::Verdicts, Slide::Conclusion, Slide::End]
    );
    press(&mut h, Key::ArrowLeft);
    // The conclusion ends with the sources, as the deck's does.
    let source = c.sources[0]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        h.query_all(by().label_contains(&source)).count() >= 1,
        "the conclusion lists \"{source}…\""
    );
    press(&mut h, Key::ArrowLeft);
    assert!(h.query_all(by().label("Where each wins")).count() >= 1);
    // The timer: T pauses it (the presenter view says so), R resets it.
    h.input_mut().time = Some(50.0);
    press(&mut h, Key::T);
    assert!(h.query_all(by().label_contains("(paused)")).count() == 1);
    assert!(h.query_by_label("Resume the timer (T)").is_some());
    press(&mut h, Key::T);
    press(&mut h, Key::R);
    let p = h.state().session.presenting.as_ref().unwrap();
    assert!(!p.watch.is_paused());
    assert!(p.watch.elapsed(50.0) < 1.0, "reset to zero");
    // Ctrl+Plus and Ctrl+Minus size the speaker note, and it is remembered.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert_eq!(h.state().session.present_options.note_size, 26);
    assert_eq!(h.state().remembered_now().present.note_size, 26);
    assert!(
        (h.ctx.zoom_factor() - 1.0).abs() < f32::EPSILON,
        "the window's zoom is left alone"
    );
}

/// G shows every slide as a thumbnail; a click goes to it, Esc closes the
/// grid (and only the grid).
#[test]
fn the_slide_grid_jumps_by_thumbnail() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    press(&mut h, Key::F5);
    // The presenter view (a window over the slides here) out of the way.
    press(&mut h, Key::P);
    press(&mut h, Key::G);
    assert!(h.state().session.presenting.as_ref().unwrap().grid);
    let n = slides(&h).len();
    assert!(
        h.query_by_label(&format!("Slide {n}")).is_some(),
        "every slide"
    );
    h.get_by_label("Go to slide 3").click();
    h.run();
    let p = h.state().session.presenting.as_ref().unwrap();
    assert_eq!((p.index, p.grid), (2, false), "on slide 3, the grid closed");
    press(&mut h, Key::G);
    press(&mut h, Key::Escape);
    let p = h.state().session.presenting.as_ref().unwrap();
    assert!(!p.grid, "Esc closes the grid");
    assert_eq!(p.index, 2, "and leaves the talk where it was");
    press(&mut h, Key::Escape);
    assert!(h.state().session.presenting.is_none());
}

/// A dimension too long for one slide is split into balanced pages (the
/// decks' rule: no page with a lone row when the other holds many), and
/// its body text is never under 18 px at 1280×720.
#[test]
fn a_long_table_is_split_into_balanced_pages_of_readable_type() {
    let counts = [18, 24, 30, 40, 52];
    let c = generated::many_rows(&counts);
    let size = egui::vec2(1280.0, 720.0);
    let data = tempfile::tempdir().unwrap();
    let app = VersusApp::new(
        c.clone(),
        versus::session::Source::BuiltIn,
        data.path().to_owned(),
    );
    let mut h = harness_at(app, size);
    h.run();
    press(&mut h, Key::F5);
    press(&mut h, Key::P);
    let mut split = 0;
    for (i, &n) in counts.iter().enumerate() {
        let slide = slides(&h)
            .iter()
            .position(|s| *s == Slide::Dimension(i))
            .unwrap();
        h.state_mut()
            .apply(PresentCmd::Step(Step::Digit(u8::try_from(slide + 1).unwrap())).into());
        h.state_mut().apply(PresentCmd::Step(Step::Jump).into());
        h.run();
        let pages = h.state().session.presenting.as_ref().unwrap().pages;
        let mut rows = Vec::new();
        for page in 0..pages {
            assert_eq!(shown(&h), (slide, page));
            let mut on_page = 0;
            for node in h.query_all(by().role(Role::Label)) {
                let n = node.accesskit_node();
                if n.label()
                    .or(n.value())
                    .unwrap_or_default()
                    .starts_with("Row ")
                {
                    on_page += 1;
                    let height = node.rect().height();
                    assert!(
                        height >= 18.0,
                        "row {on_page} of page {page}: {height} px tall"
                    );
                }
            }
            rows.push(on_page);
            press(&mut h, Key::ArrowRight);
        }
        assert_eq!(rows.iter().sum::<usize>(), n, "{rows:?}");
        let (least, most) = (rows.iter().min().unwrap(), rows.iter().max().unwrap());
        assert!(least * 3 >= *most, "{n} rows over pages {rows:?}");
        split += usize::from(pages > 1);
    }
    assert!(split >= 3, "most of these take several pages");
}
