//! Slide deck export: an editable PowerPoint presentation (`.pptx`, Office
//! Open XML), which PowerPoint, Keynote, LibreOffice Impress and Google
//! Slides open.
//!
//! The slides are those of the Marp deck ([`super::marp`]), laid out by the
//! same rule ([`super::layout`]), on a 16:9 slide of 1280 × 720 px:
//! - a title slide: the title, the subjects shown and the intro;
//! - per exported dimension, in the window's order: its title (with `★ `
//!   only when the options ask for the presenter's marks), the summaries,
//!   the points as a **native table** (`a:tbl`: `Aspect` and one column per
//!   subject, headed by their short labels; a highlighted row in bold on a
//!   tinted background), and what the subjects share;
//! - "Where each wins", when an exported dimension has a verdict and the
//!   options show verdicts;
//! - the conclusion, with the sources.
//!
//! Text is real text in runs: inline Markdown becomes bold, italic, code in
//! a monospace font and hyperlinks (each with its relationship); each run
//! carries the `lang` of its script, and a paragraph that starts in a
//! right-to-left script is marked `rtl`. Every shape is placed at the
//! position the layout rule gives it, with line spacing fixed to the rule's
//! line height, so nothing runs off the slide: each block takes the lines
//! the rule counted, each table row the height of its cost.
//!
//! Speaker notes sit in each slide's notes page (PowerPoint's notes pane):
//! on the title slide the overall note and the last rehearsal; on a
//! dimension's first slide its note, its budget and the last rehearsal's
//! time on it. The audience version has none.
//!
//! The file is a zip of XML parts (content types, relationships, a slide
//! master, one layout, two themes, a notes master, the slides and their
//! notes), every part written here with its text escaped. Deterministic:
//! fixed zip timestamps and fixed `docProps` dates, parts in a fixed order.

mod deck;
mod fixed;
mod grow;
mod parts;
mod slide;
mod tail;
mod text;
mod zipper;

use crate::export::ExportOptions;
use crate::model::Comparison;
use crate::notes::Notes;

/// English Metric Units in one pixel of the 1280 × 720 slide (96 per inch).
pub(super) const EMU: f64 = 9525.0;
/// The slide, in pixels: 16:9, the size of the Marp deck's slides.
pub(super) const SLIDE_W: f64 = 1280.0;
pub(super) const SLIDE_H: f64 = 720.0;
/// The slide's padding, as in the Marp deck's style.
pub(super) const PAD_X: f64 = 64.0;
pub(super) const PAD_Y: f64 = 48.0;
/// The height of one line of body text, in pixels: the unit of the
/// layout rule's costs (22 px type at 1.5).
pub(super) const LINE_PX: f64 = 33.0;
/// Type sizes in hundredths of a point (1 px = 0.75 pt): body 22 px,
/// tables 0.9 em (less a little, to be safe), `##` headings 1.45 em and
/// the title 2 em.
pub(super) const BODY_SIZE: u32 = 1650;
pub(super) const TABLE_SIZE: u32 = 1450;
pub(super) const HEADING_SIZE: u32 = 2400;
pub(super) const TITLE_SIZE: u32 = 3300;
/// The space under a heading, in lines (when the slide has room for it).
pub(super) const HEADING_GAP: f64 = 0.5;
/// The deck's table style (in `ppt/tableStyles.xml`): a rule under each
/// row, the header row tinted.
pub(super) const TABLE_STYLE: &str = "{6E25A3F1-5C0B-4A55-9C39-2B8D4E0F7A10}";
/// The fill of a table's header and of a highlighted row.
pub(super) const HEADER_FILL: &str = "EEF1F5";
pub(super) const HIGHLIGHT_FILL: &str = "FFF1B8";
/// The monospace font of inline code (Liberation Mono where it is absent).
pub(super) const CODE_FONT: &str = "Courier New";
/// The fixed date of `docProps/core.xml`: the same input gives the same
/// bytes.
pub(super) const FIXED_DATE: &str = "2000-01-01T00:00:00Z";

pub(super) const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
pub(super) const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The comparison and notes as a PowerPoint presentation: the `.pptx`
/// file's bytes (see [`super::export`]).
#[must_use]
pub fn render(c: &Comparison, notes: &Notes, options: &ExportOptions) -> Vec<u8> {
    super::export(super::Format::Pptx, c, notes, options)
}

/// Writes the deck into `out` (see [`super::write_to`]).
pub(super) use parts::write_package as write;

#[cfg(test)]
mod tests {
    use super::text::{emu, is_rtl, lang_of, push_escaped, script_runs};
    use super::*;
    use crate::model::Span;
    use std::io::Read as _;

    fn parts(deck: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap();
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                (file.name().unwrap().into_owned(), text)
            })
            .collect()
    }

    #[test]
    fn the_same_input_gives_the_same_small_file() {
        let c = Comparison::built_in();
        let notes = Notes::for_comparison(&c.title);
        let options = ExportOptions::default();
        let deck = render(&c, &notes, &options);
        assert_eq!(deck, render(&c, &notes, &options));
        assert!(deck.len() < 100_000, "{} bytes", deck.len());
        let all = parts(&deck);
        let types = all
            .iter()
            .find(|(n, _)| n == "[Content_Types].xml")
            .unwrap();
        for (name, text) in &all {
            assert!(text.starts_with(XML_HEAD), "{name}");
            let rels = name.rsplit('.').next() == Some("rels");
            if !rels && name != "[Content_Types].xml" {
                assert!(
                    types.1.contains(&format!("PartName=\"/{name}\"")),
                    "{name} has no content type"
                );
            }
        }
        let core = &all
            .iter()
            .find(|(n, _)| n == "docProps/core.xml")
            .unwrap()
            .1;
        assert!(core.contains(FIXED_DATE));
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_replaced() {
        let mut out = String::new();
        push_escaped(&mut out, "a<b>&\"'\u{1}\u{FFFF}\t");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}\t");
        // Past ASCII, a character at a time: C1 controls too.
        let mut out = String::new();
        push_escaped(&mut out, "é\u{85}中&\r\u{7f}x\u{FFFE}");
        assert_eq!(out, "é\u{FFFD}中&amp;\u{FFFD}\u{FFFD}x\u{FFFD}");
    }

    #[test]
    fn each_script_gets_its_own_run_and_language() {
        let runs: Vec<(&str, &str)> = script_runs("Ελληνικά and 中文, 日本語のテキスト; עברית 1")
            .map(|r| (r, lang_of(r)))
            .collect();
        assert_eq!(
            runs,
            [
                ("Ελληνικά ", "el-GR"),
                ("and ", "en-US"),
                ("中文, 日本語のテキスト; ", "ja-JP"),
                ("עברית 1", "he-IL"),
            ]
        );
        assert_eq!(lang_of("中文"), "zh-CN");
        assert_eq!(lang_of("한국어"), "ko-KR");
        assert_eq!(lang_of("— 42"), "en-US");
        let span = |text: &str| Span {
            text: text.to_owned(),
            ..Span::default()
        };
        assert!(is_rtl(&[span("« بالعربية »")]));
        assert!(!is_rtl(&[span("Hello עברית")]));
    }

    /// Every `a:off`/`a:ext` pair of a slide part, in EMU.
    fn rects(xml: &str) -> Vec<[i64; 4]> {
        let number = |text: &str, key: &str| -> i64 {
            let start = text.find(key).unwrap() + key.len();
            let end = start + text[start..].find('"').unwrap();
            text[start..end].parse().unwrap()
        };
        xml.split("<a:off ")
            .skip(1)
            .map(|rest| {
                [
                    number(rest, "x=\""),
                    number(rest, "y=\""),
                    number(rest, "cx=\""),
                    number(rest, "cy=\""),
                ]
            })
            .collect()
    }

    #[test]
    fn long_tables_and_summaries_continue_and_every_shape_is_inside_the_slide() {
        let mut c = Comparison::built_in();
        c.dimensions.truncate(1);
        c.title = "A title long enough to wrap onto a second line of the title slide".repeat(2);
        let d = &mut c.dimensions[0];
        d.title = "A heading that is long enough to wrap onto two lines of the slide".to_owned();
        let template = d.points[0].clone();
        d.points = (0..40)
            .map(|i| {
                let mut p = template.clone();
                p.aspect = format!("Aspect {i}");
                for (_, text) in &mut p.sides.0 {
                    *text = format!("Side text for row {i}, long enough to take two lines. ")
                        .repeat(1 + i % 3);
                }
                p
            })
            .collect();
        for (_, text) in &mut d.summary.0 {
            *text = "A sentence of a long summary. ".repeat(80);
        }
        let deck = render(&c, &Notes::default(), &ExportOptions::default());
        let all = parts(&deck);
        let slides: Vec<&(String, String)> = all
            .iter()
            .filter(|(n, _)| n.starts_with("ppt/slides/slide"))
            .collect();
        assert!(slides.len() >= 6, "{}", slides.len());
        let mut rows = 0;
        for (name, xml) in &slides {
            for [x, y, w, h] in rects(xml) {
                assert!(x >= 0 && y >= 0, "{name}");
                assert!(x + w <= emu(SLIDE_W), "{name}: right edge {}", x + w);
                assert!(y + h <= emu(SLIDE_H), "{name}: bottom edge {}", y + h);
            }
            if xml.contains("<a:tbl>") {
                assert!(xml.contains(">Aspect</a:t>"), "{name}: header on each");
            }
            rows += xml.matches(">Aspect ").count();
        }
        assert_eq!(rows, 40, "every row once");
    }

    #[test]
    fn notes_pages_only_where_there_is_a_note_and_never_for_the_audience() {
        let c = Comparison::built_in();
        let mut notes = Notes::for_comparison(&c.title);
        notes
            .text_mut("scope")
            .push_str("Say **this** <now> & then.");
        let deck = render(&c, &notes, &ExportOptions::default());
        let all = parts(&deck);
        let pages: Vec<&(String, String)> = all
            .iter()
            .filter(|(n, _)| n.starts_with("ppt/notesSlides/notesSlide"))
            .collect();
        assert_eq!(pages.len(), 1);
        assert!(
            pages[0]
                .1
                .contains("<a:t>Say this &lt;now&gt; &amp; then.</a:t>")
        );
        let audience = ExportOptions {
            audience: true,
            ..ExportOptions::default()
        };
        let deck = render(&c, &notes, &audience);
        assert!(!parts(&deck).iter().any(|(n, _)| n.contains("notes")));
    }
}
