//! `planbook copy`, `diff`, `merge` and `import-json --into`, used as a person would.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::path::Path;
use std::process::Output;

use common::text;

fn planbook(dir: &Path, args: &[&str]) -> Output {
    common::planbook_with_data(dir, "app data", args)
}

const P1: &str = "Enabling people to take more control and responsibility for their care";

/// Renames priority P1 in `file` from `old` to `title` through a JSON round trip with `--into`.
fn rename_first_priority(dir: &Path, file: &str, old: &str, title: &str) {
    assert!(
        planbook(dir, &["export-json", file, "-o", "edit.json"])
            .status
            .success()
    );
    let json = std::fs::read_to_string(dir.join("edit.json")).unwrap();
    let json = json.replacen(
        &format!("\"title\": \"{old}\""),
        &format!("\"title\": \"{title}\""),
        1,
    );
    std::fs::write(dir.join("edit.json"), json).unwrap();
    let out = planbook(dir, &["import-json", "edit.json", "--into", file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 changed"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn copy_diff_and_merge_with_and_without_conflicts() {
    let d = tempfile::Builder::new()
        .prefix("planbook sharing ŵ ")
        .tempdir()
        .unwrap();
    let d = d.path();
    assert!(
        planbook(d, &["new", "mine.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let out = planbook(d, &["copy", "mine.sqlite", "-o", "their copy.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = planbook(d, &["diff", "mine.sqlite", "their copy.sqlite"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("same content"));

    rename_first_priority(d, "their copy.sqlite", P1, "Their title");
    let out = planbook(d, &["diff", "mine.sqlite", "their copy.sqlite"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("title: “Enabling people to take more control and responsibility for their care” → “Their title”"));

    // Only they changed it: it merges by itself.
    let out = planbook(d, &["merge", "mine.sqlite", "their copy.sqlite"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(
        planbook(d, &["diff", "mine.sqlite", "their copy.sqlite"])
            .status
            .code(),
        Some(0)
    );

    // Both change it: a conflict, listed, nothing changed, exit 1.
    rename_first_priority(d, "mine.sqlite", "Their title", "My title");
    let out = planbook(d, &["export-json", "their copy.sqlite", "-o", "t.json"]);
    assert!(out.status.success());
    let json = std::fs::read_to_string(d.join("t.json")).unwrap().replacen(
        "\"title\": \"Their title\"",
        "\"title\": \"Their second title\"",
        1,
    );
    std::fs::write(d.join("t.json"), json).unwrap();
    assert!(
        planbook(d, &["import-json", "t.json", "--into", "their copy.sqlite"])
            .status
            .success()
    );
    let before = std::fs::read(d.join("mine.sqlite")).unwrap();
    let out = planbook(d, &["merge", "mine.sqlite", "their copy.sqlite"]);
    assert_eq!(out.status.code(), Some(1));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("1 conflict; nothing was changed")
            && listed.contains("mine “My title”")
            && listed.contains("theirs “Their second title”"),
        "{listed}"
    );
    assert_eq!(
        std::fs::read(d.join("mine.sqlite")).unwrap(),
        before,
        "a listed conflict changes nothing"
    );

    let out = planbook(
        d,
        &[
            "merge",
            "mine.sqlite",
            "their copy.sqlite",
            "--prefer",
            "theirs",
        ],
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("1 conflict settled in favour of theirs"));
    assert!(text(&out.stdout).contains("A backup was saved first"));
    assert!(
        !walk(&d.join("app data")).is_empty(),
        "a backup before the merge"
    );
    assert_eq!(
        planbook(d, &["diff", "mine.sqlite", "their copy.sqlite"])
            .status
            .code(),
        Some(0)
    );
    let out = planbook(d, &["merge", "mine.sqlite", "their copy.sqlite"]);
    assert!(
        text(&out.stdout).contains("Nothing to merge"),
        "merging twice changes nothing"
    );
}

#[test]
fn sharing_commands_give_clear_errors() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    assert!(
        planbook(d, &["new", "a.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    assert!(
        planbook(d, &["new", "b.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let out = planbook(d, &["merge", "a.sqlite", "b.sqlite"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("share no starting point"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        planbook(d, &["copy", "a.sqlite", "-o", "c.sqlite"])
            .status
            .success()
    );
    let out = planbook(d, &["copy", "a.sqlite", "-o", "c.sqlite"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(
        planbook(d, &["diff", "a.sqlite", "missing.sqlite"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        planbook(d, &["merge", "a.sqlite", "c.sqlite", "--prefer", "both"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        planbook(d, &["import-json", "x.json"]).status.code(),
        Some(2)
    );
    for cmd in ["copy", "diff", "merge"] {
        assert!(text(&planbook(d, &[cmd, "--help"]).stdout).contains("Exit codes:"));
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn recover_reads_what_it_can_and_leaves_the_damaged_file_alone() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    assert!(
        planbook(d, &["new", "plan.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let mut bytes = std::fs::read(d.join("plan.sqlite")).unwrap();
    let pages = bytes.len() / 4096;
    let victim = (pages / 2..pages)
        .find(|p| bytes[p * 4096] == 0x0D)
        .unwrap();
    for b in &mut bytes[victim * 4096 + 8..victim * 4096 + 300] {
        *b = 0xFF;
    }
    std::fs::write(d.join("plan.sqlite"), &bytes).unwrap();
    let out = planbook(d, &["recover", "plan.sqlite", "-o", "recovered.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("was not changed"));
    assert_eq!(std::fs::read(d.join("plan.sqlite")).unwrap(), bytes);
    let out = planbook(d, &["check", "recovered.sqlite"]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "the recovered workbook opens: {}",
        text(&out.stderr)
    );
}
