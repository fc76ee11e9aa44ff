//! Finding the table in a sheet: the header row below any title rows, what each column holds,
//! and which rows below it are actions; blank rows are skipped, and the notes and keys that
//! trackers keep below the table ("Key: G = on track") are not rows.

use super::columns::{Mapping, Target, recognise};
use super::read::{Grid, column_letters};
use crate::error::Result;
use crate::model::fields;

/// Header rows are looked for among the sheet's first rows only.
const HEADER_SEARCH_ROWS: usize = 30;

/// One column of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its index in the sheet (0 is column A).
    pub index: usize,
    /// Its header as written (or "Column F" where the header cell is empty).
    pub header: String,
    pub target: Target,
    /// How the target was chosen.
    pub chosen: Chosen,
}

impl Column {
    pub fn letter(&self) -> String {
        column_letters(self.index)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// By the mapping file.
    Mapped,
    /// By a name trackers use.
    Recognised,
    /// Not recognised: kept in the progress note, so nothing is lost.
    Unrecognised,
}

/// The table found in a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// The header row's index in the grid (row 1 is index 0).
    pub header_row: usize,
    pub columns: Vec<Column>,
    /// The grid rows holding actions, in order.
    pub rows: Vec<usize>,
    /// The rows below the table taken as notes or a key, not actions.
    pub notes: Vec<usize>,
    /// Whether the sheet is a tracker Planbook exported: every action column is there under
    /// its declared label. In such a sheet an emptied cell clears the value (the rule in
    /// docs/spreadsheets.md, "An update round"); in any other tracker an empty cell says
    /// nothing.
    pub exported: bool,
}

/// Finds the table: the header row is the mapping's, or the first of the sheet's first rows
/// that names the most recognised columns (at least two, one of them the action's title or
/// code).
pub fn find(grid: &Grid, mapping: &Mapping) -> Result<Table> {
    let header_row = match mapping.header_row {
        Some(n) if n >= 1 => n - 1,
        _ => guess_header_row(grid, mapping).ok_or_else(|| no_header(grid))?,
    };
    let columns = columns_of(grid, header_row, mapping);
    if !columns.iter().any(|c| is_title(c.target)) {
        return Err(no_header(grid));
    }
    let (rows, notes) = body_rows(grid, header_row);
    let exported = super::columns::action_columns().iter().all(|t| {
        columns
            .iter()
            .any(|c| c.target == *t && c.header == t.label())
    });
    Ok(Table {
        header_row,
        columns,
        rows,
        notes,
        exported,
    })
}

fn no_header(grid: &Grid) -> crate::Error {
    super::read::sheet_error(
        &grid.file,
        format!(
            "no header row naming an action column (such as “Action” or “Title”) was found in the first {HEADER_SEARCH_ROWS} rows of sheet “{}”",
            grid.sheet
        ),
        "Check that this is the sheet of actions (choose another with --sheet NAME), or say which row holds the headers and what each column is in a mapping file (--mapping FILE; see docs/spreadsheets.md).",
    )
}

fn is_title(t: Target) -> bool {
    t == Target::Field(fields::action::title)
}

fn header_text(grid: &Grid, row: usize, col: usize) -> String {
    grid.cell(row, col)
        .map(|c| c.value.shown())
        .unwrap_or_default()
}

fn guess_header_row(grid: &Grid, mapping: &Mapping) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for r in 0..grid.rows.len().min(HEADER_SEARCH_ROWS) {
        let targets: Vec<Target> = (0..grid.rows[r].len())
            .filter_map(|c| {
                let h = header_text(grid, r, c);
                mapping.column(&h).or_else(|| recognise(&h))
            })
            .filter(|t| !matches!(t, Target::Note | Target::Ignore))
            .collect();
        let named = targets.len();
        if named >= 2 && targets.iter().any(|t| is_title(*t)) && best.is_none_or(|(_, n)| named > n)
        {
            best = Some((r, named));
        }
    }
    best.map(|(r, _)| r)
}

fn columns_of(grid: &Grid, header_row: usize, mapping: &Mapping) -> Vec<Column> {
    let width = grid
        .rows
        .iter()
        .skip(header_row)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut columns: Vec<Column> = Vec::new();
    for index in 0..width {
        let written = header_text(grid, header_row, index);
        let header = if written.is_empty() {
            format!("Column {}", column_letters(index))
        } else {
            written.clone()
        };
        // A header merged across several columns is the first one's only.
        let merged_repeat = index > 0
            && !written.is_empty()
            && columns.last().is_some_and(|c: &Column| c.header == written);
        let (mut target, chosen) = match (mapping.column(&header), recognise(&written)) {
            (Some(t), _) => (t, Chosen::Mapped),
            (None, _) if merged_repeat => (Target::Note, Chosen::Unrecognised),
            (None, Some(t)) => (t, Chosen::Recognised),
            (None, None) => (Target::Note, Chosen::Unrecognised),
        };
        // A field takes one column; a second column of the same field (two "Comments"
        // columns) is kept in the progress note instead.
        if matches!(target, Target::Field(_)) && columns.iter().any(|c| c.target == target) {
            target = Target::Note;
        }
        columns.push(Column {
            index,
            header,
            target,
            chosen,
        });
    }
    columns
}

/// Below the header: rows with an action's title or code are actions, blank rows are
/// skipped, and after the last action a row with a single filled cell, or one that starts
/// "Key", "Notes" or "Source", begins the notes, which run to the end of the sheet.
fn body_rows(grid: &Grid, header_row: usize) -> (Vec<usize>, Vec<usize>) {
    let filled = |r: usize| -> Vec<usize> {
        grid.rows[r]
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.value.is_empty())
            .map(|(i, _)| i)
            .collect()
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut blank_since_last = false;
    for r in header_row + 1..grid.rows.len() {
        let cells = filled(r);
        if cells.is_empty() {
            blank_since_last = !rows.is_empty();
            continue;
        }
        let first = header_text(grid, r, cells[0]).to_lowercase();
        let looks_like_note = [
            "key",
            "note",
            "notes",
            "source",
            "*",
            "rag key",
            "status key",
        ]
        .iter()
        .any(|w| {
            first == *w
                || first.starts_with(&format!("{w}:"))
                || first.starts_with(&format!("{w} "))
        }) || (cells.len() == 1
            && (blank_since_last || header_text(grid, r, cells[0]).len() > 60));
        if !notes.is_empty() || (looks_like_note && !rows.is_empty()) {
            notes.push(r);
            continue;
        }
        rows.push(r);
        blank_since_last = false;
    }
    (rows, notes)
}
