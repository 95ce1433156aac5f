//! The exports: text snapshots of each, then checks with real parsers
//! (pulldown-cmark with GFM tables for Markdown and Marp, html5ever
//! through scraper for HTML and the speaker script) and with the real Marp
//! CLI, on the built-in comparison (with notes, with the talk's verdicts,
//! in the audience version) and on a hostile one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly"
)]

#[path = "common/generated.rs"]
mod generated;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{Html, Selector};
use versus::export::{ExportOptions, Format, selected_dimensions};
use versus::model::{Comparison, Dimension, Point, SideMap, Subject, plain_text};
use versus::notes::{Notes, Rehearsal, Verdict};
use versus::talk::plan::presented;
use versus::talk::verdicts::verdict_of;

/// The export in a text format, as text.
fn export(format: Format, c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    versus::export::export_text(format, c, notes, options).expect("a text format")
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";

/// Whether inline Markdown shows any text.
fn visible(text: &str) -> bool {
    !plain_text(text).trim().is_empty()
}

/// One export input.
struct Case {
    name: &'static str,
    comparison: Comparison,
    notes: Notes,
    options: ExportOptions,
}

impl Case {
    fn export(&self, format: Format) -> String {
        export(format, &self.comparison, &self.notes, &self.options)
    }

    fn dimensions(&self) -> Vec<&Dimension> {
        selected_dimensions(&self.comparison, &self.notes, &self.options)
    }

    /// Exported dimensions that have points (each gets a table).
    fn tables(&self) -> usize {
        self.dimensions()
            .iter()
            .filter(|d| !d.points.is_empty())
            .count()
    }

    /// Exported dimensions whose note shows something (a blockquote or
    /// note block); none in the audience version.
    fn dimension_notes(&self) -> usize {
        if self.options.audience {
            return 0;
        }
        self.dimensions()
            .iter()
            .filter(|d| visible(self.notes.text(&d.id)))
            .count()
    }

    /// Whether the overall note shows something (not in the audience
    /// version).
    fn has_framing(&self) -> bool {
        !self.options.audience && visible(&self.notes.overall)
    }

    /// Speaker-note comments in the deck: every non-blank note, as written;
    /// none in the audience version.
    fn speaker_notes(&self) -> usize {
        if self.options.audience {
            return 0;
        }
        usize::from(!self.notes.overall.trim().is_empty())
            + self
                .dimensions()
                .iter()
                .filter(|d| self.notes.has_text(&d.id))
                .count()
    }

    /// Exported dimensions with a verdict (a row each in "Where each
    /// wins", and a "Better fit" line in their own section); none in the
    /// audience version unless it asks for the verdicts.
    fn verdict_rows(&self) -> Vec<&Dimension> {
        if !self.options.shows_verdicts() {
            return Vec::new();
        }
        let c = &self.comparison;
        self.dimensions()
            .into_iter()
            .filter(|d| {
                let i = c.dimensions.iter().position(|x| x.id == d.id).unwrap();
                verdict_of(c, &self.notes, i).is_some()
            })
            .collect()
    }

    /// Whether the export has a "Where each wins" section (or slide).
    fn has_verdicts(&self) -> bool {
        !self.verdict_rows().is_empty()
    }

    fn has_conclusion(&self) -> bool {
        visible(&self.comparison.conclusion)
    }

    fn has_sources(&self) -> bool {
        self.comparison.sources.iter().any(|s| visible(s))
    }

    /// Title slide, one per dimension, where each wins, conclusion.
    fn slides(&self) -> usize {
        1 + self.dimensions().len()
            + usize::from(self.has_verdicts())
            + usize::from(self.has_conclusion())
    }
}

fn sample_notes(c: &Comparison) -> Notes {
    let mut notes = Notes::for_comparison(&c.title);
    notes.overall.push_str(
        "Frame the talk around *who owns what*: one project against the whole organization.\n\n\
         Keep it under twenty minutes.",
    );
    notes
        .text_mut("scope")
        .push_str("Open with this: the **breadth** difference explains most of the others.");
    notes.toggle_star("scope");
    notes.toggle_highlight("scope", "Breadth of scope");
    notes.toggle_highlight("scope", "Who benefits");
    notes
        .text_mut("risk")
        .push_str("Ask who has lived through `scope creep`.\nThen show the security side.");
    notes.toggle_star("risk");
    notes.toggle_highlight("risk", "Typical risks");
    notes.text_mut("careers").push_str(
        "Mention the [PMI](https://www.pmi.org) and ask which certifications people hold.",
    );
    notes.toggle_highlight("team", "Typical members");
    notes
}

fn sides(pairs: &[(&str, &str)]) -> SideMap {
    SideMap(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

fn point(aspect: &str, pairs: &[(&str, &str)]) -> Point {
    Point {
        aspect: aspect.to_owned(),
        sides: sides(pairs),
    }
}

/// Dimensions whose every string tries to break out of its place.
#[expect(clippy::too_many_lines, reason = "one fixture, read top to bottom")]
fn hostile_dimensions() -> Vec<Dimension> {
    vec![
        Dimension {
            id: "tags".to_owned(),
            title: format!("{IMG} # Tags & <b>bold</b> ###"),
            summary: sides(&[
                (
                    "a",
                    "Alpha says `<code>` and **bold** then --- and\n---\nnext line",
                ),
                (
                    "c",
                    "مرحبا بالعالم. 你好，世界。 नमस्ते दुनिया। 🚀🎉👩\u{200d}💻",
                ),
            ]),
            points: vec![
                point("a|b", &[("a", SCRIPT), ("b", "bravo"), ("c", IMG)]),
                point(
                    "Pipes",
                    &[
                        ("a", "x | y | z \\| w"),
                        ("c", "`code | with | pipes` and ``` fence ```"),
                    ],
                ),
                point("Missing", &[("a", "only alpha")]),
                point(
                    "Markers",
                    &[
                        ("a", "*star* _under_ **strong** __dunder__ \\* \\_ $x$"),
                        ("c", "# heading\n> quote\n---\n- item\n1. one\n+ plus\n==="),
                    ],
                ),
            ],
            common: vec![
                "# not a heading".to_owned(),
                "\\- not a nested item".to_owned(),
                "1\\. not a list".to_owned(),
                "--> and <!-- comment".to_owned(),
                SCRIPT.to_owned(),
            ],
        },
        Dimension {
            id: "blocks".to_owned(),
            title: "> quote title".to_owned(),
            summary: sides(&[
                ("a", "\\> quote summary"),
                ("c", "| table | summary |\n|---|---|\n| x | y |"),
            ]),
            points: vec![
                point(
                    "---",
                    &[("a", "line one\n---\nline two"), ("c", "***\n___\n- - -")],
                ),
                point("-->", &[("a", "-->"), ("c", "<!-- not a comment -->")]),
                point(
                    "Scripts",
                    &[
                        ("a", "العربية: مقارنة بين شيئين"),
                        ("c", "中文：比较两件事 · हिन्दी: दो चीज़ों की तुलना · 😀👍🏽"),
                    ],
                ),
            ],
            common: Vec::new(),
        },
        Dimension {
            id: "links".to_owned(),
            title: "Links [x](javascript:alert(1))".to_owned(),
            summary: SideMap::default(),
            points: vec![
                point(
                    "Links",
                    &[
                        (
                            "a",
                            "[click](javascript:alert(1)) and \
                         [site](https://example.org/path?q=1&r=<2>|`x`)",
                        ),
                        (
                            "c",
                            "<https://example.org/auto> and <javascript:alert(1)> and \
                         [mail](mailto:someone@example.org) and [data](data:text/html,x)",
                        ),
                    ],
                ),
                point(
                    "Entities",
                    &[
                        ("a", "&lt;script&gt; &amp;amp; &#60; AT&T"),
                        ("c", "\\<b>escaped\\</b> and `` ` `` backtick"),
                    ],
                ),
            ],
            common: Vec::new(),
        },
        Dimension {
            id: "empty".to_owned(),
            title: "No points".to_owned(),
            summary: sides(&[("c", "Only a summary; no table here.")]),
            points: Vec::new(),
            common: Vec::new(),
        },
    ]
}

/// Three subjects, exported as [c, a]; every string tries to break out.
fn hostile() -> Case {
    let comparison = Comparison {
        title: format!("Versus {SCRIPT} | pipes & \"quotes\" 'single' --> ##"),
        intro: format!(
            "Intro with <b>bold tag</b> and {IMG}\n---\n# heading\n> quote\n- item\n1. one\n\
             ```\nfenced\n```\n| a | b |\n|---|---|\n| c | d |\n\n<div onclick=\"x\">div</div>"
        ),
        subjects: vec![
            Subject {
                id: "a".to_owned(),
                name: "Alpha | *α* `a`".to_owned(),
                short: "A".to_owned(),
            },
            Subject {
                id: "b".to_owned(),
                name: "Bravo".to_owned(),
                short: String::new(),
            },
            Subject {
                id: "c".to_owned(),
                name: format!("Çharlie {IMG} مقارنة"),
                short: "C|".to_owned(),
            },
        ],
        dimensions: hostile_dimensions(),
        conclusion: format!("Conclusion {SCRIPT}\n---\n`-->` and *done*"),
        sources: vec![
            "[evil](javascript:alert(1))".to_owned(),
            "[Example](https://example.org/a?b=1&c=2)".to_owned(),
            SCRIPT.to_owned(),
        ],
    };
    let mut notes = Notes::for_comparison(&comparison.title);
    notes.overall = format!("--> overall\n<!-- nested -->\n---\ntheme: gaia\n{SCRIPT}\n```\nfence");
    notes.entry("tags").text = format!(
        "Note --> with {IMG} and [js](javascript:alert(1)) and [ok](https://example.org)\n\
         ---\n# heading\n_class: invert"
    );
    notes.toggle_star("tags");
    notes.toggle_highlight("tags", "a|b");
    notes.toggle_highlight("tags", "Markers");
    notes
        .text_mut("blocks")
        .push_str("backgroundColor: black\n--->\n***\n--!>");
    notes.toggle_highlight("blocks", "---");
    notes
        .text_mut("links")
        .push_str("🚀 मेरा नोट — ملاحظة — 笔记 `code -->`");
    notes.toggle_star("links");
    notes.toggle_highlight("links", "Links");
    notes
        .text_mut("gone")
        .push_str("A note on a dimension that no longer exists.");
    Case {
        name: "hostile",
        comparison,
        notes,
        options: ExportOptions {
            subjects: vec![2, 0],
            ..ExportOptions::default()
        },
    }
}

/// Sets the verdict and weight of dimension `id`.
fn decide(notes: &mut Notes, id: &str, subject: Option<&str>, weight: u8) {
    let n = notes.entry(id);
    n.verdict = Some(subject.map_or(Verdict::Even, |s| Verdict::Subject(s.to_owned())));
    n.weight = Some(weight);
}

/// The sample notes with a talk: a length, a budget set by hand, a
/// rehearsal and verdicts on eight dimensions (one of weight 0).
fn talk_notes(c: &Comparison) -> Notes {
    let mut notes = sample_notes(c);
    notes.talk.minutes = 20;
    notes.talk.weighted = true;
    decide(&mut notes, "responsibilities", Some("tm"), 2);
    decide(&mut notes, "scope", Some("tm"), 3);
    decide(&mut notes, "focus", Some("pm"), 2);
    decide(&mut notes, "skills", None, 1);
    decide(&mut notes, "team", Some("tm"), 1);
    decide(&mut notes, "time-horizon", Some("pm"), 3);
    decide(&mut notes, "risk", Some("pm"), 2);
    decide(&mut notes, "careers", Some("tm"), 0);
    notes.entry("scope").budget = Some(300);
    notes.talk.record(Rehearsal {
        date: "2026-11-08 10:00".to_owned(),
        title: 25,
        seconds: [("scope".to_owned(), 320), ("risk".to_owned(), 410)].into(),
    });
    notes
}

fn cases() -> Vec<Case> {
    let c = Comparison::built_in();
    let notes = sample_notes(&c);
    let talk = talk_notes(&c);
    vec![
        Case {
            name: "built_in",
            comparison: c.clone(),
            notes: notes.clone(),
            options: ExportOptions::default(),
        },
        Case {
            name: "built_in_starred",
            comparison: c.clone(),
            notes,
            options: ExportOptions {
                starred_only: true,
                ..ExportOptions::default()
            },
        },
        hostile(),
        Case {
            name: "built_in_verdicts",
            comparison: c.clone(),
            notes: talk.clone(),
            options: ExportOptions::default(),
        },
        Case {
            name: "built_in_audience",
            comparison: c.clone(),
            notes: talk.clone(),
            options: ExportOptions {
                // The audience version wins over the stars (the command
                // line and the dialog refuse the pair; the writers never
                // show a star there anyway).
                show_stars: true,
                audience: true,
                ..ExportOptions::default()
            },
        },
        Case {
            name: "built_in_audience_verdicts",
            comparison: c,
            notes: talk,
            options: ExportOptions {
                audience: true,
                include_verdicts: true,
                ..ExportOptions::default()
            },
        },
    ]
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Marp => "marp",
        Format::Pptx => "pptx",
        Format::Script => "script",
    }
}

/// The formats for an audience (the script is the presenter's alone).
const PUBLIC: [Format; 3] = [Format::Markdown, Format::Html, Format::Marp];

#[test]
fn snapshots() {
    for case in cases() {
        for format in PUBLIC {
            let text = case.export(format);
            insta::assert_snapshot!(format!("{}_{}", format_name(format), case.name), text);
        }
    }
    // The script: one snapshot, of the talk (its starred dimensions) with
    // its plan, rehearsal, verdicts and summaries.
    let c = Comparison::built_in();
    let script = export(
        Format::Script,
        &c,
        &talk_notes(&c),
        &ExportOptions {
            starred_only: true,
            ..ExportOptions::default()
        },
    );
    insta::assert_snapshot!("script_built_in_talk", script);
}

#[test]
fn every_export_is_deterministic_and_ends_with_one_newline() {
    for case in cases() {
        for format in Format::TEXT {
            let text = case.export(format);
            assert_eq!(text, case.export(format), "{} {format:?}", case.name);
            assert!(!text.contains('\r'), "{} {format:?}", case.name);
            assert!(
                text.ends_with('\n') && !text.ends_with("\n\n"),
                "{} {format:?}",
                case.name
            );
        }
    }
}

#[test]
fn starred_only_selects_the_starred_dimensions() {
    let mut first = cases();
    first.truncate(3);
    let [all, starred, hostile] = <[Case; 3]>::try_from(first).ok().unwrap();
    let ids =
        |case: &Case| -> Vec<String> { case.dimensions().iter().map(|d| d.id.clone()).collect() };
    assert_eq!(ids(&all).len(), all.comparison.dimensions.len());
    assert_eq!(ids(&starred), ["scope", "risk"]);
    assert_eq!(ids(&hostile), ["tags", "blocks", "links", "empty"]);
}

/// Everything a Markdown parse tells about the document's structure.
#[derive(Debug, Default)]
struct Structure {
    headings: usize,
    h1: usize,
    tables: usize,
    /// Columns of each table's header, then cells of each of its rows.
    table_widths: Vec<(usize, Vec<usize>)>,
    /// The text of the first cell of each body row.
    first_cells: Vec<String>,
    lists: usize,
    blockquotes: usize,
    code_blocks: usize,
    rules: usize,
    /// Each HTML block's text.
    html_blocks: Vec<String>,
    inline_html: Vec<String>,
    /// Every link's destination.
    links: Vec<String>,
    /// All text, concatenated.
    text: String,
}

fn markdown_structure(source: &str, front_matter: bool) -> Structure {
    let mut options = Options::ENABLE_TABLES;
    if front_matter {
        options |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    }
    let mut s = Structure::default();
    let mut in_html_block = false;
    let mut in_metadata = false;
    let mut in_body_row = false;
    let mut cell_index = 0;
    let mut cell_text = String::new();
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                s.headings += 1;
                if level == pulldown_cmark::HeadingLevel::H1 {
                    s.h1 += 1;
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                s.tables += 1;
                s.table_widths.push((alignments.len(), Vec::new()));
            }
            Event::Start(Tag::TableHead) => cell_index = 0,
            Event::Start(Tag::TableRow) => {
                in_body_row = true;
                cell_index = 0;
            }
            Event::End(TagEnd::TableRow) => {
                in_body_row = false;
                if let Some((_, rows)) = s.table_widths.last_mut() {
                    rows.push(cell_index);
                }
            }
            Event::Start(Tag::TableCell) => cell_text.clear(),
            Event::End(TagEnd::TableCell) => {
                if in_body_row && cell_index == 0 {
                    s.first_cells.push(cell_text.clone());
                }
                cell_index += 1;
            }
            Event::Start(Tag::List(_)) => s.lists += 1,
            Event::Start(Tag::BlockQuote(_)) => s.blockquotes += 1,
            Event::Start(Tag::CodeBlock(_)) => s.code_blocks += 1,
            Event::Rule => s.rules += 1,
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                s.html_blocks.push(String::new());
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Html(html) => {
                assert!(in_html_block, "HTML outside an HTML block: {html}");
                if let Some(block) = s.html_blocks.last_mut() {
                    block.push_str(&html);
                }
            }
            Event::InlineHtml(html) => s.inline_html.push(html.to_string()),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                s.links.push(dest_url.to_string());
            }
            Event::Text(text) | Event::Code(text) if !in_metadata => {
                s.text.push_str(&text);
                cell_text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => s.text.push(' '),
            _ => {}
        }
    }
    s
}

/// The text each aspect shows in the first column, then each dimension's
/// title in the verdicts table.
fn expected_first_cells(case: &Case) -> Vec<String> {
    let first_cell = |text: &str| {
        let plain = plain_text(text).replace('\n', "");
        if plain.trim().is_empty() {
            "—".to_owned()
        } else {
            plain.trim().to_owned()
        }
    };
    let dimensions = case.dimensions();
    let aspects = dimensions
        .iter()
        .flat_map(|d| &d.points)
        .map(|p| first_cell(&p.aspect));
    let titles = case
        .verdict_rows()
        .into_iter()
        .map(|d| first_cell(&d.title));
    aspects.chain(titles).collect()
}

/// Table rows in the source: every unescaped `|` is a column border, so
/// each row has exactly four.
fn assert_rows_have_four_borders(source: &str, name: &str) {
    let mut in_comment = false;
    for line in source.lines() {
        // Speaker notes are text inside a comment, not table rows.
        match line {
            "<!--" => in_comment = true,
            "-->" => in_comment = false,
            _ => {}
        }
        if in_comment || !line.starts_with('|') {
            continue;
        }
        let mut borders = 0;
        let mut backslashes = 0;
        for ch in line.chars() {
            if ch == '|' && backslashes % 2 == 0 {
                borders += 1;
            }
            backslashes = if ch == '\\' { backslashes + 1 } else { 0 };
        }
        assert_eq!(
            borders, 4,
            "{name}: a row with other than 3 columns: {line}"
        );
    }
}

fn assert_tables_have_three_columns(s: &Structure, case: &Case, exact: bool) {
    assert_eq!(
        s.tables,
        case.tables() + usize::from(case.has_verdicts()),
        "{}: tables",
        case.name
    );
    for (header, rows) in &s.table_widths {
        assert_eq!(*header, 3, "{}: header width", case.name);
        assert!(
            rows.iter().all(|&cells| cells == 3),
            "{}: {rows:?}",
            case.name
        );
    }
    if exact {
        assert_eq!(
            s.first_cells,
            expected_first_cells(case),
            "{}: aspect cells",
            case.name
        );
    } else {
        assert_eq!(
            s.first_cells.len(),
            case.dimensions()
                .iter()
                .map(|d| d.points.len())
                .sum::<usize>()
                + case.verdict_rows().len(),
            "{}: rows",
            case.name
        );
    }
}

#[test]
fn markdown_has_only_the_structure_it_writes() {
    for case in cases() {
        check_markdown(&case, true);
    }
}

/// The Markdown export's structure is exactly what it writes; `exact`
/// also compares lists and the aspect cells' text.
fn check_markdown(case: &Case, exact: bool) {
    let md = case.export(Format::Markdown);
    let s = markdown_structure(&md, false);
    let name = case.name;
    assert_eq!(s.h1, 1, "{name}: one title in {md}");
    let headings = 1
        + usize::from(case.has_framing())
        + case.dimensions().len()
        + usize::from(case.has_verdicts())
        + usize::from(case.has_conclusion())
        + usize::from(case.has_sources());
    assert_eq!(s.headings, headings, "{name}: headings in {md}");
    // Content cannot write `**` (it is escaped): each is a verdict line.
    assert_eq!(
        md.matches("**Better fit:**").count(),
        case.verdict_rows().len(),
        "{name}: verdict lines in {md}"
    );
    assert_tables_have_three_columns(&s, case, exact);
    assert_rows_have_four_borders(&md, name);
    if exact {
        let lists = case
            .dimensions()
            .iter()
            .filter(|d| d.common.iter().any(|c| visible(c)))
            .count()
            + usize::from(case.has_sources());
        assert_eq!(s.lists, lists, "{name}: lists");
    }
    assert_eq!(
        s.blockquotes,
        usize::from(case.has_framing()) + case.dimension_notes(),
        "{name}: blockquotes in {md}"
    );
    assert_eq!(s.code_blocks, 0, "{name}: code blocks in {md}");
    assert_eq!(s.rules, 0, "{name}: rules in {md}");
    assert_safe_links(&s, name);
    assert!(s.html_blocks.is_empty(), "{name}: {:?}", s.html_blocks);
    assert!(
        s.inline_html.iter().all(|h| h == "<br>"),
        "{name}: {:?}",
        s.inline_html
    );
}

#[test]
fn markdown_keeps_hostile_text_as_text() {
    let case = hostile();
    let s = markdown_structure(&case.export(Format::Markdown), false);
    for needle in [
        SCRIPT,
        IMG,
        "a|b",
        "x | y | z | w",
        "code | with | pipes",
        "مرحبا بالعالم",
        "你好，世界",
        "नमस्ते दुनिया",
        "👩\u{200d}💻",
        "<!-- not a comment -->",
        "$x$",
    ] {
        assert!(s.text.contains(needle), "missing {needle:?} in {}", s.text);
    }
    // `javascript:` stays visible as text, never as a link.
    assert!(s.text.contains("javascript:alert(1)"), "{}", s.text);
    assert_safe_links(&s, case.name);
    assert_eq!(
        s.links,
        [
            "https://example.org",
            "https://example.org/auto",
            "mailto:someone@example.org",
            // `<` and `>` are backslash-escaped: the exact address. A `|`,
            // which would split the table cell, and a backtick, which could
            // start a code span, are percent-encoded: the same address.
            "https://example.org/path?q=1&r=<2>%7C%60x%60",
            "https://example.org/a?b=1&c=2",
        ]
    );
}

fn assert_safe_links(s: &Structure, name: &str) {
    for url in &s.links {
        assert!(
            ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| url.starts_with(p)),
            "{name}: link to {url}"
        );
    }
}

/// The deck after its front matter, split into slides.
fn marp_slides(deck: &str) -> Vec<&str> {
    assert!(deck.starts_with("---\nmarp: true\ntheme: default\npaginate: true\n"));
    let end = deck[4..].find("\n---\n\n").expect("the front matter ends") + 4;
    let body = &deck[end + "\n---\n\n".len()..];
    body.split("\n---\n").collect()
}

#[test]
fn marp_deck_has_one_slide_per_dimension_and_closed_comments() {
    for case in cases() {
        check_marp(&case, true);
    }
}

/// The deck has one slide per dimension (plus title and conclusion), its
/// speaker notes are closed comments, and it holds no other structure.
fn check_marp(case: &Case, exact: bool) {
    let deck = case.export(Format::Marp);
    let name = case.name;
    let slides = marp_slides(&deck);
    // One slide per part, and continuation slides where a part does not
    // fit on one (`## Title (cont.)`).
    let firsts = slides
        .iter()
        .filter(|slide| {
            let heading = slide.lines().find(|l| !l.trim().is_empty());
            !heading.unwrap_or("").ends_with("(cont.)")
        })
        .count();
    assert_eq!(firsts, case.slides(), "{name}: slides in {deck}");
    for slide in &slides {
        // Every comment that opens a line is closed by exactly one `-->`,
        // on the same slide. (A `<!--` inside a code span is text, and
        // content cannot otherwise write `<`.)
        let mut open = false;
        for line in slide.lines() {
            if open {
                if line == "-->" {
                    open = false;
                } else {
                    assert!(!line.contains("-->"), "{name}: {slide}");
                    assert!(!line.contains("<!--"), "{name}: {slide}");
                }
            } else if line.starts_with("<!--") {
                assert_eq!(line, "<!--", "{name}: {slide}");
                open = true;
            }
        }
        assert!(!open, "{name}: unclosed comment in {slide}");
    }

    let s = markdown_structure(&deck, true);
    assert_eq!(s.rules, slides.len() - 1, "{name}: separators in {deck}");
    assert_eq!(
        s.headings,
        slides.len(),
        "{name}: a heading a slide in {deck}"
    );
    // A long table continues on the next slide under its header again:
    // at least one table a dimension with points, three columns each, and
    // every aspect once, in order.
    assert!(
        s.tables >= case.tables() + usize::from(case.has_verdicts()),
        "{name}: tables"
    );
    for (header, rows) in &s.table_widths {
        assert_eq!(*header, 3, "{name}: header width");
        assert!(rows.iter().all(|&cells| cells == 3), "{name}: {rows:?}");
    }
    if exact {
        let aspects: Vec<String> = s
            .first_cells
            .iter()
            .filter(|cell| !cell.is_empty())
            .cloned()
            .collect();
        assert_eq!(aspects, expected_first_cells(case), "{name}: aspect cells");
    }
    assert_rows_have_four_borders(&deck, name);
    assert_eq!(s.code_blocks, 0, "{name}: code blocks in {deck}");
    assert_eq!(s.blockquotes, 0, "{name}: blockquotes in {deck}");
    assert_safe_links(&s, name);
    assert_eq!(
        s.html_blocks.len(),
        case.speaker_notes(),
        "{name}: speaker notes in {deck}"
    );
    for block in &s.html_blocks {
        assert!(block.starts_with("<!--\n"), "{name}: {block}");
        assert!(block.ends_with("\n-->\n"), "{name}: {block}");
        assert_eq!(block.matches("-->").count(), 1, "{name}: {block}");
        // A fixed first line without a colon: Marp never reads the note
        // as directives.
        let label = block.lines().nth(1).unwrap();
        assert!(["Framing", "Presenter note"].contains(&label), "{label}");
    }
    assert!(
        s.inline_html.iter().all(|h| h == "<br>"),
        "{name}: {:?}",
        s.inline_html
    );
}

fn select(doc: &Html, selector: &str) -> usize {
    doc.select(&Selector::parse(selector).unwrap()).count()
}

#[test]
fn html_is_one_safe_self_contained_page() {
    for case in cases() {
        check_html(&case);
    }
}

/// The page is one safe, self-contained document with a table per
/// dimension with points.
fn check_html(case: &Case) {
    let html = case.export(Format::Html);
    let name = case.name;
    assert!(html.starts_with("<!doctype html>\n"), "{name}");
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "script"), 0, "{name}: script");
    assert_eq!(select(&doc, "title"), 1, "{name}: title");
    assert_eq!(select(&doc, "html[lang]"), 1, "{name}: lang");
    assert_eq!(select(&doc, "meta[charset]"), 1, "{name}: charset");
    assert_eq!(select(&doc, "style"), 1, "{name}: style");
    for external in ["link", "img", "iframe", "object", "embed", "base", "form"] {
        assert_eq!(select(&doc, external), 0, "{name}: {external}");
    }
    for element in doc.select(&Selector::parse("*").unwrap()) {
        for (attr, value) in element.value().attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{name}: {attr} on {}",
                element.value().name()
            );
            assert!(attr != "style", "{name}: inline style");
            // Links are checked below: they start with a safe scheme.
            assert!(
                attr == "href" || !value.to_ascii_lowercase().contains("javascript:"),
                "{name}: {attr}={value}"
            );
        }
    }
    for a in doc.select(&Selector::parse("a[href]").unwrap()) {
        let href = a.value().attr("href").unwrap();
        assert!(
            ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| href.starts_with(p)),
            "{name}: href {href}"
        );
    }
    let tables = case.tables() + usize::from(case.has_verdicts());
    assert_eq!(select(&doc, "table"), tables, "{name}: tables");
    assert_eq!(
        select(&doc, "thead th[scope=col]"),
        3 * tables,
        "{name}: column headers"
    );
    // Each point is a row, and so is each verdict in "Where each wins".
    let verdicts = case.verdict_rows().len();
    assert_eq!(
        select(&doc, "section.verdicts tbody tr"),
        verdicts,
        "{name}"
    );
    assert_eq!(select(&doc, "section.dimension p.fit"), verdicts, "{name}");
    let points: usize = case
        .dimensions()
        .iter()
        .map(|d| d.points.len())
        .sum::<usize>()
        + verdicts;
    assert_eq!(
        select(&doc, "tbody th[scope=row]"),
        points,
        "{name}: row headers"
    );
    assert_eq!(
        select(&doc, "tbody tr > *"),
        3 * points,
        "{name}: three cells a row"
    );
    let highlighted: usize = case
        .dimensions()
        .iter()
        .flat_map(|d| d.points.iter().map(move |p| (d, p)))
        .filter(|(d, p)| case.notes.is_highlighted(&d.id, &p.aspect))
        .count();
    assert_eq!(select(&doc, "tr.highlight"), highlighted, "{name}");
    let starred = case
        .dimensions()
        .iter()
        .filter(|d| {
            case.options.show_stars && !case.options.audience && case.notes.is_starred(&d.id)
        })
        .count();
    // The ★ is the presenter's private mark: only when asked for.
    assert_eq!(select(&doc, "section.dimension.starred"), starred, "{name}");
    assert_eq!(
        select(&doc, "section.dimension"),
        case.dimensions().len(),
        "{name}"
    );
    assert_eq!(
        select(&doc, "aside.note"),
        usize::from(case.has_framing()) + case.dimension_notes(),
        "{name}: notes"
    );
    assert!(html.contains("break-inside: avoid"), "{name}: print rules");
}

#[test]
fn the_speaker_script_is_one_safe_printable_page() {
    for case in cases() {
        check_script(&case);
    }
}

/// The speaker script is one safe, self-contained page with a section per
/// presented dimension, each with its timing, its highlighted rows and its
/// note; the audience option changes nothing in it.
fn check_script(case: &Case) {
    let html = case.export(Format::Script);
    let name = case.name;
    let private = export(
        Format::Script,
        &case.comparison,
        &case.notes,
        &ExportOptions {
            audience: false,
            ..case.options.clone()
        },
    );
    assert_eq!(
        html, private,
        "{name}: the script is always the presenter's"
    );
    assert!(html.starts_with("<!doctype html>\n"), "{name}");
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "script"), 0, "{name}: script");
    assert_eq!(select(&doc, "title"), 1, "{name}: title");
    assert_eq!(select(&doc, "style"), 1, "{name}: style");
    for external in ["link", "img", "iframe", "object", "embed", "base", "form"] {
        assert_eq!(select(&doc, external), 0, "{name}: {external}");
    }
    for element in doc.select(&Selector::parse("*").unwrap()) {
        for (attr, value) in element.value().attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{name}: {attr}"
            );
            assert!(attr != "style", "{name}: inline style");
            assert!(
                attr == "href" || !value.to_ascii_lowercase().contains("javascript:"),
                "{name}: {attr}={value}"
            );
        }
    }
    for a in doc.select(&Selector::parse("a[href]").unwrap()) {
        let href = a.value().attr("href").unwrap();
        assert!(
            ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| href.starts_with(p)),
            "{name}: href {href}"
        );
    }
    let c = &case.comparison;
    let shown = presented(c, &case.notes, case.options.starred_only);
    assert_eq!(select(&doc, "section.slide"), shown.len(), "{name}: slides");
    assert_eq!(
        select(&doc, "section.slide div.summary"),
        script_summaries(case, &shown),
        "{name}: summaries"
    );
    assert_eq!(select(&doc, "section.slide h2"), shown.len(), "{name}");
    // Budget, end time, verdict and weight; the rehearsal when there is one.
    let terms = 4 + usize::from(case.notes.talk.last_rehearsal().is_some());
    assert_eq!(
        select(&doc, "section.slide dl.timing dt"),
        terms * shown.len(),
        "{name}: timing"
    );
    let numbers: Vec<String> = doc
        .select(&Selector::parse("section.slide h2 .number").unwrap())
        .map(|n| n.text().collect())
        .collect();
    let expected: Vec<String> = (0..shown.len())
        .map(|k| format!("Slide {}", k + 2))
        .collect();
    assert_eq!(numbers, expected, "{name}: slide numbers");
    let highlighted: usize = shown
        .iter()
        .map(|&i| &c.dimensions[i])
        .flat_map(|d| d.points.iter().map(move |p| (d, p)))
        .filter(|(d, p)| case.notes.is_highlighted(&d.id, &p.aspect))
        .count();
    assert_eq!(
        select(&doc, "table.highlights tbody th[scope=row]"),
        highlighted,
        "{name}: highlighted rows"
    );
    assert_eq!(
        select(&doc, "table.highlights tbody tr > *"),
        3 * highlighted,
        "{name}: the subjects shown"
    );
    let notes = usize::from(visible(&case.notes.overall))
        + shown
            .iter()
            .filter(|&&i| visible(case.notes.text(&c.dimensions[i].id)))
            .count();
    assert_eq!(select(&doc, "aside.note"), notes, "{name}: notes");
    assert!(
        html.contains("section.slide { break-inside: avoid"),
        "{name}: a slide keeps together when printed"
    );
}

/// The summaries the script shows on the slides of `shown`: those of the
/// subjects shown that are not blank, when the options ask for them.
fn script_summaries(case: &Case, shown: &[usize]) -> usize {
    if !case.options.include_summaries {
        return 0;
    }
    let c = &case.comparison;
    let subjects = versus::export::shown_subjects(c, &case.options);
    shown
        .iter()
        .map(|&i| {
            let d = &c.dimensions[i];
            subjects
                .iter()
                .filter(|&&s| {
                    d.summary
                        .get(&c.subjects[s].id)
                        .is_some_and(|t| !t.trim().is_empty())
                })
                .count()
        })
        .sum()
}

#[test]
fn the_script_times_and_judges_each_presented_slide() {
    let c = Comparison::built_in();
    let notes = talk_notes(&c);
    let options = ExportOptions {
        starred_only: true,
        ..ExportOptions::default()
    };
    let html = export(Format::Script, &c, &notes, &options);
    let doc = Html::parse_document(&html);
    let text = |selector: &str| -> Vec<String> {
        doc.select(&Selector::parse(selector).unwrap())
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    // Scope and risk are starred: they are the talk.
    assert_eq!(
        text("section.slide h2"),
        ["Slide 2 Scope", "Slide 3 Risk Management"]
    );
    // 20 minutes: scope's 5:00 by hand, the rest (15:00) proposed for risk.
    assert_eq!(
        text("section.slide dd"),
        [
            "5:00 (set by hand)",
            "5:00",
            "5:20",
            "Technology Management",
            "3 of 3",
            "15:00 (proposed)",
            "20:00",
            "6:50",
            "Project Management",
            "2 of 3",
        ]
    );
    let plan = text("p.plan").concat();
    assert_eq!(plan, "Talk: 20 minutes · Planned: 20:00 of 20:00");
    assert_eq!(
        text("p.rehearsal").concat(),
        "Last rehearsal: 2026-11-08 10:00 (12:35 in all)"
    );
    let wins = text("p.verdicts").concat();
    assert!(
        wins.starts_with("Where each wins: Technology Management ahead on 1 of 2"),
        "{wins}"
    );
    // The notes as the HTML export renders them.
    assert!(
        html.contains("the <strong>breadth</strong> difference"),
        "{html}"
    );
    assert!(html.contains("<em>who owns what</em>"), "{html}");
}

/// The presenter's private words: notes of several lines with Markdown,
/// CJK, comment markers and a link; no word of them is in the content.
const PRIVATE_OVERALL: &str = "Zorblax **quindlewhump** snorkelmoth\n\n\
    > glimmerfax 秘密の段取り --> `snorquist` <!-- hush -->\n\
    - wobbleton [frimbly](https://frimbly.example/zanth)\n\n\
    # hushnote ~~strikewort~~ _emphwort_ --- footer: zeppelwort";
const PRIVATE_SCOPE: &str =
    "Plinkerton *vexil* 机密笔记 --!> quorbly\n1. trundlebax\n```\nfencewort\n```";
const PRIVATE_RISK: &str =
    "Mumblecrust | tablewort | --> 비밀메모 `-->` blarvig\n---\n_backgroundColor: mauvequark";

/// Every word of a private note: the runs of letters and digits (a link's
/// scheme, `https`, is also in the content's sources, so it is no word of
/// the presenter's).
fn private_words() -> Vec<String> {
    [PRIVATE_OVERALL, PRIVATE_SCOPE, PRIVATE_RISK]
        .iter()
        .flat_map(|text| text.split(|ch: char| !ch.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 2 && *word != "https")
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_audience_version_leaves_out_every_private_word() {
    let c = Comparison::built_in();
    let mut notes = talk_notes(&c);
    notes.overall = PRIVATE_OVERALL.to_owned();
    notes.entry("scope").text = PRIVATE_SCOPE.to_owned();
    notes.entry("risk").text = PRIVATE_RISK.to_owned();
    notes.entry("careers").budget = Some(417);
    let words = private_words();
    assert!(words.len() >= 25, "{words:?}");
    for audience in [true, false] {
        let options = ExportOptions {
            show_stars: true,
            audience,
            ..ExportOptions::default()
        };
        for format in PUBLIC {
            let text = export(format, &c, &notes, &options);
            let what = format!("{format:?}, audience: {audience}");
            for word in &words {
                assert_eq!(
                    !text.contains(word.as_str()),
                    audience,
                    "{what}: {word:?} in {text}"
                );
            }
            // The stars and the verdicts follow the notes (the
            // verdicts are the speaker's judgement); the highlighted rows
            // are for the audience too.
            assert_eq!(!text.contains('★'), audience, "{what}: stars");
            assert_eq!(!text.contains("Where each wins"), audience, "{what}");
            if format != Format::Marp {
                assert_eq!(!text.contains("Better fit"), audience, "{what}");
            }
            // Budgets and rehearsals are only ever in the script.
            for private in ["6:57", "5:20", "6:50", "2026-11-08", "set by hand"] {
                assert!(!text.contains(private), "{what}: {private}");
            }
            if format == Format::Marp {
                assert_eq!(!text.contains("<!--"), audience, "{what}: speaker notes");
            }
        }
        let highlighted = export(Format::Html, &c, &notes, &options);
        assert_eq!(highlighted.matches("<tr class=\"highlight\">").count(), 4);
        // The script is private by nature: every word, either way.
        let script = export(Format::Script, &c, &notes, &options);
        for word in &words {
            assert!(script.contains(word.as_str()), "script: {word:?}");
        }
    }
}

#[test]
fn html_keeps_hostile_text_as_text() {
    let case = hostile();
    let doc = Html::parse_document(&case.export(Format::Html));
    let title: String = doc
        .select(&Selector::parse("title").unwrap())
        .flat_map(|t| t.text())
        .collect();
    assert_eq!(
        title,
        format!("Versus {SCRIPT} | pipes & \"quotes\" 'single' --> ##")
    );
    let text: String = doc.root_element().text().collect();
    for needle in [
        SCRIPT,
        IMG,
        "<div onclick=\"x\">div</div>",
        "a|b",
        "code | with | pipes",
        "<!-- not a comment -->",
        "مرحبا بالعالم",
        "你好，世界",
        "नमस्ते दुनिया",
        "👩\u{200d}💻",
        "--> and <!-- comment",
        "<script> &amp; < AT&T",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    let hrefs: Vec<&str> = doc
        .select(&Selector::parse("a[href]").unwrap())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert!(hrefs.contains(&"https://example.org"), "{hrefs:?}");
    assert!(hrefs.contains(&"mailto:someone@example.org"), "{hrefs:?}");
}

/// Short strings made mostly of what means something in Markdown, GFM
/// tables, HTML, HTML comments and Marp.
fn nasty() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([-#>*_`|<>!\\[\\]()&;:=+.~$\\\\/ \n\t0-9aZé你🚀]\
         |<!--|-->|---|```|~~~|    |1\\. |- |> |# |&lt;|&#60;|\\*\\*|__\
         |https://x\\.org|javascript:|<script>|\\[a\\]\\(https://x\\.org\\)\
         |!\\[|\\]\\(|<https://x\\.org>|\r|\x00|\n\n|\n===\n|\\| --- \\||&amp;|&#x3C;\
         |theme: gaia|_class: x|\\*a\\*|e\\.g\\. ){0,14}",
    )
    .unwrap()
}

/// A comparison and notes built from fuzzed strings: every string lands
/// in a title, a name, an aspect, a cell, a summary, a list item, a note.
fn fuzz_case(texts: [String; 8]) -> Case {
    let [title, aspect, left, right, summary, common, note, overall] = texts;
    let comparison = Comparison {
        title: title.clone(),
        intro: summary.clone(),
        subjects: vec![
            Subject {
                id: "a".to_owned(),
                name: right.clone(),
                short: left.clone(),
            },
            Subject {
                id: "b".to_owned(),
                name: left.clone(),
                short: String::new(),
            },
        ],
        dimensions: vec![
            Dimension {
                id: "d".to_owned(),
                title: aspect.clone(),
                summary: sides(&[("a", &summary), ("b", &note)]),
                points: vec![
                    point(&aspect, &[("a", &left), ("b", &right)]),
                    point(&common, &[("a", &right)]),
                ],
                common: vec![common.clone(), title.clone()],
            },
            Dimension {
                id: "e".to_owned(),
                title: note.clone(),
                summary: sides(&[("b", &left)]),
                points: Vec::new(),
                common: Vec::new(),
            },
        ],
        conclusion: overall.clone(),
        sources: vec![note.clone(), summary],
    };
    let mut notes = Notes::for_comparison(&title);
    notes.overall = overall;
    notes.entry("d").text = note;
    notes.toggle_star("d");
    notes.toggle_highlight("d", &aspect);
    notes.entry("e").text = common;
    // Names and titles land in the verdicts table and its sentences too.
    decide(&mut notes, "d", Some("b"), 3);
    decide(&mut notes, "e", None, 1);
    Case {
        name: "fuzz",
        comparison,
        notes,
        options: ExportOptions::default(),
    }
}

proptest! {
    // No regressions file: the cases it found are fixed in the fixtures.
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_content_breaks_an_export(
        texts in [nasty(), nasty(), nasty(), nasty(), nasty(), nasty(), nasty(), nasty()],
    ) {
        let case = fuzz_case(texts);
        check_markdown(&case, false);
        check_marp(&case, false);
        check_html(&case);
        check_script(&case);
    }
}

/// Inputs the property test once broke an export or a check with.
fn found_by_fuzzing() -> Vec<Case> {
    let mut found = Vec::new();
    for (slot, text) in [
        (5, "1. ```<!--```"),
        (7, "|"),
        (5, "<https://x.orgjavascript:-->"),
        (1, "<script>\r<!--"),
        (6, "---"),
        (7, "theme: gaia"),
    ] {
        let mut texts: [String; 8] = Default::default();
        text.clone_into(&mut texts[slot]);
        found.push(fuzz_case(texts));
    }
    found
}

#[test]
fn inputs_found_by_fuzzing() {
    for case in found_by_fuzzing() {
        check_markdown(&case, false);
        check_marp(&case, false);
        check_html(&case);
        check_script(&case);
    }
}

/// The Marp CLI that `./scripts/test.sh` installs into the repository.
fn marp_cli() -> Option<std::path::PathBuf> {
    let marp = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/marp");
    if marp.exists() {
        return Some(marp);
    }
    assert!(
        std::env::var("VERSUS_SKIP_MARP").as_deref() == Ok("1"),
        "the Marp CLI is not installed at {}: ./scripts/test.sh installs it \
         (npm install --no-save @marp-team/marp-cli); set VERSUS_SKIP_MARP=1 to skip this test",
        marp.display()
    );
    eprintln!("VERSUS_SKIP_MARP=1: not running the Marp CLI");
    None
}

#[test]
fn marp_cli_renders_one_section_per_slide() {
    let Some(marp) = marp_cli() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut all = cases();
    all.extend(found_by_fuzzing());
    let decks: Vec<String> = all
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let deck = format!("{i}-{}.md", case.name);
            std::fs::write(dir.path().join(&deck), case.export(Format::Marp)).unwrap();
            deck
        })
        .collect();
    // One run for every deck: each `N-name.md` becomes `N-name.html`.
    let mut child = Command::new(&marp)
        .args(["--no-stdin", "--html=false"])
        .args(&decks)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_mins(2) {
            child.kill().unwrap();
            panic!("marp still running after two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "marp failed: {stderr}");
    for (case, deck) in all.iter().zip(&decks) {
        let name = case.name;
        let out = dir.path().join(deck.replace(".md", ".html"));
        let html = std::fs::read_to_string(&out).unwrap();
        let sections: Vec<&str> = html
            .match_indices("<section")
            .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
            .collect();
        let deck_text = case.export(Format::Marp);
        assert_eq!(
            sections.len(),
            marp_slides(&deck_text).len(),
            "{name}: slides"
        );
        for section in &sections {
            // The hostile notes hold `theme: gaia`, `_class: invert` and
            // `backgroundColor: black`: none may act as a directive.
            assert!(section.contains("data-theme=\"default\""), "{section}");
            assert!(!section.contains("invert"), "{section}");
            assert!(!section.contains("black"), "{section}");
        }
        assert!(!html.contains(SCRIPT), "{name}: a live script");
        assert!(!html.contains(IMG), "{name}: a live image");
    }
}

/// Addresses with the characters Markdown, HTML and URL encoders treat
/// specially: `_`, `*`, parentheses, `&`, `<`.
const ODD_URLS: [&str; 5] = [
    "https://duckdb.org/why_duckdb",
    "https://en.wikipedia.org/wiki/Rust_(programming_language)",
    "https://x.example/a_b*c*?q=1&r=(2)&s=t_u",
    "https://y.example/__init__/*star*",
    "https://z.example/less<more_(x)&amp_y",
];

/// A comparison whose sources, conclusion, cells and common points hold
/// [`ODD_URLS`] as bare addresses, Markdown links and autolinks: each
/// written where it can be (a bare address or an autolink cannot hold
/// `<`; a link can).
fn odd_links() -> Comparison {
    let [duck, rust, query, init, less] = ODD_URLS;
    let mut c = Comparison::built_in();
    c.sources = vec![
        format!("DuckDB: {duck}"),
        format!("Rust: {rust}."),
        format!("[The query]({query})"),
        format!("<{init}>"),
        format!("[Less]({less})"),
    ];
    // A bare address with `*` would be emphasis in the source itself;
    // written as a link, it is not.
    c.conclusion = format!("Read {duck}, then **see** [this]({query}).");
    let d = &mut c.dimensions[0];
    d.common = vec![format!("**Both:** {rust}")];
    if let Some((_, text)) = d.points[0].sides.0.first_mut() {
        *text = format!("see <{init}> and [less]({less})");
    }
    c
}

/// The destinations of the links a Markdown document holds, as
/// `pulldown-cmark` (a `CommonMark` parser, with GFM tables) reads them.
fn markdown_links(doc: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    Parser::new_ext(doc, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// Every `href` of an HTML page, its attribute escaping undone.
fn html_links(page: &str) -> Vec<String> {
    Html::parse_document(page)
        .select(&Selector::parse("a[href]").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

/// `url` as a browser requests it: characters a URL cannot hold as they
/// are (here `<`) percent-encoded, everything else as written.
fn as_requested(url: &str) -> String {
    url.replace('<', "%3C")
}

#[test]
fn links_reach_their_exact_address_in_markdown_and_html() {
    let c = odd_links();
    let notes = Notes::default();
    let options = ExportOptions::default();
    let md = export(Format::Markdown, &c, &notes, &options);
    let deck = export(Format::Marp, &c, &notes, &options);
    let html = export(Format::Html, &c, &notes, &options);
    for (what, links) in [
        ("markdown", markdown_links(&md)),
        ("marp", markdown_links(&deck)),
        ("html", html_links(&html)),
    ] {
        for url in ODD_URLS {
            assert!(
                links.iter().any(|l| l == url),
                "{what}: no link to {url} in {links:#?}"
            );
        }
        // No link to a cut or escaped address either.
        for link in &links {
            assert!(
                ODD_URLS.contains(&link.as_str()),
                "{what}: a link to {link}"
            );
        }
    }
}

#[test]
fn marp_cli_links_to_the_exact_address() {
    let Some(marp) = marp_cli() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("links.md");
    let c = odd_links();
    std::fs::write(
        &deck,
        export(
            Format::Marp,
            &c,
            &Notes::default(),
            &ExportOptions::default(),
        ),
    )
    .unwrap();
    let out = dir.path().join("links.html");
    let status = Command::new(&marp)
        .args(["--no-stdin", "--html=false"])
        .arg(&deck)
        .arg("-o")
        .arg(&out)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let links = html_links(&std::fs::read_to_string(&out).unwrap());
    for url in ODD_URLS {
        let wanted = as_requested(url);
        assert!(links.contains(&wanted), "no link to {wanted} in {links:#?}");
    }
    for link in &links {
        assert!(
            ODD_URLS.iter().any(|url| as_requested(url) == *link),
            "a link to {link}"
        );
    }
}

/// A table too long for one slide is shared out over its slides evenly:
/// never full slides and then a lone row (the live show keeps the same
/// rule, see `tests/present.rs`).
#[test]
fn a_long_table_is_split_into_balanced_slides_in_the_deck() {
    let counts = [10, 11, 12, 19, 20, 28, 37, 50];
    let c = generated::many_rows(&counts);
    let options = ExportOptions {
        include_summaries: false,
        ..ExportOptions::default()
    };
    let deck = String::from_utf8(versus::export::export(
        Format::Marp,
        &c,
        &Notes::default(),
        &options,
    ))
    .unwrap();
    let slides: Vec<&str> = deck.split("\n---\n").collect();
    let mut split = 0;
    for (d, &n) in c.dimensions.iter().zip(&counts) {
        let heading = format!("## {}", d.title);
        let rows: Vec<usize> = slides
            .iter()
            .filter(|s| {
                s.lines()
                    .any(|l| l == heading || l == format!("{heading} (cont.)"))
            })
            .map(|s| s.lines().filter(|l| l.starts_with("| Row ")).count())
            .collect();
        assert_eq!(rows.iter().sum::<usize>(), n, "{}: {rows:?}", d.title);
        let (least, most) = (rows.iter().min().unwrap(), rows.iter().max().unwrap());
        assert!(least * 3 >= *most, "{n} rows over slides {rows:?}");
        split += usize::from(rows.len() > 1);
    }
    assert!(split >= 4, "most of these tables take several slides");
    // A list's heading never ends a slide, away from its list.
    let built_in = Comparison::built_in();
    let deck = String::from_utf8(versus::export::export(
        Format::Marp,
        &built_in,
        &Notes::default(),
        &ExportOptions::default(),
    ))
    .unwrap();
    for slide in deck.split("\n---\n") {
        let last = slide.trim_end().lines().last().unwrap_or_default();
        assert!(
            last != "**In common**" && last != "Sources:",
            "a heading alone at the foot of a slide:\n{slide}"
        );
    }
}
