//! Rows as structs, generically: a struct's serde fields are its table's columns, and every
//! table and column name put into SQL here comes from the kinds' declarations (`Kind::columns`,
//! a declared [`Field`]), never from text a caller passes. Values are carried as JSON values
//! between rows and structs, which is also the form the change log records.

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Entity, Field, FieldType, Id, Kind};

/// A row as a JSON object keyed by column.
pub type RowObject = Map<String, Value>;

pub fn to_object<T: Entity>(row: &T) -> Result<RowObject> {
    match serde_json::to_value(row) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::Invalid(format!(
            "{} did not serialise as an object",
            T::KIND.a()
        ))),
        Err(e) => Err(Error::Json(e.to_string())),
    }
}

/// Turns a row object into its struct, which checks every value's type and allowed values.
/// A value that does not fit is reported by the row and the field's label, in words
/// ([`Error::BadValue`]).
pub fn from_object<T: Entity>(obj: RowObject) -> Result<T> {
    let value = Value::Object(obj);
    T::deserialize(&value).map_err(|e| {
        let Value::Object(obj) = &value else {
            unreachable!("made as an object above")
        };
        bad_row(T::KIND, obj, &e.to_string())
    })
}

/// A readable name for a row of `kind`, from the fields its declaration names it by: its
/// code and title (or statement, name, term), else its id.
pub fn name_of(kind: Kind, row: &RowObject) -> String {
    let text = |f: &Field| {
        row.get(f.name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let (code, main) = match kind.name_fields() {
        [code, main] => (text(code), text(main)),
        [main] => (String::new(), text(main)),
        _ => (String::new(), String::new()),
    };
    let main = Some(main).filter(|t| !t.is_empty());
    match (code, main) {
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

/// A row in a planner's words, to begin a message: "The action A1 “Launch the service”", or
/// "The milestone" when it has no name yet.
pub fn item(kind: Kind, obj: &RowObject) -> String {
    let named = !kind.name_fields().is_empty();
    let name = name_of(kind, obj);
    let unnamed = name.is_empty()
        || (named
            && kind.name_fields().iter().all(|f| {
                obj.get(f.name)
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
            }));
    if unnamed {
        return format!("The {kind}");
    }
    // A long title is cut at a word, so the field and what is wrong stay in view.
    const LONGEST: usize = 60;
    let name = if name.chars().count() > LONGEST {
        let cut: String = name.chars().take(LONGEST).collect();
        let cut = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(words, _)| words);
        format!("{}…”", cut.trim_end_matches([',', ';', ':', '”']))
    } else {
        name
    };
    format!("The {kind} {name}")
}

/// The first declared field of `obj` whose value its type cannot take, named with what would
/// do; `detail` (serde's words) only when no declared field is at fault.
fn bad_row(kind: Kind, obj: &RowObject, detail: &str) -> Error {
    // A field left out takes its default, so only the fields given can be at fault.
    for &field in kind.fields() {
        let Some(value) = obj.get(field.name) else {
            continue;
        };
        if let Some(problem) = unfit(field, value) {
            return Error::BadValue {
                item: item(kind, obj),
                field: field.label,
                typed: None,
                problem,
                hint: None,
            };
        }
    }
    Error::Invalid(format!(
        "{} has a value Planbook cannot use ({detail})",
        item(kind, obj)
    ))
}

/// What is wrong with `value` for `field`, if anything, and what would do.
fn unfit(field: Field, value: &Value) -> Option<String> {
    let ok = match (field.ty, value) {
        (FieldType::ShortText | FieldType::LongText | FieldType::Tag, v) => v.is_string(),
        (FieldType::Date, Value::Null) => true,
        (FieldType::Date, Value::String(s)) => {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        (FieldType::Number, v) => v.is_null() || v.is_number(),
        (FieldType::Whole, v) => v.is_null() || v.is_i64(),
        (FieldType::Position { .. }, v) => v.is_i64(),
        (FieldType::Closed(words), Value::String(s)) => words.iter().any(|(w, _)| w == s),
        (FieldType::Ref { optional, .. }, Value::Null) => optional,
        (FieldType::Ref { .. }, v) => v.is_string(),
        _ => false,
    };
    if ok {
        return None;
    }
    Some(match field.ty {
        FieldType::ShortText | FieldType::LongText | FieldType::Tag => "must be text".into(),
        FieldType::Date => "must be a date, such as 2026-03-31".into(),
        FieldType::Number => "must be a number, such as 12.5".into(),
        FieldType::Whole => "must be a whole number, such as 812500".into(),
        FieldType::Position { .. } => "must be a place in the list: 1, 2, 3, …".into(),
        FieldType::Closed(words) => {
            let labels: Vec<String> = words.iter().map(|(_, l)| format!("“{l}”")).collect();
            match labels.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("must be one of {} or {last}", rest.join(", "))
                }
                _ => format!("must be {}", labels.join("")),
            }
        }
        FieldType::Ref { to, .. } => format!("must name {} in this workbook", to.a()),
    })
}

/// Refuses a row of `kind` whose references name rows that are not in the workbook, naming
/// the row and the field (SQLite's own refusal names neither).
pub(super) fn check_references(conn: &Connection, kind: Kind, obj: &RowObject) -> Result<()> {
    for (field, target, _) in kind.references() {
        let Some(id) = obj.get(field.name).and_then(Value::as_str) else {
            continue;
        };
        let sql = format!("SELECT 1 FROM {} WHERE id = ?1", target.table());
        let found = conn
            .prepare_cached(&sql)?
            .query_row([id], |_| Ok(()))
            .optional()?;
        if found.is_none() {
            return Err(Error::BadValue {
                item: item(kind, obj),
                field: field.label,
                typed: None,
                problem: format!("refers to {} that is not in this workbook", target.a()),
                hint: Some(
                    "Choose one that is in this workbook (it may have been deleted), or add it first.",
                ),
            });
        }
    }
    Ok(())
}

pub fn to_sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Sql::Real(n.as_f64().unwrap_or(f64::NAN)), Sql::Integer),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn from_sql(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
    }
}

fn select_sql(kind: Kind, filter: &str) -> String {
    format!(
        "SELECT {} FROM {} {filter} ORDER BY {}",
        kind.columns().join(", "),
        kind.table(),
        kind.order_by()
    )
}

fn read_objects(
    conn: &Connection,
    kind: Kind,
    filter: &str,
    args: &[Sql],
) -> Result<Vec<RowObject>> {
    let cols = kind.columns();
    let mut stmt = conn.prepare_cached(&select_sql(kind, filter))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut obj = Map::with_capacity(cols.len());
        for (i, col) in cols.iter().enumerate() {
            obj.insert((*col).to_owned(), from_sql(row.get_ref(i)?));
        }
        out.push(obj);
    }
    Ok(out)
}

/// A row read back from the workbook as its struct: a value that does not fit is damage to
/// the file, not a planner's mistake.
fn stored<T: Entity>(obj: RowObject) -> Result<T> {
    from_object(obj).map_err(|e| match e {
        Error::Invalid(_) | Error::BadValue { .. } => Error::Damaged(e.to_string()),
        other => other,
    })
}

/// Every row of a kind, in its order.
pub(super) fn list<T: Entity>(conn: &Connection) -> Result<Vec<T>> {
    read_objects(conn, T::KIND, "", &[])?
        .into_iter()
        .map(stored)
        .collect()
}

/// Rows of a kind whose reference `field` names `value`.
pub(super) fn list_where<T: Entity>(conn: &Connection, field: Field, value: &Id) -> Result<Vec<T>> {
    debug_assert_eq!(field.kind, T::KIND);
    let filter = format!("WHERE {} = ?1", field.name);
    read_objects(conn, T::KIND, &filter, &[Sql::Text(value.0.clone())])?
        .into_iter()
        .map(stored)
        .collect()
}

/// One row as an object, if it exists.
pub(super) fn get_object(conn: &Connection, kind: Kind, id: &Id) -> Result<Option<RowObject>> {
    Ok(read_objects(conn, kind, "WHERE id = ?1", &[Sql::Text(id.0.clone())])?.pop())
}

pub(super) fn get<T: Entity>(conn: &Connection, id: &Id) -> Result<T> {
    match get_object(conn, T::KIND, id)? {
        Some(obj) => stored(obj),
        None => Err(Error::NoSuchRow {
            kind: T::KIND.label(),
            id: id.0.clone(),
        }),
    }
}

/// Ids of rows whose reference `field` names `target`.
pub(super) fn ids_referring(conn: &Connection, field: Field, target: &Id) -> Result<Vec<Id>> {
    let sql = format!(
        "SELECT id FROM {} WHERE {} = ?1 ORDER BY id",
        field.kind.table(),
        field.name
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map([&target.0], |r| r.get::<_, String>(0).map(Id))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The id of the link of `kind` joining `a` and `b`, if there is one.
pub(super) fn link_id(conn: &Connection, kind: Kind, a: &Id, b: &Id) -> Result<Option<Id>> {
    let Some((ca, cb)) = kind.link_columns() else {
        return Err(Error::Invalid(format!("{} is not a link", kind.a())));
    };
    let sql = format!(
        "SELECT id FROM {} WHERE {} = ?1 AND {} = ?2",
        kind.table(),
        ca.name,
        cb.name
    );
    // Cached: an import links thousands of rows in one edit, and parsing the statement
    // for each link was a measurable part of it.
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([&a.0, &b.0], |r| r.get::<_, String>(0).map(Id))
        .optional()?)
}

// Raw writes, private to `store/`. They record nothing: the edit layer (store::edit) logs
// around them, undo and redo replay through them, and a new workbook is built with them.

/// Inserts a row of `kind`. Every column is written; one missing from `obj` is NULL, and keys
/// of `obj` that are not columns are refused.
pub(super) fn insert_object(conn: &Connection, kind: Kind, obj: &RowObject) -> Result<()> {
    let cols = kind.columns();
    if let Some(extra) = obj.keys().find(|k| !cols.contains(&k.as_str())) {
        return Err(Error::Invalid(format!(
            "{} has no field “{extra}”",
            kind.a()
        )));
    }
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        kind.table(),
        cols.join(", ")
    );
    let values = cols.iter().map(|c| obj.get(*c).map_or(Sql::Null, to_sql));
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// Sets one field of one row, and its `updated_at`.
pub(super) fn update_column(
    conn: &Connection,
    id: &Id,
    field: Field,
    value: &Value,
    at: &str,
) -> Result<()> {
    let kind = field.kind;
    let sql = format!(
        "UPDATE {} SET {} = ?1, updated_at = ?2 WHERE id = ?3",
        kind.table(),
        field.name
    );
    let n = conn
        .prepare_cached(&sql)?
        .execute(rusqlite::params![to_sql(value), at, id.0])?;
    if n == 0 {
        return Err(Error::NoSuchRow {
            kind: kind.label(),
            id: id.0.clone(),
        });
    }
    Ok(())
}

pub(super) fn delete_row(conn: &Connection, kind: Kind, id: &Id) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", kind.table());
    conn.prepare_cached(&sql)?.execute([&id.0])?;
    Ok(())
}

/// How many rows a table holds.
pub(super) fn count(conn: &Connection, kind: Kind) -> Result<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {}", kind.table()), [], |r| {
            r.get(0)
        })?,
    )
}
