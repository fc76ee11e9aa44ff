//! What each command does: open, call core, print.

use std::path::Path;
use std::process::ExitCode;

use planbook_core::check::plan_health;
use planbook_core::{Access, Content, Error, Result, Start, Workbook, example};

use crate::Command;

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::New {
            file,
            example,
            title,
            force,
        } => new(&file, example.as_deref(), title, force),
        Command::Info { file } => info(&file),
        Command::Shared(command) => Ok(crate::shared::run(command)),
        Command::Check { file, today } => check(&file, today),
        Command::ExportJson { file, output } => export_json(&file, output.as_deref()),
        Command::ImportJson {
            input,
            output,
            into,
            force,
        } => match (output, into) {
            (_, Some(into)) => crate::sharing::import_into(&read_json(&input)?, &into),
            (Some(output), None) => import_json(&input, &output, force),
            (None, None) => Err(Error::Invalid(
                "say where the workbook goes: -o FILE or --into FILE".into(),
            )),
        },
        Command::ImportSheet {
            sheet_file,
            output,
            into,
            sheet,
            mapping,
            dry_run,
            force,
        } => crate::sheets::import(&crate::sheets::Import {
            file: sheet_file,
            output,
            into,
            sheet,
            mapping,
            dry_run,
            force,
        }),
        Command::ExportSheet { file, output, lead } => {
            crate::sheets::export(&file, &output, lead.as_deref())
        }
        Command::Copy {
            file,
            output,
            with_history,
        } => crate::sharing::copy(&file, &output, with_history),
        Command::Diff { a, b } => crate::sharing::diff(&a, &b),
        Command::Recover { file, output } => crate::sharing::recover(&file, &output),
        Command::Merge {
            mine,
            theirs,
            prefer,
        } => crate::sharing::merge(&mine, &theirs, prefer),
        Command::ExportPdf {
            file,
            output,
            flags,
        } => crate::export::export_pdf(&file, &output, &flags),
        Command::ExportHtml {
            file,
            output,
            flags,
        } => crate::export::export_html(&file, &output, &flags),
        Command::ExportDocx {
            file,
            output,
            flags,
        } => crate::export::export_docx(&file, &output, &flags),
        Command::Generate {
            actions,
            seed,
            output,
            force,
        } => crate::export::generate(actions, seed, &output, force),
    }
}

/// A message as a sentence: capital first letter and a full stop.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

pub fn create(file: &Path, start: Start, force: bool) -> Result<Workbook> {
    if force {
        Workbook::create_replacing(file, start)
    } else {
        Workbook::create(file, start)
    }
}

fn new(file: &Path, example: Option<&str>, title: String, force: bool) -> Result<ExitCode> {
    let start = match example {
        Some(name) => Start::Content(Box::new(example::content(name)?)),
        None => Start::Blank { title },
    };
    let wb = create(file, start, force)?;
    println!(
        "Created {} with the plan “{}”.",
        file.display(),
        wb.plan()?.title
    );
    Ok(ExitCode::SUCCESS)
}

/// Opens for reading: works while someone else edits the file, and on newer formats.
pub fn open_to_read(file: &Path) -> Result<Workbook> {
    Workbook::open(file, Access::ReadOnly)
}

fn info(file: &Path) -> Result<ExitCode> {
    let wb = open_to_read(file)?;
    let s = wb.summary()?;
    let date = |d: Option<chrono::NaiveDate>| {
        d.map_or_else(
            || "not set".to_owned(),
            |d| d.format("%-d %B %Y").to_string(),
        )
    };
    println!("Plan:           {}", s.title);
    if !s.partnership.is_empty() {
        println!("Partnership:    {}", s.partnership);
    }
    println!(
        "Period:         {} to {}",
        date(s.period_start),
        date(s.period_end)
    );
    println!("Status:         {}", s.status_label);
    println!("Format version: {}", s.format_version);
    if s.format_version > planbook_core::store::schema::FORMAT_VERSION {
        println!(
            "Note:           {}",
            s.read_only.clone().unwrap_or_default()
        );
    }
    for note in &s.place {
        println!("Note:           {note}");
    }
    if let Some(link) = planbook_core::sync::shared::link(wb.reader())? {
        let seq = planbook_core::sync::shared::base(wb.reader())?.map_or(0, |b| b.seq);
        println!(
            "Shared plan:    “{}” on {} (as of its edit {seq}; “planbook sync” brings it up to date)",
            link.plan, link.server
        );
    }
    let c = &s.counts;
    println!();
    for (label, n) in [
        ("Aims", c.aims),
        ("Sections", c.sections),
        ("Priorities", c.priorities),
        ("Outcomes", c.outcomes),
        ("Measures", c.measures),
        ("Readings", c.readings),
        ("Partners", c.partners),
        ("Actions", c.actions),
        ("Milestones", c.milestones),
        ("Glossary terms", c.glossary_terms),
        ("Engagement records", c.engagements),
        ("Links", c.links),
    ] {
        println!("{label:<20}{n:>6}");
    }
    Ok(ExitCode::SUCCESS)
}

fn check(file: &Path, today: Option<chrono::NaiveDate>) -> Result<ExitCode> {
    let wb = open_to_read(file)?;
    let faults = wb.integrity_check()?;
    if !faults.is_empty() {
        return Err(Error::Corrupt {
            path: file.to_path_buf(),
            detail: faults.join("; "),
        });
    }
    println!("File: sound (SQLite integrity check passed).");
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let findings = plan_health(&wb.content()?, today);
    if findings.is_empty() {
        println!("Plan health: nothing to fix.");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Plan health: {} to fix.",
        plural(findings.len(), "thing", "things")
    );
    for f in &findings {
        println!("  - {}", f.message);
    }
    Ok(ExitCode::from(1))
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn export_json(file: &Path, output: Option<&Path>) -> Result<ExitCode> {
    let json = open_to_read(file)?.content()?.to_json()?;
    match output {
        Some(out) => planbook_core::store::files::write_atomically(out, json.as_bytes())?,
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (for example `| head`) is not an error worth a message.
            if let Err(e) = stdout
                .write_all(json.as_bytes())
                .and_then(|()| stdout.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(e.into());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The workbook content in a JSON file written by export-json.
fn read_json(input: &Path) -> Result<Content> {
    let text = std::fs::read_to_string(input).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: input.to_path_buf(),
        },
        std::io::ErrorKind::PermissionDenied => Error::PermissionDenied {
            path: input.to_path_buf(),
        },
        std::io::ErrorKind::InvalidData => Error::Json("it is not UTF-8 text".into()),
        _ => Error::Io(e),
    })?;
    Content::from_json(&text)
}

fn import_json(input: &Path, output: &Path, force: bool) -> Result<ExitCode> {
    let content = read_json(input)?;
    let wb = create(output, Start::Content(Box::new(content)), force)?;
    println!(
        "Created {} from {} with the plan “{}”.",
        output.display(),
        input.display(),
        wb.plan()?.title
    );
    Ok(ExitCode::SUCCESS)
}
