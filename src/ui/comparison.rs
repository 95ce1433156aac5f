//! The comparison pane: the subjects side by side for the selected section.

mod grid;
mod parts;

use egui::RichText;

use crate::model::{Comparison, Dimension, Subject};
use crate::session::command::{Nav, NotesCmd};
use crate::session::{Command, Section, Session};
use crate::ui::style;
use crate::ui::text::markdown_ui;

/// Draws the pane for the selected section. A dimension's title and its
/// toolbar stay in view; what is below scrolls, sideways too when the
/// columns do not fit (the toolbar then names the subjects out of view).
pub fn ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    if let Section::Dimension(i) = session.selected
        && let Some(d) = session.comparison.dimensions.get(i)
    {
        header_ui(ui, session, i, d, commands);
    }
    if !matches!(session.selected, Section::Dimension(_)) {
        set_out_of_view(ui, Vec::new());
    }
    egui::ScrollArea::both()
        .id_salt(("pane", session.selected_dimension_id().unwrap_or("")))
        .auto_shrink(false)
        .show(ui, |ui| match session.selected {
            Section::Intro => {
                ui.set_max_width(ui.available_width().min(MAX_WIDTH));
                intro_ui(ui, &session.comparison);
                ui.add_space(24.0);
            }
            Section::Conclusion => {
                ui.set_max_width(ui.available_width().min(MAX_WIDTH));
                conclusion_ui(ui, &session.comparison);
                ui.add_space(24.0);
            }
            Section::Dimension(i) => {
                if let Some(d) = session.comparison.dimensions.get(i) {
                    grid::dimension_ui(ui, session, i, d, commands);
                }
            }
        });
}

/// The widest the pane's text gets before the columns stop growing.
const MAX_WIDTH: f32 = 1400.0;

/// Where the names of the subjects out of view are kept between frames.
fn out_of_view_id() -> egui::Id {
    egui::Id::unique("versus-pane-out-of-view")
}

/// Remembers the labels of the subject columns not wholly in view, for the
/// mark over the pane; a change is drawn in the next frame, at once.
fn set_out_of_view(ui: &egui::Ui, hidden: Vec<String>) {
    let id = out_of_view_id();
    let before: Option<Vec<String>> = ui.data(|d| d.get_temp(id));
    if before.as_ref() != Some(&hidden) {
        ui.ctx().request_repaint();
        ui.data_mut(|d| d.insert_temp(id, hidden));
    }
}

/// "Redis, Cassandra out of view": which subjects' columns the pane does
/// not show whole, and how to reach them.
fn out_of_view_ui(ui: &mut egui::Ui, session: &Session) {
    let hidden: Vec<String> = ui
        .data(|d| d.get_temp(out_of_view_id()))
        .unwrap_or_default();
    if hidden.is_empty() {
        return;
    }
    let how = if session.comparison.subjects.len() > 2 && session.all_subjects {
        "scroll sideways, or choose \"Two subjects\""
    } else {
        "scroll sideways, or fold the notes panel"
    };
    let text = format!("{} out of view: {how}", crate::ui::text::few_names(&hidden));
    ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
}

/// The least width the pane needs to show every column of the selected
/// dimension with no word cut: the panels around it give way to this. On
/// the introduction and conclusion, what any dimension needs at least, so
/// the panels do not open and fold as the selection moves.
#[must_use]
pub fn least_width(ui: &egui::Ui, session: &Session) -> f32 {
    let shown: Vec<&Subject> = session
        .shown_subjects()
        .into_iter()
        .filter_map(|i| session.comparison.subjects.get(i))
        .collect();
    let least = match session.selected {
        Section::Dimension(i) => session
            .comparison
            .dimensions
            .get(i)
            .map_or(grid::Least::BASE, |d| grid::Least::of(ui, d, &shown)),
        Section::Intro | Section::Conclusion => grid::Least::BASE,
    };
    // The central panel's margins (8 a side) and the scroll bar's room.
    let frame = 16.0 + ui.spacing().scroll.allocated_width();
    least.width(shown.len()) + frame + 8.0
}

fn intro_ui(ui: &mut egui::Ui, c: &Comparison) {
    ui.add_space(8.0);
    ui.heading(RichText::new(&c.title).size(24.0).strong());
    ui.add_space(8.0);
    markdown_ui(ui, &c.intro);
    ui.add_space(12.0);
    ui.label(RichText::new("Compared").strong());
    // One label for the list: a thousand subjects cost one text to lay out
    // (cached between frames), not a thousand widgets.
    let names: Vec<String> = c.subjects.iter().map(|s| format!("• {}", s.name)).collect();
    ui.label(names.join("\n"));
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!(
            "{} dimensions. Use the Up/Down keys (or j/k) to move, Home/End to jump.",
            c.dimensions.len()
        ))
        .weak(),
    );
}

fn conclusion_ui(ui: &mut egui::Ui, c: &Comparison) {
    ui.add_space(8.0);
    ui.heading(RichText::new("Conclusion").size(24.0).strong());
    ui.add_space(8.0);
    if !c.conclusion.trim().is_empty() {
        markdown_ui(ui, &c.conclusion);
    }
    if !c.sources.is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new("Sources").strong());
        for s in &c.sources {
            markdown_ui(ui, &format!("• {s}"));
        }
    }
}

/// The star toggle: "include this dimension in the presentation".
fn star_ui(
    ui: &mut egui::Ui,
    session: &Session,
    index: usize,
    d: &Dimension,
    commands: &mut Vec<Command>,
) {
    let starred = session.notes().is_starred(&d.id);
    let star = ui
        .add(egui::Button::new(if starred { "Starred" } else { "Star" }).selected(starred))
        .on_hover_text("Star: include this dimension in the presentation (key S)");
    if starred {
        let r = star.rect;
        style::paint_star(
            ui.painter(),
            egui::pos2(r.right() + 12.0, r.center().y),
            7.0,
            style::ACCENT,
        );
        ui.add_space(20.0);
    }
    if star.clicked() {
        commands.push(NotesCmd::ToggleStar(index).into());
    }
}

/// With more than two subjects: every subject, or two chosen with a
/// picker each (the other column's subject is not offered, so a subject
/// is never shown twice); and the swap button for two.
fn column_controls_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let subjects = &session.comparison.subjects;
    if subjects.len() > 2 {
        if ui
            .selectable_label(session.all_subjects, "All subjects")
            .on_hover_text("Every subject as a column")
            .clicked()
            && !session.all_subjects
        {
            commands.push(Nav::ShowAllSubjects(true).into());
        }
        if ui
            .selectable_label(!session.all_subjects, "Two subjects")
            .on_hover_text("Two subjects side by side, chosen below")
            .clicked()
            && session.all_subjects
        {
            commands.push(Nav::ShowAllSubjects(false).into());
        }
        if !session.all_subjects {
            for (column, label) in [(0, "Left column"), (1, "Right column")] {
                let current = session.columns[column];
                let other = session.columns[1 - column];
                let shown = subjects.get(current);
                egui::ComboBox::from_label(label)
                    .selected_text(shown.map_or("", |s| s.label()))
                    .show_ui(ui, |ui| {
                        for (i, s) in subjects.iter().enumerate() {
                            if i == other {
                                continue;
                            }
                            if ui.selectable_label(i == current, picker_name(s)).clicked() {
                                commands.push(Nav::SetColumn { column, subject: i }.into());
                            }
                        }
                    })
                    .response
                    .on_hover_text(shown.map_or("", |s| s.name.as_str()));
            }
        }
    }
    if (!session.all_subjects || subjects.len() <= 2)
        && ui
            .button("Swap columns")
            .on_hover_text("Show the right subject on the left and vice versa")
            .clicked()
    {
        commands.push(Nav::SwapColumns.into());
    }
}

/// A subject in a picker's list: its name, and its short label when it
/// has one ("Project Management (PM)").
fn picker_name(s: &Subject) -> String {
    if s.short.is_empty() || s.short == s.name {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, s.short)
    }
}

/// A dimension's title and toolbar (star, columns), above the scrolling
/// part so they stay in view; the toolbar wraps when narrow.
fn header_ui(
    ui: &mut egui::Ui,
    session: &Session,
    index: usize,
    d: &Dimension,
    commands: &mut Vec<Command>,
) {
    ui.add_space(8.0);
    ui.heading(RichText::new(&d.title).size(24.0).strong());
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        star_ui(ui, session, index, d, commands);
        ui.add_space(8.0);
        column_controls_ui(ui, session, commands);
    });
    out_of_view_ui(ui, session);
    ui.add_space(8.0);
}
