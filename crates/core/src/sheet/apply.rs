//! Carrying out an import plan as one edit: the new priorities, outcomes and partners, then
//! each action inserted or updated and its links set to what the sheet says, all in one
//! transaction, so one Undo takes the whole import back. The sheet is not read again.

use serde_json::{Map, Value as Json};

use super::plan::{Draft, ImportPlan, Ref};
use super::values::List;
use crate::Content;
use crate::error::{Error, Result};
use crate::model::{
    ActionOutcome, ActionPartner, ActionPriority, Id, Kind, Outcome, Partner, PartnerKind,
    Priority, fields,
};
use crate::store::edit::Edit;
use crate::store::{Reader, Workbook};

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    /// Priorities, outcomes and partners made.
    pub new_rows: usize,
    /// The edit's label in the history ("Import from tracker.xlsx").
    pub label: String,
}

/// Applies `plan` to `wb` as one edit; refused with [`Error::ChangedSince`], changing
/// nothing, if the workbook's rows are not those the plan was worked out from.
pub fn apply(wb: &mut Workbook, plan: &ImportPlan) -> Result<ImportReport> {
    let name = plan
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = format!("Import from {name}");
    wb.edit(&label, |e| {
        // Checked inside the edit's transaction, so nothing can change between the check
        // and the writes (as a merge's apply does).
        if super::plan::basis(&Content::read(e.reader())?) != plan.basis {
            return Err(Error::ChangedSince { what: "the import" });
        }
        let made = make_new_rows(e, plan)?;
        for draft in &plan.drafts {
            write_action(e, draft, &made)?;
        }
        Ok(())
    })?;
    Ok(ImportReport {
        created: plan.created(),
        updated: plan.updated(),
        new_rows: plan.new_rows.len(),
        label,
    })
}

fn make_new_rows(e: &mut Edit<'_>, plan: &ImportPlan) -> Result<Vec<Id>> {
    let mut made = Vec::new();
    for n in &plan.new_rows {
        let id = match n.list {
            List::Priority => {
                e.insert(Priority {
                    code: n.code.clone(),
                    title: n.name.clone(),
                    ..Priority::default()
                })?
                .id
            }
            List::Outcome => {
                e.insert(Outcome {
                    code: n.code.clone(),
                    statement: n.name.clone(),
                    ..Outcome::default()
                })?
                .id
            }
            List::Partner => {
                e.insert(Partner {
                    name: n.name.clone(),
                    kind: partner_kind(&n.name),
                    ..Partner::default()
                })?
                .id
            }
        };
        made.push(id);
    }
    for (n, id) in plan.new_rows.iter().zip(&made) {
        for p in &n.priorities {
            e.link(Kind::PriorityOutcome, &resolve(p, &made)?, id)?;
        }
    }
    Ok(made)
}

/// A new partner's kind, guessed from its name; the planner can change it.
fn partner_kind(name: &str) -> PartnerKind {
    let folded = super::values::fold_name(name);
    let has = |words: &[&str]| words.iter().any(|w| folded.split(' ').any(|x| x == *w));
    if has(&["council", "authority"]) {
        PartnerKind::LocalAuthority
    } else if has(&["nhs", "icb", "health", "hospital", "ambulance"]) {
        PartnerKind::Nhs
    } else if has(&[
        "police",
        "fire",
        "probation",
        "dwp",
        "jobcentre",
        "commissioner",
    ]) {
        PartnerKind::PublicService
    } else if has(&[
        "charity",
        "voluntary",
        "cvs",
        "community",
        "advice",
        "uk",
        "healthwatch",
    ]) {
        PartnerKind::VoluntaryCommunity
    } else {
        PartnerKind::Other
    }
}

fn resolve(r: &Ref, made: &[Id]) -> Result<Id> {
    match r {
        Ref::Existing(id) => Ok(id.clone()),
        Ref::New(i) => made
            .get(*i)
            .cloned()
            .ok_or_else(|| Error::Internal("an import referred to a row it did not make".into())),
    }
}

fn write_action(e: &mut Edit<'_>, draft: &Draft, made: &[Id]) -> Result<()> {
    let mut values = draft.fields.clone();
    if let Some(lead) = &draft.lead {
        values.push((
            fields::action::lead_partner_id,
            Json::String(resolve(lead, made)?.0),
        ));
    }
    let id = match &draft.existing {
        Some(id) => {
            e.set_fields(Kind::Action, id, &values)?;
            id.clone()
        }
        None => {
            let obj: Map<String, Json> = values
                .into_iter()
                .map(|(f, v)| (f.name.to_owned(), v))
                .collect();
            e.insert_object(Kind::Action, obj)?
        }
    };
    for (kind, refs) in &draft.links {
        let want: Vec<Id> = refs
            .iter()
            .map(|r| resolve(r, made))
            .collect::<Result<_>>()?;
        // A new action has no links yet: no need to ask.
        let have = match draft.existing {
            Some(_) => linked(&e.reader(), *kind, &id)?,
            None => Vec::new(),
        };
        for old in have.iter().filter(|h| !want.contains(h)) {
            e.unlink(*kind, &id, old)?;
        }
        for new in want.iter().filter(|w| !have.contains(w)) {
            e.link(*kind, &id, new)?;
        }
    }
    Ok(())
}

/// The rows an action is linked to by `kind`, as the edit has left them so far.
fn linked(reader: &Reader<'_>, kind: Kind, action: &Id) -> Result<Vec<Id>> {
    Ok(match kind {
        Kind::ActionPriority => reader
            .list_where::<ActionPriority>(fields::action_priority::action_id, action)?
            .into_iter()
            .map(|l| l.priority_id)
            .collect(),
        Kind::ActionOutcome => reader
            .list_where::<ActionOutcome>(fields::action_outcome::action_id, action)?
            .into_iter()
            .map(|l| l.outcome_id)
            .collect(),
        Kind::ActionPartner => reader
            .list_where::<ActionPartner>(fields::action_partner::action_id, action)?
            .into_iter()
            .map(|l| l.partner_id)
            .collect(),
        _ => Vec::new(),
    })
}
