//! A dimension's grid in the comparison pane: the subjects' names, the
//! summaries, the points as aligned rows, what the subjects share. Only the
//! parts and columns in view are laid out.

use egui::RichText;

use super::MAX_WIDTH;
use crate::model::{Dimension, Subject};
use crate::session::{Command, Session};
use crate::ui::style;
use crate::ui::text::markdown_ui;

use super::parts::{common_ui, name_ui, names_ui, point_ui, summary_ui};

/// The narrowest a subject column gets; below it the pane scrolls sideways.
const MIN_COLUMN: f32 = 140.0;

/// The widest a column is made to hold its longest word; a longer word
/// is hyphenated (see [`crate::ui::text::fit_words`]).
const MAX_WORD_COLUMN: f32 = 240.0;

/// The narrowest and widest the aspect column gets.
const ASPECT: (f32, f32) = (110.0, 220.0);

/// Above this many cells the columns' words are not measured: the
/// columns keep [`MIN_COLUMN`] (a grid that large scrolls anyway).
const MEASURED_CELLS: usize = 2_000;

/// How a row's background is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Shade {
    None,
    Stripe,
    Highlight,
}

/// Space between the aspect column and the subject columns.
const COLUMN_GAP: f32 = 16.0;

/// What one cell of a row shows.
pub(super) enum Cell<'a> {
    /// A side or summary (inline Markdown).
    Text(&'a str),
    /// A subject's name, over its column.
    Name(&'a Subject),
    /// No text for this subject.
    Absent,
}

/// "— not stated" at `at`, `width` wide; returns its height. Painted, not
/// a widget: a sparse row of 1,000 subjects has hundreds of these in view.
fn absent_ui(ui: &egui::Ui, at: egui::Pos2, width: f32) -> f32 {
    let color = ui.visuals().weak_text_color();
    let mut job = egui::text::LayoutJob::single_section(
        "— not stated".to_owned(),
        egui::TextFormat {
            font_id: egui::TextStyle::Body.resolve(ui.style()),
            color,
            italics: true,
            ..egui::TextFormat::default()
        },
    );
    job.wrap.max_width = width;
    let galley = ui.painter().layout_job(job);
    let height = galley.size().y;
    ui.painter().galley(at, galley, color);
    height
}

/// One part of a dimension's grid, top to bottom. Only the parts in view
/// are laid out; the others take the height they had when last drawn (or
/// an estimate), so a dimension of 10,000 points and 1,000 subjects costs a
/// frame what a screenful costs.
#[derive(Clone, Copy)]
enum Part {
    /// The subjects' names; pinned to the top when the rows scroll.
    Names,
    /// The summaries' row.
    Summary,
    /// "Click an aspect…".
    Hint,
    /// A point's row.
    Point(usize),
    /// What the subjects share.
    Common,
    /// "This dimension has no text yet."
    Empty,
}

impl Part {
    /// The height assumed for a part not yet drawn.
    fn estimate(self, line: f32) -> f32 {
        match self {
            Self::Names | Self::Hint | Self::Empty | Self::Point(_) => line + 12.0,
            Self::Summary => 3.0 * line + 12.0,
            Self::Common => 4.0 * line,
        }
    }
}

/// Where a dimension's grid is on screen and which of its columns are in
/// view. Positions are in screen points.
pub(super) struct Grid {
    /// The content's top-left corner (it moves as the pane scrolls).
    pub(super) origin: egui::Pos2,
    /// The part of the pane in view.
    pub(super) visible: egui::Rect,
    /// The aspect column's width.
    pub(super) aspect: f32,
    /// Each subject column's width.
    pub(super) column: f32,
    /// The subject columns in view.
    pub(super) columns: std::ops::Range<usize>,
    /// Where the aspect column is drawn: at its place, or pinned to the
    /// pane's left edge once the columns scroll sideways.
    pub(super) aspect_x: f32,
    /// The grid's full width.
    pub(super) width: f32,
    /// Every header shows the subject's short label (its name when it has
    /// none), or every header its full name: never a mix.
    pub(super) short_names: bool,
}

/// The narrowest the aspect column and each subject column can be so that
/// no usual word is cut: as wide as the longest word each holds, between
/// their least width and [`MAX_WORD_COLUMN`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Least {
    pub(super) aspect: f32,
    pub(super) column: f32,
}

impl Least {
    /// The least widths whatever the words.
    pub(super) const BASE: Self = Self {
        aspect: ASPECT.0,
        column: MIN_COLUMN,
    };

    /// The least widths for `d` with the `shown` subjects.
    pub(super) fn of(ui: &egui::Ui, d: &Dimension, shown: &[&Subject]) -> Self {
        let cells = (d.points.len() + 1) * shown.len();
        if cells > MEASURED_CELLS {
            return Self::BASE;
        }
        let body = egui::TextStyle::Body.resolve(ui.style());
        let mut column = MIN_COLUMN;
        for s in shown {
            let texts = d
                .summary
                .get(&s.id)
                .into_iter()
                .chain(d.points.iter().filter_map(|p| p.sides.get(&s.id)));
            column = column.max(crate::ui::text::longest_word(ui, texts, &body) + 4.0);
        }
        // The aspect is bold, after its key number.
        let aspect =
            crate::ui::text::longest_word(ui, d.points.iter().map(|p| p.aspect.as_str()), &body)
                * 1.1
                + 2.0 * ui.spacing().button_padding.x
                + 16.0;
        Self {
            aspect: aspect.clamp(ASPECT.0, ASPECT.1),
            column: column.min(MAX_WORD_COLUMN),
        }
    }

    /// The grid's least width with `n` subject columns.
    pub(super) fn width(self, n: usize) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "at most 1,000 columns")]
        let n = n as f32;
        self.aspect + n * (self.column + COLUMN_GAP)
    }
}

impl Grid {
    fn new(ui: &egui::Ui, shown: &[&Subject], at_least: Least) -> Self {
        let columns = shown.len();
        #[expect(clippy::cast_precision_loss, reason = "at most 1,000 columns")]
        let n = columns as f32;
        let total = ui.available_width().min(MAX_WIDTH);
        let aspect = (total * 0.2).clamp(at_least.aspect, ASPECT.1.max(at_least.aspect));
        let column = ((total - aspect - n * COLUMN_GAP) / n).max(at_least.column);
        let short_names = short_names(ui, shown, column);
        let origin = ui.max_rect().min;
        let visible = ui.clip_rect();
        let stride = column + COLUMN_GAP;
        // The columns whose x-range meets the part of the pane in view,
        // right of the (pinned) aspect column.
        let aspect_x = visible.left().max(origin.x);
        // Columns start an aspect column and a gap right of the origin, and
        // the pinned aspect column covers as much of them as it is scrolled.
        let left = aspect_x - origin.x;
        let right = visible.right() - origin.x - aspect - COLUMN_GAP;
        let first = (left / stride).floor().max(0.0);
        let last = (right / stride).ceil().max(0.0);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "non-negative, and clamped to the column count"
        )]
        let range = (first as usize).min(columns)..(last as usize).min(columns);
        Self {
            origin,
            visible,
            aspect,
            column,
            columns: range,
            aspect_x,
            width: aspect + n * stride,
            short_names,
        }
    }

    /// The subject columns not wholly in view: left of the view (or under
    /// the pinned aspect column) or past its right edge.
    pub(super) fn out_of_view(&self, columns: usize) -> Vec<usize> {
        let left = self.aspect_x + self.aspect + COLUMN_GAP - 1.0;
        let right = self.visible.right() + 1.0;
        (0..columns)
            .filter(|&k| {
                let x = self.column_x(k);
                x < left || x + self.column > right
            })
            .collect()
    }

    /// The width for text across the grid (a hint, what the subjects
    /// share): from the left edge in view, as wide as the pane shows.
    pub(super) fn text_width(&self) -> f32 {
        (self.visible.right() - self.aspect_x).clamp(MIN_COLUMN, self.width.max(MIN_COLUMN))
    }

    /// The left edge of subject column `k`.
    fn column_x(&self, k: usize) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "at most 1,000 columns")]
        let k = k as f32;
        self.origin.x + self.aspect + COLUMN_GAP + k * (self.column + COLUMN_GAP)
    }

    /// The row's background: across the part of the grid in view.
    pub(super) fn row_rect(&self, top: f32, height: f32) -> egui::Rect {
        let left = self.visible.left().max(self.origin.x);
        let right = self.visible.right().min(self.origin.x + self.width);
        egui::Rect::from_min_max(
            egui::pos2(left, top),
            egui::pos2(right.max(left), top + height),
        )
        .expand2(egui::vec2(4.0, 3.0))
    }
}

/// Whether the headers show short labels: when some subject's full name
/// does not fit its column on one line and a short label would help.
fn short_names(ui: &egui::Ui, shown: &[&Subject], column: f32) -> bool {
    let font = egui::FontId::proportional(super::parts::NAME_SIZE);
    shown.iter().any(|s| {
        !s.short.is_empty() && crate::ui::text::text_width(ui, s.name.clone(), &font) > column
    })
}

/// A child `Ui` at `(x, top)`, `width` wide, as tall as what it holds.
pub(super) fn cell_ui(
    ui: &mut egui::Ui,
    salt: egui::Id,
    x: f32,
    top: f32,
    width: f32,
    add: impl FnOnce(&mut egui::Ui),
) -> f32 {
    let rect = egui::Rect::from_min_size(egui::pos2(x, top), egui::vec2(width, 1.0e6));
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .id_salt(salt)
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::LEFT)),
    );
    child.set_width(width);
    add(&mut child);
    child.min_rect().height()
}

/// One aligned row at `top`: the aspect, then a cell per subject column in
/// view. Cells wrap inside their width and the row is as tall as its
/// tallest cell in view. Returns the row's height with the space under it.
pub(super) fn row_ui<'a>(
    ui: &mut egui::Ui,
    grid: &Grid,
    (salt, top): (egui::Id, f32),
    shade: Shade,
    add_aspect: impl FnOnce(&mut egui::Ui),
    cell: impl Fn(usize) -> Cell<'a>,
) -> f32 {
    let background = ui.painter().add(egui::Shape::Noop);
    let mut height: f32 = 0.0;
    for k in grid.columns.clone() {
        let x = grid.column_x(k);
        let h = match cell(k) {
            Cell::Text(text) => cell_ui(ui, salt.with(k), x, top, grid.column, |ui| {
                markdown_ui(ui, text);
            }),
            Cell::Name(s) => cell_ui(ui, salt.with(k), x, top, grid.column, |ui| {
                name_ui(ui, s, grid.short_names);
            }),
            Cell::Absent => absent_ui(ui, egui::pos2(x, top), grid.column),
        };
        height = height.max(h);
    }
    // Over the cells that scroll under it once it is pinned.
    let under_aspect = ui.painter().add(egui::Shape::Noop);
    let h = cell_ui(
        ui,
        salt.with("aspect"),
        grid.aspect_x,
        top,
        grid.aspect,
        add_aspect,
    );
    height = height.max(h);
    let rect = grid.row_rect(top, height);
    let shade_fill = match shade {
        Shade::None => None,
        Shade::Stripe => Some(ui.visuals().faint_bg_color),
        Shade::Highlight => Some(style::ACCENT.gamma_multiply(0.22)),
    };
    if let Some(fill) = shade_fill {
        ui.painter()
            .set(background, egui::epaint::RectShape::filled(rect, 3.0, fill));
    }
    if grid.aspect_x > grid.origin.x {
        // The pinned aspect hides the cells under it, not its row's shade.
        let under = egui::Rect::from_min_size(
            egui::pos2(grid.aspect_x - 4.0, top - 3.0),
            egui::vec2(grid.aspect + COLUMN_GAP / 2.0 + 4.0, height + 6.0),
        );
        let mut shapes = vec![egui::Shape::from(egui::epaint::RectShape::filled(
            under,
            0.0,
            ui.visuals().panel_fill,
        ))];
        if let Some(fill) = shade_fill {
            shapes.push(egui::epaint::RectShape::filled(under, 0.0, fill).into());
        }
        ui.painter().set(under_aspect, egui::Shape::Vec(shapes));
    }
    if shade == Shade::Highlight {
        let bar = egui::Rect::from_min_size(rect.min, egui::vec2(3.0, rect.height()));
        ui.painter().rect_filled(bar, 1.0, style::ACCENT);
    }
    height + ROW_SPACE
}

/// Space under each row.
pub(super) const ROW_SPACE: f32 = 6.0;

/// What drawing one dimension's parts needs: where the grid is, the
/// dimension, and the subjects shown.
struct DimensionView<'a> {
    session: &'a Session,
    grid: Grid,
    /// The dimension's index in the comparison.
    index: usize,
    d: &'a Dimension,
    shown: Vec<&'a Subject>,
    /// The grid's id; each part's is this with its place.
    salt: egui::Id,
}

/// The dimension's grid: names, summaries, points, what they share. Only
/// the parts and columns in view are laid out.
pub(super) fn dimension_ui(
    ui: &mut egui::Ui,
    session: &Session,
    index: usize,
    d: &Dimension,
    commands: &mut Vec<Command>,
) {
    let c = &session.comparison;
    let shown: Vec<&Subject> = session
        .shown_subjects()
        .into_iter()
        .filter_map(|i| c.subjects.get(i))
        .collect();
    if shown.is_empty() {
        return;
    }
    let least = Least::of(ui, d, &shown);
    let grid = Grid::new(ui, &shown, least);
    let hidden = grid
        .out_of_view(shown.len())
        .into_iter()
        .filter_map(|k| shown.get(k).map(|s| s.label().to_owned()))
        .collect();
    super::set_out_of_view(ui, hidden);
    let view = DimensionView {
        session,
        grid,
        index,
        d,
        shown,
        salt: ui.scope_id().with(("grid", &d.id)),
    };
    let parts = parts_of(d);
    // Each part's height when last drawn (NaN: never drawn), kept with the
    // pane's other state in egui's memory.
    let heights_id = ui.scope_id().with(("part heights", &d.id));
    let mut heights: Vec<f32> = ui
        .data_mut(|m| m.remove_temp::<Vec<f32>>(heights_id))
        .unwrap_or_default();
    heights.resize(parts.len(), f32::NAN);
    let grid = &view.grid;
    let (y, names_top) = parts_ui(ui, &view, &parts, &mut heights, commands);
    // The names stay in view at the top while the rows scroll under them.
    if let Some(names) = heights.first_mut() {
        *names = names_ui(ui, grid, (view.salt.with("names"), names_top), &view.shown);
    }
    ui.data_mut(|m| m.insert_temp(heights_id, heights));
    // The whole grid's size, so the pane scrolls over all of it.
    ui.allocate_rect(
        egui::Rect::from_min_size(
            grid.origin,
            egui::vec2(grid.width, y - grid.origin.y + 24.0),
        ),
        egui::Sense::hover(),
    );
}

/// Lays the parts in view out, top to bottom from the grid's top; the
/// others take their height in `heights` (or an estimate), and each part
/// drawn updates its own. Returns the grid's bottom and the names' top
/// (the names are drawn last, over the rows that scroll under them).
fn parts_ui(
    ui: &mut egui::Ui,
    view: &DimensionView<'_>,
    parts: &[Part],
    heights: &mut [f32],
    commands: &mut Vec<Command>,
) -> (f32, f32) {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let grid = &view.grid;
    let mut y = grid.origin.y;
    let mut names_top = y;
    for (k, (&part, height)) in parts.iter().zip(heights.iter_mut()).enumerate() {
        let guess = if height.is_nan() {
            part.estimate(line)
        } else {
            *height
        };
        let in_view = y <= grid.visible.bottom() && y + guess >= grid.visible.top();
        let drawn = match part {
            Part::Names => {
                names_top = y;
                None
            }
            _ if !in_view => None,
            _ => part_ui(ui, view, (view.salt.with(k), y), part, commands),
        };
        if let Some(h) = drawn {
            *height = h;
        }
        y += drawn.unwrap_or(guess);
    }
    (y, names_top)
}

/// One part in view other than the names, at `at` (its id and top);
/// returns its height, or `None` where there is nothing to draw.
fn part_ui(
    ui: &mut egui::Ui,
    view: &DimensionView<'_>,
    (salt, y): (egui::Id, f32),
    part: Part,
    commands: &mut Vec<Command>,
) -> Option<f32> {
    let grid = &view.grid;
    let d = view.d;
    match part {
        Part::Names => None,
        Part::Summary => Some(summary_ui(ui, grid, (salt, y), d, &view.shown)),
        Part::Hint => Some(
            cell_ui(ui, salt, grid.aspect_x, y, grid.text_width(), |ui| {
                ui.label(
                    RichText::new("Click an aspect (or press its number) to highlight the row.")
                        .weak()
                        .size(style::SMALL_TEXT),
                );
            }) + 4.0,
        ),
        Part::Point(i) => d.points.get(i).map(|p| {
            point_ui(
                ui,
                view.session,
                grid,
                (salt, y),
                (view.index, i),
                p,
                &view.shown,
                commands,
            )
        }),
        Part::Common => Some(common_ui(
            ui,
            grid,
            salt,
            y,
            d,
            view.session.comparison.subjects.len(),
        )),
        Part::Empty => Some(cell_ui(
            ui,
            salt,
            grid.aspect_x,
            y,
            grid.text_width(),
            |ui| {
                ui.label(RichText::new("This dimension has no text yet.").weak());
            },
        )),
    }
}

/// The parts of `d`'s grid, top to bottom.
fn parts_of(d: &Dimension) -> Vec<Part> {
    let mut parts = vec![Part::Names];
    if !d.summary.is_empty() {
        parts.push(Part::Summary);
    }
    if !d.points.is_empty() {
        parts.push(Part::Hint);
        parts.extend((0..d.points.len()).map(Part::Point));
    }
    if !d.common.is_empty() {
        parts.push(Part::Common);
    }
    if d.summary.is_empty() && d.points.is_empty() && d.common.is_empty() {
        parts.push(Part::Empty);
    }
    parts
}
