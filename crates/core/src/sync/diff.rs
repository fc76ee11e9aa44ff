//! What differs between two contents: rows added and removed, and fields changed with both
//! values. Rows are matched by id; the timestamps are bookkeeping and are not compared.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::content::Content;
use crate::error::Result;
use crate::model::{Entity, Id, Kind};
use crate::store::rows::{self, RowObject};

/// Fields that say when, not what: never a difference.
pub const BOOKKEEPING: &[&str] = &["id", "created_at", "updated_at"];

/// Every row of a content, by kind and id.
pub type Rows = BTreeMap<Kind, BTreeMap<Id, RowObject>>;

/// A content as rows.
pub fn rows_of(c: &Content) -> Result<Rows> {
    fn add<T: Entity>(out: &mut Rows, list: &[T]) -> Result<()> {
        let of_kind = out.entry(T::KIND).or_default();
        for row in list {
            of_kind.insert(row.id().clone(), rows::to_object(row)?);
        }
        Ok(())
    }
    let mut out = Rows::new();
    add(&mut out, std::slice::from_ref(&c.plan))?;
    add(&mut out, &c.aims)?;
    add(&mut out, &c.sections)?;
    add(&mut out, &c.priorities)?;
    add(&mut out, &c.outcomes)?;
    add(&mut out, &c.measures)?;
    add(&mut out, &c.readings)?;
    add(&mut out, &c.partners)?;
    add(&mut out, &c.actions)?;
    add(&mut out, &c.milestones)?;
    add(&mut out, &c.glossary)?;
    add(&mut out, &c.engagements)?;
    add(&mut out, &c.priority_aims)?;
    add(&mut out, &c.priority_outcomes)?;
    add(&mut out, &c.action_priorities)?;
    add(&mut out, &c.action_outcomes)?;
    add(&mut out, &c.action_partners)?;
    Ok(out)
}

/// Rows back into a content (the inverse of [`rows_of`]).
pub fn content_of(rows: &Rows, format: &Content) -> Result<Content> {
    fn take<T: Entity>(rows: &Rows) -> Result<Vec<T>> {
        rows.get(&T::KIND)
            .into_iter()
            .flat_map(|m| m.values())
            .map(|o| rows::from_object(o.clone()))
            .collect()
    }
    let mut plans: Vec<crate::model::Plan> = take(rows)?;
    Ok(Content {
        format: format.format.clone(),
        version: format.version,
        plan: plans.pop().unwrap_or_else(|| format.plan.clone()),
        aims: take(rows)?,
        sections: take(rows)?,
        priorities: take(rows)?,
        outcomes: take(rows)?,
        measures: take(rows)?,
        readings: take(rows)?,
        partners: take(rows)?,
        actions: take(rows)?,
        milestones: take(rows)?,
        glossary: take(rows)?,
        engagements: take(rows)?,
        priority_aims: take(rows)?,
        priority_outcomes: take(rows)?,
        action_priorities: take(rows)?,
        action_outcomes: take(rows)?,
        action_partners: take(rows)?,
    })
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// How one row differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RowChange {
    Added,
    Removed,
    Changed { fields: Vec<FieldChange> },
}

/// One row that differs, with a readable name for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowDiff {
    pub kind: Kind,
    pub id: Id,
    pub name: String,
    #[serde(flatten)]
    pub change: RowChange,
}

/// A readable name for a row: its code and title, statement, name or term.
pub fn name_of(row: &RowObject) -> String {
    let text = |k: &str| {
        row.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let main = ["title", "statement", "name", "term", "who"]
        .iter()
        .map(|k| text(k))
        .find(|t| !t.is_empty());
    match (text("code"), main) {
        (code, Some(main)) if !code.is_empty() => format!("{code} “{main}”"),
        (_, Some(main)) => format!("“{main}”"),
        (code, None) if !code.is_empty() => code,
        _ => row
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    }
}

/// The fields of two versions of a row that differ.
pub fn changed_fields(before: &RowObject, after: &RowObject) -> Vec<FieldChange> {
    after
        .iter()
        .filter(|(field, _)| !BOOKKEEPING.contains(&field.as_str()))
        .filter_map(|(field, value)| {
            let old = before.get(field).cloned().unwrap_or(Value::Null);
            (old != *value).then(|| FieldChange {
                field: field.clone(),
                before: old,
                after: value.clone(),
            })
        })
        .collect()
}

/// What changed from `a` to `b`, kind by kind in dependency order.
pub fn diff(a: &Content, b: &Content) -> Result<Vec<RowDiff>> {
    let (ra, rb) = (rows_of(a)?, rows_of(b)?);
    let empty = BTreeMap::new();
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let (xa, xb) = (
            ra.get(kind).unwrap_or(&empty),
            rb.get(kind).unwrap_or(&empty),
        );
        for (id, row) in xa {
            match xb.get(id) {
                None => out.push(RowDiff {
                    kind: *kind,
                    id: id.clone(),
                    name: name_of(row),
                    change: RowChange::Removed,
                }),
                Some(other) => {
                    let fields = changed_fields(row, other);
                    if !fields.is_empty() {
                        let change = RowChange::Changed { fields };
                        out.push(RowDiff {
                            kind: *kind,
                            id: id.clone(),
                            name: name_of(other),
                            change,
                        });
                    }
                }
            }
        }
        for (id, row) in xb {
            if !xa.contains_key(id) {
                out.push(RowDiff {
                    kind: *kind,
                    id: id.clone(),
                    name: name_of(row),
                    change: RowChange::Added,
                });
            }
        }
    }
    Ok(out)
}
