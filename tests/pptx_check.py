"""Reads a .pptx with python-pptx and prints what tests/pptx.rs compares.

Usage: pptx_check.py [--quick] DECK.pptx

Prints one line per item, fields separated by tabs, text escaped
(backslash, newline as \\n, tab as \\t, a line break inside a paragraph as
\\v):
    size  WIDTH  HEIGHT                      the slide size, EMU
    slide N  NOTES                            NOTES is "-" (no notes page)
                                              or "=" then the notes text
    text  TEXT                                a text box, in order
    head  CELL...                             a table's first row
    row   CELL...                             a table's other rows
Then checks, failing (exit 1, one line per problem on stderr) when a shape
lies outside the slide, or a text box or table row is shorter than its text
needs: the text is wrapped at the shape's width with the real font's
metrics (Liberation Sans, which stands in for Arial, from fc-match) at the
run's size, and each line takes the paragraph's fixed line spacing.
With --quick, the text is not measured (the shapes' places still are).
"""

import subprocess
import sys

from PIL import ImageFont
from pptx import Presentation
from pptx.util import Emu

EMU_PER_PX = 9525


def esc(text):
    return (
        text.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\v", "\\v")
    )


def font_file(bold):
    style = "Bold" if bold else "Regular"
    out = subprocess.run(
        ["fc-match", "-f", "%{file}", f"Liberation Sans:style={style}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


FONTS = {}


def font(px, bold):
    key = (round(px * 4), bold)
    if key not in FONTS:
        FONTS[key] = ImageFont.truetype(font_file(bold), px)
    return FONTS[key]


def width(text, px, bold):
    """The text's width in px: the font's advance, a full em for the wide
    (CJK) characters Liberation Sans lacks."""
    f = font(px, bold)
    wide = sum(1 for ch in text if ord(ch) >= 0x2E80)
    if not wide:
        return f.getlength(text)
    narrow = "".join(ch for ch in text if ord(ch) < 0x2E80)
    return f.getlength(narrow) + wide * px


def lines_needed(paragraph_text, px, bold, room):
    """Greedy word wrap of one paragraph (its \\v line breaks kept)."""
    lines = 0
    for line in paragraph_text.split("\v"):
        current = 0.0
        count = 1
        for word in line.split(" "):
            w = width(word, px, bold)
            space = width(" ", px, bold) if current > 0 else 0.0
            if current > 0 and current + space + w > room:
                count += 1
                current = 0.0
                space = 0.0
            if w > room:
                # A word longer than the line breaks anywhere.
                count += int(w // room)
                current = w % room
            else:
                current += space + w
        lines += count
    return lines


def paragraph_height(paragraph, room_px):
    runs = paragraph.runs
    sizes = [r.font.size for r in runs if r.font.size is not None]
    px = (max(sizes) if sizes else Emu(16 * EMU_PER_PX * 0.75)).pt / 0.75
    bold = any(r.font.bold for r in runs)
    spacing = paragraph.line_spacing
    line_px = spacing.pt / 0.75 if spacing is not None else px * 1.2
    # A bullet's text starts at its left margin.
    pPr = paragraph._p.pPr
    if pPr is not None and pPr.get("marL"):
        room_px -= int(pPr.get("marL")) / EMU_PER_PX
    # Line breaks (a:br) show in paragraph.text as \v.
    return lines_needed(paragraph.text, px, bold, room_px) * line_px


def main():
    args = sys.argv[1:]
    quick = "--quick" in args
    deck = Presentation([a for a in args if a != "--quick"][0])
    W, H = deck.slide_width, deck.slide_height
    out = [f"size\t{W}\t{H}"]
    problems = []
    for n, slide in enumerate(deck.slides, 1):
        if slide.has_notes_slide:
            notes = "=" + esc(slide.notes_slide.notes_text_frame.text)
        else:
            notes = "-"
        out.append(f"slide\t{n}\t{notes}")
        for shape in slide.shapes:
            l, t, w, h = shape.left, shape.top, shape.width, shape.height
            where = f"slide {n}, {shape.name}"
            if l < 0 or t < 0 or l + w > W or t + h > H:
                problems.append(f"{where}: outside the slide ({l}, {t}, {w}, {h})")
            if shape.has_table:
                table = shape.table
                heights = sum(row.height for row in table.rows)
                if heights > h:
                    problems.append(f"{where}: rows {heights} taller than the frame {h}")
                for r, row in enumerate(table.rows):
                    cells = []
                    for c, cell in enumerate(row.cells):
                        cells.append(esc(cell.text))
                        if quick:
                            continue
                        room = (table.columns[c].width - cell.margin_left - cell.margin_right) / EMU_PER_PX
                        need = sum(paragraph_height(p, room) for p in cell.text_frame.paragraphs)
                        need += (cell.margin_top + cell.margin_bottom) / EMU_PER_PX
                        if need > row.height / EMU_PER_PX + 0.5:
                            problems.append(
                                f"{where}: row {r} is {row.height / EMU_PER_PX:.1f} px, "
                                f"cell {c} needs {need:.1f} px: {cell.text!r}"
                            )
                    out.append(("head" if r == 0 else "row") + "\t" + "\t".join(cells))
            elif shape.has_text_frame:
                frame = shape.text_frame
                out.append("text\t" + esc(frame.text))
                if quick:
                    continue
                room = w / EMU_PER_PX
                need = sum(paragraph_height(p, room) for p in frame.paragraphs)
                if need > h / EMU_PER_PX + 0.5:
                    problems.append(
                        f"{where}: {h / EMU_PER_PX:.1f} px high, its text needs {need:.1f} px: "
                        f"{frame.text[:80]!r}"
                    )
    print("\n".join(out))
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


main()
