//! The comparison pane: the subjects side by side for the selected section.

use egui::RichText;

use crate::app::command::{Nav, NotesCmd};
use crate::app::{Command, Section, VersusApp};
use crate::model::{Comparison, Dimension, Subject};
use crate::ui::style;
use crate::ui::text::markdown_ui;

/// Draws the pane for the selected section. A dimension's title and its
/// toolbar stay in view; what is below scrolls, sideways too when the
/// columns do not fit.
pub fn ui(ui: &mut egui::Ui, app: &VersusApp, commands: &mut Vec<Command>) {
    if let Section::Dimension(i) = app.selected
        && let Some(d) = app.comparison.dimensions.get(i)
    {
        header_ui(ui, app, i, d, commands);
    }
    egui::ScrollArea::both()
        .id_salt(("pane", app.selected_dimension_id().unwrap_or("")))
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(1400.0));
            match app.selected {
                Section::Intro => intro_ui(ui, &app.comparison),
                Section::Conclusion => conclusion_ui(ui, &app.comparison),
                Section::Dimension(i) => {
                    if let Some(d) = app.comparison.dimensions.get(i) {
                        dimension_ui(ui, app, i, d, commands);
                    }
                }
            }
            ui.add_space(24.0);
        });
}

fn intro_ui(ui: &mut egui::Ui, c: &Comparison) {
    ui.add_space(8.0);
    ui.heading(RichText::new(&c.title).size(24.0).strong());
    ui.add_space(8.0);
    markdown_ui(ui, &c.intro);
    ui.add_space(12.0);
    ui.label(RichText::new("Compared").strong());
    for s in &c.subjects {
        ui.label(format!("• {}", s.name));
    }
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
    app: &VersusApp,
    index: usize,
    d: &Dimension,
    commands: &mut Vec<Command>,
) {
    let starred = app.notes().is_starred(&d.id);
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
fn column_controls_ui(ui: &mut egui::Ui, app: &VersusApp, commands: &mut Vec<Command>) {
    let subjects = &app.comparison.subjects;
    if subjects.len() > 2 {
        if ui
            .selectable_label(app.all_subjects, "All subjects")
            .on_hover_text("Every subject as a column")
            .clicked()
            && !app.all_subjects
        {
            commands.push(Nav::ShowAllSubjects(true).into());
        }
        if ui
            .selectable_label(!app.all_subjects, "Two subjects")
            .on_hover_text("Two subjects side by side, chosen below")
            .clicked()
            && app.all_subjects
        {
            commands.push(Nav::ShowAllSubjects(false).into());
        }
        if !app.all_subjects {
            for (column, label) in [(0, "Left column"), (1, "Right column")] {
                let current = app.columns[column];
                let other = app.columns[1 - column];
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
    if (!app.all_subjects || subjects.len() <= 2)
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

/// One aligned row: the aspect, then a cell per shown subject. Cells wrap
/// inside their width and the row is as tall as its tallest cell.
fn row_ui(
    ui: &mut egui::Ui,
    widths: Widths,
    shade: Shade,
    add_aspect: impl FnOnce(&mut egui::Ui),
    mut add_cell: impl FnMut(&mut egui::Ui, usize),
) {
    let Widths {
        aspect: aspect_w,
        column: column_w,
        columns,
    } = widths;
    let background = ui.painter().add(egui::Shape::Noop);
    let row = ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = COLUMN_GAP;
        ui.vertical(|ui| {
            ui.set_width(aspect_w);
            add_aspect(ui);
        });
        for column in 0..columns {
            ui.vertical(|ui| {
                ui.set_width(column_w);
                add_cell(ui, column);
            });
        }
    });
    let rect = row.response.rect.expand2(egui::vec2(4.0, 3.0));
    match shade {
        Shade::None => {}
        Shade::Stripe => {
            let fill = ui.visuals().faint_bg_color;
            ui.painter()
                .set(background, egui::epaint::RectShape::filled(rect, 3.0, fill));
        }
        Shade::Highlight => {
            let fill = style::ACCENT.gamma_multiply(0.22);
            ui.painter()
                .set(background, egui::epaint::RectShape::filled(rect, 3.0, fill));
            let bar = egui::Rect::from_min_size(rect.min, egui::vec2(3.0, rect.height()));
            ui.painter().rect_filled(bar, 1.0, style::ACCENT);
        }
    }
    ui.add_space(6.0);
}

/// The widths of the aspect column and of each subject column, and how
/// many subject columns there are.
#[derive(Clone, Copy)]
struct Widths {
    aspect: f32,
    column: f32,
    columns: usize,
}

/// The narrowest a subject column gets; below it the pane scrolls sideways.
const MIN_COLUMN: f32 = 140.0;

/// How a row's background is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shade {
    None,
    Stripe,
    Highlight,
}

/// Space between the aspect column and the subject columns.
const COLUMN_GAP: f32 = 16.0;

fn absent_ui(ui: &mut egui::Ui) {
    ui.label(RichText::new("— not stated").weak().italics());
}

/// A dimension's title and toolbar (star, columns), above the scrolling
/// part so they stay in view; the toolbar wraps when narrow.
fn header_ui(
    ui: &mut egui::Ui,
    app: &VersusApp,
    index: usize,
    d: &Dimension,
    commands: &mut Vec<Command>,
) {
    ui.add_space(8.0);
    ui.heading(RichText::new(&d.title).size(24.0).strong());
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        star_ui(ui, app, index, d, commands);
        ui.add_space(8.0);
        column_controls_ui(ui, app, commands);
    });
    ui.add_space(8.0);
}

fn dimension_ui(
    ui: &mut egui::Ui,
    app: &VersusApp,
    index: usize,
    d: &Dimension,
    commands: &mut Vec<Command>,
) {
    let c = &app.comparison;
    let shown: Vec<&Subject> = app
        .shown_subjects()
        .into_iter()
        .filter_map(|i| c.subjects.get(i))
        .collect();
    if shown.is_empty() {
        return;
    }
    let columns = shown.len();
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let n = columns as f32;
    let total = ui.available_width();
    let aspect_w = (total * 0.2).clamp(110.0, 220.0);
    let column_w = ((total - aspect_w - n * COLUMN_GAP) / n).max(MIN_COLUMN);
    let widths = Widths {
        aspect: aspect_w,
        column: column_w,
        columns,
    };

    row_ui(
        ui,
        widths,
        Shade::None,
        |_| {},
        |ui, col| {
            let s = shown[col];
            // The short label where the name does not fit on one line.
            let name_w = ui
                .painter()
                .layout_no_wrap(
                    s.name.clone(),
                    egui::FontId::proportional(18.0),
                    egui::Color32::WHITE,
                )
                .size()
                .x;
            if name_w > column_w && !s.short.is_empty() {
                ui.label(RichText::new(s.label()).size(18.0).strong())
                    .on_hover_text(&s.name);
            } else {
                ui.label(RichText::new(&s.name).size(18.0).strong());
            }
        },
    );
    ui.separator();
    if !d.summary.is_empty() {
        row_ui(
            ui,
            widths,
            Shade::None,
            |ui| {
                ui.label(RichText::new("In short").weak().italics());
            },
            |ui, col| match d.summary.get(&shown[col].id) {
                Some(text) => {
                    markdown_ui(ui, text);
                }
                None => absent_ui(ui),
            },
        );
        ui.add_space(6.0);
    }
    points_ui(ui, app, index, d, widths, &shown, commands);

    if !d.common.is_empty() {
        ui.add_space(16.0);
        let heading = if c.subjects.len() > 2 {
            "What they share"
        } else {
            "What both share"
        };
        ui.label(RichText::new(heading).size(18.0).strong());
        ui.add_space(4.0);
        for text in &d.common {
            ui.horizontal_top(|ui| {
                ui.label("•");
                ui.vertical(|ui| {
                    markdown_ui(ui, text);
                });
            });
        }
    }
    if d.summary.is_empty() && d.points.is_empty() && d.common.is_empty() {
        ui.label(RichText::new("This dimension has no text yet.").weak());
    }
}

/// The aligned rows; clicking an aspect highlights its row.
fn points_ui(
    ui: &mut egui::Ui,
    app: &VersusApp,
    index: usize,
    d: &Dimension,
    widths: Widths,
    shown: &[&Subject],
    commands: &mut Vec<Command>,
) {
    if !d.points.is_empty() {
        ui.label(
            RichText::new("Click an aspect (or press its number) to highlight the row.")
                .weak()
                .size(style::SMALL_TEXT),
        );
        ui.add_space(4.0);
    }
    for (i, p) in d.points.iter().enumerate() {
        let highlighted = app.notes().is_highlighted(&d.id, &p.aspect);
        let shade = if highlighted {
            Shade::Highlight
        } else if i % 2 == 0 {
            Shade::Stripe
        } else {
            Shade::None
        };
        row_ui(
            ui,
            widths,
            shade,
            |ui| {
                // Wrapped inside the aspect column: a long aspect must not
                // push its row's cells out of line.
                let aspect =
                    egui::Button::selectable(highlighted, RichText::new(&p.aspect).strong())
                        .frame_when_inactive(false)
                        .wrap();
                let key = if i < 9 {
                    format!(" (key {})", i + 1)
                } else {
                    String::new()
                };
                let hint = if highlighted {
                    format!("Highlighted{key}. Click to clear.")
                } else {
                    format!("Click to highlight this row{key}.")
                };
                let clicked = ui
                    .horizontal_top(|ui| {
                        // The number key that highlights this row, 1 to 9.
                        if i < 9 {
                            ui.label(
                                RichText::new(format!("{}", i + 1))
                                    .size(style::SMALL_TEXT)
                                    .weak()
                                    .monospace(),
                            )
                            .on_hover_text(format!("Press {} to highlight this row", i + 1));
                        }
                        ui.add(aspect).on_hover_text(hint).clicked()
                    })
                    .inner;
                if clicked {
                    commands.push(
                        NotesCmd::ToggleHighlight {
                            dimension: index,
                            aspect: p.aspect.clone(),
                        }
                        .into(),
                    );
                }
            },
            |ui, col| match p.sides.get(&shown[col].id) {
                Some(text) => {
                    markdown_ui(ui, text);
                }
                None => absent_ui(ui),
            },
        );
    }
}
