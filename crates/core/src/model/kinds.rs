//! Every kind of row, declared once. From these declarations come the structs (whose serde
//! field names are the table's column names), `Kind` and its table, label and order, each
//! field's type and label (`model::fields`), references and what deleting the row referred to
//! does (a deleted row takes its dependants with it, and every one of those deletions is
//! recorded, so undo brings them all back), links, position scopes, and the JSON form's lists.
//!
//! A declaration reads: `Struct = table "label for people", json list_name, order "SQL"`, then
//! its fields as `name: type "Label"`, where the type is one of `short` (a line of text; `short(N)`
//! for one shorter than the usual title: see `Field::max_chars`), `long`, `tag`, `date`,
//! `number`, `whole`, `closed(Set)`, `refers(Kind, OnDelete)`, `maybe(Kind, OnDelete)` (an
//! optional reference) or `position` / `position(field)` (numbered within that field's value).
//! `named code title` says which fields name a row for people ("P1 “Digital”"); a row of a
//! kind without it is named by its id.
//! Every row also has an `id` and `created_at`/`updated_at`, which the store maintains. `@link`
//! marks a link: a row of its own joining the two rows its two references name (at most one
//! link joins the same two rows). The order of the declarations is the dependency order: a
//! kind only refers to kinds before it.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use ts_rs::TS;

use super::{Field, FieldType, Id, Timestamp};

declare_kinds! {
    // The `$` that the macros written from these declarations (`with_kind!`, `each_kind!`)
    // need for metavariables of their own; see `declare.rs`.
    ($)
    /// The plan itself: exactly one per workbook.
    Plan = plan "plan", json plan, order "id", named title {
        title: short "Title",
        subtitle: short "Subtitle",
        /// Who the plan belongs to, e.g. "Our Dorset"; also the PDF's author.
        partnership: short "Partnership",
        area: short "Area",
        /// How many people live in the area.
        population: whole "Population",
        period_start: date "Plan starts",
        period_end: date "Plan ends",
        vision: long "Vision",
        status: closed(PlanStatus) "Status",
        version_label: short(20) "Version",
        /// A BCP 47 language tag, e.g. "en-GB".
        language: tag "Language",
        /// Notes for the planners, not printed in the plan document.
        notes: long "Notes",
    }

    /// One of the system's purposes, which priorities contribute to.
    Aim = aim "aim", json aims, order "position, id", named title {
        title: short "Title",
        description: long "Description",
        position: position "Place in the list",
    }

    /// A narrative section of the plan. `body` is lightly marked-up text: paragraphs separated by
    /// blank lines, lines starting "- " as bullet lists, `**bold**`, `*italic*`, `[text](address)`.
    Section = section "section", json sections, order "position, id", named title {
        title: short "Title",
        body: long "Text",
        position: position "Place in the list",
    }

    /// Something the partnership has chosen to focus on.
    Priority = priority "priority", json priorities, order "position, id",
    named code title {
        /// A short reference such as "P1".
        code: short(12) "Code",
        title: short "Title",
        summary: long "Summary",
        /// An optional grouping such as "Living Well".
        theme: short(60) "Theme",
        position: position "Place in the list",
    }

    /// What a priority is expected to lead to ("This will lead to …").
    Outcome = outcome "outcome", json outcomes, order "position, id",
    named code statement {
        code: short(12) "Code",
        statement: long "What we expect to change",
        position: position "Place in the list",
    }

    /// An indicator that shows whether an outcome is being reached.
    Measure = measure "measure", json measures, order "outcome_id, position, id",
    named title {
        outcome_id: refers(Outcome, Cascade) "Outcome",
        title: short "Title",
        /// What the numbers count, e.g. "%" or "people".
        unit: short(20) "Unit",
        direction: closed(Direction) "Which way is better",
        baseline_value: number "Baseline value",
        baseline_date: date "Baseline date",
        target_value: number "Target value",
        target_date: date "Target date",
        /// Where the figures come from.
        source: short(200) "Source",
        position: position(outcome_id) "Place in the list",
    }

    /// One value of a measure at a date.
    Reading = reading "reading", json readings, order "measure_id, date, id" {
        measure_id: refers(Measure, Cascade) "Measure",
        date: date "Date",
        value: number "Value",
        note: long "Note",
    }

    /// An organisation in the partnership.
    Partner = partner "partner", json partners, order "position, id", named name {
        name: short "Organisation name",
        short_name: short(40) "Short name",
        kind: closed(PartnerKind) "Kind",
        position: position "Place in the list",
    }

    /// Something that will be done. Supporting partners, priorities and outcomes are links.
    Action = action "action", json actions, order "position, id",
    named code title {
        code: short(12) "Code",
        title: short "Title",
        description: long "Description",
        lead_partner_id: maybe(Partner, SetNull) "Lead partner",
        start_date: date "Start date",
        due_date: date "Due date",
        status: closed(ActionStatus) "Status",
        progress_note: long "Progress note",
        position: position "Place in the list",
    }

    /// A step on the way to completing an action.
    Milestone = milestone "milestone", json milestones, order "action_id, position, id",
    named title {
        action_id: refers(Action, Cascade) "Action",
        title: short "Title",
        due_date: date "Due date",
        /// When it was reached; empty while it is still to come.
        completed_on: date "Date completed",
        position: position(action_id) "Place in the list",
    }

    /// A word the partnership avoids, and the plain words it uses instead.
    GlossaryTerm = glossary_term "glossary term", json glossary,
    order "term COLLATE NOCASE, term, id", named term {
        term: short(60) "Term",
        plain_words: short "Plain words to use instead",
        definition: long "What it means",
    }

    /// A record of involving people: who, how, when, what they said and what changed.
    Engagement = engagement "engagement record", json engagements, order "held_on, id",
    named who {
        who: short "Who was involved",
        how: short "How",
        held_on: date "Date held",
        what_they_said: long "What they said",
        what_changed: long "What changed",
    }

    /// A priority contributes to an aim.
    @link PriorityAim = priority_aim "link between a priority and an aim",
    json priority_aims, order "priority_id, aim_id, id" {
        priority_id: refers(Priority, Cascade) "Priority",
        aim_id: refers(Aim, Cascade) "Aim",
    }

    /// A priority is expected to lead to an outcome.
    @link PriorityOutcome = priority_outcome "link between a priority and an outcome",
    json priority_outcomes, order "priority_id, outcome_id, id" {
        priority_id: refers(Priority, Cascade) "Priority",
        outcome_id: refers(Outcome, Cascade) "Outcome",
    }

    /// An action serves a priority.
    @link ActionPriority = action_priority "link between an action and a priority",
    json action_priorities, order "action_id, priority_id, id" {
        action_id: refers(Action, Cascade) "Action",
        priority_id: refers(Priority, Cascade) "Priority",
    }

    /// An action serves an outcome.
    @link ActionOutcome = action_outcome "link between an action and an outcome",
    json action_outcomes, order "action_id, outcome_id, id" {
        action_id: refers(Action, Cascade) "Action",
        outcome_id: refers(Outcome, Cascade) "Outcome",
    }

    /// A partner supports an action (the lead partner is a field of the action).
    @link ActionPartner = action_partner "supporting partner of an action",
    json action_partners, order "action_id, partner_id, id" {
        action_id: refers(Action, Cascade) "Action",
        partner_id: refers(Partner, Cascade) "Partner",
    }
}

/// What happens to a row when the row it refers to is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// The referring row is deleted too.
    Cascade,
    /// The reference is cleared.
    SetNull,
}

impl Kind {
    pub fn from_table(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.table() == name)
    }

    /// The declared field called `name`, if the kind has one.
    pub fn field(self, name: &str) -> Option<Field> {
        self.fields().iter().copied().find(|f| f.name == name)
    }

    /// The kind in plain words with "a" or "an" before it, for messages.
    pub fn a(self) -> String {
        let label = self.label();
        let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {label}")
    }

    /// The fields that refer to other rows, the kind each refers to, and what a deletion of
    /// the row referred to does.
    pub fn references(self) -> impl Iterator<Item = (Field, Kind, OnDelete)> {
        self.fields().iter().filter_map(|f| match f.ty {
            FieldType::Ref { to, on_delete, .. } => Some((*f, to, on_delete)),
            _ => None,
        })
    }

    /// For link kinds, the two fields the link joins.
    pub fn link_columns(self) -> Option<(Field, Field)> {
        let mut ends = self.references().map(|(f, _, _)| f);
        match (self.is_link(), ends.next(), ends.next()) {
            (true, Some(a), Some(b)) => Some((a, b)),
            _ => None,
        }
    }

    /// The kinds whose rows carry a position, and the field (if any) within which positions
    /// are numbered: measures are ordered within their outcome, milestones within their action.
    pub fn position_scope(self) -> Option<Option<Field>> {
        self.fields().iter().find_map(|f| match f.ty {
            FieldType::Position { within } => Some(within.and_then(|w| self.field(w))),
            _ => None,
        })
    }

    /// The kind's position field, if its rows are kept in an order of their own.
    pub fn position_field(self) -> Option<Field> {
        self.fields()
            .iter()
            .copied()
            .find(|f| matches!(f.ty, FieldType::Position { .. }))
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A struct that is a row of a workbook table.
pub trait Entity:
    Serialize + DeserializeOwned + Default + Clone + std::fmt::Debug + 'static
{
    const KIND: Kind;
    fn id(&self) -> &Id;
    /// The identity and timestamps, which the store fills in.
    fn stamps_mut(&mut self) -> (&mut Id, &mut Timestamp, &mut Timestamp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_named_in_json_by_its_table() {
        for &kind in Kind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.table());
            assert_eq!(Kind::from_table(kind.table()), Some(kind));
        }
    }

    #[test]
    fn columns_are_the_struct_fields() {
        for &kind in Kind::ALL {
            // serde_json's objects keep their keys sorted.
            let from_serde: Vec<String> = crate::model::with_kind!(kind, T => {
                match serde_json::to_value(T::default()).unwrap() {
                    serde_json::Value::Object(map) => map.keys().cloned().collect(),
                    _ => unreachable!(),
                }
            });
            let mut declared = kind.columns().to_vec();
            declared.sort();
            assert_eq!(from_serde, declared, "{kind}");
        }
    }

    #[test]
    fn references_only_point_back_and_links_join_two_rows() {
        for (n, &kind) in Kind::ALL.iter().enumerate() {
            for (field, to, _) in kind.references() {
                assert!(Kind::ALL[..n].contains(&to), "{kind}.{}", field.name);
            }
            assert_eq!(kind.is_link(), kind.link_columns().is_some(), "{kind}");
        }
        assert_eq!(
            Kind::Measure.position_scope(),
            Some(Some(fields::measure::outcome_id))
        );
        assert_eq!(Kind::Aim.position_scope(), Some(None));
        assert_eq!(Kind::GlossaryTerm.position_scope(), None);
    }
}
