//! The package's parts, in order, and the zip they go into.

use std::fmt::Write as _;
use std::io::Write as _;

use super::deck::Slide;
use super::fixed::{layout_xml, master_xml, notes_master_xml, table_styles_xml, theme_xml};
use super::slide::{GROUP_START, slide_xml};
use super::text::{emu, escaped, lang_of, push_escaped};
use super::{FIXED_DATE, NS_A, NS_P, NS_R, REL, SLIDE_H, SLIDE_W, XML_HEAD};
use crate::model::{Comparison, plain_text};

/// A notes page holding `paragraphs` as plain text.
pub(super) fn notes_xml(paragraphs: &[String]) -> String {
    let mut x = String::with_capacity(1024);
    x.push_str(XML_HEAD);
    let _ = write!(
        x,
        "<p:notes xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:spTree>{GROUP_START}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>\
<p:txBody><a:bodyPr/><a:lstStyle/>"
    );
    for para in paragraphs {
        x.push_str("<a:p>");
        if !para.is_empty() {
            let _ = write!(x, "<a:r><a:rPr lang=\"{}\"/><a:t>", lang_of(para));
            push_escaped(&mut x, para);
            x.push_str("</a:t></a:r>");
        }
        x.push_str("</a:p>");
    }
    x.push_str("</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
    x
}

/// The core properties' relationship type, the one not under [`REL`].
pub(super) const CORE_REL: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

/// Relationships XML from `(id, type, target, external)`: a type is a
/// full URI, or a name under [`REL`].
pub(super) fn rels(items: &[(String, &str, String, bool)]) -> String {
    let mut x = String::from(XML_HEAD);
    x.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (id, kind, target, external) in items {
        let _ = write!(
            x,
            "<Relationship Id=\"{id}\" Type=\"{}\" Target=\"{}\"{}/>",
            if kind.starts_with("http") {
                (*kind).to_owned()
            } else {
                format!("{REL}/{kind}")
            },
            escaped(target),
            if *external {
                " TargetMode=\"External\""
            } else {
                ""
            }
        );
    }
    x.push_str("</Relationships>");
    x
}

/// The whole package: every part, zipped on a second thread while the
/// next parts are written (in order: the same input, the same bytes).
pub(super) fn package(c: &Comparison, slides: &[Slide]) -> Vec<u8> {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(String, String)>(64);
    std::thread::scope(|scope| {
        let zipper = std::thread::Builder::new()
            .name("pptx-zip".to_owned())
            .spawn_scoped(scope, move || {
                let mut zip = Zipper::new();
                for (name, text) in receiver {
                    zip.add(&name, &text);
                }
                zip.finish()
            });
        let Ok(zipper) = zipper else {
            // No thread to be had: zip on this one.
            let mut zip = Zipper::new();
            write_parts(c, slides, &mut |name, text| zip.add(&name, &text));
            return zip.finish();
        };
        write_parts(c, slides, &mut |name, text| {
            // The zipping thread only stops early by panicking, which
            // `join` passes on.
            let _ = sender.send((name, text));
        });
        drop(sender);
        zipper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Every part of the package, in order, handed to `emit` as (name, XML).
#[expect(
    clippy::too_many_lines,
    reason = "one list of the package's parts, in the order they are zipped"
)]
pub(super) fn write_parts(c: &Comparison, slides: &[Slide], emit: &mut dyn FnMut(String, String)) {
    let with_notes: Vec<bool> = slides.iter().map(|s| !s.notes.is_empty()).collect();
    let any_notes = with_notes.iter().any(|&n| n);

    emit(
        "[Content_Types].xml".to_owned(),
        content_types(slides.len(), &with_notes),
    );
    emit(
        "_rels/.rels".to_owned(),
        rels(&[
            (
                "rId1".to_owned(),
                "officeDocument",
                "ppt/presentation.xml".to_owned(),
                false,
            ),
            (
                "rId2".to_owned(),
                CORE_REL,
                "docProps/core.xml".to_owned(),
                false,
            ),
            (
                "rId3".to_owned(),
                "extended-properties",
                "docProps/app.xml".to_owned(),
                false,
            ),
        ]),
    );
    emit("docProps/core.xml".to_owned(), core_xml(c));
    emit("docProps/app.xml".to_owned(), app_xml(slides.len()));
    emit(
        "ppt/presentation.xml".to_owned(),
        presentation_xml(slides.len(), any_notes),
    );
    let mut pres_rels = vec![
        (
            "rId1".to_owned(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".to_owned(),
            false,
        ),
        (
            "rId2".to_owned(),
            "theme",
            "theme/theme1.xml".to_owned(),
            false,
        ),
        (
            "rId3".to_owned(),
            "presProps",
            "presProps.xml".to_owned(),
            false,
        ),
        (
            "rId4".to_owned(),
            "viewProps",
            "viewProps.xml".to_owned(),
            false,
        ),
        (
            "rId5".to_owned(),
            "tableStyles",
            "tableStyles.xml".to_owned(),
            false,
        ),
    ];
    if any_notes {
        pres_rels.push((
            "rId6".to_owned(),
            "notesMaster",
            "notesMasters/notesMaster1.xml".to_owned(),
            false,
        ));
    }
    for n in 1..=slides.len() {
        pres_rels.push((
            format!("rId{}", n + 6),
            "slide",
            format!("slides/slide{n}.xml"),
            false,
        ));
    }
    emit(
        "ppt/_rels/presentation.xml.rels".to_owned(),
        rels(&pres_rels),
    );
    emit(
        "ppt/presProps.xml".to_owned(),
        format!(
            "{XML_HEAD}<p:presentationPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"/>"
        ),
    );
    emit(
        "ppt/viewProps.xml".to_owned(),
        format!(
            "{XML_HEAD}<p:viewPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"80000\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        ),
    );
    emit("ppt/tableStyles.xml".to_owned(), table_styles_xml());
    emit("ppt/slideMasters/slideMaster1.xml".to_owned(), master_xml());
    emit(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".to_owned(),
        rels(&[
            (
                "rId1".to_owned(),
                "slideLayout",
                "../slideLayouts/slideLayout1.xml".to_owned(),
                false,
            ),
            (
                "rId2".to_owned(),
                "theme",
                "../theme/theme1.xml".to_owned(),
                false,
            ),
        ]),
    );
    emit("ppt/slideLayouts/slideLayout1.xml".to_owned(), layout_xml());
    emit(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".to_owned(),
        rels(&[(
            "rId1".to_owned(),
            "slideMaster",
            "../slideMasters/slideMaster1.xml".to_owned(),
            false,
        )]),
    );
    emit("ppt/theme/theme1.xml".to_owned(), theme_xml());
    if any_notes {
        emit(
            "ppt/notesMasters/notesMaster1.xml".to_owned(),
            notes_master_xml(),
        );
        emit(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".to_owned(),
            rels(&[(
                "rId1".to_owned(),
                "theme",
                "../theme/theme2.xml".to_owned(),
                false,
            )]),
        );
        emit("ppt/theme/theme2.xml".to_owned(), theme_xml());
    }
    for (k, slide) in slides.iter().enumerate() {
        let n = k + 1;
        let (xml, links) = slide_xml(slide);
        emit(format!("ppt/slides/slide{n}.xml"), xml);
        let mut items = vec![(
            "rId1".to_owned(),
            "slideLayout",
            "../slideLayouts/slideLayout1.xml".to_owned(),
            false,
        )];
        for (j, url) in links.into_iter().enumerate() {
            items.push((format!("rId{}", j + 2), "hyperlink", url, true));
        }
        if !slide.notes.is_empty() {
            items.push((
                format!("rId{}", items.len() + 1),
                "notesSlide",
                format!("../notesSlides/notesSlide{n}.xml"),
                false,
            ));
            emit(
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                notes_xml(&slide.notes),
            );
            emit(
                format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
                rels(&[
                    (
                        "rId1".to_owned(),
                        "notesMaster",
                        "../notesMasters/notesMaster1.xml".to_owned(),
                        false,
                    ),
                    (
                        "rId2".to_owned(),
                        "slide",
                        format!("../slides/slide{n}.xml"),
                        false,
                    ),
                ]),
            );
        }
        emit(format!("ppt/slides/_rels/slide{n}.xml.rels"), rels(&items));
    }
}

/// The parts as a zip: deflated, every timestamp the zip format's
/// earliest (1980-01-01), so the same parts give the same bytes.
pub(super) struct Zipper {
    writer: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    options: zip::write::SimpleFileOptions,
}

impl Zipper {
    fn new() -> Self {
        Self {
            writer: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
            // The fastest level: the XML still shrinks about fourfold.
            options: zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .last_modified_time(zip::DateTime::DEFAULT)
                .unix_permissions(0o644),
        }
    }

    fn add(&mut self, name: &str, text: &str) {
        // Writing to memory only fails on a name given twice, which the
        // package never does; such a part would be left out, not panic.
        if self.writer.start_file(name, self.options).is_ok() {
            let _ = self.writer.write_all(text.as_bytes());
        }
    }

    fn finish(self) -> Vec<u8> {
        self.writer
            .finish()
            .map(std::io::Cursor::into_inner)
            .unwrap_or_default()
    }
}

pub(super) fn content_types(slides: usize, with_notes: &[bool]) -> String {
    const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";
    let mut x = String::from(XML_HEAD);
    x.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    let mut over = |part: &str, kind: &str| {
        let _ = write!(x, "<Override PartName=\"/{part}\" ContentType=\"{kind}\"/>");
    };
    over(
        "ppt/presentation.xml",
        &format!("{PML}.presentation.main+xml"),
    );
    over("ppt/presProps.xml", &format!("{PML}.presProps+xml"));
    over("ppt/viewProps.xml", &format!("{PML}.viewProps+xml"));
    over("ppt/tableStyles.xml", &format!("{PML}.tableStyles+xml"));
    over(
        "ppt/slideMasters/slideMaster1.xml",
        &format!("{PML}.slideMaster+xml"),
    );
    over(
        "ppt/slideLayouts/slideLayout1.xml",
        &format!("{PML}.slideLayout+xml"),
    );
    over(
        "ppt/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
    );
    if with_notes.iter().any(|&n| n) {
        over(
            "ppt/notesMasters/notesMaster1.xml",
            &format!("{PML}.notesMaster+xml"),
        );
        over(
            "ppt/theme/theme2.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml",
        );
    }
    over(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        "docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    for n in 1..=slides {
        over(
            &format!("ppt/slides/slide{n}.xml"),
            &format!("{PML}.slide+xml"),
        );
        if with_notes.get(n - 1).copied().unwrap_or(false) {
            over(
                &format!("ppt/notesSlides/notesSlide{n}.xml"),
                &format!("{PML}.notesSlide+xml"),
            );
        }
    }
    x.push_str("</Types>");
    x
}

pub(super) fn core_xml(c: &Comparison) -> String {
    let title = plain_text(&c.title).replace('\n', " ");
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>versus</dc:creator>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:modified>\
</cp:coreProperties>",
        escaped(&title)
    )
}

pub(super) fn app_xml(slides: usize) -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>versus</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{slides}</Slides></Properties>"
    )
}

pub(super) fn presentation_xml(slides: usize, any_notes: bool) -> String {
    let mut x = String::from(XML_HEAD);
    let _ = write!(
        x,
        "<p:presentation xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" saveSubsetFonts=\"1\">\
<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>"
    );
    if any_notes {
        x.push_str("<p:notesMasterIdLst><p:notesMasterId r:id=\"rId6\"/></p:notesMasterIdLst>");
    }
    if slides > 0 {
        x.push_str("<p:sldIdLst>");
        for n in 1..=slides {
            let _ = write!(x, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + n, n + 6);
        }
        x.push_str("</p:sldIdLst>");
    }
    let _ = write!(
        x,
        "<p:sldSz cx=\"{}\" cy=\"{}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>",
        emu(SLIDE_W),
        emu(SLIDE_H)
    );
    x
}
