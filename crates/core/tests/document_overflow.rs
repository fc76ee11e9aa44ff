//! A workbook made to be hard to typeset: 300-character titles, 400-word paragraphs, a
//! 70-character word, a long web address, 200 actions under one priority, Welsh and other
//! accented text. From `pdftotext -bbox`, every word must lie inside the page margins, and
//! every word of the input must appear in the output.

use std::process::Command;

use planbook_core::document::{self, ExportOptions};
use planbook_core::example;
use planbook_core::model::*;

const LONG_WORD: &str = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochcymrugymraeg";
const ADDRESS: &str = "https://www.ourdorset.nhs.uk/wp-content/uploads/2019/11/Our-Dorset-Looking-Forward-2019-summary-document-final.pdf";
const WELSH: &str = "Mae’r cynllun hwn yn ŵyl i’r gŵr a’r ŷd; byddwn yn gweithio gyda’n gilydd yn lleol – £1.2m i wella iechyd a lles. Café, naïve, façade, Ångström, Øresund, Zürich, señora, “quoted” ‘words’.";

fn hard_content() -> planbook_core::Content {
    let mut c = example::content("our-dorset").expect("the example builds");
    let words = [
        "partnership",
        "residents",
        "wellbeing",
        "communities",
        "prevention",
        "services",
        "Dorset",
        "together",
        "carers",
        "hospital",
        "ŵyl",
        "café",
        "naïve",
        "gŵr",
    ];
    let mut para = String::new();
    for k in 0..400 {
        para.push_str(words[k % words.len()]);
        para.push(' ');
    }
    let title: String = format!("{WELSH} ")
        .chars()
        .cycle()
        .take(300)
        .collect::<String>()
        .trim()
        .to_owned();
    c.plan.title = title.clone();
    c.plan.subtitle = title.clone();
    c.sections[0].title = title.clone();
    c.sections[0].body = format!("{para}\n\n{LONG_WORD} and {ADDRESS}\n\n- {WELSH}\n- {para}");
    c.priorities[0].title = title.clone();
    c.priorities[0].summary = para.clone();
    c.outcomes[0].statement = title.clone();
    let p = c.priorities[0].id.clone();
    for k in 0..200 {
        let id = Id::from_key(&format!("hard/action/{k}"));
        c.actions.push(Action {
            id: id.clone(),
            code: format!("H{k}"),
            title: if k % 50 == 0 {
                title.clone()
            } else {
                format!("Gweithred {k}: {WELSH}")
            },
            description: if k % 40 == 0 {
                format!("{para} {LONG_WORD}")
            } else {
                format!("Disgrifiad {k} {LONG_WORD}")
            },
            position: 100 + k as i64,
            status: ActionStatus::ALL[k % ActionStatus::ALL.len()],
            ..Action::default()
        });
        c.action_priorities.push(ActionPriority {
            id: Id::from_key(&format!("hard/ap/{k}")),
            action_id: id,
            priority_id: p.clone(),
            ..ActionPriority::default()
        });
    }
    c
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("`{name}` could not be run ({e}). Install poppler-utils (scripts/dev does this).")
    });
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn attr(tag: &str, name: &str) -> f32 {
    let at = tag.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
    tag[at..]
        .split('"')
        .next()
        .expect("value")
        .parse()
        .expect("a number")
}

#[test]
fn every_word_lies_inside_the_margins_and_none_is_lost() {
    let content = hard_content();
    let options = ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    };
    let export = document::export_pdf(&content, &options).expect("exports");
    assert!(export.warnings.is_empty(), "{:?}", export.warnings);
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("hard.pdf");
    std::fs::write(&pdf, &export.bytes).expect("written");
    let pdf = pdf.to_str().expect("utf-8");

    // Margins: the text area is 62 pt from each side on A4; the running header and footer
    // sit 30–50 pt from the top and bottom edges, inside the page.
    let bbox = tool("pdftotext", &["-bbox", pdf, "-"]);
    let (mut width, mut height) = (0.0, 0.0);
    let mut words = 0;
    for line in bbox.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            width = attr(line, "width");
            height = attr(line, "height");
        } else if line.starts_with("<word ") {
            words += 1;
            let (x0, y0, x1, y1) = (
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            );
            assert!(
                x0 >= 61.0 && x1 <= width - 61.0 && y0 >= 30.0 && y1 <= height - 30.0,
                "a word outside the margins: {line}"
            );
        }
    }
    assert!(words > 10_000, "only {words} words");

    // Every word of the input, in order within its text: compare without whitespace, since a
    // word too long for its line is broken across lines.
    let text: String = tool("pdftotext", &["-raw", pdf, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut inputs: Vec<String> = vec![LONG_WORD.into(), ADDRESS.into()];
    inputs.extend(WELSH.split_whitespace().map(str::to_owned));
    inputs.extend(content.plan.title.split_whitespace().map(str::to_owned));
    for a in &content.actions {
        inputs.extend(a.title.split_whitespace().map(str::to_owned));
        inputs.extend(a.description.split_whitespace().map(str::to_owned));
    }
    inputs.extend(
        content.priorities[0]
            .summary
            .split_whitespace()
            .map(str::to_owned),
    );
    for word in inputs {
        assert!(text.contains(&word), "“{word}” is missing from the PDF");
    }
}
