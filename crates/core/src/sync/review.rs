//! A merge's conflicts in a planner's words, for the side-by-side view in the app: which item,
//! which field, the value each side has (ids shown as the names they stand for), who changed
//! it and when, and whether the planner may type a value of their own.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::diff::{Rows, changed_fields, name_of};
use super::merge::{ChangedBy, Conflict, MergePlan};
use crate::model::Kind;

/// One conflict as the app shows it. `mine`, `theirs` and `before` are display text;
/// `deleted_*` say a side deleted the whole item (then there is no field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictView {
    pub kind: Kind,
    /// "Action 2.3 “Expand social prescribing”".
    pub item: String,
    /// The field both changed ("Title", "Due date"); empty when one side deleted the item.
    pub field_label: String,
    pub before: String,
    pub mine: String,
    pub theirs: String,
    pub mine_by: Option<ChangedBy>,
    pub theirs_by: Option<ChangedBy>,
    pub deleted_mine: bool,
    pub deleted_theirs: bool,
    /// Whether a value of one's own may be typed (free-text fields only; a date, a status or
    /// a link to another item is settled by taking one side).
    pub editable: bool,
}

/// Every conflict of `plan`, in order (the app's choices come back in the same order).
pub fn review(plan: &MergePlan) -> Vec<ConflictView> {
    plan.conflicts.iter().map(|c| view(plan, c)).collect()
}

fn view(plan: &MergePlan, c: &Conflict) -> ConflictView {
    let (base, mine, theirs) = plan.rows();
    let field = c.field.as_deref();
    let text = |v: &Value| match field {
        Some(f) => value_text(f, v, [mine, theirs, base]),
        None => row_text(v, &c.base),
    };
    // Links merge as sets, so a conflict is always about an item, never a link row.
    let item = format!("{} {}", capitalised(c.kind.label()), c.name);
    ConflictView {
        kind: c.kind,
        item,
        field_label: field.map(field_label).unwrap_or_default(),
        before: text(&c.base),
        mine: text(&c.mine),
        theirs: text(&c.theirs),
        mine_by: c.mine_by.clone(),
        theirs_by: c.theirs_by.clone(),
        deleted_mine: field.is_none() && c.mine.is_null(),
        deleted_theirs: field.is_none() && c.theirs.is_null(),
        editable: field.is_some_and(is_free_text)
            && [&c.mine, &c.theirs]
                .iter()
                .all(|v| v.is_string() || v.is_null()),
    }
}

/// A field's name in plain words: "lead_partner_id" is "Lead partner".
pub fn field_label(field: &str) -> String {
    let plain = match field {
        "position" => "Place in the list",
        "body" => "Text",
        "what_they_said" => "What people said",
        "what_changed" => "What we did",
        "plain_words" => "Plain words",
        "held_on" => "Date held",
        "completed_on" => "Date completed",
        "version_label" => "Version",
        other => other,
    };
    capitalised(&plain.trim_end_matches("_id").replace('_', " "))
}

/// Fields whose value is free text a planner could write a third version of.
fn is_free_text(field: &str) -> bool {
    !(field.ends_with("_id")
        || is_date(field)
        || field.ends_with("_value")
        || matches!(
            field,
            "position" | "status" | "direction" | "kind" | "language" | "value"
        ))
}

/// Fields that hold a calendar date ("2026-03-31").
fn is_date(field: &str) -> bool {
    field == "date"
        || field.ends_with("_date")
        || field.ends_with("_on")
        || field.starts_with("period_")
}

/// A field's value as text: an id becomes the name of the row it points to, a status its
/// label, nothing "(empty)".
fn value_text(field: &str, v: &Value, sides: [&Rows; 3]) -> String {
    match v {
        Value::Null => "(empty)".into(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) if field.ends_with("_id") => sides
            .iter()
            .flat_map(|rows| rows.values())
            .find_map(|of_kind| of_kind.get(&crate::model::Id(s.clone())))
            .map(name_of)
            .unwrap_or_else(|| "(an item since deleted)".into()),
        Value::String(s) => status_label(field, s)
            .or_else(|| long_date(field, s))
            .unwrap_or_else(|| s.clone()),
        Value::Number(n) if field == "position" => {
            n.as_i64().map_or_else(|| n.to_string(), |p| ordinal(p + 1))
        }
        other => other.to_string(),
    }
}

/// A date field's "2026-03-31" as "31 March 2026".
fn long_date(field: &str, value: &str) -> Option<String> {
    let date = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    is_date(field).then(|| date.format("%-d %B %Y").to_string())
}

/// An action's or the plan's status in words ("at_risk" is "At risk").
fn status_label(field: &str, value: &str) -> Option<String> {
    use crate::model::{ActionStatus, PlanStatus};
    if field != "status" {
        return None;
    }
    let quoted = Value::String(value.to_owned());
    let label = serde_json::from_value::<ActionStatus>(quoted.clone())
        .map(ActionStatus::label)
        .or_else(|_| serde_json::from_value::<PlanStatus>(quoted).map(PlanStatus::label))
        .ok()?;
    Some(label.to_owned())
}

/// What one side holds of an item the other side deleted: changed, or unchanged but with
/// something new added under it.
fn row_text(v: &Value, base: &Value) -> String {
    match (v, base) {
        (Value::Null, _) => "Deleted".into(),
        (Value::Object(row), Value::Object(before)) if changed_fields(before, row).is_empty() => {
            "Kept, with something new added under it".into()
        }
        (Value::Object(_), _) => "Kept, with changes".into(),
        (other, _) => other.to_string(),
    }
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_in_plain_words() {
        assert_eq!(field_label("lead_partner_id"), "Lead partner");
        assert_eq!(field_label("due_date"), "Due date");
        assert_eq!(field_label("position"), "Place in the list");
        assert_eq!(field_label("title"), "Title");
    }

    #[test]
    fn only_free_text_may_be_typed() {
        assert!(is_free_text("title"));
        assert!(is_free_text("progress_note"));
        assert!(!is_free_text("due_date"));
        assert!(!is_free_text("lead_partner_id"));
        assert!(!is_free_text("status"));
    }

    #[test]
    fn places_read_as_ordinals() {
        let none = Rows::new();
        let pos = |n| value_text("position", &Value::from(n), [&none, &none, &none]);
        assert_eq!(
            [pos(0), pos(1), pos(2), pos(10), pos(21)],
            ["1st", "2nd", "3rd", "11th", "22nd"]
        );
        assert_eq!(
            value_text("status", &Value::from("at_risk"), [&none, &none, &none]),
            "At risk"
        );
        assert_eq!(
            value_text(
                "due_date",
                &Value::from("2026-03-31"),
                [&none, &none, &none]
            ),
            "31 March 2026"
        );
    }
}
