#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the fuzz targets into fuzz/seeds/.

Run from anywhere: python3 fuzz/make-seeds.py. The seeds are committed; run
this again only to change them. They are: the repository's content and
notes files (data/, the examples in docs/, the RON literals in tests/*.rs),
small versions of the attack cases of issue 7, and hostile text.
"""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "seeds")


def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def q(s):
    """A RON string literal."""
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# The repository's files.
for path in sorted(glob.glob(os.path.join(ROOT, "data", "*.ron"))):
    write("content", "data-" + os.path.basename(path), open(path, "rb").read())
for doc, target in (("content-format.md", "content"), ("notes-format.md", "notes")):
    text = open(os.path.join(ROOT, "docs", doc), encoding="utf-8").read()
    for i, block in enumerate(re.findall(r"```ron\n(.*?)```", text, re.S)):
        write(target, f"docs-{doc[:-3]}-{i}.ron", block)
for path in sorted(glob.glob(os.path.join(ROOT, "tests", "*.rs"))):
    src = open(path, encoding="utf-8").read()
    stem = os.path.basename(path)[:-3]
    for i, m in enumerate(re.finditer(r'b?r(#+)"(.*?)"\1', src, re.S)):
        body = m.group(2)
        if body.lstrip().startswith("Comparison("):
            write("content", f"tests-{stem}-{i}.ron", body)
        elif body.lstrip().startswith("Notes("):
            write("notes", f"tests-{stem}-{i}.ron", body)


def comparison(subjects, dimensions, **extra):
    fields = [f"title: {q(extra.get('title', 'T'))}"]
    for key in ("intro", "conclusion"):
        if key in extra:
            fields.append(f"{key}: {q(extra[key])}")
    fields.append(
        "subjects: [" + ", ".join(f"(id: {q(i)}, name: {q(n)})" for i, n in subjects) + "]"
    )
    fields.append("dimensions: [" + ",\n".join(dimensions) + "]")
    if "sources" in extra:
        fields.append("sources: [" + ", ".join(q(s) for s in extra["sources"]) + "]")
    return "Comparison(\n" + ",\n".join(fields) + ",\n)\n"


def side_map(pairs):
    return "{" + ", ".join(f"{q(k)}: {q(v)}" for k, v in pairs) + "}"


AB = [("a", "Alpha"), ("b", "Beta")]

# Issue 7, case 7: one sides map with many keys (small: 500).
write("content", "attack-sides-many-keys.ron", comparison(AB, [
    f'(id: "d", title: "D", points: [(aspect: "p", sides: '
    + side_map([(f"k{i}", "") for i in range(500)]) + ")])"
]))
# Case 8: many subjects and many unknown side keys (small: 100 × 100).
many = [(f"s{i}", f"S{i}") for i in range(100)]
write("content", "attack-unknown-keys.ron", comparison(many, [
    f'(id: "d", title: "D", points: [(aspect: "p", sides: '
    + side_map([(f"u{i}", "") for i in range(100)]) + ")])"
]))
# Case 9: many subjects × many points with empty sides (small: 100 × 100).
many = [(f"s{i}", f"S{i}") for i in range(100)]
write("content", "attack-empty-sides.ron", comparison(many, [
    '(id: "d", title: "D", points: ['
    + ", ".join(f'(aspect: "p{i}", sides: {{}})' for i in range(100)) + "])"
]))
# Case 10: a long `*a*a*a…` field (small: 4 KB), in text every exporter
# writes.
stars = "*a" * 2000
write("content", "attack-star-a.ron", comparison(AB, [
    f'(id: "d", title: {q(stars[:200])}, summary: {{"a": {q(stars)}}}, '
    f'points: [(aspect: "p", sides: {{"a": {q(stars)}, "b": "x"}})])'
], intro=stars[:1000]))

# Hostile text in every field.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))", "[x](https://x.org/\"onclick=\"alert(1))",
    "# heading\n> quote\n---\n- item\n1. one\n+ plus\n===", "a | b \\| c",
    "`code | with | pipes` and ``` fence ```", "--> and <!-- comment",
    "\r\n\u0000\u0085\u2028\u202e\ufeff", "[r]: javascript:alert(1)\n\n[y][r]",
    "![i](https://x.org/i.png) <https://x.org> <mailto:a@b.org>",
    "theme: gaia", "<!-- _class: lead -->", "*a*a*a*a*a**a**", "你好。世界! Ok. ",
]
write("content", "hostile.ron", comparison(
    [("a", HOSTILE[0]), ("b", HOSTILE[1]), ("c", HOSTILE[4])],
    [
        f"(id: {q('d' + str(i))}, title: {q(h)}, "
        f"summary: {side_map([('a', h), ('b', HOSTILE[-1 - i])])}, "
        f"points: [(aspect: {q(h)}, sides: {side_map([('a', h), ('c', HOSTILE[(i + 3) % len(HOSTILE)])])}), "
        f"(aspect: \"x\", sides: {{}})], common: [{q(h)}, \"---\"])"
        for i, h in enumerate(HOSTILE)
    ],
    title=HOSTILE[2], intro=HOSTILE[3], conclusion=HOSTILE[7], sources=HOSTILE,
))
# A notes file given as content.
write("content", "notes-as-content.ron",
      'Notes(comparison: "T", dimensions: {"d": DimensionNotes(starred: true)})\n')

# Notes: with a UTF-8 BOM, starting with `#`, a comparison given as notes,
# hostile text, and RON's extensions.
NOTES = (
    'Notes(\n    comparison: "T",\n    overall: "Frame.",\n    dimensions: {\n'
    '        "risk": DimensionNotes(text: "Open with **risk**.", starred: true, '
    'highlights: ["Typical risks"]),\n    },\n)\n'
)
write("notes", "bom.ron", "\ufeff" + NOTES)
write("notes", "hash-comment.ron", "# My notes\n" + NOTES)
write("notes", "enable-attribute.ron", "#![enable(implicit_some, unwrap_newtypes)]\n" + NOTES)
write("notes", "comparison-as-notes.ron",
      open(os.path.join(ROOT, "fuzz", "seeds", "content", "docs-content-format-0.ron"), encoding="utf-8").read())
write("notes", "hostile.ron", "Notes(comparison: {}, overall: {}, dimensions: {{{}}})\n".format(
    q(HOSTILE[0]), q("\n".join(HOSTILE)),
    ", ".join(f'{q(d)}: (text: {q(h)}, starred: {"true" if i % 2 else "false"}, highlights: [{q(h)}, "Typical risks"])'
              for i, (d, h) in enumerate(zip(
                  ["risk", "scope", "stakeholders", "success", "d0", ""], HOSTILE)))))
write("notes", "empty-struct.ron", "Notes()\n")
write("notes", "raw-strings.ron", 'Notes(overall: r#"raw "quoted" --> text"#, comparison: "\\u{202e}x")\n')
