//! `cargo bench -p planbook-core --bench edit`: what one edit costs the desktop app, on the
//! Our Dorset example and generated workbooks of 1,000 and 10,000 actions. Prints a table;
//! asserts nothing.
//!
//! For a few hundred edits of one action's title, each committed on its own (one
//! transaction, synced to disk, as every edit is), the median and 99th percentile of
//! - `commit`: the edit itself (`Workbook::set`);
//! - `changes`: reading back what it changed (`Workbook::last_changes`);
//! - `health`: updating the kept findings from those changes (`LiveHealth::apply`);
//! - `index`: updating the kept search index from them (`SearchIndex::apply`);
//! - `total`: the three together, which is what an editing command now costs;
//!
//! then a search through the kept index (`search_workbook`, "care" and "digital
//! appointments") and, for comparison, what each edit cost before: reading the whole content
//! again and checking its health in full (`content` + `plan_health`, as the window did after
//! every edit), and a search reading every text (`search::search` of the content).
//!
//! Last, what an edit that changes a link adds (issue 9): reading the golden thread again from
//! the links (`Thread::read` + `view`, which `Live::edit` sent whole in the edit's changes
//! until the thread was kept) and the size of that answer as JSON.
//!
//! Then a second table, for link edits (an action linked to an outcome, then unlinked, 100
//! edits) and moves of an outcome (10): the median and 99th percentile of the commit, the
//! changes read back, the health update, and the kept thread patched from the changes
//! (`Thread::apply`, what `Live::edit` does now); `total` is the four together. `before` is the
//! same edit as it was, the thread read again whole instead of patched (`Thread::read` +
//! `view`, on every tenth edit), and the reply's size as JSON, before (the changes with the
//! whole thread) and now (with the thread's change), at the median.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use planbook_core::check::{LiveHealth, plan_health};
use planbook_core::model::{Action, ActionOutcome, Kind, Outcome};
use planbook_core::search::{search, search_workbook};
use planbook_core::store::search_index::SearchIndex;
use planbook_core::thread::Thread;
use planbook_core::{Content, Start, Workbook, example, generate};
use serde_json::json;

const EDITS: usize = 300;

/// How each workbook measured is made.
type MakeContent = fn() -> Content;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median and the 99th percentile.
fn spread(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let at = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
    (at(0.5), at(0.99))
}

fn timed<R>(f: impl FnOnce() -> R) -> (R, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    println!(
        "{:<16} {:>15} {:>15} {:>15} {:>15} {:>15} | {:>10} {:>10} | {:>15} {:>10} | {:>9} {:>9}",
        "workbook",
        "commit p50/p99",
        "changes",
        "health",
        "index",
        "total",
        "search ms",
        "index ms",
        "before: re-read",
        "old search",
        "thread ms",
        "thread KB"
    );
    let cases: [(&str, MakeContent); 3] = [
        ("example", || {
            example::content("our-dorset").expect("example")
        }),
        ("1,000 actions", || {
            generate::content(1_000, 1).expect("generate")
        }),
        ("10,000 actions", || {
            generate::content(10_000, 1).expect("generate")
        }),
    ];
    let mut links = Vec::new();
    for (name, content) in cases {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut w = Workbook::create(
            &dir.path().join("bench.sqlite"),
            Start::Content(Box::new(content())),
        )
        .expect("create");
        let start = w.content().expect("content");
        let (mut health, _) = LiveHealth::new(&start, today);
        let (index, built) = timed(|| SearchIndex::build(&start).expect("index"));
        let mut index = index;
        let actions = w.list::<Action>().expect("actions");
        let mut times: [Vec<Duration>; 5] = Default::default();
        for n in 0..EDITS {
            let action = &actions[(n * 7) % actions.len()];
            let title = json!(format!("{} (edit {n})", action.title));
            let ((), commit) = timed(|| {
                w.set(Kind::Action, &action.id, "title", title)
                    .expect("edit")
            });
            let (changes, read) = timed(|| w.last_changes().expect("changes"));
            assert_eq!(changes.rows.len(), 1, "one row changed");
            let (_, checked) = timed(|| health.apply(&changes, today));
            let ((), indexed) = timed(|| index.apply(&changes).expect("index"));
            for (list, t) in times.iter_mut().zip([
                commit,
                read,
                checked,
                indexed,
                commit + read + checked + indexed,
            ]) {
                list.push(t);
            }
        }
        let mut searches = Vec::new();
        for _ in 0..10 {
            for query in ["care", "digital appointments"] {
                let (_, t) = timed(|| search_workbook(&index, w.reader(), query).expect("search"));
                searches.push(t);
            }
        }
        let mut before = Vec::new();
        let mut old_search = Vec::new();
        for _ in 0..5 {
            let (c, read) = timed(|| w.content().expect("content"));
            let (_, checked) = timed(|| plan_health(&c, today));
            before.push(read + checked);
            let (_, t) = timed(|| search(&w.content().expect("content"), "care"));
            old_search.push(t);
        }
        let mut threads = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let (view, t) = timed(|| Thread::read(&w).expect("thread").view());
            threads.push(t);
            size = serde_json::to_vec(&view).expect("json").len();
        }
        let cell = |(a, b): (f64, f64)| format!("{a:.2}/{b:.2}");
        let [commit, read, checked, indexed, total] = times.map(spread);
        println!(
            "{name:<16} {:>15} {:>15} {:>15} {:>15} {:>15} | {:>10.2} {:>10.1} | {:>15.1} {:>10.1} | {:>9.1} {:>9}",
            cell(commit),
            cell(read),
            cell(checked),
            cell(indexed),
            cell(total),
            spread(searches).0,
            ms(built),
            spread(before).0,
            spread(old_search).0,
            spread(threads).0,
            size / 1024,
        );
        links.push((name, link_edits(&mut w, &mut health, today)));
    }
    println!(
        "\n{:<16} {:>6} {:>15} {:>15} {:>15} {:>15} {:>15} | {:>11} {:>10} {:>10}",
        "workbook",
        "edits",
        "commit p50/p99",
        "changes",
        "health",
        "thread",
        "total",
        "before ms",
        "before KB",
        "reply KB"
    );
    for (name, rows) in links {
        for row in rows {
            println!("{name:<16} {row}");
        }
    }
}

/// One line of the link edits' table: what kind of edit, and its figures.
struct LinkRow {
    what: &'static str,
    times: [Vec<Duration>; 5],
    before: Vec<Duration>,
    before_size: Vec<usize>,
    size: Vec<usize>,
}

impl std::fmt::Display for LinkRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cell = |(a, b): (f64, f64)| format!("{a:.2}/{b:.2}");
        let median = |v: &[usize]| {
            let mut v = v.to_vec();
            v.sort();
            v[v.len() / 2] as f64 / 1024.0
        };
        let [commit, read, checked, thread, total] = self.times.clone().map(spread);
        write!(
            f,
            "{:>6} {:>15} {:>15} {:>15} {:>15} {:>15} | {:>11.1} {:>10.1} {:>10.1}",
            self.what,
            cell(commit),
            cell(read),
            cell(checked),
            cell(thread),
            cell(total),
            spread(self.before.clone()).0,
            median(&self.before_size),
            median(&self.size),
        )
    }
}

/// Link edits and moves of an outcome, each committed on its own, with the thread kept.
fn link_edits(w: &mut Workbook, health: &mut LiveHealth, today: NaiveDate) -> Vec<LinkRow> {
    let mut thread = Thread::read(w).expect("thread");
    let actions = w.list::<Action>().expect("actions");
    let outcomes = w.list::<Outcome>().expect("outcomes");
    let linked: std::collections::HashSet<(String, String)> = w
        .list::<ActionOutcome>()
        .expect("links")
        .into_iter()
        .map(|l| (l.action_id.0, l.outcome_id.0))
        .collect();
    let mut pairs = (0..).map(|n| {
        (
            &actions[(n * 7) % actions.len()],
            &outcomes[(n * 3) % outcomes.len()],
        )
    });
    let mut rows = Vec::new();
    for (what, count) in [("link", 100), ("move", 10)] {
        let mut row = LinkRow {
            what,
            times: Default::default(),
            before: Vec::new(),
            before_size: Vec::new(),
            size: Vec::new(),
        };
        let mut pair = None;
        for n in 0..count {
            let ((), commit) = timed(|| match what {
                "link" if n % 2 == 0 => {
                    let (a, o) = pairs
                        .by_ref()
                        .find(|(a, o)| !linked.contains(&(a.id.0.clone(), o.id.0.clone())))
                        .expect("a pair not linked");
                    w.link(Kind::ActionOutcome, &a.id, &o.id).expect("link");
                    pair = Some((a, o));
                }
                "link" => {
                    let (a, o) = pair.take().expect("linked");
                    w.unlink(Kind::ActionOutcome, &a.id, &o.id).expect("unlink");
                }
                _ => {
                    let o = &outcomes[(n * 5) % outcomes.len()];
                    w.move_to(Kind::Outcome, &o.id, (n * 11) % outcomes.len())
                        .expect("move");
                }
            });
            let (mut changes, read) = timed(|| w.last_changes().expect("changes"));
            let (_, checked) = timed(|| health.apply(&changes, today));
            let (change, patched) = timed(|| thread.apply(&changes));
            changes.thread = change;
            for (list, t) in row.times.iter_mut().zip([
                commit,
                read,
                checked,
                patched,
                commit + read + checked + patched,
            ]) {
                list.push(t);
            }
            let size = serde_json::to_vec(&changes).expect("json").len();
            row.size.push(size);
            if n % 10 == 0 {
                let (view, t) = timed(|| Thread::read(w).expect("thread").view());
                let sent = serde_json::to_vec(&changes.thread).expect("json").len();
                row.before.push(commit + read + checked + t);
                row.before_size
                    .push(size - sent + serde_json::to_vec(&view).expect("json").len());
            }
        }
        rows.push(row);
    }
    rows
}
