//! What versus remembers between runs: the last file and, per file, where
//! you were (the selected dimension, the filter); the recent files; the
//! export options and folder; how the talk is presented. Never the notes: they live in their own
//! file. Every path is absolute, so the state means the same whichever
//! folder versus is started from. Every field has a default, so an old or broken state file never
//! stops the app starting. Window size, panel widths, theme and zoom are
//! kept by eframe and egui themselves. Pure: no egui, no I/O.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::VersusApp;
use crate::export::Format;
use crate::session::Section;
use crate::session::find::Filter;
use crate::session::outline::Outline;
use crate::session::present::PresentOptions;

/// The key under which the state is stored.
pub const KEY: &str = "versus";

/// How many recent files are listed.
pub const RECENT: usize = 10;

/// How many files' places are kept (the most recent ones).
const PLACES: usize = 50;

/// Everything remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The comparison open when versus last closed (`None`: the built-in).
    pub last_file: Option<PathBuf>,
    /// Recently opened comparisons, the latest first.
    pub recent: Vec<PathBuf>,
    /// The comparison last left for another one (Ctrl+Shift+T reopens it).
    pub last_closed: Option<PathBuf>,
    /// Where you were in each comparison, by its path ("" for the
    /// built-in one).
    pub places: BTreeMap<String, Place>,
    /// The export dialog's choices.
    pub export: ExportChoices,
    /// How the talk is presented (starred only, with summaries).
    pub present: PresentOptions,
    /// Notes files that are links out of their comparison's folder, and
    /// the one place each may be written to, as the person agreed (once).
    pub trusted_links: Vec<TrustedLink>,
    /// Which monitor shows the slides and which the presenter view, for
    /// each set of monitors a talk was given on (and swapped on).
    pub screens: BTreeMap<crate::platform::monitors::MonitorSet, crate::platform::monitors::Choice>,
}

/// A notes file that is a link out of its folder, written through only to
/// the target the person was shown and agreed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrustedLink {
    /// The notes file (the link).
    pub link: PathBuf,
    /// Where it pointed when the person agreed.
    pub target: PathBuf,
}

/// How many agreed links are kept (the latest ones).
const TRUSTED_LINKS: usize = 50;

/// Where you were in one comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    /// The id of the selected dimension (`None`: the introduction, or the
    /// conclusion when `conclusion` is set).
    pub dimension: Option<String>,
    /// Whether the conclusion was selected.
    pub conclusion: bool,
    /// The sidebar's filter.
    pub filter: Filter,
    /// The two subjects chosen as columns (indices).
    pub columns: Option<[usize; 2]>,
    /// Whether every subject was shown as a column.
    pub all_subjects: Option<bool>,
}

/// The export dialog's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "the export dialog's independent choices, as in `ExportOptions`"
)]
pub struct ExportChoices {
    /// The format's command-line name (`markdown`, `html`, `marp`).
    pub format: String,
    /// Only the starred dimensions.
    pub starred_only: bool,
    /// With the summaries.
    pub include_summaries: bool,
    /// With the presenter's stars.
    pub show_stars: bool,
    /// The audience version: without the speaker notes.
    pub audience: bool,
    /// With the verdicts in the audience version.
    pub include_verdicts: bool,
    /// The folder last exported to.
    pub folder: Option<PathBuf>,
}

impl Default for ExportChoices {
    fn default() -> Self {
        Self {
            format: "markdown".to_owned(),
            starred_only: false,
            include_summaries: true,
            show_stars: false,
            audience: false,
            include_verdicts: false,
            folder: None,
        }
    }
}

/// The key of a comparison's place: its path, or "" for the built-in one.
#[must_use]
pub fn place_key(path: Option<&Path>) -> String {
    path.map(|p| p.display().to_string()).unwrap_or_default()
}

impl Remembered {
    /// Reads the stored state; anything unreadable gives the defaults.
    #[must_use]
    pub fn from_ron(text: &str) -> Self {
        ron::from_str(text).unwrap_or_default()
    }

    /// Puts `path` first among the recent files (once, at most
    /// [`RECENT`]).
    pub fn opened(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT);
    }

    /// Remembers that the notes file `link` may be written through to
    /// `target`.
    pub fn trust_link(&mut self, link: &Path, target: &Path) {
        self.trusted_links.retain(|t| t.link != link);
        self.trusted_links.insert(
            0,
            TrustedLink {
                link: link.to_owned(),
                target: target.to_owned(),
            },
        );
        self.trusted_links.truncate(TRUSTED_LINKS);
    }

    /// Where the notes file `link` was agreed to be written through to.
    #[must_use]
    pub fn trusted_target(&self, link: &Path) -> Option<&Path> {
        self.trusted_links
            .iter()
            .find(|t| t.link == link)
            .map(|t| t.target.as_path())
    }

    /// The recent files that still exist, and whether one was closed.
    #[must_use]
    pub fn recent(&self) -> crate::ui::Recent<'_> {
        crate::ui::Recent {
            files: self.recent_files(),
            closed: self.last_closed.is_some(),
        }
    }

    /// The recent files that still exist, latest first.
    #[must_use]
    pub fn recent_files(&self) -> Vec<&PathBuf> {
        self.recent.iter().filter(|p| p.is_file()).collect()
    }

    /// Records where you are in the comparison at `path`.
    pub fn set_place(&mut self, path: Option<&Path>, place: Place) {
        let key = place_key(path);
        self.places.insert(key.clone(), place);
        // Keep the places of the recent files and this one; forget the
        // oldest others.
        if self.places.len() > PLACES {
            let keep: Vec<String> = self
                .recent
                .iter()
                .map(|p| place_key(Some(p)))
                .chain([key, String::new()])
                .collect();
            self.places.retain(|k, _| keep.contains(k));
        }
    }

    /// Where you were in the comparison at `path`.
    #[must_use]
    pub fn place(&self, path: Option<&Path>) -> Option<&Place> {
        self.places.get(&place_key(path))
    }

    /// Makes every remembered path absolute. Paths are stored absolute
    /// (see `files::absolute_path`); a state file from an older versus may
    /// hold paths relative to the folder it was started from. Each of
    /// those goes through `resolve` (from the folder versus starts in
    /// now): the absolute path of what is there, or `None`, in which case
    /// it is dropped, since it could not be reopened anyway.
    pub fn make_absolute(&mut self, resolve: impl Fn(&Path) -> Option<PathBuf>) {
        let fix = |p: PathBuf| {
            if p.is_absolute() {
                Some(p)
            } else {
                resolve(&p)
            }
        };
        let recent = std::mem::take(&mut self.recent);
        for path in recent.into_iter().filter_map(fix) {
            if !self.recent.contains(&path) {
                self.recent.push(path);
            }
        }
        self.last_file = self.last_file.take().and_then(fix);
        self.last_closed = self.last_closed.take().and_then(fix);
        self.export.folder = self.export.folder.take().and_then(fix);
        let places = std::mem::take(&mut self.places);
        for (key, place) in places {
            let key = if key.is_empty() {
                Some(key)
            } else {
                fix(PathBuf::from(key)).map(|p| place_key(Some(&p)))
            };
            if let Some(key) = key {
                self.places.entry(key).or_insert(place);
            }
        }
    }
}

impl VersusApp {
    /// What to remember now: the stored state with this comparison, where
    /// you are in it, and the export dialog's choices.
    #[must_use]
    pub fn remembered_now(&self) -> Remembered {
        let mut r = self.remembered.clone();
        r.last_file = self.session.source.path().map(Path::to_owned);
        r.set_place(self.session.source.path(), self.place());
        let dialog = &self.export_dialog;
        r.export = ExportChoices {
            format: format_name(dialog.format).to_owned(),
            starred_only: dialog.options.starred_only,
            include_summaries: dialog.options.include_summaries,
            show_stars: dialog.options.show_stars,
            audience: dialog.options.audience,
            include_verdicts: dialog.options.include_verdicts,
            folder: self
                .last_export
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_owned)
                .or_else(|| self.remembered.export.folder.clone()),
        };
        r.present = self.session.present_options;
        r
    }

    /// Where you are in the comparison shown.
    fn place(&self) -> Place {
        Place {
            dimension: self.session.selected_dimension_id().map(str::to_owned),
            conclusion: self.session.selected == Section::Conclusion,
            filter: self.session.finder.filter,
            columns: Some(self.session.columns),
            all_subjects: Some(self.session.all_subjects),
        }
    }

    /// Takes back what was remembered: the export dialog's choices, and
    /// where you were in the comparison shown.
    pub fn restore(&mut self, remembered: Remembered) {
        let choices = &remembered.export;
        self.export_dialog.restore(
            Format::parse(&choices.format).unwrap_or(Format::Markdown),
            crate::export::ExportOptions {
                starred_only: choices.starred_only,
                include_summaries: choices.include_summaries,
                show_stars: choices.show_stars,
                audience: choices.audience,
                include_verdicts: choices.include_verdicts,
                ..crate::export::ExportOptions::default()
            },
        );
        self.session.present_options = remembered.present;
        self.remembered = remembered;
        self.remembered
            .make_absolute(super::files::existing_absolute_path);
        if let Some(path) = self.session.source.path().map(Path::to_owned) {
            self.remembered.opened(&path);
        }
        self.restore_place();
    }

    /// Goes back to where you were in the comparison shown, if it was
    /// seen before.
    pub(super) fn restore_place(&mut self) {
        let Some(place) = self.remembered.place(self.session.source.path()).cloned() else {
            return;
        };
        self.session.finder.filter = place.filter;
        let n = self.session.comparison.subjects.len();
        if let Some(columns) = place
            .columns
            .filter(|c| c[0] != c[1] && c.iter().all(|&i| i < n))
        {
            self.session.columns = columns;
        }
        if let Some(all) = place.all_subjects {
            self.session.all_subjects = all && n > 2;
        }
        if let Some(i) = place
            .dimension
            .and_then(|id| self.session.dimension_index(&id))
        {
            self.session.selected = Section::Dimension(i);
            self.session.selection_jumped = true;
        } else if place.conclusion && Outline::of(&self.session.comparison).has_conclusion {
            self.session.selected = Section::Conclusion;
            self.session.selection_jumped = true;
        }
        self.session.refresh_outline();
    }

    /// Before another comparison replaces this one: remembers where you
    /// were, and this file as the last one closed.
    pub(super) fn leaving(&mut self) {
        let place = self.place();
        self.remembered.set_place(self.session.source.path(), place);
        if let Some(path) = self.session.source.path() {
            self.remembered.last_closed = Some(path.to_owned());
        }
    }
}

/// A format's command-line name.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Marp => "marp",
        Format::Pptx => "pptx",
        Format::Script => "script",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_or_old_state_gives_defaults() {
        assert_eq!(
            Remembered::from_ron("not ron at all"),
            Remembered::default()
        );
        assert_eq!(Remembered::from_ron(""), Remembered::default());
        // An old file with fields since removed and some missing.
        let old = r#"(last_file: Some("/a.ron"), gone_field: 3)"#;
        let r = Remembered::from_ron(old);
        assert_eq!(r.last_file.as_deref(), Some(Path::new("/a.ron")));
        assert_eq!(r.export, ExportChoices::default());
    }

    #[test]
    fn recent_files_are_unique_latest_first_and_capped() {
        let mut r = Remembered::default();
        for i in 0..15 {
            r.opened(Path::new(&format!("/f{i}.ron")));
        }
        r.opened(Path::new("/f3.ron"));
        assert_eq!(r.recent.len(), RECENT);
        assert_eq!(r.recent[0], Path::new("/f3.ron"));
        assert_eq!(r.recent.iter().filter(|p| p.ends_with("f3.ron")).count(), 1);
        // Missing files are not offered.
        assert!(r.recent_files().is_empty());
    }

    #[test]
    fn relative_paths_from_an_older_versus_are_made_absolute_or_dropped() {
        let old = r#"(
            last_file: Some("work/talk.ron"),
            recent: ["work/talk.ron", "gone.ron", "/abs/b.ron", "./work/talk.ron"],
            last_closed: Some("gone.ron"),
            places: {"work/talk.ron": (dimension: Some("risk")), "gone.ron": (), "": ()},
            export: (folder: Some("out")),
        )"#;
        let mut r = Remembered::from_ron(old);
        // What is there, seen from the folder versus starts in.
        r.make_absolute(|p| {
            let p = p.strip_prefix(".").unwrap_or(p);
            (p != Path::new("gone.ron")).then(|| Path::new("/start").join(p))
        });
        assert_eq!(
            r.recent,
            [Path::new("/start/work/talk.ron"), Path::new("/abs/b.ron")]
        );
        assert_eq!(
            r.last_file.as_deref(),
            Some(Path::new("/start/work/talk.ron"))
        );
        assert_eq!(r.last_closed, None);
        assert_eq!(r.export.folder.as_deref(), Some(Path::new("/start/out")));
        let keys: Vec<&str> = r.places.keys().map(String::as_str).collect();
        assert_eq!(keys, ["", "/start/work/talk.ron"]);
        assert_eq!(
            r.place(Some(Path::new("/start/work/talk.ron")))
                .and_then(|p| p.dimension.as_deref()),
            Some("risk")
        );
    }

    #[test]
    fn places_round_trip_and_stay_bounded() {
        let mut r = Remembered::default();
        let place = Place {
            dimension: Some("risk".to_owned()),
            conclusion: false,
            filter: Filter::Starred,
            columns: Some([1, 0]),
            all_subjects: Some(false),
        };
        r.set_place(None, place.clone());
        for i in 0..80 {
            r.set_place(Some(Path::new(&format!("/p{i}.ron"))), Place::default());
        }
        assert!(r.places.len() <= PLACES + 2);
        assert_eq!(r.place(None), Some(&place));
        let text = ron::to_string(&r).unwrap();
        assert_eq!(Remembered::from_ron(&text), r);
    }
}
