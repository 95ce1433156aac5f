//! The parts of a dimension's grid, each drawn at its place: the
//! subjects' names, the summaries, a point's row, what the subjects share.

use egui::RichText;

use super::grid::{Cell, Grid, ROW_SPACE, Shade, cell_ui, row_ui};
use crate::model::{Dimension, Subject};
use crate::session::command::NotesCmd;
use crate::session::{Command, Session};
use crate::ui::style;
use crate::ui::text::{add_fitted, markdown_ui, rich_job};

/// The names' row, at its place or pinned to the top of the pane when
/// the rows scroll under it, over a rule; returns its height.
pub(super) fn names_ui(
    ui: &mut egui::Ui,
    grid: &Grid,
    (salt, at): (egui::Id, f32),
    shown: &[&Subject],
) -> f32 {
    let top = at.max(grid.visible.top());
    let fill = ui.painter().add(egui::Shape::Noop);
    let h = row_ui(
        ui,
        grid,
        (salt, top),
        Shade::None,
        |_| {},
        |col| Cell::Name(shown[col]),
    );
    let rect = grid.row_rect(top, h).with_min_y(top - 8.0);
    let panel = ui.visuals().panel_fill;
    ui.painter()
        .set(fill, egui::epaint::RectShape::filled(rect, 0.0, panel));
    let rule = top + h - ROW_SPACE / 2.0;
    ui.painter().hline(
        rect.x_range(),
        rule,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    h + ROW_SPACE
}

/// The size of the subjects' names over their columns.
pub(super) const NAME_SIZE: f32 = 18.0;

/// A subject's name over its column, wrapping; its short label (the full
/// name on hover) when the grid shows short labels.
pub(super) fn name_ui(ui: &mut egui::Ui, s: &Subject, short: bool) {
    let text = if short { s.label() } else { &s.name };
    let job = rich_job(ui, RichText::new(text).size(NAME_SIZE).strong());
    let width = ui.available_width();
    let label = add_fitted(ui, job, width, egui::Label::new);
    if short && text != s.name {
        label.on_hover_text(&s.name);
    }
}

/// The summaries' row.
pub(super) fn summary_ui(
    ui: &mut egui::Ui,
    grid: &Grid,
    at: (egui::Id, f32),
    d: &Dimension,
    shown: &[&Subject],
) -> f32 {
    row_ui(
        ui,
        grid,
        at,
        Shade::None,
        |ui| {
            ui.label(RichText::new("In short").weak().italics());
        },
        |col| {
            d.summary
                .get(&shown[col].id)
                .map_or(Cell::Absent, Cell::Text)
        },
    ) + 6.0
}

/// What the subjects share, under the rows.
pub(super) fn common_ui(
    ui: &mut egui::Ui,
    grid: &Grid,
    salt: egui::Id,
    top: f32,
    d: &Dimension,
    subjects: usize,
) -> f32 {
    cell_ui(ui, salt, grid.aspect_x, top, grid.text_width(), |ui| {
        ui.add_space(16.0);
        let heading = if subjects > 2 {
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
    })
}

/// A point's row; clicking its aspect highlights it. `at` is the row's id
/// and top, `(index, i)` the dimension's index and the point's.
#[expect(
    clippy::too_many_arguments,
    reason = "one row of the grid and what it needs"
)]
pub(super) fn point_ui(
    ui: &mut egui::Ui,
    session: &Session,
    grid: &Grid,
    at: (egui::Id, f32),
    (index, i): (usize, usize),
    p: &crate::model::Point,
    shown: &[&Subject],
    commands: &mut Vec<Command>,
) -> f32 {
    let Some(d) = session.comparison.dimensions.get(index) else {
        return 0.0;
    };
    let highlighted = session.notes().is_highlighted(&d.id, &p.aspect);
    let shade = if highlighted {
        Shade::Highlight
    } else if i % 2 == 0 {
        Shade::Stripe
    } else {
        Shade::None
    };
    row_ui(
        ui,
        grid,
        at,
        shade,
        |ui| {
            // Wrapped inside the aspect column: a long aspect must not
            // push its row's cells out of line.
            let aspect = rich_job(ui, RichText::new(&p.aspect).strong());
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
                    let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
                    add_fitted(ui, aspect, width, |galley| {
                        egui::Button::selectable(highlighted, galley).frame_when_inactive(false)
                    })
                    .on_hover_text(hint)
                    .clicked()
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
        |col| p.sides.get(&shown[col].id).map_or(Cell::Absent, Cell::Text),
    )
}
