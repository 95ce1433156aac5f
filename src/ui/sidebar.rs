//! The dimension sidebar: introduction, dimensions, conclusion. Only the
//! visible rows are laid out, so 10,000 dimensions cost what 30 do.

use crate::app::{Command, Entry, VersusApp};

/// Draws the sidebar.
pub fn ui(ui: &mut egui::Ui, app: &mut VersusApp, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.heading("Dimensions");
    let count = app.comparison.dimensions.len();
    ui.label(
        egui::RichText::new(format!(
            "{count} dimension{}",
            if count == 1 { "" } else { "s" }
        ))
        .weak(),
    );
    ui.separator();

    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body) + 6.0);
    let stride = row_height + ui.spacing().item_spacing.y;
    let rows = app.entry_count();
    let mut area = egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("sidebar-rows");
    if app.scroll_to_selected {
        app.scroll_to_selected = false;
        let id = ui.make_persistent_id("sidebar-view");
        let (offset, height): (f32, f32) = ui.data(|d| d.get_temp(id)).unwrap_or((0.0, 0.0));
        #[expect(clippy::cast_precision_loss, reason = "row counts are far below 2^23")]
        let top = app.row_of(app.selected) as f32 * stride;
        if top < offset {
            area = area.vertical_scroll_offset(top);
        } else if top + stride > offset + height {
            area = area.vertical_scroll_offset(top + stride - height);
        }
    }
    let output = area.show_rows(ui, row_height, rows, |ui, range| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        ui.with_layout(egui::Layout::top_down_justified(egui::Align::Min), |ui| {
            for row in range {
                let entry = app.entry_at(row);
                let (text, has_note) = match entry {
                    Entry::Intro => (
                        "Introduction".to_owned(),
                        !app.notes.overall.trim().is_empty(),
                    ),
                    Entry::Conclusion => ("Conclusion".to_owned(), false),
                    Entry::Dimension(i) => {
                        let Some(d) = app.comparison.dimensions.get(i) else {
                            continue;
                        };
                        (d.title.clone(), app.notes.has_text(&d.id))
                    }
                };
                let selected = app.selected == entry;
                let text = match entry {
                    Entry::Dimension(_) => egui::RichText::new(text),
                    _ => egui::RichText::new(text).italics(),
                };
                let response = ui.add(
                    egui::Button::selectable(selected, text)
                        .min_size(egui::vec2(ui.available_width(), row_height)),
                );
                if has_note {
                    // A painted dot rather than text, so the row's name stays the
                    // dimension's title.
                    let center = egui::pos2(response.rect.right() - 10.0, response.rect.center().y);
                    ui.painter()
                        .circle_filled(center, 3.0, ui.visuals().weak_text_color());
                }
                if response.clicked() {
                    commands.push(Command::Select(entry));
                }
                if selected && response.double_clicked() {
                    commands.push(Command::FocusNote);
                }
            }
        });
    });
    let id = ui.make_persistent_id("sidebar-view");
    let view = (output.state.clamped_offset().y, output.inner_rect.height());
    ui.data_mut(|d| d.insert_temp(id, view));
}
