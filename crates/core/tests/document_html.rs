//! The HTML twin: one self-contained, accessible file with the same words as the PDF.

use planbook_core::document::{self, ExportOptions};
use planbook_core::example;

fn options() -> ExportOptions {
    ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    }
}

#[test]
fn headings_run_in_order_and_tables_have_header_cells() {
    let c = example::content("our-dorset").expect("the example builds");
    let html = document::export_html(&c, &options());
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert_eq!(html.matches("<h1").count(), 1, "one h1: the plan's title");
    // No heading level is skipped on the way down.
    let mut last = 0;
    for part in html.split("<h").skip(1) {
        let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} follows h{last}");
        last = level;
    }
    assert!(html.contains("<th scope=\"col\">Action</th>"));
    assert!(html.contains("<th scope=\"row\">"));
    for bad in [
        "<script",
        "src=\"http",
        "href=\"http://",
        "<link ",
        "@import",
    ] {
        assert!(
            !html.contains(bad),
            "{bad}: the file must be self-contained"
        );
    }
}

#[test]
fn the_html_has_the_same_headings_as_the_pdf_layout() {
    let c = example::content("our-dorset").expect("the example builds");
    let html = document::export_html(&c, &options());
    let layout = document::layout(&c, &options()).expect("lays out");
    for h in &layout.headings {
        let escaped = document::html::escape(&h.text);
        assert!(html.contains(&escaped), "“{}” is not in the HTML", h.text);
    }
    for a in &c.actions {
        assert!(html.contains(&document::html::escape(&a.title)));
    }
}

#[test]
fn user_text_is_always_text() {
    let mut c = example::content("our-dorset").expect("the example builds");
    c.sections[0].title = "<img src=x onerror=alert(1)>".into();
    c.sections[0].body =
        "Hello <b>there</b> & [click](javascript:alert(1)) and [ok](https://example.org/?a=1&b=\"2\")"
            .into();
    c.plan.title = "\"><script>alert(1)</script>".into();
    let html = document::export_html(&c, &options());
    assert!(!html.contains("<img"));
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>there"));
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""));
}
