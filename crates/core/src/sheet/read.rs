//! Reading a spreadsheet file into a grid of cells: `.xlsx`, `.xls` and `.ods` through
//! calamine (with merged cells spread over their area — for `.ods` found by `ods.rs` — and,
//! for `.xlsx`, each cell's fill colour), `.csv` through the csv crate (UTF-8 with or
//! without a BOM, or Windows-1252; comma, semicolon or tab, whichever the first lines use
//! most).
//!
//! The file is only read. What it may cost is bounded before anything is unpacked: the file's
//! size, the sizes a zip-based file's directory declares for its parts, then the rows and
//! columns of the sheet and the length of each cell (see `Limits`).

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Sheets};
use chrono::NaiveDate;

use crate::error::{Error, Result};

/// What one spreadsheet import may cost. With these, a sheet in memory stays under about
/// 1 GiB in the worst case (every cell of 100,000 rows × 200 columns filled) and under
/// 100 MiB for any real tracker.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The file itself.
    pub file_bytes: u64,
    /// What a zip-based file (.xlsx, .ods) may unpack to, all parts together.
    pub unpacked_bytes: u64,
    pub rows: usize,
    pub columns: usize,
    /// Characters in one cell: Excel's own limit.
    pub cell_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 64 << 20,
            unpacked_bytes: 512 << 20,
            rows: 100_000,
            columns: 200,
            cell_chars: 32_767,
        }
    }
}

/// One cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// A formula's error ("#REF!").
    Error(String),
}

impl Value {
    /// The value as the sheet shows it, for messages and for keeping it in a note.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_owned(),
            Value::Number(n) => crate::typing::number_for_field(*n).replace(',', ""),
            Value::Date(d) => crate::typing::date_for_field(*d),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Value::Error(e) => e.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A cell: its value and, where the file says, its fill colour (red, green, blue).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub value: Value,
    pub fill: Option<[u8; 3]>,
}

/// One sheet of a file, as rows of cells. `rows[0]` is the sheet's row 1, so row numbers
/// in messages are the ones the planner sees.
#[derive(Debug, Clone)]
pub struct Grid {
    pub file: PathBuf,
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row)?.get(col)
    }
}

/// The file's sheets' names, in order (a CSV file has one, named after the file).
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    check_size(path, &Limits::default())?;
    match Format::of(path)? {
        Format::Csv => Ok(vec![csv_sheet_name(path)]),
        Format::Calamine => Ok(open(path, &Limits::default())?.sheet_names()),
    }
}

/// Reads `sheet` (or the first sheet) of the file at `path`.
pub fn read_grid(path: &Path, sheet: Option<&str>, limits: &Limits) -> Result<Grid> {
    check_size(path, limits)?;
    let grid = match Format::of(path)? {
        Format::Csv => read_csv(path, limits)?,
        Format::Calamine => read_calamine(path, sheet, limits)?,
    };
    check_cells(&grid, limits)?;
    Ok(grid)
}

enum Format {
    Csv,
    Calamine,
}

impl Format {
    fn of(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv" | "txt" | "tsv") => Ok(Format::Csv),
            Some("xlsx" | "xlsm" | "xls" | "ods" | "xlsb") => Ok(Format::Calamine),
            _ => Err(sheet_error(
                path,
                "Planbook reads spreadsheets ending in .xlsx, .xls, .ods or .csv".into(),
                "Save the tracker from Excel or LibreOffice as .xlsx or .csv and import that.",
            )),
        }
    }
}

pub(crate) fn sheet_error(path: &Path, detail: String, hint: &'static str) -> Error {
    Error::Sheet {
        path: path.to_path_buf(),
        detail,
        hint,
    }
}

const RESAVE: &str =
    "Open it in Excel or LibreOffice and save it again (as .xlsx or .csv), then import that copy.";

fn check_size(path: &Path, limits: &Limits) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        std::io::ErrorKind::PermissionDenied => Error::PermissionDenied {
            path: path.to_path_buf(),
        },
        _ => Error::Io(e),
    })?;
    if meta.len() == 0 {
        return Err(sheet_error(
            path,
            "the file is empty".into(),
            "Check that you chose the right file; it may not have finished saving or downloading.",
        ));
    }
    if meta.len() > limits.file_bytes {
        return Err(sheet_error(
            path,
            format!(
                "it is {} MB, more than the {} MB Planbook reads",
                meta.len() >> 20,
                limits.file_bytes >> 20
            ),
            "Import the actions sheet alone: copy it into a new file and save that.",
        ));
    }
    Ok(())
}

fn open(path: &Path, limits: &Limits) -> Result<Sheets<std::io::BufReader<std::fs::File>>> {
    check_unpacked(path, limits)?;
    calamine::open_workbook_auto(path).map_err(|e| unreadable(path, &e))
}

fn unreadable(path: &Path, e: &calamine::Error) -> Error {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        return sheet_error(
            path,
            "it is protected by a password".into(),
            "Open it with its password, save a copy without one (File › Info › Protect Workbook in Excel), and import that copy.",
        );
    }
    sheet_error(
        path,
        format!("it is damaged or is not a spreadsheet ({text})"),
        RESAVE,
    )
}

/// Refuses a zip-based file whose parts would unpack to more than the limit (a "zip bomb"),
/// from the sizes its directory declares; the zip reader stops at a part's declared size, so
/// a part that lies about its size cannot unpack further.
fn check_unpacked(path: &Path, limits: &Limits) -> Result<()> {
    let mut file = std::fs::File::open(path)?;
    let mut magic = [0u8; 4];
    if file.read(&mut magic)? < 4 || &magic != b"PK\x03\x04" {
        return Ok(()); // Not a zip (an .xls): its size was checked.
    }
    file.rewind()?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| sheet_error(path, format!("it is damaged or truncated ({e})"), RESAVE))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| sheet_error(path, format!("it is damaged ({e})"), RESAVE))?;
        total = total.saturating_add(part.size());
    }
    if total > limits.unpacked_bytes {
        return Err(sheet_error(
            path,
            format!(
                "it would unpack to {} MB, more than the {} MB Planbook allows a spreadsheet",
                total >> 20,
                limits.unpacked_bytes >> 20
            ),
            "Check that you chose the right file; a tracker is far smaller. Import the actions sheet alone from a copy.",
        ));
    }
    Ok(())
}

fn read_calamine(path: &Path, sheet: Option<&str>, limits: &Limits) -> Result<Grid> {
    let mut book = open(path, limits)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim())))
            .cloned()
            .ok_or_else(|| {
                sheet_error(
                    path,
                    format!(
                        "it has no sheet called “{wanted}”; its sheets are {}",
                        quoted_list(&names)
                    ),
                    "Give one of the sheets named with --sheet NAME.",
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| sheet_error(path, "it holds no sheets".into(), RESAVE))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| unreadable(path, &e))?;
    let (height, width) = range.get_size();
    let start = range.start().unwrap_or((0, 0));
    let end_row = start.0 as usize + height;
    let end_col = start.1 as usize + width;
    too_big(path, &name, end_row, end_col, limits)?;
    let mut rows = vec![Vec::new(); end_row];
    for (r, row) in range.rows().enumerate() {
        let out = &mut rows[start.0 as usize + r];
        out.resize(end_col, Cell::default());
        for (c, data) in row.iter().enumerate() {
            out[start.1 as usize + c].value = value_of(data);
        }
    }
    let mut grid = Grid {
        file: path.to_path_buf(),
        sheet: name.clone(),
        rows,
    };
    for (top, bottom) in merged(&mut book, path, &name) {
        spread(&mut grid, top, bottom);
    }
    if let Sheets::Xlsx(x) = &mut book
        && let Ok(styles) = x.worksheet_style(&name)
    {
        for (r, row) in grid.rows.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                cell.fill = styles
                    .get((r as u32, c as u32))
                    .and_then(|s| s.fill.as_ref())
                    .filter(|f| f.is_visible())
                    .and_then(|f| f.get_color())
                    .map(|c| [c.red, c.green, c.blue]);
            }
        }
    }
    Ok(grid)
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn too_big(path: &Path, sheet: &str, rows: usize, cols: usize, limits: &Limits) -> Result<()> {
    if rows > limits.rows || cols > limits.columns {
        return Err(sheet_error(
            path,
            format!(
                "sheet “{sheet}” has {rows} rows and {cols} columns; Planbook reads at most {} rows and {} columns",
                limits.rows, limits.columns
            ),
            "Delete the empty or unrelated rows and columns below and beside the table (a stray mark far down a sheet makes it this large), save, and import again.",
        ));
    }
    Ok(())
}

/// The merged areas of a sheet, as (top-left, bottom-right) positions.
fn merged<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    path: &Path,
    name: &str,
) -> Vec<((u32, u32), (u32, u32))> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
        // calamine does not report merged cells of .ods files: read from the file itself.
        Sheets::Ods(_) => return super::ods::merged_cells(path, name),
        // Nor of .xlsb files: there a merged cell's value is in its first cell only.
        _ => None,
    };
    dims.unwrap_or_default()
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect()
}

/// A merged cell's value belongs to every cell it covers: a priority merged down five rows
/// is the priority of each of the five actions.
fn spread(grid: &mut Grid, top: (u32, u32), bottom: (u32, u32)) {
    let Some(first) = grid.cell(top.0 as usize, top.1 as usize).cloned() else {
        return;
    };
    for r in top.0..=bottom.0 {
        for c in top.1..=bottom.1 {
            if let Some(cell) = grid
                .rows
                .get_mut(r as usize)
                .and_then(|row| row.get_mut(c as usize))
            {
                *cell = first.clone();
            }
        }
    }
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
                .map_or(Value::Number(dt.as_f64()), Value::Date)
        }
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map_or_else(|_| Value::Text(s.clone()), Value::Date),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(format!("{e}")),
    }
}

fn csv_sheet_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Sheet1".into())
}

/// The text of a CSV file: UTF-8 (a BOM is dropped), or else Windows-1252, which is what
/// Excel on Windows writes for "CSV (Comma delimited)".
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The separator the first lines use most: comma, semicolon (Excel in much of Europe) or
/// tab. Separators inside quotes are not counted.
pub(crate) fn sniff_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars().take(8192) {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn read_csv(path: &Path, limits: &Limits) -> Result<Grid> {
    let text = decode(&std::fs::read(path)?);
    let separator = sniff_separator(&text);
    let text = keep_blank_lines(&text, separator);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            sheet_error(
                path,
                format!("it is not a well-formed CSV file ({e})"),
                RESAVE,
            )
        })?;
        let cells: Vec<Cell> = record
            .iter()
            .map(|t| Cell {
                value: if t.trim().is_empty() {
                    Value::Empty
                } else {
                    Value::Text(t.to_owned())
                },
                fill: None,
            })
            .collect();
        too_big(
            path,
            &csv_sheet_name(path),
            rows.len() + 1,
            cells.len(),
            limits,
        )?;
        rows.push(cells);
    }
    Ok(Grid {
        file: path.to_path_buf(),
        sheet: csv_sheet_name(path),
        rows,
    })
}

/// The csv crate skips blank lines, but a spreadsheet shows them as empty rows, and the row
/// numbers in messages must be the ones the planner sees: each blank line outside quotes
/// becomes a line holding only a separator, an empty row.
fn keep_blank_lines(text: &str, separator: u8) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut quoted = false;
    for line in text.split_inclusive('\n') {
        if !quoted && line.trim_end_matches(['\r', '\n']).is_empty() {
            out.push(separator as char);
        }
        out.push_str(line);
        quoted ^= line.matches('"').count() % 2 == 1;
    }
    out
}

fn check_cells(grid: &Grid, limits: &Limits) -> Result<()> {
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Value::Text(t) = &cell.value
                && t.chars().count() > limits.cell_chars
            {
                return Err(sheet_error(
                    &grid.file,
                    format!(
                        "cell {}{} of sheet “{}” holds {} characters, more than the {} a spreadsheet cell can hold",
                        column_letters(c),
                        r + 1,
                        grid.sheet,
                        t.chars().count(),
                        limits.cell_chars
                    ),
                    "Shorten that cell (move long text into a document and link to it), save, and import again.",
                ));
            }
        }
    }
    Ok(())
}

/// A column's letters as spreadsheets show them: 0 is A, 26 is AA.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn csv_text_is_decoded_and_its_separator_found() {
        assert_eq!(decode(b"\xEF\xBB\xBFRef,Action"), "Ref,Action");
        assert_eq!(decode(b"Caf\xE9 \x96 \x93ok\x94"), "Café – “ok”");
        assert_eq!(sniff_separator("Ref;Action;Lead\nA1;\"x, y\";DC"), b';');
        assert_eq!(sniff_separator("Ref\tAction\tLead"), b'\t');
        assert_eq!(sniff_separator("Ref,Action,\"Lead; officer\""), b',');
    }
}
