//! `cargo bench -p planbook-core --bench merge`: how long merging a colleague's copy takes, for
//! two copies of a generated 1,000-action workbook (and 100 and 10,000 for scale), each side
//! having edited a tenth of the actions and added some of its own. Prints a table; asserts
//! nothing. The time covers working out the merge (finding the shared state, comparing all
//! three versions) and applying it as one edit.

use std::time::Instant;

use planbook_core::model::{Action, ActionStatus, Kind};
use planbook_core::sync::copy::{CopyOptions, send_copy};
use planbook_core::sync::merge;
use planbook_core::{Access, Start, Workbook, generate};
use serde_json::json;

fn main() {
    println!(
        "{:>8} {:>10} {:>12} {:>12} {:>10}",
        "actions", "edits", "plan ms", "apply ms", "changed"
    );
    for n in [100usize, 1_000, 10_000] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mine_path = dir.path().join("mine.sqlite");
        let mut mine = Workbook::create(
            &mine_path,
            Start::Content(Box::new(generate::content(n, 1).expect("generate"))),
        )
        .expect("create");
        let theirs_path = dir.path().join("theirs.sqlite");
        send_copy(&mine, &theirs_path, CopyOptions::default()).expect("copy");
        let mut theirs = Workbook::open(&theirs_path, Access::Edit).expect("open the copy");
        let actions = mine.list::<Action>().expect("actions");
        let edits = n / 10;
        for (i, a) in actions.iter().enumerate().take(edits * 2) {
            // Even actions are edited on my side, odd ones on theirs: no conflicts.
            let (wb, side) = if i % 2 == 0 {
                (&mut mine, "mine")
            } else {
                (&mut theirs, "theirs")
            };
            wb.set(
                Kind::Action,
                &a.id,
                "progress_note",
                json!(format!("Updated by {side}")),
            )
            .expect("edit");
            wb.set(
                Kind::Action,
                &a.id,
                "status",
                serde_json::to_value(ActionStatus::OnTrack).expect("status"),
            )
            .expect("edit");
        }
        for k in 0..edits / 10 {
            theirs
                .add(Action {
                    title: format!("Their new action {k}"),
                    ..Default::default()
                })
                .expect("add");
        }
        let start = Instant::now();
        let plan = merge::plan(&mine, &theirs).expect("plan");
        let planned = start.elapsed();
        let start = Instant::now();
        let report = merge::apply(&mut mine, &plan, &[]).expect("apply");
        let applied = start.elapsed();
        println!(
            "{n:>8} {:>10} {:>12.1} {:>12.1} {:>10}",
            edits * 2 * 2 + edits / 10,
            planned.as_secs_f64() * 1000.0,
            applied.as_secs_f64() * 1000.0,
            report.added + report.changed + report.removed
        );
    }
}
