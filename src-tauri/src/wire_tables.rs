//! The constants generated into `ui/src/lib/wire.ts` beside the wire types: tables the window
//! reads instead of keeping copies of core's declarations (the closed sets' words, the field
//! of `Content` holding each kind, each field's label and length, how the plan's language
//! writes dates and numbers). Each is written from core's one declaration of it.

use planbook_core::model::Kind;
use serde::Serialize;

/// Every constant, in the order they appear in `wire.ts`.
pub fn constants() -> String {
    [
        label_constants(),
        content_fields(),
        field_table(),
        writing_table(),
    ]
    .concat()
}

/// Each field of each kind as its declaration gives it: the label a planner reads, and the
/// longest text the layouts are built for (`Field::max_chars`; `null` for no limit), so the
/// window's fields show core's label and count against core's limit.
fn field_table() -> String {
    let mut out = String::from(
        "\n/** Each kind's fields as declared in core: the label, and the longest text the layouts\n \
         * are built for (null: no limit). */\n\
         export const FIELDS: Record<Kind, Readonly<Record<string, { label: string; max_chars: number | null }>>> = {\n",
    );
    for &kind in Kind::ALL {
        out.push_str(&format!("  {}: {{\n", kind.table()));
        for field in kind.fields() {
            let label = serde_json::to_string(field.label).expect("a label serialises");
            let max = field
                .max_chars
                .map_or_else(|| "null".to_owned(), |n| n.to_string());
            out.push_str(&format!(
                "    {}: {{ label: {label}, max_chars: {max} }},\n",
                field.name
            ));
        }
        out.push_str("  },\n");
    }
    out.push_str("};\n");
    out
}

/// How the plan's language writes dates and numbers (`core::typing::Writing`), for the
/// window's date and number fields, its calendar and its lists.
fn writing_table() -> String {
    let writing = planbook_core::typing::writing("en-GB");
    let json = serde_json::to_string_pretty(writing).expect("the table serialises");
    format!(
        "\n/** How the plan's language writes dates and numbers (core::typing::writing). */\n\
         export const WRITING: Writing = {json};\n"
    )
}

/// The field of `Content` holding each kind's rows, from the kinds' declarations, so the
/// window patches its content from an edit's changes without a table of its own.
fn content_fields() -> String {
    let mut out = String::from(
        "\n/** The field of `Content` holding each kind's rows (`plan` holds the one plan). */\n\
         export const CONTENT_FIELD: Record<Kind, keyof Content> = {\n",
    );
    for &kind in Kind::ALL {
        out.push_str(&format!("  {}: \"{}\",\n", kind.table(), kind.json_name()));
    }
    out.push_str("};\n");
    out
}

/// Core's words for each value of the closed sets the window offers, in the order it offers
/// them, so the UI never keeps a second copy of them.
fn label_constants() -> String {
    use planbook_core::document::Part;
    use planbook_core::model::{ActionStatus, Direction, PartnerKind, PlanStatus};
    fn list<T: Serialize + Copy>(
        name: &str,
        ty: &str,
        all: &[T],
        label: fn(T) -> &'static str,
    ) -> String {
        let mut out =
            format!("\nexport const {name}: ReadonlyArray<{{ value: {ty}; label: string }}> = [\n");
        for &v in all {
            let value = serde_json::to_string(&v).expect("a closed-set value serialises");
            let label = serde_json::to_string(label(v)).expect("a label serialises");
            out.push_str(&format!("  {{ value: {value}, label: {label} }},\n"));
        }
        out.push_str("];\n");
        out
    }
    [
        list(
            "PLAN_STATUS_LABELS",
            "PlanStatus",
            PlanStatus::ALL,
            PlanStatus::label,
        ),
        list(
            "ACTION_STATUS_LABELS",
            "ActionStatus",
            ActionStatus::ALL,
            ActionStatus::label,
        ),
        list(
            "DIRECTION_LABELS",
            "Direction",
            Direction::ALL,
            Direction::label,
        ),
        list(
            "PARTNER_KIND_LABELS",
            "PartnerKind",
            PartnerKind::ALL,
            PartnerKind::label,
        ),
        list("PART_LABELS", "Part", Part::ALL, Part::label),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use planbook_core::model::fields;

    #[test]
    fn each_fields_label_and_length_come_from_its_declaration() {
        let table = field_table();
        let action = table
            .split("  action: {\n")
            .nth(1)
            .and_then(|rest| rest.split("  },\n").next())
            .expect("the action's fields");
        assert!(
            action.contains("    title: { label: \"Title\", max_chars: 160 },\n"),
            "{action}"
        );
        assert!(
            action.contains(&format!(
                "    code: {{ label: \"Code\", max_chars: {} }},\n",
                fields::action::code.max_chars.unwrap()
            )),
            "{action}"
        );
        assert!(
            action.contains("    description: { label: \"Description\", max_chars: null },\n"),
            "{action}"
        );
        assert!(
            table.contains(&format!(
                "    period_end: {{ label: \"{}\", max_chars: null }},\n",
                fields::plan::period_end.label
            )),
            "{table}"
        );
    }

    #[test]
    fn the_writing_table_is_cores() {
        let ts = writing_table();
        assert!(ts.contains("export const WRITING: Writing = {"), "{ts}");
        for month in planbook_core::typing::EN_GB.months {
            assert!(ts.contains(&format!("\"{month}\"")), "{ts}");
        }
        assert!(ts.contains("\"date_separator\": \"/\""), "{ts}");
    }
}
