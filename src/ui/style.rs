//! The app's look in one place: text sizes, colours, and the painters of
//! its marks (the star).

use egui::{Color32, Pos2, Shape, Stroke, vec2};

/// The colour of stars and highlights.
pub const ACCENT: Color32 = Color32::from_rgb(240, 180, 40);

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
    });
    ctx.style_mut_of(egui::Theme::Dark, |style| {
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
