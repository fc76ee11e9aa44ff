//! Reading one row of a tracker into an action: each column's value by what the column holds,
//! the action found by its Ref (code), priorities, outcomes and partners found or made, and
//! every value that cannot be read kept in the progress note and reported.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::columns::{Mapping, Target, far_kind};
use super::plan::{
    Change, Draft, ImportPlan, Links, Matched, NewRow, Outcome, PartnerSeen, Problem, Ref, RowPlan,
};
use super::read::{Cell, Grid, Value};
use super::table::{Column, Table};
use super::values::{List, Names, fold, fold_name, split_list, split_partners, status_of};
use crate::Content;
use crate::model::{Action, Field, FieldType, Id, Kind, fields};
use crate::typing::{TrackerDate, excel_serial_date, parse_tracker_date};

/// Reads the rows of one table, remembering what earlier rows made and used.
pub(crate) struct RowReader<'a> {
    grid: &'a Grid,
    table: &'a Table,
    mapping: &'a Mapping,
    content: &'a Content,
    names: Names,
    /// Rows each new priority, outcome or partner was made for, by folded name.
    made: BTreeMap<(List, String), usize>,
    /// Codes of actions already in the workbook or given to a row, for new codes.
    codes: Vec<String>,
    /// Codes met so far in the sheet, and on which row.
    seen: BTreeMap<String, usize>,
    links: Links,
    /// The workbook's actions by folded code.
    actions: BTreeMap<String, &'a Action>,
    /// The name of each row of the workbook that can be linked, by id.
    shown: BTreeMap<Id, String>,
}

/// What one row's cells say, column by column.
#[derive(Default)]
struct Read {
    fields: Vec<(Field, Json)>,
    lead: Option<(Ref, String)>,
    links: Vec<(Kind, Vec<(Ref, String)>)>,
    note: String,
    kept: Vec<String>,
    problems: Vec<Problem>,
    /// The progress note's cell was emptied in a sheet where that clears it.
    note_emptied: bool,
}

impl<'a> RowReader<'a> {
    pub fn new(
        grid: &'a Grid,
        table: &'a Table,
        mapping: &'a Mapping,
        content: &'a Content,
        names: Names,
    ) -> Self {
        let mut shown = BTreeMap::new();
        for p in &content.priorities {
            shown.insert(p.id.clone(), named(&p.code, &p.title));
        }
        for o in &content.outcomes {
            shown.insert(o.id.clone(), named(&o.code, &o.statement));
        }
        for p in &content.partners {
            shown.insert(p.id.clone(), p.name.clone());
        }
        RowReader {
            grid,
            table,
            mapping,
            content,
            names,
            made: BTreeMap::new(),
            codes: content.actions.iter().map(|a| a.code.clone()).collect(),
            links: Links::of(content),
            actions: content
                .actions
                .iter()
                .filter(|a| !a.code.trim().is_empty())
                .map(|a| (fold(&a.code), a))
                .collect(),
            seen: BTreeMap::new(),
            shown,
        }
    }

    fn cell(&self, row: usize, col: &Column) -> Cell {
        self.grid.cell(row, col.index).cloned().unwrap_or_default()
    }

    fn text(&self, row: usize, target: Target) -> String {
        self.table
            .columns
            .iter()
            .find(|c| c.target == target)
            .map(|c| self.cell(row, c).value.shown())
            .unwrap_or_default()
    }

    /// The row's plan and, unless it is set aside, what to write.
    pub fn read(&mut self, r: usize, plan: &mut ImportPlan) -> (RowPlan, Option<Draft>) {
        let row = r + 1;
        let set_aside = |reason: String| {
            (
                RowPlan {
                    row,
                    outcome: Outcome::SetAside { reason },
                    problems: Vec::new(),
                },
                None,
            )
        };
        let code = self.text(r, Target::Field(fields::action::code));
        let title = self.text(r, Target::Field(fields::action::title));
        if !code.is_empty()
            && let Some(first) = self.seen.insert(fold(&code), row)
        {
            return set_aside(format!(
                "its Ref “{code}” is also on row {first}; give each action its own Ref (its cells: {})",
                self.row_values(r).join(" | ")
            ));
        }
        let existing: Option<&Action> = self.actions.get(&fold(&code)).copied();
        if title.is_empty() && existing.is_none() {
            let values = self.row_values(r);
            return set_aside(if values.len() == 1 {
                format!("“{}” is a heading, not an action", values[0])
            } else {
                format!("it has no action title; its cells: {}", values.join(" | "))
            });
        }
        let clears = self.table.exported && existing.is_some();
        let read = self.read_cells(r, clears, plan);
        let code = match (&existing, code.is_empty()) {
            (Some(a), _) => a.code.clone(),
            (None, false) => code,
            (None, true) => {
                crate::codes::next_code(Kind::Action, self.codes.iter().map(String::as_str))
                    .unwrap_or_default()
            }
        };
        self.codes.push(code.clone());
        let title = existing.map_or(title.clone(), |a| {
            if title.is_empty() {
                a.title.clone()
            } else {
                title.clone()
            }
        });
        let mut fields = read.fields.clone();
        let note = [read.note.clone(), read.kept.join("\n")]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        if !note.is_empty() {
            fields.push((fields::action::progress_note, Json::String(note)));
        } else if read.note_emptied {
            fields.push((fields::action::progress_note, Json::String(String::new())));
        }
        fields.retain(|(f, _)| *f != fields::action::code);
        fields.push((fields::action::code, Json::String(code.clone())));
        let draft = Draft {
            row,
            existing: existing.map(|a| a.id.clone()),
            fields: fields.clone(),
            lead: read.lead.clone().map(|(r, _)| r),
            links: read
                .links
                .iter()
                .map(|(k, refs)| (*k, refs.iter().map(|(r, _)| r.clone()).collect()))
                .collect(),
        };
        let outcome = match existing {
            None => Outcome::Create { code, title },
            Some(a) => {
                let changes = self.changes(a, &draft, &read);
                if changes.is_empty() {
                    Outcome::Unchanged { code, title }
                } else {
                    Outcome::Update {
                        code,
                        title,
                        changes,
                    }
                }
            }
        };
        let keep = !matches!(outcome, Outcome::Unchanged { .. });
        (
            RowPlan {
                row,
                outcome,
                problems: read.problems,
            },
            keep.then_some(draft),
        )
    }

    fn row_values(&self, r: usize) -> Vec<String> {
        self.grid.rows[r]
            .iter()
            .map(|c| c.value.shown())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The row's cells by column. With `clears` (an existing action in a sheet Planbook
    /// exported), an empty cell clears the field or the links (never the code, title or
    /// status, which an action always has).
    fn read_cells(&mut self, r: usize, clears: bool, plan: &mut ImportPlan) -> Read {
        let mut read = Read::default();
        let mut dates: Vec<(Field, NaiveDate, &Column)> = Vec::new();
        for col in &self.table.columns {
            let cell = self.cell(r, col);
            let text = cell.value.shown();
            let problem = |reason: String| Problem {
                sheet: self.grid.sheet.clone(),
                row: r + 1,
                column: col.letter(),
                header: col.header.clone(),
                value: text.clone(),
                reason,
            };
            if clears && text.is_empty() && clear(&mut read, col.target) {
                continue;
            }
            match col.target {
                Target::Ignore => {}
                Target::Note if !text.is_empty() => {
                    read.kept.push(format!("{}: {text}", col.header));
                }
                Target::Note => {}
                Target::Field(f) if f == fields::action::status => {
                    match status_of(&cell, self.mapping) {
                        Ok(Some(s)) => read
                            .fields
                            .push((f, serde_json::to_value(s).unwrap_or_default())),
                        Ok(None) => {}
                        Err(words) => {
                            read.problems.push(problem("is not a status Planbook knows; the status was left as it is and the words kept in the progress note (say what it means in a mapping file's \"statuses\")".into()));
                            read.kept.push(format!("{}: {words}", col.header));
                        }
                    }
                }
                Target::Field(f) if f.ty == FieldType::Date => match date_of(&cell.value) {
                    Ok(None) => {}
                    Ok(Some(TrackerDate::Date(d))) => dates.push((f, d, col)),
                    Ok(Some(TrackerDate::Words(w))) => {
                        read.kept.push(format!("{}: {w}", col.header))
                    }
                    Err(why) => {
                        read.problems.push(problem(format!(
                            "is not a date ({why}); it was kept in the progress note"
                        )));
                        read.kept.push(format!("{}: {text}", col.header));
                    }
                },
                Target::Field(f) if f == fields::action::lead_partner_id => {
                    let mut named = split_partners(&text, &self.names, self.mapping).into_iter();
                    if let Some(first) = named.next() {
                        read.lead = Some((
                            self.find_or_make(List::Partner, &first, r, &[], plan),
                            first,
                        ));
                    }
                    // Further lead partners support the action.
                    let rest: Vec<String> = named.collect();
                    if !rest.is_empty() {
                        let refs = rest
                            .iter()
                            .map(|n| (self.find_or_make(List::Partner, n, r, &[], plan), n.clone()))
                            .collect();
                        read.links.push((Kind::ActionPartner, refs));
                    }
                }
                Target::Field(f) if f == fields::action::progress_note => read.note = text,
                Target::Field(f) if !text.is_empty() => read.fields.push((f, Json::String(text))),
                Target::Field(_) => {}
                Target::Link(k) if !text.is_empty() => {
                    let Some(far) = far_kind(k) else { continue };
                    let (list, written) = match far {
                        Kind::Partner => (
                            List::Partner,
                            split_partners(&text, &self.names, self.mapping),
                        ),
                        Kind::Priority => (List::Priority, split_list(&text)),
                        _ => (List::Outcome, split_list(&text)),
                    };
                    let priorities: Vec<Ref> = read
                        .links
                        .iter()
                        .filter(|(k, _)| *k == Kind::ActionPriority)
                        .flat_map(|(_, refs)| refs.iter().map(|(r, _)| r.clone()))
                        .collect();
                    let refs = written
                        .iter()
                        .map(|w| (self.find_or_make(list, w, r, &priorities, plan), w.clone()))
                        .collect::<Vec<_>>();
                    match read.links.iter_mut().find(|(kind, _)| *kind == k) {
                        Some((_, have)) => have.extend(refs),
                        None => read.links.push((k, refs)),
                    }
                }
                Target::Link(_) => {}
            }
        }
        let start = dates
            .iter()
            .find(|(f, ..)| *f == fields::action::start_date)
            .map(|(_, d, _)| *d);
        for (f, d, col) in dates {
            let due_before_start = f == fields::action::due_date && start.is_some_and(|s| d < s);
            if due_before_start {
                read.problems.push(Problem {
                    sheet: self.grid.sheet.clone(),
                    row: r + 1,
                    column: col.letter(),
                    header: col.header.clone(),
                    value: crate::typing::date_for_field(d),
                    reason: "is before the start date; it was kept in the progress note instead"
                        .into(),
                });
                read.kept.push(format!(
                    "{}: {}",
                    col.header,
                    crate::typing::date_in_words(d)
                ));
                continue;
            }
            read.fields
                .push((f, Json::String(d.format("%Y-%m-%d").to_string())));
        }
        read
    }

    /// The row a name stands for: found in the workbook, made earlier in this import, or
    /// made now (a priority or outcome written "P3 Healthy lives" gets the code P3).
    fn find_or_make(
        &mut self,
        list: List,
        written: &str,
        r: usize,
        priorities: &[Ref],
        plan: &mut ImportPlan,
    ) -> Ref {
        let found = self.names.find(list, written, self.mapping);
        if list == List::Partner && !plan.partners.iter().any(|p| p.written == written) {
            plan.partners.push(PartnerSeen {
                written: written.to_owned(),
                partner: found.as_ref().and_then(|id| self.shown.get(id)).cloned(),
            });
        }
        if let Some(id) = found {
            if let Some(i) = Names::new_index(&id) {
                return Ref::New(i);
            }
            let name = self.shown.get(&id).cloned().unwrap_or_default();
            // Written as the workbook names it, or as its code: no need to say so.
            let same = fold(&name) == fold(written)
                || fold(&name).starts_with(&format!("{} ", fold(written)));
            if !same
                && !plan
                    .matched
                    .iter()
                    .any(|m| m.list == list && m.written == written)
            {
                plan.matched.push(Matched {
                    list,
                    written: written.to_owned(),
                    name,
                });
            }
            return Ref::Existing(id);
        }
        let key = (list, fold_name(written));
        if let Some(&i) = self.made.get(&key) {
            return Ref::New(i);
        }
        let (code, name) = match list {
            List::Partner => (String::new(), written.trim().to_owned()),
            _ => split_code(written).unwrap_or_else(|| {
                let have = plan
                    .new_rows
                    .iter()
                    .filter(|n| n.list == list)
                    .map(|n| n.code.clone())
                    .chain(self.codes_of(list));
                let codes: Vec<String> = have.collect();
                (
                    crate::codes::next_code(list.kind(), codes.iter().map(String::as_str))
                        .unwrap_or_default(),
                    written.trim().to_owned(),
                )
            }),
        };
        plan.new_rows.push(NewRow {
            list,
            code,
            name,
            row: r + 1,
            priorities: if list == List::Outcome {
                priorities.to_vec()
            } else {
                Vec::new()
            },
        });
        let i = plan.new_rows.len() - 1;
        self.names
            .add_new(list, &plan.new_rows[i].code, &plan.new_rows[i].name, i);
        self.made.insert(key, i);
        Ref::New(i)
    }

    fn codes_of(&self, list: List) -> Vec<String> {
        match list {
            List::Priority => self
                .content
                .priorities
                .iter()
                .map(|p| p.code.clone())
                .collect(),
            List::Outcome => self
                .content
                .outcomes
                .iter()
                .map(|o| o.code.clone())
                .collect(),
            List::Partner => Vec::new(),
        }
    }

    /// What the row changes in an existing action, field by field, in words.
    fn changes(&self, a: &Action, draft: &Draft, read: &Read) -> Vec<Change> {
        let now = serde_json::to_value(a).unwrap_or_default();
        let mut out = Vec::new();
        for (f, v) in &draft.fields {
            let before = now.get(f.name).cloned().unwrap_or(Json::Null);
            if f.same(&before, v) {
                continue;
            }
            let was = match (*f == fields::action::lead_partner_id, before.as_str()) {
                (true, Some(id)) => self.shown.get(&Id(id.to_owned())).cloned(),
                _ => None,
            }
            .unwrap_or_else(|| shown(*f, &before));
            let cleared = v.is_null() || v.as_str() == Some("");
            out.push(Change {
                field: f.name.to_owned(),
                label: f.label.to_owned(),
                before: was,
                after: if cleared { String::new() } else { shown(*f, v) },
                cleared,
            });
        }
        if let Some((r, name)) = &read.lead
            && Some(r) != a.lead_partner_id.clone().map(Ref::Existing).as_ref()
        {
            let before = a
                .lead_partner_id
                .as_ref()
                .and_then(|id| self.shown.get(id))
                .cloned()
                .unwrap_or_default();
            let f = fields::action::lead_partner_id;
            out.push(Change {
                field: f.name.to_owned(),
                label: f.label.to_owned(),
                before,
                after: name.clone(),
                cleared: false,
            });
        }
        for (k, refs) in &read.links {
            let have = self.links.get(*k, &a.id);
            let want: Vec<&Ref> = refs.iter().map(|(r, _)| r).collect();
            let same = want.len() == have.len()
                && want
                    .iter()
                    .all(|r| matches!(r, Ref::Existing(id) if have.contains(id)));
            if !same {
                let before: Vec<String> = have
                    .iter()
                    .filter_map(|id| self.shown.get(id).cloned())
                    .collect();
                let after: Vec<String> = refs.iter().map(|(_, n)| n.clone()).collect();
                let target = Target::Link(*k);
                out.push(Change {
                    field: target.word().to_owned(),
                    label: target.label(),
                    before: before.join("; "),
                    after: after.join("; "),
                    cleared: false,
                });
            }
        }
        out
    }
}

/// What an empty cell clears, where emptied cells clear (see `read_cells`); `false` when
/// the cell is read as usual (the code, title and status, which an action always has: an
/// empty status cell may still say it by its fill colour).
fn clear(read: &mut Read, target: Target) -> bool {
    let kept = [
        fields::action::code,
        fields::action::title,
        fields::action::status,
    ];
    match target {
        Target::Field(f) if f == fields::action::progress_note => read.note_emptied = true,
        // Text is empty text; a date or a lead partner, none.
        Target::Field(f) if !kept.contains(&f) => read.fields.push((
            f,
            if f.is_free_text() {
                Json::String(String::new())
            } else {
                Json::Null
            },
        )),
        Target::Link(k) if !read.links.iter().any(|(have, _)| *have == k) => {
            read.links.push((k, Vec::new()))
        }
        _ => return false,
    }
    true
}

fn named(code: &str, text: &str) -> String {
    if code.is_empty() {
        text.to_owned()
    } else {
        format!("{code} {text}")
    }
}

/// A stored value as people read it.
fn shown(f: Field, v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => match f.ty {
            FieldType::Date => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_or(s.clone(), crate::typing::date_for_field),
            _ => f.word_label(s).map_or_else(|| s.clone(), str::to_owned),
        },
        other => other.to_string(),
    }
}

/// A date cell: a date, an Excel serial, or text as trackers write dates.
fn date_of(value: &Value) -> Result<Option<TrackerDate>, String> {
    match value {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(TrackerDate::Date(*d))),
        Value::Number(n) => excel_serial_date(*n)
            .map(|d| Some(TrackerDate::Date(d)))
            .ok_or_else(|| "a number that is not a date".to_owned()),
        // A serial saved as text (a CSV of a sheet whose date cells were plain numbers).
        Value::Text(t) => match t.trim().parse::<f64>().ok().and_then(excel_serial_date) {
            Some(d) => Ok(Some(TrackerDate::Date(d))),
            None => parse_tracker_date(t).map_err(|e| e.to_string()),
        },
        Value::Bool(_) | Value::Error(_) => Err("a formula's result, not a date".into()),
    }
}

/// "P3 Healthy lives", "P3: Healthy lives" or "P3 - Healthy lives" as its code and name.
fn split_code(written: &str) -> Option<(String, String)> {
    let written = written.trim();
    let (code, rest) = written.split_once([' ', ':', '.'])?;
    let looks_like_code = code.len() <= 6
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().all(|c| c.is_ascii_alphanumeric());
    let rest = rest.trim_start_matches([' ', ':', '-', '–', '.']).trim();
    (looks_like_code && !rest.is_empty()).then(|| (code.to_owned(), rest.to_owned()))
}
