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

/// The least width the overview needs to show every column: the panels
/// around it give way to this.
#[must_use]
pub fn least_width(ui: &egui::Ui, session: &Session) -> f32 {
    let layout = layout_of(ui, session, 0.0);
    let talk = talk_gaps(layout.talk);
    let fixed = layout.markers + layout.title + layout.talk.iter().sum::<f32>();
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let n = session.shown_subjects().len() as f32;
    // The central panel's margins (8 a side) and the scroll bar's room.
    fixed + n * (layout.column + GAP) + GAP * (2.0 + talk) + 16.0 + scroll_bar(ui)
}

/// How many of the talk's columns are shown (each has a gap before it).
fn talk_gaps(talk: [f32; 4]) -> f32 {
    talk.iter().map(|&w| if w > 0.0 { 1.0 } else { 0.0 }).sum()
}

/// The room a vertical scroll bar takes, and a little more.
fn scroll_bar(ui: &egui::Ui) -> f32 {
    ui.spacing().scroll.allocated_width() + 4.0
}

/// The space between columns.
const GAP: f32 = 8.0;

/// The narrowest a subject's column gets.
const LEAST_COLUMN: f32 = 120.0;

/// The widest the dimension column gets, as a share of the width.
const TITLE_SHARE: f32 = 0.25;

/// Above this many rows the titles and sentences are not measured: the
/// columns take their least widths.
const MEASURED_ROWS: usize = 500;

/// Draws the overview in the central panel.
pub fn ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let shown: Vec<usize> = session.shown_subjects();
    ui.add_space(8.0);
    title_ui(ui, commands);
    ui.label(
        RichText::new("Each subject's summary, first sentence. Click a row to open it.").weak(),
    );
    summary_ui(ui, session);
    out_of_view_ui(ui);
    ui.add_space(6.0);
    let layout = layout_of(ui, session, ui.available_width());
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

/// The columns' widths at `total` points wide (0: their least widths).
/// The dimension column is as wide as its longest title needs (up to a
/// share of the width), the talk's columns as their values, and the
/// subjects' columns share the rest, each at least as wide as the longest
/// word it holds.
fn layout_of(ui: &egui::Ui, session: &Session, total: f32) -> Layout {
    let plan = &session.plan;
    let in_use = talk_in_use(session);
    let shown = session.shown_subjects();
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let columns = shown.len().max(1) as f32;
    let markers = 56.0;
    let padding = 2.0 * ui.spacing().button_padding.x + 4.0;
    let rows = &session.outline().dimensions;
    let c = &session.comparison;
    let measured = rows.len() <= MEASURED_ROWS;
    let titles = || {
        (0..rows.len())
            .filter_map(|r| rows.get(r))
            .filter_map(|i| c.dimensions.get(i))
    };
    let longest_title = if measured {
        titles()
            .map(|d| body_width(ui, d.title.clone()))
            .fold(0.0, f32::max)
    } else {
        160.0
    };
    let title_word = if measured {
        crate::ui::text::longest_word(
            ui,
            titles().map(|d| d.title.as_str()),
            &egui::TextStyle::Body.resolve(ui.style()),
        )
    } else {
        0.0
    };
    let title_least = (title_word + padding).max(120.0);
    // The budget column as wide as its widest value ("10:00:00").
    let budget = body_width(ui, plan.longest_text()).max(body_width(ui, "Budget".to_owned()));
    let mut talk = [budget + 8.0, 84.0, 110.0, 64.0];
    for (width, used) in talk.iter_mut().zip(in_use) {
        if !used {
            *width = 0.0;
        }
    }
    let word = if measured {
        let sentences: Vec<String> = titles()
            .flat_map(|d| {
                shown
                    .iter()
                    .filter_map(|&i| c.subjects.get(i))
                    .filter_map(|s| d.summary.get(&s.id))
            })
            .map(first_sentence)
            .collect();
        crate::ui::text::longest_word(
            ui,
            sentences.iter().map(String::as_str),
            &egui::TextStyle::Body.resolve(ui.style()),
        ) + 4.0
    } else {
        0.0
    };
    let least = word.clamp(LEAST_COLUMN, 240.0);
    let gaps = GAP * (2.0 + talk_gaps(talk));
    let fixed = markers + talk.iter().sum::<f32>() + gaps + scroll_bar(ui);
    // The dimension column takes what its longest title needs, but leaves
    // the subjects' columns their least width.
    let title = (longest_title + padding)
        .min(total * TITLE_SHARE)
        .min(total - fixed - columns * (least + GAP))
        .max(title_least);
    let rest = total - title - fixed;
    Layout {
        markers,
        talk,
        title,
        column: (rest / columns - GAP).max(least).floor(),
        row_height: ui.text_style_height(&egui::TextStyle::Body) + 10.0,
    }
}

/// The header and the rows. Sideways, the header scrolls with the rows;
/// downwards, only the rows in view are laid out, each as tall as its
/// wrapped text (rows not yet drawn take their last height, or one line).
fn table_ui(
    ui: &mut egui::Ui,
    session: &Session,
    shown: &[usize],
    layout: Layout,
    commands: &mut Vec<Command>,
) {
    let rows = &session.outline().dimensions;
    let heights_id = egui::Id::unique("versus-overview-row-heights");
    let mut heights: Vec<f32> = ui
        .data_mut(|d| d.remove_temp::<Vec<f32>>(heights_id))
        .unwrap_or_default();
    heights.resize(rows.len(), f32::NAN);
    let gap = ui.spacing().item_spacing.y;
    let height_of = |h: f32| if h.is_nan() { layout.row_height } else { h } + gap;
    let wide = egui::ScrollArea::horizontal()
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
                let top: f32 = heights.iter().take(row).map(|&h| height_of(h)).sum();
                let all: f32 = heights.iter().map(|&h| height_of(h)).sum();
                let most = (all - ui.available_height()).max(0.0);
                area =
                    area.vertical_scroll_offset((top - 3.0 * layout.row_height).clamp(0.0, most));
            }
            area.show_viewport(ui, |ui, viewport| {
                let origin = ui.max_rect().min;
                let width = ui.available_width();
                let mut y = 0.0;
                for (row, height) in heights.iter_mut().enumerate() {
                    let h = height_of(*height);
                    if y + h >= viewport.top()
                        && y <= viewport.bottom()
                        && let Some(dimension) = rows.get(row)
                    {
                        let rect = egui::Rect::from_min_size(
                            origin + vec2(0.0, y),
                            vec2(width, f32::INFINITY),
                        );
                        let mut child = ui.new_child(
                            egui::UiBuilder::new()
                                .id_salt(("overview-row", row))
                                .max_rect(rect)
                                .layout(egui::Layout::top_down(egui::Align::Min)),
                        );
                        row_ui(&mut child, session, dimension, shown, layout, commands);
                        *height = child.min_rect().height();
                        y += height_of(*height);
                    } else {
                        y += h;
                    }
                }
                ui.allocate_rect(
                    egui::Rect::from_min_size(origin, vec2(width, y)),
                    egui::Sense::hover(),
                );
            });
        });
    ui.data_mut(|d| d.insert_temp(heights_id, heights));
    let view = (wide.state.clamped_offset().x, wide.inner_rect.width());
    remember_out_of_view(ui, session, shown, layout, view);
}

/// Keeps, for the mark above the table, the subjects whose columns are not
/// wholly in `view` (its scroll offset and width).
fn remember_out_of_view(
    ui: &egui::Ui,
    session: &Session,
    shown: &[usize],
    layout: Layout,
    (offset, width): (f32, f32),
) {
    let talk = layout.talk.iter().filter(|&&w| w > 0.0).map(|w| w + GAP);
    let start = layout.markers + GAP + layout.title + GAP + talk.sum::<f32>();
    let hidden: Vec<String> = shown
        .iter()
        .enumerate()
        .filter(|&(k, _)| {
            #[expect(clippy::cast_precision_loss, reason = "at most 1,000 columns")]
            let left = start + k as f32 * (layout.column + GAP) - offset;
            left < -1.0 || left + layout.column > width + 1.0
        })
        .filter_map(|(_, &i)| session.comparison.subjects.get(i))
        .map(|s| s.label().to_owned())
        .collect();
    let id = out_of_view_id();
    if ui.data(|d| d.get_temp::<Vec<String>>(id)).as_ref() != Some(&hidden) {
        ui.ctx().request_repaint();
        ui.data_mut(|d| d.insert_temp(id, hidden));
    }
}

/// Where the overview keeps the subjects out of view between frames.
fn out_of_view_id() -> egui::Id {
    egui::Id::unique("versus-overview-out-of-view")
}

/// "Redis, Cassandra out of view": the subjects whose columns the overview
/// does not show whole, and how to reach them.
fn out_of_view_ui(ui: &mut egui::Ui) {
    let hidden: Vec<String> = ui
        .data(|d| d.get_temp(out_of_view_id()))
        .unwrap_or_default();
    if !hidden.is_empty() {
        let text = format!(
            "{} out of view: scroll sideways, or show two subjects (\"Two subjects\" over a dimension)",
            crate::ui::text::few_names(&hidden)
        );
        ui.add(egui::Label::new(RichText::new(text).color(ui.visuals().warn_fg_color)).wrap());
    }
}

/// A cell `width` wide and at least `height` tall, its content at the
/// top left, wrapping inside it.
fn cell<R>(ui: &mut egui::Ui, width: f32, height: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            ui.set_min_height(height);
            add(ui)
        },
    )
    .inner
}

/// `text` wrapping inside the cell, no word cut without a hyphen.
fn wrapped(ui: &mut egui::Ui, text: RichText) -> egui::Response {
    let job = crate::ui::text::rich_job(ui, text);
    let width = ui.available_width();
    crate::ui::text::add_fitted(ui, job, width, egui::Label::new)
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
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        // The same room as the rows' marks, and the title's button padding,
        // so each header stands over its column.
        ui.allocate_exact_size(vec2(layout.markers, h), egui::Sense::hover());
        cell(ui, layout.title, h, |ui| {
            ui.horizontal_top(|ui| {
                ui.add_space(ui.spacing().button_padding.x);
                wrapped(ui, RichText::new("Dimension").strong());
            });
        });
        for (name, width) in ["Budget", "Rehearsed", "Better fit", "Matters"]
            .into_iter()
            .zip(layout.talk)
            .filter(|&(_, width)| width > 0.0)
        {
            cell(ui, width, h, |ui| {
                wrapped(ui, RichText::new(name).strong());
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
                wrapped(ui, RichText::new(s.label()).strong()).on_hover_text(&s.name);
            });
        });
    });
}

/// One dimension's row: its marks, its title (a button that opens it),
/// the talk's cells and each shown subject's first sentence, wrapped.
fn row_ui(
    ui: &mut egui::Ui,
    session: &Session,
    dimension: usize,
    shown: &[usize],
    layout: Layout,
    commands: &mut Vec<Command>,
) {
    let comparison = &session.comparison;
    let talk = talk_cells(session, dimension, &session.plan);
    let Some(d) = comparison.dimensions.get(dimension) else {
        return;
    };
    let empty = DimensionNotes::default();
    let notes = session.notes().get(&d.id).unwrap_or(&empty);
    let selected = session.selected == Section::Dimension(dimension);
    let title = ui
        .horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = GAP;
            let h = layout.row_height;
            let (marks, _) = ui.allocate_exact_size(vec2(layout.markers, h), egui::Sense::hover());
            marks_ui(ui, marks, notes);
            let title = cell(ui, layout.title, h, |ui| {
                let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
                let job = crate::ui::text::rich_job(ui, RichText::new(&d.title));
                crate::ui::text::add_fitted(ui, job, width, |galley| {
                    egui::Button::selectable(selected, galley)
                })
            });
            for (text, width) in talk
                .iter()
                .zip(layout.talk)
                .filter(|&(_, width)| width > 0.0)
            {
                cell(ui, width, h, |ui| {
                    wrapped(ui, RichText::new(text.as_str()));
                });
            }
            columns_in_view(ui, shown.len(), layout.column, |ui, k| {
                let Some(s) = shown.get(k).and_then(|&i| comparison.subjects.get(i)) else {
                    return;
                };
                let text = d.summary.get(&s.id).map(first_sentence).unwrap_or_default();
                cell(ui, layout.column, h, |ui| {
                    wrapped(ui, RichText::new(text));
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

/// The width of `text` in the body font.
fn body_width(ui: &egui::Ui, text: String) -> f32 {
    crate::ui::text::text_width(ui, text, &egui::TextStyle::Body.resolve(ui.style()))
}
