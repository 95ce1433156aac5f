//! One slide's XML part: its heading, text boxes and native tables.

use std::fmt::Write as _;

use super::deck::{Block, Slide, TableRow};
use super::grow::Scale;
use super::text::{emu, is_rtl, lang_of, push_escaped, script_runs};
use super::{
    CODE_FONT, HEADING_GAP, HEADING_SIZE, HIGHLIGHT_FILL, LINE_PX, NS_A, NS_P, NS_R, PAD_X, PAD_Y,
    SLIDE_H, SLIDE_W, TABLE_STYLE, TITLE_SIZE, XML_HEAD,
};
use crate::export::layout::{
    HEADING_CHARS, HEADING_LINE, PARAGRAPH_GAP, ROW_LINE, TITLE_CHARS, TITLE_LINE, lines_of,
};
use crate::export::sink::{Sink, unobserved};
use crate::export::{clean, split_bare_urls};
use crate::model::Span;

/// One slide's XML part and its relationships (hyperlinks), built together:
/// the XML goes out a table row at a time, the links are kept for the
/// slide's relationships part.
pub(super) struct SlideXml<'w> {
    xml: Sink<'w>,
    /// The hyperlinks' targets, in order: relationship `rId{k + 2}`
    /// (`rId1` is the layout).
    links: Vec<String>,
    next_id: u32,
}

/// How a run is written.
#[derive(Clone, Copy)]
pub(super) struct RunStyle {
    size: u32,
    bold: bool,
}

impl<'w> SlideXml<'w> {
    fn new(out: &'w mut dyn std::io::Write) -> Self {
        let mut xml = Sink::new(out, &unobserved);
        xml.push_str(XML_HEAD);
        let _ = write!(
            xml,
            "<p:sld xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:spTree>"
        );
        xml.push_str(GROUP_START);
        Self {
            xml,
            links: Vec::new(),
            next_id: 2,
        }
    }

    fn link_id(&mut self, url: &str) -> usize {
        if let Some(k) = self.links.iter().position(|l| l == url) {
            return k + 2;
        }
        self.links.push(url.to_owned());
        self.links.len() + 1
    }

    fn shape_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A text box at (`x`, `y`) px of `w` × `h` px holding paragraphs.
    fn text_box(&mut self, name: &str, rect: [f64; 4], body: &str) {
        let id = self.shape_id();
        let [x, y, w, h] = rect;
        let _ = write!(
            self.xml,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm><a:prstGeom prst=\"rect\"/></p:spPr>\
<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:noAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>",
            emu(x),
            emu(y),
            emu(w),
            emu(h),
        );
    }

    /// A paragraph of runs, with the line height fixed to `line_px` and
    /// `after_px` of space after it.
    fn paragraph(
        &mut self,
        spans: &[Span],
        style: RunStyle,
        [line_px, after_px]: [f64; 2],
        bullet: bool,
    ) -> String {
        let mut p = String::from("<a:p><a:pPr");
        if bullet {
            p.push_str(" marL=\"342900\" indent=\"-342900\"");
        }
        if is_rtl(spans) {
            p.push_str(" rtl=\"1\"");
        }
        let _ = write!(
            p,
            "><a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc>",
            hundredths_of_points(line_px)
        );
        if after_px > 0.0 {
            let _ = write!(
                p,
                "<a:spcAft><a:spcPts val=\"{}\"/></a:spcAft>",
                hundredths_of_points(after_px)
            );
        }
        if bullet {
            p.push_str("<a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/>");
        }
        p.push_str("</a:pPr>");
        let before = p.len();
        for span in spans {
            self.runs(&mut p, span, style);
        }
        if p.len() == before {
            // An empty paragraph keeps its height at the run size.
            let _ = write!(p, "<a:endParaRPr lang=\"en-US\" sz=\"{}\"/>", style.size);
        }
        p.push_str("</a:p>");
        p
    }

    /// A span's runs: a line break inside it becomes `a:br`, and a bare
    /// web address a link of its own.
    fn runs(&mut self, p: &mut String, span: &Span, style: RunStyle) {
        let text = clean(&span.text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                let _ = write!(
                    p,
                    "<a:br><a:rPr lang=\"en-US\" sz=\"{}\"/></a:br>",
                    style.size
                );
            }
            if span.link.is_some() || span.code {
                self.run(p, line, span, span.link.as_deref(), style);
            } else {
                for (part, is_url) in split_bare_urls(line) {
                    self.run(p, part, span, is_url.then_some(part), style);
                }
            }
        }
    }

    /// `text` of `span` as runs, one for each script in it.
    fn run(
        &mut self,
        p: &mut String,
        text: &str,
        span: &Span,
        link: Option<&str>,
        style: RunStyle,
    ) {
        for text in script_runs(text).filter(|part| !part.is_empty()) {
            let lang = lang_of(text);
            let _ = write!(p, "<a:r><a:rPr lang=\"{lang}\"");
            if lang != "en-US" {
                p.push_str(" altLang=\"en-US\"");
            }
            let _ = write!(p, " sz=\"{}\"", style.size);
            if span.strong || style.bold {
                p.push_str(" b=\"1\"");
            }
            if span.emphasis {
                p.push_str(" i=\"1\"");
            }
            let empty = p.len();
            p.push('>');
            if span.code {
                let _ = write!(
                    p,
                    "<a:latin typeface=\"{CODE_FONT}\"/><a:cs typeface=\"{CODE_FONT}\"/>"
                );
            }
            if let Some(url) = link {
                let id = self.link_id(url);
                let _ = write!(p, "<a:hlinkClick r:id=\"rId{id}\"/>");
            }
            if p.len() == empty + 1 {
                // No child: `<a:rPr …/>`.
                p.truncate(empty);
                p.push_str("/><a:t>");
            } else {
                p.push_str("</a:rPr><a:t>");
            }
            push_escaped(p, text);
            p.push_str("</a:t></a:r>");
        }
    }

    /// A native table at `y` px, the width of the slide's content.
    fn table(
        &mut self,
        y: f64,
        (header, rows): (&TableRow, &[TableRow]),
        scale: Scale,
    ) -> std::io::Result<f64> {
        let id = self.shape_id();
        let columns = header.columns().max(1);
        let width = SLIDE_W - 2.0 * PAD_X;
        let columns_i = i64::try_from(columns).unwrap_or(1);
        let column_w = emu(width) / columns_i;
        let total_w = column_w * columns_i;
        let mut height = 0.0;
        let mut heights = Vec::with_capacity(rows.len() + 1);
        let mut total_h = 0;
        for r in std::iter::once(header).chain(rows) {
            let px = scale.row_height(r, columns);
            height += px;
            let h = emu(px);
            heights.push(h);
            total_h += h;
        }
        let _ = write!(
            self.xml,
            "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Table {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>\
<p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{total_w}\" cy=\"{total_h}\"/></p:xfrm>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>",
            emu(PAD_X),
            emu(y),
        );
        for _ in 0..columns {
            let _ = write!(self.xml, "<a:gridCol w=\"{column_w}\"/>");
        }
        self.xml.push_str("</a:tblGrid>");
        let line_px = scale.px(f64::from(ROW_LINE));
        for (k, row) in std::iter::once(header).chain(rows).enumerate() {
            let is_header = k == 0;
            let _ = write!(self.xml, "<a:tr h=\"{}\">", heights[k]);
            let style = RunStyle {
                size: scale.table_size(),
                bold: is_header || row.highlighted,
            };
            for cell in row.cells() {
                let p = self.paragraph(&cell, style, [line_px, 0.0], false);
                self.xml
                    .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
                self.xml.push_str(&p);
                // The table style (`tableStyles.xml`) draws the rules and
                // the header's fill; a highlighted row is tinted here.
                if row.highlighted && !is_header {
                    let _ = write!(
                        self.xml,
                        "</a:txBody><a:tcPr><a:solidFill><a:srgbClr val=\"{HIGHLIGHT_FILL}\"/></a:solidFill></a:tcPr></a:tc>"
                    );
                } else {
                    self.xml.push_str("</a:txBody><a:tcPr/></a:tc>");
                }
                // A row of a thousand columns is a few hundred kilobytes.
                self.xml.spill()?;
            }
            self.xml.push_str("</a:tr>");
        }
        self.xml
            .push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
        Ok(height)
    }

    fn finish(mut self) -> std::io::Result<Vec<String>> {
        self.xml.push_str(
            "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        );
        self.xml.finish()?;
        Ok(self.links)
    }
}

/// The start of a shape tree: its group's properties.
pub(super) const GROUP_START: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
<p:grpSpPr/>";

/// A length of `px` pixels in hundredths of a point (the `spcPts` of `DrawingML`):
/// a slide's 1280 px are 960 pt.
fn hundredths_of_points(px: f64) -> u32 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a line height or gap of a few dozen points"
    )]
    let points = (px * 75.0).round() as u32;
    points
}

/// The height of a slide's heading, in pixels.
pub(super) fn heading_height(slide: &Slide) -> f64 {
    let (chars, line) = if slide.title {
        (TITLE_CHARS, TITLE_LINE)
    } else {
        (HEADING_CHARS, HEADING_LINE)
    };
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let lines = lines_of(&slide.heading_plain, chars) as f64;
    lines * f64::from(line) * LINE_PX
}

/// Writes a slide's XML into `out` (a table row at a time) and returns its
/// hyperlinks.
pub(super) fn write_slide(
    slide: &Slide,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<String>> {
    let mut s = SlideXml::new(out);
    let content_w = SLIDE_W - 2.0 * PAD_X;
    let x = PAD_X;
    let top = PAD_Y;
    let bottom = SLIDE_H - PAD_Y;
    // The body's height by the rule; the heading gets what is left above
    // it (all it needs, unless a very long title must shrink to fit).
    let heading_h = heading(&mut s, slide, bottom - top - Scale::ONE.body_height(slide));
    // A body with room to spare grows its type (up to a cap).
    let scale = Scale::to_fill(slide, bottom - top - heading_h - HEADING_GAP * LINE_PX);
    let body = scale.body_height(slide);
    // Room under the heading, as the Marp deck's `h2` margin, where the
    // slide has it to spare.
    let gap = (bottom - top - body - heading_h).clamp(0.0, HEADING_GAP * LINE_PX);
    let mut y = top + heading_h + gap;
    // Paragraphs in a row share one text box (one text to edit), each
    // with the rule's gap after it.
    let mut text = String::new();
    let mut text_h = 0.0;
    let style = RunStyle {
        size: scale.body_size(),
        bold: false,
    };
    let gap = scale.px(f64::from(PARAGRAPH_GAP));
    for block in &slide.blocks {
        match block {
            Block::Text {
                spans,
                bullet,
                cost,
            } => {
                text.push_str(&s.paragraph(spans, style, [scale.px(1.0), gap], *bullet));
                text_h += scale.text_height(spans, *cost);
            }
            Block::Table { header, rows } => {
                if !text.is_empty() {
                    s.text_box("Text", [x, y, content_w, text_h], &text);
                    y += text_h;
                    text.clear();
                    text_h = 0.0;
                }
                y += s.table(y, (header, rows), scale)?;
                y += gap;
            }
        }
    }
    if !text.is_empty() {
        s.text_box("Text", [x, y, content_w, text_h], &text);
    }
    s.finish()
}

/// The slide's heading in a text box at the top, in the room `free` (px)
/// that the body leaves (all it needs, unless a very long title must
/// shrink to fit); returns its height.
fn heading(s: &mut SlideXml<'_>, slide: &Slide, free: f64) -> f64 {
    let wanted = heading_height(slide);
    let heading_h = wanted.min(free.max(LINE_PX));
    let size = if slide.title {
        TITLE_SIZE
    } else {
        HEADING_SIZE
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a type size of a few dozen points"
    )]
    let size = (f64::from(size) * (heading_h / wanted).min(1.0)).round() as u32;
    let line = if slide.title {
        TITLE_LINE
    } else {
        HEADING_LINE
    };
    let heading_line = f64::from(line) * LINE_PX * (heading_h / wanted).min(1.0);
    let p = s.paragraph(
        &slide.heading,
        RunStyle { size, bold: true },
        [heading_line, 0.0],
        false,
    );
    s.text_box(
        "Title",
        [PAD_X, PAD_Y, SLIDE_W - 2.0 * PAD_X, heading_h],
        &p,
    );
    heading_h
}
