//! File ▸ Merge notes from…: the review of a colleague's notes, place by
//! place (take theirs / keep mine / keep both), applied as one undo step;
//! and the "merged, check" box the notes panel shows on a flagged note.

use std::path::PathBuf;

use egui::RichText;

use crate::model::Comparison;
use crate::notes::MergeCheck;
use crate::notes::merge::{Choice, Place, Review};
use crate::session::Command;
use crate::session::command::NotesCmd;
use crate::session::history::NoteKey;

/// The review's state: what their notes add, and the person's choices.
#[derive(Debug, Clone, Default)]
pub struct MergeDialog {
    /// The review; `None` when the dialog is closed.
    pub review: Option<Review>,
    /// Their notes file.
    pub from: PathBuf,
    /// A remark shown above the list (their notes are for another title).
    pub remark: Option<String>,
}

impl MergeDialog {
    /// Opens on `review`, of the notes in `from`, with a remark above the
    /// list if any.
    pub fn show(&mut self, review: Review, from: PathBuf, remark: Option<String>) {
        self.review = Some(review);
        self.from = from;
        self.remark = remark;
    }

    /// Whether it is shown.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.review.is_some()
    }
}

/// A subject's name by id (the id itself for one the content lacks).
#[must_use]
pub fn subject_name(comparison: &Comparison, id: &str) -> String {
    comparison
        .subjects
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_owned(), |s| s.name.clone())
}

/// How a place is named in the review: the dimension's title, or its id
/// for notes on a dimension the content does not have.
fn place_title(comparison: &Comparison, place: &Place) -> String {
    match place {
        Place::Overall => "The whole comparison and the talk".to_owned(),
        Place::Dimension(id) => comparison
            .dimensions
            .iter()
            .find(|d| &d.id == id)
            .map_or_else(
                || format!("\"{id}\" (not in this comparison)"),
                |d| d.title.clone(),
            ),
    }
}

/// Draws the review when it is open. Choices change the dialog's own state;
/// "Merge" sends the chosen notes as one command.
pub fn ui(
    ctx: &egui::Context,
    dialog: &mut MergeDialog,
    comparison: &Comparison,
    commands: &mut Vec<Command>,
) {
    let Some(review) = &mut dialog.review else {
        return;
    };
    let name = dialog.from.file_name().map_or_else(
        || dialog.from.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut keep_open = true;
    let mut done = false;
    egui::Window::new(format!("Merge notes from {name}"))
        .collapsible(false)
        .resizable(true)
        .open(&mut keep_open)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} adds or changes {} — choose per item. Nothing of yours is dropped unless you take theirs; Ctrl+Z undoes the whole merge.",
                dialog.from.display(),
                match review.items.len() {
                    1 => "1 item".to_owned(),
                    n => format!("{n} items"),
                }
            ));
            if let Some(remark) = &dialog.remark {
                ui.label(RichText::new(remark).color(ui.visuals().warn_fg_color));
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.6)
                .show(ui, |ui| items_ui(ui, review, comparison));
            ui.separator();
            done = buttons_ui(ui, review, commands);
        });
    if done || !keep_open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        dialog.review = None;
    }
}

/// The review's items, each with its choice.
fn items_ui(ui: &mut egui::Ui, review: &mut Review, comparison: &Comparison) {
    // In the content's order, as the sidebar lists them; the overall place
    // first, orphans last.
    let rank = |place: &Place| match place {
        Place::Overall => 0,
        Place::Dimension(id) => comparison
            .dimensions
            .iter()
            .position(|d| &d.id == id)
            .map_or(usize::MAX, |i| i + 1),
    };
    let mut items: Vec<_> = review.items.iter_mut().enumerate().collect();
    items.sort_by_key(|(_, item)| rank(&item.place));
    for (i, item) in items {
        ui.push_id(i, |ui| {
            ui.label(RichText::new(place_title(comparison, &item.place)).strong());
            for change in &item.changes {
                ui.label(format!("• {change}"));
            }
            ui.horizontal(|ui| {
                ui.selectable_value(&mut item.choice, Choice::KeepBoth, "Keep both")
                    .on_hover_text(if item.kept_both {
                        "Where you both changed something, yours is kept with theirs beside it, and the place is flagged \"merged, check\""
                    } else {
                        "Yours and theirs, merged"
                    });
                ui.selectable_value(&mut item.choice, Choice::TakeTheirs, "Take theirs");
                ui.selectable_value(&mut item.choice, Choice::KeepMine, "Keep mine");
            });
            if item.kept_both && item.choice == Choice::KeepBoth {
                ui.label(
                    RichText::new("You both changed this: your lines or value are kept with theirs beside them, flagged \"merged, check\".")
                        .weak(),
                );
            }
            ui.add_space(6.0);
        });
    }
}

/// "Merge" and "Cancel"; returns whether either was clicked.
fn buttons_ui(ui: &mut egui::Ui, review: &Review, commands: &mut Vec<Command>) -> bool {
    let mut done = false;
    ui.horizontal(|ui| {
        if ui.button("Merge").clicked() {
            commands.push(
                NotesCmd::ApplyMerge {
                    reviewed: Box::new(review.mine().clone()),
                    merged: Box::new(review.result()),
                }
                .into(),
            );
            done = true;
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

/// The "merged, check" box over a flagged note: what to check, and a
/// button to say it is checked (one undo step).
pub fn check_ui(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    check: Option<&MergeCheck>,
    note: NoteKey,
    commands: &mut Vec<Command>,
) {
    let Some(check) = check else {
        return;
    };
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new("Merged, check")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            for line in check.describe(&|id| subject_name(comparison, id)) {
                ui.add(egui::Label::new(format!("• {line}")).wrap());
            }
            if ui
                .button("Checked")
                .on_hover_text("Clear the flag (their values noted here are dropped)")
                .clicked()
            {
                commands.push(NotesCmd::ClearMergeCheck(note).into());
            }
        });
    ui.add_space(4.0);
}
