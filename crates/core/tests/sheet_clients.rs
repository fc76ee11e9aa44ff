//! Real spreadsheet programs, not mocks: the council tracker saved by LibreOffice as .ods,
//! .xls, .xlsx and .csv imports with the same actions; what `export` writes, LibreOffice
//! converts to CSV with every action in it, and openpyxl reads its frozen header, filters,
//! drop-downs and date cells.
//!
//! LibreOffice (`libreoffice-calc-nogui`) and `.venv` (openpyxl) are installed by
//! `scripts/dev test`. Where they are missing these tests say so loudly and pass, except on
//! CI (`CI` set), where a missing tool fails them.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use planbook_core::Content;
use planbook_core::sheet::{self, Mapping};

fn missing(tool: &str) -> bool {
    let message = format!(
        "\n\n*** {tool} is not installed: this test checks nothing here. Run `scripts/dev test`, which installs it. ***\n"
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("{message}");
    true
}

/// Converts `file` with LibreOffice to `ext` (with the filter options after a colon, if
/// any) in `dir`; `None` when LibreOffice is missing.
fn convert(file: &Path, to: &str, dir: &Path) -> Option<PathBuf> {
    let ext = to.split(':').next().unwrap();
    let home = dir.join(format!("home-{ext}"));
    std::fs::create_dir_all(&home).unwrap();
    let out = match Command::new("soffice")
        .env("HOME", &home)
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            missing("LibreOffice (soffice)");
            return None;
        }
    };
    let made = dir.join(file.file_stem().unwrap()).with_extension(ext);
    assert!(
        made.exists(),
        "LibreOffice made no .{ext}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(made)
}

/// Each action's code, title, due date and priorities' codes, as an import of `path` would
/// make them (the priority is merged down its actions: every one of them serves it, in
/// every format).
type Action = (String, String, Option<chrono::NaiveDate>, Vec<String>);

fn actions_of(path: &Path) -> Vec<Action> {
    let dir = common::temp_dir();
    let mut wb = planbook_core::Workbook::create(
        &dir.path().join("w.sqlite"),
        planbook_core::Start::Blank { title: "t".into() },
    )
    .unwrap();
    let plan = sheet::prepare(path, None, &Mapping::default(), &Content::default()).unwrap();
    sheet::apply(&mut wb, &plan).unwrap();
    let c = wb.content().unwrap();
    let priorities = |action: &planbook_core::model::Id| -> Vec<String> {
        let mut codes: Vec<String> = c
            .action_priorities
            .iter()
            .filter(|l| &l.action_id == action)
            .filter_map(|l| c.priorities.iter().find(|p| p.id == l.priority_id))
            .map(|p| p.code.clone())
            .collect();
        codes.sort();
        codes
    };
    let mut actions: Vec<_> = c
        .actions
        .iter()
        .map(|a| {
            (
                a.code.clone(),
                a.title.clone(),
                a.due_date,
                priorities(&a.id),
            )
        })
        .collect();
    actions.sort();
    actions
}

#[test]
fn a_tracker_saved_by_libre_office_imports_in_every_format() {
    let dir = common::temp_dir();
    let original = common::tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let expected = actions_of(&original);
    assert_eq!(expected.len(), 6);
    assert!(
        expected.iter().all(|a| !a.3.is_empty()),
        "each action serves its merged priority: {expected:?}"
    );
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    for ext in ["ods", "xls", "xlsx", "csv"] {
        let Some(saved) = convert(&original, ext, &out) else {
            return;
        };
        let got = actions_of(&saved);
        if ext == "csv" {
            // A CSV file has no merged cells: the priority is on its first action's row only.
            let plain = |a: &[Action]| -> Vec<_> {
                a.iter()
                    .map(|(c, t, d, _)| (c.clone(), t.clone(), *d))
                    .collect()
            };
            assert_eq!(plain(&got), plain(&expected), "the tracker saved as .csv");
        } else {
            assert_eq!(got, expected, "the tracker saved as .{ext}");
        }
    }
}

#[test]
fn libre_office_reads_every_exported_action() {
    let dir = common::temp_dir();
    let (_, wb) = common::example_at(dir.path(), "plan.sqlite");
    let c = wb.content().unwrap();
    let xlsx = dir.path().join("tracker.xlsx");
    sheet::export(&c, &xlsx, None).unwrap();
    // Comma, double quotes, UTF-8 (LibreOffice's own default is the system's code page).
    let Some(csv) = convert(
        &xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76",
        dir.path(),
    ) else {
        return;
    };
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("Code,Title,"), "{text}");
    for a in &c.actions {
        assert!(
            text.contains(&a.code) && text.contains(&a.title),
            "{} in {text}",
            a.title
        );
        if let Some(d) = a.due_date {
            // A real date cell, shown in the column's day-first format.
            assert!(
                text.contains(&d.format("%d/%m/%Y").to_string()),
                "{d} in {text}"
            );
        }
    }
}

#[test]
fn openpyxl_sees_a_frozen_header_filters_drop_downs_and_dates() {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    if !python.exists() {
        missing(".venv with openpyxl");
        return;
    }
    let dir = common::temp_dir();
    let (_, wb) = common::example_at(dir.path(), "plan.sqlite");
    let xlsx = dir.path().join("tracker.xlsx");
    sheet::export(&wb.content().unwrap(), &xlsx, None).unwrap();
    let script = r#"
import sys, datetime, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
print("sheets", book.sheetnames)
ws = book["Actions"]
print("freeze", ws.freeze_panes)
print("filter", ws.auto_filter.ref)
for dv in ws.data_validations.dataValidation:
    print("list", dv.sqref, dv.formula1)
print("due", type(ws["F2"].value).__name__, ws["F2"].number_format)
print("header", [c.value for c in ws[1]])
"#;
    let out = Command::new(&python)
        .args(["-c", script])
        .arg(&xlsx)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains(
            "sheets ['Actions', 'Priorities', 'Outcomes', 'Measures', 'Readings', 'Partners']"
        ),
        "{text}"
    );
    assert!(text.contains("freeze A2"), "{text}");
    assert!(text.contains("filter A1:K"), "{text}");
    assert!(
        text.contains("\"Not started,On track,At risk,Off track,Complete,Dropped\""),
        "{text}"
    );
    assert!(text.contains("Partners!$A$2:$A$"), "{text}");
    assert!(text.contains("due datetime dd/mm/yyyy"), "{text}");
    assert!(
        text.contains("header ['Code', 'Title', 'Description', 'Lead partner'"),
        "{text}"
    );
}
