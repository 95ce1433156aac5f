//! The exporters on comparisons built directly from structured input
//! (`arbitrary`): hostile text made of raw strings and fragments known to
//! start Markdown, HTML, Marp or URL structure, in every field and note.
//!
//! Checks: no panic; every export keeps its format's invariants
//! (`versus_fuzz`) and is the same twice; the PowerPoint deck is a zip
//! whose every part is well-formed XML, with no notes page in the audience
//! version; a comparison written as RON that loads gives the same
//! comparison back; notes survive a save.

#![no_main]

use std::io::Read as _;
use std::path::Path;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use versus::export::{ExportOptions, Format, export};
use versus::model::{self, Comparison, Dimension, Point, SideMap, Subject};
use versus::notes::Notes;
use versus_fuzz::check_exports;

/// Fragments that start structure in one of the formats, or try to.
const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<ScRiPt>",
    "<img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:x",
    "https://x.org/",
    "http://x.org/a?b=1&c=2",
    "mailto:a@b.org",
    "[link](",
    "[link](javascript:alert(1))",
    "[link](https://x.org/\"onclick=\"alert(1))",
    "[link]( https://x.org )",
    "[ref][r]",
    "[r]: javascript:alert(1)",
    "![img](https://x.org/i.png)",
    "<https://x.org>",
    "<mailto:a@b.org>",
    "](",
    ")",
    "[",
    "]",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "~~",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    "    ",
    "---",
    "***",
    "___",
    "- - -",
    "===",
    "```",
    "~~~",
    "<!--",
    "-->",
    "--!>",
    "-",
    "#",
    "# ",
    "###### ",
    ">",
    "> ",
    "|",
    "\\|",
    "\\",
    "- ",
    "+ ",
    "1. ",
    "1) ",
    "&",
    "&lt;",
    "&#60;",
    "&#x3C;script&#x3E;",
    "\"",
    "'",
    "<",
    "</",
    "</section>",
    "</table>",
    "<br>",
    "<style>",
    "</style>",
    "<!doctype html>",
    "marp: true",
    "theme: gaia",
    "<!-- _class: lead -->",
    ":",
    "$",
    "{",
    "}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{202e}",
    "\u{200b}",
    "é",
    "你好。",
    ". ",
    "! ",
    "a",
    " ",
    "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a",
];

/// Text: raw strings and fragments, joined.
#[derive(Debug, Arbitrary)]
struct Text(Vec<Piece>);

#[derive(Debug, Arbitrary)]
enum Piece {
    Raw(String),
    Fragment(u8),
}

impl Text {
    fn render(&self) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Raw(s) => out.push_str(s),
                Piece::Fragment(i) => {
                    out.push_str(FRAGMENTS[usize::from(*i) % FRAGMENTS.len()]);
                }
            }
        }
        out
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    title: Text,
    intro: Text,
    conclusion: Text,
    sources: Vec<Text>,
    subjects: Vec<SubjectInput>,
    dimensions: Vec<DimensionInput>,
    overall: Text,
    starred_only: bool,
    left: u8,
    right: u8,
    include_summaries: bool,
}

#[derive(Debug, Arbitrary)]
struct SubjectInput {
    /// Most ids are plain (`s0`, `s1`…), as validation wants; some are
    /// hostile.
    id: Option<Text>,
    name: Text,
    short: Text,
}

#[derive(Debug, Arbitrary)]
struct DimensionInput {
    title: Text,
    /// Index of the subject (past the end: a key no subject has).
    summary: Vec<(u8, Text)>,
    points: Vec<PointInput>,
    common: Vec<Text>,
    note: Option<NoteInput>,
}

#[derive(Debug, Arbitrary)]
struct PointInput {
    aspect: Text,
    sides: Vec<(u8, Text)>,
}

#[derive(Debug, Arbitrary)]
struct NoteInput {
    text: Text,
    starred: bool,
    /// Indices of the points highlighted.
    highlights: Vec<u8>,
}

/// A side map keyed by subject index, each key once.
fn side_map(entries: &[(u8, Text)], ids: &[String]) -> SideMap {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, text) in entries {
        let key = ids
            .get(usize::from(*i))
            .cloned()
            .unwrap_or_else(|| format!("unknown{i}"));
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, text.render()));
        }
    }
    SideMap(out)
}

fn build(input: &Input) -> (Comparison, Notes, ExportOptions) {
    let subjects: Vec<Subject> = input
        .subjects
        .iter()
        .enumerate()
        .map(|(i, s)| Subject {
            id: s.id.as_ref().map_or_else(|| format!("s{i}"), Text::render),
            name: s.name.render(),
            short: s.short.render(),
        })
        .collect();
    let ids: Vec<String> = subjects.iter().map(|s| s.id.clone()).collect();
    let mut notes = Notes::for_comparison(&input.title.render());
    notes.overall = input.overall.render();
    let mut dimensions = Vec::new();
    for (i, d) in input.dimensions.iter().enumerate() {
        let id = format!("d{i}");
        let mut points: Vec<Point> = Vec::new();
        for p in &d.points {
            let aspect = p.aspect.render();
            if points.iter().all(|seen| seen.aspect != aspect) {
                points.push(Point {
                    aspect,
                    sides: side_map(&p.sides, &ids),
                });
            }
        }
        if let Some(note) = &d.note {
            let entry = notes.entry(&id);
            entry.text = note.text.render();
            entry.starred = note.starred;
            for h in &note.highlights {
                if let Some(p) = points.get(usize::from(*h)) {
                    entry.highlights.push(p.aspect.clone());
                }
            }
            entry.highlights.sort();
            entry.highlights.dedup();
        }
        dimensions.push(Dimension {
            id,
            title: d.title.render(),
            summary: side_map(&d.summary, &ids),
            points,
            common: d.common.iter().map(Text::render).collect(),
        });
    }
    let c = Comparison {
        title: input.title.render(),
        intro: input.intro.render(),
        subjects,
        dimensions,
        conclusion: input.conclusion.render(),
        sources: input.sources.iter().map(Text::render).collect(),
    };
    let options = ExportOptions {
        starred_only: input.starred_only,
        subjects: vec![usize::from(input.left), usize::from(input.right)],
        include_summaries: input.include_summaries,
        show_stars: input.starred_only,
        // Half the inputs: the audience version, which must never show a
        // note (checked in `check_exports`).
        audience: input.include_summaries != input.starred_only,
        // Some of those: the audience version with the verdicts.
        include_verdicts: input.include_summaries
            && !input.starred_only
            && input.left < input.right,
    };
    (c, notes, options)
}

/// The PPTX export: a zip of well-formed XML parts (every element closed,
/// one root each), with a presentation, and no notes page in the audience
/// version.
fn check_pptx(deck: &[u8], options: &ExportOptions) {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).expect("pptx: not a zip");
    assert!(
        zip.by_name("ppt/presentation.xml").is_ok(),
        "pptx: no presentation part"
    );
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("pptx: unreadable part");
        let name = file.name().expect("pptx: a part name").into_owned();
        assert!(
            !(options.audience && name.contains("notes")),
            "pptx: {name} in the audience version"
        );
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("pptx: {name} is not UTF-8: {e}"));
        let mut reader = quick_xml::Reader::from_str(&text);
        let (mut depth, mut roots) = (0_usize, 0_usize);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(_)) => {
                    roots += usize::from(depth == 0);
                    depth += 1;
                }
                Ok(Event::Empty(_)) => roots += usize::from(depth == 0),
                Ok(Event::End(_)) => depth -= 1,
                Ok(_) => {}
                Err(e) => panic!(
                    "pptx: {name} is not well-formed at {}: {e}",
                    reader.buffer_position()
                ),
            }
        }
        assert_eq!((depth, roots), (0, 1), "pptx: {name} is not one element");
    }
}

fuzz_target!(|input: Input| {
    let (c, notes, options) = build(&input);
    check_exports(&c, &notes, &options);
    check_pptx(&export(Format::Pptx, &c, &notes, &options), &options);
    // Reproducible: one format (by the input) exported a second time.
    let format = Format::ALL[usize::from(input.right) % Format::ALL.len()];
    assert_eq!(
        export(format, &c, &notes, &options),
        export(format, &c, &notes, &options),
        "{} export differs between two runs",
        format.label()
    );
    // Written as a file and loaded again, a comparison that validates is
    // the same comparison.
    if let Ok(text) = ron::to_string(&c)
        && let Ok(loaded) = model::parse(text.as_bytes(), Path::new("fuzz.ron"))
    {
        assert_eq!(
            loaded.comparison, c,
            "a comparison changed through RON:\n{text}"
        );
    }
    let mut pruned = notes.clone();
    pruned.prune();
    let saved = notes.to_ron();
    match Notes::from_ron(saved.as_bytes(), Path::new("fuzz.notes.ron")) {
        Ok(again) => assert_eq!(again, pruned, "notes changed through a save:\n{saved}"),
        Err(e) => panic!("saved notes do not load again: {e}\n{saved}"),
    }
});
