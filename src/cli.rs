//! Command-line sub-commands that run without a window.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::export::{ExportOptions, Format};
use crate::model::{Comparison, LoadError};
use crate::notes::{Notes, NotesError};
use crate::storage;

/// Checks each file, writing one `FILE:LINE:COL: severity: message` line
/// per problem (and `FILE: ok` for a clean file) to `out`.
/// Returns whether every file is valid (warnings allowed).
///
/// # Errors
/// Only when writing to `out` fails.
pub fn validate(files: &[PathBuf], out: &mut impl Write) -> std::io::Result<bool> {
    let mut all_valid = true;
    for path in files {
        match Comparison::load(path) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    writeln!(out, "{}:{w}", path.display())?;
                }
                let c = &loaded.comparison;
                writeln!(
                    out,
                    "{}: ok ({} subjects, {}{})",
                    path.display(),
                    c.subjects.len(),
                    match c.dimensions.len() {
                        1 => "1 dimension".to_owned(),
                        n => format!("{n} dimensions"),
                    },
                    match loaded.warning_count {
                        0 => String::new(),
                        1 => ", 1 warning".to_owned(),
                        n => format!(", {n} warnings"),
                    }
                )?;
            }
            Err(e @ (LoadError::Io { .. } | LoadError::Invalid { .. })) => {
                all_valid = false;
                writeln!(out, "{e}")?;
            }
        }
    }
    Ok(all_valid)
}

/// What `versus export` was asked to do (also its command-line arguments).
#[derive(Debug, Clone, clap::Args)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each is one command-line flag"
)]
pub struct ExportRequest {
    /// The comparison file (RON).
    pub content: PathBuf,
    /// The notes file [default: the content's own notes file, if any].
    #[arg(long)]
    pub notes: Option<PathBuf>,
    /// The output format: markdown, html, marp, pptx (an editable
    /// PowerPoint deck with speaker notes) or script (the presenter's
    /// speaker script, HTML).
    #[arg(long, value_parser = parse_format)]
    pub format: Format,
    /// Only the starred dimensions.
    #[arg(long)]
    pub starred_only: bool,
    /// The subjects to show as columns, in order: ids `a,b[,c…]`, or `all`
    /// [default: all].
    #[arg(long, value_name = "A,B|all")]
    pub subjects: Option<String>,
    /// Show the presenter's private marks (★ before starred dimensions;
    /// not with --audience, which never shows them).
    #[arg(long, conflicts_with = "audience")]
    pub stars: bool,
    /// The audience version: leave out every note, the speaker notes, the
    /// stars and (unless --verdicts) the verdicts. Not with --format
    /// script: the speaker script is yours alone.
    #[arg(long)]
    pub audience: bool,
    /// With --audience: keep "Where each wins" and each dimension's better
    /// fit (your verdicts), which the audience version leaves out.
    #[arg(long, requires = "audience")]
    pub verdicts: bool,
    /// Leave out the per-subject summaries.
    #[arg(long)]
    pub no_summaries: bool,
    /// Where to write; `-` for standard output.
    #[arg(long)]
    pub out: PathBuf,
    /// Overwrite the output if it exists; when it is a symbolic link to a
    /// file, write into the file it points to (a link to nothing is always
    /// refused).
    #[arg(long)]
    pub force: bool,
}

impl ExportRequest {
    /// The export options the flags ask for (`subjects` is resolved
    /// against the comparison later).
    #[must_use]
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            starred_only: self.starred_only,
            subjects: Vec::new(),
            include_summaries: !self.no_summaries,
            show_stars: self.stars,
            audience: self.audience,
            include_verdicts: self.verdicts,
        }
    }

    /// Why two of the flags cannot go together, naming both (a usage
    /// error: an option never silently does nothing); `None` when they can.
    #[must_use]
    pub fn conflict(&self) -> Option<String> {
        let refusal = self.options().refusal(self.format)?;
        let [a, b] = refusal.flags();
        Some(format!("{a} cannot be used with {b}; {refusal}"))
    }
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| {
        format!("unknown format \"{name}\"; expected markdown, html, marp, pptx or script")
    })
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The comparison could not be loaded.
    #[error("{0}")]
    Content(#[from] LoadError),
    /// The notes could not be read.
    #[error("{0}")]
    Notes(#[from] NotesError),
    /// `--subjects` does not name two declared subjects.
    #[error("--subjects {given}: {reason}; the subjects are {known}")]
    Subjects {
        /// What was given.
        given: String,
        /// What is wrong with it.
        reason: String,
        /// The declared ids.
        known: String,
    },
    /// Two flags that cannot go together.
    #[error("{0}")]
    Conflict(String),
    /// The output exists and `--force` was not given.
    #[error("{0}: the file exists; pass --force to overwrite it")]
    Exists(PathBuf),
    /// The output is a symbolic link to a file and `--force` was not given.
    #[error(
        "{path} is a link to {target}; pass --force to write the export into {target}, or choose another output file"
    )]
    Link {
        /// The output.
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// The output is the comparison or the notes being exported.
    #[error("{}", own.refusal(path, "export"))]
    WouldReplaceInput {
        /// The output.
        path: PathBuf,
        /// Which of the inputs it is.
        own: storage::OwnFile,
    },
    /// Writing failed.
    #[error("{0}")]
    Write(#[from] storage::WriteError),
    /// Writing to standard output failed.
    #[error("standard output: cannot write: {0}")]
    Stdout(std::io::Error),
}

/// Turns `a,b[,c…]` into subject indices, in order; `all` into every
/// subject.
///
/// # Errors
/// When the ids are not at least two distinct declared subjects.
pub fn parse_subjects(c: &Comparison, given: &str) -> Result<Vec<usize>, ExportError> {
    if given.trim() == "all" {
        return Ok((0..c.subjects.len()).collect());
    }
    let known = c
        .subjects
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let fail = |reason: &str| ExportError::Subjects {
        given: given.to_owned(),
        reason: reason.to_owned(),
        known: known.clone(),
    };
    let ids: Vec<&str> = given.split(',').map(str::trim).collect();
    if ids.len() < 2 {
        return Err(fail(
            "expected two or more subject ids separated by commas, or `all`",
        ));
    }
    let mut picked = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(i) = c.subjects.iter().position(|s| s.id == id) else {
            return Err(fail(&format!("\"{id}\" is not a subject id")));
        };
        if picked.contains(&i) {
            return Err(fail(&format!("\"{id}\" is given twice; each subject once")));
        }
        picked.push(i);
    }
    Ok(picked)
}

/// Runs an export: loads the content and notes, checks the output, then
/// writes the export as it is made, atomically (or to `stdout` for `-`). Returns the path written, `None` for stdout.
///
/// # Errors
/// Every way loading, checking or writing can fail, with the path.
pub fn export(
    request: &ExportRequest,
    data_dir: &Path,
    stdout: &mut impl Write,
) -> Result<Option<PathBuf>, ExportError> {
    if let Some(conflict) = request.conflict() {
        return Err(ExportError::Conflict(conflict));
    }
    let loaded = Comparison::load(&request.content)?;
    let c = &loaded.comparison;
    let notes_path = match &request.notes {
        Some(p) => Some(p.clone()),
        None => Some(crate::notes::paths::default_notes_path(
            Some(&request.content),
            data_dir,
        ))
        .filter(|p| p.exists()),
    };
    let notes = match &notes_path {
        Some(p) if request.notes.is_some() => {
            let bytes = crate::notes::read_existing(p)?;
            Notes::from_ron(&bytes, p)?
        }
        Some(p) => Notes::load(p)?.unwrap_or_default(),
        None => Notes::default(),
    };
    // Notes kept in the data folder while the content's folder was
    // read-only are this comparison's too (the window moves them beside it).
    let kept = crate::notes::paths::data_dir_notes_path(data_dir, Some(&request.content));
    let notes = if request.notes.is_none() && notes_path.as_deref() != Some(kept.as_path()) {
        crate::notes::combine::with_kept(notes, &kept)
    } else {
        notes
    };
    let subjects = match &request.subjects {
        Some(given) => parse_subjects(c, given)?,
        None => Vec::new(),
    };
    let options = ExportOptions {
        subjects,
        ..request.options()
    };
    if request.out.as_os_str() == "-" {
        // Made and written a piece at a time: a document far larger than
        // the comparison is never held whole.
        let mut out = std::io::BufWriter::new(stdout);
        crate::export::write(request.format, c, &notes, &options, &mut out)
            .and_then(|()| out.flush())
            .map_err(ExportError::Stdout)?;
        return Ok(None);
    }
    check_output(&request.out, &request.content, notes_path.as_deref())?;
    // A link is followed only to a file, only with `--force`, and the
    // refusal says where it points; a link to nothing is refused by the
    // writer; a device or pipe (`/dev/stdout`) is written to as it is.
    if let Some(link) = storage::link_at(&request.out)
        && link.kind == storage::TargetKind::Regular
        && !request.force
    {
        return Err(ExportError::Link {
            path: request.out.clone(),
            target: link.target,
        });
    }
    // `--force` replaces a regular file only; a device or pipe is written
    // to as it is.
    let target = storage::resolve_target(&request.out)?;
    if target.kind == storage::TargetKind::Regular && !request.force {
        return Err(ExportError::Exists(request.out.clone()));
    }
    storage::write_export_with(&request.out, |out| {
        crate::export::write_to(request.format, c, &notes, &options, out, &|| Ok(()))
    })?;
    Ok(Some(request.out.clone()))
}

/// Refuses an output that is one of the export's own inputs.
///
/// # Errors
/// [`ExportError::WouldReplaceInput`].
pub fn check_output(out: &Path, content: &Path, notes: Option<&Path>) -> Result<(), ExportError> {
    match storage::own_file(out, Some(content), notes) {
        Some(own) => Err(ExportError::WouldReplaceInput {
            path: out.to_owned(),
            own,
        }),
        None => Ok(()),
    }
}

/// What `versus merge-notes` was asked to do (also its command-line
/// arguments): git's merge driver for notes files.
#[derive(Debug, Clone, clap::Args)]
pub struct MergeNotesRequest {
    /// The common ancestor (git's `%O`). An empty file (git's when there is
    /// none) makes it a two-way merge, where nothing of either is dropped.
    pub base: PathBuf,
    /// Our version (git's `%A`): the merged notes are written here, as git
    /// expects, unless --out is given.
    pub ours: PathBuf,
    /// Their version (git's `%B`).
    pub theirs: PathBuf,
    /// Where to write the merged notes [default: OURS].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// Why `versus merge-notes` could not merge (nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum MergeNotesError {
    /// One of the three versions could not be read or is not notes.
    #[error("{0}")]
    Notes(#[from] NotesError),
    /// The merged notes could not be written.
    #[error("{0}")]
    Write(#[from] storage::WriteError),
    /// `--out` names a file that is not a notes file (a comparison, a
    /// document): it is never written over.
    #[error("{0}: not a notes file; merge-notes writes only over notes files")]
    NotNotes(PathBuf),
}

/// Merges three versions of a notes file field by field and writes the
/// result (a valid notes file even where both versions of something were
/// kept) to `--out`, else over OURS. Returns the merge, to tell a clean
/// one from one to check.
///
/// # Errors
/// When a version cannot be read or parsed, or the result cannot be
/// written; nothing is written then.
pub fn merge_notes(
    request: &MergeNotesRequest,
) -> Result<crate::notes::merge::Merged, MergeNotesError> {
    let base = read_version(&request.base)?;
    let ours = read_version(&request.ours)?.unwrap_or_default();
    let theirs = read_version(&request.theirs)?.unwrap_or_default();
    let merged = match &base {
        Some(base) => crate::notes::merge::merge3(base, &ours, &theirs),
        None => crate::notes::merge::merge2(&ours, &theirs),
    };
    let out = request.out.as_ref().unwrap_or(&request.ours);
    // OURS was read as notes above; any other output already there must
    // be notes too, never a comparison or another document.
    if let Some(bytes) = crate::notes::read_bytes(out)? {
        let kind = crate::notes::sniff(&String::from_utf8_lossy(&bytes));
        if !matches!(
            kind,
            crate::notes::FileKind::Notes | crate::notes::FileKind::Empty
        ) {
            return Err(MergeNotesError::NotNotes(out.clone()));
        }
    }
    storage::write_atomic(out, merged.notes.to_ron().as_bytes())?;
    Ok(merged)
}

/// One version of a notes file, through the capped reader; `None` when it
/// is empty (git gives an empty file for a missing ancestor or side).
fn read_version(path: &Path) -> Result<Option<Notes>, NotesError> {
    let bytes = crate::notes::read_existing(path)?;
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    Notes::from_ron(&bytes, path).map(Some)
}
