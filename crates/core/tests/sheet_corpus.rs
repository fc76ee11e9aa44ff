//! Bad spreadsheets, generated here like the malformed workbook corpus: each gets a clear
//! message naming the file (and the sheet, row or cell where there is one), never a panic,
//! and the workbook it was meant for is left byte for byte as it was.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use planbook_core::sheet::{self, Mapping};
use planbook_core::{Content, Error};
use rust_xlsxwriter::{Formula, Workbook};

fn import_error(path: &Path) -> String {
    match sheet::prepare(path, None, &Mapping::default(), &Content::default()) {
        Ok(plan) => panic!("{} imported: {:#?}", path.display(), plan.rows),
        Err(e) => {
            assert!(
                matches!(e, Error::Sheet { .. }),
                "{}: {e:?}",
                path.display()
            );
            let text = e.to_string();
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(text.contains(&*name), "{text} names the file");
            assert!(!e.hint_for(planbook_core::Surface::Cli).is_empty());
            text
        }
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn damaged_empty_and_foreign_files_are_refused_in_words() {
    let dir = common::temp_dir();
    let good = std::fs::read(common::tracker::council_xlsx(dir.path(), "good.xlsx")).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (write(dir.path(), "empty.xlsx", b""), "the file is empty"),
        (write(dir.path(), "empty.csv", b""), "the file is empty"),
        (
            write(dir.path(), "half.xlsx", &good[..good.len() / 2]),
            "damaged",
        ),
        (
            write(dir.path(), "noise.xlsx", &[0x5a; 4096]),
            "damaged or is not a spreadsheet",
        ),
        (
            write(dir.path(), "noise.ods", b"PK\x03\x04 not really"),
            "damaged",
        ),
        (
            write(dir.path(), "noise.xls", &[0xd0; 2048]),
            "damaged or is not a spreadsheet",
        ),
        (
            write(dir.path(), "plan.pdf", b"%PDF-1.7"),
            "ending in .xlsx, .xls, .ods or .csv",
        ),
        (
            write(dir.path(), "words.csv", b"just,some\nwords,here\n"),
            "no header row",
        ),
        (
            write(dir.path(), "quote.csv", b"Ref,Action\nA1,\"never closed\n"),
            "",
        ),
    ];
    for (path, says) in cases {
        let text = match sheet::prepare(&path, None, &Mapping::default(), &Content::default()) {
            // A CSV with an unclosed quote reads to the end as one cell: a row without a
            // title, set aside and reported, is also a clear outcome.
            Ok(plan) if says.is_empty() => {
                assert_eq!(plan.created() + plan.set_aside(), 1);
                continue;
            }
            _ => import_error(&path),
        };
        assert!(text.contains(says), "{}: {text}", path.display());
    }
}

#[test]
fn a_missing_sheet_names_the_sheets_there_are() {
    let dir = common::temp_dir();
    let path = common::tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let e = sheet::prepare(
        &path,
        Some("Risks"),
        &Mapping::default(),
        &Content::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("no sheet called “Risks”; its sheets are “Action plan”"),
        "{e}"
    );
    assert!(
        e.hint_for(planbook_core::Surface::Cli)
            .contains("--sheet NAME")
    );
}

#[test]
fn a_part_that_would_unpack_beyond_the_limit_is_refused_before_it_is_unpacked() {
    let dir = common::temp_dir();
    let mut bytes = std::fs::read(common::tracker::council_xlsx(dir.path(), "t.xlsx")).unwrap();
    // Each central directory entry (PK\x01\x02) holds the part's unpacked size at offset 24.
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let size = at + i + 24;
        bytes[size..size + 4].copy_from_slice(&0x4000_0000u32.to_le_bytes());
        at = size;
    }
    let path = write(dir.path(), "bomb.xlsx", &bytes);
    let text = import_error(&path);
    assert!(
        text.contains("would unpack to") && text.contains("more than the 512 MB"),
        "{text}"
    );
}

#[test]
fn a_million_rows_and_a_megabyte_cell_are_refused_with_the_limits() {
    let dir = common::temp_dir();
    let path = dir.path().join("million.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "Ref,Action").unwrap();
    for i in 0..1_000_000 {
        writeln!(f, "A{i},x").unwrap();
    }
    drop(f);
    let text = import_error(&path);
    assert!(
        text.contains("Planbook reads at most 100000 rows"),
        "{text}"
    );

    // An .xlsx whose one mark is on row 1,000,000.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "Action").unwrap();
    ws.write_string(999_999, 0, "far down").unwrap();
    let far = dir.path().join("far.xlsx");
    book.save(&far).unwrap();
    let text = import_error(&far);
    assert!(text.contains("1000000 rows"), "{text}");

    let big = format!("Ref,Action\nA1,{}\n", "x".repeat(1 << 20));
    let text = import_error(&write(dir.path(), "big cell.csv", big.as_bytes()));
    assert!(
        text.contains("cell B2 of sheet “big cell” holds 1048576 characters"),
        "{text}"
    );

    let huge = dir.path().join("huge.csv");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(65 << 20).unwrap();
    assert!(import_error(&huge).contains("more than the 64 MB"));
}

#[test]
fn formulas_give_their_results_and_an_error_result_is_reported_where_it_is() {
    let dir = common::temp_dir();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Tracker").unwrap();
    for (c, h) in ["Ref", "Action", "Target date"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "F1").unwrap();
    ws.write_formula(
        1,
        1,
        Formula::new("=\"Count \"&\"the homes\"").set_result("Count the homes"),
    )
    .unwrap();
    ws.write_formula(1, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    let path = dir.path().join("formulas.xlsx");
    book.save(&path).unwrap();
    let plan = sheet::prepare(&path, None, &Mapping::default(), &Content::default()).unwrap();
    assert_eq!(plan.created(), 1);
    let problems: Vec<String> = plan.problems().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("sheet “Tracker”, row 2, column C (Target date): “#DIV/0!”"),
        "{}",
        problems[0]
    );
}
