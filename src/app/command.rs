//! How the app applies the commands that need a window: files, the
//! export dialog, the view, quitting. The session applies the rest.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::VersusApp;
use crate::model::Comparison;
use crate::platform::file_dialog::DialogPurpose;
use crate::session::command::{ExportCmd, FileCmd, NotesCmd, PresentCmd, Step, ViewCmd};
use crate::session::{Command, Source};
use crate::storage;

impl VersusApp {
    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        // Whatever the person does next, the first-run screen has done its
        // job (Esc, a key, a menu); only looking for help or changing how
        // things look leaves it up.
        let keeps_welcome = matches!(
            command,
            Command::View(
                ViewCmd::Theme(_)
                    | ViewCmd::Zoom(_)
                    | ViewCmd::ShowPalette
                    | ViewCmd::ClosePalette
                    | ViewCmd::ShowShortcuts
                    | ViewCmd::CloseShortcuts
            )
        );
        if !keeps_welcome {
            self.shown.welcome = false;
        }
        // Anything but typing ends a stretch of typing: the next keystroke
        // is a new undo step.
        if !matches!(command, Command::Notes(NotesCmd::SetText { .. })) {
            self.session.end_typing();
        }
        // Only a change to the notes or the content can change what a
        // search or filter lists (finding re-lists by itself): moving
        // around does not search again.
        let may_relist = matches!(
            command,
            Command::Notes(_) | Command::Talk(_) | Command::File(_) | Command::Present(_)
        );
        let session = &mut self.session;
        match command {
            Command::Nav(c) => session.apply_nav(c),
            Command::Notes(c) => session.apply_notes(c),
            Command::Talk(c) => session.apply_talk(c),
            Command::Find(c) => session.apply_find(c),
            Command::Present(c) => {
                let starting = session.presenting.is_none();
                session.apply_present(c, session.clock);
                if session.presenting.is_some() {
                    self.shown.overview = false;
                    if starting {
                        let on = match c {
                            PresentCmd::StartOn(monitor) => Some(monitor),
                            PresentCmd::Start { .. }
                            | PresentCmd::StartHere
                            | PresentCmd::Step(_)
                            | PresentCmd::StarredOnly(_)
                            | PresentCmd::Summaries(_)
                            | PresentCmd::NoteSize(_)
                            | PresentCmd::Stop => None,
                        };
                        self.place_talk(on);
                    }
                }
                if c == PresentCmd::Step(Step::SwapScreens) {
                    self.remember_screens();
                }
            }
            Command::File(c) => self.apply_file(c),
            Command::Export(c) => self.apply_export(c),
            Command::View(c) => self.apply_view(c),
            Command::Quit => self.quit_requested = true,
        }
        if may_relist {
            self.session.refresh_outline();
        }
    }

    /// Opens files, through the path dialog or again.
    fn apply_file(&mut self, command: FileCmd) {
        match command {
            FileCmd::ShowDialog(purpose) => self.show_path_dialog(purpose),
            FileCmd::Browse => {
                if let Some(purpose) = self.path_dialog.purpose {
                    let suggested = self.path_dialog.field.browse();
                    self.background
                        .dialogs
                        .request(DialogPurpose::Path(purpose), suggested);
                }
            }
            FileCmd::Submit(path) => self.submit_path(&path),
            FileCmd::Open(path) => self.open(&path),
            FileCmd::ReopenClosed => match self.remembered.last_closed.clone() {
                Some(path) => self.open(&path),
                None => self.session.message = Some("No comparison was closed yet".to_owned()),
            },
            FileCmd::CloseDialog => self.path_dialog.close(),
            FileCmd::Reload => {
                if let Source::File(path) = self.session.source.clone() {
                    self.open(&path);
                }
            }
            FileCmd::OpenBuiltIn => {
                self.replace(Comparison::built_in(), Source::BuiltIn, Vec::new(), 0);
            }
            FileCmd::DismissError => self.session.error = None,
            FileCmd::TrustNotesLink => self.trust_notes_link(Instant::now()),
        }
    }

    /// not notes, in the path dialog.
    pub(super) fn review_merge(&mut self, path: &Path) {
        if storage::same_file(path, &self.session.notes_file.path) {
            self.path_dialog.field.refuse(format!(
                "{} is your own notes file; choose your colleague's copy.",
                path.display()
            ));
            return;
        }
        let theirs = crate::notes::read_existing(path)
            .and_then(|bytes| crate::notes::Notes::from_ron(&bytes, path));
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(e) => {
                self.path_dialog.field.refuse(e.to_string());
                return;
            }
        };
        let ours = &self.session.notes_file.notes;
        let comparison = &self.session.comparison;
        let name = |id: &str| crate::ui::merge_dialog::subject_name(comparison, id);
        let review = crate::notes::merge::Review::new(ours, &theirs, &name);
        self.path_dialog.close();
        if review.items.is_empty() {
            self.session.message = Some(format!("{} adds nothing to your notes", path.display()));
            return;
        }
        let remark =
            (!theirs.comparison.is_empty() && theirs.comparison != ours.comparison).then(|| {
                format!(
                    "These notes are for \"{}\"; yours are for \"{}\".",
                    theirs.comparison, ours.comparison
                )
            });
        self.merge_dialog.show(review, path.to_owned(), remark);
    }

    /// to where it points now, remembered for this link.
    fn trust_notes_link(&mut self, now: Instant) {
        if let Some(link) = self.session.notes_file.untrusted_link() {
            self.remembered
                .trust_link(&self.session.notes_file.path, &link.target);
            self.session.notes_file.trust_link(link.target.clone(), now);
            self.session.message = Some(format!(
                "Notes are now written through the link to {}",
                link.target.display()
            ));
        }
    }

    /// Applies a command of the export dialog.
    fn apply_export(&mut self, command: ExportCmd) {
        match command {
            ExportCmd::ShowDialog => {
                // What the window shows: every subject (empty), or the pair.
                let subjects = if self.session.shown_subjects().len() > 2 {
                    Vec::new()
                } else {
                    self.session.columns.to_vec()
                };
                let dialog = &mut self.export_dialog;
                dialog.show(subjects);
                if dialog.field.path.is_empty() {
                    self.apply_export(ExportCmd::FormatChanged);
                }
            }
            ExportCmd::CloseDialog => self.export_dialog.close(),
            ExportCmd::FormatChanged => {
                let dialog = &mut self.export_dialog;
                let name = crate::export::default_file_name(
                    &self.session.comparison,
                    dialog.format,
                    dialog.export_options().audience,
                );
                let typed = PathBuf::from(dialog.field.path.trim());
                let dir = typed
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map(Path::to_owned)
                    .or_else(|| self.remembered.export.folder.clone().filter(|d| d.is_dir()))
                    .unwrap_or_else(|| storage::export_dir(self.session.source.path()));
                // "… exists" was about the old file name.
                dialog.field.suggest(dir.join(name).display().to_string());
            }
            ExportCmd::Browse => {
                let dialog = &mut self.export_dialog;
                let suggested = dialog.field.browse();
                self.background
                    .dialogs
                    .request(DialogPurpose::Export(dialog.format.extension()), suggested);
            }
            ExportCmd::Submit(path) => self.export_to(path),
            ExportCmd::Cancel => self.cancel_export(),
            ExportCmd::OpenFolder(dir) => {
                self.open_url = Some(format!("file://{}", dir.display()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::notes::file::Status;
    use crate::platform::file_dialog::PathPurpose;
    use crate::session::Section;
    use crate::session::command::{FindCmd, Nav, ViewCmd};
    use crate::session::find::Filter;

    fn app(data: &Path) -> VersusApp {
        VersusApp::new(Comparison::built_in(), Source::BuiltIn, data.to_owned())
    }

    #[test]
    fn navigation_moves_the_selection_and_the_columns() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        assert_eq!(a.session.selected, Section::Intro);
        a.apply(Nav::Move(1).into());
        assert_eq!(a.session.selected, Section::Dimension(0));
        a.apply(Nav::Last.into());
        assert_eq!(a.session.selected, Section::Conclusion);
        a.apply(Nav::Move(-2).into());
        let last = a.session.comparison.dimensions.len() - 2;
        assert_eq!(a.session.selected, Section::Dimension(last));
        a.apply(Nav::First.into());
        assert_eq!(a.session.selected, Section::Intro);
        a.apply(Nav::Select(Section::Dimension(3)).into());
        assert_eq!(a.session.selected, Section::Dimension(3));
        a.apply(Nav::SwapColumns.into());
        assert_eq!(a.session.columns, [1, 0]);
        // A subject that does not exist is ignored.
        a.apply(
            Nav::SetColumn {
                column: 0,
                subject: 9,
            }
            .into(),
        );
        assert_eq!(a.session.columns, [1, 0]);
        a.apply(ViewCmd::FocusNote.into());
        assert!(a.shown.focus_note);
    }

    #[test]
    fn notes_commands_change_the_notes_and_mark_them_unsaved() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply(Nav::Select(Section::Dimension(0)).into());
        let id = a.session.comparison.dimensions[0].id.clone();
        a.apply(NotesCmd::ToggleStarSelected.into());
        assert!(a.session.notes().is_starred(&id));
        assert_eq!(a.session.notes_file.status, Status::Unsaved);
        a.apply(NotesCmd::ToggleStar(0).into());
        assert!(!a.session.notes().is_starred(&id));
        a.apply(NotesCmd::ToggleHighlightRow(1).into());
        let aspect = a.session.comparison.dimensions[0].points[0].aspect.clone();
        assert!(a.session.notes().is_highlighted(&id, &aspect));
        // A row that does not exist changes nothing.
        a.apply(NotesCmd::ToggleHighlightRow(99).into());
        assert_eq!(a.session.notes().get(&id).unwrap().highlights.len(), 1);
        // Nothing to move aside: the file is fine, so nothing is renamed.
        a.apply(NotesCmd::MoveBrokenAside.into());
        assert!(a.session.message.unwrap().starts_with("Could not move"));
    }

    #[test]
    fn file_commands_drive_the_path_dialog_and_keep_what_is_shown() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply(FileCmd::ShowDialog(PathPurpose::OpenContent).into());
        assert_eq!(a.path_dialog.purpose, Some(PathPurpose::OpenContent));
        a.apply(FileCmd::Submit(data.path().join("missing.ron")).into());
        assert!(a.session.error.as_deref().unwrap().contains("missing.ron"));
        assert_eq!(a.session.source, Source::BuiltIn);
        a.apply(FileCmd::DismissError.into());
        assert!(a.session.error.is_none());
        a.apply(FileCmd::CloseDialog.into());
        assert_eq!(a.path_dialog.purpose, None);
        a.apply(FileCmd::Reload.into());
        a.apply(FileCmd::OpenBuiltIn.into());
        assert_eq!(a.session.source, Source::BuiltIn);
    }

    #[test]
    fn export_commands_open_name_and_close_the_dialog_and_quit_quits() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        a.apply(ExportCmd::ShowDialog.into());
        assert!(a.export_dialog.open);
        assert!(
            Path::new(&a.export_dialog.field.path)
                .extension()
                .is_some_and(|e| e == "md")
        );
        a.export_dialog.format = crate::export::Format::Html;
        a.apply(ExportCmd::FormatChanged.into());
        assert!(
            Path::new(&a.export_dialog.field.path)
                .extension()
                .is_some_and(|e| e == "html")
        );
        let out = data.path().join("out.html");
        a.apply(ExportCmd::Submit(out.clone()).into());
        // Written on a thread of its own; the window only looks.
        let ctx = egui::Context::default();
        while a.exporting() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            a.logic(&ctx);
        }
        assert!(out.is_file());
        assert!(!a.export_dialog.open);
        a.apply(ExportCmd::ShowDialog.into());
        a.apply(ExportCmd::CloseDialog.into());
        assert!(!a.export_dialog.open);
        a.apply(Command::Quit);
        assert!(a.quit_requested);
    }

    #[test]
    fn find_commands_narrow_jump_and_go_back() {
        let data = tempfile::tempdir().unwrap();
        let mut a = app(data.path());
        let all = a.session.row_count();
        a.apply(Nav::Select(Section::Dimension(4)).into());
        let title = a.session.comparison.dimensions[2].title.to_uppercase();
        a.apply(FindCmd::Changed(title).into());
        assert!(a.session.row_count() < all);
        assert_eq!(a.session.selected, Section::Dimension(2), "the first match");
        a.apply(FindCmd::Next.into());
        a.apply(FindCmd::Previous.into());
        assert_eq!(a.session.selected, Section::Dimension(2));
        a.apply(FindCmd::Clear.into());
        assert_eq!(
            (a.session.row_count(), a.session.selected),
            (all, Section::Dimension(4))
        );

        let id = a.session.comparison.dimensions[6].id.clone();
        a.session.notes_file.notes.toggle_star(&id);
        a.apply(FindCmd::SetFilter(Filter::Starred).into());
        assert_eq!(a.session.row_count(), 1);
        assert_eq!(a.session.selected, Section::Dimension(6));
        a.apply(FindCmd::SetFilter(Filter::All).into());
        a.apply(Nav::First.into());
        a.apply(FindCmd::NextAnnotated.into());
        assert_eq!(a.session.selected, Section::Dimension(6));
        a.apply(FindCmd::NextAnnotated.into());
        assert_eq!(a.session.selected, Section::Dimension(6));
        assert!(a.session.message.is_some());
        a.apply(ViewCmd::FocusSearch.into());
        assert!(a.shown.focus_search);
    }
}
