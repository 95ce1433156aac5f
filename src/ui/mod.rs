//! Drawing: one file per panel. Panels read the app and push commands; the
//! app applies them after layout.

pub mod comparison;
pub mod dialogs;
pub mod export_dialog;
pub mod keys;
pub mod menu_bar;
pub mod notes_panel;
pub mod sidebar;
pub mod status_bar;
pub mod text;

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
        style.visuals.widgets.noninteractive.fg_stroke.color = egui::Color32::from_gray(205);
    });
}
