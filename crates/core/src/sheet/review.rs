//! An import plan as the app's import dialog shows it: the sheets to choose among, each
//! column with what it holds and what it may be changed to (from the action's declaration,
//! so the window keeps no list of fields), the statuses the sheet writes, then every row's
//! outcome and the priorities, outcomes and partners matched or made. The planner's changes
//! come back as a [`Mapping`], the same the mapping file holds.

use serde::Serialize;
use ts_rs::TS;

use super::columns::{Mapping, Target, action_columns};
use super::plan::{ImportPlan, Matched, NewRow, Outcome, PartnerSeen, RowPlan, StatusSeen};
use super::table::Chosen;

/// The whole import, for the dialog.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportView {
    /// The spreadsheet's file name (not its folder).
    pub file_name: String,
    /// The file's sheets, in order; `sheet` is the one read.
    pub sheets: Vec<String>,
    pub sheet: String,
    /// The header row as the sheet numbers it.
    pub header_row: usize,
    pub columns: Vec<ColumnView>,
    /// What a column may hold, in the declaration's order, then "note" and "ignore".
    pub targets: Vec<TargetChoice>,
    pub statuses: Vec<StatusSeen>,
    /// Each partner the sheet names and who it was taken to be (changeable: `partners` of
    /// the mapping, where an empty name means a new partner).
    pub partners: Vec<PartnerSeen>,
    /// The workbook's partners, by name, in its order: what a sheet's partner may be taken to be.
    pub partner_choices: Vec<String>,
    /// Whether the sheet is read with the mapping remembered from an earlier round.
    pub remembered: bool,
    /// The partner whose update this is: the one lead partner of every action of the
    /// workbook the sheet names (a tracker sent to one partner), if there is one.
    pub from_partner: Option<String>,
    pub rows: Vec<RowPlan>,
    pub new_rows: Vec<NewRow>,
    pub matched: Vec<Matched>,
    /// Rows below the table read as notes or a key, not actions.
    pub notes: Vec<usize>,
    pub counts: ImportCounts,
    /// Whether Import would change the workbook.
    pub changes_anything: bool,
    /// Whether the sheet is one Planbook exported, where an emptied cell clears its value.
    pub exported: bool,
}

/// One column of the sheet and what it goes into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnView {
    /// Its letters ("F").
    pub letter: String,
    pub header: String,
    /// The target's word (one of `targets`).
    pub target: String,
    pub chosen: ChosenBy,
}

/// How a column's target was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChosenBy {
    /// By the planner (or a mapping file).
    Mapping,
    /// By a header trackers use.
    Recognised,
    /// Not recognised, so kept in the progress note.
    Unrecognised,
}

/// A target a column may be given: its mapping word and its name for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TargetChoice {
    pub word: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub set_aside: usize,
    /// Values that could not be read (each kept in the progress note).
    pub problems: usize,
}

/// Every target a column may be given.
pub fn targets() -> Vec<TargetChoice> {
    action_columns()
        .into_iter()
        .chain([Target::Note, Target::Ignore])
        .map(|t| TargetChoice {
            word: t.word().to_owned(),
            label: t.label(),
        })
        .collect()
}

/// The dialog's view of `plan`, read from a file with these `sheets`.
pub fn view(plan: &ImportPlan, sheets: Vec<String>) -> ImportView {
    ImportView {
        file_name: plan
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sheets,
        sheet: plan.sheet.clone(),
        header_row: plan.header_row,
        columns: plan
            .columns
            .iter()
            .map(|c| ColumnView {
                letter: c.letter(),
                header: c.header.clone(),
                target: c.target.word().to_owned(),
                chosen: match c.chosen {
                    Chosen::Mapped => ChosenBy::Mapping,
                    Chosen::Recognised => ChosenBy::Recognised,
                    Chosen::Unrecognised => ChosenBy::Unrecognised,
                },
            })
            .collect(),
        targets: targets(),
        statuses: plan.statuses.clone(),
        partners: plan.partners.clone(),
        partner_choices: plan.basis.partners.iter().map(|p| p.name.clone()).collect(),
        remembered: plan.remembered,
        from_partner: from_partner(plan),
        rows: plan.rows.clone(),
        new_rows: plan.new_rows.clone(),
        matched: plan.matched.clone(),
        notes: plan.notes.clone(),
        counts: ImportCounts {
            created: plan.created(),
            updated: plan.updated(),
            unchanged: plan.unchanged(),
            set_aside: plan.set_aside(),
            problems: plan.problems().count(),
        },
        changes_anything: plan.changes_anything(),
        exported: plan.exported,
    }
}

/// The one partner leading every action of the workbook the sheet names, if there is one.
fn from_partner(plan: &ImportPlan) -> Option<String> {
    let content = &plan.basis;
    let mut leads = plan.rows.iter().filter_map(|r| match &r.outcome {
        Outcome::Update { code, .. } | Outcome::Unchanged { code, .. } => content
            .actions
            .iter()
            .find(|a| &a.code == code)
            .map(|a| a.lead_partner_id.clone()),
        _ => None,
    });
    let first = leads.next()??;
    if leads.any(|l| l.as_ref() != Some(&first)) {
        return None;
    }
    content
        .partners
        .iter()
        .find(|p| p.id == first)
        .map(|p| p.name.clone())
}

/// The mapping that reads the file as `plan` did, for "Save mapping…": its sheet, header row
/// and every column's target, with the statuses and partners its mapping gave.
pub fn mapping_of(plan: &ImportPlan) -> Mapping {
    let mapping = &plan.mapping;
    Mapping {
        planbook_mapping: super::columns::MAPPING_VERSION,
        sheet: Some(plan.sheet.clone()),
        header_row: Some(plan.header_row),
        columns: plan
            .columns
            .iter()
            .map(|c| (c.header.clone(), c.target.word().to_owned()))
            .collect(),
        statuses: mapping.statuses.clone(),
        partners: mapping.partners.clone(),
    }
}
