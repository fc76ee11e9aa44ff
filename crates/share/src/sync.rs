//! Publishing a workbook as a shared plan, joining one, and syncing: the steps of
//! `planbook_core::sync::shared` against a server.

use std::path::Path;

use planbook_core::sync::merge::{Choice, Conflict, MergeReport};
use planbook_core::sync::shared::{self, SharedBase, SharedLink};
use planbook_core::{Content, Start, Workbook};

use crate::address::Address;
use crate::error::{Result, ShareError};
use crate::remote::{Pushed, Remote};

/// How a sync settles conflicts.
#[derive(Debug, Clone, PartialEq)]
pub enum Settle {
    /// Not at all: a sync that finds conflicts changes nothing and reports them.
    Ask,
    /// Every conflict one way.
    AllMine,
    AllTheirs,
    /// One choice per conflict, in the order the last report listed them.
    Each(Vec<Choice>),
}

/// What one sync did.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    /// How many of others' edits came, from whom, and what they changed here.
    pub received: usize,
    pub authors: Vec<String>,
    pub came: MergeReport,
    /// How many row changes went to the server (0 if none).
    pub sent: usize,
    /// The plan's latest edit on the server, as this workbook now has it.
    pub seq: i64,
    /// Conflicts found and not settled: nothing was changed, here or on the server.
    pub conflicts: Vec<Conflict>,
    /// How many times a push found the server had moved on and was merged again.
    pub retries: usize,
}

fn linked(wb: &Workbook) -> Result<SharedLink> {
    shared::link(wb.reader())?.ok_or(ShareError::NotLinked)
}

/// Makes a shared plan called `name` from `wb` on the server at `addr`, and links `wb` to it.
pub fn publish(wb: &mut Workbook, addr: &Address, name: &str) -> Result<SharedLink> {
    if let Some(link) = shared::link(wb.reader())? {
        return Err(ShareError::AlreadyShared(format!(
            "this workbook is already linked to the shared plan “{}” on {}",
            link.plan, link.server
        )));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(ShareError::BadAddress("a shared plan needs a name".into()));
    }
    let remote = Remote::connect(addr)?;
    remote.check_format()?;
    let content = wb.content()?;
    let id = content.plan.id.0.clone();
    let start = serde_json::to_value(&content).map_err(|e| ShareError::Server(e.to_string()))?;
    remote.publish(&id, name, &start)?;
    let link = SharedLink {
        server: addr.shown().to_owned(),
        plan_id: id,
        plan: name.to_owned(),
    };
    shared::start(wb, &link, &SharedBase { seq: 0, content })?;
    Ok(link)
}

/// Makes a new workbook at `out` from the shared plan `name`, linked to it.
pub fn join(addr: &Address, name: &str, out: &Path) -> Result<Workbook> {
    let remote = Remote::connect(addr)?;
    remote.check_format()?;
    let plan = remote.plan_named(name)?;
    let start: Content = serde_json::from_value(plan.start).map_err(|e| {
        ShareError::Server(format!(
            "the shared plan's starting content cannot be read ({e})"
        ))
    })?;
    let received = remote.edits_since(&plan.id, 0)?;
    let mut rows = planbook_core::sync::diff::rows_of(&start)?;
    let mut seq = 0;
    for edit in &received {
        shared::apply_ops(&mut rows, &edit.ops)?;
        seq = edit.seq;
    }
    let content = planbook_core::sync::diff::content_of(&rows, &start)?;
    let mut wb = Workbook::create(out, Start::Content(Box::new(content.clone())))?;
    let link = SharedLink {
        server: addr.shown().to_owned(),
        plan_id: plan.id,
        plan: plan.name,
    };
    shared::start(&mut wb, &link, &SharedBase { seq, content })?;
    Ok(wb)
}

/// Connects to the server `wb` is linked to.
pub fn connect(wb: &Workbook) -> Result<Remote> {
    let link = linked(wb)?;
    let remote = Remote::connect(&Address::parse(&link.server)?)?;
    remote.check_format()?;
    Ok(remote)
}

/// The workbook as a sync reaches it, one step at a time, so a program that keeps it behind a
/// lock (the app) holds the lock only for the steps that read or change the workbook and
/// never across a call to the server.
pub trait Held {
    /// Runs `f` with the workbook.
    fn with<R>(&mut self, f: impl FnOnce(&mut Workbook) -> Result<R>) -> Result<R>;

    /// Runs the step that merges others' edits in (and works out what goes). The app runs it
    /// through its kept state so the window gets the rows that changed.
    fn pull(&mut self, f: impl FnOnce(&mut Workbook) -> Result<Pulled>) -> Result<Pulled> {
        self.with(f)
    }

    /// Runs a step that writes only the record of the shared plan (its base, after a push),
    /// never a row.
    fn keep(&mut self, f: impl FnOnce(&mut Workbook) -> Result<()>) -> Result<()> {
        self.with(f)
    }
}

/// A workbook held by the caller for the whole sync (the CLI, the tests).
struct Whole<'a>(&'a mut Workbook);

impl Held for Whole<'_> {
    fn with<R>(&mut self, f: impl FnOnce(&mut Workbook) -> Result<R>) -> Result<R> {
        f(self.0)
    }
}

/// What the merging step did.
#[derive(Debug, Clone)]
pub enum Pulled {
    /// Conflicts found with [`Settle::Ask`]: nothing was changed.
    Conflicts(Vec<Conflict>),
    /// Others' edits merged in (`came`), the base moved to `seq`, and `ops` to send.
    Merged {
        came: MergeReport,
        seq: i64,
        authors: Vec<String>,
        ops: Vec<shared::Op>,
    },
}

impl Pulled {
    /// Whether it changed rows here (not only the record of the shared plan).
    pub fn changed_rows(&self) -> bool {
        matches!(self, Pulled::Merged { came, .. } if !came.is_empty())
    }
}

/// Pushes and pulls once: others' edits are merged in (conflicts settled as `settle` says,
/// or, with [`Settle::Ask`], reported with nothing changed), then this workbook's own go.
/// When the server moved on in between, it merges again, up to a limit.
pub fn sync(wb: &mut Workbook, remote: &Remote, settle: &Settle) -> Result<SyncReport> {
    sync_held(&mut Whole(wb), remote, settle)
}

/// [`sync`] step by step: the server's edits fetched without the workbook, merged in with
/// it, what goes worked out with it, pushed without it, and the base moved with it.
pub fn sync_held(h: &mut impl Held, remote: &Remote, settle: &Settle) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    const ATTEMPTS: usize = 50;
    for attempt in 0..ATTEMPTS {
        report.retries = attempt;
        let (link, base) =
            h.with(|wb| Ok((linked(wb)?, shared::base(wb.reader())?.map_or(0, |b| b.seq))))?;
        let received = remote.edits_since(&link.plan_id, base)?;
        // Nothing came and nothing was edited here since the last sync: nothing to do, and
        // no need to read the workbook's content.
        if received.is_empty() && h.with(|wb| Ok(shared::unchanged_since_sync(wb.reader())?))? {
            report.seq = base;
            return Ok(report);
        }
        let pulled = h.pull(|wb| {
            let pull = shared::plan_pull(wb, &received)?;
            let conflicts = &pull.merge().conflicts;
            let choices = match settle {
                _ if conflicts.is_empty() => Vec::new(),
                Settle::Ask => return Ok(Pulled::Conflicts(conflicts.clone())),
                Settle::AllMine => vec![Choice::Mine; conflicts.len()],
                Settle::AllTheirs => vec![Choice::Theirs; conflicts.len()],
                Settle::Each(c) => c.clone(),
            };
            let came = shared::apply_pull(wb, &pull, &choices)?;
            Ok(Pulled::Merged {
                came,
                seq: pull.seq,
                authors: pull.authors,
                ops: shared::outgoing(wb)?,
            })
        })?;
        let (came, seq, authors, ops) = match pulled {
            Pulled::Conflicts(conflicts) => {
                report.conflicts = conflicts;
                report.seq = base;
                return Ok(report);
            }
            Pulled::Merged {
                came,
                seq,
                authors,
                ops,
            } => (came, seq, authors, ops),
        };
        report.received += received.len();
        for a in authors {
            if !report.authors.contains(&a) {
                report.authors.push(a);
            }
        }
        report.came.added += came.added;
        report.came.changed += came.changed;
        report.came.removed += came.removed;
        report.seq = seq;
        if ops.is_empty() {
            return Ok(report);
        }
        let id = uuid::Uuid::new_v4().to_string();
        let label = match ops.len() {
            1 => format!("1 change by {}", remote.user()),
            n => format!("{n} changes by {}", remote.user()),
        };
        match remote.push(&link.plan_id, &id, seq, &label, &ops)? {
            Pushed::Accepted(seq) => {
                h.keep(|wb| Ok(shared::pushed(wb, seq, &ops)?))?;
                report.sent = ops.len();
                report.seq = seq;
                return Ok(report);
            }
            // Someone pushed first: merge their edit too, then try again.
            Pushed::Behind(_) => continue,
        }
    }
    Err(ShareError::Server(format!(
        "the shared plan kept changing while this workbook's edits were being sent ({ATTEMPTS} tries); sync again"
    )))
}

/// Gives `role` viewer, editor or owner access to the workbook's shared plan.
pub fn grant(remote: &Remote, plan: &str, role: &str, access: &str) -> Result<()> {
    if !matches!(access, "viewer" | "editor" | "owner") {
        return Err(ShareError::BadAddress(format!(
            "“{access}” is not an access: choose viewer, editor or owner"
        )));
    }
    let plan = remote.plan_named(plan)?;
    remote.grant(&plan.id, role, access)
}
