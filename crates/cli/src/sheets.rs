//! `import-sheet` and `export-sheet`: spreadsheets in and out. Core works out and applies the
//! import; this prints each step in a planner's words.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use planbook_core::sheet::table::Chosen;
use planbook_core::sheet::values::List;
use planbook_core::sheet::{self, ImportPlan, Mapping, Target};
use planbook_core::{Access, Content, Error, Result, Start, Workbook, backup};

use crate::commands::{create, open_to_read, plural};

/// The arguments of `import-sheet`.
#[derive(Debug)]
pub struct Import {
    pub file: PathBuf,
    pub output: Option<PathBuf>,
    pub into: Option<PathBuf>,
    pub sheet: Option<String>,
    pub mapping: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
}

pub fn import(args: &Import) -> Result<ExitCode> {
    let mapping = match &args.mapping {
        Some(path) => Mapping::read(path)?,
        None => Mapping::default(),
    };
    let sheet = args.sheet.as_deref();
    match (&args.into, &args.output) {
        (Some(into), _) => {
            let mut wb = if args.dry_run {
                Workbook::open(into, Access::ReadOnly)?
            } else {
                Workbook::open(into, Access::Edit)?
            };
            let plan = sheet::prepare(&args.file, sheet, &mapping, &wb.content()?)?;
            print_plan(&plan);
            if let Some(code) = stop_before_writing(&plan, args.dry_run) {
                return Ok(code);
            }
            let saved = backup::take(
                &wb,
                &backup::data_dir(),
                "before a spreadsheet import",
                chrono::Utc::now(),
            )?;
            println!("A backup was saved first: {}", saved.path.display());
            let report = sheet::apply(&mut wb, &plan)?;
            println!(
                "Updated {}: {} new, {} updated (one edit, “{}”; undo takes it back).",
                into.display(),
                report.created,
                report.updated,
                report.label
            );
            Ok(done(&plan))
        }
        (None, Some(output)) => {
            let plan = sheet::prepare(&args.file, sheet, &mapping, &Content::default())?;
            print_plan(&plan);
            if let Some(code) = stop_before_writing(&plan, args.dry_run) {
                return Ok(code);
            }
            let title = sheet::title_for(&args.file, sheet, &mapping);
            let mut wb = create(output, Start::Blank { title }, args.force)?;
            if let Err(e) = sheet::apply(&mut wb, &plan) {
                // A half-made workbook is no use to anyone: nothing is left behind.
                drop(wb);
                let _ = std::fs::remove_file(output);
                return Err(e);
            }
            println!(
                "Created {} with the plan “{}”: {} from {}.",
                output.display(),
                wb.plan()?.title,
                plural(plan.created(), "action", "actions"),
                args.file.display()
            );
            Ok(done(&plan))
        }
        (None, None) => Err(Error::Invalid(
            "say where the rows go: -o FILE for a new workbook or --into FILE".into(),
        )),
    }
}

/// The exit code when nothing is to be written (a dry run, or nothing to import).
/// A dry run exits as the import would have.
fn stop_before_writing(plan: &ImportPlan, dry_run: bool) -> Option<ExitCode> {
    let stop = if plan.changes_anything() {
        None
    } else if plan.set_aside() > 0 {
        println!("Nothing would be imported: every row was set aside.");
        Some(ExitCode::from(2))
    } else {
        println!("Nothing to change: the workbook already holds what the sheet says.");
        Some(ExitCode::SUCCESS)
    };
    if dry_run {
        println!("Dry run: nothing was written.");
        return Some(stop.unwrap_or_else(|| done(plan)));
    }
    stop
}

fn done(plan: &ImportPlan) -> ExitCode {
    if plan.set_aside() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn list_word(list: List) -> &'static str {
    match list {
        List::Priority => "priority",
        List::Outcome => "outcome",
        List::Partner => "partner",
    }
}

fn print_plan(plan: &ImportPlan) {
    println!(
        "Sheet “{}” of {}: headers on row {}, {}.",
        plan.sheet,
        plan.file.display(),
        plan.header_row,
        plural(plan.rows.len(), "row", "rows")
    );
    println!("Columns:");
    for c in &plan.columns {
        let what = match (c.target, c.chosen) {
            (Target::Note, Chosen::Unrecognised) => {
                "kept in the progress note (not a column Planbook knows)".to_owned()
            }
            (Target::Note, _) => "kept in the progress note".to_owned(),
            (t, Chosen::Mapped) => format!("{} (from the mapping)", t.label()),
            (t, _) => t.label(),
        };
        println!("  {:<3} {:<28} → {what}", c.letter(), c.header);
    }
    println!("Rows:");
    for r in &plan.rows {
        println!("  row {}: {}", r.row, r.outcome);
        for p in &r.problems {
            println!("    problem: {p}");
        }
    }
    for n in &plan.new_rows {
        let code = if n.code.is_empty() {
            String::new()
        } else {
            format!("{} ", n.code)
        };
        println!(
            "New {}: {code}“{}” (first on row {}).",
            list_word(n.list),
            n.name,
            n.row
        );
    }
    for m in &plan.matched {
        println!(
            "Matched: “{}” is the {} “{}”.",
            m.written,
            list_word(m.list),
            m.name
        );
    }
    match (plan.notes.first(), plan.notes.last()) {
        (Some(first), Some(last)) if first == last => {
            println!("Row {first} below the table was read as a note, not an action.");
        }
        (Some(first), Some(last)) => {
            println!("Rows {first} to {last} below the table were read as notes, not actions.");
        }
        _ => {}
    }
    let problems = plan.problems().count();
    println!(
        "In all: {} new, {} updated, {} unchanged, {} set aside; {}.",
        plan.created(),
        plan.updated(),
        plan.unchanged(),
        plan.set_aside(),
        plural(
            problems,
            "value could not be read",
            "values could not be read"
        )
    );
}

pub fn export(file: &Path, output: &Path, lead: Option<&str>) -> Result<ExitCode> {
    let content = open_to_read(file)?.content()?;
    let n = sheet::export(&content, output, lead)?;
    println!(
        "Wrote {} to {}.",
        plural(n, "action", "actions"),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}
