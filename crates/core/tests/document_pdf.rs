//! The plan document of the Our Dorset example, checked with the standard PDF tools
//! (poppler-utils: pdftotext, pdffonts; qpdf) and by reading its outline with lopdf.
//! `scripts/dev` installs the tools on CI; without them these tests fail saying which is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use planbook_core::document::{self, ExportOptions};
use planbook_core::example;

/// Runs a PDF tool, failing clearly when it is not installed.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!(
            "`{name}` could not be run ({e}). Install poppler-utils and qpdf (scripts/dev does this)."
        )
    });
    assert!(
        out.status.success() || name == "qpdf" && out.status.code() == Some(3),
        "`{name} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn options() -> ExportOptions {
    ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    }
}

fn example_pdf(dir: &Path) -> PathBuf {
    let content = example::content("our-dorset").expect("the example builds");
    let export = document::export_pdf(&content, &options()).expect("the example exports");
    assert!(export.warnings.is_empty(), "{:?}", export.warnings);
    let path = dir.join("our dorset ŵ.pdf");
    std::fs::write(&path, &export.bytes).expect("written");
    path
}

/// Words as pdftotext gives them, joined by single spaces, for phrase searches.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_heading_priority_outcome_and_action_is_in_the_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = example_pdf(dir.path());
    let text = normalise(&tool("pdftotext", &[pdf.to_str().expect("utf-8"), "-"]));
    let c = example::content("our-dorset").expect("the example builds");
    let mut expected: Vec<String> = vec![c.plan.title.clone()];
    expected.extend(c.sections.iter().map(|s| s.title.clone()));
    expected.extend(c.priorities.iter().map(|p| p.title.clone()));
    expected.extend(c.outcomes.iter().map(|o| o.statement.clone()));
    expected.extend(c.actions.iter().map(|a| a.title.clone()));
    expected.extend(c.aims.iter().map(|a| a.title.clone()));
    expected.extend(c.partners.iter().map(|p| p.name.clone()));
    for phrase in expected {
        // Titles may wrap across lines (and table cells): compare words in order.
        let phrase = normalise(&phrase);
        assert!(
            text.contains(&phrase),
            "“{phrase}” is not in the PDF's text"
        );
    }
    for chapter in [
        "Contents",
        "About this plan",
        "Our aims",
        "Our plan on a page",
        "Our priorities",
        "How people were involved",
        "Annex C: Glossary",
        "Page 2 of",
    ] {
        assert!(text.contains(chapter), "“{chapter}” is missing");
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = example_pdf(dir.path());
    let fonts = tool("pdffonts", &[pdf.to_str().expect("utf-8")]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.len() >= 3,
        "regular, bold and italic at least:\n{fonts}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // … emb sub uni object ID
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        assert!(cols[0].contains('+'), "subset fonts have a tag: {row}");
        assert!(cols[0].contains("LiberationSans"), "{row}");
    }
}

#[test]
fn qpdf_finds_no_problem_and_metadata_is_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = example_pdf(dir.path());
    let path = pdf.to_str().expect("utf-8");
    let check = tool("qpdf", &["--check", path]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let info = tool("pdfinfo", &[path]);
    assert!(info.contains("Title:           Our Dorset"), "{info}");
    assert!(info.contains("Author:          Our Dorset"), "{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("PDF version:") && l.ends_with("1.7")),
        "{info}"
    );
    assert!(
        !info.contains("PDF/X"),
        "no conformance is claimed that is not met: {info}"
    );
    assert!(info.contains("(A4)"), "{info}");
}

#[test]
fn the_outline_nests_sections_and_priorities_under_their_chapter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = example_pdf(dir.path());
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads it");
    let catalog = doc.catalog().expect("a catalog");
    let lang = catalog.get(b"Lang").expect("/Lang");
    assert_eq!(title_of(lang), "en-GB");
    let prefs = catalog
        .get(b"ViewerPreferences")
        .and_then(|o| o.as_dict())
        .expect("viewer preferences");
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(|o| o.as_bool()).ok(),
        Some(true)
    );
    let root = catalog
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .expect("an outline");
    let tree = children(&doc, root);
    let titles: Vec<&str> = tree.iter().map(|(t, _)| t.as_str()).collect();
    assert!(titles.contains(&"Our priorities"), "{titles:?}");
    let (_, priorities) = tree
        .iter()
        .find(|(t, _)| t == "Our priorities")
        .expect("the chapter");
    let c = example::content("our-dorset").expect("the example builds");
    assert_eq!(priorities.len(), c.priorities.len());
    for (entry, p) in priorities.iter().zip(&c.priorities) {
        assert!(entry.contains(&p.title), "{entry} is not {}", p.title);
    }
    let (_, sections) = tree
        .iter()
        .find(|(t, _)| t == "About this plan")
        .expect("the chapter");
    for s in &c.sections {
        assert!(
            sections.contains(&s.title),
            "{} is not under its chapter",
            s.title
        );
    }
}

fn title_of(o: &lopdf::Object) -> String {
    let bytes = o.as_str().expect("a string");
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// The top-level entries and their children's titles.
fn children(doc: &lopdf::Document, parent: &lopdf::Dictionary) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut next = parent.get(b"First").and_then(|o| o.as_reference()).ok();
    while let Some(id) = next {
        let d = doc.get_dictionary(id).expect("an outline item");
        let title = title_of(d.get(b"Title").expect("a title"));
        let mut kids = Vec::new();
        let mut k = d.get(b"First").and_then(|o| o.as_reference()).ok();
        while let Some(kid) = k {
            let kd = doc.get_dictionary(kid).expect("an outline item");
            kids.push(title_of(kd.get(b"Title").expect("a title")));
            assert!(kd.get(b"First").is_err(), "two levels only");
            k = kd.get(b"Next").and_then(|o| o.as_reference()).ok();
        }
        out.push((title, kids));
        next = d.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    out
}

#[test]
fn letter_paper_and_the_draft_mark() {
    let content = example::content("our-dorset").expect("the example builds");
    let export = document::export_pdf(
        &content,
        &ExportOptions {
            paper: document::Paper::Letter,
            draft: true,
            ..options()
        },
    )
    .expect("exports");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &export.bytes).expect("written");
    let info = tool("pdfinfo", &[path.to_str().expect("utf-8")]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let text = tool("pdftotext", &[path.to_str().expect("utf-8"), "-"]);
    assert!(
        text.matches("DRAFT").count() >= export.pages,
        "a DRAFT mark on every page"
    );
}

#[test]
fn missing_characters_fall_back_or_are_reported() {
    let mut content = example::content("our-dorset").expect("the example builds");
    // U+2690 is in DejaVu Sans only; U+E000 (private use) is in no bundled font.
    content.sections[0].title = "Flags \u{2690} and \u{E000} here".into();
    let export = document::export_pdf(&content, &options()).expect("exports");
    assert_eq!(export.warnings.len(), 1, "{:?}", export.warnings);
    assert!(
        export.warnings[0].contains("U+E000"),
        "{:?}",
        export.warnings
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fallback.pdf");
    std::fs::write(&path, &export.bytes).expect("written");
    let fonts = tool("pdffonts", &[path.to_str().expect("utf-8")]);
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    let text = tool("pdftotext", &[path.to_str().expect("utf-8"), "-"]);
    assert!(text.contains("Flags \u{2690} and ? here"), "{text}");
}

#[test]
fn progress_is_reported_up_to_the_last_page() {
    let content = example::content("our-dorset").expect("the example builds");
    let mut seen = Vec::new();
    let export = document::export_pdf_with_progress(&content, &options(), &mut |p| seen.push(p))
        .expect("exports");
    assert_eq!(
        seen.first(),
        Some(&document::Progress::LaidOut {
            pages: export.pages
        })
    );
    assert!(seen.contains(&document::Progress::Drawing {
        done: export.pages,
        total: export.pages
    }));
    assert_eq!(seen.last(), Some(&document::Progress::Writing));
}
