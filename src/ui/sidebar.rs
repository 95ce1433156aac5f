//! The dimension sidebar: introduction, dimensions, conclusion. Only the
//! visible rows are laid out, so 10,000 dimensions cost what 30 do.

use egui::{pos2, vec2};

use crate::notes::DimensionNotes;
use crate::session::command::{FindCmd, Nav, ViewCmd};
use crate::session::find::Filter;
use crate::session::{Command, Section, Session};
use crate::ui::style::{self, ACCENT, paint_star};

/// Up to this many rows, each is laid out and its title wraps; beyond, only
/// the rows in view are, one line each, a title too long cut with "…" (and
/// whole on hover). The search says where a match hides only in these.
const WRAPPED_ROWS: usize = crate::session::find::HIDDEN_MATCH_ROWS;

/// Draws the sidebar.
pub fn ui(ui: &mut egui::Ui, session: &Session, focus_search: bool, commands: &mut Vec<Command>) {
    let budgets = heading_ui(ui, session);
    find_ui(ui, session, focus_search, commands);
    ui.separator();

    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body) + 6.0);
    let stride = row_height + ui.spacing().item_spacing.y;
    let rows = session.row_count();
    let view_id = ui.make_persistent_id("sidebar-view");
    let mut area = egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("sidebar-rows");
    if session.selection_jumped && rows > WRAPPED_ROWS {
        let (offset, height): (f32, f32) = ui.data(|d| d.get_temp(view_id)).unwrap_or((0.0, 0.0));
        #[expect(clippy::cast_precision_loss, reason = "row counts are far below 2^23")]
        let top = session.row_of(session.selected) as f32 * stride;
        if top < offset {
            area = area.vertical_scroll_offset(top);
        } else if top + stride > offset + height {
            area = area.vertical_scroll_offset(top + stride - height);
        }
    }
    // Room for the widest budget, the same on every row so the markers
    // line up ("10:00:00" is wider than "1:00").
    let budget_room = budgets.map_or(0.0, |plan| {
        let small = egui::FontId::proportional(crate::ui::style::SMALL_TEXT);
        let width = crate::ui::text::text_width(ui, plan.longest_text(), &small);
        (width + 12.0).max(44.0)
    });
    let mut rows_ui = |ui: &mut egui::Ui, range: std::ops::Range<usize>| {
        ui.with_layout(egui::Layout::top_down_justified(egui::Align::Min), |ui| {
            for row in range {
                row_ui(
                    ui,
                    session,
                    row,
                    row_height,
                    (budgets, budget_room),
                    commands,
                );
            }
        });
    };
    if rows <= WRAPPED_ROWS {
        // Few enough rows to lay them all out: each title wraps whole, and
        // the selection scrolls into view by itself.
        area.show(ui, |ui| rows_ui(ui, 0..rows));
        return;
    }
    let output = area.show_rows(ui, row_height, rows, |ui, range| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        rows_ui(ui, range);
    });
    let view = (output.state.clamped_offset().y, output.inner_rect.height());
    ui.data_mut(|d| d.insert_temp(view_id, view));
}

/// The heading, how many dimensions are annotated and the talk's length;
/// the plan when budgets are set.
fn heading_ui<'s>(ui: &mut egui::Ui, session: &'s Session) -> Option<&'s crate::talk::Plan> {
    ui.add_space(6.0);
    ui.heading("Dimensions");
    let count = session.comparison.dimensions.len();
    ui.label(
        egui::RichText::new(format!(
            "{} of {count} annotated",
            session.annotated_count()
        ))
        .weak(),
    );
    let plan = &session.plan;
    let budgets = (plan.total() > 0).then_some(plan);
    if let Some(plan) = budgets {
        let over = plan.target > 0 && plan.total() > plan.target;
        let text = egui::RichText::new(format!("Talk: {}", plan.total_text()));
        ui.label(if over {
            text.color(ui.visuals().warn_fg_color)
        } else {
            text.weak()
        });
    }
    budgets
}

/// What the marks beside a row mean: painted as in the rows, each named.
fn legend_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let small = |text: &str| egui::RichText::new(text).size(style::SMALL_TEXT).weak();
        let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), egui::Sense::hover());
        paint_star(ui.painter(), rect.center(), 6.0, ACCENT);
        ui.label(small("starred"));
        let (rect, _) = ui.allocate_exact_size(vec2(10.0, 14.0), egui::Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 3.0, ui.visuals().weak_text_color());
        ui.label(small("note"));
        let (rect, _) = ui.allocate_exact_size(vec2(8.0, 14.0), egui::Sense::hover());
        ui.painter().rect_filled(
            egui::Rect::from_center_size(rect.center(), vec2(4.0, 12.0)),
            1.0,
            ACCENT.gamma_multiply(0.8),
        );
        ui.label(small("highlights"));
    });
}

/// The search field, the filter toggles and how many dimensions they list.
fn find_ui(ui: &mut egui::Ui, session: &Session, focus: bool, commands: &mut Vec<Command>) {
    ui.add_space(4.0);
    // The field edits a copy; the session takes the new text as a command.
    let mut text = session.finder.text.clone();
    let field = ui
        .horizontal(|ui| {
            let label = ui.label("Search");
            let keys = crate::ui::actions::keys_for(ui.ctx(), &ViewCmd::FocusSearch.into());
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .id_salt("search")
                    .hint_text(keys)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    if focus {
        field.request_focus();
    }
    if field.changed() {
        commands.push(FindCmd::Changed(text).into());
    }
    if field.lost_focus() {
        let (enter, escape) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Enter),
                i.key_pressed(egui::Key::Escape),
            )
        });
        if escape {
            commands.push(FindCmd::Clear.into());
        } else if enter {
            commands.push(FindCmd::Next.into());
            // Enter goes to the next match; the keyboard stays here.
            field.request_focus();
        }
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for filter in Filter::ALL {
            let on = session.finder.filter == filter;
            if ui
                .selectable_label(on, filter.label())
                .on_hover_text(filter.hint())
                .clicked()
                && !on
            {
                commands.push(FindCmd::SetFilter(filter).into());
            }
        }
    });
    legend_ui(ui);
    if session.finder.narrows() {
        let listed = session.outline().dimensions.len();
        let count = session.comparison.dimensions.len();
        let searching = !session.finder.query().is_empty();
        let text = match (listed, searching) {
            (0, true) => "No dimension matches (Esc clears the search)".to_owned(),
            (0, false) => "No dimension passes this filter".to_owned(),
            (_, true) => format!("{listed} of {count} match"),
            (_, false) => format!("{listed} of {count} shown"),
        };
        ui.label(egui::RichText::new(text).weak());
    }
}

/// One row of the sidebar: a section's title as a selectable button, its
/// marks painted on the right.
fn row_ui(
    ui: &mut egui::Ui,
    session: &Session,
    row: usize,
    row_height: f32,
    (plan, budget_room): (Option<&crate::talk::Plan>, f32),
    commands: &mut Vec<Command>,
) {
    let section = session.section_at(row);
    let Some((text, marks)) = row_of(session, section, plan) else {
        return;
    };
    let selected = session.selected == section;
    // Room on the right for the markers, so a long title never runs under
    // them; they are painted, not text, so the row's name stays the title.
    let markers = u8::from(marks.has_note) + u8::from(marks.starred) + u8::from(marks.highlighted);
    let budget_room = if marks.budget.is_some() {
        budget_room
    } else {
        0.0
    };
    let marker_room = budget_room
        + if markers == 0 {
            0.0
        } else {
            8.0 + 16.0 * f32::from(markers)
        };
    let full = ui.available_width();
    let wraps = ui.style().wrap_mode != Some(egui::TextWrapMode::Truncate);
    let response = ui
        .scope(|ui| {
            ui.set_max_width(full - marker_room);
            if wraps {
                let width = full - marker_room - 2.0 * ui.spacing().button_padding.x;
                let job = crate::ui::text::rich_job(ui, text);
                crate::ui::text::add_fitted(ui, job, width, |galley| {
                    egui::Button::selectable(selected, galley).min_size(vec2(0.0, row_height))
                })
            } else {
                ui.add(egui::Button::selectable(selected, text).min_size(vec2(0.0, row_height)))
            }
        })
        .inner;
    if wraps && selected && session.selection_jumped {
        response.scroll_to_me(None);
    }
    if wraps && let Section::Dimension(i) = section {
        hidden_matches_ui(ui, session, i, commands);
    }
    marks_ui(
        ui,
        &marks,
        response.rect.left() + full,
        budget_room,
        response.rect.center().y,
    );
    let response = match marks.hover() {
        None => response,
        Some(hover) => response.on_hover_text(hover),
    };
    if response.clicked() {
        commands.push(Nav::Select(section).into());
    }
    if selected && response.double_clicked() {
        commands.push(ViewCmd::FocusNote.into());
    }
}

/// Under a row the search lists: "match in Redis (hidden)" for each
/// subject not shown whose text the search finds, with a button that
/// opens the dimension with that subject in the right column.
fn hidden_matches_ui(ui: &mut egui::Ui, session: &Session, i: usize, commands: &mut Vec<Command>) {
    for subject in session.hidden_matches(i) {
        let Some(s) = session.comparison.subjects.get(subject) else {
            continue;
        };
        // The button first: the text after it wraps when the sidebar is
        // narrow, and the button never ends up alone on a line.
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.add_space(4.0);
            if ui
                .small_button("Show it")
                .on_hover_text(format!(
                    "Open this dimension with {} in the right column",
                    s.name
                ))
                .clicked()
            {
                commands.push(Nav::Select(Section::Dimension(i)).into());
                commands.push(Nav::SetColumn { column: 1, subject }.into());
            }
            ui.label(
                egui::RichText::new(format!("match in {} (hidden)", s.label()))
                    .size(style::SMALL_TEXT)
                    .weak(),
            );
        });
    }
}

/// What a row shows right of its title.
struct Marks {
    /// The dimension's budget, when the talk has a plan and presents it.
    budget: Option<String>,
    has_note: bool,
    starred: bool,
    highlighted: bool,
}

impl Marks {
    /// What the marks say, for the row's hover text; `None` for none.
    fn hover(&self) -> Option<String> {
        let mut hover = Vec::new();
        let budget_hover = self.budget.as_ref().map(|b| format!("budget {b}"));
        if let Some(b) = &budget_hover {
            hover.push(b.as_str());
        }
        if self.has_note {
            hover.push("has a note");
        }
        if self.starred {
            hover.push("starred");
        }
        if self.highlighted {
            hover.push("has highlights");
        }
        (!hover.is_empty()).then(|| hover.join(", "))
    }
}

/// A row's title and marks; `None` for a dimension the content lacks.
fn row_of(
    session: &Session,
    section: Section,
    plan: Option<&crate::talk::Plan>,
) -> Option<(egui::RichText, Marks)> {
    let budget = match (section, plan) {
        (Section::Dimension(i), Some(plan)) => plan
            .budget_of(i)
            .map(|b| crate::talk::clock_text(i64::from(b.seconds))),
        _ => None,
    };
    let empty = DimensionNotes::default();
    let (text, notes) = match section {
        Section::Intro => ("Introduction", None),
        Section::Conclusion => ("Conclusion", None),
        Section::Dimension(i) => {
            let d = session.comparison.dimensions.get(i)?;
            (
                d.title.as_str(),
                Some(session.notes().get(&d.id).unwrap_or(&empty)),
            )
        }
    };
    let has_note = match section {
        Section::Intro => !session.notes().overall.trim().is_empty(),
        _ => notes.is_some_and(|n| !n.text.trim().is_empty()),
    };
    let marks = Marks {
        budget,
        has_note,
        starred: notes.is_some_and(|n| n.starred),
        highlighted: notes.is_some_and(|n| !n.highlights.is_empty()),
    };
    let text = match section {
        Section::Dimension(_) => egui::RichText::new(text),
        _ => egui::RichText::new(text).italics(),
    };
    Some((text, marks))
}

/// Paints a row's marks at height `y`, right to left from `right` (the
/// budget in its `budget_room`, then the star, the highlight's bar and
/// the note's dot).
fn marks_ui(ui: &egui::Ui, marks: &Marks, right: f32, budget_room: f32, y: f32) {
    let painter = ui.painter();
    let weak = ui.visuals().weak_text_color();
    if let Some(budget) = &marks.budget {
        painter.text(
            pos2(right - 4.0, y),
            egui::Align2::RIGHT_CENTER,
            budget,
            egui::FontId::proportional(crate::ui::style::SMALL_TEXT),
            weak,
        );
    }
    let mut x = right - 10.0 - budget_room;
    if marks.starred {
        paint_star(painter, pos2(x, y), 6.0, ACCENT);
        x -= 16.0;
    }
    if marks.highlighted {
        painter.rect_filled(
            egui::Rect::from_center_size(pos2(x, y), vec2(4.0, 12.0)),
            1.0,
            ACCENT.gamma_multiply(0.8),
        );
        x -= 16.0;
    }
    if marks.has_note {
        painter.circle_filled(pos2(x, y), 3.0, weak);
    }
}
