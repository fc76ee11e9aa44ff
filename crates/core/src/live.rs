//! What a program showing an open workbook keeps beside it, so that an edit costs what it
//! touched and not what the workbook holds: the plan-health findings (`check::live`) and the
//! search index (`store/search_index.rs`), both kept current from each edit's
//! [`Changes`]. An edit made through [`Live::edit`] returns what it changed, with the
//! findings that appeared and went.
//!
//! Each is built when first asked for, from the workbook's content. Both remember SQLite's
//! count of the rows the connection has changed as of their last update: a write that did not
//! come through [`Live::edit`] (a merge, a restore) moves the count, and the next use builds
//! them again rather than trusting them.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::Workbook;
use crate::check::{Finding, HealthChange, LiveHealth};
use crate::document::{MeasureChart, measure_charts};
use crate::error::Result;
use crate::model::{Kind, Measure, Reading};
use crate::search::SearchHit;
use crate::store::Changes;
use crate::store::search_index::SearchIndex;
use crate::thread::{self, Thread, ThreadView};

/// What a program showing a workbook reads beside its rows, worked out by core so that no
/// window works it out again: the golden thread (`thread`) and each measure's chart
/// (`document::chart`, the plan document's own model). Read whole on opening; an edit that
/// changes either reports it in its [`Changes`] (`thread`, `charts`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Derived {
    pub thread: ThreadView,
    pub charts: Vec<MeasureChart>,
}

impl Derived {
    pub fn read(w: &Workbook) -> Result<Derived> {
        Ok(Derived {
            thread: Thread::read(w)?.view(),
            charts: charts(w)?,
        })
    }
}

fn charts(w: &Workbook) -> Result<Vec<MeasureChart>> {
    Ok(measure_charts(&w.list::<Measure>()?, &w.list::<Reading>()?))
}

/// Whether the edit changed a measure or a reading, and so perhaps a chart.
fn charts_touched(changes: &Changes) -> bool {
    let charted = |k: Kind| matches!(k, Kind::Measure | Kind::Reading);
    changes.rows.iter().any(|r| charted(r.kind()))
        || changes.removed.iter().any(|r| charted(r.kind))
}

/// One open workbook's kept findings and search index.
#[derive(Debug, Default)]
pub struct Live {
    health: Option<Kept<LiveHealth>>,
    search: Option<Kept<SearchIndex>>,
}

/// A kept state and the workbook's change count it is current with.
#[derive(Debug)]
struct Kept<T> {
    state: T,
    mark: u64,
}

impl<T> Kept<T> {
    fn current(kept: &Option<Kept<T>>, w: &Workbook) -> bool {
        kept.as_ref()
            .is_some_and(|k| k.mark == w.reader().total_changes())
    }
}

impl Live {
    pub fn new() -> Live {
        Live::default()
    }

    /// Every finding as of `today`, in `plan_health`'s order, checked in full from the file
    /// (the app asks on opening and after a merge or a restore); the kept findings start
    /// again from these.
    pub fn plan_health(&mut self, w: &Workbook, today: NaiveDate) -> Result<Vec<Finding>> {
        let (health, listed) = LiveHealth::new(&w.content()?, today);
        self.health = Some(Kept {
            state: health,
            mark: w.reader().total_changes(),
        });
        Ok(listed)
    }

    /// Runs one edit, undo or redo `f` on `w` and returns its result with what it changed:
    /// the rows (from the change log, see `store::changes`) and the findings that appeared
    /// and went as of `today`. The kept findings and search index are patched, not rebuilt.
    pub fn edit<R>(
        &mut self,
        w: &mut Workbook,
        today: NaiveDate,
        f: impl FnOnce(&mut Workbook) -> Result<R>,
    ) -> Result<(R, Changes)> {
        let health_current = Kept::current(&self.health, w);
        let search_current = Kept::current(&self.search, w);
        let out = match f(w) {
            Ok(out) => out,
            Err(e) => {
                // A failed edit is rolled back whole (it is one transaction), so what was
                // current still is, though SQLite counted the rows it wrote and undid.
                let mark = w.reader().total_changes();
                for (current, kept) in [
                    (health_current, self.health.as_mut().map(|k| &mut k.mark)),
                    (search_current, self.search.as_mut().map(|k| &mut k.mark)),
                ] {
                    if let (true, Some(kept)) = (current, kept) {
                        *kept = mark;
                    }
                }
                return Err(e);
            }
        };
        let mut changes = w.last_changes()?;
        // Read whole when touched (links and readings are small beside the content); the
        // window replaces what it held.
        if thread::touched_by(&changes) {
            changes.thread = Some(Thread::read(w)?.view());
        }
        if charts_touched(&changes) {
            changes.charts = Some(charts(w)?);
        }
        let mark = w.reader().total_changes();
        changes.health = match (&mut self.health, health_current) {
            (Some(kept), true) => {
                kept.mark = mark;
                kept.state.apply(&changes, today)
            }
            // Not checked yet, or changed behind its back: check in full, and report the
            // difference from what was kept (everything, if nothing was).
            (kept, _) => {
                let before: Vec<Finding> = kept
                    .as_ref()
                    .map(|k| k.state.findings().cloned().collect())
                    .unwrap_or_default();
                let (health, _) = LiveHealth::new(&w.content()?, today);
                let change = difference(&before, health.findings());
                *kept = Some(Kept {
                    state: health,
                    mark,
                });
                change
            }
        };
        match (&mut self.search, search_current) {
            (Some(kept), true) => {
                kept.state.apply(&changes)?;
                kept.mark = mark;
            }
            // Built again when next searched.
            (kept, _) => *kept = None,
        }
        Ok((out, changes))
    }

    /// Every field of every item containing `query` (see [`crate::search::search`]),
    /// through the kept index.
    pub fn search(&mut self, w: &Workbook, query: &str) -> Result<Vec<SearchHit>> {
        if !Kept::current(&self.search, w) {
            self.search = Some(Kept {
                state: SearchIndex::build(&w.content()?)?,
                mark: w.reader().total_changes(),
            });
        }
        match &self.search {
            Some(kept) => crate::search::search_workbook(&kept.state, w.reader(), query),
            None => Ok(Vec::new()),
        }
    }

    /// The kept findings, if any (for tests comparing them with a full check).
    pub fn kept_findings(&self) -> Option<Vec<Finding>> {
        self.health
            .as_ref()
            .map(|k| k.state.findings().cloned().collect())
    }
}

/// The findings that appeared, changed or went between two sets.
fn difference<'a>(before: &[Finding], after: impl Iterator<Item = &'a Finding>) -> HealthChange {
    let old: std::collections::HashMap<&str, &Finding> =
        before.iter().map(|f| (f.key.as_str(), f)).collect();
    let mut change = HealthChange::default();
    let mut seen = std::collections::HashSet::new();
    for f in after {
        seen.insert(f.key.clone());
        if old.get(f.key.as_str()) != Some(&f) {
            change.added.push(f.clone());
        }
    }
    change.removed = before
        .iter()
        .filter(|f| !seen.contains(&f.key))
        .map(|f| f.key.clone())
        .collect();
    change
}
