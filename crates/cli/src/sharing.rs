//! The sharing commands: copy, diff, merge, and import-json --into.

use std::path::Path;
use std::process::ExitCode;

use planbook_core::sync::copy::{CopyOptions, send_copy};
use planbook_core::sync::diff::RowChange;
use planbook_core::sync::merge::{self, Choice, Conflict};
use planbook_core::{Access, Content, Result, Workbook, backup, recover as salvage};
use serde_json::Value;

/// Which side wins every conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Side {
    Mine,
    Theirs,
}

pub fn copy(file: &Path, output: &Path, with_history: bool) -> Result<ExitCode> {
    let wb = Workbook::open(file, Access::ReadOnly)?;
    send_copy(&wb, output, CopyOptions { with_history })?;
    let history = if with_history {
        "with its edit history"
    } else {
        "without its edit history"
    };
    println!(
        "Copied {} to {} ({history}).",
        file.display(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A field value as a person reads it.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "(empty)".into(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => format!("“{s}”"),
        other => other.to_string(),
    }
}

pub fn diff(a: &Path, b: &Path) -> Result<ExitCode> {
    let (ca, cb) = (
        Workbook::open(a, Access::ReadOnly)?.content()?,
        Workbook::open(b, Access::ReadOnly)?.content()?,
    );
    let changes = planbook_core::sync::diff::diff(&ca, &cb)?;
    if changes.is_empty() {
        println!("The two workbooks hold the same content.");
        return Ok(ExitCode::SUCCESS);
    }
    for row in &changes {
        match &row.change {
            RowChange::Added => println!("added {} {}", row.kind, row.name),
            RowChange::Removed => println!("removed {} {}", row.kind, row.name),
            RowChange::Changed { fields } => {
                println!("changed {} {}", row.kind, row.name);
                for f in fields {
                    println!(
                        "    {}: {} → {}",
                        f.field.name.replace('_', " "),
                        shown(&f.before),
                        shown(&f.after)
                    );
                }
            }
        }
    }
    let n = changes.len();
    println!(
        "{n} {}.",
        if n == 1 {
            "item differs"
        } else {
            "items differ"
        }
    );
    Ok(ExitCode::from(1))
}

pub fn describe(c: &Conflict) -> String {
    let by = |b: &Option<merge::ChangedBy>| {
        b.as_ref()
            .map_or_else(String::new, |b| format!(" ({}, {})", b.who, b.at))
    };
    match &c.field {
        Some(field) => format!(
            "{} {}: {} — mine {}{}, theirs {}{}",
            c.kind,
            c.name,
            field.name.replace('_', " "),
            shown(&c.mine),
            by(&c.mine_by),
            shown(&c.theirs),
            by(&c.theirs_by)
        ),
        None if c.mine.is_null() => {
            format!(
                "{} {}: deleted in mine{}, changed or added to in theirs{}",
                c.kind,
                c.name,
                by(&c.mine_by),
                by(&c.theirs_by)
            )
        }
        None => format!(
            "{} {}: changed in mine{}, deleted in theirs{}",
            c.kind,
            c.name,
            by(&c.mine_by),
            by(&c.theirs_by)
        ),
    }
}

pub fn merge(mine: &Path, theirs: &Path, prefer: Option<Side>) -> Result<ExitCode> {
    let mut wb = Workbook::open(mine, Access::Edit)?;
    let other = Workbook::open(theirs, Access::ReadOnly)?;
    let plan = merge::plan(&wb, &other)?;
    if !plan.conflicts.is_empty() && prefer.is_none() {
        let n = plan.conflicts.len();
        println!(
            "{n} {}; nothing was changed:",
            if n == 1 { "conflict" } else { "conflicts" }
        );
        for c in &plan.conflicts {
            println!("  - {}", describe(c));
        }
        println!("Settle them in the app, or run again with --prefer mine or --prefer theirs.");
        return Ok(ExitCode::from(1));
    }
    let saved = backup::take(
        &wb,
        &backup::data_dir(),
        "before a merge",
        chrono::Utc::now(),
    )?;
    println!("A backup was saved first: {}", saved.path.display());
    let choice = if prefer == Some(Side::Theirs) {
        Choice::Theirs
    } else {
        Choice::Mine
    };
    let choices = vec![choice.clone(); plan.conflicts.len()];
    let report = merge::apply(&mut wb, &plan, &choices)?;
    if report.is_empty() {
        println!(
            "Nothing to merge: {} already holds everything in {}.",
            mine.display(),
            theirs.display()
        );
    } else {
        println!(
            "Merged {} into {}: {} added, {} changed, {} removed{}. Undo in Planbook takes it all back.",
            theirs.display(),
            mine.display(),
            report.added,
            report.changed,
            report.removed,
            match plan.conflicts.len() {
                0 => String::new(),
                n => format!(
                    "; {n} {} settled in favour of {}",
                    if n == 1 { "conflict" } else { "conflicts" },
                    if choice == Choice::Theirs {
                        "theirs"
                    } else {
                        "mine"
                    }
                ),
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import_into(content: &Content, into: &Path) -> Result<ExitCode> {
    let mut wb = Workbook::open(into, Access::Edit)?;
    let report = merge::import_into(&mut wb, content)?;
    println!(
        "Updated {}: {} added, {} changed, {} removed (one edit; undo takes it back).",
        into.display(),
        report.added,
        report.changed,
        report.removed
    );
    Ok(ExitCode::SUCCESS)
}

pub fn recover(file: &Path, output: &Path) -> Result<ExitCode> {
    let report = salvage::recover_into(file, output)?;
    let kept: usize = report.recovered.values().sum();
    println!(
        "Recovered {kept} items from {} into {}.",
        file.display(),
        output.display()
    );
    if report.lost > 0 {
        println!(
            "{} could not be read and are not in the new workbook.",
            match report.lost {
                1 => "1 item".to_owned(),
                n => format!("{n} items"),
            }
        );
    }
    if report.plan_lost {
        println!(
            "The plan's own details could not be read: the new plan is titled “Recovered plan”."
        );
    }
    println!("{} was not changed.", file.display());
    Ok(ExitCode::SUCCESS)
}
