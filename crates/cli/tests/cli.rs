//! The `planbook` command used as a person would: exit codes, output, files, and bad input.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::process::Output;

use common::{planbook, text};

fn dir() -> tempfile::TempDir {
    common::folder("planbook cli ŵ é ")
}

/// Errors are a one-line cause and a one-line hint, never a panic or a debug dump.
fn assert_clean_error(out: &Output, cause: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains(cause),
        "{err}"
    );
    assert!(lines[1].starts_with("hint: "), "{err}");
    for bad in ["panicked", "RUST_BACKTRACE", "Error {", "Sqlite(", "Io("] {
        assert!(!err.contains(bad), "{err}");
    }
}

#[test]
fn new_info_and_check_on_the_example() {
    let d = dir();
    let out = planbook(
        d.path(),
        &["new", "Our Dorset plan.sqlite", "--example", "our-dorset"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Created Our Dorset plan.sqlite with the plan “Our Dorset”.")
    );

    let out = planbook(d.path(), &["info", "Our Dorset plan.sqlite"]);
    assert!(out.status.success());
    let info = text(&out.stdout);
    for expected in [
        "Plan:           Our Dorset",
        "Period:         1 April 2024 to 31 March 2029",
        "Status:         Draft",
        "Format version: 1",
    ] {
        assert!(info.contains(expected), "{expected}\n{info}");
    }
    assert!(
        info.lines()
            .any(|l| l.starts_with("Priorities") && l.trim_end().ends_with(" 6")),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Actions") && l.trim_end().ends_with(" 10")),
        "{info}"
    );

    let out = planbook(
        d.path(),
        &["check", "Our Dorset plan.sqlite", "--today", "2026-11-23"],
    );
    assert_eq!(out.status.code(), Some(1), "findings give exit 1");
    let report = text(&out.stdout);
    assert!(report.contains("File: sound"));
    assert!(report.contains("is overdue"));
    // The example uses the term only in a name and in quotation marks: a suggestion only.
    assert!(report.contains(
        "uses “integrated care system” in what looks like a name (“Our Dorset Integrated Care System”): keep it if it is the name of an organisation or a title; otherwise say “working together locally”."
    ));
}

#[test]
fn check_of_a_clean_plan_exits_zero_and_of_a_bad_file_two() {
    let d = dir();
    assert!(
        planbook(d.path(), &["new", "blank.sqlite", "--title", "Blank"])
            .status
            .success()
    );
    let out = planbook(d.path(), &["check", "blank.sqlite"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("nothing to fix"));

    std::fs::write(
        d.path().join("photo.sqlite"),
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 16],
    )
    .unwrap();
    assert_clean_error(
        &planbook(d.path(), &["check", "photo.sqlite"]),
        "is not an SQLite file",
    );
    assert_clean_error(
        &planbook(d.path(), &["info", "missing.sqlite"]),
        "was not found",
    );

    let other = d.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    assert_clean_error(
        &planbook(d.path(), &["check", "other.db"]),
        "an SQLite database, but not a Planbook workbook",
    );
}

#[test]
fn new_refuses_to_overwrite_unless_forced() {
    let d = dir();
    assert!(
        planbook(d.path(), &["new", "plan.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    assert_clean_error(
        &planbook(d.path(), &["new", "plan.sqlite"]),
        "already exists",
    );
    let out = planbook(d.path(), &["info", "plan.sqlite"]);
    assert!(
        text(&out.stdout).contains("Our Dorset"),
        "the existing file was kept"
    );
    let out = planbook(
        d.path(),
        &["new", "plan.sqlite", "--force", "--title", "Fresh start"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&planbook(d.path(), &["info", "plan.sqlite"]).stdout).contains("Fresh start"));
    assert_clean_error(
        &planbook(d.path(), &["new", "x.sqlite", "--example", "atlantis"]),
        "no example called “atlantis”",
    );
    assert_clean_error(&planbook(d.path(), &["new", "no such folder/x.sqlite"]), "");
}

#[test]
fn export_import_export_is_byte_identical() {
    let d = dir();
    assert!(
        planbook(
            d.path(),
            &["new", "café plan.sqlite", "--example", "our-dorset"]
        )
        .status
        .success()
    );
    assert!(
        planbook(
            d.path(),
            &["export-json", "café plan.sqlite", "-o", "one.json"]
        )
        .status
        .success()
    );
    let out = planbook(
        d.path(),
        &["import-json", "one.json", "-o", "copy ŷ.sqlite"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = planbook(d.path(), &["export-json", "copy ŷ.sqlite"]);
    assert!(out.status.success());
    let one = std::fs::read(d.path().join("one.json")).unwrap();
    assert_eq!(one, out.stdout, "export to stdout equals the first export");
    assert_clean_error(
        &planbook(
            d.path(),
            &["import-json", "one.json", "-o", "copy ŷ.sqlite"],
        ),
        "already exists",
    );

    std::fs::write(
        d.path().join("broken.json"),
        "{\"format\": \"planbook-workbook\", ",
    )
    .unwrap();
    assert_clean_error(
        &planbook(
            d.path(),
            &["import-json", "broken.json", "-o", "never.sqlite"],
        ),
        "JSON could not be read",
    );
    assert!(!d.path().join("never.sqlite").exists());
}

#[test]
fn every_command_has_help_and_wrong_arguments_exit_two() {
    let d = dir();
    for cmd in ["new", "info", "check", "export-json", "import-json"] {
        let out = planbook(d.path(), &[cmd, "--help"]);
        assert!(out.status.success(), "{cmd}");
        let help = text(&out.stdout);
        assert!(
            help.contains("Usage: planbook") && help.contains("Exit codes:"),
            "{cmd}: {help}"
        );
    }
    let top = text(&planbook(d.path(), &["--help"]).stdout);
    for cmd in ["new", "info", "check", "export-json", "import-json"] {
        assert!(top.contains(cmd), "{top}");
    }
    for args in [
        &["frobnicate"][..],
        &["info"],
        &["check", "a", "b"],
        &["new", "x.sqlite", "--example"],
        &["check", "x", "--today", "yesterday"],
    ] {
        let out = planbook(d.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!text(&out.stderr).contains("panicked"));
    }
}

#[test]
fn info_reads_a_workbook_from_a_newer_planbook() {
    let d = dir();
    assert!(
        planbook(
            d.path(),
            &["new", "future.sqlite", "--example", "our-dorset"]
        )
        .status
        .success()
    );
    rusqlite::Connection::open(d.path().join("future.sqlite"))
        .unwrap()
        .pragma_update(None, "user_version", 7)
        .unwrap();
    let out = planbook(d.path(), &["info", "future.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let info = text(&out.stdout);
    assert!(
        info.contains("Format version: 7") && info.contains("made by a newer Planbook"),
        "{info}"
    );
}

/// A bad value in imported JSON names the item and the field in words, not serde's; the
/// command line's hint for a file in the way offers --force.
#[test]
fn errors_name_the_item_and_field_and_hints_fit_the_command_line() {
    let d = dir();
    assert!(
        planbook(d.path(), &["new", "plan.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let out = planbook(d.path(), &["new", "plan.sqlite"]);
    assert_clean_error(&out, "already exists");
    assert!(text(&out.stderr).contains("hint: Choose another name, or use --force"));

    let out = planbook(d.path(), &["export-json", "plan.sqlite"]);
    let json = text(&out.stdout).replacen("\"population\": 800000", "\"population\": 12.5", 1);
    assert!(json.contains("12.5"), "the example names its population");
    std::fs::write(d.path().join("bad.json"), json).unwrap();
    let out = planbook(d.path(), &["import-json", "bad.json", "-o", "never.sqlite"]);
    assert_clean_error(
        &out,
        "The plan “Our Dorset”: Population must be a whole number, such as 812500.",
    );
    assert!(!text(&out.stderr).contains("i64"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("hint: Check that the file is a Planbook JSON export; if it was edited by hand, correct what the message names"));
    assert!(!d.path().join("never.sqlite").exists());
}
