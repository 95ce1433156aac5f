//! The command palette (Ctrl+Shift+P, Ctrl+K): every action of the one
//! table and "Go to" every dimension, fuzzy-matched as you type; and the
//! keyboard shortcuts window (F1), drawn from the same table.

use egui::{Key, Modifiers, RichText};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::session::command::{Nav, ViewCmd};
use crate::session::{Command, Section, Session};
use crate::ui::actions::{ACTIONS, Group, keys_text};

/// How many entries the palette lists at most.
const SHOWN: usize = 12;

/// The palette's state: open or not, what is typed, which entry is chosen.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    /// Whether it is shown.
    pub open: bool,
    /// What is typed.
    pub query: String,
    /// The chosen entry, among those listed.
    pub selected: usize,
    /// What is listed, and the query and number of dimensions it was
    /// scored for: scored again only when one of them changes, not every
    /// frame.
    listed: Option<(String, usize, Vec<Entry>)>,
}

/// One entry: what it says, its keys, what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The text matched and shown.
    pub label: String,
    /// Its keys, as shown ("" for none).
    pub keys: String,
    /// What choosing it does.
    pub command: Command,
}

/// Every entry of the palette for `app`: each action of the table, then
/// "Go to" each dimension.
#[must_use]
pub fn entries(ctx: &egui::Context, session: &Session) -> Vec<Entry> {
    let mut out: Vec<Entry> = ACTIONS
        .iter()
        .filter(|a| a.command != ViewCmd::ShowPalette.into())
        .filter_map(|a| {
            Some(Entry {
                label: format!("{}: {}", a.group.label(), a.label_in(&session.comparison)?),
                keys: keys_text(ctx, a),
                command: a.command.clone(),
            })
        })
        .collect();
    out.extend(
        session
            .comparison
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| Entry {
                label: format!("Go to {}", d.title),
                keys: String::new(),
                command: Nav::Select(Section::Dimension(i)).into(),
            }),
    );
    out
}

/// The entries that match `query`, best first (all, in order, for an
/// empty query), at most `limit`.
#[must_use]
pub fn matching(entries: Vec<Entry>, query: &str, limit: usize) -> Vec<Entry> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, Entry)> = entries
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let score = pattern.score(Utf32Str::new(&e.label, &mut buf), &mut matcher)?;
            Some((score, i, e))
        })
        .collect();
    // Best score first; among equals, table order.
    scored.sort_by_key(|(score, i, _)| (std::cmp::Reverse(*score), *i));
    scored.into_iter().take(limit).map(|(_, _, e)| e).collect()
}

impl Palette {
    /// A palette opened afresh: nothing typed, the first entry chosen.
    #[must_use]
    pub fn opened() -> Self {
        Self {
            open: true,
            ..Self::default()
        }
    }

    /// Draws the palette when it is open.
    pub fn ui(&mut self, ctx: &egui::Context, session: &Session, commands: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        let dimensions = session.comparison.dimensions.len();
        let listed = match self.listed.take() {
            Some((query, n, listed)) if query == self.query && n == dimensions => listed,
            _ => matching(entries(ctx, session), &self.query, SHOWN),
        };
        // Scored for the query as it was before this frame's typing.
        let query = self.query.clone();
        draw(ctx, self, &listed, commands);
        self.listed = Some((query, dimensions, listed));
    }
}

/// The palette's window, its keys, and the command chosen.
fn draw(ctx: &egui::Context, palette: &mut Palette, listed: &[Entry], commands: &mut Vec<Command>) {
    // The arrows move the choice; the field does not need them.
    let (down, up, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    if down {
        palette.selected = (palette.selected + 1).min(listed.len().saturating_sub(1));
    }
    if up {
        palette.selected = palette.selected.saturating_sub(1);
    }
    palette.selected = palette.selected.min(listed.len().saturating_sub(1));
    let mut chosen: Option<Command> = None;
    let mut keep_open = true;
    egui::Window::new("Command palette")
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.set_min_width(520.0);
            let label = ui.label("Command");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut palette.query)
                        .id_salt("palette")
                        .hint_text("Type to find an action or a dimension")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            if field.changed() {
                palette.selected = 0;
            }
            if listed.is_empty() {
                ui.label(RichText::new("Nothing matches").weak());
            }
            for (i, entry) in listed.iter().enumerate() {
                ui.horizontal(|ui| {
                    let row = ui.selectable_label(i == palette.selected, &entry.label);
                    if !entry.keys.is_empty() {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(RichText::new(&entry.keys).weak());
                        });
                    }
                    if row.clicked() {
                        chosen = Some(entry.command.clone());
                    }
                });
            }
        });
    if enter && chosen.is_none() {
        chosen = listed.get(palette.selected).map(|e| e.command.clone());
    }
    if let Some(command) = chosen {
        commands.push(ViewCmd::ClosePalette.into());
        // A dimension chosen is to be seen: over the overview, it opens.
        if matches!(command, Command::Nav(Nav::Select(_))) {
            commands.push(ViewCmd::CloseOverview.into());
        }
        commands.push(command);
    } else if escape || !keep_open {
        commands.push(ViewCmd::ClosePalette.into());
    }
}

/// Room kept between the F1 window's text and its right edge, where the
/// scroll bar goes: no key touches the edge or hides under the bar.
const SHORTCUTS_RIGHT_MARGIN: i8 = 12;

/// The last line of the F1 window.
pub const SHORTCUTS_FOOTER: &str = "Every action, with or without keys: Ctrl+Shift+P or Ctrl+K";

/// Draws the keyboard shortcuts window (F1) when it is open: every action
/// with keys, by group, from the one table, in one grid so that the keys
/// line up from section to section.
pub fn shortcuts_ui(
    ctx: &egui::Context,
    open: bool,
    comparison: &crate::model::Comparison,
    commands: &mut Vec<Command>,
) {
    if !open {
        return;
    }
    let mut keep_open = true;
    let screen = ctx.content_rect();
    egui::Window::new("Keyboard shortcuts")
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            // The bar takes room of its own instead of floating over the
            // keys' ends.
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            egui::ScrollArea::vertical()
                .max_height((screen.height() - 120.0).clamp(160.0, 560.0))
                .show(ui, |ui| {
                    egui::Frame::NONE
                        .inner_margin(egui::Margin {
                            right: SHORTCUTS_RIGHT_MARGIN,
                            ..egui::Margin::ZERO
                        })
                        .show(ui, |ui| {
                            shortcuts_grid(ui, comparison);
                            ui.add(egui::Label::new(RichText::new(SHORTCUTS_FOOTER).weak()).wrap());
                        });
                });
        });
    if !keep_open || ctx.input(|i| i.key_pressed(Key::Escape)) {
        commands.push(ViewCmd::CloseShortcuts.into());
    }
}

/// Every group's heading and its actions with keys, in one grid: one
/// column for the actions, one for the keys, the same in every section.
fn shortcuts_grid(ui: &mut egui::Ui, comparison: &crate::model::Comparison) {
    let ctx = ui.ctx().clone();
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for (i, group) in Group::ALL.into_iter().enumerate() {
                if i > 0 {
                    // A little room between sections.
                    ui.allocate_space(egui::vec2(0.0, 4.0));
                    ui.end_row();
                }
                ui.label(RichText::new(group.label()).strong());
                ui.end_row();
                for action in ACTIONS.iter().filter(|a| a.group == group) {
                    let keys = keys_text(&ctx, action);
                    let Some(label) = action.label_in(comparison) else {
                        continue;
                    };
                    if keys.is_empty() {
                        continue;
                    }
                    ui.label(label);
                    ui.label(RichText::new(keys).monospace());
                    ui.end_row();
                }
            }
        });
}
