//! `planbook import-sheet` and `export-sheet`, run as a person would: exit codes, the dry run
//! that writes nothing, rows set aside and values that cannot be read listed with their
//! sheet, row and column, and an exported tracker brought back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::path::Path;
use std::process::Output;

use common::text;

fn planbook(dir: &Path, args: &[&str]) -> Output {
    common::planbook_with_data(dir, "data", args)
}

fn dir() -> tempfile::TempDir {
    common::folder("planbook sheets ŵ é ")
}

const TRACKER: &str = "Partnership action tracker\n\nRef,Action,Lead organisation,Target date,RAG,Update\nA1,Open the hub,Dorset Council,Q3 2025/26,G,Open on Mondays\nA2,Train volunteers,\"Age UK, Dorset Council\",soonish,A,\nA3,,Dorset Council,,,\n\nKey: G = on track\n";

#[test]
fn import_sheet_makes_a_workbook_and_lists_what_it_set_aside() {
    let d = dir();
    std::fs::write(d.path().join("tracker.csv"), TRACKER).unwrap();
    let out = planbook(
        d.path(),
        &["import-sheet", "tracker.csv", "-o", "plan.sqlite"],
    );
    let said = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "rows set aside: {said}{}",
        text(&out.stderr)
    );
    assert!(said.contains("headers on row 3"), "{said}");
    assert!(
        said.contains("row 4: new action A1 “Open the hub”"),
        "{said}"
    );
    assert!(
        said.contains("row 6: set aside: it has no action title"),
        "{said}"
    );
    assert!(
        said.contains(
            "problem: sheet “tracker”, row 5, column D (Target date): “soonish” is not a date"
        ),
        "{said}"
    );
    assert!(said.contains("New partner: “Age UK”"), "{said}");
    assert!(
        said.contains("Row 8 below the table was read as a note, not an action."),
        "{said}"
    );
    assert!(
        said.contains("Created plan.sqlite with the plan “Partnership action tracker”: 2 actions"),
        "{said}"
    );
    let info = text(&planbook(d.path(), &["info", "plan.sqlite"]).stdout);
    assert!(info.contains("Actions                  2"), "{info}");
}

#[test]
fn a_dry_run_writes_nothing() {
    let d = dir();
    std::fs::write(d.path().join("tracker.csv"), TRACKER).unwrap();
    let out = planbook(
        d.path(),
        &[
            "import-sheet",
            "tracker.csv",
            "-o",
            "plan.sqlite",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("Dry run: nothing was written."));
    assert!(!d.path().join("plan.sqlite").exists());

    assert!(
        planbook(d.path(), &["new", "mine.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let before = std::fs::read(d.path().join("mine.sqlite")).unwrap();
    let out = planbook(
        d.path(),
        &[
            "import-sheet",
            "tracker.csv",
            "--into",
            "mine.sqlite",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(d.path().join("mine.sqlite")).unwrap(), before);
    assert!(!d.path().join("data").exists(), "no backup either");
}

#[test]
fn exit_codes_say_done_done_with_rows_set_aside_and_nothing_done() {
    let d = dir();
    std::fs::write(d.path().join("clean.csv"), "Ref,Action\nA1,One\n").unwrap();
    std::fs::write(d.path().join("headings.csv"), "Ref,Action\nHeading,\n").unwrap();
    std::fs::write(d.path().join("broken.xlsx"), b"not a spreadsheet").unwrap();
    let code = |args: &[&str]| planbook(d.path(), args).status.code();
    assert_eq!(
        code(&["import-sheet", "clean.csv", "-o", "a.sqlite"]),
        Some(0)
    );
    assert_eq!(
        code(&["import-sheet", "headings.csv", "-o", "b.sqlite"]),
        Some(2)
    );
    assert!(!d.path().join("b.sqlite").exists());
    let out = planbook(d.path(), &["import-sheet", "broken.xlsx", "-o", "c.sqlite"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: “broken.xlsx” could not be imported: it is damaged"),
        "{err}"
    );
    assert!(
        err.contains("hint: Open it in Excel or LibreOffice and save it again"),
        "{err}"
    );
    assert!(!d.path().join("c.sqlite").exists());
    // Importing the same sheet again changes nothing.
    assert_eq!(
        code(&["import-sheet", "clean.csv", "--into", "a.sqlite"]),
        Some(0)
    );
    let again = text(
        &planbook(
            d.path(),
            &["import-sheet", "clean.csv", "--into", "a.sqlite"],
        )
        .stdout,
    );
    assert!(
        again.contains("A1 “One” is unchanged") && again.contains("Nothing to change"),
        "{again}"
    );
}

#[test]
fn an_exported_tracker_comes_back_with_the_partners_changes() {
    let d = dir();
    assert!(
        planbook(d.path(), &["new", "plan.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let out = planbook(
        d.path(),
        &["export-sheet", "plan.sqlite", "-o", "tracker.xlsx"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Wrote 10 actions to tracker.xlsx.\n");
    let out = planbook(
        d.path(),
        &["export-sheet", "plan.sqlite", "-o", "tracker.csv"],
    );
    assert!(out.status.success());
    let csv = std::fs::read_to_string(d.path().join("tracker.csv")).unwrap();
    let line = csv.lines().find(|l| l.starts_with("A01,")).unwrap();
    std::fs::write(
        d.path().join("tracker.csv"),
        csv.replacen(line, &line.replacen(",On track,", ",Complete,", 1), 1),
    )
    .unwrap();
    let out = planbook(
        d.path(),
        &["import-sheet", "tracker.csv", "--into", "plan.sqlite"],
    );
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}{}", text(&out.stderr));
    assert!(
        said.contains("updates A01") && said.contains("Status “On track” → “Complete”"),
        "{said}"
    );
    assert!(said.contains("A backup was saved first"), "{said}");
    assert!(
        said.contains("0 new, 1 updated (one edit, “Import from tracker.csv”"),
        "{said}"
    );
    // The xlsx still says "On track": bringing it back changes A01 back, and only A01.
    let said = text(
        &planbook(
            d.path(),
            &[
                "import-sheet",
                "tracker.xlsx",
                "--into",
                "plan.sqlite",
                "--dry-run",
            ],
        )
        .stdout,
    );
    assert!(
        said.contains("In all: 0 new, 1 updated, 9 unchanged, 0 set aside"),
        "{said}"
    );

    let out = planbook(
        d.path(),
        &[
            "export-sheet",
            "plan.sqlite",
            "-o",
            "one.csv",
            "--lead",
            "Nobody",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("No partner called “Nobody”"));
    let out = planbook(
        d.path(),
        &["export-sheet", "plan.sqlite", "-o", "tracker.ods"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("as .xlsx or .csv"),
        "{}",
        text(&out.stderr)
    );
    assert!(!d.path().join("tracker.ods").exists());
}
