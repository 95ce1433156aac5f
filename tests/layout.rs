//! Every screen readable at every size: the real app walks each screen
//! (the pane on every section, the overview, the palette, F1, the export
//! dialog, and, presenting, every slide with the presenter view) for every
//! content file in `tests/fixtures` and the built-in one, at 1024×640,
//! 1280×800, 1920×1080 and at zoom 1.5 on 1280×800. It reads the text
//! egui paints (each `TextShape`'s galley and clip) and fails when text is
//! cut by its panel or the window, is elided ("…"), or a row ends inside a
//! word; and when a subject column is out of view without the mark that
//! names it.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]

mod common;
#[allow(unused_imports, reason = "the shared helpers are used elsewhere")]
use common as _;

use std::fmt::Write as _;
use std::path::PathBuf;

use egui::epaint::{Shape, TextShape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use versus::VersusApp;
use versus::session::Section;
use versus::session::command::{ExportCmd, Nav, PresentCmd, Step, ViewCmd};

/// The window sizes walked, and the zoom at each.
const SIZES: [(f32, f32, f32); 4] = [
    (1024.0, 640.0, 1.0),
    (1280.0, 800.0, 1.0),
    (1920.0, 1080.0, 1.0),
    (1280.0, 800.0, 1.5),
];

/// What the pane says when subject columns are out of view.
const OUT_OF_VIEW: &str = "out of view";

/// The content files in `tests/fixtures` (the comparisons, not the notes),
/// and `None` for the built-in comparison.
fn contents() -> Vec<Option<PathBuf>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| versus::model::Comparison::load(p).is_ok())
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "the fixtures are there: {paths:?}");
    // Opened from a deep folder, as a file someone sent may be: the
    // window's layout must not depend on where the checkout lies.
    let deep = tempfile::tempdir()
        .unwrap()
        .keep()
        .join("a folder with a rather long name, as folders people send are")
        .join("and another one inside it, named after the meeting it was for");
    std::fs::create_dir_all(&deep).unwrap();
    let copies = paths.iter().map(|p| {
        let copy = deep.join(p.file_name().unwrap());
        std::fs::copy(p, &copy).unwrap();
        Some(copy)
    });
    std::iter::once(None).chain(copies).collect()
}

/// One problem seen on a screen.
#[derive(Debug)]
struct Problem {
    screen: String,
    what: String,
}

/// Every text shape painted in the last frame, with its clip rectangle.
fn texts(h: &Harness<'_, VersusApp>) -> Vec<(egui::Rect, TextShape)> {
    fn walk(clip: egui::Rect, shape: &Shape, out: &mut Vec<(egui::Rect, TextShape)>) {
        match shape {
            Shape::Text(t) => out.push((clip, t.clone())),
            Shape::Vec(shapes) => {
                for s in shapes {
                    walk(clip, s, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(clipped.clip_rect, &clipped.shape, &mut out);
    }
    out
}

/// The text of a galley, one line.
fn text_of(galley: &egui::Galley) -> String {
    let text = galley.text().replace('\n', " ");
    let short: String = text.chars().take(60).collect();
    short
}

/// What is wrong with the text painted in the last frame: text cut
/// sideways by its clip (unless the pane says which columns are out of
/// view), elided text, a row that ends inside a word.
fn problems(h: &Harness<'_, VersusApp>, screen: &str) -> Vec<Problem> {
    problems_in(h, screen, |_| true)
}

/// [`problems`] of the texts that `about` accepts (given a galley's text).
fn problems_in(
    h: &Harness<'_, VersusApp>,
    screen: &str,
    about: impl Fn(&str) -> bool,
) -> Vec<Problem> {
    let screen_rect = h.ctx.content_rect();
    let marked = h.query_by_label_contains(OUT_OF_VIEW).is_some();
    // A one-line text field scrolls its text under its frame by design.
    let fields: Vec<egui::Rect> = h
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .map(|n| n.rect().expand(2.0))
        .collect();
    let mut found = Vec::new();
    let mut problem = |what: String| {
        found.push(Problem {
            screen: screen.to_owned(),
            what,
        });
    };
    for (clip, shape) in texts(h) {
        let galley = &shape.galley;
        if galley.is_empty() || galley.text().trim().is_empty() || !about(galley.text()) {
            continue;
        }
        let rect = galley.rect.translate(shape.pos.to_vec2());
        let clip = clip.intersect(screen_rect);
        let text = text_of(galley);
        if galley.elided {
            problem(format!("elided: {text:?}"));
        }
        // Scrolled partly out of view up or down is how a long list reads;
        // cut sideways is not, unless the pane says what is out of view.
        let in_view_vertically = rect.bottom() > clip.top() && rect.top() < clip.bottom();
        let cut_sideways = rect.left() < clip.left() - 1.0 || rect.right() > clip.right() + 1.0;
        let in_a_field = fields.iter().any(|f| f.contains_rect(clip));
        if in_view_vertically && cut_sideways && !marked && !in_a_field {
            problem(format!("cut sideways: {text:?} at {rect:?} in {clip:?}"));
        }
        let mut rows = galley.rows.iter().peekable();
        while let Some(row) = rows.next() {
            let Some(next) = rows.peek() else { break };
            if row.ends_with_newline {
                continue;
            }
            if let (Some(a), Some(b)) = (row.row.glyphs.last(), next.row.glyphs.first())
                && inside_a_word(a.chr, b.chr)
            {
                problem(format!(
                    "word broken: {:?} / {:?} in {text:?}",
                    row.row.text(),
                    next.row.text()
                ));
            }
        }
    }
    found
}

/// The window finds CJK glyphs in the system's fonts; the harness has
/// egui's bundled fonts only, so a CJK font is added where the system has
/// one (widths then match the window's), else CJK is drawn as boxes.
fn cjk_font(ctx: &egui::Context) {
    let path = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
    match std::fs::read(path) {
        Ok(bytes) => {
            let mut fonts = egui::FontDefinitions::default();
            fonts.font_data.insert(
                "cjk".to_owned(),
                std::sync::Arc::new(egui::FontData::from_owned(bytes)),
            );
            for family in fonts.families.values_mut() {
                family.push("cjk".to_owned());
            }
            ctx.set_fonts(fonts);
        }
        Err(_) => ctx.set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Tofu),
    }
}

/// The app on `content` at `size` and `zoom`, after a first frame.
fn window(content: Option<&PathBuf>, (w, h, zoom): (f32, f32, f32)) -> Harness<'static, VersusApp> {
    let data = tempfile::tempdir().unwrap().keep();
    let app = VersusApp::open_at_start(content.map(PathBuf::as_path), data);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(w, h))
        .with_max_steps(12)
        .with_context_setup(|ctx| {
            versus::ui::apply_style(ctx);
            cjk_font(ctx);
        })
        .build_ui_state(|ui, app: &mut VersusApp| app.ui(ui), app);
    harness.ctx.set_zoom_factor(zoom);
    harness.run();
    harness
}

/// The name of a case, for the failures.
fn case(content: Option<&PathBuf>, (w, h, zoom): (f32, f32, f32)) -> String {
    let name = content.map_or("built-in".to_owned(), |p| {
        p.file_name().unwrap().to_string_lossy().into_owned()
    });
    format!("{name} at {w}×{h} zoom {zoom}")
}

/// Applies `command`, lets the window settle, and records what is wrong.
fn look(
    h: &mut Harness<'static, VersusApp>,
    command: impl Into<versus::session::Command>,
    screen: &str,
    found: &mut Vec<Problem>,
) {
    h.state_mut().apply(command.into());
    h.run();
    found.extend(problems(h, screen));
}

/// Fails with every problem found, grouped by screen.
fn report(found: &[Problem]) {
    if found.is_empty() {
        return;
    }
    let mut text = format!("{} problems:\n", found.len());
    for p in found.iter().take(400) {
        let _ = writeln!(text, "  {}: {}", p.screen, p.what);
    }
    panic!("{text}");
}

/// The window's screens other than presenting, for every content and size.
#[test]
fn every_screen_is_readable_at_every_size() {
    let mut found = Vec::new();
    for content in contents() {
        for size in SIZES {
            let name = case(content.as_ref(), size);
            let mut h = window(content.as_ref(), size);
            let dimensions = h.state().session.comparison.dimensions.len();
            let mut sections = vec![Section::Intro];
            sections.extend((0..dimensions).map(Section::Dimension));
            sections.push(Section::Conclusion);
            for section in sections {
                look(
                    &mut h,
                    Nav::Select(section),
                    &format!("{name}, pane {section:?}"),
                    &mut found,
                );
            }
            look(
                &mut h,
                Nav::Select(Section::Dimension(0)),
                &format!("{name}, pane"),
                &mut found,
            );
            look(
                &mut h,
                ViewCmd::ToggleOverview,
                &format!("{name}, overview"),
                &mut found,
            );
            h.state_mut().apply(ViewCmd::ToggleOverview.into());
            look(
                &mut h,
                ViewCmd::ShowPalette,
                &format!("{name}, palette"),
                &mut found,
            );
            h.state_mut().apply(ViewCmd::ClosePalette.into());
            look(
                &mut h,
                ViewCmd::ShowShortcuts,
                &format!("{name}, F1"),
                &mut found,
            );
            h.state_mut().apply(ViewCmd::CloseShortcuts.into());
            look(
                &mut h,
                ExportCmd::ShowDialog,
                &format!("{name}, export dialog"),
                &mut found,
            );
            h.state_mut().apply(ExportCmd::CloseDialog.into());
            h.run();
        }
    }
    report(&found);
}

/// Presenting: every slide, with the presenter view over it and without.
/// A word wider than its slide column ends its row with a hyphen.
#[test]
fn every_slide_and_the_presenter_view_are_readable_at_every_size() {
    let mut found = Vec::new();
    for content in contents() {
        for size in SIZES {
            let name = case(content.as_ref(), size);
            let mut h = window(content.as_ref(), size);
            look(
                &mut h,
                PresentCmd::Start { rehearse: false },
                &format!("{name}, presenter view, slide 1"),
                &mut found,
            );
            let slides = h
                .state()
                .session
                .presenting
                .as_ref()
                .map_or(0, |p| p.slides.len());
            for slide in 1..slides {
                look(
                    &mut h,
                    PresentCmd::Step(Step::Next),
                    &format!("{name}, presenter view, slide {}", slide + 1),
                    &mut found,
                );
            }
            look(
                &mut h,
                PresentCmd::Step(Step::First),
                &format!("{name}, slide 1 alone"),
                &mut found,
            );
            look(
                &mut h,
                PresentCmd::Step(Step::TogglePresenterView),
                &format!("{name}, slide 1 alone"),
                &mut found,
            );
            for slide in 1..slides {
                look(
                    &mut h,
                    PresentCmd::Step(Step::Next),
                    &format!("{name}, slide {} alone", slide + 1),
                    &mut found,
                );
            }
        }
    }
    report(&found);
}

/// Whether a row that ends with `a` before a row starting with `b` cuts a
/// word: letters or digits on both sides, neither of them Han or kana
/// (which may break between any two characters). Written here, apart
/// from the app's own rule, so that the test checks it.
fn inside_a_word(a: char, b: char) -> bool {
    let cjk = |c: char| matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}');
    a.is_alphanumeric() && b.is_alphanumeric() && !cjk(a) && !cjk(b)
}

/// A fixture's path.
fn fixture(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The texts of a dimension's grid as the pane shows them (plain), and
/// its subjects' names and labels.
fn grid_texts(h: &Harness<'_, VersusApp>, dimension: usize) -> Vec<String> {
    let c = &h.state().session.comparison;
    let d = &c.dimensions[dimension];
    let mut texts: Vec<String> = d.summary.0.iter().map(|(_, t)| t.clone()).collect();
    for p in &d.points {
        texts.push(p.aspect.clone());
        texts.extend(p.sides.0.iter().map(|(_, t)| t.clone()));
    }
    for s in &c.subjects {
        texts.push(s.name.clone());
        texts.push(s.label().to_owned());
    }
    texts.iter().map(|t| versus::model::plain_text(t)).collect()
}

/// Whether `galley` shows one of `texts` (hyphenated or not).
fn one_of(texts: &[String], galley: &str) -> bool {
    let plain = galley.replace("-\n", "");
    texts
        .iter()
        .any(|t| *t == plain || t.replace('-', "") == plain.replace('-', ""))
}

/// Issue 19, item 1: three subjects at 1024×640 all in view, every text
/// whole, no word cut; the notes fold to a strip to make the room.
#[test]
fn three_subjects_at_1024_show_every_column_whole() {
    let path = fixture("three-coffee-methods.ron");
    for size in [(1024.0, 640.0, 1.0), (1280.0, 800.0, 1.5)] {
        let mut h = window(Some(&path), size);
        let dimensions = h.state().session.comparison.dimensions.len();
        for i in 0..dimensions {
            h.state_mut()
                .apply(Nav::Select(Section::Dimension(i)).into());
            h.run();
            let texts = grid_texts(&h, i);
            let found = problems_in(&h, &format!("dimension {i} at {size:?}"), |t| {
                one_of(&texts, t)
            });
            assert!(found.is_empty(), "{found:#?}");
            assert!(
                h.query_by_label_contains(OUT_OF_VIEW).is_none(),
                "every column in view at {size:?}"
            );
            // Each subject's header is drawn, inside the window.
            for s in h.state().session.comparison.subjects.clone() {
                let header = h
                    .query_by_label(s.label())
                    .or_else(|| h.query_by_label(&s.name))
                    .unwrap_or_else(|| panic!("no header {} at {size:?}", s.name));
                assert!(header.rect().right() <= size.0 / size.2, "{}", s.name);
            }
        }
    }
}

/// Issue 19, item 1: five subjects at 800 px cannot fit; the pane names
/// the subjects out of view and how to reach them.
#[test]
fn five_subjects_at_800_say_which_are_out_of_view() {
    let mut h = window(Some(&fixture("five-databases.ron")), (800.0, 600.0, 1.0));
    h.state_mut()
        .apply(Nav::Select(Section::Dimension(0)).into());
    h.run();
    h.run();
    let mark = h.get_by_label_contains(OUT_OF_VIEW);
    let text = format!("{mark:?}");
    for hidden in ["Redis", "Cassandra"] {
        assert!(text.contains(hidden), "{hidden} named in {text}");
    }
    assert!(
        text.contains("scroll") && text.contains("Two subjects"),
        "{text}"
    );
    // The columns in view are not named.
    assert!(!text.contains("Postgres"), "{text}");
}

/// Issue 19, item 1: the headers use short labels for all columns or for
/// none ("Espresso" beside "French press" beside "Pour-over", or the full
/// names), never "SQL" beside "Document store".
#[test]
fn headers_are_all_short_or_all_full() {
    let path = fixture("three-coffee-methods.ron");
    for (size, short) in [((1024.0, 640.0, 1.0), true), ((1920.0, 1080.0, 1.0), false)] {
        let mut h = window(Some(&path), size);
        h.state_mut()
            .apply(Nav::Select(Section::Dimension(0)).into());
        h.run();
        for s in h.state().session.comparison.subjects.clone() {
            let shown = if short { s.label() } else { s.name.as_str() };
            assert!(
                h.query_by_label(shown).is_some(),
                "{shown:?} over its column at {size:?}"
            );
        }
    }
}

/// Issue 19, item 2: the overview at 1024×640 shows every column, the
/// dimension column as wide as its titles need, and each summary's first
/// sentence wrapped whole, never cut to a few words.
#[test]
fn the_overview_at_1024_shows_every_column_and_whole_sentences() {
    for content in [
        fixture("three-coffee-methods.ron"),
        fixture("long-names.ron"),
    ] {
        let mut h = window(Some(&content), (1024.0, 640.0, 1.0));
        h.state_mut().apply(ViewCmd::ToggleOverview.into());
        h.run();
        let c = h.state().session.comparison.clone();
        let mut wanted: Vec<String> = vec!["Dimension".to_owned()];
        for d in &c.dimensions {
            wanted.push(d.title.clone());
            for s in &c.subjects {
                if let Some(summary) = d.summary.get(&s.id) {
                    wanted.push(versus::model::plain_text(&versus::model::first_sentence(
                        summary,
                    )));
                }
            }
        }
        for s in &c.subjects {
            wanted.push(s.label().to_owned());
            let header = h
                .query_by_label(s.label())
                .unwrap_or_else(|| panic!("no header {}", s.label()));
            assert!(header.rect().right() <= 1024.0, "{}", s.label());
        }
        let found = problems_in(&h, "overview", |t| one_of(&wanted, t));
        assert!(found.is_empty(), "{found:#?}");
        // Something was checked: the sentences are drawn.
        let drawn = texts(&h)
            .iter()
            .filter(|(_, t)| one_of(&wanted, t.galley.text()))
            .count();
        assert!(drawn > c.subjects.len(), "{drawn} texts drawn");
    }
}

/// The sidebar narrows to give the columns room, and goes back to the
/// width it had once the window has room again.
#[test]
fn the_sidebar_gives_way_and_comes_back() {
    let mut h = window(Some(&fixture("five-databases.ron")), (1280.0, 800.0, 1.0));
    h.state_mut()
        .apply(Nav::Select(Section::Dimension(0)).into());
    h.run();
    let right = |h: &Harness<'static, VersusApp>| {
        h.get_by_role(egui::accesskit::Role::TextInput)
            .rect()
            .right()
    };
    let wide = right(&h);
    h.set_size(egui::vec2(900.0, 640.0));
    h.run();
    let narrow = right(&h);
    assert!(narrow < wide - 50.0, "narrowed: {wide} to {narrow}");
    h.set_size(egui::vec2(1280.0, 800.0));
    h.run();
    assert!(
        (right(&h) - wide).abs() < 2.0,
        "back: {wide}, {}",
        right(&h)
    );
}

/// The notes fold to a strip when the columns need the room; its button,
/// or F2, opens them again, and "Fold" folds them by hand.
#[test]
fn the_folded_notes_open_by_their_button_or_f2() {
    let mut h = window(
        Some(&fixture("three-coffee-methods.ron")),
        (1024.0, 640.0, 1.0),
    );
    h.state_mut()
        .apply(Nav::Select(Section::Dimension(0)).into());
    h.run();
    let note = "Note on Effort and routine";
    assert!(h.query_by_label(note).is_none(), "folded at 1024 px");
    h.get_by_label("Open the notes panel").click();
    h.run();
    h.get_by_label(note);
    h.get_by_label("Fold »").click();
    h.run();
    assert!(h.query_by_label(note).is_none(), "folded by hand");
    h.key_press(egui::Key::F2);
    h.run();
    h.get_by_label(note);
    // At 1920 px there is room: open without asking.
    let mut wide = window(
        Some(&fixture("three-coffee-methods.ron")),
        (1920.0, 1080.0, 1.0),
    );
    wide.state_mut()
        .apply(Nav::Select(Section::Dimension(0)).into());
    wide.run();
    wide.get_by_label(note);
}
