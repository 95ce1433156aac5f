//! The package's parts, in order, and the zip they go into.

use std::fmt::Write as _;
use std::io::Seek as _;

use super::zipper;

use super::deck::{Slide, slides};
use super::fixed::{layout_xml, master_xml, notes_master_xml, table_styles_xml, theme_xml};
use super::slide::{GROUP_START, write_slide};
use super::text::{emu, escaped, lang_of, push_escaped};
use super::{FIXED_DATE, NS_A, NS_P, NS_R, REL, SLIDE_H, SLIDE_W, XML_HEAD};
use crate::export::ExportOptions;
use crate::export::sink::OnDimension;
use crate::model::{Comparison, plain_text};
use crate::notes::Notes;
use crate::storage::{Output, WriteSeek};

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

/// Where the package's parts go, each as (name, XML), in order.
type Emit<'e> = &'e mut dyn FnMut(String, String) -> std::io::Result<()>;

/// The whole package zipped into `out`, in one pass: each slide's parts
/// as it is made (a table row at a time), then the parts that list every
/// slide. A stream, which cannot seek back to a part's header, gets the zip
/// through an unnamed temporary file.
pub(in crate::export) fn write_package(
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    out: Output<'_>,
    on_dimension: OnDimension<'_>,
) -> std::io::Result<()> {
    match out {
        Output::File(file) => zip_into(file, c, notes, options, on_dimension),
        Output::Stream(stream) => {
            let mut spool = tempfile::tempfile()?;
            zip_into(&mut spool, c, notes, options, on_dimension)?;
            spool.rewind()?;
            std::io::copy(&mut spool, stream)?;
            stream.flush()
        }
    }
}

/// The package zipped into `file`: each slide's parts as it is made, then
/// the parts that list them. The order of a package's parts in its zip is
/// free (ECMA-376 part 2 names none; Excel and LibreOffice write
/// `[Content_Types].xml` last too), so one layout of the deck is enough.
fn zip_into(
    file: &mut dyn WriteSeek,
    c: &Comparison,
    notes: &Notes,
    options: &ExportOptions,
    on_dimension: OnDimension<'_>,
) -> std::io::Result<()> {
    zipper::zip_into(file, |zip| {
        let mut with_notes = Vec::new();
        let mut slide_parts = |slide: Slide| {
            with_notes.push(!slide.notes.is_empty());
            let n = with_notes.len();
            zip.start(&format!("ppt/slides/slide{n}.xml"))?;
            let links = write_slide(&slide, zip)?;
            let mut emit = |name: String, text: String| zip.part(&name, &text);
            slide_rest(n, &slide, links, &mut emit)
        };
        slides(c, notes, options, &mut slide_parts, on_dimension)?;
        let mut emit = |name: String, text: String| zip.part(&name, &text);
        package_parts(c, &with_notes, &mut emit)?;
        presentation_parts(&with_notes, &mut emit)?;
        master_parts(with_notes.iter().any(|&n| n), &mut emit)
    })
}

/// The content types, the package's relationships, its properties and the
/// presentation.
fn package_parts(c: &Comparison, with_notes: &[bool], emit: Emit<'_>) -> std::io::Result<()> {
    let any_notes = with_notes.iter().any(|&n| n);
    emit(
        "[Content_Types].xml".to_owned(),
        content_types(with_notes.len(), with_notes),
    )?;
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
    )?;
    emit("docProps/core.xml".to_owned(), core_xml(c))?;
    emit("docProps/app.xml".to_owned(), app_xml(with_notes.len()))?;
    emit(
        "ppt/presentation.xml".to_owned(),
        presentation_xml(with_notes.len(), any_notes),
    )?;
    Ok(())
}

/// The presentation's relationships and its small parts.
fn presentation_parts(with_notes: &[bool], emit: Emit<'_>) -> std::io::Result<()> {
    let any_notes = with_notes.iter().any(|&n| n);
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
    for n in 1..=with_notes.len() {
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
    )?;
    emit(
        "ppt/presProps.xml".to_owned(),
        format!(
            "{XML_HEAD}<p:presentationPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"/>"
        ),
    )?;
    emit(
        "ppt/viewProps.xml".to_owned(),
        format!(
            "{XML_HEAD}<p:viewPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"80000\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        ),
    )?;
    emit("ppt/tableStyles.xml".to_owned(), table_styles_xml())?;
    Ok(())
}

/// The slide master, its layout and theme, and the notes master when a
/// slide has notes.
fn master_parts(any_notes: bool, emit: Emit<'_>) -> std::io::Result<()> {
    emit("ppt/slideMasters/slideMaster1.xml".to_owned(), master_xml())?;
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
    )?;
    emit("ppt/slideLayouts/slideLayout1.xml".to_owned(), layout_xml())?;
    emit(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".to_owned(),
        rels(&[(
            "rId1".to_owned(),
            "slideMaster",
            "../slideMasters/slideMaster1.xml".to_owned(),
            false,
        )]),
    )?;
    emit("ppt/theme/theme1.xml".to_owned(), theme_xml())?;
    if any_notes {
        emit(
            "ppt/notesMasters/notesMaster1.xml".to_owned(),
            notes_master_xml(),
        )?;
        emit(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".to_owned(),
            rels(&[(
                "rId1".to_owned(),
                "theme",
                "../theme/theme2.xml".to_owned(),
                false,
            )]),
        )?;
        emit("ppt/theme/theme2.xml".to_owned(), theme_xml())?;
    }
    Ok(())
}

/// Slide `n`'s parts after its XML: its notes page, when it has one, and
/// its relationships (the layout, its `links`, the notes page).
fn slide_rest(n: usize, slide: &Slide, links: Vec<String>, emit: Emit<'_>) -> std::io::Result<()> {
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
        )?;
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
        )?;
    }
    emit(format!("ppt/slides/_rels/slide{n}.xml.rels"), rels(&items))?;
    Ok(())
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
