//! The commands the window's views emit, grouped by what they touch. The
//! session applies the groups about the comparison and its notes (`Nav`,
//! `Notes`, `Talk`, `Find`, `Present`); the app applies those that need a
//! window (`File`, `Export`, `View`, `Quit`). Each group is applied by one
//! exhaustive `match`, so a new command does not compile until someone
//! decides what it does.

use std::path::PathBuf;

use super::find::Filter;
use super::history::NoteKey;
use super::outline::Section;
use crate::platform::file_dialog::PathPurpose;

/// Something a panel asks the app to do, applied after layout. Grouped by
/// what it touches; each group is applied by one exhaustive `match`, so a
/// new command does not compile until someone decides what it does.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Moving around: the selection and the columns shown.
    Nav(Nav),
    /// Changing the notes, or deciding about their file.
    Notes(NotesCmd),
    /// Opening files: the path dialog, reloading, the built-in comparison.
    File(FileCmd),
    /// The export dialog and where exports go.
    Export(ExportCmd),
    /// Searching and filtering the sidebar, and jumping between finds.
    Find(FindCmd),
    /// The command palette and the shortcuts window.
    View(ViewCmd),
    /// The talk's length, budgets, verdicts and weights.
    Talk(TalkCmd),
    /// Presenting the talk.
    Present(PresentCmd),
    /// Quit.
    Quit,
}

/// Moving around: the selection and the columns shown.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Show this section.
    Select(Section),
    /// Move the selection by this many rows (clamped).
    Move(isize),
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Show subject `subject` in column `column` (0 left, 1 right).
    SetColumn {
        /// 0 for left, 1 for right.
        column: usize,
        /// Index into the comparison's subjects.
        subject: usize,
    },
    /// Swap the two columns.
    SwapColumns,
    /// Show every subject as a column (`true`) or the two chosen.
    ShowAllSubjects(bool),
}

impl From<Nav> for Command {
    fn from(c: Nav) -> Self {
        Self::Nav(c)
    }
}

/// Changing the notes, or deciding about their file.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesCmd {
    /// A note's text was edited: this is its text now. Typing in one
    /// note coalesces into one undo step until [`NotesCmd::EndTyping`].
    SetText {
        /// Which note.
        note: NoteKey,
        /// Its whole text.
        text: String,
    },
    /// The note editor was left: the next keystroke starts a new undo step.
    EndTyping,
    /// Star or un-star the dimension at this index.
    ToggleStar(usize),
    /// Star or un-star the selected dimension.
    ToggleStarSelected,
    /// Highlight or clear the point with this aspect on a dimension.
    ToggleHighlight {
        /// Index of the dimension.
        dimension: usize,
        /// The point's aspect.
        aspect: String,
    },
    /// Highlight or clear the n-th (1-based) point of the selected dimension.
    ToggleHighlightRow(usize),
    /// The notes file changed on disk: keep a copy of it aside and write ours.
    KeepMine,
    /// The notes file changed on disk: keep ours aside and load the file.
    ReloadTheirs,
    /// The notes file is broken: move it aside and carry on.
    MoveBrokenAside,
    /// Notes on a dimension the content no longer has: move them to this
    /// dimension (a renamed one).
    AttachOrphan {
        /// The id the notes are on.
        from: String,
        /// The dimension to move them to.
        to: String,
    },
    /// Notes on a dimension the content no longer has: remove them (asked
    /// twice in the panel).
    DeleteOrphan(String),
    /// Replace the notes with `merged`, merged from a colleague's notes
    /// (File ▸ Merge notes from…): one undo step. Refused when the notes
    /// are no longer `reviewed`, those the review was made from.
    ApplyMerge {
        /// The notes the review was made from.
        reviewed: Box<crate::notes::Notes>,
        /// The notes as chosen in the review.
        merged: Box<crate::notes::Notes>,
    },
    /// The notes file changed on disk: merge it with these notes field by
    /// field (the version last read or written is the base), keep a copy of
    /// it aside and write the result. One undo step.
    MergeOnDisk,
    /// The person checked what a merge flagged on this note: clear the flag.
    ClearMergeCheck(NoteKey),
    /// Undo the last change to the notes, typing included (Ctrl+Z, in
    /// the note editor too).
    Undo,
    /// Redo what was undone (Ctrl+Shift+Z).
    Redo,
}

impl From<PresentCmd> for Command {
    fn from(c: PresentCmd) -> Self {
        Self::Present(c)
    }
}

impl NotesCmd {
    /// Whether the command changes annotations in a way recorded by
    /// comparing the notes before and after it (typing is recorded as it
    /// comes, undo and redo walk the history, the rest decide about the
    /// file).
    #[must_use]
    pub fn undoable(&self) -> bool {
        match self {
            Self::ToggleStar(_)
            | Self::ToggleHighlight { .. }
            | Self::AttachOrphan { .. }
            | Self::DeleteOrphan(_)
            | Self::ApplyMerge { .. }
            | Self::MergeOnDisk
            | Self::ClearMergeCheck(_) => true,
            // The first two become one of the above, recorded there.
            Self::ToggleStarSelected
            | Self::ToggleHighlightRow(_)
            | Self::SetText { .. }
            | Self::EndTyping
            | Self::Undo
            | Self::Redo
            | Self::KeepMine
            | Self::ReloadTheirs
            | Self::MoveBrokenAside => false,
        }
    }
}

/// The talk's length, budgets, verdicts and weights: changes to the notes
/// that plan the talk, each one undo step.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TalkCmd {
    /// Set the talk's length in minutes (0: none).
    SetTalkMinutes(u32),
    /// Share budgets by what was marked (`true`) or equally.
    SetWeighted(bool),
    /// Set a dimension's budget by hand (seconds), or give it back to the
    /// plan (`None`).
    SetBudget {
        /// Index of the dimension.
        dimension: usize,
        /// Seconds, or `None` for the plan's proposal.
        seconds: Option<u32>,
    },
    /// Record which subject fits better on a dimension (`None`: no verdict).
    SetVerdict {
        /// Index of the dimension.
        dimension: usize,
        /// The verdict.
        verdict: Option<crate::notes::Verdict>,
    },
    /// Set how much a dimension matters (0 to 3).
    SetWeight {
        /// Index of the dimension.
        dimension: usize,
        /// The weight.
        weight: u8,
    },
    /// [`TalkCmd::SetVerdict`] on the selected dimension, the subject
    /// chosen by its number (V then 1–9): the keys do not know the ids.
    SetVerdictSelected(VerdictPick),
    /// [`TalkCmd::SetWeight`] on the selected dimension (W then 0–3).
    SetWeightSelected(u8),
}

/// A verdict as chosen by key: by the subject's place in the comparison,
/// as the keys and the table know it, not by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictPick {
    /// No verdict (V then 0).
    Clear,
    /// Even (V then E).
    Even,
    /// The subject at this index (V then its number, 1-based).
    Subject(usize),
}

impl From<TalkCmd> for Command {
    fn from(c: TalkCmd) -> Self {
        Self::Talk(c)
    }
}

impl From<NotesCmd> for Command {
    fn from(c: NotesCmd) -> Self {
        Self::Notes(c)
    }
}

/// Opening files: the path dialog, reloading, the built-in comparison.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCmd {
    /// Show the path dialog for this purpose.
    ShowDialog(PathPurpose),
    /// Ask the system file dialog for the path dialog's purpose.
    Browse,
    /// Act on a path chosen in the path dialog.
    Submit(PathBuf),
    /// Close the path dialog.
    CloseDialog,
    /// Load the current file again.
    Reload,
    /// Open this comparison (a recent file, a dropped one).
    Open(PathBuf),
    /// Open again the comparison last left for another one.
    ReopenClosed,
    /// Go back to the built-in comparison.
    OpenBuiltIn,
    /// The notes file is a link out of the comparison's folder: write
    /// through it to where it points now (remembered for this link).
    TrustNotesLink,
    /// Hide the load error.
    DismissError,
}

impl From<FileCmd> for Command {
    fn from(c: FileCmd) -> Self {
        Self::File(c)
    }
}

/// The export dialog and where exports go.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportCmd {
    /// Show the export dialog.
    ShowDialog,
    /// Close the export dialog.
    CloseDialog,
    /// The export format or the audience choice changed: suggest a file
    /// name to match (its extension; `-audience` for the audience
    /// version).
    FormatChanged,
    /// Ask the system save dialog where to export.
    Browse,
    /// Export to this path (asks once before overwriting).
    Submit(PathBuf),
    /// Open this folder in the system's file manager.
    OpenFolder(PathBuf),
    /// Stop the export under way (its file is left as it was).
    Cancel,
}

impl From<ExportCmd> for Command {
    fn from(c: ExportCmd) -> Self {
        Self::Export(c)
    }
}

/// Searching and filtering the sidebar, and jumping between finds.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindCmd {
    /// The search text is now this: list the dimensions that match.
    Changed(String),
    /// Clear the search and go back to where the search began (Esc).
    Clear,
    /// Select the next listed dimension (Enter, F3), round to the first.
    Next,
    /// Select the previous listed dimension (Shift+F3), round to the last.
    Previous,
    /// List only the dimensions this filter lets through.
    SetFilter(Filter),
    /// Select the next annotated or starred dimension (Alt+Down).
    NextAnnotated,
    /// Select the previous annotated or starred dimension (Alt+Up).
    PreviousAnnotated,
}

impl From<FindCmd> for Command {
    fn from(c: FindCmd) -> Self {
        Self::Find(c)
    }
}

/// The command palette and the shortcuts window.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewCmd {
    /// Open the command palette (Ctrl+Shift+P, Ctrl+K).
    ShowPalette,
    /// Close it.
    ClosePalette,
    /// Open the keyboard shortcuts window (F1).
    ShowShortcuts,
    /// Close it.
    CloseShortcuts,
    /// Close the first-run screen.
    CloseWelcome,
    /// Show or hide the overview of every dimension (Ctrl+Shift+O).
    ToggleOverview,
    /// Close the overview, showing the selected section (choosing a
    /// dimension in the palette).
    CloseOverview,
    /// Esc: close the overview when it is shown, else clear the search
    /// ([`FindCmd::Clear`]).
    Back,
    /// Open the list of the content file's warnings (the status bar's
    /// "N warnings").
    ShowWarnings,
    /// Close it.
    CloseWarnings,
    /// Light, dark, or as the system says.
    Theme(Theme),
    /// Larger, smaller, or back to 100 %.
    Zoom(Zoom),
    /// Move keyboard focus to the note editor (in the overview: open the
    /// selected dimension).
    FocusNote,
    /// Put the keyboard in the search field (Ctrl+F, `/`).
    FocusSearch,
}

/// The window's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// As the system says.
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

/// A step of the zoom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// 10 % larger (Ctrl+Plus, Ctrl+=).
    In,
    /// 10 % smaller (Ctrl+Minus).
    Out,
    /// 100 % (Ctrl+0).
    Reset,
}

impl Zoom {
    /// The zoom factor after this step from `factor`, between 50 % and
    /// 300 %.
    #[must_use]
    pub fn from(self, factor: f32) -> f32 {
        match self {
            Self::In => (factor * 1.1).min(3.0),
            Self::Out => (factor / 1.1).max(0.5),
            Self::Reset => 1.0,
        }
    }
}

impl From<ViewCmd> for Command {
    fn from(c: ViewCmd) -> Self {
        Self::View(c)
    }
}

/// What the presenting keys and buttons ask for.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentCmd {
    /// Start presenting from the first slide, recording a rehearsal or not.
    Start {
        /// Record the seconds spent on each slide in the notes file.
        rehearse: bool,
    },
    /// Start presenting at the selected dimension (the slide that shows
    /// it, or the next one presented), as PowerPoint's "From Current Slide".
    StartHere,
    /// Start presenting with the slides on this monitor (an index in the
    /// window system's list; Talk ▸ Present on), the presenter view on
    /// another.
    StartOn(usize),
    /// A step through the talk while it is presented.
    Step(Step),
    /// Present only the starred dimensions (when any), or all.
    StarredOnly(bool),
    /// Show the summaries on each slide, or not.
    Summaries(bool),
    /// The speaker note's text in the presenter view: larger, smaller, or
    /// back to its first size (remembered).
    NoteSize(Zoom),
    /// Stop presenting, at the dimension shown.
    Stop,
}

/// A step through the talk while it is presented: the slides, the pages,
/// the screen, the presenter view.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The next page or slide.
    Next,
    /// The previous page or slide.
    Previous,
    /// The first slide.
    First,
    /// The last slide.
    Last,
    /// A digit of a slide number to jump to.
    Digit(u8),
    /// Jump to the slide number typed.
    Jump,
    /// Blank the screen, or show it again.
    Blank,
    /// Show or hide the presenter view.
    TogglePresenterView,
    /// Pause the presenter's timer, or start it again.
    PauseTimer,
    /// Set the presenter's timer back to zero.
    ResetTimer,
    /// Show the grid of every slide, or close it.
    ToggleGrid,
    /// Exchange the monitors of the slides and of the presenter view.
    SwapScreens,
    /// Go to this slide (from the grid; 0 is the title).
    GoTo(usize),
    /// The slide shown takes this many pages on this screen.
    Pages(usize),
}

impl From<Step> for Command {
    fn from(c: Step) -> Self {
        Self::Present(PresentCmd::Step(c))
    }
}
