//! The export handlers (a copy, the PDF, the web page and the Word document), run as the
//! commands run them, with the save dialog answered from a script; split from `tests.rs`,
//! whose helpers they use.
use super::test_support::TempDir;
use super::tests::{open_id, state_answering};
use super::*;

#[test]
fn a_copy_and_a_pdf_are_written_where_the_dialog_says() {
    let dir = TempDir::new("copy-pdf");
    let copy = dir.path("copy.sqlite");
    let pdf = dir.path("plan.pdf");
    let a1 = format!("save {}", copy.display());
    let a2 = format!("pdf {}", pdf.display());
    let state = state_answering(&[&a1, &a2, "cancel", "cancel"]);
    let w =
        open_id(&new_workbook(&state, NewStart::Example, &dir.path("ex.sqlite")).expect("example"));
    assert_eq!(
        save_copy_dialog(&state, w).expect("copy"),
        Some("copy.sqlite".into())
    );
    drop(Workbook::open(&copy, planbook_core::Access::Edit).expect("the copy opens"));
    let exported = export_pdf_dialog(&state, w, &ExportOptions::default(), &mut |_| {})
        .expect("pdf")
        .expect("not cancelled");
    assert_eq!(exported.written.file_name, "plan.pdf");
    assert_eq!(
        exported.written.folder,
        pdf.parent().unwrap().display().to_string(),
        "the folder in full, to show"
    );
    assert!(exported.pages > 3);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    assert_eq!(save_copy_dialog(&state, w).expect("cancelled"), None);
    assert_eq!(
        export_pdf_dialog(&state, w, &ExportOptions::default(), &mut |_| {}).expect("cancelled"),
        None
    );
}

#[test]
fn an_export_uses_the_windows_options_reports_progress_and_can_be_opened_after() {
    let dir = TempDir::new("pdf-options");
    let pdf = dir.path("short.pdf");
    let answer = format!("pdf {}", pdf.display());
    let state = state_answering(&[&answer, "cancel"]);
    let w =
        open_id(&new_workbook(&state, NewStart::Example, &dir.path("ex.sqlite")).expect("example"));
    assert_eq!(
        last_export(&state, w).expect_err("nothing yet").code,
        "nothing_exported"
    );
    let full = document::export_pdf(
        &workbook_content(&state, w).expect("content"),
        &ExportOptions::default(),
    )
    .expect("full export");
    let options = ExportOptions {
        parts: vec![document::Part::Cover, document::Part::Glossary],
        paper: document::Paper::Letter,
        draft: true,
        ..ExportOptions::default()
    };
    let mut steps = Vec::new();
    let done = export_pdf_dialog(&state, w, &options, &mut |p| steps.push(p))
        .expect("export")
        .expect("not cancelled");
    assert!(done.pages < full.pages, "{} < {}", done.pages, full.pages);
    assert_eq!(
        steps.first(),
        Some(&Progress::LaidOut { pages: done.pages })
    );
    assert_eq!(steps.last(), Some(&Progress::Writing));
    assert_eq!(last_export(&state, w).expect("remembered"), pdf);
    // A cancelled export forgets nothing; closing the workbook does.
    assert_eq!(
        export_pdf_dialog(&state, w, &options, &mut |_| {}).expect("cancel"),
        None
    );
    assert_eq!(last_export(&state, w).expect("still remembered"), pdf);
    close_workbook(&state, w);
    assert!(last_export(&state, w).is_err());
}

#[test]
fn the_export_dialog_marks_draft_until_the_plan_is_approved_or_published() {
    let dir = TempDir::new("export-defaults");
    let state = state_answering(&[]);
    let w =
        open_id(&new_workbook(&state, NewStart::Example, &dir.path("ex.sqlite")).expect("example"));
    assert!(
        export_defaults(&state, w).expect("defaults").draft,
        "the example is a draft"
    );
    let plan = workbook_content(&state, w).expect("content").plan;
    for (status, draft) in [
        ("consultation", true),
        ("approved", false),
        ("published", false),
    ] {
        set_field(&state, w, Kind::Plan, &plan.id, "status", status.into()).expect("status");
        assert_eq!(
            export_defaults(&state, w).expect("defaults").draft,
            draft,
            "{status}"
        );
    }
    let defaults = export_defaults(&state, w).expect("defaults");
    assert_eq!(
        defaults.parts,
        ExportOptions::default().parts,
        "everything is in"
    );
}

#[test]
fn the_web_page_and_word_document_are_exported_where_the_save_dialog_says() {
    let dir = TempDir::new("documents");
    let (html, docx) = (dir.path("plan.html"), dir.path("plan.docx"));
    let answers = [
        format!("html {}", html.display()),
        format!("docx {}", docx.display()),
        // A Word dialog answered as if it were a PDF one is cancelled, never misread.
        format!("pdf {}", dir.path("wrong.pdf").display()),
        "cancel".to_owned(),
    ];
    let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
    let state = state_answering(&answers);
    let w =
        open_id(&new_workbook(&state, NewStart::Example, &dir.path("ex.sqlite")).expect("example"));
    let options = ExportOptions {
        parts: vec![document::Part::Cover, document::Part::Priorities],
        ..ExportOptions::default()
    };
    let done = export_document_dialog(&state, w, DocumentFormat::Html, &options)
        .expect("html")
        .expect("not cancelled");
    assert_eq!(done.file_name, "plan.html");
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Our priorities"));
    assert!(
        !page.contains("Annex C: Glossary"),
        "only the parts asked for"
    );

    let done = export_document_dialog(&state, w, DocumentFormat::Docx, &options)
        .expect("docx")
        .expect("not cancelled");
    assert_eq!(done.file_name, "plan.docx");
    assert_eq!(done.folder, docx.parent().unwrap().display().to_string());
    // Open and Show in Folder act on the document last exported, whatever its format.
    assert_eq!(last_export(&state, w).expect("remembered"), docx);
    assert!(
        std::fs::read(&docx)
            .expect("docx")
            .starts_with(b"PK\x03\x04")
    );

    for _ in 0..2 {
        assert_eq!(
            export_document_dialog(&state, w, DocumentFormat::Docx, &options).expect("cancelled"),
            None
        );
    }
    assert!(!dir.path("wrong.pdf").exists());
}
