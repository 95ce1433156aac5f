//! Presenting (F5): the slide shown fills the window, the keys move through
//! the talk, and a click goes to the next page or slide. The presenter
//! view is in `presenter`.

use std::hash::{Hash, Hasher};

use egui::{Align2, Color32, FontId, Key, Rect, Sense};

use crate::session::command::{PresentCmd, Step};
use crate::session::present::{Presenting, Slide};
use crate::session::{Command, Session};
use crate::ui::actions::PRESENTING_KEYS;
use crate::ui::keys::pressed;
use crate::ui::slide::{SlideText, columns_slide_ui, slide_ui};

/// Reads the presenting keys (they replace every other key while
/// presenting) and the digits of a slide number.
pub fn keys(ctx: &egui::Context, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        i.events.retain(|event| {
            let Some((key, modifiers)) = pressed(event) else {
                return true;
            };
            if let Some(step) = zoom_of(key, modifiers) {
                // The window's zoom keys size the speaker note instead.
                commands.push(PresentCmd::NoteSize(step).into());
                return false;
            }
            if !modifiers.is_none() && !modifiers.shift_only() {
                return true;
            }
            if let Some(digit) = digit_of(key) {
                commands.push(PresentCmd::Step(Step::Digit(digit)).into());
                return false;
            }
            match PRESENTING_KEYS
                .iter()
                .find(|(_, keys, _)| keys.contains(&key))
            {
                Some((_, _, command)) => {
                    commands.push((*command).into());
                    false
                }
                None => true,
            }
        });
    });
}

/// The zoom step of the window's zoom keys (Ctrl+Plus, Ctrl+Minus,
/// Ctrl+0), from the one table of actions.
fn zoom_of(key: Key, modifiers: egui::Modifiers) -> Option<crate::session::command::Zoom> {
    crate::ui::actions::ACTIONS.iter().find_map(|action| {
        let Command::View(crate::session::command::ViewCmd::Zoom(step)) = action.command else {
            return None;
        };
        action
            .keys
            .iter()
            .any(|k| k.logical_key == key && modifiers.matches_logically(k.modifiers))
            .then_some(step)
    })
}

/// The digit a key types, if any.
fn digit_of(key: Key) -> Option<u8> {
    const DIGITS: [Key; 10] = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    DIGITS
        .iter()
        .position(|k| *k == key)
        .and_then(|d| u8::try_from(d).ok())
}

/// The text of the slide `index` of the talk (the title slide for one
/// past the end), with the subjects in `columns` as its columns.
#[must_use]
fn slide_text(session: &Session, p: &Presenting, index: usize, columns: &[usize]) -> SlideText {
    SlideText::of(
        &session.comparison,
        session.notes(),
        slide_at(p, index),
        (columns, session.present_options.summaries),
        &p.slides,
    )
}

/// The slide `index` of the talk (the title slide for one past the end).
fn slide_at(p: &Presenting, index: usize) -> Slide {
    p.slides.get(index).copied().unwrap_or(Slide::Title)
}

/// Draws page `page` of the slide `index` of the talk in `rect`, with the
/// subjects the window shows as its columns (all of them, or the two
/// chosen), at most [`SLIDE_COLUMNS`](crate::ui::slide::SLIDE_COLUMNS) to
/// a page; returns the slide's pages.
pub fn slide_page_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    session: &Session,
    (p, index): (&Presenting, usize),
    page: usize,
) -> usize {
    let columns = session.shown_subjects();
    let slide = slide_at(p, index);
    if slide == Slide::End {
        end_ui(ui, rect);
        return 1;
    }
    let Slide::Dimension(i) = slide else {
        return slide_ui(ui, rect, &slide_text(session, p, index, &columns), page);
    };
    // What the slide's layout depends on: the dimension's text (its
    // lengths stand in for it, read in time linear in the dimension), the
    // highlighted rows and the options.
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        (
            i,
            session.present_options.summaries,
            session.comparison.subjects.len(),
        )
            .hash(&mut hasher);
        if let Some(d) = session.comparison.dimensions.get(i) {
            (&d.id, &d.title, d.points.len()).hash(&mut hasher);
            session
                .notes()
                .get(&d.id)
                .map(|n| &n.highlights)
                .hash(&mut hasher);
            for (k, v) in &d.summary.0 {
                (k, v.len()).hash(&mut hasher);
            }
            for point in &d.points {
                point.aspect.hash(&mut hasher);
                for (k, v) in &point.sides.0 {
                    (k, v.len()).hash(&mut hasher);
                }
            }
        }
        hasher.finish()
    };
    columns_slide_ui(ui, rect, (&columns, key), page, |group| {
        slide_text(session, p, index, group)
    })
}

/// Draws the slide shown over the whole window.
pub fn ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let Some(p) = &session.presenting else {
        return;
    };
    let rect = ui.max_rect();
    let click = ui.interact(rect, ui.scope_id().with("slide"), Sense::click());
    if click.clicked() && !p.grid {
        commands.push(PresentCmd::Step(Step::Next).into());
    }
    if click.secondary_clicked() {
        commands.push(PresentCmd::Step(Step::Previous).into());
    }
    if p.grid {
        grid_ui(ui, session, p, commands);
        return;
    }
    if p.blank {
        ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
        return;
    }
    let pages = slide_page_ui(ui, rect, session, (p, p.index), p.page);
    // Also when the page asked for is past the end ("the last page of the
    // slide before").
    if pages != p.pages || p.page >= pages {
        commands.push(PresentCmd::Step(Step::Pages(pages)).into());
    }
    footer_ui(ui, rect, p);
}

/// How many thumbnails a row of the grid holds.
const GRID_COLUMNS: usize = 4;

/// Every slide as a thumbnail with its number, the one shown outlined;
/// a click goes there. Only the rows in view are drawn.
fn grid_ui(ui: &mut egui::Ui, session: &Session, p: &Presenting, commands: &mut Vec<Command>) {
    let gap = 12.0;
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let width = (ui.available_width() - gap * (GRID_COLUMNS as f32 + 1.0)) / GRID_COLUMNS as f32;
    let height = width * 9.0 / 16.0;
    let rows = p.slides.len().div_ceil(GRID_COLUMNS);
    ui.add_space(gap);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("slide-grid")
        .show_rows(ui, height + gap + 20.0, rows, |ui, range| {
            for row in range {
                ui.horizontal(|ui| {
                    // The gaps are counted above; nothing more between.
                    ui.spacing_mut().item_spacing.x = 0.0;
                    ui.add_space(gap);
                    for index in row * GRID_COLUMNS..((row + 1) * GRID_COLUMNS).min(p.slides.len())
                    {
                        thumbnail_ui(ui, session, (p, index), egui::vec2(width, height), commands);
                        ui.add_space(gap);
                    }
                });
            }
        });
}

/// One slide of the grid: its first page, its number, a click to go.
fn thumbnail_ui(
    ui: &mut egui::Ui,
    session: &Session,
    (p, index): (&Presenting, usize),
    size: egui::Vec2,
    commands: &mut Vec<Command>,
) {
    ui.push_id(("thumbnail", index), |ui| {
        ui.vertical(|ui| {
            let (rect, response) = ui.allocate_exact_size(size, Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Go to slide {}", index + 1),
                )
            });
            ui.painter()
                .rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
            let mut slide = ui.new_child(egui::UiBuilder::new().max_rect(rect));
            slide_page_ui(&mut slide, rect, session, (p, index), 0);
            if index == p.index {
                ui.painter().rect_stroke(
                    rect,
                    4.0,
                    egui::Stroke::new(3.0, crate::ui::style::ACCENT),
                    egui::StrokeKind::Outside,
                );
            }
            ui.label(format!("Slide {}", index + 1));
            if response.clicked() {
                commands.push(PresentCmd::Step(Step::GoTo(index)).into());
            }
        });
    });
}

/// The slide's number, and the number being typed for a jump.
fn footer_ui(ui: &egui::Ui, rect: Rect, p: &Presenting) {
    let size = (rect.height() / 48.0).max(9.0);
    let at = rect.right_bottom() - egui::vec2(size, size * 0.6);
    let color = ui.visuals().weak_text_color();
    ui.painter().text(
        at,
        Align2::RIGHT_BOTTOM,
        format!("{} / {}", p.index + 1, p.slides.len()),
        FontId::proportional(size),
        color,
    );
    if !p.typed.is_empty() {
        ui.painter().text(
            rect.left_bottom() + egui::vec2(size, -size * 0.6),
            Align2::LEFT_BOTTOM,
            format!("Go to slide {}… (Enter)", p.typed),
            FontId::proportional(size),
            color,
        );
    }
}

/// The end of the show: black, and how to leave, small and dim.
fn end_ui(ui: &egui::Ui, rect: Rect) {
    ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        crate::ui::slide::END,
        FontId::proportional((rect.height() / 30.0).max(9.0)),
        Color32::from_gray(140),
    );
}
