//! Realistic action trackers, written by the tests themselves as UK councils and partnerships
//! keep them: title rows above the header, a priority merged down its actions, RAG as
//! letters, words or only a fill colour, dates as date cells, serials and free text, a
//! quarterly update per column, a key and notes below the table.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The header row's cells (row 4 of the sheet).
pub const HEADERS: [&str; 12] = [
    "Ref",
    "Priority",
    "Outcome",
    "Action",
    "Lead organisation",
    "Lead officer",
    "Supporting partners",
    "Start date",
    "Target date",
    "RAG",
    "Q1 update",
    "Q2 update",
];

/// Writes the council tracker to `dir/name` (.xlsx) and returns its path.
pub fn council_xlsx(dir: &Path, name: &str) -> PathBuf {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let red = Format::new().set_background_color(0xFF0000);
    let green = Format::new().set_background_color(0x00B050);
    let ws = book.add_worksheet();
    ws.set_name("Action plan").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        11,
        "Caerphilly Health and Wellbeing Partnership: Action Tracker 2025/26",
        &title,
    )
    .unwrap();
    ws.write_string(1, 0, "Last updated: 12/11/2025 by the partnership team")
        .unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &bold).unwrap();
    }
    // A priority merged down the three actions that serve it.
    ws.merge_range(4, 1, 6, 1, "P1 Healthy homes", &Format::new())
        .unwrap();
    let rows: [[&str; 12]; 7] = [
        [
            "HH1",
            "",
            "O1 Warmer homes",
            "Insulate 500 council homes",
            "Caerphilly CBC",
            "J. Evans",
            "Care and Repair Cymru; Age Cymru",
            "",
            "Q3 2025/26",
            "G",
            "Survey done",
            "200 homes fitted",
        ],
        [
            "HH2",
            "",
            "O1 Warmer homes",
            "Energy advice at every library",
            "Citizens Advice",
            "",
            "Caerphilly CBC and Age Cymru",
            "",
            "March 2026",
            "Amber",
            "",
            "Two libraries so far",
        ],
        [
            "HH3",
            "",
            "O2 Safer homes",
            "Falls prevention visits",
            "Care and Repair Cymru",
            "",
            "",
            "",
            "Ongoing",
            "",
            "Visits began",
            "",
        ],
        [
            "MH1",
            "P2 Mental health",
            "",
            "Open a wellbeing hub",
            "Aneurin Bevan UHB",
            "S. Price",
            "",
            "",
            "soonish",
            "Purple",
            "",
            "",
        ],
        [
            "MH2",
            "P2 Mental health",
            "",
            "Train 100 mental health first aiders",
            "Aneurin Bevan UHB",
            "",
            "",
            "",
            "2025/26",
            "R",
            "",
            "Behind: trainer left",
        ],
        [
            "MH3",
            "",
            "",
            "",
            "Citizens Advice",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "",
            "P2 Mental health",
            "",
            "Peer support groups in every valley",
            "Mind Cymru",
            "",
            "",
            "",
            "TBC",
            "G",
            "",
            "",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        for (c, v) in row.iter().enumerate() {
            if c == 1 && i < 3 {
                continue; // merged
            }
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
    }
    // A start date as a date cell, one as a bare Excel serial (1 April 2025 is 45748).
    ws.write_datetime_with_format(4, 7, ExcelDateTime::from_ymd(2025, 4, 1).unwrap(), &date)
        .unwrap();
    ws.write_number(5, 7, 45748.0).unwrap();
    // RAG shown only by the cell's fill.
    ws.write_blank(6, 9, &green).unwrap();
    ws.write_blank(8, 9, &Format::new()).unwrap();
    ws.write_string_with_format(8, 9, "R", &red).unwrap();
    // Below the table: a blank row, a key and a source note.
    ws.write_string(
        12,
        0,
        "Key: G = on track, A = at risk, R = off track, B = complete",
    )
    .unwrap();
    ws.write_string(13, 0, "Source: partnership board, November 2025")
        .unwrap();
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

/// A CSV tracker as Excel on Windows saves it in much of Europe: Windows-1252, semicolons.
pub fn windows_csv(dir: &Path, name: &str) -> PathBuf {
    let text = "Action tracker\n\nRef;Action;Lead;Due;Status;Comments\nA1;Caf\u{e9} drop-ins \u{2013} every week;Dorset Council;31/03/2026;On track;\u{201c}Going well\u{201d}\nA2;Food bank vouchers;Citizens Advice;Q4 2025/26;A;\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A CSV tracker in UTF-8 with a BOM, commas and quoted cells holding commas and new lines.
pub fn bom_csv(dir: &Path, name: &str) -> PathBuf {
    let text = "\u{feff}Ref,Action,Lead partner,Target date,RAG,Update\nB1,\"Walk, talk and cycle\",Dorset Council,2026-03-31,G,\"Line one\nline two\"\nB2,Ŵyl y Gwanwyn,Mind Cymru,Mar-26,B,\n";
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}
