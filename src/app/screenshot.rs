//! `versus --screenshot OUT.png`: the window as it would look, rendered for
//! a few frames with no interaction, read back from the GPU and written as
//! a PNG; then the window closes. Needs a display (X11 or Wayland; Xvfb is
//! fine); without one it says so.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::VersusApp;

/// What to render and where.
#[derive(Debug)]
pub struct Request {
    /// The PNG to write.
    pub out: PathBuf,
    /// The window's size in points (width, height).
    pub size: [f32; 2],
    /// The theme to render in.
    pub theme: egui::Theme,
}

/// Frames drawn before the picture is taken: layout and fonts settle.
const SETTLE_FRAMES: u32 = 3;

/// The app, drawn until the picture is taken.
struct Shooter {
    app: VersusApp,
    out: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl eframe::App for Shooter {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // The app's own drawing, without its state saving: a picture
        // changes nothing that is remembered.
        self.app.ui(ui);
        let ctx = ui.ctx().clone();
        self.frames += 1;
        let done = self.result.lock().is_ok_and(|r| r.is_some());
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames >= SETTLE_FRAMES && !self.requested {
            self.requested = true;
            let out = self.out.clone();
            let result = Arc::clone(&self.result);
            let wake = ctx.clone();
            ctx.request_screenshot(move |image| {
                let written = write_png(&out, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(written);
                }
                wake.request_repaint();
            });
        }
        ctx.request_repaint();
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Encodes `image` as an 8-bit RGBA PNG and writes it atomically.
fn write_png(out: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    {
        let w = u32::try_from(width).map_err(|e| e.to_string())?;
        let h = u32::try_from(height).map_err(|e| e.to_string())?;
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let pixels: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(egui::Color32::to_array)
            .collect();
        writer
            .write_image_data(&pixels)
            .map_err(|e| e.to_string())?;
    }
    crate::storage::write_export(out, &bytes).map_err(|e| e.to_string())
}

/// Renders `app` as asked and writes the PNG.
///
/// # Errors
/// When no window can be opened (no display), or the picture cannot be
/// written.
pub fn run(app: VersusApp, request: &Request) -> Result<(), String> {
    let result = Arc::new(Mutex::new(None));
    let shooter = Shooter {
        app,
        out: request.out.clone(),
        frames: 0,
        requested: false,
        result: Arc::clone(&result),
    };
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("versus screenshot")
            .with_inner_size(request.size)
            .with_resizable(false),
        // One picture: nothing is remembered.
        persist_window: false,
        persistence_path: None,
        ..Default::default()
    };
    let theme = request.theme;
    eframe::run_native(
        "versus-screenshot",
        options,
        Box::new(move |cc| {
            crate::ui::apply_style(&cc.egui_ctx);
            cc.egui_ctx.set_theme(theme);
            cc.egui_ctx.set_zoom_factor(1.0);
            Ok(Box::new(shooter))
        }),
    )
    .map_err(|e| {
        format!(
            "cannot open a window to render in ({e}); a display is needed (X11, Wayland, or Xvfb)"
        )
    })?;
    let outcome = result.lock().map_err(|e| e.to_string())?.take();
    outcome.unwrap_or_else(|| Err("the window closed before the picture was taken".to_owned()))
}
