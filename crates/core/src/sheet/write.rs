//! Writing a tracker a partner can fill in: `.xlsx` (rust_xlsxwriter) with the actions sheet
//! first — one row per action, its columns from the action's declaration (`columns.rs`),
//! header frozen, filters, widths that fit, dates as real dates, statuses as words with a
//! drop-down, lead partners from a drop-down, the code column marked as not to be changed —
//! then sheets of priorities, outcomes, measures, readings and partners from their own
//! declarations; or `.csv` of the actions alone (UTF-8 with a BOM, which Excel needs to read
//! it as UTF-8).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, Formula, Note,
    Workbook, Worksheet, XlsxError,
};
use serde_json::Value as Json;

use super::columns::{Target, action_columns};
use super::plan::Links;
use super::values::{List, Names};
use crate::Content;
use crate::error::{Error, Result};
use crate::model::{Action, FieldType, Kind, fields};

/// One cell written.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Out {
    fn csv(&self) -> String {
        match self {
            Out::Empty => String::new(),
            Out::Text(t) => t.clone(),
            Out::Number(n) => n.to_string(),
            Out::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    fn width(&self) -> usize {
        match self {
            Out::Empty => 0,
            Out::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Out::Number(_) => 10,
            Out::Date(_) => 11,
        }
    }
}

/// A sheet to write: its name, headers and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    /// The fields' types, for formats and drop-downs.
    pub types: Vec<Option<FieldType>>,
    pub rows: Vec<Vec<Out>>,
}

/// The actions tracker for `content`, with only `lead`'s actions if given.
pub fn actions_sheet(content: &Content, lead: Option<&str>) -> Result<Sheet> {
    let names = display_names(content);
    let lead_id = match lead {
        None => None,
        Some(l) => Some(
            Names::of(content)
                .find(List::Partner, l, &Default::default())
                .ok_or_else(|| {
                    Error::Invalid(format!(
                        "no partner called “{l}” is in this workbook; its partners are {}",
                        content
                            .partners
                            .iter()
                            .map(|p| format!("“{}”", p.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?,
        ),
    };
    let columns = action_columns();
    let links = Links::of(content);
    let rows = content
        .actions
        .iter()
        .filter(|a| lead_id.is_none() || a.lead_partner_id == lead_id)
        .map(|a| {
            let json = serde_json::to_value(a).unwrap_or_default();
            columns
                .iter()
                .map(|t| action_cell(&links, &names, a, &json, *t))
                .collect()
        })
        .collect();
    Ok(Sheet {
        name: "Actions".into(),
        headers: columns.iter().map(|t| t.label()).collect(),
        types: columns
            .iter()
            .map(|t| match t {
                Target::Field(f) => Some(f.ty),
                _ => None,
            })
            .collect(),
        rows,
    })
}

fn action_cell(
    links: &Links,
    names: &BTreeMap<String, String>,
    a: &Action,
    json: &Json,
    t: Target,
) -> Out {
    match t {
        Target::Field(f) => field_cell(f.ty, json.get(f.name).unwrap_or(&Json::Null), names),
        Target::Link(k) => {
            let shown: Vec<&str> = links
                .get(k, &a.id)
                .iter()
                .filter_map(|id| names.get(&id.0))
                .map(String::as_str)
                .collect();
            if shown.is_empty() {
                Out::Empty
            } else {
                Out::Text(shown.join("; "))
            }
        }
        Target::Note | Target::Ignore => Out::Empty,
    }
}

fn field_cell(ty: FieldType, v: &Json, names: &BTreeMap<String, String>) -> Out {
    match (ty, v) {
        (_, Json::Null) => Out::Empty,
        (FieldType::Date, Json::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_or_else(|_| Out::Text(s.clone()), Out::Date),
        (FieldType::Closed(words), Json::String(s)) => Out::Text(
            words
                .iter()
                .find(|(w, _)| w == s)
                .map_or(s.as_str(), |(_, l)| l)
                .to_owned(),
        ),
        (FieldType::Ref { .. }, Json::String(id)) => {
            names.get(id).map_or(Out::Empty, |n| Out::Text(n.clone()))
        }
        (_, Json::Number(n)) => n.as_f64().map_or(Out::Empty, Out::Number),
        (_, Json::String(s)) if s.is_empty() => Out::Empty,
        (_, Json::String(s)) => Out::Text(s.clone()),
        (_, other) => Out::Text(other.to_string()),
    }
}

/// Every row that can be referred to, by id, as people name it ("P1 Healthy lives").
fn display_names(content: &Content) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let mut add = |kind: Kind, rows: Vec<Json>| {
        for row in rows {
            let parts: Vec<String> = kind
                .name_fields()
                .iter()
                .filter_map(|f| row.get(f.name).and_then(Json::as_str))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if let Some(id) = row.get("id").and_then(Json::as_str) {
                names.insert(id.to_owned(), parts.join(" "));
            }
        }
    };
    add(Kind::Priority, as_json(&content.priorities));
    add(Kind::Outcome, as_json(&content.outcomes));
    add(Kind::Measure, as_json(&content.measures));
    add(Kind::Partner, as_json(&content.partners));
    names
}

fn as_json<T: serde::Serialize>(rows: &[T]) -> Vec<Json> {
    rows.iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect()
}

/// A sheet of every row of `kind`, its columns its declared fields (not its place in the
/// list), references shown by the name of the row they refer to.
fn kind_sheet<T: serde::Serialize>(
    kind: Kind,
    rows: &[T],
    names: &BTreeMap<String, String>,
) -> Sheet {
    let fields: Vec<_> = kind
        .fields()
        .iter()
        .filter(|f| !matches!(f.ty, FieldType::Position { .. }))
        .collect();
    Sheet {
        name: capitalised(kind.list_name()),
        headers: fields.iter().map(|f| f.label.to_owned()).collect(),
        types: fields.iter().map(|f| Some(f.ty)).collect(),
        rows: rows
            .iter()
            .map(|r| {
                let json = serde_json::to_value(r).unwrap_or_default();
                fields
                    .iter()
                    .map(|f| field_cell(f.ty, json.get(f.name).unwrap_or(&Json::Null), names))
                    .collect()
            })
            .collect(),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Writes the tracker to `path`: `.csv` for the actions alone, otherwise `.xlsx`.
pub fn export(content: &Content, path: &Path, lead: Option<&str>) -> Result<usize> {
    let actions = actions_sheet(content, lead)?;
    let n = actions.rows.len();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let is_csv = match ext.as_deref() {
        Some("csv") => true,
        Some("xlsx") => false,
        _ => {
            return Err(Error::Invalid(format!(
                "Planbook writes a tracker as .xlsx or .csv, and “{}” ends otherwise; give a name ending in .xlsx or .csv",
                path.display()
            )));
        }
    };
    let bytes = if is_csv {
        csv_bytes(&actions)?
    } else {
        let names = display_names(content);
        let sheets = [
            actions,
            kind_sheet(Kind::Priority, &content.priorities, &names),
            kind_sheet(Kind::Outcome, &content.outcomes, &names),
            kind_sheet(Kind::Measure, &content.measures, &names),
            kind_sheet(Kind::Reading, &content.readings, &names),
            kind_sheet(Kind::Partner, &content.partners, &names),
        ];
        xlsx_bytes(&sheets)
            .map_err(|e| Error::Internal(format!("the spreadsheet could not be made: {e}")))?
    };
    crate::store::files::write_atomically(path, &bytes)?;
    Ok(n)
}

fn csv_bytes(sheet: &Sheet) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Internal(format!("the CSV could not be written: {e}"));
        w.write_record(&sheet.headers).map_err(fail)?;
        for row in &sheet.rows {
            w.write_record(row.iter().map(Out::csv)).map_err(fail)?;
        }
        w.flush()?;
    }
    Ok(out)
}

const DATE_FORMAT: &str = "dd/mm/yyyy";

fn xlsx_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let partners = sheets
        .iter()
        .find(|s| s.name == "Partners")
        .map_or(0, |s| s.rows.len());
    for sheet in sheets {
        let ws = book.add_worksheet();
        write_sheet(ws, sheet, partners)?;
    }
    book.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, partners: usize) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xDDEBF7);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format(DATE_FORMAT)
        .set_align(FormatAlign::Top);
    // The code is how a returned tracker finds its action: grey, and a note says so.
    let fixed = Format::new()
        .set_align(FormatAlign::Top)
        .set_background_color(0xEDEDED);
    let is_actions = sheet.name == "Actions";
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c16 = c as u16;
            let locked = is_actions && c == 0;
            let format = if locked { &fixed } else { &text };
            match cell {
                Out::Empty if locked => ws.write_blank(r, c16, format).map(|_| ()),
                Out::Empty => Ok(()),
                Out::Text(t) => ws.write_string_with_format(r, c16, t, format).map(|_| ()),
                Out::Number(n) => ws.write_number_with_format(r, c16, *n, format).map(|_| ()),
                Out::Date(d) => ws
                    .write_datetime_with_format(
                        r,
                        c16,
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?,
                        &date,
                    )
                    .map(|_| ()),
            }?;
        }
    }
    let last_row = sheet.rows.len().max(1) as u32;
    let last_col = sheet.headers.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    for c in 0..sheet.headers.len() {
        let widest = sheet.rows.iter().map(|r| r[c].width()).max().unwrap_or(0);
        let width = widest.max(sheet.headers[c].chars().count()).clamp(8, 60) + 2;
        ws.set_column_width(c as u16, width as f64)?;
    }
    if is_actions {
        ws.insert_note(0, 0, &Note::new("Do not change the codes: Planbook finds each action by its code when this tracker comes back.").set_author("Planbook"))?;
        // Drop-downs: any number of rows may be added below, so they run past the last one.
        let through = last_row + 500;
        for (c, ty) in sheet.types.iter().enumerate() {
            if let Some(FieldType::Closed(words)) = ty {
                let labels: Vec<&str> = words.iter().map(|(_, l)| *l).collect();
                let v = DataValidation::new()
                    .allow_list_strings(&labels)?
                    .set_error_style(DataValidationErrorStyle::Warning);
                ws.add_data_validation(1, c as u16, through, c as u16, &v)?;
            }
            if sheet.headers[c] == fields::action::lead_partner_id.label && partners > 0 {
                let v = DataValidation::new()
                    .allow_list_formula(Formula::new(format!("=Partners!$A$2:$A${}", partners + 1)))
                    .set_error_style(DataValidationErrorStyle::Warning);
                ws.add_data_validation(1, c as u16, through, c as u16, &v)?;
            }
        }
    }
    Ok(())
}
