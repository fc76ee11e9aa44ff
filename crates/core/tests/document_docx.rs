//! The Word document, checked by real clients: python-docx reads its styles, headings, lists,
//! tables and properties, and LibreOffice (headless) converts it to PDF with every priority
//! in it. Both are installed by the README's test command (`scripts/dev test`); a test fails
//! naming that step when one is missing. LibreOffice takes seconds, so it converts once.

use std::path::{Path, PathBuf};
use std::process::Command;

use planbook_core::document::{self, ExportOptions};
use planbook_core::example;

mod common;

fn options() -> ExportOptions {
    ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Python of the tests' virtual environment.
fn python() -> PathBuf {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `scripts/dev test` (its install_python_packages step makes .venv \
         from scripts/python-requirements.txt)",
        python.display()
    );
    python
}

fn example_docx(dir: &Path) -> (PathBuf, planbook_core::Content) {
    let c = example::content("our-dorset").expect("the example builds");
    let bytes = document::export_docx(&c, &options()).expect("export");
    let path = dir.join("plan.docx");
    std::fs::write(&path, bytes).expect("write");
    (path, c)
}

/// What python-docx reads: one line per fact, for the assertions below.
const READ: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
p = d.core_properties
print("title", p.title)
print("author", p.author)
print("language", p.language)
for para in d.paragraphs:
    print("para", para.style.name, "|", para.text)
for t in d.tables:
    print("table", t.style.name, len(t.rows), "|", " / ".join(c.text for c in t.rows[0].cells))
    for row in t.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                print("cellpara", para.style.name, "|", para.text)
print("pictures", len(d.inline_shapes))
ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + ns["w"] + "}"
numbering = d.part.numbering_part.element
for para in d.paragraphs:
    if para.style.name == "List Bullet":
        num = para._p.pPr.numPr.numId.val
        abstract = numbering.xpath(f'w:num[@w:numId="{num}"]/w:abstractNumId')[0].get(W + "val")
        fmt = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]/w:numFmt')
        print("bullets", {f.get(W + "val") for f in fmt}.pop() if len({f.get(W + "val") for f in fmt}) == 1 else "ambiguous")
        break
"#;

#[test]
fn python_docx_reads_built_in_styles_headings_lists_tables_and_properties() {
    let dir = common::temp_dir();
    let (path, c) = example_docx(dir.path());
    let out = Command::new(python())
        .args(["-c", READ])
        .arg(&path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python-docx could not read the document: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"title Our Dorset"), "{text}");
    assert!(lines.contains(&format!("author {}", c.plan.partnership).as_str()));
    assert!(lines.contains(&"language en-GB"));
    assert!(lines.contains(&"para Title | Our Dorset"));

    // Headings in Word's own Heading 1–3 (and 4 for outcomes), never skipping a level.
    let mut last = 0;
    let mut seen = [0; 4];
    for l in lines.iter().filter_map(|l| l.strip_prefix("para Heading ")) {
        let level: usize = l[..1].parse().expect("a level");
        assert!(
            level <= last + 1,
            "Heading {level} follows Heading {last}: {l}"
        );
        seen[level - 1] += 1;
        last = level;
    }
    assert!(seen[..3].iter().all(|n| *n > 0), "{seen:?}");
    for p in &c.priorities {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("para Heading 2 | Priority") && l.contains(&p.title)),
            "no Heading 2 for {}",
            p.title
        );
    }
    // The narrative's bullet lists and the partners in table cells are List Bullet.
    assert!(
        lines.iter().any(|l| l.starts_with("para List Bullet | ")),
        "{text}"
    );
    // … and their numbering is a bullet (docx-rs has a decimal numbering of its own).
    assert!(lines.contains(&"bullets bullet"), "{text}");
    // Real tables in the named table style, with their header row first.
    let tables: Vec<&&str> = lines.iter().filter(|l| l.starts_with("table ")).collect();
    assert!(tables.len() > 10, "{tables:?}");
    assert!(tables.iter().all(|t| t.starts_with("table Table Grid ")));
    assert!(
        tables
            .iter()
            .any(|t| t.ends_with("| Action / Lead / Supporting partners / When / Status")),
        "{tables:?}"
    );
    // Each chart is a picture, with a Caption.
    let charts = document::model::build(&c, &options())
        .blocks
        .iter()
        .filter(|b| matches!(b, document::flow::Block::Chart(_)))
        .count();
    assert!(charts > 0);
    assert!(
        lines.contains(&format!("pictures {charts}").as_str()),
        "{text}"
    );
    assert!(lines.iter().any(|l| l.starts_with("para Caption | ")));
    // The contents' entries in Word's contents styles.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("para toc 1 | ") || l.starts_with("para TOC 1 | ")),
        "{text}"
    );
}

#[test]
fn libre_office_converts_it_to_pdf_with_every_priority_in_it() {
    let dir = common::temp_dir();
    let (path, c) = example_docx(dir.path());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    // LibreOffice needs a profile folder it can write: a HOME of its own.
    let out = Command::new("soffice")
        .env("HOME", &home)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!("soffice could not be run ({e}): run `scripts/dev test`, which installs libreoffice-writer-nogui")
        });
    let pdf = dir.path().join("plan.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    // pdftotext breaks long lines; compare with runs of white space made one space.
    let words = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!c.priorities.is_empty());
    for p in &c.priorities {
        assert!(words.contains(&p.title), "{} is not in the PDF", p.title);
    }
    for a in &c.actions {
        assert!(words.contains(&a.title), "{} is not in the PDF", a.title);
    }
    assert!(words.contains("Annex C: Glossary"));
    assert!(words.contains("Page 2 of"), "the footer's page fields");
    // The field codes are never printed as text.
    assert!(
        !words.contains("PAGEREF") && !words.contains("TOC \\o"),
        "{words}"
    );
}
