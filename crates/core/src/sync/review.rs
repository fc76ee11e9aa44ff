//! A merge's conflicts in a planner's words, for the side-by-side view in the app: which item,
//! which field, the value each side has (ids shown as the names they stand for), who changed
//! it and when, and whether the planner may type a value of their own.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::diff::{Rows, changed_fields, name_of};
use super::merge::{ChangedBy, Conflict, MergePlan};
use crate::model::{Field, FieldType, Id, Kind};

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
    let text = |v: &Value| match c.field {
        Some(f) => value_text(f, v, [mine, theirs, base]),
        None => row_text(c.kind, v, &c.base),
    };
    // Links merge as sets, so a conflict is always about an item, never a link row.
    let item = format!("{} {}", capitalised(c.kind.label()), c.name);
    ConflictView {
        kind: c.kind,
        item,
        field_label: c.field.map(|f| f.label.to_owned()).unwrap_or_default(),
        before: text(&c.base),
        mine: text(&c.mine),
        theirs: text(&c.theirs),
        mine_by: c.mine_by.clone(),
        theirs_by: c.theirs_by.clone(),
        deleted_mine: c.field.is_none() && c.mine.is_null(),
        deleted_theirs: c.field.is_none() && c.theirs.is_null(),
        editable: c.field.is_some_and(|f| f.is_free_text())
            && [&c.mine, &c.theirs]
                .iter()
                .all(|v| v.is_string() || v.is_null()),
    }
}

/// A field's value as text, by the field's declared type: a reference becomes the name of
/// the row it points to, a closed-set word its label, a date "31 March 2026", a position
/// "1st", nothing "(empty)".
fn value_text(field: Field, v: &Value, sides: [&Rows; 3]) -> String {
    match (field.ty, v) {
        (_, Value::Null) => "(empty)".into(),
        (_, Value::String(s)) if s.is_empty() => "(empty)".into(),
        (FieldType::Ref { to, .. }, Value::String(s)) => sides
            .iter()
            .find_map(|rows| rows.get(&to)?.get(&Id(s.clone())))
            .map(|row| name_of(to, row))
            .unwrap_or_else(|| "(an item since deleted)".into()),
        (FieldType::Closed(_), Value::String(s)) => {
            field.word_label(s).map_or_else(|| s.clone(), str::to_owned)
        }
        (FieldType::Date, Value::String(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_or_else(|_| s.clone(), crate::typing::date_in_words),
        // Positions are numbered from 1, as the planner counts.
        (FieldType::Position { .. }, Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), ordinal)
        }
        // A number that is whole reads without a fraction: 3, not 3.0.
        (FieldType::Number, Value::Number(n)) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// What one side holds of an item the other side deleted: changed, or unchanged but with
/// something new added under it.
fn row_text(kind: Kind, v: &Value, base: &Value) -> String {
    match (v, base) {
        (Value::Null, _) => "Deleted".into(),
        (Value::Object(row), Value::Object(before))
            if changed_fields(kind, before, row).is_empty() =>
        {
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
    use crate::model::fields;

    fn shown(field: Field, v: Value) -> String {
        let none = Rows::new();
        value_text(field, &v, [&none, &none, &none])
    }

    #[test]
    fn fields_are_named_by_their_declarations() {
        assert_eq!(fields::action::lead_partner_id.label, "Lead partner");
        assert_eq!(fields::action::due_date.label, "Due date");
        assert_eq!(fields::aim::position.label, "Place in the list");
        // Every declared field has a label in words, not its column name.
        for &kind in Kind::ALL {
            for f in kind.fields() {
                assert!(!f.label.is_empty() && !f.label.contains('_'), "{}", f.name);
                assert!(f.label.starts_with(char::is_uppercase), "{}", f.label);
            }
        }
    }

    #[test]
    fn only_free_text_may_be_typed() {
        assert!(fields::action::title.is_free_text());
        assert!(fields::action::progress_note.is_free_text());
        assert!(!fields::action::due_date.is_free_text());
        assert!(!fields::action::lead_partner_id.is_free_text());
        assert!(!fields::action::status.is_free_text());
        assert!(!fields::plan::language.is_free_text());
        assert!(!fields::measure::baseline_value.is_free_text());
    }

    #[test]
    fn places_read_as_ordinals_counted_from_one() {
        let pos = |n: i64| shown(fields::aim::position, Value::from(n));
        assert_eq!(
            [pos(1), pos(2), pos(3), pos(11), pos(22)],
            ["1st", "2nd", "3rd", "11th", "22nd"]
        );
    }

    #[test]
    fn closed_sets_and_dates_read_in_words() {
        assert_eq!(
            shown(fields::action::status, Value::from("at_risk")),
            "At risk"
        );
        assert_eq!(
            shown(fields::plan::status, Value::from("consultation")),
            "Out for consultation"
        );
        assert_eq!(
            shown(fields::partner::kind, Value::from("voluntary_community")),
            "Voluntary and community"
        );
        assert_eq!(
            shown(fields::action::due_date, Value::from("2026-03-31")),
            "31 March 2026"
        );
        assert_eq!(
            shown(fields::plan::period_start, Value::from("2026-04-01")),
            "1 April 2026"
        );
        assert_eq!(
            shown(fields::measure::baseline_value, Value::from(3.0)),
            "3"
        );
        assert_eq!(
            shown(fields::measure::baseline_value, Value::from(2.5)),
            "2.5"
        );
        // Text that merely looks like a word of a closed set or a date stays as written.
        assert_eq!(
            shown(fields::action::title, Value::from("at_risk")),
            "at_risk"
        );
        assert_eq!(
            shown(fields::action::title, Value::from("2026-03-31")),
            "2026-03-31"
        );
    }
}
