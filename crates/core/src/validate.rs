//! The rules a row must keep, whoever writes it: the desktop app, the CLI or an import.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::fields::{action, measure, milestone, plan};
use crate::model::{Action, Entity, Field, FieldType, Measure, Milestone, Plan};
use crate::store::rows;
use crate::typing;

/// Checks one row before it is stored.
pub fn row<T: Entity>(row: &T) -> Result<()> {
    if !row.id().is_well_formed() {
        return Err(Error::Invalid(format!(
            "“{}” is not a valid id for {}",
            row.id(),
            T::KIND.a()
        )));
    }
    // The typed checks: each kind with rules of its own is looked at through its own struct.
    let any: &dyn std::any::Any = row;
    // Each rule's refusal names the row and the field.
    let refuse = |field: Field, problem: String| Error::BadValue {
        item: rows::to_object(row)
            .map_or_else(|_| format!("The {}", T::KIND), |o| rows::item(T::KIND, &o)),
        field: field.label,
        typed: None,
        problem,
        hint: None,
    };
    if let Some(p) = any.downcast_ref::<Plan>() {
        if p.title.trim().is_empty() {
            return Err(refuse(plan::title, "cannot be left empty".into()));
        }
        if p.population.is_some_and(|n| n < 0) {
            return Err(refuse(plan::population, "cannot be negative".into()));
        }
        return in_order(p.period_start, p.period_end, plan::period_start)
            .map_err(|problem| refuse(plan::period_end, problem));
    }
    if let Some(a) = any.downcast_ref::<Action>() {
        return in_order(a.start_date, a.due_date, action::start_date)
            .map_err(|problem| refuse(action::due_date, problem));
    }
    if let Some(m) = any.downcast_ref::<Measure>() {
        return in_order(m.baseline_date, m.target_date, measure::baseline_date)
            .map_err(|problem| refuse(measure::target_date, problem));
    }
    if let Some(m) = any.downcast_ref::<Milestone>()
        && m.title.trim().is_empty()
    {
        return Err(refuse(milestone::title, "cannot be left empty".into()));
    }
    if let Some((a, b)) = T::KIND.link_columns() {
        let obj = crate::store::rows::to_object(row)?;
        let named = |f: crate::model::Field| {
            obj.get(f.name)
                .and_then(|v| v.as_str())
                .is_some_and(|s| !s.is_empty())
        };
        if !named(a) || !named(b) {
            return Err(Error::Invalid(format!(
                "{} must name both items it links",
                T::KIND.a()
            )));
        }
    }
    Ok(())
}

/// Refuses a second date before the first, naming the first by `first_field`'s label.
fn in_order(
    first: Option<chrono::NaiveDate>,
    second: Option<chrono::NaiveDate>,
    first_field: Field,
) -> std::result::Result<(), String> {
    match (first, second) {
        (Some(a), Some(b)) if b < a => Err(format!(
            "({}) is before the {} ({})",
            typing::date_in_words(b),
            first_field.label.to_lowercase(),
            typing::date_in_words(a)
        )),
        _ => Ok(()),
    }
}

/// A value a planner typed for `field` (in the app or the CLI), as the field stores it: a date
/// or a number typed as text is read by `core::typing`'s rules ("31/03/2027", "812,500"),
/// whatever the computer's locale; text longer than the field's `max_chars` is refused (never
/// cut). Values that are already of the field's type pass as they are. `item` names the row,
/// for the message.
///
/// Only new typed values are held to the length: a longer text already in a file, a merged
/// copy or an imported JSON form is kept and can still be edited around.
pub fn typed(field: Field, value: Value, item: impl FnOnce() -> String) -> Result<Value> {
    let refuse = |typed: Option<String>, problem: String, item: String| Error::BadValue {
        item,
        field: field.label,
        typed,
        problem,
        hint: None,
    };
    let Value::String(text) = &value else {
        return Ok(value);
    };
    let read = match field.ty {
        FieldType::Date => typing::parse_date(text).map(|d| {
            d.map_or(Value::Null, |d| {
                Value::String(d.format("%Y-%m-%d").to_string())
            })
        }),
        FieldType::Number => typing::parse_number(text).map(|n| {
            n.and_then(serde_json::Number::from_f64)
                .map_or(Value::Null, Value::Number)
        }),
        FieldType::Whole => {
            typing::parse_whole(text).map(|n| n.map_or(Value::Null, |n| Value::Number(n.into())))
        }
        _ => {
            let length = text.chars().count();
            return match field.max_chars {
                Some(max) if length > max => Err(refuse(
                    None,
                    format!(
                        "is {} characters long, and can be at most {}: shorten it{}",
                        crate::document::words::group_thousands(length as i64),
                        max,
                        // Only where the row has a description for the rest to go in.
                        if field.name == "title" && field.kind.field("description").is_some() {
                            " (the rest can go in the description)"
                        } else {
                            ""
                        }
                    ),
                    item(),
                )),
                _ => Ok(value),
            };
        }
    };
    read.map_err(|e| refuse(Some(text.clone()), e.to_string(), item()))
}
