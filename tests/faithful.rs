//! What the author wrote is what the audience sees: over generated content
//! (Markdown-looking line starts, links, code spans, long texts, right-to-left
//! and CJK text, three or four subjects), every word of every string reaches
//! the window's text and each export that includes that part. The exports'
//! markup is stripped by real parsers (pulldown-cmark, html5ever) before the
//! words are looked for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly"
)]

mod common;

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};
use scraper::Html;
use versus::export::{ExportOptions, Format};
use versus::model::{Comparison, Dimension, Point, SideMap, Subject, parse_inline};
use versus::notes::Notes;

/// The export in a text format, as text.
fn export(format: Format, c: &Comparison, notes: &Notes, options: &ExportOptions) -> String {
    versus::export::export_text(format, c, notes, options).expect("a text format")
}

/// A generated string and the words a reader must find in it, in order.
#[derive(Debug, Clone)]
struct Text {
    source: String,
    words: Vec<String>,
}

/// Starts of a line that would open a Markdown block.
const BLOCK_STARTS: &[&str] = &[
    "", "", "", "> ", "- ", "+ ", "* ", "# ", "## ", "1. ", "2) ", "```", "~~~ ", "<div>", "---",
    "= ", "[ref]: ", ">> ",
];

/// One word: Latin, CJK, Arabic (right to left) or a number.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{2,9}",
        1 => "[\u{4e00}-\u{4fff}]{1,4}",
        1 => "[\u{0627}-\u{064a}]{2,6}",
        1 => "[0-9]{1,3}(\\.[0-9])?",
    ]
}

/// A word, maybe styled: strong, a code span or a link (its text is the
/// word; the target is not shown).
fn styled_word() -> impl Strategy<Value = (String, String)> {
    (word(), 0..6u8).prop_map(|(w, style)| {
        let source = match style {
            0 => format!("**{w}**"),
            1 => format!("`{w}`"),
            2 => format!("[{w}](https://example.org/{style})"),
            _ => w.clone(),
        };
        (source, w)
    })
}

/// One line: maybe a block-like start, then words.
fn line() -> impl Strategy<Value = Text> {
    (
        prop::sample::select(BLOCK_STARTS),
        prop::collection::vec(styled_word(), 1..8),
    )
        .prop_map(|(start, words)| {
            let mut source = start.to_owned();
            // A run of backticks opens a code span when the text holds
            // another (a repeated line does): it is markup, not a word.
            let mut expected: Vec<String> = start
                .split_whitespace()
                .filter(|w| !w.chars().all(|c| c == '`'))
                .map(str::to_owned)
                .collect();
            let body: Vec<&str> = words.iter().map(|(s, _)| s.as_str()).collect();
            source.push_str(&body.join(" "));
            expected.extend(words.into_iter().map(|(_, w)| w));
            Text {
                source,
                words: expected,
            }
        })
}

/// A text of a few lines (or, sometimes, a long one of hundreds of words).
fn text() -> impl Strategy<Value = Text> {
    (
        prop::collection::vec(line(), 1..4),
        prop_oneof![3 => Just(1usize), 1 => 20..60usize],
        prop::bool::ANY,
    )
        .prop_map(|(lines, repeat, paragraphs)| {
            let separator = if paragraphs { "\n\n" } else { "\n" };
            let mut source = Vec::new();
            let mut words = Vec::new();
            for _ in 0..repeat {
                for l in &lines {
                    source.push(l.source.clone());
                    words.extend(l.words.iter().cloned());
                }
            }
            Text {
                source: source.join(separator),
                words,
            }
        })
}

/// A one-line text (names, titles, aspects).
fn short_text() -> impl Strategy<Value = Text> {
    line()
}

/// A comparison of three or four subjects and its notes, with the words
/// each part must show.
#[derive(Debug, Clone)]
struct Generated {
    comparison: Comparison,
    notes: Notes,
    /// Words everywhere but the intro (which the deck leaves out).
    words: Vec<String>,
    /// The intro's words.
    intro: Vec<String>,
}

fn generated() -> impl Strategy<Value = Generated> {
    let subject = short_text();
    let point = (short_text(), prop::collection::vec(text(), 4));
    let dimension = (
        short_text(),
        prop::collection::vec(text(), 4),
        prop::collection::vec(point, 1..12),
        prop::collection::vec(short_text(), 0..3),
        text(),
    );
    (
        short_text(),
        text(),
        prop::collection::vec(subject, 3..5),
        prop::collection::vec(dimension, 1..3),
        text(),
        prop::collection::vec(short_text(), 0..3),
        text(),
    )
        .prop_map(
            |(title, intro, subjects, dimensions, conclusion, sources, overall)| {
                let mut words = Vec::new();
                let mut take = |t: &Text| {
                    words.extend(t.words.iter().cloned());
                    t.source.clone()
                };
                let title = take(&title);
                let subjects: Vec<Subject> = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, name)| Subject {
                        id: format!("s{i}"),
                        name: take(name),
                        short: String::new(),
                    })
                    .collect();
                let n = subjects.len();
                let mut notes = Notes::for_comparison(&title);
                notes.overall = take(&overall);
                let dimensions: Vec<Dimension> = dimensions
                    .iter()
                    .enumerate()
                    .map(|(i, (dtitle, summaries, points, common, note))| {
                        let id = format!("d{i}");
                        notes.text_mut(&id).push_str(&take(note));
                        Dimension {
                            id,
                            title: take(dtitle),
                            summary: SideMap(
                                summaries
                                    .iter()
                                    .take(n)
                                    .enumerate()
                                    .map(|(k, t)| (format!("s{k}"), take(t)))
                                    .collect(),
                            ),
                            points: points
                                .iter()
                                .enumerate()
                                .map(|(j, (aspect, sides))| Point {
                                    aspect: format!("row{j} {}", take(aspect)),
                                    sides: SideMap(
                                        sides
                                            .iter()
                                            .take(n)
                                            .enumerate()
                                            .map(|(k, t)| (format!("s{k}"), take(t)))
                                            .collect(),
                                    ),
                                })
                                .collect(),
                            common: common.iter().map(&mut take).collect(),
                        }
                    })
                    .collect();
                let conclusion = take(&conclusion);
                let sources = sources.iter().map(&mut take).collect();
                Generated {
                    comparison: Comparison {
                        title,
                        intro: intro.source.clone(),
                        subjects,
                        dimensions,
                        conclusion,
                        sources,
                    },
                    notes,
                    words,
                    intro: intro.words,
                }
            },
        )
}

/// The text a Markdown document shows (and, for a deck, its speaker notes,
/// which are HTML comments).
fn markdown_text(doc: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = String::new();
    for event in Parser::new_ext(doc, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
            }
            _ => out.push(' '),
        }
    }
    out
}

/// The text an HTML page shows.
fn html_text(page: &str) -> String {
    Html::parse_document(page)
        .root_element()
        .text()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` without white space (a deck may cut a long run of CJK between
/// sentences; the characters stay, in order).
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Fails with the first word of `words` that `shown` does not hold.
fn assert_all_words(what: &str, shown: &str, words: &[String]) {
    let shown = squeezed(shown);
    for word in words {
        let word = squeezed(word);
        assert!(shown.contains(&word), "{what}: {word:?} is missing");
    }
}

/// The window draws each string from `parse_inline`'s spans.
fn window_text(c: &Comparison, notes: &Notes) -> String {
    let mut strings = vec![c.title.clone(), c.intro.clone(), c.conclusion.clone()];
    strings.extend(c.sources.iter().cloned());
    strings.extend(c.subjects.iter().map(|s| s.name.clone()));
    for d in &c.dimensions {
        strings.push(d.title.clone());
        strings.extend(d.summary.0.iter().map(|(_, t)| t.clone()));
        strings.extend(d.common.iter().cloned());
        for p in &d.points {
            strings.push(p.aspect.clone());
            strings.extend(p.sides.0.iter().map(|(_, t)| t.clone()));
        }
    }
    // Notes are edited as written, not rendered.
    strings.push(notes.overall.clone());
    strings.extend(notes.dimensions.values().map(|d| d.text.clone()));
    strings
        .iter()
        .map(|s| {
            parse_inline(s)
                .into_iter()
                .map(|span| span.text)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_word_reaches_the_window_and_every_export(g in generated()) {
        let c = &g.comparison;
        let window = window_text(c, &g.notes);
        assert_all_words("window", &window, &g.words);
        assert_all_words("window intro", &window, &g.intro);
        let options = ExportOptions::default();
        let md = export(Format::Markdown, c, &g.notes, &options);
        assert_all_words("markdown", &markdown_text(&md), &g.words);
        assert_all_words("markdown intro", &markdown_text(&md), &g.intro);
        let html = export(Format::Html, c, &g.notes, &options);
        assert_all_words("html", &html_text(&html), &g.words);
        assert_all_words("html intro", &html_text(&html), &g.intro);
        let deck = export(Format::Marp, c, &g.notes, &options);
        // Speaker notes write a run of hyphens as `-‐‐` (U+2010 after the
        // first, so `-->` cannot end the comment): the same marks to a
        // reader. Generated words never hold U+2010.
        let deck_text = markdown_text(&deck).replace('\u{2010}', "-");
        assert_all_words("marp", &deck_text, &g.words);
        assert_all_words("marp intro", &deck_text, &g.intro);
    }
}

/// Every comparison the repository holds: the built-in one, the files in
/// `data/`, the documentation's complete examples, those of
/// `tests/fixtures/` that are comparisons, and two made to be hard to lay
/// out (see `common::content_files`).
fn every_content_file() -> Vec<(String, Comparison)> {
    let mut all = common::content_files();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    for path in paths {
        // A notes file is no comparison.
        if let Ok(loaded) = Comparison::load(&path) {
            all.push((path.display().to_string(), loaded.comparison));
        }
    }
    assert!(all.len() >= 5, "{}", all.len());
    all
}

/// The words of every string of `c` that an author wrote.
fn content_words(c: &Comparison) -> Vec<String> {
    window_text(c, &Notes::default())
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Checks that the export in `format` of every content file, with default
/// options, shows every word the author wrote, markup aside.
fn every_word_of_every_content_file(format: Format, shown: impl Fn(&str) -> String) {
    for (name, c) in every_content_file() {
        let notes = Notes::for_comparison(&c.title);
        let out = export(format, &c, &notes, &ExportOptions::default());
        assert_all_words(
            &format!("{name} {format:?}"),
            &shown(&out),
            &content_words(&c),
        );
    }
}

#[test]
fn markdown_shows_every_word_of_every_content_file() {
    every_word_of_every_content_file(Format::Markdown, markdown_text);
}

#[test]
fn html_shows_every_word_of_every_content_file() {
    every_word_of_every_content_file(Format::Html, html_text);
}

#[test]
fn the_deck_shows_every_word_of_every_content_file_intro_included() {
    every_word_of_every_content_file(Format::Marp, markdown_text);
}

/// The speaker script holds, of the content, what the talk shows: the
/// title, the subjects, and each presented slide's title, summaries and
/// highlighted rows. With every row highlighted, every word of those.
#[test]
fn the_script_shows_every_word_of_each_slide() {
    for (name, c) in every_content_file() {
        let mut notes = Notes::for_comparison(&c.title);
        for d in &c.dimensions {
            notes.entry(&d.id).highlights = d.points.iter().map(|p| p.aspect.clone()).collect();
        }
        let shown_part = Comparison {
            intro: String::new(),
            conclusion: String::new(),
            sources: Vec::new(),
            dimensions: c
                .dimensions
                .iter()
                .map(|d| Dimension {
                    common: Vec::new(),
                    ..d.clone()
                })
                .collect(),
            ..c.clone()
        };
        let out = export(Format::Script, &c, &notes, &ExportOptions::default());
        assert_all_words(
            &format!("{name} script"),
            &html_text(&out),
            &content_words(&shown_part),
        );
    }
}
