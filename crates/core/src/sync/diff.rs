//! What differs between two contents: rows added and removed, and fields changed with both
//! values. Rows are matched by id; the id and timestamps are bookkeeping and are not compared;
//! the declared fields are, as typed values (3 is 3.0).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::content::{Content, EachKind, KindSource};
use crate::error::Result;
use crate::model::{Entity, Field, Id, Kind, Plan};
use crate::store::rows::{self, RowObject};

/// Every row of a content, by kind and id.
pub type Rows = BTreeMap<Kind, BTreeMap<Id, RowObject>>;

/// A content as rows.
pub fn rows_of(c: &Content) -> Result<Rows> {
    struct Collect(Rows);
    impl EachKind for Collect {
        fn rows<T: Entity>(&mut self, list: &[T]) -> Result<()> {
            let of_kind = self.0.entry(T::KIND).or_default();
            for row in list {
                of_kind.insert(row.id().clone(), rows::to_object(row)?);
            }
            Ok(())
        }
    }
    let mut out = Collect(Rows::new());
    c.each_kind(&mut out)?;
    Ok(out.0)
}

/// Rows back into a content (the inverse of [`rows_of`]).
pub fn content_of(rows: &Rows, format: &Content) -> Result<Content> {
    struct Take<'r>(&'r Rows);
    impl KindSource for Take<'_> {
        fn rows<T: Entity>(&mut self) -> Result<Vec<T>> {
            self.0
                .get(&T::KIND)
                .into_iter()
                .flat_map(|m| m.values())
                .map(|o| rows::from_object(o.clone()))
                .collect()
        }
    }
    let mut source = Take(rows);
    let mut plans: Vec<Plan> = source.rows()?;
    let plan = plans.pop().unwrap_or_else(|| format.plan.clone());
    Content::from_kinds(format.format.clone(), format.version, plan, &mut source)
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    #[serde(serialize_with = "field_name")]
    pub field: Field,
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

pub use crate::store::rows::name_of;

fn field_name<S: serde::Serializer>(field: &Field, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(field.name)
}

/// A field's value in a row (null if the row lacks it).
pub fn value(row: &RowObject, field: Field) -> &Value {
    row.get(field.name).unwrap_or(&Value::Null)
}

/// The declared fields of two versions of a row of `kind` that differ.
pub fn changed_fields(kind: Kind, before: &RowObject, after: &RowObject) -> Vec<FieldChange> {
    kind.fields()
        .iter()
        .filter_map(|&field| {
            let (old, new) = (value(before, field), value(after, field));
            (!field.same(old, new)).then(|| FieldChange {
                field,
                before: old.clone(),
                after: new.clone(),
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
                    name: name_of(*kind, row),
                    change: RowChange::Removed,
                }),
                Some(other) => {
                    let fields = changed_fields(*kind, row, other);
                    if !fields.is_empty() {
                        let change = RowChange::Changed { fields };
                        out.push(RowDiff {
                            kind: *kind,
                            id: id.clone(),
                            name: name_of(*kind, other),
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
                    name: name_of(*kind, row),
                    change: RowChange::Added,
                });
            }
        }
    }
    Ok(out)
}
