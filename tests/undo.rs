#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

//! One undo history for every annotation: random sequences of stars,
//! highlights, typing, budgets, verdicts, undo, redo and moving between
//! dimensions, run through the app's commands and checked after every step
//! against a model that keeps a whole copy of the notes per step. And the
//! steps of the report that lost a typed note, replayed in the window.

mod common;

use common::{click_row, open_built_in, step_until};
use proptest::prelude::*;
use versus::VersusApp;
use versus::model::Comparison;
use versus::notes::{DimensionNotes, Notes, Verdict};
use versus::session::command::{Nav, NotesCmd, TalkCmd};
use versus::session::history::NoteKey;
use versus::session::{Section, Source};

/// What a person does.
#[derive(Debug, Clone)]
enum Act {
    /// Select a row: the introduction (`None`) or a dimension.
    Select(Option<usize>),
    /// Star the selected dimension (S).
    Star,
    /// Highlight the n-th row of the selected dimension (1–9).
    Highlight(usize),
    /// Type at the end of the selected note.
    Type(String),
    /// Delete the last characters of the selected note (Backspace).
    Erase(usize),
    /// Leave the note editor (Esc).
    Leave,
    /// Set a dimension's budget.
    Budget(usize, Option<u32>),
    /// Set a dimension's verdict.
    Verdict(usize, Option<bool>),
    /// Set the talk's length.
    Minutes(u32),
    Undo,
    Redo,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        2 => proptest::option::of(0..4usize).prop_map(Act::Select),
        2 => Just(Act::Star),
        2 => (1..4usize).prop_map(Act::Highlight),
        4 => "[a-z ]{1,4}".prop_map(Act::Type),
        1 => (1..4usize).prop_map(Act::Erase),
        1 => Just(Act::Leave),
        1 => (0..4usize, proptest::option::of(prop_oneof![Just(60u32), Just(120)]))
            .prop_map(|(d, s)| Act::Budget(d, s)),
        1 => (0..4usize, proptest::option::of(any::<bool>())).prop_map(|(d, v)| Act::Verdict(d, v)),
        1 => prop_oneof![Just(0u32), Just(10), Just(20)].prop_map(Act::Minutes),
        3 => Just(Act::Undo),
        2 => Just(Act::Redo),
    ]
}

/// The meaning of undo, as plainly as it can be said: a copy of all the
/// notes before each step; typing in one note without leaving it is one
/// step.
#[derive(Default)]
struct Model {
    notes: Notes,
    undo: Vec<Notes>,
    redo: Vec<Notes>,
    typing: Option<NoteKey>,
}

impl Model {
    fn change(&mut self, after: Notes) {
        self.typing = None;
        if normal(&after) == normal(&self.notes) {
            self.notes = after;
        } else {
            self.undo.push(std::mem::replace(&mut self.notes, after));
            self.redo.clear();
        }
    }

    fn typed(&mut self, key: NoteKey, after: Notes) {
        if normal(&after) == normal(&self.notes) {
            return;
        }
        if self.typing.as_ref() != Some(&key) {
            self.undo.push(self.notes.clone());
            self.typing = Some(key);
        }
        self.redo.clear();
        self.notes = after;
    }
}

/// The notes with entries that hold nothing at all left out (a note
/// of white space is something).
fn normal(notes: &Notes) -> Notes {
    let mut n = notes.clone();
    n.dimensions.retain(|_, d| *d != DimensionNotes::default());
    n
}

fn note_of(selected: Section, c: &Comparison) -> NoteKey {
    match selected {
        Section::Dimension(i) => NoteKey::Dimension(c.dimensions[i].id.clone()),
        Section::Intro | Section::Conclusion => NoteKey::Overall,
    }
}

fn text_of<'a>(notes: &'a Notes, key: &NoteKey) -> &'a str {
    match key {
        NoteKey::Overall => &notes.overall,
        NoteKey::Dimension(id) => notes.text(id),
    }
}

fn set_text(notes: &mut Notes, key: &NoteKey, text: String) {
    match key {
        NoteKey::Overall => notes.overall = text,
        NoteKey::Dimension(id) => *notes.text_mut(id) = text,
    }
}

/// Runs `acts` through the app and the model, comparing after each.
fn check(acts: &[Act]) -> Result<(), TestCaseError> {
    let data = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut app = VersusApp::new(Comparison::built_in(), Source::BuiltIn, data.path().into());
    let mut model = Model {
        notes: app.session.notes().clone(),
        ..Model::default()
    };
    for (n, act) in acts.iter().enumerate() {
        step(&mut app, &mut model, act);
        prop_assert_eq!(
            normal(app.session.notes()),
            normal(&model.notes),
            "after step {} ({:?}) of {:?}",
            n,
            act,
            acts
        );
    }
    Ok(())
}

/// Does `act` in the app, through its commands, and in the model.
fn step(app: &mut VersusApp, model: &mut Model, act: &Act) {
    let c = app.session.comparison.clone();
    let mut after = model.notes.clone();
    match act {
        Act::Select(row) => {
            let section = row.map_or(Section::Intro, Section::Dimension);
            app.apply(Nav::Select(section).into());
            model.typing = None;
        }
        Act::Star => {
            app.apply(NotesCmd::ToggleStarSelected.into());
            if let Section::Dimension(i) = app.session.selected {
                after.toggle_star(&c.dimensions[i].id);
            }
            model.change(after);
        }
        Act::Highlight(row) => {
            app.apply(NotesCmd::ToggleHighlightRow(*row).into());
            if let Section::Dimension(i) = app.session.selected
                && let Some(p) = c.dimensions[i].points.get(row - 1)
            {
                after.toggle_highlight(&c.dimensions[i].id, &p.aspect);
            }
            model.change(after);
        }
        Act::Type(_) | Act::Erase(_) => {
            let key = note_of(app.session.selected, &c);
            let mut text = text_of(&model.notes, &key).to_owned();
            if let Act::Erase(k) = act {
                let keep = text.chars().count().saturating_sub(*k);
                text = text.chars().take(keep).collect();
            } else if let Act::Type(t) = act {
                text.push_str(t);
            }
            set_text(&mut after, &key, text.clone());
            app.apply(
                NotesCmd::SetText {
                    note: key.clone(),
                    text,
                }
                .into(),
            );
            model.typed(key, after);
        }
        Act::Leave => {
            app.apply(NotesCmd::EndTyping.into());
            model.typing = None;
        }
        Act::Budget(d, seconds) => {
            app.apply(
                TalkCmd::SetBudget {
                    dimension: *d,
                    seconds: *seconds,
                }
                .into(),
            );
            after.entry(&c.dimensions[*d].id).budget = *seconds;
            model.change(after);
        }
        Act::Verdict(d, v) => {
            let subject = c.subjects[0].id.clone();
            let verdict = v.map(|s| {
                if s {
                    Verdict::Subject(subject.clone())
                } else {
                    Verdict::Even
                }
            });
            app.apply(
                TalkCmd::SetVerdict {
                    dimension: *d,
                    verdict: verdict.clone(),
                }
                .into(),
            );
            after.entry(&c.dimensions[*d].id).verdict = verdict;
            model.change(after);
        }
        Act::Minutes(m) => {
            app.apply(TalkCmd::SetTalkMinutes(*m).into());
            after.talk.minutes = *m;
            model.change(after);
        }
        Act::Undo | Act::Redo => {
            let undo = matches!(act, Act::Undo);
            app.apply(if undo { NotesCmd::Undo } else { NotesCmd::Redo }.into());
            model.typing = None;
            let (from, to) = if undo {
                (&mut model.undo, &mut model.redo)
            } else {
                (&mut model.redo, &mut model.undo)
            };
            if let Some(other) = from.pop() {
                to.push(std::mem::replace(&mut model.notes, other));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Every step leaves the notes as the model says: undo changes only
    /// what its step changed, redo brings it back, typing is one step per
    /// stretch.
    #[test]
    fn undo_and_redo_follow_the_model(acts in proptest::collection::vec(act(), 1..60)) {
        check(&acts)?;
    }
}

#[test]
fn the_reported_sequence_keeps_the_typed_note() {
    // Star, move down, type, leave, undo: the undo takes back the typing
    // (the last step), never more, and redo restores it.
    check(&[
        Act::Select(Some(0)),
        Act::Star,
        Act::Select(Some(1)),
        Act::Type("typed".into()),
        Act::Leave,
        Act::Undo,
        Act::Redo,
        Act::Undo,
        Act::Undo,
        Act::Redo,
        Act::Redo,
    ])
    .unwrap();
}

/// The report's keys in the window: S, Down, F2, typing, Esc, Ctrl+Z; the
/// typed note comes back with Ctrl+Shift+Z, the star is never what takes
/// the text with it, and the file holds what the window shows.
#[test]
fn ctrl_z_after_typing_never_loses_the_note() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    let c = h.state().session.comparison.clone();
    let Section::Dimension(i) = h.state().session.selected else {
        panic!("Scope is a dimension")
    };
    let first = c.dimensions[i].id.clone();
    let second = c.dimensions[i + 1].id.clone();
    h.key_press(egui::Key::S);
    h.run();
    assert!(h.state().session.notes().is_starred(&first));
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::F2);
    h.run();
    h.event(egui::Event::Text("Say this first.".to_owned()));
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().session.notes().text(&second), "Say this first.");
    let z = egui::Key::Z;
    h.key_press_modifiers(egui::Modifiers::COMMAND, z);
    h.run();
    // The typing was the last step: it is undone, and only it.
    assert_eq!(h.state().session.notes().text(&second), "");
    assert!(
        h.state().session.notes().is_starred(&first),
        "the star stays"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, z);
    h.run();
    assert_eq!(h.state().session.notes().text(&second), "Say this first.");
    // Undo twice: the typing, then the star; the text typed after the star
    // comes back with redo, and the star with it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, z);
    h.run();
    assert!(!h.state().session.notes().is_starred(&first));
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, z);
    h.run();
    assert!(h.state().session.notes().is_starred(&first));
    assert_eq!(h.state().session.notes().text(&second), "Say this first.");
    // And what is saved is what is shown.
    let path = data.path().join("built-in.notes.ron");
    step_until(&mut h, 5, |_| {
        std::fs::read(&path)
            .ok()
            .and_then(|b| Notes::from_ron(&b, &path).ok())
            .is_some_and(|n| n.text(&second) == "Say this first." && n.is_starred(&first))
    });
}

/// Ctrl+Z while still writing takes back the stretch being typed, through
/// the same history (not the editor's own), and Ctrl+Shift+Z brings it back.
#[test]
fn ctrl_z_in_the_editor_walks_the_one_history() {
    let data = tempfile::tempdir().unwrap();
    let mut h = open_built_in(data.path());
    click_row(&mut h, "Scope");
    let first = h
        .state()
        .session
        .selected_dimension_id()
        .unwrap()
        .to_owned();
    h.key_press(egui::Key::S);
    h.key_press(egui::Key::F2);
    h.run();
    h.event(egui::Event::Text("One.".to_owned()));
    h.run();
    h.event(egui::Event::Text(" Two.".to_owned()));
    h.run();
    assert_eq!(h.state().session.notes().text(&first), "One. Two.");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().session.notes().text(&first),
        "",
        "one stretch, one step"
    );
    assert!(h.state().session.notes().is_starred(&first));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(h.state().session.notes().text(&first), "One. Two.");
    // Typing on after the redo lands at the end, in the same note.
    h.event(egui::Event::Text(" Three.".to_owned()));
    h.run();
    assert_eq!(h.state().session.notes().text(&first), "One. Two. Three.");
}
