//! Starts versus: the window, or a sub-command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory as _, Parser, Subcommand};
use versus::VersusApp;
use versus::app::remembered;

/// Explore a comparison dimension by dimension, annotate it, export it.
///
/// With no FILE, opens the built-in comparison (Project Management vs
/// Technology Management).
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// A comparison file (RON) to open.
    file: Option<PathBuf>,
    /// Render the window once, with no interaction, to this PNG and exit
    /// (0 when written; 1 without a display or when it cannot be written).
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// With --screenshot: the dimension to show (its id).
    #[arg(long, value_name = "ID", requires = "screenshot")]
    dimension: Option<String>,
    /// With --screenshot: the window's size.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size, requires = "screenshot")]
    size: Option<[f32; 2]>,
    /// With --screenshot: light or dark.
    #[arg(long, value_name = "light|dark", default_value = "dark", value_parser = parse_theme, requires = "screenshot")]
    theme: Option<egui::Theme>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{text}: expected WIDTHxHEIGHT, such as 1280x800"))?;
    let number = |s: &str| -> Result<f32, String> {
        let n: u16 = s
            .trim()
            .parse()
            .map_err(|_| format!("{s}: expected a whole number of pixels"))?;
        if n < 200 {
            return Err(format!("{n}: at least 200 pixels"));
        }
        Ok(f32::from(n))
    };
    Ok([number(w)?, number(h)?])
}

fn parse_theme(text: &str) -> Result<egui::Theme, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "light" => Ok(egui::Theme::Light),
        "dark" => Ok(egui::Theme::Dark),
        _ => Err(format!("{text}: expected light or dark")),
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Check comparison files and report every problem.
    #[command(
        long_about = "Check comparison files. Prints one line per problem, as FILE:LINE:COL: error|warning: message.\nExit status: 0 all valid, 1 any invalid, 2 usage error."
    )]
    Validate {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a comparison and its notes as Markdown, printable HTML, a
    /// Marp slide deck, a PowerPoint deck or a speaker script.
    Export(versus::cli::ExportRequest),
    /// Merge three versions of a notes file field by field (git's merge
    /// driver for notes files).
    #[command(
        long_about = "Merge three versions of a notes file field by field: git's merge driver for notes files.\nSet up in a repository with `*.notes.ron merge=versus` in .gitattributes and\n`git config merge.versus.driver \"versus merge-notes %O %A %B\"`.\nWrites the merged notes over OURS (or to --out).\nExit status: 0 merged cleanly; 1 both versions of something were kept (the file is valid; each such dimension is flagged \"merged, check\"); 2 nothing written (a version could not be read, or usage error)."
    )]
    MergeNotes(versus::cli::MergeNotesRequest),
}

fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(Cmd::Validate { files }) => {
            let valid = versus::cli::validate(&files, &mut std::io::stdout().lock())
                .context("writing the report")?;
            Ok(if valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Cmd::Export(request)) => {
            if let Some(conflict) = request.conflict() {
                usage_error(&conflict);
            }
            let data_dir = versus::storage::data_dir();
            match versus::cli::export(&request, &data_dir, &mut std::io::stdout().lock()) {
                Ok(Some(path)) => {
                    eprintln!("Exported to {}", path.display());
                    Ok(ExitCode::SUCCESS)
                }
                Ok(None) => Ok(ExitCode::SUCCESS),
                Err(e) => {
                    eprintln!("versus export: {e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Some(Cmd::MergeNotes(request)) => Ok(merge_notes(&request)),
        None => {
            if let Some(out) = cli.screenshot {
                let request = versus::app::screenshot::Request {
                    out,
                    size: cli.size.unwrap_or([1280.0, 800.0]),
                    theme: cli.theme.unwrap_or(egui::Theme::Dark),
                };
                return Ok(screenshot(
                    cli.file.as_deref(),
                    cli.dimension.as_deref(),
                    &request,
                ));
            }
            run_window(cli.file.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `versus merge-notes`: 0 clean, 1 both versions of something kept, 2
/// nothing written (git then keeps OURS as it was and reports a conflict).
fn merge_notes(request: &versus::cli::MergeNotesRequest) -> ExitCode {
    match versus::cli::merge_notes(request) {
        Ok(merged) if merged.is_clean() => ExitCode::SUCCESS,
        Ok(merged) => {
            let places: Vec<String> = merged.kept_both.iter().map(ToString::to_string).collect();
            eprintln!(
                "versus merge-notes: both versions kept in {} (flagged \"merged, check\"); {} is a valid notes file, open it in versus to choose",
                places.join(", "),
                request.out.as_ref().unwrap_or(&request.ours).display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("versus merge-notes: {e}; nothing was written");
            ExitCode::from(2)
        }
    }
}

/// Exits with clap's usage error (status 2) for `versus export`.
fn usage_error(message: &str) -> ! {
    let mut command = Cli::command();
    command.build();
    let error_kind = clap::error::ErrorKind::ArgumentConflict;
    match command.find_subcommand_mut("export") {
        Some(export) => export.error(error_kind, message).exit(),
        None => command.error(error_kind, message).exit(),
    }
}

fn run_window(file: Option<&Path>) -> anyhow::Result<()> {
    let data_dir = versus::storage::data_dir();
    // The data folder is ours to create (the window state lives there even
    // when every note sits beside its content); if this fails, the state's
    // first save says why.
    let _ = std::fs::create_dir_all(&data_dir);
    // eframe reads its state file with a plain open (a named pipe there
    // would hang the start) and rewrites it in place (following a link):
    // it gets a private copy, checked first, and versus alone writes the
    // real file back, atomically, soon after each change and on exit.
    let (state, notes) = versus::storage::PrivateCopy::start(
        &data_dir.join("window-state.ron"),
        versus::storage::MAX_STATE_BYTES,
    )
    .context("preparing the window state")?;
    for note in notes {
        eprintln!("{note}");
    }
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("versus")
            .with_app_id("versus")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0]),
        // The real file sits beside the notes that have no folder of their
        // own, so that VERSUS_DATA_DIR keeps a test's (or a portable
        // install's) state apart too.
        persistence_path: Some(state.path().to_owned()),
        ..Default::default()
    };
    let file = file.map(Path::to_owned);
    let ran = eframe::run_native(
        "versus",
        options,
        Box::new(move |cc| {
            versus::ui::apply_style(&cc.egui_ctx);
            close_on_signals(&cc.egui_ctx);
            let stored = cc.storage.and_then(|s| s.get_string(remembered::KEY));
            let app = VersusApp::start(stored, file.as_deref(), data_dir);
            if let Some(error) = &app.session.error {
                eprintln!("{error}");
            }
            // Within reach of the exit flush, however the event loop ends.
            Ok(Box::new(versus::app::exit::Running::new(app)))
        }),
    );
    // The loop returned with an error (or without running `on_exit`): the
    // notes are flushed before the error is told. A loop that ends the
    // process itself (a lost X connection) is covered in `app::exit`.
    versus::app::exit::flush_after_event_loop();
    if let Err(e) = state.finish() {
        eprintln!("versus: the window state was not kept: {e}");
    }
    ran.map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// `versus --screenshot`: the window as it would look, to a PNG.
fn screenshot(
    file: Option<&Path>,
    dimension: Option<&str>,
    request: &versus::app::screenshot::Request,
) -> ExitCode {
    let mut app = VersusApp::open_at_start(file, versus::storage::data_dir());
    if let Some(error) = &app.session.error {
        eprintln!("{error}");
        return ExitCode::FAILURE;
    }
    if let Some(id) = dimension {
        let Some(i) = app
            .session
            .comparison
            .dimensions
            .iter()
            .position(|d| d.id == id)
        else {
            let ids: Vec<&str> = app
                .session
                .comparison
                .dimensions
                .iter()
                .map(|d| d.id.as_str())
                .collect();
            eprintln!(
                "versus --screenshot: no dimension \"{id}\"; the ids are {}",
                ids.join(", ")
            );
            return ExitCode::FAILURE;
        };
        app.apply(
            versus::session::command::Nav::Select(versus::session::Section::Dimension(i)).into(),
        );
    }
    // Never over what the user wrote: the comparison or its notes.
    let notes = Some(app.session.notes_file.path.as_path());
    if let Some(own) = versus::storage::own_file(&request.out, app.session.source.path(), notes) {
        eprintln!(
            "versus --screenshot: {}",
            own.refusal(&request.out, "picture")
        );
        return ExitCode::FAILURE;
    }
    let out = request.out.clone();
    match versus::app::screenshot::run(app, request) {
        Ok(()) => {
            eprintln!("Wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("versus --screenshot: {e}");
            ExitCode::FAILURE
        }
    }
}

/// On SIGTERM, SIGINT or SIGHUP, closes the window the normal way, so the
/// app's exit path saves the notes before the process ends.
fn close_on_signals(ctx: &egui::Context) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        eprintln!("versus: cannot listen for SIGTERM; notes are still autosaved");
        return;
    };
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            if signals.forever().next().is_some() {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                ctx.request_repaint();
            }
        });
    if spawned.is_err() {
        eprintln!("versus: cannot listen for SIGTERM; notes are still autosaved");
    }
}
