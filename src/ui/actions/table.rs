//! The table itself: every action with its label, group, keys and
//! command, and the keys while presenting.

use egui::{Key, Modifiers};

use super::{Action, CMD, CMD_SHIFT, EXPORT, Group, NONE, OPEN, PRESENT, QUIT, RELOAD, key};
use crate::platform::file_dialog::PathPurpose;
use crate::session::Command;
use crate::session::command::{
    ExportCmd, FileCmd, FindCmd, Nav, NotesCmd, PresentCmd, Step, TalkCmd, Theme, VerdictPick,
    ViewCmd, Zoom,
};
use crate::session::find::Filter;

macro_rules! action {
    ($label:expr, $group:ident, [$($key:expr),*], $command:expr) => {
        Action {
            label: $label,
            group: Group::$group,
            prefix: None,
            keys: &[$($key),*],
            command: $command,
        }
    };
}

/// An action on a key pressed after `$prefix` ("V then 1").
macro_rules! after {
    ($prefix:ident, $label:expr, $key:ident, $command:expr) => {
        Action {
            label: $label,
            group: Group::Talk,
            prefix: Some(Key::$prefix),
            keys: &[key(NONE, Key::$key)],
            command: Command::Talk($command),
        }
    };
}

/// "Set verdict: subject n" on V then `n`: the subject shown n-th.
macro_rules! verdict {
    ($n:literal, $key:ident) => {
        after!(
            V,
            concat!("Set verdict: subject ", $n),
            $key,
            TalkCmd::SetVerdictSelected(VerdictPick::Subject($n - 1))
        )
    };
}

/// "Set weight: n" on W then `n`.
macro_rules! weight {
    ($n:literal, $key:ident) => {
        after!(
            W,
            concat!("Set weight: ", $n),
            $key,
            TalkCmd::SetWeightSelected($n)
        )
    };
}

/// "Highlight row n" on the number key `n` (1 to 9), as the grid shows
/// beside each row.
macro_rules! highlight_row {
    ($n:literal, $key:ident) => {
        action!(
            concat!("Highlight row ", $n),
            Notes,
            [key(NONE, Key::$key)],
            Command::Notes(NotesCmd::ToggleHighlightRow($n))
        )
    };
}

/// Every action, grouped, in menu order.
pub static ACTIONS: &[Action] = &[
    action!(
        "Open…",
        File,
        [OPEN],
        Command::File(FileCmd::ShowDialog(PathPurpose::OpenContent))
    ),
    action!(
        "Reopen closed comparison",
        File,
        [key(CMD_SHIFT, Key::T)],
        Command::File(FileCmd::ReopenClosed)
    ),
    action!("Reload", File, [RELOAD], Command::File(FileCmd::Reload)),
    action!(
        "Show built-in comparison",
        File,
        [],
        Command::File(FileCmd::OpenBuiltIn)
    ),
    action!(
        "Export…",
        File,
        [EXPORT],
        Command::Export(ExportCmd::ShowDialog)
    ),
    action!(
        "Open notes…",
        File,
        [],
        Command::File(FileCmd::ShowDialog(PathPurpose::OpenNotes))
    ),
    action!(
        "Save notes as…",
        File,
        [],
        Command::File(FileCmd::ShowDialog(PathPurpose::SaveNotesAs))
    ),
    action!(
        "Merge notes from…",
        File,
        [],
        Command::File(FileCmd::ShowDialog(PathPurpose::MergeNotes))
    ),
    action!("Quit", File, [QUIT], Command::Quit),
    action!(
        "Next row",
        Go,
        [key(NONE, Key::ArrowDown), key(NONE, Key::J)],
        Command::Nav(Nav::Move(1))
    ),
    action!(
        "Previous row",
        Go,
        [key(NONE, Key::ArrowUp), key(NONE, Key::K)],
        Command::Nav(Nav::Move(-1))
    ),
    action!(
        "Ten rows down",
        Go,
        [key(NONE, Key::PageDown)],
        Command::Nav(Nav::Move(10))
    ),
    action!(
        "Ten rows up",
        Go,
        [key(NONE, Key::PageUp)],
        Command::Nav(Nav::Move(-10))
    ),
    action!(
        "First row",
        Go,
        [key(NONE, Key::Home)],
        Command::Nav(Nav::First)
    ),
    action!(
        "Last row",
        Go,
        [key(NONE, Key::End)],
        Command::Nav(Nav::Last)
    ),
    action!(
        "Next annotated dimension",
        Go,
        [key(Modifiers::ALT, Key::ArrowDown)],
        Command::Find(FindCmd::NextAnnotated)
    ),
    action!(
        "Previous annotated dimension",
        Go,
        [key(Modifiers::ALT, Key::ArrowUp)],
        Command::Find(FindCmd::PreviousAnnotated)
    ),
    action!(
        "Write a note",
        Notes,
        [key(NONE, Key::F2), key(NONE, Key::Enter)],
        Command::View(ViewCmd::FocusNote)
    ),
    action!(
        "Star or unstar",
        Notes,
        [key(NONE, Key::S)],
        Command::Notes(NotesCmd::ToggleStarSelected)
    ),
    action!(
        "Undo",
        Notes,
        [key(CMD, Key::Z)],
        Command::Notes(NotesCmd::Undo)
    ),
    action!(
        "Redo",
        Notes,
        [key(CMD_SHIFT, Key::Z)],
        Command::Notes(NotesCmd::Redo)
    ),
    highlight_row!(1, Num1),
    highlight_row!(2, Num2),
    highlight_row!(3, Num3),
    highlight_row!(4, Num4),
    highlight_row!(5, Num5),
    highlight_row!(6, Num6),
    highlight_row!(7, Num7),
    highlight_row!(8, Num8),
    highlight_row!(9, Num9),
    action!(
        "Search",
        Find,
        [key(CMD, Key::F), key(NONE, Key::Slash)],
        Command::View(ViewCmd::FocusSearch)
    ),
    action!(
        "Next match",
        Find,
        [key(NONE, Key::F3)],
        Command::Find(FindCmd::Next)
    ),
    action!(
        "Previous match",
        Find,
        [key(Modifiers::SHIFT, Key::F3)],
        Command::Find(FindCmd::Previous)
    ),
    action!(
        "Close the overview, or clear the search",
        Find,
        [key(NONE, Key::Escape)],
        Command::View(ViewCmd::Back)
    ),
    action!(
        "Show all dimensions",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::All))
    ),
    action!(
        "Show starred only",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::Starred))
    ),
    action!(
        "Show annotated only",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::Annotated))
    ),
    action!(
        "Show not yet annotated",
        Find,
        [],
        Command::Find(FindCmd::SetFilter(Filter::NotAnnotated))
    ),
    action!(
        "Overview",
        View,
        [key(CMD_SHIFT, Key::O)],
        Command::View(ViewCmd::ToggleOverview)
    ),
    action!("Swap columns", View, [], Command::Nav(Nav::SwapColumns)),
    action!(
        "Light theme",
        View,
        [],
        Command::View(ViewCmd::Theme(Theme::Light))
    ),
    action!(
        "Dark theme",
        View,
        [],
        Command::View(ViewCmd::Theme(Theme::Dark))
    ),
    action!(
        "Theme of the system",
        View,
        [],
        Command::View(ViewCmd::Theme(Theme::System))
    ),
    action!(
        "Zoom in",
        View,
        [key(CMD, Key::Plus), key(CMD, Key::Equals)],
        Command::View(ViewCmd::Zoom(Zoom::In))
    ),
    action!(
        "Zoom out",
        View,
        [key(CMD, Key::Minus)],
        Command::View(ViewCmd::Zoom(Zoom::Out))
    ),
    action!(
        "Actual size",
        View,
        [key(CMD, Key::Num0)],
        Command::View(ViewCmd::Zoom(Zoom::Reset))
    ),
    action!(
        "Command palette",
        View,
        [key(CMD_SHIFT, Key::P), key(CMD, Key::K)],
        Command::View(ViewCmd::ShowPalette)
    ),
    action!(
        "Keyboard shortcuts",
        View,
        [key(NONE, Key::F1)],
        Command::View(ViewCmd::ShowShortcuts)
    ),
    action!(
        "Present",
        Talk,
        [PRESENT],
        Command::Present(PresentCmd::Start { rehearse: false })
    ),
    action!(
        "Present from the selected dimension",
        Talk,
        [key(Modifiers::SHIFT, Key::F5)],
        Command::Present(PresentCmd::StartHere)
    ),
    action!(
        "Rehearse (record the time per slide)",
        Talk,
        [key(CMD, Key::F5)],
        Command::Present(PresentCmd::Start { rehearse: true })
    ),
    action!(
        "Present starred dimensions only",
        Talk,
        [],
        Command::Present(PresentCmd::StarredOnly(true))
    ),
    action!(
        "Present every dimension",
        Talk,
        [],
        Command::Present(PresentCmd::StarredOnly(false))
    ),
    action!(
        "Show summaries on slides",
        Talk,
        [],
        Command::Present(PresentCmd::Summaries(true))
    ),
    action!(
        "Leave summaries off slides",
        Talk,
        [],
        Command::Present(PresentCmd::Summaries(false))
    ),
    verdict!(1, Num1),
    verdict!(2, Num2),
    verdict!(3, Num3),
    verdict!(4, Num4),
    verdict!(5, Num5),
    verdict!(6, Num6),
    verdict!(7, Num7),
    verdict!(8, Num8),
    verdict!(9, Num9),
    after!(
        V,
        "Set verdict: even",
        E,
        TalkCmd::SetVerdictSelected(VerdictPick::Even)
    ),
    after!(
        V,
        "Clear the verdict",
        Num0,
        TalkCmd::SetVerdictSelected(VerdictPick::Clear)
    ),
    weight!(0, Num0),
    weight!(1, Num1),
    weight!(2, Num2),
    weight!(3, Num3),
];

/// The keys while presenting (they replace every other key then), with
/// what they do, for the F1 window.
pub static PRESENTING_KEYS: &[(&str, &[Key], PresentCmd)] = &[
    (
        "Next",
        &[
            Key::ArrowRight,
            Key::Space,
            Key::PageDown,
            Key::ArrowDown,
            Key::N,
        ],
        PresentCmd::Step(Step::Next),
    ),
    (
        "Previous",
        &[Key::ArrowLeft, Key::PageUp, Key::Backspace, Key::ArrowUp],
        PresentCmd::Step(Step::Previous),
    ),
    ("First slide", &[Key::Home], PresentCmd::Step(Step::First)),
    ("Last slide", &[Key::End], PresentCmd::Step(Step::Last)),
    (
        "Go to the slide number typed",
        &[Key::Enter],
        PresentCmd::Step(Step::Jump),
    ),
    (
        "Blank the screen",
        &[Key::B, Key::Period],
        PresentCmd::Step(Step::Blank),
    ),
    (
        "Presenter view",
        &[Key::P],
        PresentCmd::Step(Step::TogglePresenterView),
    ),
    (
        "Pause or resume the timer",
        &[Key::T],
        PresentCmd::Step(Step::PauseTimer),
    ),
    (
        "Reset the timer",
        &[Key::R],
        PresentCmd::Step(Step::ResetTimer),
    ),
    (
        "Every slide, to jump to one",
        &[Key::G],
        PresentCmd::Step(Step::ToggleGrid),
    ),
    (
        "Swap the screens of the slides and the presenter view",
        &[Key::X],
        PresentCmd::Step(Step::SwapScreens),
    ),
    ("Stop presenting", &[Key::Escape], PresentCmd::Stop),
];
