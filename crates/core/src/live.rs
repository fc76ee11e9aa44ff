//! What a program showing an open workbook keeps beside it, so that an edit costs what it
//! touched and not what the workbook holds: the plan-health findings (`check::live`), the
//! search index (`store/search_index.rs`) and the golden thread (`thread.rs`), each kept
//! current from each edit's [`Changes`]. An edit made through [`Live::edit`] returns what it
//! changed, with the findings that appeared and went and the actions whose serving changed.
//!
//! Each is built when first asked for, from the workbook. Each remembers SQLite's count of
//! the rows the connection has changed as of its last update: a write that did not come
//! through [`Live::edit`] (a merge, a restore) moves the count, and the next use builds it
//! again rather than trusting it.

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
/// changes either reports it in its [`Changes`] (`thread`: the actions whose serving
/// changed; `charts`: every chart).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Derived {
    pub thread: ThreadView,
    pub charts: Vec<MeasureChart>,
}

impl Derived {
    /// Read whole from the file (a program that keeps a [`Live`] asks [`Live::derived`],
    /// which keeps the thread it reads).
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

/// One open workbook's kept findings, search index and golden thread.
#[derive(Debug, Default)]
pub struct Live {
    health: Option<Kept<LiveHealth>>,
    search: Option<Kept<SearchIndex>>,
    thread: Option<Kept<Thread>>,
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

    /// The golden thread and every chart, read from the file (the app asks on opening and
    /// after a merge or a restore); the kept thread starts again from this one.
    pub fn derived(&mut self, w: &Workbook) -> Result<Derived> {
        let thread = Thread::read(w)?;
        let view = thread.view();
        self.thread = Some(Kept {
            state: thread,
            mark: w.reader().total_changes(),
        });
        Ok(Derived {
            thread: view,
            charts: charts(w)?,
        })
    }

    /// Runs one edit, undo or redo `f` on `w` and returns its result with what it changed:
    /// the rows (from the change log, see `store::changes`) and the findings that appeared
    /// and went as of `today`, and the actions whose serving changed. The kept findings,
    /// search index and thread are patched, not rebuilt.
    pub fn edit<R>(
        &mut self,
        w: &mut Workbook,
        today: NaiveDate,
        f: impl FnOnce(&mut Workbook) -> Result<R>,
    ) -> Result<(R, Changes)> {
        let health_current = Kept::current(&self.health, w);
        let search_current = Kept::current(&self.search, w);
        let thread_current = Kept::current(&self.thread, w);
        let out = match f(w) {
            Ok(out) => out,
            Err(e) => {
                // A failed edit is rolled back whole (it is one transaction), so what was
                // current still is, though SQLite counted the rows it wrote and undid.
                let mark = w.reader().total_changes();
                for (current, kept) in [
                    (health_current, self.health.as_mut().map(|k| &mut k.mark)),
                    (search_current, self.search.as_mut().map(|k| &mut k.mark)),
                    (thread_current, self.thread.as_mut().map(|k| &mut k.mark)),
                ] {
                    if let (true, Some(kept)) = (current, kept) {
                        *kept = mark;
                    }
                }
                return Err(e);
            }
        };
        let mut changes = w.last_changes()?;
        // Charts are read whole when touched (readings are small beside the content); the
        // window replaces what it held.
        if charts_touched(&changes) {
            changes.charts = Some(charts(w)?);
        }
        let mark = w.reader().total_changes();
        changes.thread = match (&mut self.thread, thread_current) {
            (Some(kept), true) => {
                kept.mark = mark;
                kept.state.apply(&changes)
            }
            // Not read yet, or changed behind its back: read again and sent whole when this
            // edit touched it (the window read it whole after whatever changed it before).
            (kept, _) if thread::touched_by(&changes) => {
                let state = Thread::read(w)?;
                let whole = state.whole();
                *kept = Some(Kept { state, mark });
                Some(whole)
            }
            (kept, _) => {
                *kept = None;
                None
            }
        };
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

    /// The kept thread, if any (for tests comparing it with a full read).
    pub fn kept_thread(&self) -> Option<ThreadView> {
        self.thread.as_ref().map(|k| k.state.view())
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
