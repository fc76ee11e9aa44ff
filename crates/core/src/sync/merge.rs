//! The three-way merge of a colleague's copy into this workbook.
//!
//! From the state both workbooks share (see [`super::lineage`]), a field changed on one side
//! only takes that side's value; the same field changed differently on both sides is a
//! conflict; a row edited on one side and deleted on the other is a conflict (so is a row added
//! under one the other side deleted); links merge as sets. The result is applied to this
//! workbook as one edit: one transaction, one undoable step, recorded in the change log.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::diff::{self, Rows, changed_fields, name_of, value};
use super::lineage::{self, Base};
use crate::content::Content;
use crate::error::{Error, Result};
use crate::model::{Field, Id, Kind, OnDelete};
use crate::store::changelog::{EditState, WHOLE_ROW};
use crate::store::rows::RowObject;
use crate::store::{Lineage, Workbook};

/// Who last changed something, from a workbook's change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ChangedBy {
    pub who: String,
    pub at: String,
}

/// Something both sides changed differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub kind: Kind,
    pub id: Id,
    /// The row's readable name.
    pub name: String,
    /// The field both changed; `None` when one side deleted the row and the other changed it
    /// (or added something under it). Then `mine`/`theirs` is the whole row, or null if deleted.
    #[serde(serialize_with = "field_name")]
    pub field: Option<Field>,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
    pub mine_by: Option<ChangedBy>,
    pub theirs_by: Option<ChangedBy>,
}

fn field_name<S: serde::Serializer>(
    field: &Option<Field>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_some(&field.map(|f| f.name))
}

/// How to settle one conflict.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    Mine,
    Theirs,
    /// A value of one's own (field conflicts only).
    Value(Value),
}

/// A merge worked out but not yet applied.
#[derive(Debug, Clone)]
pub struct MergePlan {
    base: Rows,
    mine: Rows,
    theirs: Rows,
    theirs_content: Content,
    theirs_identity: String,
    theirs_name: String,
    pub conflicts: Vec<Conflict>,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MergeReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl MergeReport {
    pub fn is_empty(&self) -> bool {
        self.added + self.changed + self.removed == 0
    }
}

/// Works out the merge of `theirs` into `mine`, listing the conflicts.
pub fn plan(mine: &Workbook, theirs: &Workbook) -> Result<MergePlan> {
    let base: Base = lineage::common_base(mine.reader(), theirs.reader())?.ok_or_else(|| {
        Error::Invalid(format!(
            "“{}” and “{}” share no starting point: neither is a copy of the other and they were never merged",
            file_name(mine),
            file_name(theirs)
        ))
    })?;
    let theirs_content = theirs.content()?;
    let mut plan = plan_of(
        diff::rows_of(&base.content)?,
        diff::rows_of(&mine.content()?)?,
        diff::rows_of(&theirs_content)?,
        theirs_content,
        lineage::identity(theirs.reader())?,
        file_name(theirs),
    )?;
    for c in &mut plan.conflicts {
        c.mine_by = last_change(mine, c)?;
        c.theirs_by = last_change(theirs, c)?;
    }
    Ok(plan)
}

/// Works out the merge of the rows `theirs` into `mine` from `base`, listing the conflicts
/// (without who made them: the caller knows where each side's history is).
pub(crate) fn plan_of(
    base: Rows,
    mine: Rows,
    theirs: Rows,
    theirs_content: Content,
    theirs_identity: String,
    theirs_name: String,
) -> Result<MergePlan> {
    let mut plan = MergePlan {
        base,
        mine,
        theirs,
        theirs_content,
        theirs_identity,
        theirs_name,
        conflicts: Vec::new(),
    };
    let defaults = merged(&plan, &[])?;
    plan.conflicts = defaults.1;
    // Settling every conflict "mine" may leave rows that refer to a row deleted on one side:
    // each such row is a conflict of its own (an addition under a deletion).
    plan.conflicts.extend(dangling(&plan, &defaults.0));
    Ok(plan)
}

impl MergePlan {
    /// The file name of the colleague's copy.
    pub fn their_file(&self) -> &str {
        &self.theirs_name
    }

    /// The colleague's content, as it will be merged.
    pub fn their_content(&self) -> &Content {
        &self.theirs_content
    }

    /// The rows as they were at the shared starting point, in this workbook, and in theirs.
    pub(crate) fn rows(&self) -> (&Rows, &Rows, &Rows) {
        (&self.base, &self.mine, &self.theirs)
    }
}

fn file_name(wb: &Workbook) -> String {
    wb.path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(crate) fn last_change(wb: &Workbook, c: &Conflict) -> Result<Option<ChangedBy>> {
    let sql = "SELECT c.who, c.at FROM change c JOIN edit e ON e.id = c.edit_id
               WHERE e.state = ?4 AND c.entity = ?1 AND c.row_id = ?2 AND (?3 IS NULL OR c.field = ?3 OR c.field = ?5)
               ORDER BY c.id DESC LIMIT 1";
    wb.reader().query_opt(
        sql,
        rusqlite::params![
            c.kind.table(),
            c.id.0,
            c.field.map(|f| f.name),
            EditState::Done,
            WHOLE_ROW
        ],
        |r| {
            Ok(ChangedBy {
                who: r.get(0)?,
                at: r.get(1)?,
            })
        },
    )
}

/// The merged rows with `choices` applied (missing choices mean "mine"), and the field and
/// row conflicts found on the way.
fn merged(plan: &MergePlan, choices: &[Choice]) -> Result<(Rows, Vec<Conflict>)> {
    let empty = BTreeMap::new();
    let mut out = Rows::new();
    let mut conflicts = Vec::new();
    for &kind in Kind::ALL {
        let get = |r: &Rows| r.get(&kind).unwrap_or(&empty).clone();
        let (b, m, t) = (get(&plan.base), get(&plan.mine), get(&plan.theirs));
        let rows = if let Some(ends) = kind.link_columns() {
            merge_links(ends, &b, &m, &t)
        } else {
            merge_rows(kind, &b, &m, &t, &mut conflicts, choices)?
        };
        out.insert(kind, rows);
    }
    Ok((out, conflicts))
}

fn choice(choices: &[Choice], n: usize) -> &Choice {
    choices.get(n).unwrap_or(&Choice::Mine)
}

fn merge_rows(
    kind: Kind,
    b: &BTreeMap<Id, RowObject>,
    m: &BTreeMap<Id, RowObject>,
    t: &BTreeMap<Id, RowObject>,
    conflicts: &mut Vec<Conflict>,
    choices: &[Choice],
) -> Result<BTreeMap<Id, RowObject>> {
    let ids: BTreeSet<&Id> = b.keys().chain(m.keys()).chain(t.keys()).collect();
    let mut out = BTreeMap::new();
    for id in ids {
        let conflict =
            |field: Option<Field>, base: Value, mine: Value, theirs: Value, name: String| {
                Conflict {
                    kind,
                    id: id.clone(),
                    name,
                    field,
                    base,
                    mine,
                    theirs,
                    mine_by: None,
                    theirs_by: None,
                }
            };
        let obj = |r: Option<&RowObject>| r.map_or(Value::Null, |r| Value::Object(r.clone()));
        match (b.get(id), m.get(id), t.get(id)) {
            (_, Some(mr), Some(tr)) => {
                let empty = RowObject::new();
                let br = b.get(id).unwrap_or(&empty);
                let mut row = mr.clone();
                for &field in kind.fields() {
                    let (mv, tv, bv) = (value(mr, field), value(tr, field), value(br, field));
                    let same = |a, b| field.same(a, b);
                    if same(mv, tv) || same(tv, bv) {
                        continue;
                    }
                    let name = field.name.to_owned();
                    if same(mv, bv) {
                        row.insert(name, tv.clone());
                        continue;
                    }
                    let n = conflicts.len();
                    conflicts.push(conflict(
                        Some(field),
                        bv.clone(),
                        mv.clone(),
                        tv.clone(),
                        name_of(kind, mr),
                    ));
                    match choice(choices, n) {
                        Choice::Mine => {}
                        Choice::Theirs => _ = row.insert(name, tv.clone()),
                        Choice::Value(v) => _ = row.insert(name, v.clone()),
                    }
                }
                out.insert(id.clone(), row);
            }
            (None, Some(mr), None) => _ = out.insert(id.clone(), mr.clone()),
            (None, None, Some(tr)) => _ = out.insert(id.clone(), tr.clone()),
            (Some(_), None, None) | (None, None, None) => {}
            // Deleted on one side: a silent deletion only if the other side left the row as it was.
            (Some(br), Some(mr), None) | (Some(br), None, Some(mr)) => {
                let mine_kept = m.contains_key(id);
                let kept = if mine_kept {
                    mr
                } else {
                    t.get(id).unwrap_or(mr)
                };
                // Only a change of content makes a conflict: a new place in a reordered list
                // is no reason to keep a row the other side deleted.
                if changed_fields(kind, br, kept)
                    .iter()
                    .all(|f| Some(f.field) == kind.position_field())
                {
                    continue;
                }
                let n = conflicts.len();
                let (mine, theirs) = if mine_kept {
                    (obj(Some(kept)), Value::Null)
                } else {
                    (Value::Null, obj(Some(kept)))
                };
                conflicts.push(conflict(
                    None,
                    obj(Some(br)),
                    mine,
                    theirs,
                    name_of(kind, kept),
                ));
                let keep = match choice(choices, n) {
                    Choice::Mine => mine_kept,
                    Choice::Theirs => !mine_kept,
                    Choice::Value(_) => {
                        return Err(Error::Invalid(
                            "a deleted row can only be kept or left deleted".into(),
                        ));
                    }
                };
                if keep {
                    out.insert(id.clone(), kept.clone());
                }
            }
        }
    }
    Ok(out)
}

/// Links merge as sets of pairs: mine, plus the pairs they added, minus the pairs they removed.
fn merge_links(
    (a, z): (Field, Field),
    b: &BTreeMap<Id, RowObject>,
    m: &BTreeMap<Id, RowObject>,
    t: &BTreeMap<Id, RowObject>,
) -> BTreeMap<Id, RowObject> {
    let end = |r: &RowObject, f| value(r, f).as_str().unwrap_or_default().to_owned();
    let pair = |r: &RowObject| -> (String, String) { (end(r, a), end(r, z)) };
    let pairs = |x: &BTreeMap<Id, RowObject>| x.values().map(pair).collect::<BTreeSet<_>>();
    let (pb, pt) = (pairs(b), pairs(t));
    let mut out: BTreeMap<Id, RowObject> = m
        .iter()
        .filter(|(_, r)| !pb.contains(&pair(r)) || pt.contains(&pair(r)))
        .map(|(i, r)| (i.clone(), r.clone()))
        .collect();
    let have: BTreeSet<_> = out.values().map(pair).collect();
    for (id, r) in t {
        if !pb.contains(&pair(r)) && !have.contains(&pair(r)) {
            out.insert(id.clone(), r.clone());
        }
    }
    out
}

/// Rows in `result` that refer to a row no longer in it: each makes a conflict on the row
/// referred to (deleted on one side, built upon on the other).
fn dangling(plan: &MergePlan, result: &Rows) -> Vec<Conflict> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (kind, rows) in result {
        for row in rows.values() {
            for (field, target, _) in kind.references() {
                let Some(target_id) = row
                    .get(field.name)
                    .and_then(Value::as_str)
                    .map(|s| Id(s.to_owned()))
                else {
                    continue;
                };
                if result
                    .get(&target)
                    .is_some_and(|r| r.contains_key(&target_id))
                    || !seen.insert((target, target_id.clone()))
                {
                    continue;
                }
                let side = |r: &Rows| {
                    r.get(&target)
                        .and_then(|x| x.get(&target_id))
                        .map(|o| Value::Object(o.clone()))
                };
                let (mine, theirs) = (
                    side(&plan.mine).unwrap_or(Value::Null),
                    side(&plan.theirs).unwrap_or(Value::Null),
                );
                let name = match (&mine, &theirs) {
                    (Value::Object(o), _) | (_, Value::Object(o)) => name_of(target, o),
                    _ => target_id.0.clone(),
                };
                let base = side(&plan.base).unwrap_or(Value::Null);
                out.push(Conflict {
                    kind: target,
                    id: target_id,
                    name,
                    field: None,
                    base,
                    mine,
                    theirs,
                    mine_by: None,
                    theirs_by: None,
                });
            }
        }
    }
    out
}

/// The final rows: choices applied, then each deletion conflict settled by restoring the row
/// or by letting the deletion take its dependants along.
pub(crate) fn resolve(plan: &MergePlan, choices: &[Choice]) -> Result<Rows> {
    let (mut rows, _) = merged(plan, choices)?;
    for (n, c) in plan.conflicts.iter().enumerate() {
        if c.field.is_some() {
            continue;
        }
        let wanted = match choice(choices, n) {
            Choice::Mine => &c.mine,
            Choice::Theirs => &c.theirs,
            Choice::Value(_) => {
                return Err(Error::Invalid(
                    "a deleted row can only be kept or left deleted".into(),
                ));
            }
        };
        let of_kind = rows.entry(c.kind).or_default();
        match wanted {
            Value::Object(o) => _ = of_kind.entry(c.id.clone()).or_insert_with(|| o.clone()),
            _ => _ = of_kind.remove(&c.id),
        }
    }
    // Let deletions take their dependants along, as a deletion in the app does: repeat until
    // nothing refers to a missing row.
    loop {
        let mut fixes = Vec::new();
        for (kind, of_kind) in &rows {
            for (id, row) in of_kind {
                for (field, target, on_delete) in kind.references() {
                    let Some(t) = row.get(field.name).and_then(Value::as_str) else {
                        continue;
                    };
                    if !rows
                        .get(&target)
                        .is_some_and(|r| r.contains_key(&Id(t.to_owned())))
                    {
                        fixes.push((*kind, id.clone(), field, on_delete));
                    }
                }
            }
        }
        if fixes.is_empty() {
            return Ok(rows);
        }
        for (kind, id, field, on_delete) in fixes {
            let of_kind = rows.entry(kind).or_default();
            match on_delete {
                OnDelete::Cascade => _ = of_kind.remove(&id),
                OnDelete::SetNull => {
                    if let Some(r) = of_kind.get_mut(&id) {
                        r.insert(field.name.to_owned(), Value::Null);
                    }
                }
            }
        }
    }
}

/// Applies the merge to `mine` as one edit, settling conflicts with `choices` (one per
/// conflict, in order; missing ones mean "mine"), and remembers their state as merged.
pub fn apply(mine: &mut Workbook, plan: &MergePlan, choices: &[Choice]) -> Result<MergeReport> {
    let target = resolve(plan, choices)?;
    let label = format!("Merge a colleague's copy ({})", plan.theirs_name);
    let theirs_content = plan.theirs_content.clone();
    mine.edit(&label, |e| {
        let current = diff::rows_of(&Content::read(e.reader())?)?;
        // The merge was worked out from the workbook as it was then; applied to anything else
        // it would undo the edits made since.
        if current != plan.mine {
            return Err(Error::Invalid(
                "this workbook changed while the merge was being worked out; start the merge again"
                    .into(),
            ));
        }
        let report = apply_rows(e, &current, &target)?;
        if !report.is_empty() {
            let base = Base {
                at: crate::model::now().0,
                edit_id: Some(e.id()),
                content: theirs_content,
            };
            let theirs = Lineage::MergeBase(&plan.theirs_identity);
            lineage::put_base(&e.bookkeeping(), theirs, &base)?;
        }
        Ok(report)
    })
}

/// Makes the rows of the workbook in `e` equal to `target`, row by row, each change recorded.
pub fn apply_rows(
    e: &mut crate::store::edit::Edit<'_>,
    current: &Rows,
    target: &Rows,
) -> Result<MergeReport> {
    let empty = BTreeMap::new();
    let mut report = MergeReport::default();
    for &kind in Kind::ALL {
        let (cur, tgt) = (
            current.get(&kind).unwrap_or(&empty),
            target.get(&kind).unwrap_or(&empty),
        );
        for (id, row) in tgt {
            match cur.get(id) {
                None => {
                    e.insert_verbatim(kind, row.clone())?;
                    report.added += 1;
                }
                Some(old) => {
                    let fields: Vec<(Field, Value)> = changed_fields(kind, old, row)
                        .into_iter()
                        .map(|f| (f.field, f.after))
                        .collect();
                    if !fields.is_empty() {
                        e.set_fields(kind, id, &fields)?;
                        report.changed += 1;
                    }
                }
            }
        }
    }
    for &kind in Kind::ALL.iter().rev() {
        let (cur, tgt) = (
            current.get(&kind).unwrap_or(&empty),
            target.get(&kind).unwrap_or(&empty),
        );
        for id in cur.keys().filter(|id| !tgt.contains_key(*id)) {
            // A deletion earlier in this loop may already have taken this row along.
            if e.reader().get_object(kind, id)?.is_some() {
                e.delete(kind, id)?;
            }
            report.removed += 1;
        }
    }
    Ok(report)
}

/// Updates `wb` to hold exactly `content` (rows matched by id), as one edit with every change
/// recorded: what `planbook import-json --into` does.
pub fn import_into(wb: &mut Workbook, content: &Content) -> Result<MergeReport> {
    if content.plan.id != wb.plan()?.id {
        return Err(Error::Invalid(
            "the JSON holds a different workbook (its plan has another id); use import-json -o to make a new workbook from it"
                .into(),
        ));
    }
    make_equal(wb, content, "Update from JSON")
}

/// Makes `wb` hold exactly `content` (of the same workbook), as one edit labelled `label`.
pub fn make_equal(wb: &mut Workbook, content: &Content, label: &str) -> Result<MergeReport> {
    if content.plan.id != wb.plan()?.id {
        return Err(Error::Invalid("that content is of another workbook".into()));
    }
    let target = diff::rows_of(content)?;
    wb.edit(label, |e| {
        let current = diff::rows_of(&Content::read(e.reader())?)?;
        apply_rows(e, &current, &target)
    })
}
