//! Benchmarks: the built-in comparison (10 dimensions) against a generated
//! one of 10,000, measured in the same run so they can be given as ratios.
//!
//! - `parse`: RON text to a validated `Comparison`.
//! - `frame`: one `Harness::step` of the whole window, idle, and a keystroke
//!   that moves the selection by one row.
//!
//! Run with `cargo bench --bench explorer`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, reason = "a benchmark's setup fails loudly")]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use egui_kittest::Harness;
use versus::VersusApp;
use versus::model::{BUILT_IN_NAME, BUILT_IN_RON, Comparison, parse};
use versus::session::command::{Nav, PresentCmd, Step, TalkCmd};
use versus::session::{Section, Source};

/// Dimensions in the large comparison.
const LARGE: usize = 10_000;

#[path = "../tests/common/generated.rs"]
mod generated;
use generated::generated;

/// The large comparison as RON text, checked to parse back unchanged and
/// without warnings.
fn generated_ron(c: &Comparison) -> String {
    let text = ron::ser::to_string_pretty(c, ron::ser::PrettyConfig::default()).unwrap();
    let loaded = parse(text.as_bytes(), Path::new("generated.ron")).unwrap();
    assert_eq!(&loaded.comparison, c, "the generated text round-trips");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    text
}

fn parse_benches(c: &mut Criterion) {
    let large = generated_ron(&generated(LARGE));
    let mut group = c.benchmark_group("parse");
    // The large case takes milliseconds; flat sampling keeps the run short.
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    // Throughput too, so the two can be compared per byte as well.
    group.throughput(Throughput::Bytes(BUILT_IN_RON.len() as u64));
    group.bench_function("built-in", |b| {
        b.iter(|| parse(black_box(BUILT_IN_RON.as_bytes()), Path::new(BUILT_IN_NAME)).unwrap());
    });
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.bench_function("10k", |b| {
        b.iter(|| parse(black_box(large.as_bytes()), Path::new("generated.ron")).unwrap());
    });
    group.finish();
}

/// The window at the test size, showing the middle dimension of
/// `comparison` with the sidebar scrolled to it, settled. Notes would go
/// to `data_dir`.
fn window(comparison: Comparison, data_dir: &Path) -> Harness<'static, VersusApp> {
    let middle = comparison.dimensions.len() / 2;
    let mut app = VersusApp::new(comparison, Source::BuiltIn, data_dir.to_owned());
    app.apply(Nav::Select(Section::Dimension(middle)).into());
    app.session.selection_jumped = true;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(versus::ui::apply_style)
        .build_ui_state(|ui, app: &mut VersusApp| app.ui(ui), app);
    h.run();
    h
}

/// Times `key_press(ArrowDown)` then `step()`; when the selection reaches
/// the last row it goes back to the first (untimed) so every timed
/// keystroke moves it by one.
fn time_moves(h: &mut Harness<'static, VersusApp>, iters: u64) -> Duration {
    let last = h.state().session.row_count() - 1;
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        if h.state().session.row_of(h.state().session.selected) == last {
            h.key_press(egui::Key::Home);
            h.run();
        }
        let before = h.state().session.selected;
        let start = Instant::now();
        h.key_press(egui::Key::ArrowDown);
        h.step();
        total += start.elapsed();
        assert_ne!(h.state().session.selected, before, "the selection moved");
    }
    total
}

fn frame_benches(c: &mut Criterion) {
    // Keep the benchmark's notes out of the real data folder.
    let data_dir = tempfile::tempdir().unwrap();
    let mut built_in = window(Comparison::built_in(), data_dir.path());
    let mut large = window(generated(LARGE), data_dir.path());
    assert_eq!(large.state().session.comparison.dimensions.len(), LARGE);

    let mut group = c.benchmark_group("frame");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("idle/built-in", |b| b.iter(|| built_in.step()));
    group.bench_function("idle/10k", |b| b.iter(|| large.step()));
    group.bench_function("move/built-in", |b| {
        b.iter_custom(|iters| time_moves(&mut built_in, iters));
    });
    group.bench_function("move/10k", |b| {
        b.iter_custom(|iters| time_moves(&mut large, iters));
    });
    // With a talk length the sidebar shows a budget per row: the plan is
    // worked out every frame.
    for h in [&mut built_in, &mut large] {
        h.state_mut().apply(TalkCmd::SetTalkMinutes(30).into());
        h.run();
    }
    group.bench_function("idle-planned/built-in", |b| b.iter(|| built_in.step()));
    group.bench_function("idle-planned/10k", |b| b.iter(|| large.step()));
    // Presenting, on the middle slide, with the presenter view.
    for h in [&mut built_in, &mut large] {
        h.key_press(egui::Key::F5);
        h.run();
        let middle = h.state().session.presenting.as_ref().unwrap().slides.len() / 2;
        for digit in middle.to_string().bytes() {
            h.state_mut()
                .apply(PresentCmd::Step(Step::Digit(digit - b'0')).into());
        }
        h.state_mut().apply(PresentCmd::Step(Step::Jump).into());
        h.run();
    }
    group.bench_function("present/built-in", |b| b.iter(|| built_in.step()));
    group.bench_function("present/10k", |b| b.iter(|| large.step()));
    group.finish();
}

criterion_group!(benches, parse_benches, frame_benches);
criterion_main!(benches);
