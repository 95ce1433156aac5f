//! The PowerPoint export, checked by the real tools that open it:
//! LibreOffice Impress converts each deck to PDF (one page per slide, every
//! word of the source in the text, every word inside its page), and
//! python-pptx reads it back (every table cell, every notes page, every
//! shape inside the slide, every row and text box tall enough for its text
//! at its font size; see `tests/pptx_check.py`).
//!
//! `scripts/test.sh` installs the tools (libreoffice-impress, poppler-utils,
//! fonts-liberation2; python-pptx and Pillow in `.venv-pptx`). A missing
//! tool fails the test, saying so: these checks never skip silently.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on purpose"
)]

mod common;
#[path = "common/generated.rs"]
mod generated;

use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use versus::export::{ExportOptions, Format, export, selected_dimensions, shown_subjects};
use versus::model::{Comparison, plain_text};
use versus::notes::{Notes, Rehearsal, Verdict};

/// The longest a LibreOffice conversion may take before it counts as hung.
const SOFFICE_LIMIT: Duration = Duration::from_secs(90);

/// LibreOffice and python-pptx runs share it; the timing of the
/// 10,000-dimension export takes it alone, so that the other tests of this
/// file do not take the two cores from one export and not the other.
static HEAVY: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// A share of [`HEAVY`], for a run of LibreOffice or python-pptx.
fn heavy() -> std::sync::RwLockReadGuard<'static, ()> {
    HEAVY
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
/// The longest python-pptx may take to read a deck.
const PYTHON_LIMIT: Duration = Duration::from_secs(90);

/// What a bounded run printed.
struct Output {
    stdout: String,
    stderr: String,
    success: bool,
}

/// Runs `command`, killed after `limit`; panics (saying what) when it
/// cannot start or hangs.
fn run(mut command: Command, limit: Duration) -> Output {
    let what = format!("{command:?}");
    let (status, out, err) = common::cli::bounded(&mut command, limit, &what);
    Output {
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        success: status.success(),
    }
}

/// A tool the checks need, or a failure that says how to get it.
fn tool(name: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("`{name}` is not installed: run scripts/test.sh, which installs {package}")
    })
}

/// The Python that has python-pptx and Pillow: `.venv-pptx`, made by
/// scripts/test.sh, else `python3`.
fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-pptx/bin/python");
    let python = if venv.is_file() {
        venv
    } else {
        tool("python3", "python3")
    };
    let mut probe = Command::new(&python);
    probe.args(["-c", "import pptx, PIL"]);
    let out = run(probe, PYTHON_LIMIT);
    assert!(
        out.success,
        "{} cannot import python-pptx and Pillow: run scripts/test.sh, which installs them into .venv-pptx\n{}",
        python.display(),
        out.stderr
    );
    python
}

/// Exports `content` (with `notes`, when given) as PPTX through the real
/// binary, with `flags`; returns the deck's path.
fn export_deck(dir: &Path, content: &Path, notes: Option<&Path>, flags: &[&str]) -> PathBuf {
    let out = dir.join("deck.pptx");
    let mut command = Command::new(env!("CARGO_BIN_EXE_versus"));
    command
        .arg("export")
        .arg(content)
        .args(["--format", "pptx", "--out"])
        .arg(&out)
        .args(flags)
        .env("VERSUS_DATA_DIR", dir.join("data"));
    if let Some(notes) = notes {
        command.arg("--notes").arg(notes);
    }
    let run = run(command, Duration::from_mins(2));
    assert!(run.success, "export failed: {}", run.stderr);
    out
}

/// One slide as python-pptx reads it.
#[derive(Debug, Default)]
struct Slide {
    /// The notes page's text; `None`: no notes page.
    notes: Option<String>,
    /// The text boxes' text, in order (the heading first).
    texts: Vec<String>,
    /// The tables: each a header row, then rows.
    tables: Vec<Vec<Vec<String>>>,
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch == '\\' {
            match chars.next() {
                // A line break inside a paragraph (\v) reads as a newline.
                Some('n' | 'v') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// Reads `deck` with python-pptx (which also checks the geometry: see
/// `tests/pptx_check.py`); panics with every problem it found.
fn read_back(deck: &Path) -> Vec<Slide> {
    read_back_with(deck, &[])
}

/// Like [`read_back`], with the checker's flags.
fn read_back_with(deck: &Path, flags: &[&str]) -> Vec<Slide> {
    let mut command = Command::new(python());
    command
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pptx_check.py"))
        .args(flags)
        .arg(deck);
    let out = {
        let _shared = heavy();
        run(command, PYTHON_LIMIT)
    };
    assert!(
        out.success,
        "python-pptx check failed:\n{}",
        out.stderr.chars().take(4000).collect::<String>()
    );
    let mut slides: Vec<Slide> = Vec::new();
    for line in out.stdout.lines() {
        let mut fields = line.split('\t');
        let kind = fields.next().unwrap();
        let fields: Vec<String> = fields.map(unescape).collect();
        match kind {
            "size" => assert_eq!(fields, ["12192000", "6858000"], "16:9"),
            "slide" => slides.push(Slide {
                notes: fields[1].strip_prefix('=').map(str::to_owned),
                ..Slide::default()
            }),
            "text" => slides.last_mut().unwrap().texts.push(fields.concat()),
            "head" => slides.last_mut().unwrap().tables.push(vec![fields]),
            "row" => slides
                .last_mut()
                .unwrap()
                .tables
                .last_mut()
                .unwrap()
                .push(fields),
            other => panic!("unknown line {other}"),
        }
    }
    slides
}

/// Converts `deck` to PDF with LibreOffice Impress (headless, its own
/// profile so that runs in parallel do not share one); returns the PDF.
fn to_pdf(dir: &Path, deck: &Path) -> PathBuf {
    let soffice = tool("soffice", "libreoffice-impress");
    let _shared = heavy();
    let profile = dir.join("lo-profile");
    let mut command = Command::new(soffice);
    command
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(deck);
    let out = run(command, SOFFICE_LIMIT);
    let pdf = deck.with_extension("pdf");
    assert!(
        out.success && pdf.is_file(),
        "LibreOffice did not convert {}:\n{}\n{}",
        deck.display(),
        out.stdout,
        out.stderr
    );
    pdf
}

fn pdf_pages(pdf: &Path) -> usize {
    let mut command = Command::new(tool("pdfinfo", "poppler-utils"));
    command.arg(pdf);
    let out = run(command, PYTHON_LIMIT);
    out.stdout
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

fn pdf_text(pdf: &Path) -> String {
    let mut command = Command::new(tool("pdftotext", "poppler-utils"));
    command.arg(pdf).arg("-");
    run(command, PYTHON_LIMIT).stdout
}

/// Every word `pdftotext -bbox` finds lies inside its page.
fn assert_words_inside_pages(pdf: &Path) {
    let mut command = Command::new(tool("pdftotext", "poppler-utils"));
    command.arg("-bbox").arg(pdf).arg("-");
    let html = run(command, PYTHON_LIMIT).stdout;
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let (mut width, mut height) = (0.0, 0.0);
    let mut words = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            width = attr(line, "width");
            height = attr(line, "height");
        } else if line.starts_with("<word ") {
            words += 1;
            let (x, y) = (attr(line, "xMax"), attr(line, "yMax"));
            assert!(
                attr(line, "xMin") >= 0.0 && attr(line, "yMin") >= 0.0,
                "{line}"
            );
            assert!(
                x <= width + 0.5 && y <= height + 0.5,
                "a word outside its {width}×{height} page: {line}"
            );
        }
    }
    assert!(words > 0, "no words in {}", pdf.display());
}

/// Every word the author wrote that the export shows, markup aside.
fn source_words(c: &Comparison, notes: &Notes, options: &ExportOptions) -> Vec<String> {
    let mut texts: Vec<String> = vec![c.title.clone(), c.intro.clone(), c.conclusion.clone()];
    texts.extend(c.sources.iter().cloned());
    let cols = shown_subjects(c, options);
    for &i in &cols {
        texts.push(c.subjects[i].name.clone());
        texts.push(c.subjects[i].label().to_owned());
    }
    for d in selected_dimensions(c, notes, options) {
        texts.push(d.title.clone());
        texts.extend(d.common.iter().cloned());
        for p in &d.points {
            texts.push(p.aspect.clone());
            for &i in &cols {
                if let Some(side) = p.sides.get(&c.subjects[i].id) {
                    texts.push(side.to_owned());
                }
            }
        }
        if options.include_summaries {
            for &i in &cols {
                if let Some(s) = d.summary.get(&c.subjects[i].id) {
                    texts.push(s.to_owned());
                }
            }
        }
    }
    texts
        .iter()
        .flat_map(|t| {
            plain_text(t)
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The rows each exported dimension's table must hold, in order: the
/// aspect and each shown subject's cell (`—` where it has none).
fn expected_rows(c: &Comparison, notes: &Notes, options: &ExportOptions) -> Vec<Vec<String>> {
    let cols = shown_subjects(c, options);
    let mut rows = Vec::new();
    for d in selected_dimensions(c, notes, options) {
        for p in &d.points {
            let mut row = vec![plain_text(&p.aspect)];
            for &i in &cols {
                let side = p
                    .sides
                    .get(&c.subjects[i].id)
                    .map(plain_text)
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| "—".to_owned());
                row.push(side);
            }
            rows.push(row);
        }
    }
    rows
}

/// The deck's dimension tables' rows (those headed `Aspect`), in order,
/// each header checked against the subjects' labels.
fn dimension_rows(slides: &[Slide], c: &Comparison, options: &ExportOptions) -> Vec<Vec<String>> {
    let mut header = vec!["Aspect".to_owned()];
    header.extend(
        shown_subjects(c, options)
            .iter()
            .map(|&i| plain_text(c.subjects[i].label())),
    );
    let mut rows = Vec::new();
    for table in slides.iter().flat_map(|s| &s.tables) {
        if table[0][0] == "Aspect" {
            assert_eq!(table[0], header, "each table is headed by the subjects");
            assert!(table.len() > 1, "a table with no rows");
            rows.extend(table[1..].iter().cloned());
        }
    }
    rows
}

/// Exports, reads back and converts one deck, checking everything the
/// tools can see; returns the slides.
fn check_deck(
    c: &Comparison,
    content: &Path,
    notes: &Notes,
    notes_path: Option<&Path>,
    options: &ExportOptions,
    flags: &[&str],
) -> Vec<Slide> {
    let dir = tempfile::tempdir().unwrap();
    let deck = export_deck(dir.path(), content, notes_path, flags);
    // The binary wrote what the library makes: one writer.
    assert_eq!(
        std::fs::read(&deck).unwrap(),
        export(Format::Pptx, c, notes, options)
    );
    let slides = read_back(&deck);
    assert_eq!(
        dimension_rows(&slides, c, options),
        expected_rows(c, notes, options),
        "every cell, in order"
    );
    let pdf = to_pdf(dir.path(), &deck);
    assert_eq!(pdf_pages(&pdf), slides.len(), "one page per slide");
    // pdftotext joins a word broken at its hyphen ("well-" "informed"
    // reads "wellinformed"): hyphens are left out on both sides.
    let text: String = pdf_text(&pdf)
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != '-')
        .collect();
    for word in source_words(c, notes, options) {
        assert!(
            text.contains(&word.replace('-', "")),
            "{word:?} is not in the PDF LibreOffice made"
        );
    }
    assert_words_inside_pages(&pdf);
    slides
}

fn sample_notes(c: &Comparison) -> Notes {
    let mut notes = Notes::for_comparison(&c.title);
    notes
        .overall
        .push_str("Frame the talk around *who owns what*.");
    notes.text_mut("scope").push_str(
        "Open with this: the **breadth** difference.\nThen see [PMI](https://www.pmi.org).",
    );
    notes.toggle_star("scope");
    notes.toggle_highlight("scope", "Breadth of scope");
    notes
        .text_mut("risk")
        .push_str("Ask who has lived through `scope creep`.");
    notes.talk.minutes = 20;
    for (id, subject, weight) in [("scope", Some("tm"), 3), ("risk", None, 2)] {
        let n = notes.entry(id);
        n.verdict = Some(subject.map_or(Verdict::Even, |s| Verdict::Subject(s.to_owned())));
        n.weight = Some(weight);
    }
    notes.entry("scope").budget = Some(300);
    notes.talk.record(Rehearsal {
        date: "2026-11-08 10:00".to_owned(),
        title: 25,
        seconds: [("scope".to_owned(), 320)].into(),
    });
    notes
}

fn built_in_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/project-vs-technology-management.ron")
}

fn write_notes(dir: &Path, notes: &Notes) -> PathBuf {
    let path = dir.join("notes.ron");
    std::fs::write(&path, notes.to_ron()).unwrap();
    path
}

/// The slide headed `title`.
fn slide<'a>(slides: &'a [Slide], title: &str) -> &'a Slide {
    slides
        .iter()
        .find(|s| s.texts.first().is_some_and(|t| t == title))
        .unwrap_or_else(|| panic!("no slide headed {title:?}"))
}

#[test]
fn the_built_in_deck_opens_in_libreoffice_and_python_pptx_with_its_notes() {
    let c = Comparison::built_in();
    let notes = sample_notes(&c);
    let dir = tempfile::tempdir().unwrap();
    let notes_path = write_notes(dir.path(), &notes);
    let options = ExportOptions::default();
    let slides = check_deck(
        &c,
        &built_in_path(),
        &notes,
        Some(&notes_path),
        &options,
        &[],
    );
    // The note, the budget and the rehearsal's time on the dimension's
    // first slide; none on its continuation.
    let scope = slide(&slides, "Scope");
    assert_eq!(
        scope.notes.as_deref(),
        Some(
            "Open with this: the breadth difference.\nThen see PMI (https://www.pmi.org).\n\
             Budget: 5:00 (set by hand)\nLast rehearsal: 5:20"
        )
    );
    let risk = slide(&slides, "Risk Management");
    let risk_notes = risk.notes.as_deref().unwrap();
    assert!(
        risk_notes.starts_with("Ask who has lived through scope creep.\nBudget: "),
        "{risk_notes}"
    );
    assert!(risk_notes.ends_with("Last rehearsal: not reached"));
    let title = &slides[0];
    assert_eq!(
        title.notes.as_deref(),
        Some(
            "Frame the talk around who owns what.\nLast rehearsal: 2026-11-08 10:00 (5:45 in all, 0:25 on this slide)"
        )
    );
    // "Where each wins": the two verdicts, before the conclusion.
    let wins = slide(&slides, "Where each wins");
    assert_eq!(
        wins.tables[0],
        [
            vec!["Dimension", "Matters", "Better fit"],
            vec!["Scope", "3 of 3", "Technology Management"],
            vec!["Risk Management", "2 of 3", "Even"],
        ]
    );
    assert_eq!(
        slides.last().unwrap().texts[0],
        "Conclusion",
        "the conclusion ends the deck"
    );
}

#[test]
fn the_audience_deck_has_no_notes_page_no_star_and_no_verdicts() {
    let c = Comparison::built_in();
    let notes = sample_notes(&c);
    let dir = tempfile::tempdir().unwrap();
    let notes_path = write_notes(dir.path(), &notes);
    let options = ExportOptions {
        audience: true,
        ..ExportOptions::default()
    };
    let slides = check_deck(
        &c,
        &built_in_path(),
        &notes,
        Some(&notes_path),
        &options,
        &["--audience"],
    );
    for (n, s) in slides.iter().enumerate() {
        assert_eq!(s.notes, None, "slide {} has a notes page", n + 1);
        assert!(!s.texts.iter().any(|t| t.contains('★')));
        assert_ne!(s.texts[0], "Where each wins");
    }
    // Asked for, the verdicts are there, and still no notes page.
    let deck = export(
        Format::Pptx,
        &c,
        &notes,
        &ExportOptions {
            include_verdicts: true,
            ..options
        },
    );
    let names = part_names(&deck);
    assert!(!names.iter().any(|n| n.contains("notes")), "{names:?}");
    let text: String = names
        .iter()
        .filter(|n| n.starts_with("ppt/slides/slide"))
        .map(|n| part(&deck, n))
        .collect();
    assert!(text.contains(">Where each wins<"));
}

#[test]
fn three_subjects_with_long_names_fit_and_read_back() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/long-names.ron");
    let c = Comparison::load(&path).unwrap().comparison;
    let slides = check_deck(
        &c,
        &path,
        &Notes::default(),
        None,
        &ExportOptions::default(),
        &[],
    );
    assert!(slides.iter().all(|s| s.notes.is_none()));
}

/// Inline Markdown and every script: runs with their styles, links with
/// their relationships, `lang` per script, right-to-left paragraphs.
#[test]
fn markup_and_scripts_become_styled_runs_with_their_language() {
    let mut c = Comparison::built_in();
    c.dimensions.truncate(1);
    let d = &mut c.dimensions[0];
    d.title = "Ελληνικά and 中文 & <b>".to_owned();
    d.points.truncate(2);
    d.points[0].aspect =
        "**Bold** *italic* `code` [link](https://example.org/a?b=1&c=2)".to_owned();
    d.points[1].aspect = "עברית بالعربية".to_owned();
    for (_, text) in &mut d.points[1].sides.0 {
        *text = "日本語のテキスト and https://bare.example.com/x.".to_owned();
    }
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("scripts.ron");
    std::fs::write(&content, ron::to_string(&c).unwrap()).unwrap();
    let notes = Notes::default();
    let slides = check_deck(&c, &content, &notes, None, &ExportOptions::default(), &[]);
    assert_eq!(slides[1].texts[0], "Ελληνικά and 中文 & <b>");
    let deck = export(Format::Pptx, &c, &notes, &ExportOptions::default());
    let xml = part(&deck, "ppt/slides/slide3.xml");
    for needle in [
        "lang=\"el-GR\"",
        "lang=\"zh-CN\"",
        "lang=\"ja-JP\"",
        "lang=\"he-IL\"",
        "rtl=\"1\"",
        " b=\"1\"",
        " i=\"1\"",
        "<a:latin typeface=\"Courier New\"/>",
        "<a:hlinkClick r:id=\"rId2\"/>",
        "<a:hlinkClick r:id=\"rId3\"/>",
        "&amp; &lt;",
        "b&gt;",
    ] {
        let all = format!("{}{xml}", part(&deck, "ppt/slides/slide2.xml"));
        assert!(all.contains(needle), "{needle} missing");
    }
    let rels = part(&deck, "ppt/slides/_rels/slide3.xml.rels");
    assert!(
        rels.contains("Target=\"https://example.org/a?b=1&amp;c=2\" TargetMode=\"External\""),
        "{rels}"
    );
    assert!(
        rels.contains("Target=\"https://bare.example.com/x\""),
        "{rels}"
    );
}

fn part_names(deck: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

fn part(deck: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The 10,000-dimension file: exported through the binary, read back by
/// python-pptx (every cell; the geometry is the same code as above, so
/// `--quick` leaves out measuring each cell's text); LibreOffice's
/// conversion of its 10,000 slides is in BENCHMARKS.md, not here. Also
/// times the export against the Markdown export of the same file, in the
/// same run (the least of three runs of each, so a busy moment does not
/// decide), and prints both (BENCHMARKS.md).
#[test]
fn the_10_000_dimension_file_exports_reads_back_and_stays_linear() {
    let c = generated::generated(10_000);
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("generated-10k.ron");
    let mut file = std::fs::File::create(&content).unwrap();
    file.write_all(ron::to_string(&c).unwrap().as_bytes())
        .unwrap();
    drop(file);
    let time = |format: &str| {
        let out = dir.path().join(format!("timed.{format}"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_versus"));
        command
            .arg("export")
            .arg(&content)
            .args(["--format", format, "--force", "--out"])
            .arg(&out)
            .env("VERSUS_DATA_DIR", dir.path().join("data"));
        let start = Instant::now();
        let run = run(command, Duration::from_mins(2));
        assert!(run.success, "{}", run.stderr);
        start.elapsed()
    };
    let (mut markdown, mut pptx) = (Duration::MAX, Duration::MAX);
    let alone = HEAVY
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for _ in 0..3 {
        markdown = markdown.min(time("markdown"));
        pptx = pptx.min(time("pptx"));
    }
    drop(alone);
    let options = ExportOptions::default();
    let notes = Notes::default();
    let pure = |format: Format| {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                let bytes = export(format, &c, &notes, &options);
                (start.elapsed(), bytes.len())
            })
            .min()
            .unwrap()
    };
    let (pure_md, md_len) = pure(Format::Markdown);
    let (pure_pptx, pptx_len) = pure(Format::Pptx);
    println!(
        "10,000 dimensions, `versus export`: markdown {markdown:?}, pptx {pptx:?} (×{:.2}); \
         the writers alone: markdown {pure_md:?} ({md_len} bytes), pptx {pure_pptx:?} ({pptx_len} bytes, ×{:.2})",
        pptx.as_secs_f64() / markdown.as_secs_f64(),
        pure_pptx.as_secs_f64() / pure_md.as_secs_f64(),
    );
    // The goal is twice the Markdown export; on this machine, idle, the
    // deck takes 1.9 to 2.0 times as long, deflated on a second thread
    // (see BENCHMARKS.md). The bound leaves room for the other tests of this
    // file converting decks with LibreOffice meanwhile; it guards that the
    // deck stays linear (a slide's cost must not grow with the deck) and
    // keeps most of the gain (it took 4 to 6 times as long before).
    assert!(
        pptx <= markdown * 5,
        "the PPTX export took {pptx:?}, the Markdown export {markdown:?}"
    );

    let deck = dir.path().join("timed.pptx");
    let slides = read_back_with(&deck, &["--quick"]);
    assert!(slides.len() > 10_000);
    assert_eq!(
        dimension_rows(&slides, &c, &options),
        expected_rows(&c, &notes, &options)
    );
}

/// The export dialog offers the deck and writes it through the one writer.
#[test]
fn the_export_dialog_writes_the_powerpoint_deck() {
    use egui_kittest::kittest::Queryable as _;
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(versus::VersusApp::open_at_start(
        None,
        data.path().to_owned(),
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("PowerPoint (.pptx)").click();
    h.run();
    let suggested = h.state().export_dialog.field.path.clone();
    assert!(
        suggested.ends_with("project-management-vs-technology-management.pptx"),
        "{suggested}"
    );
    let out = out_dir.path().join("talk.pptx");
    h.get_by_label("Export to:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Export to:")
        .type_text(&out.display().to_string());
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    h.run();
    common::step_until(&mut h, 60, |app| !app.exporting());
    let c = Comparison::built_in();
    assert_eq!(
        std::fs::read(&out).unwrap(),
        export(
            Format::Pptx,
            &c,
            &Notes::for_comparison(&c.title),
            &ExportOptions::default()
        )
    );
    assert_eq!(read_back(&out).len(), 28);
}

/// The PowerPoint deck shares a long table out over its slides as the
/// Marp deck and the live show do: no slide with a lone row.
#[test]
fn a_long_table_is_split_into_balanced_slides() {
    let dir = tempfile::tempdir().unwrap();
    let counts = [11, 20, 37];
    let c = generated::many_rows(&counts);
    let content = dir.path().join("rows.ron");
    std::fs::write(&content, ron::ser::to_string(&c).unwrap()).unwrap();
    let slides = read_back(&export_deck(
        dir.path(),
        &content,
        None,
        &["--no-summaries"],
    ));
    for (d, &n) in c.dimensions.iter().zip(&counts) {
        let rows: Vec<usize> = slides
            .iter()
            .filter(|s| s.texts.first().is_some_and(|t| t.starts_with(&d.title)))
            .map(|s| s.tables.iter().map(|t| t.len() - 1).sum())
            .collect();
        assert_eq!(rows.iter().sum::<usize>(), n, "{}: {rows:?}", d.title);
        let (least, most) = (rows.iter().min().unwrap(), rows.iter().max().unwrap());
        assert!(least * 3 >= *most, "{n} rows over slides {rows:?}");
    }
}
