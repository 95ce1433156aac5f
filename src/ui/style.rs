//! The app's look in one place: text sizes, colours, and the painters of
//! its marks (the star).

use egui::{Color32, Pos2, Shape, Stroke, vec2};

/// The colour of stars and highlights.
pub const ACCENT: Color32 = Color32::from_rgb(240, 180, 40);

/// The smallest text: the body size (15) minus 2 points, so hints stay
/// readable.
pub const SMALL_TEXT: f32 = 13.0;

/// The background of text a search found (black text on it: 13:1).
pub const FOUND: Color32 = Color32::from_rgb(255, 214, 92);

/// The app's look: body text a little larger and, in the dark theme,
/// brighter than egui's default grey, for long reading.
pub fn apply_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        for (text_style, size) in [
            (egui::TextStyle::Body, 15.0),
            (egui::TextStyle::Button, 15.0),
            (egui::TextStyle::Monospace, 14.0),
        ] {
            if let Some(font) = style.text_styles.get_mut(&text_style) {
                font.size = size;
            }
        }
        style.spacing.item_spacing.y = 5.0;
        // Scroll bars that take their room and show whenever there is
        // more to see: a pane that scrolls sideways says so.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
    });
    // Zoom keys come from the one table of actions (Ctrl+Plus/Minus/0).
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    // Hints and the status bar meet WCAG AA (4.5:1) in both themes:
    // gray 90 on the light panel (about 7:1), gray 165 on the dark one
    // (about 7:1), where egui's faded text is near 3:1.
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.weak_text_color = Some(Color32::from_gray(90));
    });
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        style.visuals.weak_text_color = Some(Color32::from_gray(165));
        style.visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(205);
    });
}

/// A five-pointed star: an outline plus a filled centre.
pub fn paint_star(painter: &egui::Painter, center: Pos2, radius: f32, color: Color32) {
    let points: Vec<Pos2> = (0..10)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "i < 10")]
            let angle = std::f32::consts::PI * (i as f32) / 5.0 - std::f32::consts::FRAC_PI_2;
            let r = if i % 2 == 0 { radius } else { radius * 0.45 };
            center + vec2(angle.cos(), angle.sin()) * r
        })
        .collect();
    let inner: Vec<Pos2> = points.iter().skip(1).step_by(2).copied().collect();
    painter.add(Shape::convex_polygon(inner, color, Stroke::NONE));
    painter.add(Shape::closed_line(points, Stroke::new(1.5, color)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let lin = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn small_text_meets_wcag_aa_in_both_themes() {
        let ctx = egui::Context::default();
        apply_style(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            ctx.set_theme(theme);
            let visuals = ctx.global_style().visuals.clone();
            for background in [visuals.panel_fill, visuals.window_fill] {
                let weak = contrast(visuals.weak_text_color(), background);
                assert!(weak >= 4.5, "{theme:?}: hints at {weak:.1}:1");
                let text = contrast(visuals.text_color(), background);
                assert!(text >= 4.5, "{theme:?}: text at {text:.1}:1");
            }
        }
        assert!(contrast(Color32::BLACK, FOUND) >= 4.5);
    }
}
