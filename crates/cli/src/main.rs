//! `planbook`: the command line over planbook-core. It parses arguments, calls core and
//! prints; every rule lives in core.

mod commands;
mod export;
mod shared;
mod sharing;
mod sheets;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `check`: nothing to fix; for `diff`: the same content)
  1  `check` found something to fix, `diff` found differences, `merge` or `sync`
     found conflicts and changed nothing, or `import-sheet` set rows aside (listed)
  2  the file could not be read or written, or the command was wrong";

/// Planbook: draft a shared multi-year plan, link actions to priorities and outcomes, and
/// check it. A workbook is one .sqlite file.
#[derive(Debug, Parser)]
#[command(name = "planbook", version, after_help = EXIT_CODES, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new workbook, blank or from a bundled example.
    #[command(after_help = EXIT_CODES)]
    New {
        /// The workbook file to create (.sqlite).
        file: std::path::PathBuf,
        /// Start from a bundled example instead of a blank plan (available: our-dorset).
        #[arg(long, value_name = "NAME")]
        example: Option<String>,
        /// The title of a blank plan.
        #[arg(long, default_value = "Untitled plan", conflicts_with = "example")]
        title: String,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Show a workbook's plan title, period, status, format version and how many items it holds.
    #[command(after_help = EXIT_CODES)]
    Info {
        /// The workbook file.
        file: std::path::PathBuf,
    },
    /// Check the file's integrity and the plan's health (outcomes without actions or measures,
    /// actions without a lead or due date, overdue actions, jargon).
    #[command(after_help = EXIT_CODES)]
    Check {
        /// The workbook file.
        file: std::path::PathBuf,
        /// Judge overdue actions as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
    },
    /// Write the workbook's content (not its edit history) as JSON; see docs/json-format.md.
    #[command(name = "export-json", after_help = EXIT_CODES)]
    ExportJson {
        /// The workbook file.
        file: std::path::PathBuf,
        /// Where to write the JSON; standard output if not given.
        #[arg(short, long, value_name = "OUT")]
        output: Option<std::path::PathBuf>,
    },
    /// Make a new workbook from a JSON file written by export-json (-o), or update an
    /// existing workbook to match it, recording every change as an edit (--into).
    #[command(name = "import-json", after_help = EXIT_CODES)]
    ImportJson {
        /// The JSON file.
        input: std::path::PathBuf,
        /// The workbook file to create.
        #[arg(
            short,
            long,
            value_name = "FILE",
            required_unless_present = "into",
            conflicts_with = "into"
        )]
        output: Option<std::path::PathBuf>,
        /// The existing workbook to update (rows are matched by id; one undoable edit).
        #[arg(long, value_name = "FILE")]
        into: Option<std::path::PathBuf>,
        /// Replace the workbook given with -o if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Make a new workbook from a spreadsheet tracker of actions (-o), or bring a tracker's
    /// rows into an existing workbook (--into), matching actions by their Ref (code): a
    /// partner's filled-in copy of `export-sheet` updates what they changed. Reads .xlsx,
    /// .xls, .ods and .csv; the header row and columns are found by the names trackers use.
    /// Every row's outcome is printed; see docs/spreadsheets.md.
    #[command(name = "import-sheet", after_help = EXIT_CODES)]
    ImportSheet {
        /// The spreadsheet (.xlsx, .xls, .ods or .csv); it is only read.
        sheet_file: std::path::PathBuf,
        /// The workbook file to create.
        #[arg(
            short,
            long,
            value_name = "FILE",
            required_unless_present = "into",
            conflicts_with = "into"
        )]
        output: Option<std::path::PathBuf>,
        /// The existing workbook to bring the rows into (a backup is taken first; the import
        /// is one edit, which one Undo takes back).
        #[arg(long, value_name = "FILE")]
        into: Option<std::path::PathBuf>,
        /// The sheet to read (the first sheet if not given).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// A mapping file saying which column is which, and what the sheet's statuses and
        /// partner names mean (JSON; see docs/spreadsheets.md).
        #[arg(long, value_name = "FILE")]
        mapping: Option<std::path::PathBuf>,
        /// Print what would happen, row by row, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace the workbook given with -o if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Write an actions tracker a partner can fill in (.xlsx, or .csv for the actions alone):
    /// one row per action with its code, priorities, outcomes, partners, dates, status and
    /// progress note, and sheets of priorities, outcomes, measures, readings and partners.
    /// Bring it back with `import-sheet --into`.
    #[command(name = "export-sheet", after_help = EXIT_CODES)]
    ExportSheet {
        /// The workbook file.
        file: std::path::PathBuf,
        /// The spreadsheet to write, ending in .xlsx or .csv (replaced if it exists).
        #[arg(short, long, value_name = "OUT")]
        output: std::path::PathBuf,
        /// Only this lead partner's actions (by name or short name).
        #[arg(long, value_name = "PARTNER")]
        lead: Option<String>,
    },
    /// Make a compact, self-contained copy to send, which can later be merged back.
    #[command(after_help = EXIT_CODES)]
    Copy {
        /// The workbook to copy (it may be open in Planbook).
        file: std::path::PathBuf,
        /// The copy to create.
        #[arg(short, long, value_name = "OUT")]
        output: std::path::PathBuf,
        /// Include the edit history. Without it, text deleted before copying cannot be
        /// recovered from the copy.
        #[arg(long)]
        with_history: bool,
    },
    /// Recover what can still be read from a damaged workbook into a new one. The damaged
    /// file is only read.
    #[command(after_help = EXIT_CODES)]
    Recover {
        /// The damaged workbook.
        file: std::path::PathBuf,
        /// The new workbook to create.
        #[arg(short, long, value_name = "OUT")]
        output: std::path::PathBuf,
    },
    /// Show what differs between two workbooks: items added and removed, and fields changed
    /// with both values.
    #[command(after_help = EXIT_CODES)]
    Diff {
        /// The first workbook.
        a: std::path::PathBuf,
        /// The second workbook.
        b: std::path::PathBuf,
    },
    /// Merge a colleague's copy into your workbook. Without --prefer, conflicts are listed and
    /// nothing is changed.
    #[command(after_help = EXIT_CODES)]
    Merge {
        /// Your workbook, which receives the merge (as one undoable edit).
        mine: std::path::PathBuf,
        /// Their copy, which is only read.
        theirs: std::path::PathBuf,
        /// Settle every conflict in favour of one side.
        #[arg(long, value_enum, value_name = "SIDE")]
        prefer: Option<sharing::Side>,
    },
    /// Export the plan document as PDF: cover, contents, narrative, aims, plan on a page, a
    /// chapter per priority, engagement, and annexes.
    #[command(name = "export-pdf", after_help = EXIT_CODES)]
    ExportPdf {
        /// The workbook file.
        file: std::path::PathBuf,
        /// The PDF file to write (replaced if it exists).
        #[arg(short, long, value_name = "OUT")]
        output: std::path::PathBuf,
        #[command(flatten)]
        flags: export::ExportFlags,
    },
    /// Export the plan document as one self-contained, accessible HTML file.
    #[command(name = "export-html", after_help = EXIT_CODES)]
    ExportHtml {
        /// The workbook file.
        file: std::path::PathBuf,
        /// The HTML file to write (replaced if it exists).
        #[arg(short, long, value_name = "OUT")]
        output: std::path::PathBuf,
        #[command(flatten)]
        flags: export::ExportFlags,
    },
    /// Export the plan document as a Word document (.docx) in Word's built-in styles, for a
    /// communications team to restyle with their own template.
    #[command(name = "export-docx", after_help = EXIT_CODES)]
    ExportDocx {
        /// The workbook file.
        file: std::path::PathBuf,
        /// The Word file to write (replaced if it exists).
        #[arg(short, long, value_name = "OUT")]
        output: std::path::PathBuf,
        #[command(flatten)]
        flags: export::ExportFlags,
    },
    /// Make a large workbook for benchmarks and tests: the example plan with N generated
    /// actions. The same N and seed always give the same workbook.
    #[command(after_help = EXIT_CODES)]
    Generate {
        /// How many actions.
        #[arg(long, value_name = "N")]
        actions: usize,
        /// Varies the generated words and dates.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The workbook file to create.
        #[arg(short, long, value_name = "FILE")]
        output: std::path::PathBuf,
        /// Replace the workbook if it already exists.
        #[arg(long)]
        force: bool,
    },
    #[command(flatten)]
    Shared(shared::SharedCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(e) => fail(&e.to_string(), &e.hint_for(planbook_core::Surface::Cli)),
    }
}

/// Says what went wrong and what to do, and gives the exit code of a command that failed.
pub fn fail(error: &str, hint: &str) -> ExitCode {
    eprintln!("error: {}", commands::sentence(error));
    eprintln!("hint: {hint}");
    ExitCode::from(2)
}
