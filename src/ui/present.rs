//! Presenting (F5): the slide shown fills the window, the keys move through
//! the talk, and a click goes to the next page or slide. The presenter
//! view is in `presenter`.

use egui::{Align2, Color32, FontId, Key, Rect, Sense};

use crate::app::command::PresentCmd;
use crate::app::present::Presenting;
use crate::app::{Command, VersusApp};
use crate::ui::actions::PRESENTING_KEYS;
use crate::ui::keys::pressed;
use crate::ui::slide::{SlideText, slide_ui};

/// Reads the presenting keys (they replace every other key while
/// presenting) and the digits of a slide number.
pub fn keys(ctx: &egui::Context, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        i.events.retain(|event| {
            let Some((key, modifiers)) = pressed(event) else {
                return true;
            };
            if !modifiers.is_none() && !modifiers.shift_only() {
                return true;
            }
            if let Some(digit) = digit_of(key) {
                commands.push(PresentCmd::Digit(digit).into());
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
/// past the end).
#[must_use]
pub fn slide_text(app: &VersusApp, p: &Presenting, index: usize) -> SlideText {
    let slide = p
        .slides
        .get(index)
        .copied()
        .unwrap_or(crate::app::present::Slide::Title);
    // The subjects the window shows: all of them, or the two chosen.
    SlideText::of(
        &app.comparison,
        app.notes(),
        slide,
        &app.shown_subjects(),
        app.present_options.summaries,
    )
}

/// Draws the slide shown over the whole window.
pub fn ui(ui: &mut egui::Ui, app: &VersusApp, commands: &mut Vec<Command>) {
    let Some(p) = &app.presenting else {
        return;
    };
    let rect = ui.max_rect();
    let click = ui.interact(rect, ui.scope_id().with("slide"), Sense::click());
    if click.clicked() {
        commands.push(PresentCmd::Next.into());
    }
    if click.secondary_clicked() {
        commands.push(PresentCmd::Previous.into());
    }
    if p.blank {
        ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
        return;
    }
    let text = slide_text(app, p, p.index);
    let pages = slide_ui(ui, rect, &text, p.page);
    // Also when the page asked for is past the end ("the last page of the
    // slide before").
    if pages != p.pages || p.page >= pages {
        commands.push(PresentCmd::Pages(pages).into());
    }
    footer_ui(ui, rect, p);
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
