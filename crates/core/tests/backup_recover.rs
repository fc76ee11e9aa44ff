//! Backups (taken, checked, thinned out, restored as an undoable edit) and recovering what can
//! be read from a damaged workbook.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{example_at, temp_dir};
use planbook_core::backup::{self, BackupInfo};
use planbook_core::model::*;
use planbook_core::recover;
use planbook_core::{Access, Workbook};
use serde_json::json;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

#[test]
fn backups_are_taken_checked_listed_and_restored_as_one_undoable_edit() {
    let dir = temp_dir();
    let data = dir.path().join("app data");
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let original = wb.content().unwrap();
    let first = backup::take(&wb, &data, "every 15 minutes", at("2026-11-23T09:00:00Z")).unwrap();
    assert!(first.path.exists());
    assert!(
        Workbook::open(&first.path, Access::ReadOnly)
            .unwrap()
            .integrity_check()
            .unwrap()
            .is_empty()
    );

    let p = original.priorities[0].clone();
    wb.set(
        Kind::Priority,
        &p.id,
        "title",
        json!("Changed after the backup"),
    )
    .unwrap();
    wb.delete(Kind::Action, &original.actions[0].id).unwrap();
    backup::take(&wb, &data, "before a merge", at("2026-11-23T09:20:00Z")).unwrap();
    let listed = backup::list(&wb, &data).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].reason, "before a merge");
    assert_eq!(listed[1].taken_at, "2026-11-23T09:00:00.000Z");

    backup::restore(&mut wb, &listed[1].path).unwrap();
    let restored = wb.content().unwrap();
    assert!(
        planbook_core::sync::diff::diff(&original, &restored)
            .unwrap()
            .is_empty()
    );
    assert!(
        wb.history(1).unwrap()[0]
            .label
            .starts_with("Restore from backup")
    );
    wb.undo().unwrap();
    assert_eq!(
        wb.get::<Priority>(&p.id).unwrap().title,
        "Changed after the backup"
    );
}

#[test]
fn backups_are_due_every_fifteen_minutes_of_editing() {
    let now = at("2026-11-23T10:00:00Z");
    assert!(backup::due(None, true, now));
    assert!(
        !backup::due(None, false, now),
        "nothing edited, nothing to back up"
    );
    assert!(!backup::due(Some(now - Duration::minutes(14)), true, now));
    assert!(backup::due(Some(now - Duration::minutes(15)), true, now));
}

#[test]
fn thinning_keeps_hourly_backups_for_a_day_then_daily_for_a_month() {
    let now = at("2026-11-23T12:00:00Z");
    let mut all = Vec::new();
    // One every 15 minutes for 40 days.
    for n in 0..(40 * 24 * 4) {
        let t = now - Duration::minutes(15 * n);
        all.push(BackupInfo {
            path: format!("{n}.sqlite").into(),
            file_name: format!("{n}.sqlite"),
            taken_at: t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            reason: String::new(),
            size: 0,
        });
    }
    let deleted: std::collections::HashSet<_> = backup::thin_out(&all, now).into_iter().collect();
    let kept: Vec<_> = all.iter().filter(|b| !deleted.contains(&b.path)).collect();
    let age = |b: &BackupInfo| now - at(&b.taken_at);
    assert_eq!(kept[0].path, all[0].path, "the newest is always kept");
    let in_day = kept.iter().filter(|b| age(b) <= Duration::days(1)).count();
    assert!(
        (24..=26).contains(&in_day),
        "about one per hour for a day: {in_day}"
    );
    let in_month = kept
        .iter()
        .filter(|b| age(b) > Duration::days(1) && age(b) <= Duration::days(31))
        .count();
    assert!(
        (29..=31).contains(&in_month),
        "about one per day for a month: {in_month}"
    );
    assert!(
        kept.iter().all(|b| age(b) <= Duration::days(31)),
        "nothing older than a month"
    );
}

#[test]
fn what_can_be_read_from_a_damaged_workbook_is_recovered_into_a_new_one() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "damaged.sqlite");
    let original = wb.content().unwrap();
    drop(wb);
    // Damage one b-tree page that holds rows (not page 1), as a bad sector would.
    let mut bytes = std::fs::read(&path).unwrap();
    let pages = bytes.len() / 4096;
    let victim = (pages / 2..pages)
        .find(|p| bytes[p * 4096] == 0x0D)
        .expect("a table leaf page");
    for b in &mut bytes[victim * 4096 + 8..victim * 4096 + 400] {
        *b ^= 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(
        Workbook::open(&path, Access::Edit).is_err()
            || !Workbook::open(&path, Access::ReadOnly)
                .unwrap()
                .integrity_check()
                .unwrap()
                .is_empty()
    );

    let to = dir.path().join("recovered ŵ.sqlite");
    let report = recover::recover_into(&path, &to).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the damaged file is never modified"
    );
    let got = Workbook::open(&to, Access::Edit).unwrap();
    assert!(got.integrity_check().unwrap().is_empty());
    let c = got.content().unwrap();
    let total = |c: &planbook_core::Content| {
        c.priorities.len()
            + c.outcomes.len()
            + c.actions.len()
            + c.sections.len()
            + c.partners.len()
    };
    assert!(
        total(&c) > total(&original) / 2,
        "most rows recovered: {report:?}"
    );
    assert_eq!(
        report.recovered.values().sum::<usize>(),
        planbook_core::sync::diff::rows_of(&c)
            .unwrap()
            .values()
            .map(|r| r.len())
            .sum::<usize>()
    );
}

#[test]
fn recovering_a_file_that_is_not_sqlite_says_so() {
    let dir = temp_dir();
    let path = dir.path().join("photo.sqlite");
    std::fs::write(&path, b"not a database at all").unwrap();
    let err = recover::recover_into(&path, &dir.path().join("out.sqlite")).unwrap_err();
    assert!(["corrupt", "not_sqlite"].contains(&err.code()), "{err:?}");
    assert!(!dir.path().join("out.sqlite").exists());
}
