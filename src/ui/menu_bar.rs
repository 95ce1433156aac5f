//! The menu bar, and the load-error banner beneath it.

use egui::RichText;

use crate::notes::file::Status;
use crate::platform::file_dialog::PathPurpose;
use crate::platform::monitors::Monitor;
use crate::session::command::{FileCmd, NotesCmd, PresentCmd};
use crate::session::{Command, Session, Source};
use crate::ui::Recent;
use crate::ui::actions::{ACTIONS, Group, keys_text};

/// File ▸ Open Recent: the recent comparisons that still exist.
fn recent_ui(ui: &mut egui::Ui, recent: &Recent<'_>, commands: &mut Vec<Command>) {
    ui.add_enabled_ui(!recent.files.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in &recent.files {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    commands.push(FileCmd::Open((*path).clone()).into());
                }
            }
        });
    });
}

/// Talk ▸ Present on: each monitor by name and size, with two or more.
fn present_on_ui(ui: &mut egui::Ui, monitors: &[Monitor], commands: &mut Vec<Command>) {
    if monitors.len() < 2 {
        return;
    }
    ui.menu_button("Present on", |ui| {
        for (i, monitor) in monitors.iter().enumerate() {
            if ui.button(monitor.label()).clicked() {
                commands.push(PresentCmd::StartOn(i).into());
            }
        }
    });
}

/// Whether a menu item can be chosen now.
fn enabled(session: &Session, recent: &Recent<'_>, command: &Command) -> bool {
    match command {
        Command::File(c) => match c {
            FileCmd::Reload => matches!(session.source, Source::File(_)),
            FileCmd::OpenBuiltIn => session.source != Source::BuiltIn,
            FileCmd::ReopenClosed => recent.closed,
            FileCmd::ShowDialog(_)
            | FileCmd::Browse
            | FileCmd::Submit(_)
            | FileCmd::CloseDialog
            | FileCmd::Open(_)
            | FileCmd::DismissError
            | FileCmd::TrustNotesLink => true,
        },
        Command::Present(c) => match c {
            // The choice in force is not offered again.
            PresentCmd::StarredOnly(on) => session.present_options.starred_only != *on,
            PresentCmd::Summaries(on) => session.present_options.summaries != *on,
            PresentCmd::Start { .. }
            | PresentCmd::StartHere
            | PresentCmd::StartOn(_)
            | PresentCmd::NoteSize(_)
            | PresentCmd::Step(_)
            | PresentCmd::Stop => true,
        },
        // Always there to choose, whatever is shown.
        Command::Nav(_)
        | Command::Notes(_)
        | Command::Talk(_)
        | Command::Export(_)
        | Command::Find(_)
        | Command::View(_)
        | Command::Quit => true,
    }
}

/// Draws the menu bar and, when the last load failed, its error.
pub fn ui<'r>(
    ui: &mut egui::Ui,
    session: &Session,
    (recent, monitors): (&dyn Fn() -> Recent<'r>, &[Monitor]),
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        for group in [Group::File, Group::Find, Group::View, Group::Talk] {
            ui.menu_button(group.label(), |ui| {
                // Only while a menu is open: each recent file is looked
                // for on disk.
                let recent = &recent();
                for action in ACTIONS.iter().filter(|a| a.group == group) {
                    // Verdicts are named after the subjects there are.
                    let Some(label) = action.label_in(&session.comparison) else {
                        continue;
                    };
                    if action.command == Command::Quit {
                        ui.separator();
                    }
                    let keys = keys_text(ui.ctx(), action);
                    let mut button = egui::Button::new(label);
                    if !keys.is_empty() {
                        button = button.shortcut_text(keys);
                    }
                    if ui
                        .add_enabled(enabled(session, recent, &action.command), button)
                        .clicked()
                    {
                        commands.push(action.command.clone());
                    }
                    if action.command == FileCmd::ShowDialog(PathPurpose::OpenContent).into() {
                        recent_ui(ui, recent, commands);
                    }
                    if action.command == Command::Present(PresentCmd::Start { rehearse: false }) {
                        present_on_ui(ui, monitors, commands);
                    }
                }
            });
        }
        ui.separator();
        ui.label(RichText::new(&session.comparison.title).strong());
    });
    notes_banner_ui(ui, session, commands);
    if let Some(error) = &session.error {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.label(
                        RichText::new("Could not open the file")
                            .strong()
                            .color(ui.visuals().error_fg_color),
                    );
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                        if ui.button("Dismiss").clicked() {
                            commands.push(FileCmd::DismissError.into());
                        }
                    });
                });
                ui.add(egui::Label::new(RichText::new(error).monospace()).wrap());
                ui.label(
                    RichText::new("Still showing the comparison that was open before.").weak(),
                );
            });
        ui.add_space(4.0);
    }
}

/// A banner when the notes file needs the person's decision.
fn notes_banner_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let path = session.notes_file.path.display().to_string();
    let (title, detail): (&str, String) = match &session.notes_file.status {
        Status::Conflict => (
            "The notes file changed on disk",
            format!(
                "{path} was changed by another program since versus read it. Nothing has been written over it. Your notes stay in the window until you choose: reload theirs, keep mine, or merge the two."
            ),
        ),
        Status::Failed(_) => (
            "Your notes are not being saved",
            format!(
                "{}\nNothing you type is lost: it stays here, and a copy is written wherever a file can be.",
                session.notes_status().trim_start_matches("Not saved: ")
            ),
        ),
        Status::Broken(error) if session.notes_file.can_move_aside() => (
            "The notes file cannot be read",
            format!(
                "{error}\nIt will not be overwritten. Notes you write now are kept in memory (and saved beside it on exit) until you choose."
            ),
        ),
        Status::Broken(error) => (
            "This is not a notes file",
            format!(
                "{error}\nversus will not write over it or move it. Notes you write now are kept in memory and saved beside it on exit; to keep them in a file now, use Save notes as… in the File menu."
            ),
        ),
        _ => return,
    };
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(title)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            ui.add(egui::Label::new(RichText::new(detail)).wrap());
            ui.horizontal(|ui| banner_actions_ui(ui, session, commands));
        });
    ui.add_space(4.0);
}

/// The banner's choices for the notes file's state.
fn banner_actions_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    match session.notes_file.status {
        Status::Conflict => {
            if ui
                .button("Reload from disk")
                .on_hover_text(
                    "Load the file as it is now; your version is kept in a copy beside it",
                )
                .clicked()
            {
                commands.push(NotesCmd::ReloadTheirs.into());
            }
            if ui
                .button("Keep mine")
                .on_hover_text("Write your notes; the version on disk is kept in a copy beside it")
                .clicked()
            {
                commands.push(NotesCmd::KeepMine.into());
            }
            if ui
                .button("Merge")
                .on_hover_text(
                    "Merge the file's version with yours, field by field (what you both wrote is kept); the file's version is also kept in a copy beside it",
                )
                .clicked()
            {
                commands.push(NotesCmd::MergeOnDisk.into());
            }
        }
        Status::Failed(_) => {
            if let Some(link) = session.notes_file.untrusted_link() {
                let target = link.target.display();
                if ui
                            .button(format!("Write to {target}"))
                            .on_hover_text(
                                "The notes file is a link out of the comparison's folder. Write through it to this file, now and whenever this link points there",
                            )
                            .clicked()
                        {
                            commands.push(FileCmd::TrustNotesLink.into());
                        }
            }
            if ui
                .button("Save notes as…")
                .on_hover_text("Write the notes to another file and use it from now on")
                .clicked()
            {
                commands.push(FileCmd::ShowDialog(PathPurpose::SaveNotesAs).into());
            }
        }
        _ if !session.notes_file.can_move_aside() => {
            if ui.button("Save notes as…").clicked() {
                commands.push(FileCmd::ShowDialog(PathPurpose::SaveNotesAs).into());
            }
        }
        _ => {
            if ui
                .button("Move it aside and start fresh")
                .on_hover_text("Rename it to …broken-<time> and save your notes in its place")
                .clicked()
            {
                commands.push(NotesCmd::MoveBrokenAside.into());
            }
        }
    }
}
