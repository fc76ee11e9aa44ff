//! A workbook linked to a shared plan on a PostgreSQL server. The `planbook-share` crate talks
//! to the server; everything decided about content is here, so the rules are the ones a merge
//! of an emailed copy follows.
//!
//! The server keeps a plan as the content it was published with and an ordered list of edits,
//! each a list of [`Op`]s. The workbook keeps the plan's state as last received from the server
//! ([`SharedBase`]: the server's number of its latest edit, and the content then). A sync is:
//!
//! 1. **What came**: the server's edits after the base, applied to it ([`apply_ops`]), give
//!    the plan's state on the server now.
//! 2. **The merge** ([`plan_pull`]): three-way, from the base, between this workbook and that
//!    state. A field changed on one side only takes that side's value; the same field changed
//!    differently on both is a conflict the planner settles (never a silent overwrite).
//! 3. [`apply_pull`] applies it here as one edit in the others' names, marked received so
//!    Undo passes it by, and moves the base to the server's state in the same transaction.
//! 4. **What goes** ([`outgoing`]): the ops from the base to this workbook. The server accepts
//!    them only on top of its latest edit (otherwise the client pulls and merges first), and
//!    once it has committed them [`pushed`] moves the base to the base plus those ops.
//!
//! Because what goes is always worked out from content, a push whose acknowledgement was
//! lost is harmless: it comes back with the next pull, both sides agree on it, and nothing is
//! sent twice.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::diff::{self, Rows, changed_fields};
use super::merge::{self, ChangedBy, Choice, MergePlan, MergeReport};
use crate::content::Content;
use crate::error::{Error, Result};
use crate::model::{Id, Kind};
use crate::store::rows::RowObject;
use crate::store::{Lineage, Reader, Workbook};

/// The shared plan a workbook is linked to. Never holds a password: the server's address is
/// kept without one, and the password stays in the operating system's keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedLink {
    /// The server's address, `postgres://user@host:port/database`, without a password.
    pub server: String,
    /// The plan's id on the server (its plan row's id).
    pub plan_id: String,
    /// The plan's name on the server.
    pub plan: String,
}

/// The shared plan's state as last received from the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedBase {
    /// The number the server gave its latest edit then (0 before any).
    pub seq: i64,
    pub content: Content,
}

/// One change to one row, as the server keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// A new row, whole.
    Insert {
        kind: String,
        id: String,
        row: RowObject,
    },
    /// The fields of a row that changed, with their new values.
    Update {
        kind: String,
        id: String,
        fields: RowObject,
    },
    /// A row removed.
    Delete { kind: String, id: String },
}

impl Op {
    fn row(&self) -> (&str, &str) {
        match self {
            Op::Insert { kind, id, .. } | Op::Update { kind, id, .. } | Op::Delete { kind, id } => {
                (kind, id)
            }
        }
    }
}

/// One edit received from the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// Its number on the server: edits are applied in this order.
    pub seq: i64,
    /// Its id, made by the client that pushed it.
    pub id: String,
    /// The server role (the planner) that pushed it.
    pub author: String,
    /// When the server committed it (RFC 3339).
    pub at: String,
    pub label: String,
    pub ops: Vec<Op>,
}

/// The ops that turn `from` into `to`: new and changed rows parents first, removed rows
/// dependants first (so each op applies to a complete workbook).
pub fn ops_between(from: &Rows, to: &Rows) -> Vec<Op> {
    let empty = BTreeMap::new();
    let mut ops = Vec::new();
    for &kind in Kind::ALL {
        let (a, b) = (
            from.get(&kind).unwrap_or(&empty),
            to.get(&kind).unwrap_or(&empty),
        );
        for (id, row) in b {
            match a.get(id) {
                None => ops.push(Op::Insert {
                    kind: kind.table().into(),
                    id: id.0.clone(),
                    row: row.clone(),
                }),
                Some(old) => {
                    let fields: RowObject = changed_fields(kind, old, row)
                        .into_iter()
                        .map(|f| (f.field.name.to_owned(), f.after))
                        .collect();
                    if !fields.is_empty() {
                        ops.push(Op::Update {
                            kind: kind.table().into(),
                            id: id.0.clone(),
                            fields,
                        });
                    }
                }
            }
        }
    }
    for &kind in Kind::ALL.iter().rev() {
        let (a, b) = (
            from.get(&kind).unwrap_or(&empty),
            to.get(&kind).unwrap_or(&empty),
        );
        for id in a.keys().filter(|id| !b.contains_key(*id)) {
            ops.push(Op::Delete {
                kind: kind.table().into(),
                id: id.0.clone(),
            });
        }
    }
    ops
}

/// Applies `ops` to `rows`. An op the rows cannot take (an unknown kind or field, a change to
/// a row that is not there) means the server's record is damaged: refused, nothing guessed.
pub fn apply_ops(rows: &mut Rows, ops: &[Op]) -> Result<()> {
    let damaged = |what: String| Error::Damaged(format!("the shared plan's record {what}"));
    for op in ops {
        let (table, id) = op.row();
        let kind = Kind::from_table(table)
            .ok_or_else(|| damaged(format!("names an unknown kind of item, “{table}”")))?;
        let of_kind = rows.entry(kind).or_default();
        match op {
            Op::Insert { row, .. } => _ = of_kind.insert(Id(id.to_owned()), row.clone()),
            Op::Delete { .. } => _ = of_kind.remove(&Id(id.to_owned())),
            Op::Update { fields, .. } => {
                let row = of_kind.get_mut(&Id(id.to_owned())).ok_or_else(|| {
                    damaged(format!("changes {} {id}, which it does not hold", kind.a()))
                })?;
                for (name, value) in fields {
                    if kind.field(name).is_none() {
                        return Err(damaged(format!(
                            "changes a field {} does not have, “{name}”",
                            kind.a()
                        )));
                    }
                    row.insert(name.clone(), value.clone());
                }
            }
        }
    }
    Ok(())
}

fn get<T: for<'de> Deserialize<'de>>(r: Reader<'_>, what: Lineage<'_>) -> Result<Option<T>> {
    let text: Option<String> = r.query_opt(
        "SELECT value FROM planbook_meta WHERE key = ?1",
        [what.key().as_ref()],
        |row| row.get(0),
    )?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| {
            Error::Damaged(format!(
                "its record of the shared plan cannot be read ({e})"
            ))
        })
    })
    .transpose()
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Json(e.to_string()))
}

/// The shared plan this workbook is linked to, if any.
pub fn link(r: Reader<'_>) -> Result<Option<SharedLink>> {
    get(r, Lineage::SharedLink)
}

/// The shared plan's state as last received, if the workbook is linked to one.
pub fn base(r: Reader<'_>) -> Result<Option<SharedBase>> {
    get(r, Lineage::SharedBase)
}

fn linked_base(wb: &Workbook) -> Result<SharedBase> {
    base(wb.reader())?.ok_or_else(|| {
        Error::Invalid(
            "this workbook is not linked to a shared plan; publish it or join one first".into(),
        )
    })
}

/// Where the change log stands: the newest edit and how many are done (an undo lowers it, a
/// new edit raises the first), so an unchanged mark means no content changed since.
fn log_mark(r: Reader<'_>) -> Result<String> {
    let (newest, done): (i64, i64) = r.query_row(
        "SELECT coalesce(max(id), 0), count(*) FILTER (WHERE state = 'done') FROM edit",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(format!("{newest}/{done}"))
}

fn mark_seen(bk: &crate::store::Bookkeeping<'_>) -> Result<()> {
    bk.put_lineage(Lineage::SharedSeen, &log_mark(bk.reader())?)
}

/// Whether nothing was edited here since the last sync: then, with nothing received,
/// a sync has nothing to do and need not read the workbook's content.
pub fn unchanged_since_sync(r: Reader<'_>) -> Result<bool> {
    let seen: Option<String> = r.query_opt(
        "SELECT value FROM planbook_meta WHERE key = ?1",
        [Lineage::SharedSeen.key().as_ref()],
        |row| row.get(0),
    )?;
    Ok(seen.is_some_and(|s| s == log_mark(r).unwrap_or_default()))
}

/// Links `wb` to a shared plan whose state on the server is `base` (on publishing, the
/// workbook's own content at 0; on joining, the plan as the workbook was made from it).
pub fn start(wb: &mut Workbook, link: &SharedLink, base: &SharedBase) -> Result<()> {
    if has_password(&link.server) {
        return Err(Error::Invalid(
            "a shared plan's address is kept without its password; the password belongs in the keychain".into(),
        ));
    }
    let (link, base) = (json(link)?, json(base)?);
    wb.keep(|bk| {
        bk.put_lineage(Lineage::SharedLink, &link)?;
        bk.put_lineage(Lineage::SharedBase, &base)?;
        mark_seen(bk)
    })
}

/// Whether a `postgres://` address carries a password (`user:password@`).
pub fn has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    authority
        .rsplit_once('@')
        .is_some_and(|(user, _)| user.contains(':'))
}

/// What a pull would do: the merge of the server's state into this workbook.
#[derive(Debug, Clone)]
pub struct Pull {
    merge: MergePlan,
    /// The server's latest edit, which becomes the base.
    pub seq: i64,
    /// How many edits came, and from whom (in the order they first appear).
    pub edits: usize,
    pub authors: Vec<String>,
}

impl Pull {
    pub fn merge(&self) -> &MergePlan {
        &self.merge
    }

    /// Whether it would change nothing here and leave nothing to settle.
    pub fn is_empty(&self) -> Result<bool> {
        let (_, mine, _) = self.merge.rows();
        Ok(self.merge.conflicts.is_empty() && &merge::resolve(&self.merge, &[])? == mine)
    }
}

/// Works out the merge of the server's edits after the base (`received`, in order) into
/// `wb`. Conflicts name who made each side: the planner here, and the server's author.
pub fn plan_pull(wb: &Workbook, received: &[Received]) -> Result<Pull> {
    let base = linked_base(wb)?;
    let link = link(wb.reader())?.map(|l| l.plan).unwrap_or_default();
    let mut theirs = diff::rows_of(&base.content)?;
    let mut seq = base.seq;
    let mut authors: Vec<String> = Vec::new();
    for edit in received {
        if edit.seq != seq + 1 {
            return Err(Error::Damaged(format!(
                "the shared plan's edits arrived out of order (edit {} after {seq})",
                edit.seq
            )));
        }
        apply_ops(&mut theirs, &edit.ops)?;
        seq = edit.seq;
        if !authors.contains(&edit.author) {
            authors.push(edit.author.clone());
        }
    }
    let theirs_content = diff::content_of(&theirs, &base.content)?;
    let mut merge = merge::plan_of(
        diff::rows_of(&base.content)?,
        diff::rows_of(&wb.content()?)?,
        theirs,
        theirs_content,
        format!("shared:{}", base.content.plan.id.0),
        format!("the shared plan “{link}”"),
    )?;
    for c in &mut merge.conflicts {
        c.mine_by = merge::last_change(wb, c)?;
        c.theirs_by = last_received(received, c);
    }
    Ok(Pull {
        merge,
        seq,
        edits: received.len(),
        authors,
    })
}

fn last_received(received: &[Received], c: &merge::Conflict) -> Option<ChangedBy> {
    received.iter().rev().find_map(|edit| {
        edit.ops
            .iter()
            .any(|op| {
                let (kind, id) = op.row();
                let field_hit = match (op, c.field) {
                    (Op::Update { fields, .. }, Some(f)) => fields.contains_key(f.name),
                    _ => true,
                };
                kind == c.kind.table() && id == c.id.0 && field_hit
            })
            .then(|| ChangedBy {
                who: edit.author.clone(),
                at: edit.at.clone(),
            })
    })
}

/// Applies a pull, settling its conflicts with `choices` (one per conflict, in order; missing
/// ones mean "mine"), as one edit in the authors' names, and moves the base to the server's
/// state, in the same transaction. A pull that changes nothing here only moves the base.
pub fn apply_pull(wb: &mut Workbook, pull: &Pull, choices: &[Choice]) -> Result<MergeReport> {
    let mut target = merge::resolve(&pull.merge, choices)?;
    renumber_clashes(pull, &mut target);
    let base = json(&SharedBase {
        seq: pull.seq,
        content: pull.merge.their_content().clone(),
    })?;
    let (_, planned_mine, _) = pull.merge.rows();
    let current = diff::rows_of(&wb.content()?)?;
    if &current != planned_mine {
        return Err(Error::Invalid(
            "this workbook changed while the shared plan's edits were being merged; sync again"
                .into(),
        ));
    }
    if &target == planned_mine {
        wb.keep(|bk| bk.put_lineage(Lineage::SharedBase, &base))?;
        return Ok(MergeReport::default());
    }
    // The mark is not moved here: this workbook may still hold edits of its own to send.
    let who = pull.authors.join(", ");
    let label = match pull.edits {
        1 => format!("An edit from the shared plan, by {who}"),
        n => format!("{n} edits from the shared plan, by {who}"),
    };
    wb.edit_received(&label, &who, |e| {
        let report = merge::apply_rows(e, &current, &target)?;
        e.bookkeeping().put_lineage(Lineage::SharedBase, &base)?;
        Ok(report)
    })
}

/// Gives the next free code to each item made here since the base whose code an item that
/// came from the server took meanwhile: two planners adding an action at the same time each
/// got "A11", and a code is how a plan and its trackers name an action. The server's item
/// keeps it (it was there first); the new code goes out with this workbook's own edits.
fn renumber_clashes(pull: &Pull, target: &mut Rows) {
    let (base, _, theirs) = pull.merge.rows();
    let empty = BTreeMap::new();
    for &kind in Kind::ALL {
        if !kind.columns().contains(&"code") {
            continue;
        }
        let (b, t) = (
            base.get(&kind).unwrap_or(&empty),
            theirs.get(&kind).unwrap_or(&empty),
        );
        let Some(rows) = target.get_mut(&kind) else {
            continue;
        };
        let code = |r: &RowObject| {
            r.get("code")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let taken: BTreeSet<String> = t.values().map(code).filter(|c| !c.is_empty()).collect();
        let clashing: Vec<Id> = rows
            .iter()
            .filter(|(id, r)| {
                !b.contains_key(*id) && !t.contains_key(*id) && taken.contains(&code(r))
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in clashing {
            let all: Vec<String> = rows.values().map(code).collect();
            if let Some(next) = crate::codes::next_code(kind, all.iter().map(String::as_str))
                && let Some(row) = rows.get_mut(&id)
            {
                row.insert("code".into(), serde_json::Value::String(next));
            }
        }
    }
}

/// What this workbook would send: the ops from the base to its content now. When there are
/// none, the change log's mark moves, so the next sync knows at once there is nothing new.
pub fn outgoing(wb: &mut Workbook) -> Result<Vec<Op>> {
    let base = linked_base(wb)?;
    let ops = ops_between(
        &diff::rows_of(&base.content)?,
        &diff::rows_of(&wb.content()?)?,
    );
    if ops.is_empty() {
        wb.keep(mark_seen)?;
    }
    Ok(ops)
}

/// How many row changes here are not yet on the server (none, at once, when nothing was
/// edited since the last sync): for the app's "3 edits to send". Reads only.
pub fn unsent(wb: &Workbook) -> Result<usize> {
    if unchanged_since_sync(wb.reader())? {
        return Ok(0);
    }
    let base = linked_base(wb)?;
    Ok(ops_between(
        &diff::rows_of(&base.content)?,
        &diff::rows_of(&wb.content()?)?,
    )
    .len())
}

/// Records that the server committed `ops` as its edit `seq`, on top of the base: the base
/// becomes the base plus those ops (not the workbook as it is now, which may have moved on).
pub fn pushed(wb: &mut Workbook, seq: i64, ops: &[Op]) -> Result<()> {
    let base = linked_base(wb)?;
    if seq != base.seq + 1 {
        return Err(Error::Invalid(format!(
            "the server took the edit as its number {seq}, but this workbook's record of the shared plan ends at {}; sync again",
            base.seq
        )));
    }
    let mut rows = diff::rows_of(&base.content)?;
    apply_ops(&mut rows, ops)?;
    let next = json(&SharedBase {
        seq,
        content: diff::content_of(&rows, &base.content)?,
    })?;
    wb.keep(|bk| {
        bk.put_lineage(Lineage::SharedBase, &next)?;
        // Only if nothing was edited while the push was on its way is all of it sent.
        if shared_content_is(bk.reader(), &rows)? {
            mark_seen(bk)?;
        }
        Ok(())
    })
}

fn shared_content_is(r: Reader<'_>, rows: &Rows) -> Result<bool> {
    let now = diff::rows_of(&Content::read(r)?)?;
    Ok(ops_between(rows, &now).is_empty())
}

/// Where a planner is, as the app says it to others (`kind:id`, the kind as the app names it:
/// "action:…"), in words: "A05 “Community transport”". `None` for no item, or one not here
/// (deleted, or not yet received).
pub fn item_in_words(r: Reader<'_>, item: &str) -> Option<String> {
    let (kind, id) = item.split_once(':')?;
    let kind: Kind = serde_json::from_value(serde_json::Value::String(kind.to_owned())).ok()?;
    let id = Id(id.to_owned());
    crate::model::with_kind!(kind, T => {
        let row: T = r.get(&id).ok()?;
        let value = serde_json::to_value(&row).ok()?;
        Some(crate::store::rows::name_of(kind, value.as_object()?))
    })
}
