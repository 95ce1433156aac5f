//! The overview (Ctrl+Shift+O): every dimension the sidebar lists as a
//! row, the subjects shown as columns (each summary's first sentence), and
//! markers for a star, a note and highlights. Only the rows and columns in
//! view are laid out, so 10,000 dimensions or 1,000 subjects scroll as
//! smoothly as ten. A click, or
//! Enter on the selected row, opens that dimension.

use egui::{RichText, vec2};

use crate::model::first_sentence;
use crate::notes::DimensionNotes;
use crate::session::command::{Nav, ViewCmd};
use crate::session::{Command, Section, Session};
use crate::talk::verdicts::{verdict_of, weight_of};
use crate::talk::{Plan, clock_text};
use crate::ui::style::{ACCENT, paint_star};

/// Column widths and the row height.
#[derive(Clone, Copy)]
struct Layout {
    markers: f32,
    /// Each of the talk's columns (budget, rehearsed, better fit, matters);
    /// 0 for a column not shown.
    talk: [f32; 4],
    title: f32,
    column: f32,
    row_height: f32,
}

/// Draws the overview in the central panel.
pub fn ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let shown: Vec<usize> = session.shown_subjects();
    ui.add_space(8.0);
    title_ui(ui, commands);
    ui.label(
        RichText::new("Each subject's summary, first sentence. Click a row to open it.").weak(),
    );
    let in_use = talk_in_use(session);
    summary_ui(ui, session);
    ui.add_space(6.0);
    let layout = layout_of(ui, &session.plan, shown.len(), in_use);
    table_ui(ui, session, &shown, layout, commands);
}

/// The heading, and the button that closes the overview.
fn title_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading(RichText::new("Overview").size(24.0).strong());
        ui.add_space(12.0);
        if ui
            .button("Close the overview")
            .on_hover_text(format!(
                "{}; Enter opens the selected dimension",
                crate::ui::actions::keys_for(ui.ctx(), &ViewCmd::ToggleOverview.into())
            ))
            .clicked()
        {
            commands.push(ViewCmd::ToggleOverview.into());
        }
    });
}

/// Which of the talk's columns (budget, rehearsed, better fit, matters)
/// are shown: they appear once there is something in them, so the
/// overview of someone not giving a talk is the summaries alone.
fn talk_in_use(session: &Session) -> [bool; 4] {
    let notes = session.notes();
    let decided = notes
        .dimensions
        .values()
        .any(|n| n.verdict.is_some() || n.weight.is_some());
    [
        session.plan.total() > 0,
        notes.talk.last_rehearsal().is_some(),
        decided,
        decided,
    ]
}

/// The talk's length, and who fits better overall.
fn summary_ui(ui: &mut egui::Ui, session: &Session) {
    let plan = &session.plan;
    let summary = session.summary();
    ui.horizontal_wrapped(|ui| {
        if plan.total() > 0 {
            ui.label(format!("Talk: {}", plan.total_text()));
            ui.separator();
        }
        ui.label(RichText::new(summary.text(&session.comparison)).strong());
        let flip = summary.flip_text(&session.comparison);
        if !flip.is_empty() {
            ui.label(RichText::new(flip).weak());
        }
    });
}

/// The columns' widths for `shown` subject columns, the talk's columns
/// `in_use` only.
fn layout_of(ui: &egui::Ui, plan: &Plan, shown: usize, in_use: [bool; 4]) -> Layout {
    let total = ui.available_width();
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let columns = shown.max(1) as f32;
    let title = (total * 0.22).clamp(140.0, 260.0);
    let markers = 56.0;
    // The budget column as wide as its widest value ("10:00:00").
    let budget = text_width(ui, plan.longest_text()).max(text_width(ui, "Budget".to_owned()));
    let mut talk = [budget + 8.0, 84.0, 110.0, 64.0];
    for (width, used) in talk.iter_mut().zip(in_use) {
        if !used {
            *width = 0.0;
        }
    }
    Layout {
        markers,
        talk,
        title,
        column: ((total - title - markers - talk.iter().sum::<f32>() - 32.0) / columns - 8.0)
            .max(140.0),
        row_height: ui.text_style_height(&egui::TextStyle::Body) + 10.0,
    }
}

/// The header and the rows. Sideways, the header scrolls with the rows;
/// downwards, only the rows in view are laid out.
fn table_ui(
    ui: &mut egui::Ui,
    session: &Session,
    shown: &[usize],
    layout: Layout,
    commands: &mut Vec<Command>,
) {
    let rows = &session.outline().dimensions;
    egui::ScrollArea::horizontal()
        .auto_shrink(false)
        .id_salt("overview-wide")
        .show(ui, |ui| {
            header_ui(ui, session, shown, layout);
            ui.separator();
            let mut area = egui::ScrollArea::vertical()
                .auto_shrink(false)
                .id_salt("overview-rows");
            if session.selection_jumped
                && let Section::Dimension(selected) = session.selected
                && let Some(row) = (0..rows.len()).find(|&row| rows.get(row) == Some(selected))
            {
                let stride = layout.row_height + ui.spacing().item_spacing.y;
                #[expect(clippy::cast_precision_loss, reason = "row counts are far below 2^23")]
                let top = row as f32 * stride;
                area = area.vertical_scroll_offset((top - 3.0 * stride).max(0.0));
            }
            area.show_rows(ui, layout.row_height, rows.len(), |ui, range| {
                for row in range {
                    if let Some(dimension) = rows.get(row) {
                        row_ui(
                            ui,
                            session,
                            dimension,
                            shown,
                            &session.plan,
                            layout,
                            commands,
                        );
                    }
                }
            });
        });
}

/// The width of `text` in the body font.
fn text_width(ui: &egui::Ui, text: String) -> f32 {
    ui.painter()
        .layout_no_wrap(
            text,
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::WHITE,
        )
        .size()
        .x
}

/// A cell `width` wide, its content left-aligned and centred vertically.
fn cell<R>(ui: &mut egui::Ui, width: f32, height: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add(ui)
        },
    )
    .inner
}

/// Lays out those of `n` columns `width` wide, from the cursor on, that
/// are in view (`add` is given each one's index), and leaves their room to
/// the others: a row of 1,000 subjects costs what the few in view cost.
fn columns_in_view(
    ui: &mut egui::Ui,
    n: usize,
    width: f32,
    mut add: impl FnMut(&mut egui::Ui, usize),
) {
    let stride = width + ui.spacing().item_spacing.x;
    let x = ui.cursor().min.x;
    let clip = ui.clip_rect();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "non-negative, clamped to the column count (at most 1,000)"
    )]
    let at = |edge: f32| (((edge - x) / stride).max(0.0) as usize).min(n);
    let first = at(clip.left());
    let last = (at(clip.right()) + 1).min(n);
    #[expect(clippy::cast_precision_loss, reason = "at most 1,000 columns")]
    let room = |columns: usize| columns as f32 * stride;
    if first > 0 {
        ui.add_space(room(first));
    }
    for k in first..last {
        add(ui, k);
    }
    if last < n {
        ui.add_space(room(n - last) - ui.spacing().item_spacing.x);
    }
}

/// The column headers: "Dimension", the talk's columns, then each
/// subject's short label.
fn header_ui(ui: &mut egui::Ui, session: &Session, shown: &[usize], layout: Layout) {
    let h = layout.row_height;
    ui.horizontal(|ui| {
        // The same room as the rows' marks, and the title's button padding,
        // so each header stands over its column.
        ui.allocate_exact_size(vec2(layout.markers, h), egui::Sense::hover());
        cell(ui, layout.title, h, |ui| {
            ui.add_space(ui.spacing().button_padding.x);
            ui.add(egui::Label::new(RichText::new("Dimension").strong()));
        });
        for (name, width) in ["Budget", "Rehearsed", "Better fit", "Matters"]
            .into_iter()
            .zip(layout.talk)
            .filter(|&(_, width)| width > 0.0)
        {
            cell(ui, width, h, |ui| {
                ui.add(egui::Label::new(RichText::new(name).strong()).truncate());
            });
        }
        columns_in_view(ui, shown.len(), layout.column, |ui, k| {
            let Some(s) = shown
                .get(k)
                .and_then(|&i| session.comparison.subjects.get(i))
            else {
                return;
            };
            cell(ui, layout.column, h, |ui| {
                ui.add(egui::Label::new(RichText::new(s.label()).strong()).truncate())
                    .on_hover_text(&s.name);
            });
        });
    });
}

/// One dimension's row: its marks, its title (a button that opens it),
/// the talk's cells and each shown subject's first sentence.
fn row_ui(
    ui: &mut egui::Ui,
    session: &Session,
    dimension: usize,
    shown: &[usize],
    plan: &Plan,
    layout: Layout,
    commands: &mut Vec<Command>,
) {
    let comparison = &session.comparison;
    let talk = talk_cells(session, dimension, plan);
    let Some(d) = comparison.dimensions.get(dimension) else {
        return;
    };
    let empty = DimensionNotes::default();
    let notes = session.notes().get(&d.id).unwrap_or(&empty);
    let selected = session.selected == Section::Dimension(dimension);
    let title = ui
        .horizontal(|ui| {
            let (marks, _) = ui.allocate_exact_size(
                vec2(layout.markers, layout.row_height),
                egui::Sense::hover(),
            );
            marks_ui(ui, marks, notes);
            let h = layout.row_height;
            let title = cell(ui, layout.title, h, |ui| {
                ui.add(egui::Button::selectable(selected, &d.title).truncate())
            });
            for (text, width) in talk
                .iter()
                .zip(layout.talk)
                .filter(|&(_, width)| width > 0.0)
            {
                cell(ui, width, h, |ui| {
                    ui.add(egui::Label::new(text.as_str()).truncate());
                });
            }
            columns_in_view(ui, shown.len(), layout.column, |ui, k| {
                let Some(s) = shown.get(k).and_then(|&i| comparison.subjects.get(i)) else {
                    return;
                };
                let text = d.summary.get(&s.id).map(first_sentence).unwrap_or_default();
                cell(ui, layout.column, h, |ui| {
                    ui.add(egui::Label::new(text).truncate());
                });
            });
            title
        })
        .inner;
    if title.clicked() {
        commands.push(Nav::Select(Section::Dimension(dimension)).into());
        commands.push(ViewCmd::ToggleOverview.into());
    }
}

/// The talk's cells of a dimension: its budget ("—" when not presented),
/// its time in the last rehearsal, the better fit and its weight.
fn talk_cells(session: &Session, dimension: usize, plan: &Plan) -> [String; 4] {
    let c = &session.comparison;
    let id = c.dimensions.get(dimension).map_or("", |d| d.id.as_str());
    let budget = plan
        .budget_of(dimension)
        .map_or_else(|| "—".to_owned(), |b| clock_text(i64::from(b.seconds)));
    let rehearsed = session
        .notes()
        .talk
        .last_rehearsal()
        .and_then(|r| r.seconds.get(id))
        .map_or_else(String::new, |s| clock_text(i64::from(*s)));
    let fit = match verdict_of(c, session.notes(), dimension) {
        None => String::new(),
        Some(None) => "Even".to_owned(),
        Some(Some(s)) => c
            .subjects
            .get(s)
            .map_or_else(String::new, |s| s.label().to_owned()),
    };
    let matters = format!("{} of 3", weight_of(c, session.notes(), dimension));
    [budget, rehearsed, fit, matters]
}

/// The star, the note's dot and the highlight's bar, as in the sidebar.
fn marks_ui(ui: &egui::Ui, marks: egui::Rect, notes: &DimensionNotes) {
    let painter = ui.painter();
    let y = marks.center().y;
    if notes.starred {
        paint_star(painter, egui::pos2(marks.left() + 10.0, y), 6.0, ACCENT);
    }
    if !notes.text.trim().is_empty() {
        painter.circle_filled(
            egui::pos2(marks.left() + 28.0, y),
            3.0,
            ui.visuals().weak_text_color(),
        );
    }
    if !notes.highlights.is_empty() {
        painter.rect_filled(
            egui::Rect::from_center_size(egui::pos2(marks.left() + 42.0, y), vec2(4.0, 12.0)),
            1.0,
            ACCENT.gamma_multiply(0.8),
        );
    }
}
