//! `cargo bench -p planbook-core`: how long the plan document takes to lay out and export
//! (PDF, HTML and Word),
//! for the example and for generated workbooks of 1,000 and 10,000 actions. A benchmark, not
//! a test: it prints timings and asserts nothing. `bench/compare.sh` adds peak memory and the
//! comparison with Chromium.
//!
//! The PDF is timed tagged (as every export is) and untagged (no marked content, structure
//! tree or XMP: an export kept for this comparison only), alternating in one run, so the
//! ratio is what tagging costs on the same machine at the same moment.

use std::time::{Duration, Instant};

use planbook_core::document::{self, ExportOptions};
use planbook_core::{example, generate};

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    // `cargo bench` passes `--bench`; a filter word limits which workbooks run.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let options = ExportOptions::default();
    // Fonts are parsed once per process; the first export pays for it, as the app's does.
    let start = Instant::now();
    let _ = document::fonts::Fonts::get().expect("fonts");
    println!(
        "font loading (once per process): {:>8.1} ms",
        ms(start.elapsed())
    );
    let cases: Vec<(&str, usize)> = vec![
        ("example", 0),
        ("1,000 actions", 1_000),
        ("10,000 actions", 10_000),
    ];
    println!(
        "{:<16} {:>7} {:>12} {:>12} {:>14} {:>9} {:>10} {:>12} {:>12} {:>12}",
        "workbook",
        "pages",
        "layout ms",
        "PDF ms",
        "untagged ms",
        "tagging",
        "PDF KB",
        "untagged KB",
        "HTML ms",
        "Word ms"
    );
    for (name, actions) in cases {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let content = if actions == 0 {
            example::content("our-dorset").expect("example")
        } else {
            generate::content(actions, 1).expect("generated")
        };
        let runs = if actions >= 10_000 { 2 } else { 5 };
        let (layout, laid) = time(runs, || {
            document::layout(&content, &options).expect("layout")
        });
        let (mut pdf, mut plain) = (Duration::MAX, Duration::MAX);
        let (mut pdf_kb, mut plain_kb) = (0, 0);
        for _ in 0..runs {
            let (t, out) = time(1, || document::export_pdf(&content, &options).expect("pdf"));
            pdf = pdf.min(t);
            pdf_kb = out.bytes.len() / 1024;
            let (t, out) = time(1, || {
                document::export_pdf_untagged_for_benchmark(&content, &options).expect("pdf")
            });
            plain = plain.min(t);
            plain_kb = out.bytes.len() / 1024;
        }
        let (html, _) = time(runs, || document::export_html(&content, &options));
        let (docx, _) = time(runs, || {
            document::export_docx(&content, &options).expect("docx")
        });
        println!(
            "{name:<16} {:>7} {:>12.1} {:>12.1} {:>14.1} {:>8.2}× {:>10} {:>12} {:>12.1} {:>12.1}",
            laid.pages.len(),
            ms(layout),
            ms(pdf),
            ms(plain),
            pdf.as_secs_f64() / plain.as_secs_f64(),
            pdf_kb,
            plain_kb,
            ms(html),
            ms(docx)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
