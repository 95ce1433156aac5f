//! The presenter view: the slide shown, small, and the next one; the
//! speaker note, large; the clock, the time elapsed and left, and the
//! pace against the plan. A second native window where the backend can
//! open one, else a window inside the main one (P shows or hides it).

use egui::{Color32, RichText, vec2};

use crate::session::command::{PresentCmd, Step};
use crate::session::present::{Presenting, Slide};
use crate::session::{Command, Session};
use crate::talk::{Pace, clock_text, whole_seconds};
use crate::ui::present::{keys, slide_page_ui};

/// Amber: a minute or less left on the slide.
const WARN: Color32 = Color32::from_rgb(230, 150, 20);
/// Red: the slide's budget has run out.
const OVER: Color32 = Color32::from_rgb(210, 50, 40);

/// Shows the presenter view while presenting with it on.
pub fn ui(ctx: &egui::Context, session: &Session, commands: &mut Vec<Command>) {
    let Some(p) = &session.presenting else {
        return;
    };
    if !p.presenter_view {
        return;
    }
    let mut builder = egui::ViewportBuilder::default()
        .with_title(format!("Presenter view — {}", session.comparison.title))
        .with_inner_size([960.0, 640.0]);
    // With two screens, full screen on its own monitor; a window of its own
    // for each monitor, so that a swap opens it afresh where it goes (a
    // window manager keeps a full-screen window where it is).
    let monitor = p.screens.map(|s| s.presenter);
    if let Some(monitor) = monitor {
        builder = builder.with_monitor(monitor);
    }
    ctx.show_viewport_immediate(
        egui::ViewportId::from_hash_of(("versus-presenter", monitor)),
        builder,
        |ui, class| {
            if class == egui::ViewportClass::EmbeddedWindow {
                ui.set_min_size(vec2(720.0, 440.0));
                view_ui(ui, session, p, commands);
            } else {
                // Its own window has its own keys (the presenter's hands
                // are often there), and closing it hides the view.
                keys(ui.ctx(), commands);
                if ui.ctx().input(|i| i.viewport().close_requested()) {
                    commands.push(PresentCmd::Step(Step::TogglePresenterView).into());
                }
                egui::CentralPanel::default().show(ui, |ui| view_ui(ui, session, p, commands));
            }
        },
    );
}

/// The view's content.
fn view_ui(ui: &mut egui::Ui, session: &Session, p: &Presenting, commands: &mut Vec<Command>) {
    let pace = Pace::at(&p.watch, &p.budgets, p.target, session.clock);
    times_ui(
        ui,
        p,
        &pace,
        (session.clock, session.notes().talk.minutes > 0),
    );
    buttons_ui(ui, p, commands);
    ui.separator();
    let width = ui.available_width();
    let preview = (width * 0.42).clamp(160.0, 520.0);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(preview);
            ui.label(RichText::new("Now").strong());
            preview_ui(ui, session, p, p.index, preview, p.page);
            ui.add_space(6.0);
            if p.index + 1 < p.slides.len() {
                ui.label(RichText::new("Up next").strong());
                preview_ui(ui, session, p, p.index + 1, preview * 0.7, 0);
            } else {
                ui.label(RichText::new("Up next: the end of the talk").weak());
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.label(RichText::new("Speaker note").strong());
            let note = match p.slide() {
                // The note on the whole comparison goes with the slides
                // about all of it.
                Slide::Title | Slide::Verdicts | Slide::Conclusion => {
                    session.notes().overall.clone()
                }
                Slide::End => String::new(),
                Slide::Dimension(i) => session
                    .comparison
                    .dimensions
                    .get(i)
                    .map(|d| session.notes().text(&d.id).to_owned())
                    .unwrap_or_default(),
            };
            egui::ScrollArea::vertical()
                .id_salt("presenter-note")
                .max_height(ui.available_height() - 40.0)
                .show(ui, |ui| {
                    if note.trim().is_empty() {
                        ui.label(RichText::new("No note on this slide.").size(20.0).weak());
                    } else {
                        // The note's Markdown as the notes panel shows
                        // it (bold, code, links), at the chosen size.
                        let size = f32::from(session.present_options.note_size);
                        ui.scope(|ui| {
                            for (style, font) in &mut ui.style_mut().text_styles {
                                if matches!(
                                    style,
                                    egui::TextStyle::Body | egui::TextStyle::Monospace
                                ) {
                                    font.size = size;
                                }
                            }
                            crate::ui::text::markdown_ui(ui, &note);
                        });
                    }
                });
        });
    });
}

/// The clock, the time elapsed and left, the slide's budget and the pace.
/// `planned`: whether the talk has a length.
fn times_ui(ui: &mut egui::Ui, p: &Presenting, pace: &Pace, (now, planned): (f64, bool)) {
    let big = 26.0;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(crate::platform::clock::time_of_day())
                .size(big)
                .strong(),
        )
        .on_hover_text("The time now");
        ui.add_space(16.0);
        let elapsed = whole_seconds(p.watch.elapsed(now));
        let paused = if p.watch.is_paused() { " (paused)" } else { "" };
        ui.label(RichText::new(format!("Elapsed {}{paused}", clock_text(elapsed))).size(big));
        if let Some(left) = pace.talk_left {
            let left = whole_seconds(left);
            let text = if left >= 0 {
                format!("Left {}", clock_text(left))
            } else {
                format!("Over {}", clock_text(-left))
            };
            let color = if left < 0 {
                OVER
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(text).size(big).color(color));
        }
        ui.add_space(16.0);
        ui.label(RichText::new(format!("Slide {} of {}", p.index + 1, p.slides.len())).size(big));
        if p.rehearsal.is_some() {
            ui.label(RichText::new("Rehearsing").size(big).color(OVER));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if pace.budget > 0.0 {
            let left = whole_seconds(pace.slide_left);
            let (text, color) = if left < 0 {
                (
                    format!(
                        "This slide: {} over its {}",
                        clock_text(-left),
                        clock_text(whole_seconds(pace.budget))
                    ),
                    OVER,
                )
            } else if pace.warn {
                (
                    format!(
                        "This slide: {} left of {}",
                        clock_text(left),
                        clock_text(whole_seconds(pace.budget))
                    ),
                    WARN,
                )
            } else {
                (
                    format!(
                        "This slide: {} left of {}",
                        clock_text(left),
                        clock_text(whole_seconds(pace.budget))
                    ),
                    ui.visuals().text_color(),
                )
            };
            ui.label(RichText::new(text).size(20.0).color(color).strong());
            ui.add_space(12.0);
            ui.label(RichText::new(pace.behind_text()).size(20.0));
        } else {
            let why = if planned {
                "No budget for this slide (only the dimensions' slides have one)"
            } else {
                "No budget for this slide (set a talk length on the Introduction)"
            };
            ui.label(RichText::new(why).size(16.0).weak());
        }
    });
}

/// A slide drawn small, in a frame of the slide's proportions.
fn preview_ui(
    ui: &mut egui::Ui,
    session: &Session,
    p: &Presenting,
    index: usize,
    width: f32,
    page: usize,
) {
    let screen = ui.ctx().content_rect();
    let aspect = (screen.height() / screen.width().max(1.0)).clamp(0.4, 1.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, width * aspect), egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    ui.painter().rect_stroke(
        rect,
        4.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .id_salt(("preview", index)),
    );
    child.set_clip_rect(rect);
    slide_page_ui(&mut child, rect, session, (p, index), page);
}

/// The buttons that do what the presenting keys do.
fn buttons_ui(ui: &mut egui::Ui, p: &Presenting, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui.button("Previous").clicked() {
            commands.push(PresentCmd::Step(Step::Previous).into());
        }
        if ui.button("Next").clicked() {
            commands.push(PresentCmd::Step(Step::Next).into());
        }
        let blank = if p.blank {
            "Show the slide"
        } else {
            "Blank the screen"
        };
        if ui.button(blank).clicked() {
            commands.push(PresentCmd::Step(Step::Blank).into());
        }
        let pause = if p.watch.is_paused() {
            "Resume the timer"
        } else {
            "Pause the timer"
        };
        let pause = with_keys(pause, Step::PauseTimer);
        if ui.button(pause).clicked() {
            commands.push(PresentCmd::Step(Step::PauseTimer).into());
        }
        if ui
            .button(with_keys("Reset the timer", Step::ResetTimer))
            .clicked()
        {
            commands.push(PresentCmd::Step(Step::ResetTimer).into());
        }
        if p.screens.is_some()
            && ui
                .button(with_keys("Swap screens", Step::SwapScreens))
                .clicked()
        {
            commands.push(PresentCmd::Step(Step::SwapScreens).into());
        }
        if ui.button("Stop presenting").clicked() {
            commands.push(PresentCmd::Stop.into());
        }
    });
}

/// A button's words with the presenting keys that do the same ("Pause the
/// timer (T)"), from the one table of presenting keys.
fn with_keys(label: &str, step: Step) -> String {
    let keys: Vec<&str> = crate::ui::actions::PRESENTING_KEYS
        .iter()
        .filter(|(_, _, command)| *command == PresentCmd::Step(step))
        .flat_map(|(_, keys, _)| keys.iter().map(|k| k.name()))
        .collect();
    if keys.is_empty() {
        label.to_owned()
    } else {
        format!("{label} ({})", keys.join(", "))
    }
}
