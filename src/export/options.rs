//! What an export is asked for: its format, and the options every export
//! has (starred only, subjects, summaries, stars, the audience version,
//! verdicts), with the combinations refused.

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Standard Markdown with GFM tables.
    Markdown,
    /// One self-contained HTML file, readable on screen and printable.
    Html,
    /// A Marp slide deck (Markdown with Marp front matter).
    Marp,
    /// An editable PowerPoint presentation (Office Open XML): native
    /// tables and text, the speaker notes in its notes pages.
    Pptx,
    /// The presenter's printable speaker script (HTML): each presented
    /// slide with its time, verdict, highlighted rows and note.
    Script,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Marp,
        Format::Pptx,
        Format::Script,
    ];

    /// The formats whose export is text (UTF-8): every one but PPTX, a
    /// zip of XML parts.
    pub const TEXT: [Format; 4] = [Format::Markdown, Format::Html, Format::Marp, Format::Script];

    /// The name shown in menus and dialogs.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML (printable)",
            Self::Marp => "Slide deck (Marp)",
            Self::Pptx => "PowerPoint (.pptx)",
            Self::Script => "Speaker script (HTML)",
        }
    }

    /// The file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown | Self::Marp => "md",
            Self::Html | Self::Script => "html",
            Self::Pptx => "pptx",
        }
    }

    /// What goes between the file stem and the extension, so that a deck
    /// and a Markdown export (or a script and an HTML export) of the same
    /// comparison do not collide.
    #[must_use]
    pub fn file_stem_suffix(self) -> &'static str {
        match self {
            Self::Markdown | Self::Html | Self::Pptx => "",
            Self::Marp => ".slides",
            Self::Script => ".script",
        }
    }

    /// The format named `name` on the command line: `markdown` or `md`,
    /// `html`, `marp`, `pptx` or `powerpoint`, `script` (ASCII case is
    /// ignored).
    #[must_use]
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "markdown" | "md" => Some(Self::Markdown),
            "html" => Some(Self::Html),
            "marp" => Some(Self::Marp),
            "pptx" | "powerpoint" => Some(Self::Pptx),
            "script" => Some(Self::Script),
            _ => None,
        }
    }
}

/// What an export includes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each is one independent choice in the dialog and on the command line"
)]
pub struct ExportOptions {
    /// Only the starred dimensions.
    pub starred_only: bool,
    /// The subjects shown as columns, in order, as indices into
    /// `comparison.subjects`. Empty means every subject; an index past the
    /// end or given twice is left out.
    pub subjects: Vec<usize>,
    /// The per-subject summary paragraphs of each dimension.
    pub include_summaries: bool,
    /// The presenter's private marks (★ before a starred dimension's
    /// title). Off by default: exports are for an audience.
    pub show_stars: bool,
    /// The audience version: nothing private to the presenter appears
    /// (no overall or dimension note, no speaker notes, no stars, no
    /// budgets or rehearsal times, and the verdicts only when
    /// `include_verdicts` asks for them). The content and the highlighted
    /// rows stay: they are what the audience is shown. The speaker script
    /// has no audience version (see [`Refusal::AudienceScript`]).
    pub audience: bool,
    /// In the audience version, the verdicts ("Where each wins" and each
    /// dimension's better fit): the speaker's own judgement, so left out
    /// unless asked for. The presenter's own exports always have them.
    pub include_verdicts: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            starred_only: false,
            subjects: Vec::new(),
            include_summaries: true,
            show_stars: false,
            audience: false,
            include_verdicts: false,
        }
    }
}

impl ExportOptions {
    /// Whether the presenter's notes (overall, per dimension, speaker
    /// notes) are written: not in the audience version.
    #[must_use]
    pub fn shows_notes(&self) -> bool {
        !self.audience
    }

    /// Whether a starred dimension's title gets its ★: only when asked
    /// for, and never in the audience version.
    #[must_use]
    pub fn shows_stars(&self) -> bool {
        self.show_stars && !self.audience
    }

    /// Whether the verdicts are written: always in the presenter's own
    /// exports, in the audience version only when asked for.
    #[must_use]
    pub fn shows_verdicts(&self) -> bool {
        !self.audience || self.include_verdicts
    }

    /// The first choice that would do nothing in `format`, if any: an
    /// option never silently does nothing, so the command line refuses it
    /// and the dialog does not offer it.
    #[must_use]
    pub fn refusal(&self, format: Format) -> Option<Refusal> {
        if self.audience && format == Format::Script {
            Some(Refusal::AudienceScript)
        } else if self.audience && self.show_stars {
            Some(Refusal::StarsInAudience)
        } else if self.include_verdicts && !self.audience {
            Some(Refusal::VerdictsWithoutAudience)
        } else {
            None
        }
    }
}

/// A combination of choices that would do nothing, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The speaker script has no audience version.
    #[error(
        "the speaker script is yours alone: it always holds your notes, so it has no audience version"
    )]
    AudienceScript,
    /// The audience version never shows the stars.
    #[error("the audience version never shows your stars")]
    StarsInAudience,
    /// The verdicts are a choice of the audience version only.
    #[error(
        "your own exports always hold your verdicts; leaving them in or out is a choice of the audience version"
    )]
    VerdictsWithoutAudience,
}

impl Refusal {
    /// The two command-line flags that cannot go together.
    #[must_use]
    pub fn flags(self) -> [&'static str; 2] {
        match self {
            Self::AudienceScript => ["--audience", "--format script"],
            Self::StarsInAudience => ["--stars", "--audience"],
            Self::VerdictsWithoutAudience => ["--verdicts", "--audience"],
        }
    }
}
