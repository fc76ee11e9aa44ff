//! Recovering what can still be read from a damaged workbook into a new one.
//!
//! The damaged file is only read (through a hardened, read-only connection, with none of its
//! schema code run). Each table is read row by row; where SQLite stops at a damaged page, the
//! reading starts again past it. Rows whose values Planbook cannot use, and rows that refer to
//! rows that were lost, are left out and counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::content::{Content, JSON_FORMAT, JSON_VERSION};
use crate::error::{Error, Result};
use crate::model::{Id, Kind, OnDelete};
use crate::store::{Reader, Scanned, open, rows};
use crate::sync::diff::{self, Rows};

/// What was recovered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecoveryReport {
    /// Rows recovered, by kind (table name).
    pub recovered: BTreeMap<String, usize>,
    /// Rows that could not be read or used.
    pub lost: usize,
    /// Whether the plan row itself was lost (then a plan titled "Recovered plan" stands in).
    pub plan_lost: bool,
}

/// Reads what can be read from the damaged workbook at `path`.
pub fn salvage(path: &Path) -> Result<(Content, RecoveryReport)> {
    let file = open::for_salvage(path)?;
    let mut report = RecoveryReport::default();
    let mut found = Rows::new();
    for &kind in Kind::ALL {
        let rows = read_table(file.reader(), kind, &mut report.lost);
        found.insert(kind, rows);
    }
    drop_dangling(&mut found, &mut report.lost);
    for (kind, rows) in &found {
        report.recovered.insert(kind.table().to_owned(), rows.len());
    }
    let blank = Content {
        format: JSON_FORMAT.into(),
        version: JSON_VERSION,
        ..Content::default()
    };
    let mut content = diff::content_of(&found, &blank)?;
    if found.get(&Kind::Plan).is_none_or(BTreeMap::is_empty) {
        report.plan_lost = true;
        content.plan = crate::store::blank_plan("Recovered plan".into());
    }
    Ok((content, report))
}

/// Every readable, usable row of one table, stepping past damaged parts.
fn read_table(conn: Reader<'_>, kind: Kind, lost: &mut usize) -> BTreeMap<Id, rows::RowObject> {
    let columns = kind.columns();
    let sql = format!(
        "SELECT rowid, {} FROM {} WHERE rowid > ?1 ORDER BY rowid",
        columns.join(", "),
        kind.table()
    );
    let mut out = BTreeMap::new();
    let mut after = i64::MIN;
    // Each failure skips a little further past the damage, and gives up after many.
    let mut skip = 1i64;
    for _ in 0..64 {
        let mut unreadable = false;
        let scanned = conn.scan(&sql, [after], |row| {
            if unreadable {
                return;
            }
            let Ok(rowid) = row.get::<_, i64>(0) else {
                unreadable = true;
                return;
            };
            after = rowid;
            let mut obj = rows::RowObject::new();
            for (i, col) in columns.iter().enumerate() {
                let v: Value = match row.get_ref(i + 1) {
                    Ok(v) => value_of(v),
                    Err(_) => Value::Null,
                };
                obj.insert((*col).to_owned(), v);
            }
            match crate::model::with_kind!(kind, T => rows::from_object::<T>(obj.clone()).map(|r| crate::model::Entity::id(&r).clone()))
            {
                Ok(id) if id.is_well_formed() => _ = out.insert(id, obj),
                _ => *lost += 1,
            }
        });
        match scanned {
            Ok(Scanned::All) if !unreadable => return out,
            Err(_) => return out,
            _ => {}
        }
        *lost += 1;
        after = after.saturating_add(skip);
        skip = skip.saturating_mul(4);
    }
    out
}

fn value_of(v: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            Value::String(String::from_utf8_lossy(t).into_owned())
        }
    }
}

/// Leaves out rows that refer to rows that were lost (clearing an optional reference instead),
/// until nothing refers to a missing row; keeps one plan.
fn drop_dangling(found: &mut Rows, lost: &mut usize) {
    if let Some(plans) = found.get_mut(&Kind::Plan) {
        while plans.len() > 1 {
            plans.pop_last();
            *lost += 1;
        }
    }
    loop {
        let present: BTreeSet<(Kind, Id)> = found
            .iter()
            .flat_map(|(k, rows)| rows.keys().map(move |id| (*k, id.clone())))
            .collect();
        let mut changed = false;
        for (kind, rows) in found.iter_mut() {
            let mut gone = Vec::new();
            for (id, row) in rows.iter_mut() {
                for (field, target, on_delete) in kind.references() {
                    let Some(t) = row
                        .get(field.name)
                        .and_then(Value::as_str)
                        .map(|s| Id(s.to_owned()))
                    else {
                        continue;
                    };
                    if present.contains(&(target, t)) {
                        continue;
                    }
                    match on_delete {
                        OnDelete::Cascade => gone.push(id.clone()),
                        OnDelete::SetNull => _ = row.insert(field.name.to_owned(), Value::Null),
                    }
                    changed = true;
                }
            }
            for id in gone {
                if rows.remove(&id).is_some() {
                    *lost += 1;
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// Recovers what can be read from `damaged` into a new workbook at `to`.
pub fn recover_into(damaged: &Path, to: &Path) -> Result<RecoveryReport> {
    let (content, report) = salvage(damaged)?;
    if report.recovered.values().sum::<usize>() == 0 {
        return Err(Error::corrupt(damaged, "nothing in it could be read"));
    }
    drop(crate::Workbook::create(
        to,
        crate::Start::Content(Box::new(content)),
    )?);
    Ok(report)
}
