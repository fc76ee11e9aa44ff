//! Carrying out an import plan as one edit: the new priorities, outcomes and partners, then
//! each action inserted or updated and its links set to what the sheet says, all in one
//! transaction, so one Undo takes the whole import back. The sheet is not read again. The
//! changes the planner declined in the review are left out, and how the sheet was read is
//! remembered in the workbook for the next round (`remember`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use super::plan::{Draft, ImportPlan, Outcome as RowOutcome, Ref};
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

/// What the planner declined when reviewing an import (docs/spreadsheets.md, "An update
/// round"): whole rows, new or updated, by the sheet's row number, and single changes of an
/// updated row, by its row and the change's `field` word. The rest is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Declined {
    pub rows: BTreeSet<usize>,
    pub changes: BTreeSet<DeclinedChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct DeclinedChange {
    pub row: usize,
    /// The change's `field` word (`plan::Change::field`).
    pub field: String,
}

impl Declined {
    fn row(&self, row: usize) -> bool {
        self.rows.contains(&row)
    }

    fn change(&self, row: usize, field: &str) -> bool {
        self.changes.contains(&DeclinedChange {
            row,
            field: field.to_owned(),
        })
    }

    /// The draft with what was declined left out; `None` when nothing of it is left. The
    /// code is never declined (it is how the action is found); a new action is taken whole
    /// or not at all, as it needs its title.
    fn keep(&self, d: &Draft) -> Option<Draft> {
        if self.row(d.row) {
            return None;
        }
        if d.existing.is_none() {
            return Some(d.clone());
        }
        let declined = |word: &str| self.change(d.row, word);
        Some(Draft {
            fields: d
                .fields
                .iter()
                .filter(|(f, _)| *f == fields::action::code || !declined(f.name))
                .cloned()
                .collect(),
            lead: d
                .lead
                .clone()
                .filter(|_| !declined(fields::action::lead_partner_id.name)),
            links: d
                .links
                .iter()
                .filter(|(k, _)| !declined(super::columns::Target::Link(*k).word()))
                .cloned()
                .collect(),
            ..d.clone()
        })
    }

    /// Whether any of the row's changes are kept.
    fn keeps_any(&self, row: usize, outcome: &RowOutcome) -> bool {
        !self.row(row)
            && match outcome {
                RowOutcome::Create { .. } => true,
                RowOutcome::Update { changes, .. } => {
                    changes.iter().any(|c| !self.change(row, &c.field))
                }
                _ => false,
            }
    }
}

/// Applies `plan` to `wb` as one edit; refused with [`Error::ChangedSince`], changing
/// nothing, if the workbook's rows are not those the plan was worked out from.
pub fn apply(wb: &mut Workbook, plan: &ImportPlan) -> Result<ImportReport> {
    apply_declining(wb, plan, &Declined::default())
}

/// Applies `plan` to `wb` as [`apply`] does, leaving out what the planner `declined`; the
/// priorities, outcomes and partners only declined rows or changes named are not made.
pub fn apply_declining(
    wb: &mut Workbook,
    plan: &ImportPlan,
    declined: &Declined,
) -> Result<ImportReport> {
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
        let kept: BTreeSet<usize> = plan
            .rows
            .iter()
            .filter(|r| declined.keeps_any(r.row, &r.outcome))
            .map(|r| r.row)
            .collect();
        let drafts: Vec<Draft> = plan
            .drafts
            .iter()
            .filter(|d| kept.contains(&d.row))
            .filter_map(|d| declined.keep(d))
            .collect();
        let made = make_new_rows(e, plan, &used_new_rows(plan, &drafts))?;
        for draft in &drafts {
            write_action(e, draft, &made)?;
        }
        super::remember::remember(e, plan)?;
        Ok(made.iter().flatten().count())
    })
    .map(|new_rows| {
        let kept = |create: bool| {
            plan.rows
                .iter()
                .filter(|r| matches!(r.outcome, RowOutcome::Create { .. }) == create)
                .filter(|r| declined.keeps_any(r.row, &r.outcome))
                .count()
        };
        ImportReport {
            created: kept(true),
            updated: kept(false),
            new_rows,
            label,
        }
    })
}

/// Which of the plan's new rows the kept drafts name (an outcome made for them brings the
/// new priorities it is linked to).
fn used_new_rows(plan: &ImportPlan, drafts: &[Draft]) -> BTreeSet<usize> {
    let mut used: BTreeSet<usize> = drafts
        .iter()
        .flat_map(|d| d.lead.iter().chain(d.links.iter().flat_map(|(_, r)| r)))
        .filter_map(|r| match r {
            Ref::New(i) => Some(*i),
            Ref::Existing(_) => None,
        })
        .collect();
    let outcomes: Vec<usize> = used.iter().copied().collect();
    for i in outcomes {
        for p in plan.new_rows.get(i).map_or(&[][..], |n| &n.priorities) {
            if let Ref::New(j) = p {
                used.insert(*j);
            }
        }
    }
    used
}

fn make_new_rows(
    e: &mut Edit<'_>,
    plan: &ImportPlan,
    used: &BTreeSet<usize>,
) -> Result<Vec<Option<Id>>> {
    let mut made = Vec::new();
    for (i, n) in plan.new_rows.iter().enumerate() {
        if !used.contains(&i) {
            made.push(None);
            continue;
        }
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
        made.push(Some(id));
    }
    for (n, id) in plan.new_rows.iter().zip(&made) {
        let Some(id) = id else { continue };
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

fn resolve(r: &Ref, made: &[Option<Id>]) -> Result<Id> {
    match r {
        Ref::Existing(id) => Ok(id.clone()),
        Ref::New(i) => {
            made.get(*i).cloned().flatten().ok_or_else(|| {
                Error::Internal("an import referred to a row it did not make".into())
            })
        }
    }
}

fn write_action(e: &mut Edit<'_>, draft: &Draft, made: &[Option<Id>]) -> Result<()> {
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
