//! The tagged PDF (PDF/UA-1), checked three ways: by walking its structure tree and content
//! streams here (every marked-content id has exactly one parent element, nothing painted is
//! outside marked content, heading levels run in order), by poppler's `pdfinfo -struct-text`,
//! and by the independent checker `outloud` (PyPI), which must report no errors on the
//! example, a generated 1,000-action workbook and a workbook of hostile text.
//!
//! `scripts/dev test` installs outloud into `.venv` at the repository root; without it the
//! outloud tests fail saying so.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::content::Content as Ops;
use lopdf::{Document, Object, ObjectId};
use planbook_core::content::Content;
use planbook_core::document::{self, ExportOptions};
use planbook_core::model::Kind;
use planbook_core::{Start, Workbook, example, generate};

fn options() -> ExportOptions {
    ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    }
}

/// Text meant to break things: markup, dangerous links, PDF and XML syntax, characters no
/// font has, right-to-left text, control characters and a very long word.
const HOSTILE: &str = "<img src=x onerror=alert(1)><script>alert(2)</script> \
[click me](javascript:alert(3)) [file](file:///etc/passwd) [data](data:text/html,x) \
(unbalanced \\ parens ) ]]> <?xpacket end=\"w\"?> </x:xmpmeta> & &amp; \u{1F600}\u{1F680} \
שלום עליכם \u{202E}reversed\u{202C} tab\there \u{7}bell \
Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/// The example with every text field of the first row of each kind set to hostile text
/// (the same fields the app's hostile-text end-to-end test fills).
fn hostile_content(dir: &Path) -> Content {
    let file = dir.join("hostile.sqlite");
    let content = example::content("our-dorset").expect("the example builds");
    let mut wb = Workbook::create(&file, Start::Content(Box::new(content))).expect("created");
    let c = wb.content().expect("read");
    let firsts = [
        (Kind::Plan, c.plan.id.clone()),
        (Kind::Aim, c.aims[0].id.clone()),
        (Kind::Section, c.sections[0].id.clone()),
        (Kind::Priority, c.priorities[0].id.clone()),
        (Kind::Outcome, c.outcomes[0].id.clone()),
        (Kind::Measure, c.measures[0].id.clone()),
        (Kind::Partner, c.partners[0].id.clone()),
        (Kind::Action, c.actions[0].id.clone()),
        (Kind::GlossaryTerm, c.glossary[0].id.clone()),
        (Kind::Engagement, c.engagements[0].id.clone()),
        (Kind::Reading, c.readings[0].id.clone()),
        (Kind::Milestone, c.milestones[0].id.clone()),
    ];
    for (kind, id) in &firsts {
        for field in planbook_core::search::text_fields(*kind) {
            let value = if field == planbook_core::model::fields::section::body {
                format!(
                    "{HOSTILE}\n\n- {HOSTILE}\n- [site](javascript:alert(1))\n- [fine](https://example.org/ok)"
                )
            } else {
                HOSTILE.to_owned()
            };
            // As a colleague's copy or a JSON form could bring it: past the typed-value
            // path's length limits, which would refuse most of it.
            wb.edit("Hostile text", |e| e.set_field(id, field, value.into()))
                .expect("set");
        }
    }
    wb.content().expect("read")
}

fn write_pdf(content: &Content, path: &Path) -> Vec<u8> {
    let export = document::export_pdf(content, &options()).expect("exports");
    std::fs::write(path, &export.bytes).expect("written");
    export.bytes
}

/// outloud, as `scripts/dev test` installs it.
fn outloud() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/outloud");
    assert!(
        path.exists(),
        "the PDF checker outloud is not installed at {}: run `scripts/dev test`, which makes \
         the virtual environment (`python3 -m venv .venv`, Debian's python3-venv) and runs \
         `.venv/bin/pip install outloud==0.2.1`",
        path.display()
    );
    path
}

/// Runs outloud on a PDF and fails with its report when it finds any error.
fn assert_outloud_passes(pdf: &Path) {
    let out = Command::new(outloud())
        .args(["--no-info"])
        .arg(pdf)
        .output()
        .expect("outloud runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "outloud found errors in {}:\n{report}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains(" 0 error(s)"), "{report}");
    // The verdict line, for `--nocapture` runs (and the note on what the checker said).
    println!("{report}");
}

#[test]
fn outloud_finds_no_error_in_the_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.pdf");
    write_pdf(&example::content("our-dorset").expect("builds"), &path);
    assert_outloud_passes(&path);
}

#[test]
fn outloud_finds_no_error_in_a_thousand_actions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thousand.pdf");
    write_pdf(&generate::content(1000, 1).expect("generates"), &path);
    assert_outloud_passes(&path);
}

#[test]
fn outloud_finds_no_error_in_hostile_text_and_no_dangerous_link_is_made() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = hostile_content(dir.path());
    let path = dir.path().join("hostile.pdf");
    let export = document::export_pdf(&content, &options()).expect("exports");
    // The rocket is in no font (DejaVu Sans draws the smile): reported by name, never silently replaced.
    assert!(
        export.warnings.iter().any(|w| w.contains("U+1F680")),
        "{:?}",
        export.warnings
    );
    assert!(export.missing_chars.contains(&'\u{1F680}'));
    std::fs::write(&path, &export.bytes).expect("written");
    assert_outloud_passes(&path);
    let doc = Document::load_mem(&export.bytes).expect("lopdf reads it");
    let mut links = 0;
    for (_, object) in doc.objects.iter() {
        if let Ok(d) = object.as_dict()
            && let Ok(action) = d.get(b"A").and_then(Object::as_dict)
            && let Ok(uri) = action.get(b"URI")
        {
            links += 1;
            let uri = String::from_utf8_lossy(uri.as_str().unwrap_or_default()).to_lowercase();
            assert!(
                uri.starts_with("https:") || uri.starts_with("http:") || uri.starts_with("mailto:"),
                "{uri}"
            );
        }
    }
    assert!(links > 0, "a web address is still a link");
    walk(&export.bytes);
}

#[test]
fn pdfinfo_shows_the_structure_tree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.pdf");
    write_pdf(&example::content("our-dorset").expect("builds"), &path);
    let out = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&path)
        .output()
        .expect("pdfinfo could not be run: install poppler-utils (scripts/dev does this)");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.starts_with("Document"), "{tree}");
    for element in [
        "  H1", "  H2", "  H3", "  P", "  TOC", "TOCI", "Link", "Table", "THead", "TBody", "TR",
        "TH", "TD", "Figure", "  L", "LI", "Lbl", "LBody",
    ] {
        assert!(tree.contains(element), "no {element} in:\n{tree}");
    }
    assert!(tree.contains("\"Our Dorset\""));
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("PDF version:     1.7"), "{info}");
}

#[test]
fn every_marked_content_id_has_one_parent_and_nothing_painted_is_untagged() {
    for content in [
        example::content("our-dorset").expect("builds"),
        generate::content(200, 3).expect("generates"),
    ] {
        let pdf = document::export_pdf(&content, &options()).expect("exports");
        walk(&pdf.bytes);
    }
}

#[test]
fn the_untagged_benchmark_export_has_no_structure() {
    let c = example::content("our-dorset").expect("builds");
    let pdf = document::export_pdf_untagged_for_benchmark(&c, &options()).expect("exports");
    let doc = Document::load_mem(&pdf.bytes).expect("reads");
    assert!(
        doc.catalog()
            .expect("catalog")
            .get(b"StructTreeRoot")
            .is_err()
    );
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a lopdf::Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// Walks a tagged PDF: its content streams and its structure tree, checking they agree.
fn walk(bytes: &[u8]) {
    let doc = Document::load_mem(bytes).expect("lopdf reads it");
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    // Content: every painting operator inside marked content; each MCID once per page.
    let mut painted: BTreeSet<(ObjectId, i64)> = BTreeSet::new();
    for &page in &pages {
        let raw = doc.get_page_content(page);
        let ops = Ops::decode(&raw).expect("content parses");
        let mut depth = 0usize;
        for op in &ops.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    if let Some(Object::Dictionary(props)) = op.operands.get(1)
                        && let Ok(id) = props.get(b"MCID").and_then(Object::as_i64)
                    {
                        assert!(painted.insert((page, id)), "MCID {id} twice on a page");
                    }
                }
                "BMC" => depth += 1,
                "EMC" => depth = depth.checked_sub(1).expect("EMC without BDC"),
                "Tj" | "TJ" | "'" | "\"" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b"
                | "b*" | "sh" | "Do" | "re" => {
                    assert!(
                        depth > 0,
                        "`{}` painted outside marked content",
                        op.operator
                    )
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "marked content left open");
    }
    // The tree: every MCID of the content is a kid of exactly one element.
    let catalog = doc.catalog().expect("catalog");
    let root = dict(
        &doc,
        catalog.get(b"StructTreeRoot").expect("a structure tree"),
    );
    let mut parents: BTreeMap<(ObjectId, i64), usize> = BTreeMap::new();
    let mut headings = Vec::new();
    let mut stack = vec![(root.get(b"K").expect("root kids").clone(), None)];
    while let Some((k, page)) = stack.pop() {
        match k {
            Object::Array(items) => {
                for item in items.into_iter().rev() {
                    stack.push((item, page));
                }
            }
            Object::Integer(mcid) => {
                *parents
                    .entry((page.expect("an MCID without /Pg"), mcid))
                    .or_default() += 1
            }
            ref o => {
                let d = dict(&doc, o);
                let kind = d.get(b"Type").and_then(Object::as_name).unwrap_or(b"");
                if kind == b"MCR" {
                    let pg = d
                        .get(b"Pg")
                        .and_then(Object::as_reference)
                        .expect("MCR /Pg");
                    let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("MCID");
                    *parents.entry((pg, mcid)).or_default() += 1;
                    continue;
                }
                if kind == b"OBJR" {
                    continue;
                }
                let s = d.get(b"S").and_then(Object::as_name).expect("/S");
                if s.len() == 2 && s[0] == b'H' && s[1].is_ascii_digit() {
                    headings.push(s[1] - b'0');
                }
                if s == b"Figure" {
                    assert!(d.get(b"Alt").is_ok(), "a Figure without /Alt");
                }
                let pg = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                if let Ok(kids) = d.get(b"K") {
                    stack.push((kids.clone(), pg));
                }
            }
        }
    }
    for (at, n) in &parents {
        assert_eq!(*n, 1, "{at:?} has {n} parents");
    }
    let referenced: BTreeSet<_> = parents.keys().copied().collect();
    assert_eq!(referenced, painted, "tree and content disagree on MCIDs");
    // Heading levels: the first is H1, and none is skipped on the way down.
    assert_eq!(headings.first(), Some(&1), "{headings:?}");
    for pair in headings.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "H{} follows H{}", pair[1], pair[0]);
    }
}
