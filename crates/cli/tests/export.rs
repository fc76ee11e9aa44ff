//! `planbook export-pdf`, `export-html`, `export-docx` and `generate`, run as a person would.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{planbook, text};

fn dir_with_example() -> tempfile::TempDir {
    let d = common::folder("planbook export ŵ é ");
    let out = planbook(d.path(), &["new", "plan.sqlite", "--example", "our-dorset"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    d
}

#[test]
fn export_pdf_writes_a_pdf_and_says_how_many_pages() {
    let d = dir_with_example();
    let out = planbook(
        d.path(),
        &[
            "export-pdf",
            "plan.sqlite",
            "-o",
            "Our plan.pdf",
            "--draft",
            "--paper",
            "letter",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Wrote Our plan.pdf ("),
        "{}",
        text(&out.stdout)
    );
    let bytes = std::fs::read(d.path().join("Our plan.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");
}

#[test]
fn parts_and_statuses_choose_what_is_exported() {
    let d = dir_with_example();
    let out = planbook(
        d.path(),
        &[
            "export-html",
            "plan.sqlite",
            "-o",
            "plan.html",
            "--parts",
            "priorities,glossary",
            "--status",
            "on-track,complete",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(d.path().join("plan.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(html.contains("Annex C: Glossary"));
    assert!(!html.contains("Annex B: Partners"));
    assert!(html.contains("<th scope=\"col\">Action</th>"));
    assert!(
        !html.contains("At risk"),
        "only on-track and complete actions"
    );
}

#[test]
fn export_docx_writes_a_word_document_with_the_parts_asked_for() {
    let d = dir_with_example();
    let out = planbook(
        d.path(),
        &[
            "export-docx",
            "plan.sqlite",
            "-o",
            "plan.docx",
            "--parts",
            "cover,priorities,glossary",
            "--status",
            "on-track",
            "--draft",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Wrote plan.docx ("));
    let bytes = std::fs::read(d.path().join("plan.docx")).unwrap();
    // A .docx is a zip package; what is in it is read by python-docx and LibreOffice in
    // planbook-core's tests/document_docx.rs.
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let bad = planbook(d.path(), &["export-docx", "missing.sqlite", "-o", "x.docx"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("error: "));
}

#[test]
fn bad_flags_and_files_are_clean_errors() {
    let d = dir_with_example();
    let out = planbook(
        d.path(),
        &["export-pdf", "plan.sqlite", "-o", "x.pdf", "--paper", "a3"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a paper size"),
        "{}",
        text(&out.stderr)
    );
    let out = planbook(d.path(), &["export-pdf", "missing.sqlite", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("\nhint: "),
        "{err}"
    );
    let out = planbook(
        d.path(),
        &["export-pdf", "plan.sqlite", "-o", "no such folder/x.pdf"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: "));
    for cmd in ["export-pdf", "export-html", "generate"] {
        let out = planbook(d.path(), &[cmd, "--help"]);
        assert!(out.status.success());
        assert!(text(&out.stdout).contains("Exit codes:"));
    }
}

#[test]
fn generate_is_deterministic() {
    let d = dir_with_example();
    for name in ["a.sqlite", "b.sqlite"] {
        let out = planbook(d.path(), &["generate", "--actions", "120", "-o", name]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let json = |name: &str| {
        let out = planbook(d.path(), &["export-json", name]);
        assert!(out.status.success());
        text(&out.stdout)
    };
    let a = json("a.sqlite");
    assert_eq!(a, json("b.sqlite"));
    assert_eq!(a.matches("\"lead_partner_id\"").count(), 120);
    let out = planbook(d.path(), &["export-pdf", "a.sqlite", "-o", "a.pdf"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn characters_no_font_has_are_named_in_a_warning() {
    let d = dir_with_example();
    let out = planbook(d.path(), &["export-json", "plan.sqlite", "-o", "plan.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = std::fs::read_to_string(d.path().join("plan.json")).unwrap();
    // The first "title" is the plan's.
    let json = json.replacen(
        "\"title\": \"Our Dorset\"",
        "\"title\": \"Our Dorset 🚀\"",
        1,
    );
    assert!(
        json.contains('🚀'),
        "the plan's title was not found to change"
    );
    std::fs::write(d.path().join("plan.json"), json).unwrap();
    let out = planbook(
        d.path(),
        &["import-json", "plan.json", "-o", "rocket.sqlite"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = planbook(
        d.path(),
        &["export-pdf", "rocket.sqlite", "-o", "rocket.pdf"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("warning: The character “🚀” (U+1F680)"),
        "{said}"
    );
}
