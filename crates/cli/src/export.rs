//! The plan-document commands (`export-pdf`, `export-html`, `export-docx`) and `generate`: parse, call core,
//! write the file atomically, print.

use std::path::Path;
use std::process::ExitCode;

use planbook_core::document::{self, ExportOptions, Paper, Part};
use planbook_core::model::ActionStatus;
use planbook_core::store::files::write_atomically;
use planbook_core::{Access, Result, Start, Workbook};

/// The export flags shared by `export-pdf`, `export-html` and `export-docx` (the paper is
/// the Word document's page size).
#[derive(Debug, clap::Args)]
pub struct ExportFlags {
    /// Paper size: a4 or letter.
    #[arg(long, value_name = "SIZE", default_value = "a4", value_parser = parse_paper)]
    pub paper: Paper,
    /// Mark every page DRAFT.
    #[arg(long)]
    pub draft: bool,
    /// Only these parts, comma-separated: cover, contents, sections, aims, plan-on-a-page,
    /// priorities, engagement, traceability, partners, glossary. All when not given.
    #[arg(long, value_name = "PARTS", value_delimiter = ',', value_parser = parse_part)]
    pub parts: Vec<Part>,
    /// Only actions with these statuses, comma-separated: not-started, on-track, at-risk,
    /// off-track, complete, dropped. All when not given.
    #[arg(long, value_name = "STATUSES", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<ActionStatus>,
    /// The date printed on the cover (YYYY-MM-DD); today when not given.
    #[arg(long, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
}

fn parse_paper(s: &str) -> std::result::Result<Paper, String> {
    match s.to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "letter" | "us-letter" => Ok(Paper::Letter),
        _ => Err(format!("“{s}” is not a paper size; use a4 or letter")),
    }
}

fn parse_part(s: &str) -> std::result::Result<Part, String> {
    Part::from_key(s.trim()).ok_or_else(|| {
        let keys: Vec<&str> = Part::ALL.iter().map(|p| p.key()).collect();
        format!("“{s}” is not a part; the parts are: {}", keys.join(", "))
    })
}

fn parse_status(s: &str) -> std::result::Result<ActionStatus, String> {
    let key = s.trim().replace('-', "_");
    ActionStatus::ALL
        .iter()
        .copied()
        .find(|st| {
            serde_json::to_value(st)
                .ok()
                .and_then(|v| v.as_str().map(|v| v == key))
                .unwrap_or(false)
        })
        .ok_or_else(|| {
            format!("“{s}” is not a status; use not-started, on-track, at-risk, off-track, complete or dropped")
        })
}

impl ExportFlags {
    fn options(&self) -> ExportOptions {
        let defaults = ExportOptions::default();
        ExportOptions {
            paper: self.paper,
            draft: self.draft,
            parts: if self.parts.is_empty() {
                defaults.parts
            } else {
                self.parts.clone()
            },
            statuses: if self.status.is_empty() {
                defaults.statuses
            } else {
                self.status.clone()
            },
            date: self.date,
        }
    }
}

fn content(file: &Path) -> Result<planbook_core::Content> {
    Workbook::open(file, Access::ReadOnly)?.content()
}

pub fn export_pdf(file: &Path, output: &Path, flags: &ExportFlags) -> Result<ExitCode> {
    let export = document::export_pdf(&content(file)?, &flags.options())?;
    write_atomically(output, &export.bytes)?;
    for w in &export.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "Wrote {} ({} pages, {} KB).",
        output.display(),
        export.pages,
        export.bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn export_html(file: &Path, output: &Path, flags: &ExportFlags) -> Result<ExitCode> {
    let html = document::export_html(&content(file)?, &flags.options());
    write_atomically(output, html.as_bytes())?;
    println!("Wrote {}.", output.display());
    Ok(ExitCode::SUCCESS)
}

pub fn export_docx(file: &Path, output: &Path, flags: &ExportFlags) -> Result<ExitCode> {
    let bytes = document::export_docx(&content(file)?, &flags.options())?;
    write_atomically(output, &bytes)?;
    println!(
        "Wrote {} ({} KB).",
        output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn generate(actions: usize, seed: u64, output: &Path, force: bool) -> Result<ExitCode> {
    let c = planbook_core::generate::content(actions, seed)?;
    let start = Start::Content(Box::new(c));
    if force {
        Workbook::create_replacing(output, start)?;
    } else {
        Workbook::create(output, start)?;
    }
    println!(
        "Created {} with {actions} generated actions (seed {seed}).",
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}
